"""Base maps: presets kept as data (remix_plugin/data/basemaps.json), QGIS data sources built from
them, and the one-click loader that never blocks: without network it says so and adds nothing;
with a (local) tile server it adds the layer below everything else, with its attribution."""

from __future__ import annotations

import http.server
import json
import threading
import time

import dock_data
import pytest
from dock_data import FakePlugin, dock, remix  # noqa: F401 (fixtures)
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice
from qgis.PyQt.QtGui import QColor, QImage

from remix_plugin.basemaps import BasemapError, Preset, load_presets, preset, vector_parcels
from remix_plugin.compat import layer_attribution
from remix_plugin.gui.basemap_loader import BASEMAP_PROPERTY, BaseMapLoader


# -- the presets as data --------------------------------------------------------------------------
def test_presets_cover_the_services_technicians_use():
    presets = {p.id: p for p in load_presets()}
    assert list(presets) == ["catasto_ade", "ortofoto_rl", "dbt_rl", "osm"]
    catasto = presets["catasto_ade"]
    assert catasto.url == "https://wms.cartografia.agenziaentrate.gov.it/inspire/wms/ows01.php"
    assert "CP.CadastralParcel" in catasto.layers
    assert "Agenzia delle Entrate" in catasto.attribution and "CC BY 4.0" in catasto.attribution
    assert presets["osm"].kind == "xyz" and "OpenStreetMap" in presets["osm"].attribution
    for item in presets.values():
        assert QgsCoordinateReferenceSystem(item.crs).isValid(), item.id
        assert item.label("it") and item.label("en") and item.description("it")
        assert item.url.startswith("https://")
    assert "servizirl.it" in presets["ortofoto_rl"].url and "servizirl.it" in presets["dbt_rl"].url


def test_data_sources_are_what_the_wms_provider_reads():
    catasto, osm = preset("catasto_ade"), preset("osm")
    uri = catasto.uri()
    assert "crs=EPSG:6706" in uri and "layers=CP.CadastralParcel" in uri and "format=image/png" in uri
    assert "url=https://wms.cartografia.agenziaentrate.gov.it/inspire/wms/ows01.php" in uri
    assert uri.count("styles=") == len(catasto.layers)
    assert osm.uri().startswith("type=xyz&url=https://tile.openstreetmap.org/%7Bz%7D/%7Bx%7D/%7By%7D.png")
    assert "zmax=19" in osm.uri()
    assert osm.probe_url() == "https://tile.openstreetmap.org/0/0/0.png"
    assert catasto.probe_url().endswith("ows01.php?SERVICE=WMS&REQUEST=GetCapabilities")
    # an XYZ layer is made without any network access: the data source is well formed
    layer = QgsRasterLayer(osm.uri(), "osm", "wms")
    assert layer.isValid() and layer.crs().authid() == "EPSG:3857"


def test_the_parcels_vector_source_is_named():
    parcels = vector_parcels()
    assert parcels["kind"] == "wfs" and parcels["typename"] == "CP:CadastralParcel"
    assert parcels["url"].startswith("https://wfs.cartografia.agenziaentrate.gov.it/")


@pytest.mark.parametrize(("entry", "words"), [
    ({"id": "x", "kind": "wms", "label_it": "X", "label_en": "X", "crs": "EPSG:3857",
      "attribution": "a", "layers": ["0"]}, "url"),
    ({"id": "x", "kind": "wmts", "label_it": "X", "label_en": "X", "crs": "EPSG:3857", "url": "https://a.b/",
      "attribution": "a"}, "wmts"),
    ({"id": "x", "kind": "wms", "label_it": "X", "label_en": "X", "crs": "EPSG:3857", "url": "ftp://a.b/",
      "attribution": "a", "layers": ["0"]}, "indirizzo"),
])
def test_a_broken_presets_file_is_refused_in_words(tmp_path, entry, words):
    path = tmp_path / "basemaps.json"
    path.write_text(json.dumps({"presets": [entry]}), encoding="utf-8")
    with pytest.raises(BasemapError) as raised:
        load_presets(path)
    assert words in raised.value.message("it") or words in raised.value.message("en")


# -- loading without network ------------------------------------------------------------------------
def _preset(url, kind="xyz", **extra):
    return Preset({"id": "test_" + kind, "kind": kind, "label_it": "Prova", "label_en": "Test", "url": url,
                   "crs": "EPSG:3857", "attribution": "© prova", "layers": ["0"], **extra})


def _messages():
    seen = []
    return seen, (lambda text, level="Info", duration=6: seen.append((level, text)))


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/{z}/{x}/{y}.png",  # nothing listens: refused at once
    "http://10.255.255.1/{z}/{x}/{y}.png",  # unroutable: no answer, the probe gives up
])
def test_offline_base_map_never_blocks_and_adds_nothing(qgis_iface, url):
    seen, message = _messages()
    before = set(QgsProject.instance().mapLayers())
    started = time.monotonic()
    loader = BaseMapLoader(qgis_iface, message).add(_preset(url), probe_timeout_ms=1500)
    assert time.monotonic() - started < 0.5  # add() returns at once: QGIS stays usable
    assert loader.state == "probing"
    dock_data.wait_until(lambda: loader.done, timeout=8)
    assert loader.state == "offline"
    assert loader.elapsed < 5
    assert set(QgsProject.instance().mapLayers()) == before
    level, text = seen[-1]
    assert level == "Warning" and "cannot be reached" in text and "optional" in text


def test_dock_button_offers_every_preset_and_survives_offline(dock, remix):  # noqa: F811
    menu = dock.basemap_button.menu()
    assert dock.basemap_button.objectName() == "remixBaseMapButton"
    assert menu.objectName() == "remixBaseMapMenu" and menu.actions() == []  # read on first opening
    menu.aboutToShow.emit()  # what opening the menu does
    names = [action.objectName() for action in menu.actions()]
    assert names == ["remixBaseMap_catasto_ade", "remixBaseMap_ortofoto_rl", "remixBaseMap_dbt_rl",
                     "remixBaseMap_osm"]
    loader = dock.add_base_map("osm", probe_timeout_ms=2000)
    dock_data.wait_until(lambda: loader.done, timeout=10)
    assert loader.state in ("offline", "added")  # this machine has no network: offline
    if loader.state == "offline":
        added = [layer for layer in QgsProject.instance().mapLayers().values()
                 if layer.customProperty(BASEMAP_PROPERTY)]
        assert added == []
    assert dock.tree.model() is dock.proxy and dock.update_unsaved() == 0  # the panel still works


# -- loading with a service that answers ----------------------------------------------------------
def _png(colour="#d7191c"):
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


@pytest.fixture
def tile_server():
    tile = _png()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server API)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *_args):
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_reachable_base_map_is_added_below_with_its_attribution(remix, qgis_iface, tile_server):  # noqa: F811
    seen, message = _messages()
    loader = BaseMapLoader(qgis_iface, message).add(_preset(tile_server + "/{z}/{x}/{y}.png"))
    dock_data.wait_until(lambda: loader.done, timeout=8)
    assert loader.state == "added", seen
    layer = loader.layer
    assert layer.isValid() and layer.customProperty(BASEMAP_PROPERTY) == "test_xyz"
    assert layer_attribution(layer) == "© prova" and "© prova" in layer.metadata().rights()
    root = QgsProject.instance().layerTreeRoot()
    assert root.children()[-1].layerId() == layer.id()  # under the RE.MIX groups
    assert seen[-1][0] == "Success"
    again = BaseMapLoader(qgis_iface, message).add(loader.preset)
    assert again.state == "exists" and again.layer is layer  # one click twice: one layer
