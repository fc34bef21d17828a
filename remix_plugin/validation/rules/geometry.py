"""Geometry rules: each perimeter is present, readable, polygonal, valid (GEOS), in the file's
reference system, inside the metropolitan territory and its declared comune, neither a sliver nor
stale in its recorded area; the lavori of one project do not overlap and no two perimeters are
the same. The GEOS/shapely work is in ``geometry_checks``."""

import sqlite3

from ...layers.model import COMUNI_TABLE, SUPPORTED_CRS
from ...log import get_logger
from ..readers import POLYGONAL, BlobError, parse_blob
from . import geometry_checks as gc

CODES = (
    "GEO-001",
    "GEO-002",
    "GEO-003",
    "GEO-004",
    "GEO-005",
    "GEO-006",
    "GEO-007",
    "GEO-008",
    "GEO-009",
    "GEO-010",
    "GEO-011",
    "GEO-012",
    "GEO-013",
)

LOG = get_logger("validation")

# the private scratch database of duplicate-perimeter candidates
CREATE_KEYS = "CREATE TABLE k (key TEXT, fid INTEGER)"
INSERT_KEY = "INSERT INTO k VALUES (?, ?)"
REPEATED_KEYS = (
    "SELECT key, fid FROM k WHERE key IN (SELECT key FROM k GROUP BY key HAVING count(*) > 1) "
    "ORDER BY key, fid"
)


def check_table_crs(context, table, registered, srs_names, info):
    """GEO-005: a spatial table's reference system is the file's, and one the Region accepts."""
    table_crs = srs_names.get(registered[2], f"srs_id {registered[2]}")
    file_crs = info.crs or "?"
    if table_crs != file_crs or table_crs not in SUPPORTED_CRS:
        context.emit(
            "GEO-005",
            table.name,
            value=table_crs,
            detail=(
                f"{file_crs} (ammessi: {', '.join(SUPPORTED_CRS)})",
                f"{file_crs} (allowed: {', '.join(SUPPORTED_CRS)})",
            ),
        )


def load_comuni(context):
    """The comuni's prepared geometries for GEO-007/GEO-008 (None when the store has none)."""
    registered = context.geometry_columns.get(COMUNI_TABLE)
    columns = context.columns.get(COMUNI_TABLE, {})
    if registered is None or "istat" not in columns:
        return None
    rows = []
    for istat, blob in context.reader.rows(COMUNI_TABLE, ("istat", registered[0])):
        try:
            rows.append((istat, parse_blob(blob).wkb))
        except BlobError:
            LOG.warning("comune %s has an unreadable geometry", istat)
    return gc.ComuniIndex(rows)


class _Scratch:
    """A private temporary on-disk SQLite database (sqlite3.connect("")): cross-record keys
    go here instead of Python memory, and GROUP BY finds the duplicates."""

    def __init__(self):
        self.connection = sqlite3.connect("")
        self.connection.execute("PRAGMA cache_size = -1000")
        self.connection.execute(CREATE_KEYS)
        self._batch = []

    def add(self, key, fid):
        self._batch.append((key, fid))
        if len(self._batch) >= 5000:
            self._flush()

    def _flush(self):
        if self._batch:
            self.connection.executemany(INSERT_KEY, self._batch)
            self._batch = []

    def duplicates(self):
        """[[fid, ...]] of the keys seen more than once."""
        self._flush()
        groups = {}
        for key, fid in self.connection.execute(REPEATED_KEYS):
            groups.setdefault(key, []).append(fid)
        return list(groups.values())

    def close(self):
        self.connection.close()


def row_order(table, names, geometry_column):
    """The order a table is streamed in: lavori by project, so overlaps are checked per project."""
    if table.name == "lavori" and "progetto_uuid" in names and geometry_column:
        return ("progetto_uuid",)
    return ()


