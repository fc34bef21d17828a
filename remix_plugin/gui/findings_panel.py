"""Findings of the validation in the dock: run it in a QgsTask (progress, cancel), list the
findings grouped by severity and rule, zoom to / select a finding's feature, open its form, mark
it fixed or accept it as an exception (stored in the GeoPackage). The failure points are shown
on the map in a styled memory layer.

The source is what the dock shows (``dock_source``): a GeoPackage's path or, on the central
database (issue 14), the libpq DSN of the dock's connection (no password). On the database the
features, their titles and the map's CRS come from the project's loaded RE.MIX layers; accepting
an exception is off there (the database keeps no exceptions store).

The rules themselves live in ``remix_plugin.validation`` (QGIS-free); this is only the view.
"""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsProject,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRect, QSize, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..compat import field_type, no_geometry_flag
from ..i18n import tr, ui_language
from ..log import get_logger

LOG = get_logger("gui.findings")
FINDING_ROLE = Qt.ItemDataRole.UserRole
POINTS_LAYER_PROPERTY = "remix/findings"
COLOURS = {"error": "#d7191c", "warning": "#fdae61"}
COLUMN_FINDING, COLUMN_LAYER, COLUMN_FIELD, COLUMN_RULE = range(4)
ZERO_WIDTH_SPACE = "\u200b"


def count_text(count, one, many):
    """"1 errore" / "2 errori": ``one`` and ``many`` are tr() texts with ``{n}``."""
    return (one if count == 1 else many).format(n=count)


def profile_label(profile):
    labels = {"strict": tr("strict (what the Region accepts)"), "draft": tr("draft (work in progress)")}
    return labels.get(profile, profile)


