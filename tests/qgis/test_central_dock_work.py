# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_project/support)
"""Working in the dock on the central database (issue 14, "In QGIS"): the dock's Valida runs the
validation on the database the dock is connected to (through its connection, no password) and the
findings panel lists the findings `validate DSN` gives, with the features' titles read from the
loaded postgres layers, "zoom and select" on those layers, and "accept as exception" off with the
reason (the database keeps no exceptions); remix:validate takes a DSN or a saved QGIS connection.
Screenshots of the panel at 1366×768 and 1920×1080 in tests/artifacts/central/."""

import json
import sys
from pathlib import Path

import helpers_corpus as corpus
import pytest
from dock_data import FakePlugin, wait_until
from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QApplication, QMainWindow

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_central_project import ABBIATEGRASSO, LAVORO, MILANO, PROJECT, created, services  # noqa: E402,F401
from test_central_support import PASSWORD, central_db, empty_db  # noqa: E402,F401

from tests.pg_cluster import host_only  # noqa: E402

pytestmark = host_only
SIZES = ((1366, 768), (1920, 1080))
BOWTIE = (
    "INSERT INTO remix.lavori (progetto_uuid, titolo, oggetto_fisico, geom) VALUES (%s, 'Farfalla', "
    "'ambito', ST_Multi(ST_GeomFromText('POLYGON((513500 5034200, 513600 5034300, 513600 5034200, "
    "513500 5034300, 513500 5034200))', 32632))) RETURNING uuid::text"
)


def _findings(report):
    return sorted((f.code, f.layer or "", f.feature_uuid or "", f.field or "") for f in report.findings)


def _children(item):
    return [item.child(i) for i in range(item.childCount())]


def _leaves(tree):
    out = []
    for index in range(tree.topLevelItemCount()):
        for group in _children(tree.topLevelItem(index)):
            out += _children(group)
    return out


def test_the_docks_validation_reads_the_database_and_the_panel_works_on_its_layers(
        created, qgis_iface, artifacts_dir):
    from remix_plugin.central.validation_source import DatabaseSource
    from remix_plugin.gui.central_connect import open_central
    from remix_plugin.gui.dock import RemixDock
    from remix_plugin.gui.findings_panel import FINDING_ROLE
    from remix_plugin.i18n import tr
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn
    from remix_plugin.validation.engine import validate_source

    db, _admin_service, login, _result = created
    own = db.query(PROJECT, ("Piazza di Milano", MILANO))[0][0]
    db.query(LAVORO, (own,))
    bowtie = db.query(BOWTIE, (own,))[0][0]
    expected = validate_source(DatabaseSource(f"service={login}"), profile="strict")  # = `validate DSN`
    assert any(f.code == "GEO-004" and f.feature_uuid == bowtie for f in expected.findings)
    dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    try:
        store, _password = postgres_store_from_dsn(f"service={login}")
        assert open_central(qgis_iface, dock, store, ask_unsaved=lambda *a: "discard")
        panel = dock.tools.validate()
        assert panel is not None, "Valida is on for the database"
        assert panel.source == f"service={login}" and panel.on_database()
        assert PASSWORD not in panel.source
        assert wait_until(lambda: panel.task is None and panel.report is not None, timeout=120), \
            panel.summary.text()
        assert _findings(panel.report) == _findings(expected), "the panel shows what the CLI prints"
        assert panel.report.counts == expected.counts and panel.report.counts["error"] >= 1
        assert panel.summary.text().startswith(f"{expected.counts['error']} error")
        leaves = _leaves(panel.tree)
        assert len(leaves) == len(expected.findings)
        item = next(i for i in leaves if i.data(0, FINDING_ROLE).feature_uuid == bowtie
                    and i.data(0, FINDING_ROLE).code == "GEO-004")
        assert "«Farfalla»" in item.text(0), "the title read from the database's layer"
        panel.tree.setCurrentItem(item)
        lavori = dock.layers["lavori"]
        assert lavori.providerType() == "postgres"
        assert panel.zoom_button.isEnabled() and panel.zoom_to_current()
        assert [str(f["uuid"]) for f in lavori.selectedFeatures()] == [bowtie]
        assert panel.points_layer is not None and panel.points_layer.crs().authid() == "EPSG:32632"
        # "Apri scheda": the database layer's feature, in edit mode when the user says yes
        opened = []
        panel.iface = type("Iface", (), {"openFeatureForm": lambda self, layer, feature, *a: opened.append(
            (layer, str(feature["uuid"]))), "mapCanvas": lambda self: None})()
        panel.ask_edit = lambda layer: True
        assert panel.open_form_of_current()
        assert opened == [(lavori, bowtie)] and lavori.isEditable()
        lavori.rollBack()
        panel.iface = qgis_iface
        assert panel.points_layer.featureCount() == len([f for f in expected.findings if f.x is not None])
        # no exceptions table in PostgreSQL: the button is off and says why (in Italian, too)
        assert not panel.accept_button.isEnabled()
        tip = panel.accept_button.toolTip()
        assert tip.startswith("The central database keeps no exceptions")
        italian = tr(tip, language="it")
        assert italian.startswith("Il database centrale non conserva eccezioni"), italian
        assert panel.accept_current("motivo") is None
        assert db.query("SELECT count(*) FROM remix.lavori")[0][0] == 2  # nothing written
        panel.tree.expandAll()
        panel.tree.setCurrentItem(item)
        _screenshots(panel, artifacts_dir)
        assert panel.fixed_button.isEnabled() and panel.mark_current_fixed()
        assert len(_leaves(panel.tree)) == len(expected.findings) - 1
    finally:
        dock.teardown()
        QgsProject.instance().clear()


