"""Run the validation in the background (QgsTask) with progress and cancel, for the dock.

The only QGIS-dependent module of the validation package; it just calls
``engine.validate_geopackage`` on the task manager's worker thread.
"""

from qgis.core import QgsApplication, QgsTask

from ..i18n import tr
from ..log import get_logger

LOG = get_logger("validation")


class ValidationTask(QgsTask):
    """``report`` (engine.Report) after a successful run; ``error`` (it/en message pair) when the
    file could not be read; ``cancelled`` when the user stopped it. ``on_finished(task)`` is called
    on the main thread when the task ends, whatever the outcome."""

    def __init__(self, path, profile="strict", on_finished=None, description=None):
        super().__init__(description or tr("RE.MIX validation"), QgsTask.Flag.CanCancel)
        self.path = str(path)
        self.profile = profile
        self.on_finished = on_finished
        self.report = None
        self.error = None
        self.cancelled = False

    def run(self):
        from ..layers.errors import RemixFileError
        from .engine import ValidationCancelled, validate_geopackage
        from .profiles import ProfileError

        try:
            self.report = validate_geopackage(
                self.path, profile=self.profile, progress=self.setProgress, is_cancelled=self.isCanceled
            )
        except ValidationCancelled:
            self.cancelled = True
            return False
        except RemixFileError as exc:
            self.error = (exc.message_it, exc.message_en)
            return False
        except ProfileError as exc:
            self.error = (str(exc), str(exc))
            return False
        return True

    def finished(self, result):  # main thread
        if self.report is not None:
            LOG.info("validation of %s (%s): %s", self.path, self.profile, self.report.counts)
        if self.on_finished is not None:
            self.on_finished(self)


def start_validation(path, profile="strict", on_finished=None):
    """Queue a ValidationTask in QGIS's task manager and return it (keep a reference)."""
    task = ValidationTask(path, profile, on_finished)
    QgsApplication.taskManager().addTask(task)
    return task
