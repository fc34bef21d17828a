"""Benchmark of the regional bundle: export of 100,000 lavori + 100,000 azioni (10,000 complete, valid
projects with their criticità, phases, actors, funding, measures and links) against ogr2ogr copying
the same data tables to a new GeoPackage in the same run, with and without the validation engine
(strict profile: a file with errors would not export at all); and the merge of a 10,000-record
bundle into a target of about 260,000 records.

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

from bundle_fixtures import (  # noqa: E402
    build_dataset,
)

from remix_plugin.export.merge import merge_bundle  # noqa: E402
from remix_plugin.export.spec import load_spec  # noqa: E402
from remix_plugin.export.writer import export_bundle  # noqa: E402


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
        seconds, _ = timed(
            build_dataset, source, projects, comuni=("015146",), lavori=per_project, azioni=per_project,
            complete=True,
        )
        print(
            f"source: {projects} progetti, {args.lavori} lavori, {args.lavori} azioni (+ criticità, fasi, "
            f"attori, finanziamenti, misure) built in {seconds:.1f} s"
        )
        tables = load_spec().table_names
        times = {"validated": [], "unvalidated": [], "ogr2ogr": []}
        for run in range(2):
            for label, validate in (("validated", True), ("unvalidated", False)):
                bundle = folder / f"REMIX_CMM_20250301_{run + 1:02d}_{label}.gpkg"
                seconds, result = timed(export_bundle, source, bundle, validate=validate)
                times[label].append(seconds)
            copy = folder / f"ogr2ogr_{run}.gpkg"
            seconds, _ = timed(
                subprocess.run, ["ogr2ogr", "-f", "GPKG", str(copy), str(source), *tables], check=True
            )
            times["ogr2ogr"].append(seconds)
        best = {label: min(values) for label, values in times.items()}
        for label, text in (
            ("validated", "export_bundle, strict validation:"),
            ("unvalidated", "export_bundle, no validation:     "),
            ("ogr2ogr", "ogr2ogr, the same data tables:   "),
        ):
            print(f"{text} {best[label]:.2f} s (runs {', '.join(f'{t:.2f}' for t in times[label])})")
        for label in ("validated", "unvalidated"):
            print(f"RATIO export ({label}) / ogr2ogr = {best[label] / best['ogr2ogr']:.2f} (target <= 1.5)")
        print(
            f"bundle counts: progetti {result.counts['progetti']}, lavori {result.counts['lavori']}, "
            f"azioni {result.counts['azioni']}; size {bundle.stat().st_size / 1e6:.1f} MB"
        )
        from remix_plugin.validation.engine import validate_geopackage

        seconds, report = timed(validate_geopackage, str(source), profile="strict")
        print(f"validation engine (strict) on the source alone: {seconds:.2f} s {report.counts}")
        # merge: a 10,000-record bundle (new records) into the ~210,000-record source used as target
        small = folder / "small.gpkg"
        per_record = 2 * per_project + 6  # progetto, lavori, azioni, criticità, fase, attore, fondo, misura
        small_projects = max(1, round(args.lavori / 10 / per_record))  # ~10,000 records at 100,000
        build_dataset(
            small, small_projects, comuni=("015146",), lavori=per_project, azioni=per_project,
            complete=True, first_index=projects,
        )
        small_bundle = folder / "REMIX_015146_20250301_01.gpkg"
        export_bundle(small, small_bundle, validate=False)
        target = folder / "target.gpkg"
        shutil.copyfile(source, target)
        records = small_projects * per_record
        target_records = sum(result.counts[name] for name in tables)
        seconds, merged = timed(merge_bundle, small_bundle, target)
        print(
            f"merge of {records} new records into a {target_records}-record target: "
            f"{seconds:.2f} s "
            f"(added {merged.changed}, conflicts {len(merged.conflicts)})"
        )
        seconds, again = timed(merge_bundle, small_bundle, target)
        print(f"same bundle again (idempotent, nothing written): {seconds:.2f} s (changed {again.changed})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
