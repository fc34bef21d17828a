"""Golden form configurations (issue 13): what QGIS holds after the plugin built the demo's
project (Italian, English) and after reading the stored one, as data, byte-identical to
tests/golden/forms/qgis-<QGIS minor>.*.json (saved from commit 221294c)."""

import sys
from pathlib import Path

import pytest
from qgis.core import Qgis

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_golden_outputs import GOLDEN, compare, generate  # noqa: E402

VERSION = Qgis.QGIS_VERSION.split("-")[0].rsplit(".", 1)[0]
NAMES = sorted(p.name for p in (GOLDEN / "forms").glob(f"qgis-{VERSION}.*.json"))


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("golden"), "qgis")


@pytest.mark.skipif(not NAMES, reason=f"no golden form configuration saved for QGIS {VERSION}")
@pytest.mark.parametrize("name", NAMES or ["-"])
def test_form_configuration_is_identical(produced, name):
    difference = compare(GOLDEN / "forms" / name, produced / "forms" / name, "forms/" + name)
    assert difference is None, "\n" + difference
