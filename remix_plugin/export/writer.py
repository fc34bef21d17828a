"""Write a RE.MIX regional bundle (QGIS-free core).

The source RE.MIX GeoPackage is only read (sqlite3 read-only: committed rows still in a WAL
file are seen; nothing is ever written to it). The layers are created by OGR (GeoPackage 1.2,
EPSG:32632), the selected rows are copied in SQL in uuid order (deterministic), multi-valued
fields become link tables, then the code list, the schema extension, the related tables, the
ISO 19139 metadata and the manifest are added. The file is written beside the target under a
temporary name, checked by the independent checker, and only then moved onto the target.
"""

import datetime
import json
import os
import sqlite3
import sys
import tempfile
import traceback
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import gdal, ogr, osr

from .. import sql
from ..codes import parse_codes
from ..errors import RemixError
from ..files import durable_replace
from ..layers.geopackage import OGR_FIELD_TYPES, _plugin_version, spatial_reference
from ..layers.inspect import inspect_geopackage
from ..layers.model import SCHEMA_VERSION
from ..log import get_logger
from ..taxonomy import load_scheme
from . import manifest as manifest_module
from . import metadata_iso, related_tables, schema_ext, validation_memo
from .spec import (
    BUNDLE_CRS,
    BUNDLE_SRS_ID,
    CODELIST_FIELDS,
    CODELIST_TABLE,
    MANIFEST_FIELDS,
    MANIFEST_TABLE,
    PRODUCER_PATTERN,
    STYLES_TABLE,
    WARNING_FIELDS,
    WARNINGS_TABLE,
    load_spec,
)

LOG = get_logger("export")
gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

_STYLE_COLUMNS = (
    "f_table_catalog",
    "f_table_schema",
    "f_table_name",
    "f_geometry_column",
    "styleName",
    "styleQML",
    "styleSLD",
    "useAsDefault",
    "description",
    "owner",
    "ui",
    "update_time",
)


# -- SQL (named templates: {names} are quoted identifiers from the spec, values are bound) ----------
DROP_TRIGGER = "DROP TRIGGER main.{trigger}"
SET_FEATURE_COUNT = (
    "UPDATE main.gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM main.{table}) "
    "WHERE table_name = ?"
)
CREATE_SELECTION = "CREATE TEMP TABLE {selection} (uuid TEXT PRIMARY KEY)"
SELECT_EVERY_RECORD = "INSERT OR IGNORE INTO temp.{selection} (uuid) SELECT uuid FROM src.{table}"
COPY_SELECTED_ROWS = (
    "INSERT INTO main.{table} ({columns}) SELECT {columns} FROM src.{table} "
    "WHERE uuid IN (SELECT uuid FROM temp.{selection}) ORDER BY uuid"
)
COPY_SELECTED_ROWS_RETAGGED = (  # the geometry re-tagged from the source's srs_id to the bundle's
    "INSERT INTO main.{table} ({columns}, geom) SELECT {columns}, remix_set_srs(geom) FROM src.{table} "
    "WHERE uuid IN (SELECT uuid FROM temp.{selection}) ORDER BY uuid"
)
COPY_ROWS_OF_SELECTED_PROJECTS = (
    "INSERT INTO main.{table} ({columns}) SELECT {columns} FROM src.{table} "
    "WHERE progetto_uuid IN (SELECT uuid FROM temp.sel_progetti) ORDER BY uuid"
)
COPY_ROWS_OF_SELECTED_PROJECTS_RETAGGED = (
    "INSERT INTO main.{table} ({columns}, geom) SELECT {columns}, remix_set_srs(geom) FROM src.{table} "
    "WHERE progetto_uuid IN (SELECT uuid FROM temp.sel_progetti) ORDER BY uuid"
)
# The link tables' rows: from a plain JSON array of printable ASCII codes (what the plugin and QGIS
# write) the first occurrence of each code, ``ordine`` its position in the list ...
FILL_LINK_TABLE = (
    "INSERT INTO main.{link} ({parent_key}, code, ordine) "
    "SELECT p.uuid, j.value, j.key + 1 "
    "FROM main.{parent} AS p JOIN src.{parent} AS s ON s.uuid = p.uuid, json_each(s.{field}) AS j "
    "WHERE json_valid(s.{field}) AND json_type(s.{field}) = 'array' AND NOT EXISTS "
    "(SELECT 1 FROM json_each(s.{field}) AS e WHERE e.type != 'text' OR e.value GLOB '*[^!-~]*') "
    "AND NOT EXISTS (SELECT 1 FROM json_each(s.{field}) AS k WHERE k.key < j.key AND k.value = j.value) "
    "ORDER BY p.uuid, j.key"
)
# ... and every other stored list (the same condition, negated), read by codes.parse_codes
OTHER_CODE_LISTS = (
    "SELECT p.uuid, s.{field} FROM main.{parent} AS p JOIN src.{parent} AS s ON s.uuid = p.uuid "
    "WHERE s.{field} IS NOT NULL AND NOT (json_valid(s.{field}) AND json_type(s.{field}) = 'array' "
    "AND NOT EXISTS (SELECT 1 FROM json_each(s.{field}) AS e "
    "WHERE e.type != 'text' OR e.value GLOB '*[^!-~]*')) ORDER BY p.uuid"
)
SOURCE_STYLES = (  # ? is a JSON array of the exported layers' names
    "SELECT {columns} FROM src.layer_styles WHERE f_table_name IN (SELECT value FROM json_each(?)) "
    "ORDER BY f_table_name, styleName"
)
COUNT_GEOMETRIES = "SELECT count(*) FROM {table} WHERE geom IS NOT NULL"


