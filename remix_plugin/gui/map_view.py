"""The view a RE.MIX file opens on: the comuni of its projects (their own comune and those of
their lavori), or the whole metropolitan territory when the file has no project yet — never the
1:1 empty extent that a project stored without a canvas gives."""

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsProject, QgsRectangle

from ..compat import no_geometry_flag, null_rectangle

MARGIN = 1.1  # 10 % around the comuni


def project_comuni(layers):
    """ISTAT codes of the comuni that have a project (project's comune or a lavoro's)."""
    codes = set()
    for table in ("progetti", "lavori"):
        layer = layers.get(table)
        if layer is None or layer.fields().indexOf("comune_istat") < 0:
            continue
        request = QgsFeatureRequest()
        request.setFlags(no_geometry_flag())
        request.setSubsetOfAttributes(["comune_istat"], layer.fields())
        for feature in layer.getFeatures(request):
            value = feature["comune_istat"]
            if isinstance(value, str) and value:
                codes.add(value)
    return codes


def _union(layer, keep=None):
    extent = null_rectangle()
    request = QgsFeatureRequest()
    if keep is not None:
        request.setSubsetOfAttributes(["istat"], layer.fields())
    for feature in layer.getFeatures(request):
        if keep is not None and feature["istat"] not in keep:
            continue
        if feature.hasGeometry():
            extent.combineExtentWith(feature.geometry().boundingBox())
    return extent


def file_extent(layers):
    """(extent in the comuni layer's CRS, layer whose CRS it is, "projects" | "territory") or
    (None, None, "") when the file has no comuni."""
    comuni = layers.get("comuni")
    if comuni is None:
        return None, None, ""
    codes = project_comuni(layers)
    extent, what = QgsRectangle(), ""
    if codes:
        extent, what = _union(comuni, codes), "projects"
    lavori = layers.get("lavori")
    if lavori is not None and lavori.featureCount() and what:
        works = _union(lavori)  # lavori outside their comune (or with none) stay in view
        if not works.isNull():
            transform = QgsCoordinateTransform(lavori.crs(), comuni.crs(), QgsProject.instance())
            extent.combineExtentWith(transform.transformBoundingBox(works))
    if extent.isNull() or extent.isEmpty():
        extent, what = _union(comuni), "territory"
    if extent.isNull() or extent.isEmpty():
        return None, None, ""
    return extent, comuni, what


def zoom_to_file(canvas, layers):
    """Show the file's useful extent on ``canvas``. Returns what was shown or ""."""
    extent, source, what = file_extent(layers)
    if extent is None or canvas is None:
        return ""
    destination = canvas.mapSettings().destinationCrs()
    if not destination.isValid():
        destination = QgsProject.instance().crs()
    transform = QgsCoordinateTransform(source.crs(), destination, QgsProject.instance())
    extent = transform.transformBoundingBox(extent)
    extent.scale(MARGIN)
    canvas.setExtent(extent)
    canvas.refresh()
    return what


# A feature picked in the tree is shown with its surroundings: a 100 m lavoro fills the canvas at
# about 1:2,000, where a technician no longer sees which street it is on.
CONTEXT_MARGIN = 1.5  # the feature takes two thirds of the view
MIN_CONTEXT_SCALE = 5_000  # never closer than this for a small project


def zoom_with_context(canvas, extent):
    """Show ``extent`` (in the canvas CRS) with room around it, not closer than 1:5,000.
    Returns the extent shown."""
    from qgis.core import QgsRectangle

    shown = QgsRectangle(extent)
    if shown.width() == 0 or shown.height() == 0:  # a point, or a line along an axis
        shown.grow(max(shown.width(), shown.height(), 50.0))
    shown.scale(CONTEXT_MARGIN)
    canvas.setExtent(shown)
    if 0 < canvas.scale() < MIN_CONTEXT_SCALE:
        canvas.zoomScale(MIN_CONTEXT_SCALE)  # keeps the centre
    canvas.refresh()
    return canvas.extent()
