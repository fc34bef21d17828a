"""Independent check of a RE.MIX bundle, for the receiving side (no QGIS).

Reads the bundle with sqlite3 (read-only) and, as a generic reader, with fiona; a bundle inside a
zip is copied out entry by entry into a private temporary folder under a name chosen here
(entries with ``..``, absolute paths, drive letters or symlinks are refused; ``extractall`` is
never used). Checks: the GeoPackage itself, the spec version, tables, columns, types, CRS,
required values, unique UUIDs, codes against the scheme and the enum constraints, links and
references, link tables, related tables, metadata, the manifest's counts and content hash.
"""

import contextlib
import datetime
import functools
import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .. import inputs, sql
from ..layers.errors import RemixFileError
from ..layers.inspect import GPKG_APPLICATION_ID
from ..taxonomy import load_scheme
from ..textsafe import safe_json_line, safe_text
from ..uuids import canonical_uuid
from . import manifest as manifest_module
from . import schema_ext
from .spec import (
    BUNDLE_SRS_ID,
    CODELIST_TABLE,
    EXCLUDED_TABLES,
    MANIFEST_TABLE,
    RELATIONS_TABLE,
    SUPPORTED_SPEC_IDS,
    check_file_name,
    load_spec,
)

MAX_UNZIPPED_BYTES = inputs.MAX_UNZIPPED_BYTES
MAX_REPORTED_PER_CODE = 50


@dataclass
class Finding:
    code: str
    severity: str  # error | warning
    layer: str = ""
    feature_uuid: str = ""
    field: str = ""
    message_it: str = ""
    message_en: str = ""
    value: str = ""

    def message(self, language="it"):
        return self.message_it if language == "it" else self.message_en

    def as_dict(self):
        return {
            k: getattr(self, k)
            for k in (
                "code",
                "severity",
                "layer",
                "feature_uuid",
                "field",
                "message_it",
                "message_en",
                "value",
            )
        }


@dataclass
class BundleReport:
    path: str
    findings: list = field(default_factory=list)
    readable: bool = True
    manifest: dict = field(default_factory=dict)
    spec_version: str = ""
    content_hash: str = ""
    profile: str = "bundle"

    @property
    def counts(self):
        return {
            "error": sum(f.severity == "error" for f in self.findings),
            "warning": sum(f.severity == "warning" for f in self.findings),
        }

    @property
    def errors(self):
        return [f for f in self.findings if f.severity == "error"]

    @property
    def has_errors(self):
        return bool(self.errors) or not self.readable

    @property
    def exit_code(self):
        if not self.readable:
            return 2
        return 1 if self.has_errors else 0


class BundleUnreadable(Exception):  # noqa: N818 (public name)
    def __init__(self, code, message_it, message_en):
        super().__init__(message_en)
        self.code = code
        self.message_it = message_it
        self.message_en = message_en


# -- opening (zip included) ------------------------------------------------------------------
@contextlib.contextmanager
def open_bundle(path, snapshot=False):
    """Yield the path of a readable .gpkg: the file itself (``snapshot`` False), or a private
    read-only copy of it or of the one inside a zip (removed afterwards). Every check of
    ``inputs`` applies: regular file only, SQLite header, no polyglot, zip sanity."""
    try:
        with inputs.geopackage_of(path, snapshot=snapshot) as gpkg:
            yield gpkg
    except RemixFileError as exc:
        raise BundleUnreadable(exc.code, exc.message_it, exc.message_en) from exc


def _connect(path):
    name = Path(path).name
    try:
        connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=2.0)
        connection.execute("PRAGMA query_only = 1")
        inputs.check_virtual_tables(connection, name)
        check = connection.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise sqlite3.DatabaseError(check[0] if check else "quick_check failed")
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        error = inputs.sqlite_error(exc, name)
        raise BundleUnreadable(error.code, error.message_it, error.message_en) from exc
    except RemixFileError as exc:
        raise BundleUnreadable(exc.code, exc.message_it, exc.message_en) from exc
    if app_id != GPKG_APPLICATION_ID or "gpkg_contents" not in tables:
        connection.close()
        raise BundleUnreadable(
            "not_geopackage",
            "È un database SQLite ma non un GeoPackage.",
            "It is an SQLite database but not a GeoPackage.",
        )
    return connection, tables


# -- the check -------------------------------------------------------------------------------
class _Collector:
    def __init__(self, report):
        self.report = report
        self.per_code = {}

    def add(self, code, severity, it, en, layer="", uuid="", field_name="", value=""):
        n = self.per_code.get(code, 0) + 1
        self.per_code[code] = n
        if n == MAX_REPORTED_PER_CODE + 1:
            self.report.findings.append(
                Finding(
                    code + "_more",
                    severity,
                    layer,
                    "",
                    "",
                    f"Altri casi di {code} non elencati.",
                    f"More cases of {code} not listed.",
                )
            )
        if n > MAX_REPORTED_PER_CODE:
            return
        self.report.findings.append(
            Finding(
                code,
                severity,
                layer,
                uuid or "",
                field_name or "",
                it,
                en,
                "" if value is None else str(value)[:200],
            )
        )


