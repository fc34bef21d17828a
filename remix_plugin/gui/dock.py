"""The RE.MIX dock panel: the content of the open GeoPackage as a tree, with one-click actions.

programmi → progetti → lavori, azioni, criticità, with a search box and filters; selecting an
item selects and zooms to it on the map, a double click opens its form. Edits go through the
layers' edit buffers (QGIS's undo stack): the tree follows them live and never commits.
"""

from functools import partial
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsRectangle,
)
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget, QgsFilterLineEdit, QgsMapCanvas
from qgis.PyQt.QtCore import QItemSelectionModel, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAction,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..compat import message_level
from ..i18n import tr, ui_language
from ..log import get_logger
from .buttons import button_grid

# The tree, filter, actions and tools modules are imported where they are used (first use), so
# that QGIS start-up only pays for this shell and its empty-state page.
from .tree_roles import CHILD_KINDS, FID_ROLE, KIND_ROLE, KIND_TABLE, UUID_ROLE

LOG = get_logger("gui.dock")
DEBOUNCE_MS = 200
WATCHED_TABLES = ("programmi", "progetti", "lavori", "azioni", "criticita", "progetto_attori",
                  "attori", "fasi", "misure", "indicatori")
LAYER_SIGNALS = ("featureAdded", "featureDeleted", "attributeValueChanged", "geometryChanged",
                 "afterCommitChanges", "afterRollBack")
# Edit-state signals of every layer of the file: they drive "N modifiche non salvate".
EDIT_SIGNALS = ("editingStarted", "editingStopped", "layerModified", "afterCommitChanges",
                "afterRollBack")
# Map selection -> tree: layers whose single selected feature becomes the tree's current item.
MAP_SELECTION_KINDS = {"lavori": "lavoro", "criticita": "criticita", "progetti": "progetto",
                       "azioni": "azione"}
ADDED_KIND = {"criticita": "criticita", "progetto_attori": "attore", "fasi": "fase", "misure": "misura",
              "azioni": "azione"}


class Selection:
    """What the current tree item means for the actions."""

    def __init__(self, kind="", uuid="", fid=None, project_uuid="", lavoro_uuid="", programme_uuid=""):
        self.kind, self.uuid, self.fid = kind, uuid, fid
        self.project_uuid, self.lavoro_uuid, self.programme_uuid = project_uuid, lavoro_uuid, programme_uuid


