"""remix:validate runs the same engine as the command line: same findings on the same files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import helpers_corpus as hc
import pytest
from conftest import ROOT, SYSTEM_PYTHON
from qgis.core import QgsApplication, QgsProcessingException


@pytest.fixture
def processing_provider(qgis_app):
    from processing.core.Processing import Processing

    from remix_plugin.processing.provider import RemixProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    added = None
    if registry.providerById("remix") is None:
        added = RemixProvider()
        registry.addProvider(added)
    yield registry
    if added is not None:
        registry.removeProvider(added)


def _cli_findings(path, profile="strict"):
    result = subprocess.run(
        [
            SYSTEM_PYTHON,
            "-m",
            "remix_plugin",
            "validate",
            str(path),
            "--format",
            "jsonl",
            "--profile",
            profile,
            "--lang",
            "en",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _key(item):
    return (
        item["code"],
        item["severity"],
        item["layer"],
        item["feature_uuid"],
        item["field"],
        item["x"],
        item["y"],
    )


def _broken(tmp_path):
    path = tmp_path / "broken.gpkg"
    ids = hc.build_clean(path)
    x, y = ids["points"][hc.COMUNE_A]
    hc.update(path, "lavori", ids["p1_lavoro1"], geom=hc.bowtie_wkt(x, y), intervento_oggetto="demolizione")
    hc.update(path, "progetti", ids["p1"], descrizione=None)
    hc.update(path, "fasi", ids["p2_fase2"], numero=3)
    return path, ids


def test_processing_and_cli_give_the_same_findings(processing_provider, tmp_path):
    import processing

    path, _ = _broken(tmp_path)
    output = tmp_path / "report.jsonl"
    with pytest.raises(QgsProcessingException):  # errors exist: the algorithm fails, after the report
        processing.run("remix:validate", {"INPUT": str(path), "PROFILE": 0, "OUTPUT": str(output)})
    assert output.exists()
    from_processing = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    code, from_cli = _cli_findings(path)
    assert code == 1
    assert sorted(map(_key, from_processing)) == sorted(map(_key, from_cli))
    assert {"GEO-004", "SCH-001", "SCH-007", "SCH-014"} <= {f["code"] for f in from_processing}
    for item in from_processing:
        assert set(item) >= {"code", "severity", "layer", "feature_uuid", "field", "message", "x", "y"}


def test_processing_draft_profile_and_counts(processing_provider, tmp_path):
    import processing

    path = tmp_path / "clean.gpkg"
    ids = hc.build_clean(path)
    hc.update(path, "progetti", ids["p1"], descrizione=None)  # a warning in strict, off in draft
    output = tmp_path / "strict.jsonl"
    result = processing.run("remix:validate", {"INPUT": str(path), "PROFILE": 0, "OUTPUT": str(output)})
    assert (result["ERRORS"], result["WARNINGS"], result["PROFILE_USED"]) == (0, 1, "strict")
    assert [json.loads(line)["code"] for line in output.read_text(encoding="utf-8").splitlines()] == [
        "SCH-007"
    ]
    result = processing.run(
        "remix:validate", {"INPUT": str(path), "PROFILE": 1, "OUTPUT": str(tmp_path / "draft.jsonl")}
    )
    assert (result["ERRORS"], result["WARNINGS"], result["PROFILE_USED"]) == (0, 0, "draft")
    assert Path(result["OUTPUT"]).read_text(encoding="utf-8") == ""
    code, from_cli = _cli_findings(path, "draft")
    assert (code, from_cli) == (0, [])


def test_processing_refuses_a_file_that_is_not_a_geopackage(processing_provider, tmp_path):
    import processing

    text = tmp_path / "notes.gpkg"
    text.write_text("not a geopackage", encoding="utf-8")
    with pytest.raises(QgsProcessingException):
        processing.run("remix:validate", {"INPUT": str(text), "OUTPUT": str(tmp_path / "r.jsonl")})
    assert not (tmp_path / "r.jsonl").exists()
