"""The dock's file-wide tools: validate, export and import a regional bundle, print the atlas.

Each works on the saved GeoPackage (the source is never modified by validation, export or the
atlas) and runs in the background with progress and cancel: validation and the atlas as our own
``QgsTask``s, export and import through QGIS's Processing dialog of the ``remix`` algorithms.
"""

from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QAction, QFileDialog, QGridLayout, QSizePolicy, QToolButton

from ..compat import dock_area
from ..i18n import tr, ui_language
from ..log import get_logger

LOG = get_logger("gui.tools")


class DockTools:
    def __init__(self, dock):
        self.dock = dock
        self.iface = dock.iface
        self.findings_dock = None
        self.findings_panel = None
        self.atlas_task = None
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
        grid = QGridLayout()
        grid.setSpacing(2)
        for position, (icon, text, tip, slot, name) in enumerate(specs):
            action = QAction(QgsApplication.getThemeIcon(icon), text, parent)
            action.setObjectName(name)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            self.actions.append(action)
            button = QToolButton(parent)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAutoRaise(True)
            grid.addWidget(button, position // 2, position % 2)
        return grid

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

    # -- helpers ---------------------------------------------------------------------------
    @property
    def gpkg_path(self):
        return self.dock.gpkg_path

    def _message(self, text, level="Info", duration=8):
        self.dock._message(text, level, duration)

    def _unsaved_tables(self):
        return sorted(layer.name() for layer in self.dock.layers.values()
                      if layer is not None and layer.isEditable() and layer.isModified())

    def _warn_unsaved(self, what):
        """These tools read the saved file; say so when edits are still in the buffer."""
        unsaved = self._unsaved_tables()
        if unsaved:
            self._message(tr("{what} reads the saved data: unsaved edits in {layers} are not "
                             "included. Save them first to include them.").format(
                what=what, layers=", ".join(unsaved)), "Warning", 10)

    # -- validation ------------------------------------------------------------------------
    def validate(self):
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
        if pdf_path is None:
            suggested = str(Path(self.gpkg_path).with_name(Path(self.gpkg_path).stem + "_atlante.pdf"))
            pdf_path, _ = QFileDialog.getSaveFileName(self.dock, tr("Save the atlas as PDF"), suggested,
                                                      tr("PDF (*.pdf)"))
            if not pdf_path:
                return None
        self._warn_unsaved(tr("The atlas"))
        from ..atlas.export import stored_layout_xml
        from ..atlas.task import AtlasPdfTask

        self.atlas_task = AtlasPdfTask(self.gpkg_path, pdf_path, None, ui_language(),
                                       template_xml=stored_layout_xml(QgsProject.instance()),
                                       on_done=self._atlas_done,
                                       description=tr("RE.MIX atlas (PDF)"))
        QgsApplication.taskManager().addTask(self.atlas_task)
        self._message(tr("Printing the atlas in the background…"), "Info", 4)
        return self.atlas_task

    def _atlas_done(self, task):
        self.atlas_task = None
        if task.result is not None:
            self._message(tr("Atlas saved: {path} ({pages} pages)").format(
                path=task.pdf_path, pages=task.result.pages), "Success", 10)
        elif task.isCanceled():
            self._message(tr("Atlas printing cancelled: no file was written."), "Info")
        else:
            self._message(task.error(ui_language()), "Critical", 0)

    # -- bundle ----------------------------------------------------------------------------
    def _processing_dialog(self, algorithm_id, parameters):
        try:
            import processing
        except ImportError:
            self._message(tr("The Processing plugin is not active: enable it in the plugin manager."),
                          "Warning")
            return None
        return processing.execAlgorithmDialog(algorithm_id, parameters)

    def export_bundle(self):
        if not self.gpkg_path:
            return None
        self._warn_unsaved(tr("The export"))
        return self._processing_dialog("remix:export_bundle", {"INPUT": self.gpkg_path})

    def import_bundle(self):
        if not self.gpkg_path:
            return None
        result = self._processing_dialog("remix:import_bundle", {"TARGET": self.gpkg_path})
        for layer in self.dock.layers.values():
            if layer is not None and not layer.isEditable():
                layer.reload()
        self.dock.rebuild(full=True)
        return result

