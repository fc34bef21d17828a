"""What the QGIS desktop adds to a RE.MIX attribute form, beyond the stored form configuration.

The stored forms use core widgets only, so that QField and Mergin Maps show them too. What
QGIS 3.22 cannot do through a stored form, the desktop plugin adds when a form first gets focus:

- each field label's tooltip carries the scheme's definition of the field (3.22 fills it from
  the provider's field comment, which its GeoPackage provider never reads);
- above OK, in words, the fields that keep OK disabled and the tab they are on (3.22 shows only a
  ✘ beside the field, with the reason in its tooltip);
- multi-select lists tall enough for every tick, the entity line's text box as tall as its text;
- empty text, number and date fields drawn empty instead of "NULL" while a RE.MIX form is open
  (QGIS's "show NULL as" text is empty then; the value stays NULL, never '').

The "Nuovo attore…" / "Nuovo indicatore…" buttons of the link forms are added by
``gui/link_create.py`` (they open other forms: desktop code, not form decoration).

``gui.form_watch.FormHints.install(main_window)`` filters the main window's ChildAdded events (QGIS opens its
attribute dialogs as its children) and connects to ``QApplication.focusChanged``: no form-init code,
nothing stored in the project, and forms of other layers are left alone.
"""

import html

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDialogButtonBox, QGridLayout, QLabel

from ..i18n import tr

TABLE_PROPERTY = "remix/table"  # as layers/project.py (kept here: no import of QGIS project code)
LANGUAGE_PROPERTY = "remix/language"
DONE_PROPERTY = "remix_hints"
STATUS_NAME = "RemixBlockingReason"
WEB_FONT_PX = 16  # QtWebKit's default font size, the HTML widget's text
MAX_REASONS = 5  # the sentence stays within three lines; the ✘ beside each field says the rest
MIN_DIALOG_WIDTH = 760  # px: the "why OK is disabled" line then wraps into two or three lines


def _own(form, kind):
    """Widgets of ``kind`` in ``form`` itself, not in the forms of child records that a
    relation editor embeds in it."""
    return [w for w in form.findChildren(kind) if _same(_attribute_form(w.parentWidget()), form)]


def _own_wrappers(form, kind):
    return [w for w in form.findChildren(kind)
            if w.widget() is not None and _same(_attribute_form(w.widget()), form)]


def _same(a, b):
    """The same Qt object (Python may hold two wrappers of one form: see _attribute_form)."""
    from qgis.PyQt import sip

    return a is not None and b is not None and sip.unwrapinstance(a) == sip.unwrapinstance(b)


def fit_text_boxes(form, spec):
    """Shrink the form's text elements (QGIS's HTML widget, a web view that takes about 270 px
    whatever it holds) to the height of their text: the form then fits a 768-pixel screen."""
    from qgis.PyQt.QtCore import QRect, Qt
    from qgis.PyQt.QtGui import QFont, QFontMetrics
    from qgis.PyQt.QtWidgets import QWidget

    from .spec import HintItem, walk

    texts = [item.text for item in walk(spec.tabs) if isinstance(item, HintItem)]
    boxes = [w for w in _own(form, QWidget) if w.metaObject().className() == "QgsWebView"]
    for box, text in zip(boxes, texts):
        if box.inherits("QTextBrowser"):  # a QGIS built without WebKit: the document knows
            from qgis.PyQt import sip
            from qgis.PyQt.QtWidgets import QTextBrowser

            browser = sip.cast(box, QTextBrowser)
            browser.document().setTextWidth(max(browser.viewport().width(), 400))
            browser.setFixedHeight(int(browser.document().size().height()) + 2 * browser.frameWidth() + 4)
            continue
        # the web view draws in its own default font (16 px) with an 8 px page margin
        font = QFont(box.font())
        font.setPixelSize(WEB_FONT_PX)
        metrics = QFontMetrics(font)
        # before the first layout the box is still narrow: a RE.MIX dialog is at least
        # MIN_DIALOG_WIDTH wide, so the text wraps at about that width, not at 400 px
        width = (box.width() if box.width() > 400 else MIN_DIALOG_WIDTH - 80) - 2 * 8 - 24
        height = metrics.boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, text).height()
        box.setFixedHeight(height + 2 * 8 + metrics.lineSpacing() // 2 + 12)


def fit_multi_lists(form):
    """Make each multi-select list tall enough for all its ticks (QGIS 3.22 shows about three
    rows and scrolls the rest out of sight)."""
    from qgis.gui import QgsEditorWidgetWrapper
    from qgis.PyQt.QtWidgets import QTableWidget

    fitted = 0
    for wrapper in _own_wrappers(form, QgsEditorWidgetWrapper):
        widget = wrapper.widget()
        table = widget if isinstance(widget, QTableWidget) else (
            widget.findChild(QTableWidget) if widget is not None else None)
        if table is None or table.rowCount() == 0:
            continue
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        # fixed: a taller table would only stretch its rows (3.22 stretches them to fill)
        table.setFixedHeight(rows + 2 * table.frameWidth() + 2)
        fitted += 1
    return fitted


# Empty fields read empty (as in QField): while a RE.MIX form is open QGIS's "show NULL as" text
# is empty. QGIS's text widgets compare their text with that representation to give NULL, so an
# empty field is still saved as NULL, never ''. The representation is QGIS's global setting:
# every open form's empty text and date widgets are redrawn with the new one at each switch, so
# no widget holds a text that would stop meaning NULL.
_EMPTY_FORMS = set()  # ids of the open RE.MIX forms that asked for the empty representation
_SAVED_REPRESENTATION = []  # the user's own representation while the empty one is in force


def _null_wrappers():
    """Wrappers of text and date fields of every open attribute form whose value is NULL now
    (read before the representation changes: afterwards their text no longer means NULL)."""
    from qgis.gui import QgsAttributeForm, QgsEditorWidgetWrapper
    from qgis.PyQt.QtWidgets import QApplication, QDateTimeEdit, QLineEdit, QPlainTextEdit, QTextEdit

    found = []
    for top in QApplication.topLevelWidgets():
        forms = top.findChildren(QgsAttributeForm) + ([top] if isinstance(top, QgsAttributeForm) else [])
        for form in forms:
            for wrapper in form.findChildren(QgsEditorWidgetWrapper):
                widget = wrapper.widget()
                if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QDateTimeEdit)) \
                        and _is_null(wrapper.value()):
                    found.append(wrapper)
    return found


