"""What would not work, or would leak, when QGIS Server serves a project: the readiness check as
data (docs/qgis-server.md, "Readiness check").

``check_project(project)`` looks at what a project publishes, the way QGIS Server reads it: the
layers of the layer tree minus ``WMSRestrictedLayers`` for WMS, the ids in ``WFSLayers`` for WFS
and OGC API – Features. It finds:

- ``unreadable``: a published layer that does not open;
- ``no_primary_key``: a published vector layer without a primary key (GetFeatureInfo, WFS and
  OGC API – Features identify features by it);
- ``duplicate_name``: two published layers or groups with the same WMS name (short name, else name);
- ``personal_field``: a field published to WMS or WFS that the web atlas would never publish: a
  personal or internal field (``web.fields.FORBIDDEN_FIELDS``: authors, e-mails, notes…), or, for a
  RE.MIX table, any field missing from ``web.fields.PUBLISHED_FIELDS`` (one allow-list for both
  publications).

``check_source(gpkg_path)`` finds what the data itself lacks (``no_publishable_flag``: a data model
1 file has no ``progetti.pubblicabile``; ``unreadable``; the warning ``no_publishable_projects``).
``check_database(dsn)`` does the same for the central database (``unreadable`` when it cannot
be reached or holds no RE.MIX schema at the current version) and always adds two warnings: the
data is live, so a hidden field of a publishable row can be probed through request filters
(``live_data_filters``), and, when an atlas was asked for, that GetPrint has none
(``no_atlas``: the atlas reads GeoPackages only).
A field is also taken as personal when its name contains "mail" (a user's own layer). Findings
are plain data with the message in Italian and English; a finding of severity ``error`` stops
``prepare.prepare_server_project``.
"""

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import sql
from ..i18n import BOTH, pick, tr
from ..qgis_project import TABLE_PROPERTY
from ..web.fields import FORBIDDEN_FIELDS, PUBLISHABLE_FIELD, PUBLISHED_FIELDS
from .visibility import hidden_fields

ERROR = "error"
WARNING = "warning"
# Fields QGIS itself adds as the feature id of a GeoPackage layer: never personal.
_KEY_FIELDS = frozenset({"fid", "ogc_fid"})
TABLE_INFO = "PRAGMA table_info({table})"
COUNT_PUBLISHABLE = "SELECT count(*) FROM {table} WHERE {flag} = 1"
# The central database (PostgreSQL).
PG_COLUMNS = "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s"
PG_COUNT_PUBLISHABLE = "SELECT count(*) FROM {schema}.{table} WHERE {flag} = true"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # ERROR or WARNING
    layer: str  # the layer's (or group's) name, "" for the whole project
    message_it: str
    message_en: str
    field: str = ""

    def message(self, language="it"):
        return pick(language, self.message_it, self.message_en)

    def as_dict(self):
        return {"code": self.code, "severity": self.severity, "layer": self.layer,
                "field": self.field, "message_it": self.message_it, "message_en": self.message_en}


def _finding(code, layer, text, severity=ERROR, field="", **values):
    message = tr(text, language=BOTH).format(layer=layer, field=field, **values)
    return Finding(code, severity, layer, message.it, message.en, field)


def errors(findings):
    return [f for f in findings if f.severity == ERROR]


def wms_name(node_or_layer):
    """The name a WMS client sees: the short name if set, else the name."""
    from qgis.core import QgsMapLayer

    from ..compat import layer_short_name

    if isinstance(node_or_layer, QgsMapLayer):
        return layer_short_name(node_or_layer) or node_or_layer.name()
    return node_or_layer.customProperty("wmsShortName", "") or node_or_layer.name()


def restricted_names(project):
    names, _ok = project.readListEntry("WMSRestrictedLayers", "/")
    return set(names)


def wfs_layer_ids(project):
    ids, _ok = project.readListEntry("WFSLayers", "/")
    return list(ids)


def wms_layers(project):
    """The layers of the layer tree a WMS client can ask for (not in ``WMSRestrictedLayers``)."""
    restricted = restricted_names(project)
    return [node.layer() for node in project.layerTreeRoot().findLayers()
            if node.layer() is not None and node.layer().name() not in restricted]


def _wms_groups(project):
    restricted = restricted_names(project)
    return [group for group in project.layerTreeRoot().findGroups(True) if group.name() not in restricted]


def check_project(project):
    """The findings of a configured project (see the module docstring), errors first."""
    findings = []
    wms = wms_layers(project)
    wfs = [project.mapLayer(layer_id) for layer_id in wfs_layer_ids(project)]
    published = {layer.id(): layer for layer in wms}
    for layer_id, layer in zip(wfs_layer_ids(project), wfs):
        if layer is None:
            findings.append(_finding("unreadable", layer_id,
                                     "The WFS layer {layer} is not in the project."))
        else:
            published[layer.id()] = layer
    wfs_ids = {layer.id() for layer in wfs if layer is not None}
    for layer in published.values():
        findings.extend(_check_layer(layer, in_wms=layer in wms, in_wfs=layer.id() in wfs_ids))
    names = Counter(wms_name(layer) for layer in wms)
    names.update(wms_name(group) for group in _wms_groups(project))
    for name, count in sorted(names.items()):
        if count > 1:
            findings.append(_finding("duplicate_name", name,
                                     "{count} published layers or groups are named {layer}: WMS "
                                     "clients cannot tell them apart (give each a unique short "
                                     "name).", count=count))
    return sorted(findings, key=lambda f: (f.severity != ERROR, f.code, f.layer, f.field))