def _screenshots(panel, artifacts_dir):
    """The findings panel docked at the right of a window of the screen's size."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QDockWidget, QLabel

    folder = artifacts_dir / "central"
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        window = QMainWindow()
        window.setWindowTitle("QGIS")
        placeholder = QLabel("mappa")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setStyleSheet("background: #e8eef2; color: #889;")
        window.setCentralWidget(placeholder)
        holder = QDockWidget("RE.MIX — validation findings", window)
        holder.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, holder)
        window.resize(width, height)
        window.resizeDocks([holder], [min(560, width // 3)], Qt.Orientation.Horizontal)
        window.show()
        for _ in range(10):
            QApplication.processEvents()
        path = folder / f"findings_panel_db_{width}x{height}.png"
        assert window.grab().save(str(path)) and path.stat().st_size > 10000
        assert panel.isVisible() and panel.tree.topLevelItemCount() >= 1
        assert panel.tree.visualItemRect(panel.tree.topLevelItem(0)).height() > 0
        shown = panel.tree.visualItemRect(panel.tree.currentItem())  # the selected finding is on screen
        assert shown.height() > 0 and shown.bottom() <= panel.tree.viewport().height()
        assert panel.accept_button.isVisible() and not panel.accept_button.isEnabled()
        # the sentence keeps at least 2/5 of the list's width (layer and field are capped at 1/5)
        assert panel.tree.columnWidth(0) >= panel.tree.viewport().width() * 2 // 5
        assert _cut_short_texts(panel.tree) == [], "layer and field labels read whole (they wrap)"
        holder.setWidget(None)
        panel.setParent(None)
        window.close()
        window.deleteLater()


def _cut_short_texts(tree):
    """The layer / field labels not shown whole: a word wider than its column, or a row lower than
    the wrapped text (as scripts/day_steps.py checks the panel in the e2e day)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from day_steps import wrapped_height
    from qgis.PyQt.QtWidgets import QStyle

    metrics = tree.fontMetrics()
    room = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    cut = []
    for item in _leaves(tree):
        for column in (1, 2):
            text, width = item.text(column), tree.columnWidth(column) - room
            if not text:
                continue
            widest = max(metrics.horizontalAdvance(word) for word in text.split())
            needed = wrapped_height(tree.font(), text, width)
            if widest > width or tree.visualItemRect(item).height() < needed:
                cut.append(text)
    return cut


