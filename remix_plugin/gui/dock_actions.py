"""What the dock's buttons do: open prefilled feature forms in the layers' edit buffers.

Every function creates the new feature with ``QgsVectorLayerUtils.createFeature`` (the layer's
defaults: UUID, timestamps...), prefills the links (project, lavoro, next phase number) and opens
QGIS's own feature form for it; accepting the form adds the feature to the edit buffer. Nothing
is committed here.
"""

from qgis.core import QgsFeature, QgsFeatureRequest, QgsVectorLayerTools, QgsVectorLayerUtils
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsMapCanvas
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import QDialog, QMessageBox

from ..compat import no_geometry_flag
from ..i18n import tr
from .perimeter_tools import ensure_editable

# Tables the dock adds to a selected project (table -> English label for messages).
CHILD_TABLES = ("azioni", "criticita", "progetto_attori", "fasi", "misure")


def next_phase_number(fasi_layer, project_uuid):
    """1 + the highest ``numero`` of the project's phases (edit buffer included)."""
    request = QgsFeatureRequest()
    request.setFlags(no_geometry_flag())
    request.setSubsetOfAttributes(["progetto_uuid", "numero"], fasi_layer.fields())
    highest = 0
    for feature in fasi_layer.getFeatures(request):
        if feature["progetto_uuid"] == project_uuid:
            value = feature["numero"]
            if isinstance(value, int) and value > highest:
                highest = value
    return highest + 1


def new_feature(layer, values):
    """A new feature of ``layer`` with its defaults and ``values`` (field name -> value)."""
    fields = layer.fields()
    attributes = {fields.indexOf(name): value for name, value in values.items()
                  if fields.indexOf(name) >= 0 and value is not None}
    return QgsVectorLayerUtils.createFeature(layer, attributes=attributes,
                                             context=layer.createExpressionContext())


def _run_dialog(dialog):
    """Show the form modally; True when the user saved it (tests replace this)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def feature_dialog(iface, layer, feature, parent=None):
    """QGIS's attribute dialog for a NEW feature (add mode: accepting adds it to the buffer)."""
    context = QgsAttributeEditorContext()
    tools = getattr(iface, "vectorLayerTools", None)
    tools = tools() if callable(tools) else None
    if isinstance(tools, QgsVectorLayerTools):
        context.setVectorLayerTools(tools)
    canvas = iface.mapCanvas() if hasattr(iface, "mapCanvas") else None
    if isinstance(canvas, QgsMapCanvas):
        context.setMapCanvas(canvas)
    context.setFormMode(QgsAttributeEditorContext.FormMode.StandaloneDialog)
    dialog = QgsAttributeDialog(layer, feature, False, parent, True, context)
    dialog.setMode(QgsAttributeEditorContext.Mode.AddFeatureMode)
    dialog.setWindowTitle(layer.name() + " — " + tr("new feature"))
    from ..forms.desktop import decorate_form

    decorate_form(dialog.attributeForm())  # definitions, why OK is disabled (forms/desktop.py)
    return dialog


def open_new_feature_form(iface, layer, values, parent=None):
    """Open the add-feature form of ``layer`` prefilled with ``values``.

    Returns the saved feature (with its ``uuid``) when the user accepts the form, else None.
    The layer is put in editing mode if needed; the feature goes into the edit buffer."""
    if not ensure_editable(layer):
        return None
    feature = new_feature(layer, values)
    dialog = feature_dialog(iface, layer, feature, parent)
    accepted = False
    try:
        accepted = _run_dialog(dialog)
        if not accepted:
            return None
        saved = dialog.feature()
        # A copy: the dialog owns the feature it returns, and is deleted right below.
        return QgsFeature(saved) if saved is not None else feature
    finally:
        if not accepted:  # finished() is heard while the form is whole (forms/desktop.py listens)
            dialog.reject()
        sip.delete(dialog)  # now, while its layer surely exists (deleteLater could outlive it)


def find_feature_by_uuid(layer, uuid):
    if not uuid:
        return None
    expression = "\"uuid\" = " + _quoted(uuid)
    request = QgsFeatureRequest().setFilterExpression(expression)
    request.setLimit(1)
    for feature in layer.getFeatures(request):
        return feature
    return None


def _quoted(value):
    from qgis.core import QgsExpression

    return QgsExpression.quotedValue(value)


def new_project(iface, layers, programma_uuid=None, parent=None, ask=None, draw=None):
    """Form first; then offer to draw the first perimeter (``draw(project_uuid)``).

    ``ask`` replaces the question box (tests). Returns the new project's uuid or None."""
    progetti = layers.get("progetti")
    if progetti is None:
        return None
    feature = open_new_feature_form(iface, progetti, {"programma_uuid": programma_uuid}, parent)
    if feature is None:
        return None
    uuid = feature["uuid"]
    if draw is not None and layers.get("lavori") is not None:
        question = tr("Draw the perimeter of the project's first work now?")
        if ask is None:
            answer = QMessageBox.question(parent, tr("New project"), question,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.Yes)
            wanted = answer == QMessageBox.StandardButton.Yes
        else:
            wanted = ask(question)
        if wanted:
            draw(uuid)
    return uuid


def add_azione(iface, layers, project_uuid, lavoro_uuid=None, parent=None):
    layer = layers.get("azioni")
    if layer is None or not project_uuid:
        return None
    return open_new_feature_form(iface, layer, {"progetto_uuid": project_uuid, "lavoro_uuid": lavoro_uuid},
                                 parent)


def add_child(iface, layers, table, project_uuid, parent=None):
    """A criticità, an actor link (progetto_attori), a phase or a measurement of the project."""
    layer = layers.get(table)
    if layer is None or not project_uuid:
        return None
    values = {"progetto_uuid": project_uuid}
    if table == "fasi":
        values["numero"] = next_phase_number(layer, project_uuid)
    return open_new_feature_form(iface, layer, values, parent)
