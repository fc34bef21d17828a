"""``AtlasPdfTask``: the atlas export as a cancellable background task (the dock's "Atlante PDF").

Everything the worker thread uses is created inside ``work()`` by ``export_atlas_pdf`` (its own
QgsProject, layers, layout): it never touches ``QgsProject.instance()`` or the GUI. The language
and, when the open project holds a planner's edited layout, that layout's XML are read in the
constructor, on the main thread. Outcome (``tasks.RemixTask``): ``result`` (AtlasResult), or
``cancelled``, or ``error`` (``error_message(language)``); then ``on_finished(task)``.
"""

from ..errors import RemixError
from ..i18n import BOTH, tr
from ..tasks import RemixTask
from .export import export_atlas_pdf


class AtlasPdfTask(RemixTask):
    def __init__(self, gpkg_path, pdf_path, filter_expression=None, language="it", template_xml=None,
                 on_done=None, description=None, basemap=None, poster_path=None, on_finished=None):
        super().__init__(description or tr("RE.MIX atlas (PDF)", language=language),
                         on_finished=on_finished or on_done)
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
        self.result = None  # AtlasResult when done

    def work(self):
        feedback = self.feedback()
        self.result = export_atlas_pdf(self.gpkg_path, self.pdf_path, self.filter_expression,
                                       feedback=feedback, language=self.language,
                                       template_xml=self.template_xml, basemap=self.basemap)
        if self.poster_path and not feedback.isCanceled():
            from .poster import export_poster_pdf

            export_poster_pdf(self.gpkg_path, self.poster_path, self.filter_expression,
                              feedback=feedback, language=self.language, template_xml=self.poster_xml)

    def unexpected(self, exc):
        return RemixError("unexpected", *tr("Atlas export failed: {error}", language=BOTH).format(error=exc))
