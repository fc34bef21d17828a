"""Geometry columns: binary storage (else the file is unreadable), registration, EPSG:32632 by
code and by definition, the declared geometry type, and 2D only, in the columns and in the
blobs (chosen in SQL: only the few blobs that can give a finding are parsed in Python)."""

import functools
import json

from ... import sql
from ...validation.readers import BlobError, parse_blob
from ..spec import BUNDLE_SRS_ID
from .report import BundleUnreadable

NON_BINARY_GEOMETRIES = (
    "SELECT count(*), min(typeof(geom)) FROM {table} WHERE typeof(geom) NOT IN ('blob', 'null')"
)
REGISTERED_COLUMNS = (
    "SELECT g.table_name, g.geometry_type_name, g.srs_id, s.organization, s.organization_coordsys_id "
    "FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id"
)
USED_SRS_DEFINITIONS = (
    "SELECT DISTINCT s.srs_id, s.definition FROM gpkg_geometry_columns g "
    "JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id"
)
DECLARED_DIMENSIONS = "SELECT table_name, z, m FROM gpkg_geometry_columns"
# Blobs that may not be plain 2D GeoPackage geometries: not 'GP', a flags byte other than those of
# a 2D header without or with an XY envelope (?1, ?2: JSON lists of hex bytes), or a WKB header
# (byte order + type) other than a 2D base type (?3). Only the first 8 + 64 + 5 bytes are read.
SUSPECT_BLOBS = (
    "SELECT uuid, substr(geom, 1, 77) FROM {table} WHERE geom IS NOT NULL AND NOT ("
    "substr(geom, 1, 2) = X'4750' AND ("
    "(hex(substr(geom, 4, 1)) IN (SELECT value FROM json_each(?1)) "
    "AND hex(substr(geom, 9, 5)) IN (SELECT value FROM json_each(?3))) OR "
    "(hex(substr(geom, 4, 1)) IN (SELECT value FROM json_each(?2)) "
    "AND hex(substr(geom, 41, 5)) IN (SELECT value FROM json_each(?3)))))"
)
_PLAIN_2D_TYPES = (1, 2, 3, 4, 5, 6, 7, 15, 16, 17)  # readers.WKB_TYPES, no Z/M (ISO or EWKB)


def _flags(envelope):
    """Hex of the flags bytes of a standard header with this envelope indicator."""
    return [f"{f:02X}" for f in range(256) if not f & 0x20 and (f >> 1) & 0x07 == envelope]


def _wkb_headers():
    headers = []
    for base in _PLAIN_2D_TYPES:
        headers.append("01" + base.to_bytes(4, "little").hex().upper())
        headers.append("00" + base.to_bytes(4, "big").hex().upper())
    return headers


PLAIN_2D_PARAMETERS = (json.dumps(_flags(0)), json.dumps(_flags(1)), json.dumps(_wkb_headers()))


def geometry_tables(spec):
    return [t for t in spec.tables if t.geometry]


def check_storage(connection, spec):
    """A geometry column holds BLOBs (or NULL): any other storage class cannot be read as a
    geometry at all, so the file is unreadable (exit 2), not merely non-conforming."""
    for table in geometry_tables(spec):
        count, kind = connection.execute(sql.statement(NON_BINARY_GEOMETRIES, table=table.name)).fetchone()
        if count:
            raise BundleUnreadable(
                "geometry_storage",
                f"{table.name}: {count} geometrie non sono binarie (tipo SQLite {kind}): file illeggibile.",
                f"{table.name}: {count} geometries are not binary (SQLite type {kind}): unreadable file.",
            )


def check_registration(connection, spec, out):
    rows = {r[0]: r[1:] for r in connection.execute(REGISTERED_COLUMNS)}
    for table in geometry_tables(spec):
        row = rows.get(table.name)
        if row is None:
            out.add("BND-019", table.name)
            continue
        geometry_type, _, organization, code = row
        if (organization or "").upper() != "EPSG" or int(code or 0) != BUNDLE_SRS_ID:
            out.add("BND-020", table.name, detail=f"{organization}:{code}")
        if (geometry_type or "").upper() != table.geometry.upper():
            out.add("BND-021", table.name, shown=f"{geometry_type}", detail=table.geometry)


@functools.lru_cache(maxsize=1)
def _bundle_srs():
    from osgeo import osr

    reference = osr.SpatialReference()
    reference.ImportFromEPSG(BUNDLE_SRS_ID)
    return reference


def check_srs_definitions(connection, out):
    """The SRS row the geometry columns use must define EPSG:32632 itself, not only carry its code."""
    from osgeo import osr

    for srs_id, definition in connection.execute(USED_SRS_DEFINITIONS).fetchall():
        candidate = osr.SpatialReference()
        try:
            parsed = candidate.ImportFromWkt(str(definition or "")) == 0
        except RuntimeError:  # osr raises instead of returning a code when exceptions are on
            parsed = False
        same = parsed and bool(candidate.IsSame(_bundle_srs(), ["IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES"]))
        if not same:
            out.add("BND-022", "gpkg_spatial_ref_sys", value=str(definition or "")[:80], detail=srs_id)


def check_dimensions(connection, spec, out):
    """A 2D column (z = m = 0 in gpkg_geometry_columns, as the spec wants) holds 2D geometries."""
    declared = {r[0]: (r[1], r[2]) for r in connection.execute(DECLARED_DIMENSIONS)}
    for table in geometry_tables(spec):
        z, m = declared.get(table.name, (0, 0))
        if z or m:
            out.add("BND-023", table.name, field_name="geom", detail=f"z={z}, m={m}")
        suspects = connection.execute(sql.statement(SUSPECT_BLOBS, table=table.name), PLAIN_2D_PARAMETERS)
        for uuid, blob in suspects:
            try:
                geometry = parse_blob(blob)
            except BlobError as exc:
                out.add("BND-025", table.name, uuid, "geom", detail=str(exc))
                continue
            envelope_dims = (bytes(blob[3:4])[0] >> 1) & 0x07
            if geometry.has_z or geometry.has_m or envelope_dims > 1:
                out.add("BND-024", table.name, uuid, "geom")