class ExportError(RemixError):
    """The export failed; ``message_it``/``message_en`` say why. Nothing was written."""


class ExportBlocked(ExportError):  # noqa: N818 (name of the team contract)
    """Validation errors block the export (listed in ``findings``)."""


class ExportCancelled(ExportError):  # noqa: N818
    pass


@dataclass
class Selection:
    """What goes into the bundle: at most one criterion; none = everything."""

    progetti: frozenset = None  # progetto UUIDs
    comune: str = ""  # ISTAT code
    zona: str = ""  # zona omogenea code
    programma: str = ""  # programme UUID

    def describe(self):
        if self.progetti is not None:
            return {"progetti": sorted(self.progetti)}
        for key in ("comune", "zona", "programma"):
            if getattr(self, key):
                return {key: getattr(self, key)}
        return {"all": True}


@dataclass
class ExportResult:
    path: Path
    content_hash: str
    counts: dict
    warnings: list = field(default_factory=list)
    validation: str = ""


def _now():
    return (
        datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    )


def _steps(progress, is_cancelled, hook):
    def step(name, percent):
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled("cancelled", "Esportazione annullata.", "Export cancelled.")
        if progress is not None:
            progress(percent)
        if hook is not None:
            hook(name)

    return step


def export_bundle(
    source,
    target,
    selection=None,
    producer="CMM",
    producer_name="",
    email="",
    profile="strict",
    validate=True,
    include_styles=True,
    progress=None,
    is_cancelled=None,
    step_hook=None,
    remember_validation=False,
):
    """Export ``selection`` of the RE.MIX GeoPackage ``source`` into the bundle ``target``.

    ``remember_validation``: when everything travels, reuse the findings of an earlier validation
    of exactly this content (export/validation_memo.py) and remember this one's; what users run
    (Processing, the dock, the command line) turns it on.

    Raises ExportBlocked on validation errors, ExportError on any other failure; in every failure
    the target is untouched and no temporary file is left behind.
    """
    source, target = Path(source), Path(target)
    selection = selection or Selection()
    step = _steps(progress, is_cancelled, step_hook)
    if not PRODUCER_PATTERN.match(str(producer)):
        raise ExportError(
            "bad_producer",
            f"Produttore non valido: {producer!r} (codice ISTAT a 6 cifre o CMM).",
            f"Invalid producer: {producer!r} (6-digit ISTAT code or CMM).",
        )
    if target.suffix.lower() != ".gpkg":
        raise ExportError(
            "bad_target", "Il bundle deve avere estensione .gpkg.", "The bundle must end in .gpkg."
        )
    if source.resolve() == target.resolve():
        raise ExportError(
            "same_file",
            "Il bundle non può sovrascrivere il file sorgente.",
            "The bundle cannot overwrite the source file.",
        )
    if not target.parent.is_dir():
        raise ExportError(
            "no_folder",
            f"La cartella {target.parent} non esiste.",
            f"The folder {target.parent} does not exist.",
        )
    info = inspect_geopackage(source)  # RemixFileError for foreign, newer, locked, damaged files
    step("inspect", 2)
    handle, temp_name = tempfile.mkstemp(
        prefix="." + target.stem + ".", suffix=".tmp.gpkg", dir=target.parent
    )
    os.close(handle)
    os.unlink(temp_name)
    temp = Path(temp_name)
    try:
        try:
            result = _write(
                source,
                temp,
                info,
                selection,
                _Producer(producer, producer_name, email),
                profile,
                validate,
                include_styles,
                step,
                is_cancelled,
                remember_validation,
            )
        except _SourceNotExportable as exc:
            raise _source_findings(source, profile, exc, validate) from None
        step("check", 94)
        from .checker import check_bundle

        # structure and conformance; the values were just checked by the validation engine
        report = check_bundle(
            temp,
            generic_reader=False,
            rules=False,
            expected_hash=result.content_hash,
        )
        if report.has_errors:
            raise ExportError(
                "self_check",
                "Il bundle prodotto non supera il controllo: "
                + "; ".join(f.message_it for f in report.errors[:5]),
                "The bundle produced fails its check: " + "; ".join(f.message_en for f in report.errors[:5]),
                report.errors,
            )
        step("replace", 98)
        durable_replace(temp, target)
    except BaseException:
        for leftover in (
            temp,
            Path(str(temp) + "-wal"),
            Path(str(temp) + "-shm"),
            Path(str(temp) + "-journal"),
        ):
            if leftover.exists():
                leftover.unlink()
        raise
    result.path = target
    if progress is not None:
        progress(100)
    LOG.info("Bundle written: %s (%s)", target, result.content_hash)
    return result