def summary_text(counts, profile):
    """"1 errore, 2 avvisi, nessuna eccezione accettata — profilo: rigoroso (…)."."""
    errors = count_text(counts.get("error", 0), tr("{n} error"), tr("{n} errors"))
    warnings = count_text(counts.get("warning", 0), tr("{n} warning"), tr("{n} warnings"))
    accepted = count_text(counts.get("suppressed", 0), tr("{n} accepted exception"),
                          tr("{n} accepted exceptions"))
    return tr("{errors}, {warnings}, {accepted} — profile: {profile}.").format(
        errors=errors, warnings=warnings, accepted=accepted, profile=profile_label(profile))


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped message: Qt's tree measures a row's text on one unbounded
    line even with word wrap on, so the message's height is computed at its column's width."""

    def sizeHint(self, option, index):  # noqa: N802 (Qt API)
        if index.column() == COLUMN_RULE:
            return super().sizeHint(option, index)  # one line: its column fits its contents
        tree = self.parent()
        width = tree.columnWidth(index.column())
        if index.column() == COLUMN_FINDING:  # the only indented column
            depth, parent = 1 if tree.rootIsDecorated() else 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= depth * tree.indentation()
        measured = QStyleOptionViewItem(option)
        self.initStyleOption(measured, index)
        measured.rect = QRect(0, 0, max(width, 40), 1)
        style = tree.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, measured, QSize(), tree)


class FindingsPanel(QWidget):
    """``set_geopackage(path)`` then ``validate()``; ``show_report(report)`` fills the list."""

    # uuids of the projects with findings: connect to RemixDock.set_problem_projects
    problems_changed = pyqtSignal(object)
    validation_finished = pyqtSignal(object)  # the Report, or None on failure / cancel

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.path = None  # the dock's path: a GeoPackage, or the database store's label
        self.source = None  # what the validation reads: the GeoPackage's path or a libpq DSN
        self.report = None
        self.task = None
        self.language = ui_language()
        self.points_layer = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.profile_box = QComboBox()
        self.profile_box.addItem(tr("strict (what the Region accepts)"), "strict")
        self.profile_box.addItem(tr("draft (work in progress)"), "draft")
        self.validate_button = QPushButton(tr("Validate"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        top.addWidget(self.profile_box, 1)
        top.addWidget(self.validate_button)
        top.addWidget(self.cancel_button)
        layout.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.summary = QLabel(tr("Not validated yet."))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("remixFindingsTree")
        # The sentence first, the rule's code last: codes are never cut, the sentence takes the
        # room that is left (its whole text is in the tooltip).
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("Finding"), tr("Layer"), tr("Field"), tr("Rule")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_FINDING, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_RULE, QHeaderView.ResizeMode.ResizeToContents)
        # the layer's and field's labels ("Intervento sull'oggetto") fit their contents up to a
        # share of the width (_fit_columns): the sentence keeps the room to be read
        for column in (COLUMN_LAYER, COLUMN_FIELD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        # In a dock 300-400 px wide the sentence does not fit one line: it wraps instead of
        # being cut, and the rows are laid out again when the column changes width.
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self._relayout = QTimer(self.tree)  # dies with the tree: never fires on a deleted one
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(self._column_resized)
        layout.addWidget(self.tree, 1)
        actions = QHBoxLayout()
        self.zoom_button = QPushButton(tr("Zoom and select"))
        self.form_button = QPushButton(tr("Open form"))
        self.form_button.setObjectName("remixFindingOpenForm")
        self.form_button.setToolTip(tr("Open the feature's form to correct it (in edit mode: the panel "
                                       "offers to start editing the layer)"))
        self.ask_edit = None  # callable(layer) -> bool replacing the edit-mode question (tests)
        self.fixed_button = QPushButton(tr("Mark fixed"))
        self.accept_button = QPushButton(tr("Accept as exception…"))
        for button in (self.zoom_button, self.form_button, self.fixed_button, self.accept_button):
            button.setEnabled(False)
            actions.addWidget(button)
        layout.addLayout(actions)
        self.validate_button.clicked.connect(self.validate)
        self.cancel_button.clicked.connect(self.cancel)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(lambda item, column: self.zoom_to_current())
        self.zoom_button.clicked.connect(self.zoom_to_current)
        self.form_button.clicked.connect(self.open_form_of_current)
        self.fixed_button.clicked.connect(self.mark_current_fixed)
        self.accept_button.clicked.connect(self._ask_and_accept)
        self.validate_button.setEnabled(False)

    # -- running ----------------------------------------------------------------------------
    def set_geopackage(self, path):
        """The dock's path: a GeoPackage file, or on the central database the store's label (the
        DSN is then read from the project's RE.MIX layers, as the dock's other tools do)."""
        self.path = str(path) if path else None
        self.source = source_of_path(self.path)
        self.validate_button.setEnabled(bool(self.source))
        self.validate_button.setToolTip("" if self.source or not self.path else tr(
            "The layers shown are neither a saved GeoPackage nor the central database: nothing to "
            "validate."))
        self._current_changed(self.tree.currentItem(), None)

    def on_database(self):
        from ..validation.task import is_database

        return bool(self.source) and is_database(self.source)

    def profile(self):
        return self.profile_box.currentData() or "strict"

    def validate(self):
        from ..validation.task import start_validation

        if not self.source or self.task is not None:
            return None
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.validate_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.summary.setText(tr("Validating…"))
        self.task = start_validation(self.source, self.profile(), self._task_finished)
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        return self.task

    def cancel(self):
        if self.task is not None:
            self.task.cancel()

    def _task_finished(self, task):
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.validate_button.setEnabled(bool(self.source))
        if task.report is not None:
            self.show_report(task.report)
        elif task.cancelled:
            self.summary.setText(tr("Validation cancelled."))
        else:
            self.summary.setText(_task_error(task, self.language) or tr("Validation failed."))
        self.validation_finished.emit(task.report)

    # -- showing ----------------------------------------------------------------------------
    def show_report(self, report):
        from ..validation.catalogue import rule

        self.report = report
        self.tree.clear()
        self.summary.setText(summary_text(report.counts, report.profile))
        feature_titles = self._feature_titles(report.findings)
        titles = {"error": tr("Errors"), "warning": tr("Warnings")}
        for severity in ("error", "warning"):
            findings = report.by_severity(severity)
            if not findings:
                continue
            top = QTreeWidgetItem([f"{titles[severity]} ({len(findings)})"])
            self.tree.addTopLevelItem(top)
            by_code = {}
            for finding in findings:
                by_code.setdefault(finding.code, []).append(finding)
            for code in sorted(by_code):
                items = by_code[code]
                title = rule(code).title(self.language)
                group = QTreeWidgetItem([f"{title} ({len(items)})", "", "", code])
                group.setToolTip(COLUMN_FINDING, f"{title} — {code}")
                top.addChild(group)
                for finding in items:
                    text = self.finding_text(finding, feature_titles)
                    layer_label = self._layer_label(finding.layer)
                    field_label = self._field_label(finding.layer, finding.field)
                    child = QTreeWidgetItem([text, layer_label, field_label, code])
                    tip = text + (f"\n{finding.feature_uuid}" if finding.feature_uuid else "")
                    child.setToolTip(COLUMN_FINDING, tip)
                    child.setToolTip(COLUMN_LAYER, layer_label)
                    if finding.field:
                        child.setToolTip(COLUMN_FIELD, finding.field)  # the stored name
                    child.setData(0, FINDING_ROLE, finding)
                    group.addChild(child)
            top.setExpanded(True)
        self._fit_columns()
        self.problems_changed.emit(report.problem_projects())
        self.update_points_layer()

    def _column_texts(self, column):
        texts, pending = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while pending:
            item = pending.pop()
            pending.extend(item.child(i) for i in range(item.childCount()))
            if item.text(column):
                texts.append(item.text(column))
        return texts

    def _fit_columns(self):
        """Layer and field columns as wide as their contents up to a fifth of the list's width,
        never narrower than their longest word: a longer label ("Intervento sull'oggetto") wraps
        between words and its row grows (WrappingDelegate), so the texts read whole and the
        finding's sentence keeps the room to be read."""
        metrics = self.tree.fontMetrics()
        style = self.tree.style()
        padding = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        share = max(60, self.tree.viewport().width() // 5)
        header = self.tree.header()
        for column in (COLUMN_LAYER, COLUMN_FIELD):
            texts = self._column_texts(column)
            whole = max([metrics.horizontalAdvance(t) for t in texts], default=0) + padding
            word = max([metrics.horizontalAdvance(w) for t in texts for w in t.split()], default=0) + padding
            width = min(whole, max(share, word))
            self.tree.setColumnWidth(column, max(header.sectionSizeHint(column), width))
        self._relayout.start()  # the rows' heights at the new widths

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_columns()

    def finding_text(self, finding, titles=None):
        """The sentence, then the feature it is about: "Manca il titolo — «Ex scalo merci»"."""
        text = finding.message(self.language)
        title = (titles or {}).get((finding.layer, finding.feature_uuid))
        if title and f"«{title}»" not in text:  # most messages already name their feature
            text = f"{text} — «{title}»"
        # a stored field name ("ambito_azione_prevalente") may break after its underscores:
        # in a narrow panel it would otherwise be cut (Qt wraps only between words)
        return text.replace("_", "_" + ZERO_WIDTH_SPACE)

    def _feature_titles(self, findings):
        from .bundle_reports import record_titles

        wanted = {}
        for finding in findings:
            if finding.feature_uuid and finding.layer:
                wanted.setdefault(finding.layer, set()).add(finding.feature_uuid)
        titles = {}
        for layer, uuids in wanted.items():
            read = _layer_titles if self.on_database() else record_titles
            where = self._layers(layer).get(layer) if self.on_database() else self.path
            for uuid, title in read(where, layer, uuids).items():
                titles[(layer, uuid)] = title
        return titles

    def _layer_label(self, table):
        from ..layers.model import load_model

        model = load_model()
        return model.table(table).label(self.language) if table and model.has_table(table) else (table or "")

    def _field_label(self, table, field):
        """The field's label as the form shows it ("Titolo"), the stored name if unknown; a
        finding about several fields ("a, b") names each."""
        from ..layers.model import load_model

        if not field:
            return ""
        model = load_model()
        if not table or not model.has_table(table):
            return field
        labels = []
        for name in (part.strip() for part in field.split(",")):
            try:
                labels.append(model.table(table).field(name).label(self.language))
            except KeyError:
                labels.append(name)
        return ", ".join(labels)

    def _column_resized(self, column, _old, _new):
        if column == COLUMN_FINDING:
            self._relayout.start()  # the wrapped rows' heights, once the resizing is done

    def current_finding(self):
        item = self.tree.currentItem()
        return item.data(0, FINDING_ROLE) if item is not None else None

    def _current_changed(self, current, previous):
        finding = current.data(0, FINDING_ROLE) if current is not None else None
        has_feature = bool(finding is not None and finding.feature_uuid)
        self.zoom_button.setEnabled(has_feature)
        self.form_button.setEnabled(has_feature and self.iface is not None)
        self.fixed_button.setEnabled(finding is not None)
        database = self.on_database()
        self.accept_button.setEnabled(finding is not None and not database)
        self.accept_button.setToolTip(tr(
            "The central database keeps no exceptions: a finding accepted as an exception is stored "
            "in a GeoPackage. Correct the data, or accept the exception in the comune's checked-out "
            "GeoPackage.") if database else "")

    # -- the map ----------------------------------------------------------------------------
    def update_points_layer(self, project=None):
        """A memory layer with a point per located finding, red errors and orange warnings."""
        project = project or QgsProject.instance()
        if self.points_layer is not None and project.mapLayer(self.points_layer.id()) is not None:
            project.removeMapLayer(self.points_layer.id())
        self.points_layer = None
        if self.report is None:
            return None
        located = [f for f in self.report.findings if f.x is not None and f.y is not None]
        if not located:
            return None
        crs = self._crs()
        layer = QgsVectorLayer("Point?crs=" + crs, tr("RE.MIX findings"), "memory")
        provider = layer.dataProvider()
        provider.addAttributes(
            [
                QgsField(name, field_type("text"))
                for name in ("code", "severity", "layer", "feature_uuid", "field", "message")
            ]
        )
        layer.updateFields()
        features = []
        for finding in located:
            feature = QgsFeature(layer.fields())
            feature.setAttributes(
                [
                    finding.code,
                    finding.severity,
                    finding.layer,
                    finding.feature_uuid or "",
                    finding.field or "",
                    finding.message(self.language),
                ]
            )
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(finding.x, finding.y)))
            features.append(feature)
        provider.addFeatures(features)
        categories = []
        for severity, colour in COLOURS.items():
            symbol = QgsMarkerSymbol.createSimple(
                {"name": "circle", "color": colour, "size": "3", "outline_color": "#000000"}
            )
            label = tr("Error") if severity == "error" else tr("Warning")
            categories.append(QgsRendererCategory(severity, symbol, label))
        layer.setRenderer(QgsCategorizedSymbolRenderer("severity", categories))
        layer.setCustomProperty(POINTS_LAYER_PROPERTY, True)
        project.addMapLayer(layer)
        self.points_layer = layer
        return layer

    def _layers(self, *tables):
        """The project's loaded RE.MIX layers of ``tables`` (of the GeoPackage or the database)."""
        from .project_tree import find_layers

        return find_layers(self.path, tables=tables)

    def _crs(self):
        if not self.on_database():
            return _file_crs(self.path)
        for layer in self._layers("lavori", "progetti").values():
            if layer.crs().isValid():
                return layer.crs().authid()
        return "EPSG:32632"

    def _layer_and_feature(self, finding):
        from .dock_actions import find_feature_by_uuid

        layer = self._layers(finding.layer).get(finding.layer)
        if layer is None:
            return None, None
        return layer, find_feature_by_uuid(layer, finding.feature_uuid)

    def zoom_to_current(self):
        finding = self.current_finding()
        if finding is None or not finding.feature_uuid:
            return False
        layer, feature = self._layer_and_feature(finding)
        if feature is None:
            return False
        layer.selectByIds([feature.id()])
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is not None:
            transform = QgsCoordinateTransform(
                layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
            )
            if feature.hasGeometry():
                extent = transform.transformBoundingBox(feature.geometry().boundingBox())
                extent.scale(1.5)
                canvas.setExtent(extent)
            elif finding.x is not None:
                canvas.setCenter(transform.transform(QgsPointXY(finding.x, finding.y)))
            canvas.refresh()
        return True

    def open_form_of_current(self):
        finding = self.current_finding()
        if finding is None or self.iface is None:
            return False
        layer, feature = self._layer_and_feature(finding)
        if feature is None:
            return False
        if not layer.isEditable() and not layer.readOnly():
            ask = self.ask_edit or self._ask_edit
            if ask(layer):
                layer.startEditing()
        self.iface.openFeatureForm(layer, feature, False, False)
        return True

    def _ask_edit(self, layer):
        box = QMessageBox(self)
        box.setObjectName("remixEditModeQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Open form"))
        box.setText(tr("“{layer}” is not in edit mode, so its form can only be read. Start editing it "
                       "to correct the feature?").format(layer=layer.name()))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    # -- fixed / accepted -------------------------------------------------------------------
    def _remove_item(self, item):
        parent = item.parent()
        if parent is None:
            return
        parent.removeChild(item)
        if parent.childCount() == 0 and parent.parent() is not None:
            parent.parent().removeChild(parent)

    def mark_current_fixed(self):
        """Take the finding off the list (the next validation checks it again)."""
        item = self.tree.currentItem()
        if item is None or item.data(0, FINDING_ROLE) is None:
            return False
        self._remove_item(item)
        return True

    def accept_current(self, reason, accepted_by=None):
        """Store the current finding as an exception (in the GeoPackage) with ``reason``."""
        from ..validation.exceptions_store import accept_finding

        item = self.tree.currentItem()
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        if finding is None or not (reason or "").strip() or not self.path or self.on_database():
            return None
        exception_uuid = accept_finding(self.path, finding, reason, accepted_by=accepted_by)
        self._remove_item(item)
        return exception_uuid

    def _ask_and_accept(self):
        reason, ok = QInputDialog.getText(
            self,
            tr("Accept as exception"),
            tr("Why is this finding acceptable?"),
            QLineEdit.EchoMode.Normal,
            "",
        )
        if ok and reason.strip():
            self.accept_current(reason)


