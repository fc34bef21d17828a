"""Processing algorithm remix:export_bundle — the regional GeoPackage bundle ("RE.MIX bundle 1.0").

The FILTER expression is evaluated here with QgsExpression on the progetti table (read through
OGR, never modified); the selected project UUIDs go to the QGIS-free core writer.

``INPUT`` is a RE.MIX GeoPackage, a central-database DSN or the name of a saved QGIS PostgreSQL
connection (text, as remix:validate). From the database, as ``export-bundle DSN``: its rows are
checked out into a temporary GeoPackage beside the OUTPUT (``central.checkout``), the FILTER is
evaluated there, and the same writer makes the bundle; the temporary copy is always removed.
"""

import contextlib
from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm, store_help, store_of, store_parameter

PROFILES = ("strict", "draft")


class ExportBundleAlgorithm(RemixAlgorithm):
    GROUP_ID = "exchange"
    STORE_PARAMETERS = ("INPUT",)
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    FILTER = "FILTER"
    PROFILE = "PROFILE"
    PRODUCER = "PRODUCER"
    PRODUCER_NAME = "PRODUCER_NAME"
    EMAIL = "EMAIL"
    CONTENT_HASH = "CONTENT_HASH"
    PROJECTS = "PROJECTS"

    def name(self):
        return "export_bundle"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Export regional bundle")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Writes the regional GeoPackage bundle (RE.MIX bundle 1.0, EPSG:32632) for CMM and "
            "Regione Lombardia: the selected projects with their works, actions, problems, phases, "
            "actors, funding and indicators, the code lists, metadata (ISO 19139 / RNDT) and a "
            "manifest with a content hash. FILTER is an expression on the projects (empty: all). "
            "Validation errors block the export; the source file is never modified."
        ) + "\n\n" + store_help()

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(store_parameter(self.INPUT))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Bundle"), tr("GeoPackage (*.gpkg)"))
        )
        self.addParameter(
            QgsProcessingParameterExpression(
                self.FILTER, tr("Filter on projects (expression)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PROFILE, tr("Validation profile"), options=list(PROFILES), defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PRODUCER,
                tr("Producer (ISTAT code of the comune, or CMM)"),
                defaultValue="CMM",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PRODUCER_NAME, tr("Producer name (e.g. Comune di Rho)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.EMAIL, tr("Contact e-mail (metadata)"), optional=True)
        )
        self.addOutput(QgsProcessingOutputString(self.CONTENT_HASH, tr("Content hash")))
        self.addOutput(QgsProcessingOutputNumber(self.PROJECTS, tr("Exported projects")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...export.writer import ExportBlocked, ExportError, Selection, export_bundle
        from ...inputs import write_error
        source = store_of(self.parameterAsString(parameters, self.INPUT, context))
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        # the raw text: on QGIS 3.22 parameterAsExpression gives "" for text that does not parse,
        # which would silently export everything
        expression = (self.parameterAsString(parameters, self.FILTER, context) or "").strip()
        profile = PROFILES[self.parameterAsEnum(parameters, self.PROFILE, context)]
        producer = (self.parameterAsString(parameters, self.PRODUCER, context) or "CMM").strip()
        language = ui_language()
        options = {
            "producer": producer,
            "producer_name": (self.parameterAsString(parameters, self.PRODUCER_NAME, context) or "").strip(),
            "email": (self.parameterAsString(parameters, self.EMAIL, context) or "").strip(),
            "profile": profile,
            "progress": feedback.setProgress,
            "is_cancelled": feedback.isCanceled,
        }
        try:
            with _readable_copy(source, output) as readable:
                selection = Selection()
                if expression:
                    selection = Selection(progetti=frozenset(_select_projects(readable, expression)))
                    feedback.pushInfo(tr("{n} projects match the filter.").format(n=len(selection.progetti)))
                result = export_bundle(readable, output, selection,
                                       remember_validation=readable == source, **options)
        except ExportBlocked as exc:
            for finding in exc.findings[:100]:
                where = f"{finding.layer} {finding.feature_uuid or ''}"
                feedback.reportError(f"{where}: {finding.message(language)}")
            raise QgsProcessingException(exc.message(language)) from exc
        except (ExportError, RemixError) as exc:
            raise QgsProcessingException(exc.message(language)) from exc
        except OSError as exc:  # the output folder or the disk refused the file
            raise QgsProcessingException(write_error(exc, output).message(language)) from exc
        for finding in result.warnings[:100]:
            feedback.pushWarning(finding.message(language))
        return {
            self.OUTPUT: str(result.path),
            self.CONTENT_HASH: result.content_hash,
            self.PROJECTS: result.counts.get("progetti", 0),
        }


@contextlib.contextmanager
def _readable_copy(source, output):
    """The GeoPackage the writer reads: ``source`` itself, or for a DSN the database checked out
    into a temporary folder beside ``output`` (removed afterwards, whatever happens)."""
    from ...central.dsn import looks_like_dsn

    if not looks_like_dsn(source):
        yield source
        return
    from ...central.checkout import temporary_checkout

    with temporary_checkout(source, Path(output).parent) as copy:
        yield copy


def _select_projects(source, expression_text):
    """UUIDs of the projects of ``source`` matching the QGIS expression (read-only layer)."""
    from qgis.core import QgsExpression, QgsExpressionContext, QgsFeatureRequest, QgsVectorLayer

    expression = QgsExpression(expression_text)
    if expression.hasParserError() or not expression.rootNode():
        raise QgsProcessingException(
            tr("Invalid filter expression: {error}").format(error=expression.parserErrorString())
        )
    layer = QgsVectorLayer(f"{source}|layername=progetti", "progetti", "ogr")
    layer.setReadOnly(True)
    if not layer.isValid():
        raise QgsProcessingException(tr("Cannot read the projects of {path}.").format(path=source))
    context = QgsExpressionContext()
    request = QgsFeatureRequest(expression, context)
    uuids = {feature["uuid"] for feature in layer.getFeatures(request)}
    if expression.hasEvalError():
        raise QgsProcessingException(
            tr("Invalid filter expression: {error}").format(error=expression.evalErrorString())
        )
    del layer
    return uuids
