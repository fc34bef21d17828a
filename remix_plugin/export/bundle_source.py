"""A regional bundle seen as a RE.MIX GeoPackage, so the one validation engine checks bundles too.

The bundle is opened read-only; everything the engine needs and the bundle does not carry is
made of SQLite temporary objects of this connection only (the file is never written):

- each data table with multi-valued fields is copied into a TEMP TABLE of the same name
  (unqualified names find the temp schema first) that adds those fields back as JSON arrays,
  folded from the link tables in ``ordine`` order, exactly as ``codes.format_codes`` writes them;
- ``comuni``, the reference layer that stays out of bundles, is the plugin's shipped ISTAT layer
  in EPSG:32632, registered in a TEMP VIEW over ``gpkg_geometry_columns``;
- ``remix_exceptions`` is the source GeoPackage's table when the bundle is being exported from
  it (accepted exceptions keep applying), and is otherwise simply absent.
"""

import sqlite3
from functools import lru_cache
from pathlib import Path

from .. import sql
from ..layers.inspect import RemixFileInfo
from ..layers.model import COMUNI_TABLE, EXCEPTIONS_TABLE, load_model
from . import manifest as manifest_module
from .spec import BUNDLE_CRS, BUNDLE_SRS_ID, MANIFEST_TABLE, load_spec

_SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "boolean": "BOOLEAN", "date": "DATE"}


@lru_cache(maxsize=1)
def _comuni_rows():
    """(istat, nome, codice_catastale, zona_omogenea, fonte, GeoPackage blob) in EPSG:32632."""
    from ..layers.geopackage import comuni_features, spatial_reference

    rows = []
    for attributes, geometry in comuni_features(spatial_reference(BUNDLE_CRS)):
        blob = manifest_module.gpkg_blob(bytes(geometry.ExportToIsoWkb()), BUNDLE_SRS_ID)
        rows.append(tuple(attributes[f.name] for f in load_model().table(COMUNI_TABLE).fields) + (blob,))
    return tuple(rows)


class BundleSource:
    """The engine's input for a bundle file (``.gpkg``, already out of any zip)."""

    optional_tables = (EXCEPTIONS_TABLE,)

    def __init__(self, path, exceptions_from=None, versions=None):
        """``exceptions_from``: the source GeoPackage of a bundle being exported; ``versions``:
        (schema version, scheme version) of that source, before the manifest exists."""
        self.path = str(path)
        self.exceptions_from = str(exceptions_from) if exceptions_from else None
        self.versions = versions

    def open(self):
        connection = sqlite3.connect(Path(self.path).resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0)
        try:
            info = self._prepare(connection)
        except BaseException:
            connection.close()
            raise
        return connection, info

    def _prepare(self, connection):
        spec = load_spec()
        main_tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        manifest = manifest_module.read_manifest(connection) if MANIFEST_TABLE in main_tables else {}
        for table in spec.tables:
            links = [lt for lt in spec.link_tables_of(table.name) if lt.name in main_tables]
            if table.name in main_tables and links:
                _fold_links(connection, table.name, links)
        _add_comuni(connection)
        temp_tables = [COMUNI_TABLE]
        if self.exceptions_from and _attach_exceptions(connection, self.exceptions_from):
            temp_tables.append(EXCEPTIONS_TABLE)
        if self.versions is not None:
            schema_version, scheme_version = self.versions
        else:
            try:
                schema_version = int(manifest.get("schema_version") or 0)
            except (TypeError, ValueError):
                schema_version = 0
            scheme_version = str(manifest.get("scheme_version") or "")
        return RemixFileInfo(
            Path(self.path),
            schema_version,
            scheme_version,
            BUNDLE_CRS,
            {k: v for k, v in manifest.items() if isinstance(v, str)},
            sorted(main_tables | set(temp_tables)),
        )


