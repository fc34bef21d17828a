"""Check out the central database into a RE.MIX GeoPackage, and export its regional bundle
(issue 14, docs/central-database.md "Bundles in and out, offline work, demo").

``checkout(dsn, target, comuni=…, zona=…, programma=…)`` reads the database in ONE snapshot
through ``validation_source.DatabaseReader`` (the one place where PostgreSQL values become the
GeoPackage's: booleans 0/1, dates and times as text, jsonb codes, geometry blobs), creates an empty
RE.MIX GeoPackage with ``layers.geopackage.create_geopackage`` (tables, code list, metadata and
comuni from the model) beside the target under a temporary name, copies the selected rows with
their uuids and values, and only then moves it onto the target. The tables and fields are the
model's (``layers/model.py``); the database's own ``versione`` column stays behind.

The selection runs in the database, in the same snapshot, before anything is copied
(``select_in_database``: SQL on schema ``remix`` by the link columns), and the reader copies only
the selected rows (``DatabaseReader(only=…)``; ``CheckoutResult.read`` counts them). It follows
the bundle writer's (export/writer.py ``_select``), derived from the model's relations: the
projects of the comuni (``--comune``, repeatable) or of a zona omogenea or of a programme; the
tables that carry a comune of their own (criticità) by comune; every row of a table linked to the
selected projects; and the shared rows those rows point to (programmi, attori, indicatori, bandi).
No criterion: everything.

``export_bundle_from_database`` = a checkout into a temporary folder + the existing bundle writer
(``export.writer.export_bundle``), so a bundle from the database is the bundle of the GeoPackage
holding the same rows; ``check-bundle`` accepts it.
"""

import contextlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import sql
from ..codes import format_codes, parse_codes
from ..errors import RemixError
from ..files import durable_replace
from ..layers.errors import RemixFileError
from ..layers.inspect import inspect_geopackage
from ..layers.model import COMUNI_TABLE, DEFAULT_CRS, GEOMETRY_COLUMN, SUPPORTED_CRS, load_model
from ..log import get_logger
from . import ddl

LOG = get_logger("central.checkout")

ZONA_FIELD = "zona_omogenea"  # comuni.zona_omogenea (the writer's --zona criterion)
GEOMETRY_SRS = "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?"
TOUCH_CONTENTS = "UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?"


class CheckoutError(RemixError):
    """The checkout (or the export from the database) failed: nothing was written."""


@dataclass
class CheckoutResult:
    path: Path
    source: str  # the DSN without password
    counts: dict = field(default_factory=dict)  # table -> rows copied
    selection: dict = field(default_factory=dict)
    read: dict = field(default_factory=dict)  # table -> rows read from the database (the snapshot)
    logged: int = 0  # rows of remix.import_log written for the check-in (record=True)
    log_skipped: bool = False  # record=True, but the login may not write the log (a reader)


def describe_selection(comuni=(), zona="", programma=""):
    if comuni:
        return {"comuni": sorted(set(comuni))}
    if zona:
        return {"zona": zona}
    if programma:
        return {"programma": programma}
    return {"all": True}


def _criteria(comuni, zona, programma):
    given = [bool(comuni), bool(zona), bool(programma)]
    if sum(given) > 1:
        raise CheckoutError(
            "selection",
            "Indica un solo criterio di selezione: comuni, zona omogenea o programma.",
            "Give one selection criterion only: comuni, zona omogenea or programme.",
        )


# -- the selection, in the database ----------------------------------------------------------
# Run on the snapshot's connection before anything is copied: only the selected rows reach the
# temporary tables of validation_source.DatabaseReader (a one-comune checkout of a database of
# 133 comuni reads that comune's rows, not the whole registry).
AVAILABLE_COLUMNS = (
    "SELECT c.relname, a.attname FROM pg_catalog.pg_attribute a "
    "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
)
SELECT_KEYS = "SELECT {columns} FROM {schema}.{table} WHERE "
IN_UUIDS = "{column} = ANY(%s::uuid[])"
IN_TEXTS = "{column} = ANY(%s::text[])"
EQUALS_TEXT = "{column}::text = %s"
COMUNI_OF_ZONA_IN_DATABASE = "SELECT {istat} FROM {schema}.{table} WHERE {zona} = %s"


