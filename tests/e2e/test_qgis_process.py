"""qgis_process (iface = None) with the unpacked plugin outside any profile: the plugin enables
and the Processing provider "remix" lists its algorithms."""

import os
import shutil
import subprocess

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

QGIS_PROCESS = shutil.which("qgis_process.bin") or shutil.which("qgis_process")


@pytest.fixture
def qgis_process_env(unpacked_plugins_dir, tmp_path):
    env = dict(os.environ)
    env.update({
        "QGIS_PLUGINPATH": str(unpacked_plugins_dir),
        "QGIS_CUSTOM_CONFIG_PATH": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(tmp_path),
    })
    return env


def run(env, *args):
    # On Debian 12 call qgis_process.bin: the qgis_process wrapper passes a broken flag.
    return subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=180)


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process not installed")
def test_qgis_process_lists_remix_algorithms(qgis_process_env):
    enabled = run(qgis_process_env, "plugins", "enable", "remix_plugin")
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    listing = run(qgis_process_env, "list")
    assert listing.returncode == 0, listing.stderr
    assert "remix:create_geopackage" in listing.stdout, (
        "remix:create_geopackage not listed\n" + listing.stdout[-2000:] + listing.stderr[-2000:]
    )
    assert "remix_plugin" not in listing.stderr or "Traceback" not in listing.stderr, listing.stderr
