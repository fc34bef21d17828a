"""The published web atlas in Debian's headless Chromium (DevTools protocol, tests/e2e/web_chromium.py).

On the demo's publication served by ``http.server`` on a loopback port: no console error, no
request to any other host, a map canvas that is not blank, the comune filter changing the counts,
a project's card with its title (also through its shareable link), the language switch, keyboard
use of the list, the story map stepping through Castano Primo's three phases, and the card's KPI
chart and priority breakdown (Rho: a late indicator). Screenshots at
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
