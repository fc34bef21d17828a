"""Matching projects with funding: bandi in the model and the scheme, the exact eligibility and
reasons of a demo project against calls written by the test, the ranking, the CSV files and the
CLI (real GeoPackages built by the demo builder, read back with sqlite3 and csv; no mocks)."""

import argparse
import csv
import json
import sqlite3

import pytest

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.funding import cli
from remix_plugin.funding.match import CRITERIA, match_source
from remix_plugin.funding.output import CALL_COLUMNS, MATCH_COLUMNS, calls_path
from remix_plugin.layers.model import load_model
from remix_plugin.taxonomy import load_scheme

# Skipped only where the data model has no bandi table (a checkout before the integration).
INTEGRATED = load_model().has_table("bandi")
pytestmark = pytest.mark.skipif(not INTEGRATED, reason="the bandi table is not in the data model yet")

RHO = "4c011878-fe9c-5190-ab5a-56956cd82409"  # "Ex scalo merci. Area ATTRACT", Rho (Nord Ovest)
GOGNA = "3650cde8-b03f-5680-bce1-3e7e7e6352f7"  # "Cascina Gogna", Adda Martesana


def add_call(path, uuid, **values):
    """A bandi row written with sqlite3, multi codes as JSON arrays."""
    row = {
        "uuid": uuid,
        "titolo": uuid,
        "programma_bando": "regionale",
        "data_apertura": "2026-01-01",
        "data_chiusura": "2026-12-31",
        "beneficiario": ["comune"],
        "creato_il": "2026-01-01T00:00:00Z",
        "modificato_il": "2026-01-01T00:00:00Z",
    }
    row.update(values)
    row = {k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()}
    with sqlite3.connect(path) as connection:
        connection.execute(
            f"INSERT INTO bandi ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )


def add_funding(path, progetto, importo, stato, titolo="Fondi propri"):
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO finanziamenti (uuid, progetto_uuid, titolo, importo, stato_finanziamento, "
            "tipo_finanziamento, creato_il, modificato_il) "
            "VALUES (?, ?, ?, ?, ?, 'risorse_comunali', 'x', 'x')",
            (f"f-{progetto[:8]}-{stato}-{importo}", progetto, titolo, importo, stato),
        )


@pytest.fixture()
def demo(tmp_path):
    path = tmp_path / "demo.gpkg"
    build_demo_geopackage(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE progetti SET costo_stimato = 2000000 WHERE uuid = ?", (RHO,))
    add_funding(path, RHO, 500000, "assegnato")
    add_funding(path, RHO, 300000, "candidato")  # not secured: does not count
    return path


def test_bandi_table_and_its_dimensions():
    model, scheme = load_model(), load_scheme()
    bandi = model.table("bandi")
    names = bandi.field_names
    for name in (
        "titolo",
        "ente",
        "programma_bando",
        "data_apertura",
        "data_chiusura",
        "dotazione",
        "importo_min",
        "importo_max",
        "cofinanziamento_min_pct",
        "beneficiario",
        "ambito_opportunita",
        "finalita",
        "interventi_finanziati",
        "azioni_finanziate",
        "livelli_ammessi",
        "zone_ammesse",
    ):
        assert name in names, name
    assert bandi.field("beneficiario").multi and bandi.field("zone_ammesse").multi
    assert not bandi.field("programma_bando").multi
    # multi fields over single dimensions take their terms (and labels) from them
    assert scheme.dimension("zone_ammesse").codes() == scheme.dimension("zona_omogenea").codes()
    assert scheme.dimension("livelli_ammessi").label_of("sovracomunale", "en") == scheme.dimension(
        "livello_progettuale"
    ).label_of("sovracomunale", "en")
    assert scheme.dimension("interventi_finanziati").codes() == scheme.dimension("intervento_oggetto").codes()
    assert "pnrr" in scheme.dimension("programma_bando").codes()
    assert {"comune", "privato", "terzo_settore", "partenariato"} <= set(
        scheme.dimension("beneficiario").codes()
    )
    assert model.table("finanziamenti").field("bando_uuid").references == "bandi.uuid"
    assert any(r.parent == "bandi" and r.child == "finanziamenti" for r in model.relations)
    assert model.data_table_names.index("bandi") < model.data_table_names.index("finanziamenti")
    assert scheme.version == "1.1.0"


def test_exact_eligibility_and_reasons_of_a_demo_project(demo):
    add_call(
        demo,
        "b-rho",
        titolo="Rigenerazione Nord Ovest",
        beneficiario=["comune", "privato"],
        zone_ammesse=["nord_ovest"],
        ambito_opportunita=["infrastrutturale", "sociale"],
        interventi_finanziati=["riorganizzazione"],
        livelli_ammessi=["comunale", "sovracomunale"],
        importo_min=500000,
        importo_max=3000000,
        cofinanziamento_min_pct=20,
    )
    result = match_source(str(demo), "2026-06-01")
    match = next(m for m in result.of_project(RHO) if m.bando_uuid == "b-rho")
    assert match.eligible and match.met == len(CRITERIA) == 8
    reasons = {c.criterion: (c.met, c.reason_it, c.reason_en) for c in match.checks}
    assert reasons == {
        # the private actors of Rho are still "da attrarre": not proponents, so not "privato"
        "beneficiario": (True, "proponente ammesso: Comune", "eligible applicant: Municipality"),
        "zona": (True, "zona Nord Ovest ammessa", "zone Nord Ovest admitted"),
        "ambiti": (True, "in comune: Infrastrutturale", "shared: Infrastructure"),
        "finalita": (True, "nessun vincolo", "no constraint"),
        "intervento": (True, "finanziato: Riorganizzazione", "funded: Reorganisation"),
        "livello": (True, "livello Comunale ammesso", "level Municipal admitted"),
        "importo": (
            True,
            "costo € 2.000.000 entro € 500.000 – € 3.000.000",
            "cost € 2.000.000 within € 500.000 – € 3.000.000",
        ),
        "cofinanziamento": (True, "assicurato 25 % (€ 500.000) ≥ 20 %", "secured 25 % (€ 500.000) ≥ 20 %"),
    }
    # Cascina Gogna: wrong zone, no shared ambito, no cost, no co-funding
    gogna = next(m for m in result.of_project(GOGNA) if m.bando_uuid == "b-rho")
    assert not gogna.eligible
    failed = {c.criterion: c.reason_en for c in gogna.checks if not c.met}
    assert failed == {
        "zona": "zone Adda Martesana not admitted (admitted: Nord Ovest)",
        "importo": "estimated cost missing (limits € 500.000 – € 3.000.000)",
        "cofinanziamento": "estimated cost missing: 20 % required",
    }
    assert gogna.check("ambiti").met  # Cascina Gogna's ambiti include infrastrutturale


def test_cofunding_counts_only_secured_funding_and_amount_bounds(demo):
    add_call(demo, "b-40", cofinanziamento_min_pct=40, importo_max=1000000)
    match = next(m for m in match_source(str(demo), "2026-06-01").of_project(RHO))
    assert not match.check("cofinanziamento").met
    assert match.check("cofinanziamento").reason_it == "assicurato 25 % (€ 500.000) < 40 %"
    assert match.check("importo").reason_en == "cost € 2.000.000 above the maximum € 1.000.000"


def test_beneficiary_kinds_from_the_actors(demo):
    # ARU ex ICOMA has four partner actors (private, association, public): a partnership
    aru = "ff7e1c1c-8e35-5e1f-8e5b-a363e92b3dd4"
    add_call(demo, "b-ts", beneficiario=["terzo_settore"])
    add_call(demo, "b-pp", beneficiario=["partenariato"])
    result = match_source(str(demo), "2026-06-01")
    ok = {m.bando_uuid: m.check("beneficiario").met for m in result.of_project(aru)}
    assert ok == {"b-ts": True, "b-pp": True}
    castano = "51886fd4-e04e-58b2-8ae3-703f74eb4792"  # no actors: the comune alone
    check = next(m for m in result.of_project(castano) if m.bando_uuid == "b-ts").check("beneficiario")
    assert not check.met
    assert check.reason_it == "proponente Comune non ammesso (ammessi: Terzo settore)"


def test_ranking_open_calls_and_date(demo):
    # Same criteria met for both: the sooner closing date first; a closed and a future call are left out.
    add_call(demo, "b-late", titolo="A late call", data_chiusura="2026-11-30")
    add_call(demo, "b-soon", titolo="Z soon call", data_chiusura="2026-07-15")
    add_call(demo, "b-zone", titolo="B zone", data_chiusura="2026-06-30", zone_ammesse=["sud_est"])
    add_call(demo, "b-closed", data_apertura="2025-01-01", data_chiusura="2026-05-31")
    add_call(demo, "b-future", data_apertura="2026-06-02")
    result = match_source(str(demo), "2026-06-01")
    assert [c.uuid for c in result.calls] == ["b-zone", "b-soon", "b-late"]
    assert [m.bando_uuid for m in result.of_project(RHO)] == ["b-soon", "b-late", "b-zone"]
    assert [m.rank for m in result.of_project(RHO)] == [1, 2, 3]
    assert {c.uuid for c in match_source(str(demo), "2026-05-31").calls} == {
        "b-closed",
        "b-zone",
        "b-soon",
        "b-late",
    }
    # per call: most criteria met first, then title
    titles = [result.projects[m.progetto_uuid].titolo for m in result.of_call("b-soon")]
    assert titles == sorted(titles)  # every demo project meets the same criteria of this open call
    again = match_source(str(demo), "2026-06-01")
    assert [(m.progetto_uuid, m.bando_uuid, m.rank, m.call_rank) for m in again.matches] == [
        (m.progetto_uuid, m.bando_uuid, m.rank, m.call_rank) for m in result.matches
    ]


def _run(argv):
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="remix_command", required=True))
    return cli.run(parser.parse_args(argv))


