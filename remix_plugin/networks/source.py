"""A small, store-independent reading layer for the incubator's tools (networks, priority).

``read_tables(source, {table: [fields]}, geometry=(...))`` gives, for a GeoPackage path or a
central-database DSN, the rows of each table as dicts (multi codes as lists, geometries as WKB
bytes under ``"geom"`` for the tables named in ``geometry``), plus the CRS (``"EPSG:32632"``).

- GeoPackage: read with OGR (no QGIS), opened read-only; missing optional columns read as None.
- DSN (schema ``remix``, same table and field names, jsonb for multi codes, uuid keys): psycopg2
  through ``central.database.connect``; uuids come back as text, jsonb as lists.

Errors are ``SourceError`` (a ``RemixError``) with Italian and English text; the CLIs map them to
exit code 2.
"""

import json
import os
from dataclasses import dataclass, field

from ..codes import parse_codes
from ..errors import RemixError
from ..i18n import BOTH, tr
from ..layers.model import GEOMETRY_COLUMN, load_model

CENTRAL_SCHEMA = "remix"


class SourceError(RemixError):
    """The source cannot be opened or read (exit code 2 in the CLIs)."""


@dataclass
class SourceData:
    label: str
    crs: str = ""
    tables: dict = field(default_factory=dict)  # name -> [row dict]

    def rows(self, table):
        return self.tables.get(table, [])


def looks_like_dsn(text):
    """True for a libpq connection string; uses helper A's ``central.dsn`` when present."""
    try:
        from ..central.dsn import looks_like_dsn as central_looks_like_dsn
    except ImportError:
        central_looks_like_dsn = None
    if central_looks_like_dsn is not None:
        return central_looks_like_dsn(text)
    value = str(text).strip()
    if value.startswith(("postgresql://", "postgres://", "PG:")):
        return True
    if os.path.exists(value):
        return False
    return "=" in value and any(
        value.startswith(k) or (" " + k) in value for k in ("service=", "dbname=", "host=", "user=", "port=")
    )


def read_tables(source, wanted, geometry=()):
    """Rows of the ``wanted`` tables ({table: [field names]}) of a GeoPackage or a DSN."""
    source = str(source)
    model = load_model()
    for table, fields in wanted.items():
        known = model.table(table)
        for name in fields:
            if not known.has_field(name):  # programming error: names come from our code
                raise ValueError(f"{table}.{name} is not in the data model")
    if looks_like_dsn(source):
        return _read_database(source, wanted, geometry, model)
    return _read_geopackage(source, wanted, geometry, model)


def _value(model_field, value):
    if model_field.multi:
        return parse_codes(value).codes
    if model_field.kind == "boolean" and value is not None:
        return bool(value)
    if isinstance(value, str) and model_field.kind != "text":
        value = value.strip() or None
    return value


def _read_geopackage(path, wanted, geometry, model):
    from osgeo import gdal, ogr

    if not os.path.isfile(path):
        raise SourceError(
            "source_missing", *tr("The file {path} does not exist.", language=BOTH).format(path=path)
        )
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPKG"])
    except RuntimeError:  # when the process runs GDAL with exceptions on
        dataset = None
    if dataset is None:
        raise SourceError(
            "source_unreadable", *tr("Cannot open {path} as a GeoPackage.", language=BOTH).format(path=path)
        )
    data = SourceData(label=path)
    try:
        for table, fields in wanted.items():
            layer = dataset.GetLayerByName(table)
            if layer is None:
                raise SourceError(
                    "source_no_table",
                    *tr("{path} has no table {table}: is it a RE.MIX GeoPackage?", language=BOTH).format(
                        path=path, table=table
                    ),
                )
            definition = layer.GetLayerDefn()
            indexes = {name: definition.GetFieldIndex(name) for name in fields}
            if not data.crs and layer.GetSpatialRef() is not None and table in geometry:
                srs = layer.GetSpatialRef()
                code = srs.GetAuthorityCode(None)
                data.crs = f"{srs.GetAuthorityName(None)}:{code}" if code else ""
            spec = model.table(table)
            columns = [(name, spec.field(name), indexes[name]) for name in fields]
            rows = []
            layer.ResetReading()
            for feature in layer:
                row = {}
                for name, model_field, index in columns:  # a missing optional column reads as None
                    row[name] = _value(model_field, feature.GetField(index)) if index >= 0 else None
                if table in geometry:
                    geom = feature.GetGeometryRef()
                    row[GEOMETRY_COLUMN] = (
                        bytes(geom.ExportToWkb(ogr.wkbNDR))
                        if geom is not None and not geom.IsEmpty()
                        else None
                    )
                rows.append(row)
            data.tables[table] = rows
    finally:
        dataset = None
    return data


def _read_database(dsn, wanted, geometry, model):
    from ..central.database import connect
    from ..sql import quote_identifier

    connection = connect(dsn, application="RE.MIX networks")
    data = SourceData(label="PostgreSQL")
    try:
        import psycopg2

        with connection.cursor() as cursor:
            for table, fields in wanted.items():
                columns = [
                    quote_identifier(name) + "::text"
                    if not model.table(table).field(name).multi
                    and model.table(table).field(name).kind in ("text", "date", "datetime")
                    else quote_identifier(name)
                    for name in fields
                ]
                if table in geometry:
                    columns.append("ST_AsBinary(" + quote_identifier(GEOMETRY_COLUMN) + ")")
                statement = " ".join(
                    [
                        "SELECT",
                        ", ".join(columns),
                        "FROM",
                        quote_identifier(CENTRAL_SCHEMA) + "." + quote_identifier(table),
                    ]
                )
                try:
                    cursor.execute(statement)
                except psycopg2.Error as exc:
                    raise SourceError(
                        "source_unreadable",
                        *tr("Cannot read table {table} of the database: {error}", language=BOTH).format(
                            table=table, error=str(exc).strip().splitlines()[0]
                        ),
                    ) from exc
                spec = model.table(table)
                rows = []
                for record in cursor.fetchall():
                    row = {}
                    for index, name in enumerate(fields):
                        value = record[index]
                        if spec.field(name).multi and isinstance(value, str):
                            value = json.loads(value)
                        if spec.field(name).kind == "real" and value is not None:
                            value = float(value)
                        row[name] = _value(spec.field(name), value)
                    if table in geometry:
                        wkb = record[len(fields)]
                        row[GEOMETRY_COLUMN] = bytes(wkb) if wkb is not None else None
                    rows.append(row)
                data.tables[table] = rows
            if geometry and not data.crs:
                cursor.execute("SELECT Find_SRID(%s, %s, %s)", (CENTRAL_SCHEMA, geometry[0], GEOMETRY_COLUMN))
                srid = cursor.fetchone()[0]
                data.crs = f"EPSG:{srid}" if srid else ""
    finally:
        connection.close()
    return data
