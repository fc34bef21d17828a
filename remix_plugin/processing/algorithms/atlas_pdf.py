"""Processing algorithm remix:atlas_pdf — the RE.MIX atlas of opportunities as a PDF.

Cover, summary, then one A4 card per project (ordered by zona omogenea, then comune), filtered
by an optional QGIS expression on the project fields (e.g. ``"stato_progetto" = 'in_corso'``,
``"zona_omogenea" = 'nord_ovest'``, ``"comune" = 'Rho'``). Headless:
``qgis_process.bin run remix:atlas_pdf -- INPUT=file.gpkg OUTPUT=atlas.pdf``.
Light module: the atlas code is imported when the algorithm runs.
"""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm


class AtlasPdfAlgorithm(RemixAlgorithm):
    GROUP_ID = "atlas"
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    FILTER = "FILTER"
    POSTER = "POSTER"
    PAGES = "PAGES"
    PROJECTS = "PROJECTS"

    def name(self):
        return "atlas_pdf"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Atlas of opportunities (PDF)")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Prints the RE.MIX atlas of a GeoPackage as one PDF: a cover, a summary page with counts "
            "per zona omogenea, per field of opportunity and per kind of intervention, then one A4 "
            "card per project ordered by zona omogenea and comune (map of its works, metropolitan "
            "overview, classification, description, phases, actors, indicators). FILTER is an optional "
            "QGIS expression on the project fields, e.g. \"zona_omogenea\" = 'nord_ovest'."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, tr("RE.MIX GeoPackage"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterString(
            self.FILTER, tr("Filter (QGIS expression on the projects)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Atlas PDF"), tr("PDF (*.pdf)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.POSTER, tr("A3 poster of the programme (PDF, optional)"), tr("PDF (*.pdf)"),
            optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, tr("Pages")))
        self.addOutput(QgsProcessingOutputNumber(self.PROJECTS, tr("Projects")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...atlas.export import AtlasError, export_atlas_pdf
        from ...atlas.poster import export_poster_pdf
        from ...layers.errors import RemixFileError

        source = self.parameterAsFile(parameters, self.INPUT, context)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        expression = (self.parameterAsString(parameters, self.FILTER, context) or "").strip()
        language = ui_language()
        feedback.pushInfo(tr("Rendering the atlas of {path}…").format(path=source))
        try:
            result = export_atlas_pdf(source, output, expression or None, feedback=feedback,
                                      language=language)
            poster = (self.parameterAsFileOutput(parameters, self.POSTER, context)
                      if parameters.get(self.POSTER) else "")
            if poster:
                export_poster_pdf(source, poster, expression or None, feedback=feedback, language=language)
        except AtlasError as exc:
            raise QgsProcessingException(exc.message(language)) from exc
        except RemixFileError as exc:
            raise QgsProcessingException(exc.message(language)) from exc
        feedback.pushInfo(tr("{pages} pages, {projects} projects, {seconds:.1f} s").format(
            pages=result.pages, projects=result.projects, seconds=result.seconds))
        results = {self.OUTPUT: str(result.path), self.PAGES: result.pages, self.PROJECTS: result.projects}
        if poster:
            results[self.POSTER] = poster
        return results
