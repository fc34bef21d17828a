"""The static web atlas: ``publish_web(source, out_dir)`` writes one self-contained folder.

Pure core (GDAL/OGR, no QGIS). The folder holds ``index.html``, ``app.js``, ``style.css`` and
``strings.json`` (copied from ``static/``), ``vendor/`` (MapLibre GL JS and its licence, put into
the plugin by ``scripts/build_web_assets.py``), ``data/`` (the published records and
geometries, EPSG:4326) and ``publication.json`` (what was published, from which file, when, with
which scheme, the counts and the list of files with their SHA-256).

What goes out: only projects whose ``pubblicabile`` flag is true, and of them only the fields of
``fields.PUBLISHED_FIELDS`` (never an author, a note or an e-mail). Actors, indicators and
programmes are published only when a published project uses them.

Geometry: read in the file's CRS (metres), lavori simplified there with
``SimplifyPreserveTopology`` (tolerance ``LAVORI_TOLERANCE_M``: each perimeter stays a valid
polygon), then transformed to EPSG:4326 and written with ``COORDINATE_PRECISION`` decimals
(1e-6° ≈ 0.11 m north-south, 0.08 m east-west at 45° N). The comuni boundaries (already
generalised when shipped) are only transformed and rounded: a vertex shared by two comuni
rounds to the same coordinates on both sides, so shared borders stay shared (no gaps, no
overlaps at any zoom the page allows, ``MAX_ZOOM``).

Source: a GeoPackage or a central-database DSN, both read through ``networks.source.read_tables``
(the incubator tools' one reading layer); ``_read_source`` makes the two stores' values alike
(ISO dates, stable row order), so the same rows publish the same data files.

Writing: the folder is built in a temporary folder beside ``out_dir`` and swapped in at the end.
An existing ``out_dir`` must be empty or a previous publication holding only the files its own
``publication.json`` lists; anything else is refused, so no user folder is ever deleted.
"""

import datetime
import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path

from osgeo import ogr, osr

from ..central.dsn import libpq_dsn, looks_like_dsn
from ..codes import parse_codes
from ..errors import RemixError
from ..i18n import BOTH, tr
from ..inputs import geopackage_of
from ..layers.model import SCHEMA_VERSION, load_model
from ..log import get_logger
from ..monitoring import chart
from ..monitoring.kpi import STATUSES as KPI_STATUSES
from ..networks.source import CENTRAL_SCHEMA
from ..taxonomy import load_scheme
from .fields import FORBIDDEN_FIELDS, GEOMETRY_TABLES, PUBLISHABLE_FIELD, PUBLISHED_FIELDS

ogr.UseExceptions()
osr.UseExceptions()
LOG = get_logger(__name__)


