#!/usr/bin/env python3
"""Benchmark: the web atlas of 5,000 projects and 20,000 lavori (issue 15).

1. Publication (remix_plugin.web.publish.publish_web) against an anchor measured in the same run:
   ``ogr2ogr -f GeoJSON -t_srs EPSG:4326`` of the same lavori (the plain conversion of the largest
   layer, with nothing of the atlas's selection, simplification, cards or labels). Reported: both
   times and their ratio, the data folder's size raw and gzip-compressed (what a web server sends)
   against the anchor's GeoJSON, and the gzip budget.
2. In headless Chromium (tests/e2e/web_chromium.py): the time from navigation until the page has
   drawn its map and is interactive (``remixAtlas.ready``: data parsed, list and summary drawn,
   map ``idle``), and the time a comune filter takes to update counts, list and map.

    /usr/bin/python3 benchmarks/bench_web_publish.py [--source FILE.gpkg] [--projects 5000] [--lavori 20000]

The generated GeoPackage takes about two minutes to build; ``--source`` reuses one (it is copied,
never modified). Exit 1 when a budget is exceeded.
"""

import argparse
import gzip
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GZIP_BUDGET_BYTES = 5 * 1024 * 1024  # data/ as sent by a web server with gzip
READY_BUDGET_S = 15.0  # SwiftShader (software WebGL) on a shared 2-core machine


