"""Backup copies of a RE.MIX GeoPackage, for the upgrade and for the import of a bundle.

No QGIS needed. The copy is made with SQLite's backup API (safe while QGIS holds the file open
in WAL mode: a plain file copy can lose committed rows still in the -wal file), its stored QGIS
project is made to read the backup itself, and it is published under a name nobody else holds.
"""

import datetime
import os
import sqlite3
import tempfile
from pathlib import Path

from .stored_project import retarget_stored_project


def sqlite_backup(source_path, destination_path):
    """Copy a GeoPackage with SQLite's backup API, read-only on the source: rows still in its
    -wal file (QGIS keeps edited files in WAL) are copied too."""
    source = sqlite3.connect(Path(source_path).resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0)
    try:
        destination = sqlite3.connect(str(destination_path))
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()


def backup_name(target, attempt, stamp=None):
    """``X.backup-<stamp>[-<attempt>].gpkg`` beside ``target`` (stamp: local time to the second)."""
    stamp = stamp or datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    extra = f"-{attempt}" if attempt else ""
    return target.with_name(f"{target.stem}.backup-{stamp}{extra}{target.suffix}")


def exclusive_backup(target, naming=backup_name, attempts=100):
    """A complete, flushed copy of ``target`` under a new name nobody else holds; returns it.

    ``naming(target, attempt)`` proposes the names, tried in turn. The copy is made in a private
    folder beside the target, then published with ``os.link``, which never follows or reuses
    whatever is at the name (a link, a file): the next name is tried instead. Where hard links
    are not available the name is created with O_CREAT | O_EXCL | O_NOFOLLOW.
    Raises sqlite3.Error or OSError (FileExistsError when every name is taken)."""
    target = Path(target)
    private = Path(tempfile.mkdtemp(prefix=".remix-backup-", dir=target.parent))
    copy = private / "backup.gpkg"
    try:
        sqlite_backup(target, copy)
        for attempt in range(attempts):
            name = naming(target, attempt)
            retarget_stored_project(copy, target, final_path=name)  # the backup opens as itself
            _fsync_path(copy)
            if _publish(copy, name):
                if os.name == "posix":
                    _fsync_path(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
                return name
        raise FileExistsError(f"no free backup name beside {target}")
    finally:
        for leftover in private.iterdir():
            leftover.unlink()
        private.rmdir()


def _fsync_path(path, flags=os.O_RDONLY):
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _publish(copy, name):
    """Give the finished copy the name ``name`` if nothing is there; False when the name is taken."""
    try:
        os.link(copy, name)
        return True
    except FileExistsError:
        return False
    except OSError:  # no hard links here (some network or FAT folders): exclusive create + copy
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            descriptor = os.open(name, flags, 0o644)
        except FileExistsError:
            return False
        try:
            with open(copy, "rb") as source, os.fdopen(descriptor, "wb") as sink:
                descriptor = None
                while True:
                    chunk = source.read(1 << 20)
                    if not chunk:
                        break
                    sink.write(chunk)
                sink.flush()
                os.fsync(sink.fileno())
        except BaseException:
            if descriptor is not None:
                os.close(descriptor)
            Path(name).unlink()
            raise
        return True
