"""Processing algorithm remix:kpi_report — indicator monitoring as two CSV files: one row per
project and indicator (baseline, target, latest value, share of the target reached, status) and
the count of each status per zona omogenea and ambito. Calls ``monitoring.kpi`` and
``monitoring.output`` (the same code as ``python3 -m remix_plugin kpi-report``)."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm


class KpiReportAlgorithm(RemixAlgorithm):
    GROUP_ID = "incubator"
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    OVERVIEW = "OVERVIEW"
    ROWS = "ROWS"
    LATE = "LATE"

    def name(self):
        return "kpi_report"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Indicator monitoring (KPI report)")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "For each project and indicator of a RE.MIX GeoPackage: the measurements sorted by date, "
            "the latest value, the share of the target reached, (latest − baseline) / (target − "
            "baseline), and a status: achieved, on track (the share is at least the elapsed share of "
            "the time from the baseline date to the target date), late, no baseline, no target, no "
            "measurements. The overview counts the statuses per zona omogenea and ambito."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile(self.INPUT, tr("RE.MIX GeoPackage"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("KPI report (CSV)"), tr("CSV (*.csv)"))
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OVERVIEW, tr("Overview by zone and ambito (CSV)"), tr("CSV (*.csv)"), optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.ROWS, tr("Rows (projects × indicators)")))
        self.addOutput(QgsProcessingOutputNumber(self.LATE, tr("Indicators late")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...monitoring.kpi import STATUSES, kpi_report
        from ...monitoring.output import overview_path, write_report

        source = self.parameterAsFile(parameters, self.INPUT, context)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        overview = self.parameterAsFileOutput(parameters, self.OVERVIEW, context) or str(
            overview_path(output)
        )
        language = ui_language()
        try:
            report = kpi_report(source)
            feedback.setProgress(60)
            write_report(report, output, overview, language)
        except RemixError as exc:
            raise QgsProcessingException(exc.message(language)) from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        counts = report.counts()
        for status in STATUSES:
            feedback.pushInfo(f"{status.label(language)}: {counts[status.code]}")
        feedback.setProgress(100)
        return {
            self.OUTPUT: output,
            self.OVERVIEW: overview,
            self.ROWS: len(report.rows),
            self.LATE: counts["in_ritardo"],
        }
