"""Geometry rules: each perimeter is present, readable, polygonal, valid (GEOS), in the file's
reference system, inside the metropolitan territory and its declared comune, neither a sliver nor
stale in its recorded area; the lavori of one project do not overlap and no two perimeters are
the same. The GEOS/shapely work is in ``geometry_checks``."""

from functools import cache

from ...i18n import BOTH, Bilingual, tr
from ...layers.model import COMUNI_TABLE, SUPPORTED_CRS
from ...log import get_logger
from ..readers import POLYGONAL, BlobError, parse_blob
from . import geometry_checks as gc
from .geometry_rows import DecodedFeature, DuplicateKeys
from .overlap_pairs import find_overlaps

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

def check_table_crs(context, table, registered, srs_names, info):
    """GEO-005: a spatial table's reference system is the file's, and one the Region accepts."""
    table_crs = srs_names.get(registered[2], f"srs_id {registered[2]}")
    file_crs = info.crs or "?"
    if table_crs != file_crs or table_crs not in SUPPORTED_CRS:
        context.emit(
            "GEO-005",
            table.name,
            value=table_crs,
            detail=tr("{crs} (allowed: {allowed})", language=BOTH).format(
                crs=file_crs, allowed=", ".join(SUPPORTED_CRS)),
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


def row_order(table, names, geometry_column):
    """The order a table is streamed in: lavori by project, so overlaps are checked per project."""
    if table.name == "lavori" and "progetto_uuid" in names and geometry_column:
        return ("progetto_uuid",)
    return ()


class FeaturePass:
    """The geometry rules of one table while its rows stream by: ``prepare(batch)`` on each batch
    (decoding and point tests, no finding), ``check(row, values, ahead)`` on each feature before
    the other rules, ``collect(row, values, info)`` after them, ``finish()`` at
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
        self.scratch = DuplicateKeys() if profile.enabled("GEO-012") else None
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
        for row_a, row_b, area in find_overlaps(group, tolerance):
            first, second = (row_a, row_b) if (row_a.fid or 0) < (row_b.fid or 0) else (row_b, row_a)
            self.context.emit(
                "GEO-009", second.table, second, field_name="geom", value=first.uuid, detail=f"{area:.2f}"
            )

    def prepare(self, batch):
        """Per row of ``batch`` (a list of value tuples, in order), what ``check`` needs, computed
        ahead for the whole batch without emitting anything: the decoded, valid geometry with its
        point on the surface, and the point tests of the declared comune and of the territory in
        one vectorised GEOS call per comune (per feature they cost more in call overhead than in
        GEOS). Findings are then emitted by ``check`` row by row, in the same order as ever."""
        comuni = self.context.comuni
        with_comuni = comuni is not None and len(comuni) and self.istat_index is not None
        prepared, points = [], []
        for values in batch:
            ahead = DecodedFeature(values[self.index])
            prepared.append(ahead)
            if ahead.geometry is not None and with_comuni:
                ahead.xy = gc.point_on_surface(ahead.geometry)
                if ahead.xy[0] is not None and ahead.xy[1] is not None:
                    points.append((ahead, values[self.istat_index]))
        if points:
            declared, territory = comuni.locate([(istat, a.xy[0], a.xy[1]) for a, istat in points])
            for (ahead, _), in_declared, in_territory in zip(points, declared, territory):
                ahead.in_declared = in_declared
                ahead.in_territory = in_territory
        return prepared

    def check(self, row, values, ahead=None):
        """Geometry rules of one feature; returns (area, envelope) of a valid polygonal geometry.
        ``ahead``: this row's entry of ``prepare`` (computed here when not given)."""
        if ahead is None:
            ahead = self.prepare([values])[0]
        emit = self.context.emit
        name = self.table.name
        blob = values[self.index]
        required = self.table.geometry_required
        if blob is None:
            if required:
                emit("GEO-001", name, row, field_name="geom")
            return None
        parsed = ahead.parsed
        if ahead.error is not None:  # BlobError
            emit("GEO-002", name, row, field_name="geom", value=blob, detail=str(ahead.error))
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
        if ahead.read_error is not None:
            emit("GEO-002", name, row, field_name="geom", value=blob, detail=str(ahead.read_error))
            return None
        geometry = ahead.ogr
        if geometry.IsEmpty():
            if required:
                emit("GEO-001", name, row, field_name="geom")
            return None
        if not ahead.valid:
            reason, x, y = gc.explain_invalid(parsed.wkb)
            row.xy = (x, y)
            if x is not None and y is not None:
                detail = (f"{reason} in {x:.2f} {y:.2f}", f"{reason} at {x:.2f} {y:.2f}")
            else:
                detail = reason
            emit("GEO-004", name, row, field_name="geom", detail=detail, xy=(x, y))
            return None
        row.geometry = geometry
        if ahead.xy is not None:
            row.xy = ahead.xy
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
            self._check_comune(row, values[self.istat_index], parsed.wkb, ahead)
        minx, maxx, miny, maxy = geometry.GetEnvelope()
        return area, (minx, maxx, miny, maxy)

    def _check_comune(self, row, istat, wkb, ahead):
        comuni = self.context.comuni
        x, y = row.point()
        in_declared = ahead.in_declared  # tested ahead, for the batch (None: not tested)
        if in_declared is None:
            in_declared = x is not None and isinstance(istat, str) and comuni.contains_point(istat, x, y)
        if in_declared:
            return
        # the point and the envelope answer most cases; the geometry is decoded by shapely once,
        # lazily, only for the tests they cannot answer
        shape = gc.LazyShape(wkb)
        if ahead.in_territory is None:
            in_territory = comuni.in_territory(shape, (x, y))
        else:  # the point was tested ahead: outside it, the geometry decides
            in_territory = ahead.in_territory or comuni.in_territory(shape)
        if not in_territory:
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
                    detail=_share_detail(share),
                )


@cache
def _share_template():
    """GEO-008's detail, read from the catalogue once (formatted per finding on a hot path)."""
    return tr("{share:.0%} of the area in the comune", language=BOTH)


def _share_detail(share):
    template = _share_template()
    return Bilingual(template.it.format(share=share), template.en.format(share=share))


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
