"""Perimeters of lavori: drawn with QGIS's own add-polygon tool, or copied from selected features.

Both go through the lavori layer's edit buffer (one undo step each) and never commit: the user
saves with QGIS's "Save Layer Edits" as usual. The UUID and the comune come from the layer's
default-value expressions (see ``layers.model``); the project is prefilled here.
"""

from qgis.core import (
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsSnappingConfig,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)

from ..compat import (
    pixel_tolerance_unit,
    polygon_geometry_type,
    snapping_advanced_mode,
    snapping_vertex_and_segment,
)
from ..i18n import tr
from ..log import get_logger

LOG = get_logger("gui.perimeter")
SNAP_TOLERANCE_PX = 12.0


def is_polygon_layer(layer):
    return isinstance(layer, QgsVectorLayer) and layer.isValid() and \
        layer.geometryType() == polygon_geometry_type()


def ensure_editable(layer):
    """Start an edit session on ``layer`` if needed; True when the layer is editable."""
    if layer.isEditable():
        return True
    return bool(layer.startEditing())


def _field_index(layer, name):
    return layer.fields().indexOf(name)


# -- snapping ---------------------------------------------------------------------------------
def snapping_layers(project, comuni_layer=None, lavori_layer=None):
    """The comuni boundaries, the lavori and every visible vector layer of the layer tree."""
    layers = []
    root = project.layerTreeRoot()
    for tree_layer in root.findLayers():
        layer = tree_layer.layer()
        if isinstance(layer, QgsVectorLayer) and layer.isSpatial() and tree_layer.isVisible():
            layers.append(layer)
    for layer in (comuni_layer, lavori_layer):
        if layer is not None and layer not in layers:
            layers.append(layer)
    return layers


def enable_snapping(project, layers):
    """Snap to vertices and segments of ``layers`` (advanced, per-layer configuration).

    Returns the previous configuration so the caller can restore it."""
    previous = QgsSnappingConfig(project.snappingConfig())
    config = QgsSnappingConfig(project.snappingConfig())
    config.setEnabled(True)
    config.setMode(snapping_advanced_mode())
    settings = QgsSnappingConfig.IndividualLayerSettings(
        True, snapping_vertex_and_segment(), SNAP_TOLERANCE_PX, pixel_tolerance_unit(), 0.0, 0.0)
    for layer in layers:
        config.setIndividualLayerSettings(layer, settings)
    project.setSnappingConfig(config)
    return previous


# -- drawing a new perimeter ------------------------------------------------------------------
class PerimeterSession:
    """One "draw the perimeter of a new lavoro for project X" session.

    While it runs, the lavori layer's default value of ``progetto_uuid`` is the project's UUID,
    so the form QGIS opens when the polygon is closed is prefilled (the UUID and the comune come
    from their own default expressions). The first added feature ends the session, and so do
    :meth:`finish`, the end of the edit session and the dock's teardown: the layer's default and
    the project's snapping configuration are put back as they were.
    """

    def __init__(self, iface, lavori_layer, project_uuid, comuni_layer=None, on_added=None):
        self.iface = iface
        self.layer = lavori_layer
        self.project_uuid = project_uuid
        self.comuni_layer = comuni_layer
        self.on_added = on_added
        self.project = QgsProject.instance()
        self._previous_default = None
        self._previous_snapping = None
        self._connected = False
        self.running = False
        self.added_fids = []

    def start(self):
        """Make lavori editable and active, snap, set the defaults, start QGIS's add tool.

        Returns (ok, message): message says why it could not start."""
        layer = self.layer
        if not ensure_editable(layer):
            return False, tr("The works layer cannot be edited (read-only file or locked?)")
        index = _field_index(layer, "progetto_uuid")
        if index < 0:
            return False, tr("The works layer has no project field: is it a RE.MIX GeoPackage?")
        action = self._add_feature_action()
        if action is None:
            return False, tr("QGIS's add feature tool is not available in this window")
        self.iface.setActiveLayer(layer)
        self._previous_default = layer.defaultValueDefinition(index)
        from qgis.core import QgsDefaultValue

        layer.setDefaultValueDefinition(
            index, QgsDefaultValue(QgsExpression.quotedValue(self.project_uuid), False))
        self._previous_snapping = enable_snapping(
            self.project, snapping_layers(self.project, self.comuni_layer, layer))
        layer.featureAdded.connect(self._feature_added)
        layer.editingStopped.connect(self.finish)
        self._connected = True
        self.running = True
        action.trigger()
        return True, ""

    def _add_feature_action(self):
        getter = getattr(self.iface, "actionAddFeature", None)
        if getter is None:
            return None
        action = getter()
        if action is None or not hasattr(action, "trigger"):
            return None
        return action

    def _feature_added(self, fid):
        self.added_fids.append(fid)
        callback = self.on_added
        self.finish()
        if callback is not None:
            callback(fid)

    def finish(self):
        """Restore the default value and snapping; idempotent."""
        if self._connected:
            for signal, slot in ((self.layer.featureAdded, self._feature_added),
                                 (self.layer.editingStopped, self.finish)):
                try:
                    signal.disconnect(slot)
                except (TypeError, RuntimeError):  # already disconnected or layer deleted
                    LOG.debug("signal already disconnected")
            self._connected = False
        if self._previous_default is not None:
            index = _field_index(self.layer, "progetto_uuid")
            if index >= 0:
                self.layer.setDefaultValueDefinition(index, self._previous_default)
            self._previous_default = None
        if self._previous_snapping is not None:
            self.project.setSnappingConfig(self._previous_snapping)
            self._previous_snapping = None
        self.running = False


