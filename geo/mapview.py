"""The map of one view (a day, a window, filters) as a folium map, and as one self-contained HTML file.

Events go to the browser as ONE GeoJSON layer of circle markers on a canvas (thousands of
folium.Marker objects make every slider move take seconds). Popups are built in the browser with
DOM calls (`textContent`), so article text never becomes markup; every HTML string assembled here
(legend, labels, snapshot header) goes through `html.escape`. Leaflet's own files are inlined per
map instance from the `folium-offline` package, so the map works without internet and a plain
`folium.Map` elsewhere in the process keeps its CDN links.
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from geo import eventtypes, labels, views
from geo.model import ACTORS, EVENT_TYPES, STATUSES, Control, Event, Incident, Place, Report
from geo.search import PlaceSearch

ROOT = Path(__file__).resolve().parents[1]
OUTLINE_FILE = "ocha_syr_admin1_simplified.geojson"
OUTLINE_DIRS = (ROOT / "data" / "sources", ROOT.parent / "shared" / "data" / "gazetteer-sources")

WINDOWS = {"day": 1, "week": 7, "month": 30}
# The middle of Syria's bounding box (32.31–37.32 N, 35.73–42.38 E): at zoom 7 in the dashboard's
# map (geo/app/map_page.MAP_HEIGHT px high) the whole country fits, Daraa and the southern border
# included; the older (35.0, 38.5) cut the bottom of Daraa and Suwayda off (QA #8).
SYRIA_CENTRE = (34.8, 39.05)
MAX_ZOOM = 14

# Event types by the (event_type, sub_event_type) pair the records carry.
TYPE_OF_PAIR = {pair: key for key, pair in EVENT_TYPES.items()}

TYPE_LABELS = eventtypes.labels()  # (Arabic, English) per type key: geo/rules/event_types.jsonl
TYPE_COLOURS = eventtypes.colours()
ACTOR_COLOURS = {
    "Syrian government": "#c62828",
    "SDF": "#f9a825",
    "Islamic State": "#212121",
    "US-led coalition": "#1565c0",
    "United States": "#0d47a1",
    "Russia": "#6a1b9a",
    "Turkey": "#795548",
    "Turkey-backed opposition": "#8d6e63",
    "Iran": "#1b5e20",
    "Syrian opposition": "#2e7d32",
    "Hayat Tahrir al-Sham": "#616161",
    "Hezbollah": "#9e9d24",
    "Israel": "#00838f",
    "United Nations": "#4fc3f7",
}
STATUS_LABELS = eventtypes.status_labels()  # geo/rules/event_statuses.jsonl
PRECISION_LABELS = {
    1: ("اليوم معروف", "exact day"),
    2: ("ضمن أسبوع", "within a week"),
    3: ("الشهر فقط", "month only"),
}
WINDOW_LABELS = {w: labels.LABELS[f"win_{w}"] for w in ("day", "week", "month")}
# Labels of popups, legend and layers: the one catalogue (geo/labels.py), per language.
UI = {lang: labels.table(lang) for lang in labels.LANGUAGES}

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
TIMELINE_JS = "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.min.js"
_CLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
MARKERCLUSTER_JS = _CLUSTER + "leaflet.markercluster.js"  # inlined from folium-offline, like Leaflet
MARKERCLUSTER_CSS = (_CLUSTER + "MarkerCluster.css", _CLUSTER + "MarkerCluster.Default.css")
# Places on the map before overlapping markers are clustered: a week of the corpus draws 50–150
# places, readable as circles at zoom 7; a month or more at 100k events draws several hundred.
CLUSTER_MIN_PLACES = 300
# From this zoom on (a governorate fills the map) every place is its own circle again.
CLUSTER_BELOW_ZOOM = 9
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


@dataclass(frozen=True, slots=True)
class View:
    """What the user looks at: one day, a window ending on it, filters, the camera, the language."""

    day: date
    window: str = "week"  # a key of WINDOWS, or a number of days as text ("10")
    event_types: tuple[str, ...] = ()  # keys of EVENT_TYPES; empty = all
    actors: tuple[str, ...] = ()  # keys of ACTORS; empty = all
    admin1: tuple[str, ...] = ()  # governorate P-codes; empty = all
    statuses: tuple[str, ...] = ()  # of STATUSES; empty = all
    hide_talks_abroad: bool = False
    include_vague: bool = False  # draw incidents dated more loosely than the window (views.too_vague)
    query: str = ""  # a place name, Arabic or English
    centre: tuple[float, float] = SYRIA_CENTRE
    zoom: int = 7
    language: str = "ar"

    @property
    def window_days(self) -> int:
        if self.window in WINDOWS:
            return WINDOWS[self.window]
        days = int(self.window)
        if days < 1:
            raise ValueError(f"window of {days} days")
        return days

    @property
    def first_day(self) -> date:
        return self.day - timedelta(days=self.window_days - 1)


def type_label(key: str, language: str = "ar") -> str:
    """Label of an event type; a type added to the model later falls back to its ACLED sub-type."""
    pair = TYPE_LABELS.get(key) or (EVENT_TYPES.get(key, ("", key))[1],) * 2
    return pair[0 if language == "ar" else 1]


def type_colour(key: str) -> str:
    return TYPE_COLOURS.get(key, "#607d8b")


def event_type_key(ev: Event) -> str:
    return TYPE_OF_PAIR.get((ev.event_type, ev.sub_event_type), "")


def _fold(text: str) -> str:
    from geo.text import normalize

    return normalize(text).casefold()


class _Filters:
    """A view's filters, prepared once for many records."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.first, self.last = view.first_day, view.day
        self.types, self.actors = set(view.event_types), set(view.actors)
        self.admin1, self.statuses = set(view.admin1), set(view.statuses)
        self.search = PlaceSearch(view.query)
        self.matched: set[str] = set()

    def prepare(self, places: Iterable[Place | None]) -> None:
        """Find the places the query names among these (a quarter needs its city beside it)."""
        if self.search:
            self.matched = self.search.ids(places)

    def passes(self, p, first, last, key: str, actors: tuple, status: str, by_date: bool) -> bool:
        if p is None or not (math.isfinite(p.lat) and math.isfinite(p.lon)) or first is None:
            return False
        if by_date and not (first <= self.last and (last or first) >= self.first):
            return False
        if (self.types and key not in self.types) or (self.actors and not (set(actors) & self.actors)):
            return False
        if (self.admin1 and p.admin1 not in self.admin1) or (self.statuses and status not in self.statuses):
            return False
        if self.view.hide_talks_abroad and key in views.ABROAD_DIPLOMACY and p.country != "SY":
            return False
        return not self.search or p.place_id in self.matched


def select(events: Iterable[Event], view: View, by_date: bool = True) -> list[Event]:
    """The events a view shows: placed, dated within its window (unless by_date=False), passing the filters.

    `events` may be a geo.views.StoreView: then the selection runs on its columns, and records are
    built only for the events shown.
    """
    if hasattr(events, "select_events"):
        return events.select_events(view, by_date)
    f, events = _Filters(view), list(events)
    f.prepare({ev.place.place_id: ev.place for ev in events if ev.place}.values())
    return [
        ev
        for ev in events
        if f.passes(
            ev.place,
            ev.event_date,
            ev.date_last,
            event_type_key(ev),
            (ev.actor1, ev.actor2),
            ev.status,
            by_date,
        )
    ]


def event_days(events: Iterable[Event], view: View, first: date, last: date) -> list[date]:
    """Dates of the events passing the view's filters (not its window) within [first, last] (a
    geo.views.StoreView answers from its columns)."""
    if hasattr(events, "days"):
        return events.days(view, first, last)
    return [e.event_date for e in select(events, view, by_date=False) if first <= e.event_date <= last]


# The bar chart spans the shortest run of days holding this share of the events (a few stray years
# before the war's dense months would squeeze every bar into a hairline), widened week by week while
# the next week holds at least CHART_EXTEND_SHARE of the run's mean week; the rest are counted in words.
CHART_DENSE_SHARE = 0.9
CHART_EXTEND_SHARE = 0.1


def dense_span(days: Sequence[date], shown: tuple[date, date]) -> tuple[date, date, int, int]:
    """(start, end, n_before, n_after): the days' dense run (see CHART_DENSE_SHARE), widened to
    hold the `shown` window, and how many days fall before and after it."""
    ordered = sorted(days)
    if not ordered:
        return shown[0], shown[1], 0, 0
    m = max(1, math.ceil(len(ordered) * CHART_DENSE_SHARE))
    i = min(range(len(ordered) - m + 1), key=lambda k: ordered[k + m - 1] - ordered[k])
    lo, hi = ordered[i], ordered[i + m - 1]
    floor = CHART_EXTEND_SHARE * m / max(1.0, ((hi - lo).days + 1) / 7)
    week = timedelta(days=7)
    while lo > ordered[0] and bisect_left(ordered, lo) - bisect_left(ordered, lo - week) >= floor:
        lo -= week
    while hi < ordered[-1] and bisect_right(ordered, hi + week) - bisect_right(ordered, hi) >= floor:
        hi += week
    lo, hi = min(lo, shown[0]), max(hi, shown[1])
    before = sum(1 for d in ordered if d < lo)
    after = sum(1 for d in ordered if d > hi)
    return lo, hi, before, after


def select_incidents(incidents: Iterable[Incident], view: View, by_date: bool = True) -> list[Incident]:
    """The incidents a view shows, by each incident's own date, place, type, actors and status.

    `incidents` may be a geo.views.IncidentsView (columnar; records built only for those shown).
    """
    if hasattr(incidents, "view_incidents"):
        return incidents.view_incidents(view, by_date)
    f, incidents = _Filters(view), list(incidents)
    f.prepare({i.place.place_id: i.place for i in incidents if i.place}.values())
    return [
        i
        for i in incidents
        if f.passes(
            i.place,
            i.event_date,
            i.date_last,
            TYPE_OF_PAIR.get((i.event_type, i.sub_event_type), ""),
            (i.actor1, i.actor2),
            i.status,
            by_date,
        )
    ]


# ---------------------------------------------------------------------------------- offline assets


@lru_cache(maxsize=32)
def _inline_url(url: str) -> str:
    """A data: URI holding the file folium would fetch from `url` (embedded in folium-offline)."""
    if url.startswith("data:"):
        return url
    from offlinefolium.elements import _res

    try:
        text = _res[url]
    except KeyError:
        raise KeyError(f"no embedded copy of {url} in folium-offline; cannot work offline") from None
    mime = "text/css" if url.endswith(".css") else "text/javascript"
    return f"data:{mime};charset=utf-8;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def _walk(element):
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def inline_assets(m: folium.Map) -> folium.Map:
    """Make this map load its JS/CSS from data: URIs, set on each element instance (never the class).

    Only Leaflet itself is kept for the map (jQuery, Bootstrap and Font Awesome serve markers and
    popups this map does not use). Call it after every layer is added. It also works under
    streamlit-folium, which loads `default_js` URLs with <script src> and drops inline header scripts.
    """
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    return _inline_within(m)


def _inline_within(element):
    """Every JS/CSS link of `element` and the elements under it as a data: URI (inline_assets)."""
    for el in _walk(element):
        if isinstance(el, JSCSSMixin):
            el.default_js = [(name, _inline_url(url)) for name, url in el.default_js]
            el.default_css = [(name, _inline_url(url)) for name, url in el.default_css]
    return element


# ---------------------------------------------------------------------------------- JSON into <script>


_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def _script_json(value) -> str:
    """JSON safe inside a <script> block and inert to Jinja.

    No `<`, `>`, `&` or line separators survive literally, and no `{{`, `{%`, `{#`: branca compiles
    rendered scripts as Jinja templates again, so article text holding `{{ … }}` would otherwise be
    evaluated on the server. Both escapes are plain JSON string escapes.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return _JINJA_OPEN.sub(r"\\u007b", text)


def _word_cut(text: str, keep: int, from_end: bool) -> str:
    """The last (from_end) or first `keep` characters of `text`, widened or narrowed to whole words."""
    if len(text) <= keep:
        return text
    if from_end:
        part = text[-keep:]
        space = part.find(" ")
        return "…" + (part[space + 1 :] if 0 <= space < keep // 2 else part)
    part = text[:keep]
    space = part.rfind(" ")
    return (part[:space] if space > keep // 2 else part) + "…"


def _place_offsets(ev: Event | Report) -> tuple[int, int]:
    """The place's offsets in the article. A listed place's holding statement has -1 there (territory reads it as
    "take actor1") and its mention's offsets in extra["list_member"] (geo/statements.py); a Report has no extra."""
    member = getattr(ev, "extra", {}).get("list_member") if ev.place_start < 0 else None
    if member is not None:
        start, end = member
        return start, end
    return ev.place_start, ev.place_end


def _quote_parts(ev: Event | Report, context: int = 110) -> tuple[str, str, str]:
    """(before, place, after) of the quoted sentence, trimmed to about `context` characters each side
    at word boundaries (the article page has the whole text)."""
    q = ev.quote or ""
    start, end = _place_offsets(ev)
    i, j = start - ev.quote_start, end - ev.quote_start
    if not (0 <= i < j <= len(q)):
        return (_word_cut(q, 2 * context, from_end=False), "", "")
    return _word_cut(q[:i], context, from_end=True), q[i:j], _word_cut(q[j:], context, from_end=False)


