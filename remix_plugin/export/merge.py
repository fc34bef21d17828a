"""Import a bundle into a RE.MIX GeoPackage: merge by UUID, all or nothing (QGIS-free core).

The bundle is copied once into a private, read-only snapshot (``inputs.private_snapshot``): that
snapshot is checked (unknown spec version or any error: refused) and the very same bytes are
merged; the user's path is never opened again. The target is then locked for writing
(``BEGIN IMMEDIATE``: a second import waits its turn, or is refused as "in uso") and, inside that
one SQLite transaction, the merge is planned on the current rows: new records are added; a
record the target has not changed since the last import of it is updated; a record the target
changed locally is kept; a record changed on both sides (or present on both sides without a
previous import, or last imported from another producer) is listed in ``remix_import_conflicts``
and left for the user. ``remix_import_log`` keeps, per record, the row hash and the producer at
import time. When the plan changes nothing, nothing is written and no backup is made; otherwise
the backup (created exclusively, complete and flushed) exists before the first write. Values are
bound as they are (a NUL or control character travels intact); UUIDs compare in their canonical
form (``uuids.canonical_uuid``). After the commit the records the merge touched are validated.
"""

import datetime
import json
import sqlite3
import struct
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import ogr

from .. import inputs, sql
from ..codes import format_codes, parse_codes
from ..errors import RemixError
from ..layers import backup
from ..layers.errors import RemixFileError
from ..layers.inspect import connect_read_only, inspect_geopackage
from ..layers.model import load_model
from ..log import get_logger
from ..uuids import canonical_uuid, is_uuid_field
from . import manifest as manifest_module
from .checker import BundleUnreadable, check_bundle, open_bundle
from .spec import SUPPORTED_SPEC_IDS, load_spec

LOG = get_logger("import")
ogr.UseExceptions()

LOG_TABLE = "remix_import_log"
CONFLICTS_TABLE = "remix_import_conflicts"
LOG_FIELDS = ("bundle_hash", "table_name", "record_uuid", "row_hash", "imported_at", "producer")
CONFLICT_FIELDS = (
    "table_name",
    "record_uuid",
    "bundle_hash",
    "bundle_row_hash",
    "target_row_hash",
    "fields",
    "bundle_values",
    "target_values",
    "detected_at",
    "status",
    "producer",
)
# how long an import waits for another one (or a QGIS save) to finish before "in uso"
LOCK_TIMEOUT = 30.0
# SQL (identifiers filled by sql.statement; inserts and updates of a table's own columns are built
# by sql.insert / sql.update, their width depends on the table)
LINK_CODES = "SELECT {key}, code FROM {link} ORDER BY {key}, ordine, code"
ROWS = "SELECT {columns} FROM {table}"
ROWS_IN_ORDER = "SELECT {columns} FROM {table} ORDER BY fid"
COLUMN_NAMES = "SELECT name FROM pragma_table_info(?)"
OPEN_CONFLICTS = (
    "SELECT table_name, record_uuid, bundle_row_hash, target_row_hash FROM {table} WHERE status = 'open'"
)
TABLE_NAMES = "SELECT name FROM sqlite_master WHERE type = 'table'"
ADD_TEXT_COLUMN = "ALTER TABLE {table} ADD COLUMN {column} TEXT"
GEOMETRY_SRS = "SELECT table_name, srs_id FROM gpkg_geometry_columns"
TOUCH_CONTENTS = "UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?"


class MergeRefused(RemixError):  # noqa: N818 (public name)
    """The bundle was not merged; the target is unchanged."""


@dataclass
class MergeResult:
    added: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: int = 0
    kept_local: int = 0
    conflicts: list = field(default_factory=list)  # (table, uuid, fields)
    backup: Path = None
    bundle_hash: str = ""
    producer: str = ""
    findings: list = field(default_factory=list)  # validation findings of the touched records
    touched: set = field(default_factory=set)  # (table, uuid) written by the merge

    @property
    def changed(self):
        return sum(self.added.values()) + sum(self.updated.values())


def _canonical_row(fields, values, wkb):
    row = []
    for f in fields:
        value = values.get(f.name)
        if f.kind == "codes":
            parsed = parse_codes(value)
            row.append(format_codes(parsed.codes) if not parsed.error else str(value))
        elif is_uuid_field(f.name):
            row.append(canonical_uuid(value))
        else:
            row.append(manifest_module.canonical(f.kind, value))
    row.append(wkb.hex() if wkb is not None else None)
    return row


def _canonical_values(values):
    return {k: canonical_uuid(v) if is_uuid_field(k) else v for k, v in values.items()}