@dataclass
class _Producer:
    code: str
    name: str = ""
    email: str = ""


class _SourceNotExportable(Exception):  # noqa: N818 (reads better at the raise)
    """Source content the bundle cannot carry (duplicate or missing UUIDs, unreadable code lists):
    the validation engine, run on the source, says what and where."""

    def __init__(self, reason_it, reason_en):
        super().__init__(reason_en)
        self.reason_it = reason_it
        self.reason_en = reason_en


def _source_findings(source, profile, problem, validate):
    """ExportBlocked with the engine's errors on the source, or ExportError with the reason."""
    errors = []
    if validate:
        from ..validation.engine import validate_geopackage

        errors = [
            f for f in validate_geopackage(str(source), profile=profile).findings if f.severity == "error"
        ]
    if errors:
        return ExportBlocked(
            "validation_errors",
            f"{len(errors)} errori di validazione bloccano l'esportazione.",
            f"{len(errors)} validation errors block the export.",
            errors,
        )
    return ExportError(
        "not_exportable",
        "Il file non si può esportare: " + problem.reason_it,
        "The file cannot be exported: " + problem.reason_en,
    )


class _BundleValidation:
    """The validation engine on what travels, in a thread of its own while this thread copies,
    hashes, indexes and describes the bundle (SQLite and GDAL release the GIL meanwhile).

    A selection of the file (``whole=False``) is validated on the bundle being written, seen as
    the editing GeoPackage (see bundle_source.py; the temporary file is in WAL mode meanwhile),
    once its rows are in. When everything travels the engine reads the source itself from the
    start: the same records, without the folding of link tables into temporary tables (1.4 s of
    5 s at 100,000 lavori + azioni), its findings already on the source's features (``fid``),
    and stricter: a record the bundle would leave behind (a lavoro of no existing project) is an
    error, not a silent omission."""

    def __init__(self, temp, source, info, profile, is_cancelled, whole=False):
        import threading

        from ..validation.engine import FileSource, validate_source
        from .bundle_source import BundleSource

        self.stop = threading.Event()
        self.report = None
        self.error = None
        self.on_source = whole
        if whole:
            bundle = FileSource(source)
        else:
            bundle = BundleSource(
                temp, exceptions_from=source, versions=(info.schema_version, info.scheme_version)
            )

        def cancelled():
            return self.stop.is_set() or (is_cancelled is not None and is_cancelled())

        def run():
            try:
                self.report = validate_source(bundle, profile=profile, is_cancelled=cancelled)
            except BaseException as exc:  # re-raised in the exporting thread by wait()
                self.error = exc

        self.thread = threading.Thread(target=run, name="remix-bundle-validation", daemon=True)
        self.thread.start()

    def wait(self, step):
        while self.thread.is_alive():
            self.thread.join(0.2)
            step("validate", 82)
        if self.error is not None:
            from ..validation.engine import ValidationCancelled

            if isinstance(self.error, ValidationCancelled):
                raise ExportCancelled("cancelled", "Esportazione annullata.", "Export cancelled.")
            raise self.error
        return list(self.report.findings)

    def abandon(self):
        self.stop.set()
        self.thread.join()


def _remembered_validation(source, profile):
    """(memo key, findings of an earlier validation of exactly this content) of the source; the
    findings are None when there is none (or memos are off, then the key is None too)."""
    if validation_memo.memo_folder() is None:
        return None, None
    key = validation_memo.MemoKey.of(source, profile)
    return key, validation_memo.recall(key)


