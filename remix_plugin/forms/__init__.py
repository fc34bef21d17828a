"""Attribute forms generated from the RE.MIX scheme and data model.

``form_spec`` (pure Python, forms/spec.py) describes a layer's form as plain data;
``configure_layer`` (forms/qgis_config.py, needs QGIS) applies it to a QgsVectorLayer.
``configure_layer`` is imported lazily so that the pure part never pulls in QGIS.
"""

from .spec import FormSpec, form_spec, form_specs

__all__ = ["FormSpec", "configure_layer", "form_spec", "form_specs"]


def __getattr__(name):
    if name == "configure_layer":
        from .qgis_config import configure_layer

        return configure_layer
    raise AttributeError(name)
