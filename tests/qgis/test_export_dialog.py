"""The dock's bundle export dialog and the export/import tasks, on real RE.MIX GeoPackages.

The dataset (tests/bundle_fixtures.build_dataset, 5 projects): projects 0, 2, 4 in Milano (015146,
zona "milano") and in the programme "Programma Nord"; projects 1, 3 in Rho (015182, zona
"nord_ovest") without a programme.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

import dock_data  # noqa: E402
from bundle_fixtures import build_dataset, new_uuid  # noqa: E402
from qgis.core import Qgis, QgsApplication, QgsFeature, QgsProject, QgsVectorLayer  # noqa: E402
from qgis.PyQt.QtCore import QSettings  # noqa: E402
from qgis.PyQt.QtWidgets import QAction, QDialog, QDialogButtonBox  # noqa: E402

from remix_plugin.export.task import ExportBundleTask, ImportBundleTask  # noqa: E402
from remix_plugin.export.writer import Selection  # noqa: E402
from remix_plugin.gui.bundle_reports import BlockedExportDialog, ImportSummaryDialog  # noqa: E402
from remix_plugin.gui.export_dialog import ExportDialog  # noqa: E402
from remix_plugin.i18n import ui_language  # noqa: E402
from remix_plugin.layers.geopackage import create_geopackage  # noqa: E402

MILANO, RHO = "015146", "015182"
DAY = datetime.date(2025, 3, 1)
PROGRAMME = new_uuid("programma-0")


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "remix.gpkg"
    uuids = build_dataset(path, 5)
    return path, uuids


@pytest.fixture
def settings(tmp_path):
    """A private settings file: the tests never touch the user's QGIS settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _dialog(path, settings, selected=()):
    return ExportDialog(path, selected_projects=selected, settings=settings, today=DAY)


def _run(task):
    """Run a task synchronously, as the task manager would (run on a worker, finished on main)."""
    ok = task.run()
    task.finished(ok)
    return ok


def _manifest(path):
    connection = sqlite3.connect(str(path))
    try:
        return dict(connection.execute("SELECT key, value FROM bundle_manifest"))
    finally:
        connection.close()


def _column(path, query, *args):
    connection = sqlite3.connect(str(path))
    try:
        return [row[0] for row in connection.execute(query, args)]
    finally:
        connection.close()


def _files(folder):
    return sorted(p.name for p in Path(folder).iterdir())


# -- the dialog -----------------------------------------------------------------------------
def test_lists_come_from_the_file(source, settings):
    path, uuids = source
    connection = sqlite3.connect(str(path))  # a second programme, without projects
    connection.execute("INSERT INTO programmi (uuid, titolo, tipo_rete, creato_il, modificato_il) "
                       "VALUES ('prog-sud', 'Programma Sud', 'tematica', '2025-01-01', '2025-01-01')")
    connection.commit()
    connection.close()
    dialog = _dialog(path, settings)
    boxes = {key: [box.itemData(i) for i in range(box.count())] for key, box in dialog.boxes.items()}
    assert boxes["comune"] == [MILANO, RHO]  # only the comuni with projects, sorted by name
    assert "Milano (015146)" in dialog.comune_box.itemText(0) and "3" in dialog.comune_box.itemText(0)
    assert boxes["zona"] == ["milano", "nord_ovest"]
    assert boxes["programma"] == [PROGRAMME, "prog-sud"]
    assert dialog.programma_box.itemText(1).startswith("Programma Sud")
    # without a selection in the dock the last choice is not available
    assert not dialog.radios["selected"].isEnabled()
    assert not dialog.set_choice("selected")


