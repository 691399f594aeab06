"""The dashboard in a real browser: Debian's Chromium driving `streamlit run dashboard.py`."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from geo.export import SCHEMA

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest_browser import browser, dashboard  # noqa: E402, F401  (fixtures)

from geo import mapview  # noqa: E402
from geo.mapview import ACTOR_COLOURS  # noqa: E402

# How long any browser step may wait before the test gives up. A guard against a hang, not a speed
# check: on a loaded, shared 2-core CI machine a server rerun, a download built on click or an ingest
# has taken over 60 s where it takes 1-5 s on a quiet one, so every wait gets the same generous bound.
HANG_GUARD_MS = 180_000

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# A pasted page: its <script> is dropped by the reader (markup is cleaned to its visible text), and the
# escaped tag it shows as text («&lt;img …&gt;») becomes the literal text «<img …>», which every page
# must then show as text and never run.
HOSTILE = "<script>alert(1)</script> &lt;img src=x onerror=alert(1)&gt;"
SHOWN_TAG = "<img src=x onerror=alert(1)>"
# After a blank line: Markdown that must stay text (no link, no remote image, no maths).
MARKDOWN = "وقال مصدر [رابط](http://example.org/x) ![](http://example.org/p.png) $a$ إن حلب هادئة."
HOSTILE_ARTICLE = (
    "قصفت طائرات حربية مدينة دير الزور أمس " + HOSTILE + " وقال ناشطون إن القصف استهدف أحياء المدينة.\n"
    "واندلعت اشتباكات عنيفة في مدينة الرقة بين قوات سوريا الديمقراطية وتنظيم الدولة.\n\n" + MARKDOWN
)

CONTROL_JS = """() => { const out = [];
  window.geoControlLayer.eachLayer(l => out.push([l.getTooltip().getContent().textContent, l.options.color]));
  return out; }"""
COUNT_JS = """() => { let n = 0; window.geoEventLayer.eachLayer(() => n++); return n; }"""


@pytest.fixture
def page(browser):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    ctx.set_default_timeout(HANG_GUARD_MS)
    pg = ctx.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


def open_map(page, url, **params):
    """Load a view from its query string; return the map iframe once Leaflet has drawn the layers."""
    page.goto(f"{url}/?{urlencode(params)}")
    handle = page.wait_for_selector(MAP_FRAME)  # the first load ingests the seeds
    frame = handle.content_frame()
    frame.wait_for_function("() => window.geoEventLayer && window.geoControlLayer")
    return frame


IDLE_JS = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
# A file built on click is registered under an id that each rerun of the page replaces; a click sent
# before the browser has the new id asks for one that is gone, and nothing comes (Streamlit's
# MediaFileManager.remove_deferred). That is what CI hit once (stop 17). So a download waits for the
# page's script to be idle, and a click that brought nothing is made again, as a user would.
DOWNLOAD_CLICKS = 2


def download(page, button: str):
    """The file a click on `button` downloads (after the page is idle; clicked again if nothing came)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, DOWNLOAD_CLICKS + 1):
        page.wait_for_function(IDLE_JS)
        try:
            with page.expect_download() as dl:
                page.get_by_role("button", name=button).click()
            return dl.value
        except PlaywrightTimeout:
            if attempt == DOWNLOAD_CLICKS:
                raise


ADD_CLICKS = 2
ADD_WAIT_MS = 90_000  # an analysis of one article on a loaded CI machine; a second click only if none came


def add_and_map(page, answer: str = r"added|already stored|error|failed"):
    """Click «Add and map» once the page is idle and return the lines it answers with (clicked again if
    no answer came: a click sent while a widget's rerun replaces the form is lost, as CI hit in stop 18)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    alerts = page.locator('[data-testid="stAlert"]')
    button = page.get_by_role("button", name="Add and map")
    for attempt in range(1, ADD_CLICKS + 1):
        page.wait_for_function(IDLE_JS)
        page.keyboard.press("Escape")  # a date's calendar still open would cover the form
        try:
            button.wait_for(timeout=ADD_WAIT_MS)
        except PlaywrightTimeout:  # say what the page shows instead of the form (CI, stop 21: no button for 180 s)
            pytest.fail(f"no «Add and map» button; the page reads: {page.locator('body').inner_text()[:1500]!r}")
        button.click()
        try:
            alerts.filter(has_text=re.compile(answer)).first.wait_for(timeout=ADD_WAIT_MS)
            break
        except PlaywrightTimeout:
            if attempt == ADD_CLICKS:
                raise
    page.wait_for_function(IDLE_JS)
    return "\n".join(alerts.all_inner_texts())


def download_snapshot(page, url, folder):
    """The offline snapshot of the seeds' week to 2017-10-23, downloaded as a user does."""
    open_map(page, url, date="2017-10-23", window="week", lang="en")
    snap = folder / "snapshot.html"
    download(page, "Snapshot (one HTML file)").save_as(snap)
    return snap


