"""The RE.MIX GeoPackage made with GDAL/OGR only (no QGIS): creation, validation, refusal paths,
upgrade of an older schema. Every file is a real GeoPackage made in tmp_path."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from osgeo import ogr

from remix_plugin.layers import geopackage as gpkg_module
from remix_plugin.layers.errors import RemixFileError
from remix_plugin.layers.geopackage import backup_copy, create_geopackage, upgrade_geopackage
from remix_plugin.layers.inspect import inspect_geopackage
from remix_plugin.layers.model import (
    CODELIST_TABLE,
    EXCEPTIONS_TABLE,
    METADATA_TABLE,
    SCHEMA_VERSION,
    load_model,
)
from remix_plugin.taxonomy import load_scheme

VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
ZONE_COUNTS = {"adda_martesana": 29, "alto_milanese": 22, "magentino_abbiatense": 28, "nord_ovest": 16,
               "sud_ovest": 16, "sud_est": 15, "nord_milano": 6, "milano": 1}


def validate(path):
    """validate_gpkg.py -k --extra: no output and rc 0 = clean (warnings count as errors)."""
    result = subprocess.run(["/usr/bin/python3", VALIDATOR, "-k", "--extra", str(path)],
                            capture_output=True, text=True, timeout=120)
    return result.returncode, (result.stdout + result.stderr).strip()


def content(path):
    """Everything a GeoPackage holds, compared logically (the backup API rewrites header counters,
    so a faithful copy is not byte-identical): pragmas, schema and every table's rows."""
    connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        result = {"application_id": connection.execute("PRAGMA application_id").fetchone(),
                  "user_version": connection.execute("PRAGMA user_version").fetchone(),
                  "schema": sorted(connection.execute("SELECT type, name, sql FROM sqlite_master"))}
        for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"):
            quoted = '"' + name.replace('"', '""') + '"'
            result[name] = sorted(connection.execute("SELECT * FROM " + quoted).fetchall(), key=repr)
        return result
    finally:
        connection.close()