def _read_bundle(connection, spec, model):
    """table -> canonical uuid -> (model values dict, wkb)."""
    data = {}
    for table in spec.tables:
        codes = {}
        for link in spec.link_tables_of(table.name):
            cursor = connection.execute(sql.statement(LINK_CODES, key=link.parent_key, link=link.name))
            for parent, code in cursor:
                codes.setdefault(link.field, {}).setdefault(canonical_uuid(parent), []).append(code)
        columns = table.field_names + (["geom"] if table.geometry else [])
        rows = {}
        for row in connection.execute(sql.statement(ROWS, columns=columns, table=table.name)):
            values = _canonical_values(dict(zip(table.field_names, row)))
            for link in spec.link_tables_of(table.name):
                values[link.field] = format_codes(codes.get(link.field, {}).get(values["uuid"], []))
            wkb = manifest_module.geometry_wkb(row[-1]) if table.geometry else None
            rows[values["uuid"]] = (values, wkb)
        data[table.name] = rows
    return data


def _read_target(connection, table, columns):
    """canonical uuid -> (fid, values dict, wkb) for the model fields the target has."""
    select_columns = ["fid"] + columns + (["geom"] if table.geometry else [])
    rows = {}
    for row in connection.execute(sql.statement(ROWS, columns=select_columns, table=table.name)):
        values = dict(zip(columns, row[1 : 1 + len(columns)]))
        wkb = manifest_module.geometry_wkb(row[-1]) if table.geometry else None
        rows[canonical_uuid(values["uuid"])] = (row[0], values, wkb)
    return rows


def _columns(connection, table):
    return [r[0] for r in connection.execute(COLUMN_NAMES, (table,))]


def _last_import(connection, tables):
    """(table, canonical uuid) -> (row hash, producer) of the last import of each record."""
    if LOG_TABLE not in tables:
        return {}
    with_producer = "producer" in _columns(connection, LOG_TABLE)
    columns = ("table_name", "record_uuid", "row_hash") + (("producer",) if with_producer else ())
    last = {}
    for row in connection.execute(sql.statement(ROWS_IN_ORDER, columns=columns, table=LOG_TABLE)):
        last[(row[0], canonical_uuid(row[1]))] = (row[2], row[3] if with_producer else None)
    return last


def _open_conflicts(connection, tables):
    if CONFLICTS_TABLE not in tables:
        return set()
    return {
        (name, canonical_uuid(uuid), bundle_hash, target_hash)
        for name, uuid, bundle_hash, target_hash in connection.execute(
            sql.statement(OPEN_CONFLICTS, table=CONFLICTS_TABLE)
        )
    }


def _refused(error):
    return MergeRefused(error.code, error.message_it, error.message_en)


def merge_bundle(bundle, target, make_backup=True, fail_hook=None, lock_timeout=LOCK_TIMEOUT, validate=True):
    """Merge the bundle into the RE.MIX GeoPackage ``target``; returns a MergeResult.

    Raises MergeRefused (bundle or target refused, the target locked, or the write failed and
    was rolled back: nothing written)."""
    target = Path(target)
    try:
        inspect_geopackage(target)
    except RemixFileError as exc:
        raise _refused(exc) from exc
    spec = load_spec()
    model = load_model()
    report, bundle_rows = read_checked_bundle(bundle, spec, model)
    producer = str(report.manifest.get("producer", "") or "")
    result = _merge_into(target, spec, model, bundle_rows, report.content_hash, producer, make_backup,
                         fail_hook, lock_timeout)
    if validate and result.touched:
        result.findings = _validate_touched(target, result.touched)
    return result


def read_checked_bundle(bundle, spec, model):
    """(check report, table -> canonical uuid -> (values, wkb)) of a bundle that passes its check;
    MergeRefused otherwise. Every import target (a GeoPackage here, the central database in
    central/bundle_import.py) reads its bundle through this one function."""
    try:
        with open_bundle(bundle, snapshot=True) as snapshot:
            report = check_bundle(snapshot, generic_reader=False, display_name=Path(bundle).name)
            _refuse_bad_report(report)
            connection = connect_read_only(snapshot)
            try:
                bundle_rows = _read_bundle(connection, spec, model)
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                raise _refused(inputs.sqlite_error(exc, Path(bundle).name)) from exc
            finally:
                connection.close()
    except BundleUnreadable as exc:
        raise MergeRefused(exc.code, exc.message_it, exc.message_en) from exc
    return report, bundle_rows


