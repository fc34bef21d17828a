"""Canonical row values, the content hash of a bundle and its manifest table.

The content hash is sha256 over the data rows in a canonical order: table by table in the
spec's order (then the link tables), rows sorted by uuid (link rows by parent uuid, ordine,
code). The local ``fid``, the creation time, the manifest, the warnings, the code list and the
metadata are left out, so exporting the same data twice gives the same hash. Two versions
(docs/bundle-spec.md, "Content hash"): ``-1`` hashes the JSON of each row's canonical values,
built in Python; ``-2`` (written since issue 11) has SQLite build one SQL-literal text per row,
so Python only streams those texts (and the geometry bytes) into hashlib: about ten times
cheaper. The checker verifies either, by the manifest's ``hash_algorithm``.
"""

import datetime
import hashlib
import json
import math
import sqlite3
import struct

from .. import sql
from .spec import load_spec

HASH_V1 = "sha256/remix-canonical-rows-1"
HASH_V2 = "sha256/remix-canonical-rows-2"
HASH_ALGORITHM = HASH_V2  # what the writer uses
HASH_ALGORITHMS = (HASH_V1, HASH_V2)  # what the checker can verify

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def geometry_wkb(blob):
    """The WKB inside a GeoPackage geometry blob (None for NULL or empty geometry)."""
    if blob is None:
        return None
    blob = bytes(blob)
    if len(blob) < 8 or blob[:2] != b"GP":
        return blob  # not a GeoPackage blob: hash what is there
    flags = blob[3]
    if flags & 0x10:  # empty geometry flag
        return None
    envelope = _ENVELOPE_BYTES.get((flags >> 1) & 0x07, 0)
    return blob[8 + envelope :]


def gpkg_blob(wkb, srs_id, little_endian=True):
    """A GeoPackage blob without envelope around ``wkb`` (used when re-tagging the SRS)."""
    flags = 0x01 if little_endian else 0x00
    return b"GP" + bytes([0, flags]) + struct.pack("<i" if little_endian else ">i", srs_id) + wkb


def set_blob_srs(blob, srs_id):
    """Re-tag a GeoPackage blob with another srs_id (null transformation 7791 -> 32632)."""
    if blob is None:
        return None
    blob = bytes(blob)
    if len(blob) < 8 or blob[:2] != b"GP":
        return blob
    little = blob[3] & 0x01
    return blob[:4] + struct.pack("<i" if little else ">i", srs_id) + blob[8:]


def _normal_datetime(text):
    value = text.strip()
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        return value
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        suffix = "Z"
    else:
        suffix = ""
    millis = parsed.microsecond // 1000
    base = parsed.strftime("%Y-%m-%dT%H:%M:%S")
    return base + (f".{millis:03d}" if millis else "") + suffix


def canonical(kind, value):
    """A JSON-able canonical form of a stored value of a model field kind."""
    if value is None:
        return None
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if kind == "boolean":
        if isinstance(value, str):
            return 1 if value.strip().lower() in ("1", "true", "t", "yes") else 0
        return 1 if value else 0
    if kind == "integer":
        try:
            return int(value)
        except (TypeError, ValueError):
            return str(value)
    if kind == "real":
        try:
            return repr(float(value))
        except (TypeError, ValueError):
            return str(value)
    if kind == "datetime" and isinstance(value, str):
        return _normal_datetime(value)
    if kind == "date" and isinstance(value, str):
        return value.strip()[:10]
    if isinstance(value, float):
        return repr(value)
    return value


