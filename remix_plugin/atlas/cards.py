"""The content of the atlas read from a RE.MIX GeoPackage (GDAL/OGR only, no QGIS).

``read_cards(path, language)`` returns one ``Card`` per project with every text of its page
already written (classification labels from the scheme, never codes), the union of its lavori
as WKT (the page's map extent) and the keys the atlas sorts on (zona omogenea, then comune, then
title). ``summarise(cards)`` counts what the summary page shows.
"""

import datetime
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from osgeo import ogr

from ..codes import parse_codes
from ..i18n import tr
from ..taxonomy import load_scheme

ogr.UseExceptions()

def headings(language):
    """The card's headings in ``language`` (English ``tr`` sources)."""
    return {
        "lavori": tr("Physical works", language=language),
        "azioni": tr("Actions", language=language),
        "fasi": tr("Phases", language=language),
        "attori": tr("Actors involved", language=language),
        "indicatori": tr("Indicators", language=language),
        "criticita": tr("Problems", language=language),
        "none": "—",
        "surface": "m²",
        "illustrative": tr("illustrative perimeter", language=language),
    }


@dataclass
class Card:
    uuid: str
    titolo: str
    comune: str
    comune_istat: str
    zona_omogenea: str
    zona_label: str
    zona_order: int
    values: dict = field(default_factory=dict)  # field name -> text or code
    n_lavori: int = 0
    n_azioni: int = 0
    n_criticita: int = 0
    ambiti: list = field(default_factory=list)  # codes of ambito_opportunita
    geometry_wkt: str = ""  # union of the lavori (or the comune when it has none)
    illustrative: bool = False
    interventi: list = field(default_factory=list)  # intervento_oggetto code of each lavoro
    tipi_azione: list = field(default_factory=list)  # tipo_progetto_azione code of each azione
    has_programma: bool = False

    @property
    def main_ambito(self):
        """The first ambito di opportunità listed: the project's main field (poster colour)."""
        return self.ambiti[0] if self.ambiti else ""

    @property
    def sort_key(self):
        return (self.zona_order, self.comune.casefold(), self.titolo.casefold())


def _rows(dataset, name):
    layer = dataset.GetLayerByName(name)
    if layer is None:
        return []
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    rows = []
    for feature in layer:
        row = {n: feature.GetField(i) for i, n in enumerate(names)}  # by index: no name lookup
        geometry = feature.GetGeometryRef()
        row["_geom"] = geometry.Clone() if geometry is not None else None
        rows.append(row)
    return rows


def _group(rows, key):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.get(key), []).append(row)
    return grouped


def _date_text(value):
    if not value:
        return ""
    text = str(value)[:10].replace("/", "-")
    try:
        return datetime.date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text


def _number(value):
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


class _Labels:
    def __init__(self, language):
        self.scheme = load_scheme()
        self.language = language

    def one(self, dimension, code):
        if not code:
            return ""
        return self.scheme.dimension(dimension).label_of(code, self.language)

    def many(self, dimension, value):
        parsed = parse_codes(value)
        return ", ".join(self.one(dimension, c) for c in parsed.codes)


