"""The one-file promise: every RE.MIX GeoPackage the plugin writes stores a QGIS project whose
layers read that very file, and a copy or a renamed file reads itself, not the original.

* Plain QGIS, without the plugin: a separate Debian Python that never imports remix_plugin reads
  the stored project (``QgsProject.read("geopackage:…?projectName=remix")``) of each file the
  plugin writes through a temporary file (create, demo, upgrade, backups, the import's backup).
* With the plugin: copies in the same folder and in another folder, names with spaces, accents,
  an apostrophe and brackets, opened through ``open_project`` and through a plain read of
  ``QgsProject.instance()`` while the plugin's path preprocessor is registered (what the Browser
  does); edits go to the copy.

Without the plugin QGIS cannot make a copy read itself (QGIS issue #37440): see
docs/architecture.md, "One file".

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/qgis/test_one_file.py
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
import test_plugin_lifecycle as lifecycle
from conftest import SYSTEM_PYTHON
from osgeo import ogr
from qgis.core import QgsProject, QgsVectorLayerUtils

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.layers.geopackage import backup_copy, create_geopackage, upgrade_geopackage
from remix_plugin.layers.model import SCHEMA_VERSION, load_model
from remix_plugin.layers.paths import PathPreprocessor
from remix_plugin.qgis_project.builder import remix_layers
from remix_plugin.qgis_project.storage import open_project, project_uri

# pytest-qgis's iface with a real menu, classFactory with a safety unload (the lifecycle tests')
iface = lifecycle.iface
make_plugin = lifecycle.make_plugin

ORIGINAL_NAMES = ("X.gpkg", "Sant'Angelo Lodigiano.gpkg")
COPY_NAMES = ("X - Copia.gpkg", "Sant'Angelo Lodigiano (copia).gpkg", "Città à Milano.gpkg")
PLACES = ("same folder", "other folder")
N_LAYERS = len(load_model().table_names) + 1  # every model table (comuni too) and the code list

PLAIN_READER = r"""
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsProject
app = QgsApplication([], False)
app.initQgis()
report = {}
for uri in json.loads(sys.argv[1]):
    project = QgsProject()
    read = project.read(uri)
    report[uri] = {"read": read, "title": project.title(),
                   "layers": [[layer.isValid(), layer.source()] for layer in project.mapLayers().values()]}
    project.clear()
    del project
