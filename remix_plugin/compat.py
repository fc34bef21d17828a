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
    "text": (QMetaType.Type.QString, "String"),
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


def relation_strength(name):
    """``Qgis.RelationshipStrength.X`` (QGIS >= 3.28) or ``QgsRelation.RelationStrength.X`` (3.22)."""
    enum = getattr(Qgis, "RelationshipStrength", None)
    if enum is not None:
        return getattr(enum, name)
    from qgis.core import QgsRelation

    return getattr(QgsRelation.RelationStrength, name)


# -- dock and perimeter tools (QGIS 3.22 scoped enums vs the Qgis.* enums of 3.30+/4.x) ---------
def _first_enum(*candidates):
    """The first ``(owner, "Enum.Member")`` that exists; owners are classes of qgis.core."""
    for owner, path in candidates:
        value = owner
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value is not None:
            return value
    raise AttributeError(f"none of {[p for _o, p in candidates]} exists in this QGIS")


def no_geometry_flag():
    from qgis.core import QgsFeatureRequest

    return _first_enum((Qgis, "FeatureRequestFlag.NoGeometry"), (QgsFeatureRequest, "Flag.NoGeometry"))


def polygon_geometry_type():
    from qgis.core import QgsWkbTypes

    return _first_enum((Qgis, "GeometryType.Polygon"), (QgsWkbTypes, "GeometryType.PolygonGeometry"))


def snapping_advanced_mode():
    from qgis.core import QgsSnappingConfig

    return _first_enum((Qgis, "SnappingMode.AdvancedConfiguration"),
                       (QgsSnappingConfig, "SnappingMode.AdvancedConfiguration"))


def snapping_vertex_and_segment():
    from qgis.core import QgsSnappingConfig

    vertex = _first_enum((Qgis, "SnappingType.Vertex"), (QgsSnappingConfig, "VertexFlag"))
    segment = _first_enum((Qgis, "SnappingType.Segment"), (QgsSnappingConfig, "SegmentFlag"))
    return vertex | segment


def pixel_tolerance_unit():
    from qgis.core import QgsTolerance

    return _first_enum((Qgis, "MapToolUnit.Pixels"), (QgsTolerance, "UnitType.Pixels"))


# -- attribute forms (remix_plugin/forms) ------------------------------------------------------
def form_layout_tabs():
    """Drag-and-drop (tabbed) form layout: ``Qgis.AttributeFormLayout.DragAndDrop`` (>= 3.32)
    or ``QgsEditFormConfig.EditorLayout.TabLayout`` (3.22)."""
    enum = getattr(Qgis, "AttributeFormLayout", None)
    if enum is not None:
        return enum.DragAndDrop
    from qgis.core import QgsEditFormConfig

    return QgsEditFormConfig.EditorLayout.TabLayout


def form_init_code_none():
    """No Python init code: ``Qgis.AttributeFormPythonInitCodeSource.NoSource`` or 3.22's
    ``QgsEditFormConfig.PythonInitCodeSource.CodeSourceNone``."""
    enum = getattr(Qgis, "AttributeFormPythonInitCodeSource", None)
    if enum is not None:
        return enum.NoSource
    from qgis.core import QgsEditFormConfig

    return QgsEditFormConfig.PythonInitCodeSource.CodeSourceNone


def form_suppress_default():
    """Let QGIS's setting decide whether the form opens after digitizing."""
    enum = getattr(Qgis, "AttributeFormSuppression", None)
    if enum is not None:
        return enum.Default
    from qgis.core import QgsEditFormConfig

    return QgsEditFormConfig.FeatureFormSuppress.SuppressDefault


def set_container_group_box(container):
    """Show a form container as a group box (``setType`` >= 3.32, ``setIsGroupBox`` before)."""
    enum = getattr(Qgis, "AttributeEditorContainerType", None)
    if enum is not None and hasattr(container, "setType"):
        container.setType(enum.GroupBox)
    else:
        container.setIsGroupBox(True)


