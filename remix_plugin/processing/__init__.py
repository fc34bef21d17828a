"""Processing provider "remix": headless entry points usable from qgis_process.
Nothing in this package imports GUI code (qgis_process runs plugins with iface = None)."""
