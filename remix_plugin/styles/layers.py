"""Symbology and labels of the RE.MIX layers (QGIS 3.22 … 4).

- lavori: categorised by ``intervento_oggetto`` (scheme terms in order, labels in the user's
  language, Okabe-Ito colours); outline pattern and width by the project's ``stato_progetto``,
  read from a joined field (``progetto_stato_progetto``, see ``add_stato_join``) through a
  data-defined stroke: joins work in any project and any thread, unlike ``get_feature()`` which
  needs the layer in the current project by name. Labels: the title, from 1:50,000 up.
- criticita: hatched areas (reddish purple lines at 45°), visible up to 1:50,000.
- comuni: light tints by zona omogenea, grey boundaries, names from 1:150,000 up; the comuni
  with a project (the project's comune or a lavoro's) get an orange outline and tint, through
  joins to progetti and lavori (``add_project_joins``).
- small scales: below 1:25,000 a lavoro of 40 m is a speck, so each lavoro also draws a marker
  (3.2 mm, its category's colour) on a point of its surface; the marker is switched off by
  ``@map_scale`` at larger scales, where the perimeter itself is visible.
"""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCentroidFillSymbolLayer,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRendererCategory,
    QgsSimpleFillSymbolLayer,
    QgsSimpleLineSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayerJoinInfo,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from .. import compat
from ..i18n import tr
from ..qgis_project import TABLE_PROPERTY
from ..taxonomy import load_scheme
from . import palette
from .fonts import map_font

STATO_JOIN_PREFIX = "progetto_"
STATO_JOIN_FIELD = STATO_JOIN_PREFIX + "stato_progetto"

LAVORI_LABEL_MAX_SCALE = 50000  # labels of lavori shown at 1:50,000 and larger scales
CRITICITA_MAX_SCALE = 50000
COMUNI_LABEL_MAX_SCALE = 150000
MARKER_MIN_SCALE = 25000  # the lavori markers show at 1:25,000 and smaller scales (1:500,000…)
MARKER_EXPRESSION = f"@map_scale > {MARKER_MIN_SCALE}"
PROJECT_JOIN_PREFIX = "remix_progetto_"
WORK_JOIN_PREFIX = "remix_lavoro_"
HAS_PROJECT_EXPRESSION = (f'"{PROJECT_JOIN_PREFIX}uuid" IS NOT NULL OR "{WORK_JOIN_PREFIX}uuid" IS NOT NULL')
HAS_PROJECT_COLOUR = "#B35806"


def _enabled_when(symbol_layer, expression):
    symbol_layer.setDataDefinedProperty(compat.symbol_layer_property("LayerEnabled"),
                                        QgsProperty.fromExpression(expression))
    return symbol_layer


def _text_format(size, colour="#1A1A1A", bold=False, buffer_mm=0.8):
    text_format = QgsTextFormat()
    font = map_font()
    font.setBold(bold)
    text_format.setFont(font)
    text_format.setSize(size)
    text_format.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(buffer_mm)
    buffer.setSizeUnit(compat.render_millimeters())
    buffer.setColor(QColor("#FFFFFF"))
    text_format.setBuffer(buffer)
    return text_format


def _labeling(layer, expression, size, max_scale, placement, bold=False, is_expression=False, priority=5):
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = is_expression
    settings.placement = compat.label_placement(placement)
    settings.setFormat(_text_format(size, bold=bold))
    settings.scaleVisibility = bool(max_scale)
    settings.minimumScale = max_scale  # the most zoomed-out scale showing labels
    settings.maximumScale = 0
    settings.autoWrapLength = 24
    settings.priority = priority
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _fill_symbol(fill, outline=palette.OUTLINE, width=0.4, opacity=1.0):
    symbol = QgsFillSymbol.createSimple({
        "color": fill, "outline_color": outline, "outline_width": str(width),
        "outline_width_unit": "MM", "style": "solid", "joinstyle": "miter",
    })
    symbol.setOpacity(opacity)
    return symbol


# -- lavori ------------------------------------------------------------------------------------
STROKE_STYLE_EXPRESSION = "CASE " + " ".join(
    f"WHEN \"{STATO_JOIN_FIELD}\" = '{code}' THEN '{style}'"
    for code, (style, _w) in palette.STATO_STROKES.items()) + " ELSE 'solid' END"
