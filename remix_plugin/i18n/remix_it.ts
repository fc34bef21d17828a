<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT" sourcelanguage="en">
<context>
    <name>RemixPlugin</name>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="268"/>
        <source>(all)</source>
        <translation>(tutti)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="634"/>
        <source>Open a RE.MIX GeoPackage first</source>
        <translation>Apri prima un GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="635"/>
        <source>Select a project (or one of its items) in the tree first</source>
        <translation>Seleziona prima un progetto (o uno dei suoi elementi) nell&apos;albero</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="71"/>
        <location filename="../../remix_plugin/gui/dock.py" line="685"/>
        <source>RE.MIX</source>
        <translation>RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="105"/>
        <location filename="../../remix_plugin/gui/dock.py" line="377"/>
        <source>Open or create a RE.MIX GeoPackage to map regeneration projects.</source>
        <translation>Apri o crea un GeoPackage RE.MIX per mappare i progetti di rigenerazione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="112"/>
        <location filename="../../remix_plugin/plugin.py" line="68"/>
        <source>New RE.MIX GeoPackage…</source>
        <translation>Nuovo GeoPackage RE.MIX…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="113"/>
        <location filename="../../remix_plugin/plugin.py" line="69"/>
        <source>Create an empty RE.MIX GeoPackage with its forms, styles and project</source>
        <translation>Crea un GeoPackage RE.MIX vuoto con i suoi moduli, stili e progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="117"/>
        <location filename="../../remix_plugin/plugin.py" line="73"/>
        <source>Open RE.MIX GeoPackage…</source>
        <translation>Apri GeoPackage RE.MIX…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="118"/>
        <location filename="../../remix_plugin/plugin.py" line="74"/>
        <source>Open a RE.MIX GeoPackage and the project stored inside it</source>
        <translation>Apri un GeoPackage RE.MIX e il progetto salvato al suo interno</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="146"/>
        <location filename="../../remix_plugin/gui/dock_actions.py" line="117"/>
        <source>New project</source>
        <translation>Nuovo progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="147"/>
        <source>Create a new project: fill its form, then draw the perimeter of its first work</source>
        <translation>Crea un nuovo progetto: compila il modulo, poi disegna il perimetro del primo lavoro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="150"/>
        <source>Draw perimeter</source>
        <translation>Disegna perimetro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="151"/>
        <source>Draw the perimeter of a new work of the selected project, snapping to the comuni and to the visible layers</source>
        <translation>Disegna il perimetro di un nuovo lavoro del progetto selezionato, con aggancio ai comuni e ai layer visibili</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="155"/>
        <source>Perimeter from selection</source>
        <translation>Perimetro dalla selezione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="156"/>
        <source>Create a work of the selected project from each selected feature of the active polygon layer (cadastral parcel, PGT area…), transformed to the working CRS</source>
        <translation>Crea un lavoro del progetto selezionato da ogni elemento selezionato del layer di poligoni attivo (particella catastale, ambito del PGT…), trasformato nel sistema di riferimento di lavoro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="160"/>
        <source>Attach action</source>
        <translation>Collega azione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="161"/>
        <source>Add an action (social, cultural or economic) to the selected project or work</source>
        <translation>Aggiungi un&apos;azione (sociale, culturale o economica) al progetto o al lavoro selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="164"/>
        <source>Add problem</source>
        <translation>Aggiungi criticità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="165"/>
        <source>Add a problem (criticità) answered by the selected project</source>
        <translation>Aggiungi una criticità a cui risponde il progetto selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="168"/>
        <source>Add actor</source>
        <translation>Aggiungi attore</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="169"/>
        <source>Involve an actor in the selected project</source>
        <translation>Coinvolgi un attore nel progetto selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="172"/>
        <source>Add phase</source>
        <translation>Aggiungi fase</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="173"/>
        <source>Add the next phase of the selected project</source>
        <translation>Aggiungi la fase successiva del progetto selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="176"/>
        <source>Add measurement</source>
        <translation>Aggiungi misurazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="177"/>
        <source>Record a measurement of an indicator (KPI) for the selected project</source>
        <translation>Registra una misurazione di un indicatore (KPI) per il progetto selezionato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="198"/>
        <source>Search projects, works, actions, comuni…</source>
        <translation>Cerca progetti, lavori, azioni, comuni…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="199"/>
        <source>Shows the projects whose title, comune or works, actions and problems contain the text</source>
        <translation>Mostra i progetti il cui titolo, comune o i cui lavori, azioni e criticità contengono il testo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="208"/>
        <source>Filters</source>
        <translation>Filtri</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="212"/>
        <source>Only projects in this comune (their own or their works&apos;)</source>
        <translation>Solo i progetti in questo comune (propri o dei loro lavori)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="213"/>
        <source>Only projects in a comune of this zona omogenea</source>
        <translation>Solo i progetti in un comune di questa zona omogenea</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="214"/>
        <source>Only projects with this field of opportunity</source>
        <translation>Solo i progetti con questo ambito di opportunità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="215"/>
        <source>Only projects with this scale of expected impact</source>
        <translation>Solo i progetti con questa scala dell&apos;impatto atteso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="216"/>
        <source>Only projects in this state</source>
        <translation>Solo i progetti in questo stato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="217"/>
        <source>Comune</source>
        <translation>Comune</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="218"/>
        <source>Zona omogenea</source>
        <translation>Zona omogenea</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="219"/>
        <source>Field of opportunity</source>
        <translation>Ambito di opportunità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="220"/>
        <source>Scale of impact</source>
        <translation>Scala dell&apos;impatto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="221"/>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="223"/>
        <source>Only with problems</source>
        <translation>Solo con problemi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="227"/>
        <source>Clear filters</source>
        <translation>Azzera filtri</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="228"/>
        <source>Show every project again</source>
        <translation>Mostra di nuovo tutti i progetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="718"/>
        <source>Draw the perimeter: click to add vertices, right click to close it; the form of the new work opens then</source>
        <translation>Disegna il perimetro: clic per aggiungere i vertici, clic destro per chiuderlo; poi si apre il modulo del nuovo lavoro</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="471"/>
        <source>{programmes} programmes · {projects} projects · {works} works · {actions} actions · {problems} problems</source>
        <translation>{programmes} programmi · {projects} progetti · {works} lavori · {actions} azioni · {problems} criticità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="528"/>
        <source>Only projects with findings of the last validation</source>
        <translation>Solo i progetti con segnalazioni dell&apos;ultima validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="531"/>
        <source>Run the validation first: it tells which projects have problems</source>
        <translation>Esegui prima la validazione: indica quali progetti hanno problemi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="651"/>
        <source>The layer of this table is not in the project</source>
        <translation>Il layer di questa tabella non è nel progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="658"/>
        <source>Make a polygon layer (e.g. cadastral parcels) active in the Layers panel and select the features to copy</source>
        <translation>Rendi attivo nel pannello Layer un layer di poligoni (ad es. le particelle catastali) e seleziona gli elementi da copiare</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="701"/>
        <location filename="../../remix_plugin/gui/dock.py" line="733"/>
        <source>Select a project in the tree first</source>
        <translation>Seleziona prima un progetto nell&apos;albero</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="742"/>
        <source>{count} works added to the edit buffer of “{layer}” (not saved yet)</source>
        <translation>{count} lavori aggiunti alle modifiche di “{layer}” (non ancora salvati)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="348"/>
        <source>The layers of this RE.MIX GeoPackage are not in the project. Open it again with “Open RE.MIX GeoPackage…”.</source>
        <translation>I layer di questo GeoPackage RE.MIX non sono nel progetto. Riaprilo con “Apri GeoPackage RE.MIX…”.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="661"/>
        <source>Select one or more features of “{layer}” on the map</source>
        <translation>Seleziona sulla mappa uno o più elementi di “{layer}”</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="745"/>
        <source>{count} features without geometry skipped</source>
        <translation>{count} elementi senza geometria ignorati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock.py" line="477"/>
        <source>{visible} of {total} projects shown</source>
        <translation>{visible} progetti mostrati su {total}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_actions.py" line="115"/>
        <source>Draw the perimeter of the project&apos;s first work now?</source>
        <translation>Disegnare ora il perimetro del primo lavoro del progetto?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_actions.py" line="63"/>
        <source>new feature</source>
        <translation>nuovo elemento</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="105"/>
        <source>The validation</source>
        <translation>La validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="138"/>
        <source>The atlas</source>
        <translation>L&apos;atlante</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="147"/>
        <source>Printing the atlas in the background…</source>
        <translation>Stampa dell&apos;atlante in corso in background…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="173"/>
        <source>The export</source>
        <translation>L&apos;esportazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="35"/>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="67"/>
        <source>Validate</source>
        <translation>Valida</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="36"/>
        <source>Check the saved data against the RE.MIX scheme (in the background); the findings open in their own panel</source>
        <translation>Verifica i dati salvati rispetto alla tassonomia RE.MIX (in background); le segnalazioni si aprono in un pannello dedicato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="38"/>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="51"/>
        <source>Atlas PDF</source>
        <translation>Atlante PDF</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="39"/>
        <source>Print the atlas of the projects (cover, summary, one page per project) as a PDF</source>
        <translation>Stampa l&apos;atlante dei progetti (copertina, sommario, una pagina per progetto) in PDF</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="41"/>
        <source>Export bundle…</source>
        <translation>Esporta pacchetto regionale…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="42"/>
        <source>Export the regional bundle for Regione Lombardia (validation errors block it)</source>
        <translation>Esporta il pacchetto per Regione Lombardia (gli errori di validazione lo bloccano)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="44"/>
        <source>Import bundle…</source>
        <translation>Importa pacchetto regionale…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="45"/>
        <source>Merge a regional bundle into this GeoPackage by UUID (a backup copy is made first)</source>
        <translation>Unisce un pacchetto regionale a questo GeoPackage per UUID (prima viene fatta una copia di sicurezza)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="110"/>
        <source>RE.MIX — validation findings</source>
        <translation>RE.MIX — esito della validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="130"/>
        <source>The atlas is already being printed.</source>
        <translation>L&apos;atlante è già in stampa.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="134"/>
        <source>Save the atlas as PDF</source>
        <translation>Salva l&apos;atlante in PDF</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="135"/>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="51"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="145"/>
        <source>RE.MIX atlas (PDF)</source>
        <translation>Atlante RE.MIX (PDF)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="156"/>
        <source>Atlas printing cancelled: no file was written.</source>
        <translation>Stampa dell&apos;atlante annullata: nessun file è stato scritto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="165"/>
        <source>The Processing plugin is not active: enable it in the plugin manager.</source>
        <translation>Il plugin Processing non è attivo: attivalo nel gestore dei plugin.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="97"/>
        <source>{what} reads the saved data: unsaved edits in {layers} are not included. Save them first to include them.</source>
        <translation>{what} legge i dati salvati: le modifiche non salvate in {layers} non sono incluse. Salvale prima per includerle.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/dock_tools.py" line="153"/>
        <source>Atlas saved: {path} ({pages} pages)</source>
        <translation>Atlante salvato: {path} ({pages} pagine)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="65"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="61"/>
        <source>strict (what the Region accepts)</source>
        <translation>rigoroso (ciò che la Regione accetta)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="66"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="61"/>
        <source>draft (work in progress)</source>
        <translation>bozza (lavoro in corso)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="68"/>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="78"/>
        <source>Not validated yet.</source>
        <translation>Non ancora validato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="86"/>
        <source>Zoom and select</source>
        <translation>Zoom e selezione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="87"/>
        <source>Open form</source>
        <translation>Apri la scheda</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="88"/>
        <source>Mark fixed</source>
        <translation>Segna come corretto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="89"/>
        <source>Accept as exception…</source>
        <translation>Accetta come eccezione…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="121"/>
        <source>Validating…</source>
        <translation>Validazione in corso…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="162"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="71"/>
        <source>Errors</source>
        <translation>Errori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="162"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="72"/>
        <source>Warnings</source>
        <translation>Avvisi</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="213"/>
        <source>RE.MIX findings</source>
        <translation>Segnalazioni RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="325"/>
        <source>Accept as exception</source>
        <translation>Accetta come eccezione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="326"/>
        <source>Why is this finding acceptable?</source>
        <translation>Perché questa segnalazione è accettabile?</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="82"/>
        <source>Finding</source>
        <translation>Segnalazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="82"/>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="82"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="243"/>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="243"/>
        <source>Warning</source>
        <translation>Avviso</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="138"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="100"/>
        <source>Validation cancelled.</source>
        <translation>Validazione annullata.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="153"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="104"/>
        <source>{errors} errors, {warnings} warnings, {suppressed} accepted exceptions (profile {profile}).</source>
        <translation>{errors} errori, {warnings} avvisi, {suppressed} eccezioni accettate (profilo {profile}).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/findings_panel.py" line="141"/>
        <source>Validation failed.</source>
        <translation>Validazione non riuscita.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="175"/>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="47"/>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="11"/>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="43"/>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="50"/>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="46"/>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="56"/>
        <source>RE.MIX GeoPackage</source>
        <translation>GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="182"/>
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
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="92"/>
        <source>New RE.MIX GeoPackage</source>
        <translation>Nuovo GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="92"/>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="121"/>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="43"/>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="52"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="121"/>
        <source>Open RE.MIX GeoPackage</source>
        <translation>Apri GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="113"/>
        <source>RE.MIX GeoPackage created: {path}</source>
        <translation>GeoPackage RE.MIX creato: {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="183"/>
        <source>{name} was made by an older version of the plugin (schema {version}). Upgrade it now? A backup copy of the file is made first.</source>
        <translation>{name} è stato creato da una versione precedente del plugin (schema {version}). Aggiornarlo ora? Prima viene fatta una copia di sicurezza del file.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="155"/>
        <source>File upgraded. Backup copy of the old file: {path}</source>
        <translation>File aggiornato. Copia di sicurezza del file precedente: {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="163"/>
        <source>The RE.MIX project of {name} could not be opened.</source>
        <translation>Non è stato possibile aprire il progetto RE.MIX di {name}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="111"/>
        <source>The GeoPackage could not be created: {error}</source>
        <translation>Non è stato possibile creare il GeoPackage: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/geopackage_actions.py" line="153"/>
        <source>The upgrade failed, the file was not changed: {error}</source>
        <translation>L&apos;aggiornamento non è riuscito, il file non è stato modificato: {error}</translation>
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
        <location filename="../../remix_plugin/gui/project_tree.py" line="267"/>
        <location filename="../../remix_plugin/gui/project_tree.py" line="301"/>
        <source>(untitled)</source>
        <translation>(senza titolo)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="268"/>
        <source>Works</source>
        <translation>Lavori</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="268"/>
        <source>Actions</source>
        <translation>Azioni</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="269"/>
        <source>Problems</source>
        <translation>Criticità</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="327"/>
        <source>Works, actions and problems whose project is missing or not set</source>
        <translation>Lavori, azioni e criticità il cui progetto manca o non è indicato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="318"/>
        <source>Projects without programme</source>
        <translation>Progetti senza programma</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/gui/project_tree.py" line="325"/>
        <source>Not linked to a project</source>
        <translation>Non collegati a un progetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/plugin.py" line="59"/>
        <source>RE.MIX panel</source>
        <translation>Pannello RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/plugin.py" line="59"/>
        <source>Show or hide the RE.MIX panel</source>
        <translation>Mostra o nascondi il pannello RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="34"/>
        <source>Atlas of opportunities (PDF)</source>
        <translation>Atlante delle opportunità (PDF)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="37"/>
        <source>Prints the RE.MIX atlas of a GeoPackage as one PDF: a cover, a summary page with counts per zona omogenea, per field of opportunity and per kind of intervention, then one A4 card per project ordered by zona omogenea and comune (map of its works, metropolitan overview, classification, description, phases, actors, indicators). FILTER is an optional QGIS expression on the project fields, e.g. &quot;zona_omogenea&quot; = &apos;nord_ovest&apos;.</source>
        <translation>Stampa in un unico PDF l&apos;atlante RE.MIX di un GeoPackage: copertina, pagina di riepilogo con i conteggi per zona omogenea, per ambito di opportunità e per tipo di intervento, poi una scheda A4 per progetto ordinata per zona omogenea e comune (mappa dei lavori, inquadramento metropolitano, classificazione, descrizione, fasi, attori, indicatori). FILTER è un&apos;espressione QGIS facoltativa sui campi dei progetti, es. &quot;zona_omogenea&quot; = &apos;nord_ovest&apos;.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="49"/>
        <source>Filter (QGIS expression on the projects)</source>
        <translation>Filtro (espressione QGIS sui progetti)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="52"/>
        <source>Pages</source>
        <translation>Pagine</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="53"/>
        <source>Projects</source>
        <translation>Progetti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="63"/>
        <source>Rendering the atlas of {path}…</source>
        <translation>Stampa dell&apos;atlante di {path}…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/atlas_pdf.py" line="71"/>
        <source>{pages} pages, {projects} projects, {seconds:.1f} s</source>
        <translation>{pages} pagine, {projects} progetti, {seconds:.1f} s</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="12"/>
        <source>RE.MIX exchange</source>
        <translation>Scambio RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/base.py" line="13"/>
        <source>RE.MIX atlas</source>
        <translation>Atlante RE.MIX</translation>
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
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="81"/>
        <source>Reference system {crs} is not supported: use EPSG:32632 (WGS 84 / UTM 32N) or EPSG:7791 (RDN2008 / UTM 32N).</source>
        <translation>Il sistema di riferimento {crs} non è supportato: usare EPSG:32632 (WGS 84 / UTM 32N) o EPSG:7791 (RDN2008 / UTM 32N).</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="45"/>
        <source>Reference system (EPSG:32632 or EPSG:7791)</source>
        <translation>Sistema di riferimento (EPSG:32632 o EPSG:7791)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="46"/>
        <source>Schema version</source>
        <translation>Versione dello schema</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/create_geopackage.py" line="64"/>
        <source>Creating {path} in {crs}…</source>
        <translation>Creazione di {path} in {crs}…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="38"/>
        <source>Export regional bundle</source>
        <translation>Esporta pacchetto regionale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="41"/>
        <source>Writes the regional GeoPackage bundle (RE.MIX bundle 1.0, EPSG:32632) for CMM and Regione Lombardia: the selected projects with their works, actions, problems, phases, actors, funding and indicators, the code lists, metadata (ISO 19139 / RNDT) and a manifest with a content hash. FILTER is an expression on the projects (empty: all). Validation errors block the export; the source file is never modified.</source>
        <translation>Scrive il pacchetto GeoPackage regionale (RE.MIX bundle 1.0, EPSG:32632) per CMM e Regione Lombardia: i progetti selezionati con i loro lavori, azioni, criticità, fasi, attori, finanziamenti e indicatori, le liste di codici, i metadati (ISO 19139 / RNDT) e un manifesto con l&apos;hash del contenuto. FILTRO è un&apos;espressione sui progetti (vuoto: tutti). Gli errori di validazione bloccano l&apos;esportazione; il file di origine non viene mai modificato.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="52"/>
        <source>Bundle</source>
        <translation>Pacchetto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="56"/>
        <source>Filter on projects (expression)</source>
        <translation>Filtro sui progetti (espressione)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="61"/>
        <source>Validation profile</source>
        <translation>Profilo di validazione</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="67"/>
        <source>Producer (ISTAT code of the comune, or CMM)</source>
        <translation>Produttore (codice ISTAT del comune, oppure CMM)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="72"/>
        <source>Content hash</source>
        <translation>Hash del contenuto</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="73"/>
        <source>Exported projects</source>
        <translation>Progetti esportati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="124"/>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="135"/>
        <source>Invalid filter expression: {error}</source>
        <translation>Espressione di filtro non valida: {error}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="129"/>
        <source>Cannot read the projects of {path}.</source>
        <translation>Impossibile leggere i progetti di {path}.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/export_bundle.py" line="88"/>
        <source>{n} projects match the filter.</source>
        <translation>{n} progetti corrispondono al filtro.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="34"/>
        <source>Import regional bundle</source>
        <translation>Importa pacchetto regionale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="37"/>
        <source>Checks a RE.MIX bundle (.gpkg or .zip) and merges it into a RE.MIX GeoPackage by UUID: new records are added, records not changed locally since the last import are updated, records changed on both sides are listed in remix_import_conflicts and left untouched. All or nothing, after a backup copy. Save or discard unsaved edits on the target first.</source>
        <translation>Controlla un pacchetto RE.MIX (.gpkg o .zip) e lo unisce a un GeoPackage RE.MIX per UUID: i record nuovi vengono aggiunti, quelli non modificati localmente dall&apos;ultima importazione vengono aggiornati, quelli modificati da entrambe le parti sono elencati in remix_import_conflicts e lasciati invariati. Tutto o niente, dopo una copia di sicurezza. Prima salva o annulla le modifiche non salvate sulla destinazione.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="45"/>
        <source>Bundle (.gpkg or .zip)</source>
        <translation>Pacchetto (.gpkg o .zip)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="47"/>
        <source>Records added</source>
        <translation>Record aggiunti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="48"/>
        <source>Records updated</source>
        <translation>Record aggiornati</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="49"/>
        <source>Conflicts</source>
        <translation>Conflitti</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="50"/>
        <source>Backup copy</source>
        <translation>Copia di sicurezza</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="57"/>
        <source>The layer &apos;{layer}&apos; of the target GeoPackage has unsaved edits: save or discard them, then import again.</source>
        <translation>Il layer &apos;{layer}&apos; del GeoPackage di destinazione ha modifiche non salvate: salvale o annullale, poi importa di nuovo.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/import_bundle.py" line="78"/>
        <source>Conflict: {table} {uuid} ({fields})</source>
        <translation>Conflitto: {table} {uuid} ({fields})</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="42"/>
        <source>Validate RE.MIX GeoPackage</source>
        <translation>Valida GeoPackage RE.MIX</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="45"/>
        <source>Checks a RE.MIX GeoPackage against the data model and the RE.MIX classification scheme: structure, codes of every classified field, required fields, cross-field rules, links between tables and geometries (validity by GEOS, reference system, territory, comune, overlaps, slivers, duplicates). Writes one finding per line (JSON Lines) with its code, severity, layer, feature UUID, field, message and position. The &apos;strict&apos; profile is what the Region accepts; &apos;draft&apos; is lenient for work in progress. The algorithm fails when errors are found, after writing the report.</source>
        <translation>Controlla un GeoPackage RE.MIX rispetto al modello dei dati e allo schema di classificazione RE.MIX: struttura, codici di ogni campo classificato, campi obbligatori, regole tra campi, collegamenti tra tabelle e geometrie (validità GEOS, sistema di riferimento, territorio, comune, sovrapposizioni, schegge, duplicati). Scrive una segnalazione per riga (JSON Lines) con codice, gravità, layer, UUID dell&apos;elemento, campo, messaggio e posizione. Il profilo &apos;rigoroso&apos; è ciò che la Regione accetta; &apos;bozza&apos; è permissivo per il lavoro in corso. L&apos;algoritmo fallisce se trova errori, dopo aver scritto il rapporto.</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="60"/>
        <source>Profile</source>
        <translation>Profilo</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="68"/>
        <source>Report (JSON Lines)</source>
        <translation>Rapporto (JSON Lines)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="68"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="73"/>
        <source>Accepted exceptions</source>
        <translation>Eccezioni accettate</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="74"/>
        <source>Profile used</source>
        <translation>Profilo usato</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="91"/>
        <source>Validating {path} with the {profile} profile…</source>
        <translation>Validazione di {path} con il profilo {profile}…</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/algorithms/validate.py" line="117"/>
        <source>{errors} errors found: see the report {path}</source>
        <translation>Trovati {errors} errori: vedi il rapporto {path}</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/processing/provider.py" line="30"/>
        <source>RE.MIX urban and territorial regeneration</source>
        <translation>RE.MIX rigenerazione urbana e territoriale</translation>
    </message>
    <message>
        <location filename="../../remix_plugin/validation/task.py" line="21"/>
        <source>RE.MIX validation</source>
        <translation>Validazione RE.MIX</translation>
    </message>
</context>
</TS>
