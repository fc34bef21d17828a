"""Create and upgrade RE.MIX GeoPackages with GDAL/OGR (no QGIS needed).

``create_geopackage`` writes the tables of ``model.py``, the code lists of the scheme, the
metadata and the comuni reference layer into a temporary file beside the target, checks it,
then moves it into place: an interrupted run never leaves a half-written file where a good one
was. The embedded QGIS project (forms, relations, styles) is added by ``qgis_project.storage``.
"""

import datetime
import getpass
import json
import os
import shutil
import tempfile
from pathlib import Path

from osgeo import ogr, osr

from .. import sql
from ..files import durable_replace
from ..log import get_logger
from ..taxonomy import load_scheme
from .backup import (  # noqa: F401 (sqlite_backup: export/merge.py)
    backup_name,
    exclusive_backup,
    sqlite_backup,
)
from .comuni import COMUNI_GEOJSON, read_zone_omogenee
from .errors import RemixFileError
from .inspect import inspect_geopackage
from .model import (
    CODELIST_TABLE,
    COMUNI_ATTRIBUTION,
    COMUNI_TABLE,
    DEFAULT_CRS,
    EXCEPTION_FIELDS,
    EXCEPTIONS_TABLE,
    GEOMETRY_COLUMN,
    METADATA_TABLE,
    SCHEMA_VERSION,
    SUPPORTED_CRS,
    load_model,
)
from .stored_project import retarget_stored_project

LOG = get_logger("layers")

ogr.UseExceptions()
osr.UseExceptions()

CREATE_INDEX = "CREATE INDEX {index} ON {table} ({column})"

# OGR type and sub-type of each model field kind (also used by the bundle writer).
OGR_FIELD_TYPES = {
    "text": (ogr.OFTString, ogr.OFSTNone),
    "codes": (ogr.OFTString, ogr.OFSTJSON),
    "integer": (ogr.OFTInteger64, ogr.OFSTNone),
    "real": (ogr.OFTReal, ogr.OFSTNone),
    "boolean": (ogr.OFTInteger, ogr.OFSTBoolean),
    "date": (ogr.OFTDate, ogr.OFSTNone),
    "datetime": (ogr.OFTDateTime, ogr.OFSTNone),
}



def spatial_reference(crs):
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _now_iso():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def _current_user():
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers)
        return ""


def _plugin_version():
    metadata = Path(__file__).resolve().parent.parent / "metadata.txt"
    if not metadata.exists():  # running from the source tree: metadata.txt sits at the root
        metadata = Path(__file__).resolve().parent.parent.parent / "metadata.txt"
    try:
        for line in metadata.read_text(encoding="utf-8").splitlines():
            if line.startswith("version="):
                return line.split("=", 1)[1].strip()
    except OSError:
        pass  # version is informative only
    return ""


def create_geopackage(path, crs=DEFAULT_CRS, author=None, overwrite=False, with_project=False,
                      language=None):
    """Create an empty RE.MIX GeoPackage at ``path`` and return its Path.

    ``with_project`` also stores the QGIS project, forms and styles (needs a running QGIS), with
    layer names and form labels in ``language`` ("it" / "en"; default Italian).
    """
    path = Path(path)
    if crs not in SUPPORTED_CRS:
        raise RemixFileError("bad_crs",
                             f"Sistema di riferimento {crs} non ammesso: usa {' o '.join(SUPPORTED_CRS)}.",
                             f"Reference system {crs} not allowed: use {' or '.join(SUPPORTED_CRS)}.")
    if path.suffix.lower() != ".gpkg":
        path = path.with_suffix(".gpkg")
    if path.exists() and not overwrite:
        raise RemixFileError("exists", f"{path} esiste già.", f"{path} already exists.")
    folder = path.parent
    if not folder.is_dir():
        raise RemixFileError("no_folder", f"La cartella {folder} non esiste.",
                             f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise RemixFileError("read_only_folder",
                             f"Non è possibile scrivere nella cartella {folder}.",
                             f"The folder {folder} is not writable.")
    # A hidden folder beside the target holds the file under its final name: the QGIS project
    # stored inside refers to its own file as "./<name>.gpkg", which must stay right after the move.
    try:  # os.access says yes to root even where nothing can be created (e.g. /proc)
        temp_dir = Path(tempfile.mkdtemp(prefix="." + path.stem + ".", suffix=".tmp", dir=folder))
    except OSError as exc:
        raise RemixFileError("read_only_folder",
                             f"Non è possibile scrivere nella cartella {folder} ({exc.strerror}).",
                             f"The folder {folder} is not writable ({exc.strerror}).") from exc
    temp = temp_dir / path.name
    try:
        _write_geopackage(temp, crs, author if author is not None else _current_user())
        if with_project:
            from ..qgis_project.storage import store_project

            store_project(temp, language=language, final_path=path)
        inspect_geopackage(temp)  # refuse to publish anything we could not read back
        durable_replace(temp, path)
    finally:
        for leftover in (temp, Path(str(temp) + "-wal"), Path(str(temp) + "-shm")):
            if leftover.exists():
                leftover.unlink()
        temp_dir.rmdir()
    LOG.info("RE.MIX GeoPackage created: %s (%s)", path, crs)
    return path


def _write_geopackage(path, crs, author):
    model = load_model()
    scheme = load_scheme()
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path), options=["VERSION=1.2"])
    try:
        srs = spatial_reference(crs)
        for table in model.tables:
            _create_table(dataset, table, srs)
        _create_codelist(dataset, scheme)
        _create_exceptions(dataset)
        _create_metadata(dataset, {
            "schema_version": str(SCHEMA_VERSION),
            "scheme_name": scheme.name,
            "scheme_version": scheme.version,
            "crs": crs,
            "created_at": _now_iso(),
            "created_by": author,
            "application": "RE.MIX QGIS plugin",
            "plugin_version": _plugin_version(),
            "comuni_attribution": COMUNI_ATTRIBUTION,
        })
        _load_comuni(dataset, srs)
        for table in model.tables:
            _create_indexes(dataset, table)
    finally:
        dataset = None  # closes and flushes


