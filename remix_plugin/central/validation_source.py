"""The central database as a validation source (issue 14): ``DatabaseSource(dsn)`` hands the
validation engine a reader with the same interface and the same values as the GeoPackage's
``validation/source.SQLiteReader``, so ``validate DSN`` gives the findings ``validate FILE.gpkg``
gives on the same data (docs/central-database.md, "Validating the database").

How (the dialect mapping, in ONE place, ``DatabaseReader.prepare``): inside one REPEATABLE READ
transaction (one snapshot, never committed) every table of schema ``remix`` the validator reads
is copied into a temporary table of the same name (with ``only``, just the selected rows of the
data tables: a check-out, the validation after an import), with the GeoPackage's representation:

- a ``fid`` (integer, 1…n in creation order: ``creato_il`` then physical order), which the rules
  use as the record's handle (PostgreSQL rows have only their uuid);
- uuid and jsonb (multi-codes) as text, booleans as 0/1, dates as ``YYYY-MM-DD``, timestamps as
  ``YYYY-MM-DDTHH:MM:SSZ`` (UTC), numeric as double precision;
- geometry as GeoPackage geometry blobs (``GP`` header without envelope + ISO WKB, NDR).

Declared types are reported as the GeoPackage's (``bigint`` → INTEGER …, through the model kinds of
``ddl.PG_TYPES``), so the structure rules judge both stores alike. The rules' cross-record SQL
templates are plain SQL that both SQLite and PostgreSQL run unchanged on these tables; a ``?``
placeholder becomes ``%s`` here. The database has no exceptions store: none accepted.
"""

import re

from .. import sql
from ..layers.errors import RemixFileError
from ..layers.inspect import RemixFileInfo
from ..layers.model import CODELIST_TABLE, EXCEPTIONS_TABLE, load_model
from ..log import get_logger
from ..validation.rules.structure import DECLARED_TYPES
from . import ddl
from .dsn import display_dsn, libpq_dsn

LOG = get_logger("central.validation")
FETCH_SIZE = 2000
SMALL_COPY = 500  # rows of a selected table copied without indexes and ANALYZE (DatabaseReader._copy)

LIST_RELATIONS = (
    "SELECT c.relname, c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
    "ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind IN ('r', 'v', 'm', 'p')"
)
LIST_COLUMNS = (
    "SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, NULL), t.typname "
    "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
    "WHERE n.nspname = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum"
)
GEOMETRY_COLUMNS = (
    "SELECT f_table_name, f_geometry_column, upper(type), srid FROM {postgis}.{view} "
    "WHERE f_table_schema = %s"
)
# the same from the catalogue for one schema's typed columns (geometry(MultiPolygon, 32632)): the
# geometry_columns view evaluates every column of every relation of the database (12 ms a call,
# once per import's validation); the view stays the answer for a column without a type modifier
TYPED_GEOMETRY_COLUMNS = (
    "SELECT c.relname, a.attname, upper({postgis}.postgis_typmod_type(a.atttypmod)), "
    "{postgis}.postgis_typmod_srid(a.atttypmod), a.atttypmod "
    "FROM pg_catalog.pg_attribute AS a "
    "JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_type AS t ON t.oid = a.atttypid "
    "WHERE n.nspname = %s AND t.typname = 'geometry' AND a.attnum > 0 AND NOT a.attisdropped "
    "AND c.relkind IN ('r', 'v', 'm', 'p', 'f')"
)
_DIMENSIONS = re.compile(r"(ZM|Z|M)$")  # the view gives the type without them (coord_dimension apart)
SEARCH_PATH = "SET LOCAL search_path = pg_temp, pg_catalog"
COPY_TABLE = "CREATE TEMP TABLE {copy} ON COMMIT DROP AS SELECT row_number() OVER ({order}) AS fid, "
FROM_TABLE = " FROM {schema}.{table}"
ONLY_KEYS = " WHERE {key} = ANY(%s::uuid[])"  # a selection (checkout, the import's validation)
INDEX = "CREATE INDEX ON {copy} ({column})"
ANALYZE = "ANALYZE {copy}"
COUNT_ROWS = "SELECT count(*) FROM {table}"
SELECT_COLUMNS = "SELECT {columns} FROM {table}"
SELECT_ORDERED = "SELECT {columns} FROM {table} ORDER BY {order}"
ROW_WHERE = "SELECT {columns} FROM {table} WHERE {key} = %s"

