"""The QGIS project of a RE.MIX GeoPackage: layers, relations, lookup widgets, default values,
styles, all stored inside the ``.gpkg`` itself (tables ``layer_styles`` and ``qgis_projects``).

QGIS side of ``layers/``: imports qgis. ``add_layers`` / ``build_relations`` build the project in
any ``QgsProject`` (never touching ``QgsProject.instance()`` unless asked), ``store_project``
writes it into the file, ``open_project`` opens it in the running QGIS.

Layers are found by their custom property ``remix/table`` (the table name), never by their
display name, which is the table's label in the user's language.
"""

import sqlite3
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFillSymbol,
    QgsPathResolver,
    QgsProject,
    QgsRelation,
    QgsRelationContext,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QUrl, QUrlQuery

from .. import sql
from ..log import get_logger
from .errors import RemixFileError
from .inspect import connect_read_only, inspect_geopackage
from .model import CODELIST_TABLE, COMUNI_TABLE, load_model
from .paths import FILE_ENTRY, PROJECT_SCOPE, reading, remember_own_file
from .stored_project import retarget_stored_project

LOG = get_logger("layers.project")

PROJECT_NAME = "remix"
TABLE_PROPERTY = "remix/table"
STYLE_NAME = "remix"
DEFAULT_LANGUAGE = "it"  # the data and its users are Italian; labels follow the project's language

_CODELIST_LABELS = {"it": "Codifiche RE.MIX", "en": "RE.MIX code lists"}
_GROUPS = {
    "data": {"it": "Progetti", "en": "Projects"},
    "reference": {"it": "Riferimento", "en": "Reference"},
    "codes": {"it": "Tabelle di codifica", "en": "Code lists"},
}
# Spatial layers first (drawn on top), then the tables without geometry.
_DATA_ORDER = ("lavori", "criticita", "programmi", "progetti", "azioni", "fasi", "attori",
               "progetto_attori", "finanziamenti", "indicatori", "misure")
# Fallback symbols when remix_plugin.styles is not there.
_FALLBACK_SYMBOLS = {
    "lavori": {"color": "230,85,13,90", "outline_color": "166,54,3,255", "outline_width": "0.6"},
    "criticita": {"color": "158,1,66,60", "outline_color": "158,1,66,255", "outline_width": "0.5",
                  "style": "b_diagonal"},
    COMUNI_TABLE: {"color": "0,0,0,0", "outline_color": "110,110,110,255", "outline_width": "0.3",
                   "style": "no"},
}


# -- URIs ---------------------------------------------------------------------------------------
def project_uri(gpkg_path):
    """``geopackage:/path/file.gpkg?projectName=remix``, encoded the way QGIS encodes it."""
    url = QUrl()
    url.setScheme("geopackage")
    url.setPath(str(Path(gpkg_path).resolve()))
    query = QUrlQuery()
    query.addQueryItem("projectName", PROJECT_NAME)
    url.setQuery(query)
    return bytes(url.toEncoded()).decode("utf-8")


def layer_uri(gpkg_path, table_name):
    return f"{Path(gpkg_path).resolve()}|layername={table_name}"


def table_of(layer):
    """The RE.MIX table a layer shows ("" for other layers)."""
    return layer.customProperty(TABLE_PROPERTY, "") or ""


def remix_layers(project):
    """table name -> layer for the RE.MIX layers of a project."""
    found = {}
    for layer in project.mapLayers().values():
        name = table_of(layer)
        if name:
            found[name] = layer
    return found


# -- building ----------------------------------------------------------------------------------
def _label(table_name, language):
    if table_name == CODELIST_TABLE:
        return _CODELIST_LABELS.get(language, _CODELIST_LABELS["en"])
    return load_model().table(table_name).label(language)


