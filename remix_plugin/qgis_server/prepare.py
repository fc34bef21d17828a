"""``prepare_server_project``: a ``.qgs`` beside a RE.MIX GeoPackage that QGIS Server serves as
WMS, WFS and OGC API – Features, with GetPrint of the atlas (docs/qgis-server.md).

The project is the plugin's own (``qgis_project.builder.build_project``: the same layers, names,
styles, relations and forms as in QGIS desktop), then made ready for a server:

- service metadata (title, abstract, keywords, contact: Città metropolitana di Milano) and the
  CRSs offered;
- what is published: the tables the web atlas publishes (``web.fields.PUBLISHED_FIELDS``) for
  WMS, WFS and OGC API – Features (``WFSLayers``), read only; every other layer (funding, calls,
  code lists, the atlas's own layers) in ``WMSRestrictedLayers`` and out of WFS;
- WMS names: each layer's short name is its table name, each group's ``remix_<key>`` (builder.GROUPS);
- field visibility: a published table shows only its allow-listed fields (``qgis_server.visibility``);
  authors, times and notes are hidden from WMS and WFS;
- the "pubblicabile" filter: a subset string on ``progetti`` and on every table hanging from the
  projects (derived from the model's relations), so nothing else leaves the server;
- GetFeatureInfo as HTML: each published layer's map tip (the project card's fields; a lavoro's
  tip names its project), form settings used for the values (labels, not codes);
- the atlas layout "Atlante RE.MIX" (``atlas.export.prepare_atlas``, publishable projects only)
  for GetPrint: its page layers, made in memory for desktop use, are written into
  ``<name>_atlante.gpkg`` beside the project.

The source may also be the central database (a DSN, ``central.dsn.looks_like_dsn``): the layers
are the postgres ones of ``qgis_project.stores.PostgresStore`` (same builder), the filters use the
database's SQL (``"pubblicabile" = true``, sub-selects on ``"remix"."<table>"``), no snapshot
(live data: the readiness warnings say hidden fields can be probed through request filters) and no
atlas (it reads GeoPackages only: a warning says so); ``qgs_path`` is required.

``check_source`` (``check_database``) and ``readiness.check_project`` run first; with an error
nothing is written and a ``RemixError`` ("server_not_ready") carries the findings. Files are
written atomically (the page GeoPackage first, then the project, each through a temporary file in
the same folder).
"""

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsLayoutItemMap,
    QgsMapLayer,
    QgsProject,
    QgsVectorFileWriter,
)

from .. import sql
from ..compat import layer_short_name, set_layer_short_name
from ..errors import RemixError
from ..files import durable_replace
from ..i18n import BOTH, tr
from ..layers.errors import RemixFileError
from ..layers.model import CODELIST_TABLE, COMUNI_TABLE, GEOMETRY_COLUMN, load_model
from ..log import get_logger
from ..qgis_project import TABLE_PROPERTY
from ..qgis_project.builder import GROUPS, build_project
from ..web.fields import PUBLISHABLE_FIELD, PUBLISHED_FIELDS
from . import readiness
from .visibility import hide_fields

LOG = get_logger("qgis_server")

ORGANIZATION = "Città metropolitana di Milano"
CRS_LIST = ("EPSG:32632", "EPSG:4326", "EPSG:3857", "EPSG:3003", "EPSG:6707")
KEYWORDS = ("RE.MIX", "rigenerazione urbana", "urban regeneration", "Città metropolitana di Milano")
# A group's WMS name, from its label in either language (qgis_project.builder.GROUPS).
GROUP_SHORT_NAMES = {label: f"remix_{key}" for key, labels in GROUPS.items() for label in labels.values()}
CODES_GROUP = "remix_codes"  # only the code list: not published
ATLAS_SUFFIX = "_atlante"
SNAPSHOT_SUFFIX = "_dati"
ROOT_NAME = "remix"  # the WMS name of the root layer (the whole map)
WFS_PRECISION = 8  # decimals of WFS/OGC API coordinates (OGC API answers in degrees)
# Tables whose rows are a catalogue shared by all projects, never filtered.
_UNFILTERED = frozenset({COMUNI_TABLE, CODELIST_TABLE})