def _is_null(value):
    return value is None or (hasattr(value, "isNull") and value.isNull())


def _set_representation(text):
    """Switch QGIS's null representation to ``text`` and redraw the NULL widgets with it."""
    from qgis.core import NULL, QgsApplication
    from qgis.gui import QgsDateTimeEdit, QgsFeatureListComboBox, QgsFilterLineEdit
    from qgis.PyQt import sip
    from qgis.PyQt.QtWidgets import QApplication, QComboBox, QDateTimeEdit

    old = QgsApplication.nullRepresentation()
    if old == text:
        return
    wrappers = _null_wrappers()
    _set_in_memory(text)
    for wrapper in wrappers:
        if isinstance(wrapper.widget(), QDateTimeEdit) and wrapper.widget().inherits("QgsDateTimeEdit"):
            # a date edit keeps the text it was built with (Python sees it as a QDateTimeEdit)
            sip.cast(wrapper.widget(), QgsDateTimeEdit).setNullRepresentation(text)
        wrapper.setValues(NULL, [])
    for top in QApplication.topLevelWidgets():  # the × of a line edit writes its null text
        for edit in top.findChildren(QgsFilterLineEdit):
            if edit.nullValue() == old:
                edit.setNullValue(text)
        for combo in top.findChildren(QComboBox):  # "no project / programme" in a link's list
            if combo.inherits("QgsFeatureListComboBox"):
                links = sip.cast(combo, QgsFeatureListComboBox)
                if all(_is_null(value) for value in links.identifierValues()):
                    links.setIdentifierValuesToNull()  # its null entry takes the new text
        for edit in top.findChildren(QDateTimeEdit):  # a date cleared later shows this text
            if edit.inherits("QgsDateTimeEdit"):
                dates = sip.cast(edit, QgsDateTimeEdit)
                if dates.nullRepresentation() == old:
                    dates.setNullRepresentation(text)


def _set_in_memory(text):
    """QGIS's representation for this session only: setNullRepresentation also writes the user's
    setting, which must never keep the empty text (not even after a crash while a form is open)."""
    from qgis.core import QgsApplication, QgsSettings

    settings = QgsSettings()
    key = "qgis/nullValue"
    stored = settings.value(key, None)
    QgsApplication.setNullRepresentation(text)
    if stored is None:
        settings.remove(key)
    else:
        settings.setValue(key, stored)


def show_empty_as_empty(form):
    """Empty fields of ``form`` look empty instead of reading "NULL" while it is open; QGIS's own
    representation comes back when the last RE.MIX form closes. Returns True if it took effect."""
    from qgis.core import QgsApplication
    from qgis.PyQt import sip

    key = sip.unwrapinstance(form)
    if key in _EMPTY_FORMS:
        return False
    if not _EMPTY_FORMS:
        _SAVED_REPRESENTATION[:] = [QgsApplication.nullRepresentation()]
    _EMPTY_FORMS.add(key)
    _set_representation("")  # also redraws the open forms' widgets, built with the old text
    _redraw_own_nulls(form, _SAVED_REPRESENTATION[0])
    _spin_boxes_empty(form)
    window = form.window()
    done = lambda *_args, k=key: _form_closed(k)  # noqa: E731
    form.destroyed.connect(done)
    if window is not form and hasattr(window, "finished"):
        window.finished.connect(done)  # after the dialog saved its values
    return True


