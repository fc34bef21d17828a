"""Import national open data on funded projects, keyed by CUP, into a RE.MIX GeoPackage.

Two public CSV layouts (docs/funding.md gives the sources):

- ``pnrr``: the "Progetti" dataset of the Italia Domani open-data catalogue (PNRR, ReGiS):
  ``;``-separated, UTF-8 (with BOM), Italian numbers (``1.234.567,89``), dates ``dd/mm/yyyy``.
  Columns read: ``CUP``, ``Titolo Progetto``, ``Finanziamento PNRR`` (the amount),
  ``Stato CUP``, ``Stato Avanzamento Progetto``, ``Data Inizio Progetto Effettiva`` (or
  ``… Prevista``), ``Data Fine Progetto Prevista``/``Effettiva``, ``Data di Estrazione``.
- ``coesione``: the "progetti" dataset of OpenCoesione (cohesion policy): ``;``-separated,
  Italian numbers, dates ``yyyymmdd``. Columns read: ``CUP``, ``OC_TITOLO_PROGETTO``,
  ``FINANZ_TOTALE_PUBBLICO`` (the amount), ``OC_STATO_PROGETTO``,
  ``OC_DATA_INIZIO_PROGETTO`` (or ``OC_DATA_INIZIO_PROGETTO_EFFETTIVA``),
  ``OC_DATA_FINE_PROGETTO_PREVISTA``/``_EFFETTIVA``, ``OC_DESCRIZIONE_PROGRAMMA``,
  ``DATA_AGGIORNAMENTO``.

Every row whose CUP is the ``cup`` of a project of the GeoPackage becomes a ``finanziamenti`` row of
that project: importo, data (the start date), stato_finanziamento (``erogato`` for a concluded
project, else ``assegnato``), tipo_finanziamento ``fondi_europei``, the status and dates in ``note``,
``cup``, and ``fonte`` = "<file name> (<date of the data>)". Importing a file with the same name
again updates the rows it wrote (same file name and CUP), never duplicates them.

The GeoPackage is changed in one SQLite transaction, after a backup copy beside it
(``layers/backup.py``); nothing is written when the file cannot be read. Needs data model 2
(``finanziamenti.cup`` and ``finanziamenti.fonte``).
"""

import csv
import datetime
import getpass
import os
import re
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import sql
from ..errors import RemixError

LAYOUTS = ("pnrr", "coesione")
FUNDING_TYPE = "fondi_europei"
CONCLUDED = ("concluso", "conclusi", "liquidato", "completato", "chiuso")


@dataclass(frozen=True)
class Layout:
    name: str
    label: str
    cup: str
    title: str
    amount: str
    status: tuple  # columns whose values describe the status
    start: tuple  # start date columns, preferred first
    end: tuple
    extracted: tuple  # columns with the date of the data
    programme: str
    date_format: str


LAYOUT = {
    "pnrr": Layout(
        "pnrr",
        "PNRR",
        "CUP",
        "Titolo Progetto",
        "Finanziamento PNRR",
        ("Stato Avanzamento Progetto", "Stato CUP"),
        ("Data Inizio Progetto Effettiva", "Data Inizio Progetto Prevista"),
        ("Data Fine Progetto Effettiva", "Data Fine Progetto Prevista"),
        ("Data di Estrazione",),
        "Descrizione Misura",
        "%d/%m/%Y",
    ),
    "coesione": Layout(
        "coesione",
        "OpenCoesione",
        "CUP",
        "OC_TITOLO_PROGETTO",
        "FINANZ_TOTALE_PUBBLICO",
        ("OC_STATO_PROGETTO",),
        ("OC_DATA_INIZIO_PROGETTO_EFFETTIVA", "OC_DATA_INIZIO_PROGETTO"),
        ("OC_DATA_FINE_PROGETTO_EFFETTIVA", "OC_DATA_FINE_PROGETTO_PREVISTA"),
        ("DATA_AGGIORNAMENTO",),
        "OC_DESCRIZIONE_PROGRAMMA",
        "%Y%m%d",
    ),
}


class OpenDataError(RemixError):
    """The open-data file or the GeoPackage cannot be used (exit code 2)."""


@dataclass
class Record:
    cup: str
    title: str
    amount: float
    status: str
    start: str
    end: str
    programme: str


