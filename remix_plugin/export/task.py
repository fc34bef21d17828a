"""Export and import of the regional bundle in the background (``tasks.RemixTask``), for the dock.

Both tasks only call the QGIS-free cores (``writer.export_bundle``, ``merge.merge_bundle``) on the
task manager's worker thread: ``work()`` touches neither the GUI nor ``QgsProject``. Whatever the
outcome, ``finished()`` (main thread) calls ``on_finished(task)``; the caller reads the outcome
from the task's attributes (the base's ``cancelled`` / ``error``, and each task's own below).
"""

from pathlib import Path

from ..errors import RemixError
from ..i18n import BOTH, tr
from ..log import get_logger
from ..tasks import RemixTask

LOG = get_logger("export")


class ExportBundleTask(RemixTask):
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
        self.arguments.setdefault("remember_validation", True)  # after the dock's Valida, no second run
        self.source = str(self.arguments.pop("source"))
        self.target = str(self.arguments.pop("target"))
        super().__init__(
            description or tr("RE.MIX bundle export: {name}").format(name=Path(self.target).name),
            on_finished=on_finished,
        )
        from .writer import ExportCancelled

        self.cancelled_errors = (ExportCancelled,)
        self.result = None
        self.blocked = None

    def work(self):
        from .writer import ExportBlocked, export_bundle

        try:
            self.result = export_bundle(
                self.source,
                self.target,
                progress=self.setProgress,
                is_cancelled=self.isCanceled,
                **self.arguments,
            )
        except ExportBlocked as exc:
            self.blocked = list(exc.findings)
            raise

    def unexpected(self, exc):
        return RemixError("unexpected", *tr("Bundle export failed: {error}", language=BOTH).format(error=exc))

    def finished(self, result):  # main thread
        if self.result is not None:
            LOG.info(
                "bundle %s: %s projects, %d warnings, %s",
                self.result.path,
                self.result.counts.get("progetti", 0),
                len(self.result.warnings),
                self.result.content_hash,
            )
        super().finished(result)


class ImportBundleTask(RemixTask):
    """Merge a bundle (.gpkg or .zip) into a RE.MIX GeoPackage with ``merge.merge_bundle``, or
    into the central database (``target`` a libpq DSN) with ``central.bundle_import``.

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
            cancellable=False,
            on_finished=on_finished,
        )
        self.result = None
        self.refused = False

    def work(self):
        from ..central.dsn import looks_like_dsn
        from .merge import MergeRefused, merge_bundle

        self.setProgress(1)
        try:
            if looks_like_dsn(self.target):  # the central database: one transaction, its triggers
                from ..central.bundle_import import import_bundle

                self.result = import_bundle(self.bundle, self.target)
            else:
                self.result = merge_bundle(self.bundle, self.target)
        except MergeRefused:
            self.refused = True
            raise
        self.setProgress(100)

    def unexpected(self, exc):
        return RemixError("unexpected", *tr("Bundle import failed: {error}", language=BOTH).format(error=exc))