# PostgreSQL type name -> the expression giving the GeoPackage's value ({c}: the quoted column)
AS_TEXT = "{c}::text"
CONVERSIONS = {
    "uuid": AS_TEXT,
    "jsonb": AS_TEXT,
    "json": AS_TEXT,
    "bool": "{c}::integer",
    "date": "to_char({c}, 'YYYY-MM-DD')",
    "timestamptz": "to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    "timestamp": "to_char({c}, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    "numeric": "{c}::double precision",
    "int2": "{c}::bigint",
    "int4": "{c}::bigint",
    "float4": "{c}::double precision",
}
KEPT = ("text", "varchar", "bpchar", "int8", "float8")
# GeoPackage geometry blob: "GP", version 0, flags (0x00 big-endian header, no envelope; 0x10 empty),
# srs_id (int4send: big-endian), then the WKB (NDR, ISO) of the geometry.
GPKG_BLOB = (
    "CASE WHEN {c} IS NULL THEN NULL ELSE "
    "decode(CASE WHEN {postgis}.ST_IsEmpty({c}) THEN '47500010' ELSE '47500000' END, 'hex') "
    "|| int4send({postgis}.ST_SRID({c})) || {postgis}.ST_AsBinary({c}, 'NDR') END"
)
# PostgreSQL types the structure rules see as a GeoPackage type (other types: their own name,
# which the structure rules then report, STR-003).
PG_KIND = {pg_type: kind for kind, pg_type in ddl.PG_TYPES.items()} | {
    "timestamp with time zone": "datetime",
    "uuid": "text",
}


def declared_type(pg_type, geometry_type=None):
    if geometry_type:
        return geometry_type
    kind = PG_KIND.get(pg_type)
    return DECLARED_TYPES[kind][0] if kind else pg_type.upper()


def _as_file_error(exc):
    return RemixFileError(getattr(exc, "code", "cannot_connect"), exc.message("it"), exc.message("en"))


def _no_schema(name):
    return RemixFileError(
        "not_remix",
        f"Il database {name} non ha lo schema RE.MIX (crealo con «python3 -m remix_plugin db init»).",
        f"The database {name} has no RE.MIX schema (create it with 'python3 -m remix_plugin db init').",
    )


class DatabaseReader:
    """``SQLiteReader``'s methods over the temporary GeoPackage-like copies (module docstring)."""

    def __init__(self, connection, info, label, only=None, owns_connection=True):
        import psycopg2

        self.read_errors = (psycopg2.Error,)
        self.connection = connection
        self.owns_connection = owns_connection  # False: the caller's (an import's) connection
        self.database = info
        self.label = label
        self.info = None
        self._columns = {}
        self._geometry = {}
        self._names = 0
        # {data table: uuids}: copy only these rows of the data tables (None: every row);
        # ``copied`` {table: rows copied into the snapshot's temporary tables}
        self.only = only
        self.copied = {}

    # -- preparation: the one place where PostgreSQL becomes the GeoPackage's values --------
    def prepare(self):
        cursor = self.connection.cursor()
        postgis = self.database.postgis_schema or "public"
        cursor.execute(LIST_RELATIONS, (ddl.SCHEMA,))
        relations = dict(cursor.fetchall())
        cursor.execute(LIST_COLUMNS, (ddl.SCHEMA,))
        source_columns = {}
        for table, column, pg_type, type_name in cursor.fetchall():
            source_columns.setdefault(table, []).append((column, pg_type, type_name))
        geometry = geometry_registry(cursor, postgis)
        cursor.execute(SEARCH_PATH)
        model = load_model()
        wanted = [t for t in model.table_names + [CODELIST_TABLE] if t in relations]
        for table in wanted:
            self._copy(cursor, table, relations[table], source_columns.get(table, []), geometry, postgis,
                       model)
        self._geometry = {t: g for t, g in geometry.items() if t in wanted}
        metadata = self.database.metadata
        self.info = RemixFileInfo(self.label, self.database.schema_version,
                                  metadata.get("scheme_version", ""), metadata.get("crs", ""), metadata,
                                  sorted(relations))
        return self

    def _copy(self, cursor, table, kind, columns, geometry, postgis, model):
        names = [c for c, _, _ in columns]
        if kind in ("r", "p", "m"):
            order = "ORDER BY " + ("{created} NULLS LAST, ctid" if ddl.CREATED_AT in names else "ctid")
        else:
            order = ""
        expressions, declared = [], {"fid": "INTEGER"}
        geometry_column = geometry.get(table, (None,))[0]
        for column, pg_type, type_name in columns:
            if column == "fid":  # never in a RE.MIX schema; the rules' handle stays unambiguous
                continue
            quoted = sql.statement("{c}", c=column)
            if column == geometry_column:
                expression = sql.statement(GPKG_BLOB, c=column, postgis=postgis)
                declared[column] = geometry[table][1]
            else:
                template = CONVERSIONS.get(type_name, "{c}" if type_name in KEPT else AS_TEXT)
                expression = template.replace("{c}", quoted)
                declared[column] = declared_type(pg_type)
            expressions.append(expression + " AS " + quoted)
        statement = sql.statement(COPY_TABLE.replace("{order}", order), copy=table, created=ddl.CREATED_AT)
        statement += ", ".join(expressions) + sql.statement(FROM_TABLE, schema=ddl.SCHEMA, table=table)
        if self.only is not None and model.has_table(table) and model.table(table).has_uuid:
            keys = sorted(self.only.get(table, ()))
            cursor.execute(statement.replace("%", "%%") + sql.statement(ONLY_KEYS, key=ddl.KEY), (keys,))
        else:
            cursor.execute(statement)
        self.copied[table] = cursor.rowcount
        if 0 <= cursor.rowcount <= SMALL_COPY and self.only is not None:
            self._columns[table] = declared  # a few selected rows: no index, no statistics (they cost more)
            return
        indexed = ["fid"] + [c for c in names if c == ddl.KEY or c.endswith("_uuid")]
        if model.has_table(table) and not model.table(table).has_uuid:
            indexed.append(names[0])
        for column in dict.fromkeys(indexed):
            cursor.execute(sql.statement(INDEX, copy=table, column=column))
        cursor.execute(sql.statement(ANALYZE, copy=table))
        self._columns[table] = declared

    # -- the reader interface (validation/source.py) ------------------------------------------
    def columns(self, table):
        return dict(self._columns.get(table, {}))

    def geometry_registry(self):
        srs = {srid: f"EPSG:{srid}" for _, _, srid in self._geometry.values()}
        return dict(self._geometry), srs

    def count(self, table):
        cursor = self.connection.cursor()
        cursor.execute(sql.statement(COUNT_ROWS, table=table))
        return cursor.fetchone()[0]

    def rows(self, table, columns, order_by=()):
        if order_by:
            statement = sql.statement(SELECT_ORDERED, table=table, columns=list(columns),
                                      order=list(order_by))
        else:
            statement = sql.statement(SELECT_COLUMNS, table=table, columns=list(columns))
        self._names += 1
        cursor = self.connection.cursor(name=f"remix_rows_{self._names}")  # server side: streamed
        cursor.itersize = FETCH_SIZE
        try:
            cursor.execute(statement)
            while True:
                batch = cursor.fetchmany(FETCH_SIZE)
                if not batch:
                    return
                yield from (_plain(row) for row in batch)
        finally:
            cursor.close()

    def row(self, table, columns, key, value):
        cursor = self.connection.cursor()
        cursor.execute(sql.statement(ROW_WHERE, table=table, columns=list(columns), key=key), (value,))
        found = cursor.fetchone()
        return _plain(found) if found is not None else None

    def query(self, template, params=(), **identifiers):
        statement = sql.statement(template, **identifiers)
        cursor = self.connection.cursor()
        if params:  # the rules' SQLite placeholders; a literal % doubled for psycopg2
            cursor.execute(statement.replace("%", "%%").replace("?", "%s"), tuple(params))
        else:
            cursor.execute(statement)
        return [_plain(row) for row in cursor.fetchall()]

    def accepted_exceptions(self):
        return {}  # no exceptions store in the database (docs/central-database.md)

    def feature_hash(self, table, feature_uuid):
        return ""

    def close(self):
        try:
            self.connection.rollback()  # the temporary copies go with the transaction
        finally:
            if self.owns_connection:
                self.connection.close()


def geometry_registry(cursor, postgis):
    """{table: (geometry column, TYPE, srid)} of schema ``remix``, as PostGIS's geometry_columns
    view gives it: read from the catalogue for typed columns, from the view when one has no type
    modifier (its type and srid then come from constraints)."""
    cursor.execute(sql.statement(TYPED_GEOMETRY_COLUMNS, postgis=postgis), (ddl.SCHEMA,))
    rows = cursor.fetchall()
    if all(typmod is not None and typmod >= 0 for *_rest, typmod in rows):
        return {t: (c, _DIMENSIONS.sub("", kind), srid) for t, c, kind, srid, _typmod in rows}
    cursor.execute(sql.statement(GEOMETRY_COLUMNS, postgis=postgis, view="geometry_columns"), (ddl.SCHEMA,))
    return {t: (c, type_name, srid) for t, c, type_name, srid in cursor.fetchall()}


def _plain(row):
    """psycopg2 hands bytea as memoryview; the rules get bytes, as from sqlite3."""
    return tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)


