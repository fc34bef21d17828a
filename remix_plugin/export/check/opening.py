"""Opening a bundle for the check: the file (or the .gpkg inside a zip) through ``inputs``, then a
read-only SQLite connection that has passed quick_check and is a GeoPackage."""

import contextlib
import sqlite3
from pathlib import Path

from ... import inputs
from ...layers.errors import RemixFileError
from ...layers.inspect import GPKG_APPLICATION_ID
from .report import BundleUnreadable

TABLE_NAMES = "SELECT name FROM sqlite_master WHERE type = 'table'"
VIEW_NAMES = "SELECT name FROM sqlite_master WHERE type = 'view'"


@contextlib.contextmanager
def open_bundle(path, snapshot=False):
    """Yield the path of a readable .gpkg: the file itself (``snapshot`` False), or a private
    read-only copy of it or of the one inside a zip (removed afterwards). Every check of
    ``inputs`` applies: regular file only, SQLite header, no polyglot, zip sanity."""
    try:
        with inputs.geopackage_of(path, snapshot=snapshot) as gpkg:
            yield gpkg
    except RemixFileError as exc:
        raise BundleUnreadable(exc.code, exc.message_it, exc.message_en) from exc


def unreadable(exc, name):
    """BundleUnreadable for an SQLite error met while reading ``name``."""
    error = inputs.sqlite_error(exc, name)
    return BundleUnreadable(error.code, error.message_it, error.message_en)


def read_only_uri(path):
    return Path(path).resolve().as_uri() + "?mode=ro"


def connect(path):
    """(read-only connection, set of table names); BundleUnreadable when the file is not a sound
    GeoPackage."""
    name = Path(path).name
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=2.0)
        connection.execute("PRAGMA query_only = 1")
        inputs.check_virtual_tables(connection, name)
        check = connection.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise sqlite3.DatabaseError(check[0] if check else "quick_check failed")
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in connection.execute(TABLE_NAMES)}
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise unreadable(exc, name) from exc
    except RemixFileError as exc:
        raise BundleUnreadable(exc.code, exc.message_it, exc.message_en) from exc
    if app_id != GPKG_APPLICATION_ID or "gpkg_contents" not in tables:
        connection.close()
        raise BundleUnreadable(
            "not_geopackage",
            "È un database SQLite ma non un GeoPackage.",
            "It is an SQLite database but not a GeoPackage.",
        )
    return connection, tables
