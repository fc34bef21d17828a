"""CUP form (SCH-030, SCH-031) and the import of national open data keyed by CUP: small CSV files in
the public layouts of Italia Domani (PNRR "Progetti") and OpenCoesione ("progetti"), written by the
tests, imported into a demo GeoPackage and read back with sqlite3."""

import argparse
import hashlib
import sqlite3

import pytest

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.funding import cli
from remix_plugin.funding.opendata import import_open_data, parse_amount, read_open_data
from remix_plugin.layers.model import load_model
from remix_plugin.validation.catalogue import rule

# Skipped only where the data model has no bandi table (a checkout before the integration).
INTEGRATED = load_model().has_table("bandi")
funding_rules = pytest.importorskip("remix_plugin.validation.rules.funding")  # with the integration
CODES, cup_problem = funding_rules.CODES, funding_rules.cup_problem
pytestmark = pytest.mark.skipif(not INTEGRATED, reason="the bandi table is not in the data model yet")

RHO = "4c011878-fe9c-5190-ab5a-56956cd82409"
GOGNA = "3650cde8-b03f-5680-bce1-3e7e7e6352f7"
CUP_RHO = "F81C23001370006"
CUP_GOGNA = "B11B21001610005"

PNRR_HEADER = [
    "Codice Univoco Submisura",
    "Descrizione Misura",
    "CUP",
    "Codice Locale Progetto",
    "Stato CUP",
    "Stato Avanzamento Progetto",
    "Titolo Progetto",
    "Finanziamento PNRR",
    "Finanziamento Totale",
    "Data Inizio Progetto Prevista",
    "Data Inizio Progetto Effettiva",
    "Data Fine Progetto Prevista",
    "Data Fine Progetto Effettiva",
    "Data di Estrazione",
]
COESIONE_HEADER = [
    "COD_LOCALE_PROGETTO",
    "CUP",
    "OC_TITOLO_PROGETTO",
    "OC_DESCRIZIONE_PROGRAMMA",
    "FINANZ_TOTALE_PUBBLICO",
    "OC_FINANZ_TOT_PUB_NETTO",
    "OC_STATO_PROGETTO",
    "OC_DATA_INIZIO_PROGETTO",
    "OC_DATA_FINE_PROGETTO_PREVISTA",
    "OC_DATA_FINE_PROGETTO_EFFETTIVA",
    "DATA_AGGIORNAMENTO",
]


def write_csv(path, header, rows):
    lines = [";".join(header)] + [";".join(row.get(h, "") for h in header) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def pnrr_row(cup, amount, state="In corso", start="15/03/2023", title="Rigenerazione ex scalo"):
    return {
        "Codice Univoco Submisura": "M5C2I2.01.00",
        "Descrizione Misura": "Rigenerazione urbana",
        "CUP": cup,
        "Stato CUP": "Attivo",
        "Stato Avanzamento Progetto": state,
        "Titolo Progetto": title,
        "Finanziamento PNRR": amount,
        "Finanziamento Totale": amount,
        "Data Inizio Progetto Prevista": "",
        "Data Inizio Progetto Effettiva": start,
        "Data Fine Progetto Prevista": "30/06/2026",
        "Data di Estrazione": "01/03/2025",
    }


def with_cup_fields(path):
    """Data model 2's cup/fonte columns on a file built before they existed (no-op after)."""
    with sqlite3.connect(path) as connection:
        for table, column in (("progetti", "cup"), ("finanziamenti", "cup"), ("finanziamenti", "fonte")):
            columns = {r[1] for r in connection.execute("SELECT * FROM pragma_table_info(?)", (table,))}
            if column not in columns:
                connection.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" TEXT')
        connection.execute("UPDATE progetti SET cup = ? WHERE uuid = ?", (CUP_RHO, RHO))
        connection.execute("UPDATE progetti SET cup = ? WHERE uuid = ?", (CUP_GOGNA.lower(), GOGNA))
    return path


@pytest.fixture()
def demo(tmp_path):
    path = tmp_path / "work" / "demo.gpkg"
    path.parent.mkdir()
    build_demo_geopackage(path)
    return with_cup_fields(path)


def funding_rows(path):
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT progetto_uuid, cup, importo, data, stato_finanziamento, tipo_finanziamento, fonte, "
            "titolo, note "
            "FROM finanziamenti WHERE fonte IS NOT NULL ORDER BY cup"
        ).fetchall()


