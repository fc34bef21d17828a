"""The atlas as planners print and share it (issue 17): nothing cut, charts on the summary,
indicator progress on the cards, vector maps, an optional base map, group-readable files.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/qgis/test_atlas_print.py
"""

import os
import re
import stat
import subprocess
import unicodedata
import uuid

import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsProject
from qgis.PyQt.QtGui import QImage

from remix_plugin.atlas import charts
from remix_plugin.atlas.basemap import basemap_setting, resolve_basemap
from remix_plugin.atlas.export import export_atlas_pdf, stored_layout_xml
from remix_plugin.atlas.layout import LAYOUT_NAME
from remix_plugin.demo.build import build_demo_geopackage

ogr.UseExceptions()
LAST_WORDS = "ultime parole della descrizione lunghissima del progetto Cornaredo"
LONG_TITLE = ("Recupero ex edificio scolastico in piazza Marconi per servizi civici, culturali e "
              "associativi del quartiere e della città metropolitana")
LONG_DESCRIPTION = (("Il progetto recupera l'ambito industriale dismesso con spazi per start-up, "
                     "laboratori, orti didattici e una corte aperta al quartiere. ") * 13
                    + LAST_WORDS + ".")


def _normal(text):
    """pdftotext output with ligatures undone, whitespace collapsed, "1·1" read as "1 · 1"."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
    return re.sub(r"(\d) ?· ?(\d)", r"\1 · \2", text)


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def page_text(path, first, last=None, layout=False, raw=False):
    # -raw keeps each frame's text in drawing order: newer poppler/QGIS may interleave the two
    # card columns in reading order, which splits a frame's last words.
    options = ["-layout"] if layout else ["-raw"] if raw else []
    out = subprocess.run(["pdftotext", *options, "-f", str(first), "-l", str(last or first), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return _normal(out)


def render(path, page, folder, dpi=60):
    prefix = folder / f"p{page}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path),
                    str(prefix)], check=True)
    image = QImage(str(next(folder.glob(f"p{page}*.png"))))
    assert not image.isNull()
    return image


def _set_field(gpkg, table, where_field, where_value, field, value):
    dataset = ogr.Open(str(gpkg), 1)
    layer = dataset.GetLayerByName(table)
    layer.SetAttributeFilter(f"{where_field} = '{where_value}'")
    feature = layer.GetNextFeature()
    feature.SetField(field, value)
    layer.SetFeature(feature)
    dataset = None


def _add_later_measurement(gpkg, comune_istat, value, date):
    """A second measurement of the first indicator measured for the project of ``comune_istat``."""
    dataset = ogr.Open(str(gpkg), 1)
    progetti = dataset.GetLayerByName("progetti")
    progetti.SetAttributeFilter(f"comune_istat = '{comune_istat}'")
    project_uuid = progetti.GetNextFeature().GetField("uuid")
    misure = dataset.GetLayerByName("misure")
    misure.SetAttributeFilter(f"progetto_uuid = '{project_uuid}'")
    source = misure.GetNextFeature()
    misure.SetAttributeFilter(None)
    feature = ogr.Feature(misure.GetLayerDefn())
    for index in range(source.GetFieldCount()):
        if source.IsFieldSetAndNotNull(index):
            feature.SetField(index, source.GetField(index))
    feature.SetField("uuid", str(uuid.uuid4()))
    feature.SetField("valore", value)
    feature.SetField("data_misura", date)
    misure.CreateFeature(feature)
    dataset = None


def _comune_istat(gpkg, name):
    dataset = ogr.Open(str(gpkg))
    layer = dataset.GetLayerByName("comuni")
    layer.SetAttributeFilter(f"nome = '{name}'")
    return layer.GetNextFeature().GetField("istat")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The demo with Cornaredo's description 1,500 characters long and Cornaredo's indicator
    measured twice (4 → 9 actors)."""
    gpkg = build_demo_geopackage(tmp_path_factory.mktemp("atlas_print") / "remix_demo.gpkg")
    cornaredo = _comune_istat(gpkg, "Cornaredo")
    assert len(LONG_DESCRIPTION) >= 1500
    _set_field(gpkg, "progetti", "comune_istat", cornaredo, "descrizione", LONG_DESCRIPTION)
    _add_later_measurement(gpkg, cornaredo, 9.0, "2021-06-01")
    _set_field(gpkg, "progetti", "comune_istat", _comune_istat(gpkg, "Pero"), "titolo", LONG_TITLE)
    return gpkg


