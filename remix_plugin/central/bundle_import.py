"""Import a regional bundle into the central database (issue 14, docs/central-database.md
"Bundles in and out, offline work, demo").

The same policy as the GeoPackage merge, not a second one: the bundle is read and checked by
``export.merge.read_checked_bundle`` and the plan (new / updated / unchanged / kept / conflicts)
is ``export.merge.plan_merge`` over ``DatabaseTarget``, the database's side of the plan's
interface. The whole import is ONE transaction of the importing login:

- ``pg_advisory_xact_lock``: imports into one database take turns (a second one waits, then
  plans on what the first one committed; ``lock_timeout`` refuses it as "in uso");
- the bundle's records already in the database are read ``FOR UPDATE`` (a QGIS edit of one of
  them waits for the import, or the import for it) and compared as the GeoPackage merge compares,
  with the values in the GeoPackage's form (``validation_source.CONVERSIONS``, geometry as WKB in
  the bundle's EPSG:32632) and without the audit fields the database writes itself;
- new rows go in with multi-row INSERTs, changed rows with UPDATEs: the triggers (rights, row
  version, codes, audit, derived comune and area, history) fire for every row; a comune login
  importing another comune's row is refused by the rights trigger, and the whole import with it
  (``refusals.import_refusal``: one Italian sentence, nothing written);
- ``remix.import_log`` and ``remix.import_conflicts`` (``ddl.bundle_tables``: the GeoPackage's
  columns) keep per record the row hash and producer at import, and the conflicts for the user.

After the commit the records the import added or updated are validated (``_validate_touched``,
the GeoPackage merge's rule; the findings in ``MergeResult.findings``). The log and conflict rows
carry their record's comune (row-level security, ``ddl.import_rights_statements``); a login that
is not CMM's bringing a new or changed shared record is refused with the way out,
``db import-shared`` (``import_bundle(..., shared=True)``, CMM and the administrator only).

A connection cut mid-import (``pg_terminate_backend``, network) leaves nothing: the server rolls
the transaction back. ``checkout(..., record=True)`` (central/checkout.py) writes the log rows of
a check-out, so an offline copy imported back updates what only it changed and lists as conflicts
what both sides changed.
"""

import datetime
import json
from pathlib import Path

from .. import sql
from ..codes import format_codes, parse_codes
from ..export import manifest as manifest_module
from ..export.merge import (
    CONFLICT_FIELDS,
    LOG_FIELDS,
    MergeRefused,
    _canonical_row,
    plan_merge,
    read_checked_bundle,
)
from ..export.spec import BUNDLE_SRS_ID, load_spec
from ..i18n import BOTH, Bilingual, tr
from ..layers.model import GEOMETRY_COLUMN, load_model
from ..log import get_logger
from ..uuids import canonical_uuid, is_uuid_field
from . import ddl
from .database import EXIT_REFUSED, EXIT_UNREADABLE, CentralError, connect, inspect_database
from .dsn import display_dsn, libpq_dsn

LOG = get_logger("central.import")
LOCK_TIMEOUT = 30.0  # seconds an import waits for another one before "in uso"
PAGE = 1000
LOCK_KEY = "remix.import_bundle"
MANAGED = (ddl.CREATED_AT, ddl.CREATED_BY, ddl.MODIFIED_AT, ddl.MODIFIED_BY)  # written by the audit trigger