def test_remix_validate_takes_a_dsn_or_a_saved_connection(created, tmp_path):
    from qgis.core import (
        QgsProcessingContext,
        QgsProcessingException,
        QgsProcessingFeedback,
        QgsProviderRegistry,
    )

    from remix_plugin.processing.algorithms.validate import ValidateAlgorithm

    db, _admin_service, login, _result = created
    own = db.query(PROJECT, ("Piazza di Milano", MILANO))[0][0]
    db.query(LAVORO, (own,))
    algorithm = ValidateAlgorithm()
    algorithm.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    clean = tmp_path / "db.jsonl"
    parameters = {"INPUT": f"service={login}", "PROFILE": 1, "OUTPUT": str(clean)}
    ok, message = algorithm.checkParameterValues(parameters, context)
    assert ok, message
    result = algorithm.processAlgorithm(parameters, context, feedback)
    assert result["ERRORS"] == 0 and result["PROFILE_USED"] == "draft"
    lines = [json.loads(line) for line in clean.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == result["WARNINGS"]
    # an error in the database: the report is written, then the algorithm fails
    bowtie = db.query(BOWTIE, (own,))[0][0]
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    name = "RE.MIX prova validazione"
    metadata.saveConnection(metadata.createConnection(f"service='{login}'", {}), name)
    report = tmp_path / "connessione.jsonl"
    try:
        with pytest.raises(QgsProcessingException):
            algorithm.processAlgorithm({"INPUT": name, "PROFILE": 0, "OUTPUT": str(report)}, context,
                                       feedback)
    finally:
        metadata.deleteConnection(name)
    found = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert any(f["code"] == "GEO-004" and f["feature_uuid"] == bowtie for f in found), found
    ok, message = algorithm.checkParameterValues({"INPUT": " ", "OUTPUT": str(report)}, context)
    assert not ok and "connection" in message
    with pytest.raises(QgsProcessingException) as refused:  # a database that does not answer
        algorithm.processAlgorithm({"INPUT": "host=127.0.0.1 port=1 dbname=x user=y connect_timeout=3",
                                    "OUTPUT": str(tmp_path / "no.jsonl")}, context, feedback)
    assert "Traceback" not in str(refused.value)
    assert not (tmp_path / "no.jsonl").exists()


def _click(tool, canvas, point, button=None):
    from qgis.gui import QgsMapMouseEvent
    from qgis.PyQt.QtCore import QEvent, Qt

    button = button or Qt.MouseButton.LeftButton
    pixel = canvas.getCoordinateTransform().transform(point)
    position = pixel.toQPointF().toPoint()
    for kind, handler in ((QEvent.Type.MouseMove, tool.cadCanvasMoveEvent),
                          (QEvent.Type.MouseButtonPress, tool.cadCanvasPressEvent),
                          (QEvent.Type.MouseButtonRelease, tool.cadCanvasReleaseEvent)):
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else button
        handler(QgsMapMouseEvent(canvas, kind, position, buttons, buttons))
    return canvas.getCoordinateTransform().toMapCoordinates(position)


def _draw(dock, qgis_iface, project_uuid, title, centre):
    """The dock's "Disegna perimetro" on ``project_uuid``, then a square clicked on a real canvas
    with QGIS's digitizing tool; the form's required fields filled as the technician would."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsRectangle, QgsVectorLayerUtils
    from qgis.gui import QgsAdvancedDigitizingDockWidget, QgsMapToolCapture, QgsMapToolDigitizeFeature
    from qgis.PyQt.QtCore import Qt

    lavori = dock.layers["lavori"]
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 600)
    canvas.show()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32632"))
    canvas.setLayers([lavori])
    x, y = centre
    canvas.setExtent(QgsRectangle(x - 200, y - 150, x + 200, y + 150))
    canvas.refresh()
    assert dock.select_item("progetto", project_uuid, zoom=False) is not False
    assert dock.draw_perimeter(), "the dock's drawing starts on the database's lavori layer"
    assert lavori.isEditable() and dock.session is not None
    cad = QgsAdvancedDigitizingDockWidget(canvas)  # kept: the tool does not own it
    tool = QgsMapToolDigitizeFeature(canvas, cad, QgsMapToolCapture.CaptureMode.CapturePolygon)
    tool.setLayer(lavori)
    canvas.setMapTool(tool)
    added = []

    def completed(feature):  # what QGIS's add-feature tool does: defaults, the form accepted, add
        context = lavori.createExpressionContext()
        new = QgsVectorLayerUtils.createFeature(lavori, feature.geometry(), {}, context)
        assert str(new["progetto_uuid"]) == project_uuid, "the session prefills the project"
        new["titolo"] = title
        new["oggetto_fisico"] = "ambito"
        assert lavori.addFeature(new)
        added.append(new)

    tool.digitizingCompleted.connect(completed)
    clicked = [_click(tool, canvas, QgsPointXY(x + dx, y + dy))
               for dx, dy in ((-30, -20), (30, -20), (30, 20), (-30, 20))]
    _click(tool, canvas, QgsPointXY(x - 30, y - 20), Qt.MouseButton.RightButton)
    canvas.unsetMapTool(tool)
    assert len(added) == 1 and dock.session is None
    del cad
    return lavori, abs(sum(a.x() * b.y() - b.x() * a.y()  # the clicked polygon's area (shoelace)
                           for a, b in zip(clicked, clicked[1:] + clicked[:1]))) / 2


def test_a_perimeter_drawn_in_the_dock_is_saved_in_the_database_by_its_comune_only(created, qgis_iface):
    """Drawn through the dock's action, saved with the dock's Salva: the row is in remix.lavori with
    the comune derived by the trigger and a history row; the same save on another comune's
    project is refused in one Italian sentence and the drawn work stays in the buffer."""
    from remix_plugin.central.refusals import explain
    from remix_plugin.gui.central_connect import open_central
    from remix_plugin.gui.dock import RemixDock
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn

    db, _admin_service, login, _result = created
    own = db.query(PROJECT, ("Piazza di Milano", MILANO))[0][0]
    foreign = db.query(PROJECT, ("Parco di Abbiategrasso", ABBIATEGRASSO))[0][0]
    in_milano = (513536, 5034241)  # the point of LAVORO, inside Milano
    dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    try:
        store, _password = postgres_store_from_dsn(f"service={login}")
        assert open_central(qgis_iface, dock, store, ask_unsaved=lambda *a: "discard")
        lavori, clicked_area = _draw(dock, qgis_iface, own, "Piazza ridisegnata", in_milano)
        assert dock.update_unsaved() >= 1
        dock.action_save_all.trigger()  # the dock's Salva
        assert dock.update_unsaved() == 0, lavori.commitErrors()
        rows = db.query("SELECT uuid::text, comune_istat, creato_da, ST_Area(geom), ST_SRID(geom), "
                        "GeometryType(geom) FROM remix.lavori WHERE titolo = 'Piazza ridisegnata'")
        assert len(rows) == 1
        uuid, comune, creator, area, srid, kind = rows[0]
        assert comune == MILANO, "the comune derived by the trigger from the geometry"
        assert creator == login and srid == 32632 and kind == "MULTIPOLYGON"
        assert abs(area - clicked_area) < 1e-6 * clicked_area, (area, clicked_area)  # what was clicked
        assert 0.5 * 60 * 40 < area < 2 * 60 * 40
        history = db.query("SELECT operation, changed_by, after ->> 'titolo' FROM remix.history "
                           "WHERE table_name = 'lavori' AND row_uuid = %s", (uuid,))
        assert history == [("INSERT", login, "Piazza ridisegnata")]
        assert uuid in {str(f["uuid"]) for f in lavori.getFeatures()}

        # another comune's project: refused by the database, one sentence, the drawing kept
        before = db.query("SELECT count(*) FROM remix.lavori")[0][0]
        _draw(dock, qgis_iface, foreign, "Lavoro non mio", in_milano)
        dock.action_save_all.trigger()
        assert db.query("SELECT count(*) FROM remix.lavori")[0][0] == before
        assert db.query("SELECT count(*) FROM remix.history "
                        "WHERE after ->> 'titolo' = 'Lavoro non mio'") == [(0,)]
        assert lavori.isEditable() and lavori.isModified(), "the edit stays in the buffer"
        assert any(f["titolo"] == "Lavoro non mio" for f in lavori.getFeatures())
        shown = dock._remix_refusals.shown
        assert shown and shown[-1].startswith(f"{lavori.name()}: "), shown
        refusal = explain("\n".join(lavori.commitErrors()))
        assert refusal.kind == "rights", lavori.commitErrors()
        assert refusal.message_it.startswith("Salvataggio rifiutato: "), refusal.message_it
        assert "Le modifiche restano da salvare nel layer." in refusal.message_it
        assert "ERROR" not in shown[-1] and "PostGIS error" not in shown[-1]
        lavori.rollBack()
    finally:
        dock.teardown()
        QgsProject.instance().clear()


def _run(task):
    from qgis.core import QgsApplication

    done = []
    task.on_finished = done.append
    QgsApplication.taskManager().addTask(task)
    assert wait_until(lambda: bool(done), timeout=180), "the task ended"
    return task


def test_the_export_dialog_reads_the_database_and_its_task_writes_the_bundle(created, qgis_iface, tmp_path):
    """The dock's "Esporta bundle…" on the central database: the lists from the database, the
    source the dock's DSN (no password), the bundle written as `export-bundle DSN` writes it
    (check-bundle accepts it, ogrinfo counts its rows); blocked by errors: nothing written."""
    import subprocess

    from qgis.PyQt.QtCore import QSettings

    from remix_plugin.gui.central_connect import open_central
    from remix_plugin.gui.dock import RemixDock
    from remix_plugin.gui.export_dialog import DatabaseExportBundleTask, export_task_for
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_central_validation import copy_geopackage

    db, _admin_service, login, _result = created
    ids = corpus.build_clean(tmp_path / "corpus.gpkg")  # the validation corpus's clean data
    copy_geopackage(db.dsn(), tmp_path / "corpus.gpkg")
    own = ids["p1"]
    dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    try:
        store, _password = postgres_store_from_dsn(f"service={login}")
        assert open_central(qgis_iface, dock, store, ask_unsaved=lambda *a: "discard")
        dialog = dock.tools.open_export_dialog(settings=settings)
        assert dialog is not None, "the export dialog opens on the database"
        assert dialog.on_database and dialog.source == f"service={login}"
        assert dialog.radios["all"].text() == "All the projects of the database"
        in_db = dict(db.query("SELECT uuid::text, comune_istat FROM remix.progetti"))
        assert dialog.choices.projects == {u: (c, ids["programma"]) for u, c in in_db.items()}
        assert dialog.comune_box.findData(corpus.COMUNE_A) >= 0
        dialog.set_choice("comune", corpus.COMUNE_A)
        assert dialog.chosen_projects() == [own] or set(dialog.chosen_projects()) == {own}
        assert dialog.default_producer() == corpus.COMUNE_A
        bundle = tmp_path / "bundle_comune.gpkg"
        dialog.file_widget.setFilePath(str(bundle))
        assert dialog.problems() == [], dialog.problems()
        arguments = dialog.export_arguments()
        assert arguments["source"] == f"service={login}" and PASSWORD not in str(arguments)
        task = dock.tools.start_export(arguments)  # what the dock does when the dialog is accepted
        assert isinstance(task, DatabaseExportBundleTask)
        assert wait_until(lambda: dock.tools.export_task is None, timeout=180)
        assert task.result is not None, (task.error_message("en"), task.blocked)
        assert bundle.is_file() and task.result.counts["progetti"] == 1
        checked = subprocess.run([sys.executable, "-m", "remix_plugin", "check-bundle", str(bundle)],
                                 capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        info = subprocess.run(["ogrinfo", "-ro", "-q", "-sql", "SELECT titolo FROM progetti ORDER BY titolo",
                               str(bundle)], capture_output=True, text=True, check=True).stdout
        titles = dict(db.query("SELECT uuid::text, titolo FROM remix.progetti"))
        assert titles[own] in info and titles[ids["p2"]] not in info
        assert not list(tmp_path.glob(".remix-checkout-*")), "the temporary checkout is removed"
        # the chosen projects: one project of the database
        dialog.selected_projects = {own}
        dialog.set_choice("selected")
        chosen = tmp_path / "bundle_scelti.gpkg"
        dialog.file_widget.setFilePath(str(chosen))
        task = _run(export_task_for(dialog.export_arguments()))
        assert task.result is not None and task.result.counts["progetti"] == 1, task.error_message("en")
        assert not list(tmp_path.glob(".remix-checkout-*"))
        # strict: the database's errors block the export, nothing is written
        db.query(PROJECT, ("Progetto senza lavori", corpus.COMUNE_A))
        dialog.set_choice("all")
        dialog.profile_box.setCurrentIndex(0)
        blocked = tmp_path / "bloccato.gpkg"
        dialog.file_widget.setFilePath(str(blocked))
        task = _run(export_task_for(dialog.export_arguments()))
        assert task.result is None and task.blocked, task.error_message("en")
        assert not blocked.exists() and not list(tmp_path.glob(".remix-checkout-*"))
        dialog.deleteLater()
    finally:
        dock.teardown()
        QgsProject.instance().clear()


def test_the_atlas_of_the_database_prints_its_projects_with_the_stored_layout(created, qgis_iface, tmp_path):
    """The dock's "Atlante PDF" on the central database: ``atlas_task_for`` the dock's DSN checks
    the rows out in one snapshot and prints the atlas with the open project's layout (the default
    one when the stored project has none); the PDF's
    pages (pdfinfo) and text (pdftotext) are the database's projects; no temporary copy is left."""
    import subprocess

    from remix_plugin.atlas.export import stored_layout_xml
    from remix_plugin.gui.central_connect import open_central
    from remix_plugin.gui.dock import RemixDock
    from remix_plugin.gui.dock_operations import atlas_task_for
    from remix_plugin.gui.findings_panel import source_of_path
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_central_validation import copy_geopackage

    db, _admin_service, login, _result = created
    corpus.build_clean(tmp_path / "corpus.gpkg")
    copy_geopackage(db.dsn(), tmp_path / "corpus.gpkg")
    titles = sorted(r[0] for r in db.query("SELECT titolo FROM remix.progetti"))
    dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    try:
        store, _password = postgres_store_from_dsn(f"service={login}")
        assert open_central(qgis_iface, dock, store, ask_unsaved=lambda *a: "discard")
        source = source_of_path(dock.gpkg_path)
        assert source == f"service={login}"
        pdf = tmp_path / "atlante_db.pdf"
        task = dock.tools.atlas_pdf(pdf_path=str(pdf))  # the dock's "Atlante PDF"
        assert task is not None and task.source == source and PASSWORD not in task.source
        assert wait_until(lambda: dock.tools.atlas_task is None, timeout=180)
        assert task.result is not None, task.error_message("en")
        # the open project's layout when it has one (today the stored project has none)
        assert task.template_xml == stored_layout_xml(QgsProject.instance())
        again = tmp_path / "atlante_diretto.pdf"  # the same task, built directly
        direct = _run(atlas_task_for(source, str(again), None, "it"))
        assert direct.result is not None and direct.result.pages == task.result.pages
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert pages == task.result.pages == 2 + len(titles)  # cover, summary, one card per project
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        for title in titles:
            assert title in text, title
        assert not list(tmp_path.glob(".remix-atlas-*")), "the temporary checkout is removed"
        assert task.gpkg_path == source
    finally:
        dock.teardown()
        QgsProject.instance().clear()


