"""Issue 11, "cost that grows linearly": the indexed overlap search and the prepared comune share
give exactly the findings of the old quadratic code; content hash version 2 (written) and 1 (still
verified); the structural self-check in SQL finds every bad uuid and link; a validation of the same
content is not run twice by an export (export/validation_memo.py)."""

import random
import sqlite3

import pytest
from bundle_fixtures import add_project, square
from bundle_helpers import copy, make_bundle
from osgeo import ogr
from shapely import wkb as shapely_wkb
from shapely.geometry import Polygon

from remix_plugin.export import checker
from remix_plugin.export import manifest as manifest_module
from remix_plugin.export.checker import check_bundle
from remix_plugin.export.spec import load_spec
from remix_plugin.validation.engine import validate_geopackage
from remix_plugin.validation.rules import geometry_checks as gc
from remix_plugin.validation.rules import overlap_pairs as ov


def _polygon(x, y, width, height):
    return ogr.CreateGeometryFromWkt(
        f"POLYGON(({x} {y},{x + width} {y},{x + width} {y + height},{x} {y + height},{x} {y}))"
    )


def _items(polygons):
    items = []
    for key, geometry in enumerate(polygons):
        minx, maxx, miny, maxy = geometry.GetEnvelope()
        items.append((key, geometry, (minx, maxx, miny, maxy)))
    return items


def _adversarial_polygons(count, seed):
    """Tall strips sharing one x-range (the sweep's worst case), touching and overlapping boxes,
    duplicates and boxes on exact float boundaries."""
    rng = random.Random(seed)
    polygons = []
    for index in range(count):
        kind = index % 4
        if kind == 0:  # every strip spans the same x-range
            polygons.append(_polygon(0.0, index * 7.0, 100.0, 10.0))
        elif kind == 1:
            polygons.append(_polygon(rng.uniform(0, 90), rng.uniform(0, count * 7), 10.0, 10.0))
        elif kind == 2:  # shares an edge with the previous one (zero-area overlap)
            x0, x1, y0, _ = polygons[-1].GetEnvelope()
            polygons.append(_polygon(x1, y0, 5.0, 5.0))
        else:
            polygons.append(polygons[rng.randrange(len(polygons))].Clone())
    return polygons


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_indexed_overlaps_equal_the_sweep(monkeypatch, seed):
    items = _items(_adversarial_polygons(400, seed))
    indexed = list(ov.find_overlaps(items, 0.0))
    monkeypatch.setattr(ov, "SWEEP_MAX", 10**9)
    swept = list(ov.find_overlaps(items, 0.0))
    assert len(swept) > 100  # the case has many overlaps…
    assert indexed == swept  # …and the index finds the same pairs, areas and order


def test_indexed_pairs_are_the_envelope_pairs():
    """The R*Tree keeps 32-bit floats: envelopes apart by less than that rounding are not merged."""
    left = _polygon(1000000.0, 0.0, 0.01, 1.0)
    right = _polygon(1000000.0 + 0.0100001, 0.0, 0.01, 1.0)  # 0.1 µm apart
    items = _items([left, right] * 40)
    ordered = sorted(items, key=lambda item: item[2][0])
    assert list(ov._indexed_pairs(ordered)) == list(ov._swept_pairs(ordered))


def _parcels(count, seed, spread=2000.0):
    """Parcel-like boxes of similar size (the grid's case), a tenth of them overlapping another."""
    rng = random.Random(seed)
    polygons = []
    for index in range(count):
        if index % 10 == 9:
            x0, x1, y0, _ = polygons[-1].GetEnvelope()
            polygons.append(_polygon(x0 + (x1 - x0) / 2, y0, rng.uniform(20, 60), rng.uniform(20, 60)))
        else:
            polygons.append(
                _polygon(rng.uniform(0, spread), rng.uniform(0, spread), rng.uniform(20, 60), 40.0)
            )
    return polygons


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("make", [_parcels, _adversarial_polygons])
def test_grid_pairs_are_the_swept_pairs(seed, make):
    ordered = sorted(_items(make(500, seed)), key=lambda item: item[2][0])
    grid = ov._grid_pairs(ordered)
    swept = list(ov._swept_pairs(ordered))
    assert grid is not None and len(swept) > 40
    assert grid == swept  # same pairs, same order, each once
    assert grid == list(ov._indexed_pairs(ordered))


