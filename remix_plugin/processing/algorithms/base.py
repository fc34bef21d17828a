"""What every RE.MIX algorithm shares: its group in the Processing toolbox and createInstance."""

from qgis.core import QgsProcessingAlgorithm

from ...i18n import tr


def group_label(group_id):
    """The toolbox group of ``group_id`` (labels written once, as tr() literals for the .ts)."""
    labels = {
        "geopackage": tr("RE.MIX GeoPackage"),
        "exchange": tr("RE.MIX exchange"),
        "atlas": tr("RE.MIX atlas"),
    }
    return labels[group_id]


class RemixAlgorithm(QgsProcessingAlgorithm):
    GROUP_ID = ""  # set by each algorithm: a key of group_label()

    def group(self):
        return group_label(self.GROUP_ID)

    def groupId(self):  # noqa: N802 (QGIS API)
        return self.GROUP_ID

    def createInstance(self):  # noqa: N802 (QGIS API)
        return type(self)()