@dataclass
class ImportReport:
    layout: str
    source: str  # the fonte written
    rows: int = 0  # data rows of the file
    inserted: int = 0
    updated: int = 0
    unmatched: list = field(default_factory=list)  # CUPs of the file no project carries
    rejected: list = field(default_factory=list)  # (line, CUP, reason)
    backup: str = ""

    @property
    def attached(self):
        return self.inserted + self.updated


def _error(code, it, en):
    return OpenDataError(code, it, en)


def parse_amount(text):
    """Italian or plain numbers: '1.234.567,89' '1234567,89' '1234567.89' → float; '' → None."""
    value = (text or "").replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if not value:
        return None
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", value):
        value = value.replace(".", "")
    return float(value)


def parse_date(text, layout):
    """ISO date of an open-data date ('' → '')."""
    value = (text or "").strip()
    if not value:
        return ""
    for pattern in (layout.date_format, "%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"):
        try:
            return datetime.datetime.strptime(value[:10], pattern).date().isoformat()
        except ValueError:
            continue
    raise ValueError(value)


def detect_layout(header):
    for name in LAYOUTS:
        if LAYOUT[name].amount in header and LAYOUT[name].cup in header:
            return name
    return None


def _open_text(path):
    raw = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def read_open_data(path, layout=None):
    """(layout name, [Record], rejected [(line, cup, reason)], date of the data ISO or '')."""
    try:
        text = _open_text(path)
    except OSError as exc:
        raise _error(
            "opendata_unreadable",
            f"Impossibile leggere {path}: {exc.strerror or exc}.",
            f"Cannot read {path}: {exc.strerror or exc}.",
        ) from exc
    lines = text.splitlines()
    sample = lines[0] if lines else ""
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(lines, delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    name = layout or detect_layout(header)
    if name is None:
        raise _error(
            "opendata_layout",
            f"{path}: tracciato non riconosciuto (attesi i CSV PNRR di Italia Domani o i progetti di "
            "OpenCoesione); indicare --layout.",
            f"{path}: unknown layout (expected Italia Domani's PNRR CSV or OpenCoesione's projects); "
            "give --layout.",
        )
    spec = LAYOUT[name]
    missing = [c for c in (spec.cup, spec.amount) if c not in header]
    if missing:
        raise _error(
            "opendata_columns",
            f"{path}: mancano le colonne {', '.join(missing)} del tracciato {spec.label}.",
            f"{path}: the columns {', '.join(missing)} of the {spec.label} layout are missing.",
        )
    from ..validation.rules.funding import MALFORMED, cup_problem  # the one CUP check (SCH-030/031)

    records, rejected, extracted = [], [], ""
    for line, row in enumerate(reader, start=2):
        cup = (row.get(spec.cup) or "").strip().upper()
        if not cup:
            continue
        problem = cup_problem(cup)
        if problem == MALFORMED:
            rejected.append((line, cup, "CUP non valido / invalid CUP"))
            continue
        try:
            amount = parse_amount(row.get(spec.amount))
            start = next((d for d in (parse_date(row.get(c), spec) for c in spec.start) if d), "")
            end = next((d for d in (parse_date(row.get(c), spec) for c in spec.end) if d), "")
            for column in spec.extracted:
                extracted = max(extracted, parse_date(row.get(column), spec))
        except ValueError as exc:
            rejected.append((line, cup, f"valore non leggibile / unreadable value {exc}"))
            continue
        status = " / ".join(v for v in ((row.get(c) or "").strip() for c in spec.status) if v)
        records.append(
            Record(
                cup,
                (row.get(spec.title) or "").strip(),
                amount,
                status,
                start,
                end,
                (row.get(spec.programme) or "").strip(),
            )
        )
    return name, records, rejected, extracted


def source_label(path, extracted):
    """fonte of the rows: '<file name> (<date of the data>)', the file's date when the data has none."""
    if not extracted:
        extracted = datetime.date.fromtimestamp(os.path.getmtime(path)).isoformat()
    return f"{Path(path).name} ({extracted})"


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _user():
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name in some containers)
        return ""


def _columns(connection, table):
    return {row[1] for row in connection.execute("SELECT * FROM pragma_table_info(?)", (table,))}


def _note(layout, record):
    parts = [f"{LAYOUT[layout].label}"]
    if record.programme:
        parts.append(record.programme)
    if record.status:
        parts.append(f"stato: {record.status}")
    if record.start:
        parts.append(f"inizio: {record.start}")
    if record.end:
        parts.append(f"fine: {record.end}")
    return "; ".join(parts)


def _state(record):
    status = record.status.lower()
    return "erogato" if any(word in status for word in CONCLUDED) else "assegnato"


