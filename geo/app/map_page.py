"""The map page: filters in the sidebar; timeline, map, share link, downloads and table in one fragment.

The fragment reruns alone when the map is panned or zoomed, a table row is picked or the timeline
moves, and on a timer while playing; a filter change reruns the page. The view goes to the query
string in one place (write_view), at the end of each run of the fragment.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta

import altair as alt
import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import export, labels, mapview, ui, views
from geo.app.common import base_url, lang, one_line_on_failure, open_store, t
from geo.app_data import control_bundle, event_span, gazetteer, load_events, load_incidents, outlines
from geo.incidents import region_level
from geo.model import ACTORS, EVENT_TYPES, STATUSES

MODES = ("day", "week", "month", "range", "all")
# Seconds between two steps of play, by the speed the user picks.
PLAY_SPEEDS = {"slow": 3.0, "normal": 2.0, "fast": 1.0}
# A timer tick sooner than this share of the interval after the last step is a rerun for another
# reason (a pan, a click): it must not step again.
PLAY_GAP = 0.8
# Zoom a picked table row is shown at (at least): a town and its surroundings.
ROW_ZOOM = 11
# The bar chart counts per week when the span is longer than this many days (daily bars get too thin).
WEEKLY_AFTER_DAYS = 120
# Pixels: at zoom 7, Syria's 5 degrees of latitude take ~560 px (Web Mercator at 35 N), so the map is
# a little taller than that, the whole country in the first view (tests/test_map_page.py).
MAP_HEIGHT = 620
# A reported centre this many screen pixels from the default camera is the default (Leaflet rounds
# the centre to its pixel grid, ~0.4 px at zoom 7); a user's drag moves the map by far more.
SAME_CAMERA_PIXELS = 2
TABLE_COLUMNS = [
    "event_date",
    "sub_event_type",
    "status",
    "actor1",
    "actor2",
    "location",
    "location_en",
    "admin1",
    "quote",
    "article_id",
    "event_id",
]


# ---------------------------------------------------------------------------------- state


def init_state(first: date, last: date) -> None:
    """On a session's first run, the view starts from the query string (a shared link)."""
    s = st.session_state
    if s.get("_init"):
        return
    v = ui.view_from_params(st.query_params.to_dict(), first, last)
    mode = v.window if v.window in mapview.WINDOWS else "range"
    start = max(first, v.first_day) if mode == "range" else max(first, v.day - timedelta(days=29))
    s.update(
        _init=True,
        day=v.day,
        mode=mode,
        range=(start, v.day),
        types=list(v.event_types),
        actors=list(v.actors),
        gov=list(v.admin1),
        status=list(v.statuses),
        abroad=v.hide_talks_abroad,
        vague=v.include_vague,
        q=v.query,
        centre=tuple(v.centre),
        zoom=int(v.zoom),
        playing=False,
        speed="normal",
    )


def window_of(first: date, last: date) -> tuple[date, str]:
    """(day, window) of the timeline's state: a day and a window, a range, or the whole span."""
    s = st.session_state
    if s.mode in mapview.WINDOWS:
        return s.day, s.mode
    lo, hi = s.range if s.mode == "range" else (first, last)
    return hi, str((hi - lo).days + 1)


def current_view(first: date, last: date) -> mapview.View:
    s = st.session_state
    day, window = window_of(first, last)
    return mapview.View(
        day=day,
        window=window,
        event_types=tuple(s.types),
        actors=tuple(s.actors),
        admin1=tuple(s.gov),
        statuses=tuple(s.status),
        hide_talks_abroad=bool(s.abroad),
        include_vague=bool(s.get("vague")),
        query=s.q,
        centre=tuple(s.centre),
        zoom=int(s.zoom),
        language=lang(),
    )


def write_view(view: mapview.View) -> None:
    """The one place the view goes into the query string (the share link reads the same)."""
    params = ui.view_to_params(view)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


# ---------------------------------------------------------------------------------- sidebar


def _gov_label(govs: dict, code: str, language: str) -> str:
    g = govs.get(code)
    return code if g is None else (g.name_ar if language == "ar" else g.name_en)


