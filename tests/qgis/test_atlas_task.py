"""The one task base (remix_plugin/tasks.py), through the atlas task: success, a failure with its
message in both languages, an unexpected exception, a job's own "cancelled", a cancel while it runs."""

import time

from qgis.core import QgsApplication

from remix_plugin.atlas.task import AtlasPdfTask
from remix_plugin.errors import RemixError
from remix_plugin.tasks import RemixTask, TaskCancelled


def _run(task, seconds=120):
    finished = []
    task.on_finished = finished.append
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + seconds
    while not finished and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert finished == [task], "task did not finish"
    return task


def test_a_file_that_is_not_remix_fails_in_both_languages(tmp_path):
    foreign = tmp_path / "foreign.gpkg"
    foreign.write_bytes(b"not a database")
    task = _run(AtlasPdfTask(foreign, tmp_path / "out.pdf", language="en", basemap=""))
    assert task.result is None and not task.cancelled
    assert isinstance(task.error, RemixError)
    assert "foreign.gpkg" in task.error_message("it") and "foreign.gpkg" in task.error_message("en")
    assert task.error_message("it") != task.error_message("en")
    assert not (tmp_path / "out.pdf").exists()


class _Job(RemixTask):
    def __init__(self, outcome):
        super().__init__("RE.MIX test job")
        self.outcome = outcome
        self.done = False

    def work(self):
        if self.outcome == "boom":
            raise ValueError("boom")
        if self.outcome == "stop":
            raise TaskCancelled()
        self.feedback().setProgress(100)
        self.done = True


def test_outcomes_of_the_base():
    ok = _run(_Job("ok"))
    assert ok.done and ok.error is None and not ok.cancelled and ok.progress() == 100
    boom = _run(_Job("boom"))
    assert boom.error.code == "unexpected"
    assert boom.error_message("en") == "The task failed: boom"
    assert boom.error_message("it") == "Operazione non riuscita: boom"
    stop = _run(_Job("stop"))
    assert stop.cancelled and stop.error is None


class _Waiting(RemixTask):
    """Works until the user presses Cancel."""

    def work(self):
        deadline = time.monotonic() + 60
        while not self.stopped() and time.monotonic() < deadline:
            time.sleep(0.01)
        if self.stopped():
            raise TaskCancelled()


def test_cancel_while_it_runs():
    job = _Waiting("RE.MIX waiting job")
    finished = []
    job.on_finished = finished.append
    QgsApplication.taskManager().addTask(job)
    deadline = time.monotonic() + 30
    while job.status() != job.TaskStatus.Running and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.01)
    job.cancel()
    deadline = time.monotonic() + 30
    while not finished and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert finished == [job] and job.cancelled and job.error is None and job.error_message("it") == ""
