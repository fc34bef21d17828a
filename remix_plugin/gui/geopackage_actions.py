"""Menu and dock entry points: "New RE.MIX GeoPackage…" and "Open RE.MIX GeoPackage…".

Every problem with a file ends in a message (message bar or dialog) in the user's language,
never in a traceback: the core raises RemixFileError with an Italian and an English text.
"""

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
)

from ..compat import message_level
from ..i18n import tr, ui_language
from ..log import get_logger

LOG = get_logger("gui.geopackage")
LAST_FOLDER_KEY = "remix/last_folder"
CRS_CHOICES = (
    ("EPSG:32632", "WGS 84 / UTM 32N (EPSG:32632)"),
    ("EPSG:7791", "RDN2008 / UTM 32N (EPSG:7791)"),
)


def last_folder():
    folder = QgsSettings().value(LAST_FOLDER_KEY, "", type=str)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_folder(path):
    QgsSettings().setValue(LAST_FOLDER_KEY, str(Path(path).resolve().parent))


def _parent(iface):
    return iface.mainWindow() if iface is not None else None


def _message(iface, text, level="Warning", duration=10):
    LOG.info("%s", text)
    if iface is not None:
        iface.messageBar().pushMessage("RE.MIX", text, message_level(level), duration)


class CrsDialog(QDialog):
    """The two reference systems a RE.MIX GeoPackage may use, EPSG:32632 first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Reference system of the new GeoPackage"))
        layout = QVBoxLayout(self)
        explanation = QLabel(tr(
            "EPSG:32632 is the system of Regione Lombardia's geoportal (recommended); EPSG:7791 is "
            "the national reference: the two coincide (null transformation)."), self)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        self.combo = QComboBox(self)
        for authid, label in CRS_CHOICES:
            self.combo.addItem(label, authid)
        layout.addWidget(self.combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def crs(self):
        return self.combo.currentData()


def ask_crs(iface):
    dialog = CrsDialog(_parent(iface))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.crs()


def new_geopackage(iface, dock=None, path=None, crs=None, ask_unsaved=None):
    """Ask for a file name and a CRS, create the GeoPackage with its project, open it.
    ``path`` / ``crs`` skip the dialogs (tests, scripts); ``ask_unsaved`` answers the
    Save / Discard / Cancel question about unsaved edits. Returns the new path or None."""
    from ..layers.errors import RemixFileError
    from ..layers.geopackage import create_geopackage

    if path is None:
        path, _selected = QFileDialog.getSaveFileName(
            _parent(iface), tr("New RE.MIX GeoPackage"), last_folder(), tr("GeoPackage (*.gpkg)"))
        if not path:
            return None
    if crs is None:
        crs = ask_crs(iface)
        if crs is None:
            return None
    path = Path(path)
    if path.suffix.lower() != ".gpkg":
        path = path.with_suffix(".gpkg")
    # Before the file is made: opening it replaces the project and its unsaved edits.
    if not _confirm_unsaved(iface, tr("Creating a new GeoPackage"), ask_unsaved):
        return None
    remember_folder(path)
    # The save dialog has already asked whether to replace an existing file.
    try:
        created = create_geopackage(path, crs=crs, overwrite=path.exists(), with_project=True,
                                    language=ui_language())  # layer names and forms in the user's language
    except RemixFileError as exc:
        _message(iface, exc.message(ui_language()), "Critical")
        return None
    except (OSError, RuntimeError) as exc:  # disk full, GDAL error…
        LOG.exception("GeoPackage creation failed")
        _message(iface, tr("The GeoPackage could not be created: {error}").format(error=exc), "Critical")
        return None
    _message(iface, tr("RE.MIX GeoPackage created: {path}").format(path=created), "Success", 5)
    return created if open_path(iface, dock, created, ask_unsaved=ask_unsaved) else None


def open_geopackage(iface, dock=None, path=None, ask_unsaved=None):
    """Ask for a file, check it, offer the upgrade of an older one, open its project."""
    if path is None:
        path, _selected = QFileDialog.getOpenFileName(
            _parent(iface), tr("Open RE.MIX GeoPackage"), last_folder(), tr("GeoPackage (*.gpkg)"))
        if not path:
            return None
    remember_folder(path)
    return path if open_path(iface, dock, Path(path), ask_unsaved=ask_unsaved) else None


def _confirm_unsaved(iface, action, ask_unsaved=None):
    """Save / Discard / Cancel for every layer of the project with unsaved edits (the project is
    about to be replaced). True when the caller may go on."""
    from .unsaved import confirm_unsaved, project_modified_layers

    layers = project_modified_layers()
    if not layers:
        return True
    if ask_unsaved is None and iface is None:
        LOG.warning("Unsaved edits and nobody to ask: %s cancelled", action)
        return False
    return confirm_unsaved(layers, action, _parent(iface), ask=ask_unsaved,
                           report=lambda text: _refuse(iface, text))


def open_path(iface, dock, path, confirm_upgrade=None, ask_unsaved=None):
    """Inspect, upgrade if the user agrees, open the project, tell the dock. Returns True if open.
    ``confirm_upgrade`` (callable -> bool) and ``ask_unsaved`` (callable(count, layers, action)
    -> "save" / "discard" / "cancel") replace the question dialogs in tests. Unsaved edits
    (of this file too: reopening it reads the saved project over them) are asked about first."""
    from ..layers.errors import RemixFileError
    from ..layers.geopackage import upgrade_geopackage
    from ..layers.inspect import inspect_geopackage
    from ..qgis_project.storage import open_project

    language = ui_language()
    try:
        info = inspect_geopackage(path)
    except RemixFileError as exc:
        _refuse(iface, exc.message(language))
        return False
    action = tr("Opening {name}").format(name=Path(path).name)
    if not _confirm_unsaved(iface, action, ask_unsaved):
        return False
    if info.needs_upgrade:
        ask = confirm_upgrade or (lambda: _ask_upgrade(iface, path, info.schema_version))
        if not ask():
            return False
        try:
            backup = upgrade_geopackage(path)
        except RemixFileError as exc:
            _refuse(iface, exc.message(language))
            return False
        except (OSError, RuntimeError) as exc:
            LOG.exception("Upgrade failed")
            _refuse(iface, tr("The upgrade failed, the file was not changed: {error}").format(error=exc))
            return False
        _message(iface, tr("File upgraded. Backup copy of the old file: {path}").format(path=backup),
                 "Success", 15)
    try:
        opened = open_project(path)
    except RemixFileError as exc:
        _refuse(iface, exc.message(language))
        return False
    if not opened:
        _refuse(iface, tr("The RE.MIX project of {name} could not be opened.").format(name=Path(path).name))
        return False
    setter = getattr(dock, "set_geopackage", None)
    if callable(setter):
        setter(str(path))
    show_useful_view(iface, path)
    return True


def show_useful_view(iface, path):
    """The comuni of the file's projects, or the metropolitan territory (the stored project has
    no canvas extent: without this the map opens blank at 1:1)."""
    from qgis.gui import QgsMapCanvas

    from .map_view import zoom_to_file
    from .project_tree import find_layers

    canvas = iface.mapCanvas() if iface is not None and hasattr(iface, "mapCanvas") else None
    if not isinstance(canvas, QgsMapCanvas):
        return ""
    return zoom_to_file(canvas, find_layers(str(path)))


def _refuse(iface, text):
    if iface is None:
        LOG.warning("%s", text)
        return
    QMessageBox.warning(_parent(iface), tr("RE.MIX GeoPackage"), text)


def _ask_upgrade(iface, path, version):
    if iface is None:
        return False
    answer = QMessageBox.question(
        _parent(iface), tr("Upgrade the RE.MIX GeoPackage?"),
        tr("{name} was made by an older version of the plugin (schema {version}). Upgrade it now? "
           "A backup copy of the file is made first.").format(name=Path(path).name, version=version),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes
