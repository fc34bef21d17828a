# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""The central database's headless gaps (issue 14, docs/central-database.md "Import, checkout,
rights: what changed"): a reader and a comune technician check out; a one-comune checkout reads
only that comune's rows; the import re-validates what it touched; import_log/import_conflicts
under row-level security; CMM loads the shared records a comune's bundle brings (db import-shared)
and the comune login's refusal says so. Real logins on the throw-away cluster."""

import sqlite3
import subprocess
import sys

import helpers_corpus as corpus
import pytest
from test_central_support import PASSWORD, central_db, empty_db, new_login, psycopg2  # noqa: F401

from tests.pg_cluster import ROOT, host_only

DATA_TABLES = ("programmi", "progetti", "criticita", "lavori", "azioni", "attori", "progetto_attori", "fasi",
               "indicatori", "misure", "finanziamenti")


def cli(*args):
    out = subprocess.run([sys.executable, "-m", "remix_plugin", *args], cwd=ROOT, capture_output=True,
                         text=True, timeout=600, check=False)
    return out.returncode, out.stdout, out.stderr


def gpkg_rows(path, table, column="uuid"):
    connection = sqlite3.connect(str(path))
    try:
        return sorted(r[0] for r in connection.execute(f'SELECT "{column}" FROM "{table}"'))  # noqa: S608
    finally:
        connection.close()


def gpkg_counts(path):
    counts = {t: len(gpkg_rows(path, t)) for t in DATA_TABLES}
    return {t: c for t, c in counts.items() if c}


def export(source, bundle, *extra):
    code, _out, err = cli("export-bundle", str(source), str(bundle), *extra)
    assert code == 0, err
    return bundle


def build_three_comuni(path):
    """build_clean (Rho, Pero) + a third comune's project: criticità, lavoro, fase, actor link, measure."""
    ids = corpus.build_clean(path)
    third = sorted(set(ids["points"]) - {corpus.COMUNE_A, corpus.COMUNE_B})[0]
    x, y = ids["points"][third]
    writer = corpus.Writer(path)
    project = writer.add("progetti", programma_uuid=ids["programma"], comune_istat=third,
                         titolo="Progetto p3", data_inizio="2020-01-01", data_fine="2026-12-31")
    ids.update(third=third, p3=project)
    ids["p3_lavoro"] = writer.add("lavori", corpus.square_wkt(x, y), progetto_uuid=project,
                                  comune_istat=third)
    writer.add("criticita", corpus.square_wkt(x, y, 80), progetto_uuid=project, comune_istat=third)
    writer.add("fasi", progetto_uuid=project, numero=1, stato_fase="in_corso", data_inizio="2021-07-01",
               data_fine="2026-12-31")
    writer.add("progetto_attori", progetto_uuid=project, attore_uuid=ids["attore"])
    writer.add("misure", progetto_uuid=project, indicatore_uuid=ids["indicatore"], data_misura="2023-05-01",
               valore=3.0)
    writer.close()
    return ids


@pytest.fixture
def loaded(central_db, tmp_path):
    """The database holding three comuni's projects, loaded by the administrator."""
    from remix_plugin.central.bundle_import import import_bundle

    gpkg = tmp_path / "three.gpkg"
    ids = build_three_comuni(gpkg)
    import_bundle(export(gpkg, tmp_path / "three_bundle.gpkg"), central_db.dsn())
    return central_db, gpkg, ids


def login_dsn(db, prefix, role, comuni=()):
    from remix_plugin.central.database import grant_login

    login = new_login(db, prefix)
    grant_login(db.dsn(), login, role, list(comuni))
    return login, db.dsn(user=login, password=PASSWORD, tcp=True)