def holders(frame) -> dict[str, str]:
    """Controller colour of al-Omar and Khsham on the map (absent when nothing is known)."""
    out = {}
    for text, colour in frame.evaluate(CONTROL_JS):
        for key in ("Omar", "Khush", "Khsham"):
            if key in text:
                out["Khsham" if key != "Omar" else "Omar"] = colour
    return out


def test_markers_appear_in_the_map(page, dashboard):  # noqa: F811
    frame = open_map(page, dashboard, date="2017-10-23", window="week", lang="en")
    assert frame.evaluate(COUNT_JS) > 0
    caption = page.get_by_text(re.compile(r"\d+ incidents? on the map")).inner_text()
    assert int(re.search(r"(\d+) incidents? on the map", caption).group(1)) == frame.evaluate(COUNT_JS)
    assert frame.evaluate("() => document.querySelectorAll('.geo-gov-label').length") == 14


def test_moving_the_date_changes_who_holds_al_omar_and_khsham(page, dashboard):  # noqa: F811
    june = holders(open_map(page, dashboard, date="2017-06-15", lang="en"))
    october = holders(open_map(page, dashboard, date="2017-10-23", lang="en"))
    assert october == {"Omar": ACTOR_COLOURS["SDF"], "Khsham": ACTOR_COLOURS["Syrian government"]}
    assert june != october
    assert june.get("Omar") != ACTOR_COLOURS["SDF"]


RING_JS = """() => { const out = [];
  window.geoControlLayer.eachLayer(l => out.push([l.getTooltip().getContent().textContent, l.options.radius]));
  return out; }"""


def test_a_village_is_marked_with_a_smaller_ring_than_a_town_and_a_city(page, dashboard):  # noqa: F811
    """QA: rings of one size over Afrin's 300 villages merged into one blot that hid the shading."""
    rings = open_map(page, dashboard, date="2017-10-23", window="week", lang="en").evaluate(RING_JS)
    radius = {name: r for text, r in rings for name in ("Khush", "Qaryatayn", "Mayadin") if name in text}
    assert radius == {"Khush": mapview.VILLAGE_RING[0], "Qaryatayn": mapview.CONTROL_RING["town"][0],
                      "Mayadin": mapview.CONTROL_RING["city"][0]}, rings  # fmt: skip
    assert radius["Khush"] < radius["Qaryatayn"] < radius["Mayadin"]


def _table_rows(page) -> list[dict[str, str]]:
    grid = page.locator('[data-testid="stDataFrame"] table[role="grid"]')
    grid.wait_for(state="attached")
    rows = grid.evaluate(
        """t => Array.from(t.querySelectorAll('tr')).map(r =>
             Array.from(r.querySelectorAll('th,td')).map(c => c.innerText.trim()))"""
    )
    header, body = rows[0], rows[1:]
    return [dict(zip(header, r, strict=False)) for r in body]


def test_csv_download_rows_match_the_table(page, dashboard):  # noqa: F811
    """The CSV a user downloads is one ACLED-ordered row per incident; the table's mentions are behind them."""
    frame = open_map(page, dashboard, date="2017-10-23", window="week", lang="en")
    shown = _table_rows(page)
    data = download(page, "CSV of what is shown").path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(SCHEMA)
    # every mention in the table is behind exactly one incident row; `reports` counts the articles telling it
    assert sum(len(r["event_ids"].split("; ")) for r in rows) == len(shown)
    assert [int(r["reports"]) for r in rows] == [len(set(r["article_ids"].split("; "))) for r in rows]
    assert 0 < len(rows) <= len(shown)
    # one marker per incident place: the mentions of one happening share it
    assert 0 < frame.evaluate(COUNT_JS) <= len(rows)
    assert {r["location"] for r in rows} == {s["Place (English)"] for s in shown}
    assert {r["event_date"] for r in rows} <= {s["Date"] for s in shown}


