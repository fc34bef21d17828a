"""The real QGIS desktop with the demo (its stored project and two illustrative calls): the dock's
incubator panels (Compatible calls, Priority, Network proposals) and "Publish on the web…" (its
options dialog with the base map, then the result), at
1366×768 and 1920×1080; screenshots in tests/artifacts/dock_incubator/. The steps read what is
on screen (tests/e2e/test_dock_incubator_steps.py)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

BUILD_DEMO = """
import sys
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.demo.funding import write_calls
from remix_plugin.demo.monitoring import add_monitoring
build_demo_geopackage(sys.argv[1], with_project=True)
write_calls(sys.argv[1])
add_monitoring(sys.argv[1])
app.exitQgis()
"""
STEPS = ["test_dock_incubator_steps:window_at_start", "demo_steps:open_demo_project",
         "test_dock_incubator_steps:prepare_dock", "test_dock_incubator_steps:funding_panel",
         "test_dock_incubator_steps:monitoring_panel", "test_dock_incubator_steps:priority_panel",
         "test_dock_incubator_steps:proposals_panel", "test_dock_incubator_steps:publish_web"]
STEP = "test_dock_incubator_steps:"


@pytest.mark.skipif(not (shutil.which("qgis") and shutil.which("xvfb-run")),
                    reason="needs qgis and xvfb-run")
@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_dock_shows_the_incubator_panels_and_publishes_the_web_atlas(
        plugin_zip, tmp_path, artifacts_dir, monkeypatch, screen):
    import qgis_desktop

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    subprocess.run(["/usr/bin/python3", "-c", BUILD_DEMO, str(out_dir / "remix_demo.gpkg")], cwd=ROOT,
                   env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                   check=True, timeout=300)
    monkeypatch.setenv("PYTHONPATH", str(HERE))  # the steps module, inside QGIS
    width, height = screen
    result = qgis_desktop.run_desktop(tmp_path / "desktop", plugin_zip, steps=STEPS, locale="en",
                                      extra_config={"out_dir": str(out_dir)}, timeout=300, screen=screen)
    assert result["ok"] and not result["timed_out"], result.get("output_tail")
    assert result["python_errors"] == [], result["python_errors"]
    steps = result["steps"]
    shots = artifacts_dir / "dock_incubator"
    shots.mkdir(parents=True, exist_ok=True)
    (shots / f"steps_{width}x{height}.json").write_text(json.dumps(steps, indent=1, ensure_ascii=False),
                                                        encoding="utf-8")
    assert steps["demo_steps:open_demo_project"]["dock_tree"]
    prepared = steps[STEP + "prepare_dock"]
    assert prepared["selected"]
    # the dock, with its panels, fits the screen (nothing below its bottom edge)
    x, y, w, h = prepared["dock_rect"]
    assert x + w <= width and y + h <= height, prepared

    funding = steps[STEP + "funding_panel"]
    assert funding["tab_visible"] and funding["heading_visible"]
    assert funding["tab_texts"] == ["Compatible calls", "Monitoring", "Priority",
                                    "Network proposals"]
    assert funding["tab_tooltips"][0].startswith("The open calls for funding the selected project")
    assert funding["heading"] == "Calls for «Casa dei Castanesi»: 1 eligible of 2 open"
    assert [row[1] for row in funding["rows"]] == ["✔ eligible", "✘ 6/8"]
    assert all(len(row[2]) == 8 for row in funding["rows"])  # each criterion with its reason
    assert funding["table_rows_shown"] == 18 and funding["table_rect"][3] > 80
    assert funding["table_rect"][1] + funding["table_rect"][3] <= height  # on screen
    assert funding["calls"][0] == "(choose a call)" and len(funding["calls"]) == 3
    assert funding["call_heading"].startswith("Candidate projects for «ILLUSTRATIVO — Fondazione")
    assert funding["call_rows"][:3] == ["1. ARU ex ICOMA", "2. Casa dei Castanesi",
                                        "3. Recupero ex edificio scolastico in piazza Marconi"]

    monitoring = steps[STEP + "monitoring_panel"]
    assert monitoring["tab_visible"] and monitoring["heading"] == "Indicators of «Casa dei Castanesi»: 1"
    assert [card[0] for card in monitoring["cards"]] == ["Fasi concluse"] and all(monitoring["cards_visible"])

    priority = steps[STEP + "priority_panel"]
    assert priority["tab_visible"]
    assert priority["heading"].startswith("Metropolitan priority of «Casa dei Castanesi»: ")
    assert len(priority["rows"]) >= 5 and all(priority["bars_visible"])
    assert priority["first_tooltip"] and "100" in priority["footer"]

    proposals = steps[STEP + "proposals_panel"]
    assert proposals["tab_visible"] and proposals["proposals"] >= 1
    assert proposals["reason_visible"] and proposals["reason"] == proposals["first_tooltip"]
    assert proposals["accept_enabled"] and proposals["hull_on_map"]
    assert len(proposals["members"]) >= 2

    web = steps[STEP + "publish_web"]
    assert web["button_visible"] and web["button_enabled"] and web["button_text"] == "Publish on the web…"
    assert web["options_dialog"] and web["options_on_screen"], web
    assert all(web["options_fields"].values()), web["options_fields"]
    assert web["options_refused"]
    assert web["options_problem"] == "A WMS base layer needs the names of its layers."
    assert web["options_folder"] == web["folder_asked"][0] and not web["options_layers_enabled"]
    assert {"Folder", "Base map", "Address", "WMS layers", "Credit"} <= set(web["options_labels"])
    assert web["base_layer"] == {"type": "xyz", "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                                 "attribution": "© OpenStreetMap contributors"}
    assert web["dialog"] and web["index_exists"] and web["folder_asked"]
    assert "Web atlas written in" in web["summary"] and "6 projects" in web["summary"]
    assert web["browser_button_visible"] and web["folder_button_visible"]
    assert web["opened"][0].startswith("http://127.0.0.1:") and web["served_status"] == 200
    assert web["served_html"]

    for name in ("funding", "funding_call", "monitoring", "priority", "proposals", "publish_options",
                 "publish"):
        shot = out_dir / f"incubator_{name}_{width}x{height}.png"
        assert shot.stat().st_size > 20_000, shot
        shutil.copyfile(shot, shots / shot.name)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
