"""Hostile inputs: every file that cannot be read is exit 2 with a message in Italian and English,
never a traceback, never read to its end, never extracted beyond sane limits (issue 11)."""

import os
import sqlite3
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest
from bundle_helpers import copy, make_bundle

from remix_plugin.export.checker import check_bundle
from remix_plugin.inputs import MAX_COMPRESSION_RATIO, RATIO_CHECKED_ABOVE, private_snapshot, sniff
from remix_plugin.layers.errors import RemixFileError
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.layers.inspect import inspect_geopackage

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, timeout=120):
    return subprocess.run(
        ["/usr/bin/python3", "-m", "remix_plugin", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


def assert_unreadable(result, *words):
    """Exit 2, a one-line reason, no traceback, no raw GDAL line."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "ERROR 1" not in result.stderr, result.stderr
    text = result.stderr + result.stdout
    for word in words:
        assert word in text, (word, text)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle")
    _, path, _, _ = make_bundle(folder, 1)
    return path


@pytest.fixture(scope="module")
def remix_gpkg(tmp_path_factory):
    path = tmp_path_factory.mktemp("remix") / "remix.gpkg"
    create_geopackage(path)
    return path


def codes(report):
    """The codes of the report's errors (a file name warning may come first)."""
    return [f.code for f in report.findings if f.severity == "error"]


# -- only regular files ------------------------------------------------------------------------
def test_a_pipe_is_refused_without_being_read(tmp_path):
    fifo = tmp_path / "REMIX_CMM_20250301_01.gpkg"
    os.mkfifo(fifo)
    writer_opened = threading.Event()

    def never_closing_writer():  # a writer that would keep a reader waiting forever
        with open(fifo, "wb") as handle:
            writer_opened.set()
            handle.write(b"SQLite format 3\x00")
            writer_opened.wait(30)

    for command in ("check-bundle", "validate"):
        result = cli(command, fifo, timeout=60)
        assert_unreadable(result, "non è un file normale")
    with pytest.raises(RemixFileError) as caught:
        inspect_geopackage(fifo)
    assert caught.value.code == "not_regular" and "pipe" in caught.value.message_en
    thread = threading.Thread(target=never_closing_writer, daemon=True)
    thread.start()
    report = check_bundle(fifo)  # even with a writer on the other end: not read, returns at once
    assert report.exit_code == 2 and codes(report) == ["not_regular"]
    with open(fifo, "rb"):  # let the writer finish
        pass


def test_a_device_is_refused_without_being_read():
    result = cli("check-bundle", "/dev/zero", "--lang", "en", timeout=30)
    assert_unreadable(result, "not a regular file")
    assert_unreadable(cli("validate", "/dev/zero", timeout=30), "non è un file normale")


def test_a_folder_is_a_folder_not_a_missing_file(tmp_path):
    folder = tmp_path / "cartella.gpkg"
    folder.mkdir()
    for command in ("check-bundle", "validate", "import-bundle"):
        args = (folder,) if command != "import-bundle" else (folder, folder)
        result = cli(command, *args)
        assert_unreadable(result, "cartella")
        assert "non esiste" not in result.stderr + result.stdout


# -- headers, zips, polyglots ------------------------------------------------------------------
def test_polyglot_geopackage_and_zip_is_refused(tmp_path, bundle):
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("REMIX_CMM_20250301_01.gpkg", bundle.read_bytes())
    polyglot = tmp_path / "REMIX_CMM_20250301_02.gpkg"
    polyglot.write_bytes(bundle.read_bytes() + inner.read_bytes())  # SQLite head, zip tail
    assert sqlite3.connect(polyglot).execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert zipfile.is_zipfile(polyglot)
    report = check_bundle(polyglot)
    assert report.exit_code == 2 and codes(report) == ["polyglot"], codes(report)
    assert_unreadable(cli("check-bundle", polyglot), "insieme un database SQLite e uno zip")
    with pytest.raises(RemixFileError) as caught:
        sniff(polyglot)
    assert caught.value.code == "polyglot"


def test_truncated_zip_is_a_damaged_zip(tmp_path, bundle):
    good = tmp_path / "REMIX_CMM_20250301_01.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(bundle, "REMIX_CMM_20250301_01.gpkg")
    data = good.read_bytes()
    for cut in (len(data) // 2, len(data) - 10):
        broken = tmp_path / "broken.zip"
        broken.write_bytes(data[:cut])
        report = check_bundle(broken)
        assert report.exit_code == 2 and codes(report) == ["bad_zip"], (cut, codes(report))
        assert "zip" in report.findings[-1].message_it.lower()
        assert_unreadable(cli("check-bundle", broken), "zip danneggiato")


def test_damaged_zip_entry_crc(tmp_path, bundle):
    good = tmp_path / "REMIX_CMM_20250301_01.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_STORED) as archive:
        archive.write(bundle, "REMIX_CMM_20250301_01.gpkg")
    data = bytearray(good.read_bytes())
    data[5000] ^= 0xFF  # a byte of the stored GeoPackage: the CRC no longer matches
    good.write_bytes(bytes(data))
    report = check_bundle(good)
    assert report.exit_code == 2 and codes(report) == ["bad_zip"], codes(report)


def test_encrypted_and_unsupported_entries(tmp_path, bundle):
    encrypted = tmp_path / "REMIX_CMM_20250301_01.zip"
    with zipfile.ZipFile(encrypted, "w") as archive:
        archive.write(bundle, "REMIX_CMM_20250301_01.gpkg")
    data = bytearray(encrypted.read_bytes())
    for offset in (6, data.rfind(b"PK\x01\x02") + 8):  # general purpose flag: local + central header
        data[offset] |= 0x01
    encrypted.write_bytes(bytes(data))
    report = check_bundle(encrypted)
    assert report.exit_code == 2 and codes(report) == ["zip_encrypted"], codes(report)
    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        other = tmp_path / f"method{method}.zip"
        with zipfile.ZipFile(other, "w", method) as archive:
            archive.write(bundle, "REMIX_CMM_20250301_01.gpkg")
        report = check_bundle(other)
        assert report.exit_code == 2 and codes(report) == ["zip_method"], codes(report)
        assert_unreadable(cli("check-bundle", other, "--lang", "en"), "unsupported compression method")


def test_zip_bomb_is_refused_before_extraction(tmp_path):
    size = RATIO_CHECKED_ABOVE * 2  # 128 MiB of zeros compress to about 130 KB
    bomb = tmp_path / "REMIX_CMM_20250301_01.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("REMIX_CMM_20250301_01.gpkg", "w", force_zip64=True) as entry:
            entry.write(b"SQLite format 3\x00" + b"\x00" * 84)
            chunk = b"\x00" * (1 << 20)
            for _ in range(size // len(chunk)):
                entry.write(chunk)
    info = zipfile.ZipFile(bomb).infolist()[0]
    assert info.file_size / info.compress_size > MAX_COMPRESSION_RATIO
    before = _temp_usage()
    report = check_bundle(bomb)
    assert report.exit_code == 2 and codes(report) == ["zip_too_large"], codes(report)
    assert _temp_usage() - before < 1 << 20  # nothing was extracted


def _temp_usage():
    import tempfile

    return sum(
        f.stat().st_size
        for f in Path(tempfile.gettempdir()).glob("remix-input-*/*")
        if f.is_file()
    )


def test_zip_entry_that_is_not_sqlite_is_not_extracted(tmp_path):
    fake = tmp_path / "REMIX_CMM_20250301_01.zip"
    with zipfile.ZipFile(fake, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("REMIX_CMM_20250301_01.gpkg", b"<html>" + b"x" * 100_000)
    report = check_bundle(fake)
    assert report.exit_code == 2 and codes(report) == ["not_geopackage"]


def test_snapshot_is_private_and_read_only(bundle):
    with private_snapshot(bundle) as copy_path:
        assert copy_path != bundle and copy_path.read_bytes() == bundle.read_bytes()
        assert oct(copy_path.stat().st_mode & 0o777) == "0o400"
        assert oct(copy_path.parent.stat().st_mode & 0o777) == "0o700"
    assert not copy_path.exists() and not copy_path.parent.exists()


# -- what SQLite cannot read -------------------------------------------------------------------
def test_virtual_table_of_unknown_module(tmp_path, bundle, remix_gpkg):
    for original in (bundle, remix_gpkg):
        hostile = copy(original, "virtual_" + original.name)
        connection = sqlite3.connect(hostile)
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES "
            "('table', 'spia', 'spia', 0, 'CREATE VIRTUAL TABLE spia USING modulo_ignoto(a, b)')"
        )
        connection.commit()
        connection.close()
        command = "check-bundle" if original == bundle else "validate"
        assert_unreadable(cli(command, hostile), "tabella virtuale", "modulo_ignoto")
        assert_unreadable(cli(command, hostile, "--lang", "en"), "virtual")


def test_text_that_is_not_utf8(tmp_path, bundle, remix_gpkg):
    hostile = copy(bundle, "REMIX_CMM_20250301_03.gpkg")
    connection = sqlite3.connect(hostile)
    connection.execute("UPDATE progetti SET titolo = CAST(x'4369747466e0ff' AS TEXT)")
    connection.commit()
    connection.close()
    report = check_bundle(hostile)
    assert report.exit_code == 2 and codes(report)[-1] == "encoding", codes(report)
    assert_unreadable(cli("check-bundle", hostile), "UTF-8")
    local = copy(remix_gpkg, "latin1.gpkg")
    connection = sqlite3.connect(local)
    connection.execute("UPDATE remix_metadata SET value = CAST(x'e0e8ec' AS TEXT) WHERE key = 'crs'")
    connection.commit()
    connection.close()
    assert_unreadable(cli("validate", local), "UTF-8")


@pytest.mark.parametrize("value", ["'testo'", "42", "4.5"])
def test_wrong_storage_class_in_geometry_column(tmp_path, bundle, value):
    hostile = copy(bundle, "REMIX_CMM_20250301_04.gpkg")
    connection = sqlite3.connect(hostile)
    connection.execute("DROP TRIGGER IF EXISTS rtree_lavori_geom_update1")
    connection.execute("DROP TRIGGER IF EXISTS rtree_lavori_geom_update2")
    connection.execute("DROP TRIGGER IF EXISTS rtree_lavori_geom_update3")
    connection.execute("DROP TRIGGER IF EXISTS rtree_lavori_geom_update4")
    connection.execute("UPDATE lavori SET geom = " + value)  # noqa: S608 (fixed test values)
    connection.commit()
    connection.close()
    report = check_bundle(hostile)
    assert report.exit_code == 2 and codes(report)[-1] == "geometry_storage", codes(report)
    assert_unreadable(cli("check-bundle", hostile), "non sono binarie")


def test_locked_file_is_in_use_not_damaged(tmp_path, bundle, remix_gpkg):
    for original, command in ((bundle, "check-bundle"), (remix_gpkg, "validate")):
        locked = copy(original, "locked_" + original.name)
        holder = sqlite3.connect(locked)
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE gpkg_contents SET description = 'x'")
        try:
            result = cli(command, locked)
        finally:
            holder.rollback()
            holder.close()
        assert_unreadable(result, "in uso")
        assert "danneggiato" not in result.stderr + result.stdout


def test_sqlite_header_only_and_empty_files(tmp_path):
    cases = ((b"", "non è un GeoPackage"), (b"SQLite format 3\x00" + b"\x00" * 20, "danneggiato"))
    for content, word in cases:
        path = tmp_path / "REMIX_CMM_20250301_05.gpkg"
        path.write_bytes(content)
        assert_unreadable(cli("check-bundle", path), word)
        assert_unreadable(cli("validate", path), word)


def test_zip_signature_by_chance_in_a_geopackage_is_not_a_polyglot(tmp_path, bundle):
    """"PK\\5\\6" can occur in a page (a title, a blob): only a zip that really parses is a zip."""
    lucky = tmp_path / "REMIX_CMM_20250301_06.gpkg"
    lucky.write_bytes(bundle.read_bytes())
    connection = sqlite3.connect(lucky)
    connection.execute("CREATE TABLE zz (x BLOB)")
    connection.execute("INSERT INTO zz VALUES (?)", (b"PK\x05\x06" + b"\x00" * 18,))
    connection.commit()
    connection.close()
    assert zipfile.is_zipfile(lucky)  # what the checker used to trust
    assert sniff(lucky) == "sqlite"
