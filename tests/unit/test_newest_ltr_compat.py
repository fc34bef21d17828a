"""What QGIS 3.44 (the newest LTR, tested in scripts/qgis_chroot.sh's chroot) writes differently.

Measured there: the value-relation widget of a multi-valued coded field returns QGIS's
``{"a","b"}`` array string, and OGR stores that string in the GeoPackage's JSON field as a JSON
*string*: ``"{\\"a\\",\\"b\\"}"``. A file edited on 3.44 must still read as its codes.
"""

import json

from remix_plugin.codes import parse_codes


def test_a_json_string_holding_qgis_array_text_reads_as_its_codes():
    stored = json.dumps('{"paesistico","sociale"}')
    assert stored == '"{\\"paesistico\\",\\"sociale\\"}"'
    parsed = parse_codes(stored)
    assert parsed.codes == ["paesistico", "sociale"] and not parsed.error


def test_a_json_string_holding_one_code_reads_as_that_code():
    assert parse_codes(json.dumps("riuso")).codes == ["riuso"]
    assert parse_codes(json.dumps('["riuso","servizi"]')).codes == ["riuso", "servizi"]


def test_broken_or_nested_json_strings_are_reported_never_raised():
    assert parse_codes('"riuso').error == "malformed JSON string"
    # one level of quoting is unwrapped, never more (no recursion a crafted value could exhaust)
    assert parse_codes(json.dumps(json.dumps("riuso"))).error == "not a JSON array"
    assert parse_codes(json.dumps("")).is_null