def sidebar_filters(gaz) -> None:
    sb, language = st.sidebar, lang()
    sb.multiselect(
        t("types"),
        list(EVENT_TYPES),
        key="types",
        placeholder=t("any"),
        format_func=lambda k: mapview.type_label(k, language),
    )
    sb.multiselect(
        t("actors"),
        list(ACTORS),
        key="actors",
        placeholder=t("any"),
        format_func=lambda a: ACTORS[a] if language == "ar" else a,
    )
    govs = {g.admin1: g for g in gaz.governorates()} if gaz else {}
    sb.multiselect(
        t("admin1"),
        sorted(govs),
        key="gov",
        placeholder=t("any"),
        format_func=lambda c: _gov_label(govs, c, language),
    )
    sb.multiselect(
        t("statuses"),
        list(STATUSES),
        key="status",
        placeholder=t("any"),
        format_func=lambda s: mapview.STATUS_LABELS[s][0 if language == "ar" else 1],
    )
    sb.checkbox(t("abroad"), key="abroad")
    sb.checkbox(t("vague"), key="vague")
    sb.text_input(t("query"), key="q")
    focus = {"": (mapview.SYRIA_CENTRE, 7)} | {c: ((g.lat, g.lon), 9) for c, g in govs.items()}

    def on_focus():
        st.session_state.centre, st.session_state.zoom = focus.get(st.session_state.focus, focus[""])

    sb.selectbox(
        t("focus"),
        list(focus),
        key="focus",
        on_change=on_focus,
        format_func=lambda c: labels.t("syria", language) if not c else _gov_label(govs, c, language),
    )


# ---------------------------------------------------------------------------------- timeline


def timeline_widgets(first: date, last: date) -> None:
    s = st.session_state
    s.day = min(max(s.day, first), last)
    lo, hi = s.range
    s.range = (min(max(lo, first), last), min(max(hi, first), last))
    cols = st.columns([2, 5, 2, 1.4], vertical_alignment="bottom")
    language = lang()  # bound now: a format_func may be called outside this run
    cols[0].selectbox(
        t("mode"), list(MODES), key="mode", format_func=lambda m: labels.t(f"win_{m}", language)
    )
    if s.mode == "range":
        cols[1].slider(t("range"), min_value=first, max_value=last, key="range", format="YYYY-MM-DD")
    elif s.mode in mapview.WINDOWS:
        cols[1].slider(
            t("day"), min_value=first, max_value=last, key="day", step=timedelta(days=1), format="YYYY-MM-DD"
        )
    else:
        cols[1].caption(f"{first.isoformat()} – {last.isoformat()}")

    def jump():
        day = s.jump
        if day is None:
            return
        day = min(max(day, first), last)
        if s.mode == "range":
            lo, hi = s.range
            span = hi - lo
            s.range = (max(first, day - span), day)
        s.day = day

    if s.mode != "all":
        cols[2].date_input(
            t("jump"),
            value=None,
            min_value=first,
            max_value=last,
            key="jump",
            on_change=jump,
            format="YYYY-MM-DD",
        )
    if s.mode in mapview.WINDOWS:

        def toggle():
            s.playing = not s.playing
            s._play_changed = True
            s._last_step = time.monotonic()

        cols[3].button(t("pause" if s.playing else "play"), key="play", on_click=toggle)


def play_step(last: date) -> None:
    """While playing, a timer run moves the day one window on; at the end play stops."""
    s = st.session_state
    if not s.get("playing") or s.mode not in mapview.WINDOWS:
        return
    now, interval = time.monotonic(), PLAY_SPEEDS[s.speed]
    if now - s.get("_last_step", 0.0) < PLAY_GAP * interval:
        return
    s._last_step = now
    nxt = s.day + timedelta(days=mapview.WINDOWS[s.mode])
    if nxt >= last:
        nxt, s.playing, s._play_changed = last, False, True
    s.day = nxt


@st.cache_data(max_entries=16, show_spinner=False)
def filtered_days(
    path: str, version: tuple, first: date, last: date, key: tuple, _view: mapview.View
) -> list:
    """Days of the events passing the view's filters (not its window); cached per filter `key`."""
    return sorted(mapview.event_days(load_events(path, version), _view, first, last))  # columnar


