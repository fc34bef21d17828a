"""The generated attribute forms, opened for real (pytest-qgis, offscreen).

A RE.MIX GeoPackage is made in tmp_path with OGR, its layers and relations are loaded here
(independently of layers/project.py), every data table is configured by forms.configure_layer,
then QgsAttributeForm is driven like a user would.
"""

import json
import sqlite3

import pytest
from osgeo import ogr
from qgis.core import (
    QgsEditFormConfig,
    QgsExpression,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsRelation,
    QgsVectorLayer,
    QgsVectorLayerTools,
    QgsVectorLayerUtils,
)
from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext, QgsAttributeForm, QgsEditorWidgetWrapper
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QTableWidget

from remix_plugin.forms import configure_layer, form_spec
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.layers.model import RELATIONS, load_model
from remix_plugin.taxonomy import load_scheme

RHO = "015182"


@pytest.fixture()
def remix(tmp_path, qgis_new_project):
    path = create_geopackage(tmp_path / "remix.gpkg")
    project = QgsProject.instance()
    model = load_model()
    layers = {}
    for name in [t.name for t in model.tables] + ["remix_codelist"]:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        assert layer.isValid(), name
        layers[name] = layer
    project.addMapLayers(list(layers.values()))
    relations = {}
    for rel in RELATIONS:
        relation = QgsRelation()
        relation.setId(rel.id)
        relation.setName(rel.label("it"))
        relation.setReferencingLayer(layers[rel.child].id())
        relation.setReferencedLayer(layers[rel.parent].id())
        relation.addFieldPair(rel.child_field, rel.parent_field)
        relation.setStrength(QgsRelation.RelationStrength.Composition if rel.strength == "composition"
                             else QgsRelation.RelationStrength.Association)
        assert relation.isValid(), rel.id
        project.relationManager().addRelation(relation)
        relations[rel.id] = relation
    for table in model.data_tables:
        configure_layer(layers[table.name], table.name, layers, relations, "it")
    yield path, layers, relations
    project.removeAllMapLayers()


class _LayerTools(QgsVectorLayerTools):
    """What QGIS desktop passes as iface.vectorLayerTools(): QGIS 3.22 crashes building a relation
    editor in a form whose context has none (QgsRelationWidgetWrapper::setForceSuppressFormPopup)."""

    def addFeature(self, layer, defaultValues=None, defaultGeometry=None, feature=None):  # noqa: N803
        return False, feature

    def startEditing(self, layer):
        return layer.startEditing()

    def stopEditing(self, layer, allowCancel=True):  # noqa: N803
        return layer.commitChanges()

    def saveEdits(self, layer):
        return layer.commitChanges(False)

    def copyMoveFeatures(self, layer, request, dx=0, dy=0, errorMsg=None, topologicalEditing=False,  # noqa: N803
                         topologicalLayer=None):  # noqa: N803
        return False


LAYER_TOOLS = _LayerTools()


def _open_form(layer, feature=None, add=True):
    if not layer.isEditable():
        layer.startEditing()
    if feature is None:
        feature = QgsVectorLayerUtils.createFeature(layer, context=layer.createExpressionContext())
    context = QgsAttributeEditorContext()
    context.setFormMode(QgsAttributeEditorContext.FormMode.StandaloneDialog)
    context.setVectorLayerTools(LAYER_TOOLS)
    form = QgsAttributeForm(layer, feature, context)
    form.setMode(QgsAttributeEditorContext.Mode.AddFeatureMode if add
                 else QgsAttributeEditorContext.Mode.SingleEditMode)
    form.show()
    QApplication.processEvents()
    return form


def _wrappers(form):
    return {w.field().name(): w for w in form.findChildren(QgsEditorWidgetWrapper)}


def _set(form, name, value):
    _wrappers(form)[name].setValues(value, [])
    _wrappers(form)[name].emitValueChanged()
    QApplication.processEvents()


def _combo_items(form, name):
    combo = _wrappers(form)[name].widget()
    assert isinstance(combo, QComboBox), name
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def _tick(form, name, labels):
    for label in labels:
        table = _wrappers(form)[name].widget().findChild(QTableWidget) or _wrappers(form)[name].widget()
        cells = [table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount())]
        # QGIS 3.22 shows "1. Urbanistico": the position keeps the scheme's order
        cell = [c for c in cells if c is not None and label in (c.text(), c.text().partition(". ")[2])][0]
        cell.setCheckState(Qt.CheckState.Checked)
        QApplication.processEvents()


def _table_items(form, name):
    widget = _wrappers(form)[name].widget()
    table = widget if isinstance(widget, QTableWidget) else widget.findChild(QTableWidget)
    cells = [table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount())]
    return [c.text() for c in cells if c is not None and c.text()]


