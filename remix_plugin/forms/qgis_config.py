"""Turn a ``forms.spec.FormSpec`` into the QGIS form configuration of a layer.

``configure_layer`` sets, for every field: editor widget, alias, default value, constraints
(with their Italian or English messages), read-only state; then a tabbed drag-and-drop form with
conditional groups and relation editors, no Python init code, and the layer's display expression.
"""

import copy

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsAttributeEditorHtmlElement,
    QgsAttributeEditorRelation,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsField,
    QgsFieldConstraints,
    QgsOptionalExpression,
)

from .. import compat
from ..layers.model import CODELIST_TABLE, COMUNI_TABLE
from ..log import get_logger
from .spec import (
    CODELIST_KEY,
    COMUNI_KEY,
    LAYER_ID_PLACEHOLDER,
    RELATION_KEY,
    FieldItem,
    GroupItem,
    HintItem,
    RelationItem,
    form_spec,
)

LOG = get_logger("forms")

STRENGTH = {
    "hard": QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard,
    "soft": QgsFieldConstraints.ConstraintStrength.ConstraintStrengthSoft,
}
LANGUAGE_PROPERTY = "remix/language"
RELATION_WIDGET = "relation_editor"  # QGIS's core relation editor (also read by QField)


def _layer_reference(layer):
    return {"Layer": layer.id(), "LayerName": layer.name(), "LayerSource": layer.source(),
            "LayerProviderName": layer.providerType()}


def resolve_widget_config(spec_field, layer, layers_by_table):
    """The widget configuration with the spec's placeholders replaced by QGIS layer ids."""
    config = copy.deepcopy(spec_field.widget_config)
    if config.pop(CODELIST_KEY, False):
        config.pop("dimension", None)
        config.pop("multi", None)
        codelist = layers_by_table.get(CODELIST_TABLE)
        if codelist is None:
            LOG.warning("No %s layer: %s gets a plain text widget", CODELIST_TABLE, spec_field.name)
            return "TextEdit", {"IsMultiline": False, "UseHtml": False}
        config.update(_layer_reference(codelist))
        config["FilterExpression"] = config["FilterExpression"].replace(LAYER_ID_PLACEHOLDER, layer.id())
        if not compat.value_relation_orders_by_field():
            # 3.22 sorts a value relation by key or by value only: the scheme's order comes
            # from a value that starts with the term's position ("1. Urbanistico")
            config["Value"] = ordered_label_field(codelist, config["Value"])
            config["OrderByValue"] = True
    elif config.pop(COMUNI_KEY, False):
        comuni = layers_by_table.get(COMUNI_TABLE)
        if comuni is None:
            LOG.warning("No comuni layer: %s gets a plain text widget", spec_field.name)
            return "TextEdit", {"IsMultiline": False, "UseHtml": False}
        config.update(_layer_reference(comuni))
    elif RELATION_KEY in config:
        config.pop(RELATION_KEY)
    return spec_field.widget_type, config


def ordered_label_field(codelist, label_field):
    """A virtual field of the code-list layer, "<position>. <label>", sorting in scheme order
    (stored in the project, so QField shows the same list). Returns its name."""
    name = f"{label_field}_ordinata"
    if codelist.fields().indexOf(name) < 0:
        expression = f"to_string(\"ordine\") || '. ' || \"{label_field}\""
        codelist.addExpressionField(expression, QgsField(name, compat.field_type("text")))
    return name


def _apply_constraints(layer, index, spec_field):
    # Start from a clean slate (layer-origin constraints only; provider ones stay).
    for kind in (QgsFieldConstraints.Constraint.ConstraintNotNull,
                 QgsFieldConstraints.Constraint.ConstraintExpression):
        layer.removeFieldConstraint(index, kind)
    layer.setConstraintExpression(index, "", "")
    for constraint in spec_field.constraints:
        strength = STRENGTH[constraint.strength]
        if constraint.kind == "not_null":
            layer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintNotNull, strength)
        else:
            layer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintExpression, strength)
            layer.setConstraintExpression(index, constraint.expression, constraint.message)


