"""The few places where QGIS 3.22 … 3.44 (Qt5) and QGIS 4 (Qt6) spell things differently.

Everything else in the plugin uses ``qgis.PyQt`` and fully scoped enums, which work on both.
"""

from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType, QVariant

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT

try:  # QGIS >= 3.38 types fields by QMetaType; 3.22 needs QVariant.Type
    from qgis.core import QgsField  # noqa: F401

    _USE_METATYPE = QGIS_VERSION_INT >= 33800
except ImportError:  # pragma: no cover
    _USE_METATYPE = False

_FIELD_TYPES = {
    "text": (QMetaType.Type.QString, "QString"),
    "integer": (QMetaType.Type.LongLong, "LongLong"),
    "real": (QMetaType.Type.Double, "Double"),
    "boolean": (QMetaType.Type.Bool, "Bool"),
    "date": (QMetaType.Type.QDate, "Date"),
    "datetime": (QMetaType.Type.QDateTime, "DateTime"),
}


def field_type(kind):
    """The type to give ``QgsField`` for a model field kind ("text", "integer", ...)."""
    meta_type, variant_name = _FIELD_TYPES[kind]
    if _USE_METATYPE:
        return meta_type
    return getattr(QVariant, variant_name)


def message_level(name):
    """``Qgis.Info`` / ``Qgis.MessageLevel.Info`` depending on the version."""
    enum = getattr(Qgis, "MessageLevel", None)
    if enum is not None and hasattr(enum, name):
        return getattr(enum, name)
    return getattr(Qgis, name)


def dock_area(name):
    from qgis.PyQt.QtCore import Qt

    return getattr(Qt.DockWidgetArea, name)
