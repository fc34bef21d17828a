"""Print-only layers and symbols of the atlas: light in a PDF, sharp at 300 dpi.

Why: QGIS 3.22 draws a line-pattern fill (the criticità hatch) as a raster texture in vector
outputs (about 60 KB of JPEG a card), and the overview maps drew the 7,000 vertices of the 133
comuni on every page. Here the hatch is a geometry generator (true vector lines, spaced in
millimetres on paper whatever the scale) and the small-scale maps draw a simplified copy of the
comuni (tolerance below a printed hair at their scale). The user's layers and styles are not
touched: these are memory layers and symbols of the atlas's own project.
"""

from qgis.core import (
    QgsFeature,
    QgsFillSymbol,
    QgsGeometryGeneratorSymbolLayer,
    QgsLabelingEngineSettings,
    QgsLineSymbol,
    QgsSimpleLineSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from .. import compat
from ..styles import palette
from ..styles.layers import comuni_renderer

# metres: 60 m is 0.07 mm at the 1:900,000 of the overview (a 300 dpi dot is 0.085 mm)
OVERVIEW_TOLERANCE_M = 60.0
HATCH_SPACING_MM = 1.6
HATCH_WIDTH_MM = 0.3

# 45° lines x - y = k·step across the bounds, clipped to the feature; step from the paper spacing
HATCH_EXPRESSION = (
    f"with_variable('step', {HATCH_SPACING_MM} * coalesce(@map_scale, 5000) / 1000 * sqrt(2), "
    "with_variable('box', bounds($geometry), "
    "intersection(collect_geometries(array_foreach("
    "generate_series(floor((x_min(@box) - y_max(@box)) / @step), ceil((x_max(@box) - y_min(@box)) / @step)), "
    "make_line(make_point(@element * @step + y_min(@box), y_min(@box)), "
    "make_point(@element * @step + y_max(@box), y_max(@box))))), $geometry)))"
)


_line_type = compat.line_symbol_type


def vector_hatch_symbol(colour=palette.CRITICITA_HATCH):
    """The criticità hatch (45° lines 1.6 mm apart) as vector lines, plus the outline."""
    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    generator = QgsGeometryGeneratorSymbolLayer.create({"geometryModifier": HATCH_EXPRESSION})
    generator.setSymbolType(_line_type())
    generator.setSubSymbol(QgsLineSymbol.createSimple({
        "line_color": colour, "line_width": str(HATCH_WIDTH_MM), "line_width_unit": "MM",
        "capstyle": "flat"}))
    symbol.appendSymbolLayer(generator)
    outline = QgsSimpleLineSymbolLayer(QColor(colour), 0.45)
    outline.setWidthUnit(_mm())
    symbol.appendSymbolLayer(outline)
    return symbol


_mm = compat.render_millimeters


def use_vector_hatch(criticita_layer):
    """Keep the layer's scale range and labels; swap a raster-textured hatch for vector lines."""
    criticita_layer.setRenderer(QgsSingleSymbolRenderer(vector_hatch_symbol()))


def simplified_comuni(comuni_layer, name, language="it", tolerance=OVERVIEW_TOLERANCE_M):
    """A memory copy of the comuni with simplified boundaries, styled like the comuni (tints per
    zona omogenea) but without labels: the base of the small-scale maps."""
    crs = comuni_layer.crs().authid()
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}", name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes(comuni_layer.fields().toList())
    layer.updateFields()
    features = []
    for source in comuni_layer.getFeatures():
        feature = QgsFeature(layer.fields())
        feature.setAttributes(source.attributes())
        geometry = source.geometry()
        simpler = geometry.simplify(tolerance)
        feature.setGeometry(simpler if simpler is not None and not simpler.isEmpty() else geometry)
        features.append(feature)
    provider.addFeatures(features)
    layer.updateExtents()
    layer.setRenderer(comuni_renderer(language))
    return layer


def collision_free_labels(project):
    """Project labelling engine: no label over another, none over a map's frame, labels of
    lavori before comuni (layer priorities set in the styles)."""
    settings = QgsLabelingEngineSettings(project.labelingEngineSettings())
    # no candidates drawn, no unplaced labels, never a label cut by the map frame
    for name in ("DrawCandidates", "DrawUnplacedLabels", "UsePartialCandidates"):
        flag = compat.labeling_engine_flag(name)
        if flag is not None:
            settings.setFlag(flag, False)
    project.setLabelingEngineSettings(settings)


def outline_symbol(colour, width_mm=0.2):
    return QgsFillSymbol.createSimple({"color": "0,0,0,0", "style": "no", "outline_color": colour,
                                       "outline_width": str(width_mm), "outline_width_unit": "MM"})
