"""The QGIS project (``QgsProject``) of a RE.MIX GeoPackage, stored inside the ``.gpkg``.

``builder`` puts the layers, the layer tree and the relations of ``layers.model`` into a
``QgsProject`` and hands each layer to its one configurer: ``forms.qgis_config`` writes the form
(aliases, widgets, defaults, constraints), ``styles`` the symbology. ``storage`` writes the
project and the default styles into the file and opens it again.

This module imports nothing, so light code (``forms.desktop``, ``styles``, the dock) can read
the layer property without loading the builder.
"""

# Layers are found by this custom property (the table name), never by their display name,
# which is the table's label in the user's language.
TABLE_PROPERTY = "remix/table"
