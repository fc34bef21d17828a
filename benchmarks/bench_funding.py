"""Benchmark: funding match of 5,000 projects against 200 calls vs the same eligibility as one SQL
query in sqlite3.

    /usr/bin/python3 benchmarks/bench_funding.py [--projects 5000] [--calls 200] [--repeat 3]

Generates a RE.MIX GeoPackage with ``projects`` projects (ambiti, finalità, level, cost drawn at
random; one lavoro each with an intervento_oggetto; an azione for one in three; a secured
finanziamento for half; two actors for one in four) and ``calls`` calls, all open on the date,
with random constraints (applicants, zones, ambiti, finalità, interventions, levels, amount bounds,
co-funding). Then times, median of ``repeat``:

- anchor: sqlite3 counting the eligible (project, call) pairs: the project facts (applicant kinds,
  zone, secured funding, interventions) in indexed temporary tables, then one query with the eight
  criteria as EXISTS over ``json_each`` (no reasons, no ranking, no output);
- ours (match): ``funding.match.match_source`` — reading the file with OGR, every criterion of
  every pair with its reason in two languages, both rankings;
- ours (complete): match + ``write_match`` (the CLI's work: the two CSV files).

Checks that both find the same number of eligible pairs, and prints the ratios.
"""

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATE = "2026-06-01"
AMBITI = ("urbanistico", "infrastrutturale", "ambientale", "paesistico", "sociale", "culturale", "economico")
FINALITA = (
    "suolo_funzioni_ecosistemiche",
    "qualita_paesaggistica_ecologica",
    "manufatti_agrari_rurali",
    "sostenibilita_resilienza",
    "innovazione_tecnologica",
    "biodiversita_urbana",
    "prevenzione_salute_ecosistemi",
)
INTERVENTI = ("sostituzione", "riuso", "riqualificazione", "riorganizzazione")
AZIONI = ("sociale", "culturale", "economico")
LIVELLI = ("metropolitano", "sovracomunale", "comunale")
ZONE = (
    "adda_martesana",
    "alto_milanese",
    "magentino_abbiatense",
    "nord_milano",
    "nord_ovest",
    "sud_est",
    "sud_ovest",
    "milano",
)
BENEFICIARI = ("comune", "comuni_associati", "ente_pubblico", "privato", "terzo_settore", "partenariato")
TIPI_ATTORE = ("pubblico", "privati", "associazioni", "gruppi_informali")

