"""Property-based tests of the record-level scheme rules (hypothesis)."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remix_plugin.codes import format_codes
from remix_plugin.layers.model import load_model
from remix_plugin.validation.catalogue import DATE_ORDER
from remix_plugin.validation.catalogue import codes as rule_codes
from remix_plugin.validation.engine import check_record

MODEL = load_model()
TABLES = [t.name for t in MODEL.data_tables]
ANY_VALUE = st.one_of(
    st.none(),
    st.text(max_size=400),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=40),
    st.booleans(),
    st.lists(st.text(max_size=12), max_size=4).map(lambda items: format_codes(items) or "[]"),
    st.sampled_from(
        [
            "[",
            "{a,b}",
            "[1,2]",
            '["x"',
            "Sant'Ambrogio",
            "x' OR '1'='1",
            "城市",
            "🙂",
            "2024-13-45",
            "NULL",
            "[]",
            "  ",
        ]
    ),
)


@st.composite
def random_records(draw):
    table = MODEL.table(draw(st.sampled_from(TABLES)))
    record = {f.name: draw(ANY_VALUE) for f in table.fields}
    return table.name, record


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_records())
def test_random_records_never_raise(item):
    table, record = item
    findings = check_record(table, record)
    known = set(rule_codes())
    for finding in findings:
        assert finding.code in known
        assert finding.severity in ("error", "warning")
        assert finding.message_it and finding.message_en


def _valid_value(draw, field):
    if field.name == "uuid" or field.references:
        return draw(st.uuids(version=4).map(str)) if field.name != "comune_istat" else "015182"
    if field.coded:
        dimension = MODEL.scheme.dimension(field.dimension)
        codes = dimension.codes(include_deprecated=False)
        if field.multi:
            return format_codes(
                draw(st.lists(st.sampled_from(codes), min_size=1, max_size=len(codes), unique=True))
            )
        return draw(st.sampled_from(codes))
    if field.name == "cup":  # a Codice Unico di Progetto: letter, 2 digits, letter, 11 digits
        return draw(st.from_regex(r"[A-Z][0-9]{2}[A-Z][0-9]{11}", fullmatch=True))
    if field.kind == "text":
        limit = field.max_length or 200
        if field.name in ("creato_il", "modificato_il"):
            return "2024-01-15T10:00:00Z"
        return draw(
            st.text(
                alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=min(limit, 60)
            ).filter(lambda s: s.strip())
        )
    if field.kind == "integer":
        return draw(st.integers(min_value=1, max_value=20))
    if field.kind == "real":
        return draw(st.floats(min_value=0, max_value=1e9, allow_nan=False))
    if field.kind == "boolean":
        return draw(st.sampled_from([0, 1]))
    if field.kind == "date":
        return draw(
            st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2020, 1, 1))
        ).isoformat()
    return "2024-01-15T10:00:00Z"


@st.composite
def valid_records(draw):
    table = MODEL.table(draw(st.sampled_from(TABLES)))
    record = {f.name: _valid_value(draw, f) for f in table.fields}
    first, last = DATE_ORDER.get(table.name, (None, None))
    if first in record and last in record:
        start = datetime.date.fromisoformat(record[first])
        record[last] = (start + datetime.timedelta(days=draw(st.integers(0, 3000)))).isoformat()
    if table.name == "indicatori":  # SCH-035: the target date is not before the baseline date
        record["data_obiettivo"] = max(record["data_base"], record["data_obiettivo"])
    if table.name == "fasi" and record.get("stato_fase") == "conclusa":
        record["data_fine"] = record["data_inizio"]
    return table.name, record


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_records())
def test_records_of_valid_terms_pass(item):
    table, record = item
    findings = check_record(table, record, today=datetime.date(2026, 1, 1))
    assert [(f.code, f.field, f.value) for f in findings] == []


def test_single_value_in_multi_field_and_list_in_single_field():
    record = {"intervento_oggetto": '["riuso"]', "servizi_realizzati": "servizi"}
    found = {(f.code, f.field) for f in check_record("lavori", record)}
    assert ("SCH-002", "intervento_oggetto") in found
    assert ("SCH-003", "servizi_realizzati") in found