def _blocking(form):
    """{field: constraint failure reason} of the hard constraints that block saving."""
    return {name: w.constraintFailureReason() for name, w in _wrappers(form).items() if w.isBlockingCommit()}


def _project(layers, relations):
    """A committed project (the parent every child form needs)."""
    layer = layers["progetti"]
    form = _open_form(layer)
    _set(form, "titolo", "Ex scalo merci di Rho")
    _set(form, "comune_istat", RHO)
    for name, code in (("livello_progettuale", "comunale"), ("stato_progetto", "proposta"),
                       ("scala_impatto", "comunale")):
        _set(form, name, code)
    _tick(form, "ambito_opportunita", ["Urbanistico"])
    assert _blocking(form) == {}
    assert form.save()
    assert layer.commitChanges(), layer.commitErrors()
    return next(layer.getFeatures())


def _rho_geometry(layers):
    comuni = layers["comuni"]
    rho = next(comuni.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"istat\" = '{RHO}'")))
    return rho.geometry().pointOnSurface().buffer(20, 8)


# -- layout -------------------------------------------------------------------------------------
def test_every_data_table_gets_a_tabbed_form_without_python(remix):
    _, layers, _ = remix
    for table in load_model().data_tables:
        config = layers[table.name].editFormConfig()
        assert config.layout() == QgsEditFormConfig.EditorLayout.TabLayout
        assert config.initCodeSource() == QgsEditFormConfig.PythonInitCodeSource.CodeSourceNone
        tabs = [t.name() for t in config.tabs()]
        assert tabs == [t.label for t in form_spec(table.name, "it").tabs]
    progetti = [t.name() for t in layers["progetti"].editFormConfig().tabs()]
    assert progetti == ["Identificazione", "Criticità e opportunità", "Lavori e azioni", "Attori", "Fasi",
                        "Finanziamenti", "Monitoraggio", "Sistema"]


def test_visibility_and_constraint_expressions_parse(remix):
    _, layers, _ = remix
    for table in load_model().data_tables:
        spec = form_spec(table.name, "it")
        for group in spec.groups():
            if group.visibility_expression:
                assert not QgsExpression(group.visibility_expression).hasParserError()
        layer = layers[table.name]
        for name in spec.fields:
            index = layer.fields().indexOf(name)
            expression = layer.fields().at(index).constraints().constraintExpression()
            if expression:
                assert not QgsExpression(expression).hasParserError(), (table.name, name, expression)
        assert not QgsExpression(layer.displayExpression()).hasParserError()


# -- drop-downs ----------------------------------------------------------------------------------
def test_single_dropdowns_list_the_scheme_terms_in_order(remix):
    _, layers, _ = remix
    scheme = load_scheme()
    checked = 0
    for table in load_model().data_tables:
        form = _open_form(layers[table.name])
        for model_field in table.coded_fields:
            if model_field.multi:
                continue
            items = _combo_items(form, model_field.name)
            terms = [(t.label("it"), t.code) for t in scheme.dimension(model_field.dimension).terms]
            assert items[1:] == terms, model_field.name  # first entry: no value
            checked += 1
        layers[table.name].rollBack()
    assert checked >= 15


def test_multi_select_lists_the_scheme_terms_and_stores_a_json_array(remix):
    path, layers, relations = remix
    scheme = load_scheme()
    parent = _project(layers, relations)
    layer = layers["criticita"]
    form = _open_form(layer)
    items = _table_items(form, "ambito_criticita")
    # the scheme's order (QGIS 3.22 sorts by value: the value starts with the term's position)
    assert [item.partition(". ")[2] or item for item in items] == \
        [t.label("it") for t in scheme.dimension("ambito_criticita").terms]
    _set(form, "titolo", "Area dismessa")
    _set(form, "comune_istat", RHO)
    _set(form, "progetto_uuid", parent["uuid"])
    _set(form, "ambito_intervento", "fisico_materiale")
    _set(form, "scala_criticita", "comunale")
    _tick(form, "ambito_criticita", ["Urbanistico", "Sociale"])
    assert _wrappers(form)["ambito_criticita"].value() == ["urbanistico", "sociale"]  # scheme order
    assert _blocking(form) == {}
    assert form.save()
    assert layer.commitChanges(), layer.commitErrors()
    with sqlite3.connect(path) as connection:
        stored = connection.execute("SELECT ambito_criticita FROM criticita").fetchone()[0]
    assert json.loads(stored) == ["urbanistico", "sociale"]
    reread = next(layer.getFeatures())
    assert reread["ambito_criticita"] == ["urbanistico", "sociale"]