def test_count_and_producer_follow_the_choice(source, settings):
    path, uuids = source
    dialog = _dialog(path, settings, selected={uuids[1], uuids[3]})
    assert dialog.choice() == ("all", None)
    assert "5" in dialog.count_label.text()
    assert dialog.producer() == "CMM" and dialog.producer_name() == "Città metropolitana di Milano"
    assert dialog.target_path() == path.parent / "REMIX_CMM_20250301_01.gpkg"

    assert dialog.set_choice("comune", RHO)
    assert dialog.chosen_projects() == {uuids[1], uuids[3]}
    assert "2" in dialog.count_label.text() and "Rho" in dialog.count_label.text()
    assert dialog.producer() == RHO and dialog.producer_name() == "Comune di Rho"
    assert dialog.target_path() == path.parent / "REMIX_015182_20250301_01.gpkg"

    assert dialog.set_choice("zona", "milano")
    assert dialog.chosen_projects() == {uuids[0], uuids[2], uuids[4]}
    assert "3" in dialog.count_label.text()
    assert dialog.producer() == MILANO and dialog.producer_name() == "Comune di Milano"

    assert dialog.set_choice("programma", PROGRAMME)
    assert dialog.chosen_projects() == {uuids[0], uuids[2], uuids[4]}
    assert dialog.producer() == MILANO  # every project of the programme is in Milano

    assert dialog.set_choice("selected")
    assert dialog.chosen_projects() == {uuids[1], uuids[3]}
    assert dialog.producer() == RHO

    assert dialog.set_choice("all")
    assert dialog.producer() == "CMM"
    assert dialog.problems() == []
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_producer_typed_by_the_user_is_kept(source, settings):
    path, _uuids = source
    dialog = _dialog(path, settings)
    dialog.producer_edit.setText("cmm")
    dialog.producer_edit.textEdited.emit("cmm")  # as typed
    dialog.set_choice("comune", RHO)
    assert dialog.producer() == "CMM"
    assert dialog.target_path().name == "REMIX_CMM_20250301_01.gpkg"


def test_export_arguments_for_each_choice(source, settings):
    path, uuids = source
    dialog = _dialog(path, settings, selected={uuids[1], uuids[3], "not-saved-yet"})
    expected = {
        ("all", None): Selection(),
        ("comune", RHO): Selection(comune=RHO),
        ("zona", "nord_ovest"): Selection(zona="nord_ovest"),
        ("programma", PROGRAMME): Selection(programma=PROGRAMME),
        ("selected", None): Selection(progetti=frozenset({uuids[1], uuids[3]})),
    }
    for (kind, value), selection in expected.items():
        assert dialog.set_choice(kind, value)
        arguments = dialog.export_arguments()
        assert arguments["selection"] == selection, kind
    assert "(2)" in dialog.radios["selected"].text()  # the unsaved project is not counted
    arguments = dialog.export_arguments()
    assert arguments["source"] == str(path)
    assert arguments["producer"] == RHO and arguments["profile"] == "strict"
    assert arguments["include_styles"] is True
    dialog.profile_box.setCurrentIndex(dialog.profile_box.findData("draft"))
    dialog.styles_check.setChecked(False)
    dialog.email_edit.setText("urbanistica@comune.rho.mi.it")
    arguments = dialog.export_arguments()
    assert (arguments["profile"], arguments["include_styles"], arguments["email"]) == (
        "draft", False, "urbanistica@comune.rho.mi.it")


def test_problems_block_ok(source, settings, tmp_path):
    path, _uuids = source
    dialog = _dialog(path, settings)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.problems() == [] and ok.isEnabled()
    for text in ("12345", "015999", "XYZ"):  # too short, not a comune of CMM, not CMM
        dialog.producer_edit.setText(text)
        dialog.producer_edit.textEdited.emit(text)
        assert len(dialog.problems()) == 1 and not ok.isEnabled(), text
    dialog.producer_edit.setText("CMM")
    dialog.producer_edit.textEdited.emit("CMM")
    dialog.email_edit.setText("not an address")
    assert len(dialog.problems()) == 1 and not ok.isEnabled()
    dialog.email_edit.setText("pianificazione@cittametropolitana.mi.it")
    assert dialog.problems() == []
    dialog.file_widget.setFilePath(str(path))  # the source itself
    assert len(dialog.problems()) == 1 and not ok.isEnabled()
    other = tmp_path / "lavoro.gpkg"  # an existing file that is not a bundle is never replaced
    shutil.copy(path, other)
    dialog.file_widget.setFilePath(str(other))
    assert len(dialog.problems()) == 1
    dialog.file_widget.setFilePath(str(tmp_path / "missing" / "b.gpkg"))
    assert len(dialog.problems()) == 1
    dialog.file_widget.setFilePath(str(tmp_path / "nuovo"))  # .gpkg added
    assert dialog.problems() == [] and dialog.target_path() == tmp_path / "nuovo.gpkg"
    # a file chosen by the user is no longer renamed when the producer changes
    dialog.set_choice("comune", RHO)
    assert dialog.target_path() == tmp_path / "nuovo.gpkg"