def day_counts(days: list, lo: date, hi: date, weekly: bool) -> pd.DataFrame:
    """Events per day or week (weeks from Monday) within [lo, hi]."""
    frame = pd.DataFrame({"day": pd.to_datetime([d for d in days if lo <= d <= hi])})
    if frame.empty:
        return pd.DataFrame({"day": [], "n": [], "end": []})
    freq = "W-MON" if weekly else "D"
    out = frame.groupby(pd.Grouper(key="day", freq=freq, label="left", closed="left")).size()
    out = out.rename("n").reset_index()
    # Each bar covers its whole bin, [day, end): a bar on the bare date would be centred on the Monday,
    # half of it drawn over the week before and off the shaded window.
    out["end"] = out["day"] + pd.Timedelta(days=7 if weekly else 1)
    return out


@st.cache_data(max_entries=16, show_spinner=False)
def bars_spec(path: str, version: tuple, span: tuple, weekly: bool, key: tuple, labels: tuple, _view) -> dict:
    """The Vega-Lite spec of the bars (events per day or week over `span` = (lo, hi, first, last)),
    built and validated by Altair once per filter `key`: a slider move only moves the band over them."""
    lo, hi, first, last = span
    counts = day_counts(filtered_days(path, version, first, last, key, _view), lo, hi, weekly)
    # Dates as numbers: month names would be English in the Arabic interface.
    x = alt.X(
        "day:T",
        title=None,
        scale=alt.Scale(domain=list(chart_domain(lo, hi))),
        axis=alt.Axis(format="%Y-%m-%d", labelOverlap=True),
    )
    date_title, count_title = labels
    bars = (
        alt.Chart(counts)
        # A rect from 0 up to the count over [day, end): a bar mark given x and x2 is a horizontal range,
        # drawn a few pixels thick at the height of its count (QA: "bars a few px high").
        .mark_rect(color="#546e7a", stroke="white", strokeWidth=0.5, clip=True)
        .encode(
            x=x,
            x2="end:T",
            y=alt.Y(
                "n:Q", title=None, scale=alt.Scale(domainMin=0), axis=alt.Axis(tickMinStep=1, tickCount=3, format="d")
            ),
            y2=alt.datum(0),
            tooltip=[
                alt.Tooltip("day:T", title=date_title, format="%Y-%m-%d"),
                alt.Tooltip("n:Q", title=count_title),
            ],
        )
        .properties(height=80)
    )
    return bars.to_dict()


def chart_domain(lo: date, hi: date) -> tuple[str, str]:
    """The chart's x extent, from the first day's start to the last day's end. Vega-Lite warns in the
    console of a "conflicting domain" for any explicit domain of a temporal scale with x2: its own
    parsed and raw copies of the same domain (vega-lite#5733, harmless; strings, DateTime objects and
    epoch numbers all draw it)."""
    return lo.isoformat(), (hi + timedelta(days=1)).isoformat()


def chart_caption(lo: date, hi: date, before: int, after: int, weekly: bool) -> str:
    """What the bars count, and the events left out of the chart at either end, in words."""
    language, parts = lang(), [t("per_week" if weekly else "per_day")]
    if before:
        parts.append(
            t("chart_before").format(n=labels.counted(before, "n_events", language), day=lo.isoformat())
        )
    if after:
        parts.append(
            t("chart_after").format(n=labels.counted(after, "n_events", language), day=hi.isoformat())
        )
    return " · ".join(parts)


