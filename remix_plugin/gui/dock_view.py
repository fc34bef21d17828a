"""The dock's page for an open RE.MIX file: the widgets, generated from the declarations in
``dock_definitions``, over the ``DockController`` that keeps the state and takes the decisions.

This module builds the widgets, forwards their signals to the controller and applies its answers
(visible projects, enabled actions, status line). What touches QGIS on a click (layers, canvas,
feature forms, saving) is ``dock_operations.DockOperations``, given to the controller as its
operations. Built when a file is first shown, so QGIS start-up only pays for the shell in
``dock.py``.

Under the tree, in a splitter, the incubator's tabs (``dock_definitions.PANELS``: compatible
calls, monitoring, priority, network proposals): a tab reads the saved file (or the central
database) when it is shown and again after a save, its data computed in a ``PanelTask`` when
declared with ``compute``; it follows the tree's current project.
"""

from functools import partial
from importlib import import_module
from pathlib import Path

from qgis.core import QgsApplication
from qgis.gui import QgsCollapsibleGroupBox, QgsFilterLineEdit
from qgis.PyQt.QtCore import QDate, QItemSelectionModel, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAction,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr, ui_language
from ..log import get_logger
from ..tasks import RemixTask
from . import dock_definitions as definitions
from .buttons import button_grid
from .dock_controller import DockController, item_of_row
from .dock_operations import DockOperations
from .dock_source import dock_source
from .tree_roles import FID_ROLE, KIND_ROLE, UUID_ROLE

LOG = get_logger("gui.dock")
DEBOUNCE_MS = 200
PANELS_MIN_HEIGHT = 120  # the incubator's tabs under the tree scroll below this height
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


class PanelTask(RemixTask):
    """An incubator panel's data, computed on the worker thread: ``function(*arguments)``
    (a core function reading the saved file or the database: no GUI, no QgsProject)."""

    def __init__(self, description, function, arguments, on_finished):
        super().__init__(description, cancellable=False, on_finished=on_finished)
        self.function, self.arguments = function, tuple(arguments)
        self.result = None

    def work(self):
        self.result = self.function(*self.arguments)


class Panel:
    """One incubator tab: its declaration, widgets and which source it shows."""

    def __init__(self, spec, page, widget, problem, calls=None, date=None):
        self.spec, self.page, self.widget, self.problem, self.calls = spec, page, widget, problem, calls
        self.date = date  # QDateEdit of a dated panel
        self.source = None  # what set_source() was last given; None: not loaded
        self.stale = True  # the file changed (or another was opened) since it was loaded
        self.task = None  # the PanelTask computing its data
        self.generation = 0  # a task's result is applied only if no newer load started since

    @property
    def loading(self):
        return self.task is not None


def disconnect_all(bucket):
    while bucket:
        signal, slot = bucket.pop()
        try:
            signal.disconnect(slot)
        except (TypeError, RuntimeError):  # already gone with its object
            LOG.debug("signal already disconnected")


