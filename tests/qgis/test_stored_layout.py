# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""The stored project holds the atlas layout (issue 14): the GeoPackage's and the central
database's stored project, built by the same builder, show "Atlante RE.MIX" in the Layout Manager
of a plain QGIS (no plugin), its atlas enabled over the store's own ``progetti`` layer (valid on
reload, no extra layer), and the dock's print with that stored design gives the same pages as the
design built from code.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -p no:cacheprovider tests/qgis/test_stored_layout.py
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SYSTEM_PYTHON
from qgis.core import QgsApplication, QgsProject
from test_atlas_print import page_text, pdf_pages
from test_one_file import N_LAYERS, stored_xml

from remix_plugin.atlas.layout import LAYOUT_NAME
from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.qgis_project.storage import open_project, project_uri

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_central_support import empty_db, new_login  # noqa: E402,F401

from tests.pg_cluster import host_only  # noqa: E402

PLAIN_LAYOUT_READER = r"""
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsLayoutExporter, QgsLayoutItemMap, QgsProject, QgsRenderContext
app = QgsApplication([], False)
app.initQgis()
project = QgsProject()
report = {"read": project.read(sys.argv[1]), "layers": len(project.mapLayers()),
          "invalid": [l.name() for l in project.mapLayers().values() if not l.isValid()],
          "layouts": [l.name() for l in project.layoutManager().layouts()]}
layout = project.layoutManager().layoutByName(sys.argv[2])
if layout is not None:
    atlas = layout.atlas()
    coverage = atlas.coverageLayer()
    report.update(enabled=atlas.enabled(), coverage_valid=bool(coverage and coverage.isValid()),
                  coverage_source=coverage.source() if coverage else "",
                  coverage_in_project=bool(coverage and project.mapLayer(coverage.id()) is coverage),
                  pages=atlas.updateFeatures(),
                  page_names=[atlas.nameForPage(i) for i in range(atlas.count())],
                  maps={m.id(): [l is not None and l.isValid() for l in m.layers()]
                        for m in layout.items() if isinstance(m, QgsLayoutItemMap)})
    if len(sys.argv) > 3:  # print the first page as plain QGIS does
        atlas.beginRender()
        atlas.first()
        settings = QgsLayoutExporter.PdfExportSettings()
        try:  # QGIS 3.44 (the chroot) / 3.22
            from qgis.core import Qgis
            settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        except AttributeError:
            settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
        report["printed"] = QgsLayoutExporter(layout).exportToPdf(sys.argv[3], settings)
        report["first_page"] = atlas.nameForPage(0)
assert "remix_plugin" not in sys.modules
print("REPORT " + json.dumps(report))
sys.stdout.flush()
os._exit(0)
"""


