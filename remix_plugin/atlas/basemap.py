"""The optional base map of the card maps: never required, offline the cards stay as they are.

A project chooses it with a base map added from the dock's presets and left visible, or with
the project entry ``remix/atlas_basemap`` (read on the main thread by
``basemap_setting``): either the id of a preset of ``remix_plugin/data/basemaps.json`` (the
dock's presets, read by ``remix_plugin.basemaps``) or a layer written as
``provider|uri|name|attribution`` (e.g. ``gdal|/data/ortofoto.tif|Ortofoto|© Regione Lombardia``).
``basemap_layer`` makes the raster layer for the atlas's own project; a source that does not open
is skipped with a log line.
"""

from ..basemaps import BasemapError, preset
from ..log import get_logger

LOG = get_logger("atlas")
SCOPE, KEY = "remix", "atlas_basemap"


DOCK_PROPERTY = "remix/basemap"  # set by the dock on the base-map layers it adds (gui/basemap_loader)


def basemap_setting(project, language="it"):
    """The base map configured in ``project`` (main thread), as a dict, or None: the entry
    ``remix/atlas_basemap`` ("none" for no base map), else a base map the dock added and left
    visible in the layer tree."""
    value, ok = project.readEntry(SCOPE, KEY, "")
    if ok and value:
        return None if value == "none" else resolve_basemap(value, language)
    root = project.layerTreeRoot()
    for layer in project.mapLayers().values():
        node = root.findLayer(layer.id())
        if layer.customProperty(DOCK_PROPERTY) and node is not None and node.isVisible():
            return {"provider": layer.providerType(), "uri": layer.source(), "name": layer.name(),
                    "attribution": layer.attribution()}
    return None


def resolve_basemap(value, language="it"):
    """``value``: a preset id of ``data/basemaps.json`` or ``provider|uri|name|attribution``;
    returns a dict (provider, uri, name, attribution) or None."""
    if "|" not in value:
        try:
            found = preset(value)
        except BasemapError as error:  # an unreadable presets file: the cards print without
            LOG.warning("Atlas base map presets unusable: %s", error.message("en"))
            return None
        if found is None:
            LOG.warning("Atlas base map %r is not a preset: none used", value)
            return None
        return {"provider": "wms", "uri": found.uri(), "name": found.label(language),
                "attribution": found.attribution}
    parts = value.split("|")
    return {"provider": parts[0], "uri": parts[1], "name": parts[2] if len(parts) > 2 else parts[0],
            "attribution": parts[3] if len(parts) > 3 else ""}


def basemap_layer(basemap):
    """A QgsRasterLayer for ``basemap`` (dict), or None when it does not open."""
    if not basemap:
        return None
    from qgis.core import QgsRasterLayer

    layer = QgsRasterLayer(basemap["uri"], basemap.get("name") or "basemap", basemap.get("provider", "gdal"))
    if not layer.isValid():
        LOG.warning("Atlas base map %s does not open: cards without it", basemap.get("name"))
        return None
    return layer
