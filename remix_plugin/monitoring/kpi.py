"""Indicator monitoring (KPI): for each project and indicator, the measurement series, the latest
value, the share of the target reached and a status. Pure Python, no QGIS; deterministic (the
answer depends only on the data, never on the day it is computed).

The model (data model 2): ``indicatori`` holds what an indicator measures, its unit, its
direction (``meglio_se_maggiore``), its baseline (``valore_base`` at ``data_base``) and its
target (``valore_obiettivo`` by ``data_obiettivo``); ``misure`` holds the achieved values of one
project for one indicator (``data_misura``, ``valore``). This is the cohesion-policy open-data
pattern "baseline, target, achieved" per indicator (docs/monitoring.md).

Definitions (docs/monitoring.md repeats them):

- series: the project's measurements of the indicator with a date and a value, sorted by
  (date, uuid); ``latest`` is its last one.
- share reached = (latest − baseline) / (target − baseline). 1 means the target is reached; more
  than 1, the target is passed (shown as is, e.g. 1.25); negative, the value moved away from the
  target. Without a baseline or a target, or when target = baseline, the share is "n/d" (None).
- expected share = the elapsed part of the time from ``data_base`` (or, without it, the first
  measurement's date) to ``data_obiettivo``, at the latest measurement's date, between 0 and 1.
- status, the first that applies: ``senza_misure`` (the project has no measurement at all: one
  row with no indicator), ``senza_obiettivo`` (no target value), ``senza_riferimento`` (no
  baseline value), ``raggiunto`` (share ≥ 1; when target = baseline: the latest value is at or
  beyond the target in the indicator's better direction), ``in_linea`` (share ≥ expected share;
  without a target date: share > 0), else ``in_ritardo``.
"""

import datetime
from dataclasses import dataclass, field

from ..i18n import pick

EPSILON = 1e-9


@dataclass(frozen=True)
class Status:
    code: str
    label_it: str
    label_en: str
    definition_en: str

    def label(self, language="it"):
        return pick(language, self.label_it, self.label_en)


# The statuses, in the order the rules try them (and the overview's columns): one place only.
STATUSES = (
    Status("raggiunto", "raggiunto", "achieved", "share reached ≥ 1 (the target is reached or passed)"),
    Status(
        "in_linea", "in linea", "on track", "share reached ≥ the elapsed share of the time to the target date"
    ),
    Status("in_ritardo", "in ritardo", "late", "share reached < the elapsed share of the time"),
    Status("senza_riferimento", "senza riferimento", "no baseline", "the indicator has no baseline value"),
    Status("senza_obiettivo", "senza obiettivo", "no target", "the indicator has no target value"),
    Status("senza_misure", "senza misure", "no measurements", "the project has no measurement"),
)
STATUS_BY_CODE = {s.code: s for s in STATUSES}


def status_label(code, language="it"):
    return STATUS_BY_CODE[code].label(language)


# What the report reads (table -> fields), through networks.source.read_tables (FILE|DSN).
WANTED = {
    "progetti": ["uuid", "titolo", "comune_istat", "ambito_opportunita", "data_inizio"],
    "indicatori": [
        "uuid",
        "nome",
        "unita_misura",
        "categoria_indicatore",
        "meglio_se_maggiore",
        "valore_base",
        "data_base",
        "valore_obiettivo",
        "data_obiettivo",
    ],
    "misure": ["uuid", "progetto_uuid", "indicatore_uuid", "data_misura", "valore", "unita_misura", "fonte"],
    "comuni": ["istat", "nome", "zona_omogenea"],
}


