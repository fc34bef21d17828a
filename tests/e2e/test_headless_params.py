"""Headless: every algorithm of the Processing provider ``remix`` runs through ``qgis_process``
with only the parameters it requires, and gives a real result.

The algorithms are discovered from the provider (``qgis_process --json list``), so a new one is
covered without touching this file. "Required" is read from each algorithm's own parameter
definitions (``qgis_process --json help``): a parameter is required when it is neither optional
nor has a default. On QGIS 3.22 a parameter with a default but without FlagOptional is refused
("mandatory parameters were not specified"), which is exactly what this test catches.

Also here, because it is ``qgis_process`` too: the project stored in a RE.MIX GeoPackage gives
Processing its layers (``--PROJECT_PATH=geopackage:…``), for the file itself without the plugin
and for a copy in another folder with the plugin enabled.
"""

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SYSTEM_PYTHON
from osgeo import ogr

from remix_plugin.layers.model import COMUNI_TABLE
from tests.pg_cluster import host_only

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

QGIS_PROCESS = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
if QGIS_PROCESS is None:
    pytest.skip("qgis_process not installed", allow_module_level=True)

BUILD_DEMO = """
import sys
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from remix_plugin.demo.build import build_demo_geopackage
build_demo_geopackage(sys.argv[1], with_project=True)
"""


