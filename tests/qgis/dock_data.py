"""Test data for the dock and perimeter tests: a real RE.MIX GeoPackage with a few rows written
with OGR, and its layers loaded into QgsProject.instance() the way the plugin does it."""

from __future__ import annotations

import json
import uuid as uuidlib
from unittest.mock import MagicMock

import pytest
from osgeo import ogr

from remix_plugin.layers.geopackage import create_geopackage

RHO, PERO, CASTANO, BUSSERO = "015182", "015170", "015062", "015040"


def _uuid(name):
    return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, "remix-test/" + name))


PROGRAMMES = [
    (_uuid("prog-nordovest"), "Rete Nord Ovest", "territoriale"),
    (_uuid("prog-verde"), "Tema verde", "tematica"),
]
# uuid, title, programme, comune, ambiti, scala, stato
PROJECTS = [
    (_uuid("p-scalo"), "Ex scalo merci di Rho", PROGRAMMES[0][0], RHO, ["urbanistico", "infrastrutturale"],
     "strategico_metropolitano", "in_corso"),
    (_uuid("p-marconi"), "Ex scuola piazza Marconi", PROGRAMMES[0][0], PERO, ["sociale"], "comunale",
     "proposta"),
    (_uuid("p-parco"), "Parco lineare Olona", PROGRAMMES[1][0], RHO, ["ambientale"], "sovracomunale",
     "finanziato"),
    (_uuid("p-castanesi"), "Casa dei Castanesi", None, CASTANO, ["culturale", "sociale"], "comunale",
     "in_corso"),
    (_uuid("p-gogna"), "Cascina Gogna", None, BUSSERO, ["economico"], "comunale", "proposta"),
]
# title, project index, comune, offset of the square from the comune's inner point (m)
LAVORI = [
    ("Area ATTRACT", 0, RHO, (0, 0)),
    ("Fascio binari dismesso", 0, RHO, (200, 0)),
    ("Edificio scolastico", 1, PERO, (0, 0)),
    ("Tratto Rho", 2, RHO, (0, 300)),
    ("Tratto Pero", 2, PERO, (0, 300)),
    ("Casa dei Castanesi - fase I", 3, CASTANO, (0, 0)),
]
AZIONI = [("Gestione spazi comuni", 0), ("Laboratori culturali", 3)]
CRITICITA = [("Area dismessa scalo", 0, RHO, True), ("Scuola chiusa", 1, PERO, False)]


def inner_points(path, codes):
    """ISTAT code -> (x, y) point on the surface of the comune (file CRS)."""
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName("comuni")
    points = {}
    for feature in layer:
        code = feature.GetField("istat")
        if code in codes:
            point = feature.GetGeometryRef().PointOnSurface()
            points[code] = (point.GetX(), point.GetY())
    return points


def square(x, y, half=20.0):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for px, py in ((x - half, y - half), (x + half, y - half), (x + half, y + half),
                   (x - half, y + half), (x - half, y - half)):
        ring.AddPoint_2D(px, py)
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    multi.AddGeometry(polygon)
    return multi


def _add(layer, values, geometry=None):
    feature = ogr.Feature(layer.GetLayerDefn())
    for name, value in values.items():
        if value is not None:
            feature.SetField(name, value)
    if geometry is not None:
        feature.SetGeometry(geometry)
    layer.CreateFeature(feature)


