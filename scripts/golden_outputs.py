"""Golden outputs (issue 13): what the plugin prints and writes, saved so that a refactoring can be
shown to keep them byte-identical.

    .venv/bin/python scripts/golden_outputs.py OUTDIR [--tier unit|qgis]

``unit`` (no QGIS): the CLI's ``validate`` (text and JSONL, Italian and English) on the demo, on the
clean test corpus, on every rule's broken copy and on the hostile corpus; ``export-bundle`` (the
bundle content hash), ``check-bundle`` and ``import-bundle`` on clean and hostile bundles; the form
descriptions of ``forms.spec`` as data. ``qgis``: the form configuration QGIS ends up with in the
demo's project (widgets, aliases, defaults, constraints, tabs, relations), as data.

Each command is one transcript: the command line, its exit code, stdout and stderr verbatim, with
only what changes from run to run replaced (the work folder, random names, clock times).
``tests/unit/test_golden_outputs.py`` and ``tests/qgis/test_golden_forms.py`` regenerate and
compare with ``tests/golden/``.
"""

import argparse
import contextlib
import dataclasses
import io
import json
import re
import shutil
import sys
import tempfile
import uuid as uuid_module
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests", ROOT / "tests" / "unit"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

FIXED_TIME = "2025-03-01T10:00:00Z"
BUNDLE_NAME = "REMIX_CMM_20250301_01.gpkg"
# clock stamps in backup names and messages (merge backups: 20250301-100000-123456)
STAMP = re.compile(r"\b\d{8}-\d{6}(?:-\d{1,6})?\b")
RANDOM_NAME = re.compile(r"(\.remix-[a-z]+-|tmp)[A-Za-z0-9_]{6,}")
# QGIS layer ids: the layer's name + a random UUID with underscores
LAYER_ID = re.compile(r"\b([A-Za-z]\w*?)_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}\b")


# -- determinism -----------------------------------------------------------------------------------
def _fixed(module, name, value):
    """Replace a clock or identity source; say so if it moved (the output would then vary)."""
    if not hasattr(module, name):
        print(f"golden_outputs: {module.__name__}.{name} not found, output may vary", file=sys.stderr)
        return
    setattr(module, name, value)


def make_deterministic():
    import bundle_fixtures
    import helpers_corpus

    import remix_plugin.demo.build as demo_build
    import remix_plugin.layers.geopackage as geopackage

    counter = iter(range(10**9))

    def next_uuid(seed=None):
        key = seed if seed is not None else f"n{next(counter)}"
        return str(uuid_module.uuid5(uuid_module.NAMESPACE_URL, "remix-golden:" + str(key)))

    helpers_corpus.new_uuid = next_uuid
    bundle_fixtures.new_uuid = next_uuid
    _fixed(demo_build, "_now_text", lambda: "2025-03-01 10:00:00")
    _fixed(geopackage, "_now_iso", lambda: "2025-03-01T10:00:00+00:00")
    _fixed(geopackage, "_current_user", lambda: "golden")


# -- transcripts -----------------------------------------------------------------------------------
class Transcripts:
    """Runs CLI commands in this process and writes one normalised transcript file per input."""

    def __init__(self, work, outdir):
        self.work = Path(work)
        self.outdir = Path(outdir)

    def normalise(self, text):
        for spelling in {str(self.work.resolve()), str(self.work)}:
            text = text.replace(spelling, "{work}")
        text = STAMP.sub("{stamp}", text)
        return RANDOM_NAME.sub(r"\1{random}", text)

    def run(self, *argv):
        from remix_plugin.__main__ import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in argv])
            except SystemExit as exc:  # argparse
                code = exc.code
        shown = " ".join(str(a) for a in argv)
        return self.normalise(
            f"$ {shown}\nexit {code}\n--- stdout\n{out.getvalue()}--- stderr\n{err.getvalue()}"
        )

    def write(self, name, *commands):
        target = self.outdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(self.run(*argv) for argv in commands), encoding="utf-8")


def validate_commands(path, profiles=("strict",)):
    commands = []
    for profile in profiles:
        for language in ("it", "en"):
            for output in ("text", "jsonl"):
                commands.append(("validate", path, "--profile", profile, "--format", output,
                                 "--lang", language))
    return commands


