"""What the web atlas publishes: the one allow-list of tables and fields (pure data).

A field goes to the web only if it is named here. Everything else stays in the GeoPackage: the
audit fields (``creato_da``, ``modificato_da`` and the times), every ``note``, the validation
exceptions, the funding records and anything a future schema adds until somebody decides to
publish it by adding it below. ``tests/unit/test_web_publish.py`` checks that every name exists
in the data model (schema 2 names may be missing from older files: they are read when present)
and that no audit or note field is ever listed.
"""

# table -> fields read and written (the key ``uuid`` where the table has one)
PUBLISHED_FIELDS = {
    "progetti": (
        "uuid", "programma_uuid", "titolo", "comune_istat", "descrizione", "obiettivi",
        "ambito_azione_prevalente", "ambito_territoriale", "ambito_opportunita", "scala_impatto",
        "finalita", "livello_progettuale", "livello_rigenerazione", "localizzazione", "provenienza",
        "stato_progetto", "data_inizio", "data_fine", "costo_stimato", "cup",
    ),
    "programmi": ("uuid", "titolo", "descrizione", "obiettivi", "tipo_rete"),
    "lavori": (
        "uuid", "progetto_uuid", "titolo", "comune_istat", "obiettivo", "descrizione",
        "intervento_oggetto", "servizi_realizzati", "oggetto_fisico", "perimetro_illustrativo",
        "superficie_mq",
    ),
    "azioni": (
        "uuid", "progetto_uuid", "lavoro_uuid", "titolo", "tipo_progetto_azione", "tipo_servizio",
        "popolazione_riferimento", "obiettivo", "descrizione",
    ),
    "fasi": ("uuid", "progetto_uuid", "numero", "titolo", "descrizione", "stato_fase", "data_inizio",
             "data_fine"),
    "criticita": ("uuid", "progetto_uuid", "titolo", "ambito_criticita", "scala_criticita"),
    "attori": ("uuid", "nome", "tipo_attore"),
    "progetto_attori": ("progetto_uuid", "attore_uuid", "ruolo_attore"),
    "indicatori": ("uuid", "nome", "unita_misura", "descrizione", "categoria_indicatore",
                   "meglio_se_maggiore", "valore_base", "data_base", "valore_obiettivo", "data_obiettivo"),
    "misure": ("progetto_uuid", "indicatore_uuid", "data_misura", "valore"),
    "comuni": ("istat", "nome", "zona_omogenea"),
}

# The project flag that decides what is published (schema 2; absent = nothing may be published).
PUBLISHABLE_FIELD = "pubblicabile"

# Never published, whatever the list above says (a second lock, checked by the publisher).
FORBIDDEN_FIELDS = frozenset({"note", "creato_da", "modificato_da", "creato_il", "modificato_il",
                              "accepted_by", "email", "e_mail"})

# Tables whose geometry is published (simplified, EPSG:4326).
GEOMETRY_TABLES = ("lavori", "comuni")