# -- 1. checkout: a reader and a comune login; only the selected rows read ------------------------
@host_only
def test_a_one_comune_checkout_reads_only_that_comunes_rows(loaded, tmp_path):
    from remix_plugin.central.checkout import checkout

    db, _gpkg, ids = loaded
    in_database = dict(db.query("SELECT 'progetti', count(*) FROM remix.progetti UNION ALL "
                                "SELECT 'lavori', count(*) FROM remix.lavori UNION ALL "
                                "SELECT 'fasi', count(*) FROM remix.fasi UNION ALL "
                                "SELECT 'misure', count(*) FROM remix.misure"))
    assert in_database == {"progetti": 3, "lavori": 5, "fasi": 5, "misure": 3}
    out = tmp_path / "pero.gpkg"
    result = checkout(db.dsn(), out, comuni=[corpus.COMUNE_B])
    # exactly Pero's project and its children, and the shared rows they point to
    assert gpkg_rows(out, "progetti") == [ids["p2"]]
    assert gpkg_rows(out, "lavori") == sorted([ids["p2_lavoro1"], ids["p2_lavoro2"]])
    assert gpkg_rows(out, "fasi") == sorted([ids["p2_fase1"], ids["p2_fase2"]])
    assert gpkg_rows(out, "azioni") == [ids["p2_azione"]]
    assert gpkg_rows(out, "criticita") == [ids["p2_criticita"]]
    assert gpkg_rows(out, "misure", "progetto_uuid") == [ids["p2"]]
    assert gpkg_rows(out, "programmi") == [ids["programma"]]
    assert gpkg_rows(out, "attori") == [ids["attore"]]
    assert gpkg_rows(out, "indicatori") == [ids["indicatore"]]
    # what was read from the database into the snapshot: those rows only, never the registry
    data_read = {t: n for t, n in result.read.items() if t in DATA_TABLES and n}
    assert data_read == gpkg_counts(out)
    assert data_read["progetti"] == 1 and data_read["lavori"] == 2
    everything = checkout(db.dsn(), tmp_path / "all.gpkg")
    assert everything.read["progetti"] == 3 and everything.read["lavori"] == 5
    # a zona omogenea and a programme select in the database too
    zona = db.query("SELECT zona_omogenea FROM remix.comuni WHERE istat = %s", (ids["third"],))[0][0]
    by_zona = checkout(db.dsn(), tmp_path / "zona.gpkg", zona=zona)
    zona_comuni = {r[0] for r in db.query("SELECT istat FROM remix.comuni WHERE zona_omogenea = %s",
                                          (zona,))}
    expected = {u for u, c in db.query("SELECT uuid::text, comune_istat FROM remix.progetti")
                if c in zona_comuni}
    assert set(gpkg_rows(tmp_path / "zona.gpkg", "progetti")) == expected
    assert by_zona.read["progetti"] == len(expected)
    by_programme = checkout(db.dsn(), tmp_path / "programma.gpkg", programma=ids["programma"])
    assert by_programme.read["progetti"] == 3


@host_only
def test_a_reader_checks_out_unlogged_and_a_comune_technician_logs_only_what_it_may(loaded, tmp_path):
    from remix_plugin.central.checkout import checkout

    db, _gpkg, ids = loaded
    _reader, reader_dsn = login_dsn(db, "lettore", "reader")
    logged_before = db.query("SELECT count(*) FROM remix.import_log")[0][0]
    # the reader: the copy is written, nothing logged (it cannot write the log, and never checks in)
    code, out, err = cli("db", "checkout", "--dsn", reader_dsn, "--out", str(tmp_path / "r.gpkg"),
                         "--comune", corpus.COMUNE_A)
    assert code == 0, err
    assert gpkg_rows(tmp_path / "r.gpkg", "progetti") == [ids["p1"]]
    assert "sola lettura" in out, out
    assert db.query("SELECT count(*) FROM remix.import_log")[0][0] == logged_before
    # Rho's technician: its own comune logged (its records and the shared ones)
    rho_login, rho_dsn = login_dsn(db, "tecnico_rho", "comune", [corpus.COMUNE_A])
    own = checkout(rho_dsn, tmp_path / "rho.gpkg", comuni=[corpus.COMUNE_A], record=True)
    assert own.logged == sum(own.counts.values()) and not own.log_skipped
    # ... and Pero's copy, for reading: only the shared records go in the log, never Pero's
    other = checkout(rho_dsn, tmp_path / "pero.gpkg", comuni=[corpus.COMUNE_B], record=True)
    shared = sum(other.counts.get(t, 0) for t in ("programmi", "attori", "indicatori", "bandi"))
    assert other.logged == shared and shared == 3
    comuni_logged = db.query("SELECT DISTINCT comune_istat FROM remix.import_log WHERE bundle_hash LIKE "
                             "'checkout:pero.gpkg:%%'")
    assert comuni_logged == [(None,)]
    assert {r[0] for r in db.query("SELECT DISTINCT comune_istat FROM remix.import_log WHERE "
                                   "bundle_hash LIKE 'checkout:rho.gpkg:%%'")} == {corpus.COMUNE_A, None}
    assert rho_login


