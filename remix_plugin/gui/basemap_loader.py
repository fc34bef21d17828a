"""Adding a base map in one click without ever blocking QGIS.

A WMS layer downloads the service's capabilities while it is constructed, synchronously: without
network that would freeze QGIS for the network timeout (60 s by default). So the service is
probed first with an asynchronous request (QgsNetworkAccessManager: QGIS's proxy and SSL
settings apply) aborted after ``PROBE_TIMEOUT_MS``; the layer is made only when it answered.
Offline the user gets a message and everything else keeps working.
"""

import time

from qgis.core import QgsNetworkAccessManager, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..compat import set_layer_attribution, set_layer_attribution_url
from ..i18n import tr, ui_language
from ..log import get_logger

LOG = get_logger("gui.basemaps")
PROBE_TIMEOUT_MS = 8000
BASEMAP_PROPERTY = "remix/basemap"


def base_map_layers(qgis_project=None):
    qgis_project = qgis_project or QgsProject.instance()
    return {layer.customProperty(BASEMAP_PROPERTY): layer for layer in qgis_project.mapLayers().values()
            if layer.customProperty(BASEMAP_PROPERTY)}


def make_layer(preset, language=None):
    """The raster layer of a preset (call only once the service answered: WMS fetches its
    capabilities here)."""
    layer = QgsRasterLayer(preset.uri(), preset.label(language or ui_language()), "wms")
    if not layer.isValid():
        return layer
    layer.setCustomProperty(BASEMAP_PROPERTY, preset.id)
    metadata = layer.metadata()
    metadata.setRights([preset.attribution])
    layer.setMetadata(metadata)
    set_layer_attribution(layer, preset.attribution)
    if preset.attribution_url:
        set_layer_attribution_url(layer, preset.attribution_url)
    renderer = layer.renderer()
    if renderer is not None:
        renderer.setOpacity(preset.opacity)
    return layer


def add_below(layer, qgis_project=None):
    """Add ``layer`` at the bottom of the layer tree (under the RE.MIX layers and comuni)."""
    qgis_project = qgis_project or QgsProject.instance()
    qgis_project.addMapLayer(layer, False)
    root = qgis_project.layerTreeRoot()
    root.insertLayer(len(root.children()), layer)
    return layer


class BaseMapLoader:
    """``add(preset_or_id)`` returns at once; ``state`` becomes "added", "exists", "offline",
    "invalid" or "unknown" when the work ends, and ``layer`` holds the added layer."""

    def __init__(self, iface=None, message=None):
        self.iface = iface
        self.message = message or (lambda text, level="Info", duration=6: LOG.info("%s", text))
        self.state = ""
        self.layer = None
        self.preset = None
        self.reply = None
        self.elapsed = 0.0
        self._started = 0.0
        self._timer = None

    @property
    def done(self):
        return bool(self.state) and self.state != "probing"

    def add(self, preset_or_id, probe_timeout_ms=None):
        from ..basemaps import BasemapError, preset

        try:
            found = preset(preset_or_id) if isinstance(preset_or_id, str) else preset_or_id
        except BasemapError as error:
            self._finish("unknown", error.message(ui_language()), "Critical")
            return self
        if found is None:
            self._finish("unknown", tr("Unknown base map: {id}").format(id=preset_or_id), "Warning")
            return self
        self.preset = found
        existing = base_map_layers().get(found.id)
        if existing is not None:
            self.layer = existing
            self._finish("exists", tr("“{name}” is already in the project").format(name=existing.name()))
            return self
        self.state = "probing"
        self._started = time.monotonic()
        self.message(tr("Contacting the service of “{name}”…").format(name=found.label(ui_language())),
                     "Info", 3)
        request = QNetworkRequest(QUrl(found.probe_url()))
        self.reply = QgsNetworkAccessManager.instance().get(request)
        self.reply.finished.connect(self._probed)
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._timer.start(PROBE_TIMEOUT_MS if probe_timeout_ms is None else probe_timeout_ms)
        return self

    def _timed_out(self):
        if self.reply is not None and self.state == "probing":
            self.reply.abort()  # finished() follows, with OperationCanceledError

    def _probed(self):
        reply, self.reply = self.reply, None
        if self._timer is not None:
            self._timer.stop()
        if reply is None or self.state != "probing":
            return
        error = reply.error()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        reason = reply.errorString()
        reply.deleteLater()
        name = self.preset.label(ui_language())
        if error != QNetworkReply.NetworkError.NoError or (status is not None and int(status) >= 400):
            if error == QNetworkReply.NetworkError.OperationCanceledError:
                waited = round(time.monotonic() - self._started)
                reason = tr("no answer within {seconds} s").format(seconds=waited)
            self._finish("offline", tr("“{name}” was not added: its service cannot be reached ({reason}). "
                                       "The base map is optional: everything else works without it.")
                         .format(name=name, reason=reason), "Warning", 10)
            return
        layer = make_layer(self.preset)
        if not layer.isValid():
            self._finish("invalid", tr("“{name}” was not added: the service answered but QGIS could not "
                                       "read the layer.").format(name=name), "Warning", 10)
            return
        self.layer = add_below(layer)
        self._finish("added", tr("Base map “{name}” added ({attribution}).").format(
            name=name, attribution=self.preset.attribution), "Success", 6)

    def _finish(self, state, text, level="Info", duration=6):
        self.state = state
        self.elapsed = time.monotonic() - self._started if self._started else 0.0
        self.message(text, level, duration)