def _source_fids(source, findings):
    """Findings point at the source's features (fid of the editing GeoPackage, not the bundle's)."""
    from ..layers.inspect import connect_read_only

    tables = set(load_spec().table_names)
    connection = connect_read_only(source)
    try:
        cache = {}
        for finding in findings:
            if not finding.feature_uuid or finding.layer not in tables:
                continue
            key = (finding.layer, finding.feature_uuid)
            if key not in cache:
                row = connection.execute(
                    sql.select(finding.layer, ("fid",), where="uuid = ?"), (finding.feature_uuid,)
                ).fetchone()
                cache[key] = row[0] if row else None
            finding.fid = cache[key]
    finally:
        connection.close()
    return findings


def _write(
    source, temp, info, selection, producer, profile, validate, include_styles, step, is_cancelled, remember
):
    spec = load_spec()
    scheme = load_scheme()
    whole = validate and selection.describe() == {"all": True}
    source_state = validation_memo.file_state(source)
    memo_key, remembered = _remembered_validation(source, profile) if whole and remember else (None, None)
    validation = None
    if whole and remembered is None:
        validation = _BundleValidation(temp, source, info, profile, is_cancelled, whole=True)
    connection = None
    try:
        _create_layers(temp, spec)
        step("layers", 10)
        connection = sqlite3.connect(str(temp))
        # WAL while the validation thread reads and this one writes; DELETE again before the end
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = OFF")
        source_uri = source.resolve().as_uri() + "?mode=ro"
        connection.execute("ATTACH DATABASE ? AS src", (source_uri,))
        source_srs = _source_srs_id(connection)
        if source_srs != BUNDLE_SRS_ID:
            connection.create_function(
                "remix_set_srs",
                1,
                lambda blob: manifest_module.set_blob_srs(blob, BUNDLE_SRS_ID),
                deterministic=True,
            )
        connection.execute("BEGIN")
        count_triggers = _drop_count_triggers(connection)
        _select(connection, selection)
        for table in spec.tables:
            _copy_table(connection, table, source_srs != BUNDLE_SRS_ID)
        step("rows", 35)
        for link in spec.link_tables:
            _fill_link_table(connection, link)
        _fill_codelist(connection, scheme)
        styles = _copy_styles(connection, spec) if include_styles else 0
        connection.commit()
        connection.execute("DETACH DATABASE src")
        step("links", 45)
        if validate and not whole:
            validation = _BundleValidation(temp, source, info, profile, is_cancelled)
        content_hash = manifest_module.content_hash(connection, spec)
        counts = manifest_module.feature_counts(connection, spec)
        step("hash", 60)
        connection.execute("BEGIN")
        related_tables.write_related_tables(connection, spec)
        _describe(connection, spec)
        _restore_count_triggers(connection, count_triggers)
        connection.commit()
        bbox = _finish_with_ogr(temp, spec)
        step("index", 75)
        warnings = []
        if validate:
            on_source = whole
            if remembered is not None:
                findings = remembered
            else:
                findings, validation = validation.wait(step), None
            if on_source and validation_memo.file_state(source) != source_state:
                # the source changed while it was read (an edit saved meanwhile): what was validated
                # may not be what was copied, so the bundle itself is validated
                validation = _BundleValidation(temp, source, info, profile, is_cancelled)
                on_source = False
                findings, validation = validation.wait(step), None
            elif memo_key is not None and remembered is None:
                validation_memo.remember(memo_key, findings)
            remap = (lambda found: found) if on_source else (lambda found: _source_fids(source, found))
            blocking = [f for f in findings if f.severity == "error"]
            if blocking:
                raise ExportBlocked(
                    "validation_errors",
                    f"{len(blocking)} errori di validazione bloccano l'esportazione.",
                    f"{len(blocking)} validation errors block the export.",
                    remap(blocking),
                )
            warnings = remap([f for f in findings if f.severity == "warning"])
        step("validate", 85)
        created_at = _now()
        connection.execute("BEGIN")
        _write_warnings(connection, warnings)
        values = {
            "spec_version": spec.id,
            "scheme_name": scheme.name,
            "scheme_version": scheme.version,
            "schema_version": str(SCHEMA_VERSION),
            "producer": producer.code,
            "producer_name": producer.name or producer.code,
            "created_at": created_at,
            "crs": BUNDLE_CRS,
            "selection": json.dumps(selection.describe(), sort_keys=True),
            "validation_profile": profile,
            "validation": "engine" if validate else "not_run",
            "validation_errors": "0",
            "validation_warnings": str(len(warnings)),
            "content_hash": content_hash,
            "hash_algorithm": manifest_module.HASH_ALGORITHM,
            "feature_counts": json.dumps(counts, sort_keys=True),
            "application": "RE.MIX QGIS plugin",
            "plugin_version": _plugin_version(),
            "source_crs": info.crs,
            "styles": str(styles),
        }
        connection.executemany(sql.insert(MANIFEST_TABLE, ("key", "value")), sorted(values.items()))
        _update_extents(connection, bbox)
        metadata_iso.write_metadata(
            connection,
            _metadata_record(spec, scheme, info, selection, producer, content_hash, created_at, bbox),
            created_at.replace("Z", ".000Z"),
        )
        connection.commit()
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise ExportError(
                "journal", "Il bundle è rimasto in modalità WAL.", "The bundle was left in WAL mode."
            )
    except sqlite3.IntegrityError as exc:
        # duplicate or missing UUIDs in the source: the bundle's UNIQUE/NOT NULL refuse them
        raise _SourceNotExportable(
            f"dati non ammessi nel bundle ({exc}).", f"data the bundle refuses ({exc})."
        ) from exc
    finally:
        if validation is not None:
            validation.abandon()
        if connection is not None:
            connection.close()
    return ExportResult(temp, content_hash, counts, warnings, "engine" if validate else "not_run")


