"""Helpers shared by the bundle unit tests (no QGIS)."""

import hashlib
import shutil
import sqlite3
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from bundle_fixtures import build_dataset  # noqa: E402

from remix_plugin.export.writer import export_bundle  # noqa: E402

VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"


def sha256_file(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def data_checksum(
    path,
    tables=(
        "programmi",
        "progetti",
        "criticita",
        "lavori",
        "azioni",
        "attori",
        "progetto_attori",
        "fasi",
        "indicatori",
        "misure",
        "finanziamenti",
    ),
):
    """sha256 over every data row of a RE.MIX GeoPackage (fid order)."""
    digest = hashlib.sha256()
    connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY fid'):  # noqa: S608 (test)
                digest.update(repr(row).encode())
    finally:
        connection.close()
    return digest.hexdigest()


def make_source(folder, projects=3, **kwargs):
    source = Path(folder) / "source.gpkg"
    uuids = build_dataset(source, projects, **kwargs)
    return source, uuids


def make_bundle(folder, projects=3, name="REMIX_CMM_20250301_01.gpkg", **kwargs):
    source, uuids = make_source(folder, projects)
    target = Path(folder) / name
    result = export_bundle(source, target, validate=False, **kwargs)
    return source, target, result, uuids


def copy(path, name):
    target = Path(path).with_name(name)
    shutil.copyfile(path, target)
    return target
