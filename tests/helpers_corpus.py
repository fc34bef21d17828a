"""Build RE.MIX GeoPackages for the validation tests: a clean dataset placed inside real comuni,
then broken copies of it (one mutation per rule). Rows are written with OGR (GDAL), as the
plugin does; raw SQL mutations go through OGR's ExecuteSQL (which registers the GeoPackage
functions the rtree triggers need) or, for non-spatial tables, plain sqlite3.

No QGIS: usable from the unit tier and from the qgis tier.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
import uuid as uuid_module
from pathlib import Path

import bundle_fixtures
from osgeo import ogr

from remix_plugin.codes import format_codes
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.layers.model import load_model

ogr.UseExceptions()
NOW = "2024-01-15T10:00:00Z"
# two comuni of the seed's examples (ISTAT codes of Rho and Pero)
COMUNE_A = "015182"
COMUNE_B = "015170"


def new_uuid():
    return str(uuid_module.uuid4())


def square_wkt(x, y, size=30.0):
    h = size / 2.0
    return (
        f"MULTIPOLYGON((({x - h} {y - h},{x + h} {y - h},{x + h} {y + h},{x - h} {y + h},{x - h} {y - h})))"
    )


def rect_wkt(x, y, width, height):
    return f"MULTIPOLYGON((({x} {y},{x + width} {y},{x + width} {y + height},{x} {y + height},{x} {y})))"


def bowtie_wkt(x, y, size=30.0):
    return f"MULTIPOLYGON((({x} {y},{x + size} {y + size},{x + size} {y},{x} {y + size},{x} {y})))"


def default_values(table_name, **overrides):
    """Valid values for every user field of a table (references must be given by the caller)."""
    model = load_model()
    table = model.table(table_name)
    values = {}
    for field in table.fields:
        if field.name == "uuid":
            values["uuid"] = new_uuid()
        elif field.name in ("creato_il", "modificato_il"):
            values[field.name] = NOW
        elif field.references or field.name == "superficie_mq":
            continue
        elif field.coded:
            code = model.scheme.dimension(field.dimension).codes(include_deprecated=False)[0]
            values[field.name] = format_codes([code]) if field.multi else code
        elif field.name == "cup":
            values["cup"] = "C11G06000000001"  # the layout of every published CUP (SCH-030/031)
        elif field.kind == "text":
            values[field.name] = f"{field.label_it} di prova"
        elif field.kind == "integer":
            values[field.name] = 1
        elif field.kind == "real":
            values[field.name] = 1000.0
        elif field.kind == "boolean":
            values[field.name] = 0
        elif field.kind == "date":
            values[field.name] = "2024-12-31" if field.name == "data_fine" else "2024-01-01"
        elif field.kind == "datetime":
            values[field.name] = NOW
    values.update(overrides)
    return values


class Writer(bundle_fixtures.Writer):
    """Insert rows into a RE.MIX GeoPackage with OGR inside one transaction; geometry as WKT, and
    a lavoro's area from its geometry unless given."""

    def __init__(self, path):
        super().__init__(path)
        self.path = Path(path)

    def insert(self, table_name, values, wkt=None):
        geometry = ogr.CreateGeometryFromWkt(wkt) if wkt is not None else None
        if geometry is not None and table_name == "lavori" and "superficie_mq" not in values:
            values = dict(values, superficie_mq=round(geometry.GetArea(), 1))
        return bundle_fixtures.Writer.add(self, table_name, values, geometry)

    def add(self, table_name, wkt=None, **overrides):  # rows start from default_values()
        return self.insert(table_name, default_values(table_name, **overrides), wkt)


def comune_points(path):
    """{istat: (x, y)} point on surface of each comune of the file."""
    dataset = ogr.Open(str(path))
    points = {}
    for feature in dataset.GetLayerByName("comuni"):
        point = feature.GetGeometryRef().PointOnSurface()
        points[feature.GetField("istat")] = (point.GetX(), point.GetY())
    dataset = None
    return points


