#!/usr/bin/env python3
"""Dock tree with 5,000 projects and 20,000 lavori: fill time, each filter / search response and
the longest single blocking time of the GUI thread (a 5 ms heartbeat timer measures the gaps).

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 benchmarks/bench_dock_tree.py [--projects N] [--lavori N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STATI = ["proposta", "in_progettazione", "finanziato", "in_corso", "concluso", "sospeso"]
SCALE = ["strategico_metropolitano", "sovracomunale", "comunale"]
AMBITI = ["urbanistico", "infrastrutturale", "ambientale", "paesistico", "sociale", "culturale", "economico"]


def build(path, n_projects, n_lavori, n_programmes=25, n_azioni=5000, n_criticita=2000):
    from osgeo import ogr

    from remix_plugin.layers.geopackage import create_geopackage

    create_geopackage(path)
    rng = random.Random(42)
    dataset = ogr.Open(str(path), 1)
    comuni = []
    for feature in dataset.GetLayerByName("comuni"):
        point = feature.GetGeometryRef().PointOnSurface()
        comuni.append((feature.GetField("istat"), point.GetX(), point.GetY()))
    stamp = "2024-01-01T00:00:00Z"

    def write(table, rows, geometry=None):
        layer = dataset.GetLayerByName(table)
        definition = layer.GetLayerDefn()
        dataset.StartTransaction()
        for index, values in enumerate(rows):
            feature = ogr.Feature(definition)
            for name, value in values.items():
                if value is not None:
                    feature.SetField(name, value)
            feature.SetField("creato_il", stamp)
            feature.SetField("modificato_il", stamp)
            if geometry is not None:
                feature.SetGeometry(geometry(index, values))
            layer.CreateFeature(feature)
        dataset.CommitTransaction()

    programmes = [f"00000000-0000-4000-8000-{i:012d}" for i in range(n_programmes)]
    write("programmi", ({"uuid": u, "titolo": f"Programma {i:03d}"} for i, u in enumerate(programmes)))
    projects = []
    for i in range(n_projects):
        comune = comuni[rng.randrange(len(comuni))]
        projects.append((f"10000000-0000-4000-8000-{i:012d}", comune))
    write("progetti", ({
        "uuid": u, "titolo": f"Progetto {i:05d} {c[0]}",
        "programma_uuid": programmes[rng.randrange(n_programmes)] if rng.random() < 0.8 else None,
        "comune_istat": c[0], "ambito_opportunita": json.dumps(rng.sample(AMBITI, rng.randint(1, 3))),
        "scala_impatto": rng.choice(SCALE), "stato_progetto": rng.choice(STATI),
    } for i, (u, c) in enumerate(projects)))
    lavori_project = [projects[i % n_projects] for i in range(n_lavori)]

    def square(index, _values):
        _uuid, (_istat, x, y) = lavori_project[index]
        dx, dy = (index // n_projects) * 60.0, 0.0
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for px, py in ((0, 0), (40, 0), (40, 40), (0, 40), (0, 0)):
            ring.AddPoint_2D(x + dx + px, y + dy + py)
        polygon = ogr.Geometry(ogr.wkbPolygon)
        polygon.AddGeometry(ring)
        multi = ogr.Geometry(ogr.wkbMultiPolygon)
        multi.AddGeometry(polygon)
        return multi

    write("lavori", ({"uuid": f"20000000-0000-4000-8000-{i:012d}", "titolo": f"Lavoro {i:05d}",
                      "progetto_uuid": p[0], "comune_istat": p[1][0]}
                     for i, p in enumerate(lavori_project)), square)
    write("azioni", ({"uuid": f"30000000-0000-4000-8000-{i:012d}", "titolo": f"Azione {i:05d}",
                      "progetto_uuid": projects[rng.randrange(n_projects)][0]} for i in range(n_azioni)))
    write("criticita", ({"uuid": f"40000000-0000-4000-8000-{i:012d}", "titolo": f"Criticità {i:05d}",
                         "progetto_uuid": projects[rng.randrange(n_projects)][0]}
                        for i in range(n_criticita)))
    dataset = None


class Heartbeat:
    """A 5 ms timer: the longest gap between its ticks is the longest GUI freeze."""

    def __init__(self):
        from qgis.PyQt.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.last = None
        self.max_gap = 0.0

    def tick(self):
        now = time.perf_counter()
        if self.last is not None:
            self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def start(self):
        self.last = time.perf_counter()
        self.timer.start()


def pump(seconds=0.05):
    from qgis.PyQt.QtCore import QCoreApplication

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QCoreApplication.processEvents()


def shown_dock(width=380, height=800):
    """(the RE.MIX dock shown at ``width``×``height`` on a stand-in for QGIS's iface, its map
    canvas): keep the canvas alive as long as the dock. Used by bench_central_dock_tree too."""
    from unittest.mock import MagicMock

    from qgis.gui import QgsMapCanvas

    from remix_plugin.gui.dock import RemixDock

    canvas = QgsMapCanvas()
    canvas.resize(800, 600)

    class Iface:
        def mapCanvas(self):
            return canvas

        def activeLayer(self):
            return None

        def messageBar(self):
            return None

        openFeatureForm = MagicMock()  # noqa: N815 (QGIS API name)

    class Plugin:
        iface = Iface()
        new_geopackage = open_geopackage = MagicMock()

    dock = RemixDock(Plugin(), None)
    dock.resize(width, height)
    dock.show()
    return dock, canvas


def timed(label, function, results, repeat=3):
    values = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        values.append(time.perf_counter() - start)
        pump(0.02)
    results.append((label, statistics.median(values), max(values)))
    return values


def size_args(argv, doc):
    """``--projects N --lavori N`` (5,000 and 20,000: the size both dock benchmarks measure)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--lavori", type=int, default=20000)
    return parser.parse_args(argv)


