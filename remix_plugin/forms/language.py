"""Switch the labels of a RE.MIX project between Italian and English.

A stored project is built in one language (``qgis_project.storage.store_project(language=...)``): the
layer names, the layer-tree groups, every form (aliases, tabs, messages, drop-down labels, the
line saying what the entity is) and the default styles saved beside it. ``relabel_project``
changes an open project (the user then saves it as usual); ``switch_stored_language`` rewrites
the project stored inside a GeoPackage, for the dock or a Processing algorithm to call (H6).
Data are never touched: only names and labels.
"""

from pathlib import Path

from ..layers.errors import RemixFileError
from ..layers.model import CODELIST_TABLE
from ..log import get_logger

LOG = get_logger("forms.language")
LANGUAGES = ("it", "en")


def relabel_project(project, language):
    """Rename the RE.MIX layers and groups of ``project`` and rebuild their forms in
    ``language``. Returns ``{table name: layer}`` of the layers relabelled."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    from ..qgis_project.builder import GROUPS, layer_label, remix_layers
    from .qgis_config import configure_layer

    layers = remix_layers(project)
    manager = project.relationManager()
    relations = {relation_id: manager.relation(relation_id) for relation_id in manager.relations()}
    for table_name, layer in layers.items():
        layer.setName(layer_label(table_name, language))
        if table_name != CODELIST_TABLE:
            configure_layer(layer, table_name, layers, relations, language)
    renames = {}
    for names in GROUPS.values():
        for other in LANGUAGES:
            renames[names[other]] = names[language]
    for group in project.layerTreeRoot().findGroups(True):
        if group.name() in renames:
            group.setName(renames[group.name()])
    project.writeEntry("remix", "/language", language)
    return layers


def project_language(project):
    """The language a project's labels are in ("it" when it never said)."""
    value, found = project.readEntry("remix", "/language", "it")
    return value if found and value in LANGUAGES else "it"


def switch_stored_language(gpkg_path, language):
    """Rewrite the project stored in a RE.MIX GeoPackage with its labels in ``language``, and
    its layers' default styles (what plain QGIS applies to a table added by hand).
    Returns the path. Raises RemixFileError when the file cannot be opened or written."""
    from qgis.core import QgsProject

    from ..qgis_project import storage

    path = Path(gpkg_path).resolve()
    project = QgsProject()
    try:
        if not storage.open_project(path, project):
            raise RemixFileError("project", f"Il progetto di {path.name} non si apre.",
                                 f"The project of {path.name} cannot be opened.")
        layers = relabel_project(project, language)
        storage.remove_stored_styles(path)
        storage.save_default_styles(layers, language)
        layers = None
        storage.write_project(project, path)
    finally:
        project.clear()
        del project
    storage.make_self_contained(path)
    LOG.info("Project labels of %s switched to %s", path, language)
    return path
