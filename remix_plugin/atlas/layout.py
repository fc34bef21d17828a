"""The "Atlante RE.MIX" print layout (A4 portrait), built from code.

One QGIS atlas prints the whole document: its coverage layer ``progetti_atlante`` (a memory
layer made by ``coverage_layer``) holds a cover row, a summary row and one row per project
with every text already written (``atlas.cards``). Each layout item shows on the pages of its
kind through the data-defined "exclude from exports" property on ``"tipo_pagina"``; page
numbers, dates and fields are expressions, so the layout stays fully editable in QGIS's layout
designer. Why a memory layer: ``progetti`` has no geometry, and an atlas needs one per page to
drive the map; the union of each project's lavori is computed when the atlas is prepared, so
the pages always match the file, and nothing is written into the user's GeoPackage.

Text items use plain-text labels (no HTML): they render off the main thread.
"""

from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapOverview,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from .. import compat
from ..compat import field_type
from ..files import durable_replace
from ..i18n import thousands_separator, tr
from ..layers.model import COMUNI_ATTRIBUTION
from ..styles.fonts import map_font
from ..styles.layers import _labeling
from . import charts, fit

LAYOUT_NAME = "Atlante RE.MIX"
COVERAGE_NAME = "progetti_atlante"
# the smallest that shows the whole project (with CONTEXT_M around it) is chosen for each card
PREDEFINED_SCALES = (1000.0, 2000.0, 5000.0, 7500.0, 10000.0, 15000.0, 25000.0, 50000.0, 100000.0, 250000.0)
CONTEXT_M = 150.0  # metres of surroundings around a project's lavori on its map

INK = "#1A1A1A"
BAND = "#1F3A5F"  # dark blue header band
ACCENT = "#D55E00"  # Okabe-Ito vermillion: the located comune
MUTED = "#5A5A5A"

def texts(language):
    """The atlas's words in ``language`` (English ``tr`` sources, context RemixAtlas)."""
    return {
        "atlas_title": tr("RE.MIX atlas of opportunities", "RemixAtlas", language=language),
        "atlas_subtitle": tr("Urban and territorial regeneration · Metropolitan City of Milan",
                             "RemixAtlas", language=language),
        "cover_intro": tr("Catalogue of the regeneration projects collected with the municipalities.",
                          "RemixAtlas", language=language),
        "summary_title": tr("Summary", "RemixAtlas", language=language),
        "by_zone": tr("By homogeneous zone (municipalities · projects)", "RemixAtlas", language=language),
        "by_ambito": tr("By field of opportunity (projects)", "RemixAtlas", language=language),
        "by_kind": tr("By kind of intervention", "RemixAtlas", language=language),
        "index": tr("Index of the cards", "RemixAtlas", language=language),
        "zona": tr("Homogeneous zone", "RemixAtlas", language=language),
        "ambiti": tr("Fields of opportunity", "RemixAtlas", language=language),
        "scala": tr("Scale of the expected impact", "RemixAtlas", language=language),
        "localizzazione": tr("Location", "RemixAtlas", language=language),
        "livello": tr("Project level", "RemixAtlas", language=language),
        "rigenerazione": tr("Level of regeneration", "RemixAtlas", language=language),
        "ambito_azione": tr("Main field of action", "RemixAtlas", language=language),
        "stato": tr("Status", "RemixAtlas", language=language),
        "provenienza": tr("Origin", "RemixAtlas", language=language),
        "programma": tr("Programme", "RemixAtlas", language=language),
        "finalita": tr("Aims (regional law 18/2019)", "RemixAtlas", language=language),
        "descrizione": tr("Description", "RemixAtlas", language=language),
        "obiettivi": tr("Objectives", "RemixAtlas", language=language),
        "lavori": tr("Physical works", "RemixAtlas", language=language),
        "azioni": tr("Actions (social, cultural, economic project)", "RemixAtlas", language=language),
        "criticita": tr("Problems", "RemixAtlas", language=language),
        "fasi": tr("Phases", "RemixAtlas", language=language),
        "attori": tr("Actors involved", "RemixAtlas", language=language),
        "indicatori": tr("Indicators", "RemixAtlas", language=language),
        "legend": tr("Legend", "RemixAtlas", language=language),
        "overview": tr("Metropolitan location", "RemixAtlas", language=language),
        "outline_note": tr("Outline of works: dashed = proposal, dash-dot = being designed, solid = funded "
                           "/ under way (thick) / completed, dotted = suspended.",
                           "RemixAtlas", language=language),
        "sources": tr("Sources: RE.MIX data of the municipalities; municipal boundaries {attribution}.",
                      "RemixAtlas", language=language).format(attribution=COMUNI_ATTRIBUTION),
        "illustrative": tr("Illustrative perimeters where stated.", "RemixAtlas", language=language),
        "date": tr("Date", "RemixAtlas", language=language),
        "page": tr("Page", "RemixAtlas", language=language),
        "of": tr("of", "RemixAtlas", language=language),
        "counts": tr("{comuni} municipalities involved, {progetti} projects",
                     "RemixAtlas", language=language),
        "kinds": tr("Physical works: {lavori}\nActions: {azioni}\nProblems: {criticita}",
                    "RemixAtlas", language=language),
        "more": tr("… and {n} more cards", "RemixAtlas", language=language),
        "continues": tr(" … continued on page {page}", "RemixAtlas", language=language),
        "continued": tr("(continued)", "RemixAtlas", language=language),
        "index_more": tr("Index of the cards (continued)", "RemixAtlas", language=language),
        "by_zone_chart": tr("Projects per homogeneous zone (municipalities · projects)",
                            "RemixAtlas", language=language),
        "by_ambito_chart": tr("Projects per field of opportunity", "RemixAtlas", language=language),
        "by_kind_chart": tr("Interventions per kind (works and actions)", "RemixAtlas", language=language),
        "lavori_short": tr("works", "RemixAtlas", language=language),
        "azioni_short": tr("actions", "RemixAtlas", language=language),
        "unclassified": tr("Not classified", "RemixAtlas", language=language),
        "basemap": tr("Base map", "RemixAtlas", language=language),
        "monitoraggio": tr("Indicators against their targets · metropolitan priority", "RemixAtlas",
                           language=language),
        "priorita": tr("Metropolitan priority", language=language),
        "kpi_none": tr("No measured indicator with a target: no chart.", "RemixAtlas", language=language),
        "kpi_in_pdf": tr("Chart of the indicators: drawn when the atlas is exported to PDF.", "RemixAtlas",
                         language=language),
    }