def check_bundle(
    path,
    generic_reader=True,
    rules=True,
    profile="strict",
    expected_hash=None,
    values=None,
    display_name=None,
):
    """Check the bundle at ``path`` (.gpkg or .zip) and return a BundleReport (never raises for a
    bad file: an unreadable one gives ``readable=False``, exit code 2).

    Conformance to the spec is always checked. ``rules``: every rule of the validation engine
    (the same engine as for the editing GeoPackage, run through ``bundle_source.BundleSource``).
    ``values``: the checker's own quick checks of each value (required, codes, comuni, lengths)
    instead, for a bundle whose values the engine is not asked to check again (default: when
    ``rules`` is off). ``display_name``: the name the user gave the file, when ``path`` is a
    private snapshot of it (the file name rule is checked on that name)."""
    report = BundleReport(str(path), profile=profile)
    out = _Collector(report)
    values = (not rules) if values is None else values
    name = display_name or Path(path).name
    file_name = name if not str(name).lower().endswith(".zip") else Path(name).stem + ".gpkg"
    for it, en in check_file_name(file_name):
        out.add("file_name", "warning", it, en)
    try:
        with open_bundle(path) as gpkg:
            connection, tables = _connect(gpkg)
            try:
                _check(connection, tables, report, out, values, profile, expected_hash)
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                error = inputs.sqlite_error(exc, name)
                raise BundleUnreadable(error.code, error.message_it, error.message_en) from exc
            finally:
                connection.close()
            if rules and report.readable and not any(code in out.per_code for code in _STRUCTURAL):
                _check_rules(gpkg, profile, out)
            if generic_reader and report.readable and not report.has_errors:
                _check_generic_reader(gpkg, report, out)
    except BundleUnreadable as exc:
        report.readable = False
        report.findings.append(Finding(exc.code, "error", "", "", "", exc.message_it, exc.message_en))
    except OSError as exc:
        report.readable = False
        report.findings.append(
            Finding(
                "unreadable",
                "error",
                "",
                "",
                "",
                f"File illeggibile: {exc.strerror or exc}.",
                f"Unreadable file: {exc.strerror or exc}.",
            )
        )
    return report


# findings after which the bundle is not shaped enough for the validation engine
_STRUCTURAL = (
    "no_manifest",
    "bad_manifest",
    "spec_version",
    "missing_table",
    "missing_column",
    "column_type",
)


def _check_rules(gpkg, profile, out):
    """The validation engine's rules on the bundle; its findings keep their rule codes."""
    from ..validation.engine import validate_source
    from .bundle_source import BundleSource

    try:
        report = validate_source(BundleSource(gpkg), profile=profile)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        error = inputs.sqlite_error(exc, Path(gpkg).name)
        raise BundleUnreadable(error.code, error.message_it, error.message_en) from exc
    except RemixFileError as exc:
        message_it = getattr(exc, "message_it", str(exc))
        message_en = getattr(exc, "message_en", str(exc))
        out.add(
            "rules_unreadable",
            "error",
            f"Validazione impossibile: {message_it}",
            f"Validation failed: {message_en}",
        )
        return
    for f in report.sorted_findings():
        out.add(
            f.code,
            f.severity,
            f.message_it,
            f.message_en,
            f.layer,
            f.feature_uuid or "",
            f.field or "",
            "" if f.value is None else f.value,
        )


def _check(connection, tables, report, out, values, profile, expected_hash=None):
    spec = load_spec()
    scheme = load_scheme()
    if MANIFEST_TABLE not in tables:
        out.add(
            "no_manifest",
            "error",
            "Manca la tabella bundle_manifest: non è un bundle RE.MIX.",
            "The bundle_manifest table is missing: not a RE.MIX bundle.",
        )
        return
    try:
        manifest = manifest_module.read_manifest(connection)
    except sqlite3.DatabaseError as exc:
        out.add("bad_manifest", "error", f"Manifest illeggibile ({exc}).", f"Unreadable manifest ({exc}).")
        return
    report.manifest = manifest
    report.spec_version = str(manifest.get("spec_version", ""))
    if report.spec_version not in SUPPORTED_SPEC_IDS:
        out.add(
            "spec_version",
            "error",
            f"Versione della specifica sconosciuta: {report.spec_version!r} "
            f"(gestita: {', '.join(SUPPORTED_SPEC_IDS)}).",
            f"Unknown specification version: {report.spec_version!r} "
            f"(supported: {', '.join(SUPPORTED_SPEC_IDS)}).",
        )
        return
    _check_schema_version(manifest, out)
    views = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    for name in EXCLUDED_TABLES:
        if name in tables or name in views:
            out.add(
                "excluded_table",
                "error",
                f"La tabella {name} non deve viaggiare nel bundle.",
                f"The table {name} must not travel in the bundle.",
                layer=name,
            )
    missing = [n for n in spec.all_layer_names() + [RELATIONS_TABLE, "gpkg_metadata"] if n not in tables]
    for name in missing:
        out.add(
            "missing_table", "error", f"Manca la tabella {name}.", f"The table {name} is missing.", layer=name
        )
    if missing:
        return
    _check_columns(connection, spec, out)
    if out.per_code.get("missing_column") or out.per_code.get("column_type"):
        return
    _check_geometry_storage(connection, spec)
    _check_code_objects(connection, spec, views, out)
    _check_crs(connection, spec, out)
    _check_srs_definitions(connection, spec, out)
    _check_geometry_dimensions(connection, spec, out)
    _check_audit_dates(connection, spec, manifest, out)
    _check_codelist(connection, scheme, out)
    _check_constraints(connection, spec, scheme, out)
    uuids = _check_rows(connection, spec, scheme, out, values, profile)
    _check_links(connection, spec, scheme, out, uuids, profile, values)
    _check_related(connection, spec, out)
    _check_metadata(connection, out)
    _check_manifest(connection, spec, manifest, report, out, expected_hash)


