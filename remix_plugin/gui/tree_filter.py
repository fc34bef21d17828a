"""The dock's tree shows only what the search and the filters leave.

The decision is the controller's (``dock_controller.DockController``: per project, on the
plain-Python snapshot, once per change of filter); this proxy only looks its answer up in
``filterAcceptsRow``. Programmes are shown when one of their projects is; the children of a visible
project (its lavori, azioni, criticità) are always shown with it.
"""

from qgis.PyQt.QtCore import QSortFilterProxyModel

from .tree_roles import KIND_ROLE, UUID_ROLE


class RemixTreeFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._visibility = None  # dock_controller.Visibility; None = no filter, every row shown

    def show_only(self, visibility):
        """Show what ``visibility`` leaves (None: everything), after a filter change or a rebuild."""
        self._visibility = visibility
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent):  # noqa: N802 (Qt API)
        visibility = self._visibility
        if visibility is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        kind = index.data(KIND_ROLE)
        if kind == "progetto":
            return index.data(UUID_ROLE) in visibility.projects
        if kind == "programma":
            return index.data(UUID_ROLE) in visibility.programmes
        if kind == "orphans":
            return visibility.orphans
        if kind == "unlinked":
            return visibility.unlinked
        return True  # children of a visible project
