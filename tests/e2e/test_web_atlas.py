"""The published web atlas in Debian's headless Chromium (DevTools protocol, tests/e2e/web_chromium.py).

On the demo's publication served by ``http.server`` on a loopback port: no console error, no
request to any other host, a map canvas that is not blank, the comune filter changing the counts,
a project's card with its title (also through its shareable link), the language switch, keyboard
use of the list, the story map stepping through Castano Primo's three phases, and the card's KPI
chart and priority breakdown (Rho: a late indicator), the programme story of "Riuso di ex edifici
scolastici" and an optional XYZ base layer from a second loopback host. Screenshots at
1366×768 and 1920×1080 go to tests/artifacts/web/, one to docs/img/web-atlas.png.
"""

import io
import os
from urllib.parse import urlparse

import pytest

from remix_plugin.demo.monitoring import add_monitoring
from tests.e2e.web_chromium import Chromium, chromium_path, serve
from tests.unit.test_web_publish import CASTANO, demo_copy

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

if chromium_path() is None and os.environ.get("REMIX_REQUIRE_TESTS") != "1":
    pytest.skip(
        "chromium is not installed (apt-get install chromium); REMIX_REQUIRE_TESTS=1 makes this a failure",
        allow_module_level=True,
    )

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIZES = ((1366, 768), (1920, 1080))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from remix_plugin.web import publish

    if not (publish.VENDOR_DIR / "maplibre-gl.js").is_file():
        pytest.fail("remix_plugin/web/vendor/ not built: run `python3 scripts/build_web_assets.py`")
    folder = tmp_path_factory.mktemp("web-e2e")
    source = demo_copy(folder)
    add_monitoring(source)  # the indicators' baselines, targets and series of `make demo`
    out = folder / "atlas"
    publish.publish_web(source, out)
    with serve(out) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with Chromium() as chromium:
        yield chromium


def open_page(browser, base, size, fragment=""):
    page = browser.page()
    page.set_size(*size)
    page.navigate("about:blank")  # a new document each time, even when only the fragment differs
    page.wait_for("location.href === 'about:blank' && document.readyState === 'complete'")
    page.requests.clear()
    page.navigate(base + "index.html" + fragment)
    page.wait_for("window.remixAtlas && window.remixAtlas.ready === true", timeout=90)
    return page