def _refuse_bad_report(report):
    if not report.readable:
        raise MergeRefused(
            report.errors[0].code if report.errors else "unreadable",
            "Bundle illeggibile: " + "; ".join(f.message_it for f in report.errors),
            "Unreadable bundle: " + "; ".join(f.message_en for f in report.errors),
            report.findings,
        )
    if report.spec_version not in SUPPORTED_SPEC_IDS:
        raise MergeRefused(
            "spec_version",
            f"Versione della specifica non gestita: {report.spec_version!r}.",
            f"Unsupported specification version: {report.spec_version!r}.",
            report.findings,
        )
    if report.has_errors:
        errors = report.errors
        raise MergeRefused(
            "check_failed",
            f"Il bundle non supera il controllo ({len(errors)} errori): "
            + "; ".join(f.message_it for f in errors[:3]),
            f"The bundle fails its check ({len(errors)} errors): "
            + "; ".join(f.message_en for f in errors[:3]),
            errors,
        )


def _merge_into(
    target, spec, model, bundle_rows, bundle_hash, producer, make_backup, fail_hook, lock_timeout
):
    connection = _open_for_writing(target, lock_timeout)
    try:
        _lock(connection, target)
        result = None
        try:
            plan, result = _plan(connection, spec, model, bundle_rows, bundle_hash, producer)
            if not plan["writes"]:
                connection.execute("ROLLBACK")
                LOG.info("Import into %s: nothing to change", target)
                return result
            if make_backup:
                result.backup = exclusive_backup(target)
            _apply(connection, spec, model, plan, bundle_hash, producer, fail_hook)
            if fail_hook is not None:
                fail_hook("commit")
            connection.execute("COMMIT")
        except BaseException as exc:
            backup = result.backup if result is not None else None
            if _rollback(connection, exc) and backup is not None and backup.exists():
                backup.unlink()  # the target is as before: the backup of a failed import would only mislead
            if isinstance(exc, (sqlite3.DatabaseError, UnicodeDecodeError, OSError)):
                error = (inputs.write_error(exc, target) if isinstance(exc, OSError)
                         else inputs.sqlite_error(exc, target.name))
                raise _refused(error) from exc
            raise
    finally:
        connection.close()
    LOG.info(
        "Import into %s: %d added, %d updated, %d conflicts",
        target,
        sum(result.added.values()),
        sum(result.updated.values()),
        len(result.conflicts),
    )
    return result


def _rollback(connection, original):
    """Undo the transaction; True when the target is known to be as before. A failure of the
    rollback itself is logged, never shown instead of the original error (SQLite's journal rolls
    the file back when it is next opened)."""
    if not connection.in_transaction:
        return True
    try:
        connection.execute("ROLLBACK")
    except sqlite3.Error as exc:
        LOG.warning("Rollback after %r failed too: %s", original, exc)
        return False
    return True


# -- the SQLite connection that writes the target ----------------------------------------------
def _envelope(blob):
    """(minx, maxx, miny, maxy) of a GeoPackage blob, for GDAL's R-tree triggers."""
    wkb = manifest_module.geometry_wkb(blob)
    if wkb is None:
        return None
    return ogr.CreateGeometryFromWkb(bytes(wkb)).GetEnvelope()


def _st_is_empty(blob):
    if blob is None:
        return None
    blob = bytes(blob)
    return 1 if len(blob) >= 4 and blob[:2] == b"GP" and blob[3] & 0x10 else 0


def _st_bound(index):
    def bound(blob):
        envelope = _envelope(blob) if blob is not None else None
        return None if envelope is None else envelope[index]

    return bound