def _check_schema_version(manifest, out):
    """A bundle written by a newer plugin (schema of the editing GeoPackage) may carry fields and
    meanings this checker does not know: reported, never certified."""
    from ..layers.model import SCHEMA_VERSION

    text = str(manifest.get("schema_version", "")).strip()
    if not text.isdigit():
        out.add(
            "schema_version",
            "error",
            f"Manifest: versione dello schema illeggibile ({text!r}).",
            f"Manifest: unreadable schema version ({text!r}).",
            MANIFEST_TABLE,
            value=text,
        )
    elif int(text) > SCHEMA_VERSION:
        out.add(
            "schema_version",
            "error",
            f"Il bundle è stato scritto con lo schema {text}, più recente di quello gestito "
            f"({SCHEMA_VERSION}): aggiorna il plugin.",
            f"The bundle was written with schema {text}, newer than the one handled ({SCHEMA_VERSION}): "
            "update the plugin.",
            MANIFEST_TABLE,
            value=text,
        )


def _geometry_tables(spec):
    return [t for t in spec.tables if t.geometry]


def _check_geometry_storage(connection, spec):
    """A geometry column holds BLOBs (or NULL): any other storage class cannot be read as a
    geometry at all, so the file is unreadable (exit 2), not merely non-conforming."""
    for table in _geometry_tables(spec):
        statement = " ".join(
            ["SELECT", "count(*), min(typeof(geom))", "FROM", sql.quote_identifier(table.name),
             "WHERE", "typeof(geom) NOT IN ('blob', 'null')"]
        )
        row = connection.execute(statement).fetchone()
        if row and row[0]:
            raise BundleUnreadable(
                "geometry_storage",
                f"{table.name}: {row[0]} geometrie non sono binarie (tipo SQLite {row[1]}): "
                "file illeggibile.",
                f"{table.name}: {row[0]} geometries are not binary (SQLite type {row[1]}): unreadable file.",
            )


_SPACES = re.compile(r"\s+")


def _normal_sql(text):
    return _SPACES.sub(" ", (text or "").strip()).lower()


# GDAL's feature-count trigger, normalised (VERB, SIGN and TABLE are filled in)
_COUNT_TRIGGER = (
    r'create trigger "trigger_VERB_feature_count_TABLE" after VERB on "TABLE" begin '
    r"update gpkg_ogr_contents set feature_count = feature_count SIGN 1 "
    r"where lower\(table_name\) = lower\('TABLE'\); end"
)
_RTREE_VERBS = ("insert or replace into", "delete from", "update")


def _rtree_statement(statement, index):
    """One statement of GDAL's R-tree trigger: it writes the index table ``index`` only."""
    verb, _, rest = statement.partition(' "')
    return verb in _RTREE_VERBS and rest.startswith(index + '" ')


def _allowed_trigger(text, tables):
    """True for the triggers GDAL itself writes: feature counts, the R-tree index of a geometry
    column, and the GeoPackage's own constraint triggers on its gpkg_ tables."""
    text = _normal_sql(text)
    match = re.match(r"^create trigger [\"']?([a-z0-9_]+)[\"']? (after|before) (insert|update|delete)", text)
    if not match:
        return False
    name = match.group(1)
    for table in [t for t in tables if t in name]:  # the trigger's name holds its table's
        quoted = re.escape(table)
        for verb, sign in (("insert", r"\+"), ("delete", "-")):
            pattern = _COUNT_TRIGGER.replace("VERB", verb).replace("SIGN", sign).replace("TABLE", quoted)
            if re.fullmatch(pattern, text):
                return True
        if name.startswith(f"rtree_{table}_"):
            index = name.rsplit("_", 1)[0]
            body = text.split(" begin ", 1)[-1]
            statements = [part.strip() for part in body.rsplit(" end", 1)[0].split(";") if part.strip()]
            on_table = re.search(rf' on "{quoted}"( |$)', text)
            if on_table and statements and " select " not in f" {body} " and all(
                _rtree_statement(st, index) for st in statements
            ):
                return True
    on_gpkg = re.search(r" on '?\"?(gpkg_[a-z_]+)", text)
    body = text.split(" begin ", 1)[-1]
    return bool(on_gpkg) and bool(
        re.fullmatch(r"(select raise\(abort, '(?:[^']|'')*'\) where [^;]*; )+end", body)
    )


def _check_code_objects(connection, spec, views, out):
    """Nothing in a bundle runs code: no view (a view named like an excluded table is reported
    there too), no trigger other than GDAL's own."""
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for name in sorted(views):
        out.add(
            "foreign_view",
            "error",
            f"La vista {name} non è prevista dalla specifica (un bundle non contiene viste).",
            f"The view {name} is not in the specification (a bundle holds no views).",
            layer=name,
        )
    for name, table, text in connection.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ):
        if not _allowed_trigger(text, tables):
            out.add(
                "foreign_trigger",
                "error",
                f"Il trigger {name} su {table} non è uno di quelli di GDAL: un bundle non contiene codice.",
                f"The trigger {name} on {table} is not one of GDAL's: a bundle holds no code.",
                layer=table,
                value=name,
            )


