"""Steps of `make demo`, run *inside* the QGIS desktop by scripts/desktop_probe.py.

Each step is ``fn(iface, context) -> JSON-able summary``; ``context`` holds ``config`` (the probe
config, with ``out_dir``), ``result`` (the probe result so far) and ``settle(seconds)`` (process
events for a while). Add a step here and list it in ``DEMO_STEPS`` of scripts/demo.py.
"""

import os


def plugin_summary(iface, context):
    """What the plugin registered: its Processing algorithms and the dock's buttons."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtWidgets import QDockWidget, QPushButton

    provider = QgsApplication.processingRegistry().providerById("remix")
    dock = iface.mainWindow().findChild(QDockWidget, "RemixDock")
    buttons = [b.text() for b in dock.findChildren(QPushButton)] if dock is not None else []
    return {
        "provider": provider is not None,
        "algorithms": sorted(a.id() for a in provider.algorithms()) if provider is not None else [],
        "dock_buttons": buttons,
    }


def dock_screenshot(iface, context):
    """A close-up of the RE.MIX dock next to the full-window screenshot."""
    from qgis.PyQt.QtWidgets import QDockWidget

    dock = iface.mainWindow().findChild(QDockWidget, "RemixDock")
    path = os.path.join(context["config"]["out_dir"], "remix_dock.png")
    return {"saved": bool(dock is not None and dock.grab().save(path)), "path": path}


def open_demo_project(iface, context):
    """Open out/remix_demo.gpkg (made by scripts/demo_pipeline.py) with its stored project, show it
    in the dock, zoom to the projects and leave it on screen for the main-window screenshot."""
    from qgis.core import QgsProject
    from qgis.PyQt.QtWidgets import QDockWidget

    from remix_plugin.qgis_project.storage import open_project

    gpkg = os.path.join(context["config"]["out_dir"], "remix_demo.gpkg")
    if not os.path.exists(gpkg):
        return {"opened": False, "reason": "run scripts/demo_pipeline.py first"}
    opened = open_project(gpkg)
    dock = iface.mainWindow().findChild(QDockWidget, "RemixDock")
    shown = bool(dock is not None and dock.set_geopackage(gpkg))
    layers = {layer.customProperty("remix/table"): layer
              for layer in QgsProject.instance().mapLayers().values()}
    lavori = layers.get("lavori")
    if lavori is not None and lavori.featureCount():
        extent = iface.mapCanvas().mapSettings().layerExtentToOutputExtent(lavori, lavori.extent())
        extent.scale(1.4)
        iface.mapCanvas().setExtent(extent)
        iface.mapCanvas().refresh()
    context["settle"](3)
    path = os.path.join(context["config"]["out_dir"], "remix_demo_desktop.png")
    return {
        "opened": opened,
        "dock_tree": shown,
        "layers": sorted(k for k in layers if k),
        "lavori": lavori.featureCount() if lavori is not None else 0,
        "screenshot": path if iface.mainWindow().grab().save(path) else None,
    }


def lavoro_form_screenshot(iface, context):
    """The attribute form of the first lavoro, as QGIS shows it (generated from the scheme)."""
    from qgis.core import QgsProject
    from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext

    lavori = next((layer for layer in QgsProject.instance().mapLayers().values()
                   if layer.customProperty("remix/table") == "lavori"), None)
    if lavori is None or not lavori.featureCount():
        return {"saved": False, "reason": "no lavori layer with features (open the demo first)"}
    feature = next(lavori.getFeatures())
    editor_context = QgsAttributeEditorContext()
    editor_context.setVectorLayerTools(iface.vectorLayerTools())  # relation editors need it on 3.22
    editor_context.setMapCanvas(iface.mapCanvas())
    dialog = QgsAttributeDialog(lavori, feature, False, iface.mainWindow(), True, editor_context)
    dialog.resize(720, 640)
    dialog.show()
    context["settle"](1.5)
    path = os.path.join(context["config"]["out_dir"], "lavoro_form.png")
    saved = dialog.grab().save(path)
    dialog.close()
    dialog.deleteLater()
    return {"saved": saved, "path": path, "titolo": feature["titolo"],
            "comune_istat": feature["comune_istat"]}
