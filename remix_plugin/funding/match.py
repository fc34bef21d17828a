"""Which open calls for funding (bandi) every project is eligible for, and why.

A call is *open* on a date when ``data_apertura <= date <= data_chiusura``. For every project and
every call open on the date, each criterion below is met or failed, with its reason in Italian
and English (the texts: ``texts()``, through ``i18n.tr``). A criterion the call does not constrain (an empty
list, no amount, no co-funding) is met. The project is *eligible* when every criterion is met.

Criteria (``CRITERIA``, in this order):

- ``beneficiario``: one of the project's proponent kinds is among the call's ``beneficiario``.
  Proponent kinds: ``comune`` (the project's comune files it: always); ``comuni_associati`` when
  the project and its lavori lie in two or more comuni; for each actor with ruolo_attore
  ``promotore`` or ``partner``, its tipo_attore through ``ACTOR_KINDS`` (pubblico → ente_pubblico,
  privati → privato, associazioni → terzo_settore; gruppi_informali → none); ``partenariato`` when
  the project has two or more promotori/partner actors.
- ``zona``: the zona omogenea of the project's comune is among ``zone_ammesse``.
- ``ambiti``: the project's ambito_opportunita share at least one code with the call's.
- ``finalita``: the project's finalità share at least one code with the call's.
- ``intervento``: a lavoro's intervento_oggetto is in ``interventi_finanziati`` or an azione's
  tipo_progetto_azione is in ``azioni_finanziate`` (either list set; both empty: met).
- ``livello``: the project's livello_progettuale is in ``livelli_ammessi``.
- ``importo``: costo_stimato lies within ``importo_min`` … ``importo_max`` (no cost: failed when the
  call sets a bound).
- ``cofinanziamento``: Σ importo of the project's finanziamenti with stato_finanziamento in
  ``SECURED`` (assegnato, erogato), as a percentage of costo_stimato, ≥ ``cofinanziamento_min_pct``.

Ranking, deterministic: per project, its open calls by criteria met (most first), then closing
date (soonest first), then title, then uuid; per call, its projects by criteria met, then title,
then uuid. Eligible pairs come first because they meet every criterion.
"""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

from ..i18n import BOTH, pick, tr
from ..taxonomy import load_scheme

SECURED = ("assegnato", "erogato")
PROPONENT_ROLES = ("promotore", "partner")
ACTOR_KINDS = {"pubblico": "ente_pubblico", "privati": "privato", "associazioni": "terzo_settore"}
CRITERIA = (
    "beneficiario",
    "zona",
    "ambiti",
    "finalita",
    "intervento",
    "livello",
    "importo",
    "cofinanziamento",
)

# Criterion labels and reasons (Bilingual: Italian, English), filled with str.format.
@lru_cache(maxsize=1)
def criterion_labels():
    """{criterion: Bilingual label} (read once, from the translations)."""
    return {
        "beneficiario": tr("Applicant", language=BOTH),
        "zona": tr("Homogeneous zone", language=BOTH),
        "ambiti": tr("Fields", language=BOTH),
        "finalita": tr("Aims", language=BOTH),
        "intervento": tr("Kind of intervention", language=BOTH),
        "livello": tr("Project level", language=BOTH),
        "importo": tr("Amount", language=BOTH),
        "cofinanziamento": tr("Co-funding", language=BOTH),
    }