def _metadata_record(spec, scheme, info, selection, producer, content_hash, created_at, bbox):
    producer_name = producer.name or producer.code
    return metadata_iso.build_record(
        {
            "file_identifier": str(
                uuid_module.uuid5(uuid_module.NAMESPACE_URL, "remix-bundle:" + content_hash)
            ),
            "ipa_code": producer.code,
            "title": f"RE.MIX - rigenerazione urbana e territoriale ({producer_name})",
            "abstract": (
                "Progetti di rigenerazione urbana e territoriale (lavori, azioni, criticità, fasi, "
                "attori, finanziamenti, indicatori) classificati con lo schema RE.MIX "
                + scheme.version
                + ", formato "
                + spec.id
                + "."
            ),
            "producer_name": producer_name,
            "email": producer.email,
            "date": created_at[:10],
            "keywords": [
                "rigenerazione urbana",
                "rigenerazione territoriale",
                "RE.MIX",
                "Città metropolitana di Milano",
                "l.r. 18/2019",
            ],
            "bbox": _geographic_bbox(bbox),
            "crs": BUNDLE_CRS,
            "lineage": (
                "Esportato dal plugin QGIS RE.MIX da un GeoPackage RE.MIX (schema "
                + str(info.schema_version)
                + ", SR "
                + (info.crs or "?")
                + "); selezione "
                + json.dumps(selection.describe(), sort_keys=True)
                + "."
            ),
            "spec_id": spec.id,
            "content_hash": content_hash,
        }
    )


def _close_dataset(holder):
    """Drop the GDAL dataset held in ``holder`` (a list); return what GDAL raised while closing it
    (Python only prints an error raised in a destructor as "Exception ignored")."""
    caught = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: caught.append(unraisable.exc_value)
    try:
        holder.clear()
    finally:
        sys.unraisablehook = previous
    return caught


def _create_layers(path, spec):
    driver = gdal.GetDriverByName("GPKG")
    holder = [driver.Create(str(path), 0, 0, 0, gdal.GDT_Unknown, options=["VERSION=1.2"])]
    try:
        _create_layers_in(holder[0], spec)
    except BaseException as exc:
        traceback.clear_frames(exc.__traceback__)  # they hold the dataset too
        _close_dataset(holder)  # the first error is the one to show, not the close's echo of it
        raise
    problems = _close_dataset(holder)
    if problems:
        raise problems[0]


