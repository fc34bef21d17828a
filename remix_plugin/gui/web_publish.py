"""The dock's "Pubblica sul web…": the static web atlas of the open GeoPackage or of the central
database the dock is connected to (issue 15, docs/web-atlas.md), written in the background, and a
result dialog that opens it.

``publish_from_dock(dock, item)`` (the declared action's operation) opens
:class:`WebPublishDialog`: the output folder and an optional base map under the comuni (XYZ or
WMS address, WMS layers, credit), remembered in QgsSettings and checked on OK by
``web.publish``'s own rule (``base_layer_problem``), then runs ``web.publish.publish_web`` in a
:class:`PublishWebTask` (``tasks.RemixTask``: its ``work()`` touches neither the GUI nor the
QGIS project). On the central database the source is the libpq DSN of the dock's connection,
without password (the service, the QGIS authentication or ~/.pgpass give it), as the incubator
panels read it. ``publish_web`` itself refuses a folder
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

from qgis.core import QgsSettings
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..i18n import tr, ui_language
from ..log import get_logger
from ..tasks import RemixTask
from .dock_source import dock_source
from .publish_task import DockJob, ResultDialog

LOG = get_logger("gui.web_publish")
FOLDER_KEY = "remix/web/last_folder"
BASE_LAYER_KEY = "remix/web/base_layer/"  # + type, url, layers, attribution
BASE_LAYER_TYPES = ("", "xyz", "wms")  # the dialog's choices, in order ("": no base map)


def base_layer_problem(base_layer, language=None):
    """Why ``publish_web`` would refuse ``base_layer`` (its text in ``language``), None when it
    takes it. The rule lives in web/publish.py only (``check_base_layer``)."""
    from ..errors import RemixError
    from ..web.publish import check_base_layer

    language = language or ui_language()
    if base_layer is None:
        return None
    try:
        check_base_layer(base_layer)
    except RemixError as exc:
        return exc.message(language)
    return None


def stored_base_layer():
    """The base layer last given in the dialog (None: no base map), from QgsSettings."""
    settings = QgsSettings()
    kind = settings.value(BASE_LAYER_KEY + "type", "", type=str)
    if kind not in BASE_LAYER_TYPES[1:]:
        return None
    layer = {"type": kind, "url": settings.value(BASE_LAYER_KEY + "url", "", type=str)}
    for key in ("layers", "attribution"):
        value = settings.value(BASE_LAYER_KEY + key, "", type=str)
        if value:
            layer[key] = value
    return layer


def store_base_layer(base_layer):
    settings = QgsSettings()
    layer = base_layer or {}
    for key in ("type", "url", "layers", "attribution"):
        settings.setValue(BASE_LAYER_KEY + key, str(layer.get(key, "") or ""))


class PublishWebTask(RemixTask):
    """``publish_web(source, out_dir, language=…)`` on the worker thread; ``record`` on success."""

    def __init__(self, source, out_dir, language="it", on_finished=None, base_layer=None):
        super().__init__(tr("RE.MIX web atlas"), cancellable=False, on_finished=on_finished)
        self.source, self.out_dir, self.language = str(source), str(out_dir), language
        self.base_layer = dict(base_layer) if base_layer else None
        self.record = None

    def work(self):
        from ..web.publish import publish_web

        self.record = publish_web(self.source, self.out_dir, language=self.language,
                                  base_layer=self.base_layer)

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


class WebPublishDialog(QDialog):
    """Before publishing: the output folder and an optional base map (type, address, WMS layers,
    credit). OK checks both (the base map by ``base_layer_problem``) and stays open with the reason
    when something is wrong; the base map given is remembered for the next time."""

    def __init__(self, publisher, source_label, parent=None, language=None):
        super().__init__(parent)
        self.setObjectName("RemixWebPublishDialog")
        self.setWindowTitle(tr("Publish on the web"))
        self.publisher = publisher
        self.language = language or ui_language()
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Publishes the projects marked 'pubblicabile' of {source} as a static web "
                          "atlas (a folder any web server can serve).").format(source=source_label), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("RemixWebFolder")
        self.folder_edit.setPlaceholderText(tr("A new or empty folder, or a previous publication"))
        self.browse_button = QPushButton(tr("Browse…"), self)
        self.browse_button.setObjectName("RemixWebBrowse")
        self.browse_button.clicked.connect(self._browse)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        form.addRow(tr("Folder"), folder_row)
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("RemixWebBaseLayerType")
        for kind, label in zip(BASE_LAYER_TYPES, (tr("None"), tr("XYZ tiles"), tr("WMS"))):
            self.type_combo.addItem(label, kind)
        form.addRow(tr("Base map"), self.type_combo)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("RemixWebBaseLayerUrl")
        form.addRow(tr("Address"), self.url_edit)
        self.layers_edit = QLineEdit(self)
        self.layers_edit.setObjectName("RemixWebBaseLayerLayers")
        self.layers_edit.setPlaceholderText(tr("WMS layers, comma-separated"))
        form.addRow(tr("WMS layers"), self.layers_edit)
        self.attribution_edit = QLineEdit(self)
        self.attribution_edit.setObjectName("RemixWebBaseLayerAttribution")
        self.attribution_edit.setPlaceholderText(tr("e.g. © OpenStreetMap contributors"))
        form.addRow(tr("Credit"), self.attribution_edit)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setObjectName("RemixWebPublishProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Publish"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        stored = stored_base_layer()
        if stored is not None:
            self.type_combo.setCurrentIndex(BASE_LAYER_TYPES.index(stored["type"]))
            self.url_edit.setText(stored.get("url", ""))
            self.layers_edit.setText(stored.get("layers", ""))
            self.attribution_edit.setText(stored.get("attribution", ""))
        self._type_changed()
        self.resize(620, self.sizeHint().height())

    def _type_changed(self, _index=None):
        kind = self.type_combo.currentData()
        self.url_edit.setEnabled(bool(kind))
        self.attribution_edit.setEnabled(bool(kind))
        self.layers_edit.setEnabled(kind == "wms")
        self.url_edit.setPlaceholderText(
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png" if kind == "xyz" else
            tr("https://… the WMS service address") if kind == "wms" else "")

    def _browse(self, _checked=False):
        folder = self.publisher.choose_folder()
        if folder:
            self.folder_edit.setText(folder)

    def folder(self):
        return self.folder_edit.text().strip() or None

    def base_layer(self):
        """publish_web's ``base_layer`` from the fields (None: no base map)."""
        kind = self.type_combo.currentData()
        if not kind:
            return None
        layer = {"type": kind, "url": self.url_edit.text().strip()}
        attribution = self.attribution_edit.text().strip()
        if kind == "wms" and self.layers_edit.text().strip():
            layer["layers"] = self.layers_edit.text().strip()
        if attribution:
            layer["attribution"] = attribution
        return layer

    def check(self):
        """The reason OK cannot publish (shown under the fields), None when it can."""
        if not self.folder():
            return tr("Choose the folder of the web atlas.")
        return base_layer_problem(self.base_layer(), self.language)

    def accept(self):
        reason = self.check()
        if reason:
            self.problem.setText(reason)
            self.problem.show()
            return
        self.problem.hide()
        store_base_layer(self.base_layer())
        super().accept()