COVERAGE_FIELDS = (
    "tipo_pagina", "uuid", "titolo", "comune", "comune_istat", "zona_omogenea", "zona_label",
    "comuni_progetti", "stato_progetto", "localizzazione", "scala_impatto", "livello_progettuale",
    "livello_rigenerazione", "provenienza", "ambito_opportunita", "stato_label",
    "localizzazione_label", "scala_label", "livello_label", "rigenerazione_label",
    "provenienza_label", "ambiti_label", "finalita_label", "ambito_azione", "descrizione",
    "obiettivi", "programma", "lavori_testo", "azioni_testo", "criticita_testo", "fasi_testo",
    "attori_testo", "indicatori_testo", "criticita_indicatori", "continua_testo", "riepilogo_zone",
    "riepilogo_ambiti", "riepilogo_tipi", "riepilogo_conteggi", "indice", "indice_2", "fonti_base",
    charts.KPI_CHART_FIELD, "grafico_kpi_nota", "priorita_testo",
)
INDEX_LINES = 26  # entries per column of the index on the summary page (two columns)
INDEX_PAGE_LINES = 78  # entries per column of an index continuation page
INDEX_WIDTH = 64  # characters per entry

# card text frames (item id -> coverage field): measured against the layout before printing;
# what does not fit continues on a page after the card ("continua a pagina N")
CARD_TEXT_FRAMES = (
    ("testo_ambito_azione", "ambito_azione", "ambito_azione"),
    ("testo_ambiti", "ambiti_label", "ambiti"),
    ("testo_finalita", "finalita_label", "finalita"),
    ("testo_descrizione", "descrizione", "descrizione"),
    ("testo_obiettivi", "obiettivi", "obiettivi"),
    ("testo_lavori", "lavori_testo", "lavori"),
    ("testo_azioni", "azioni_testo", "azioni"),
    ("testo_fasi", "fasi_testo", "fasi"),
    ("testo_attori", "attori_testo", "attori"),
    ("testo_criticita", "criticita_indicatori", "criticita_indicatori"),
    ("testo_priorita", "priorita_testo", "priorita"),
)
CONTINUATION_FRAME = "testo_continua"
MAX_CONTINUATION_PAGES = 20  # per card: a runaway text still ends, visibly marked


def _shorten(text, width):
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


_enum = compat.scoped_enum
_mm_layout = compat.layout_millimeters


# -- coverage ----------------------------------------------------------------------------------
def empty_coverage(crs):
    """The atlas coverage layer, without pages yet (``fill_coverage`` adds them once the layout
    exists, because what fits on a card is measured on the layout's frames)."""
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}", COVERAGE_NAME, "memory")
    fields = [QgsField("ordine", field_type("integer"))]
    fields += [QgsField(name, field_type("text")) for name in COVERAGE_FIELDS]
    fields += [QgsField(name, field_type("integer")) for name in charts.chart_fields()]
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    return layer