def checksum(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return create_geopackage(tmp_path_factory.mktemp("gpkg") / "template.gpkg")


@pytest.fixture()
def gpkg(template, tmp_path):
    target = tmp_path / "remix.gpkg"
    shutil.copyfile(template, target)
    return target


def set_metadata(path, key, value):
    dataset = ogr.Open(str(path), update=1)
    layer = dataset.GetLayerByName(METADATA_TABLE)
    for feature in layer:
        if feature.GetField("key") == key:
            feature.SetField("value", value)
            layer.SetFeature(feature)
    dataset = None


# -- creation -------------------------------------------------------------------------------
def test_created_file_passes_the_validator(template):
    assert validate(template) == (0, "")


def test_created_file_is_a_remix_geopackage(template):
    info = inspect_geopackage(template)
    assert info.schema_version == SCHEMA_VERSION
    assert info.scheme_version == load_scheme().version
    assert info.crs == "EPSG:32632"
    assert not info.needs_upgrade
    for table in load_model().table_names + [CODELIST_TABLE, EXCEPTIONS_TABLE, METADATA_TABLE]:
        assert table in info.tables


def test_every_model_field_is_in_the_file_with_its_type(template):
    dataset = ogr.Open(str(template))
    for table in load_model().tables:
        layer = dataset.GetLayerByName(table.name)
        definition = layer.GetLayerDefn()
        names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        assert names == table.field_names, table.name
        assert layer.GetFIDColumn() == "fid"
        if table.geometry:
            assert layer.GetGeomType() == ogr.wkbMultiPolygon
            assert layer.GetGeometryColumn() == "geom"
        for field in table.coded_fields:
            defn = definition.GetFieldDefn(definition.GetFieldIndex(field.name))
            expected = ogr.OFSTJSON if field.multi else ogr.OFSTNone
            assert defn.GetSubType() == expected, (table.name, field.name)
        if table.has_uuid:
            defn = definition.GetFieldDefn(definition.GetFieldIndex("uuid"))
            assert not defn.IsNullable() and defn.IsUnique()


def test_comuni_133_with_zone_counts(template):
    dataset = ogr.Open(str(template))
    layer = dataset.GetLayerByName("comuni")
    assert layer.GetFeatureCount() == 133
    features = list(layer)
    assert Counter(f.GetField("zona_omogenea") for f in features) == ZONE_COUNTS
    by_istat = {f.GetField("istat"): f for f in features}
    assert by_istat["015182"].GetField("nome") == "Rho"
    assert by_istat["015146"].GetField("zona_omogenea") == "milano"
    assert all(f.GetGeometryRef() is not None and f.GetGeometryRef().IsValid() for f in features)
    assert all("ISTAT" in f.GetField("fonte") for f in features)
    # in EPSG:32632 (metres): Rho's centroid near 503 km E, 5044 km N
    centroid = by_istat["015182"].GetGeometryRef().Centroid()
    assert 495_000 < centroid.GetX() < 510_000 and 5_035_000 < centroid.GetY() < 5_050_000


def test_codelist_rows_equal_the_scheme(template):
    connection = sqlite3.connect(str(template))
    rows = connection.execute(
        "SELECT dimension, code, label_it, label_en, definition_it, definition_en, ordine, deprecated "
        "FROM remix_codelist ORDER BY fid").fetchall()
    connection.close()
    assert rows == [tuple(r) for r in load_scheme().codelist_rows()]


def test_rdn2008_crs(tmp_path):
    path = create_geopackage(tmp_path / "rdn.gpkg", crs="EPSG:7791")
    assert inspect_geopackage(path).crs == "EPSG:7791"
    dataset = ogr.Open(str(path))  # keep the dataset alive while its layer is used
    assert dataset.GetLayerByName("lavori").GetSpatialRef().GetAuthorityCode(None) == "7791"
    dataset = None
    assert validate(path) == (0, "")


def test_unsupported_crs_refused(tmp_path):
    with pytest.raises(RemixFileError) as info:
        create_geopackage(tmp_path / "x.gpkg", crs="EPSG:6707")
    assert info.value.code == "bad_crs"
    assert not (tmp_path / "x.gpkg").exists()


def test_existing_file_not_overwritten_without_consent(gpkg):
    before = checksum(gpkg)
    with pytest.raises(RemixFileError) as info:
        create_geopackage(gpkg)
    assert info.value.code == "exists"
    assert checksum(gpkg) == before


def test_creation_is_atomic(gpkg, monkeypatch):
    """A failure half-way leaves the existing target untouched and no temporary file behind."""
    before = checksum(gpkg)
    listing = sorted(os.listdir(gpkg.parent))

    def broken(*args, **kwargs):
        args = kwargs = None  # noqa: F841 - the traceback must not keep the GDAL dataset open
        raise RuntimeError("simulated failure while loading the comuni")

    monkeypatch.setattr(gpkg_module, "_load_comuni", broken)
    with pytest.raises(RuntimeError, match="simulated failure"):
        create_geopackage(gpkg, overwrite=True)
    assert checksum(gpkg) == before
    assert sorted(os.listdir(gpkg.parent)) == listing
    with pytest.raises(RuntimeError):
        create_geopackage(gpkg.parent / "new.gpkg")
    assert sorted(os.listdir(gpkg.parent)) == listing


# -- refusal paths -----------------------------------------------------------------------------
def test_newer_schema_refused(gpkg):
    set_metadata(gpkg, "schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(RemixFileError) as info:
        inspect_geopackage(gpkg)
    assert info.value.code == "newer_version"
    assert "aggiorna il plugin" in info.value.message("it")
    assert "update the plugin" in info.value.message("en")


def test_foreign_geopackage_refused(tmp_path):
    path = tmp_path / "foreign.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer("parcels", None, ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    dataset = None
    with pytest.raises(RemixFileError) as info:
        inspect_geopackage(path)
    assert info.value.code == "not_remix"
    assert "non un GeoPackage RE.MIX" in info.value.message("it")


def test_plain_sqlite_refused(tmp_path):
    path = tmp_path / "plain.gpkg"
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE t (a INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    with pytest.raises(RemixFileError) as info:
        inspect_geopackage(path)
    assert info.value.code == "not_geopackage"


def test_truncated_file_refused(gpkg, tmp_path):
    truncated = tmp_path / "truncated.gpkg"
    data = gpkg.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(RemixFileError) as info:
        inspect_geopackage(truncated)
    assert info.value.code == "corrupt"
    assert info.value.message("it") and info.value.message("en")


def test_text_file_renamed_gpkg_refused(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("Progetti RE.MIX: appunti\n" * 20, encoding="utf-8")
    with pytest.raises(RemixFileError) as info:
        inspect_geopackage(path)
    assert info.value.code == "not_geopackage"


def test_missing_file_and_folder_refused(tmp_path):
    with pytest.raises(RemixFileError) as info:
        inspect_geopackage(tmp_path / "none.gpkg")
    assert info.value.code == "missing"
    with pytest.raises(RemixFileError) as info:
        inspect_geopackage(tmp_path)
    assert info.value.code == "not_a_file"


def test_locked_file_reported(gpkg):
    holder = sqlite3.connect(str(gpkg), timeout=0.1, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(RemixFileError) as info:
            inspect_geopackage(gpkg)
        assert info.value.code == "locked"
        assert "bloccato" in info.value.message("it")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert inspect_geopackage(gpkg).schema_version == SCHEMA_VERSION


def test_missing_folder_refused(tmp_path):
    with pytest.raises(RemixFileError) as info:
        create_geopackage(tmp_path / "no" / "such" / "folder" / "x.gpkg")
    assert info.value.code == "no_folder"


def test_read_only_folder_refused(tmp_path):
    """Non-root: a chmod 0o555 folder. Root ignores permission bits (CI runs as root), so there
    the target is /proc, where nothing can be created although os.access says yes."""
    if os.geteuid() == 0:
        folder = Path("/proc")
    else:
        folder = tmp_path / "readonly"
        folder.mkdir()
        folder.chmod(0o555)
    try:
        with pytest.raises(RemixFileError) as info:
            create_geopackage(folder / "remix.gpkg")
        assert info.value.code == "read_only_folder"
        assert not (folder / "remix.gpkg").exists()
    finally:
        if folder != Path("/proc"):
            folder.chmod(0o755)


# -- upgrade -------------------------------------------------------------------------------------
def make_schema_zero(path):
    """A file as an imaginary schema 0 wrote it: no remix_exceptions, no lavori.superficie_mq."""
    dataset = ogr.Open(str(path), update=1)
    for index in range(dataset.GetLayerCount()):
        if dataset.GetLayer(index).GetName() == EXCEPTIONS_TABLE:
            dataset.DeleteLayer(index)
            break
    lavori = dataset.GetLayerByName("lavori")
    lavori.DeleteField(lavori.GetLayerDefn().GetFieldIndex("superficie_mq"))
    feature = ogr.Feature(lavori.GetLayerDefn())
    feature.SetField("uuid", "3f2b8c1e-6a4d-4e0b-9c55-2d7e1a0b9f10")
    feature.SetField("titolo", "Ex scalo merci (area ATTRACT)")
    feature.SetField("comune_istat", "015182")
    feature.SetField("creato_il", "2020-05-04T09:00:00Z")
    feature.SetField("modificato_il", "2020-05-04T09:00:00Z")
    feature.SetGeometry(ogr.CreateGeometryFromWkt(
        "MULTIPOLYGON (((503000 5044000, 503200 5044000, 503200 5044150, 503000 5044000)))"))
    lavori.CreateFeature(feature)
    dataset = None
    set_metadata(path, "schema_version", "0")


def test_upgrade_of_an_older_schema(gpkg):
    make_schema_zero(gpkg)
    old_content = content(gpkg)
    info = inspect_geopackage(gpkg)
    assert info.schema_version == 0 and info.needs_upgrade
    assert EXCEPTIONS_TABLE not in info.tables

    backup = upgrade_geopackage(gpkg)
    assert backup is not None and backup.exists() and backup != gpkg
    assert content(backup) == old_content  # a faithful copy of the old file
    info = inspect_geopackage(gpkg)
    assert info.schema_version == SCHEMA_VERSION and not info.needs_upgrade
    assert EXCEPTIONS_TABLE in info.tables
    assert info.metadata.get("upgraded_at")
    dataset = ogr.Open(str(gpkg))
    lavori = dataset.GetLayerByName("lavori")
    assert lavori.GetLayerDefn().GetFieldIndex("superficie_mq") >= 0
    rows = list(lavori)
    assert [(f.GetField("uuid"), f.GetField("titolo")) for f in rows] == [
        ("3f2b8c1e-6a4d-4e0b-9c55-2d7e1a0b9f10", "Ex scalo merci (area ATTRACT)")]
    assert rows[0].GetGeometryRef().GetArea() == pytest.approx(15000.0)
    dataset = None
    assert validate(gpkg) == (0, "")
    assert upgrade_geopackage(gpkg) is None  # nothing left to do
    assert not list(gpkg.parent.glob(".*.tmp*"))


def test_backup_copy_equals_the_source(gpkg):
    copy = backup_copy(gpkg, suffix="test")
    assert copy.name == "remix.backup-test.gpkg"
    assert content(copy) == content(gpkg)
    assert validate(copy) == (0, "")