def _create_layers_in(dataset, spec):
    """The layers of the bundle, empty, in ``dataset`` (GDAL, GeoPackage driver)."""
    dimensions = [f.dimension for t in spec.tables for f in t.fields if f.dimension]
    dimensions += [lt.dimension for lt in spec.link_tables]
    schema_ext.add_domains(dataset, dimensions)
    srs = spatial_reference(BUNDLE_CRS)
    for table in spec.tables:
        if table.geometry:
            layer = dataset.CreateLayer(
                table.name,
                srs,
                ogr.wkbMultiPolygon,
                options=["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=NO"],
            )
        else:
            layer = dataset.CreateLayer(table.name, None, ogr.wkbNone, options=["FID=fid"])
        for bundle_field in table.fields:
            _add_field(
                layer,
                bundle_field.name,
                bundle_field.kind,
                bundle_field.max_length,
                bundle_field.dimension,
                unique=bundle_field.name == "uuid",
                not_null=bundle_field.name == "uuid",
            )
    for link in spec.link_tables:
        layer = dataset.CreateLayer(link.name, None, ogr.wkbNone, options=["FID=fid"])
        _add_field(layer, link.parent_key, "text", 36, not_null=True)
        _add_field(layer, "code", "text", 0, link.dimension, not_null=True)
        _add_field(layer, "ordine", "integer", 0, not_null=True)
    for relation in spec.related_tables:
        layer = dataset.CreateLayer(relation.mapping_table, None, ogr.wkbNone, options=["FID=fid"])
        _add_field(layer, "base_id", "integer", 0, not_null=True)
        _add_field(layer, "related_id", "integer", 0, not_null=True)
    for name, fields in (
        (CODELIST_TABLE, CODELIST_FIELDS),
        (MANIFEST_TABLE, MANIFEST_FIELDS),
        (WARNINGS_TABLE, WARNING_FIELDS),
    ):
        layer = dataset.CreateLayer(name, None, ogr.wkbNone, options=["FID=fid"])
        for field_name, kind in fields:
            _add_field(layer, field_name, kind, 0)
    # GDAL creates the tables lazily: make it now, so that a full disk raises here with its own
    # message (at the close the error is only printed, and the next step fails instead)
    for index in range(dataset.GetLayerCount()):
        dataset.GetLayer(index).SyncToDisk()


def _add_field(layer, name, kind, max_length=0, dimension="", unique=False, not_null=False):
    field_type, sub_type = OGR_FIELD_TYPES[kind]
    definition = ogr.FieldDefn(name, field_type)
    definition.SetSubType(sub_type)
    if max_length and kind == "text":
        definition.SetWidth(max_length)
    if dimension:
        definition.SetDomainName(schema_ext.domain_name(dimension))
    if unique:
        definition.SetUnique(True)
    if not_null:
        definition.SetNullable(False)
    layer.CreateField(definition)


def _drop_count_triggers(connection):
    """GDAL's per-row feature-count triggers cost more than the copy itself on bulk inserts (each
    insert updates gpkg_ogr_contents): drop them, as GDAL does for its own bulk loads."""
    triggers = connection.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND "
        "(name LIKE 'trigger_insert_feature_count_%' OR name LIKE 'trigger_delete_feature_count_%') "
        "ORDER BY name"
    ).fetchall()
    for name, _ in triggers:
        connection.execute(sql.statement(DROP_TRIGGER, trigger=name))
    return triggers


def _restore_count_triggers(connection, triggers):
    """The exact feature counts, then the triggers again as GDAL wrote them."""
    for (table,) in connection.execute("SELECT table_name FROM main.gpkg_ogr_contents").fetchall():
        connection.execute(sql.statement(SET_FEATURE_COUNT, table=table), (table,))
    for _, statement in triggers:
        connection.execute(statement)


def _source_srs_id(connection):
    row = connection.execute(
        "SELECT srs_id FROM src.gpkg_geometry_columns WHERE table_name = 'lavori'"
    ).fetchone()
    return int(row[0]) if row else BUNDLE_SRS_ID


