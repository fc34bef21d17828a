"""Processing algorithm remix:create_database — the central RE.MIX database and its QGIS project.

Runs ``db init`` (central/database.py: schema, code lists, comuni, roles, policies) on an existing
PostgreSQL database and stores the RE.MIX QGIS project in it (``remix.qgis_projects``), built by
the same code as the GeoPackage's. An existing schema at the current version is kept and only the
project is stored again. Headless: ``qgis_process run remix:create_database -- DATABASE=service=remix``.

DATABASE: a libpq DSN (``service=remix``, ``postgresql://…``, ``host=… dbname=…``) or the name of a
saved QGIS PostgreSQL connection. Light module: the database code loads only when it runs.
"""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterString,
)

from ...crs import SUPPORTED_CRS
from ...i18n import tr, ui_language
from .base import RemixAlgorithm


class CreateDatabaseAlgorithm(RemixAlgorithm):
    GROUP_ID = "database"
    DATABASE = "DATABASE"
    CRS = "CRS"
    PROJECT = "PROJECT"
    SCHEMA_VERSION = "SCHEMA_VERSION"

    def name(self):
        return "create_database"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Create RE.MIX central database")

    def group(self):
        return tr("RE.MIX central database")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Creates the RE.MIX schema (tables, code lists, the 133 comuni, roles and row-level "
            "rights) in an existing PostgreSQL/PostGIS database and stores the RE.MIX QGIS project "
            "in it, with forms, relations and styles. Database: a connection string (service=remix, "
            "postgresql://…) or the name of a saved QGIS PostgreSQL connection. Needs a superuser. "
            "No password is written into the project: the layers connect through the service, the "
            "QGIS authentication configuration or ~/.pgpass of each user."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterString(
            self.DATABASE, tr("Database (connection string or QGIS PostgreSQL connection)")))
        self.addParameter(QgsProcessingParameterCrs(
            self.CRS, tr("Reference system (EPSG:32632 or EPSG:7791)"), defaultValue="EPSG:32632"))
        self.addOutput(QgsProcessingOutputString(self.PROJECT, tr("Stored project")))
        self.addOutput(QgsProcessingOutputString(self.SCHEMA_VERSION, tr("Schema version")))

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS API)
        if not str(parameters.get(self.DATABASE) or "").strip():
            return False, tr("Give the database: a connection string or a QGIS connection name.")
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        if crs.isValid() and crs.authid().upper() not in SUPPORTED_CRS:
            return False, tr("Reference system {crs} is not supported: use EPSG:32632 (WGS 84 / UTM 32N) "
                             "or EPSG:7791 (RDN2008 / UTM 32N).").format(crs=crs.authid())
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...layers.model import SCHEMA_VERSION
        from ...qgis_project.central_storage import create_database

        text = self.parameterAsString(parameters, self.DATABASE, context).strip()
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        authid = crs.authid().upper() if crs.isValid() else "EPSG:32632"
        if authid not in SUPPORTED_CRS:
            raise QgsProcessingException(tr("Reference system {crs} is not supported: use EPSG:32632 "
                                            "(WGS 84 / UTM 32N) or EPSG:7791 (RDN2008 / UTM 32N).")
                                         .format(crs=authid))
        dsn = connection_dsn(text)
        try:
            info, uri = create_database(dsn, crs=authid, language=ui_language(), feedback=feedback)
        except RemixError as exc:
            raise QgsProcessingException(exc.message(ui_language())) from exc
        feedback.pushInfo(tr("RE.MIX project stored in {database}.").format(database=info.name))
        feedback.setProgress(100)
        return {self.PROJECT: uri, self.SCHEMA_VERSION: str(SCHEMA_VERSION)}


def connection_dsn(text):
    """A saved QGIS PostgreSQL connection's name -> its libpq DSN (its authentication configuration
    expanded in memory); anything else is a DSN already."""
    from ...compat import postgres_connections

    connections = postgres_connections()
    if text in connections:
        from qgis.core import QgsDataSourceUri

        return QgsDataSourceUri(connections[text]).connectionInfo(True)
    return text
