"""The seed's catalogue ("Esempi di progetti: un catalogo eterogeneo") as plain data.

Six one-page project cards from the RE.MIX presentation of 4 May 2020. Titles, comuni,
"Localizzazione", "Ambito d'azione prevalente", project texts, phases and actors are the seed's
own words. Where the RE.MIX model needs a value the card does not state, the choice and its
reason are written next to it (``NOTE_*`` texts travel into the data's ``note`` fields):

- ``stato_progetto`` is required by the model but the cards give it only for Castano Primo
  ("fase attualmente già in corso"): the others start as ``proposta``;
- ``scala_impatto`` is ``sovracomunale`` only where the card says so (Bussero: "servizi con
  impatto sovracomunale"), ``comunale`` elsewhere; every project is ``comunale`` in
  ``livello_progettuale`` (each is promoted by one comune);
- actors are only those the cards list, with the neutral role ``partner`` unless the card says
  more (Rho: "attori privati da attrarre" -> ``da_attrarre``; the Comune -> ``promotore``);
- perimeters: the cards give no shapes, so the builder draws illustrative ones inside the real
  comune boundary (``perimetro_illustrativo`` = true);
- measurements are counts read off the cards themselves, dated on the presentation day.

Pure Python: no QGIS, no GDAL.
"""

SEED_DATE = "2020-05-04"  # "Milano, 4/05/2020"
SEED_SOURCE = ("Città metropolitana di Milano, «Rigenerazione urbana e territoriale. Il sistema della "
               "conoscenza, le opportunità, il progetto. Il progetto strategico RE.MIX», 4/05/2020: "
               "catalogo «Esempi di progetti: un catalogo eterogeneo».")

NOTE_STATO = ("Stato non indicato dalla scheda del catalogo (2020): valore iniziale «proposta», "
              "da verificare con il Comune.")
NOTE_RUOLO = ("La scheda elenca gli attori coinvolti senza specificarne il ruolo: «partner» è il "
              "valore neutro.")
NOTE_PERIMETRO = ("Perimetro illustrativo: la scheda del catalogo non riporta la forma reale "
                  "dell'intervento; il poligono è collocato dentro il confine comunale (ISTAT) con "
                  "una superficie plausibile, solo a scopo dimostrativo.")

# One thematic network, supported by the seed ("programmi «a rete» legati ... a temi trasversali"):
# Castano Primo and Pero both reuse a former school building.
PROGRAMMI = (
    {
        "key": "riuso-scuole-dismesse",
        "titolo": "Riuso di ex edifici scolastici",
        "tipo_rete": "tematica",
        "descrizione": ("Rete tematica che raccoglie i progetti del catalogo che recuperano ex sedi "
                        "scolastiche per nuove funzioni sociali e culturali (Castano Primo, Pero). "
                        "Raggruppamento dimostrativo: il catalogo del 2020 non definisce programmi, "
                        "ma indica la necessità di «programmi a rete» legati a temi trasversali."),
        "obiettivi": ("Condividere soluzioni procedurali e di gestione tra comuni (peer-learning) "
                      "sul riuso del patrimonio scolastico dismesso."),
    },
)

