"""The dock's "Pubblica sul web…": the static web atlas of the open GeoPackage (issue 15,
docs/web-atlas.md), written in the background, and a result dialog that opens it.

``publish_from_dock(dock, item)`` (the declared action's operation) asks for the output folder,
then runs ``web.publish.publish_web`` in a :class:`PublishWebTask` (``tasks.RemixTask``: its
``work()`` touches neither the GUI nor the QGIS project). ``publish_web`` itself refuses a folder
that is neither new, empty nor a previous publication, before writing anything; the dialog then
says why and offers nothing to open.

The page loads its data with ``fetch``, which browsers refuse for ``file://`` pages, so "Open in
the browser" serves the folder on the loopback (``PreviewServer``: Python's ``http.server``,
127.0.0.1, a free port, that folder only, read-only) and opens ``http://127.0.0.1:PORT/``.
The dock stops the server when it is torn down or another folder is previewed.
"""

import functools
import http.server
import threading
from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr, ui_language
from ..log import get_logger
from ..tasks import RemixTask

LOG = get_logger("gui.web_publish")
FOLDER_KEY = "remix/web/last_folder"


class PublishWebTask(RemixTask):
    """``publish_web(source, out_dir, language=…)`` on the worker thread; ``record`` on success."""

    def __init__(self, source, out_dir, language="it", on_finished=None):
        super().__init__(tr("RE.MIX web atlas"), cancellable=False, on_finished=on_finished)
        self.source, self.out_dir, self.language = str(source), str(out_dir), language
        self.record = None

    def work(self):
        from ..web.publish import publish_web

        self.record = publish_web(self.source, self.out_dir, language=self.language)

    def unexpected(self, exc):
        from ..errors import RemixError
        from ..i18n import BOTH

        return RemixError("web_failed", *tr("The web atlas could not be written: {error}",
                                            language=BOTH).format(error=exc))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (http.server API)
        LOG.debug("preview: " + format, *args)


class PreviewServer:
    """A read-only HTTP server on 127.0.0.1 for one publication folder (a daemon thread)."""

    def __init__(self, folder):
        self.folder = str(folder)
        handler = functools.partial(_QuietHandler, directory=self.folder)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="remix-web-preview",
                                       daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/index.html"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def _open_url(url):
    return QDesktopServices.openUrl(QUrl(url))


class WebPublishResult(QDialog):
    """What was published (or why nothing was), with "Open in the browser" and "Open folder"."""

    def __init__(self, task, parent=None, language=None, preview=None, open_url=None):
        super().__init__(parent)
        self.setObjectName("RemixWebPublishResult")
        self.setWindowTitle(tr("Publish on the web"))
        self.task = task
        self.language = language or ui_language()
        self.preview = preview  # callable(folder) -> url (the dock's one preview server)
        self.open_url = open_url or _open_url
        self.opened = []  # the addresses opened (tests read them)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("RemixWebPublishSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.browser_button = QPushButton(tr("Open in the browser"), self)
        self.browser_button.setObjectName("RemixWebOpenBrowser")
        self.folder_button = QPushButton(tr("Open folder"), self)
        self.folder_button.setObjectName("RemixWebOpenFolder")
        ok = task.record is not None
        if ok:
            counts = task.record["counts"]
            index = Path(task.out_dir) / "index.html"
            self.index = index
            self.summary.setText(tr(
                "Web atlas written in {folder}: {n} projects and {m} physical works published "
                "({held} not publishable, left out). The page needs a web server: “Open in the "
                "browser” serves the folder on this computer only (127.0.0.1).").format(
                folder=task.out_dir, n=counts.get("progetti", 0), m=counts.get("lavori", 0),
                held=counts.get("progetti_non_pubblicabili", 0)))
            self.browser_button.setToolTip(tr("Serve {folder} on 127.0.0.1 and open its index.html "
                                              "in the web browser").format(folder=task.out_dir))
            self.folder_button.setToolTip(str(index.parent))
            self.browser_button.clicked.connect(self.open_in_browser)
            self.folder_button.clicked.connect(self.open_folder)
            buttons.addButton(self.browser_button, QDialogButtonBox.ButtonRole.ActionRole)
            buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self.index = None
            self.summary.setText(tr("Nothing was published: {reason}").format(
                reason=task.error_message(self.language)))
            self.browser_button.hide()
            self.folder_button.hide()
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def open_in_browser(self, _checked=False):
        url = self.preview(self.task.out_dir) if self.preview is not None else \
            QUrl.fromLocalFile(str(self.index)).toString()
        self.opened.append(url)
        self.open_url(url)
        return url

    def open_folder(self, _checked=False):
        url = QUrl.fromLocalFile(str(Path(self.task.out_dir))).toString()
        self.opened.append(url)
        self.open_url(url)
        return url