def _select(connection, selection):
    """Temporary tables sel_<table>(uuid) with the uuids of every record that travels."""
    for name in _SELF_SELECTED_ORDER:
        connection.execute(sql.statement(CREATE_SELECTION, selection="sel_" + name))
    everything = selection.progetti is None and not (
        selection.comune or selection.zona or selection.programma
    )
    if selection.progetti is not None:
        rows = [(u,) for u in sorted(selection.progetti)]
        connection.executemany(
            "INSERT OR IGNORE INTO temp.sel_progetti (uuid) SELECT uuid FROM src.progetti WHERE uuid = ?",
            rows,
        )
    elif selection.comune:
        connection.execute(
            "INSERT INTO temp.sel_progetti (uuid) SELECT uuid FROM src.progetti WHERE comune_istat = ?",
            (selection.comune,),
        )
        connection.execute(
            "INSERT OR IGNORE INTO temp.sel_criticita (uuid) SELECT uuid FROM src.criticita "
            "WHERE comune_istat = ?",
            (selection.comune,),
        )
    elif selection.zona:
        connection.execute(
            "INSERT INTO temp.sel_progetti (uuid) SELECT uuid FROM src.progetti WHERE "
            "comune_istat IN (SELECT istat FROM src.comuni WHERE zona_omogenea = ?)",
            (selection.zona,),
        )
        connection.execute(
            "INSERT OR IGNORE INTO temp.sel_criticita (uuid) SELECT uuid FROM src.criticita "
            "WHERE comune_istat IN (SELECT istat FROM src.comuni WHERE zona_omogenea = ?)",
            (selection.zona,),
        )
    elif selection.programma:
        connection.execute(
            "INSERT INTO temp.sel_progetti (uuid) SELECT uuid FROM src.progetti WHERE programma_uuid = ?",
            (selection.programma,),
        )
    else:
        connection.execute("INSERT INTO temp.sel_progetti (uuid) SELECT uuid FROM src.progetti")
    if everything:
        for name in _SELF_SELECTED_ORDER[1:]:
            connection.execute(sql.statement(SELECT_EVERY_RECORD, selection="sel_" + name, table=name))
        return
    connection.execute(
        "INSERT OR IGNORE INTO temp.sel_criticita (uuid) SELECT uuid FROM src.criticita "
        "WHERE progetto_uuid IN (SELECT uuid FROM temp.sel_progetti)"
    )
    connection.execute(
        "INSERT OR IGNORE INTO temp.sel_programmi (uuid) SELECT programma_uuid FROM src.progetti "
        "WHERE uuid IN (SELECT uuid FROM temp.sel_progetti) AND programma_uuid IS NOT NULL"
    )
    connection.execute(
        "INSERT OR IGNORE INTO temp.sel_attori (uuid) SELECT attore_uuid FROM src.progetto_attori "
        "WHERE progetto_uuid IN (SELECT uuid FROM temp.sel_progetti) AND attore_uuid IS NOT NULL"
    )
    connection.execute(
        "INSERT OR IGNORE INTO temp.sel_indicatori (uuid) SELECT indicatore_uuid FROM src.misure "
        "WHERE progetto_uuid IN (SELECT uuid FROM temp.sel_progetti) "
        "AND indicatore_uuid IS NOT NULL"
    )
    connection.execute(  # the calls for funding the selected projects' funding comes from
        "INSERT OR IGNORE INTO temp.sel_bandi (uuid) SELECT bando_uuid FROM src.finanziamenti "
        "WHERE progetto_uuid IN (SELECT uuid FROM temp.sel_progetti) AND bando_uuid IS NOT NULL"
    )


_SELF_SELECTED_ORDER = ("progetti", "criticita", "programmi", "attori", "indicatori", "bandi")
_SELF_SELECTED = set(_SELF_SELECTED_ORDER)


def _copy_table(connection, table, retag_srs):
    columns = list(table.field_names)
    if table.geometry and not retag_srs:
        columns.append("geom")
    if table.name in _SELF_SELECTED:
        template = COPY_SELECTED_ROWS_RETAGGED if table.geometry and retag_srs else COPY_SELECTED_ROWS
        connection.execute(
            sql.statement(template, table=table.name, columns=columns, selection="sel_" + table.name)
        )
        return
    template = COPY_ROWS_OF_SELECTED_PROJECTS
    if table.geometry and retag_srs:
        template = COPY_ROWS_OF_SELECTED_PROJECTS_RETAGGED
    connection.execute(sql.statement(template, table=table.name, columns=columns))


def _fill_link_table(connection, link):
    """Rows (parent uuid, code, ordine) of a multi-valued field, as ``codes.parse_codes`` reads it:
    first occurrence of each code, ``ordine`` its position in the stored list. Plain JSON arrays of
    printable ASCII codes (what the plugin and QGIS write) are unfolded in SQL; anything else goes
    through parse_codes, and a value it cannot read stops the export (_SourceNotExportable)."""
    names = {"link": link.name, "parent_key": link.parent_key, "parent": link.parent, "field": link.field}
    connection.execute(sql.statement(FILL_LINK_TABLE, **names))
    rows, unreadable = [], []
    others = sql.statement(OTHER_CODE_LISTS, parent=link.parent, field=link.field)
    for parent_uuid, value in connection.execute(others).fetchall():
        parsed = parse_codes(value)
        if parsed.error:
            unreadable.append(parent_uuid)
            continue
        seen = set()
        for order, code in enumerate(parsed.codes, start=1):
            if code not in seen:
                seen.add(code)
                rows.append((parent_uuid, code, order))
    if unreadable:
        raise _SourceNotExportable(
            f"{link.parent}.{link.field}: elenco di codici illeggibile in {len(unreadable)} record "
            f"(ad es. {unreadable[0]}).",
            f"{link.parent}.{link.field}: unreadable list of codes in {len(unreadable)} records "
            f"(e.g. {unreadable[0]}).",
        )
    connection.executemany(sql.insert(link.name, (link.parent_key, "code", "ordine")), rows)


