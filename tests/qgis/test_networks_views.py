"""The dock's proposals and priority views on the demo GeoPackage (screenshots at 1366×768 and
1920×1080 in tests/artifacts/networks/), and the two Processing algorithms run for real."""

from __future__ import annotations

import csv
import sqlite3

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback
from view_windows import SIZES, docked_window, save_shot, shot_folder

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.demo.networks import DEMO_DISTANCE, NORD_OVEST_EXAMPLE


@pytest.fixture()
def demo(tmp_path):
    return build_demo_geopackage(tmp_path / "demo.gpkg")


@pytest.fixture()
def shots(artifacts_dir):
    return shot_folder(artifacts_dir, "networks")


def test_priority_view_shows_the_breakdown(qgis_app, demo, shots):
    from remix_plugin.demo.build import _uuid
    from remix_plugin.gui.priority_view import PriorityView

    for width, height in SIZES:
        view = PriorityView(language="en")
        view.set_source(demo)
        assert view.show_project(_uuid("progetti", "bussero-cascina-gogna"))
        heading = view.heading.text()
        assert heading.startswith("Metropolitan priority of «Cascina Gogna»: 28.3 of 100 points "
                                  "(rank 2 of 6)")
        rows = view.row_texts()
        assert [r[0] for r in rows] == [
            "Scale of the expected impact",
            "Comuni touched",
            "Problems answered",
            "Co-funding secured",
            "How far the design has gone",
            "Part of a network",
        ]
        assert rows[0][1:3] == ("Sovracomunale", "15 / 25")
        assert rows[2][2] == "13.3 / 20" and "Infrastructure, Urban planning" in rows[2][3]
        window = docked_window(view, width, height, "Priorità metropolitana")
        image = save_shot(window, shots / f"priority_view_{width}x{height}.png")
        # the bar of the first criterion is drawn (not an empty cell): its pixels are not all one colour
        bar = view.table.cellWidget(0, 1)
        assert bar.isVisible() and bar.width() > 60
        assert image.width() == width
        assert not view.show_project("no-such-project") and view.table.rowCount() == 0
        window.close()


def test_proposals_view_lists_accepts_and_rejects(qgis_app, demo, shots):
    from remix_plugin.gui.proposals_view import ProposalsView

    for width, height in SIZES:
        path = demo.parent / f"d{width}.gpkg"
        path.write_bytes(demo.read_bytes())
        view = ProposalsView(language="it")
        view.distance.setValue(DEMO_DISTANCE)
        seen = []
        view.proposal_selected.connect(lambda pid, hull, seen=seen: seen.append((pid, hull is not None)))
        view.set_source(path)
        ids = view.proposal_ids()
        assert len(ids) == 7
        first = view.tree.topLevelItem(0)
        assert (first.text(0), first.text(1), first.text(2)) == (
            "Territoriale",
            "4",
            "Cornaredo, Pero, Pogliano Milanese, Rho",
        )
        assert first.childCount() == 4
        view.tree.expandItem(first)
        assert view.select(ids[0])
        assert seen[-1] == (ids[0], True)
        assert view.reason.text().startswith("Lavori a non più di 5.000 m l'uno dall'altro: «Ex scalo merci")
        window = docked_window(view, width, height, "Proposte di programmi")
        save_shot(window, shots / f"proposals_view_{width}x{height}.png")
        created = []
        view.programma_created.connect(created.append)
        result = view.accept_current("Rete Nord Ovest")
        assert result is not None and created == [result.programma_uuid]
        assert len(result.conflicts) == 1  # Pero is already in the demo's thematic programma
        assert "1" in view.status.text()
        assert ids[0] not in view.proposal_ids()
        with sqlite3.connect(path) as connection:
            assert connection.execute(
                "SELECT tipo_rete FROM programmi WHERE uuid = ?", (result.programma_uuid,)
            ).fetchone() == ("territoriale",)
        remaining = view.proposal_ids()
        assert view.select(remaining[-1])
        assert view.reject_current("non pertinente") is not None
        assert remaining[-1] not in view.proposal_ids()
        save_shot(window, shots / f"proposals_view_after_{width}x{height}.png")
        window.close()


def _run(algorithm, parameters):
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    instance = algorithm.create()
    results, ok = instance.run(parameters, context, feedback)
    return results, ok


def test_processing_algorithms(qgis_app, demo, tmp_path):
    from remix_plugin.networks.output import read_proposals
    from remix_plugin.processing.algorithms.priority_score import PriorityScoreAlgorithm
    from remix_plugin.processing.algorithms.suggest_programmi import SuggestProgrammiAlgorithm

    output = tmp_path / "proposte.gpkg"
    results, ok = _run(
        SuggestProgrammiAlgorithm(), {"INPUT": str(demo), "DISTANCE": DEMO_DISTANCE, "OUTPUT": str(output)}
    )
    assert ok and results["PROPOSALS"] == 7 and results["SUPPRESSED"] == 1
    [network] = [r for r in read_proposals(output) if r["tipo_rete"] == "territoriale"]
    assert sorted(network["comuni_istat"]) == sorted(NORD_OVEST_EXAMPLE)
    results, ok = _run(
        SuggestProgrammiAlgorithm(), {"INPUT": str(demo), "OUTPUT": str(output), "THEMES": False}
    )
    assert ok and results["PROPOSALS"] == 0  # 1,500 m: the demo's illustrative lavori are farther apart
    scores = tmp_path / "priorita.csv"
    results, ok = _run(PriorityScoreAlgorithm(), {"INPUT": str(demo), "OUTPUT": str(scores)})
    assert ok and results["PROJECTS"] == 6 and results["PROFILE_USED"] == "cmm-2026 1.0.0"
    with open(scores, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["titolo"] for r in rows][:1] == ["Casa dei Castanesi"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "1", "criteria": [{"id": "x", "weight": 100}]}', encoding="utf-8")
    results, ok = _run(
        PriorityScoreAlgorithm(), {"INPUT": str(demo), "OUTPUT": str(tmp_path / "b.csv"), "PROFILE": str(bad)}
    )
    assert not ok and not (tmp_path / "b.csv").exists()