class FeaturePass:
    """The geometry rules of one table while its rows stream by: ``check(row, values)`` on each
    feature before the other rules, ``collect(row, values, info)`` after them, ``finish()`` at
    the end (overlaps of the last project; duplicate candidates into ``candidates``)."""

    def __init__(self, context, table, names, geometry_column, srs_id, candidates):
        self.context = context
        self.table = table
        self.names = names
        self.srs_id = srs_id
        self.index = 1 + len(names)  # the geometry follows fid and the fields
        self.candidates = candidates
        profile = context.profile
        ordered = bool(row_order(table, names, geometry_column))
        self.overlaps = table.name == "lavori" and ordered and profile.enabled("GEO-009")
        self.project_index = 1 + names.index("progetto_uuid") if ordered else None
        self.area_index = 1 + names.index("superficie_mq") if "superficie_mq" in names else None
        self.istat_index = 1 + names.index("comune_istat") if "comune_istat" in names else None
        self.scratch = _Scratch() if profile.enabled("GEO-012") else None
        self.group = []
        self.current_project = object()
        self.sliver = profile.param("sliver_area_m2")
        self.thin = profile.param("thin_ratio_m")
        self.area_tolerance = profile.param("area_tolerance_m2")
        self.area_ratio = profile.param("area_tolerance_ratio")

    def close(self):
        if self.scratch is not None:
            self.scratch.close()

    def collect(self, row, values, info):
        if info is not None:
            area, envelope = info
            if self.scratch is not None:
                self.scratch.add(gc.duplicate_key(area, envelope), row.fid)
            if self.overlaps:
                project = values[self.project_index]
                if project != self.current_project:
                    self._check_overlaps()
                    self.current_project = project
                if project is not None:
                    self.group.append((row, row.geometry, envelope))
        elif self.overlaps and values[self.project_index] != self.current_project:
            self._check_overlaps()
            self.current_project = values[self.project_index]

    def finish(self):
        self._check_overlaps()
        if self.scratch is not None:
            self.candidates[self.table.name] = self.scratch.duplicates()

    def _check_overlaps(self):
        group, self.group = self.group, []
        if len(group) < 2:
            return
        tolerance = self.context.profile.param("overlap_tolerance_m2")
        for row_a, row_b, area in gc.find_overlaps(group, tolerance):
            first, second = (row_a, row_b) if (row_a.fid or 0) < (row_b.fid or 0) else (row_b, row_a)
            self.context.emit(
                "GEO-009", second.table, second, field_name="geom", value=first.uuid, detail=f"{area:.2f}"
            )

    def check(self, row, values):
        """Geometry rules of one feature; returns (area, envelope) of a valid polygonal geometry."""
        emit = self.context.emit
        name = self.table.name
        blob = values[self.index]
        required = self.table.geometry_required
        if blob is None:
            if required:
                emit("GEO-001", name, row, field_name="geom")
            return None
        try:
            parsed = parse_blob(blob)
        except BlobError as exc:
            emit("GEO-002", name, row, field_name="geom", value=blob, detail=str(exc))
            return None
        if parsed.empty:
            if required:
                emit("GEO-001", name, row, field_name="geom")
            return None
        if self.srs_id is not None and parsed.srs_id != self.srs_id:
            emit("GEO-006", name, row, field_name="geom", value=parsed.srs_id, detail=str(self.srs_id))
        if parsed.wkb_type not in POLYGONAL:
            emit("GEO-003", name, row, field_name="geom", value=parsed.type_name)
            return None
        try:
            geometry = gc.ogr_geometry(parsed.wkb)
        except gc.GeometryReadError as exc:
            emit("GEO-002", name, row, field_name="geom", value=blob, detail=str(exc))
            return None
        if geometry.IsEmpty():
            if required:
                emit("GEO-001", name, row, field_name="geom")
            return None
        if not geometry.IsValid():
            reason, x, y = gc.explain_invalid(parsed.wkb)
            row.xy = (x, y)
            if x is not None and y is not None:
                detail = (f"{reason} in {x:.2f} {y:.2f}", f"{reason} at {x:.2f} {y:.2f}")
            else:
                detail = reason
            emit("GEO-004", name, row, field_name="geom", detail=detail, xy=(x, y))
            return None
        row.geometry = geometry
        parts = gc.polygon_parts(geometry)
        area = sum(part[0] for part in parts)
        smallest = min(parts)
        if smallest[0] < self.sliver:
            emit(
                "GEO-010", name, row, field_name="geom", value=f"{smallest[0]:.3f}", detail=f"{self.sliver:g}"
            )
        else:
            ratios = [a / p for a, p in parts if p > 0]
            if ratios and min(ratios) < self.thin:
                emit(
                    "GEO-011",
                    name,
                    row,
                    field_name="geom",
                    value=f"{min(ratios):.3f}",
                    detail=f"{self.thin:g}",
                )
        if self.area_index is not None:
            recorded = values[self.area_index]
            if isinstance(recorded, (int, float)) and not isinstance(recorded, bool):
                tolerance = max(self.area_tolerance, area * self.area_ratio)
                if abs(recorded - area) > tolerance:
                    emit(
                        "GEO-013", name, row, field_name="superficie_mq", value=recorded, detail=f"{area:.1f}"
                    )
        comuni = self.context.comuni
        if comuni is not None and len(comuni) and self.istat_index is not None:
            self._check_comune(row, values[self.istat_index], parsed.wkb)
        minx, maxx, miny, maxy = geometry.GetEnvelope()
        return area, (minx, maxx, miny, maxy)

    def _check_comune(self, row, istat, wkb):
        comuni = self.context.comuni
        x, y = row.point()
        if x is not None and isinstance(istat, str) and comuni.contains_point(istat, x, y):
            return
        # the point and the envelope answer most cases; the geometry is decoded by shapely once,
        # lazily, only for the tests they cannot answer
        shape = gc.LazyShape(wkb)
        if not comuni.in_territory(shape, (x, y)):
            self.context.emit("GEO-007", self.table.name, row, field_name="geom")
            return
        if isinstance(istat, str) and istat in comuni:
            minx, maxx, miny, maxy = row.geometry.GetEnvelope()
            share = comuni.share_in(istat, shape, (minx, miny, maxx, maxy))
            if share < self.context.profile.param("comune_share"):
                self.context.emit(
                    "GEO-008",
                    self.table.name,
                    row,
                    field_name="comune_istat",
                    value=istat,
                    detail=(f"{share:.0%} dell'area nel comune", f"{share:.0%} of the area in the comune"),
                )


def check_duplicate_geometries(context, candidates):
    """GEO-012: among features with the same (area, envelope) key, the same normalized geometry."""
    for table_name, groups in candidates.items():
        geometry_column = context.geometry_columns[table_name][0]
        for fids in groups:
            by_hash = {}
            for fid in fids:
                blob = context.reader.row(table_name, [geometry_column], "fid", fid)[0]
                digest = gc.normalized_hash(parse_blob(blob).wkb)
                by_hash.setdefault(digest, []).append(fid)
            for same in by_hash.values():
                if len(same) < 2:
                    continue
                first = context.record_at(table_name, same[0])
                for fid in same[1:]:
                    context.emit(
                        "GEO-012",
                        table_name,
                        context.record_at(table_name, fid),
                        field_name="geom",
                        value=first.uuid or f"fid {first.fid}",
                    )