def _check_layer(layer, in_wms, in_wfs):
    name = layer.name()
    if not layer.isValid():
        return [_finding("unreadable", name, "The layer {layer} cannot be read: the server would "
                                             "return an error for it.")]
    if not hasattr(layer, "fields"):  # a raster layer: no fields, no keys
        return []
    findings = []
    if not layer.primaryKeyAttributes():
        findings.append(_finding("no_primary_key", name,
                                 "The layer {layer} has no primary key: GetFeatureInfo, WFS and "
                                 "OGC API – Features cannot identify its features."))
    table = layer.customProperty(TABLE_PROPERTY, "") or ""
    allowed = PUBLISHED_FIELDS.get(table)
    services = [(service, hidden_fields(layer, service))
                for service, used in (("WMS", in_wms), ("WFS", in_wfs)) if used]
    for field_name in layer.fields().names():
        if field_name.lower() in _KEY_FIELDS:
            continue
        personal = field_name.lower() in FORBIDDEN_FIELDS or "mail" in field_name.lower()
        internal = table and allowed is not None and field_name not in allowed
        if not (personal or internal):
            continue
        leaking = [service for service, hidden in services if field_name not in hidden]
        if leaking:
            findings.append(_finding(
                "personal_field", name,
                "The field {field} of {layer} is published by {service}: it is personal or "
                "internal data the web atlas never publishes (hide it from WMS and WFS).",
                field=field_name, service=" + ".join(leaking)))
    return findings


def check_source(gpkg_path):
    """Findings about the GeoPackage itself: it opens, and its projects carry ``pubblicabile``."""
    path = Path(gpkg_path)
    label = path.name
    try:
        connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            columns = [row[1] for row in connection.execute(sql.statement(TABLE_INFO, table="progetti"))]
            publishable = (connection.execute(sql.statement(COUNT_PUBLISHABLE, table="progetti",
                                                            flag=PUBLISHABLE_FIELD)).fetchone()[0]
                           if PUBLISHABLE_FIELD in columns else 0)
        finally:
            connection.close()
    except sqlite3.Error:
        columns = None
    if not columns:
        return [_finding("unreadable", label, "The projects of {layer} cannot be read.")]
    if PUBLISHABLE_FIELD not in columns:
        return [_finding("no_publishable_flag", label,
                         "{layer} has no 'pubblicabile' field (data model 1): upgrade the file, "
                         "then mark the projects that may be published.")]
    if not publishable:
        return [_finding("no_publishable_projects", label,
                         "No project of {layer} is marked 'pubblicabile': the server will publish "
                         "empty layers.", severity=WARNING)]
    return []


def check_database(dsn, with_atlas=True):
    """(findings, DatabaseInfo or None) of the central database at ``dsn`` (a libpq DSN): it opens
    and holds the current RE.MIX schema with ``progetti.pubblicabile``; then the warnings every
    database project gets (live data; no atlas when ``with_atlas``)."""
    import psycopg2

    from ..central import ddl
    from ..central.database import CentralError, connect, inspect_database
    from ..layers.model import SCHEMA_VERSION

    try:
        connection = connect(dsn, application="RE.MIX QGIS Server")
    except CentralError as exc:
        return [_finding("unreadable", "", "The central database cannot be reached: {error}",
                         error=exc.message_en)], None
    try:
        info = inspect_database(connection)
        label = info.name
        if not info.has_schema or info.schema_version < SCHEMA_VERSION:
            return [_finding("no_publishable_flag", label,
                             "The database {layer} has no RE.MIX schema at version {version}: run "
                             "'db init' or 'db upgrade' first.", version=SCHEMA_VERSION)], info
        with connection.cursor() as cursor:
            cursor.execute(PG_COLUMNS, (ddl.SCHEMA, "progetti"))
            columns = [row[0] for row in cursor.fetchall()]
            if PUBLISHABLE_FIELD not in columns:
                return [_finding("no_publishable_flag", label,
                                 "The database {layer} has no 'pubblicabile' field: upgrade it "
                                 "first ('db upgrade').")], info
            cursor.execute(sql.statement(PG_COUNT_PUBLISHABLE, schema=ddl.SCHEMA, table="progetti",
                                         flag=PUBLISHABLE_FIELD))
            publishable = cursor.fetchone()[0]
    except CentralError as exc:
        return [_finding("unreadable", "", "The central database cannot be read: {error}",
                         error=exc.message_en)], None
    except psycopg2.Error as exc:  # a refused query (rights)
        text = str(exc).strip()
        return [_finding("unreadable", "", "The central database cannot be read: {error}",
                         error=text.splitlines()[0] if text else type(exc).__name__)], None
    finally:
        connection.close()
    findings = []
    if not publishable:
        findings.append(_finding("no_publishable_projects", label,
                                 "No project of {layer} is marked 'pubblicabile': the server will "
                                 "publish empty layers.", severity=WARNING))
    findings.append(_finding("live_data_filters", label,
                             "The project reads the live database {layer}: hidden fields are not "
                             "returned, but QGIS Server still applies request filters (EXP_FILTER, "
                             "FILTER) to them, so the text of a hidden field (a note, an author) of "
                             "a publishable project can be probed one guess at a time. Serve a "
                             "GeoPackage snapshot for a public server.", severity=WARNING))
    if with_atlas:
        findings.append(_finding("no_atlas", label,
                                 "The atlas for GetPrint is left out: it reads GeoPackages only. "
                                 "Prepare a GeoPackage copy of {layer} for GetPrint.", severity=WARNING))
    return findings, info
