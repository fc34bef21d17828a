"""Checker gaps (issue 11): code that would run, geometries and reference systems that only look
right, impossible audit dates, a newer schema; and text output that cannot be spoofed."""

import json
import struct
import subprocess
from pathlib import Path

import pytest
from bundle_helpers import copy, make_bundle

from remix_plugin.export.checker import check_bundle, format_report
from remix_plugin.export.merge import MergeRefused, _open_for_writing, merge_bundle
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.textsafe import safe_text

ROOT = Path(__file__).resolve().parents[2]
WGS84 = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
    'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]'
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    _, path, _, _ = make_bundle(tmp_path_factory.mktemp("bundle"), 2)
    return path


def hostile(bundle, name, *statements):
    path = copy(bundle, name)
    connection = _open_for_writing(path, 5)  # plain sqlite3 with the ST_ functions of GDAL's triggers
    for statement in statements:
        connection.execute(statement)
    connection.close()
    return path


def error_codes(report):
    return {f.code for f in report.findings if f.severity == "error"}


def test_clean_bundle_reports_none_of_the_new_codes(bundle):
    report = check_bundle(bundle, rules=False)
    assert report.exit_code == 0, [f.message_en for f in report.findings]
    new = {"BND-018", "BND-017", "BND-022", "BND-023", "BND-024", "BND-026", "BND-027",
           "BND-005", "BND-006", "geometry_storage", "BND-025"}
    assert not new & {f.code for f in report.findings}


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TRIGGER spia AFTER INSERT ON progetti BEGIN DELETE FROM lavori; END",
        # a trigger dressed as GDAL's R-tree trigger, with another body
        'DROP TRIGGER "rtree_lavori_geom_insert"',
        'CREATE TRIGGER "trigger_insert_feature_count_progetti_x" AFTER INSERT ON "progetti" '
        "BEGIN UPDATE progetti SET titolo = 'x'; END",
    ],
)
def test_foreign_triggers(bundle, statement):
    statements = [statement]
    if statement.startswith("DROP"):
        statements.append(
            'CREATE TRIGGER "rtree_lavori_geom_insert" AFTER INSERT ON "lavori" '
            "BEGIN DELETE FROM progetti; "
            'INSERT OR REPLACE INTO "rtree_lavori_geom" VALUES (1, 0, 0, 0, 0); END'
        )
    path = hostile(bundle, "REMIX_CMM_20250301_02.gpkg", *statements)
    report = check_bundle(path, rules=False)
    assert report.exit_code == 1 and "BND-018" in error_codes(report), error_codes(report)


def test_views_and_a_view_named_like_an_excluded_table(bundle):
    path = hostile(
        bundle,
        "REMIX_CMM_20250301_03.gpkg",
        "CREATE VIEW qgis_projects AS SELECT 'remix' AS name, x'00' AS content",
        "CREATE VIEW riepilogo AS SELECT titolo FROM progetti",
    )
    report = check_bundle(path, rules=False)
    assert {"BND-012", "BND-017"} <= error_codes(report)
    views = sorted(f.layer for f in report.findings if f.code == "BND-017")
    assert views == ["qgis_projects", "riepilogo"]


def _with_z(blob):
    """The same polygon with a Z coordinate on every vertex (ISO WKB 1006), envelope dropped."""
    from osgeo import ogr

    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    geometry = ogr.CreateGeometryFromWkb(bytes(blob[8 + envelope:]))
    geometry.Set3D(True)
    return b"GP\x00\x01" + bytes(blob[4:8]) + bytes(geometry.ExportToIsoWkb())


def test_z_coordinates_in_a_2d_column(bundle):
    path = copy(bundle, "REMIX_CMM_20250301_04.gpkg")
    connection = _open_for_writing(path, 5)
    fid, blob = connection.execute("SELECT fid, geom FROM lavori ORDER BY fid LIMIT 1").fetchone()
    connection.execute("UPDATE lavori SET geom = ? WHERE fid = ?", (_with_z(blob), fid))
    connection.close()
    report = check_bundle(path, rules=False)
    assert "BND-024" in error_codes(report)  # the geometry (the column declares 2D)
    flagged = [f for f in report.findings if f.code == "BND-024"]
    assert len(flagged) == 1 and flagged[0].layer == "lavori"


