"""The validation engine: one implementation of every rule of ``catalogue.py``, QGIS-free.

``validate_geopackage(path, profile)`` is the single entry point used by the command line
(``python3 -m remix_plugin validate``), the Processing algorithm ``remix:validate`` and the
dock's QgsTask. It reads the file read-only with sqlite3, streams every table row by row
(memory does not grow with the number of features: cross-record checks run in SQL inside
SQLite, in a temporary on-disk scratch database, or per project), and never raises on bad
content: every odd value becomes a finding. Only a file that cannot be read at all raises
``RemixFileError`` (from ``layers.inspect``).
"""

import datetime
import hashlib
import json
import math
import re
import sqlite3
from dataclasses import dataclass, field

from osgeo import gdal

from .. import sql
from ..codes import parse_codes
from ..layers.inspect import connect_read_only, inspect_geopackage
from ..layers.model import (
    CODELIST_TABLE,
    COMUNI_TABLE,
    EXCEPTIONS_TABLE,
    SCHEMA_VERSION,
    SUPPORTED_CRS,
    load_model,
)
from ..log import get_logger
from . import geometry_checks as gc
from .catalogue import requirement_rule, rule
from .profiles import get_profile
from .readers import POLYGONAL, BlobError, geometry_columns, iter_rows, parse_blob, srs_names, table_columns

LOG = get_logger("validation")

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
AUDIT_FIELDS = ("creato_il", "creato_da", "modificato_il", "modificato_da")
DECLARED_TYPES = {
    "text": ("TEXT",),
    "codes": ("TEXT",),
    "integer": ("INTEGER", "INT", "MEDIUMINT", "BIGINT", "SMALLINT"),
    "real": ("REAL", "DOUBLE", "FLOAT"),
    "boolean": ("BOOLEAN",),
    "date": ("DATE",),
    "datetime": ("DATETIME",),
}
KIND_TEXT = {
    "integer": ("un numero intero", "an integer"),
    "real": ("un numero", "a number"),
    "boolean": ("vero/falso (0 o 1)", "true/false (0 or 1)"),
    "date": ("una data AAAA-MM-GG", "a date YYYY-MM-DD"),
    "datetime": ("una data e ora ISO 8601", "an ISO 8601 date-time"),
    "text": ("un testo", "a text"),
    "codes": ("un elenco JSON di codici", "a JSON array of codes"),
}
VALUE_MAX = 80
CACHE_MAX = 20000
# where a message's feature label goes (a control character never left in shown values or labels)
_FEATURE = "\x00feature\x00"
# the tables whose rows are checked one by one, in this order (parents before children)
PASS_ORDER = load_model().data_table_names


class ValidationCancelled(Exception):  # noqa: N818 (reads better at call sites)
    """The caller's ``is_cancelled()`` returned True."""


@dataclass
class Finding:
    code: str
    severity: str
    layer: str
    feature_uuid: object
    field: object
    message_it: str
    message_en: str
    x: object = None
    y: object = None
    value: object = None
    fid: object = None
    project_uuid: object = None  # the progetto the feature belongs to (for the dock tree)

    def message(self, language="it"):
        return self.message_it if language == "it" else self.message_en

    @property
    def group(self):
        return rule(self.code).group

    def as_dict(self, language="it"):
        """One line of the JSON Lines report."""
        return {
            "code": self.code,
            "severity": self.severity,
            "layer": self.layer,
            "feature_uuid": self.feature_uuid,
            "field": self.field,
            "message": self.message(language),
            "x": self.x,
            "y": self.y,
            "value": self.value,
            "fid": self.fid,
            "project_uuid": self.project_uuid,
        }

    def key(self):
        return (self.code, self.layer, self.feature_uuid or "", self.field or "")


