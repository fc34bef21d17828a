"""The project starts and stops its own PostgreSQL + PostGIS (issue 14's set-up): own data
directory, loopback port, passwords on TCP; never the machine's default cluster."""
import subprocess

import pytest

from tests.pg_cluster import SCRIPT, _script, cluster_folder, free_port, host_only

pytestmark = host_only

psycopg2 = pytest.importorskip("psycopg2", reason="python3-psycopg2 comes with scripts/setup.sh")


def test_the_cluster_has_postgis_and_listens_only_where_we_said(pg_cluster):
    assert pg_cluster.port != 5432
    pg_cluster.psql("CREATE EXTENSION IF NOT EXISTS postgis")
    version = pg_cluster.psql("SELECT postgis_lib_version()")
    major = int(version.stdout.strip().split(".")[0])
    assert major >= 3
    listen = pg_cluster.psql("SHOW listen_addresses").stdout.strip()
    assert listen == "127.0.0.1"
    data_dir = pg_cluster.psql("SHOW data_directory").stdout.strip()
    assert data_dir.startswith(str(pg_cluster.folder)), data_dir


def test_a_tcp_login_needs_its_password(pg_cluster):
    pg_cluster.psql("DROP ROLE IF EXISTS remix_probe; CREATE ROLE remix_probe LOGIN PASSWORD 'giusta'")
    with psycopg2.connect(pg_cluster.dsn(user="remix_probe", password="giusta", tcp=True)) as con:
        with con.cursor() as cur:
            cur.execute("SELECT current_user")
            assert cur.fetchone() == ("remix_probe",)
    with pytest.raises(psycopg2.OperationalError, match="password authentication failed"):
        psycopg2.connect(pg_cluster.dsn(user="remix_probe", password="sbagliata", tcp=True))


def test_stop_and_destroy_leave_nothing_running():
    tmp_path = cluster_folder()
    port = free_port()
    assert _script("start", tmp_path, port).returncode == 0
    assert _script("status", tmp_path, port).returncode == 0
    assert _script("destroy", tmp_path, port).returncode == 0
    assert _script("status", tmp_path, port).returncode != 0
    assert not tmp_path.exists()
    procs = subprocess.run(["pgrep", "-f", f"postgres.*{tmp_path}"], capture_output=True, text=True)
    assert procs.stdout.strip() == ""


def test_an_unknown_action_is_a_usage_error():
    out = subprocess.run(["bash", str(SCRIPT), "frobnicate"], capture_output=True, text=True)
    assert out.returncode == 2 and "usage" in out.stderr