assert "remix_plugin" not in sys.modules
print("REPORT " + json.dumps(report))
sys.stdout.flush()
os._exit(0)
"""


def plain_qgis_read(paths):
    """{path: (read, title, [(valid, source path)])} from QGIS without the plugin (another process)."""
    uris = {project_uri(path): Path(path) for path in paths}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([SYSTEM_PYTHON, "-c", PLAIN_READER, json.dumps(list(uris))], capture_output=True,
                         text=True, timeout=300, env=env, cwd="/")
    lines = [line for line in out.stdout.splitlines() if line.startswith("REPORT ")]
    assert lines, f"no report (exit {out.returncode}):\n{out.stdout}\n{out.stderr}"
    report = json.loads(lines[-1][len("REPORT "):])
    return {uris[uri]: (entry["read"], entry["title"], [(valid, source.split("|")[0])
                                                        for valid, source in entry["layers"]])
            for uri, entry in report.items()}


def stored_xml(path):
    connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        (content,) = connection.execute("SELECT content FROM qgis_projects WHERE name = 'remix'").fetchone()
        styles = [row[0] for row in connection.execute("SELECT styleQML FROM layer_styles")]
    finally:
        connection.close()
    archive = zipfile.ZipFile(io.BytesIO(bytes.fromhex(content)))
    (name,) = [n for n in archive.namelist() if n.endswith(".qgs")]
    return archive.read(name).decode("utf-8"), styles


def assert_reads_itself(report, path, kind):
    read, title, layers = report[Path(path)]
    assert read, kind
    assert len(layers) == N_LAYERS, kind
    assert all(valid for valid, _source in layers), (kind, layers)
    assert {source for _valid, source in layers} == {str(Path(path).resolve())}, kind
    assert title == "RE.MIX — " + Path(path).stem, kind


def rows(path, table):
    dataset = ogr.Open(str(path))
    try:
        return dataset.GetLayerByName(table).GetFeatureCount()
    finally:
        dataset = None


@pytest.fixture(scope="module")
def written(qgis_app, tmp_path_factory):
    """One file of each kind the plugin writes through a temporary file."""
    folder = tmp_path_factory.mktemp("written")
    files = {}
    files["create"] = create_geopackage(folder / "Nuovo progetto d'area.gpkg", with_project=True)
    files["demo"] = build_demo_geopackage(folder / "remix demo.gpkg", with_project=True)
    files["backup"] = backup_copy(files["demo"])
    old = create_geopackage(folder / "Vecchio schema.gpkg", with_project=True)
    connection = sqlite3.connect(str(old))
    with connection:
        connection.execute("UPDATE remix_metadata SET value = '0' WHERE key = 'schema_version'")
    connection.close()
    files["upgrade backup"] = upgrade_geopackage(old)
    files["upgrade"] = old
    files["import backup"] = _import_backup(folder, files["demo"])
    return files


def _import_backup(folder, demo):
    from remix_plugin.export.merge import merge_bundle
    from remix_plugin.export.writer import export_bundle

    bundle = folder / "REMIX_CMM_bundle.gpkg"
    export_bundle(demo, bundle, producer="CMM", profile="strict")
    target = create_geopackage(folder / "Comune di Sant'Angelo.gpkg", with_project=True)
    result = merge_bundle(bundle, target)
    assert result.backup is not None and Path(result.backup).exists()
    return Path(result.backup)


def test_every_written_file_opens_as_itself_in_plain_qgis(written):
    assert inspect_schema(written["upgrade"]) == SCHEMA_VERSION
    report = plain_qgis_read(written.values())
    for kind, path in written.items():
        assert_reads_itself(report, path, kind)
    leftovers = [p.name for p in written["demo"].parent.iterdir() if "tmp" in p.name]
    assert leftovers == []


def test_no_written_file_names_a_temporary_or_other_file(written):
    for kind, path in written.items():
        document, styles = stored_xml(path)
        for text in [document, *styles]:
            assert ".tmp" not in text, kind
        others = [p for p in written.values() if p.name != path.name]
        for other in others:
            assert "./" + other.name not in document.replace("&apos;", "'"), (kind, other.name)
        assert '<file type="QString">' + path.name.replace("'", "&apos;") in document \
            or '<file type="QString">' + path.name in document, kind


def inspect_schema(path):
    from remix_plugin.layers.inspect import inspect_geopackage

    return inspect_geopackage(path).schema_version


# -- copies and renames -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def originals(qgis_app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("originals")
    demo = build_demo_geopackage(folder / "template.gpkg", with_project=True)
    return demo


def make_copy(originals, tmp_path, original_name, copy_name, place):
    original = tmp_path / original_name
    shutil.copyfile(originals, original)
    from remix_plugin.layers.stored_project import retarget_stored_project

    retarget_stored_project(original, originals)  # the original as the plugin would have written it
    folder = tmp_path if place == "same folder" else tmp_path / "Altra cartella (è)"
    folder.mkdir(exist_ok=True)
    copy = folder / copy_name
    shutil.copyfile(original, copy)  # what a file manager does: the stored project is untouched
    return original, copy


def edit_one_project(layers):
    progetti = layers["progetti"]
    assert progetti.startEditing()
    feature = QgsVectorLayerUtils.createFeature(progetti)
    feature["titolo"] = "Modifica nella copia"
    assert progetti.addFeature(feature)
    assert progetti.commitChanges(), progetti.commitErrors()


def assert_project_reads(project, path):
    layers = remix_layers(project)
    assert len(layers) == N_LAYERS
    assert all(layer.isValid() for layer in layers.values())
    assert {layer.source().split("|")[0] for layer in layers.values()} == {str(Path(path).resolve())}
    return layers


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("copy_name", COPY_NAMES)
@pytest.mark.parametrize("original_name", ORIGINAL_NAMES)
def test_a_copy_opened_by_the_plugin_reads_and_edits_itself(originals, tmp_path, original_name,
                                                            copy_name, place):
    original, copy = make_copy(originals, tmp_path, original_name, copy_name, place)
    before = rows(original, "progetti")
    project = QgsProject()
    try:
        assert open_project(copy, project)
        layers = assert_project_reads(project, copy)
        edit_one_project(layers)
        layers = None
    finally:
        project.clear()
    assert rows(copy, "progetti") == before + 1
    assert rows(original, "progetti") == before


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("copy_name", COPY_NAMES[:2])
def test_a_copy_opened_from_the_browser_with_the_plugin_reads_itself(originals, tmp_path, copy_name, place):
    """``QgsProject.instance().read(uri)`` is what the Browser and Project → Open From do."""
    original, copy = make_copy(originals, tmp_path, "Sant'Angelo Lodigiano.gpkg", copy_name, place)
    before = rows(original, "progetti")
    project = QgsProject.instance()
    preprocessor = PathPreprocessor()
    try:
        assert project.read(project_uri(copy))
        layers = assert_project_reads(project, copy)
        assert not project.isDirty()
        edit_one_project(layers)
        layers = None
        # saved again from QGIS, the project names the copy: a copy of the copy reads itself too
        assert project.write()
        project.clear()
        second = copy.parent / "Seconda copia.gpkg"
        shutil.copyfile(copy, second)
        assert project.read(project_uri(second))
        assert_project_reads(project, second)
    finally:
        preprocessor.remove()
        project.clear()
    assert rows(copy, "progetti") == before + 1
    assert rows(original, "progetti") == before


def test_without_the_preprocessor_a_same_folder_copy_reads_the_original(originals, tmp_path):
    """QGIS issue #37440 ("won't fix"), the reason the plugin registers a path preprocessor: the
    limit documented in docs/architecture.md. If QGIS ever fixes it, this test says so."""
    original, copy = make_copy(originals, tmp_path, "X.gpkg", "X - Copia.gpkg", "same folder")
    project = QgsProject.instance()
    try:
        assert project.read(project_uri(copy))
        sources = {layer.source().split("|")[0] for layer in project.mapLayers().values()}
    finally:
        project.clear()
    assert sources == {str(original.resolve())}


def test_the_preprocessor_leaves_other_projects_and_paths_alone(originals, tmp_path):
    """A .qgz project beside RE.MIX files, naming one of them, is the user's: not repointed."""
    original, copy = make_copy(originals, tmp_path, "X.gpkg", "X - Copia.gpkg", "same folder")
    other = QgsProject()
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{original}|layername=lavori", "lavori", "ogr")
    assert layer.isValid()
    other.addMapLayer(layer)
    assert other.write(str(tmp_path / "mio progetto.qgz"))
    other.clear()
    project = QgsProject.instance()
    preprocessor = PathPreprocessor()
    try:
        assert project.read(project_uri(copy))  # the instance now holds a RE.MIX copy …
        assert other.read(str(tmp_path / "mio progetto.qgz"))  # … and another project is read
        assert [lyr.source().split("|")[0] for lyr in other.mapLayers().values()] == [str(original)]
        project.clear()
        assert project.read(str(tmp_path / "mio progetto.qgz"))
        assert [lyr.source().split("|")[0] for lyr in project.mapLayers().values()] == [str(original)]
    finally:
        preprocessor.remove()
        project.clear()
        other.clear()