def _redraw_own_nulls(form, old):
    """This form's text and date fields still showing ``old`` (built before the switch but
    decorated after it, as the form QGIS opens after drawing): shown empty, kept NULL."""
    from qgis.core import NULL
    from qgis.gui import QgsDateTimeEdit, QgsEditorWidgetWrapper, QgsFilterLineEdit
    from qgis.PyQt import sip
    from qgis.PyQt.QtWidgets import QDateTimeEdit, QLineEdit, QPlainTextEdit, QTextEdit

    if not old:
        return
    for wrapper in _own_wrappers(form, QgsEditorWidgetWrapper):
        widget = wrapper.widget()
        if isinstance(widget, QDateTimeEdit):
            if widget.inherits("QgsDateTimeEdit"):
                dates = sip.cast(widget, QgsDateTimeEdit)
                dates.setNullRepresentation("")
                if dates.isNull():
                    wrapper.setValues(NULL, [])
            continue
        if isinstance(widget, QgsFilterLineEdit) and widget.nullValue() == old:
            widget.setNullValue("")
        if isinstance(widget, QLineEdit):
            text = widget.text()
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            text = widget.toPlainText()
        else:
            continue
        if text == old:
            wrapper.setValues(NULL, [])


def _spin_boxes_empty(form):
    from qgis.PyQt.QtWidgets import QAbstractSpinBox

    for box in _own(form, QAbstractSpinBox):
        if not box.inherits("QDateTimeEdit"):
            box.setSpecialValueText("")  # a spin box shows its special text for NULL


def _form_closed(key):
    if key not in _EMPTY_FORMS:
        return
    _EMPTY_FORMS.discard(key)
    if not _EMPTY_FORMS:
        restore_null_representation()


def restore_null_representation():
    """Give QGIS back the user's "show NULL as" text (last RE.MIX form closed, plugin unloaded)."""
    _EMPTY_FORMS.clear()
    if _SAVED_REPRESENTATION:
        _set_representation(_SAVED_REPRESENTATION.pop())


def _attribute_form(widget):
    """The QgsAttributeForm holding ``widget`` (or None)."""
    from qgis.gui import QgsAttributeForm
    from qgis.PyQt import sip

    while widget is not None:
        if isinstance(widget, QgsAttributeForm):
            return widget
        if widget.inherits("QgsAttributeForm"):  # the form of a dialog QGIS opened after drawing
            return sip.cast(widget, QgsAttributeForm)  # reaches Python as a plain QWidget
        widget = widget.parentWidget()
    return None


def _spec_of(form):
    layer = form.layer()
    table_name = layer.customProperty(TABLE_PROPERTY, "") if layer is not None else ""
    if not table_name:
        return None
    from .spec import form_spec

    language = layer.customProperty(LANGUAGE_PROPERTY, "") or "it"
    try:
        return form_spec(table_name, language)
    except KeyError:  # a table this version of the plugin does not know: leave the form as is
        return None


def label_tooltip(alias, definition):
    """The tooltip QGIS gives a label (``<b>alias</b><p>comment</p>``), with the definition."""
    return f"<b>{html.escape(alias, quote=False)}</b><p>{html.escape(definition, quote=False)}</p>"


def set_label_tooltips(form, spec):
    """Give every field label of ``form`` its definition; returns how many labels got one."""
    by_alias = {}
    layer = form.layer()
    for name, spec_field in spec.fields.items():
        index = layer.fields().indexOf(name)
        if index >= 0 and spec_field.tooltip:
            by_alias[layer.attributeDisplayName(index)] = spec_field.tooltip
    done = 0
    for label in _own(form, QLabel):
        tip = label.toolTip()
        if not tip.startswith("<b>") or "</b><p>" not in tip:
            continue
        alias = html.unescape(tip[3:tip.index("</b><p>")])
        if alias in by_alias and label.text().replace("&&", "&") == alias:
            label.setToolTip(label_tooltip(alias, by_alias[alias]))
            done += 1
    return done


def _is_empty(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, (list, tuple)) and not value


