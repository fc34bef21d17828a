"""Importing the package must stay cheap and free of QGIS: QGIS times classFactory at start-up,
and ``python3 -m remix_plugin`` (the headless validator) runs where QGIS is not installed."""

import json
import subprocess

from conftest import ROOT, SYSTEM_PYTHON

HEAVY = ("qgis", "PyQt5", "PyQt6", "sip", "geopandas", "fiona", "osgeo", "pandas", "shapely", "numpy")


def test_import_does_not_pull_in_qgis_or_heavy_libraries():
    code = (
        "import json, sys\n"
        "import remix_plugin\n"
        f"heavy = {HEAVY!r}\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))))\n"
    )
    out = subprocess.run([SYSTEM_PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_class_factory_is_exposed_without_importing_plugin_module():
    code = (
        "import sys, remix_plugin\n"
        "print(callable(remix_plugin.classFactory), 'remix_plugin.plugin' in sys.modules)\n"
    )
    out = subprocess.run([SYSTEM_PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.split() == ["True", "False"]