def set_container_tab(container):
    """Show a top-level form container as a tab: QGIS 3.22 makes every container a group box
    unless told otherwise (``setIsGroupBox(False)``); >= 3.32 has ``setType(...Tab)``."""
    enum = getattr(Qgis, "AttributeEditorContainerType", None)
    if enum is not None and hasattr(container, "setType"):
        container.setType(enum.Tab)
    else:
        container.setIsGroupBox(False)


# -- default styles (remix_plugin/styles) ------------------------------------------------------
def symbol_layer_property(name):
    """A data-defined property of a symbol layer ("LayerEnabled", "StrokeStyle", …):
    ``QgsSymbolLayer.Property<name>`` (3.x) or ``QgsSymbolLayer.Property.<name>`` (4.x)."""
    from qgis.core import QgsSymbolLayer

    return _first_enum((QgsSymbolLayer, f"Property{name}"), (QgsSymbolLayer, f"Property.{name}"))


def label_placement(name):
    """``QgsPalLayerSettings.Placement.<name>`` (3.22) or ``Qgis.LabelPlacement.<name>``."""
    from qgis.core import QgsPalLayerSettings

    return _first_enum((QgsPalLayerSettings, f"Placement.{name}"), (Qgis, f"LabelPlacement.{name}"))


# -- layer metadata (base maps) ---------------------------------------------------------------
def set_layer_attribution(layer, text):
    """A layer's attribution: ``serverProperties().setAttribution`` (QGIS >= 3.38; the layer's own
    ``setAttribution`` is deprecated on 3.44) or ``QgsMapLayer.setAttribution`` (3.22)."""
    properties = layer.serverProperties()
    if hasattr(properties, "setAttribution"):
        properties.setAttribution(text)
    else:
        layer.setAttribution(text)


def set_layer_attribution_url(layer, url):
    """The link of a layer's attribution, where ``set_layer_attribution`` puts its text."""
    properties = layer.serverProperties()
    if hasattr(properties, "setAttributionUrl"):
        properties.setAttributionUrl(url)
    else:
        layer.setAttributionUrl(url)


def save_style_to_database(layer, name, description, use_as_default):
    """Store the layer's style in its data source; returns the error text ("" when saved).
    ``saveStyleToDatabaseV2`` (QGIS >= 3.44, returns (results, message); the old call is
    deprecated there) or ``saveStyleToDatabase`` (3.22, returns the message)."""
    if hasattr(layer, "saveStyleToDatabaseV2"):
        _results, error = layer.saveStyleToDatabaseV2(name, description, use_as_default, "")
        return error or ""
    return layer.saveStyleToDatabase(name, description, use_as_default, "") or ""


def layer_attribution(layer):
    properties = layer.serverProperties()
    if hasattr(properties, "attribution"):
        return properties.attribution()
    return layer.attribution()


def set_layer_short_name(layer, name):
    """The name QGIS Server publishes a layer under (WMS layer, WFS type name):
    ``serverProperties().setShortName`` (QGIS >= 3.38; ``QgsMapLayer.setShortName`` is deprecated on
    3.44 and gone in QGIS 4) or ``QgsMapLayer.setShortName`` (3.22)."""
    properties = layer.serverProperties()
    if hasattr(properties, "setShortName"):
        properties.setShortName(name)
    else:
        layer.setShortName(name)


def layer_short_name(layer):
    """The layer's server short name ("" when none is set)."""
    properties = layer.serverProperties()
    if hasattr(properties, "shortName"):
        return properties.shortName()
    return layer.shortName()


# -- Processing -----------------------------------------------------------------------------------
def processing_flag_optional():
    """``Qgis.ProcessingParameterFlag.Optional`` (QGIS >= 3.36, 4.x) or
    ``QgsProcessingParameterDefinition.FlagOptional`` (3.22)."""
    from qgis.core import QgsProcessingParameterDefinition

    return _first_enum((Qgis, "ProcessingParameterFlag.Optional"),
                       (QgsProcessingParameterDefinition, "FlagOptional"))


def value_relation_orders_by_field():
    """The value-relation widget's "OrderByField" option exists from QGIS 3.36 on."""
    return QGIS_VERSION_INT >= 33600