def test_snapshot_works_with_the_network_blocked(page, dashboard, tmp_path):  # noqa: F811
    snap = download_snapshot(page, dashboard, tmp_path)
    text = snap.read_text(encoding="utf-8")
    assert "2017-10-23" in text
    offline = page.context.new_page()
    blocked = []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    offline.route("**/*", route)
    offline.goto(snap.as_uri())
    offline.wait_for_function("() => window.geoEventLayer && window.geoTimelineSlider")
    counts = offline.evaluate(
        """() => { const m = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])
                     .find(v => v instanceof L.Map);
                   let circles = 0, polygons = 0;
                   m.eachLayer(l => { if (l instanceof L.CircleMarker) circles++;
                                      else if (l instanceof L.Polygon) polygons++; });
                   return {circles, polygons, events: window.geoEventLayer.getLayers().length,
                           labels: document.querySelectorAll('.geo-gov-label').length,
                           header: document.querySelector('.geo-header').innerText}; }"""
    )
    assert counts["events"] > 0 and counts["circles"] >= counts["events"]
    assert counts["polygons"] >= 14 and counts["labels"] == 14
    assert "2017-10-23" in counts["header"]
    assert all("tile.openstreetmap.org" in u for u in blocked), blocked  # only tiles wanted the network
    offline.screenshot(path=str(tmp_path / "snapshot.png"))
    offline.close()


def test_hostile_article_runs_no_script(page, dashboard):  # noqa: F811
    # the add page by its own address with the language in it: clicking the menu entry once landed on the
    # page in Arabic (fresh-clone check of stop 21: «أضف وحلّل» where «Add and map» was awaited)
    page.goto(f"{dashboard}/add?lang=en")
    page.get_by_label("Paste an article's text").fill(HOSTILE_ARTICLE)
    for part, value in (("year", "2017"), ("month", "10"), ("day", "23")):
        page.get_by_role("spinbutton", name=f"{part}, Publication date").click()
        page.keyboard.type(value)
    page.get_by_label("Source").fill("<b>desk</b>")
    # the lines the page answers with: a warning that the paste is an HTML page read as its visible text,
    # then the added article (or the one-line error a user would see)
    added = add_and_map(page, r"added|error|failed")
    assert re.search(r"paste-[0-9a-f]+: added", added), added
    article_id = re.search(r"(paste-[0-9a-f]+)", added).group(1)

    frame = open_map(page, dashboard, date="2017-10-23", window="week", lang="en")
    texts = frame.evaluate(
        """() => { const out = []; window.geoEventLayer.eachLayer(l => { l.openPopup();
                     const el = l.getPopup().getElement(); if (el) out.push(el.innerText); l.closePopup(); });
                   return out; }"""
    )
    assert any(SHOWN_TAG in t for t in texts), "the hostile sentence shows as text"
    assert not any("alert(1)</script>" in t or "<script>" in t for t in texts), "the pasted script is dropped"
    assert frame.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0

    page.goto(f"{dashboard}/?{urlencode({'article': article_id, 'lang': 'en'})}")
    body = page.locator("div[dir=rtl] mark").first
    body.wait_for()
    shown = page.locator("div[dir=rtl]").filter(has=page.locator("mark")).first.inner_text()
    assert SHOWN_TAG in shown and "<script>" not in shown
    assert "[رابط](http://example.org/x)" in shown and "$a$" in shown
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href^='http://example.org'], img[src^='http://example.org']").count() == 0
    page.wait_for_timeout(1000)
    assert page.dialogs == []


# Where each incident marker is drawn, in the map's pixels.
MARKER_POINTS_JS = (
    """() => { const m = ("""
    + "() => Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map)"
    + """)(), out = [];
  const walk = l => l.eachLayer ? l.eachLayer(walk) : l.getLatLng && out.push(m.latLngToContainerPoint(l.getLatLng()));
  walk(window.geoEventLayer); return out.map(p => [p.x, p.y]); }"""
)
MAP_JS = "() => Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map)"
CAMERA_JS = (
    "() => { const m = (" + MAP_JS + ")(); const c = m.getCenter(); return [m.getZoom(), c.lat, c.lng]; }"
)


