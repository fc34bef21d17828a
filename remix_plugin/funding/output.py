"""The match as CSV files (UTF-8, comma), each replaced atomically.

- ``OUTPUT.csv``: one row per (project, open call): the project, the call, ``idoneo`` (sì/no or
  yes/no), ``rango`` (the call's place among the project's open calls), ``criteri_soddisfatti``,
  then for each criterion ``<criterio>`` (sì/no) and ``<criterio>_motivo`` (the reason).
- ``OUTPUT_bandi.csv`` (beside it): one row per open call with its eligible projects, best first.
"""

import csv
import os
import tempfile
from pathlib import Path

from ..files import durable_replace
from ..i18n import tr
from .match import CRITERIA

MATCH_COLUMNS = [
    "progetto_uuid",
    "progetto_titolo",
    "comune_istat",
    "bando_uuid",
    "bando_titolo",
    "programma_bando",
    "data_chiusura",
    "idoneo",
    "rango",
    "criteri_soddisfatti",
    "criteri_totali",
] + [name for criterion in CRITERIA for name in (criterion, criterion + "_motivo")]
CALL_COLUMNS = [
    "bando_uuid",
    "titolo",
    "ente",
    "programma_bando",
    "data_apertura",
    "data_chiusura",
    "dotazione",
    "progetti_idonei",
    "progetti_valutati",
    "idonei_uuid",
    "idonei_titoli",
    "data_verifica",
]


def calls_path(output):
    output = Path(output)
    return output.with_name(output.stem + "_bandi" + (output.suffix or ".csv"))


def _write_atomically(rows, output):
    """``rows`` (an iterable) streamed into a temporary file beside ``output``, then moved over it."""
    output = Path(output)
    handle, temp = tempfile.mkstemp(
        prefix="." + output.name + ".", suffix=".tmp", dir=str(output.parent) if str(output.parent) else "."
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerows(rows)
        durable_replace(temp, output)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return output


def _amount(value):
    return "" if value is None else f"{value:.2f}"


def match_rows(result, language="it"):
    yes, no = tr("yes", language=language), tr("no", language=language)
    calls = {c.uuid: c for c in result.calls}
    yield MATCH_COLUMNS
    for item in result.matches:
        project, call = result.projects[item.progetto_uuid], calls[item.bando_uuid]
        row = [
            project.uuid,
            project.titolo,
            project.comune_istat,
            call.uuid,
            call.titolo,
            call.programma,
            call.chiusura,
            yes if item.eligible else no,
            item.rank,
            item.met,
            len(item.checks),
        ]
        for check in item.checks:
            row += [yes if check.met else no, check.reason(language)]
        yield row


def call_rows(result):
    rows = [CALL_COLUMNS]
    for call in result.calls:
        theirs = result.of_call(call.uuid)
        eligible = [m for m in theirs if m.eligible]
        rows.append(
            [
                call.uuid,
                call.titolo,
                call.ente,
                call.programma,
                call.apertura,
                call.chiusura,
                _amount(call.dotazione),
                len(eligible),
                len(theirs),
                "; ".join(m.progetto_uuid for m in eligible),
                "; ".join(result.projects[m.progetto_uuid].titolo for m in eligible),
                result.date,
            ]
        )
    return rows


def write_match(result, output, language="it"):
    """Both CSV files; returns (match path, calls path)."""
    first = _write_atomically(match_rows(result, language), output)
    second = _write_atomically(call_rows(result), calls_path(output))
    return first, second
