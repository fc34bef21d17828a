"""The dock's file-wide tools: validation in its own panel (in the background) and the atlas PDF
(a QgsTask); both read the saved GeoPackage and never change it."""

from __future__ import annotations

import hashlib
import subprocess

import dock_data
from dock_data import dock, remix  # noqa: F401 (fixtures)
from qgis.core import QgsApplication


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_tools_are_enabled_with_a_file(dock):
    names = {action.objectName(): action.isEnabled() for action in dock.tools.actions}
    assert names == {"RemixValidate": True, "RemixAtlasPdf": True, "RemixExportBundle": True,
                     "RemixImportBundle": True}


def test_validate_fills_the_findings_panel_and_marks_projects(dock, remix):
    path, _layers = remix
    before = _digest(path)
    panel = dock.tools.validate()
    assert panel is not None and dock.tools.findings_dock is not None
    dock_data.wait_until(lambda: panel.report is not None, timeout=60)
    report = panel.report
    assert report.profile == "strict"
    assert sum(report.counts.get(key, 0) for key in ("error", "warning")) == len(report.findings)
    # the dock learns which projects have problems: the "has problems" filter becomes available
    assert dock.problems_check.isEnabled()
    assert _digest(path) == before  # validation never writes the user's file


def test_atlas_pdf_runs_as_a_task_and_writes_a_pdf(dock, remix, tmp_path):
    path, _layers = remix
    before = _digest(path)
    pdf = tmp_path / "atlante.pdf"
    task = dock.tools.atlas_pdf(pdf_path=str(pdf))
    assert task is not None
    dock_data.wait_until(lambda: dock.tools.atlas_task is None, timeout=120)
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == 2 + len(dock_data.PROJECTS)  # cover + summary + one card per project
    assert _digest(path) == before
    assert QgsApplication.taskManager().countActiveTasks() == 0