def parse_date(value):
    """A date from an ISO text (also OGR's ``YYYY/MM/DD``), a date or a datetime; else None."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip().replace("/", "-")[:10]
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _number(value):
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN reads as missing


@dataclass(frozen=True)
class Measurement:
    uuid: str
    date: datetime.date
    value: float
    unit: str = ""
    source: str = ""


@dataclass(frozen=True)
class Indicator:
    uuid: str
    nome: str
    unit: str = ""
    categoria: str = ""
    higher_is_better: bool = True
    baseline: float = None
    baseline_date: datetime.date = None
    target: float = None
    target_date: datetime.date = None


@dataclass
class Kpi:
    """One row of the report: a project and an indicator (``indicator`` None: no measurement)."""

    progetto_uuid: str
    titolo: str
    comune_istat: str
    comune: str
    zona_omogenea: str
    ambiti: tuple
    indicator: Indicator = None
    series: tuple = ()
    share: float = None
    expected: float = None
    status: str = "senza_misure"

    @property
    def latest(self):
        return self.series[-1] if self.series else None


@dataclass
class KpiReport:
    rows: list = field(default_factory=list)
    label: str = ""

    def of_project(self, uuid):
        return [row for row in self.rows if row.progetto_uuid == uuid]

    def counts(self):
        counts = {s.code: 0 for s in STATUSES}
        for row in self.rows:
            counts[row.status] += 1
        return counts


def expected_share(indicator, series):
    """The elapsed share of the time to the target date at the latest measurement (0…1), or None
    without a target date."""
    end = indicator.target_date
    if end is None or not series:
        return None
    start = indicator.baseline_date or series[0].date
    at = series[-1].date
    if end <= start:
        return 1.0
    return min(1.0, max(0.0, (at - start).days / (end - start).days))


def evaluate(indicator, series):
    """(share reached, expected share, status code) of one indicator's series (sorted)."""
    if not series:
        return None, None, "senza_misure"
    expected = expected_share(indicator, series)
    if indicator.target is None:
        return None, expected, "senza_obiettivo"
    if indicator.baseline is None:
        return None, expected, "senza_riferimento"
    latest = series[-1].value
    span = indicator.target - indicator.baseline
    if abs(span) <= EPSILON:
        direction = 1.0 if indicator.higher_is_better else -1.0
        reached = direction * (latest - indicator.target) >= -EPSILON
        return None, expected, "raggiunto" if reached else "in_ritardo"
    share = (latest - indicator.baseline) / span
    if share >= 1.0 - EPSILON:
        return share, expected, "raggiunto"
    if expected is None:
        return share, expected, "in_linea" if share > EPSILON else "in_ritardo"
    return share, expected, "in_linea" if share >= expected - EPSILON else "in_ritardo"


def indicator_from_row(row):
    """An Indicator from a row of ``indicatori`` (dict with the WANTED fields; missing = None)."""
    better = row.get("meglio_se_maggiore")
    return Indicator(
        uuid=row["uuid"],
        nome=row.get("nome") or "",
        unit=(row.get("unita_misura") or "").strip(),
        categoria=row.get("categoria_indicatore") or "",
        higher_is_better=True if better is None else bool(better),
        baseline=_number(row.get("valore_base")),
        baseline_date=parse_date(row.get("data_base")),
        target=_number(row.get("valore_obiettivo")),
        target_date=parse_date(row.get("data_obiettivo")),
    )


