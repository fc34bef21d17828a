"""Unsaved edits: count them, save every RE.MIX layer together (parents before children) and ask
Save / Discard / Cancel, as QGIS does, before anything would throw them away (opening or
creating a file, reopening the same one, importing a bundle, upgrading a file).

The question is a plain ``QMessageBox`` (objectName ``remixUnsavedQuestion``); every entry point
takes an ``ask`` callable instead, so tests answer it without a modal dialog.
"""

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QMessageBox

from ..i18n import tr
from ..log import get_logger

LOG = get_logger("gui.unsaved")
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
TABLE_PROPERTY = "remix/table"


# -- which layers ---------------------------------------------------------------------------
def _is_modified(layer):
    return isinstance(layer, QgsVectorLayer) and layer.isEditable() and layer.isModified()


def project_modified_layers(project=None):
    """Every vector layer of the project with unsaved edits (opening a project loses them all).
    Memory layers are skipped: QGIS warns about them itself and they cannot be saved."""
    project = project or QgsProject.instance()
    return [layer for layer in project.mapLayers().values()
            if _is_modified(layer) and layer.providerType() != "memory"]


def file_layers(gpkg_path, project=None):
    """Every vector layer of the project that reads the RE.MIX file the dock shows.

    ``gpkg_path`` is a GeoPackage's path, or, when the dock shows the central database, the
    store's label (``qgis_project.stores.PostgresStore.label``, what ``open_central`` gives the
    dock): then the RE.MIX layers (custom property ``remix/table``) of the postgres provider
    whose connection has that label; when none has it and no file exists at ``gpkg_path``, every
    RE.MIX postgres layer of the project (the dock shows one database at a time)."""
    from .project_tree import _gpkg_source, _same_file

    project = project or QgsProject.instance()
    if not gpkg_path:
        return []
    found, central, labelled = [], [], []
    for layer in project.mapLayers().values():
        path, _name = _gpkg_source(layer)
        if path is not None:
            if _same_file(path, gpkg_path):
                found.append(layer)
        elif _is_central_layer(layer):
            central.append(layer)
            if _store_label(layer) == str(gpkg_path):
                labelled.append(layer)
    if found:
        return found
    if labelled:
        return labelled
    return central if central and not _is_file(gpkg_path) else []


def _is_central_layer(layer):
    return (isinstance(layer, QgsVectorLayer) and layer.providerType() == "postgres"
            and bool(layer.customProperty(TABLE_PROPERTY, "")))


def _store_label(layer):
    """The label of the central database a postgres layer reads (as the dock shows it)."""
    from ..qgis_project.stores import postgres_store_from_qgis_uri

    try:
        return postgres_store_from_qgis_uri(layer.source()).label
    except (ValueError, KeyError):  # an unusual URI: compared by the fallback only
        return None


def _is_file(path):
    from pathlib import Path

    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def file_modified_layers(gpkg_path, project=None):
    return [layer for layer in file_layers(gpkg_path, project) if _is_modified(layer)]


# -- counting -------------------------------------------------------------------------------
def change_count(layer):
    """Features added, deleted or changed (attributes or geometry) in the layer's edit buffer."""
    if not _is_modified(layer):
        return 0
    buffer = layer.editBuffer()
    if buffer is None:
        return 1
    added = set(buffer.addedFeatures())
    changed = (set(buffer.changedAttributeValues()) | set(buffer.changedGeometries())) - added
    count = len(added) + len(set(buffer.deletedFeatureIds())) + len(changed)
    return count or 1  # e.g. only a field added: still one change to save


def total_changes(layers):
    return sum(change_count(layer) for layer in layers)


def changes_text(count):
    """"1 modifica non salvata" / "3 modifiche non salvate" (English: "1 unsaved change")."""
    if count == 1:
        return tr("1 unsaved change")
    return tr("{n} unsaved changes").format(n=count)


# -- saving ---------------------------------------------------------------------------------
def _table_rank():
    from ..layers.model import load_model

    order = list(load_model().data_table_names)
    return {name: position for position, name in enumerate(order)}


def save_order(layers):
    """Parents before children (``layers.model`` relations: programmi, progetti, then lavori,
    azioni…), other layers of the file last, so no child is ever saved without its parent."""
    rank = _table_rank()
    last = len(rank)
    indexed = list(enumerate(layers))
    indexed.sort(key=lambda pair: (rank.get(pair[1].customProperty(TABLE_PROPERTY, "") or "", last),
                                   pair[0]))
    return [layer for _position, layer in indexed]


class SaveResult:
    def __init__(self):
        self.saved = []  # layer names, in the order they were written
        self.failed = None  # name of the layer whose commit failed (the next ones were not tried)
        self.errors = []  # QGIS's commitErrors() of that layer

    @property
    def ok(self):
        return self.failed is None

    def message(self):
        if self.ok:
            return tr("Saved: {layers}.").format(layers=", ".join(self.saved) or "—")
        text = tr("“{layer}” could not be saved; its edits and those of the layers after it are "
                  "still in the edit buffer: {errors}").format(layer=self.failed,
                                                               errors="; ".join(self.errors))
        if self.saved:
            text += " " + tr("Already saved: {layers}.").format(layers=", ".join(self.saved))
        return text


def save_layers(layers, stop_editing=False):
    """Commit the modified layers in :func:`save_order`; stop at the first failure (its edits and
    those of the following layers stay in their buffers, ready for another try)."""
    result = SaveResult()
    for layer in save_order([layer for layer in layers if _is_modified(layer)]):
        if layer.commitChanges(stop_editing):
            result.saved.append(layer.name())
            continue
        result.failed = layer.name()
        result.errors = list(layer.commitErrors())
        LOG.warning("Commit of %s failed: %s", layer.name(), result.errors)
        break
    return result


def discard_layers(layers):
    for layer in layers:
        if layer.isEditable():
            layer.rollBack()


# -- asking ---------------------------------------------------------------------------------
def question_text(count, layers, action):
    names = ", ".join(sorted({layer.name() for layer in layers}))
    return tr("{changes} in {layers}. {action} would lose them. Save them first?").format(
        changes=changes_text(count), layers=names, action=action)


def ask_unsaved(parent, count, layers, action):
    """The Save / Discard / Cancel question; returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(parent)
    box.setObjectName("remixUnsavedQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Unsaved edits"))
    box.setText(question_text(count, layers, action))
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    answer = box.exec()
    box.deleteLater()
    if answer == buttons.Save:
        return SAVE
    if answer == buttons.Discard:
        return DISCARD
    return CANCEL


def confirm_unsaved(layers, action, parent=None, ask=None, report=None):
    """True when the caller may go on: no unsaved edits, or they were saved / discarded.

    ``ask(count, layers, action)`` replaces the question (tests); ``report(text)`` receives the
    reason when a save fails (default: a warning box)."""
    layers = [layer for layer in layers if _is_modified(layer)]
    if not layers:
        return True
    count = total_changes(layers)
    if ask is None:
        answer = ask_unsaved(parent, count, layers, action)
    else:
        answer = ask(count, layers, action)
    if answer == SAVE:
        result = save_layers(layers)
        if not result.ok:
            if report is not None:
                report(result.message())
            else:
                QMessageBox.warning(parent, tr("Unsaved edits"), result.message())
            return False
        return True
    if answer == DISCARD:
        discard_layers(layers)
        return True
    return False