# The anchor: the project facts materialised once in indexed temporary tables, then one query.
ANCHOR_SETUP = """
CREATE TEMP TABLE kinds(uuid TEXT, kind TEXT, PRIMARY KEY (uuid, kind)) WITHOUT ROWID;
INSERT OR IGNORE INTO kinds SELECT uuid, 'comune' FROM progetti;
INSERT OR IGNORE INTO kinds SELECT p.uuid, 'comuni_associati' FROM progetti p
    WHERE (SELECT count(DISTINCT c) FROM (SELECT p.comune_istat AS c UNION
           SELECT l.comune_istat FROM lavori l
           WHERE l.progetto_uuid = p.uuid AND l.comune_istat IS NOT NULL)) >= 2;
INSERT OR IGNORE INTO kinds SELECT pa.progetto_uuid, CASE a.tipo_attore WHEN 'pubblico' THEN 'ente_pubblico'
    WHEN 'privati' THEN 'privato' WHEN 'associazioni' THEN 'terzo_settore' END
    FROM progetto_attori pa JOIN attori a ON a.uuid = pa.attore_uuid
    WHERE pa.ruolo_attore IN ('promotore', 'partner')
      AND a.tipo_attore IN ('pubblico', 'privati', 'associazioni');
INSERT OR IGNORE INTO kinds SELECT progetto_uuid, 'partenariato' FROM progetto_attori
    WHERE ruolo_attore IN ('promotore', 'partner') GROUP BY progetto_uuid HAVING count(*) >= 2;
CREATE TEMP TABLE p AS
    SELECT pr.uuid, pr.ambito_opportunita, pr.finalita, pr.livello_progettuale, pr.costo_stimato AS costo,
           c.zona_omogenea AS zona,
           (SELECT coalesce(sum(f.importo), 0) FROM finanziamenti f WHERE f.progetto_uuid = pr.uuid
                AND f.stato_finanziamento IN ('assegnato', 'erogato')) AS secured
    FROM progetti pr LEFT JOIN comuni c ON c.istat = pr.comune_istat;
CREATE TEMP TABLE works(uuid TEXT, code TEXT, PRIMARY KEY (uuid, code)) WITHOUT ROWID;
INSERT OR IGNORE INTO works SELECT progetto_uuid, intervento_oggetto FROM lavori
    WHERE intervento_oggetto IS NOT NULL;
CREATE TEMP TABLE actions(uuid TEXT, code TEXT, PRIMARY KEY (uuid, code)) WITHOUT ROWID;
INSERT OR IGNORE INTO actions SELECT progetto_uuid, tipo_progetto_azione FROM azioni
    WHERE tipo_progetto_azione IS NOT NULL;
"""
ANCHOR = """
WITH b AS (SELECT * FROM bandi WHERE data_apertura <= :date AND data_chiusura >= :date)
SELECT count(*) FROM temp.p AS p, b
WHERE (coalesce(json_array_length(b.beneficiario), 0) = 0 OR EXISTS (
          SELECT 1 FROM json_each(b.beneficiario) j JOIN temp.kinds k
          ON k.uuid = p.uuid AND k.kind = j.value))
  AND (coalesce(json_array_length(b.zone_ammesse), 0) = 0 OR EXISTS (
          SELECT 1 FROM json_each(b.zone_ammesse) j WHERE j.value = p.zona))
  AND (coalesce(json_array_length(b.ambito_opportunita), 0) = 0 OR EXISTS (
          SELECT 1 FROM json_each(b.ambito_opportunita) jb JOIN json_each(p.ambito_opportunita) jp
          ON jb.value = jp.value))
  AND (coalesce(json_array_length(b.finalita), 0) = 0 OR EXISTS (
          SELECT 1 FROM json_each(b.finalita) jb JOIN json_each(p.finalita) jp ON jb.value = jp.value))
  AND ((coalesce(json_array_length(b.interventi_finanziati), 0) = 0
            AND coalesce(json_array_length(b.azioni_finanziate), 0) = 0)
       OR EXISTS (SELECT 1 FROM json_each(b.interventi_finanziati) j JOIN temp.works w
                  ON w.uuid = p.uuid AND w.code = j.value)
       OR EXISTS (SELECT 1 FROM json_each(b.azioni_finanziate) j JOIN temp.actions a
                  ON a.uuid = p.uuid AND a.code = j.value))
  AND (coalesce(json_array_length(b.livelli_ammessi), 0) = 0 OR EXISTS (
          SELECT 1 FROM json_each(b.livelli_ammessi) j WHERE j.value = p.livello_progettuale))
  AND ((b.importo_min IS NULL AND b.importo_max IS NULL)
       OR (p.costo IS NOT NULL AND (b.importo_min IS NULL OR p.costo >= b.importo_min)
           AND (b.importo_max IS NULL OR p.costo <= b.importo_max)))
  AND (coalesce(b.cofinanziamento_min_pct, 0) = 0
       OR (p.costo > 0 AND 100.0 * p.secured / p.costo + 1e-9 >= b.cofinanziamento_min_pct))
"""


def _square(ogr, x, y, size=80.0):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for dx, dy in ((0, 0), (size, 0), (size, size), (0, size), (0, 0)):
        ring.AddPoint_2D(x + dx, y + dy)
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    multi.AddGeometry(polygon)
    return multi


def _some(rng, values, low, high):
    return json.dumps(sorted(rng.sample(values, rng.randint(low, high))))


