"""RE.MIX QGIS plugin.

Importing this package must stay cheap: QGIS times ``classFactory`` at start-up, and
``python3 -m remix_plugin`` (the headless validator) runs without QGIS at all. So nothing
here imports QGIS, Qt, the GUI or heavy libraries.
"""

PLUGIN_PACKAGE = __name__


def classFactory(iface):  # noqa: N802 (name fixed by QGIS)
    """Entry point called by QGIS; the plugin class is imported only now."""
    from .plugin import RemixPlugin

    return RemixPlugin(iface)
