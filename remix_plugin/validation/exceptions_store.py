"""Findings a user accepted as exceptions, stored in the GeoPackage (table remix_exceptions) so
they travel with the data. An exception silences one finding (rule, layer, feature, field) while
the feature is unchanged: it records ``feature_hash`` (attributes without audit fields, plus the
geometry WKB) at acceptance, and the engine compares it with the feature's current hash.

Written through OGR (as every write to a GDAL-made GeoPackage in this plugin: plain sqlite3
cannot UPDATE tables whose rtree triggers call ST_IsEmpty); read with sqlite3.
"""

import datetime
import getpass
import hashlib
import json
import sqlite3
import uuid as uuid_module

from osgeo import ogr

from .. import sql
from ..layers.errors import RemixFileError
from ..layers.inspect import connect_read_only
from ..layers.model import EXCEPTIONS_TABLE
from .readers import BlobError, parse_blob, table_columns

AUDIT_FIELDS = ("creato_il", "creato_da", "modificato_il", "modificato_da")
# a temporary view stands in for the table when a bundle is validated (export/bundle_source.py)
EXCEPTIONS_PRESENT = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ? "
    "UNION ALL SELECT name FROM sqlite_temp_master WHERE type IN ('table', 'view') AND name = ?"
)
EXCEPTIONS_TABLE_PRESENT = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?"
SELECT_ACCEPTED = "SELECT {columns} FROM {table}"
SELECT_ALL_BY_ACCEPTANCE = "SELECT {columns} FROM {table} ORDER BY {order}"
FEATURE_BY_UUID = "SELECT {columns} FROM {table} WHERE uuid = ?"

COLUMNS = (
    "uuid",
    "rule_code",
    "layer",
    "feature_uuid",
    "field",
    "feature_hash",
    "reason",
    "accepted_by",
    "accepted_at",
)


def _user():
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


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
    row = connection.execute(
        sql.statement(FEATURE_BY_UUID, table=table, columns=columns), (feature_uuid,)
    ).fetchone()
    if row is None:
        return ""
    items = dict(zip(columns, row))
    return feature_hash(items, _blob_wkb(items.get("geom")))


def apply_exceptions(findings, reader):
    """(kept, suppressed): the findings an accepted exception silences, while their feature is
    unchanged, move to ``suppressed``. ``reader``: the engine's source reader."""
    accepted = reader.accepted_exceptions()
    if not accepted:
        return findings, []
    kept, suppressed, hashes = [], [], {}
    for finding in findings:
        wanted = accepted.get(finding.key())
        if wanted:
            cache_key = (finding.layer, finding.feature_uuid)
            if cache_key not in hashes:
                hashes[cache_key] = (
                    reader.feature_hash(finding.layer, finding.feature_uuid) if finding.feature_uuid else ""
                )
            if hashes[cache_key] in wanted:
                suppressed.append(finding)
                continue
        kept.append(finding)
    return kept, suppressed


def read_exceptions(connection):
    """{(rule_code, layer, feature_uuid, field): {feature_hash, ...}} from an open connection."""
    present = connection.execute(EXCEPTIONS_PRESENT, (EXCEPTIONS_TABLE, EXCEPTIONS_TABLE)).fetchone()
    if present is None:
        return {}
    accepted = {}
    try:
        columns = ["rule_code", "layer", "feature_uuid", "field", "feature_hash"]
        rows = connection.execute(
            sql.statement(SELECT_ACCEPTED, table=EXCEPTIONS_TABLE, columns=columns)
        ).fetchall()
    except sqlite3.DatabaseError:
        return {}
    for code, layer, feature_uuid, field_name, feature_hash in rows:
        key = (str(code or ""), str(layer or ""), str(feature_uuid or ""), str(field_name or ""))
        accepted.setdefault(key, set()).add(str(feature_hash or ""))
    return accepted


def list_exceptions(path):
    """Every stored exception as a dict (for the dock and for reports)."""
    connection = connect_read_only(path)
    try:
        present = connection.execute(EXCEPTIONS_TABLE_PRESENT, (EXCEPTIONS_TABLE,)).fetchone()
        if present is None:
            return []
        statement = sql.statement(
            SELECT_ALL_BY_ACCEPTANCE, table=EXCEPTIONS_TABLE, columns=list(COLUMNS), order="accepted_at"
        )
        rows = connection.execute(statement).fetchall()
    finally:
        connection.close()
    return [dict(zip(COLUMNS, row)) for row in rows]


def accept_finding(path, finding, reason, accepted_by=None):
    """Store ``finding`` as an accepted exception with its ``reason``; returns the exception's uuid."""
    if not (reason or "").strip():
        raise ValueError("an exception needs a reason")
    connection = connect_read_only(path)
    try:
        feature_hash = (
            compute_feature_hash(connection, finding.layer, finding.feature_uuid)
            if finding.feature_uuid
            else ""
        )
    finally:
        connection.close()
    values = {
        "uuid": str(uuid_module.uuid4()),
        "rule_code": finding.code,
        "layer": finding.layer,
        "feature_uuid": finding.feature_uuid or "",
        "field": finding.field or "",
        "feature_hash": feature_hash,
        "reason": reason.strip(),
        "accepted_by": accepted_by if accepted_by is not None else _user(),
        "accepted_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    _write(path, values)
    return values["uuid"]


def _open_layer(dataset):
    layer = dataset.GetLayerByName(EXCEPTIONS_TABLE)
    if layer is None:
        layer = dataset.CreateLayer(EXCEPTIONS_TABLE, None, ogr.wkbNone, options=["FID=fid"])
        for name in COLUMNS:
            layer.CreateField(
                ogr.FieldDefn(name, ogr.OFTDateTime if name == "accepted_at" else ogr.OFTString)
            )
    return layer


def _write(path, values):
    dataset = _open_update(path)
    try:
        layer = _open_layer(dataset)
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in values.items():
            feature.SetField(name, value)
        if layer.CreateFeature(feature) != 0:
            raise RemixFileError(
                "write_failed", "Impossibile salvare l'eccezione.", "Cannot save the exception."
            )
    finally:
        dataset = None


def remove_exception(path, exception_uuid):
    """Delete a stored exception (the finding is reported again). Returns True if one was removed."""
    dataset = _open_update(path)
    removed = False
    try:
        layer = dataset.GetLayerByName(EXCEPTIONS_TABLE)
        if layer is None:
            return False
        layer.SetAttributeFilter(None)
        fids = [feature.GetFID() for feature in layer if feature.GetField("uuid") == exception_uuid]
        for fid in fids:
            removed = layer.DeleteFeature(fid) == 0 or removed
    finally:
        dataset = None
    return removed


def _open_update(path):
    try:
        dataset = ogr.Open(str(path), update=1)
    except RuntimeError as exc:
        raise RemixFileError(
            "unreadable",
            f"Impossibile aprire {path} in scrittura: {exc}.",
            f"Cannot open {path} for writing: {exc}.",
        ) from exc
    if dataset is None:
        raise RemixFileError(
            "unreadable", f"Impossibile aprire {path} in scrittura.", f"Cannot open {path} for writing."
        )
    return dataset
