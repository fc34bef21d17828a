"""Processing algorithm remix:import_bundle — check a bundle, then merge it by UUID into a
RE.MIX GeoPackage (one transaction, after a backup copy; conflicts listed, never overwritten).

Refuses when a layer of the current project reading the TARGET has unsaved edits: the check runs
in prepareAlgorithm (main thread), never from the background thread.
"""

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm


class ImportBundleAlgorithm(RemixAlgorithm):
    GROUP_ID = "exchange"
    INPUT = "INPUT"
    TARGET = "TARGET"
    ADDED = "ADDED"
    UPDATED = "UPDATED"
    CONFLICTS = "CONFLICTS"
    BACKUP = "BACKUP"

    def name(self):
        return "import_bundle"

    def displayName(self):  # noqa: N802 (QGIS API)
        return tr("Import regional bundle")

    def shortHelpString(self):  # noqa: N802 (QGIS API)
        return tr(
            "Checks a RE.MIX bundle (.gpkg or .zip) and merges it into a RE.MIX GeoPackage by UUID: "
            "new records are added, records not changed locally since the last import are updated, "
            "records changed on both sides are listed in remix_import_conflicts and left untouched. "
            "All or nothing, after a backup copy. Save or discard unsaved edits on the target first."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile(self.INPUT, tr("Bundle (.gpkg or .zip)")))
        self.addParameter(QgsProcessingParameterFile(self.TARGET, tr("RE.MIX GeoPackage"), extension="gpkg"))
        self.addOutput(QgsProcessingOutputNumber(self.ADDED, tr("Records added")))
        self.addOutput(QgsProcessingOutputNumber(self.UPDATED, tr("Records updated")))
        self.addOutput(QgsProcessingOutputNumber(self.CONFLICTS, tr("Conflicts")))
        self.addOutput(QgsProcessingOutputString(self.BACKUP, tr("Backup copy")))

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        target = self.parameterAsFile(parameters, self.TARGET, context)
        layer_name = unsaved_layer(target)
        if layer_name:
            raise QgsProcessingException(
                tr(
                    "The layer '{layer}' of the target GeoPackage has unsaved edits: save or discard them, "
                    "then import again."
                ).format(layer=layer_name)
            )
        return True

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        from ...errors import RemixError
        from ...export.merge import MergeRefused, merge_bundle

        bundle = self.parameterAsFile(parameters, self.INPUT, context)
        target = self.parameterAsFile(parameters, self.TARGET, context)
        language = ui_language()
        try:
            result = merge_bundle(bundle, target)
        except MergeRefused as exc:
            for finding in exc.findings[:50]:
                feedback.reportError(finding.message(language))
            raise QgsProcessingException(exc.message(language)) from exc
        except RemixError as exc:
            raise QgsProcessingException(exc.message(language)) from exc
        for table, uuid, fields in result.conflicts[:100]:
            feedback.pushWarning(
                tr("Conflict: {table} {uuid} ({fields})").format(
                    table=table, uuid=uuid, fields=", ".join(fields)
                )
            )
        for finding in result.findings[:100]:  # the merged records, validated in the target
            feedback.pushWarning(
                f"{finding.layer} {finding.feature_uuid or ''}: {finding.message(language)}"
            )
        feedback.setProgress(100)
        return {
            self.ADDED: sum(result.added.values()),
            self.UPDATED: sum(result.updated.values()),
            self.CONFLICTS: len(result.conflicts),
            self.BACKUP: str(result.backup or ""),
        }


def unsaved_layer(target):
    """Name of a layer of the current project reading ``target`` with unsaved edits, or ""."""
    from qgis.core import QgsProject, QgsVectorLayer

    wanted = Path(target).resolve()
    for layer in QgsProject.instance().mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or not layer.isModified():
            continue
        source = layer.source().split("|")[0]
        if source and Path(source).resolve() == wanted:
            return layer.name()
    return ""
