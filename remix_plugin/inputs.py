"""The one door through which the plugin reads a file it did not write (QGIS-free core).

Every input (a GeoPackage to validate or to import into, a bundle ``.gpkg`` or ``.zip``) is first
opened here by descriptor and looked at before SQLite, GDAL or ``zipfile`` see it:

- only a regular file is read (a folder, a device such as ``/dev/zero``, a pipe or a socket is
  refused without reading it: the descriptor is opened non-blocking, then ``fstat`` decides);
- its first bytes say what it is: an SQLite database, a zip, or neither; a file that is both an
  SQLite database and a zip (a polyglot) is refused, never certified by looking at one half;
- a zip is taken apart entry by entry: one ``.gpkg`` entry, no unsafe names or links, no
  encrypted or unsupported entry, a sane size and compression ratio, an SQLite header before a
  single byte is extracted, and never more bytes written than the entry declares;
- ``private_snapshot`` copies the input once into a private temporary folder, so what is checked
  and what is then used are the very same bytes (nothing is reopened by the user's path).

SQLite errors become one RemixFileError each (``sqlite_error``): a locked file is "in uso", a
damaged one "danneggiato", text that is not UTF-8, a virtual table of an unknown module.
"""

import contextlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path

from .i18n import BOTH, tr
from .layers.errors import RemixFileError

SQLITE_HEADER = b"SQLite format 3\x00"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
MAX_INPUT_BYTES = 8 * 1024**3  # a GeoPackage larger than this is not a RE.MIX file
MAX_UNZIPPED_BYTES = 4 * 1024**3
# a bundle GeoPackage compresses about 3-20x; far more is a zip bomb (checked above 64 MiB only,
# so that a small, mostly empty GeoPackage is never refused)
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE = 64 * 1024**2
SUPPORTED_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
KNOWN_VIRTUAL_MODULES = ("rtree",)
_CHUNK = 1 << 20
_VIRTUAL_RE = re.compile(
    r"^\s*create\s+virtual\s+table\s+.+?\s+using\s+([A-Za-z0-9_]+)", re.IGNORECASE | re.DOTALL
)


def _error(code, text, **values):
    """The RemixFileError of a ``tr(…, language=BOTH)`` text, its placeholders filled."""
    return RemixFileError(code, *text.format(**values))