def _load_palette():
    """styles/palette.py, the QGIS styles' colours (pure Python), loaded by its path: the package
    ``styles/__init__.py`` imports qgis.core, which the core and the CLI must not need."""
    path = Path(__file__).resolve().parent.parent / "styles" / "palette.py"
    spec = importlib.util.spec_from_file_location("remix_plugin_web_palette", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


palette = _load_palette()

FORMAT = "remix-web-atlas"
FORMAT_VERSION = 1
STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = Path(__file__).resolve().parent / "vendor"
STATIC_FILES = ("index.html", "app.js", "style.css", "strings.json")
VENDOR_FILES = ("maplibre-gl.js", "maplibre-gl.css", "LICENSE-maplibre-gl.txt")
LAVORI_TOLERANCE_M = 0.5
MAP_PROPERTIES = ("uuid", "progetto_uuid", "intervento_oggetto", "perimetro_illustrativo")
COORDINATE_PRECISION = 6
MAX_ZOOM = 18
LANGUAGES = ("it", "en")
# scheme dimensions whose labels the page needs (cards, legend, filters)
DIMENSIONS = (
    "stato_progetto",
    "ambito_opportunita",
    "scala_impatto",
    "finalita",
    "livello_progettuale",
    "livello_rigenerazione",
    "localizzazione",
    "provenienza",
    "intervento_oggetto",
    "servizi_realizzati",
    "oggetto_fisico",
    "tipo_progetto_azione",
    "stato_fase",
    "tipo_attore",
    "ruolo_attore",
    "ambito_criticita",
    "scala_criticita",
    "zona_omogenea",
    "tipo_rete",
    "categoria_indicatore",
)
# dash pattern (in line widths) of the QGIS pen styles of palette.STATO_STROKES
DASHES = {"solid": [1, 0], "dash": [4, 2], "dash dot": [4, 2, 1, 2], "dot": [1, 2]}


def _error(code, text, **values):
    return RemixError(code, *text.format(**values))


# -- reading ---------------------------------------------------------------------------------
def _wanted(model):
    """{table: [fields]} the publication reads: the allow-list's names the model knows (older
    files may lack some: they read as None), never a forbidden one, plus the projects' flag."""
    wanted = {}
    for table, names in PUBLISHED_FIELDS.items():
        if not model.has_table(table):
            continue
        spec = model.table(table)
        wanted[table] = [n for n in names if spec.has_field(n) and n not in FORBIDDEN_FIELDS]
    wanted["progetti"].append(PUBLISHABLE_FIELD)
    return wanted


def _check_geopackage(path):
    """The GeoPackage's metadata ({key: value}) after checking it is a RE.MIX file with the
    ``pubblicabile`` field (a file without it is refused, never published whole)."""
    dataset = ogr.Open(str(path), 0)
    if dataset is None:
        raise _error(
            "not_geopackage",
            tr("{name} is not a GeoPackage (not an SQLite database).", language=BOTH),
            name=Path(path).name,
        )
    try:
        layer = dataset.GetLayerByName("progetti")
        if layer is None:
            raise _error(
                "not_remix",
                tr("{name} is not a RE.MIX GeoPackage: it has no projects table.", language=BOTH),
                name=Path(path).name,
            )
        if layer.GetLayerDefn().GetFieldIndex(PUBLISHABLE_FIELD) < 0:
            raise _no_flag(Path(path).name)
    finally:
        dataset = None
    return _metadata(path)


def _no_flag(name):
    return _error(
        "no_publishable_flag",
        tr(
            "{name} has no 'pubblicabile' field (data model 1): upgrade the file, then mark the "
            "projects that may be published.",
            language=BOTH,
        ),
        name=name,
    )


def _check_database(dsn):
    """(database name, metadata) of the central database at ``dsn`` after checking it holds a
    RE.MIX schema with the ``pubblicabile`` field (data model 2)."""
    from ..central.database import connect, inspect_database

    connection = connect(dsn, application="RE.MIX publish-web")
    try:
        info = inspect_database(connection)
    finally:
        connection.close()
    if not info.has_schema:
        raise _error(
            "not_remix",
            tr("{name} is not a RE.MIX database: it has no projects table.", language=BOTH),
            name=info.name,
        )
    if info.schema_version < 2:
        raise _no_flag(info.name)
    return info.name, info.metadata


def _iso(value):
    """A date as ``YYYY-MM-DD`` (OGR gives ``YYYY/MM/DD``, PostgreSQL ``YYYY-MM-DD``)."""
    return str(value)[:10].replace("/", "-") if value not in (None, "") else value


def _read_source(source, model):
    """({table: [row]}, source CRS) through the store-independent reader of the incubator tools
    (``networks.source.read_tables``: GeoPackage with OGR, DSN with psycopg2), values normalised so
    that both stores give the same records: dates ISO, geometries as OGR geometries under
    ``_geom``, rows in a stable order (the database has no physical order)."""
    from ..layers.model import GEOMETRY_COLUMN
    from ..networks.source import read_tables

    text = libpq_dsn(source) if looks_like_dsn(str(source)) else str(source)
    data = read_tables(text, _wanted(model), geometry=GEOMETRY_TABLES)
    tables = {}
    for table, rows in data.tables.items():
        dates = {f.name for f in model.table(table).fields if f.kind in ("date", "datetime")}
        for row in rows:
            for name in dates & row.keys():
                row[name] = _iso(row[name])
            if table in GEOMETRY_TABLES:
                wkb = row.pop(GEOMETRY_COLUMN, None)
                row["_geom"] = ogr.CreateGeometryFromWkb(wkb) if wkb else None
        tables[table] = rows
    srs = None
    if data.crs:
        srs = osr.SpatialReference()
        srs.SetFromUserInput(data.crs)
    return tables, srs


def _ordered(rows, *keys):
    return sorted(rows, key=lambda r: tuple(str(r.get(k) or "").casefold() for k in keys))


def _group(rows, key):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.get(key), []).append(row)
    return grouped


