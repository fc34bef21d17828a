"""Metropolitan priority: a transparent score per project, from a versioned profile file.

The profile (``profiles/cmm-2026.json`` shipped with the plugin, editable by CMM) names its
version, and for each criterion its weight, its label and definition in Italian and English,
and its parameters. Criteria (each worth 0…1, the *normalised* value):

- ``scala_impatto``: ``points`` per scala_impatto code;
- ``comuni_toccati``: the comuni of the project's lavori and of the project; 1 → 0, ``full_at``
  or more → 1, linear in between;
- ``criticita_risposte``: distinct ambiti of the criticità the project answers
  (``criticita.progetto_uuid``), ``full_at`` or more → 1;
- ``cofinanziamento``: Σ importo of the finanziamenti whose stato_finanziamento is in
  ``confirmed``, divided by costo_stimato, capped at 1 (no cost → 0);
- ``avanzamento``: ``points`` per code of ``dimension`` (``stato_progetto``, default, or
  ``livello_progettuale``);
- ``rete``: ``points`` per tipo_rete of the project's programma (none → 0).

Score = Σ weight × normalised value; the weights add up to 100, so the score is 0…100. Every
score carries its breakdown (``Part``: raw value, normalised value, points, explanation).
A profile with an unknown criterion, a bad weight or an unknown code is refused (``ProfileError``).
"""

import csv
import io
import json
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RemixError
from ..files import durable_replace
from ..i18n import BOTH, Bilingual, pick, thousands_separator, tr
from ..taxonomy import load_scheme

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = PROFILES_DIR / "cmm-2026.json"
WEIGHT_TOTAL = 100.0

# criterion id -> (kind, fixed dimension or the allowed ones)
CRITERIA = {
    "scala_impatto": ("points", ("scala_impatto",)),
    "comuni_toccati": ("count", ()),
    "criticita_risposte": ("count", ()),
    "cofinanziamento": ("share", ()),
    "avanzamento": ("points", ("stato_progetto", "livello_progettuale")),
    "rete": ("points", ("tipo_rete",)),
}

WANTED = {
    "progetti": [
        "uuid",
        "titolo",
        "comune_istat",
        "scala_impatto",
        "stato_progetto",
        "livello_progettuale",
        "costo_stimato",
        "programma_uuid",
    ],
    "lavori": ["progetto_uuid", "comune_istat"],
    "criticita": ["progetto_uuid", "ambito_criticita"],
    "finanziamenti": ["progetto_uuid", "importo", "stato_finanziamento"],
    "programmi": ["uuid", "titolo", "tipo_rete"],
}


class ProfileError(RemixError):
    """The priority profile cannot be used (exit code 2 in the CLI)."""


@dataclass(frozen=True)
class Criterion:
    id: str
    weight: float
    labels: dict
    definitions: dict
    points: dict = field(default_factory=dict)
    dimension: str = ""
    full_at: int = 0
    confirmed: tuple = ()

    def label(self, language="it"):
        return pick(language, self.labels.get("it", self.id), self.labels.get("en", self.id))

    def definition(self, language="it"):
        return pick(language, self.definitions.get("it", ""), self.definitions.get("en", ""))


@dataclass(frozen=True)
class Profile:
    name: str
    version: str
    titles: dict
    criteria: tuple
    path: str = ""

    def title(self, language="it"):
        return pick(language, self.titles.get("it", self.name), self.titles.get("en", self.name))


@dataclass(frozen=True)
class Part:
    criterion: Criterion
    raw: str  # the value read from the data, as shown ("sovracomunale", "2 comuni", "35 %")
    value: float  # normalised, 0..1
    explanation: Bilingual

    @property
    def points(self):
        return self.criterion.weight * self.value


@dataclass
class ProjectScore:
    uuid: str
    titolo: str
    comune_istat: str
    parts: list
    rank: int = 0

    @property
    def score(self):
        return sum(part.points for part in self.parts)

    def breakdown(self, language="it"):
        """ "Scala dell'impatto atteso 5/25; Criticità a cui risponde 13,3/20; …" (points of each
        weight, numbers as ``number_text`` prints them)."""
        return "; ".join(
            f"{part.criterion.label(language)} {number_text(part.points, language)}/"
            f"{number_text(part.criterion.weight, language)}"
            for part in self.parts
        )


