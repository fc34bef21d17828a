"""The programme as a poster: one A3 landscape sheet of the metropolitan territory ("Poster RE.MIX").

Every project is a symbol at a point of its lavori (its comune when it has none), coloured by
its main ambito di opportunità (the first listed, colours of ``charts.AMBITO_COLOURS``); projects
sharing a spot are set on a small ring around it so each stays visible. Titles are placed by
QGIS's label engine (no label over another or over a symbol; what has no room is left out rather
than overlapping), comuni with projects are outlined and named, and the legend is the scheme's
ambiti. It is an ordinary print layout, editable in the layout designer like the atlas.
"""

import math
import time
from pathlib import Path

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsFeature,
    QgsFeedback,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsPrintLayout,
    QgsProject,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)

from ..compat import field_type
from ..i18n import BOTH, tr
from ..layers.inspect import inspect_geopackage
from ..log import get_logger
from ..styles import palette
from ..styles.layers import _labeling
from . import charts
from .cards import read_cards, summarise
from .layout import (
    BAND,
    MUTED,
    _Builder,
    _enum,
    _fit,
    _map,
    texts,
)
from .print_styles import collision_free_labels, simplified_comuni

LOG = get_logger("atlas")
POSTER_NAME = "Poster RE.MIX"
POINTS_NAME = "progetti_poster"
MAP_MM = (10.0, 30.0, 300.0, 258.0)  # x, y, width, height of the map on the A3 sheet
RING_MM = 2.6  # radius on paper of the ring of projects sharing a spot
SYMBOL_MM = 3.4

def poster_words(language):
    """The poster's words in ``language`` (English ``tr`` sources, context RemixAtlas)."""
    return {
        "title": tr("RE.MIX atlas of opportunities — the programme on the territory",
                    "RemixAtlas", language=language),
        "legend": tr("Main field of opportunity", "RemixAtlas", language=language),
        "with": tr("Municipalities with projects", "RemixAtlas", language=language),
        "without": tr("Other municipalities", "RemixAtlas", language=language),
        "projects": tr("Projects", "RemixAtlas", language=language),
        "note": tr("Each symbol is a project (colour: its first field of opportunity); projects at the same "
                   "place are set in a ring. Titles are shown where there is room.",
                   "RemixAtlas", language=language),
    }


def _scale_for(extent, width_mm, height_mm):
    return max(extent.width() / (width_mm / 1000.0), extent.height() / (height_mm / 1000.0))


def project_points(cards, crs, language, ring_m):
    """One point per project; coincident points spread on a ring of ``ring_m`` metres."""
    scheme_labels = {code: label for code, label in _ambito_labels(language)}
    layer = QgsVectorLayer(f"Point?crs={crs}", POINTS_NAME, "memory")
    provider = layer.dataProvider()
    names = ("uuid", "titolo", "comune", "comune_istat", "ambito", "ambito_label")
    provider.addAttributes([QgsField(name, field_type("text")) for name in names])
    layer.updateFields()
    spots = {}
    for card in cards:
        if not card.geometry_wkt:
            continue
        point = QgsGeometry.fromWkt(card.geometry_wkt).pointOnSurface().asPoint()
        key = (round(point.x() / ring_m), round(point.y() / ring_m))
        spots.setdefault(key, []).append((card, point))
    features = []
    for group in spots.values():
        centre_x = sum(p.x() for _c, p in group) / len(group)
        centre_y = sum(p.y() for _c, p in group) / len(group)
        for index, (card, point) in enumerate(group):
            if len(group) > 1:
                angle = 2 * math.pi * index / len(group)
                point = QgsPointXY(centre_x + ring_m * math.cos(angle), centre_y + ring_m * math.sin(angle))
            feature = QgsFeature(layer.fields())
            feature.setAttributes([card.uuid, card.titolo, card.comune, card.comune_istat, card.main_ambito,
                                   scheme_labels.get(card.main_ambito, "")])
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(point)))
            features.append(feature)
    provider.addFeatures(features)
    layer.updateExtents()
    categories = []
    for code, label in _ambito_labels(language):
        categories.append(QgsRendererCategory(code, _marker(charts.ambito_colour(code)), label))
    other = tr("Not given", "RemixAtlas", language=language)
    categories.append(QgsRendererCategory("", _marker(palette.FALLBACK_FILL), other))
    layer.setRenderer(QgsCategorizedSymbolRenderer("ambito", categories))
    _labeling(layer, "titolo", 6.5, 0, "AroundPoint", bold=True, priority=8)
    settings = layer.labeling().settings()
    settings.dist = 0.6
    settings.autoWrapLength = 22
    layer.labeling().setSettings(settings)
    return layer