@lru_cache(maxsize=1)
def texts():
    """{key: Bilingual reason template} of the checks (read once, from the translations)."""
    return {
        "any_applicant": tr("the call names no applicants", language=BOTH),
        "applicant_ok": tr("eligible applicant: {codes}", language=BOTH),
        "applicant_no": tr("applicant {have} not eligible (eligible: {want})", language=BOTH),
        "any_zone": tr("no zone constraint", language=BOTH),
        "zone_ok": tr("zone {have} admitted", language=BOTH),
        "zone_no": tr("zone {have} not admitted (admitted: {want})", language=BOTH),
        "zone_unknown": tr("zone of municipality {comune} unknown (admitted: {want})", language=BOTH),
        "any_field": tr("no constraint", language=BOTH),
        "overlap_ok": tr("shared: {codes}", language=BOTH),
        "overlap_no": tr("none shared (project: {have}; call: {want})", language=BOTH),
        "intervention_ok": tr("funded: {codes}", language=BOTH),
        "intervention_no": tr(
            "the project's interventions {have} are not funded (call: {want})",
            language=BOTH,
        ),
        "level_ok": tr("level {have} admitted", language=BOTH),
        "level_no": tr("level {have} not admitted (admitted: {want})", language=BOTH),
        "any_amount": tr("no amount limits", language=BOTH),
        "amount_ok": tr("cost {cost} within {bounds}", language=BOTH),
        "amount_low": tr("cost {cost} below the minimum {bound}", language=BOTH),
        "amount_high": tr("cost {cost} above the maximum {bound}", language=BOTH),
        "amount_unknown": tr("estimated cost missing (limits {bounds})", language=BOTH),
        "any_cofunding": tr("no co-funding required", language=BOTH),
        "cofunding_ok": tr("secured {share} % ({amount}) ≥ {want} %", language=BOTH),
        "cofunding_no": tr("secured {share} % ({amount}) < {want} %", language=BOTH),
        "cofunding_unknown": tr("estimated cost missing: {want} % required", language=BOTH),
        "none": tr("none", language=BOTH),
    }



@dataclass(frozen=True)
class Check:
    criterion: str
    met: bool
    reason_it: str
    reason_en: str

    def reason(self, language="it"):
        return pick(language, self.reason_it, self.reason_en)

    def label(self, language="it"):
        return pick(language, *criterion_labels()[self.criterion])


class Match:
    """One (project, open call) pair: its Checks, its rank among the project's calls (``rank``)
    and among the call's projects (``call_rank``), 1 = best."""

    __slots__ = ("progetto_uuid", "bando_uuid", "checks", "rank", "call_rank", "met")

    def __init__(self, progetto_uuid, bando_uuid, checks):
        self.progetto_uuid = progetto_uuid
        self.bando_uuid = bando_uuid
        self.checks = checks
        self.rank = 0
        self.call_rank = 0
        self.met = sum(1 for c in checks if c.met)

    @property
    def eligible(self):
        return self.met == len(self.checks)

    def check(self, criterion):
        return next(c for c in self.checks if c.criterion == criterion)


@dataclass
class Profile:
    """What the match knows of a project."""

    uuid: str
    titolo: str
    comune_istat: str
    zona: str
    kinds: tuple
    ambiti: frozenset
    finalita: frozenset
    interventi: frozenset
    azioni: frozenset
    livello: str
    costo: float
    secured: float
    cup: str = ""


@dataclass
class Call:
    uuid: str
    titolo: str
    ente: str
    programma: str
    apertura: str
    chiusura: str
    dotazione: float
    importo_min: float
    importo_max: float
    cofinanziamento_pct: float
    beneficiari: tuple
    ambiti: tuple
    finalita: tuple
    interventi: tuple
    azioni: tuple
    livelli: tuple
    zone: tuple
    note: str = ""

    def is_open(self, date):
        return bool(self.apertura and self.chiusura) and self.apertura <= date <= self.chiusura


@dataclass
class Result:
    date: str
    projects: dict  # uuid -> Profile
    calls: list  # open Calls, by closing date then title
    matches: list = field(default_factory=list)  # every (project, open call) Match
    by_project: dict = field(default_factory=dict)  # uuid -> its Matches, best first
    by_call: dict = field(default_factory=dict)  # uuid -> its Matches, best first

    def of_project(self, uuid):
        """The project's Matches, best first."""
        return list(self.by_project.get(uuid, ()))

    def of_call(self, uuid):
        """The call's Matches, best first."""
        return list(self.by_call.get(uuid, ()))


