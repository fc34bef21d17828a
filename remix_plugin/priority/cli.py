"""``python3 -m remix_plugin priority-score FILE.gpkg|DSN OUTPUT.csv [--profile FILE] [--lang it|en]``

One CSV row per project, best first: rank, score (0…100), and for each criterion of the profile
its raw value, normalised value (0…1) and points, then the breakdown in Italian and English.
No QGIS. Exit codes: 0 written; 2 the source, the profile or the output cannot be used (one
line on stderr; a profile with an unknown criterion or bad weights is refused this way).
"""

import argparse
import sqlite3
import sys

from ..i18n import tr

EXIT_CLEAN, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2
COMMANDS = ("priority-score",)


def add_parser(subparsers):
    parser = subparsers.add_parser("priority-score", help="metropolitan priority score of every project")
    parser.add_argument("source", metavar="FILE|DSN")
    parser.add_argument("output", metavar="OUTPUT.csv")
    parser.add_argument("--profile", metavar="FILE", help="priority profile (default: the shipped cmm-2026)")
    parser.add_argument("--lang", choices=("it", "en"), default="it")
    parser.set_defaults(remix_priority="score")
    return subparsers


def _say(text, stream=None):
    from ..textsafe import safe_text

    print(safe_text(text), file=stream or sys.stdout)


def run(args):
    from ..errors import RemixError
    from .score import load_profile, score_projects, write_csv

    language = args.lang
    try:
        profile = load_profile(args.profile)
        scores = score_projects(args.source, profile)
        write_csv(scores, profile, args.output)
    except RemixError as exc:
        _say(exc.message(language), sys.stderr)
        return EXIT_UNREADABLE
    except (OSError, sqlite3.Error, RuntimeError) as exc:
        text = str(exc).strip()
        _say(
            tr("Cannot complete {command}: {error}", language=language).format(
                command="priority-score", error=text.splitlines()[0] if text else type(exc).__name__
            ),
            sys.stderr,
        )
        return EXIT_UNREADABLE
    for item in scores[:10]:
        _say(f"{item.rank:>3}. {item.score:6.1f}  {item.titolo}")
    _say(
        tr("{output}: {n} projects scored with profile {profile} {version}.", language=language).format(
            output=args.output, n=len(scores), profile=profile.name, version=profile.version
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