def timeline_chart(path: str, version: tuple, first: date, last: date, view: mapview.View) -> None:
    """Events per day (or week) over the span most events fall in (the window shown always inside
    it; the few outside it are counted in the caption), the chosen window shaded."""
    key = _data_key(replace(view, day=first, window="day"))
    days = filtered_days(path, version, first, last, key, view)
    shown = (max(first, view.first_day), min(last, view.day))
    lo, hi, before, after = mapview.dense_span(days, shown)
    weekly = (hi - lo).days > WEEKLY_AFTER_DAYS
    labels_ = (t("chart_date"), t("chart_count"))
    spec = bars_spec(path, version, (lo, hi, first, last), weekly, key, labels_, view)
    band = {
        "data": {
            "values": [
                {"start": view.first_day.isoformat(), "end": (view.day + timedelta(days=1)).isoformat()}
            ]
        },
        "mark": {"type": "rect", "color": "#f57c00", "opacity": 0.35},
        "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"}},
    }
    bars = {k: spec[k] for k in ("data", "mark", "encoding") if k in spec}
    # the window over the bars, translucent: under them it would hide behind a week's full bar
    chart = {k: v for k, v in spec.items() if k not in bars} | {"layer": [bars, band]}
    st.caption(chart_caption(lo, hi, before, after, weekly))
    st.vega_lite_chart(spec=chart, width="stretch")


# ---------------------------------------------------------------------------------- the map


@st.cache_resource(max_entries=8, show_spinner=False)
def cities(path: str, version: tuple) -> list:
    gaz = gazetteer(path, version)
    return mapview.main_cities(gaz.places.values()) if gaz else []


@st.cache_resource(show_spinner=False)
def context_layers():
    return mapview.load_context()


def _data_key(view: mapview.View) -> tuple:
    """The view without its camera: panning does not rebuild the map."""
    return (view.day, view.window, view.event_types, view.actors, view.admin1, view.statuses,
            view.hide_talks_abroad, view.include_vague, view.query, view.language)  # fmt: skip


def build(path: str, version: tuple, link: str, focus, view: mapview.View, shown, incidents):
    """(base map, the view's layers) for st_folium. The base stays the same from rerun to rerun, so
    its component is not remounted (the camera stays where the user left it, and no rerun follows
    a remount); the layers of `shown` events and `incidents` go in as its feature_group_to_add.
    st_folium renames a map's elements as it renders them, so both are built on each run."""
    controls, areas = control_bundle(path, version, view.day)
    base = mapview.base_map(view.language, outlines(), context_layers(), cities(path, version))
    layers = mapview.view_layers(
        shown, controls, areas, outlines(), view, link_base=link, incidents=incidents, focus=focus
    )
    return base, layers


def _base_camera(returned: dict) -> bool:
    """Whether the map reports the camera base_map is built at (View's default), not one a user left.

    Leaflet reports the centre back from its pixel grid (off by a fraction of a pixel, 35.0030, 38.4961 for 35.0, 38.5 at zoom 7),
    so a centre within SAME_CAMERA_PIXELS of the default is the default: no drag moves it that little."""
    default, centre = mapview.View(day=date.min), returned["center"]
    if returned.get("zoom") != default.zoom or "lat" not in centre or "lng" not in centre:
        return False
    tolerance = SAME_CAMERA_PIXELS * 360 / (256 * 2**default.zoom)  # degrees of longitude per pixel
    lat, lng = float(centre["lat"]), float(centre["lng"])
    return abs(lat - default.centre[0]) <= tolerance and abs(lng - default.centre[1]) <= tolerance


def follow_camera(returned) -> None:
    """Keep the camera the user left the map at: st_folium returns it after a pan or zoom.

    The component keeps returning its last value, and before the map has moved, its default (a
    zoom, no centre): neither is news, the camera may have been set since (a picked row, a link)."""
    s = st.session_state
    if not returned or not returned.get("center") or returned == s.get("_camera_seen"):
        return
    s._camera_seen = returned
    if _base_camera(returned):  # the mounted map tells its own camera before it takes the view's
        return
    centre, zoom = returned.get("center"), returned.get("zoom")
    if "lat" in centre:
        s.centre = (round(float(centre["lat"]), 4), round(float(centre["lng"]), 4))
    if isinstance(zoom, (int, float)):
        s.zoom = int(min(max(zoom, 4), mapview.MAX_ZOOM))


