# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""Bundles into the central database (issue 14): ``import-bundle BUNDLE DSN`` in one transaction
with the GeoPackage merge's policy (export/merge.py plan_merge): new rows added with the triggers
firing, an unchanged bundle changes nothing, another comune's rows refused in one Italian sentence
with nothing written, a check-out edited offline imported back (its edits applied, edits on both
sides listed as conflicts), two imports at once both complete, a connection cut mid-import leaves
nothing."""

import sqlite3
import subprocess
import sys
import threading

import helpers_corpus as corpus
import pytest
from test_central_support import central_db, empty_db, new_login, psycopg2  # noqa: F401

from tests.pg_cluster import ROOT, host_only

DATA_TABLES = ("programmi", "progetti", "criticita", "lavori", "azioni", "attori", "progetto_attori", "fasi",
               "indicatori", "misure", "finanziamenti")


def cli(*args):
    out = subprocess.run([sys.executable, "-m", "remix_plugin", *args], cwd=ROOT, capture_output=True,
                         text=True, timeout=600, check=False)
    return out.returncode, out.stdout, out.stderr


def counts(db):
    from remix_plugin.layers.model import load_model

    names = [t.name for t in load_model().data_tables]
    union = " UNION ALL ".join(f"SELECT '{n}', count(*) FROM remix.\"{n}\"" for n in names)
    return {name: count for name, count in db.query(union) if count}


def gpkg_counts(path):
    connection = sqlite3.connect(str(path))
    try:
        found = {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in DATA_TABLES}  # noqa: S608
    finally:
        connection.close()
    return {n: c for n, c in found.items() if c}


def export(source, bundle, *extra):
    code, _out, err = cli("export-bundle", str(source), str(bundle), *extra)
    assert code == 0, err
    return bundle


@pytest.fixture
def corpus_bundle(tmp_path):
    gpkg = tmp_path / "source.gpkg"
    ids = corpus.build_clean(gpkg)
    return gpkg, export(gpkg, tmp_path / "bundle.gpkg"), ids


@host_only
def test_a_bundle_goes_in_with_its_triggers_and_a_second_import_changes_nothing(central_db, corpus_bundle):
    from remix_plugin.central.bundle_import import import_bundle

    gpkg, bundle, ids = corpus_bundle
    result = import_bundle(bundle, central_db.dsn())
    expected = gpkg_counts(gpkg)
    assert result.added == expected
    assert counts(central_db) == expected
    assert not result.conflicts and not result.updated
    # the triggers fired: history, row version, audit by the importing user, derived area
    history = central_db.query("SELECT count(*) FROM remix.history WHERE operation = 'INSERT'")[0][0]
    assert history == sum(expected.values())
    assert central_db.query("SELECT DISTINCT versione FROM remix.progetti") == [(1,)]
    logged = central_db.query("SELECT count(*), count(DISTINCT producer) FROM remix.import_log")[0]
    assert logged == (sum(expected.values()), 1)
    # the same bundle again: everything unchanged, nothing written
    again = import_bundle(bundle, central_db.dsn())
    assert again.changed == 0 and not again.conflicts
    assert again.unchanged == sum(expected.values())
    assert central_db.query("SELECT count(*) FROM remix.history")[0][0] == history
    # what is in the database is what the bundle says
    title = central_db.query("SELECT titolo FROM remix.progetti WHERE uuid = %s", (ids["p1"],))
    assert title == [("Progetto p1",)]


@host_only
def test_the_cli_imports_into_a_dsn_and_says_what_it_did(central_db, corpus_bundle):
    gpkg, bundle, _ids = corpus_bundle
    code, out, err = cli("import-bundle", str(bundle), central_db.dsn())
    assert code == 0, err
    total = sum(gpkg_counts(gpkg).values())
    assert out.split()[0] == str(total), out  # "N added, 0 updated, 0 conflicts" (Italian once translated)
    assert "password" not in out + err
    code, out, err = cli("import-bundle", str(bundle), "host=127.0.0.1 port=1 dbname=x connect_timeout=2")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@host_only
def test_a_comune_login_importing_another_comunes_rows_is_refused_and_nothing_is_written(
    central_db, corpus_bundle, tmp_path
):
    from test_central_support import PASSWORD

    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.central.checkout import checkout
    from remix_plugin.central.database import CentralError, grant_login

    gpkg, bundle, ids = corpus_bundle
    import_bundle(bundle, central_db.dsn())  # CMM (the administrator) loads everything first
    login = new_login(central_db, "tecnico_rho")
    grant_login(central_db.dsn(), login, "comune", [corpus.COMUNE_A])
    before = counts(central_db)
    history = central_db.query("SELECT count(*) FROM remix.history")[0][0]
    # the Pero project, edited and exported as a bundle, imported by Rho's technician
    pero = tmp_path / "pero.gpkg"
    checkout(central_db.dsn(), pero, comuni=[corpus.COMUNE_B])
    corpus.update(pero, "progetti", ids["p2"], titolo="Cambiato da Rho")
    pero_bundle = export(pero, tmp_path / "pero_bundle.gpkg")
    dsn = central_db.dsn(user=login, password=PASSWORD, tcp=True)
    with pytest.raises(CentralError) as raised:
        import_bundle(pero_bundle, dsn)
    message = raised.value.message("it")
    assert raised.value.exit_code == 1
    assert message.startswith("Importazione del bundle rifiutata")
    assert "015170" in message and "nulla è stato scritto" in message
    assert len(message.splitlines()) == 1
    assert counts(central_db) == before
    assert central_db.query("SELECT count(*) FROM remix.history")[0][0] == history
    title = central_db.query("SELECT titolo FROM remix.progetti WHERE uuid = %s", (ids["p2"],))
    assert title == [("Progetto p2",)]
    # the same through the CLI: exit 1, the one sentence on stderr
    code, _out, err = cli("import-bundle", str(pero_bundle), dsn)
    assert code == 1 and err.strip() == message
    # its own comune's edit goes in, written by the technician
    rho = tmp_path / "rho.gpkg"
    checkout(dsn, rho, comuni=[corpus.COMUNE_A], record=True)
    corpus.update(rho, "progetti", ids["p1"], titolo="Rivisto a Rho")
    result = import_bundle(export(rho, tmp_path / "rho_bundle.gpkg", "--producer", corpus.COMUNE_A), dsn)
    assert result.updated == {"progetti": 1} and not result.conflicts
    assert central_db.query("SELECT titolo, modificato_da, versione FROM remix.progetti WHERE uuid = %s",
                            (ids["p1"],)) == [("Rivisto a Rho", login, 2)]


@host_only
def test_a_checkout_edited_offline_comes_back_with_its_edits_and_the_conflicts_listed(
    central_db, corpus_bundle, tmp_path
):
    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.central.checkout import checkout

    _gpkg, bundle, ids = corpus_bundle
    import_bundle(bundle, central_db.dsn())
    offline = tmp_path / "offline.gpkg"
    checkout(central_db.dsn(), offline, record=True)
    # an unchanged copy comes back as unchanged
    same = import_bundle(export(offline, tmp_path / "same.gpkg"), central_db.dsn())
    assert same.changed == 0 and not same.conflicts
    # offline: two projects edited; in the database meanwhile: one of them
    corpus.update(offline, "progetti", ids["p1"], titolo="Offline p1")
    corpus.update(offline, "progetti", ids["p2"], titolo="Offline p2")
    central_db.query("UPDATE remix.progetti SET titolo = 'Ufficio p2' WHERE uuid = %s", (ids["p2"],))
    result = import_bundle(export(offline, tmp_path / "checkin.gpkg"), central_db.dsn())
    assert result.updated == {"progetti": 1}
    assert [(t, u) for t, u, _ in result.conflicts] == [("progetti", ids["p2"])]
    assert "titolo" in result.conflicts[0][2]
    titles = dict(central_db.query("SELECT uuid::text, titolo FROM remix.progetti"))
    assert titles == {ids["p1"]: "Offline p1", ids["p2"]: "Ufficio p2"}  # the conflict never overwrites
    listed = central_db.query("SELECT table_name, record_uuid, status, bundle_values "
                              "FROM remix.import_conflicts")
    assert listed == [("progetti", ids["p2"], "open", '{"titolo": "Offline p2"}')]


@host_only
def test_two_imports_at_once_both_complete(central_db, tmp_path):
    gpkg = tmp_path / "source.gpkg"
    corpus.build_clean(gpkg)
    rho = export(gpkg, tmp_path / "rho.gpkg", "--comune", corpus.COMUNE_A)
    pero = export(gpkg, tmp_path / "pero.gpkg", "--comune", corpus.COMUNE_B)
    command = [sys.executable, "-m", "remix_plugin", "import-bundle"]
    running = [subprocess.Popen(command + [str(b), central_db.dsn()], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for b in (rho, pero)]
    outcomes = [(p.wait(timeout=600), p.stderr.read()) for p in running]
    for process in running:
        process.stdout.close()
        process.stderr.close()
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert counts(central_db) == gpkg_counts(gpkg)  # shared rows once, both comuni's rows all there


@host_only
def test_a_connection_cut_mid_import_leaves_nothing(central_db, corpus_bundle):
    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.central.database import CentralError

    _gpkg, bundle, _ids = corpus_bundle
    stages = []

    def cut(stage):
        stages.append(stage)
        if stage != "inserts":
            return
        pids = central_db.query("SELECT pid FROM pg_stat_activity "
                                "WHERE application_name = 'RE.MIX import-bundle'")
        assert len(pids) == 1
        assert central_db.query("SELECT pg_terminate_backend(%s)", (pids[0][0],)) == [(True,)]

    with pytest.raises(CentralError) as raised:
        import_bundle(bundle, central_db.dsn(), fail_hook=cut)
    assert stages == ["inserts"]
    assert raised.value.code == "connection_lost" and raised.value.exit_code == 2
    assert "nulla è stato scritto" in raised.value.message("it")
    assert counts(central_db) == {}
    assert central_db.query("SELECT count(*) FROM remix.import_log") == [(0,)]
    assert central_db.query("SELECT count(*) FROM remix.history") == [(0,)]


@host_only
def test_an_import_waits_for_the_one_in_progress(central_db, corpus_bundle):
    """The advisory lock: a second import started while the first is mid-way ends after it, and
    finds the first one's rows (unchanged, not added twice)."""
    from remix_plugin.central.bundle_import import import_bundle

    _gpkg, bundle, _ids = corpus_bundle
    outcome = {}
    paused, release = threading.Event(), threading.Event()

    def hold(stage):
        if stage == "commit":
            paused.set()
            release.wait(60)

    first = threading.Thread(target=lambda: outcome.setdefault("first", import_bundle(
        bundle, central_db.dsn(), fail_hook=hold)))
    first.start()
    assert paused.wait(120)
    second = threading.Thread(target=lambda: outcome.setdefault(
        "second", import_bundle(bundle, central_db.dsn())))
    second.start()
    second.join(2)
    assert second.is_alive()  # waiting for the first
    release.set()
    first.join(120)
    second.join(120)
    assert outcome["first"].changed > 0
    assert outcome["second"].changed == 0 and outcome["second"].unchanged == outcome["first"].changed


