"""What the funding tools read from a RE.MIX GeoPackage or the central database (FILE|DSN).

Reads through the incubator tools' small reading layer (``networks.source.read_tables``); fields
the source's data model does not have yet (an older file) read as None.
"""

from ..layers.model import load_model

WANTED = {
    "progetti": [
        "uuid",
        "titolo",
        "comune_istat",
        "ambito_opportunita",
        "finalita",
        "livello_progettuale",
        "costo_stimato",
        "cup",
    ],
    "lavori": ["progetto_uuid", "comune_istat", "intervento_oggetto"],
    "azioni": ["progetto_uuid", "tipo_progetto_azione"],
    "attori": ["uuid", "nome", "tipo_attore"],
    "progetto_attori": ["progetto_uuid", "attore_uuid", "ruolo_attore"],
    "finanziamenti": ["progetto_uuid", "bando_uuid", "importo", "stato_finanziamento"],
    "bandi": [
        "uuid",
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
        "note",
    ],
    "comuni": ["istat", "nome", "zona_omogenea"],
}


def wanted_fields(model=None):
    """WANTED restricted to the fields the plugin's data model has (``cup`` comes with schema 2)."""
    model = model or load_model()
    return {
        table: [name for name in fields if model.table(table).has_field(name)]
        for table, fields in WANTED.items()
    }


def read_funding_data(source):
    """{table: [row dict]} of the tables the match needs; missing fields are None."""
    from ..networks.source import read_tables

    data = read_tables(source, wanted_fields())
    tables = {}
    for table, fields in WANTED.items():
        rows = data.rows(table)
        for row in rows:
            for name in fields:
                row.setdefault(name, None)
        tables[table] = rows
    return tables