# -- background tasks ---------------------------------------------------------------------------
def task_flags_without_cancel():
    """``QgsTask`` flags for a task that cannot be interrupted (no Cancel in the task manager):
    the empty ``QgsTask.Flag(0)`` (a sip int enum on Qt5, an ``enum.Flag`` on Qt6)."""
    from qgis.core import QgsTask

    return QgsTask.Flag(0)


# -- print layouts, symbols and labels (atlas; block kept by helper "crosscut") ------------------
def scoped_enum(owner, scope, member):
    """``owner.scope.member`` (scoped enums, QGIS 4) or ``owner.member`` (3.22)."""
    scoped = getattr(owner, scope, None)
    if scoped is not None and hasattr(scoped, member):
        return getattr(scoped, member)
    return getattr(owner, member)


def text_render_always_text():
    """Text drawn as text, not outlines: ``QgsRenderContext.TextFormatAlwaysText`` (3.22) or
    ``Qgis.TextRenderFormat.AlwaysText``."""
    from qgis.core import QgsRenderContext

    return _first_enum((QgsRenderContext, "TextFormatAlwaysText"), (Qgis, "TextRenderFormat.AlwaysText"))


def layout_millimeters():
    from qgis.core import QgsUnitTypes

    return _first_enum((QgsUnitTypes, "LayoutMillimeters"), (Qgis, "LayoutUnit.Millimeters"))


def render_points():
    from qgis.core import QgsUnitTypes

    return _first_enum((QgsUnitTypes, "RenderPoints"), (Qgis, "RenderUnit.Points"))


def render_millimeters():
    from qgis.core import QgsUnitTypes

    return _first_enum((QgsUnitTypes, "RenderMillimeters"), (Qgis, "RenderUnit.Millimeters"))


def distance_unit(name):
    """``QgsUnitTypes.Distance<name>`` (3.22) or ``Qgis.DistanceUnit.<name>`` ("Meters", …)."""
    from qgis.core import QgsUnitTypes

    return _first_enum((QgsUnitTypes, f"Distance{name}"), (Qgis, f"DistanceUnit.{name}"))


def line_symbol_type():
    """``QgsSymbol.SymbolType.Line`` / ``QgsSymbol.Line`` (3.22) / ``Qgis.SymbolType.Line``."""
    from qgis.core import QgsSymbol

    return _first_enum((QgsSymbol, "SymbolType.Line"), (QgsSymbol, "Line"), (Qgis, "SymbolType.Line"))


def labeling_engine_flag(name):
    """A ``QgsLabelingEngineSettings`` flag (3.22 spelling or ``Qgis.LabelingFlag``), None if this
    QGIS has no such flag."""
    from qgis.core import QgsLabelingEngineSettings

    try:
        return _first_enum((QgsLabelingEngineSettings, name), (Qgis, f"LabelingFlag.{name}"))
    except AttributeError:
        return None


def takes_text_format(item):
    """Layout labels (QGIS >= 3.24) and legend styles (>= 3.30) take a QgsTextFormat; 3.22 a
    QFont and a colour."""
    return hasattr(item, "setTextFormat")


def postgres_connections():
    """name -> QGIS data source URI of the saved PostgreSQL connections (Browser, Data source
    manager). The provider connections API (QGIS >= 3.10) on every supported version; the
    settings keys of 3.x as the fallback when the provider's metadata is missing."""
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    if metadata is not None:
        try:
            return {name: connection.uri() for name, connection in metadata.connections(False).items()}
        except (AttributeError, TypeError):  # pragma: no cover (older bindings)
            pass
    return {}  # pragma: no cover


def null_rectangle():
    """An empty rectangle to grow with ``combineExtentWith``: ``setNull()`` since QGIS 3.34,
    where ``setMinimal()`` is deprecated (a warning in the message log)."""
    from qgis.core import QgsRectangle

    rectangle = QgsRectangle()
    (rectangle.setNull if hasattr(rectangle, "setNull") else rectangle.setMinimal)()
    return rectangle