FLAG_TRUE = "{flag} = 1"
PUBLISHABLE_UUIDS = "SELECT {uuid} FROM {table} WHERE {flag} = 1"  # FLAG_TRUE, as one named statement
KEY_IN = "{field} IN (SELECT {key} FROM {table} WHERE "
# The same in the central database's SQL (PostgreSQL: a boolean, schema-qualified tables).
FLAG_TRUE_PG = "{flag} = true"
KEY_IN_PG = "{field} IN (SELECT {key} FROM {schema}.{table} WHERE "


@dataclass
class ServerProject:
    """What ``prepare_server_project`` wrote."""

    path: Path
    atlas_path: Path = None
    wms_layers: list = field(default_factory=list)  # WMS names (short names)
    wfs_layers: list = field(default_factory=list)
    findings: list = field(default_factory=list)  # warnings (errors stop the writing)
    layout: str = ""
    print_maps: list = field(default_factory=list)  # see print_maps()
    data_path: Path = None  # the snapshot GeoPackage (``snapshot=True``), else None


# -- the "pubblicabile" filter -----------------------------------------------------------------
def publishable_filters(schema=None):
    """table -> SQL condition (subset string) keeping only rows of publishable projects: the
    projects with the flag; the tables below them through the model's relations (a row passes if
    any of its parents below the projects passes: an azione of a project or of one of its
    lavori); then the tables above them (programmi, attori, indicatori, bandi: only the rows a
    kept row refers to).

    ``schema``: the central database's schema (PostgreSQL's SQL: ``"pubblicabile" = true``,
    sub-selects on ``"<schema>"."<table>"``); None: a GeoPackage (SQLite's ``= 1``)."""
    model = load_model()
    relations = list(model.relations)
    tables = [t.name for t in model.data_tables if t.name not in _UNFILTERED]
    below = {t for t in tables if _below_projects(t, relations)}
    flag = FLAG_TRUE_PG if schema else FLAG_TRUE
    filters = {"progetti": sql.statement(flag, flag=PUBLISHABLE_FIELD)}
    changed = True
    while changed:  # downwards, parents first
        changed = False
        for child in sorted(below - set(filters)):
            parents = [r for r in relations if r.child == child and r.parent in below]
            if parents and all(r.parent in filters for r in parents):
                filters[child] = _any_of(
                    ((r.child_field, r.parent_field, r.parent, filters[r.parent]) for r in parents), schema)
                changed = True
    for table in tables:  # upwards
        children = [r for r in relations if r.parent == table and r.child in filters]
        if table not in filters and children:
            filters[table] = _any_of(
                ((r.parent_field, r.child_field, r.child, filters[r.child]) for r in children), schema)
    return filters


def _any_of(conditions, schema=None):
    """``(field IN (SELECT key FROM table WHERE condition)) OR …`` (identifiers quoted; the
    table schema-qualified when ``schema`` is given)."""
    def key_in(f, k, t):
        if schema:
            return sql.statement(KEY_IN_PG, field=f, key=k, schema=schema, table=t)
        return sql.statement(KEY_IN, field=f, key=k, table=t)

    return " OR ".join("(" + key_in(f, k, t) + condition + "))" for f, k, t, condition in conditions)


def _below_projects(table, relations, seen=()):
    """True if ``table`` is progetti or hangs from it through relations."""
    if table == "progetti":
        return True
    return any(_below_projects(r.parent, relations, seen + (table,))
               for r in relations if r.child == table and r.parent not in seen + (table,))


# -- map tips ----------------------------------------------------------------------------------
def _html(expression):
    """A map tip placeholder: the value of ``expression`` with HTML escaped."""
    return ("[% replace(coalesce(to_string(" + expression + "), ''), array('&', '<', '>'), "
            "array('&amp;', '&lt;', '&gt;')) %]")


def _row(label, expression):
    return f"<tr><th>{label}</th><td>{_html(expression)}</td></tr>"


