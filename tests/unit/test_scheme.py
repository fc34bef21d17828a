"""The scheme holds DOMAIN.md's closed lists with exactly those terms, and its integrity check
catches broken copies of it. Pure Python: no QGIS."""

import copy
import json

import pytest

from remix_plugin.taxonomy import load_scheme
from remix_plugin.taxonomy.scheme import SCHEME_PATH, Scheme, SchemeError, check_integrity

# DOMAIN.md's closed lists, in its words (Italian labels, compared case-insensitively).
DOMAIN_LISTS = {
    "ambito_criticita": ["urbanistico", "infrastrutturale", "ambientale", "paesistico", "sociale",
                         "culturale", "economico"],
    "ambito_intervento": ["aspetti fisico-materiali", "aspetti sociali, culturali ed economici"],
    "scala_criticita": ["metropolitana", "area (zona) omogenea", "sovracomunale", "comunale"],
    "tipo_attore": ["pubblico", "privati", "associazioni", "gruppi informali"],
    "ambito_opportunita": ["urbanistico", "infrastrutturale", "ambientale", "paesistico", "sociale",
                           "culturale", "economico"],
    "scala_impatto": ["strategico metropolitano", "sovracomunale", "comunale"],
    "intervento_oggetto": ["sostituzione", "riuso", "riqualificazione", "riorganizzazione"],
    "servizi_realizzati": ["attrezzature", "infrastrutture", "servizi", "spazi verdi"],
    "oggetto_fisico": ["edificio", "ambito", "sistema"],
    "tipo_progetto_azione": ["sociale", "culturale", "economico"],
    "finalita": [
        "salvaguardare e ripristinare il suolo e le sue funzioni ecosistemiche",
        "migliorare la qualità paesaggistica ed ecologica del territorio",
        "migliorare la qualità dei manufatti agrari rurali tradizionali",
        "sostenibilità e resilienza ambientale",
        "innovazione tecnologica",
        "incremento della biodiversità dell'ambiente urbano",
        "prevenire conseguenze negative per la salute umana, gli ecosistemi e le risorse naturali",
    ],
    "livello_progettuale": ["metropolitano", "sovracomunale", "comunale"],
    "livello_rigenerazione": ["edilizia", "urbana", "territoriale"],
    "localizzazione": ["urbana", "periferica", "frangia urbana"],
    "zona_omogenea": ["adda martesana", "alto milanese", "magentino e abbiatense", "nord milano",
                      "nord ovest", "sud est", "sud ovest", "milano"],
}
# DOMAIN.md marks these lists "(multi)"; every other one is single-valued.
MULTI = {"ambito_criticita", "ambito_opportunita", "finalita", "servizi_realizzati"}


@pytest.fixture(scope="module")
def scheme():
    return load_scheme()


@pytest.fixture()
def raw():
    with open(SCHEME_PATH, encoding="utf-8") as handle:
        return json.load(handle)


@pytest.mark.parametrize("dimension_id", sorted(DOMAIN_LISTS))
def test_domain_list_is_in_the_scheme_with_exactly_those_terms(scheme, dimension_id):
    dimension = scheme.dimension(dimension_id)
    labels = [t.label("it").lower() for t in dimension.terms if not t.deprecated]
    assert labels == DOMAIN_LISTS[dimension_id]


def test_list_sizes(scheme):
    sizes = {d: len(scheme.dimension(d).codes(include_deprecated=False)) for d in DOMAIN_LISTS}
    assert sizes == {
        "ambito_criticita": 7, "ambito_intervento": 2, "scala_criticita": 4, "tipo_attore": 4,
        "ambito_opportunita": 7, "scala_impatto": 3, "intervento_oggetto": 4, "servizi_realizzati": 4,
        "oggetto_fisico": 3, "tipo_progetto_azione": 3, "finalita": 7, "livello_progettuale": 3,
        "livello_rigenerazione": 3, "localizzazione": 3, "zona_omogenea": 8,
    }


def test_ambito_opportunita_shares_the_terms_of_ambito_criticita(scheme):
    assert scheme.dimension("ambito_opportunita").codes() == scheme.dimension("ambito_criticita").codes()