def _codes(value):
    return parse_codes(value).codes


def _clean(row, multi=()):
    """A record for the page: no geometry, multi-valued codes as lists, no empty values."""
    out = {}
    for key, value in row.items():
        if key.startswith("_") or key in FORBIDDEN_FIELDS:
            continue
        if key in multi:
            value = _codes(value)
        if value in (None, "", []):
            continue
        out[key] = value
    return out


def _multi_fields(model, table):
    if not model.has_table(table):
        return set()
    return {f.name for f in model.table(table).fields if f.multi}


# -- geometry --------------------------------------------------------------------------------
def _wgs84():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _transform(source_srs):
    if source_srs is None:
        raise _error(
            "no_crs",
            tr(
                "The file has no coordinate reference system: it cannot be published on the web.",
                language=BOTH,
            ),
        )
    source = source_srs.Clone()
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(source, _wgs84())


def _geojson(geometry, transform, tolerance=0.0):
    geometry = geometry.Clone()
    if tolerance:
        simplified = geometry.SimplifyPreserveTopology(tolerance)
        if simplified is not None and not simplified.IsEmpty():
            geometry = simplified
    geometry.Transform(transform)
    return json.loads(geometry.ExportToJson([f"COORDINATE_PRECISION={COORDINATE_PRECISION}"]))


def _lonlat(point, transform):
    point = point.Clone()
    point.Transform(transform)
    return [round(point.GetX(), COORDINATE_PRECISION), round(point.GetY(), COORDINATE_PRECISION)]


def _bbox(geometry, transform):
    geometry = geometry.Clone()
    geometry.Transform(transform)
    west, east, south, north = geometry.GetEnvelope()
    return [round(v, COORDINATE_PRECISION) for v in (west, south, east, north)]


# -- the publication's data ----------------------------------------------------------------
def _labels(scheme):
    out = {}
    for dimension_id in DIMENSIONS:
        if not scheme.has_dimension(dimension_id):
            continue
        dimension = scheme.dimension(dimension_id)
        out[dimension_id] = {
            "label": {lang: dimension.label(lang) for lang in LANGUAGES},
            "terms": [
                {"code": t.code, **{lang: t.label(lang) for lang in LANGUAGES}} for t in dimension.terms
            ],
        }
    return out


def _headings(model):
    """Field and table labels from the data model, in both languages: the page writes none."""
    out = {}
    for table in PUBLISHED_FIELDS:
        if not model.has_table(table):
            continue
        model_table = model.table(table)
        out[table] = {lang: model_table.label(lang) for lang in LANGUAGES}
        for name in PUBLISHED_FIELDS[table]:
            if model_table.has_field(name):
                out[f"{table}.{name}"] = {lang: model_table.field(name).label(lang) for lang in LANGUAGES}
    return out


def _style():
    """The QGIS styles' palette (styles/palette.py), written into the data: one source."""
    return {
        "intervento": dict(palette.INTERVENTO_COLOURS),
        "fallback": palette.FALLBACK_FILL,
        "outline": palette.OUTLINE,
        "stato": {
            code: {"dash": DASHES.get(pen, [1, 0]), "width_mm": width}
            for code, (pen, width) in palette.STATO_STROKES.items()
        },
        "zone": dict(palette.ZONE_TINTS),
        "comune_boundary": palette.COMUNE_BOUNDARY,
        "project": palette.OKABE_ITO["blue"],
        "highlight": palette.OKABE_ITO["reddish_purple"],
        # the KPI chart of the card: the dock's and the atlas's colours (monitoring/chart.py)
        "kpi": dict(chart.STATUS_COLOURS, baseline=chart.BASELINE_COLOUR, target=chart.TARGET_COLOUR,
                    axis=chart.AXIS_COLOUR),
    }


def _comune_filter(values, comuni_rows):
    """The ISTAT codes a filter names (codes or names, any case); None = every comune."""
    if not values:
        return None
    if isinstance(values, str):
        values = [v for v in values.split(",")]
    by_name = {(r.get("nome") or "").casefold(): r["istat"] for r in comuni_rows}
    codes = set()
    for value in values:
        value = str(value).strip()
        if not value:
            continue
        if value in {r["istat"] for r in comuni_rows}:
            codes.add(value)
        elif value.casefold() in by_name:
            codes.add(by_name[value.casefold()])
        else:
            raise _error(
                "unknown_comune", tr("Unknown comune in the filter: {value}.", language=BOTH), value=value
            )
    return codes


