"""Export of the regional bundle: conformance, determinism, atomicity, selection, hostile values."""

import datetime
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from bundle_fixtures import first_code
from bundle_helpers import VALIDATOR, data_checksum, make_bundle, make_source, sha256_file
from osgeo import ogr

from remix_plugin.export import spec as spec_module
from remix_plugin.export.checker import check_bundle
from remix_plugin.export.writer import ExportBlocked, ExportError, Selection, export_bundle

SYSTEM_PYTHON = "/usr/bin/python3"


def test_clean_bundle_passes_gdal_validator_ogrinfo_geopandas_and_checker(tmp_path):
    source, bundle, result, uuids = make_bundle(tmp_path, projects=4)
    run = subprocess.run(
        [SYSTEM_PYTHON, VALIDATOR, "-k", "--extra", str(bundle)], capture_output=True, text=True
    )
    assert run.returncode == 0 and run.stdout.strip() == "" and run.stderr.strip() == "", (
        run.stdout + run.stderr
    )
    info = subprocess.run(["ogrinfo", "-ro", "-so", str(bundle), "lavori"], capture_output=True, text=True)
    assert info.returncode == 0 and "Feature Count: 4" in info.stdout and "32632" in info.stdout
    import geopandas

    for name, count in result.counts.items():
        frame = geopandas.read_file(bundle, layer=name)
        assert len(frame) == count, name
    lavori = geopandas.read_file(bundle, layer="lavori")
    assert lavori.crs.to_epsg() == 32632
    report = check_bundle(bundle)
    assert report.exit_code == 0, [f.message_en for f in report.findings]
    assert result.counts["progetti"] == 4 and result.counts["lavori"] == 4 and result.counts["azioni"] == 4


def test_bundle_layout(tmp_path):
    source, bundle, result, uuids = make_bundle(tmp_path, projects=2)
    connection = sqlite3.connect(bundle)
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "qgis_projects" not in tables and "remix_metadata" not in tables
    columns = {r[1] for r in connection.execute("PRAGMA table_info(progetti)")}
    assert "ambito_opportunita" not in columns and "finalita" not in columns
    codes = connection.execute(
        "SELECT progetto_uuid, code, ordine FROM progetti_ambito_opportunita"
    ).fetchall()
    assert len(codes) == 4 and all(not c[1].startswith(("[", "{")) for c in codes)
    manifest = dict(connection.execute("SELECT key, value FROM bundle_manifest"))
    assert manifest["spec_version"] == "RE.MIX bundle 1.0" and manifest["crs"] == "EPSG:32632"
    assert json.loads(manifest["feature_counts"])["progetti"] == 2
    assert manifest["content_hash"] == result.content_hash
    relations = connection.execute("SELECT count(*) FROM gpkgext_relations").fetchone()[0]
    assert relations == len(spec_module.load_spec().related_tables)
    assert connection.execute("SELECT count(*) FROM rel_progetto_lavori").fetchone()[0] == 2
    assert (
        connection.execute(
            "SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'related_tables'"
        ).fetchone()[0]
        == 1 + relations
    )
    enums = connection.execute(
        "SELECT count(DISTINCT constraint_name) FROM gpkg_data_column_constraints "
        "WHERE constraint_type = 'enum'"
    ).fetchone()[0]
    assert enums >= 20
    assert (
        connection.execute(
            "SELECT constraint_name FROM gpkg_data_columns WHERE table_name = 'progetti' "
            "AND column_name = 'stato_progetto'"
        ).fetchone()[0]
        == "remix_stato_progetto"
    )
    xml_text = connection.execute("SELECT metadata FROM gpkg_metadata").fetchone()[0]
    for element in (
        "fileIdentifier",
        "MD_TopicCategoryCode",
        "EX_GeographicBoundingBox",
        "LI_Lineage",
        "useLimitation",
        "MD_Distributor",
        "RS_Identifier",
        "MD_Keywords",
    ):
        assert element in xml_text
    connection.close()


def test_same_data_same_hash_and_identical_rows(tmp_path):
    source, _ = make_source(tmp_path, 3)
    first = export_bundle(source, tmp_path / "a.gpkg", validate=False)
    second = export_bundle(source, tmp_path / "b.gpkg", validate=False)
    assert first.content_hash == second.content_hash
    names = list(first.counts)
    assert data_checksum(tmp_path / "a.gpkg", names) == data_checksum(tmp_path / "b.gpkg", names)


def test_source_is_never_modified(tmp_path):
    source, _ = make_source(tmp_path, 2)
    before = sha256_file(source)
    export_bundle(source, tmp_path / "out.gpkg", validate=False)
    assert sha256_file(source) == before