@functools.lru_cache(maxsize=1)
def _bundle_srs():
    from osgeo import osr

    reference = osr.SpatialReference()
    reference.ImportFromEPSG(BUNDLE_SRS_ID)
    return reference


def _check_srs_definitions(connection, spec, out):
    """The SRS row the geometry columns use must define EPSG:32632 itself, not only carry its code."""
    from osgeo import osr

    rows = connection.execute(
        "SELECT DISTINCT s.srs_id, s.definition FROM gpkg_geometry_columns g "
        "JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id"
    ).fetchall()
    for srs_id, definition in rows:
        candidate = osr.SpatialReference()
        try:
            parsed = candidate.ImportFromWkt(str(definition or "")) == 0
        except RuntimeError:  # osr raises instead of returning a code when exceptions are on
            parsed = False
        same = parsed and bool(candidate.IsSame(_bundle_srs(), ["IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES"]))
        if not same:
            out.add(
                "crs_definition",
                "error",
                f"gpkg_spatial_ref_sys {srs_id}: la definizione non corrisponde a EPSG:32632.",
                f"gpkg_spatial_ref_sys {srs_id}: the definition does not match EPSG:32632.",
                "gpkg_spatial_ref_sys",
                value=str(definition or "")[:80],
            )


def _check_geometry_dimensions(connection, spec, out):
    """A 2D column (z = m = 0 in gpkg_geometry_columns, as the spec wants) holds 2D geometries."""
    from ..validation.readers import BlobError, parse_blob

    declared = {
        r[0]: (r[1], r[2]) for r in connection.execute("SELECT table_name, z, m FROM gpkg_geometry_columns")
    }
    for table in _geometry_tables(spec):
        z, m = declared.get(table.name, (0, 0))
        if z or m:
            out.add(
                "geometry_dimension",
                "error",
                f"{table.name}: la colonna geometrica dichiara Z o M (z={z}, m={m}), la specifica vuole 2D.",
                f"{table.name}: the geometry column declares Z or M (z={z}, m={m}), the spec wants 2D.",
                table.name,
                field_name="geom",
            )
        # the header, the largest envelope and the WKB type are in the first 8 + 64 + 5 bytes
        statement = " ".join(
            ["SELECT", "uuid, substr(geom, 1, 77)", "FROM", sql.quote_identifier(table.name),
             "WHERE", "geom IS NOT NULL"]
        )
        for uuid, blob in connection.execute(statement):
            try:
                geometry = parse_blob(blob)
            except BlobError as exc:
                out.add(
                    "geometry_blob",
                    "error",
                    f"{table.name}: geometria non leggibile ({exc}).",
                    f"{table.name}: unreadable geometry ({exc}).",
                    table.name,
                    uuid,
                    "geom",
                )
                continue
            envelope_dims = (bytes(blob[3:4])[0] >> 1) & 0x07
            if geometry.has_z or geometry.has_m or envelope_dims > 1:
                out.add(
                    "geometry_dimension",
                    "error",
                    f"{table.name}: geometria con coordinate Z o M in una colonna 2D.",
                    f"{table.name}: geometry with Z or M coordinates in a 2D column.",
                    table.name,
                    uuid,
                    "geom",
                )


AUDIT_DATES = ("creato_il", "modificato_il")
EARLIEST_AUDIT_YEAR = 1990


def _parse_stamp(text):
    value = str(text).strip().replace("Z", "+00:00").replace(" ", "T")
    parsed = datetime.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.timezone.utc)


def _audit_candidates(table, present):
    """SELECT of the rows whose audit dates look suspicious to plain text tests in SQLite (not
    text, not shaped YYYY-MM-DD, month or day out of range, a 29-31 that SQLite moves to the next
    month once it computes with it ('+0 days'), before 1990, after the bundle's day + 1, modified
    before created); Python then decides on those rows only (a bundle has many rows). ?1 is the
    last acceptable day."""
    tests = []
    for name in present:
        c = sql.quote_identifier(name)
        day = "substr(" + c + ", 1, 10)"
        tests.append(
            "(" + c + " IS NOT NULL AND (typeof(" + c + ") != 'text'"
            " OR " + c + " NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*'"
            " OR substr(" + c + ", 6, 2) NOT BETWEEN '01' AND '12' OR substr(" + c + ", 9, 2) = '00'"
            " OR " + day + " < '1990' OR " + day + " > ?1"
            " OR (substr(" + c + ", 9, 2) > '28' AND date(" + day + ", '+0 days') IS NOT " + day + ")))"
        )
    if len(present) == 2:
        modified, created = sql.quote_identifier("modificato_il"), sql.quote_identifier("creato_il")
        tests.append("(substr(" + modified + ", 1, 10) < substr(" + created + ", 1, 10) OR (substr("
                     + modified + ", 1, 10) = substr(" + created + ", 1, 10) AND " + modified + " < "
                     + created + "))")
    return sql.select(table, ["uuid"] + present, where=" OR ".join(tests))


