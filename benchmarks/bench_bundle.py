"""Benchmark of the regional bundle: export of 100,000 lavori + 100,000 azioni (10,000 complete, valid
projects with their criticità, phases, actors, funding, measures and links) against ogr2ogr copying
the same data tables to a new GeoPackage in the same run:

- the whole command as a user runs it: ``qgis_process run remix:export_bundle`` (strict profile,
  QGIS start-up and plugin loading included), the plugin unpacked from the package zip;
- ``export_bundle`` in Python, with and without the validation engine, with the time of each step;

and the merge of a 10,000-record bundle into a target of about 260,000 records.

    /usr/bin/python3 benchmarks/bench_bundle.py [--lavori 100000] [--runs 2]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from bundle_fixtures import (  # noqa: E402
    build_dataset,
)

from remix_plugin.export.merge import merge_bundle  # noqa: E402
from remix_plugin.export.spec import load_spec  # noqa: E402
from remix_plugin.export.writer import export_bundle  # noqa: E402

QGIS_PROCESS = shutil.which("qgis_process.bin") or shutil.which("qgis_process")


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def _qgis_process_env(folder):
    """QGIS_PLUGINPATH with the plugin unpacked from a zip built from this checkout; the plugin
    enabled in a private configuration folder (what a user's profile has after installing it)."""
    import build_package
    import deploy

    plugins = folder / "plugins"
    archive = build_package.build(folder / "remix_plugin.zip")
    deploy.safe_extract(archive, plugins)
    env = dict(os.environ)
    env.update(
        {
            "QGIS_PLUGINPATH": str(plugins),
            "QGIS_CUSTOM_CONFIG_PATH": str(folder / "qgis-config"),
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": str(folder),
        }
    )
    enable = [QGIS_PROCESS, "plugins", "enable", "remix_plugin"]
    subprocess.run(enable, env=env, check=True, capture_output=True)
    return env


def _qgis_process_export(env, source, bundle):
    """Seconds of ``qgis_process run remix:export_bundle`` (strict) as a user types it."""
    start = time.perf_counter()
    result = subprocess.run(
        [QGIS_PROCESS, "run", "remix:export_bundle", "--", f"INPUT={source}", f"OUTPUT={bundle}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0 or not bundle.exists():
        raise RuntimeError(
            f"qgis_process failed ({result.returncode}): {result.stdout[-1500:]}{result.stderr[-1500:]}"
        )
    return seconds


def _qgis_process_start(env):
    """Seconds QGIS takes to start, load the plugin and describe the algorithm (no export)."""
    start = time.perf_counter()
    subprocess.run([QGIS_PROCESS, "help", "remix:export_bundle"], env=env, capture_output=True, check=True)
    return time.perf_counter() - start


class _Steps:
    """Wall-clock time between the writer's steps (its ``step_hook``)."""

    def __init__(self):
        self.marks = []
        self.start = time.perf_counter()

    def __call__(self, name):
        now = time.perf_counter()
        if not self.marks or self.marks[-1][0] != name:
            self.marks.append([name, now])
        else:
            self.marks[-1][1] = now

    def breakdown(self, end):
        out, previous = [], self.start
        for name, when in self.marks:
            out.append(f"{name} {when - previous:.2f}")
            previous = when
        out.append(f"check+replace {end - previous:.2f}")
        return ", ".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lavori", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--source", default="", help="an existing source GeoPackage to reuse")
    parser.add_argument("--no-merge", action="store_true", help="skip the merge measurements")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows while it runs (make bench | tee)
    per_project = 10
    projects = args.lavori // per_project
    folder = Path(tempfile.mkdtemp(prefix="remix-bench-bundle-"))
    try:
        source = folder / "source.gpkg"
        if args.source:
            shutil.copyfile(args.source, source)
        else:
            seconds, _ = timed(
                build_dataset, source, projects, comuni=("015146",), lavori=per_project, azioni=per_project,
                complete=True,
            )
            print(
                f"source: {projects} progetti, {args.lavori} lavori, {args.lavori} azioni (+ criticità, "
                f"fasi, attori, finanziamenti, misure) built in {seconds:.1f} s"
            )
        tables = load_spec().table_names
        env = _qgis_process_env(folder) if QGIS_PROCESS else None
        times = {"qgis_process": [], "qgis_start": [], "validated": [], "unvalidated": [], "ogr2ogr": []}
        breakdowns = {"validated": [], "unvalidated": []}
        for run in range(args.runs):
            if env is not None:
                bundle = folder / f"REMIX_CMM_20250301_{run + 1:02d}_qgis_process.gpkg"
                times["qgis_process"].append(_qgis_process_export(env, source, bundle))
                times["qgis_start"].append(_qgis_process_start(env))
            for label, validate in (("validated", True), ("unvalidated", False)):
                bundle = folder / f"REMIX_CMM_20250301_{run + 1:02d}_{label}.gpkg"
                steps = _Steps()
                seconds, result = timed(export_bundle, source, bundle, validate=validate, step_hook=steps)
                times[label].append(seconds)
                breakdowns[label].append(steps.breakdown(steps.start + seconds))
            copy = folder / f"ogr2ogr_{run}.gpkg"
            seconds, _ = timed(
                subprocess.run, ["ogr2ogr", "-f", "GPKG", str(copy), str(source), *tables], check=True
            )
            times["ogr2ogr"].append(seconds)
        best = {label: min(values) for label, values in times.items() if values}
        for label, text in (
            ("qgis_process", "qgis_process run remix:export_bundle (strict):"),
            ("qgis_start", "  of which QGIS start + plugin (help only):"),
            ("validated", "export_bundle, strict validation:     "),
            ("unvalidated", "export_bundle, no validation:         "),
            ("ogr2ogr", "ogr2ogr, the same data tables:       "),
        ):
            if label in best:
                print(f"{text} {best[label]:.2f} s (runs {', '.join(f'{t:.2f}' for t in times[label])})")
        for label in ("validated", "unvalidated"):
            print(f"  steps ({label}, wall-clock s): {breakdowns[label][-1]}")
        for label in ("qgis_process", "validated", "unvalidated"):
            if label in best:
                print(f"RATIO {label} / ogr2ogr = {best[label] / best['ogr2ogr']:.2f} (target <= 1.5)")
        print(
            f"bundle counts: progetti {result.counts['progetti']}, lavori {result.counts['lavori']}, "
            f"azioni {result.counts['azioni']}; size {bundle.stat().st_size / 1e6:.1f} MB"
        )
        from remix_plugin.validation.engine import validate_geopackage

        seconds, report = timed(validate_geopackage, str(source), profile="strict")
        print(f"validation engine (strict) on the source alone: {seconds:.2f} s {report.counts}")
        if args.no_merge:
            return
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
