"""The dock's controller: its state and its decisions, apart from the widgets.

State: the RE.MIX file shown (``gpkg_path``), its QGIS layers (``qgis_layers``, table -> layer),
the tree's snapshot, the filters and the tree's current item. Decisions: which projects the filters
show, which actions are enabled (and why not), the status line, and which operation an action runs.

No Qt and no QGIS here: the view (``dock_view.DockPage``) gives what it reads from QGIS (the
layers, whether the active layer has selected polygons) and the operations that touch QGIS
(``operations``: name -> callable(spec, current_item)); a unit test drives the same object with
plain values (tests/unit/test_dock_controller.py).

Words: *progetto* is a RE.MIX project (a row of ``progetti``), never the QGIS project
(``QgsProject``, which the view calls ``qgis_project``); an *action* of the dock is a button
(``ActionSpec`` / ``QAction``), an *azione* is a row of ``azioni``; the *current item* is the
tree's item, the *map selection* the features selected on the map, the *export scope*
(``export.writer.Selection``) the projects a bundle exports.
"""

from importlib import import_module

from . import dock_definitions as definitions
from .tree_snapshot import TreeSnapshot

# Kinds listed under a project's groups (children of a "group" row of the tree).
CHILD_KINDS = ("lavoro", "azione", "criticita", "attore", "fase", "misura")


class CurrentItem:
    """The tree's current item, as the actions read it (the project it belongs to…)."""

    def __init__(self, kind="", uuid="", fid=None, project_uuid="", lavoro_uuid="", programme_uuid=""):
        self.kind, self.uuid, self.fid = kind, uuid, fid
        self.project_uuid, self.lavoro_uuid, self.programme_uuid = project_uuid, lavoro_uuid, programme_uuid

    def __repr__(self):
        return f"CurrentItem({self.kind!r}, {self.uuid!r}, project={self.project_uuid!r})"


def item_of_row(kind, uuid, fid, parent_kind="", parent_uuid=""):
    """The :class:`CurrentItem` of a tree row from its data and its parent row's."""
    uuid = uuid or ""
    if kind == "progetto":
        programme = parent_uuid if parent_kind == "programma" else ""
        return CurrentItem(kind, uuid, fid, project_uuid=uuid, programme_uuid=programme or "")
    if kind == "programma":
        return CurrentItem(kind, uuid, fid, programme_uuid=uuid)
    if kind == "group":
        return CurrentItem(kind, uuid, None, project_uuid=uuid)
    if kind in CHILD_KINDS:
        project_uuid = parent_uuid if parent_kind == "group" else ""
        return CurrentItem(kind, uuid, fid, project_uuid=project_uuid or "",
                           lavoro_uuid=uuid if kind == "lavoro" else "")
    return CurrentItem(kind or "", uuid, fid)


class Visibility:
    """What the filters leave: the visible projects and which top-level rows stay."""

    def __init__(self, projects, programmes, orphans, unlinked):
        self.projects, self.programmes = projects, programmes
        self.orphans, self.unlinked = orphans, unlinked  # "Progetti senza programma", "Non collegati"


def _identity(text):
    return text


