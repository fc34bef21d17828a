"""Tell what a file is before anything opens it for writing: a RE.MIX GeoPackage of which
schema version, an older one to upgrade, a newer or foreign one to refuse, or a broken file.

Uses only the standard library's sqlite3 in read-only mode, so the headless checker can use
it too, and nothing here can modify the user's file.
"""

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .. import sql
from ..inputs import SQLITE_HEADER, check_virtual_tables, sniff, sqlite_error
from .errors import RemixFileError
from .model import METADATA_TABLE, SCHEMA_VERSION

__all__ = ("SQLITE_HEADER", "GPKG_APPLICATION_ID", "RemixFileInfo", "connect_read_only", "inspect_geopackage")
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"


@dataclass
class RemixFileInfo:
    path: Path
    schema_version: int
    scheme_version: str = ""
    crs: str = ""
    metadata: dict = field(default_factory=dict)
    tables: list = field(default_factory=list)

    @property
    def needs_upgrade(self):
        return self.schema_version < SCHEMA_VERSION


def connect_read_only(path):
    """A read-only sqlite3 connection that never creates, writes or journals the file."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=2.0)
    connection.execute("PRAGMA query_only = 1")
    return connection


def inspect_geopackage(path):
    """Return a RemixFileInfo, or raise RemixFileError saying (in it/en) what is wrong."""
    path = Path(path)
    sniff(path)  # a regular file, an SQLite database, not a polyglot (else RemixFileError)
    try:
        connection = connect_read_only(path)
    except sqlite3.Error as exc:
        raise sqlite_error(exc, path.name) from exc
    try:
        return _inspect(connection, path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise sqlite_error(exc, path.name) from exc
    finally:
        connection.close()


def _inspect(connection, path):
    check_virtual_tables(connection, path.name)
    check = connection.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise sqlite3.DatabaseError(check[0] if check else "quick_check failed")
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    if app_id != GPKG_APPLICATION_ID or "gpkg_contents" not in tables:
        raise RemixFileError("not_geopackage",
                             f"{path.name} è un database SQLite ma non un GeoPackage.",
                             f"{path.name} is an SQLite database but not a GeoPackage.")
    if METADATA_TABLE not in tables:
        raise RemixFileError("not_remix",
                             f"{path.name} è un GeoPackage ma non un GeoPackage RE.MIX "
                             f"(manca la tabella {METADATA_TABLE}).",
                             f"{path.name} is a GeoPackage but not a RE.MIX one "
                             f"(the {METADATA_TABLE} table is missing).")
    metadata = dict(connection.execute(sql.select(METADATA_TABLE, ("key", "value"))).fetchall())
    try:
        schema_version = int(metadata.get("schema_version", ""))
    except ValueError:
        raise RemixFileError("not_remix",
                             f"{path.name}: versione dello schema RE.MIX illeggibile.",
                             f"{path.name}: unreadable RE.MIX schema version.") from None
    if schema_version > SCHEMA_VERSION:
        raise RemixFileError("newer_version",
                             f"{path.name} è stato creato da una versione più recente del plugin RE.MIX "
                             f"(schema {schema_version}, questo plugin gestisce fino allo schema "
                             f"{SCHEMA_VERSION}): aggiorna il plugin.",
                             f"{path.name} was made by a newer version of the RE.MIX plugin "
                             f"(schema {schema_version}, this plugin handles up to schema "
                             f"{SCHEMA_VERSION}): update the plugin.")
    return RemixFileInfo(path, schema_version, metadata.get("scheme_version", ""),
                         metadata.get("crs", ""), metadata, tables)
