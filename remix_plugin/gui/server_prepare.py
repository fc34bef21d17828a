"""The dock's "Prepara per QGIS Server…": the ``.qgs`` project QGIS Server serves, written beside
the open GeoPackage in the background (issue 15, docs/qgis-server.md), and a result dialog with
what was published or the problems that stopped it.

``prepare_from_dock(dock, item)`` (the declared action's operation) asks where to write the
project (default ``<name>_server.qgs`` beside the data), then runs
``qgis_server.prepare.prepare_server_project`` in a :class:`PrepareServerTask` (``tasks.RemixTask``:
``work()`` builds its own QgsProject and touches neither the GUI nor ``QgsProject.instance()``).
The preparer lives on the dock as ``dock.server_preparer`` (made on first use).
"""

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtWidgets import QFileDialog, QListWidget

from ..i18n import tr, ui_language
from ..log import get_logger
from ..tasks import RemixTask
from .dock_source import dock_source
from .publish_task import DockJob, ResultDialog

LOG = get_logger("gui.server_prepare")
FOLDER_KEY = "remix/server/last_folder"


class PrepareServerTask(RemixTask):
    """``prepare_server_project(source, target, language=…)`` on the worker thread."""

    def __init__(self, source, target, language="it", on_finished=None):
        super().__init__(tr("RE.MIX project for QGIS Server"), cancellable=False, on_finished=on_finished)
        self.source, self.target, self.language = str(source), str(target), language
        self.result = None  # qgis_server.prepare.ServerProject when written

    def work(self):
        from ..qgis_server.prepare import prepare_server_project

        self.result = prepare_server_project(self.source, self.target, language=self.language)

    def unexpected(self, exc):
        from ..errors import RemixError
        from ..i18n import BOTH

        return RemixError("server_failed", *tr("The project for QGIS Server could not be written: {error}",
                                               language=BOTH).format(error=exc))


class ServerPrepareResult(ResultDialog):
    """What was written and published, or the readiness problems (nothing written)."""

    def __init__(self, task, parent=None, language=None, open_url=None):
        super().__init__(task, "RemixServerPrepareResult", tr("Prepare for QGIS Server"),
                         "RemixServerPrepareSummary", parent, language, open_url)
        self.findings = QListWidget(self)
        self.findings.setObjectName("RemixServerPrepareFindings")
        self.findings.setWordWrap(True)
        self.box.addWidget(self.findings)
        self.folder_button = self.action_button(tr("Open folder"), "RemixServerOpenFolder")
        result = task.result
        if result is not None:
            self.summary.setText(tr(
                "QGIS Server project written: {path}. Published for WMS, WFS and OGC API – Features "
                "(projects marked 'pubblicabile' only, no authors, notes or e-mails): {layers}. "
                "Atlas layout for GetPrint: {layout}.").format(
                path=result.path, layers=", ".join(result.wfs_layers), layout=result.layout or "—"))
            for finding in result.findings:
                self.findings.addItem(finding.message(self.language))
            self.findings.setVisible(bool(result.findings))
            self.add_action(self.folder_button, self.open_folder, str(Path(result.path).parent))
        else:
            error = task.error
            findings = list(getattr(error, "findings", None) or ())
            if findings:
                self.summary.setText(tr("Nothing was written. Solve these problems, then try again:"))
            else:
                self.summary.setText(tr("Nothing was written: {reason}").format(
                    reason=error.message(self.language) if error is not None else ""))
            for finding in findings:
                self.findings.addItem(finding.message(self.language))
            self.findings.setVisible(self.findings.count() > 0)
            self.folder_button.hide()
        if not self.findings.count():
            self.box.addStretch(1)
        self.finish_layout()
        self.resize(640, 420 if self.findings.count() else self.sizeHint().height())

    def open_folder(self, _checked=False):
        return self.open_local(Path(self.task.result.path).parent)


class ServerPreparer(DockJob):
    """The dock's server preparation: one task at a time and its result dialog."""

    def source(self):
        """The saved GeoPackage or the connected central database (its DSN, no password)."""
        return dock_source(self.dock)

    def choose_target(self):
        from ..qgis_server.prepare import default_qgs_path

        settings = QgsSettings()
        source = self.source()
        on_file = Path(source).is_file()
        # beside a GeoPackage; a database has no folder: the last one chosen, else the home folder
        default = default_qgs_path(source) if on_file else Path.home() / "remix_server.qgs"
        folder = settings.value(FOLDER_KEY, "", type=str) or str(default.parent)
        target, _filter = QFileDialog.getSaveFileName(
            self.dock, tr("QGIS Server project (beside the data)"), str(Path(folder) / default.name),
            tr("QGIS project (*.qgs)"))
        if not target:
            return None
        if not target.lower().endswith(".qgs"):
            target += ".qgs"
        settings.setValue(FOLDER_KEY, str(Path(target).parent))
        return target

    def start(self, target=None):
        """Write the server project of the saved GeoPackage at ``target`` (None: ask)."""
        if self.source() is None:
            self.dock._message(tr("Open a RE.MIX GeoPackage or connect to the RE.MIX database first."),
                               "Warning", 10)
            return None
        if self.busy(tr("The QGIS Server project is already being written.")):
            return None
        target = target or self.choose_target()
        if not target:
            return None
        self.warn_unsaved(tr("The QGIS Server project"))
        return self.run(PrepareServerTask(self.source(), target, ui_language(), on_finished=self._finished),
                        tr("Writing the QGIS Server project in the background…"))

    def _finished(self, task):
        self.finished()
        self.show_result(ServerPrepareResult(task, self._parent()))
        if task.result is not None:
            self.dock._message(tr("QGIS Server project written: {path}").format(path=task.result.path),
                               "Success", 10)
        else:
            self.dock._message(task.error_message(ui_language()).split("\n")[0], "Critical", 0)


def preparer(dock):
    """The dock's ServerPreparer (made on first use)."""
    current = getattr(dock, "server_preparer", None)
    if current is None:
        current = ServerPreparer(dock)
        dock.server_preparer = current
    return current


def prepare_from_dock(dock, _current_item=None, target=None):
    """The declared action "Prepare for QGIS Server…": returns the task (None when not started)."""
    if dock is None:
        return None
    return preparer(dock).start(target)
