"""The KPI charts for the atlas card: one SVG file per project (monitoring.chart), shown by a layout
picture whose source is a coverage field, vector in the PDF (no raster image), the late series in
red where the chart is. The card of atlas/layout.py does not place the picture yet (docs/monitoring.md)."""

from __future__ import annotations

import subprocess
import xml.dom.minidom

from qgis.core import QgsFeature, QgsField, QgsLayoutExporter, QgsPrintLayout, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QColor, QImage

from remix_plugin.compat import field_type
from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.demo.monitoring import add_monitoring

RHO = "4c011878-fe9c-5190-ab5a-56956cd82409"


def test_kpi_chart_is_a_vector_picture_in_the_pdf(qgis_app, tmp_path, artifacts_dir):
    from remix_plugin.atlas import charts
    from remix_plugin.atlas.layout import _Builder

    demo = build_demo_geopackage(tmp_path / "demo.gpkg")
    add_monitoring(demo)
    paths = charts.write_kpi_charts(demo, tmp_path / "grafici", "it")
    assert len(paths) == 6 and RHO in paths
    document = xml.dom.minidom.parse(paths[RHO])
    assert len(document.getElementsByTagName("circle")) == 3
    assert "in ritardo" in document.toxml()

    coverage = QgsVectorLayer("None", "coverage", "memory")
    coverage.dataProvider().addAttributes(
        [QgsField("tipo_pagina", field_type("text")), QgsField(charts.KPI_CHART_FIELD, field_type("text"))]
    )
    coverage.updateFields()
    feature = QgsFeature(coverage.fields())
    feature.setAttributes(["progetto", paths[RHO]])
    coverage.dataProvider().addFeatures([feature])
    layout = QgsPrintLayout(QgsProject.instance())
    layout.initializeDefaults()
    builder = _Builder(layout, "it")
    charts.add_kpi_picture(builder, 20, 20, 90, 40, ["progetto"])
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    pdf = tmp_path / "kpi.pdf"
    atlas.beginRender()
    atlas.first()
    result = QgsLayoutExporter(layout).exportToPdf(str(pdf), QgsLayoutExporter.PdfExportSettings())
    atlas.endRender()
    assert result == QgsLayoutExporter.Success
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert len(listing.strip().splitlines()) == 2, listing  # header lines only: no raster image
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    folder = artifacts_dir / "monitoring"
    folder.mkdir(parents=True, exist_ok=True)
    image.save(str(folder / "atlas_kpi_chart.png"))
    px = 100 / 25.4
    red = QColor("#a4262c")
    hits = [
        (x, y)
        for y in range(int(15 * px), int(65 * px))
        for x in range(int(15 * px), int(115 * px))
        if abs(image.pixelColor(x, y).red() - red.red()) < 40
        and abs(image.pixelColor(x, y).green() - red.green()) < 40
        and abs(image.pixelColor(x, y).blue() - red.blue()) < 40
    ]
    assert len(hits) > 50  # the late series, inside the picture's box (20..110 × 20..60 mm)
    assert all(20 * px - 2 <= x <= 110 * px + 2 and 20 * px - 2 <= y <= 60 * px + 2 for x, y in hits)