@pytest.fixture(scope="module")
def atlas(planted, tmp_path_factory):
    return export_atlas_pdf(planted, tmp_path_factory.mktemp("atlas_pdf") / "atlante.pdf")


def _find_page(path, pages, needle):
    for page in range(1, pages + 1):
        if needle in page_text(path, page):
            return page
    return None


def test_long_description_continues_and_its_last_words_are_printed(atlas):
    pages = pdf_pages(atlas.path)
    assert pages == atlas.pages == 2 + 6 + 1  # one continuation page, after Cornaredo's card
    everything = page_text(atlas.path, 1, pages)
    assert LAST_WORDS in everything
    card = _find_page(atlas.path, pages, "ARU ex ICOMA Cornaredo")
    assert card is not None
    card_text = page_text(atlas.path, card)
    assert f"continua a pagina {card + 1}" in card_text  # visibly marked where it is cut
    assert LAST_WORDS not in card_text
    following = page_text(atlas.path, card + 1)
    assert "ARU ex ICOMA (segue)" in following and "DESCRIZIONE (segue)" in following
    assert LAST_WORDS in following
    # the next project's card starts after the continuation, and the index says so
    summary = page_text(atlas.path, 2, layout=True)
    assert f"{card} Cornaredo — ARU ex ICOMA" in summary
    assert f"{card + 2} Pero —" in summary
    assert "Pero" in page_text(atlas.path, card + 2)


def test_every_text_of_every_card_is_printed_whole(atlas, planted):
    from remix_plugin.atlas.cards import read_cards

    everything = page_text(atlas.path, 1, atlas.pages, raw=True)
    for card in read_cards(planted):
        for name in ("descrizione", "obiettivi", "fasi_testo", "attori_testo", "lavori_testo"):
            text = _normal(card.values[name])
            tail = " ".join(text.split()[-4:])
            assert tail in everything, (card.comune, name, tail)


