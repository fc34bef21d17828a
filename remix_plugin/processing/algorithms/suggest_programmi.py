"""Processing algorithm remix:suggest_programmi — proposals of networks of projects.

Calls ``networks.suggest`` and ``networks.output.write_proposals`` (the same code as
``python3 -m remix_plugin suggest-programmi``). Light module: the networks code is imported only
when the algorithm runs. The output GeoPackage's ``proposte`` layer can be loaded on the map.
"""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm

DEFAULT_DISTANCE = 1500.0  # networks.suggest.DEFAULT_DISTANCE (not imported: light module)


class IncubatorAlgorithm(RemixAlgorithm):
    """The incubator's tools share one toolbox group."""

    GROUP_ID = "incubator"


class SuggestProgrammiAlgorithm(IncubatorAlgorithm):
    INPUT = "INPUT"
    DISTANCE = "DISTANCE"
    PROXIMITY = "PROXIMITY"
    THEMES = "THEMES"
    OUTPUT = "OUTPUT"
    PROPOSALS = "PROPOSALS"
    SUPPRESSED = "SUPPRESSED"

    def name(self):
        return "suggest_programmi"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Suggest networks of projects (programmi a rete)")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Proposes networks of projects: territorial ones (projects whose lavori lie within the "
            "given distance of each other, across comune borders) and thematic ones (projects in "
            "different comuni answering criticità of the same ambito or sharing two ambiti). Each "
            "proposal says why it was made. Proposals already accepted or rejected, or already a "
            "programma, are not proposed again. Writes a GeoPackage with the proposals (convex hull "
            "of the members' lavori), their members and their pairs."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile(self.INPUT, tr("RE.MIX GeoPackage"), extension="gpkg"))
        # a distance parameter is a double on every QGIS version (no enum to translate)
        self.addParameter(
            QgsProcessingParameterDistance(
                self.DISTANCE,
                tr("Distance between lavori (metres)"),
                defaultValue=DEFAULT_DISTANCE,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.PROXIMITY, tr("Territorial proposals"), defaultValue=True)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.THEMES, tr("Thematic proposals"), defaultValue=True)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Proposals (GeoPackage)"), tr("GeoPackage (*.gpkg)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.PROPOSALS, tr("Proposals")))
        self.addOutput(QgsProcessingOutputNumber(self.SUPPRESSED, tr("Not proposed again")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...networks.output import write_proposals
        from ...networks.suggest import suggest

        source = self.parameterAsFile(parameters, self.INPUT, context)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context)
        try:
            result = suggest(
                source,
                distance=distance,
                proximity=self.parameterAsBoolean(parameters, self.PROXIMITY, context),
                themes=self.parameterAsBoolean(parameters, self.THEMES, context),
            )
            feedback.setProgress(80)
            write_proposals(result, output, source_label=source)
        except RemixError as exc:
            raise QgsProcessingException(exc.message(ui_language())) from exc
        except (OSError, RuntimeError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        for proposal in result.proposals:
            feedback.pushInfo(
                f"{proposal.kind}: {', '.join(proposal.comuni_names)} — {proposal.reason.get(ui_language())}"
            )
        feedback.setProgress(100)
        return {
            self.OUTPUT: output,
            self.PROPOSALS: len(result.proposals),
            self.SUPPRESSED: len(result.suppressed),
        }
