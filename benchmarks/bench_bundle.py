"""Benchmark of the regional bundle: export of 100,000 lavori + 100,000 azioni (10,000 complete, valid
projects with their criticità, phases, actors, funding, measures and links) against ogr2ogr copying
the same data tables to a new GeoPackage in the same run, in wall-clock and CPU seconds (CPU: user +
system of the process and its threads, or of the child process; what load on a shared machine
does not inflate):

- the whole command as a user runs it: ``qgis_process run remix:export_bundle`` (strict profile,
  QGIS start-up and plugin loading included), the plugin unpacked from the package zip; once cold
  (the file never validated before) and once after ``qgis_process run remix:validate`` of the same
  file (the usual Valida → Esporta: export/validation_memo.py reuses that validation);
- the command line without QGIS, ``python3 -m remix_plugin export-bundle`` (cold);
- the fixed floor of qgis_process: ``--version`` (QGIS alone) and ``help remix:export_bundle``
  (QGIS, Processing and the plugin loaded, nothing run);
- ``export_bundle`` in Python, with and without the validation engine, with the time of each step;

and the merge of a 10,000-record bundle into a target of about 260,000 records.

    /usr/bin/python3 benchmarks/bench_bundle.py [--lavori 100000] [--runs 2]
"""

import argparse
import os
import resource
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


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command, env=None):
    """(wall s, CPU s) of a child process; raises with its output when it fails."""
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode != 0:
        raise RuntimeError(
            f"{command[:3]} failed ({result.returncode}): {result.stdout[-1500:]}{result.stderr[-1500:]}"
        )
    return wall, cpu


def _in_process(function, *args, **kwargs):
    """(wall s, CPU s of every thread of this process, result)."""
    cpu, start = time.process_time(), time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, time.process_time() - cpu, result


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
    """(wall, CPU) of ``qgis_process run remix:export_bundle`` (strict) as a user types it."""
    times = _run(
        [QGIS_PROCESS, "run", "remix:export_bundle", "--", f"INPUT={source}", f"OUTPUT={bundle}"], env
    )
    if not bundle.exists():
        raise RuntimeError("qgis_process wrote no bundle")
    return times


def _qgis_process_validate(env, source, report):
    return _run([QGIS_PROCESS, "run", "remix:validate", "--", f"INPUT={source}", f"OUTPUT={report}"], env)


