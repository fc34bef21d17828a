"""Nothing typed is lost: the panel counts unsaved edits ("N modifiche non salvate"), *Salva*
commits every layer of the file parents first, and opening / reopening / creating a file or
importing a bundle with unsaved edits asks Save / Discard / Cancel (answered here through the
``ask_unsaved`` seam, and once through the real QMessageBox closed by a timer)."""

from __future__ import annotations

import dock_data
import pytest
from dock_data import FakePlugin, dock, remix  # noqa: F401 (fixtures)
from osgeo import ogr
from qgis.core import QgsFeature, QgsProject, QgsVectorLayerUtils
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QMessageBox

from remix_plugin.gui import geopackage_actions, unsaved
from remix_plugin.qgis_project.builder import remix_layers

P_GOGNA = dock_data.PROJECTS[4][0]


def _count(path, table, where=None):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName(table)
    if where:
        layer.SetAttributeFilter(where)
    count = layer.GetFeatureCount()
    dataset = None
    return count


def _new_project_with_work(layers, title="Progetto non salvato"):
    """A new project and one lavoro of it, both only in the edit buffers."""
    progetti, lavori = layers["progetti"], layers["lavori"]
    progetti.startEditing()
    project = QgsVectorLayerUtils.createFeature(progetti, context=progetti.createExpressionContext())
    project["titolo"] = title
    assert progetti.addFeature(project)
    lavori.startEditing()
    source = next(lavori.getFeatures())
    work = QgsVectorLayerUtils.createFeature(lavori, source.geometry(),
                                             context=lavori.createExpressionContext())
    work["titolo"] = "Lotto non salvato"
    work["progetto_uuid"] = project["uuid"]
    assert lavori.addFeature(work)
    return project["uuid"]


class Answer:
    """The user's answer to the Save / Discard / Cancel question, with what they were shown."""

    def __init__(self, answer):
        self.answer = answer
        self.asked = []

    def __call__(self, count, layers, action):
        self.asked.append((count, sorted(layer.name() for layer in layers), action))
        return self.answer


# -- the panel: count and save ------------------------------------------------------------------
def test_panel_counts_unsaved_changes_and_saves_all_parents_first(dock, remix):
    path, layers = remix
    assert dock.update_unsaved() == 0
    assert dock.unsaved_label.text() == "All changes saved"
    assert not dock.action_save_all.isEnabled()
    assert dock.unsaved_label.objectName() == "remixUnsavedLabel"
    assert dock.action_save_all.objectName() == "remixSaveAll"

    project_uuid = _new_project_with_work(layers)
    gogna = next(f for f in layers["progetti"].getFeatures() if f["uuid"] == P_GOGNA)
    assert layers["progetti"].changeAttributeValue(gogna.id(), layers["progetti"].fields().indexOf("note"),
                                                   "nota")
    dock_data.wait_until(lambda: dock.unsaved_label.text() == "3 unsaved changes")
    assert dock.action_save_all.isEnabled()
    assert "Lavori: 1" in dock.unsaved_label.toolTip() or "lavori: 1" in dock.unsaved_label.toolTip().lower()

    order = []
    for table in ("lavori", "progetti"):
        layers[table].afterCommitChanges.connect(lambda table=table: order.append(table))
    result = dock.save_all()
    assert result.ok, result.message()
    assert order == ["progetti", "lavori"]  # the parent is written before its child
    assert _count(path, "progetti", f"uuid = '{project_uuid}'") == 1
    assert _count(path, "lavori", f"progetto_uuid = '{project_uuid}'") == 1
    assert _count(path, "progetti", "note = 'nota'") == 1
    assert layers["lavori"].isEditable()  # saving keeps the edit session, like QGIS's Save
    assert dock.update_unsaved() == 0
    assert dock.unsaved_label.text() == "All changes saved"
    assert not dock.action_save_all.isEnabled()


