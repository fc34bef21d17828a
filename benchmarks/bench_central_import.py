#!/usr/bin/env python3
"""Import of comuni bundles into the central database against ``ogr2ogr -f PostgreSQL`` loading the
same tables from the same bundles, same run (issue 14; target: import ≤ 1.5 × ogr2ogr).

    /usr/bin/python3 benchmarks/bench_central_import.py [--comuni 133] [--projects 50]

One generated RE.MIX GeoPackage (remix_plugin/demo/build.py: the six catalogue cards cycled, each
project with its lavori, azioni, criticità, phases, actors, measures) with ``--projects`` projects
in each of ``--comuni`` comuni, exported as one bundle per comune (``export-bundle --comune``).
A throw-away cluster (scripts/pg_cluster.sh, own folder, free port, destroyed at the end), a fresh
``db init`` database; then, timed:

- RE.MIX: ``central.bundle_import.import_bundle`` of every bundle in turn (check of the bundle,
  plan, one transaction each, every trigger firing: rights, codes, audit, derived comune/area,
  history), as the administrator;
- anchor: ``ogr2ogr -f PostgreSQL -append`` of the same data and code-link tables of every bundle, one process
  per bundle, into a PostGIS database ``anchor`` of the same cluster (COPY, no triggers, no checks).

Prints both times, the rows loaded by each and the ratio RE.MIX / ogr2ogr.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SCRIPT = ROOT / "scripts" / "pg_cluster.sh"
ADMIN = "remix_admin"
ANCHOR_DATABASE = "anchor"
# ogr2ogr keeps the GeoPackage's UNIQUE on uuid: the shared rows every bundle repeats would stop the
# append, so the anchor drops those constraints after the first bundle (it then holds duplicates
# where import-bundle merges by uuid).
DROP_UNIQUE = (
    "DO $$DECLARE r record; BEGIN FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint "
    "WHERE contype = 'u' AND connamespace = 'public'::regnamespace LOOP "
    "EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname); END LOOP; END$$"
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cluster(action, folder, port):
    out = subprocess.run(
        ["bash", str(SCRIPT), action, str(folder)],
        env={**os.environ, "REMIX_PG_PORT": str(port)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if action == "start" and out.returncode != 0:
        raise SystemExit(f"cluster did not start: {out.stderr}")


def build_source(path, n_comuni, n_projects):
    """The generated GeoPackage and the ISTAT codes of its comuni."""
    from remix_plugin.demo import build

    chosen = []

    def fill(dataset):
        codes = sorted(build._read_comuni(dataset))[:n_comuni]
        chosen.extend(codes)
        projects = build.generated_projects(n_comuni * n_projects, codes)
        return build._write_catalogue(dataset, projects, (), build.catalogue.INDICATORI)

    build._build(path, False, fill)
    return chosen


def export_bundles(gpkg, codes, folder):
    from remix_plugin.export.writer import Selection, export_bundle

    bundles = []
    for code in codes:
        bundle = folder / f"REMIX_{code}.gpkg"
        export_bundle(gpkg, bundle, selection=Selection(comune=code), producer=code, profile="draft")
        bundles.append(bundle)
    return bundles


def count_rows(dsn, schema, tables):
    import psycopg2

    connection = psycopg2.connect(dsn)
    try:
        with connection.cursor() as cursor:
            total = 0
            for table in tables:
                cursor.execute("SELECT to_regclass(%s)", (f'{schema}."{table}"',))
                if cursor.fetchone()[0] is None:
                    continue
                cursor.execute(f'SELECT count(*) FROM {schema}."{table}"')  # noqa: S608
                total += cursor.fetchone()[0]
            return total
    finally:
        connection.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comuni", type=int, default=133)
    parser.add_argument("--projects", type=int, default=50)
    args = parser.parse_args(argv)

    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.central.database import init_database
    from remix_plugin.export.spec import load_spec

    spec = load_spec()
    tables = [t.name for t in spec.tables]
    layers = tables + [link.name for t in spec.tables for link in spec.link_tables_of(t.name)]
    work = Path(tempfile.mkdtemp(prefix="bench_central_import_"))
    folder = Path(tempfile.mkdtemp(prefix="remix-pg-"))  # straight under /tmp (see tests/pg_cluster.py)
    port = free_port()
    try:
        start = time.perf_counter()
        gpkg = work / "source.gpkg"
        codes = build_source(gpkg, args.comuni, args.projects)
        bundles = export_bundles(gpkg, codes, work)
        print(f"{len(bundles)} bundles of {args.projects} projects built in "
              f"{time.perf_counter() - start:.1f} s")
        cluster("start", folder, port)
        admin = f"host={folder / 'socket'} port={port} user={ADMIN}"
        subprocess.run(["psql", "-X", "-q", "-d", admin + " dbname=postgres", "-c",
                        "CREATE DATABASE bench TEMPLATE template0"], check=True, capture_output=True)
        dsn = admin + " dbname=bench"
        init_database(dsn)
        subprocess.run(["psql", "-X", "-q", "-d", admin + " dbname=postgres", "-c",
                        f"CREATE DATABASE {ANCHOR_DATABASE} TEMPLATE template0"],
                       check=True, capture_output=True)
        anchor = admin + f" dbname={ANCHOR_DATABASE}"
        subprocess.run(["psql", "-X", "-q", "-d", anchor, "-c", "CREATE EXTENSION postgis"], check=True,
                       capture_output=True)

        start = time.perf_counter()
        added = 0
        for bundle in bundles:
            added += import_bundle(bundle, dsn).changed
        remix_seconds = time.perf_counter() - start
        remix_rows = count_rows(dsn, "remix", tables)

        ogr_seconds = 0.0
        for index, bundle in enumerate(bundles):
            start = time.perf_counter()
            out = subprocess.run(
                ["ogr2ogr", "-f", "PostgreSQL", f"PG:{anchor}", str(bundle), *layers, "-append"],
                check=False, capture_output=True, text=True)
            ogr_seconds += time.perf_counter() - start
            if out.returncode != 0:
                raise SystemExit(f"ogr2ogr failed on {bundle.name}: {out.stderr.strip()[:3000]}")
            if index == 0:  # untimed: the shared rows (indicatori…) come again in every bundle
                subprocess.run(["psql", "-X", "-q", "-d", anchor, "-c", DROP_UNIQUE], check=True,
                               capture_output=True)
        ogr_rows = count_rows(anchor, "public", tables)

        print(f"RE.MIX import-bundle: {remix_seconds:7.2f} s, {remix_rows} rows in remix ({added} added)")
        print(f"ogr2ogr -f PostgreSQL: {ogr_seconds:7.2f} s, {ogr_rows} rows in database {ANCHOR_DATABASE}")
        ratio = remix_seconds / ogr_seconds
        print(f"ratio import-bundle / ogr2ogr: {ratio:.2f} (target <= 1.5)")
        return 0
    finally:
        cluster("destroy", folder, port)
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