class _Rows:
    """Fetches (uuid, reference fields) of the rows of a data table matching one condition."""

    def __init__(self, cursor, model):
        self.cursor, self.model = cursor, model
        cursor.execute(AVAILABLE_COLUMNS, (ddl.SCHEMA,))
        self.available = {}
        for table, column in cursor.fetchall():
            self.available.setdefault(table, set()).add(column)
        self.rows_read = 0

    def tables(self):
        return [t for t in self.model.data_tables if ddl.KEY in self.available.get(t.name, ())]

    def fetch(self, table, column, values, condition=None):
        """{uuid: {reference field: value as text}} of ``table`` where ``column`` is in ``values``."""
        values = sorted({str(v) for v in values if v not in (None, "")})
        model_table = self.model.table(table)
        if not values or column not in self.available.get(table, ()):
            return {}
        references = [f.name for f in model_table.fields if f.references and f.name in self.available[table]]
        names = [ddl.KEY] + references
        expressions = ", ".join(sql.quote_identifier(n) + "::text" for n in names)
        if condition is None:
            field = model_table.field(column) if model_table.has_field(column) else None
            is_uuid = column == ddl.KEY or bool(field and field.references.endswith("." + ddl.KEY))
            condition = IN_UUIDS if is_uuid else IN_TEXTS
        head = sql.statement(SELECT_KEYS.replace("{columns}", expressions), schema=ddl.SCHEMA, table=table)
        statement = head + sql.statement(condition, column=column)
        self.cursor.execute(statement, (values if condition != EQUALS_TEXT else values[0],))
        found = {row[0]: dict(zip(references, row[1:])) for row in self.cursor.fetchall()}
        self.rows_read += len(found)
        return found


def select_in_database(cursor, model, comuni=(), zona="", programma=""):
    """table -> set of uuids to check out, selected by SQL on schema remix; None: everything.

    The bundle writer's selection (export/writer.py ``_select``), from the model's relations: the
    projects of the comuni, of the zona omogenea or of the programme; the tables with a comune of
    their own (criticità) by comune; every row linked to the selected projects; the shared rows
    those rows point to (never another comune's project or its parts)."""
    if not (comuni or zona or programma):
        return None
    rows = _Rows(cursor, model)
    projects = ddl.PROJECTS_TABLE
    if zona:
        istat = model.table(COMUNI_TABLE).fields[0].name
        cursor.execute(sql.statement(COMUNI_OF_ZONA_IN_DATABASE, schema=ddl.SCHEMA, istat=istat,
                                     table=COMUNI_TABLE, zona=ZONA_FIELD), (zona,))
        comuni = {r[0] for r in cursor.fetchall()}
    comuni = set(comuni)
    selected = {t.name: {} for t in rows.tables()}
    if projects not in selected:
        return {name: set() for name in selected}
    if programma:
        for relation in model.relations_of_child(projects):
            if relation.parent != COMUNI_TABLE:
                found = rows.fetch(projects, relation.child_field, [programma], EQUALS_TEXT)
                selected[projects].update(found)
    else:
        selected[projects].update(rows.fetch(projects, ddl.COMUNE_FIELD, comuni))
    for table in rows.tables():
        if table.name != projects and comuni and ddl.rights_mode(model, table)[0] == "comune":
            selected[table.name].update(rows.fetch(table.name, ddl.COMUNE_FIELD, comuni))
    for relation in model.relations_of_parent(projects):
        if relation.child in selected:
            found = rows.fetch(relation.child, relation.child_field, selected[projects])
            selected[relation.child].update(found)
    owned = {projects} | {r.child for r in model.relations_of_parent(projects) if r.strength == "composition"}
    changed = True
    while changed:
        changed = False
        for relation in model.relations:
            if relation.parent in owned or relation.parent == COMUNI_TABLE or relation.parent not in selected:
                continue
            if relation.child not in selected:
                continue
            wanted = {v.get(relation.child_field) for v in selected[relation.child].values()}
            wanted -= set(selected[relation.parent]) | {None, ""}
            found = rows.fetch(relation.parent, ddl.KEY, wanted)
            if found:
                selected[relation.parent].update(found)
                changed = True
    LOG.debug("selection: %d rows read by key", rows.rows_read)
    return {name: set(found) for name, found in selected.items()}


