"""Export the RE.MIX atlas of a GeoPackage to PDF, off the main thread if wanted.

``export_atlas_pdf`` builds its own ``QgsProject`` (never ``QgsProject.instance()``), loads the
layers it needs from the file, styles them, builds the coverage and the layout, and renders the
atlas into a temporary file beside the target that replaces it only when complete. Everything
it creates belongs to the calling thread, so a ``QgsTask`` (``atlas.task``) or a Processing
algorithm can call it from a worker thread.

The stored projects (the GeoPackage's and the central database's) hold the layout "Atlante
RE.MIX" (``add_stored_layout``, built when the project is stored), possibly edited since by a
planner: pass ``template_xml`` (the layout's XML, read on the main thread by
``stored_layout_xml``) to print with that design; the coverage is still rebuilt from the data.
"""

import os
import re
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsFeatureRequest,
    QgsFeedback,
    QgsLayoutExporter,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutObject,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from .. import compat
from ..errors import RemixError
from ..files import durable_replace
from ..i18n import BOTH, tr
from ..layers.inspect import inspect_geopackage
from ..log import get_logger
from ..styles import add_stato_join, apply_default_style
from .basemap import basemap_layer
from .cards import read_cards, summarise
from .layout import (
    LAYOUT_NAME,
    PREDEFINED_SCALES,
    build_layout,
    coverage_layer,
    empty_coverage,
    fill_coverage,
    highlight_layer,
    set_atlas_filter,
    texts,
)
from .print_styles import collision_free_labels, outline_symbol, simplified_comuni, use_vector_hatch

LOG = get_logger("atlas")


class AtlasError(RemixError):
    """An atlas could not be made; carries an Italian and an English message."""


@dataclass
class AtlasJob:
    project: QgsProject
    layout: object
    layers: dict
    cards: list
    summary: dict
    coverage: QgsVectorLayer = None

    @property
    def page_count(self):
        if self.coverage is not None:
            return self.coverage.featureCount()
        return 2 + len(self.cards)


@dataclass
class AtlasResult:
    path: Path
    pages: int
    projects: int
    seconds: float
    summary: dict = field(default_factory=dict)

    @property
    def seconds_per_page(self):
        return self.seconds / self.pages if self.pages else 0.0


def _layer(path, table, name=None):
    layer = QgsVectorLayer(f"{path}|layername={table}", name or table, "ogr")
    if not layer.isValid():
        raise AtlasError("layer", *tr("Layer {table} of {name} cannot be opened.", language=BOTH).format(
            table=table, name=Path(path).name))
    layer.setCustomProperty("remix/table", table)
    return layer


def _check_filter(expression):
    parsed = QgsExpression(expression)
    if parsed.hasParserError():
        raise AtlasError("filter", *tr("Invalid filter: {error}", language=BOTH).format(
            error=parsed.parserErrorString()))


def prepare_atlas(gpkg_path, language="it", filter_expression=None, project=None, template_xml=None,
                  basemap=None, chart_folder=None):
    """Build project, layers, coverage and layout for a RE.MIX GeoPackage. Returns an AtlasJob.

    ``basemap``: optional dict (``atlas.basemap.resolve_basemap``) drawn under the card maps.
    ``chart_folder``: where the cards' KPI chart files are written (they must outlive the export;
    ``export_atlas_pdf`` passes a temporary folder). Without it (the layout opened in the designer)
    no file is written and the cards with a chart say it is drawn in the PDF."""
    path = Path(gpkg_path).resolve()
    info = inspect_geopackage(path)  # raises RemixFileError for foreign or broken files
    crs_text = info.crs or "EPSG:32632"
    project = project if project is not None else QgsProject()
    crs = QgsCoordinateReferenceSystem(crs_text)
    project.setCrs(crs)
    names = {"lavori": tr("Physical works", language=language),
             "criticita": tr("Problems", language=language),
             "comuni": tr("Municipalities", language=language)}
    layers = {
        "comuni": _layer(path, "comuni", names["comuni"]),
        "criticita": _layer(path, "criticita", names["criticita"]),
        "lavori": _layer(path, "lavori", names["lavori"]),
        "progetti": _layer(path, "progetti"),
    }
    layers["highlight"] = highlight_layer(f"{path}|layername=comuni", language)
    project.addMapLayers(list(layers.values()), False)
    for table in ("comuni", "criticita", "lavori"):
        apply_default_style(layers[table], table, language)
    add_stato_join(layers["lavori"], layers["progetti"])
    use_vector_hatch(layers["criticita"])
    layers["overview"] = simplified_comuni(layers["comuni"], names["comuni"], language)
    project.addMapLayer(layers["overview"], False)
    extra_sources = ""
    base = basemap_layer(basemap)
    if base is not None:
        layers["basemap"] = base
        outline = _layer(path, "comuni", names["comuni"])
        apply_default_style(outline, "comuni", language)
        outline.setRenderer(QgsSingleSymbolRenderer(outline_symbol("#5A5A5A", 0.35)))
        layers["comuni_main"] = outline  # boundaries only: the base map shows through
        # the usual tints under the base map: where it has no tiles (offline) the card is as ever
        tints = _layer(path, "comuni", names["comuni"])
        apply_default_style(tints, "comuni", language)
        tints.setLabelsEnabled(False)
        layers["comuni_under"] = tints
        project.addMapLayers([base, outline, tints], False)
        words = texts(language)
        extra_sources = f" {words['basemap']}: {basemap.get('name', '')}"
        if basemap.get("attribution"):
            extra_sources += f" ({basemap['attribution']})"
        extra_sources += "."
    collision_free_labels(project)

    cards = read_cards(path, language)
    territory = layers["comuni"].extent()
    territory_wkt = territory.asWktPolygon()
    if filter_expression:
        _check_filter(filter_expression)
        cards = _filtered_cards(cards, filter_expression, crs_text, territory_wkt, language)
    summary = summarise(cards, language)
    coverage = empty_coverage(crs_text)
    project.addMapLayer(coverage, False)
    project.viewSettings().setUseProjectScales(True)
    project.viewSettings().setMapScales(list(PREDEFINED_SCALES))
    layout = build_layout(project, coverage, layers, territory, language)
    if template_xml:
        _apply_template(layout, template_xml, coverage, layers)
    # pages last: what fits on a card is measured on this layout's frames (a planner's too)
    extras = card_extras(path, language, chart_folder)
    fill_coverage(coverage, cards, summary, territory_wkt, language, layout, extra_sources, extras)
    set_atlas_filter(layout, filter_expression)
    return AtlasJob(project, layout, layers, cards, summary, coverage)