# -- saving, constraints and derived values ------------------------------------------------------
def test_required_field_left_empty_blocks_saving_with_the_italian_message(remix):
    _, layers, _ = remix
    form = _open_form(layers["progetti"])
    _set(form, "comune_istat", RHO)
    blocking = _blocking(form)
    assert "titolo" in blocking
    assert "Campo obbligatorio: compila «Titolo»." in blocking["titolo"]
    assert "Campo obbligatorio: scegli «Livello progettuale»." in blocking["livello_progettuale"]
    assert "Campo obbligatorio: scegli almeno un valore di «Ambito di opportunità»." \
        in blocking["ambito_opportunita"]
    # recommended fields warn but do not block
    assert "descrizione" not in blocking
    assert not _wrappers(form)["descrizione"].isValidConstraint()
    layers["progetti"].rollBack()


def test_required_field_left_empty_disables_ok_in_the_attribute_dialog(remix):
    # On QGIS 3.22 QgsAttributeForm.save() does not re-check constraints (measured: it adds the
    # feature); what blocks the user is the dialog's OK button, disabled while a hard one fails.
    _, layers, _ = remix
    layer = layers["progetti"]
    layer.startEditing()
    feature = QgsVectorLayerUtils.createFeature(layer, context=layer.createExpressionContext())
    context = QgsAttributeEditorContext()
    context.setVectorLayerTools(LAYER_TOOLS)
    dialog = QgsAttributeDialog(layer, feature, False, None, True, context)
    dialog.setMode(QgsAttributeEditorContext.Mode.AddFeatureMode)
    dialog.show()
    QApplication.processEvents()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    form = dialog.attributeForm()
    _set(form, "titolo", "Ex scalo merci di Rho")
    _set(form, "comune_istat", RHO)
    for name, code in (("livello_progettuale", "comunale"), ("stato_progetto", "proposta"),
                       ("scala_impatto", "comunale")):
        _set(form, name, code)
    assert not ok.isEnabled()  # ambito di opportunità still empty
    _tick(form, "ambito_opportunita", ["Urbanistico"])
    assert ok.isEnabled()
    dialog.accept()
    assert layer.commitChanges(), layer.commitErrors()
    assert layer.featureCount() == 1


def test_saved_project_has_uuid_and_timestamps(remix):
    _, layers, relations = remix
    feature = _project(layers, relations)
    assert len(feature["uuid"]) == 36
    assert feature["creato_il"] and feature["modificato_il"]
    assert feature["comune_istat"] == RHO


def test_lavoro_gets_comune_and_area_from_its_geometry(remix):
    _, layers, relations = remix
    parent = _project(layers, relations)
    layer = layers["lavori"]
    layer.startEditing()
    feature = QgsVectorLayerUtils.createFeature(layer, QgsGeometry(_rho_geometry(layers)),
                                                context=layer.createExpressionContext())
    form = _open_form(layer, feature)
    _set(form, "titolo", "Recupero ambito ferroviario")
    _set(form, "progetto_uuid", parent["uuid"])
    _set(form, "oggetto_fisico", "ambito")
    assert set(_blocking(form)) == {"intervento_oggetto", "servizi_realizzati"}  # one of the two (SCH-011)
    _set(form, "intervento_oggetto", "riuso")
    assert _blocking(form) == {}
    assert form.save()
    assert layer.commitChanges(), layer.commitErrors()
    saved = next(layer.getFeatures())
    assert saved["comune_istat"] == RHO
    assert saved["superficie_mq"] == pytest.approx(saved.geometry().area(), abs=0.1)
    assert len(saved["uuid"]) == 36 and saved["creato_il"]


def test_date_rule_blocks_an_end_before_the_start(remix):
    _, layers, relations = remix
    parent = _project(layers, relations)
    form = _open_form(layers["fasi"])
    _set(form, "progetto_uuid", parent["uuid"])
    _set(form, "numero", 1)
    _set(form, "titolo", "Fase I")
    _set(form, "stato_fase", "prevista")
    from qgis.PyQt.QtCore import QDate

    _set(form, "data_inizio", QDate(2024, 5, 1))
    _set(form, "data_fine", QDate(2024, 4, 1))
    assert "La data di fine non può precedere la data di inizio." in _blocking(form)["data_fine"]
    _set(form, "data_fine", QDate(2024, 6, 1))
    assert _blocking(form) == {}
    layers["fasi"].rollBack()


