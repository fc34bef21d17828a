"""What the map shows: a file opens on the comuni of its projects (or the metropolitan territory),
never 1:1; at 1:500,000 each lavoro is a visible marker and the comuni with projects are marked
(rendered pixels); the tree and the map select each other; the tree lists actors, phases and
measurements, and an addition is confirmed in the message bar."""

from __future__ import annotations

import dock_data
import pytest
from dock_data import FakePlugin, dock, remix, rows  # noqa: F401 (fixtures)
from qgis.core import (
    Qgis,
    QgsFeature,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayerUtils,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from remix_plugin.gui import geopackage_actions
from remix_plugin.gui.tree_roles import KIND_ROLE, UUID_ROLE
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.qgis_project.builder import remix_layers
from remix_plugin.styles import layers as styles

P_SCALO, P_MARCONI, P_CASTANESI = (dock_data.PROJECTS[i][0] for i in (0, 1, 3))
SIZE = 200  # px; at 96 dpi 200 px are 52.9 mm of paper


def _ground_width(scale):
    return SIZE / 96 * 0.0254 * scale


def render(layers, centre, scale, crs):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setOutputSize(QSize(SIZE, SIZE))
    settings.setOutputDpi(96)
    settings.setBackgroundColor(QColor("white"))
    half = _ground_width(scale) / 2
    settings.setExtent(QgsRectangle(centre.x() - half, centre.y() - half,
                                    centre.x() + half, centre.y() + half))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def pixels(image, predicate):
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            if predicate(QColor(image.pixel(x, y))):
                count += 1
    return count


def not_white(colour):
    return colour.red() < 235 or colour.green() < 235 or colour.blue() < 235


def orange(colour):  # the has-project outline #B35806 (tinted or plain)
    return colour.red() > 140 and 50 < colour.green() < 120 and colour.blue() < 60


def _centre(layer, uuid):
    feature = next(f for f in layer.getFeatures() if f["uuid"] == uuid)
    return feature.geometry().pointOnSurface().asPoint()


@pytest.fixture
def opened(tmp_path, qgis_iface):
    from remix_plugin.gui.dock import RemixDock

    path = dock_data.build_gpkg(tmp_path / "remix.gpkg")
    widget = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    canvas = qgis_iface.mapCanvas()
    canvas.setExtent(QgsRectangle(0, 0, 1, 1))  # what a stored project without canvas gives
    assert geopackage_actions.open_path(qgis_iface, widget, path)
    yield path, widget, canvas
    widget.teardown()
    widget.deleteLater()
    QgsProject.instance().clear()


# -- the view on opening ----------------------------------------------------------------------
def test_opening_shows_the_comuni_of_the_projects(opened):
    _path, widget, canvas = opened
    layers = remix_layers(QgsProject.instance())
    comuni = layers["comuni"]
    canvas.setDestinationCrs(comuni.crs())
    assert widget.zoom_to_file() == "projects"
    extent = canvas.extent()
    wanted = {dock_data.RHO, dock_data.PERO, dock_data.CASTANO, dock_data.BUSSERO}
    territory = comuni.extent()
    for feature in comuni.getFeatures():
        box = feature.geometry().boundingBox()
        if feature["istat"] in wanted:
            assert extent.contains(box), feature["nome"]
    # the projects' comuni, not all 133 (the canvas's shape widens one side)
    assert extent.width() < territory.width() or extent.height() < territory.height()
    assert canvas.scale() > 10000


def test_open_path_itself_leaves_no_1_to_1_view(opened):
    _path, _widget, canvas = opened
    assert canvas.extent().width() > 1000  # metres: the comuni, not the 1 m square set before
    assert canvas.scale() > 10000


def test_a_file_without_projects_opens_on_the_metropolitan_territory(tmp_path, qgis_iface):
    path = create_geopackage(tmp_path / "vuoto.gpkg")
    canvas = qgis_iface.mapCanvas()
    canvas.setExtent(QgsRectangle(0, 0, 1, 1))
    try:
        assert geopackage_actions.open_path(qgis_iface, None, path)
        comuni = remix_layers(QgsProject.instance())["comuni"]
        canvas.setDestinationCrs(comuni.crs())
        assert geopackage_actions.show_useful_view(qgis_iface, path) == "territory"
        extent = canvas.extent()
        territory = comuni.extent()
        assert extent.contains(territory)
        assert min(extent.width() / territory.width(), extent.height() / territory.height()) < 1.5
    finally:
        QgsProject.instance().clear()


# -- small scales -----------------------------------------------------------------------------
def test_each_lavoro_is_a_visible_marker_at_1_to_500000(remix):
    _path, layers = remix
    lavori = layers["lavori"]
    lavori.setLabelsEnabled(False)  # titles (from 1:50,000) would be pixels too
    centre = _centre(lavori, dock_data._uuid("l-Casa dei Castanesi - fase I"))
    styled = render([lavori], centre, 500_000, lavori.crs())
    marked = pixels(styled, not_white)
    without = lavori.renderer().clone()
    categories = without.categories()  # keep the copies alive while their symbols are used
    for category in range(len(categories)):
        symbol = categories[category].symbol().clone()
        symbol.deleteSymbolLayer(symbol.symbolLayerCount() - 1)  # the small-scale marker
        without.updateCategorySymbol(category, symbol)
    plain_renderer = lavori.renderer().clone()
    lavori.setRenderer(without)
    plain = pixels(render([lavori], centre, 500_000, lavori.crs()), not_white)
    large_without = render([lavori], centre, 10_000, lavori.crs())
    lavori.setRenderer(plain_renderer)
    large_with = render([lavori], centre, 10_000, lavori.crs())
    assert marked >= 60, marked  # a 3.2 mm marker: about 110 px at 96 dpi
    assert plain <= 16 and marked > 4 * plain, (marked, plain)  # the 40 m perimeter: a speck of outline
    # at 1:10,000 the marker is off: only the perimeter (15 px square) is drawn
    assert pixels(large_with, not_white) == pixels(large_without, not_white)


def test_comuni_with_projects_are_marked(remix, tmp_path):
    _path, layers = remix
    comuni = layers["comuni"]
    assert any(f.name().startswith(styles.PROJECT_JOIN_PREFIX) for f in comuni.fields())
    rho = next(f for f in comuni.getFeatures() if f["istat"] == dock_data.RHO)
    milano = next(f for f in comuni.getFeatures() if f["nome"] == "Milano")
    at_rho = pixels(render([comuni], rho.geometry().centroid().asPoint(), 500_000, comuni.crs()), orange)
    at_milano = render([comuni], milano.geometry().centroid().asPoint(), 150_000, comuni.crs())
    assert at_rho > 20, at_rho  # Rho's orange outline and tint
    # Milano has no project: the middle of a 1:150,000 view inside it shows no orange
    assert pixels(at_milano.copy(60, 60, 80, 80), orange) == 0


def test_marking_follows_a_new_project(remix):
    _path, layers = remix
    comuni, progetti = layers["comuni"], layers["progetti"]
    milano = next(f for f in comuni.getFeatures() if f["nome"] == "Milano")
    progetti.startEditing()
    feature = QgsVectorLayerUtils.createFeature(progetti, context=progetti.createExpressionContext())
    feature["titolo"] = "Nuovo a Milano"
    feature["comune_istat"] = milano["istat"]
    assert progetti.addFeature(feature)
    assert progetti.commitChanges()
    joined = next(f for f in comuni.getFeatures() if f["istat"] == milano["istat"])
    assert joined[styles.PROJECT_JOIN_PREFIX + "uuid"] == feature["uuid"]


# -- tree <-> map -------------------------------------------------------------------------------
def test_selecting_a_lavoro_on_the_map_selects_it_in_the_tree(dock, remix):
    _path, layers = remix
    lavori = layers["lavori"]
    target = next(f for f in lavori.getFeatures() if f["titolo"] == "Tratto Pero")
    lavori.selectByIds([target.id()])
    current = dock.tree.currentIndex()
    assert current.data(KIND_ROLE) == "lavoro" and current.data(UUID_ROLE) == target["uuid"]
    progetti = layers["progetti"]
    scalo = next(f for f in progetti.getFeatures() if f["uuid"] == P_SCALO)
    progetti.selectByIds([scalo.id()])  # e.g. from the attribute table
    assert dock.tree.currentIndex().data(UUID_ROLE) == P_SCALO


def test_selecting_in_the_tree_selects_on_the_map_without_echo(dock, remix):
    _path, layers = remix
    assert dock.select_item("progetto", P_MARCONI, zoom=True)  # one lavoro: selected on the map
    assert layers["lavori"].selectedFeatureCount() == 1
    current = dock.tree.currentIndex()
    assert current.data(KIND_ROLE) == "progetto" and current.data(UUID_ROLE) == P_MARCONI


# -- the tree lists actors, phases, measurements ---------------------------------------------------
def _add(layer, values):
    layer.startEditing()
    feature = QgsVectorLayerUtils.createFeature(layer, context=layer.createExpressionContext())
    for name, value in values.items():
        feature[name] = value
    assert layer.addFeature(feature)
    return feature


def test_tree_shows_actors_phases_and_measurements(dock, remix):
    _path, layers = remix
    actor = _add(layers["attori"], {"nome": "Fondazione Cariplo"})
    _add(layers["progetto_attori"], {"progetto_uuid": P_CASTANESI, "attore_uuid": actor["uuid"]})
    _add(layers["fasi"], {"progetto_uuid": P_CASTANESI, "numero": 2, "titolo": "Apertura"})
    _add(layers["fasi"], {"progetto_uuid": P_CASTANESI, "numero": 1, "titolo": "Restauro"})
    indicator = _add(layers["indicatori"], {"nome": "Utenti", "unita_misura": "persone"})
    _add(layers["misure"], {"progetto_uuid": P_CASTANESI, "indicatore_uuid": indicator["uuid"],
                            "data_misura": "2025-06-30", "valore": 120.0})
    dock.rebuild(full=True)
    assert dock.select_item("progetto", P_CASTANESI, zoom=False)
    project = dock.tree.currentIndex()
    groups = {g.data(): [c.data() for c in rows(dock.proxy, g)] for g in rows(dock.proxy, project)}
    assert groups["Actors (1)"] == ["Fondazione Cariplo"]
    assert groups["Phases (2)"] == ["Phase 1 — Restauro", "Phase 2 — Apertura"]
    assert groups["Measurements (1)"] == ["Utenti: 120 persone (2025-06-30)"]
    scalo = dock.model.find("progetto", P_SCALO)
    dock.model.fetchMore(scalo)
    names = [dock.model.index(r, 0, scalo).data() for r in range(dock.model.rowCount(scalo))]
    assert not any(n.startswith(("Actors", "Phases", "Measurements")) for n in names)  # none: not shown


def test_an_addition_is_confirmed_in_the_message_bar(dock, remix, qgis_iface, monkeypatch):
    from remix_plugin.gui import dock_actions

    def accept(dialog):
        dialog.attributeForm().changeAttribute("titolo", "Fase I")
        dialog.accept()
        return True

    monkeypatch.setattr(dock_actions, "_run_dialog", accept)
    qgis_iface.messageBar().clear_messages()
    dock.select_item("progetto", P_CASTANESI, zoom=False)
    feature = dock.add_child("fasi")
    assert isinstance(feature, QgsFeature)
    texts = " ".join(qgis_iface.messageBar().get_messages(Qgis.Success))
    assert "Casa dei Castanesi" in texts and "not saved yet" in texts
    assert dock.tree.currentIndex().data(KIND_ROLE) == "fase"
    assert dock.unsaved_label.text() == "1 unsaved change"


def test_perimeter_from_selection_says_where_parcels_come_from(dock, remix, qgis_iface, monkeypatch):
    from qgis.core import QgsRasterLayer

    source = "type=xyz&url=http://127.0.0.1:9/%7Bz%7D/%7Bx%7D/%7By%7D.png"
    raster = QgsRasterLayer(source, "Catasto WMS", "wms")
    monkeypatch.setattr(qgis_iface, "activeLayer", lambda: raster, raising=False)
    ok, reason = dock.map_selection_state()
    assert not ok
    assert "Catasto WMS" in reason and "picture" in reason and "WFS" in reason
    monkeypatch.setattr(qgis_iface, "activeLayer", lambda: None, raising=False)
    ok, reason = dock.map_selection_state()
    assert not ok and "Agenzia delle Entrate" in reason


# -- the panel is generated from the declarations (gui/dock_definitions.py) -----------------------
RECORDED = []


def record_action(dock, item):
    RECORDED.append((dock, item.kind, item.project_uuid))
    return True


def test_buttons_and_filters_are_the_declared_ones(dock):
    from qgis.PyQt.QtWidgets import QAction, QComboBox, QToolButton

    from remix_plugin.gui.dock_definitions import ACTIONS, FILTERS

    for spec in ACTIONS:
        action = dock.findChild(QAction, spec.name)
        assert action is getattr(dock, spec.attribute) and action.text() == spec.label
        assert any(b.defaultAction() is action for b in dock.findChildren(QToolButton))
    combos = [combo.objectName() for combo in dock.filters_box.findChildren(QComboBox)]
    assert combos == ["RemixFilter_" + spec.name for spec in FILTERS]
    assert [getattr(dock, spec.widget).objectName() for spec in FILTERS] == combos


def test_one_declared_entry_is_a_working_button(remix, qgis_iface, monkeypatch):
    from qgis.PyQt.QtWidgets import QAction

    from remix_plugin.gui import dock_definitions
    from remix_plugin.gui.dock import RemixDock

    spec = dock_definitions.ActionSpec(
        "RemixExampleAction", "action_example", "/mActionAdd.svg", "Example", "An example",
        f"{__name__}:record_action")
    monkeypatch.setattr(dock_definitions, "ACTIONS", dock_definitions.ACTIONS + (spec,))
    path, _layers = remix
    widget = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    try:
        assert widget.set_geopackage(path)
        action = widget.findChild(QAction, "RemixExampleAction")
        assert action is not None and not action.isEnabled()  # needs a project
        assert "Select a project" in action.toolTip()
        widget.select_item("progetto", P_CASTANESI, zoom=False)
        assert action.isEnabled()
        action.trigger()
        assert RECORDED == [(widget, "progetto", P_CASTANESI)]
    finally:
        widget.teardown()
        widget.deleteLater()
