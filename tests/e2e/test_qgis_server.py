"""QGIS Server for real (issue 15, docs/qgis-server.md): Debian's ``qgis_mapserver`` (package
``qgis-server``) serves the project ``prepare_server_project`` writes for the demo.

The demo gets a seventh project that must not be published ("Villa Segreta": ``pubblicabile``
false, an e-mail in its note, a lavoro far from the others and a phase) and personal data on
published rows (an e-mail in a published project's note, one as a lavoro's author). On that:
GetCapabilities lists the layers, GetMap draws the lavori (pixels counted), GetFeatureInfo on a
lavoro names its project, OGC API – Features returns the six demo projects as GeoJSON, GetPrint
renders an atlas page (PDF, text read with pdftotext), and nothing of Villa Segreta and none of
the e-mails appears in any response, in the project or in the atlas pages' GeoPackage.

Host only: skipped in the Debian sid chroot (``REMIX_QGIS_RUNTIME`` "chroot:…", no QGIS Server
there); on the host a missing ``qgis_mapserver`` is a failure (apt-get install qgis-server).
"""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.unit.test_web_publish import demo_copy

ROOT = Path(__file__).resolve().parents[2]
MAPSERVER = shutil.which("qgis_mapserver")
FCGI = Path("/usr/lib/cgi-bin/qgis_mapserv.fcgi")  # what Apache or nginx runs (Debian's path)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("REMIX_QGIS_RUNTIME", "").startswith("chroot:"),
                       reason="QGIS Server is tested on the host (the chroot has no qgis-server)"),
]

SECRET_TITLE = "Villa Segreta"
SECRET_MAIL = "mario.rossi@example.org"  # in the note of the project that is not publishable
NOTE_MAIL = "giulia.bianchi@example.org"  # in the note of a publishable project (a hidden field)
AUTHOR_MAIL = "anna.verdi@example.org"  # the author (creato_da) of a published lavoro
SECRETS = (SECRET_TITLE, SECRET_MAIL, NOTE_MAIL, AUTHOR_MAIL)
SECRET_OFFSET_Y = 3000.0  # metres north of the first lavoro: no other lavoro is there

PREPARE = """
import json, sys
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from remix_plugin.qgis_server.prepare import prepare_server_project
result = prepare_server_project(sys.argv[1], sys.argv[2], contact_mail="remix@example.org",
                                snapshot="live" not in sys.argv[3:])
print(json.dumps({"path": str(result.path), "atlas": str(result.atlas_path), "layout": result.layout,
                  "wms": result.wms_layers, "maps": result.print_maps, "data": str(result.data_path)}))
app.exitQgis()
"""


def _copy_feature(layer, fid, changes, dy=0.0):
    from osgeo import ogr

    source = layer.GetFeature(fid)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetFrom(source)
    feature.SetFID(-1)
    for name, value in changes.items():
        feature.SetField(name, value)
    geometry = source.GetGeometryRef()
    if geometry is not None:
        moved = geometry.Clone()
        for i in range(moved.GetGeometryCount()):  # a (multi)polygon: move every ring's points
            part = moved.GetGeometryRef(i)
            rings = [part.GetGeometryRef(j) for j in range(part.GetGeometryCount())] or [part]
            for ring in rings:
                for k in range(ring.GetPointCount()):
                    x, y = ring.GetX(k), ring.GetY(k)
                    ring.SetPoint_2D(k, x, y + dy)
        feature.SetGeometry(moved)
    assert layer.CreateFeature(feature) == 0
    return feature


