"""Decisions on proposals, kept in the GeoPackage so they travel with the data.

Table ``remix_proposte`` (an attributes table registered in ``gpkg_contents``, created through
OGR when first needed, like ``remix_exceptions``): one row per decided proposal — its id, kind,
members (JSON uuids), ``decisione`` (``accettata`` | ``respinta``), the programma created by an
acceptance, a note, who and when (UTC). ``suggest`` does not propose a decided id again.
A DSN source has no such table yet: its decisions read as none.
"""

import datetime
import getpass
import json
import os

DECISIONS_TABLE = "remix_proposte"
DECISIONS = ("accettata", "respinta")
DECISION_FIELDS = (
    ("proposta_id", 36),
    ("tipo_rete", 20),
    ("membri", 0),
    ("decisione", 10),
    ("programma_uuid", 36),
    ("titolo", 254),
    ("nota", 0),
    ("deciso_da", 0),
    ("deciso_il", 20),
)


def utc_now_text():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def current_user():
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container
        return ""


def read_decisions(source):
    """{proposal id: decision} of a GeoPackage (empty for a DSN or a file without the table)."""
    from .source import looks_like_dsn

    source = str(source)
    if looks_like_dsn(source) or not os.path.isfile(source):
        return {}
    return {row["proposta_id"]: row["decisione"] for row in decision_rows(source)}


def decision_rows(path):
    from osgeo import gdal

    try:
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=["GPKG"])
    except RuntimeError:
        dataset = None
    if dataset is None:
        return []
    rows = []
    layer = dataset.GetLayerByName(DECISIONS_TABLE)
    if layer is not None:
        for feature in layer:
            rows.append({name: feature.GetField(name) for name, _ in DECISION_FIELDS})
    dataset = None
    rows.sort(key=lambda row: (row["deciso_il"] or "", row["proposta_id"] or ""))
    return rows


def decisions_layer(dataset):
    """The decisions layer of an OGR dataset open for update, created when missing."""
    from osgeo import ogr

    layer = dataset.GetLayerByName(DECISIONS_TABLE)
    if layer is not None:
        return layer
    layer = dataset.CreateLayer(
        DECISIONS_TABLE,
        geom_type=ogr.wkbNone,
        options=["FID=fid", "DESCRIPTION=RE.MIX: decisioni sulle proposte di programmi"],
    )
    for name, width in DECISION_FIELDS:
        definition = ogr.FieldDefn(name, ogr.OFTString)
        if width:
            definition.SetWidth(width)
        if name == "membri":
            definition.SetSubType(ogr.OFSTJSON)
        layer.CreateField(definition)
    return layer


def add_decision(layer, proposal, decision, programma_uuid="", titolo="", nota="", user=None):
    from osgeo import ogr

    if decision not in DECISIONS:
        raise ValueError(decision)
    feature = ogr.Feature(layer.GetLayerDefn())
    values = {
        "proposta_id": proposal.id,
        "tipo_rete": proposal.kind,
        "membri": json.dumps(list(proposal.members)),
        "decisione": decision,
        "programma_uuid": programma_uuid or None,
        "titolo": titolo or None,
        "nota": nota or None,
        "deciso_da": current_user() if user is None else user,
        "deciso_il": utc_now_text(),
    }
    for name, value in values.items():
        if value is not None:
            feature.SetField(name, value)
    if layer.CreateFeature(feature) != 0:
        raise RuntimeError("cannot record the decision")
