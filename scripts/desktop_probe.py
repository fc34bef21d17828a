"""Run inside the QGIS desktop with ``qgis --code`` (see scripts/qgis_desktop.py).

After start-up it checks that RE.MIX is active, shows its dock, runs the extra steps listed in the
config (``"module:function"`` names importable from scripts/, called as ``fn(iface, context)``),
saves a screenshot of the main window, writes a JSON result and quits QGIS.
The config is the JSON file named by $REMIX_PROBE_CONFIG.
"""

import importlib
import json
import os
import sys
import time
import traceback


def is_remix_error(tag, level, message, plugin="remix_plugin"):
    """A Python error (or a dialog QGIS had to show) that mentions the plugin, or a critical
    message in the plugin's own log tab. Tags: "Python", "Python error", "Blocking dialog"."""
    if tag.startswith("Python") or tag == "Blocking dialog":
        return plugin in message or "RE.MIX" in message
    return tag == "RE.MIX" and level >= 2  # Qgis.Critical


def _remix_probe_main():
    import qgis.utils
    from qgis.core import QgsApplication, QgsProject
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QAction, QDockWidget

    with open(os.environ["REMIX_PROBE_CONFIG"], encoding="utf-8") as handle:
        config = json.load(handle)
    plugin = config.get("plugin", "remix_plugin")
    iface = qgis.utils.iface
    if config.get("scripts_dir") and config["scripts_dir"] not in sys.path:
        sys.path.insert(0, config["scripts_dir"])

    def settle(seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QgsApplication.processEvents()
            time.sleep(0.02)

    def python_errors():
        errors = []
        log_path = os.environ.get("REMIX_PROBE_LOG", "")
        if log_path and os.path.exists(log_path):
            with open(log_path, encoding="utf-8") as handle:
                for line in handle:
                    entry = json.loads(line)
                    if is_remix_error(entry["tag"], entry["level"], entry["message"], plugin):
                        errors.append(entry["message"])
        return errors

    def finish():
        QgsProject.instance().clear()
        QgsProject.instance().setDirty(False)
        iface.actionExit().trigger()
        QTimer.singleShot(5000, lambda: QgsApplication.exit(0))

    def probe():
        result = {"ok": False, "steps": {}}
        try:
            main_window = iface.mainWindow()
            main_window.resize(*config.get("window_size", (1440, 900)))
            if config.get("window_pos") is not None:
                main_window.move(*config["window_pos"])
            main_window.showNormal()
            screen = QgsApplication.primaryScreen()
            if screen is not None:
                geometry = screen.availableGeometry()
                result["screen"] = [geometry.width(), geometry.height()]
            result["qgis_version"] = qgis.utils.Qgis.QGIS_VERSION
            result["loaded"] = plugin in qgis.utils.active_plugins
            result["plugin_times"] = dict(qgis.utils.plugin_times)
            result["plugin_time_s"] = float(qgis.utils.plugin_times.get(plugin, "nan").rstrip("s"))
            import builtins

            result["wall_timings_s"] = getattr(builtins, "_remix_probe_timings", {}).get(plugin, {})
            dock = main_window.findChild(QDockWidget, "RemixDock")
            result["dock_found"] = dock is not None
            if dock is not None:
                dock.show()
                dock.raise_()
            settle(config.get("settle_s", 1.0))
            result["dock_visible"] = bool(dock is not None and dock.isVisible())
            result["dock_title"] = dock.windowTitle() if dock is not None else None
            result["action_texts"] = {
                action.objectName(): action.text()
                for action in main_window.findChildren(QAction)
                if action.objectName().startswith("Remix")
            }
            context = {"config": config, "result": result, "settle": settle}
            for step in config.get("steps", []):
                module_name, func_name = step.split(":")
                func = getattr(importlib.import_module(module_name), func_name)
                result["steps"][step] = func(iface, context)
                settle(0.3)
            screenshot = config.get("screenshot")
            if screenshot:
                settle(0.5)
                result["screenshot_saved"] = bool(main_window.grab().save(screenshot))
            result["ok"] = True
        except Exception:  # report, never hang QGIS
            result["probe_error"] = traceback.format_exc()
        result["python_errors"] = python_errors()
        with open(config["result"], "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, default=str)
        QTimer.singleShot(100, finish)

    QTimer.singleShot(int(config.get("delay_ms", 1500)), probe)


if __name__ == "__main__":  # exec'd by QGIS's --code in __main__; importable for is_remix_error
    _remix_probe_main()
