#!/usr/bin/env python3
"""Validation of the central database (PostGIS) against the same data in a GeoPackage, same run.

    /usr/bin/python3 benchmarks/bench_central_validation.py [--lavori 100000] [--invalid-per-100k 300]

The GeoPackage is bench_validation.py's (parcel-like lavori of about 25 vertices inside the comuni
of CMM, 50 per project, a few hundred invalid); ``copy_geopackage`` copies every model table into a
fresh ``db init`` database of a throw-away cluster (scripts/pg_cluster.sh, own folder and free
port, destroyed at the end), triggers off, so both stores hold the same rows. Then
``validate_source`` runs with the strict profile on each (the GeoPackage is the anchor). Prints
both times, the ratio PostGIS / GeoPackage and whether the findings are the same.
"""

import argparse
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (ROOT, ROOT / "benchmarks"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))
SCRIPT = ROOT / "scripts" / "pg_cluster.sh"
ADMIN = "remix_admin"  # the cluster's superuser (scripts/pg_cluster.sh)
PAGE = 1000

# model kind -> the cast of a GeoPackage value into its PostgreSQL column (see central/ddl.py PG_TYPES)
CASTS = {"boolean": "%s::integer::boolean", "date": "%s::date", "datetime": "%s::timestamptz",
         "codes": "%s::jsonb"}


def copy_geopackage(dsn, gpkg, tables=None):
    """Every row of the model tables of ``gpkg`` into schema ``remix`` at ``dsn`` (a ``db init``
    database), with ``session_replication_role = replica`` (a superuser's session): no trigger
    and no foreign-key check runs, so the database holds exactly the file's values (audit fields,
    derived comune and area, broken links, unknown codes). The comuni are not copied (``db init``
    loaded the same shipped data). Also used by tests/unit/test_central_validate.py."""
    import psycopg2
    import psycopg2.extras

    from remix_plugin.central import ddl
    from remix_plugin.layers.model import COMUNI_TABLE, GEOMETRY_COLUMN, load_model
    from remix_plugin.validation.readers import parse_blob

    model = load_model()
    source = sqlite3.connect(str(gpkg))
    connection = psycopg2.connect(dsn)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("SELECT ST_SRID(geom) FROM remix.comuni LIMIT 1")
            srid = cursor.fetchone()[0]
            for table in model.tables:
                if table.name == COMUNI_TABLE or (tables and table.name not in tables):
                    continue
                present = {r[1] for r in source.execute("SELECT * FROM pragma_table_info(?)", (table.name,))}
                fields = [f for f in table.fields if f.name in present]
                names = [f.name for f in fields]
                casts = [CASTS.get(f.kind, "%s") for f in fields]
                if table.geometry and GEOMETRY_COLUMN in present:
                    names.append(GEOMETRY_COLUMN)
                    casts.append(f"ST_SetSRID(ST_GeomFromWKB(%s), {int(srid)})")
                quoted = ", ".join(f'"{n}"' for n in names)
                rows = source.execute(f'SELECT {quoted} FROM "{table.name}" ORDER BY fid')  # noqa: S608
                insert = f'INSERT INTO {ddl.SCHEMA}."{table.name}" ({quoted}) VALUES %s'  # noqa: S608
                template = "(" + ", ".join(casts) + ")"
                while True:
                    batch = rows.fetchmany(PAGE)
                    if not batch:
                        break
                    if GEOMETRY_COLUMN in names:
                        batch = [r[:-1] + (None if r[-1] is None else psycopg2.Binary(parse_blob(r[-1]).wkb),)
                                 for r in batch]
                    psycopg2.extras.execute_values(cursor, insert, batch, template=template, page_size=PAGE)
            cursor.execute("SET session_replication_role = DEFAULT")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    finally:
        connection.close()
        source.close()


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


def findings_of(report):
    return sorted((f.code, f.layer, f.feature_uuid or "", f.field or "") for f in report.findings)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lavori", type=int, default=100000)
    parser.add_argument("--invalid-per-100k", type=int, default=300)
    args = parser.parse_args(argv)

    from bench_validation import generate

    from remix_plugin.central.database import init_database
    from remix_plugin.central.validation_source import DatabaseSource
    from remix_plugin.validation.engine import validate_source
    from remix_plugin.validation.source import FileSource

    work = Path(tempfile.mkdtemp(prefix="bench_central_validation_"))
    folder = Path(tempfile.mkdtemp(prefix="remix-pg-"))  # straight under /tmp (see tests/pg_cluster.py)
    port = free_port()
    gpkg = work / "lavori.gpkg"
    try:
        start = time.perf_counter()
        generate(gpkg, args.lavori, max(1, args.lavori * args.invalid_per_100k // 100000))
        print(f"GeoPackage of {args.lavori} lavori built in {time.perf_counter() - start:.1f} s")
        cluster("start", folder, port)
        admin_dsn = f"host={folder / 'socket'} port={port} user={ADMIN} dbname=postgres"
        subprocess.run(["psql", "-X", "-q", "-d", admin_dsn, "-c",
                        "CREATE DATABASE bench TEMPLATE template0"], check=True, capture_output=True)
        dsn = admin_dsn.replace("dbname=postgres", "dbname=bench")
        start = time.perf_counter()
        init_database(dsn)
        copy_geopackage(dsn, gpkg)
        print(f"database initialised and loaded in {time.perf_counter() - start:.1f} s")
        timings, reports = {}, {}
        for label, source in (("GeoPackage", FileSource(gpkg)), ("PostGIS", DatabaseSource(dsn))):
            start = time.perf_counter()
            reports[label] = validate_source(source, profile="strict")
            timings[label] = time.perf_counter() - start
            print(f"{label:10s} validate: {timings[label]:7.2f} s, {len(reports[label].findings)} findings")
        start = time.perf_counter()
        DatabaseSource(dsn).open().close()
        print(f"           of which the snapshot copy into temporary tables (open): "
              f"{time.perf_counter() - start:.2f} s")
        ratio = timings["PostGIS"] / timings["GeoPackage"]
        same = findings_of(reports["GeoPackage"]) == findings_of(reports["PostGIS"])
        print(f"ratio PostGIS / GeoPackage: {ratio:.2f} (same findings: {'yes' if same else 'NO'})")
        return 0 if same else 1
    finally:
        cluster("destroy", folder, port)
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