# Each project: the card ("card_title" is the heading as printed in the seed), then its parts.
PROGETTI = (
    {
        "key": "pogliano-asilo",
        "card_title": "AMPLIAMENTO ASILO DI LARGO BERNASCONI – POGLIANO MILANESE",
        "titolo": "Ampliamento asilo di Largo Bernasconi",
        "comune": "Pogliano Milanese",
        "istat": "015176",
        "localizzazione_seed": "Urbana",
        "localizzazione": "urbana",
        "ambito_azione_prevalente": ("Valorizzazione patrimonio immobiliare esistente/"
                                     "Efficientamento energetico"),
        "descrizione": "Progetto: Ampliamento e ripensamento degli spazi.",
        "obiettivi": ("Ampliare e ripensare gli spazi dell'asilo di Largo Bernasconi, valorizzando "
                      "il patrimonio immobiliare esistente e migliorandone l'efficienza energetica."),
        "ambito_opportunita": ["urbanistico", "sociale", "ambientale"],
        "scala_impatto": "comunale",
        "livello_progettuale": "comunale",
        "livello_rigenerazione": "edilizia",
        "finalita": ["sostenibilita_resilienza"],
        "stato_progetto": "proposta",
        "note": NOTE_STATO,
        "criticita": [
            {"titolo": "Spazi dell'asilo di Largo Bernasconi da ampliare e ripensare",
             "descrizione": ("Spazi dell'asilo insufficienti o da ripensare; patrimonio immobiliare "
                             "esistente da valorizzare ed efficientare (scheda: «Ampliamento e "
                             "ripensamento degli spazi»)."),
             "ambito_criticita": ["sociale"], "ambito_intervento": "fisico_materiale",
             "scala_criticita": "comunale", "on_lavoro": "asilo"},
        ],
        "lavori": [
            {"key": "asilo", "titolo": "Ampliamento e ripensamento degli spazi dell'asilo",
             "obiettivo": "Ampliamento e ripensamento degli spazi; efficientamento energetico.",
             "intervento_oggetto": "riqualificazione", "servizi_realizzati": ["attrezzature"],
             "oggetto_fisico": "edificio", "size": (55.0, 45.0), "angle": 12.0},
        ],
        "azioni": [],
        "fasi": [],
        "attori": [],
        "misure": [],
    },
    {
        "key": "castano-casa-castanesi",
        "card_title": "CASA DEI CASTANESI – CASTANO PRIMO",
        "titolo": "Casa dei Castanesi",
        "comune": "Castano Primo",
        "istat": "015062",
        "programma": "riuso-scuole-dismesse",
        "localizzazione_seed": "Urbana",
        "localizzazione": "urbana",
        "ambito_azione_prevalente": "Valorizzazione patrimonio immobiliare esistente",
        "descrizione": ("Progetto: Valorizzazione ex sede scolastica di Via Moroni, insediamento di "
                        "attività associative e funzioni culturali."),
        "obiettivi": ("Valorizzare l'ex sede scolastica di Via Moroni e insediarvi attività "
                      "associative e funzioni culturali, per fasi."),
        "ambito_opportunita": ["sociale", "culturale"],
        "scala_impatto": "comunale",
        "livello_progettuale": "comunale",
        "livello_rigenerazione": "edilizia",
        "finalita": ["sostenibilita_resilienza"],
        "stato_progetto": "in_corso",
        "note": "FASE I attualmente già in corso (scheda del catalogo, 2020).",
        "criticita": [
            {"titolo": "Ex sede scolastica di Via Moroni da rifunzionalizzare",
             "descrizione": ("Spazi dell'ex sede scolastica da ripristinare nella loro funzionalità "
                             "(sgomberi, imbiancature, revisione impianti: FASE I)."),
             "ambito_criticita": ["urbanistico"], "ambito_intervento": "fisico_materiale",
             "scala_criticita": "comunale", "on_lavoro": "scuola"},
        ],
        "lavori": [
            {"key": "scuola", "titolo": "Ex sede scolastica di Via Moroni",
             "obiettivo": ("Ripristino della funzionalità degli spazi, riqualificazione energetica ed "
                           "edilizia dell'ex sede scolastica."),
             "intervento_oggetto": "riuso", "servizi_realizzati": ["servizi"],
             "oggetto_fisico": "edificio", "size": (60.0, 40.0), "angle": -8.0},
        ],
        "azioni": [
            {"titolo": "Insediamento di attività associative e funzioni culturali",
             "tipo_progetto_azione": "culturale", "tipo_servizio": "Attività associative e culturali",
             "popolazione_riferimento": "Associazioni e cittadini di Castano Primo",
             "obiettivo": "Insediamento di attività associative e funzioni culturali.",
             "descrizione": ("Valorizzazione ex sede scolastica di Via Moroni, insediamento di attività "
                             "associative e funzioni culturali."),
             "lavoro": "scuola"},
        ],
        "fasi": [
            {"numero": 1, "titolo": "FASE I", "stato_fase": "in_corso",
             "descrizione": ("interventi di manutenzione ordinaria per ripristino funzionalità degli "
                             "spazi quali sgomberi, imbiancature, piccole sistemazioni interne, revisione "
                             "impianti....(fase attualmente già in corso)")},
            {"numero": 2, "titolo": "FASE II", "stato_fase": "prevista",
             "descrizione": ("interventi di riqualificazione energetica con sostituzione dei "
                             "serramenti, dei corpi illuminanti e realizzazione isolamento del sottotetto")},
            {"numero": 3, "titolo": "FASE III", "stato_fase": "prevista",
             "descrizione": ("interventi di riqualificazione edilizia con modifiche interne, "
                             "adeguamento impianti e acquisto attrezzature")},
        ],
        "attori": [],
        "misure": [
            {"indicatore": "fasi-concluse", "valore": 0.0,
             "note": "Al 4/05/2020 nessuna fase conclusa; FASE I in corso."},
        ],
    },
    {
        "key": "pero-ex-scuola-marconi",
        "card_title": "RECUPERO EX EDIFICIO SCOLASTICO IN PIAZZA MARCONI – PERO",
        "titolo": "Recupero ex edificio scolastico in piazza Marconi",
        "comune": "Pero",
        "istat": "015170",
        "programma": "riuso-scuole-dismesse",
        "localizzazione_seed": "Urbana",
        "localizzazione": "urbana",
        "ambito_azione_prevalente": "Recupero edilizio per spazi multifunzionali – Promozione sociale",
        "descrizione": ("Rigenerazione urbana dell'ex scuola primaria Marconi dismessa con interventi "
                        "volti alla sostenibilità ambientale e all'efficientamento energetico; creazione "
                        "di spazi per cohousing sociale e spazi multifunzionali per servizi culturali."),
        "obiettivi": ("Recupero di un bene comune in un'ottica di sostenibilità economica della "
                      "gestione."),
        "ambito_opportunita": ["sociale", "culturale", "economico"],
        "scala_impatto": "comunale",
        "livello_progettuale": "comunale",
        "livello_rigenerazione": "urbana",
        "finalita": ["sostenibilita_resilienza"],
        "stato_progetto": "proposta",
        "note": NOTE_STATO,
        "criticita": [
            {"titolo": "Ex scuola primaria Marconi dismessa",
             "descrizione": "Edificio scolastico dismesso in piazza Marconi.",
             "ambito_criticita": ["urbanistico", "sociale"], "ambito_intervento": "fisico_materiale",
             "scala_criticita": "comunale", "on_lavoro": "scuola"},
        ],
        "lavori": [
            {"key": "scuola", "titolo": "Ex edificio scolastico in piazza Marconi",
             "obiettivo": ("Interventi volti alla sostenibilità ambientale e all'efficientamento "
                           "energetico dell'ex scuola primaria Marconi."),
             "intervento_oggetto": "riuso", "servizi_realizzati": ["servizi"],
             "oggetto_fisico": "edificio", "size": (70.0, 50.0), "angle": 20.0},
        ],
        "azioni": [
            {"titolo": "Cohousing sociale e spazi multifunzionali per servizi culturali",
             "tipo_progetto_azione": "sociale", "tipo_servizio": "Cohousing sociale; servizi culturali",
             "popolazione_riferimento": "Residenti di Pero",
             "obiettivo": ("Creazione di spazi per cohousing sociale e spazi multifunzionali per "
                           "servizi culturali."),
             "descrizione": ("Creazione di spazi per cohousing sociale e spazi multifunzionali per "
                             "servizi culturali; recupero di un bene comune in un'ottica di "
                             "sostenibilità economica della gestione."),
             "lavoro": "scuola"},
        ],
        "fasi": [],
        "attori": [],
        "misure": [],
    },
    {
        "key": "cornaredo-ex-icoma",
        "card_title": "ARU Ex ICOMA – CORNAREDO",
        "titolo": "ARU ex ICOMA",
        "comune": "Cornaredo",
        "istat": "015087",
        "localizzazione_seed": "Periferica",
        "localizzazione": "periferica",
        "ambito_azione_prevalente": "Recupero ambito industriale e progetto sociale",
        "descrizione": ("Progetto: Bonifica e recupero ambito industriale dismesso con insediamento "
                        "di nuove funzioni. Creazione di spazi per l'inserimento di Start-up ed "
                        "imprese del settore agro-alimentare."),
        "obiettivi": "Utilizzo di un bene comune in un'ottica di sostenibilità economica della gestione.",
        "ambito_opportunita": ["urbanistico", "ambientale", "sociale", "economico"],
        "scala_impatto": "comunale",
        "livello_progettuale": "comunale",
        "livello_rigenerazione": "urbana",
        "finalita": ["suolo_funzioni_ecosistemiche", "prevenzione_salute_ecosistemi"],
        "stato_progetto": "proposta",
        "note": NOTE_STATO,
        "criticita": [
            {"titolo": "Ambito industriale dismesso (ex ICOMA)",
             "descrizione": "Ambito industriale dismesso da bonificare e recuperare.",
             "ambito_criticita": ["urbanistico", "ambientale"], "ambito_intervento": "fisico_materiale",
             "scala_criticita": "comunale", "on_lavoro": "icoma"},
        ],
        "lavori": [
            {"key": "icoma", "titolo": "Bonifica e recupero ambito industriale dismesso (ex ICOMA)",
             "obiettivo": "Bonifica e recupero dell'ambito con insediamento di nuove funzioni.",
             "intervento_oggetto": "riuso", "servizi_realizzati": ["attrezzature"],
             "oggetto_fisico": "ambito", "size": (230.0, 160.0), "angle": 5.0},
        ],
        "azioni": [
            {"titolo": "Start-up e imprese agro-alimentari",
             "tipo_progetto_azione": "economico",
             "tipo_servizio": "Spazi per start-up ed imprese del settore agro-alimentare",
             "popolazione_riferimento": "Start-up e imprese del settore agro-alimentare",
             "obiettivo": ("Creazione di spazi per l'inserimento di Start-up ed imprese del settore "
                           "agro-alimentare."),
             "descrizione": ("Creazione di spazi per l'inserimento di Start-up ed imprese del settore "
                             "agro-alimentare; utilizzo di un bene comune in un'ottica di sostenibilità "
                             "economica della gestione."),
             "lavoro": "icoma"},
        ],
        "fasi": [],
        "attori": [
            {"nome": "Fondazione Cariplo", "tipo_attore": "privati", "ruolo_attore": "partner",
             "note": ("Fondazione di origine bancaria, soggetto di diritto privato: tipo «privati» "
                      "(il termine «Imprese, fondazioni e operatori privati» dello schema)."),
             "link_note": NOTE_RUOLO},
            {"nome": "Coldiretti", "tipo_attore": "associazioni", "ruolo_attore": "partner",
             "note": "Organizzazione di rappresentanza degli imprenditori agricoli.",
             "link_note": NOTE_RUOLO},
            {"nome": "Istituto Alberghiero Olmo", "tipo_attore": "pubblico", "ruolo_attore": "partner",
             "note": "Istituto scolastico statale.", "link_note": NOTE_RUOLO},
            {"nome": "K-City", "tipo_attore": "privati", "ruolo_attore": "partner",
             "note": "Operatore privato.", "link_note": NOTE_RUOLO},
        ],
        "misure": [
            {"indicatore": "attori-coinvolti", "valore": 4.0,
             "note": "Attori coinvolti elencati nella scheda del catalogo."},
        ],
    },
    {
        "key": "rho-ex-scalo-merci",
        "card_title": "EX SCALO MERCI. AREA ATTRACT - RHO",
        "titolo": "Ex scalo merci. Area ATTRACT",
        "comune": "Rho",
        "istat": "015182",
        "localizzazione_seed": "Urbana",
        "localizzazione": "urbana",
        "ambito_azione_prevalente": "Recupero ambito ferroviario",
        "descrizione": ("Progetto: Rigenerazione ex scalo ferroviario. Rigenerazione area "
                        "sottoutilizzata per sviluppo immobiliare e incremento dotazioni pubbliche, in "
                        "particolare offerta di sosta, miglioramento TPL con nuovo terminal."),
        "obiettivi": ("Rigenerazione indotta nel quartiere via Volta per nuova sequenza di spazi "
                      "pubblici in zona urbana densa."),
        "ambito_opportunita": ["urbanistico", "infrastrutturale", "economico"],
        "scala_impatto": "comunale",
        "livello_progettuale": "comunale",
        "livello_rigenerazione": "urbana",
        "finalita": [],
        "stato_progetto": "proposta",
        "note": NOTE_STATO,
        "criticita": [
            {"titolo": "Area sottoutilizzata dell'ex scalo merci",
             "descrizione": "Ex scalo ferroviario merci sottoutilizzato.",
             "ambito_criticita": ["urbanistico", "infrastrutturale"],
             "ambito_intervento": "fisico_materiale", "scala_criticita": "comunale", "on_lavoro": "scalo"},
        ],
        "lavori": [
            {"key": "scalo", "titolo": "Rigenerazione ex scalo ferroviario",
             "obiettivo": ("Sviluppo immobiliare e incremento dotazioni pubbliche: offerta di sosta, "
                           "miglioramento TPL con nuovo terminal."),
             "intervento_oggetto": "riorganizzazione", "servizi_realizzati": ["infrastrutture"],
             "oggetto_fisico": "ambito", "size": (520.0, 90.0), "angle": 28.0},
            {"key": "volta", "titolo": "Nuova sequenza di spazi pubblici nel quartiere via Volta",
             "obiettivo": "Rigenerazione indotta nel quartiere via Volta in zona urbana densa.",
             "intervento_oggetto": "riqualificazione", "servizi_realizzati": ["attrezzature"],
             "oggetto_fisico": "sistema", "size": (300.0, 28.0), "angle": -62.0,
             "offset": (60.0, 210.0)},
        ],
        "azioni": [],
        "fasi": [],
        "attori": [
            {"nome": "RFI", "tipo_attore": "pubblico", "ruolo_attore": "partner",
             "note": "Rete Ferroviaria Italiana, società pubblica del gruppo FS.",
             "link_note": NOTE_RUOLO},
            {"nome": "Comune di Rho", "tipo_attore": "pubblico", "ruolo_attore": "promotore",
             "note": "La scheda indica «Comune».", "link_note": ""},
            {"nome": "Attori privati da attrarre", "tipo_attore": "privati", "ruolo_attore": "da_attrarre",
             "note": "Attori privati non ancora individuati.", "link_note": ""},
        ],
        "misure": [
            {"indicatore": "attori-coinvolti", "valore": 2.0,
             "note": "RFI e Comune; gli attori privati sono ancora da attrarre."},
        ],
    },
    {
        "key": "bussero-cascina-gogna",
        "card_title": "CASCINA GOGNA - BUSSERO",
        "titolo": "Cascina Gogna",
        "comune": "Bussero",
        "istat": "015040",
        "localizzazione_seed": "Frangia urbana",
        "localizzazione": "frangia_urbana",
        "ambito_azione_prevalente": ("Recupero di una cascina per funzioni residenziali, miglioramento "
                                     "delle connessioni alle reti del trasporto pubblico e della "
                                     "mobilità lenta"),
        "descrizione": ("Progetto: Sviluppo di una nuova centralità marcata dalla presenza di servizi "
                        "con impatto sovracomunale."),
        "obiettivi": ("Recupero di una cascina per funzioni residenziali; miglioramento delle "
                      "connessioni alle reti del trasporto pubblico e della mobilità lenta."),
        "ambito_opportunita": ["urbanistico", "infrastrutturale", "paesistico"],
        "scala_impatto": "sovracomunale",
        "livello_progettuale": "comunale",
        "livello_rigenerazione": "urbana",
        "finalita": ["manufatti_agrari_rurali"],
        "stato_progetto": "proposta",
        "note": NOTE_STATO,
        "criticita": [
            {"titolo": "Cascina Gogna da recuperare",
             "descrizione": ("Cascina da recuperare in frangia urbana, con connessioni da migliorare "
                             "verso il trasporto pubblico e la mobilità lenta."),
             "ambito_criticita": ["urbanistico", "infrastrutturale"],
             "ambito_intervento": "fisico_materiale", "scala_criticita": "comunale", "on_lavoro": "cascina"},
        ],
        "lavori": [
            {"key": "cascina", "titolo": "Recupero della Cascina Gogna per funzioni residenziali",
             "obiettivo": "Recupero della cascina per funzioni residenziali e servizi.",
             "intervento_oggetto": "riuso", "servizi_realizzati": ["servizi"],
             "oggetto_fisico": "edificio", "size": (95.0, 80.0), "angle": 3.0},
            {"key": "connessioni", "titolo": "Connessioni al trasporto pubblico e alla mobilità lenta",
             "obiettivo": ("Miglioramento delle connessioni alle reti del trasporto pubblico e della "
                           "mobilità lenta."),
             "intervento_oggetto": "riorganizzazione", "servizi_realizzati": ["infrastrutture"],
             "oggetto_fisico": "sistema", "size": (600.0, 12.0), "angle": 75.0,
             "offset": (-150.0, 150.0)},
        ],
        "azioni": [],
        "fasi": [],
        "attori": [],
        "misure": [],
    },
)

INDICATORI = (
    {"key": "attori-coinvolti", "nome": "Attori coinvolti", "unita_misura": "n.",
     "categoria_indicatore": "collaborazione",
     "descrizione": "Numero di attori coinvolti nel progetto (multi-attorialità)."},
    {"key": "fasi-concluse", "nome": "Fasi concluse", "unita_misura": "n.",
     "categoria_indicatore": "impatti",
     "descrizione": "Numero di fasi del progetto concluse (avanzamento per fasi)."},
)
