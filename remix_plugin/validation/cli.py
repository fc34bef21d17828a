"""``python3 -m remix_plugin validate FILE.gpkg [--profile NAME] [--format text|jsonl] [--lang it|en]``

No QGIS needed (sqlite3 + GDAL/OGR + shapely from the distribution). Exit codes: 0 no errors
(warnings may be printed), 1 errors found, 2 the file (or the profile) cannot be used, with a
one-line reason on stderr.
"""

import json
import os
import sqlite3
import sys
from pathlib import Path

from ..inputs import sqlite_error
from ..layers.errors import RemixFileError
from ..textsafe import safe_json_line, safe_text
from .profiles import ProfileError

EXIT_CLEAN, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
MISSING_LIBRARY = {
    "it": "Il validatore richiede GDAL e shapely per Python (python3-gdal, python3-shapely): {error}",
    "en": "The validator needs GDAL and shapely for Python (python3-gdal, python3-shapely): {error}",
}
SEVERITY_TEXT = {
    "it": {"error": "ERRORE", "warning": "AVVISO"},
    "en": {"error": "ERROR", "warning": "WARNING"},
}


def _coords(finding, message):
    if finding.x is None or finding.y is None:
        return ""
    text = f"{finding.x:.2f} {finding.y:.2f}"
    return "" if text in message else f" @ {text}"


def format_text(report, language="it"):
    lines = []
    for finding in report.sorted_findings():
        where = finding.layer + (f" {finding.feature_uuid}" if finding.feature_uuid else "")
        field_text = f".{finding.field}" if finding.field else ""
        message = finding.message(language)
        lines.append(
            f"{SEVERITY_TEXT[language][finding.severity]} {safe_text(finding.code)} {safe_text(where)}"
            f"{safe_text(field_text)}: {safe_text(message)}{_coords(finding, message)}"
        )
    counts = report.counts
    if language == "it":
        lines.append(
            f"{safe_text(report.path)}: {counts['error']} errori, {counts['warning']} avvisi, "
            f"{counts['suppressed']} eccezioni accettate (profilo {report.profile})."
        )
    else:
        lines.append(
            f"{safe_text(report.path)}: {counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['suppressed']} accepted exceptions (profile {report.profile})."
        )
    return "\n".join(lines)


def jsonl_lines(report, language="it"):
    for finding in report.sorted_findings():
        yield safe_json_line(
            json.dumps(dict(finding.as_dict(language), profile=report.profile), ensure_ascii=False)
        )


def run_validate(args):
    language = getattr(args, "lang", "it") or "it"
    try:
        from .engine import validate_geopackage
    except ImportError as exc:  # GDAL's or shapely's Python bindings are missing
        print(MISSING_LIBRARY[language].format(error=exc), file=sys.stderr)
        return EXIT_UNREADABLE
    profile = getattr(args, "profile", "strict") or "strict"
    try:
        from ..export.validation_memo import validate_remembering

        def validate():
            return validate_geopackage(args.path, profile=profile)

        # remembered, so `validate` then `export-bundle` on the same unchanged file validates once;
        # only a readable regular file is hashed (a pipe or a folder gets the engine's own answer)
        if os.path.isfile(args.path) and os.access(args.path, os.R_OK):
            report = validate_remembering(args.path, profile, validate)
        else:
            report = validate()
    except RemixFileError as exc:
        print(safe_text(exc.message(language)), file=sys.stderr)
        return EXIT_UNREADABLE
    except ProfileError as exc:
        print(safe_text(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # met while reading the rows
        print(safe_text(sqlite_error(exc, Path(args.path).name).message(language)), file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        text = {"it": "File illeggibile", "en": "Unreadable file"}[language]
        print(safe_text(f"{text}: {args.path}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_UNREADABLE
    if getattr(args, "format", "text") == "jsonl":
        for line in jsonl_lines(report, language):
            print(line)
    else:
        print(format_text(report, language))
    return EXIT_ERRORS if report.has_errors else EXIT_CLEAN
