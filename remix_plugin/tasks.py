"""``RemixTask``: the one base of the plugin's background work (QgsTask): progress, cancel, and a
failure as a ``RemixError`` (Italian and English), whatever the job.

A subclass implements ``work()`` on the task manager's worker thread (it touches neither the GUI
nor ``QgsProject.instance()``: what it needs from them is read in ``__init__``, on the main
thread) and leaves its product in its own attributes. The base turns the outcome into three
attributes read on the main thread by ``on_finished(task)``:

- ``cancelled``: the user stopped it (or removed it from the queue before it started);
- ``error``: a ``RemixError``; ``error_message(language)`` is its text (an unexpected
  exception becomes the RemixError of ``unexpected(exc)``, which a subclass words for its job);
- neither: success (``completed``).
"""

from qgis.core import QgsFeedback, QgsTask

from .compat import task_flags_without_cancel
from .errors import RemixError
from .i18n import BOTH, tr
from .log import get_logger

LOG = get_logger("tasks")


class TaskCancelled(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by ``work()`` when it stopped because the task was cancelled."""


class RemixTask(QgsTask):
    cancelled_errors = (TaskCancelled,)  # exceptions of the job that mean "stopped by the user"

    def __init__(self, description, cancellable=True, on_finished=None):
        super().__init__(description, QgsTask.Flag.CanCancel if cancellable else task_flags_without_cancel())
        self.on_finished = on_finished
        self.error = None
        self.cancelled = False
        self.completed = False
        self._feedback = None

    # -- for subclasses ------------------------------------------------------------------------
    def work(self):
        raise NotImplementedError

    def unexpected(self, exc):
        """The error shown for an exception the job did not expect (a subclass names its job)."""
        return RemixError("unexpected", *tr("The task failed: {error}", language=BOTH).format(error=exc))

    def feedback(self):
        """A QgsFeedback tied to this task's progress bar and Cancel button (for QGIS APIs)."""
        if self._feedback is None:
            self._feedback = QgsFeedback()
            self._feedback.progressChanged.connect(self.setProgress)
            if self.isCanceled():
                self._feedback.cancel()
        return self._feedback

    def stopped(self):
        return self.isCanceled() or (self._feedback is not None and self._feedback.isCanceled())

    # -- QgsTask -------------------------------------------------------------------------------
    def run(self):
        try:
            self.work()
        except self.cancelled_errors:
            self.cancelled = True
            return False
        except RemixError as exc:
            if self.stopped():  # the job's own "cancelled" error after the user pressed Cancel
                self.cancelled = True
            else:
                self.error = exc
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged with its traceback
            LOG.exception("%s failed", type(self).__name__)
            self.error = self.unexpected(exc)
            return False
        self.completed = True  # the job ran to its end: its product stands even if Cancel came late
        return True

    def cancel(self):
        if self._feedback is not None:
            self._feedback.cancel()
        super().cancel()

    def finished(self, result):  # noqa: ARG002 (QGIS API) - main thread
        if not self.completed and self.error is None and self.isCanceled():
            self.cancelled = True  # also when removed from the queue before it started
        if self.on_finished is not None:
            self.on_finished(self)

    def error_message(self, language="it"):
        return self.error.message(language) if self.error is not None else ""

