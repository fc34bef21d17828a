# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""Real logins over TCP with passwords: roles, row-level rights per comune with a clear Italian
refusal, the history of what changed, and concurrent edits of the same row."""

import threading
import time

import pytest
from test_central_support import central_db, empty_db, new_login, psycopg2  # noqa: F401

from remix_plugin.central import ddl
from remix_plugin.central.database import CentralError, grant_login
from tests.pg_cluster import host_only

pytestmark = host_only

MILANO, ABBIATEGRASSO = "015146", "015002"
PROJECT = (
    "INSERT INTO remix.progetti (titolo, comune_istat, ambito_opportunita, scala_impatto, "
    "livello_progettuale, stato_progetto) VALUES (%s, %s, '[\"sociale\"]', 'comunale', 'comunale', "
    "'concluso') RETURNING uuid"
)
LAVORO = (
    "INSERT INTO remix.lavori (progetto_uuid, titolo, oggetto_fisico, geom) VALUES (%s, 'L', 'ambito', "
    "ST_Multi(ST_Buffer(ST_SetSRID(ST_Point(513536, 5034241), 32632), 20))) RETURNING uuid"
)


def run(connection, text, params=None):
    with connection, connection.cursor() as cursor:
        cursor.execute(text, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


@pytest.fixture
def people(central_db):
    names = {
        "mario": new_login(central_db, "mario"),
        "anna": new_login(central_db, "anna"),
        "cmm": new_login(central_db, "cmm"),
        "lettore": new_login(central_db, "lettore"),
    }
    grant_login(central_db.dsn(), names["mario"], "comune", [MILANO])
    grant_login(central_db.dsn(), names["anna"], "comune", [ABBIATEGRASSO])
    grant_login(central_db.dsn(), names["cmm"], "cmm")
    grant_login(central_db.dsn(), names["lettore"], "reader")
    connections = {key: central_db.login(name) for key, name in names.items()}
    yield names, connections
    for connection in connections.values():
        connection.close()


def test_a_technician_edits_their_comune_only_with_a_clear_italian_refusal(central_db, people):
    names, conn = people
    anna_project = run(conn["anna"], PROJECT, ("Parco di Abbiategrasso", ABBIATEGRASSO))[0][0]
    mario_project = run(conn["mario"], PROJECT, ("Piazza di Milano", MILANO))[0][0]
    # mario reads everything...
    assert len(run(conn["mario"], "SELECT uuid FROM remix.progetti")) == 2
    # ...but anna's project is not his to change.
    with pytest.raises(psycopg2.Error) as refused:
        run(conn["mario"], "UPDATE remix.progetti SET titolo = 'Rubato' WHERE uuid = %s", (anna_project,))
    assert refused.value.pgcode == ddl.SQLSTATE_REFUSED
    assert refused.value.diag.message_primary == (
        f"Il comune {ABBIATEGRASSO} (Abbiategrasso) non è tra quelli assegnati a {names['mario']}: "
        "modifica rifiutata"
    )
    assert "amministratore RE.MIX" in refused.value.diag.message_hint
    assert run(conn["anna"], "SELECT titolo FROM remix.progetti WHERE uuid = %s", (anna_project,)) == [
        ("Parco di Abbiategrasso",)
    ]
    # his own is.
    assert (
        run(
            conn["mario"],
            "UPDATE remix.progetti SET titolo = 'Piazza nuova' WHERE uuid = %s",
            (mario_project,),
        )
        == 1
    )
    history = central_db.query(
        "SELECT changed_by, operation, row_uuid, before ->> 'titolo', after ->> 'titolo' "
        "FROM remix.history ORDER BY id"
    )
    assert history == [
        (names["anna"], "INSERT", anna_project, None, "Parco di Abbiategrasso"),
        (names["mario"], "INSERT", mario_project, None, "Piazza di Milano"),
        (names["mario"], "UPDATE", mario_project, "Piazza di Milano", "Piazza nuova"),
    ], "the refused attempt changed nothing, so it left no history"
    audit = central_db.query(
        "SELECT creato_da, modificato_da, versione FROM remix.progetti WHERE uuid = %s", (mario_project,)
    )
    assert audit == [(names["mario"], names["mario"], 2)]


def test_lavori_and_the_rest_follow_their_project(central_db, people):
    names, conn = people
    anna_project = run(conn["anna"], PROJECT, ("Abbiategrasso", ABBIATEGRASSO))[0][0]
    mario_project = run(conn["mario"], PROJECT, ("Milano", MILANO))[0][0]
    for statement, params in (
        (LAVORO, (anna_project,)),
        (
            "INSERT INTO remix.fasi (progetto_uuid, numero, titolo, stato_fase) "
            "VALUES (%s, 1, 'I', 'conclusa')",
            (anna_project,),
        ),
        ("DELETE FROM remix.progetti WHERE uuid = %s", (anna_project,)),
        ("UPDATE remix.progetti SET comune_istat = %s WHERE uuid = %s", (ABBIATEGRASSO, mario_project)),
    ):
        with pytest.raises(psycopg2.Error) as refused:
            run(conn["mario"], statement, params)
        assert "non è tra quelli assegnati a" in refused.value.pgerror, statement
    lavoro = run(conn["mario"], LAVORO, (mario_project,))[0][0]
    # The history keeps the geometry too (as EWKB hex), exactly.
    same = central_db.query("SELECT ST_Equals(ST_GeomFromEWKB(decode(h.after ->> 'geom', 'hex')), l.geom) "
                            "FROM remix.history h JOIN remix.lavori l ON l.uuid = h.row_uuid")
    assert same == [(True,)]
    # The lavoro's comune comes from its geometry; rights come from its project.
    assert run(conn["mario"], "SELECT comune_istat FROM remix.lavori WHERE uuid = %s", (lavoro,)) == [
        (MILANO,)
    ]
    with pytest.raises(psycopg2.Error):
        run(conn["anna"], "UPDATE remix.lavori SET titolo = 'x' WHERE uuid = %s", (lavoro,))
    # Deleting his own project takes its lavori with it (composition), in the history too.
    assert run(conn["mario"], "DELETE FROM remix.progetti WHERE uuid = %s", (mario_project,)) == 1
    assert central_db.query("SELECT count(*) FROM remix.lavori") == [(0,)]
    deleted = central_db.query(
        "SELECT table_name, changed_by FROM remix.history WHERE operation = 'DELETE' ORDER BY id"
    )
    assert sorted(deleted) == [("lavori", names["mario"]), ("progetti", names["mario"])]


def test_cmm_edits_everything_readers_read_shared_tables_are_cmms(central_db, people):
    names, conn = people
    anna_project = run(conn["anna"], PROJECT, ("Abbiategrasso", ABBIATEGRASSO))[0][0]
    assert (
        run(
            conn["cmm"],
            "UPDATE remix.progetti SET titolo = 'Rivisto da CMM' WHERE uuid = %s",
            (anna_project,),
        )
        == 1
    )
    assert (
        run(conn["cmm"], "INSERT INTO remix.programmi (titolo, tipo_rete) VALUES ('Rete', 'tematica')") == 1
    )
    assert len(run(conn["lettore"], "SELECT * FROM remix.history")) == 3  # insert, update, insert
    with pytest.raises(psycopg2.errors.InsufficientPrivilege):
        run(conn["lettore"], "UPDATE remix.progetti SET titolo = 'x'")
    with pytest.raises(psycopg2.Error) as shared:
        run(conn["mario"], "UPDATE remix.programmi SET titolo = 'x'")
    assert "condivisa da tutti i comuni" in shared.value.pgerror
    assert (
        run(conn["mario"], "INSERT INTO remix.attori (nome, tipo_attore) VALUES ('Pro Loco', 'associazioni')")
        == 1
    )
    with pytest.raises(psycopg2.Error):
        run(conn["mario"], "UPDATE remix.attori SET nome = 'x'")
    with pytest.raises(psycopg2.errors.InsufficientPrivilege):  # nobody writes history by hand
        run(conn["cmm"], "DELETE FROM remix.history")
    # A technician sees only their own assignments.
    assert run(conn["mario"], "SELECT login, istat FROM remix.login_comuni") == [(names["mario"], MILANO)]


def test_a_stale_update_is_refused_with_who_changed_the_row_and_when(central_db, people):
    names, conn = people
    project = run(conn["mario"], PROJECT, ("Milano", MILANO))[0][0]
    other = central_db.login(names["mario"])  # the same technician on a second PC
    try:
        version = run(conn["mario"], "SELECT versione FROM remix.progetti WHERE uuid = %s", (project,))[0][0]
        assert run(other, "SELECT versione FROM remix.progetti WHERE uuid = %s", (project,)) == [(version,)]
        # Both edit from version 1; each UPDATE states it (as QGIS does with -abs("versione")).
        assert (
            run(
                conn["mario"],
                "UPDATE remix.progetti SET titolo = 'primo', versione = %s WHERE uuid = %s",
                (-version, project),
            )
            == 1
        )
        with pytest.raises(psycopg2.Error) as stale:
            run(
                other,
                "UPDATE remix.progetti SET titolo = 'secondo', versione = %s WHERE uuid = %s",
                (-version, project),
            )
        assert stale.value.pgcode == ddl.SQLSTATE_STALE
        assert f"è stato modificato da {names['mario']} il " in stale.value.pgerror
        assert "(versione 2) dopo che lo hai letto (versione 1)" in stale.value.pgerror
        assert run(other, "SELECT titolo, versione FROM remix.progetti WHERE uuid = %s", (project,)) == [
            ("primo", 2)
        ]
        # Reloaded, the second edit goes through.
        assert (
            run(
                other,
                "UPDATE remix.progetti SET titolo = 'secondo', versione = -2 WHERE uuid = %s",
                (project,),
            )
            == 1
        )
        # Two UPDATEs of one row in one transaction (attributes, then geometry) are one edit.
        with other, other.cursor() as cursor:
            cursor.execute("UPDATE remix.progetti SET note = 'a' WHERE uuid = %s", (project,))
            cursor.execute(
                "UPDATE remix.progetti SET titolo = 'terzo', versione = -3 WHERE uuid = %s", (project,)
            )
        assert run(other, "SELECT titolo, versione FROM remix.progetti WHERE uuid = %s", (project,)) == [
            ("terzo", 5)
        ]
    finally:
        other.close()


def test_concurrent_commits_of_the_same_row_the_second_is_refused(central_db, people):
    """Two connections update the same row at the same time: the second waits for the first's
    row lock, then its trigger sees the committed row and refuses (READ COMMITTED re-check)."""
    names, conn = people
    project = run(conn["mario"], PROJECT, ("Milano", MILANO))[0][0]
    second = central_db.login(names["mario"])
    outcome = {}
    try:
        first = conn["mario"]
        with first.cursor() as cursor:  # transaction open, row locked
            cursor.execute(
                "UPDATE remix.progetti SET titolo = 'primo', versione = -1 WHERE uuid = %s", (project,)
            )

            def second_edit():
                try:
                    run(
                        second,
                        "UPDATE remix.progetti SET titolo = 'secondo', versione = -1 WHERE uuid = %s",
                        (project,),
                    )
                    outcome["result"] = "accepted"
                except psycopg2.Error as exc:
                    outcome["result"] = exc.pgcode

            worker = threading.Thread(target=second_edit)
            worker.start()
            time.sleep(1.0)
            assert worker.is_alive(), "the second update must wait for the first one's row lock"
        first.commit()
        worker.join(30)
        assert outcome["result"] == ddl.SQLSTATE_STALE
        assert central_db.query("SELECT titolo FROM remix.progetti WHERE uuid = %s", (project,)) == [
            ("primo",)
        ]
    finally:
        second.close()


def test_grant_checks_its_input_and_replaces_the_comuni(central_db, people):
    names, conn = people
    with pytest.raises(CentralError) as unknown:
        grant_login(central_db.dsn(), names["mario"], "comune", ["999999"])
    assert unknown.value.code == "unknown_comune" and "999999" in unknown.value.message_it
    with pytest.raises(CentralError) as missing:
        grant_login(central_db.dsn(), "nessuno_cosi", "reader")
    assert missing.value.code == "no_login"
    with pytest.raises(CentralError):
        grant_login(central_db.dsn(), names["mario"], "comune", [])
    grant_login(central_db.dsn(), names["mario"], "comune", [ABBIATEGRASSO, "015002"])
    assert central_db.query("SELECT istat FROM remix.login_comuni WHERE login = %s", (names["mario"],)) == [
        (ABBIATEGRASSO,)
    ]
    fresh = central_db.login(names["mario"])
    try:
        assert run(fresh, PROJECT, ("ora Abbiategrasso", ABBIATEGRASSO))
        with pytest.raises(psycopg2.Error):
            run(fresh, PROJECT, ("Milano non più", MILANO))
    finally:
        fresh.close()
    grant_login(central_db.dsn(), names["mario"], "reader")
    roles = central_db.query(
        "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s",
        (names["mario"],),
    )
    assert roles == [(ddl.READER_ROLE,)]
