"""Write the RE.MIX project and the layers' default styles into the GeoPackage (tables
``qgis_projects`` and ``layer_styles``), and open it again in a running QGIS.

``store_project`` is the one place a stored project is written; ``open_project`` the one place
it is read (a copy or a renamed file reads itself, see ``layers/paths.py``).
"""

import sqlite3
from pathlib import Path

from qgis.core import QgsEditorWidgetSetup, QgsPathResolver, QgsProject
from qgis.PyQt.QtCore import QUrl, QUrlQuery

from .. import sql
from ..compat import save_style_to_database
from ..layers.errors import RemixFileError
from ..layers.inspect import connect_read_only, inspect_geopackage
from ..layers.paths import reading, remember_own_file
from ..layers.stored_project import retarget_stored_project
from ..log import get_logger
from .builder import DEFAULT_LANGUAGE, build_project, layer_label, remix_layers

LOG = get_logger("qgis_project")

PROJECT_NAME = "remix"
STYLE_NAME = "remix"

TABLE_NAMES = "SELECT name FROM sqlite_master WHERE type = 'table'"
DELETE_STYLES = "DELETE FROM {styles} WHERE styleName = ?"
COUNT_PROJECTS = "SELECT count(*) FROM {projects} WHERE name = ?"
JOURNAL_MODE = "PRAGMA journal_mode"
CHECKPOINT_TRUNCATE = "PRAGMA wal_checkpoint(TRUNCATE)"
JOURNAL_MODE_DELETE = "PRAGMA journal_mode=DELETE"


def project_uri(gpkg_path):
    """``geopackage:/path/file.gpkg?projectName=remix``, encoded the way QGIS encodes it."""
    url = QUrl()
    url.setScheme("geopackage")
    url.setPath(str(Path(gpkg_path).resolve()))
    query = QUrlQuery()
    query.addQueryItem("projectName", PROJECT_NAME)
    url.setQuery(query)
    return bytes(url.toEncoded()).decode("utf-8")


def save_default_styles(layers, language):
    """Each layer's current style as its default style in the file (name "remix")."""
    for table_name, layer in layers.items():
        error = save_style_to_database(layer, STYLE_NAME, layer_label(table_name, language), True)
        if error:
            raise RemixFileError("style", f"Stile di {table_name} non salvato: {error}",
                                 f"Style of {table_name} not saved: {error}")


def write_project(project, path):
    """Write ``project`` into the GeoPackage ``path``. Raises RemixFileError."""
    if not project.write(project_uri(path)):
        raise RemixFileError("project", f"Progetto QGIS non salvato in {path.name}: {project.error()}",
                             f"QGIS project not saved in {path.name}: {project.error()}")


def store_project(gpkg_path, language=None, final_path=None):
    """Save every layer's default style into ``layer_styles`` and the project into
    ``qgis_projects`` (name "remix") with its atlas layout "Atlante RE.MIX" (``builder.add_layout``),
    then leave the file self-contained (no WAL).

    A file written through a temporary file passes ``final_path``, the name it will be moved to:
    the project's layers, lookups, styles and title then name that file, never the temporary
    one, so it opens in plain QGIS too."""
    path = Path(gpkg_path).resolve()
    final = Path(final_path).resolve() if final_path else path
    language = language or DEFAULT_LANGUAGE
    remove_stored_styles(path)  # QGIS 3.22 asks in a dialog before replacing a style
    project = QgsProject()
    writer_id = None
    try:
        layers, _relations = build_project(path, project, language, final_path=final, with_layout=True)
        _name_final_file(layers.values(), path, final)
        save_default_styles(layers, language)
        layers = None
        project.writeEntryBool("Paths", "/Absolute", False)  # "./name.gpkg": the file moves as one
        # Paths relative to the stored-in file: the temporary file's folder, the final file's name.
        writer_id = QgsPathResolver.setPathWriter(_path_writer(path, path.parent / final.name))
        write_project(project, path)
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


def _table_names(connection):
    return {row[0] for row in connection.execute(TABLE_NAMES)}


def remove_stored_styles(gpkg_path):
    """Delete the RE.MIX default styles (name "remix") so they can be saved again."""
    connection = sqlite3.connect(str(gpkg_path), timeout=10.0)
    try:
        if "layer_styles" in _table_names(connection):
            with connection:
                connection.execute(sql.statement(DELETE_STYLES, styles="layer_styles"), (STYLE_NAME,))
    finally:
        connection.close()


def make_self_contained(gpkg_path):
    """Checkpoint the write-ahead log into the file and switch back to journal_mode DELETE, so the
    single ``.gpkg`` holds everything (QGIS leaves WAL on after saving styles or editing)."""
    connection = sqlite3.connect(str(gpkg_path), timeout=10.0)
    try:
        mode = connection.execute(JOURNAL_MODE).fetchone()[0]
        if str(mode).lower() == "wal":
            connection.execute(CHECKPOINT_TRUNCATE)
            connection.execute(JOURNAL_MODE_DELETE)
    finally:
        connection.close()


def has_stored_project(gpkg_path):
    connection = connect_read_only(gpkg_path)
    try:
        if "qgis_projects" not in _table_names(connection):
            return False
        row = connection.execute(sql.statement(COUNT_PROJECTS, projects="qgis_projects"),
                                 (PROJECT_NAME,)).fetchone()
        return bool(row and row[0])
    finally:
        connection.close()


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
