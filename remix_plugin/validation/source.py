"""The one narrow interface the validation engine reads through (docs/validation.md, "Sources").

A *source* says where the data is: ``path`` (shown in the report), ``optional_tables`` (model
tables this kind of store may lack without a finding) and ``open()``, which returns a *reader*.
The rules only ever call the reader's methods below, never a connection, so a new store (the
central PostGIS database, issue 14) is a new source with its reader, not edits across the rules.

``SQLiteReader`` is the reader of everything SQLite: the editing GeoPackage (``FileSource``
here) and a regional bundle (``export/bundle_source.BundleSource``, which prepares temporary
tables on the connection first). Geometry values are GeoPackage geometry blobs
(``readers.parse_blob``); a reader of another store hands out the same blobs.
"""

import sqlite3

from .. import sql
from ..layers.inspect import connect_read_only, inspect_geopackage
from .exceptions_store import compute_feature_hash, read_exceptions
from .readers import geometry_columns, iter_rows, srs_names, table_columns

COUNT_ROWS = "SELECT count(*) FROM {table}"
ROW_WHERE = "SELECT {columns} FROM {table} WHERE {key} = ?"


class SQLiteReader:
    """What a rule may read, over one open read-only sqlite3 connection.

    - ``info``: the file's RemixFileInfo (schema and scheme versions, CRS, table names);
    - ``columns(table)``: {column: declared type, upper case}, {} when the table is absent;
    - ``geometry_registry()``: ({table: (geometry column, type name, srs_id)}, {srs_id: "EPSG:n"});
    - ``count(table)``, ``rows(table, columns, order_by)`` (streamed tuples), ``row(table, columns,
      key, value)`` (the one row whose ``key`` column equals ``value``, or None);
    - ``query(template, params, **identifiers)``: a cross-record check, a named SQL template of the
      rule module (plain SQL, identifiers filled by ``sql.statement``), rows as tuples;
    - ``accepted_exceptions()``, ``feature_hash(table, uuid)``: the exceptions store's view;
    - ``read_errors``: the exceptions that mean "the store cannot be read" (not a finding).
    """

    read_errors = (sqlite3.DatabaseError,)

    def __init__(self, connection, info):
        self.connection = connection
        self.info = info

    def columns(self, table):
        return table_columns(self.connection, table)

    def geometry_registry(self):
        try:
            return geometry_columns(self.connection), srs_names(self.connection)
        except sqlite3.DatabaseError:
            return {}, {}

    def count(self, table):
        return self.connection.execute(sql.statement(COUNT_ROWS, table=table)).fetchone()[0]

    def rows(self, table, columns, order_by=()):
        return iter_rows(self.connection, table, columns, order_by=order_by)

    def row(self, table, columns, key, value):
        statement = sql.statement(ROW_WHERE, table=table, columns=list(columns), key=key)
        return self.connection.execute(statement, (value,)).fetchone()

    def query(self, template, params=(), **identifiers):
        return self.connection.execute(sql.statement(template, **identifiers), params).fetchall()

    def accepted_exceptions(self):
        return read_exceptions(self.connection)

    def feature_hash(self, table, feature_uuid):
        return compute_feature_hash(self.connection, table, feature_uuid)

    def close(self):
        self.connection.close()


class FileSource:
    """An editing RE.MIX GeoPackage, read read-only with sqlite3."""

    optional_tables = ()  # model tables this kind of file may lack without a finding

    def __init__(self, path):
        self.path = str(path)

    def open(self):
        info = inspect_geopackage(self.path)  # RemixFileError when unusable
        return SQLiteReader(connect_read_only(self.path), info)
