"""Processing algorithm remix:publish_web — the static web atlas of the publishable projects.

``INPUT`` a RE.MIX GeoPackage, a central-database DSN (``service=remix``, ``postgresql://…``) or
the name of a saved QGIS PostgreSQL connection (as remix:create_database's DATABASE), ``OUTPUT``
a folder (new, empty or a previous publication),
optional ``FILTER`` (a QGIS expression on the project fields, as remix:atlas_pdf) and ``COMUNI``
(ISTAT codes or names, comma-separated), an optional base map under the comuni
(``BASE_LAYER_TYPE`` xyz|wms, ``BASE_LAYER_URL``, ``BASE_LAYER_LAYERS`` for WMS,
``BASE_LAYER_ATTRIBUTION``; checked by web.publish's own rule). Only projects with
``pubblicabile`` true are published,
whatever the filter says. Headless:
``qgis_process.bin run remix:publish_web -- INPUT=file.gpkg OUTPUT=/path/atlas``.
Light module: the web code is imported when the algorithm runs.
"""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm, store_help, store_of, store_parameter

BASE_LAYER_TYPES = ("", "xyz", "wms")  # the BASE_LAYER_TYPE enum's values (0: none)


def _progetti_layer(source):
    """The projects of ``source`` as a QGIS layer: the GeoPackage's table (OGR) or, for a DSN,
    the central schema's table (postgres provider, the same connection)."""
    from qgis.core import QgsDataSourceUri, QgsVectorLayer

    from ...central.dsn import libpq_dsn, looks_like_dsn

    if not looks_like_dsn(source):
        return QgsVectorLayer(f"{source}|layername=progetti", "progetti", "ogr")
    from ...networks.source import CENTRAL_SCHEMA
    from ...qgis_project.stores import postgres_store_from_dsn

    store, password = postgres_store_from_dsn(libpq_dsn(source))
    uri = QgsDataSourceUri(store.connection_info())
    if password:
        uri.setPassword(password)
    uri.setDataSource(CENTRAL_SCHEMA, "progetti", "")
    return QgsVectorLayer(uri.uri(False), "progetti", "postgres")


def _uuids_matching(source, expression):
    """uuids of the projects of ``source`` for which the QGIS ``expression`` is true."""
    from qgis.core import QgsExpression, QgsFeatureRequest

    parsed = QgsExpression(expression)
    if parsed.hasParserError():
        raise QgsProcessingException(
            tr("Invalid filter expression: {error}").format(error=parsed.parserErrorString())
        )
    layer = _progetti_layer(source)
    if not layer.isValid():
        from ...central.dsn import display_dsn

        raise QgsProcessingException(
            tr("Cannot read the projects of {path}.").format(path=display_dsn(source)))
    request = QgsFeatureRequest(parsed)
    return {feature["uuid"] for feature in layer.getFeatures(request)}


class PublishWebAlgorithm(RemixAlgorithm):
    GROUP_ID = "atlas"
    STORE_PARAMETERS = ("INPUT",)
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    FILTER = "FILTER"
    COMUNI = "COMUNI"
    PROJECTS = "PROJECTS"
    LAVORI = "LAVORI"
    BASE_LAYER_TYPE = "BASE_LAYER_TYPE"
    BASE_LAYER_URL = "BASE_LAYER_URL"
    BASE_LAYER_LAYERS = "BASE_LAYER_LAYERS"
    BASE_LAYER_ATTRIBUTION = "BASE_LAYER_ATTRIBUTION"

    def name(self):
        return "publish_web"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Publish on the web (static atlas)")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Writes a folder that any web server can publish: a map of the projects marked "
            "'pubblicabile', their cards, filters, a summary and the story of their phases. No "
            "personal data (authors, notes) is written. FILTER is an optional QGIS expression on "
            "the project fields; COMUNI an optional list of comuni (ISTAT codes or names). Source: a "
            "RE.MIX GeoPackage, a connection string of the central database (service=remix, "
            "postgresql://…) or the name of a saved QGIS PostgreSQL connection. Optional base map "
            "under the comuni: an XYZ tile address with {z}/{x}/{y} or a WMS address with its "
            "layers, and the credit shown on the map."
        ) + "\n\n" + store_help()

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        # text, as remix:create_database's DATABASE: a file parameter refuses a DSN or a
        # connection name (QgsProcessingParameterFile.checkValueIsAcceptable, also in the dialog)
        self.addParameter(store_parameter(self.INPUT))
        self.addParameter(
            QgsProcessingParameterString(
                self.FILTER, tr("Filter (QGIS expression on the projects)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.COMUNI, tr("Comuni (ISTAT codes or names, comma-separated)"), optional=True
            )
        )
        self.addParameter(QgsProcessingParameterEnum(
            self.BASE_LAYER_TYPE, tr("Base map under the comuni"),
            options=[tr("None"), tr("XYZ tiles"), tr("WMS")], defaultValue=0, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.BASE_LAYER_URL, tr("Base map address (XYZ with {z}/{x}/{y}, or WMS)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.BASE_LAYER_LAYERS, tr("Base map WMS layers (comma-separated)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.BASE_LAYER_ATTRIBUTION, tr("Base map credit"), optional=True))
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT, tr("Web atlas folder")))
        self.addOutput(QgsProcessingOutputNumber(self.PROJECTS, tr("Projects")))
        self.addOutput(QgsProcessingOutputNumber(self.LAVORI, tr("Physical works")))

    def _base_layer(self, parameters, context):
        """publish_web's ``base_layer`` from the BASE_LAYER_* parameters (None: no base map). The
        rules (http(s), {z}/{x}/{y}, WMS layers) are publish_web's own: it refuses before writing."""
        index = self.parameterAsEnum(parameters, self.BASE_LAYER_TYPE, context)
        kind = BASE_LAYER_TYPES[index] if 0 <= index < len(BASE_LAYER_TYPES) else ""
        url = (self.parameterAsString(parameters, self.BASE_LAYER_URL, context) or "").strip()
        if not kind:
            if url:
                raise QgsProcessingException(
                    tr("Choose the type of the base map (XYZ tiles or WMS) for {url}.").format(url=url))
            return None
        layer = {"type": kind, "url": url}
        for key, name in (("layers", self.BASE_LAYER_LAYERS), ("attribution", self.BASE_LAYER_ATTRIBUTION)):
            value = (self.parameterAsString(parameters, name, context) or "").strip()
            if value:
                layer[key] = value
        return layer

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...web.publish import publish_web
        source = store_of(self.parameterAsString(parameters, self.INPUT, context))
        output = self.parameterAsString(parameters, self.OUTPUT, context)
        expression = (self.parameterAsString(parameters, self.FILTER, context) or "").strip()
        comuni = (self.parameterAsString(parameters, self.COMUNI, context) or "").strip()
        language = ui_language()
        projects = _uuids_matching(source, expression) if expression else None
        try:
            record = publish_web(source, output, filter=comuni or None, language=language, projects=projects,
                                 base_layer=self._base_layer(parameters, context))
        except RemixError as exc:
            raise QgsProcessingException(exc.message(language)) from exc
        counts = record["counts"]
        feedback.pushInfo(
            tr(
                "Web atlas written in {folder}: {n} projects, {m} physical works ({held} not publishable)."
            ).format(
                folder=output,
                n=counts["progetti"],
                m=counts["lavori"],
                held=counts["progetti_non_pubblicabili"],
            )
        )
        return {self.OUTPUT: output, self.PROJECTS: counts["progetti"], self.LAVORI: counts["lavori"]}