class _Table:
    """Values sent once and referred to by index (places, sentences, article ids, labels)."""

    def __init__(self, items: Iterable = ()) -> None:
        self.index: dict = {}
        self.rows: list = []
        for item in items:
            self.add(item, item)

    def add(self, key, row=None) -> int:
        i = self.index.get(key)
        if i is None:
            i = self.index[key] = len(self.rows)
            self.rows.append(key if row is None else row)
        return i


EPOCH = date(1970, 1, 1)
# The payload's columns (incident_payload): one array per field, one entry per incident / report.
INCIDENT_COLUMNS = (
    "place", "type", "status", "actor1", "actor2", "day", "span", "tp", "gp", "fatalities", "region", "reports",
)  # fmt: skip
REPORT_COLUMNS = ("quote", "article", "source", "basis", "published")
PLACE_COLUMNS = ("ar", "en", "admin1", "lat", "lon")
QUOTE_COLUMNS = ("before", "mark", "after")
POINT, COUNTRY_WIDE = -1, -2  # the "region" of an incident drawn as a point / listed beside the map


def _days(d: date | None) -> int:
    return (d - EPOCH).days if d is not None else -1


def _region_row(p: Place, gov_centres: dict) -> list:
    """[name_ar, name_en, lat, lon] of the governorate a region-level incident is counted in."""
    if p.admin1 in gov_centres:
        lat, lon, ar, en = gov_centres[p.admin1]
        return [ar, en, round(lat, 5), round(lon, 5)]
    return [p.name_ar, p.admin1_en or p.name_en, round(p.lat, 5), round(p.lon, 5)]


def _deltas(values: list[int]) -> list[int]:
    """Each value as its difference from the one before (incidents come sorted by day: small numbers)."""
    return [b - a for a, b in zip([0, *values], values, strict=False)]


def _runs(values: list) -> list | dict:
    """A column as is, or as {"runs": [value, count, …]} when that is shorter (a column that is mostly
    one value: precision, span, fatalities, outlet of a long stretch)."""
    runs: list = []
    for v in values:
        if runs and runs[-2] == v:
            runs[-1] += 1
        else:
            runs += [v, 1]
    return {"runs": runs} if len(runs) < len(values) * 0.6 else values


class _Payload:
    """incident_payload's columns and dictionaries as they fill."""

    def __init__(self, gov_centres: dict) -> None:
        self.gov_centres = gov_centres
        self.inc = {c: [] for c in INCIDENT_COLUMNS}
        self.rep = {c: [] for c in REPORT_COLUMNS}
        self.place = {c: [] for c in PLACE_COLUMNS}
        self.quote = {c: [] for c in QUOTE_COLUMNS}
        self.places, self.quotes, self.marks, self.admin1 = _Table(), _Table(), _Table(), _Table()
        self.articles, self.sources, self.regions, self.bases = _Table(), _Table(), _Table(), _Table()
        self.types, self.statuses, self.actors = _Table(EVENT_TYPES), _Table(STATUSES), _Table(ACTORS)
        self.type_ix = {pair: self.types.index[key] for pair, key in TYPE_OF_PAIR.items()}

    def place_index(self, p: Place) -> int:
        i = self.places.index.get(p.place_id)
        if i is None:
            i = self.places.add(p.place_id)
            for col, value in zip(PLACE_COLUMNS, (p.name_ar, labels.place_name_en(p), self.admin1.add(p.admin1_en or p.admin1),
                                                  round(p.lat, 5), round(p.lon, 5)), strict=True):  # fmt: skip
                self.place[col].append(value)
        return i

    def quote_index(self, parts: tuple[str, str, str]) -> int:
        i = self.quotes.index.get(parts)
        if i is None:
            i = self.quotes.add(parts)
            before, mark, after = parts
            self.quote["before"].append(before)
            self.quote["mark"].append(self.marks.add(mark))
            self.quote["after"].append(after)
        return i

    def add_report(self, r: Event, day: int, context: int) -> None:
        published = _days(r.published) - day if r.published is not None else None
        values = (self.quote_index(_quote_parts(r, context)), self.articles.add(r.article_id),
                  self.sources.add(r.source or ""), self.bases.add(r.date_basis or ""), published)  # fmt: skip
        for col, value in zip(REPORT_COLUMNS, values, strict=True):
            self.rep[col].append(value)

    def add(self, inc: Incident, context: int) -> None:
        from geo.incidents import region_level

        p, day = inc.place, _days(inc.event_date)
        for r in inc.reports:
            self.add_report(r, day, context)
        region = POINT
        if region_level(p, inc.geo_precision):
            region = (
                self.regions.add(p.admin1, _region_row(p, self.gov_centres)) if p.admin1 else COUNTRY_WIDE
            )
        pair = (inc.event_type, inc.sub_event_type)
        ti = (
            self.type_ix[pair]
            if pair in self.type_ix
            else self.types.add(f"{inc.event_type}/{inc.sub_event_type}")
        )
        span = ((inc.date_last or inc.event_date) - inc.event_date).days
        values = (self.place_index(p), ti, self.statuses.add(inc.status),
                  self.actors.add(inc.actor1) if inc.actor1 else -1, self.actors.add(inc.actor2) if inc.actor2 else -1,
                  day, max(span, 0), inc.time_precision, inc.geo_precision, int(inc.fatalities or 0), region,
                  len(inc.reports))  # fmt: skip
        for col, value in zip(INCIDENT_COLUMNS, values, strict=True):
            self.inc[col].append(value)

    def as_dict(self) -> dict:
        inc = dict(self.inc, day=_deltas(self.inc["day"]))
        return {
            "incidents": {c: _runs(v) for c, v in inc.items()},
            "reports": {c: _runs(v) for c, v in self.rep.items()},
            "places": self.place,
            "quotes": self.quote,
            "marks": self.marks.rows,
            "admin1": self.admin1.rows,
            "articles": self.articles.rows,
            "sources": self.sources.rows,
            "bases": self.bases.rows,
            "regions": self.regions.rows,
            "types": self.types.rows,
            "statuses": self.statuses.rows,
            "actors": self.actors.rows,
        }


def _plain(column: list | dict) -> list:
    """A payload column as a list (the inverse of _runs)."""
    if isinstance(column, list):
        return column
    runs = column["runs"]
    return [v for v, n in zip(runs[::2], runs[1::2], strict=True) for _ in range(n)]


def payload_columns(payload: dict, part: str) -> dict[str, list]:
    """The columns of `part` ("incidents" or "reports") of an incident_payload as plain lists, days
    as days since 1970 (what the page's DECODE_JS makes of them)."""
    cols = {c: _plain(v) for c, v in payload[part].items()}
    if part == "incidents":
        day, cols["day"] = 0, []
        for d in _plain(payload[part]["day"]):
            day += d
            cols["day"].append(day)
    return cols


def incident_payload(
    incidents: Sequence[Incident], context: int = 110, gov_centres: dict | None = None
) -> dict:
    """Incidents as columns (INCIDENT_COLUMNS, REPORT_COLUMNS: one array per field) plus dictionaries.

    A place, a sentence, the place's name as written, an article, an outlet, a governorate, a type,
    status, actor or date basis is sent once and referred to by index. An incident's reports are the
    next `reports` entries of the report columns, in order. Days are counted from 1970-01-01, each
    incident's as its difference from the one before; a report's `published` is days after its
    incident's day (None: unknown). A column mostly of one value is sent as runs (_runs);
    payload_columns gives the plain columns back. A region-level incident
    (a country, governorate or region, or geo_precision 3) is not a point: its `region` indexes
    `regions` (its governorate, drawn as one badge with a count), or is COUNTRY_WIDE (listed beside
    the map); POINT incidents are circles. Decoded in the page by DECODE_JS.
    """
    out = _Payload(gov_centres or {})
    for inc in incidents:
        p = inc.place
        if p is None or inc.event_date is None or not (math.isfinite(p.lat) and math.isfinite(p.lon)):
            continue
        out.add(inc, context)
    return out.as_dict()


def event_payload(events: Sequence[Event], context: int = 110) -> dict:
    """The payload of the incidents these events form (geo.incidents.group_incidents)."""
    from geo.incidents import group_incidents

    return incident_payload(group_incidents(events), context)


class _RawScript(Element):
    """Script text already rendered; branca would compile it as a Jinja template again (slow, unsafe)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _RawMacro(MacroElement):
    """A MacroElement whose rendered header, html and script are added to the page as they are.

    branca's MacroElement.render wraps each rendered macro in a new Element, which compiles it as a
    Jinja template once more: for the GeoJSON of the outlines, rivers and control areas and the few
    dozen label markers that was most of a slider move's time (0.2 of 0.4 s at 10,000 events), and
    text inside must never be read as a template anyway. Mixed in after a folium class
    (`class X(folium.GeoJson, _RawMacro)`), it takes MacroElement's place under that class's render.
    """

    def render(self, **kwargs):
        figure = self.get_root()
        module = self._template.module
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = module.__dict__.get(part)
            if macro is not None:
                target.add_child(_RawScript(macro(self, kwargs)), name=self.get_name())
        for child in list(self._children.values()):
            child.render(**kwargs)


def _map_of(element) -> folium.Map:
    """The map an element is on, however deep (a view's layers sit in a group: view_layers)."""
    while element is not None and not isinstance(element, folium.Map):
        element = element._parent
    if element is None:
        raise ValueError("the element is on no map")
    return element


class _OnMap:
    """An element whose script adds controls to its map while its layers go to its parent."""

    @property
    def map_name(self) -> str:
        return _map_of(self).get_name()


class _GeoJson(folium.GeoJson, _RawMacro):
    """A GeoJSON layer drawn with one `style` (a feature may carry its own in properties.style), a
    tooltip from one property set with textContent, its data encoded once by _script_json.

    folium's own GeoJson template maps styles per feature in Python and encodes the data again at
    each of the three renders st_folium makes. Its bounds are not walked either: the map is placed by
    its view's camera, never fitted to its layers, and st_folium asks every layer for its bounds on
    every rerun (walking each river and outline vertex in Python: 50 ms a move).
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson(null, {
  interactive: {{ this.interactive_js }},
  style: function (f) { return (f.properties && f.properties.style) || {{ this.style_json }}; },
  onEachFeature: function (f, l) {
    var field = {{ this.tooltip_json }};
    if (!field || !f.properties || f.properties[field] === undefined) { return; }
    var tip = document.createElement("span");
    tip.textContent = String(f.properties[field]);
    l.bindTooltip(tip, {sticky: true});
  }
});
{{ this.get_name() }}.addData({{ this.data_json }});
{% endmacro %}
"""
    )

    def __init__(self, data: dict, name: str | None = None, style: dict | None = None,
                 tooltip_field: str = "", interactive: bool = True) -> None:  # fmt: skip
        super().__init__(data, name=name)
        self.style_json = _script_json(style or {})
        self.tooltip_json = _script_json(tooltip_field)
        self.interactive_js = "true" if interactive else "false"
        self.data_json = _script_json(self.data)

    def _get_self_bounds(self):
        return [[None, None], [None, None]]


class _Group(folium.FeatureGroup, _RawMacro):
    pass


class _DivIcon(folium.DivIcon, _RawMacro):
    pass


class _SetIcon(folium.Marker.SetIcon, _RawMacro):
    pass


class _Label(folium.Marker, _RawMacro):
    """A name on the map: a non-interactive marker with a DivIcon (its markup escaped by the caller)."""

    SetIcon = _SetIcon

    def __init__(self, location, markup: str, size: tuple[int, int], anchor: tuple[int, int], cls: str):
        icon = _DivIcon(html=markup, icon_size=size, icon_anchor=anchor, class_name=cls)
        super().__init__(location, icon=icon, interactive=False)


def _labels(language: str) -> dict:
    i = 0 if language == "ar" else 1
    return {
        "lang": language,
        "ui": UI[language],
        "plural": {noun: labels.plural_forms(noun, language) for noun in labels.PLURAL_NOUNS},
        "types": {k: type_label(k, language) for k in EVENT_TYPES},
        "statuses": {k: v[i] for k, v in STATUS_LABELS.items()},
        "precision": {str(k): v[i] for k, v in PRECISION_LABELS.items()},
        "actors": {k: (ar if i == 0 else k) for k, ar in ACTORS.items()},
        "colours": {k: type_colour(k) for k in EVENT_TYPES},
        "actor_colours": ACTOR_COLOURS,
    }


