"""Which fields of a layer QGIS Server publishes: hide a field from WMS (GetFeatureInfo) and
WFS (GetFeature, OGC API – Features), and read what is hidden.

QGIS keeps this as each field's configuration flags ``HideFromWms`` / ``HideFromWfs``. QGIS 3.22
gives Python no call for them (its ``setExcludeAttributesWms`` is a deprecated no-op; the flag
API came with 3.30's ``Qgis.FieldConfigurationFlag``), so the flags go through the layer's
"Fields" style category, the XML QGIS itself reads and writes in every version
(``<fieldConfiguration><field name="note" configurationFlags="HideFromWms|HideFromWfs"/>``):
exported, changed, imported back. Aliases, widgets and the other flags stay as they are.
"""

_FLAGS = {"WMS": "HideFromWms", "WFS": "HideFromWfs"}
_NO_FLAG = ("None", "NoFlag")  # "no flag" as QGIS 3.22 and QGIS 3.30+ write it


def _fields_style(layer):
    from qgis.core import QgsMapLayer, QgsReadWriteContext
    from qgis.PyQt.QtXml import QDomDocument

    document = QDomDocument()
    layer.exportNamedStyle(document, QgsReadWriteContext(), QgsMapLayer.StyleCategory.Fields)
    return document


def _field_elements(document):
    nodes = document.elementsByTagName("fieldConfiguration")
    if nodes.isEmpty():
        return {}
    children = nodes.at(0).toElement().elementsByTagName("field")
    elements = (children.at(i).toElement() for i in range(children.count()))
    return {element.attribute("name"): element for element in elements}


def _keys(element):
    text = element.attribute("configurationFlags", "")
    return {key for key in text.split("|") if key and key not in _NO_FLAG}


def hidden_fields(layer, service):
    """Names of the fields of ``layer`` hidden from ``service`` ("WMS" or "WFS")."""
    return {name for name, element in _field_elements(_fields_style(layer)).items()
            if _FLAGS[service] in _keys(element)}


def hide_fields(layer, names, services=("WMS", "WFS")):
    """Hide the fields ``names`` of ``layer`` from each of ``services`` (other flags, aliases,
    widgets and styles stay as they are). Raises ValueError if QGIS refuses the change."""
    from qgis.core import QgsMapLayer

    names = [name for name in names if layer.fields().indexOf(name) >= 0]
    if not names:
        return
    document = _fields_style(layer)
    elements = _field_elements(document)
    for name in names:
        element = elements.get(name)
        if element is not None:
            keys = _keys(element) | {_FLAGS[service] for service in services}
            element.setAttribute("configurationFlags", "|".join(sorted(keys)))
    ok, error = layer.importNamedStyle(document, QgsMapLayer.StyleCategory.Fields)
    if not ok:
        raise ValueError(f"field visibility of {layer.name()} not set: {error}")
