"""The dock's "Bandi compatibili" view: a project's open calls for funding with the reason of each
criterion, and a call's candidate projects (docs/funding.md).

``FundingView.set_source(path, date=None)`` matches every project of the GeoPackage with the calls
open on ``date`` (today by default) once (``funding.match``: for a RE.MIX file of a few hundred
projects and tens of calls it takes milliseconds; the 5,000 × 200 benchmark takes seconds and
belongs to the CLI or Processing). ``show_project(uuid)`` lists that project's open calls, best
first: a shaded row per call (✔ eligible, or ✘ with the criteria met out of eight), then its eight
criteria with their reasons, wrapped to the dock's width. ``show_call(uuid)`` lists the call's projects the
same way. Texts through ``i18n.tr(..., language=view.language)``.
"""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr, ui_language

MET_COLOUR = QColor("#1b7a3a")
FAILED_COLOUR = QColor("#a4262c")
HEADING_BACKGROUND = QColor("#eef2f5")
CALL_ROW, CRITERION_ROW = "call", "criterion"


class FundingView(QWidget):
    def __init__(self, parent=None, language=None):
        super().__init__(parent)
        self.language = language or ui_language()
        self.result = None
        self.heading = QLabel(tr("Select a project or a call.", language=self.language))
        self.heading.setWordWrap(True)
        self.heading.setObjectName("fundingHeading")
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # wrapped reasons need their rows measured again whenever the column width changes
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self._headers(tr("Call and criteria", language=self.language))
        self.footer = QLabel("")
        self.footer.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)


    def _headers(self, first):
        self.table.setHorizontalHeaderLabels([first, tr("Result", language=self.language)])

    def set_source(self, path, date=None):
        """Match the projects of ``path`` with the calls open on ``date``; raises RemixError."""
        from ..funding.match import match_source

        self.set_result(match_source(str(path), date))

    def set_result(self, result):
        """Show ``result`` (``funding.match.match_source``'s, e.g. computed in a RemixTask by the
        dock for a metropolitan file)."""
        self.result = result
        eligible = sum(1 for m in self.result.matches if m.eligible)
        calls, day = len(self.result.calls), self.result.date
        self.footer.setText(
            tr(
                "{calls} calls open on {day}; {eligible} eligible project-call pairs. A criterion "
                "the call does not constrain is met.",
                language=self.language,
            ).format(calls=calls, day=day, eligible=eligible)
        )
        self.clear()

    def clear(self):
        self.table.setRowCount(0)
        self.heading.setText(tr("Select a project or a call.", language=self.language))

    def _verdict(self, match):
        if match.eligible:
            return "✔ " + tr("eligible", language=self.language), MET_COLOUR
        return f"✘ {match.met}/{len(match.checks)}", FAILED_COLOUR

    def _row(self, kind, text, mark, colour, tooltip="", bold=False, data=None):
        row = self.table.rowCount()
        self.table.insertRow(row)
        first, second = QTableWidgetItem(text), QTableWidgetItem(mark)
        first.setToolTip(tooltip or text)
        first.setData(Qt.ItemDataRole.UserRole, (kind, data))
        second.setForeground(QBrush(colour))
        second.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if kind == CALL_ROW:
            for item in (first, second):
                item.setBackground(QBrush(HEADING_BACKGROUND))
                font = item.font()
                font.setBold(bold)
                item.setFont(font)
        self.table.setItem(row, 0, first)
        self.table.setItem(row, 1, second)

    def _add(self, title, tooltip, match):
        verdict, colour = self._verdict(match)
        self._row(
            CALL_ROW,
            title,
            verdict,
            colour,
            tooltip,
            bold=match.eligible,
            data=(match.progetto_uuid, match.bando_uuid, match.eligible),
        )
        for check in match.checks:
            self._row(
                CRITERION_ROW,
                f"    {check.label(self.language)}: {check.reason(self.language)}",
                "✔" if check.met else "✘",
                MET_COLOUR if check.met else FAILED_COLOUR,
                data=(check.criterion, check.met),
            )

    def show_project(self, uuid):
        """The project's open calls, best first; False if the project is not in the source."""
        project = self.result.projects.get(uuid) if self.result else None
        if project is None:
            self.clear()
            return False
        self.table.setRowCount(0)
        self._headers(tr("Call and criteria", language=self.language))
        calls = {c.uuid: c for c in self.result.calls}
        matches = self.result.of_project(uuid)
        eligible = sum(1 for m in matches if m.eligible)
        self.heading.setText(
            tr(
                "Calls for «{titolo}»: {eligible} eligible of {n_matches} open",
                language=self.language,
            ).format(titolo=project.titolo, eligible=eligible, n_matches=len(matches))
        )
        for match in matches:
            call = calls[match.bando_uuid]
            closes = tr("closes", language=self.language)
            tooltip = f"{call.ente} — {closes} {call.chiusura}" if call.ente else f"{closes} {call.chiusura}"
            self._add(f"{match.rank}. {call.titolo} ({closes} {call.chiusura})", tooltip, match)
        self.table.resizeRowsToContents()
        return True

    def show_call(self, uuid):
        """The call's candidate projects, best first; False if the call is not open on the date."""
        call = next((c for c in self.result.calls if c.uuid == uuid), None) if self.result else None
        if call is None:
            self.clear()
            return False
        self.table.setRowCount(0)
        self._headers(tr("Project and criteria", language=self.language))
        matches = self.result.of_call(uuid)
        eligible = sum(1 for m in matches if m.eligible)
        self.heading.setText(
            tr(
                "Candidate projects for «{titolo}»: {eligible} eligible of {n_matches}",
                language=self.language,
            ).format(titolo=call.titolo, eligible=eligible, n_matches=len(matches))
        )
        for match in matches:
            project = self.result.projects[match.progetto_uuid]
            self._add(f"{match.call_rank}. {project.titolo}", project.comune_istat, match)
        self.table.resizeRowsToContents()
        return True

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def row_texts(self):
        """[(row text, verdict, [(criterion text, mark)])] as on screen (tests, accessibility)."""
        rows = []
        for row in range(self.table.rowCount()):
            kind, _data = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            text, mark = self.table.item(row, 0).text(), self.table.item(row, 1).text()
            if kind == CALL_ROW:
                rows.append((text, mark, []))
            else:
                rows[-1][2].append((text.strip(), mark))
        return rows
