"""The monitoring command (no QGIS):

``python3 -m remix_plugin kpi-report FILE.gpkg|DSN OUTPUT.csv [--overview FILE.csv] [--lang it|en]``
    One CSV row per project and indicator (baseline, target, latest value, share of the target
    reached, status) and, beside it (``OUTPUT_overview.csv`` unless ``--overview``), the count of
    each status per zona omogenea and ambito. Exit codes: 0 written; 2 the source cannot be read
    or an output cannot be written (one line on stderr).
"""

import os

from ..cli_tools import EXIT_CLEAN, EXIT_UNREADABLE, add_language, complain, guarded, say, standalone_main
from ..i18n import tr

COMMANDS = ("kpi-report",)


def add_parser(subparsers):
    report = subparsers.add_parser(
        "kpi-report", help="indicator monitoring: baseline, target, latest value and status per project"
    )
    report.add_argument("source", metavar="FILE|DSN")
    report.add_argument("output", metavar="OUTPUT.csv")
    report.add_argument("--overview", metavar="FILE.csv", help="overview CSV (default: OUTPUT_overview.csv)")
    add_language(report)
    report.set_defaults(remix_monitoring="kpi-report")
    return subparsers


def run(args):
    return guarded("kpi-report", args.lang, lambda: _report(args, args.lang))


def _report(args, language):
    from .kpi import STATUSES, kpi_report
    from .output import overview_path, write_report

    overview = args.overview or str(overview_path(args.output))
    if os.path.abspath(overview) == os.path.abspath(args.output):
        complain(tr("The overview and the report cannot be the same file: {path}.", language=language).format(
            path=overview))
        return EXIT_UNREADABLE
    report = kpi_report(args.source)
    write_report(report, args.output, overview, language)
    counts = report.counts()
    for status in STATUSES:
        say(f"  {status.label(language)}: {counts[status.code]}")
    say(tr("{output}: {rows} rows (projects × indicators) of {projects} projects; overview: {overview}.",
           language=language).format(output=args.output, rows=len(report.rows),
                                     projects=len({r.progetto_uuid for r in report.rows}), overview=overview))
    return EXIT_CLEAN


def main(argv=None):
    return standalone_main(add_parser, run, argv)


if __name__ == "__main__":
    import sys

    sys.exit(main())