def test_summary_has_vector_bar_charts_in_the_scheme_colours(atlas, tmp_path):
    summary = page_text(atlas.path, 2, layout=True)
    for label in ("PROGETTI PER ZONA OMOGENEA", "Nord Ovest 4 · 4", "Adda Martesana 1 · 1",
                  "Magentino e Abbiatense 0 · 0", "PROGETTI PER AMBITO DI OPPORTUNITÀ", "Urbanistico 4",
                  "INTERVENTI PER TIPO", "Riuso (lavori) 4", "Sociale (azioni) 1", "Lavori: 8"):
        assert label in summary, label
    # bars are vector shapes: the page holds no image at all
    listing = subprocess.run(["pdfimages", "-list", "-f", "2", "-l", "2", str(atlas.path)],
                             capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 2, listing
    image = render(atlas.path, 2, tmp_path, dpi=100)
    px = 100 / 25.4
    # "Urbanistico" is the longest ambito bar (4 of 4): its colour spans most of the bar room
    bar_room = 90 - charts.LABEL_MM - charts.VALUE_MM - 1.0
    row_y = 54 + charts.ROW_MM / 2
    colour = charts.ambito_colour("urbanistico").lower()
    hits = sum(1 for step in range(int(bar_room)) if image.pixelColor(
        int((108 + charts.LABEL_MM + step + 0.5) * px), int(row_y * px)).name() == colour)
    assert hits > 0.8 * bar_room, hits
    # "Paesistico" (1 of 4) is a quarter as long
    row_y = 54 + 3 * charts.ROW_MM + charts.ROW_MM / 2
    colour = charts.ambito_colour("paesistico").lower()
    hits = sum(1 for step in range(int(bar_room)) if image.pixelColor(
        int((108 + charts.LABEL_MM + step + 0.5) * px), int(row_y * px)).name() == colour)
    assert 0.15 * bar_room < hits < 0.35 * bar_room, hits


def test_a_title_longer_than_the_header_ends_visibly(atlas):
    page = _find_page(atlas.path, atlas.pages, "Recupero ex edificio scolastico in piazza Marconi per")
    header = page_text(atlas.path, page).split(" Pero ·")[0]
    assert header.endswith(" ..."), header  # "…" after NFKC
    assert "della città metropolitana" not in header


def test_card_shows_the_progress_of_a_measured_indicator(atlas):
    card = _find_page(atlas.path, atlas.pages, "ARU ex ICOMA Cornaredo")
    text = page_text(atlas.path, card)
    assert "Attori coinvolti: 4 → 9 n. (+5; 04/05/2020 → 01/06/2021)" in text, text
    assert "▁█" in text  # the sparkline of the two measurements


def test_maps_are_vector_and_the_pdf_is_group_readable(atlas):
    listing = subprocess.run(["pdfimages", "-list", str(atlas.path)], capture_output=True, text=True,
                             check=True).stdout
    assert len(listing.strip().splitlines()) == 2, listing  # header only: no raster anywhere
    mode = stat.S_IMODE(os.stat(atlas.path).st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask, oct(mode)
    assert mode & stat.S_IRGRP, oct(mode)


def test_criticita_hatch_is_drawn_on_the_card_map(atlas, tmp_path):
    card = _find_page(atlas.path, atlas.pages, "ARU ex ICOMA Cornaredo")
    image = render(atlas.path, card, tmp_path, dpi=100)
    px = 100 / 25.4
    purple = 0
    for y in range(int(36 * px), int(139 * px)):
        for x in range(int(12 * px), int(136 * px), 2):
            colour = image.pixelColor(x, y)
            if colour.red() > 170 and colour.blue() > 120 and colour.green() < 150:
                purple += 1
    assert purple > 200, purple  # the reddish-purple hatch lines of the criticità


def _geotiff(path, extent, colour=(200, 30, 30)):
    """A small RGB GeoTIFF (EPSG:32632) covering ``extent`` (xmin, ymin, xmax, ymax)."""
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(str(path), 64, 64, 3, gdal.GDT_Byte)
    xmin, ymin, xmax, ymax = extent
    dataset.SetGeoTransform((xmin, (xmax - xmin) / 64, 0, ymax, 0, -(ymax - ymin) / 64))
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(32632)
    dataset.SetProjection(reference.ExportToWkt())
    for band, value in zip((1, 2, 3), colour):
        dataset.GetRasterBand(band).Fill(value)
    dataset = None
    return path


def test_optional_base_map_is_drawn_under_the_card_map_and_credited(planted, tmp_path):
    dataset = ogr.Open(str(planted))
    xmin, xmax, ymin, ymax = dataset.GetLayerByName("comuni").GetExtent()
    dataset = None
    tiff = _geotiff(tmp_path / "base.tif", (xmin, ymin, xmax, ymax))
    project = QgsProject()
    project.writeEntry("remix", "atlas_basemap", f"gdal|{tiff}|Ortofoto di prova|© Prova")
    basemap = basemap_setting(project)
    assert basemap["provider"] == "gdal" and basemap["name"] == "Ortofoto di prova"
    # or the base map the dock added (custom property remix/basemap), while it is visible
    from qgis.core import QgsRasterLayer

    docked = QgsProject()
    layer = QgsRasterLayer(str(tiff), "Ortofoto del pannello", "gdal")
    layer.setCustomProperty("remix/basemap", "ortofoto_rl")
    layer.setAttribution("© Regione Lombardia")
    docked.addMapLayer(layer)
    assert basemap_setting(docked)["name"] == "Ortofoto del pannello"
    docked.layerTreeRoot().findLayer(layer.id()).setItemVisibilityChecked(False)
    assert basemap_setting(docked) is None
    docked.writeEntry("remix", "atlas_basemap", "none")
    docked.layerTreeRoot().findLayer(layer.id()).setItemVisibilityChecked(True)
    assert basemap_setting(docked) is None  # "none": the planner asked for no base map
    result = export_atlas_pdf(planted, tmp_path / "con_base.pdf", "\"comune\" = 'Rho'", basemap=basemap)
    text = page_text(result.path, 3)
    assert "Base cartografica: Ortofoto di prova (© Prova)." in text
    image = render(result.path, 3, tmp_path, dpi=50)
    px = 50 / 25.4
    red = sum(1 for y in range(int(40 * px), int(135 * px), 2) for x in range(int(16 * px), int(132 * px), 2)
              if image.pixelColor(x, y).red() > 150 and image.pixelColor(x, y).green() < 90)
    assert red > 300, red  # the base map shows through the comuni boundaries
    # a base map that does not open (offline, wrong path) is skipped: the card prints as always
    missing = resolve_basemap(f"gdal|{tmp_path / 'assente.tif'}|Assente")
    result = export_atlas_pdf(planted, tmp_path / "senza_base.pdf", "\"comune\" = 'Rho'", basemap=missing)
    assert result.pages == 3 and "Base cartografica" not in page_text(result.path, 3)


def test_a_preset_of_the_dock_is_a_base_map_choice():
    project = QgsProject()
    project.writeEntry("remix", "atlas_basemap", "osm")
    basemap = basemap_setting(project)
    assert basemap["provider"] == "wms" and "type=xyz" in basemap["uri"]
    assert "OpenStreetMap" in basemap["attribution"]
    assert resolve_basemap("nessuna_mappa_con_questo_nome") is None  # unknown: cards without


def test_planner_resized_description_frame_is_measured_on_the_design(planted, tmp_path):
    from qgis.core import QgsLayoutSize

    from remix_plugin.atlas.export import add_atlas_layout

    project = QgsProject()
    layout = add_atlas_layout(project, planted, "it")
    frame = layout.itemById("testo_descrizione")
    size = frame.sizeWithUnits()
    frame.attemptResize(QgsLayoutSize(size.width(), 80.0, size.units()))  # a taller frame
    legend = layout.itemById("fonti")
    legend.setText("Fonti riviste dal pianificatore")
    xml = stored_layout_xml(project)
    project.clear()
    result = export_atlas_pdf(planted, tmp_path / "riprogettato.pdf", "\"comune\" = 'Cornaredo'",
                              template_xml=xml)
    # 80 mm hold the whole description: no continuation page, the planner's text kept
    assert result.pages == 3
    card = page_text(result.path, 3)
    assert LAST_WORDS in card and "Fonti riviste dal pianificatore" in card
    assert LAYOUT_NAME == "Atlante RE.MIX"


def _label_boxes(pdf, page, area_mm):
    """Boxes (points) of the text lines pdftotext finds inside ``area_mm`` (x, y, w, h) of a page."""
    import html

    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    scale = 72 / 25.4
    x0, y0, w, h = (value * scale for value in area_mm)
    lines = {}
    for m in re.findall(pattern, out):
        left, top, right, bottom = map(float, m[:4])
        if left >= x0 and right <= x0 + w and top >= y0 and bottom <= y0 + h and html.unescape(m[4]).strip():
            lines.setdefault((round(top, 1), round(bottom, 1)), []).append((left, right))
    boxes = []
    for (top, bottom), spans in lines.items():
        spans.sort()
        start, end = spans[0]
        for left, right in spans[1:]:
            if left - end > 6:
                boxes.append((start, top, end, bottom))
                start = left
            end = max(end, right)
        boxes.append((start, top, end, bottom))
    return boxes


def test_labels_on_the_card_maps_do_not_collide(atlas):
    for needle in ("Cascina Gogna Bussero", "Casa dei Castanesi Castano Primo", "ARU ex ICOMA Cornaredo"):
        page = _find_page(atlas.path, atlas.pages, needle)
        for area in ((12, 36, 124, 103), (141, 41, 57, 54)):  # the project map, the overview
            boxes = _label_boxes(atlas.path, page, area)
            overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5
                        and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]
            assert not overlaps, (needle, area, overlaps)
        assert _label_boxes(atlas.path, page, (12, 36, 124, 103)), needle  # the lavori are labelled
