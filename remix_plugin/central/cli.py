"""``db`` commands of the headless CLI (no QGIS; needs psycopg2):

    python3 -m remix_plugin db init --dsn DSN [--crs EPSG:32632]
    python3 -m remix_plugin db grant --dsn DSN --login NAME --role comune|cmm|reader [--comune ISTAT ...]
    python3 -m remix_plugin db upgrade --dsn DSN
    python3 -m remix_plugin db checkout --dsn DSN --out FILE.gpkg [--comune ISTAT ...|--zona Z|--programma U]
    python3 -m remix_plugin db import-shared --dsn DSN --bundle BUNDLE.gpkg

DSN as libpq reads it: ``service=remix``, ``postgresql://user@host/db``, ``host=… dbname=…``
(passwords from ~/.pgpass or the service file, never on the command line in production).
Exit codes: 0 done, 1 refused or failed check (import-shared: conflicts), 2 cannot connect or
read (one line on stderr, in Italian or English with --lang; never a traceback).
"""

import argparse
import sys

EXIT_CLEAN = 0


def _parser():
    parser = argparse.ArgumentParser(
        prog="python3 -m remix_plugin db", description="RE.MIX central database (PostgreSQL/PostGIS)"
    )
    commands = parser.add_subparsers(dest="action", required=True)
    init = commands.add_parser("init", help="create the RE.MIX schema in an existing database")
    init.add_argument("--dsn", required=True)
    init.add_argument("--crs", default="EPSG:32632")
    grant = commands.add_parser("grant", help="give a login its RE.MIX role (and comuni)")
    grant.add_argument("--dsn", required=True)
    grant.add_argument("--login", required=True)
    grant.add_argument("--role", required=True, choices=("comune", "cmm", "reader"))
    grant.add_argument("--comune", nargs="+", default=[], metavar="ISTAT")
    upgrade = commands.add_parser("upgrade", help="upgrade an older RE.MIX schema")
    upgrade.add_argument("--dsn", required=True)
    checkout = commands.add_parser("checkout", help="copy rows of the database into a RE.MIX GeoPackage "
                                   "for offline work (import it back with import-bundle)")
    checkout.add_argument("--dsn", required=True)
    checkout.add_argument("--out", required=True, metavar="FILE.gpkg")
    checkout.add_argument("--comune", nargs="+", default=[], metavar="ISTAT")
    checkout.add_argument("--zona", default="")
    checkout.add_argument("--programma", default="")
    checkout.add_argument("--overwrite", action="store_true")
    shared = commands.add_parser("import-shared", help="load the shared records (programmi, attori, "
                                 "indicatori, bandi) of a bundle: CMM editors and the administrator only")
    shared.add_argument("--dsn", required=True)
    shared.add_argument("--bundle", required=True, metavar="BUNDLE.gpkg")
    for sub in (init, grant, upgrade, checkout, shared):
        sub.add_argument("--lang", choices=("it", "en"), default="it")
    return parser


def main(argv=None):
    """Entry point; ``argv`` may start with "db" (as dispatched by ``python3 -m remix_plugin``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["db"]:
        argv = argv[1:]
    args = _parser().parse_args(argv)
    from ..i18n import Bilingual, tr
    from ..textsafe import safe_text
    from .database import CentralError, grant_login, init_database, upgrade_database

    try:
        if args.action == "init":
            info = init_database(args.dsn, crs=args.crs)
            message = tr("RE.MIX schema created in the database {name} ({crs}).", language=args.lang).format(
                name=info.name, crs=args.crs)
        elif args.action == "grant":
            message = Bilingual(*grant_login(args.dsn, args.login, args.role, args.comune)).get(args.lang)
        elif args.action == "checkout":
            return _checkout(args)
        elif args.action == "import-shared":
            return _import_shared(args)
        else:
            message = Bilingual(*upgrade_database(args.dsn)).get(args.lang)
    except CentralError as exc:
        print(safe_text(exc.message(args.lang)), file=sys.stderr)
        return exc.exit_code
    print(safe_text(message))
    return EXIT_CLEAN


def _checkout(args):
    """``db checkout``: central/checkout.py with ``record=True`` (the check-out is logged in the
    database, so the offline copy's bundle imported back updates what only it changed; a reader's
    check-out, for reading offline, is not logged)."""
    from ..errors import RemixError
    from ..i18n import tr
    from ..textsafe import safe_text
    from .checkout import checkout
    from .database import CentralError

    try:
        result = checkout(args.dsn, args.out, comuni=args.comune, zona=args.zona, programma=args.programma,
                          overwrite=args.overwrite, record=True)
    except CentralError as exc:
        print(safe_text(exc.message(args.lang)), file=sys.stderr)
        return exc.exit_code
    except (RemixError, OSError) as exc:
        text = exc.message(args.lang) if isinstance(exc, RemixError) else str(exc)
        print(safe_text(text), file=sys.stderr)
        return 2
    rows = sum(result.counts.values())
    print(safe_text(tr("{rows} rows from {source} into {path}", language=args.lang).format(
        rows=rows, source=result.source, path=result.path)))
    if result.log_skipped:
        print(safe_text(tr("Check-out not recorded in the database: this login only reads, so the copy is "
                           "for reading offline and cannot be imported back.", language=args.lang)))
    else:
        print(safe_text(tr("Check-out recorded for the check-in: {n} records.", language=args.lang).format(
            n=result.logged)))
    return EXIT_CLEAN


def _import_shared(args):
    """``db import-shared``: bundle_import.import_bundle(..., shared=True); the summary as
    ``import-bundle`` prints it (conflicts and the findings of the records it touched)."""
    from ..errors import RemixError
    from ..i18n import tr
    from ..textsafe import safe_text
    from .bundle_import import import_bundle
    from .database import CentralError

    try:
        result = import_bundle(args.bundle, args.dsn, shared=True)
    except CentralError as exc:
        print(safe_text(exc.message(args.lang)), file=sys.stderr)
        return exc.exit_code
    except (RemixError, OSError) as exc:
        for finding in getattr(exc, "findings", [])[:50]:
            print(safe_text(finding.message(args.lang)), file=sys.stderr)
        text = exc.message(args.lang) if isinstance(exc, RemixError) else str(exc)
        print(safe_text(text), file=sys.stderr)
        return 2
    print(safe_text(tr("{added} added, {updated} updated, {conflicts} conflicts", language=args.lang).format(
        added=sum(result.added.values()), updated=sum(result.updated.values()),
        conflicts=len(result.conflicts))))
    for table, uuid, fields in result.conflicts[:100]:
        print(safe_text(tr("conflict: {table} {uuid} ({fields})", language=args.lang).format(
            table=table, uuid=uuid, fields=", ".join(fields))))
    for finding in result.findings[:100]:
        print(safe_text(f"{finding.severity} {finding.code} {finding.layer} {finding.feature_uuid}: "
                        f"{finding.message(args.lang)}"))
    return 1 if result.conflicts else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