def card_extras(gpkg_path, language="it", chart_folder=None):
    """{progetto uuid: coverage values} of the card's monitoring strip: the priority line
    (``cards.priority_text``), the KPI chart file (``charts.card_chart_svg``, written into
    ``chart_folder``) or the note shown instead. A file whose monitoring or priority cannot be
    read prints its cards without them (logged)."""
    from ..monitoring.kpi import kpi_report
    from .cards import priority_texts
    from .charts import KPI_CHART_FIELD, card_chart_rows, card_chart_svg

    words = texts(language)
    extras = {}
    try:
        for uuid, line in priority_texts(gpkg_path, language).items():
            extras.setdefault(uuid, {})["priorita_testo"] = line
    except (RemixError, OSError, ValueError, sqlite3.Error) as error:
        LOG.warning("Atlas: no priority line on the cards (%s)", error)
    try:
        rows = kpi_report(str(gpkg_path)).rows
    except (RemixError, OSError, ValueError, sqlite3.Error) as error:
        LOG.warning("Atlas: no KPI chart on the cards (%s)", error)
        rows = []
    by_project = {}
    for row in rows:
        by_project.setdefault(row.progetto_uuid, []).append(row)
    folder = Path(chart_folder) if chart_folder else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    for uuid, project_rows in by_project.items():
        values = extras.setdefault(uuid, {})
        values[KPI_CHART_FIELD], values["grafico_kpi_nota"] = "", words["kpi_none"]
        if not card_chart_rows(project_rows):
            continue
        if folder is None:
            values["grafico_kpi_nota"] = words["kpi_in_pdf"]
            continue
        target = folder / f"scheda_kpi_{uuid}.svg"
        temp = target.with_name("." + target.name + ".tmp")
        temp.write_text(card_chart_svg(project_rows, language), encoding="utf-8")
        durable_replace(temp, target)
        values[KPI_CHART_FIELD], values["grafico_kpi_nota"] = str(target), ""
    return extras


MAP_LAYERS = {  # layout item id -> layers it shows (re-pointed after loading a saved design)
    "mappa_progetto": ("lavori", "criticita", "comuni_main", "basemap", "comuni_under"),
    "mappa_inquadramento": ("highlight", "overview"),
    "mappa_copertina": ("highlight", "overview"),
    "mappa_riepilogo": ("highlight", "overview"),
}


def _map_layers(item_id, layers):
    """The layers of a map item; ``comuni_main`` is the comuni unless a base map is shown."""
    chosen = []
    for name in MAP_LAYERS[item_id]:
        if name == "comuni_main":
            chosen.append(layers.get("comuni_main", layers["comuni"]))
        elif layers.get(name) is not None:
            chosen.append(layers[name])
    return chosen


