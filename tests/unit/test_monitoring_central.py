"""The KPI report read from the central database (DSN): the same rows as from a GeoPackage
(throw-away PostgreSQL cluster; skipped in the chroot)."""

# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
import argparse
import csv
import json
import uuid

from test_central_support import central_db, empty_db  # noqa: F401

from remix_plugin.monitoring import cli
from remix_plugin.monitoring.kpi import kpi_report
from tests.pg_cluster import host_only

pytestmark = host_only

NOW = "2026-05-04T09:30:00Z"
RHO = "015182"


def key(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "remix-test/monitoring/" + name))


def _insert(db, table, values):
    values = dict(values, creato_il=NOW, modificato_il=NOW, creato_da="test", modificato_da="test")
    columns = ", ".join(f'"{name}"' for name in values)  # names from this test, not from users
    marks = ", ".join("%s" for _ in values)
    db.query(f"INSERT INTO remix.{table} ({columns}) VALUES ({marks})", list(values.values()))  # noqa: S608


def test_database_kpi_report(central_db, tmp_path):
    _insert(
        central_db,
        "progetti",
        {
            "uuid": key("scalo"),
            "titolo": "Scalo",
            "comune_istat": RHO,
            "ambito_opportunita": json.dumps(["infrastrutturale", "economico"]),
            "scala_impatto": "comunale",
            "livello_progettuale": "comunale",
            "stato_progetto": "proposta",
            "data_inizio": "2020-01-01",
        },
    )
    _insert(
        central_db,
        "indicatori",
        {
            "uuid": key("attori"),
            "nome": "Attori coinvolti",
            "unita_misura": "n.",
            "categoria_indicatore": "collaborazione",
            "meglio_se_maggiore": True,
            "valore_base": 0.0,
            "data_base": "2020-01-01",
            "valore_obiettivo": 10.0,
            "data_obiettivo": "2030-01-01",
        },
    )
    for day, value in (("2025-01-01", 6.0), ("2021-01-01", 2.0)):
        _insert(
            central_db,
            "misure",
            {
                "uuid": key("m" + day),
                "progetto_uuid": key("scalo"),
                "indicatore_uuid": key("attori"),
                "data_misura": day,
                "valore": value,
            },
        )
    report = kpi_report(central_db.dsn())
    (row,) = report.rows
    assert (row.titolo, row.comune, row.zona_omogenea) == ("Scalo", "Rho", "nord_ovest")
    assert row.ambiti == ("infrastrutturale", "economico")
    assert [m.value for m in row.series] == [2.0, 6.0]
    assert row.share == 0.6 and row.status == "in_linea"
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command"))
    output = tmp_path / "kpi.csv"
    assert cli.run(parser.parse_args(["kpi-report", central_db.dsn(), str(output)])) == 0
    with open(output, encoding="utf-8", newline="") as stream:
        (written,) = list(csv.DictReader(stream))
    assert (written["quota_raggiunta"], written["stato"], written["data_ultimo_valore"]) == (
        "0.6000",
        "in_linea",
        "2025-01-01",
    )
