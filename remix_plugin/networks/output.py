"""The proposals as a plain GeoPackage (written atomically): what QGIS shows on the map.

- ``proposte`` (MultiPolygon, the source's CRS): one row per proposal — ``id``, ``tipo_rete``
  (territoriale | tematica), ``n_progetti``, ``membri`` (JSON uuids), ``titoli``, ``comuni``
  (names), ``comuni_istat`` (JSON), ``basi`` (JSON codes of a thematic proposal), ``distanza_m``
  (the parameter of a territorial one), ``motivo_it``, ``motivo_en``; geometry: the convex
  hull of the members' lavori (NULL for a thematic group without lavori).
- ``proposte_membri``: proposal id, progetto uuid, title, comuni of the project.
- ``proposte_coppie``: the pairs of a territorial proposal and their distance in metres.
- ``proposte_info``: the parameters and counts of the run (key / value).
"""

import json
import os
import tempfile
from pathlib import Path

from ..files import durable_replace

PROPOSALS_LAYER = "proposte"
MEMBERS_TABLE = "proposte_membri"
PAIRS_TABLE = "proposte_coppie"
INFO_TABLE = "proposte_info"

_PROPOSAL_FIELDS = (
    ("id", "text"),
    ("tipo_rete", "text"),
    ("n_progetti", "integer"),
    ("membri", "json"),
    ("titoli", "text"),
    ("comuni", "text"),
    ("comuni_istat", "json"),
    ("basi", "json"),
    ("distanza_m", "real"),
    ("motivo_it", "text"),
    ("motivo_en", "text"),
)


def write_proposals(result, output, source_label=""):
    """Write ``result`` (``suggest.Result``) to ``output`` (.gpkg), replacing it atomically."""
    from osgeo import gdal, ogr, osr

    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    handle, temp_name = tempfile.mkstemp(prefix="." + output.stem + ".", suffix=".tmp.gpkg", dir=folder)
    os.close(handle)
    os.unlink(temp_name)  # the GPKG driver creates the file itself
    temp = Path(temp_name)
    try:
        driver = ogr.GetDriverByName("GPKG")
        dataset = driver.CreateDataSource(str(temp))
        if dataset is None:
            raise OSError(gdal.GetLastErrorMsg() or f"cannot create {output}")
        srs = None
        if result.crs:
            srs = osr.SpatialReference()
            srs.SetFromUserInput(result.crs)
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        dataset.StartTransaction()
        layer = dataset.CreateLayer(
            PROPOSALS_LAYER,
            srs,
            ogr.wkbMultiPolygon,
            ["FID=fid", "GEOMETRY_NAME=geom", "DESCRIPTION=RE.MIX: proposte di programmi a rete"],
        )
        _fields(layer, _PROPOSAL_FIELDS)
        members = _table(
            dataset,
            MEMBERS_TABLE,
            (
                ("proposta_id", "text"),
                ("progetto_uuid", "text"),
                ("titolo", "text"),
                ("comuni_istat", "json"),
            ),
        )
        pairs = _table(
            dataset,
            PAIRS_TABLE,
            (("proposta_id", "text"), ("progetto_a", "text"), ("progetto_b", "text"), ("distanza_m", "real")),
        )
        info = _table(dataset, INFO_TABLE, (("chiave", "text"), ("valore", "text")))
        for proposal in result.proposals:
            feature = ogr.Feature(layer.GetLayerDefn())
            values = {
                "id": proposal.id,
                "tipo_rete": proposal.kind,
                "n_progetti": len(proposal.members),
                "membri": json.dumps(list(proposal.members)),
                "titoli": "; ".join(proposal.titles),
                "comuni": ", ".join(proposal.comuni_names),
                "comuni_istat": json.dumps(list(proposal.comuni)),
                "basi": json.dumps(list(proposal.basis)),
                "distanza_m": proposal.distance,
                "motivo_it": proposal.reason.it,
                "motivo_en": proposal.reason.en,
            }
            _set(feature, values)
            if proposal.hull_wkb:
                feature.SetGeometry(ogr.CreateGeometryFromWkb(proposal.hull_wkb))
            _create(layer, feature)
            for member, title in zip(proposal.members, proposal.titles):
                _add(
                    members,
                    {
                        "proposta_id": proposal.id,
                        "progetto_uuid": member,
                        "titolo": title,
                        "comuni_istat": json.dumps(list(proposal.comuni)),
                    },
                )
            for a, b, gap in proposal.pairs:
                _add(pairs, {"proposta_id": proposal.id, "progetto_a": a, "progetto_b": b, "distanza_m": gap})
        for key, value in (
            ("sorgente", source_label),
            ("distanza_m", result.distance),
            ("progetti", result.projects),
            ("lavori", result.lavori),
            ("proposte", len(result.proposals)),
            ("non_riproposte", len(result.suppressed)),
            ("gruppi_tematici_troppo_ampi", result.too_broad),
            ("crs", result.crs),
        ):
            _add(info, {"chiave": key, "valore": str(value)})
        dataset.CommitTransaction()
        dataset = None
        durable_replace(temp, output)
    except BaseException:
        dataset = None
        for leftover in (
            temp,
            Path(str(temp) + "-wal"),
            Path(str(temp) + "-shm"),
            Path(str(temp) + "-journal"),
        ):
            if leftover.exists():
                leftover.unlink()
        raise
    return output


def _table(dataset, name, fields):
    from osgeo import ogr

    layer = dataset.CreateLayer(name, None, ogr.wkbNone, ["FID=fid"])
    _fields(layer, fields)
    return layer


def _fields(layer, fields):
    from osgeo import ogr

    types = {"text": ogr.OFTString, "json": ogr.OFTString, "integer": ogr.OFTInteger, "real": ogr.OFTReal}
    for name, kind in fields:
        definition = ogr.FieldDefn(name, types[kind])
        if kind == "json":
            definition.SetSubType(ogr.OFSTJSON)
        layer.CreateField(definition)


def _set(feature, values):
    for name, value in values.items():
        if value is not None:
            feature.SetField(name, value)


def _create(layer, feature):
    if layer.CreateFeature(feature) != 0:
        raise OSError("cannot write a proposal")


def _add(layer, values):
    from osgeo import ogr

    feature = ogr.Feature(layer.GetLayerDefn())
    _set(feature, values)
    _create(layer, feature)


def read_proposals(path):
    """[dict] of a proposals GeoPackage's ``proposte`` rows (JSON fields decoded)."""
    from osgeo import gdal

    try:
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPKG"])
    except RuntimeError:
        dataset = None
    if dataset is None:
        return []
    layer = dataset.GetLayerByName(PROPOSALS_LAYER)
    rows = []
    if layer is not None:
        for feature in layer:
            row = {name: feature.GetField(name) for name, _ in _PROPOSAL_FIELDS}
            for name, kind in _PROPOSAL_FIELDS:
                if kind == "json":
                    row[name] = json.loads(row[name]) if row[name] else []
            rows.append(row)
    dataset = None
    return rows
