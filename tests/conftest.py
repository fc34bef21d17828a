"""Shared fixtures for every tier. Nothing here imports QGIS: the unit tier runs without it."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from tests.pg_cluster import pg_cluster  # noqa: F401  (the throw-away PostGIS, a session fixture)

ROOT = Path(__file__).resolve().parent.parent
# Validation memos (export/validation_memo.py) of the test runs go to a scratch folder, never to
# the user's ~/.cache; subprocesses (qgis_process, the CLI) inherit it.
os.environ.setdefault("REMIX_VALIDATION_MEMO", tempfile.mkdtemp(prefix="remix-memo-"))
SCRIPTS = ROOT / "scripts"
ARTIFACTS = ROOT / "tests" / "artifacts"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's interpreter, the one python3-qgis is built for

if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """tests/artifacts (git-ignored): screenshots and logs worth looking at after a run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def compiled_translations():
    """Compile the .ts files (as `make translations` does) so tests never see stale .qm files."""
    import translations

    return translations.release(quiet=True)


@pytest.fixture(scope="session")
def plugin_zip(tmp_path_factory, compiled_translations) -> Path:
    """The plugin zip, built by the same code as `make package`, in a temporary folder."""
    import build_package

    return build_package.build(tmp_path_factory.mktemp("dist") / "remix_plugin.zip",
                               compile_translations=False)


@pytest.fixture(scope="session")
def unpacked_plugins_dir(tmp_path_factory, plugin_zip) -> Path:
    """A folder holding the unpacked ``remix_plugin/`` (what QGIS_PLUGINPATH points at)."""
    import deploy

    target = tmp_path_factory.mktemp("plugins")
    deploy.safe_extract(plugin_zip, target)
    return target
