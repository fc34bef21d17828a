"""Every rule of the catalogue fires on a GeoPackage broken for it, and the clean dataset gives
no finding at all. The corpus is built here (tests/helpers_corpus.py), never shipped."""

from __future__ import annotations

import dataclasses
import sqlite3

import helpers_corpus as hc
import pytest
from osgeo import ogr

from remix_plugin.codes import format_codes
from remix_plugin.layers.model import load_model
from remix_plugin.validation import catalogue
from remix_plugin.validation.engine import validate_geopackage


@pytest.fixture(scope="session")
def clean_corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "clean.gpkg"
    ids = hc.build_clean(path)
    return path, ids


@pytest.fixture
def broken(clean_corpus, tmp_path):
    source, ids = clean_corpus
    return hc.copy_of(source, tmp_path / "broken.gpkg"), ids


def _xy(ids, istat=hc.COMUNE_A):
    return ids["points"][istat]


def _rebuild_without_constraints(path, table):
    """Recreate a non-spatial table without its UNIQUE constraint (as some foreign tools write)."""
    connection = sqlite3.connect(str(path))
    try:
        connection.executescript(
            f'ALTER TABLE "{table}" RENAME TO "{table}_old"; '
            f'CREATE TABLE "{table}" AS SELECT * FROM "{table}_old"; DROP TABLE "{table}_old";'
        )
        connection.commit()
    finally:
        connection.close()


def _add_lavoro(path, ids, wkt, project="p1", istat=hc.COMUNE_A, **values):
    writer = hc.Writer(path)
    uuid = writer.add("lavori", wkt, progetto_uuid=ids[project], comune_istat=istat, **values)
    writer.close()
    return uuid


# -- one mutation per rule: (mutate(path, ids, monkeypatch), expected layer) -------------------
def _str_001(path, ids, mp):
    dataset = ogr.Open(str(path), update=1)
    dataset.DeleteLayer("finanziamenti")
    dataset = None


def _str_002(path, ids, mp):
    dataset = ogr.Open(str(path), update=1)
    layer = dataset.GetLayerByName("progetti")
    layer.DeleteField(layer.GetLayerDefn().GetFieldIndex("note"))
    dataset = None


def _str_003(path, ids, mp):
    dataset = ogr.Open(str(path), update=1)
    layer = dataset.GetLayerByName("progetti")
    layer.DeleteField(layer.GetLayerDefn().GetFieldIndex("costo_stimato"))
    layer.CreateField(ogr.FieldDefn("costo_stimato", ogr.OFTString))
    dataset = None


def _set_metadata(key, value):
    def mutate(path, ids, mp):
        hc.sqlite_exec(path, "UPDATE remix_metadata SET value = ? WHERE key = ?", (value, key))

    return mutate


def _str_006(path, ids, mp):
    hc.sqlite_exec(path, "DELETE FROM gpkg_geometry_columns WHERE table_name = 'criticita'")


def _str_007(path, ids, mp):
    hc.sqlite_exec(path, "DELETE FROM remix_codelist WHERE dimension = 'oggetto_fisico' AND code = 'sistema'")


def _set(table, key, **values):
    def mutate(path, ids, mp):
        hc.update(path, table, ids[key], **values)

    return mutate


def _sch_008(path, ids, mp):
    dimension = load_model().scheme.dimension("oggetto_fisico")
    mp.setitem(dimension._by_code, "sistema", dataclasses.replace(dimension.term("sistema"), deprecated=True))
    hc.update(path, "lavori", ids["p1_lavoro1"], oggetto_fisico="sistema")


def _sch_009(path, ids, mp):
    hc.ogr_sql(path, "UPDATE progetti SET costo_stimato = 'mille euro' WHERE uuid = '" + ids["p1"] + "'")


def _sch_016(path, ids, mp):
    writer = hc.Writer(path)
    project = writer.add("progetti", comune_istat=hc.COMUNE_A)
    writer.add("criticita", progetto_uuid=project, comune_istat=hc.COMUNE_A)
    writer.close()


def _ref_003(path, ids, mp):
    _rebuild_without_constraints(path, "attori")
    hc.sqlite_exec(
        path,
        "INSERT INTO attori (uuid, nome, tipo_attore, creato_il, modificato_il) "
        "VALUES (?, 'Doppione', 'pubblico', ?, ?)",
        (ids["attore"], hc.NOW, hc.NOW),
    )


