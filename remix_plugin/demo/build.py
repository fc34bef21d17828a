"""Build the demo RE.MIX GeoPackage from the seed's catalogue (GDAL/OGR only, no QGIS).

``build_demo_geopackage(path)`` creates an empty RE.MIX GeoPackage with
``layers.geopackage.create_geopackage`` in a temporary file beside the target, writes the six
catalogue projects (``demo.catalogue``) with all their parts, and moves the file into place.

Perimeters: the catalogue gives no shapes, so each lavoro is a rectangle of realistic size
(from the catalogue entry), rotated, centred on the comune's point-on-surface (plus the entry's
offset), and moved along a spiral or shrunk until it lies inside the comune boundary (5 m inside).
They are flagged ``perimetro_illustrativo`` and their description says so.

``build_generated_geopackage(path, n_projects)`` reuses the same writer to make large files
(benchmarks): the six cards cycled over the 133 comuni.
"""

import datetime
import math
import os
import tempfile
import uuid
from pathlib import Path

from osgeo import ogr

from ..codes import format_codes
from ..files import durable_replace
from ..layers.geopackage import create_geopackage
from ..log import get_logger
from . import catalogue

LOG = get_logger("demo")
ogr.UseExceptions()

_NAMESPACE = uuid.UUID("6f1c1a52-3b8e-4d7e-9a51-7e0c2d1b9a00")
DEMO_USER = "remix-demo"


