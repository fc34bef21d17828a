"""Build the RE.MIX project in a ``QgsProject``: layers, layer tree, relations, then each layer's
form (``forms.qgis_config``, the one writer of the form configuration) and style (``styles``).

The layers come from a *store* (``stores.GeoPackageStore`` or ``stores.PostgresStore``): the same
code builds the GeoPackage's project and the central database's. A path is a GeoPackage store.
``build_project`` never touches ``QgsProject.instance()`` unless it is the project passed in.
"""

from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsRelation,
    QgsRelationContext,
    QgsVectorLayer,
)

from .. import compat
from ..forms.qgis_config import LANGUAGE_PROPERTY, configure_layer
from ..i18n import BOTH, SOURCE_LANGUAGE, tr
from ..layers.errors import RemixFileError
from ..layers.inspect import inspect_geopackage
from ..layers.model import CODELIST_TABLE, COMUNI_TABLE, load_model
from ..layers.paths import FILE_ENTRY, PROJECT_SCOPE
from ..styles import apply_default_style
from . import TABLE_PROPERTY
from .stores import GeoPackageStore

DEFAULT_LANGUAGE = "it"  # the data and its users are Italian; labels follow the project's language

# The layer tree's groups: {key: {language: label}} (the labels from the .ts: i18n.tr)
GROUPS = {
    "data": tr("Projects", language=BOTH)._asdict(),
    "reference": tr("Reference", language=BOTH)._asdict(),
    "codes": tr("Code lists", language=BOTH)._asdict(),
}
# Spatial layers first (drawn on top), then the tables without geometry.
_DATA_ORDER = ("lavori", "criticita", "programmi", "progetti", "azioni", "fasi", "attori",
               "progetto_attori", "finanziamenti", "indicatori", "misure")


def as_store(store_or_path):
    """A store; a path (str or Path) is a GeoPackage store."""
    if isinstance(store_or_path, (str, Path)):
        return GeoPackageStore(store_or_path)
    return store_or_path


def layer_uri(gpkg_path, table_name):
    return as_store(gpkg_path).layer_uri(table_name)


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


def layer_label(table_name, language):
    """The layer's name in the layer tree: the table's label in ``language``."""
    if table_name == CODELIST_TABLE:
        return tr("RE.MIX code lists", language=language)
    return load_model().table(table_name).label(language)


def _group_label(key, language):
    return GROUPS[key].get(language, GROUPS[key][SOURCE_LANGUAGE])


def add_layers(gpkg_path, project, language=DEFAULT_LANGUAGE):
    """Add every table of the model, the code list and the comuni to ``project`` (layer tree:
    group Progetti, group Riferimento with the code lists collapsed and comuni at the bottom).
    ``gpkg_path``: a GeoPackage path or a store. Returns ``{table name: QgsVectorLayer}``.
    Raises RemixFileError if a layer cannot be read."""
    store = as_store(gpkg_path)
    model = load_model()
    names = [n for n in _DATA_ORDER if model.has_table(n)]
    names += [t.name for t in model.data_tables if t.name not in names]
    names += [CODELIST_TABLE, COMUNI_TABLE]
    layers = {}
    for name in names:
        layer = QgsVectorLayer(store.layer_uri(name), layer_label(name, language), store.provider)
        if not layer.isValid():
            raise RemixFileError("corrupt",
                                 f"Il livello {name} di {store.label} non si apre.",
                                 f"Layer {name} of {store.label} cannot be opened.")
        layer.setCustomProperty(TABLE_PROPERTY, name)
        layers[name] = layer
    project.addMapLayers(list(layers.values()), False)
    root = project.layerTreeRoot()
    data_group = root.addGroup(_group_label("data", language))
    for name in names[:-2]:
        data_group.addLayer(layers[name])
    reference_group = root.addGroup(_group_label("reference", language))
    codes_group = reference_group.addGroup(_group_label("codes", language))
    codes_group.addLayer(layers[CODELIST_TABLE])
    codes_group.setExpanded(False)
    reference_group.addLayer(layers[COMUNI_TABLE])
    return layers


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
        relation.setStrength(compat.relation_strength(
            "Composition" if spec.strength == "composition" else "Association"))
        if not relation.isValid():
            raise RemixFileError("corrupt", f"Relazione {spec.id} non valida.",
                                 f"Invalid relation {spec.id}.")
        manager.addRelation(relation)
        relations[spec.id] = manager.relation(spec.id)
    return relations


