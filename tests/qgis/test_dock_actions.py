"""The dock's one-click actions open QGIS's real attribute dialog in add mode, prefilled; a saved
form lands in the edit buffer (never committed); plus a screenshot of the dock with data."""

from __future__ import annotations

import dock_data
import pytest
from dock_data import FakePlugin, dock, remix, rows  # noqa: F401 (fixtures)
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from remix_plugin.gui import dock_actions

P_SCALO = dock_data.PROJECTS[0][0]


@pytest.fixture
def saved_forms(monkeypatch):
    """Replace the modal exec() of the form: fill the given fields, then press OK (accept)."""
    shown = []
    fill = {}

    def run(dialog):
        form = dialog.attributeForm()
        for name, value in fill.items():
            form.changeAttribute(name, value)
        feature = form.currentFormFeature()
        shown.append({field.name(): feature[field.name()] for field in form.layer().fields()})
        dialog.accept()
        return True

    monkeypatch.setattr(dock_actions, "_run_dialog", run)
    return shown, fill


def test_add_phase_prefills_project_and_next_number(dock, remix, saved_forms):
    _path, layers = remix
    shown, fill = saved_forms
    fasi = layers["fasi"]
    dock.select_item("progetto", P_SCALO, zoom=False)
    fill.update({"titolo": "Fase I"})
    feature = dock.add_child("fasi")
    assert feature is not None
    assert shown[-1]["progetto_uuid"] == P_SCALO and shown[-1]["numero"] == 1
    stored = [f for f in fasi.getFeatures() if f["progetto_uuid"] == P_SCALO]
    assert [(f["numero"], f["titolo"]) for f in stored] == [(1, "Fase I")]
    assert len(stored[0]["uuid"]) == 36
    fill.update({"titolo": "Fase II"})
    dock.add_child("fasi")
    assert shown[-1]["numero"] == 2
    assert fasi.isModified() and fasi.isEditable()  # in the buffer, not committed


def test_attach_azione_to_a_lavoro_links_project_and_lavoro(dock, remix, saved_forms):
    _path, layers = remix
    shown, fill = saved_forms
    lavoro_uuid = dock_data._uuid("l-Area ATTRACT")
    dock.select_item("lavoro", lavoro_uuid, zoom=False)
    fill.update({"titolo": "Presidio sociale"})
    feature = dock.attach_azione()
    assert feature is not None
    assert shown[-1]["progetto_uuid"] == P_SCALO and shown[-1]["lavoro_uuid"] == lavoro_uuid
    dock_data.wait_until(lambda: len(dock.data.projects[P_SCALO].azioni) == 2)
    assert dock.tree.currentIndex().data() == "Presidio sociale"


def test_new_project_form_then_offer_to_draw(dock, remix, saved_forms, monkeypatch):
    _path, layers = remix
    shown, fill = saved_forms
    fill.update({"titolo": "Nuovo progetto", "comune_istat": dock_data.RHO})
    asked, drawn = [], []
    uuid = dock_actions.new_project(dock.iface, dock.layers, None, dock,
                                    ask=lambda q: asked.append(q) or True, draw=drawn.append)
    assert uuid and drawn == [uuid] and "perimeter" in asked[0]
    assert [f["titolo"] for f in layers["progetti"].getFeatures() if f["uuid"] == uuid] == ["Nuovo progetto"]
    # refusing the form creates nothing and asks nothing
    monkeypatch.setattr(dock_actions, "_run_dialog", lambda dialog: False)
    before = layers["progetti"].featureCount()
    assert dock_actions.new_project(dock.iface, dock.layers, None, dock, ask=asked.append,
                                    draw=drawn.append) is None
    assert layers["progetti"].featureCount() == before and len(asked) == 1


def test_screenshot_of_the_dock(remix, qgis_iface, artifacts_dir, compiled_translations):
    translator = QTranslator()
    italian = translator.load(str(dock_data_path("remix_it.qm")))
    if italian:
        QCoreApplication.installTranslator(translator)
    try:
        from remix_plugin.gui.dock import RemixDock

        path, _layers = remix
        widget = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
        widget.setWindowTitle("RE.MIX")
        widget.resize(400, 720)
        widget.show()
        assert widget.set_geopackage(path)
        widget.filters_box.setCollapsed(False)
        widget.select_item("lavoro", dock_data._uuid("l-Area ATTRACT"), zoom=False)
        programme = rows(widget.proxy)[1]
        widget.tree.expand(programme)
        dock_data.wait_until(lambda: True, 0.2)
        image = widget.grab()
        target = artifacts_dir / "dock.png"
        assert image.save(str(target))
        assert target.stat().st_size > 5000
        widget.teardown()
        widget.deleteLater()
    finally:
        QCoreApplication.removeTranslator(translator)


def dock_data_path(name):
    from remix_plugin.i18n import I18N_DIR

    return I18N_DIR / name