class WebPublisher:
    """The dock's web publication: one task at a time, its result dialog, the preview server."""

    def __init__(self, dock):
        self.dock = dock
        self.task = None
        self.dialog = None
        self.server = None
        self.open_url = None  # tests replace the browser

    def source(self):
        path = self.dock.gpkg_path
        return path if path and Path(path).is_file() else None

    def choose_folder(self):
        settings = QgsSettings()
        start = settings.value(FOLDER_KEY, "", type=str) or str(Path(self.source()).parent)
        folder = QFileDialog.getExistingDirectory(
            self.dock, tr("Folder of the web atlas (new, empty or a previous publication)"), start)
        if folder:
            settings.setValue(FOLDER_KEY, str(Path(folder).parent))
        return folder or None

    def start(self, out_dir=None):
        """Publish the saved GeoPackage into ``out_dir`` (None: ask) in the background."""
        if self.source() is None:
            self.dock._message(tr("The web atlas is published from a RE.MIX GeoPackage: the central "
                                  "database is not supported yet (export a bundle or check out a "
                                  "GeoPackage first)."), "Warning", 10)
            return None
        if self.task is not None:
            self.dock._message(tr("The web atlas is already being written."), "Info")
            return None
        out_dir = out_dir or self.choose_folder()
        if not out_dir:
            return None
        tools = getattr(self.dock, "tools", None)
        if tools is not None:
            tools._warn_unsaved(tr("The web publication"))
        self.task = PublishWebTask(self.source(), out_dir, ui_language(), on_finished=self._finished)
        QgsApplication.taskManager().addTask(self.task)
        self.dock._message(tr("Writing the web atlas in the background…"), "Info", 4)
        return self.task

    def _finished(self, task):
        self.task = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        iface = getattr(self.dock, "iface", None)
        window = iface.mainWindow() if iface is not None and hasattr(iface, "mainWindow") else None
        parent = window if isinstance(window, QWidget) else self.dock
        self.dialog = WebPublishResult(task, parent, preview=self.preview, open_url=self.open_url)
        self.dialog.show()
        self.dialog.raise_()
        if task.record is not None:
            self.dock._message(tr("Web atlas written: {folder}").format(folder=task.out_dir), "Success", 10)
        else:
            self.dock._message(task.error_message(ui_language()), "Critical", 0)

    def preview(self, folder):
        """The address of ``folder``'s index.html on the loopback (one server at a time)."""
        if self.server is not None and self.server.folder != str(folder):
            self.server.stop()
            self.server = None
        if self.server is None:
            self.server = PreviewServer(folder)
        return self.server.url

    def teardown(self):
        if self.task is not None:
            self.task.on_finished = None
            self.task = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if self.server is not None:
            self.server.stop()
            self.server = None


def publisher(dock):
    """The dock's WebPublisher (made on first use)."""
    if dock.web_publisher is None:
        dock.web_publisher = WebPublisher(dock)
    return dock.web_publisher


def publish_from_dock(dock, _current_item=None, out_dir=None):
    """The declared action "Publish on the web…": returns the task (None when not started).
    Without a dock (a test driving the controller alone) there is nothing to publish."""
    if dock is None:
        return None
    return publisher(dock).start(out_dir)
