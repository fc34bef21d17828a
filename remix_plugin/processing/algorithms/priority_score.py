"""Processing algorithm remix:priority_score — the metropolitan priority score of every project,
with its breakdown, as CSV. Calls ``priority.score`` (the same code as
``python3 -m remix_plugin priority-score``); the profile defaults to the shipped cmm-2026."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ...i18n import tr, ui_language
from .suggest_programmi import IncubatorAlgorithm


class PriorityScoreAlgorithm(IncubatorAlgorithm):
    INPUT = "INPUT"
    PROFILE = "PROFILE"
    OUTPUT = "OUTPUT"
    PROJECTS = "PROJECTS"
    PROFILE_USED = "PROFILE_USED"

    def name(self):
        return "priority_score"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Metropolitan priority score")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Scores every project of a RE.MIX GeoPackage from 0 to 100 with the weights of a "
            "versioned priority profile (default: the one shipped with the plugin, cmm-2026): scale "
            "of the expected impact, comuni touched, criticità answered, co-funding secured, how far "
            "the design has gone, membership of a network. Each row of the CSV gives every "
            "criterion's value, normalised value and points. A profile with an unknown criterion "
            "or weights that do not add up to 100 is refused."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile(self.INPUT, tr("RE.MIX GeoPackage"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterFile(
                self.PROFILE, tr("Priority profile (JSON)"), extension="json", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Scores (CSV)"), tr("CSV (*.csv)"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.PROJECTS, tr("Projects scored")))
        self.addOutput(QgsProcessingOutputString(self.PROFILE_USED, tr("Profile used")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...priority.score import load_profile, score_projects, write_csv

        source = self.parameterAsFile(parameters, self.INPUT, context)
        profile_path = self.parameterAsFile(parameters, self.PROFILE, context) or None
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        try:
            profile = load_profile(profile_path)
            scores = score_projects(source, profile)
            write_csv(scores, profile, output)
        except RemixError as exc:
            raise QgsProcessingException(exc.message(ui_language())) from exc
        except (OSError, RuntimeError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        for item in scores[:10]:
            feedback.pushInfo(f"{item.rank}. {item.score:.1f} {item.titolo}")
        feedback.setProgress(100)
        return {
            self.OUTPUT: output,
            self.PROJECTS: len(scores),
            self.PROFILE_USED: f"{profile.name} {profile.version}",
        }
