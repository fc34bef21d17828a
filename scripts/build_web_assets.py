#!/usr/bin/env python3
"""Copy the web atlas's front-end library (MapLibre GL JS, pinned in web/package.json and
web/package-lock.json) into remix_plugin/web/vendor/, with its licence.

    python3 scripts/build_web_assets.py          # npm ci --ignore-scripts in web/, then copy
    python3 scripts/build_web_assets.py --check  # exit 1 if the vendor files are missing or stale

The vendor folder is generated (remix_plugin/web/vendor/.gitignore) and goes into the plugin zip
(scripts/build_package.py takes every file under remix_plugin/). ``npm ci`` installs exactly the
versions of the lock file and runs no install script. Exit codes: 0 done, 1 stale (--check),
2 npm missing or failed.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
VENDOR = ROOT / "remix_plugin" / "web" / "vendor"
PACKAGE = "maplibre-gl"
# (file in node_modules/maplibre-gl, name in vendor/)
FILES = (("dist/maplibre-gl.js", "maplibre-gl.js"), ("dist/maplibre-gl.css", "maplibre-gl.css"),
         ("LICENSE.txt", "LICENSE-maplibre-gl.txt"))
STAMP = "VERSION.json"


def pinned_version():
    lock = json.loads((WEB / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{PACKAGE}"]["version"]


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_current():
    stamp = VENDOR / STAMP
    if not stamp.is_file():
        return False
    recorded = json.loads(stamp.read_text(encoding="utf-8"))
    if recorded.get("version") != pinned_version():
        return False
    return all((VENDOR / name).is_file() and _digest(VENDOR / name) == recorded["sha256"].get(name)
               for _source, name in FILES)


def build():
    npm = shutil.which("npm")
    if npm is None:
        print("build_web_assets: npm not found (apt-get install npm)", file=sys.stderr)
        return 2
    result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=WEB,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        tail = (result.stdout.strip().splitlines() or [""])[-1]
        print(f"build_web_assets: npm ci failed: {tail}",
              file=sys.stderr)
        return 2
    module = WEB / "node_modules" / PACKAGE
    version = json.loads((module / "package.json").read_text(encoding="utf-8"))["version"]
    if version != pinned_version():
        print(f"build_web_assets: installed {PACKAGE} {version}, lock file pins {pinned_version()}",
              file=sys.stderr)
        return 2
    VENDOR.mkdir(parents=True, exist_ok=True)
    digests = {}
    for source, name in FILES:
        fd, temp = tempfile.mkstemp(dir=VENDOR, prefix=f".{name}.")
        os.close(fd)
        shutil.copyfile(module / source, temp)
        os.chmod(temp, 0o644)
        os.replace(temp, VENDOR / name)
        digests[name] = _digest(VENDOR / name)
    stamp = {"package": PACKAGE, "version": version, "sha256": digests}
    (VENDOR / STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"build_web_assets: {PACKAGE} {version} -> {VENDOR.relative_to(ROOT)}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that vendor/ is current")
    args = parser.parse_args(argv)
    if args.check:
        current = is_current()
        print("build_web_assets: " + ("current" if current else "missing or stale"))
        return 0 if current else 1
    return build()


if __name__ == "__main__":
    sys.exit(main())
