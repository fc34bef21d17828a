"""RE.MIX GeoPackages with valid projects, written with OGR (no QGIS): fixtures of the bundle tests
and of benchmarks/bench_bundle.py."""

import datetime
import uuid as uuid_module

from osgeo import ogr

from remix_plugin.codes import format_codes
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.layers.model import load_model
from remix_plugin.taxonomy import load_scheme

ogr.UseExceptions()

# A point inside Milano (ISTAT 015146) in EPSG:32632.
MILANO_X, MILANO_Y = 514500.0, 5034000.0
STAMP = "2025-03-01T10:00:00Z"


def square(x, y, size=50.0):
    ring = f"{x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y}"
    return ogr.CreateGeometryFromWkt(f"MULTIPOLYGON((({ring})))")


def first_code(dimension_id, index=0):
    codes = load_scheme().dimension(dimension_id).codes(include_deprecated=False)
    return codes[index % len(codes)]


def new_uuid(seed=None):
    if seed is None:
        return str(uuid_module.uuid4())
    return str(uuid_module.uuid5(uuid_module.NAMESPACE_URL, "remix-test:" + str(seed)))


def base_values(table_name, index=0, complete=False):
    """Valid values for every coded field of a table (multi-valued as JSON arrays); ``complete``
    also fills every recommended text field, so that strict validation finds nothing to say."""
    values = {}
    if complete:
        for model_field in load_model().table(table_name).fields:
            if model_field.requirement == "recommended" and model_field.kind == "text":
                values[model_field.name] = model_field.label_it + " di prova"
    for model_field in load_model().table(table_name).coded_fields:
        if model_field.multi:
            values[model_field.name] = format_codes(
                [first_code(model_field.dimension, index), first_code(model_field.dimension, index + 1)]
            )
        else:
            values[model_field.name] = first_code(model_field.dimension, index)
    values.update({"creato_il": STAMP, "modificato_il": STAMP, "creato_da": "test", "modificato_da": "test"})
    return values


class Writer:
    """Adds rows to a RE.MIX GeoPackage through OGR in one transaction."""

    def __init__(self, path):
        self.dataset = ogr.Open(str(path), update=1)
        self.dataset.StartTransaction()

    def add(self, table, values, geometry=None):
        layer = self.dataset.GetLayerByName(table)
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in values.items():
            if value is None:
                feature.SetFieldNull(name)
            else:
                feature.SetField(name, value)
        if geometry is not None:
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
        return values.get("uuid")

    def close(self):
        self.dataset.CommitTransaction()
        self.dataset = None


def add_project(
    writer,
    index,
    comune="015146",
    programma=None,
    titolo=None,
    lavori=1,
    azioni=1,
    attore=None,
    indicatore=None,
    complete=False,
    lavoro_size=4.0,
):
    """One valid project with its lavori, azioni, a criticità, a phase, an actor link, funding, a measure."""
    progetto = new_uuid(f"progetto-{index}")
    values = base_values("progetti", index, complete)
    values.update(
        {
            "uuid": progetto,
            "titolo": titolo or f"Progetto {index}",
            "comune_istat": comune,
            "descrizione": "Descrizione",
            "obiettivi": "Obiettivi",
            "programma_uuid": programma,
            "data_inizio": "2025-01-01",
            "costo_stimato": 1000.5 + index,
        }
    )
    writer.add("progetti", values)
    # a 100 x 100 grid of 60 m cells, all inside Milano: 10,000 projects never share a place
    x = MILANO_X - 3500.0 + (index % 100) * 60.0
    y = MILANO_Y - 3000.0 + (index // 100 % 100) * 60.0
    lavori_uuids = []
    for n in range(lavori):
        lavoro = new_uuid(f"lavoro-{index}-{n}")
        values = base_values("lavori", index + n, complete)
        values.update(
            {
                "uuid": lavoro,
                "progetto_uuid": progetto,
                "titolo": f"Lavoro {index}.{n}",
                "comune_istat": comune,
                "perimetro_illustrativo": 0,
                "superficie_mq": lavoro_size * lavoro_size if complete else 2500.0,
            }
        )
        writer.add("lavori", values, square(x + n * 5.0, y, lavoro_size))
        lavori_uuids.append(lavoro)
    for n in range(azioni):
        values = base_values("azioni", index + n, complete)
        values.update(
            {
                "uuid": new_uuid(f"azione-{index}-{n}"),
                "progetto_uuid": progetto,
                "lavoro_uuid": lavori_uuids[n] if n < len(lavori_uuids) else None,
                "titolo": f"Azione {index}.{n}",
            }
        )
        writer.add("azioni", values)
    values = base_values("criticita", index, complete)
    values.update(
        {
            "uuid": new_uuid(f"criticita-{index}"),
            "progetto_uuid": progetto,
            "titolo": f"Criticità {index}",
            "comune_istat": comune,
        }
    )
    writer.add("criticita", values, square(x, y, 10.0))
    values = base_values("fasi", index, complete)
    values.update(
        {"uuid": new_uuid(f"fase-{index}"), "progetto_uuid": progetto, "numero": 1, "titolo": "Fase I"}
    )
    writer.add("fasi", values)
    if attore:
        values = base_values("progetto_attori", index, complete)
        values.update({"uuid": new_uuid(f"pa-{index}"), "progetto_uuid": progetto, "attore_uuid": attore})
        writer.add("progetto_attori", values)
    values = base_values("finanziamenti", index, complete)
    values.update(
        {
            "uuid": new_uuid(f"fin-{index}"),
            "progetto_uuid": progetto,
            "titolo": "Bando periferie",
            "importo": 50000.0,
        }
    )
    writer.add("finanziamenti", values)
    if indicatore:
        values = base_values("misure", index, complete)
        values.update(
            {
                "uuid": new_uuid(f"misura-{index}"),
                "progetto_uuid": progetto,
                "indicatore_uuid": indicatore,
                "data_misura": "2025-02-01",
                "valore": 3.5,
            }
        )
        writer.add("misure", values)
    return progetto


def build_dataset(
    path, projects=3, comuni=("015146", "015182"), lavori=1, azioni=1, complete=False, first_index=0
):
    """A RE.MIX GeoPackage with a programme, an actor, an indicator and ``projects`` projects
    numbered from ``first_index`` (``complete``: every recommended field filled, strict validation
    finds nothing)."""
    create_geopackage(path)
    writer = Writer(path)
    programma = new_uuid("programma-0")
    values = base_values("programmi")
    values.update({"uuid": programma, "titolo": "Programma Nord", "descrizione": "d", "obiettivi": "o"})
    writer.add("programmi", values)
    attore = new_uuid("attore-0")
    values = base_values("attori")
    values.update({"uuid": attore, "nome": "Fondazione Cariplo"})
    writer.add("attori", values)
    indicatore = new_uuid("indicatore-0")
    values = base_values("indicatori", 0, complete)
    values.update({"uuid": indicatore, "nome": "Utenti", "unita_misura": "persone"})
    writer.add("indicatori", values)
    uuids = []
    for index in range(first_index, first_index + projects):
        uuids.append(
            add_project(
                writer,
                index,
                comune=comuni[index % len(comuni)],
                programma=programma if index % 2 == 0 else None,
                lavori=lavori,
                azioni=azioni,
                attore=attore,
                indicatore=indicatore,
                complete=complete,
            )
        )
    writer.close()
    return uuids


def today():
    return datetime.date.today()
