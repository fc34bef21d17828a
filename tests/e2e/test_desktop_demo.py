"""The real QGIS desktop opens a RE.MIX GeoPackage (the seed's demo): the project stored inside it
loads, the dock shows its tree, and a lavoro's generated form opens. Screenshots of the main window,
the dock and the form go to tests/artifacts/."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]

BUILD_DEMO = """
import sys
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
from remix_plugin.demo.build import build_demo_geopackage
build_demo_geopackage(sys.argv[1], with_project=True)
app.exitQgis()
"""


@pytest.mark.skipif(not (shutil.which("qgis") and shutil.which("xvfb-run")),
                    reason="needs qgis and xvfb-run")
def test_desktop_opens_demo_geopackage_with_tree_and_form(plugin_zip, tmp_path, artifacts_dir):
    import qgis_desktop

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    subprocess.run(["/usr/bin/python3", "-c", BUILD_DEMO, str(out_dir / "remix_demo.gpkg")], cwd=ROOT,
                   env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                   check=True, timeout=300)
    result = qgis_desktop.run_desktop(
        tmp_path / "desktop", plugin_zip, screenshot=artifacts_dir / "demo_main_window.png",
        steps=["demo_steps:open_demo_project", "demo_steps:dock_screenshot",
               "demo_steps:lavoro_form_screenshot"],
        extra_config={"out_dir": str(out_dir)}, timeout=240)
    assert result["ok"] and not result["timed_out"], result.get("output_tail")
    assert result["python_errors"] == [], result["python_errors"]
    opened = result["steps"]["demo_steps:open_demo_project"]
    assert opened["opened"] and opened["dock_tree"] and opened["lavori"] == 8
    form = result["steps"]["demo_steps:lavoro_form_screenshot"]
    assert form["saved"] and len(form["comune_istat"]) == 6
    for name in ("remix_dock.png", "lavoro_form.png"):
        shot = out_dir / name
        assert shot.stat().st_size > 5_000
        shutil.copyfile(shot, artifacts_dir / name)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
