"""A ``.qgs`` project QGIS Server (or G3W-SUITE, Lizmap) can serve, from a RE.MIX GeoPackage
(issue 15, docs/qgis-server.md): ``readiness`` says what would not work on a server, ``prepare``
writes the project. QGIS core only (no GUI)."""
