"""The RE.MIX GeoPackage as a file: ``model`` describes it as plain data (pure Python, read by
the CLI, the validator, the bundle and the central database); ``comuni`` the shipped reference
data; ``inspect`` tells what a file is (sqlite3, read-only); ``geopackage`` creates and upgrades
files with OGR; ``backup`` and ``stored_project`` copy a file so that the copy reads itself.
The QGIS project stored inside the file is built by ``remix_plugin.qgis_project``.
``paths`` (QGIS) makes a copy or a renamed file read itself when it is opened."""