def _ref_006(path, ids, mp):
    hc.update(path, "azioni", ids["p1_azione"], lavoro_uuid=ids["p2_lavoro1"])


def _geo_001(path, ids, mp):
    hc.update(path, "lavori", ids["p1_lavoro1"], geom=None)


def _geo_002(path, ids, mp):
    hc.ogr_sql(
        path, "UPDATE lavori SET geom = X'475000010000000001020304' WHERE uuid = '" + ids["p1_lavoro1"] + "'"
    )


def _geo_003(path, ids, mp):
    x, y = _xy(ids)
    connection = sqlite3.connect(str(path))
    srs = connection.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name='lavori'").fetchone()[
        0
    ]
    point = ogr.CreateGeometryFromWkt(f"POINT({x} {y})")
    blob = hc.gpkg_blob(bytes(point.ExportToWkb(ogr.wkbNDR)), srs)
    connection.close()
    _write_blob(path, ids["p1_lavoro1"], blob)


def _write_blob(path, feature_uuid, blob):
    hc.ogr_sql(path, "UPDATE lavori SET geom = X'" + blob.hex() + "' WHERE uuid = '" + feature_uuid + "'")


def _geo_004(path, ids, mp):
    x, y = _xy(ids)
    hc.update(path, "lavori", ids["p1_lavoro1"], geom=hc.bowtie_wkt(x, y))


def _geo_006(path, ids, mp):
    x, y = _xy(ids)
    wkb = bytes(ogr.CreateGeometryFromWkt(hc.square_wkt(x, y)).ExportToWkb(ogr.wkbNDR))
    _write_blob(path, ids["p1_lavoro1"], hc.gpkg_blob(wkb, 4326))


def _geo_007(path, ids, mp):
    hc.update(path, "lavori", ids["p1_lavoro1"], geom=hc.square_wkt(100000.0, 100000.0))


def _geo_008(path, ids, mp):
    x, y = _xy(ids, hc.COMUNE_B)  # drawn in Pero, declared in Rho
    _add_lavoro(path, ids, hc.square_wkt(x, y - 60))


def _geo_009(path, ids, mp):
    x, y = _xy(ids)
    _add_lavoro(path, ids, hc.square_wkt(x + 10, y))


def _geo_010(path, ids, mp):
    x, y = _xy(ids)
    _add_lavoro(path, ids, hc.square_wkt(x - 100, y, 0.5))


def _geo_011(path, ids, mp):
    x, y = _xy(ids)
    _add_lavoro(path, ids, hc.rect_wkt(x - 100, y + 60, 50.0, 0.3))


def _geo_012(path, ids, mp):
    x, y = _xy(ids)
    _add_lavoro(path, ids, hc.square_wkt(x, y), project="p2")


def _measure_of_p1(**values):  # misure rows have no key in ids: the p1 measurement by its project
    def mutate(path, ids, mp):
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        hc.sqlite_exec(
            path,
            f"UPDATE misure SET {assignments} WHERE progetto_uuid = ?",
            tuple(values.values()) + (ids["p1"],),
        )

    return mutate