_STYLE = """
<style>
.geo-popup { font: 13px/1.45 "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
.geo-popup[dir="rtl"], .geo-rtl, .geo-quote, .geo-legend[dir="rtl"], .geo-header[dir="rtl"] {
  direction: rtl; text-align: right; unicode-bidi: isolate; }
.geo-popup[dir="ltr"] { direction: ltr; text-align: left; }
.geo-popup .geo-place { font-weight: bold; font-size: 14px; margin-bottom: 4px; }
.geo-popup .geo-en { direction: ltr; unicode-bidi: isolate; color: #555; font-weight: normal; }
.geo-popup table { border-collapse: collapse; margin: 2px 0 4px; }
.geo-popup th { color: #666; font-weight: normal; padding: 0 0 0 6px; vertical-align: top; text-align: inherit; }
.geo-popup[dir="ltr"] th { padding: 0 6px 0 0; }
.geo-quote { margin: 4px 0; padding: 4px 6px; background: #f6f6f6; border-right: 3px solid #bbb;
  direction: rtl; text-align: right; }
.geo-quote mark { background: #ffe066; padding: 0 1px; }
.geo-count { color: #555; font-size: 12px; margin-bottom: 2px; }
.geo-list { max-height: 300px; overflow-y: auto; }
.geo-entry + .geo-entry { border-top: 1px solid #ddd; margin-top: 6px; padding-top: 6px; }
.geo-legend, .geo-header { background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.4 "Noto Sans Arabic", "DejaVu Sans", sans-serif;
  max-height: 60vh; overflow-y: auto; }
.geo-legend .sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin: 0 4px; vertical-align: middle; border: 1px solid #333; }
.geo-legend .sq { border-radius: 2px; opacity: 0.8; }
.geo-legend .ring { background: #fff !important; border-width: 3px; border-style: solid; width: 9px; height: 9px; }
.geo-legend .front { display: inline-block; width: 16px; margin: 0 4px; vertical-align: middle;
  border-top: 3px dashed #111; }
.geo-legend .hollow { background: transparent !important; border: 2px dashed #333; }
.geo-legend h4 { margin: 4px 0 2px; font-size: 12px; }
.geo-legend summary { cursor: pointer; font-weight: bold; }
.geo-legend details > div { break-inside: avoid; }
/* Compact: rows in two columns, at most ~40% of the map's height (it scrolls beyond), clear of the
   header (top right) and the attribution line below it. */
.geo-legend { max-width: 380px; max-height: min(40vh, calc(100vh - 140px)); font-size: 11px; line-height: 1.3; }
.geo-legend-body { columns: 2; column-gap: 12px; }
.geo-legend-body > div, .geo-legend-body > h4 { break-inside: avoid; }
.geo-legend-body > h4 { break-after: avoid; }
.geo-legend .row { display: flex; align-items: flex-start; }
.geo-legend .row .sws { flex: none; white-space: nowrap; line-height: 14px; }
.geo-legend .row .lbl { flex: 1; min-width: 0; }
.geo-export .geo-legend { max-height: calc(100vh - 160px); }  /* a PNG cannot scroll */
.geo-legend .river { display: inline-block; width: 16px; margin: 0 4px; vertical-align: middle;
  border-top: 3px solid #4a8fd0; }
.geo-attr { color: #777; font-size: 10px; margin-top: 4px; }
.leaflet-control-attribution { font-size: 10px; max-width: 70%; }  /* clear of the scale (bottom left) */
.geo-header bdi { white-space: nowrap; unicode-bidi: isolate; }
.geo-city { background: transparent; border: none; }
.geo-city-label { font: 12px/1.1 "Noto Sans Arabic", "DejaVu Sans", sans-serif; color: #263238; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; pointer-events: none; }
.geo-city-label::before { content: ""; display: inline-block; width: 6px; height: 6px; border-radius: 50%;
  background: #263238; margin: 0 3px; vertical-align: middle; }
.geo-export .leaflet-control-zoom, .geo-export .leaflet-control-layers { display: none; }
.geo-gov-label { color: #78909c; font: italic 11px/1.2 "Noto Sans Arabic", "DejaVu Sans", sans-serif; letter-spacing: 0.5px;
  text-align: center; white-space: nowrap; text-shadow: 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }
.geo-gov-label span { display: block; font-weight: normal; font-size: 10px; }
.geo-region { background: transparent; border: none; }
.geo-region-badge { width: 24px; height: 24px; border-radius: 4px; background: #37474f; color: #fff;
  text-align: center; font: bold 12px/24px "DejaVu Sans", sans-serif; border: 2px solid #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,0.45); }
.geo-region-list { background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px; max-width: 380px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.4 "Noto Sans Arabic", "DejaVu Sans", sans-serif;
  max-height: 45vh; overflow-y: auto; }
.geo-region-list summary { cursor: pointer; font-weight: bold; }
.geo-report + .geo-report { border-top: 1px dashed #ddd; margin-top: 4px; padding-top: 4px; }
.geo-source { color: #555; font-size: 12px; }
.geo-subplace { font-weight: bold; margin-bottom: 2px; }
.geo-legend .mini { display: inline-block; width: 14px; height: 14px; font-size: 9px; line-height: 14px;
  margin: 0 4px; vertical-align: middle; border-width: 1px; }
.geo-legend .big { width: 17px; height: 17px; }
.leaflet-popup-content .geo-popup[dir="rtl"] { text-align: right; }
.leaflet-control.leaflet-timeline-control { width: min(62vw, 720px); box-sizing: border-box; direction: ltr; }
.leaflet-timeline-control .time-text { white-space: nowrap; font-weight: bold; }
</style>
"""


# The page's decoder of incident_payload: one object per incident, its reports as objects (tested
# under Node in tests/test_mapview.py). No Jinja syntax in here: it is part of EventLayer's template.
# labels.counted in the browser: a number with its noun's form (`forms` = labels.plural_forms).
COUNT_JS = """
function geoCount(n, forms) {
  var rest = n % 100;
  var i = n === 1 ? 0 : n === 2 ? 1 : (n === 0 || (n >= 100 && rest <= 2)) ? 4 : (rest >= 3 && rest <= 10) ? 2 : 3;
  return forms[i].replace("{n}", String(n));
}
"""

DECODE_JS = """
function geoColumn(c) {
  // A column of incident_payload: a list, or {runs: [value, count, ...]}.
  if (Array.isArray(c)) { return c; }
  var out = [];
  for (var i = 0; i < c.runs.length; i += 2) { for (var j = 0; j < c.runs[i + 1]; j++) { out.push(c.runs[i]); } }
  return out;
}
function geoColumns(cols) {
  var out = {};
  Object.keys(cols).forEach(function (k) { out[k] = geoColumn(cols[k]); });
  return out;
}
function geoDecode(pay) {
  var P = pay.places, Q = pay.quotes, R = geoColumns(pay.reports), C = geoColumns(pay.incidents), next = 0;
  var days = [], sum = 0;
  C.day.forEach(function (d) { sum += d; days.push(sum); });
  var places = P.ar.map(function (ar, i) {
    return [ar, P.en[i], pay.admin1[P.admin1[i]] || "", P.lat[i], P.lon[i]];
  });
  var quotes = Q.before.map(function (b, i) { return [b, pay.marks[Q.mark[i]], Q.after[i]]; });
  return C.place.map(function (pi, i) {
    var day = days[i], reps = [], told = {};
    for (var j = 0; j < C.reports[i]; j++, next++) {
      var pub = R.published[next];
      reps.push({quote: quotes[R.quote[next]], article: pay.articles[R.article[next]],
        source: pay.sources[R.source[next]], basis: pay.bases[R.basis[next]],
        published: pub === null ? null : day + pub});
      told[pay.articles[R.article[next]]] = true;
    }
    return {pi: pi, place: places[pi], t: pay.types[C.type[i]], s: pay.statuses[C.status[i]],
      a: [C.actor1[i], C.actor2[i]].filter(function (k) { return k >= 0; })
        .map(function (k) { return pay.actors[k]; }),
      day: day, span: C.span[i], tp: C.tp[i], gp: C.gp[i], fat: C.fatalities[i], region: C.region[i], reps: reps,
      arts: Object.keys(told).length};  // the articles that tell it: its reports, as ACLED counts sources
  });
}
"""


