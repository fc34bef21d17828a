"""Everything that needs QGIS's main window: dock, dialogs, map tools. Imported on first use."""
