"""The plugin shell against pytest-qgis's QgisInterface: everything initGui registers is really
there, and after unload nothing of ours remains (provider, dock, toolbar, menu actions).

pytest-qgis's iface keeps no menus (addPluginToMenu is a no-op, removePluginMenu a MagicMock) and
does not dock widgets, so the ``iface`` fixture below routes those calls to real state: a menu
register and the real QMainWindow behind ``iface.mainWindow()``.
"""

import pytest
from qgis.core import QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QToolBar

MENU = "&RE.MIX"
ACTION_NAMES = {"RemixPanelAction", "RemixNewGeoPackageAction", "RemixOpenGeoPackageAction"}


class MenuRegister:
    def __init__(self):
        self.menus = {}

    def add(self, name, action):
        self.menus.setdefault(name, []).append(action)

    def remove(self, name, action):
        actions = self.menus.get(name, [])
        if action in actions:
            actions.remove(action)
        if not actions:
            self.menus.pop(name, None)


@pytest.fixture
def iface(qgis_iface, monkeypatch):
    register = MenuRegister()
    main_window = qgis_iface.mainWindow()
    monkeypatch.setattr(qgis_iface, "addPluginToMenu", register.add, raising=False)
    monkeypatch.setattr(qgis_iface, "removePluginMenu", register.remove, raising=False)
    monkeypatch.setattr(qgis_iface, "addDockWidget", main_window.addDockWidget, raising=False)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", main_window.removeDockWidget, raising=False)
    # QGIS's shared Plugins toolbar (the plugin adds its button there, not a toolbar of its own)
    plugins_toolbar = main_window.findChild(QToolBar, "mPluginToolBar") or QToolBar("Plugins", main_window)
    plugins_toolbar.setObjectName("mPluginToolBar")
    monkeypatch.setattr(qgis_iface, "addToolBarIcon", plugins_toolbar.addAction, raising=False)
    monkeypatch.setattr(qgis_iface, "removeToolBarIcon", plugins_toolbar.removeAction, raising=False)
    qgis_iface.plugins_toolbar = plugins_toolbar
    qgis_iface.menu_register = register
    yield qgis_iface
    del qgis_iface.menu_register
    del qgis_iface.plugins_toolbar


@pytest.fixture
def make_plugin():
    """classFactory, with a safety unload at teardown so one failing test cannot leave the
    provider or dock registered and break the next ones."""
    from remix_plugin import classFactory

    made = []

    def make(iface):
        plugin = classFactory(iface)
        made.append(plugin)
        return plugin

    yield make
    for plugin in made:
        try:
            plugin.unload()
        except Exception as error:  # teardown after a failure: report, do not mask the failure
            print(f"teardown unload failed: {error!r}")
    flush_deletes()


def flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def remix_provider():
    return QgsApplication.processingRegistry().providerById("remix")


def test_init_gui_registers_everything_and_unload_removes_it(iface, make_plugin):
    main_window = iface.mainWindow()
    assert remix_provider() is None
    plugin = make_plugin(iface)
    plugin.initGui()

    menu_actions = iface.menu_register.menus[MENU]
    assert {a.objectName() for a in menu_actions} == ACTION_NAMES
    assert all(a.text() and a.toolTip() for a in menu_actions)

    assert main_window.findChild(QToolBar, "RemixToolbar") is None  # no whole row for one button
    assert [a.objectName() for a in iface.plugins_toolbar.actions()] == ["RemixPanelAction"]

    dock = main_window.findChild(QDockWidget, "RemixDock")
    assert dock is not None
    assert main_window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.isHidden()
    panel = main_window.findChild(QAction, "RemixPanelAction")
    panel.setChecked(True)
    assert not dock.isHidden()
    panel.setChecked(False)
    assert dock.isHidden()

    provider = remix_provider()
    assert provider is not None
    assert provider.name() == "RE.MIX"

    actions = list(menu_actions)
    plugin.unload()
    flush_deletes()

    assert remix_provider() is None
    assert MENU not in iface.menu_register.menus
    assert main_window.findChild(QDockWidget, "RemixDock") is None
    assert iface.plugins_toolbar.actions() == []
    assert all(sip.isdeleted(a) for a in actions)
    assert main_window.findChildren(QAction, "RemixPanelAction") == []
    assert plugin.actions == [] and plugin.dock is None and plugin.provider is None


def test_reload_cycle_leaves_a_single_copy(iface, make_plugin):
    """What Plugin Reloader does: unload, then a new instance; nothing doubled, nothing left."""
    main_window = iface.mainWindow()
    for _ in range(2):
        plugin = make_plugin(iface)
        plugin.initGui()
        assert len(main_window.findChildren(QDockWidget, "RemixDock")) == 1
        assert len(iface.menu_register.menus[MENU]) == 3
        plugin.unload()
        flush_deletes()
    assert main_window.findChildren(QDockWidget, "RemixDock") == []
    assert remix_provider() is None


def test_init_processing_alone_as_qgis_process_does(make_plugin):
    """qgis_process builds the plugin with iface=None and calls only initProcessing."""
    plugin = make_plugin(None)
    plugin.initProcessing()
    plugin.initProcessing()  # idempotent
    assert remix_provider() is not None
    QgsApplication.processingRegistry().removeProvider(plugin.provider)
    plugin.provider = None
    assert remix_provider() is None
