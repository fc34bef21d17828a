"""The dock's "Monitoraggio" view on the demo GeoPackage with its illustrative series (screenshots
at 1366×768 and 1920×1080 in tests/artifacts/monitoring/), and remix:kpi_report run for real."""

from __future__ import annotations

import csv

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback
from qgis.PyQt.QtGui import QColor
from view_windows import SIZES, docked_window, shot_folder

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.demo.monitoring import add_monitoring

ICOMA = "ff7e1c1c-8e35-5e1f-8e5b-a363e92b3dd4"
RHO = "4c011878-fe9c-5190-ab5a-56956cd82409"
PERO = "c9963eac-ec8d-56c1-8ed6-f8803ab446e1"


@pytest.fixture()
def demo(tmp_path):
    path = build_demo_geopackage(tmp_path / "demo.gpkg")
    add_monitoring(path)
    return path


@pytest.fixture()
def shots(artifacts_dir):
    return shot_folder(artifacts_dir, "monitoring")


def _pixels_of(image, colour, tolerance=40):
    """How many pixels of ``image`` are within ``tolerance`` of ``colour`` (each channel)."""
    target = QColor(colour)
    count = 0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - target.red()) <= tolerance
                and abs(pixel.green() - target.green()) <= tolerance
                and abs(pixel.blue() - target.blue()) <= tolerance
            ):
                count += 1
    return count


def test_view_shows_each_indicator_against_baseline_and_target(qgis_app, demo, shots):
    from remix_plugin.gui.monitoring_view import MonitoringView

    for width, height in SIZES:
        view = MonitoringView(language="it")
        view.set_source(demo)
        assert view.show_project(RHO)
        assert view.heading.text() == "Indicatori di «Ex scalo merci. Area ATTRACT»: 1"
        assert view.card_texts() == [
            (
                "Attori coinvolti",
                "in ritardo · 50% dell'obiettivo (atteso 62%) · ultimo valore 3 n. (2024-06-30)",
                "partenza 0 (2020-05-04) → obiettivo 6 entro 2026-12-31",
            )
        ]
        window = docked_window(view, width, height, "Monitoraggio", share=0.32)
        image = window.grab()
        assert image.save(str(shots / f"monitoring_late_{width}x{height}.png"))
        chart = view.cards[0].chart
        assert chart.isVisible() and chart.width() > 250
        picture = chart.grab().toImage()
        assert _pixels_of(picture, "#a4262c") > 60  # the late series, in red
        assert _pixels_of(picture, "#1b7a3a") > 40  # the target line and its date marker
        model = chart.model()
        # the series rises (y grows downwards) and ends below the planned path at its date
        ys = [y for _, y, _ in model.points]
        assert ys[0] > ys[-1]
        (x0, y0), (x1, y1) = model.planned
        x, y = model.points[-1][:2]
        assert y > y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        window.close()


def test_view_in_english_lower_is_better_and_a_project_without_measurements(qgis_app, demo, shots):
    from remix_plugin.gui.monitoring_view import MonitoringView

    for width, height in SIZES:
        view = MonitoringView(language="en")
        view.set_source(demo)
        assert view.show_project(PERO)
        assert view.card_texts()[0][:2] == (
            "Suolo impermeabilizzato",
            "on track · 60% of the target (expected 56%) · latest value 58 % (2025-06-30)",
        )
        window = docked_window(view, width, height, "Monitoring", share=0.32)
        assert window.grab().save(str(shots / f"monitoring_on_track_{width}x{height}.png"))
        picture = view.cards[0].chart.grab().toImage()
        assert _pixels_of(picture, "#1f6fb2") > 60  # on track, in blue
        model = view.cards[0].chart.model()
        ys = [y for _, y, _ in model.points]
        assert ys == sorted(ys)  # lower is better: the values fall, drawn downwards
        assert view.show_project(ICOMA) and view.card_texts()[0][1].startswith(
            "achieved · 100% of the target"
        )
        assert not view.show_project("not-a-project") and view.cards == []
        window.close()


def test_view_on_a_project_with_no_measurement(qgis_app, tmp_path):
    from remix_plugin.gui.monitoring_view import MonitoringView

    path = build_demo_geopackage(tmp_path / "demo.gpkg")  # the seed alone: Pero has no measurement
    view = MonitoringView(language="it")
    view.set_source(path)
    assert view.show_project(PERO)
    assert (
        view.heading.text()
        == "«Recupero ex edificio scolastico in piazza Marconi»: nessuna misura degli indicatori."
    )
    assert view.cards == []


def test_kpi_report_algorithm(qgis_app, demo, tmp_path):
    from remix_plugin.processing.algorithms.kpi_report import KpiReportAlgorithm

    algorithm = KpiReportAlgorithm()
    algorithm.initAlgorithm()
    assert algorithm.groupId() == "incubator" and algorithm.name() == "kpi_report"
    output = tmp_path / "kpi.csv"
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    result, ok = algorithm.run({"INPUT": str(demo), "OUTPUT": str(output)}, context, feedback)
    assert ok, feedback.textLog()
    assert (result["ROWS"], result["LATE"]) == (6, 1)
    assert result["OVERVIEW"] == str(tmp_path / "kpi_overview.csv")
    with open(output, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["stato"] for r in rows) == [
        "in_linea",
        "in_linea",
        "in_ritardo",
        "raggiunto",
        "senza_obiettivo",
        "senza_riferimento",
    ]
    with open(result["OVERVIEW"], encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle))[-1]["totale"] == "6"
    _, ok = algorithm.run({"INPUT": str(tmp_path / "missing.gpkg"), "OUTPUT": str(output)}, context, feedback)
    assert not ok