class DockPage(DockOperations, QWidget):
    def __init__(self, dock):
        super().__init__(dock)
        from .project_tree import find_layers

        self.dock = dock
        self.iface = dock.iface
        self.controller = DockController(
            translate=tr, find_layers=lambda path, tables: find_layers(path, tables=tables),
            context=dock,
            operations={"new_project": lambda _spec, _item: self.new_project(),
                        "draw_perimeter": lambda _spec, _item: self.draw_perimeter(),
                        "perimeter_from_selection": lambda _spec, _item: self.perimeter_from_selection(),
                        "attach_azione": lambda _spec, _item: self.attach_azione(),
                        "add_row": lambda spec, _item: self.add_child(spec.table)})
        self.session = None  # the perimeter drawing in progress
        self._layer_connections = []  # (signal, slot) on the RE.MIX layers
        self._watched_layer = None  # the active layer, whose map selection enables an action
        self._restoring = False
        self._selecting = False  # the dock itself is selecting features (no map -> tree echo)
        self._cache = {}  # table -> rows read from the layer (re-read when the layer changes)
        self._dirty = None  # tables changed since the last rebuild; None = all
        self.base_map_loaders = []
        self.panels = {}  # PanelSpec.name -> Panel (the incubator's tabs under the tree)
        self.hull_band = None  # the selected network proposal on the map
        self._panel_tasks = set()  # PanelTasks queued or running (a QgsTask needs its Python reference)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.rebuild)
        self._unsaved_timer = QTimer(self)
        self._unsaved_timer.setSingleShot(True)
        self._unsaved_timer.setInterval(100)
        self._unsaved_timer.timeout.connect(self.update_unsaved)
        self._panel_timer = QTimer(self)  # reload the shown panel after a save
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(300)
        self._panel_timer.timeout.connect(self._refresh_current_panel)
        self._build()

    # -- the state, read through the controller ---------------------------------------------
    @property
    def gpkg_path(self):
        return self.controller.gpkg_path

    @property
    def layers(self):
        """table -> QgsVectorLayer of the file shown (the controller's ``qgis_layers``)."""
        return self.controller.qgis_layers

    @property
    def data(self):
        return self.controller.snapshot

    # -- construction ----------------------------------------------------------------------
    def _make_action(self, icon, text, tip, slot, name):
        action = QAction(QgsApplication.getThemeIcon(icon), text, self)
        action.setObjectName(name)
        action.setProperty("remix_tip", tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build(self):
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)

        self.file_label = QLabel(self)
        self.file_label.setObjectName("RemixDockFile")
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        layout.addLayout(self._build_save_row())

        self.qactions = {}  # ActionSpec.name -> QAction, one per declared action
        for spec in definitions.ACTIONS:
            # triggered(bool) must not reach the operation: each runs on the current item
            action = self._make_action(spec.icon, tr(spec.label), tr(spec.tip),
                                       lambda _checked=False, name=spec.name: self.trigger(name), spec.name)
            self.qactions[spec.name] = action
            setattr(self, spec.attribute, action)
        self.actions_list = list(self.qactions.values())
        layout.addLayout(button_grid(self.actions_list, self))
        from .dock_tools import DockTools

        self.tools = DockTools(self.dock)
        layout.addLayout(self.tools.build(self))

        self.search = QgsFilterLineEdit(self)
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
        layout.addWidget(self._build_filters())

        from .project_tree import RemixTreeModel
        from .tree_filter import RemixTreeFilter

        self.model = RemixTreeModel(self)
        self.proxy = RemixTreeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setObjectName("RemixTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.doubleClicked.connect(self.open_form)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("RemixDockSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        # in a scroll area: the panels never make the dock taller than a 1366×768 screen
        self.panels_area = QScrollArea(self)
        self.panels_area.setObjectName("RemixIncubatorArea")
        self.panels_area.setWidgetResizable(True)
        self.panels_area.setFrameShape(QFrame.Shape.NoFrame)
        self.panels_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panels_area.setMinimumHeight(PANELS_MIN_HEIGHT)
        self.panels_area.setWidget(self._build_panels())
        # shown with the page (showEvent): a hidden page's minimum height (its filters not yet
        # collapsed) would otherwise make QGIS's main window taller than the screen for good
        self.panels_area.hide()
        self.splitter.addWidget(self.panels_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("RemixDockStatus")
        layout.addWidget(self.status_label)
        self._set_problems_available(False)

    def _build_panels(self):
        """One tab per declared incubator panel (``dock_definitions.PANELS``)."""
        self.panel_tabs = QTabWidget(self)
        self.panel_tabs.setObjectName("RemixIncubatorTabs")
        self.panel_tabs.setDocumentMode(True)
        for spec in definitions.PANELS:
            page = QWidget(self.panel_tabs)
            page.setObjectName(spec.name)
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 2, 0, 0)
            problem = QLabel(page)
            problem.setObjectName(spec.name + "Problem")
            problem.setWordWrap(True)
            problem.setStyleSheet("color: #a4262c;")
            problem.hide()
            column.addWidget(problem)
            calls = date = None
            row = QHBoxLayout()
            if spec.dated:
                date = QDateEdit(QDate.currentDate(), page)
                date.setObjectName(spec.name + "Date")
                date.setCalendarPopup(True)
                date.setDisplayFormat("yyyy-MM-dd")
                date.setToolTip(tr("The calls open on this day (today by default)"))
                date.dateChanged.connect(partial(self._panel_date_changed, spec.name))
                row.addWidget(QLabel(tr("Open on"), page))
                row.addWidget(date)
            if spec.calls:
                calls = QComboBox(page)
                calls.setObjectName(spec.name + "Calls")
                calls.setToolTip(tr("Show the candidate projects of an open call"))
                calls.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                calls.setMinimumContentsLength(16)
                calls.currentIndexChanged.connect(partial(self._call_chosen, spec.name))
                row.addWidget(QLabel(tr("Call"), page))
                row.addWidget(calls, 1)
            if spec.dated or spec.calls:
                column.addLayout(row)
            module, name = spec.widget.split(":", 1)
            widget = getattr(import_module(module), name)(page)
            widget.setObjectName(spec.name + "View")
            column.addWidget(widget, 1)
            setattr(self, spec.attribute, widget)
            index = self.panel_tabs.addTab(page, tr(spec.label))
            self.panel_tabs.setTabToolTip(index, tr(spec.tip))
            self.panels[spec.name] = Panel(spec, page, widget, problem, calls, date)
        proposals = getattr(self, "proposals_view", None)
        if proposals is not None:
            proposals.proposal_selected.connect(self._proposal_selected)
            proposals.programma_created.connect(self._programma_created)
        self.panel_tabs.currentChanged.connect(self._panel_shown)
        return self.panel_tabs

    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.panels_area.isHidden():
            self.panels_area.show()

    def _build_filters(self):
        """One combo per declared filter, then "Only with problems" and "Clear filters"."""
        self.filters_box = QgsCollapsibleGroupBox(tr("Filters"), self)
        self.filters_box.setObjectName("RemixFilters")
        form = QFormLayout(self.filters_box)
        form.setContentsMargins(4, 4, 4, 4)
        self.filter_combos = {}  # FilterSpec.name -> QComboBox
        for spec in definitions.FILTERS:
            combo = QComboBox(self)
            combo.setObjectName("RemixFilter_" + spec.name)
            combo.setToolTip(tr(spec.tip))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self._filters_changed)
            form.addRow(tr(spec.label), combo)
            self.filter_combos[spec.name] = combo
            setattr(self, spec.widget, combo)
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
        return self.filters_box

    def _build_save_row(self):
        """"N modifiche non salvate" and *Salva*, the base maps and the labels' language."""
        row = QHBoxLayout()
        self.unsaved_label = QLabel(self)
        self.unsaved_label.setObjectName("remixUnsavedLabel")
        self.unsaved_label.setWordWrap(True)
        row.addWidget(self.unsaved_label, 1)
        self.action_save_all = self._make_action(
            "/mActionSaveAllEdits.svg", tr("Save"),
            tr("Save the edits of every layer of this GeoPackage together (projects before their "
               "works, actions, actors, phases and measurements)"),
            self.save_all, "remixSaveAll")
        self.save_button = QToolButton(self)
        self.save_button.setObjectName("remixSaveAllButton")
        self.save_button.setDefaultAction(self.action_save_all)
        self.save_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        row.addWidget(self.save_button)
        self.basemap_button = QToolButton(self)
        self.basemap_button.setObjectName("remixBaseMapButton")
        self.basemap_button.setText(tr("Base map"))
        self.basemap_button.setToolTip(tr("Add a base map to draw on (cadastre, orthophoto, topographic "
                                          "database, OpenStreetMap): needs the network, never required"))
        self.basemap_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The presets are read when the menu first opens (the file and the module cost start-up).
        menu = QMenu(self.basemap_button)
        menu.setObjectName("remixBaseMapMenu")
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(self.basemap_menu)
        self.basemap_button.setMenu(menu)
        row.addWidget(self.basemap_button)
        self.language_button = QToolButton(self)
        self.language_button.setObjectName("remixLanguageButton")
        self.language_button.setText("IT/EN")
        self.language_button.setToolTip(tr("Language of the layer names and forms stored in this GeoPackage"))
        self.language_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.language_button)
        for language, text in (("it", "Etichette in italiano"), ("en", "Labels in English")):
            action = menu.addAction(text)  # each in its own language, like a language menu
            action.setObjectName("remixLanguage_" + language)
            action.triggered.connect(partial(self.switch_language, language))
        self.language_button.setMenu(menu)
        row.addWidget(self.language_button)
        return row

    def basemap_menu(self):
        """The base-map menu, its presets added on first use (one action per preset)."""
        menu = self.basemap_button.menu()
        if not menu.actions():
            from ..basemaps import load_presets

            language = ui_language()
            for preset in load_presets():
                action = menu.addAction(preset.label(language))
                action.setObjectName("remixBaseMap_" + preset.id)
                action.setToolTip(preset.description(language))
                action.triggered.connect(partial(self.add_base_map, preset.id))
        return menu

    def _fill_combos(self):
        from ..taxonomy import load_scheme

        language = ui_language()
        scheme = load_scheme()
        everything = tr("(all)")
        for spec in definitions.FILTERS:
            combo = self.filter_combos[spec.name]
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            combo.addItem(everything, "")
            for label, code in self.controller.filter_choices(spec, scheme, language):
                combo.addItem(label, code)
            found = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    # -- connections to the layers -------------------------------------------------------------
    def _connect(self, signal, slot):
        signal.connect(slot)
        self._layer_connections.append((signal, slot))

    def _attach_layers(self):
        from .unsaved import file_layers

        for table in WATCHED_TABLES:
            layer = self.layers.get(table)
            if layer is None:
                continue
            for name in LAYER_SIGNALS:
                signal = getattr(layer, name, None)
                if signal is not None:
                    self._connect(signal, partial(self._schedule, table))
        for layer in file_layers(self.gpkg_path):
            for name in EDIT_SIGNALS:
                signal = getattr(layer, name, None)
                if signal is not None:
                    self._connect(signal, self._schedule_unsaved)
            self._connect(layer.afterCommitChanges, self._saved)
        for table, kind in MAP_SELECTION_KINDS.items():
            layer = self.layers.get(table)
            if layer is not None:
                self._connect(layer.selectionChanged, partial(self._map_selection_changed, table, kind))

    def _detach_layers(self):
        self._timer.stop()
        self._unsaved_timer.stop()
        if self.session is not None:
            self.session.finish()
            self.session = None
        disconnect_all(self._layer_connections)
        self._watch_selection(None)
        self.controller.forget_layers()

    def teardown(self):
        self.tools.teardown()
        self._search_timer.stop()
        self._forget_panels()
        self._detach_layers()

    # -- opening a GeoPackage --------------------------------------------------------------
    def set_geopackage(self, path):
        """Show the RE.MIX GeoPackage at ``path`` (its layers must already be in the project)."""
        from .project_tree import find_layers

        self._detach_layers()
        layers = find_layers(str(path)) if path else {}
        if not self.controller.show_file(path, layers):
            self.model.rebuild(self.data)
            self.dock.show_empty(tr("The layers of this RE.MIX GeoPackage are not in the project. "
                                    "Open it again with “Open RE.MIX GeoPackage…”.") if path else None)
            self.update_actions()
            return False
        self._cache, self._dirty = {}, None
        self._attach_layers()
        self.file_label.setText(Path(self.gpkg_path).name)
        self.file_label.setToolTip(self.gpkg_path)
        self.dock.stack.setCurrentWidget(self)
        self.rebuild()
        self.update_unsaved()
        self._fill_combos()
        self._active_layer_changed(self.iface.activeLayer() if self.iface is not None else None)
        self._forget_panels()
        self._refresh_current_panel()
        return True

    def reset(self):
        """The file's layers went away: forget them and show nothing."""
        self._detach_layers()
        self.controller.close_file()
        self.model.rebuild(self.data)
        self._forget_panels()

    # -- the incubator's panels ----------------------------------------------------------------
    def _forget_panels(self):
        self._panel_timer.stop()
        self._clear_hull()
        for panel in self.panels.values():
            panel.source, panel.stale = None, True
            panel.generation += 1  # a task still running for the previous file is ignored
            panel.task = None
            panel.problem.hide()
            clear = getattr(panel.widget, "clear", None)
            if callable(clear):
                clear()

    def panel_source(self, spec):
        """What a panel reads: the GeoPackage's path, or on the central database the libpq DSN of
        its connection (no password: the service, ~/.pgpass); None when the panel cannot."""
        path = self.gpkg_path
        if path and spec.geopackage_only and not Path(path).is_file():
            return None
        return dock_source(self)

    def _saved(self, *_args):
        for panel in self.panels.values():
            panel.stale = True
        self._panel_timer.start()

    def _panel_shown(self, _index):
        panel = self.current_panel()
        if panel is None or panel.spec.attribute != "proposals_view":
            self._clear_hull()  # the proposal's hull belongs to its tab
        self._refresh_current_panel()

    def current_panel(self):
        page = self.panel_tabs.currentWidget()
        return next((p for p in self.panels.values() if p.page is page), None)

    def _refresh_current_panel(self):
        panel = self.current_panel()
        if panel is not None:
            self.refresh_panel(panel.spec.name)

    def refresh_panel(self, name, force=False):
        """Load panel ``name`` from the file shown (when stale or ``force``), then show the
        current item in it. True when the panel shows data."""
        from ..errors import RemixError

        panel = self.panels[name]
        if not self.gpkg_path:
            return False
        if panel.stale or force:
            panel.stale, panel.source = False, None
            source = self.panel_source(panel.spec)
            if source is None:
                self._panel_problem(panel, tr("This panel works on a RE.MIX GeoPackage: it is not "
                                              "available on the central database yet."))
                return False
            arguments = [source]
            if panel.date is not None:
                arguments.append(panel.date.date().toString("yyyy-MM-dd"))
            if panel.spec.compute:
                return self._start_panel_task(panel, arguments)
            try:
                panel.widget.set_source(*arguments)
            except RemixError as exc:
                self._panel_problem(panel, exc.message(ui_language()))
                return False
            except Exception as exc:  # noqa: BLE001 - a file or a connection the panel cannot read
                LOG.exception("Panel %s cannot read %s", name, self.gpkg_path)
                self._panel_problem(panel, tr("This panel cannot read the data: {error}").format(error=exc))
                return False
            self._panel_loaded(panel, source)
        if panel.source is None:
            return False
        self._follow_current(panel)
        return True

    def _start_panel_task(self, panel, arguments):
        from qgis.core import QgsApplication

        module, function = panel.spec.compute.split(":", 1)
        panel.generation += 1
        generation = panel.generation
        panel.problem.setText(tr("Reading the data…"))
        panel.problem.setStyleSheet("color: #555;")
        panel.problem.show()
        panel.widget.setEnabled(False)
        panel.task = PanelTask("RE.MIX — " + tr(panel.spec.label),
                               getattr(import_module(module), function), arguments,
                               on_finished=partial(self._panel_task_done, panel, generation, arguments[0]))
        self._panel_tasks.add(panel.task)
        QgsApplication.taskManager().addTask(panel.task)
        return True

    def _panel_task_done(self, panel, generation, source, task):
        self._panel_tasks.discard(task)
        if generation != panel.generation:  # another file, date or save came in the meantime
            return
        panel.task = None
        if task.error is not None or task.result is None:
            self._panel_problem(panel, task.error_message(ui_language()) or
                                tr("This panel cannot read the data: {error}").format(error="—"))
            return
        getattr(panel.widget, panel.spec.apply)(task.result)
        self._panel_loaded(panel, source)
        self._follow_current(panel)

    def _panel_loaded(self, panel, source):
        panel.source = source
        panel.problem.hide()
        panel.problem.setStyleSheet("color: #a4262c;")
        panel.widget.setEnabled(True)
        self._fill_calls(panel)

    def _panel_date_changed(self, name, _date):
        self.panels[name].stale = True
        self.refresh_panel(name)

    def _panel_problem(self, panel, text):
        panel.problem.setStyleSheet("color: #a4262c;")
        panel.problem.setText(text)
        panel.problem.show()
        panel.widget.setEnabled(False)

    def _fill_calls(self, panel):
        if panel.calls is None:
            return
        combo = panel.calls
        result = getattr(panel.widget, "result", None)
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("(choose a call)"), "")
        for call in sorted(getattr(result, "calls", ()) or (), key=lambda c: c.titolo.casefold()):
            combo.addItem(call.titolo, call.uuid)
            combo.setItemData(combo.count() - 1, call.titolo, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(0)
        combo.blockSignals(False)

    def _call_chosen(self, name, _index):
        panel = self.panels[name]
        uuid = panel.calls.currentData() if panel.calls is not None else ""
        if panel.source is None or not uuid:
            return False
        return panel.widget.show_call(uuid)

    def show_call(self, uuid):
        """Show the candidate projects of the open call ``uuid`` in its panel (as its chooser)."""
        for panel in self.panels.values():
            if panel.calls is None:
                continue
            self.panel_tabs.setCurrentWidget(panel.page)
            self.refresh_panel(panel.spec.name)
            index = panel.calls.findData(uuid)
            if index < 0:
                return False
            panel.calls.setCurrentIndex(index)
            return self._call_chosen(panel.spec.name, index)
        return False

    def _follow_current(self, panel):
        if panel.spec.follows != "project":
            return
        project_uuid = self.controller.current.project_uuid
        if panel.calls is not None and project_uuid:
            panel.calls.blockSignals(True)
            panel.calls.setCurrentIndex(0)
            panel.calls.blockSignals(False)
        elif panel.calls is not None and panel.calls.currentData():
            return  # a call is shown: a click outside a project keeps it
        if project_uuid:
            panel.widget.show_project(project_uuid)
        else:
            panel.widget.clear()

    def _proposal_selected(self, _proposal_id, hull_wkb):
        """The selected network proposal's hull on the map (a temporary rubber band), the map
        zoomed to it with a margin: its projects may lie kilometres apart."""
        from qgis.core import QgsGeometry
        from qgis.gui import QgsMapCanvas, QgsRubberBand
        from qgis.PyQt.QtGui import QColor

        from ..compat import polygon_geometry_type

        self._clear_hull()
        canvas = getattr(self.iface, "mapCanvas", None)
        canvas = canvas() if callable(canvas) else None
        lavori = self.layers.get("lavori")
        if not hull_wkb or not isinstance(canvas, QgsMapCanvas) or lavori is None:
            return None
        geometry = QgsGeometry()
        geometry.fromWkb(bytes(hull_wkb))
        if geometry.isEmpty():
            return None
        band = QgsRubberBand(canvas, polygon_geometry_type())
        band.setColor(QColor(230, 120, 20, 200))
        band.setFillColor(QColor(230, 120, 20, 40))
        band.setWidth(2)
        band.setToGeometry(geometry, lavori)
        self.hull_band = band
        shown = band.asGeometry().boundingBox()  # in the canvas's CRS
        if not shown.isEmpty():
            shown.scale(1.25)
            canvas.setExtent(shown)
            canvas.refresh()
        return band

    def _clear_hull(self):
        if self.hull_band is not None:
            self.hull_band.reset()
            canvas = self.iface.mapCanvas() if self.iface is not None else None
            if canvas is not None and hasattr(canvas, "scene"):
                canvas.scene().removeItem(self.hull_band)
            self.hull_band = None

    def _programma_created(self, _uuid):
        """A proposal became a programma in the file: show it (layers re-read, tree rebuilt)."""
        for table in ("programmi", "progetti"):
            layer = self.layers.get(table)
            if layer is not None and not layer.isEditable():
                layer.reload()
        shown = self.current_panel()
        for panel in self.panels.values():
            if panel is not shown:
                panel.stale = True  # the new programma changes their scores and reasons
        self.rebuild(full=True)

    # -- unsaved edits and saving ------------------------------------------------------------
    def _schedule_unsaved(self, *_args):
        self._unsaved_timer.start()

    def unsaved_layers(self):
        from .unsaved import file_modified_layers

        return file_modified_layers(self.gpkg_path) if self.gpkg_path else []

    def update_unsaved(self):
        """"N modifiche non salvate" (which layers in the tooltip) and *Salva* enabled with them."""
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

    # -- map selection -> tree ------------------------------------------------------------------
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
        data = TreeData.read(self.layers, self._cache, dirty)
        self._dirty = set()
        self.model.rebuild(data)
        self.controller.set_snapshot(data)
        self.proxy.show_only(self.controller.visibility)
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
        text = self.controller.status_text()
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    # -- filters: the widgets' values go to the controller, its answer to the proxy -----------
    def _apply_search(self):
        self.proxy.show_only(self.controller.set_search(self.search.text()))
        self._after_filter()

    def _filters_changed(self, *_args):
        values = {name: combo.currentData() or "" for name, combo in self.filter_combos.items()}
        self.proxy.show_only(self.controller.set_filters(values, self.problems_check.isChecked()))
        self._after_filter()

    def _after_filter(self):
        if self.controller.filters_active and self.proxy.rowCount() <= 3:
            self.tree.expandToDepth(0)
        self._update_status()
        self.update_actions()

    def clear_filters(self):
        widgets = list(self.filter_combos.values()) + [self.problems_check, self.search]
        for widget in widgets:
            widget.blockSignals(True)
        for combo in self.filter_combos.values():
            combo.setCurrentIndex(0)
        self.problems_check.setChecked(False)
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self.proxy.show_only(self.controller.clear_filters())
        self._after_filter()

    def set_problem_projects(self, uuids):
        """Projects with validation findings (set of uuids); None when no validation has run."""
        self.controller.set_problem_projects(uuids)
        self._set_problems_available(uuids is not None)
        self._filters_changed()

    def _set_problems_available(self, available):
        self.problems_check.setEnabled(available)
        if available:
            self.problems_check.setToolTip(tr("Only projects with findings of the last validation"))
        else:
            self.problems_check.setToolTip(
                tr("Run the validation first: it tells which projects have problems"))

    # -- current item, map and forms ---------------------------------------------------------
    def current_item(self):
        """The tree's current item (a ``CurrentItem``; not the map's selected features)."""
        index = self.tree.currentIndex()
        if not index.isValid():
            item = item_of_row("", "", None)
        else:
            parent = index.parent()
            item = item_of_row(index.data(KIND_ROLE), index.data(UUID_ROLE), index.data(FID_ROLE),
                                parent.data(KIND_ROLE) or "", parent.data(UUID_ROLE) or "")
        self.controller.current = item
        return item

    def _current_changed(self, current, _previous):
        self.update_actions()
        panel = self.current_panel()
        if panel is not None and panel.source is not None:
            self._follow_current(panel)
        if self._restoring or not current.isValid():
            return
        self.show_on_map(self.current_item())

    # -- actions: enabled as the controller says, run through it -------------------------------
    def _set_action(self, action, enabled, reason=""):
        action.setEnabled(bool(enabled))
        tip = action.property("remix_tip")
        action.setToolTip(tip if enabled or not reason else f"{tip}\n— {reason}")

    def update_actions(self):
        self.current_item()
        self.tools.update(self.controller.has_file)
        self.update_unsaved()
        states = self.controller.action_states(self.map_selection_state())
        for name, (enabled, reason) in states.items():
            self._set_action(self.qactions[name], enabled, reason)

    def trigger(self, name):
        """Run the declared action ``name`` (its button's click) on the tree's current item."""
        self.current_item()
        return self.controller.trigger(name)

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
        self.dock._message(text, level, duration)