def test_committed_wal_rows_are_exported(tmp_path):
    source, _ = make_source(tmp_path, 2)
    holder = sqlite3.connect(source)  # like QGIS editing: WAL mode, connection kept open
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("UPDATE progetti SET titolo = 'Nuovo titolo WAL' WHERE titolo = 'Progetto 0'")
    holder.commit()
    try:
        assert Path(str(source) + "-wal").exists()
        export_bundle(source, tmp_path / "out.gpkg", validate=False)
    finally:
        holder.close()
    connection = sqlite3.connect(tmp_path / "out.gpkg")
    titles = {r[0] for r in connection.execute("SELECT titolo FROM progetti")}
    connection.close()
    assert "Nuovo titolo WAL" in titles


@pytest.mark.parametrize("step", ["layers", "rows", "links", "hash", "index", "check"])
def test_failure_mid_way_leaves_existing_bundle_intact(tmp_path, step):
    source, _ = make_source(tmp_path, 2)
    target = tmp_path / "REMIX_CMM_20250301_01.gpkg"
    export_bundle(source, target, validate=False)
    before = sha256_file(target)
    listing = sorted(p.name for p in tmp_path.iterdir())

    def hook(name):
        if name == step:
            raise RuntimeError("injected failure")

    with pytest.raises(RuntimeError):
        export_bundle(source, target, validate=False, step_hook=hook)
    assert sha256_file(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_cancel_leaves_nothing(tmp_path):
    source, _ = make_source(tmp_path, 1)
    calls = []
    with pytest.raises(ExportError):
        export_bundle(
            source,
            tmp_path / "out.gpkg",
            validate=False,
            is_cancelled=lambda: calls.append(1) or len(calls) > 3,
        )
    assert not (tmp_path / "out.gpkg").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp.gpkg")]


def _set(path, table, uuid, **values):
    """Change a record of a RE.MIX GeoPackage through OGR (its triggers need GDAL's functions)."""
    dataset = ogr.Open(str(path), update=1)
    layer = dataset.GetLayerByName(table)
    layer.SetAttributeFilter("uuid = '" + uuid + "'")
    feature = layer.GetNextFeature()
    for name, value in values.items():
        if value is None:
            feature.SetFieldNull(name)
        else:
            feature.SetField(name, value)
    layer.SetFeature(feature)
    fid = feature.GetFID()
    dataset = None
    return fid


def test_validation_errors_block_and_warnings_travel(tmp_path):
    source, uuids = make_source(tmp_path, 2, comuni=("015146",), complete=True)
    fid = _set(source, "progetti", uuids[0], stato_progetto="inventato")
    before = source.read_bytes()
    with pytest.raises(ExportBlocked) as caught:
        export_bundle(source, tmp_path / "blocked.gpkg")
    (finding,) = caught.value.findings
    assert (finding.code, finding.feature_uuid, finding.field) == ("SCH-001", uuids[0], "stato_progetto")
    assert finding.fid == fid  # the source's feature, for the map, not the bundle's
    assert not (tmp_path / "blocked.gpkg").exists() and source.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".tmp." in p.name]
    # an error on a project that does not travel does not block the export of the other one
    result = export_bundle(source, tmp_path / "other.gpkg", Selection(progetti=frozenset([uuids[1]])))
    assert result.counts["progetti"] == 1 and result.warnings == []
    _set(source, "progetti", uuids[0], stato_progetto=first_code("stato_progetto"), descrizione=None)
    result = export_bundle(source, tmp_path / "warned.gpkg")
    connection = sqlite3.connect(tmp_path / "warned.gpkg")
    rows = connection.execute("SELECT code, feature_uuid, field FROM bundle_warnings").fetchall()
    manifest = dict(connection.execute("SELECT key, value FROM bundle_manifest"))
    connection.close()
    assert rows == [("SCH-007", uuids[0], "descrizione")] and manifest["validation_warnings"] == "1"
    assert manifest["validation"] == "engine" and len(result.warnings) == 1


def test_validation_sees_what_travels_like_the_source(tmp_path):
    """The engine runs on the bundle being written: the findings of the exported records are the
    ones the engine gives on the source, and accepted exceptions keep applying."""
    from remix_plugin.validation.engine import validate_geopackage
    from remix_plugin.validation.exceptions_store import accept_finding

    source, uuids = make_source(tmp_path, 4, comuni=("015146", "015182"))
    on_source = validate_geopackage(str(source)).findings
    result = export_bundle(source, tmp_path / "c.gpkg", Selection(comune="015182"))
    exported = {
        r[0]
        for table in spec_module.load_spec().table_names
        for r in sqlite3.connect(tmp_path / "c.gpkg").execute("SELECT uuid FROM " + table)
    }
    key = lambda f: (f.code, f.layer, f.feature_uuid, f.field, f.message_en, f.fid)  # noqa: E731
    expected = sorted(key(f) for f in on_source if f.feature_uuid in exported)
    assert expected and sorted(map(key, result.warnings)) == expected
    accepted = next(f for f in result.warnings if f.code == "GEO-013")
    accept_finding(str(source), accepted, "perimetro indicativo", "test")
    again = export_bundle(source, tmp_path / "c2.gpkg", Selection(comune="015182"))
    assert len(again.warnings) == len(result.warnings) - 1
    assert key(accepted) not in {key(f) for f in again.warnings}