def _monitoring(path, keys):
    """What the card adds to the published indicators and projects, from the same code as the
    atlas and the dock: ({(progetto, indicatore): {"stato", "quota", "quota_attesa"}},
    {progetto: {"punteggio", "massimo", "testo" (priority.score.score_text, per language),
    "criteri": [{"etichetta", "punti", "peso"}]}}, profile
    title and version or None). Only points and weights go out, never the values behind them
    (the co-funding criterion reads the funding records, which are not published)."""
    from ..monitoring.kpi import kpi_report
    from ..priority.score import load_profile, score_projects, score_text

    kpis = {}
    for row in kpi_report(str(path)).rows:
        if row.progetto_uuid in keys and row.indicator is not None:
            kpis[(row.progetto_uuid, row.indicator.uuid)] = {
                key: value
                for key, value in (
                    ("stato", row.status),
                    ("quota", None if row.share is None else round(row.share, 4)),
                    ("quota_attesa", None if row.expected is None else round(row.expected, 4)),
                )
                if value is not None
            }
    profile = load_profile()
    priorities = {}
    for item in score_projects(str(path), profile):
        if item.uuid not in keys:
            continue
        priorities[item.uuid] = {
            "punteggio": round(item.score, 1),
            "massimo": round(sum(part.criterion.weight for part in item.parts), 1),
            "testo": {lang: score_text(item, lang) for lang in LANGUAGES},  # "18,3 su 100 punti"
            "criteri": [
                {
                    "etichetta": {lang: part.criterion.label(lang) for lang in LANGUAGES},
                    "punti": round(part.points, 1),
                    "peso": round(part.criterion.weight, 1),
                }
                for part in item.parts
            ],
        }
    about = {"titolo": {lang: profile.title(lang) for lang in LANGUAGES}, "versione": profile.version}
    return kpis, priorities, about


