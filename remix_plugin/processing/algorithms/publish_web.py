"""Processing algorithm remix:publish_web — the static web atlas of the publishable projects.

``INPUT`` a RE.MIX GeoPackage, ``OUTPUT`` a folder (new, empty or a previous publication),
optional ``FILTER`` (a QGIS expression on the project fields, as remix:atlas_pdf) and ``COMUNI``
(ISTAT codes or names, comma-separated). Only projects with ``pubblicabile`` true are published,
whatever the filter says. Headless:
``qgis_process.bin run remix:publish_web -- INPUT=file.gpkg OUTPUT=/path/atlas``.
Light module: the web code is imported when the algorithm runs.
"""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm


def _uuids_matching(source, expression):
    """uuids of the projects of ``source`` for which the QGIS ``expression`` is true."""
    from qgis.core import QgsExpression, QgsFeatureRequest, QgsVectorLayer

    parsed = QgsExpression(expression)
    if parsed.hasParserError():
        raise QgsProcessingException(
            tr("Invalid filter expression: {error}").format(error=parsed.parserErrorString())
        )
    layer = QgsVectorLayer(f"{source}|layername=progetti", "progetti", "ogr")
    if not layer.isValid():
        raise QgsProcessingException(tr("Cannot read the projects of {path}.").format(path=source))
    request = QgsFeatureRequest(parsed)
    return {feature["uuid"] for feature in layer.getFeatures(request)}


class PublishWebAlgorithm(RemixAlgorithm):
    GROUP_ID = "atlas"
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    FILTER = "FILTER"
    COMUNI = "COMUNI"
    PROJECTS = "PROJECTS"
    LAVORI = "LAVORI"

    def name(self):
        return "publish_web"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Publish on the web (static atlas)")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Writes a folder that any web server can publish: a map of the projects marked "
            "'pubblicabile', their cards, filters, a summary and the story of their phases. No "
            "personal data (authors, notes) is written. FILTER is an optional QGIS expression on "
            "the project fields; COMUNI an optional list of comuni (ISTAT codes or names)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile(self.INPUT, tr("RE.MIX GeoPackage"), extension="gpkg"))
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
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT, tr("Web atlas folder")))
        self.addOutput(QgsProcessingOutputNumber(self.PROJECTS, tr("Projects")))
        self.addOutput(QgsProcessingOutputNumber(self.LAVORI, tr("Physical works")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...web.publish import publish_web

        source = self.parameterAsFile(parameters, self.INPUT, context)
        output = self.parameterAsString(parameters, self.OUTPUT, context)
        expression = (self.parameterAsString(parameters, self.FILTER, context) or "").strip()
        comuni = (self.parameterAsString(parameters, self.COMUNI, context) or "").strip()
        language = ui_language()
        projects = _uuids_matching(source, expression) if expression else None
        try:
            record = publish_web(source, output, filter=comuni or None, language=language, projects=projects)
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