class QgisProcess:
    def __init__(self, plugins_dir, config_dir, runtime_dir):
        self.env = dict(os.environ)
        self.env.update({
            "QGIS_CUSTOM_CONFIG_PATH": str(config_dir),
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": str(runtime_dir),
        })
        if plugins_dir is not None:
            self.env["QGIS_PLUGINPATH"] = str(plugins_dir)

    def run(self, *args, timeout=300):
        # On Debian 12 call qgis_process.bin: the qgis_process wrapper passes a broken flag.
        return subprocess.run([QGIS_PROCESS, *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout)

    def json(self, *args, timeout=300):
        out = self.run("--json", *args, timeout=timeout)
        assert out.returncode == 0, (f"{args}: exit {out.returncode}\n"
                                     f"{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
        return json.loads(out.stdout[out.stdout.index("{"):])


@pytest.fixture(scope="module")
def with_plugin(unpacked_plugins_dir, tmp_path_factory):
    runtime = tmp_path_factory.mktemp("runtime")
    runtime.chmod(0o700)
    process = QgisProcess(unpacked_plugins_dir, tmp_path_factory.mktemp("config"), runtime)
    enabled = process.run("plugins", "enable", "remix_plugin")
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    return process


@pytest.fixture(scope="module")
def without_plugin(tmp_path_factory):
    runtime = tmp_path_factory.mktemp("runtime")
    runtime.chmod(0o700)
    return QgisProcess(None, tmp_path_factory.mktemp("config"), runtime)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The seed's demo with its stored project, built by the Debian Python with QGIS."""
    path = tmp_path_factory.mktemp("demo") / "remix_demo.gpkg"
    built = subprocess.run([SYSTEM_PYTHON, "-c", BUILD_DEMO, str(path)], cwd=ROOT, capture_output=True,
                           text=True, timeout=300, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert built.returncode == 0 and path.exists(), built.stdout + built.stderr
    return path


@pytest.fixture(scope="module")
def bundle(demo, tmp_path_factory):
    from remix_plugin.export.writer import export_bundle

    path = tmp_path_factory.mktemp("bundle") / "REMIX_CMM_20261201_01.gpkg"
    export_bundle(demo, path, producer="CMM", profile="strict")
    return path


def remix_algorithms(process):
    listing = process.json("list")
    return sorted(listing["providers"]["remix"]["algorithms"])


def required_parameters(help_json):
    """Neither optional nor defaulted: what a caller must give (read from the definitions)."""
    return {name: spec for name, spec in help_json["parameters"].items()
            if not spec["optional"] and spec["default_value"] is None}


def rows(path):
    """{table: row count} of a GeoPackage, through GDAL."""
    dataset = ogr.Open(str(path))
    assert dataset is not None, path
    try:
        return {dataset.GetLayer(i).GetName(): dataset.GetLayer(i).GetFeatureCount()
                for i in range(dataset.GetLayerCount())}
    finally:
        dataset = None


class Inputs:
    """A value for each required parameter, from its type (and, for a file, what it holds)."""

    def __init__(self, folder, demo, bundle):
        self.folder, self.demo, self.bundle = folder, demo, bundle
        self.fresh_targets = []

    def value(self, algorithm, name, spec):
        raw = spec["raw_definition"]
        kind = raw["parameter_type"]
        stem = algorithm.split(":")[1] + "_" + name.lower()
        if kind == "folderDestination":
            return str(self.folder / stem)
        if kind == "fileDestination":
            match = re.search(r"\*\.(\w+)", raw.get("file_filter") or "")
            return str(self.folder / (stem + "." + (match.group(1) if match else "out")))
        # a GeoPackage: a file parameter by its extension, or a text one that also takes a
        # database (remix:publish_web's INPUT: a path, a DSN or a QGIS connection name)
        if (kind == "file" and (raw.get("extension") or "").lower() == "gpkg") or (
                kind == "string" and "geopackage" in (raw.get("description") or "").lower()):
            if algorithm == "remix:import_bundle":  # a merge target: a new, empty RE.MIX file
                from remix_plugin.layers.geopackage import create_geopackage

                target = create_geopackage(self.folder / (stem + ".gpkg"))
                self.fresh_targets.append(target)
                return str(target)
            copy = self.folder / (stem + ".gpkg")
            shutil.copyfile(self.demo, copy)
            return str(copy)
        if kind == "file" and "bundle" in raw["description"].lower():
            return str(self.bundle)
        pytest.fail(f"{algorithm}: no test value for required parameter {name} ({kind}); add one here")


def check_output(algorithm, name, path, demo):
    path = Path(path)
    if path.is_dir():  # a folder destination: the web atlas
        page = path / "index.html"
        assert page.is_file() and "maplibre" in page.read_text(encoding="utf-8").lower(), (algorithm, path)
        return
    assert path.is_file() and path.stat().st_size > 0, (algorithm, name, path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            table = list(csv.reader(stream))
        assert table and len(table[0]) >= 3, (algorithm, table[:2])  # a header, then the rows
        if algorithm == "remix:priority_score":
            assert len(table) - 1 == rows(demo)["progetti"], (algorithm, len(table))
    elif suffix == ".gpkg" and algorithm == "remix:suggest_programmi":
        counts = rows(path)  # the proposals and their members (the demo has networks to propose)
        assert counts.get("proposte", 0) > 0, counts
        assert counts.get("proposte_membri", 0) >= 2 * counts["proposte"], counts
    elif suffix == ".gpkg":
        counts = rows(path)
        assert counts.get(COMUNI_TABLE) == 133 or counts.get("progetti"), counts
        if algorithm == "remix:export_bundle":
            assert counts["progetti"] == rows(demo)["progetti"] > 0
    elif suffix == ".jsonl":
        findings = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        assert all("code" in finding for finding in findings), findings[:3]
    elif suffix == ".pdf":
        data = path.read_bytes()
        assert data.startswith(b"%PDF")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        assert pages >= rows(demo)["progetti"] + 1, pages  # a card per project and a cover
    else:
        pytest.fail(f"{algorithm}: no check for output {name} ({path.name}); add one here")


def test_every_remix_algorithm_runs_with_only_its_required_parameters(with_plugin, demo, bundle, tmp_path):
    algorithms = remix_algorithms(with_plugin)
    assert "remix:create_geopackage" in algorithms and len(algorithms) >= 5, algorithms
    inputs = Inputs(tmp_path, demo, bundle)
    for algorithm in algorithms:
        if algorithm in NEEDS_A_DATABASE:
            continue  # test_create_database_with_only_its_database below
        description = with_plugin.json("help", algorithm)
        for name, spec in description["parameters"].items():
            if spec["default_value"] is not None:  # QGIS 3.22 needs the flag, newer QGIS does not
                assert spec["optional"], f"{algorithm}: {name} has a default but is not optional"
        required = required_parameters(description)
        arguments = [f"{name}={inputs.value(algorithm, name, spec)}" for name, spec in required.items()]
        out = with_plugin.run("--json", "run", algorithm, "--", *arguments, timeout=600)
        assert out.returncode == 0, (f"{algorithm} {arguments}: exit {out.returncode}\n"
                                     f"{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
        assert "mandatory parameters" not in out.stdout + out.stderr
        results = json.loads(out.stdout[out.stdout.index("{"):])["results"]
        destinations = [name for name, spec in required.items() if spec["is_destination"]]
        for name in destinations:
            check_output(algorithm, name, results[name], demo)
        if algorithm == "remix:import_bundle":
            (target,) = inputs.fresh_targets
            assert results["ADDED"] > 0
            assert rows(target)["progetti"] == rows(demo)["progetti"]
        if algorithm == "remix:prepare_server":  # its .qgs is optional: beside the GeoPackage by default
            project = Path(results["OUTPUT"])
            assert project.suffix == ".qgs"
            assert "WMSServiceCapabilities" in project.read_text(encoding="utf-8")
            assert Path(results["DATA"]).is_file() and results["LAYERS"] > 0, results  # the snapshot
            destinations = ["OUTPUT"]
        assert destinations or algorithm == "remix:import_bundle", f"{algorithm}: nothing checked"


NEEDS_A_DATABASE = {"remix:create_database"}


@host_only
def test_create_database_with_only_its_database(with_plugin, pg_cluster, tmp_path, monkeypatch):
    """remix:create_database's one required parameter is a connection string: on a new, empty
    database of the throw-away cluster it makes the schema and stores the project. Through a
    pg_service.conf service, as CMM's IT would give it: a project URI cannot hold the cluster's
    socket folder (docs/central-database.md)."""
    pg_cluster.psql("CREATE DATABASE headless_params TEMPLATE template0")
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[remix_headless]\nhost={pg_cluster.socket_dir}\nport={pg_cluster.port}\n"
                        f"dbname=headless_params\nuser={pg_cluster.admin}\n", encoding="utf-8")
    monkeypatch.setitem(with_plugin.env, "PGSERVICEFILE", str(services))
    try:
        description = with_plugin.json("help", "remix:create_database")
        assert list(required_parameters(description)) == ["DATABASE"]
        out = with_plugin.run("--json", "run", "remix:create_database", "--",
                              "DATABASE=service=remix_headless", timeout=600)
        assert out.returncode == 0, f"{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
        stored = pg_cluster.psql("SELECT count(*) FROM remix.qgis_projects", database="headless_params")
        assert stored.stdout.strip() == "1"
        comuni = pg_cluster.psql("SELECT count(*) FROM remix.comuni", database="headless_params")
        assert comuni.stdout.strip() == "133"
    finally:
        pg_cluster.psql("DROP DATABASE IF EXISTS headless_params WITH (FORCE)", check=False)


# -- the stored project in qgis_process ----------------------------------------------------------
def lavori_count_through_project(process, gpkg):
    """Count the features of layer "Lavori" of the project stored in ``gpkg``, as qgis_process
    resolves it (QGIS Server and QField read the same project)."""
    result = process.json("run", "qgis:basicstatisticsforfields",
                          f"--PROJECT_PATH=geopackage:{gpkg}?projectName=remix", "--",
                          "INPUT_LAYER=Lavori", "FIELD_NAME=fid")
    return int(result["results"]["COUNT"])


def delete_one_lavoro(gpkg):
    dataset = ogr.Open(str(gpkg), update=1)
    layer = dataset.GetLayerByName("lavori")
    feature = layer.GetNextFeature()
    layer.DeleteFeature(feature.GetFID())
    dataset = None


def test_the_stored_project_gives_qgis_process_the_file_itself(without_plugin, demo):
    assert lavori_count_through_project(without_plugin, demo) == rows(demo)["lavori"] > 0


def test_a_copy_in_another_folder_gives_qgis_process_the_copy_with_the_plugin(with_plugin, demo, tmp_path):
    folder = tmp_path / "Sant'Angelo Lodigiano"
    folder.mkdir()
    copy = folder / "Sant'Angelo Lodigiano (copia).gpkg"
    shutil.copyfile(demo, copy)
    delete_one_lavoro(copy)  # the copy now differs from the original
    assert rows(copy)["lavori"] == rows(demo)["lavori"] - 1
    assert lavori_count_through_project(with_plugin, copy) == rows(copy)["lavori"]
    connection = sqlite3.connect(str(copy))
    try:  # reading changed nothing in the file
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        connection.close()