def check_commands(path):
    return [("check-bundle", path, "--format", output, "--lang", language)
            for language in ("it", "en") for output in ("text", "jsonl")]


# -- validate: demo, clean corpus, one broken copy per rule, hostile corpus --------------------------
def validation_outputs(t):
    import helpers_corpus as hc
    import pytest
    from test_validation_rules import CASES

    from remix_plugin.demo.build import build_demo_geopackage

    demo = build_demo_geopackage(t.work / "demo.gpkg")
    t.write("validate/demo.txt", *validate_commands(demo, ("strict", "draft")))

    clean = t.work / "clean.gpkg"
    ids = hc.build_clean(clean)
    t.write("validate/clean.txt", *validate_commands(clean, ("strict", "draft")))
    for code in sorted(CASES):
        mutate, _ = CASES[code]
        broken = hc.copy_of(clean, t.work / f"rule-{code}.gpkg")
        patch = pytest.MonkeyPatch()
        try:
            mutate(broken, ids, patch)
            t.write(f"validate/rule-{code}.txt", *validate_commands(broken))
        finally:
            patch.undo()
    for name, mutate in HOSTILE.items():
        broken = hc.copy_of(clean, t.work / f"hostile-{name}.gpkg")
        mutate(broken, ids)
        t.write(f"validate/hostile-{name}.txt", *validate_commands(broken, ("strict", "draft")))
    empty = t.work / "empty.gpkg"
    empty.write_bytes(b"")
    plain = t.work / "plain.gpkg"
    import sqlite3

    sqlite3.connect(str(plain)).execute("CREATE TABLE t (a)").connection.close()
    t.write("validate/hostile-odd-files.txt", *validate_commands(empty), *validate_commands(plain),
            *validate_commands(t.work / "missing.gpkg"))
    return demo, clean, ids


def _odd_text(path, ids):
    import helpers_corpus as hc

    hc.update(path, "progetti", ids["p1"],
              titolo="Sant'Ambrogio \"x' OR '1'='1\" 城市 🙂 " + "è" * 400,
              descrizione="Москва\x1b[31mrosso\u202egpj.exe",
              ambito_opportunita="[\"urbanistico\", 'x']",
              livello_progettuale="x' OR '1'='1")


def _nulls(path, ids):
    import helpers_corpus as hc

    fields = ("progetto_uuid", "titolo", "comune_istat", "obiettivo", "descrizione", "intervento_oggetto",
              "servizi_realizzati", "oggetto_fisico", "perimetro_illustrativo", "superficie_mq",
              "creato_il", "modificato_il")
    writer = hc.Writer(path)
    writer.insert("lavori", dict({"uuid": hc.new_uuid()}, **{name: None for name in fields}))
    writer.close()


def _wrong_types(path, ids):
    import sqlite3

    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE fasi SET numero = 'primo', data_inizio = 'ieri', data_fine = 20240101 "
                       "WHERE uuid = ?", (ids["p1_fase1"],))
    connection.execute("UPDATE misure SET valore = ?, data_misura = '2024-02-30'", (b"\x00\xff",))
    connection.execute("UPDATE attori SET nome = ?, tipo_attore = ?", (b"\x89PNG", 42))
    connection.commit()
    connection.close()


def _garbage_geometry(path, ids):
    import helpers_corpus as hc

    blobs = {"p1_lavoro1": "00", "p1_lavoro2": "4750000100000000",
             "p2_lavoro1": "47500001e6100000" + "ff" * 30, "p2_lavoro2": "475000011" + "0" * 7 + "0103000000"}
    for key, blob in blobs.items():
        hc.ogr_sql(path, "UPDATE lavori SET geom = X'" + blob + "' WHERE uuid = '" + ids[key] + "'")
    hc.ogr_sql(path, "UPDATE criticita SET geom = 'just text' WHERE uuid = '" + ids["p1_criticita"] + "'")


HOSTILE = {  # tests/unit/test_validation_hostile.py's corpus
    "odd-text": _odd_text,
    "nulls": _nulls,
    "wrong-types": _wrong_types,
    "garbage-geometry": _garbage_geometry,
}