def _create_table(dataset, table, srs):
    if table.geometry:
        options = [f"GEOMETRY_NAME={GEOMETRY_COLUMN}", "FID=fid", "SPATIAL_INDEX=YES"]
        layer = dataset.CreateLayer(table.name, srs, ogr.wkbMultiPolygon, options=options)
    else:
        layer = dataset.CreateLayer(table.name, None, ogr.wkbNone, options=["FID=fid"])
    for model_field in table.fields:
        add_ogr_field(layer, model_field)
    return layer


def add_ogr_field(layer, model_field):
    field_type, sub_type = OGR_FIELD_TYPES[model_field.kind]
    definition = ogr.FieldDefn(model_field.name, field_type)
    definition.SetSubType(sub_type)
    if model_field.max_length and model_field.kind == "text":
        definition.SetWidth(model_field.max_length)
    if model_field.name == "uuid":
        definition.SetNullable(False)
        definition.SetUnique(True)
    layer.CreateField(definition)


def _create_indexes(dataset, table):
    """An index on every link field and on the ISTAT code (joins and lookups by code)."""
    for model_field in table.fields:
        if model_field.references or model_field.name == "istat":
            dataset.ExecuteSQL(sql.statement(CREATE_INDEX, index=f"idx_{table.name}_{model_field.name}",
                                             table=table.name, column=model_field.name))


def _create_codelist(dataset, scheme):
    layer = dataset.CreateLayer(CODELIST_TABLE, None, ogr.wkbNone, options=["FID=fid"])
    for name, kind in (("dimension", ogr.OFTString), ("code", ogr.OFTString), ("label_it", ogr.OFTString),
                       ("label_en", ogr.OFTString), ("definition_it", ogr.OFTString),
                       ("definition_en", ogr.OFTString), ("ordine", ogr.OFTInteger),
                       ("deprecated", ogr.OFTInteger)):
        definition = ogr.FieldDefn(name, kind)
        if name == "deprecated":
            definition.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(definition)
    layer.StartTransaction()
    definition = layer.GetLayerDefn()
    for row in scheme.codelist_rows():
        feature = ogr.Feature(definition)
        for index, value in enumerate(row):
            feature.SetField(index, value)
        layer.CreateFeature(feature)
    layer.CommitTransaction()


def _create_exceptions(dataset):
    layer = dataset.CreateLayer(EXCEPTIONS_TABLE, None, ogr.wkbNone, options=["FID=fid"])
    for name, kind in EXCEPTION_FIELDS:
        layer.CreateField(ogr.FieldDefn(name, OGR_FIELD_TYPES[kind][0]))


