"""The funding commands (no QGIS):

``python3 -m remix_plugin match-funding FILE.gpkg|DSN OUTPUT.csv [--date YYYY-MM-DD] [--lang it|en]``
    One CSV row per (project, call open on the date): eligible yes/no, rank, and for each
    criterion met or not with its reason; ``OUTPUT_bandi.csv`` beside it: each open call with its
    eligible projects. Exit codes: 0 written; 2 the source or the output cannot be used.

``python3 -m remix_plugin import-funding-opendata FILE.gpkg DATA.csv [--layout pnrr|coesione]``
    Attach national open data on funded projects (Italia Domani PNRR, OpenCoesione) to the
    projects with the same CUP, as finanziamenti rows (a backup copy first). Exit codes: 0 imported
    (also when no CUP matched: the counts say so); 1 rows of the file were rejected (bad CUP or
    value; the others are imported); 2 either file cannot be read or written (nothing written).
"""

import datetime

from ..cli_tools import (
    EXIT_CLEAN,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    add_language,
    complain,
    guarded,
    say,
    standalone_main,
)
from ..i18n import tr

COMMANDS = ("match-funding", "import-funding-opendata")


def add_parser(subparsers):
    match = subparsers.add_parser("match-funding", help="open calls for funding each project is eligible for")
    match.add_argument("source", metavar="FILE|DSN")
    match.add_argument("output", metavar="OUTPUT.csv")
    match.add_argument("--date", metavar="YYYY-MM-DD", help="calls open on this date (default: today)")
    add_language(match)
    match.set_defaults(remix_funding="match")
    opendata = subparsers.add_parser(
        "import-funding-opendata", help="attach national open data (PNRR, OpenCoesione) by CUP"
    )
    opendata.add_argument("gpkg", metavar="FILE.gpkg")
    opendata.add_argument("data", metavar="DATA.csv")
    opendata.add_argument("--layout", choices=("pnrr", "coesione"), help="CSV layout (default: detected)")
    opendata.add_argument("--no-backup", action="store_true", help="do not make a backup copy first")
    add_language(opendata)
    opendata.set_defaults(remix_funding="opendata")
    return subparsers


def run(args):
    if args.remix_funding == "match":
        return guarded("match-funding", args.lang, lambda: _match(args, args.lang))
    return guarded("import-funding-opendata", args.lang, lambda: _opendata(args, args.lang))


def _match(args, language):
    from .match import match_source
    from .output import calls_path, write_match

    if args.date:
        try:
            datetime.date.fromisoformat(args.date)
        except ValueError:
            complain(tr("Invalid date {date}: use YYYY-MM-DD.", language=language).format(date=args.date))
            return EXIT_UNREADABLE
    result = match_source(args.source, args.date)
    write_match(result, args.output, language)
    titles = {c.uuid: c.titolo for c in result.calls}
    for uuid, project in sorted(result.projects.items(), key=lambda item: (item[1].titolo, item[0])):
        eligible = [m for m in result.of_project(uuid) if m.eligible]
        if eligible:
            say(f"  {project.titolo}: " + "; ".join(titles[m.bando_uuid] for m in eligible))
    say(tr("{output}: {projects} projects × {calls} calls open on {date}; {eligible} eligible pairs "
           "(calls: {calls_output}).", language=language).format(
        output=args.output, projects=len(result.projects), calls=len(result.calls), date=result.date,
        eligible=sum(1 for m in result.matches if m.eligible), calls_output=calls_path(args.output)))
    return EXIT_CLEAN


def _opendata(args, language):
    from .opendata import import_open_data

    report = import_open_data(args.gpkg, args.data, args.layout, backup=not args.no_backup)
    if report.backup:
        say(tr("Backup copy: {path}", language=language).format(path=report.backup))
    for line, cup, reason in report.rejected[:20]:
        say(tr("  line {line}: CUP {cup}: {reason}", language=language).format(
            line=line, cup=cup, reason=reason))
    summary = tr("{gpkg}: {inserted} funding rows added, {updated} updated from {source} ({layout}); "
                 "{rows} rows, {unmatched} CUPs with no project, {rejected} rows rejected.",
                 language=language)
    say(summary.format(gpkg=args.gpkg, inserted=report.inserted, updated=report.updated, source=report.source,
                       layout=report.layout, rows=report.rows, unmatched=len(report.unmatched),
                       rejected=len(report.rejected)))
    return EXIT_REFUSED if report.rejected else EXIT_CLEAN


def main(argv=None):
    return standalone_main(add_parser, run, argv)


if __name__ == "__main__":
    import sys

    sys.exit(main())