# -- copying ------------------------------------------------------------------------------------
def _stored(model_field, value):
    if value is None:
        return None
    if model_field.kind == "codes":
        parsed = parse_codes(value)
        return value if parsed.error else format_codes(parsed.codes)
    return value


def _copy_rows(reader, connection, model, selected):
    from ..export import manifest as manifest_module
    from ..export.merge import _blob, _gpkg_now

    counts, copied = {}, {}
    for table in model.data_tables:
        available = reader.columns(table.name)
        if not available:
            continue
        fields = [f for f in table.fields if f.name in available and f.name != "fid"]
        names = [f.name for f in fields]
        geometry = bool(table.geometry) and GEOMETRY_COLUMN in available
        srs_id = 0
        if geometry:
            found = connection.execute(GEOMETRY_SRS, (table.name,)).fetchone()
            srs_id = found[0] if found else 0
        columns = names + ([GEOMETRY_COLUMN] if geometry else [])
        insert = sql.insert(table.name, columns)
        wanted = None if selected is None else selected.get(table.name, set())
        key = names.index(ddl.KEY) if ddl.KEY in names else None
        order = [ddl.KEY] if key is not None else []
        batch, count = [], 0
        for row in reader.rows(table.name, columns, order_by=order):
            if wanted is not None and (key is None or row[key] not in wanted):
                continue
            values = [_stored(f, v) for f, v in zip(fields, row)]
            if key is not None:
                copied.setdefault(table.name, []).append(row[key])
            if geometry:
                wkb = manifest_module.geometry_wkb(row[-1])
                values.append(_blob(wkb, srs_id))
            batch.append(values)
            count += 1
            if len(batch) >= 1000:
                connection.executemany(insert, batch)
                batch = []
        if batch:
            connection.executemany(insert, batch)
        counts[table.name] = count
        if count:
            connection.execute(TOUCH_CONTENTS, (_gpkg_now(), table.name))
    return counts, copied


MAY_APPEND_LOG = "SELECT has_table_privilege(%s, 'INSERT')"


def may_log(cursor):
    """May the login add rows to remix.import_log (CMM, administrator, comune technicians; not a
    reader, who checks out to read offline and never imports back)?"""
    cursor.execute(MAY_APPEND_LOG, (ddl.SCHEMA + "." + ddl.IMPORT_LOG_TABLE,))
    return bool(cursor.fetchone()[0])


def _record(reader, model, copied, target):
    """The check-out's rows of remix.import_log (central/bundle_import.py): the row hash of every
    record checked out, in the checkout's snapshot, with no producer (whoever imports the copy
    back), so the copy's own edits update the database and edits on both sides are conflicts.
    Only the rows the login may write (bundle_import.INSERT_IMPORT_ROWS): a comune technician's
    check-out of another comune logs only the shared records. Returns how many were written."""
    import datetime

    from .bundle_import import DatabaseTarget, write_log

    cursor = reader.connection.cursor()
    uuids = {u for values in copied.values() for u in values}
    database_target = DatabaseTarget(cursor, reader.database.postgis_schema, uuids, lock=False)
    entries = database_target.digests(model, copied)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return write_log(cursor, entries, f"checkout:{target.name}:{stamp}", "")


def _open_database(dsn, select=None):
    from .validation_source import DatabaseSource

    source = DatabaseSource(dsn)
    return source, source.open(select)  # RemixFileError (exit 2) when it cannot be read


