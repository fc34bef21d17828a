"""What the dock shows when a bundle export is blocked or an import is done: small non-modal
dialogs with the records concerned listed by layer, title and field, in the UI language."""

import json
import sqlite3
from pathlib import Path

from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .. import sql
from ..i18n import tr, ui_language
from ..log import get_logger

LOG = get_logger("gui.bundle")
TITLE_COLUMNS = ("titolo", "nome")
COLUMN_NAMES = "SELECT name FROM pragma_table_info(?)"
# ?1: a JSON list of uuids (one statement whatever their number)
TITLES_OF = "SELECT uuid, {title} FROM {table} WHERE uuid IN (SELECT value FROM json_each(?1))"


def record_titles(path, table, uuids):
    """uuid -> title (``titolo`` or ``nome``) of the records of ``table`` in the GeoPackage at
    ``path``; read-only, and empty when the file or table cannot be read (titles only help)."""
    from ..layers.inspect import connect_read_only

    uuids = sorted({u for u in uuids if u})
    if not uuids or not path:
        return {}
    try:
        connection = connect_read_only(path)
        try:
            columns = {row[0] for row in connection.execute(COLUMN_NAMES, (table,))}
            title = next((c for c in TITLE_COLUMNS if c in columns), None)
            if title is None or "uuid" not in columns:
                return {}
            query = sql.statement(TITLES_OF, title=title, table=table)
            return {u: t for u, t in connection.execute(query, (json.dumps(uuids),)) if t}
        finally:
            connection.close()
    except sqlite3.Error as exc:
        LOG.debug("titles of %s in %s not read: %s", table, path, exc)
        return {}


def _labels(language):
    from ..layers.model import load_model

    model = load_model()

    def table_label(name):
        return model.table(name).label(language) if model.has_table(name) else (name or "")

    def field_label(table, name):
        if not name:
            return ""
        if name == "geom":
            return tr("geometry")
        if model.has_table(table) and model.table(table).has_field(name):
            return model.table(table).field(name).label(language)
        return name

    return table_label, field_label


def _table(parent, headers, rows, tooltips=None, max_width=220):
    """A read-only table; every column but the last fits its content up to ``max_width`` px, the
    last one takes the rest and wraps."""
    widget = _WrappingTable(len(rows), len(headers), parent)
    widget.setHorizontalHeaderLabels(headers)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setWordWrap(True)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.verticalHeader().setVisible(False)
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            tip = tooltips[row][column] if tooltips is not None else None
            item.setToolTip(str(tip or value))
            widget.setItem(row, column, item)
    widget.resizeColumnsToContents()
    for column in range(len(headers) - 1):
        widget.setColumnWidth(column, min(widget.columnWidth(column), max_width))
    widget.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    widget.resizeRowsToContents()
    return widget


class _WrappingTable(QTableWidget):
    """Rows grow to show wrapped text whenever the table's width changes."""

    def __init__(self, rows, columns, parent=None):
        super().__init__(rows, columns, parent)
        self._rewrap = QTimer(self)  # a child: never fires after the table is gone
        self._rewrap.setSingleShot(True)
        self._rewrap.timeout.connect(self.resizeRowsToContents)

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._rewrap.start(0)  # once the header has laid out its sections


def _record(titles, uuid):
    """What the user recognises a record by: its title (the UUID when it has none)."""
    if not uuid:
        return "—"
    return titles.get(uuid) or uuid


