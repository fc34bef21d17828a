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

import argparse
import datetime
import sqlite3
import sys

from ..i18n import pick

EXIT_CLEAN, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2
COMMANDS = ("match-funding", "import-funding-opendata")

MESSAGES = {
    "bad_date": ("Data non valida {date}: usare AAAA-MM-GG.", "Invalid date {date}: use YYYY-MM-DD."),
    "failed": ("Impossibile completare {command}: {error}", "Cannot complete {command}: {error}"),
    "matched": (
        "{output}: {projects} progetti × {calls} bandi aperti al {date}; {eligible} abbinamenti idonei "
        "(bandi: {calls_output}).",
        "{output}: {projects} projects × {calls} calls open on {date}; {eligible} eligible pairs "
        "(calls: {calls_output}).",
    ),
    "project": ("  {title}: {calls}", "  {title}: {calls}"),
    "imported": (
        "{gpkg}: {inserted} finanziamenti aggiunti, {updated} aggiornati da {source} ({layout}); "
        "{rows} righe, {unmatched} CUP senza progetto, {rejected} righe scartate.",
        "{gpkg}: {inserted} funding rows added, {updated} updated from {source} ({layout}); "
        "{rows} rows, {unmatched} CUPs with no project, {rejected} rows rejected.",
    ),
    "rejected": ("  riga {line}: CUP {cup}: {reason}", "  line {line}: CUP {cup}: {reason}"),
    "backup": ("Copia di sicurezza: {path}", "Backup copy: {path}"),
}


def _text(key, language, **values):
    it, en = MESSAGES[key]
    return pick(language, it, en).format(**values)


def add_parser(subparsers):
    match = subparsers.add_parser("match-funding", help="open calls for funding each project is eligible for")
    match.add_argument("source", metavar="FILE|DSN")
    match.add_argument("output", metavar="OUTPUT.csv")
    match.add_argument("--date", metavar="YYYY-MM-DD", help="calls open on this date (default: today)")
    match.add_argument("--lang", choices=("it", "en"), default="it")
    match.set_defaults(remix_funding="match")
    opendata = subparsers.add_parser(
        "import-funding-opendata", help="attach national open data (PNRR, OpenCoesione) by CUP"
    )
    opendata.add_argument("gpkg", metavar="FILE.gpkg")
    opendata.add_argument("data", metavar="DATA.csv")
    opendata.add_argument("--layout", choices=("pnrr", "coesione"), help="CSV layout (default: detected)")
    opendata.add_argument("--no-backup", action="store_true", help="do not make a backup copy first")
    opendata.add_argument("--lang", choices=("it", "en"), default="it")
    opendata.set_defaults(remix_funding="opendata")
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
    command = "match-funding" if args.remix_funding == "match" else "import-funding-opendata"
    try:
        if args.remix_funding == "match":
            return _match(args, language)
        return _opendata(args, language)
    except RemixError as exc:
        _say(exc.message(language), sys.stderr)
        return EXIT_UNREADABLE
    except (OSError, sqlite3.Error, RuntimeError, UnicodeError, ValueError) as exc:
        _say(_text("failed", language, command=command, error=_first_line(exc)), sys.stderr)
        return EXIT_UNREADABLE


def _match(args, language):
    from .match import match_source
    from .output import calls_path, write_match

    if args.date:
        try:
            datetime.date.fromisoformat(args.date)
        except ValueError:
            _say(_text("bad_date", language, date=args.date), sys.stderr)
            return EXIT_UNREADABLE
    result = match_source(args.source, args.date)
    write_match(result, args.output, language)
    for uuid, project in sorted(result.projects.items(), key=lambda item: (item[1].titolo, item[0])):
        eligible = [m for m in result.of_project(uuid) if m.eligible]
        if eligible:
            titles = {c.uuid: c.titolo for c in result.calls}
            _say(
                _text(
                    "project",
                    language,
                    title=project.titolo,
                    calls="; ".join(titles[m.bando_uuid] for m in eligible),
                )
            )
    _say(
        _text(
            "matched",
            language,
            output=args.output,
            projects=len(result.projects),
            calls=len(result.calls),
            date=result.date,
            eligible=sum(1 for m in result.matches if m.eligible),
            calls_output=calls_path(args.output),
        )
    )
    return EXIT_CLEAN


def _opendata(args, language):
    from .opendata import import_open_data

    report = import_open_data(args.gpkg, args.data, args.layout, backup=not args.no_backup)
    if report.backup:
        _say(_text("backup", language, path=report.backup))
    for line, cup, reason in report.rejected[:20]:
        _say(_text("rejected", language, line=line, cup=cup, reason=reason))
    _say(
        _text(
            "imported",
            language,
            gpkg=args.gpkg,
            inserted=report.inserted,
            updated=report.updated,
            source=report.source,
            layout=report.layout,
            rows=report.rows,
            unmatched=len(report.unmatched),
            rejected=len(report.rejected),
        )
    )
    return EXIT_REFUSED if report.rejected else EXIT_CLEAN


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