CASES = {
    "STR-001": (_str_001, "finanziamenti"),
    "STR-002": (_str_002, "progetti"),
    "STR-003": (_str_003, "progetti"),
    "STR-004": (_set_metadata("schema_version", "0"), "remix_metadata"),
    "STR-005": (_set_metadata("scheme_version", "0.9.0"), "remix_metadata"),
    "STR-006": (_str_006, "criticita"),
    "STR-007": (_str_007, "remix_codelist"),
    "SCH-001": (_set("lavori", "p1_lavoro1", intervento_oggetto="demolizione"), "lavori"),
    "SCH-002": (_set("lavori", "p1_lavoro1", oggetto_fisico='["edificio","ambito"]'), "lavori"),
    "SCH-003": (_set("lavori", "p1_lavoro1", servizi_realizzati="servizi"), "lavori"),
    "SCH-004": (_set("lavori", "p1_lavoro1", servizi_realizzati='["servizi"'), "lavori"),
    "SCH-005": (_set("lavori", "p1_lavoro1", servizi_realizzati='["servizi","servizi"]'), "lavori"),
    "SCH-006": (_set("progetti", "p1", titolo=None), "progetti"),
    "SCH-007": (_set("progetti", "p1", descrizione=None), "progetti"),
    "SCH-008": (_sch_008, "lavori"),
    "SCH-009": (_sch_009, "progetti"),
    "SCH-010": (_set("progetti", "p1", titolo="x" * 300), "progetti"),
    "SCH-011": (_set("lavori", "p1_lavoro1", intervento_oggetto=None, servizi_realizzati=None), "lavori"),
    "SCH-012": (_set("progetti", "p1", data_inizio="2025-01-01", data_fine="2024-01-01"), "progetti"),
    "SCH-013": (_set("fasi", "p1_fase2", numero=1), "fasi"),
    "SCH-014": (_set("fasi", "p1_fase2", numero=3), "fasi"),
    "SCH-015": (_set("fasi", "p1_fase2", data_inizio="2019-01-01"), "fasi"),
    "SCH-016": (_sch_016, "progetti"),
    "SCH-017": (_set("criticita", "p1_criticita", progetto_uuid=None), "progetti"),
    "SCH-018": (_set("fasi", "p1_fase1", data_fine="2999-01-01"), "fasi"),
    "SCH-019": (_set("progetti", "p1", descrizione="riga\x07campanello"), "progetti"),
    "SCH-030": (_set("progetti", "p1", cup="F81C2300137000"), "progetti"),
    "SCH-031": (_set("progetti", "p1", cup="FF1C23001370006"), "progetti"),
    "SCH-032": (_measure_of_p1(data_misura="2019-12-31"), "misure"),
    "SCH-033": (_measure_of_p1(data_misura="2999-01-01"), "misure"),
    "SCH-034": (_measure_of_p1(unita_misura="kg"), "misure"),
    "SCH-035": (
        _set("indicatori", "indicatore", data_base="2024-01-01", data_obiettivo="2023-12-31"),
        "indicatori",
    ),
    "REF-001": (_set("azioni", "p1_azione", uuid=""), "azioni"),
    "REF-002": (_set("azioni", "p1_azione", uuid="non-un-uuid"), "azioni"),
    "REF-003": (_ref_003, "attori"),
    "REF-004": (_set("lavori", "p1_lavoro1", progetto_uuid="00000000-0000-4000-8000-000000000000"), "lavori"),
    "REF-005": (_set("lavori", "p1_lavoro1", progetto_uuid=None), "lavori"),
    "REF-006": (_ref_006, "azioni"),
    "GEO-001": (_geo_001, "lavori"),
    "GEO-002": (_geo_002, "lavori"),
    "GEO-003": (_geo_003, "lavori"),
    "GEO-004": (_geo_004, "lavori"),
    "GEO-005": (_set_metadata("crs", "EPSG:7791"), "lavori"),
    "GEO-006": (_geo_006, "lavori"),
    "GEO-007": (_geo_007, "lavori"),
    "GEO-008": (_geo_008, "lavori"),
    "GEO-009": (_geo_009, "lavori"),
    "GEO-010": (_geo_010, "lavori"),
    "GEO-011": (_geo_011, "lavori"),
    "GEO-012": (_geo_012, "lavori"),
    "GEO-013": (_set("lavori", "p1_lavoro1", superficie_mq=99999.0), "lavori"),
}


def test_every_rule_has_a_case():
    assert sorted(CASES) == sorted(catalogue.codes())


def test_clean_dataset_has_no_finding(clean_corpus):
    path, _ = clean_corpus
    for profile in ("strict", "draft"):
        report = validate_geopackage(path, profile=profile)
        assert [(f.code, f.layer, f.field, f.message_en) for f in report.findings] == []
        assert report.counts == {"error": 0, "warning": 0, "suppressed": 0}
        assert report.profile == profile