def test_grid_hands_unequal_envelopes_to_the_rtree(monkeypatch):
    """One lavoro over the whole territory among parcels, or a dense stack of slivers: no grid
    (None), and find_overlaps still finds every pair through the R*Tree."""
    parcels = _parcels(300, 4)
    for polygons in (parcels + [_polygon(-10, -10, 3000, 3000)], parcels + [_polygon(5, 5, 0.5, 0.5)] * 400):
        ordered = sorted(_items(polygons), key=lambda item: item[2][0])
        assert ov._grid_pairs(ordered) is None
        found = list(ov.find_overlaps(_items(polygons), 0.0))
        monkeypatch.setattr(ov, "SWEEP_MAX", 10**9)
        assert found == list(ov.find_overlaps(_items(polygons), 0.0))
        monkeypatch.undo()


def test_batch_point_tests_equal_the_point_by_point_tests():
    index = gc.ComuniIndex([("A", _comune_square(0, 0, 1000)), ("B", _comune_square(1000, 0, 1000))])
    rng = random.Random(5)
    points = [
        (rng.choice(["A", "B", "C", None, 7]), rng.uniform(-500, 2500), rng.uniform(-500, 1500))
        for _ in range(500)
    ]
    points += [("A", 1000.0, 500.0), ("B", 1000.0, 500.0), ("A", 0.0, 0.0)]  # on the boundaries
    declared, territory = index.locate(points)
    for (istat, x, y), in_declared, in_territory in zip(points, declared, territory):
        expected = isinstance(istat, str) and index.contains_point(istat, x, y)
        assert in_declared == expected
        union, prepared = index.territory()
        assert in_territory == (None if expected else gc._contains_point(union, prepared, x, y))
    assert sum(declared) > 20 and any(t is False for t in territory) and any(territory)


def _comune_square(x, y, size):
    polygon = Polygon([(x, y), (x + size, y), (x + size, y + size), (x, y + size)])
    return polygon.wkb


def test_share_in_shortcuts_equal_the_intersection():
    index = gc.ComuniIndex([("A", _comune_square(0, 0, 1000)), ("B", _comune_square(1000, 0, 1000))])
    cases = {
        "far": Polygon([(5000, 5000), (5010, 5000), (5010, 5010), (5000, 5010)]),
        "inside": Polygon([(100, 100), (200, 100), (200, 200), (100, 200)]),
        "across": Polygon([(950, 0), (1050, 0), (1050, 100), (950, 100)]),
        "touching": Polygon([(1000, 0), (1100, 0), (1100, 100), (1000, 100)]),
    }
    comune = index._shapes["A"][0]
    for name, shape in cases.items():
        expected = shape.intersection(comune).area / shape.area
        assert index.share_in("A", shape) == pytest.approx(expected, abs=1e-12), name
        assert index.share_in("A", shape.wkb) == index.share_in("A", shape)  # WKB or shapely
    assert index.share_in("A", cases["across"]) == pytest.approx(0.5)
    assert index.share_in("nessuno", cases["inside"]) == 0.0