def _date_text(value):
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()[:10]
    return text.replace("/", "-") if len(text) == 10 and text[4] == "/" else text  # OGR: 2026/05/04


def _number(value):
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _codes(value):
    return tuple(value or ())


def euros(value):
    """1234567.5 → '€ 1.234.568' (Italian grouping, whole euros)."""
    return "€ " + f"{round(value):,}".replace(",", ".")


def _pct(value):
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text


def profiles(tables):
    """{uuid: Profile} of every project of ``tables`` (the rows of ``source.read_funding_data``)."""
    zones = {row["istat"]: row["zona_omogenea"] or "" for row in tables.get("comuni", ())}
    actors = {row["uuid"]: row for row in tables.get("attori", ())}
    comuni, interventi, azioni, proponents, secured = {}, {}, {}, {}, {}
    for row in tables.get("lavori", ()):
        key = row["progetto_uuid"]
        if row["comune_istat"]:
            comuni.setdefault(key, set()).add(row["comune_istat"])
        if row["intervento_oggetto"]:
            interventi.setdefault(key, set()).add(row["intervento_oggetto"])
    for row in tables.get("azioni", ()):
        if row["tipo_progetto_azione"]:
            azioni.setdefault(row["progetto_uuid"], set()).add(row["tipo_progetto_azione"])
    for row in tables.get("progetto_attori", ()):
        if row["ruolo_attore"] in PROPONENT_ROLES:
            actor = actors.get(row["attore_uuid"])
            proponents.setdefault(row["progetto_uuid"], []).append(actor["tipo_attore"] if actor else None)
    for row in tables.get("finanziamenti", ()):
        amount = _number(row["importo"])
        if row["stato_finanziamento"] in SECURED and amount:
            secured[row["progetto_uuid"]] = secured.get(row["progetto_uuid"], 0.0) + amount
    result = {}
    for row in tables.get("progetti", ()):
        uuid = row["uuid"]
        if not uuid:
            continue
        comune = row["comune_istat"] or ""
        kinds = {"comune"}
        if len(comuni.get(uuid, set()) | ({comune} if comune else set())) >= 2:
            kinds.add("comuni_associati")
        kinds.update(ACTOR_KINDS[t] for t in proponents.get(uuid, ()) if t in ACTOR_KINDS)
        if len(proponents.get(uuid, ())) >= 2:
            kinds.add("partenariato")
        result[uuid] = Profile(
            uuid,
            row["titolo"] or "",
            comune,
            zones.get(comune, ""),
            tuple(sorted(kinds)),
            frozenset(row["ambito_opportunita"] or ()),
            frozenset(row["finalita"] or ()),
            frozenset(interventi.get(uuid, ())),
            frozenset(azioni.get(uuid, ())),
            row["livello_progettuale"] or "",
            _number(row["costo_stimato"]),
            secured.get(uuid, 0.0),
            row.get("cup") or "",
        )
    return result


def calls(tables):
    """Every Call of ``tables``."""
    result = []
    for row in tables.get("bandi", ()):
        if not row["uuid"]:
            continue
        result.append(
            Call(
                row["uuid"],
                row["titolo"] or "",
                row["ente"] or "",
                row["programma_bando"] or "",
                _date_text(row["data_apertura"]),
                _date_text(row["data_chiusura"]),
                _number(row["dotazione"]),
                _number(row["importo_min"]),
                _number(row["importo_max"]),
                _number(row["cofinanziamento_min_pct"]),
                _codes(row["beneficiario"]),
                _codes(row["ambito_opportunita"]),
                _codes(row["finalita"]),
                _codes(row["interventi_finanziati"]),
                _codes(row["azioni_finanziate"]),
                _codes(row["livelli_ammessi"]),
                _codes(row["zone_ammesse"]),
                row.get("note") or "",
            )
        )
    return result