class EventLayer(_OnMap, JSCSSMixin, Layer):
    """Incidents as one GeoJSON layer of circle markers sized by their reports (or a leaflet.timeline
    layer with its slider, for snapshots); region-level incidents as a badge per governorate with a
    count and a list beside the map, never a point at the centre of the country.
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}"""
        + _STYLE
        + """{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
"""
        + DECODE_JS
        + COUNT_JS
        + """
  var meta = {{ this.meta_json }};
  var pay = {{ this.data_json }};
  var DAY = 86400000, WINDOW = {{ this.window_days }};
  var map = {{ this.map_name }}, host = {{ this._parent.get_name() }};
  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  var all = geoDecode(pay);
  var data = {type: "FeatureCollection", features: all.filter(function (p) { return p.region === -1; })
    .map(function (p) {
      return {type: "Feature", geometry: {type: "Point", coordinates: [p.place[4], p.place[3]]}, properties: p};
    })};
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function count(n, noun) { return geoCount(n, meta.plural[noun]); }
  function row(table, label, value) {
    var tr = el("tr"); tr.appendChild(el("th", null, label)); tr.appendChild(el("td", null, value));
    table.appendChild(tr);
  }
  function report(r) {
    var q = r.quote, box = el("div", "geo-report");
    box.appendChild(el("div", "geo-source", (r.source || "—") + (r.published !== null ? " · " + iso(r.published) : "") +
      (r.basis === "report" ? " · " + meta.ui.report_day : "")));
    var quote = el("blockquote", "geo-quote");
    quote.dir = "rtl"; quote.lang = "ar";
    quote.appendChild(document.createTextNode(q[0]));
    if (q[1]) { quote.appendChild(el("mark", null, q[1])); }
    quote.appendChild(document.createTextNode(q[2]));
    box.appendChild(quote);
    var link = el("a", "geo-article", meta.ui.open_article + " ↗");
    link.href = meta.link + "?article=" + encodeURIComponent(r.article);
    link.target = "_blank"; link.rel = "noopener";
    box.appendChild(link);
    return box;
  }
  function placeHead(place, cls) {
    var head = el("div", cls || "geo-place");
    var ar = el("span", "geo-ar", place[0]); ar.dir = "rtl"; ar.lang = "ar";
    head.appendChild(ar);
    head.appendChild(document.createTextNode(" · "));
    var en = el("span", "geo-en", place[1] + (place[2] ? " (" + place[2] + ")" : "")); en.dir = "ltr"; en.lang = "en";
    head.appendChild(en);
    return head;
  }
  function entry(p, withPlace) {
    var ui = meta.ui, box = el("div", "geo-entry");
    if (withPlace) { box.appendChild(placeHead(p.place, "geo-subplace")); }
    var table = el("table");
    row(table, ui.type, meta.types[p.t] || p.t);
    row(table, ui.status, meta.statuses[p.s] || p.s);
    row(table, ui.actors, p.a.map(function (a) { return meta.actors[a] || a; }).join(meta.ui.list_sep));
    row(table, ui.date, iso(p.day) + (p.span ? " – " + iso(p.day + p.span) : "") +
      " (" + (meta.precision[p.tp] || p.tp) + ")");
    if (p.fat > 0) { row(table, ui.fatalities, p.fat); }
    row(table, ui.reports, count(p.arts, "n_articles") +
      (p.reps.length > p.arts ? meta.ui.list_sep + count(p.reps.length, "n_mentions") : ""));
    box.appendChild(table);
    var list = el("div", "geo-reports");
    p.reps.forEach(function (r) { list.appendChild(report(r)); });
    box.appendChild(list);
    return box;
  }
  function frame(headNode, count, items, withPlace) {
    var root = el("div", "geo-popup");
    root.dir = meta.lang === "ar" ? "rtl" : "ltr";
    root.lang = meta.lang;
    root.appendChild(headNode);
    if (count) { root.appendChild(el("div", "geo-count", count)); }
    var list = el("div", "geo-list");
    items.forEach(function (x) { list.appendChild(entry(x, withPlace)); });
    root.appendChild(list);
    return root;
  }
  var byPlace = {};
  function popup(f) {
    // Every incident shown at this place (several may share one point): the clicked one first.
    var p = f.properties;
    var here = (byPlace[p.pi] || []).filter(function (l) { return layer.hasLayer(l) && l.feature !== f; })
      .map(function (l) { return l.feature.properties; })
      .sort(function (x, y) { return y.day - x.day; });
    return frame(placeHead(p.place), here.length ? count(here.length + 1, "n_here") : "", [p].concat(here));
  }
  function radius(n) { return Math.min(18, 5 + 3 * Math.log2(Math.max(1, n))); }
  var options = {
    pointToLayer: function (f, latlng) {
      var p = f.properties, c = meta.colours[p.t] || "#555555", done = p.s === "happened", n = p.arts;
      var mk = L.circleMarker(latlng, {radius: radius(n), color: done ? "#222222" : c, weight: done ? 1 : 2.5,
        dashArray: done ? null : "3 3", fillColor: c, fillOpacity: done ? 0.8 : 0, opacity: 0.9});
      mk.bindTooltip(el("span", null, count(n, "n_reports")), {direction: "top"});
      return mk;
    },
    onEachFeature: function (f, l) {
      (byPlace[f.properties.pi] = byPlace[f.properties.pi] || []).push(l);
      l.bindPopup(function () { return popup(f); }, {maxWidth: 400, minWidth: 260});
    }
  };
  var layer;
  // Region-level incidents: one badge per governorate with a count, and a list for the whole country.
  var regionLayer = L.layerGroup().addTo(host), listBox = L.control({position: "bottomleft"}), listDiv;
  listBox.onAdd = function () {
    listDiv = L.DomUtil.create("div", "geo-region-list");
    listDiv.dir = meta.lang === "ar" ? "rtl" : "ltr";
    L.DomEvent.disableClickPropagation(listDiv);
    L.DomEvent.disableScrollPropagation(listDiv);
    return listDiv;
  };
  listBox.addTo(map);
  if (host !== map) { host.on("remove", function () { listBox.remove(); }); }  // a view's group, replaced
  function active(p, t) { return t === null || (p.day * DAY <= t && t < (p.day + p.span + WINDOW) * DAY); }
  function drawRegions(t) {
    regionLayer.clearLayers();
    while (listDiv.firstChild) { listDiv.removeChild(listDiv.firstChild); }
    var groups = {}, wide = [], n = 0;
    all.forEach(function (p) {
      if (p.region === -1 || !active(p, t)) { return; }
      n++;
      if (p.region === -2) { wide.push(p); } else { (groups[p.region] = groups[p.region] || []).push(p); }
    });
    Object.keys(groups).forEach(function (k) {
      var g = pay.regions[k], items = groups[k].sort(function (x, y) { return y.day - x.day; });
      var icon = L.divIcon({html: el("div", "geo-region-badge", items.length), className: "geo-region",
        iconSize: [28, 28], iconAnchor: [14, 14]});
      var mk = L.marker([g[2], g[3]], {icon: icon});
      mk.regionCount = items.length;
      mk.bindTooltip(el("span", null, count(items.length, "n_region") + " · " + g[0] + " · " + g[1]));
      mk.bindPopup(function () {
        var head = placeHead([g[0], g[1], ""]);
        return frame(head, count(items.length, "n_region"), items, true);
      }, {maxWidth: 400, minWidth: 260});
      regionLayer.addLayer(mk);
    });
    listDiv.style.display = n ? "" : "none";
    if (!n) { return; }
    var details = el("details"), list = el("div", "geo-list");
    details.appendChild(el("summary", null, meta.ui.region_level + ": " + n + " · " + meta.ui.country_wide + ": " + wide.length));
    wide.sort(function (x, y) { return y.day - x.day; }).forEach(function (p) { list.appendChild(entry(p, true)); });
    details.appendChild(list);
    listDiv.appendChild(details);
  }
  {% if this.timeline %}
  options.getInterval = function (f) {
    var p = f.properties;
    return {start: p.day * DAY, end: (p.day + p.span + WINDOW) * DAY - 1};
  };
  layer = L.timeline(data, options);
  var slider = L.timelineSliderControl({
    formatOutput: function (t) { return new Date(t).toISOString().slice(0, 10); },
    steps: {{ this.steps }}, duration: {{ this.steps }} * 400, showTicks: false,
    enableKeyboardControls: true, autoPlay: false,
    start: {{ this.start_ms }}, end: {{ this.end_ms }}
  });
  slider.addTo(map);
  slider.addTimelines(layer);
  layer.addTo(host);
  layer.on("change", function () { drawRegions(layer.time); });
  slider.setTime({{ this.day_ms }});
  drawRegions(layer.time);
  window.geoTimelineSlider = slider;
  {% else %}
  // One marker per place: the incidents there listed in its popup, the circle sized by all their
  // reports; when the view draws many places, markers that overlap at a low zoom are clustered.
  var at = {}, order = [];
  data.features.forEach(function (f) {
    var k = f.properties.pi;
    if (!at[k]) {
      at[k] = {type: "Feature", geometry: f.geometry, properties: {pi: k, place: f.properties.place, items: []}};
      order.push(k);
    }
    at[k].properties.items.push(f.properties);
  });
  data = {type: "FeatureCollection", features: order.map(function (k) { return at[k]; })};
  var markers = L.geoJSON(data, {
    pointToLayer: function (f, latlng) {
      var items = f.properties.items, n = 0, done = false, top = items[0];
      items.forEach(function (p) {
        n += p.arts; done = done || p.s === "happened";
        if (p.arts > top.arts) { top = p; }
      });
      var c = meta.colours[top.t] || "#555555";
      var mk = L.circleMarker(latlng, {radius: radius(n), color: done ? "#222222" : c, weight: done ? 1 : 2.5,
        dashArray: done ? null : "3 3", fillColor: c, fillOpacity: done ? 0.8 : 0, opacity: 0.9});
      mk.bindTooltip(el("span", null, (items.length > 1 ? count(items.length, "n_here") + " · " : "") +
        count(n, "n_reports")), {direction: "top"});
      return mk;
    },
    onEachFeature: function (f, l) {
      l.bindPopup(function () {
        var items = f.properties.items.slice().sort(function (x, y) { return y.day - x.day; });
        return frame(placeHead(f.properties.place), items.length > 1 ? count(items.length, "n_here") : "", items);
      }, {maxWidth: 400, minWidth: 260});
    }
  });
  if ({{ this.cluster_below }} > 0 && L.markerClusterGroup) {
    map.options.maxZoom = map.options.maxZoom || {{ this.max_zoom }};  // clustering needs one (no tiles)
    layer = L.markerClusterGroup({disableClusteringAtZoom: {{ this.cluster_below }}, maxClusterRadius: 30,
      showCoverageOnHover: false, spiderfyOnMaxZoom: false});
    layer.addLayers(markers.getLayers());
  } else {
    layer = markers;
  }
  layer.addTo(host);
  drawRegions(null);
  {% endif %}
  window.geoEventLayer = layer;
  window.geoRegionLayer = regionLayer;
  window.geoRegionList = listDiv;
  return layer;
})();
{% endmacro %}
"""
    )

    def __init__(
        self,
        incidents: Sequence[Incident],
        view: View,
        link_base: str = "",
        timeline: bool = False,
        name: str | None = None,
        gov_centres: dict | None = None,
    ):
        super().__init__(name=name or UI[view.language]["events"], overlay=True, control=True, show=True)
        self._name = "EventLayer"
        # Many reports: shorter context around the place (the article page has the whole text).
        n = sum(len(i.reports) for i in incidents)
        payload = incident_payload(incidents, 110 if n <= 2000 else 45 if n <= 5000 else 25, gov_centres)
        regions = _plain(payload["incidents"]["region"])
        self.n_features = sum(1 for r in regions if r == POINT)
        self.n_region = len(regions) - self.n_features
        self.data_json = _script_json(payload)
        self.meta_json = _script_json({**_labels(view.language), "link": link_base})
        self.timeline = timeline
        self.window_days = view.window_days
        self.default_js = [("timeline", TIMELINE_JS)] if timeline else []
        self.default_css = []
        placed = _plain(payload["incidents"]["place"])
        places = {p for p, r in zip(placed, regions, strict=True) if r == POINT}
        self.cluster_below = CLUSTER_BELOW_ZOOM if not timeline and len(places) > CLUSTER_MIN_PLACES else 0
        self.max_zoom = MAX_ZOOM
        if self.cluster_below:
            self.default_js.append(("markercluster", MARKERCLUSTER_JS))
            self.default_css = [("markercluster_css", url) for url in MARKERCLUSTER_CSS]
        placed = [i for i in incidents if i.event_date and i.place]
        first = min((i.event_date for i in placed), default=view.day)
        last = max((i.date_last or i.event_date for i in placed), default=view.day)
        first, last = min(first, view.first_day), max(last, view.day) + timedelta(days=view.window_days)
        self.start_ms, self.end_ms = _ms(first), _ms(last)
        self.day_ms = _ms(view.day) + 43_200_000  # noon: inside the day whatever the time zone
        self.steps = max(1, (last - first).days)

    def render(self, **kwargs):
        """Like MacroElement.render, but the (large) script is added as is, not recompiled by Jinja."""
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for i, (name, url) in enumerate(self.default_css):
            figure.header.add_child(CssLink(url), name=f"{name}{i}")
        module = self._template.module
        figure.header.add_child(Element(module.header(self, kwargs)), name="geo_style")
        figure.script.add_child(_RawScript(module.script(self, kwargs)), name=self.get_name())


def _ms(day: date) -> int:
    return (day - date(1970, 1, 1)).days * 86_400_000


def _is_stale(c: Control, day: date) -> bool:
    from geo.territory import is_stale

    return is_stale(c, day)


# Control states no report of their day tells, and the ui label their tooltip says it with.
INFERRED = {"area": "inferred_area", "prior": "inferred_prior", "first_report": "inferred_first"}

# A control ring's (radius, stroke) in pixels by the kind of place it marks. Villages get the small one:
# a front's villages lie 1–3 km apart, 7–20 px at zoom 10, and rings of radius 10 with a 4 px stroke
# overlapped into one white-filled blot over Afrin's 300 villages (QA), hiding the shading and the map.
# Towns and the sites fought over for themselves (bases, airports, oil fields, dams) stand between.
CONTROL_RING = {"city": (10, 4), **dict.fromkeys(("town", "base", "airport", "oil_field", "dam"), (7, 3))}
VILLAGE_RING = (5, 2)  # every other kind: villages, quarters, crossings, wells


def control_ring(place) -> tuple[int, int]:
    """(radius, stroke) of the ring that marks who holds `place`."""
    return CONTROL_RING.get(place.kind, VILLAGE_RING)


class ControlLayer(Layer, _RawMacro):
    """Places coloured by who holds them as of the view's day; tooltips via textContent."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
"""
        + DECODE_JS
        + """
  var meta = {{ this.meta_json }};
  var rows = {{ this.rows_json }};
  var group = L.featureGroup();
  // r: lat, lon, name_ar, name_en, controller, since, last confirmed, contested, confidence, stale, inferred,
  // radius, stroke (control_ring)
  rows.forEach(function (r) {
    var c = meta.actor_colours[r[4]] || "#444444", ui = meta.ui;
    var tip = document.createElement("div");
    tip.className = "geo-popup"; tip.dir = meta.lang === "ar" ? "rtl" : "ltr";
    var name = document.createElement("b"); name.textContent = r[2] + " · " + r[3];
    var who = document.createElement("div");
    who.textContent = (meta.actors[r[4]] || r[4]) + " — " + ui.since + " " + r[5];
    var when = document.createElement("div");
    when.textContent = ui.last_confirmed + " " + r[6] + " · " + ui.confidence + " " + r[8];
    tip.appendChild(name); tip.appendChild(who); tip.appendChild(when);
    if (r[7]) { var fight = document.createElement("div"); fight.textContent = ui.contested; tip.appendChild(fight); }
    if (r[10]) { var how = document.createElement("div"); how.textContent = ui[r[10]]; tip.appendChild(how); }
    L.circleMarker([r[0], r[1]], {radius: r[11], color: c, weight: r[12], dashArray: r[7] ? "4 4" : null,
      opacity: r[9] ? 0.45 : 1, fillColor: r[7] ? "#eeeeee" : "#ffffff", fillOpacity: 0.7})
      .bindTooltip(tip, {direction: "top"}).addTo(group);
  });
  group.addTo({{ this._parent.get_name() }});
  window.geoControlLayer = group;
  return group;
})();
{% endmacro %}
"""
    )

    def __init__(self, controls: Sequence[Control], view: View):
        super().__init__(name=UI[view.language]["control"], overlay=True, control=True, show=True)
        self._name = "ControlLayer"
        rows = [
            [
                round(c.place.lat, 5),
                round(c.place.lon, 5),
                c.place.name_ar,
                labels.place_name_en(c.place),
                c.controller,
                c.since.isoformat(),
                (c.last_confirmed or c.since).isoformat(),
                bool(c.contested),
                round(float(c.confidence), 2),
                _is_stale(c, view.day),
                INFERRED.get(c.kind, ""),
                *control_ring(c.place),
            ]
            for c in controls
            if math.isfinite(c.place.lat) and math.isfinite(c.place.lon)
        ]
        self.rows_json = _script_json(rows)
        self.meta_json = _script_json(_labels(view.language))