@pytest.fixture
def small_page(browser):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    ctx.set_default_timeout(HANG_GUARD_MS)
    pg = ctx.new_page()
    yield pg
    ctx.close()


def _map_frame(page):
    frame = page.wait_for_selector(MAP_FRAME).content_frame()
    frame.wait_for_function("() => window.geoEventLayer")
    return frame


# A move made while the page reruns for the one before can be lost with the map it was made on (the component
# is drawn again): CI lost a pan that way once (stop 18). So a move waits for an idle page, is made on the map the
# page shows then, and is made once more if the link did not follow; only idempotent moves (setZoom, panTo).
MOVE_TRIES = 2


def move_map(page, call: str, in_link: str) -> None:
    """Make the map move `call` («setZoom(10)») as a user would and wait until the link holds `in_link`."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, MOVE_TRIES + 1):
        page.wait_for_function(IDLE_JS)
        _map_frame(page).evaluate("() => { (" + MAP_JS + ")()." + call + "; }")
        try:
            page.wait_for_function(f"() => location.search.includes({json.dumps(in_link)})")
            return
        except PlaywrightTimeout:
            if attempt == MOVE_TRIES:
                raise


def test_zoom_and_pan_survive_the_slider_and_go_into_the_link(small_page, dashboard):  # noqa: F811
    page = small_page
    open_map(page, dashboard, date="2017-10-23", window="week", lang="en")
    move_map(page, "setZoom(10)", "zoom=10")
    move_map(page, "panTo([35.33, 40.14], {animate: false})", "center=35.3")
    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowLeft")  # one day back: the map is rebuilt with other events
    page.wait_for_function("() => location.search.includes('date=2017-10-22')")
    page.wait_for_timeout(2000)
    frame = _map_frame(page)
    zoom, lat, lon = frame.evaluate(CAMERA_JS)
    assert zoom == 10 and abs(lat - 35.33) < 0.05 and abs(lon - 40.14) < 0.05
    # the view's layers are swapped on the kept map: one legend, never one more per move
    assert frame.locator(".geo-legend").count() == 1
    assert "zoom=10" in page.url and "center=35.3" in page.url
    link = page.locator('[data-testid="stCode"]').first.inner_text()
    assert "zoom=10" in link and "date=2017-10-22" in link


def test_a_shared_camera_opens_there_and_a_zoom_alone_stays(small_page, dashboard):  # noqa: F811
    """The link's camera is kept when the map mounts (it first tells its own default camera), and a
    zoom without a pan goes into the link without the map swinging back to the zoom before."""
    page = small_page
    frame = open_map(
        page, dashboard, date="2017-10-23", window="week", lang="en", center="35.33,40.14", zoom="9"
    )
    page.wait_for_function("() => location.search.includes('zoom=9')")
    zoom, lat, lon = frame.evaluate(CAMERA_JS)
    assert zoom == 9 and abs(lat - 35.33) < 0.01 and abs(lon - 40.14) < 0.01
    frame.evaluate("() => { (" + MAP_JS + ")().zoomIn(1, {animate: false}); }")
    page.wait_for_function("() => location.search.includes('zoom=10')")
    page.wait_for_timeout(3000)  # reruns the zoom sets off have run: the map must not have swung back
    assert _map_frame(page).evaluate(CAMERA_JS)[0] == 10 and "zoom=10" in page.url
    assert "center=35.33" in page.url


def test_switching_the_language_keeps_the_window_and_the_filters(small_page, dashboard):  # noqa: F811
    page = small_page
    open_map(page, dashboard, date="2017-10-23", window="month", types="air_strike", lang="ar")
    page.get_by_text("English").click()
    page.wait_for_function("() => location.search.includes('lang=en')")
    _map_frame(page)
    assert "window=month" in page.url and "types=air_strike" in page.url
    period = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input').first
    assert period.input_value() == "month"  # the window's name, now in English


def test_picking_a_table_row_flies_the_map_there_and_opens_its_popup(small_page, dashboard):  # noqa: F811
    page = small_page
    open_map(page, dashboard, date="2017-10-23", window="week", lang="en")
    first = _table_rows(page)[0]
    grid = page.locator('[data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_function("() => location.search.includes('zoom=11')")
    frame = _map_frame(page)
    frame.wait_for_selector(".leaflet-popup-content")
    popup = frame.locator(".leaflet-popup-content").inner_text()
    assert first["Place (English)"] in popup
    assert frame.evaluate(CAMERA_JS)[0] == 11


def test_arabic_page_is_right_to_left_sidebar_included_and_the_legend_fits(small_page, dashboard, tmp_path):  # noqa: F811
    page = small_page
    frame = open_map(page, dashboard, date="2017-06-18", window="month", lang="ar")
    assert (
        page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stSidebar]')).direction")
        == "rtl"
    )
    side = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert side["x"] > 640, "the sidebar stands on the right in Arabic"
    # QA: the «go to a date» box read «dd-mm-yyyy» in Arabic, its parts laid out right to left
    field = page.locator('[data-testid="stDateInputField"]').first
    parts = {
        kind: field.locator(f'[data-type="{kind}"]').bounding_box()["x"] for kind in ("year", "month", "day")
    }
    assert parts["year"] < parts["month"] < parts["day"], f"the date box reads year, month, day: {parts}"
    legend = frame.locator(".geo-legend")
    # at 1280×800 the compact legend starts open, unless open it would hide a marker in every corner: then
    # it starts folded (a click opens it)
    opened = legend.locator("details").evaluate("d => d.open")
    frame_box = page.locator(MAP_FRAME).bounding_box()
    box = legend.bounding_box()
    right = frame_box["x"] + frame_box["width"]
    east, west = box["x"] + box["width"] > right - 20, box["x"] < frame_box["x"] + 20
    assert east or west, "at a side of the map, in the corner hiding the fewest markers"
    assert box["width"] * box["height"] < 0.2 * frame_box["width"] * frame_box["height"], box
    assert (
        box["y"] >= frame_box["y"] - 1
        and box["y"] + box["height"] <= frame_box["y"] + frame_box["height"] + 1
    )
    inner = legend.evaluate(
        "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
    )
    hidden = [
        (x, y)
        for x, y in frame.evaluate(MARKER_POINTS_JS)
        if inner[0] <= x <= inner[2] and inner[1] <= y <= inner[3]
    ]
    assert frame.evaluate(MARKER_POINTS_JS) and not hidden, f"markers under the legend (open: {opened}): {hidden}"
    if not opened:  # folded because, open, it hid markers wherever it stood: opened, it still fits
        legend.locator("summary").click()
        assert legend.locator("details").evaluate("d => d.open")
    assert frame.evaluate(
        "() => { const d = document.querySelector('.geo-legend'); return d.scrollHeight <= d.clientHeight + 1 || getComputedStyle(d).overflowY === 'auto'; }"
    )
    labels = page.locator('[data-testid="stSidebar"] [data-testid="stWidgetLabel"]').all_inner_texts()
    assert labels and not any(re.search(r"[A-Za-z]{3,}", x) for x in labels if "Language" not in x), labels
    page.screenshot(path=str(tmp_path / "arabic.png"))


def test_snapshot_slider_steps_by_days_and_control_follows(page, dashboard, tmp_path):  # noqa: F811
    snap = download_snapshot(page, dashboard, tmp_path)
    assert snap.stat().st_size < 2_000_000
    off = page.context.new_page()
    off.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    off.goto(snap.as_uri())
    off.wait_for_function("() => window.geoTimelineSlider && window.geoControlFollower")
    day = "() => new Date(window.geoTimelineSlider.time).toISOString().slice(0, 10)"
    assert off.evaluate(day) == "2017-10-23"
    off.evaluate("() => window.geoTimelineSlider.setTime(Date.parse('2017-10-21'))")
    off.focus("input.time-slider")
    off.keyboard.press("ArrowRight")
    assert off.evaluate(day) == "2017-10-22"
    holders_js = """() => { const o = []; window.geoControlFollower.group.eachLayer(l =>
                     o.push(l.getTooltip().getContent().textContent)); return o.join(' | '); }"""
    on_22 = off.evaluate(holders_js)
    off.evaluate("() => window.geoTimelineSlider.setTime(Date.parse('2017-06-01'))")
    on_june = off.evaluate(holders_js)
    assert "al-Omar" in on_22 and "al-Omar" not in on_june  # SDF took al-Omar on 2017-10-22
    assert off.locator(".geo-header .geo-day").first.inner_text() == "\u20662017-06-01\u2069"
    off.close()


AREAS_JS = """() => { const o = []; window.geoAreaFollower.fills.eachLayer(l => o.push(l.toGeoJSON()));
  return o; }"""
OMAR_JS = """() => { let at = null; window.geoControlFollower.group.eachLayer(l => {
  if (l.getTooltip().getContent().textContent.includes('al-Omar')) { at = l.getLatLng(); } }); return at; }"""


def area_holders(off, lat: float, lon: float) -> list[str]:
    """Holders of the snapshot's shaded areas drawn over a point on the slider's day."""
    from shapely.geometry import Point, shape

    return [
        f["properties"]["actor"]
        for f in off.evaluate(AREAS_JS)
        if shape(f["geometry"]).covers(Point(lon, lat))
    ]


def test_snapshot_areas_follow_the_slider_offline(page, dashboard, tmp_path):  # noqa: F811
    """The shaded areas are baked for each day: the SDF area over al-Omar appears the day it is taken."""
    snap = download_snapshot(page, dashboard, tmp_path)
    off = page.context.new_page()
    off.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    off.goto(snap.as_uri())
    off.wait_for_function(
        "() => window.geoTimelineSlider && window.geoAreaFollower && window.geoControlFollower"
    )
    omar = off.evaluate(OMAR_JS)  # drawn on the baked day, 2017-10-23
    assert omar, "al-Omar is held on the snapshot's day"
    assert area_holders(off, omar["lat"], omar["lng"]) == ["SDF"]
    off.evaluate("() => window.geoTimelineSlider.setTime(Date.parse('2017-10-21'))")
    assert area_holders(off, omar["lat"], omar["lng"]) == []
    assert "SDF" not in {f["properties"]["actor"] for f in off.evaluate(AREAS_JS)}
    assert off.locator(".geo-header .geo-window").first.inner_text() == "(\u20662017-10-15 – 2017-10-21\u2069)"
    off.focus("input.time-slider")
    off.keyboard.press("ArrowRight")  # 2017-10-22: the SDF take al-Omar
    assert area_holders(off, omar["lat"], omar["lng"]) == ["SDF"]
    assert off.locator(".geo-header .geo-day").first.inner_text() == "\u20662017-10-22\u2069"
    off.screenshot(path=str(tmp_path / "snapshot-areas.png"))
    off.close()


def test_png_download_is_an_image(page, dashboard):  # noqa: F811
    open_map(page, dashboard, date="2017-10-23", window="week", lang="en")
    data = download(page, "PNG of the view").path().read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000


# Each city label's dot, measured where the browser draws it: just past the start of the name's text.
CITY_DOTS_JS = (
    "() => { const m = ("
    + MAP_JS
    + ")(); const box = m.getContainer().getBoundingClientRect(); const out = [];"
    " m.eachLayer(l => { const el = l._icon; if (!el || !el.classList.contains('geo-city')) return;"
    " const label = el.querySelector('.geo-city-label'); const r = document.createRange();"
    " r.selectNodeContents(label); const t = r.getBoundingClientRect();"
    " const p = m.latLngToContainerPoint(l.getLatLng());"
    " const rtl = getComputedStyle(label).direction === 'rtl';"
    " out.push({name: label.textContent, x: box.left + p.x, start: rtl ? t.right : t.left, rtl: rtl}); });"
    " return out; }"
)
# The dot and its margin lie within this many px of the city's point, the text's start included.
DOT_TOLERANCE_PX = 14


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_city_labels_sit_on_their_city_in_either_direction(page, dashboard, lang):  # noqa: F811
    frame = open_map(page, dashboard, date="2017-10-23", window="week", lang=lang)
    dots = frame.evaluate(CITY_DOTS_JS)
    assert dots, "the map names its main cities"
    for dot in dots:
        assert dot["rtl"] == (lang == "ar"), dot
        assert abs(dot["start"] - dot["x"]) <= DOT_TOLERANCE_PX, dot


SELECT_VALUES_JS = """() => Array.from(document.querySelectorAll('[data-testid="stSelectbox"]'))
  .map(b => b.querySelector('input') ? b.querySelector('input').value || b.innerText : b.innerText)"""


def test_every_select_box_shows_its_choice_in_the_new_language_both_ways(small_page, dashboard, tmp_path):  # noqa: F811
    page = small_page
    open_map(page, dashboard, date="2017-10-23", window="week", lang="ar")
    page.get_by_text("English").click()
    page.wait_for_function("() => location.search.includes('lang=en')")
    _map_frame(page)
    page.wait_for_timeout(1500)
    english = page.evaluate(SELECT_VALUES_JS)
    page.screenshot(path=str(tmp_path / "en.png"))
    assert len(english) >= 3 and not any(re.search(r"[\u0600-\u06ff]", x) for x in english), english
    page.get_by_text("العربية").click()
    page.wait_for_function("() => location.search.includes('lang=ar')")
    _map_frame(page)
    page.wait_for_timeout(1500)
    arabic = page.evaluate(SELECT_VALUES_JS)
    assert len(arabic) >= 3 and not any(re.search(r"[A-Za-z]{3,}", x) for x in arabic), arabic


def test_on_a_small_screen_the_legend_starts_folded_and_a_click_opens_it(browser, dashboard):  # noqa: F811
    ctx = browser.new_context(viewport={"width": 900, "height": 640})
    ctx.set_default_timeout(HANG_GUARD_MS)
    page = ctx.new_page()
    frame = open_map(page, dashboard, date="2017-10-23", window="week", lang="ar")
    details = frame.locator(".geo-legend details")
    assert not details.evaluate("d => d.open")
    frame.locator(".geo-legend summary").click()
    assert details.evaluate("d => d.open")
    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowLeft")  # a rerun swaps the layers: the reader's choice stays
    page.wait_for_function("() => location.search.includes('date=2017-10-22')")
    page.wait_for_timeout(2000)
    assert _map_frame(page).locator(".geo-legend details").evaluate("d => d.open")
    ctx.close()


LEGEND_POPUP_JS = """() => { const m = (""" + MAP_JS + """)();
  const box = document.querySelector('.geo-legend'), r = box.getBoundingClientRect();
  const at = m.containerPointToLatLng([r.left + r.width / 2, r.top + r.height / 2]);
  window.testPopup = L.popup({autoPan: false}).setLatLng(at).setContent('<b>popup</b>').openOn(m);
  return box.querySelector('details').open; }"""
OVERLAP_JS = """() => { const box = document.querySelector('.geo-legend'), d = box.querySelector('details');
  const a = box.getBoundingClientRect(), b = window.testPopup.getElement().getBoundingClientRect();
  const over = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return [d.open, over]; }"""


def test_an_open_popup_is_never_under_the_open_legend(page, dashboard):  # noqa: F811
    """QA11 N22: a popup the open legend would cover folds the legend; closing the popup opens it."""
    frame = open_map(page, dashboard, date="2017-10-23", window="week", lang="en")
    frame.wait_for_selector(".geo-legend details[open]")  # a large screen: the legend starts open
    frame.evaluate(LEGEND_POPUP_JS)  # a popup opened where the legend is
    frame.wait_for_function("() => !document.querySelector('.geo-legend details').open")
    is_open, _over = frame.evaluate(OVERLAP_JS)
    assert not is_open  # folded: the popup reads whole (a folded legend is one line, in its corner)
    frame.evaluate("() => window.testPopup.remove()")
    frame.wait_for_function("() => document.querySelector('.geo-legend details').open")


def test_an_html_page_uploads_through_the_box_and_is_added(page, dashboard, tmp_path):  # noqa: F811
    """QA11 N19: README promises .txt or .html uploads; the box refused «text/html files»."""
    html_page = tmp_path / "saqba.html"
    html_page.write_text(
        "<html><body><nav>الرئيسية</nav><p>قتل تسعة مدنيين جراء قصف مدفعي استهدف بلدة سقبا"
        " في الغوطة الشرقية صباح اليوم.</p></body></html>",
        encoding="utf-8",
    )
    # the add page by its own address with the language in it: clicking the menu entry once landed on the
    # page in Arabic (fresh-clone check of stop 21: «أضف وحلّل» where «Add and map» was awaited)
    page.goto(f"{dashboard}/add?lang=en")
    page.get_by_role("spinbutton", name="year, Publication date").click()
    page.keyboard.type("20180221")  # the parts advance as each is full
    page.get_by_label("Source").fill("desk")  # off the date: its calendar closes
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(html_page))
    page.get_by_text("saqba.html").first.wait_for()
    assert page.get_by_text("not allowed").count() == 0
    lines = add_and_map(page)
    assert re.search(r"saqba-[0-9a-f]+: (added|already stored)", lines), lines
    assert "HTML page" in lines  # read as its visible text, with the warning line
