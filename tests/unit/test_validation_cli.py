"""The headless command: python3 -m remix_plugin validate (no QGIS), exit codes and formats."""

from __future__ import annotations

import json
import sqlite3
import subprocess

import helpers_corpus as hc
import pytest
from conftest import ROOT, SYSTEM_PYTHON

JSONL_KEYS = {"code", "severity", "layer", "feature_uuid", "field", "message", "x", "y"}


def run(*args):
    return subprocess.run(
        [SYSTEM_PYTHON, "-m", "remix_plugin", "validate", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def clean_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "clean.gpkg"
    ids = hc.build_clean(path)
    return path, ids


def test_clean_file_exits_0(clean_file):
    path, _ = clean_file
    result = run(path)
    assert result.returncode == 0, result.stderr
    assert "0 errori, 0 avvisi" in result.stdout
    result = run(path, "--format", "jsonl")
    assert (result.returncode, result.stdout) == (0, "")


def test_errors_exit_1_with_jsonl_findings(clean_file, tmp_path):
    path = hc.copy_of(clean_file[0], tmp_path / "broken.gpkg")
    ids = clean_file[1]
    x, y = ids["points"][hc.COMUNE_A]
    hc.update(path, "lavori", ids["p1_lavoro1"], geom=hc.bowtie_wkt(x, y))
    hc.update(
        path,
        "progetti",
        ids["p1"],
        titolo='Sant\'Ambrogio "vecchio" 城市',
        descrizione=None,
        livello_progettuale="galattico",
    )
    result = run(path, "--format", "jsonl", "--lang", "en")
    assert result.returncode == 1, result.stderr
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(f) >= JSONL_KEYS for f in findings)
    by_code = {f["code"]: f for f in findings}
    invalid = by_code["GEO-004"]
    assert (invalid["layer"], invalid["feature_uuid"], invalid["severity"]) == (
        "lavori",
        ids["p1_lavoro1"],
        "error",
    )
    assert "Self-intersection" in invalid["message"]
    assert invalid["x"] == pytest.approx(x + 15, abs=0.01) and invalid["y"] == pytest.approx(y + 15, abs=0.01)
    coded = by_code["SCH-001"]
    assert (coded["field"], coded["value"]) == ("livello_progettuale", "galattico")
    assert "Sant'Ambrogio" in coded["message"] and "城市" in coded["message"]
    assert by_code["SCH-007"]["severity"] == "warning"
    text = run(path, "--lang", "it")
    assert text.returncode == 1 and "ERRORE GEO-004" in text.stdout and "AVVISO SCH-007" in text.stdout


def test_warnings_only_exit_0_and_draft_profile(clean_file, tmp_path):
    path = hc.copy_of(clean_file[0], tmp_path / "warn.gpkg")
    hc.update(path, "progetti", clean_file[1]["p1"], descrizione=None)
    strict = run(path, "--format", "jsonl")
    assert strict.returncode == 0 and [json.loads(line)["code"] for line in strict.stdout.splitlines()] == [
        "SCH-007"
    ]
    assert json.loads(strict.stdout.splitlines()[0])["profile"] == "strict"
    draft = run(path, "--format", "jsonl", "--profile", "draft")
    assert (draft.returncode, draft.stdout) == (0, "")


def _one_line(result):
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_not_a_geopackage_exits_2(tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("hello", encoding="utf-8")
    result = run(text, "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    assert "not a GeoPackage" in _one_line(result)
    assert run(tmp_path / "missing.gpkg").returncode == 2


def test_truncated_file_exits_2(clean_file, tmp_path):
    data = clean_file[0].read_bytes()
    truncated = tmp_path / "truncated.gpkg"
    truncated.write_bytes(data[: len(data) // 3])
    result = run(truncated, "--lang", "en")
    assert result.returncode == 2, result.stdout
    _one_line(result)


def test_locked_file_exits_2(clean_file, tmp_path):
    path = hc.copy_of(clean_file[0], tmp_path / "locked.gpkg")
    holder = sqlite3.connect(str(path))
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run(path, "--lang", "en")
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 2
    assert "locked" in _one_line(result)


def test_unknown_profile_exits_2(clean_file):
    result = run(clean_file[0], "--profile", "lenientissimo")
    assert result.returncode == 2
    assert "unknown profile" in _one_line(result)


def test_validator_core_does_not_import_qgis():
    code = (
        "import sys\n"
        "import remix_plugin.validation.engine, remix_plugin.validation.cli, "
        "remix_plugin.validation.exceptions_store\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6')))\n"
    )
    result = subprocess.run(
        [SYSTEM_PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
