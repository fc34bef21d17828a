"""Canonical row values, the content hash of a bundle and its manifest table.

The content hash is sha256 over the data rows in a canonical order: table by table in the
spec's order (then the link tables), rows sorted by uuid (link rows by parent uuid, ordine,
code); each row is the JSON of its canonical values in the spec's column order. The local
``fid``, the creation time, the manifest, the warnings, the code list and the metadata are left
out, so exporting the same data twice gives the same hash.
"""

import datetime
import hashlib
import json
import struct

from .. import sql
from .spec import load_spec

HASH_ALGORITHM = "sha256/remix-canonical-rows-1"

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


def content_hash(connection, spec=None):
    """The content hash of the bundle open on ``connection`` (sqlite3): rows in chunks of 10,000,
    each chunk the JSON of [table, [row, ...]] (row = canonical values in column order)."""
    spec = spec or load_spec()
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