def test_source_content_the_bundle_cannot_carry_is_listed(tmp_path):
    source, uuids = make_source(tmp_path, 2, comuni=("015146",), complete=True)
    _set(source, "progetti", uuids[0], finalita='["rigenerazione", ')  # malformed JSON array
    before = source.read_bytes()
    with pytest.raises(ExportBlocked) as caught:
        export_bundle(source, tmp_path / "b.gpkg")
    assert [(f.code, f.feature_uuid, f.field) for f in caught.value.findings] == [
        ("SCH-004", uuids[0], "finalita")
    ]
    with pytest.raises(ExportError) as caught:  # without validation: refused with the reason
        export_bundle(source, tmp_path / "b.gpkg", validate=False)
    assert caught.value.code == "not_exportable" and "finalita" in caught.value.message_en
    assert source.read_bytes() == before and not (tmp_path / "b.gpkg").exists()


def test_selections(tmp_path):
    source, uuids = make_source(tmp_path, 4, comuni=("015146", "015182"))
    by_uuid = export_bundle(
        source, tmp_path / "u.gpkg", Selection(progetti=frozenset(uuids[:1])), validate=False
    )
    assert by_uuid.counts["progetti"] == 1 and by_uuid.counts["lavori"] == 1 and by_uuid.counts["attori"] == 1
    assert by_uuid.counts["programmi"] == 1 and by_uuid.counts["indicatori"] == 1
    by_comune = export_bundle(source, tmp_path / "c.gpkg", Selection(comune="015182"), validate=False)
    assert by_comune.counts["progetti"] == 2
    from bundle_fixtures import new_uuid

    by_programme = export_bundle(
        source, tmp_path / "p.gpkg", Selection(programma=new_uuid("programma-0")), validate=False
    )
    assert by_programme.counts["progetti"] == 2
    from remix_plugin.layers.geopackage import read_zone_omogenee

    zone = read_zone_omogenee()["015146"]
    by_zone = export_bundle(source, tmp_path / "z.gpkg", Selection(zona=zone), validate=False)
    assert by_zone.counts["progetti"] == 2
    for name in ("u", "c", "p", "z"):
        assert check_bundle(tmp_path / f"{name}.gpkg", generic_reader=False).exit_code == 0


HOSTILE = [
    "x'); DROP TABLE progetti;--",
    "quote \" and ' both",
    "שלום עולם مرحبا",
    "emoji 🏗️👷‍♀️ ok",
    "zero\u200bwidth and combining e\u0301",
    "L" * 100_000,
]


def test_hostile_values_round_trip(tmp_path):
    source, uuids = make_source(tmp_path, 1)
    dataset = ogr.Open(str(source), update=1)
    layer = dataset.GetLayerByName("progetti")
    feature = layer.GetNextFeature()
    feature.SetField("descrizione", " | ".join(HOSTILE))
    feature.SetField("note", HOSTILE[0])
    feature.SetField("titolo", HOSTILE[3])
    layer.SetFeature(feature)
    dataset = None
    result = export_bundle(source, tmp_path / "h.gpkg", validate=False)
    connection = sqlite3.connect(tmp_path / "h.gpkg")
    row = connection.execute("SELECT descrizione, note, titolo FROM progetti").fetchone()
    assert connection.execute("SELECT count(*) FROM progetti").fetchone()[0] == 1
    connection.close()
    assert row == (" | ".join(HOSTILE), HOSTILE[0], HOSTILE[3])
    assert check_bundle(tmp_path / "h.gpkg").exit_code == 0
    assert result.counts["progetti"] == 1


def test_file_name_rule(tmp_path):
    day = datetime.date(2025, 3, 1)
    assert spec_module.next_file_name(tmp_path, "015146", day) == "REMIX_015146_20250301_01.gpkg"
    (tmp_path / "REMIX_015146_20250301_01.gpkg").write_bytes(b"")
    assert spec_module.next_file_name(tmp_path, "015146", day) == "REMIX_015146_20250301_02.gpkg"
    assert spec_module.check_file_name("REMIX_CMM_20250301_07.gpkg") == []
    assert len(spec_module.check_file_name("bundle finale (2).gpkg")) == 2
    with pytest.raises(ValueError):
        spec_module.file_name("Milano", day, 1)


def test_bad_producer_and_target(tmp_path):
    source, _ = make_source(tmp_path, 1)
    with pytest.raises(ExportError):
        export_bundle(source, tmp_path / "x.gpkg", producer="../../etc", validate=False)
    with pytest.raises(ExportError):
        export_bundle(source, source, validate=False)