def checkout(dsn, target, comuni=(), zona="", programma="", overwrite=False, record=False):
    """Write the selected rows of the database at ``dsn`` into a new RE.MIX GeoPackage ``target``.
    ``record``: also log the check-out in the database (``_record``), for the offline copy's
    check-in with ``import-bundle``; a login that may not write the log (a reader) checks out
    all the same, unlogged (``CheckoutResult.log_skipped``).

    Raises CheckoutError / RemixFileError (the target untouched, no temporary file left)."""
    from ..export.merge import _open_for_writing

    target = Path(target)
    _criteria(comuni, zona, programma)
    if target.suffix.lower() != ".gpkg":
        raise CheckoutError("bad_target", "Il file di destinazione deve avere estensione .gpkg.",
                            "The target file must end in .gpkg.")
    if target.exists() and not overwrite:
        raise CheckoutError("exists", f"{target} esiste già.", f"{target} already exists.")
    if not target.parent.is_dir():
        raise CheckoutError("no_folder", f"La cartella {target.parent} non esiste.",
                            f"The folder {target.parent} does not exist.")
    model = load_model()
    chosen = {}

    def select(cursor):
        chosen["selected"] = select_in_database(cursor, model, comuni, zona, programma)
        return chosen["selected"]

    source, reader = _open_database(dsn, select)
    logged, log_skipped = 0, False
    try:
        crs = reader.database.metadata.get("crs") or DEFAULT_CRS
        if crs not in SUPPORTED_CRS:
            crs = DEFAULT_CRS
        selected = chosen["selected"]
        try:
            folder = Path(tempfile.mkdtemp(prefix="." + target.stem + ".", suffix=".tmp", dir=target.parent))
        except OSError as exc:
            raise CheckoutError("read_only_folder",
                                f"Non è possibile scrivere nella cartella {target.parent} ({exc.strerror}).",
                                f"The folder {target.parent} is not writable ({exc.strerror}).") from exc
        try:
            from ..layers.geopackage import create_geopackage

            temp = create_geopackage(folder / target.name, crs=crs)
            connection = _open_for_writing(temp, 30.0)
            try:
                connection.execute("BEGIN IMMEDIATE")
                counts, copied = _copy_rows(reader, connection, model, selected)
                connection.execute("COMMIT")
            finally:
                connection.close()
            inspect_geopackage(temp)  # refuse to publish anything we could not read back
            if record and may_log(reader.connection.cursor()):
                logged = _record(reader, model, copied, target)
            elif record:
                log_skipped = True
            durable_replace(temp, target)
            if record:
                reader.connection.commit()  # the log once the copy is in place
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    except reader.read_errors as exc:
        text = str(getattr(exc, "pgerror", None) or exc).strip().splitlines()
        first = text[0] if text else type(exc).__name__
        raise RemixFileError("unreadable", f"Lettura del database non riuscita: {first}",
                             f"Cannot read the database: {first}") from exc
    finally:
        reader.close()
    result = CheckoutResult(target, source.path, counts, describe_selection(comuni, zona, programma),
                            read=dict(reader.copied), logged=logged, log_skipped=log_skipped)
    LOG.info("Checked out %s into %s: %s", source.path, target, counts)
    return result


def export_bundle_from_database(dsn, target, comuni=(), zona="", programma="", **writer_options):
    """The regional bundle of the database's selected rows: ``checkout`` into a temporary folder,
    then ``export.writer.export_bundle`` of that GeoPackage (ExportBlocked/ExportError as for a
    file; the target untouched on failure). Returns the writer's ExportResult."""
    from ..export.writer import ExportError, Selection, export_bundle

    target = Path(target)
    _criteria(comuni, zona, programma)
    if target.suffix.lower() != ".gpkg":
        raise ExportError("bad_target", "Il bundle deve avere estensione .gpkg.",
                          "The bundle must end in .gpkg.")
    if not target.parent.is_dir():
        raise ExportError("no_folder", f"La cartella {target.parent} non esiste.",
                          f"The folder {target.parent} does not exist.")
    unique = sorted(set(comuni))
    if len(unique) == 1:  # the manifest then says which comune, as for a file's bundle
        selection = Selection(comune=unique[0])
    elif zona:
        selection = Selection(zona=zona)
    elif programma:
        selection = Selection(programma=programma)
    else:
        selection = Selection()
    with temporary_checkout(dsn, target.parent, comuni=unique, zona=zona, programma=programma) as copy:
        return export_bundle(copy, target, selection=selection, **writer_options)


@contextlib.contextmanager
def temporary_checkout(dsn, folder, purpose="checkout", **criteria):
    """The database's selected rows (``checkout``'s criteria) as a RE.MIX GeoPackage in a private
    folder inside ``folder`` (beside the output it serves: the same disk), removed afterwards
    whatever happens; yields its path. For the writers that read a file: the bundle, the atlas
    (``purpose`` names the folder: ``.remix-<purpose>-…``)."""
    private = Path(tempfile.mkdtemp(prefix=f".remix-{purpose}-", dir=folder))
    try:
        yield str(checkout(dsn, private / "checkout.gpkg", **criteria).path)
    finally:
        shutil.rmtree(private, ignore_errors=True)
