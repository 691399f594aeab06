"""The columnar view core (geo/views.py) against the record path, and its payload at 20k events.

What a user sees must not change when the dashboard reads columns: the same events in the window,
the same incidents (places, report counts, dates), the same control, the same slider span.
"""

from __future__ import annotations

import gc
import random
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from geo import gazetteer, mapview, territory, views
from geo.incidents import group_incidents
from geo.model import ACTORS, EVENT_TYPES, Event
from geo.store import _EVENT_COLUMNS, Store, _event_values, _insert
from geo.views import StoreView
from tests.conftest_browser import browser as browser  # noqa: F401  (module fixture)
from tests.test_ingest_parallel import corpus_slice as corpus_slice  # noqa: F401  (session fixtures)
from tests.test_ingest_parallel import reference as reference  # noqa: F401


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_VIEW_CACHE", str(tmp_path / "view-cache"))


def _seen(incidents) -> list[tuple]:
    """What the map shows of each incident: place, dates, reports (ids, articles), status."""
    return [
        (
            i.place.place_id,
            i.event_date,
            i.date_last,
            len(i.reports),
            tuple(r.event_id for r in i.reports),
            i.status,
        )
        for i in incidents
    ]


def _views(first: date, last: date) -> list[mapview.View]:
    days = [first + (last - first) * k / 6 for k in range(7)]
    base = [mapview.View(day=d, window=w) for d in days for w in ("day", "week", "month", "400")]
    mid = days[3]
    return base + [
        mapview.View(day=mid, window="400", actors=("Syrian government",)),
        mapview.View(day=mid, window="400", event_types=("air_strike", "shelling", "armed_clash")),
        mapview.View(day=mid, window="400", statuses=("planned", "postponed")),
        mapview.View(day=mid, window="400", admin1=("SY02", "SY07")),
        mapview.View(day=mid, window="400", hide_talks_abroad=True),
        mapview.View(day=mid, window="400", query="حلب"),
        mapview.View(day=mid, window="400", query="Idlib"),
    ]