# -- bundles: export (content hash), check, import -------------------------------------------------
HOSTILE_BUNDLES = {  # tests/unit/test_bundle_check.py, test_hardening_checker.py
    "dangling-bad-codes": [
        "UPDATE azioni SET progetto_uuid = 'non-esiste' WHERE fid = 1",
        "UPDATE progetti_finalita SET code = 'x''); DROP TABLE progetti;--' WHERE fid = 1",
        "UPDATE progetti SET stato_progetto = 'inventato' WHERE fid = 1",
    ],
    "spec-version": ["UPDATE bundle_manifest SET value = 'RE.MIX bundle 9.0' WHERE key = 'spec_version'"],
    "schema-version": ["UPDATE bundle_manifest SET value = '99' WHERE key = 'schema_version'"],
    "excluded-table": ["CREATE TABLE qgis_projects (name TEXT PRIMARY KEY, metadata BLOB, content BLOB)"],
    "foreign-trigger": ["CREATE TRIGGER spia AFTER INSERT ON progetti BEGIN DELETE FROM lavori; END"],
    "foreign-views": ["CREATE VIEW qgis_projects AS SELECT 'remix' AS name, x'00' AS content",
                      "CREATE VIEW riepilogo AS SELECT titolo FROM progetti",
                      'CREATE VIEW "vista\u202egpj.exe" AS SELECT 1'],
    "z-declared": ["UPDATE gpkg_geometry_columns SET z = 1 WHERE table_name = 'criticita'"],
    "crs-definition": ["UPDATE gpkg_spatial_ref_sys SET definition = 'non un CRS' WHERE srs_id = 32632"],
    "audit-dates": ["UPDATE progetti SET creato_il = '2025-02-30T10:00:00Z' WHERE fid = 1",
                    "UPDATE progetti SET modificato_il = 'ieri' WHERE fid = 2",
                    "UPDATE azioni SET modificato_il = '2020-01-01T00:00:00Z' WHERE fid = 1"],
    "wkb-header": ["DROP TRIGGER rtree_lavori_geom_update1",
                   "UPDATE lavori SET geom = X'4750000178" + "7f0000" + "07' WHERE fid = 1"],
    "same-perimeter": ["UPDATE lavori SET geom = (SELECT geom FROM lavori WHERE fid = 2) WHERE fid = 1"],
}


def _export(t, source, name):
    target = t.work / name
    return t.run("export-bundle", source, target), target


def bundle_outputs(t, demo, clean):
    import helpers_corpus as hc
    from bundle_fixtures import build_dataset

    fixture = t.work / "fixture.gpkg"
    build_dataset(fixture, 3)
    complete = t.work / "complete.gpkg"
    build_dataset(complete, 2, complete=True)
    runs = []
    bundles = {}
    for label, source in (("demo", demo), ("fixture", fixture), ("complete", complete), ("clean", clean)):
        folder = t.work / ("bundle-" + label)
        folder.mkdir()
        text, target = _export(t, source, Path(folder.name) / BUNDLE_NAME)
        runs.append(text)
        bundles[label] = target
    (t.outdir / "bundle").mkdir(parents=True, exist_ok=True)
    (t.outdir / "bundle" / "export.txt").write_text("\n".join(runs), encoding="utf-8")
    for label, target in bundles.items():
        t.write(f"bundle/check-{label}.txt", *check_commands(target))
    for name, statements in HOSTILE_BUNDLES.items():
        folder = t.work / ("hostile-bundle-" + name)
        folder.mkdir()
        path = hc.copy_of(bundles["fixture"], folder / BUNDLE_NAME)
        for statement in statements:
            hc.ogr_sql(path, statement)
        t.write(f"bundle/check-hostile-{name}.txt", *check_commands(path))
    _zip_outputs(t, bundles["fixture"])
    _import_outputs(t, bundles)


