"""Benchmark: the RE.MIX atlas of a large GeoPackage as a PDF, against the atlas of before issue 17.

    /usr/bin/python3 benchmarks/bench_atlas.py [--projects 300] [--dpi 300] [--baseline REV|none] [--keep DIR]

Builds one RE.MIX GeoPackage of ``--projects`` generated projects (the seed's six cards cycled over
the 133 comuni, with their lavori, azioni, phases, actors and measurements: the demo builder), then,
in the same run and on the same file:

- the **baseline**: the atlas code of git revision ``--baseline`` (default: the last commit before
  issue 17's atlas, full-vector overview of the 133 comuni and raster hatch; ``none`` skips it),
  exported from ``git archive`` into a temporary folder and run in a child process, at its own
  default of 150 dpi and at ``--dpi``;
- **now**: this checkout's atlas at ``--dpi`` (300 by default: maps sharp in print), and the A3 poster.

Prints pages, seconds, milliseconds per page, KB per page, images in the PDF, peak memory.
Headless (QT_QPA_PLATFORM=offscreen); no timed assertion anywhere.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
BASELINE = "6a8fce4"  # the atlas as issue 17 found it (96 MB at 300 dpi for 300 projects)

CHILD = """
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from remix_plugin.atlas.export import export_atlas_pdf
result = export_atlas_pdf(sys.argv[2], sys.argv[3], dpi=int(sys.argv[4]))
print(json.dumps({"pages": result.pages, "seconds": result.seconds}))
app.exitQgis()
"""


def pdf_facts(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "0"))
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout
    return pages, max(0, len(images.strip().splitlines()) - 2)


def report(label, seconds, pdf, dpi):
    pages, images = pdf_facts(pdf)
    size = pdf.stat().st_size
    print(f"{label:<34} {pages:5d} pages {seconds:8.1f} s {seconds / pages * 1000:8.0f} ms/page "
          f"{size / 1e6:7.2f} MB {size / pages / 1024:7.1f} KB/page {images:5d} images  ({dpi} dpi)")
    return {"label": label, "pages": pages, "seconds": round(seconds, 2), "bytes": size,
            "kb_per_page": round(size / pages / 1024, 1), "ms_per_page": round(seconds / pages * 1000),
            "images": images, "dpi": dpi}


def baseline_tree(revision, folder):
    """The plugin of ``revision`` extracted from git into ``folder``; None when git cannot."""
    archive = folder / "baseline.tar"
    done = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), revision,
                           "remix_plugin"], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"baseline {revision}: {done.stderr.strip()} (skipped)")
        return None
    tree = folder / "baseline"
    with tarfile.open(archive) as handle:
        handle.extractall(tree, filter="data") if sys.version_info >= (3, 12) else handle.extractall(tree)
    return tree


def run_baseline(tree, gpkg, pdf, dpi):
    done = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(gpkg), str(pdf), str(dpi)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-2000:])
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=300)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--baseline", default=BASELINE, help="git revision of the atlas to compare, or none")
    parser.add_argument("--keep", help="folder to keep the GeoPackage and the PDFs in")
    parser.add_argument("--json", help="write the figures to this JSON file")
    args = parser.parse_args()

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from remix_plugin.atlas.export import export_atlas_pdf, prepare_atlas
    from remix_plugin.atlas.poster import export_poster_pdf
    from remix_plugin.demo.build import build_generated_geopackage

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_atlas_"))
    folder.mkdir(parents=True, exist_ok=True)
    gpkg = folder / f"atlas_{args.projects}.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    started = time.perf_counter()
    build_generated_geopackage(gpkg, args.projects)
    print(f"build GeoPackage ({args.projects} projects)  {time.perf_counter() - started:.2f} s")

    rows = []
    if args.baseline.lower() != "none":
        tree = baseline_tree(args.baseline, folder)
        for dpi in sorted({150, args.dpi}):
            pdf = folder / f"baseline_{dpi}.pdf"
            seconds = run_baseline(tree, gpkg, pdf, dpi) if tree is not None else None
            if seconds is not None:
                rows.append(report(f"baseline {args.baseline}", seconds, pdf, dpi))

    started = time.perf_counter()
    job = prepare_atlas(gpkg)
    prepare_s = time.perf_counter() - started
    job.layout = None
    job.project.clear()
    job = None
    print(f"prepare atlas (cards, fitting, layout) {prepare_s:.2f} s")
    pdf = folder / f"atlas_{args.projects}.pdf"
    result = export_atlas_pdf(gpkg, pdf, dpi=args.dpi)
    rows.append(report("now", result.seconds, pdf, args.dpi))
    poster = folder / "poster.pdf"
    result = export_poster_pdf(gpkg, poster, dpi=args.dpi)
    rows.append(report("now: A3 poster", result.seconds, poster, args.dpi))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS                           {peak_mb:.0f} MB (this process; the baseline runs in a child)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if not args.keep:
        for path in folder.rglob("*"):
            if path.is_file():
                path.unlink()
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir()
        folder.rmdir()
    app.exitQgis()


if __name__ == "__main__":
    main()