def _same_as_records(db) -> None:
    store = Store(db, read_only=True)
    events = store.events()
    urls = {a.article_id: a.url for a in store.articles() if a.url}
    incidents = group_incidents(events, urls=urls)
    cols = StoreView.load(store, isolate=False)
    assert len(cols) == len(events)
    first, last = cols.span()
    assert first is not None and first < last
    for view in _views(first, last):
        shown = cols.select_events(view)
        assert shown == mapview.select(events, view), view
        assert cols.view_incidents(view) == mapview.select_incidents(incidents, view), view
        assert _seen(mapview.select_incidents(cols.all_incidents(), view)) == _seen(
            mapview.select_incidents(incidents, view)
        )
    for view in _views(first, last)[-7:]:  # the timeline's bars and span follow the filters
        chosen = mapview.select(events, view, by_date=False)
        assert cols.days(view, first, last) == [e.event_date for e in chosen if first <= e.event_date <= last]
        assert mapview.event_days(cols, view, first, last) == mapview.event_days(events, view, first, last)
    loose = replace(_views(first, last)[-2], window="week")
    assert cols.select_events(loose, by_date=False) == mapview.select(events, loose, by_date=False)
    for day in (first, first + (last - first) / 2, last):
        assert cols.controls(day) == territory.control_as_of(events, day)
    step = max(1, (last - first).days // 40)  # the snapshot's control per day, from the one timeline
    assert mapview.control_timeline(cols, first, last, step) == mapview.control_timeline(
        events, first, last, step
    )
    assert list(cols) == events  # iterating gives every record, in the store's order


def test_seeds_columnar_equals_records(tmp_path, seeds_dir):
    from geo.reader import read_paths

    db = tmp_path / "seeds.duckdb"
    Store(db).ingest_many(list(read_paths([seeds_dir])))
    _same_as_records(db)


def test_corpus_slice_columnar_equals_records(reference):
    _same_as_records(reference)


def test_span_is_the_dashboards_span(reference):
    pytest.importorskip("streamlit")
    from geo.app_data import event_span

    store = Store(reference, read_only=True)
    cols = StoreView.load(store, isolate=False)
    assert cols.span() == event_span(store.events())
    assert event_span(cols) == cols.span()
    view = mapview.View(day=cols.span()[1], actors=("Syrian government",))
    assert event_span(cols, view) == event_span(store.events(), view)


# ---------------------------------------------------------------------------------- 20k events

SYNTHETIC = 20_000
SYNTHETIC_PLACES = 400  # more than mapview.CLUSTER_MIN_PLACES, so a long window clusters
SETTLEMENTS = {"city", "town", "village", "neighbourhood"}
# A week of 20k events spread over a year is ~400 reports: the map's data for it stays far below
# what the whole store would need (~10 MB); the dashboard's bar is 1 MB per move.
WEEK_PAYLOAD_MAX = 1_000_000


def _synthetic(n: int) -> list[Event]:
    rnd = random.Random(11)
    places = [p for p in gazetteer.load().places.values() if p.country == "SY" and p.kind in SETTLEMENTS]
    places = rnd.sample(places, SYNTHETIC_PLACES)
    out = []
    for i in range(n):
        p = rnd.choice(places)
        etype, sub = EVENT_TYPES[rnd.choice(list(EVENT_TYPES))]
        quote = f"قالت مصادر إن اشتباكات وقعت في {p.name_ar} في التقرير رقم {i}"
        start = quote.index(p.name_ar)
        out.append(
            Event(
                event_id=f"ev{i}", article_id=f"art{i // 3}", event_type=etype, sub_event_type=sub,
                status="happened", event_date=date(2017, 1, 1) + timedelta(days=rnd.randrange(365)),
                time_precision=1, actor1=rnd.choice(list(ACTORS)), actor2="", place=p, geo_precision=1,
                quote=quote, quote_start=0, place_start=start, place_end=start + len(p.name_ar),
                published=date(2017, 1, 1) + timedelta(days=rnd.randrange(365)), source="synthetic",
            )
        )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    db = tmp_path_factory.mktemp("big") / "big.duckdb"
    store = Store(db)
    with store._connect() as con:
        _insert(con, "events", _EVENT_COLUMNS, [_event_values(e) for e in _synthetic(SYNTHETIC)])
    return db


def test_20k_events_no_record_per_event_and_a_bounded_week(big, tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_VIEW_CACHE", str(tmp_path / "cache"))
    gc.collect()
    before = sum(isinstance(o, Event) for o in gc.get_objects())
    cols = StoreView.load(Store(big, read_only=True))  # incidents derived in a child process
    assert len(cols) == SYNTHETIC
    held = sum(isinstance(o, Event) for o in gc.get_objects()) - before
    assert held < 100, f"{held} Event records held after loading {SYNTHETIC} events"

    view = mapview.View(day=date(2017, 6, 30), window="week")
    shown = cols.select_events(view)
    incidents = cols.view_incidents(view)
    assert 0 < len(shown) < SYNTHETIC // 20
    # what is drawn is the window's reports (an incident joins reports a day apart), not the store's
    near = (view.first_day - timedelta(days=2), view.day + timedelta(days=2))
    assert all(near[0] <= r.event_date <= near[1] for i in incidents for r in i.reports)
    assert len(shown) // 2 < sum(len(i.reports) for i in incidents) < 2 * len(shown)
    layer = mapview.EventLayer(incidents, view)
    assert len(layer.data_json.encode("utf-8")) <= WEEK_PAYLOAD_MAX
    # a second load of the same store reads the derivation from the cache: the same incidents
    again = StoreView.load(Store(big, read_only=True))
    assert _seen(again.view_incidents(view)) == _seen(incidents)


def _page(incidents, view) -> str:
    m = mapview.build_map([], [], {}, None, view, tiles=False, incidents=incidents)
    return mapview.map_html(m)


def test_places_drawn_once_and_crowded_views_cluster_offline(big, browser, tmp_path):  # noqa: F811
    cols = StoreView.load(Store(big, read_only=True), isolate=False)
    day = mapview.View(day=date(2017, 6, 30), window="day")
    year = mapview.View(day=date(2017, 12, 31), window="400")
    few, many = cols.view_incidents(day), cols.view_incidents(year)
    places_few = {i.place.place_id for i in few}
    assert len(places_few) < len(few), "some incidents of the day share a place"
    assert len({i.place.place_id for i in many}) > mapview.CLUSTER_MIN_PLACES
    assert mapview.EventLayer(few, day).cluster_below == 0
    assert mapview.EventLayer(many, year).cluster_below == mapview.CLUSTER_BELOW_ZOOM
    for incidents, view, clustered in ((few, day, False), (many, year, True)):
        page = _page(incidents, view)
        below = int(re.search(r"if \((\d+) > 0 && L\.markerClusterGroup\)", page).group(1))
        assert below == (mapview.CLUSTER_BELOW_ZOOM if clustered else 0)
        assert "cdnjs.cloudflare.com" not in page and "cdn.jsdelivr.net" not in page  # all inlined
        path = tmp_path / f"map-{clustered}.html"
        path.write_text(page, encoding="utf-8")
        tab = browser.new_page()
        tab.route("http*://**", lambda route: route.abort())  # offline
        tab.goto(path.as_uri())
        tab.wait_for_function("() => window.geoEventLayer", timeout=30_000)
        assert tab.evaluate("() => typeof L.markerClusterGroup === 'function'") is clustered
        assert (
            tab.evaluate(
                "() => !!L.MarkerClusterGroup && window.geoEventLayer instanceof L.MarkerClusterGroup"
            )
            is clustered
        )
        drawn = tab.evaluate(
            """() => { const out = []; window.geoEventLayer.eachLayer(l => out.push(
                   l.feature.properties.items.map(p => p.reps.length))); return out; }"""
        )
        tab.close()
        places = {i.place.place_id for i in incidents}
        assert len(drawn) == len(places), "one circle per place"
        assert sorted(n for items in drawn for n in items) == sorted(len(i.reports) for i in incidents)


# ---------------------------------------------------------------------------------- QA 9: vague dates


def test_a_window_draws_what_is_dated_within_it_and_counts_what_it_leaves_out(tmp_path, seeds_dir):
    """QA 9: incidents dated only to a month or a year sat on every week's map of their span."""
    from geo.reader import read_paths
    from geo.views import DRAWN_SPAN_MIN_DAYS, drawn_on_map, span_days

    db = tmp_path / "seeds.duckdb"
    Store(db).ingest_many(list(read_paths([seeds_dir])))
    cols = StoreView.load(Store(db, read_only=True), isolate=False)
    week = mapview.View(day=date(2017, 6, 7), window="week")
    shown = cols.view_incidents(week)
    drawn, left_out = drawn_on_map(shown, week)
    vague = [i for i in shown if i not in drawn]
    assert left_out == len(vague) >= 1 and len(drawn) > 0
    assert all(span_days(i.event_date, i.date_last) > DRAWN_SPAN_MIN_DAYS for i in vague)
    # early June (1–10); the seeds' other one, «تحرير الرقة أصبح لحظة حاسمة» over the whole of June, is now
    # read as a judgement, not news (2431368)
    assert {(i.sub_event_type, i.place.name_en) for i in vague} >= {("Talks", "Astana")}
    # a report-day date («that day or the day before») is drawn in any window, a day's too
    day = mapview.View(day=date(2017, 6, 8), window="day")
    assert any(
        span_days(i.event_date, i.date_last) == 2 for i in drawn_on_map(cols.view_incidents(day), day)[0]
    )
    # a month's window draws a month's incidents; ticking the filter draws every one
    month = mapview.View(day=date(2017, 6, 30), window="month")  # June: Astana's 10 days
    assert drawn_on_map(cols.view_incidents(month), month)[1] == 0
    assert drawn_on_map(shown, replace(week, include_vague=True)) == (shown, 0)
    # the record path's selection leaves the same out
    records = mapview.select_incidents(group_incidents(Store(db).events()), week)
    assert _seen(drawn_on_map(records, week)[0]) == _seen(drawn)


def test_the_snapshot_and_the_png_leave_the_vague_out_and_say_so(tmp_path, seeds_dir):
    from geo import labels, views
    from geo.reader import read_paths

    db = tmp_path / "seeds.duckdb"
    Store(db).ingest_many(list(read_paths([seeds_dir])))
    events = Store(db).events()
    week = mapview.View(day=date(2017, 6, 18), window="week", language="en")
    chosen = mapview.select(events, week, by_date=False)
    page = mapview.snapshot_html(chosen, [], None, None, week)
    ticked = mapview.snapshot_html(chosen, [], None, None, replace(week, include_vague=True))
    line = r"not drawn on the map: (\d+) incidents? dated only to a month or a year"
    said = re.search(line, page)
    assert said and int(said.group(1)) >= 1 and not re.search(line, ticked)  # «في مايو» joins «في الرابع من مايو» since 916f292
    on_slider = lambda p: int(re.search(r"(\d+) incidents? on the time slider", p).group(1))  # noqa: E731
    assert on_slider(ticked) - on_slider(page) == int(said.group(1))
    early = replace(week, day=date(2017, 6, 7))  # the PNG of the week of the early-June Astana talks (1–10)
    shown = mapview.select_incidents(group_incidents(events), early)
    left_out = sum(1 for i in shown if views.too_vague(i.event_date, i.date_last, early))
    png = mapview.png_html(shown, [], None, None, early)
    assert left_out and f"not drawn on the map: {labels.counted(left_out, 'n_incidents', 'en')}" in png


def test_a_snapshot_ends_at_the_last_report_from_the_columns_as_from_the_records(tmp_path, seeds_dir):
    """QA 32: the dashboard's snapshot download (a StoreView) and the CLI's (records) end the slider
    at the last report and bake control a window further, the same days."""
    from geo.reader import read_paths
    from geo.views import snapshot_span

    db = tmp_path / "seeds.duckdb"
    Store(db).ingest_many(list(read_paths([seeds_dir])))
    records = Store(db, read_only=True).events()
    cols = StoreView.load(Store(db, read_only=True), isolate=False)
    last_report = max(e.published for e in records if e.published and e.place)
    view = mapview.View(day=date(2017, 9, 1), window="week")  # the last report within SNAPSHOT_REACH_DAYS
    first, last, control_last = snapshot_span(cols, view)
    assert (first, last, control_last) == snapshot_span(records, view)
    assert last == last_report and control_last == last_report + timedelta(days=7)


def test_a_snapshot_keeps_to_a_reach_around_the_view_and_says_its_days(tmp_path, seeds_dir, monkeypatch):
    """Dashboard QA 15 #5, #6: the snapshot of one week of a 2013–2018 store baked control for every day
    of those years (two minutes); its slider now keeps to views.SNAPSHOT_REACH_DAYS around the view, and
    its header tells the slider's days beside the slider's counts (read as the window's before)."""
    from geo.reader import read_paths
    from geo.views import snapshot_span

    db = tmp_path / "seeds.duckdb"
    Store(db).ingest_many(list(read_paths([seeds_dir])))
    records = Store(db, read_only=True).events()
    view = mapview.View(day=date(2017, 6, 7), window="week", language="en")
    wide = snapshot_span(records, view)
    monkeypatch.setattr(views, "SNAPSHOT_REACH_DAYS", 2)
    first, last, control_last = snapshot_span(records, view)
    assert first == max(wide[0], date(2017, 5, 30)) and last == min(wide[1], date(2017, 6, 9)) < wide[1]
    assert control_last == last + timedelta(days=7)
    page = mapview.snapshot_html(mapview.select(records, view, by_date=False), [], None, None, view, span=(first, last))
    told = f"Days on the time slider: \\u003cbdi dir=\\\"ltr\\\"\\u003e\u2066{first.isoformat()} – {last.isoformat()}\u2069"
    assert told in page  # the header, as the page carries it (JSON-escaped into its control)


def test_one_place_written_two_ways_keeps_each_reports_name(tmp_path):
    """A place labelled with the name each report wrote (geo.resolve does: «مطار الشعيرات» in one
    report, «قاعدة الشعيرات الجوية» in another, one place id) keeps that name on the columnar path
    too, in the events and in the incidents, not the first record read for the id."""
    base = _synthetic(6)
    other = replace(base[0].place, name_ar=base[0].place.name_ar + " الجديدة")  # the same id, another name
    events = [replace(e, place=other) if k % 2 else replace(e, place=base[0].place) for k, e in enumerate(base)]
    db = tmp_path / "two.duckdb"
    store = Store(db)
    with store._connect() as con:
        _insert(con, "events", _EVENT_COLUMNS, [_event_values(e) for e in events])
    records = {e.event_id: e for e in store.events()}
    assert len({e.place.name_ar for e in records.values()}) == 2
    cols = StoreView.load(store, isolate=False)
    assert [e.place for e in cols] == [records[e.event_id].place for e in cols]
    day = min(e.event_date for e in events if e.event_date)
    view = mapview.View(day=day, window="400")
    assert cols.view_incidents(view) == mapview.select_incidents(group_incidents(list(records.values())), view)
