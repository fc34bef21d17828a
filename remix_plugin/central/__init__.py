"""The central RE.MIX database on PostgreSQL/PostGIS (no QGIS: psycopg2 and the pure model).

- ``ddl``: the PostgreSQL dialect of ``layers/model.py`` (schema ``remix``), as statements;
- ``database``: connect, inspect the schema version, ``init``, ``upgrade``, ``grant``;
- ``cli``: ``db init|grant|upgrade``.

The design and the differences from the GeoPackage are in docs/central-database.md.
"""