def compute(tables, label=""):
    """The KPI report of ``tables`` ({table: [row dict]} with the WANTED fields)."""
    comuni = {row["istat"]: row for row in tables.get("comuni", [])}
    indicators = {
        row["uuid"]: indicator_from_row(row) for row in tables.get("indicatori", []) if row.get("uuid")
    }
    series = {}
    for row in tables.get("misure", []):
        date, value = parse_date(row.get("data_misura")), _number(row.get("valore"))
        key = (row.get("progetto_uuid"), row.get("indicatore_uuid"))
        if date is None or value is None or key[1] not in indicators:
            continue  # incomplete or unlinked measurements: the validator reports them
        series.setdefault(key[0], {}).setdefault(key[1], []).append(
            Measurement(
                row.get("uuid") or "",
                date,
                value,
                (row.get("unita_misura") or "").strip(),
                row.get("fonte") or "",
            )
        )
    report = KpiReport(label=label)
    projects = sorted(
        (row for row in tables.get("progetti", []) if row.get("uuid")),
        key=lambda row: ((row.get("titolo") or "").casefold(), row["uuid"]),
    )
    for project in projects:
        istat = project.get("comune_istat") or ""
        comune = comuni.get(istat, {})
        base = dict(
            progetto_uuid=project["uuid"],
            titolo=project.get("titolo") or "",
            comune_istat=istat,
            comune=comune.get("nome") or "",
            zona_omogenea=comune.get("zona_omogenea") or "",
            ambiti=tuple(project.get("ambito_opportunita") or ()),
        )
        mine = [(indicators[i], s) for i, s in series.get(project["uuid"], {}).items()]
        if not mine:
            report.rows.append(Kpi(**base))
            continue
        for indicator, measurements in sorted(mine, key=lambda item: (item[0].nome.casefold(), item[0].uuid)):
            ordered = tuple(sorted(measurements, key=lambda m: (m.date, m.uuid)))
            share, expected, status = evaluate(indicator, ordered)
            report.rows.append(
                Kpi(
                    **base, indicator=indicator, series=ordered, share=share, expected=expected, status=status
                )
            )
    return report


SELECT_COLUMNS = "SELECT {columns} FROM {table}"
TABLE_INFO = "PRAGMA table_info({table})"


def read_kpi_data(source):
    """{table: [row dict]} of what the report needs, from a GeoPackage (sqlite3, read-only: the
    tables are non-spatial, so no OGR is needed) or a DSN (``networks.source.read_tables``)."""
    from ..layers.model import load_model
    from ..networks.source import looks_like_dsn, read_tables

    model = load_model()
    wanted = {t: [f for f in fields if model.table(t).has_field(f)] for t, fields in WANTED.items()}
    source = str(source)
    if looks_like_dsn(source):
        tables = read_tables(source, wanted).tables
    else:
        tables = _read_geopackage(source, wanted, model)
    for table, fields in WANTED.items():
        rows = tables.setdefault(table, [])
        for row in rows:
            for name in fields:
                row.setdefault(name, None)
    return tables


def _read_geopackage(path, wanted, model):
    import os
    import sqlite3
    from pathlib import Path

    from ..codes import parse_codes
    from ..i18n import BOTH, tr
    from ..networks.source import SourceError
    from ..sql import statement

    if not os.path.isfile(path):
        raise SourceError(
            "source_missing", *tr("The file {path} does not exist.", language=BOTH).format(path=path)
        )
    try:
        connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        present = {
            row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.DatabaseError as exc:
        raise SourceError(
            "source_unreadable", *tr("Cannot open {path} as a GeoPackage.", language=BOTH).format(path=path)
        ) from exc
    tables = {}
    try:
        for table, fields in wanted.items():
            if table not in present:
                raise SourceError(
                    "source_no_table",
                    *tr("{path} has no table {table}: is it a RE.MIX GeoPackage?", language=BOTH).format(
                        path=path, table=table
                    ),
                )
            columns = {row[1] for row in connection.execute(statement(TABLE_INFO, table=table))}
            names = [name for name in fields if name in columns]  # a missing optional column reads as None
            specs = [model.table(table).field(name) for name in names]
            rows = []
            for record in connection.execute(statement(SELECT_COLUMNS, table=table, columns=names)):
                row = {}
                for spec, value in zip(specs, record):
                    if spec.multi:
                        value = parse_codes(value).codes
                    elif spec.kind == "boolean" and value is not None:
                        value = bool(value)
                    row[spec.name] = value
                rows.append(row)
            tables[table] = rows
    except sqlite3.DatabaseError as exc:
        raise SourceError(
            "source_unreadable", *tr("Cannot open {path} as a GeoPackage.", language=BOTH).format(path=path)
        ) from exc
    finally:
        connection.close()
    return tables


def kpi_report(source):
    """The KPI report of a RE.MIX GeoPackage or central database."""
    return compute(read_kpi_data(source), label=str(source))