@dataclass
class Report:
    path: str
    profile: str
    profile_settings: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)
    suppressed: list = field(default_factory=list)
    started_at: str = ""
    seconds: float = 0.0

    @property
    def counts(self):
        counts = {"error": 0, "warning": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        counts["suppressed"] = len(self.suppressed)
        return counts

    @property
    def has_errors(self):
        return any(f.severity == "error" for f in self.findings)

    def problem_projects(self):
        """uuids of the projects with findings (themselves or their lavori, azioni, phases…)."""
        return {f.project_uuid for f in self.findings if f.project_uuid}

    def by_severity(self, severity):
        return [f for f in self.findings if f.severity == severity]

    def sorted_findings(self):
        order = {"error": 0, "warning": 1}
        return sorted(self.findings, key=lambda f: (order[f.severity], f.code, f.layer, str(f.feature_uuid)))


def shorten(value, limit=VALUE_MAX):
    """A printable, bounded rendering of any stored value (bytes, huge text, None)."""
    if value is None:
        return "NULL"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<blob {len(bytes(value))} byte>"
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = CONTROL_RE.sub("\ufffd", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_value(value):
    if value is None or isinstance(value, (int, float, str)):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        return value if not isinstance(value, str) else shorten(value, 200)
    return shorten(value, 200)


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def feature_hash(row_items, geometry_wkb=None):
    """Digest of a feature's attributes (name -> value, audit fields excluded) and geometry WKB.
    Used to tell whether a feature changed since a finding on it was accepted as an exception."""
    digest = hashlib.sha256()
    for name in sorted(row_items):
        if name in AUDIT_FIELDS or name in ("fid", "geom"):
            continue
        value = row_items[name]
        if isinstance(value, (bytes, bytearray, memoryview)):
            value = bytes(value).hex()
        digest.update(json.dumps([name, value], default=str, ensure_ascii=False).encode("utf-8"))
    if geometry_wkb is not None:
        digest.update(bytes(geometry_wkb))
    return digest.hexdigest()


def _blob_wkb(blob):
    if blob is None:
        return None
    try:
        return parse_blob(blob).wkb
    except BlobError:
        return bytes(blob) if isinstance(blob, (bytes, bytearray, memoryview)) else str(blob).encode()


def compute_feature_hash(connection, table, feature_uuid):
    """feature_hash of the record ``feature_uuid`` of ``table`` read through ``connection``
    ("" when it does not exist)."""
    columns = list(table_columns(connection, table))
    if "uuid" not in columns:
        return ""
    row = connection.execute(sql.select(table, columns, where="uuid = ?"), (feature_uuid,)).fetchone()
    if row is None:
        return ""
    items = dict(zip(columns, row))
    return feature_hash(items, _blob_wkb(items.get("geom")))


class _Row:
    """What findings need to know about the record being checked."""

    __slots__ = ("table", "fid", "uuid", "title", "geometry", "xy", "project")

    def __init__(self, table, fid, uuid, title, project=None):
        self.table = table
        self.fid = fid
        self.uuid = uuid
        self.title = title
        self.geometry = None
        self.xy = None
        self.project = project

    def point(self):
        if self.xy is None:
            self.xy = gc.point_on_surface(self.geometry) if self.geometry is not None else (None, None)
        return self.xy


class FileSource:
    """What the engine reads: a RE.MIX GeoPackage (``open`` gives a read-only sqlite3 connection
    and the file's RemixFileInfo). Other sources (a regional bundle seen through views, see
    ``export/bundle_source.py``) offer the same two members."""

    optional_tables = ()  # model tables this kind of file may lack without a finding

    def __init__(self, path):
        self.path = str(path)

    def open(self):
        info = inspect_geopackage(self.path)  # RemixFileError when unusable
        return connect_read_only(self.path), info


class _Validator:
    def __init__(self, path, profile, progress=None, is_cancelled=None, today=None, source=None):
        self.source = source or FileSource(path)
        self.path = self.source.path
        self.profile = get_profile(profile)
        self.progress = progress
        self.is_cancelled = is_cancelled
        self.today = today or datetime.date.today()
        self.model = load_model()
        self.scheme = self.model.scheme
        self.findings = []
        self.columns = {}  # table -> {column: declared type} for tables that exist
        self.geometry_columns = {}
        self.comuni = None
        self._code_cache = {}
        self._labels = {}  # (table[, field], language) -> label shown in messages
        self._messages = {}  # emit's messages with a placeholder for the feature's label
        self._steps_done = 0
        self._steps_total = 1

    # -- plumbing ----------------------------------------------------------------------------
    def _tick(self, weight=1):
        self._steps_done += weight
        if self.is_cancelled is not None and self.is_cancelled():
            raise ValidationCancelled()
        if self.progress is not None:
            self.progress(min(100.0, 100.0 * self._steps_done / max(1, self._steps_total)))

    def _table_label(self, table_name, language):
        key = (table_name, language)
        name = self._labels.get(key)
        if name is None:
            table = self.model.table(table_name) if self.model.has_table(table_name) else None
            name = self._labels[key] = table.label(language) if table is not None else table_name
        return name

    def _label(self, table_name, title, uuid, fid, language):
        name = self._table_label(table_name, language)
        if isinstance(title, str) and title.strip():
            return f"{name} «{shorten(title, 60)}»"
        if isinstance(uuid, str) and uuid:
            return f"{name} {shorten(uuid, 40)}"
        return f"{name} fid {fid}"

    def _field_label(self, table_name, field_name, language):
        """«Label» (field) for users: the form's label, and the column name a script sees."""
        if not field_name:
            return ""
        key = (table_name, field_name, language)
        label = self._labels.get(key)
        if label is None:
            table = self.model.table(table_name) if self.model.has_table(table_name) else None
            if table is None or not table.has_field(field_name):
                label = field_name
            else:
                label = f"«{table.field(field_name).label(language)}» ({field_name})"
            self._labels[key] = label
        return label

    def emit(self, code, layer, row=None, field_name=None, value=None, detail="", xy=None):
        severity = self.profile.severity(code)
        if severity is None:
            return
        spec = rule(code)
        uuid = row.uuid if row is not None else None
        fid = row.fid if row is not None else None
        title = row.title if row is not None else None
        shown = shorten(value)
        texts = {}
        for language, template in (("it", spec.message_it), ("en", spec.message_en)):
            feature = self._label(layer, title, uuid, fid, language) if row is not None else layer
            # all but the feature's label is formatted once per distinct message (a rule on 100,000
            # features repeats a few hundred messages): then only the label is put in
            key = (code, layer, field_name, shown, detail, language)
            partial = self._messages.get(key)
            if partial is None:
                detail_text = detail[0 if language == "it" else 1] if isinstance(detail, tuple) else detail
                partial = template.format(
                    feature=_FEATURE, layer=layer, field=self._field_label(layer, field_name, language),
                    value=shown, detail=detail_text
                )
                if len(self._messages) > CACHE_MAX:
                    self._messages.clear()
                self._messages[key] = partial
            texts[language] = partial.replace(_FEATURE, feature)
        if xy is None and row is not None and row.geometry is not None:
            xy = row.point()
        x, y = xy if xy is not None else (None, None)
        self.findings.append(
            Finding(
                code,
                severity,
                layer,
                uuid if isinstance(uuid, str) else (None if uuid is None else str(uuid)),
                field_name,
                texts["it"],
                texts["en"],
                round(x, 3) if x is not None else None,
                round(y, 3) if y is not None else None,
                _json_value(value),
                fid,
                _project_of(row),
            )
        )

    # -- run ---------------------------------------------------------------------------------
    def run(self):
        started = datetime.datetime.now(datetime.timezone.utc)
        connection, info = self.source.open()
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            self._run(connection, info)
            suppressed = self._apply_exceptions(connection)
        except sqlite3.DatabaseError as exc:
            from ..layers.errors import RemixFileError

            raise RemixFileError("corrupt", f"Lettura interrotta: {exc}.", f"Reading failed: {exc}.") from exc
        finally:
            gdal.PopErrorHandler()
            connection.close()
        report = Report(
            self.path,
            self.profile.name,
            self.profile.as_dict(),
            self.findings,
            suppressed,
            started.replace(microsecond=0).isoformat(),
        )
        report.seconds = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds()
        return report

    def _run(self, connection, info):
        self._check_structure(connection, info)
        counts = {}
        for name in PASS_ORDER:
            if name in self.columns:
                counts[name] = connection.execute(sql.count(name)).fetchone()[0]
        # progress: rows of each table + cross checks (about a tenth of the rows)
        self._steps_total = sum(counts.values()) * 1.1 + 10
        self._load_comuni(connection)
        for name in PASS_ORDER:
            if name in self.columns:
                self._check_table(connection, self.model.table(name))
        self._check_uuid_duplicates(connection)
        self._tick()
        self._check_links(connection)
        self._tick()
        self._check_projects(connection)
        self._check_phases(connection)
        self._check_duplicate_geometries(connection)
        self._tick(sum(counts.values()) * 0.1)

    # -- structure ---------------------------------------------------------------------------
    def _check_structure(self, connection, info):
        existing = set(info.tables)
        if info.schema_version < SCHEMA_VERSION:
            self.emit("STR-004", "remix_metadata", value=info.schema_version, detail=str(SCHEMA_VERSION))
        if info.scheme_version != self.scheme.version:
            self.emit(
                "STR-005", "remix_metadata", value=info.scheme_version or "?", detail=self.scheme.version
            )
        try:
            self.geometry_columns = geometry_columns(connection)
            srs = srs_names(connection)
        except sqlite3.DatabaseError:
            self.geometry_columns, srs = {}, {}
        for table in self.model.tables:
            if table.name not in existing:
                self.emit("STR-001", table.name)
                continue
            columns = table_columns(connection, table.name)
            self.columns[table.name] = columns
            for model_field in table.fields:
                declared = columns.get(model_field.name)
                if declared is None:
                    self.emit("STR-002", table.name, field_name=model_field.name)
                    continue
                base = declared.split("(")[0].strip()
                if base not in DECLARED_TYPES[model_field.kind]:
                    self.emit(
                        "STR-003",
                        table.name,
                        field_name=model_field.name,
                        value=declared or "(none)",
                        detail=DECLARED_TYPES[model_field.kind][0],
                    )
            if table.geometry:
                registered = self.geometry_columns.get(table.name)
                if registered is None or registered[0] not in columns:
                    self.emit("STR-006", table.name)
                    self.geometry_columns.pop(table.name, None)
                    continue
                table_crs = srs.get(registered[2], f"srs_id {registered[2]}")
                file_crs = info.crs or "?"
                if table_crs != file_crs or table_crs not in SUPPORTED_CRS:
                    self.emit(
                        "GEO-005",
                        table.name,
                        value=table_crs,
                        detail=(
                            f"{file_crs} (ammessi: {', '.join(SUPPORTED_CRS)})",
                            f"{file_crs} (allowed: {', '.join(SUPPORTED_CRS)})",
                        ),
                    )
        for name in (CODELIST_TABLE, EXCEPTIONS_TABLE):
            if name not in existing and name not in self.source.optional_tables:
                self.emit("STR-001", name)
        if CODELIST_TABLE in existing and self.profile.enabled("STR-007"):
            present = set()
            for dimension, code in iter_rows(connection, CODELIST_TABLE, ("dimension", "code")):
                present.add((dimension, code))
            for dimension in self.scheme.dimensions:
                for code in dimension.codes():
                    if (dimension.id, code) not in present:
                        self.emit("STR-007", CODELIST_TABLE, field_name=dimension.id, value=code)

    def _load_comuni(self, connection):
        registered = self.geometry_columns.get(COMUNI_TABLE)
        columns = self.columns.get(COMUNI_TABLE, {})
        if registered is None or "istat" not in columns:
            self.comuni = None
            return
        rows = []
        for istat, blob in iter_rows(connection, COMUNI_TABLE, ("istat", registered[0])):
            try:
                rows.append((istat, parse_blob(blob).wkb))
            except BlobError:
                LOG.warning("comune %s has an unreadable geometry", istat)
        self.comuni = gc.ComuniIndex(rows)

    # -- row by row --------------------------------------------------------------------------
    def _field_plan(self, table):
        """[(column index, model field, role)] for the fields present in the table."""
        columns = self.columns[table.name]
        plan = []
        for model_field in table.fields:
            if model_field.name in columns:
                plan.append(model_field)
        return plan

    def _check_table(self, connection, table):
        plan = self._field_plan(table)
        names = [f.name for f in plan]
        geometry_column = None
        srs_id = None
        if table.geometry and table.name in self.geometry_columns:
            geometry_column, _, srs_id = self.geometry_columns[table.name]
        select_columns = ["fid"] + names + ([geometry_column] if geometry_column else [])
        title_index = None
        for candidate in ("titolo", "nome"):
            if candidate in names:
                title_index = 1 + names.index(candidate)
                break
        uuid_index = 1 + names.index("uuid") if "uuid" in names else None
        order_by = (
            ("progetto_uuid",)
            if table.name == "lavori" and "progetto_uuid" in names and geometry_column
            else ()
        )
        hooks = self._row_hooks(table, names)
        checks = self._value_checks(table, plan)
        geometry_index = len(select_columns) - 1 if geometry_column else None
        overlap_group = []
        current_project = object()
        overlaps = table.name == "lavori" and bool(order_by) and self.profile.enabled("GEO-009")
        project_index = 1 + names.index("progetto_uuid") if order_by else None
        parent_index = 1 + names.index("progetto_uuid") if "progetto_uuid" in names else None
        scratch = _Scratch() if geometry_column and self.profile.enabled("GEO-012") else None
        count = 0
        try:
            for values in iter_rows(connection, table.name, select_columns, order_by=order_by):
                count += 1
                if count % 2000 == 0:
                    self._tick(2000)
                uuid = values[uuid_index] if uuid_index is not None else None
                title = values[title_index] if title_index is not None else None
                row = _Row(table.name, values[0], uuid, title, values[parent_index] if parent_index else None)
                geometry_info = None
                if geometry_index is not None:
                    geometry_info = self._check_geometry(
                        table, row, values[geometry_index], srs_id, values, names
                    )
                for index, model_field, check in checks:
                    check(row, model_field, values[index])
                for hook in hooks:
                    hook(row, values)
                if geometry_info is not None:
                    area, envelope = geometry_info
                    if scratch is not None:
                        scratch.add(gc.duplicate_key(area, envelope), row.fid)
                    if overlaps:
                        project = values[project_index]
                        if project != current_project:
                            self._check_overlaps(overlap_group)
                            overlap_group = []
                            current_project = project
                        if project is not None:
                            overlap_group.append((row, row.geometry, envelope))
                elif overlaps and values[project_index] != current_project:
                    self._check_overlaps(overlap_group)
                    overlap_group = []
                    current_project = values[project_index]
            self._check_overlaps(overlap_group)
            self._tick(count % 2000)
            if scratch is not None:
                self._duplicate_candidates = getattr(self, "_duplicate_candidates", {})
                self._duplicate_candidates[table.name] = scratch.duplicates()
        finally:
            if scratch is not None:
                scratch.close()

    def _check_overlaps(self, group):
        if len(group) < 2:
            return
        tolerance = self.profile.param("overlap_tolerance_m2")
        for row_a, row_b, area in gc.find_overlaps(group, tolerance):
            first, second = (row_a, row_b) if (row_a.fid or 0) < (row_b.fid or 0) else (row_b, row_a)
            self.emit(
                "GEO-009", second.table, second, field_name="geom", value=first.uuid, detail=f"{area:.2f}"
            )

    def _check_geometry(self, table, row, blob, srs_id, values, names):
        """Geometry rules of one feature; returns (area, envelope) of a valid polygonal geometry."""
        required = table.geometry_required
        if blob is None:
            if required:
                self.emit("GEO-001", table.name, row, field_name="geom")
            return None
        try:
            parsed = parse_blob(blob)
        except BlobError as exc:
            self.emit("GEO-002", table.name, row, field_name="geom", value=blob, detail=str(exc))
            return None
        if parsed.empty:
            if required:
                self.emit("GEO-001", table.name, row, field_name="geom")
            return None
        if srs_id is not None and parsed.srs_id != srs_id:
            self.emit("GEO-006", table.name, row, field_name="geom", value=parsed.srs_id, detail=str(srs_id))
        if parsed.wkb_type not in POLYGONAL:
            self.emit("GEO-003", table.name, row, field_name="geom", value=parsed.type_name)
            return None
        try:
            geometry = gc.ogr_geometry(parsed.wkb)
        except gc.GeometryReadError as exc:
            self.emit("GEO-002", table.name, row, field_name="geom", value=blob, detail=str(exc))
            return None
        if geometry.IsEmpty():
            if required:
                self.emit("GEO-001", table.name, row, field_name="geom")
            return None
        if not geometry.IsValid():
            reason, x, y = gc.explain_invalid(parsed.wkb)
            row.xy = (x, y)
            if x is not None and y is not None:
                detail = (f"{reason} in {x:.2f} {y:.2f}", f"{reason} at {x:.2f} {y:.2f}")
            else:
                detail = reason
            self.emit("GEO-004", table.name, row, field_name="geom", detail=detail, xy=(x, y))
            return None
        row.geometry = geometry
        parts = gc.polygon_parts(geometry)
        area = sum(part[0] for part in parts)
        smallest = min(parts)
        if smallest[0] < self.profile.param("sliver_area_m2"):
            self.emit(
                "GEO-010",
                table.name,
                row,
                field_name="geom",
                value=f"{smallest[0]:.3f}",
                detail=f"{self.profile.param('sliver_area_m2'):g}",
            )
        else:
            thin = self.profile.param("thin_ratio_m")
            ratios = [a / p for a, p in parts if p > 0]
            if ratios and min(ratios) < thin:
                self.emit(
                    "GEO-011",
                    table.name,
                    row,
                    field_name="geom",
                    value=f"{min(ratios):.3f}",
                    detail=f"{thin:g}",
                )
        if "superficie_mq" in names:
            recorded = values[1 + names.index("superficie_mq")]
            if isinstance(recorded, (int, float)) and not isinstance(recorded, bool):
                tolerance = max(
                    self.profile.param("area_tolerance_m2"), area * self.profile.param("area_tolerance_ratio")
                )
                if abs(recorded - area) > tolerance:
                    self.emit(
                        "GEO-013",
                        table.name,
                        row,
                        field_name="superficie_mq",
                        value=recorded,
                        detail=f"{area:.1f}",
                    )
        if self.comuni is not None and len(self.comuni) and "comune_istat" in names:
            self._check_comune(table, row, values[1 + names.index("comune_istat")], parsed.wkb)
        minx, maxx, miny, maxy = geometry.GetEnvelope()
        return area, (minx, maxx, miny, maxy)

    def _check_comune(self, table, row, istat, wkb):
        x, y = row.point()
        if x is not None and isinstance(istat, str) and self.comuni.contains_point(istat, x, y):
            return
        # the point and the envelope answer most cases; the geometry is decoded by shapely once,
        # lazily, only for the tests they cannot answer
        shape = gc.LazyShape(wkb)
        if not self.comuni.in_territory(shape, (x, y)):
            self.emit("GEO-007", table.name, row, field_name="geom")
            return
        if isinstance(istat, str) and istat in self.comuni:
            minx, maxx, miny, maxy = row.geometry.GetEnvelope()
            share = self.comuni.share_in(istat, shape, (minx, miny, maxx, maxy))
            if share < self.profile.param("comune_share"):
                self.emit(
                    "GEO-008",
                    table.name,
                    row,
                    field_name="comune_istat",
                    value=istat,
                    detail=(f"{share:.0%} dell'area nel comune", f"{share:.0%} of the area in the comune"),
                )

    # -- value checks (one function per field kind, built once per table) ---------------------
    def _value_checks(self, table, plan):
        checks = []
        for index, model_field in enumerate(plan, start=1):
            if model_field.name == "uuid":
                checks.append((index, model_field, self._check_uuid))
            elif model_field.coded:
                checks.append(
                    (index, model_field, self._check_codes if model_field.multi else self._check_code)
                )
            else:
                checks.append((index, model_field, self._fast_plain_check(model_field)))
        return checks

    def _fast_plain_check(self, model_field):
        """_check_plain behind a fast path for the common case (a well-typed, non-empty value)."""
        slow = self._check_plain
        kind = model_field.kind
        if kind == "text":
            max_length = model_field.max_length or 1 << 62
            search = CONTROL_RE.search

            def check(row, field_, value):
                if (
                    type(value) is str
                    and value
                    and len(value) <= max_length
                    and not search(value)
                    and not value.isspace()
                ):
                    return
                slow(row, field_, value)
        elif kind == "real":

            def check(row, field_, value):
                if (type(value) is float and math.isfinite(value)) or type(value) is int:
                    return
                slow(row, field_, value)
        elif kind == "integer":

            def check(row, field_, value):
                if type(value) is int:
                    return
                slow(row, field_, value)
        else:
            return slow
        return check

    def _check_uuid(self, row, model_field, value):
        if _is_empty(value):
            self.emit("REF-001", row.table, row, field_name="uuid")
        elif not isinstance(value, str) or not UUID_RE.match(value):
            self.emit("REF-002", row.table, row, field_name="uuid", value=value)

    def _requirement(self, row, model_field):
        # the same answer the forms show (catalogue.requirement_rule); either-or fields are
        # judged together by SCH-011 in _row_hooks
        state, code = requirement_rule(row.table, model_field)
        if state in ("required", "recommended"):
            self.emit(code, row.table, row, field_name=model_field.name)

    def _check_plain(self, row, model_field, value):
        if _is_empty(value):
            if model_field.requirement != "optional":
                self._requirement(row, model_field)
            return
        kind = model_field.kind
        problem = False
        if kind == "text":
            if not isinstance(value, str):
                problem = isinstance(value, (bytes, bytearray, memoryview))
            else:
                if model_field.max_length and len(value) > model_field.max_length:
                    self.emit(
                        "SCH-010",
                        row.table,
                        row,
                        field_name=model_field.name,
                        value=len(value),
                        detail=str(model_field.max_length),
                    )
                if CONTROL_RE.search(value):
                    self.emit("SCH-019", row.table, row, field_name=model_field.name, value=value)
        elif kind == "real":
            problem = isinstance(value, (str, bytes)) or (
                isinstance(value, float) and not math.isfinite(value)
            )
        elif kind == "integer":
            problem = not isinstance(value, int)
        elif kind == "boolean":
            problem = value not in (0, 1) or isinstance(value, float) and value not in (0.0, 1.0)
        elif kind == "date":
            problem = not (isinstance(value, str) and DATE_RE.match(value) and _iso_date(value) is not None)
        elif kind == "datetime":
            problem = not (isinstance(value, str) and DATETIME_RE.match(value))
        if problem:
            self.emit(
                "SCH-009", row.table, row, field_name=model_field.name, value=value, detail=KIND_TEXT[kind]
            )

    def _code_results(self, model_field, value):
        """[(rule code, value, detail)] for a coded value; cached per distinct raw value."""
        key = (
            model_field.name,
            value if not isinstance(value, (bytes, bytearray, memoryview)) else bytes(value),
        )
        cached = self._code_cache.get(key)
        if cached is not None:
            return cached
        dimension = self.scheme.dimension(model_field.dimension)
        results = []
        if isinstance(value, (bytes, bytearray, memoryview)) or not isinstance(value, (str, int, float)):
            results.append(("SCH-009", value, KIND_TEXT["codes" if model_field.multi else "text"]))
        else:
            text = str(value).strip()
            parsed = parse_codes(text)
            as_list = text.startswith("[") or (text.startswith("{") and text.endswith("}"))
            if parsed.error:
                results.append(("SCH-004", value, parsed.error))
            elif model_field.multi:
                if not text.startswith("["):
                    results.append(("SCH-003", value, ""))
                seen = set()
                for code in parsed.codes:
                    if code in seen:
                        results.append(("SCH-005", code, ""))
                    seen.add(code)
            elif as_list or len(parsed.codes) > 1:
                results.append(("SCH-002", value, ""))
            if not parsed.error:
                for code in dict.fromkeys(parsed.codes):
                    if not dimension.is_valid_code(code):
                        results.append(("SCH-001", code, (dimension.label("it"), dimension.label("en"))))
                    elif dimension.is_deprecated(code):
                        results.append(("SCH-008", code, ""))
        if len(self._code_cache) > CACHE_MAX:
            self._code_cache.clear()
        self._code_cache[key] = results
        return results

    def _check_code(self, row, model_field, value):
        if _is_empty(value):
            if model_field.requirement != "optional":
                self._requirement(row, model_field)
            return
        if isinstance(value, str):
            dimension = self.scheme.dimension(model_field.dimension)
            if dimension.is_valid_code(value) and not dimension.is_deprecated(value):
                return
        for code, shown, detail in self._code_results(model_field, value):
            self.emit(code, row.table, row, field_name=model_field.name, value=shown, detail=detail)

    def _check_codes(self, row, model_field, value):
        if _is_empty(value) or (isinstance(value, str) and value.strip() in ("[]", "{}")):
            if model_field.requirement != "optional":
                self._requirement(row, model_field)
            return
        for code, shown, detail in self._code_results(model_field, value):
            self.emit(code, row.table, row, field_name=model_field.name, value=shown, detail=detail)

    # -- cross-field rules of one record ---------------------------------------------------
    def _row_hooks(self, table, names):
        hooks = []

        def index(name):
            return 1 + names.index(name) if name in names else None

        start, end = index("data_inizio"), index("data_fine")
        if start is not None and end is not None:

            def dates(row, values):
                begin, finish = _iso_date(values[start]), _iso_date(values[end])
                if begin is not None and finish is not None and finish < begin:
                    self.emit(
                        "SCH-012",
                        row.table,
                        row,
                        field_name="data_fine",
                        value=values[end],
                        detail=str(values[start]),
                    )

            hooks.append(dates)
        if table.name == "lavori":
            what, services = index("intervento_oggetto"), index("servizi_realizzati")
            if what is not None and services is not None:

                def states_work(row, values):
                    if _is_empty(values[what]) and parse_codes(values[services]).is_null:
                        self.emit("SCH-011", row.table, row, field_name="intervento_oggetto")

                hooks.append(states_work)
        if table.name == "fasi":
            state = index("stato_fase")
            if state is not None and end is not None:

                def concluded(row, values):
                    finish = _iso_date(values[end])
                    if values[state] == "conclusa" and finish is not None and finish > self.today:
                        self.emit("SCH-018", row.table, row, field_name="data_fine", value=values[end])

                hooks.append(concluded)
        return hooks

    # -- records against other records (SQL inside SQLite: memory-flat) --------------------
    def _context(self, connection, table, fid):
        """A _Row (uuid, title, geometry) for a record found by an SQL check."""
        columns = self.columns.get(table, {})
        wanted = ["fid"] + [c for c in ("uuid", "titolo", "nome", "progetto_uuid") if c in columns]
        geometry_column = self.geometry_columns.get(table, (None,))[0]
        if geometry_column:
            wanted.append(geometry_column)
        values = connection.execute(sql.select(table, wanted, where="fid = ?"), (fid,)).fetchone()
        items = dict(zip(wanted, values)) if values else {}
        row = _Row(
            table, fid, items.get("uuid"), items.get("titolo", items.get("nome")), items.get("progetto_uuid")
        )
        blob = items.get(geometry_column) if geometry_column else None
        if blob is not None:
            try:
                geometry = gc.ogr_geometry(parse_blob(blob).wkb)
                if not geometry.IsEmpty() and geometry.IsValid():
                    row.geometry = geometry
            except (BlobError, gc.GeometryReadError):
                row.geometry = None
        return row

    def _check_uuid_duplicates(self, connection):
        for table in self.model.data_tables:
            if table.name not in self.columns or "uuid" not in self.columns[table.name]:
                continue
            name = sql.quote_identifier(table.name)
            statement = " ".join(
                [
                    "SELECT t.fid, t.uuid, d.n FROM",
                    name,
                    "AS t JOIN (SELECT uuid, count(*) AS n FROM",
                    name,
                    "WHERE uuid IS NOT NULL AND uuid <> '' GROUP BY uuid HAVING count(*) > 1) AS d",
                    "ON d.uuid = t.uuid ORDER BY t.uuid, t.fid",
                ]
            )
            for fid, uuid, count in connection.execute(statement).fetchall():
                self.emit(
                    "REF-003",
                    table.name,
                    self._context(connection, table.name, fid),
                    field_name="uuid",
                    value=uuid,
                    detail=str(count),
                )

    def _check_links(self, connection):
        for table in self.model.data_tables:
            columns = self.columns.get(table.name)
            if not columns:
                continue
            for model_field in table.fields:
                if not model_field.references or model_field.name not in columns:
                    continue
                parent, parent_field = model_field.references.split(".")
                if parent_field not in self.columns.get(parent, {}):
                    continue  # missing parent table/field is reported by STR-001/STR-002
                column = _qualified("c", model_field.name)
                statement = " ".join(
                    [
                        "SELECT c.fid,",
                        column,
                        "FROM",
                        sql.quote_identifier(table.name),
                        "AS c WHERE",
                        column,
                        "IS NOT NULL AND trim(",
                        column,
                        ") <> '' AND NOT EXISTS (SELECT 1 FROM",
                        sql.quote_identifier(parent),
                        "AS p WHERE",
                        _qualified("p", parent_field),
                        "=",
                        column,
                        ")",
                    ]
                )
                for fid, value in connection.execute(statement).fetchall():
                    self.emit(
                        "REF-004",
                        table.name,
                        self._context(connection, table.name, fid),
                        field_name=model_field.name,
                        value=value,
                        detail=parent,
                    )
        if (
            {"azioni", "lavori"} <= set(self.columns)
            and "lavoro_uuid" in self.columns["azioni"]
            and "progetto_uuid" in self.columns["azioni"]
            and "progetto_uuid" in self.columns["lavori"]
        ):
            statement = " ".join(
                [
                    "SELECT a.fid, a.lavoro_uuid, l.progetto_uuid FROM azioni AS a JOIN lavori AS l",
                    "ON l.uuid = a.lavoro_uuid WHERE a.progetto_uuid IS NOT NULL",
                    "AND l.progetto_uuid IS NOT NULL",
                    "AND a.progetto_uuid <> l.progetto_uuid",
                ]
            )
            for fid, lavoro, project in connection.execute(statement).fetchall():
                self.emit(
                    "REF-006",
                    "azioni",
                    self._context(connection, "azioni", fid),
                    field_name="lavoro_uuid",
                    value=lavoro,
                    detail=str(project),
                )

    def _check_projects(self, connection):
        if "progetti" not in self.columns or "uuid" not in self.columns["progetti"]:
            return
        children = [t for t in ("lavori", "azioni") if "progetto_uuid" in self.columns.get(t, {})]
        if children and self.profile.enabled("SCH-016"):
            parts = ["SELECT p.fid FROM progetti AS p WHERE p.uuid IS NOT NULL"]
            for child in children:
                parts += [
                    "AND NOT EXISTS (SELECT 1 FROM",
                    sql.quote_identifier(child),
                    "AS c WHERE c.progetto_uuid = p.uuid)",
                ]
            statement = " ".join(parts)
            for (fid,) in connection.execute(statement).fetchall():
                self.emit("SCH-016", "progetti", self._context(connection, "progetti", fid))
        if "progetto_uuid" in self.columns.get("criticita", {}) and self.profile.enabled("SCH-017"):
            statement = " ".join(
                [
                    "SELECT p.fid FROM progetti AS p WHERE p.uuid IS NOT NULL AND NOT EXISTS",
                    "(SELECT 1 FROM criticita AS c WHERE c.progetto_uuid = p.uuid)",
                ]
            )
            for (fid,) in connection.execute(statement).fetchall():
                self.emit("SCH-017", "progetti", self._context(connection, "progetti", fid))

    def _check_phases(self, connection):
        columns = self.columns.get("fasi", {})
        if not {"progetto_uuid", "numero"} <= set(columns):
            return
        wanted = [
            "fid",
            "uuid" if "uuid" in columns else "fid",
            "titolo" if "titolo" in columns else "fid",
            "progetto_uuid",
            "numero",
            "data_inizio" if "data_inizio" in columns else "fid",
        ]
        group, current = [], object()
        rows = iter_rows(connection, "fasi", wanted, order_by=("progetto_uuid", "numero", "fid"))
        for fid, uuid, title, project, number, start in rows:
            if project != current:
                self._phase_group(group)
                group, current = [], project
            if project is not None and not _is_empty(project):
                group.append(
                    (
                        _Row(
                            "fasi",
                            fid,
                            uuid if uuid != fid else None,
                            title if title != fid else None,
                            project,
                        ),
                        number,
                        start if start != fid else None,
                    )
                )
        self._phase_group(group)

    def _phase_group(self, group):
        if not group:
            return
        numbers = [n for _, n, _ in group if isinstance(n, int) and not isinstance(n, bool)]
        seen = set()
        for row, number, _ in group:
            if number in seen and isinstance(number, int):
                self.emit("SCH-013", "fasi", row, field_name="numero", value=number)
            seen.add(number)
        distinct = sorted(set(numbers))
        if distinct and distinct != list(range(1, len(distinct) + 1)):
            self.emit(
                "SCH-014",
                "fasi",
                group[0][0],
                field_name="numero",
                value=", ".join(str(n) for n in distinct),
                detail=str(len(distinct)),
            )
        previous = None
        for row, number, start in group:
            begin = _iso_date(start)
            if begin is None or not isinstance(number, int):
                continue
            if previous is not None and previous[0] < number and begin < previous[1]:
                self.emit(
                    "SCH-015",
                    "fasi",
                    row,
                    field_name="data_inizio",
                    value=number,
                    detail=(
                        f"fase {previous[0]}: {previous[1].isoformat()}",
                        f"phase {previous[0]}: {previous[1].isoformat()}",
                    ),
                )
            previous = (number, begin)

    def _check_duplicate_geometries(self, connection):
        candidates = getattr(self, "_duplicate_candidates", {})
        for table_name, groups in candidates.items():
            geometry_column = self.geometry_columns[table_name][0]
            for fids in groups:
                by_hash = {}
                for fid in fids:
                    blob = connection.execute(
                        sql.select(table_name, [geometry_column], where="fid = ?"), (fid,)
                    ).fetchone()[0]
                    digest = gc.normalized_hash(parse_blob(blob).wkb)
                    by_hash.setdefault(digest, []).append(fid)
                for same in by_hash.values():
                    if len(same) < 2:
                        continue
                    first = self._context(connection, table_name, same[0])
                    for fid in same[1:]:
                        self.emit(
                            "GEO-012",
                            table_name,
                            self._context(connection, table_name, fid),
                            field_name="geom",
                            value=first.uuid or f"fid {first.fid}",
                        )

    # -- accepted exceptions -------------------------------------------------------------------
    def _apply_exceptions(self, connection):
        from .exceptions_store import read_exceptions

        accepted = read_exceptions(connection)
        if not accepted:
            return []
        kept, suppressed, hashes = [], [], {}
        for finding in self.findings:
            wanted = accepted.get(finding.key())
            if wanted:
                cache_key = (finding.layer, finding.feature_uuid)
                if cache_key not in hashes:
                    hashes[cache_key] = (
                        compute_feature_hash(connection, finding.layer, finding.feature_uuid)
                        if finding.feature_uuid
                        else ""
                    )
                if hashes[cache_key] in wanted:
                    suppressed.append(finding)
                    continue
            kept.append(finding)
        self.findings = kept
        return suppressed


class _Scratch:
    """A private temporary on-disk SQLite database (sqlite3.connect("")): cross-record keys
    go here instead of Python memory, and GROUP BY finds the duplicates."""

    def __init__(self):
        self.connection = sqlite3.connect("")
        self.connection.execute("PRAGMA cache_size = -1000")
        self.connection.execute("CREATE TABLE k (key TEXT, fid INTEGER)")
        self._batch = []

    def add(self, key, fid):
        self._batch.append((key, fid))
        if len(self._batch) >= 5000:
            self._flush()

    def _flush(self):
        if self._batch:
            self.connection.executemany("INSERT INTO k VALUES (?, ?)", self._batch)
            self._batch = []

    def duplicates(self):
        """[[fid, ...]] of the keys seen more than once."""
        self._flush()
        groups = {}
        statement = (
            "SELECT key, fid FROM k WHERE key IN (SELECT key FROM k GROUP BY key HAVING count(*) > 1) "
            "ORDER BY key, fid"
        )
        for key, fid in self.connection.execute(statement):
            groups.setdefault(key, []).append(fid)
        return list(groups.values())

    def close(self):
        self.connection.close()


def _project_of(row):
    if row is None:
        return None
    project = row.uuid if row.table == "progetti" else row.project
    return project if isinstance(project, str) and project else None


def _qualified(alias, column):
    return alias + "." + sql.quote_identifier(column)


def _iso_date(value):
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def validate_geopackage(path, profile="strict", progress=None, is_cancelled=None, today=None):
    """Validate a RE.MIX GeoPackage; return a Report.

    ``progress(percent)`` is called now and then; ``is_cancelled()`` returning True stops the run
    with ValidationCancelled. Raises layers.errors.RemixFileError when the file cannot be read
    and profiles.ProfileError for an unknown profile.
    """
    return _Validator(path, profile, progress, is_cancelled, today).run()


def validate_source(source, profile="strict", progress=None, is_cancelled=None, today=None):
    """Validate what ``source`` (a FileSource-like object) opens; as ``validate_geopackage``."""
    return _Validator(source.path, profile, progress, is_cancelled, today, source=source).run()


def check_record(table_name, record, profile="strict", today=None):
    """The record-level rules (codes, requirements, types, cross-field rules) on one record given
    as a dict, without a file: the same implementation the file validation uses. Returns findings."""
    validator = _Validator(None, profile, today=today)
    table = validator.model.table(table_name)
    validator.columns[table_name] = {f.name: "" for f in table.fields}
    plan = validator._field_plan(table)
    names = [f.name for f in plan]
    values = (record.get("fid"),) + tuple(record.get(name) for name in names)
    title = record.get("titolo", record.get("nome"))
    row = _Row(table_name, record.get("fid"), record.get("uuid"), title)
    for index, model_field, check in validator._value_checks(table, plan):
        check(row, model_field, values[index])
    for hook in validator._row_hooks(table, names):
        hook(row, values)
    return validator.findings