def _check_audit_dates(connection, spec, manifest, out):
    """creato_il / modificato_il: real calendar instants, not before 1990, not after the bundle was
    made, and never modified before created."""
    try:
        made = _parse_stamp(manifest.get("created_at", ""))
    except (ValueError, TypeError):
        made = datetime.datetime.now(datetime.timezone.utc)
    # clocks of two offices may differ by hours: the whole next day is accepted
    latest = datetime.datetime.combine(
        (made + datetime.timedelta(days=1)).date(), datetime.time.max, tzinfo=datetime.timezone.utc
    )
    for table in spec.tables:
        present = [name for name in AUDIT_DATES if name in table.field_names]
        if not present:
            continue
        last_day = latest.strftime("%Y-%m-%d")
        for row in connection.execute(_audit_candidates(table.name, present), (last_day,)):
            stamps = {}
            for name, value in zip(present, row[1:]):
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                try:
                    stamp = _parse_stamp(value)
                except (ValueError, TypeError):
                    stamp = None
                if stamp is None or stamp.year < EARLIEST_AUDIT_YEAR or stamp > latest:
                    out.add(
                        "audit_date",
                        "error",
                        f"{table.name}.{name}: data impossibile {str(value)[:40]!r}.",
                        f"{table.name}.{name}: impossible date {str(value)[:40]!r}.",
                        table.name,
                        row[0],
                        name,
                        value,
                    )
                    continue
                stamps[name] = stamp
            if len(stamps) == 2 and stamps["modificato_il"] < stamps["creato_il"]:
                out.add(
                    "audit_date",
                    "error",
                    f"{table.name}: modificato_il precede creato_il.",
                    f"{table.name}: modificato_il is before creato_il.",
                    table.name,
                    row[0],
                    "modificato_il",
                    row[1 + present.index("modificato_il")],
                )


def _declared(type_text):
    return (type_text or "").split("(")[0].strip().upper()


def _check_columns(connection, spec, out):
    expected = {t.name: {f.name: f.sql_type for f in t.fields} for t in spec.tables}
    for link in spec.link_tables:
        expected[link.name] = {link.parent_key: "TEXT", "code": "TEXT", "ordine": "INTEGER"}
    for name, columns in expected.items():
        actual = {
            r[1]: _declared(r[2])
            for r in connection.execute("PRAGMA table_info(" + sql.quote_identifier(name) + ")")
        }
        for column, sql_type in columns.items():
            if column not in actual:
                out.add(
                    "missing_column",
                    "error",
                    f"{name}: manca il campo {column}.",
                    f"{name}: the field {column} is missing.",
                    layer=name,
                    field_name=column,
                )
            elif actual[column] != sql_type and not (
                sql_type == "INTEGER" and actual[column] in ("INT", "MEDIUMINT")
            ):
                out.add(
                    "column_type",
                    "error",
                    f"{name}.{column}: tipo {actual[column]} invece di {sql_type}.",
                    f"{name}.{column}: type {actual[column]} instead of {sql_type}.",
                    layer=name,
                    field_name=column,
                )
        known = set(columns) | {"fid", "geom"}
        for column in sorted(set(actual) - known):
            out.add(
                "extra_column",
                "warning",
                f"{name}: campo {column} non previsto dalla specifica.",
                f"{name}: field {column} is not in the specification.",
                layer=name,
                field_name=column,
            )


def _check_crs(connection, spec, out):
    rows = {
        r[0]: r[1:]
        for r in connection.execute(
            "SELECT g.table_name, g.geometry_type_name, g.srs_id, s.organization, s.organization_coordsys_id "
            "FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id"
        )
    }
    for table in spec.tables:
        if not table.geometry:
            continue
        row = rows.get(table.name)
        if row is None:
            out.add(
                "no_geometry_column",
                "error",
                f"{table.name}: manca la colonna geometrica.",
                f"{table.name}: the geometry column is missing.",
                layer=table.name,
            )
            continue
        geometry_type, _, organization, code = row
        if (organization or "").upper() != "EPSG" or int(code or 0) != BUNDLE_SRS_ID:
            out.add(
                "crs",
                "error",
                f"{table.name}: sistema di riferimento {organization}:{code} invece di EPSG:32632.",
                f"{table.name}: reference system {organization}:{code} instead of EPSG:32632.",
                layer=table.name,
            )
        if (geometry_type or "").upper() != table.geometry.upper():
            out.add(
                "geometry_type",
                "error",
                f"{table.name}: geometria {geometry_type} invece di {table.geometry}.",
                f"{table.name}: geometry {geometry_type} instead of {table.geometry}.",
                layer=table.name,
            )


def _check_codelist(connection, scheme, out):
    rows = {(d, c) for d, c in connection.execute(sql.select(CODELIST_TABLE, ("dimension", "code")))}
    expected = {(r[0], r[1]) for r in scheme.codelist_rows()}
    for dimension, code in sorted(expected - rows):
        out.add(
            "codelist_missing",
            "error",
            f"Lista dei codici: manca {dimension}/{code}.",
            f"Code list: {dimension}/{code} is missing.",
            layer=CODELIST_TABLE,
            value=code,
        )
    for dimension, code in sorted(rows - expected):
        out.add(
            "codelist_extra",
            "warning",
            f"Lista dei codici: {dimension}/{code} non è nello schema.",
            f"Code list: {dimension}/{code} is not in the scheme.",
            layer=CODELIST_TABLE,
            value=code,
        )


