"""The demo's indicator monitoring (``make demo``; no QGIS).

``add_to_demo(gpkg_path, out_dir)`` gives the demo GeoPackage's indicators a baseline and a
target, adds two indicators and measurement series for the six catalogue projects, then writes
the KPI report ``out_dir/kpi_report.csv`` and ``out_dir/kpi_report_overview.csv``. The seed
gives only one figure per project (the measurements dated 2020-05-04); every other value, date,
baseline and target is ILLUSTRATIVE and says so in ``misure.fonte`` / ``indicatori.descrizione``.
Running it again replaces what it added (fixed uuid5 keys). Returns the lines for out/SUMMARY.md.
"""

import sqlite3
import uuid
from pathlib import Path

NAMESPACE = uuid.UUID("0b7f3c52-6a43-4c1e-9f0e-6d6f6e69746f")  # uuid5 namespace of the demo KPIs
ILLUSTRATIVE = "illustrativo (demo RE.MIX: valore inventato)"
SEED_SOURCE = "Seed RE.MIX (schede progetto, 4/05/2020)"
NOW = "2026-05-04T09:30:00Z"  # fixed, so the demo does not change with the day it is built
AUDIT = {"creato_il": NOW, "modificato_il": NOW, "creato_da": "remix-demo", "modificato_da": "remix-demo"}

# targets of the seed's two indicators (by name): baseline, its date, target, its date
TARGETS = {
    "Attori coinvolti": (0.0, "2020-05-04", 6.0, "2026-12-31"),
    "Fasi concluse": (0.0, "2020-05-04", 3.0, "2027-12-31"),
}
NEW_INDICATORS = (
    {
        "key": "suolo-impermeabile",
        "nome": "Suolo impermeabilizzato",
        "unita_misura": "%",
        "categoria_indicatore": "impatti",
        "descrizione": "Quota impermeabilizzata della superficie del lavoro (ILLUSTRATIVO).",
        "meglio_se_maggiore": 0,
        "valore_base": 85.0,
        "data_base": "2021-01-01",
        "valore_obiettivo": 40.0,
        "data_obiettivo": "2028-12-31",
    },
    {
        "key": "posti-nido",
        "nome": "Posti nido disponibili",
        "unita_misura": "posti",
        "categoria_indicatore": "impatti",
        "descrizione": "Posti disponibili nell'asilo (ILLUSTRATIVO: senza valore di partenza).",
        "meglio_se_maggiore": 1,
        "valore_base": None,
        "data_base": None,
        "valore_obiettivo": 60.0,
        "data_obiettivo": "2026-09-01",
    },
    {
        "key": "visitatori",
        "nome": "Visitatori degli spazi aperti al pubblico",
        "unita_misura": "persone/anno",
        "categoria_indicatore": "impatti",
        "descrizione": "Persone che usano gli spazi in un anno (ILLUSTRATIVO: senza obiettivo).",
        "meglio_se_maggiore": 1,
        "valore_base": None,
        "data_base": None,
        "valore_obiettivo": None,
        "data_obiettivo": None,
    },
)
# (project title, indicator name, date, value); the seed's own 2020-05-04 values stay as they are
SERIES = (
    ("ARU ex ICOMA", "Attori coinvolti", "2023-06-30", 5.0),
    ("ARU ex ICOMA", "Attori coinvolti", "2025-06-30", 6.0),
    ("Ex scalo merci. Area ATTRACT", "Attori coinvolti", "2022-06-30", 2.0),
    ("Ex scalo merci. Area ATTRACT", "Attori coinvolti", "2024-06-30", 3.0),
    ("Casa dei Castanesi", "Fasi concluse", "2022-09-30", 1.0),
    ("Recupero ex edificio scolastico in piazza Marconi", "Suolo impermeabilizzato", "2021-01-01", 85.0),
    ("Recupero ex edificio scolastico in piazza Marconi", "Suolo impermeabilizzato", "2023-06-30", 70.0),
    ("Recupero ex edificio scolastico in piazza Marconi", "Suolo impermeabilizzato", "2025-06-30", 58.0),
    ("Ampliamento asilo di Largo Bernasconi", "Posti nido disponibili", "2024-09-01", 42.0),
    ("Cascina Gogna", "Visitatori degli spazi aperti al pubblico", "2024-12-31", 1200.0),
    ("Cascina Gogna", "Visitatori degli spazi aperti al pubblico", "2025-12-31", 1850.0),
)


def _key(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _insert(table, values):
    from .. import sql

    return sql.insert(table, list(values))


def add_monitoring(gpkg_path):
    """Write the illustrative indicators, targets and series into ``gpkg_path``; returns the
    number of measurements added. Non-spatial tables only, so plain sqlite3 is safe."""
    connection = sqlite3.connect(str(gpkg_path))
    try:
        with connection:
            projects = dict(connection.execute("SELECT titolo, uuid FROM progetti"))
            for name, (base, base_date, target, target_date) in TARGETS.items():
                connection.execute(
                    "UPDATE indicatori SET valore_base = ?, data_base = ?, valore_obiettivo = ?,"
                    " data_obiettivo = ?, meglio_se_maggiore = 1 WHERE nome = ?",
                    (base, base_date, target, target_date, name),
                )
            for item in NEW_INDICATORS:
                key = _key("indicatore", item["key"])
                values = dict({k: v for k, v in item.items() if k != "key"}, uuid=key, **AUDIT)
                connection.execute("DELETE FROM indicatori WHERE uuid = ?", (key,))
                connection.execute(_insert("indicatori", values), list(values.values()))
            indicators = dict(connection.execute("SELECT nome, uuid FROM indicatori"))
            connection.execute(
                "UPDATE misure SET fonte = ? WHERE fonte IS NULL OR fonte = ''", (SEED_SOURCE,)
            )
            added = 0
            for title, name, date, value in SERIES:
                if title not in projects or name not in indicators:
                    continue
                key = _key("misura", title, name, date)
                values = dict(
                    uuid=key,
                    progetto_uuid=projects[title],
                    indicatore_uuid=indicators[name],
                    data_misura=date,
                    valore=value,
                    fonte=ILLUSTRATIVE,
                    **AUDIT,
                )
                connection.execute("DELETE FROM misure WHERE uuid = ?", (key,))
                connection.execute(_insert("misure", values), list(values.values()))
                added += 1
    finally:
        connection.close()
    return added


def add_to_demo(gpkg_path, out_dir):
    """Illustrative monitoring data into the demo GeoPackage, then the KPI report in out_dir."""
    from ..monitoring.kpi import STATUSES, kpi_report
    from ..monitoring.output import write_report

    added = add_monitoring(gpkg_path)
    report = kpi_report(str(gpkg_path))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    first, second = write_report(report, out_dir / "kpi_report.csv")
    counts = report.counts()
    statuses = ", ".join(f"{s.label('it')} {counts[s.code]}" for s in STATUSES if counts[s.code])
    return [
        f"- Monitoraggio indicatori (ILLUSTRATIVO: {added} misure inventate, fonte «illustrativo»): "
        f"`{first.name}` ({len(report.rows)} righe progetto × indicatore: {statuses}) e "
        f"`{second.name}` (stati per zona omogenea e ambito)."
    ]