def coverage_layer(cards, summary, crs, territory_wkt, language="it", layout=None):
    """The atlas coverage: cover, summary, index pages, then each card and its continuations."""
    layer = empty_coverage(crs)
    fill_coverage(layer, cards, summary, territory_wkt, language, layout)
    return layer


def _frame_measures(layout):
    """item id -> (Measure, height mm) of the card's text frames found in ``layout``."""
    measures = {}
    if layout is None:
        return measures
    for item_id in [frame for frame, _f, _h in CARD_TEXT_FRAMES] + [CONTINUATION_FRAME, "titolo"]:
        item = layout.itemById(item_id)
        if not isinstance(item, QgsLayoutItemLabel):
            continue
        size = item.sizeWithUnits()
        width = size.width() - 2 * item.marginX()
        height = size.height() - 2 * item.marginY()
        measures[item_id] = (fit.Measure(fit.label_font(item), width), height)
    return measures


def _split_card(values, measures, words, first_continuation_page):
    """Cut each card text to its frame; returns the continuation pages' texts (a list)."""
    rest_sections = []
    mark = words["continues"].format(page=first_continuation_page)
    for frame_id, field_name, heading in CARD_TEXT_FRAMES:
        text = values.get(field_name) or ""
        if frame_id not in measures or not text:
            continue
        measure, height = measures[frame_id]
        shown, rest = fit.split_to_fit(text, measure, height, mark)
        if rest:
            values[field_name] = shown
            rest_sections.append(f"{words[heading].upper()} {words['continued']}\n{rest}")
    if not rest_sections:
        return []
    text = "\n\n".join(rest_sections)
    if CONTINUATION_FRAME not in measures:  # a design without the continuation frame: marked only
        return []
    measure, height = measures[CONTINUATION_FRAME]
    chunks = fit.paginate_text(text, measure, height)
    if len(chunks) > MAX_CONTINUATION_PAGES:
        chunks = chunks[:MAX_CONTINUATION_PAGES]
        chunks[-1] = chunks[-1] + " …"
    return chunks


