"""Import a bundle into a RE.MIX GeoPackage: merge by UUID, all or nothing (QGIS-free core).

The bundle is checked first (unknown spec version or any error: refused). Then, after a backup
copy of the target, one OGR transaction: new records are added; a record the target has not
changed since the last import of it is updated; a record the target changed locally is kept;
a record changed on both sides (or present on both sides without a previous import) is listed
in ``remix_import_conflicts`` and left for the user. ``remix_import_log`` keeps, per record, the
row hash at import time. Importing the same bundle twice changes nothing.
"""

import datetime
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from osgeo import ogr

from .. import sql
from ..codes import format_codes, parse_codes
from ..errors import RemixError
from ..layers.errors import RemixFileError
from ..layers.geopackage import backup_copy
from ..layers.inspect import connect_read_only, inspect_geopackage
from ..layers.model import load_model
from ..log import get_logger
from . import manifest as manifest_module
from .checker import check_bundle, open_bundle
from .spec import SUPPORTED_SPEC_IDS, load_spec

LOG = get_logger("import")
ogr.UseExceptions()

LOG_TABLE = "remix_import_log"
CONFLICTS_TABLE = "remix_import_conflicts"
LOG_FIELDS = (
    ("bundle_hash", ogr.OFTString),
    ("table_name", ogr.OFTString),
    ("record_uuid", ogr.OFTString),
    ("row_hash", ogr.OFTString),
    ("imported_at", ogr.OFTString),
)
CONFLICT_FIELDS = (
    ("table_name", ogr.OFTString),
    ("record_uuid", ogr.OFTString),
    ("bundle_hash", ogr.OFTString),
    ("bundle_row_hash", ogr.OFTString),
    ("target_row_hash", ogr.OFTString),
    ("fields", ogr.OFTString),
    ("bundle_values", ogr.OFTString),
    ("target_values", ogr.OFTString),
    ("detected_at", ogr.OFTString),
    ("status", ogr.OFTString),
)


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
        else:
            row.append(manifest_module.canonical(f.kind, value))
    row.append(wkb.hex() if wkb is not None else None)
    return row


def _read_bundle(connection, spec, model):
    """table -> uuid -> (model values dict, wkb)."""
    data = {}
    for table in spec.tables:
        codes = {}
        for link in spec.link_tables_of(table.name):
            cursor = connection.execute(
                sql.select(link.name, (link.parent_key, "code"), order_by=(link.parent_key, "ordine", "code"))
            )
            for parent, code in cursor:
                codes.setdefault(link.field, {}).setdefault(parent, []).append(code)
        columns = table.field_names + (["geom"] if table.geometry else [])
        rows = {}
        for row in connection.execute(sql.select(table.name, columns)):
            values = dict(zip(table.field_names, row))
            for link in spec.link_tables_of(table.name):
                values[link.field] = format_codes(codes.get(link.field, {}).get(values["uuid"], []))
            wkb = manifest_module.geometry_wkb(row[-1]) if table.geometry else None
            rows[values["uuid"]] = (values, wkb)
        data[table.name] = rows
    return data


def _read_target(connection, table, columns):
    """uuid -> (fid, values dict, wkb) for the model fields the target has."""
    select_columns = ["fid"] + columns + (["geom"] if table.geometry else [])
    rows = {}
    for row in connection.execute(sql.select(table.name, select_columns)):
        values = dict(zip(columns, row[1 : 1 + len(columns)]))
        wkb = manifest_module.geometry_wkb(row[-1]) if table.geometry else None
        rows[values["uuid"]] = (row[0], values, wkb)
    return rows


def _last_import(connection, tables):
    if LOG_TABLE not in tables:
        return {}
    last = {}
    for name, uuid, row_hash in connection.execute(
        sql.select(LOG_TABLE, ("table_name", "record_uuid", "row_hash"), order_by=("fid",))
    ):
        last[(name, uuid)] = row_hash
    return last


def _open_conflicts(connection, tables):
    if CONFLICTS_TABLE not in tables:
        return set()
    return set(
        connection.execute(
            sql.select(
                CONFLICTS_TABLE,
                ("table_name", "record_uuid", "bundle_row_hash", "target_row_hash"),
                where="status = 'open'",
            )
        ).fetchall()
    )


def _check_not_locked(target):
    try:
        connection = sqlite3.connect(str(target), timeout=0.5)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.rollback()
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:
        raise MergeRefused(
            "locked",
            f"{Path(target).name} è bloccato da un altro programma ({exc}): chiudilo e riprova.",
            f"{Path(target).name} is locked by another program ({exc}): close it and retry.",
        ) from exc