class HtmlControl(_OnMap, _RawMacro):
    """A Leaflet control whose content is HTML assembled (and escaped) in Python."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var box = L.control({position: {{ this.position|tojson }}}), FOLD_SHARE = {{ this.fold_share }};
  var FOLD_WIDTH = {{ this.fold_width }}, MAX_HEIGHT_SHARE = 0.4;  // the legend's CSS max-height: 40vh
  // A foldable box (details[data-fold]) keeps the reader's last choice over reruns; at first it is
  // folded when, open, it would cover more than FOLD_SHARE of the map or FOLD_WIDTH of its width.
  function fold(div) {
    var d = div.querySelector("details[data-fold]");
    if (!d) { return; }
    if (window.geoLegendOpen !== undefined) { d.open = window.geoLegendOpen; }
    d.querySelector("summary").addEventListener("click", function () {
      setTimeout(function () { window.geoLegendOpen = d.open; }, 0);  // the reader's own choice
    });
  }
  // The corner (of CORNERS, the first on a tie) where the box covers the fewest incident markers; how
  // many it still covers there.
  function leastCovering(box, map) {
    var pts = [], best = null;
    function walk(l) { if (l.eachLayer) { l.eachLayer(walk); } else if (l.getLatLng) { pts.push(l.getLatLng()); } }
    if (window.geoEventLayer) { walk(window.geoEventLayer); }
    if (!pts.length) { return 0; }
    var origin = map.getContainer().getBoundingClientRect();
    {{ this.corners|tojson }}.forEach(function (corner) {
      box.setPosition(corner);
      var r = box.getContainer().getBoundingClientRect(), n = 0;
      pts.forEach(function (ll) {
        var p = map.latLngToContainerPoint(ll), x = p.x + origin.left, y = p.y + origin.top;
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) { n++; }
      });
      if (best === null || n < best[1]) { best = [corner, n]; }
    });
    box.setPosition(best[0]);
    return best[1];
  }
  // Folded at first (a click opens it) when, open, it would hide markers in every corner or be too big.
  function foldIfBig(div, map, hiding) {
    var d = div.querySelector("details[data-fold]"), size = map.getSize();
    if (!d || window.geoLegendOpen !== undefined || !d.open) { return; }
    if (hiding > 0) { d.open = false; return; }
    // its height as it will be drawn: the page's own height (its max-height in vh) may still be 0
    var high = Math.min(div.scrollHeight, MAX_HEIGHT_SHARE * size.y);
    var big = div.offsetWidth * high > FOLD_SHARE * size.x * size.y;
    if (big || div.offsetWidth > FOLD_WIDTH * size.x) { d.open = false; }
  }
  box.onAdd = function () {
    var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
    div.dir = {{ this.direction|tojson }};
    div.innerHTML = {{ this.markup_json }};
    fold(div);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  var map = {{ this.map_name }}, host = {{ this._parent.get_name() }};
  box.addTo(map);
  // setPosition builds the box anew: fold after
  function place() {
    var hiding = {{ this.roam|tojson }} ? leastCovering(box, map) : 0;
    foldIfBig(box.getContainer(), map, hiding);
  }
  place();
  // again once the page's later scripts have drawn the markers (the event layer may follow this one)
  setTimeout(function () { if (window.geoLegendOpen === undefined) { place(); } }, 0);
  var handlers = {{ this.roam|tojson }} ? giveWayToPopups(box, map) : null;
  if (host !== map) {  // a view's group, replaced on the kept map: its legend and handlers go with it
    host.on("remove", function () { box.remove(); if (handlers) { map.off(handlers); } });
  }
  // An open popup the open legend would cover folds it (QA11 N22), checked again once the popup's
  // pan into view has ended; closing that popup opens it again.
  function giveWayToPopups(box, map) {
    var folded = null;
    function details() { var div = box.getContainer(); return div && div.querySelector("details[data-fold]"); }
    function check(popup) {
      var d = details(), el = popup.getElement();
      if (!d || !d.open || !el || !map.hasLayer(popup)) { return; }
      var a = box.getContainer().getBoundingClientRect(), b = el.getBoundingClientRect();
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) { d.open = false; folded = popup; }
    }
    var handlers = {
      popupopen: function (ev) { check(ev.popup); map.once("moveend", function () { check(ev.popup); }); },
      popupclose: function (ev) {
        var d = details();
        if (folded === ev.popup && d) { d.open = true; }
        if (folded === ev.popup) { folded = null; }
      },
    };
    map.on(handlers);
    return handlers;
  }
})();
{% endmacro %}
"""
    )

    def __init__(self, markup: str, position: str, css_class: str, direction: str):
        super().__init__()
        self._name = "HtmlControl"
        self.fold_share, self.fold_width = LEGEND_FOLD_SHARE, LEGEND_FOLD_WIDTH
        self.roam = css_class == "geo-legend"  # the legend goes where it hides the fewest markers
        self.corners = LEGEND_CORNERS
        self.markup_json = _script_json(markup)
        self.position, self.css_class, self.direction = position, css_class, direction


@dataclass(frozen=True)
class Drawn:
    """What a map draws, so its legend lists only that (each flag: a legend row)."""

    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    planned: bool = False  # an incident not (yet) happened: hollow, dashed
    sized: bool = False  # an incident with several reports: a bigger circle
    region: bool = False  # a governorate- or region-level badge
    contested: bool = False
    stale: bool = False
    fronts: bool = False
    context: bool = False  # rivers, borders and city names
    always_open: bool = False  # a PNG cannot be clicked open
    tiles: bool = True  # drawn over OpenStreetMap's tiles (a PNG is not: no credit for them)


# An open legend covering more of the map than this share starts folded (a click opens it): on a
# small screen, or a crowded week, it would hide the data. At 1280×800 the seeds legend is ~15%,
# the corpus week to 2018-04-15 (11 types, 6 holders) ~20%.
LEGEND_FOLD_SHARE = 0.18
# … or wider than this share of the map (a narrow window: 900 px wide leaves a 440 px map).
LEGEND_FOLD_WIDTH = 0.5
# The legend's corner: the Syrian desert and Iraq at the default view, where no events are; in the
# page it moves to the corner of LEGEND_CORNERS where it covers the fewest incident markers.
LEGEND_CORNER = "bottomright"
LEGEND_CORNERS = (LEGEND_CORNER, "bottomleft", "topright")


def drawn(incidents: Sequence[Incident], controls: Sequence[Control], areas, context: bool) -> Drawn:
    from geo.incidents import article_count, region_level

    present = {(i.event_type, i.sub_event_type) for i in incidents}
    held = {c.controller for c in controls} | set(getattr(areas, "held", ()))
    return Drawn(
        types=tuple(k for k, pair in EVENT_TYPES.items() if pair in present),
        actors=tuple(a for a in ACTORS if a in held),
        planned=any(i.status != "happened" for i in incidents),
        sized=any(article_count(i) > 1 for i in incidents),
        region=any(region_level(i.place, i.geo_precision) for i in incidents if i.place),
        contested=any(c.contested for c in controls) or _drawn_part(areas, "contested"),
        stale=bool(getattr(areas, "stale", None)),
        fronts=_drawn_part(areas, "fronts"),
        context=context,
    )


def _drawn_part(areas, name: str) -> bool:
    """Whether the areas draw that part: a geometry (geo.territory.Shading) or a flag (AreaTimeline)."""
    part = getattr(areas, name, None)
    return part if isinstance(part, bool) else bool(part is not None and not part.is_empty)


def _row(swatch: str, label: str) -> str:
    """One legend row: the swatch, then the label in its own box, so a label that wraps («القوات المدعومة من
    تركيا») goes on under itself, not under the swatch where its last word reads as a row of its own."""
    return f'<div class="row"><span class="sws">{swatch}</span><span class="lbl">{html.escape(label)}</span></div>'


def legend_html(language: str, actors: Iterable[str], types: Iterable[str], what: Drawn | None = None) -> str:
    """Legend markup of what is drawn (all rows when `what` is None), collapsible; labels escaped."""
    ui, i = UI[language], 0 if language == "ar" else 1
    what = what or Drawn(planned=True, sized=True, region=True, contested=True, stale=True, fronts=True)
    e = html.escape
    parts = [f"<h4>{e(ui['events'])}</h4>"] if types or what.planned or what.region else []
    for key in types:
        parts.append(
            _row(f'<span class="sw" style="background:{type_colour(key)}"></span>', type_label(key, language))
        )
    if what.planned:
        parts.append(_row('<span class="sw hollow"></span>', ui["planned"]))
    if what.sized:
        parts.append(_row('<span class="sw"></span><span class="sw big"></span>', ui["sized"]))
    if what.region:
        parts.append(_row('<span class="geo-region-badge mini">3</span>', ui["region_badge"]))
    actors = list(actors)
    if actors:
        parts.append(f"<h4>{e(ui['control'])}</h4>")
        for a in actors:
            label = ACTORS.get(a, a) if i == 0 else a
            colour = ACTOR_COLOURS.get(a, "#444444")
            parts.append(
                _row(
                    f'<span class="sw ring" style="border-color:{colour}"></span>'
                    f'<span class="sw sq" style="background:{colour}"></span>',
                    label,
                )
            )
        if what.contested:
            parts.append(_row('<span class="sw ring" style="border-style:dashed"></span>', ui["contested"]))
        if what.stale:
            parts.append(_row('<span class="sw sq" style="background:#999;opacity:0.3"></span>', ui["stale"]))
        if what.fronts:
            parts.append(_row('<span class="front"></span>', ui["fronts"]))
    if what.context:
        parts.append(_row('<span class="river"></span>', ui["context"]))
    body = f'<div class="geo-legend-body">{"".join(parts)}</div>'
    if what.always_open:  # a map handed out (PNG, snapshot) credits its sources in its legend
        body += f'<div class="geo-attr">{e(ui["attribution" if what.tiles else "attribution_no_tiles"])}</div>'
    fold = "" if what.always_open else " data-fold"  # a PNG cannot be clicked open
    return f"<details open{fold}><summary>{e(ui['legend'])}</summary>{body}</details>"


# ---------------------------------------------------------------------------------- outlines