class Labels:
    """Scheme labels of codes in both languages, cached."""

    def __init__(self):
        self.scheme = load_scheme()
        self._cache = {}

    def of(self, dimension, codes):
        key = (dimension, tuple(codes))
        if key not in self._cache:
            dim = self.scheme.dimension(dimension)
            ordered = sorted(codes, key=lambda c: (dim.term(c).order if dim.term(c) else 999, c))
            self._cache[key] = tuple(
                ", ".join(dim.label_of(c, lang) for c in ordered) or texts()["none"][i]
                for i, lang in enumerate(("it", "en"))
            )
        return self._cache[key]


def _check(criterion, met, text, **values):
    """A Check whose reason is texts()[text] filled with values (pairs fill each language); equal
    checks are one shared object (a match of thousands of projects repeats them)."""
    return _cached_check(criterion, met, text, tuple(sorted(values.items())))


@lru_cache(maxsize=65536)
def _cached_check(criterion, met, text, items):
    it, en = texts()[text]
    filled = []
    for i, template in enumerate((it, en)):
        filled.append(template.format(**{k: (v[i] if isinstance(v, tuple) else v) for k, v in items}))
    return Check(criterion, met, filled[0], filled[1])


def _overlap(criterion, dimension, have, want, labels):
    if not want:
        return _check(criterion, True, "any_field")
    shared = set(have) & set(want)
    if shared:
        return _check(criterion, True, "overlap_ok", codes=labels.of(dimension, shared))
    return _check(
        criterion, False, "overlap_no", have=labels.of(dimension, have), want=labels.of(dimension, want)
    )


def evaluate(project, call, labels):
    """The Checks of ``project`` (Profile) against ``call`` (Call), in CRITERIA order; ``labels``:
    a ``Labels()``, shared by the calls of one match."""
    checks = []
    # beneficiario
    if not call.beneficiari:
        checks.append(_check("beneficiario", True, "any_applicant"))
    else:
        ok = set(project.kinds) & set(call.beneficiari)
        if ok:
            checks.append(_check("beneficiario", True, "applicant_ok", codes=labels.of("beneficiario", ok)))
        else:
            checks.append(
                _check(
                    "beneficiario",
                    False,
                    "applicant_no",
                    have=labels.of("beneficiario", project.kinds),
                    want=labels.of("beneficiario", call.beneficiari),
                )
            )
    # zona
    if not call.zone:
        checks.append(_check("zona", True, "any_zone"))
    elif not project.zona:
        checks.append(
            _check(
                "zona",
                False,
                "zone_unknown",
                comune=project.comune_istat or "—",
                want=labels.of("zona_omogenea", call.zone),
            )
        )
    elif project.zona in call.zone:
        checks.append(_check("zona", True, "zone_ok", have=labels.of("zona_omogenea", (project.zona,))))
    else:
        checks.append(
            _check(
                "zona",
                False,
                "zone_no",
                have=labels.of("zona_omogenea", (project.zona,)),
                want=labels.of("zona_omogenea", call.zone),
            )
        )
    checks.append(_overlap("ambiti", "ambito_opportunita", project.ambiti, call.ambiti, labels))
    checks.append(_overlap("finalita", "finalita", project.finalita, call.finalita, labels))
    # intervento
    if not call.interventi and not call.azioni:
        checks.append(_check("intervento", True, "any_field"))
    else:
        ok_i = project.interventi & set(call.interventi)
        ok_a = project.azioni & set(call.azioni)
        if ok_i or ok_a:
            parts = [
                labels.of(d, c)
                for d, c in (("intervento_oggetto", ok_i), ("tipo_progetto_azione", ok_a))
                if c
            ]
            codes = tuple("; ".join(p[i] for p in parts) for i in (0, 1))
            checks.append(_check("intervento", True, "intervention_ok", codes=codes))
        else:
            have = [
                labels.of(d, c)
                for d, c in (
                    ("intervento_oggetto", project.interventi),
                    ("tipo_progetto_azione", project.azioni),
                )
                if c
            ]
            want = [
                labels.of(d, c)
                for d, c in (("intervento_oggetto", call.interventi), ("tipo_progetto_azione", call.azioni))
                if c
            ]
            checks.append(
                _check(
                    "intervento",
                    False,
                    "intervention_no",
                    have=tuple("; ".join(p[i] for p in have) or texts()["none"][i] for i in (0, 1)),
                    want=tuple("; ".join(p[i] for p in want) for i in (0, 1)),
                )
            )
    # livello
    if not call.livelli:
        checks.append(_check("livello", True, "any_field"))
    elif project.livello in call.livelli:
        checks.append(
            _check("livello", True, "level_ok", have=labels.of("livello_progettuale", (project.livello,)))
        )
    else:
        have = labels.of("livello_progettuale", (project.livello,)) if project.livello else texts()["none"]
        checks.append(
            _check(
                "livello", False, "level_no", have=have, want=labels.of("livello_progettuale", call.livelli)
            )
        )
    # importo
    low, high = call.importo_min, call.importo_max
    if low is None and high is None:
        checks.append(_check("importo", True, "any_amount"))
    else:
        bounds = f"{euros(low) if low is not None else '…'} – {euros(high) if high is not None else '…'}"
        cost = project.costo
        if cost is None:
            checks.append(_check("importo", False, "amount_unknown", bounds=bounds))
        elif low is not None and cost < low:
            checks.append(_check("importo", False, "amount_low", cost=euros(cost), bound=euros(low)))
        elif high is not None and cost > high:
            checks.append(_check("importo", False, "amount_high", cost=euros(cost), bound=euros(high)))
        else:
            checks.append(_check("importo", True, "amount_ok", cost=euros(cost), bounds=bounds))
    # cofinanziamento
    want = call.cofinanziamento_pct
    if not want:
        checks.append(_check("cofinanziamento", True, "any_cofunding"))
    elif not project.costo:
        checks.append(_check("cofinanziamento", False, "cofunding_unknown", want=_pct(want)))
    else:
        share = 100.0 * project.secured / project.costo
        ok = share + 1e-9 >= want
        checks.append(
            _check(
                "cofinanziamento",
                ok,
                "cofunding_ok" if ok else "cofunding_no",
                share=_pct(share),
                amount=euros(project.secured),
                want=_pct(want),
            )
        )
    return tuple(checks)


