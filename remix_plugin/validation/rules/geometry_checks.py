"""Geometry checks of the validator (QGIS-free): OGR (GDAL's SWIG bindings) decodes WKB and
tests validity with GEOS; shapely (GEOS too) explains invalidity and gives prepared comuni.

Why OGR for the per-feature work: measured on 100,000 parcels (benchmarks/bench_validation.py
--readers) decoding + GEOS validity takes 0.70 s with ``ogr.CreateGeometryFromWkb().IsValid()``
against 1.19 s with ``shapely.wkb.loads().is_valid`` (shapely 1.8 goes through ctypes), and
point-on-surface 0.36 s against 1.19 s. shapely is used where OGR has no equivalent: the
GEOS validity reason with its location (``explain_validity``, only for invalid features) and
prepared geometries for the comuni (point-in-comune tests).

Cost stays near-linear whatever the distribution (issue 11): overlap candidates of a large group
come from an in-memory SQLite R*Tree (C code; the same with shapely 1.8 and 2.x, which differ in
their STRtree API), and the comune tests answer from bounding boxes and prepared geometries before
any overlay. Only API common to shapely 1.8 and 2.x is used (tested on both: Debian 12 and sid),
but for the point-in-polygon test, which takes coordinates without building a Point (30 % of the
comune tests' time with shapely 1.8): ``contains_xy`` on 2.x, ``vectorized.contains`` on 1.8.
"""

import hashlib
import math
import re
import sqlite3

from osgeo import ogr
from shapely import wkb as shapely_wkb
from shapely.ops import unary_union
from shapely.prepared import prep
from shapely.validation import explain_validity

try:  # shapely 2: the point test takes the coordinates, no Point object is built
    from shapely import contains_xy as _contains_xy

    def _contains_point(shape, prepared, x, y):
        return bool(_contains_xy(shape, x, y))

except ImportError:
    try:  # shapely 1.8: the same GEOS predicate on the prepared geometry (needs numpy)
        from shapely.vectorized import contains as _vectorized_contains

        def _contains_point(shape, prepared, x, y):
            return bool(_vectorized_contains(prepared, x, y))

    except ImportError:  # shapely 1.8 without its vectorized module
        from shapely.geometry import Point

        def _contains_point(shape, prepared, x, y):
            return prepared.contains(Point(x, y))


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


# groups up to this size are swept on x; larger ones go through an R*Tree (the sweep degenerates
# to n² when many polygons share an x-range, e.g. one project spread over the whole territory)
SWEEP_MAX = 64

_RTREE_PAIRS = (
    "SELECT a.id, b.id FROM envelopes AS a JOIN envelopes AS b ON b.minx <= a.maxx "
    "AND b.maxx >= a.minx AND b.miny <= a.maxy AND b.maxy >= a.miny WHERE b.id > a.id "
    "ORDER BY a.id, b.id"
)


def _swept_pairs(ordered):
    """(i, j), i < j, of the items (sorted on min x) whose envelopes meet."""
    for i, (_, _, env_a) in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            env_b = ordered[j][2]
            if env_b[0] > env_a[1]:
                break
            if env_b[2] > env_a[3] or env_b[3] < env_a[2]:
                continue
            yield i, j


def _indexed_pairs(ordered):
    """The same pairs as _swept_pairs, in the same order, found through an in-memory SQLite
    R*Tree (C code, n log n whatever the distribution). The R*Tree stores 32-bit floats rounded
    outwards, so its candidates are a superset: the exact envelopes decide."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE envelopes USING rtree(id, minx, maxx, miny, maxy)")
        connection.executemany(
            "INSERT INTO envelopes VALUES (?, ?, ?, ?, ?)",
            ((i, env[0], env[1], env[2], env[3]) for i, (_, _, env) in enumerate(ordered)),
        )
        for i, j in connection.execute(_RTREE_PAIRS):
            env_a, env_b = ordered[i][2], ordered[j][2]
            if env_b[0] > env_a[1] or env_b[2] > env_a[3] or env_b[3] < env_a[2]:
                continue
            yield i, j
    finally:
        connection.close()


def find_overlaps(items, tolerance):
    """Pairs of overlapping polygons among ``items`` [(key, ogr geometry, envelope)]: yields
    (key_a, key_b, overlap area) for overlaps larger than ``tolerance`` (m²), in the order of the
    items sorted on min x. Envelope candidates come from a sweep (small groups) or an R*Tree."""
    ordered = sorted(items, key=lambda item: item[2][0])
    pairs = _swept_pairs(ordered) if len(ordered) <= SWEEP_MAX else _indexed_pairs(ordered)
    for i, j in pairs:
        key_a, geom_a, _ = ordered[i]
        key_b, geom_b, _ = ordered[j]
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


def _boxes_meet(a, b):
    """Whether two (minx, miny, maxx, maxy) boxes meet."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


