"""Base-map presets kept as data (``data/basemaps.json``) and the QGIS data-source strings made
from them. Pure Python (no QGIS, no Qt): the GUI side is ``gui/basemap_loader.py``.

A preset is ``wms`` (QGIS provider "wms", WMS 1.x) or ``xyz`` (provider "wms", ``type=xyz``).
"""

import json
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from .errors import RemixError
from .i18n import BOTH, pick, tr

PRESETS_PATH = Path(__file__).resolve().parent / "data" / "basemaps.json"
KINDS = ("wms", "xyz")
REQUIRED = ("id", "kind", "label_it", "label_en", "url", "crs", "attribution")


class BasemapError(RemixError):
    """The presets file cannot be used (with the reason in Italian and English)."""


class Preset:
    def __init__(self, data):
        self.data = dict(data)
        self.id = self.data["id"]
        self.kind = self.data["kind"]
        self.url = self.data["url"]
        self.crs = self.data["crs"]
        self.attribution = self.data["attribution"]
        self.attribution_url = self.data.get("attribution_url", "")
        self.layers = list(self.data.get("layers", []))
        self.opacity = float(self.data.get("opacity", 1.0))

    def label(self, language="it"):
        return pick(language, self.data["label_it"], self.data["label_en"])

    def description(self, language="it"):
        return pick(language, self.data.get("description_it", ""), self.data.get("description_en", ""))

    def uri(self):
        """The data-source string for ``QgsRasterLayer(uri, name, "wms")``."""
        if self.kind == "xyz":
            pairs = [("type", "xyz"), ("url", self.url),
                     ("zmin", str(self.data.get("zmin", 0))), ("zmax", str(self.data.get("zmax", 19)))]
        else:
            pairs = [("contextualWMSLegend", "0"), ("crs", self.crs), ("dpiMode", "7"),
                     ("format", self.data.get("format", "image/png"))]
            pairs += [("layers", name) for name in self.layers]
            pairs += [("styles", "") for _name in self.layers]
            if self.data.get("version"):
                pairs.append(("version", self.data["version"]))
            pairs.append(("url", self.url))
        # QGIS reads these strings as URL-encoded key=value pairs: {z} becomes %7Bz%7D.
        return urlencode(pairs, quote_via=quote, safe=":/")

    def probe_url(self):
        """A light request telling whether the service answers (capabilities or the world tile)."""
        if self.kind == "xyz":
            return self.url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")
        separator = "&" if "?" in self.url else "?"
        return self.url + separator + "SERVICE=WMS&REQUEST=GetCapabilities"


def _check(entry, position):
    missing = [key for key in REQUIRED if not entry.get(key)]
    if missing:
        raise BasemapError("basemaps", *tr("Base map no. {position}: {keys} missing.", language=BOTH).format(
            position=position, keys=", ".join(missing)))
    if entry["kind"] not in KINDS:
        raise BasemapError("basemaps", *tr("Base map '{id}': unknown kind '{kind}'.", language=BOTH).format(
            id=entry["id"], kind=entry["kind"]))
    parts = urlsplit(entry["url"])
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise BasemapError("basemaps", *tr("Base map '{id}': invalid address.", language=BOTH).format(
            id=entry["id"]))
    if entry["kind"] == "wms" and not entry.get("layers"):
        raise BasemapError("basemaps", *tr("Base map '{id}': no WMS layer.", language=BOTH).format(
            id=entry["id"]))


def load_presets(path=None):
    """The presets in file order. Raises BasemapError when the file is unusable."""
    path = Path(path) if path is not None else PRESETS_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BasemapError("basemaps", *tr("List of base maps unreadable: {error}", language=BOTH).format(
            error=error)) from error
    presets, seen = [], set()
    for position, entry in enumerate(data.get("presets", []), start=1):
        _check(entry, position)
        if entry["id"] in seen:
            raise BasemapError("basemaps", *tr("Base map '{id}' repeated.", language=BOTH).format(
                id=entry["id"]))
        seen.add(entry["id"])
        presets.append(Preset(entry))
    return presets


def preset(preset_id, path=None):
    for candidate in load_presets(path):
        if candidate.id == preset_id:
            return candidate
    return None


def vector_parcels(preset_id="catasto_ade", path=None):
    """Where parcels as vectors come from (the WFS of a cadastral preset), or None."""
    found = preset(preset_id, path)
    return found.data.get("vector_parcels") if found is not None else None