def test_save_order_follows_the_model_relations(remix):
    _path, layers = remix
    names = [layer.customProperty("remix/table") for layer in unsaved.save_order(
        [layers[t] for t in ("misure", "lavori", "fasi", "progetti", "indicatori", "programmi", "comuni")])]
    assert names.index("programmi") < names.index("progetti") < names.index("lavori")
    assert names.index("progetti") < names.index("fasi") and names.index("indicatori") < names.index("misure")
    assert names[-1] == "comuni"  # reference layers last


def test_change_count_and_italian_grammar(remix):
    _path, layers = remix
    fasi = layers["fasi"]
    fasi.startEditing()
    assert unsaved.change_count(fasi) == 0
    feature = QgsFeature(fasi.fields())
    fasi.addFeature(feature)
    assert unsaved.change_count(fasi) == 1
    assert unsaved.changes_text(1) == "1 unsaved change"
    assert unsaved.changes_text(2) == "2 unsaved changes"


def test_italian_texts_of_the_counter(compiled_translations):
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from remix_plugin.i18n import I18N_DIR

    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "remix_it.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert unsaved.changes_text(1) == "1 modifica non salvata"
        assert unsaved.changes_text(4) == "4 modifiche non salvate"
    finally:
        QCoreApplication.removeTranslator(translator)


# -- reopening, switching, creating ----------------------------------------------------------------
@pytest.fixture
def opened(tmp_path, qgis_iface):
    """A RE.MIX file opened as the menu does it, with the dock showing it."""
    from remix_plugin.gui.dock import RemixDock

    path = dock_data.build_gpkg(tmp_path / "remix.gpkg")
    widget = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    assert geopackage_actions.open_path(qgis_iface, widget, path)
    yield path, widget
    for layer in QgsProject.instance().mapLayers().values():
        if getattr(layer, "isEditable", lambda: False)():
            layer.rollBack()
    widget.teardown()
    widget.deleteLater()
    QgsProject.instance().clear()


def test_reopening_with_unsaved_edits_cancel_keeps_them(opened, qgis_iface):
    path, widget = opened
    layers = remix_layers(QgsProject.instance())
    project_uuid = _new_project_with_work(layers)
    answer = Answer(unsaved.CANCEL)
    assert not geopackage_actions.open_path(qgis_iface, widget, path, ask_unsaved=answer)
    count, names, action = answer.asked[0]
    assert count == 2 and len(names) == 2 and "remix.gpkg" in action
    assert layers["progetti"].isModified() and layers["lavori"].isModified()  # still there
    assert any(f["uuid"] == project_uuid for f in layers["progetti"].getFeatures())
    assert _count(path, "progetti", f"uuid = '{project_uuid}'") == 0


def test_reopening_with_unsaved_edits_save_writes_them_first(opened, qgis_iface):
    path, widget = opened
    project_uuid = _new_project_with_work(remix_layers(QgsProject.instance()))
    answer = Answer(unsaved.SAVE)
    assert geopackage_actions.open_path(qgis_iface, widget, path, ask_unsaved=answer)
    assert len(answer.asked) == 1
    assert _count(path, "progetti", f"uuid = '{project_uuid}'") == 1
    assert _count(path, "lavori", f"progetto_uuid = '{project_uuid}'") == 1
    reopened = remix_layers(QgsProject.instance())
    assert any(f["uuid"] == project_uuid for f in reopened["progetti"].getFeatures())
    assert widget.model.find("progetto", project_uuid).isValid()  # the tree shows the saved project


def test_switching_files_discard_drops_the_edits(opened, qgis_iface, tmp_path):
    path, widget = opened
    project_uuid = _new_project_with_work(remix_layers(QgsProject.instance()))
    other = dock_data.build_gpkg(tmp_path / "altro.gpkg")
    answer = Answer(unsaved.DISCARD)
    assert geopackage_actions.open_path(qgis_iface, widget, other, ask_unsaved=answer)
    assert len(answer.asked) == 1
    assert _count(path, "progetti", f"uuid = '{project_uuid}'") == 0  # discarded, file unchanged
    assert widget.gpkg_path.endswith("altro.gpkg")


