"""What every RE.MIX algorithm shares: its group in the Processing toolbox, createInstance,
parameters that a default makes optional, and the one kind of "store" parameter (a GeoPackage, the
central database's DSN or a saved QGIS PostgreSQL connection) with its check."""

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


def store_parameter(name):
    """A RE.MIX store: text, not a file (a file parameter refuses a connection string)."""
    from qgis.core import QgsProcessingParameterString

    return QgsProcessingParameterString(
        name, tr("RE.MIX GeoPackage (path), database connection string or QGIS PostgreSQL connection"))


def store_help():
    """The help's sentence on what a store parameter takes."""
    return tr("Input: the path of a RE.MIX GeoPackage, the connection string of the central RE.MIX "
              "database (e.g. service=remix) or the name of a PostgreSQL connection saved in QGIS.")


def store_of(text):
    """A store parameter's value as the core reads it: a path or a DSN (a saved QGIS connection's
    name becomes its DSN, its authentication expanded in memory)."""
    from .create_database import connection_dsn

    return connection_dsn((text or "").strip())


class RemixAlgorithm(QgsProcessingAlgorithm):
    GROUP_ID = ""  # set by each algorithm: a key of group_label()
    STORE_PARAMETERS = ()  # its store_parameter()s: each must be given

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS API)
        for name in self.STORE_PARAMETERS:
            if not str(parameters.get(name) or "").strip():
                return False, tr("Give the source: a RE.MIX GeoPackage, a connection string or a QGIS "
                                 "connection name.") if name == "INPUT" else tr(
                    "Give the target: a RE.MIX GeoPackage, a connection string or a QGIS connection name.")
        return super().checkParameterValues(parameters, context)

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