def fill_coverage(layer, cards, summary, territory_wkt, language="it", layout=None, extra_sources="",
                  extras=None):
    """Write the pages into the coverage ``layer``; returns the number of pages.
    ``extra_sources``: appended to the sources line (a base map's name and attribution);
    ``extras``: {progetto uuid: {coverage field: value}} added to a card (its KPI chart file
    ``grafico_kpi``, ``grafico_kpi_nota``, ``priorita_testo``)."""
    extras = extras or {}
    words = texts(language)
    words = dict(words, ambito_azione=words["ambito_azione"], finalita=words["finalita"],
                 criticita_indicatori=words["criticita"] + " · " + words["indicatori"])
    measures = _frame_measures(layout)
    provider = layer.dataProvider()
    comuni_progetti = ",".join(sorted({c.comune_istat for c in cards}))
    territory = QgsGeometry.fromWkt(territory_wkt)
    chart_values = charts.chart_values(summary)

    # the cards' texts first: their continuation pages move the page numbers of what follows
    card_pages = []
    for card in cards:
        values = dict(card.values)
        values.update(extras.get(card.uuid, {}))
        values["criticita_indicatori"] = (values.get("criticita_testo", "") + "\n"
                                          + values.get("indicatori_testo", "")).strip()
        values["finalita_label"] = values.get("finalita_label") or "—"
        values["programma"] = values.get("programma") or "—"
        card_pages.append((card, values))
    index_rest = max(0, len(cards) - 2 * INDEX_LINES)
    index_pages = -(-index_rest // (2 * INDEX_PAGE_LINES))
    page = 3 + index_pages
    laid_out = []
    for card, values in card_pages:
        continuations = _split_card(values, measures, words, page + 1)
        laid_out.append((page, card, values, continuations))
        page += 1 + len(continuations)

    zone_lines = [f"{zone}: {n_comuni} · {n_progetti}"
                  for zone, (n_comuni, n_progetti) in summary["zone"].items()]
    ambiti_lines = [f"{label}: {count}" for label, count in summary["ambiti"].items()]
    index_lines = [_shorten(f"{number:>3}   {card.comune} — {card.titolo}", INDEX_WIDTH)
                   for number, card, _v, _c in laid_out]
    common = {
        "riepilogo_zone": "\n".join(zone_lines) or "—",
        "riepilogo_ambiti": "\n".join(ambiti_lines) or "—",
        "riepilogo_tipi": words["kinds"].format(**summary),
        "riepilogo_conteggi": words["counts"].format(**summary),
        "indice": "\n".join(index_lines[:INDEX_LINES]) or "—",
        "indice_2": "\n".join(index_lines[INDEX_LINES:2 * INDEX_LINES]),
        "comuni_progetti": comuni_progetti,
        "fonti_base": extra_sources,
    }
    common.update(chart_values)
    features = []

    def make(values, geometry):
        feature = QgsFeature(layer.fields())
        feature["ordine"] = len(features)
        for name, value in values.items():
            feature[name] = value
        feature.setGeometry(geometry)
        features.append(feature)

    make(dict(common, tipo_pagina="copertina", titolo=words["atlas_title"]), territory)
    make(dict(common, tipo_pagina="riepilogo", titolo=words["summary_title"]), territory)
    rest = index_lines[2 * INDEX_LINES:]
    for start in range(0, len(rest), 2 * INDEX_PAGE_LINES):
        chunk = rest[start:start + 2 * INDEX_PAGE_LINES]
        make(dict(common, tipo_pagina="indice", titolo=words["index_more"],
                  indice="\n".join(chunk[:INDEX_PAGE_LINES]),
                  indice_2="\n".join(chunk[INDEX_PAGE_LINES:])), territory)
    for _number, card, card_values, continuations in laid_out:
        values = dict(common)
        values.update(card_values)
        title = card.titolo
        if "titolo" in measures:  # a title longer than the header band ends visibly in "…"
            title = fit.split_to_fit(title, measures["titolo"][0], measures["titolo"][1], " …")[0]
        values.update(tipo_pagina="progetto", uuid=card.uuid, titolo=title, comune=card.comune,
                      comune_istat=card.comune_istat, zona_omogenea=card.zona_omogenea,
                      zona_label=card.zona_label, comuni_progetti=card.comune_istat)
        geometry = QgsGeometry.fromWkt(card.geometry_wkt) if card.geometry_wkt else territory
        if card.geometry_wkt:
            geometry = geometry.buffer(CONTEXT_M, 4)  # the map shows the neighbourhood too
        make(values, geometry)
        for chunk in continuations:
            make(dict(values, tipo_pagina="continua", continua_testo=chunk), geometry)
    provider.addFeatures(features)
    layer.updateExtents()
    return len(features)


def highlight_layer(comuni_source, language="it"):
    """A second view of the comuni: only those of the current page (from the atlas feature's
    ``comuni_progetti``), filled in the accent colour and named; for the locator maps."""
    layer = QgsVectorLayer(comuni_source, "comuni_localizzazione", "ogr")
    condition = ("array_contains(string_to_array(attribute(@atlas_feature, 'comuni_progetti'), ','), "
                 "\"istat\")")
    symbol = QgsFillSymbol.createSimple({"color": ACCENT, "outline_color": "#7A2E00",
                                         "outline_width": "0.3", "outline_width_unit": "MM"})
    root = QgsRuleBasedRenderer.Rule(None)
    rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, condition, "Comune del progetto")
    root.appendChild(rule)
    layer.setRenderer(QgsRuleBasedRenderer(root))
    _labeling(layer, f"if({condition}, \"nome\", '')", 7.0, 0, "OverPoint", bold=True, is_expression=True)
    return layer