def add_layers(gpkg_path, project, language=DEFAULT_LANGUAGE):
    """Add every table of the model, the code list and the comuni to ``project`` (layer tree:
    group Progetti, group Riferimento with the code lists collapsed and comuni at the bottom).
    Returns ``{table name: QgsVectorLayer}``. Raises RemixFileError if a layer cannot be read."""
    model = load_model()
    names = [n for n in _DATA_ORDER if model.has_table(n)]
    names += [t.name for t in model.data_tables if t.name not in names]
    names += [CODELIST_TABLE, COMUNI_TABLE]
    layers = {}
    for name in names:
        layer = QgsVectorLayer(layer_uri(gpkg_path, name), _label(name, language), "ogr")
        if not layer.isValid():
            raise RemixFileError("corrupt",
                                 f"Il livello {name} di {Path(gpkg_path).name} non si apre.",
                                 f"Layer {name} of {Path(gpkg_path).name} cannot be opened.")
        layer.setCustomProperty(TABLE_PROPERTY, name)
        layers[name] = layer
    project.addMapLayers(list(layers.values()), False)
    root = project.layerTreeRoot()
    data_group = root.addGroup(_GROUPS["data"].get(language, _GROUPS["data"]["en"]))
    for name in names[:-2]:
        data_group.addLayer(layers[name])
    reference_group = root.addGroup(_GROUPS["reference"].get(language, _GROUPS["reference"]["en"]))
    codes_group = reference_group.addGroup(_GROUPS["codes"].get(language, _GROUPS["codes"]["en"]))
    codes_group.addLayer(layers[CODELIST_TABLE])
    codes_group.setExpanded(False)
    reference_group.addLayer(layers[COMUNI_TABLE])
    return layers


def relation_strength(strength):
    """QgsRelation strength for "composition" / "association" on QGIS 3.22 … 4."""
    from ..compat import relation_strength as compat_strength

    return compat_strength("Composition" if strength == "composition" else "Association")


def build_relations(project, layers, language=DEFAULT_LANGUAGE):
    """One QgsRelation per ``model.RELATIONS`` (id = relation id). Returns ``{id: QgsRelation}``."""
    manager = project.relationManager()
    relations = {}
    for spec in load_model().relations:
        relation = QgsRelation(QgsRelationContext(project))  # layers looked up in this project
        relation.setId(spec.id)
        relation.setName(spec.label(language))
        relation.setReferencingLayer(layers[spec.child].id())
        relation.setReferencedLayer(layers[spec.parent].id())
        relation.addFieldPair(spec.child_field, spec.parent_field)
        relation.setStrength(relation_strength(spec.strength))
        if not relation.isValid():
            raise RemixFileError("corrupt", f"Relazione {spec.id} non valida.",
                                 f"Invalid relation {spec.id}.")
        manager.addRelation(relation)
        relations[spec.id] = manager.relation(spec.id)
    return relations


def codelist_filter(field_name, dimension, multi):
    """Offer the dimension's current terms, plus a deprecated one already in the record."""
    current = "current_value(" + _quote(field_name) + ")"
    if multi:
        keep = ("try(array_contains(" + current + ", \"code\"), "
                "strpos(" + current + ", '\"' || \"code\" || '\"') > 0)")
    else:
        keep = "\"code\" = " + current
    return f"\"dimension\" = {_quote(dimension)} AND (NOT \"deprecated\" OR {keep})"


def _quote(text):
    return "'" + str(text).replace("'", "''") + "'"


def _value_relation(target, key, value, allow_null, multi, filter_expression="", order_by_value=False):
    return QgsEditorWidgetSetup("ValueRelation", {
        "Layer": target.id(),
        "LayerName": target.name(),
        "LayerSource": target.source(),
        "LayerProviderName": target.providerType(),
        "Key": key,
        "Value": value,
        "AllowNull": allow_null,
        "OrderByValue": order_by_value,
        "AllowMulti": multi,
        "NofColumns": 1,
        "UseCompleter": False,
        "FilterExpression": filter_expression,
    })


def _comune_expression(expression, layers):
    """The model names the comuni table; the project names the comuni layer by its id."""
    comuni = layers.get(COMUNI_TABLE)
    if comuni is None:
        return expression
    return expression.replace("layer:='" + COMUNI_TABLE + "'", "layer:=" + _quote(comuni.id()))