STROKE_WIDTH_EXPRESSION = "CASE " + " ".join(
    f"WHEN \"{STATO_JOIN_FIELD}\" = '{code}' THEN {width}"
    for code, (_s, width) in palette.STATO_STROKES.items()) + " ELSE 0.5 END"


def lavori_symbol(fill):
    """Fill + data-defined outline (pattern and width by project status)."""
    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    base = QgsSimpleFillSymbolLayer(QColor(fill))
    base.setStrokeStyle(Qt.PenStyle.NoPen)
    symbol.appendSymbolLayer(base)
    outline = QgsSimpleLineSymbolLayer(QColor(palette.OUTLINE), 0.5)
    outline.setWidthUnit(compat.render_millimeters())
    outline.setDataDefinedProperty(compat.symbol_layer_property("StrokeStyle"),
                                   QgsProperty.fromExpression(STROKE_STYLE_EXPRESSION))
    outline.setDataDefinedProperty(compat.symbol_layer_property("StrokeWidth"),
                                   QgsProperty.fromExpression(STROKE_WIDTH_EXPRESSION))
    symbol.appendSymbolLayer(outline)
    symbol.appendSymbolLayer(small_scale_marker(fill))
    symbol.setOpacity(0.85)
    return symbol


def small_scale_marker(fill):
    """A marker on a point of the lavoro's surface, drawn only at small scales."""
    marker = QgsMarkerSymbol.createSimple({
        "name": "circle", "color": fill, "size": "3.2", "size_unit": "MM",
        "outline_color": palette.OUTLINE, "outline_width": "0.4", "outline_width_unit": "MM",
    })
    layer = QgsCentroidFillSymbolLayer()
    layer.setSubSymbol(marker)
    layer.setPointOnSurface(True)
    layer.setPointOnAllParts(False)
    return _enabled_when(layer, MARKER_EXPRESSION)


def lavori_renderer(language="it"):
    dimension = load_scheme().dimension("intervento_oggetto")
    categories = []
    for term in dimension.terms:
        if term.deprecated:
            continue
        colour = palette.INTERVENTO_COLOURS.get(term.code, palette.FALLBACK_FILL)
        categories.append(QgsRendererCategory(term.code, lavori_symbol(colour), term.label(language)))
    other = tr("Not classified", language=language)
    categories.append(QgsRendererCategory(None, lavori_symbol(palette.FALLBACK_FILL), other))
    return QgsCategorizedSymbolRenderer("intervento_oggetto", categories)


def add_stato_join(lavori_layer, progetti_layer):
    """Join ``stato_progetto`` of the project to each lavoro (field ``progetto_stato_progetto``).
    Both layers must be in the same QgsProject. Returns True when the join is in place."""
    for join in lavori_layer.vectorJoins():
        if join.joinLayerId() == progetti_layer.id():
            return True
    join = QgsVectorLayerJoinInfo()
    join.setJoinLayer(progetti_layer)
    join.setJoinFieldName("uuid")
    join.setTargetFieldName("progetto_uuid")
    join.setJoinFieldNamesSubset(["stato_progetto"])
    join.setPrefix(STATO_JOIN_PREFIX)
    join.setUsingMemoryCache(True)
    join.setEditable(False)
    return lavori_layer.addJoin(join)


def _progetti_beside(layer):
    """The progetti layer of the same RE.MIX project as ``layer``, or None."""
    project = layer.project()
    if project is None:
        return None
    for candidate in project.mapLayers().values():
        if candidate.customProperty(TABLE_PROPERTY, "") == "progetti":
            return candidate
    source = layer.source().split("|")[0]
    for candidate in project.mapLayers().values():
        if candidate.source().split("|")[0] == source and "layername=progetti" in candidate.source():
            return candidate
    return None


def style_lavori(layer, language="it"):
    layer.setRenderer(lavori_renderer(language))
    progetti = _progetti_beside(layer)
    if progetti is not None:
        add_stato_join(layer, progetti)
    _labeling(layer, "titolo", 7.5, LAVORI_LABEL_MAX_SCALE, "OverPoint", bold=True, priority=9)


