"""Overlap candidates of GEO-009 (QGIS-free): pairs of lavori of one project whose envelopes
meet, then GEOS (OGR) intersection area above the tolerance. Cost stays near-linear whatever the
distribution (issue 11): a sweep on x for small groups; for large ones a grid of buckets sized on
the median envelope (parcels of similar size, the usual case) or, when the envelopes are too
unequal for a grid, an in-memory SQLite R*Tree (C code; the same with shapely 1.8 and 2.x). All
three give the same pairs in the same order (tests/unit/test_hardening_cost.py)."""

import math
import sqlite3

# groups up to this size are swept on x; larger ones go through a grid or an R*Tree (the sweep
# degenerates to n² when many polygons share an x-range, e.g. one project over the territory)
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


# the grid of _grid_pairs: cells GRID_CELL times the median envelope side; an envelope may cover
# at most GRID_SPAN cells and the pairs tested in all cells at most GRID_TESTS per item, beyond
# which (very unequal sizes, dense stacks) the R*Tree takes over
GRID_CELL = 4.0
GRID_SPAN = 16
GRID_TESTS = 32


def _grid_pairs(ordered):
    """The same pairs as _swept_pairs, in the same order, from a uniform grid of buckets (a dict:
    near-linear for parcels of similar size wherever they lie, and twice as fast as filling an
    R*Tree); None when the envelopes are too unequal for a grid (then _indexed_pairs decides).
    A pair is reported only in the cell holding the lower-left corner of the two envelopes'
    intersection, so once."""
    count = len(ordered)
    widths = sorted(env[1] - env[0] for _, _, env in ordered)
    heights = sorted(env[3] - env[2] for _, _, env in ordered)
    size = max(widths[count // 2], heights[count // 2]) * GRID_CELL
    cells = {}
    try:
        if not (size > 0 and math.isfinite(size)):
            return None
        for index, (_, _, env) in enumerate(ordered):
            x0, x1 = int(env[0] // size), int(env[1] // size)
            y0, y1 = int(env[2] // size), int(env[3] // size)
            if x0 == x1 and y0 == y1:
                cells.setdefault((x0, y0), []).append(index)
                continue
            if (x1 - x0 + 1) * (y1 - y0 + 1) > GRID_SPAN:
                return None
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    cells.setdefault((cx, cy), []).append(index)
    except (OverflowError, ValueError):  # an infinite or NaN coordinate
        return None
    if sum(len(m) * (len(m) - 1) // 2 for m in cells.values()) > GRID_TESTS * count:
        return None
    pairs = []
    for (cx, cy), members in cells.items():
        for a, i in enumerate(members):
            env_a = ordered[i][2]
            for j in members[a + 1 :]:
                env_b = ordered[j][2]
                if env_b[0] > env_a[1] or env_b[1] < env_a[0] or env_b[2] > env_a[3] or env_b[3] < env_a[2]:
                    continue
                if int(max(env_a[0], env_b[0]) // size) != cx or int(max(env_a[2], env_b[2]) // size) != cy:
                    continue  # reported in another cell
                pairs.append((i, j) if i < j else (j, i))
    pairs.sort()
    return pairs


def find_overlaps(items, tolerance):
    """Pairs of overlapping polygons among ``items`` [(key, ogr geometry, envelope)]: yields
    (key_a, key_b, overlap area) for overlaps larger than ``tolerance`` (m²), in the order of the
    items sorted on min x. Envelope candidates come from a sweep (small groups), a grid or an
    R*Tree."""
    ordered = sorted(items, key=lambda item: item[2][0])
    if len(ordered) <= SWEEP_MAX:
        pairs = _swept_pairs(ordered)
    else:
        pairs = _grid_pairs(ordered)
        if pairs is None:
            pairs = _indexed_pairs(ordered)
    for i, j in pairs:
        key_a, geom_a, _ = ordered[i]
        key_b, geom_b, _ = ordered[j]
        if not geom_a.Intersects(geom_b):
            continue
        intersection = geom_a.Intersection(geom_b)
        area = intersection.GetArea() if intersection is not None else 0.0
        if area > tolerance:
            yield key_a, key_b, area
