"""Benchmark: render the RE.MIX atlas of a large GeoPackage to PDF.

    /usr/bin/python3 benchmarks/bench_atlas.py [--projects 300] [--dpi 150] [--keep DIR]

Builds a RE.MIX GeoPackage of ``--projects`` generated projects (the seed's six cards cycled over
the 133 comuni, with their lavori, azioni, phases, actors and measurements: the demo builder),
then times preparing the atlas (reading the cards, coverage, layout) and rendering the PDF
(cover + summary + one page per project), and prints pages, seconds, seconds per page, PDF size
and peak memory. Headless (QT_QPA_PLATFORM=offscreen); no timed assertion anywhere.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=300)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--keep", help="folder to keep the GeoPackage and the PDF in")
    args = parser.parse_args()

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from remix_plugin.atlas.export import export_atlas_pdf, prepare_atlas
    from remix_plugin.demo.build import build_generated_geopackage

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_atlas_"))
    folder.mkdir(parents=True, exist_ok=True)
    gpkg = folder / f"atlas_{args.projects}.gpkg"
    pdf = folder / f"atlas_{args.projects}.pdf"

    started = time.perf_counter()
    build_generated_geopackage(gpkg, args.projects)
    build_s = time.perf_counter() - started

    started = time.perf_counter()
    job = prepare_atlas(gpkg)
    prepare_s = time.perf_counter() - started
    job.layout = None
    job.project.clear()
    job = None

    result = export_atlas_pdf(gpkg, pdf, dpi=args.dpi)
    render_s = result.seconds - prepare_s
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pdf_pages = next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"projects                 {result.projects}")
    print(f"pages (pdfinfo)          {pdf_pages} (expected {result.pages})")
    print(f"build GeoPackage         {build_s:8.2f} s")
    print(f"prepare atlas            {prepare_s:8.2f} s (cards, coverage, layout)")
    print(f"export PDF, total        {result.seconds:8.2f} s")
    print(f"render only (approx.)    {render_s:8.2f} s")
    print(f"time per page            {result.seconds_per_page * 1000:8.1f} ms (total / pages)")
    print(f"PDF size                 {pdf.stat().st_size / 1e6:8.2f} MB at {args.dpi} dpi")
    print(f"peak RSS                 {peak_mb:8.0f} MB")
    if not args.keep:
        for path in (gpkg, pdf):
            path.unlink()
        folder.rmdir()
    app.exitQgis()


if __name__ == "__main__":
    main()
