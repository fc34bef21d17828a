"""The seed's catalogue as demo data: faithful to the seed, valid in the scheme, inside the comuni.

Pure Python + GDAL (no QGIS). The seed strings below are copied from the seed text
(seed/000_cb6033804f44f4dc.txt, "ESEMPI DI PROGETTI: UN CATALOGO ETEROGENEO").
"""

import json
import subprocess
from pathlib import Path

import pytest
from osgeo import ogr

from remix_plugin.codes import parse_codes
from remix_plugin.demo import catalogue
from remix_plugin.demo.build import build_demo_geopackage, build_generated_geopackage, place_perimeter
from remix_plugin.layers.model import load_model
from remix_plugin.taxonomy import load_scheme

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

SEED_CARDS = {  # card heading -> (Localizzazione, Ambito d'azione prevalente), as in the seed
    "AMPLIAMENTO ASILO DI LARGO BERNASCONI – POGLIANO MILANESE": (
        "Urbana", "Valorizzazione patrimonio immobiliare esistente/Efficientamento energetico"),
    "CASA DEI CASTANESI – CASTANO PRIMO": ("Urbana", "Valorizzazione patrimonio immobiliare esistente"),
    "RECUPERO EX EDIFICIO SCOLASTICO IN PIAZZA MARCONI – PERO": (
        "Urbana", "Recupero edilizio per spazi multifunzionali – Promozione sociale"),
    "ARU Ex ICOMA – CORNAREDO": ("Periferica", "Recupero ambito industriale e progetto sociale"),
    "EX SCALO MERCI. AREA ATTRACT - RHO": ("Urbana", "Recupero ambito ferroviario"),
    "CASCINA GOGNA - BUSSERO": (
        "Frangia urbana", "Recupero di una cascina per funzioni residenziali, miglioramento delle "
        "connessioni alle reti del trasporto pubblico e della mobilità lenta"),
}
COMUNI = {"Pogliano Milanese", "Castano Primo", "Pero", "Cornaredo", "Rho", "Bussero"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build_demo_geopackage(tmp_path_factory.mktemp("demo") / "remix_demo.gpkg")


def _rows(path, table):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName(table)
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    rows = []
    for feature in layer:
        row = {n: feature.GetField(n) for n in names}
        geometry = feature.GetGeometryRef()
        row["_geom"] = geometry.Clone() if geometry is not None else None
        rows.append(row)
    return rows


# -- the catalogue as data -------------------------------------------------------------------------
def test_six_cards_with_the_seeds_headings_localizzazione_and_ambito():
    assert len(catalogue.PROGETTI) == 6
    by_heading = {p["card_title"]: p for p in catalogue.PROGETTI}
    assert set(by_heading) == set(SEED_CARDS)
    for heading, (localizzazione, ambito) in SEED_CARDS.items():
        project = by_heading[heading]
        assert heading.upper().startswith(project["titolo"].upper())
        assert heading.upper().endswith(project["comune"].upper())
        assert project["localizzazione_seed"] == localizzazione
        assert project["ambito_azione_prevalente"] == ambito
        scheme_label = load_scheme().dimension("localizzazione").label_of(project["localizzazione"], "it")
        assert scheme_label == localizzazione


def test_istat_codes_match_the_shipped_boundaries():
    collection = json.loads((ROOT / "remix_plugin/data/comuni_cmm_istat.geojson").read_text("utf-8"))
    codes = {f["properties"]["name"]: f["properties"]["com_istat_code"] for f in collection["features"]}
    assert {p["comune"] for p in catalogue.PROGETTI} == COMUNI
    for project in catalogue.PROGETTI:
        assert codes[project["comune"]] == project["istat"], project["comune"]


def test_place_perimeter_stays_inside_a_small_comune():
    square = ogr.CreateGeometryFromWkt("MULTIPOLYGON (((0 0, 300 0, 300 300, 0 300, 0 0)))")
    polygon = place_perimeter(square, (500.0, 100.0), angle=30.0)
    assert polygon.Within(square)
    assert polygon.GetArea() > 1000


# -- the built GeoPackage ----------------------------------------------------------------------------
def test_demo_passes_gdal_geopackage_validator(demo):
    run = subprocess.run(["/usr/bin/python3", VALIDATOR, "-k", "--extra", str(demo)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "" and run.stderr.strip() == ""


def test_demo_projects_titles_comuni_and_provenance(demo):
    comuni = {r["istat"]: r["nome"] for r in _rows(demo, "comuni")}
    progetti = _rows(demo, "progetti")
    assert len(progetti) == 6
    assert {p["titolo"] for p in progetti} == {p["titolo"] for p in catalogue.PROGETTI}
    assert {comuni[p["comune_istat"]] for p in progetti} == COMUNI
    assert {p["provenienza"] for p in progetti} == {"ricognizione_remix"}
    by_title = {p["titolo"]: p for p in progetti}
    for card in catalogue.PROGETTI:
        assert by_title[card["titolo"]]["ambito_azione_prevalente"] == card["ambito_azione_prevalente"]
        assert by_title[card["titolo"]]["localizzazione"] == card["localizzazione"]


def test_every_lavoro_lies_inside_its_comune_and_is_flagged_illustrative(demo):
    comuni = {r["istat"]: r["_geom"] for r in _rows(demo, "comuni")}
    progetti = {r["uuid"]: r for r in _rows(demo, "progetti")}
    lavori = _rows(demo, "lavori")
    assert len(lavori) == 8
    for lavoro in lavori:
        project = progetti[lavoro["progetto_uuid"]]
        assert lavoro["comune_istat"] == project["comune_istat"]
        assert lavoro["_geom"].Within(comuni[lavoro["comune_istat"]]), lavoro["titolo"]
        assert lavoro["perimetro_illustrativo"] == 1
        assert "illustrativo" in lavoro["descrizione"]
        assert 1000 < lavoro["superficie_mq"] < 100000
        assert abs(lavoro["superficie_mq"] - lavoro["_geom"].GetArea()) < 1
    criticita = [r for r in _rows(demo, "criticita") if r["_geom"] is not None]
    for row in criticita:
        assert row["_geom"].Within(comuni[row["comune_istat"]])


def test_castano_primo_has_three_phases_in_order(demo):
    project = next(p for p in _rows(demo, "progetti") if p["titolo"] == "Casa dei Castanesi")
    fasi = sorted((f for f in _rows(demo, "fasi") if f["progetto_uuid"] == project["uuid"]),
                  key=lambda f: f["numero"])
    assert [f["numero"] for f in fasi] == [1, 2, 3]
    assert [f["titolo"] for f in fasi] == ["FASE I", "FASE II", "FASE III"]
    assert [f["stato_fase"] for f in fasi] == ["in_corso", "prevista", "prevista"]
    assert "manutenzione ordinaria" in fasi[0]["descrizione"]
    assert "riqualificazione energetica" in fasi[1]["descrizione"]
    assert "riqualificazione edilizia" in fasi[2]["descrizione"]
    assert project["stato_progetto"] == "in_corso"


def _actors_of(demo, title):
    project = next(p for p in _rows(demo, "progetti") if p["titolo"] == title)
    attori = {a["uuid"]: a for a in _rows(demo, "attori")}
    return {attori[link["attore_uuid"]]["nome"]: (attori[link["attore_uuid"]]["tipo_attore"],
                                                  link["ruolo_attore"])
            for link in _rows(demo, "progetto_attori") if link["progetto_uuid"] == project["uuid"]}


def test_cornaredo_has_its_four_actors_and_rho_has_rfi(demo):
    assert _actors_of(demo, "ARU ex ICOMA") == {
        "Fondazione Cariplo": ("privati", "partner"),
        "Coldiretti": ("associazioni", "partner"),
        "Istituto Alberghiero Olmo": ("pubblico", "partner"),
        "K-City": ("privati", "partner"),
    }
    rho = _actors_of(demo, "Ex scalo merci. Area ATTRACT")
    assert rho["RFI"][0] == "pubblico"
    assert rho["Comune di Rho"] == ("pubblico", "promotore")
    assert rho["Attori privati da attrarre"] == ("privati", "da_attrarre")


def test_azioni_criticita_and_measurements_come_from_the_seed(demo):
    azioni = {a["titolo"] for a in _rows(demo, "azioni")}
    assert "Insediamento di attività associative e funzioni culturali" in azioni
    assert "Cohousing sociale e spazi multifunzionali per servizi culturali" in azioni
    assert "Start-up e imprese agro-alimentari" in azioni
    criticita = {c["titolo"] for c in _rows(demo, "criticita")}
    assert "Ambito industriale dismesso (ex ICOMA)" in criticita
    assert "Ex scuola primaria Marconi dismessa" in criticita
    assert "Area sottoutilizzata dell'ex scalo merci" in criticita
    misure = _rows(demo, "misure")
    assert sorted(m["valore"] for m in misure) == [0.0, 2.0, 4.0]
    programmi = _rows(demo, "programmi")
    assert [p["tipo_rete"] for p in programmi] == ["tematica"]
    members = [p["titolo"] for p in _rows(demo, "progetti") if p["programma_uuid"] == programmi[0]["uuid"]]
    assert sorted(members) == ["Casa dei Castanesi", "Recupero ex edificio scolastico in piazza Marconi"]


def test_every_coded_value_is_a_valid_scheme_term(demo):
    model, scheme = load_model(), load_scheme()
    checked = 0
    for table in model.tables:
        rows = _rows(demo, table.name)
        for coded in table.coded_fields:
            dimension = scheme.dimension(coded.dimension)
            for row in rows:
                value = row.get(coded.name)
                if value is None:
                    assert coded.requirement != "required", (table.name, coded.name)
                    continue
                codes = parse_codes(value).codes if coded.multi else [value]
                for code in codes:
                    assert dimension.is_valid_code(code), (table.name, coded.name, code)
                    assert not dimension.is_deprecated(code)
                    checked += 1
    assert checked > 80


def test_demo_has_zero_validation_errors(demo):
    engine = pytest.importorskip("remix_plugin.validation.engine")
    report = engine.validate_geopackage(demo, profile="strict")
    assert report.counts["error"] == 0, [(f.code, f.message_en) for f in report.findings]
    # the one warning left: Rho's card states no finalità of l.r. 18/2019, so none is invented
    warnings = {(f.code, f.field) for f in report.findings if f.severity == "warning"}
    assert warnings <= {("SCH-007", "finalita")}


def test_build_is_atomic_and_deterministic(tmp_path):
    first = build_demo_geopackage(tmp_path / "a.gpkg")
    second = build_demo_geopackage(tmp_path / "b")
    assert second.suffix == ".gpkg"
    assert [r["uuid"] for r in _rows(first, "progetti")] == [r["uuid"] for r in _rows(second, "progetti")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg", "b.gpkg"]  # no temporary leftovers


def test_generated_file_spreads_projects_over_comuni(tmp_path):
    path = build_generated_geopackage(tmp_path / "big.gpkg", 20)
    progetti = _rows(path, "progetti")
    assert len(progetti) == 20
    assert len({p["comune_istat"] for p in progetti}) == 20
    comuni = {r["istat"]: r["_geom"] for r in _rows(path, "comuni")}
    for lavoro in _rows(path, "lavori"):
        assert lavoro["_geom"].Within(comuni[lavoro["comune_istat"]])