def _run_algorithm(algorithm_class, parameters):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    algorithm = algorithm_class()
    algorithm.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    ok, message = algorithm.checkParameterValues(parameters, context)
    assert ok, message
    return algorithm.processAlgorithm(parameters, context, feedback)


def test_remix_export_and_import_bundle_take_the_database(created, tmp_path):
    """remix:import_bundle into a DSN and remix:export_bundle from it (whole, and with a FILTER):
    the rows go in through the triggers, the exported bundle passes check-bundle, an offline edit
    comes back through the import algorithm; a database that does not answer is one message."""
    import sqlite3
    import subprocess

    from qgis.core import QgsProcessingException

    from remix_plugin.central.checkout import checkout
    from remix_plugin.export.writer import export_bundle
    from remix_plugin.processing.algorithms.export_bundle import ExportBundleAlgorithm
    from remix_plugin.processing.algorithms.import_bundle import ImportBundleAlgorithm

    db, admin_service, _login, _result = created
    dsn = f"service={admin_service}"
    source = tmp_path / "comuni.gpkg"
    ids = corpus.build_clean(source)
    bundle = export_bundle(source, tmp_path / "comuni_bundle.gpkg").path
    result = _run_algorithm(ImportBundleAlgorithm, {"INPUT": str(bundle), "TARGET": dsn})
    projects = db.query("SELECT uuid::text, comune_istat FROM remix.progetti")
    assert result["ADDED"] > len(projects) >= 2 and result["CONFLICTS"] == 0 and result["BACKUP"] == ""
    assert ids["p1"] in {uuid for uuid, _ in projects}
    whole = tmp_path / "regione.gpkg"
    result = _run_algorithm(ExportBundleAlgorithm, {"INPUT": dsn, "OUTPUT": str(whole)})
    assert result["PROJECTS"] == len(projects) and result["CONTENT_HASH"]
    checked = subprocess.run([sys.executable, "-m", "remix_plugin", "check-bundle", str(whole)],
                             capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with sqlite3.connect(whole) as exported:
        assert {r[0] for r in exported.execute("SELECT uuid FROM progetti")} == {u for u, _ in projects}
    filtered = tmp_path / "un_comune.gpkg"
    result = _run_algorithm(ExportBundleAlgorithm, {"INPUT": dsn, "OUTPUT": str(filtered),
                                          "FILTER": f"\"comune_istat\" = '{corpus.COMUNE_A}'"})
    wanted = {uuid for uuid, comune in projects if comune == corpus.COMUNE_A}
    assert result["PROJECTS"] == len(wanted) >= 1
    with sqlite3.connect(filtered) as exported:
        assert {r[0] for r in exported.execute("SELECT uuid FROM progetti")} == wanted
    assert not list(tmp_path.glob(".remix-checkout-*")), "the temporary checkout is removed"
    # offline: checked out, edited, its bundle imported back by the algorithm
    offline = tmp_path / "offline.gpkg"
    checkout(dsn, offline, record=True)
    corpus.update(offline, "progetti", ids["p1"], titolo="Rivisto offline")
    back = export_bundle(offline, tmp_path / "ritorno.gpkg").path
    result = _run_algorithm(ImportBundleAlgorithm, {"INPUT": str(back), "TARGET": dsn})
    assert result["UPDATED"] == 1 and result["ADDED"] == 0 and result["CONFLICTS"] == 0
    titles = db.query("SELECT titolo FROM remix.progetti WHERE uuid = %s", (ids["p1"],))
    assert titles == [("Rivisto offline",)]
    with pytest.raises(QgsProcessingException) as refused:  # a database that does not answer
        _run_algorithm(ImportBundleAlgorithm, {"INPUT": str(back),
                                     "TARGET": "host=127.0.0.1 port=1 dbname=x user=y connect_timeout=3"})
    assert "Traceback" not in str(refused.value)


def test_the_docks_import_merges_a_bundle_into_the_database(created, qgis_iface, tmp_path):
    """"Importa bundle…" on the database: the bundle goes in through central.bundle_import (the
    dock's connection, no password), the summary names the database, the tree shows the rows."""
    from remix_plugin.export.writer import export_bundle
    from remix_plugin.gui.central_connect import open_central
    from remix_plugin.gui.dock import RemixDock
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn

    db, admin_service, _login, _result = created
    source = tmp_path / "comuni.gpkg"
    ids = corpus.build_clean(source)
    bundle = export_bundle(source, tmp_path / "comuni_bundle.gpkg").path
    dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    try:
        store, _password = postgres_store_from_dsn(f"service={admin_service}")
        assert open_central(qgis_iface, dock, store, ask_unsaved=lambda *a: "discard")
        task = dock.tools.import_bundle(str(bundle), ask_unsaved=lambda *a: "discard")
        assert task is not None and task.target == f"service={admin_service}"
        assert wait_until(lambda: dock.tools.import_task is None, timeout=120)
        assert task.error is None and task.result is not None, task.error_message("en")
        assert sum(task.result.added.values()) > 0 and not task.result.conflicts
        titles = {r[0] for r in db.query("SELECT uuid::text FROM remix.progetti")}
        assert ids["p1"] in titles
        summary = dock.tools.report_dialog.summary.text()
        assert f"service={admin_service}" in summary and "database" in summary, summary
        assert "backup" not in summary.lower()
        progetti = dock.layers["progetti"]  # reloaded: the dock shows the imported rows
        assert progetti.providerType() == "postgres" and progetti.featureCount() == len(titles)
    finally:
        dock.teardown()
        QgsProject.instance().clear()