# -- the plugin registers the preprocessor and unload removes it ---------------------------------
def instance_sources(path):
    project = QgsProject.instance()
    try:
        assert project.read(project_uri(path))
        return {layer.source().split("|")[0] for layer in project.mapLayers().values()}
    finally:
        project.clear()


@pytest.mark.parametrize("start", ["initGui", "initProcessing"])
def test_the_plugin_registers_the_preprocessor_and_unload_removes_it(iface, make_plugin, originals,
                                                                    tmp_path, start):
    """initGui (the desktop) and initProcessing alone (qgis_process, iface = None) register it."""
    original, copy = make_copy(originals, tmp_path, "X.gpkg", "X - Copia.gpkg", "same folder")
    assert instance_sources(copy) == {str(original.resolve())}  # plain QGIS (#37440)
    plugin = make_plugin(iface if start == "initGui" else None)
    getattr(plugin, start)()
    assert instance_sources(copy) == {str(copy.resolve())}
    plugin.unload()
    assert instance_sources(copy) == {str(original.resolve())}
    plugin.unload()  # twice: nothing left to remove, no error


def test_repoint_source_names_only_the_own_file(tmp_path):
    from remix_plugin.layers.paths import repoint_source

    gpkg = tmp_path / "Sant'Angelo (copia).gpkg"
    (tmp_path / "esiste.gpkg").write_bytes(b"")
    own = "Sant'Angelo.gpkg"
    assert repoint_source("./Sant'Angelo.gpkg|layername=lavori", gpkg, own) == f"{gpkg}|layername=lavori"
    assert repoint_source("/altrove/Sant'Angelo.gpkg|layername=x", gpkg, own) == f"{gpkg}|layername=x"
    assert repoint_source("./Sant'Angelo.gpkg", gpkg, own) == str(gpkg)
    for foreign in ("./catasto.gpkg|layername=particelle", "../altra/Sant'Angelo.gpkg|layername=lavori",
                    "./Sant'Angelo.shp", "./icone/simbolo.svg", "", "esiste.gpkg|layername=lavori"):
        assert repoint_source(foreign, gpkg, own) == foreign
    # written before the own name was recorded: a missing relative file is the file itself
    legacy_temp = "./.remix_demo.w6yx3snv.tmp.gpkg|layername=lavori"
    assert repoint_source(legacy_temp, gpkg, "") == f"{gpkg}|layername=lavori"
    assert repoint_source("./esiste.gpkg|layername=lavori", gpkg, "") == "./esiste.gpkg|layername=lavori"
