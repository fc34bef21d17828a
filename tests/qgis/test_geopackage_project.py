"""The QGIS project stored inside a RE.MIX GeoPackage: layers, relations, lookup widgets, default
values, styles; an edit through QGIS; the file stays valid; the Processing algorithm.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/qgis/test_geopackage_project.py
"""

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from qgis.core import (
    NULL,
    QgsApplication,
    QgsExpression,
    QgsExpressionContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProject,
    QgsVectorLayerUtils,
)

from remix_plugin import compat
from remix_plugin.forms.spec import json_list_expression
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.layers.model import CODELIST_TABLE, COMUNI_TABLE, load_model
from remix_plugin.qgis_project import TABLE_PROPERTY
from remix_plugin.qgis_project.builder import remix_layers
from remix_plugin.qgis_project.storage import make_self_contained, open_project, project_uri, store_project

VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
UTC_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
RHO = "015182"


def validate(path):
    result = subprocess.run(["/usr/bin/python3", VALIDATOR, "-k", "--extra", str(path)],
                            capture_output=True, text=True, timeout=120)
    return result.returncode, (result.stdout + result.stderr).strip()


@pytest.fixture(scope="module")
def template(qgis_app, tmp_path_factory):
    return create_geopackage(tmp_path_factory.mktemp("project") / "template.gpkg", with_project=True)


@pytest.fixture()
def gpkg(template, tmp_path):
    target = tmp_path / "Progetti Rho à.gpkg"  # a space and an accent in the name
    shutil.copyfile(template, target)
    return target


@pytest.fixture()
def opened(gpkg):
    project = QgsProject.instance()
    assert open_project(gpkg)
    yield project, gpkg
    project.clear()


def test_created_file_with_project_passes_the_validator(template):
    assert validate(template) == (0, "")
    connection = sqlite3.connect(str(template))
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        names = [r[0] for r in connection.execute("SELECT name FROM qgis_projects")]
        styles = {r[0] for r in connection.execute(
            "SELECT f_table_name FROM layer_styles WHERE useAsDefault")}
    finally:
        connection.close()
    assert names == ["remix"]
    assert styles == set(load_model().table_names) | {CODELIST_TABLE}
    assert not list(template.parent.glob(".*tmp*"))


def test_project_loads_from_inside_the_geopackage(template, tmp_path):
    """Moved to another folder (same name), opened by QGIS's own reader, without the plugin."""
    gpkg = tmp_path / template.name
    shutil.copyfile(template, gpkg)
    project = QgsProject()
    assert project.read(project_uri(gpkg))
    layers = remix_layers(project)
    assert set(layers) == set(load_model().table_names) | {CODELIST_TABLE}
    assert all(layer.isValid() for layer in layers.values())
    for table, layer in layers.items():
        assert Path(layer.source().split("|")[0]).resolve() == gpkg.resolve(), table
        assert layer.customProperty(TABLE_PROPERTY) == table
    assert layers["lavori"].name() == "Lavori"
    assert layers["criticita"].name() == "Criticità"
    assert project.crs().authid() == "EPSG:32632"
    project.clear()


def test_layers_tree_groups(opened):
    project, _path = opened
    root = project.layerTreeRoot()
    groups = [g.name() for g in root.children()]
    assert groups == ["Progetti", "Riferimento"]
    reference = root.findGroup("Riferimento")
    last = reference.children()[-1]
    assert last.layer().customProperty(TABLE_PROPERTY) == COMUNI_TABLE
    codes = reference.findGroup("Tabelle di codifica")
    assert codes is not None and not codes.isExpanded()


def test_relations_present_and_valid(opened):
    project, _path = opened
    relations = project.relationManager().relations()
    model = load_model()
    assert set(relations) == {r.id for r in model.relations}
    layers = remix_layers(project)
    for spec in model.relations:
        relation = relations[spec.id]
        assert relation.isValid(), spec.id
        assert relation.referencingLayer() is layers[spec.child]
        assert relation.referencedLayer() is layers[spec.parent]
        assert relation.fieldPairs() == {spec.child_field: spec.parent_field}
        expected = 1 if spec.strength == "composition" else 0  # Composition = 1, Association = 0
        assert int(relation.strength()) == expected, spec.id


def _value_map_codes(config):
    entries = config.get("map", [])
    if isinstance(entries, dict):
        entries = [{k: v} for k, v in entries.items()]
    return [code for entry in entries for code in entry.values()]


