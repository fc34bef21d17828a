"""The A3 poster of the whole programme (issue 17): every project a symbol coloured by its main
ambito, titles placed by the label engine without overlaps, the scheme's legend, comuni with
projects marked; editable layout; Processing output.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/qgis/test_atlas_poster.py
"""

import html
import re
import subprocess
import unicodedata

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject
from qgis.PyQt.QtGui import QImage

from remix_plugin.atlas import charts
from remix_plugin.atlas.export import stored_layout_xml
from remix_plugin.atlas.poster import MAP_MM, POSTER_NAME, export_poster_pdf, prepare_poster
from remix_plugin.demo.build import build_demo_geopackage, build_generated_geopackage
from remix_plugin.taxonomy import load_scheme

PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return build_generated_geopackage(tmp_path_factory.mktemp("poster") / "remix_60.gpkg", 60)


@pytest.fixture(scope="module")
def poster(generated, tmp_path_factory):
    return export_poster_pdf(generated, tmp_path_factory.mktemp("poster_pdf") / "poster.pdf")


def _words(pdf):
    """(text, x0, y0, x1, y1) in points of every word pdftotext finds."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [(unicodedata.normalize("NFKC", html.unescape(m[4])), *map(float, m[:4]))
            for m in re.findall(pattern, out)]


def test_poster_is_one_a3_landscape_page_with_legend_and_counts(poster):
    info = subprocess.run(["pdfinfo", str(poster.path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert round(width / PT_PER_MM) == 420 and round(height / PT_PER_MM) == 297
    text = " ".join(word for word, *_box in _words(poster.path))
    assert "60 progetti" in text
    for term in load_scheme().dimension("ambito_opportunita").terms:
        assert term.label("it") in text, term.code  # the legend is the scheme's ambiti
    assert "Comuni con progetti" in text and "ISTAT" in text


def test_poster_map_shows_a_symbol_per_project_in_the_ambito_colours(poster, tmp_path):
    prefix = tmp_path / "poster"
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(poster.path), str(prefix)], check=True)
    image = QImage(str(next(tmp_path.glob("poster*.png"))))
    px = 60 / 25.4
    x0, y0, w, h = MAP_MM
    colours = {charts.ambito_colour(code).lower(): 0 for code in ("urbanistico", "sociale")}
    for y in range(int(y0 * px), int((y0 + h) * px)):
        for x in range(int(x0 * px), int((x0 + w) * px)):
            name = image.pixelColor(x, y).name()
            if name in colours:
                colours[name] += 1
    # the generated projects' main ambiti are urbanistico and sociale (the demo cards cycled)
    assert all(count > 60 for count in colours.values()), colours


def test_poster_labels_are_readable_and_never_overlap(poster):
    x0, y0, w, h = (value * PT_PER_MM for value in MAP_MM)
    inside = [word for word in _words(poster.path)
              if word[1] >= x0 and word[3] <= x0 + w and word[2] >= y0 and word[4] <= y0 + h]
    assert len(inside) > 60  # titles placed in the map (some left out where there is no room)
    for word, _left, top, _right, bottom in inside:
        assert bottom - top >= 5.5, (word, bottom - top)  # 6.5 pt text, not a speck
    lines = {}
    for _word, left, top, right, bottom in inside:  # words of one label line share top and bottom
        lines.setdefault((round(top, 1), round(bottom, 1)), []).append((left, right))
    boxes = []
    for (top, bottom), spans in lines.items():
        spans.sort()
        start, end = spans[0]
        for left, right in spans[1:]:
            if left - end > 6:  # another label on the same baseline
                boxes.append((start, top, end, bottom))
                start = left
            end = max(end, right)
        boxes.append((start, top, end, bottom))
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]
    assert not overlaps, overlaps[:3]


def test_poster_layout_is_editable_and_a_planner_design_is_printed(generated, tmp_path):
    project = QgsProject()
    _project, layout, _summary = prepare_poster(generated, "it", project=project)
    assert project.layoutManager().layoutByName(POSTER_NAME) is layout
    layout.itemById("nota").setText("Nota del pianificatore per il consiglio metropolitano")
    xml = stored_layout_xml(project, POSTER_NAME)
    project.clear()
    result = export_poster_pdf(generated, tmp_path / "poster_modificato.pdf", template_xml=xml)
    text = " ".join(word for word, *_box in _words(result.path))
    assert "Nota del pianificatore per il consiglio metropolitano" in text
    assert "Urbanistico" in text


def test_processing_writes_the_poster_beside_the_atlas(tmp_path):
    from remix_plugin.processing.algorithms.atlas_pdf import AtlasPdfAlgorithm

    demo = build_demo_geopackage(tmp_path / "demo.gpkg")
    algorithm = AtlasPdfAlgorithm()
    algorithm.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    results, ok = algorithm.run({"INPUT": str(demo), "OUTPUT": str(tmp_path / "atlante.pdf"),
                                 "POSTER": str(tmp_path / "poster.pdf")}, context, feedback)
    assert ok, feedback.textLog()
    assert results["POSTER"] == str(tmp_path / "poster.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "poster.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Casa dei Castanesi" in text or "Cascina Gogna" in text
    results, ok = algorithm.run({"INPUT": str(demo), "OUTPUT": str(tmp_path / "solo_atlante.pdf")},
                                context, feedback)
    assert ok and "POSTER" not in results


def test_task_renders_atlas_and_poster_in_a_worker_thread(tmp_path):
    import time

    from qgis.core import QgsApplication

    from remix_plugin.atlas.task import AtlasPdfTask

    demo = build_demo_geopackage(tmp_path / "demo.gpkg")
    finished = []
    task = AtlasPdfTask(demo, tmp_path / "atlante.pdf", on_finished=finished.append,
                        poster_path=tmp_path / "poster.pdf")
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + 180
    while not finished and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert finished and task.result is not None, task.error_message("en")
    text = " ".join(word for word, *_box in _words(tmp_path / "poster.pdf"))
    assert "6 progetti" in text and "Urbanistico" in text
