"""Create the record a link points to from the link's own form (issue 12): "Nuovo attore…" beside
the actor drop-down of a project's actor link, "Nuovo indicatore…" beside the indicator of a
measurement.

QGIS's own "add" button of a relation reference needs the linked layer in edit mode and, on 3.22,
the digitizing tools, so in the desktop it never appears. The button here opens the new record in
its own RE.MIX form (``dock_actions.open_new_feature_form``: defaults, UUID, edit buffer) and,
when that form is saved, puts the new record's key in the link's drop-down: the link form's OK
then follows from its own constraints. Nothing is committed; the panel's *Salva* saves the new
record before the link (parents first, ``gui/unsaved.py``).

Desktop only: the stored forms keep QGIS's ``AllowAddFeatures`` for QField and Mergin Maps.
"""

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QHBoxLayout, QToolButton

from ..i18n import BOTH, SUPPORTED, tr
from ..log import get_logger

LOG = get_logger("gui.link_create")
TABLE_PROPERTY = "remix/table"
LANGUAGE_PROPERTY = "remix/language"
BUTTON_NAME = "RemixCreateLinked"
DONE_PROPERTY = "remix_create_linked"
# Linked tables a technician creates on the spot: the button's text and tooltip (Bilingual).
CREATABLE = {
    "attori": (tr("New actor…", language=BOTH),
               tr("Create a new actor in its own form and link it here", language=BOTH)),
    "indicatori": (tr("New indicator…", language=BOTH),
                   tr("Create a new indicator in its own form and link it here", language=BOTH)),
}


def _target_table(widget):
    """(layer, table) the relation-reference ``widget`` points to, or (None, "")."""
    layer = QgsProject.instance().mapLayer(widget.referencedLayerId())
    table = layer.customProperty(TABLE_PROPERTY, "") if layer is not None else ""
    return layer, table


def _edit_row(widget):
    """The row of the drop-down and its buttons inside a relation-reference widget."""
    top = widget.layout()
    if top is None:
        return None
    for position in range(top.count()):
        row = top.itemAt(position).layout()
        if isinstance(row, QHBoxLayout):
            return row
    return top


def add_create_buttons(form, iface=None):
    """Give each actor / indicator link of ``form`` its "Nuovo …" button (once). Returns the
    buttons added."""
    from qgis.gui import QgsEditorWidgetWrapper, QgsRelationReferenceWidget

    from ..forms.desktop import _own_wrappers

    if form is None or form.layer() is None or not form.layer().customProperty(TABLE_PROPERTY, ""):
        return []
    language = form.layer().customProperty(LANGUAGE_PROPERTY, "") or "it"
    language = language if language in SUPPORTED else "it"  # a layer of an unknown language: Italian
    added = []
    for wrapper in _own_wrappers(form, QgsEditorWidgetWrapper):
        widget = wrapper.widget()
        if not isinstance(widget, QgsRelationReferenceWidget) or widget.property(DONE_PROPERTY):
            continue  # (QGIS also keeps hidden relation widgets that no field edits)
        layer, table = _target_table(widget)
        if table not in CREATABLE:
            continue
        row = _edit_row(widget)
        if row is None:
            continue
        text, tip = (pair.get(language) for pair in CREATABLE[table])
        button = QToolButton(widget)
        button.setObjectName(BUTTON_NAME)
        button.setText(text)
        button.setToolTip(tip)
        button.setIcon(QgsApplication.getThemeIcon("/mActionAdd.svg"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setEnabled(form.layer().isEditable())
        button.clicked.connect(lambda _checked=False, w=widget, f=form: create_and_link(w, f, iface))
        form.layer().editingStarted.connect(lambda b=button: _enable(b, True))
        form.layer().editingStopped.connect(lambda b=button: _enable(b, False))
        row.addWidget(button)
        widget.setProperty(DONE_PROPERTY, True)
        added.append(button)
    return added


def _enable(button, enabled):
    try:
        button.setEnabled(enabled)
    except RuntimeError:  # the form (and its button) is gone
        pass


def create_and_link(widget, form, iface=None):
    """Open the linked table's form for a new record; once saved, select it in ``widget``.
    Returns the new record's key, or None when the form was cancelled."""
    from .dock_actions import open_new_feature_form

    layer, table = _target_table(widget)
    if layer is None:
        return None
    if iface is None:
        from qgis import utils

        iface = getattr(utils, "iface", None)
    feature = open_new_feature_form(iface, layer, {}, parent=widget.window())
    if feature is None:
        return None
    referenced = list(widget.relation().fieldPairs().values())
    key = feature[referenced[0]] if referenced else feature["uuid"]
    widget.setForeignKeys([key])  # the wrapper passes the change on: constraints, OK, hints
    # once the new record's form is gone (its own lists of the layer still read while it closes)
    later = QTimer(widget)
    later.setSingleShot(True)
    later.timeout.connect(lambda: _show_in_list(widget, layer, key))
    later.start(200)
    LOG.info("created %s %s from the link form of %s", table, key, form.layer().name())
    return key


def _show_in_list(widget, layer, key):
    """Have the link's drop-down show the new record as chosen. The list read the layer before
    the record existed, and on QGIS 3.22 it stays empty once another form of that layer has been
    open: it is given the layer again and the record's row is chosen when the read ends."""
    from qgis.core import QgsFeatureFilterModel
    from qgis.gui import QgsFeatureListComboBox
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QModelIndex
    from qgis.PyQt.QtWidgets import QComboBox

    for combo in widget.findChildren(QComboBox):  # Python sees the QGIS list as a QComboBox
        if not combo.inherits("QgsFeatureListComboBox"):
            continue
        links = sip.cast(combo, QgsFeatureListComboBox)
        links.setSourceLayer(None)  # the same layer again would be ignored: a fresh read
        links.setSourceLayer(layer)
        widget.setForeignKeys([key])  # again: a new source resets the choice to none
        model = sip.cast(links.model(), QgsFeatureFilterModel)

        def choose(links=links, model=model):
            try:
                top = QModelIndex()
                rows = [row for row in range(model.rowCount(top)) if model.index(row, 0, top).data(
                    QgsFeatureFilterModel.Role.IdentifierValuesRole) == [key]]
                if rows:
                    links.setCurrentIndex(rows[0])
                    widget.setForeignKeys([key])  # the choice, whatever the reset said meanwhile
                return bool(rows)
            except RuntimeError:  # the form was closed meanwhile
                return True

        # the list reads in a thread: look for the row until it is there (at most 5 s)
        timer = QTimer(links)
        timer.setInterval(100)
        ticks = [50]

        def tick(timer=timer, choose=choose, ticks=ticks):
            ticks[0] -= 1
            if choose() or ticks[0] <= 0:
                timer.stop()

        timer.timeout.connect(tick)
        timer.start()