def _fold_links(connection, table_name, links):
    """TEMP TABLE ``table_name``: the bundle's table plus its multi-valued fields as JSON arrays.
    A table, not a view: the engine's cross-record queries need an index on the parent key."""
    columns = connection.execute("SELECT name, type FROM main.pragma_table_info(?)", (table_name,)).fetchall()
    definitions = [
        sql.quote_identifier(name) + " " + (declared or "") + (" PRIMARY KEY" if name == "fid" else "")
        for name, declared in columns
    ] + [sql.quote_identifier(link.field) + " TEXT" for link in links]
    target = "temp." + sql.quote_identifier(table_name)
    connection.execute("CREATE TABLE " + target + " (" + ", ".join(definitions) + ")")
    selected = ["t." + sql.quote_identifier(name) for name, _ in columns]
    joins = []
    for index, link in enumerate(links):
        folded = "temp." + sql.quote_identifier("fold_" + link.name)
        connection.execute("CREATE TABLE " + folded + " (uuid TEXT PRIMARY KEY, codes TEXT)")
        # rows sorted by parent then ordine: json_group_array keeps the order of its input
        connection.execute(
            " ".join(
                [
                    "INSERT INTO",
                    folded,
                    "SELECT parent, json_group_array(code) FROM (SELECT",
                    sql.quote_identifier(link.parent_key),
                    "AS parent, code FROM main." + sql.quote_identifier(link.name),
                    "WHERE code IS NOT NULL ORDER BY parent, ordine, fid) GROUP BY parent",
                ]
            )
        )
        alias = "f" + str(index)
        selected.append(alias + ".codes")
        joins.append("LEFT JOIN " + folded + " AS " + alias + " ON " + alias + ".uuid = t.uuid")
    connection.execute(
        " ".join(
            ["INSERT INTO", target, "SELECT", ", ".join(selected)]
            + ["FROM main." + sql.quote_identifier(table_name) + " AS t"]
            + joins
            + ["ORDER BY t.fid"]
        )
    )
    for name in ("uuid", "progetto_uuid"):
        if any(column == name for column, _ in columns):
            connection.execute(
                "CREATE INDEX temp."
                + sql.quote_identifier("ix_" + table_name + "_" + name)
                + " ON "
                + sql.quote_identifier(table_name)
                + " ("
                + sql.quote_identifier(name)
                + ")"
            )


def _add_comuni(connection):
    fields = load_model().table(COMUNI_TABLE).fields
    definitions = ["fid INTEGER PRIMARY KEY"] + [
        sql.quote_identifier(f.name) + " " + _SQL_TYPES.get(f.kind, "TEXT") for f in fields
    ]
    connection.execute("CREATE TEMP TABLE comuni (" + ", ".join(definitions) + ", geom MULTIPOLYGON)")
    connection.executemany(
        sql.insert(COMUNI_TABLE, [f.name for f in fields] + ["geom"]),  # the temp table: no main one
        _comuni_rows(),
    )
    connection.execute(  # 32632 = BUNDLE_SRS_ID (a view cannot take bound values)
        "CREATE TEMP VIEW gpkg_geometry_columns AS SELECT table_name, column_name, geometry_type_name, "
        "srs_id, z, m FROM main.gpkg_geometry_columns WHERE table_name != 'comuni' "
        "UNION ALL SELECT 'comuni', 'geom', 'MULTIPOLYGON', 32632, 0, 0"
    )


def _attach_exceptions(connection, source_path):
    """Expose the source GeoPackage's accepted exceptions; False when it has none."""
    uri = Path(source_path).resolve().as_uri() + "?mode=ro"
    connection.execute("ATTACH DATABASE ? AS exceptions_source", (uri,))
    present = connection.execute(
        "SELECT 1 FROM exceptions_source.sqlite_master WHERE type = 'table' AND name = ?", (EXCEPTIONS_TABLE,)
    ).fetchone()
    if present is None:
        return False
    connection.execute(
        "CREATE TEMP VIEW remix_exceptions AS SELECT * FROM exceptions_source.remix_exceptions"
    )
    return True