def configure_layers(layers, relations, language=DEFAULT_LANGUAGE, store=None):
    """The form and the default style of every RE.MIX layer but the code list (shown as a table);
    then what the store sets itself (``server_fields``) becomes read-only."""
    for table_name, layer in layers.items():
        if table_name == CODELIST_TABLE:
            continue
        configure_layer(layer, table_name, layers, relations, language)
        apply_default_style(layer, table_name, language)
        if store is not None:
            configure_server_fields(layer, table_name, store)


def configure_server_fields(layer, table_name, store):
    """Fields the store's server sets (PostgreSQL: audit, a lavoro's comune and area, the row
    version) are read-only in the form. The audit fields lose the client's clock and user
    expressions (the server ignores them); a lavoro's comune and area keep theirs as a preview
    while drawing (the server recomputes them from the geometry). The row version gets the
    store's default value "applied on update", so QGIS sends the version an edit is based on
    (docs/central-database.md, "Concurrent edits")."""
    kinds = store.server_fields(table_name)
    if not kinds:
        return
    fields = layer.fields()
    config = layer.editFormConfig()
    for name, kind in kinds.items():
        index = fields.indexOf(name)
        if index < 0:
            continue
        config.setReadOnly(index, True)
        if kind == "version":
            layer.setDefaultValueDefinition(index, QgsDefaultValue(store.version_default(), True))
            language = layer.customProperty(LANGUAGE_PROPERTY, DEFAULT_LANGUAGE)
            layer.setFieldAlias(index, tr("Version (set by the database)", language=language))
        elif kind == "audit":
            layer.setDefaultValueDefinition(index, QgsDefaultValue("", False))
    layer.setEditFormConfig(config)


def build_project(gpkg_path, project, language=DEFAULT_LANGUAGE, final_path=None, schema_version=None,
                  with_layout=False):
    """Fill ``project`` with the whole RE.MIX project of a store (a GeoPackage path, or a
    ``stores.PostgresStore`` with ``schema_version`` read by ``central.database.inspect_database``).
    Returns (layers, relations).

    ``final_path``: where the file will live when it is written through a temporary file.
    ``with_layout``: add the atlas layout "Atlante RE.MIX" on the store's own layers
    (``atlas.export.add_stored_layout``): what the stored projects hold (``storage``,
    ``central_storage``); built when the project is stored, never when the plugin starts."""
    store = as_store(gpkg_path)
    if store.kind != "geopackage":
        layers, relations = _build_database_project(store, project, language, schema_version)
        if with_layout:
            add_layout(project, layers, f"EPSG:{int(store.srid)}", language)
        return layers, relations
    info = inspect_geopackage(gpkg_path)
    project.clear()
    layers = add_layers(gpkg_path, project, language)
    relations = build_relations(project, layers, language)
    configure_layers(layers, relations, language)
    project.setCrs(QgsCoordinateReferenceSystem(info.crs or "EPSG:32632"))
    final = Path(final_path or gpkg_path)
    project.setTitle(f"RE.MIX — {final.stem}")
    project.writeEntry(PROJECT_SCOPE, FILE_ENTRY, final.name)  # see layers/paths.py
    project.writeEntry("remix", "/language", language)
    project.writeEntry("remix", "/schema_version", str(info.schema_version))
    if with_layout:
        add_layout(project, layers, info.crs or "EPSG:32632", language)
    return layers, relations


def add_layout(project, layers, crs_text, language=DEFAULT_LANGUAGE):
    """The atlas layout of a stored project, on its own layers (one code path for both stores)."""
    from ..atlas.export import add_stored_layout  # the print modules load only when storing

    return add_stored_layout(project, layers, crs_text, language)


def _build_database_project(store, project, language, schema_version):
    project.clear()
    layers = add_layers(store, project, language)
    relations = build_relations(project, layers, language)
    configure_layers(layers, relations, language, store=store)
    project.setCrs(QgsCoordinateReferenceSystem(f"EPSG:{int(store.srid)}"))
    project.setTitle(f"RE.MIX — {store.dbname or store.service}")
    project.writeEntry("remix", "/language", language)
    project.writeEntry("remix", "/store", store.kind)
    if schema_version is not None:
        project.writeEntry("remix", "/schema_version", str(schema_version))
    return layers, relations
