"""Processing algorithm remix:import_bundle — check a bundle, then merge it by UUID into a
RE.MIX GeoPackage (one transaction, after a backup copy) or into the central database (one
transaction, its triggers and rights: ``central.bundle_import``, as ``import-bundle BUNDLE DSN``);
conflicts listed, never overwritten.

``TARGET`` is a GeoPackage path, a DSN (``service=remix``) or the name of a saved QGIS PostgreSQL
connection (text, as remix:validate: a file parameter refuses a connection string). Refuses when
a layer of the current project reading the target has unsaved edits: the check runs in
prepareAlgorithm (main thread), never from the background thread.
"""

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
)

from ...i18n import tr, ui_language
from .base import RemixAlgorithm, store_of, store_parameter


class ImportBundleAlgorithm(RemixAlgorithm):
    GROUP_ID = "exchange"
    STORE_PARAMETERS = ("TARGET",)
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
        ) + "\n\n" + tr(
            "Target: the path of a RE.MIX GeoPackage, the connection string of the central RE.MIX "
            "database (e.g. service=remix) or the name of a PostgreSQL connection saved in QGIS. On "
            "the database the import is one transaction under your login's rights."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile(self.INPUT, tr("Bundle (.gpkg or .zip)")))
        self.addParameter(store_parameter(self.TARGET))
        self.addOutput(QgsProcessingOutputNumber(self.ADDED, tr("Records added")))
        self.addOutput(QgsProcessingOutputNumber(self.UPDATED, tr("Records updated")))
        self.addOutput(QgsProcessingOutputNumber(self.CONFLICTS, tr("Conflicts")))
        self.addOutput(QgsProcessingOutputString(self.BACKUP, tr("Backup copy")))

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        target = store_of(self.parameterAsString(parameters, self.TARGET, context))
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
        from ...central.dsn import display_dsn, looks_like_dsn
        from ...errors import RemixError
        from ...export.merge import MergeRefused, merge_bundle

        bundle = self.parameterAsFile(parameters, self.INPUT, context)
        target = store_of(self.parameterAsString(parameters, self.TARGET, context))
        language = ui_language()
        try:
            if looks_like_dsn(target):  # the central database: one transaction, its triggers
                from ...central.bundle_import import import_bundle

                feedback.pushInfo(tr("Importing into the database {dsn}…").format(dsn=display_dsn(target)))
                result = import_bundle(bundle, target)
            else:
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
    """Name of a layer of the current project reading ``target`` with unsaved edits, or "". For the
    central database: any RE.MIX postgres layer with unsaved edits (its rows may be the ones the
    import changes; a DSN names no file to compare)."""
    from qgis.core import QgsProject, QgsVectorLayer

    from ...central.dsn import looks_like_dsn

    database = looks_like_dsn(target)
    wanted = None if database else Path(target).resolve()
    for layer in QgsProject.instance().mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or not layer.isModified():
            continue
        if database:
            if layer.providerType() == "postgres" and 'table="remix".' in layer.source():
                return layer.name()
            continue
        source = layer.source().split("|")[0]
        if source and Path(source).resolve() == wanted:
            return layer.name()
    return ""