def _zip_outputs(t, bundle):
    good = t.work / "REMIX_CMM_20250301_01.zip"
    with zipfile.ZipFile(good, "w") as archive:
        archive.write(bundle, BUNDLE_NAME)
    traversal = t.work / "traversal.zip"
    with zipfile.ZipFile(traversal, "w") as archive:
        archive.writestr("../evil.gpkg", bundle.read_bytes())
    truncated = t.work / "truncated.gpkg"
    truncated.write_bytes(bundle.read_bytes()[: bundle.stat().st_size // 3])
    text = t.work / "text.gpkg"
    text.write_text("hello")
    t.write("bundle/check-files.txt", *check_commands(good), *check_commands(traversal),
            *check_commands(truncated), *check_commands(text), *check_commands(t.work / "missing.gpkg"))


def _import_outputs(t, bundles):
    commands = []
    for label in ("demo", "fixture"):
        target = t.work / f"import-{label}.gpkg"
        t.run("create", target)
        commands.append(("import-bundle", bundles[label], target))
        commands.append(("import-bundle", bundles[label], target, "--lang", "en"))  # again: nothing new
    t.write("bundle/import.txt", *commands)


def blocked_export_outputs(t, clean, ids):
    import helpers_corpus as hc

    blocked = hc.copy_of(clean, t.work / "blocked.gpkg")
    hc.update(blocked, "lavori", ids["p1_lavoro1"], intervento_oggetto="demolizione")
    hc.update(blocked, "progetti", ids["p1"], titolo=None)
    t.write("bundle/export-blocked.txt",
            ("export-bundle", blocked, t.work / "blocked-bundle.gpkg"),
            ("export-bundle", blocked, t.work / "blocked-bundle.gpkg", "--lang", "en"),
            ("export-bundle", blocked, t.work / "draft-bundle.gpkg", "--profile", "draft"))


# -- forms as data ---------------------------------------------------------------------------------
def _plain(value):
    if dataclasses.is_dataclass(value):
        return dict({"type": type(value).__name__},
                    **{f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def form_spec_outputs(outdir):
    from remix_plugin.forms.spec import form_specs

    folder = Path(outdir) / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    for language in ("it", "en"):
        specs = form_specs(language)
        data = {table: _plain(spec) for table, spec in specs.items()}
        (folder / f"spec.{language}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _enum(value):
    """A QGIS enum as a stable name (Qt5 ints and Qt6 scoped enums alike)."""
    name = getattr(value, "name", None)
    if isinstance(name, str):
        return name
    try:
        return int(value)
    except TypeError:
        return str(value)


class _LayerNames:
    """Layer ids (random suffixes) and sources (the work folder) shown by table name."""

    def __init__(self, layers, work):
        self.by_id = {layer.id(): name for name, layer in layers.items()}
        self.work = str(Path(work).resolve())

    def __call__(self, value):
        if isinstance(value, dict):
            return {str(k): self(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
        if isinstance(value, (list, tuple)):
            return [self(v) for v in value]
        if isinstance(value, str):
            for layer_id, name in self.by_id.items():
                value = value.replace(layer_id, "{layer:" + name + "}")
            value = LAYER_ID.sub(r"{layer-id:\1}", value)
            return value.replace(self.work, "{work}")
        if value is None or isinstance(value, (bool, int, float)):
            return value
        return str(value)


def _editor_element(element, names):
    from qgis.core import QgsAttributeEditorContainer, QgsAttributeEditorRelation

    data = {"kind": type(element).__name__, "name": element.name(), "show_label": element.showLabel()}
    if isinstance(element, QgsAttributeEditorContainer):
        data.update(group_box=element.isGroupBox(), columns=element.columnCount(),
                    visibility=element.visibilityExpression().data().expression()
                    if element.visibilityExpression().enabled() else "",
                    children=[_editor_element(child, names) for child in element.children()])
    elif isinstance(element, QgsAttributeEditorRelation):
        data.update(relation=names(element.relation().id()), widget=element.relationWidgetTypeId(),
                    label=element.label())
    elif hasattr(element, "htmlCode"):
        data.update(html=element.htmlCode())
    return data


def _layer_form(layer, names):
    from qgis.core import QgsFieldConstraints

    constraint = QgsFieldConstraints.Constraint
    form = layer.editFormConfig()
    fields = []
    for index, qfield in enumerate(layer.fields()):
        setup = qfield.editorWidgetSetup()
        constraints = qfield.constraints()
        default = layer.defaultValueDefinition(index)
        fields.append({
            "name": qfield.name(), "alias": qfield.alias(),
            "widget": setup.type(), "config": names(setup.config()),
            "default": names(default.expression()), "apply_on_update": default.applyOnUpdate(),
            "not_null": _enum(constraints.constraintStrength(constraint.ConstraintNotNull))
            if constraints.constraints() & constraint.ConstraintNotNull else None,
            "unique": _enum(constraints.constraintStrength(constraint.ConstraintUnique))
            if constraints.constraints() & constraint.ConstraintUnique else None,
            "expression": constraints.constraintExpression(),
            "expression_strength": _enum(constraints.constraintStrength(constraint.ConstraintExpression))
            if constraints.constraintExpression() else None,
            "description": constraints.constraintDescription(),
            "read_only": form.readOnly(index), "label_on_top": form.labelOnTop(index),
        })
    return {
        "name": layer.name(), "display_expression": layer.displayExpression(),
        "layout": _enum(form.layout()), "init_code_source": _enum(form.initCodeSource()),
        "suppress": _enum(form.suppress()),
        "tabs": [_editor_element(tab, names) for tab in form.tabs()], "fields": fields,
    }


def _project_forms(project, work):
    try:
        from remix_plugin.qgis_project.builder import remix_layers
    except ImportError:  # the tree of 221294c, where the goldens were made
        from remix_plugin.layers.project import remix_layers

    layers = remix_layers(project)
    names = _LayerNames(layers, work)
    relations = []
    for relation in sorted(project.relationManager().relations().values(), key=lambda r: r.id()):
        relations.append({
            "id": names(relation.id()), "name": relation.name(),
            "referencing": names(relation.referencingLayerId()),
            "referenced": names(relation.referencedLayerId()),
            "pairs": names(relation.fieldPairs()), "strength": _enum(relation.strength()),
        })
    data = {"layers": {name: _layer_form(layer, names) for name, layer in sorted(layers.items())},
            "relations": relations}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def qgis_form_outputs(outdir, work):
    """The form configuration QGIS holds after the plugin built the project (both languages) and
    after reading the project stored in the demo; one file per QGIS minor version."""
    from qgis.core import Qgis, QgsApplication, QgsProject

    application = QgsApplication([], False)
    application.initQgis()
    from remix_plugin.demo.build import build_demo_geopackage
    try:
        from remix_plugin.qgis_project.builder import build_project
        from remix_plugin.qgis_project.storage import open_project
    except ImportError:  # the tree of 221294c, where the goldens were made
        from remix_plugin.layers.project import build_project, open_project

    version = Qgis.QGIS_VERSION.split("-")[0].rsplit(".", 1)[0]
    folder = Path(outdir) / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    demo = build_demo_geopackage(Path(work) / "demo.gpkg", with_project=True)
    for language in ("it", "en"):
        project = QgsProject()
        build_project(demo, project, language)
        (folder / f"qgis-{version}.built.{language}.json").write_text(_project_forms(project, work),
                                                                       encoding="utf-8")
        project.clear()
    project = QgsProject()
    assert open_project(demo, project)
    (folder / f"qgis-{version}.stored.it.json").write_text(_project_forms(project, work), encoding="utf-8")
    project.clear()


def unit_outputs(outdir, work):
    import os

    os.environ["REMIX_VALIDATION_MEMO"] = str(Path(work) / "validation-memo")  # never the user's cache
    make_deterministic()
    t = Transcripts(work, outdir)
    demo, clean, ids = validation_outputs(t)
    bundle_outputs(t, demo, clean)
    blocked_export_outputs(t, clean, ids)
    form_spec_outputs(outdir)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--tier", choices=("unit", "qgis"), default="unit")
    args = parser.parse_args(argv)
    outdir = Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="remix-golden-"))
    try:
        if args.tier == "unit":
            unit_outputs(outdir, work)
        else:
            make_deterministic()
            qgis_form_outputs(outdir, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
