#!/usr/bin/env python3
"""Build dist/remix_plugin.zip, the file uploaded to plugins.qgis.org / installed from ZIP.

Layout: one top folder ``remix_plugin/`` with the package sources, ``metadata.txt`` staged from the
repository root (its single source), ``LICENSE``, the compiled ``.qm`` translations (Qt, in QGIS)
and the ``.ts`` they come from (``i18n.catalogue`` reads it without Qt: the CLI, the core's
``RemixError`` and findings in Italian). Left out: ``__pycache__``, ``*.pyc``, tests and
editor/OS litter. The zip is
deterministic: sorted entries, fixed timestamps and permissions.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import translations  # noqa: E402

PLUGIN = "remix_plugin"
SOURCE_DIR = ROOT / PLUGIN
DEFAULT_OUTPUT = ROOT / "dist" / f"{PLUGIN}.zip"
ROOT_FILES = ("metadata.txt", "LICENSE")  # staged into the top folder
EXCLUDED_DIRS = {"__pycache__", "tests", "test", ".git", "__MACOSX", ".pytest_cache", ".ruff_cache",
                 ".hypothesis", ".mypy_cache", ".idea", ".vscode"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".orig", ".rej", ".swp", ".bak", ".pro", ".qrc"}
EXCLUDED_NAMES = {".DS_Store", "Thumbs.db", ".gitignore", ".gitkeep", "resources_rc.py"}
FIXED_DATE = (2020, 5, 4, 0, 0, 0)  # the RE.MIX presentation; any constant keeps builds identical


def included(rel: Path) -> bool:
    if any(part in EXCLUDED_DIRS for part in rel.parts[:-1]):
        return False
    name = rel.name
    return not (name in EXCLUDED_NAMES or rel.suffix in EXCLUDED_SUFFIXES or name.endswith("~"))


def plugin_files(source_dir: Path = SOURCE_DIR):
    """(archive name, file path) pairs, sorted by archive name."""
    entries = {}
    for path in source_dir.rglob("*"):
        rel = path.relative_to(source_dir)
        if path.is_file() and included(rel):
            entries[f"{PLUGIN}/{rel.as_posix()}"] = path
    for name in ROOT_FILES:
        entries[f"{PLUGIN}/{name}"] = ROOT / name
    return sorted(entries.items())


def build(output: Path = DEFAULT_OUTPUT, compile_translations: bool = True) -> Path:
    if compile_translations:
        translations.release(quiet=True)
    if not list((SOURCE_DIR / "i18n").glob("*.qm")):
        raise SystemExit("no compiled translations (.qm): run `make translations`")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for arcname, path in plugin_files():
            info = zipfile.ZipInfo(arcname, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o644 & 0xFFFF) << 16
            info.create_system = 3  # unix, so the permissions above are honoured
            zf.writestr(info, path.read_bytes())
    tmp.replace(output)
    return output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--no-translations", action="store_true", help="use the existing .qm files")
    args = parser.parse_args(argv)
    out = build(args.output, compile_translations=not args.no_translations)
    with zipfile.ZipFile(out) as zf:
        count = len(zf.namelist())
    print(f"built {out} ({count} files, {out.stat().st_size / 1024:.1f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