@host_only
def test_db_upgrade_adds_the_import_tables_to_a_schema_2_database_without_them(central_db, corpus_bundle):
    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.central.database import CentralError, upgrade_database

    _gpkg, bundle, _ids = corpus_bundle
    central_db.query("DROP TABLE remix.import_log, remix.import_conflicts")
    with pytest.raises(CentralError) as raised:
        import_bundle(bundle, central_db.dsn())
    assert "db upgrade" in raised.value.message("it")
    assert counts(central_db) == {}
    upgrade_database(central_db.dsn())
    assert import_bundle(bundle, central_db.dsn()).changed > 0


@host_only
def test_db_checkout_on_the_command_line_logs_the_checkout_for_the_check_in(
    central_db, corpus_bundle, tmp_path
):
    from remix_plugin.central.bundle_import import import_bundle

    _gpkg, bundle, ids = corpus_bundle
    import_bundle(bundle, central_db.dsn())
    out = tmp_path / "pero.gpkg"
    code, stdout, err = cli("db", "checkout", "--dsn", central_db.dsn(), "--out", str(out), "--comune",
                            corpus.COMUNE_B)
    assert code == 0, err
    assert stdout.split()[0].isdigit() and str(out) in stdout
    logged = central_db.query("SELECT count(*) FROM remix.import_log "
                              "WHERE bundle_hash LIKE 'checkout:pero.gpkg:%%'")
    assert logged[0][0] == sum(gpkg_counts(out).values())
    corpus.update(out, "fasi", ids["p2_fase2"], descrizione="Aggiornata offline")
    result = import_bundle(export(out, tmp_path / "pero_bundle.gpkg"), central_db.dsn())
    assert result.updated == {"fasi": 1} and not result.conflicts
    code, _out, err = cli("db", "checkout", "--dsn", central_db.dsn(), "--out", str(out))
    assert code == 2 and "esiste già" in err
