"""The independent checker: bad inputs refused with a reason, zips read safely, CLI exit codes."""

import sqlite3
import subprocess
import zipfile
from pathlib import Path

from bundle_helpers import copy, make_bundle
from osgeo import ogr

from remix_plugin.export.checker import check_bundle

ROOT = Path(__file__).resolve().parent.parent.parent


def codes(report):
    return {f.code for f in report.findings}


def test_truncated_and_foreign_files(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 2)
    truncated = tmp_path / "truncated.gpkg"
    truncated.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 3])
    report = check_bundle(truncated)
    assert report.exit_code == 2 and codes(report) & {"corrupt", "not_geopackage"}
    text = tmp_path / "text.gpkg"
    text.write_text("hello")
    assert check_bundle(text).exit_code == 2
    foreign = tmp_path / "foreign.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(foreign))
    dataset.CreateLayer("points", None, ogr.wkbPoint)
    dataset = None
    report = check_bundle(foreign)
    assert report.exit_code == 1 and "BND-002" in codes(report)
    assert check_bundle(tmp_path / "missing.gpkg").exit_code == 2


def test_wrong_spec_version(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 1)
    with sqlite3.connect(bundle) as connection:
        connection.execute(
            "UPDATE bundle_manifest SET value = 'RE.MIX bundle 9.0' WHERE key = 'spec_version'"
        )
    report = check_bundle(bundle)
    assert report.exit_code == 1 and "BND-004" in codes(report)
    assert "9.0" in report.findings[-1].message_en


def test_dangling_links_bad_codes_and_altered_data(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 2)
    with sqlite3.connect(bundle) as connection:
        connection.execute("UPDATE azioni SET progetto_uuid = 'non-esiste' WHERE fid = 1")
        connection.execute("UPDATE progetti_finalita SET code = 'x''); DROP TABLE progetti;--' WHERE fid = 1")
        connection.execute("UPDATE progetti SET stato_progetto = 'inventato' WHERE fid = 1")
    report = check_bundle(bundle)
    assert report.exit_code == 1
    # the validation engine's rules (REF: references, SCH: codes, also in link tables) + conformance
    assert {"REF-004", "SCH-001", "BND-011", "BND-037"} <= codes(report)
    bad_codes = {f.field: f.value for f in report.findings if f.code == "SCH-001"}
    assert bad_codes == {"finalita": "x'); DROP TABLE progetti;--", "stato_progetto": "inventato"}
    # without the engine only the bundle's conformance: the values are the engine's (one home)
    quick = check_bundle(bundle, rules=False)
    assert codes(quick) == {"BND-011", "BND-037"}
    with sqlite3.connect(bundle) as connection:
        assert connection.execute("SELECT count(*) FROM progetti").fetchone()[0] == 2


def test_engine_rules_see_the_bundle_as_the_editing_file(tmp_path):
    """Every engine rule runs on bundles: same findings as on the source, geometry rules included."""
    from remix_plugin.validation.engine import validate_geopackage

    source, bundle, _, _ = make_bundle(tmp_path, 3)
    on_source = validate_geopackage(str(source)).findings
    report = check_bundle(bundle, generic_reader=False)
    assert report.exit_code == 0
    key = lambda f: (f.code, f.layer, f.feature_uuid or "", f.field or "", f.message_en)  # noqa: E731
    assert sorted(map(key, report.findings)) == sorted(map(key, on_source))
    assert {f.code for f in on_source} >= {"SCH-007", "GEO-013"}  # the comparison is not empty
    dataset = ogr.Open(str(bundle), update=1)  # a self-intersecting perimeter (bow tie)
    layer = dataset.GetLayerByName("lavori")
    feature = layer.GetFeature(1)
    feature.SetGeometry(
        ogr.CreateGeometryFromWkt(
            "MULTIPOLYGON(((514500 5034000,514510 5034010,514510 5034000,514500 5034010,514500 5034000)))"
        )
    )
    layer.SetFeature(feature)
    dataset = None
    invalid = [f for f in check_bundle(bundle, generic_reader=False).findings if f.code == "GEO-004"]
    assert len(invalid) == 1 and invalid[0].layer == "lavori" and invalid[0].severity == "error"


def test_duplicate_uuids(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 2)
    with sqlite3.connect(bundle) as connection:  # a foreign writer without the UNIQUE constraint
        connection.execute("CREATE TABLE azioni_copy AS SELECT * FROM azioni")
        first = connection.execute("SELECT uuid FROM azioni ORDER BY fid").fetchone()[0]
        connection.execute("DROP INDEX IF EXISTS idx_azioni_dummy")
        sql_text = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'azioni'").fetchone()[0]
        connection.execute("DROP TABLE azioni")
        connection.execute(sql_text.replace(" UNIQUE", ""))
        connection.execute("INSERT INTO azioni SELECT * FROM azioni_copy")
        connection.execute("DROP TABLE azioni_copy")
        connection.execute("UPDATE azioni SET uuid = ? WHERE fid = 2", (first,))
    report = check_bundle(bundle, generic_reader=False)
    assert report.exit_code == 1 and "BND-033" in codes(report) and "REF-003" in codes(report)


def test_editing_tables_must_not_travel(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 1)
    with sqlite3.connect(bundle) as connection:
        connection.execute("CREATE TABLE qgis_projects (name TEXT PRIMARY KEY, metadata BLOB, content BLOB)")
    report = check_bundle(bundle, generic_reader=False)
    assert report.exit_code == 1 and "BND-012" in codes(report)


def test_zip_read_in_place_and_path_traversal_refused(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 2)
    good = tmp_path / "REMIX_CMM_20250301_01.zip"
    with zipfile.ZipFile(good, "w") as archive:
        archive.write(bundle, "REMIX_CMM_20250301_01.gpkg")
    report = check_bundle(good)
    assert report.exit_code == 0, [f.message_en for f in report.findings]
    inner = tmp_path / "inner"
    inner.mkdir()
    for name in ("../evil.gpkg", "/tmp/evil_abs_remix.gpkg", "ok/../../evil2.gpkg"):
        bad = inner / "bad.zip"
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr(name, bundle.read_bytes())
        report = check_bundle(bad)
        assert report.exit_code == 2 and "unsafe_zip" in codes(report), name
        assert name in report.findings[-1].message_en
    assert not (tmp_path / "evil.gpkg").exists() and not Path("/tmp/evil_abs_remix.gpkg").exists()
    assert not (tmp_path / "evil2.gpkg").exists()
    assert sorted(p.name for p in inner.iterdir()) == ["bad.zip"]


def test_symlink_entry_refused(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 1)
    bad = tmp_path / "link.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        info = zipfile.ZipInfo("bundle.gpkg")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    assert "unsafe_zip" in codes(check_bundle(bad))


def test_cli_exit_codes(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 1)

    def run(path, *extra):
        return subprocess.run(
            ["/usr/bin/python3", "-m", "remix_plugin", "check-bundle", str(path), *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    ok = run(bundle, "--lang", "en")
    assert ok.returncode == 0 and "Bundle conforms." in ok.stdout
    broken = copy(bundle, "broken.gpkg")
    with sqlite3.connect(broken) as connection:
        connection.execute("UPDATE azioni SET titolo = 'cambiato' WHERE fid = 1")
    bad = run(broken, "--format", "jsonl")
    assert bad.returncode == 1 and '"BND-011"' in bad.stdout
    garbage = tmp_path / "garbage.gpkg"
    garbage.write_bytes(b"\x00" * 50)
    assert run(garbage).returncode == 2
