"""The dock's file-wide tools: validate, export and import a regional bundle, print the atlas.

Each works on the saved GeoPackage (the source is never modified by validation, export or the
atlas) and runs in the background as our own ``QgsTask`` (progress in QGIS's task manager):
validation, the atlas and the export can be cancelled there; the import (one transaction after a
backup copy) cannot.
"""

from pathlib import Path

from qgis.core import QgsApplication, QgsFeatureRequest, QgsProject, QgsSettings, QgsVectorLayer
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtWidgets import QAction, QDialog, QFileDialog

from ..compat import dock_area, no_geometry_flag
from ..i18n import tr, ui_language
from ..log import get_logger
from .buttons import button_grid

LOG = get_logger("gui.tools")
IMPORT_FOLDER_KEY = "remix/import/last_folder"


class DockTools:
    def __init__(self, dock):
        self.dock = dock
        self.iface = dock.iface
        self.findings_dock = None
        self.findings_panel = None
        self.atlas_task = None
        self.export_task = None
        self.import_task = None
        self.report_dialog = None  # the last result dialog (blocked export, import summary)
        self.actions = []

    # -- construction ----------------------------------------------------------------------
    def build(self, parent):
        """The tools' buttons, as a grid for the dock's layout."""
        specs = (
            ("/mActionCheckGeometry.svg", tr("Validate"),
             tr("Check the saved data against the RE.MIX scheme (in the background); the findings "
                "open in their own panel"), self.validate, "RemixValidate"),
            ("/mActionSaveAsPDF.svg", tr("Atlas PDF"),
             tr("Print the atlas of the projects (cover, summary, one page per project) as a PDF"),
             self.atlas_pdf, "RemixAtlasPdf"),
            ("/mActionFileSaveAs.svg", tr("Export bundle…"),
             tr("Export the regional bundle for Regione Lombardia (validation errors block it)"),
             self.export_bundle, "RemixExportBundle"),
            ("/mActionAddOgrLayer.svg", tr("Import bundle…"),
             tr("Merge a regional bundle into this GeoPackage by UUID (a backup copy is made first)"),
             self.import_bundle, "RemixImportBundle"),
        )
        for icon, text, tip, slot, name in specs:
            action = QAction(QgsApplication.getThemeIcon(icon), text, parent)
            action.setObjectName(name)
            action.setToolTip(tip)
            # triggered(bool) would fill the slot's first optional argument with False
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.actions.append(action)
        return button_grid(self.actions, parent)

    def update(self, has_file):
        for action in self.actions:
            action.setEnabled(bool(has_file))

    def teardown(self):
        if self.findings_panel is not None:
            self.findings_panel.cancel()
        if self.findings_dock is not None:
            if self.iface is not None:
                self.iface.removeDockWidget(self.findings_dock)
            self.findings_dock.deleteLater()
            self.findings_dock = None
            self.findings_panel = None
        if self.atlas_task is not None:
            self.atlas_task.on_done = None
            self.atlas_task = None
        for task in (self.export_task, self.import_task):
            if task is not None:
                task.on_finished = None
        self.export_task = None
        self.import_task = None
        if self.report_dialog is not None:
            self.report_dialog.close()
            self.report_dialog.deleteLater()
            self.report_dialog = None

    # -- helpers ---------------------------------------------------------------------------
    @property
    def gpkg_path(self):
        return self.dock.gpkg_path

    def _message(self, text, level="Info", duration=8):
        self.dock._message(text, level, duration)

    def _unsaved_tables(self):
        """Names of the layers reading this GeoPackage (the dock's and any other in the QGIS
        project) with unsaved edits."""
        modified = {layer.name() for layer in self.dock.layers.values()
                    if layer is not None and layer.isEditable() and layer.isModified()}
        if self.gpkg_path:
            wanted = Path(self.gpkg_path).resolve()
            for layer in QgsProject.instance().mapLayers().values():
                if (not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr"
                        or not layer.isModified()):
                    continue
                source = layer.source().split("|")[0]
                if source and Path(source).resolve() == wanted:
                    modified.add(layer.name())
        return sorted(modified)

    def _warn_unsaved(self, what):
        """These tools read the saved file; say so when edits are still in the buffer."""
        unsaved = self._unsaved_tables()
        if unsaved:
            self._message(tr("{what} reads the saved data: unsaved edits in {layers} are not "
                             "included. Save them first to include them.").format(
                what=what, layers=", ".join(unsaved)), "Warning", 10)

    # -- validation ------------------------------------------------------------------------
    def validate(self, profile=None):
        """Validate the saved file in the findings panel (``profile``: "strict"/"draft"; None keeps
        the panel's choice)."""
        if not self.gpkg_path:
            return None
        self._warn_unsaved(tr("The validation"))
        if self.findings_dock is None:
            from .findings_panel import FindingsPanel

            parent = self.iface.mainWindow() if self.iface is not None else None
            self.findings_dock = QgsDockWidget(tr("RE.MIX — validation findings"), parent)
            self.findings_dock.setObjectName("RemixFindingsDock")
            self.findings_panel = FindingsPanel(self.iface, self.findings_dock)
            self.findings_panel.problems_changed.connect(self.dock.set_problem_projects)
            self.findings_dock.setWidget(self.findings_panel)
            if self.iface is not None and hasattr(self.iface, "addDockWidget"):
                self.iface.addDockWidget(dock_area("RightDockWidgetArea"), self.findings_dock)
                if parent is not None and hasattr(parent, "tabifyDockWidget"):
                    parent.tabifyDockWidget(self.dock, self.findings_dock)
        self.findings_panel.set_geopackage(self.gpkg_path)
        if profile is not None:
            index = self.findings_panel.profile_box.findData(profile)
            if index >= 0:
                self.findings_panel.profile_box.setCurrentIndex(index)
        self.findings_dock.show()
        self.findings_dock.raise_()
        self.findings_panel.validate()
        return self.findings_panel

    # -- atlas -----------------------------------------------------------------------------
    def atlas_pdf(self, pdf_path=None):
        if not self.gpkg_path:
            return None
        if self.atlas_task is not None:
            self._message(tr("The atlas is already being printed."), "Info")
            return None
        from .dock_source import dock_source

        source = dock_source(self.dock) or self.gpkg_path
        if pdf_path is None:
            pdf_path, _ = QFileDialog.getSaveFileName(self.dock, tr("Save the atlas as PDF"),
                                                      self._suggested_atlas_path(source), tr("PDF (*.pdf)"))
            if not pdf_path:
                return None
        self._warn_unsaved(tr("The atlas"))
        from ..atlas.export import stored_layout_xml
        from .dock_operations import atlas_task_for

        # a GeoPackage's AtlasPdfTask, or on the central database the check-out-then-atlas task
        self.atlas_task = atlas_task_for(source, pdf_path, None, ui_language(),
                                         template_xml=stored_layout_xml(QgsProject.instance()),
                                         on_finished=self._atlas_done,
                                         description=tr("RE.MIX atlas (PDF)"))
        QgsApplication.taskManager().addTask(self.atlas_task)
        self._message(tr("Printing the atlas in the background…"), "Info", 4)
        return self.atlas_task

    def _suggested_atlas_path(self, source):
        """<file>_atlante.pdf beside a GeoPackage; for the database, atlante_<db>.pdf in the last
        folder used (or the home folder)."""
        from ..central.dsn import looks_like_dsn

        if not looks_like_dsn(source):
            return str(Path(source).with_name(Path(source).stem + "_atlante.pdf"))
        folder = QgsSettings().value(IMPORT_FOLDER_KEY, "", type=str) or str(Path.home())
        from ..qgis_project.stores import postgres_store_from_dsn

        store, _password = postgres_store_from_dsn(source)  # the same reading of a DSN as the connection's
        return str(Path(folder) / f"atlante_{store.dbname or store.service or 'remix'}.pdf")

    def _atlas_done(self, task):
        self.atlas_task = None
        if task.result is not None:
            self._message(tr("Atlas saved: {path} ({pages} pages)").format(
                path=task.pdf_path, pages=task.result.pages), "Success", 10)
        elif task.cancelled:
            self._message(tr("Atlas printing cancelled: no file was written."), "Info")
        else:
            self._message(task.error_message(ui_language()), "Critical", 0)

    # -- bundle export ---------------------------------------------------------------------
    def selected_projects(self):
        """UUIDs of the projects selected in the progetti layer (on the map, in the attribute table
        or by clicking a project in the tree); without any, the project of the tree's current item."""
        uuids = set()
        layer = self.dock.layers.get("progetti")
        if layer is not None:
            index = layer.fields().indexOf("uuid")
            if index >= 0 and layer.selectedFeatureCount():
                request = QgsFeatureRequest().setFlags(no_geometry_flag()).setSubsetOfAttributes([index])
                for feature in layer.getSelectedFeatures(request):
                    value = feature.attribute(index)
                    if isinstance(value, str) and value:
                        uuids.add(value)
        if not uuids and getattr(self.dock, "tree", None) is not None:
            project_uuid = self.dock.current_item().project_uuid
            if project_uuid:
                uuids.add(project_uuid)
        return uuids

    def _export_running(self):
        if self.export_task is not None:
            self._message(tr("A bundle is already being exported: wait for it to finish (or cancel it "
                             "in the task manager)."), "Info")
            return True
        return False

    def open_export_dialog(self, settings=None):
        """The export dialog for the saved GeoPackage (not shown); None when nothing can be exported."""
        if not self.gpkg_path or self._export_running():
            return None
        from ..layers.errors import RemixFileError
        from .export_dialog import ExportDialog, read_export_choices

        try:
            choices = read_export_choices(self.gpkg_path)
        except RemixFileError as exc:
            self._message(exc.message(ui_language()), "Critical", 0)
            return None
        except Exception as exc:  # noqa: BLE001 - sqlite errors of a damaged or foreign file
            LOG.exception("Cannot read %s for the export", self.gpkg_path)
            self._message(tr("Cannot read {path}: {error}").format(path=self.gpkg_path, error=exc),
                          "Critical", 0)
            return None
        return ExportDialog(self.gpkg_path, choices, self.selected_projects(), self.dock, settings=settings)

    def export_bundle(self):
        """The dock's button: the export dialog, then the export in the background."""
        if not self.gpkg_path or self._export_running():
            return None
        self._warn_unsaved(tr("The export"))
        dialog = self.open_export_dialog()
        if dialog is None:
            return None
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            arguments = dialog.export_arguments()
        finally:
            dialog.deleteLater()
        return self.start_export(arguments)

    def start_export(self, arguments):
        """Queue an ExportBundleTask with ``arguments`` (ExportDialog.export_arguments()); returns it."""
        if self._export_running():
            return None
        from .export_dialog import export_task_for

        # the GeoPackage's export, or on the central database check-out + the same bundle writer
        self.export_task = export_task_for(arguments, on_finished=self._export_finished)
        QgsApplication.taskManager().addTask(self.export_task)
        self._message(tr("Exporting {name} in the background (progress and cancel in the task "
                         "manager)…").format(name=Path(self.export_task.target).name), "Info", 4)
        return self.export_task

    def _export_finished(self, task):
        self.export_task = None
        language = ui_language()
        if task.result is not None:
            result = task.result
            self._message(tr("Bundle written: {name} — {projects} projects, {warnings} warnings (listed "
                             "in the bundle), content hash {hash}…").format(
                name=Path(result.path).name, projects=result.counts.get("progetti", 0),
                warnings=len(result.warnings), hash=result.content_hash[:12]), "Success", 15)
        elif task.blocked is not None:
            from .bundle_reports import BlockedExportDialog

            profile = task.arguments.get("profile", "strict")
            self._show_report(BlockedExportDialog(
                task.blocked, task.source, language, self.dock,
                on_validate=lambda: self.validate(profile)))
            self._message(tr("Export blocked by {n} validation errors: no file was written.").format(
                n=len(task.blocked)), "Warning", 10)
        elif task.cancelled:
            self._message(tr("Export cancelled: no file was written."), "Info")
        else:
            reason = task.error.message(language) if task.error is not None else ""
            self._message(tr("Export failed: {reason} No file was written.").format(reason=reason),
                          "Critical", 0)

    def _show_report(self, dialog):
        if self.report_dialog is not None:
            self.report_dialog.close()
            self.report_dialog.deleteLater()
        self.report_dialog = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    # -- bundle import ---------------------------------------------------------------------
    def import_bundle(self, bundle_path=None, ask_unsaved=None):
        """Choose a bundle (.gpkg or .zip) and merge it into this GeoPackage in the background.
        Unsaved edits of the file are asked about first (Save / Discard / Cancel): the import
        writes into the file and reloads its layers. ``ask_unsaved`` answers in tests."""
        from .unsaved import confirm_unsaved, file_modified_layers

        if not self.gpkg_path:
            return None
        if self.import_task is not None:
            self._message(tr("A bundle is already being imported."), "Info")
            return None
        if not confirm_unsaved(file_modified_layers(self.gpkg_path), tr("Importing a bundle"), self.dock,
                               ask=ask_unsaved, report=lambda text: self._message(text, "Critical", 0)):
            return None
        from ..central.dsn import looks_like_dsn
        from .dock_source import dock_source

        target = dock_source(self.dock) or self.gpkg_path  # the file, or the database's DSN
        database = looks_like_dsn(target)
        if bundle_path is None:
            settings = QgsSettings()
            folder = settings.value(IMPORT_FOLDER_KEY, "", type=str) or (
                str(Path.home()) if database else str(Path(self.gpkg_path).parent))
            bundle_path, _ = QFileDialog.getOpenFileName(
                self.dock, tr("Import a regional bundle"), folder,
                tr("RE.MIX bundle (*.gpkg *.zip)"))
            if not bundle_path:
                return None
            settings.setValue(IMPORT_FOLDER_KEY, str(Path(bundle_path).parent))
        if not database and Path(bundle_path).resolve() == Path(self.gpkg_path).resolve():
            self._message(tr("Choose a bundle: this GeoPackage cannot be imported into itself."), "Warning")
            return None
        from ..export.task import ImportBundleTask

        self.import_task = ImportBundleTask(bundle_path, target, on_finished=self._import_finished)
        QgsApplication.taskManager().addTask(self.import_task)
        self._message(tr("Importing {name} in the background…").format(name=Path(bundle_path).name),
                      "Info", 4)
        return self.import_task

    def _import_finished(self, task):
        from ..central.dsn import looks_like_dsn

        self.import_task = None
        language = ui_language()
        database = looks_like_dsn(task.target)
        if task.result is not None:
            self._reload_layers()
            from .bundle_reports import ImportSummaryDialog

            result = task.result
            self._show_report(ImportSummaryDialog(result, task.bundle, task.target, language, self.dock))
            level = "Warning" if result.conflicts else "Success"
            if not result.changed and not result.conflicts:
                unchanged = (tr("Bundle already imported: nothing changed in the database.") if database
                             else tr("Bundle already imported: nothing changed in the GeoPackage."))
                self._message(unchanged, "Info", 8)
                return
            self._message(tr("Bundle imported: {added} records added, {updated} updated, {conflicts} "
                             "conflicts (nothing overwritten).").format(
                added=sum(result.added.values()), updated=sum(result.updated.values()),
                conflicts=len(result.conflicts)), level, 10)
        elif task.cancelled:
            self._message(tr("Import cancelled: the GeoPackage was not changed."), "Info")
        elif task.refused or database:  # the database's import is one transaction: nothing written
            self._message((tr("Import refused: {reason} Nothing was written in the database.") if database
                           else tr("Import refused: {reason} The GeoPackage was not changed.")).format(
                reason=task.error.message(language) if task.error is not None else ""), "Critical", 0)
        else:
            reason = task.error.message(language) if task.error is not None else ""
            self._message(tr("Import failed: {reason}").format(reason=reason), "Critical", 0)

    def _reload_layers(self):
        """Show the merged rows: reload the layers that are not being edited, rebuild the tree."""
        for layer in self.dock.layers.values():
            if layer is not None and not layer.isEditable():
                layer.reload()
        if self.dock.gpkg_path:
            self.dock.rebuild(full=True)
