"""The dock's "Proposte di programmi" view: proposals of networks, to accept or reject.

``ProposalsView.set_source(gpkg)`` computes the proposals (``networks.suggest``, distance from
the spin box) and lists them: kind, number of projects, comuni; each proposal's projects are
its children, and the selected proposal's reason is shown under the list. "Accept…" asks for
the programma's title and calls ``networks.accept.accept`` (members already in another
programma are left there and the view says so); "Reject" records the decision. Both refresh
the list, where a decided proposal no longer appears. ``proposal_selected(id, hull_wkb)`` lets
the dock show the proposal on the map; ``programma_created(uuid)`` lets it reload the layers.
"""

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr, ui_language

ID_ROLE = Qt.ItemDataRole.UserRole


class ProposalsView(QWidget):
    proposal_selected = pyqtSignal(str, object)  # proposal id, hull WKB (bytes or None)
    programma_created = pyqtSignal(str)  # uuid of the new programma

    def __init__(self, parent=None, language=None):
        super().__init__(parent)
        from ..networks.suggest import DEFAULT_DISTANCE

        self.language = language or ui_language()
        self.gpkg = None
        self.result = None
        self._by_id = {}
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0.0, 50000.0)
        self.distance.setDecimals(0)
        self.distance.setSingleStep(250.0)
        self.distance.setSuffix(" m")
        self.distance.setValue(DEFAULT_DISTANCE)
        self.distance.setToolTip(tr("Largest distance between lavori of a territorial network"))
        self.refresh_button = QPushButton(tr("Update proposals"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Distance")))
        top.addWidget(self.distance)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([tr("Kind"), tr("Projects"), tr("Comuni")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reason = QLabel("")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setObjectName("proposalReason")
        self.tree.currentItemChanged.connect(self._current_changed)
        self.accept_button = QPushButton(tr("Accept…"))
        self.accept_button.setToolTip(tr("The proposal becomes a programma with its projects"))
        self.reject_button = QPushButton(tr("Reject"))
        self.reject_button.setToolTip(tr("The proposal is not proposed again"))
        self.accept_button.clicked.connect(lambda: self.accept_current())
        self.reject_button.clicked.connect(lambda: self.reject_current())
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------------
    def set_source(self, gpkg):
        self.gpkg = str(gpkg)
        self.refresh()

    def refresh(self):
        from ..networks.suggest import suggest

        self.tree.clear()
        self._by_id = {}
        self.reason.setText("")
        if not self.gpkg:
            return
        self.result = suggest(self.gpkg, distance=self.distance.value())
        from ..taxonomy import load_scheme

        kinds = load_scheme().dimension("tipo_rete")
        for proposal in self.result.proposals:
            self._by_id[proposal.id] = proposal
            item = QTreeWidgetItem(
                [
                    kinds.label_of(proposal.kind, self.language),
                    str(len(proposal.members)),
                    ", ".join(proposal.comuni_names),
                ]
            )
            item.setData(0, ID_ROLE, proposal.id)
            for column in range(3):
                item.setToolTip(column, proposal.reason.get(self.language))
            for title in proposal.titles:
                child = QTreeWidgetItem(["", "", title])
                child.setToolTip(2, title)
                child.setData(0, ID_ROLE, proposal.id)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.status.setText(
            tr("{n} proposals; {s} not proposed again (already programmi or decided).").format(
                n=len(self.result.proposals), s=len(self.result.suppressed)
            )
        )
        self._update_buttons()

    def proposal_ids(self):
        return [self.tree.topLevelItem(i).data(0, ID_ROLE) for i in range(self.tree.topLevelItemCount())]

    def select(self, proposal_id):
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.data(0, ID_ROLE) == proposal_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def current_proposal(self):
        item = self.tree.currentItem()
        return self._by_id.get(item.data(0, ID_ROLE)) if item is not None else None

    # -- decisions ----------------------------------------------------------------------------
    def accept_current(self, titolo=None):
        """Accept the selected proposal; ``titolo`` None asks for it. Returns the AcceptResult."""
        from ..errors import RemixError
        from ..networks.accept import accept

        proposal = self.current_proposal()
        if proposal is None:
            return None
        if titolo is None:
            titolo, ok = QInputDialog.getText(self, tr("Accept proposal"), tr("Title of the new programma:"))
            if not ok or not titolo.strip():
                return None
        try:
            result = accept(self.gpkg, proposal.id, titolo, distance=self.distance.value())
        except RemixError as exc:
            self.status.setText(exc.message(self.language))
            return None
        self.refresh()
        text = tr("Programma «{title}» created with {n} projects.").format(
            title=titolo, n=len(result.assigned)
        )
        if result.conflicts:
            text += " " + tr("{n} projects already in another programma were left there.").format(
                n=len(result.conflicts)
            )
        self.status.setText(text)
        self.programma_created.emit(result.programma_uuid)
        return result

    def reject_current(self, nota=""):
        from ..errors import RemixError
        from ..networks.accept import reject

        proposal = self.current_proposal()
        if proposal is None:
            return None
        try:
            reject(self.gpkg, proposal.id, nota=nota, distance=self.distance.value())
        except RemixError as exc:
            self.status.setText(exc.message(self.language))
            return None
        self.refresh()
        self.status.setText(tr("Proposal rejected: it will not be proposed again."))
        return proposal

    def _current_changed(self, current, _previous):
        self._update_buttons()
        proposal = self.current_proposal()
        self.reason.setText(proposal.reason.get(self.language) if proposal is not None else "")
        if proposal is not None:
            self.proposal_selected.emit(proposal.id, proposal.hull_wkb)

    def _update_buttons(self):
        enabled = self.current_proposal() is not None
        self.accept_button.setEnabled(enabled)
        self.reject_button.setEnabled(enabled)