class BlockedExportDialog(QDialog):
    """The validation errors that stopped an export (nothing was written): findings of the one
    findings model (validation/findings.py), the engine's or the bundle check's."""

    def __init__(self, findings, source_path=None, language=None, parent=None, on_validate=None):
        super().__init__(parent)
        self.setObjectName("RemixExportBlocked")
        self.setWindowTitle(tr("Export blocked"))
        self.language = language or ui_language()
        self.findings = list(findings)
        table_label, field_label = _labels(self.language)
        uuids_by_table = {}
        for finding in self.findings:
            uuids_by_table.setdefault(finding.layer, []).append(finding.feature_uuid)
        titles = {table: record_titles(source_path, table, uuids) if table else {}
                  for table, uuids in uuids_by_table.items()}
        self.rows = [
            (
                table_label(f.layer),
                _record(titles.get(f.layer, {}), f.feature_uuid),
                field_label(f.layer, f.field),
                f.message(self.language),
            )
            for f in self.findings
        ]
        layout = QVBoxLayout(self)
        text = tr("{n} validation errors block the export: no file was written. Correct them and "
                  "export again (the Validate tool lists them too, with zoom to each feature).")
        self.summary = QLabel(text.format(n=len(self.rows)), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.uuids = [f.feature_uuid for f in self.findings]
        tips = [(None, uuid, None, None) for uuid in self.uuids]
        self.table = _table(self, [tr("Layer"), tr("Feature"), tr("Field"), tr("Message")], self.rows, tips)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        if on_validate is not None:
            self.validate_button = QPushButton(tr("Open in the validation panel"), self)
            buttons.addButton(self.validate_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.validate_button.clicked.connect(on_validate)
            self.validate_button.clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(820, 420)


class ImportSummaryDialog(QDialog):
    """What an import changed: records added, updated, kept, and the conflicts left untouched."""

    def __init__(self, result, bundle_path, target_path, language=None, parent=None):
        from ..export.merge import CONFLICTS_TABLE

        super().__init__(parent)
        self.setObjectName("RemixImportSummary")
        self.setWindowTitle(tr("Bundle imported"))
        self.language = language or ui_language()
        self.result = result
        table_label, field_label = _labels(self.language)

        def by_table(counts):
            return ", ".join(f"{table_label(name)} {n}" for name, n in sorted(counts.items()) if n)

        from ..central.dsn import display_dsn, looks_like_dsn

        database = looks_like_dsn(target_path)  # the central database (a DSN without password)
        added, updated = sum(result.added.values()), sum(result.updated.values())
        lines = [tr("Bundle {bundle} merged into {target}.").format(
            bundle=Path(bundle_path).name,
            target=display_dsn(target_path) if database else Path(target_path).name)]
        if not result.changed and not result.conflicts:
            lines.append(
                tr("Nothing changed: the data of this bundle are already in the database.") if database
                else tr("Nothing changed: the data of this bundle are already in the GeoPackage."))
        lines.append(tr("Records added: {n}").format(n=added)
                     + (f" ({by_table(result.added)})" if added else ""))
        lines.append(tr("Records updated: {n}").format(n=updated)
                     + (f" ({by_table(result.updated)})" if updated else ""))
        lines.append(tr("Records already identical: {n}").format(n=result.unchanged))
        lines.append((tr("Records kept as they are here (changed only in the database): {n}") if database
                      else tr("Records kept as they are here (changed only in this GeoPackage): {n}")).format(
            n=result.kept_local))
        lines.append(tr("Conflicts: {n}").format(n=len(result.conflicts)))
        if result.backup:
            lines.append(tr("Backup copy made before the import: {path}").format(path=result.backup))
        elif database:
            lines.append(tr("The database keeps every previous version of the records in its history."))
        elif not result.changed and not result.conflicts:
            lines.append(tr("The GeoPackage was not written, so no backup copy was needed."))
        layout = QVBoxLayout(self)
        self.summary = QLabel("\n".join(lines), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.rows = []
        self.uuids = []
        self.table = None
        if result.conflicts:
            note = QLabel(tr(
                "Records changed both here and in the bundle were not overwritten: they keep the values "
                "of this GeoPackage. They are listed below and stored in the table {table} of this "
                "GeoPackage with both values of each differing field, to be settled by hand.").format(
                table=CONFLICTS_TABLE), self)
            note.setWordWrap(True)
            layout.addWidget(note)
            uuids_by_table = {}
            for table, uuid, _fields in result.conflicts:
                uuids_by_table.setdefault(table, []).append(uuid)
            titles = {table: record_titles(target_path, table, uuids)
                      for table, uuids in uuids_by_table.items()}
            self.rows = [
                (table_label(table), _record(titles.get(table, {}), uuid),
                 ", ".join(field_label(table, name) for name in fields))
                for table, uuid, fields in result.conflicts
            ]
            self.uuids = [uuid for _table_name, uuid, _fields in result.conflicts]
            tips = [(None, uuid, None) for uuid in self.uuids]
            self.table = _table(self, [tr("Layer"), tr("Record"), tr("Differing fields")], self.rows, tips)
            layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 380 if result.conflicts else 220)