def _open_for_writing(target, lock_timeout):
    """A plain sqlite3 connection with the few SQL functions GDAL's triggers call, so rows are
    written as bound values (OGR would cut a text at a NUL) inside one transaction we control."""
    try:
        connection = sqlite3.connect(str(target), timeout=lock_timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise _refused(inputs.sqlite_error(exc, target.name)) from exc
    connection.create_function("ST_IsEmpty", 1, _st_is_empty, deterministic=True)
    for index, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        connection.create_function(name, 1, _st_bound(index), deterministic=True)
    return connection


def _lock(connection, target):
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise MergeRefused(
            "locked",
            f"{target.name} è in uso da un altro programma o da un'altra importazione (locked): "
            "chiudilo o attendi, poi riprova.",
            f"{target.name} is in use by another program or another import (locked): "
            "close it or wait, then retry.",
        ) from exc


# -- the backup --------------------------------------------------------------------------------
def _backup_name(target, attempt):
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    extra = f"-{attempt}" if attempt else ""
    return target.with_name(f"{target.stem}.backup-{stamp}{extra}{target.suffix}")


def exclusive_backup(target, attempts=100):
    """The pre-import backup: ``layers.backup.exclusive_backup`` (a complete copy that opens as
    itself, published under a name nobody else holds), named to the microsecond so two imports
    in the same second never compete; failures become the import's refusal, in words."""
    target = Path(target)
    try:
        return backup.exclusive_backup(target, naming=lambda t, a: _backup_name(t, a), attempts=attempts)
    except sqlite3.Error as exc:
        raise _refused(inputs.sqlite_error(exc, target.name + " (backup)")) from exc
    except OSError as exc:
        raise _refused(inputs.write_error(exc, target.with_suffix(".backup" + target.suffix))) from exc


# -- plan and apply ----------------------------------------------------------------------------
class SQLiteTarget:
    """What the plan reads of a GeoPackage target (the interface ``plan_merge`` needs; the central
    database's is central/bundle_import.py ``DatabaseTarget``). ``uuids``: the bundle's records
    of the table (a store may read only those)."""

    def __init__(self, connection):
        self.connection = connection
        self.tables = {r[0] for r in connection.execute(TABLE_NAMES)}

    def fields(self, model_table):
        """The model fields the plan compares and writes (those the target has)."""
        available = set(_columns(self.connection, model_table.name))
        return [f for f in model_table.fields if f.name in available]

    def current(self, model_table, fields, uuids):
        """canonical uuid -> (row key, values dict, wkb)."""
        return _read_target(self.connection, model_table, [f.name for f in fields])

    def last_import(self):
        return _last_import(self.connection, self.tables)

    def open_conflicts(self):
        return _open_conflicts(self.connection, self.tables)


def _plan(connection, spec, model, bundle_rows, bundle_hash, producer):
    return plan_merge(SQLiteTarget(connection), spec, model, bundle_rows, bundle_hash, producer)


def plan_merge(target, spec, model, bundle_rows, bundle_hash, producer):
    """The merge policy, for any target store (module docstring): (plan, MergeResult)."""
    result = MergeResult(bundle_hash=bundle_hash, producer=producer)
    plan = {"inserts": [], "updates": [], "log": [], "conflicts": [], "writes": False}
    last = target.last_import()
    open_conflicts = target.open_conflicts()
    for table in spec.tables:
        model_table = model.table(table.name)
        fields = target.fields(model_table)
        current = target.current(model_table, fields, sorted(bundle_rows[table.name]))
        for uuid in sorted(bundle_rows[table.name]):
            values, wkb = bundle_rows[table.name][uuid]
            bundle_digest = manifest_module.row_digest(_canonical_row(fields, values, wkb))
            logged, logged_producer = last.get((table.name, uuid), (None, None))
            if uuid not in current:
                plan["inserts"].append((table.name, fields, values, wkb))
                plan["log"].append((table.name, uuid, bundle_digest))
                result.added[table.name] = result.added.get(table.name, 0) + 1
                result.touched.add((table.name, uuid))
                continue
            fid, target_values, target_wkb = current[uuid]
            target_digest = manifest_module.row_digest(_canonical_row(fields, target_values, target_wkb))
            other_producer = bool(logged_producer) and bool(producer) and logged_producer != producer
            if target_digest == bundle_digest:
                result.unchanged += 1
                if logged != bundle_digest or other_producer:
                    plan["log"].append((table.name, uuid, bundle_digest))
            elif logged is not None and logged == target_digest and not other_producer:
                plan["updates"].append((table.name, fields, values, wkb, fid))
                plan["log"].append((table.name, uuid, bundle_digest))
                result.updated[table.name] = result.updated.get(table.name, 0) + 1
                result.touched.add((table.name, uuid))
            elif logged is not None and logged == bundle_digest:
                result.kept_local += 1
            else:
                differing = [
                    f.name
                    for f in fields
                    if _canonical_row([f], values, None)[0] != _canonical_row([f], target_values, None)[0]
                ]
                if table.geometry and wkb != target_wkb:
                    differing.append("geom")
                result.conflicts.append((table.name, uuid, differing))
                if (table.name, uuid, bundle_digest, target_digest) not in open_conflicts:
                    plan["conflicts"].append(
                        (
                            table.name,
                            uuid,
                            bundle_digest,
                            target_digest,
                            differing,
                            {k: values.get(k) for k in differing if k != "geom"},
                            {k: target_values.get(k) for k in differing if k != "geom"},
                        )
                    )
    plan["writes"] = bool(plan["inserts"] or plan["updates"] or plan["log"] or plan["conflicts"])
    return plan, result


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def _gpkg_now():
    """gpkg_contents.last_change in the GeoPackage's own format (Req 15: ...T...fffZ)."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _ensure_table(connection, name, columns):
    """The import's own attribute tables, created in the same transaction (rolled back with it)
    and registered in gpkg_contents as GDAL would; an older table gains the columns it lacks."""
    existing = _columns(connection, name)
    if existing:
        for column in columns:
            if column not in existing:
                connection.execute(sql.statement(ADD_TEXT_COLUMN, table=name, column=column))
        return
    definition = ", ".join(
        ['"fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL']
        + [sql.quote_identifier(c) + " TEXT" for c in columns]
    )
    connection.execute("CREATE TABLE " + sql.quote_identifier(name) + " (" + definition + ")")
    connection.execute(
        sql.insert("gpkg_contents", ("table_name", "data_type", "identifier", "description", "last_change")),
        (name, "attributes", name, "", _gpkg_now()),
    )


def _geometry_srs(connection):
    return dict(connection.execute(GEOMETRY_SRS).fetchall())


def _blob(wkb, srs_id):
    """A GeoPackage blob with an envelope (as GDAL writes them) around ``wkb``."""
    if wkb is None:
        return None
    minx, maxx, miny, maxy = ogr.CreateGeometryFromWkb(bytes(wkb)).GetEnvelope()
    return b"GP\x00\x03" + struct.pack("<i4d", srs_id, minx, maxx, miny, maxy) + bytes(wkb)


def _stored(model_field, value):
    if value is None:
        return None
    if model_field.kind == "boolean":
        return 1 if manifest_module.canonical("boolean", value) else 0
    return value


def _apply(connection, spec, model, plan, bundle_hash, producer, fail_hook):
    now = _now()
    _ensure_table(connection, LOG_TABLE, LOG_FIELDS)
    _ensure_table(connection, CONFLICTS_TABLE, CONFLICT_FIELDS)
    srs = _geometry_srs(connection)
    geometry_of = {t.name: bool(t.geometry) for t in spec.tables}
    touched_tables = set()
    for count, (name, fields, values, wkb) in enumerate(plan["inserts"]):
        columns = [f.name for f in fields if f.name != "fid"]
        row = [_stored(f, values.get(f.name)) for f in fields if f.name != "fid"]
        if geometry_of[name]:
            columns.append("geom")
            row.append(_blob(wkb, srs.get(name, 0)))
        connection.execute(sql.insert(name, columns), row)
        touched_tables.add(name)
        if fail_hook is not None and count == len(plan["inserts"]) // 2:
            fail_hook("inserts")
    for name, fields, values, wkb, fid in plan["updates"]:
        columns = [f.name for f in fields if f.name not in ("fid", "uuid")]
        row = [_stored(f, values.get(f.name)) for f in fields if f.name not in ("fid", "uuid")]
        if geometry_of[name]:
            columns.append("geom")
            row.append(_blob(wkb, srs.get(name, 0)))
        connection.execute(sql.update(name, columns, "fid = ?"), row + [fid])
        touched_tables.add(name)
    statement = sql.insert(LOG_TABLE, LOG_FIELDS)
    connection.executemany(
        statement, [(bundle_hash, name, uuid, digest, now, producer) for name, uuid, digest in plan["log"]]
    )
    statement = sql.insert(CONFLICTS_TABLE, CONFLICT_FIELDS)
    connection.executemany(
        statement,
        [
            (
                name,
                uuid,
                bundle_hash,
                bundle_digest,
                target_digest,
                json.dumps(differing),
                json.dumps(theirs, ensure_ascii=False, default=str),
                json.dumps(ours, ensure_ascii=False, default=str),
                now,
                "open",
                producer,
            )
            for name, uuid, bundle_digest, target_digest, differing, theirs, ours in plan["conflicts"]
        ],
    )
    for name in sorted(touched_tables | {LOG_TABLE, CONFLICTS_TABLE}):
        connection.execute(TOUCH_CONTENTS, (_gpkg_now(), name))


def _validate_touched(target, touched):
    """The validation engine on the merged target, keeping the findings of the records the merge
    added or updated (what the import changed must still be valid here: references, comuni…)."""
    from ..validation.engine import validate_geopackage

    try:
        report = validate_geopackage(target, profile="draft")
    except (RemixError, sqlite3.DatabaseError) as exc:
        LOG.warning("Validation after the import of %s failed: %s", target, exc)
        return []
    uuids = {uuid for _table, uuid in touched}
    return [f for f in report.sorted_findings() if canonical_uuid(f.feature_uuid) in uuids]