# -- 2. the import re-validates what it touched -----------------------------------------------------
@host_only
def test_the_database_import_validates_the_records_it_touched(central_db, tmp_path):
    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.export.merge import merge_bundle
    from remix_plugin.layers.geopackage import create_geopackage

    gpkg = tmp_path / "source.gpkg"
    ids = corpus.build_clean(gpkg)
    writer = corpus.Writer(gpkg)  # a measurement dated before its project's start: a warning
    early = writer.add("misure", progetto_uuid=ids["p1"], indicatore_uuid=ids["indicatore"],
                       data_misura="2019-06-01", valore=2.0)
    writer.close()
    bundle = export(gpkg, tmp_path / "bundle.gpkg", "--profile", "draft")
    result = import_bundle(bundle, central_db.dsn())
    found = {(f.code, f.layer, f.feature_uuid) for f in result.findings}
    assert early in {u for _c, _l, u in found}, found
    assert all(u in {v for _t, v in result.touched} for _c, _l, u in found)
    # the same findings as the GeoPackage merge gives on the same bundle
    target = tmp_path / "target.gpkg"
    create_geopackage(target)
    on_file = merge_bundle(bundle, target, make_backup=False)
    assert found == {(f.code, f.layer, f.feature_uuid) for f in on_file.findings}
    code = next(c for c, _l, u in found if u == early)
    # the command line prints them as for a GeoPackage target
    corpus.update(gpkg, "misure", early, valore=3.0)
    again = export(gpkg, tmp_path / "again.gpkg", "--profile", "draft")
    exit_code, out, err = cli("import-bundle", str(again), central_db.dsn())
    assert exit_code == 0, err
    assert out.splitlines()[0].startswith("0 ") and code in out and early in out, out
    # unchanged: nothing touched, nothing validated
    assert import_bundle(again, central_db.dsn()).findings == []


# -- 3. row-level security on import_log / import_conflicts -----------------------------------------
@host_only
def test_import_log_and_conflicts_row_level_security_with_real_logins(loaded, tmp_path):
    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.central.checkout import checkout

    db, _gpkg, ids = loaded
    # a conflict in Pero: checked out, edited offline, edited in the database meanwhile
    pero = tmp_path / "pero.gpkg"
    checkout(db.dsn(), pero, comuni=[corpus.COMUNE_B], record=True)
    corpus.update(pero, "progetti", ids["p2"], titolo="Offline")
    db.query("UPDATE remix.progetti SET titolo = 'Ufficio' WHERE uuid = %s", (ids["p2"],))
    result = import_bundle(export(pero, tmp_path / "pero_bundle.gpkg"), db.dsn())
    assert [c[1] for c in result.conflicts] == [ids["p2"]]
    total = db.query("SELECT count(*) FROM remix.import_log")[0][0]
    by_comune = dict(db.query("SELECT coalesce(comune_istat, '-'), count(*) FROM remix.import_log "
                              "GROUP BY 1"))
    assert set(by_comune) == {corpus.COMUNE_A, corpus.COMUNE_B, ids["third"], "-"}
    _rho, rho_dsn = login_dsn(db, "tecnico_rho", "comune", [corpus.COMUNE_A])
    _cmm, cmm_dsn = login_dsn(db, "cmm", "cmm")
    _reader, reader_dsn = login_dsn(db, "lettore", "reader")

    def seen(dsn, text):
        with psycopg2.connect(dsn) as connection, connection.cursor() as cursor:
            cursor.execute(text)
            return cursor.fetchall()

    # Rho's technician sees Rho's rows and the shared records', nothing of Pero or the third comune
    rho_sees = dict(seen(rho_dsn, "SELECT coalesce(comune_istat, '-'), count(*) FROM remix.import_log "
                                  "GROUP BY 1"))
    assert rho_sees == {corpus.COMUNE_A: by_comune[corpus.COMUNE_A], "-": by_comune["-"]}
    assert seen(rho_dsn, "SELECT count(*) FROM remix.import_conflicts") == [(0,)]
    # CMM and a reader: everything
    assert seen(cmm_dsn, "SELECT count(*) FROM remix.import_log") == [(total,)]
    assert seen(reader_dsn, "SELECT count(*) FROM remix.import_log") == [(total,)]
    assert seen(reader_dsn, "SELECT record_uuid FROM remix.import_conflicts") == [(ids["p2"],)]

    def write(dsn, table, record, comune):
        with psycopg2.connect(dsn) as connection, connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO remix.{table} (table_name, record_uuid, comune_istat) "  # noqa: S608
                           "VALUES ('progetti', %s, %s)", (record, comune))

    # writes: Rho's own record yes; Pero's no, also when it claims to be Rho's; a reader never
    write(rho_dsn, "import_log", ids["p1"], corpus.COMUNE_A)
    for record, comune in ((ids["p2"], corpus.COMUNE_B), (ids["p2"], corpus.COMUNE_A), (ids["p2"], None)):
        with pytest.raises(psycopg2.Error) as raised:
            write(rho_dsn, "import_conflicts", record, comune)
        assert raised.value.pgcode == "42501"
    with pytest.raises(psycopg2.Error) as raised:
        write(reader_dsn, "import_log", ids["p1"], corpus.COMUNE_A)
    assert raised.value.pgcode == "42501"
    write(cmm_dsn, "import_conflicts", ids["p2"], corpus.COMUNE_B)
    assert db.query("SELECT count(*) FROM remix.import_log")[0][0] == total + 1
    assert db.query("SELECT count(*) FROM remix.import_conflicts")[0][0] == 2