@pytest.mark.parametrize("dimension_id", sorted(DOMAIN_LISTS))
def test_multi_flags_follow_domain(scheme, dimension_id):
    assert scheme.dimension(dimension_id).multi is (dimension_id in MULTI)


def test_every_term_has_both_labels_and_definitions(scheme):
    for dimension in scheme.dimensions:
        assert dimension.label("it") and dimension.label("en")
        for term in dimension.terms:
            assert term.labels.get("it") and term.labels.get("en"), (dimension.id, term.code)
            assert term.definitions.get("it") and term.definitions.get("en"), (dimension.id, term.code)


def test_codes_unique_within_dimension_and_orders_increasing(scheme):
    for dimension in scheme.dimensions:
        codes = dimension.codes()
        assert len(codes) == len(set(codes)), dimension.id
        orders = [t.order for t in dimension.terms]
        assert orders == sorted(orders)


def test_scheme_answers_the_questions_of_forms_and_validation(scheme):
    dimension = scheme.dimension("oggetto_fisico")
    assert dimension.is_valid_code("edificio")
    assert not dimension.is_valid_code("Edificio")
    assert dimension.label_of("edificio", "it") == "Edificio"
    assert dimension.label_of("edificio", "en") == dimension.term("edificio").labels["en"]
    assert dimension.label_of("inesistente") == "inesistente"
    assert dimension.requirement_for("lavori") == "required"
    assert [d.id for d in scheme.dimensions_for("criticita")] == [
        "ambito_criticita", "ambito_intervento", "scala_criticita"]
    rows = scheme.codelist_rows()
    assert len(rows) == sum(len(d.terms) for d in scheme.dimensions)
    assert scheme.version == "1.1.0"


def test_shipped_scheme_is_sound(raw):
    assert check_integrity(raw) == []


def _first(raw, dimension_id):
    return next(d for d in raw["dimensions"] if d["id"] == dimension_id)


def test_integrity_catches_duplicate_code(raw):
    broken = copy.deepcopy(raw)
    terms = _first(broken, "oggetto_fisico")["terms"]
    terms.append(dict(copy.deepcopy(terms[0]), order=99))
    errors = check_integrity(broken)
    assert any("'edificio' is used twice" in e for e in errors)
    with pytest.raises(SchemeError):
        Scheme(broken)


def test_integrity_catches_missing_english_label(raw):
    broken = copy.deepcopy(raw)
    del _first(broken, "finalita")["terms"][2]["label"]["en"]
    assert any("has no en label" in e and "finalita" in e for e in check_integrity(broken))


def test_integrity_catches_missing_dimension_label(raw):
    broken = copy.deepcopy(raw)
    _first(broken, "localizzazione")["label"]["en"] = ""
    assert any("'localizzazione' has no en label" in e for e in check_integrity(broken))


def test_integrity_catches_dangling_terms_from(raw):
    broken = copy.deepcopy(raw)
    _first(broken, "ambito_opportunita")["terms_from"] = "ambito_inesistente"
    assert any("unknown dimension 'ambito_inesistente'" in e for e in check_integrity(broken))


def test_integrity_catches_bad_requirement(raw):
    broken = copy.deepcopy(raw)
    _first(broken, "tipo_attore")["used_by"][0]["requirement"] = "mandatory"
    assert any("bad requirement 'mandatory'" in e for e in check_integrity(broken))


def test_integrity_catches_duplicate_dimension_and_bad_code(raw):
    broken = copy.deepcopy(raw)
    broken["dimensions"].append(copy.deepcopy(_first(broken, "tipo_rete")))
    _first(broken, "localizzazione")["terms"][0]["code"] = "Urbana Centrale"
    errors = check_integrity(broken)
    assert any("'tipo_rete' is defined twice" in e for e in errors)
    assert any("bad code 'Urbana Centrale'" in e for e in errors)


def test_integrity_catches_missing_multi_flag_and_all_deprecated(raw):
    broken = copy.deepcopy(raw)
    del _first(broken, "finalita")["multi"]
    for term in _first(broken, "tipo_rete")["terms"]:
        term["deprecated"] = True
    errors = check_integrity(broken)
    assert any("'finalita' does not say whether it is multi-valued" in e for e in errors)
    assert any("'tipo_rete': every term is deprecated" in e for e in errors)
