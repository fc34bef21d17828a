"""The thin plugin shell: registers actions, the dock and the Processing provider, and undoes
each registration in ``unload``. All real work lives in the core packages and is imported on
first use, so QGIS start-up stays in milliseconds."""

from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from . import log
from .i18n import install_translator, remove_translator, tr

PLUGIN_DIR = Path(__file__).resolve().parent
ICON_PATH = str(PLUGIN_DIR / "icons" / "remix.svg")
MENU_TITLE = "&RE.MIX"


class RemixPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.actions = []
        self.toolbar_actions = []  # in QGIS's shared Plugins toolbar (no row of our own for one button)
        self.dock = None
        self.provider = None
        self.translator = None
        self.log_handler = None
        self.path_preprocessor = None
        self.project_watched = None  # QgsProject whose first clear registers the preprocessor
        self.form_hints = None

    # -- Processing ----------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 (QGIS API)
        """Called by QGIS (and by qgis_process, where iface is None)."""
        if self.path_preprocessor is None and self.project_watched is None:
            self._watch_first_project_read()
        if self.provider is not None:
            return
        from .processing.provider import RemixProvider

        self.provider = RemixProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def _watch_first_project_read(self):
        """A copied or renamed RE.MIX file reads itself (layers/paths.py). Its path preprocessor
        has nothing to do until QGIS starts reading a project, which begins by clearing it: it is
        imported and registered then, not at start-up."""
        self.project_watched = QgsProject.instance()
        self.project_watched.cleared.connect(self._register_path_preprocessor)

    def _register_path_preprocessor(self):
        self._stop_watching_project()
        from .layers.paths import PathPreprocessor

        # this clear is the one a registered preprocessor would have seen: a read may follow
        self.path_preprocessor = PathPreprocessor(reading_instance=True)

    def _stop_watching_project(self):
        if self.project_watched is not None:
            self.project_watched.cleared.disconnect(self._register_path_preprocessor)
            self.project_watched = None

    # -- GUI -----------------------------------------------------------------------------
    def initGui(self):  # noqa: N802 (QGIS API)
        self.log_handler = log.attach_to_qgis_log()
        self.translator = install_translator()
        self.initProcessing()

        from .gui.form_watch import FormHints

        # definitions and "why OK is disabled" in the forms QGIS opens
        self.form_hints = FormHints().install(self.iface.mainWindow())

        from .compat import dock_area
        from .gui.dock import RemixDock

        main_window = self.iface.mainWindow()
        self.dock = RemixDock(self, main_window)
        self.dock.setObjectName("RemixDock")
        self.iface.addDockWidget(dock_area("RightDockWidgetArea"), self.dock)
        self.dock.hide()

        icon = QIcon(ICON_PATH)
        panel_action = self._add_action(
            icon, tr("RE.MIX panel"), tr("Show or hide the RE.MIX panel"), None, toolbar=True
        )
        panel_action.setCheckable(True)
        panel_action.setObjectName("RemixPanelAction")
        panel_action.toggled.connect(self.dock.setVisible)
        self.dock.visibilityChanged.connect(panel_action.setChecked)
        self.panel_action = panel_action

        self._add_action(
            QIcon(), tr("New RE.MIX GeoPackage…"),
            tr("Create an empty RE.MIX GeoPackage with its forms, styles and project"),
            self.new_geopackage,
        ).setObjectName("RemixNewGeoPackageAction")
        self._add_action(
            QIcon(), tr("Open RE.MIX GeoPackage…"),
            tr("Open a RE.MIX GeoPackage and the project stored inside it"),
            self.open_geopackage,
        ).setObjectName("RemixOpenGeoPackageAction")

    def _add_action(self, icon, text, tip, callback, toolbar=False):
        action = QAction(icon, text, self.iface.mainWindow())
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if callback is not None:
            action.triggered.connect(callback)
        self.iface.addPluginToMenu(MENU_TITLE, action)
        if toolbar:
            self.iface.addToolBarIcon(action)
            self.toolbar_actions.append(action)
        self.actions.append(action)
        return action

    def unload(self):
        for action in self.actions:
            self.iface.removePluginMenu(MENU_TITLE, action)
            if action in self.toolbar_actions:
                self.iface.removeToolBarIcon(action)
            action.deleteLater()
        self.toolbar_actions = []
        self.actions = []
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.teardown()
            self.dock.deleteLater()
            self.dock = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None
        log.detach_from_qgis_log(self.log_handler)
        self.log_handler = None
        self._stop_watching_project()
        if self.path_preprocessor is not None:
            self.path_preprocessor.remove()
            self.path_preprocessor = None
        if self.form_hints is not None:
            self.form_hints.uninstall()
            self.form_hints = None

    # -- Entry points (delegated to the GUI controller, imported on first use) -----------
    def new_geopackage(self):
        from .gui import geopackage_actions

        geopackage_actions.new_geopackage(self.iface, self.dock)

    def open_geopackage(self):
        from .gui import geopackage_actions

        geopackage_actions.open_geopackage(self.iface, self.dock)