def test_lookup_widgets_on_coded_fields(opened):
    """Multi-valued codes: ValueRelation on the code list. Single codes: ValueRelation, or the
    ValueMap the forms module may put there (it keeps the scheme's order on QGIS 3.22)."""
    project, _path = opened
    layers = remix_layers(project)
    codelist = layers[CODELIST_TABLE]
    scheme = load_model().scheme
    for table in load_model().tables:
        layer = layers[table.name]
        for field in table.coded_fields:
            setup = layer.editorWidgetSetup(layer.fields().indexOf(field.name))
            config = setup.config()
            if setup.type() == "ValueMap" and not field.multi:
                codes = [c for c in _value_map_codes(config) if not str(c).startswith("{2839923C")]
                assert codes == scheme.dimension(field.dimension).codes(include_deprecated=False)
                continue
            assert setup.type() == "ValueRelation", (table.name, field.name)
            assert config["Layer"] == codelist.id()
            assert config["Key"] == "code"
            # QGIS < 3.36: virtual "<label>_ordinata", "1. Urbanistico" (scheme order, forms/qgis_config.py)
            assert config["Value"] in ("label_it", "label_en", "label_it_ordinata", "label_en_ordinata")
            assert bool(config["AllowMulti"]) is field.multi
            assert f"\"dimension\" = '{field.dimension}'" in config["FilterExpression"]
    # the filter offers exactly the dimension's terms
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsFeature

    lavori = layers["lavori"]
    config = lavori.editorWidgetSetup(lavori.fields().indexOf("servizi_realizzati")).config()
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.formScope(QgsFeature(lavori.fields())))
    expression = QgsExpression(config["FilterExpression"])
    offered = []
    for feature in codelist.getFeatures():
        context.setFeature(feature)
        if expression.evaluate(context):
            offered.append(feature["code"])
    assert offered == ["attrezzature", "infrastrutture", "servizi", "spazi_verdi"]


def test_default_values_and_aliases(opened):
    project, _path = opened
    layers = remix_layers(project)
    for table in load_model().data_tables:
        layer = layers[table.name]
        for field in table.fields:
            index = layer.fields().indexOf(field.name)
            assert layer.attributeAlias(index) == field.label("it")
            definition = layer.defaultValueDefinition(index)
            if field.default_expression:
                assert definition.isValid(), (table.name, field.name)
                assert definition.applyOnUpdate() is field.apply_on_update
                assert layer.editFormConfig().readOnly(index) is field.system or not field.system
            elif field.multi:  # the array keeper (forms.spec.json_list_expression)
                assert definition.expression() == json_list_expression(field.name)
                assert definition.applyOnUpdate()
            else:
                assert not definition.isValid()


def test_edit_through_qgis_derives_comune_and_keeps_the_file_valid(opened):
    project, path = opened
    layers = remix_layers(project)
    lavori, comuni = layers["lavori"], layers[COMUNI_TABLE]
    rho = next(comuni.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"istat\" = '{RHO}'")))
    geometry = rho.geometry().pointOnSurface().buffer(60, 8)
    geometry.convertToMultiType()
    assert lavori.startEditing()
    feature = QgsVectorLayerUtils.createFeature(
        lavori, geometry, {lavori.fields().indexOf("titolo"): "Ex scalo merci (area ATTRACT)"},
        lavori.createExpressionContext())
    assert lavori.addFeature(feature)
    assert lavori.commitChanges(), lavori.commitErrors()
    stored = next(lavori.getFeatures())
    assert stored["comune_istat"] == RHO
    assert UUID_RE.match(stored["uuid"]) and len(stored["uuid"]) == 36
    assert UTC_RE.match(stored["creato_il"]) and UTC_RE.match(stored["modificato_il"])
    assert stored["superficie_mq"] == pytest.approx(geometry.area(), rel=0.01)
    assert stored["perimetro_illustrativo"] in (False, 0)
    # an azione without geometry
    azioni = layers["azioni"]
    assert azioni.startEditing()
    action = QgsVectorLayerUtils.createFeature(azioni, attributes={
        azioni.fields().indexOf("titolo"): "Laboratorio di quartiere",
        azioni.fields().indexOf("lavoro_uuid"): stored["uuid"]}, context=azioni.createExpressionContext())
    assert azioni.addFeature(action) and azioni.commitChanges()
    project.clear()
    make_self_contained(path)
    assert validate(path) == (0, "")