@pytest.fixture
def one_project_everywhere(tmp_path):
    """One project with 150 lavori (above SWEEP_MAX) in Milano, each declared in Rho, a third of
    them overlapping their neighbour; overlap and comune findings on every feature."""
    from bundle_fixtures import Writer, base_values, new_uuid

    from remix_plugin.layers.geopackage import create_geopackage

    path = tmp_path / "adversarial.gpkg"
    create_geopackage(path)
    writer = Writer(path)
    project = add_project(writer, 0, comune="015146", lavori=0, azioni=1)
    for index in range(150):
        values = base_values("lavori", index)
        x = 514000.0 + (index % 10) * 60.0
        y = 5034000.0 + (index // 10) * 60.0
        size = 80.0 if index % 3 == 0 else 50.0
        values.update(
            {
                "uuid": new_uuid(f"lavoro-adv-{index}"),
                "progetto_uuid": project,
                "comune_istat": "015182",  # Rho, while the lavori lie in Milano
                "superficie_mq": size * size,
            }
        )
        writer.add("lavori", values, square(x, y, size))
    writer.close()
    return path


def test_adversarial_findings_do_not_depend_on_the_index(one_project_everywhere, monkeypatch):
    def findings():
        report = validate_geopackage(str(one_project_everywhere), profile="strict")
        return [f.as_dict("en") for f in report.findings]

    indexed = findings()
    monkeypatch.setattr(ov, "SWEEP_MAX", 10**9)
    swept = findings()
    assert indexed == swept
    by_code = {}
    for finding in indexed:
        by_code[finding["code"]] = by_code.get(finding["code"], 0) + 1
    assert by_code.get("GEO-008") == 150  # every lavoro is declared in the wrong comune
    assert by_code.get("GEO-009", 0) >= 40  # the large squares overlap their neighbours


def test_findings_do_not_depend_on_the_batch_size(one_project_everywhere, monkeypatch):
    """Geometries are decoded and point-tested a batch at a time; findings come row by row in the
    same order whatever the batch (one row, a batch boundary inside a project, the whole table)."""
    from remix_plugin.validation import engine

    results = []
    for size in (1, 7, 1000):
        monkeypatch.setattr(engine, "BATCH", size)
        report = validate_geopackage(str(one_project_everywhere), profile="strict")
        results.append([f.as_dict("en") for f in report.findings])
    assert results[0] == results[1] == results[2]
    assert sum(f["code"] == "GEO-008" for f in results[0]) == 150


def test_the_collector_is_paused_during_a_run_and_restored_after(one_project_everywhere):
    import gc

    from remix_plugin.validation import engine

    seen = []
    was_enabled = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            report = engine.validate_geopackage(
                str(one_project_everywhere), progress=lambda _p: seen.append(gc.isenabled())
            )
            assert report.findings and gc.isenabled() is enabled
        gc.enable()
        with pytest.raises(engine.ValidationCancelled):  # stops inside the paused part
            engine.validate_geopackage(str(one_project_everywhere), is_cancelled=lambda: True)
        assert gc.isenabled()  # back on after a run that stopped
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert seen and not any(seen)  # off while the rows were checked


# -- content hash ---------------------------------------------------------------------------------


def _manifest(bundle):
    with sqlite3.connect(bundle) as connection:
        return dict(connection.execute("SELECT key, value FROM bundle_manifest").fetchall())


def _set_manifest(bundle, **values):
    with sqlite3.connect(bundle) as connection:
        for key, value in values.items():
            connection.execute("UPDATE bundle_manifest SET value = ? WHERE key = ?", (value, key))


def _without_rtree_triggers(connection):
    """GDAL's R*Tree triggers call ST_* functions plain sqlite3 lacks: drop them to edit rows."""
    statement = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_%'"
    for (name,) in connection.execute(statement).fetchall():
        connection.execute(f'DROP TRIGGER "{name}"')  # noqa: S608 (test)


def _hash(bundle, algorithm):
    connection = sqlite3.connect(bundle)
    try:
        return manifest_module.content_hash(connection, load_spec(), algorithm)
    finally:
        connection.close()


def test_bundles_declare_hash_version_2_and_check(tmp_path):
    _, bundle, result, _ = make_bundle(tmp_path, 3)
    manifest = _manifest(bundle)
    assert manifest["hash_algorithm"] == "sha256/remix-canonical-rows-2"
    assert manifest["content_hash"] == result.content_hash == _hash(bundle, manifest_module.HASH_V2)
    assert _hash(bundle, manifest_module.HASH_V1) != result.content_hash
    report = check_bundle(bundle, rules=False)
    assert report.exit_code == 0, [f.message_en for f in report.findings]


def test_version_1_bundles_still_verify(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 2)
    v1 = copy(bundle, "REMIX_CMM_20250301_02.gpkg")
    _set_manifest(v1, hash_algorithm=manifest_module.HASH_V1, content_hash=_hash(v1, manifest_module.HASH_V1))
    report = check_bundle(v1, rules=False)
    assert report.exit_code == 0 and report.content_hash == _hash(v1, manifest_module.HASH_V1)
    # a bundle older than the hash_algorithm key is version 1 too
    with sqlite3.connect(v1) as connection:
        connection.execute("DELETE FROM bundle_manifest WHERE key = 'hash_algorithm'")
    assert check_bundle(v1, rules=False).exit_code == 0
    with sqlite3.connect(v1) as connection:
        _without_rtree_triggers(connection)
        connection.execute("UPDATE lavori SET titolo = titolo || '.' WHERE fid = 1")
    assert "BND-011" in {f.code for f in check_bundle(v1, rules=False).findings}  # content hash


def test_unknown_hash_algorithm_is_reported(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 1)
    _set_manifest(bundle, hash_algorithm="md5/whatever")
    report = check_bundle(bundle, rules=False)
    found = {f.code: f for f in report.findings}
    assert report.exit_code == 1 and "BND-010" in found  # unknown hash algorithm
    assert "md5/whatever" in found["BND-010"].message_it


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE lavori SET superficie_mq = superficie_mq + 1e-9 WHERE fid = 1",  # 17th digit
        "UPDATE progetti SET descrizione = 'a' || char(0) || 'b' WHERE fid = 1",
        "UPDATE progetti SET descrizione = 'a' || char(0) || 'c' WHERE fid = 1",
        "UPDATE progetti SET note = X'00FF' WHERE fid = 1",  # a BLOB (JSON cannot hold it)
        "UPDATE progetti SET costo_stimato = '12' WHERE fid = 1",  # text where a number goes
        "UPDATE lavori SET geom = NULL WHERE fid = 1",
        "UPDATE lavori_servizi_realizzati SET ordine = ordine + 1 WHERE fid = 1",
        "DELETE FROM progetti_finalita WHERE fid = 1",
    ],
)
def test_every_change_changes_hash_version_2(tmp_path, statement):
    _, bundle, result, _ = make_bundle(tmp_path, 2)
    with sqlite3.connect(bundle) as connection:
        _without_rtree_triggers(connection)
        connection.execute("UPDATE progetti SET descrizione = 'a' || char(0) || 'x' WHERE fid = 2")
        before = manifest_module.content_hash(connection, load_spec())
        connection.execute(statement)
        after = manifest_module.content_hash(connection, load_spec())
        assert before != after
        assert manifest_module.content_hash(connection, load_spec()) == after  # deterministic