def _apply_template(layout, template_xml, coverage, layers):
    """Replace the built items with a planner's saved design, keeping this run's coverage and
    layers: maps and legends found by their item id are pointed at the fresh layers."""
    document = QDomDocument()
    if not document.setContent(template_xml):
        LOG.warning("Stored atlas layout unreadable: using the default design")
        return False
    atlas = layout.atlas()
    sort_expression, page_name = atlas.sortExpression(), atlas.pageNameExpression()
    items, ok = layout.loadFromTemplate(document, QgsReadWriteContext(), True)
    if not ok:
        LOG.warning("Stored atlas layout not loaded: using the default design")
        return False
    for item in layout.items():
        item_id = item.id() if hasattr(item, "id") else ""
        if isinstance(item, QgsLayoutItemMap) and item_id in MAP_LAYERS:
            item.setLayers(_map_layers(item_id, layers))
            item.setKeepLayerSet(True)
    main = layout.itemById("mappa_progetto")
    cover = layout.itemById("mappa_copertina")
    for item in layout.items():
        if not isinstance(item, QgsLayoutItemLegend):
            continue
        if item.id() == "legenda_zone":  # the cover's legend of the zone tints
            if cover is not None:
                item.setLinkedMap(cover)
            group = item.model().rootGroup()
            group.clear()
            group.addLayer(layers["overview"])
        elif main is not None:
            item.setLinkedMap(main)
            if item.id() == "legenda":
                group = item.model().rootGroup()
                group.clear()
                group.addLayer(layers["lavori"])
                group.addLayer(layers["criticita"])
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    atlas.setSortFeatures(True)
    atlas.setSortExpression(sort_expression)
    atlas.setPageNameExpression(page_name)
    return True


def add_atlas_layout(project, gpkg_path, language="it"):
    """Add the atlas (layers, coverage, layout "Atlante RE.MIX") to an open project, for editing
    in the layout designer (main thread). The coverage is a memory layer: saved projects keep the
    design, and every export rebuilds the pages from the data. Returns the layout."""
    return prepare_atlas(gpkg_path, language, project=project).layout


STORED_SORT = '"titolo"'  # the stored layout's coverage is the store's progetti (no "ordine")
STORED_FILENAME = "'atlante_remix_' || lpad(to_string(@atlas_featurenumber), 3, '0')"


def add_stored_layout(project, layers, crs_text, language="it"):
    """Add the layout "Atlante RE.MIX" to a project being stored (``qgis_project.builder.
    build_project(..., with_layout=True)``: the GeoPackage's and the central database's project),
    built by ``build_layout`` on the project's own RE.MIX layers ``{table: layer}``, so the project
    gains no layer and reloads with every layer valid, in plain QGIS too.

    The atlas coverage is the store's ``progetti`` layer (one page per project, the page name its
    title): the pages' texts (the fields of the memory coverage ``progetti_atlante``) are written
    only when printing, where ``stored_layout_xml`` passes this design to ``prepare_atlas``, which
    points it at the coverage and layers it rebuilds from the data (``_apply_template``).
    Returns the layout, or None when the store has no comuni to frame the maps (logged)."""
    comuni = layers["comuni"]
    territory = comuni.extent()
    if territory.isNull() or territory.isEmpty() or not territory.width() or not territory.height():
        LOG.warning("No comuni in the store: the stored project has no atlas layout")
        return None
    own = {"comuni": comuni, "criticita": layers["criticita"], "lavori": layers["lavori"],
           "highlight": comuni, "overview": comuni}  # the print's comuni views are built when printing
    # build_layout reads only the CRS of its coverage: this memory layer never enters the project
    scratch = empty_coverage(crs_text)
    layout = build_layout(project, scratch, own, territory, language)
    _page_kind_of_any_coverage(layout)
    atlas = layout.atlas()
    atlas.setCoverageLayer(layers["progetti"])
    atlas.setSortExpression(STORED_SORT)
    atlas.setFilenameExpression(STORED_FILENAME)
    return layout


PAGE_KIND = '"tipo_pagina"'
# the page kind of the atlas feature; a coverage without it (the store's progetti) prints cards
PAGE_KIND_ANY = "coalesce(attribute(@atlas_feature, 'tipo_pagina'), 'progetto')"
_FIELD = re.compile(r'"([a-z0-9_]+)"')


def _page_kind_of_any_coverage(layout):
    """Each item's "exclude from exports" on the page kind reads its fields from the atlas feature
    (``attribute(@atlas_feature, …)``: null, not an error, when the coverage lacks them), the page
    kind a card when there is none: the stored layout previewed over ``progetti`` in plain QGIS
    shows the card's items only, and prints as before over the print's coverage (tested)."""
    for item in layout.items():
        if not hasattr(item, "dataDefinedProperties"):
            continue
        properties = item.dataDefinedProperties()
        prop = properties.property(QgsLayoutObject.ExcludeFromExports)
        text = prop.expressionString() if prop else ""
        if not text.startswith(PAGE_KIND + " "):
            continue
        text = PAGE_KIND_ANY + text[len(PAGE_KIND):]
        text = _FIELD.sub(lambda match: f"attribute(@atlas_feature, '{match.group(1)}')", text)
        properties.setProperty(QgsLayoutObject.ExcludeFromExports, QgsProperty.fromExpression(text))