def picked_row(frame: pd.DataFrame):
    """The table row the user just picked, once: (lat, lon) to fly to, else None."""
    s = st.session_state
    rows = list(getattr(s.get("table"), "selection", {}).get("rows", []) if s.get("table") else [])
    if rows == s.get("_picked") or not rows or rows[0] >= len(frame):
        s._picked = rows
        return s.get("_focus") if rows else None
    s._picked = rows
    rec = frame.iloc[rows[0]]
    if pd.isna(rec["latitude"]) or pd.isna(rec["longitude"]):
        return None
    point = (float(rec["latitude"]), float(rec["longitude"]))
    s.centre, s.zoom, s._focus = point, max(int(s.zoom), ROW_ZOOM), point
    return point


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as the user reads it: type, status and actors in the interface's language."""
    language, i = lang(), 0 if lang() == "ar" else 1
    out = frame.copy()
    types = {pair[1]: mapview.type_label(k, language) for k, pair in EVENT_TYPES.items()}
    out["sub_event_type"] = out["sub_event_type"].map(lambda v: types.get(v, v))
    out["status"] = out["status"].map(lambda v: mapview.STATUS_LABELS.get(v, (v, v))[i])
    if language == "ar":
        for c in ("actor1", "actor2"):
            out[c] = out[c].map(lambda a: ACTORS.get(a, a))
    return out


def map_area(path: str, version: tuple, first: date, last: date) -> None:
    s = st.session_state
    # The camera the map reported last, taken before the map is drawn: drawn with the camera of the
    # rerun before, the map would be sent back to it, report that, and swing between the two.
    follow_camera(s.get("map"))
    play_step(last)
    timeline_widgets(first, last)
    view = current_view(first, last)
    timeline_chart(path, version, first, last, view)
    events = load_events(path, version)
    shown = mapview.select(events, view)
    undated = events.undated(view) if hasattr(events, "undated") else []
    listed = shown + (undated if undated and s.get("undated") else [])
    frame = pd.DataFrame(export.event_rows(listed), columns=list(export.EXPORT_COLUMNS))
    focus = picked_row(frame)
    view = current_view(first, last)
    incidents = mapview.select_incidents(load_incidents(path, version), view)
    drawn, vague = views.drawn_on_map(incidents, view)  # the table and the files keep them all
    region = sum(region_level(i.place, i.geo_precision) for i in drawn if i.place)
    st.caption(
        labels.isolated(f"{view.first_day.isoformat()} – {view.day.isoformat()}")
        + " · "
        + t("shown").format(n=labels.counted(len(drawn) - region, "n_incidents", lang()))
        + " · "
        + t("incident_caption").format(
            region=labels.counted(region, "n_incidents", lang()),
            mentions=labels.counted(len(shown), "n_rows", lang()),
        )
        + ("" if shown else " · " + t("no_events"))
        + (" · " + mapview.vague_line(vague, lang()) if vague else "")
        + (
            " · " + t("undated_not_drawn").format(n=labels.counted(len(undated), "n_events", lang()))
            if undated
            else ""
        )
    )
    if undated:
        st.checkbox(t("undated_in_table"), key="undated")
    link = base_url() + "/article"
    base, layers = build(path, version, link, focus, view, shown, drawn)
    returned = st_folium(
        base,
        key="map",
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["center", "zoom"],
        center=tuple(s.centre),
        zoom=int(s.zoom),
        feature_group_to_add=layers,
        layer_control=folium.LayerControl(collapsed=True, position="topleft"),
    )
    follow_camera(returned)
    view = current_view(first, last)
    st.markdown(f"**{t('share')}**")
    st.code(ui.share_link(base_url(), view), language=None)
    downloads(path, version, incidents, view, vague)
    st.subheader(t("table"))
    st.caption(t("row_hint"))
    # The table's own CSV download does not guard formulas, so the cells it shows are made safe.
    st.dataframe(
        readable(frame).map(export.safe_cell),
        column_order=TABLE_COLUMNS,
        column_config={c: t(f"col_{c}") for c in TABLE_COLUMNS},
        hide_index=True,
        width="stretch",
        key="table",
        on_select="rerun",
        selection_mode="single-row",
    )
    write_view(view)
    if s.pop("_play_changed", False):
        st.rerun()  # the whole page: the fragment's timer starts or stops


# ---------------------------------------------------------------------------------- downloads


