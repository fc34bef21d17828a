"""Processing algorithm remix:validate — validate a RE.MIX GeoPackage or the central database
against the data model and the classification scheme; writes the findings as JSON Lines.

``INPUT`` is a RE.MIX GeoPackage, a central-database DSN (``service=remix``, ``postgresql://…``)
or the name of a saved QGIS PostgreSQL connection (as remix:prepare_server). It only calls
``validation.engine`` (the same implementation, and for a database the same
``central/validation_source.DatabaseSource``, as the command line ``python3 -m remix_plugin
validate``), so both give the same findings. Usable headless:
``qgis_process.bin run remix:validate -- INPUT=file.gpkg PROFILE=0 OUTPUT=report.jsonl``.
"""

import os
from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm, store_help, store_of, store_parameter

PROFILES = ("strict", "draft")  # same order as the enum shown to users


class ValidateAlgorithm(RemixAlgorithm):
    GROUP_ID = "geopackage"
    STORE_PARAMETERS = ("INPUT",)
    INPUT = "INPUT"
    PROFILE = "PROFILE"
    OUTPUT = "OUTPUT"
    ERRORS = "ERRORS"
    WARNINGS = "WARNINGS"
    SUPPRESSED = "SUPPRESSED"
    PROFILE_USED = "PROFILE_USED"

    def name(self):
        return "validate"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Validate RE.MIX data (GeoPackage or database)")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Checks a RE.MIX GeoPackage against the data model and the RE.MIX classification scheme: "
            "structure, codes of every classified field, required fields, cross-field rules, links "
            "between tables and geometries (validity by GEOS, reference system, territory, comune, "
            "overlaps, slivers, duplicates). Writes one finding per line (JSON Lines) with its code, "
            "severity, layer, feature UUID, field, message and position. The 'strict' profile is what "
            "the Region accepts; 'draft' is lenient for work in progress. The algorithm fails when "
            "errors are found, after writing the report."
        ) + "\n\n" + store_help()

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        # Text, not a file: a file parameter refuses a connection string (as remix:prepare_server)
        self.addParameter(store_parameter(self.INPUT))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PROFILE,
                tr("Profile"),
                options=[tr("strict (what the Region accepts)"), tr("draft (work in progress)")],
                defaultValue=0,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Report (JSON Lines)"), tr("JSON Lines (*.jsonl)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber(self.WARNINGS, tr("Warnings")))
        self.addOutput(QgsProcessingOutputNumber(self.SUPPRESSED, tr("Accepted exceptions")))
        self.addOutput(QgsProcessingOutputString(self.PROFILE_USED, tr("Profile used")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...export.validation_memo import validate_remembering
        from ...layers.errors import RemixFileError
        from ...validation.cli import jsonl_lines
        from ...validation.engine import ValidationCancelled, validate_geopackage, validate_source
        from ...validation.task import is_database, validation_source
        given = (self.parameterAsString(parameters, self.INPUT, context) or "").strip()
        source = store_of(given)
        database = is_database(source)
        if database:
            from ...central.dsn import display_dsn

            path = display_dsn(given if given != source else source)  # never a password shown
        else:
            path = source
        index = (
            self.parameterAsEnum(parameters, self.PROFILE, context)
            if parameters.get(self.PROFILE) is not None
            else 0
        )
        profile = PROFILES[index] if 0 <= index < len(PROFILES) else PROFILES[0]
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        language = ui_language()
        feedback.pushInfo(
            tr("Validating {path} with the {profile} profile…").format(path=path, profile=profile)
        )
        try:
            if database:  # the same reader as `validate DSN`; nothing to remember (a live database)
                report = validate_source(validation_source(source), profile=profile,
                                         progress=feedback.setProgress, is_cancelled=feedback.isCanceled)
            else:  # remembered: an export of this same file right after does not validate it again
                report = validate_remembering(
                    path,
                    profile,
                    lambda: validate_geopackage(
                        path, profile=profile, progress=feedback.setProgress,
                        is_cancelled=feedback.isCanceled
                    ),
                )
        except RemixFileError as exc:
            raise QgsProcessingException(exc.message(language)) from exc
        except ValidationCancelled:
            raise QgsProcessingException(tr("Validation cancelled.")) from None
        _write_atomically(output, jsonl_lines(report, language))
        counts = report.counts
        feedback.pushInfo(
            tr(
                "{errors} errors, {warnings} warnings, {suppressed} accepted exceptions (profile {profile})."
            ).format(
                errors=counts["error"],
                warnings=counts["warning"],
                suppressed=counts["suppressed"],
                profile=profile,
            )
        )
        for finding in report.by_severity("error")[:20]:
            feedback.reportError(f"{finding.code} {finding.message(language)}")
        if report.has_errors:
            raise QgsProcessingException(
                tr("{errors} errors found: see the report {path}").format(errors=counts["error"], path=output)
            )
        return {
            self.OUTPUT: output,
            self.ERRORS: counts["error"],
            self.WARNINGS: counts["warning"],
            self.SUPPRESSED: counts["suppressed"],
            self.PROFILE_USED: profile,
        }


def _write_atomically(path, lines):
    import tempfile  # here, not at module level: this module is imported at QGIS start-up

    from ...files import durable_replace

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix="." + target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for line in lines:
                stream.write(line + "\n")
        durable_replace(temp_name, target)
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise
