"""Geometry checks of the validator (QGIS-free): OGR (GDAL's SWIG bindings) decodes WKB and
tests validity with GEOS; shapely (GEOS too) explains invalidity and gives prepared comuni.

Why OGR for the per-feature work: measured on 100,000 parcels (benchmarks/bench_validation.py
--readers) decoding + GEOS validity takes 0.70 s with ``ogr.CreateGeometryFromWkb().IsValid()``
against 1.19 s with ``shapely.wkb.loads().is_valid`` (shapely 1.8 goes through ctypes), and
point-on-surface 0.36 s against 1.19 s. shapely is used where OGR has no equivalent: the
GEOS validity reason with its location (``explain_validity``, only for invalid features) and
prepared geometries for the comuni (point-in-comune tests).

Cost stays near-linear whatever the distribution (issue 11): overlap candidates are found in
``overlap_pairs`` (sweep, grid or R*Tree); the comune tests answer from
bounding boxes and prepared geometries before any overlay, and their point tests run for a batch
of features in one vectorised call per comune. Only API common to shapely 1.8 and 2.x is used
(tested on both: Debian 12 and sid), but for the point-in-polygon test, which takes coordinates
without building Points: ``contains_xy`` on 2.x, ``vectorized.contains`` on 1.8.
"""

import hashlib
import math
import re

from osgeo import ogr
from shapely import wkb as shapely_wkb
from shapely.ops import unary_union
from shapely.prepared import prep
from shapely.validation import explain_validity

try:  # shapely 2: the point test takes the coordinates, no Point object is built
    import numpy as _numpy
    from shapely import contains_xy as _contains_xy

    def _contains_point(shape, prepared, x, y):
        return bool(_contains_xy(shape, x, y))

    def _contains_points(shape, prepared, xs, ys):
        return [bool(v) for v in _contains_xy(shape, _numpy.asarray(xs), _numpy.asarray(ys))]

except ImportError:
    try:  # shapely 1.8: the same GEOS predicate on the prepared geometry (needs numpy)
        import numpy as _numpy
        from shapely.vectorized import contains as _vectorized_contains

        def _contains_point(shape, prepared, x, y):
            return bool(_vectorized_contains(prepared, x, y))

        def _contains_points(shape, prepared, xs, ys):
            return [bool(v) for v in _vectorized_contains(prepared, _numpy.asarray(xs), _numpy.asarray(ys))]

    except ImportError:  # shapely 1.8 without its vectorized module
        from shapely.geometry import Point

        def _contains_point(shape, prepared, x, y):
            return prepared.contains(Point(x, y))

        def _contains_points(shape, prepared, xs, ys):
            return [prepared.contains(Point(x, y)) for x, y in zip(xs, ys)]


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
        count = geometry.GetGeometryCount()
        if count == 1:  # the usual parcel: one polygon of one ring (the same sums as below)
            polygon = geometry.GetGeometryRef(0)
            if polygon.GetGeometryCount() == 1:
                return [(polygon.GetArea(), 0.0 + polygon.GetGeometryRef(0).Length())]
            polygons = [polygon]
        else:
            polygons = [geometry.GetGeometryRef(i) for i in range(count)]
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

    def locate(self, points):
        """For [(istat, x, y)] (finite x, y): ([whether the point is in comune ``istat``],
        [whether it is in the territory, or None where it is in its comune]), each as
        ``contains_point`` and the point test of ``in_territory`` answer, with one vectorised GEOS
        call per comune (and one for the territory) instead of one call per point."""
        declared = [False] * len(points)
        by_comune = {}
        for index, (istat, x, y) in enumerate(points):
            box = self._boxes.get(istat) if isinstance(istat, str) else None
            if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                by_comune.setdefault(istat, []).append(index)
        for istat, indexes in by_comune.items():
            shape, prepared = self._shapes[istat]
            xs = [points[i][1] for i in indexes]
            ys = [points[i][2] for i in indexes]
            for index, inside in zip(indexes, _contains_points(shape, prepared, xs, ys)):
                declared[index] = inside
        territory = [None] * len(points)
        outside = [i for i, inside in enumerate(declared) if not inside]
        if outside:
            union, prepared = self.territory()
            xs = [points[i][1] for i in outside]
            ys = [points[i][2] for i in outside]
            for index, inside in zip(outside, _contains_points(union, prepared, xs, ys)):
                territory[index] = inside
        return declared, territory

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
