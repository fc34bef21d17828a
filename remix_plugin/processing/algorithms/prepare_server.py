"""Processing algorithm remix:prepare_server — a ``.qgs`` project QGIS Server can serve.

``INPUT`` a RE.MIX GeoPackage, a central-database DSN or the name of a saved QGIS PostgreSQL
connection; ``OUTPUT`` the ``.qgs`` (default ``<name>_server.qgs`` beside a GeoPackage; required for
a database: docs/qgis-server.md "On the central database"); optional ``TITLE``, ``ABSTRACT``,
``CONTACT_PERSON``, ``CONTACT_MAIL``, ``SERVICE_URL`` (the service metadata), ``ATLAS`` (keep the
atlas layout for GetPrint, default yes) and ``SNAPSHOT`` (serve a copy of the published columns
and rows instead of the live data, default yes; a database is always served live). The readiness
check runs first: with a problem nothing is written and the algorithm fails, listing them.
Headless: ``qgis_process.bin run remix:prepare_server -- INPUT=file.gpkg OUTPUT=file_server.qgs``.
Light module: the server code is imported when the algorithm runs (docs/qgis-server.md).
"""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm, store_help, store_of, store_parameter


class PrepareServerAlgorithm(RemixAlgorithm):
    GROUP_ID = "atlas"
    STORE_PARAMETERS = ("INPUT",)
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    TITLE = "TITLE"
    ABSTRACT = "ABSTRACT"
    CONTACT_PERSON = "CONTACT_PERSON"
    CONTACT_MAIL = "CONTACT_MAIL"
    SERVICE_URL = "SERVICE_URL"
    ATLAS = "ATLAS"
    SNAPSHOT = "SNAPSHOT"
    DATA = "DATA"
    ATLAS_PAGES = "ATLAS_PAGES"
    LAYERS = "LAYERS"

    def name(self):
        return "prepare_server"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Prepare for QGIS Server")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Writes a QGIS project (.qgs) beside the GeoPackage that QGIS Server, G3W-SUITE or "
            "Lizmap can serve: the projects marked 'pubblicabile' as WMS, WFS and OGC API – "
            "Features layers with the service metadata, HTML GetFeatureInfo with the project card, "
            "and the atlas layout for GetPrint. Authors, notes and e-mails are never published. "
            "A readiness check runs first: if it finds a problem nothing is written."
        ) + "\n\n" + store_help()

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        # Text, not a file: a file parameter refuses a connection string (as remix:publish_web's INPUT)
        self.addParameter(store_parameter(self.INPUT))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("QGIS Server project"), tr("QGIS project (*.qgs)"), optional=True))
        for name, label in ((self.TITLE, tr("Service title")), (self.ABSTRACT, tr("Service abstract")),
                            (self.CONTACT_PERSON, tr("Contact person")),
                            (self.CONTACT_MAIL, tr("Contact e-mail of the service")),
                            (self.SERVICE_URL, tr("Public address of the service (URL)"))):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(self.ATLAS, tr("Keep the atlas layout for GetPrint"),
                                                        defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            self.SNAPSHOT, tr("Publish a snapshot (only the published columns of the publishable rows; "
                              "re-run after edits)"), defaultValue=True))
        self.addOutput(QgsProcessingOutputFile(self.ATLAS_PAGES, tr("Atlas pages (GeoPackage)")))
        self.addOutput(QgsProcessingOutputFile(self.DATA, tr("Snapshot of the published data (GeoPackage)")))
        self.addOutput(QgsProcessingOutputNumber(self.LAYERS, tr("Published layers")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...qgis_server.prepare import prepare_server_project
        source = store_of(self.parameterAsString(parameters, self.INPUT, context))
        output = (self.parameterAsString(parameters, self.OUTPUT, context) or "").strip()
        if output == "TEMPORARY_OUTPUT":  # no file chosen: beside the data
            output = ""
        if output and not output.lower().endswith(".qgs"):
            output = output.rsplit(".", 1)[0] + ".qgs" if output.lower().endswith(".qgz") else output + ".qgs"
        texts = {key: (self.parameterAsString(parameters, key, context) or "").strip()
                 for key in (self.TITLE, self.ABSTRACT, self.CONTACT_PERSON, self.CONTACT_MAIL,
                             self.SERVICE_URL)}
        language = ui_language()
        try:
            result = prepare_server_project(
                source, output or None, language=language, title=texts[self.TITLE] or None,
                abstract=texts[self.ABSTRACT] or None, contact_person=texts[self.CONTACT_PERSON],
                contact_mail=texts[self.CONTACT_MAIL], service_url=texts[self.SERVICE_URL],
                with_atlas=self.parameterAsBool(parameters, self.ATLAS, context),
                snapshot=self.parameterAsBool(parameters, self.SNAPSHOT, context))
        except RemixError as exc:
            raise QgsProcessingException(exc.message(language)) from exc
        for finding in result.findings:
            feedback.pushWarning(finding.message(language))
        feedback.pushInfo(tr("QGIS Server project written: {path} ({n} layers published for WMS, WFS "
                             "and OGC API – Features).").format(path=result.path, n=len(result.wfs_layers)))
        return {self.OUTPUT: str(result.path), self.ATLAS_PAGES: str(result.atlas_path or ""),
                self.DATA: str(result.data_path or ""),
                self.LAYERS: len(result.wfs_layers)}