def collect(path, comuni=None, projects=None):
    """(data, geometries, counts, comuni filter) of the GeoPackage at ``path`` or of the central
    database DSN ``path`` (already checked by ``_check_geopackage``/``_check_database``); ``comuni``
    and ``projects`` (a set of project uuids) restrict the publishable projects."""
    model = load_model()
    scheme = load_scheme()
    tables, srs = _read_source(path, model)
    progetti = tables["progetti"]
    comuni_rows = _ordered(tables["comuni"], "istat")
    lavori_rows = _ordered(tables["lavori"], "progetto_uuid", "titolo", "uuid")
    lavori_srs = comuni_srs = srs
    for name, keys in (
        ("azioni", ("titolo", "uuid")),
        ("fasi", ("numero", "uuid")),
        ("criticita", ("titolo", "uuid")),
        ("progetto_attori", ("progetto_uuid", "attore_uuid", "ruolo_attore")),
        ("misure", ("data_misura", "indicatore_uuid")),
    ):
        tables[name] = _ordered(tables.get(name, []), *keys)
    wanted_comuni = _comune_filter(comuni, comuni_rows)
    publishable = [p for p in progetti if p.get(PUBLISHABLE_FIELD)]
    published = [
        p
        for p in publishable
        if (wanted_comuni is None or p.get("comune_istat") in wanted_comuni)
        and (projects is None or p["uuid"] in projects)
    ]
    keys = {p["uuid"] for p in published}
    lavori_transform = _transform(lavori_srs) if lavori_rows else None
    comuni_transform = _transform(comuni_srs) if comuni_rows else None
    comuni_by_istat = {r["istat"]: r for r in comuni_rows}

    lavori_by_project = _group([r for r in lavori_rows if r.get("progetto_uuid") in keys], "progetto_uuid")
    stato_of = {p["uuid"]: p.get("stato_progetto") or "" for p in published}
    lavori_features = []
    multi = {name: _multi_fields(model, name) for name in PUBLISHED_FIELDS}
    for rows in lavori_by_project.values():
        for row in rows:
            if row.get("_geom") is None:
                continue
            # the map needs only these; the card reads the lavori's texts from progetti.json
            properties = {key: row[key] for key in MAP_PROPERTIES if row.get(key) not in (None, "")}
            properties["stato_progetto"] = stato_of.get(row["progetto_uuid"], "")
            lavori_features.append(
                {
                    "type": "Feature",
                    "id": len(lavori_features) + 1,
                    "geometry": _geojson(row["_geom"], lavori_transform, LAVORI_TOLERANCE_M),
                    "properties": properties,
                }
            )
    comuni_features = []
    for row in comuni_rows:
        if row.get("_geom") is None:
            continue
        comuni_features.append(
            {
                "type": "Feature",
                "geometry": _geojson(row["_geom"], comuni_transform),
                "properties": _clean(row),
            }
        )

    by_project = {
        name: _group([r for r in tables[name] if r.get("progetto_uuid") in keys], "progetto_uuid")
        for name in ("azioni", "fasi", "criticita", "progetto_attori", "misure")
    }
    attori = {r["uuid"]: r for r in tables["attori"]}
    indicatori = {r["uuid"]: r for r in tables["indicatori"]}
    programmi = {r["uuid"]: r for r in tables["programmi"]}
    kpis, priorities, profile = _monitoring(path, keys)
    role_rank = (
        {t.code: i for i, t in enumerate(scheme.dimension("ruolo_attore").terms)}
        if scheme.has_dimension("ruolo_attore")
        else {}
    )
    projects, used_programmi = [], set()
    for project in sorted(published, key=lambda p: (p.get("titolo") or "").casefold()):
        uuid = project["uuid"]
        record = _clean({k: v for k, v in project.items() if k != PUBLISHABLE_FIELD}, multi["progetti"])
        comune = comuni_by_istat.get(project.get("comune_istat"), {})
        record["comune"] = comune.get("nome") or ""
        record["zona_omogenea"] = comune.get("zona_omogenea") or ""
        union = None
        for row in lavori_by_project.get(uuid, []):
            if row.get("_geom") is not None:
                union = row["_geom"].Clone() if union is None else union.Union(row["_geom"])
        if union is not None:
            record["point"] = _lonlat(union.PointOnSurface(), lavori_transform)
            record["bbox"] = _bbox(union, lavori_transform)
        elif comune.get("_geom") is not None:
            record["point"] = _lonlat(comune["_geom"].PointOnSurface(), comuni_transform)
            record["bbox"] = _bbox(comune["_geom"], comuni_transform)
        record["lavori"] = [_clean(r, multi["lavori"]) for r in lavori_by_project.get(uuid, [])]
        for row in record["lavori"]:
            row.pop("progetto_uuid", None)
        record["azioni"] = [_clean(r, multi["azioni"]) for r in by_project["azioni"].get(uuid, [])]
        record["fasi"] = sorted(
            (_clean(r) for r in by_project["fasi"].get(uuid, [])), key=lambda r: r.get("numero") or 0
        )
        record["criticita"] = [_clean(r, multi["criticita"]) for r in by_project["criticita"].get(uuid, [])]
        record["attori"] = []
        for link in by_project["progetto_attori"].get(uuid, []):
            actor = attori.get(link.get("attore_uuid"))
            if actor:
                record["attori"].append(
                    _clean(
                        {
                            "nome": actor.get("nome"),
                            "tipo_attore": actor.get("tipo_attore"),
                            "ruolo_attore": link.get("ruolo_attore"),
                        }
                    )
                )
        # promoter first (the scheme's order of the roles), then by name: the same in both stores
        record["attori"].sort(key=lambda a: (role_rank.get(a.get("ruolo_attore"), len(role_rank)),
                                             (a.get("nome") or "").casefold()))
        series = {}
        for measure in sorted(
            by_project["misure"].get(uuid, []), key=lambda r: str(r.get("data_misura") or "")
        ):
            series.setdefault(measure.get("indicatore_uuid"), []).append(
                [str(measure.get("data_misura") or ""), measure.get("valore")]
            )
        record["indicatori"] = []
        for key, values in series.items():
            indicator = indicatori.get(key)
            if indicator:
                entry = _clean(indicator, multi["indicatori"])
                entry.pop("uuid", None)
                entry["misure"] = values
                entry.update(kpis.get((uuid, key), {}))
                record["indicatori"].append(entry)
        for name in ("azioni", "fasi", "criticita"):
            for row in record[name]:
                row.pop("progetto_uuid", None)
        if uuid in priorities:
            record["priorita"] = priorities[uuid]
        if project.get("programma_uuid") in programmi:
            used_programmi.add(project["programma_uuid"])
        projects.append(record)
    data = {
        "projects": projects,
        "programmi": [_clean(programmi[k], multi["programmi"]) for k in sorted(used_programmi)],
        "labels": _labels(scheme),
        "headings": _headings(model),
        "style": _style(),
        "max_zoom": MAX_ZOOM,
        "kpi_stati": {s.code: {lang: s.label(lang) for lang in LANGUAGES} for s in KPI_STATUSES},
        "priorita_profilo": profile,
    }
    counts = {
        "progetti": len(projects),
        "progetti_non_pubblicabili": len(progetti) - len(publishable),
        "progetti_esclusi_dal_filtro": len(publishable) - len(published),
        "lavori": len(lavori_features),
        "azioni": sum(len(p["azioni"]) for p in projects),
        "fasi": sum(len(p["fasi"]) for p in projects),
        "comuni": len(comuni_features),
        "comuni_con_progetti": len({p.get("comune_istat") for p in projects}),
        "programmi": len(used_programmi),
    }
    geo = {
        "lavori": {"type": "FeatureCollection", "features": lavori_features},
        "comuni": {"type": "FeatureCollection", "features": comuni_features},
    }
    return data, geo, counts, sorted(wanted_comuni) if wanted_comuni is not None else None


