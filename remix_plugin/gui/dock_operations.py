"""What the dock's page does in QGIS when a button is clicked or an item chosen: the map (select,
zoom), the feature forms (new project, azione, criticità, actor, phase, measurement), drawing and
perimeters from the map selection, saving, the labels' language and the base maps.

A mixin of ``dock_view.DockPage`` (it uses the page's ``layers``, ``controller``, ``tree`` and
``_message``); the controller runs these as the operations of the declared actions.
"""

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsProject
from qgis.gui import QgsMapCanvas

from .. import compat
from ..i18n import SUPPORTED, tr, ui_language
from .tree_roles import FID_ROLE, KIND_ROLE, KIND_TABLE


class DockOperations:
    def _canvas(self):
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        return canvas if isinstance(canvas, QgsMapCanvas) else None

    def zoom_to_file(self):
        """The comuni of the file's projects, or the metropolitan territory."""
        from .map_view import zoom_to_file

        return zoom_to_file(self._canvas(), self.layers)

    def show_on_map(self, item):
        """Select the item's features and zoom the canvas to them."""
        self._selecting = True
        try:
            self._show_on_map(item)
        finally:
            self._selecting = False

    def _show_on_map(self, item):
        lavori = self.layers.get("lavori")
        table = KIND_TABLE.get(item.kind)
        if table and item.fid is not None and self.layers.get(table) is not None:
            self.layers[table].selectByIds([item.fid])
        if item.kind in ("progetto", "group"):
            fids = self.data.lavori_fids([item.project_uuid])
        elif item.kind == "programma":
            fids = self.data.lavori_fids([p.uuid for p in self.data.projects_of_programme(item.uuid)])
        elif item.kind == "lavoro":
            fids = [item.fid]
        elif item.kind == "criticita":
            self.zoom_to(self.layers.get("criticita"), [item.fid])
            return
        else:
            return
        if lavori is not None:
            lavori.selectByIds(fids)
            self.zoom_to(lavori, fids)

    def zoom_to(self, layer, fids):
        canvas = self._canvas()
        if canvas is None or layer is None or not fids:
            return None
        extent = compat.null_rectangle()
        request = QgsFeatureRequest().setFilterFids(list(fids)).setNoAttributes()
        for feature in layer.getFeatures(request):
            if feature.hasGeometry():
                extent.combineExtentWith(feature.geometry().boundingBox())
        if extent.isNull() or extent.isEmpty() and extent.width() < 0:
            return None
        from .map_view import zoom_with_context

        qgis_project = QgsProject.instance()
        transform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), qgis_project)
        # with room around it, never closer than 1:5,000 (a project is seen in its street)
        return zoom_with_context(canvas, transform.transformBoundingBox(extent))

    def open_form(self, index=None):
        """Double click: QGIS's feature form of the item."""
        if index is not None:
            kind, fid = index.data(KIND_ROLE), index.data(FID_ROLE)
        else:
            item = self.current_item()
            kind, fid = item.kind, item.fid
        table = KIND_TABLE.get(kind)
        layer = self.layers.get(table) if table else None
        if layer is None or fid is None or self.iface is None:
            return False
        feature = layer.getFeature(fid)
        if not feature.isValid():
            return False
        self.iface.openFeatureForm(layer, feature)
        return True

    def map_selection_state(self):
        """(ok, reason): the active layer can give perimeters (a polygon layer with features
        selected on the map)."""
        from .perimeter_tools import is_polygon_layer

        layer = self.iface.activeLayer() if self.iface is not None else None
        where = tr("Parcels come from a vector layer: the cadastral WFS of the Agenzia delle Entrate "
                   "(Layer ▸ Add WFS layer, layer CadastralParcel), the comune's cadastral or PGT "
                   "files, or any polygon file. Make it active in the Layers panel and select the "
                   "parcels on the map.")
        if layer is not None and not hasattr(layer, "selectedFeatureCount"):
            return False, tr("“{layer}” is a picture (a WMS or tile map): its parcels cannot be "
                             "selected.").format(layer=layer.name()) + " " + where
        if not is_polygon_layer(layer) or layer in (self.layers.get("lavori"), self.layers.get("comuni")):
            return False, tr("Make a polygon layer (e.g. cadastral parcels) active in the Layers panel "
                             "and select the features to copy") + ". " + where
        if layer.selectedFeatureCount() == 0:
            return False, tr("Select one or more features of “{layer}” on the map").format(layer=layer.name())
        return True, ""

    def save_all(self, *_args):
        """Commit every layer of the file, parents before children; layers stay in edit mode."""
        from .unsaved import file_layers, save_layers

        if not self.gpkg_path:
            return None
        result = save_layers(file_layers(self.gpkg_path))
        if result.ok:
            self._message(result.message(), "Success", 4)
        else:
            self._message(result.message(), "Critical", 0)
        self.update_unsaved()
        self.rebuild()
        return result

    def switch_language(self, language, *_args, ask_unsaved=None):
        """Rewrite the file's stored project with its labels in ``language`` and reopen it (the
        unsaved edits are asked about first: reopening reads the saved data)."""
        from ..forms.language import switch_stored_language
        from ..layers.errors import RemixFileError
        from . import geopackage_actions
        from .unsaved import confirm_unsaved, project_modified_layers

        path = self.gpkg_path
        if not path:
            return False
        if not confirm_unsaved(project_modified_layers(), tr("Changing the language of the labels"), self,
                               ask=ask_unsaved, report=lambda text: self._message(text, "Critical", 0)):
            return False
        try:
            switch_stored_language(path, language)
        except RemixFileError as error:
            self._message(error.message(ui_language()), "Critical", 0)
            return False
        opened = geopackage_actions.open_path(self.iface, self.dock, path, ask_unsaved=ask_unsaved)
        if opened:
            names = dict(zip(SUPPORTED, (tr("Italian"), tr("English"))))  # in the user's language
            self._message(tr("Layer names and forms are now in {language}.").format(
                language=names.get(language, language)), "Success", 5)
        return opened

    def add_base_map(self, preset_id, *_args, probe_timeout_ms=None):
        """Add the preset's layer below the RE.MIX layers, once its service answers."""
        from .basemap_loader import BaseMapLoader

        # Kept until done: a second click must not drop the first probe's loader.
        pending = [loader for loader in self.base_map_loaders if not loader.done]
        loader = BaseMapLoader(self.iface, self._message)
        self.base_map_loaders = pending + [loader]
        return loader.add(preset_id, probe_timeout_ms=probe_timeout_ms)

    def new_project(self):
        from . import dock_actions

        item = self.current_item()
        return dock_actions.new_project(self.iface, self.layers, item.programme_uuid or None, self,
                                        draw=self._draw_for_new_project)

    def _draw_for_new_project(self, project_uuid):
        self.rebuild()
        self.select_item("progetto", project_uuid, zoom=False)
        self.start_drawing(project_uuid)

    def draw_perimeter(self):
        item = self.current_item()
        if not item.project_uuid:
            self._message(tr("Select a project in the tree first"), "Warning")
            return False
        return self.start_drawing(item.project_uuid)

    def start_drawing(self, project_uuid):
        from .perimeter_tools import PerimeterSession

        lavori = self.layers.get("lavori")
        if lavori is None:
            return False
        if self.session is not None:
            self.session.finish()
        self.session = PerimeterSession(self.iface, lavori, project_uuid, self.layers.get("comuni"),
                                        on_added=self._perimeter_added)
        ok, reason = self.session.start()
        if not ok:
            self.session = None
            self._message(reason, "Warning")
            return False
        self._message(tr("Draw the perimeter: click to add vertices, right click to close it; "
                         "the form of the new work opens then"))
        return True

    def _perimeter_added(self, fid):
        self.session = None
        self.rebuild()
        feature = self.layers["lavori"].getFeature(fid)
        if feature.isValid():
            self.select_item("lavoro", feature["uuid"], zoom=False)

    def perimeter_from_selection(self):
        from .perimeter_tools import perimeters_from_selection

        item = self.current_item()
        ok, reason = self.map_selection_state()
        if not item.project_uuid or not ok:
            self._message(reason or tr("Select a project in the tree first"), "Warning")
            return []
        source = self.iface.activeLayer()
        try:
            fids, skipped = perimeters_from_selection(source, self.layers["lavori"], item.project_uuid,
                                                      self.layers.get("comuni"))
        except (ValueError, RuntimeError) as error:
            self._message(str(error), "Critical")
            return []
        text = tr("{count} works added to the edit buffer of “{layer}” (not saved yet)").format(
            count=len(fids), layer=self.layers["lavori"].name())
        if skipped:
            text += " · " + tr("{count} features without geometry skipped").format(count=len(skipped))
        self._message(text, "Success")
        self.rebuild()
        return fids

    def attach_azione(self):
        from . import dock_actions

        item = self.current_item()
        feature = dock_actions.add_azione(self.iface, self.layers, item.project_uuid,
                                          item.lavoro_uuid or None, self)
        self._after_add(feature, "azioni")
        return feature

    def add_child(self, table):
        """Add a row of ``table`` (criticita, progetto_attori, fasi, misure) to the current project."""
        from . import dock_actions

        item = self.current_item()
        feature = dock_actions.add_child(self.iface, self.layers, table, item.project_uuid, self)
        self._after_add(feature, table)
        return feature

    def _after_add(self, feature, table):
        if feature is None:
            return
        self.rebuild()
        kind = self.controller.added_kind(table)
        if kind:
            self.select_item(kind, feature["uuid"], zoom=False)
        self.current_item()
        layer = self.layers.get(table)
        self._message(self.controller.added_text(layer.name() if layer is not None else table), "Success", 5)
        self.update_unsaved()