def outline_path() -> Path | None:
    for folder in OUTLINE_DIRS:
        path = folder / OUTLINE_FILE
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=2)
def _read_outlines(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def load_outlines(path: str | Path | None = None) -> dict | None:
    """OCHA governorate polygons (GeoJSON dict) from data/sources/, else the shared copy; None if absent."""
    path = Path(path) if path else outline_path()
    if path is None or not path.is_file():
        return None
    return json.loads(_read_outlines(str(path)))


def _add_outlines(m: folium.Map, outlines: dict, language: str) -> None:
    group = _Group(name=UI[language]["governorates"], overlay=True, control=True, show=True)
    _GeoJson(
        outlines,
        name=UI[language]["governorates"],
        style={
            "color": "#546e7a",
            "weight": 1.2,
            "fillColor": "#eceff1",
            "fillOpacity": 0.35,
        },
        interactive=False,
    ).add_to(group)
    for f in outlines.get("features", []):
        props = f.get("properties") or {}
        lat, lon = props.get("center_lat"), props.get("center_lon")
        if lat is None or lon is None:
            continue
        name_ar, name_en = str(props.get("ADM1_AR", "")), str(props.get("ADM1_EN", ""))
        name, direction = (name_ar, "rtl") if language == "ar" else (name_en, "ltr")
        label = f'<div class="geo-gov-label" dir="{direction}">{html.escape(name)}</div>'
        _Label([lat, lon], label, (120, 32), (60, 16), "geo-gov").add_to(group)
    group.add_to(m)


# Fill opacity of a control area, and of its part whose evidence is old (geo.territory.STALE_DAYS).
AREA_OPACITY = 0.3
STALE_AREA_OPACITY = 0.1
CONTESTED_STYLE = {"color": "#111111", "weight": 2, "dashArray": "6 4", "fillOpacity": 0}
FRONT_STYLE = {"color": "#111111", "weight": 3, "dashArray": "8 5", "opacity": 0.85}


def _area_features(areas, language: str) -> list[dict]:
    """One feature per controller and freshness: fresh parts full colour, stale parts paler."""
    from shapely.geometry import mapping

    stale = getattr(areas, "stale", {}) or {}
    feats = []
    for actor, geom in areas.items():
        if geom is None or geom.is_empty:
            continue
        label = ACTORS.get(actor, actor) if language == "ar" else actor
        old = stale.get(actor)
        parts = [(geom, False)] if old is None else [(geom.difference(old), False), (old, True)]
        for part, is_old in parts:
            if part.is_empty:
                continue
            colour = ACTOR_COLOURS.get(actor, "#444444")
            style = {"color": colour, "weight": 1, "fillColor": colour,
                     "fillOpacity": STALE_AREA_OPACITY if is_old else AREA_OPACITY}  # fmt: skip
            props = {"actor": actor, "label": label, "stale": is_old, "style": style}
            feats.append({"type": "Feature", "geometry": mapping(part), "properties": props})
    return feats


def _add_areas(m: folium.Map, areas, language: str) -> None:
    """Control areas (a dict controller → geometry, or a geo.territory.Shading with stale parts,
    contested cells and front lines)."""
    from shapely.geometry import mapping

    feats = _area_features(areas, language)
    if not feats:
        return
    _GeoJson(
        {"type": "FeatureCollection", "features": feats},
        name=UI[language]["areas"],
        tooltip_field="label",
    ).add_to(m)
    contested = getattr(areas, "contested", None)
    if contested is not None and not contested.is_empty:
        _GeoJson(mapping(contested), name=UI[language]["contested"], style=CONTESTED_STYLE,
                 interactive=False).add_to(m)  # fmt: skip
    fronts = getattr(areas, "fronts", None)
    if fronts is not None and not fronts.is_empty:
        _GeoJson(mapping(fronts), name=UI[language]["fronts"], style=FRONT_STYLE, interactive=False).add_to(m)


# ---------------------------------------------------------------------------------- areas baked per day

# Vertices of baked areas on a grid of 1/1000 degree (~100 m): under a pixel up to zoom 10, and the
# cells are 50 km Voronoi approximations anyway; whole numbers, each a difference from the one before.
AREA_GRID = 1000
AREA_STALE, AREA_CONTESTED = 1, 2  # flag bits of a cell in a baked day's row


@dataclass(frozen=True)
class AreaTimeline:
    """Control areas for each day of a span (area_timeline): the snapshot's areas follow its slider.

    `payload` holds every distinct Voronoi cell once (geo.territory.control_cells) and, for each day
    the areas change, the cells drawn with their holder and flags, and that day's front lines.
    """

    payload: dict
    held: tuple[str, ...] = ()  # every holder of a cell on some baked day (the legend's rows)
    stale: bool = False
    contested: bool = False
    fronts: bool = False

    def __bool__(self) -> bool:
        return bool(self.payload["cells"])


def shading_key(controls: Sequence[Control], day: date) -> tuple:
    """What a day's areas depend on: who holds what since when, contested, and which evidence is old
    (most consecutive days share it, so they share their areas)."""
    from geo.territory import is_stale

    return tuple((c.place.place_id, c.controller, c.since, c.contested, is_stale(c, day)) for c in controls)


def _grid_line(coords) -> list[int]:
    out, px, py = [], 0, 0
    for x, y in coords:
        ix, iy = round(x * AREA_GRID), round(y * AREA_GRID)
        out += (ix - px, iy - py)
        px, py = ix, iy
    return out


def _encode_polygons(geom) -> list:
    """[[outer ring, holes…] per polygon], each ring _grid_line's integers."""
    import shapely

    parts = shapely.get_parts(shapely.set_precision(geom, 1 / AREA_GRID))
    return [[_grid_line(p.exterior.coords)] + [_grid_line(r.coords) for r in p.interiors]
            for p in parts if p.geom_type == "Polygon"]  # fmt: skip


def _encode_lines(geom) -> list:
    import shapely

    parts = shapely.get_parts(shapely.set_precision(geom, 1 / AREA_GRID))
    return [_grid_line(g.coords) for g in parts if g.geom_type == "LineString"]


def _timeline_of(all_events):
    """The control timeline of all events (a geo.views.StoreView has it derived already)."""
    from geo import territory

    return getattr(all_events, "timeline", None) or territory.build_timeline(all_events)


class _AreaBaker:
    """area_timeline's tables as they fill: cells and front lines sent once, one row per changed day."""

    def __init__(self) -> None:
        self.cells, self.lines, self.actors = _Table(), _Table(), _Table()
        self.days: list[int] = []
        self.rows: list[list[int]] = []
        self.fronts: list[int] = []
        self.flags = 0
        self.by_points: dict[frozenset, dict] = {}  # the cells of a set of points: point → cell
        self.cell_index: dict[bytes, int] = {}  # a cell's WKB → its index in self.cells
        self.front_of: dict[tuple, int] = {}  # (cell, holder) pairs → their front lines' index
        self.key: tuple | None = None  # shading_key of the day baked last
        self.unions: dict[tuple, object] = {}  # one holder's cell indexes → the union of those cells

    def _cells(self, controls: Sequence[Control]) -> list:
        """territory.control_cells, computed once per set of points: a cell depends on the points
        only, and half the days the areas change only a holder or a freshness changes (corpus: 56
        point sets for 122 days)."""
        from geo import territory

        at = [(round(c.place.lon, 6), round(c.place.lat, 6), c.place.geo_precision) for c in controls]
        if len(set(at)) < len(at):  # two holders at one point: territory picks one
            return territory.control_cells(controls)
        key = frozenset(at)
        cells = self.by_points.get(key)
        if cells is None:
            cells = self.by_points[key] = {
                (round(c.place.lon, 6), round(c.place.lat, 6), c.place.geo_precision): cell
                for c, cell in territory.control_cells(controls)
            }
        return [(c, cells[p]) for c, p in zip(controls, at, strict=True) if p in cells]

    def _union(self, cells: list) -> object:
        """The union of one holder's (index, cell) list, computed once per list: from one baked day to the next
        mostly one holder's cells change, and the others' unions are the same geometries in the same order."""
        import shapely

        key = tuple(i for i, _cell in cells)
        union = self.unions.get(key)
        if union is None:
            union = self.unions[key] = shapely.union_all([cell for _i, cell in cells])
        return union

    def _cell(self, cell) -> int:
        i = self.cell_index.get(cell.wkb)
        if i is None:
            encoded = _encode_polygons(cell)
            i = self.cell_index[cell.wkb] = self.cells.add(json.dumps(encoded), encoded)
        return i

    def see(self, day: date, controls: Sequence[Control]) -> None:
        """Bake the day when what its areas depend on (shading_key) differs from the day before; a day
        whose cells fail (a geometry error) keeps the areas of the day before."""
        key = shading_key(controls, day)
        if key == self.key:
            return
        self.key = key
        try:
            self.add_day(day, controls)
        except Exception as exc:  # noqa: BLE001 (a geometry failure must not take the snapshot down)
            import warnings

            warnings.warn(f"control areas of {day} not baked: {exc}", stacklevel=3)

    def add_day(self, day: date, controls: Sequence[Control]) -> None:
        from geo import territory

        row, per = [], {}
        for c, cell in self._cells(controls):
            flags = AREA_STALE * territory.is_stale(c, day) + AREA_CONTESTED * bool(c.contested)
            row += [self._cell(cell), self.actors.add(c.controller), flags]
            per.setdefault(c.controller, []).append((row[-3], cell))
            self.flags |= flags
        held = tuple(sorted(zip(row[0::3], row[1::3], strict=True)))  # fronts depend on who holds which cell
        front = self.front_of.get(held)
        if front is None:
            lines = territory.front_lines({a: self._union(p) for a, p in sorted(per.items())})
            front = -1
            if lines is not None and not lines.is_empty:
                encoded = _encode_lines(lines)
                front = self.lines.add(json.dumps(encoded), encoded)
            self.front_of[held] = front
        if self.rows and self.rows[-1] == row and self.fronts[-1] == front:
            return
        self.days.append(_days(day))
        self.rows.append(row)
        self.fronts.append(front)

    def timeline(self) -> AreaTimeline:
        payload = {
            "grid": AREA_GRID, "cells": self.cells.rows, "lines": self.lines.rows, "actors": self.actors.rows,
            "day": _deltas(self.days), "row": self.rows, "front": self.fronts,
            "opacity": [AREA_OPACITY, STALE_AREA_OPACITY],
        }  # fmt: skip
        return AreaTimeline(
            payload,
            held=tuple(self.actors.rows),
            stale=bool(self.flags & AREA_STALE),
            contested=bool(self.flags & AREA_CONTESTED),
            fronts=bool(self.lines.rows),
        )


def area_timeline(all_events: Sequence[Event], first: date, last: date) -> AreaTimeline:
    """The control areas of each day from `first` to `last`, computed only on the days what they
    depend on changes (shading_key): the snapshot's areas follow its slider."""
    baker = _AreaBaker()
    for day, controls in _each_day(all_events, first, last):
        baker.see(day, controls)
    return baker.timeline()


class AreaFollower(_RawMacro):
    """In a snapshot: redraws the control areas for the slider's day from an AreaTimeline (called by
    ControlFollower). The cells of one holder and freshness are one path: no seams between them."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var baked = {{ this.data_json }}, meta = {{ this.meta_json }};
  var fills = {{ this.fills }}, edges = {{ this.edges }}, fronts = {{ this.fronts }};
  var q = baked.grid, starts = [], d = 0, shown = -2, made = {};
  baked.day.forEach(function (x) { d += x; starts.push(d); });
  function ring(flat) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < flat.length; i += 2) { x += flat[i]; y += flat[i + 1]; out.push([x / q, y / q]); }
    return out;
  }
  function polys(i) { return made[i] || (made[i] = baked.cells[i].map(function (p) { return p.map(ring); })); }
  function at(day) {  // the last baked day on or before `day`; -1 before the first
    var lo = 0, hi = starts.length - 1, s = -1;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (starts[mid] <= day) { s = mid; lo = mid + 1; } else { hi = mid - 1; } }
    return s;
  }
  function paint(row, front) {
    var groups = {}, order = [], contested = [];
    for (var i = 0; i < row.length; i += 3) {
      var key = row[i + 1] + ":" + (row[i + 2] & 1);
      if (!groups[key]) { groups[key] = {actor: baked.actors[row[i + 1]], stale: row[i + 2] & 1, polys: []}; order.push(key); }
      Array.prototype.push.apply(groups[key].polys, polys(row[i]));
      if (row[i + 2] & 2) { Array.prototype.push.apply(contested, polys(row[i])); }
    }
    fills.addData({type: "FeatureCollection", features: order.map(function (k) {
      var g = groups[k], colour = meta.actor_colours[g.actor] || "#444444";
      return {type: "Feature", geometry: {type: "MultiPolygon", coordinates: g.polys},
        properties: {label: meta.actors[g.actor] || g.actor, actor: g.actor, stale: !!g.stale,
          style: {stroke: false, fillColor: colour, fillOpacity: baked.opacity[g.stale]}}};
    })});
    if (edges && contested.length) { edges.addData({type: "MultiPolygon", coordinates: contested}); }
    if (fronts && front >= 0) { fronts.addData({type: "MultiLineString", coordinates: baked.lines[front].map(ring)}); }
  }
  function draw(day) {
    var s = at(day);
    if (s !== shown) {
      shown = s;
      [fills, edges, fronts].forEach(function (l) { if (l) { l.clearLayers(); } });
      if (s >= 0) { paint(baked.row[s], baked.front[s]); }
    }
    [fronts, edges, fills].forEach(function (l) { if (l) { l.bringToBack(); } });  // under points and markers
  }
  window.geoAreaFollower = {draw: draw, state: function () { return shown; }, starts: starts, fills: fills};
})();
{% endmacro %}
"""
    )

    def __init__(self, timeline: AreaTimeline, language: str, layers: dict) -> None:
        super().__init__()
        self._name = "AreaFollower"
        self.data_json = _script_json(timeline.payload)
        self.meta_json = _script_json(_labels(language))
        self.fills, self.edges, self.fronts = (
            layers[k].get_name() if k in layers else "null" for k in ("areas", "contested", "fronts")
        )


def _add_area_timeline(m, timeline: AreaTimeline, language: str) -> None:
    """Empty area layers (in the layer box as the live map's are) that AreaFollower fills per day."""
    empty = {"type": "FeatureCollection", "features": []}
    ui = UI[language]
    layers = {"areas": _GeoJson(empty, name=ui["areas"], tooltip_field="label").add_to(m)}
    if timeline.contested:
        layers["contested"] = _GeoJson(empty, name=ui["contested"], style=CONTESTED_STYLE,
                                       interactive=False).add_to(m)  # fmt: skip
    if timeline.fronts:
        layers["fronts"] = _GeoJson(empty, name=ui["fronts"], style=FRONT_STYLE, interactive=False).add_to(m)
    AreaFollower(timeline, language, layers).add_to(m)


# ---------------------------------------------------------------------------------- the map


