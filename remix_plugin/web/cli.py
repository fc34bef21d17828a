"""``publish-web FILE|DSN OUTDIR [--lang it|en] [--comune ISTAT|NOME ...] [--base-layer xyz|wms URL]``:
the static web atlas.

No QGIS needed (GDAL/OGR; psycopg2 for a central-database DSN). Exit codes: 0 published; 1 refused
(OUTDIR not empty and not a previous publication, a file without the ``pubblicabile`` field, a
database without the RE.MIX schema, an unknown comune in the filter, the map library missing from
the plugin); 2 the file or the database cannot be read or the folder written (one line on stderr,
never a traceback). ``__main__.py`` runs it as ``publish-web``;
``python3 -m remix_plugin.web.cli FILE OUTDIR`` runs it alone.
"""

import argparse
import sqlite3
import sys

COMMANDS = ("publish-web",)
EXIT_CLEAN, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2
# RemixError codes of publish_web that are refusals (exit 1), not read/write failures (exit 2)
REFUSALS = {
    "target_not_empty",
    "target_not_folder",
    "no_publishable_flag",
    "unknown_comune",
    "no_vendor",
    "not_remix",
    "bad_language",
    "bad_base_layer",
}


def add_parser(subparsers):
    """Add ``publish-web`` to an argparse subparsers object; returns the new parser."""
    parser = subparsers.add_parser(
        "publish-web", help="publish the projects marked 'pubblicabile' as a static web atlas"
    )
    parser.add_argument(
        "source", metavar="FILE|DSN", help="RE.MIX GeoPackage or central database connection string"
    )
    parser.add_argument(
        "out_dir", metavar="OUTDIR", help="folder to write (new, empty or a previous publication)"
    )
    parser.add_argument(
        "--lang", choices=("it", "en"), default="it", help="first language of the page and of messages"
    )
    parser.add_argument(
        "--comune",
        nargs="+",
        default=None,
        metavar="ISTAT|NOME",
        help="publish only the projects of these comuni",
    )
    parser.add_argument(
        "--base-layer",
        nargs=2,
        default=None,
        metavar=("xyz|wms", "URL"),
        help="optional base map under the comuni: an XYZ tile address with {z}/{x}/{y} or a WMS address "
        "(the page then asks that host for images; without it the page requests nothing outside its folder)",
    )
    parser.add_argument(
        "--base-layer-layers", default=None, metavar="NAMES", help="the WMS layers (comma-separated)"
    )
    parser.add_argument(
        "--base-layer-attribution", default=None, metavar="TEXT", help="the credit shown on the map"
    )
    parser.set_defaults(command="publish-web")
    return parser


def _base_layer(args):
    """The ``base_layer`` of publish_web from the options (None without ``--base-layer``)."""
    if not getattr(args, "base_layer", None):
        return None
    kind, url = args.base_layer
    layer = {"type": kind.strip().lower(), "url": url.strip()}
    if args.base_layer_layers:
        layer["layers"] = args.base_layer_layers.strip()
    if args.base_layer_attribution:
        layer["attribution"] = args.base_layer_attribution.strip()
    return layer


def run(args):
    """Run ``publish-web`` for parsed ``args``; returns the exit code."""
    from ..errors import RemixError
    from ..i18n import tr
    from ..inputs import sqlite_error, write_error
    from ..textsafe import safe_text
    from .publish import publish_web

    try:
        from osgeo import gdal

        gdal.UseExceptions()
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        record = publish_web(
            args.source, args.out_dir, filter=args.comune, language=args.lang, base_layer=_base_layer(args)
        )
    except RemixError as exc:
        print(safe_text(exc.message(args.lang)), file=sys.stderr)
        return EXIT_REFUSED if exc.code in REFUSALS else EXIT_UNREADABLE
    except OSError as exc:
        print(safe_text(write_error(exc, args.out_dir).message(args.lang)), file=sys.stderr)
        return EXIT_UNREADABLE
    except sqlite3.Error as exc:
        print(safe_text(sqlite_error(exc, str(args.source)).message(args.lang)), file=sys.stderr)
        return EXIT_UNREADABLE
    except RuntimeError as exc:  # GDAL with exceptions on
        print(
            safe_text(
                tr("Cannot read {path}: {error}", language=args.lang).format(path=args.source, error=exc)
            ),
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    counts = record["counts"]
    print(
        safe_text(
            tr(
                "Web atlas written in {folder}: {n} projects, {m} physical works ({held} not publishable).",
                language=args.lang,
            ).format(
                folder=args.out_dir,
                n=counts["progetti"],
                m=counts["lavori"],
                held=counts["progetti_non_pubblicabili"],
            )
        )
    )
    return EXIT_CLEAN


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m remix_plugin.web.cli", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add_parser(commands)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] != ["publish-web"]:
        argv = ["publish-web", *argv]
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
