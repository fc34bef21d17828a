"""The static web atlas's data (remix_plugin/web/publish.py), on the demo GeoPackage: counts, EPSG:4326
bounds inside Lombardy, comuni topology, no personal data anywhere in the folder, atomic writing,
refusals and the CLI's exit codes. The page itself runs in Chromium in tests/e2e/test_web_atlas.py."""

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from osgeo import ogr

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.errors import RemixError
from remix_plugin.layers.model import load_model
from remix_plugin.web import cli as web_cli
from remix_plugin.web import publish as web_publish
from remix_plugin.web.fields import FORBIDDEN_FIELDS, PUBLISHABLE_FIELD, PUBLISHED_FIELDS
from remix_plugin.web.publish import publish_web

ROOT = Path(__file__).resolve().parents[2]
# Lombardy's extent in EPSG:4326 (lon, lat), a little generous
LOMBARDY = (8.49, 44.67, 11.43, 46.64)
# published names that arrive with data model schema 2 (and the wave-2 scheme): read when present
SCHEMA_2_NAMES = {
    "cup",
    "tipo_rete",
    "categoria_indicatore",
    "meglio_se_maggiore",
    "valore_base",
    "data_base",
    "valore_obiettivo",
    "data_obiettivo",
}
EMAIL = "mario.rossi@example.org"
SECRET_TITLE = "Progetto riservato Zeta-Quattro"
CASTANO = "015062"

needs_vendor = pytest.mark.skipif(
    not (web_publish.VENDOR_DIR / "maplibre-gl.js").is_file(),
    reason="remix_plugin/web/vendor/ not built: run `python3 scripts/build_web_assets.py` (npm)",
)


def demo_copy(folder, name="demo.gpkg"):
    """The demo GeoPackage with every project publishable (the schema-2 demo's state; on a
    schema-1 file the column is added here, as the schema-2 upgrade does)."""
    path = Path(folder) / name
    build_demo_geopackage(path)
    with sqlite3.connect(path) as db:
        columns = {row[1] for row in db.execute('PRAGMA table_info("progetti")')}
        if PUBLISHABLE_FIELD not in columns:
            db.execute(f'ALTER TABLE "progetti" ADD COLUMN "{PUBLISHABLE_FIELD}" BOOLEAN DEFAULT 0')
        db.execute(f'UPDATE "progetti" SET "{PUBLISHABLE_FIELD}" = 1')
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_copy(tmp_path_factory.mktemp("web-demo"))


@pytest.fixture(scope="module")
def published(demo, tmp_path_factory):
    if not (web_publish.VENDOR_DIR / "maplibre-gl.js").is_file():
        pytest.skip("remix_plugin/web/vendor/ not built: run `python3 scripts/build_web_assets.py`")
    out = tmp_path_factory.mktemp("web-out") / "atlas"
    publish_web(demo, out)
    return out


def load(folder, name):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def coordinates(geometry):
    def walk(value):
        if isinstance(value[0], (int, float)):
            yield value
        else:
            for item in value:
                yield from walk(item)

    return list(walk(geometry["coordinates"]))


# -- the allow-list --------------------------------------------------------------------------
def test_allow_list_names_only_model_fields_and_no_personal_one():
    model = load_model()
    for table, names in PUBLISHED_FIELDS.items():
        assert model.has_table(table), table
        for name in names:
            assert model.table(table).has_field(name) or name in SCHEMA_2_NAMES, f"{table}.{name}"
            assert name not in FORBIDDEN_FIELDS, f"{table}.{name}"
            assert name != "note" and not name.startswith(("creato_", "modificato_")), f"{table}.{name}"
    # every audit and note field of the model is left out
    for table in model.tables:
        for field in table.fields:
            if field.name == "note" or field.name.startswith(("creato_", "modificato_")):
                assert field.name not in PUBLISHED_FIELDS.get(table.name, ()), f"{table.name}.{field.name}"
    assert PUBLISHABLE_FIELD not in PUBLISHED_FIELDS["progetti"]  # read to select, never written


