"""The manifest: present and readable, a known spec and schema version (checked first: the rest
depends on them), then its counts, content hash and required entries (checked last)."""

import sqlite3

from .. import manifest as manifest_module
from ..spec import MANIFEST_TABLE, SUPPORTED_SPEC_IDS

REQUIRED_KEYS = ("producer", "created_at", "scheme_version", "validation_profile")


def check_header(connection, tables, report, out):
    """Reads the manifest into ``report``; False when the bundle cannot be checked further."""
    if MANIFEST_TABLE not in tables:
        out.add("BND-002")
        return False
    try:
        manifest = manifest_module.read_manifest(connection)
    except sqlite3.DatabaseError as exc:
        out.add("BND-003", detail=str(exc))
        return False
    report.manifest = manifest
    report.spec_version = str(manifest.get("spec_version", ""))
    if report.spec_version not in SUPPORTED_SPEC_IDS:
        out.add("BND-004", shown=repr(report.spec_version), detail=", ".join(SUPPORTED_SPEC_IDS))
        return False
    _check_schema_version(manifest, out)
    return True


def _check_schema_version(manifest, out):
    """A bundle written by a newer plugin (schema of the editing GeoPackage) may carry fields and
    meanings this checker does not know: reported, never certified."""
    from ...layers.model import SCHEMA_VERSION

    text = str(manifest.get("schema_version", "")).strip()
    if not text.isdigit():
        out.add("BND-005", MANIFEST_TABLE, value=text, shown=repr(text))
    elif int(text) > SCHEMA_VERSION:
        out.add("BND-006", MANIFEST_TABLE, value=text, detail=SCHEMA_VERSION)


def check_counts_and_hash(connection, spec, report, out, expected_hash=None):
    manifest = report.manifest
    counts = manifest.get("feature_counts")
    actual = manifest_module.feature_counts(connection, spec)
    if not isinstance(counts, dict):
        out.add("BND-008", MANIFEST_TABLE)
    else:
        for name, count in sorted(actual.items()):
            if counts.get(name) != count:
                out.add("BND-009", name, shown=count, detail=counts.get(name))
    # the writer passes the hash it has just computed on this very file (saves a second pass);
    # a bundle written before hash version 2 declares (or, older still, omits) version 1
    algorithm = manifest.get("hash_algorithm") or manifest_module.HASH_V1
    if algorithm not in manifest_module.HASH_ALGORITHMS:
        out.add("BND-010", MANIFEST_TABLE, value=algorithm, shown=repr(algorithm),
                detail=", ".join(manifest_module.HASH_ALGORITHMS))
    else:
        report.content_hash = expected_hash or manifest_module.content_hash(connection, spec, algorithm)
        if manifest.get("content_hash") != report.content_hash:
            out.add("BND-011", MANIFEST_TABLE, value=manifest.get("content_hash"))
    for key in REQUIRED_KEYS:
        if not manifest.get(key):
            out.add("BND-007", MANIFEST_TABLE, detail=key)