def _fill_codelist(connection, scheme):
    columns = [name for name, _ in CODELIST_FIELDS]
    connection.executemany(sql.insert(CODELIST_TABLE, columns), scheme.codelist_rows())


def _copy_styles(connection, spec):
    """Default styles of the exported layers (the editing-only qgis_projects never travels)."""
    exists = connection.execute(
        "SELECT 1 FROM src.sqlite_master WHERE type = 'table' AND name = ?", (STYLES_TABLE,)
    ).fetchone()
    if not exists:
        return 0
    available = {r[1] for r in connection.execute("PRAGMA src.table_info(layer_styles)")}
    columns = [c for c in _STYLE_COLUMNS if c in available]
    if "f_table_name" not in columns or "styleQML" not in columns:
        return 0
    rows = connection.execute(
        sql.statement(SOURCE_STYLES, columns=columns), (json.dumps(list(spec.table_names)),)
    ).fetchall()
    if not rows:
        return 0
    connection.execute(
        "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), "
        "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
        "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), "
        "ui TEXT(30), update_time DATETIME DEFAULT CURRENT_TIMESTAMP)"
    )
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
        "VALUES ('layer_styles', 'attributes', 'layer_styles', '', "
        "strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
    )
    connection.executemany(sql.insert(STYLES_TABLE, columns), rows)
    return len(rows)


def _describe(connection, spec):
    from ..layers.model import load_model

    model = load_model()
    rows = []
    for table in spec.tables:
        model_table = model.table(table.name)
        for bundle_field in table.fields:
            model_field = model_table.field(bundle_field.name)
            if bundle_field.dimension or bundle_field.required:
                rows.append(
                    (
                        table.name,
                        bundle_field.name,
                        model_field.label_it + " / " + model_field.label_en,
                        model_field.definition_it or model_field.definition_en or None,
                    )
                )
    for link in spec.link_tables:
        model_field = model.table(link.parent).field(link.field)
        rows.append(
            (
                link.name,
                "code",
                model_field.label_it + " / " + model_field.label_en,
                model_field.definition_it or None,
            )
        )
    schema_ext.describe_columns(connection, rows)


def _write_warnings(connection, warnings):
    columns = [name for name, _ in WARNING_FIELDS]
    rows = [
        (
            getattr(f, "code", ""),
            "warning",
            getattr(f, "layer", ""),
            getattr(f, "feature_uuid", None),
            getattr(f, "field", None),
            getattr(f, "message_it", ""),
            getattr(f, "message_en", ""),
        )
        for f in warnings
    ]
    rows.sort(key=lambda r: tuple("" if v is None else str(v) for v in r))
    connection.executemany(sql.insert(WARNINGS_TABLE, columns), rows)


def _finish_with_ogr(path, spec):
    """Spatial indexes (GDAL builds the rtree and its triggers) and the extent of each layer."""
    dataset = ogr.Open(str(path), update=1)
    extents = {}
    try:
        for table in spec.tables:
            if not table.geometry:
                continue
            dataset.ExecuteSQL("SELECT CreateSpatialIndex(" + _sql_literal(table.name) + ", 'geom')")
            layer = dataset.GetLayerByName(table.name)
            if layer.GetFeatureCount() and layer.GetGeometryColumn():
                count = dataset.ExecuteSQL(sql.statement(COUNT_GEOMETRIES, table=table.name))
                has_geometry = count.GetNextFeature().GetField(0) > 0
                dataset.ReleaseResultSet(count)
                if has_geometry:
                    extents[table.name] = layer.GetExtent(force=1)
    finally:
        dataset = None
    return extents


def _sql_literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def _update_extents(connection, extents):
    for name, (min_x, max_x, min_y, max_y) in extents.items():
        connection.execute(
            "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
            (min_x, min_y, max_x, max_y, name),
        )


def _geographic_bbox(extents):
    """west, east, south, north in WGS 84 degrees (the CMM area when there is no geometry)."""
    if not extents:
        return (8.70, 9.55, 45.15, 45.65)
    min_x = min(e[0] for e in extents.values())
    max_x = max(e[1] for e in extents.values())
    min_y = min(e[2] for e in extents.values())
    max_y = max(e[3] for e in extents.values())
    transform = osr.CoordinateTransformation(spatial_reference(BUNDLE_CRS), spatial_reference("EPSG:4326"))
    corners = [transform.TransformPoint(x, y) for x in (min_x, max_x) for y in (min_y, max_y)]
    return (
        min(c[0] for c in corners),
        max(c[0] for c in corners),
        min(c[1] for c in corners),
        max(c[1] for c in corners),
    )