def test_settings_are_remembered(source, settings):
    path, _uuids = source
    dialog = _dialog(path, settings)
    dialog.set_choice("comune", RHO)
    dialog.name_edit.setText("Comune di Rho - Ufficio Urbanistica")
    dialog.name_edit.textEdited.emit(dialog.name_edit.text())
    dialog.email_edit.setText("urbanistica@comune.rho.mi.it")
    dialog.save_settings()
    again = _dialog(path, settings)
    # the last producer's projects are offered first, with its name and e-mail
    assert again.choice() == ("comune", RHO)
    assert again.producer() == RHO
    assert again.producer_name() == "Comune di Rho - Ufficio Urbanistica"
    assert again.email() == "urbanistica@comune.rho.mi.it"
    again.set_choice("all")
    assert again.producer() == "CMM" and again.producer_name() == "Città metropolitana di Milano"


# -- the export task ------------------------------------------------------------------------
def test_export_task_writes_the_chosen_comune(source, settings):
    path, uuids = source
    before = path.read_bytes()
    dialog = _dialog(path, settings)
    dialog.set_choice("comune", RHO)
    arguments = dialog.export_arguments()
    done = []
    task = ExportBundleTask(arguments, on_finished=done.append)
    assert _run(task) is True
    assert done == [task] and task.error is None and task.blocked is None and not task.cancelled
    bundle = Path(arguments["target"])
    assert bundle.name == "REMIX_015182_20250301_01.gpkg" and task.result.path == bundle
    manifest = _manifest(bundle)
    counts = json.loads(manifest["feature_counts"])
    assert counts["progetti"] == 2 and counts["lavori"] == 2
    assert json.loads(manifest["selection"]) == {"comune": RHO}
    assert manifest["producer"] == RHO and manifest["producer_name"] == "Comune di Rho"
    assert manifest["content_hash"] == task.result.content_hash
    assert set(_column(bundle, "SELECT uuid FROM progetti")) == {uuids[1], uuids[3]}
    assert set(_column(bundle, "SELECT comune_istat FROM lavori")) == {RHO}
    warnings = _column(bundle, "SELECT count(*) FROM bundle_warnings")[0]
    assert int(manifest["validation_warnings"]) == warnings == len(task.result.warnings)
    assert path.read_bytes() == before  # the source is never written


def test_cancelled_export_leaves_the_old_bundle(source, settings):
    path, _uuids = source
    dialog = _dialog(path, settings)
    first = ExportBundleTask(dialog.export_arguments())
    assert _run(first)
    bundle = first.result.path
    old = bundle.read_bytes()
    listing = _files(path.parent)

    dialog.file_widget.setFilePath(str(bundle))  # the same name again: replace it, then cancel
    arguments = dialog.export_arguments()
    assert arguments["target"] == str(bundle)
    calls = []

    def cancelled_late():  # the user presses Cancel once the writing has started
        calls.append(1)
        return len(calls) > 3

    done = []
    task = ExportBundleTask(arguments, on_finished=done.append)
    task.isCanceled = cancelled_late
    assert _run(task) is False
    assert task.cancelled and task.result is None and done == [task]
    assert len(calls) > 3
    assert bundle.read_bytes() == old
    assert _files(path.parent) == listing  # no temporary file left behind

    other = dict(arguments, target=str(path.parent / "REMIX_CMM_20250301_02.gpkg"))
    early = ExportBundleTask(other)
    early.cancel()  # cancel pressed while the worker starts: the first step stops
    assert _run(early) is False and early.cancelled
    queued = ExportBundleTask(other, on_finished=done.append)
    queued.cancel()  # cancelled in the task manager while queued: run() never comes
    queued.finished(False)
    assert queued.cancelled and queued.error is None and done[-1] is queued
    assert _files(path.parent) == listing