def _container(name, label, parent, group=False, visibility=""):
    container = QgsAttributeEditorContainer(label or name, parent)
    if group:
        compat.set_container_group_box(container)
    else:
        compat.set_container_tab(container)
    if visibility:
        container.setVisibilityExpression(QgsOptionalExpression(QgsExpression(visibility)))
    container.setColumnCount(1)
    return container


def _html_escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _add_items(container, items, layer, relations_by_id):
    for item in items:
        if isinstance(item, FieldItem):
            index = layer.fields().indexOf(item.name)
            if index < 0:
                LOG.warning("%s has no field %s: left out of the form", layer.name(), item.name)
                continue
            container.addChildElement(QgsAttributeEditorField(item.name, index, container))
        elif isinstance(item, RelationItem):
            relation = relations_by_id.get(item.relation_id)
            if relation is None or not relation.isValid():
                LOG.warning("Relation %s missing: its editor is left out of the form", item.relation_id)
                continue
            element = QgsAttributeEditorRelation(relation, container)
            element.setRelationWidgetTypeId(RELATION_WIDGET)
            element.setLabel(item.label)
            element.setShowLabel(True)
            container.addChildElement(element)
        elif isinstance(item, HintItem):
            element = QgsAttributeEditorHtmlElement(item.name, container)
            element.setHtmlCode("<p>" + _html_escape(item.text) + "</p>")
            element.setShowLabel(False)
            container.addChildElement(element)
        elif isinstance(item, GroupItem):
            group = _container(item.name, item.label, container, group=True,
                               visibility=item.visibility_expression)
            _add_items(group, item.items, layer, relations_by_id)
            container.addChildElement(group)


def configure_layer(layer, table_name, layers_by_table=None, relations_by_id=None, language="it", spec=None):
    """Configure the attribute form of ``layer`` (the RE.MIX table ``table_name``).

    ``layers_by_table``: {table name: QgsVectorLayer} including "remix_codelist" and "comuni";
    ``relations_by_id``: {model relation id: QgsRelation} already added to the project.
    Returns the FormSpec applied.
    """
    layers_by_table = layers_by_table or {}
    relations_by_id = relations_by_id or {}
    spec = spec or form_spec(table_name, language)
    layer.setCustomProperty(LANGUAGE_PROPERTY, spec.language)  # read by forms.desktop
    fields = layer.fields()

    config = layer.editFormConfig()
    for name, spec_field in spec.fields.items():
        index = fields.indexOf(name)
        if index < 0:
            LOG.warning("%s: field %s not in the layer", table_name, name)
            continue
        widget_type, widget_config = resolve_widget_config(spec_field, layer, layers_by_table)
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(widget_type, widget_config))
        layer.setFieldAlias(index, spec_field.alias)
        expression = spec_field.default_expression
        comuni = layers_by_table.get(COMUNI_TABLE)
        if comuni is not None and expression:  # the comuni layer is named "Comuni": point at its id
            expression = expression.replace(f"layer:='{COMUNI_TABLE}'", "layer:='" + comuni.id() + "'")
        layer.setDefaultValueDefinition(
            index, QgsDefaultValue(expression, spec_field.apply_on_update))
        _apply_constraints(layer, index, spec_field)
        config.setReadOnly(index, spec_field.read_only)

    fid_index = fields.indexOf("fid")
    if fid_index >= 0:
        layer.setEditorWidgetSetup(fid_index, QgsEditorWidgetSetup("Hidden", {}))

    config.clearTabs()
    root = config.invisibleRootContainer()
    for tab in spec.tabs:
        container = _container(tab.name, tab.label, root)
        _add_items(container, tab.items, layer, relations_by_id)
        config.addTab(container)
    config.setLayout(compat.form_layout_tabs())
    config.setInitCodeSource(compat.form_init_code_none())
    config.setInitCode("")
    config.setSuppress(compat.form_suppress_default())
    layer.setEditFormConfig(config)
    layer.setDisplayExpression(spec.display_expression)
    return spec