def map_pixels(png, size):
    """(distinct colours, share of non-white pixels) inside the map area of a screenshot."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == size
    width, height = size
    box = (360, 80, width - 20, height - 60)  # right of the side panel, inside header and footer
    area = image.crop(box).resize((200, 120))
    pixels = list(area.getdata())
    colours = len(set(pixels))
    coloured = sum(1 for p in pixels if min(p) < 235) / len(pixels)
    return colours, coloured


def press(page, key, code):
    """A real key press (DevTools Input domain), as a keyboard user makes it."""
    text = {"Enter": "\r"}.get(key, "")
    page.call(
        "Input.dispatchKeyEvent", type="keyDown", key=key, code=key, windowsVirtualKeyCode=code, text=text
    )
    page.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=key, windowsVirtualKeyCode=code)


def host_of(url):
    return urlparse(url).netloc


def assert_only_local(page, base):
    local = host_of(base)
    foreign = [
        u for u in page.requests if u.startswith(("http:", "https:", "ws:", "wss:")) and host_of(u) != local
    ]
    assert not foreign, foreign
    assert page.requests, "no request recorded: the network log does not work"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_page_loads_draws_the_map_and_stays_local(browser, site, size, artifacts_dir):
    page = open_page(browser, site, size)
    try:
        page.pump(1.0)
        png = page.screenshot(artifacts_dir / "web" / f"web-atlas-{size[0]}x{size[1]}.png")
        colours, coloured = map_pixels(png, size)
        assert colours > 20 and coloured > 0.3, (colours, coloured)  # tinted comuni, borders, symbols
        assert page.evaluate("document.querySelector('#map canvas').width") > 300
        assert page.text("#counts").startswith("6 progetti")
        assert page.evaluate("document.querySelectorAll('#list button').length") == 6
        assert page.evaluate("window.remixAtlas.errors") == []
        assert not page.console_errors, page.console_errors
        assert_only_local(page, site)
    finally:
        page.close()


def test_filter_card_link_language_and_story(browser, site, artifacts_dir):
    page = open_page(browser, site, SIZES[0])
    try:
        # the comune filter changes the counts and the list
        page.evaluate(
            f"(function(){{var s=document.getElementById('f-comune'); s.value='{CASTANO}';"
            "s.dispatchEvent(new Event('change'));})()"
        )
        assert page.evaluate("document.getElementById('counts').dataset.projects") == "1"
        assert page.text("#counts").startswith("1 progetto · ")
        titles = page.evaluate(
            "[...document.querySelectorAll('#list button')].map(b => b.firstChild.textContent)"
        )
        assert titles == ["Casa dei Castanesi"]
        # the card of the project, opened from the list with the keyboard's Enter (a real button)
        page.evaluate("document.querySelector('#list button').focus()")
        assert page.evaluate("document.activeElement.dataset.uuid") is not None
        press(page, "Enter", 13)
        page.wait_for("document.getElementById('card-title') && !document.getElementById('card').hidden")
        assert page.text("#card-title") == "Casa dei Castanesi"
        uuid = page.evaluate("document.getElementById('card').dataset.uuid")
        assert page.evaluate("location.hash") == f"#progetto={uuid}"
        card_text = page.text("#card")
        for expected in ("Castano Primo", "FASE I", "FASE II", "FASE III", "Stato del progetto"):
            assert expected in card_text, expected
        page.pump(1.5)
        page.screenshot(artifacts_dir / "web" / "web-atlas-card-1366x768.png")
        # the story map: three chapters, the map moving for each
        page.click("#story-start")
        chapters = []
        for step in range(3):
            page.wait_for(f"document.getElementById('card').dataset.chapter === '{step + 1}'")
            chapters.append((page.text("#card .chapter .step"), page.text("#chapter-title")))
            page.pump(1.6)
            if step == 1:
                page.screenshot(artifacts_dir / "web" / "web-atlas-story-1366x768.png")
            center = page.evaluate("window.remixAtlas.map.getZoom()")
            chapters[-1] += (round(center, 2),)
            if step < 2:
                page.click("#story-next")
        assert [c[:2] for c in chapters] == [
            ("Fase 1 di 3", "FASE I"),
            ("Fase 2 di 3", "FASE II"),
            ("Fase 3 di 3", "FASE III"),
        ]
        assert len({c[2] for c in chapters}) == 3, chapters  # the map moved for each phase
        assert page.evaluate("document.getElementById('story-next').disabled") is True
        # English, labels from the scheme
        page.click("#lang")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.text("#card .chapter .step") == "Phase 3 of 3"
        assert page.text("#counts").startswith("1 project · ")
        assert not page.console_errors, page.console_errors
        assert_only_local(page, site)
        page.click("#lang")  # back to Italian for the other tests (the choice is remembered)
    finally:
        page.close()


def test_shareable_link_opens_the_card_and_escape_closes_it(browser, site, artifacts_dir):
    first = open_page(browser, site, SIZES[1])
    try:
        uuid = first.evaluate("window.remixAtlas.data.projects.find(p => p.comune_istat === '015062').uuid")
    finally:
        first.close()
    page = open_page(browser, site, SIZES[1], fragment=f"#progetto={uuid}")
    try:
        page.wait_for("!document.getElementById('card').hidden")
        assert page.text("#card-title") == "Casa dei Castanesi"
        page.pump(1.5)
        page.screenshot(artifacts_dir / "web" / "web-atlas-link-1920x1080.png")
        # for the README: the card over the metropolitan map (the comuni's extent)
        page.evaluate(
            "(function(){var b=window.remixAtlas.comuni.features.reduce(function(a,f){"
            "JSON.stringify(f.geometry.coordinates).replace(/-?[0-9.]+,-?[0-9.]+/g,function(p){"
            "var c=p.split(',').map(Number);a[0]=Math.min(a[0],c[0]);a[1]=Math.min(a[1],c[1]);"
            "a[2]=Math.max(a[2],c[0]);a[3]=Math.max(a[3],c[1]);return p;});return a;},[180,90,-180,-90]);"
            "window.remixAtlas.map.fitBounds([[b[0],b[1]],[b[2],b[3]]],{padding:{top:20,bottom:20,"
            "left:20,right:470},duration:0});})()"
        )
        page.pump(1.5)
        png = page.screenshot()
        (artifacts_dir / "web").mkdir(parents=True, exist_ok=True)
        docs_image = os.path.join(ROOT, "docs", "img", "web-atlas.png")
        with open(docs_image, "wb") as handle:
            handle.write(png)
        press(page, "Escape", 27)
        page.wait_for("document.getElementById('card').hidden")
        assert page.evaluate("document.activeElement.dataset.uuid") == uuid  # focus back on its list entry
        assert not page.console_errors, page.console_errors
        assert_only_local(page, site)
    finally:
        page.close()


def test_card_shows_the_kpi_chart_and_the_priority_breakdown(browser, site, artifacts_dir):
    first = open_page(browser, site, SIZES[0])
    try:
        uuid = first.evaluate(
            "window.remixAtlas.data.projects.find(p => p.titolo === 'Ex scalo merci. Area ATTRACT').uuid"
        )
    finally:
        first.close()
    page = open_page(browser, site, SIZES[0], fragment=f"#progetto={uuid}")
    try:
        page.wait_for(
            "!document.getElementById('card').hidden && !!document.querySelector('#card svg.kpi-chart')"
        )
        chart = "document.querySelector('#card svg.kpi-chart')"
        assert page.evaluate("document.querySelectorAll('#card svg.kpi-chart').length") == 1
        assert page.evaluate(f"{chart}.dataset.status") == "in_ritardo"
        assert page.evaluate(f"{chart}.querySelectorAll('circle').length") == 3  # the three measurements
        assert page.evaluate(f"{chart}.querySelector('.kpi-series').getAttribute('stroke')") == "#a4262c"
        assert page.evaluate(f"!!{chart}.querySelector('.kpi-target')")
        assert page.evaluate(f"!!{chart}.querySelector('.kpi-baseline')")
        # drawn, not only in the DOM: the chart has a size on screen
        assert page.evaluate(f"{chart}.getBoundingClientRect().width") > 200
        assert "Attori coinvolti" in page.evaluate(f"{chart}.getAttribute('aria-label')")  # text alternative
        assert page.text("#card .kpi-status") == "in ritardo · 50% dell'obiettivo (atteso 62%)"
        priority = page.text("#card section.priority")
        assert priority.startswith("Priorità metropolitana")
        assert "18,3 su 100 punti" in priority and "Scala dell'impatto atteso: 5/25" in priority
        assert page.evaluate("document.querySelectorAll('#card .priority-parts li').length") == 6
        page.evaluate("document.querySelector('#card section.priority').scrollIntoView({block: 'end'})")
        page.pump(1.5)
        page.screenshot(artifacts_dir / "web" / "web-atlas-kpi-1366x768.png")
        page.click("#lang")
        assert page.text("#card .kpi-status") == "late · 50% of the target (expected 62%)"
        assert page.text("#card section.priority").startswith("Metropolitan priority")
        page.click("#lang")
        assert not page.console_errors, page.console_errors
        assert_only_local(page, site)
    finally:
        page.close()


PROGRAMME = "Riuso di ex edifici scolastici"


def test_programme_story_steps_through_the_projects_of_a_programma(browser, site, artifacts_dir):
    page = open_page(browser, site, SIZES[0])
    try:
        programme = page.evaluate(
            f"window.remixAtlas.data.programmi.find(g => g.titolo === {PROGRAMME!r}).uuid"
        )
        members = page.evaluate(
            f"window.remixAtlas.data.projects.filter(p => p.programma_uuid === '{programme}')"
            ".map(p => [p.uuid, p.titolo, p.comune, p.stato_progetto, p.data_inizio || ''])"
        )
        assert len(members) == 2, members
        members.sort(key=lambda m: (m[4] or "9999", m[1]))
        stati = page.evaluate(
            "Object.fromEntries(window.remixAtlas.data.labels.stato_progetto.terms.map(t => [t.code, t.it]))"
        )
        # the button is there only on the card of a programma's project
        alone = page.evaluate("(window.remixAtlas.data.projects.find(p => !p.programma_uuid) || {}).uuid")
        if alone:
            page.evaluate(f"location.hash = 'progetto={alone}'")
            page.wait_for(f"document.getElementById('card').dataset.uuid === '{alone}'")
            assert page.evaluate("document.getElementById('programme-story-start')") is None
        # from the card of the second project
        page.evaluate(f"location.hash = 'progetto={members[1][0]}'")
        page.wait_for(f"document.getElementById('card').dataset.uuid === '{members[1][0]}'")
        page.click("#programme-story-start")
        seen = []
        for step, (uuid, titolo, comune, stato, _start) in enumerate(members):
            page.wait_for(
                "document.getElementById('card').dataset.mode === 'programme' && "
                f"document.getElementById('card').dataset.chapter === '{step + 1}'"
            )
            page.pump(1.8)  # the flight to the project's lavori
            assert page.text("#card-title") == PROGRAMME
            assert page.text("#card .chapter .step") == f"Progetto {step + 1} di 2 del programma"
            assert page.text("#chapter-title") == titolo
            assert page.text("#chapter-where").startswith(comune)
            assert page.text("#chapter-status") == stati[stato]
            assert page.evaluate("location.hash") == f"#programma={programme}&capitolo={step + 1}"
            # the map shows this project's lavori (highlight filter) and is centred on them
            assert page.evaluate("JSON.stringify(window.remixAtlas.map.getFilter('lavori-current'))") == (
                f'["==",["get","progetto_uuid"],"{uuid}"]'
            )
            bbox = page.evaluate(f"window.remixAtlas.data.projects.find(p => p.uuid === '{uuid}').bbox")
            bounds = page.evaluate("window.remixAtlas.map.getBounds().toArray()")
            assert bounds[0][0] <= bbox[0] and bbox[2] <= bounds[1][0], (bbox, bounds)
            assert bounds[0][1] <= bbox[1] and bbox[3] <= bounds[1][1], (bbox, bounds)
            seen.append(page.evaluate("window.remixAtlas.map.getCenter().toArray()"))
            png = page.screenshot(artifacts_dir / "web" / f"web-atlas-programme-{step + 1}-1366x768.png")
            colours, inked = map_pixels(png, SIZES[0])
            assert colours > 3 and inked > 0.05, (colours, inked)
            assert page.text("#story-next") == "Progetto successivo"
            if step == 0:
                assert page.evaluate("document.getElementById('story-prev').disabled") is True
                press(page, "ArrowRight", 39)  # the keyboard steps, as in the phases' story
        assert seen[0] != seen[1]
        assert page.evaluate("document.getElementById('story-next').disabled") is True
        # English
        page.click("#lang")
        assert page.text("#card .chapter .step") == "Project 2 of 2 of the programme"
        page.click("#lang")
        # the end goes back to the card the story started from
        page.click("#story-end")
        page.wait_for("document.getElementById('card').dataset.mode === 'card'")
        assert page.evaluate("document.getElementById('card').dataset.uuid") == members[1][0]
        assert not page.console_errors, page.console_errors
        assert_only_local(page, site)
    finally:
        page.close()
    # the shareable link of a chapter
    page = open_page(browser, site, SIZES[1], fragment=f"#programma={programme}&capitolo=2")
    try:
        page.wait_for("document.getElementById('card').dataset.mode === 'programme'")
        assert page.evaluate("document.getElementById('card').dataset.chapter") == "2"
        assert page.text("#chapter-title") == members[1][1]
        page.pump(1.8)
        page.screenshot(artifacts_dir / "web" / "web-atlas-programme-1920x1080.png")
        assert not page.console_errors, page.console_errors
    finally:
        page.close()


def test_optional_xyz_base_layer_is_drawn_from_its_host_only(browser, tmp_path, artifacts_dir):
    """``--base-layer xyz URL``: the page asks the configured tile host (a second loopback server,
    so another host for the browser) and draws its tiles under the comuni."""
    import functools
    import http.server
    import threading

    from PIL import Image

    from remix_plugin.web import cli as web_cli

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 0, 200)).save(buffer, format="PNG")
    tile, asked = buffer.getvalue(), []

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Tiles))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        tiles = f"http://127.0.0.1:{server.server_address[1]}/"
        source = demo_copy(tmp_path)
        out = tmp_path / "atlas"
        assert web_cli.main([str(source), str(out), "--base-layer", "xyz", tiles + "{z}/{x}/{y}.png",
                             "--base-layer-attribution", "Tessere di prova"]) == 0
        with serve(out) as base:
            page = open_page(browser, base, SIZES[0])
            try:
                page.pump(2.0)
                png = page.screenshot(artifacts_dir / "web" / "web-atlas-base-layer-1366x768.png")
                foreign = {host_of(u) for u in page.requests
                           if u.startswith(("http:", "https:")) and host_of(u) != host_of(base)}
                assert foreign == {host_of(tiles)}, foreign
                assert asked and all(p.count("/") == 3 and p.endswith(".png") for p in asked), asked[:5]
                image = Image.open(io.BytesIO(png)).convert("RGB").crop((360, 80, 1346, 708))
                pixels = list(image.resize((200, 120)).getdata())
                magenta = sum(1 for r, g, b in pixels if r - g > 60 and b - g > 60) / len(pixels)
                assert magenta > 0.3, magenta  # the base tiles under the semi-transparent comuni
                assert "Tessere di prova" in page.text("body")
                assert not page.console_errors, page.console_errors
            finally:
                page.close()
    finally:
        server.shutdown()
        server.server_close()
