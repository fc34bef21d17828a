"""The monitoring command (no QGIS):

``python3 -m remix_plugin kpi-report FILE.gpkg|DSN OUTPUT.csv [--overview FILE.csv] [--lang it|en]``
    One CSV row per project and indicator (baseline, target, latest value, share of the target
    reached, status) and, beside it (``OUTPUT_overview.csv`` unless ``--overview``), the count of
    each status per zona omogenea and ambito. Exit codes: 0 written; 2 the source cannot be read
    or an output cannot be written (one line on stderr).
"""

import argparse
import sqlite3
import sys

from ..i18n import pick

EXIT_CLEAN, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2
COMMANDS = ("kpi-report",)

MESSAGES = {
    "failed": ("Impossibile completare kpi-report: {error}", "Cannot complete kpi-report: {error}"),
    "written": (
        "{output}: {rows} righe (progetti × indicatori) di {projects} progetti; riepilogo: {overview}.",
        "{output}: {rows} rows (projects × indicators) of {projects} projects; overview: {overview}.",
    ),
    "count": ("  {label}: {count}", "  {label}: {count}"),
    "same_output": (
        "Il riepilogo e il report non possono essere lo stesso file: {path}.",
        "The overview and the report cannot be the same file: {path}.",
    ),
}


def _text(key, language, **values):
    it, en = MESSAGES[key]
    return pick(language, it, en).format(**values)


def add_parser(subparsers):
    report = subparsers.add_parser(
        "kpi-report", help="indicator monitoring: baseline, target, latest value and status per project"
    )
    report.add_argument("source", metavar="FILE|DSN")
    report.add_argument("output", metavar="OUTPUT.csv")
    report.add_argument("--overview", metavar="FILE.csv", help="overview CSV (default: OUTPUT_overview.csv)")
    report.add_argument("--lang", choices=("it", "en"), default="it")
    report.set_defaults(remix_monitoring="kpi-report")
    return subparsers


def _say(text, stream=None):
    from ..textsafe import safe_text

    print(safe_text(text), file=stream or sys.stdout)


def _first_line(exc):
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def run(args):
    from ..errors import RemixError

    language = args.lang
    try:
        return _report(args, language)
    except RemixError as exc:
        _say(exc.message(language), sys.stderr)
        return EXIT_UNREADABLE
    except (OSError, sqlite3.Error, RuntimeError, UnicodeError, ValueError) as exc:
        _say(_text("failed", language, error=_first_line(exc)), sys.stderr)
        return EXIT_UNREADABLE


def _report(args, language):
    import os

    from .kpi import STATUSES, kpi_report
    from .output import overview_path, write_report

    overview = args.overview or str(overview_path(args.output))
    if os.path.abspath(overview) == os.path.abspath(args.output):
        _say(_text("same_output", language, path=overview), sys.stderr)
        return EXIT_UNREADABLE
    report = kpi_report(args.source)
    write_report(report, args.output, overview, language)
    counts = report.counts()
    for status in STATUSES:
        _say(_text("count", language, label=status.label(language), count=counts[status.code]))
    _say(
        _text(
            "written",
            language,
            output=args.output,
            rows=len(report.rows),
            projects=len({r.progetto_uuid for r in report.rows}),
            overview=overview,
        )
    )
    return EXIT_CLEAN


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m remix_plugin")
    add_parser(parser.add_subparsers(dest="remix_command", required=True))
    try:
        from osgeo import gdal

        gdal.UseExceptions()
        gdal.PushErrorHandler("CPLQuietErrorHandler")
    except ImportError:
        pass
    return run(parser.parse_args(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
