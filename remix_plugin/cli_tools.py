"""What the incubator commands share (monitoring, funding, networks, priority; no QGIS): the exit
codes, the ``--lang`` option, printing one safe line, turning an error into one line on stderr,
and the module's own ``main`` (``python3 -m remix_plugin.<tool>.cli …``).

A tool's ``run(args)`` wraps its work in ``guarded(command, language, work)``: a ``RemixError``
prints its message in the language and exits 2 (1 when its code is one of ``refused``); a file,
database or text error prints "Cannot complete COMMAND: first line" and exits 2; never a
traceback (docs/architecture.md, Errors).
"""

import argparse
import sqlite3
import sys

from .i18n import tr

EXIT_CLEAN, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2
LANGUAGES = ("it", "en")
# what reading or writing a file or a database raises besides RemixError
SOURCE_ERRORS = (OSError, sqlite3.Error, RuntimeError, UnicodeError, ValueError)


def add_language(parser):
    """The commands' ``--lang it|en`` (Italian by default)."""
    parser.add_argument("--lang", choices=LANGUAGES, default="it")
    return parser


def say(text, stream=None):
    """Print ``text`` (control and bidi characters escaped) on stdout or ``stream``."""
    from .textsafe import safe_text

    print(safe_text(text), file=stream or sys.stdout)


def complain(text):
    """One line on stderr."""
    say(text, sys.stderr)


def first_line(exc):
    """The first line of an exception's text (its class name when it has none)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def guarded(command, language, work, refused=()):
    """``work()``'s exit code, or the one of the error it raised after one line on stderr."""
    from .errors import RemixError

    try:
        return work()
    except RemixError as exc:
        complain(exc.message(language))
        return EXIT_REFUSED if exc.code in refused else EXIT_UNREADABLE
    except SOURCE_ERRORS as exc:
        complain(tr("Cannot complete {command}: {error}", language=language).format(
            command=command, error=first_line(exc)))
        return EXIT_UNREADABLE


def standalone_main(add_parser, run, argv=None):
    """A tool's ``main``: its own commands parsed as ``python3 -m remix_plugin`` would, GDAL quiet
    (exceptions instead of messages on stderr) when it is there."""
    parser = argparse.ArgumentParser(prog="python3 -m remix_plugin")
    add_parser(parser.add_subparsers(dest="remix_command", required=True))
    try:
        from osgeo import gdal

        gdal.UseExceptions()
        gdal.PushErrorHandler("CPLQuietErrorHandler")
    except ImportError:
        pass
    return run(parser.parse_args(list(sys.argv[1:] if argv is None else argv)))