def _with_memo(env, folder):
    """``env`` with its own folder of validation memos (empty: nothing validated before)."""
    folder.mkdir(parents=True, exist_ok=True)
    return dict(env, REMIX_VALIDATION_MEMO=str(folder))


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
                build_dataset,
                source,
                projects,
                comuni=("015146",),
                lavori=per_project,
                azioni=per_project,
                complete=True,
            )
            print(
                f"source: {projects} progetti, {args.lavori} lavori, {args.lavori} azioni (+ criticità, "
                f"fasi, attori, finanziamenti, misure) built in {seconds:.1f} s"
            )
        tables = load_spec().table_names
        os.environ["REMIX_VALIDATION_MEMO"] = str(folder / "memo-python")  # not the user's cache
        env = _qgis_process_env(folder) if QGIS_PROCESS else None
        labels = (
            "qgis_process",
            "qgis_process_after_validate",
            "qgis_validate",
            "cli",
            "qgis_version",
            "qgis_start",
            "validated",
            "unvalidated",
            "ogr2ogr",
        )
        times = {label: [] for label in labels}  # (wall, cpu) per run
        breakdowns = {"validated": [], "unvalidated": []}
        for run in range(args.runs):
            if env is not None:
                bundle = folder / f"REMIX_CMM_20250301_{run + 1:02d}_qgis_process.gpkg"
                times["qgis_process"].append(
                    _qgis_process_export(_with_memo(env, folder / f"memo-cold-{run}"), source, bundle)
                )
                warm = _with_memo(env, folder / f"memo-warm-{run}")
                times["qgis_validate"].append(
                    _qgis_process_validate(warm, source, folder / f"report_{run}.jsonl")
                )
                bundle = folder / f"REMIX_CMM_20250301_{run + 1:02d}_after_validate.gpkg"
                times["qgis_process_after_validate"].append(_qgis_process_export(warm, source, bundle))
                times["qgis_version"].append(_run([QGIS_PROCESS, "--version"], env))
                times["qgis_start"].append(_run([QGIS_PROCESS, "help", "remix:export_bundle"], env))
            bundle = folder / f"REMIX_CMM_20250301_{run + 1:02d}_cli.gpkg"
            cli_env = dict(os.environ, REMIX_VALIDATION_MEMO="off", PYTHONPATH=str(ROOT))
            times["cli"].append(
                _run(
                    [sys.executable, "-m", "remix_plugin", "export-bundle", str(source), str(bundle)], cli_env
                )
            )
            for label, validate in (("validated", True), ("unvalidated", False)):
                bundle = folder / f"REMIX_CMM_20250301_{run + 1:02d}_{label}.gpkg"
                steps = _Steps()
                wall, cpu, result = _in_process(
                    export_bundle, source, bundle, validate=validate, step_hook=steps
                )
                times[label].append((wall, cpu))
                breakdowns[label].append(steps.breakdown(steps.start + wall))
            copy = folder / f"ogr2ogr_{run}.gpkg"
            times["ogr2ogr"].append(_run(["ogr2ogr", "-f", "GPKG", str(copy), str(source), *tables]))
        best = {
            label: (min(w for w, _ in values), min(c for _, c in values))
            for label, values in times.items()
            if values
        }
        print(
            "load average at the end: "
            f"{', '.join(f'{v:.1f}' for v in os.getloadavg())} ({os.cpu_count()} CPUs)"
        )
        for label, text in (
            ("qgis_process", "qgis_process run remix:export_bundle (strict), cold:"),
            ("qgis_validate", "qgis_process run remix:validate (strict):            "),
            ("qgis_process_after_validate", "  export_bundle right after that validation:       "),
            ("qgis_start", "  floor: QGIS + plugin start (help only):          "),
            ("qgis_version", "  floor: qgis_process --version:                   "),
            ("cli", "python3 -m remix_plugin export-bundle, cold:       "),
            ("validated", "export_bundle in Python, strict validation:        "),
            ("unvalidated", "export_bundle in Python, no validation:            "),
            ("ogr2ogr", "ogr2ogr, the same data tables:                     "),
        ):
            if label in best:
                runs = "; ".join(f"{w:.2f}/{c:.2f}" for w, c in times[label])
                print(
                    f"{text} wall {best[label][0]:.2f} s, CPU {best[label][1]:.2f} s (runs wall/CPU {runs})"
                )
        for label in ("validated", "unvalidated"):
            print(f"  steps ({label}, wall-clock s): {breakdowns[label][-1]}")
        anchor_wall, anchor_cpu = best["ogr2ogr"]
        for label in ("qgis_process", "qgis_process_after_validate", "cli", "validated", "unvalidated"):
            if label in best:
                wall, cpu = best[label]
                print(
                    f"RATIO {label} / ogr2ogr = wall {wall / anchor_wall:.2f}, CPU {cpu / anchor_cpu:.2f} "
                    "(target <= 1.5)"
                )
        print(
            f"bundle counts: progetti {result.counts['progetti']}, lavori {result.counts['lavori']}, "
            f"azioni {result.counts['azioni']}; size {bundle.stat().st_size / 1e6:.1f} MB"
        )
        from remix_plugin.validation.engine import validate_geopackage

        wall, cpu, report = _in_process(validate_geopackage, str(source), profile="strict")
        print(
            f"validation engine (strict) on the source alone: wall {wall:.2f} s, CPU {cpu:.2f} s "
            f"{report.counts}"
        )
        if args.no_merge:
            return
        # merge: a 10,000-record bundle (new records) into the ~210,000-record source used as target
        small = folder / "small.gpkg"
        per_record = 2 * per_project + 6  # progetto, lavori, azioni, criticità, fase, attore, fondo, misura
        small_projects = max(1, round(args.lavori / 10 / per_record))  # ~10,000 records at 100,000
        build_dataset(
            small,
            small_projects,
            comuni=("015146",),
            lavori=per_project,
            azioni=per_project,
            complete=True,
            first_index=projects,
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
