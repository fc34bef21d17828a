"""Default map styles of the RE.MIX layers.

``apply_default_style(layer, table_name, language)`` gives a layer its default symbology and
labels (``lavori``, ``criticita``, ``comuni``; other tables are non-spatial and left alone).
The project module saves the result as the layer's default style inside the GeoPackage.
"""

from .layers import STATO_JOIN_FIELD, add_stato_join, apply_default_style

__all__ = ["STATO_JOIN_FIELD", "add_stato_join", "apply_default_style"]