def add_poster_layout(project, gpkg_path, language="it"):
    """Add the A3 poster "Poster RE.MIX" (its layers and layout) to an open project, for editing
    in the layout designer (main thread). Returns the layout."""
    from .poster import prepare_poster

    return prepare_poster(gpkg_path, language, project=project)[1]


def save_default_template(gpkg_path, qpt_path, language="it"):
    """Write the default layout, as built from code on ``gpkg_path``, to a .qpt template."""
    from .layout import save_template

    project = QgsProject()
    job = prepare_atlas(gpkg_path, language, project=project)
    try:
        return save_template(job.layout, qpt_path, Path(gpkg_path).resolve())
    finally:
        job.layout = None
        project.clear()


def export_atlas_pdf(gpkg_path, pdf_path, filter_expression=None, feedback=None, language="it",
                     dpi=300, template_xml=None, basemap=None):
    """Render the atlas of ``gpkg_path`` into ``pdf_path`` (atomic). Returns an AtlasResult.

    ``feedback`` (QgsFeedback or QgsProcessingFeedback) receives progress and may cancel: a
    cancelled export raises AtlasError("cancelled") and leaves no file behind. ``basemap``: an
    optional base map under the card maps (``atlas.basemap``); one that does not open is skipped."""
    started = time.perf_counter()
    feedback = feedback if feedback is not None else QgsFeedback()
    _target(pdf_path)  # refuse a missing folder before any work
    # the cards' KPI charts are SVG files (vector in the PDF) that live as long as this export
    with tempfile.TemporaryDirectory(prefix="remix_atlas_kpi_") as chart_folder:
        job = prepare_atlas(gpkg_path, language, filter_expression, template_xml=template_xml,
                            basemap=basemap, chart_folder=chart_folder)
        try:
            target = _write_pdf(job.layout, pdf_path, dpi, feedback, atlas=True)
        finally:
            pages, projects, summary = job.page_count, len(job.cards), job.summary
            job.layout = None
            job.project.clear()
            job = None
    seconds = time.perf_counter() - started
    LOG.info("Atlas PDF written: %s (%d pages, %.1f s)", target, pages, seconds)
    return AtlasResult(target, pages, projects, seconds, summary)


def _target(pdf_path):
    target = Path(pdf_path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    if not target.parent.is_dir():
        raise AtlasError("no_folder", *tr("The folder {folder} does not exist.", language=BOTH).format(
            folder=target.parent))
    return target


def _write_pdf(layout, pdf_path, dpi, feedback, atlas=True):
    """Export ``layout`` (its atlas when ``atlas``) to a temporary file beside the target, then
    move it into place; returns the target path."""
    target = _target(pdf_path)
    if feedback.isCanceled():
        raise AtlasError("cancelled", *tr("Export cancelled.", language=BOTH))
    handle, temp_name = tempfile.mkstemp(prefix="." + target.stem + ".", suffix=".tmp.pdf", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = True  # never a whole map as an image
        settings.simplifyGeometries = True
        settings.exportMetadata = True
        settings.textRenderFormat = _text_format()
        if atlas:
            result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(temp), settings, feedback)
        else:
            result = QgsLayoutExporter(layout).exportToPdf(str(temp), settings)
            error = ""
        if feedback.isCanceled() or result == QgsLayoutExporter.Canceled:
            raise AtlasError("cancelled", *tr("Export cancelled.", language=BOTH))
        if result != QgsLayoutExporter.Success:
            raise AtlasError("export", *tr("PDF export failed: {error}", language=BOTH).format(error=error))
        durable_replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()
    return target


def _filtered_cards(cards, filter_expression, crs_text, territory_wkt, language):
    """The cards whose project fields match ``filter_expression`` (a QGIS expression)."""
    everything = coverage_layer(cards, summarise(cards, language), crs_text, territory_wkt, language)
    request = QgsFeatureRequest(QgsExpression(f"\"tipo_pagina\" = 'progetto' AND ({filter_expression})"))
    kept = {feature["uuid"] for feature in everything.getFeatures(request)}
    return [c for c in cards if c.uuid in kept]


def _text_format():
    """Text as text (searchable, pdftotext-readable), not outlines."""
    return compat.text_render_always_text()


def stored_layout_xml(project, name=LAYOUT_NAME):
    """The XML of a project's atlas layout (call on the main thread), or None."""
    layout = project.layoutManager().layoutByName(name)
    if layout is None:
        return None
    document = QDomDocument()
    document.appendChild(layout.writeXml(document, QgsReadWriteContext()))
    return document.toString()