def _ambito_labels(language):
    from ..taxonomy import load_scheme

    return [(t.code, t.label(language)) for t in load_scheme().dimension("ambito_opportunita").terms]


def _marker(colour):
    return QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": str(SYMBOL_MM),
                                         "size_unit": "MM", "outline_color": "#FFFFFF",
                                         "outline_width": "0.35", "outline_width_unit": "MM"})


def comuni_poster_layer(comuni_layer, cards, language):
    """Simplified comuni: those with projects outlined and named, the others pale."""
    words = poster_words(language)
    layer = simplified_comuni(comuni_layer, "comuni_poster", language)
    codes = sorted({c.comune_istat for c in cards if c.comune_istat})
    listed = ", ".join(QgsExpression.quotedValue(code) for code in codes) or "''"
    condition = f"\"istat\" IN ({listed})"
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple({
        "color": "#DCE6F2", "outline_color": BAND, "outline_width": "0.35", "outline_width_unit": "MM"}),
        0, 0, condition, words["with"]))
    root.appendChild(QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple({
        "color": "#F5F5F2", "outline_color": palette.COMUNE_BOUNDARY, "outline_width": "0.12",
        "outline_width_unit": "MM"}), 0, 0, f"NOT ({condition})", words["without"]))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    _labeling(layer, f"if({condition}, \"nome\", '')", 6.5, 0, "OverPoint", is_expression=True, priority=3)
    settings = layer.labeling().settings()
    text_format = settings.format()
    text_format.setColor(_colour(MUTED))
    settings.setFormat(text_format)
    layer.labeling().setSettings(settings)
    return layer


def _colour(text):
    from qgis.PyQt.QtGui import QColor

    return QColor(text)


def build_poster(project, points, comuni, territory_extent, summary, language="it"):
    """Create the A3 landscape layout "Poster RE.MIX" in ``project`` and return it."""
    manager = project.layoutManager()
    old = manager.layoutByName(POSTER_NAME)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(POSTER_NAME)
    layout.pageCollection().page(0).setPageSize("A3", _enum(QgsLayoutItemPage, "Orientation", "Landscape"))
    words = dict(texts(language), **poster_words(language))
    b = _Builder(layout, language)
    b.box(0, 0, 420, 24, (), BAND)
    b.text(words["atlas_subtitle"], 10, 4, 400, 5, (), size=9.0, colour="#BFD3EA")
    b.text(words["title"], 10, 10, 400, 10, (), size=20.0, bold=True, colour="#FFFFFF", item_id="titolo")
    x, y, width, height = MAP_MM
    item = _map(layout, b, [points, comuni], comuni.crs(), x, y, width, height, (), "mappa_poster")
    item.setExtent(_fit(territory_extent, width, height))
    right = x + width + 8
    panel = 420 - right - 10
    b.text(words["counts"].format(**summary), right, 30, panel, 12, (), size=13.0, bold=True, colour=BAND,
           item_id="conteggi")
    legend = b.legend("legenda_poster", words["legend"], item, [
        (points, words["projects"]), (comuni, tr("Municipalities", "RemixAtlas", language=language))],
        fonts=(9.0, 8.0, 8.0))
    legend.setWrapString("~")
    b.place(legend, right, 46, panel, 110, ())
    b.text(words["note"], right, 160, panel, 24, (), size=7.0, colour=MUTED, item_id="nota")
    b.place(b.scale_bar(item, "Kilometers", "km", (30, 60), 1.8, 7.5), right, 190, panel - 12, 9, ())
    b.place(b.north_arrow(item), 420 - 10 - 8, 188, 8, 11, ())
    b.text(words["illustrative"] + " " + words["sources"], right, 262, panel, 16, (), size=6.5,
           colour=MUTED, item_id="fonti")
    b.text(f"{words['date']} [% format_date(now(), 'dd/MM/yyyy') %]", right, 280, panel, 5, (), size=7.0,
           colour=MUTED, item_id="data")
    manager.addLayout(layout)
    return layout