def test_no_question_without_unsaved_edits(opened, qgis_iface):
    path, widget = opened
    answer = Answer(unsaved.CANCEL)
    assert geopackage_actions.open_path(qgis_iface, widget, path, ask_unsaved=answer)
    assert answer.asked == []


def test_creating_a_new_file_asks_before_making_it(opened, qgis_iface, tmp_path):
    _path, widget = opened
    _new_project_with_work(remix_layers(QgsProject.instance()))
    target = tmp_path / "nuovo.gpkg"
    answer = Answer(unsaved.CANCEL)
    assert geopackage_actions.new_geopackage(qgis_iface, widget, path=target, crs="EPSG:32632",
                                             ask_unsaved=answer) is None
    assert len(answer.asked) == 1 and not target.exists()  # cancelled before the file was made


# -- importing ----------------------------------------------------------------------------------
def test_import_with_unsaved_edits_asks_and_cancel_imports_nothing(dock, remix, tmp_path):
    path, layers = remix
    _new_project_with_work(layers)
    bundle = tmp_path / "bundle.gpkg"
    bundle.write_bytes(b"not used: the question comes first")
    answer = Answer(unsaved.CANCEL)
    before = path.read_bytes()
    assert dock.tools.import_bundle(str(bundle), ask_unsaved=answer) is None
    assert len(answer.asked) == 1 and answer.asked[0][2] == "Importing a bundle"
    assert dock.tools.import_task is None
    assert path.read_bytes() == before
    assert layers["progetti"].isModified()


# -- the real question box, closed by a timer (never a modal that hangs pytest) ----------------------
@pytest.mark.parametrize(("button", "expected"), [
    (QMessageBox.StandardButton.Cancel, unsaved.CANCEL),
    (QMessageBox.StandardButton.Discard, unsaved.DISCARD),
    (QMessageBox.StandardButton.Save, unsaved.SAVE),
])
def test_real_question_box_offers_save_discard_cancel(remix, button, expected):
    _path, layers = remix
    _new_project_with_work(layers)
    seen = {}

    def press():
        box = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == "remixUnsavedQuestion"
                    and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(50, press)
            return
        seen["text"] = box.text()
        seen["buttons"] = {box.button(b) is not None for b in (
            QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Cancel)}
        box.button(button).click()

    QTimer.singleShot(50, press)
    modified = unsaved.project_modified_layers()
    answer = unsaved.ask_unsaved(None, unsaved.total_changes(modified), modified, "Opening x.gpkg")
    assert answer == expected
    assert seen["buttons"] == {True}
    assert "2 unsaved changes" in seen["text"] and "Opening x.gpkg" in seen["text"]


# -- switching the labels' language (reopens the file: asks first) --------------------------------
def test_switching_the_labels_to_english_and_back(opened):
    from remix_plugin.forms.language import project_language

    path, widget = opened
    layers = remix_layers(QgsProject.instance())
    _new_project_with_work(layers)
    cancel = Answer(unsaved.CANCEL)
    assert not widget.switch_language("en", ask_unsaved=cancel)
    assert len(cancel.asked) == 1 and layers["lavori"].name() == "Lavori"  # nothing changed
    assert widget.switch_language("en", ask_unsaved=Answer(unsaved.DISCARD))
    assert project_language(QgsProject.instance()) == "en"
    assert remix_layers(QgsProject.instance())["lavori"].name() == "Physical works"
    assert widget.gpkg_path and widget.stack.currentIndex() == 1  # the panel shows the file again
    assert widget.switch_language("it")
    assert remix_layers(QgsProject.instance())["lavori"].name() == "Lavori"
    assert _count(path, "progetti") == len(dock_data.PROJECTS)  # data never touched