SET_LOCK_TIMEOUT = "SELECT set_config('lock_timeout', %s, true)"
ADVISORY_LOCK = "SELECT pg_advisory_xact_lock(hashtext(%s))"
TABLE_COLUMNS = (
    "SELECT c.relname, a.attname, t.typname FROM pg_catalog.pg_attribute a "
    "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
    "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
)
SELECT_FOR_UPDATE = (
    "SELECT {columns} FROM {schema}.{table} WHERE {key} = ANY(%s::uuid[]) ORDER BY {key} FOR UPDATE"
)
SELECT_ROWS = "SELECT {columns} FROM {schema}.{table} WHERE {key} = ANY(%s::uuid[])"
WKB = "{postgis}.ST_AsBinary({postgis}.ST_Transform({c}, %s), 'NDR')"
LAST_IMPORT = "SELECT table_name, record_uuid, row_hash, producer FROM {schema}.{function}(%s::text[])"
OPEN_CONFLICTS = (
    "SELECT table_name, record_uuid, bundle_row_hash, target_row_hash FROM {schema}.{table} "
    "WHERE status = 'open' AND record_uuid = ANY(%s)"
)
INSERT_ROWS = "INSERT INTO {schema}.{table} ({columns}) VALUES %s"
# import_log / import_conflicts rows with their record's comune (ddl.import_rights_statements),
# only those the login may write: a comune login's rows of another comune's records (unchanged
# records of a bundle, a check-out of another comune) are left out, never refused.
INSERT_IMPORT_ROWS = (
    "INSERT INTO {schema}.{table} ({columns}, {comune}) SELECT {columns}, x.c FROM "
    "(SELECT v.*, {schema}.{record_comune}(v.table_name, v.record_uuid) AS c "
    "FROM (VALUES %s) AS v ({columns})) AS x WHERE {schema}.{may_log}(x.c)"
)
GEOMETRY_VALUE = "{postgis}.ST_Transform({postgis}.ST_SetSRID({postgis}.ST_GeomFromWKB(%s), %s), %s)"
UPDATE_ROW = "UPDATE {schema}.{table} SET "
WHERE_KEY = " WHERE {key} = %s"
EDITS_ALL = "SELECT {schema}.{function}()"
TOUCHED_COMUNI = (
    "SELECT DISTINCT {schema}.{function}(x.t, x.u) FROM unnest(%s::text[], %s::text[]) AS x (t, u)"
)


