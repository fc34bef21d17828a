"""Benchmark: full RE.MIX validation vs QGIS's own GEOS validity check, same layer, same run.

    /usr/bin/python3 benchmarks/bench_validation.py [--sizes 25000,100000] [--invalid 300]

Generates RE.MIX GeoPackages of parcel-like lavori (about 25 vertices, EPSG:32632, inside the
comuni of CMM, a few hundred invalid: bow-ties and self-touching rings) with valid attributes
spread over projects, then times, each in its own subprocess (so peak RSS is per run):
``qgis:checkvalidity`` (``native:checkvalidity`` on newer QGIS) with the GEOS method on the lavori
layer, and ``validate_geopackage`` with the strict profile. Prints the ratio and peak memory.
"""

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SYSTEM_PYTHON = "/usr/bin/python3"
LAVORI_PER_PROJECT = 50


def _parcel(cx, cy, rng, vertices=25, invalid=None):
    """A star-shaped (hence simple) parcel around (cx, cy); ``invalid`` makes it a bow-tie or a
    ring touching itself."""
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(vertices - 1))
    points = []
    for angle in angles:
        radius = rng.uniform(12.0, 30.0)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    if invalid == "bowtie":
        points[2], points[len(points) // 2] = points[len(points) // 2], points[2]
    elif invalid == "touch":
        points[len(points) // 2] = points[0]
    points.append(points[0])
    return "MULTIPOLYGON(((" + ",".join(f"{x:.3f} {y:.3f}" for x, y in points) + ")))"


DISTRIBUTIONS = ("spread", "one-project-wrong-comune")
CELL = 70.0  # m: one lavoro per cell of the adversarial distribution (parcels reach 30 m out)


def _cell_centres(comuni, count, rng):
    """``count`` distinct cell centres well inside the comuni (area-weighted), with the comune of
    each: [(cx, cy, istat)]. A set of cells keeps parcels apart at any count (no n² test)."""
    from shapely.geometry import box

    weights = [c[1].area for c in comuni]
    used, centres = set(), []
    for _attempt in range(count * 50):
        if len(centres) == count:
            break
        istat, geometry, prepared = rng.choices(comuni, weights)[0]
        minx, miny, maxx, maxy = geometry.bounds
        cell = (int(rng.uniform(minx, maxx) // CELL), int(rng.uniform(miny, maxy) // CELL))
        if cell in used:
            continue
        x0, y0 = cell[0] * CELL, cell[1] * CELL
        if not prepared.contains(box(x0, y0, x0 + CELL, y0 + CELL)):
            continue
        used.add(cell)
        centres.append((x0 + CELL / 2, y0 + CELL / 2, istat))
    if len(centres) < count:
        raise SystemExit(f"only {len(centres)} free cells of {CELL:g} m for {count} lavori")
    return centres


def generate(path, count, invalid_count, seed=42, distribution="spread"):
    """``spread``: projects of 50 lavori each inside its project's comune (today's files);
    ``one-project-wrong-comune``: the adversarial case of issue 11, all lavori in ONE project
    spread over the whole territory, each declared in a comune it does not lie in (every lavoro
    gets a GEO-008 finding, and the overlap check sees one group of ``count`` polygons)."""
    from osgeo import ogr
    from shapely import wkb as shapely_wkb
    from shapely.geometry import Point
    from shapely.prepared import prep

    from remix_plugin.codes import format_codes
    from remix_plugin.layers.geopackage import create_geopackage

    rng = random.Random(seed)
    create_geopackage(path, overwrite=True)
    dataset = ogr.Open(str(path), update=1)
    comuni = []
    for feature in dataset.GetLayerByName("comuni"):
        geometry = shapely_wkb.loads(bytes(feature.GetGeometryRef().ExportToWkb()))
        comuni.append((feature.GetField("istat"), geometry, prep(geometry)))
    weights = [c[1].area for c in comuni]
    now = "2024-01-15T10:00:00Z"
    adversarial = distribution == "one-project-wrong-comune"
    n_projects = 1 if adversarial else max(1, count // LAVORI_PER_PROJECT)
    progetti = dataset.GetLayerByName("progetti")
    lavori = dataset.GetLayerByName("lavori")
    criticita = dataset.GetLayerByName("criticita")
    dataset.StartTransaction()
    project_comune = []
    for index in range(n_projects):
        istat, geometry, prepared = rng.choices(comuni, weights)[0]
        project_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        project_comune.append((project_uuid, istat, geometry, prepared))
        feature = ogr.Feature(progetti.GetLayerDefn())
        for name, value in (
            ("uuid", project_uuid),
            ("titolo", f"Progetto {index}"),
            ("comune_istat", istat),
            ("descrizione", "d"),
            ("obiettivi", "o"),
            ("ambito_azione_prevalente", "a"),
            ("ambito_opportunita", format_codes(["urbanistico"])),
            ("scala_impatto", "comunale"),
            ("finalita", format_codes(["sostenibilita_resilienza"])),
            ("livello_progettuale", "comunale"),
            ("livello_rigenerazione", "urbana"),
            ("localizzazione", "urbana"),
            ("provenienza", "ricognizione_remix"),
            ("stato_progetto", "in_corso"),
            ("creato_il", now),
            ("modificato_il", now),
        ):
            feature.SetField(name, value)
        progetti.CreateFeature(feature)
        feature = ogr.Feature(criticita.GetLayerDefn())
        for name, value in (
            ("uuid", str(uuid.UUID(int=rng.getrandbits(128), version=4))),
            ("progetto_uuid", project_uuid),
            ("titolo", f"Criticità {index}"),
            ("comune_istat", istat),
            ("descrizione", "d"),
            ("ambito_criticita", format_codes(["sociale"])),
            ("ambito_intervento", "fisico_materiale"),
            ("scala_criticita", "comunale"),
            ("creato_il", now),
            ("modificato_il", now),
        ):
            feature.SetField(name, value)
        criticita.CreateFeature(feature)
    invalid_at = set(rng.sample(range(count), invalid_count))
    definition = lavori.GetLayerDefn()
    if adversarial:
        centres = _cell_centres(comuni, count, rng)
        codes = sorted(c[0] for c in comuni)
        wrong = {code: codes[(i + len(codes) // 2) % len(codes)] for i, code in enumerate(codes)}
    for index in range(count):
        if adversarial:
            project_uuid = project_comune[0][0]
            cx, cy, located = centres[index]
            istat = wrong[located]  # declared in a comune far from where the lavoro lies
        else:
            project_uuid, istat, geometry, prepared = project_comune[index // LAVORI_PER_PROJECT]
            minx, miny, maxx, maxy = geometry.bounds
            if index % LAVORI_PER_PROJECT == 0:
                placed = []
            for _attempt in range(200):  # a centre well inside the comune, apart from the project's others
                cx, cy = rng.uniform(minx + 40, maxx - 40), rng.uniform(miny + 40, maxy - 40)
                if any(abs(cx - px) < 65 and abs(cy - py) < 65 for px, py in placed):
                    continue
                if prepared.contains(Point(cx, cy).buffer(35, 4)):
                    break
            placed.append((cx, cy))
        kind = None
        if index in invalid_at:
            kind = "bowtie" if index % 2 else "touch"
        wkt = _parcel(cx, cy, rng, invalid=kind)
        ogr_geometry = ogr.CreateGeometryFromWkt(wkt)
        feature = ogr.Feature(definition)
        feature.SetField("uuid", str(uuid.UUID(int=rng.getrandbits(128), version=4)))
        feature.SetField("progetto_uuid", project_uuid)
        feature.SetField("titolo", f"Lavoro {index}")
        feature.SetField("comune_istat", istat)
        feature.SetField("obiettivo", "o")
        feature.SetField("descrizione", "d")
        feature.SetField("intervento_oggetto", "riuso")
        feature.SetField("servizi_realizzati", format_codes(["servizi"]))
        feature.SetField("oggetto_fisico", "edificio")
        feature.SetField("superficie_mq", round(ogr_geometry.GetArea(), 1))
        feature.SetField("creato_il", now)
        feature.SetField("modificato_il", now)
        feature.SetGeometry(ogr_geometry)
        lavori.CreateFeature(feature)
    dataset.CommitTransaction()
    dataset = None
    return path


CHILD_VALIDATE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from remix_plugin.validation.engine import validate_geopackage
start, cpu = time.perf_counter(), time.process_time()
report = validate_geopackage({path!r}, profile="strict")
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
counts = report.counts
codes = {{}}
for f in report.findings:
    codes[f.code] = codes.get(f.code, 0) + 1
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
del report
import tracemalloc
tracemalloc.start()
validate_geopackage({path!r}, profile="strict")
python_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps({{"seconds": elapsed, "cpu_seconds": cpu, "maxrss_kb": maxrss,
                  "python_peak_kb": python_peak // 1024, "counts": counts, "codes": codes}}))
"""

CHILD_CHECKVALIDITY = """
import json, os, resource, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
sys.path.append("/usr/share/qgis/python/plugins")
from processing.core.Processing import Processing
Processing.initialize()
import processing
registry = QgsApplication.processingRegistry()
alg = "native:checkvalidity" if registry.algorithmById("native:checkvalidity") else "qgis:checkvalidity"
layer = QgsVectorLayer({path!r} + "|layername=lavori", "lavori", "ogr")
start, cpu = time.perf_counter(), time.process_time()
result = processing.run(alg, {{"INPUT_LAYER": layer, "METHOD": 2, "IGNORE_RING_SELF_INTERSECTION": False,
                               "VALID_OUTPUT": "TEMPORARY_OUTPUT", "INVALID_OUTPUT": "TEMPORARY_OUTPUT",
                               "ERROR_OUTPUT": "TEMPORARY_OUTPUT"}})
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
out = {{"algorithm": alg, "seconds": elapsed, "cpu_seconds": cpu, "invalid": result.get("INVALID_COUNT"),
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}
del result, layer
print(json.dumps(out))
sys.stdout.flush()
os._exit(0)
"""

CHILD_READERS = """
import json, sys, time
sys.path.insert(0, {root!r})
from osgeo import ogr
from shapely import wkb
from remix_plugin.layers.inspect import connect_read_only
from remix_plugin.validation.readers import iter_rows, parse_blob
con = connect_read_only({path!r})
out = {{}}
start = time.perf_counter()
n = 0
for (blob,) in iter_rows(con, "lavori", ["geom"]):
    n += not wkb.loads(parse_blob(blob).wkb).is_valid
out["shapely_parse_is_valid"] = time.perf_counter() - start
start = time.perf_counter()
m = 0
for (blob,) in iter_rows(con, "lavori", ["geom"]):
    m += not ogr.CreateGeometryFromWkb(parse_blob(blob).wkb).IsValid()
out["ogr_parse_is_valid"] = time.perf_counter() - start
start = time.perf_counter()
for (blob,) in iter_rows(con, "lavori", ["geom"]):
    wkb.loads(parse_blob(blob).wkb).representative_point()
out["shapely_parse_point_on_surface"] = time.perf_counter() - start
start = time.perf_counter()
for (blob,) in iter_rows(con, "lavori", ["geom"]):
    ogr.CreateGeometryFromWkb(parse_blob(blob).wkb).PointOnSurface()
out["ogr_parse_point_on_surface"] = time.perf_counter() - start
out["invalid"] = [n, m]
print(json.dumps(out))
"""


def _child(code, **values):
    text = code.format(root=str(ROOT), **values)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([SYSTEM_PYTHON, "-c", text], capture_output=True, text=True, env=env, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"child failed ({result.returncode}): {result.stderr[-2000:]}")
    return json.loads(lines[-1])


def _measure(folder, size, distribution, args):
    """Anchor (QGIS's GEOS validity check) and the engine on the same file, one after the other."""
    suffix = "" if distribution == "spread" else "_" + distribution
    path = folder / f"lavori_{size}{suffix}.gpkg"
    if not path.exists():
        start = time.perf_counter()
        generate(path, size, max(1, size * args.invalid_per_100k // 100000), distribution=distribution)
        print(
            f"generated {size} lavori ({distribution}) in {time.perf_counter() - start:.1f} s "
            f"({path.stat().st_size / 1e6:.0f} MB)",
            flush=True,
        )
    check = _child(CHILD_CHECKVALIDITY, path=str(path))
    engine = _child(CHILD_VALIDATE, path=str(path))
    ratio = engine["seconds"] / check["seconds"]
    print(
        f"{size:>7} lavori, {distribution}: {check['algorithm']} GEOS {check['seconds']:.2f} s "
        f"({check['invalid']} invalid, peak RSS {check['maxrss_kb'] / 1024:.0f} MB) | "
        f"validate_geopackage strict {engine['seconds']:.2f} s "
        f"(peak RSS {engine['maxrss_kb'] / 1024:.0f} MB, Python heap peak "
        f"{engine['python_peak_kb'] / 1024:.1f} MB) | RATIO {ratio:.2f} (target <= 1.5)",
        flush=True,
    )
    print(
        f"         CPU time: {check['cpu_seconds']:.2f} s vs {engine['cpu_seconds']:.2f} s, "
        f"RATIO (CPU) {engine['cpu_seconds'] / check['cpu_seconds']:.2f} (fairer on a shared machine)",
        flush=True,
    )
    print(f"         findings: {engine['counts']} by rule {engine['codes']}", flush=True)
    if args.readers:
        print("         decoding:", json.dumps(_child(CHILD_READERS, path=str(path))), flush=True)
    return size, check, engine, ratio


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25000,100000")
    parser.add_argument("--invalid-per-100k", type=int, default=300)
    parser.add_argument("--readers", action="store_true", help="also compare shapely and OGR decoding")
    parser.add_argument("--keep", default="", help="folder where the generated files are kept")
    parser.add_argument(
        "--distributions",
        default=",".join(DISTRIBUTIONS),
        help="spread (projects of 50 lavori in their comune) and/or one-project-wrong-comune "
        "(100%% of lavori in ONE project, each declared in the wrong comune)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    distributions = [d for d in args.distributions.split(",") if d]
    unknown = set(distributions) - set(DISTRIBUTIONS)
    if unknown:
        parser.error(f"unknown distribution(s): {', '.join(sorted(unknown))}")
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="remix_bench_"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        rows = []
        for distribution in distributions:
            for size in sizes:
                row = _measure(folder, size, distribution, args)
                if distribution == DISTRIBUTIONS[0]:
                    rows.append(row)
        if len(rows) > 1:
            small, large = rows[0], rows[-1]
            print(
                f"peak RSS of the validator: {small[2]['maxrss_kb'] / 1024:.0f} MB at {small[0]} features, "
                f"{large[2]['maxrss_kb'] / 1024:.0f} MB at {large[0]} features; Python heap peak "
                f"{small[2]['python_peak_kb'] / 1024:.1f} MB / {large[2]['python_peak_kb'] / 1024:.1f} MB"
            )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