# -- CUP form -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ("F81C23001370006", None),
        ("C11G06000000001", None),
        ("", None),
        (None, None),
        ("  B11B21001610005 ", None),  # surrounding blanks are the value's, not the code's
        ("F81C2300137000", "SCH-030"),
        ("F81C230013700061", "SCH-030"),
        ("f81c23001370006", "SCH-030"),
        ("F81C-2300137000", "SCH-030"),
        ("F81C23OO1370006", "SCH-031"),
        ("181C23001370006", "SCH-031"),
        ("FF1C23001370006", "SCH-031"),
    ],
)
def test_cup_form(value, expected):
    assert cup_problem(value) == expected


def test_cup_rules_are_in_the_catalogue():
    assert CODES == ("SCH-030", "SCH-031")
    assert rule("SCH-030").severity == "error" and rule("SCH-031").severity == "warning"
    assert "15" in rule("SCH-030").message_it and "15" in rule("SCH-030").message_en


@pytest.mark.skipif(
    not load_model().table("progetti").has_field("cup"), reason="data model 2 (cup) not in place"
)
def test_cup_rule_runs_in_the_validator(tmp_path):
    from remix_plugin.validation.engine import validate_geopackage

    path = tmp_path / "demo.gpkg"
    build_demo_geopackage(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE progetti SET cup = 'F81C2300137000' WHERE uuid = ?", (RHO,))
        connection.execute("UPDATE progetti SET cup = 'FF1C23001370006' WHERE uuid = ?", (GOGNA,))
    findings = [f for f in validate_geopackage(str(path)).findings if f.code in CODES]
    assert sorted((f.code, f.feature_uuid, f.field) for f in findings) == [
        ("SCH-030", RHO, "cup"),
        ("SCH-031", GOGNA, "cup"),
    ]


# -- open data ----------------------------------------------------------------------------------
def test_italian_amounts():
    assert parse_amount("2299193,71") == pytest.approx(2299193.71)
    assert parse_amount("1.234.567,89") == pytest.approx(1234567.89)
    assert parse_amount("1500000.50") == pytest.approx(1500000.5)
    assert parse_amount("1.500.000") == 1500000
    assert parse_amount("") is None


def test_pnrr_import_attaches_amounts_status_dates_and_source(demo, tmp_path):
    data = write_csv(
        tmp_path / "PNRR_Progetti.csv",
        PNRR_HEADER,
        [
            pnrr_row(CUP_RHO, "2.299.193,71"),
            pnrr_row(CUP_GOGNA, "450000,00", state="Concluso", start="2022-09-01", title="Cascina"),
            pnrr_row("J87G22000360002", "10,00"),  # no project carries it
            pnrr_row("NOT-A-CUP", "1,00"),
        ],
    )
    before = len(list(demo.parent.iterdir()))
    report = import_open_data(demo, data)
    assert (report.layout, report.inserted, report.updated) == ("pnrr", 2, 0)
    assert report.unmatched == ["J87G22000360002"]
    assert [(line, cup) for line, cup, _ in report.rejected] == [(5, "NOT-A-CUP")]
    assert report.source == "PNRR_Progetti.csv (2025-03-01)"
    rows = funding_rows(demo)
    assert [r[:7] for r in rows] == [
        (
            GOGNA,
            CUP_GOGNA,
            450000.0,
            "2022-09-01",
            "erogato",
            "fondi_europei",
            "PNRR_Progetti.csv (2025-03-01)",
        ),
        (
            RHO,
            CUP_RHO,
            pytest.approx(2299193.71),
            "2023-03-15",
            "assegnato",
            "fondi_europei",
            "PNRR_Progetti.csv (2025-03-01)",
        ),
    ]
    assert rows[1][7] == "PNRR: Rigenerazione ex scalo"
    assert "stato: In corso / Attivo" in rows[1][8] and "fine: 2026-06-30" in rows[1][8]
    # a backup copy beside the file, made before the change
    assert len(list(demo.parent.iterdir())) == before + 1
    backup = next(p for p in demo.parent.iterdir() if ".backup-" in p.name)
    assert funding_rows(backup) == []


def test_reimport_updates_the_same_rows(demo, tmp_path):
    data = write_csv(tmp_path / "PNRR_Progetti.csv", PNRR_HEADER, [pnrr_row(CUP_RHO, "100,00")])
    import_open_data(demo, data, backup=False)
    write_csv(data, PNRR_HEADER, [pnrr_row(CUP_RHO, "250,00", state="Concluso")])
    report = import_open_data(demo, data, backup=False)
    assert (report.inserted, report.updated) == (0, 1)
    rows = funding_rows(demo)
    assert len(rows) == 1 and rows[0][2] == 250.0 and rows[0][4] == "erogato"
    # the same CUP from another file is another funding record
    other = write_csv(
        tmp_path / "opencoesione.csv",
        COESIONE_HEADER,
        [
            {
                "CUP": CUP_RHO,
                "OC_TITOLO_PROGETTO": "SCALO",
                "OC_DESCRIZIONE_PROGRAMMA": "POR FESR LOMBARDIA",
                "FINANZ_TOTALE_PUBBLICO": "1500000,50",
                "OC_STATO_PROGETTO": "In corso",
                "OC_DATA_INIZIO_PROGETTO": "20150101",
                "DATA_AGGIORNAMENTO": "20241231",
            }
        ],
    )
    report = import_open_data(demo, other, backup=False)
    assert (report.layout, report.inserted) == ("coesione", 1)
    rows = funding_rows(demo)
    assert len(rows) == 2
    coesione = next(r for r in rows if r[6].startswith("opencoesione.csv"))
    assert coesione[2:7] == (
        1500000.5,
        "2015-01-01",
        "assegnato",
        "fondi_europei",
        "opencoesione.csv (2024-12-31)",
    )
    assert "POR FESR LOMBARDIA" in coesione[8]


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(argv):
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="remix_command", required=True))
    return cli.run(parser.parse_args(argv))