def _check_constraints(connection, spec, scheme, out):
    try:
        enums = schema_ext.enum_codes(connection)
        columns = schema_ext.column_constraints(connection)
    except sqlite3.DatabaseError:
        out.add(
            "schema_extension",
            "error",
            "Manca l'estensione schema (gpkg_data_columns/constraints).",
            "The schema extension (gpkg_data_columns/constraints) is missing.",
        )
        return
    coded = [(t.name, f.name, f.dimension) for t in spec.tables for f in t.fields if f.dimension]
    coded += [(lt.name, "code", lt.dimension) for lt in spec.link_tables]
    for table, column, dimension in coded:
        name = columns.get((table, column))
        expected = set(scheme.dimension(dimension).codes())
        if name is None or enums.get(name) != expected:
            out.add(
                "enum_constraint",
                "error",
                f"{table}.{column}: vincolo enum mancante o diverso dai codici di {dimension}.",
                f"{table}.{column}: enum constraint missing or different from the codes of {dimension}.",
                layer=table,
                field_name=column,
            )


def _valid_comuni():
    from ..layers.geopackage import read_zone_omogenee

    return set(read_zone_omogenee())


# rows whose uuid may be missing (NULL, not text, empty, or starting with a blank or non-ASCII
# character that str.strip() may remove) or repeated: the only rows the structural check reports
_UUID_CANDIDATE = (
    "{k} IS NULL OR typeof({k}) <> 'text' OR {k} = '' OR unicode({k}) < 33 OR unicode({k}) > 126"
)


def _is_missing(uuid):
    return uuid is None or str(uuid).strip() == ""


def _report_repeated_code(out, link, parent, code, pairs):
    """Report a code a parent lists twice in a link table; remembers the pair."""
    if (parent, code) in pairs:
        out.add("duplicate_code", "error", f"{link.name}: codice {code!r} ripetuto.",
                f"{link.name}: code {code!r} repeated.", link.name, parent, "code", code)
    pairs.add((parent, code))


def _report_uuid(out, table, uuid, seen):
    """Report a missing or repeated (canonical) UUID; False when the record has none."""
    if _is_missing(uuid):
        out.add("uuid_missing", "error", f"{table.name}: record senza UUID.",
                f"{table.name}: record without UUID.", layer=table.name, field_name="uuid")
        return False
    if canonical_uuid(uuid) in seen:
        out.add("uuid_duplicate", "error", f"{table.name}: UUID duplicato {uuid}.",
                f"{table.name}: duplicate UUID {uuid}.", layer=table.name, uuid=uuid, field_name="uuid")
    seen.add(canonical_uuid(uuid))
    return True


def _check_uuids_sql(connection, spec, out):
    """The uuid part of _check_rows without values: SQLite picks the few rows that can give a
    finding (a Python loop over every row cost 0.9 s at 100,000 lavori + azioni); the same Python
    logic then decides, in the order the full scan had (the uuid index)."""
    for table in spec.tables:
        name = sql.quote_identifier(table.name)
        statement = " ".join(
            [
                "SELECT uuid FROM", name, "WHERE", _UUID_CANDIDATE.format(k="uuid"),
                "OR lower(trim(uuid)) IN (SELECT lower(trim(uuid)) FROM", name,
                "GROUP BY lower(trim(uuid)) HAVING count(*) > 1) ORDER BY uuid",
            ]
        )
        seen = set()
        for (uuid,) in connection.execute(statement):
            _report_uuid(out, table, uuid, seen)


def _check_links_sql(connection, spec, out):
    """The structural part of _check_links (dangling parents, repeated codes) with SQLite picking
    the candidate rows, in the full scan's order (fid); the same logic then decides."""
    for link in spec.link_tables:
        key = "l." + sql.quote_identifier(link.parent_key)
        missing_parent = " ".join(
            ["NOT EXISTS (SELECT 1 FROM", sql.quote_identifier(link.parent), "AS p WHERE p.uuid =", key + ")"]
        )
        name = sql.quote_identifier(link.name)
        statement = " ".join(
            [
                "SELECT", key + ", l.code,", missing_parent, "FROM", name, "AS l WHERE",
                _UUID_CANDIDATE.format(k=key), "OR", missing_parent, "OR (" + key + ", l.code) IN",
                "(SELECT", sql.quote_identifier(link.parent_key) + ", code FROM", name,
                "GROUP BY 1, 2 HAVING count(*) > 1) ORDER BY l.fid",
            ]
        )
        pairs = set()
        for parent, code, dangling in connection.execute(statement):
            if dangling or _is_missing(parent):
                out.add(
                    "dangling_link",
                    "error",
                    f"{link.name}: {parent!r} non esiste in {link.parent}.",
                    f"{link.name}: {parent!r} does not exist in {link.parent}.",
                    link.name,
                    parent,
                    link.parent_key,
                    parent,
                )
                continue
            _report_repeated_code(out, link, parent, code, pairs)


