"""Perimeters of lavori: from selected features of another polygon layer (CRS transformation, one
undo step, never committed) and drawn on a real map canvas with QGIS's digitizing map tool."""

from __future__ import annotations

import sqlite3

import dock_data
import pytest
from dock_data import dock, remix  # noqa: F401 (fixtures)
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)
from qgis.gui import (
    QgsAdvancedDigitizingDockWidget,
    QgsMapMouseEvent,
    QgsMapToolCapture,
    QgsMapToolDigitizeFeature,
)
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from remix_plugin.gui.perimeter_tools import PerimeterSession, perimeters_from_selection

P_SCALO = dock_data.PROJECTS[0][0]
P_GOGNA = dock_data.PROJECTS[4][0]


def rho_geometry(layers):
    comuni = layers["comuni"]
    feature = next(f for f in comuni.getFeatures() if f["istat"] == dock_data.RHO)
    return feature.geometry()


def rows_in_file(path, table):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM " + table).fetchone()[0]  # noqa: S608 (constant)


def parcels_layer(layers, count=2):
    """A memory layer in EPSG:4326 with ``count`` square "parcels" inside Rho."""
    rho = rho_geometry(layers)
    to_wgs84 = QgsCoordinateTransform(layers["comuni"].crs(), QgsCoordinateReferenceSystem("EPSG:4326"),
                                      QgsProject.instance())
    centre = to_wgs84.transform(rho.pointOnSurface().asPoint())
    layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=foglio:string", "Particelle catastali", "memory")
    features = []
    for i in range(count):
        x0, y0 = centre.x() - 0.004 + i * 0.0015, centre.y() - 0.003
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, y0, x0 + 0.001, y0 + 0.0008)))
        feature["foglio"] = f"F{i + 1}"
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.setDisplayExpression('"foglio"')
    QgsProject.instance().addMapLayer(layer)
    return layer


def test_perimeters_from_selected_features_are_transformed_and_stay_in_the_buffer(dock, remix, qgis_iface):
    path, layers = remix
    lavori = layers["lavori"]
    parcels = parcels_layer(layers, 3)
    parcels.selectByIds([f.id() for f in parcels.getFeatures() if f["foglio"] in ("F1", "F3")])
    qgis_iface.setActiveLayer(parcels)
    dock._active_layer_changed(parcels)  # what iface.currentLayerChanged does in QGIS
    assert not dock.action_from_selection.isEnabled()  # no project selected yet
    dock.select_item("progetto", P_GOGNA, zoom=False)
    assert dock.action_from_selection.isEnabled(), dock.action_from_selection.toolTip()

    undo_before = lavori.undoStack().count() if lavori.undoStack() else 0
    fids = dock.perimeter_from_selection()
    assert len(fids) == 2
    assert lavori.isEditable() and lavori.isModified()
    assert rows_in_file(path, "lavori") == 6  # nothing committed
    assert lavori.undoStack().count() == undo_before + 1  # one undo step

    to_utm = QgsCoordinateTransform(parcels.crs(), lavori.crs(), QgsProject.instance().transformContext())
    rho = rho_geometry(layers)
    sources = {f["foglio"]: f for f in parcels.getSelectedFeatures()}
    for fid in fids:
        feature = lavori.getFeature(fid)
        geometry = feature.geometry()
        assert geometry.wkbType() == 6 or "MultiPolygon" in geometry.asWkt()[:12]
        assert feature["progetto_uuid"] == P_GOGNA
        assert len(feature["uuid"]) == 36
        assert feature["comune_istat"] == dock_data.RHO
        assert rho.contains(geometry.centroid())
        source = sources[feature["titolo"].split()[-1]]
        expected = QgsGeometry(source.geometry())
        expected.transform(to_utm)
        vertices = [(v.x(), v.y()) for v in geometry.vertices()]
        expected_vertices = [(v.x(), v.y()) for v in expected.vertices()]
        assert len(vertices) == len(expected_vertices) == 5
        for (x, y), (ex, ey) in zip(vertices, expected_vertices):
            assert abs(x - ex) < 1.0 and abs(y - ey) < 1.0
        assert 500000 > x > 490000 or 520000 > x > 480000  # metres of UTM 32N, not degrees
        assert abs(geometry.area() - expected.area()) < 1.0
        assert 5000 < geometry.area() < 12000  # ~0.001° × 0.0008° at 45.5° N
    # the tree shows them under the project, still uncommitted
    dock_data.wait_until(lambda: len(dock.data.projects[P_GOGNA].lavori) == 2)
    # one undo removes both
    lavori.undoStack().undo()
    assert all(not lavori.getFeature(fid).isValid() for fid in fids)
    assert not lavori.isModified()


def test_perimeters_from_selection_rejects_non_polygon_layers(remix):
    _path, layers = remix
    points = QgsVectorLayer("Point?crs=EPSG:4326", "punti", "memory")
    with pytest.raises(ValueError):
        perimeters_from_selection(points, layers["lavori"], P_SCALO)


