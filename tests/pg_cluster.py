"""The throw-away PostgreSQL + PostGIS cluster of scripts/pg_cluster.sh, as a pytest fixture.

One cluster per test session, in its own temporary folder and on a free loopback port; destroyed
at the end. The central-database tests run on the host only: the newest-LTR chroot tests QGIS,
and the database does not depend on the QGIS version."""
import os
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "pg_cluster.sh"

host_only = pytest.mark.skipif(
    os.environ.get("REMIX_QGIS_RUNTIME", "").startswith("chroot:"),
    reason="the central-database tests run on the host (the chroot tests the newest QGIS)")


@dataclass(frozen=True)
class Cluster:
    folder: Path
    port: int
    socket_dir: Path
    admin: str = "remix_admin"

    def env(self):
        return {**os.environ, "PGHOST": str(self.socket_dir), "PGPORT": str(self.port),
                "PGUSER": self.admin}

    def psql(self, sql, database="postgres", check=True):
        out = subprocess.run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                             env=self.env(), capture_output=True, text=True, check=False)
        if check and out.returncode != 0:
            raise AssertionError(f"psql failed ({out.returncode}): {out.stderr}")
        return out

    def dsn(self, database="postgres", user=None, password=None, tcp=False):
        parts = [f"dbname={database}", f"port={self.port}", f"user={user or self.admin}"]
        parts.append("host=127.0.0.1" if tcp else f"host={self.socket_dir}")
        if password is not None:
            parts.append(f"password={password}")
        return " ".join(parts)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cluster_folder():
    """A new folder straight under /tmp: as root the cluster runs as "postgres", which cannot
    enter pytest's private (0700) temporary folders."""
    return Path(tempfile.mkdtemp(prefix="remix-pg-"))


def _script(action, folder, port):
    return subprocess.run(["bash", str(SCRIPT), action, str(folder)],
                          env={**os.environ, "REMIX_PG_PORT": str(port)},
                          capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="session")
def pg_cluster():
    folder = cluster_folder()
    port = free_port()
    started = _script("start", folder, port)
    assert started.returncode == 0, f"the test cluster did not start:\n{started.stderr}"
    try:
        yield Cluster(folder=folder, port=port, socket_dir=folder / "socket")
    finally:
        _script("destroy", folder, port)
