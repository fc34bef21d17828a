"""Independent check of a RE.MIX bundle, for the receiving side (no QGIS).

Reads the bundle with sqlite3 (read-only) and, as a generic reader, with fiona; a bundle inside a
zip is copied out entry by entry into a private temporary folder under a name chosen here
(entries with ``..``, absolute paths, drive letters or symlinks are refused; ``extractall`` is
never used). The checks live in ``export/check/`` (one module per aspect); this module runs them
in order and is the public entry point. Every finding has a catalogue code: BND-0xx for the
bundle's conformance to the specification (validation/catalogue.py BUNDLE_RULES, docs/rules.md),
the engine rule's code for the data; a file that cannot be read at all gives one finding with
its file error's code (``inputs``) and exit code 2.
"""

import sqlite3
from pathlib import Path

from .. import inputs
from ..taxonomy import load_scheme
from ..validation.findings import Finding  # noqa: F401 (the findings model, for callers)
from .check import code_objects, extensions, geometry, identity, manifest_checks
from .check import tables as table_checks
from .check import values as value_checks
from .check.engine_rules import check_rules
from .check.opening import VIEW_NAMES, connect, open_bundle, unreadable
from .check.output import format_report  # noqa: F401 (public: the CLI's output)
from .check.reader import check_generic_reader
from .check.report import MAX_REPORTED_PER_CODE, BundleReport, BundleUnreadable, Collector  # noqa: F401
from .spec import check_file_name, load_spec

MAX_UNZIPPED_BYTES = inputs.MAX_UNZIPPED_BYTES
# findings after which the bundle is not shaped enough for the validation engine
STRUCTURAL = ("BND-002", "BND-003", "BND-004") + table_checks.STRUCTURAL


def check_bundle(
    path,
    generic_reader=True,
    rules=True,
    profile="strict",
    expected_hash=None,
    display_name=None,
):
    """Check the bundle at ``path`` (.gpkg or .zip) and return a BundleReport (never raises for a
    bad file: an unreadable one gives ``readable=False``, exit code 2).

    Conformance to the spec is always checked. ``rules``: every rule of the validation engine
    (the same engine as for the editing GeoPackage, run through ``bundle_source.BundleSource``);
    without them the values are not checked (the export's self-check: the engine has just
    validated them; a value pass of the checker's own would restate the engine's rules).
    ``display_name``: the name the user gave the file, when ``path`` is a private snapshot of it
    (the file name rule is checked on that name)."""
    report = BundleReport(str(path), profile=profile)
    out = Collector(report, profile)
    name = display_name or Path(path).name
    file_name = name if not str(name).lower().endswith(".zip") else Path(name).stem + ".gpkg"
    for it, en in check_file_name(file_name):
        out.add("BND-001", detail=(it, en))
    try:
        with open_bundle(path) as gpkg:
            connection, tables = connect(gpkg)
            try:
                _check_conformance(connection, tables, report, out, expected_hash)
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                raise unreadable(exc, name) from exc
            finally:
                connection.close()
            if rules and report.readable and not out.found(*STRUCTURAL):
                check_rules(gpkg, profile, out)
            if generic_reader and report.readable and not report.has_errors:
                check_generic_reader(gpkg, out)
    except BundleUnreadable as exc:
        out.unreadable(exc.code, exc.message_it, exc.message_en)
    except OSError as exc:
        out.unreadable("unreadable", f"File illeggibile: {exc.strerror or exc}.",
                       f"Unreadable file: {exc.strerror or exc}.")
    return report


def _check_conformance(connection, tables, report, out, expected_hash=None):
    """The bundle against the specification, in the order its parts depend on each other."""
    spec = load_spec()
    if not manifest_checks.check_header(connection, tables, report, out):
        return
    views = {r[0] for r in connection.execute(VIEW_NAMES)}
    table_checks.check_excluded(tables, views, out)
    if not table_checks.check_present(spec, tables, out):
        return
    if not table_checks.check_columns(connection, spec, out):
        return
    geometry.check_storage(connection, spec)
    code_objects.check_code_objects(connection, views, out)
    geometry.check_registration(connection, spec, out)
    geometry.check_srs_definitions(connection, out)
    geometry.check_dimensions(connection, spec, out)
    scheme = load_scheme()
    value_checks.check_audit_dates(connection, spec, report.manifest, out)
    value_checks.check_codelist(connection, scheme, out)
    value_checks.check_constraints(connection, spec, scheme, out)
    identity.check_uuids(connection, spec, out)
    identity.check_links(connection, spec, out)
    extensions.check_related(connection, spec, out)
    extensions.check_metadata(connection, out)
    manifest_checks.check_counts_and_hash(connection, spec, report, out, expected_hash)