def today():
    return datetime.date.today().isoformat()


def match_tables(tables, date=None):
    """The Result of matching every project of ``tables`` with every call open on ``date``
    (ISO text or datetime.date; default today)."""
    date = _date_text(date) if date else today()
    projects = profiles(tables)
    open_calls = sorted(
        (c for c in calls(tables) if c.is_open(date)), key=lambda c: (c.chiusura, c.titolo, c.uuid)
    )
    labels = Labels()
    result = Result(date, projects, open_calls)
    by_call = {c.uuid: c for c in open_calls}
    grouped = {c.uuid: [] for c in open_calls}
    for project in projects.values():
        mine = [Match(project.uuid, call.uuid, evaluate(project, call, labels)) for call in open_calls]
        mine.sort(
            key=lambda m: (-m.met, by_call[m.bando_uuid].chiusura, by_call[m.bando_uuid].titolo, m.bando_uuid)
        )
        for rank, item in enumerate(mine, start=1):
            item.rank = rank
            grouped[item.bando_uuid].append(item)
        result.matches.extend(mine)
        result.by_project[project.uuid] = mine
    for call in open_calls:
        theirs = grouped[call.uuid]
        theirs.sort(key=lambda m: (-m.met, projects[m.progetto_uuid].titolo, m.progetto_uuid))
        for rank, item in enumerate(theirs, start=1):
            item.call_rank = rank
        result.by_call[call.uuid] = theirs
    result.matches.sort(key=lambda m: (projects[m.progetto_uuid].titolo, m.progetto_uuid, m.rank))
    return result


def match_source(source, date=None):
    """match_tables over a GeoPackage path or a DSN."""
    from .source import read_funding_data

    return match_tables(read_funding_data(source), date)
