# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_project/support)
"""On the central database (issue 14), the dock's Salva and "N modifiche non salvate" see the
project's RE.MIX layers of the postgres provider (the dock's path is then the store's label), and
the incubator's panels read the database through the same connection (the proposals, which write
their decisions into a file, say they need a GeoPackage)."""

import sys
import time
from pathlib import Path

from dock_data import FakePlugin
from qgis.core import QgsApplication, QgsProject

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_central_project import MILANO, PROJECT, created, services  # noqa: E402,F401
from test_central_support import central_db, empty_db  # noqa: E402,F401

from tests.pg_cluster import host_only  # noqa: E402

pytestmark = host_only


def test_save_and_the_counter_see_the_postgresql_layers(created, qgis_iface, tmp_path):
    from remix_plugin.gui import unsaved
    from remix_plugin.gui.central_connect import open_central
    from remix_plugin.gui.dock import RemixDock
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn

    db, _admin_service, login, _result = created
    own = db.query(PROJECT, ("Piazza di Milano", MILANO))[0][0]
    dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    try:
        store, _password = postgres_store_from_dsn(f"service={login}")
        assert open_central(qgis_iface, dock, store, ask_unsaved=lambda *a: "discard")
        assert dock.gpkg_path == store.label
        seen = unsaved.file_layers(dock.gpkg_path)
        tables = {layer.customProperty("remix/table") for layer in seen}
        assert {"progetti", "lavori", "azioni"} <= tables
        assert all(layer.providerType() == "postgres" for layer in seen)
        assert dock.update_unsaved() == 0 and not dock.action_save_all.isEnabled()
        progetti = dock.layers["progetti"]
        fid = next(f.id() for f in progetti.getFeatures() if str(f["uuid"]) == own)
        progetti.startEditing()
        progetti.changeAttributeValue(fid, progetti.fields().indexOf("titolo"), "Piazza salvata dal pannello")
        # the counter follows the postgres layer's edit signals by itself (no call from the test)
        deadline = time.monotonic() + 5
        while dock.unsaved_label.text() != "1 unsaved change" and time.monotonic() < deadline:
            QgsApplication.processEvents()
            time.sleep(0.02)
        assert dock.unsaved_label.text() == "1 unsaved change"
        assert dock.update_unsaved() == 1
        assert dock.unsaved_label.toolTip() == f"{progetti.name()}: 1"
        assert dock.action_save_all.isEnabled()
        dock.action_save_all.trigger()
        assert dock.update_unsaved() == 0
        assert db.query("SELECT titolo FROM remix.progetti WHERE uuid = %s", (own,)) == [
            ("Piazza salvata dal pannello",)]
        # the incubator's panels read the database through the same service; proposals need a file
        assert dock.refresh_panel("RemixPriorityPanel", force=True)
        priority = dock.panels["RemixPriorityPanel"]
        deadline = time.monotonic() + 60
        while priority.loading and time.monotonic() < deadline:
            QgsApplication.processEvents()
            time.sleep(0.02)
        assert priority.source == f"service={login}" and not priority.problem.isVisibleTo(priority.page)
        assert priority.widget.total == db.query("SELECT count(*) FROM remix.progetti")[0][0]
        # the web atlas reads a GeoPackage: on the database it says so and writes nothing
        from remix_plugin.gui.web_publish import publish_from_dock

        assert publish_from_dock(dock, None, out_dir=str(tmp_path / "atlante")) is None
        assert not (tmp_path / "atlante").exists()
        assert not dock.refresh_panel("RemixProposalsPanel", force=True)
        assert "not available on the central database" in dock.panels["RemixProposalsPanel"].problem.text()
    finally:
        dock.teardown()
        QgsProject.instance().clear()