# -- 4. shared records: CMM loads them, the comune login is told so --------------------------------
@host_only
def test_a_new_programme_in_a_comune_bundle_is_refused_with_the_way_out_and_cmm_loads_it(
    loaded, tmp_path
):
    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.central.checkout import checkout
    from remix_plugin.central.database import CentralError

    db, _gpkg, ids = loaded
    _rho, rho_dsn = login_dsn(db, "tecnico_rho", "comune", [corpus.COMUNE_A])
    _cmm, cmm_dsn = login_dsn(db, "cmm", "cmm")
    rho = tmp_path / "rho.gpkg"
    checkout(rho_dsn, rho, comuni=[corpus.COMUNE_A], record=True)
    writer = corpus.Writer(rho)
    programme = writer.add("programmi", titolo="Rigenerazione Rho Nord")
    writer.close()
    corpus.update(rho, "progetti", ids["p1"], programma_uuid=programme, titolo="Nel nuovo programma")
    bundle = export(rho, tmp_path / "rho_bundle.gpkg", "--producer", corpus.COMUNE_A)
    before = db.query("SELECT count(*) FROM remix.history")[0][0]
    with pytest.raises(CentralError) as raised:
        import_bundle(bundle, rho_dsn)
    message = raised.value.message("it")
    assert raised.value.code == "shared_records" and raised.value.exit_code == 1
    assert programme in message and "Rigenerazione Rho Nord" in message and "Programmi" in message
    assert "db import-shared" in message and "rho_bundle.gpkg" in message
    assert "nulla è stato scritto" in message
    assert len(message.splitlines()) == 1
    assert db.query("SELECT count(*) FROM remix.history")[0][0] == before
    code, _out, err = cli("import-bundle", str(bundle), rho_dsn)
    assert code == 1 and err.strip() == message
    # the technician may not use the way out; CMM may, and it loads only the shared records
    code, _out, err = cli("db", "import-shared", "--dsn", rho_dsn, "--bundle", str(bundle))
    assert code == 1 and "CMM" in err and len(err.strip().splitlines()) == 1
    code, out, err = cli("db", "import-shared", "--dsn", cmm_dsn, "--bundle", str(bundle))
    assert code == 0, err
    assert out.split()[0] == "1", out  # the programme; the other shared records unchanged
    assert db.query("SELECT titolo FROM remix.programmi WHERE uuid = %s", (programme,)) == [
        ("Rigenerazione Rho Nord",)]
    assert db.query("SELECT titolo FROM remix.progetti WHERE uuid = %s", (ids["p1"],)) == [("Progetto p1",)]
    # then the technician's import goes through
    result = import_bundle(bundle, rho_dsn)
    assert result.updated == {"progetti": 1} and not result.conflicts
    assert db.query("SELECT titolo, programma_uuid::text FROM remix.progetti WHERE uuid = %s",
                    (ids["p1"],)) == [("Nel nuovo programma", programme)]
