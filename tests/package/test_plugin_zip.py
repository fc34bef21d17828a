"""The built zip as plugins.qgis.org checks it: structure, metadata.txt, size, and a bandit scan
(since 2026 the site blocks a version on any bandit finding). Built by the same code as
`make package` (fixture ``plugin_zip``)."""

from __future__ import annotations

import configparser
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

pytestmark = pytest.mark.package

TOP = "remix_plugin"
REQUIRED = ("name", "description", "about", "version", "qgisMinimumVersion", "qgisMaximumVersion",
            "author", "email", "tracker", "repository", "homepage", "tags", "category", "icon",
            "changelog", "hasProcessingProvider")
MAX_BYTES = 25 * 1024 * 1024
FORBIDDEN_PARTS = {"__pycache__", ".git", "__MACOSX", ".pytest_cache", "tests", ".DS_Store"}


@pytest.fixture(scope="module")
def names(plugin_zip):
    with zipfile.ZipFile(plugin_zip) as zf:
        return zf.namelist()


@pytest.fixture(scope="module")
def metadata(plugin_zip):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive (qgisMinimumVersion)
    with zipfile.ZipFile(plugin_zip) as zf:
        parser.read_string(zf.read(f"{TOP}/metadata.txt").decode("utf-8"))
    return parser["general"]


def test_single_top_folder_with_python_name(names):
    tops = {PurePosixPath(n).parts[0] for n in names}
    assert tops == {TOP}
    assert TOP.isidentifier()


def test_required_files(names):
    for required in ("metadata.txt", "__init__.py", "LICENSE"):
        assert f"{TOP}/{required}" in names


def test_no_forbidden_or_unsafe_entries(names):
    bad = []
    for name in names:
        path = PurePosixPath(name)
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\\" in name or ".." in path.parts:
            bad.append(f"unsafe path: {name}")
        if FORBIDDEN_PARTS & set(path.parts) or path.suffix in (".pyc", ".pyo") or name.endswith("~"):
            bad.append(f"development file: {name}")
    assert not bad, "\n".join(bad)


def test_size_limit(plugin_zip):
    assert plugin_zip.stat().st_size < MAX_BYTES


def test_metadata_matches_root_file(plugin_zip, repo_root):
    with zipfile.ZipFile(plugin_zip) as zf:
        assert zf.read(f"{TOP}/metadata.txt") == (repo_root / "metadata.txt").read_bytes()


def test_metadata_required_keys(metadata):
    missing = [key for key in REQUIRED if not metadata.get(key, "").strip()]
    assert not missing, f"metadata.txt lacks {missing}"


def test_metadata_values(metadata, names):
    assert metadata["qgisMinimumVersion"] == "3.22"
    assert metadata["qgisMaximumVersion"] == "4.99"
    assert re.fullmatch(r"\d+\.\d+\.\d+([-.]?\w+)?", metadata["version"])
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", metadata["email"])
    for key in ("tracker", "repository", "homepage"):
        assert metadata[key].startswith("https://"), key
    assert metadata["hasProcessingProvider"].lower() in ("yes", "no", "true", "false")
    assert metadata["experimental"].lower() in ("true", "false")
    assert f"{TOP}/{metadata['icon']}" in names, "icon named in metadata.txt is not in the zip"
    assert len(metadata["description"]) < 300


def test_compiled_translations_present(names):
    assert f"{TOP}/i18n/remix_it.qm" in names
    # the .ts is what i18n.catalogue reads without Qt (CLI, core errors and findings in Italian)
    assert f"{TOP}/i18n/remix_it.ts" in names


def test_installed_copy_speaks_italian_without_qt(plugin_zip, tmp_path):
    """The unzipped plugin, imported alone by a plain Python, gives its core texts in Italian."""
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extractall(tmp_path)
    probe = (
        "from remix_plugin.i18n import tr, BOTH\n"
        "from remix_plugin.errors import RemixError\n"
        "print(tr('Unreadable file', language='it'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "File illeggibile"


def test_zip_is_deterministic(tmp_path, compiled_translations):
    """Two builds of the same tree are byte-identical (sorted entries, fixed dates and modes)."""
    import build_package

    first = build_package.build(tmp_path / "first.zip", compile_translations=False)
    second = build_package.build(tmp_path / "second.zip", compile_translations=False)
    with zipfile.ZipFile(first) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {build_package.FIXED_DATE}
    assert first.read_bytes() == second.read_bytes()


def test_bandit_finds_nothing(unpacked_plugins_dir):
    """Any bandit finding (severity LOW or above) would block the upload; ``# nosec`` is ignored."""
    target = unpacked_plugins_dir / TOP
    out = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", str(target), "-f", "json", "-q", "--ignore-nosec",
         "--severity-level", "low", "--confidence-level", "low"],
        capture_output=True, text=True, timeout=300,
    )
    assert out.stdout, f"bandit produced no report (exit {out.returncode}): {out.stderr}"
    report = json.loads(out.stdout)
    assert not report.get("errors"), report["errors"]
    assert report["metrics"]["_totals"]["loc"] > 100, "bandit scanned nothing"
    findings = [
        f"{Path(r['filename']).relative_to(target)}:{r['line_number']} {r['test_id']} "
        f"[{r['issue_severity']}/{r['issue_confidence']}] {r['issue_text']}\n    {r['code'].strip()}"
        for r in report["results"]
    ]
    assert not findings, "bandit findings (plugins.qgis.org would block the upload):\n" + "\n".join(findings)


def test_no_direct_pyqt_imports_and_no_compiled_resources(repo_root):
    """Qt5/Qt6 neutrality: everything goes through qgis.PyQt; no pyrcc output (none in PyQt6)."""
    source = repo_root / TOP
    offenders = []
    pattern = re.compile(r"^\s*(from|import)\s+(PyQt5|PyQt6|sip)\b", re.MULTILINE)
    for path in sorted(source.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        if path.name == "resources_rc.py":
            offenders.append(f"{path.relative_to(repo_root)}: compiled resources")
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            line = path.read_text(encoding="utf-8")[: match.start()].count("\n") + 1
            offenders.append(f"{path.relative_to(repo_root)}:{line}: {match.group(0).strip()}")
    assert not offenders, "\n".join(offenders)