CARD_FIELDS = ("stato_progetto", "ambito_opportunita", "livello_progettuale", "livello_rigenerazione",
               "data_inizio", "data_fine", "descrizione", "obiettivi")


def _quoted(text):
    return QgsExpression.quotedString(text)


def _card_rows(language, project, project_in_filter, layer_ids):
    """The rows of the project card (the atlas card's fields: comune, state, classification,
    dates, description, objectives) for the project feature ``project`` (an expression);
    ``project_in_filter``: the same feature seen from inside an aggregate's filter (through
    ``@parent``). Codes are shown as the scheme's labels (read from the code list layer)."""
    progetti = load_model().table("progetti")
    label_column = f"label_{language}" if language in ("it", "en") else "label_en"  # as forms/spec.py

    def value(name, feature=project):
        return f"attribute({feature}, {_quoted(name)})"

    def coded(field):
        inner = value(field.name, project_in_filter)
        match = (f"array_contains(coalesce({inner}, array()), \"code\")" if field.multi
                 else f"\"code\" = {inner}")
        return (f"aggregate(layer:={_quoted(layer_ids[CODELIST_TABLE])}, aggregate:='concatenate', "
                f"expression:=\"{label_column}\", concatenator:=', ', "
                f"filter:=\"dimension\" = {_quoted(field.dimension)} AND {match})")

    comune = (f"attribute(get_feature({_quoted(layer_ids[COMUNI_TABLE])}, 'istat', "
              f"{value('comune_istat')}), 'nome')")
    rows = [_row(_text(progetti.field("comune_istat").label(language)), comune)]
    for name in CARD_FIELDS:
        if not progetti.has_field(name):
            continue
        field = progetti.field(name)
        rows.append(_row(_text(field.label(language)), coded(field) if field.coded else value(name)))
    return rows


def _text(value):
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def project_map_tip(language, layer_ids):
    """The map tip (GetFeatureInfo HTML) of a project: its card."""
    rows = _card_rows(language, "$currentfeature", "@parent", layer_ids)
    return (f"<div class=\"remix-card\"><h3>{_html(chr(34) + 'titolo' + chr(34))}</h3>"
            f"<table>{''.join(rows)}</table></div>")


def lavoro_map_tip(language, layer_ids):
    """The map tip of a lavoro: its project's card, then the lavoro's own title."""
    def project_of(feature):
        return (f"get_feature({_quoted(layer_ids['progetti'])}, 'uuid', "
                f"attribute({feature}, 'progetto_uuid'))")

    project = project_of("$currentfeature")
    rows = _card_rows(language, project, project_of("@parent"), layer_ids)
    lavori = load_model().table("lavori")
    title = f"attribute({project}, {_quoted('titolo')})"
    return (f"<div class=\"remix-card\"><h3>{_html(title)}</h3>"
            f"<p>{_text(lavori.label(language))}: {_html(chr(34) + 'titolo' + chr(34))}</p>"
            f"<table>{''.join(rows)}</table></div>")


def simple_map_tip(layer):
    """The title (or name) of a row: the tip of the other published tables."""
    names = layer.fields().names()
    title = next((n for n in ("titolo", "nome") if n in names), None)
    if title is None:
        return ""
    return f"<div class=\"remix-card\"><h4>{_html(chr(34) + title + chr(34))}</h4></div>"


# -- the project -------------------------------------------------------------------------------
def default_qgs_path(gpkg_path):
    path = Path(gpkg_path)
    return path.with_name(f"{path.stem}_server.qgs")


