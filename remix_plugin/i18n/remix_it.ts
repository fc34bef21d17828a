<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT" sourcelanguage="en">
<context>
    <name>RemixAtlas</name>
    <message>
        <location filename="../../remix_plugin/atlas/charts.py" line="43"/>
        <location filename="../../remix_plugin/atlas/layout.py" line="124"/>
        <source>Not classified</source>
        <translation>Non classificato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/charts.py" line="44"/>
        <location filename="../../remix_plugin/atlas/layout.py" line="122"/>
        <source>works</source>
        <translation>lavori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/charts.py" line="45"/>
        <location filename="../../remix_plugin/atlas/layout.py" line="123"/>
        <source>actions</source>
        <translation>azioni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="70"/>
        <source>RE.MIX atlas of opportunities</source>
        <translation>Atlante delle opportunità RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="71"/>
        <source>Urban and territorial regeneration · Metropolitan City of Milan</source>
        <translation>Rigenerazione urbana e territoriale · Città metropolitana di Milano</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="73"/>
        <source>Catalogue of the regeneration projects collected with the municipalities.</source>
        <translation>Catalogo dei progetti di rigenerazione raccolti con i Comuni metropolitani.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="75"/>
        <source>Summary</source>
        <translation>Riepilogo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="76"/>
        <source>By homogeneous zone (municipalities · projects)</source>
        <translation>Per zona omogenea (comuni · progetti)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="77"/>
        <source>By field of opportunity (projects)</source>
        <translation>Per ambito di opportunità (progetti)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="78"/>
        <source>By kind of intervention</source>
        <translation>Per tipo di intervento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="79"/>
        <source>Index of the cards</source>
        <translation>Indice delle schede</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="80"/>
        <source>Homogeneous zone</source>
        <translation>Zona omogenea</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="81"/>
        <source>Fields of opportunity</source>
        <translation>Ambiti di opportunità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="82"/>
        <source>Scale of the expected impact</source>
        <translation>Scala dell&apos;impatto atteso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="83"/>
        <source>Location</source>
        <translation>Localizzazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="84"/>
        <source>Project level</source>
        <translation>Livello progettuale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="85"/>
        <source>Level of regeneration</source>
        <translation>Livello di rigenerazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="86"/>
        <source>Main field of action</source>
        <translation>Ambito d&apos;azione prevalente</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="87"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="88"/>
        <source>Origin</source>
        <translation>Provenienza</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="89"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="90"/>
        <source>Aims (regional law 18/2019)</source>
        <translation>Finalità (l.r. 18/2019)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="91"/>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="92"/>
        <source>Objectives</source>
        <translation>Obiettivi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="93"/>
        <source>Physical works</source>
        <translation>Lavori (progetto fisico)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="94"/>
        <source>Actions (social, cultural, economic project)</source>
        <translation>Azioni (progetto sociale, culturale, economico)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="95"/>
        <source>Problems</source>
        <translation>Criticità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="96"/>
        <source>Phases</source>
        <translation>Fasi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="97"/>
        <source>Actors involved</source>
        <translation>Attori coinvolti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="98"/>
        <source>Indicators</source>
        <translation>Indicatori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="99"/>
        <source>Legend</source>
        <translation>Legenda</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="100"/>
        <source>Metropolitan location</source>
        <translation>Inquadramento metropolitano</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="101"/>
        <source>Outline of works: dashed = proposal, dash-dot = being designed, solid = funded / under way (thick) / completed, dotted = suspended.</source>
        <translation>Bordo dei lavori: tratteggio = proposta, punto-linea = in progettazione, continuo = finanziato / in corso (spesso) / concluso, punteggiato = sospeso.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="106"/>
        <source>Illustrative perimeters where stated.</source>
        <translation>Perimetri illustrativi dove indicato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="107"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="108"/>
        <source>Page</source>
        <translation>Pagina</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="109"/>
        <source>of</source>
        <translation>di</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="110"/>
        <source>{comuni} municipalities involved, {progetti} projects</source>
        <translation>{comuni} comuni coinvolti, {progetti} progetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="112"/>
        <source>Physical works: {lavori}
Actions: {azioni}
Problems: {criticita}</source>
        <translation>Lavori: {lavori}
Azioni: {azioni}
Criticità: {criticita}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="114"/>
        <source>… and {n} more cards</source>
        <translation>… e altre {n} schede</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="115"/>
        <source> … continued on page {page}</source>
        <translation> … continua a pagina {page}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="116"/>
        <source>(continued)</source>
        <translation>(segue)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="117"/>
        <source>Index of the cards (continued)</source>
        <translation>Indice delle schede (segue)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="118"/>
        <source>Projects per homogeneous zone (municipalities · projects)</source>
        <translation>Progetti per zona omogenea (comuni · progetti)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="120"/>
        <source>Projects per field of opportunity</source>
        <translation>Progetti per ambito di opportunità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="121"/>
        <source>Interventions per kind (works and actions)</source>
        <translation>Interventi per tipo (lavori e azioni)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="125"/>
        <source>Base map</source>
        <translation>Base cartografica</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="126"/>
        <source>Indicators against their targets · metropolitan priority</source>
        <translation>Indicatori rispetto agli obiettivi · priorità metropolitana</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="129"/>
        <source>No measured indicator with a target: no chart.</source>
        <translation>Nessun indicatore misurato con un obiettivo: nessun grafico.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="130"/>
        <source>Chart of the indicators: drawn when the atlas is exported to PDF.</source>
        <translation>Grafico degli indicatori: disegnato quando l&apos;atlante è esportato in PDF.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="567"/>
        <source>RE.MIX classification</source>
        <translation>Classificazione RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="104"/>
        <source>Sources: RE.MIX data of the municipalities; municipal boundaries {attribution}.</source>
        <translation>Fonti: dati RE.MIX dei Comuni; confini comunali {attribution}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="114"/>
        <source>Not given</source>
        <translation>Non indicato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="65"/>
        <source>RE.MIX atlas of opportunities — the programme on the territory</source>
        <translation>Atlante delle opportunità RE.MIX — il programma sul territorio</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="67"/>
        <source>Main field of opportunity</source>
        <translation>Ambito di opportunità prevalente</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="68"/>
        <source>Municipalities with projects</source>
        <translation>Comuni con progetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="69"/>
        <source>Other municipalities</source>
        <translation>Altri comuni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="70"/>
        <source>Projects</source>
        <translation>Progetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="71"/>
        <source>Each symbol is a project (colour: its first field of opportunity); projects at the same place are set in a ring. Titles are shown where there is room.</source>
        <translation>Ogni simbolo è un progetto (colore: il primo ambito di opportunità indicato); i progetti nello stesso luogo sono disposti in cerchio. I titoli sono mostrati dove c&apos;è spazio.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="214"/>
        <location filename="../../remix_plugin/atlas/poster.py" line="190"/>
        <source>Municipalities</source>
        <translation>Comuni</translation>
    </message>
</context>
<context>
    <name>RemixCentralRights</name>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="61"/>
        <source>Save refused: {detail}. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: {primary}. {hint} Le modifiche restano da salvare nel layer.</translation>
    </message>
</context>
<context>
    <name>RemixPlugin</name>
    <message>
        <location filename="../../remix_plugin/__main__.py" line="222"/>
        <location filename="../../remix_plugin/central/cli.py" line="135"/>
        <source>{added} added, {updated} updated, {conflicts} conflicts</source>
        <translation>{added} aggiunti, {updated} aggiornati, {conflicts} conflitti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/__main__.py" line="160"/>
        <source>Cannot create {path}: {error}</source>
        <translation>Impossibile creare {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/__main__.py" line="197"/>
        <source>Export failed: {path}: {error}</source>
        <translation>Esportazione non riuscita: {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/__main__.py" line="221"/>
        <source>Import failed: {path}: {error}</source>
        <translation>Importazione non riuscita: {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/__main__.py" line="178"/>
        <source>A file&apos;s bundle takes one selection at most: one --comune, --zona or --programma.</source>
        <translation>Il bundle di un file accetta al più una selezione: un solo --comune, --zona o --programma.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/__main__.py" line="227"/>
        <location filename="../../remix_plugin/central/cli.py" line="139"/>
        <source>conflict: {table} {uuid} ({fields})</source>
        <translation>conflitto: {table} {uuid} ({fields})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="24"/>
        <location filename="../../remix_plugin/atlas/export.py" line="128"/>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="126"/>
        <source>Physical works</source>
        <translation>Lavori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="25"/>
        <location filename="../../remix_plugin/gui/project_tree.py" line="299"/>
        <source>Actions</source>
        <translation>Azioni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="26"/>
        <location filename="../../remix_plugin/forms/spec.py" line="44"/>
        <location filename="../../remix_plugin/gui/project_tree.py" line="301"/>
        <source>Phases</source>
        <translation>Fasi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="27"/>
        <source>Actors involved</source>
        <translation>Attori coinvolti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="28"/>
        <source>Indicators</source>
        <translation>Indicatori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="29"/>
        <location filename="../../remix_plugin/atlas/export.py" line="129"/>
        <location filename="../../remix_plugin/gui/project_tree.py" line="300"/>
        <source>Problems</source>
        <translation>Criticità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="32"/>
        <source>illustrative perimeter</source>
        <translation>perimetro illustrativo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="282"/>
        <location filename="../../remix_plugin/monitoring/chart.py" line="140"/>
        <source>by</source>
        <translation>entro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="284"/>
        <source>target {goal}</source>
        <translation>obiettivo {goal}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/cards.py" line="287"/>
        <source>{share} of the target {goal}</source>
        <translation>{share} dell&apos;obiettivo {goal}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/export.py" line="130"/>
        <source>Municipalities</source>
        <translation>Comuni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/export.py" line="419"/>
        <location filename="../../remix_plugin/atlas/export.py" line="437"/>
        <source>Export cancelled.</source>
        <translation>Esportazione annullata.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/export.py" line="101"/>
        <source>Layer {table} of {name} cannot be opened.</source>
        <translation>Il livello {table} di {name} non si apre.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/export.py" line="110"/>
        <source>Invalid filter: {error}</source>
        <translation>Filtro non valido: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/export.py" line="409"/>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="555"/>
        <location filename="../../remix_plugin/web/publish.py" line="651"/>
        <source>The folder {folder} does not exist.</source>
        <translation>La cartella {folder} non esiste.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/export.py" line="439"/>
        <source>PDF export failed: {error}</source>
        <translation>Esportazione PDF non riuscita: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/layout.py" line="128"/>
        <location filename="../../remix_plugin/priority/score.py" line="409"/>
        <source>Metropolitan priority</source>
        <translation>Priorità metropolitana</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/poster.py" line="222"/>
        <source>The file has no municipal boundaries.</source>
        <translation>Il file non ha i confini dei comuni.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/task.py" line="19"/>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="174"/>
        <source>RE.MIX atlas (PDF)</source>
        <translation>Atlante RE.MIX (PDF)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/atlas/task.py" line="56"/>
        <source>Atlas export failed: {error}</source>
        <translation>Esportazione dell&apos;atlante non riuscita: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/basemaps.py" line="68"/>
        <source>Base map no. {position}: {keys} missing.</source>
        <translation>Mappa di base n. {position}: mancano {keys}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/basemaps.py" line="71"/>
        <source>Base map &apos;{id}&apos;: unknown kind &apos;{kind}&apos;.</source>
        <translation>Mappa di base «{id}»: tipo «{kind}» sconosciuto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/basemaps.py" line="75"/>
        <source>Base map &apos;{id}&apos;: invalid address.</source>
        <translation>Mappa di base «{id}»: indirizzo non valido.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/basemaps.py" line="78"/>
        <source>Base map &apos;{id}&apos;: no WMS layer.</source>
        <translation>Mappa di base «{id}»: nessun layer WMS.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/basemaps.py" line="88"/>
        <source>List of base maps unreadable: {error}</source>
        <translation>Elenco delle mappe di base illeggibile: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/basemaps.py" line="94"/>
        <source>Base map &apos;{id}&apos; repeated.</source>
        <translation>Mappa di base «{id}» ripetuta.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/bundle_import.py" line="327"/>
        <source>Import refused, nothing was written: the bundle brings a new record of {table}, {record}{title}, a table shared by every municipality that only CMM loads: ask CMM to run &apos;python3 -m remix_plugin db import-shared --dsn DSN --bundle {bundle}&apos;, then import the bundle again.</source>
        <translation>Importazione rifiutata, nulla è stato scritto: il bundle porta un nuovo elemento di {table}, {record}{title}, tabella condivisa da tutti i comuni che solo CMM può caricare: chiedi a CMM di eseguire «python3 -m remix_plugin db import-shared --dsn DSN --bundle {bundle}», poi importa di nuovo il bundle.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/bundle_import.py" line="332"/>
        <source>Import refused, nothing was written: the bundle changes a record of {table}, {record}{title}, a table shared by every municipality that only CMM changes: ask CMM to run &apos;python3 -m remix_plugin db import-shared --dsn DSN --bundle {bundle}&apos;, then import the bundle again.</source>
        <translation>Importazione rifiutata, nulla è stato scritto: il bundle modifica un elemento di {table}, {record}{title}, tabella condivisa da tutti i comuni che solo CMM può modificare: chiedi a CMM di eseguire «python3 -m remix_plugin db import-shared --dsn DSN --bundle {bundle}», poi importa di nuovo il bundle.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/bundle_import.py" line="380"/>
        <source>Only a CMM editor or the RE.MIX administrator loads the shared records (programmes, actors, indicators, calls); nothing was written.</source>
        <translation>Solo un operatore CMM o l&apos;amministratore RE.MIX può caricare gli elementi condivisi (programmi, attori, indicatori, bandi); nulla è stato scritto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/cli.py" line="107"/>
        <source>Check-out not recorded in the database: this login only reads, so the copy is for reading offline and cannot be imported back.</source>
        <translation>Estrazione non registrata nel database: questo accesso è di sola lettura, quindi la copia serve a consultare i dati offline e non si può reimportare.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/cli.py" line="66"/>
        <source>RE.MIX schema created in the database {name} ({crs}).</source>
        <translation>Schema RE.MIX creato nel database {name} ({crs}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/cli.py" line="104"/>
        <source>{rows} rows from {source} into {path}</source>
        <translation>{rows} righe da {source} in {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/cli.py" line="110"/>
        <source>Check-out recorded for the check-in: {n} records.</source>
        <translation>Estrazione registrata per il rientro dei dati: {n} elementi.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="109"/>
        <source>Save refused by the RE.MIX database: {primary}. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato dal database RE.MIX: {primary}. Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="226"/>
        <source>Bundle import refused by the RE.MIX database, nothing was written: {detail}.</source>
        <translation>Importazione del bundle rifiutata dal database RE.MIX, nulla è stato scritto: {primary}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="49"/>
        <source>Save refused: {who} changed this {table} row on {when} UTC (version {current}) after you read it (version {base}); the edits are still in the layer, unsaved: reload the layer, look at their change and redo yours.</source>
        <translation>Salvataggio rifiutato: {who} ha modificato questo elemento di {table} il {when} UTC (versione {current}) dopo che lo hai letto (versione {base}); le modifiche restano da salvare nel layer: ricarica il layer, guarda la sua modifica e ripeti la tua.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="55"/>
        <source>Save refused: {detail}. Undo the edits of this feature, or ask the RE.MIX administrator to assign you the municipality. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: {primary}. {hint} Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="65"/>
        <source>Save refused: {detail}. Ask CMM to make the change, or undo your edits of this table. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: {primary}. {hint} Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="70"/>
        <source>Save refused: your access to the RE.MIX database is read-only for {table}; ask the RE.MIX administrator for editing rights. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: il tuo accesso al database RE.MIX è di sola lettura per {table}; chiedi all&apos;amministratore RE.MIX i diritti di modifica. Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="75"/>
        <source>Save refused: the feature does not belong to a municipality assigned to your login. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: l&apos;elemento non appartiene a un comune assegnato al tuo accesso. Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="80"/>
        <source>Save refused: {detail}. Choose a value from the form&apos;s list. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: {primary}. {hint} Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="85"/>
        <source>Save refused: {detail}. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: {primary}. Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="89"/>
        <source>Save refused: a link points to a feature the database does not hold (save the parent first, then its children). The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: un collegamento punta a un elemento che nel database non c&apos;è (salva prima l&apos;elemento padre, poi i suoi figli). Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="94"/>
        <source>Save refused: a feature with the same identifier exists in the database already. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: un elemento con lo stesso identificativo esiste già nel database. Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="99"/>
        <source>Save refused: the field {column} is required by the database. The edits are still in the layer, unsaved.</source>
        <translation>Salvataggio rifiutato: il campo {column} è obbligatorio per il database. Le modifiche restano da salvare nel layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="105"/>
        <source>Save failed: the connection to the RE.MIX database was lost. The edits are still in the layer, unsaved. Try again when the server answers.</source>
        <translation>Salvataggio non riuscito: la connessione al database RE.MIX si è interrotta. Le modifiche restano da salvare nel layer. Riprova quando il server risponde.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="189"/>
        <source>Wrong password for the user {user}: check the QGIS connection (or authentication configuration) or the pg_service.conf file.</source>
        <translation>Password errata per l&apos;utente {user}: controlla la connessione (o la configurazione di autenticazione) di QGIS o il file pg_service.conf.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="192"/>
        <source>The server asks for a password the connection does not give: add it with a QGIS authentication configuration or in ~/.pgpass.</source>
        <translation>Il server chiede una password che la connessione non fornisce: aggiungila con una configurazione di autenticazione di QGIS o nel file ~/.pgpass.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="195"/>
        <source>The database {database} does not exist on this server.</source>
        <translation>Il database {database} non esiste su questo server.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="197"/>
        <source>The user {user} does not exist on this server: ask the database administrator.</source>
        <translation>L&apos;utente {user} non esiste su questo server: chiedilo all&apos;amministratore del database.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="199"/>
        <source>The service {service} is not in the pg_service.conf file.</source>
        <translation>Il servizio {service} non è nel file pg_service.conf.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="203"/>
        <source>The database server does not answer: check address, port and network, or try again later.</source>
        <translation>Il server del database non risponde: controlla indirizzo, porta e rete, o riprova più tardi.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/central/refusals.py" line="222"/>
        <source>Cannot connect to the database: {first}</source>
        <translation>Connessione al database non riuscita: {first}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/cli_tools.py" line="57"/>
        <source>Cannot complete {command}: {error}</source>
        <translation>Impossibile completare {command}: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/export/check/output.py" line="30"/>
        <source>Bundle unreadable.</source>
        <translation>Bundle illeggibile.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/export/check/output.py" line="26"/>
        <source>Bundle conforms.</source>
        <translation>Bundle conforme.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/export/check/output.py" line="28"/>
        <source>Bundle does NOT conform: {errors} errors, {warnings} warnings.</source>
        <translation>Bundle NON conforme: {errors} errori, {warnings} avvisi.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/export/task.py" line="37"/>
        <source>RE.MIX bundle export: {name}</source>
        <translation>RE.MIX, esportazione del pacchetto: {name}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/export/task.py" line="62"/>
        <source>Bundle export failed: {error}</source>
        <translation>Esportazione del bundle non riuscita: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/export/task.py" line="92"/>
        <source>RE.MIX bundle import: {name}</source>
        <translation>RE.MIX, importazione del pacchetto: {name}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/export/task.py" line="117"/>
        <source>Bundle import failed: {error}</source>
        <translation>Importazione del bundle non riuscita: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/desktop.py" line="374"/>
        <source>… and 1 more field marked ✘.</source>
        <translation>… e un altro campo segnato con ✘.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/desktop.py" line="367"/>
        <source>tab {tab}</source>
        <translation>scheda {tab}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/desktop.py" line="377"/>
        <source>To save (OK), fill in:</source>
        <translation>Per salvare (OK) compila:</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/desktop.py" line="376"/>
        <source>… and {n} more fields marked ✘.</source>
        <translation>… e altri {n} campi segnati con ✘.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="40"/>
        <source>Identification</source>
        <translation>Identificazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="41"/>
        <source>Problems and opportunities</source>
        <translation>Criticità e opportunità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="42"/>
        <source>Physical works and actions</source>
        <translation>Lavori e azioni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="43"/>
        <location filename="../../remix_plugin/gui/project_tree.py" line="301"/>
        <source>Actors</source>
        <translation>Attori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="45"/>
        <source>Funding</source>
        <translation>Finanziamenti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="46"/>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="169"/>
        <source>Monitoring</source>
        <translation>Monitoraggio</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="47"/>
        <source>Classification</source>
        <translation>Classificazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="48"/>
        <source>Physical work</source>
        <translation>Lavoro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="49"/>
        <source>Linked actions</source>
        <translation>Azioni collegate</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="50"/>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="51"/>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="60"/>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="57"/>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="125"/>
        <location filename="../../remix_plugin/qgis_project/builder.py" line="34"/>
        <source>Projects</source>
        <translation>Progetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="52"/>
        <location filename="../../remix_plugin/gui/project_tree.py" line="302"/>
        <source>Measurements</source>
        <translation>Misure</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="53"/>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="57"/>
        <source>Metropolitan or supra-municipal level</source>
        <translation>Livello metropolitano o sovracomunale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="58"/>
        <source>Management of services</source>
        <translation>Gestione di servizi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="59"/>
        <source>Physical answer</source>
        <translation>Risposta fisico-materiale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="60"/>
        <source>Social, cultural and economic answer</source>
        <translation>Risposta sociale, culturale ed economica</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="64"/>
        <source>The problem concerns physical aspects: the answer is a physical work (hardware) with a perimeter. Link the answering project and draw the perimeter of the problem, if known.</source>
        <translation>La criticità riguarda aspetti fisico-materiali: la risposta è un lavoro (hardware) con un perimetro. Collega il progetto che risponde e disegna il perimetro della criticità, se noto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="68"/>
        <source>The problem concerns social, cultural or economic aspects: the answer is an action (software) without a perimeter, linked to the answering project.</source>
        <translation>La criticità riguarda aspetti sociali, culturali o economici: la risposta è un&apos;azione (software) senza perimetro, collegata al progetto che risponde.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="75"/>
        <source>Project: groups physical works (with a perimeter) and social, cultural and economic actions that answer one or more problems.</source>
        <translation>Progetto: raggruppa lavori (con perimetro) e azioni (sociali, culturali, economiche) che rispondono a una o più criticità.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="78"/>
        <source>Physical work (hardware): a physical intervention identified by an areal perimeter, part of a project.</source>
        <translation>Lavoro (hardware): un intervento fisico individuato da un perimetro areale, parte di un progetto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="81"/>
        <source>Action (software): a service or a social, cultural or economic programme without a perimeter of its own, attached to a project and optionally to one of its works.</source>
        <translation>Azione (software): un servizio o un programma sociale, culturale o economico senza perimetro proprio, collegata a un progetto e, se serve, a un suo lavoro.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="84"/>
        <source>Problem: an issue reported by the municipality (abandoned or derelict area, social need…), to classify and link to the project that answers it.</source>
        <translation>Criticità: un problema segnalato dal comune (area dismessa o degradata, bisogno sociale…), da classificare e collegare al progetto che risponde.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="87"/>
        <source>Call for funding: a funding opportunity (body, programme, dates, amounts) with who may apply and what it funds, in the codes of the RE.MIX scheme.</source>
        <translation>Bando: un&apos;opportunità di finanziamento (ente, programma, date, importi) con chi può presentare domanda e che cosa finanzia, nei codici della classificazione RE.MIX.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="90"/>
        <source>Programme: a network of projects tied by proximity (territorial) or by a shared theme (thematic); it has no geometry of its own.</source>
        <translation>Programma: una rete di progetti legati da vicinanza (territoriale) o da un tema comune (tematica); non ha una geometria propria.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="93"/>
        <source>Actor: a party involved in projects (public body, private, association, informal group), e.g. &apos;Fondazione Cariplo&apos;.</source>
        <translation>Attore: un soggetto coinvolto nei progetti (ente pubblico, privato, associazione, gruppo informale), es. «Fondazione Cariplo».</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="96"/>
        <source>Actor of a project: links an actor to a project with its role. If the actor is not there yet, create it with the button beside the list.</source>
        <translation>Attore del progetto: collega un attore a un progetto con il suo ruolo. Se l&apos;attore non c&apos;è ancora, crealo con il pulsante accanto all&apos;elenco.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="99"/>
        <source>Phase: a step of the project (phase I, II, III…) with its content and dates.</source>
        <translation>Fase: una tappa del progetto (fase I, II, III…) con il suo contenuto e le sue date.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="101"/>
        <source>Indicator (KPI): a quantity used to monitor impacts, the actors&apos; experience, learning and collaboration.</source>
        <translation>Indicatore (KPI): una grandezza con cui si monitorano impatti, esperienza degli attori, apprendimento e collaborazione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="104"/>
        <source>Measurement: the value of an indicator for a project at a date. If the indicator is not there yet, create it with the button beside the list.</source>
        <translation>Misura: il valore di un indicatore per un progetto a una data. Se l&apos;indicatore non c&apos;è ancora, crealo con il pulsante accanto all&apos;elenco.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="107"/>
        <source>Funding: a call or source funding the project, with its amount.</source>
        <translation>Finanziamento: un bando o una fonte che finanzia il progetto, con l&apos;importo.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="137"/>
        <source>The end date cannot precede the start date.</source>
        <translation>La data di fine non può precedere la data di inizio.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="143"/>
        <source>The phase number must be greater than 0.</source>
        <translation>Il numero della fase deve essere maggiore di 0.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="145"/>
        <source>The estimated cost cannot be negative.</source>
        <translation>Il costo stimato non può essere negativo.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="146"/>
        <source>The amount cannot be negative.</source>
        <translation>L&apos;importo non può essere negativo.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="354"/>
        <source>Recommended field: {what} (you can save without it).</source>
        <translation>Campo raccomandato: {what} (puoi salvare anche senza).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="362"/>
        <source>State at least one of {fields}.</source>
        <translation>Indica almeno uno tra {fields}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="347"/>
        <source>choose at least one value of &apos;{label}&apos;</source>
        <translation>scegli almeno un valore di «{label}»</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="353"/>
        <source>Required field: {what}.</source>
        <translation>Campo obbligatorio: {what}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="358"/>
        <source>&apos;{label}&apos;</source>
        <translation>«{label}»</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="361"/>
        <source>{fields} and {field}</source>
        <translation>{fields} e {field}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="349"/>
        <source>choose &apos;{label}&apos;</source>
        <translation>scegli «{label}»</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/forms/spec.py" line="351"/>
        <source>fill in &apos;{label}&apos;</source>
        <translation>compila «{label}»</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/cli.py" line="90"/>
        <source>{gpkg}: {inserted} funding rows added, {updated} updated from {source} ({layout}); {rows} rows, {unmatched} CUPs with no project, {rejected} rows rejected.</source>
        <translation>{gpkg}: {inserted} finanziamenti aggiunti, {updated} aggiornati da {source} ({layout}); {rows} righe, {unmatched} CUP senza progetto, {rejected} righe scartate.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/cli.py" line="74"/>
        <source>{output}: {projects} projects × {calls} calls open on {date}; {eligible} eligible pairs (calls: {calls_output}).</source>
        <translation>{output}: {projects} progetti × {calls} bandi aperti al {date}; {eligible} abbinamenti idonei (bandi: {calls_output}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/cli.py" line="86"/>
        <source>Backup copy: {path}</source>
        <translation>Copia di sicurezza: {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/cli.py" line="88"/>
        <source>  line {line}: CUP {cup}: {reason}</source>
        <translation>  riga {line}: CUP {cup}: {reason}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/cli.py" line="65"/>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="104"/>
        <source>Invalid date {date}: use YYYY-MM-DD.</source>
        <translation>Data non valida {date}: usare AAAA-MM-GG.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="58"/>
        <source>Applicant</source>
        <translation>Beneficiario</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="59"/>
        <source>Homogeneous zone</source>
        <translation>Zona omogenea</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="60"/>
        <source>Fields</source>
        <translation>Ambiti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="61"/>
        <source>Aims</source>
        <translation>Finalità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="62"/>
        <source>Kind of intervention</source>
        <translation>Tipo di intervento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="63"/>
        <source>Project level</source>
        <translation>Livello progettuale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="64"/>
        <source>Amount</source>
        <translation>Importo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="65"/>
        <source>Co-funding</source>
        <translation>Cofinanziamento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="73"/>
        <source>the call names no applicants</source>
        <translation>il bando non indica i beneficiari</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="74"/>
        <source>eligible applicant: {codes}</source>
        <translation>proponente ammesso: {codes}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="75"/>
        <source>applicant {have} not eligible (eligible: {want})</source>
        <translation>proponente {have} non ammesso (ammessi: {want})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="76"/>
        <source>no zone constraint</source>
        <translation>nessun vincolo di zona</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="77"/>
        <source>zone {have} admitted</source>
        <translation>zona {have} ammessa</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="78"/>
        <source>zone {have} not admitted (admitted: {want})</source>
        <translation>zona {have} non ammessa (ammesse: {want})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="79"/>
        <source>zone of municipality {comune} unknown (admitted: {want})</source>
        <translation>zona del comune {comune} sconosciuta (ammesse: {want})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="80"/>
        <source>no constraint</source>
        <translation>nessun vincolo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="81"/>
        <source>shared: {codes}</source>
        <translation>in comune: {codes}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="82"/>
        <source>none shared (project: {have}; call: {want})</source>
        <translation>nessuno in comune (progetto: {have}; bando: {want})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="83"/>
        <source>funded: {codes}</source>
        <translation>finanziato: {codes}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="84"/>
        <source>the project&apos;s interventions {have} are not funded (call: {want})</source>
        <translation>interventi del progetto {have} non finanziati (bando: {want})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="88"/>
        <source>level {have} admitted</source>
        <translation>livello {have} ammesso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="89"/>
        <source>level {have} not admitted (admitted: {want})</source>
        <translation>livello {have} non ammesso (ammessi: {want})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="90"/>
        <source>no amount limits</source>
        <translation>nessun limite di importo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="91"/>
        <source>cost {cost} within {bounds}</source>
        <translation>costo {cost} entro {bounds}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="92"/>
        <source>cost {cost} below the minimum {bound}</source>
        <translation>costo {cost} sotto il minimo {bound}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="93"/>
        <source>cost {cost} above the maximum {bound}</source>
        <translation>costo {cost} sopra il massimo {bound}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="94"/>
        <source>estimated cost missing (limits {bounds})</source>
        <translation>costo stimato mancante (limiti {bounds})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="95"/>
        <source>no co-funding required</source>
        <translation>nessun cofinanziamento richiesto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="96"/>
        <source>secured {share} % ({amount}) ≥ {want} %</source>
        <translation>assicurato {share} % ({amount}) ≥ {want} %</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="97"/>
        <source>secured {share} % ({amount}) &lt; {want} %</source>
        <translation>assicurato {share} % ({amount}) &lt; {want} %</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="98"/>
        <source>estimated cost missing: {want} % required</source>
        <translation>costo stimato mancante: richiesto {want} %</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/match.py" line="99"/>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/output.py" line="74"/>
        <location filename="../../remix_plugin/monitoring/output.py" line="102"/>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/funding/output.py" line="74"/>
        <location filename="../../remix_plugin/monitoring/output.py" line="102"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/basemap_loader.py" line="96"/>
        <source>Contacting the service of “{name}”…</source>
        <translation>Collegamento al servizio di «{name}»…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/basemap_loader.py" line="136"/>
        <source>Base map “{name}” added ({attribution}).</source>
        <translation>Mappa di base «{name}» aggiunta ({attribution}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/basemap_loader.py" line="86"/>
        <source>Unknown base map: {id}</source>
        <translation>Mappa di base sconosciuta: {id}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/basemap_loader.py" line="92"/>
        <source>“{name}” is already in the project</source>
        <translation>«{name}» è già nel progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/basemap_loader.py" line="125"/>
        <source>no answer within {seconds} s</source>
        <translation>nessuna risposta entro {seconds} s</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/basemap_loader.py" line="126"/>
        <source>“{name}” was not added: its service cannot be reached ({reason}). The base map is optional: everything else works without it.</source>
        <translation>«{name}» non è stata aggiunta: il suo servizio non è raggiungibile ({reason}). La mappa di base è facoltativa: tutto il resto funziona anche senza.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/basemap_loader.py" line="132"/>
        <source>“{name}” was not added: the service answered but QGIS could not read the layer.</source>
        <translation>«{name}» non è stata aggiunta: il servizio ha risposto ma QGIS non è riuscito a leggere il layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="147"/>
        <source>{n} validation errors block the export: no file was written. Correct them and export again (the Validate tool lists them too, with zoom to each feature).</source>
        <translation>Errori di validazione che bloccano l&apos;esportazione: {n}. Nessun file è stato scritto. Correggili ed esporta di nuovo (li elenca anche lo strumento Valida, con lo zoom su ogni elemento).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="68"/>
        <source>geometry</source>
        <translation>geometria</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="128"/>
        <source>Export blocked</source>
        <translation>Esportazione bloccata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="175"/>
        <source>Bundle imported</source>
        <translation>Pacchetto importato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="154"/>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="236"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="140"/>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="154"/>
        <source>Feature</source>
        <translation>Elemento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="154"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="140"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="154"/>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="159"/>
        <source>Open in the validation panel</source>
        <translation>Apri nel pannello della validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="187"/>
        <source>Bundle {bundle} merged into {target}.</source>
        <translation>Pacchetto {bundle} unito a {target}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="192"/>
        <source>Nothing changed: the data of this bundle are already in the database.</source>
        <translation>Nessuna modifica: i dati di questo pacchetto sono già nel database.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="193"/>
        <source>Nothing changed: the data of this bundle are already in the GeoPackage.</source>
        <translation>Nessuna modifica: i dati di questo pacchetto sono già nel GeoPackage.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="198"/>
        <source>Records already identical: {n}</source>
        <translation>Record già identici: {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="202"/>
        <source>Conflicts: {n}</source>
        <translation>Conflitti: {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="206"/>
        <source>The database keeps every previous version of the records in its history.</source>
        <translation>Il database conserva nella sua cronologia ogni versione precedente dei record.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="236"/>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="236"/>
        <source>Differing fields</source>
        <translation>Campi diversi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="194"/>
        <source>Records added: {n}</source>
        <translation>Record aggiunti: {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="196"/>
        <source>Records updated: {n}</source>
        <translation>Record aggiornati: {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="199"/>
        <source>Records kept as they are here (changed only in the database): {n}</source>
        <translation>Record lasciati come sono qui (modificati solo nel database): {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="200"/>
        <source>Records kept as they are here (changed only in this GeoPackage): {n}</source>
        <translation>Record lasciati come sono qui (modificati solo in questo GeoPackage): {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="204"/>
        <source>Backup copy made before the import: {path}</source>
        <translation>Copia di sicurezza fatta prima dell&apos;importazione: {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="208"/>
        <source>The GeoPackage was not written, so no backup copy was needed.</source>
        <translation>Il GeoPackage non è stato scritto, quindi non è servita una copia di sicurezza.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/bundle_reports.py" line="217"/>
        <source>Records changed both here and in the bundle were not overwritten: they keep the values of this GeoPackage. They are listed below and stored in the table {table} of this GeoPackage with both values of each differing field, to be settled by hand.</source>
        <translation>I record modificati sia qui sia nel pacchetto non sono stati sovrascritti: mantengono i valori di questo GeoPackage. Sono elencati qui sotto e registrati nella tabella {table} di questo GeoPackage con i due valori di ogni campo diverso, da risolvere a mano.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="185"/>
        <source>Connect to the RE.MIX database</source>
        <translation>Connetti al database RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="188"/>
        <source>Choose a PostgreSQL connection saved in QGIS or a service of pg_service.conf. The plugin checks the RE.MIX schema and loads the project stored in the database. Passwords stay in QGIS&apos;s authentication configurations or in the service file, never in the project.</source>
        <translation>Scegli una connessione PostgreSQL salvata in QGIS o un servizio di pg_service.conf. Il plugin controlla lo schema RE.MIX e carica il progetto salvato nel database. Le password restano nelle configurazioni di autenticazione di QGIS o nel file dei servizi, mai nel progetto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="204"/>
        <source>Connect</source>
        <translation>Connetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="217"/>
        <source>QGIS connection</source>
        <translation>connessione QGIS</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="217"/>
        <source>service</source>
        <translation>servizio</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="82"/>
        <source>The database {name} holds no RE.MIX schema: create it with the algorithm &apos;Create RE.MIX central database&apos; (Processing) or with &apos;db init&apos;.</source>
        <translation>Il database {name} non contiene lo schema RE.MIX: crealo con l&apos;algoritmo «Crea database centrale RE.MIX» (Processing) o con «db init».</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="86"/>
        <source>The database {name} is at schema {version}, older than this plugin: ask the administrator to upgrade it (&apos;db upgrade&apos;).</source>
        <translation>Il database {name} è allo schema {version}, più vecchio di questo plugin: chiedi all&apos;amministratore di aggiornarlo («db upgrade»).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="94"/>
        <source>The database {name} holds no RE.MIX QGIS project: the administrator stores it with &apos;Create RE.MIX central database&apos;.</source>
        <translation>Il database {name} non contiene il progetto QGIS RE.MIX: l&apos;amministratore lo salva con «Crea database centrale RE.MIX».</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="152"/>
        <source>Connecting to the RE.MIX database</source>
        <translation>La connessione al database RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="167"/>
        <source>Connected to the RE.MIX database {name}.</source>
        <translation>Connesso al database RE.MIX {name}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="227"/>
        <source>No PostgreSQL connection is saved in QGIS and no pg_service.conf service was found: add one in the Data Source Manager.</source>
        <translation>In QGIS non c&apos;è nessuna connessione PostgreSQL salvata e nessun servizio in pg_service.conf: aggiungine una dal Gestore delle sorgenti dati.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="264"/>
        <source>The connection keeps its password in clear: the project does not use it; QGIS will ask for it. An authentication configuration or a service is better.</source>
        <translation>La connessione salva la password in chiaro: il progetto non la usa; QGIS la chiederà. Meglio una configurazione di autenticazione o un servizio.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/central_connect.py" line="160"/>
        <source>The RE.MIX project of the database {name} does not open: check your login&apos;s rights (see the message log).</source>
        <translation>Il progetto RE.MIX del database {name} non si apre: controlla i diritti del tuo accesso (vedi il registro dei messaggi).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="27"/>
        <location filename="../../remix_plugin/gui/dock.py" line="179"/>
        <source>RE.MIX</source>
        <translation>RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="48"/>
        <location filename="../../remix_plugin/gui/dock.py" line="148"/>
        <source>Open or create a RE.MIX GeoPackage to map regeneration projects.</source>
        <translation>Apri o crea un GeoPackage RE.MIX per mappare i progetti di rigenerazione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="55"/>
        <location filename="../../remix_plugin/plugin.py" line="94"/>
        <source>New RE.MIX GeoPackage…</source>
        <translation>Nuovo GeoPackage RE.MIX…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="56"/>
        <location filename="../../remix_plugin/plugin.py" line="95"/>
        <source>Create an empty RE.MIX GeoPackage with its forms, styles and project</source>
        <translation>Crea un GeoPackage RE.MIX vuoto con i suoi moduli, stili e progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="60"/>
        <location filename="../../remix_plugin/plugin.py" line="99"/>
        <source>Open RE.MIX GeoPackage…</source>
        <translation>Apri GeoPackage RE.MIX…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="61"/>
        <location filename="../../remix_plugin/plugin.py" line="100"/>
        <source>Open a RE.MIX GeoPackage and the project stored inside it</source>
        <translation>Apri un GeoPackage RE.MIX e il progetto salvato al suo interno</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="65"/>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="65"/>
        <source>Connect to the RE.MIX database…</source>
        <translation>Connetti al database RE.MIX…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="67"/>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="66"/>
        <source>Open the central RE.MIX database (PostgreSQL) from a saved QGIS connection or a pg_service.conf service, with the project stored in it</source>
        <translation>Apri il database centrale RE.MIX (PostgreSQL) da una connessione salvata in QGIS o da un servizio di pg_service.conf, con il progetto salvato al suo interno</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_actions.py" line="122"/>
        <source>Draw the perimeter of the project&apos;s first work now?</source>
        <translation>Disegnare ora il perimetro del primo lavoro del progetto?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_actions.py" line="63"/>
        <source>new feature</source>
        <translation>nuovo elemento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_actions.py" line="124"/>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="37"/>
        <source>New project</source>
        <translation>Nuovo progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_controller.py" line="202"/>
        <source>Open a RE.MIX GeoPackage first</source>
        <translation>Apri prima un GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_controller.py" line="203"/>
        <source>Select a project (or one of its items) in the tree first</source>
        <translation>Seleziona prima un progetto (o uno dei suoi elementi) nell&apos;albero</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_controller.py" line="238"/>
        <source>Added to “{layer}”{project} — not saved yet: use Save in the RE.MIX panel</source>
        <translation>Aggiunto a «{layer}»{project}, non ancora salvato: usa Salva nel pannello RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_controller.py" line="245"/>
        <source>{programmes} programmes · {projects} projects · {works} works · {actions} actions · {problems} problems</source>
        <translation>{programmes} programmi · {projects} progetti · {works} lavori · {actions} azioni · {problems} criticità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_controller.py" line="219"/>
        <source>The layer of this table is not in the project</source>
        <translation>Il layer di questa tabella non è nel progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_controller.py" line="240"/>
        <source> of the project “{title}”</source>
        <translation> del progetto «{title}»</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_controller.py" line="251"/>
        <source>{visible} of {total} projects shown</source>
        <translation>{visible} progetti mostrati su {total}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="38"/>
        <source>Create a new project: fill its form, then draw the perimeter of its first work</source>
        <translation>Crea un nuovo progetto: compila il modulo, poi disegna il perimetro del primo lavoro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="40"/>
        <source>Draw perimeter</source>
        <translation>Disegna perimetro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="41"/>
        <source>Draw the perimeter of a new work of the selected project, snapping to the comuni and to the visible layers</source>
        <translation>Disegna il perimetro di un nuovo lavoro del progetto selezionato, con aggancio ai comuni e ai layer visibili</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="45"/>
        <source>Perimeter from selection</source>
        <translation>Perimetro dalla selezione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="46"/>
        <source>Create a work of the selected project from each selected feature of the active polygon layer (cadastral parcel, PGT area…), transformed to the working CRS</source>
        <translation>Crea un lavoro del progetto selezionato da ogni elemento selezionato del layer di poligoni attivo (particella catastale, ambito del PGT…), trasformato nel sistema di riferimento di lavoro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="49"/>
        <source>Attach action</source>
        <translation>Collega azione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="50"/>
        <source>Add an action (social, cultural or economic) to the selected project or work</source>
        <translation>Aggiungi un&apos;azione (sociale, culturale o economica) al progetto o al lavoro selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="52"/>
        <source>Add problem</source>
        <translation>Aggiungi criticità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="53"/>
        <source>Add a problem (criticità) answered by the selected project</source>
        <translation>Aggiungi una criticità a cui risponde il progetto selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="55"/>
        <source>Add actor</source>
        <translation>Aggiungi attore</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="56"/>
        <source>Involve an actor in the selected project</source>
        <translation>Coinvolgi un attore nel progetto selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="58"/>
        <source>Add phase</source>
        <translation>Aggiungi fase</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="59"/>
        <source>Add the next phase of the selected project</source>
        <translation>Aggiungi la fase successiva del progetto selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="61"/>
        <source>Add measurement</source>
        <translation>Aggiungi misurazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="62"/>
        <source>Record a measurement of an indicator (KPI) for the selected project</source>
        <translation>Registra una misurazione di un indicatore (KPI) per il progetto selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="70"/>
        <source>Publish on the web…</source>
        <translation>Pubblica sul web…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="71"/>
        <source>Write the static web atlas of the projects marked &apos;pubblicabile&apos; into a folder (in the background): map, cards, filters and story maps, no personal data</source>
        <translation>Scrive in una cartella l&apos;atlante web statico dei progetti segnati come &apos;pubblicabile&apos; (in background): mappa, schede, filtri e storymap, nessun dato personale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="75"/>
        <source>Prepare for QGIS Server…</source>
        <translation>Prepara per QGIS Server…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="76"/>
        <source>Write a QGIS project (.qgs) beside the data that QGIS Server, G3W-SUITE or Lizmap can serve: WMS, WFS and OGC API – Features of the projects marked &apos;pubblicabile&apos;, with their cards and the atlas for printing, no personal data</source>
        <translation>Scrive accanto ai dati un progetto QGIS (.qgs) che QGIS Server, G3W-SUITE o Lizmap possono servire: WMS, WFS e OGC API – Features dei progetti segnati come &apos;pubblicabile&apos;, con le loro schede e l&apos;atlante da stampare, nessun dato personale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="121"/>
        <source>Comune</source>
        <translation>Comune</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="122"/>
        <source>Only projects in this comune (their own or their works&apos;)</source>
        <translation>Solo i progetti in questo comune (propri o dei loro lavori)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="123"/>
        <source>Zona omogenea</source>
        <translation>Zona omogenea</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="124"/>
        <source>Only projects in a comune of this zona omogenea</source>
        <translation>Solo i progetti in un comune di questa zona omogenea</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="125"/>
        <source>Field of opportunity</source>
        <translation>Ambito di opportunità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="126"/>
        <source>Only projects with this field of opportunity</source>
        <translation>Solo i progetti con questo ambito di opportunità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="127"/>
        <source>Scale of impact</source>
        <translation>Scala dell&apos;impatto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="128"/>
        <source>Only projects with this scale of expected impact</source>
        <translation>Solo i progetti con questa scala dell&apos;impatto atteso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="130"/>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="131"/>
        <source>Only projects in this state</source>
        <translation>Solo i progetti in questo stato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="164"/>
        <source>Compatible calls</source>
        <translation>Bandi compatibili</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="165"/>
        <source>The open calls for funding the selected project may apply to, each criterion with its reason; or the candidate projects of a call</source>
        <translation>I bandi aperti a cui il progetto selezionato può partecipare, ogni criterio con il suo motivo; oppure i progetti candidati di un bando</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="170"/>
        <source>The indicators of the selected project: measurements over time against the baseline and the target, and whether it is on track, late or achieved</source>
        <translation>Gli indicatori del progetto selezionato: le misure nel tempo rispetto al valore di partenza e all&apos;obiettivo, e se è in linea, in ritardo o raggiunto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="174"/>
        <source>Priority</source>
        <translation>Priorità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="175"/>
        <source>The metropolitan priority score of the selected project, with the points of each criterion of the profile</source>
        <translation>Il punteggio di priorità metropolitana del progetto selezionato, con i punti di ogni criterio del profilo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="179"/>
        <source>Network proposals</source>
        <translation>Proposte di rete</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_definitions.py" line="180"/>
        <source>Proposals of networks of projects (programmi a rete) by proximity and by theme, to accept or reject</source>
        <translation>Proposte di reti di progetti (programmi a rete) per prossimità e per tema, da accettare o rifiutare</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="97"/>
        <source>Parcels come from a vector layer: the cadastral WFS of the Agenzia delle Entrate (Layer ▸ Add WFS layer, layer CadastralParcel), the comune&apos;s cadastral or PGT files, or any polygon file. Make it active in the Layers panel and select the parcels on the map.</source>
        <translation>Le particelle vengono da un layer vettoriale: il WFS catastale dell&apos;Agenzia delle Entrate (Layer ▸ Aggiungi layer WFS, layer CadastralParcel), i file catastali o del PGT del comune, o qualsiasi file di poligoni. Rendilo attivo nel pannello Layer e seleziona le particelle sulla mappa.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="196"/>
        <source>Draw the perimeter: click to add vertices, right click to close it; the form of the new work opens then</source>
        <translation>Disegna il perimetro: clic per aggiungere i vertici, clic destro per chiuderlo; poi si apre il modulo del nuovo lavoro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="137"/>
        <source>Changing the language of the labels</source>
        <translation>Cambiare la lingua delle etichette</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="177"/>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="213"/>
        <source>Select a project in the tree first</source>
        <translation>Seleziona prima un progetto nell&apos;albero</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="222"/>
        <source>{count} works added to the edit buffer of “{layer}” (not saved yet)</source>
        <translation>{count} lavori aggiunti alle modifiche di “{layer}” (non ancora salvati)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="105"/>
        <source>Make a polygon layer (e.g. cadastral parcels) active in the Layers panel and select the features to copy</source>
        <translation>Rendi attivo nel pannello Layer un layer di poligoni (ad es. le particelle catastali) e seleziona gli elementi da copiare</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="108"/>
        <source>Select one or more features of “{layer}” on the map</source>
        <translation>Seleziona sulla mappa uno o più elementi di “{layer}”</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="147"/>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="147"/>
        <source>English</source>
        <translation>inglese</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="148"/>
        <source>Layer names and forms are now in {language}.</source>
        <translation>I nomi dei layer e le schede ora sono in {language}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="225"/>
        <source>{count} features without geometry skipped</source>
        <translation>{count} elementi senza geometria ignorati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_operations.py" line="102"/>
        <source>“{layer}” is a picture (a WMS or tile map): its parcels cannot be selected.</source>
        <translation>«{layer}» è un&apos;immagine (una mappa WMS o a tile): le sue particelle non si possono selezionare.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="127"/>
        <source>The validation</source>
        <translation>La validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="166"/>
        <source>The atlas</source>
        <translation>L&apos;atlante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="176"/>
        <source>Printing the atlas in the background…</source>
        <translation>Stampa dell&apos;atlante in corso in background…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="249"/>
        <source>The export</source>
        <translation>L&apos;esportazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="41"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="121"/>
        <source>Validate</source>
        <translation>Valida</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="42"/>
        <source>Check the saved data against the RE.MIX scheme (in the background); the findings open in their own panel</source>
        <translation>Verifica i dati salvati rispetto alla tassonomia RE.MIX (in background); le segnalazioni si aprono in un pannello dedicato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="44"/>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="52"/>
        <source>Atlas PDF</source>
        <translation>Atlante PDF</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="45"/>
        <source>Print the atlas of the projects (cover, summary, one page per project) as a PDF</source>
        <translation>Stampa l&apos;atlante dei progetti (copertina, sommario, una pagina per progetto) in PDF</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="47"/>
        <source>Export bundle…</source>
        <translation>Esporta pacchetto regionale…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="48"/>
        <source>Export the regional bundle for Regione Lombardia (validation errors block it)</source>
        <translation>Esporta il pacchetto per Regione Lombardia (gli errori di validazione lo bloccano)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="50"/>
        <source>Import bundle…</source>
        <translation>Importa pacchetto regionale…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="51"/>
        <source>Merge a regional bundle into this GeoPackage by UUID (a backup copy is made first)</source>
        <translation>Unisce un pacchetto regionale a questo GeoPackage per UUID (prima viene fatta una copia di sicurezza)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="132"/>
        <source>RE.MIX — validation findings</source>
        <translation>RE.MIX — esito della validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="156"/>
        <source>The atlas is already being printed.</source>
        <translation>L&apos;atlante è già in stampa.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="162"/>
        <source>Save the atlas as PDF</source>
        <translation>Salva l&apos;atlante in PDF</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="163"/>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="52"/>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="54"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="221"/>
        <source>A bundle is already being exported: wait for it to finish (or cancel it in the task manager).</source>
        <translation>Un pacchetto è già in esportazione: attendi che finisca (o annullala nel gestore delle attività).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="318"/>
        <source>A bundle is already being imported.</source>
        <translation>Un pacchetto è già in importazione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="320"/>
        <source>Importing a bundle</source>
        <translation>Importare un pacchetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="333"/>
        <source>Import a regional bundle</source>
        <translation>Importa un pacchetto regionale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="334"/>
        <source>RE.MIX bundle (*.gpkg *.zip)</source>
        <translation>Pacchetto RE.MIX (*.gpkg *.zip)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="339"/>
        <source>Choose a bundle: this GeoPackage cannot be imported into itself.</source>
        <translation>Scegli un pacchetto: questo GeoPackage non può essere importato in se stesso.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="195"/>
        <source>Atlas printing cancelled: no file was written.</source>
        <translation>Stampa dell&apos;atlante annullata: nessun file è stato scritto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="270"/>
        <source>Exporting {name} in the background (progress and cancel in the task manager)…</source>
        <translation>Esportazione di {name} in background (avanzamento e annullamento nel gestore delle attività)…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="345"/>
        <source>Importing {name} in the background…</source>
        <translation>Importazione di {name} in background…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="363"/>
        <source>Bundle already imported: nothing changed in the database.</source>
        <translation>Pacchetto già importato: nel database non è cambiato nulla.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="364"/>
        <source>Bundle already imported: nothing changed in the GeoPackage.</source>
        <translation>Pacchetto già importato: nel GeoPackage non è cambiato nulla.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="372"/>
        <source>Import cancelled: the GeoPackage was not changed.</source>
        <translation>Importazione annullata: il GeoPackage non è stato modificato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="117"/>
        <source>{what} reads the saved data: unsaved edits in {layers} are not included. Save them first to include them.</source>
        <translation>{what} legge i dati salvati: le modifiche non salvate in {layers} non sono incluse. Salvale prima per includerle.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="192"/>
        <source>Atlas saved: {path} ({pages} pages)</source>
        <translation>Atlante salvato: {path} ({pages} pagine)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="279"/>
        <source>Bundle written: {name} — {projects} projects, {warnings} warnings (listed in the bundle), content hash {hash}…</source>
        <translation>Pacchetto scritto: {name} — progetti: {projects}, avvisi: {warnings} (elencati nel pacchetto), hash del contenuto {hash}…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="293"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Esportazione annullata: nessun file è stato scritto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="367"/>
        <source>Bundle imported: {added} records added, {updated} updated, {conflicts} conflicts (nothing overwritten).</source>
        <translation>Pacchetto importato: record aggiunti {added}, aggiornati {updated}, conflitti {conflicts} (nulla è stato sovrascritto).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="240"/>
        <location filename="../../remix_plugin/web/cli.py" line="111"/>
        <source>Cannot read {path}: {error}</source>
        <translation>Impossibile leggere {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="290"/>
        <source>Export blocked by {n} validation errors: no file was written.</source>
        <translation>Esportazione bloccata da errori di validazione ({n}): nessun file è stato scritto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="296"/>
        <source>Export failed: {reason} No file was written.</source>
        <translation>Esportazione non riuscita: {reason} Nessun file è stato scritto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="379"/>
        <source>Import failed: {reason}</source>
        <translation>Importazione non riuscita: {reason}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="374"/>
        <source>Import refused: {reason} Nothing was written in the database.</source>
        <translation>Importazione rifiutata: {reason} Nel database non è stato scritto nulla.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="375"/>
        <source>Import refused: {reason} The GeoPackage was not changed.</source>
        <translation>Importazione rifiutata: {reason} Il GeoPackage non è stato modificato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="401"/>
        <source>(all)</source>
        <translation>(tutti)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="199"/>
        <source>Search projects, works, actions, comuni…</source>
        <translation>Cerca progetti, lavori, azioni, comuni…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="200"/>
        <source>Shows the projects whose title, comune or works, actions and problems contain the text</source>
        <translation>Mostra i progetti il cui titolo, comune o i cui lavori, azioni e criticità contengono il testo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="310"/>
        <source>Filters</source>
        <translation>Filtri</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="326"/>
        <source>Only with problems</source>
        <translation>Solo con problemi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="330"/>
        <source>Clear filters</source>
        <translation>Azzera filtri</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="331"/>
        <source>Show every project again</source>
        <translation>Mostra di nuovo tutti i progetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="346"/>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="347"/>
        <source>Save the edits of every layer of this GeoPackage together (projects before their works, actions, actors, phases and measurements)</source>
        <translation>Salva insieme le modifiche di tutti i layer di questo GeoPackage (i progetti prima dei loro lavori, azioni, attori, fasi e misure)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="357"/>
        <location filename="../../remix_plugin/gui/web_publish.py" line="171"/>
        <source>Base map</source>
        <translation>Mappa di base</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="358"/>
        <source>Add a base map to draw on (cadastre, orthophoto, topographic database, OpenStreetMap): needs the network, never required</source>
        <translation>Aggiungi una mappa di base su cui disegnare (catasto, ortofoto, database topografico, OpenStreetMap): serve la rete, non è mai obbligatoria</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="371"/>
        <source>Language of the layer names and forms stored in this GeoPackage</source>
        <translation>Lingua dei nomi dei layer e delle schede salvati in questo GeoPackage</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="572"/>
        <source>Reading the data…</source>
        <translation>Lettura dei dati…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="620"/>
        <source>(choose a call)</source>
        <translation>(scegli un bando)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="740"/>
        <source>There is nothing to save</source>
        <translation>Non c&apos;è nulla da salvare</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="890"/>
        <source>Only projects with findings of the last validation</source>
        <translation>Solo i progetti con segnalazioni dell&apos;ultima validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="893"/>
        <source>Run the validation first: it tells which projects have problems</source>
        <translation>Esegui prima la validazione: indica quali progetti hanno problemi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="273"/>
        <source>The calls open on this day (today by default)</source>
        <translation>I bandi aperti in questo giorno (oggi, se non scegli un&apos;altra data)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="280"/>
        <source>Show the candidate projects of an open call</source>
        <translation>Mostra i progetti candidati di un bando aperto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="466"/>
        <source>The layers of this RE.MIX GeoPackage are not in the project. Open it again with “Open RE.MIX GeoPackage…”.</source>
        <translation>I layer di questo GeoPackage RE.MIX non sono nel progetto. Riaprilo con “Apri GeoPackage RE.MIX…”.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="543"/>
        <source>This panel works on a RE.MIX GeoPackage: it is not available on the central database yet.</source>
        <translation>Questo pannello lavora su un GeoPackage RE.MIX: sul database centrale non è ancora disponibile.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="737"/>
        <source>All changes saved</source>
        <translation>Tutte le modifiche sono salvate</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="275"/>
        <source>Open on</source>
        <translation>Aperti al</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="284"/>
        <source>Call</source>
        <translation>Bando</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_view.py" line="590"/>
        <location filename="../../remix_plugin/gui/dock_view.py" line="558"/>
        <source>This panel cannot read the data: {error}</source>
        <translation>Questo pannello non riesce a leggere i dati: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="207"/>
        <source>{label} — projects: {n}</source>
        <translation>{label} — progetti: {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="217"/>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="594"/>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="599"/>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="50"/>
        <source>Export regional bundle</source>
        <translation>Esporta pacchetto regionale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="248"/>
        <source>What to export</source>
        <translation>Cosa esportare</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="300"/>
        <source>Producer</source>
        <translation>Produttore</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="304"/>
        <source>ISTAT code of the comune, or CMM</source>
        <translation>codice ISTAT del comune, o CMM</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="305"/>
        <source>The 6-digit ISTAT code of the comune that sends the bundle, or CMM for the Città metropolitana; it is part of the file name</source>
        <translation>Il codice ISTAT a 6 cifre del comune che invia il pacchetto, o CMM per la Città metropolitana; fa parte del nome del file</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="307"/>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="309"/>
        <source>e.g. Comune di Rho</source>
        <translation>es. Comune di Rho</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="310"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="312"/>
        <source>contact e-mail for the metadata</source>
        <translation>e-mail di contatto per i metadati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="313"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="316"/>
        <source>Validation</source>
        <translation>Validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="319"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="65"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="119"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="64"/>
        <source>strict (what the Region accepts)</source>
        <translation>rigoroso (ciò che la Regione accetta)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="320"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="65"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="120"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="64"/>
        <source>draft (work in progress)</source>
        <translation>bozza (lavoro in corso)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="321"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="63"/>
        <source>Profile</source>
        <translation>Profilo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="327"/>
        <source>Output</source>
        <translation>File prodotto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="331"/>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="93"/>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="126"/>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="43"/>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="64"/>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="73"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="333"/>
        <source>Save the bundle as</source>
        <translation>Salva il pacchetto come</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="335"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="336"/>
        <source>Include the layer styles</source>
        <translation>Includi gli stili dei layer</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="337"/>
        <source>The default QGIS styles of the exported layers travel in the bundle (layer_styles)</source>
        <translation>Gli stili QGIS predefiniti dei layer esportati viaggiano nel pacchetto (layer_styles)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="351"/>
        <source>Export</source>
        <translation>Esporta</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="240"/>
        <source>The bundle is the GeoPackage sent to CMM and Regione Lombardia. It is written from the data saved in the central database (one snapshot read through your connection); the database is not modified.</source>
        <translation>Il bundle è il GeoPackage inviato a CMM e a Regione Lombardia. Viene scritto dai dati salvati nel database centrale (una fotografia letta con la tua connessione); il database non viene modificato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="243"/>
        <source>The bundle is the GeoPackage sent to CMM and Regione Lombardia. It is written from the saved data; this GeoPackage is not modified.</source>
        <translation>Il pacchetto è il GeoPackage da inviare a CMM e a Regione Lombardia. È scritto dai dati salvati; questo GeoPackage non viene modificato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="253"/>
        <source>The projects of a comune</source>
        <translation>I progetti di un comune</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="254"/>
        <source>The projects of a zona omogenea</source>
        <translation>I progetti di una zona omogenea</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="255"/>
        <source>The projects of a programme</source>
        <translation>I progetti di un programma</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="256"/>
        <source>The selected projects</source>
        <translation>I progetti selezionati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="288"/>
        <source>Select projects in the RE.MIX panel, on the map or in the attribute table first</source>
        <translation>Prima seleziona dei progetti nel pannello RE.MIX, sulla mappa o nella tabella degli attributi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="467"/>
        <source>Projects to export: {n}</source>
        <translation>Progetti da esportare: {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="538"/>
        <source>Choose what to export.</source>
        <translation>Scegli cosa esportare.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="545"/>
        <source>The producer must be the 6-digit ISTAT code of a comune of the Città metropolitana di Milano, or CMM.</source>
        <translation>Il produttore deve essere il codice ISTAT a 6 cifre di un comune della Città metropolitana di Milano, o CMM.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="548"/>
        <source>The e-mail address does not look valid.</source>
        <translation>L&apos;indirizzo e-mail non sembra valido.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="551"/>
        <source>Choose the file of the bundle.</source>
        <translation>Scegli il file del pacchetto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="565"/>
        <source>Draft: for work in progress; completeness checks are off or only warnings. Errors still block the export; the profile is written in the bundle&apos;s manifest.</source>
        <translation>Bozza: per il lavoro in corso; i controlli di completezza sono spenti o solo avvisi. Gli errori bloccano comunque l&apos;esportazione; il profilo è scritto nel manifesto del pacchetto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="569"/>
        <source>Strict: the checks of what Regione Lombardia accepts; every error blocks the export, warnings travel in the bundle.</source>
        <translation>Rigoroso: i controlli di ciò che Regione Lombardia accetta; ogni errore blocca l&apos;esportazione, gli avvisi viaggiano nel pacchetto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="251"/>
        <source>All the projects of the database</source>
        <translation>Tutti i progetti del database</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="252"/>
        <source>All the projects of the file</source>
        <translation>Tutti i progetti del file</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="284"/>
        <source>The selected projects ({n})</source>
        <translation>I progetti selezionati ({n})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="540"/>
        <source>None of the selected projects is saved in the database.</source>
        <translation>Nessuno dei progetti selezionati è salvato nel database.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="541"/>
        <source>None of the selected projects is saved in the file.</source>
        <translation>Nessuno dei progetti selezionati è salvato nel file.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="553"/>
        <source>The bundle cannot replace the RE.MIX GeoPackage it is exported from.</source>
        <translation>Il pacchetto non può sostituire il GeoPackage RE.MIX da cui è esportato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="280"/>
        <source>The file has none</source>
        <translation>Il file non ne contiene</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="470"/>
        <source>comuni: {names}</source>
        <translation>comuni: {names}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="600"/>
        <source>The bundle {name} already exists. Replace it with the new one?</source>
        <translation>Il pacchetto {name} esiste già. Sostituirlo con quello nuovo?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="291"/>
        <source>Selected but not saved yet, so not exported: {n}</source>
        <translation>Selezionati ma non ancora salvati, quindi non esportati: {n}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="557"/>
        <source>{name} is a folder.</source>
        <translation>{name} è una cartella.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/export_dialog.py" line="559"/>
        <source>{name} already exists and is not a RE.MIX bundle: choose another name.</source>
        <translation>{name} esiste già e non è un pacchetto RE.MIX: scegli un altro nome.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="71"/>
        <source>{n} error</source>
        <translation>{n} errore</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="71"/>
        <source>{n} errors</source>
        <translation>{n} errori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="72"/>
        <source>{n} warning</source>
        <translation>{n} avviso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="72"/>
        <source>{n} warnings</source>
        <translation>{n} avvisi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="73"/>
        <source>{n} accepted exception</source>
        <translation>{n} eccezione accettata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="74"/>
        <source>{n} accepted exceptions</source>
        <translation>{n} eccezioni accettate</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="75"/>
        <source>{errors}, {warnings}, {accepted} — profile: {profile}.</source>
        <translation>{errors}, {warnings}, {accepted} — profilo: {profile}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="122"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="132"/>
        <source>Not validated yet.</source>
        <translation>Non ancora validato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="162"/>
        <source>Zoom and select</source>
        <translation>Zoom e selezione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="163"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="490"/>
        <source>Open form</source>
        <translation>Apri la scheda</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="165"/>
        <source>Open the feature&apos;s form to correct it (in edit mode: the panel offers to start editing the layer)</source>
        <translation>Apre la scheda dell&apos;elemento per correggerlo (in modifica: il pannello propone di attivare la modifica del layer)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="168"/>
        <source>Mark fixed</source>
        <translation>Segna come corretto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="169"/>
        <source>Accept as exception…</source>
        <translation>Accetta come eccezione…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="213"/>
        <source>Validating…</source>
        <translation>Validazione in corso…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="243"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="74"/>
        <source>Errors</source>
        <translation>Errori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="243"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="75"/>
        <source>Warnings</source>
        <translation>Avvisi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="390"/>
        <source>RE.MIX findings</source>
        <translation>Segnalazioni RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="531"/>
        <source>Accept as exception</source>
        <translation>Accetta come eccezione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="532"/>
        <source>Why is this finding acceptable?</source>
        <translation>Perché questa segnalazione è accettabile?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="140"/>
        <source>Finding</source>
        <translation>Segnalazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="140"/>
        <source>Rule</source>
        <translation>Regola</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="191"/>
        <source>The layers shown are neither a saved GeoPackage nor the central database: nothing to validate.</source>
        <translation>I layer mostrati non sono né un GeoPackage salvato né il database centrale: non c&apos;è niente da validare.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="372"/>
        <source>The central database keeps no exceptions: a finding accepted as an exception is stored in a GeoPackage. Correct the data, or accept the exception in the comune&apos;s checked-out GeoPackage.</source>
        <translation>Il database centrale non conserva eccezioni: una segnalazione accettata come eccezione si registra in un GeoPackage. Correggi il dato, oppure accetta l&apos;eccezione nel GeoPackage estratto dal comune (checkout).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="420"/>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="420"/>
        <source>Warning</source>
        <translation>Avviso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="230"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="121"/>
        <source>Validation cancelled.</source>
        <translation>Validazione annullata.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="491"/>
        <source>“{layer}” is not in edit mode, so its form can only be read. Start editing it to correct the feature?</source>
        <translation>«{layer}» non è in modifica, quindi la scheda si può solo leggere. Attivare la modifica per correggere l&apos;elemento?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="232"/>
        <source>Validation failed.</source>
        <translation>Validazione non riuscita.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="38"/>
        <location filename="../../remix_plugin/gui/funding_view.py" line="88"/>
        <source>Select a project or a call.</source>
        <translation>Seleziona un progetto o un bando.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="53"/>
        <location filename="../../remix_plugin/gui/funding_view.py" line="139"/>
        <source>Call and criteria</source>
        <translation>Bando e criteri</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="151"/>
        <source>closes</source>
        <translation>chiude</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="164"/>
        <source>Project and criteria</source>
        <translation>Progetto e criteri</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="63"/>
        <source>Result</source>
        <translation>Esito</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="78"/>
        <source>{calls} calls open on {day}; {eligible} eligible project-call pairs. A criterion the call does not constrain is met.</source>
        <translation>{calls} bandi aperti al {day}; {eligible} coppie progetto-bando idonee. Un criterio che il bando non vincola è soddisfatto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="92"/>
        <source>eligible</source>
        <translation>idoneo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="144"/>
        <source>Calls for «{titolo}»: {eligible} eligible of {n_matches} open</source>
        <translation>Bandi compatibili con «{titolo}»: {eligible} idonei su {n_matches} aperti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/funding_view.py" line="168"/>
        <source>Candidate projects for «{titolo}»: {eligible} eligible of {n_matches}</source>
        <translation>Progetti candidati per «{titolo}»: {eligible} idonei su {n_matches}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="215"/>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="48"/>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="13"/>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="43"/>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="41"/>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="60"/>
        <location filename="../../remix_plugin/processing/algorithms/priority_score.py" line="41"/>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="55"/>
        <source>RE.MIX GeoPackage</source>
        <translation>GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="222"/>
        <source>Upgrade the RE.MIX GeoPackage?</source>
        <translation>Aggiornare il GeoPackage RE.MIX?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="56"/>
        <source>Reference system of the new GeoPackage</source>
        <translation>Sistema di riferimento del nuovo GeoPackage</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="58"/>
        <source>EPSG:32632 is the system of Regione Lombardia&apos;s geoportal (recommended); EPSG:7791 is the national reference: the two coincide (null transformation).</source>
        <translation>EPSG:32632 è il sistema del geoportale di Regione Lombardia (consigliato); EPSG:7791 è il riferimento nazionale: i due coincidono (trasformazione nulla).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="93"/>
        <source>New RE.MIX GeoPackage</source>
        <translation>Nuovo GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="104"/>
        <source>Creating a new GeoPackage</source>
        <translation>Creare un nuovo GeoPackage</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="126"/>
        <source>Open RE.MIX GeoPackage</source>
        <translation>Apri GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="164"/>
        <source>Opening {name}</source>
        <translation>Aprire {name}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="118"/>
        <source>RE.MIX GeoPackage created: {path}</source>
        <translation>GeoPackage RE.MIX creato: {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="223"/>
        <source>{name} was made by an older version of the plugin (schema {version}). Upgrade it now? A backup copy of the file is made first.</source>
        <translation>{name} è stato creato da una versione precedente del plugin (schema {version}). Aggiornarlo ora? Prima viene fatta una copia di sicurezza del file.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="180"/>
        <source>File upgraded. Backup copy of the old file: {path}</source>
        <translation>File aggiornato. Copia di sicurezza del file precedente: {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="188"/>
        <source>The RE.MIX project of {name} could not be opened.</source>
        <translation>Non è stato possibile aprire il progetto RE.MIX di {name}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="116"/>
        <source>The GeoPackage could not be created: {error}</source>
        <translation>Non è stato possibile creare il GeoPackage: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="178"/>
        <source>The upgrade failed, the file was not changed: {error}</source>
        <translation>L&apos;aggiornamento non è riuscito, il file non è stato modificato: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/link_create.py" line="29"/>
        <source>New actor…</source>
        <translation>Nuovo attore…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/link_create.py" line="30"/>
        <source>Create a new actor in its own form and link it here</source>
        <translation>Crea un nuovo attore nella sua scheda e collegalo qui</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/link_create.py" line="31"/>
        <source>New indicator…</source>
        <translation>Nuovo indicatore…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/link_create.py" line="32"/>
        <source>Create a new indicator in its own form and link it here</source>
        <translation>Crea un nuovo indicatore nella sua scheda e collegalo qui</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/monitoring_view.py" line="126"/>
        <location filename="../../remix_plugin/gui/monitoring_view.py" line="167"/>
        <source>Select a project.</source>
        <translation>Seleziona un progetto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/monitoring_view.py" line="138"/>
        <source>Grey dashed line: baseline; green dashed: target (◆ at the target date); green dotted: planned path. Series colour: green achieved, blue on track, red late.</source>
        <translation>Linea grigia tratteggiata: valore di partenza; verde tratteggiata: obiettivo (◆ alla data obiettivo); verde punteggiata: percorso previsto. Colore della serie: verde raggiunto, blu in linea, rosso in ritardo.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/monitoring_view.py" line="183"/>
        <source>Indicators of «{title}»: {n_measured}</source>
        <translation>Indicatori di «{title}»: {n_measured}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/monitoring_view.py" line="179"/>
        <source>«{title}»: no indicator measurement.</source>
        <translation>«{title}»: nessuna misura degli indicatori.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/perimeter_tools.py" line="240"/>
        <source>Perimeters from selected features</source>
        <translation>Perimetri dagli elementi selezionati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/perimeter_tools.py" line="207"/>
        <source>The layer is not a polygon layer</source>
        <translation>Il layer non è un layer di poligoni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/perimeter_tools.py" line="209"/>
        <location filename="../../remix_plugin/gui/perimeter_tools.py" line="111"/>
        <source>The works layer cannot be edited (read-only file or locked?)</source>
        <translation>Il layer dei lavori non è modificabile (file in sola lettura o bloccato?)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/perimeter_tools.py" line="244"/>
        <source>QGIS refused to add the perimeters to the works layer</source>
        <translation>QGIS non ha accettato i perimetri nel layer dei lavori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/perimeter_tools.py" line="114"/>
        <source>The works layer has no project field: is it a RE.MIX GeoPackage?</source>
        <translation>Il layer dei lavori non ha il campo del progetto: è un GeoPackage RE.MIX?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/perimeter_tools.py" line="117"/>
        <source>QGIS&apos;s add feature tool is not available in this window</source>
        <translation>Lo strumento di QGIS per aggiungere elementi non è disponibile in questa finestra</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/priority_view.py" line="34"/>
        <location filename="../../remix_plugin/gui/priority_view.py" line="83"/>
        <source>Select a project to see its metropolitan priority.</source>
        <translation>Seleziona un progetto per vederne la priorità metropolitana.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/priority_view.py" line="38"/>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/priority_view.py" line="38"/>
        <source>Points</source>
        <translation>Punti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/priority_view.py" line="74"/>
        <source>Profile {name} {version}: weights add up to 100; each criterion is worth 0 to 1 of its weight.</source>
        <translation>Profilo {name} {version}: i pesi sommano a 100; ogni criterio vale da 0 a 1 del suo peso.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/priority_view.py" line="94"/>
        <source>Metropolitan priority of «{title}»: {score} (rank {rank} of {total})</source>
        <translation>Priorità metropolitana di «{title}»: {score} (posizione {rank} di {total})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="214"/>
        <location filename="../../remix_plugin/gui/project_tree.py" line="298"/>
        <location filename="../../remix_plugin/gui/project_tree.py" line="336"/>
        <source>(untitled)</source>
        <translation>(senza titolo)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="299"/>
        <source>Works</source>
        <translation>Lavori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="362"/>
        <source>Works, actions and problems whose project is missing or not set</source>
        <translation>Lavori, azioni e criticità il cui progetto manca o non è indicato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="353"/>
        <source>Projects without programme</source>
        <translation>Progetti senza programma</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="360"/>
        <source>Not linked to a project</source>
        <translation>Non collegati a un progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="224"/>
        <source>Phase {number}</source>
        <translation>Fase {number}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="50"/>
        <source>Largest distance between lavori of a territorial network</source>
        <translation>Distanza massima fra i lavori di una rete territoriale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="51"/>
        <source>Update proposals</source>
        <translation>Aggiorna le proposte</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="75"/>
        <source>Accept…</source>
        <translation>Accetta…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="76"/>
        <source>The proposal becomes a programma with its projects</source>
        <translation>La proposta diventa un programma con i suoi progetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="77"/>
        <source>Reject</source>
        <translation>Respingi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="78"/>
        <source>The proposal is not proposed again</source>
        <translation>La proposta non sarà riproposta</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="195"/>
        <source>Proposal rejected: it will not be proposed again.</source>
        <translation>Proposta respinta: non sarà riproposta.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="54"/>
        <source>Distance</source>
        <translation>Distanza</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="60"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="60"/>
        <source>Comuni</source>
        <translation>Comuni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="162"/>
        <source>Accept proposal</source>
        <translation>Accetta la proposta</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="162"/>
        <source>Title of the new programma:</source>
        <translation>Titolo del nuovo programma:</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="171"/>
        <source>Programma «{title}» created with {n} projects.</source>
        <translation>Programma «{title}» creato con {n} progetti.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="131"/>
        <source>{n} proposals; {s} not proposed again (already programmi or decided).</source>
        <translation>{n} proposte; {s} non riproposte (già programmi o già decise).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/proposals_view.py" line="175"/>
        <source>{n} projects already in another programma were left there.</source>
        <translation>{n} progetti già in un altro programma vi sono stati lasciati.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="31"/>
        <source>RE.MIX project for QGIS Server</source>
        <translation>Progetto RE.MIX per QGIS Server</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="52"/>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="47"/>
        <source>Prepare for QGIS Server</source>
        <translation>Prepara per QGIS Server</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="58"/>
        <location filename="../../remix_plugin/gui/web_publish.py" line="261"/>
        <source>Open folder</source>
        <translation>Apri la cartella</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="108"/>
        <source>QGIS Server project (beside the data)</source>
        <translation>Progetto per QGIS Server (accanto ai dati)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="109"/>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="62"/>
        <source>QGIS project (*.qgs)</source>
        <translation>Progetto QGIS (*.qgs)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="123"/>
        <source>The QGIS Server project is already being written.</source>
        <translation>Il progetto per QGIS Server è già in scrittura.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="128"/>
        <source>The QGIS Server project</source>
        <translation>Il progetto per QGIS Server</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="130"/>
        <source>Writing the QGIS Server project in the background…</source>
        <translation>Scrittura del progetto per QGIS Server in background…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="120"/>
        <source>Open a RE.MIX GeoPackage or connect to the RE.MIX database first.</source>
        <translation>Apri prima un GeoPackage RE.MIX o connettiti al database RE.MIX.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="74"/>
        <source>Nothing was written. Solve these problems, then try again:</source>
        <translation>Non è stato scritto nulla. Risolvi questi problemi, poi riprova:</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="44"/>
        <source>The project for QGIS Server could not be written: {error}</source>
        <translation>Non è stato possibile scrivere il progetto per QGIS Server: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="61"/>
        <source>QGIS Server project written: {path}. Published for WMS, WFS and OGC API – Features (projects marked &apos;pubblicabile&apos; only, no authors, notes or e-mails): {layers}. Atlas layout for GetPrint: {layout}.</source>
        <translation>Progetto per QGIS Server scritto: {path}. Pubblicati per WMS, WFS e OGC API – Features (solo i progetti segnati come &apos;pubblicabile&apos;, senza autori, note o e-mail): {layers}. Layout dell&apos;atlante per GetPrint: {layout}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="136"/>
        <source>QGIS Server project written: {path}</source>
        <translation>Progetto per QGIS Server scritto: {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/server_prepare.py" line="76"/>
        <source>Nothing was written: {reason}</source>
        <translation>Non è stato scritto nulla: {reason}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/unsaved.py" line="112"/>
        <source>1 unsaved change</source>
        <translation>1 modifica non salvata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/unsaved.py" line="189"/>
        <location filename="../../remix_plugin/gui/unsaved.py" line="223"/>
        <source>Unsaved edits</source>
        <translation>Modifiche non salvate</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/unsaved.py" line="113"/>
        <source>{n} unsaved changes</source>
        <translation>{n} modifiche non salvate</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/unsaved.py" line="180"/>
        <source>{changes} in {layers}. {action} would lose them. Save them first?</source>
        <translation>{changes} in {layers}. {action} le farebbe perdere. Salvarle prima?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/unsaved.py" line="148"/>
        <source>“{layer}” could not be saved; its edits and those of the layers after it are still in the edit buffer: {errors}</source>
        <translation>«{layer}» non è stato salvato; le sue modifiche e quelle dei layer seguenti sono ancora da salvare: {errors}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/unsaved.py" line="147"/>
        <source>Saved: {layers}.</source>
        <translation>Salvati: {layers}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/unsaved.py" line="152"/>
        <source>Already saved: {layers}.</source>
        <translation>Già salvati: {layers}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="94"/>
        <source>RE.MIX web atlas</source>
        <translation>Atlante web RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="148"/>
        <location filename="../../remix_plugin/gui/web_publish.py" line="257"/>
        <source>Publish on the web</source>
        <translation>Pubblica sul web</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="160"/>
        <source>A new or empty folder, or a previous publication</source>
        <translation>Una cartella nuova o vuota, o una pubblicazione precedente</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="161"/>
        <source>Browse…</source>
        <translation>Sfoglia…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="166"/>
        <source>Folder</source>
        <translation>Cartella</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="174"/>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="177"/>
        <source>WMS layers, comma-separated</source>
        <translation>Layer WMS, separati da virgola</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="178"/>
        <source>WMS layers</source>
        <translation>Layer WMS</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="181"/>
        <source>e.g. © OpenStreetMap contributors</source>
        <translation>es. © OpenStreetMap contributors</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="182"/>
        <source>Credit</source>
        <translation>Crediti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="192"/>
        <source>Publish</source>
        <translation>Pubblica</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="239"/>
        <source>Choose the folder of the web atlas.</source>
        <translation>Scegli la cartella dell&apos;atlante web.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="260"/>
        <source>Open in the browser</source>
        <translation>Apri nel browser</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="317"/>
        <source>Folder of the web atlas (new, empty or a previous publication)</source>
        <translation>Cartella dell&apos;atlante web (nuova, vuota o una pubblicazione precedente)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="330"/>
        <source>The web atlas is already being written.</source>
        <translation>L&apos;atlante web è già in scrittura.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="355"/>
        <source>The web publication</source>
        <translation>La pubblicazione web</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="358"/>
        <source>Writing the web atlas in the background…</source>
        <translation>Scrittura dell&apos;atlante web in background…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="169"/>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="117"/>
        <source>None</source>
        <translation>Nessuna</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="169"/>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="117"/>
        <source>XYZ tiles</source>
        <translation>Tasselli XYZ</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="169"/>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="117"/>
        <source>WMS</source>
        <translation>WMS</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="327"/>
        <source>The web atlas is published from a saved RE.MIX GeoPackage or from the central database: open one first.</source>
        <translation>L&apos;atlante web si pubblica da un GeoPackage RE.MIX salvato o dal database centrale: aprine uno prima.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="152"/>
        <source>Publishes the projects marked &apos;pubblicabile&apos; of {source} as a static web atlas (a folder any web server can serve).</source>
        <translation>Pubblica i progetti segnati &apos;pubblicabile&apos; di {source} come atlante web statico (una cartella che qualsiasi server web può servire).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="213"/>
        <source>https://… the WMS service address</source>
        <translation>https://… l&apos;indirizzo del servizio WMS</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="109"/>
        <source>The web atlas could not be written: {error}</source>
        <translation>Non è stato possibile scrivere l&apos;atlante web: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="267"/>
        <source>Web atlas written in {folder}: {n} projects and {m} physical works published ({held} not publishable, left out). The page needs a web server: “Open in the browser” serves the folder on this computer only (127.0.0.1).</source>
        <translation>Atlante web scritto in {folder}: pubblicati {n} progetti e {m} lavori fisici ({held} non pubblicabili, esclusi). La pagina ha bisogno di un server web: “Apri nel browser” serve la cartella solo su questo computer (127.0.0.1).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="274"/>
        <source>Serve {folder} on 127.0.0.1 and open its index.html in the web browser</source>
        <translation>Serve {folder} su 127.0.0.1 e ne apre index.html nel browser</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="279"/>
        <source>Nothing was published: {reason}</source>
        <translation>Non è stato pubblicato nulla: {reason}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/web_publish.py" line="364"/>
        <source>Web atlas written: {folder}</source>
        <translation>Atlante web scritto: {folder}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="94"/>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} è una cartella, non un file.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="137"/>
        <location filename="../../remix_plugin/web/publish.py" line="134"/>
        <source>{name} is not a GeoPackage (not an SQLite database).</source>
        <translation>{name} non è un GeoPackage (non è un database SQLite).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="194"/>
        <source>The GeoPackage inside the zip is too large or too highly compressed (zip bomb?).</source>
        <translation>Il GeoPackage nello zip è troppo grande o troppo compresso (zip bomb?).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="314"/>
        <source>Writing {name} failed: {reason} (disk full?).</source>
        <translation>Scrittura di {name} non riuscita: {reason} (disco pieno?).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="339"/>
        <source>{name} is damaged or incomplete ({error}).</source>
        <translation>{name} è danneggiato o incompleto ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="122"/>
        <source>{name} is both an SQLite database and a zip: file refused.</source>
        <translation>{name} è insieme un database SQLite e uno zip: file rifiutato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="130"/>
        <source>{name}: damaged or incomplete zip (truncated?).</source>
        <translation>{name}: zip danneggiato o incompleto (troncato?).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="134"/>
        <source>{name} is damaged or incomplete (truncated SQLite header).</source>
        <translation>{name} è danneggiato o incompleto (intestazione SQLite troncata).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="172"/>
        <source>The zip must hold exactly one .gpkg (it holds {count}).</source>
        <translation>Lo zip deve contenere un solo .gpkg (ne contiene {count}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="177"/>
        <source>{name}: the entry {entry!r} is encrypted (password protected).</source>
        <translation>{name}: la voce {entry!r} è cifrata (protetta da password).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="181"/>
        <source>{name}: the entry {entry!r} uses an unsupported compression method ({method}); use a plain (deflate) zip.</source>
        <translation>{name}: la voce {entry!r} usa un metodo di compressione non gestito ({method}); usa zip normale (deflate).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="247"/>
        <source>{name} changed while it was read: retry.</source>
        <translation>{name} è cambiato durante la lettura: riprova.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="312"/>
        <source>Cannot write in {folder}: permission denied.</source>
        <translation>Impossibile scrivere in {folder}: permesso negato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="323"/>
        <source>{name}: holds text that is not valid UTF-8 ({error}).</source>
        <translation>{name}: contiene testo che non è UTF-8 valido ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="326"/>
        <source>{name} is in use by another program (locked): close it and retry.</source>
        <translation>{name} è in uso da un altro programma (bloccato): chiudilo e riprova.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="330"/>
        <source>{name}: holds a virtual table of an unknown module ({error}).</source>
        <translation>{name}: contiene una tabella virtuale di un modulo sconosciuto ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="334"/>
        <source>{name}: writing failed ({error}; disk full?).</source>
        <translation>{name}: scrittura non riuscita ({error}; disco pieno?).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="337"/>
        <source>{name}: file or folder not writable ({error}).</source>
        <translation>{name}: file o cartella non scrivibile ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="66"/>
        <location filename="../../remix_plugin/monitoring/kpi.py" line="307"/>
        <location filename="../../remix_plugin/networks/source.py" line="88"/>
        <source>The file {path} does not exist.</source>
        <translation>Il file {path} non esiste.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="70"/>
        <source>The file {path} cannot be read (permissions).</source>
        <translation>Il file {path} non è leggibile (permessi).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="73"/>
        <source>Cannot open {path}: {reason}.</source>
        <translation>Impossibile aprire {path}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="81"/>
        <source>{path} is not a regular file (device, pipe or socket): it is not read.</source>
        <translation>{path} non è un file normale (dispositivo, pipe o socket): non viene letto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="85"/>
        <source>{name} is too large ({size} bytes).</source>
        <translation>{name} è troppo grande ({size} byte).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="166"/>
        <source>symbolic link</source>
        <translation>collegamento simbolico</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="167"/>
        <source>path with .. or absolute</source>
        <translation>percorso con .. o assoluto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="168"/>
        <source>Zip refused: entry {entry!r} points outside the folder ({why}).</source>
        <translation>Zip rifiutato: la voce {entry!r} punta fuori dalla cartella ({why}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="222"/>
        <location filename="../../remix_plugin/inputs.py" line="282"/>
        <source>{name}: damaged zip ({error}).</source>
        <translation>{name}: zip danneggiato ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="225"/>
        <source>{name}: unsupported zip entry ({error}).</source>
        <translation>{name}: voce dello zip non gestita ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="228"/>
        <source>{name}: encrypted zip entry ({error}).</source>
        <translation>{name}: voce dello zip cifrata ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="350"/>
        <source>{name}: {table!r} is a virtual table of the unknown module {module!r}.</source>
        <translation>{name}: {table!r} è una tabella virtuale del modulo sconosciuto {module!r}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="206"/>
        <source>{name}: the .gpkg inside the zip is not an SQLite database.</source>
        <translation>{name}: il .gpkg nello zip non è un database SQLite.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="242"/>
        <source>{name} is too large.</source>
        <translation>{name} è troppo grande.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/inputs.py" line="290"/>
        <source>Cannot copy {name} into the temporary folder: {reason} (disk full?).</source>
        <translation>Impossibile copiare {name} nella cartella temporanea: {reason} (disco pieno?).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/chart.py" line="118"/>
        <source>share n/a</source>
        <translation>quota n/d</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/chart.py" line="122"/>
        <source>latest value</source>
        <translation>ultimo valore</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/chart.py" line="144"/>
        <source>baseline {base} → target {target}</source>
        <translation>partenza {base} → obiettivo {target}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/chart.py" line="112"/>
        <source>{share} of the target</source>
        <translation>{share} dell&apos;obiettivo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/chart.py" line="115"/>
        <source>expected {share}</source>
        <translation>atteso {share}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/cli.py" line="48"/>
        <source>{output}: {rows} rows (projects × indicators) of {projects} projects; overview: {overview}.</source>
        <translation>{output}: {rows} righe (progetti × indicatori) di {projects} progetti; riepilogo: {overview}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/cli.py" line="40"/>
        <source>The overview and the report cannot be the same file: {path}.</source>
        <translation>Il riepilogo e il report non possono essere lo stesso file: {path}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/kpi.py" line="316"/>
        <location filename="../../remix_plugin/monitoring/kpi.py" line="344"/>
        <location filename="../../remix_plugin/networks/source.py" line="96"/>
        <source>Cannot open {path} as a GeoPackage.</source>
        <translation>Impossibile aprire {path} come GeoPackage.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/kpi.py" line="324"/>
        <location filename="../../remix_plugin/networks/source.py" line="105"/>
        <source>{path} has no table {table}: is it a RE.MIX GeoPackage?</source>
        <translation>{path} non ha la tabella {table}: è un GeoPackage RE.MIX?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/monitoring/output.py" line="158"/>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/accept.py" line="80"/>
        <source>A programma needs a title.</source>
        <translation>Un programma deve avere un titolo.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/accept.py" line="68"/>
        <source>No proposal {id}: the data changed since it was proposed, or another distance was used.</source>
        <translation>Nessuna proposta {id}: i dati sono cambiati da quando è stata proposta, oppure è stata usata un&apos;altra distanza.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/accept.py" line="84"/>
        <source>Unknown kind of network: {kind}.</source>
        <translation>Tipo di rete sconosciuto: {kind}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/accept.py" line="154"/>
        <source>The proposal {id} was already decided ({decision}).</source>
        <translation>Sulla proposta {id} si è già deciso ({decision}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/accept.py" line="170"/>
        <source>Cannot open {path} for writing.</source>
        <translation>Impossibile aprire {path} in scrittura.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/accept.py" line="55"/>
        <source>The proposal {id} does not match its members: the proposals file was edited.</source>
        <translation>La proposta {id} non corrisponde ai suoi membri: il file delle proposte è stato modificato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/cli.py" line="82"/>
        <source>The distance must be 0 or more metres.</source>
        <translation>La distanza deve essere di 0 metri o più.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/cli.py" line="109"/>
        <source>{output}: {n} proposals ({t} territorial, {m} thematic), {s} not proposed again.</source>
        <translation>{output}: {n} proposte ({t} territoriali, {m} tematiche), {s} non riproposte.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/cli.py" line="135"/>
        <source>Programma «{title}» ({kind}) created: {uuid}; {n} projects assigned.</source>
        <translation>Programma «{title}» ({kind}) creato: {uuid}; {n} progetti assegnati.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/cli.py" line="162"/>
        <source>Proposal {id} rejected: it will not be proposed again.</source>
        <translation>Proposta {id} respinta: non sarà riproposta.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/cli.py" line="142"/>
        <source>Project {project} moved from programma {other}.</source>
        <translation>Progetto {project} spostato dal programma {other}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/cli.py" line="148"/>
        <source>Project {project} left in its programma {other}.</source>
        <translation>Progetto {project} lasciato nel suo programma {other}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/source.py" line="170"/>
        <source>Cannot read table {table} of the database: {error}</source>
        <translation>Impossibile leggere la tabella {table} del database: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/suggest.py" line="164"/>
        <source>already rejected</source>
        <translation>già respinta</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/suggest.py" line="359"/>
        <source>criticità answered</source>
        <translation>criticità a cui rispondono</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/suggest.py" line="362"/>
        <source>shared ambiti</source>
        <translation>ambiti in comune</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/suggest.py" line="163"/>
        <source>already accepted</source>
        <translation>già accettata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/suggest.py" line="288"/>
        <source>Lavori within {distance} m of each other: {pairs}{more}. Comuni: {comuni}.</source>
        <translation>Lavori a non più di {distance} m l&apos;uno dall&apos;altro: {pairs}{more}. Comuni: {comuni}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/suggest.py" line="371"/>
        <source>{n} projects in {places} with the same theme ({shared}).</source>
        <translation>{n} progetti a {places} sullo stesso tema ({shared}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/suggest.py" line="287"/>
        <source> and {n} more pairs</source>
        <translation> e altre {n} coppie</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/networks/suggest.py" line="169"/>
        <source>already the programma «{title}»</source>
        <translation>già nel programma «{title}»</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/plugin.py" line="85"/>
        <source>RE.MIX panel</source>
        <translation>Pannello RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/plugin.py" line="85"/>
        <source>Show or hide the RE.MIX panel</source>
        <translation>Mostra o nascondi il pannello RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/cli.py" line="37"/>
        <source>{output}: {n} projects scored with profile {profile} {version}.</source>
        <translation>{output}: punteggio di {n} progetti con il profilo {profile} {version}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="159"/>
        <source>The priority profile {path} cannot be used: {reason}</source>
        <translation>Il profilo di priorità {path} non è utilizzabile: {reason}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="153"/>
        <source>{score} of {total} points</source>
        <translation>{score} su {total} punti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="177"/>
        <source>it has no list of criteria.</source>
        <translation>non ha un elenco di criteri.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="179"/>
        <source>it has no version.</source>
        <translation>non ha una versione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="339"/>
        <source>{label}: {value} points of 1</source>
        <translation>{label}: {value} punti su 1</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="341"/>
        <source>not filled: 0 points</source>
        <translation>non compilato: 0 punti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="386"/>
        <source>not in a networked programma</source>
        <translation>non fa parte di un programma a rete</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="184"/>
        <source>a criterion is not an object.</source>
        <translation>un criterio non è un oggetto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="374"/>
        <source>no estimated cost: 0 points</source>
        <translation>costo stimato assente: 0 punti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="393"/>
        <source>programma «{title}» ({kind})</source>
        <translation>programma «{title}» ({kind})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="272"/>
        <source>the weights add up to {total}, not 100.</source>
        <translation>i pesi sommano a {total}, non a 100.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="352"/>
        <source>{n} comuni (1 for {full} or more)</source>
        <translation>{n} comuni (1 da {full} in su)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="366"/>
        <source>{n} ambiti of criticità answered ({names}; 1 for {full} or more)</source>
        <translation>{n} ambiti di criticità a cui risponde ({names}; 1 da {full} in su)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="380"/>
        <source>{funded} € confirmed of {cost} € estimated</source>
        <translation>{funded} € confermati su {cost} € stimati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="173"/>
        <source>cannot read it ({error}).</source>
        <translation>non si riesce a leggerlo ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="175"/>
        <source>it is not valid JSON ({error}).</source>
        <translation>non è JSON valido ({error}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="189"/>
        <source>unknown criterion «{id}» (known: {known}).</source>
        <translation>criterio sconosciuto «{id}» (noti: {known}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="194"/>
        <source>the criterion «{id}» appears twice.</source>
        <translation>il criterio «{id}» compare due volte.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="199"/>
        <source>the weight of «{id}» must be a number of 0 or more.</source>
        <translation>il peso di «{id}» deve essere un numero maggiore o uguale a 0.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="208"/>
        <source>«{id}» cannot use the dimension «{dimension}».</source>
        <translation>«{id}» non può usare la dimensione «{dimension}».</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="214"/>
        <source>«{id}» needs its points per code.</source>
        <translation>«{id}» richiede i punti per ogni codice.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="219"/>
        <source>«{code}» is not a code of {dimension}.</source>
        <translation>«{code}» non è un codice di {dimension}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="226"/>
        <source>the points of «{code}» in «{id}» must be between 0 and 1.</source>
        <translation>i punti di «{code}» in «{id}» devono essere fra 0 e 1.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="240"/>
        <source>«{id}» needs full_at, a whole number of at least {least}.</source>
        <translation>«{id}» richiede full_at, un numero intero di almeno {least}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/priority/score.py" line="255"/>
        <source>«{id}» needs confirmed, a list of stato_finanziamento codes.</source>
        <translation>«{id}» richiede confirmed, un elenco di codici di stato_finanziamento.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="35"/>
        <source>Atlas of opportunities (PDF)</source>
        <translation>Atlante delle opportunità (PDF)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="38"/>
        <source>Prints the RE.MIX atlas of a GeoPackage as one PDF: a cover, a summary page with counts per zona omogenea, per field of opportunity and per kind of intervention, then one A4 card per project ordered by zona omogenea and comune (map of its works, metropolitan overview, classification, description, phases, actors, indicators). FILTER is an optional QGIS expression on the project fields, e.g. &quot;zona_omogenea&quot; = &apos;nord_ovest&apos;.</source>
        <translation>Stampa in un unico PDF l&apos;atlante RE.MIX di un GeoPackage: copertina, pagina di riepilogo con i conteggi per zona omogenea, per ambito di opportunità e per tipo di intervento, poi una scheda A4 per progetto ordinata per zona omogenea e comune (mappa dei lavori, inquadramento metropolitano, classificazione, descrizione, fasi, attori, indicatori). FILTER è un&apos;espressione QGIS facoltativa sui campi dei progetti, es. &quot;zona_omogenea&quot; = &apos;nord_ovest&apos;.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="50"/>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="107"/>
        <source>Filter (QGIS expression on the projects)</source>
        <translation>Filtro (espressione QGIS sui progetti)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="54"/>
        <source>A3 poster of the programme (PDF, optional)</source>
        <translation>Poster A3 del programma (PDF, facoltativo)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="56"/>
        <source>Pages</source>
        <translation>Pagine</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="68"/>
        <source>Rendering the atlas of {path}…</source>
        <translation>Stampa dell&apos;atlante di {path}…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="80"/>
        <source>{pages} pages, {projects} projects, {seconds:.1f} s</source>
        <translation>{pages} pagine, {projects} progetti, {seconds:.1f} s</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="31"/>
        <source>Input: the path of a RE.MIX GeoPackage, the connection string of the central RE.MIX database (e.g. service=remix) or the name of a PostgreSQL connection saved in QGIS.</source>
        <translation>Ingresso: il percorso di un GeoPackage RE.MIX, la stringa di connessione del database centrale RE.MIX (per esempio service=remix) oppure il nome di una connessione PostgreSQL salvata in QGIS.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="14"/>
        <source>RE.MIX exchange</source>
        <translation>Scambio RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="15"/>
        <source>RE.MIX atlas</source>
        <translation>Atlante RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="16"/>
        <source>RE.MIX incubator</source>
        <translation>Incubatore RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="26"/>
        <source>RE.MIX GeoPackage (path), database connection string or QGIS PostgreSQL connection</source>
        <translation>GeoPackage RE.MIX (percorso), stringa di connessione al database o connessione PostgreSQL di QGIS</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="50"/>
        <source>Give the source: a RE.MIX GeoPackage, a connection string or a QGIS connection name.</source>
        <translation>Indica la sorgente: un GeoPackage RE.MIX, una stringa di connessione o il nome di una connessione QGIS.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="51"/>
        <source>Give the target: a RE.MIX GeoPackage, a connection string or a QGIS connection name.</source>
        <translation>Indica la destinazione: un GeoPackage RE.MIX, una stringa di connessione o il nome di una connessione di QGIS.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="35"/>
        <source>Create RE.MIX central database</source>
        <translation>Crea database centrale RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="38"/>
        <source>RE.MIX central database</source>
        <translation>Database centrale RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="41"/>
        <source>Creates the RE.MIX schema (tables, code lists, the 133 comuni, roles and row-level rights) in an existing PostgreSQL/PostGIS database and stores the RE.MIX QGIS project in it, with forms, relations and styles. Database: a connection string (service=remix, postgresql://…) or the name of a saved QGIS PostgreSQL connection. Needs a superuser. No password is written into the project: the layers connect through the service, the QGIS authentication configuration or ~/.pgpass of each user.</source>
        <translation>Crea lo schema RE.MIX (tabelle, codifiche, i 133 comuni, ruoli e diritti per riga) in un database PostgreSQL/PostGIS esistente e vi salva il progetto QGIS RE.MIX, con moduli, relazioni e stili. Database: una stringa di connessione (service=remix, postgresql://…) o il nome di una connessione PostgreSQL salvata in QGIS. Serve un superutente. Nel progetto non viene scritta nessuna password: i layer si connettono con il servizio, la configurazione di autenticazione di QGIS o il ~/.pgpass di ciascun utente.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="52"/>
        <source>Database (connection string or QGIS PostgreSQL connection)</source>
        <translation>Database (stringa di connessione o connessione PostgreSQL di QGIS)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="54"/>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="45"/>
        <source>Reference system (EPSG:32632 or EPSG:7791)</source>
        <translation>Sistema di riferimento (EPSG:32632 o EPSG:7791)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="55"/>
        <source>Stored project</source>
        <translation>Progetto salvato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="56"/>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="46"/>
        <source>Schema version</source>
        <translation>Versione dello schema</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="60"/>
        <source>Give the database: a connection string or a QGIS connection name.</source>
        <translation>Indica il database: una stringa di connessione o il nome di una connessione QGIS.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="84"/>
        <source>RE.MIX project stored in {database}.</source>
        <translation>Progetto RE.MIX salvato in {database}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="63"/>
        <location filename="../../remix_plugin/processing/algorithms/create_database.py" line="76"/>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="81"/>
        <source>Reference system {crs} is not supported: use EPSG:32632 (WGS 84 / UTM 32N) or EPSG:7791 (RDN2008 / UTM 32N).</source>
        <translation>Il sistema di riferimento {crs} non è supportato: usare EPSG:32632 (WGS 84 / UTM 32N) o EPSG:7791 (RDN2008 / UTM 32N).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="30"/>
        <source>Create RE.MIX GeoPackage</source>
        <translation>Crea GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="33"/>
        <source>Creates an empty RE.MIX GeoPackage: every table of the data model, the code lists of the RE.MIX classification scheme, the 133 comuni of the Città metropolitana di Milano, default styles and a ready QGIS project stored inside the file. The reference system is WGS 84 / UTM 32N (EPSG:32632, used by Regione Lombardia&apos;s geoportal) or RDN2008 / UTM 32N (EPSG:7791, the national reference).</source>
        <translation>Crea un GeoPackage RE.MIX vuoto: tutte le tabelle del modello dati, le liste di codici dello schema di classificazione RE.MIX, i 133 comuni della Città metropolitana di Milano, gli stili predefiniti e un progetto QGIS pronto salvato nel file. Il sistema di riferimento è WGS 84 / UTM 32N (EPSG:32632, usato dal geoportale di Regione Lombardia) o RDN2008 / UTM 32N (EPSG:7791, il riferimento nazionale).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="64"/>
        <source>Creating {path} in {crs}…</source>
        <translation>Creazione di {path} in {crs}…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="53"/>
        <source>Writes the regional GeoPackage bundle (RE.MIX bundle 1.0, EPSG:32632) for CMM and Regione Lombardia: the selected projects with their works, actions, problems, phases, actors, funding and indicators, the code lists, metadata (ISO 19139 / RNDT) and a manifest with a content hash. FILTER is an expression on the projects (empty: all). Validation errors block the export; the source file is never modified.</source>
        <translation>Scrive il pacchetto GeoPackage regionale (RE.MIX bundle 1.0, EPSG:32632) per CMM e Regione Lombardia: i progetti selezionati con i loro lavori, azioni, criticità, fasi, attori, finanziamenti e indicatori, le liste di codici, i metadati (ISO 19139 / RNDT) e un manifesto con l&apos;hash del contenuto. FILTRO è un&apos;espressione sui progetti (vuoto: tutti). Gli errori di validazione bloccano l&apos;esportazione; il file di origine non viene mai modificato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="64"/>
        <source>Bundle</source>
        <translation>Pacchetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="68"/>
        <source>Filter on projects (expression)</source>
        <translation>Filtro sui progetti (espressione)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="73"/>
        <source>Validation profile</source>
        <translation>Profilo di validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="79"/>
        <source>Producer (ISTAT code of the comune, or CMM)</source>
        <translation>Produttore (codice ISTAT del comune, oppure CMM)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="86"/>
        <source>Producer name (e.g. Comune di Rho)</source>
        <translation>Nome del produttore (ad es. Comune di Rho)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="90"/>
        <source>Contact e-mail (metadata)</source>
        <translation>E-mail di contatto (metadati)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="92"/>
        <source>Content hash</source>
        <translation>Hash del contenuto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="93"/>
        <source>Exported projects</source>
        <translation>Progetti esportati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="166"/>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="177"/>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="57"/>
        <source>Invalid filter expression: {error}</source>
        <translation>Espressione di filtro non valida: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="171"/>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="64"/>
        <source>Cannot read the projects of {path}.</source>
        <translation>Impossibile leggere i progetti di {path}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="120"/>
        <source>{n} projects match the filter.</source>
        <translation>{n} progetti corrispondono al filtro.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="39"/>
        <source>Import regional bundle</source>
        <translation>Importa pacchetto regionale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="47"/>
        <source>Target: the path of a RE.MIX GeoPackage, the connection string of the central RE.MIX database (e.g. service=remix) or the name of a PostgreSQL connection saved in QGIS. On the database the import is one transaction under your login&apos;s rights.</source>
        <translation>Destinazione: il percorso di un GeoPackage RE.MIX, la stringa di connessione del database centrale RE.MIX (per esempio service=remix) o il nome di una connessione PostgreSQL salvata in QGIS. Sul database l&apos;importazione è un&apos;unica transazione, con i diritti del tuo accesso.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="42"/>
        <source>Checks a RE.MIX bundle (.gpkg or .zip) and merges it into a RE.MIX GeoPackage by UUID: new records are added, records not changed locally since the last import are updated, records changed on both sides are listed in remix_import_conflicts and left untouched. All or nothing, after a backup copy. Save or discard unsaved edits on the target first.</source>
        <translation>Controlla un pacchetto RE.MIX (.gpkg o .zip) e lo unisce a un GeoPackage RE.MIX per UUID: i record nuovi vengono aggiunti, quelli non modificati localmente dall&apos;ultima importazione vengono aggiornati, quelli modificati da entrambe le parti sono elencati in remix_import_conflicts e lasciati invariati. Tutto o niente, dopo una copia di sicurezza. Prima salva o annulla le modifiche non salvate sulla destinazione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="54"/>
        <source>Bundle (.gpkg or .zip)</source>
        <translation>Pacchetto (.gpkg o .zip)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="56"/>
        <source>Records added</source>
        <translation>Record aggiunti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="57"/>
        <source>Records updated</source>
        <translation>Record aggiornati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="58"/>
        <source>Conflicts</source>
        <translation>Conflitti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="59"/>
        <source>Backup copy</source>
        <translation>Copia di sicurezza</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="66"/>
        <source>The layer &apos;{layer}&apos; of the target GeoPackage has unsaved edits: save or discard them, then import again.</source>
        <translation>Il layer &apos;{layer}&apos; del GeoPackage di destinazione ha modifiche non salvate: salvale o annullale, poi importa di nuovo.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="97"/>
        <source>Conflict: {table} {uuid} ({fields})</source>
        <translation>Conflitto: {table} {uuid} ({fields})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="85"/>
        <source>Importing into the database {dsn}…</source>
        <translation>Importazione nel database {dsn}…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="29"/>
        <source>Indicator monitoring (KPI report)</source>
        <translation>Monitoraggio degli indicatori (report KPI)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="32"/>
        <source>For each project and indicator of a RE.MIX GeoPackage: the measurements sorted by date, the latest value, the share of the target reached, (latest − baseline) / (target − baseline), and a status: achieved, on track (the share is at least the elapsed share of the time from the baseline date to the target date), late, no baseline, no target, no measurements. The overview counts the statuses per zona omogenea and ambito.</source>
        <translation>Per ogni progetto e indicatore di un GeoPackage RE.MIX: le misure in ordine di data, l&apos;ultimo valore, la quota dell&apos;obiettivo raggiunta, (ultimo − partenza) / (obiettivo − partenza), e uno stato: raggiunto, in linea (la quota è almeno la parte trascorsa del tempo tra la data di partenza e la data obiettivo), in ritardo, senza riferimento, senza obiettivo, senza misure. Il riepilogo conta gli stati per zona omogenea e ambito.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="43"/>
        <source>KPI report (CSV)</source>
        <translation>Report KPI (CSV)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="43"/>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="47"/>
        <location filename="../../remix_plugin/processing/algorithms/priority_score.py" line="48"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="47"/>
        <source>Overview by zone and ambito (CSV)</source>
        <translation>Riepilogo per zona e ambito (CSV)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="50"/>
        <source>Rows (projects × indicators)</source>
        <translation>Righe (progetti × indicatori)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/kpi_report.py" line="51"/>
        <source>Indicators late</source>
        <translation>Indicatori in ritardo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="45"/>
        <source>Match projects with calls for funding</source>
        <translation>Abbina progetti e bandi di finanziamento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="48"/>
        <source>For every project, the calls open on the date (today when empty) with, for each criterion (applicant, homogeneous zone, fields, aims, kind of intervention, project level, amount, co-funding), whether it is met and why. Writes a CSV with one row per project-call pair (eligible yes/no, rank) and, beside it, &lt;name&gt;_bandi.csv with the eligible projects of each call.</source>
        <translation>Per ogni progetto, i bandi aperti alla data (oggi se vuota) con, per ogni criterio (beneficiario, zona omogenea, ambiti, finalità, tipo di intervento, livello progettuale, importo, cofinanziamento), se è soddisfatto e perché. Scrive un CSV con una riga per coppia progetto-bando (idoneo sì/no, rango) e, accanto, &lt;nome&gt;_bandi.csv con i progetti idonei di ogni bando.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="66"/>
        <source>Calls open on (YYYY-MM-DD; empty: today)</source>
        <translation>Bandi aperti al (AAAA-MM-GG; vuoto: oggi)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="74"/>
        <source>Language of the reasons</source>
        <translation>Lingua dei motivi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="82"/>
        <source>Matches (CSV)</source>
        <translation>Abbinamenti (CSV)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="85"/>
        <source>Calls (CSV)</source>
        <translation>Bandi (CSV)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="86"/>
        <source>Eligible pairs</source>
        <translation>Coppie idonee</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="87"/>
        <source>Pairs evaluated</source>
        <translation>Coppie valutate</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="88"/>
        <source>Open calls</source>
        <translation>Bandi aperti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/match_funding.py" line="115"/>
        <source>{n_projects} projects × {n_calls} calls open on {date}: {eligible} eligible pairs.</source>
        <translation>{n_projects} progetti × {n_calls} bandi aperti al {date}: {eligible} coppie idonee.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="50"/>
        <source>Writes a QGIS project (.qgs) beside the GeoPackage that QGIS Server, G3W-SUITE or Lizmap can serve: the projects marked &apos;pubblicabile&apos; as WMS, WFS and OGC API – Features layers with the service metadata, HTML GetFeatureInfo with the project card, and the atlas layout for GetPrint. Authors, notes and e-mails are never published. A readiness check runs first: if it finds a problem nothing is written.</source>
        <translation>Scrive accanto al GeoPackage un progetto QGIS (.qgs) che QGIS Server, G3W-SUITE o Lizmap possono servire: i progetti segnati come &apos;pubblicabile&apos; come livelli WMS, WFS e OGC API – Features con i metadati del servizio, GetFeatureInfo in HTML con la scheda del progetto e il layout dell&apos;atlante per GetPrint. Autori, note ed e-mail non sono mai pubblicati. Prima si esegue un controllo di idoneità: se trova un problema non viene scritto nulla.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="62"/>
        <source>QGIS Server project</source>
        <translation>Progetto per QGIS Server</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="63"/>
        <source>Service title</source>
        <translation>Titolo del servizio</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="63"/>
        <source>Service abstract</source>
        <translation>Descrizione del servizio</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="64"/>
        <source>Contact person</source>
        <translation>Persona di contatto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="65"/>
        <source>Contact e-mail of the service</source>
        <translation>E-mail di contatto del servizio</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="66"/>
        <source>Public address of the service (URL)</source>
        <translation>Indirizzo pubblico del servizio (URL)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="68"/>
        <source>Keep the atlas layout for GetPrint</source>
        <translation>Mantieni il layout dell&apos;atlante per GetPrint</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="71"/>
        <source>Publish a snapshot (only the published columns of the publishable rows; re-run after edits)</source>
        <translation>Pubblica una copia (solo le colonne pubblicate delle righe pubblicabili; da rifare dopo le modifiche)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="73"/>
        <source>Atlas pages (GeoPackage)</source>
        <translation>Pagine dell&apos;atlante (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="74"/>
        <source>Snapshot of the published data (GeoPackage)</source>
        <translation>Copia dei dati pubblicati (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="75"/>
        <source>Published layers</source>
        <translation>Livelli pubblicati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/prepare_server.py" line="101"/>
        <source>QGIS Server project written: {path} ({n} layers published for WMS, WFS and OGC API – Features).</source>
        <translation>Progetto per QGIS Server scritto: {path} ({n} livelli pubblicati per WMS, WFS e OGC API – Features).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/priority_score.py" line="28"/>
        <source>Metropolitan priority score</source>
        <translation>Punteggio di priorità metropolitana</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/priority_score.py" line="31"/>
        <source>Scores every project of a RE.MIX GeoPackage from 0 to 100 with the weights of a versioned priority profile (default: the one shipped with the plugin, cmm-2026): scale of the expected impact, comuni touched, criticità answered, co-funding secured, how far the design has gone, membership of a network. Each row of the CSV gives every criterion&apos;s value, normalised value and points. A profile with an unknown criterion or weights that do not add up to 100 is refused.</source>
        <translation>Assegna a ogni progetto di un GeoPackage RE.MIX un punteggio da 0 a 100 con i pesi di un profilo di priorità versionato (predefinito: quello fornito con il plugin, cmm-2026): scala dell&apos;impatto atteso, comuni toccati, criticità a cui risponde, cofinanziamento assicurato, avanzamento della progettazione, appartenenza a una rete. Ogni riga del CSV riporta per ogni criterio il valore, il valore normalizzato e i punti. Un profilo con un criterio sconosciuto o con pesi che non sommano a 100 viene rifiutato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/priority_score.py" line="44"/>
        <source>Priority profile (JSON)</source>
        <translation>Profilo di priorità (JSON)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/priority_score.py" line="48"/>
        <source>Scores (CSV)</source>
        <translation>Punteggi (CSV)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/priority_score.py" line="50"/>
        <source>Projects scored</source>
        <translation>Progetti valutati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/priority_score.py" line="51"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="77"/>
        <source>Profile used</source>
        <translation>Profilo usato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="87"/>
        <source>Publish on the web (static atlas)</source>
        <translation>Pubblica sul web (atlante statico)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="90"/>
        <source>Writes a folder that any web server can publish: a map of the projects marked &apos;pubblicabile&apos;, their cards, filters, a summary and the story of their phases. No personal data (authors, notes) is written. FILTER is an optional QGIS expression on the project fields; COMUNI an optional list of comuni (ISTAT codes or names). Source: a RE.MIX GeoPackage, a connection string of the central database (service=remix, postgresql://…) or the name of a saved QGIS PostgreSQL connection. Optional base map under the comuni: an XYZ tile address with {z}/{x}/{y} or a WMS address with its layers, and the credit shown on the map.</source>
        <translation>Scrive una cartella che qualsiasi server web può pubblicare: una mappa dei progetti segnati &apos;pubblicabile&apos;, le loro schede, i filtri, un riepilogo e la storia delle loro fasi. Nessun dato personale (autori, note) viene scritto. FILTER è un&apos;espressione QGIS facoltativa sui campi del progetto; COMUNI un elenco facoltativo di comuni (codici ISTAT o nomi). Sorgente: un GeoPackage RE.MIX, una stringa di connessione al database centrale (service=remix, postgresql://…) o il nome di una connessione PostgreSQL salvata in QGIS. Mappa di base facoltativa sotto i comuni: un indirizzo di tasselli XYZ con {z}/{x}/{y} o un indirizzo WMS con i suoi layer, e i crediti mostrati sulla mappa.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="112"/>
        <source>Comuni (ISTAT codes or names, comma-separated)</source>
        <translation>Comuni (codici ISTAT o nomi, separati da virgole)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="116"/>
        <source>Base map under the comuni</source>
        <translation>Mappa di base sotto i comuni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="119"/>
        <source>Base map address (XYZ with {z}/{x}/{y}, or WMS)</source>
        <translation>Indirizzo della mappa di base (XYZ con {z}/{x}/{y}, o WMS)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="121"/>
        <source>Base map WMS layers (comma-separated)</source>
        <translation>Layer WMS della mappa di base (separati da virgola)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="123"/>
        <source>Base map credit</source>
        <translation>Crediti della mappa di base</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="124"/>
        <source>Web atlas folder</source>
        <translation>Cartella dell&apos;atlante web</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="162"/>
        <location filename="../../remix_plugin/web/cli.py" line="119"/>
        <source>Web atlas written in {folder}: {n} projects, {m} physical works ({held} not publishable).</source>
        <translation>Atlante web scritto in {folder}: {n} progetti, {m} lavori ({held} non pubblicabili).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/publish_web.py" line="137"/>
        <source>Choose the type of the base map (XYZ tiles or WMS) for {url}.</source>
        <translation>Scegli il tipo della mappa di base (tasselli XYZ o WMS) per {url}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="42"/>
        <source>Suggest networks of projects (programmi a rete)</source>
        <translation>Proponi reti di progetti (programmi a rete)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="45"/>
        <source>Proposes networks of projects: territorial ones (projects whose lavori lie within the given distance of each other, across comune borders) and thematic ones (projects in different comuni answering criticità of the same ambito or sharing two ambiti). Each proposal says why it was made. Proposals already accepted or rejected, or already a programma, are not proposed again. Writes a GeoPackage with the proposals (convex hull of the members&apos; lavori), their members and their pairs.</source>
        <translation>Propone reti di progetti: territoriali (progetti i cui lavori distano fra loro non più della distanza indicata, anche oltre i confini comunali) e tematiche (progetti in comuni diversi che rispondono a criticità dello stesso ambito o condividono due ambiti). Ogni proposta dice perché è stata fatta. Le proposte già accettate o respinte, o che sono già un programma, non vengono riproposte. Scrive un GeoPackage con le proposte (inviluppo convesso dei lavori dei membri), i loro membri e le loro coppie.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="60"/>
        <source>Distance between lavori (metres)</source>
        <translation>Distanza fra i lavori (metri)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="66"/>
        <source>Territorial proposals</source>
        <translation>Proposte territoriali</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="69"/>
        <source>Thematic proposals</source>
        <translation>Proposte tematiche</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="73"/>
        <source>Proposals (GeoPackage)</source>
        <translation>Proposte (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="76"/>
        <source>Proposals</source>
        <translation>Proposte</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/suggest_programmi.py" line="77"/>
        <source>Not proposed again</source>
        <translation>Non riproposte</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="44"/>
        <source>Validate RE.MIX data (GeoPackage or database)</source>
        <translation>Valida i dati RE.MIX (GeoPackage o database)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="47"/>
        <source>Checks a RE.MIX GeoPackage against the data model and the RE.MIX classification scheme: structure, codes of every classified field, required fields, cross-field rules, links between tables and geometries (validity by GEOS, reference system, territory, comune, overlaps, slivers, duplicates). Writes one finding per line (JSON Lines) with its code, severity, layer, feature UUID, field, message and position. The &apos;strict&apos; profile is what the Region accepts; &apos;draft&apos; is lenient for work in progress. The algorithm fails when errors are found, after writing the report.</source>
        <translation>Controlla un GeoPackage RE.MIX rispetto al modello dei dati e allo schema di classificazione RE.MIX: struttura, codici di ogni campo classificato, campi obbligatori, regole tra campi, collegamenti tra tabelle e geometrie (validità GEOS, sistema di riferimento, territorio, comune, sovrapposizioni, schegge, duplicati). Scrive una segnalazione per riga (JSON Lines) con codice, gravità, layer, UUID dell&apos;elemento, campo, messaggio e posizione. Il profilo &apos;rigoroso&apos; è ciò che la Regione accetta; &apos;bozza&apos; è permissivo per il lavoro in corso. L&apos;algoritmo fallisce se trova errori, dopo aver scritto il rapporto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="71"/>
        <source>Report (JSON Lines)</source>
        <translation>Rapporto (JSON Lines)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="71"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="76"/>
        <source>Accepted exceptions</source>
        <translation>Eccezioni accettate</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="103"/>
        <source>Validating {path} with the {profile} profile…</source>
        <translation>Validazione di {path} con il profilo {profile}…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="125"/>
        <source>{errors} errors, {warnings} warnings, {suppressed} accepted exceptions (profile {profile}).</source>
        <translation>{errors} errori, {warnings} avvisi, {suppressed} eccezioni accettate (profilo {profile}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="138"/>
        <source>{errors} errors found: see the report {path}</source>
        <translation>Trovati {errors} errori: vedi il rapporto {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/provider.py" line="37"/>
        <source>RE.MIX urban and territorial regeneration</source>
        <translation>RE.MIX rigenerazione urbana e territoriale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_project/builder.py" line="72"/>
        <source>RE.MIX code lists</source>
        <translation>Codifiche RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_project/builder.py" line="35"/>
        <source>Reference</source>
        <translation>Riferimento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_project/builder.py" line="36"/>
        <source>Code lists</source>
        <translation>Tabelle di codifica</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_project/builder.py" line="165"/>
        <source>Version (set by the database)</source>
        <translation>Versione (del database)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="390"/>
        <source>The urban regeneration projects of the Città metropolitana di Milano mapped with RE.MIX (only those marked publishable): physical works, actions, phases, actors and indicators. Personal data (authors, notes) is not published.</source>
        <translation>I progetti di rigenerazione urbana della Città metropolitana di Milano mappati con RE.MIX (solo quelli segnati come pubblicabili): lavori, azioni, fasi, attori e indicatori. I dati personali (autori, note) non sono pubblicati.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="329"/>
        <source>The project for QGIS Server was not written. Problems found: {count}.</source>
        <translation>Il progetto per QGIS Server non è stato scritto. Problemi trovati: {count}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="500"/>
        <source>The atlas pages were not written: {error}</source>
        <translation>Le pagine dell&apos;atlante non sono state scritte: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="386"/>
        <source>RE.MIX — urban regeneration projects ({name})</source>
        <translation>RE.MIX — progetti di rigenerazione urbana ({name})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="301"/>
        <source>Say where to write the project for QGIS Server: a database has no folder to write it beside.</source>
        <translation>Indica dove scrivere il progetto per QGIS Server: un database non ha una cartella accanto a cui scriverlo.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="268"/>
        <source>{name} does not exist.</source>
        <translation>{name} non esiste.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="347"/>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="465"/>
        <source>The publication filter of {table} is refused by the data source.</source>
        <translation>Il filtro di pubblicazione di {table} è rifiutato dalla fonte dei dati.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="586"/>
        <source>The project for QGIS Server was not written: {error}</source>
        <translation>Il progetto per QGIS Server non è stato scritto: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/qgis_server/prepare.py" line="531"/>
        <source>The snapshot of the published data was not written: {error}</source>
        <translation>La copia dei dati pubblicati non è stata scritta: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/styles/layers.py" line="152"/>
        <source>Not classified</source>
        <translation>Non classificato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/tasks.py" line="46"/>
        <source>The task failed: {error}</source>
        <translation>Operazione non riuscita: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="52"/>
        <source>Missing table</source>
        <translation>Tabella mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="53"/>
        <source>The RE.MIX table {layer} is missing.</source>
        <translation>Manca la tabella {layer} del modello RE.MIX.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="62"/>
        <source>Missing field</source>
        <translation>Campo mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="63"/>
        <source>The field {field} is missing from the table {layer}.</source>
        <translation>Manca il campo {field} nella tabella {layer}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="71"/>
        <source>Field type differs from the model</source>
        <translation>Tipo di campo diverso dal modello</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="72"/>
        <source>The field {layer}.{field} is declared {value}; the model expects {detail}.</source>
        <translation>Il campo {layer}.{field} è dichiarato {value}, il modello prevede {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="82"/>
        <source>Schema needs an upgrade</source>
        <translation>Schema da aggiornare</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="83"/>
        <source>The file uses RE.MIX schema {value}; the current one is {detail}: upgrade it from the plugin.</source>
        <translation>Il file usa lo schema RE.MIX {value}, quello corrente è {detail}: aggiornalo dal plugin.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="93"/>
        <source>Unknown classification scheme version</source>
        <translation>Versione dello schema di classificazione sconosciuta</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="94"/>
        <source>The file declares classification scheme {value}; the plugin uses version {detail}.</source>
        <translation>Il file dichiara lo schema di classificazione {value}, il plugin usa la versione {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="104"/>
        <source>Geometry column not registered</source>
        <translation>Colonna geometrica non registrata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="105"/>
        <source>The table {layer} has no geometry column registered in gpkg_geometry_columns.</source>
        <translation>La tabella {layer} non ha una colonna geometrica registrata in gpkg_geometry_columns.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="113"/>
        <source>Code list out of date</source>
        <translation>Lista dei codici non aggiornata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="114"/>
        <source>The code list {layer} lacks the code {value} of the dimension {field}.</source>
        <translation>La lista dei codici {layer} non contiene il codice {value} della dimensione {field}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="123"/>
        <source>Code not in the scheme</source>
        <translation>Codice non previsto dallo schema</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="124"/>
        <source>{feature}: the value &apos;{value}&apos; of the field {field} is not a term of &apos;{detail}&apos;.</source>
        <translation>{feature}: il valore «{value}» del campo {field} non è un termine di «{detail}».</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="134"/>
        <source>Several values in a single-valued field</source>
        <translation>Più valori in un campo a valore singolo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="135"/>
        <source>{feature}: the field {field} takes one value but holds &apos;{value}&apos;.</source>
        <translation>{feature}: il campo {field} ammette un solo valore, contiene «{value}».</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="143"/>
        <source>Multi-valued field not a JSON array</source>
        <translation>Campo multiplo non in formato JSON</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="144"/>
        <source>{feature}: the multi-valued field {field} holds &apos;{value}&apos; instead of a JSON array.</source>
        <translation>{feature}: il campo multiplo {field} contiene «{value}» invece di un elenco JSON.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="153"/>
        <source>Unreadable list of codes</source>
        <translation>Elenco di codici illeggibile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="154"/>
        <source>{feature}: the field {field} holds an unreadable list &apos;{value}&apos; ({detail}).</source>
        <translation>{feature}: il campo {field} contiene un elenco illeggibile «{value}» ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="162"/>
        <source>Repeated code</source>
        <translation>Codice ripetuto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="163"/>
        <source>{feature}: the code &apos;{value}&apos; is repeated in the field {field}.</source>
        <translation>{feature}: il codice «{value}» è ripetuto nel campo {field}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="171"/>
        <source>Required field empty</source>
        <translation>Campo obbligatorio vuoto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="172"/>
        <source>{feature}: the required field {field} is empty.</source>
        <translation>{feature}: il campo obbligatorio {field} è vuoto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="182"/>
        <source>Recommended field empty</source>
        <translation>Campo raccomandato vuoto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="183"/>
        <source>{feature}: the recommended field {field} is empty.</source>
        <translation>{feature}: il campo raccomandato {field} è vuoto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="191"/>
        <source>Deprecated term</source>
        <translation>Termine deprecato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="192"/>
        <source>{feature}: the code &apos;{value}&apos; of the field {field} is deprecated: choose a current term.</source>
        <translation>{feature}: il codice «{value}» del campo {field} è deprecato: scegli un termine attuale.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="201"/>
        <source>Value of the wrong type</source>
        <translation>Valore di tipo errato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="202"/>
        <source>{feature}: the field {field} must hold {detail} but holds &apos;{value}&apos;.</source>
        <translation>{feature}: il campo {field} deve contenere {detail}, contiene «{value}».</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="210"/>
        <source>Text too long</source>
        <translation>Testo troppo lungo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="211"/>
        <source>{feature}: the field {field} has {value} characters; the maximum is {detail}.</source>
        <translation>{feature}: il campo {field} ha {value} caratteri, il massimo è {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="219"/>
        <source>Physical work states neither intervention nor services</source>
        <translation>Lavoro senza intervento né servizi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="220"/>
        <source>{feature}: state the intervention on the object or the services created (at least one).</source>
        <translation>{feature}: indica l&apos;intervento sull&apos;oggetto o i servizi realizzati (almeno uno).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="231"/>
        <source>Dates in reverse order</source>
        <translation>Date in ordine inverso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="232"/>
        <source>{feature}: the end date {value} is before the start date {detail}.</source>
        <translation>{feature}: la data di fine {value} precede la data di inizio {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="240"/>
        <source>Repeated phase number</source>
        <translation>Numero di fase ripetuto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="241"/>
        <source>{feature}: the project has several phases numbered {value}.</source>
        <translation>{feature}: il progetto ha più fasi con il numero {value}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="249"/>
        <source>Phases not numbered 1..n</source>
        <translation>Fasi non numerate da 1 a n</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="250"/>
        <source>{feature}: the project&apos;s phases are numbered {value}; expected 1…{detail}.</source>
        <translation>{feature}: le fasi del progetto sono numerate {value}, atteso 1…{detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="258"/>
        <source>Phases with dates out of order</source>
        <translation>Fasi con date fuori ordine</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="259"/>
        <source>{feature}: phase {value} starts before the previous phase ({detail}).</source>
        <translation>{feature}: la fase {value} inizia prima della fase precedente ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="267"/>
        <source>Project with no physical work and no action</source>
        <translation>Progetto senza lavori né azioni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="268"/>
        <source>{feature}: the project has neither physical works nor actions.</source>
        <translation>{feature}: il progetto non ha né lavori né azioni.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="277"/>
        <source>Project answering no problem</source>
        <translation>Progetto senza criticità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="278"/>
        <source>{feature}: the project answers no criticità.</source>
        <translation>{feature}: il progetto non risponde a nessuna criticità.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="287"/>
        <source>Concluded phase ending in the future</source>
        <translation>Fase conclusa con fine futura</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="288"/>
        <source>{feature}: the phase is &apos;concluded&apos; but its end date {value} is in the future.</source>
        <translation>{feature}: la fase è «conclusa» ma la data di fine {value} è futura.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="296"/>
        <source>Value with control characters</source>
        <translation>Valore con caratteri di controllo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="297"/>
        <source>{feature}: the field {field} contains control or non-printable characters.</source>
        <translation>{feature}: il campo {field} contiene caratteri di controllo o non stampabili.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="305"/>
        <source>Invalid CUP</source>
        <translation>CUP non valido</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="306"/>
        <source>{feature}: the CUP &apos;{value}&apos; is not 15 upper-case letters or digits ({detail} characters).</source>
        <translation>{feature}: il CUP «{value}» non è di 15 lettere maiuscole o cifre ({detail} caratteri).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="316"/>
        <source>CUP with an unusual layout</source>
        <translation>CUP con struttura insolita</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="317"/>
        <source>{feature}: the CUP &apos;{value}&apos; does not follow the layout letter, 2 digits, letter, 11 digits.</source>
        <translation>{feature}: il CUP «{value}» non segue la struttura lettera, 2 cifre, lettera, 11 cifre.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="328"/>
        <source>Measurement before the project&apos;s start</source>
        <translation>Misura precedente all&apos;inizio del progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="329"/>
        <source>{feature}: the measurement is dated {value}, before the project&apos;s start ({detail}).</source>
        <translation>{feature}: la misura è datata {value}, prima dell&apos;inizio del progetto ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="340"/>
        <source>Measurement dated in the future</source>
        <translation>Misura con data futura</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="341"/>
        <source>{feature}: the measurement is dated {value}, a date in the future.</source>
        <translation>{feature}: la misura è datata {value}, una data futura.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="350"/>
        <source>Measurement unit differs from the indicator&apos;s</source>
        <translation>Unità di misura diversa da quella dell&apos;indicatore</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="351"/>
        <source>{feature}: the unit &apos;{value}&apos; differs from the indicator&apos;s ({detail}).</source>
        <translation>{feature}: l&apos;unità di misura «{value}» è diversa da quella dell&apos;indicatore ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="361"/>
        <source>Target date before the baseline date</source>
        <translation>Data obiettivo precedente alla data di partenza</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="362"/>
        <source>{feature}: the target date {value} is before the baseline date {detail}.</source>
        <translation>{feature}: la data obiettivo {value} precede la data del valore di partenza {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="372"/>
        <source>Missing UUID</source>
        <translation>UUID mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="373"/>
        <source>{feature}: the identifier (uuid) is empty.</source>
        <translation>{feature}: l&apos;identificativo (uuid) è vuoto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="381"/>
        <source>Malformed UUID</source>
        <translation>UUID malformato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="382"/>
        <source>{feature}: the identifier &apos;{value}&apos; is not a valid UUID.</source>
        <translation>{feature}: l&apos;identificativo «{value}» non è un UUID valido.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="390"/>
        <source>Duplicate UUID</source>
        <translation>UUID duplicato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="391"/>
        <source>{feature}: the identifier &apos;{value}&apos; appears {detail} times in the table {layer}.</source>
        <translation>{feature}: l&apos;identificativo «{value}» compare {detail} volte nella tabella {layer}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="399"/>
        <source>Unresolved link</source>
        <translation>Collegamento non risolto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="400"/>
        <source>{feature}: the field {field} points to &apos;{value}&apos;, which does not exist in {detail}.</source>
        <translation>{feature}: il campo {field} punta a «{value}», che non esiste in {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="410"/>
        <source>Orphan record</source>
        <translation>Record orfano</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="411"/>
        <source>{feature}: the required link {field} is empty (orphan record).</source>
        <translation>{feature}: il collegamento obbligatorio {field} è vuoto (record orfano).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="419"/>
        <source>Action linked to another project&apos;s physical work</source>
        <translation>Azione collegata a un lavoro di un altro progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="420"/>
        <source>{feature}: the linked physical work {value} belongs to another project ({detail}).</source>
        <translation>{feature}: il lavoro collegato {value} appartiene a un altro progetto ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="430"/>
        <source>Missing or empty geometry</source>
        <translation>Geometria mancante o vuota</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="431"/>
        <source>{feature}: the perimeter is missing.</source>
        <translation>{feature}: manca il perimetro.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="439"/>
        <source>Unreadable geometry</source>
        <translation>Geometria illeggibile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="440"/>
        <source>{feature}: the geometry cannot be read ({detail}).</source>
        <translation>{feature}: la geometria non è leggibile ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="448"/>
        <source>Wrong geometry type</source>
        <translation>Tipo di geometria errato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="449"/>
        <source>{feature}: the geometry is {value}; it must be a polygon or multipolygon.</source>
        <translation>{feature}: la geometria è {value}, deve essere un poligono o multipoligono.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="457"/>
        <source>Invalid geometry (GEOS)</source>
        <translation>Geometria non valida (GEOS)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="458"/>
        <source>{feature}: invalid geometry: {detail}.</source>
        <translation>{feature}: geometria non valida: {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="467"/>
        <source>Wrong reference system</source>
        <translation>Sistema di riferimento errato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="468"/>
        <source>{layer}: the reference system is {value}; the file declares {detail}.</source>
        <translation>{layer}: il sistema di riferimento è {value}, il file dichiara {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="477"/>
        <source>Geometry SRS differs from its table</source>
        <translation>Geometria con SRS diverso dalla tabella</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="478"/>
        <source>{feature}: the geometry declares srs_id {value}; the table {detail}.</source>
        <translation>{feature}: la geometria dichiara srs_id {value}, la tabella {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="486"/>
        <source>Outside the metropolitan territory</source>
        <translation>Fuori dal territorio metropolitano</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="487"/>
        <source>{feature}: the perimeter touches none of the 133 comuni of the Metropolitan City.</source>
        <translation>{feature}: il perimetro non tocca nessuno dei 133 comuni della Città metropolitana.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="496"/>
        <source>Outside its declared comune</source>
        <translation>Fuori dal comune dichiarato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="497"/>
        <source>{feature}: the perimeter lies mostly outside its declared comune {value} ({detail}).</source>
        <translation>{feature}: il perimetro è per lo più fuori dal comune dichiarato {value} ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="507"/>
        <source>Overlapping works of one project</source>
        <translation>Lavori sovrapposti nello stesso progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="508"/>
        <source>{feature}: the perimeter overlaps the physical work {value} of the same project ({detail} m²).</source>
        <translation>{feature}: il perimetro si sovrappone al lavoro {value} dello stesso progetto ({detail} m²).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="518"/>
        <source>Sliver: area too small</source>
        <translation>Scheggia: area troppo piccola</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="519"/>
        <source>{feature}: the perimeter has an area of {value} m², below the minimum of {detail} m².</source>
        <translation>{feature}: il perimetro ha un&apos;area di {value} m², sotto il minimo di {detail} m².</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="528"/>
        <source>Thin sliver</source>
        <translation>Scheggia sottile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="529"/>
        <source>{feature}: a part of the perimeter is extremely thin (area/perimeter {value} m, minimum {detail} m).</source>
        <translation>{feature}: una parte del perimetro è sottilissima (area/perimetro {value} m, minimo {detail} m).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="539"/>
        <source>Duplicate perimeter</source>
        <translation>Perimetro duplicato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="540"/>
        <source>{feature}: the perimeter is identical to that of {value}.</source>
        <translation>{feature}: il perimetro è identico a quello di {value}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="548"/>
        <source>Area out of date</source>
        <translation>Superficie non aggiornata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="549"/>
        <source>{feature}: the recorded area is {value} m², the perimeter measures {detail} m².</source>
        <translation>{feature}: la superficie registrata è {value} m², il perimetro misura {detail} m².</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="619"/>
        <source>File name does not conform</source>
        <translation>Nome del file non conforme</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="628"/>
        <source>Manifest missing</source>
        <translation>Manifest mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="629"/>
        <source>The bundle_manifest table is missing: not a RE.MIX bundle.</source>
        <translation>Manca la tabella bundle_manifest: non è un bundle RE.MIX.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="637"/>
        <source>Unreadable manifest</source>
        <translation>Manifest illeggibile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="638"/>
        <source>Unreadable manifest ({detail}).</source>
        <translation>Manifest illeggibile ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="646"/>
        <source>Unknown specification version</source>
        <translation>Versione della specifica sconosciuta</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="647"/>
        <source>Unknown specification version: {value} (supported: {detail}).</source>
        <translation>Versione della specifica sconosciuta: {value} (gestita: {detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="655"/>
        <source>Unreadable schema version</source>
        <translation>Versione dello schema illeggibile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="656"/>
        <source>Manifest: unreadable schema version ({value}).</source>
        <translation>Manifest: versione dello schema illeggibile ({value}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="664"/>
        <source>Schema newer than the plugin</source>
        <translation>Schema più recente del plugin</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="665"/>
        <source>The bundle was written with schema {value}, newer than the one handled ({detail}): update the plugin.</source>
        <translation>Il bundle è stato scritto con lo schema {value}, più recente di quello gestito ({detail}): aggiorna il plugin.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="674"/>
        <source>Manifest entry missing</source>
        <translation>Voce del manifest mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="675"/>
        <source>Manifest: {detail} is missing.</source>
        <translation>Manifest: manca {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="683"/>
        <source>Counts missing from the manifest</source>
        <translation>Conteggi assenti dal manifest</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="684"/>
        <source>The manifest has no counts.</source>
        <translation>Il manifest non riporta i conteggi.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="692"/>
        <source>Count differs from the manifest</source>
        <translation>Conteggio diverso dal manifest</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="693"/>
        <source>{layer}: {value} records, the manifest says {detail}.</source>
        <translation>{layer}: {value} record, il manifest ne dichiara {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="701"/>
        <source>Unknown hash algorithm</source>
        <translation>Algoritmo dell&apos;hash sconosciuto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="702"/>
        <source>Unknown hash algorithm: {value} (supported: {detail}).</source>
        <translation>Algoritmo dell&apos;hash sconosciuto: {value} (gestiti: {detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="710"/>
        <source>Content hash differs</source>
        <translation>Hash del contenuto diverso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="711"/>
        <source>The content hash does not match the manifest (data altered?).</source>
        <translation>L&apos;hash del contenuto non corrisponde al manifest (dati alterati?).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="719"/>
        <source>Table that must not travel</source>
        <translation>Tabella che non deve viaggiare</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="720"/>
        <source>The table {layer} must not travel in the bundle.</source>
        <translation>La tabella {layer} non deve viaggiare nel bundle.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="729"/>
        <source>Bundle table missing</source>
        <translation>Tabella del bundle mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="730"/>
        <source>The table {layer} is missing.</source>
        <translation>Manca la tabella {layer}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="738"/>
        <source>Bundle field missing</source>
        <translation>Campo del bundle mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="739"/>
        <source>{layer}: the field {field} is missing.</source>
        <translation>{layer}: manca il campo {field}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="747"/>
        <source>Bundle field type differs</source>
        <translation>Tipo di campo del bundle diverso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="748"/>
        <source>{layer}.{field}: type {value} instead of {detail}.</source>
        <translation>{layer}.{field}: tipo {value} invece di {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="756"/>
        <source>Field not in the specification</source>
        <translation>Campo non previsto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="757"/>
        <source>{layer}: field {field} is not in the specification.</source>
        <translation>{layer}: campo {field} non previsto dalla specifica.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="765"/>
        <source>View in the bundle</source>
        <translation>Vista nel bundle</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="766"/>
        <source>The view {layer} is not in the specification (a bundle holds no views).</source>
        <translation>La vista {layer} non è prevista dalla specifica (un bundle non contiene viste).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="774"/>
        <source>Foreign trigger</source>
        <translation>Trigger estraneo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="775"/>
        <source>The trigger {value} on {layer} is not one of GDAL&apos;s: a bundle holds no code.</source>
        <translation>Il trigger {value} su {layer} non è uno di quelli di GDAL: un bundle non contiene codice.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="783"/>
        <source>Geometry column missing</source>
        <translation>Colonna geometrica mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="784"/>
        <source>{layer}: the geometry column is missing.</source>
        <translation>{layer}: manca la colonna geometrica.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="792"/>
        <source>Wrong bundle CRS</source>
        <translation>Sistema di riferimento del bundle errato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="793"/>
        <source>{layer}: reference system {detail} instead of EPSG:32632.</source>
        <translation>{layer}: sistema di riferimento {detail} invece di EPSG:32632.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="801"/>
        <source>Wrong bundle geometry type</source>
        <translation>Tipo di geometria del bundle errato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="802"/>
        <source>{layer}: geometry {value} instead of {detail}.</source>
        <translation>{layer}: geometria {value} invece di {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="810"/>
        <source>Wrong CRS definition</source>
        <translation>Definizione del sistema di riferimento errata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="811"/>
        <source>{layer} {detail}: the definition does not match EPSG:32632.</source>
        <translation>{layer} {detail}: la definizione non corrisponde a EPSG:32632.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="819"/>
        <source>Geometry column with Z or M</source>
        <translation>Colonna geometrica con Z o M</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="820"/>
        <source>{layer}: the geometry column declares Z or M ({detail}), the spec wants 2D.</source>
        <translation>{layer}: la colonna geometrica dichiara Z o M ({detail}), la specifica vuole 2D.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="828"/>
        <source>Geometry with Z or M</source>
        <translation>Geometria con Z o M</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="829"/>
        <source>{layer}: geometry with Z or M coordinates in a 2D column.</source>
        <translation>{layer}: geometria con coordinate Z o M in una colonna 2D.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="837"/>
        <source>Unreadable bundle geometry</source>
        <translation>Geometria del bundle illeggibile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="838"/>
        <source>{layer}: unreadable geometry ({detail}).</source>
        <translation>{layer}: geometria non leggibile ({detail}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="846"/>
        <source>Impossible audit date</source>
        <translation>Data di registrazione impossibile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="847"/>
        <source>{layer}.{field}: impossible date {value}.</source>
        <translation>{layer}.{field}: data impossibile {value}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="856"/>
        <source>Modified before created</source>
        <translation>Modifica precedente alla creazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="857"/>
        <source>{layer}: modificato_il is before creato_il.</source>
        <translation>{layer}: modificato_il precede creato_il.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="865"/>
        <source>Code missing from the code list</source>
        <translation>Codice assente dalla lista dei codici</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="866"/>
        <source>Code list: {detail} is missing.</source>
        <translation>Lista dei codici: manca {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="874"/>
        <source>Code list entry not in the scheme</source>
        <translation>Codice estraneo nella lista dei codici</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="875"/>
        <source>Code list: {detail} is not in the scheme.</source>
        <translation>Lista dei codici: {detail} non è nello schema.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="883"/>
        <source>Schema extension missing</source>
        <translation>Estensione schema mancante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="884"/>
        <source>The schema extension (gpkg_data_columns/constraints) is missing.</source>
        <translation>Manca l&apos;estensione schema (gpkg_data_columns/constraints).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="892"/>
        <source>Wrong enum constraint</source>
        <translation>Vincolo enum errato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="893"/>
        <source>{layer}.{field}: enum constraint missing or different from the codes of {detail}.</source>
        <translation>{layer}.{field}: vincolo enum mancante o diverso dai codici di {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="902"/>
        <source>Bundle record without UUID</source>
        <translation>Record senza UUID nel bundle</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="903"/>
        <source>{layer}: record without UUID.</source>
        <translation>{layer}: record senza UUID.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="911"/>
        <source>UUID repeated in the bundle</source>
        <translation>UUID ripetuto nel bundle</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="912"/>
        <source>{layer}: duplicate UUID {value}.</source>
        <translation>{layer}: UUID duplicato {value}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="920"/>
        <source>Link to a missing record</source>
        <translation>Collegamento a un record assente</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="921"/>
        <source>{layer}: {value} does not exist in {detail}.</source>
        <translation>{layer}: {value} non esiste in {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="929"/>
        <source>Code repeated in a link table</source>
        <translation>Codice ripetuto in una tabella di collegamento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="930"/>
        <source>{layer}: code {value} repeated.</source>
        <translation>{layer}: codice {value} ripetuto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="938"/>
        <source>Relation not declared</source>
        <translation>Relazione non dichiarata</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="939"/>
        <source>Relation {detail} not declared in gpkgext_relations.</source>
        <translation>Relazione {detail} non dichiarata in gpkgext_relations.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="947"/>
        <source>Relation mapping table incomplete</source>
        <translation>Tabella di relazione incompleta</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="948"/>
        <source>{layer}: {value} rows instead of {detail}.</source>
        <translation>{layer}: {value} righe invece di {detail}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="956"/>
        <source>Metadata missing</source>
        <translation>Metadati mancanti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="957"/>
        <source>The ISO 19139 (RNDT) metadata record is missing.</source>
        <translation>Manca il record di metadati ISO 19139 (RNDT).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="965"/>
        <source>Layer not seen by a generic reader</source>
        <translation>Layer non visto da un lettore generico</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="966"/>
        <source>fiona does not see the layer {layer}.</source>
        <translation>fiona non vede il layer {layer}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="974"/>
        <source>Count differs in a generic reader</source>
        <translation>Conteggio diverso in un lettore generico</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="975"/>
        <source>fiona reads {value} records in {layer}.</source>
        <translation>fiona legge {value} record in {layer}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="983"/>
        <source>Validation failed</source>
        <translation>Validazione impossibile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="984"/>
        <source>Validation failed: {detail}</source>
        <translation>Validazione impossibile: {detail}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="992"/>
        <source>More cases not listed</source>
        <translation>Altri casi non elencati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/catalogue.py" line="993"/>
        <source>More cases of {value} not listed.</source>
        <translation>Altri casi di {value} non elencati.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/cli.py" line="30"/>
        <source>WARNING</source>
        <translation>AVVISO</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/cli.py" line="29"/>
        <source>ERROR</source>
        <translation>ERRORE</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/cli.py" line="96"/>
        <source>Unreadable file</source>
        <translation>File illeggibile</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/cli.py" line="51"/>
        <source>{path}: {errors} errors, {warnings} warnings, {suppressed} accepted exceptions (profile {profile}).</source>
        <translation>{path}: {errors} errori, {warnings} avvisi, {suppressed} eccezioni accettate (profilo {profile}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/cli.py" line="70"/>
        <source>The validator needs GDAL and shapely for Python (python3-gdal, python3-shapely): {error}</source>
        <translation>Il validatore richiede GDAL e shapely per Python (python3-gdal, python3-shapely): {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/cli.py" line="83"/>
        <source>Validating the database needs psycopg2 for Python (python3-psycopg2): {error}</source>
        <translation>Per validare il database serve psycopg2 per Python (python3-psycopg2): {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/rules/geometry.py" line="269"/>
        <source>{share:.0%} of the area in the comune</source>
        <translation>{share:.0%} dell&apos;area nel comune</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/rules/geometry.py" line="43"/>
        <source>{crs} (allowed: {allowed})</source>
        <translation>{crs} (ammessi: {allowed})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/rules/records.py" line="153"/>
        <source>phase {number}: {start}</source>
        <translation>fase {number}: {start}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/task.py" line="43"/>
        <source>RE.MIX validation</source>
        <translation>Validazione RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/task.py" line="66"/>
        <source>The validation failed: {error}</source>
        <translation>La validazione non è riuscita: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="155"/>
        <source>{name} has no &apos;pubblicabile&apos; field (data model 1): upgrade the file, then mark the projects that may be published.</source>
        <translation>{name} non ha il campo «pubblicabile» (modello dati 1): aggiornare il file, poi indicare i progetti che si possono pubblicare.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="177"/>
        <source>{name} is not a RE.MIX database: it has no projects table.</source>
        <translation>{name} non è un database RE.MIX: non ha la tabella dei progetti.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="264"/>
        <source>The file has no coordinate reference system: it cannot be published on the web.</source>
        <translation>Il file non ha un sistema di riferimento: non si può pubblicare sul web.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="636"/>
        <source>{path} exists and is not a folder: choose another output folder.</source>
        <translation>{path} esiste e non è una cartella: scegliere un&apos;altra cartella di destinazione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="642"/>
        <source>{path} is not empty and is not a previous web publication: choose an empty or new folder (nothing was written).</source>
        <translation>{path} non è vuota e non è una pubblicazione web precedente: scegliere una cartella vuota o nuova (non è stato scritto nulla).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="687"/>
        <source>The base layer needs a type (xyz or wms) and an http(s) address.</source>
        <translation>Lo sfondo richiede un tipo (xyz o wms) e un indirizzo http(s).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="692"/>
        <source>An XYZ base layer&apos;s address needs {{z}}, {{x}} and {{y}}: {url}</source>
        <translation>L&apos;indirizzo di una mappa di base XYZ deve contenere {{z}}, {{x}} e {{y}}: {url}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="696"/>
        <source>A WMS base layer needs the names of its layers.</source>
        <translation>Una mappa di base WMS richiede i nomi dei suoi layer.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="711"/>
        <source>Unknown language {value}: use it or en.</source>
        <translation>Lingua sconosciuta {value}: usare it o en.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="719"/>
        <source>The web map library is missing from the plugin ({files}): run scripts/build_web_assets.py.</source>
        <translation>Nel plugin manca la libreria della mappa web ({files}): eseguire scripts/build_web_assets.py.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="142"/>
        <source>{name} is not a RE.MIX GeoPackage: it has no projects table.</source>
        <translation>{name} non è un GeoPackage RE.MIX: non ha la tabella dei progetti.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/web/publish.py" line="365"/>
        <source>Unknown comune in the filter: {value}.</source>
        <translation>Comune sconosciuto nel filtro: {value}.</translation>
    </message>
    <message>
        <source>Metropolitan priority of «{title}»: {score} / 100 (rank {rank} of {total})</source>
        <translation type="vanished">Priorità metropolitana di «{title}»: {score} / 100 (posizione {rank} di {total})</translation>
    </message>
    <message>
        <source>The Processing plugin is not active: enable it in the plugin manager.</source>
        <translation type="vanished">Il plugin Processing non è attivo: attivalo nel gestore dei plugin.</translation>
    </message>
    <message>
        <source>The QGIS Server project is prepared from a RE.MIX GeoPackage: the central database is not supported yet.</source>
        <translation type="vanished">Il progetto per QGIS Server si prepara da un GeoPackage RE.MIX: il database centrale non è ancora supportato.</translation>
    </message>
    <message>
        <source>The import writes into this GeoPackage: first save or discard the unsaved edits in {layers}, then import again.</source>
        <translation type="vanished">L&apos;importazione scrive in questo GeoPackage: prima salva o annulla le modifiche non salvate in {layers}, poi importa di nuovo.</translation>
    </message>
    <message>
        <source>The web atlas is published from a RE.MIX GeoPackage: the central database is not supported yet (export a bundle or check out a GeoPackage first).</source>
        <translation type="vanished">L&apos;atlante web si pubblica da un GeoPackage RE.MIX: il database centrale non è ancora supportato (esporta prima un pacchetto regionale o estrai un GeoPackage).</translation>
    </message>
    <message>
        <source>Validate RE.MIX GeoPackage</source>
        <translation type="vanished">Valida GeoPackage RE.MIX</translation>
    </message>
    <message>
        <source>Writes a folder that any web server can publish: a map of the projects marked &apos;pubblicabile&apos;, their cards, filters, a summary and the story of their phases. No personal data (authors, notes) is written. FILTER is an optional QGIS expression on the project fields; COMUNI an optional list of comuni (ISTAT codes or names).</source>
        <translation type="vanished">Scrive una cartella che qualsiasi server web può pubblicare: una mappa dei progetti segnati come «pubblicabile», le loro schede, filtri, un riepilogo e il racconto delle loro fasi. Non scrive dati personali (autori, note). FILTER è un&apos;espressione QGIS facoltativa sui campi dei progetti; COMUNI un elenco facoltativo di comuni (codici ISTAT o nomi).</translation>
    </message>
    <message>
        <source>tab</source>
        <translation type="vanished">scheda</translation>
    </message>
</context>
</TS>