class DatabaseSource:
    """The central PostGIS database (schema ``remix``) at a libpq DSN, read in one snapshot."""

    optional_tables = (EXCEPTIONS_TABLE,)  # the database keeps no exceptions store

    def __init__(self, dsn, select=None, connection=None):
        self.dsn = libpq_dsn(dsn)
        self.path = display_dsn(dsn)
        self.select = select  # open()'s default selection (bundle_import: the records an import touched)
        # an open connection to read through (bundle_import's, after its commit: its catalogue
        # caches are warm, a new connection's first catalogue query costs ~10 ms); left open
        self.connection = connection

    def open(self, select=None):
        """The reader; RemixFileError (exit 2 in the CLI) when the database cannot be validated:
        no connection, no PostGIS, no RE.MIX schema, a newer schema, a read refused.
        ``select(cursor)`` -> {data table: uuids} or None: only these rows are read (in the same
        snapshot; central/checkout.py ``select_in_database``)."""
        import psycopg2
        import psycopg2.extensions

        from .database import CentralError, connect, inspect_database

        owned = self.connection is None
        try:
            connection = connect(self.dsn, application="RE.MIX validate") if owned else self.connection
        except CentralError as exc:
            raise _as_file_error(exc) from exc

        def release():
            if owned:
                connection.close()
            else:
                connection.rollback()

        try:
            connection.set_session(isolation_level=psycopg2.extensions.ISOLATION_LEVEL_REPEATABLE_READ)
            info = inspect_database(connection)
            if not info.has_schema or not info.postgis_version:
                raise _no_schema(info.name)
            select = select or self.select
            only = select(connection.cursor()) if select is not None else None
            reader = DatabaseReader(connection, info, self.path, only, owns_connection=owned).prepare()
        except CentralError as exc:
            release()
            raise _as_file_error(exc) from exc
        except psycopg2.Error as exc:
            release()
            text = str(getattr(exc, "pgerror", None) or exc).strip().splitlines()
            first = text[0] if text else type(exc).__name__
            raise RemixFileError("unreadable", f"Lettura del database non riuscita: {first}",
                                 f"Cannot read the database: {first}") from exc
        except BaseException:
            release()
            raise
        LOG.info("validating %s (schema %s)", self.path, info.schema_version)
        return reader