def prepare_server_project(gpkg_path, qgs_path=None, language="it", title=None, abstract=None,
                           contact_person="", contact_mail="", service_url="", with_atlas=True,
                           snapshot=True):
    """Write the server project of ``gpkg_path`` at ``qgs_path`` (default ``<name>_server.qgs``
    beside the data). Returns a ServerProject. Raises RemixError("server_not_ready") with the
    findings when the readiness check has errors (nothing written), RemixFileError when the
    GeoPackage cannot be read, RemixError("server_write") when the project cannot be written.

    ``snapshot`` (default): the published layers read ``<name>_server_dati.gpkg``, a copy of the
    allow-listed columns of the publishable rows only, instead of the live data (nothing else is
    reachable, not even through request filters; re-run after edits). ``snapshot=False`` serves
    the live file: hidden fields are not returned, but QGIS Server still applies request filters
    to them, so a hidden note of a publishable project can be probed (docs/qgis-server.md).

    ``gpkg_path`` may be a DSN of the central database (``service=remix``, ``postgresql://…``):
    then ``qgs_path`` is required, the layers read the live database (``snapshot`` and
    ``with_atlas`` do not apply: readiness warnings say so) and the project holds no password
    (the server connects through its own ``pg_service.conf`` service or ``~/.pgpass``)."""
    from ..central.dsn import looks_like_dsn

    if looks_like_dsn(gpkg_path):
        return _prepare_database(str(gpkg_path), qgs_path, language, title, abstract, contact_person,
                                 contact_mail, service_url, with_atlas)
    source = Path(gpkg_path).resolve()
    target = Path(qgs_path).resolve() if qgs_path else default_qgs_path(source)
    if not source.is_file():
        raise RemixFileError("missing", *tr("{name} does not exist.", language=BOTH).format(name=str(source)))
    source_findings = readiness.check_source(source)
    _refuse_if(source_findings)
    project = QgsProject()
    try:
        build = _build(project, source, target, language, title, abstract, contact_person,
                       contact_mail, service_url, with_atlas)
        findings = source_findings + readiness.check_project(project)
        _refuse_if(findings)
        data_path = _snapshot(project, build["published"], target) if snapshot else None
        atlas_path = _persist_memory_layers(project, build["memory"], target) if build["memory"] else None
        _write_project(project, target)
    finally:
        project.clear()
    return _written(target, build, findings, atlas_path, data_path)


def _written(target, build, findings, atlas_path=None, data_path=None):
    LOG.info("Server project written: %s (%d WMS layers, %d WFS layers)", target,
             len(build["wms"]), len(build["wfs"]))
    return ServerProject(target, atlas_path, build["wms"], build["wfs"],
                         [f for f in findings if f.severity != readiness.ERROR], build["layout"],
                         build["maps"], data_path)


def _prepare_database(dsn, qgs_path, language, title, abstract, contact_person, contact_mail,
                      service_url, with_atlas):
    """``prepare_server_project`` on the central database (see there)."""
    from ..central.dsn import libpq_dsn
    from ..qgis_project.central_storage import _password
    from ..qgis_project.stores import postgres_store_from_dsn

    if not qgs_path:
        raise RemixError("server_write", *tr(
            "Say where to write the project for QGIS Server: a database has no folder to write it "
            "beside.", language=BOTH))
    target = Path(qgs_path).resolve()
    dsn = libpq_dsn(dsn)
    source_findings, info = readiness.check_database(dsn, with_atlas=with_atlas)
    _refuse_if(source_findings)
    srid = int(str(info.metadata.get("crs") or "EPSG:32632").split(":")[1])
    store, password = postgres_store_from_dsn(dsn, srid=srid)
    project = QgsProject()
    try:
        with _password(password):  # the layers open now; the project keeps no password
            build = _build(project, store, target, language, title, abstract, contact_person,
                           contact_mail, service_url, with_atlas=False,
                           schema_version=info.schema_version)
            findings = source_findings + readiness.check_project(project)
            _refuse_if(findings)
            _write_project(project, target)
    finally:
        project.clear()
    return _written(target, build, findings)


def _refuse_if(findings):
    errors = readiness.errors(findings)
    if errors:
        lines = "\n".join(f"- {f.message('it')}" for f in errors)
        lines_en = "\n".join(f"- {f.message('en')}" for f in errors)
        text = tr("The project for QGIS Server was not written. Problems found: {count}.", language=BOTH)
        raise RemixError("server_not_ready", text.it.format(count=len(errors)) + "\n" + lines,
                         text.en.format(count=len(errors)) + "\n" + lines_en, findings=errors)