def _task_error(task, language):
    """The failure's message (a tasks.RemixTask's RemixError, in ``language``)."""
    return task.error_message(language) if task.error is not None else ""


def source_of_path(path):
    """What the validation reads for the dock's ``path``: the GeoPackage file itself, a DSN given
    as such, or the DSN of the project's RE.MIX postgres layers (``dock_source``); None if none."""
    from types import SimpleNamespace

    from ..validation.task import is_database
    from .project_tree import find_layers

    try:
        from .dock_source import dock_source
    except ImportError:  # moving to gui/dock_source.py (issue 14); the same function
        from .web_publish import dock_source
    if not path:
        return None
    if is_database(path):
        return path
    found = dock_source(SimpleNamespace(gpkg_path=path, layers=find_layers(path, tables=("progetti",))))
    return str(found) if found else None


def _layer_titles(layer, table, uuids):  # noqa: ARG001 (record_titles' signature)
    """uuid -> title (``titolo`` or ``nome``) of the features of the loaded ``layer`` (the central
    database's layer: read through the user's own connection); empty when there is none."""
    from qgis.core import QgsExpression, QgsFeatureRequest

    from .bundle_reports import TITLE_COLUMNS

    uuids = sorted({u for u in uuids if u})
    if layer is None or not uuids:
        return {}
    names = layer.fields().names()
    title = next((c for c in TITLE_COLUMNS if c in names), None)
    if title is None or "uuid" not in names:
        return {}
    expression = '"uuid" IN ({})'.format(", ".join(QgsExpression.quotedValue(u) for u in uuids))
    request = QgsFeatureRequest().setFilterExpression(expression)
    request.setSubsetOfAttributes(["uuid", title], layer.fields())
    request.setFlags(no_geometry_flag())
    return {str(f["uuid"]): f[title] for f in layer.getFeatures(request) if f[title]}


def _file_crs(path):
    from ..layers.inspect import inspect_geopackage

    try:
        crs = inspect_geopackage(path).crs
    except Exception:  # noqa: BLE001 - the map layer is a convenience; fall back to the default CRS
        crs = ""
    return crs if QgsCoordinateReferenceSystem(crs).isValid() else "EPSG:32632"
