"""The atlas card's monitoring strip: each measured indicator with a target as a small vector chart
(an SVG file of atlas/charts.py shown by the layout picture ``grafico_indicatori``) and the
"Priorità metropolitana: N su 100 punti (breakdown)" line (priority.score), on the demo with the
illustrative monitoring data of ``make demo`` (demo/monitoring.py). Checked in the PDF: the
chart's labels and the priority line as text (pdftotext; QGIS draws an SVG's texts as
outlines, so the chart's labels are checked on the rendered page), no raster image on the page
(pdfimages), the late series drawn in red inside the strip (pdftoppm), the chart files removed
after the export, and the layout opened for the designer pointing at no file.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/qgis/test_atlas_kpi.py
"""

import subprocess
import tempfile
import unicodedata

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtGui import QColor, QImage

from remix_plugin.atlas import charts
from remix_plugin.atlas.export import add_atlas_layout, export_atlas_pdf
from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.demo.monitoring import add_monitoring
from remix_plugin.priority.score import score_projects

RHO = "4c011878-fe9c-5190-ab5a-56956cd82409"
RHO_TITLE = "Ex scalo merci. Area ATTRACT"
BUSSERO_TITLE = "Cascina Gogna"  # its only indicator has no target: no chart


def page_text(pdf, page):
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", text)  # the "fi" ligature as two letters


def find_page(pdf, pages, needle):
    for page in range(3, pages + 1):
        lines = [line for line in page_text(pdf, page).splitlines() if line.strip()]
        if needle in lines[1]:  # the card's title line, under the atlas's name
            return page
    raise AssertionError(needle)


@pytest.fixture(scope="module")
def monitored(tmp_path_factory):
    gpkg = build_demo_geopackage(tmp_path_factory.mktemp("atlas_kpi") / "remix_demo.gpkg")
    add_monitoring(gpkg)
    return gpkg


@pytest.fixture(scope="module")
def exported(monitored, tmp_path_factory):
    folder = tmp_path_factory.mktemp("atlas_kpi_pdf")
    temp_root = folder / "tmp"
    temp_root.mkdir()
    saved = tempfile.tempdir
    tempfile.tempdir = str(temp_root)  # where the export's chart folder goes, to see it removed
    try:
        result = export_atlas_pdf(monitored, folder / "atlante.pdf")
    finally:
        tempfile.tempdir = saved
    return result, temp_root


def test_card_has_the_priority_line_with_its_breakdown(exported, monitored):
    result, _temp = exported
    page = find_page(result.path, result.pages, RHO_TITLE)
    text = " ".join(page_text(result.path, page).split())
    score = {s.uuid: s for s in score_projects(str(monitored))}[RHO]
    points = f"{score.score:.1f}".removesuffix(".0").replace(".", ",")  # priority.score.score_text
    assert f"Priorità metropolitana: {points} su 100 punti (" in text
    for part in score.parts:  # every criterion with its points out of its weight
        assert f"{part.criterion.label('it')} " in text
    assert "Scala dell'impatto atteso 5/25;" in text and "Appartenenza a una rete 0/10)" in text
    assert "Criticità a cui risponde 13,3/20;" in text  # the decimal comma, as in the total


def test_card_chart_is_vector_with_its_labels_and_the_late_series_in_red(exported, artifacts_dir):
    result, temp_root = exported
    assert result.pages == 8  # the strip takes no page: the same pages as without monitoring
    page = find_page(result.path, result.pages, RHO_TITLE)
    # QGIS draws the SVG's texts as outlines (pdftotext does not read them): the PDF holds no
    # raster for the strip, its red series is on the rendered page, and its title row is inked
    listing = subprocess.run(["pdfimages", "-f", str(page), "-l", str(page), "-list", str(result.path)],
                             capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 2, listing  # the header only: no raster on the page
    folder = artifacts_dir / "atlas_kpi"
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / "scheda_rho"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", "-f", str(page), "-l", str(page),
                    str(result.path), str(prefix)], check=True)
    image = QImage(str(prefix) + ".png")
    assert not image.isNull()
    px = 150 / 25.4
    red = QColor("#a4262c")

    def is_red(x, y):
        colour = image.pixelColor(x, y)
        return (abs(colour.red() - red.red()) < 40 and abs(colour.green() - red.green()) < 40
                and abs(colour.blue() - red.blue()) < 40)

    strip = (12, 133.2, charts.CARD_CHART_WIDTH_MM, charts.CARD_CHART_HEIGHT_MM)
    hits = [(x, y) for y in range(int(125 * px), int(155 * px)) for x in range(int(10 * px), int(200 * px))
            if is_red(x, y)]
    assert len(hits) > 60, len(hits)  # the series, its points and the status line
    left, top, width, height = strip
    assert all(left * px - 2 <= x <= (left + width) * px + 2 and top * px - 2 <= y <= (top + height) * px + 2
               for x, y in hits)
    # the title row of the strip (indicator name, status line): dark and red ink, not blank
    inked = sum(1 for y in range(int(133.2 * px), int(138.2 * px)) for x in range(int(12 * px), int(70 * px))
                if image.pixelColor(x, y).lightness() < 120)
    assert inked > 150, inked
    # the chart files lived as long as the export: nothing is left in the temporary folder
    assert list(temp_root.iterdir()) == []


def test_a_project_without_a_target_gets_no_chart_but_a_note(exported):
    result, _temp = exported
    page = find_page(result.path, result.pages, BUSSERO_TITLE)
    text = page_text(result.path, page)
    assert "Visitatori degli spazi aperti" in text  # in the indicators' text, not as a chart
    assert "Visitatori degli spazi aperti al pubblico (persone/anno)" not in text
    assert "No measured indicator with a target" in text or "Nessun indicatore" in text
    assert "Priorità metropolitana: " in text


def test_layout_for_the_designer_points_at_no_file(monitored):
    project = QgsProject()
    layout = add_atlas_layout(project, monitored, "it")
    picture = layout.itemById("grafico_indicatori")
    assert picture is not None and picture.picturePath() == ""
    coverage = layout.atlas().coverageLayer()
    cards = {f["uuid"]: f for f in coverage.getFeatures() if f["tipo_pagina"] == "progetto"}
    assert all(not f[charts.KPI_CHART_FIELD] for f in cards.values())  # no path kept in the project
    assert cards[RHO]["grafico_kpi_nota"]  # says the chart is drawn in the PDF
    assert cards[RHO]["priorita_testo"].startswith("Priorità metropolitana: ")
    project.clear()


def test_card_chart_svg_lists_only_indicators_with_a_target(monitored):
    from remix_plugin.monitoring.kpi import kpi_report

    rows = kpi_report(str(monitored)).rows
    with_chart = {r.progetto_uuid for r in rows if charts.card_chart_rows([r])}
    assert len(with_chart) == 5  # six projects, Bussero's indicator has no target
    rho = [r for r in rows if r.progetto_uuid == RHO]
    svg = charts.card_chart_svg(rho, "en")
    assert svg.count("<circle") == 3 and "late · 50% of the target" in svg
    assert 'viewBox="0 0 1860 160"' in svg
    assert charts.card_chart_svg([r for r in rows if r.status == "senza_obiettivo"]) == ""