def row_digest(values):
    """sha256 hex of one canonical row (a list of JSON-able values)."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_CHUNK = 10_000
_RAW_KINDS = ("text", "integer", "real", "boolean", "date")


def _update(digest, label, rows):
    digest.update(json.dumps([label, rows], ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    digest.update(b"\n")


def _hash_rows(digest, label, cursor, convert):
    while True:
        chunk = cursor.fetchmany(_CHUNK)
        if not chunk:
            break
        _update(digest, label, [convert(row) for row in chunk])


def content_hash(connection, spec=None, algorithm=HASH_ALGORITHM):
    """The content hash of the bundle open on ``connection`` (sqlite3) with ``algorithm`` (one of
    HASH_ALGORITHMS; ValueError for another)."""
    if algorithm == HASH_V2:
        return _content_hash_v2(connection, spec or load_spec())
    if algorithm != HASH_V1:
        raise ValueError(f"unknown hash algorithm {algorithm!r}")
    return _content_hash_v1(connection, spec or load_spec())


def _content_hash_v1(connection, spec):
    """Rows in chunks of 10,000, each chunk the JSON of [table, [row, ...]] (row = canonical values
    in column order)."""
    digest = hashlib.sha256()
    digest.update(spec.id.encode("utf-8"))
    for table in spec.tables:
        columns = table.field_names + (["geom"] if table.geometry else [])
        kinds = [f.kind for f in table.fields]
        special = [i for i, k in enumerate(kinds) if k not in _RAW_KINDS]

        def convert(row, kinds=kinds, special=special, geometry=bool(table.geometry)):
            values = list(row[: len(kinds)])
            for i in special:
                values[i] = canonical(kinds[i], values[i])
            for i, value in enumerate(values):
                if isinstance(value, (bytes, memoryview)):
                    values[i] = bytes(value).hex()
            if geometry:
                wkb = geometry_wkb(row[-1])
                values.append(wkb.hex() if wkb is not None else None)
            return values

        cursor = connection.execute(sql.select(table.name, columns, order_by=("uuid",)))
        _hash_rows(digest, table.name, cursor, convert)
    for link in spec.link_tables:
        cursor = connection.execute(
            sql.select(
                link.name, (link.parent_key, "code", "ordine"), order_by=(link.parent_key, "ordine", "code")
            )
        )
        _hash_rows(digest, link.name, cursor, list)
    return digest.hexdigest()


# -- version 2: one JSON text per row, built by SQLite's json_array ---------------------------
# Values render as json_array renders them (NULL null, integers, text as JSON strings), except:
# real-kind fields by Python's repr (the shortest round-trip text, the same on every platform,
# where SQLite keeps 15 digits) through the function below, and a BLOB (which JSON cannot hold)
# as {"hex": "0A1B"}. Booleans, integers and dates are first canonicalised by kind as in v1, so
# that the values a merge writes back through OGR hash as the bundle's did.
_REAL_FUNCTION = "remix_hash_real"
_BY_KIND = {
    "real": _REAL_FUNCTION + "({c})",
    "integer": (
        "CASE WHEN typeof({c}) = 'real' AND {c} = CAST({c} AS INTEGER) THEN CAST({c} AS INTEGER) "
        "ELSE {c} END"
    ),
    "boolean": (
        "CASE WHEN {c} IS NULL THEN NULL WHEN typeof({c}) = 'text' THEN "
        "(lower(trim({c})) IN ('1', 'true', 't', 'yes')) WHEN typeof({c}) = 'blob' THEN "
        "(length({c}) > 0) ELSE ({c} <> 0) END"
    ),
    "date": "CASE WHEN typeof({c}) = 'text' THEN substr(trim({c}), 1, 10) ELSE {c} END",
}
_BLOB_SAFE = "CASE WHEN typeof({c}) = 'blob' THEN json_object('hex', hex({c})) ELSE {c} END"
# the WKB inside a GeoPackage blob: flags byte 4 gives the envelope size (bits 1-3) and the
# empty-geometry bit (bit 4); a blob that is not a GeoPackage blob is hashed as it is
_NIBBLE = "(instr('0123456789ABCDEF', substr(hex(substr(g.geom, 4, 1)), {i}, 1)) - 1)"
_WKB = (
    "CASE WHEN g.geom IS NULL THEN NULL "
    "WHEN typeof(g.geom) <> 'blob' OR length(g.geom) < 8 OR substr(g.geom, 1, 2) <> X'4750' "
    "THEN CAST(g.geom AS BLOB) "
    "WHEN (" + _NIBBLE.format(i=1) + " & 1) = 1 THEN NULL "
    "ELSE substr(g.geom, 9 + (CASE (" + _NIBBLE.format(i=2) + " >> 1) WHEN 1 THEN 32 WHEN 2 THEN 48 "
    "WHEN 3 THEN 48 WHEN 4 THEN 64 ELSE 0 END)) END"
)


def _hash_real(value):
    """JSON text of a real-kind value: a number by repr (int too), else what v1's JSON had."""
    if isinstance(value, (int, float)):
        number = float(value)
        return repr(number) if math.isfinite(number) else json.dumps(repr(number))
    if isinstance(value, bytes):
        return json.dumps({"hex": value.hex().upper()})
    return json.dumps(value, ensure_ascii=False)


