"""Benchmark: the KPI report of 5,000 projects with 20 measurements each vs the same aggregation as
one SQL query in sqlite3.

    /usr/bin/python3 benchmarks/bench_kpi.py [--projects 5000] [--measurements 20] [--repeat 3]

Generates a RE.MIX GeoPackage with ``projects`` projects over the 133 comuni, 4 indicators (with
baseline and target; one lower-is-better) and ``measurements`` measurements per project (5 per
indicator, random values and dates). Then times, median of ``repeat``:

- anchor: sqlite3, one query: per (project, indicator) the count, the latest value (window
  function), the share reached and whether the target is reached, joined with the comune's zone,
  written to CSV with ``csv.writer`` (no statuses in time, no labels, no overview);
- ours: ``monitoring.kpi.kpi_report`` (reading through OGR, series, shares, expected shares,
  statuses) + ``monitoring.output.write_report`` (both CSV files, labels) — the CLI's work.

Checks that both count the same pairs and the same pairs with the target reached; prints the ratio.
"""

import argparse
import csv
import datetime
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

INDICATORS = (  # name, unit, higher is better, baseline, target
    ("Attori coinvolti", "n.", 1, 0.0, 10.0),
    ("Superficie riqualificata", "m²", 1, 0.0, 5000.0),
    ("Suolo impermeabilizzato", "%", 0, 80.0, 40.0),
    ("Visitatori", "persone/anno", 1, 100.0, 2000.0),
)
ANCHOR = """
WITH s AS (
    SELECT m.progetto_uuid AS p, m.indicatore_uuid AS i, m.valore AS v,
           count(*) OVER w AS n,
           row_number() OVER (PARTITION BY m.progetto_uuid, m.indicatore_uuid
                              ORDER BY m.data_misura DESC, m.uuid DESC) AS r
    FROM misure AS m
    WINDOW w AS (PARTITION BY m.progetto_uuid, m.indicatore_uuid)
)
SELECT pr.uuid, pr.titolo, c.nome, c.zona_omogenea, ind.nome, s.n, s.v,
       (s.v - ind.valore_base) / (ind.valore_obiettivo - ind.valore_base) AS share,
       (s.v - ind.valore_base) / (ind.valore_obiettivo - ind.valore_base) >= 1 - 1e-9 AS reached
FROM s JOIN progetti AS pr ON pr.uuid = s.p JOIN indicatori AS ind ON ind.uuid = s.i
LEFT JOIN comuni AS c ON c.istat = pr.comune_istat
WHERE s.r = 1
ORDER BY pr.titolo, pr.uuid, ind.nome
"""


def generate(path, projects, per_project, seed=16):
    from remix_plugin.layers.geopackage import create_geopackage

    rng = random.Random(seed)
    create_geopackage(path, overwrite=True)
    connection = sqlite3.connect(str(path))
    try:
        with connection:
            comuni = [row[0] for row in connection.execute("SELECT istat FROM comuni ORDER BY istat")]
            indicator_uuids = []
            for name, unit, better, base, target in INDICATORS:
                key = str(uuid.uuid5(uuid.NAMESPACE_URL, "bench-kpi/" + name))
                indicator_uuids.append((key, base, target))
                connection.execute(
                    "INSERT INTO indicatori (uuid, nome, unita_misura, categoria_indicatore,"
                    " meglio_se_maggiore, valore_base, data_base, valore_obiettivo, data_obiettivo)"
                    " VALUES (?, ?, ?, 'impatti', ?, ?, '2020-01-01', ?, '2028-12-31')",
                    (key, name, unit, better, base, target),
                )
            ambiti = ["urbanistico", "sociale", "ambientale", "culturale", "economico"]
            start = datetime.date(2020, 1, 1)
            measures = []
            for index in range(projects):
                project = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                codes = sorted(rng.sample(ambiti, rng.randint(1, 3)))
                connection.execute(
                    "INSERT INTO progetti (uuid, titolo, comune_istat, ambito_opportunita, data_inizio)"
                    " VALUES (?, ?, ?, ?, '2020-01-01')",
                    (project, f"Progetto {index:05d}", rng.choice(comuni), '["' + '","'.join(codes) + '"]'),
                )
                for count in range(per_project):
                    key, base, target = indicator_uuids[count % len(indicator_uuids)]
                    day = start + datetime.timedelta(days=rng.randint(0, 2000))
                    value = round(base + (target - base) * rng.uniform(-0.1, 1.2), 2)
                    measure = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                    measures.append((measure, project, key, day.isoformat(), value))
            connection.executemany(
                "INSERT INTO misure (uuid, progetto_uuid, indicatore_uuid, data_misura, valore)"
                " VALUES (?, ?, ?, ?, ?)",
                measures,
            )
    finally:
        connection.close()
    return path


def anchor(path, output):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(ANCHOR).fetchall()
    finally:
        connection.close()
    with open(output, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(
            ["uuid", "titolo", "comune", "zona", "indicatore", "misure", "ultimo", "quota", "raggiunto"]
        )
        writer.writerows(rows)
    return len(rows), sum(1 for row in rows if row[-1])


def ours(path, output):
    from remix_plugin.monitoring.kpi import kpi_report
    from remix_plugin.monitoring.output import write_report

    report = kpi_report(str(path))
    write_report(report, output)
    measured = [row for row in report.rows if row.indicator is not None]
    return len(measured), sum(1 for row in measured if row.status == "raggiunto")


def _median(function, repeat, *args):
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--measurements", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kpi.gpkg"
        began = time.perf_counter()
        generate(path, args.projects, args.measurements)
        print(
            f"generated {args.projects} projects × {args.measurements} measurements "
            f"in {time.perf_counter() - began:.1f} s"
        )
        anchor_time, anchor_counts = _median(anchor, args.repeat, path, Path(folder) / "anchor.csv")
        ours_time, ours_counts = _median(ours, args.repeat, path, Path(folder) / "ours.csv")
        if anchor_counts != ours_counts:
            print(f"MISMATCH: anchor (pairs, reached) {anchor_counts}, ours {ours_counts}")
            return 1
        print(f"pairs {ours_counts[0]}, target reached {ours_counts[1]} (both)")
        print(f"anchor (sqlite3 one query + csv): {anchor_time:.3f} s")
        print(f"ours (kpi_report + write_report): {ours_time:.3f} s")
        print(f"ratio ours/anchor: {ours_time / anchor_time:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
