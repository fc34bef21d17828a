"""The funding match read from the central database (DSN): the same eligibility and reasons as
from a GeoPackage (throw-away PostgreSQL cluster; skipped in the chroot)."""

# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
import json
import uuid

import pytest
from test_central_support import central_db, empty_db  # noqa: F401

from remix_plugin.funding.match import match_source
from remix_plugin.layers.model import load_model
from tests.pg_cluster import host_only

pytestmark = [host_only, pytest.mark.skipif(not load_model().has_table("bandi"), reason="no bandi table yet")]

NOW = "2026-05-04T09:30:00Z"
RHO, GOGNA_COMUNE = "015182", "015040"


def key(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "remix-test/funding/" + name))


def _insert(db, table, values):
    values = dict(values, creato_il=NOW, modificato_il=NOW, creato_da="test", modificato_da="test")
    columns = ", ".join(f'"{name}"' for name in values)  # names from this test, not from users
    marks = ", ".join("%s" for _ in values)
    db.query(f"INSERT INTO remix.{table} ({columns}) VALUES ({marks})", list(values.values()))  # noqa: S608


def test_database_match_gives_the_reasons(central_db):
    for name, comune, ambiti, cost in (
        ("scalo", RHO, ["infrastrutturale"], 2000000.0),
        ("cascina", GOGNA_COMUNE, ["paesistico"], None),
    ):
        _insert(
            central_db,
            "progetti",
            {
                "uuid": key(name),
                "titolo": name,
                "comune_istat": comune,
                "ambito_opportunita": json.dumps(ambiti),
                "scala_impatto": "comunale",
                "livello_progettuale": "comunale",
                "stato_progetto": "proposta",
                "costo_stimato": cost,
            },
        )
    _insert(
        central_db,
        "finanziamenti",
        {
            "uuid": key("f1"),
            "progetto_uuid": key("scalo"),
            "titolo": "Fondi comunali",
            "importo": 500000.0,
            "stato_finanziamento": "assegnato",
            "tipo_finanziamento": "risorse_comunali",
        },
    )
    _insert(
        central_db,
        "bandi",
        {
            "uuid": key("b1"),
            "titolo": "Nord Ovest",
            "programma_bando": "regionale",
            "data_apertura": "2026-01-01",
            "data_chiusura": "2026-12-31",
            "beneficiario": json.dumps(["comune"]),
            "zone_ammesse": json.dumps(["nord_ovest"]),
            "ambito_opportunita": json.dumps(["infrastrutturale"]),
            "importo_max": 3000000.0,
            "cofinanziamento_min_pct": 20.0,
        },
    )
    result = match_source(central_db.dsn(), "2026-06-01")
    assert [c.uuid for c in result.calls] == [key("b1")]
    scalo = result.of_project(key("scalo"))[0]
    assert scalo.eligible
    assert scalo.check("cofinanziamento").reason_it == "assicurato 25 % (€ 500.000) ≥ 20 %"
    cascina = result.of_project(key("cascina"))[0]
    assert {c.criterion for c in cascina.checks if not c.met} == {
        "zona",
        "ambiti",
        "importo",
        "cofinanziamento",
    }
    assert cascina.check("zona").reason_en == "zone Adda Martesana not admitted (admitted: Nord Ovest)"
    assert not match_source(central_db.dsn(), "2027-01-01").calls