class DatabaseTarget:
    """The central database's side of ``export.merge.plan_merge`` (see ``SQLiteTarget``), on the
    importing transaction's cursor; only the bundle's records are read."""

    def __init__(self, cursor, postgis_schema, uuids, lock=True):
        from .validation_source import AS_TEXT, CONVERSIONS, KEPT

        self.cursor = cursor
        self.postgis = postgis_schema or "public"
        self.uuids = sorted(uuids)
        self.lock = lock
        self._conversions, self._as_text, self._kept = CONVERSIONS, AS_TEXT, KEPT
        cursor.execute(TABLE_COLUMNS, (ddl.SCHEMA,))
        self.types = {}
        for table, column, type_name in cursor.fetchall():
            self.types.setdefault(table, {})[column] = type_name
        missing = [t for t in ddl.bundle_tables() if ddl.IMPORT_COMUNE_COLUMN not in self.types.get(t, {})]
        if missing:
            raise CentralError(
                "no_import_tables",
                f"Il database non ha le tabelle dell'importazione dei bundle ({', '.join(missing)}): "
                "l'amministratore esegua «python3 -m remix_plugin db upgrade».",
                f"The database lacks the bundle import's tables ({', '.join(missing)}): the "
                "administrator runs 'python3 -m remix_plugin db upgrade'.",
            )

    def fields(self, model_table):
        available = self.types.get(model_table.name, {})
        return [f for f in model_table.fields if f.name in available and f.name not in MANAGED]

    def _expression(self, table, column):
        type_name = self.types[table][column]
        template = self._conversions.get(type_name, "{c}" if type_name in self._kept else self._as_text)
        return template.replace("{c}", sql.quote_identifier(column))

    def current(self, model_table, fields, uuids):
        """canonical uuid -> (uuid, values dict, wkb) of the bundle's records already here."""
        if not uuids:
            return {}
        names = [f.name for f in fields]
        expressions = [self._expression(model_table.name, n) for n in names]
        params = []
        geometry = bool(model_table.geometry) and GEOMETRY_COLUMN in self.types.get(model_table.name, {})
        if geometry:
            expressions.append(sql.statement(WKB, postgis=self.postgis, c=GEOMETRY_COLUMN))
            params.append(BUNDLE_SRS_ID)
        template = SELECT_FOR_UPDATE if self.lock else SELECT_ROWS
        statement = sql.statement(template.replace("{columns}", ", ".join(expressions)), schema=ddl.SCHEMA,
                                  table=model_table.name, key=ddl.KEY)
        self.cursor.execute(statement, params + [list(uuids)])
        rows = {}
        for row in self.cursor.fetchall():
            values = dict(zip(names, row[: len(names)]))
            wkb = bytes(row[-1]) if geometry and row[-1] is not None else None
            rows[canonical_uuid(values[ddl.KEY])] = (values[ddl.KEY], values, wkb)
        return rows

    def last_import(self):
        self.cursor.execute(sql.statement(LAST_IMPORT, schema=ddl.SCHEMA, function=ddl.LAST_IMPORT_FUNCTION),
                            (self.uuids,))
        return {(t, canonical_uuid(u)): (h, p) for t, u, h, p in self.cursor.fetchall()}

    def open_conflicts(self):
        self.cursor.execute(
            sql.statement(OPEN_CONFLICTS, schema=ddl.SCHEMA, table=ddl.IMPORT_CONFLICTS_TABLE), (self.uuids,))
        return {(t, canonical_uuid(u), b, c) for t, u, b, c in self.cursor.fetchall()}

    def digests(self, model, tables):
        """(table, uuid, row hash) of every record of ``tables`` {table: uuids}, as the plan hashes
        the database's rows (the check-out's log, central/checkout.py)."""
        out = []
        for name, uuids in tables.items():
            model_table = model.table(name)
            fields = self.fields(model_table)
            for uuid, (_key, values, wkb) in sorted(self.current(model_table, fields, sorted(uuids)).items()):
                out.append((name, uuid, manifest_module.row_digest(_canonical_row(fields, values, wkb))))
        return out


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def _pg_value(model_field, value):
    """A bundle value (the GeoPackage's form) as the database column takes it."""
    if value is None:
        return None
    if model_field.kind == "boolean":
        return bool(manifest_module.canonical("boolean", value))
    if model_field.kind == "codes":
        parsed = parse_codes(value)
        return value if parsed.error else format_codes(parsed.codes)
    if is_uuid_field(model_field.name) or model_field.references:
        return canonical_uuid(value) if str(value).strip() else None
    return value


def _srid(cursor, postgis, table):
    from .validation_source import geometry_registry

    found = geometry_registry(cursor, postgis).get(table)
    return int(found[2]) if found else BUNDLE_SRS_ID


def insert_import_rows(cursor, table, columns, rows):
    """Rows of remix.import_log or remix.import_conflicts (INSERT_IMPORT_ROWS); returns how many
    went in (those the login may write)."""
    import psycopg2.extras

    statement = sql.statement(INSERT_IMPORT_ROWS, schema=ddl.SCHEMA, table=table, columns=list(columns),
                              comune=ddl.IMPORT_COMUNE_COLUMN, record_comune=ddl.RECORD_COMUNE,
                              may_log=ddl.MAY_LOG)
    written = 0
    for start in range(0, len(rows), PAGE):
        page = rows[start:start + PAGE]
        psycopg2.extras.execute_values(cursor, statement, page, page_size=len(page))
        written += max(cursor.rowcount, 0)
    return written


def write_log(cursor, entries, bundle_hash, producer):
    """Rows of remix.import_log: ``entries`` (table, uuid, row hash); returns how many went in."""
    now = _now()
    return insert_import_rows(cursor, ddl.IMPORT_LOG_TABLE, LOG_FIELDS,
                              [(bundle_hash, t, u, h, now, producer) for t, u, h in entries])