class MetricScale(MacroElement):
    """Leaflet's scale bar in kilometres only: the press of the region and ACLED measure in km, and a
    second bar in miles is one more unlabelled English line in the Arabic interface (QA #10)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
L.control.scale({metric: true, imperial: false}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )


def _new_map(view: View, tiles: bool, export: bool) -> folium.Map:
    m = folium.Map(
        location=list(view.centre),
        zoom_start=view.zoom,
        tiles=None,
        max_zoom=MAX_ZOOM,
        min_zoom=4,
        prefer_canvas=True,
        zoom_control=not export,
    )
    MetricScale().add_to(m)
    if tiles:
        # The sources' credit in Leaflet's own line (bottom right), not in the foldable legend.
        credit = f"{OSM_ATTRIBUTION} · {html.escape(UI[view.language]['attribution_no_tiles'])}"
        folium.TileLayer(OSM_TILES, attr=credit, name="OpenStreetMap", max_zoom=MAX_ZOOM, opacity=0.55).add_to(m)
    return m


def _add_view(
    to: tuple,
    events: Sequence[Event],
    controls: Sequence[Control],
    areas,
    outlines: dict | None,
    view: View,
    link_base: str,
    timeline: bool,
    incidents: Sequence[Incident] | None,
    context: bool,
    focus: tuple[float, float] | None,
    export: bool,
) -> None:
    """What one view draws: control areas, who holds what, the incidents with the legend (and the
    popup of a picked point), onto `to` = (parent of the areas, of the control, of the incidents)."""
    areas_to, control_to, events_to = to
    if isinstance(areas, AreaTimeline):
        if areas:
            _add_area_timeline(areas_to, areas, view.language)
    elif areas:
        _add_areas(areas_to, areas, view.language)
    if controls:
        ControlLayer(controls, view).add_to(control_to)
    if incidents is None:
        from geo.incidents import group_incidents

        incidents = group_incidents(events)
    EventLayer(incidents, view, link_base, timeline, gov_centres=gov_centres(outlines)).add_to(events_to)
    what = replace(drawn(incidents, controls, areas, context), always_open=export, tiles=not export)
    direction = "rtl" if view.language == "ar" else "ltr"
    HtmlControl(
        legend_html(view.language, what.actors, what.types, what), LEGEND_CORNER, "geo-legend", direction
    ).add_to(events_to)
    if focus is not None:
        FocusPopup(focus).add_to(events_to)


def build_map(
    events: Sequence[Event],
    controls: Sequence[Control],
    areas: dict | None,
    outlines: dict | None,
    view: View,
    link_base: str = "",
    tiles: bool = True,
    timeline: bool = False,
    incidents: Sequence[Incident] | None = None,
    context: dict | None = None,
    cities: Sequence[tuple[str, str, float, float]] = (),
    focus: tuple[float, float] | None = None,
    export: bool = False,
) -> folium.Map:
    """The map of one view: the incidents of `events` (or `incidents`, when given), drawn as given.

    Pass `select(events, view)` for the window, or `select_incidents(group_incidents(all), view)`.

    `link_base` prefixes the popups' `?article=<id>` links (the app's URL when the map sits in an iframe).
    `context` (load_context) and `cities` ((name_ar, name_en, lat, lon)) draw rivers, borders and city
    names, so the map reads without tiles. `focus` opens the popup of the incident drawn at that point.
    `export` leaves out the zoom and layer controls (a PNG is not clickable).
    """
    m = _new_map(view, tiles, export)
    if outlines:
        _add_outlines(m, outlines, view.language)
    if context or cities:
        _add_context(m, context, cities, view.language)
    _add_view((m, m, m), events, controls, areas, outlines, view, link_base, timeline, incidents,
              bool(context or cities), focus, export)  # fmt: skip
    if not export:
        folium.LayerControl(collapsed=True, position="topleft").add_to(m)
    return inline_assets(m)


class _PageAssets(JSCSSMixin, _RawMacro):
    """The page's style and the marker-cluster script, on a map whose layers come later (base_map)."""

    _template = Template(
        "{% macro header(this, kwargs) %}"
        + _STYLE
        + "{% endmacro %}{% macro script(this, kwargs) %}{% endmacro %}"
    )
    default_js = [("markercluster", MARKERCLUSTER_JS)]
    default_css = [(f"markercluster_css{i}", url) for i, url in enumerate(MARKERCLUSTER_CSS)]

    def __init__(self) -> None:
        super().__init__()
        self._name = "PageAssets"


def base_map(
    language: str,
    outlines: dict | None,
    context: dict | None = None,
    cities: Sequence[tuple[str, str, float, float]] = (),
) -> folium.Map:
    """The dashboard map's part no view changes: tiles, outlines, rivers, borders and city names, the
    page's style and the marker-cluster script (a later view may cluster).

    Built at one camera, so its script, and with it st_folium's component, stay the same from rerun
    to rerun: st_folium's center and zoom arguments move the map, and view_layers go in as its
    feature_group_to_add (a new script would remount the map, and the remounted map would send
    its camera back: two more reruns after every slider move).
    """
    m = _new_map(View(day=EPOCH, language=language), tiles=True, export=False)
    if outlines:
        _add_outlines(m, outlines, language)
    if context or cities:
        _add_context(m, context, cities, language)
    _PageAssets().add_to(m)
    return inline_assets(m)


def view_layers(
    events: Sequence[Event],
    controls: Sequence[Control],
    areas,
    outlines: dict | None,
    view: View,
    link_base: str = "",
    incidents: Sequence[Incident] | None = None,
    context: bool = True,
    focus: tuple[float, float] | None = None,
) -> list[folium.FeatureGroup]:
    """The layers of one view over base_map, as groups for st_folium's feature_group_to_add: control
    areas, who holds what, and the incidents with the legend (controls leave with their group).
    `context`: base_map draws rivers and city names (the legend lists them)."""
    ui = UI[view.language]
    groups = tuple(
        _Group(name=ui[k], overlay=True, control=True, show=True) for k in ("areas", "control", "events")
    )
    _add_view(
        groups, events, controls, areas, outlines, view, link_base, False, incidents, context, focus, False
    )
    return [_inline_within(g) for g in groups if g._children]


class FocusPopup(_RawMacro):
    """Opens the popup of the incident circle at a point (a table row the user picked)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
setTimeout(function () {
  var layer = window.geoEventLayer, want = L.latLng({{ this.lat }}, {{ this.lon }}), best = null, gap = 1e9;
  if (!layer) { return; }
  layer.eachLayer(function (l) {
    if (!l.getLatLng) { return; }
    var d = l.getLatLng().distanceTo(want);
    if (d < gap) { gap = d; best = l; }
  });
  if (best && gap < 50) { best.openPopup(); }
}, 400);
{% endmacro %}
"""
    )

    def __init__(self, point: tuple[float, float]):
        super().__init__()
        self._name = "FocusPopup"
        self.lat, self.lon = round(float(point[0]), 5), round(float(point[1]), 5)


CONTEXT_FILE = "ne_syria_context.geojson"
# Cities named on the map: population at least this (Aleppo … Douma: 13 in Syria, in the gazetteer).
MAIN_CITY_POP = 100_000
RIVER_COLOUR, LAKE_COLOUR, BORDER_COLOUR = "#4a8fd0", "#a9cdee", "#455a64"


def load_context(path: str | Path | None = None) -> dict | None:
    """Natural Earth rivers, lakes and countries around Syria (data/sources/), or None if absent."""
    path = Path(path) if path else ROOT / "data" / "sources" / CONTEXT_FILE
    if not path.is_file():
        return None
    return json.loads(_read_outlines(str(path)))


def main_cities(
    places: Iterable[Place], min_population: int = MAIN_CITY_POP
) -> list[tuple[str, str, float, float]]:
    """(name_ar, name_en, lat, lon) of Syria's cities of at least `min_population`, biggest first."""
    big = [p for p in places if p.country == "SY" and p.kind == "city" and p.population >= min_population]
    big.sort(key=lambda p: -p.population)
    return [(p.name_ar, p.name_en, p.lat, p.lon) for p in big]


def _add_context(m: folium.Map, context: dict | None, cities, language: str) -> None:
    group = _Group(name=UI[language]["context"], overlay=True, control=True, show=True)
    feats = (context or {}).get("features", [])

    def layer(name: str) -> dict:
        return {
            "type": "FeatureCollection",
            "features": [f for f in feats if f["properties"].get("layer") == name],
        }

    _GeoJson(
        layer("ne_50m_admin_0_countries"),
        style={"color": BORDER_COLOUR, "weight": 1.6, "fillOpacity": 0, "opacity": 0.8},
        interactive=False,
    ).add_to(group)
    _GeoJson(
        layer("ne_10m_lakes"),
        style={
            "color": RIVER_COLOUR,
            "weight": 1,
            "fillColor": LAKE_COLOUR,
            "fillOpacity": 0.9,
        },
        interactive=False,
    ).add_to(group)
    _GeoJson(
        layer("ne_10m_rivers_lake_centerlines"),
        style={"color": RIVER_COLOUR, "weight": 2.2, "opacity": 0.9},
        interactive=False,
    ).add_to(group)
    direction = "rtl" if language == "ar" else "ltr"
    for name_ar, name_en, lat, lon in cities:
        label = name_ar if language == "ar" else name_en
        markup = f'<div class="geo-city-label" dir="{direction}">{html.escape(label)}</div>'
        _Label([lat, lon], markup, CITY_LABEL_SIZE, city_label_anchor(language), "geo-city").add_to(group)
    group.add_to(m)


CITY_LABEL_SIZE = (140, 16)  # px: room for the longest city name at 12 px; the text starts with the dot
CITY_DOT_OFFSET = 6  # px from the label's starting edge to the middle of its dot: a 3 px margin, half the 6 px dot


def city_label_anchor(language: str) -> tuple[int, int]:
    """Where a city label is pinned: on its dot, which starts the text — at the left edge in English
    and at the right edge in Arabic, where right-to-left text starts (else the dot lands ~140 px east)."""
    width, height = CITY_LABEL_SIZE
    x = width - CITY_DOT_OFFSET if language == "ar" else CITY_DOT_OFFSET
    return x, height // 2


def gov_centres(outlines: dict | None) -> dict[str, tuple[float, float, str, str]]:
    """Governorate P-code → (lat, lon, Arabic name, English name) from the OCHA outlines."""
    out = {}
    for f in (outlines or {}).get("features", []):
        pr = f.get("properties") or {}
        if pr.get("ADM1_PCODE") and pr.get("center_lat") is not None and pr.get("center_lon") is not None:
            lat, lon = float(pr["center_lat"]), float(pr["center_lon"])
            out[pr["ADM1_PCODE"]] = (lat, lon, str(pr.get("ADM1_AR", "")), str(pr.get("ADM1_EN", "")))
    return out


def map_html(m: folium.Map) -> str:
    """The whole page of a map as one string."""
    return m.get_root().render()