def blocking_reasons(form, spec):
    """[(tab label, what to do)] for every hard constraint failing now, in layout order: the
    field's name when it is empty and must be filled, the rule's sentence otherwise (a rule on
    two fields, like the either-or of a lavoro, is said once)."""
    from qgis.gui import QgsEditorWidgetWrapper

    blocked = {}
    for wrapper in _own_wrappers(form, QgsEditorWidgetWrapper):
        if wrapper.isBlockingCommit():
            blocked[wrapper.field().name()] = wrapper
    reasons = {}
    for name in dict.fromkeys(spec.placed_fields()):
        wrapper = blocked.get(name)
        spec_field = spec.fields.get(name)
        if wrapper is None or spec_field is None:
            continue
        messages = [c.message for c in spec_field.constraints
                    if c.strength == "hard" and c.kind == "expression" and c.message]
        if spec_field.requirement == "required" and _is_empty(wrapper.value()):
            text = f"«{spec_field.alias}»"
        else:
            text = messages[0] if messages else wrapper.constraintFailureReason()
        reasons.setdefault((spec.tab_of(name), text), None)
    return list(reasons)


def status_text(form, spec):
    """One short paragraph: what is still missing, tab by tab ("" when OK is enabled)."""
    reasons = blocking_reasons(form, spec)
    if not reasons:
        return ""
    by_tab = {}
    for tab, text in reasons[:MAX_REASONS]:
        by_tab.setdefault(tab, []).append(text)
    parts = []
    for tab, texts in by_tab.items():
        names = [t for t in texts if t.startswith("«")]
        sentences = [t for t in texts if not t.startswith("«")]
        if names and sentences:
            sentences[0] = sentences[0][:1].lower() + sentences[0][1:]
        what = ", ".join(names) + ("; " if names and sentences else "") + " ".join(sentences)
        where = ""
        if tab:
            named = tr("tab {tab}", language=spec.language).format(tab=html.escape(tab, quote=False))
            where = f"<i>{named}</i>: "
        parts.append(where + html.escape(what, quote=False))
    more = len(reasons) - MAX_REASONS
    tail = ""
    if more > 0:
        if more == 1:
            tail = " " + tr("… and 1 more field marked ✘.", language=spec.language)
        else:
            tail = " " + tr("… and {n} more fields marked ✘.", language=spec.language).format(n=more)
    return f"<b>{tr('To save (OK), fill in:', language=spec.language)}</b> " + " — ".join(parts) + tail


def _add_status_label(form):
    """A word-wrapped label just above the form's OK/Cancel buttons (None without buttons)."""
    box = form.findChild(QDialogButtonBox)
    if box is None or box.parentWidget() is None or box.parentWidget().layout() is None:
        return None
    layout = box.parentWidget().layout()
    position = layout.indexOf(box)
    if position < 0:
        return None
    window = form.window()
    if window is not form and window.inherits("QgsAttributeDialog"):
        # room for the sentence in two or three lines rather than five (within the screen)
        screen = window.screen() if hasattr(window, "screen") else None
        width = min(MIN_DIALOG_WIDTH, screen.availableGeometry().width()) if screen else MIN_DIALOG_WIDTH
        window.setMinimumWidth(max(window.minimumWidth(), width))
    label = QLabel(box.parentWidget())
    label.setObjectName(STATUS_NAME)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #8a3b00; }")
    if isinstance(layout, QGridLayout):
        # the label takes the buttons' row, the buttons move to a new last row (takeAt/addItem
        # move the layout item: removeWidget would hand the buttons to Python's garbage collector)
        row, column, _rows, columns = layout.getItemPosition(position)
        item = layout.takeAt(position)
        last = layout.rowCount()
        layout.addWidget(label, row, column, 1, columns)
        layout.addItem(item, last, column, 1, columns)
    else:
        layout.insertWidget(position, label)
    return label


def decorate_form(form):
    """Add the definitions and the blocking reasons to a RE.MIX form (once). True if it did."""
    if form is None or form.property(DONE_PROPERTY):
        return False
    spec = _spec_of(form)
    if spec is None:
        return False
    form.setProperty(DONE_PROPERTY, True)
    set_label_tooltips(form, spec)
    fit_text_boxes(form, spec)
    fit_multi_lists(form)
    show_empty_as_empty(form)
    label = _add_status_label(form)
    if label is not None:
        def refresh(*_args):
            # after QGIS has re-evaluated the constraints of the changed widget
            QTimer.singleShot(0, lambda: _refresh(form, spec, label))

        form.widgetValueChanged.connect(refresh)
        form.layer().editingStarted.connect(refresh)
        form.layer().editingStopped.connect(refresh)
        _refresh(form, spec, label)
    return True


def _refresh(form, spec, label):
    try:
        # a form that cannot save (layer not in edit mode) has nothing to complete
        text = status_text(form, spec) if form.layer().isEditable() else ""
        label.setText(text)
    except RuntimeError:  # the form (and its label) was closed before the timer fired
        return
    label.setVisible(bool(text))
    if text:
        # as tall as the text at the dialog's width: a word-wrapped label's own size hint
        # assumes about 80 characters a line and can add a hundred pixels to the dialog
        width = max(label.width(), MIN_DIALOG_WIDTH - 2 * label.parentWidget().layout().spacing() - 20)
        label.setFixedHeight(label.heightForWidth(width))
