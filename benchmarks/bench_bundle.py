"""Benchmark of the regional bundle: export of 100,000 lavori + 100,000 azioni (+ 10,000 projects and
their links) against ogr2ogr copying the same tables to a new GeoPackage in the same run, and the merge
of a 10,000-record bundle into a target of about 210,000 records.

    /usr/bin/python3 benchmarks/bench_bundle.py [--lavori 100000]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bundle_fixtures import MILANO_X, MILANO_Y, Writer, base_values, new_uuid, square  # noqa: E402

from remix_plugin.export.merge import merge_bundle  # noqa: E402
from remix_plugin.export.writer import export_bundle  # noqa: E402
from remix_plugin.layers.geopackage import create_geopackage  # noqa: E402


def build(path, projects, per_project, prefix):
    create_geopackage(path)
    writer = Writer(path)
    values_p, values_l, values_a = base_values("progetti"), base_values("lavori"), base_values("azioni")
    for index in range(projects):
        progetto = new_uuid(f"{prefix}-p-{index}")
        values = dict(values_p, uuid=progetto, titolo=f"Progetto {index}", comune_istat="015146")
        writer.add("progetti", values)
        x = MILANO_X + (index % 100) * 80.0
        y = MILANO_Y + (index // 100 % 100) * 80.0
        for n in range(per_project):
            lavoro = new_uuid(f"{prefix}-l-{index}-{n}")
            values = dict(
                values_l,
                uuid=lavoro,
                progetto_uuid=progetto,
                titolo=f"Lavoro {index}.{n}",
                comune_istat="015146",
                superficie_mq=16.0,
            )
            writer.add("lavori", values, square(x + n * 6.0, y, 4.0))
            values = dict(
                values_a,
                uuid=new_uuid(f"{prefix}-a-{index}-{n}"),
                progetto_uuid=progetto,
                lavoro_uuid=lavoro,
                titolo=f"Azione {index}.{n}",
            )
            writer.add("azioni", values)
    writer.close()


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lavori", type=int, default=100_000)
    args = parser.parse_args()
    per_project = 10
    projects = args.lavori // per_project
    folder = Path(tempfile.mkdtemp(prefix="remix-bench-bundle-"))
    try:
        source = folder / "source.gpkg"
        seconds, _ = timed(build, source, projects, per_project, "src")
        print(
            f"source: {projects} progetti, {args.lavori} lavori, {args.lavori} azioni "
            f"built in {seconds:.1f} s"
        )
        export_times, copy_times = [], []
        for run in range(2):
            bundle = folder / f"REMIX_CMM_20250301_{run + 1:02d}.gpkg"
            seconds, result = timed(export_bundle, source, bundle, validate=False)
            export_times.append(seconds)
            copy = folder / f"ogr2ogr_{run}.gpkg"
            seconds, _ = timed(
                subprocess.run,
                ["ogr2ogr", "-f", "GPKG", str(copy), str(source), "progetti", "lavori", "azioni"],
                check=True,
            )
            copy_times.append(seconds)
        export_s, copy_s = min(export_times), min(copy_times)
        print(
            f"export_bundle (no validation engine): {export_s:.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in export_times)})"
        )
        print(
            f"ogr2ogr progetti+lavori+azioni:        {copy_s:.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in copy_times)})"
        )
        print(f"RATIO export / ogr2ogr = {export_s / copy_s:.2f} (target <= 1.5)")
        print(
            f"bundle counts: progetti {result.counts['progetti']}, lavori {result.counts['lavori']}, "
            f"azioni {result.counts['azioni']}; size {bundle.stat().st_size / 1e6:.1f} MB"
        )
        try:
            from remix_plugin.validation.engine import validate_geopackage

            seconds, report = timed(validate_geopackage, str(source), profile="strict")
            print(
                f"validation engine (strict) on the source alone: {seconds:.2f} s {report.counts}; "
                f"export with validation ~ {export_s + seconds:.2f} s "
                f"(ratio {(export_s + seconds) / copy_s:.2f})"
            )
        except ImportError:
            print("validation engine not available: export timed without it")
        # merge: a 10,000-record bundle (new records) into the ~210,000-record source used as target
        small = folder / "small.gpkg"
        small_projects = max(1, round(args.lavori / 10 / (1 + 2 * per_project)))  # ~10,000 records at 100,000
        build(small, small_projects, per_project, "new")
        small_bundle = folder / "REMIX_015146_20250301_01.gpkg"
        export_bundle(small, small_bundle, validate=False)
        target = folder / "target.gpkg"
        shutil.copyfile(source, target)
        records = small_projects * (1 + 2 * per_project)
        seconds, merged = timed(merge_bundle, small_bundle, target)
        print(
            f"merge of {records} new records into a {projects + 2 * args.lavori}-record target: "
            f"{seconds:.2f} s "
            f"(added {merged.changed}, conflicts {len(merged.conflicts)})"
        )
        seconds, again = timed(merge_bundle, small_bundle, target)
        print(f"same bundle again (idempotent, nothing written): {seconds:.2f} s (changed {again.changed})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
