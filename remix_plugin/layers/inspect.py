"""Tell what a file is before anything opens it for writing: a RE.MIX GeoPackage of which
schema version, an older one to upgrade, a newer or foreign one to refuse, or a broken file.

Uses only the standard library's sqlite3 in read-only mode, so the headless checker can use
it too, and nothing here can modify the user's file.
"""

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .. import sql
from .errors import RemixFileError
from .model import METADATA_TABLE, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
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
    if not path.exists():
        raise RemixFileError("missing", f"Il file {path} non esiste.", f"The file {path} does not exist.")
    if path.is_dir():
        raise RemixFileError("not_a_file", f"{path} è una cartella, non un GeoPackage.",
                             f"{path} is a folder, not a GeoPackage.")
    if not os.access(path, os.R_OK):
        raise RemixFileError("unreadable", f"Il file {path} non è leggibile (permessi).",
                             f"The file {path} cannot be read (permissions).")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise RemixFileError("unreadable", f"Impossibile leggere {path}: {exc}.",
                             f"Cannot read {path}: {exc}.") from exc
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise RemixFileError("not_geopackage",
                             f"{path.name} non è un GeoPackage (non è un database SQLite).",
                             f"{path.name} is not a GeoPackage (not an SQLite database).")
    try:
        connection = connect_read_only(path)
    except sqlite3.Error as exc:
        raise RemixFileError("unreadable", f"Impossibile aprire {path.name}: {exc}.",
                             f"Cannot open {path.name}: {exc}.") from exc
    try:
        return _inspect(connection, path)
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise RemixFileError("locked",
                                 f"{path.name} è bloccato da un altro programma: chiudilo e riprova.",
                                 f"{path.name} is locked by another program: close it and retry.") from exc
        raise RemixFileError("corrupt",
                             f"{path.name} è danneggiato o incompleto ({exc}).",
                             f"{path.name} is damaged or incomplete ({exc}).") from exc
    finally:
        connection.close()


def _inspect(connection, path):
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