# -- layout items --------------------------------------------------------------------------------
class _Builder:
    def __init__(self, layout, language):
        self.layout = layout
        self.words = texts(language)
        self.unit = _mm_layout()

    def place(self, item, x, y, w, h, pages):
        item.attemptMove(QgsLayoutPoint(x, y, self.unit))
        item.attemptResize(QgsLayoutSize(w, h, self.unit))
        if pages:
            listed = ", ".join(f"'{p}'" for p in pages)
            item.dataDefinedProperties().setProperty(
                QgsLayoutObject.ExcludeFromExports,
                QgsProperty.fromExpression(f"\"tipo_pagina\" NOT IN ({listed})"))
        self.layout.addLayoutItem(item)
        return item

    def text(self, text, x, y, w, h, pages, size=8.0, bold=False, colour=INK, align="left",
             item_id=""):
        label = QgsLayoutItemLabel(self.layout)
        label.setMode(QgsLayoutItemLabel.ModeFont)
        label.setText(text)
        _set_text_style(label, size, bold, colour)
        label.setHAlign({"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight,
                         "center": Qt.AlignmentFlag.AlignHCenter}[align])
        label.setVAlign(Qt.AlignmentFlag.AlignTop)
        label.setMarginX(0.0)
        label.setMarginY(0.0)
        if item_id:
            label.setId(item_id)
        return self.place(label, x, y, w, h, pages)

    def heading(self, text, x, y, w, pages):
        self.text(text.upper(), x, y, w, 4.0, pages, size=7.0, bold=True, colour=BAND)
        self.rule(x, y + 4.2, w, pages)

    def rule(self, x, y, w, pages, colour=BAND, thickness=0.3):
        self.box(x, y, w, thickness, pages, colour)

    def box(self, x, y, w, h, pages, fill, outline=None):
        shape = QgsLayoutItemShape(self.layout)
        shape.setShapeType(_enum(QgsLayoutItemShape, "Shape", "Rectangle"))
        properties = {"color": fill, "outline_style": "no" if outline is None else "solid"}
        if outline is not None:
            properties.update(outline_color=outline, outline_width="0.2", outline_width_unit="MM")
        shape.setSymbol(QgsFillSymbol.createSimple(properties))
        return self.place(shape, x, y, w, h, pages)

    def field_pair(self, label, expression, x, y, w, pages, label_w=38.0, h=4.2, item_id=""):
        self.text(label, x, y, label_w, h, pages, size=7.0, colour=MUTED)
        self.text(f"[% {expression} %]", x + label_w, y, w - label_w, h, pages, size=7.5, bold=True,
                  item_id=item_id)

    # the map furniture of the cards and of the poster: one way to make each
    def legend(self, item_id, title, linked_map, layers, fonts=(8.0, 7.0, 7.0)):
        """A legend of ``layers`` [(layer, title or None)] only (not updated from the map), no
        frame, 6 × 3.5 mm symbols; returns it (placed by the caller)."""
        legend = QgsLayoutItemLegend(self.layout)
        legend.setId(item_id)
        legend.setTitle(title)
        legend.setLinkedMap(linked_map)
        legend.setAutoUpdateModel(False)
        group = legend.model().rootGroup()
        group.clear()
        for layer, layer_title in layers:
            node = group.addLayer(layer)
            if layer_title:  # legend titles only: the layers keep their names (saved designs)
                node.setCustomProperty("legend/title-label", layer_title)
        legend.setSymbolWidth(6.0)
        legend.setSymbolHeight(3.5)
        legend.setFrameEnabled(False)
        title_size, group_size, item_size = fonts
        _legend_fonts(legend, title=title_size, group=group_size, item=item_size)
        return legend

    def scale_bar(self, linked_map, unit, unit_label, widths, height, text_size):
        """A two-segment "Single Box" scale bar fitted between ``widths`` (mm); not placed."""
        scalebar = QgsLayoutItemScaleBar(self.layout)
        scalebar.setId("scala")
        scalebar.setStyle("Single Box")
        scalebar.setLinkedMap(linked_map)
        scalebar.setUnits(compat.distance_unit(unit))
        scalebar.setUnitLabel(unit_label)
        scalebar.setNumberOfSegments(2)
        scalebar.setNumberOfSegmentsLeft(0)
        scalebar.setSegmentSizeMode(_enum(QgsScaleBarSettings, "SegmentSizeMode", "SegmentSizeFitWidth"))
        scalebar.setMinimumBarWidth(widths[0])
        scalebar.setMaximumBarWidth(widths[1])
        scalebar.setHeight(height)
        scalebar.setTextFormat(_text_format(text_size, False, INK))
        return scalebar

    def north_arrow(self, linked_map):
        arrow = QgsLayoutItemPicture(self.layout)
        arrow.setId("nord")
        arrow.setPicturePath(_north_arrow())
        arrow.setLinkedMap(linked_map)
        return arrow


def _map(layout, builder, layers, crs, x, y, w, h, pages, item_id):
    item = QgsLayoutItemMap(layout)
    item.setId(item_id)
    item.setCrs(crs)
    item.setLayers(layers)
    item.setKeepLayerSet(True)
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, _mm_layout()))
    item.setBackgroundColor(QColor("#FFFFFF"))
    builder.place(item, x, y, w, h, pages)
    return item