def _uuid(*parts):
    """Deterministic UUIDs: the same demo file twice has the same identifiers."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def _now_text():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


# -- geometry ------------------------------------------------------------------------------------
def _rectangle(cx, cy, width, height, angle_deg):
    angle = math.radians(angle_deg)
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for dx, dy in ((-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)):
        x, y = dx * width / 2.0, dy * height / 2.0
        ring.AddPoint_2D(cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a)
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    multi.AddGeometry(polygon)
    return multi


def place_perimeter(comune_geom, size, angle=0.0, offset=(0.0, 0.0), margin=5.0, avoid=None):
    """A rotated rectangle of ``size`` (w, h metres) fully inside ``comune_geom``.

    Starts at the comune's point on surface plus ``offset``; walks a spiral of candidate centres,
    then shrinks the rectangle, until it lies ``margin`` metres inside and does not overlap
    ``avoid`` (a geometry or None). Returns an OGR MultiPolygon.
    """
    inner = comune_geom.Buffer(-margin)
    if inner is None or inner.IsEmpty():
        inner = comune_geom
    anchor = comune_geom.PointOnSurface()
    x0, y0 = anchor.GetX() + offset[0], anchor.GetY() + offset[1]
    width, height = size
    for _shrink in range(8):
        step = max(width, height) / 2.0
        for ring in range(0, 25):
            angles = [k * math.pi / (4 * ring) for k in range(8 * ring)] if ring else []
            points = [(0.0, 0.0)] if ring == 0 else [
                (ring * step * math.cos(a), ring * step * math.sin(a)) for a in angles]
            for dx, dy in points:
                candidate = _rectangle(x0 + dx, y0 + dy, width, height, angle)
                if not candidate.Within(inner):
                    continue
                if avoid is not None and candidate.Intersects(avoid):
                    continue
                return candidate
        width, height = width * 0.7, height * 0.7
    raise ValueError("cannot place a perimeter inside the comune")


def _read_comuni(dataset):
    layer = dataset.GetLayerByName("comuni")
    comuni = {}
    for feature in layer:
        comuni[feature.GetField("istat")] = (feature.GetField("nome"), feature.GetGeometryRef().Clone())
    layer.ResetReading()
    return comuni


# -- writing -------------------------------------------------------------------------------------
class _Writer:
    def __init__(self, dataset):
        self.dataset = dataset
        self.now = _now_text()
        self.layers = {}
        self.counts = {}

    def layer(self, name):
        if name not in self.layers:
            self.layers[name] = self.dataset.GetLayerByName(name)
        return self.layers[name]

    def add(self, table, values, geometry=None):
        layer = self.layer(table)
        feature = ogr.Feature(layer.GetLayerDefn())
        row = {"creato_il": self.now, "creato_da": DEMO_USER, "modificato_il": self.now,
               "modificato_da": DEMO_USER}
        row.update(values)
        for name, value in row.items():
            if value is None:
                continue
            if isinstance(value, (list, tuple)):
                value = format_codes(value)
                if value is None:
                    continue
            if isinstance(value, bool):
                value = int(value)
            feature.SetField(name, value)
        if geometry is not None:
            feature.SetGeometry(geometry)
        if layer.CreateFeature(feature) != 0:
            raise RuntimeError(f"cannot write a feature into {table}")
        self.counts[table] = self.counts.get(table, 0) + 1
        return values.get("uuid")

    def begin(self):
        self.dataset.StartTransaction()

    def commit(self):
        self.dataset.CommitTransaction()


def _write_catalogue(dataset, projects, programmi, indicatori, suffix_key=""):
    """Write programmes, indicators and projects (dicts shaped like ``catalogue.PROGETTI``)."""
    writer = _Writer(dataset)
    comuni = _read_comuni(dataset)
    occupied = {}
    writer.begin()
    programme_uuids = {}
    for programma in programmi:
        programme_uuids[programma["key"]] = writer.add("programmi", {
            "uuid": _uuid("programmi", programma["key"], suffix_key),
            "titolo": programma["titolo"], "descrizione": programma["descrizione"],
            "obiettivi": programma["obiettivi"], "tipo_rete": programma["tipo_rete"],
        })
    indicator_uuids = {}
    for indicatore in indicatori:
        indicator_uuids[indicatore["key"]] = writer.add("indicatori", {
            "uuid": _uuid("indicatori", indicatore["key"], suffix_key),
            "nome": indicatore["nome"], "unita_misura": indicatore["unita_misura"],
            "descrizione": indicatore["descrizione"],
            "categoria_indicatore": indicatore["categoria_indicatore"],
        })
    actor_uuids = {}
    for project in projects:
        key = project["key"]
        nome, comune_geom = comuni[project["istat"]]
        project_uuid = writer.add("progetti", {
            "uuid": _uuid("progetti", key),
            "programma_uuid": programme_uuids.get(project.get("programma", "")),
            "titolo": project["titolo"], "comune_istat": project["istat"],
            "descrizione": project["descrizione"], "obiettivi": project["obiettivi"],
            "ambito_azione_prevalente": project["ambito_azione_prevalente"],
            "ambito_territoriale": f"Comune di {nome}",
            "ambito_opportunita": project["ambito_opportunita"],
            "scala_impatto": project["scala_impatto"],
            "finalita": project["finalita"],
            "livello_progettuale": project["livello_progettuale"],
            "livello_rigenerazione": project["livello_rigenerazione"],
            "localizzazione": project["localizzazione"],
            "provenienza": "ricognizione_remix",
            "stato_progetto": project["stato_progetto"],
            "pubblicabile": project.get("pubblicabile", True),  # the demo is public material
            "note": project.get("note"),
        })
        lavoro_uuids, lavoro_geoms = {}, {}
        for lavoro in project["lavori"]:
            avoid = occupied.get(project["istat"])
            geom = place_perimeter(comune_geom, lavoro["size"], lavoro.get("angle", 0.0),
                                   lavoro.get("offset", (0.0, 0.0)), avoid=avoid)
            occupied[project["istat"]] = geom.Clone() if avoid is None else avoid.Union(geom)
            lavoro_geoms[lavoro["key"]] = geom
            lavoro_uuids[lavoro["key"]] = writer.add("lavori", {
                "uuid": _uuid("lavori", key, lavoro["key"]),
                "progetto_uuid": project_uuid, "titolo": lavoro["titolo"],
                "comune_istat": project["istat"], "obiettivo": lavoro["obiettivo"],
                "descrizione": catalogue.NOTE_PERIMETRO,
                "intervento_oggetto": lavoro["intervento_oggetto"],
                "servizi_realizzati": lavoro["servizi_realizzati"],
                "oggetto_fisico": lavoro["oggetto_fisico"],
                "perimetro_illustrativo": True,
                "superficie_mq": round(geom.GetArea(), 1),
            }, geom)
        for index, criticita in enumerate(project["criticita"]):
            geometry = None
            base = lavoro_geoms.get(criticita.get("on_lavoro", ""))
            if base is not None:
                geometry = ogr.ForceToMultiPolygon(base.Buffer(12.0, 4).Intersection(comune_geom))
            writer.add("criticita", {
                "uuid": _uuid("criticita", key, index),
                "progetto_uuid": project_uuid, "titolo": criticita["titolo"],
                "comune_istat": project["istat"],
                "descrizione": criticita["descrizione"] + (
                    " Area illustrativa: intorno di 12 m del perimetro (illustrativo) del lavoro."
                    if geometry is not None else ""),
                "ambito_criticita": criticita["ambito_criticita"],
                "ambito_intervento": criticita["ambito_intervento"],
                "scala_criticita": criticita["scala_criticita"],
            }, geometry)
        for index, azione in enumerate(project["azioni"]):
            writer.add("azioni", {
                "uuid": _uuid("azioni", key, index),
                "progetto_uuid": project_uuid,
                "lavoro_uuid": lavoro_uuids.get(azione.get("lavoro", "")),
                "titolo": azione["titolo"],
                "tipo_progetto_azione": azione["tipo_progetto_azione"],
                "tipo_servizio": azione["tipo_servizio"],
                "popolazione_riferimento": azione["popolazione_riferimento"],
                "obiettivo": azione["obiettivo"],
                "descrizione": azione.get("descrizione"),
            })
        for fase in project["fasi"]:
            writer.add("fasi", {
                "uuid": _uuid("fasi", key, fase["numero"]),
                "progetto_uuid": project_uuid, "numero": fase["numero"],
                "titolo": fase["titolo"], "descrizione": fase["descrizione"],
                "stato_fase": fase["stato_fase"],
            })
        for attore in project["attori"]:
            actor_key = attore["nome"] if attore["tipo_attore"] != "privati" or "attrarre" not in \
                attore["nome"] else attore["nome"] + key
            if actor_key not in actor_uuids:
                actor_uuids[actor_key] = writer.add("attori", {
                    "uuid": _uuid("attori", actor_key),
                    "nome": attore["nome"], "tipo_attore": attore["tipo_attore"], "note": attore["note"],
                })
            writer.add("progetto_attori", {
                "uuid": _uuid("progetto_attori", key, attore["nome"]),
                "progetto_uuid": project_uuid, "attore_uuid": actor_uuids[actor_key],
                "ruolo_attore": attore["ruolo_attore"], "note": attore.get("link_note") or None,
            })
        for index, misura in enumerate(project["misure"]):
            writer.add("misure", {
                "uuid": _uuid("misure", key, index),
                "progetto_uuid": project_uuid,
                "indicatore_uuid": indicator_uuids[misura["indicatore"]],
                "data_misura": catalogue.SEED_DATE, "valore": misura["valore"],
                "note": misura.get("note"),
            })
    writer.commit()
    return writer.counts


def _build(path, with_project, fill):
    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        path = path.with_suffix(".gpkg")
    handle, temp_name = tempfile.mkstemp(prefix="." + path.stem + ".", suffix=".tmp.gpkg", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        create_geopackage(temp, overwrite=True, author=DEMO_USER)
        dataset = ogr.Open(str(temp), update=1)
        try:
            counts = fill(dataset)
        finally:
            dataset = None
        if with_project:
            from ..qgis_project.storage import store_project

            store_project(temp, final_path=path)  # the project names the demo, not the temp file
        durable_replace(temp, path)
    except BaseException:
        for leftover in (temp, Path(str(temp) + "-wal"), Path(str(temp) + "-shm")):
            if leftover.exists():
                leftover.unlink()
        raise
    LOG.info("Demo GeoPackage written: %s %s", path, counts)
    return path


def build_demo_geopackage(path, with_project=False):
    """Write the seed's six catalogue projects into a new RE.MIX GeoPackage at ``path``
    (replaced atomically if it exists). Returns the Path."""
    return _build(path, with_project, lambda dataset: _write_catalogue(
        dataset, catalogue.PROGETTI, catalogue.PROGRAMMI, catalogue.INDICATORI))


def generated_projects(n_projects, istat_codes):
    """``n_projects`` project dicts: the six cards cycled over ``istat_codes`` (benchmarks)."""
    projects = []
    for index in range(n_projects):
        template = catalogue.PROGETTI[index % len(catalogue.PROGETTI)]
        project = dict(template)
        project["key"] = f"{template['key']}-{index:04d}"
        project["titolo"] = f"{template['titolo']} ({index + 1})"
        project["istat"] = istat_codes[index % len(istat_codes)]
        project.pop("programma", None)
        projects.append(project)
    return projects


def build_generated_geopackage(path, n_projects, with_project=False):
    """A RE.MIX GeoPackage with ``n_projects`` generated projects spread over every comune."""
    def fill(dataset):
        istat_codes = sorted(_read_comuni(dataset))
        return _write_catalogue(dataset, generated_projects(n_projects, istat_codes), (),
                                catalogue.INDICATORI)
    return _build(path, with_project, fill)
