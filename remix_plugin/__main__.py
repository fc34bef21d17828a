"""Command line without QGIS, for the receiving office and for scripts:

    python3 -m remix_plugin validate FILE.gpkg [--profile NAME] [--format text|jsonl]
    python3 -m remix_plugin check-bundle FILE.gpkg|FILE.zip
    python3 -m remix_plugin create FILE.gpkg [--crs EPSG:32632]

Exit codes: 0 clean, 1 findings/errors, 2 the file cannot be read.
"""

import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m remix_plugin", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    create = commands.add_parser("create", help="create an empty RE.MIX GeoPackage")
    create.add_argument("path")
    create.add_argument("--crs", default="EPSG:32632")

    validate = commands.add_parser("validate", help="validate a RE.MIX GeoPackage")
    validate.add_argument("path")
    validate.add_argument("--profile", default="strict")
    validate.add_argument("--format", choices=("text", "jsonl"), default="text")
    validate.add_argument("--lang", choices=("it", "en"), default="it")

    check = commands.add_parser("check-bundle", help="check a regional bundle against its specification")
    check.add_argument("path")
    check.add_argument("--format", choices=("text", "jsonl"), default="text")
    check.add_argument("--lang", choices=("it", "en"), default="it")

    args = parser.parse_args(argv)
    if args.command == "create":
        from .layers.errors import RemixFileError
        from .layers.geopackage import create_geopackage

        try:
            print(create_geopackage(args.path, crs=args.crs))
        except RemixFileError as exc:
            print(exc.message("it"), file=sys.stderr)
            return 2
        return 0
    if args.command == "validate":
        from .validation.cli import run_validate

        return run_validate(args)
    if args.command == "check-bundle":
        from .export.cli import run_check_bundle

        return run_check_bundle(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