# -- criticita ---------------------------------------------------------------------------------
def criticita_symbol():
    symbol = QgsFillSymbol()
    symbol.deleteSymbolLayer(0)
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(45.0)
    hatch.setDistance(1.6)
    hatch.setDistanceUnit(compat.render_millimeters())
    hatch.setLineWidth(0.35)
    hatch.setLineWidthUnit(compat.render_millimeters())
    hatch.setColor(QColor(palette.CRITICITA_HATCH))
    symbol.appendSymbolLayer(hatch)
    outline = QgsSimpleLineSymbolLayer(QColor(palette.CRITICITA_HATCH), 0.45)
    outline.setWidthUnit(compat.render_millimeters())
    symbol.appendSymbolLayer(outline)
    return symbol


def style_criticita(layer, language="it"):
    from qgis.core import QgsSingleSymbolRenderer

    layer.setRenderer(QgsSingleSymbolRenderer(criticita_symbol()))
    layer.setScaleBasedVisibility(True)
    layer.setMinimumScale(CRITICITA_MAX_SCALE)
    layer.setMaximumScale(0)


# -- comuni ------------------------------------------------------------------------------------
def comuni_renderer(language="it"):
    dimension = load_scheme().dimension("zona_omogenea")
    categories = []
    for term in dimension.terms:
        fill = palette.ZONE_TINTS.get(term.code, "#F0F0F0")
        categories.append(QgsRendererCategory(
            term.code, _fill_symbol(fill, palette.COMUNE_BOUNDARY, 0.25), term.label(language)))
    return QgsCategorizedSymbolRenderer("zona_omogenea", categories)


def has_project_layers():
    """Orange tint and outline, enabled on the comuni that have a project (joined fields)."""
    tint = QgsSimpleFillSymbolLayer(QColor(179, 88, 6, 45))
    tint.setStrokeColor(QColor(HAS_PROJECT_COLOUR))
    tint.setStrokeWidth(0.7)
    tint.setStrokeWidthUnit(compat.render_millimeters())
    return _enabled_when(tint, HAS_PROJECT_EXPRESSION)


def _beside(layer, table):
    project = layer.project()
    if project is None:
        return None
    for candidate in project.mapLayers().values():
        if candidate.customProperty(TABLE_PROPERTY, "") == table:
            return candidate
    return None


def _join(target, joined, joined_field, target_field, prefix):
    for join in target.vectorJoins():
        if join.joinLayerId() == joined.id() and join.prefix() == prefix:
            return True
    join = QgsVectorLayerJoinInfo()
    join.setJoinLayer(joined)
    join.setJoinFieldName(joined_field)
    join.setTargetFieldName(target_field)
    join.setJoinFieldNamesSubset(["uuid"])
    join.setPrefix(prefix)
    join.setUsingMemoryCache(True)
    join.setEditable(False)
    return target.addJoin(join)


def add_project_joins(comuni_layer):
    """Join one project and one lavoro of each comune (their uuid) to the comuni layer; the
    has-project outline reads them. Returns True when both joins are in place."""
    progetti, lavori = _beside(comuni_layer, "progetti"), _beside(comuni_layer, "lavori")
    if progetti is None or lavori is None:
        return False
    return (_join(comuni_layer, progetti, "comune_istat", "istat", PROJECT_JOIN_PREFIX)
            and _join(comuni_layer, lavori, "comune_istat", "istat", WORK_JOIN_PREFIX))


def style_comuni(layer, language="it"):
    renderer = comuni_renderer(language)
    if add_project_joins(layer):
        for position, category in enumerate(renderer.categories()):
            symbol = category.symbol().clone()
            symbol.appendSymbolLayer(has_project_layers())
            renderer.updateCategorySymbol(position, symbol)
    layer.setRenderer(renderer)
    _labeling(layer, "nome", 8.0, COMUNI_LABEL_MAX_SCALE, "OverPoint", priority=2)


_STYLERS = {"lavori": style_lavori, "criticita": style_criticita, "comuni": style_comuni}


def apply_default_style(layer, table_name, language="it"):
    """Give ``layer`` (a RE.MIX table) its default style. Returns True if the table has one."""
    styler = _STYLERS.get(table_name)
    if styler is None or not layer.isSpatial():
        return False
    styler(layer, language)
    layer.triggerRepaint()
    return True