def _metadata(path):
    try:
        dataset = ogr.Open(str(path), 0)
        layer = dataset.GetLayerByName("remix_metadata")
        if layer is None:
            return {}
        return {f.GetField("key"): f.GetField("value") for f in layer}
    except (RuntimeError, ValueError):
        return {}
    finally:
        dataset = None


# -- writing -------------------------------------------------------------------------------
def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))
        handle.flush()
        os.fsync(handle.fileno())


def previous_publication(folder):
    """The publication.json of ``folder`` if it is a publication of ours holding only its own
    files; None otherwise."""
    manifest = folder / "publication.json"
    try:
        record = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    listed = set(record.get("files", {})) | {"publication.json"}
    for item in folder.rglob("*"):
        if item.is_symlink() or (item.is_file() and item.relative_to(folder).as_posix() not in listed):
            return None
        if not item.is_file() and not item.is_dir():
            return None
    return record


def _check_target(out_dir):
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise _error(
            "target_not_folder",
            tr("{path} exists and is not a folder: choose another output folder.", language=BOTH),
            path=out_dir,
        )
    if out_dir.is_dir() and any(out_dir.iterdir()) and previous_publication(out_dir) is None:
        raise _error(
            "target_not_empty",
            tr(
                "{path} is not empty and is not a previous web publication: choose an empty or new folder "
                "(nothing was written).",
                language=BOTH,
            ),
            path=out_dir,
        )
    if not out_dir.parent.is_dir():
        raise _error(
            "no_folder", tr("The folder {folder} does not exist.", language=BOTH), folder=out_dir.parent
        )