def generate(path, projects, calls, seed=16):
    from osgeo import ogr

    from remix_plugin.layers.geopackage import create_geopackage

    rng = random.Random(seed)
    create_geopackage(path, overwrite=True)
    now = "2026-05-04T09:30:00Z"
    dataset = ogr.Open(str(path), update=1)
    comuni = sorted(f.GetField("istat") for f in dataset.GetLayerByName("comuni"))
    lavori = dataset.GetLayerByName("lavori")
    dataset.StartTransaction()
    keys = [f"p-{index:05d}" for index in range(projects)]
    for index, key in enumerate(keys):
        feature = ogr.Feature(lavori.GetLayerDefn())
        for name, value in {
            "uuid": f"l-{index:05d}",
            "progetto_uuid": key,
            "titolo": f"Lavoro {index}",
            "comune_istat": comuni[(index * 7) % len(comuni)]
            if index % 10 == 0
            else comuni[index % len(comuni)],
            "intervento_oggetto": rng.choice(INTERVENTI),
            "oggetto_fisico": "ambito",
            "creato_il": now,
            "modificato_il": now,
        }.items():
            feature.SetField(name, value)
        feature.SetGeometry(_square(ogr, 500000 + (index % 100) * 200.0, 5030000 + (index // 100) * 200.0))
        lavori.CreateFeature(feature)
    dataset.CommitTransaction()
    dataset = None
    connection = sqlite3.connect(str(path))
    audit = {"creato_il": now, "modificato_il": now}

    def insert(table, row):
        row = dict(row, **audit)
        connection.execute(
            f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )

    for index, key in enumerate(keys):
        cost = rng.choice([None] + [rng.uniform(1e5, 5e6)] * 9)
        insert(
            "progetti",
            {
                "uuid": key,
                "titolo": f"Progetto {index}",
                "comune_istat": comuni[index % len(comuni)],
                "ambito_opportunita": _some(rng, AMBITI, 1, 3),
                "finalita": _some(rng, FINALITA, 0, 2),
                "livello_progettuale": rng.choice(LIVELLI),
                "scala_impatto": "comunale",
                "stato_progetto": "proposta",
                "costo_stimato": cost,
            },
        )
        if index % 3 == 0:
            insert(
                "azioni",
                {
                    "uuid": f"a-{index:05d}",
                    "progetto_uuid": key,
                    "titolo": f"Azione {index}",
                    "tipo_progetto_azione": rng.choice(AZIONI),
                },
            )
        if index % 2 == 0 and cost:
            insert(
                "finanziamenti",
                {
                    "uuid": f"f-{index:05d}",
                    "progetto_uuid": key,
                    "titolo": "Fondi",
                    "importo": cost * rng.uniform(0, 0.6),
                    "tipo_finanziamento": "risorse_comunali",
                    "stato_finanziamento": rng.choice(("assegnato", "erogato", "candidato")),
                },
            )
        if index % 4 == 0:
            for number in range(2):
                actor = f"at-{index:05d}-{number}"
                insert(
                    "attori",
                    {
                        "uuid": actor,
                        "nome": f"Attore {index}.{number}",
                        "tipo_attore": rng.choice(TIPI_ATTORE),
                    },
                )
                insert(
                    "progetto_attori",
                    {
                        "uuid": f"pa-{index:05d}-{number}",
                        "progetto_uuid": key,
                        "attore_uuid": actor,
                        "ruolo_attore": rng.choice(("promotore", "partner", "gestore")),
                    },
                )
    for index in range(calls):
        low = rng.choice([None, 1e5, 5e5])
        insert(
            "bandi",
            {
                "uuid": f"b-{index:04d}",
                "titolo": f"Bando {index}",
                "ente": "Ente",
                "programma_bando": "regionale",
                "data_apertura": "2026-01-01",
                "data_chiusura": f"2026-{rng.randint(7, 12):02d}-{rng.randint(1, 28):02d}",
                "beneficiario": _some(rng, BENEFICIARI, 1, 3),
                "zone_ammesse": _some(rng, ZONE, 0, 5),
                "ambito_opportunita": _some(rng, AMBITI, 0, 4),
                "finalita": _some(rng, FINALITA, 0, 3),
                "interventi_finanziati": _some(rng, INTERVENTI, 0, 3),
                "azioni_finanziate": _some(rng, AZIONI, 0, 2),
                "livelli_ammessi": _some(rng, LIVELLI, 0, 3),
                "importo_min": low,
                "importo_max": rng.choice([None, 2e6, 5e6]),
                "cofinanziamento_min_pct": rng.choice([None, 0, 10, 20, 30]),
            },
        )
    connection.commit()
    connection.close()
    return path


def anchor(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.executescript(ANCHOR_SETUP)
        return connection.execute(ANCHOR, {"date": DATE}).fetchone()[0]
    finally:
        connection.close()


def ours(path, out_dir, write):
    from remix_plugin.funding.match import match_source
    from remix_plugin.funding.output import write_match

    result = match_source(str(path), DATE)
    if write:
        write_match(result, Path(out_dir) / "match.csv")
    return sum(1 for m in result.matches if m.eligible), len(result.matches)


def timed(function, repeat):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-funding-") as folder:
        path = Path(folder) / "funding.gpkg"
        start = time.perf_counter()
        generate(path, args.projects, args.calls)
        print(
            f"generated {args.projects} projects, {args.calls} calls in {time.perf_counter() - start:.1f} s"
        )
        t_anchor, n_anchor = timed(lambda: anchor(path), args.repeat)
        t_match, (n_ours, pairs) = timed(lambda: ours(path, folder, False), args.repeat)
        t_full, _ = timed(lambda: ours(path, folder, True), args.repeat)
        print(f"pairs evaluated: {pairs}; eligible: anchor {n_anchor}, ours {n_ours}")
        print(f"anchor (sqlite3 temp tables + one query, count only): {t_anchor:.3f} s")
        print(f"ours (match, reasons, rankings):        {t_match:.3f} s  ratio {t_match / t_anchor:.2f}")
        print(f"ours (match + both CSV files):          {t_full:.3f} s  ratio {t_full / t_anchor:.2f}")
        if n_anchor != n_ours:
            print("MISMATCH: the anchor and the match disagree on the eligible pairs")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