# -- perimeters from selected features --------------------------------------------------------
def _comune_at(comuni_layer, geometry_in_layer_crs, layer_crs):
    """ISTAT code of the comune containing a point on the surface of the geometry (or "")."""
    if comuni_layer is None or geometry_in_layer_crs.isEmpty():
        return ""
    point = geometry_in_layer_crs.pointOnSurface()
    if comuni_layer.crs() != layer_crs:
        point = QgsGeometry(point)
        point.transform(QgsCoordinateTransform(layer_crs, comuni_layer.crs(), QgsProject.instance()))
    request = QgsFeatureRequest().setFilterRect(point.boundingBox())
    request.setSubsetOfAttributes(["istat"], comuni_layer.fields())
    for feature in comuni_layer.getFeatures(request):
        if feature.geometry().intersects(point):
            return feature["istat"]
    return ""


def _title_of(source_layer, feature):
    expression = QgsExpression(source_layer.displayExpression())
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(source_layer))
    context.setFeature(feature)
    value = expression.evaluate(context) if expression.isValid() else None
    text = "" if value is None or hasattr(value, "isNull") else str(value)
    text = text.strip()
    if not text:
        text = f"{feature.id()}"
    return f"{source_layer.name()} {text}"[:254]


def perimeters_from_selection(source_layer, lavori_layer, project_uuid, comuni_layer=None):
    """Copy each selected polygon of ``source_layer`` into a new lavoro of ``project_uuid``.

    Geometries are transformed to the lavori CRS and made MultiPolygon; the new features get
    the layer's defaults (UUID, comune, area...) and go into the edit buffer as ONE undo step.
    Nothing is committed. Returns (new feature ids, list of skipped feature ids).
    """
    if not is_polygon_layer(source_layer):
        raise ValueError(tr("The layer is not a polygon layer"))
    if not ensure_editable(lavori_layer):
        raise RuntimeError(tr("The works layer cannot be edited (read-only file or locked?)"))
    transform = QgsCoordinateTransform(source_layer.crs(), lavori_layer.crs(),
                                       QgsProject.instance().transformContext())
    fields = lavori_layer.fields()
    project_index = fields.indexOf("progetto_uuid")
    title_index = fields.indexOf("titolo")
    comune_index = fields.indexOf("comune_istat")
    context = lavori_layer.createExpressionContext()
    features, skipped = [], []
    for source in source_layer.getSelectedFeatures():
        geometry = QgsGeometry(source.geometry())
        if geometry.isNull() or geometry.isEmpty():
            skipped.append(source.id())
            continue
        if transform.isValid() and not transform.isShortCircuited():
            geometry.transform(transform)
        geometry.convertToMultiType()
        attributes = {}
        if project_index >= 0:
            attributes[project_index] = project_uuid
        if title_index >= 0:
            attributes[title_index] = _title_of(source_layer, source)
        feature = QgsVectorLayerUtils.createFeature(lavori_layer, geometry, attributes, context)
        if comune_index >= 0 and _empty(feature.attribute(comune_index)):
            comune = _comune_at(comuni_layer, geometry, lavori_layer.crs())
            if comune:
                feature.setAttribute(comune_index, comune)
        features.append(feature)
    if not features:
        return [], skipped
    before = set(lavori_layer.editBuffer().addedFeatures()) if lavori_layer.editBuffer() else set()
    lavori_layer.beginEditCommand(tr("Perimeters from selected features"))
    ok = lavori_layer.addFeatures(features)
    if not ok:
        lavori_layer.destroyEditCommand()
        raise RuntimeError(tr("QGIS refused to add the perimeters to the works layer"))
    lavori_layer.endEditCommand()
    after = set(lavori_layer.editBuffer().addedFeatures())
    return sorted(after - before), skipped


def _empty(value):
    return value is None or value == "" or (hasattr(value, "isNull") and value.isNull())
