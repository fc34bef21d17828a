# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_project/support)
"""On the central database (issue 14), the dock's Salva and "N modifiche non salvate" see the
project's RE.MIX layers of the postgres provider (the dock's path is then the store's label), and
the incubator's panels read the database through the same connection (the proposals, which write
their decisions into a file, say they need a GeoPackage); "Pubblica sul web…" and remix:publish_web
publish the database's projects marked 'pubblicabile', with a base map."""

import json
import sys
import time
from pathlib import Path

import pytest
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
        # the web atlas is published from the database, through the same connection (no password)
        publish_from_database(dock, db, login, own, tmp_path)
        prepare_server_from_database(dock, login, tmp_path)
        assert not dock.refresh_panel("RemixProposalsPanel", force=True)
        assert "not available on the central database" in dock.panels["RemixProposalsPanel"].problem.text()
    finally:
        if getattr(dock, "server_preparer", None) is not None:
            dock.server_preparer.teardown()
        dock.teardown()
        QgsProject.instance().clear()


def prepare_server_from_database(dock, login, tmp_path):
    """"Prepara per QGIS Server…" on the central database: the live project of the database the
    dock is connected to, through its connection without password, written where the user says."""
    from test_central_support import PASSWORD

    from remix_plugin.gui.server_prepare import prepare_from_dock

    target = tmp_path / "centrale_server.qgs"
    task = prepare_from_dock(dock, None, target=str(target))
    assert task is not None and task.source == f"service={login}"
    preparer = dock.server_preparer
    assert _wait(lambda: preparer.task is None and preparer.dialog is not None)
    assert target.is_file(), preparer.dialog.summary.text()
    assert preparer.dialog.summary.text().startswith(f"QGIS Server project written: {target}")
    text = target.read_text(encoding="utf-8")
    assert f"service='{login}'" in text and PASSWORD not in text
    assert not (tmp_path / "centrale_server_dati.gpkg").exists()  # a database is served live


def _wait(predicate, seconds=120):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    QgsApplication.processEvents()
    return predicate()


def publish_from_database(dock, db, login, own, tmp_path):
    """The dock's web publication on the central database: the DSN of its connection, the rows
    marked 'pubblicabile' in PostgreSQL, the base map given; then remix:publish_web on the DSN."""
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    from remix_plugin.gui.web_publish import publish_from_dock
    from remix_plugin.processing.algorithms.publish_web import PublishWebAlgorithm

    db.query("UPDATE remix.progetti SET pubblicabile = (uuid = %s)", (own,))
    assert dock.web_publisher is None or dock.web_publisher.task is None
    base = {"type": "xyz", "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "attribution": "© OpenStreetMap"}
    out_dir = tmp_path / "atlante"
    task = publish_from_dock(dock, None, out_dir=str(out_dir), base_layer=base)
    assert task is not None and task.source == f"service={login}" and "password" not in task.source
    publisher = dock.web_publisher
    assert _wait(lambda: publisher.task is None and publisher.dialog is not None)
    assert publisher.dialog.browser_button.isVisibleTo(publisher.dialog), publisher.dialog.summary.text()
    record = json.loads((out_dir / "publication.json").read_text(encoding="utf-8"))
    assert record["source"]["database"] == db.name and "file" not in record["source"]
    assert record["counts"]["progetti"] == 1 and record["base_layer"] == base
    published = json.loads((out_dir / "data" / "progetti.json").read_text(encoding="utf-8"))
    assert "Piazza salvata dal pannello" in json.dumps(published, ensure_ascii=False)
    assert f"service={login}" not in (out_dir / "publication.json").read_text(encoding="utf-8")
    # remix:publish_web takes the same DSN, and its FILTER reads the database's projects too
    algorithm = PublishWebAlgorithm()
    algorithm.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    parameters = {"INPUT": f"service={login}", "OUTPUT": str(tmp_path / "atlante_processing"),
                  "FILTER": "\"titolo\" LIKE 'Piazza%'", "BASE_LAYER_TYPE": 2,
                  "BASE_LAYER_URL": "https://example.org/wms", "BASE_LAYER_LAYERS": "ortofoto"}
    ok, message = algorithm.checkParameterValues(parameters, context)
    assert ok, message
    result = algorithm.processAlgorithm(parameters, context, feedback)
    assert result["PROJECTS"] == 1
    record = json.loads((tmp_path / "atlante_processing" / "publication.json").read_text(encoding="utf-8"))
    assert record["source"]["database"] == db.name and record["filter"]["progetti"] >= 1
    assert record["base_layer"] == {"type": "wms", "url": "https://example.org/wms", "layers": "ortofoto"}
    # ... or the name of a saved QGIS PostgreSQL connection (as remix:create_database)
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    name = "RE.MIX prova web"
    metadata.saveConnection(metadata.createConnection(f"service='{login}'", {}), name)
    try:
        result = algorithm.processAlgorithm(
            {"INPUT": name, "OUTPUT": str(tmp_path / "atlante_connessione")}, context, feedback)
    finally:
        metadata.deleteConnection(name)
    record = json.loads((tmp_path / "atlante_connessione" / "publication.json").read_text(encoding="utf-8"))
    assert result["PROJECTS"] == 1 and record["source"]["database"] == db.name
    assert record["base_layer"] is None
    with pytest.raises(QgsProcessingException):  # an XYZ address without {z}/{x}/{y}: nothing written
        algorithm.processAlgorithm({**parameters, "OUTPUT": str(tmp_path / "no"), "BASE_LAYER_TYPE": 1},
                                   context, feedback)
    assert not (tmp_path / "no").exists()