def merge_bundle(bundle, target, make_backup=True, fail_hook=None):
    """Merge the bundle into the RE.MIX GeoPackage ``target``; returns a MergeResult.

    Raises MergeRefused (bundle or target refused: nothing written)."""
    target = Path(target)
    report = check_bundle(bundle, generic_reader=False)
    if not report.readable:
        raise MergeRefused(
            "unreadable",
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
    try:
        inspect_geopackage(target)
    except RemixFileError as exc:
        raise MergeRefused(exc.code, exc.message_it, exc.message_en) from exc
    _check_not_locked(target)
    spec = load_spec()
    model = load_model()
    with open_bundle(bundle) as gpkg:
        connection = connect_read_only(gpkg)
        try:
            bundle_rows = _read_bundle(connection, spec, model)
        finally:
            connection.close()
    plan, result = _plan(target, spec, model, bundle_rows, report.content_hash)
    if not plan["writes"]:
        LOG.info("Import of %s into %s: nothing to change", bundle, target)
        return result
    if make_backup:
        result.backup = backup_copy(target)
    _apply(target, spec, model, plan, report.content_hash, fail_hook)
    LOG.info(
        "Import of %s into %s: %d added, %d updated, %d conflicts",
        bundle,
        target,
        sum(result.added.values()),
        sum(result.updated.values()),
        len(result.conflicts),
    )
    return result


def _plan(target, spec, model, bundle_rows, bundle_hash):
    result = MergeResult(bundle_hash=bundle_hash)
    plan = {"inserts": [], "updates": [], "log": [], "conflicts": [], "writes": False}
    connection = connect_read_only(target)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        last = _last_import(connection, tables)
        open_conflicts = _open_conflicts(connection, tables)
        for table in spec.tables:
            model_table = model.table(table.name)
            available = {
                r[1]
                for r in connection.execute("PRAGMA table_info(" + sql.quote_identifier(table.name) + ")")
            }
            fields = [f for f in model_table.fields if f.name in available]
            current = _read_target(connection, model_table, [f.name for f in fields])
            for uuid in sorted(bundle_rows[table.name]):
                values, wkb = bundle_rows[table.name][uuid]
                bundle_digest = manifest_module.row_digest(_canonical_row(fields, values, wkb))
                logged = last.get((table.name, uuid))
                if uuid not in current:
                    plan["inserts"].append((table.name, fields, values, wkb))
                    plan["log"].append((table.name, uuid, bundle_digest))
                    result.added[table.name] = result.added.get(table.name, 0) + 1
                    continue
                fid, target_values, target_wkb = current[uuid]
                target_digest = manifest_module.row_digest(_canonical_row(fields, target_values, target_wkb))
                if target_digest == bundle_digest:
                    result.unchanged += 1
                    if logged != bundle_digest:
                        plan["log"].append((table.name, uuid, bundle_digest))
                elif logged is not None and logged == target_digest:
                    plan["updates"].append((table.name, fields, values, wkb, fid))
                    plan["log"].append((table.name, uuid, bundle_digest))
                    result.updated[table.name] = result.updated.get(table.name, 0) + 1
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
    finally:
        connection.close()
    plan["writes"] = bool(plan["inserts"] or plan["updates"] or plan["log"] or plan["conflicts"])
    return plan, result


def _ensure_layer(dataset, name, fields):
    layer = dataset.GetLayerByName(name)
    if layer is None:
        layer = dataset.CreateLayer(name, None, ogr.wkbNone, options=["FID=fid"])
        for field_name, kind in fields:
            layer.CreateField(ogr.FieldDefn(field_name, kind))
    return layer


def _set_values(feature, fields, values, wkb, geometry):
    for f in fields:
        if f.name == "fid":
            continue
        value = values.get(f.name)
        if value is None:
            feature.SetFieldNull(f.name)
        elif f.kind == "boolean":
            feature.SetField(f.name, 1 if manifest_module.canonical("boolean", value) else 0)
        else:
            feature.SetField(f.name, value)
    if geometry:
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb) if wkb is not None else None)


def _apply(target, spec, model, plan, bundle_hash, fail_hook):
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    dataset = ogr.Open(str(target), update=1)
    if dataset is None:
        raise MergeRefused(
            "unwritable", f"Impossibile aprire {target} in scrittura.", f"Cannot open {target} for writing."
        )
    try:
        log_layer = _ensure_layer(dataset, LOG_TABLE, LOG_FIELDS)
        conflict_layer = _ensure_layer(dataset, CONFLICTS_TABLE, CONFLICT_FIELDS)
        dataset.StartTransaction()
        try:
            geometry_of = {t.name: bool(t.geometry) for t in spec.tables}
            for count, (name, fields, values, wkb) in enumerate(plan["inserts"]):
                layer = dataset.GetLayerByName(name)
                feature = ogr.Feature(layer.GetLayerDefn())
                _set_values(feature, fields, values, wkb, geometry_of[name])
                layer.CreateFeature(feature)
                if fail_hook is not None and count == len(plan["inserts"]) // 2:
                    fail_hook("inserts")
            for name, fields, values, wkb, fid in plan["updates"]:
                layer = dataset.GetLayerByName(name)
                feature = layer.GetFeature(fid)
                _set_values(feature, fields, values, wkb, geometry_of[name])
                layer.SetFeature(feature)
            definition = log_layer.GetLayerDefn()
            for name, uuid, digest in plan["log"]:
                feature = ogr.Feature(definition)
                for key, value in (
                    ("bundle_hash", bundle_hash),
                    ("table_name", name),
                    ("record_uuid", uuid),
                    ("row_hash", digest),
                    ("imported_at", now),
                ):
                    feature.SetField(key, value)
                log_layer.CreateFeature(feature)
            definition = conflict_layer.GetLayerDefn()
            for name, uuid, bundle_digest, target_digest, differing, theirs, ours in plan["conflicts"]:
                feature = ogr.Feature(definition)
                for key, value in (
                    ("table_name", name),
                    ("record_uuid", uuid),
                    ("bundle_hash", bundle_hash),
                    ("bundle_row_hash", bundle_digest),
                    ("target_row_hash", target_digest),
                    ("fields", json.dumps(differing)),
                    ("bundle_values", json.dumps(theirs, ensure_ascii=False, default=str)),
                    ("target_values", json.dumps(ours, ensure_ascii=False, default=str)),
                    ("detected_at", now),
                    ("status", "open"),
                ):
                    feature.SetField(key, value)
                conflict_layer.CreateFeature(feature)
            if fail_hook is not None:
                fail_hook("commit")
            dataset.CommitTransaction()
        except BaseException:
            dataset.RollbackTransaction()
            raise
    finally:
        dataset = None