# -- the atlas on the central database (issue 14) ------------------------------------------------
def _atlas_task_class():
    from ..atlas.task import AtlasPdfTask

    class DatabaseAtlasPdfTask(AtlasPdfTask):
        """The atlas of the central database at the DSN ``source``: the rows checked out in one
        snapshot (``central/checkout``) into a temporary RE.MIX GeoPackage beside the PDF, then the
        atlas of the GeoPackage (same cards, same layout: the stored project's, read on the main
        thread); the temporary copy is removed whatever the outcome."""

        def __init__(self, source, pdf_path, *args, **kwargs):
            super().__init__(source, pdf_path, *args, **kwargs)
            self.source = str(source)

        def work(self):
            from pathlib import Path

            from ..central.checkout import temporary_checkout

            try:
                with temporary_checkout(self.source, Path(self.pdf_path).parent, "atlas") as copy:
                    self.gpkg_path = copy
                    if self.stopped():
                        from ..tasks import TaskCancelled

                        raise TaskCancelled
                    super().work()
            finally:
                self.gpkg_path = self.source

    return DatabaseAtlasPdfTask


def atlas_task_for(source, pdf_path, *args, **kwargs):
    """The atlas task for what the dock shows (``dock_source``): a GeoPackage's ``AtlasPdfTask``,
    or for the central database's DSN the checkout-then-atlas task above. Not queued."""
    from ..central.dsn import looks_like_dsn

    if looks_like_dsn(source):
        return _atlas_task_class()(source, pdf_path, *args, **kwargs)
    from ..atlas.task import AtlasPdfTask

    return AtlasPdfTask(source, pdf_path, *args, **kwargs)