def configure_defaults(layer, table_name, layers, relations, language=DEFAULT_LANGUAGE):
    """Aliases, default values, read-only system fields and lookup widgets from the model.

    The forms module (``remix_plugin.forms.qgis_config``) refines this; without it the project
    still works: codes are chosen from lists, UUIDs, dates, authors and the comune are filled in.
    """
    if table_name == CODELIST_TABLE:
        return
    model = load_model()
    table = model.table(table_name)
    codelist = layers.get(CODELIST_TABLE)
    value_column = "label_it" if language == "it" else "label_en"
    references = {r.child_field: r for r in model.relations_of_child(table_name)}
    form_config = layer.editFormConfig()
    fields = layer.fields()
    for spec in table.fields:
        index = fields.indexOf(spec.name)
        if index < 0:
            continue
        layer.setFieldAlias(index, spec.label(language))
        if spec.default_expression:
            expression = _comune_expression(spec.default_expression, layers)
            layer.setDefaultValueDefinition(index, QgsDefaultValue(expression, spec.apply_on_update))
        if spec.system:
            form_config.setReadOnly(index, True)
        if spec.coded and codelist is not None:
            layer.setEditorWidgetSetup(index, _value_relation(
                codelist, "code", value_column, spec.requirement != "required", spec.multi,
                codelist_filter(spec.name, spec.dimension, spec.multi)))
        elif spec.name in references and references[spec.name].id in relations:
            relation = relations[references[spec.name].id]
            layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("RelationReference", {
                "Relation": relation.id(), "AllowNULL": spec.requirement != "required",
                "ShowForm": False, "ShowOpenFormButton": True, "MapIdentification": False,
                "ReadOnly": False, "AllowAddFeatures": False, "OrderByValue": True,
            }))
        elif spec.references == COMUNI_TABLE + ".istat" and COMUNI_TABLE in layers and not spec.system:
            layer.setEditorWidgetSetup(index, _value_relation(
                layers[COMUNI_TABLE], "istat", "nome", spec.requirement != "required", False,
                order_by_value=True))
        elif spec.kind == "boolean":
            layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("CheckBox", {}))
    layer.setEditFormConfig(form_config)
    if table.has_uuid and table.has_field("titolo"):
        layer.setDisplayExpression('"titolo"')
    elif table.has_field("nome"):
        layer.setDisplayExpression('"nome"')


def _fallback_style(layer, table_name):
    properties = _FALLBACK_SYMBOLS.get(table_name)
    if properties and layer.isSpatial():
        layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(properties)))


def configure_layers(layers, relations, language=DEFAULT_LANGUAGE):
    """Defaults + forms module + styles module (each optional) on every RE.MIX layer."""
    try:
        from ..forms.qgis_config import configure_layer
    except ImportError:
        configure_layer = None
    try:
        from ..styles import apply_default_style
    except ImportError:
        apply_default_style = None
    for table_name, layer in layers.items():
        configure_defaults(layer, table_name, layers, relations, language)
        if configure_layer is not None and table_name != CODELIST_TABLE:
            configure_layer(layer, table_name, layers, relations, language)
        if apply_default_style is not None and table_name != CODELIST_TABLE:
            apply_default_style(layer, table_name, language)
        else:
            _fallback_style(layer, table_name)


def build_project(gpkg_path, project, language=DEFAULT_LANGUAGE, final_path=None):
    """Fill ``project`` with the whole RE.MIX project of a file. Returns (layers, relations).

    ``final_path``: where the file will live when it is written through a temporary file."""
    info = inspect_geopackage(gpkg_path)
    project.clear()
    layers = add_layers(gpkg_path, project, language)
    relations = build_relations(project, layers, language)
    configure_layers(layers, relations, language)
    crs = QgsCoordinateReferenceSystem(info.crs or "EPSG:32632")
    project.setCrs(crs)
    final = Path(final_path or gpkg_path)
    project.setTitle(f"RE.MIX — {final.stem}")
    project.writeEntry(PROJECT_SCOPE, FILE_ENTRY, final.name)  # see layers/paths.py
    project.writeEntry("remix", "/language", language)
    project.writeEntry("remix", "/schema_version", str(info.schema_version))
    return layers, relations


# -- storing -----------------------------------------------------------------------------------
def store_project(gpkg_path, language=None, final_path=None):
    """Save every layer's default style into ``layer_styles`` and the project into
    ``qgis_projects`` (name "remix"), then leave the file self-contained (no WAL).

    The one place a stored project is written. A file written through a temporary file passes
    ``final_path``, the name it will be moved to: the project's layers, lookups, styles and title
    then name that file, never the temporary one, so it opens in plain QGIS too."""
    path = Path(gpkg_path).resolve()
    final = Path(final_path).resolve() if final_path else path
    language = language or DEFAULT_LANGUAGE
    remove_stored_styles(path)  # QGIS 3.22 asks in a dialog before replacing a style
    project = QgsProject()
    writer_id = None
    try:
        layers, _relations = build_project(path, project, language, final_path=final)
        _name_final_file(layers.values(), path, final)
        for table_name, layer in layers.items():
            error = layer.saveStyleToDatabase(STYLE_NAME, _label(table_name, language), True, "")
            if error:
                raise RemixFileError("style", f"Stile di {table_name} non salvato: {error}",
                                     f"Style of {table_name} not saved: {error}")
        layers = None
        project.writeEntryBool("Paths", "/Absolute", False)  # "./name.gpkg": the file moves as one
        # Paths relative to the stored-in file: the temporary file's folder, the final file's name.
        writer_id = QgsPathResolver.setPathWriter(_path_writer(path, path.parent / final.name))
        if not project.write(project_uri(path)):
            raise RemixFileError("project", f"Progetto QGIS non salvato in {path.name}: {project.error()}",
                                 f"QGIS project not saved in {path.name}: {project.error()}")
    finally:
        if writer_id is not None:
            QgsPathResolver.removePathWriter(writer_id)
        project.clear()
        del project
    # Newer QGIS (3.44) writes some sources without the path writer (a relation's dataSource):
    # name the final file there too.
    retarget_stored_project(path, path, final_path=final)
    make_self_contained(path)
    LOG.info("QGIS project and styles stored in %s", path)
    return path