def _build(project, source, target, language, title, abstract, contact_person, contact_mail,
           service_url, with_atlas, schema_version=None):
    """The server project of ``source``: a GeoPackage path or a PostgresStore."""
    database = not isinstance(source, Path)
    if database:
        layers, _relations = build_project(source, project, language, schema_version=schema_version)
    else:
        layers, _relations = build_project(source, project, language, final_path=source)
    filters = publishable_filters(source.schema if database else None)
    published = [t for t in layers if t in PUBLISHED_FIELDS]
    for table, layer in layers.items():
        set_layer_short_name(layer, table)
        if table in filters and not layer.setSubsetString(filters[table]):
            raise RemixFileError("corrupt", *tr("The publication filter of {table} is refused by "
                                                "the data source.", language=BOTH).format(table=table))
    restricted_groups = []
    for group in project.layerTreeRoot().findGroups(True):
        short = GROUP_SHORT_NAMES.get(group.name())
        if short:
            group.setCustomProperty("wmsShortName", short)
        if short == CODES_GROUP:
            restricted_groups.append(group.name())
    layer_ids = {table: layer.id() for table, layer in layers.items()}
    for table in published:
        layer = layers[table]
        allowed = set(PUBLISHED_FIELDS[table])
        hide_fields(layer, [n for n in layer.fields().names() if n not in allowed and n.lower() != "fid"])
        if table == "progetti":
            layer.setMapTipTemplate(project_map_tip(language, layer_ids))
        elif table == "lavori":
            layer.setMapTipTemplate(lavoro_map_tip(language, layer_ids))
        else:
            layer.setMapTipTemplate(simple_map_tip(layer))
    restricted = [layers[t].name() for t in layers if t not in published] + restricted_groups
    for table in layers:
        if table not in published:
            layers[table].setFlags(layers[table].flags() & ~QgsMapLayer.LayerFlag.Identifiable)
    memory, layout_name, maps = [], "", []
    if with_atlas:
        memory, layout_name, maps = _add_atlas(project, source, language, set(layers.values()), filters)
    wfs = [layers[t] for t in published]
    name = (source.dbname or source.service) if database else source.stem
    _write_service_entries(project, language, title or _default_title(language, name), abstract,
                           contact_person, contact_mail, service_url, restricted, wfs)
    project.writeEntryBool("Paths", "/Absolute", False)
    return {"wms": [layer_short_name(layers[t]) for t in published],
            "wfs": [layer_short_name(layer) for layer in wfs],
            "memory": memory, "layout": layout_name, "maps": maps,
            "published": {t: layers[t] for t in published}}


def _default_title(language, name):
    return tr("RE.MIX — urban regeneration projects ({name})", language=language).format(name=name)


def _default_abstract(language):
    return tr("The urban regeneration projects of the Città metropolitana di Milano mapped with "
              "RE.MIX (only those marked publishable): physical works, actions, phases, actors and "
              "indicators. Personal data (authors, notes) is not published.", language=language)


def _write_service_entries(project, language, title, abstract, contact_person, contact_mail,
                           service_url, restricted, wfs):
    abstract = abstract or _default_abstract(language)
    project.setTitle(title)
    metadata = project.metadata()
    metadata.setTitle(title)
    metadata.setAbstract(abstract)
    metadata.setAuthor(ORGANIZATION)
    metadata.setLanguage(language)
    project.setMetadata(metadata)
    entries = {
        "WMSServiceCapabilities": True, "WMSRootName": ROOT_NAME, "WMSServiceTitle": title,
        "WMSServiceAbstract": abstract,
        "WMSKeywordList": list(KEYWORDS), "WMSContactOrganization": ORGANIZATION,
        "WMSContactPerson": contact_person or "", "WMSContactMail": contact_mail or "",
        "WMSOnlineResource": service_url or "", "WMSCrsList": list(CRS_LIST),
        "WMSRestrictedLayers": sorted(set(restricted)), "WMSFeatureInfoUseAttributeFormSettings": True,
        "WMSAddWktGeometry": False, "WMSMaxAtlasFeatures": 1, "WMSUseLayerIDs": False,
        "WFSLayers": [layer.id() for layer in wfs], "WCSLayers": [],
    }
    if service_url:
        for key in ("WMSUrl", "WFSUrl", "WMTSUrl"):
            entries[key] = service_url
    for key, value in entries.items():
        project.writeEntry(key, "/", value)
    extent = project.layerTreeRoot().findLayers()  # the extent of the published spatial layers
    boxes = [node.layer().extent() for node in extent
             if node.layer() is not None and node.layer().name() not in restricted
             and node.layer().isSpatial() and not node.layer().extent().isEmpty()]
    if boxes:
        box = boxes[0]
        for other in boxes[1:]:
            box.combineExtentWith(other)
        project.writeEntry("WMSExtent", "/", [repr(v) for v in (box.xMinimum(), box.yMinimum(),
                                                                 box.xMaximum(), box.yMaximum())])
    for layer in wfs:
        project.writeEntry("WFSLayersPrecision", "/" + layer.id(), WFS_PRECISION)
    for operation in ("Update", "Insert", "Delete"):  # read only
        project.writeEntry("WFSTLayers", operation, [])