class RemixDock(QgsDockWidget):
    def __init__(self, plugin, parent=None):
        super().__init__(tr("RE.MIX"), parent)
        self.plugin = plugin
        self.iface = getattr(plugin, "iface", None)
        self.gpkg_path = None
        self.layers = {}
        self.data = None  # TreeData, once the main page exists
        self.session = None
        self._connections = []  # (signal, slot) on objects that outlive the dock
        self._layer_connections = []  # (signal, slot) on the RE.MIX layers
        self._watched_layer = None
        self._restoring = False
        self._selecting = False  # the dock itself is selecting features (no map -> tree echo)
        self._cache = {}  # table -> rows read from the layer (re-read when the layer changes)
        self._dirty = None  # tables changed since the last rebuild; None = all

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.rebuild)
        self._unsaved_timer = QTimer(self)
        self._unsaved_timer.setSingleShot(True)
        self._unsaved_timer.setInterval(100)
        self._unsaved_timer.timeout.connect(self.update_unsaved)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_empty_page())
        self.main_page = None  # built by _ensure_main_page() when a GeoPackage is first shown
        self.setWidget(self.stack)
        self._connect(QgsProject.instance().layersWillBeRemoved, self._layers_will_be_removed)
        self._connect(QgsProject.instance().cleared, self._project_cleared)
        if self.iface is not None and hasattr(self.iface, "currentLayerChanged"):
            self._connect(self.iface.currentLayerChanged, self._active_layer_changed)
        self.update_actions()

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
        layout.addStretch(1)
        return body

    def _ensure_main_page(self):
        """Build the tree page on first use (keeps QGIS start-up in milliseconds)."""
        if self.main_page is None:
            from .project_tree import TreeData

            self.data = TreeData()
            self.main_page = self._build_main_page()
            self.stack.addWidget(self.main_page)
        return self.main_page

    def _make_action(self, icon, text, tip, slot, name):
        from qgis.core import QgsApplication

        action = QAction(QgsApplication.getThemeIcon(icon), text, self)
        action.setObjectName(name)
        action.setProperty("remix_tip", tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_main_page(self):
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)

        self.file_label = QLabel(body)
        self.file_label.setObjectName("RemixDockFile")
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        layout.addLayout(self._build_save_row(body))

        self.action_new_project = self._make_action(
            "/mActionFileNew.svg", tr("New project"),
            tr("Create a new project: fill its form, then draw the perimeter of its first work"),
            self.new_project, "RemixNewProject")
        self.action_draw = self._make_action(
            "/mActionCapturePolygon.svg", tr("Draw perimeter"),
            tr("Draw the perimeter of a new work of the selected project, snapping to the comuni "
               "and to the visible layers"),
            self.draw_perimeter, "RemixDrawPerimeter")
        self.action_from_selection = self._make_action(
            "/mActionEditPaste.svg", tr("Perimeter from selection"),
            tr("Create a work of the selected project from each selected feature of the active "
               "polygon layer (cadastral parcel, PGT area…), transformed to the working CRS"),
            self.perimeter_from_selection, "RemixPerimeterFromSelection")
        self.action_azione = self._make_action(
            "/mActionLink.svg", tr("Attach action"),
            tr("Add an action (social, cultural or economic) to the selected project or work"),
            self.attach_azione, "RemixAttachAzione")
        self.action_criticita = self._make_action(
            "/mIconWarning.svg", tr("Add problem"),
            tr("Add a problem (criticità) answered by the selected project"),
            lambda: self.add_child("criticita"), "RemixAddCriticita")
        self.action_attore = self._make_action(
            "/mActionNewAttribute.svg", tr("Add actor"),
            tr("Involve an actor in the selected project"),
            lambda: self.add_child("progetto_attori"), "RemixAddAttore")
        self.action_fase = self._make_action(
            "/mActionNewTableRow.svg", tr("Add phase"),
            tr("Add the next phase of the selected project"),
            lambda: self.add_child("fasi"), "RemixAddFase")
        self.action_misura = self._make_action(
            "/mActionMeasure.svg", tr("Add measurement"),
            tr("Record a measurement of an indicator (KPI) for the selected project"),
            lambda: self.add_child("misure"), "RemixAddMisura")
        self.actions_list = [self.action_new_project, self.action_draw, self.action_from_selection,
                             self.action_azione, self.action_criticita, self.action_attore,
                             self.action_fase, self.action_misura]
        layout.addLayout(button_grid(self.actions_list, body))
        from .dock_tools import DockTools

        self.tools = DockTools(self)
        layout.addLayout(self.tools.build(body))

        self.search = QgsFilterLineEdit(body)
        self.search.setObjectName("RemixSearch")
        self.search.setShowSearchIcon(True)
        self.search.setPlaceholderText(tr("Search projects, works, actions, comuni…"))
        self.search.setToolTip(tr("Shows the projects whose title, comune or works, actions and "
                                  "problems contain the text"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        layout.addWidget(self.search)

        self.filters_box = QgsCollapsibleGroupBox(tr("Filters"), body)
        self.filters_box.setObjectName("RemixFilters")
        form = QFormLayout(self.filters_box)
        form.setContentsMargins(4, 4, 4, 4)
        self.comune_combo = self._combo(tr("Only projects in this comune (their own or their works')"))
        self.zona_combo = self._combo(tr("Only projects in a comune of this zona omogenea"))
        self.ambito_combo = self._combo(tr("Only projects with this field of opportunity"))
        self.scala_combo = self._combo(tr("Only projects with this scale of expected impact"))
        self.stato_combo = self._combo(tr("Only projects in this state"))
        form.addRow(tr("Comune"), self.comune_combo)
        form.addRow(tr("Zona omogenea"), self.zona_combo)
        form.addRow(tr("Field of opportunity"), self.ambito_combo)
        form.addRow(tr("Scale of impact"), self.scala_combo)
        form.addRow(tr("State"), self.stato_combo)
        row = QHBoxLayout()
        self.problems_check = QCheckBox(tr("Only with problems"), self.filters_box)
        self.problems_check.setObjectName("RemixOnlyProblems")
        self.problems_check.toggled.connect(self._filters_changed)
        row.addWidget(self.problems_check, 1)
        self.clear_button = QPushButton(tr("Clear filters"), self.filters_box)
        self.clear_button.setToolTip(tr("Show every project again"))
        self.clear_button.clicked.connect(self.clear_filters)
        row.addWidget(self.clear_button)
        form.addRow(row)
        self.filters_box.setCollapsed(True)
        layout.addWidget(self.filters_box)

        from .project_tree import RemixTreeModel
        from .tree_filter import RemixTreeFilter

        self.model = RemixTreeModel(self)
        self.proxy = RemixTreeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(body)
        self.tree.setObjectName("RemixTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.doubleClicked.connect(self.open_form)
        layout.addWidget(self.tree, 1)

        self.status_label = QLabel(body)
        self.status_label.setObjectName("RemixDockStatus")
        layout.addWidget(self.status_label)
        self._set_problems_available(False)
        return body

    def _build_save_row(self, body):
        """"N modifiche non salvate" and *Salva*: every layer of the file, parents first."""
        from qgis.PyQt.QtWidgets import QToolButton

        row = QHBoxLayout()
        self.unsaved_label = QLabel(body)
        self.unsaved_label.setObjectName("remixUnsavedLabel")
        self.unsaved_label.setWordWrap(True)
        row.addWidget(self.unsaved_label, 1)
        self.action_save_all = self._make_action(
            "/mActionSaveAllEdits.svg", tr("Save"),
            tr("Save the edits of every layer of this GeoPackage together (projects before their "
               "works, actions, actors, phases and measurements)"),
            self.save_all, "remixSaveAll")
        self.save_button = QToolButton(body)
        self.save_button.setObjectName("remixSaveAllButton")
        self.save_button.setDefaultAction(self.action_save_all)
        self.save_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        row.addWidget(self.save_button)
        self.basemap_button = QToolButton(body)
        self.basemap_button.setObjectName("remixBaseMapButton")
        self.basemap_button.setText(tr("Base map"))
        self.basemap_button.setToolTip(tr("Add a base map to draw on (cadastre, orthophoto, topographic "
                                          "database, OpenStreetMap): needs the network, never required"))
        self.basemap_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.basemap_button.setMenu(self._build_basemap_menu(self.basemap_button))
        row.addWidget(self.basemap_button)
        self.language_button = QToolButton(body)
        self.language_button.setObjectName("remixLanguageButton")
        self.language_button.setText("IT/EN")
        self.language_button.setToolTip(tr("Language of the layer names and forms stored in this GeoPackage"))
        self.language_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        from qgis.PyQt.QtWidgets import QMenu

        menu = QMenu(self.language_button)
        for language, text in (("it", "Etichette in italiano"), ("en", "Labels in English")):
            action = menu.addAction(text)  # each in its own language, like a language menu
            action.setObjectName("remixLanguage_" + language)
            action.triggered.connect(partial(self.switch_language, language))
        self.language_button.setMenu(menu)
        row.addWidget(self.language_button)
        return row

    def switch_language(self, language, *_args, ask_unsaved=None):
        """Rewrite the file's stored project with its labels in ``language`` and reopen it (the
        unsaved edits are asked about first: reopening reads the saved data)."""
        from ..forms.language import switch_stored_language
        from ..layers.errors import RemixFileError
        from . import geopackage_actions
        from .unsaved import confirm_unsaved, project_modified_layers

        path = self.gpkg_path
        if not path:
            return False
        if not confirm_unsaved(project_modified_layers(), tr("Changing the language of the labels"), self,
                               ask=ask_unsaved, report=lambda text: self._message(text, "Critical", 0)):
            return False
        try:
            switch_stored_language(path, language)
        except RemixFileError as error:
            self._message(error.message(ui_language()), "Critical", 0)
            return False
        opened = geopackage_actions.open_path(self.iface, self, path, ask_unsaved=ask_unsaved)
        if opened:
            self._message(tr("Layer names and forms are now in {language}.").format(
                language="italiano" if language == "it" else "English"), "Success", 5)
        return opened

    def _build_basemap_menu(self, parent):
        from qgis.PyQt.QtWidgets import QMenu

        from ..basemaps import load_presets

        menu = QMenu(parent)
        menu.setObjectName("remixBaseMapMenu")
        language = ui_language()
        for preset in load_presets():
            action = menu.addAction(preset.label(language))
            action.setObjectName("remixBaseMap_" + preset.id)
            action.setToolTip(preset.description(language))
            action.triggered.connect(partial(self.add_base_map, preset.id))
        menu.setToolTipsVisible(True)
        return menu

    def add_base_map(self, preset_id, *_args, probe_timeout_ms=None):
        """Add the preset's layer below the RE.MIX layers, once its service answers."""
        from .basemap_loader import BaseMapLoader

        # Kept until done: a second click must not drop the first probe's loader.
        pending = [loader for loader in getattr(self, "base_map_loaders", []) if not loader.done]
        loader = BaseMapLoader(self.iface, self._message)
        self.base_map_loaders = pending + [loader]
        return loader.add(preset_id, probe_timeout_ms=probe_timeout_ms)

    def _combo(self, tip):
        combo = QComboBox(self)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def _fill_combos(self):
        from ..taxonomy import load_scheme

        language = ui_language()
        scheme = load_scheme()
        everything = tr("(all)")
        comuni = sorted(self.data.comuni.items(), key=lambda kv: kv[1][0].casefold())
        choices = (
            (self.comune_combo, [(nome, istat) for istat, (nome, _z) in comuni]),
            (self.zona_combo, [(t.label(language), t.code)
                               for t in scheme.dimension("zona_omogenea").terms]),
            (self.ambito_combo, [(t.label(language), t.code)
                                 for t in scheme.dimension("ambito_opportunita").terms]),
            (self.scala_combo, [(t.label(language), t.code)
                                for t in scheme.dimension("scala_impatto").terms]),
            (self.stato_combo, [(t.label(language), t.code)
                                for t in scheme.dimension("stato_progetto").terms]),
        )
        for combo, items in choices:
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            combo.addItem(everything, "")
            for label, code in items:
                combo.addItem(label, code)
            found = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    # -- connections -----------------------------------------------------------------------
    def _connect(self, signal, slot, bucket=None):
        signal.connect(slot)
        (self._connections if bucket is None else bucket).append((signal, slot))

    @staticmethod
    def _disconnect_all(bucket):
        while bucket:
            signal, slot = bucket.pop()
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):  # already gone with its object
                LOG.debug("signal already disconnected")

    def _attach_layers(self):
        from .unsaved import file_layers

        for table in WATCHED_TABLES:
            layer = self.layers.get(table)
            if layer is None:
                continue
            for name in LAYER_SIGNALS:
                signal = getattr(layer, name, None)
                if signal is not None:
                    self._connect(signal, partial(self._schedule, table), self._layer_connections)
        for layer in file_layers(self.gpkg_path):
            for name in EDIT_SIGNALS:
                signal = getattr(layer, name, None)
                if signal is not None:
                    self._connect(signal, self._schedule_unsaved, self._layer_connections)
        for table, kind in MAP_SELECTION_KINDS.items():
            layer = self.layers.get(table)
            if layer is not None:
                self._connect(layer.selectionChanged, partial(self._map_selection_changed, table, kind),
                              self._layer_connections)

    def _detach_layers(self):
        self._timer.stop()
        self._unsaved_timer.stop()
        if self.session is not None:
            self.session.finish()
            self.session = None
        self._disconnect_all(self._layer_connections)
        self._watch_selection(None)
        self.layers = {}

    def teardown(self):
        """Disconnect what we connected to objects that outlive the dock (plugin unload)."""
        if self.main_page is not None:
            self.tools.teardown()
            self._search_timer.stop()
        self._detach_layers()
        self._disconnect_all(self._connections)
        for button in (self.new_button, self.open_button):
            try:
                button.clicked.disconnect()
            except TypeError:  # nothing connected
                continue

    # -- opening a GeoPackage --------------------------------------------------------------
    def set_geopackage(self, path):
        """Show the RE.MIX GeoPackage at ``path`` (its layers must already be in the project)."""
        from .project_tree import TreeData, find_layers

        self._ensure_main_page()
        self._detach_layers()
        self.gpkg_path = str(path) if path else None
        layers = find_layers(self.gpkg_path) if self.gpkg_path else {}
        if layers.get("progetti") is None:
            self.gpkg_path = None
            self.data = TreeData()
            self.model.rebuild(self.data)
            if path:
                self.prompt.setText(tr("The layers of this RE.MIX GeoPackage are not in the project. "
                                       "Open it again with “Open RE.MIX GeoPackage…”."))
            self.stack.setCurrentIndex(0)
            self.update_actions()
            return False
        self.layers = layers
        self._cache, self._dirty = {}, None
        self._attach_layers()
        self.file_label.setText(Path(self.gpkg_path).name)
        self.file_label.setToolTip(self.gpkg_path)
        self.stack.setCurrentIndex(1)
        self.rebuild()
        self.update_unsaved()
        self._fill_combos()
        self._active_layer_changed(self.iface.activeLayer() if self.iface is not None else None)
        return True

    def _layers_will_be_removed(self, layer_ids):
        ours = {layer.id() for layer in self.layers.values() if layer is not None}
        if ours & set(layer_ids):
            self._reset()

    def _project_cleared(self):
        self._reset()

    def _reset(self):
        self._detach_layers()
        self.gpkg_path = None
        if self.main_page is not None:
            from .project_tree import TreeData

            self.data = TreeData()
            self.model.rebuild(self.data)
        self.prompt.setText(tr("Open or create a RE.MIX GeoPackage to map regeneration projects."))
        self.stack.setCurrentIndex(0)
        self.update_actions()

    # -- unsaved edits and saving ------------------------------------------------------------
    def _schedule_unsaved(self, *_args):
        self._unsaved_timer.start()

    def unsaved_layers(self):
        from .unsaved import file_modified_layers

        return file_modified_layers(self.gpkg_path) if self.gpkg_path else []

    def update_unsaved(self):
        """"N modifiche non salvate" (which layers in the tooltip) and *Salva* enabled with them."""
        if self.main_page is None:
            return 0
        from .unsaved import change_count, changes_text

        self._unsaved_timer.stop()
        layers = self.unsaved_layers()
        count = sum(change_count(layer) for layer in layers)
        if count:
            self.unsaved_label.setText(changes_text(count))
            self.unsaved_label.setToolTip("\n".join(
                f"{layer.name()}: {change_count(layer)}" for layer in layers))
            self.unsaved_label.setStyleSheet("color: #b35806; font-weight: bold;")
        else:
            self.unsaved_label.setText(tr("All changes saved") if self.gpkg_path else "")
            self.unsaved_label.setToolTip("")
            self.unsaved_label.setStyleSheet("")
        self._set_action(self.action_save_all, count > 0, tr("There is nothing to save"))
        return count

    def save_all(self, *_args):
        """Commit every layer of the file, parents before children; layers stay in edit mode."""
        from .unsaved import file_layers, save_layers

        if not self.gpkg_path:
            return None
        result = save_layers(file_layers(self.gpkg_path))
        if result.ok:
            self._message(result.message(), "Success", 4)
        else:
            self._message(result.message(), "Critical", 0)
        self.update_unsaved()
        self.rebuild()
        return result

    # -- the view on opening -----------------------------------------------------------------
    def zoom_to_file(self):
        """The comuni of the file's projects, or the metropolitan territory."""
        from .map_view import zoom_to_file

        return zoom_to_file(self._canvas(), self.layers)

    def _map_selection_changed(self, table, kind, *_args):
        """One feature selected on the map (or in the attribute table): make it the tree's item."""
        layer = self.layers.get(table)
        if self._selecting or layer is None or layer.selectedFeatureCount() != 1:
            return
        feature = layer.getFeature(layer.selectedFeatureIds()[0])
        uuid = feature["uuid"] if feature.isValid() and feature.fields().indexOf("uuid") >= 0 else None
        if isinstance(uuid, str) and uuid:
            current = self.tree.currentIndex()
            if current.isValid() and current.data(UUID_ROLE) == uuid:
                return
            self.select_item(kind, uuid, zoom=False)

    # -- the tree --------------------------------------------------------------------------
    def _schedule(self, table=None, *_args):
        """A layer changed: re-read it (only it) after a short pause, whatever the burst of edits."""
        if self._dirty is not None:
            self._dirty.add(table)
        self._timer.start()

    def rebuild(self, full=False):
        """Re-read the changed layers (edit buffers included) and rebuild the tree, keeping the
        expanded and current items."""
        from .project_tree import TreeData

        self._timer.stop()
        state = self._save_state()
        dirty = None if full or self._dirty is None else self._dirty
        self.data = TreeData.read(self.layers, self._cache, dirty)
        self._dirty = set()
        self.model.rebuild(self.data)
        self.proxy.refresh()
        self._restore_state(state)
        self._update_status()
        self.update_actions()

    def _save_state(self):
        expanded = set()
        proxy = self.proxy
        for row in range(proxy.rowCount()):
            top = proxy.index(row, 0)
            if not self.tree.isExpanded(top):
                continue
            expanded.add((top.data(KIND_ROLE), top.data(UUID_ROLE)))
            for child_row in range(proxy.rowCount(top)):
                child = proxy.index(child_row, 0, top)
                if self.tree.isExpanded(child):
                    expanded.add((child.data(KIND_ROLE), child.data(UUID_ROLE)))
                    for group_row in range(proxy.rowCount(child)):
                        group = proxy.index(group_row, 0, child)
                        if self.tree.isExpanded(group):
                            expanded.add(("group", child.data(UUID_ROLE), group.data(FID_ROLE)))
        current = self.tree.currentIndex()
        selected = (current.data(KIND_ROLE), current.data(UUID_ROLE)) if current.isValid() else None
        return expanded, selected

    def _restore_state(self, state):
        expanded, selected = state
        self._restoring = True
        try:
            proxy = self.proxy
            for row in range(proxy.rowCount()):
                top = proxy.index(row, 0)
                if (top.data(KIND_ROLE), top.data(UUID_ROLE)) not in expanded:
                    continue
                self.tree.setExpanded(top, True)
                for child_row in range(proxy.rowCount(top)):
                    child = proxy.index(child_row, 0, top)
                    if (child.data(KIND_ROLE), child.data(UUID_ROLE)) in expanded:
                        proxy.fetchMore(child)
                        self.tree.setExpanded(child, True)
                        for group_row in range(proxy.rowCount(child)):
                            group = proxy.index(group_row, 0, child)
                            if ("group", child.data(UUID_ROLE), group.data(FID_ROLE)) in expanded:
                                self.tree.setExpanded(group, True)
            if selected and selected[1]:
                self.select_item(*selected, zoom=False)
        finally:
            self._restoring = False

    def select_item(self, kind, uuid, zoom=True):
        """Make the item of ``kind`` with ``uuid`` current (expanding its parents)."""
        source = self.model.find(kind, uuid)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.setExpanded(parent, True)
            parent = parent.parent()
        restoring = self._restoring
        self._restoring = not zoom
        try:
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.scrollTo(index)
        finally:
            self._restoring = restoring
        return True

    def _update_status(self):
        counts = self.data.counts
        visible = len(self.proxy.visible_projects())
        text = tr("{programmes} programmes · {projects} projects · {works} works · {actions} actions · "
                  "{problems} problems").format(
            programmes=counts.get("programmi", 0), projects=counts.get("progetti", 0),
            works=counts.get("lavori", 0), actions=counts.get("azioni", 0),
            problems=counts.get("criticita", 0))
        if self.proxy.active:
            text = tr("{visible} of {total} projects shown").format(
                visible=visible, total=counts.get("progetti", 0)) + " · " + text
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    # -- filters ---------------------------------------------------------------------------
    def _apply_search(self):
        self.proxy.set_search(self.search.text())
        self._after_filter()

    def _filters_changed(self, *_args):
        proxy = self.proxy
        proxy.comune = self.comune_combo.currentData() or ""
        proxy.zona = self.zona_combo.currentData() or ""
        proxy.dimensions["ambito_opportunita"] = self.ambito_combo.currentData() or ""
        proxy.dimensions["scala_impatto"] = self.scala_combo.currentData() or ""
        proxy.dimensions["stato_progetto"] = self.stato_combo.currentData() or ""
        proxy.only_problems = self.problems_check.isChecked() and self.problems_check.isEnabled()
        proxy.refresh()
        self._after_filter()

    def _after_filter(self):
        if self.proxy.active and self.proxy.rowCount() <= 3:
            self.tree.expandToDepth(0)
        self._update_status()
        self.update_actions()

    def clear_filters(self):
        for combo in (self.comune_combo, self.zona_combo, self.ambito_combo, self.scala_combo,
                      self.stato_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.problems_check.blockSignals(True)
        self.problems_check.setChecked(False)
        self.problems_check.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.proxy.clear_filters()
        self._after_filter()

    def set_problem_projects(self, uuids):
        """Projects with validation findings (set of uuids); None when no validation has run."""
        self._ensure_main_page()
        self.proxy.set_problem_projects(uuids)
        self._set_problems_available(uuids is not None)
        self._filters_changed()

    def _set_problems_available(self, available):
        self.problems_check.setEnabled(available)
        if available:
            self.problems_check.setToolTip(tr("Only projects with findings of the last validation"))
        else:
            self.problems_check.setToolTip(
                tr("Run the validation first: it tells which projects have problems"))

    # -- selection, map and forms ----------------------------------------------------------
    def selection(self):
        index = self.tree.currentIndex()
        if not index.isValid():
            return Selection()
        kind, uuid, fid = index.data(KIND_ROLE), index.data(UUID_ROLE) or "", index.data(FID_ROLE)
        if kind == "progetto":
            parent = index.parent()
            programme = parent.data(UUID_ROLE) if parent.data(KIND_ROLE) == "programma" else ""
            return Selection(kind, uuid, fid, project_uuid=uuid, programme_uuid=programme or "")
        if kind == "programma":
            return Selection(kind, uuid, fid, programme_uuid=uuid)
        if kind == "group":
            return Selection(kind, uuid, None, project_uuid=uuid)
        if kind in CHILD_KINDS:
            group = index.parent()
            project_uuid = group.data(UUID_ROLE) if group.data(KIND_ROLE) == "group" else ""
            return Selection(kind, uuid, fid, project_uuid=project_uuid or "",
                             lavoro_uuid=uuid if kind == "lavoro" else "")
        return Selection(kind or "", uuid, fid)

    def _current_changed(self, current, _previous):
        self.update_actions()
        if self._restoring or not current.isValid():
            return
        self.show_on_map(self.selection())

    def _canvas(self):
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        return canvas if isinstance(canvas, QgsMapCanvas) else None

    def show_on_map(self, selection):
        """Select the item's features and zoom the canvas to them."""
        self._selecting = True
        try:
            self._show_on_map(selection)
        finally:
            self._selecting = False

    def _show_on_map(self, selection):
        lavori = self.layers.get("lavori")
        table = KIND_TABLE.get(selection.kind)
        if table and selection.fid is not None and self.layers.get(table) is not None:
            self.layers[table].selectByIds([selection.fid])
        if selection.kind in ("progetto", "group"):
            fids = self.data.lavori_fids([selection.project_uuid])
        elif selection.kind == "programma":
            fids = self.data.lavori_fids([p.uuid for p in self.data.projects_of_programme(selection.uuid)])
        elif selection.kind == "lavoro":
            fids = [selection.fid]
        elif selection.kind == "criticita":
            self.zoom_to(self.layers.get("criticita"), [selection.fid])
            return
        else:
            return
        if lavori is not None:
            lavori.selectByIds(fids)
            self.zoom_to(lavori, fids)

    def zoom_to(self, layer, fids):
        canvas = self._canvas()
        if canvas is None or layer is None or not fids:
            return None
        extent = QgsRectangle()
        extent.setMinimal()
        request = QgsFeatureRequest().setFilterFids(list(fids)).setNoAttributes()
        for feature in layer.getFeatures(request):
            if feature.hasGeometry():
                extent.combineExtentWith(feature.geometry().boundingBox())
        if extent.isNull() or extent.isEmpty() and extent.width() < 0:
            return None
        transform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        extent = transform.transformBoundingBox(extent)
        if extent.width() == 0 or extent.height() == 0:
            extent.grow(max(extent.width(), extent.height(), 50.0))
        extent.scale(1.15)
        canvas.setExtent(extent)
        canvas.refresh()
        return extent

    def open_form(self, index=None):
        """Double click: QGIS's feature form of the item."""
        selection = self.selection() if index is None else None
        if index is not None:
            kind, fid = index.data(KIND_ROLE), index.data(FID_ROLE)
        else:
            kind, fid = selection.kind, selection.fid
        table = KIND_TABLE.get(kind)
        layer = self.layers.get(table) if table else None
        if layer is None or fid is None or self.iface is None:
            return False
        feature = layer.getFeature(fid)
        if not feature.isValid():
            return False
        self.iface.openFeatureForm(layer, feature)
        return True

    # -- actions ---------------------------------------------------------------------------
    def _set_action(self, action, enabled, reason=""):
        action.setEnabled(bool(enabled))
        tip = action.property("remix_tip")
        action.setToolTip(tip if enabled or not reason else f"{tip}\n— {reason}")

    def update_actions(self):
        if self.main_page is None:  # nothing to enable before a GeoPackage is shown
            return
        from .project_tree import find_layers

        selection = self.selection()
        has_file = bool(self.layers.get("progetti"))
        self.tools.update(has_file)
        no_file = tr("Open a RE.MIX GeoPackage first")
        no_project = tr("Select a project (or one of its items) in the tree first")
        has_project = bool(selection.project_uuid)
        project_reason = no_file if not has_file else no_project
        self._set_action(self.action_new_project, has_file, no_file)
        self._set_action(self.action_draw, has_project and self.layers.get("lavori") is not None,
                         project_reason)
        source_ok, source_reason = self._selection_source()
        self.update_unsaved()
        self._set_action(self.action_from_selection, has_project and source_ok,
                         project_reason if not has_project else source_reason)
        self._set_action(self.action_azione, has_project, project_reason)
        for action, table in ((self.action_criticita, "criticita"), (self.action_attore, "progetto_attori"),
                              (self.action_fase, "fasi"), (self.action_misura, "misure")):
            table_missing = self.layers.get(table) is None and has_file
            if table_missing and table not in self.layers:
                self.layers.update(find_layers(self.gpkg_path, tables=(table,)))
                table_missing = self.layers.get(table) is None
            reason = tr("The layer of this table is not in the project") if table_missing else project_reason
            self._set_action(action, has_project and not table_missing, reason)

    def _selection_source(self):
        """(ok, reason): the active layer can give perimeters (polygon layer with a selection)."""
        from .perimeter_tools import is_polygon_layer

        layer = self.iface.activeLayer() if self.iface is not None else None
        where = tr("Parcels come from a vector layer: the cadastral WFS of the Agenzia delle Entrate "
                   "(Layer ▸ Add WFS layer, layer CadastralParcel), the comune's cadastral or PGT "
                   "files, or any polygon file. Make it active in the Layers panel and select the "
                   "parcels on the map.")
        if layer is not None and not hasattr(layer, "selectedFeatureCount"):
            return False, tr("“{layer}” is a picture (a WMS or tile map): its parcels cannot be "
                             "selected.").format(layer=layer.name()) + " " + where
        if not is_polygon_layer(layer) or layer in (self.layers.get("lavori"), self.layers.get("comuni")):
            return False, tr("Make a polygon layer (e.g. cadastral parcels) active in the Layers panel "
                             "and select the features to copy") + ". " + where
        if layer.selectedFeatureCount() == 0:
            return False, tr("Select one or more features of “{layer}” on the map").format(layer=layer.name())
        return True, ""

    def _active_layer_changed(self, layer):
        self._watch_selection(layer)
        self.update_actions()

    def _watch_selection(self, layer):
        if self._watched_layer is not None:
            try:
                self._watched_layer.selectionChanged.disconnect(self._watched_selection_changed)
            except (TypeError, RuntimeError):
                LOG.debug("selection signal already disconnected")
            self._watched_layer = None
        if layer is not None and hasattr(layer, "selectionChanged"):
            layer.selectionChanged.connect(self._watched_selection_changed)
            self._watched_layer = layer

    def _watched_selection_changed(self, *_args):
        self.update_actions()

    def _message(self, text, level="Info", duration=6):
        bar = self.iface.messageBar() if self.iface is not None else None
        if bar is not None and hasattr(bar, "pushMessage"):
            bar.pushMessage(tr("RE.MIX"), text, message_level(level), duration)
        LOG.info(text)

    def new_project(self):
        from . import dock_actions

        selection = self.selection()
        return dock_actions.new_project(self.iface, self.layers, selection.programme_uuid or None, self,
                                        draw=self._draw_for_new_project)

    def _draw_for_new_project(self, project_uuid):
        self.rebuild()
        self.select_item("progetto", project_uuid, zoom=False)
        self.start_drawing(project_uuid)

    def draw_perimeter(self):
        selection = self.selection()
        if not selection.project_uuid:
            self._message(tr("Select a project in the tree first"), "Warning")
            return False
        return self.start_drawing(selection.project_uuid)

    def start_drawing(self, project_uuid):
        from .perimeter_tools import PerimeterSession

        lavori = self.layers.get("lavori")
        if lavori is None:
            return False
        if self.session is not None:
            self.session.finish()
        self.session = PerimeterSession(self.iface, lavori, project_uuid, self.layers.get("comuni"),
                                        on_added=self._perimeter_added)
        ok, reason = self.session.start()
        if not ok:
            self.session = None
            self._message(reason, "Warning")
            return False
        self._message(tr("Draw the perimeter: click to add vertices, right click to close it; "
                         "the form of the new work opens then"))
        return True

    def _perimeter_added(self, fid):
        self.session = None
        self.rebuild()
        feature = self.layers["lavori"].getFeature(fid)
        if feature.isValid():
            self.select_item("lavoro", feature["uuid"], zoom=False)

    def perimeter_from_selection(self):
        from .perimeter_tools import perimeters_from_selection

        selection = self.selection()
        ok, reason = self._selection_source()
        if not selection.project_uuid or not ok:
            self._message(reason or tr("Select a project in the tree first"), "Warning")
            return []
        source = self.iface.activeLayer()
        try:
            fids, skipped = perimeters_from_selection(source, self.layers["lavori"], selection.project_uuid,
                                                      self.layers.get("comuni"))
        except (ValueError, RuntimeError) as error:
            self._message(str(error), "Critical")
            return []
        text = tr("{count} works added to the edit buffer of “{layer}” (not saved yet)").format(
            count=len(fids), layer=self.layers["lavori"].name())
        if skipped:
            text += " · " + tr("{count} features without geometry skipped").format(count=len(skipped))
        self._message(text, "Success")
        self.rebuild()
        return fids

    def attach_azione(self):
        from . import dock_actions

        selection = self.selection()
        feature = dock_actions.add_azione(self.iface, self.layers, selection.project_uuid,
                                          selection.lavoro_uuid or None, self)
        self._after_add(feature, "azione", "azioni")
        return feature

    def add_child(self, table):
        from . import dock_actions

        selection = self.selection()
        feature = dock_actions.add_child(self.iface, self.layers, table, selection.project_uuid, self)
        self._after_add(feature, ADDED_KIND.get(table, ""), table)
        return feature

    def _after_add(self, feature, kind, table="azioni"):
        if feature is None:
            return
        self.rebuild()
        if kind:
            self.select_item(kind, feature["uuid"], zoom=False)
        layer = self.layers.get(table)
        project = self.data.projects.get(self.selection().project_uuid or "")
        text = tr("Added to “{layer}”{project} — not saved yet: use Save in the RE.MIX panel").format(
            layer=layer.name() if layer is not None else table,
            project=tr(" of the project “{title}”").format(title=project.title) if project else "")
        self._message(text, "Success", 5)
        self.update_unsaved()
