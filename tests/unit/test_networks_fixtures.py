"""Small RE.MIX GeoPackages with projects placed at known distances (shared by the networks and
priority tests; this module holds helpers and one self-check)."""

import json
import uuid

from osgeo import ogr

from remix_plugin.layers.geopackage import create_geopackage

NOW = "2026-05-04T09:30:00Z"
# A point inside Rho (015182), in EPSG:32632; every test square is 100 m wide and placed along x.
ORIGIN = (503500.0, 5042000.0)
RHO, PERO, CORNAREDO, MILANO = "015182", "015170", "015087", "015146"


def key(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "remix-test/" + name))


def square(x, y, size=100.0):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for dx, dy in ((0, 0), (size, 0), (size, size), (0, size), (0, 0)):
        ring.AddPoint_2D(x + dx, y + dy)
    polygon = ogr.Geometry(ogr.wkbPolygon)
    polygon.AddGeometry(ring)
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    multi.AddGeometry(polygon)
    return multi


def _add(layer, values, geometry=None):
    feature = ogr.Feature(layer.GetLayerDefn())
    row = {"creato_il": NOW, "modificato_il": NOW, "creato_da": "test", "modificato_da": "test"}
    row.update(values)
    for name, value in row.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = json.dumps(list(value))
        if isinstance(value, bool):
            value = int(value)
        feature.SetField(name, value)
    if geometry is not None:
        feature.SetGeometry(geometry)
    assert layer.CreateFeature(feature) == 0


def make_gpkg(path, projects, programmi=(), criticita=(), finanziamenti=()):
    """``projects``: dicts with name, comune, and optional lavori [(x offset, y offset, comune)],
    ambiti, scala, stato, costo, programma (name of a programmi entry), livello."""
    create_geopackage(path, overwrite=True)
    dataset = ogr.Open(str(path), update=1)
    dataset.StartTransaction()
    for programma in programmi:
        _add(
            dataset.GetLayerByName("programmi"),
            {
                "uuid": key("programma/" + programma["name"]),
                "titolo": programma["name"],
                "tipo_rete": programma.get("tipo_rete", "tematica"),
            },
        )
    for project in projects:
        name = project["name"]
        _add(
            dataset.GetLayerByName("progetti"),
            {
                "uuid": key(name),
                "titolo": name,
                "comune_istat": project["comune"],
                "ambito_opportunita": project.get("ambiti", ["urbanistico"]),
                "scala_impatto": project.get("scala", "comunale"),
                "livello_progettuale": project.get("livello", "comunale"),
                "stato_progetto": project.get("stato", "proposta"),
                "costo_stimato": project.get("costo"),
                "programma_uuid": key("programma/" + project["programma"])
                if project.get("programma")
                else None,
            },
        )
        for index, (dx, dy, comune) in enumerate(project.get("lavori", ())):
            _add(
                dataset.GetLayerByName("lavori"),
                {
                    "uuid": key(f"{name}/lavoro/{index}"),
                    "progetto_uuid": key(name),
                    "titolo": f"Lavoro {index} di {name}",
                    "comune_istat": comune or project["comune"],
                    "oggetto_fisico": "ambito",
                    "perimetro_illustrativo": True,
                },
                square(ORIGIN[0] + dx, ORIGIN[1] + dy),
            )
    for index, item in enumerate(criticita):
        _add(
            dataset.GetLayerByName("criticita"),
            {
                "uuid": key(f"criticita/{index}"),
                "progetto_uuid": key(item["project"]) if item.get("project") else None,
                "titolo": f"Criticità {index}",
                "comune_istat": item.get("comune", RHO),
                "ambito_criticita": item["ambiti"],
                "ambito_intervento": "fisico_materiale",
                "scala_criticita": "comunale",
            },
        )
    for index, item in enumerate(finanziamenti):
        _add(
            dataset.GetLayerByName("finanziamenti"),
            {
                "uuid": key(f"finanziamento/{index}"),
                "progetto_uuid": key(item["project"]),
                "titolo": f"Bando {index}",
                "importo": item["importo"],
                "stato_finanziamento": item["stato"],
                "tipo_finanziamento": "bando_regionale",
            },
        )
    dataset.CommitTransaction()
    dataset = None
    return path


def test_fixture_places_squares_at_the_stated_gaps(tmp_path):
    path = make_gpkg(
        tmp_path / "f.gpkg",
        [
            {"name": "A", "comune": RHO, "lavori": [(0, 0, None)]},
            {"name": "B", "comune": PERO, "lavori": [(1100, 0, None)]},
        ],
    )
    dataset = ogr.Open(str(path))
    geoms = [f.GetGeometryRef().Clone() for f in dataset.GetLayerByName("lavori")]
    assert [round(g.GetArea()) for g in geoms] == [10000, 10000]
    assert geoms[0].Distance(geoms[1]) == 1000.0