def test_every_data_table_saves_when_its_required_fields_are_filled(remix):
    _, layers, relations = remix
    parent = _project(layers, relations)
    model = load_model()
    scheme = load_scheme()
    for table in model.data_tables:
        if table.name == "progetti":
            continue
        layer = layers[table.name]
        geometry = QgsGeometry(_rho_geometry(layers)) if table.geometry_required else QgsGeometry()
        layer.startEditing()
        feature = QgsVectorLayerUtils.createFeature(layer, geometry, context=layer.createExpressionContext())
        form = _open_form(layer, feature)
        spec = form_spec(table.name, "it")
        conditional = [f.name for f in table.user_fields if spec.fields[f.name].requirement == "conditional"]
        for model_field in table.user_fields:
            # required fields, and the first of an either-or group (lavori: SCH-011)
            if model_field.requirement != "required" and model_field.name not in conditional[:1]:
                continue
            if model_field.multi:
                dimension = scheme.dimension(model_field.dimension)
                _tick(form, model_field.name, [dimension.terms[0].label("it")])
            elif model_field.coded:
                _set(form, model_field.name, scheme.dimension(model_field.dimension).terms[0].code)
            elif model_field.references == "progetti.uuid":
                _set(form, model_field.name, parent["uuid"])
            elif model_field.references == "comuni.istat":
                _set(form, model_field.name, RHO)
            elif model_field.references:
                other = layers[model_field.references.split(".")[0]]
                if other.featureCount() == 0:
                    pytest.fail(f"no {other.name()} to reference")
                _set(form, model_field.name, next(other.getFeatures())["uuid"])
            elif model_field.kind in ("integer", "real"):
                _set(form, model_field.name, 1)
            elif model_field.kind == "date":
                from qgis.PyQt.QtCore import QDate

                _set(form, model_field.name, QDate(2024, 1, 1))
            else:
                _set(form, model_field.name, f"{table.name} di prova")
        assert _blocking(form) == {}, table.name
        assert form.save(), table.name
        assert layer.commitChanges(), (table.name, layer.commitErrors())
        saved = list(layer.getFeatures())
        assert len(saved) >= 1 and len(saved[-1]["uuid"]) == 36, table.name
        assert saved[-1]["creato_il"], table.name


# -- conditional groups and deprecated terms ---------------------------------------------------
def test_group_visibility_follows_the_kind_of_intervention(remix):
    _, layers, _ = remix
    spec = form_spec("progetti", "it")
    group = [g for g in spec.groups() if g.name == "ambito_territoriale"][0]
    expression = QgsExpression(group.visibility_expression)
    layer = layers["progetti"]
    feature = QgsVectorLayerUtils.createFeature(layer)
    context = layer.createExpressionContext()
    for level, visible in (("metropolitano", True), ("sovracomunale", True), ("comunale", False)):
        feature["livello_progettuale"] = level
        context.setFeature(feature)
        assert bool(expression.evaluate(context)) is visible, level


def test_deprecated_multi_term_hidden_for_new_features_shown_for_old_ones(remix):
    path, layers, relations = remix
    parent = _project(layers, relations)
    layer = layers["criticita"]
    form = _open_form(layer)
    _set(form, "titolo", "Area dismessa")
    _set(form, "comune_istat", RHO)
    _set(form, "progetto_uuid", parent["uuid"])
    _set(form, "ambito_intervento", "fisico_materiale")
    _set(form, "scala_criticita", "comunale")
    _tick(form, "ambito_criticita", ["Paesistico"])
    assert form.save()
    assert layer.commitChanges(), layer.commitErrors()
    # retire "paesistico" in the file's code list
    dataset = ogr.Open(str(path), update=1)
    codelist = dataset.GetLayerByName("remix_codelist")
    codelist.SetAttributeFilter("dimension = 'ambito_criticita' AND code = 'paesistico'")
    term = codelist.GetNextFeature()
    term.SetField("deprecated", 1)
    codelist.SetFeature(term)
    dataset = None
    layers["remix_codelist"].reload()

    new_form = _open_form(layer)
    assert not [item for item in _table_items(new_form, "ambito_criticita") if "Paesistico" in item]
    assert len(_table_items(new_form, "ambito_criticita")) == 6
    layer.rollBack()
    old = next(layer.getFeatures())
    old_form = _open_form(layer, old, add=False)
    assert [item for item in _table_items(old_form, "ambito_criticita") if item.endswith("Paesistico")]
    # QGIS >= 3.44 types the field as a string list once it holds data, and its widget then
    # speaks '{"a"}' text; the field's default (forms.spec.json_list_expression) keeps the file an array
    assert _wrappers(old_form)["ambito_criticita"].value() in (["paesistico"], '{"paesistico"}')
    _tick(old_form, "ambito_criticita", ["Urbanistico"])
    assert old_form.save()
    assert layer.commitChanges(), layer.commitErrors()
    with sqlite3.connect(path) as connection:
        text, kind = connection.execute(
            "SELECT ambito_criticita, json_type(ambito_criticita) FROM criticita").fetchone()
    assert kind == "array" and sorted(json.loads(text)) == ["paesistico", "urbanistico"]
