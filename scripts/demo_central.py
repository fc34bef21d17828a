#!/usr/bin/env python3
"""``make demo-central``: the central database end to end, with bundles both ways (issue 14,
docs/central-database.md "Bundles in and out, offline work, demo").

1. a throw-away PostgreSQL cluster (scripts/pg_cluster.sh, its own folder under /tmp and a free
   port), a database, ``db init``;
2. logins: a CMM editor and two comune technicians (``CREATE ROLE … LOGIN PASSWORD``, ``db grant``);
3. the demo GeoPackage (remix_plugin/demo/build.py) and its bundles: all of it, and one per comune
   of the two technicians;
4. CMM loads the shared tables (programmi, attori, indicatori, bandi: CMM's catalogue) from the
   full bundle; each technician imports their comune's bundle with ``import-bundle BUNDLE DSN``;
   CMM imports the full bundle (the other comuni added, the two comuni's rows unchanged);
5. a technician's import of the other comune's edited project: refused (the Italian sentence);
6. a technician's offline work: check-out of their comune, an edit, its bundle imported back;
7. the regional bundle exported from the database (``export-bundle DSN``) and ``check-bundle``;
8. out/central/SUMMARY.md with the figures; the cluster stopped and destroyed (also on failure).

Run with /usr/bin/python3 (GDAL, psycopg2). ``--out DIR`` to write elsewhere.
"""

import argparse
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRIPT = ROOT / "scripts" / "pg_cluster.sh"
DATABASE = "remix_demo"
SHARED_TABLES = ("programmi", "attori", "indicatori", "bandi")


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
    if out.returncode != 0 and action == "start":
        raise SystemExit(f"the cluster did not start: {out.stderr.strip()}")
    return out


def cli(*args):
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "remix_plugin", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return out.returncode, out.stdout.strip(), out.stderr.strip(), time.perf_counter() - started


def must(result, what):
    code, out, err, _seconds = result
    if code != 0:
        raise SystemExit(f"{what} failed ({code}): {err or out}")
    return result


def counts(path, tables):
    connection = sqlite3.connect(str(path))
    try:
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    finally:
        connection.close()