def _swap(temp, out_dir):
    """Put the finished ``temp`` folder at ``out_dir``; a previous publication there goes."""
    if out_dir.is_dir():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rmdir(old)
        os.replace(out_dir, old)
        try:
            os.replace(temp, out_dir)
        except OSError:
            os.replace(old, out_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(temp, out_dir)
    directory = os.open(out_dir.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def check_base_layer(base_layer):
    """The one rule for an optional base layer (CLI, Processing, the panel's dialog): a type (xyz
    or wms) and an http(s) address; an XYZ address with {z}, {x} and {y}; a WMS with its layers.
    Raises RemixError("bad_base_layer")."""
    if (
        not isinstance(base_layer, dict)
        or base_layer.get("type") not in ("xyz", "wms")
        or not str(base_layer.get("url", "")).startswith(("https://", "http://"))
    ):
        raise _error(
            "bad_base_layer",
            tr("The base layer needs a type (xyz or wms) and an http(s) address.", language=BOTH),
        )
    if base_layer["type"] == "xyz" and not all(part in base_layer["url"] for part in ("{z}", "{x}", "{y}")):
        raise _error(
            "bad_base_layer",
            tr("An XYZ base layer's address needs {{z}}, {{x}} and {{y}}: {url}", language=BOTH),
            url=base_layer["url"],
        )
    if base_layer["type"] == "wms" and not str(base_layer.get("layers") or "").strip():
        raise _error("bad_base_layer", tr("A WMS base layer needs the names of its layers.", language=BOTH))


def publish_web(source, out_dir, filter=None, language="it", base_layer=None, now=None, projects=None):
    """Write the web atlas of the GeoPackage ``source`` into the folder ``out_dir``.

    ``filter``: comuni to publish (ISTAT codes or names, a list or a comma-separated text), None
    for all; ``projects``: optional set of project uuids (the Processing FILTER expression's result),
    also restricted to the publishable ones; ``language``: the page's first language ("it" or
    "en"; the page switches);
    ``base_layer``: optional ``{"type": "xyz"|"wms", "url": …, "attribution": …}`` drawn under the
    comuni (never required). Returns the publication record (what publication.json holds).
    Raises RemixError (code ``target_not_empty``, ``no_publishable_flag``, …) without writing."""
    if language not in LANGUAGES:
        raise _error(
            "bad_language", tr("Unknown language {value}: use it or en.", language=BOTH), value=language
        )
    if base_layer is not None:
        check_base_layer(base_layer)
    missing = [name for name in VENDOR_FILES if not (VENDOR_DIR / name).is_file()]
    if missing:
        raise _error(
            "no_vendor",
            tr(
                "The web map library is missing from the plugin ({files}): run scripts/build_web_assets.py.",
                language=BOTH,
            ),
            files=", ".join(missing),
        )
    out_dir = Path(os.path.abspath(out_dir))
    _check_target(out_dir)
    wanted = None if projects is None else set(projects)
    if looks_like_dsn(str(source)):
        dsn = libpq_dsn(str(source))
        database, metadata = _check_database(dsn)
        data, geo, counts, comuni = collect(dsn, filter, wanted)
        # the database's name only: host, user and password stay out of the folder
        described = {"database": database, "schema": CENTRAL_SCHEMA}
    else:
        source = Path(source)
        with geopackage_of(source) as path:
            metadata = _check_geopackage(path)
            data, geo, counts, comuni = collect(path, filter, wanted)
            # the file's name only: a full path could carry a person's user name
            described = {"file": source.name, "sha256": _sha256(path)}
    temp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.publishing-", dir=out_dir.parent))
    try:
        for name in STATIC_FILES:
            shutil.copyfile(STATIC_DIR / name, temp / name)
        (temp / "vendor").mkdir()
        for name in VENDOR_FILES:
            shutil.copyfile(VENDOR_DIR / name, temp / "vendor" / name)
        _write_json(temp / "data" / "progetti.json", data)
        _write_json(temp / "data" / "lavori.geojson", geo["lavori"])
        _write_json(temp / "data" / "comuni.geojson", geo["comuni"])
        files = {}
        for item in sorted(temp.rglob("*")):
            if item.is_file():
                files[item.relative_to(temp).as_posix()] = {
                    "bytes": item.stat().st_size,
                    "sha256": _sha256(item),
                }
        now = now or datetime.datetime.now(datetime.timezone.utc)
        record = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "published_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": {
                **described,
                "schema_version": metadata.get("schema_version", ""),
                "created_at": metadata.get("created_at", ""),
            },
            "scheme": {"name": load_scheme().name, "version": load_scheme().version},
            "plugin": {"data_model": SCHEMA_VERSION},
            "language": language,
            "filter": {"comuni": comuni, "progetti": None if projects is None else len(set(projects))},
            "selection": f"progetti.{PUBLISHABLE_FIELD} = true",
            "counts": counts,
            "base_layer": base_layer,
            "geometry": {
                "crs": "EPSG:4326",
                "lavori_simplify_tolerance_m": LAVORI_TOLERANCE_M,
                "coordinate_precision": COORDINATE_PRECISION,
                "max_zoom": MAX_ZOOM,
            },
            "files": files,
        }
        _write_json(temp / "publication.json", record)
        for item in [temp, *temp.rglob("*")]:  # mkdtemp makes 0700: the web server must read it
            os.chmod(item, 0o755 if item.is_dir() else 0o644)
        _check_target(out_dir)  # again: nobody put anything there meanwhile
        _swap(temp, out_dir)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    LOG.info("Web atlas published: %s %s", out_dir, counts)
    return record