def describe_filters(
    view: View, gov_names: dict[str, tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """(label, value) pairs of the active filters, in the view's language, for headers and captions.

    `gov_names` maps a governorate P-code to its (Arabic, English) names (gov_centres gives them).
    """
    lang, i = view.language, 0 if view.language == "ar" else 1
    ui, gov_names = UI[lang], gov_names or {}
    out = []
    if view.event_types:
        out.append((ui["type"], labels.join((type_label(t, lang) for t in view.event_types), lang)))
    if view.actors:
        out.append(
            (ui["actors"], labels.join((ACTORS.get(a, a) if i == 0 else a for a in view.actors), lang))
        )
    if view.admin1:
        out.append((ui["admin1"], labels.join((gov_names.get(c, (c, c))[i] for c in view.admin1), lang)))
    if view.statuses:
        out.append(
            (ui["status"], labels.join((STATUS_LABELS.get(s, (s, s))[i] for s in view.statuses), lang))
        )
    if view.hide_talks_abroad:
        out.append((ui["abroad"], ui["talks_abroad_hidden"]))
    if view.include_vague:
        out.append((ui["vague"], ui["vague_drawn"]))
    if view.query.strip():
        out.append((ui["place_search"], view.query.strip()))
    return out


def window_text(view: View) -> str:
    """The window in words: "week (2018-04-01 – 2018-04-07)" in the view's language."""
    lang = view.language
    if view.window in WINDOWS:
        name = labels.t(f"win_{view.window}", lang)
    else:
        name = labels.days(view.window_days, lang)
    span = f"({labels.isolated(f'{view.first_day.isoformat()} – {view.day.isoformat()}')})"
    return f'{html.escape(name)} <bdi class="geo-window" dir="ltr">{span}</bdi>'


def header_html(
    view: View,
    n_incidents: int,
    n_reports: int,
    gov_names: dict | None = None,
    slider: bool = False,
    not_drawn: int = 0,
    region: int = 0,
    span: tuple[date, date] | None = None,
) -> str:
    """Title, day and window, filters and counts of a map handed out (snapshot, PNG); text escaped;
    `span`: the snapshot slider's days, told beside its counts (they are the slider's, not the window's:
    dashboard QA 15 #6 read 1,485 incidents where the page said 78);
    `not_drawn`: the incidents left off as too vaguely dated for the window (views.drawn_on_map);
    `region`: of `n_incidents`, the governorate- or region-level ones, counted apart as the page's
    caption counts them (QA11 N20: the PNG said 117 on the map where the page said 92 and 25)."""
    ui, e = UI[view.language], html.escape
    day = labels.isolated(view.day.isoformat())  # as the page writes it: an ISO date inside an Arabic line
    filters = describe_filters(view, gov_names)
    filter_text = ui["clause_sep"].join(f"{k}: {v}" for k, v in filters) if filters else ui["none"]
    counted = (ui["incidents_on_slider"] if slider else ui["shown"]).format(
        n=labels.counted(n_incidents - region, "n_incidents", view.language)
    )
    days = labels.isolated(f"{span[0].isoformat()} – {span[1].isoformat()}") if slider and span else ""
    apart = " · " + labels.t("region_level_n", view.language).format(
        n=labels.counted(region, "n_incidents", view.language)
    ) if region else ""
    return (
        f"<b>{e(ui['title'])}</b><br>"
        f'{e(ui["date"])}: <bdi class="geo-day" dir="ltr">{day}</bdi><br>'
        f"{e(ui['window'])}: {window_text(view)}<br>"
        + (f'{e(ui["slider_days"])}: <bdi dir="ltr">{days}</bdi><br>' if days else "")
        + f'{e(ui["filters"])}: <span class="geo-filters">{e(filter_text)}</span><br>'
        f'{e(ui["control_as_of"])} <bdi class="geo-day" dir="ltr">{day}</bdi> · '
        f"{e(counted)} ({e(labels.counted(n_reports, 'n_reports', view.language))}){e(apart)}"
        + (f"<br>{e(vague_line(not_drawn, view.language))}" if not_drawn else "")
    )


def vague_line(n: int, language: str) -> str:
    """The line «N incidents dated only to a month or a year are not drawn», in the view's language."""
    return UI[language]["vague_not_drawn"].format(n=labels.counted(n, "n_incidents", language))


def _page(m: folium.Map, view: View, extra_class: str = "") -> str:
    root = m.get_root()
    root.header.add_child(Element('<meta name="viewport" content="width=device-width, initial-scale=1">'))
    root.title = f"{UI[view.language]['title']} — {view.day.isoformat()}"
    page = root.render()
    lang = f'<html lang="{view.language}"' + (f' class="{extra_class}">' if extra_class else ">")
    return page.replace("<html>", lang, 1)


def _names_of_govs(outlines: dict | None) -> dict[str, tuple[str, str]]:
    return {code: (ar, en) for code, (_lat, _lon, ar, en) in gov_centres(outlines).items()}


@dataclass(frozen=True)
class SnapshotPage:
    """A snapshot and what its header counts, so the CLI's line says the same (QA 32: one unit)."""

    html: str
    incidents: int  # drawn on the slider as points
    reports: int  # the articles behind all of them (an incident's articles counted once)
    in_window: int  # of all those incidents, the ones dated within the view's window
    region: int = 0  # the governorate- or region-level ones besides the points


def snapshot_html(*args, **kwargs) -> str:
    """snapshot_page's HTML (see there)."""
    return snapshot_page(*args, **kwargs).html


def snapshot_page(
    events: Sequence[Event],
    controls: Sequence[Control],
    areas: dict | None,
    outlines: dict | None,
    view: View,
    link_base: str = "",
    context: dict | None = None,
    cities: Sequence[tuple[str, str, float, float]] = (),
    control_days: dict | None = None,
    area_days: AreaTimeline | None = None,
    span: tuple[date, date] | None = None,
) -> SnapshotPage:
    """One self-contained HTML file: inlined assets, a day slider over `events`, the view printed on top.

    `events` should pass the view's filters but not its window (`select(events, view, by_date=False)`):
    the slider moves through time, showing each event for the window's length. `control_days`
    (control_timeline) and `area_days` (area_timeline) bake in who holds each place and the areas
    that implies on each day of the span: the control points and the shaded areas follow the slider
    (without them, `controls` and `areas` are drawn as of the view's day). With `span` (baked_span),
    the slider keeps to those days: events dated outside it (background dates) stay off it.
    """
    from geo.incidents import article_count, group_incidents

    if span is not None:
        events = [e for e in events if e.event_date and span[0] <= e.event_date <= span[1]]
    from geo.views import drawn_on_map

    every = group_incidents(events)
    incidents, vague = drawn_on_map(every, view)
    m = build_map(
        events, controls, area_days if area_days else areas, outlines, view, link_base, timeline=True,
        incidents=incidents, context=context, cities=cities,
    )  # fmt: skip
    for layer in (c for c in m._children.values() if isinstance(c, EventLayer)) if span else ():
        # the slider ends with the span (the last report) and its window, not with the latest date_last
        # («هذا العام» runs to 31 December): control is baked for those days only (QA 32)
        layer.end_ms = _ms(max(span[1], view.day) + timedelta(days=view.window_days))
        layer.steps = max(1, (layer.end_ms - layer.start_ms) // 86_400_000)
    n_reports, region = sum(article_count(i) for i in incidents), _region_count(incidents)
    markup = header_html(view, len(incidents), n_reports, _names_of_govs(outlines), True, vague, region, span)
    direction = "rtl" if view.language == "ar" else "ltr"
    HtmlControl(markup, "topright", "geo-header", direction).add_to(m)
    ControlFollower(control_days or {"rows": []}, view).add_to(m)
    in_window = sum(1 for i in incidents if _in_window(i, view))
    return SnapshotPage(_page(m, view), len(incidents) - region, n_reports, in_window, region)


def _region_count(incidents: Sequence[Incident]) -> int:
    """The governorate- or region-level incidents (drawn as a badge per governorate, not a point)."""
    from geo.incidents import region_level

    return sum(region_level(i.place, i.geo_precision) for i in incidents if i.place)


def _in_window(incident: Incident, view: View) -> bool:
    """Whether an incident's dates meet the view's window (its first day to its day)."""
    first = incident.event_date
    return first is not None and first <= view.day and (incident.date_last or first) >= view.first_day


def png_html(
    incidents: Sequence[Incident],
    controls: Sequence[Control],
    areas,
    outlines: dict | None,
    view: View,
    context: dict | None = None,
    cities: Sequence[tuple[str, str, float, float]] = (),
) -> str:
    """The page a PNG of the view is taken of: no tiles, no zoom or layer controls; the header (title,
    day, window, filters), the legend and the sources' attribution drawn on the map. Incidents dated
    more loosely than the window are left off, as on the live map (views.drawn_on_map)."""
    from geo.incidents import article_count
    from geo.views import drawn_on_map

    incidents, vague = drawn_on_map(incidents, view)
    m = build_map([], controls, areas, outlines, view, tiles=False, incidents=incidents, context=context,
                  cities=cities, export=True)  # fmt: skip
    n_reports, region = sum(article_count(i) for i in incidents), _region_count(incidents)
    markup = header_html(view, len(incidents), n_reports, _names_of_govs(outlines), not_drawn=vague, region=region)
    HtmlControl(markup, "topright", "geo-header", "rtl" if view.language == "ar" else "ltr").add_to(m)
    return _page(m, view, "geo-export")


class _ControlRows:
    """control_timeline's rows as the days go by: a row per stretch of days one holder keeps a place."""

    def __init__(self) -> None:
        self.open: dict[str, list] = {}
        self.rows: list[list] = []

    def add_day(self, day: date, controls: Sequence[Control], step_days: int = 1) -> None:
        today = {
            c.place.place_id: c for c in controls if math.isfinite(c.place.lat) and math.isfinite(c.place.lon)
        }
        n = _days(day)
        for pid, c in today.items():
            row = self.open.get(pid)
            if row is not None and row[4] == c.controller and row[5] == c.since.isoformat() and row[8] == INFERRED.get(c.kind, ""):
                row[7] = n + step_days - 1
                continue
            row = [round(c.place.lat, 5), round(c.place.lon, 5), c.place.name_ar, labels.place_name_en(c.place),
                   c.controller, c.since.isoformat(), n, n + step_days - 1, INFERRED.get(c.kind, ""),
                   *control_ring(c.place)]  # fmt: skip
            self.open[pid] = row
            self.rows.append(row)
        for pid in [p for p in self.open if p not in today]:
            del self.open[pid]


def _each_day(all_events, first: date, last: date, step_days: int = 1):
    """(day, control as of it) from `first` to `last`: one timeline for all the days
    (control_as_of is build_timeline(events).as_of(day))."""
    timeline, day = _timeline_of(all_events), first
    while day <= last:
        yield day, timeline.as_of(day)
        day += timedelta(days=step_days)


def control_timeline(all_events: Sequence[Event], first: date, last: date, step_days: int = 1) -> dict:
    """Who holds each place on each day from `first` to `last` (geo.territory.control_as_of per day),
    as rows [lat, lon, name_ar, name_en, controller, since, from_day, to_day, inferred, radius, stroke] (days
    since 1970; inferred: a key of INFERRED's labels, or ""; radius and stroke: control_ring):
    a row per stretch of days one holder keeps a place, so the file grows with changes, not days."""
    rows = _ControlRows()
    for day, controls in _each_day(all_events, first, last, step_days):
        rows.add_day(day, controls, step_days)
    return {"rows": rows.rows}


def bake_control(all_events: Sequence[Event], first: date, last: date) -> tuple[dict, AreaTimeline]:
    """control_timeline and area_timeline of the same days, reading the control of each day once."""
    rows, areas = _ControlRows(), _AreaBaker()
    for day, controls in _each_day(all_events, first, last):
        rows.add_day(day, controls)
        areas.see(day, controls)
    return {"rows": rows.rows}, areas.timeline()


class ControlFollower(_RawMacro):
    """In a snapshot: on each slider day, the header's day and window, the control points from rows
    baked per day, and the areas (AreaFollower); the slider steps by whole days."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var baked = {{ this.rows_json }}, meta = {{ this.meta_json }}, map = {{ this._parent.get_name() }};
  var DAY = 86400000, group = L.featureGroup().addTo(map), shown = null;
  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  if (window.geoControlLayer && baked.rows.length) { map.removeLayer(window.geoControlLayer); }
  function draw(t) {
    var day = Math.floor(t / DAY);
    if (day === shown) { return; }
    shown = day;
    var text = "\u2066" + iso(day) + "\u2069";  // isolated as header_html writes it
    var span = "(\u2066" + iso(day - meta.window_days + 1) + " – " + iso(day) + "\u2069)";
    document.querySelectorAll(".geo-header .geo-day").forEach(function (el) { el.textContent = text; });
    document.querySelectorAll(".geo-header .geo-window").forEach(function (el) { el.textContent = span; });
    if (!baked.rows.length) { follow(day); return; }
    group.clearLayers();
    baked.rows.forEach(function (r) {
      if (day < r[6] || day > r[7]) { return; }
      var c = meta.actor_colours[r[4]] || "#444444", tip = document.createElement("div");
      tip.className = "geo-popup"; tip.dir = meta.lang === "ar" ? "rtl" : "ltr";
      tip.textContent = r[2] + " · " + r[3] + " — " + (meta.actors[r[4]] || r[4]) + " · " + meta.ui.since + " " + r[5]
        + (r[8] ? " · " + meta.ui[r[8]] : "");
      L.circleMarker([r[0], r[1]], {radius: r[9], color: c, weight: r[10], fillColor: "#ffffff", fillOpacity: 0.7})
        .bindTooltip(tip, {direction: "top"}).addTo(group);
    });
    group.bringToBack();
    follow(day);
  }
  function follow(day) { if (window.geoAreaFollower) { window.geoAreaFollower.draw(day); } }  // areas under the points
  window.geoControlFollower = {draw: draw, group: group};
  var slider = window.geoTimelineSlider, layer = window.geoEventLayer;
  if (slider && slider._timeSlider) {
    // The slider moves by whole days: arrow keys on it (native step) and off it (prev/next).
    var input = slider._timeSlider, today = Math.floor(slider.time / DAY) * DAY;
    input.step = String(DAY);
    slider.setTime(today);
    slider.next = function () { this.pause(); this.setTime(Math.min(this.end, Math.floor(this.time / DAY + 1) * DAY)); };
    slider.prev = function () { this.pause(); this.setTime(Math.max(this.start, Math.ceil(this.time / DAY - 1) * DAY)); };
  }
  if (layer && layer.on) { layer.on("change", function () { draw(layer.time); }); draw(layer.time); }
})();
{% endmacro %}
"""
    )

    def __init__(self, control_days: dict, view: View):
        super().__init__()
        self._name = "ControlFollower"
        self.rows_json = _script_json(control_days)
        self.meta_json = _script_json({**_labels(view.language), "window_days": view.window_days})


# The slider keeps to a year before the first report and two months after the last (geo/views.py's
# rule): background dates («في عام 1915», talks due next year) stay in the table, off the time line.
SPAN_BEFORE = timedelta(days=views.SPAN_BEFORE_DAYS)
SPAN_AFTER = timedelta(days=views.SPAN_AFTER_DAYS)


def event_span(events, view: View | None = None) -> tuple[date | None, date | None]:
    """Days a slider covers: the reporting period, widened to the events dated around it; with a view,
    over the events passing its filters (not its window). A geo.views.StoreView answers from its
    columns (the same rule), building no records."""
    if hasattr(events, "span"):
        return events.span(view)
    if view is not None:
        events = select(events, view, by_date=False)
    published = [e.published for e in events if e.published and e.place]
    days = [e.event_date for e in events if e.event_date and e.place]
    if published:
        lo, hi = min(published) - SPAN_BEFORE, max(published) + SPAN_AFTER
        days = [d for d in days if lo <= d <= hi] + published
    return (min(days), max(days)) if days else (None, None)


def baked_span(events, view: View) -> tuple[date, date]:
    """The days a snapshot bakes control for: its events' span (event_span), with the view's window."""
    first, last = event_span(events, view)
    return min(first or view.day, view.first_day), max(last or view.day, view.day)


@dataclass(frozen=True)
class Bundle:
    """What the map of a day needs, computed once from all events (used by the CLI and the app)."""

    shown: list[Event]
    controls: list[Control]
    areas: object = field(default_factory=dict)  # a geo.territory.Shading (or a dict controller → geometry)


def bundle(all_events: Sequence[Event], view: View, by_date: bool = True) -> Bundle:
    """Events of the view plus control as of its day and the areas it implies (from geo.territory)."""
    from geo import territory

    if hasattr(all_events, "controls"):  # a geo.views.StoreView: its timeline, derived once
        controls = all_events.controls(view.day)
    else:
        controls = territory.control_as_of(all_events, view.day)
    return Bundle(
        select(all_events, view, by_date=by_date), controls, control_shading_safe(controls, view.day)
    )


def control_shading_safe(controls: Sequence[Control], day: date):
    """The areas `controls` imply on `day` (geo.territory), or {} when there are none or they fail."""
    from geo import territory

    try:
        return territory.control_shading(controls, day) if controls else {}
    except Exception as exc:  # a geometry failure must not take the map down; the points still show
        import warnings

        warnings.warn(f"control areas not drawn: {exc}", stacklevel=2)
        return {}
