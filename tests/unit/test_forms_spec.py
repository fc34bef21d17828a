"""The form specs are plain data built from the scheme and the model (no QGIS)."""

import sys

import pytest

from remix_plugin.forms import form_spec, form_specs
from remix_plugin.forms.spec import VALUE_MAP_NULL, FieldItem, GroupItem, RelationItem, walk
from remix_plugin.layers.model import load_model
from remix_plugin.taxonomy import load_scheme

MODEL = load_model()
TABLES = [t.name for t in MODEL.data_tables]


def test_no_qgis_imported():
    form_specs("it")
    assert "qgis" not in sys.modules


@pytest.mark.parametrize("table_name", TABLES)
@pytest.mark.parametrize("language", ["it", "en"])
def test_every_field_appears_exactly_once(table_name, language):
    spec = form_spec(table_name, language)
    placed = spec.placed_fields()
    assert sorted(placed) == sorted(f.name for f in MODEL.table(table_name).fields)
    assert len(placed) == len(set(placed))


@pytest.mark.parametrize("table_name", TABLES)
def test_system_fields_read_only_and_in_the_system_tab(table_name):
    spec = form_spec(table_name, "it")
    table = MODEL.table(table_name)
    for model_field in table.fields:
        assert spec.fields[model_field.name].read_only is model_field.system
    system = [i.name for i in walk([spec.tab("sistema")]) if isinstance(i, FieldItem)]
    assert {"uuid", "creato_il", "creato_da", "modificato_il", "modificato_da"} <= set(system)
    assert spec.fields["uuid"].default_expression.startswith("uuid(")
    assert spec.fields["modificato_il"].apply_on_update


def test_derived_fields_of_lavori_are_read_only_with_defaults():
    spec = form_spec("lavori", "it")
    assert spec.fields["comune_istat"].read_only and spec.fields["comune_istat"].apply_on_update
    assert spec.fields["superficie_mq"].read_only
    assert "$area" in spec.fields["superficie_mq"].default_expression


@pytest.mark.parametrize("table_name", TABLES)
def test_required_hard_recommended_soft(table_name):
    spec = form_spec(table_name, "it")
    for model_field in MODEL.table(table_name).user_fields:
        fspec = spec.fields[model_field.name]
        expression = fspec.constraint("expression")
        if model_field.requirement == "required":
            assert fspec.constraint("not_null").strength == "hard"
            assert expression.strength == "hard"
            assert expression.message.startswith("Campo obbligatorio: ")
        elif fspec.requirement == "recommended":  # either-or fields are "conditional"
            messages = [c.message for c in fspec.constraints if c.strength == "soft"]
            assert messages and messages[0].startswith("Campo raccomandato: ")


def test_messages_follow_the_language():
    assert form_spec("criticita", "it").fields["ambito_criticita"].constraint("expression").message == \
        "Campo obbligatorio: scegli almeno un valore di «Ambito di criticità»."
    assert form_spec("criticita", "en").fields["ambito_criticita"].constraint("expression").message == \
        "Required field: choose at least one value of 'Field of the problem'."


def test_extra_rules():
    fasi = form_spec("fasi", "it")
    assert '"data_fine" >= "data_inizio"' in fasi.fields["data_fine"].constraint("expression").expression
    assert '"numero" > 0' in fasi.fields["numero"].constraint("expression").expression
    importo = form_spec("finanziamenti", "it").fields["importo"]
    assert importo.constraint("expression").strength == "hard"
    assert importo.constraint("not_null").strength == "soft"


def test_tabs_follow_the_seed():
    assert [t.label for t in form_spec("progetti", "it").tabs] == [
        "Identificazione", "Criticità e opportunità", "Lavori e azioni", "Attori", "Fasi",
        "Finanziamenti", "Monitoraggio", "Sistema"]
    assert [t.label for t in form_spec("lavori", "it").tabs] == [
        "Identificazione", "Lavoro", "Azioni collegate", "Sistema"]
    assert [t.label for t in form_spec("progetti", "en").tabs][0] == "Identification"
    progetti = form_spec("progetti", "it")
    assert progetti.relation_ids() == ["progetto_criticita", "progetto_lavori", "progetto_azioni",
                                       "progetto_attori", "progetto_fasi", "progetto_finanziamenti",
                                       "progetto_misure"]
    assert form_spec("lavori", "it").relation_ids() == ["lavoro_azioni"]
    relation_ids = {r.id for r in MODEL.relations}
    for spec in form_specs("it").values():
        assert set(spec.relation_ids()) <= relation_ids
        for item in walk(spec.tabs):
            if isinstance(item, RelationItem):
                assert item.label