def test_match_funding_cli_writes_both_csv_files(demo, tmp_path, capsys):
    add_call(
        demo,
        "b-rho",
        titolo="Rigenerazione Nord Ovest",
        zone_ammesse=["nord_ovest"],
        importo_max=3000000,
        cofinanziamento_min_pct=20,
    )
    output = tmp_path / "out" / "match.csv"
    output.parent.mkdir()
    assert _run(["match-funding", str(demo), str(output), "--date", "2026-06-01", "--lang", "en"]) == 0
    with open(output, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == MATCH_COLUMNS
    assert len(rows) == 6  # six demo projects × one open call
    rho = next(r for r in rows if r["progetto_uuid"] == RHO)
    assert (rho["idoneo"], rho["rango"], rho["criteri_soddisfatti"], rho["zona"]) == ("yes", "1", "8", "yes")
    assert rho["cofinanziamento_motivo"] == "secured 25 % (€ 500.000) ≥ 20 %"
    eligible = {r["progetto_titolo"] for r in rows if r["idoneo"] == "yes"}
    assert eligible == {"Ex scalo merci. Area ATTRACT"}
    with open(calls_path(output), encoding="utf-8", newline="") as handle:
        calls = list(csv.DictReader(handle))
    assert list(calls[0]) == CALL_COLUMNS
    assert (calls[0]["bando_uuid"], calls[0]["progetti_idonei"], calls[0]["idonei_uuid"]) == (
        "b-rho",
        "1",
        RHO,
    )
    assert "Ex scalo merci. Area ATTRACT: Rigenerazione Nord Ovest" in capsys.readouterr().out
    assert sorted(p.name for p in output.parent.iterdir()) == ["match.csv", "match_bandi.csv"]  # no temp left


def test_match_funding_cli_exit_codes(demo, tmp_path, capsys):
    assert _run(["match-funding", str(tmp_path / "missing.gpkg"), str(tmp_path / "m.csv")]) == 2
    assert _run(["match-funding", str(demo), str(tmp_path / "m.csv"), "--date", "2026-13-01"]) == 2
    assert _run(["match-funding", str(demo), str(tmp_path / "no" / "m.csv")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 3
    assert not (tmp_path / "m.csv").exists()


def test_demo_adds_two_illustrative_calls_and_the_matches(tmp_path):
    from remix_plugin.demo.funding import DEMO_DATE, add_to_demo

    out = tmp_path / "out"
    out.mkdir()
    path = out / "remix_demo.gpkg"
    build_demo_geopackage(path)
    for _ in range(2):  # running it again replaces the calls
        lines = add_to_demo(path, out)
    with sqlite3.connect(path) as connection:
        calls = connection.execute("SELECT titolo, note FROM bandi ORDER BY titolo").fetchall()
    assert len(calls) == 2 and all("ILLUSTRATIVO" in t and "ILLUSTRATIVO" in n for t, n in calls)
    assert lines[0].startswith("- **Bandi e finanziamenti**: 2 bandi ILLUSTRATIVI")
    assert f"abbinamenti al {DEMO_DATE}: 3 idonei su 12" in lines[0] and "FAILED" not in lines[0]
    with open(out / "abbinamenti_finanziamenti.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    eligible = sorted(r["progetto_titolo"] for r in rows if r["idoneo"] == "sì")
    assert eligible == [
        "ARU ex ICOMA",
        "Casa dei Castanesi",
        "Recupero ex edificio scolastico in piazza Marconi",
    ]
    regional = [r for r in rows if r["programma_bando"] == "regionale"]
    assert {r["importo_motivo"] for r in regional} == {
        "costo stimato mancante (limiti € 200.000 – € 3.000.000)"
    }
    assert (out / "abbinamenti_finanziamenti_bandi.csv").is_file()
