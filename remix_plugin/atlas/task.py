"""``AtlasPdfTask``: the atlas export as a cancellable QgsTask (the dock's "Atlante PDF").

Everything the worker thread uses is created inside ``run()`` by ``export_atlas_pdf`` (its own
QgsProject, layers, layout): ``run()`` never touches ``QgsProject.instance()`` or the GUI. The
language and, when the open project holds a planner's edited layout, that layout's XML are read
in the constructor, on the main thread. ``finished()`` (main thread) calls ``on_done(task)``.
"""

from qgis.core import QgsFeedback, QgsTask

from ..log import get_logger
from .export import AtlasError, export_atlas_pdf

LOG = get_logger("atlas")


class AtlasPdfTask(QgsTask):
    def __init__(self, gpkg_path, pdf_path, filter_expression=None, language="it", template_xml=None,
                 on_done=None, description=None, basemap=None, poster_path=None):
        super().__init__(description or "Atlante RE.MIX (PDF)", QgsTask.CanCancel)
        if basemap is None:  # the open project's choice, read here on the main thread
            from qgis.core import QgsProject

            from .basemap import basemap_setting

            basemap = basemap_setting(QgsProject.instance(), language)
        self.basemap = basemap or None
        self.poster_path = str(poster_path) if poster_path else None
        self.poster_xml = None
        if self.poster_path:  # a planner's edited poster in the open project (main thread)
            from qgis.core import QgsProject

            from .export import stored_layout_xml
            from .poster import POSTER_NAME

            self.poster_xml = stored_layout_xml(QgsProject.instance(), POSTER_NAME)
        self.gpkg_path = str(gpkg_path)
        self.pdf_path = str(pdf_path)
        self.filter_expression = filter_expression
        self.language = language
        self.template_xml = template_xml
        self.on_done = on_done
        self.result = None  # AtlasResult when done
        self.error_it = ""
        self.error_en = ""
        self._feedback = None

    def run(self):
        self._feedback = QgsFeedback()
        self._feedback.progressChanged.connect(self.setProgress)
        if self.isCanceled():
            self._feedback.cancel()
        try:
            self.result = export_atlas_pdf(self.gpkg_path, self.pdf_path, self.filter_expression,
                                           feedback=self._feedback, language=self.language,
                                           template_xml=self.template_xml, basemap=self.basemap)
            if self.poster_path and not self._feedback.isCanceled():
                from .poster import export_poster_pdf

                export_poster_pdf(self.gpkg_path, self.poster_path, self.filter_expression,
                                  feedback=self._feedback, language=self.language,
                                  template_xml=self.poster_xml)
        except AtlasError as exc:
            self.error_it, self.error_en = exc.message_it, exc.message_en
            return False
        except Exception as exc:  # report any failure to the user instead of losing it in the thread
            LOG.exception("Atlas export failed")
            self.error_it = f"Esportazione dell'atlante non riuscita: {exc}"
            self.error_en = f"Atlas export failed: {exc}"
            return False
        return True

    def cancel(self):
        if self._feedback is not None:
            self._feedback.cancel()
        super().cancel()

    def error(self, language="it"):
        return self.error_it if language == "it" else self.error_en

    def finished(self, result):  # noqa: ARG002 (QGIS API)
        if self.on_done is not None:
            self.on_done(self)
