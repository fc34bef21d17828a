# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""``db init|grant|upgrade`` as a user runs them: exit codes 0/1/2, one clear line, nothing
changed when refused (wrong password, a DSN that does not answer, a login without rights)."""

from test_central_support import PASSWORD, central_db, empty_db, new_login, run_cli  # noqa: F401

from tests.pg_cluster import free_port, host_only

pytestmark = host_only

NO_SCHEMA = "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'remix'"


def test_init_then_grant_through_the_command_line_with_a_uri_dsn(empty_db):
    cluster = empty_db.cluster
    uri = f"postgresql://{cluster.admin}@/{empty_db.name}?host={cluster.socket_dir}&port={cluster.port}"
    code, out, err = run_cli("init", "--dsn", uri, "--crs", "EPSG:32632")
    assert code == 0, err
    assert out.strip() == f"Schema RE.MIX creato nel database {empty_db.name} (EPSG:32632)."
    login = new_login(empty_db, "tecnico")
    code, out, err = run_cli(
        "grant",
        "--dsn",
        uri,
        "--login",
        login,
        "--role",
        "comune",
        "--comune",
        "015146",
        "015002",
        "--lang",
        "en",
    )
    assert code == 0, err
    assert out.strip() == f"{login}: role remix_comune (015146, 015002)."
    code, out, _ = run_cli("upgrade", "--dsn", uri)
    assert code == 0 and "nulla da fare" in out
    code, out, _ = run_cli("upgrade", "--dsn", uri, "--lang", "en", module="remix_plugin.central.cli")
    assert code == 0 and "nothing to do" in out


def test_a_wrong_password_is_exit_2_with_a_clear_message_and_nothing_changed(empty_db):
    login = new_login(empty_db, "admin_errato")
    empty_db.cluster.psql(f"ALTER ROLE {login} SUPERUSER")
    code, out, err = run_cli("init", "--dsn", empty_db.dsn(user=login, password="sbagliata", tcp=True))
    assert code == 2 and out == ""
    assert err.startswith("Connessione al database non riuscita:") and "password authentication failed" in err
    assert "sbagliata" not in err and "Traceback" not in err
    assert empty_db.query(NO_SCHEMA) == [(0,)]
    code, _, err = run_cli(
        "init", "--dsn", empty_db.dsn(user=login, password="sbagliata", tcp=True), "--lang", "en"
    )
    assert code == 2 and err.startswith("Cannot connect to the database:")
    # The right password works over the same route.
    code, _, err = run_cli("init", "--dsn", empty_db.dsn(user=login, password=PASSWORD, tcp=True))
    assert code == 0, err


def test_a_dsn_that_does_not_answer_or_does_not_parse_is_exit_2(empty_db):
    code, _, err = run_cli("init", "--dsn", f"host=127.0.0.1 port={free_port()} dbname=x connect_timeout=3")
    assert code == 2 and "Connessione al database non riuscita" in err
    code, _, err = run_cli("upgrade", "--dsn", "questo non è un dsn")
    assert code == 2 and "DSN" in err and "Traceback" not in err


def test_a_login_without_rights_cannot_create_and_nothing_changes(empty_db):
    login = new_login(empty_db, "senza_diritti")
    code, _, err = run_cli("init", "--dsn", empty_db.dsn(user=login, password=PASSWORD, tcp=True))
    assert code == 1 and "nulla è stato cambiato" in err, err
    assert empty_db.query(NO_SCHEMA) == [(0,)]


def test_grant_and_upgrade_on_a_database_without_the_schema_are_refused(empty_db):
    for args in (("upgrade",), ("grant", "--login", "x", "--role", "reader")):
        code, _, err = run_cli(*args, "--dsn", empty_db.dsn())
        assert code == 1 and "db init" in err, (args, err)


def test_grant_refuses_unknown_comuni_and_logins(central_db):
    login = new_login(central_db, "tecnico")
    code, _, err = run_cli(
        "grant", "--dsn", central_db.dsn(), "--login", login, "--role", "comune", "--comune", "123456"
    )
    assert code == 1 and "123456" in err
    code, _, err = run_cli("grant", "--dsn", central_db.dsn(), "--login", "mai_visto", "--role", "cmm")
    assert code == 1 and "mai_visto non esiste" in err
    assert central_db.query("SELECT count(*) FROM remix.login_comuni") == [(0,)]