def read_cards(path, language="it"):
    """Every project of the file as a Card, sorted by zona omogenea, comune and title."""
    labels = _Labels(language)
    words = headings(language)
    zone_order = {t.code: t.order for t in labels.scheme.dimension("zona_omogenea").terms}
    dataset = ogr.Open(str(path), 0)
    try:
        comuni = {r["istat"]: r for r in _rows(dataset, "comuni")}
        progetti = _rows(dataset, "progetti")
        lavori = _group(_rows(dataset, "lavori"), "progetto_uuid")
        azioni = _group(_rows(dataset, "azioni"), "progetto_uuid")
        fasi = _group(_rows(dataset, "fasi"), "progetto_uuid")
        criticita = _group(_rows(dataset, "criticita"), "progetto_uuid")
        links = _group(_rows(dataset, "progetto_attori"), "progetto_uuid")
        attori = {r["uuid"]: r for r in _rows(dataset, "attori")}
        misure = _group(_rows(dataset, "misure"), "progetto_uuid")
        indicatori = {r["uuid"]: r for r in _rows(dataset, "indicatori")}
        programmi = {r["uuid"]: r for r in _rows(dataset, "programmi")}
    finally:
        dataset = None
    cards = []
    for project in progetti:
        uuid = project["uuid"]
        comune = comuni.get(project.get("comune_istat"), {})
        zona = comune.get("zona_omogenea") or ""
        card = Card(uuid=uuid, titolo=project.get("titolo") or "", comune=comune.get("nome") or "",
                    comune_istat=project.get("comune_istat") or "", zona_omogenea=zona,
                    zona_label=labels.one("zona_omogenea", zona), zona_order=zone_order.get(zona, 99))
        own_lavori = lavori.get(uuid, [])
        own_azioni = azioni.get(uuid, [])
        own_criticita = criticita.get(uuid, [])
        card.n_lavori, card.n_azioni, card.n_criticita = len(own_lavori), len(own_azioni), len(own_criticita)
        card.ambiti = parse_codes(project.get("ambito_opportunita")).codes
        card.interventi = [r.get("intervento_oggetto") or "" for r in own_lavori]
        card.tipi_azione = [r.get("tipo_progetto_azione") or "" for r in own_azioni]
        card.has_programma = bool(project.get("programma_uuid"))
        card.illustrative = any(bool(r.get("perimetro_illustrativo")) for r in own_lavori)
        union = None
        for row in own_lavori:
            if row["_geom"] is not None:
                union = row["_geom"].Clone() if union is None else union.Union(row["_geom"])
        if union is None and comune.get("_geom") is not None:
            union = comune["_geom"]
        card.geometry_wkt = union.ExportToWkt() if union is not None else ""

        def bullet_lines(rows, render):
            lines = [render(r) for r in rows]
            return "\n".join("• " + line for line in lines) if lines else words["none"]

        def lavoro_text(r):
            parts = [labels.one("intervento_oggetto", r.get("intervento_oggetto")),
                     labels.one("oggetto_fisico", r.get("oggetto_fisico")),
                     labels.many("servizi_realizzati", r.get("servizi_realizzati"))]
            area = r.get("superficie_mq")
            if area:
                parts.append(f"{_number(round(area))} {words['surface']}"
                             + (f" ({words['illustrative']})" if r.get("perimetro_illustrativo") else ""))
            return f"{r.get('titolo') or ''} — " + "; ".join(p for p in parts if p)

        def azione_text(r):
            service = r.get("tipo_servizio") or ""
            kind = labels.one("tipo_progetto_azione", r.get("tipo_progetto_azione"))
            return f"{r.get('titolo') or ''} — {kind}" + (f": {service}" if service else "")

        def fase_text(r):
            state = labels.one("stato_fase", r.get("stato_fase"))
            return f"{r.get('titolo') or ''} ({state}): {r.get('descrizione') or ''}".strip()

        def attore_text(r):
            actor = attori.get(r.get("attore_uuid"), {})
            return (f"{actor.get('nome') or ''} — {labels.one('tipo_attore', actor.get('tipo_attore'))}, "
                    f"{labels.one('ruolo_attore', r.get('ruolo_attore')).lower()}")

        def indicator_lines(rows):
            by_indicator = OrderedDict()
            for r in sorted(rows, key=lambda r: (str(r.get("data_misura") or ""))):
                by_indicator.setdefault(r.get("indicatore_uuid"), []).append(r)
            lines = [progress_text(indicatori.get(key, {}), series) + kpi_status_text(
                indicatori.get(key, {}), series, language) for key, series in by_indicator.items()]
            return "\n".join("• " + line for line in lines) if lines else words["none"]

        def criticita_text(r):
            fields = labels.many("ambito_criticita", r.get("ambito_criticita"))
            scale = labels.one("scala_criticita", r.get("scala_criticita")).lower()
            return f"{r.get('titolo') or ''} — {fields}; {scale}"

        ordered_fasi = sorted(fasi.get(uuid, []), key=lambda r: (r.get("numero") or 0))
        programme = programmi.get(project.get("programma_uuid"), {})
        card.values = {
            "stato_progetto": project.get("stato_progetto") or "",
            "localizzazione": project.get("localizzazione") or "",
            "scala_impatto": project.get("scala_impatto") or "",
            "livello_progettuale": project.get("livello_progettuale") or "",
            "livello_rigenerazione": project.get("livello_rigenerazione") or "",
            "provenienza": project.get("provenienza") or "",
            "ambito_opportunita": ",".join(card.ambiti),
            "stato_label": labels.one("stato_progetto", project.get("stato_progetto")),
            "localizzazione_label": labels.one("localizzazione", project.get("localizzazione")),
            "scala_label": labels.one("scala_impatto", project.get("scala_impatto")),
            "livello_label": labels.one("livello_progettuale", project.get("livello_progettuale")),
            "rigenerazione_label": labels.one("livello_rigenerazione", project.get("livello_rigenerazione")),
            "provenienza_label": labels.one("provenienza", project.get("provenienza")),
            "ambiti_label": labels.many("ambito_opportunita", project.get("ambito_opportunita")),
            "finalita_label": labels.many("finalita", project.get("finalita")),
            "ambito_azione": project.get("ambito_azione_prevalente") or "",
            "descrizione": project.get("descrizione") or "",
            "obiettivi": project.get("obiettivi") or "",
            "programma": programme.get("titolo") or "",
            "lavori_testo": bullet_lines(own_lavori, lavoro_text),
            "azioni_testo": bullet_lines(own_azioni, azione_text),
            "fasi_testo": "\n".join(fase_text(r) for r in ordered_fasi) or words["none"],
            "attori_testo": bullet_lines(links.get(uuid, []), attore_text),
            "indicatori_testo": indicator_lines(misure.get(uuid, [])),
            "criticita_testo": bullet_lines(own_criticita, criticita_text),
        }
        cards.append(card)
    cards.sort(key=lambda c: c.sort_key)
    return cards


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values):
    """Unicode block bars (vector text in the PDF), lowest value ▁, highest █."""
    low, high = min(values), max(values)
    if high == low:
        return SPARK[3] * len(values)
    return "".join(SPARK[round((v - low) / (high - low) * (len(SPARK) - 1))] for v in values)


