"""Issue 12 on QGIS's real dialogs (offscreen): an actor created from the actor link's own form is
linked and selected, so the link's OK becomes enabled; empty fields read empty while a RE.MIX
form is open and are still stored as NULL, never ''.

The RE.MIX GeoPackage and its stored project come from scripts/form_screenshots.py (as
tests/qgis/test_forms_fit.py); the nested form is answered by replacing the dock's modal
``_run_dialog`` with one that fills the form's widgets and presses OK.
"""

import sqlite3

import form_screenshots as shots
import pytest
from qgis.core import NULL, QgsApplication, QgsProject, QgsSettings, QgsVectorLayerUtils
from qgis.gui import QgsEditorWidgetWrapper
from qgis.PyQt.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QToolButton

from remix_plugin.gui import dock_actions
from remix_plugin.gui.form_watch import decorate
from remix_plugin.gui.link_create import BUTTON_NAME
from remix_plugin.layers.model import load_model

MODEL = load_model()
TOOLS = shots.layer_tools()


OPENED = []  # dialogs to close before their layers go (a dialog outliving them crashes 3.22)


@pytest.fixture()
def layers(tmp_path, qgis_new_project):
    found = shots.build_project(tmp_path, "it")
    yield found
    while OPENED:
        dialog = OPENED.pop()
        try:
            shots.close_dialog(dialog)
        except RuntimeError:  # closed by the test already
            pass
    for layer in found.values():
        if layer.isEditable():
            layer.rollBack()
    found.clear()
    QgsProject.instance().clear()


def _wrappers(dialog):
    """{field: wrapper} of the widgets a person edits (QGIS names them after their field; it
    also keeps unnamed, hidden relation widgets)."""
    found = {}
    for wrapper in dialog.attributeForm().findChildren(QgsEditorWidgetWrapper):
        name = wrapper.field().name()
        if name not in found or wrapper.widget().objectName() == name:
            found[name] = wrapper
    return found


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def _link_list(widget):
    """The drop-down a person sees in a relation reference (it also holds hidden filter lists)."""
    return next(c for c in widget.findChildren(QComboBox) if c.inherits("QgsFeatureListComboBox"))


def _wait(predicate, seconds=5.0):
    import time

    end = time.monotonic() + seconds
    while not predicate() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def _project(layers):
    """The uuid of a project in the edit buffer (a link's project must exist to be chosen)."""
    progetti = layers["progetti"]
    progetti.startEditing()
    feature = QgsVectorLayerUtils.createFeature(progetti, context=progetti.createExpressionContext())
    feature["titolo"] = "Riuso della scuola"
    assert progetti.addFeature(feature)
    return feature["uuid"]


def _open(layer, values=None):
    dialog = shots.open_dialog(layer, TOOLS, decorate=False)
    OPENED.append(dialog)
    decorate(dialog.attributeForm())
    for name, value in (values or {}).items():
        wrapper = _wrappers(dialog)[name]
        wrapper.setValues(value, [])
        wrapper.emitValueChanged()
    QApplication.processEvents()
    return dialog


def test_an_actor_is_created_from_the_link_and_selected(layers, monkeypatch):
    tipo = MODEL.scheme.dimension("tipo_attore").terms[0].code
    ruolo = MODEL.scheme.dimension("ruolo_attore").terms[0].code
    nested = {}

    def fill_and_save(dialog):  # what the technician does in the actor's own form
        nested["title"] = dialog.windowTitle()
        wrappers = _wrappers(dialog)
        wrappers["nome"].widget().setText("Associazione genitori")
        wrappers["tipo_attore"].setValues(tipo, [])
        wrappers["tipo_attore"].emitValueChanged()
        QApplication.processEvents()
        nested["ok_enabled"] = _ok(dialog).isEnabled()
        dialog.accept()
        return True

    monkeypatch.setattr(dock_actions, "_run_dialog", fill_and_save)
    link = _open(layers["progetto_attori"], {"progetto_uuid": _project(layers), "ruolo_attore": ruolo})
    assert not _ok(link).isEnabled()  # no actor yet
    buttons = link.findChildren(QToolButton, BUTTON_NAME)
    assert [b.text() for b in buttons] == ["Nuovo attore…"] and buttons[0].isVisible()
    buttons[0].click()
    QApplication.processEvents()
    QApplication.processEvents()
    assert nested["ok_enabled"], nested
    attori = layers["attori"]
    created = [f for f in attori.getFeatures() if f["nome"] == "Associazione genitori"]
    assert len(created) == 1 and attori.isEditable()  # in the edit buffer, not committed
    uuid = created[0]["uuid"]
    # linked: on 3.44 the link's value settles once its list has read the layer (in a thread)
    _wait(lambda: _wrappers(link)["attore_uuid"].value() == uuid)
    assert uuid and _wrappers(link)["attore_uuid"].value() == uuid
    combo = _link_list(_wrappers(link)["attore_uuid"].widget())
    _wait(lambda: "Associazione genitori" in combo.currentText())  # the list reads in a thread
    assert "Associazione genitori" in combo.currentText()  # and shown as selected
    assert _ok(link).isEnabled()
    link.accept()
    links = [f["attore_uuid"] for f in layers["progetto_attori"].getFeatures()]
    assert links == [uuid]
    shots.close_dialog(link)


def test_an_indicator_link_has_its_button_and_the_azione_form_none(layers):
    misura = _open(layers["misure"])
    assert [b.text() for b in misura.findChildren(QToolButton, BUTTON_NAME)] == ["Nuovo indicatore…"]
    shots.close_dialog(misura)
    azione = _open(layers["azioni"])  # links to a project / lavoro: nothing to create there
    assert azione.findChildren(QToolButton, BUTTON_NAME) == []
    shots.close_dialog(azione)


def test_empty_fields_read_empty_and_are_stored_as_null(layers):
    assert QgsApplication.nullRepresentation() == "NULL"
    layer = layers["fasi"]
    stato = MODEL.scheme.dimension("stato_fase").terms[0].code
    dialog = _open(layer, {"progetto_uuid": _project(layers), "numero": 1,
                           "stato_fase": stato})
    assert QgsApplication.nullRepresentation() == ""  # while a RE.MIX form is open
    assert QgsSettings().value("qgis/nullValue", "NULL") != ""  # the user's setting stays
    wrappers = _wrappers(dialog)
    description, start = wrappers["descrizione"], wrappers["data_inizio"]
    text_widget = description.widget()
    shown = text_widget.toPlainText() if hasattr(text_widget, "toPlainText") else text_widget.text()
    assert shown == "" and description.value() in (None, NULL)
    assert start.widget().text() == "" and start.value() in (None, NULL)  # no grey NULL in dates
    wrappers["titolo"].widget().setText("Cantiere")
    wrappers["titolo"].widget().setText("")  # typed, then cleared: NULL again, not ''
    assert wrappers["titolo"].value() in (None, NULL)
    wrappers["titolo"].widget().setText("Cantiere")
    QApplication.processEvents()
    assert _ok(dialog).isEnabled()
    dialog.accept()
    shots.close_dialog(dialog)
    assert QgsApplication.nullRepresentation() == "NULL"  # QGIS's own text is back
    assert layer.commitChanges(), layer.commitErrors()
    with sqlite3.connect(layer.source().split("|")[0]) as connection:
        stored = connection.execute("SELECT titolo, descrizione, data_inizio FROM fasi").fetchall()
    assert stored == [("Cantiere", None, None)]  # SQL NULL, neither 'NULL' nor ''
