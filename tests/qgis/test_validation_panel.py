"""The validation task (QgsTask) and the findings panel of the dock."""

from __future__ import annotations

import helpers_corpus as hc
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

from remix_plugin.gui.findings_panel import FINDING_ROLE, FindingsPanel
from remix_plugin.validation import exceptions_store
from remix_plugin.validation.task import ValidationTask


def _broken(tmp_path):
    path = tmp_path / "panel.gpkg"
    ids = hc.build_clean(path)
    x, y = ids["points"][hc.COMUNE_A]
    hc.update(path, "lavori", ids["p1_lavoro1"], geom=hc.bowtie_wkt(x, y))
    hc.update(path, "progetti", ids["p1"], descrizione=None)
    return path, ids


def test_task_runs_the_engine_and_reports(qgis_app, tmp_path):
    path, ids = _broken(tmp_path)
    done = []
    task = ValidationTask(path, "strict", on_finished=done.append)
    QgsApplication.taskManager().addTask(task)
    task.waitForFinished(60000)
    for _ in range(50):  # finished() is delivered on the main thread
        QgsApplication.processEvents()
        if done:
            break
    assert done == [task]
    assert task.report.counts == {"error": 1, "warning": 1, "suppressed": 0}
    assert task.report.profile == "strict"


def test_task_reports_unreadable_file(qgis_app, tmp_path):
    text = tmp_path / "x.gpkg"
    text.write_text("no", encoding="utf-8")
    task = ValidationTask(text)
    assert task.run() is False
    assert task.report is None and "GeoPackage" in task.error.message("en")


def test_panel_lists_zooms_and_accepts(qgis_app, tmp_path):
    path, ids = _broken(tmp_path)
    layer = QgsVectorLayer(f"{path}|layername=lavori", "lavori", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        task = ValidationTask(path)
        assert task.run()
        panel = FindingsPanel()
        panel.set_geopackage(path)
        panel.show_report(task.report)
        assert panel.tree.topLevelItemCount() == 2  # errors, warnings
        errors = panel.tree.topLevelItem(0)
        geo = errors.child(0)
        assert geo.text(3) == "GEO-004"  # the rule's code in its own column, after the sentence
        item = geo.child(0)
        finding = item.data(0, FINDING_ROLE)
        assert finding.feature_uuid == ids["p1_lavoro1"]
        panel.tree.setCurrentItem(item)
        assert panel.zoom_to_current() is True
        assert [f["uuid"] for f in layer.selectedFeatures()] == [ids["p1_lavoro1"]]
        points = panel.points_layer
        assert points is not None and points.featureCount() == 1  # the progetto has no geometry
        warning = panel.tree.topLevelItem(1).child(0).child(0)
        panel.tree.setCurrentItem(warning)
        assert panel.accept_current("Descrizione in arrivo", accepted_by="test")
        assert [e["rule_code"] for e in exceptions_store.list_exceptions(path)] == ["SCH-007"]
        rerun = ValidationTask(path)
        assert rerun.run() and rerun.report.counts["suppressed"] == 1
    finally:
        QgsProject.instance().removeAllMapLayers()
