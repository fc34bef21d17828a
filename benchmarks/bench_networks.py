"""Benchmark: proposals of networks over 5,000 projects / 20,000 lavori vs a SpatiaLite self-join.

    /usr/bin/python3 benchmarks/bench_networks.py [--projects 5000] [--lavori-per-project 4]
        [--distance 1500] [--repeat 3]

Generates a RE.MIX GeoPackage (EPSG:32632) with ``projects`` projects spread over the area of
CMM, each with ``lavori-per-project`` square lavori (40–160 m) within 3 km of the project's
centre, and thematic codes and criticità drawn at random. Then times, median of ``repeat``:

- anchor: ``ogrinfo -dialect SQLite`` counting the pairs of lavori of different projects within
  the distance (GeoPackage R-tree for the candidates, SpatiaLite ``ST_Distance`` for the exact
  test) — the pairs only, no graph, no output;
- ours (proximity): ``networks.suggest(themes=False)`` — reading the file, the same pairs, the
  connected components, the hulls and the reasons;
- ours (complete): ``suggest`` with themes + ``write_proposals`` (the CLI's work).

Both "ours" run with ``max_members=0`` (no size limit), so every component is built, hulled
and written however large (the random layout makes a few very large ones).

Checks that both count the same pairs of projects' lavori, and prints the ratios.
"""

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BOUNDS = (485000.0, 540000.0, 5010000.0, 5060000.0)  # about the area of CMM, EPSG:32632
AMBITI = ("urbanistico", "infrastrutturale", "ambientale", "paesistico", "sociale", "culturale", "economico")


def _square(ogr, x, y, size):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for dx, dy in ((0, 0), (size, 0), (size, size), (0, size), (0, 0)):
        ring.AddPoint_2D(x + dx, y + dy)
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    multi.AddGeometry(polygon)
    return multi


def generate(path, projects, per_project, seed=16):
    from osgeo import ogr

    from remix_plugin.layers.geopackage import create_geopackage

    rng = random.Random(seed)
    create_geopackage(path, overwrite=True)
    dataset = ogr.Open(str(path), update=1)
    comuni = sorted(f.GetField("istat") for f in dataset.GetLayerByName("comuni"))
    now = "2026-05-04T09:30:00Z"
    layers = {name: dataset.GetLayerByName(name) for name in ("progetti", "lavori", "criticita")}
    dataset.StartTransaction()

    def add(table, values, geometry=None):
        layer = layers[table]
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in dict(values, creato_il=now, modificato_il=now).items():
            feature.SetField(name, value)
        if geometry is not None:
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)

    for index in range(projects):
        key = str(uuid.UUID(int=rng.getrandbits(128)))
        comune = comuni[index % len(comuni)]
        add(
            "progetti",
            {
                "uuid": key,
                "titolo": f"Progetto {index}",
                "comune_istat": comune,
                "ambito_opportunita": json.dumps(sorted(rng.sample(AMBITI, 2))),
                "scala_impatto": "comunale",
                "livello_progettuale": "comunale",
                "stato_progetto": "proposta",
            },
        )
        cx, cy = rng.uniform(BOUNDS[0], BOUNDS[1]), rng.uniform(BOUNDS[2], BOUNDS[3])
        for number in range(per_project):
            add(
                "lavori",
                {
                    "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                    "progetto_uuid": key,
                    "titolo": f"Lavoro {index}.{number}",
                    "comune_istat": comune,
                    "oggetto_fisico": "ambito",
                },
                _square(
                    ogr, cx + rng.uniform(-3000, 3000), cy + rng.uniform(-3000, 3000), rng.uniform(40, 160)
                ),
            )
        add(
            "criticita",
            {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                "progetto_uuid": key,
                "titolo": f"Criticità {index}",
                "comune_istat": comune,
                "ambito_criticita": json.dumps([rng.choice(AMBITI)]),
                "ambito_intervento": "fisico_materiale",
                "scala_criticita": "comunale",
            },
        )
    dataset.CommitTransaction()
    dataset = None
    return path