# -- atlas -------------------------------------------------------------------------------------
def _publishable_uuids(source):
    import sqlite3

    connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        statement = sql.statement(PUBLISHABLE_UUIDS, uuid="uuid", table="progetti", flag=PUBLISHABLE_FIELD)
        return [row[0] for row in connection.execute(statement)]
    finally:
        connection.close()


def _add_atlas(project, source, language, own_layers, filters):
    """The atlas layout for the publishable projects. Returns (memory layers, layout name).

    The atlas's own layers (a second view of lavori, criticità, comuni, the pages) stay out of
    the layer tree, so no capabilities document lists them; their names are kept (the layout's
    legend shows them), each gets a unique ``atlante_…`` short name, the same "pubblicabile"
    filter and is not identifiable (GetFeatureInfo refuses them)."""
    from ..atlas.export import prepare_atlas

    uuids = _publishable_uuids(source)
    expression = ("\"uuid\" IN (" + ", ".join(QgsExpression.quotedValue(u) for u in uuids) + ")"
                  if uuids else "false")
    job = prepare_atlas(source, language, filter_expression=expression, project=project)
    memory = []
    for index, layer in enumerate(x for x in project.mapLayers().values() if x not in own_layers):
        table = layer.customProperty(TABLE_PROPERTY, "") or ""
        if table in filters and not layer.setSubsetString(filters[table]):
            raise RemixFileError("corrupt", *tr("The publication filter of {table} is refused by "
                                                "the data source.", language=BOTH).format(table=table))
        short = "".join(c if c.isalnum() else "_" for c in (table or layer.name())).lower()
        set_layer_short_name(layer, f"atlante_{index}_{short}")
        layer.setFlags(layer.flags() & ~QgsMapLayer.LayerFlag.Identifiable)
        if layer.providerType() == "memory":
            memory.append(layer)
    name = job.layout.name()
    maps = print_maps(job.layout)
    job.layout = None
    return memory, name, maps


def print_maps(layout):
    """The layout's maps as GetPrint names them (``map0``, ``map1``… in the layout's order, as
    GetProjectSettings lists them): name, item id, size (mm), atlas-driven, extent. QGIS Server
    leaves out of the print every map that is not atlas-driven unless the request gives its
    ``mapN:EXTENT``: a client passes the extents listed here (the locator and cover maps)."""
    maps = [item for item in layout.items() if isinstance(item, QgsLayoutItemMap)]
    described = []
    for index, item in enumerate(maps):
        extent = item.extent()
        described.append({
            "name": f"map{index}", "id": item.id(), "atlas_driven": item.atlasDriven(),
            "width_mm": round(item.rect().width()), "height_mm": round(item.rect().height()),
            "extent": [round(v, 3) for v in (extent.xMinimum(), extent.yMinimum(),
                                              extent.xMaximum(), extent.yMaximum())]})
    return described


