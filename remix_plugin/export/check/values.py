"""Values the bundle itself must get right whatever the data: audit dates (the merge compares
them), the code list, and the enum constraints of the schema extension."""

import datetime
import sqlite3

from ... import sql
from .. import schema_ext
from ..spec import CODELIST_TABLE

EARLIEST_AUDIT_YEAR = 1990
CREATED, MODIFIED = "creato_il", "modificato_il"
CODELIST_ROWS = "SELECT dimension, code FROM {table}"
# The rows whose audit dates look suspicious to plain text tests in SQLite (not text, not shaped
# YYYY-MM-DD, month or day out of range, a 29-31 that SQLite moves to the next month once it
# computes with it ('+0 days'), before 1990, after ?1 (the last acceptable day), modified before
# created); Python then decides on those rows only (a bundle has many rows).
SUSPECT_AUDIT_DATES = (
    "SELECT uuid, {created}, {modified} FROM {table} WHERE "
    "({created} IS NOT NULL AND (typeof({created}) != 'text'"
    " OR {created} NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*'"
    " OR substr({created}, 6, 2) NOT BETWEEN '01' AND '12' OR substr({created}, 9, 2) = '00'"
    " OR substr({created}, 1, 10) < '1990' OR substr({created}, 1, 10) > ?1"
    " OR (substr({created}, 9, 2) > '28'"
    " AND date(substr({created}, 1, 10), '+0 days') IS NOT substr({created}, 1, 10))))"
    " OR ({modified} IS NOT NULL AND (typeof({modified}) != 'text'"
    " OR {modified} NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*'"
    " OR substr({modified}, 6, 2) NOT BETWEEN '01' AND '12' OR substr({modified}, 9, 2) = '00'"
    " OR substr({modified}, 1, 10) < '1990' OR substr({modified}, 1, 10) > ?1"
    " OR (substr({modified}, 9, 2) > '28'"
    " AND date(substr({modified}, 1, 10), '+0 days') IS NOT substr({modified}, 1, 10))))"
    " OR (substr({modified}, 1, 10) < substr({created}, 1, 10)"
    " OR (substr({modified}, 1, 10) = substr({created}, 1, 10) AND {modified} < {created}))"
)


def parse_stamp(text):
    value = str(text).strip().replace("Z", "+00:00").replace(" ", "T")
    parsed = datetime.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.timezone.utc)


def _latest_instant(manifest):
    """The end of the day after the bundle was made: clocks of two offices may differ by hours."""
    try:
        made = parse_stamp(manifest.get("created_at", ""))
    except (ValueError, TypeError):
        made = datetime.datetime.now(datetime.timezone.utc)
    return datetime.datetime.combine(
        (made + datetime.timedelta(days=1)).date(), datetime.time.max, tzinfo=datetime.timezone.utc
    )


def _stamp(value, latest):
    """The instant of an audit date, or None when it is impossible."""
    try:
        stamp = parse_stamp(value)
    except (ValueError, TypeError):
        return None
    return None if stamp.year < EARLIEST_AUDIT_YEAR or stamp > latest else stamp


def check_audit_dates(connection, spec, manifest, out):
    """creato_il / modificato_il: real calendar instants, not before 1990, not after the bundle was
    made, and never modified before created (every table of the spec has both)."""
    latest = _latest_instant(manifest)
    last_day = latest.strftime("%Y-%m-%d")
    for table in spec.tables:
        if not {CREATED, MODIFIED} <= set(table.field_names):
            continue
        statement = sql.statement(SUSPECT_AUDIT_DATES, table=table.name, created=CREATED, modified=MODIFIED)
        for uuid, *values in connection.execute(statement, (last_day,)):
            stamps = {}
            for name, value in zip((CREATED, MODIFIED), values):
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                stamp = _stamp(value, latest)
                if stamp is None:
                    out.add("BND-026", table.name, uuid, name, value, shown=repr(str(value)[:40]))
                    continue
                stamps[name] = stamp
            if len(stamps) == 2 and stamps[MODIFIED] < stamps[CREATED]:
                out.add("BND-027", table.name, uuid, MODIFIED, values[1])


def check_codelist(connection, scheme, out):
    rows = set(connection.execute(sql.statement(CODELIST_ROWS, table=CODELIST_TABLE)))
    expected = {(r[0], r[1]) for r in scheme.codelist_rows()}
    for dimension, code in sorted(expected - rows):
        out.add("BND-028", CODELIST_TABLE, value=code, detail=f"{dimension}/{code}")
    for dimension, code in sorted(rows - expected):
        out.add("BND-029", CODELIST_TABLE, value=code, detail=f"{dimension}/{code}")


def check_constraints(connection, spec, scheme, out):
    try:
        enums = schema_ext.enum_codes(connection)
        columns = schema_ext.column_constraints(connection)
    except sqlite3.DatabaseError:
        out.add("BND-030")
        return
    coded = [(t.name, f.name, f.dimension) for t in spec.tables for f in t.fields if f.dimension]
    coded += [(lt.name, "code", lt.dimension) for lt in spec.link_tables]
    for table, column, dimension in coded:
        name = columns.get((table, column))
        if name is None or enums.get(name) != set(scheme.dimension(dimension).codes()):
            out.add("BND-031", table, field_name=column, detail=dimension)
