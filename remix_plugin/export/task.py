"""Export and import of the regional bundle in the background (QgsTask), for the dock.

Both tasks only call the QGIS-free cores (``writer.export_bundle``, ``merge.merge_bundle``) on the
task manager's worker thread: ``run()`` touches neither the GUI nor ``QgsProject``. Whatever the
outcome, ``finished()`` (main thread) calls ``on_finished(task)``; the caller reads the outcome
from the task's attributes.
"""

from pathlib import Path

from qgis.core import QgsTask

from ..compat import task_flags_without_cancel
from ..errors import RemixError
from ..i18n import tr
from ..log import get_logger

LOG = get_logger("export")


def _unexpected(exc, what_it, what_en):
    """Any other failure, reported to the user instead of being lost in the worker thread."""
    return RemixError("unexpected", f"{what_it}: {exc}", f"{what_en}: {exc}")


class ExportBundleTask(QgsTask):
    """Write a bundle with ``writer.export_bundle``.

    ``arguments``: ``source``, ``target``, ``selection`` (writer.Selection), ``producer``,
    ``producer_name``, ``email``, ``profile``, ``include_styles`` (the dict ExportDialog gives).
    After the run: ``result`` (ExportResult: path, content_hash, counts, warnings) on success;
    otherwise nothing was written and ``cancelled`` is True, or ``error`` holds an ExportError,
    RemixFileError or RemixError (``message_it``/``message_en``); when validation errors stopped
    the export, ``error`` is the ExportBlocked and ``blocked`` lists those findings (code,
    severity, layer, feature_uuid, field, message_it, message_en).
    """

    def __init__(self, arguments, on_finished=None, description=None):
        self.arguments = dict(arguments)
        self.source = str(self.arguments.pop("source"))
        self.target = str(self.arguments.pop("target"))
        super().__init__(
            description or tr("RE.MIX bundle export: {name}").format(name=Path(self.target).name),
            QgsTask.Flag.CanCancel,
        )
        self.on_finished = on_finished
        self.result = None
        self.blocked = None
        self.cancelled = False
        self.error = None

    def run(self):
        from ..layers.errors import RemixFileError
        from .writer import ExportBlocked, ExportCancelled, ExportError, export_bundle

        try:
            self.result = export_bundle(
                self.source,
                self.target,
                progress=self.setProgress,
                is_cancelled=self.isCanceled,
                **self.arguments,
            )
        except ExportCancelled:
            self.cancelled = True
            return False
        except ExportBlocked as exc:
            self.blocked = list(exc.findings)
            self.error = exc
            return False
        except (ExportError, RemixFileError) as exc:
            self.error = exc
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged with its traceback
            LOG.exception("Bundle export failed")
            self.error = _unexpected(exc, "Esportazione del bundle non riuscita", "Bundle export failed")
            return False
        return True

    def finished(self, result):  # main thread
        if self.result is None and self.error is None and self.isCanceled():
            self.cancelled = True  # cancelled in the task manager before it started
        if self.result is not None:
            LOG.info(
                "bundle %s: %s projects, %d warnings, %s",
                self.result.path,
                self.result.counts.get("progetti", 0),
                len(self.result.warnings),
                self.result.content_hash,
            )
        if self.on_finished is not None:
            self.on_finished(self)


class ImportBundleTask(QgsTask):
    """Merge a bundle (.gpkg or .zip) into a RE.MIX GeoPackage with ``merge.merge_bundle``.

    ``merge_bundle`` reports no progress and cannot be interrupted (one SQLite transaction after a
    backup copy), so the task has no Cancel button. After the run: ``result`` (MergeResult: added,
    updated, unchanged, kept_local, conflicts, backup, and ``findings``: the validation findings of
    the records the import touched), or ``error`` (MergeRefused or another RemixError with
    ``message_it``/``message_en``; ``refused`` is True for MergeRefused: the target is unchanged,
    e.g. code ``locked`` when another import or program holds it: "in uso").
    """

    def __init__(self, bundle, target, on_finished=None, description=None):
        self.bundle = str(bundle)
        self.target = str(target)
        super().__init__(
            description or tr("RE.MIX bundle import: {name}").format(name=Path(self.bundle).name),
            task_flags_without_cancel(),
        )
        self.on_finished = on_finished
        self.result = None
        self.error = None
        self.refused = False
        self.cancelled = False

    def run(self):
        from .merge import MergeRefused, merge_bundle

        self.setProgress(1)
        try:
            self.result = merge_bundle(self.bundle, self.target)
        except MergeRefused as exc:
            self.refused = True
            self.error = exc
            return False
        except RemixError as exc:
            self.error = exc
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged with its traceback
            LOG.exception("Bundle import failed")
            self.error = _unexpected(exc, "Importazione del bundle non riuscita", "Bundle import failed")
            return False
        self.setProgress(100)
        return True

    def finished(self, result):  # main thread
        if self.result is None and self.error is None and self.isCanceled():
            self.cancelled = True  # removed from the queue before it started: nothing was written
        if self.on_finished is not None:
            self.on_finished(self)