def _break_project(path, uuid):
    """A required field emptied behind QGIS's back: an error of the validation."""
    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE progetti SET scala_impatto = NULL WHERE uuid = ?", (uuid,))
    connection.commit()
    connection.close()


def test_validation_errors_block_the_export(source, settings):
    path, uuids = source
    _break_project(path, uuids[1])  # a project in Rho
    dialog = _dialog(path, settings)
    dialog.set_choice("comune", RHO)
    arguments = dialog.export_arguments()
    task = ExportBundleTask(arguments)
    assert _run(task) is False
    assert task.result is None and task.blocked
    assert all(f.severity == "error" for f in task.blocked)
    assert any(f.layer == "progetti" and f.feature_uuid == uuids[1] for f in task.blocked)
    assert task.error.message_it and task.error.message_en
    assert not Path(arguments["target"]).exists()
    # the projects of Milano are not concerned: they can still be exported
    dialog.set_choice("comune", MILANO)
    other = ExportBundleTask(dialog.export_arguments())
    assert _run(other) is True and other.result.counts["progetti"] == 3
    # the list shown to the user: layer, record, field, message
    shown = BlockedExportDialog(task.blocked, path, "en")
    assert shown.table.rowCount() == len(task.blocked)
    row = shown.uuids.index(uuids[1])
    assert shown.rows[row][1] == "Progetto 1"  # the title, read from the file
    assert shown.table.item(row, 1).toolTip() == uuids[1]
    assert shown.rows[row][3] == next(f.message_en for f in task.blocked if f.feature_uuid == uuids[1])


def test_export_errors_are_reported(source, settings, tmp_path):
    path, _uuids = source
    arguments = _dialog(path, settings).export_arguments()
    task = ExportBundleTask(dict(arguments, producer="Rho"))  # refused by the writer
    assert _run(task) is False
    assert task.error is not None and task.blocked is None and not task.cancelled
    assert task.error.message_it != task.error.message_en


# -- the dock -------------------------------------------------------------------------------
@contextlib.contextmanager
def _dock_on(path, qgis_iface):
    """A dock showing the GeoPackage at ``path`` with its layers loaded; cleaned up afterwards."""
    from remix_plugin.gui.dock import RemixDock

    layers = dock_data.load_layers(path)
    widget = RemixDock(dock_data.FakePlugin(qgis_iface), qgis_iface.mainWindow())
    assert widget.set_geopackage(path)
    qgis_iface.messageBar().clear_messages()
    try:
        yield widget, layers
    finally:
        widget.teardown()
        widget.deleteLater()
        for layer in layers.values():
            if layer.isEditable():
                layer.rollBack()
        QgsProject.instance().clear()


@pytest.fixture
def valid_dock(tmp_path, qgis_iface):
    path = tmp_path / "remix.gpkg"
    uuids = build_dataset(path, 5)
    with _dock_on(path, qgis_iface) as (widget, layers):
        yield widget, path, uuids, layers


def _messages(qgis_iface, level):
    return qgis_iface.messageBar().get_messages(getattr(Qgis.MessageLevel, level))


def test_dock_export_of_the_selected_projects(valid_dock, settings, qgis_iface):
    dock, path, uuids, layers = valid_dock
    progetti = layers["progetti"]
    progetti.selectByIds([f.id() for f in progetti.getFeatures() if f["uuid"] in (uuids[0], uuids[3])])
    assert dock.tools.selected_projects() == {uuids[0], uuids[3]}
    dialog = dock.tools.open_export_dialog(settings=settings)
    assert dialog.radios["selected"].isEnabled() and "(2)" in dialog.radios["selected"].text()
    assert dialog.set_choice("selected")
    assert dialog.producer() == "CMM"  # two comuni
    arguments = dialog.export_arguments()
    task = dock.tools.start_export(arguments)
    assert task is not None and dock.tools.export_task is task
    assert dock.tools.start_export(arguments) is None  # one export at a time
    dock_data.wait_until(lambda: dock.tools.export_task is None, timeout=120)
    assert task.result is not None
    bundle = Path(arguments["target"])
    assert set(_column(bundle, "SELECT uuid FROM progetti")) == {uuids[0], uuids[3]}
    success = _messages(qgis_iface, "Success")
    assert len(success) == 1
    assert bundle.name in success[0] and task.result.content_hash[:12] in success[0]
    assert f"{len(task.result.warnings)} " in success[0]
    assert QgsApplication.taskManager().countActiveTasks() == 0