def test_draw_session_sets_defaults_snapping_and_restores_them(dock, remix, qgis_iface):
    _path, layers = remix
    lavori = layers["lavori"]
    project = QgsProject.instance()
    index = lavori.fields().indexOf("progetto_uuid")
    before_default = lavori.defaultValueDefinition(index).expression()
    before_snapping = project.snappingConfig()
    qgis_iface.actionAddFeature().trigger.reset_mock()

    dock.select_item("progetto", P_SCALO, zoom=False)
    assert dock.action_draw.isEnabled()
    dock.action_draw.trigger()
    session = dock.session
    assert session is not None and session.running
    assert lavori.isEditable()
    assert qgis_iface.activeLayer() is lavori
    qgis_iface.actionAddFeature().trigger.assert_called_once()  # QGIS's own add-polygon tool
    assert lavori.defaultValueDefinition(index).expression() == f"'{P_SCALO}'"
    config = project.snappingConfig()
    assert config.enabled()
    snapped = config.individualLayerSettings()
    assert snapped[layers["comuni"]].enabled() and snapped[lavori].enabled()

    feature = QgsVectorLayerUtils.createFeature(lavori, QgsGeometry.fromWkt(
        "MultiPolygon(((500000 5040000, 500050 5040000, 500050 5040050, 500000 5040000)))"),
        context=lavori.createExpressionContext())
    assert feature["progetto_uuid"] == P_SCALO
    assert lavori.addFeature(feature)
    assert not session.running  # the first polygon ends the session
    assert lavori.defaultValueDefinition(index).expression() == before_default
    assert project.snappingConfig() == before_snapping
    assert rows_in_file(_path, "lavori") == 6


def test_draw_session_without_add_feature_tool_explains_why(remix, qgis_iface, monkeypatch):
    _path, layers = remix

    class NoTools:
        def setActiveLayer(self, layer):
            return True

    ok, reason = PerimeterSession(NoTools(), layers["lavori"], P_SCALO).start()
    assert not ok and "add feature tool" in reason
    assert layers["lavori"].defaultValueDefinition(layers["lavori"].fields().indexOf("progetto_uuid")) \
        .expression() == ""


def _click(tool, canvas, point, button=Qt.MouseButton.LeftButton):
    pixel = canvas.getCoordinateTransform().transform(point)
    position = QPoint(round(pixel.x()), round(pixel.y()))
    tool.canvasMoveEvent(QgsMapMouseEvent(canvas, QEvent.Type.MouseMove, position, Qt.MouseButton.NoButton))
    tool.canvasReleaseEvent(QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, position, button))
    return canvas.getCoordinateTransform().toMapCoordinates(position)


def test_perimeter_digitized_on_a_map_canvas_is_stored_with_crs_and_comune(dock, remix, qgis_iface):
    path, layers = remix
    lavori = layers["lavori"]
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 600)
    canvas.show()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    canvas.setLayers([lavori, layers["comuni"]])
    canvas_crs = canvas.mapSettings().destinationCrs()
    to_canvas = QgsCoordinateTransform(lavori.crs(), canvas_crs, QgsProject.instance())
    to_layer = QgsCoordinateTransform(canvas_crs, lavori.crs(), QgsProject.instance())
    centre = rho_geometry(layers).pointOnSurface().asPoint()
    corners_utm = [QgsPointXY(centre.x() - 250 + dx, centre.y() - 150 + dy)
                   for dx, dy in ((0, 0), (80, 0), (80, 60), (0, 60))]
    extent = QgsRectangle(centre.x() - 400, centre.y() - 300, centre.x() + 400, centre.y() + 300)
    canvas.setExtent(to_canvas.transformBoundingBox(extent))
    canvas.refresh()
    pixel_size = canvas.mapUnitsPerPixel()

    dock.select_item("progetto", P_SCALO, zoom=False)
    assert dock.draw_perimeter()  # starts the session: defaults, snapping, editing
    cad = QgsAdvancedDigitizingDockWidget(canvas)
    tool = QgsMapToolDigitizeFeature(canvas, cad, QgsMapToolCapture.CaptureMode.CapturePolygon)
    tool.setLayer(lavori)
    canvas.setMapTool(tool)

    added = []

    def completed(feature):  # what QGIS's add-feature tool does: defaults, form accepted, add
        context = lavori.createExpressionContext()
        new = QgsVectorLayerUtils.createFeature(lavori, feature.geometry(), {}, context)
        new["titolo"] = "Lotto disegnato"
        assert lavori.addFeature(new)
        added.append(new)

    tool.digitizingCompleted.connect(completed)
    clicked = [_click(tool, canvas, to_canvas.transform(p)) for p in corners_utm]
    _click(tool, canvas, to_canvas.transform(corners_utm[0]), Qt.MouseButton.RightButton)
    assert len(added) == 1
    assert dock.session is None  # ended by the new feature
    dock_data.wait_until(lambda: len(dock.data.projects[P_SCALO].lavori) == 3)
    assert lavori.commitChanges(), lavori.commitErrors()
    canvas.unsetMapTool(tool)

    from osgeo import ogr

    dataset = ogr.Open(str(path))
    table = dataset.GetLayerByName("lavori")
    table.SetAttributeFilter("titolo = 'Lotto disegnato'")
    stored = table.GetNextFeature()
    assert stored is not None
    assert stored.GetField("progetto_uuid") == P_SCALO
    assert stored.GetField("comune_istat") == dock_data.RHO
    assert len(stored.GetField("uuid")) == 36
    geometry = stored.GetGeometryRef()
    assert geometry.GetGeometryName() == "MULTIPOLYGON"
    ring = geometry.GetGeometryRef(0).GetGeometryRef(0)
    points = [ring.GetPoint_2D(i) for i in range(ring.GetPointCount())]
    assert len(points) == 5 and points[0] == points[-1]
    tolerance = 1.5 * pixel_size  # one pixel of the canvas (3857 metres are longer than UTM's)
    expected = [to_layer.transform(p) for p in clicked]
    for (x, y), point in zip(points[:4], expected):
        assert abs(x - point.x()) < tolerance and abs(y - point.y()) < tolerance
    for (x, y), corner in zip(points[:4], corners_utm):
        assert abs(x - corner.x()) < tolerance and abs(y - corner.y()) < tolerance
    assert abs(stored.GetField("superficie_mq") - 80 * 60) < 80 * 2 * tolerance + 60 * 2 * tolerance
    dataset = None
