# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""``validate DSN`` (issue 14): the central database gives, finding by finding, the report the
GeoPackage holding the same rows gives; a database that cannot be validated exits 2 with one
Italian line. The same rows: a GeoPackage built with the validation corpus (tests/helpers_corpus.py),
faults added, copied into a ``db init`` database with triggers off (benchmarks/bench_central_validation.py
``copy_geopackage``), so even what the database's own checks would refuse (an unknown code, a
broken link) is there to be found."""

import json
import subprocess
import sys
import uuid as uuid_module

import helpers_corpus as corpus
import pytest
from test_central_support import central_db, empty_db, new_login, psycopg2  # noqa: F401

from remix_plugin.central.dsn import display_dsn, libpq_dsn, looks_like_dsn
from remix_plugin.codes import format_codes
from remix_plugin.layers.model import SCHEMA_VERSION
from remix_plugin.validation.engine import validate_geopackage, validate_source
from tests.pg_cluster import ROOT, free_port, host_only

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_central_validation import copy_geopackage  # noqa: E402

OUTSIDE_CMM = (600000.0, 5200000.0)  # EPSG:32632, north of Lake Como: no comune of CMM
FAULTS = {  # rule codes the faulty dataset must produce (in both stores)
    "SCH-006",  # a required field left empty (progetti.titolo)
    "SCH-001",  # an unknown code (progetti.stato_progetto)
    "REF-004",  # a broken link (azioni.lavoro_uuid)
    "GEO-004",  # an invalid geometry (a bow-tie lavoro)
    "GEO-007",  # a lavoro outside every comune
    "SCH-031",  # schema 2: a CUP of the wrong form (progetti.cup)
    "SCH-032",  # schema 2: a misura before its progetto's start (a join in the store)
    "SCH-033",  # schema 2: a misura in the future
    "SCH-034",  # schema 2: a misura's unit not its indicator's (a join in the store)
    "SCH-035",  # schema 2: an indicator's target date before its baseline date
}


def validate_cli(*args):
    out = subprocess.run([sys.executable, "-m", "remix_plugin", "validate", *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, check=False)
    return out.returncode, out.stdout, out.stderr


def comparable(report):
    """Every finding as its JSON Lines dict (code, layer, uuid, field, message, value, x, y, fid,
    project), in the report's order."""
    return [f.as_dict("it") for f in report.sorted_findings()]


def faulty_geopackage(path):
    """The clean corpus plus one record per fault of FAULTS, and schema-2 values (a bando, a
    funding of it, an indicator's baseline and target, a publishable project)."""
    ids = corpus.build_clean(path)
    writer = corpus.Writer(path)
    bando = writer.add("bandi", data_apertura="2024-01-01", data_chiusura="2024-06-30")
    writer.add("finanziamenti", progetto_uuid=ids["p1"], bando_uuid=bando, data="2024-03-01")
    writer.add("indicatori", valore_base=10.0, data_base="2020-01-01", valore_obiettivo=20.0,
               data_obiettivo="2026-12-31", meglio_se_maggiore=1)
    backwards = writer.add("indicatori", data_base="2024-01-01", data_obiettivo="2023-01-01")
    for day, unit in (("2019-05-01", None), ("2099-01-01", None), ("2023-06-01", "km")):
        writer.add("misure", progetto_uuid=ids["p1"], indicatore_uuid=backwards, data_misura=day,
                   valore=1.5, **({"unita_misura": unit} if unit else {}))
    x, y = ids["points"][corpus.COMUNE_A]
    ids["lavoro_outside"] = writer.add("lavori", corpus.square_wkt(*OUTSIDE_CMM), progetto_uuid=ids["p1"],
                                       comune_istat=corpus.COMUNE_A,
                                       servizi_realizzati=format_codes(["spazi_verdi", "mobilita"]))
    writer.close()
    corpus.update(path, "progetti", ids["p1"], titolo=None, pubblicabile=1)
    corpus.update(path, "progetti", ids["p2"], stato_progetto="inventato", cup="FF1C23001370006")
    corpus.update(path, "azioni", ids["p1_azione"], lavoro_uuid=str(uuid_module.uuid4()))
    corpus.update(path, "lavori", ids["p2_lavoro2"], geom=corpus.bowtie_wkt(x + 200, y))
    return ids


# -- the DSN decision (no database needed) --------------------------------------------------
@pytest.mark.parametrize("text", ["service=remix", "host=db.cmm.it dbname=remix user=tecnico",
                                  "postgresql://tecnico@db/remix", "postgres://db/remix", "PG:dbname=remix",
                                  "  dbname=remix port=5433"])
def test_dsns_are_told_from_files(text):
    assert looks_like_dsn(text)


@pytest.mark.parametrize("text", ["remix.gpkg", "dati/remix.gpkg", "note=x.gpkg", "", "C:\\dati\\a.gpkg"])
def test_file_names_are_not_dsns(text):
    assert not looks_like_dsn(text)


def test_an_existing_file_is_never_a_dsn(tmp_path):
    odd = tmp_path / "dbname=remix"
    odd.write_text("")
    assert not looks_like_dsn(str(odd))


def test_passwords_never_reach_the_report_and_gdal_prefix_goes():
    assert display_dsn("dbname=remix password=segreta user=x") == "dbname=remix password=*** user=x"
    assert display_dsn("postgresql://tecnico:segreta@db/remix") == "postgresql://tecnico:***@db/remix"
    assert libpq_dsn("PG:dbname=remix") == "dbname=remix"