def test_dock_export_blocked_lists_the_errors(valid_dock, settings, qgis_iface):
    dock, path, uuids, _layers = valid_dock
    _break_project(path, uuids[2])
    dialog = dock.tools.open_export_dialog(settings=settings)
    arguments = dialog.export_arguments()
    dock.tools.start_export(arguments)
    dock_data.wait_until(lambda: dock.tools.export_task is None, timeout=120)
    report = dock.tools.report_dialog
    assert isinstance(report, BlockedExportDialog) and report.isVisible()
    assert uuids[2] in report.uuids
    assert report.rows[report.uuids.index(uuids[2])][1] == "Progetto 2"
    assert not Path(arguments["target"]).exists()
    assert len(_messages(qgis_iface, "Warning")) == 1 and not _messages(qgis_iface, "Success")


def test_dock_buttons_do_not_receive_the_checked_flag(valid_dock, monkeypatch):
    """QAction.triggered(bool) must not fill the tools' optional arguments (pdf_path=False used to
    print the atlas into a file called "False")."""
    dock, _path, _uuids, _layers = valid_dock
    asked = []
    monkeypatch.setattr("remix_plugin.gui.dock_tools.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: asked.append(args) or ("", ""))
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    actions = {a.objectName(): a for a in dock.findChildren(QAction)}
    actions["RemixAtlasPdf"].trigger()
    assert len(asked) == 1 and dock.tools.atlas_task is None
    actions["RemixExportBundle"].trigger()
    assert dock.tools.export_task is None


# -- import ---------------------------------------------------------------------------------
@pytest.fixture
def bundle(tmp_path):
    """A bundle of every project of a valid dataset, written in a folder of its own."""
    folder = tmp_path / "sent"
    folder.mkdir()
    path = folder / "remix.gpkg"
    uuids = build_dataset(path, 5)
    task = ExportBundleTask({"source": path, "target": folder / "REMIX_CMM_20250301_01.gpkg",
                             "producer": "CMM"})
    assert _run(task), task.error
    return task.result.path, path, uuids


def test_import_task_merges_then_changes_nothing(bundle, tmp_path):
    bundle_path, _source, uuids = bundle
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    done = []
    task = ImportBundleTask(bundle_path, target, on_finished=done.append)
    assert not task.canCancel()  # merge_bundle cannot be interrupted
    assert _run(task) is True and done == [task]
    assert task.result.added["progetti"] == 5 and task.result.added["lavori"] == 5
    assert set(_column(target, "SELECT uuid FROM progetti")) == set(uuids)
    before = target.read_bytes()
    again = ImportBundleTask(bundle_path, target)
    assert _run(again) is True
    assert again.result.changed == 0 and not again.result.added and not again.result.conflicts
    assert target.read_bytes() == before
    summary = ImportSummaryDialog(again.result, bundle_path, target, "en")
    assert summary.table is None and summary.rows == []
    assert f"{again.result.unchanged}" in summary.summary.text()


def test_import_task_refuses_a_file_that_is_not_a_bundle(bundle, tmp_path):
    _bundle_path, source, _uuids = bundle
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    before = target.read_bytes()
    task = ImportBundleTask(source, target)  # the working GeoPackage, not a bundle
    assert _run(task) is False
    assert task.refused and task.error.message_it and task.result is None
    assert target.read_bytes() == before


def test_import_conflicts_are_listed_not_overwritten(bundle, tmp_path):
    bundle_path, source, uuids = bundle
    target = tmp_path / "copy.gpkg"
    shutil.copy(source, target)  # the same records, never imported: a changed one is a conflict
    connection = sqlite3.connect(str(target))
    connection.execute("UPDATE progetti SET titolo = 'Titolo locale' WHERE uuid = ?", (uuids[0],))
    connection.commit()
    connection.close()
    task = ImportBundleTask(bundle_path, target)
    assert _run(task) is True
    assert task.result.conflicts == [("progetti", uuids[0], ["titolo"])]
    assert _column(target, "SELECT titolo FROM progetti WHERE uuid = ?", uuids[0]) == ["Titolo locale"]
    assert _column(target, "SELECT record_uuid FROM remix_import_conflicts") == [uuids[0]]
    summary = ImportSummaryDialog(task.result, bundle_path, target, "en")
    assert summary.table.rowCount() == 1
    assert summary.rows[0] == ("Projects", "Titolo locale", "Title") and summary.uuids == [uuids[0]]
    assert "remix_import_conflicts" in " ".join(label.text() for label in summary.findChildren(
        type(summary.summary)))


@pytest.fixture
def empty_dock(tmp_path, qgis_iface):
    path = tmp_path / "target.gpkg"
    create_geopackage(path)
    with _dock_on(path, qgis_iface) as (widget, layers):
        yield widget, path, layers


def test_dock_import_reloads_and_summarises(empty_dock, bundle, qgis_iface):
    dock, path, layers = empty_dock
    bundle_path, _source, uuids = bundle
    assert layers["progetti"].featureCount() == 0
    task = dock.tools.import_bundle(bundle_path=str(bundle_path))
    assert task is not None and dock.tools.import_task is task
    assert dock.tools.import_bundle(bundle_path=str(bundle_path)) is None  # one at a time
    dock_data.wait_until(lambda: dock.tools.import_task is None, timeout=120)
    assert task.result is not None and sum(task.result.added.values()) > 0
    assert layers["progetti"].featureCount() == 5  # reloaded
    assert set(dock.data.projects) == set(uuids)  # the tree was rebuilt
    summary = dock.tools.report_dialog
    assert isinstance(summary, ImportSummaryDialog) and summary.isVisible()
    assert len(_messages(qgis_iface, "Success")) == 1


def test_dock_import_refused_with_unsaved_edits(empty_dock, bundle, qgis_iface):
    dock, path, layers = empty_dock
    bundle_path, _source, _uuids = bundle
    layer = layers["programmi"]
    layer.startEditing()
    layer.addFeature(QgsFeature(layer.fields()))
    before = path.read_bytes()
    asked = []

    def cancel(_count, modified, _action):  # the Save / Discard / Cancel question, answered Cancel
        asked.append(sorted(m.name() for m in modified))
        return "cancel"

    assert dock.tools.import_bundle(bundle_path=str(bundle_path), ask_unsaved=cancel) is None
    assert dock.tools.import_task is None
    assert asked == [[layer.name()]]
    assert path.read_bytes() == before
    assert layer.isModified()  # Cancel keeps the edits
    layer.rollBack()
    # any other layer of the project reading the file counts too
    extra = QgsVectorLayer(f"{path}|layername=attori", "attori (seconda copia)", "ogr")
    QgsProject.instance().addMapLayer(extra)
    extra.startEditing()
    extra.addFeature(QgsFeature(extra.fields()))
    assert dock.tools.import_bundle(bundle_path=str(bundle_path), ask_unsaved=cancel) is None
    assert "attori (seconda copia)" in asked[-1]
    extra.rollBack()
    assert path.read_bytes() == before
    # the same file imported into itself is refused before any work
    assert dock.tools.import_bundle(bundle_path=str(path)) is None
    assert dock.tools.import_task is None


def test_dock_import_refusal_gives_the_reason(empty_dock, bundle, qgis_iface):
    dock, path, _layers = empty_dock
    _bundle_path, source, _uuids = bundle
    before = path.read_bytes()
    task = dock.tools.import_bundle(bundle_path=str(source))  # a working GeoPackage, not a bundle
    dock_data.wait_until(lambda: dock.tools.import_task is None, timeout=120)
    assert task.refused and dock.tools.report_dialog is None
    critical = _messages(qgis_iface, "Critical")
    assert len(critical) == 1 and task.error.message(ui_language()) in critical[0]
    assert path.read_bytes() == before