def build_gpkg(path):
    """A RE.MIX GeoPackage with 2 programmes, 5 projects, 6 lavori, 2 azioni, 2 criticità."""
    create_geopackage(path)
    points = inner_points(path, {RHO, PERO, CASTANO, BUSSERO})
    stamp = "2024-01-01T00:00:00Z"
    audit = {"creato_il": stamp, "modificato_il": stamp, "creato_da": "test", "modificato_da": "test"}
    dataset = ogr.Open(str(path), 1)
    layer = dataset.GetLayerByName("programmi")
    for uuid, title, kind in PROGRAMMES:
        _add(layer, {"uuid": uuid, "titolo": title, "tipo_rete": kind, **audit})
    layer = dataset.GetLayerByName("progetti")
    for uuid, title, programme, comune, ambiti, scala, stato in PROJECTS:
        _add(layer, {"uuid": uuid, "titolo": title, "programma_uuid": programme, "comune_istat": comune,
                     "ambito_opportunita": json.dumps(ambiti), "scala_impatto": scala,
                     "stato_progetto": stato, **audit})
    layer = dataset.GetLayerByName("lavori")
    for title, project, comune, (dx, dy) in LAVORI:
        x, y = points[comune]
        _add(layer, {"uuid": _uuid("l-" + title), "titolo": title, "progetto_uuid": PROJECTS[project][0],
                     "comune_istat": comune, **audit}, square(x + dx, y + dy))
    layer = dataset.GetLayerByName("azioni")
    for title, project in AZIONI:
        _add(layer, {"uuid": _uuid("a-" + title), "titolo": title, "progetto_uuid": PROJECTS[project][0],
                     **audit})
    layer = dataset.GetLayerByName("criticita")
    for title, project, comune, spatial in CRITICITA:
        x, y = points[comune]
        _add(layer, {"uuid": _uuid("c-" + title), "titolo": title, "progetto_uuid": PROJECTS[project][0],
                     "comune_istat": comune, **audit}, square(x, y - 300, 60) if spatial else None)
    dataset = None
    return path


def load_layers(path, project=None, language="it"):
    """Load the RE.MIX layers as the plugin does (qgis_project.builder.build_project) into
    ``project``. A builder that fails fails the test: the dock is tested on the real layers."""
    from qgis.core import QgsDefaultValue, QgsProject

    from remix_plugin.layers.model import load_model
    from remix_plugin.qgis_project.builder import build_project

    project = project or QgsProject.instance()
    layers, _relations = build_project(str(path), project, language)
    model = load_model()
    comuni_id = layers["comuni"].id()
    for table in model.tables:
        layer = layers.get(table.name)
        if layer is None or table.reference:
            continue
        for spec in table.fields:
            index = layer.fields().indexOf(spec.name)
            current = layer.defaultValueDefinition(index).expression() if index >= 0 else ""
            if index >= 0 and spec.default_expression and not current:
                expression = spec.default_expression.replace("layer:='comuni'", f"layer:='{comuni_id}'")
                layer.setDefaultValueDefinition(index, QgsDefaultValue(expression, spec.apply_on_update))
    return layers


def wait_until(predicate, timeout=3.0):
    """Process Qt events until ``predicate()`` is true (pytest-qt's waitUntil, without pytest-qt)."""
    import time

    from qgis.PyQt.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if predicate():
            return True
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.01)


class FakePlugin:
    """What the dock needs of the plugin: its iface and the two empty-state callbacks."""

    def __init__(self, iface):
        self.iface = iface
        self.new_geopackage = MagicMock(name="new_geopackage")
        self.open_geopackage = MagicMock(name="open_geopackage")


def rows(model, parent=None):
    from qgis.PyQt.QtCore import QModelIndex

    parent = parent or QModelIndex()
    if model.canFetchMore(parent):  # project children are created on demand (when expanded)
        model.fetchMore(parent)
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))]


# Fixtures shared by the dock, dock-tools and perimeter tests (import them by name in the test module):
# the GeoPackage above with its layers in QgsProject.instance(), and the dock showing it.
@pytest.fixture
def remix(tmp_path, qgis_iface):
    from qgis.core import QgsProject

    path = build_gpkg(tmp_path / "remix.gpkg")
    layers = load_layers(path)
    yield path, layers
    for layer in layers.values():
        if layer.isEditable():
            layer.rollBack()
    QgsProject.instance().clear()


@pytest.fixture
def dock(remix, qgis_iface):
    from remix_plugin.gui.dock import RemixDock

    path, _layers = remix
    widget = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    assert widget.set_geopackage(path)
    yield widget
    widget.teardown()
    widget.deleteLater()