def _row_sql(columns, blob_safe):
    """json_array(...) of ``columns`` [(SQL expression, kind)]; ``blob_safe`` wraps every plain
    value so that a BLOB renders as {"hex": ...} (slower: used only when a table holds one)."""
    values = []
    for expression, kind in columns:
        if kind == "real":
            values.append("json(" + _BY_KIND["real"].format(c=expression) + ")")
            continue
        if kind in _BY_KIND:
            expression = "(" + _BY_KIND[kind].format(c=expression) + ")"
        values.append("(" + _BLOB_SAFE.format(c=expression) + ")" if blob_safe else expression)
    return "json_array(" + ", ".join(values) + ")"


def _content_hash_v2(connection, spec):
    """sha256 of: the spec id and a newline; then per table ``T <name>`` and a newline, and per row
    its JSON text and a newline. A geometry table's row is followed by ``G<n>`` and a newline and
    the n bytes of the WKB, or by ``NULL`` and a newline. Rows in the v1 order."""
    connection.create_function(_REAL_FUNCTION, 1, _hash_real, deterministic=True)
    digest = hashlib.sha256()
    digest.update(spec.id.encode("utf-8") + b"\n")
    for table in spec.tables:
        columns = [("g." + sql.quote_identifier(f.name), f.kind) for f in table.fields]
        tail = (", " + _WKB) if table.geometry else ""
        source = " ".join(["FROM", sql.quote_identifier(table.name), "AS g ORDER BY g.uuid"])
        _hash_table(digest, connection, table.name, columns, tail, source, bool(table.geometry))
    for link in spec.link_tables:
        key = "g." + sql.quote_identifier(link.parent_key)
        columns = [(key, "text"), ("g.code", "text"), ("g.ordine", "integer")]
        order = key + ", g.ordine, g.code"
        source = " ".join(["FROM", sql.quote_identifier(link.name), "AS g ORDER BY", order])
        _hash_table(digest, connection, link.name, columns, "", source, False)
    return digest.hexdigest()


def _hash_table(digest, connection, name, columns, tail, source, with_geometry):
    """digest += sha256 of the table's label and rows (a table restarts on the blob-safe form)."""
    label = b"T " + name.encode("utf-8") + b"\n"
    for blob_safe in (False, True):
        statement = " ".join(["SELECT", _row_sql(columns, blob_safe) + tail, source])
        partial = hashlib.sha256(label)
        try:  # json_array refuses a BLOB value: then the blob-safe statement
            _stream(partial, connection.execute(statement), with_geometry)
        except sqlite3.OperationalError:
            if blob_safe:
                raise
            continue
        digest.update(partial.digest())
        return


def _stream(digest, cursor, with_geometry):
    while True:
        chunk = cursor.fetchmany(_CHUNK)
        if not chunk:
            return
        if with_geometry:
            parts = []
            for text, wkb in chunk:
                if wkb is None:
                    parts.append((text + "\nNULL\n").encode("utf-8"))
                else:
                    parts.append((text + "\nG" + str(len(wkb)) + "\n").encode("utf-8"))
                    parts.append(wkb)
            digest.update(b"".join(parts))
        else:
            digest.update(("\n".join([row[0] for row in chunk]) + "\n").encode("utf-8"))


def feature_counts(connection, spec=None):
    spec = spec or load_spec()
    counts = {}
    for name in spec.table_names + [lt.name for lt in spec.link_tables]:
        counts[name] = connection.execute(sql.count(name)).fetchone()[0]
    return counts


def read_manifest(connection):
    """The manifest as a dict (JSON values decoded where the spec says so)."""
    rows = dict(connection.execute(sql.select("bundle_manifest", ("key", "value"))).fetchall())
    for key in ("feature_counts", "selection"):
        if key in rows and rows[key]:
            rows[key] = _json_or_text(rows[key])
    return rows


def _json_or_text(text):
    try:
        return json.loads(text)
    except ValueError:
        return text  # left as text: the checker reports it
