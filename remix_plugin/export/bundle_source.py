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
from ..validation.source import SQLiteReader
from . import manifest as manifest_module
from .spec import BUNDLE_CRS, BUNDLE_SRS_ID, MANIFEST_TABLE, load_spec

_SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "boolean": "BOOLEAN", "date": "DATE"}

# -- SQL templates (identifiers filled by sql.statement; values always bound) -------------------
MAIN_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"
MAIN_TABLE_COLUMNS = "SELECT name, type FROM main.pragma_table_info(?)"
# a temporary table's head; its column definitions (below) follow, then ")"
CREATE_TEMP_TABLE = "CREATE TABLE temp.{table} ("
TYPED_COLUMN = "{name} {declared}"
TYPED_PRIMARY_KEY_COLUMN = "{name} {declared} PRIMARY KEY"
UNTYPED_COLUMN = "{name}"
PRIMARY_KEY_COLUMN = "{name} PRIMARY KEY"
TEXT_COLUMN = "{name} TEXT"
CREATE_FOLD = "CREATE TABLE temp.{fold} (uuid TEXT PRIMARY KEY, codes TEXT)"
FILL_FOLD = (
    "INSERT INTO temp.{fold} SELECT parent, json_group_array(code) FROM"
    " (SELECT {parent_key} AS parent, code FROM main.{link}"
    " WHERE code IS NOT NULL ORDER BY parent, ordine, fid) GROUP BY parent"
)
# the folded copy: COPY_ALL_COLUMNS, one FOLDED_CODES per link, FROM_MAIN_TABLE, one JOIN_FOLD per
# link, ORDER_BY_FID — e.g. INSERT INTO temp."lavori" SELECT t.*, "f0".codes FROM main."lavori" AS t
# LEFT JOIN temp."fold_lavori_servizi" AS "f0" ON "f0".uuid = t.uuid ORDER BY t.fid
COPY_ALL_COLUMNS = "INSERT INTO temp.{table} SELECT t.*"
FOLDED_CODES = ", {alias}.codes"
FROM_MAIN_TABLE = " FROM main.{table} AS t"
JOIN_FOLD = " LEFT JOIN temp.{fold} AS {alias} ON {alias}.uuid = t.uuid"
ORDER_BY_FID = " ORDER BY t.fid"
CREATE_TEMP_INDEX = "CREATE INDEX temp.{index} ON {table} ({column})"
# the row's values follow as "?, ?, …)"
INSERT_TEMP_ROW = "INSERT INTO temp.{table} ({columns}) VALUES ("
# 32632 = BUNDLE_SRS_ID (a view cannot take bound values)
REGISTER_COMUNI_GEOMETRY = (
    "CREATE TEMP VIEW gpkg_geometry_columns AS SELECT table_name, column_name, geometry_type_name, "
    "srs_id, z, m FROM main.gpkg_geometry_columns WHERE table_name != 'comuni' "
    "UNION ALL SELECT 'comuni', 'geom', 'MULTIPOLYGON', 32632, 0, 0"
)
ATTACH_EXCEPTIONS_SOURCE = "ATTACH DATABASE ? AS exceptions_source"
EXCEPTIONS_IN_SOURCE = "SELECT 1 FROM exceptions_source.sqlite_master WHERE type = 'table' AND name = ?"
EXCEPTIONS_VIEW = "CREATE TEMP VIEW remix_exceptions AS SELECT * FROM exceptions_source.remix_exceptions"


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
        return SQLiteReader(connection, info)

    def _prepare(self, connection):
        spec = load_spec()
        main_tables = {r[0] for r in connection.execute(MAIN_TABLES)}
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
    columns = connection.execute(MAIN_TABLE_COLUMNS, (table_name,)).fetchall()
    definitions = [_definition(name, declared, name == "fid") for name, declared in columns]
    definitions += [sql.statement(TEXT_COLUMN, name=link.field) for link in links]
    connection.execute(sql.statement(CREATE_TEMP_TABLE, table=table_name) + ", ".join(definitions) + ")")
    copy = [sql.statement(COPY_ALL_COLUMNS, table=table_name)]
    joins = []
    for index, link in enumerate(links):
        fold, alias = "fold_" + link.name, "f" + str(index)
        connection.execute(sql.statement(CREATE_FOLD, fold=fold))
        # rows sorted by parent then ordine: json_group_array keeps the order of its input
        connection.execute(sql.statement(FILL_FOLD, fold=fold, parent_key=link.parent_key, link=link.name))
        copy.append(sql.statement(FOLDED_CODES, alias=alias))
        joins.append(sql.statement(JOIN_FOLD, fold=fold, alias=alias))
    copy.append(sql.statement(FROM_MAIN_TABLE, table=table_name))
    connection.execute("".join(copy + joins) + ORDER_BY_FID)
    for name in ("uuid", "progetto_uuid"):
        if any(column == name for column, _ in columns):
            index_name = "ix_" + table_name + "_" + name
            connection.execute(
                sql.statement(CREATE_TEMP_INDEX, index=index_name, table=table_name, column=name)
            )


def _definition(name, declared, primary_key=False):
    """A column definition; the bundle's declared type is quoted (SQLite keeps its text and
    affinity), so no text of the file becomes SQL."""
    if not declared:
        return sql.statement(PRIMARY_KEY_COLUMN if primary_key else UNTYPED_COLUMN, name=name)
    template = TYPED_PRIMARY_KEY_COLUMN if primary_key else TYPED_COLUMN
    return sql.statement(template, name=name, declared=declared)


def _add_comuni(connection):
    fields = load_model().table(COMUNI_TABLE).fields
    definitions = [_definition("fid", "INTEGER", primary_key=True)]
    definitions += [_definition(f.name, _SQL_TYPES.get(f.kind, "TEXT")) for f in fields]
    definitions.append(_definition("geom", "MULTIPOLYGON"))
    connection.execute(sql.statement(CREATE_TEMP_TABLE, table=COMUNI_TABLE) + ", ".join(definitions) + ")")
    columns = [f.name for f in fields] + ["geom"]
    placeholders = ", ".join("?" for _ in columns)  # values bound, one per column
    connection.executemany(
        sql.statement(INSERT_TEMP_ROW, table=COMUNI_TABLE, columns=columns) + placeholders + ")",
        _comuni_rows(),
    )
    connection.execute(REGISTER_COMUNI_GEOMETRY)


def _attach_exceptions(connection, source_path):
    """Expose the source GeoPackage's accepted exceptions; False when it has none."""
    uri = Path(source_path).resolve().as_uri() + "?mode=ro"
    connection.execute(ATTACH_EXCEPTIONS_SOURCE, (uri,))
    present = connection.execute(EXCEPTIONS_IN_SOURCE, (EXCEPTIONS_TABLE,)).fetchone()
    if present is None:
        return False
    connection.execute(EXCEPTIONS_VIEW)
    return True