def prepare_poster(gpkg_path, language="it", filter_expression=None, project=None):
    """Project, layers and layout of the poster; returns (project, layout, summary)."""
    from .export import AtlasError, _check_filter, _layer

    path = Path(gpkg_path).resolve()
    info = inspect_geopackage(path)
    crs_text = info.crs or "EPSG:32632"
    project = project if project is not None else QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(crs_text))
    comuni = _layer(path, "comuni", tr("Municipalities", "RemixAtlas", language=language))
    cards = read_cards(path, language)
    if filter_expression:
        _check_filter(filter_expression)
        from .export import _filtered_cards

        cards = _filtered_cards(cards, filter_expression, crs_text, comuni.extent().asWktPolygon(), language)
    if comuni.featureCount() == 0:
        raise AtlasError("no_comuni", *tr("The file has no municipal boundaries.", language=BOTH))
    territory = comuni.extent()
    scale = _scale_for(_fit(territory, MAP_MM[2], MAP_MM[3]), MAP_MM[2], MAP_MM[3])
    points = project_points(cards, crs_text, language, RING_MM / 1000.0 * scale)
    poster_comuni = comuni_poster_layer(comuni, cards, language)
    project.addMapLayers([comuni, points, poster_comuni], False)
    collision_free_labels(project)
    summary = summarise(cards, language)
    layout = build_poster(project, points, poster_comuni, territory, summary, language)
    return project, layout, summary


def export_poster_pdf(gpkg_path, pdf_path, filter_expression=None, feedback=None, language="it", dpi=300,
                      template_xml=None):
    """The A3 poster of ``gpkg_path`` as a one-page PDF (atomic). Returns an AtlasResult."""
    from .export import AtlasResult, _write_pdf

    started = time.perf_counter()
    feedback = feedback if feedback is not None else QgsFeedback()
    project, layout, summary = prepare_poster(gpkg_path, language, filter_expression)
    try:
        if template_xml:
            _apply_poster_template(layout, template_xml, project, language)
        target = _write_pdf(layout, pdf_path, dpi, feedback, atlas=False)
    finally:
        layout = None
        project.clear()
    return AtlasResult(target, 1, summary["progetti"], time.perf_counter() - started, summary)


def _apply_poster_template(layout, template_xml, project, language="it"):
    """A planner's saved poster design, its map and legend pointed at this run's layers."""
    from qgis.core import QgsReadWriteContext
    from qgis.PyQt.QtXml import QDomDocument

    document = QDomDocument()
    if not document.setContent(template_xml):
        return False
    points = project.mapLayersByName(POINTS_NAME)
    comuni = project.mapLayersByName("comuni_poster")
    _items, ok = layout.loadFromTemplate(document, QgsReadWriteContext(), True)
    if not ok or not points or not comuni:
        return False
    for item in layout.items():
        if isinstance(item, QgsLayoutItemMap) and item.id() == "mappa_poster":
            item.setLayers([points[0], comuni[0]])
            item.setKeepLayerSet(True)
    legend = layout.itemById("legenda_poster")
    if isinstance(legend, QgsLayoutItemLegend):
        titles = {}
        group = legend.model().rootGroup()
        for node in group.findLayers():
            titles[node.name()] = node.customProperty("legend/title-label", "")
        group.clear()
        for layer in (points[0], comuni[0]):
            node = group.addLayer(layer)
            default = poster_words(language)["projects"] if layer is points[0] else "Comuni"
            title = titles.get(layer.name()) or default
            node.setCustomProperty("legend/title-label", title)
        main = layout.itemById("mappa_poster")
        if isinstance(main, QgsLayoutItemMap):
            legend.setLinkedMap(main)
    return True