def _apply(cursor, model, spec, plan, postgis, bundle_hash, producer, fail_hook):
    import psycopg2.extras

    geometry_of = {t.name: bool(t.geometry) for t in spec.tables}
    srids = {name: _srid(cursor, postgis, name) for name, has in geometry_of.items() if has}
    geometry_value = sql.statement(GEOMETRY_VALUE, postgis=postgis)
    # inserts: consecutive rows of one table (the plan is in the spec's order, parents first)
    groups = []
    for name, fields, values, wkb in plan["inserts"]:
        if not groups or groups[-1][0] != name:
            groups.append((name, fields, []))
        row = [_pg_value(f, values.get(f.name)) for f in fields]
        if geometry_of[name]:
            row += [None if wkb is None else psycopg2.Binary(bytes(wkb)), BUNDLE_SRS_ID, srids[name]]
        groups[-1][2].append(row)
    for count, (name, fields, rows) in enumerate(groups):
        columns = [f.name for f in fields] + ([GEOMETRY_COLUMN] if geometry_of[name] else [])
        placeholders = ["%s"] * len(fields) + ([geometry_value] if geometry_of[name] else [])
        template = "(" + ", ".join(placeholders) + ")"
        statement = sql.statement(INSERT_ROWS, schema=ddl.SCHEMA, table=name, columns=columns)
        psycopg2.extras.execute_values(cursor, statement, rows, template=template, page_size=PAGE)
        if fail_hook is not None and count == len(groups) // 2:
            fail_hook("inserts")
    for name, fields, values, wkb, key in plan["updates"]:
        changed = [f for f in fields if f.name != ddl.KEY]
        assignments = [sql.quote_identifier(f.name) + " = %s" for f in changed]
        row = [_pg_value(f, values.get(f.name)) for f in changed]
        if geometry_of[name]:
            assignments.append(sql.quote_identifier(GEOMETRY_COLUMN) + " = " + geometry_value)
            row += [None if wkb is None else psycopg2.Binary(bytes(wkb)), BUNDLE_SRS_ID, srids[name]]
        statement = (sql.statement(UPDATE_ROW, schema=ddl.SCHEMA, table=name) + ", ".join(assignments)
                     + sql.statement(WHERE_KEY, key=ddl.KEY))
        cursor.execute(statement, row + [key])
    write_log(cursor, plan["log"], bundle_hash, producer)
    now = _now()
    insert_import_rows(cursor, ddl.IMPORT_CONFLICTS_TABLE, CONFLICT_FIELDS, [
        (name, uuid, bundle_hash, bundle_digest, target_digest, json.dumps(differing),
         json.dumps(theirs, ensure_ascii=False, default=str),
         json.dumps(ours, ensure_ascii=False, default=str),
         now, "open", producer)
        for name, uuid, bundle_digest, target_digest, differing, theirs, ours in plan["conflicts"]
    ])


def _refused(error, database):
    """CentralError for a psycopg2 error of the import (the transaction is rolled back)."""
    import psycopg2

    from .refusals import import_refusal

    if isinstance(error, psycopg2.OperationalError) and getattr(error, "pgcode", None) in (None, "57P01"):
        text = str(error).strip().splitlines()
        first = text[0] if text else type(error).__name__
        return CentralError(
            "connection_lost",
            f"Importazione interrotta (connessione persa), nulla è stato scritto in {database}: {first}",
            f"Import interrupted (connection lost), nothing was written to {database}: {first}",
            EXIT_UNREADABLE,
        )
    if getattr(error, "pgcode", None) == "55P03":  # lock_not_available: another import holds it
        return CentralError(
            "locked",
            f"Un'altra importazione in {database} è in corso (locked): attendi e riprova; "
            "nulla è stato scritto.",
            f"Another import into {database} is running (locked): wait and retry; nothing was written.",
            EXIT_REFUSED,
        )
    refusal = import_refusal(error)
    return CentralError("refused", refusal.message("it"), refusal.message("en"), EXIT_REFUSED)


def shared_tables(model):
    """The data tables every comune shares (programmi, attori, indicatori, bandi: ddl.rights_mode)."""
    return [t.name for t in model.data_tables if ddl.rights_mode(model, t)[0] == "shared"]


