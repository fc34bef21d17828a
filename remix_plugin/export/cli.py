"""``python3 -m remix_plugin check-bundle FILE.gpkg|FILE.zip``: exit 0 conforming, 1 not, 2 unreadable."""

import sys

from .checker import check_bundle, format_report


def run_check_bundle(args):
    report = check_bundle(args.path)
    print(format_report(report, getattr(args, "lang", "it"), getattr(args, "format", "text")))
    sys.stdout.flush()
    return report.exit_code