def _persist_memory_layers(project, layers, target):
    """Write the memory layers (the atlas pages, the simplified comuni) into
    ``<target stem>_atlante.gpkg`` and point the layers at it. Returns its path."""
    path = target.with_name(f"{target.stem}{ATLAS_SUFFIX}.gpkg")
    _write_tables([(layer, layer_short_name(layer), None) for layer in layers], path,
                  tr("The atlas pages were not written: {error}", language=BOTH))
    for layer in layers:
        layer.setDataSource(f"{path}|layername={layer_short_name(layer)}", layer.name(), "ogr")
    return path


def _snapshot(project, published, target):
    """Copy the allow-listed columns of the publishable rows of every published table into
    ``<target stem>_dati.gpkg`` (GDAL's VectorTranslate: field types and JSON lists kept); point
    the published layers, and the atlas's views of the same tables, at it (without subset
    strings: the copy holds nothing else). Returns its path."""
    from osgeo import gdal

    path = target.with_name(f"{target.stem}{SNAPSHOT_SUFFIX}.gpkg")
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".gpkg", dir=str(path.parent))
    os.close(handle)
    os.unlink(temp)
    try:
        for index, (table, layer) in enumerate(published.items()):
            source = layer.source().split("|")[0]
            allowed = set(PUBLISHED_FIELDS[table])
            fields = [f.name() for f in layer.fields() if f.name() in allowed]
            if layer.isSpatial():
                fields.append(GEOMETRY_COLUMN)
            # One statement in the GeoPackage's own SQL (SQLite): GDAL >= 3.8 parses a "where"
            # given with selected fields as OGR SQL, which has no sub-selects (the filters do).
            options = gdal.VectorTranslateOptions(
                format="GPKG", layerName=table, SQLStatement=sql.select(table, fields, layer.subsetString()),
                accessMode="update" if index else None)
            written = gdal.VectorTranslate(temp, source, options=options)
            if written is None:
                raise RemixError("server_write", *tr(
                    "The snapshot of the published data was not written: {error}",
                    language=BOTH).format(error=gdal.GetLastErrorMsg() or table))
            written = None
        durable_replace(temp, str(path))
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    for layer in project.mapLayers().values():
        table = layer.customProperty(TABLE_PROPERTY, "") or ""
        if table in published:
            layer.setSubsetString("")
            layer.setDataSource(f"{path}|layername={table}", layer.name(), "ogr")
    return path


def _write_tables(entries, path, error_message):
    """Write ``(layer, table, attribute indices or None)`` into a new GeoPackage at ``path``
    (through a temporary file in the same folder; each layer's features as its subset shows)."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".gpkg", dir=str(path.parent))
    os.close(handle)
    os.unlink(temp)  # the writer creates it
    try:
        for index, (layer, table, attributes) in enumerate(entries):
            options = QgsVectorFileWriter.SaveVectorOptions()
            options.driverName = "GPKG"
            options.layerName = table
            if attributes is not None:
                options.attributes = attributes
            if index:
                options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
            result = QgsVectorFileWriter.writeAsVectorFormatV3(
                layer, temp, QgsCoordinateTransformContext(), options)
            if result[0] != QgsVectorFileWriter.WriterError.NoError:
                raise RemixError("server_write", *error_message.format(error=result[1]))
        durable_replace(temp, str(path))
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _attachments(qgs_path):
    """The sidecar newer QGIS writes beside a .qgs (``<stem>_attachments.zip``), read by that name."""
    path = Path(qgs_path)
    return path.with_name(f"{path.stem}_attachments.zip")


def _write_project(project, target):
    handle, temp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".qgs", dir=str(target.parent))
    os.close(handle)
    os.unlink(temp)  # QGIS keeps a "~" backup of a file it overwrites
    try:
        if not project.write(temp):
            raise RemixError("server_write", *tr("The project for QGIS Server was not written: {error}",
                                                 language=BOTH).format(error=project.error()))
        if _attachments(temp).exists():  # QGIS 3.44: it follows the project's final name
            durable_replace(str(_attachments(temp)), str(_attachments(target)))
        durable_replace(temp, str(target))
    except BaseException:
        for leftover in (temp, str(_attachments(temp))):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    finally:
        if os.path.exists(temp + "~"):
            os.unlink(temp + "~")
