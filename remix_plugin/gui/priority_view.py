"""The dock's "Priorità metropolitana" view: a project's score with its breakdown.

``PriorityView.set_source(path)`` scores every project of the GeoPackage once (``priority.score``,
the shipped profile or ``profile``); ``show_project(uuid)`` shows that project's score, rank and
one row per criterion — its value read from the data and the explanation under its name, and a
bar of the points out of the weight (tooltip: the criterion's definition from the profile).
No hidden formula: the profile's name and version are shown under the table.
"""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr, ui_language

COLUMNS = 2  # criterion with its value and explanation below it; points (bar)


class PriorityView(QWidget):
    def __init__(self, parent=None, language=None):
        super().__init__(parent)
        self.language = language or ui_language()
        self.profile = None
        self.scores = {}
        self.total = 0
        self.heading = QLabel(tr("Select a project to see its metropolitan priority."))
        self.heading.setWordWrap(True)
        self.heading.setObjectName("priorityHeading")
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([tr("Criterion"), tr("Points")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, 120)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # wrapped explanations need their rows measured again whenever the column width changes
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.footer = QLabel("")
        self.footer.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)

    def set_source(self, path, profile=None):
        """Score every project of ``path``; raises ``RemixError`` for a bad file or profile."""
        from ..priority.score import load_profile, score_projects

        self.profile = load_profile(profile)
        self.set_scores(score_projects(path, self.profile), self.profile)

    def set_scores(self, scored, profile=None):
        """Show ``scored`` (``priority.score.score_projects``' list, e.g. computed in a RemixTask
        by the dock) made with ``profile`` (None: the shipped profile)."""
        from ..priority.score import load_profile

        self.profile = profile if profile is not None else load_profile(None)
        self.scores = {item.uuid: item for item in scored}
        self.total = len(scored)
        self.footer.setText(
            tr(
                "Profile {name} {version}: weights add up to 100; each criterion is worth "
                "0 to 1 of its weight."
            ).format(name=self.profile.name, version=self.profile.version)
        )
        self.clear()

    def clear(self):
        self.table.setRowCount(0)
        self.heading.setText(tr("Select a project to see its metropolitan priority."))

    def show_project(self, uuid):
        """Show the breakdown of project ``uuid``; False if it is not in the scored source."""
        from ..priority.score import number_text, score_text

        item = self.scores.get(uuid)
        if item is None:
            self.clear()
            return False
        self.heading.setText(
            tr("Metropolitan priority of «{title}»: {score} (rank {rank} of {total})").format(
                title=item.titolo, score=score_text(item, self.language), rank=item.rank, total=self.total
            )
        )
        self.table.setRowCount(len(item.parts))
        for row, part in enumerate(item.parts):
            criterion = part.criterion
            explanation = part.explanation.get(self.language)
            name = QTableWidgetItem(f"{criterion.label(self.language)}: {part.raw}\n{explanation}")
            name.setToolTip(criterion.definition(self.language))
            name.setData(Qt.ItemDataRole.UserRole, (criterion.label(self.language), part.raw, explanation))
            self.table.setItem(row, 0, name)
            bar = QProgressBar()
            bar.setRange(0, max(int(round(criterion.weight * 10)), 1))
            bar.setValue(int(round(part.points * 10)))
            language = self.language
            bar.setFormat(f"{number_text(part.points, language)} / {number_text(criterion.weight, language)}")
            bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
            bar.setToolTip(explanation)
            self.table.setCellWidget(row, 1, bar)
        self.table.resizeRowsToContents()
        return True

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def row_texts(self):
        """[(criterion, value, bar text, explanation)] as on screen (tests, accessibility)."""
        rows = []
        for row in range(self.table.rowCount()):
            bar = self.table.cellWidget(row, 1)
            label, raw, explanation = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            rows.append((label, raw, bar.text() if bar is not None else "", explanation))
        return rows
