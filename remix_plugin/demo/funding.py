"""The demo's calls for funding and their matches (``make demo``; no QGIS).

``add_to_demo(gpkg_path, out_dir)`` writes two ILLUSTRATIVE calls into the demo GeoPackage's
``bandi`` table (the seed names no real call: titles, amounts and dates are invented and say so in
``note``), matches the six catalogue projects against the calls open on ``DEMO_DATE`` (fixed, so
the demo's output does not change with the day it is built) and writes
``out_dir/abbinamenti_finanziamenti.csv`` and ``out_dir/abbinamenti_finanziamenti_bandi.csv``.
Returns the lines for ``out/SUMMARY.md``. Running it again replaces the two calls.

The seed's cards give no costs, so the regional call (amount bounds, co-funding) shows the reasons
a project fails ("costo stimato mancante"), and the foundation call (no amount constraints)
shows eligible projects.
"""

import json
import sqlite3
import uuid
from pathlib import Path

from .. import sql

DEMO_DATE = "2026-09-15"
NAMESPACE = uuid.UUID("5d6c1b0e-16f0-4a54-9a55-66756e64696e")  # uuid5 namespace of the demo calls
ILLUSTRATIVE = "Bando ILLUSTRATIVO per la demo: titolo, importi e date sono inventati."
CALLS = (
    {
        "key": "regionale-rigenerazione",
        "titolo": "ILLUSTRATIVO — Bando regionale per la rigenerazione urbana 2026",
        "ente": "Regione Lombardia (illustrativo)",
        "programma_bando": "regionale",
        "data_apertura": "2026-03-01",
        "data_chiusura": "2026-11-30",
        "dotazione": 20000000.0,
        "importo_min": 200000.0,
        "importo_max": 3000000.0,
        "cofinanziamento_min_pct": 20.0,
        "beneficiario": ["comune", "comuni_associati"],
        "ambito_opportunita": ["urbanistico", "ambientale", "sociale"],
        "finalita": ["suolo_funzioni_ecosistemiche", "sostenibilita_resilienza"],
        "interventi_finanziati": ["riuso", "riqualificazione"],
        "livelli_ammessi": ["comunale", "sovracomunale"],
    },
    {
        "key": "fondazione-comunita",
        "titolo": "ILLUSTRATIVO — Fondazione: spazi di comunità",
        "ente": "Fondazione (illustrativo)",
        "programma_bando": "fondazione",
        "data_apertura": "2026-06-01",
        "data_chiusura": "2026-10-15",
        "dotazione": 3000000.0,
        "beneficiario": ["comune", "terzo_settore", "partenariato"],
        "ambito_opportunita": ["sociale", "culturale"],
        "interventi_finanziati": ["riuso"],
        "azioni_finanziate": ["sociale", "culturale"],
    },
)
OUTPUT = "abbinamenti_finanziamenti.csv"


def call_uuid(key):
    return str(uuid.uuid5(NAMESPACE, key))


def write_calls(gpkg_path):
    """The two illustrative calls, replaced if already there; returns their uuids."""
    now = "2026-05-04T09:30:00Z"
    keys = []
    connection = sqlite3.connect(str(gpkg_path))
    try:
        with connection:
            for call in CALLS:
                row = {
                    k: (json.dumps(v) if isinstance(v, list) else v) for k, v in call.items() if k != "key"
                }
                row.update(
                    uuid=call_uuid(call["key"]),
                    note=ILLUSTRATIVE,
                    creato_il=now,
                    modificato_il=now,
                    creato_da="demo",
                    modificato_da="demo",
                )
                connection.execute("DELETE FROM bandi WHERE uuid = ?", (row["uuid"],))
                connection.execute(sql.insert("bandi", list(row)), tuple(row.values()))
                keys.append(row["uuid"])
    finally:
        connection.close()
    return keys


def add_to_demo(gpkg_path, out_dir):
    from ..funding.match import match_source
    from ..funding.output import write_match

    out_dir = Path(out_dir)
    write_calls(gpkg_path)
    result = match_source(str(gpkg_path), DEMO_DATE)
    first, second = write_match(result, out_dir / OUTPUT)
    eligible = [m for m in result.matches if m.eligible]
    lines = [
        f"- **Bandi e finanziamenti**: {len(CALLS)} bandi ILLUSTRATIVI aggiunti a {Path(gpkg_path).name}; "
        f"abbinamenti al {DEMO_DATE}: {len(eligible)} idonei su {len(result.matches)} "
        f"({len(result.projects)} progetti × {len(result.calls)} bandi aperti) → "
        f"{_relative(first, out_dir)}, {_relative(second, out_dir)}"
        + ("" if result.calls else " — **FAILED**")
    ]
    for call in result.calls:
        names = [result.projects[m.progetto_uuid].titolo for m in result.of_call(call.uuid) if m.eligible]
        lines.append(
            f"  - {call.titolo}: {len(names)} progetti idonei" + (f" ({'; '.join(names)})" if names else "")
        )
    return lines


def _relative(path, out_dir):
    return f"out/{Path(path).relative_to(out_dir)}" if out_dir.name == "out" else str(path)
