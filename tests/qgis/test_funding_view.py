"""The dock's "Bandi compatibili" view on the demo GeoPackage with its two illustrative calls
(screenshots at 1366×768 and 1920×1080 in tests/artifacts/funding/), and remix:match_funding run
for real."""

from __future__ import annotations

import csv

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback
from view_windows import SIZES, docked_window, save_shot, shot_folder

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.demo.funding import DEMO_DATE, call_uuid, write_calls
from remix_plugin.layers.model import load_model

# Skipped only where the data model has no bandi table (a checkout before the integration).
INTEGRATED = load_model().has_table("bandi")
pytestmark = pytest.mark.skipif(not INTEGRATED, reason="the bandi table is not in the data model yet")

CASTANESI = "51886fd4-e04e-58b2-8ae3-703f74eb4792"


@pytest.fixture()
def demo(tmp_path):
    path = build_demo_geopackage(tmp_path / "demo.gpkg")
    write_calls(path)
    return path


@pytest.fixture()
def shots(artifacts_dir):
    return shot_folder(artifacts_dir, "funding")


def test_project_view_lists_the_calls_with_reasons(qgis_app, demo, shots):
    from remix_plugin.gui.funding_view import FundingView

    for width, height in SIZES:
        view = FundingView(language="it")
        view.set_source(demo, DEMO_DATE)
        assert view.show_project(CASTANESI)
        assert view.heading.text() == "Bandi compatibili con «Casa dei Castanesi»: 1 idonei su 2 aperti"
        rows = view.row_texts()
        assert [r[0] for r in rows] == [
            "1. ILLUSTRATIVO — Fondazione: spazi di comunità (chiude 2026-10-15)",
            "2. ILLUSTRATIVO — Bando regionale per la rigenerazione urbana 2026 (chiude 2026-11-30)",
        ]
        assert [r[1] for r in rows] == ["✔ idoneo", "✘ 6/8"]
        assert rows[0][2][0] == ("Beneficiario: proponente ammesso: Comune", "✔")
        assert ("Importo: costo stimato mancante (limiti € 200.000 – € 3.000.000)", "✘") in rows[1][2]
        window = docked_window(view, width, height, "Bandi compatibili")
        save_shot(window, shots / f"funding_project_{width}x{height}.png")
        # the reasons are readable: wrapped, never elided, within the first column
        table = view.table
        assert table.columnWidth(0) > table.viewport().width() * 0.7
        row = next(r for r in range(table.rowCount()) if "Importo: costo stimato" in table.item(r, 0).text())
        metrics = table.fontMetrics()
        needed = metrics.horizontalAdvance(table.item(row, 0).text())
        lines = -(-needed // max(table.columnWidth(0) - 12, 1))
        assert table.rowHeight(row) >= min(lines, 2) * metrics.height()
        window.close()


def test_call_view_lists_the_candidate_projects(qgis_app, demo, shots):
    from remix_plugin.gui.funding_view import FundingView

    for width, height in SIZES:
        view = FundingView(language="en")
        view.set_source(demo, DEMO_DATE)
        assert view.show_call(call_uuid("fondazione-comunita"))
        assert view.heading.text().startswith(
            "Candidate projects for «ILLUSTRATIVO — Fondazione: spazi di comunità»: 3 eligible of 6"
        )
        rows = view.row_texts()
        assert [r[1] for r in rows[:3]] == ["✔ eligible"] * 3
        assert [r[0] for r in rows[:3]] == [
            "1. ARU ex ICOMA",
            "2. Casa dei Castanesi",
            "3. Recupero ex edificio scolastico in piazza Marconi",
        ]
        assert not view.show_call("not-a-call") and view.table.rowCount() == 0
        assert view.show_call(call_uuid("fondazione-comunita"))
        window = docked_window(view, width, height, "Bandi compatibili")
        save_shot(window, shots / f"funding_call_{width}x{height}.png")
        window.close()


def test_match_funding_algorithm(qgis_app, demo, tmp_path):
    from remix_plugin.processing.algorithms.match_funding import MatchFundingAlgorithm

    algorithm = MatchFundingAlgorithm()
    algorithm.initAlgorithm()
    output = tmp_path / "match.csv"
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    result, ok = algorithm.run(
        {"INPUT": str(demo), "DATE": DEMO_DATE, "LANGUAGE": 1, "OUTPUT": str(output)}, context, feedback
    )
    assert ok, feedback.textLog()
    assert (result["ELIGIBLE"], result["PAIRS"], result["OPEN_CALLS"]) == (3, 12, 2)
    with open(output, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["progetto_titolo"] for r in rows if r["idoneo"] == "yes") == [
        "ARU ex ICOMA",
        "Casa dei Castanesi",
        "Recupero ex edificio scolastico in piazza Marconi",
    ]
    assert result["CALLS_OUTPUT"] == str(tmp_path / "match_bandi.csv")
    _, ok = algorithm.run(
        {"INPUT": str(demo), "DATE": "2026-99-01", "OUTPUT": str(output)}, context, feedback
    )
    assert not ok