# -- parity ------------------------------------------------------------------------------------
@host_only
def test_the_database_gives_the_geopackages_findings_one_by_one(central_db, tmp_path):
    from remix_plugin.central.validation_source import DatabaseSource

    gpkg = tmp_path / "faulty.gpkg"
    faulty_geopackage(gpkg)
    copy_geopackage(central_db.dsn(), gpkg)
    counts = dict(central_db.query("SELECT 'lavori', count(*) FROM remix.lavori UNION ALL "
                                   "SELECT 'bandi', count(*) FROM remix.bandi"))
    assert counts == {"lavori": 5, "bandi": 1}
    on_file = validate_geopackage(gpkg)
    on_database = validate_source(DatabaseSource(central_db.dsn()))
    assert FAULTS <= {f.code for f in on_file.findings}, sorted({f.code for f in on_file.findings})
    expected, found = comparable(on_file), comparable(on_database)
    missing = [f for f in expected if f not in found]
    extra = [f for f in found if f not in expected]
    assert not missing and not extra, json.dumps({"missing": missing, "extra": extra}, indent=1,
                                                 ensure_ascii=False)
    assert expected == found  # same order too
    assert on_database.path == display_dsn(central_db.dsn())


@host_only
def test_the_command_line_on_a_dsn_prints_the_same_lines(central_db, tmp_path):
    gpkg = tmp_path / "faulty.gpkg"
    faulty_geopackage(gpkg)
    copy_geopackage(central_db.dsn(), gpkg)
    code_file, out_file, _ = validate_cli(str(gpkg), "--format", "jsonl")
    code_db, out_db, err_db = validate_cli(central_db.dsn(), "--format", "jsonl")
    assert (code_file, code_db) == (1, 1), err_db
    lines_file = [json.loads(line) for line in out_file.splitlines()]
    lines_db = [json.loads(line) for line in out_db.splitlines()]
    assert lines_db == lines_file and len(lines_db) >= len(FAULTS)
    code, text, _ = validate_cli(central_db.dsn())
    assert code == 1 and "ERRORE REF-004 azioni" in text and "errori" in text.splitlines()[-1]


@host_only
def test_a_fresh_database_is_clean_and_its_types_are_the_geopackages(central_db):
    """Nothing but schema ``remix`` of ``db init``: no structure finding (every PostgreSQL type is
    read as its GeoPackage type), exit 0."""
    code, out, err = validate_cli(central_db.dsn(), "--format", "jsonl")
    assert code == 0, out + err
    codes = {json.loads(line)["code"] for line in out.splitlines()}
    assert not {c for c in codes if c.startswith("STR")}, codes


@host_only
def test_a_comune_technician_validates_with_their_own_login(central_db, tmp_path):
    """A reader login (remix_reader: SELECT only) can validate: the copies are temporary tables."""
    gpkg = tmp_path / "faulty.gpkg"
    faulty_geopackage(gpkg)
    copy_geopackage(central_db.dsn(), gpkg)
    login = new_login(central_db, "lettore")
    central_db.query(f"GRANT remix_reader TO {login}")
    dsn = central_db.dsn(user=login, password="prova-123", tcp=True)
    code, out, err = validate_cli(dsn, "--format", "jsonl")
    assert code == 1, err
    assert FAULTS <= {json.loads(line)["code"] for line in out.splitlines()}
    assert "prova-123" not in out + err


# -- refusals: exit 2, one Italian line, no traceback ----------------------------------------------
def assert_refused(code, out, err, *words):
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err


@host_only
def test_wrong_password_exits_2(central_db):
    login = new_login(central_db, "sbagliato")
    code, out, err = validate_cli(central_db.dsn(user=login, password="non-questa", tcp=True))
    assert_refused(code, out, err, "Connessione al database non riuscita")
    assert "non-questa" not in err


@host_only
def test_a_database_without_the_remix_schema_exits_2(empty_db):
    empty_db.query("CREATE EXTENSION postgis")
    code, out, err = validate_cli(empty_db.dsn())
    assert_refused(code, out, err, "non ha lo schema RE.MIX", "db init")


@host_only
def test_a_database_without_postgis_exits_2(empty_db):
    code, out, err = validate_cli(empty_db.dsn())
    assert_refused(code, out, err, "schema RE.MIX")


@host_only
def test_a_newer_schema_exits_2(central_db):
    central_db.query("UPDATE remix.remix_metadata SET value = %s WHERE key = 'schema_version'",
                     (str(SCHEMA_VERSION + 1),))
    code, out, err = validate_cli(central_db.dsn())
    assert_refused(code, out, err, "versione più recente", "aggiorna il plugin")


@host_only
def test_a_dsn_not_answering_exits_2():
    code, out, err = validate_cli(f"host=127.0.0.1 port={free_port()} dbname=remix connect_timeout=3")
    assert_refused(code, out, err, "Connessione al database non riuscita")
    code, out, err = validate_cli(f"host=127.0.0.1 port={free_port()} dbname=remix", "--lang", "en")
    assert_refused(code, out, err, "Cannot connect")



@host_only
def test_a_table_or_field_missing_in_the_database_is_a_structure_finding(central_db):
    central_db.query("DROP TABLE remix.bandi CASCADE")
    central_db.query("ALTER TABLE remix.progetti DROP COLUMN note")
    central_db.query("ALTER TABLE remix.misure ALTER COLUMN valore TYPE text")
    code, out, err = validate_cli(central_db.dsn(), "--format", "jsonl")
    assert code == 1, err
    found = {(d["code"], d["layer"], d["field"]) for d in map(json.loads, out.splitlines())}
    expected = {("STR-001", "bandi", None), ("STR-002", "progetti", "note"), ("STR-003", "misure", "valore")}
    assert expected <= found
