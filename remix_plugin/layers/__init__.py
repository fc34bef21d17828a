"""The RE.MIX GeoPackage: ``model`` describes it as plain data (no QGIS import);
``geopackage`` creates, opens and upgrades files; ``project`` builds the embedded QGIS project."""
