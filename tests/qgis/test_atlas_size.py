"""The 300-project atlas is light enough to e-mail (issue 17): at most 100 KB a page on average at
300 dpi, no raster anywhere (maps stay sharp at any print resolution), every page there.

Slow (a 300-page PDF: two to six minutes on two shared cores).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/qgis/test_atlas_size.py
"""

import re
import subprocess

import pytest

from remix_plugin.atlas.export import export_atlas_pdf
from remix_plugin.demo.build import build_generated_geopackage

PROJECTS = 300
MAX_KB_PER_PAGE = 100


@pytest.mark.timeout(1800)  # 300 pages: about 6 minutes on two busy cores
def test_300_project_atlas_is_at_most_100_kb_a_page_at_300_dpi(tmp_path):
    gpkg = build_generated_geopackage(tmp_path / "remix_300.gpkg", PROJECTS)
    result = export_atlas_pdf(gpkg, tmp_path / "atlante_300.pdf", dpi=300)
    info = subprocess.run(["pdfinfo", str(result.path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    # cover, summary, the index pages that follow it, one card per project
    index_pages = pages - 2 - PROJECTS
    assert result.projects == PROJECTS and pages == result.pages and 1 <= index_pages <= 3
    kb_per_page = result.path.stat().st_size / pages / 1024
    assert kb_per_page <= MAX_KB_PER_PAGE, f"{kb_per_page:.1f} KB a page"
    images = subprocess.run(["pdfimages", "-list", str(result.path)], capture_output=True, text=True,
                            check=True).stdout
    assert len(images.strip().splitlines()) == 2, images[:500]  # header only: vector maps and hatches
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(result.path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert f"Pagina {pages} di {pages}" in re.sub(r"\s+", " ", last)
