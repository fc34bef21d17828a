"""Command line without QGIS, for the receiving office and for scripts:

    python3 -m remix_plugin validate FILE.gpkg|DSN [--profile NAME] [--format text|jsonl]
    python3 -m remix_plugin check-bundle FILE.gpkg|FILE.zip
    python3 -m remix_plugin create FILE.gpkg [--crs EPSG:32632]
    python3 -m remix_plugin export-bundle SOURCE.gpkg|DSN BUNDLE.gpkg [--producer CMM] [--profile NAME]
                                          [--comune ISTAT | --zona CODE | --programma UUID]
    python3 -m remix_plugin import-bundle BUNDLE.gpkg|BUNDLE.zip TARGET.gpkg|DSN
    python3 -m remix_plugin db init|grant|upgrade --dsn DSN …   (central database, docs/central-database.md)
    python3 -m remix_plugin publish-web FILE.gpkg|DSN OUTDIR [--base-layer xyz|wms URL]  (docs/web-atlas.md)
    python3 -m remix_plugin kpi-report FILE.gpkg|DSN OUTPUT.csv (monitoring, docs/monitoring.md)
    python3 -m remix_plugin match-funding FILE.gpkg OUTPUT.csv  (funding, docs/funding.md)
    python3 -m remix_plugin import-funding-opendata …           (funding, docs/funding.md)
    python3 -m remix_plugin suggest-programmi|accept-proposta|reject-proposta …  (docs/networks-priority.md)
    python3 -m remix_plugin priority-score FILE.gpkg OUTPUT.csv (docs/networks-priority.md)

Exit codes: 0 clean, 1 findings/errors (or conflicts left for the user), 2 a file cannot be read
or written (one line in Italian or English on stderr: never a traceback).
"""

import argparse
import logging
import sqlite3
import sys

from .i18n import BOTH, tr

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


def _file_errors():
    """What every command reports as one line (exit 2): the plugin's errors, the folder or disk
    refusing a file, SQLite, and GDAL (with exceptions on, a RuntimeError)."""
    from .errors import RemixError

    return (RemixError, OSError, sqlite3.Error, RuntimeError)