def _same_file(path_text, path):
    return bool(path_text) and Path(path_text).resolve() == path


def _path_writer(written, named):
    """A QgsPathResolver path writer: the data source paths of ``written`` become ``named``."""

    def write(source):
        path_part, separator, rest = source.partition("|")
        if not _same_file(path_part, written):
            return source
        return str(named) + separator + rest

    return write


def _name_final_file(layers, written, final):
    """Widget settings that keep a layer's absolute source (the ValueRelation's LayerSource, a
    fallback QGIS uses to find the lookup layer) name the final file, in the project and in the
    styles saved from these layers."""
    for layer in layers:
        fields = layer.fields()
        for index in range(fields.count()):
            setup = layer.editorWidgetSetup(index)
            config = dict(setup.config())
            changed = False
            for key, value in config.items():
                if isinstance(value, str) and "|" in value:
                    path_part, separator, rest = value.partition("|")
                    if _same_file(path_part, written):
                        config[key] = str(final) + separator + rest
                        changed = True
            if changed:
                layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(setup.type(), config))


def remove_stored_styles(gpkg_path):
    """Delete the RE.MIX default styles (name "remix") so they can be saved again."""
    connection = sqlite3.connect(str(gpkg_path), timeout=10.0)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "layer_styles" in tables:
            with connection:
                connection.execute(sql.delete("layer_styles", "styleName = ?"), (STYLE_NAME,))
    finally:
        connection.close()


def make_self_contained(gpkg_path):
    """Checkpoint the write-ahead log into the file and switch back to journal_mode DELETE, so the
    single ``.gpkg`` holds everything (QGIS leaves WAL on after saving styles or editing)."""
    connection = sqlite3.connect(str(gpkg_path), timeout=10.0)
    try:
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() == "wal":
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def has_stored_project(gpkg_path):
    connection = connect_read_only(gpkg_path)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "qgis_projects" not in tables:
            return False
        row = connection.execute(sql.count("qgis_projects", "name = ?"), (PROJECT_NAME,)).fetchone()
        return bool(row and row[0])
    finally:
        connection.close()


# -- opening -----------------------------------------------------------------------------------
def open_project(gpkg_path, project=None, language=None):
    """Open the project stored in a RE.MIX GeoPackage (default: in QgsProject.instance()).

    Refuses foreign, newer, broken or not yet upgraded files (logs why, returns False). Without a
    stored project (e.g. written by another tool) it rebuilds the project from the model.
    """
    path = Path(gpkg_path).resolve()
    project = project if project is not None else QgsProject.instance()
    try:
        info = inspect_geopackage(path)
    except RemixFileError as exc:
        LOG.warning("%s", exc.message_en)
        _notify(exc.message(_ui_language()))
        return False
    if info.needs_upgrade:
        LOG.warning("%s needs an upgrade before it is opened", path)
        return False
    loaded = False
    if has_stored_project(path):
        with reading(project, path):  # a copy or a renamed file reads itself (layers/paths.py)
            loaded = project.read(project_uri(path))
        if loaded:
            remember_own_file(project, path)
        layers = remix_layers(project) if loaded else {}
        if loaded and (not layers or not all(layer.isValid() for layer in layers.values())):
            LOG.warning("The project stored in %s has invalid layers: rebuilding it", path)
            loaded = False
    if not loaded:
        build_project(path, project, language or DEFAULT_LANGUAGE)
    return True


def _ui_language():
    from ..i18n import ui_language

    return ui_language()


def _notify(message):
    try:
        from qgis.utils import iface
    except ImportError:
        return
    if iface is not None:
        from ..compat import message_level

        iface.messageBar().pushMessage("RE.MIX", message, message_level("Warning"), 10)