def progress_text(indicator, series):
    """One indicator on a card: its only measurement, or first → last with the change and a
    sparkline of every measurement in date order (the indicator's progress)."""
    name = indicator.get("nome") or ""
    unit = indicator.get("unita_misura") or ""
    first, last = series[0], series[-1]
    if len(series) == 1:
        return f"{name}: {_number(first.get('valore'))} {unit} ({_date_text(first.get('data_misura'))})"
    values = [float(r.get("valore") or 0.0) for r in series]
    change = values[-1] - values[0]
    sign = "+" if change >= 0 else "−"
    return (f"{name}: {_number(values[0])} → {_number(values[-1])} {unit} "
            f"({sign}{_number(abs(change))}; {_date_text(first.get('data_misura'))} → "
            f"{_date_text(last.get('data_misura'))}) {sparkline(values)}")


def kpi_status_text(indicator, series, language="it"):
    """" · status (share of the target)" of an indicator with a target (monitoring.kpi), else ""."""
    from ..monitoring.kpi import Measurement, evaluate, indicator_from_row, parse_date, status_label

    if not indicator or indicator.get("valore_obiettivo") is None:
        return ""
    measured = [Measurement(str(r.get("uuid") or ""), parse_date(r.get("data_misura")), float(r["valore"]))
                for r in series if parse_date(r.get("data_misura")) and r.get("valore") is not None]
    if not measured:
        return ""
    target = indicator_from_row(indicator)
    share, _expected, status = evaluate(target, tuple(sorted(measured, key=lambda m: (m.date, m.uuid))))
    goal = _number(target.target)
    if target.target_date:
        goal += f" {tr('by', language=language)} {_date_text(target.target_date.isoformat())}"
    if share is None:
        reached = tr("target {goal}", language=language).format(goal=goal)
    else:
        percent = f"{share * 100:.0f}%"
        reached = tr("{share} of the target {goal}", language=language).format(share=percent, goal=goal)
    return f" · {status_label(status, language)} ({reached})"


def summarise(cards, language="it"):
    """Counts for the summary page: per zona omogenea (comuni, progetti), per ambito di
    opportunità (progetti), per kind (lavori, azioni, criticità)."""
    scheme = load_scheme()
    zones = OrderedDict()
    for term in scheme.dimension("zona_omogenea").terms:
        own = [c for c in cards if c.zona_omogenea == term.code]
        if own:
            zones[term.label(language)] = (len({c.comune_istat for c in own}), len(own))
    ambiti_count = Counter(code for c in cards for code in c.ambiti)
    ambiti = OrderedDict((t.label(language), ambiti_count[t.code])
                         for t in scheme.dimension("ambito_opportunita").terms if ambiti_count[t.code])
    interventi = Counter(code for c in cards for code in c.interventi)
    tipi_azione = Counter(code for c in cards for code in c.tipi_azione)
    return {
        "interventi": interventi,
        "tipi_azione": tipi_azione,
        "ambiti_codes": ambiti_count,
        "zone_codes": {term.code: (len({c.comune_istat for c in cards if c.zona_omogenea == term.code}),
                                   sum(1 for c in cards if c.zona_omogenea == term.code))
                       for term in scheme.dimension("zona_omogenea").terms},
        "programmi": len({c.values.get("programma") for c in cards if c.has_programma}),
        "progetti": len(cards),
        "comuni": len({c.comune_istat for c in cards}),
        "zone": zones,
        "ambiti": ambiti,
        "lavori": sum(c.n_lavori for c in cards),
        "azioni": sum(c.n_azioni for c in cards),
        "criticita": sum(c.n_criticita for c in cards),
        "illustrative": sum(1 for c in cards if c.illustrative),
    }


def priority_text(project_score, language="it"):
    """The card's priority line, "Priorità metropolitana: 31,7 su 100 punti (Scala dell'impatto
    atteso 5/25; …)": ``priority.score.card_line`` (the score as the web page and the dock print
    it, then every criterion's points: no hidden formula, the same breakdown as the CSV)."""
    from ..priority.score import card_line

    return card_line(project_score, language)


def priority_texts(source, language="it", profile=None):
    """{progetto uuid: ``priority_text``} of every project of ``source`` (``priority.score``)."""
    from ..priority.score import score_projects

    return {item.uuid: priority_text(item, language) for item in score_projects(str(source), profile)}
