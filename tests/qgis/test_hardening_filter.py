"""remix:export_bundle refuses a FILTER that does not parse (issue 11): on QGIS 3.22
parameterAsExpression returns "" for such text, which used to export every project."""

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from bundle_fixtures import build_dataset  # noqa: E402
from qgis.core import QgsProcessingContext, QgsProcessingFeedback  # noqa: E402

from remix_plugin.processing.algorithms.export_bundle import ExportBundleAlgorithm  # noqa: E402


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.errors.append(error)


def run_export(source, bundle, expression):
    algorithm = ExportBundleAlgorithm().create()
    context = QgsProcessingContext()
    feedback = Feedback()
    parameters = {"INPUT": str(source), "OUTPUT": str(bundle), "FILTER": expression, "PROFILE": 1,
                  "PRODUCER": "CMM"}
    algorithm.prepare(parameters, context, feedback)
    results, ok = algorithm.run(parameters, context, feedback)
    return results, ok, " ".join(feedback.errors)


@pytest.mark.parametrize("expression", ['"titolo" = ', "titolo IN ('a'", "))", '"titolo" LIKE'])
def test_unparsable_filter_is_refused(tmp_path, expression):
    source = tmp_path / "source.gpkg"
    build_dataset(source, 3)
    bundle = tmp_path / "REMIX_CMM_20250301_01.gpkg"
    results, ok, errors = run_export(source, bundle, expression)
    assert not ok and not bundle.exists()
    assert "filter" in errors.lower() or "filtro" in errors.lower(), errors


def test_valid_filter_still_selects(tmp_path):
    source = tmp_path / "source.gpkg"
    build_dataset(source, 3)
    bundle = tmp_path / "REMIX_CMM_20250301_01.gpkg"
    results, ok, errors = run_export(source, bundle, "\"titolo\" = 'Progetto 1'")
    assert ok, errors
    assert results["PROJECTS"] == 1