def prepare(source, folder, n_projects, n_lavori):
    from osgeo import ogr

    from remix_plugin.demo.build import build_generated_geopackage

    path = folder / "bench.gpkg"
    if source:
        shutil.copyfile(source, path)
    else:
        build_generated_geopackage(path, n_projects)
    with sqlite3.connect(path) as db:
        columns = {row[1] for row in db.execute('PRAGMA table_info("progetti")')}
        if "pubblicabile" not in columns:
            db.execute('ALTER TABLE "progetti" ADD COLUMN "pubblicabile" BOOLEAN DEFAULT 0')
        db.execute('UPDATE "progetti" SET "pubblicabile" = 1')
    dataset = ogr.Open(str(path), 1)
    layer = dataset.GetLayerByName("lavori")
    existing = [feature.Clone() for feature in layer]
    missing = n_lavori - len(existing)
    dataset.StartTransaction()
    copy = 0
    while missing > 0:
        original = existing[copy % len(existing)]
        feature = original.Clone()
        feature.SetFID(-1)
        geometry = feature.GetGeometryRef().Clone()
        shift = 40.0 * (1 + copy // len(existing))  # metres, beside the original perimeter
        for i in range(geometry.GetGeometryCount()):
            polygon = geometry.GetGeometryRef(i)
            for j in range(polygon.GetGeometryCount()):
                ring = polygon.GetGeometryRef(j)
                for k in range(ring.GetPointCount()):
                    x, y = ring.GetX(k), ring.GetY(k)
                    ring.SetPoint_2D(k, x + shift, y)
        feature.SetGeometry(geometry)
        feature.SetField("uuid", str(uuid.uuid4()))
        feature.SetField("titolo", f"{original.GetField('titolo')} (lotto {copy + 2})")
        layer.CreateFeature(feature)
        copy += 1
        missing -= 1
    dataset.CommitTransaction()
    dataset = None
    with sqlite3.connect(path) as db:
        counts = (
            db.execute("SELECT count(*) FROM progetti").fetchone()[0],
            db.execute("SELECT count(*) FROM lavori").fetchone()[0],
        )
    return path, counts


def folder_bytes(folder, gz=False):
    total = 0
    for item in Path(folder).rglob("*"):
        if item.is_file():
            total += len(gzip.compress(item.read_bytes(), 6)) if gz else item.stat().st_size
    return total


def browser_times(site_folder):
    sys.path.insert(0, str(ROOT))
    from tests.e2e.web_chromium import Chromium, chromium_path, serve

    if chromium_path() is None:
        return None
    with serve(site_folder) as base, Chromium() as browser:
        page = browser.page()
        page.set_size(1366, 768)
        start = time.perf_counter()
        page.navigate(base + "index.html")
        page.wait_for("window.remixAtlas && window.remixAtlas.ready === true", timeout=180)
        ready = time.perf_counter() - start
        istat = page.evaluate("window.remixAtlas.data.projects[0].comune_istat")
        start = time.perf_counter()
        page.evaluate(
            "(function(){var s=document.getElementById('f-comune'); s.value='" + istat + "';"
            "s.dispatchEvent(new Event('change'));})()"
        )
        page.evaluate(
            "new Promise(function(r){window.remixAtlas.map.once('idle', function(){r(true);});"
            "window.remixAtlas.map.triggerRepaint();})",
            await_promise=True,
        )
        filtered = time.perf_counter() - start
        shown = page.evaluate("document.getElementById('counts').dataset.projects")
        errors = list(page.console_errors)
        page.close()
    return {"ready_s": ready, "filter_s": filtered, "filtered_projects": int(shown), "console_errors": errors}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="a generated GeoPackage to reuse (copied)")
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--lavori", type=int, default=20000)
    args = parser.parse_args(argv)
    from remix_plugin.web.publish import publish_web

    with tempfile.TemporaryDirectory(prefix="remix-bench-web-") as scratch:
        scratch = Path(scratch)
        t0 = time.perf_counter()
        source, (n_projects, n_lavori) = prepare(args.source, scratch, args.projects, args.lavori)
        print(
            f"data: {n_projects} projects, {n_lavori} lavori (prepared in {time.perf_counter() - t0:.1f} s)"
        )

        start = time.perf_counter()
        record = publish_web(source, scratch / "atlas")
        publish_s = time.perf_counter() - start

        anchor = scratch / "lavori.geojson"
        start = time.perf_counter()
        subprocess.run(
            ["ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326", str(anchor), str(source), "lavori"],
            check=True,
            capture_output=True,
        )
        anchor_s = time.perf_counter() - start

        data = scratch / "atlas" / "data"
        raw, packed = folder_bytes(data), folder_bytes(data, gz=True)
        whole = folder_bytes(scratch / "atlas")
        anchor_raw = anchor.stat().st_size
        anchor_gz = len(gzip.compress(anchor.read_bytes(), 6))
        result = {
            "projects": record["counts"]["progetti"],
            "lavori": record["counts"]["lavori"],
            "publish_s": round(publish_s, 2),
            "anchor_ogr2ogr_s": round(anchor_s, 2),
            "ratio_time": round(publish_s / anchor_s, 2),
            "data_bytes": raw,
            "data_gzip_bytes": packed,
            "folder_bytes": whole,
            "anchor_bytes": anchor_raw,
            "anchor_gzip_bytes": anchor_gz,
            "ratio_size_gzip": round(packed / anchor_gz, 2),
            "gzip_budget_bytes": GZIP_BUDGET_BYTES,
        }
        print(
            f"publish_web: {publish_s:.2f} s; ogr2ogr GeoJSON of the lavori: {anchor_s:.2f} s; "
            f"ratio {result['ratio_time']}"
        )
        print(
            f"data/: {raw / 1e6:.2f} MB raw, {packed / 1e6:.2f} MB gzip "
            f"(budget {GZIP_BUDGET_BYTES / 1e6:.1f} MB); "
            f"anchor {anchor_raw / 1e6:.2f} MB raw, {anchor_gz / 1e6:.2f} MB gzip; "
            f"gzip ratio {result['ratio_size_gzip']}; whole folder {whole / 1e6:.2f} MB"
        )
        browser = browser_times(scratch / "atlas")
        if browser is not None:
            result.update({k: (round(v, 2) if isinstance(v, float) else v) for k, v in browser.items()})
            print(
                f"chromium (SwiftShader): ready in {browser['ready_s']:.2f} s (budget {READY_BUDGET_S} s); "
                f"comune filter {browser['filter_s']:.2f} s -> {browser['filtered_projects']} projects; "
                f"console errors: {len(browser['console_errors'])}"
            )
        print(json.dumps(result))
    over = packed > GZIP_BUDGET_BYTES or (
        browser is not None and (browser["ready_s"] > READY_BUDGET_S or browser["console_errors"])
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
