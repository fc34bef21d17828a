"""What Pubblica sul web… and Prepara per QGIS Server… share: one background job at a time on
the dock, the window its result dialog opens over, and the result dialog's frame (a selectable
summary, a Close button, action buttons that open a local folder or an address).

``DockJob`` is the dock's owner of one kind of job (``web_publish.WebPublisher``,
``server_prepare.ServerPreparer``): ``run(task, message)`` queues a ``tasks.RemixTask`` in
QGIS's task manager, ``show_result(dialog)`` replaces the previous result dialog, ``teardown()``
detaches a running task and closes the dialogs. ``ResultDialog`` is the frame of their result
dialogs; ``opened`` lists the addresses opened (tests read it, and may replace ``open_url``).
"""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ..i18n import ui_language


def open_with_desktop(url):
    """Open ``url`` (a file:// folder or an http address) with the desktop's application."""
    return QDesktopServices.openUrl(QUrl(url))


def dialog_parent(dock):
    """The QGIS main window when the dock has one, else the dock itself."""
    iface = getattr(dock, "iface", None)
    window = iface.mainWindow() if iface is not None and hasattr(iface, "mainWindow") else None
    return window if isinstance(window, QWidget) else dock


class ResultDialog(QDialog):
    """The frame of a job's result dialog: ``summary`` (a selectable, wrapping label) on top,
    whatever the subclass adds, then ``buttons`` (Close and the action buttons added with
    ``action_button``; call ``finish_layout`` last)."""

    def __init__(self, task, object_name, title, summary_name, parent=None, language=None,
                 open_url=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.task = task
        self.language = language or ui_language()
        self.open_url = open_url or open_with_desktop
        self.opened = []  # the addresses opened (tests read them)
        self.box = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName(summary_name)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

    def action_button(self, text, object_name):
        """A push button for the button row (shown once ``add_action`` puts it there)."""
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        return button

    def add_action(self, button, slot, tooltip=None):
        if tooltip is not None:
            button.setToolTip(tooltip)
        button.clicked.connect(slot)
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

    def finish_layout(self):
        self.box.addWidget(self.buttons)

    def open_address(self, url):
        self.opened.append(url)
        self.open_url(url)
        return url

    def open_local(self, path):
        """Open the local file or folder ``path``; returns its file:// address."""
        return self.open_address(QUrl.fromLocalFile(str(path)).toString())


class DockJob:
    """One kind of background job of the dock: one task at a time and its result dialog."""

    def __init__(self, dock):
        self.dock = dock
        self.task = None
        self.dialog = None

    def _parent(self):
        return dialog_parent(self.dock)

    def busy(self, message):
        """True (and the dock says ``message``) while a task runs."""
        if self.task is None:
            return False
        self.dock._message(message, "Info")
        return True

    def warn_unsaved(self, what):
        tools = getattr(self.dock, "tools", None)
        if tools is not None and hasattr(tools, "_warn_unsaved"):
            tools._warn_unsaved(what)

    def run(self, task, message):
        """Queue ``task`` (its on_finished calls back here) and say ``message`` on the dock."""
        self.task = task
        QgsApplication.taskManager().addTask(task)
        self.dock._message(message, "Info", 4)
        return task

    def finished(self):
        """A task ended: forget it and close the previous result dialog."""
        self.task = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()

    def show_result(self, dialog):
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def extra_dialogs(self):
        """Other dialogs the job keeps open (closed by ``teardown``)."""
        return ()

    def teardown(self):
        if self.task is not None:
            self.task.on_finished = None
            self.task = None
        for dialog in (*self.extra_dialogs(), self.dialog):
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
        self.dialog = None