def _record_name(model_table, values):
    """The record's title or name (its first required text field), for a message."""
    for model_field in model_table.fields:
        plain = model_field.kind == "text" and not (model_field.references or is_uuid_field(model_field.name))
        if plain and model_field.requirement == "required" and values.get(model_field.name):
            return str(values[model_field.name])
    return ""


def _refuse_shared_records(plan, model, bundle):
    """A login that is not CMM's (``remix.edits_all()`` false) bringing a new or changed record of
    a shared table (a comune technician may only add attori): the one sentence saying which record
    and the way out, ``db import-shared`` by CMM, before the rights trigger's generic refusal."""
    shared = set(shared_tables(model))
    changes = [(name, values, True) for name, _f, values, _w in plan["inserts"]
               if name in shared and name not in ddl.COMUNE_MAY_INSERT]
    changes += [(name, values, False) for name, _f, values, _w, _k in plan["updates"] if name in shared]
    if not changes:
        return
    name, values, new = changes[0]
    model_table = model.table(name)
    title = _record_name(model_table, values)
    if new:
        text = tr("Import refused, nothing was written: the bundle brings a new record of {table}, "
                  "{record}{title}, a table shared by every municipality that only CMM loads: ask CMM to "
                  "run 'python3 -m remix_plugin db import-shared --dsn DSN --bundle {bundle}', then import "
                  "the bundle again.", language=BOTH)
    else:
        text = tr("Import refused, nothing was written: the bundle changes a record of {table}, "
                  "{record}{title}, a table shared by every municipality that only CMM changes: ask CMM "
                  "to run 'python3 -m remix_plugin db import-shared --dsn DSN --bundle {bundle}', then "
                  "import the bundle again.", language=BOTH)
    message = text.format(table=Bilingual(model_table.label_it, model_table.label_en),
                          record=values.get(ddl.KEY), title=f" «{title}»" if title else "",
                          bundle=Path(bundle).name)
    raise CentralError("shared_records", message.it, message.en, EXIT_REFUSED)


