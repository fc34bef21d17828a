"""The project for QGIS Server (issue 15, docs/qgis-server.md) without a server: what
``prepare_server_project`` writes (read back with QgsProject and sqlite3), the readiness check on
projects made to fail it, the refusal that writes nothing, remix:prepare_server, and the dock's
"Prepara per QGIS Server…" (a RemixTask, its result dialog; screenshots at 1366×768 and
1920×1080 in tests/artifacts/qgis_server/). The real server answers in
tests/e2e/test_qgis_server.py."""

from __future__ import annotations

import hashlib
import sqlite3
import time

import pytest
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtGui import QPainter
from qgis.PyQt.QtWidgets import QApplication, QLabel, QMainWindow

from remix_plugin.errors import RemixError
from remix_plugin.qgis_project import TABLE_PROPERTY
from remix_plugin.qgis_server import readiness
from remix_plugin.qgis_server.prepare import prepare_server_project, publishable_filters
from remix_plugin.qgis_server.visibility import hidden_fields, hide_fields
from remix_plugin.web.fields import PUBLISHED_FIELDS
from tests.unit.test_web_publish import demo_copy

SIZES = ((1366, 768), (1920, 1080))


def _sha(path):
    """The digest of the GeoPackage's content (QGIS's OGR provider opens a GeoPackage for update,
    which bumps SQLite's change counter in the header without changing any row)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return hashlib.sha256("\n".join(db.iterdump()).encode("utf-8")).hexdigest()


@pytest.fixture
def demo(tmp_path):
    return demo_copy(tmp_path)


def _read(path):
    project = QgsProject()
    assert project.read(str(path))
    return project


def _by_short_name(project):
    return {layer.shortName(): layer for layer in project.mapLayers().values()}


def test_prepare_writes_a_server_project_beside_the_data(qgis_app, demo, tmp_path):
    with sqlite3.connect(demo) as db:
        db.execute("UPDATE progetti SET pubblicabile = 0 WHERE titolo = 'Cascina Gogna'")
    before = _sha(demo)
    result = prepare_server_project(demo, contact_mail="remix@example.org", snapshot=False)  # live
    assert result.path == tmp_path / "demo_server.qgs"
    assert result.atlas_path == tmp_path / "demo_server_atlante.gpkg"
    assert _sha(demo) == before, "the user's GeoPackage is never modified"
    written = sorted(p.name for p in tmp_path.iterdir() if p.name != "demo_server_attachments.zip")
    assert written == ["demo.gpkg", "demo_server.qgs", "demo_server_atlante.gpkg"]  # no temporary file left
    # QGIS 3.44 also writes <project>_attachments.zip: it must carry the project's final name
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert "./demo.gpkg" in result.path.read_text(encoding="utf-8")  # relative: the folder moves as one
    project = _read(result.path)
    layers = _by_short_name(project)
    assert all(layer.isValid() for layer in layers.values())
    wfs, _ok = project.readListEntry("WFSLayers", "/")
    assert sorted(layers[name].id() for name in PUBLISHED_FIELDS if name in layers) == sorted(wfs)
    restricted, _ok = project.readListEntry("WMSRestrictedLayers", "/")
    assert {layers["finanziamenti"].name(), layers["bandi"].name()} <= set(restricted)
    assert project.readEntry("WMSContactOrganization", "/")[0] == "Città metropolitana di Milano"
    assert project.readEntry("WMSContactMail", "/")[0] == "remix@example.org"
    assert project.readEntry("WMSRootName", "/")[0] == "remix"
    # the "pubblicabile" filter: five of the six demo projects, their lavori only
    assert layers["progetti"].featureCount() == 5
    titles = {f["titolo"] for f in layers["progetti"].getFeatures()}
    assert "Cascina Gogna" not in titles
    with sqlite3.connect(demo) as db:
        expected = db.execute("SELECT count(*) FROM lavori JOIN progetti ON progetti.uuid = "
                              "lavori.progetto_uuid WHERE progetti.pubblicabile = 1").fetchone()[0]
    assert layers["lavori"].featureCount() == expected
    # field visibility: only the web atlas's allow-list
    for table in ("progetti", "lavori", "attori"):
        hidden = hidden_fields(layers[table], "WMS") & hidden_fields(layers[table], "WFS")
        shown = {n for n in layers[table].fields().names() if n not in hidden} - {"fid"}
        assert shown == set(PUBLISHED_FIELDS[table]) & set(layers[table].fields().names())
    assert {"note", "creato_da", "modificato_da", "pubblicabile"} <= hidden_fields(layers["progetti"], "WMS")
    tip = layers["lavori"].mapTipTemplate()
    assert "[%" in tip and layers["progetti"].id() in tip  # the lavoro's tip reads its project
    # the atlas layout, its pages in the side GeoPackage (the publishable projects only)
    layout = project.layoutManager().layoutByName(result.layout)
    assert layout is not None and layout.atlas().enabled()
    coverage = layout.atlas().coverageLayer()
    assert coverage.providerType() == "ogr" and "demo_server_atlante.gpkg" in coverage.source()
    pages = {f["titolo"] for f in coverage.getFeatures() if f["tipo_pagina"] == "progetto"}
    assert pages == titles
    assert readiness.errors(readiness.check_project(project)) == []
    project.clear()


def test_filters_follow_the_relations_of_the_model():
    filters = publishable_filters()
    assert filters["progetti"] == '"pubblicabile" = 1'
    assert filters["lavori"].startswith('("progetto_uuid" IN (SELECT "uuid" FROM "progetti" WHERE')
    assert '"lavoro_uuid" IN (SELECT "uuid" FROM "lavori"' in filters["azioni"]  # a lavoro's azione
    assert filters["attori"].startswith('("uuid" IN (SELECT "attore_uuid" FROM "progetto_attori"')
    assert filters["programmi"].startswith('("uuid" IN (SELECT "programma_uuid" FROM "progetti"')
    assert "comuni" not in filters and "remix_codelist" not in filters


def test_prepare_refuses_a_file_without_the_publishable_flag_and_writes_nothing(qgis_app, demo, tmp_path):
    with sqlite3.connect(demo) as db:
        db.execute('ALTER TABLE progetti DROP COLUMN "pubblicabile"')
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(RemixError) as raised:
        prepare_server_project(demo, tmp_path / "out.qgs")
    assert raised.value.code == "server_not_ready"
    assert [f.code for f in raised.value.findings] == ["no_publishable_flag"]
    assert "pubblicabile" in raised.value.message("it")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def _memory(name, fields, table=""):
    uri = "Point?crs=EPSG:32632&" + "&".join(f"field={f}:string" for f in fields)
    layer = QgsVectorLayer(uri, name, "memory")
    if table:
        layer.setCustomProperty(TABLE_PROPERTY, table)
    return layer


def test_readiness_finds_what_would_not_work_or_would_leak(qgis_app, demo):
    project = QgsProject()
    progetti = QgsVectorLayer(f"{demo}|layername=progetti", "Progetti", "ogr")
    progetti.setCustomProperty(TABLE_PROPERTY, "progetti")
    hide_fields(progetti, ["note", "creato_da", "creato_il", "modificato_da", "modificato_il"])
    hide_fields(progetti, ["pubblicabile"], services=("WMS",))  # forgotten for WFS
    contatti = _memory("Contatti", ["nome", "email"])  # a memory layer: no primary key
    twin = _memory("Contatti", ["nome"])
    broken = QgsVectorLayer(str(demo.parent / "missing.gpkg") + "|layername=x", "Rotto", "ogr")
    for layer in (progetti, contatti, twin, broken):
        project.addMapLayer(layer)
    project.writeEntry("WFSLayers", "/", [progetti.id()])
    findings = readiness.check_project(project)
    found = {(f.code, f.layer, f.field) for f in findings}
    assert ("personal_field", "Progetti", "pubblicabile") in found
    assert ("personal_field", "Contatti", "email") in found
    assert ("no_primary_key", "Contatti", "") in found
    assert ("duplicate_name", "Contatti", "") in found
    assert ("unreadable", "Rotto", "") in found
    assert not [f for f in findings if f.layer == "Progetti" and f.field in ("note", "creato_da")]
    pubblicabile = next(f for f in findings if f.field == "pubblicabile")
    assert "published by WFS:" in pubblicabile.message_en
    assert all(f.severity == readiness.ERROR for f in findings)
    assert {f.message_it for f in findings} and all(f.message_en for f in findings)
    project.clear()


def test_hiding_fields_keeps_the_aliases_and_widgets(qgis_app, demo):
    layer = QgsVectorLayer(f"{demo}|layername=progetti", "Progetti", "ogr")
    index = layer.fields().indexOf("titolo")
    layer.setFieldAlias(index, "Titolo del progetto")
    hide_fields(layer, ["note"])
    assert hidden_fields(layer, "WMS") == {"note"} == hidden_fields(layer, "WFS")
    assert layer.attributeAlias(index) == "Titolo del progetto"
    hide_fields(layer, ["creato_da"], services=("WFS",))
    assert hidden_fields(layer, "WMS") == {"note"}
    assert hidden_fields(layer, "WFS") == {"note", "creato_da"}


def test_remix_prepare_server_algorithm(qgis_app, qgis_processing, demo, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from remix_plugin.processing.algorithms.prepare_server import PrepareServerAlgorithm

    algorithm = PrepareServerAlgorithm()
    algorithm.initAlgorithm()
    target = tmp_path / "servizio.qgs"
    results, ok = algorithm.run({"INPUT": str(demo), "OUTPUT": str(target), "TITLE": "RE.MIX Milano",
                                 "ATLAS": False}, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok and results["OUTPUT"] == str(target) and results["LAYERS"] == 11
    assert results["ATLAS_PAGES"] == ""
    project = _read(target)
    assert project.readEntry("WMSServiceTitle", "/")[0] == "RE.MIX Milano"
    assert project.layoutManager().layouts() == []
    project.clear()


# -- the dock ------------------------------------------------------------------------------------
def _wait(predicate, seconds=120):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    QgsApplication.processEvents()
    return predicate()


def _screenshot(dialog, width, height, path):
    window = QMainWindow()
    window.setWindowTitle("QGIS")
    placeholder = QLabel("mappa")
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    placeholder.setStyleSheet("background: #e8eef2; color: #889;")
    window.setCentralWidget(placeholder)
    window.resize(width, height)
    window.show()
    dialog.resize(min(640, width - 80), min(420, height - 120))
    dialog.show()
    for _ in range(5):
        QApplication.processEvents()
    image = window.grab().toImage()
    painter = QPainter(image)
    shot = dialog.grab()
    painter.drawPixmap(QPoint((width - shot.width()) // 2, (height - shot.height()) // 2), shot)
    painter.end()
    assert image.save(str(path))
    window.close()
    return shot


@pytest.fixture
def dock(tmp_path, qgis_iface):
    import dock_data
    from dock_data import FakePlugin

    from remix_plugin.gui.dock import RemixDock

    path = demo_copy(tmp_path)
    layers = dock_data.load_layers(path, language="en")
    remix_dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    assert remix_dock.set_geopackage(path)
    yield remix_dock, path
    if getattr(remix_dock, "server_preparer", None) is not None:
        remix_dock.server_preparer.teardown()
    remix_dock.teardown()
    remix_dock.deleteLater()
    for layer in layers.values():
        if layer.isEditable():
            layer.rollBack()
    QgsProject.instance().clear()


def test_dock_action_prepares_the_project_in_a_task(dock, tmp_path, artifacts_dir):
    from remix_plugin.gui.server_prepare import prepare_from_dock

    remix_dock, path = dock
    action = remix_dock.qactions["RemixPrepareServer"]
    assert action.isEnabled() and action.text() == "Prepare for QGIS Server…"
    target = tmp_path / "servizio.qgs"
    task = prepare_from_dock(remix_dock, None, target=str(target))
    assert task is not None
    preparer = remix_dock.server_preparer
    assert _wait(lambda: preparer.task is None and preparer.dialog is not None)
    dialog = preparer.dialog
    assert target.is_file() and (tmp_path / "servizio_atlante.gpkg").is_file()
    assert dialog.summary.text().startswith(f"QGIS Server project written: {target}")
    assert "lavori, criticita" in dialog.summary.text() and "Atlante RE.MIX" in dialog.summary.text()
    assert dialog.folder_button.isVisibleTo(dialog)
    opened = []
    dialog.open_url = opened.append
    assert dialog.open_folder() == "file://" + str(tmp_path) and opened
    folder = artifacts_dir / "qgis_server"
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        shot = _screenshot(dialog, width, height, folder / f"prepare_written_{width}x{height}.png")
        assert shot.width() <= width and shot.height() <= height
    # refused: a data model 1 file (no "pubblicabile"): the problems are listed, nothing written
    with sqlite3.connect(path) as db:
        db.execute('ALTER TABLE progetti DROP COLUMN "pubblicabile"')
    refused = tmp_path / "rifiutato.qgs"
    assert prepare_from_dock(remix_dock, None, target=str(refused)) is not None
    assert _wait(lambda: preparer.task is None and preparer.dialog is not dialog)
    dialog = preparer.dialog
    assert not refused.exists()
    assert dialog.summary.text() == "Nothing was written. Solve these problems, then try again:"
    assert dialog.findings.count() == 1 and "pubblicabile" in dialog.findings.item(0).text()
    assert not dialog.folder_button.isVisibleTo(dialog)
    for width, height in SIZES:
        _screenshot(dialog, width, height, folder / f"prepare_refused_{width}x{height}.png")


def test_no_publishable_project_is_a_warning_and_publishes_empty_layers(qgis_app, demo, tmp_path):
    with sqlite3.connect(demo) as db:
        db.execute("UPDATE progetti SET pubblicabile = 0")
    result = prepare_server_project(demo, tmp_path / "vuoto.qgs", with_atlas=False)
    assert [f.code for f in result.findings] == ["no_publishable_projects"]
    assert result.findings[0].severity == readiness.WARNING and result.atlas_path is None
    project = _read(result.path)
    layers = _by_short_name(project)
    assert layers["progetti"].featureCount() == 0 and layers["lavori"].featureCount() == 0
    assert layers["comuni"].featureCount() > 0  # the reference layers stay
    project.clear()


def test_snapshot_serves_only_the_published_columns_and_rows(qgis_app, demo, tmp_path):
    with sqlite3.connect(demo) as db:
        db.execute("UPDATE progetti SET pubblicabile = 0, note = 'segreto@example.org' "
                   "WHERE titolo = 'Cascina Gogna'")
        db.execute("UPDATE progetti SET note = 'riservato@example.org' WHERE titolo = 'Casa dei Castanesi'")
        db.execute("UPDATE progetti SET creato_da = 'autore@example.org'")  # lavori: see the e2e test
    result = prepare_server_project(demo, tmp_path / "copia.qgs", snapshot=True)
    assert result.data_path == tmp_path / "copia_dati.gpkg"
    project = _read(result.path)
    layers = _by_short_name(project)
    for table in result.wfs_layers:
        layer = layers[table]
        assert "copia_dati.gpkg" in layer.source() and layer.subsetString() == ""
        own = set(layer.dataProvider().fields().names())  # not the joined fields
        assert own - {"fid"} == set(PUBLISHED_FIELDS[table]) & set(load_fields(demo, table))
    assert layers["progetti"].featureCount() == 5
    for layer in project.mapLayers().values():  # the atlas's views of the same tables too
        if layer.customProperty(TABLE_PROPERTY, "") in result.wfs_layers:
            assert "copia_dati.gpkg" in layer.source(), layer.name()
    with sqlite3.connect(f"file:{result.data_path}?mode=ro", uri=True) as db:
        dump = "\n".join(db.iterdump())
    assert "@example.org" not in dump and "Cascina Gogna" not in dump and "Casa dei Castanesi" in dump
    assert readiness.errors(readiness.check_project(project)) == []
    project.clear()


def load_fields(path, table):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