def run(out_dir):
    import psycopg2

    from remix_plugin.central.bundle_import import import_bundle
    from remix_plugin.central.checkout import checkout
    from remix_plugin.demo.build import build_demo_geopackage
    from remix_plugin.layers.model import SCHEMA_VERSION, load_model

    model = load_model()
    data_tables = [t.name for t in model.data_tables]
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="remix-central-demo-"))
    folder, port = Path(tempfile.mkdtemp(prefix="remix-pg-demo-")), free_port()
    lines, started = [], time.perf_counter()
    try:
        cluster("start", folder, port)
        admin = f"host={folder / 'socket'} port={port} user=remix_admin"
        connection = psycopg2.connect(admin + " dbname=postgres")
        connection.autocommit = True
        passwords = {}
        gpkg = work / "remix_demo.gpkg"
        build_demo_geopackage(gpkg)
        source = sqlite3.connect(str(gpkg))
        comuni = [
            r
            for r in source.execute(
                "SELECT p.comune_istat, c.nome FROM progetti p JOIN comuni c ON c.istat = p.comune_istat "
                "GROUP BY 1 ORDER BY count(*) DESC, 1"
            )
        ][:2]
        source.close()
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0")
            for login in ["cmm_demo"] + [f"tecnico_{istat}" for istat, _ in comuni]:
                passwords[login] = secrets.token_hex(8)
                cursor.execute(f"CREATE ROLE {login} LOGIN PASSWORD %s", (passwords[login],))
        connection.close()
        admin_dsn = f"{admin} dbname={DATABASE}"

        def dsn(login):
            return f"host=127.0.0.1 port={port} dbname={DATABASE} user={login} password={passwords[login]}"

        must(cli("db", "init", "--dsn", admin_dsn), "db init")
        must(cli("db", "grant", "--dsn", admin_dsn, "--login", "cmm_demo", "--role", "cmm"), "db grant cmm")
        for istat, _name in comuni:
            must(
                cli(
                    "db",
                    "grant",
                    "--dsn",
                    admin_dsn,
                    "--login",
                    f"tecnico_{istat}",
                    "--role",
                    "comune",
                    "--comune",
                    istat,
                ),
                "db grant comune",
            )
        lines += [
            "# RE.MIX central database demo (make demo-central)",
            "",
            f"Throw-away PostgreSQL cluster on port {port}, database `{DATABASE}`, `db init` "
            f"(schema {SCHEMA_VERSION}); logins: `cmm_demo` (CMM), "
            + ", ".join(f"`tecnico_{i}` ({n}, {i})" for i, n in comuni)
            + ".",
            "",
        ]
        # the bundles
        full = work / "REMIX_CMM_demo.gpkg"
        must(cli("export-bundle", str(gpkg), str(full)), "export-bundle (demo)")
        per_comune = {}
        for istat, _name in comuni:
            per_comune[istat] = work / f"REMIX_{istat}_demo.gpkg"
            must(
                cli(
                    "export-bundle", str(gpkg), str(per_comune[istat]), "--comune", istat, "--producer", istat
                ),
                f"export-bundle --comune {istat}",
            )
        lines += [
            "## Bundles into the database",
            "",
            "| step | login | added | updated | unchanged | conflicts | s |",
            "|---|---|---|---|---|---|---|",
        ]

        def row(step, login, result, seconds):
            lines.append(
                f"| {step} | `{login}` | {sum(result.added.values())} | {sum(result.updated.values())} | "
                f"{result.unchanged} | {len(result.conflicts)} | {seconds:.2f} |"
            )

        clock = time.perf_counter()
        shared = import_bundle(full, dsn("cmm_demo"), tables=SHARED_TABLES)
        row(
            "CMM: shared tables (" + ", ".join(SHARED_TABLES) + ")",
            "cmm_demo",
            shared,
            time.perf_counter() - clock,
        )
        for istat, name in comuni:
            code, out, err, seconds = cli("import-bundle", str(per_comune[istat]), dsn(f"tecnico_{istat}"))
            if code != 0:
                raise SystemExit(f"import-bundle as tecnico_{istat} failed ({code}): {err or out}")
            lines.append(
                f"| {name} ({istat}): `import-bundle` → {out.splitlines()[0]} | `tecnico_{istat}` "
                f"| | | | | {seconds:.2f} |"
            )
        clock = time.perf_counter()
        rest = import_bundle(full, dsn("cmm_demo"))
        row("CMM: the whole demo bundle", "cmm_demo", rest, time.perf_counter() - clock)
        # a technician editing the other comune's project
        (first, first_name), (other, other_name) = comuni
        other_copy = work / f"checkout_{other}.gpkg"
        checkout(admin_dsn, other_copy, comuni=[other])
        edit = sqlite3.connect(str(other_copy))
        edit.execute("UPDATE progetti SET titolo = titolo || ' (rivisto)' WHERE comune_istat = ?", (other,))
        edit.commit()
        edit.close()
        edited = work / f"REMIX_{other}_edited.gpkg"
        must(cli("export-bundle", str(other_copy), str(edited)), "export-bundle (edited)")
        code, _out, refusal, _seconds = cli("import-bundle", str(edited), dsn(f"tecnico_{first}"))
        if code != 1:
            raise SystemExit(f"the cross-comune import was not refused ({code}): {refusal}")
        lines += [
            "",
            "## Another comune's rows: refused",
            "",
            f"`tecnico_{first}` ({first_name}) imports an edited project of {other_name} ({other}): "
            f"exit {code}, nothing written:",
            "",
            f"> {refusal}",
            "",
        ]
        # offline work and check-in
        offline = work / f"offline_{first}.gpkg"
        copied = checkout(dsn(f"tecnico_{first}"), offline, comuni=[first], record=True)
        edit = sqlite3.connect(str(offline))
        edit.execute("UPDATE progetti SET titolo = titolo || ' (aggiornato offline)'")
        edit.commit()
        edit.close()
        checkin = work / f"REMIX_{first}_checkin.gpkg"
        must(cli("export-bundle", str(offline), str(checkin), "--producer", first), "export-bundle (offline)")
        clock = time.perf_counter()
        back = import_bundle(checkin, dsn(f"tecnico_{first}"))
        lines += [
            "## Offline work",
            "",
            f"`tecnico_{first}` checks out {first_name} "
            f"({sum(copied.counts.values())} rows), edits the project title offline and imports it back: "
            f"{sum(back.updated.values())} updated, {len(back.conflicts)} conflicts "
            f"({time.perf_counter() - clock:.2f} s).",
            "",
        ]
        # the regional bundle from the database
        regional = out_dir / "REMIX_CMM_central.gpkg"
        if regional.exists():
            regional.unlink()
        code, out, err, seconds = must(
            cli("export-bundle", dsn("cmm_demo"), str(regional)), "export-bundle DSN"
        )
        check = cli("check-bundle", str(regional))
        in_bundle = counts(regional, data_tables)
        in_demo = counts(gpkg, data_tables)
        lines += [
            "## The regional bundle from the database",
            "",
            f"`export-bundle DSN {regional.name}`: {seconds:.2f} s; `check-bundle`: exit {check[0]}.",
            "",
            "| table | demo GeoPackage | bundle from the database |",
            "|---|---|---|",
        ]
        lines += [
            f"| {t} | {in_demo[t]} | {in_bundle[t]} |" for t in data_tables if in_demo[t] or in_bundle[t]
        ]
        lines += ["", f"Total {time.perf_counter() - started:.1f} s."]
        if check[0] != 0:
            raise SystemExit(f"check-bundle refused the database's bundle: {check[1]} {check[2]}")
        (out_dir / "SUMMARY.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n".join(lines))
    finally:
        cluster("destroy", folder, port)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out" / "central"))
    args = parser.parse_args(argv)
    return run(Path(args.out))


if __name__ == "__main__":
    sys.exit(main())
