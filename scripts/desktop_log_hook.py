"""PYQGIS_STARTUP hook for desktop runs (demo, bench, e2e).

It runs when QGIS starts Python, *before* plugins load, and
- appends every message-log entry to $REMIX_PROBE_LOG as JSON lines, so errors raised while RE.MIX
  loads are seen too (the --code probe starts only after start-up);
- times each plugin's import (``qgis.utils.loadPlugin``) and classFactory + initGui
  (``qgis.utils.startPlugin``) in wall-clock seconds, in ``builtins._remix_probe_timings``;
- closes dialogs that would block an unattended run (e.g. QGIS's Python error dialog when a plugin
  fails to load), recording their text in the same log under the tag "Blocking dialog".
"""

import builtins
import json
import os
import time

import qgis.utils
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QTextEdit


def _remix_probe_record(message, tag, level):
    path = os.environ.get("REMIX_PROBE_LOG")
    if not path:
        return
    try:
        level_value = int(level)
    except TypeError:
        level_value = getattr(level, "value", -1)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"tag": tag, "level": level_value, "message": message}) + "\n")


def _remix_probe_close_dialogs():
    candidates = [QApplication.activeModalWidget()]
    candidates += [w for w in QApplication.topLevelWidgets()
                   if w.isVisible() and isinstance(w, (QDialog, QMessageBox))]
    seen = set()
    for widget in candidates:
        if widget is None or id(widget) in seen:
            continue
        seen.add(id(widget))
        texts = [widget.windowTitle()]
        texts += [label.text() for label in widget.findChildren(QLabel) if label.text()]
        texts += [edit.toPlainText() for edit in widget.findChildren(QTextEdit) if edit.toPlainText()]
        _remix_probe_record("\n".join(texts), "Blocking dialog", 2)
        if isinstance(widget, QDialog):
            widget.reject()
        widget.close()


def _remix_probe_timed(name, timings):
    original = getattr(qgis.utils, name)

    def timed(package_name, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original(package_name, *args, **kwargs)
        finally:
            timings.setdefault(package_name, {})[name] = time.perf_counter() - started

    setattr(qgis.utils, name, timed)


if not getattr(builtins, "_remix_probe_hooked", False):  # QGIS may run the startup file twice
    builtins._remix_probe_hooked = True
    _remix_probe_watchdog = QTimer()
    _remix_probe_watchdog.setInterval(1000)
    _remix_probe_watchdog.timeout.connect(_remix_probe_close_dialogs)
    _remix_probe_watchdog.start()
    builtins._remix_probe_watchdog = _remix_probe_watchdog
    QgsApplication.messageLog().messageReceived.connect(_remix_probe_record)
    builtins._remix_probe_timings = {}
    for _name in ("loadPlugin", "startPlugin"):  # QGIS calls them by name, as qgis.utils.<name>(...)
        _remix_probe_timed(_name, builtins._remix_probe_timings)