def add_secrets(path):
    """Villa Segreta (not publishable) with a lavoro and a phase; e-mails on published rows.
    Returns the secret lavoro's bounding box (minx, miny, maxx, maxy)."""
    from osgeo import ogr

    dataset = ogr.Open(str(path), 1)
    progetti, lavori, fasi = (dataset.GetLayerByName(n) for n in ("progetti", "lavori", "fasi"))
    first = lavori.GetFeature(1)
    owner = next(f for f in progetti if f["uuid"] == first["progetto_uuid"])
    secret_uuid = "00000000-0000-4000-8000-00000000cafe"
    _copy_feature(progetti, owner.GetFID(), {"uuid": secret_uuid, "titolo": SECRET_TITLE,
                                             "pubblicabile": 0,
                                             "note": f"Referente: {SECRET_MAIL}"})
    secret_lavoro = _copy_feature(lavori, 1, {"uuid": "00000000-0000-4000-8000-00000000beef",
                                              "progetto_uuid": secret_uuid,
                                              "titolo": f"Lavoro di {SECRET_TITLE}"}, dy=SECRET_OFFSET_Y)
    fasi.ResetReading()
    a_phase = next(iter(fasi))
    _copy_feature(fasi, a_phase.GetFID(), {"uuid": "00000000-0000-4000-8000-00000000f00d",
                                           "progetto_uuid": secret_uuid,
                                           "titolo": f"Fase di {SECRET_TITLE}"})
    published = progetti.GetFeature(owner.GetFID())
    published.SetField("note", f"Chiedere a {NOTE_MAIL}")
    assert progetti.SetFeature(published) == 0
    first.SetField("creato_da", AUTHOR_MAIL)
    assert lavori.SetFeature(first) == 0
    envelope = secret_lavoro.GetGeometryRef().GetEnvelope()  # (minx, maxx, miny, maxy)
    dataset = None
    return envelope[0], envelope[2], envelope[1], envelope[3]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``qgis_mapserver -p project 127.0.0.1:PORT`` for the tests of this module; every
    response it gave is kept (``responses``) for the check that nothing secret left it."""

    def __init__(self, project, log_path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_SERVER_LOG_STDERR="1",
                   QGIS_SERVER_LOG_LEVEL="2", XDG_RUNTIME_DIR=str(log_path.parent))
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen([MAPSERVER, "-p", str(project), f"127.0.0.1:{self.port}"],
                                        stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.responses = []
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get(SERVICE="WMS", REQUEST="GetCapabilities")
                break
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    log = log_path.read_text(errors="replace")[-2000:]
                    pytest.fail("qgis_mapserver did not start: " + log)
                time.sleep(0.3)

    def get(self, path="", **params):
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        with urllib.request.urlopen(url, timeout=120) as answer:
            body = answer.read()
            self.responses.append((url, answer.headers.get("Content-Type", ""), body))
            return answer.headers.get("Content-Type", ""), body

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    if MAPSERVER is None:
        pytest.fail("qgis_mapserver not installed (apt-get install qgis-server)")
    folder = tmp_path_factory.mktemp("qgis-server")
    source = demo_copy(folder)
    secret_box = add_secrets(source)
    target = folder / "demo_server.qgs"
    result = _prepare(source, target)
    return {"folder": folder, "source": source, "project": target, "result": result,
            "secret_box": secret_box}


def _prepare(source, target, *extra):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               XDG_RUNTIME_DIR=str(target.parent))
    run = subprocess.run([sys.executable, "-c", PREPARE, str(source), str(target), *extra], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def server(prepared):
    running = Server(prepared["project"], prepared["folder"] / "qgis_mapserver.log")
    yield running
    running.stop()


def _lavori_extent(source):
    from osgeo import ogr

    dataset = ogr.Open(str(source))
    layer = dataset.GetLayerByName("lavori")
    layer.SetAttributeFilter("\"progetto_uuid\" NOT LIKE '00000000-%'")
    minx, maxx, miny, maxy = layer.GetExtent()
    return minx, miny, maxx, maxy


def _first_lavoro(source):
    """(point inside the first lavoro, its title, its project's title)."""
    from osgeo import ogr

    dataset = ogr.Open(str(source))
    lavoro = dataset.GetLayerByName("lavori").GetFeature(1)
    point = lavoro.GetGeometryRef().PointOnSurface()
    progetti = dataset.GetLayerByName("progetti")
    progetti.SetAttributeFilter(f"uuid = '{lavoro['progetto_uuid']}' AND pubblicabile = 1")
    title = next(iter(progetti))["titolo"]
    return (point.GetX(), point.GetY()), lavoro["titolo"], title


def _png_pixels(body):
    """(width, height, number of pixels that are not fully transparent) of a PNG."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(body)).convert("RGBA")
    alpha = image.getchannel("A")
    return image.width, image.height, sum(1 for value in alpha.getdata() if value > 0)


def _get_map(server, bbox, layers="lavori", size=256):
    return server.get(SERVICE="WMS", VERSION="1.3.0", REQUEST="GetMap", LAYERS=layers, STYLES="",
                      CRS="EPSG:32632", BBOX=",".join(f"{v:.3f}" for v in bbox), WIDTH=size,
                      HEIGHT=size, FORMAT="image/png", TRANSPARENT="TRUE")


def test_get_capabilities_lists_the_published_layers(server):
    content_type, body = server.get(SERVICE="WMS", VERSION="1.3.0", REQUEST="GetCapabilities")
    assert "xml" in content_type
    root = ET.fromstring(body)
    ns = {"wms": "http://www.opengis.net/wms"}
    names = {node.text for node in root.iterfind(".//wms:Layer/wms:Name", ns)}
    assert {"remix", "remix_data", "remix_reference", "lavori", "progetti", "criticita", "fasi", "azioni",
            "comuni"} <= names
    assert not {"finanziamenti", "bandi", "remix_codelist", "remix_codes"} & names
    service = root.find("wms:Service", ns)
    assert service.find("wms:ContactInformation/wms:ContactPersonPrimary/wms:ContactOrganization",
                        ns).text == "Città metropolitana di Milano"
    assert "RE.MIX" in service.find("wms:Title", ns).text
    _ct, wfs = server.get(SERVICE="WFS", VERSION="1.1.0", REQUEST="GetCapabilities")
    wfs_names = {node.text for node in ET.fromstring(wfs).iter() if node.tag.endswith("}Name")}
    assert {"lavori", "progetti", "fasi"} <= wfs_names
    assert "finanziamenti" not in wfs_names


def test_get_map_draws_the_lavori(server, prepared, artifacts_dir):
    content_type, body = _get_map(server, _lavori_extent(prepared["source"]))
    assert content_type.startswith("image/png"), body[:500]
    width, height, drawn = _png_pixels(body)
    assert (width, height) == (256, 256)
    assert drawn > 100, f"only {drawn} pixels of lavori drawn"
    folder = artifacts_dir / "qgis_server"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "getmap_lavori.png").write_bytes(body)
    minx, miny, maxx, maxy = _lavori_extent(prepared["source"])
    side = max(maxx - minx, maxy - miny) * 1.1
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    _ct, both = _get_map(server, (cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2),
                         layers="comuni,lavori", size=800)
    (folder / "getmap_comuni_lavori.png").write_bytes(both)
    assert _png_pixels(both)[2] > 800 * 800 // 2  # the comuni cover the map


def test_get_feature_info_on_a_lavoro_names_its_project(server, prepared):
    (x, y), lavoro_title, project_title = _first_lavoro(prepared["source"])
    content_type, body = server.get(
        SERVICE="WMS", VERSION="1.3.0", REQUEST="GetFeatureInfo", LAYERS="lavori",
        QUERY_LAYERS="lavori", STYLES="", CRS="EPSG:32632",
        BBOX=f"{x - 50:.3f},{y - 50:.3f},{x + 50:.3f},{y + 50:.3f}", WIDTH=101, HEIGHT=101, I=50, J=50,
        INFO_FORMAT="text/html", WITH_MAPTIP="TRUE", FEATURE_COUNT=5)
    text = body.decode("utf-8")
    assert "text/html" in content_type
    assert f"<h3>{project_title}</h3>" in text  # the map tip: the project card
    assert lavoro_title in text
    assert "Stato del progetto" in text
    with sqlite3.connect(f"file:{prepared['source']}?mode=ro", uri=True) as db:
        (codes,) = db.execute("SELECT ambito_opportunita FROM progetti WHERE titolo = ?",
                              (project_title,)).fetchone()
        labels = [db.execute("SELECT label_it FROM remix_codelist WHERE dimension = 'ambito_opportunita' "
                             "AND code = ?", (code,)).fetchone()[0] for code in json.loads(codes)]
    assert labels
    row = text.split("Ambito di opportunità</th><td>", 1)[1].split("</td>", 1)[0]
    assert sorted(row.split(", ")) == sorted(labels)  # the scheme's labels, not the codes


def test_ogc_api_features_returns_the_six_projects(server):
    content_type, body = server.get("wfs3/collections/progetti/items.geojson", limit=100)
    assert "json" in content_type
    collection = json.loads(body)
    assert collection["type"] == "FeatureCollection"
    titles = sorted(str(feature["properties"].get("Titolo")) for feature in collection["features"])
    assert len(titles) == 6, titles
    assert "Casa dei Castanesi" in titles
    _ct, lavori = server.get("wfs3/collections/lavori/items.geojson", limit=100)
    lavori = json.loads(lavori)
    assert lavori["features"] and all(f["geometry"]["type"].endswith("Polygon") for f in lavori["features"])
    lon, lat = lavori["features"][0]["geometry"]["coordinates"][0][0][0][:2]
    assert 8.5 < lon < 9.6 and 45.1 < lat < 45.8  # degrees (CRS84), around Milan


def test_get_print_renders_an_atlas_page(server, prepared, artifacts_dir):
    atlas = Path(prepared["result"]["atlas"])
    with sqlite3.connect(f"file:{atlas}?mode=ro", uri=True) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents WHERE table_name LIKE '%progetti_atlante'"
                           ).fetchone()[0]
        fid, title, comune = db.execute(
            f'SELECT fid, titolo, comune FROM "{table}" WHERE tipo_pagina = ? ORDER BY fid',
            ("progetto",)).fetchone()
    maps = prepared["result"]["maps"]
    _ct, settings = server.get(SERVICE="WMS", VERSION="1.3.0", REQUEST="GetProjectSettings")
    listed = {node.get("name"): (int(node.get("width")), int(node.get("height")))
              for node in ET.fromstring(settings).iter() if node.tag.endswith("}ComposerMap")}
    assert listed == {m["name"]: (m["width_mm"], m["height_mm"]) for m in maps}  # the same numbering
    (locator,) = [m for m in maps if m["id"] == "mappa_inquadramento"]
    extents = {f"{locator['name']}:EXTENT": ",".join(str(v) for v in locator["extent"])}
    texts, inked = [], []
    for extra in ({}, extents):  # without the locator's extent QGIS Server leaves that map out
        content_type, body = server.get(SERVICE="WMS", VERSION="1.3.0", REQUEST="GetPrint",
                                        TEMPLATE=prepared["result"]["layout"], FORMAT="pdf",
                                        CRS="EPSG:32632", ATLAS_PK=str(fid), **extra)
        assert body[:5] == b"%PDF-", body[:500]
        assert len(body) > 10_000
        pdf = prepared["folder"] / "atlas_page.pdf"
        pdf.write_bytes(body)
        texts.append(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                    check=True).stdout)
        inked.append(_inked_pixels(pdf))
    (artifacts_dir / "qgis_server").mkdir(parents=True, exist_ok=True)
    (artifacts_dir / "qgis_server" / "getprint_atlas_page.pdf").write_bytes(body)
    assert title in texts[1] and comune in texts[1]
    # the locator map (57 × 38 mm of tinted comuni: about 1,900 more pixels at 36 dpi) is drawn
    assert inked[1] - inked[0] > 1000, inked


def test_the_secret_project_is_in_no_response(server, prepared):
    """Villa Segreta is filtered out everywhere; the e-mails are in hidden fields."""
    (x, y), _title, _project = _first_lavoro(prepared["source"])
    minx, miny, maxx, maxy = prepared["secret_box"]
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    _ct, picture = _get_map(server, (minx - 20, miny - 20, maxx + 20, maxy + 20))
    assert _png_pixels(picture)[2] == 0, "the lavoro of the project not publishable is drawn"
    control = _get_map(server, (x - 200, y - 200, x + 200, y + 200))[1]
    assert _png_pixels(control)[2] > 0  # the same request on a published lavoro draws it
    for point, formats in (((cx, cy), ("text/html", "application/json")),
                           ((x, y), ("text/html", "text/xml", "application/json"))):
        for info_format in formats:
            server.get(SERVICE="WMS", VERSION="1.3.0", REQUEST="GetFeatureInfo",
                       LAYERS="lavori,criticita,comuni", QUERY_LAYERS="lavori,criticita",
                       STYLES="", CRS="EPSG:32632",
                       BBOX=",".join(f"{v:.3f}" for v in (point[0] - 50, point[1] - 50,
                                                          point[0] + 50, point[1] + 50)),
                       WIDTH=101, HEIGHT=101, I=50, J=50, INFO_FORMAT=info_format,
                       WITH_MAPTIP="TRUE", FEATURE_COUNT=10)
    for layer in ("progetti", "lavori", "fasi", "azioni", "programmi", "attori", "misure"):
        server.get(SERVICE="WFS", VERSION="1.1.0", REQUEST="GetFeature", TYPENAME=layer,
                   OUTPUTFORMAT="application/json")
        server.get(f"wfs3/collections/{layer}/items.geojson", limit=1000)
    server.get(SERVICE="WMS", VERSION="1.3.0", REQUEST="GetProjectSettings")
    for page in (1, 2):  # the cover (the index of the projects) and the summary
        server.get(SERVICE="WMS", VERSION="1.3.0", REQUEST="GetPrint", TEMPLATE=prepared["result"]["layout"],
                   FORMAT="pdf", CRS="EPSG:32632", ATLAS_PK=str(page))
    server.get("wfs3/collections.json")
    _ct, lavori = server.get(SERVICE="WFS", VERSION="1.1.0", REQUEST="GetFeature", TYPENAME="lavori",
                             OUTPUTFORMAT="application/json")
    assert len(json.loads(lavori)["features"]) == 8  # the demo's eight, not the secret one
    _ct, fasi = server.get("wfs3/collections/fasi/items.geojson", limit=1000)
    assert json.loads(fasi)["features"]  # the demo's phases are there
    leaks = []
    for url, _content_type, body in server.responses:
        text = _readable(prepared["folder"], body)
        leaks += [(url, secret) for secret in SECRETS if secret in text]
    assert not leaks
    for path in (prepared["project"], Path(prepared["result"]["atlas"])):
        data = path.read_bytes().decode("utf-8", errors="replace")
        assert not [secret for secret in SECRETS if secret in data], path.name


def _exp_filter_hits(server, typename, expression):
    """Features WFS GetFeature returns for an EXP_FILTER (0 when the server refuses it)."""
    _ct, body = server.get(SERVICE="WFS", VERSION="1.1.0", REQUEST="GetFeature", TYPENAME=typename,
                           OUTPUTFORMAT="application/json", EXP_FILTER=expression)
    try:
        return len(json.loads(body)["features"])
    except ValueError:  # an exception report (XML): the filter names a field that is not there
        return 0


def test_a_snapshot_leaves_nothing_to_probe_with_filters(prepared):
    """Live, hidden fields can still be probed with request filters (docs/qgis-server.md, "Known
    limitation"); the snapshot holds only the published columns, so the same requests find nothing."""
    folder = prepared["folder"] / "snapshot"
    folder.mkdir()
    result = _prepare(prepared["source"], folder / "demo_server.qgs", "snapshot")
    data = Path(result["data"])
    assert data.is_file() and not [s for s in SECRETS if s in data.read_bytes().decode("utf-8", "replace")]
    running = Server(folder / "demo_server.qgs", folder / "qgis_mapserver.log")
    try:
        _ct, body = running.get("wfs3/collections/progetti/items.geojson", limit=100)
        assert len(json.loads(body)["features"]) == 6
        assert _exp_filter_hits(running, "progetti", "\"titolo\" LIKE '%Castanesi%'") == 1  # filters work
        assert _exp_filter_hits(running, "progetti", f"\"note\" LIKE '%{NOTE_MAIL}%'") == 0
        assert _exp_filter_hits(running, "lavori", f"\"creato_da\" = '{AUTHOR_MAIL}'") == 0
        for _url, _type, answer in running.responses:
            text = answer.decode("utf-8", errors="replace")
            assert not [secret for secret in SECRETS if secret in text]
    finally:
        running.stop()


def cgi(project, folder, **params):
    """One request to the FastCGI binary run as a CGI program (the CGI variables a web server
    sets); returns (headers, body)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "QT_QPA_PLATFORM": "offscreen",
           "XDG_RUNTIME_DIR": str(folder), "REQUEST_METHOD": "GET",
           "QUERY_STRING": urllib.parse.urlencode(params), "QGIS_PROJECT_FILE": str(project),
           "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SCRIPT_NAME": "/cgi-bin/qgis_mapserv.fcgi"}
    run = subprocess.run([str(FCGI)], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    headers, _sep, body = run.stdout.partition(b"\r\n\r\n")
    if not _sep:
        headers, _sep, body = run.stdout.partition(b"\n\n")
    return headers.decode("latin-1"), body


def test_the_fastcgi_binary_serves_the_same_project(prepared):
    assert FCGI.is_file(), "qgis_mapserv.fcgi not installed (apt-get install qgis-server)"
    headers, body = cgi(prepared["project"], prepared["folder"], SERVICE="WMS", VERSION="1.3.0",
                        REQUEST="GetCapabilities")
    assert "text/xml" in headers
    names = {n.text for n in ET.fromstring(body).iter() if n.tag.endswith("}Name")}
    assert {"remix", "lavori", "progetti"} <= names and "finanziamenti" not in names
    headers, body = cgi(prepared["project"], prepared["folder"], SERVICE="WFS", VERSION="1.1.0",
                        REQUEST="GetFeature", TYPENAME="progetti", OUTPUTFORMAT="application/json")
    features = json.loads(body)["features"]
    assert len(features) == 6
    text = body.decode("utf-8")
    assert not [secret for secret in SECRETS if secret in text]


def _inked_pixels(pdf):
    """Pixels that are not white on the first page of ``pdf`` rendered at 36 dpi (pdftoppm)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "36", "-png", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
                   check=True, capture_output=True)
    image = Image.open(pdf.with_suffix(".png")).convert("L")
    return sum(1 for value in image.getdata() if value < 245)


def _readable(folder, body):
    """The text of a response (a PDF's through pdftotext)."""
    if body[:5] == b"%PDF-":
        pdf = folder / "response.pdf"
        pdf.write_bytes(body)
        return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return body.decode("utf-8", errors="replace")
