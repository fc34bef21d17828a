#!/usr/bin/env python3
"""The headless half of `make demo` (run with /usr/bin/python3, QGIS offscreen):

1. build out/remix_demo.gpkg from the seed's catalogue (six projects), with its QGIS project,
   with illustrative indicator baselines, targets and measurements (out/kpi_report*.csv) and two
   illustrative calls for funding, matched with the projects (out/abbinamenti_finanziamenti*.csv);
2. validate it with the command-line validator (no QGIS): out/remix_demo_validation.jsonl;
3. export the regional bundle (strict profile): out/REMIX_CMM_<date>_NN.gpkg;
4. check the bundle with the independent checker (no QGIS): out/bundle_check.txt;
5. render the atlas PDF: out/atlante_remix_demo.pdf;
6. publish the web atlas: out/web/index.html;
7. propose networks of projects and score the metropolitan priority: out/proposte_programmi.gpkg,
   out/priorita_metropolitana.csv.

Each step prints one line; out/SUMMARY.md lists what was made and where.
"""

import datetime
import os
import subprocess  # scripts only (not shipped): runs the no-QGIS command line as a user would
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
SYS_PY = "/usr/bin/python3"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _cli(*args):
    """Run `python3 -m remix_plugin ...` without QGIS; returns (exit code, output)."""
    done = subprocess.run([SYS_PY, "-m", "remix_plugin", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False)
    return done.returncode, done.stdout + done.stderr


def main():
    from qgis.core import QgsApplication

    OUT.mkdir(exist_ok=True)
    app = QgsApplication([], False)
    app.initQgis()
    lines = []
    failures = 0

    def report(step, text, ok=True):
        nonlocal failures
        failures += 0 if ok else 1
        line = f"[demo] {step}: {text}"
        print(line, flush=True)
        lines.append(f"- **{step}**: {text}" + ("" if ok else " — **FAILED**"))

    def report_lines(more):
        """The incubator's demo steps return their own SUMMARY.md lines."""
        nonlocal failures
        for line in more:
            failures += "**FAILED**" in line
            print("[demo] " + line.lstrip(" -"), flush=True)
            lines.append(line)

    try:
        from remix_plugin.atlas.export import export_atlas_pdf
        from remix_plugin.demo import funding, monitoring, networks, web
        from remix_plugin.demo.build import build_demo_geopackage
        from remix_plugin.export.spec import next_file_name
        from remix_plugin.export.writer import export_bundle

        gpkg = OUT / "remix_demo.gpkg"
        started = time.perf_counter()
        build_demo_geopackage(gpkg, with_project=True)
        report("GeoPackage", f"{gpkg.relative_to(ROOT)} ({gpkg.stat().st_size // 1024} KiB, "
                             f"{time.perf_counter() - started:.1f} s)")
        # Before the bundle, so that it carries the demo's (illustrative) calls for funding too.
        report_lines(monitoring.add_to_demo(gpkg, OUT))
        report_lines(funding.add_to_demo(gpkg, OUT))

        code, text = _cli("validate", str(gpkg), "--format", "jsonl")
        (OUT / "remix_demo_validation.jsonl").write_text(text, encoding="utf-8")
        findings = [line for line in text.splitlines() if line.startswith("{")]
        errors = sum('"severity": "error"' in line or '"severity":"error"' in line for line in findings)
        report("Validation", f"exit {code}, {errors} errors, {len(findings) - errors} warnings "
                             "→ out/remix_demo_validation.jsonl", ok=code in (0, 1) and errors == 0)

        bundle = OUT / next_file_name(OUT, "CMM", datetime.date.today())
        started = time.perf_counter()
        export_bundle(gpkg, bundle, producer="CMM", producer_name="Città metropolitana di Milano",
                      profile="strict")
        report("Bundle", f"{bundle.relative_to(ROOT)} ({time.perf_counter() - started:.1f} s)")

        code, text = _cli("check-bundle", str(bundle))
        (OUT / "bundle_check.txt").write_text(text, encoding="utf-8")
        report("Independent check", f"exit {code} → out/bundle_check.txt", ok=code == 0)

        pdf = OUT / "atlante_remix_demo.pdf"
        result = export_atlas_pdf(gpkg, pdf)
        report("Atlas", f"{pdf.relative_to(ROOT)}: {result.pages} pages, {result.projects} projects, "
                        f"{result.seconds:.1f} s")
        report_lines(web.add_to_demo(gpkg, OUT))
        report_lines(networks.add_to_demo(gpkg, OUT))
    except Exception as exc:  # the demo reports what failed instead of a bare traceback
        report("Error", f"{type(exc).__name__}: {exc}", ok=False)
    finally:
        app.exitQgis()

    summary = OUT / "SUMMARY.md"
    summary.write_text("# RE.MIX demo\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