def _number(value):
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def number_text(value, language="it"):
    """A score or a weight as people read it: one decimal at most ("47", not "47.0"), the decimal
    comma in Italian ("18,3"), the point in English ("18.3")."""
    text = _number(value)
    return text if thousands_separator(language) == "," else text.replace(".", ",")


def score_text(project_score, language="it"):
    """ "18,3 su 100 punti" / "18.3 of 100 points": the score out of the profile's total weight.
    The one way the score is printed: atlas card, web page, dock."""
    total = sum(part.criterion.weight for part in project_score.parts)
    return tr("{score} of {total} points", language=language).format(
        score=number_text(project_score.score, language), total=number_text(total, language))


# -- profile ----------------------------------------------------------------------------------
def _refuse(path, reason):
    message = tr("The priority profile {path} cannot be used: {reason}", language=BOTH)
    raise ProfileError("priority_profile", *message.format(path=path, reason=reason))


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def load_profile(path=None):
    """The profile at ``path`` (default: the shipped cmm-2026), checked; ``ProfileError`` if bad."""
    path = Path(path) if path else DEFAULT_PROFILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        _refuse(path, tr("cannot read it ({error}).", language=BOTH).format(error=exc.strerror or exc))
    except ValueError as exc:
        _refuse(path, tr("it is not valid JSON ({error}).", language=BOTH).format(error=exc))
    if not isinstance(data, dict) or not isinstance(data.get("criteria"), list) or not data["criteria"]:
        _refuse(path, tr("it has no list of criteria.", language=BOTH))
    if not isinstance(data.get("version"), str) or not data["version"].strip():
        _refuse(path, tr("it has no version.", language=BOTH))
    scheme = load_scheme()
    criteria, seen = [], set()
    for entry in data["criteria"]:
        if not isinstance(entry, dict):
            _refuse(path, tr("a criterion is not an object.", language=BOTH))
        key = entry.get("id")
        if key not in CRITERIA:
            _refuse(
                path,
                tr("unknown criterion «{id}» (known: {known}).", language=BOTH).format(
                    id=key, known=", ".join(CRITERIA)
                ),
            )
        if key in seen:
            _refuse(path, tr("the criterion «{id}» appears twice.", language=BOTH).format(id=key))
        seen.add(key)
        weight = entry.get("weight")
        if not _is_number(weight) or weight < 0:
            _refuse(
                path, tr("the weight of «{id}» must be a number of 0 or more.", language=BOTH).format(id=key)
            )
        kind, dimensions = CRITERIA[key]
        options = {}
        if kind == "points":
            dimension = entry.get("dimension", dimensions[0])
            if dimension not in dimensions:
                _refuse(
                    path,
                    tr("«{id}» cannot use the dimension «{dimension}».", language=BOTH).format(
                        id=key, dimension=dimension
                    ),
                )
            points = entry.get("points")
            if not isinstance(points, dict) or not points:
                _refuse(path, tr("«{id}» needs its points per code.", language=BOTH).format(id=key))
            for code, value in points.items():
                if not scheme.dimension(dimension).is_valid_code(code):
                    _refuse(
                        path,
                        tr("«{code}» is not a code of {dimension}.", language=BOTH).format(
                            code=code, dimension=dimension
                        ),
                    )
                if not _is_number(value) or not 0 <= value <= 1:
                    _refuse(
                        path,
                        tr("the points of «{code}» in «{id}» must be between 0 and 1.", language=BOTH).format(
                            code=code, id=key
                        ),
                    )
            options = {
                "points": {code: float(value) for code, value in points.items()},
                "dimension": dimension,
            }
        elif kind == "count":
            full_at = entry.get("full_at")
            least = 2 if key == "comuni_toccati" else 1
            if not isinstance(full_at, int) or isinstance(full_at, bool) or full_at < least:
                _refuse(
                    path,
                    tr("«{id}» needs full_at, a whole number of at least {least}.", language=BOTH).format(
                        id=key, least=least
                    ),
                )
            options = {"full_at": full_at}
        else:
            confirmed = entry.get("confirmed")
            dimension = scheme.dimension("stato_finanziamento")
            if (
                not isinstance(confirmed, list)
                or not confirmed
                or not all(isinstance(code, str) and dimension.is_valid_code(code) for code in confirmed)
            ):
                _refuse(
                    path,
                    tr("«{id}» needs confirmed, a list of stato_finanziamento codes.", language=BOTH).format(
                        id=key
                    ),
                )
            options = {"confirmed": tuple(confirmed)}
        criteria.append(
            Criterion(
                key,
                float(weight),
                dict(entry.get("label") or {}),
                dict(entry.get("definition") or {}),
                **options,
            )
        )
    total = sum(c.weight for c in criteria)
    if abs(total - WEIGHT_TOTAL) > 1e-6:
        _refuse(
            path, tr("the weights add up to {total}, not 100.", language=BOTH).format(total=_number(total))
        )
    return Profile(
        str(data.get("profile") or path.stem),
        data["version"].strip(),
        dict(data.get("title") or {}),
        tuple(criteria),
        str(path),
    )


