"""Export of the regional bundle: conformance, determinism, atomicity, selection, hostile values."""

import datetime
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
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


class _Finding:
    def __init__(self, severity, uuid, code="rule"):
        self.code, self.severity, self.layer, self.feature_uuid, self.field = (
            code,
            severity,
            "progetti",
            uuid,
            "titolo",
        )
        self.message_it, self.message_en = "messaggio " + severity, "message " + severity


def test_validation_errors_block_and_warnings_travel(tmp_path, monkeypatch):
    from remix_plugin.export import writer

    source, uuids = make_source(tmp_path, 2)
    monkeypatch.setattr(writer, "_validate", lambda path, profile: [_Finding("error", uuids[0])])
    with pytest.raises(ExportBlocked) as caught:
        export_bundle(source, tmp_path / "blocked.gpkg")
    assert caught.value.findings[0].feature_uuid == uuids[0]
    assert not (tmp_path / "blocked.gpkg").exists()
    # an error on a project that does not travel does not block the export of the other one
    result = export_bundle(source, tmp_path / "other.gpkg", Selection(progetti=frozenset([uuids[1]])))
    assert result.counts["progetti"] == 1
    monkeypatch.setattr(writer, "_validate", lambda path, profile: [_Finding("warning", uuids[0])])
    result = export_bundle(source, tmp_path / "warned.gpkg")
    connection = sqlite3.connect(tmp_path / "warned.gpkg")
    rows = connection.execute("SELECT feature_uuid, message_en FROM bundle_warnings").fetchall()
    manifest = dict(connection.execute("SELECT key, value FROM bundle_manifest"))
    connection.close()
    assert rows == [(uuids[0], "message warning")] and manifest["validation_warnings"] == "1"
    assert len(result.warnings) == 1


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
