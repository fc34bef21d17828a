"""The atlas of opportunities: PDF pages, texts, maps, filter, cancel, QgsTask, Processing, and the
layout kept in a project (QGIS, offscreen; poppler-utils' pdfinfo/pdftotext/pdftoppm).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/qgis/test_atlas.py
"""

import re
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeedback,
    QgsLayoutItemLabel,
    QgsPrintLayout,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsReadWriteContext,
)
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtXml import QDomDocument

from remix_plugin.atlas.export import (
    AtlasError,
    add_atlas_layout,
    export_atlas_pdf,
    stored_layout_xml,
)
from remix_plugin.atlas.layout import LAYOUT_NAME
from remix_plugin.atlas.task import AtlasPdfTask
from remix_plugin.demo import catalogue
from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.taxonomy import load_scheme

TEMPLATE = Path(__file__).resolve().parents[2] / "remix_plugin" / "atlas" / "templates" / "atlante_remix.qpt"
# zona omogenea order of the scheme, then comune: the expected order of the project pages
EXPECTED_ORDER = ["Bussero", "Castano Primo", "Cornaredo", "Pero", "Pogliano Milanese", "Rho"]
ATTRIBUTION = "© ISTAT, elaborazione openpolis (CC-BY 4.0)"


def _normal(text):
    """pdftotext output with ligatures undone (ﬁ -> fi) and whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def page_text(path, page):
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return _normal(out)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build_demo_geopackage(tmp_path_factory.mktemp("atlas") / "remix_demo.gpkg")


@pytest.fixture(scope="module")
def atlas_pdf(demo, tmp_path_factory):
    return export_atlas_pdf(demo, tmp_path_factory.mktemp("pdf") / "atlante.pdf")


def test_cover_summary_and_one_page_per_project(atlas_pdf):
    assert atlas_pdf.path.is_file()
    assert pdf_pages(atlas_pdf.path) == atlas_pdf.pages == 2 + 6
    cover = page_text(atlas_pdf.path, 1)
    assert "Atlante delle opportunità RE.MIX" in cover
    assert "6 comuni coinvolti, 6 progetti" in cover
    summary = page_text(atlas_pdf.path, 2)
    assert "Riepilogo" in summary
    compact = summary.replace(" · ", "·")  # bar charts: term, bar, "comuni · progetti"
    assert "Nord Ovest 4·4" in compact and "Adda Martesana 1·1" in compact
    assert "Lavori: 8" in summary and "Azioni: 3" in summary
    assert "Urbanistico 4" in summary  # per ambito di opportunità
    for page in (1, 2):
        assert ATTRIBUTION in page_text(atlas_pdf.path, page)


def test_project_pages_have_title_comune_and_italian_classification(atlas_pdf):
    scheme = load_scheme()
    cards = {c["comune"]: c for c in catalogue.PROGETTI}
    for page, comune in enumerate(EXPECTED_ORDER, start=3):
        text = page_text(atlas_pdf.path, page)
        card = cards[comune]
        assert _normal(card["titolo"]) in text, (page, card["titolo"])
        assert comune in text
        assert f"Pagina {page} di 8" in text
        assert ATTRIBUTION in text
        for dimension, code in (("localizzazione", card["localizzazione"]),
                                ("scala_impatto", card["scala_impatto"]),
                                ("livello_progettuale", card["livello_progettuale"]),
                                ("livello_rigenerazione", card["livello_rigenerazione"]),
                                ("stato_progetto", card["stato_progetto"])):
            assert scheme.dimension(dimension).label_of(code, "it") in text, (comune, dimension)
        ambiti = ", ".join(scheme.dimension("ambito_opportunita").label_of(c, "it")
                           for c in card["ambito_opportunita"])
        assert ambiti in text, (comune, ambiti)
        assert "frangia_urbana" not in text and "ricognizione_remix" not in text  # labels, not codes
        assert "Ricognizione RE.MIX" in text


def test_phases_actors_and_indicators_on_their_cards(atlas_pdf):
    castano = page_text(atlas_pdf.path, 3 + EXPECTED_ORDER.index("Castano Primo"))
    positions = [castano.index(f"FASE {n} (") for n in ("I", "II", "III")]
    assert positions == sorted(positions)
    assert "FASE I (In corso)" in castano and "FASE III (Prevista)" in castano
    assert "Fasi concluse: 0 n. (04/05/2020)" in castano
    cornaredo = page_text(atlas_pdf.path, 3 + EXPECTED_ORDER.index("Cornaredo"))
    for name in ("Fondazione Cariplo", "Coldiretti", "Istituto Alberghiero Olmo", "K-City"):
        assert name in cornaredo
    assert "Start-up e imprese agro-alimentari" in cornaredo
    rho = page_text(atlas_pdf.path, 3 + EXPECTED_ORDER.index("Rho"))
    assert "RFI — Pubblico, partner" in rho
    assert "Attori privati da attrarre — Privati, da attrarre" in rho


def _region_stats(image, x_mm, y_mm, w_mm, h_mm, dpi):
    px = dpi / 25.4
    values, coloured = [], 0
    for y in range(int(y_mm * px) + 2, int((y_mm + h_mm) * px) - 2, 2):
        for x in range(int(x_mm * px) + 2, int((x_mm + w_mm) * px) - 2, 2):
            colour = image.pixelColor(x, y)
            values.append(colour.lightness())
            if colour.hsvSaturation() > 90:
                coloured += 1
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    return variance, coloured / len(values)


def test_map_area_of_a_project_page_is_not_blank(atlas_pdf, tmp_path):
    page = 3 + EXPECTED_ORDER.index("Cornaredo")
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page), str(atlas_pdf.path),
                    str(prefix)], check=True)
    png = next(tmp_path.glob("page*.png"))
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 350
    variance, coloured = _region_stats(image, 12, 36, 124, 103, 50)  # the project map
    assert variance > 100, variance
    assert coloured > 0.02, coloured  # the lavoro's fill (Okabe-Ito) is there
    variance, _ = _region_stats(image, 141, 41, 57, 54, 50)  # the metropolitan overview
    assert variance > 100


def test_filter_keeps_cover_and_summary_and_counts_only_the_selection(demo, tmp_path):
    result = export_atlas_pdf(demo, tmp_path / "nord_ovest.pdf", "\"zona_omogenea\" = 'nord_ovest'")
    assert result.projects == 4 and pdf_pages(result.path) == 6
    assert "4 comuni coinvolti, 4 progetti" in page_text(result.path, 1)
    assert "Cornaredo" in page_text(result.path, 3)
    with pytest.raises(AtlasError) as error:
        export_atlas_pdf(demo, tmp_path / "bad.pdf", "\"titolo\" = ")
    assert error.value.code == "filter"
    assert not (tmp_path / "bad.pdf").exists()


def test_cancelled_export_leaves_no_file(demo, tmp_path):
    feedback = QgsFeedback()
    feedback.cancel()
    with pytest.raises(AtlasError) as error:
        export_atlas_pdf(demo, tmp_path / "cancelled.pdf", feedback=feedback)
    assert error.value.code == "cancelled"
    assert list(tmp_path.iterdir()) == []


def test_qgstask_renders_in_a_worker_thread(demo, tmp_path):
    finished = []
    task = AtlasPdfTask(demo, tmp_path / "task.pdf", on_finished=finished.append)
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + 180
    while not finished and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert finished, "task did not finish"
    assert task.result is not None, task.error_message("en")
    assert pdf_pages(tmp_path / "task.pdf") == 8


def test_processing_algorithm(demo, tmp_path):
    from remix_plugin.processing.algorithms.atlas_pdf import AtlasPdfAlgorithm

    algorithm = AtlasPdfAlgorithm()
    algorithm.initAlgorithm()
    assert algorithm.name() == "atlas_pdf"
    output = tmp_path / "alg.pdf"
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    results, ok = algorithm.run({"INPUT": str(demo), "OUTPUT": str(output),
                                 "FILTER": "\"comune\" = 'Rho'"}, context, feedback)
    assert ok, feedback.textLog()
    assert results["PAGES"] == 3 and results["PROJECTS"] == 1
    assert pdf_pages(output) == 3
    assert "Ex scalo merci. Area ATTRACT" in page_text(output, 3)


def test_layout_is_stored_in_the_project_and_planner_edits_are_printed(demo, tmp_path):
    project = QgsProject()
    layout = add_atlas_layout(project, demo, "it")
    assert layout.atlas().enabled() and layout.atlas().coverageLayer().featureCount() == 8
    sources = layout.itemById("fonti")
    assert isinstance(sources, QgsLayoutItemLabel)
    sources.setText("Fonte modificata dal pianificatore")
    qgz = tmp_path / "progetto.qgz"
    assert project.write(str(qgz))
    project.clear()
    reopened = QgsProject()
    assert reopened.read(str(qgz))
    stored = reopened.layoutManager().layoutByName(LAYOUT_NAME)
    assert stored is not None and stored.atlas().enabled()
    assert stored.itemById("mappa_progetto") is not None
    xml = stored_layout_xml(reopened)
    reopened.clear()
    result = export_atlas_pdf(demo, tmp_path / "edited.pdf", template_xml=xml)
    assert result.pages == 8
    card = page_text(result.path, 4)
    assert "Fonte modificata dal pianificatore" in card
    assert "Casa dei Castanesi" in card


def test_shipped_template_loads_in_the_layout_designer_model():
    document = QDomDocument()
    assert document.setContent(TEMPLATE.read_text(encoding="utf-8"))
    project = QgsProject()
    layout = QgsPrintLayout(project)
    _items, ok = layout.loadFromTemplate(document, QgsReadWriteContext())
    assert ok
    for item_id in ("mappa_progetto", "mappa_inquadramento", "legenda", "scala", "nord", "pagina", "fonti"):
        assert layout.itemById(item_id) is not None, item_id
    page = layout.pageCollection().page(0)
    assert round(page.pageSize().width()) == 210 and round(page.pageSize().height()) == 297


def test_english_atlas_uses_english_labels(demo, tmp_path):
    result = export_atlas_pdf(demo, tmp_path / "atlas_en.pdf", "\"comune\" = 'Bussero'", language="en")
    assert result.pages == 3
    assert "RE.MIX atlas of opportunities" in page_text(result.path, 1)
    card = page_text(result.path, 3)
    assert "Cascina Gogna" in card and "Urban fringe" in card and "Inter-municipal" in card
    assert "Page 3 of 3" in card
