"""What every RE.MIX algorithm shares: its group in the Processing toolbox, createInstance, and
parameters that a default makes optional."""

from qgis.core import QgsProcessingAlgorithm

from ...i18n import tr


def group_label(group_id):
    """The toolbox group of ``group_id`` (labels written once, as tr() literals for the .ts)."""
    labels = {
        "geopackage": tr("RE.MIX GeoPackage"),
        "exchange": tr("RE.MIX exchange"),
        "atlas": tr("RE.MIX atlas"),
        "incubator": tr("RE.MIX incubator"),
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

    def addParameter(self, definition, createOutput=True):  # noqa: N802,N803 (QGIS API)
        """Every parameter goes through here, so no algorithm can forget the flag below."""
        return super().addParameter(optional_if_defaulted(definition), createOutput)


def optional_if_defaulted(definition):
    """A parameter with a default needs no value from the caller. QGIS 3.22's ``qgis_process``
    still refuses to run without one ("mandatory parameters were not specified") unless the
    parameter carries FlagOptional; newer QGIS accepts it either way."""
    if definition.defaultValue() is not None and not definition.isDestination():
        from ...compat import processing_flag_optional

        definition.setFlags(definition.flags() | processing_flag_optional())
    return definition