def import_bundle(bundle, dsn, fail_hook=None, lock_timeout=LOCK_TIMEOUT, tables=None, validate=True,
                  shared=False):
    """Import the bundle into the central database at ``dsn``; returns export.merge.MergeResult.
    ``tables``: only the records of these tables (e.g. CMM loading the shared tables first).
    ``shared``: only the records of the shared tables (``shared_tables``: programmi, attori,
    indicatori, bandi), and only for a CMM editor or the administrator (``db import-shared``):
    the way to load the shared records a comune's bundle brings, which its technician may not.
    ``validate``: after the commit, the records the import added or updated are validated
    (``result.findings``, as export.merge.merge_bundle does for a GeoPackage; ``_validate_touched``).

    Raises MergeRefused (the bundle refused: unreadable, failing its check) or CentralError
    (cannot connect: exit 2; refused by the database or locked: exit 1; connection lost: exit 2);
    in every failure nothing is written. ``fail_hook(stage)`` is called mid-inserts and before
    the commit (tests)."""
    import psycopg2

    spec, model = load_spec(), load_model()
    report, bundle_rows = read_checked_bundle(bundle, spec, model)
    if shared:
        tables = set(shared_tables(model)) & set(tables if tables is not None else shared_tables(model))
    if tables is not None:
        bundle_rows = {name: rows if name in tables else {} for name, rows in bundle_rows.items()}
    producer = str(report.manifest.get("producer", "") or "")
    shown = display_dsn(dsn)
    connection = connect(libpq_dsn(dsn), application="RE.MIX import-bundle")
    try:
        info = inspect_database(connection)
        if not info.has_schema:
            raise CentralError("not_remix", f"Il database {info.name} non ha lo schema RE.MIX.",
                               f"The database {info.name} has no RE.MIX schema.", EXIT_UNREADABLE)
        try:
            cursor = connection.cursor()
            cursor.execute(SET_LOCK_TIMEOUT, (f"{int(lock_timeout * 1000)}ms",))
            cursor.execute(ADVISORY_LOCK, (LOCK_KEY,))
            uuids = {u for rows in bundle_rows.values() for u in rows}
            cursor.execute(sql.statement(EDITS_ALL, schema=ddl.SCHEMA, function=ddl.EDITS_ALL))
            edits_all = bool(cursor.fetchone()[0])
            if shared and not edits_all:
                raise CentralError("shared_not_cmm", *tr(
                    "Only a CMM editor or the RE.MIX administrator loads the shared records "
                    "(programmes, actors, indicators, calls); nothing was written.", language=BOTH),
                    EXIT_REFUSED)
            target = DatabaseTarget(cursor, info.postgis_schema, uuids)
            plan, result = plan_merge(target, spec, model, bundle_rows, report.content_hash, producer)
            if not edits_all:
                _refuse_shared_records(plan, model, bundle)
            if not plan["writes"]:
                connection.rollback()
                LOG.info("Import into %s: nothing to change", shown)
                return result
            _apply(cursor, model, spec, plan, info.postgis_schema or "public", report.content_hash, producer,
                   fail_hook)
            if fail_hook is not None:
                fail_hook("commit")
            connection.commit()
        except psycopg2.Error as exc:
            _rollback(connection)
            raise _refused(exc, info.name) from exc
        except BaseException:
            _rollback(connection)
            raise
        LOG.info("Import of %s into %s: %d added, %d updated, %d conflicts", Path(bundle).name, shown,
                 sum(result.added.values()), sum(result.updated.values()), len(result.conflicts))
        if validate and result.touched:  # committed: through the same connection, in a new snapshot
            result.findings = _validate_touched(dsn, model, result.touched, connection)
    finally:
        connection.close()
    return result


def touched_selection(cursor, model, touched):
    """{data table: uuids} the validation after an import reads: the comuni of the records the
    import touched, selected as ``db checkout --comune`` selects them (their projects, the rows
    of those projects, the shared rows these point to), and the touched records themselves."""
    from .checkout import select_in_database

    pairs = sorted(touched)
    cursor.execute(sql.statement(TOUCHED_COMUNI, schema=ddl.SCHEMA, function=ddl.RECORD_COMUNE),
                   ([t for t, _ in pairs], [u for _, u in pairs]))
    comuni = sorted(r[0] for r in cursor.fetchall() if r[0])
    selected = select_in_database(cursor, model, comuni=comuni) if comuni else None
    if selected is None:
        selected = {t.name: set() for t in model.data_tables}
    for table, uuid in pairs:
        selected.setdefault(table, set()).add(canonical_uuid(uuid))
    return selected


def _validate_touched(dsn, model, touched, connection=None):
    """The validation engine (draft profile, as the GeoPackage merge) on the database, reading only
    ``touched_selection``; the findings of the records the import added or updated. Rules across
    comuni (e.g. two comuni's lavori overlapping) are not seen here: ``validate DSN`` sees them."""
    from ..layers.errors import RemixFileError
    from ..validation.engine import validate_source
    from .validation_source import DatabaseSource

    source = DatabaseSource(dsn, select=lambda cursor: touched_selection(cursor, model, touched),
                            connection=connection)
    try:
        report = validate_source(source, profile="draft")
    except RemixFileError as exc:
        LOG.warning("Validation after the import into %s failed: %s", source.path, exc)
        return []
    uuids = {canonical_uuid(uuid) for _table, uuid in touched}
    return [f for f in report.sorted_findings() if canonical_uuid(f.feature_uuid) in uuids]


def _rollback(connection):
    import psycopg2

    try:
        connection.rollback()
    except psycopg2.Error:  # the connection is gone: the server rolled the transaction back
        pass


__all__ = ["DatabaseTarget", "MergeRefused", "import_bundle", "write_log"]
