#!/usr/bin/env python3
"""Install the built plugin (dist/remix_plugin.zip) into a QGIS profile.

Target, first match wins:
  --plugins-dir DIR / $PLUGINS_DIR          the python/plugins folder itself
  --profile-dir DIR / $PROFILE_DIR          a profile folder; plugins go to DIR/python/plugins
  --profile NAME / $QGIS_PROFILE            ~/.local/share/QGIS/QGIS3/profiles/NAME/python/plugins
  default                                   ~/.local/share/QGIS/QGIS3/profiles/default/python/plugins
Also used by the demo, the benchmark and the end-to-end tests to fill temporary profiles.
The previous copy of the plugin is replaced. Extraction refuses absolute and ``..`` paths.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import zipfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "remix_plugin"
DEFAULT_ZIP = ROOT / "dist" / f"{PLUGIN}.zip"
PROFILES_ROOT = Path.home() / ".local" / "share" / "QGIS" / "QGIS3" / "profiles"


def plugins_dir_from(plugins_dir=None, profile_dir=None, profile=None) -> Path:
    plugins_dir = plugins_dir or os.environ.get("PLUGINS_DIR")
    if plugins_dir:
        return Path(plugins_dir).expanduser()
    profile_dir = profile_dir or os.environ.get("PROFILE_DIR")
    if profile_dir:
        return Path(profile_dir).expanduser() / "python" / "plugins"
    profile = profile or os.environ.get("QGIS_PROFILE") or "default"
    return PROFILES_ROOT / profile / "python" / "plugins"


def safe_extract(zip_path: Path, target: Path):
    """Extract member by member, refusing paths that would leave ``target``."""
    target = target.resolve()
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            name = PurePosixPath(info.filename)
            if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
                raise SystemExit(f"refusing unsafe path in {zip_path}: {info.filename}")
            dest = (target / Path(*name.parts)).resolve()
            if target not in dest.parents and dest != target:
                raise SystemExit(f"refusing unsafe path in {zip_path}: {info.filename}")
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(dest, "wb") as out:
                shutil.copyfileobj(src, out)


def install(plugins_dir: Path, zip_path: Path = DEFAULT_ZIP) -> Path:
    if not zip_path.is_file():
        raise SystemExit(f"{zip_path} not found: run `make package` first")
    plugins_dir.mkdir(parents=True, exist_ok=True)
    installed = plugins_dir / PLUGIN
    if installed.is_symlink() or installed.is_file():
        installed.unlink()
    elif installed.exists():
        shutil.rmtree(installed)
    safe_extract(zip_path, plugins_dir)
    return installed


def enable_in_profile(profile_dir: Path, extra_ini: str = ""):
    """Mark the plugin enabled in a profile's QGIS/QGIS3.ini (created or appended to)."""
    ini = profile_dir / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    text = ini.read_text(encoding="utf-8") if ini.exists() else ""
    if f"{PLUGIN}=true" not in text:
        text += f"\n[PythonPlugins]\n{PLUGIN}=true\n"
    ini.write_text(text + extra_ini, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--zip", type=Path, default=DEFAULT_ZIP)
    parser.add_argument("--plugins-dir")
    parser.add_argument("--profile-dir")
    parser.add_argument("--profile")
    args = parser.parse_args(argv)
    target = plugins_dir_from(args.plugins_dir, args.profile_dir, args.profile)
    installed = install(target, args.zip)
    print(f"installed {args.zip.name} into {installed}")
    print("restart QGIS, or reload it with the Plugin Reloader, then enable RE.MIX in Plugins → Manage")
    return 0


if __name__ == "__main__":
    sys.exit(main())