class WebPublishResult(ResultDialog):
    """What was published (or why nothing was), with "Open in the browser" and "Open folder"."""

    def __init__(self, task, parent=None, language=None, preview=None, open_url=None):
        super().__init__(task, "RemixWebPublishResult", tr("Publish on the web"), "RemixWebPublishSummary",
                         parent, language, open_url)
        self.preview = preview  # callable(folder) -> url (the dock's one preview server)
        self.browser_button = self.action_button(tr("Open in the browser"), "RemixWebOpenBrowser")
        self.folder_button = self.action_button(tr("Open folder"), "RemixWebOpenFolder")
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
            self.add_action(self.browser_button, self.open_in_browser,
                            tr("Serve {folder} on 127.0.0.1 and open its index.html "
                               "in the web browser").format(folder=task.out_dir))
            self.add_action(self.folder_button, self.open_folder, str(index.parent))
        else:
            self.index = None
            self.summary.setText(tr("Nothing was published: {reason}").format(
                reason=task.error_message(self.language)))
            self.browser_button.hide()
            self.folder_button.hide()
        self.finish_layout()
        self.resize(560, self.sizeHint().height())

    def open_in_browser(self, _checked=False):
        if self.preview is not None:
            return self.open_address(self.preview(self.task.out_dir))
        return self.open_local(self.index)

    def open_folder(self, _checked=False):
        return self.open_local(Path(self.task.out_dir))