# -- the publication of the demo -----------------------------------------------------------
def test_folder_layout_and_publication_record(published, demo):
    names = sorted(p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file())
    assert names == sorted(
        [
            "index.html",
            "app.js",
            "style.css",
            "strings.json",
            "publication.json",
            "data/progetti.json",
            "data/lavori.geojson",
            "data/comuni.geojson",
            "vendor/maplibre-gl.js",
            "vendor/maplibre-gl.css",
            "vendor/LICENSE-maplibre-gl.txt",
        ]
    )
    record = load(published, "publication.json")
    assert record["format"] == "remix-web-atlas"
    assert record["source"]["file"] == demo.name and "/" not in record["source"]["file"]
    assert record["scheme"]["name"] == "RE.MIX" and record["scheme"]["version"]
    assert record["counts"]["progetti"] == 6 and record["counts"]["progetti_non_pubblicabili"] == 0
    assert record["counts"]["lavori"] == 8 and record["counts"]["comuni"] == 133
    assert record["geometry"]["crs"] == "EPSG:4326"
    assert record["base_layer"] is None
    import hashlib

    for name, entry in record["files"].items():
        data = (published / name).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest(), name
    assert "BSD" in (published / "vendor" / "LICENSE-maplibre-gl.txt").read_text(encoding="utf-8")


def test_counts_match_the_geopackage(published, demo):
    with sqlite3.connect(demo) as db:
        n_projects = db.execute("SELECT count(*) FROM progetti").fetchone()[0]
        n_lavori = db.execute("SELECT count(*) FROM lavori").fetchone()[0]
        n_comuni = db.execute("SELECT count(*) FROM comuni").fetchone()[0]
    data = load(published, "data/progetti.json")
    assert len(data["projects"]) == n_projects == 6
    assert len(load(published, "data/lavori.geojson")["features"]) == n_lavori
    assert len(load(published, "data/comuni.geojson")["features"]) == n_comuni
    assert sum(len(p["lavori"]) for p in data["projects"]) == n_lavori
    castano = [p for p in data["projects"] if p["comune_istat"] == CASTANO]
    assert len(castano) == 1 and castano[0]["comune"] == "Castano Primo"
    assert [f["numero"] for f in castano[0]["fasi"]] == [1, 2, 3]
    assert [f["titolo"] for f in castano[0]["fasi"]] == ["FASE I", "FASE II", "FASE III"]


def test_labels_and_palette_come_from_the_scheme_and_the_styles(published):
    import importlib.util

    spec = importlib.util.spec_from_file_location("palette_for_test", ROOT / "remix_plugin/styles/palette.py")
    palette = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(palette)
    from remix_plugin.taxonomy import load_scheme

    data = load(published, "data/progetti.json")
    assert data["style"]["intervento"] == palette.INTERVENTO_COLOURS
    assert data["style"]["zone"] == palette.ZONE_TINTS
    stato = load_scheme().dimension("stato_progetto")
    assert [t["code"] for t in data["labels"]["stato_progetto"]["terms"]] == stato.codes()
    assert data["labels"]["stato_progetto"]["terms"][0]["en"] == stato.terms[0].label("en")
    assert data["headings"]["lavori"] == {"it": "Lavori", "en": "Physical works"}


def test_geometry_is_wgs84_inside_lombardy(published):
    west, south, east, north = LOMBARDY
    for name in ("data/lavori.geojson", "data/comuni.geojson"):
        features = load(published, name)["features"]
        points = [c for f in features for c in coordinates(f["geometry"])]
        assert points, name
        assert all(west < x < east and south < y < north for x, y in points), name
    for project in load(published, "data/progetti.json")["projects"]:
        x, y = project["point"]
        assert west < x < east and south < y < north
        bx0, by0, bx1, by1 = project["bbox"]
        assert bx0 <= x <= bx1 and by0 <= y <= by1


def _adjacency(features):
    geometries = [ogr.CreateGeometryFromJson(json.dumps(f)) for f in features]
    envelopes = [g.GetEnvelope() for g in geometries]
    pairs = set()
    for i, a in enumerate(geometries):
        for j in range(i + 1, len(geometries)):
            ea, eb = envelopes[i], envelopes[j]
            if ea[1] < eb[0] or eb[1] < ea[0] or ea[3] < eb[2] or eb[3] < ea[2]:
                continue
            if a.Intersects(geometries[j]):
                pairs.add((i, j))
    return geometries, pairs


