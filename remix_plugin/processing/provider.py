"""The "remix" Processing provider."""

import importlib
from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr

# (module under processing.algorithms, class name). Each algorithm module stays light:
# heavy imports happen inside processAlgorithm.
ALGORITHMS = (
    ("create_geopackage", "CreateGeoPackageAlgorithm"),
    ("export_bundle", "ExportBundleAlgorithm"),
    ("import_bundle", "ImportBundleAlgorithm"),
    ("atlas_pdf", "AtlasPdfAlgorithm"),
    ("validate", "ValidateAlgorithm"),
    ("create_database", "CreateDatabaseAlgorithm"),
    ("publish_web", "PublishWebAlgorithm"),
    ("prepare_server", "PrepareServerAlgorithm"),
    ("kpi_report", "KpiReportAlgorithm"),
    ("match_funding", "MatchFundingAlgorithm"),
    ("suggest_programmi", "SuggestProgrammiAlgorithm"),
    ("priority_score", "PriorityScoreAlgorithm"),
)


class RemixProvider(QgsProcessingProvider):
    def id(self):
        return "remix"

    def name(self):
        return "RE.MIX"

    def longName(self):  # noqa: N802 (QGIS API)
        return tr("RE.MIX urban and territorial regeneration")

    def icon(self):
        return QIcon(str(Path(__file__).resolve().parent.parent / "icons" / "remix.svg"))

    def loadAlgorithms(self):  # noqa: N802 (QGIS API)
        for module_name, class_name in ALGORITHMS:
            module = importlib.import_module(f"{__package__}.algorithms.{module_name}")
            self.addAlgorithm(getattr(module, class_name)())
