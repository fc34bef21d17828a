"""The KPI report as CSV files (UTF-8 with a header, comma, ``.`` as the decimal point), each
written to a temporary file beside the target and moved over it (never half written).

- ``OUTPUT.csv``: one row per project and indicator with measurements (a project with none: one
  row, status ``senza_misure``); an empty share means "n/d".
- ``OUTPUT_overview.csv`` (or the path given): per zona omogenea and ambito di opportunità, the
  number of rows in each status. A project with several ambiti counts in each of them; the last
  row (``zona_omogenea`` and ``ambito_opportunita`` empty, name "Totale"/"Total") counts every row
  once.
"""

import csv
import os
import tempfile
from pathlib import Path

from ..files import durable_replace
from ..i18n import tr
from .kpi import STATUSES, status_label

COLUMNS = [
    "progetto_uuid",
    "progetto_titolo",
    "comune_istat",
    "comune",
    "zona_omogenea",
    "ambito_opportunita",
    "indicatore_uuid",
    "indicatore",
    "categoria_indicatore",
    "unita_misura",
    "meglio_se_maggiore",
    "valore_base",
    "data_base",
    "valore_obiettivo",
    "data_obiettivo",
    "misure",
    "ultimo_valore",
    "data_ultimo_valore",
    "quota_raggiunta",
    "quota_attesa",
    "stato",
    "stato_descrizione",
]
OVERVIEW_COLUMNS = (
    [
        "zona_omogenea",
        "zona_omogenea_nome",
        "ambito_opportunita",
        "ambito_opportunita_nome",
        "progetti",
    ]
    + [s.code for s in STATUSES]
    + ["totale"]
)


def overview_path(output):
    output = Path(output)
    return output.with_name(output.stem + "_overview" + (output.suffix or ".csv"))


def write_rows(rows, output):
    """``rows`` streamed into a temporary file beside ``output``, then moved over it."""
    output = Path(output)
    folder = str(output.parent) if str(output.parent) else "."
    handle, temp = tempfile.mkstemp(prefix="." + output.name + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerows(rows)
        durable_replace(temp, output)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return output


def _num(value):
    if value is None:
        return ""
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.2f}"


def _share(value):
    return "" if value is None else f"{value:.4f}"


def _date(value):
    return value.isoformat() if value is not None else ""


def _labels(dimension, codes, language):
    return "; ".join(dimension.label_of(code, language) for code in codes)


def kpi_rows(report, language="it", scheme=None):
    from ..taxonomy import load_scheme

    scheme = scheme or load_scheme()
    zone, ambito = scheme.dimension("zona_omogenea"), scheme.dimension("ambito_opportunita")
    yes, no = tr("yes", language=language), tr("no", language=language)
    yield COLUMNS
    for row in report.rows:
        ind, latest = row.indicator, row.latest
        yield [
            row.progetto_uuid,
            row.titolo,
            row.comune_istat,
            row.comune,
            zone.label_of(row.zona_omogenea, language) if row.zona_omogenea else "",
            _labels(ambito, row.ambiti, language),
            ind.uuid if ind else "",
            ind.nome if ind else "",
            ind.categoria if ind else "",
            ind.unit if ind else "",
            (yes if ind.higher_is_better else no) if ind else "",
            _num(ind.baseline) if ind else "",
            _date(ind.baseline_date) if ind else "",
            _num(ind.target) if ind else "",
            _date(ind.target_date) if ind else "",
            len(row.series),
            _num(latest.value) if latest else "",
            _date(latest.date) if latest else "",
            _share(row.share),
            _share(row.expected),
            row.status,
            status_label(row.status, language),
        ]


def overview_rows(report, language="it", scheme=None):
    from ..taxonomy import load_scheme

    scheme = scheme or load_scheme()
    zone, ambito = scheme.dimension("zona_omogenea"), scheme.dimension("ambito_opportunita")
    groups = {}
    for row in report.rows:
        for code in row.ambiti or ("",):
            counts, projects = groups.setdefault((row.zona_omogenea, code), ({}, set()))
            counts[row.status] = counts.get(row.status, 0) + 1
            projects.add(row.progetto_uuid)
    yield OVERVIEW_COLUMNS
    for (zona, code), (counts, projects) in sorted(groups.items()):
        yield (
            [
                zona,
                zone.label_of(zona, language) if zona else "",
                code,
                ambito.label_of(code, language) if code else "",
                len(projects),
            ]
            + [counts.get(s.code, 0) for s in STATUSES]
            + [sum(counts.values())]
        )
    totals = report.counts()
    yield (
        ["", tr("Total", language=language), "", "", len({r.progetto_uuid for r in report.rows})]
        + [totals[s.code] for s in STATUSES]
        + [len(report.rows)]
    )


def write_report(report, output, overview=None, language="it"):
    """Both CSV files; returns (report path, overview path)."""
    first = write_rows(kpi_rows(report, language), output)
    second = write_rows(overview_rows(report, language), overview or overview_path(output))
    return first, second