class DockController:
    def __init__(self, translate=None, find_layers=None, operations=None, context=None):
        self.tr = translate or _identity  # i18n.tr in QGIS
        self.find_layers = find_layers  # callable(gpkg_path, tables) -> {table: layer}, or None
        self.operations = dict(operations or {})  # operation name -> callable(spec, current_item)
        self.context = context  # what a "module:function" action receives first (the dock)
        self.gpkg_path = None
        self.qgis_layers = {}
        self.snapshot = TreeSnapshot()
        self.current = CurrentItem()
        self.search = ""
        self.filter_values = {spec.name: "" for spec in definitions.FILTERS}
        self.only_problems = False  # the "Only with problems" box is checked
        self.problem_projects = None  # uuids with findings of the last validation; None: none ran
        self.visibility = None  # None: no filter is active, everything is shown

    # -- the file ----------------------------------------------------------------------------
    def show_file(self, gpkg_path, qgis_layers):
        """Show the file at ``gpkg_path``; False (and nothing shown) without its progetti layer."""
        if not gpkg_path or (qgis_layers or {}).get("progetti") is None:
            self.close_file()
            return False
        self.gpkg_path, self.qgis_layers = str(gpkg_path), dict(qgis_layers)
        return True

    def close_file(self):
        self.gpkg_path, self.qgis_layers = None, {}
        self.current = CurrentItem()
        self.set_snapshot(TreeSnapshot())

    def forget_layers(self):
        """The layers are no longer watched (unload, or another file is being shown)."""
        self.qgis_layers = {}

    @property
    def has_file(self):
        return bool(self.qgis_layers.get("progetti"))

    def set_snapshot(self, snapshot):
        self.snapshot = snapshot
        self.refresh_visibility()

    def layer(self, table):
        """The QGIS layer of ``table``, looked up once more when it was missing (added later)."""
        if table not in self.qgis_layers and self.has_file and self.find_layers is not None:
            self.qgis_layers.update(self.find_layers(self.gpkg_path, (table,)))
        return self.qgis_layers.get(table)

    # -- filters ------------------------------------------------------------------------------
    def set_search(self, text):
        self.search = (text or "").strip()
        return self.refresh_visibility()

    def set_filter(self, name, code):
        if name not in self.filter_values:
            raise KeyError(name)
        self.filter_values[name] = code or ""
        return self.refresh_visibility()

    def set_filters(self, values, only_problems):
        """Every combo's code (name -> code) and the problems box at once (one recomputation)."""
        for name, code in values.items():
            if name not in self.filter_values:
                raise KeyError(name)
            self.filter_values[name] = code or ""
        self.only_problems = bool(only_problems)
        return self.refresh_visibility()

    def set_problem_projects(self, uuids):
        self.problem_projects = set(uuids) if uuids is not None else None
        return self.refresh_visibility()

    @property
    def problems_available(self):
        return self.problem_projects is not None

    def clear_filters(self):
        self.search, self.only_problems = "", False
        self.filter_values = {spec.name: "" for spec in definitions.FILTERS}
        return self.refresh_visibility()

    @property
    def filters_active(self):
        return bool(self.search or self._only_problems() or any(self.filter_values.values()))

    def _only_problems(self):
        return self.only_problems and self.problems_available

    def visible_projects(self):
        """Set of visible project uuids (every project when no filter is active)."""
        if self.visibility is None:
            return set(self.snapshot.projects)
        return set(self.visibility.projects)

    def refresh_visibility(self):
        """Recompute what the filters leave (after a filter change or a new snapshot)."""
        self.visibility = self._compute() if self.filters_active else None
        return self.visibility

    def _compute(self):
        data = self.snapshot
        tests = [spec.accepts(data, self.filter_values[spec.name]) for spec in definitions.FILTERS
                 if self.filter_values.get(spec.name)]
        needle = self.search.casefold()
        matching_programmes = {uuid for uuid, (_fid, title) in data.programmes.items()
                               if needle and needle in title.casefold()}
        problems = self.problem_projects or set()
        only_problems = self._only_problems()
        visible, programmes, orphans = set(), set(), False
        for uuid, project in data.projects.items():
            if only_problems and uuid not in problems:
                continue
            if tests and not _passes(project, tests):
                continue
            if needle and not _matches(project, needle, data, matching_programmes):
                continue
            visible.add(uuid)
            if project.programma in data.programmes:
                programmes.add(project.programma)
            else:
                orphans = True
        return Visibility(visible, programmes, orphans, unlinked=False)

    def filter_choices(self, spec, scheme, language):
        """[(label, code)] of a filter's combo (after "(all)")."""
        if spec.dimension is None:
            comuni = sorted(self.snapshot.comuni.items(), key=lambda kv: kv[1][0].casefold())
            return [(name, istat) for istat, (name, _zone) in comuni]
        return [(term.label(language), term.code) for term in scheme.dimension(spec.dimension).terms]

    # -- actions -------------------------------------------------------------------------------
    def action_states(self, map_selection=(False, "")):
        """{action name: (enabled, reason when disabled)}. ``map_selection`` = (ok, reason): the
        active layer gives perimeters (the view asks QGIS)."""
        no_file = self.tr("Open a RE.MIX GeoPackage first")
        no_project = self.tr("Select a project (or one of its items) in the tree first")
        has_file, has_project = self.has_file, bool(self.current.project_uuid)
        project_reason = no_file if not has_file else no_project
        states = {}
        for spec in definitions.ACTIONS:
            if spec.needs == "file":
                states[spec.name] = (has_file, no_file)
                continue
            enabled, reason = has_project, project_reason
            if spec.needs_layer and self.qgis_layers.get(spec.needs_layer) is None:
                enabled = False
            if spec.needs_map_selection:
                source_ok, source_reason = map_selection
                enabled = enabled and source_ok
                reason = project_reason if not has_project else source_reason
            if spec.table and has_file and self.layer(spec.table) is None:
                enabled, reason = False, self.tr("The layer of this table is not in the project")
            states[spec.name] = (enabled, reason)
        return states

    def trigger(self, name):
        """Run the operation of the action ``name`` on the current item; returns its result."""
        spec = next(spec for spec in definitions.ACTIONS if spec.name == name)
        if ":" in spec.operation:
            module, function = spec.operation.split(":", 1)
            return getattr(import_module(module), function)(self.context, self.current)
        return self.operations[spec.operation](spec, self.current)

    @staticmethod
    def added_kind(table):
        return definitions.ADDED_KIND.get(table, "")

    def added_text(self, layer_name):
        """The message after a row was added to ``layer_name`` for the current project."""
        project = self.snapshot.projects.get(self.current.project_uuid or "")
        return self.tr("Added to “{layer}”{project} — not saved yet: use Save in the RE.MIX panel").format(
            layer=layer_name,
            project=self.tr(" of the project “{title}”").format(title=project.title) if project else "")

    # -- the status line ---------------------------------------------------------------------
    def status_text(self):
        counts = self.snapshot.counts
        text = self.tr("{programmes} programmes · {projects} projects · {works} works · {actions} "
                       "actions · {problems} problems").format(
            programmes=counts.get("programmi", 0), projects=counts.get("progetti", 0),
            works=counts.get("lavori", 0), actions=counts.get("azioni", 0),
            problems=counts.get("criticita", 0))
        if self.filters_active:
            text = self.tr("{visible} of {total} projects shown").format(
                visible=len(self.visible_projects()), total=counts.get("progetti", 0)) + " · " + text
        return text


def _passes(project, tests):
    for test in tests:  # a plain loop: 5,000 projects per change of filter
        if not test(project):
            return False
    return True


def _matches(project, needle, data, matching_programmes):
    """The search text is in the project's title, its programme's, its comune's or a child's."""
    if needle in project.title.casefold() or project.programma in matching_programmes:
        return True
    comune = data.comuni.get(project.comune)
    if comune and needle in comune[0].casefold():
        return True
    for entries in (project.lavori, project.azioni, project.criticita):
        for entry in entries:
            if needle in entry[2].casefold():
                return True
    return False
