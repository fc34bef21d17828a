"""``python3 -m remix_plugin validate FILE.gpkg|DSN [--profile NAME] [--format text|jsonl] [--lang it|en]``

No QGIS needed (sqlite3 + GDAL/OGR + shapely from the distribution; psycopg2 for a DSN). A DSN
(``central/dsn.looks_like_dsn``: ``service=remix``, ``host=… dbname=…``, ``postgresql://…``)
validates the central database (``central/validation_source.DatabaseSource``), anything else
is a GeoPackage. Exit codes: 0 no errors (warnings may be printed), 1 errors found, 2 the file,
the database (cannot connect, no PostGIS, no RE.MIX schema, a newer schema) or the profile
cannot be used, with a one-line reason on stderr.
"""

import json
import os
import sqlite3
import sys
from pathlib import Path

from ..i18n import tr
from ..inputs import sqlite_error
from ..layers.errors import RemixFileError
from ..textsafe import safe_json_line, safe_text
from .profiles import ProfileError

EXIT_CLEAN, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _severity_text(severity, language):
    """ERRORE / AVVISO at the head of a text line."""
    if severity == "error":
        return tr("ERROR", language=language)
    return tr("WARNING", language=language)


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
            f"{_severity_text(finding.severity, language)} {safe_text(finding.code)} {safe_text(where)}"
            f"{safe_text(field_text)}: {safe_text(message)}{_coords(finding, message)}"
        )
    counts = report.counts
    lines.append(tr("{path}: {errors} errors, {warnings} warnings, {suppressed} accepted exceptions "
                    "(profile {profile}).", language=language).format(
        path=safe_text(report.path), errors=counts["error"], warnings=counts["warning"],
        suppressed=counts["suppressed"], profile=report.profile))
    return "\n".join(lines)


def jsonl_lines(report, language="it"):
    for finding in report.sorted_findings():
        yield safe_json_line(
            json.dumps(dict(finding.as_dict(language), profile=report.profile), ensure_ascii=False)
        )


def run_validate(args):
    language = getattr(args, "lang", "it") or "it"
    try:
        from .engine import validate_geopackage, validate_source
    except ImportError as exc:  # GDAL's or shapely's Python bindings are missing
        print(tr("The validator needs GDAL and shapely for Python (python3-gdal, python3-shapely): {error}",
                 language=language).format(error=exc), file=sys.stderr)
        return EXIT_UNREADABLE
    profile = getattr(args, "profile", "strict") or "strict"
    from ..central.dsn import looks_like_dsn

    database = looks_like_dsn(args.path)
    try:
        if database:
            report = _validate_database(args.path, profile, validate_source)
        else:
            report = _validate_file(args.path, profile, validate_geopackage)
    except ImportError as exc:  # psycopg2 missing (a DSN only)
        print(tr("Validating the database needs psycopg2 for Python (python3-psycopg2): {error}",
                 language=language).format(error=exc), file=sys.stderr)
        return EXIT_UNREADABLE
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
        text = tr("Unreadable file", language=language)
        print(safe_text(f"{text}: {args.path}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_UNREADABLE
    if getattr(args, "format", "text") == "jsonl":
        for line in jsonl_lines(report, language):
            print(line)
    else:
        print(format_text(report, language))
    return EXIT_ERRORS if report.has_errors else EXIT_CLEAN


def _validate_database(dsn, profile, validate_source):
    import psycopg2  # noqa: F401 (ImportError: said clearly by the caller)

    from ..central.validation_source import DatabaseSource

    return validate_source(DatabaseSource(dsn), profile=profile)


def _validate_file(path, profile, validate_geopackage):
    from ..export.validation_memo import validate_remembering

    def validate():
        return validate_geopackage(path, profile=profile)

    # remembered, so `validate` then `export-bundle` on the same unchanged file validates once;
    # only a readable regular file is hashed (a pipe or a folder gets the engine's own answer)
    if os.path.isfile(path) and os.access(path, os.R_OK):
        return validate_remembering(path, profile, validate)
    return validate()