def build_clean(path):
    """A clean RE.MIX GeoPackage: a programme, two projects (in Rho and Pero) with two lavori,
    one azione, one criticità, two phases, an actor, an indicator with a measure, a funding.
    Returns a dict of the uuids and the comune points."""
    path = Path(path)
    create_geopackage(path, overwrite=True)
    points = comune_points(path)
    ids = {"points": points}
    writer = Writer(path)
    ids["programma"] = writer.add("programmi")
    ids["attore"] = writer.add("attori")
    ids["indicatore"] = writer.add("indicatori")
    for key, istat in (("p1", COMUNE_A), ("p2", COMUNE_B)):
        x, y = points[istat]
        project = writer.add(
            "progetti",
            programma_uuid=ids["programma"],
            comune_istat=istat,
            titolo=f"Progetto {key}",
            data_inizio="2020-01-01",
            data_fine="2026-12-31",
        )
        ids[key] = project
        ids[key + "_criticita"] = writer.add(
            "criticita", square_wkt(x, y, 80), progetto_uuid=project, comune_istat=istat
        )
        ids[key + "_lavoro1"] = writer.add(
            "lavori", square_wkt(x, y), progetto_uuid=project, comune_istat=istat
        )
        ids[key + "_lavoro2"] = writer.add(
            "lavori",
            square_wkt(x + 40, y),
            progetto_uuid=project,
            comune_istat=istat,
            servizi_realizzati=format_codes(["spazi_verdi"]),
        )
        ids[key + "_azione"] = writer.add("azioni", progetto_uuid=project, lavoro_uuid=ids[key + "_lavoro1"])
        ids[key + "_fase1"] = writer.add(
            "fasi",
            progetto_uuid=project,
            numero=1,
            stato_fase="conclusa",
            data_inizio="2020-01-01",
            data_fine="2021-06-30",
        )
        ids[key + "_fase2"] = writer.add(
            "fasi",
            progetto_uuid=project,
            numero=2,
            stato_fase="in_corso",
            data_inizio="2021-07-01",
            data_fine="2026-12-31",
        )
        writer.add("progetto_attori", progetto_uuid=project, attore_uuid=ids["attore"])
        writer.add(
            "misure",
            progetto_uuid=project,
            indicatore_uuid=ids["indicatore"],
            data_misura="2023-05-01",
            valore=12.5,
        )
        writer.add("finanziamenti", progetto_uuid=project, data="2022-03-01")
    writer.close()
    return ids


def copy_of(source, target):
    shutil.copyfile(source, target)
    return Path(target)


def ogr_sql(path, statement):
    """Run one SQL statement through OGR (SQLite dialect, GeoPackage functions registered)."""
    dataset = ogr.Open(str(path), update=1)
    result = dataset.ExecuteSQL(statement)
    if result is not None:
        dataset.ReleaseResultSet(result)
    dataset = None


def sqlite_exec(path, statement, parameters=()):
    """Plain sqlite3 write (only for tables without GeoPackage rtree triggers)."""
    connection = sqlite3.connect(str(path))
    try:
        connection.execute(statement, parameters)
        connection.commit()
    finally:
        connection.close()


def update(path, table, feature_uuid, **values):
    """Set fields of one record through OGR (None -> NULL)."""
    dataset = ogr.Open(str(path), update=1)
    layer = dataset.GetLayerByName(table)
    layer.SetAttributeFilter("uuid = '" + feature_uuid.replace("'", "''") + "'")
    feature = layer.GetNextFeature()
    for name, value in values.items():
        if name == "geom":
            feature.SetGeometry(None if value is None else ogr.CreateGeometryFromWkt(value))
        elif value is None:
            feature.SetFieldNull(name)
        else:
            feature.SetField(name, value)
    layer.SetFeature(feature)
    dataset = None


def gpkg_blob(wkb, srs_id):
    """A GeoPackage geometry blob (no envelope, little-endian header) around ``wkb``."""
    return b"GP" + bytes([0, 0x01]) + struct.pack("<i", srs_id) + wkb
