"""Fixtures of the central-database tests (no tests here): a fresh database per test, created
from template0 in the session's throw-away cluster, and real password logins over TCP."""

import subprocess
import sys
import uuid
from dataclasses import dataclass

import pytest

from tests.pg_cluster import ROOT

psycopg2 = pytest.importorskip("psycopg2", reason="python3-psycopg2 comes with scripts/setup.sh")

PASSWORD = "prova-123"


@dataclass
class CentralDb:
    cluster: object
    name: str

    def dsn(self, user=None, password=None, tcp=False):
        return self.cluster.dsn(self.name, user=user, password=password, tcp=tcp)

    def admin(self):
        connection = psycopg2.connect(self.dsn())
        connection.autocommit = True
        return connection

    def login(self, user):
        """A connection of ``user`` with its password over TCP (what QGIS does)."""
        return psycopg2.connect(self.dsn(user=user, password=PASSWORD, tcp=True))

    def query(self, text, params=None):
        with self.admin() as connection, connection.cursor() as cursor:
            cursor.execute(text, params)
            return cursor.fetchall() if cursor.description else cursor.rowcount


def run_cli(*args, module="remix_plugin"):
    """``python -m remix_plugin db …`` (the user's command) in a subprocess: exit code, stdout,
    stderr. ``module="remix_plugin.central.cli"`` runs the db commands' own entry point."""
    out = subprocess.run(
        [sys.executable, "-m", module, "db", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return out.returncode, out.stdout, out.stderr


def new_login(db, prefix):
    """A login role unique to this test (roles are cluster-wide), with the test password."""
    name = f"{prefix}_{uuid.uuid4().hex[:6]}"
    db.cluster.psql(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}'")
    return name


@pytest.fixture
def empty_db(pg_cluster):
    name = "t_" + uuid.uuid4().hex[:10]
    pg_cluster.psql(f"CREATE DATABASE {name} TEMPLATE template0")
    try:
        yield CentralDb(pg_cluster, name)
    finally:
        pg_cluster.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", check=False)


@pytest.fixture
def central_db(empty_db):
    from remix_plugin.central.database import init_database

    init_database(empty_db.dsn())
    return empty_db
