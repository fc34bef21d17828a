"""The real QGIS desktop under Xvfb with the built zip installed in a fresh profile: the plugin
loads, its dock shows, QGIS logs no Python error from remix_plugin. Screenshot in
tests/artifacts/main_window.png."""

import shutil

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

needs_desktop = pytest.mark.skipif(
    not (shutil.which("qgis") and shutil.which("xvfb-run")), reason="needs qgis and xvfb-run (make setup)"
)


def describe(result):
    keys = ("ok", "loaded", "dock_visible", "timed_out", "returncode", "probe_error", "python_errors")
    lines = [f"{k}: {result.get(k)}" for k in keys]
    return "\n".join(lines) + "\n--- QGIS output (tail) ---\n" + result.get("output_tail", "")


@needs_desktop
def test_desktop_loads_plugin_and_shows_dock(plugin_zip, tmp_path, artifacts_dir):
    import qgis_desktop

    screenshot = artifacts_dir / "main_window.png"
    if screenshot.exists():
        screenshot.unlink()
    result = qgis_desktop.run_desktop(tmp_path, plugin_zip, screenshot=screenshot, timeout=180)
    assert not result["timed_out"], describe(result)
    assert result["ok"], describe(result)
    assert result["loaded"], describe(result)
    assert result["dock_visible"], describe(result)
    assert result["python_errors"] == [], describe(result)
    assert result["screenshot_saved"] and screenshot.stat().st_size > 10_000
    assert result["action_texts"]["RemixPanelAction"] == "RE.MIX panel"
    assert result["returncode"] == 0, describe(result)


@needs_desktop
def test_desktop_in_italian(plugin_zip, tmp_path, artifacts_dir):
    import qgis_desktop

    screenshot = artifacts_dir / "main_window_it.png"
    result = qgis_desktop.run_desktop(tmp_path, plugin_zip, screenshot=screenshot, locale="it_IT",
                                      timeout=180)
    assert result["ok"] and result["loaded"], describe(result)
    assert result["python_errors"] == [], describe(result)
    assert result["action_texts"]["RemixPanelAction"] == "Pannello RE.MIX"
    assert result["action_texts"]["RemixNewGeoPackageAction"] == "Nuovo GeoPackage RE.MIX…"