def shown_files_help(n: int, vague: int) -> str:
    """What the files of the view hold: every incident of it, those the map leaves out (dated only to a
    month or a year) included, as ACLED keeps them (QA: the CSV held rows the map did not draw)."""
    language = lang()
    text = t("files_shown_help").format(n=labels.counted(n, "n_incidents", language))
    return text + (t("files_shown_vague").format(n=labels.counted(vague, "n_incidents", language)) if vague else "")


def downloads(path: str, version: tuple, incidents: list, view: mapview.View, vague: int = 0) -> None:
    """The view's files: what is shown built now (small: one window), the rest when clicked."""
    from geo.app import exports

    st.markdown(f"**{t('downloads')}**")
    stamp = view.day.isoformat()
    about = shown_files_help(len(incidents), vague)
    # Every file is one row per incident in geo.export.SCHEMA (docs/EXPORT.md), as the CLI writes.
    cols = st.columns(5)
    cols[0].download_button(
        t("csv_shown"),
        export.csv_bytes(incidents),
        f"events-{stamp}.csv",
        "text/csv",
        key="dl_csv",
        help=about,
        on_click="ignore",
    )
    cols[1].download_button(
        t("csv_all"),
        lambda: export.csv_bytes(load_incidents(path, version)),
        "events-all.csv",
        "text/csv",
        key="dl_all",
        on_click="ignore",
    )
    cols[2].download_button(
        t("geojson"),
        export.geojson_text(incidents).encode("utf-8"),
        f"events-{stamp}.geojson",
        "application/geo+json",
        key="dl_geojson",
        help=about,
        on_click="ignore",
    )
    cols[3].download_button(
        t("snapshot"),
        lambda: exports.snapshot_bytes(path, version, view, base_url() + "/article"),
        f"snapshot-{stamp}.html",
        "text/html",
        key="dl_snap",
        on_click="ignore",
    )
    ok, _why = ui.png_available()
    cols[4].download_button(
        t("png") if ok else t("png_missing"),
        (lambda: exports.png_bytes(path, version, view)) if ok else b"",
        f"view-{stamp}.png",
        "image/png",
        key="dl_png",
        disabled=not ok,
        help=None if ok else t("png_missing"),
        on_click="ignore",
    )


# ---------------------------------------------------------------------------------- page


def page() -> None:
    store, path, version = open_store()
    st.subheader(t("title"))
    events = load_events(path, version)
    first, last = event_span(events)
    if first is None:
        st.info(t("empty_store"))
        return
    if first == last:
        last = first + timedelta(days=1)
    init_state(first, last)
    sidebar_filters(gazetteer(path, version))
    s = st.session_state
    language = lang()
    st.sidebar.selectbox(
        t("speed"),
        list(PLAY_SPEEDS),
        key="speed",
        format_func=lambda k: labels.t(f"speed_{k}", language),
    )
    every = PLAY_SPEEDS[s.speed] if s.playing else None
    first, last = filtered_span(path, version, current_view(first, last), first, last)
    # the fragment reruns alone (a slider move): its failures are one line too, not a traceback
    st.fragment(one_line_on_failure(map_area), run_every=every)(path, version, first, last)


@st.cache_data(max_entries=32, show_spinner=False)
def _span_of(path: str, version: tuple, key: tuple, _view: mapview.View) -> tuple:
    return event_span(load_events(path, version), _view)  # columnar: no records


def filtered_span(
    path: str, version: tuple, view: mapview.View, first: date, last: date
) -> tuple[date, date]:
    """The slider's span follows the data the filters leave (a governorate's events, one actor's…),
    inside the store's span, and always holds the day shown: a filter or a place search never moves
    the user's day (QA11 N18: «idleb» took 2018-10-20 to 10-19); with no filter, or nothing left, the
    store's span."""
    if view == replace(mapview.View(day=view.day, window=view.window), centre=view.centre, zoom=view.zoom,
                       language=view.language, include_vague=view.include_vague):  # fmt: skip
        return first, last
    lo, hi = _span_of(path, version, _data_key(replace(view, day=first, window="day")), view)
    if lo is None:
        return first, last
    lo, hi = max(min(lo, view.day), first), min(max(hi, view.day), last)
    return (lo, hi) if lo < hi else (lo, lo + timedelta(days=1))


page()
