"""The RE.MIX dock panel: the content of the open GeoPackage as a tree, with one-click actions.

programmi → progetti → lavori, azioni, criticità, with a search box and filters; selecting an
item selects and zooms to it on the map, a double click opens its form. Edits go through the
layers' edit buffers (QGIS's undo stack): the tree follows them live and never commits.

This module is the shell QGIS creates at start-up: the dock widget and its empty state ("open or
create a file"). The page for an open file (``dock_view.DockPage``, the widgets generated from
``dock_definitions`` over a ``dock_controller.DockController``) is built when a file is first
shown; its widgets and operations read through the dock (``dock.tree``, ``dock.add_child(…)``).
"""

from qgis.core import QgsProject
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ..compat import message_level
from ..i18n import tr
from ..log import get_logger

LOG = get_logger("gui.dock")


class RemixDock(QgsDockWidget):
    def __init__(self, plugin, parent=None):
        super().__init__(tr("RE.MIX"), parent)
        self.plugin = plugin
        self.iface = getattr(plugin, "iface", None)
        self.page = None  # DockPage, built by _ensure_main_page() when a GeoPackage is first shown
        self._connections = []  # (signal, slot) on objects that outlive the dock
        self.web_publisher = None  # web_publish.WebPublisher, made by "Publish on the web…"

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_empty_page())
        self.setWidget(self.stack)
        qgis_project = QgsProject.instance()
        self._connect(qgis_project.layersWillBeRemoved, self._layers_will_be_removed)
        self._connect(qgis_project.cleared, self._project_cleared)
        if self.iface is not None and hasattr(self.iface, "currentLayerChanged"):
            self._connect(self.iface.currentLayerChanged, self._active_layer_changed)

    # -- construction ----------------------------------------------------------------------
    def _build_empty_page(self):
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.prompt = QLabel(
            tr("Open or create a RE.MIX GeoPackage to map regeneration projects."), body
        )
        self.prompt.setObjectName("RemixDockPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)

        self.new_button = QPushButton(tr("New RE.MIX GeoPackage…"), body)
        self.new_button.setToolTip(tr("Create an empty RE.MIX GeoPackage with its forms, styles and project"))
        self.new_button.clicked.connect(self.plugin.new_geopackage)
        layout.addWidget(self.new_button)

        self.open_button = QPushButton(tr("Open RE.MIX GeoPackage…"), body)
        self.open_button.setToolTip(tr("Open a RE.MIX GeoPackage and the project stored inside it"))
        self.open_button.clicked.connect(self.plugin.open_geopackage)
        layout.addWidget(self.open_button)

        self.connect_button = QPushButton(tr("Connect to the RE.MIX database…"), body)
        self.connect_button.setObjectName("RemixConnectCentralButton")
        self.connect_button.setToolTip(tr("Open the central RE.MIX database (PostgreSQL) from a saved "
                                          "QGIS connection or a pg_service.conf service, with the "
                                          "project stored in it"))
        self.connect_button.clicked.connect(self._connect_central)
        layout.addWidget(self.connect_button)
        layout.addStretch(1)
        return body

    def _connect_central(self, _checked=False):
        from .central_connect import connect_from_dock

        return connect_from_dock(self)

    def _ensure_main_page(self):
        """Build the page for an open file on first use (keeps QGIS start-up in milliseconds)."""
        if self.page is None:
            from .dock_view import DockPage

            self.page = DockPage(self)
            self.stack.addWidget(self.page)
        return self.page

    @property
    def main_page(self):
        return self.page

    def __getattr__(self, name):
        """The page's widgets, state and operations read through the dock (``dock.tree``,
        ``dock.layers``, ``dock.select_item``…); called only for names the shell lacks."""
        page = self.__dict__.get("page")
        if page is None or name.startswith("__"):
            raise AttributeError(name)
        return getattr(page, name)

    @property
    def layers(self):
        return self.page.layers if self.page is not None else {}

    @property
    def gpkg_path(self):
        return self.page.gpkg_path if self.page is not None else None

    @property
    def _dirty(self):  # the tables to re-read at the next rebuild (benchmarks set it)
        return self.page._dirty if self.page is not None else None

    @_dirty.setter
    def _dirty(self, tables):
        self._ensure_main_page()._dirty = tables

    # -- connections -----------------------------------------------------------------------
    def _connect(self, signal, slot):
        signal.connect(slot)
        self._connections.append((signal, slot))

    def teardown(self):
        """Disconnect what we connected to objects that outlive the dock (plugin unload)."""
        from .dock_view import disconnect_all

        if self.web_publisher is not None:
            self.web_publisher.teardown()
        if self.page is not None:
            self.page.teardown()
        disconnect_all(self._connections)
        for button in (self.new_button, self.open_button, self.connect_button):
            try:
                button.clicked.disconnect()
            except TypeError:  # nothing connected
                continue

    # -- opening a GeoPackage, and the empty state ---------------------------------------------
    def set_geopackage(self, path):
        """Show the RE.MIX GeoPackage at ``path`` (its layers must already be in the project)."""
        return self._ensure_main_page().set_geopackage(path)

    def set_problem_projects(self, uuids):
        """Projects with validation findings (set of uuids); None when no validation has run."""
        self._ensure_main_page().set_problem_projects(uuids)

    def show_empty(self, prompt=None):
        """The empty state, with ``prompt`` (or the default invitation) as its text."""
        self.prompt.setText(prompt or tr("Open or create a RE.MIX GeoPackage to map regeneration projects."))
        self.stack.setCurrentIndex(0)

    def update_actions(self):
        if self.page is not None:  # nothing to enable before a GeoPackage is shown
            self.page.update_actions()

    def update_unsaved(self):
        return self.page.update_unsaved() if self.page is not None else 0

    def _layers_will_be_removed(self, layer_ids):
        ours = {layer.id() for layer in self.layers.values() if layer is not None}
        if ours & set(layer_ids):
            self._reset()

    def _project_cleared(self):
        self._reset()

    def _reset(self):
        if self.page is not None:
            self.page.reset()
        self.show_empty()
        self.update_actions()

    def _active_layer_changed(self, layer):
        if self.page is not None:
            self.page._active_layer_changed(layer)

    def _message(self, text, level="Info", duration=6):
        bar = self.iface.messageBar() if self.iface is not None else None
        if bar is not None and hasattr(bar, "pushMessage"):
            bar.pushMessage(tr("RE.MIX"), text, message_level(level), duration)
        LOG.info(text)
