"""Processing algorithm remix:match_funding — which open calls for funding (bandi) every project of
a RE.MIX GeoPackage is eligible for, with the reason of each criterion (docs/funding.md).

It only calls ``funding.match.match_source`` and ``funding.output.write_match`` (the same code as
``python3 -m remix_plugin match-funding``), so both write the same files. Headless:
``qgis_process run remix:match_funding -- INPUT=file.gpkg DATE=2026-06-01 OUTPUT=match.csv``.
Texts in QGIS's language (``i18n.tr``); the group is the
incubator tools' (``RE.MIX incubator``, shared with remix:suggest_programmi).
"""

import datetime

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm

LANGUAGES = ("it", "en")



class MatchFundingAlgorithm(RemixAlgorithm):
    GROUP_ID = "incubator"
    INPUT = "INPUT"
    DATE = "DATE"
    LANGUAGE = "LANGUAGE"
    OUTPUT = "OUTPUT"
    CALLS_OUTPUT = "CALLS_OUTPUT"
    ELIGIBLE = "ELIGIBLE"
    PAIRS = "PAIRS"
    OPEN_CALLS = "OPEN_CALLS"

    def name(self):
        return "match_funding"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Match projects with calls for funding", language=ui_language())

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "For every project, the calls open on the date (today when empty) with, for each "
            "criterion (applicant, homogeneous zone, fields, aims, kind of intervention, project "
            "level, amount, co-funding), whether it is met and why. Writes a CSV with one row per "
            "project-call pair (eligible yes/no, rank) and, beside it, <name>_bandi.csv with the "
            "eligible projects of each call.",
            language=ui_language(),
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, tr("RE.MIX GeoPackage", language=ui_language()), extension="gpkg"
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DATE,
                tr("Calls open on (YYYY-MM-DD; empty: today)", language=ui_language()),
                defaultValue="",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE,
                tr("Language of the reasons", language=ui_language()),
                options=["italiano", "English"],
                defaultValue=0,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Matches (CSV)", language=ui_language()), "CSV (*.csv)"
            )
        )
        self.addOutput(QgsProcessingOutputFile(self.CALLS_OUTPUT, tr("Calls (CSV)", language=ui_language())))
        self.addOutput(QgsProcessingOutputNumber(self.ELIGIBLE, tr("Eligible pairs", language=ui_language())))
        self.addOutput(QgsProcessingOutputNumber(self.PAIRS, tr("Pairs evaluated", language=ui_language())))
        self.addOutput(QgsProcessingOutputNumber(self.OPEN_CALLS, tr("Open calls", language=ui_language())))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...funding.match import match_source
        from ...funding.output import write_match

        source = self.parameterAsFile(parameters, self.INPUT, context)
        date = (self.parameterAsString(parameters, self.DATE, context) or "").strip() or None
        language = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if date:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                raise QgsProcessingException(
                    tr("Invalid date {date}: use YYYY-MM-DD.", language=ui_language()).format(date=date)
                ) from None
        try:
            result = match_source(source, date)
            first, second = write_match(result, output, language)
        except RemixError as exc:
            raise QgsProcessingException(exc.message(ui_language())) from exc
        except OSError as exc:
            raise QgsProcessingException(str(exc)) from exc
        eligible = sum(1 for m in result.matches if m.eligible)
        feedback.pushInfo(
            tr(
                "{n_projects} projects × {n_calls} calls open on {date}: {eligible} eligible pairs.",
                language=ui_language(),
            ).format(
                n_projects=len(result.projects),
                n_calls=len(result.calls),
                date=result.date,
                eligible=eligible,
            )
        )
        return {
            self.OUTPUT: str(first),
            self.CALLS_OUTPUT: str(second),
            self.ELIGIBLE: eligible,
            self.PAIRS: len(result.matches),
            self.OPEN_CALLS: len(result.calls),
        }