def build_layout(project, coverage, layers, territory_extent, language="it"):
    """Create the layout in ``project`` (replacing one of the same name) and return it.

    ``layers``: dict with QgsVectorLayers "comuni", "criticita", "lavori", "highlight",
    "overview" (simplified comuni of the small-scale maps) and optionally "basemap" (all in
    ``project``); ``territory_extent``: QgsRectangle of the whole metropolitan territory.
    """
    manager = project.layoutManager()
    old = manager.layoutByName(LAYOUT_NAME)
    if old is not None:
        manager.removeLayout(old)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(LAYOUT_NAME)
    page = layout.pageCollection().page(0)
    page.setPageSize("A4", _enum(QgsLayoutItemPage, "Orientation", "Portrait"))
    layout.renderContext().setPredefinedScales(list(PREDEFINED_SCALES))
    words = texts(language)
    b = _Builder(layout, language)
    crs = coverage.crs()
    cover, summary, card = ("copertina",), ("riepilogo",), ("progetto",)
    index_page, continued = ("indice",), ("continua",)
    every = ("copertina", "riepilogo", "indice", "progetto", "continua")
    small_scale = [layers["highlight"], layers["overview"]]

    # -- header band (every page) ----------------------------------------------------------
    b.box(0, 0, 210, 30, every, BAND)
    b.text(words["atlas_title"].upper(), 12, 6, 186, 5, card + continued, size=7.0, bold=True,
           colour="#BFD3EA")
    b.text('[% "titolo" %]', 12, 11.5, 186, 9, card, size=16.0, bold=True, colour="#FFFFFF",
           item_id="titolo")
    b.text('[% "titolo" %] ' + words["continued"], 12, 11.5, 186, 9, continued, size=16.0, bold=True,
           colour="#FFFFFF", item_id="titolo_continua")
    b.text('[% "comune" %] · ' + words["zona"] + ' [% "zona_label" %]', 12, 21.5, 186, 6, card + continued,
           size=10.0, colour="#FFFFFF", item_id="comune")
    b.text(words["atlas_subtitle"], 12, 8, 186, 6, cover + summary + index_page, size=9.0, colour="#BFD3EA")
    b.text('[% "titolo" %]', 12, 15, 186, 11, cover + summary + index_page, size=20.0, bold=True,
           colour="#FFFFFF")

    # -- cover -----------------------------------------------------------------------------------
    b.text(words["cover_intro"], 12, 38, 186, 6, cover, size=11.0)
    b.text('[% "riepilogo_conteggi" %]', 12, 46, 186, 8, cover, size=15.0, bold=True, colour=BAND)
    cover_map = _map(layout, b, small_scale, crs, 12, 58, 186, 200, cover, "mappa_copertina")
    cover_map.setExtent(_fit(territory_extent, 186, 200))
    zones = QgsLayoutItemLegend(layout)
    zones.setId("legenda_zone")
    zones.setTitle(words["zona"])
    zones.setLinkedMap(cover_map)
    zones.setAutoUpdateModel(False)
    zones.model().rootGroup().clear()
    zones.model().rootGroup().addLayer(layers["overview"])
    zones.setFrameEnabled(True)
    zones.setBackgroundEnabled(True)
    _legend_fonts(zones)
    b.place(zones, 15, 196, 50, 58, cover)
    b.text(words["illustrative"] + " " + words["sources"], 12, 262, 186, 8, cover, size=7.0, colour=MUTED)

    # -- summary: counts, three bar charts, a map, the index -------------------------------------
    b.text('[% "riepilogo_conteggi" %]', 12, 36, 186, 8, summary, size=13.0, bold=True, colour=BAND)
    b.heading(words["by_zone_chart"], 12, 48, 90, summary)
    charts.add_bar_chart(b, "zona", 12, 54, 90, summary, language)
    b.heading(words["by_ambito_chart"], 108, 48, 90, summary)
    charts.add_bar_chart(b, "ambito", 108, 54, 90, summary, language)
    b.heading(words["by_kind_chart"], 12, 98, 90, summary)
    bottom = charts.add_bar_chart(b, "tipo", 12, 104, 90, summary, language)
    b.text('[% "riepilogo_tipi" %]', 12, bottom + 2, 90, 14, summary, size=7.5, item_id="riepilogo_tipi")
    summary_map = _map(layout, b, small_scale, crs, 108, 98, 90, 84, summary, "mappa_riepilogo")
    summary_map.setExtent(_fit(territory_extent, 90, 84))
    b.heading(words["index"], 12, 188, 186, summary)
    b.text('[% "indice" %]', 12, 194, 92, 86, summary, size=6.8, item_id="indice")
    b.text('[% "indice_2" %]', 106, 194, 92, 86, summary, size=6.8, item_id="indice_2")
    # -- index continuation pages
    b.text('[% "indice" %]', 12, 36, 92, 244, index_page, size=6.8, item_id="indice_pagina")
    b.text('[% "indice_2" %]', 106, 36, 92, 244, index_page, size=6.8, item_id="indice_pagina_2")

    # -- project card: maps ------------------------------------------------------------------------
    main_layers = [layers["lavori"], layers["criticita"], layers.get("comuni_main", layers["comuni"])]
    if layers.get("basemap") is not None:
        main_layers += [layers["basemap"], layers["comuni_under"]]
    main = _map(layout, b, main_layers, crs, 12, 36, 124, 75, card, "mappa_progetto")
    main.setExtent(_fit(territory_extent, 124, 75))  # setExtent keeps the ratio: the frame stays 75 mm
    main.setAtlasDriven(True)
    main.setAtlasScalingMode(_enum(QgsLayoutItemMap, "AtlasScalingMode", "Predefined"))
    b.text(words["overview"].upper(), 141, 36, 57, 4, card, size=6.5, bold=True, colour=BAND)
    overview = _map(layout, b, small_scale, crs, 141, 41, 57, 38, card, "mappa_inquadramento")
    overview.setExtent(_fit(territory_extent, 57, 38))
    frame = QgsLayoutItemMapOverview("riquadro", overview)
    overview.overviews().addOverview(frame)
    frame.setLinkedMap(main)
    legend = b.legend("legenda", words["legend"], main,
                      [(layers["lavori"], None), (layers["criticita"], None)])
    legend.setLegendFilterByMapEnabled(True)
    legend.setBoxSpace(1.0)
    b.place(legend, 141, 81, 57, 30, card)
    b.text(words["outline_note"], 141, 111.5, 57, 8, card, size=5.5, colour=MUTED)
    b.place(b.scale_bar(main, "Meters", "m", (25, 45), 1.6, 6.5), 13, 112.2, 60, 7, card)
    scale_expression = "format_number(item_variables('mappa_progetto')['map_scale'], 0)"
    if thousands_separator(language) != ",":
        scale_expression = f"replace({scale_expression}, ',', '{thousands_separator(language)}')"
    b.text(f"1:[% {scale_expression} %]", 76, 113.5, 30, 4, card, size=6.5, colour=MUTED)
    b.place(b.north_arrow(main), 129, 112, 6, 8, card)

    # -- project card: monitoring strip and metropolitan priority (docs/atlas.md) -------------------
    b.heading(words["monitoraggio"], 12, 120.5, 186, card)
    b.text('[% "priorita_testo" %]', 12, 126.5, 186, 6.2, card, size=6.8, item_id="testo_priorita")
    charts.add_kpi_picture(b, 12, 133.2, charts.CARD_CHART_WIDTH_MM, charts.CARD_CHART_HEIGHT_MM, card)
    b.text('[% "grafico_kpi_nota" %]', 12, 134, 186, 4, card, size=6.5, colour=MUTED, item_id="nota_grafico")

    # -- project card: classification (labels from the scheme, never codes) -----------------------
    y = 150
    b.heading(tr("RE.MIX classification", "RemixAtlas", language=language), 12, y, 186, card)
    y += 6
    b.field_pair(words["ambito_azione"], '"ambito_azione"', 12, y, 186, card, label_w=34, h=8.0,
                 item_id="testo_ambito_azione")
    y += 8.5
    b.field_pair(words["ambiti"], '"ambiti_label"', 12, y, 186, card, label_w=34, item_id="testo_ambiti")
    y += 4.5
    b.field_pair(words["finalita"], '"finalita_label"', 12, y, 186, card, label_w=34, h=7.5,
                 item_id="testo_finalita")
    y += 8.0
    rows = [
        (words["scala"], '"scala_label"', words["localizzazione"], '"localizzazione_label"'),
        (words["livello"], '"livello_label"', words["rigenerazione"], '"rigenerazione_label"'),
        (words["stato"], '"stato_label"', words["provenienza"], '"provenienza_label"'),
        (words["zona"], '"zona_label"', words["programma"], '"programma"'),
    ]
    for left_label, left_expr, right_label, right_expr in rows:
        b.field_pair(left_label, left_expr, 12, y, 92, card, label_w=34)
        b.field_pair(right_label, right_expr, 106, y, 92, card, label_w=34)
        y += 4.5
    # -- description, objectives, works, actions, phases, actors, problems, indicators -------------
    y = 197
    b.heading(words["descrizione"], 12, y, 92, card)
    b.heading(words["obiettivi"], 106, y, 92, card)
    b.text('[% "descrizione" %]', 12, y + 6, 92, 16, card, size=7.2, item_id="testo_descrizione")
    b.text('[% "obiettivi" %]', 106, y + 6, 92, 16, card, size=7.2, item_id="testo_obiettivi")
    y = 220
    b.heading(words["lavori"], 12, y, 92, card)
    b.heading(words["azioni"], 106, y, 92, card)
    b.text('[% "lavori_testo" %]', 12, y + 6, 92, 13, card, size=6.8, item_id="testo_lavori")
    b.text('[% "azioni_testo" %]', 106, y + 6, 92, 13, card, size=6.8, item_id="testo_azioni")
    y = 240
    b.heading(words["fasi"], 12, y, 92, card)
    b.heading(words["attori"], 106, y, 92, card)
    b.text('[% "fasi_testo" %]', 12, y + 6, 92, 35, card, size=6.8, item_id="testo_fasi")
    b.text('[% "attori_testo" %]', 106, y + 6, 92, 13, card, size=6.8, item_id="testo_attori")
    b.heading(words["criticita"] + " · " + words["indicatori"], 106, 260, 92, card)
    b.text('[% "criticita_indicatori" %]', 106, 266, 92, 15, card, size=6.8, item_id="testo_criticita")
    # -- continuation page: what did not fit on the card -------------------------------------------
    b.text('[% "continua_testo" %]', 12, 36, 186, 244, continued, size=7.5, item_id=CONTINUATION_FRAME)
    # -- footer (every page) ------------------------------------------------------------------------
    b.rule(12, 282, 186, every, colour="#9A9A9A", thickness=0.2)
    b.text(words["sources"] + '[% "fonti_base" %]', 12, 284, 140, 8, every, size=6.0, colour=MUTED,
           item_id="fonti")
    b.text(f"{words['date']} [% format_date(now(), 'dd/MM/yyyy') %] · {words['page']} "
           f"[% @atlas_featurenumber %] {words['of']} [% @atlas_totalfeatures %]",
           140, 284, 58, 5, every, size=6.5, colour=MUTED, align="right", item_id="pagina")

    # -- atlas -------------------------------------------------------------------------------------
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    atlas.setHideCoverage(True)
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"ordine"')
    atlas.setSortAscending(True)
    atlas.setPageNameExpression('"titolo"')
    atlas.setFilenameExpression("'atlante_remix_' || lpad(to_string(\"ordine\"), 3, '0')")
    manager.addLayout(layout)
    return layout