def test_comuni_keep_their_shared_borders(published, demo):
    """Rounding keeps topology: the same comuni touch as in the GeoPackage, none overlaps."""
    dataset = ogr.Open(str(demo))
    layer = dataset.GetLayerByName("comuni")
    source = [json.loads(f.GetGeometryRef().ExportToJson()) for f in layer]
    dataset = None
    output = [f["geometry"] for f in load(published, "data/comuni.geojson")["features"]]
    _, source_pairs = _adjacency(source)
    geometries, output_pairs = _adjacency(output)
    assert output_pairs == source_pairs and len(output_pairs) > 250
    overlap = sum(geometries[i].Intersection(geometries[j]).GetArea() for i, j in output_pairs)
    assert overlap < 1e-9  # square degrees: ~0.01 m², only rounding noise


# -- nothing private goes out ----------------------------------------------------------------
def test_no_personal_data_and_no_unpublishable_project_anywhere(tmp_path):
    source = demo_copy(tmp_path)
    with sqlite3.connect(source) as db:
        for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):  # named by the rtree triggers
            db.create_function(name, 1, lambda geometry: None)
        (secret_uuid,) = db.execute(
            "SELECT uuid FROM progetti WHERE comune_istat <> ? ORDER BY uuid LIMIT 1", (CASTANO,)
        ).fetchone()
        db.execute(
            f'UPDATE progetti SET "{PUBLISHABLE_FIELD}" = 0, titolo = ? WHERE uuid = ?',
            (SECRET_TITLE, secret_uuid),
        )
        secret_lavori = [
            r[0] for r in db.execute("SELECT uuid FROM lavori WHERE progetto_uuid = ?", (secret_uuid,))
        ]
        for table in ("progetti", "attori", "progetto_attori", "misure", "finanziamenti"):
            db.execute(f'UPDATE "{table}" SET note = ?', (f"scrivere a {EMAIL}",))
        for table in ("progetti", "lavori", "fasi", "attori"):
            db.execute(
                f'UPDATE "{table}" SET creato_da = ?, modificato_da = ?', ("mrossi.utente", "mrossi.utente")
            )
    out = tmp_path / "atlas"
    record = publish_web(source, out)
    assert record["counts"]["progetti"] == 5 and record["counts"]["progetti_non_pubblicabili"] == 1
    needles = [EMAIL, "mrossi.utente", "scrivere a", SECRET_TITLE, secret_uuid, *secret_lavori]
    checked = 0
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                assert needle.encode() not in data, f"{needle!r} in {path.relative_to(out)}"
            checked += 1
    assert checked == 11
    data = load(out, "data/progetti.json")
    keys = {k for p in data["projects"] for k in p}
    assert not keys & FORBIDDEN_FIELDS


