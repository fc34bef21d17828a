"""Start-up stays light: after classFactory (and after initGui) QGIS has not imported geopandas or
fiona, and classFactory does not import the GUI. Run in a fresh interpreter so that imports done
by other tests do not hide a regression."""

import json
import subprocess
import sys

from conftest import ROOT

SCRIPT = r"""
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication
app = QgsApplication([], True)
app.initQgis()
from unittest.mock import MagicMock
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtWidgets import QMainWindow


class StubIface:
    # just what initGui/unload call; the real main window does the docking and toolbars

    def __init__(self):
        self.window = QMainWindow()
        self.canvas = QgsMapCanvas(self.window)

    def __getattr__(self, name):  # anything else (signals, message bar...): a recording mock
        mock = MagicMock(name=name)
        setattr(self, name, mock)
        return mock

    def mapCanvas(self):
        return self.canvas

    def activeLayer(self):
        return None

    def mainWindow(self):
        return self.window

    def addToolBar(self, name):
        return self.window.addToolBar(name)

    def addDockWidget(self, area, dock):
        self.window.addDockWidget(area, dock)

    def removeDockWidget(self, dock):
        self.window.removeDockWidget(dock)

    def addPluginToMenu(self, name, action):
        pass

    def removePluginMenu(self, name, action):
        pass


WATCH = ("geopandas", "fiona", "pandas", "remix_plugin.gui.dock", "remix_plugin.processing.provider")
report = {}
import remix_plugin
plugin = remix_plugin.classFactory(None)
report["after_classFactory"] = [m for m in WATCH if m in sys.modules]
plugin = remix_plugin.classFactory(StubIface())
plugin.initGui()
report["after_initGui"] = [m for m in WATCH if m in sys.modules]
plugin.unload()
print("REPORT " + json.dumps(report))
sys.stdout.flush()
os._exit(0)  # skip exitQgis: nothing to save, and no teardown crash can hide the report
"""


def run_report():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    lines = [line for line in out.stdout.splitlines() if line.startswith("REPORT ")]
    assert lines, f"no report (exit {out.returncode}):\n{out.stdout}\n{out.stderr}"
    return json.loads(lines[-1][len("REPORT "):])


def test_class_factory_and_init_gui_import_no_heavy_modules():
    report = run_report()
    assert report["after_classFactory"] == [], "classFactory imported GUI or heavy modules"
    heavy = [m for m in report["after_initGui"] if m in ("geopandas", "fiona", "pandas")]
    assert heavy == [], "initGui imported heavy libraries; import them on first use instead"