def set_atlas_filter(layout, expression):
    """Filter the project pages (cover and summary always print)."""
    atlas = layout.atlas()
    if expression:
        atlas.setFilterFeatures(True)
        atlas.setFilterExpression(f"\"tipo_pagina\" <> 'progetto' OR ({expression})")
    else:
        atlas.setFilterFeatures(False)


def _text_format(size, bold, colour):
    text_format = QgsTextFormat()
    font = map_font()
    font.setBold(bold)
    text_format.setFont(font)
    text_format.setSize(size)
    text_format.setSizeUnit(_points())
    text_format.setColor(QColor(colour))
    return text_format


_points = compat.render_points


def _set_text_style(label, size, bold, colour):
    """Label text style: setTextFormat where it exists (QGIS >= 3.24), setFont on 3.22."""
    if compat.takes_text_format(label):
        label.setTextFormat(_text_format(size, bold, colour))
        return
    font = map_font()
    font.setPointSizeF(size)
    font.setBold(bold)
    label.setFont(font)
    label.setFontColor(QColor(colour))


def _legend_fonts(legend, title=8.0, group=7.0, item=7.0):
    styles = ((QgsLegendStyle.Title, title, True), (QgsLegendStyle.Group, group, True),
              (QgsLegendStyle.Subgroup, group, True), (QgsLegendStyle.SymbolLabel, item, False))
    for style_id, size, bold in styles:
        style = legend.style(style_id)
        if compat.takes_text_format(style):  # QGIS >= 3.30
            style.setTextFormat(_text_format(size, bold, INK))
        else:
            font = map_font()
            font.setPointSizeF(size)
            font.setBold(bold)
            style.setFont(font)
        legend.setStyle(style_id, style)