class ComuniIndex:
    """The comuni of the file, prepared once: declared-comune and territory tests.

    Most tests end before any costly GEOS call: a point outside a comune's bounding box is not in
    it, a point of the geometry inside the (prepared) territory settles that the geometry meets
    it, and a geometry whose envelope misses the comune's box has no share in it. With a lavoro
    declared in a comune far from where it lies, neither the lavoro is decoded by shapely nor the
    comune intersected."""

    def __init__(self, rows):
        self._shapes = {}
        self._boxes = {}
        for istat, wkb in rows:
            shape = _load_shape(wkb)
            if shape is None:  # an unreadable comune is simply not indexed
                continue
            if not shape.is_valid:
                shape = shape.buffer(0)
            if shape.is_empty:
                continue
            self._shapes[istat] = (shape, prep(shape))
            self._boxes[istat] = shape.bounds
        self._territory = None

    def __len__(self):
        return len(self._shapes)

    def __contains__(self, istat):
        return istat in self._shapes

    def contains_point(self, istat, x, y):
        box = self._boxes.get(istat)
        if box is None or not (box[0] <= x <= box[2] and box[1] <= y <= box[3]):
            return False
        shape, prepared = self._shapes[istat]
        return _contains_point(shape, prepared, x, y)

    def territory(self):
        """The union of the comuni, prepared: (shape, prepared shape)."""
        if self._territory is None:
            union = unary_union([shape for shape, _ in self._shapes.values()])
            self._territory = (union, prep(union))
        return self._territory

    def in_territory(self, shape, point=None):
        """Whether the geometry (shapely, or WKB) meets the territory of the comuni. ``point``, a
        point (x, y) of the geometry, answers first: inside a comune, the geometry meets it."""
        union, prepared = self.territory()
        if point is not None and None not in point and _contains_point(union, prepared, *point):
            return True
        return prepared.intersects(as_shape(shape))

    def share_in(self, istat, shape, bounds=None):
        """Share (0..1) of the geometry's area (shapely, or WKB) inside comune ``istat``. The
        comune's bounding box (against the geometry's ``bounds`` (minx, miny, maxx, maxy) when
        given) and the prepared comune answer the common cases (far away, wholly inside) without an
        overlay of the comune's thousands of vertices: only a geometry across its boundary is
        intersected."""
        entry = self._shapes.get(istat)
        if entry is None:
            return 0.0
        if bounds is not None and not _boxes_meet(bounds, self._boxes[istat]):
            return 0.0  # no common point: the intersection's area is 0
        shape = as_shape(shape)
        if shape.area <= 0:
            return 0.0
        comune, prepared = entry
        if not prepared.intersects(shape):
            return 0.0
        if prepared.contains(shape):
            return 1.0
        return shape.intersection(comune).area / shape.area


class LazyShape:
    """WKB decoded by shapely on first use only (shapely 1.8 decodes through ctypes: 10-20 µs)."""

    __slots__ = ("wkb", "_shape")

    def __init__(self, wkb):
        self.wkb = wkb
        self._shape = None

    def get(self):
        if self._shape is None:
            self._shape = shapely_wkb.loads(bytes(self.wkb))
        return self._shape


def as_shape(geometry):
    """A shapely geometry from WKB or a LazyShape (a shapely geometry is returned as it is)."""
    if isinstance(geometry, LazyShape):
        return geometry.get()
    if isinstance(geometry, (bytes, bytearray, memoryview)):
        return shapely_wkb.loads(bytes(geometry))
    return geometry