class WebPublisher(DockJob):
    """The dock's web publication: one task at a time, its result dialog, the preview server."""

    def __init__(self, dock):
        super().__init__(dock)
        self.options = None  # the WebPublishDialog open, if any
        self.server = None
        self.open_url = None  # tests replace the browser

    def source(self):
        return dock_source(self.dock)

    def source_label(self):
        path = self.dock.gpkg_path
        return Path(path).name if path and Path(path).is_file() else str(path)

    def choose_folder(self):
        settings = QgsSettings()
        source = self.source()
        start = settings.value(FOLDER_KEY, "", type=str) or (
            str(Path(source).parent) if source and Path(source).is_file() else str(Path.home()))
        folder = QFileDialog.getExistingDirectory(
            self.dock, tr("Folder of the web atlas (new, empty or a previous publication)"), start)
        if folder:
            settings.setValue(FOLDER_KEY, str(Path(folder).parent))
        return folder or None

    def start(self, out_dir=None, base_layer=None):
        """Publish the saved GeoPackage or the connected database into ``out_dir`` with
        ``base_layer`` in the background; without ``out_dir`` the options dialog asks for both
        (returns None: the task starts on its OK, ``self.options`` is the dialog)."""
        if self.source() is None:
            self.dock._message(tr("The web atlas is published from a saved RE.MIX GeoPackage or from "
                                  "the central database: open one first."), "Warning", 10)
            return None
        if self.busy(tr("The web atlas is already being written.")):
            return None
        if not out_dir:
            self.ask()
            return None
        return self._publish(out_dir, base_layer)

    def ask(self):
        """Open the options dialog (window-modal, not blocking); its OK publishes."""
        if self.options is not None:
            self.options.close()
            self.options.deleteLater()
        parent = self._parent()
        self.options = WebPublishDialog(self, self.source_label(), parent)
        self.options.accepted.connect(
            lambda dialog=self.options: self._publish(dialog.folder(), dialog.base_layer()))
        self.options.open()
        return self.options

    def _publish(self, out_dir, base_layer=None):
        if self.task is not None or not out_dir:
            return None
        source = self.source()
        if source is None:
            return None
        self.warn_unsaved(tr("The web publication"))
        return self.run(PublishWebTask(source, out_dir, ui_language(), on_finished=self._finished,
                                       base_layer=base_layer),
                        tr("Writing the web atlas in the background…"))

    def _finished(self, task):
        self.finished()
        self.show_result(WebPublishResult(task, self._parent(), preview=self.preview, open_url=self.open_url))
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

    def extra_dialogs(self):
        return (self.options,)

    def teardown(self):
        super().teardown()
        self.options = None
        if self.server is not None:
            self.server.stop()
            self.server = None


def publisher(dock):
    """The dock's WebPublisher (made on first use)."""
    if dock.web_publisher is None:
        dock.web_publisher = WebPublisher(dock)
    return dock.web_publisher


def publish_from_dock(dock, _current_item=None, out_dir=None, base_layer=None):
    """The declared action "Publish on the web…": returns the task (None when not started, or
    when the options dialog is asking). Without a dock (a test driving the controller alone)
    there is nothing to publish."""
    if dock is None:
        return None
    return publisher(dock).start(out_dir, base_layer)