@pytest.mark.parametrize("code", catalogue.codes())
def test_rule_fires_on_its_case(code, broken, monkeypatch):
    path, ids = broken
    mutate, layer = CASES[code]
    mutate(path, ids, monkeypatch)
    report = validate_geopackage(path, profile="strict")
    hits = [f for f in report.findings if f.code == code]
    assert hits, f"{code} did not fire; findings: {[(f.code, f.layer, f.field) for f in report.findings]}"
    assert {f.layer for f in hits} >= {layer}
    spec = catalogue.rule(code)
    for finding in hits:
        assert finding.severity == spec.severity
        assert finding.message_it and finding.message_en and "{" not in finding.message_en
    if code == "GEO-004":  # the reason and the place where it fails
        assert "Self-intersection" in hits[0].message_en
        x, y = _xy(ids)
        assert abs(hits[0].x - (x + 15)) < 0.01 and abs(hits[0].y - (y + 15)) < 0.01


def test_findings_of_a_feature_carry_its_uuid_and_a_point(broken, monkeypatch):
    path, ids = broken
    hc.update(path, "lavori", ids["p1_lavoro1"], intervento_oggetto="demolizione")
    finding = next(f for f in validate_geopackage(path).findings if f.code == "SCH-001")
    assert finding.feature_uuid == ids["p1_lavoro1"]
    assert finding.field == "intervento_oggetto"
    assert finding.value == "demolizione"
    assert "demolizione" in finding.message_it and "demolizione" in finding.message_en
    x, y = _xy(ids)
    assert abs(finding.x - x) < 15 and abs(finding.y - y) < 15  # point on the lavoro's surface


def test_draft_profile_softens_and_switches_off(broken):
    path, ids = broken
    hc.update(path, "progetti", ids["p1"], descrizione=None)
    hc.update(path, "lavori", ids["p1_lavoro1"], intervento_oggetto=None, servizi_realizzati=None)
    strict = validate_geopackage(path, profile="strict")
    draft = validate_geopackage(path, profile="draft")
    assert any(f.code == "SCH-007" for f in strict.findings)
    assert not any(f.code == "SCH-007" for f in draft.findings)
    assert {f.severity for f in strict.findings if f.code == "SCH-011"} == {"error"}
    assert {f.severity for f in draft.findings if f.code == "SCH-011"} == {"warning"}
    assert draft.profile == "draft" and draft.profile_settings["name"] == "draft"


def test_sliver_threshold_comes_from_the_profile(broken, tmp_path):
    import json

    path, ids = broken
    x, y = _xy(ids)
    _add_lavoro(path, ids, hc.square_wkt(x - 100, y, 2.0))  # 4 m²
    assert not any(f.code == "GEO-010" for f in validate_geopackage(path).findings)
    profile = tmp_path / "big_slivers.json"
    profile.write_text(json.dumps({"name": "big", "base": "strict", "params": {"sliver_area_m2": 5}}))
    report = validate_geopackage(path, profile=str(profile))
    assert report.profile == "big"
    assert [f.code for f in report.findings if f.code == "GEO-010"] == ["GEO-010"]


def test_multi_valued_json_array_passes(broken):
    path, ids = broken
    hc.update(path, "lavori", ids["p1_lavoro1"], servizi_realizzati=format_codes(["servizi", "spazi_verdi"]))
    assert validate_geopackage(path).findings == []


def test_demo_data_is_clean(tmp_path):
    from remix_plugin.demo.build import build_demo_geopackage

    path = tmp_path / "demo.gpkg"
    build_demo_geopackage(path)
    assert validate_geopackage(path, profile="draft").findings == []
    strict = validate_geopackage(path, profile="strict")
    assert strict.counts["error"] == 0
    # the seed gives no finalità for Rho's ex scalo merci: the only strict warning (recommended field)
    assert {(f.code, f.field) for f in strict.findings} <= {("SCH-007", "finalita")}


def test_findings_name_the_project_they_belong_to(broken):
    path, ids = broken
    x, y = _xy(ids)
    hc.update(path, "lavori", ids["p1_lavoro1"], geom=hc.bowtie_wkt(x, y))
    hc.update(path, "fasi", ids["p2_fase2"], numero=3)
    hc.update(path, "azioni", ids["p1_azione"], progetto_uuid="00000000-0000-4000-8000-000000000000")
    report = validate_geopackage(path)
    by_code = {f.code: f for f in report.findings}
    assert by_code["GEO-004"].project_uuid == ids["p1"]
    assert by_code["SCH-014"].project_uuid == ids["p2"]
    assert by_code["REF-004"].feature_uuid == ids["p1_azione"]
    assert report.problem_projects() >= {ids["p1"], ids["p2"]}