# -- writing and refusals --------------------------------------------------------------------
@needs_vendor
def test_refuses_a_folder_that_is_not_a_publication(tmp_path, demo):
    folder = tmp_path / "documenti"
    folder.mkdir()
    (folder / "relazione.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(RemixError) as caught:
        publish_web(demo, folder)
    assert caught.value.code == "target_not_empty"
    assert [p.name for p in folder.iterdir()] == ["relazione.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documenti"]  # no temporary folder left
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(RemixError) as caught:
        publish_web(demo, a_file)
    assert caught.value.code == "target_not_folder"
    assert a_file.read_text(encoding="utf-8") == "x"


@needs_vendor
def test_replaces_a_previous_publication_but_not_one_a_user_added_to(tmp_path, demo):
    out = tmp_path / "atlas"
    (out).mkdir()  # an empty folder is fine
    first = publish_web(demo, out)
    second = publish_web(demo, out, filter=["Castano Primo"])
    assert second["counts"]["progetti"] == 1 and first["counts"]["progetti"] == 6
    assert len(load(out, "data/progetti.json")["projects"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas"]  # old and temporary folders gone
    (out / "data" / "aggiunto.txt").write_text("a colleague's file", encoding="utf-8")
    with pytest.raises(RemixError) as caught:
        publish_web(demo, out)
    assert caught.value.code == "target_not_empty"
    assert (out / "data" / "aggiunto.txt").is_file()


@needs_vendor
def test_a_failure_while_writing_leaves_the_previous_publication(tmp_path, demo, monkeypatch):
    out = tmp_path / "atlas"
    publish_web(demo, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(web_publish, "_write_json", disk_full)
    with pytest.raises(OSError):
        publish_web(demo, out, filter=[CASTANO])
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas"]


@needs_vendor
def test_schema_1_file_and_unknown_comune_are_refused(tmp_path):
    plain = tmp_path / "plain.gpkg"
    build_demo_geopackage(plain)
    with sqlite3.connect(plain) as db:
        has_flag = PUBLISHABLE_FIELD in {row[1] for row in db.execute('PRAGMA table_info("progetti")')}
    if not has_flag:
        with pytest.raises(RemixError) as caught:
            publish_web(plain, tmp_path / "a")
        assert caught.value.code == "no_publishable_flag"
        assert "pubblicabile" in caught.value.message("it")
    source = demo_copy(tmp_path, "flagged.gpkg")
    with pytest.raises(RemixError) as caught:
        publish_web(source, tmp_path / "b", filter=["Atlantide"])
    assert caught.value.code == "unknown_comune"
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


# -- the command line ------------------------------------------------------------------------
def _cli(*argv):
    parser = argparse.ArgumentParser()
    web_cli.add_parser(parser.add_subparsers(dest="command"))
    return web_cli.run(parser.parse_args(["publish-web", *argv]))


@needs_vendor
def test_cli_exit_codes(tmp_path, demo, capsys):
    assert _cli(str(demo), str(tmp_path / "ok"), "--lang", "en") == 0
    assert "6 projects" in capsys.readouterr().out
    assert load(tmp_path / "ok", "publication.json")["language"] == "en"
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x", encoding="utf-8")
    assert _cli(str(demo), str(tmp_path / "busy")) == 1
    assert _cli(str(tmp_path / "missing.gpkg"), str(tmp_path / "no")) == 2
    not_gpkg = tmp_path / "not.gpkg"
    not_gpkg.write_text("hello", encoding="utf-8")
    assert _cli(str(not_gpkg), str(tmp_path / "no")) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 3
    assert not (tmp_path / "no").exists()


@needs_vendor
def test_cli_runs_without_qgis(tmp_path, demo):
    code = (
        "import sys, runpy\nsys.argv=['x', sys.argv[1], sys.argv[2]]\n"
        "from remix_plugin.web import cli\nrc = cli.main()\n"
        "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(demo), str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr


def test_vendor_script_check_matches_the_lock():
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text(encoding="utf-8"))
    package = json.loads((ROOT / "web" / "package.json").read_text(encoding="utf-8"))
    pinned = package["dependencies"]["maplibre-gl"]
    assert pinned[0].isdigit()  # an exact version, no range
    assert lock["packages"]["node_modules/maplibre-gl"]["version"] == pinned
    if shutil.which("npm") and (web_publish.VENDOR_DIR / "VERSION.json").is_file():
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_web_assets.py"), "--check"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@needs_vendor
def test_demo_hook_publishes_into_out_web(tmp_path, demo):
    from remix_plugin.demo.web import add_to_demo

    lines = add_to_demo(demo, tmp_path)
    assert len(lines) == 1 and "6 progetti" in lines[0] and "8 lavori" in lines[0]
    assert load(tmp_path / "web", "publication.json")["counts"]["progetti"] == 6
    assert add_to_demo(demo, tmp_path) == lines  # the demo can be rebuilt over its previous publication


RHO_TITLE = "Ex scalo merci. Area ATTRACT"


def test_card_data_has_the_kpi_status_and_the_priority_breakdown(tmp_path):
    """What the page draws the card's KPI chart and priority from: the series, baseline, target
    and status of each indicator (monitoring.kpi, as in the dock and the atlas) and the score
    with each criterion's points and weight (priority.score); never a measurement's source."""
    from remix_plugin.demo.monitoring import ILLUSTRATIVE, SEED_SOURCE, add_monitoring
    from remix_plugin.priority.score import score_projects

    source = demo_copy(tmp_path)
    add_monitoring(source)
    out = tmp_path / "atlas"
    publish_web(source, out)
    data = load(out, "data/progetti.json")
    assert data["kpi_stati"]["in_ritardo"] == {"it": "in ritardo", "en": "late"}
    assert data["style"]["kpi"]["in_ritardo"] == "#a4262c" and data["style"]["kpi"]["target"] == "#1b7a3a"
    rho = next(p for p in data["projects"] if p["titolo"] == RHO_TITLE)
    (indicator,) = rho["indicatori"]
    assert indicator["nome"] == "Attori coinvolti" and indicator["stato"] == "in_ritardo"
    assert indicator["valore_base"] == 0 and indicator["valore_obiettivo"] == 6
    assert indicator["data_obiettivo"].startswith("2026-12-31")
    assert indicator["quota"] == 0.5 and 0.5 < indicator["quota_attesa"] < 1
    assert [m[1] for m in indicator["misure"]] == [2, 2, 3]
    statuses = sorted(i["stato"] for p in data["projects"] for i in p["indicatori"])
    assert statuses == ["in_linea", "in_linea", "in_ritardo", "raggiunto", "senza_obiettivo",
                        "senza_riferimento"]
    expected = {s.uuid: s for s in score_projects(str(source))}[rho["uuid"]]
    priority = rho["priorita"]
    assert priority["punteggio"] == round(expected.score, 1) and priority["massimo"] == 100
    shown = f"{expected.score:.1f}".removesuffix(".0")  # the atlas card's words (priority.score.score_text)
    assert priority["testo"] == {"it": shown.replace(".", ",") + " su 100 punti",
                                 "en": shown + " of 100 points"}
    assert [c["punti"] for c in priority["criteri"]] == [round(p.points, 1) for p in expected.parts]
    assert sum(c["peso"] for c in priority["criteri"]) == 100
    assert priority["criteri"][0]["etichetta"]["it"] == "Scala dell'impatto atteso"
    assert data["priorita_profilo"]["versione"]
    text = (out / "data" / "progetti.json").read_text(encoding="utf-8")
    assert ILLUSTRATIVE not in text and SEED_SOURCE not in text  # misure.fonte is not published


@needs_vendor
def test_cli_base_layer_xyz_and_wms(tmp_path, demo, capsys):
    xyz = "https://tiles.example.org/orto/{z}/{x}/{y}.png"
    assert _cli(str(demo), str(tmp_path / "xyz"), "--base-layer", "xyz", xyz,
                "--base-layer-attribution", "© Ortofoto CMM") == 0
    assert load(tmp_path / "xyz", "publication.json")["base_layer"] == {
        "type": "xyz", "url": xyz, "attribution": "© Ortofoto CMM"}
    wms = "https://wms.example.org/service?map=orto"
    assert _cli(str(demo), str(tmp_path / "wms"), "--base-layer", "WMS", wms,
                "--base-layer-layers", "orto2021") == 0
    assert load(tmp_path / "wms", "publication.json")["base_layer"] == {
        "type": "wms", "url": wms, "layers": "orto2021"}
    capsys.readouterr()
    # refused (exit 1), one line each, nothing written: no tile placeholders, no WMS layers, not http(s)
    assert _cli(str(demo), str(tmp_path / "a"), "--base-layer", "xyz", "https://tiles.example.org/o.png") == 1
    assert _cli(str(demo), str(tmp_path / "b"), "--base-layer", "wms", wms) == 1
    assert _cli(str(demo), str(tmp_path / "c"), "--base-layer", "tms", xyz) == 1
    assert _cli(str(demo), str(tmp_path / "d"), "--base-layer", "xyz", "ftp://x/{z}/{x}/{y}") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4 and "{z}" in err[0], err
    assert not [p for p in "abcd" if (tmp_path / p).exists()]