@pytest.mark.parametrize("value, expected", [
    (None, None),
    (["paesistico", "urbanistico"], ["paesistico", "urbanistico"]),  # a list: kept
    ('{"paesistico","urbanistico"}', ["paesistico", "urbanistico"]),  # QGIS 3.44's widget text
    ("{paesistico}", ["paesistico"]),
    ('["paesistico"]', ["paesistico"]),  # JSON text
    ("{}", []),
])
def test_the_multi_value_default_turns_any_spelling_into_an_array(value, expected):
    expression = QgsExpression(json_list_expression("ambito_criticita"))
    fields = QgsFields()
    fields.append(QgsField("ambito_criticita", compat.field_type("text")))
    feature = QgsFeature(fields)
    feature["ambito_criticita"] = value
    context = QgsExpressionContext()
    context.setFeature(feature)
    result = expression.evaluate(context)
    assert not expression.hasEvalError(), expression.evalErrorString()
    assert (None if result is None or result == NULL else list(result)) == expected


def test_multi_valued_codes_stay_json_arrays_in_the_file(opened):
    """QGIS >= 3.44 types a JSON field holding arrays as a string list and its value-relation
    widget writes '{"a","b"}' text to it: the file must still hold a JSON array."""
    project, path = opened
    criticita = remix_layers(project)["criticita"]
    assert criticita.startEditing()
    attributes = {criticita.fields().indexOf("titolo"): "Area dismessa",
                  criticita.fields().indexOf("ambito_criticita"): ["paesistico"]}
    feature = QgsVectorLayerUtils.createFeature(criticita, attributes=attributes,
                                                context=criticita.createExpressionContext())
    assert criticita.addFeature(feature) and criticita.commitChanges(), criticita.commitErrors()
    project.clear()
    assert open_project(path)  # the field is typed again, now from a file that holds an array
    criticita = remix_layers(project)["criticita"]
    index = criticita.fields().indexOf("ambito_criticita")
    stored = next(criticita.getFeatures())
    assert criticita.startEditing()
    assert criticita.changeAttributeValue(stored.id(), index, '{"paesistico","urbanistico"}')
    assert criticita.commitChanges(), criticita.commitErrors()
    project.clear()
    connection = sqlite3.connect(str(path))
    try:
        text, kind = connection.execute(
            "SELECT ambito_criticita, json_type(ambito_criticita) FROM criticita").fetchone()
    finally:
        connection.close()
    assert kind == "array" and json.loads(text) == ["paesistico", "urbanistico"]


def test_store_project_again_keeps_the_file_valid(gpkg):
    store_project(gpkg)  # replaces the stored project and default styles
    assert validate(gpkg) == (0, "")
    connection = sqlite3.connect(str(gpkg))
    try:
        assert connection.execute("SELECT count(*) FROM qgis_projects").fetchone()[0] == 1
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        connection.close()


def test_renamed_file_opens_through_the_plugin(gpkg, tmp_path):
    renamed = tmp_path / "copia.gpkg"
    shutil.copyfile(gpkg, renamed)
    project = QgsProject.instance()
    try:
        assert open_project(renamed)
        layers = remix_layers(project)
        assert layers and all(layer.isValid() for layer in layers.values())
        for layer in layers.values():
            assert Path(layer.source().split("|")[0]).resolve() == renamed.resolve()
    finally:
        project.clear()


def test_open_refuses_foreign_files(tmp_path):
    text = tmp_path / "notes.gpkg"
    text.write_text("not a geopackage", encoding="utf-8")
    assert open_project(text) is False
    assert not remix_layers(QgsProject.instance())


def test_processing_algorithm(qgis_app, tmp_path):
    from processing.core.Processing import Processing

    from remix_plugin.processing.provider import RemixProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("remix")
    added = None
    if provider is None:
        added = RemixProvider()
        registry.addProvider(added)
    try:
        import processing

        output = tmp_path / "from_processing.gpkg"
        result = processing.run("remix:create_geopackage", {"OUTPUT": str(output), "CRS": "EPSG:7791"})
        assert Path(result["OUTPUT"]) == output and output.exists()
        assert validate(output) == (0, "")
        from remix_plugin.layers.inspect import inspect_geopackage

        assert inspect_geopackage(output).crs == "EPSG:7791"
        from qgis.core import QgsProcessingException

        with pytest.raises(QgsProcessingException):
            processing.run("remix:create_geopackage",
                           {"OUTPUT": str(tmp_path / "wrong.gpkg"), "CRS": "EPSG:4326"})
        assert not (tmp_path / "wrong.gpkg").exists()
    finally:
        if added is not None:
            registry.removeProvider(added)
