"""One verdict per rule: what each form says about an empty field is what the validator does.

For every field of every data table a complete, valid record is built; the field is emptied and
the real validator (``engine.check_record``, strict profile, the same code the file validation
runs) says what it finds. The form spec must agree: an error there is a hard constraint (OK
disabled), a warning a soft one, nothing means no requirement constraint at all.
"""

import pytest

from remix_plugin.forms import form_spec
from remix_plugin.layers.model import load_model
from remix_plugin.validation.catalogue import EITHER_OR, requirement_rule
from remix_plugin.validation.engine import check_record
from remix_plugin.validation.profiles import form_verdict

MODEL = load_model()
TABLES = [t.name for t in MODEL.data_tables]
UUID = "6f1c2b1e-3c55-4a8e-9a57-0d6c1f0a4b11"

VALID_CUP = "C11G06000000001"  # the layout of every published CUP (SCH-030/031)


def _value(model_field):
    if model_field.name == "uuid":
        return UUID
    if model_field.coded:
        code = MODEL.scheme.dimension(model_field.dimension).terms[0].code
        return f'["{code}"]' if model_field.multi else code
    if model_field.references == "comuni.istat":
        return "015182"
    if model_field.references:
        return UUID
    if model_field.name == "cup":
        return VALID_CUP
    return {"integer": 1, "real": 10.0, "boolean": 0, "date": "2024-01-01",
            "datetime": "2024-01-01T10:00:00"}.get(model_field.kind, "testo di prova")


def _complete(table):
    return {f.name: _value(f) for f in table.fields}


def _findings_on(table_name, record, field_name):
    return {(f.code, f.severity) for f in check_record(table_name, record) if f.field == field_name}


def _requirement_constraints(spec_field):
    """(strength, message) of the constraints that judge emptiness (not the extra value rules)."""
    return {(c.strength, c.message) for c in spec_field.constraints
            if c.message.startswith(("Campo obbligatorio", "Campo raccomandato", "Indica almeno"))}


@pytest.mark.parametrize("table_name", TABLES)
def test_complete_records_are_clean(table_name):
    table = MODEL.table(table_name)
    assert check_record(table_name, _complete(table)) == []


@pytest.mark.parametrize("table_name", TABLES)
def test_form_and_validator_agree_on_every_empty_field(table_name):
    table = MODEL.table(table_name)
    spec = form_spec(table_name, "it")
    checked = 0
    for model_field in table.user_fields:
        record = _complete(table)
        record[model_field.name] = None
        found = _findings_on(table_name, record, model_field.name)
        spec_field = spec.fields[model_field.name]
        strengths = {strength for strength, _ in _requirement_constraints(spec_field)}
        state, strength, code = form_verdict(table_name, model_field)
        assert spec_field.requirement == state, model_field.name
        if state == "conditional":
            assert found == set(), model_field.name  # the partner is filled: nothing to say
            assert strengths == {"hard"}, model_field.name
        elif not found:
            assert state == "optional" and strengths == set(), (model_field.name, strengths)
        else:
            ((found_code, severity),) = found
            assert found_code == code, model_field.name
            assert strengths == {"hard" if severity == "error" else "soft"}, (model_field.name, severity)
        checked += 1
    assert checked == len(table.user_fields)


def test_either_or_fields_block_the_form_exactly_when_the_validator_errs():
    table = MODEL.table("lavori")
    spec = form_spec("lavori", "it")
    group = EITHER_OR["lavori"]
    record = _complete(table)
    for name in group:
        record[name] = None
    assert ("SCH-011", "error") in _findings_on("lavori", record, "intervento_oggetto")
    for name in group:
        constraint = spec.fields[name].constraint("expression")
        assert constraint.strength == "hard"
        assert all(f'"{other}"' in constraint.expression for other in group)
        assert constraint.message == ("Indica almeno uno tra «Intervento sull'oggetto» e "
                                      "«Realizzazione e ampliamento di servizi».")
    assert form_spec("lavori", "en").fields["intervento_oggetto"].constraint("expression").message.startswith(
        "State at least one of 'Intervention")


def test_the_draft_profile_softens_what_it_softens():
    # under the draft profile SCH-011 is a warning, SCH-007 is off: the verdict follows
    lavori = MODEL.table("lavori")
    assert form_verdict("lavori", lavori.field("intervento_oggetto"), "draft")[1] == "soft"
    assert form_verdict("lavori", lavori.field("descrizione"), "draft")[1] == ""
    assert form_verdict("lavori", lavori.field("titolo"), "draft") == ("required", "hard", "SCH-006")


def test_requirement_rule_names_the_codes_the_engine_emits():
    progetti = MODEL.table("lavori")
    assert requirement_rule("lavori", progetti.field("progetto_uuid")) == ("required", "REF-005")
    assert requirement_rule("lavori", progetti.field("titolo")) == ("required", "SCH-006")
    assert requirement_rule("lavori", progetti.field("descrizione")) == ("recommended", "SCH-007")
    assert requirement_rule("lavori", progetti.field("servizi_realizzati")) == ("conditional", "SCH-011")
