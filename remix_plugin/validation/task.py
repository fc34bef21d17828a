"""Run the validation in the background (a ``tasks.RemixTask``: progress, cancel, RemixError), for
the dock's findings panel.

The source is a RE.MIX GeoPackage's path or the central database's libpq DSN (issue 14): the
database is read through ``central/validation_source.DatabaseSource``, the same reader
``python3 -m remix_plugin validate DSN`` uses, so the panel shows the findings the CLI prints.
"""

from qgis.core import QgsApplication

from ..errors import RemixError
from ..i18n import BOTH, tr
from ..log import get_logger
from ..tasks import RemixTask

LOG = get_logger("validation")


def is_database(source):
    """True when ``source`` is a libpq DSN (the central database) rather than a file path."""
    from ..central.dsn import looks_like_dsn

    return looks_like_dsn(source)


def validation_source(source):
    """What ``engine.validate_source`` reads: the database at a DSN, else the GeoPackage file."""
    if is_database(source):
        from ..central.validation_source import DatabaseSource

        return DatabaseSource(source)
    from .source import FileSource

    return FileSource(str(source))


class ValidationTask(RemixTask):
    """``report`` (engine.Report) after a successful run; ``error`` (RemixError, Italian and
    English) when the file or database could not be read; ``cancelled`` when the user stopped it.
    ``on_finished(task)`` is called on the main thread when the task ends, whatever the outcome."""

    def __init__(self, source, profile="strict", on_finished=None, description=None):
        super().__init__(description or tr("RE.MIX validation"), on_finished=on_finished)
        self.source = str(source)
        self.path = self.source  # the older name, kept for callers that read it
        self.profile = profile
        self.report = None

    @property
    def cancelled_errors(self):
        from .engine import ValidationCancelled

        return (ValidationCancelled,)

    def work(self):
        from .engine import validate_source
        from .profiles import ProfileError

        try:
            self.report = validate_source(validation_source(self.source), profile=self.profile,
                                          progress=self.setProgress, is_cancelled=self.stopped)
        except ProfileError as exc:
            raise RemixError("profile", str(exc), str(exc)) from exc

    def unexpected(self, exc):
        return RemixError("unexpected", *tr("The validation failed: {error}", language=BOTH)
                          .format(error=exc))

    def finished(self, result):  # main thread
        if self.report is not None:
            from ..central.dsn import display_dsn

            shown = display_dsn(self.source) if is_database(self.source) else self.source
            LOG.info("validation of %s (%s): %s", shown, self.profile, self.report.counts)
        super().finished(result)


def start_validation(source, profile="strict", on_finished=None):
    """Queue a ValidationTask in QGIS's task manager and return it (keep a reference)."""
    task = ValidationTask(source, profile, on_finished)
    QgsApplication.taskManager().addTask(task)
    return task
