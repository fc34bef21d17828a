"""Import/merge of a bundle into a RE.MIX GeoPackage: new, updated, conflicts, idempotent, refusals."""

import sqlite3

import pytest
from bundle_helpers import data_checksum, make_bundle, make_source, sha256_file
from osgeo import ogr

from remix_plugin.export.merge import MergeRefused, merge_bundle
from remix_plugin.export.writer import export_bundle
from remix_plugin.layers.geopackage import create_geopackage


def set_title(path, table, old, new):
    dataset = ogr.Open(str(path), update=1)
    layer = dataset.GetLayerByName(table)
    layer.SetAttributeFilter("titolo = '" + old.replace("'", "''") + "'")
    feature = layer.GetNextFeature()
    feature.SetField("titolo", new)
    layer.SetFeature(feature)
    dataset = None


def titles(path, table="progetti"):
    connection = sqlite3.connect(path)
    result = {r[0] for r in connection.execute(f'SELECT titolo FROM "{table}"')}  # noqa: S608 (test)
    connection.close()
    return result


@pytest.fixture
def setup(tmp_path):
    source, bundle, result, uuids = make_bundle(tmp_path, 3)
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    return source, bundle, target, uuids


def test_new_records_then_idempotent(setup):
    source, bundle, target, uuids = setup
    result = merge_bundle(bundle, target)
    assert result.added["progetti"] == 3 and result.added["lavori"] == 3 and not result.conflicts
    assert result.backup is not None and result.backup.exists()
    connection = sqlite3.connect(target)
    codes = connection.execute("SELECT ambito_opportunita FROM progetti ORDER BY uuid").fetchall()
    connection.close()
    assert all(c[0].startswith('["') for c in codes)
    before = data_checksum(target)
    again = merge_bundle(bundle, target)
    assert again.changed == 0 and again.backup is None and not again.conflicts
    assert data_checksum(target) == before
    # the data round trip: the target exported again gives the bundle's content hash
    back = export_bundle(target, target.with_name("back.gpkg"), validate=False)
    assert back.content_hash == result.bundle_hash


def test_update_when_target_unchanged(setup, tmp_path):
    source, bundle, target, uuids = setup
    merge_bundle(bundle, target)
    set_title(source, "progetti", "Progetto 1", "Progetto 1 rinominato")
    second = export_bundle(source, tmp_path / "REMIX_CMM_20250302_01.gpkg", validate=False)
    result = merge_bundle(second.path, target)
    assert result.updated == {"progetti": 1} and not result.conflicts
    assert "Progetto 1 rinominato" in titles(target)


def test_conflict_when_both_sides_changed(setup, tmp_path):
    source, bundle, target, uuids = setup
    merge_bundle(bundle, target)
    set_title(source, "progetti", "Progetto 2", "Titolo del comune")
    set_title(target, "progetti", "Progetto 2", "Titolo di CMM")
    second = export_bundle(source, tmp_path / "REMIX_CMM_20250302_01.gpkg", validate=False)
    result = merge_bundle(second.path, target)
    assert len(result.conflicts) == 1 and result.conflicts[0][2] == ["titolo"]
    assert "Titolo di CMM" in titles(target) and "Titolo del comune" not in titles(target)
    connection = sqlite3.connect(target)
    rows = connection.execute(
        "SELECT table_name, record_uuid, fields, bundle_values, status FROM remix_import_conflicts"
    ).fetchall()
    connection.close()
    assert rows[0][0] == "progetti" and "Titolo del comune" in rows[0][3] and rows[0][4] == "open"
    merge_bundle(second.path, target)  # listed once, not twice
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT count(*) FROM remix_import_conflicts").fetchone()[0] == 1
    connection.close()


def test_local_change_is_kept(setup):
    source, bundle, target, uuids = setup
    merge_bundle(bundle, target)
    set_title(target, "progetti", "Progetto 0", "Modifica locale")
    result = merge_bundle(bundle, target)
    assert result.kept_local == 1 and result.changed == 0
    assert "Modifica locale" in titles(target)


def test_existing_record_never_imported_is_a_conflict(setup, tmp_path):
    source, bundle, target, uuids = setup
    target2 = tmp_path / "copy_of_source.gpkg"
    target2.write_bytes(source.read_bytes())
    set_title(target2, "progetti", "Progetto 0", "Diverso")
    result = merge_bundle(bundle, target2)
    assert [c[:2] for c in result.conflicts] == [("progetti", uuids[0])]
    assert "Diverso" in titles(target2)


def test_locked_target_refused_and_unchanged(setup):
    source, bundle, target, uuids = setup
    before = sha256_file(target)
    holder = sqlite3.connect(target)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(MergeRefused) as caught:
            merge_bundle(bundle, target)
    finally:
        holder.rollback()
        holder.close()
    assert caught.value.code == "locked" and "locked" in caught.value.message_en
    assert sha256_file(target) == before


def test_bad_bundles_refused(setup, tmp_path):
    source, bundle, target, uuids = setup
    before = sha256_file(target)
    with sqlite3.connect(bundle) as connection:
        connection.execute(
            "UPDATE bundle_manifest SET value = 'RE.MIX bundle 2.0' WHERE key = 'spec_version'"
        )
    with pytest.raises(MergeRefused) as caught:
        merge_bundle(bundle, target)
    assert caught.value.code == "spec_version"
    with sqlite3.connect(bundle) as connection:
        connection.execute(
            "UPDATE bundle_manifest SET value = 'RE.MIX bundle 1.0' WHERE key = 'spec_version'"
        )
        connection.execute("UPDATE azioni SET lavoro_uuid = 'dangling' WHERE fid = 1")
    with pytest.raises(MergeRefused) as caught:
        merge_bundle(bundle, target)
    assert caught.value.code == "check_failed"
    truncated = tmp_path / "t.gpkg"
    truncated.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(MergeRefused):
        merge_bundle(truncated, target)
    assert sha256_file(target) == before
    assert not list(tmp_path.glob("target.backup-*"))


def test_failure_inside_transaction_rolls_back(setup):
    source, bundle, target, uuids = setup
    before = data_checksum(target)

    def hook(stage):
        raise RuntimeError("injected " + stage)

    with pytest.raises(RuntimeError):
        merge_bundle(bundle, target, fail_hook=hook)
    assert data_checksum(target) == before
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT count(*) FROM progetti").fetchone()[0] == 0
    connection.close()


def test_hostile_values_merge(tmp_path):
    source, uuids = make_source(tmp_path, 1)
    hostile = "x'); DROP TABLE progetti;-- 🏗️ שלום " + "L" * 50_000
    dataset = ogr.Open(str(source), update=1)
    layer = dataset.GetLayerByName("progetti")
    feature = layer.GetNextFeature()
    feature.SetField("descrizione", hostile)
    layer.SetFeature(feature)
    dataset = None
    bundle = export_bundle(source, tmp_path / "h.gpkg", validate=False).path
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    merge_bundle(bundle, target)
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT descrizione FROM progetti").fetchone()[0] == hostile
    connection.close()
