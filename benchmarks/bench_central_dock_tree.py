#!/usr/bin/env python3
"""The dock tree filled from the central database (PostGIS) against the same data in a GeoPackage,
in the same run: 5,000 projects, 20,000 lavori, 5,000 azioni, 2,000 criticità (the data of
bench_dock_tree.py). The GeoPackage is the anchor; the figures are ratios PostGIS / GeoPackage.

A throw-away cluster (scripts/pg_cluster.sh, own folder and port) holds the database: `db init`,
the rows copied from the GeoPackage, the project stored by qgis_project.central_storage and read
back through a pg_service.conf service, as "Connetti al database RE.MIX…" does.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 benchmarks/bench_central_dock_tree.py \
        [--projects N] [--lavori N]
"""

from __future__ import annotations

import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from bench_dock_tree import pump, shown_dock, size_args  # noqa: E402 (after sys.path: the same dock and data)

SCRIPT = ROOT / "scripts" / "pg_cluster.sh"
ADMIN = "remix_admin"  # the cluster's superuser (scripts/pg_cluster.sh)

# (table, columns copied from the GeoPackage, geometry?)
COPIED = (
    ("programmi", ("uuid", "titolo"), False),
    ("progetti", ("uuid", "titolo", "programma_uuid", "comune_istat", "ambito_opportunita",
                  "scala_impatto", "stato_progetto"), False),
    ("lavori", ("uuid", "titolo", "progetto_uuid", "comune_istat"), True),
    ("azioni", ("uuid", "titolo", "progetto_uuid"), False),
    ("criticita", ("uuid", "titolo", "progetto_uuid"), False),
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cluster(action, folder, port):
    out = subprocess.run(["bash", str(SCRIPT), action, str(folder)],
                         env={**os.environ, "REMIX_PG_PORT": str(port)},
                         capture_output=True, text=True, timeout=300, check=False)
    if out.returncode != 0 and action == "start":
        raise SystemExit(f"the benchmark cluster did not start:\n{out.stderr}")


def load_database(dsn, gpkg):
    """The GeoPackage's rows into the central schema, triggers off (session_replication_role):
    the benchmark measures reading, not the triggers (docs/central-database.md measures those)."""
    import psycopg2

    source = sqlite3.connect(str(gpkg))
    connection = psycopg2.connect(dsn)
    with connection, connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for table, columns, geometry in COPIED:
            names = list(columns) + (["geom"] if geometry else [])
            select = ", ".join(f'"{c}"' for c in columns)
            if geometry:
                select += ", geom"
            rows = source.execute(f'SELECT {select} FROM "{table}"').fetchall()  # noqa: S608 (fixed names)
            values = ", ".join(["%s"] * len(columns))
            if geometry:
                values += ", ST_Multi(ST_SetSRID(ST_GeomFromWKB(%s), 32632))"
                rows = [row[:-1] + (psycopg2.Binary(gpkg_wkb(row[-1])),) for row in rows]
            column_list = ", ".join(f'"{c}"' for c in names)
            cursor.executemany(f'INSERT INTO remix."{table}" ({column_list}) VALUES ({values})', rows)
    connection.close()
    source.close()


def gpkg_wkb(blob):
    """The WKB inside a GeoPackage geometry blob (header: magic, flags, srid, envelope)."""
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    return bytes(blob[8 + envelope:])


def measure(dock, open_store, repeat=3):
    """(first fill: open the stored project + set the dock, median rebuild, median TreeData.read)."""
    from qgis.core import QgsProject

    from remix_plugin.gui.project_tree import TreeData

    start = time.perf_counter()
    label = open_store()
    opened = time.perf_counter() - start
    start = time.perf_counter()
    assert dock.set_geopackage(label), label
    fill = time.perf_counter() - start
    pump(0.1)
    rebuilds, reads = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        dock.rebuild(full=True)
        rebuilds.append(time.perf_counter() - start)
        start = time.perf_counter()
        TreeData.read(dock.layers)
        reads.append(time.perf_counter() - start)
        pump(0.02)
    projects = len(dock.data.projects)
    dock.show_empty()
    dock._reset()
    QgsProject.instance().clear()
    pump(0.1)
    return {"open": opened, "fill": fill, "rebuild": statistics.median(rebuilds),
            "read": statistics.median(reads), "projects": projects}


def main(argv=None):
    args = size_args(argv, __doc__)

    from bench_dock_tree import build

    folder = Path(tempfile.mkdtemp(prefix="bench_central_"))
    gpkg = folder / "bench.gpkg"
    pg_folder = Path(tempfile.mkdtemp(prefix="remix-pg-bench-"))
    port = free_port()
    cluster("start", pg_folder, port)
    try:
        return run(args, folder, gpkg, pg_folder, port, build)
    finally:
        cluster("destroy", pg_folder, port)


def run(args, folder, gpkg, pg_folder, port, build):
    from qgis.core import QgsApplication, QgsProject

    start = time.perf_counter()
    build(gpkg, args.projects, args.lavori)
    print(f"data: {args.projects} projects, {args.lavori} lavori, 5000 azioni, 2000 criticità "
          f"(GeoPackage written in {time.perf_counter() - start:.1f} s)")
    socket_dir = pg_folder / "socket"
    services = folder / "pg_service.conf"
    services.write_text(f"[remix_bench]\nhost={socket_dir}\nport={port}\ndbname=remix_bench\nuser={ADMIN}\n",
                        encoding="utf-8")
    os.environ["PGSERVICEFILE"] = str(services)
    admin_dsn = f"host={socket_dir} port={port} user={ADMIN} dbname=postgres"
    subprocess.run(["psql", "-X", "-q", "-d", admin_dsn, "-c",
                    "CREATE DATABASE remix_bench TEMPLATE template0"], check=True, capture_output=True)

    app = QgsApplication([], True)
    app.initQgis()
    from remix_plugin.central.database import init_database
    from remix_plugin.layers.model import SCHEMA_VERSION
    from remix_plugin.qgis_project.central_storage import (
        ensure_projects_table,
        open_database_project,
        store_database_project,
    )
    from remix_plugin.qgis_project.storage import open_project
    from remix_plugin.qgis_project.stores import PostgresStore

    start = time.perf_counter()
    init_database("service=remix_bench")
    load_database("service=remix_bench", gpkg)
    ensure_projects_table("service=remix_bench")
    store = PostgresStore(service="remix_bench")
    store_database_project(store, SCHEMA_VERSION, "it")
    print(f"central database: db init + rows copied + project stored in {time.perf_counter() - start:.1f} s")

    dock, canvas = shown_dock()

    def open_gpkg():
        assert open_project(gpkg, QgsProject.instance())
        return str(gpkg)

    def open_central():
        assert open_database_project(store, QgsProject.instance())
        return store.label

    rounds = {"GeoPackage": [], "PostGIS": []}
    for _round in range(2):  # alternated, so neither side has the warm caches alone
        rounds["GeoPackage"].append(measure(dock, open_gpkg))
        rounds["PostGIS"].append(measure(dock, open_central))
    best = {side: {key: min(r[key] for r in results) for key in results[0]}
            for side, results in rounds.items()}
    assert best["GeoPackage"]["projects"] == best["PostGIS"]["projects"] == args.projects

    print(f"{'best of 2 rounds, ms':44s} {'GeoPackage':>11s} {'PostGIS':>9s} {'ratio':>7s}")
    labels = {"open": "open the stored project (QgsProject.read)",
              "fill": "first fill (set_geopackage: read + model)",
              "rebuild": "tree refill (rebuild, median of 3)",
              "read": "read the layers (TreeData.read, median)"}
    for key, label in labels.items():
        gp, pg = best["GeoPackage"][key], best["PostGIS"][key]
        print(f"{label:44s} {gp * 1000:11.0f} {pg * 1000:9.0f} {pg / gp:7.2f}")
    total_gp = best["GeoPackage"]["open"] + best["GeoPackage"]["fill"]
    total_pg = best["PostGIS"]["open"] + best["PostGIS"]["fill"]
    print(f"{'connect to tree shown (open + first fill)':44s} {total_gp * 1000:11.0f} {total_pg * 1000:9.0f} "
          f"{total_pg / total_gp:7.2f}")
    dock.teardown()
    dock.deleteLater()
    QgsProject.instance().clear()
    del canvas
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