def test_z_declared_on_the_column(bundle):
    path = hostile(bundle, "REMIX_CMM_20250301_05.gpkg",
                   "UPDATE gpkg_geometry_columns SET z = 1 WHERE table_name = 'criticita'")
    assert "BND-023" in error_codes(check_bundle(path, rules=False))


def test_srs_definition_that_does_not_match_its_code(bundle):
    path = hostile(
        bundle,
        "REMIX_CMM_20250301_06.gpkg",
        "UPDATE gpkg_spatial_ref_sys SET definition = '" + WGS84 + "' WHERE srs_id = 32632",
    )
    report = check_bundle(path, rules=False)
    assert "BND-022" in error_codes(report)
    garbage = hostile(bundle, "REMIX_CMM_20250301_07.gpkg",
                      "UPDATE gpkg_spatial_ref_sys SET definition = 'non un CRS' WHERE srs_id = 32632")
    assert "BND-022" in error_codes(check_bundle(garbage, rules=False))


@pytest.mark.parametrize(
    "value",
    ["2025-02-30T10:00:00Z", "2025-13-01T10:00:00Z", "1066-10-14T09:00:00Z", "2999-01-01T00:00:00Z", "ieri"],
)
def test_impossible_audit_dates(bundle, value):
    path = hostile(bundle, "REMIX_CMM_20250301_08.gpkg",
                   "UPDATE progetti SET creato_il = '" + value + "' WHERE fid = 1")
    report = check_bundle(path, rules=False)
    flagged = [f for f in report.findings if f.code == "BND-026"]
    assert len(flagged) == 1 and flagged[0].field == "creato_il" and flagged[0].layer == "progetti"


def test_modified_before_created(bundle):
    path = hostile(bundle, "REMIX_CMM_20250301_09.gpkg",
                   "UPDATE azioni SET modificato_il = '2020-01-01T00:00:00Z' WHERE fid = 1")
    flagged = [f for f in check_bundle(path, rules=False).findings if f.code in ("BND-026", "BND-027")]
    assert [(f.code, f.field) for f in flagged] == [("BND-027", "modificato_il")]


def test_newer_schema_version_in_the_manifest(bundle, tmp_path):
    path = hostile(bundle, "REMIX_CMM_20250301_10.gpkg",
                   "UPDATE bundle_manifest SET value = '99' WHERE key = 'schema_version'")
    report = check_bundle(path, rules=False)
    assert "BND-006" in error_codes(report)
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    with pytest.raises(MergeRefused) as caught:
        merge_bundle(path, target)
    assert caught.value.code == "check_failed" and "99" in caught.value.message_it


