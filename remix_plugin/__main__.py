"""Command line without QGIS, for the receiving office and for scripts:

    python3 -m remix_plugin validate FILE.gpkg [--profile NAME] [--format text|jsonl]
    python3 -m remix_plugin check-bundle FILE.gpkg|FILE.zip
    python3 -m remix_plugin create FILE.gpkg [--crs EPSG:32632]
    python3 -m remix_plugin export-bundle SOURCE.gpkg BUNDLE.gpkg [--producer CMM] [--profile NAME]
    python3 -m remix_plugin import-bundle BUNDLE.gpkg|BUNDLE.zip TARGET.gpkg

Exit codes: 0 clean, 1 findings/errors (or conflicts left for the user), 2 a file cannot be read
or written (one line in Italian or English on stderr: never a traceback).
"""

import argparse
import logging
import sqlite3
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _quiet_gdal():
    """GDAL and fiona report through exceptions here; their raw ``ERROR 1: …`` lines on stderr
    would only repeat, untranslated, what the message in the user's language says."""
    try:
        from osgeo import gdal
    except ImportError:
        return
    gdal.UseExceptions()
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    logging.getLogger("fiona").setLevel(logging.CRITICAL)


def _fail(message):
    from .textsafe import safe_text

    print(safe_text(message), file=sys.stderr)
    return EXIT_UNREADABLE


def _io_message(exc, language, path):
    from .inputs import sqlite_error, write_error

    if isinstance(exc, OSError):
        return write_error(exc, path).message(language)
    return sqlite_error(exc, str(path)).message(language)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m remix_plugin", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    create = commands.add_parser("create", help="create an empty RE.MIX GeoPackage")
    create.add_argument("path")
    create.add_argument("--crs", default="EPSG:32632")
    create.add_argument("--lang", choices=("it", "en"), default="it")

    validate = commands.add_parser("validate", help="validate a RE.MIX GeoPackage")
    validate.add_argument("path")
    validate.add_argument("--profile", default="strict")
    validate.add_argument("--format", choices=("text", "jsonl"), default="text")
    validate.add_argument("--lang", choices=("it", "en"), default="it")

    check = commands.add_parser("check-bundle", help="check a regional bundle against its specification")
    check.add_argument("path")
    check.add_argument("--format", choices=("text", "jsonl"), default="text")
    check.add_argument("--lang", choices=("it", "en"), default="it")

    export = commands.add_parser("export-bundle", help="export the regional bundle of a RE.MIX GeoPackage")
    export.add_argument("source")
    export.add_argument("target")
    export.add_argument("--producer", default="CMM")
    export.add_argument("--producer-name", default="")
    export.add_argument("--profile", choices=("strict", "draft"), default="strict")
    export.add_argument("--lang", choices=("it", "en"), default="it")

    merge = commands.add_parser("import-bundle", help="merge a regional bundle into a RE.MIX GeoPackage")
    merge.add_argument("bundle")
    merge.add_argument("target")
    merge.add_argument("--lang", choices=("it", "en"), default="it")

    args = parser.parse_args(argv)
    _quiet_gdal()
    if args.command == "create":
        return _create(args)
    if args.command == "validate":
        from .validation.cli import run_validate

        return run_validate(args)
    if args.command == "check-bundle":
        from .export.cli import run_check_bundle

        return run_check_bundle(args)
    if args.command == "export-bundle":
        return _export(args)
    if args.command == "import-bundle":
        return _import(args)
    return EXIT_UNREADABLE


def _create(args):
    from .errors import RemixError
    from .layers.geopackage import create_geopackage

    try:
        print(create_geopackage(args.path, crs=args.crs))
    except RemixError as exc:
        return _fail(exc.message(args.lang))
    except (OSError, sqlite3.Error) as exc:
        return _fail(_io_message(exc, args.lang, args.path))
    except RuntimeError as exc:  # GDAL, with exceptions on: the folder or the disk refused the file
        what = "Impossibile creare" if args.lang == "it" else "Cannot create"
        return _fail(f"{what} {args.path}: {exc}")
    return EXIT_CLEAN


def _export(args):
    from .errors import RemixError
    from .export.writer import ExportBlocked, export_bundle
    from .textsafe import safe_text

    try:
        result = export_bundle(
            args.source,
            args.target,
            producer=args.producer,
            producer_name=args.producer_name,
            profile=args.profile,
        )
    except ExportBlocked as exc:
        for finding in exc.findings[:100]:
            print(safe_text(f"{finding.layer} {finding.feature_uuid or ''}: {finding.message(args.lang)}"),
                  file=sys.stderr)
        print(safe_text(exc.message(args.lang)), file=sys.stderr)
        return EXIT_FINDINGS
    except RemixError as exc:
        return _fail(exc.message(args.lang))
    except (OSError, sqlite3.Error) as exc:
        return _fail(_io_message(exc, args.lang, args.target))
    except RuntimeError as exc:  # GDAL, with exceptions on: the folder or the disk refused the file
        what = "Esportazione non riuscita" if args.lang == "it" else "Export failed"
        return _fail(f"{what}: {args.target}: {exc}")
    print(safe_text(f"{result.path} {result.content_hash}"))
    return EXIT_CLEAN


def _import(args):
    from .errors import RemixError
    from .export.merge import merge_bundle
    from .textsafe import safe_text

    try:
        result = merge_bundle(args.bundle, args.target)
    except RemixError as exc:
        for finding in exc.findings[:50]:
            print(safe_text(finding.message(args.lang)), file=sys.stderr)
        return _fail(exc.message(args.lang))
    except (OSError, sqlite3.Error) as exc:
        return _fail(_io_message(exc, args.lang, args.target))
    italian = args.lang == "it"
    print(safe_text(
        (f"{sum(result.added.values())} aggiunti, {sum(result.updated.values())} aggiornati, "
         f"{len(result.conflicts)} conflitti" if italian else
         f"{sum(result.added.values())} added, {sum(result.updated.values())} updated, "
         f"{len(result.conflicts)} conflicts")
        + (f"; backup: {result.backup}" if result.backup else "")
    ))
    for table, uuid, fields in result.conflicts[:100]:
        print(safe_text(("conflitto" if italian else "conflict") + f": {table} {uuid} ({', '.join(fields)})"))
    for finding in result.findings[:100]:
        print(safe_text(f"{finding.severity} {finding.code} {finding.layer} {finding.feature_uuid}: "
                        f"{finding.message(args.lang)}"))
    return EXIT_FINDINGS if result.conflicts else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
