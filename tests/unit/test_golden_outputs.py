"""Golden outputs (issue 13): the CLI's validate / export-bundle / check-bundle / import-bundle
transcripts and the form descriptions stay byte-identical to tests/golden/, saved from commit
221294c before the refactoring. A change on purpose regenerates only its file (see
tests/golden/README.md)."""

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
SCRIPT = ROOT / "scripts" / "golden_outputs.py"
QGIS_ONLY = "forms/qgis-"  # tests/qgis/test_golden_forms.py
# the demo's perimeters are placed with GEOS through GDAL (demo/build.py): another GDAL/GEOS moves
# them a little, and so the demo bundle's content hash (seen with GDAL 3.13 in the 3.44 chroot)
GOLDEN_GDAL = "3.6."
GDAL_DEPENDENT = {"bundle/export.txt", "bundle/check-demo.txt"}


def golden_files():
    names = (str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*") if p.is_file() and p.name != "README.md")
    return sorted(name for name in names if not name.startswith(QGIS_ONLY))


def generate(outdir, tier):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.setdefault("PROJ_DATA", "/usr/share/proj")
    result = subprocess.run([sys.executable, str(SCRIPT), str(outdir), "--tier", tier], capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    return outdir


def compare(expected_path, actual_path, name, limit=80):
    """None when equal, else a unified diff (first ``limit`` lines) that names the file."""
    if not actual_path.exists():
        return f"{name}: not produced any more"
    expected = expected_path.read_text(encoding="utf-8")
    actual = actual_path.read_text(encoding="utf-8")
    if expected == actual:
        return None
    diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden/" + name,
                                     "now/" + name, lineterm="", n=2))
    more = f"\n… {len(diff) - limit} more diff lines" if len(diff) > limit else ""
    return "\n".join(diff[:limit]) + more


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("golden"), "unit")


def test_same_set_of_outputs(produced):
    now = sorted(str(p.relative_to(produced)) for p in produced.rglob("*") if p.is_file())
    assert now == golden_files()


@pytest.mark.parametrize("name", golden_files())
def test_output_is_byte_identical(produced, name):
    if name in GDAL_DEPENDENT:
        from osgeo import gdal

        if not gdal.__version__.startswith(GOLDEN_GDAL):
            pytest.skip(f"the demo's geometry depends on GDAL/GEOS: golden made with {GOLDEN_GDAL}x")
    difference = compare(GOLDEN / name, produced / name, name)
    assert difference is None, "\n" + difference


def test_comparison_can_fail(tmp_path):
    """The comparison sees a one-character change and names the line (a mutation of a golden)."""
    name = "validate/rule-SCH-001.txt"
    changed = tmp_path / "changed.txt"
    changed.write_text((GOLDEN / name).read_text(encoding="utf-8").replace("SCH-001", "SCH-101", 1),
                       encoding="utf-8")
    difference = compare(GOLDEN / name, changed, name)
    assert difference and "-" in difference and "+" in difference and "SCH-101" in difference