def test_hash_version_2_ignores_the_geometry_envelope(tmp_path):
    """Like v1: the GeoPackage header (envelope, srs id) is not content; the WKB is."""
    _, bundle, result, _ = make_bundle(tmp_path, 2)
    with sqlite3.connect(bundle) as connection:
        blob = connection.execute("SELECT geom FROM lavori WHERE fid = 1").fetchone()[0]
        wkb = manifest_module.geometry_wkb(blob)
        bare = manifest_module.gpkg_blob(wkb, 32632)  # no envelope
        assert bare != blob and shapely_wkb.loads(manifest_module.geometry_wkb(bare)).equals(
            shapely_wkb.loads(wkb)
        )
        _without_rtree_triggers(connection)
        connection.execute("UPDATE lavori SET geom = ? WHERE fid = 1", (bare,))
        assert manifest_module.content_hash(connection, load_spec()) == result.content_hash


# -- structural self-check in SQL -------------------------------------------------------------------


def _sql_structural(connection):
    """The uuid and link-table findings of the self-check (all in SQL since issue 11)."""
    from remix_plugin.export.check import identity
    from remix_plugin.export.check.report import Collector

    out = Collector(checker.BundleReport("x"))
    spec = load_spec()
    identity.check_uuids(connection, spec, out)
    identity.check_links(connection, spec, out)
    return list(out.report.findings)