def _failure(exc, language, path, gdal_text):
    """The one line (and the findings behind a RemixError) for an error of ``_file_errors()``;
    ``gdal_text`` is the English ``tr`` source for GDAL's RuntimeError ({path}, {error})."""
    from .errors import RemixError
    from .inputs import sqlite_error, write_error
    from .textsafe import safe_text

    if isinstance(exc, RemixError):
        for finding in exc.findings[:50]:
            print(safe_text(finding.message(language)), file=sys.stderr)
        return _fail(exc.message(language))
    if isinstance(exc, OSError):
        return _fail(write_error(exc, path).message(language))
    if isinstance(exc, sqlite3.Error):
        return _fail(sqlite_error(exc, str(path)).message(language))
    return _fail(gdal_text.get(language).format(path=path, error=exc))


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["db"]:  # the central database's commands have their own parser (psycopg2)
        from .central.cli import main as db_main

        return db_main(argv)
    parser = argparse.ArgumentParser(prog="python3 -m remix_plugin", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    create = commands.add_parser("create", help="create an empty RE.MIX GeoPackage")
    create.add_argument("path")
    create.add_argument("--crs", default="EPSG:32632")
    create.add_argument("--lang", choices=("it", "en"), default="it")

    validate = commands.add_parser("validate", help="validate a RE.MIX GeoPackage or the central database")
    validate.add_argument("path", help="FILE.gpkg, or a PostgreSQL DSN (service=remix, postgresql://…)")
    validate.add_argument("--profile", default="strict")
    validate.add_argument("--format", choices=("text", "jsonl"), default="text")
    validate.add_argument("--lang", choices=("it", "en"), default="it")

    check = commands.add_parser("check-bundle", help="check a regional bundle against its specification")
    check.add_argument("path")
    check.add_argument("--format", choices=("text", "jsonl"), default="text")
    check.add_argument("--lang", choices=("it", "en"), default="it")

    export = commands.add_parser("export-bundle", help="export the regional bundle of a RE.MIX GeoPackage")
    export.add_argument("source", help="SOURCE.gpkg, or the central database's DSN")
    export.add_argument("target")
    export.add_argument("--comune", action="append", default=[], help="ISTAT code (repeatable with a DSN)")
    export.add_argument("--zona", default="", help="zona omogenea code")
    export.add_argument("--programma", default="", help="programme UUID")
    export.add_argument("--producer", default="CMM")
    export.add_argument("--producer-name", default="")
    export.add_argument("--profile", choices=("strict", "draft"), default="strict")
    export.add_argument("--lang", choices=("it", "en"), default="it")

    merge = commands.add_parser("import-bundle", help="merge a regional bundle into a RE.MIX GeoPackage")
    merge.add_argument("bundle")
    merge.add_argument("target", help="TARGET.gpkg, or the central database's DSN")
    merge.add_argument("--lang", choices=("it", "en"), default="it")

    incubator = _incubator_clis()
    for cli in incubator:
        cli.add_parser(commands)

    args = parser.parse_args(argv)
    _quiet_gdal()
    for cli in incubator:  # each owns its commands and prints its own one-line errors
        if args.command in cli.COMMANDS:
            return cli.run(args)
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


def _incubator_clis():
    """CMM's tools, each a module with ``COMMANDS``, ``add_parser(subparsers)`` and ``run(args)``."""
    from .funding import cli as funding_cli
    from .monitoring import cli as monitoring_cli
    from .networks import cli as networks_cli
    from .priority import cli as priority_cli
    from .web import cli as web_cli

    return (web_cli, monitoring_cli, funding_cli, networks_cli, priority_cli)


def _create(args):
    from .layers.geopackage import create_geopackage

    try:
        print(create_geopackage(args.path, crs=args.crs))
    except _file_errors() as exc:
        return _failure(exc, args.lang, args.path, tr("Cannot create {path}: {error}", language=BOTH))
    return EXIT_CLEAN


def _export(args):
    from .central.dsn import looks_like_dsn
    from .export.writer import ExportBlocked, Selection, export_bundle
    from .textsafe import safe_text

    try:
        if looks_like_dsn(args.source):  # the central database: checkout + this same writer
            from .central.checkout import export_bundle_from_database

            result = export_bundle_from_database(
                args.source, args.target, comuni=args.comune, zona=args.zona, programma=args.programma,
                producer=args.producer, producer_name=args.producer_name, profile=args.profile)
        else:
            if len(args.comune) + bool(args.zona) + bool(args.programma) > 1:
                return _fail(tr("A file's bundle takes one selection at most: one --comune, --zona or "
                                "--programma.", language=args.lang))
            result = export_bundle(
                args.source,
                args.target,
                selection=Selection(comune=(args.comune or [""])[0], zona=args.zona,
                                    programma=args.programma),
                producer=args.producer,
                producer_name=args.producer_name,
                profile=args.profile,
                remember_validation=True,  # `validate` then `export-bundle` on one file validates once
            )
    except ExportBlocked as exc:
        for finding in exc.findings[:100]:
            print(safe_text(f"{finding.layer} {finding.feature_uuid or ''}: {finding.message(args.lang)}"),
                  file=sys.stderr)
        print(safe_text(exc.message(args.lang)), file=sys.stderr)
        return EXIT_FINDINGS
    except _file_errors() as exc:
        return _failure(exc, args.lang, args.target, tr("Export failed: {path}: {error}", language=BOTH))
    print(safe_text(f"{result.path} {result.content_hash}"))
    return EXIT_CLEAN


def _import(args):
    from .central.dsn import display_dsn, looks_like_dsn
    from .export.merge import merge_bundle
    from .textsafe import safe_text

    try:
        if looks_like_dsn(args.target):  # the central database: one transaction, its triggers
            from .central.bundle_import import import_bundle
            from .central.database import CentralError

            dsn, args.target = args.target, display_dsn(args.target)  # no password in any message
            try:
                result = import_bundle(args.bundle, dsn)
            except CentralError as exc:  # refused by the database (1), connection failed or lost (2)
                print(safe_text(exc.message(args.lang)), file=sys.stderr)
                return exc.exit_code
        else:
            result = merge_bundle(args.bundle, args.target)
    except _file_errors() as exc:
        return _failure(exc, args.lang, args.target, tr("Import failed: {path}: {error}", language=BOTH))
    summary = tr("{added} added, {updated} updated, {conflicts} conflicts", language=args.lang).format(
        added=sum(result.added.values()), updated=sum(result.updated.values()),
        conflicts=len(result.conflicts))
    print(safe_text(summary + (f"; backup: {result.backup}" if result.backup else "")))
    for table, uuid, fields in result.conflicts[:100]:
        print(safe_text(tr("conflict: {table} {uuid} ({fields})", language=args.lang).format(
            table=table, uuid=uuid, fields=", ".join(fields))))
    for finding in result.findings[:100]:
        print(safe_text(f"{finding.severity} {finding.code} {finding.layer} {finding.feature_uuid}: "
                        f"{finding.message(args.lang)}"))
    return EXIT_FINDINGS if result.conflicts else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