def _check_rows(connection, spec, scheme, out, values, profile):
    """UUIDs and references, and with ``values`` the quick value checks; returns table -> set of
    uuids (None without ``values``: the structural checks then run in SQL)."""
    if not values:
        _check_uuids_sql(connection, spec, out)
        return None
    uuids = {}
    comuni = _valid_comuni()
    for table in spec.tables:
        seen = set()
        columns = ["uuid"]
        if values:  # only the uuids otherwise
            columns += [f.name for f in table.fields if f.name != "uuid"] + (
                ["geom"] if table.geometry else []
            )
        fields = [table.field(c) for c in columns if c != "geom"]
        for row in connection.execute(sql.select(table.name, columns)):
            record = dict(zip(columns, row))
            uuid = record["uuid"]
            if not _report_uuid(out, table, uuid, seen):
                continue
            for f in fields if values else ():
                value = record[f.name]
                empty = value is None or (isinstance(value, str) and not value.strip())
                if empty:
                    if f.required:
                        out.add(
                            "required",
                            "error" if profile == "strict" else "warning",
                            f"{table.name}.{f.name}: valore obbligatorio mancante.",
                            f"{table.name}.{f.name}: required value missing.",
                            table.name,
                            uuid,
                            f.name,
                        )
                    continue
                if f.dimension:
                    dimension = scheme.dimension(f.dimension)
                    if not dimension.is_valid_code(value):
                        out.add(
                            "bad_code",
                            "error",
                            f"{table.name}.{f.name}: codice {value!r} non previsto.",
                            f"{table.name}.{f.name}: code {value!r} is not allowed.",
                            table.name,
                            uuid,
                            f.name,
                            value,
                        )
                    elif dimension.is_deprecated(value):
                        out.add(
                            "deprecated_code",
                            "warning",
                            f"{table.name}.{f.name}: codice {value!r} deprecato.",
                            f"{table.name}.{f.name}: code {value!r} is deprecated.",
                            table.name,
                            uuid,
                            f.name,
                            value,
                        )
                if f.references == "comuni.istat" and value not in comuni:
                    out.add(
                        "bad_comune",
                        "error",
                        f"{table.name}.{f.name}: {value!r} non è un comune di CMM.",
                        f"{table.name}.{f.name}: {value!r} is not a CMM municipality.",
                        table.name,
                        uuid,
                        f.name,
                        value,
                    )
                if f.max_length and isinstance(value, str) and len(value) > f.max_length:
                    out.add(
                        "too_long",
                        "error",
                        f"{table.name}.{f.name}: testo oltre {f.max_length} caratteri.",
                        f"{table.name}.{f.name}: text longer than {f.max_length} characters.",
                        table.name,
                        uuid,
                        f.name,
                    )
            if table.geometry and values:
                if row[-1] is None:
                    if table.geometry_required:
                        out.add(
                            "geometry_missing",
                            "error",
                            f"{table.name}: geometria obbligatoria mancante.",
                            f"{table.name}: required geometry missing.",
                            table.name,
                            uuid,
                            "geom",
                        )
        uuids[table.name] = seen
    for table in spec.tables if values else ():  # the engine's REF rules do it otherwise
        for f in table.fields:
            if not f.references or f.references == "comuni.istat":
                continue
            target = f.references.split(".")[0]
            cursor = connection.execute(
                sql.select(table.name, ("uuid", f.name), where=sql.quote_identifier(f.name) + " IS NOT NULL")
            )
            for uuid, value in cursor:
                if canonical_uuid(value) not in uuids.get(target, ()):
                    out.add(
                        "dangling_link",
                        "error",
                        f"{table.name}.{f.name}: {value!r} non esiste in {target}.",
                        f"{table.name}.{f.name}: {value!r} does not exist in {target}.",
                        table.name,
                        uuid,
                        f.name,
                        value,
                    )
    return uuids


def _check_links(connection, spec, scheme, out, uuids, profile, values):
    if not values:
        _check_links_sql(connection, spec, out)
        return
    for link in spec.link_tables:
        dimension = scheme.dimension(link.dimension)
        with_codes = set()
        pairs = set()
        cursor = connection.execute(sql.select(link.name, (link.parent_key, "code", "ordine")))
        for parent, code, _order in cursor:
            parent = canonical_uuid(parent)
            if parent not in uuids.get(link.parent, ()):
                out.add(
                    "dangling_link",
                    "error",
                    f"{link.name}: {parent!r} non esiste in {link.parent}.",
                    f"{link.name}: {parent!r} does not exist in {link.parent}.",
                    link.name,
                    parent,
                    link.parent_key,
                    parent,
                )
                continue
            if values and not dimension.is_valid_code(code):
                out.add(
                    "bad_code",
                    "error",
                    f"{link.name}: codice {code!r} non previsto.",
                    f"{link.name}: code {code!r} is not allowed.",
                    link.name,
                    parent,
                    "code",
                    code,
                )
            _report_repeated_code(out, link, parent, code, pairs)
            with_codes.add(parent)
        if values and link.required and profile == "strict":
            for parent in sorted(uuids.get(link.parent, set()) - with_codes):
                out.add(
                    "required",
                    "error",
                    f"{link.parent}.{link.field}: almeno un codice obbligatorio.",
                    f"{link.parent}.{link.field}: at least one code required.",
                    link.parent,
                    parent,
                    link.field,
                )


def _check_related(connection, spec, out):
    from .related_tables import read_relations

    relations = {r[5]: r for r in read_relations(connection)}
    for relation in spec.related_tables:
        row = relations.get(relation.mapping_table)
        if row is None or row[0] != relation.base or row[2] != relation.related:
            out.add(
                "related_tables",
                "error",
                f"Relazione {relation.relation_id} non dichiarata in gpkgext_relations.",
                f"Relation {relation.relation_id} not declared in gpkgext_relations.",
                relation.mapping_table,
            )
            continue
        parts = [
            "SELECT",
            "count(*)",
            "FROM",
            sql.quote_identifier(relation.related),
            "AS",
            "c",
            "JOIN",
            sql.quote_identifier(relation.base),
            "AS",
            "p",
            "ON",
            "c." + sql.quote_identifier(relation.child_field),
            "=",
            "p.uuid",
        ]
        expected = connection.execute(" ".join(parts)).fetchone()[0]
        actual = connection.execute(sql.count(relation.mapping_table)).fetchone()[0]
        if expected != actual:
            out.add(
                "related_tables",
                "error",
                f"{relation.mapping_table}: {actual} righe invece di {expected}.",
                f"{relation.mapping_table}: {actual} rows instead of {expected}.",
                relation.mapping_table,
            )


