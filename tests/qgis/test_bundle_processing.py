"""remix:export_bundle and remix:import_bundle inside QGIS (pytest-qgis, offscreen)."""

import sqlite3
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

from bundle_fixtures import build_dataset  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from remix_plugin.layers.geopackage import create_geopackage  # noqa: E402
from remix_plugin.processing.algorithms.export_bundle import ExportBundleAlgorithm  # noqa: E402
from remix_plugin.processing.algorithms.import_bundle import (  # noqa: E402
    ImportBundleAlgorithm,
    unsaved_layer,
)


def run(algorithm_class, parameters):
    algorithm = algorithm_class().create()
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    ok, message = algorithm.checkParameterValues(parameters, context)
    assert ok, message
    if not algorithm.prepare(parameters, context, feedback):
        return None, False
    results, ok = algorithm.run(parameters, context, feedback)
    return results, ok


def test_export_with_filter_then_import(tmp_path):
    source = tmp_path / "source.gpkg"
    uuids = build_dataset(source, 4)
    bundle = tmp_path / "REMIX_CMM_20250301_01.gpkg"
    results, ok = run(ExportBundleAlgorithm, {
        "INPUT": str(source), "OUTPUT": str(bundle), "FILTER": "\"titolo\" IN ('Progetto 1', 'Progetto 3')",
        "PROFILE": 0, "PRODUCER": "CMM"})
    assert ok and results["PROJECTS"] == 2 and len(results["CONTENT_HASH"]) == 64
    layer = QgsVectorLayer(f"{bundle}|layername=lavori", "lavori", "ogr")
    assert layer.isValid() and layer.featureCount() == 2 and layer.crs().authid() == "EPSG:32632"
    assert {f["uuid"] for f in QgsVectorLayer(f"{bundle}|layername=progetti", "p", "ogr").getFeatures()} == {
        uuids[1], uuids[3]}
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    results, ok = run(ImportBundleAlgorithm, {"INPUT": str(bundle), "TARGET": str(target)})
    assert ok and results["ADDED"] > 0 and results["CONFLICTS"] == 0
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT count(*) FROM progetti").fetchone()[0] == 2
    connection.close()


def test_import_refused_with_unsaved_edits(tmp_path):
    source = tmp_path / "source.gpkg"
    build_dataset(source, 1)
    bundle = tmp_path / "b.gpkg"
    results, ok = run(ExportBundleAlgorithm, {"INPUT": str(source), "OUTPUT": str(bundle)})
    assert ok
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    layer = QgsVectorLayer(f"{target}|layername=progetti", "progetti", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.startEditing()
        from qgis.core import QgsFeature

        feature = QgsFeature(layer.fields())
        layer.addFeature(feature)
        assert layer.isModified()
        assert unsaved_layer(str(target)) == "progetti"
        before = Path(target).read_bytes()
        results, ok = run(ImportBundleAlgorithm, {"INPUT": str(bundle), "TARGET": str(target)})
        assert not ok and results is None  # prepareAlgorithm refused (main thread)
        assert Path(target).read_bytes() == before
        layer.rollBack()
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