def _fit(extent, width_mm, height_mm):
    """``extent`` grown to the item's aspect ratio, with a small margin."""
    rect = QgsRectangle(extent)
    rect.scale(1.04)
    target = width_mm / height_mm
    if rect.width() / rect.height() > target:
        grow = rect.width() / target - rect.height()
        rect.setYMinimum(rect.yMinimum() - grow / 2)
        rect.setYMaximum(rect.yMaximum() + grow / 2)
    else:
        grow = rect.height() * target - rect.width()
        rect.setXMinimum(rect.xMinimum() - grow / 2)
        rect.setXMaximum(rect.xMaximum() + grow / 2)
    return rect


def _north_arrow():
    for folder in QgsApplication.svgPaths():
        for name in ("arrows/NorthArrow_02.svg", "arrows/NorthArrow_04.svg"):
            candidate = f"{folder.rstrip('/')}/{name}"
            from pathlib import Path

            if Path(candidate).is_file():
                return candidate
    return ""


def save_template(layout, path, data_path=None):
    """Write ``layout`` as a .qpt template (atomic). ``data_path``: the GeoPackage the layout was
    built on; its absolute path is replaced by "./remix.gpkg" in the template. Returns True."""

    document = QDomDocument()
    context = QgsReadWriteContext()
    element = layout.writeXml(document, context)
    document.appendChild(element)
    text = document.toString(2)
    if data_path:
        text = text.replace(str(data_path), "./remix.gpkg")
    temp = f"{path}.tmp"
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(text)
    durable_replace(temp, path)
    return True