def _check_metadata(connection, out):
    row = connection.execute(
        "SELECT count(*) FROM gpkg_metadata WHERE md_standard_uri = ? AND length(metadata) > 0",
        ("http://www.isotc211.org/2005/gmd",),
    ).fetchone()
    if not row or not row[0]:
        out.add(
            "metadata",
            "error",
            "Manca il record di metadati ISO 19139 (RNDT).",
            "The ISO 19139 (RNDT) metadata record is missing.",
            "gpkg_metadata",
        )


def _check_manifest(connection, spec, manifest, report, out, expected_hash=None):
    counts = manifest.get("feature_counts")
    actual = manifest_module.feature_counts(connection, spec)
    if not isinstance(counts, dict):
        out.add(
            "manifest_counts",
            "error",
            "Il manifest non riporta i conteggi.",
            "The manifest has no counts.",
            MANIFEST_TABLE,
        )
    else:
        for name, count in sorted(actual.items()):
            if counts.get(name) != count:
                out.add(
                    "manifest_counts",
                    "error",
                    f"{name}: {count} record, il manifest ne dichiara {counts.get(name)}.",
                    f"{name}: {count} records, the manifest says {counts.get(name)}.",
                    name,
                )
    # the writer passes the hash it has just computed on this very file (saves a second pass);
    # a bundle written before hash version 2 declares (or, older still, omits) version 1
    algorithm = manifest.get("hash_algorithm") or manifest_module.HASH_V1
    if algorithm not in manifest_module.HASH_ALGORITHMS:
        out.add(
            "hash_algorithm",
            "error",
            f"Algoritmo dell'hash sconosciuto: {algorithm!r} "
            f"(gestiti: {', '.join(manifest_module.HASH_ALGORITHMS)}).",
            f"Unknown hash algorithm: {algorithm!r} "
            f"(supported: {', '.join(manifest_module.HASH_ALGORITHMS)}).",
            MANIFEST_TABLE,
            value=algorithm,
        )
    else:
        report.content_hash = expected_hash or manifest_module.content_hash(connection, spec, algorithm)
    if algorithm in manifest_module.HASH_ALGORITHMS and manifest.get("content_hash") != report.content_hash:
        out.add(
            "content_hash",
            "error",
            "L'hash del contenuto non corrisponde al manifest (dati alterati?).",
            "The content hash does not match the manifest (data altered?).",
            MANIFEST_TABLE,
            value=manifest.get("content_hash"),
        )
    for key in ("producer", "created_at", "scheme_version", "validation_profile"):
        if not manifest.get(key):
            out.add(
                "manifest_key",
                "error",
                f"Manifest: manca {key}.",
                f"Manifest: {key} is missing.",
                MANIFEST_TABLE,
            )


def _check_generic_reader(gpkg, report, out):
    """Every layer must open in a generic reader (fiona) with the same number of features."""
    import fiona

    spec = load_spec()
    expected = manifest_module.feature_counts
    connection = sqlite3.connect(Path(gpkg).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        counts = expected(connection, spec)
    finally:
        connection.close()
    layers = set(fiona.listlayers(str(gpkg)))
    for name in spec.table_names + [lt.name for lt in spec.link_tables]:
        if name not in layers:
            out.add(
                "reader",
                "error",
                f"fiona non vede il layer {name}.",
                f"fiona does not see the layer {name}.",
                name,
            )
            continue
        with fiona.open(str(gpkg), layer=name) as collection:
            if len(collection) != counts[name]:
                out.add(
                    "reader",
                    "error",
                    f"fiona legge {len(collection)} record in {name}.",
                    f"fiona reads {len(collection)} records in {name}.",
                    name,
                )


def format_report(report, language="it", fmt="text"):
    if fmt == "jsonl":
        lines = [safe_json_line(json.dumps(f.as_dict(), ensure_ascii=False)) for f in report.findings]
        lines.append(
            json.dumps(
                {
                    "summary": report.counts,
                    "exit_code": report.exit_code,
                    "spec_version": report.spec_version,
                    "content_hash": report.content_hash,
                },
                ensure_ascii=False,
            )
        )
        return os.linesep.join(lines)
    lines = []
    for f in report.findings:
        where = " ".join(safe_text(x) for x in (f.layer, f.feature_uuid) if x)
        lines.append(f"{f.severity.upper()} [{safe_text(f.code)}] {where}: {safe_text(f.message(language))}")
    if report.exit_code == 0:
        lines.append("Bundle conforme." if language == "it" else "Bundle conforms.")
    elif report.exit_code == 1:
        lines.append(
            f"Bundle NON conforme: {report.counts['error']} errori, {report.counts['warning']} avvisi."
            if language == "it"
            else f"Bundle does NOT conform: {report.counts['error']} errors, "
            f"{report.counts['warning']} warnings."
        )
    else:
        lines.append("Bundle illeggibile." if language == "it" else "Bundle unreadable.")
    return os.linesep.join(lines)