def main(argv=None):
    args = size_args(argv, __doc__)

    from qgis.core import QgsApplication, QgsProject

    app = QgsApplication([], True)
    app.initQgis()
    from remix_plugin.gui.project_tree import TreeData
    from remix_plugin.qgis_project.builder import build_project

    folder = Path(tempfile.mkdtemp(prefix="bench_dock_"))
    path = folder / "bench.gpkg"
    start = time.perf_counter()
    build(path, args.projects, args.lavori)
    print(f"data: {args.projects} projects, {args.lavori} lavori, 5000 azioni, 2000 criticità "
          f"written with OGR in {time.perf_counter() - start:.2f} s ({path.stat().st_size / 1e6:.1f} MB)")
    layers, _relations = build_project(str(path), QgsProject.instance(), "it")

    dock, canvas = shown_dock()
    heartbeat = Heartbeat()
    heartbeat.start()
    results = []

    timed("read layers (TreeData.read)", lambda: TreeData.read(dock.layers or layers), results)
    start = time.perf_counter()
    dock.set_geopackage(str(path))
    first_fill = time.perf_counter() - start
    pump(0.1)
    timed("tree refill (rebuild)", dock.rebuild, results)
    proxy = dock.proxy

    def search(text):
        def run():
            dock.search.setText(text)
            dock._apply_search()  # the 150 ms typing debounce skipped: measure the work itself
        return run

    def combo(widget, code):
        def run():
            widget.setCurrentIndex(widget.findData(code))
            widget.setCurrentIndex(0)
        return run

    timed("search 'Progetto 0123' (+ clear)", lambda: (search("Progetto 0123")(), search("")()), results)
    timed("search 'Lavoro 1999' (child titles)", search("Lavoro 1999"), results)
    search("")()
    timed("filter comune Rho (set + clear)", combo(dock.comune_combo, "015182"), results)
    timed("filter zona Nord Ovest (set + clear)", combo(dock.zona_combo, "nord_ovest"), results)
    timed("filter stato in_corso (set + clear)", combo(dock.stato_combo, "in_corso"), results)
    timed("filter ambito sociale (set + clear)", combo(dock.ambito_combo, "sociale"), results)
    timed("filter scala comunale (set + clear)", combo(dock.scala_combo, "comunale"), results)
    problems = {p for i, p in enumerate(dock.data.projects) if i % 7 == 0}
    timed("has problems (714 projects, set + clear)",
          lambda: (dock.set_problem_projects(problems), dock.problems_check.setChecked(True),
                   dock.problems_check.setChecked(False)), results)
    first = proxy.index(0, 0)
    timed("expand a programme (~160 projects)", lambda: (dock.tree.expand(first), pump(0.0),
                                                         dock.tree.collapse(first)), results)
    project_uuid = next(iter(dock.data.projects))
    timed("select a project (map selection + zoom)", lambda: dock.select_item("progetto", project_uuid),
          results)
    lavori = dock.layers["lavori"]
    lavori.startEditing()

    def edit_cycle():
        fid = next(lavori.getFeatures()).id()
        lavori.changeAttributeValue(fid, lavori.fields().indexOf("titolo"), "Rinominato")
        pump(0.3)  # debounce + rebuild happen inside the event loop
        lavori.undoStack().undo()
        pump(0.3)

    def dirty_rebuild(table):
        def run():
            dock._dirty = {table}
            dock.rebuild()
        return run

    timed("live update after a lavori edit (re-read lavori)", dirty_rebuild("lavori"), results)
    timed("live update after a progetti edit (re-read progetti)", dirty_rebuild("progetti"), results)
    heartbeat.max_gap = 0.0
    edit_cycle()
    edit_gap = heartbeat.max_gap
    lavori.rollBack()
    pump(0.3)

    print(f"first fill (set_geopackage: read + model + combos): {first_fill * 1000:.0f} ms")
    print(f"{'operation':48s} {'median ms':>10s} {'max ms':>8s}")
    for label, median, worst in results:
        print(f"{label:48s} {median * 1000:10.1f} {worst * 1000:8.1f}")
    print(f"items in the model: {count_items(dock.model)} (project children are created on expand)")
    print(f"max GUI blocking during an edit + undo in the lavori edit buffer: {edit_gap * 1000:.0f} ms")
    print(f"max single blocking time of the GUI thread during the run: {heartbeat.max_gap * 1000:.0f} ms "
          f"(includes the first fill: {first_fill * 1000:.0f} ms)")
    dock.teardown()
    dock.deleteLater()
    QgsProject.instance().clear()
    layers = None
    del canvas
    app.exitQgis()
    return 0


def count_items(model):
    total = 0
    stack = [model.invisibleRootItem()]
    while stack:
        item = stack.pop()
        for row in range(item.rowCount()):
            total += 1
            stack.append(item.child(row))
    return total


if __name__ == "__main__":
    sys.exit(main())