def open_regular(path):
    """Open ``path`` read-only by descriptor and return (descriptor, stat result).

    Raises RemixFileError for a missing path, a folder, anything that is not a regular file, a
    file that cannot be read, or one larger than MAX_INPUT_BYTES."""
    path = Path(path)
    flags = os.O_RDONLY
    for extra in ("O_NONBLOCK", "O_BINARY", "O_CLOEXEC"):  # a pipe must not block the open itself
        flags |= getattr(os, extra, 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise _error("missing", tr("The file {path} does not exist.", language=BOTH), path=path) from None
    except IsADirectoryError:
        raise _folder(path) from None
    except PermissionError:
        raise _error("unreadable", tr("The file {path} cannot be read (permissions).", language=BOTH),
                     path=path) from None
    except OSError as exc:
        raise _error("unreadable", tr("Cannot open {path}: {reason}.", language=BOTH),
                     path=path, reason=exc.strerror) from exc
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise _folder(path)
        if not stat.S_ISREG(info.st_mode):
            raise _error("not_regular",
                         tr("{path} is not a regular file (device, pipe or socket): it is not read.",
                            language=BOTH),
                         path=path)
        if info.st_size > MAX_INPUT_BYTES:
            raise _error("too_large", tr("{name} is too large ({size} bytes).", language=BOTH),
                         name=path.name, size=info.st_size)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, info


def _folder(path):
    return _error("not_a_file", tr("{path} is a folder, not a file.", language=BOTH), path=path)


def _read_at(descriptor, offset, size):
    os.lseek(descriptor, offset, os.SEEK_SET)
    return os.read(descriptor, size)


def sniff(path):
    """What the file at ``path`` is: "sqlite" or "zip" (RemixFileError otherwise, or when it is
    both: a polyglot file)."""
    descriptor, _info = open_regular(path)
    try:
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            return _kind(Path(path), handle)
    finally:
        os.close(descriptor)


def _kind(path, handle):
    handle.seek(0)
    header = handle.read(100)
    is_sqlite = len(header) == 100 and header.startswith(SQLITE_HEADER)
    handle.seek(0)
    is_zip = zipfile.is_zipfile(handle)
    if is_sqlite and is_zip:  # four bytes "PK\5\6" in the last page can be chance: must really parse
        is_zip = _parses_as_zip(handle)
    if is_sqlite and is_zip:
        raise _error("polyglot", tr("{name} is both an SQLite database and a zip: file refused.",
                                    language=BOTH),
                     name=path.name)
    if is_sqlite:
        return "sqlite"
    if is_zip:
        return "zip"
    if header.startswith(ZIP_MAGICS):
        raise _error("bad_zip", tr("{name}: damaged or incomplete zip (truncated?).", language=BOTH),
                     name=path.name)
    truncated = 0 < len(header) < 100 and SQLITE_HEADER.startswith(header[:16])
    if header.startswith(SQLITE_HEADER[:15]) or truncated:
        raise _error("corrupt", tr("{name} is damaged or incomplete (truncated SQLite header).",
                                   language=BOTH),
                     name=path.name)
    raise _error("not_geopackage", tr("{name} is not a GeoPackage (not an SQLite database).", language=BOTH),
                 name=path.name)


def _parses_as_zip(handle):
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


# -- zip ---------------------------------------------------------------------------------------
def _unsafe_entry(info):
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
        return "path"
    mode = (info.external_attr >> 16) & 0o170000
    if mode == stat.S_IFLNK:
        return "symlink"
    return ""


def _zip_entry(path, archive):
    for info in archive.infolist():
        problem = _unsafe_entry(info)
        if problem:
            why = (tr("symbolic link", language=BOTH) if problem == "symlink"
                   else tr("path with .. or absolute", language=BOTH))
            raise _error("unsafe_zip", tr("Zip refused: entry {entry!r} points outside the folder ({why}).",
                                          language=BOTH), entry=info.filename, why=why)
    entries = [i for i in archive.infolist() if i.filename.lower().endswith(".gpkg") and not i.is_dir()]
    if len(entries) != 1:
        raise _error("zip_content", tr("The zip must hold exactly one .gpkg (it holds {count}).",
                                       language=BOTH),
                     count=len(entries))
    entry = entries[0]
    if entry.flag_bits & 0x1:
        raise _error("zip_encrypted", tr("{name}: the entry {entry!r} is encrypted (password protected).",
                                         language=BOTH),
                     name=path.name, entry=entry.filename)
    if entry.compress_type not in SUPPORTED_ZIP_METHODS:
        raise _error("zip_method", tr("{name}: the entry {entry!r} uses an unsupported compression method "
                                      "({method}); use a plain (deflate) zip.", language=BOTH),
                     name=path.name, entry=entry.filename, method=entry.compress_type)
    ratio = entry.file_size / max(entry.compress_size, 1)
    if entry.file_size > MAX_UNZIPPED_BYTES or (
        entry.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_COMPRESSION_RATIO
    ):
        raise _too_large_zip()
    return entry


def _too_large_zip():
    return _error("zip_too_large",
                  tr("The GeoPackage inside the zip is too large or too highly compressed (zip bomb?).",
                     language=BOTH))


def _extract(path, archive, entry, target):
    """Copy the entry to ``target`` (created exclusively), never more than it declares."""
    written = 0
    try:
        with archive.open(entry) as source, open(target, "xb") as sink:
            header = source.read(100)
            if len(header) < 100 or not header.startswith(SQLITE_HEADER):
                raise _error("not_geopackage",
                             tr("{name}: the .gpkg inside the zip is not an SQLite database.",
                                language=BOTH),
                             name=path.name)
            sink.write(header)
            written = len(header)
            while True:
                chunk = source.read(_CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                if written > entry.file_size or written > MAX_UNZIPPED_BYTES:
                    raise _too_large_zip()
                sink.write(chunk)
            sink.flush()
            os.fsync(sink.fileno())
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _error("bad_zip", tr("{name}: damaged zip ({error}).", language=BOTH),
                     name=path.name, error=exc) from exc
    except NotImplementedError as exc:
        raise _error("zip_method", tr("{name}: unsupported zip entry ({error}).", language=BOTH),
                     name=path.name, error=exc) from exc
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise _error("zip_encrypted", tr("{name}: encrypted zip entry ({error}).", language=BOTH),
                     name=path.name, error=exc) from exc


def _copy_descriptor(path, descriptor, size, target):
    copied = 0
    with os.fdopen(os.dup(descriptor), "rb") as source, open(target, "xb") as sink:
        source.seek(0)
        while True:
            chunk = source.read(_CHUNK)
            if not chunk:
                break
            copied += len(chunk)
            if copied > MAX_INPUT_BYTES:
                raise _error("too_large", tr("{name} is too large.", language=BOTH), name=path.name)
            sink.write(chunk)
        sink.flush()
        os.fsync(sink.fileno())
    if copied != size:
        raise _error("changed", tr("{name} changed while it was read: retry.", language=BOTH), name=path.name)


@contextlib.contextmanager
def private_folder(prefix="remix-"):
    folder = tempfile.mkdtemp(prefix=prefix)  # mode 0700, a fresh name
    try:
        yield Path(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def geopackage_of(path, snapshot=False):
    """Yield the path of a GeoPackage to read for the input at ``path``: the file itself (a
    regular SQLite file, ``snapshot`` False), or a private copy (``snapshot`` True, and always
    for the GeoPackage inside a zip). The private copy is removed afterwards."""
    path = Path(path)
    descriptor, info = open_regular(path)
    try:
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            kind = _kind(path, handle)
            if kind == "sqlite" and not snapshot:
                os.close(descriptor)
                descriptor = None
                yield path
                return
            with private_folder("remix-input-") as folder:
                target = folder / "input.gpkg"  # our own name, never the entry's
                try:
                    if kind == "zip":
                        handle.seek(0)
                        try:
                            archive = zipfile.ZipFile(handle)
                        except (zipfile.BadZipFile, OSError, ValueError) as exc:
                            raise _error("bad_zip", tr("{name}: damaged zip ({error}).", language=BOTH),
                                         name=path.name, error=exc) from exc
                        with archive:
                            _extract(path, archive, _zip_entry(path, archive), target)
                    else:
                        _copy_descriptor(path, descriptor, info.st_size, target)
                except OSError as exc:  # the temporary folder is full or limited
                    reason = exc.strerror or str(exc)
                    raise _error("write_failed", tr("Cannot copy {name} into the temporary folder: {reason} "
                                                    "(disk full?).", language=BOTH),
                                 name=path.name, reason=reason) from exc
                os.chmod(target, 0o400)  # nothing of ours writes it: a read-only snapshot
                yield target
    finally:
        if descriptor is not None:
            os.close(descriptor)


def private_snapshot(path):
    """A private, read-only copy of the input (a .gpkg or the .gpkg inside a .zip)."""
    return geopackage_of(path, snapshot=True)


# -- errors ------------------------------------------------------------------------------------
def write_error(exc, path):
    """A RemixFileError for an OSError while writing ``path`` (full disk, file size limit,
    permissions), with the original reason."""
    path = Path(path)
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return _error("unwritable", tr("Cannot write in {folder}: permission denied.", language=BOTH),
                      folder=path.parent)
    return _error("write_failed", tr("Writing {name} failed: {reason} (disk full?).", language=BOTH),
                  name=path.name, reason=reason)


def sqlite_error(exc, name):
    """One RemixFileError for an SQLite (or decoding) error met while reading the file ``name``."""
    text = str(exc)
    lower = text.lower()
    if isinstance(exc, UnicodeDecodeError) or "decode" in lower or "utf-8" in lower:
        return _error("encoding", tr("{name}: holds text that is not valid UTF-8 ({error}).", language=BOTH),
                      name=name, error=text)
    if "locked" in lower or "busy" in lower:
        return _error("locked", tr("{name} is in use by another program (locked): close it and retry.",
                                   language=BOTH),
                      name=name)
    if "no such module" in lower:
        return _error("virtual_table", tr("{name}: holds a virtual table of an unknown module ({error}).",
                                          language=BOTH),
                      name=name, error=text)
    if "disk is full" in lower or "disk i/o" in lower:
        return _error("write_failed", tr("{name}: writing failed ({error}; disk full?).", language=BOTH),
                      name=name, error=text)
    if "readonly" in lower or "read-only" in lower or "unable to open" in lower:
        return _error("unwritable", tr("{name}: file or folder not writable ({error}).", language=BOTH),
                      name=name, error=text)
    return _error("corrupt", tr("{name} is damaged or incomplete ({error}).", language=BOTH),
                  name=name, error=text)


def check_virtual_tables(connection, name):
    """Refuse a virtual table of a module other than the known ones (it cannot be read, and an
    unexpected module is not something a GeoPackage needs)."""
    for table, text in connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        match = _VIRTUAL_RE.match(text or "")
        if match and match.group(1).lower() not in KNOWN_VIRTUAL_MODULES:
            raise _error("virtual_table",
                         tr("{name}: {table!r} is a virtual table of the unknown module {module!r}.",
                            language=BOTH), name=name, table=table, module=match.group(1))