def plain_read_layout(uri, pdf=None):
    """What QGIS without the plugin (another process) finds in the stored project ``uri``; with
    ``pdf``, the atlas's first page printed there."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    extra = [str(pdf)] if pdf else []
    out = subprocess.run([SYSTEM_PYTHON, "-c", PLAIN_LAYOUT_READER, uri, LAYOUT_NAME, *extra],
                         capture_output=True, text=True, timeout=300, env=env, cwd="/")
    lines = [line for line in out.stdout.splitlines() if line.startswith("REPORT ")]
    assert lines, f"no report (exit {out.returncode}):\n{out.stdout}\n{out.stderr}"
    return json.loads(lines[-1][len("REPORT "):])


@pytest.fixture(scope="module")
def demo(qgis_app, tmp_path_factory):
    return build_demo_geopackage(tmp_path_factory.mktemp("stored_layout") / "Atlante d'area.gpkg",
                                 with_project=True)


def _progetti_titles(path):
    import sqlite3

    connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return sorted(row[0] for row in connection.execute("SELECT titolo FROM progetti"))
    finally:
        connection.close()


def test_plain_qgis_finds_the_atlas_layout_in_the_geopackage(demo, tmp_path):
    report = plain_read_layout(project_uri(demo), tmp_path / "plain.pdf")
    assert report["read"]
    assert report["layers"] == N_LAYERS and report["invalid"] == []  # no extra (memory) layer
    assert LAYOUT_NAME in report["layouts"]
    assert report["enabled"] and report["coverage_valid"] and report["coverage_in_project"]
    assert report["coverage_source"].split("|")[0] == str(Path(demo).resolve())
    assert report["coverage_source"].endswith("layername=progetti")
    titles = _progetti_titles(demo)
    assert report["pages"] == len(titles) == 6
    assert sorted(report["page_names"]) == titles  # one page per project, named by its title
    assert set(report["maps"]) == {"mappa_progetto", "mappa_inquadramento", "mappa_copertina",
                                   "mappa_riepilogo"}
    assert all(report["maps"].values()) and all(all(v) for v in report["maps"].values())
    # plain QGIS prints a card per project: its title and description, not the cover's or
    # summary's items (the page kind of a coverage without one is a card)
    assert report["printed"] == 0 and pdf_pages(tmp_path / "plain.pdf") == 1
    printed = page_text(tmp_path / "plain.pdf", 1)
    assert report["first_page"] in printed and "DESCRIZIONE" in printed
    for other_page in ('[% "continua_testo" %]', '[% "indice" %]', '[% "riepilogo_conteggi" %]'):
        assert other_page not in printed
    document, _styles = stored_xml(demo)
    assert ".tmp" not in document and f'name="{LAYOUT_NAME}"' in document


def _run(task, seconds=300):
    finished = []
    task.on_finished = finished.append
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + seconds
    while not finished and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert finished == [task], "task did not finish"
    assert task.result is not None, task.error_message("en")
    return task


def _largest_difference(first, second, page, folder, dpi=40):
    """The largest difference of one colour channel between the two PDFs' ``page`` rendered by
    pdftoppm (antialiased edges may differ by one level)."""
    from PIL import Image, ImageChops

    images = []
    for side, path in (("a", first), ("b", second)):
        prefix = folder / f"{side}{page}"
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path),
                        str(prefix)], check=True)
        images.append(Image.open(next(folder.glob(f"{side}{page}-*.png"))).convert("RGB"))
    assert images[0].size == images[1].size
    return max(high for _low, high in ImageChops.difference(*images).getextrema())


def test_the_dock_print_with_the_stored_layout_gives_the_same_pages(demo, tmp_path):
    from remix_plugin.atlas.export import export_atlas_pdf, stored_layout_xml
    from remix_plugin.atlas.task import AtlasPdfTask

    project = QgsProject()
    assert open_project(demo, project)
    xml = stored_layout_xml(project)  # what the dock passes (gui/dock_tools.py)
    project.clear()
    assert xml and "mappa_progetto" in xml
    task = _run(AtlasPdfTask(demo, tmp_path / "stored.pdf", template_xml=xml, basemap=""))
    code = export_atlas_pdf(demo, tmp_path / "code.pdf", basemap=None)
    pages = pdf_pages(tmp_path / "stored.pdf")
    assert pages == pdf_pages(code.path) == task.result.pages == 8
    for page in range(1, pages + 1):
        assert page_text(tmp_path / "stored.pdf", page) == page_text(code.path, page), page
        assert _largest_difference(tmp_path / "stored.pdf", code.path, page, tmp_path) <= 2, page
    cards = " ".join(page_text(tmp_path / "stored.pdf", page) for page in range(3, pages + 1))
    for title in _progetti_titles(demo):
        assert title in cards


# -- the central database ---------------------------------------------------------------------
MILANO = "015146"
PROJECT = (
    "INSERT INTO remix.progetti (titolo, comune_istat, ambito_opportunita, scala_impatto, "
    "livello_progettuale, stato_progetto) VALUES (%s, %s, '[\"sociale\"]', 'comunale', 'comunale', "
    "'concluso') RETURNING uuid::text"
)


@host_only
def test_plain_qgis_finds_the_atlas_layout_in_the_database(empty_db, qgis_app, tmp_path, monkeypatch):
    from test_central_project import write_services

    from remix_plugin.qgis_project.central_storage import create_database

    admin = f"remix_admin_{empty_db.name}"
    monkeypatch.setenv("PGSERVICEFILE", str(write_services(tmp_path / "pg_service.conf", empty_db.cluster,
                                                            empty_db.name, [])))
    _info, uri = create_database(f"service={admin}")
    empty_db.query(PROJECT, ("Piazza stampata", MILANO))
    empty_db.query(PROJECT, ("Cortile stampato", MILANO))
    project = QgsProject()  # plain QGIS: no plugin code reads it
    assert project.read(uri), project.error()
    try:
        assert len(project.mapLayers()) == N_LAYERS
        assert all(layer.isValid() for layer in project.mapLayers().values())
        layout = project.layoutManager().layoutByName(LAYOUT_NAME)
        assert layout is not None
        atlas = layout.atlas()
        coverage = atlas.coverageLayer()
        assert atlas.enabled() and coverage is not None and coverage.isValid()
        assert coverage.providerType() == "postgres" and 'table="remix"."progetti"' in coverage.source()
        assert project.mapLayer(coverage.id()) is coverage
        assert atlas.updateFeatures() == 2
        assert sorted(atlas.nameForPage(i) for i in range(atlas.count())) == ["Cortile stampato",
                                                                                "Piazza stampata"]
        main = layout.itemById("mappa_progetto")
        assert main is not None and main.layers() and all(layer.isValid() for layer in main.layers())
        assert all(layer.providerType() == "postgres" for layer in main.layers())
    finally:
        project.clear()
