"""Hostile or odd values never crash the validator: each one is reported as a finding."""

from __future__ import annotations

import sqlite3

import helpers_corpus as hc
import pytest

from remix_plugin.layers.errors import RemixFileError
from remix_plugin.validation.engine import validate_geopackage


@pytest.fixture
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "clean.gpkg"
    return path, hc.build_clean(path)


def test_odd_text_values_are_reported_not_skipped(clean):
    path, ids = clean
    hc.update(
        path,
        "progetti",
        ids["p1"],
        titolo="Sant'Ambrogio \"x' OR '1'='1\" 城市 🙂 " + "è" * 400,
        descrizione="Москва\x1b[31mrosso",
        ambito_opportunita="[\"urbanistico\", 'x']",
        livello_progettuale="x' OR '1'='1",
    )
    report = validate_geopackage(path)
    found = {(f.code, f.field) for f in report.findings if f.feature_uuid == ids["p1"]}
    assert ("SCH-010", "titolo") in found
    assert ("SCH-019", "descrizione") in found
    assert ("SCH-004", "ambito_opportunita") in found
    assert ("SCH-001", "livello_progettuale") in found
    for finding in report.findings:
        assert len(finding.message_en) < 400  # long values are shortened in messages


def test_nulls_everywhere(clean):
    path, _ = clean
    writer = hc.Writer(path)
    fields = (
        "progetto_uuid",
        "titolo",
        "comune_istat",
        "obiettivo",
        "descrizione",
        "intervento_oggetto",
        "servizi_realizzati",
        "oggetto_fisico",
        "perimetro_illustrativo",
        "superficie_mq",
        "creato_il",
        "modificato_il",
    )
    writer.insert("lavori", dict({"uuid": hc.new_uuid()}, **{name: None for name in fields}))
    writer.close()
    report = validate_geopackage(path)
    codes = {f.code for f in report.findings}
    assert {"GEO-001", "REF-005", "SCH-006", "SCH-007", "SCH-011"} <= codes


def test_wrong_types_stored_in_columns(clean):
    path, ids = clean
    connection = sqlite3.connect(str(path))
    connection.execute(
        "UPDATE fasi SET numero = 'primo', data_inizio = 'ieri', data_fine = 20240101 WHERE uuid = ?",
        (ids["p1_fase1"],),
    )
    connection.execute("UPDATE misure SET valore = ?, data_misura = '2024-02-30'", (b"\x00\xff",))
    connection.execute("UPDATE attori SET nome = ?, tipo_attore = ?", (b"\x89PNG", 42))
    connection.commit()
    connection.close()
    report = validate_geopackage(path)
    found = {(f.code, f.layer, f.field) for f in report.findings}
    assert ("SCH-009", "fasi", "numero") in found
    assert ("SCH-009", "fasi", "data_inizio") in found
    assert ("SCH-009", "fasi", "data_fine") in found
    assert ("SCH-009", "misure", "valore") in found
    assert ("SCH-009", "misure", "data_misura") in found
    assert ("SCH-009", "attori", "nome") in found
    assert ("SCH-001", "attori", "tipo_attore") in found


def test_garbage_geometry_blobs(clean):
    path, ids = clean
    blobs = {
        "p1_lavoro1": "00",
        "p1_lavoro2": "4750000100000000",
        "p2_lavoro1": "47500001e6100000" + "ff" * 30,
        "p2_lavoro2": "475000011" + "0" * 7 + "0103000000",
    }
    for key, blob in blobs.items():
        hc.ogr_sql(path, "UPDATE lavori SET geom = X'" + blob + "' WHERE uuid = '" + ids[key] + "'")
    hc.ogr_sql(path, "UPDATE criticita SET geom = 'just text' WHERE uuid = '" + ids["p1_criticita"] + "'")
    report = validate_geopackage(path)
    unreadable = {f.feature_uuid for f in report.findings if f.code == "GEO-002"}
    assert {ids[k] for k in blobs} | {ids["p1_criticita"]} <= unreadable


def test_odd_files_raise_remix_file_error(tmp_path):
    empty = tmp_path / "empty.gpkg"
    empty.write_bytes(b"")
    with pytest.raises(RemixFileError):
        validate_geopackage(empty)
    plain = tmp_path / "plain.gpkg"
    sqlite3.connect(str(plain)).execute("CREATE TABLE t (a)").connection.close()
    with pytest.raises(RemixFileError) as info:
        validate_geopackage(plain)
    assert info.value.message_it and info.value.message_en