def import_open_data(gpkg_path, data_path, layout=None, backup=True):
    """Attach the open-data rows of ``data_path`` to the projects of ``gpkg_path`` with the same CUP.
    Returns an ImportReport; raises OpenDataError (nothing written) when either file is unusable."""
    gpkg_path, data_path = Path(gpkg_path), Path(data_path)
    if not gpkg_path.is_file():
        raise _error(
            "opendata_no_gpkg", f"Il file {gpkg_path} non esiste.", f"The file {gpkg_path} does not exist."
        )
    name, records, rejected, extracted = read_open_data(data_path, layout)
    fonte = source_label(data_path, extracted)
    report = ImportReport(name, fonte, rows=len(records) + len(rejected), rejected=rejected)
    try:
        connection = sqlite3.connect(str(gpkg_path), timeout=10.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise _error(
            "opendata_gpkg", f"Impossibile aprire {gpkg_path}: {exc}.", f"Cannot open {gpkg_path}: {exc}."
        ) from exc
    try:
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise _error(
                "opendata_gpkg",
                f"{gpkg_path} non è un GeoPackage leggibile: {exc}.",
                f"{gpkg_path} is not a readable GeoPackage: {exc}.",
            ) from exc
        if not {"progetti", "finanziamenti"} <= tables:
            raise _error(
                "opendata_gpkg",
                f"{gpkg_path} non è un GeoPackage RE.MIX (mancano progetti o finanziamenti).",
                f"{gpkg_path} is not a RE.MIX GeoPackage (progetti or finanziamenti missing).",
            )
        if "cup" not in _columns(connection, "progetti") or not {"cup", "fonte"} <= _columns(
            connection, "finanziamenti"
        ):
            raise _error(
                "opendata_model",
                f"{gpkg_path} non ha i campi CUP (modello dati 2): aggiornare prima il file.",
                f"{gpkg_path} has no CUP fields (data model 2): upgrade the file first.",
            )
        projects = {}
        for uuid, cup in connection.execute(
            "SELECT uuid, upper(trim(cup)) FROM progetti WHERE cup IS NOT NULL AND trim(cup) <> ''"
        ):
            projects.setdefault(cup, []).append(uuid)
        prefix = Path(data_path).name + " ("
        existing = {}
        for fid, cup, previous in connection.execute(
            "SELECT fid, upper(trim(cup)), fonte FROM finanziamenti "
            "WHERE cup IS NOT NULL AND fonte IS NOT NULL"
        ):
            if previous.startswith(prefix):
                existing[cup] = fid
        matched = [r for r in records if r.cup in projects]
        report.unmatched = sorted({r.cup for r in records if r.cup not in projects})
        if not matched:
            return report
        if backup:
            from ..layers.backup import exclusive_backup

            report.backup = str(exclusive_backup(gpkg_path))
        columns = _columns(connection, "finanziamenti")
        now, user = _now(), _user()
        connection.execute("BEGIN IMMEDIATE")
        try:
            for record in matched:
                values = {
                    "titolo": (
                        f"{LAYOUT[name].label}: {record.title}" if record.title else LAYOUT[name].label
                    )[:254],
                    "importo": record.amount,
                    "data": record.start or None,
                    "stato_finanziamento": _state(record),
                    "tipo_finanziamento": FUNDING_TYPE,
                    "note": _note(name, record),
                    "cup": record.cup,
                    "fonte": fonte,
                    "modificato_il": now,
                    "modificato_da": user,
                }
                values = {k: v for k, v in values.items() if k in columns}
                fid = existing.get(record.cup)
                if fid is not None:
                    connection.execute(
                        sql.update("finanziamenti", list(values), "fid = ?"), (*values.values(), fid)
                    )
                    report.updated += 1
                    continue
                values.update(
                    {
                        "uuid": str(uuidlib.uuid4()),
                        "progetto_uuid": projects[record.cup][0],
                        "creato_il": now,
                        "creato_da": user,
                    }
                )
                values = {k: v for k, v in values.items() if k in columns}
                cursor = connection.execute(sql.insert("finanziamenti", list(values)), tuple(values.values()))
                existing[record.cup] = cursor.lastrowid
                report.inserted += 1
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise _error(
            "opendata_write", f"Impossibile scrivere {gpkg_path}: {exc}.", f"Cannot write {gpkg_path}: {exc}."
        ) from exc
    finally:
        connection.close()
    return report
