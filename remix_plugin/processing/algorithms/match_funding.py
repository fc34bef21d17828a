"""Processing algorithm remix:match_funding — which open calls for funding (bandi) every project of
a RE.MIX GeoPackage is eligible for, with the reason of each criterion (docs/funding.md).

It only calls ``funding.match.match_source`` and ``funding.output.write_match`` (the same code as
``python3 -m remix_plugin match-funding``), so both write the same files. Headless:
``qgis_process run remix:match_funding -- INPUT=file.gpkg DATE=2026-06-01 OUTPUT=match.csv``.
Texts are bilingual data picked by QGIS's language (no new strings for the .ts); the group is the
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

from ...i18n import pick, ui_language
from .base import RemixAlgorithm

LANGUAGES = ("it", "en")


def _t(italian, english):
    return pick(ui_language(), italian, english)


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
        return _t("Abbina progetti e bandi di finanziamento", "Match projects with calls for funding")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return _t(
            "Per ogni progetto, i bandi aperti alla data (oggi se vuota) con, per ogni criterio "
            "(beneficiario, zona omogenea, ambiti, finalità, tipo di intervento, livello progettuale, "
            "importo, cofinanziamento), se è soddisfatto e perché. Scrive un CSV con una riga per coppia "
            "progetto-bando (idoneo sì/no, rango) e, accanto, <nome>_bandi.csv con i progetti idonei di "
            "ogni bando.",
            "For every project, the calls open on the date (today when empty) with, for each criterion "
            "(applicant, homogeneous zone, fields, aims, kind of intervention, project level, amount, "
            "co-funding), whether it is met and why. Writes a CSV with one row per project-call pair "
            "(eligible yes/no, rank) and, beside it, <name>_bandi.csv with the eligible projects of "
            "each call.",
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, _t("GeoPackage RE.MIX", "RE.MIX GeoPackage"), extension="gpkg"
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DATE,
                _t("Bandi aperti al (AAAA-MM-GG; vuoto: oggi)", "Calls open on (YYYY-MM-DD; empty: today)"),
                defaultValue="",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE,
                _t("Lingua dei motivi", "Language of the reasons"),
                options=["italiano", "English"],
                defaultValue=0,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, _t("Abbinamenti (CSV)", "Matches (CSV)"), "CSV (*.csv)"
            )
        )
        self.addOutput(QgsProcessingOutputFile(self.CALLS_OUTPUT, _t("Bandi (CSV)", "Calls (CSV)")))
        self.addOutput(QgsProcessingOutputNumber(self.ELIGIBLE, _t("Coppie idonee", "Eligible pairs")))
        self.addOutput(QgsProcessingOutputNumber(self.PAIRS, _t("Coppie valutate", "Pairs evaluated")))
        self.addOutput(QgsProcessingOutputNumber(self.OPEN_CALLS, _t("Bandi aperti", "Open calls")))

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
                    _t(f"Data non valida {date}: usare AAAA-MM-GG.", f"Invalid date {date}: use YYYY-MM-DD.")
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
            _t(
                f"{len(result.projects)} progetti × {len(result.calls)} bandi aperti al {result.date}: "
                f"{eligible} coppie idonee.",
                f"{len(result.projects)} projects × {len(result.calls)} calls open on {result.date}: "
                f"{eligible} eligible pairs.",
            )
        )
        return {
            self.OUTPUT: str(first),
            self.CALLS_OUTPUT: str(second),
            self.ELIGIBLE: eligible,
            self.PAIRS: len(result.matches),
            self.OPEN_CALLS: len(result.calls),
        }