def test_conditional_groups():
    groups = {g.name: g for spec in form_specs("it").values() for g in spec.groups()}
    assert groups["ambito_territoriale"].visibility_expression == \
        "\"livello_progettuale\" IN ('metropolitano', 'sovracomunale')"
    assert [i.name for i in groups["ambito_territoriale"].items if isinstance(i, FieldItem)] == \
        ["ambito_territoriale"]
    assert [i.name for i in groups["gestione_servizi"].items] == ["tipo_servizio", "popolazione_riferimento"]
    assert "ambito_intervento" in groups["risposta_fisica"].visibility_expression
    assert "ambito_intervento" in groups["risposta_sociale"].visibility_expression
    assert all(isinstance(g, GroupItem) for g in groups.values())


def test_single_codes_are_value_maps_in_scheme_order_without_deprecated_terms():
    scheme = load_scheme()
    spec = form_spec("progetti", "it")
    config = spec.fields["stato_progetto"].widget_config
    assert spec.fields["stato_progetto"].widget_type == "ValueMap"
    assert config["map"][0] == {"—": VALUE_MAP_NULL}
    assert [list(e.values())[0] for e in config["map"][1:]] == scheme.dimension("stato_progetto").codes(False)
    english = form_spec("progetti", "en").fields["stato_progetto"].widget_config["map"]
    assert list(english[1].keys())[0] == scheme.dimension("stato_progetto").terms[0].label("en")


def test_multi_codes_are_value_relations_on_the_codelist():
    field = form_spec("progetti", "it").fields["finalita"]
    assert field.widget_type == "ValueRelation"
    assert field.widget_config["AllowMulti"] is True
    assert field.widget_config["codelist"] is True and field.widget_config["dimension"] == "finalita"
    assert "\"dimension\" = 'finalita'" in field.widget_config["FilterExpression"]
    assert "current_value('fid')" in field.widget_config["FilterExpression"]


def test_references():
    lavori = form_spec("lavori", "it")
    assert lavori.fields["progetto_uuid"].widget_type == "RelationReference"
    assert lavori.fields["progetto_uuid"].widget_config["Relation"] == "progetto_lavori"
    progetti = form_spec("progetti", "it")
    assert progetti.fields["comune_istat"].widget_type == "ValueRelation"
    assert progetti.fields["comune_istat"].widget_config["comuni"] is True
    assert progetti.fields["programma_uuid"].widget_config["AllowNULL"] is True
    assert progetti.display_expression == '"titolo"'


def test_tooltips_are_definitions():
    scheme = load_scheme()
    spec = form_spec("criticita", "it")
    assert spec.fields["ambito_criticita"].tooltip == scheme.dimension("ambito_criticita").definition("it")


def test_the_date_order_constraint_is_generated_from_the_catalogue_rule(monkeypatch):
    """SCH-012 is defined once (validation/catalogue.py DATE_ORDER); the form reads it."""
    from remix_plugin.validation import catalogue

    for table_name, (start, end) in catalogue.DATE_ORDER.items():
        constraint = form_spec(table_name).fields[end].constraint("expression")
        assert constraint.strength == "hard"
        assert f'"{start}" IS NULL OR "{end}" >= "{start}"' in constraint.expression
    monkeypatch.delitem(catalogue.DATE_ORDER, "fasi")
    monkeypatch.delitem(catalogue.FIELD_RULES, ("fasi", "data_fine"))
    assert form_spec("fasi").fields["data_fine"].constraint("expression") is None  # no rule, no constraint


def test_multi_valued_fields_keep_an_array_on_update():
    from remix_plugin.forms.spec import json_list_expression

    for table in MODEL.data_tables:
        spec = form_spec(table.name)
        for model_field in table.fields:
            field_spec = spec.fields[model_field.name]
            if model_field.multi:
                assert field_spec.default_expression == json_list_expression(model_field.name)
                assert field_spec.apply_on_update
            else:
                assert field_spec.default_expression == model_field.default_expression