def test_bidi_overrides_are_escaped_in_text_output(bundle):
    name = "vista\u202egpj.exe"
    path = hostile(bundle, "REMIX_CMM_20250301_11.gpkg", 'CREATE VIEW "' + name + '" AS SELECT 1')
    report = check_bundle(path, rules=False)
    text = format_report(report, "it")
    assert "\u202e" not in text and "vista\\u202egpj.exe" in text
    lines = format_report(report, "it", "jsonl").splitlines()
    assert all("\u202e" not in line for line in lines)
    layers = [json.loads(line).get("layer") for line in lines]
    assert name in layers  # the JSON value is intact for a program reading it
    result = subprocess.run(
        ["/usr/bin/python3", "-m", "remix_plugin", "check-bundle", str(path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 1 and "\u202e" not in result.stdout and "\\u202e" in result.stdout


def test_safe_text_escapes_controls_and_keeps_everything_else():
    assert safe_text("Sant'Angelo \u00e8 ok") == "Sant'Angelo \u00e8 ok"
    assert safe_text("a\x00b\nc\x1b[2Jd\u2066e") == "a\\x00b\\nc\\x1b[2Jd\\u2066e"
    for char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert char not in safe_text("x" + char + "y")


def test_wrong_wkb_geometry_header_is_reported(bundle):
    path = copy(bundle, "REMIX_CMM_20250301_12.gpkg")
    connection = _open_for_writing(path, 5)
    connection.execute("DROP TRIGGER rtree_lavori_geom_update1")
    broken = b"GP\x00\x01" + struct.pack("<i", 32632) + b"\x07"  # WKB cut after one byte
    connection.execute("UPDATE lavori SET geom = ? WHERE fid = 1", (broken,))
    connection.close()
    report = check_bundle(path, rules=False)
    assert "BND-025" in error_codes(report)


def _set_blob(bundle, name, blob):
    path = copy(bundle, name)
    connection = _open_for_writing(path, 5)
    connection.execute("DROP TRIGGER rtree_lavori_geom_update1")
    connection.execute("UPDATE lavori SET geom = ? WHERE fid = 1", (blob,))
    connection.close()
    return path


@pytest.mark.parametrize(
    "header, code",
    [
        (b"GP\x00\x05", "BND-024"),  # an XYZ envelope (indicator 2) on a 2D polygon
        (b"GP\x00\x21", "BND-025"),  # the extended geometry type flag
        (b"XP\x00\x01", "BND-025"),  # no 'GP' magic
    ],
)
def test_blobs_chosen_in_sql_are_the_ones_python_reports(bundle, header, code):
    """SQLite picks the blobs to parse (check/geometry.py SUSPECT_BLOBS): each odd header is picked."""
    wkb = struct.pack("<BI", 1, 6) + struct.pack("<I", 0)  # an empty MultiPolygon
    envelope = b"\x00" * 48 if header[3] & 0x0E == 0x04 else b""
    path = _set_blob(bundle, "REMIX_CMM_20250301_13.gpkg", header + struct.pack("<i", 32632) + envelope + wkb)
    found = [f for f in check_bundle(path, rules=False).findings if f.code in ("BND-024", "BND-025")]
    assert [(f.code, f.layer) for f in found] == [(code, "lavori")]


def test_ewkb_z_flag_is_a_third_dimension(bundle):
    wkb = struct.pack("<BI", 1, 0x80000006) + struct.pack("<I", 0)
    path = _set_blob(bundle, "REMIX_CMM_20250301_14.gpkg", b"GP\x00\x01" + struct.pack("<i", 32632) + wkb)
    assert "BND-024" in error_codes(check_bundle(path, rules=False))


def test_a_braced_twin_of_a_uuid_is_a_duplicate(bundle):
    """canonical_uuid('{…}') is the bare UUID: the SQL choice of rows includes canonical twins."""
    path = copy(bundle, "REMIX_CMM_20250301_15.gpkg")
    connection = _open_for_writing(path, 5)
    connection.execute("CREATE TABLE azioni_copy AS SELECT * FROM azioni")
    connection.execute("DROP TABLE azioni")
    connection.execute("ALTER TABLE azioni_copy RENAME TO azioni")  # no UNIQUE uuid any more
    first = connection.execute("SELECT uuid FROM azioni ORDER BY fid LIMIT 1").fetchone()[0]
    braced = "{" + first.upper() + "}"
    connection.execute("UPDATE azioni SET uuid = ? WHERE fid = 2", (braced,))
    connection.close()
    found = [f for f in check_bundle(path, rules=False).findings if f.code == "BND-033"]
    assert [(f.layer, f.feature_uuid) for f in found] == [("azioni", braced)]  # the later in uuid order


def test_every_finding_is_a_catalogue_rule_and_one_code_stops_at_50(bundle):
    from remix_plugin.validation import catalogue

    views = [f'CREATE VIEW "vista_{n:02d}" AS SELECT 1' for n in range(53)]
    report = check_bundle(hostile(bundle, "REMIX_CMM_20250301_16.gpkg", *views), rules=False)
    codes = [f.code for f in report.findings]
    assert codes.count("BND-017") == 50 and codes.count("BND-042") == 1
    marker = next(f for f in report.findings if f.code == "BND-042")
    assert marker.severity == "error" and "BND-017" in marker.message_en
    for finding in report.findings:
        spec = catalogue.rule(finding.code)  # every code is the catalogue's
        assert spec.group == catalogue.BUNDLE_GROUP and "{" not in finding.message_it + finding.message_en
