"""The import under attack and bad luck (issue 11): the bundle merged is the bundle checked; the
backup is exclusive, complete and only made when something changes; values and UUIDs travel
intact and canonical; a producer never silently overwrites another's records; two imports at
once, a full disk and a folder that cannot be written end with a message, never a half-write."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from bundle_helpers import data_checksum, make_bundle, make_source, sha256_file

from remix_plugin.export import merge as merge_module
from remix_plugin.export.merge import MergeRefused, _open_for_writing, exclusive_backup, merge_bundle
from remix_plugin.export.writer import export_bundle
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.layers.model import load_model
from remix_plugin.uuids import is_uuid_field

ROOT = Path(__file__).resolve().parents[2]


def rows(path, statement, *params):
    connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return connection.execute(statement, params).fetchall()
    finally:
        connection.close()


def run_sql(path, *statements):
    connection = _open_for_writing(Path(path), 5)
    try:
        for statement in statements:
            if isinstance(statement, tuple):
                connection.execute(*statement)
            else:
                connection.execute(statement)
    finally:
        connection.close()


@pytest.fixture
def setup(tmp_path):
    source, bundle, _, uuids = make_bundle(tmp_path, 3)
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    return source, bundle, target, uuids


# -- what is merged is what was checked --------------------------------------------------------
def test_the_bundle_is_not_reopened_after_the_check(setup, tmp_path, monkeypatch):
    source, bundle, target, uuids = setup
    forged_folder = tmp_path / "forged"
    forged_folder.mkdir()
    forged_source, forged, _, _ = make_bundle(forged_folder, 1)
    run_sql(forged, "UPDATE progetti SET titolo = 'FALSO'")  # breaks its content hash: never passes
    real_check = merge_module.check_bundle

    def check_then_swap(path, **kwargs):
        report = real_check(path, **kwargs)
        shutil.copyfile(forged, bundle)  # the user's path now holds another file
        return report

    monkeypatch.setattr(merge_module, "check_bundle", check_then_swap)
    result = merge_bundle(bundle, target)
    assert result.added["progetti"] == 3
    titles = {r[0] for r in rows(target, "SELECT titolo FROM progetti")}
    assert "FALSO" not in titles and len(titles) == 3


# -- the backup --------------------------------------------------------------------------------
def test_backup_never_follows_or_reuses_what_is_at_its_name(setup, tmp_path, monkeypatch):
    source, bundle, target, uuids = setup
    victim = tmp_path / "victim.txt"
    victim.write_text("non toccare")
    fixed = target.with_name("target.backup-fixed.gpkg")
    fixed.symlink_to(victim)
    taken = target.with_name("target.backup-fixed-1.gpkg")
    taken.write_text("un altro file")
    def fixed_name(target, attempt):  # a name an attacker could predict
        return target.with_name("target.backup-fixed" + (f"-{attempt}" if attempt else "") + ".gpkg")

    monkeypatch.setattr(merge_module, "_backup_name", fixed_name)
    before = data_checksum(target)
    result = merge_bundle(bundle, target)
    assert result.backup == target.with_name("target.backup-fixed-2.gpkg")
    assert victim.read_text() == "non toccare" and fixed.is_symlink() and taken.read_text() == "un altro file"
    assert data_checksum(result.backup) == before
    assert rows(result.backup, "PRAGMA integrity_check") == [("ok",)]
    assert not list(tmp_path.glob(".remix-backup-*"))  # the private folder is gone


def test_two_backups_in_the_same_second_have_two_names(setup):
    source, bundle, target, uuids = setup
    names = {exclusive_backup(target) for _ in range(5)}
    assert len(names) == 5 and all(n.exists() for n in names)


def test_backup_is_complete_before_the_first_write(setup):
    source, bundle, target, uuids = setup
    before = data_checksum(target)
    seen = {}

    def hook(stage):
        backups = list(target.parent.glob("target.backup-*.gpkg"))
        seen[stage] = [data_checksum(b) for b in backups]
        raise RuntimeError("stop at " + stage)

    with pytest.raises(RuntimeError):
        merge_bundle(bundle, target, fail_hook=hook)
    assert seen["inserts"] == [before]  # one backup, equal to the target before the merge
    assert data_checksum(target) == before
    assert not list(target.parent.glob("target.backup-*.gpkg"))  # rolled back: nothing to restore
    tables = {r[0] for r in rows(target, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "remix_import_log" not in tables and "remix_import_conflicts" not in tables


def test_no_backup_when_nothing_changes(setup):
    source, bundle, target, uuids = setup
    merge_bundle(bundle, target)
    backups = set(target.parent.glob("target.backup-*.gpkg"))
    before = sha256_file(target)
    again = merge_bundle(bundle, target)
    assert again.backup is None and set(target.parent.glob("target.backup-*.gpkg")) == backups
    assert sha256_file(target) == before


def test_backup_project_is_pointed_at_the_backup(setup, monkeypatch):
    """The backup's stored QGIS project is made to read the backup itself (helper H1's
    retarget_stored_project, tested with QGIS in tests/qgis/test_one_file.py), under its final name,
    before the backup is published."""
    from remix_plugin.layers import backup, stored_project

    source, bundle, target, uuids = setup
    calls = []
    real = stored_project.retarget_stored_project

    def spy(copy_path, original_path, final_path=None):
        calls.append((Path(copy_path), Path(original_path), Path(final_path), Path(final_path).exists()))
        return real(copy_path, original_path, final_path=final_path)

    monkeypatch.setattr(backup, "retarget_stored_project", spy)  # layers/backup.py, the one backup
    result = merge_bundle(bundle, target)
    assert [(c[1], c[2], c[3]) for c in calls] == [(target, result.backup, False)]
    assert calls[0][0].parent.name.startswith(".remix-backup-")


# -- values that travel ------------------------------------------------------------------------
def test_nul_and_control_characters_travel_intact(tmp_path):
    source, uuids = make_source(tmp_path, 2)
    title = "Prima\x00dopo\x07 \u202e fine"
    run_sql(source, ("UPDATE progetti SET titolo = ? WHERE uuid = ?", (title, uuids[0])))
    bundle = export_bundle(source, tmp_path / "REMIX_CMM_20250301_01.gpkg", validate=False).path
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    merge_bundle(bundle, target)
    assert rows(target, "SELECT titolo FROM progetti WHERE uuid = ?", uuids[0]) == [(title,)]
    again = merge_bundle(bundle, target)  # no local change that never happened
    assert again.kept_local == 0 and again.changed == 0 and not again.conflicts and again.backup is None


def test_an_upper_case_uuid_is_the_same_record(setup, tmp_path):
    source, bundle, target, uuids = setup
    merge_bundle(bundle, target)
    counts = {t: rows(target, f'SELECT count(*) FROM "{t}"')[0][0] for t in ("progetti", "lavori", "azioni")}  # noqa: S608
    upper = tmp_path / "upper"
    upper.mkdir()
    copy_source = upper / "source.gpkg"
    shutil.copyfile(source, copy_source)
    connection = _open_for_writing(copy_source, 5)
    for table in load_model().tables:
        for column in [f.name for f in table.fields if is_uuid_field(f.name)]:
            connection.execute(f'UPDATE "{table.name}" SET "{column}" = upper("{column}")')  # noqa: S608 (test)
    connection.close()
    shouted = export_bundle(copy_source, upper / "REMIX_CMM_20250302_01.gpkg", validate=False).path
    assert any(r[0] != r[0].lower() for r in rows(shouted, "SELECT uuid FROM progetti"))
    result = merge_bundle(shouted, target)
    assert result.added == {} and not result.conflicts, (result.added, result.conflicts)
    assert {t: rows(target, f'SELECT count(*) FROM "{t}"')[0][0] for t in counts} == counts  # noqa: S608


def test_another_producer_does_not_silently_overwrite(tmp_path):
    source, uuids = make_source(tmp_path, 2)
    first = export_bundle(source, tmp_path / "REMIX_015146_20250301_01.gpkg", validate=False,
                          producer="015146").path
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    merge_bundle(first, target)
    assert {r[0] for r in rows(target, "SELECT producer FROM remix_import_log")} == {"015146"}
    run_sql(source, ("UPDATE progetti SET titolo = 'Versione di CMM' WHERE uuid = ?", (uuids[0],)))
    second = export_bundle(source, tmp_path / "REMIX_CMM_20250302_01.gpkg", validate=False,
                           producer="CMM").path
    result = merge_bundle(second, target)
    assert result.updated == {} and [(c[0], c[1], c[2]) for c in result.conflicts] == [
        ("progetti", uuids[0], ["titolo"])
    ]
    assert rows(target, "SELECT titolo FROM progetti WHERE uuid = ?", uuids[0]) != [("Versione di CMM",)]
    assert rows(target, "SELECT producer FROM remix_import_conflicts") == [("CMM",)]
    # the same producer again: an ordinary update
    run_sql(source, ("UPDATE progetti SET titolo = 'Nuovo titolo' WHERE uuid = ?", (uuids[1],)))
    third = export_bundle(source, tmp_path / "REMIX_015146_20250303_01.gpkg", validate=False,
                          producer="015146").path
    assert merge_bundle(third, target).updated == {"progetti": 1}


def test_touched_records_are_validated(setup):
    source, bundle, target, uuids = setup
    result = merge_bundle(bundle, target)
    assert {u for _t, u in result.touched} >= set(uuids)
    assert all(f.feature_uuid in {u for _t, u in result.touched} for f in result.findings)


def test_merged_target_is_a_valid_geopackage_for_gdal(setup):
    from osgeo import ogr

    source, bundle, target, uuids = setup
    merge_bundle(bundle, target)
    dataset = ogr.Open(str(target))
    lavori = dataset.GetLayerByName("lavori")
    assert lavori.GetFeatureCount() == 3
    feature = lavori.GetNextFeature()
    assert feature.GetGeometryRef().GetArea() > 0
    minx, maxx, miny, maxy = feature.GetGeometryRef().GetEnvelope()
    lavori.SetSpatialFilterRect(minx - 1, miny - 1, minx + 1, miny + 1)  # the R-tree index was filled
    assert lavori.GetFeatureCount() >= 1
    log = dataset.GetLayerByName("remix_import_log")
    assert log is not None and log.GetFeatureCount() > 0
    dataset = None
    validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
    if Path(validator).exists():
        check = subprocess.run(["/usr/bin/python3", validator, "-k", str(target)],
                               capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, check.stdout + check.stderr


# -- concurrency -------------------------------------------------------------------------------
def _cli(*args, prefix=(), timeout=300):
    command = [*prefix, "/usr/bin/python3", "-m", "remix_plugin", *map(str, args)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_imports_at_once_succeed_in_turn_or_one_is_in_use(tmp_path):
    bundles = []
    for index in range(2):
        folder = tmp_path / f"b{index}"
        folder.mkdir()
        source = folder / "source.gpkg"
        from bundle_fixtures import build_dataset

        build_dataset(source, 4, first_index=index * 10)
        name = f"REMIX_CMM_2025030{index + 1}_01.gpkg"
        bundles.append(export_bundle(source, folder / name, validate=False).path)
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    processes = [_cli("import-bundle", b, target) for b in bundles]
    outcomes = [(p.wait(timeout=600), *p.communicate()) for p in processes]
    for code, out, err in outcomes:
        assert "Traceback" not in err and "database is locked" not in err, err
        assert code == 0 or (code == 2 and "in uso" in err), (code, out, err)
    succeeded = sum(code == 0 for code, _, _ in outcomes)
    assert succeeded >= 1
    projects = rows(target, "SELECT count(*) FROM progetti")[0][0]
    assert projects == 4 * succeeded + 0  # both programmes and actors share uuids: only projects counted
    assert rows(target, "PRAGMA integrity_check") == [("ok",)]


def test_target_held_by_another_program_is_in_use(setup):
    source, bundle, target, uuids = setup
    before = sha256_file(target)
    holder = sqlite3.connect(target)
    holder.execute("BEGIN IMMEDIATE")  # another writer: readers may still look
    holder.execute("UPDATE gpkg_contents SET description = description")
    try:
        with pytest.raises(MergeRefused) as caught:
            merge_bundle(bundle, target, lock_timeout=0.5)
    finally:
        holder.rollback()
        holder.close()
    assert caught.value.code == "locked" and "in uso" in caught.value.message_it
    assert sha256_file(target) == before and not list(target.parent.glob("target.backup-*"))


# -- full disk, unwritable folder --------------------------------------------------------------
def test_full_disk_during_the_merge(tmp_path):
    from bundle_fixtures import build_dataset

    source = tmp_path / "source.gpkg"
    build_dataset(source, 40, lavori=3, azioni=3)
    bundle = export_bundle(source, tmp_path / "REMIX_CMM_20250301_01.gpkg", validate=False).path
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    before = data_checksum(target)
    # the bundle's snapshot and the backup fit, the grown target does not
    size_blocks = max(target.stat().st_size, bundle.stat().st_size) // 1024 + 16
    script = f"ulimit -f {size_blocks}; exec /usr/bin/python3 -m remix_plugin import-bundle "
    script += f"'{bundle}' '{target}'"
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "rollback" not in result.stderr.lower()
    assert "disk" in result.stderr.lower() or "disco" in result.stderr.lower(), result.stderr
    assert "target.gpkg" in result.stderr and "input.gpkg" not in result.stderr  # the merge failed
    assert data_checksum(target) == before
    assert rows(target, "PRAGMA integrity_check") == [("ok",)]
    tables = {r[0] for r in rows(target, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not tables & {"remix_import_log", "remix_import_conflicts"}
    leftovers = {p.name for p in tmp_path.iterdir()} - {"source.gpkg", bundle.name, "target.gpkg"}
    assert leftovers == set()  # the backup of an import that changed nothing is removed too
    assert not Path(str(target) + "-journal").exists() and not Path(str(target) + "-wal").exists()


def test_full_disk_while_writing_the_backup(setup):
    source, bundle, target, uuids = setup
    before = sha256_file(target)
    limit = target.stat().st_size // 1024 // 2  # not even the backup fits
    script = f"ulimit -f {limit}; exec /usr/bin/python3 -m remix_plugin import-bundle '{bundle}' '{target}'"
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert sha256_file(target) == before
    assert not list(target.parent.glob("target.backup-*")) and not list(target.parent.glob(".remix-backup-*"))


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop root")
def test_folder_the_user_cannot_write(tmp_path):
    folder = tmp_path / "sola_lettura"
    folder.mkdir()
    _, bundle, _, _ = make_bundle(folder, 1)
    target = folder / "target.gpkg"
    create_geopackage(target)
    before = sha256_file(target)
    # A folder nobody but root may write: as root the commands run as "nobody" (root writes
    # anywhere); as another user they run as that user, who cannot write there either.
    os.chmod(tmp_path, 0o755)
    for path in folder.iterdir():
        os.chmod(path, 0o444)
    os.chmod(folder, 0o555)
    prefix = (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
              if os.geteuid() == 0 else [])

    def as_nobody(*args):
        command = [*prefix, "/usr/bin/python3", "-m", "remix_plugin", *map(str, args)]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, HOME="/tmp"))

    try:
        for args in (("import-bundle", bundle, target),
                     ("export-bundle", target, folder / "REMIX_CMM_20250301_09.gpkg"),
                     ("create", folder / "nuovo.gpkg")):
            result = as_nobody(*args)
            assert result.returncode == 2, (args, result.stdout, result.stderr)
            assert "Traceback" not in result.stderr, (args, result.stderr)
            assert result.stderr.strip(), args
        assert sha256_file(target) == before
        assert not (folder / "nuovo.gpkg").exists()
    finally:
        os.chmod(folder, 0o755)  # let pytest clean up, also after a failure


def test_full_disk_during_the_export(tmp_path):
    from bundle_fixtures import build_dataset

    source = tmp_path / "source.gpkg"
    build_dataset(source, 20)
    before = sha256_file(source)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "REMIX_CMM_20250301_01.gpkg"
    script = f"ulimit -f 256; exec /usr/bin/python3 -m remix_plugin export-bundle '{source}' '{target}'"
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "ERROR 1" not in result.stderr, result.stderr
    assert list(out.iterdir()) == []  # no bundle, no half-written temporary file
    assert sha256_file(source) == before