# -- scoring ----------------------------------------------------------------------------------
def score_projects(source, profile=None):
    """ProjectScores of every project of ``source`` (GeoPackage path or DSN), best first."""
    from ..networks.source import read_tables

    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    data = read_tables(source, WANTED)
    return score_rows(data, profile)


def score_rows(data, profile):
    scheme = load_scheme()
    comuni, ambiti, funded, networks = {}, {}, {}, {}
    for row in data.rows("progetti"):
        comuni[row["uuid"]] = {row["comune_istat"]} if row["comune_istat"] else set()
    for row in data.rows("lavori"):
        if row["progetto_uuid"] in comuni and row["comune_istat"]:
            comuni[row["progetto_uuid"]].add(row["comune_istat"])
    for row in data.rows("criticita"):
        if row["progetto_uuid"]:
            ambiti.setdefault(row["progetto_uuid"], set()).update(row["ambito_criticita"] or ())
    confirmed = next((c.confirmed for c in profile.criteria if c.id == "cofinanziamento"), ())
    for row in data.rows("finanziamenti"):
        if row["progetto_uuid"] and row["stato_finanziamento"] in confirmed and row["importo"]:
            funded[row["progetto_uuid"]] = funded.get(row["progetto_uuid"], 0.0) + float(row["importo"])
    for row in data.rows("programmi"):
        networks[row["uuid"]] = (row["tipo_rete"], row["titolo"] or "")
    scores = []
    for row in data.rows("progetti"):
        if not row["uuid"]:
            continue
        context = {
            "comuni": comuni.get(row["uuid"], set()),
            "ambiti": ambiti.get(row["uuid"], set()),
            "funded": funded.get(row["uuid"], 0.0),
            "network": networks.get(row["programma_uuid"]),
        }
        parts = [_part(criterion, row, context, scheme) for criterion in profile.criteria]
        scores.append(ProjectScore(row["uuid"], row["titolo"] or "", row["comune_istat"] or "", parts))
    scores.sort(key=lambda s: (-round(s.score, 6), s.titolo, s.uuid))
    previous, rank = None, 0
    for position, item in enumerate(scores, start=1):
        if previous is None or round(item.score, 6) != previous:
            rank = position
            previous = round(item.score, 6)
        item.rank = rank
    return scores


