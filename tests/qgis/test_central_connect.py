# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""The "Connetti al database RE.MIX…" dialog and its checks, against the throw-away cluster: saved
connections and pg_service.conf services listed, a wrong password / a server not answering / no
schema / a newer schema / no stored project each refused in one sentence, the refusals table on
real server errors; screenshots at 1366×768 and 1920×1080 in tests/artifacts/central/."""

import sys
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QPoint, Qt
from qgis.PyQt.QtGui import QPainter
from qgis.PyQt.QtWidgets import QApplication, QLabel, QMainWindow

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_central_support import PASSWORD, central_db, empty_db, new_login, psycopg2  # noqa: E402,F401

from remix_plugin.central.database import grant_login  # noqa: E402
from tests.pg_cluster import free_port, host_only  # noqa: E402

pytestmark = host_only
SIZES = ((1366, 768), (1920, 1080))
ABBIATEGRASSO = "015002"


@pytest.fixture
def service_file(tmp_path, monkeypatch):
    def write(entries):
        lines = []
        for name, values in entries.items():
            lines.append(f"[{name}]")
            lines += [f"{k}={v}" for k, v in values.items()]
            lines.append("")
        path = tmp_path / "pg_service.conf"
        path.write_text("\n".join(lines), encoding="utf-8")
        monkeypatch.setenv("PGSERVICEFILE", str(path))
        return path
    return write


def tcp(db, user, password=PASSWORD):
    return {"host": "127.0.0.1", "port": db.cluster.port, "dbname": db.name, "user": user,
            "password": password}


def test_the_checks_say_why_a_database_cannot_be_opened(central_db, service_file):
    from remix_plugin.gui.central_connect import check_database

    login = new_login(central_db, "tecnico")
    grant_login(central_db.dsn(), login, "comune", [ABBIATEGRASSO])
    service_file({"giusto": tcp(central_db, login), "sbagliato": tcp(central_db, login, "non-questa")})
    wrong = check_database("service=sbagliato", language="it")
    assert wrong.startswith(f"Password errata per l'utente {login}"), wrong
    assert "FATAL" not in wrong
    english = check_database("service=sbagliato", language="en")
    assert english.startswith(f"Wrong password for the user {login}")
    silent = check_database(f"host=127.0.0.1 port={free_port()} dbname=x user=y connect_timeout=3",
                            language="it")
    assert silent.startswith("Il server del database non risponde"), silent
    cluster = central_db.cluster
    missing = check_database(cluster.dsn("nessuno_" + central_db.name), language="it")
    assert missing == f"Il database nessuno_{central_db.name} non esiste su questo server.", missing
    bare_name = "vuoto_" + central_db.name
    cluster.psql(f"CREATE DATABASE {bare_name} TEMPLATE template0")
    try:
        bare = check_database(cluster.dsn(bare_name), language="it")
    finally:
        cluster.psql(f"DROP DATABASE IF EXISTS {bare_name} WITH (FORCE)", check=False)
    assert bare.startswith(f"Il database {bare_name} non contiene lo schema RE.MIX"), bare
    no_project = check_database("service=giusto", language="it")
    assert no_project.startswith(f"Il database {central_db.name} non contiene il progetto QGIS RE.MIX")
    central_db.query("UPDATE remix.remix_metadata SET value = '99' WHERE key = 'schema_version'")
    newer = check_database("service=giusto", language="it")
    assert "versione più recente del plugin RE.MIX (schema 99" in newer, newer


def test_the_refusals_table_reads_real_server_errors(central_db):
    from remix_plugin.central import ddl
    from remix_plugin.central.refusals import explain_psycopg2

    login = new_login(central_db, "tecnico")
    reader = new_login(central_db, "lettore")
    grant_login(central_db.dsn(), login, "comune", ["015146"])
    grant_login(central_db.dsn(), reader, "reader")
    uuid = central_db.query(
        "INSERT INTO remix.progetti (titolo, comune_istat, ambito_opportunita, scala_impatto, "
        "livello_progettuale, stato_progetto) VALUES ('P', %s, '[\"sociale\"]', 'comunale', 'comunale', "
        "'concluso') RETURNING uuid::text", (ABBIATEGRASSO,))[0][0]

    def refused(user, statement, params=()):
        connection = central_db.login(user)
        try:
            with pytest.raises(psycopg2.Error) as caught, connection, connection.cursor() as cursor:
                cursor.execute(statement, params)
            return caught.value
        finally:
            connection.close()

    rights = explain_psycopg2(refused(login, "UPDATE remix.progetti SET titolo = 'x' WHERE uuid = %s",
                                      (uuid,)))
    assert rights.kind == "rights"
    assert rights.message_it.startswith(f"Salvataggio rifiutato: Il comune {ABBIATEGRASSO} (Abbiategrasso) "
                                        f"non è tra quelli assegnati a {login}: modifica rifiutata.")
    assert rights.message_en.startswith(f"Save refused: The municipality {ABBIATEGRASSO} is not assigned")
    read_only = explain_psycopg2(refused(reader, "UPDATE remix.progetti SET titolo = 'x'"))
    assert read_only.kind == "read_only" and "sola lettura per progetti" in read_only.message_it
    own = central_db.query(
        "INSERT INTO remix.progetti (titolo, comune_istat, ambito_opportunita, scala_impatto, "
        "livello_progettuale, stato_progetto) VALUES ('M', '015146', '[\"sociale\"]', 'comunale', "
        "'comunale', 'concluso') RETURNING uuid::text")[0][0]
    stale = explain_psycopg2(refused(login, "UPDATE remix.progetti SET titolo = 'y', versione = -7 "
                                            "WHERE uuid = %s", (own,)))
    assert stale.kind == "stale"
    assert stale.message_it.startswith(f"Salvataggio rifiutato: {central_db.cluster.admin} ha modificato "
                                       "questo elemento di progetti il ")
    assert "(versione 1) dopo che lo hai letto (versione 7)" in stale.message_it
    code = explain_psycopg2(refused(login,
                                    "INSERT INTO remix.progetti (titolo, comune_istat, stato_progetto) "
                                    "VALUES ('Q', '015146', 'inventato')"))
    assert code.kind == "code" and "inventato" in code.message_it and "stato_progetto" in code.message_it
    assert ddl.SQLSTATE_BAD_CODE == "23503"


def _screenshot(dialog, width, height, path):
    """The dialog centred on a window of the screen's size (a stand-in for QGIS's main window)."""
    window = QMainWindow()
    window.setWindowTitle("QGIS")
    placeholder = QLabel("mappa")
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    placeholder.setStyleSheet("background: #e8eef2; color: #889;")
    window.setCentralWidget(placeholder)
    window.resize(width, height)
    window.show()
    dialog.resize(min(640, width - 80), min(420, height - 120))
    dialog.show()
    for _ in range(5):
        QApplication.processEvents()
    image = window.grab().toImage()
    painter = QPainter(image)
    shot = dialog.grab()
    painter.drawPixmap(QPoint((width - shot.width()) // 2, (height - shot.height()) // 2), shot)
    painter.end()
    assert image.save(str(path))
    assert path.stat().st_size > 10000
    window.close()
    return image, shot


def test_connect_dialog_lists_connections_and_services_and_shows_the_refusal(
        qgis_app, central_db, service_file, artifacts_dir):
    from remix_plugin.gui.central_connect import Choice, ConnectDialog, choices
    from remix_plugin.qgis_project.stores import PostgresStore

    login = new_login(central_db, "tecnico")
    service_file({"remix_milano": tcp(central_db, login, "non-questa"),
                  "remix_cmm": tcp(central_db, login)})
    listed = choices()
    services = [c.label for c in listed if c.kind == "service"]
    assert services == ["remix_cmm", "remix_milano"]
    saved = Choice("CMM centrale", "connection",
                   PostgresStore(host="db.cittametropolitana.mi.it", port="5432", dbname="remix",
                                 authcfg="cmm0001"), "host=127.0.0.1 port=1 dbname=x")
    folder = artifacts_dir / "central"
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        dialog = ConnectDialog(available=[saved, *listed])
        assert dialog.list.count() == 3
        assert dialog.list.item(0).text().startswith("CMM centrale")
        assert "authcfg=cmm0001" in dialog.list.item(0).toolTip()
        assert "password" not in dialog.list.item(0).toolTip()
        dialog.list.setCurrentRow(2)  # remix_milano: a wrong password
        dialog.try_connect()
        assert dialog.result() != dialog.DialogCode.Accepted and dialog.chosen is None
        shown = dialog.status.text()
        assert shown.startswith((f"Password errata per l'utente {login}",
                                 f"Wrong password for the user {login}"))
        _image, shot = _screenshot(dialog, width, height, folder / f"connect_dialog_{width}x{height}.png")
        assert shot.width() <= width and shot.height() <= height
        assert dialog.status.isVisible() and dialog.status.height() >= dialog.status.heightForWidth(
            dialog.status.width()) - 2, "the whole sentence is visible"
        dialog.close()
        dialog.deleteLater()