def test_structural_check_in_sql_finds_every_bad_uuid_and_link(tmp_path):
    _, bundle, _, _ = make_bundle(tmp_path, 8)  # 8 azioni
    with sqlite3.connect(bundle) as connection:
        assert _sql_structural(connection) == []
        uuids = [r[0] for r in connection.execute("SELECT uuid FROM progetti ORDER BY fid")]
        for name in [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")]:
            if "progetti" in name and "autoindex" not in name:
                connection.execute(f'DROP INDEX "{name}"')  # noqa: S608 (test)
        # the UNIQUE NOT NULL of uuid is in the table definition: rebuild a table without it
        connection.execute("CREATE TABLE azioni_copy AS SELECT * FROM azioni")
        connection.execute("DROP TABLE azioni")
        connection.execute("ALTER TABLE azioni_copy RENAME TO azioni")
        first = connection.execute("SELECT uuid FROM azioni ORDER BY fid LIMIT 1").fetchone()[0]
        connection.execute("UPDATE azioni SET uuid = ? WHERE fid IN (2, 3)", (first,))  # three alike
        connection.execute("UPDATE azioni SET uuid = NULL WHERE fid = 4")
        connection.execute("UPDATE azioni SET uuid = '   ' WHERE fid = 5")
        connection.execute("UPDATE azioni SET uuid = '\u00a0' WHERE fid = 6")  # blank for str.strip
        connection.execute("UPDATE azioni SET uuid = ' x' || uuid WHERE fid = 7")  # not blank
        connection.execute("UPDATE progetti_finalita SET progetto_uuid = 'non-esiste' WHERE fid = 1")
        connection.execute("UPDATE progetti_finalita SET progetto_uuid = '' WHERE fid = 2")
        connection.execute(
            "INSERT INTO progetti_ambito_opportunita (progetto_uuid, code, ordine) "
            "SELECT progetto_uuid, code, ordine + 5 FROM progetti_ambito_opportunita WHERE fid <= 2"
        )
        connection.execute(
            "INSERT INTO lavori_servizi_realizzati (lavoro_uuid, code, ordine) "
            "SELECT 'non-esiste', code, ordine FROM lavori_servizi_realizzati WHERE fid <= 2"
        )
        assert uuids
        in_sql = _sql_structural(connection)
    codes = [f.code for f in in_sql]
    # uuid_duplicate (BND-033) x2, uuid_missing (BND-032) x3, duplicate_code (BND-035) x2,
    # dangling_link (BND-034) x4
    assert codes.count("BND-033") == 2 and codes.count("BND-032") == 3
    assert codes.count("BND-035") == 2 and codes.count("BND-034") == 4


# -- export: the engine on the source when everything travels --------------------------------------


def test_whole_export_validates_the_source_unless_it_changed_meanwhile(tmp_path, monkeypatch):
    from bundle_helpers import make_source

    from remix_plugin.export import writer

    source, uuids = make_source(tmp_path, 2, comuni=("015146",), complete=True)
    made = []
    original = writer._BundleValidation.__init__

    def recording(self, *args, whole=False, **kwargs):
        made.append(whole)
        original(self, *args, whole=whole, **kwargs)

    monkeypatch.setattr(writer._BundleValidation, "__init__", recording)
    result = writer.export_bundle(source, tmp_path / "REMIX_CMM_20250301_01.gpkg")
    assert made == [True] and result.validation == "engine"
    # a selection is validated on the bundle being written
    made.clear()
    writer.export_bundle(
        source, tmp_path / "REMIX_CMM_20250301_02.gpkg", writer.Selection(progetti=frozenset(uuids[:1]))
    )
    assert made == [False]

    # an edit saved in the source while it is exported (QGIS edits in WAL mode, so the save does not
    # wait for the export's readers): the bundle itself is validated
    with sqlite3.connect(source) as connection:
        assert connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"

    def edit_source(name):
        if name == "rows":
            dataset = ogr.Open(str(source), update=1)
            layer = dataset.GetLayerByName("progetti")
            feature = layer.GetNextFeature()
            feature.SetField("note", "modificato durante l'esportazione")
            layer.SetFeature(feature)
            dataset = None

    made.clear()
    result = writer.export_bundle(source, tmp_path / "REMIX_CMM_20250301_03.gpkg", step_hook=edit_source)
    assert made == [True, False] and result.counts["progetti"] == 2


# -- export: a validation of exactly this content is not run twice (export/validation_memo.py) ------


def _recording_validations(monkeypatch):
    from remix_plugin.export import writer

    made = []
    original = writer._BundleValidation.__init__

    def recording(self, *args, whole=False, **kwargs):
        made.append(whole)
        original(self, *args, whole=whole, **kwargs)

    monkeypatch.setattr(writer._BundleValidation, "__init__", recording)
    return made


def _bundle_rows(path):
    """What a bundle carries apart from its creation time: the data hash and the warnings."""
    with sqlite3.connect(path) as connection:
        manifest = dict(connection.execute("SELECT key, value FROM bundle_manifest"))
        warnings = connection.execute("SELECT * FROM bundle_warnings ORDER BY fid").fetchall()
    return manifest["content_hash"], manifest["validation"], manifest["validation_warnings"], warnings


def test_an_export_after_the_validation_of_the_same_content_reuses_its_findings(tmp_path, monkeypatch):
    from bundle_helpers import make_source

    from remix_plugin.export import validation_memo, writer

    monkeypatch.setenv("REMIX_VALIDATION_MEMO", str(tmp_path / "memo"))
    source, _ = make_source(tmp_path, 3)  # incomplete projects: strict gives warnings
    report = validation_memo.validate_remembering(
        source, "strict", lambda: validate_geopackage(str(source), profile="strict")
    )
    assert report.counts["warning"] > 0 and not report.has_errors
    assert len(list((tmp_path / "memo").glob("*.json"))) == 1
    made = _recording_validations(monkeypatch)

    reused = writer.export_bundle(source, tmp_path / "REMIX_CMM_20250301_01.gpkg", remember_validation=True)
    assert made == []  # nothing validated again
    fresh = writer.export_bundle(source, tmp_path / "REMIX_CMM_20250301_02.gpkg")
    assert made == [True]
    assert _bundle_rows(reused.path) == _bundle_rows(fresh.path)
    assert [f.as_dict() for f in reused.warnings] == [f.as_dict() for f in fresh.warnings]
    assert len(reused.warnings) == report.counts["warning"]

    # one changed value: another content, validated again (and that validation remembered)
    with sqlite3.connect(source) as connection:
        connection.execute("UPDATE progetti SET note = 'cambiata' WHERE fid = 1")
    made.clear()
    writer.export_bundle(source, tmp_path / "REMIX_CMM_20250301_03.gpkg", remember_validation=True)
    assert made == [True]
    writer.export_bundle(source, tmp_path / "REMIX_CMM_20250301_04.gpkg", remember_validation=True)
    assert made == [True]
    # another profile is another memo
    writer.export_bundle(
        source, tmp_path / "REMIX_CMM_20250301_05.gpkg", profile="draft", remember_validation=True
    )
    assert made == [True, True]


def test_remembered_errors_block_the_export_and_a_memo_that_does_not_match_is_ignored(tmp_path, monkeypatch):
    import json

    from bundle_helpers import make_source

    from remix_plugin.export import validation_memo, writer

    monkeypatch.setenv("REMIX_VALIDATION_MEMO", str(tmp_path / "memo"))
    source, _ = make_source(tmp_path, 2, comuni=("015146",), complete=True)
    with sqlite3.connect(source) as connection:
        connection.execute("UPDATE progetti SET comune_istat = '999999' WHERE fid = 1")
    target = tmp_path / "REMIX_CMM_20250301_01.gpkg"
    with pytest.raises(writer.ExportBlocked) as first:
        writer.export_bundle(source, target, remember_validation=True)
    made = _recording_validations(monkeypatch)
    with pytest.raises(writer.ExportBlocked) as again:
        writer.export_bundle(source, target, remember_validation=True)
    assert made == [] and not target.exists()
    assert [f.as_dict() for f in again.value.findings] == [f.as_dict() for f in first.value.findings]

    # a memo whose recorded key is not the one asked for (edited, or another file's) is not used
    (memo,) = (tmp_path / "memo").glob("*.json")
    content = json.loads(memo.read_text(encoding="utf-8"))
    content["key"]["file"] = "0" * 64
    memo.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(writer.ExportBlocked):
        writer.export_bundle(source, target, remember_validation=True)
    assert made == [True]
    # off: nothing read, nothing written
    monkeypatch.setenv("REMIX_VALIDATION_MEMO", "off")
    for old in (tmp_path / "memo").glob("*.json"):
        old.unlink()
    with pytest.raises(writer.ExportBlocked):
        writer.export_bundle(source, target, remember_validation=True)
    assert made == [True, True] and list((tmp_path / "memo").glob("*.json")) == []
    assert validation_memo.memo_folder() is None
