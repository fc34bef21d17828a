"""Geometry checks of the validator (QGIS-free): OGR (GDAL's SWIG bindings) decodes WKB and
tests validity with GEOS; shapely (GEOS too) explains invalidity and gives prepared comuni.

Why OGR for the per-feature work: measured on 100,000 parcels (benchmarks/bench_validation.py
--readers) decoding + GEOS validity takes 0.70 s with ``ogr.CreateGeometryFromWkb().IsValid()``
against 1.19 s with ``shapely.wkb.loads().is_valid`` (shapely 1.8 goes through ctypes), and
point-on-surface 0.36 s against 1.19 s. shapely is used where OGR has no equivalent: the
GEOS validity reason with its location (``explain_validity``, only for invalid features) and
prepared geometries for the comuni (point-in-comune tests).
"""

import hashlib
import math
import re

from osgeo import ogr
from shapely import wkb as shapely_wkb
from shapely.geometry import Point
from shapely.ops import unary_union
from shapely.prepared import prep
from shapely.validation import explain_validity

_REASON = re.compile(r"^\s*(?P<reason>[^\[]*?)\s*\[(?P<x>[^\s\]]+)\s+(?P<y>[^\s\]]+)\]\s*$")


class GeometryReadError(ValueError):
    pass


def ogr_geometry(wkb):
    """An OGR geometry from WKB, or GeometryReadError (whatever GDAL's exception mode is)."""
    try:
        geometry = ogr.CreateGeometryFromWkb(wkb)
    except RuntimeError as exc:  # ogr.UseExceptions() mode
        raise GeometryReadError(str(exc).strip() or "unreadable WKB") from None
    if geometry is None:
        raise GeometryReadError("unreadable WKB")
    return geometry


def _finite(value):
    return value if value is not None and math.isfinite(value) else None


def parse_validity_reason(text):
    """ "Self-intersection[512 5041]" -> ("Self-intersection", 512.0, 5041.0)."""
    match = _REASON.match(text or "")
    if not match:
        return (text or "invalid geometry").strip(), None, None
    try:
        x, y = float(match.group("x")), float(match.group("y"))
    except ValueError:
        return match.group("reason"), None, None
    return match.group("reason"), _finite(x), _finite(y)


def explain_invalid(wkb):
    """GEOS's reason and location for an invalid geometry: (reason, x, y)."""
    try:
        text = explain_validity(shapely_wkb.loads(wkb))
    except Exception as exc:  # noqa: BLE001 - any GEOS/shapely failure becomes the reason
        return f"GEOS: {exc}", None, None
    return parse_validity_reason(text)


def point_on_surface(geometry):
    """(x, y) of a point on the surface of an OGR geometry, or (None, None)."""
    try:
        point = geometry.PointOnSurface()
    except RuntimeError:
        point = None
    if point is None or point.IsEmpty():
        return None, None
    return _finite(point.GetX()), _finite(point.GetY())


def polygon_parts(geometry):
    """[(area, perimeter)] of each polygon of an OGR Polygon/MultiPolygon."""
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    if flat == ogr.wkbPolygon:
        polygons = [geometry]
    else:
        polygons = [geometry.GetGeometryRef(i) for i in range(geometry.GetGeometryCount())]
    parts = []
    for polygon in polygons:
        perimeter = 0.0
        for index in range(polygon.GetGeometryCount()):
            perimeter += polygon.GetGeometryRef(index).Length()
        parts.append((polygon.GetArea(), perimeter))
    return parts


def duplicate_key(area, envelope):
    """A cheap key equal for equal geometries (area and envelope to the centimetre)."""
    return "%.2f|%.2f|%.2f|%.2f|%.2f" % ((area,) + tuple(envelope))


def normalized_hash(wkb):
    """Digest of the normalised geometry (ring start and orientation independent)."""
    geometry = ogr_geometry(wkb)
    geometry.Normalize()
    return hashlib.sha256(bytes(geometry.ExportToIsoWkb())).hexdigest()


def find_overlaps(items, tolerance):
    """Pairs of overlapping polygons among ``items`` [(key, ogr geometry, envelope)]: yields
    (key_a, key_b, overlap area) for overlaps larger than ``tolerance`` (m²). Sweep on x."""
    ordered = sorted(items, key=lambda item: item[2][0])
    for i, (key_a, geom_a, env_a) in enumerate(ordered):
        for key_b, geom_b, env_b in ordered[i + 1 :]:
            if env_b[0] > env_a[1]:
                break
            if env_b[2] > env_a[3] or env_b[3] < env_a[2]:
                continue
            if not geom_a.Intersects(geom_b):
                continue
            intersection = geom_a.Intersection(geom_b)
            area = intersection.GetArea() if intersection is not None else 0.0
            if area > tolerance:
                yield key_a, key_b, area


def _load_shape(wkb):
    try:
        return shapely_wkb.loads(wkb)
    except Exception:  # noqa: BLE001 - unreadable WKB
        return None


class ComuniIndex:
    """The comuni of the file, prepared once: declared-comune and territory tests."""

    def __init__(self, rows):
        self._shapes = {}
        for istat, wkb in rows:
            shape = _load_shape(wkb)
            if shape is None:  # an unreadable comune is simply not indexed
                continue
            if not shape.is_valid:
                shape = shape.buffer(0)
            self._shapes[istat] = (shape, prep(shape))
        self._territory = None

    def __len__(self):
        return len(self._shapes)

    def __contains__(self, istat):
        return istat in self._shapes

    def contains_point(self, istat, x, y):
        entry = self._shapes.get(istat)
        return bool(entry and entry[1].contains(Point(x, y)))

    def territory(self):
        if self._territory is None:
            self._territory = prep(unary_union([shape for shape, _ in self._shapes.values()]))
        return self._territory

    def in_territory(self, wkb):
        return self.territory().intersects(shapely_wkb.loads(wkb))

    def share_in(self, istat, wkb):
        """Share (0..1) of the geometry's area inside comune ``istat``."""
        entry = self._shapes.get(istat)
        if entry is None:
            return 0.0
        shape = shapely_wkb.loads(wkb)
        if shape.area <= 0:
            return 0.0
        return shape.intersection(entry[0]).area / shape.area