ANCHOR_SQL = (
    "SELECT count(*) AS n FROM lavori a, lavori b WHERE b.fid IN (SELECT id FROM rtree_lavori_geom r "
    "WHERE r.minx <= ST_MaxX(a.geom) + {d} AND r.maxx >= ST_MinX(a.geom) - {d} "
    "AND r.miny <= ST_MaxY(a.geom) + {d} AND r.maxy >= ST_MinY(a.geom) - {d}) "
    "AND a.fid < b.fid AND a.progetto_uuid <> b.progetto_uuid AND ST_Distance(a.geom, b.geom) <= {d}"
)


def anchor(path, distance):
    # the distance is a float from argparse, formatted by us: no user text in this SQL
    done = subprocess.run(
        [
            "ogrinfo",
            "-ro",
            "-q",
            str(path),
            "-dialect",
            "SQLite",
            "-sql",
            ANCHOR_SQL.format(d=float(distance)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in done.stdout.splitlines():
        if "n (Integer) =" in line:
            return int(line.split("=")[1])
    raise RuntimeError(done.stdout + done.stderr)


def our_pairs(path, distance):
    """Pairs of lavori (of different projects) within the distance, as our code finds them."""
    from osgeo import ogr

    from remix_plugin.networks.source import read_tables
    from remix_plugin.networks.suggest import WANTED, close_pairs

    lavori = read_tables(path, {"lavori": WANTED["lavori"]}, geometry=("lavori",)).rows("lavori")
    geoms = [ogr.CreateGeometryFromWkb(row["geom"]) for row in lavori]
    owners = [row["progetto_uuid"] for row in lavori]
    candidates = close_pairs([g.GetEnvelope() for g in geoms], distance, lambda i, j: owners[i] == owners[j])
    return sum(1 for i, j in candidates if geoms[i].Distance(geoms[j]) <= distance)


def timed(function, repeat):
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--lavori-per-project", type=int, default=4)
    parser.add_argument("--distance", type=float, default=1500.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from remix_plugin.networks.output import write_proposals
    from remix_plugin.networks.suggest import suggest

    folder = Path(tempfile.mkdtemp(prefix="remix-bench-networks-"))
    try:
        path = folder / "networks.gpkg"
        started = time.perf_counter()
        generate(path, args.projects, args.lavori_per_project)
        print(
            f"generated {args.projects} projects / {args.projects * args.lavori_per_project} lavori "
            f"in {time.perf_counter() - started:.1f} s"
        )
        anchor_time, anchor_pairs = timed(lambda: anchor(path, args.distance), args.repeat)
        pairs = our_pairs(path, args.distance)
        assert pairs == anchor_pairs, (pairs, anchor_pairs)
        proximity_time, result = timed(
            lambda: suggest(path, args.distance, themes=False, max_members=0, decisions={}), args.repeat
        )

        def complete():
            full = suggest(path, args.distance, max_members=0, decisions={})
            write_proposals(full, folder / "proposte.gpkg")
            return full

        complete_time, full = timed(complete, args.repeat)
        sizes = sorted((len(p.members) for p in result.proposals), reverse=True)
        print(f"pairs of lavori within {args.distance:.0f} m: {pairs} (anchor agrees)")
        print(
            f"territorial proposals: {len(result.proposals)} (largest {sizes[:3]}); "
            f"all proposals: {len(full.proposals)}, thematic groups too broad: {full.too_broad}"
        )
        print(f"anchor  ogrinfo SpatiaLite ST_Distance self-join (R-tree): {anchor_time:.2f} s")
        print(
            f"ours    suggest, proximity only:                          {proximity_time:.2f} s "
            f"(ratio {proximity_time / anchor_time:.2f})"
        )
        print(
            f"ours    suggest + themes + write GeoPackage:              {complete_time:.2f} s "
            f"(ratio {complete_time / anchor_time:.2f})"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