def _create_metadata(dataset, values):
    layer = dataset.CreateLayer(METADATA_TABLE, None, ogr.wkbNone, options=["FID=fid"])
    layer.CreateField(ogr.FieldDefn("key", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("value", ogr.OFTString))
    for key, value in values.items():
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("key", key)
        feature.SetField("value", value)
        layer.CreateFeature(feature)


def comuni_features(srs):
    """(attributes, OGR MultiPolygon in ``srs``) of the shipped CMM comuni, by ISTAT code: the
    reference layer of every RE.MIX GeoPackage, and of the validation of a bundle."""
    zones = read_zone_omogenee()
    transform = osr.CoordinateTransformation(spatial_reference("EPSG:4326"), srs)
    with open(COMUNI_GEOJSON, encoding="utf-8") as handle:
        collection = json.load(handle)
    for item in sorted(collection["features"], key=lambda f: f["properties"]["com_istat_code"]):
        properties = item["properties"]
        geometry = ogr.ForceToMultiPolygon(ogr.CreateGeometryFromJson(json.dumps(item["geometry"])))
        geometry.Transform(transform)
        attributes = {
            "istat": properties["com_istat_code"],
            "nome": properties["name"],
            "codice_catastale": properties.get("com_catasto_code") or "",
            "zona_omogenea": zones.get(properties["com_istat_code"], ""),
            "fonte": COMUNI_ATTRIBUTION,
        }
        yield attributes, geometry


def _load_comuni(dataset, srs):
    layer = dataset.GetLayerByName(COMUNI_TABLE)
    layer.StartTransaction()
    for attributes, geometry in comuni_features(srs):
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in attributes.items():
            feature.SetField(name, value)
        feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    layer.CommitTransaction()


# -- backup and upgrade ----------------------------------------------------------------------
def backup_copy(path, suffix=None):
    """A backup copy ``X.backup-<suffix or time>.gpkg`` beside ``path`` under a name nobody else
    holds (``layers.backup.exclusive_backup``; ``-1``, ``-2``… when taken). Returns its path."""
    return exclusive_backup(path, lambda target, attempt: backup_name(target, attempt, suffix))


def upgrade_geopackage(path):
    """Bring an older RE.MIX GeoPackage to the current schema, after a backup copy.

    The upgrade is additive (missing tables and fields are created, the code list is refreshed,
    the versions are recorded) and runs on a copy that replaces the original only when complete.
    Returns the backup's path, or None when nothing had to change.
    """
    path = Path(path)
    info = inspect_geopackage(path)
    if not info.needs_upgrade:
        return None
    backup = backup_copy(path)
    # The working copy lives in a private folder (a fixed name beside the file could be taken).
    private = Path(tempfile.mkdtemp(prefix="." + path.stem + ".", suffix=".upgrade.tmp", dir=path.parent))
    work = private / path.name
    try:
        shutil.copyfile(backup, work)
        _upgrade_in_place(work, info)
        retarget_stored_project(work, backup, final_path=path)  # it was copied from the backup
        inspect_geopackage(work)
        durable_replace(work, path)
    finally:
        for leftover in private.iterdir():
            leftover.unlink()
        private.rmdir()
    LOG.info("Upgraded %s from schema %s to %s (backup: %s)",
             path, info.schema_version, SCHEMA_VERSION, backup)
    return backup


def _upgrade_in_place(path, info):
    model = load_model()
    scheme = load_scheme()
    dataset = ogr.Open(str(path), update=1)
    try:
        crs = info.crs or DEFAULT_CRS
        srs = spatial_reference(crs)
        for table in model.tables:
            layer = dataset.GetLayerByName(table.name)
            if layer is None:
                _create_table(dataset, table, srs)
                _create_indexes(dataset, table)
                if table.name == COMUNI_TABLE:
                    _load_comuni(dataset, srs)
                continue
            existing = {layer.GetLayerDefn().GetFieldDefn(i).GetName()
                        for i in range(layer.GetLayerDefn().GetFieldCount())}
            for model_field in table.fields:
                if model_field.name not in existing:
                    add_ogr_field(layer, model_field)
        if dataset.GetLayerByName(EXCEPTIONS_TABLE) is None:
            _create_exceptions(dataset)
        codelist = dataset.GetLayerByName(CODELIST_TABLE)
        if codelist is not None:
            dataset.DeleteLayer(CODELIST_TABLE)
        _create_codelist(dataset, scheme)
        metadata = dataset.GetLayerByName(METADATA_TABLE)
        updates = {"schema_version": str(SCHEMA_VERSION), "scheme_version": scheme.version,
                   "upgraded_at": _now_iso(), "plugin_version": _plugin_version()}
        seen = set()
        for feature in metadata:
            key = feature.GetField("key")
            if key in updates:
                feature.SetField("value", updates[key])
                metadata.SetFeature(feature)
                seen.add(key)
        for key, value in updates.items():
            if key not in seen:
                feature = ogr.Feature(metadata.GetLayerDefn())
                feature.SetField("key", key)
                feature.SetField("value", value)
                metadata.CreateFeature(feature)
    finally:
        dataset = None