def _part(criterion, row, context, scheme):
    if criterion.id in ("scala_impatto", "avanzamento"):
        code = row.get(criterion.dimension)
        value = criterion.points.get(code, 0.0) if code else 0.0
        dimension = scheme.dimension(criterion.dimension)
        raw = dimension.label_of(code, "it") if code else "—"
        text = (
            tr("{label}: {value} points of 1", language=BOTH)
            if code
            else tr("not filled: 0 points", language=BOTH)
        )
        label = Bilingual(dimension.label_of(code, "it"), dimension.label_of(code, "en")) if code else ""
        return Part(criterion, raw, value, text.format(label=label, value=_number(value)))
    if criterion.id == "comuni_toccati":
        count = len(context["comuni"])
        value = min(max(count - 1, 0) / (criterion.full_at - 1), 1.0)
        return Part(
            criterion,
            str(count),
            value,
            tr("{n} comuni (1 for {full} or more)", language=BOTH).format(n=count, full=criterion.full_at),
        )
    if criterion.id == "criticita_risposte":
        codes = sorted(context["ambiti"])
        value = min(len(codes) / criterion.full_at, 1.0)
        dimension = scheme.dimension("ambito_criticita")
        names = Bilingual(
            ", ".join(dimension.label_of(c, "it") for c in codes) or "—",
            ", ".join(dimension.label_of(c, "en") for c in codes) or "—",
        )
        return Part(
            criterion,
            str(len(codes)),
            value,
            tr("{n} ambiti of criticità answered ({names}; 1 for {full} or more)", language=BOTH).format(
                n=len(codes), names=names, full=criterion.full_at
            ),
        )
    if criterion.id == "cofinanziamento":
        cost = row.get("costo_stimato")
        funded = context["funded"]
        if not cost or cost <= 0:
            return Part(criterion, "—", 0.0, tr("no estimated cost: 0 points", language=BOTH))
        share = funded / float(cost)
        return Part(
            criterion,
            f"{share * 100:.0f} %",
            min(share, 1.0),
            tr("{funded} € confirmed of {cost} € estimated", language=BOTH).format(
                funded=_euros(funded), cost=_euros(float(cost))
            ),
        )
    network = context["network"]
    if network is None or not network[0]:
        return Part(criterion, "—", 0.0, tr("not in a networked programma", language=BOTH))
    value = criterion.points.get(network[0], 0.0)
    dimension = scheme.dimension("tipo_rete")
    return Part(
        criterion,
        dimension.label_of(network[0], "it"),
        value,
        tr("programma «{title}» ({kind})", language=BOTH).format(
            title=network[1],
            kind=Bilingual(dimension.label_of(network[0], "it"), dimension.label_of(network[0], "en")),
        ),
    )


def _euros(value):
    """An amount with the thousands separator of each language."""
    text = f"{value:,.0f}"
    return Bilingual(text.replace(",", "."), text)


def card_line(project_score, language="it"):
    """The atlas card's line: "Priorità metropolitana: 47 su 100 punti (Scala dell'impatto atteso
    5/25; …)": ``score_text``, then every criterion's points out of its weight."""
    head = tr("Metropolitan priority", language=language)
    return f"{head}: {score_text(project_score, language)} ({project_score.breakdown(language)})"


def priority_line(source, progetto_uuid, language="it", profile=None):
    """``card_line`` of one project of ``source`` ("" if the project is not there)."""
    for item in score_projects(source, profile):
        if item.uuid == progetto_uuid:
            return card_line(item, language)
    return ""


# -- CSV --------------------------------------------------------------------------------------
def csv_columns(profile):
    columns = ["rango", "progetto_uuid", "titolo", "comune_istat", "punteggio", "profilo", "versione_profilo"]
    for criterion in profile.criteria:
        columns += [f"{criterion.id}_valore", f"{criterion.id}_norm", f"{criterion.id}_punti"]
    return columns + ["dettaglio_it", "dettaglio_en"]


def write_csv(scores, profile, output):
    """The scores as CSV (UTF-8, comma, one row per project, best first), replaced atomically."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_columns(profile))
    for item in scores:
        row = [
            item.rank,
            item.uuid,
            item.titolo,
            item.comune_istat,
            f"{item.score:.2f}",
            profile.name,
            profile.version,
        ]
        for part in item.parts:
            row += [part.raw, f"{part.value:.3f}", f"{part.points:.2f}"]
        row += [
            "; ".join(f"{p.criterion.label('it')}: {p.explanation.it}" for p in item.parts),
            "; ".join(f"{p.criterion.label('en')}: {p.explanation.en}" for p in item.parts),
        ]
        writer.writerow(row)
    output = Path(output)
    handle, temp = tempfile.mkstemp(
        prefix="." + output.name + ".", suffix=".tmp", dir=output.parent if str(output.parent) else "."
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(buffer.getvalue())
        durable_replace(temp, output)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return output
