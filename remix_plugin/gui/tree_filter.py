"""Search and filters of the dock's tree.

The decision is taken per project on the plain-Python snapshot (:class:`TreeData`): a change of
filter computes the set of visible projects once, then ``filterAcceptsRow`` only looks that set
up. Programmes are shown when one of their projects is; the children of a visible project
(its lavori, azioni, criticità) are always shown with it.
"""

from qgis.PyQt.QtCore import QSortFilterProxyModel

from .project_tree import KIND_ROLE, UUID_ROLE, TreeData

# Project attributes filtered by a code (field of ``progetti`` -> ProjectInfo attribute).
DIMENSION_FILTERS = {"ambito_opportunita": "ambiti", "scala_impatto": "scala", "stato_progetto": "stato"}


class RemixTreeFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = ""
        self.comune = ""  # ISTAT code
        self.zona = ""  # zona omogenea code
        self.dimensions = {name: "" for name in DIMENSION_FILTERS}
        self.problem_projects = None  # set of project uuids found by the validation, or None
        self.only_problems = False
        self._visible_projects = None  # None = no filter
        self._visible_programmes = set()
        self._orphans_visible = True
        self._unlinked_visible = True

    # -- setters (each recomputes once) ----------------------------------------------------
    def set_search(self, text):
        self.search = (text or "").strip()
        self.refresh()

    def set_comune(self, istat):
        self.comune = istat or ""
        self.refresh()

    def set_zona(self, code):
        self.zona = code or ""
        self.refresh()

    def set_dimension(self, field, code):
        if field not in DIMENSION_FILTERS:
            raise KeyError(field)
        self.dimensions[field] = code or ""
        self.refresh()

    def set_problem_projects(self, uuids):
        self.problem_projects = set(uuids) if uuids is not None else None
        self.refresh()

    def set_only_problems(self, enabled):
        self.only_problems = bool(enabled)
        self.refresh()

    def clear_filters(self):
        self.search, self.comune, self.zona, self.only_problems = "", "", "", False
        self.dimensions = {name: "" for name in DIMENSION_FILTERS}
        self.refresh()

    @property
    def active(self):
        return bool(self.search or self.comune or self.zona or self.only_problems
                    or any(self.dimensions.values()))

    # -- the decision ----------------------------------------------------------------------
    def _data(self):
        model = self.sourceModel()
        return getattr(model, "data_snapshot", None) or TreeData()

    def visible_projects(self):
        """Set of visible project uuids (every project when no filter is active)."""
        data = self._data()
        if self._visible_projects is None:
            return set(data.projects)
        return set(self._visible_projects)

    def _compute(self):
        if not self.active:
            self._visible_projects = None
            return
        data = self._data()
        needle = self.search.casefold()
        zone_comuni = {istat for istat, (_n, zona) in data.comuni.items() if zona == self.zona}
        matching_programmes = {uuid for uuid, (_fid, title) in data.programmes.items()
                               if needle and needle in title.casefold()}
        problems = self.problem_projects or set()
        visible, programmes, orphans = set(), set(), False
        for uuid, project in data.projects.items():
            if self.only_problems and uuid not in problems:
                continue
            ambito = self.dimensions["ambito_opportunita"]
            if ambito and ambito not in project.ambiti:
                continue
            if self.dimensions["scala_impatto"] and project.scala != self.dimensions["scala_impatto"]:
                continue
            if self.dimensions["stato_progetto"] and project.stato != self.dimensions["stato_progetto"]:
                continue
            if self.comune or self.zona:
                comuni = data.comuni_of(project)
                if self.comune and self.comune not in comuni:
                    continue
                if self.zona and not (comuni & zone_comuni):
                    continue
            if needle and not self._matches(project, needle, data, matching_programmes):
                continue
            visible.add(uuid)
            if project.programma in data.programmes:
                programmes.add(project.programma)
            else:
                orphans = True
        self._visible_projects = visible
        self._visible_programmes = programmes
        self._orphans_visible = orphans
        self._unlinked_visible = False

    @staticmethod
    def _matches(project, needle, data, matching_programmes):
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

    def refresh(self):
        """Recompute after a filter change or after the source model was rebuilt."""
        self._compute()
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent):  # noqa: N802 (Qt API)
        if self._visible_projects is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        kind = index.data(KIND_ROLE)
        if kind == "progetto":
            return index.data(UUID_ROLE) in self._visible_projects
        if kind == "programma":
            return index.data(UUID_ROLE) in self._visible_programmes
        if kind == "orphans":
            return self._orphans_visible
        if kind == "unlinked":
            return self._unlinked_visible
        return True  # children of a visible project