def test_cli_exit_codes_and_nothing_written_on_refusal(demo, tmp_path, capsys):
    data = write_csv(tmp_path / "PNRR_Progetti.csv", PNRR_HEADER, [pnrr_row(CUP_RHO, "100,00")])
    assert _run(["import-funding-opendata", str(demo), str(data), "--layout", "pnrr"]) == 0
    assert "1 finanziamenti aggiunti" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", PNRR_HEADER, [pnrr_row("XX", "1,00"), pnrr_row(CUP_GOGNA, "1,00")])
    assert _run(["import-funding-opendata", str(demo), str(bad), "--no-backup", "--lang", "en"]) == 1
    assert "line 2: CUP XX" in capsys.readouterr().out
    digest = _digest(demo)
    unknown = write_csv(tmp_path / "other.csv", ["A", "B"], [{"A": "1", "B": "2"}])
    assert _run(["import-funding-opendata", str(demo), str(unknown)]) == 2
    assert _run(["import-funding-opendata", str(demo), str(tmp_path / "missing.csv")]) == 2
    assert _run(["import-funding-opendata", str(tmp_path / "missing.gpkg"), str(data)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 3
    assert _digest(demo) == digest


def test_file_without_cup_fields_is_refused_untouched(tmp_path):
    path = tmp_path / "old.gpkg"
    build_demo_geopackage(path)
    if load_model().table("finanziamenti").has_field("fonte"):
        with sqlite3.connect(path) as connection:  # make it a data model 1 file
            connection.execute('ALTER TABLE finanziamenti DROP COLUMN "fonte"')
    digest = _digest(path)
    data = write_csv(tmp_path / "p.csv", PNRR_HEADER, [pnrr_row(CUP_RHO, "1,00")])
    with pytest.raises(Exception) as caught:
        import_open_data(path, data)
    assert getattr(caught.value, "code", "") == "opendata_model"
    assert _digest(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.gpkg", "p.csv"]


def test_layout_is_detected(tmp_path):
    data = write_csv(
        tmp_path / "oc.csv", COESIONE_HEADER, [{"CUP": CUP_RHO, "FINANZ_TOTALE_PUBBLICO": "1,00"}]
    )
    name, records, rejected, extracted = read_open_data(data)
    assert (name, len(records), rejected, extracted) == ("coesione", 1, [], "")
