"""``python3 -m remix_plugin priority-score FILE.gpkg|DSN OUTPUT.csv [--profile FILE] [--lang it|en]``

One CSV row per project, best first: rank, score (0…100), and for each criterion of the profile
its raw value, normalised value (0…1) and points, then the breakdown in Italian and English.
No QGIS. Exit codes: 0 written; 2 the source, the profile or the output cannot be used (one
line on stderr; a profile with an unknown criterion or bad weights is refused this way).
"""

from ..cli_tools import EXIT_CLEAN, add_language, guarded, say, standalone_main
from ..i18n import tr

COMMANDS = ("priority-score",)


def add_parser(subparsers):
    parser = subparsers.add_parser("priority-score", help="metropolitan priority score of every project")
    parser.add_argument("source", metavar="FILE|DSN")
    parser.add_argument("output", metavar="OUTPUT.csv")
    parser.add_argument("--profile", metavar="FILE", help="priority profile (default: the shipped cmm-2026)")
    add_language(parser)
    parser.set_defaults(remix_priority="score")
    return subparsers


def run(args):
    return guarded("priority-score", args.lang, lambda: _score(args, args.lang))


def _score(args, language):
    from .score import load_profile, score_projects, write_csv

    profile = load_profile(args.profile)
    scores = score_projects(args.source, profile)
    write_csv(scores, profile, args.output)
    for item in scores[:10]:
        say(f"{item.rank:>3}. {item.score:6.1f}  {item.titolo}")
    say(tr("{output}: {n} projects scored with profile {profile} {version}.", language=language).format(
        output=args.output, n=len(scores), profile=profile.name, version=profile.version))
    return EXIT_CLEAN


def main(argv=None):
    return standalone_main(add_parser, run, argv)


if __name__ == "__main__":
    import sys

    sys.exit(main())
