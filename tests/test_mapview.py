"""The map of one view: its layers, escaping of article text, RTL, the offline snapshot."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

import folium
import pytest
from shapely.geometry import Point

from geo import mapview
from geo.incidents import group_incidents
from geo.mapview import View, build_map, map_html, select, snapshot_html
from geo.model import EVENT_TYPES, Control, Event, Place

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)>"

OMAR = Place("wof:1", "حقل العمر", "al-Omar oil field", "oil_field", 35.03, 40.52, "SY09", "Deir-ez-Zor")
KHSHAM = Place("wof:2", "خشام", "Khsham", "village", 35.29, 40.27, "SY09", "Deir-ez-Zor")
RAQQA = Place("wof:3", "الرقة", "Raqqa", "city", 35.95, 39.01, "SY11", "Ar-Raqqa")
ASTANA = Place("gn:4", "أستانا", "Astana", "city", 51.17, 71.43, "", "", country="KZ")


def event(
    eid, place, day, kind="armed_clash", status="happened", actors=("SDF", "Islamic State"), quote=None
):
    etype, sub = EVENT_TYPES[kind]
    quote = quote or f"اشتباكات عنيفة في {place.name_ar} أمس"
    i = quote.find(place.name_ar)
    return Event(
        event_id=eid,
        article_id=f"art-{eid}",
        event_type=etype,
        sub_event_type=sub,
        status=status,
        event_date=day,
        time_precision=1,
        actor1=actors[0],
        actor2=actors[1],
        place=place,
        geo_precision=1,
        quote=quote,
        quote_start=100,
        place_start=100 + i if i >= 0 else -1,
        place_end=100 + i + len(place.name_ar) if i >= 0 else -1,
    )


EVENTS = [
    event("e1", OMAR, date(2017, 10, 22), "nsa_overtakes"),
    event("e2", KHSHAM, date(2017, 10, 20), "air_strike", actors=("Russia", "")),
    event("e3", RAQQA, date(2017, 7, 4), "advance"),
    event("e4", ASTANA, date(2017, 10, 23), "talks", status="planned", actors=("Russia", "Turkey")),
    event("e5", KHSHAM, date(2017, 9, 1), "shelling"),
]
CONTROLS = [
    Control(OMAR, "SDF", date(2017, 10, 22), "e1"),
    Control(KHSHAM, "Syrian government", date(2017, 9, 20), "x"),
]
AREAS = {"SDF": Point(40.52, 35.03).buffer(0.2), "Syrian government": Point(40.27, 35.29).buffer(0.2)}


@pytest.fixture(scope="module")
def outlines():
    data = mapview.load_outlines()
    if data is None:
        pytest.skip("OCHA governorate outlines not found in data/sources/ or ../shared")
    return data


def test_window_keeps_the_week_up_to_the_day():
    shown = select(EVENTS, View(day=date(2017, 10, 23), window="week"))
    assert {e.event_id for e in shown} == {"e1", "e2", "e4"}
    assert [e.event_id for e in select(EVENTS, View(day=date(2017, 10, 23), window="day"))] == ["e4"]
    month = select(EVENTS, View(day=date(2017, 10, 23), window="month"))
    assert {e.event_id for e in month} == {"e1", "e2", "e4"}  # 1 Sep is 53 days back
    assert "e5" in {e.event_id for e in select(EVENTS, View(day=date(2017, 9, 30), window="month"))}


def test_filters_by_type_actor_governorate_status_place_and_talks_abroad():
    day = date(2017, 10, 23)
    assert [e.event_id for e in select(EVENTS, View(day=day, event_types=("air_strike",)))] == ["e2"]
    assert {e.event_id for e in select(EVENTS, View(day=day, actors=("Turkey",)))} == {"e4"}
    assert {e.event_id for e in select(EVENTS, View(day=day, admin1=("SY09",)))} == {"e1", "e2"}
    assert {e.event_id for e in select(EVENTS, View(day=day, statuses=("planned",)))} == {"e4"}
    signed = [*EVENTS, event("e6", ASTANA, date(2017, 10, 21), "agreement", actors=("Russia", "Turkey"))]
    abroad_hidden = {e.event_id for e in select(signed, View(day=day, hide_talks_abroad=True))}
    assert "e4" not in abroad_hidden and "e6" not in abroad_hidden  # QA11 B8 (F41): agreements abroad too
    assert {"e6", "e2"} <= {e.event_id for e in select(signed, View(day=day))}
    assert [e.event_id for e in select(EVENTS, View(day=day, query="العمر"))] == ["e1"]
    assert [e.event_id for e in select(EVENTS, View(day=day, query="khsham"))] == ["e2"]
    everything = select(EVENTS, View(day=day, query="khsham"), by_date=False)
    assert {e.event_id for e in everything} == {"e2", "e5"}


def _find(m, cls):
    return [el for el in mapview._walk(m) if isinstance(el, cls)]


def test_map_has_outlines_tiles_control_areas_events_and_legend(outlines):
    view = View(day=date(2017, 10, 23))
    shown = select(EVENTS, view)
    m = build_map(shown, CONTROLS, AREAS, outlines, view)
    (events_layer,) = _find(m, mapview.EventLayer)
    assert events_layer.n_features == 3  # one layer, not one marker per event
    assert _find(m, mapview.ControlLayer)
    tiles = _find(m, folium.TileLayer)
    assert [t.tiles for t in tiles] == [mapview.OSM_TILES]
    geojsons = _find(m, folium.GeoJson)
    govs = [g for g in geojsons if len(g.data["features"]) == 14]
    assert govs, "the 14 OCHA governorates are drawn"
    labels = [el for el in _find(m, folium.DivIcon)]
    assert len(labels) == 14
    assert any("حلب" in d.options["html"] for d in labels)  # in the view's language only
    assert not any("Aleppo" in d.options["html"] for d in labels)
    english = _find(build_map(shown, CONTROLS, AREAS, outlines, replace(view, language="en")), folium.DivIcon)
    assert any("Aleppo" in d.options["html"] for d in english) and not any(
        "حلب" in d.options["html"] for d in english
    )
    actors_drawn = [
        g for g in geojsons if {f["properties"].get("actor") for f in g.data["features"]} == set(AREAS)
    ]
    assert actors_drawn, "control areas are shaded per controller"
    page = map_html(m)
    assert page.count("L.geoJSON(data") == 1
    assert "geo-legend" in page and "L.control.layers" in page
    # the control layer carries who holds al-Omar as of the day
    assert '"SDF","2017-10-22"' in page
    # one scale bar, in kilometres only (no second bar in miles, QA #10)
    assert page.count("L.control.scale(") == 1 and "imperial: false" in page


def test_article_text_is_escaped_everywhere(outlines):
    bad_place = Place("wof:9", "<b>دير</b>", HOSTILE, "town", 35.3, 40.1, "SY09", HOSTILE)
    evs = [event("h1", bad_place, date(2017, 10, 22), quote="قصف على <b>دير</b> " + HOSTILE)]
    view = View(day=date(2017, 10, 23), query="")
    page = map_html(build_map(evs, [Control(bad_place, "SDF", date(2017, 10, 1), "h1")], {}, outlines, view))
    snap = snapshot_html(evs, [], {}, outlines, View(day=date(2017, 10, 23), query=HOSTILE, language="en"))
    for html_text in (page, snap):
        assert "<script>alert(1)" not in html_text
        assert "<img src=x" not in html_text
        assert "<b>دير" not in html_text
        assert "\\u003cscript\\u003ealert(1)" in html_text  # the text is there, as data
    # popups are built with textContent, never innerHTML
    assert "textContent" in page and "bindPopup(function" in page


def test_popups_and_labels_are_right_to_left(outlines):
    page = map_html(build_map(EVENTS[:1], [], {}, outlines, View(day=date(2017, 10, 23), language="ar")))
    assert re.search(r'\.geo-popup\[dir="rtl"\][^{]*\{\s*direction: rtl; text-align: right', page)
    assert 'quote.dir = "rtl"' in page and '"lang":"ar"' in page
    assert "<mark" not in page  # the mark element is created in the browser…
    assert 'el("mark"' in page  # …around the place name


def test_quote_parts_mark_the_place():
    pre, mark, post = mapview._quote_parts(EVENTS[0])
    assert mark == "حقل العمر" and pre.endswith("في ") and post == " أمس"


def test_payload_is_one_row_per_incident_with_its_reports():
    same = [event(f"s{i}", OMAR, date(2017, 10, 22)) for i in range(5)]  # five outlets, one clash
    data = mapview.event_payload(same)
    inc, rep = mapview.payload_columns(data, "incidents"), mapview.payload_columns(data, "reports")
    assert set(inc) == set(mapview.INCIDENT_COLUMNS) and set(rep) == set(mapview.REPORT_COLUMNS)
    assert len(inc["place"]) == 1 and inc["reports"] == [5] and len(rep["quote"]) == 5
    assert (
        len(data["places"]["ar"]) == 1 and len(data["quotes"]["before"]) == 1 and len(data["articles"]) == 5
    )
    assert [data["places"]["lat"][0], data["places"]["lon"][0]] == [35.03, 40.52]
    assert data["types"][inc["type"][0]] == "armed_clash" and data["actors"][inc["actor1"][0]] == "SDF"
    assert date(1970, 1, 1) + timedelta(days=inc["day"][0]) == date(2017, 10, 22)
    assert inc["region"] == [mapview.POINT]
    assert data["articles"][rep["article"][0]] == "art-s0"
    # the place, marked in the quote, from the dictionary of names as written
    assert data["marks"][data["quotes"]["mark"][rep["quote"][0]]] == "حقل العمر"


def test_columns_of_one_value_go_as_runs_and_days_as_differences():
    same_day = [event(f"r{i}", p, date(2017, 10, 22)) for i, p in enumerate((OMAR, KHSHAM, RAQQA) * 4)]
    data = mapview.event_payload(same_day + [event("late", OMAR, date(2017, 10, 25), "air_strike")])
    assert data["incidents"]["tp"] == {"runs": [1, 4]}  # four incidents, all exact to the day
    days = mapview.payload_columns(data, "incidents")["day"]
    assert days == [mapview._days(date(2017, 10, 22))] * 3 + [mapview._days(date(2017, 10, 25))]


def test_quotes_are_cut_at_word_boundaries():
    words = " ".join(f"كلمة{i}" for i in range(60))
    ev = replace(EVENTS[0], quote=words + " في حقل العمر " + words, quote_start=0)
    ev = replace(ev, place_start=ev.quote.find("حقل العمر"), place_end=ev.quote.find("حقل العمر") + 9)
    before, mark, after = mapview._quote_parts(ev, context=40)
    assert mark == "حقل العمر" and before.startswith("…") and after.endswith("…")
    assert len(before) <= 42 and len(after) <= 42
    assert before[1:].split(" ")[0] in words.split(" ")  # whole words only
    assert after[:-1].rstrip().split(" ")[-1] in words.split(" ")


GOVERNORATE = Place("ocha:SY09", "دير الزور", "Deir-ez-Zor", "governorate", 35.0, 40.3, "SY09", "Deir-ez-Zor")
SYRIA = Place("wof:sy", "سوريا", "Syria", "country", 35.0, 38.5)


def test_region_level_incidents_are_counted_per_governorate_not_drawn_at_the_centre(outlines):
    evs = [
        event("r1", OMAR, date(2017, 10, 22), "air_strike"),
        event("r2", GOVERNORATE, date(2017, 10, 21), "shelling", actors=("Russia", "")),
        event("r3", SYRIA, date(2017, 10, 22), "talks", actors=("Russia", "")),
    ]
    view = View(day=date(2017, 10, 23))
    m = build_map(evs, [], {}, outlines, view)
    (layer,) = _find(m, mapview.EventLayer)
    assert (layer.n_features, layer.n_region) == (1, 2)  # only al-Omar is a point
    data = mapview.incident_payload(group_incidents(evs), gov_centres=mapview.gov_centres(outlines))
    inc = mapview.payload_columns(data, "incidents")
    by_place = {data["places"]["en"][p]: r for p, r in zip(inc["place"], inc["region"], strict=True)}
    assert by_place["al-Omar oil field"] == mapview.POINT and by_place["Syria"] == mapview.COUNTRY_WIDE
    (deir,) = data["regions"]
    assert deir[:2] == ["دير الزور", "Deir-ez-Zor"] and deir[2:] != [35.0, 38.5]  # the governorate's centre
    page = map_html(m)
    assert "geoRegionLayer" in page and "geo-region-badge" in page


def test_template_syntax_in_article_text_stays_text(outlines):
    evs = [event("j1", OMAR, date(2017, 10, 22), quote="حقل العمر {{ 7*7 }} {% raw %} {# x #}")]
    view = View(day=date(2017, 10, 23), query="{{ 6*7 }}")
    for page in (
        map_html(build_map(evs, [], {}, outlines, view)),
        snapshot_html(evs, [], {}, outlines, view),
    ):
        assert "{{ 7*7 }}" not in page and "{%" not in page and "{#" not in page
        assert "\\u007b{ 7*7 }}" in page  # still there for the browser, as a JSON escape
    assert "\\u007b{ 6*7 }}" in page and "42" not in re.findall(r"\d+", page.split("geo-filters")[1][:80])


def test_snapshot_is_self_contained_with_the_view_baked_in(outlines):
    view = View(day=date(2017, 10, 23), window="week", event_types=("nsa_overtakes", "talks"), language="en")
    chosen = select(EVENTS, view, by_date=False)
    page = snapshot_html(chosen, CONTROLS, AREAS, outlines, view)
    remote = re.findall(r'<(?:script|link)[^>]+(?:src|href)\s*=\s*["\']https?:', page)
    assert remote == []
    assert "L.timelineSliderControl" in page and "leaflet.timeline" not in re.findall(r'src="([^"]+)"', page)
    assert "2017-10-23" in page and "2017-10-17 – 2017-10-23" in page
    assert "Type: Non-state actor takes territory, Talks" in page.replace("،", ",")
    assert '<html lang="en">' in page
    # the only remote URL left is the tile template
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert mapview.OSM_TILES in urls


def test_offline_assets_do_not_leak_to_other_maps(outlines):
    before_js, before_css = list(folium.Map.default_js), list(folium.Map.default_css)
    ours = map_html(build_map(EVENTS, CONTROLS, {}, outlines, View(day=date(2017, 10, 23))))
    assert "cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" not in ours
    assert 'src="data:text/javascript' in ours
    plain = folium.Map().get_root().render()
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js">' in plain
    assert folium.Map.default_js == before_js and folium.Map.default_css == before_css


def test_unknown_asset_fails_loudly():
    with pytest.raises(KeyError, match="no embedded copy"):
        mapview._inline_url("https://example.org/not-embedded.js")


def test_snapshot_command_writes_one_file(tmp_path, root):
    out = tmp_path / "snap.html"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "snapshot",
            "--date",
            "2017-10-23",
            "--out",
            str(out),
            str(root / "seeds"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "2017-10-23" in page and "L.timelineSliderControl" in page
    assert not re.findall(r'<script[^>]+src="https?:', page)


# ---------------------------------------------------------------------------------- a 10k-event snapshot

SNAPSHOT_EVENTS = 10_000
SNAPSHOT_MAX_BYTES = 2_000_000  # issue 11 §7: one offline file of at most 2 MB for 10k events
WORDS_TEXT = (
    "قصف الطيران الحربي أحياء مدينة ريف اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في على مقتل مدنيين "
    "وأفاد المرصد السوري لحقوق الإنسان أن الغارات استهدفت سكنية وسيطرت الوحدات الكردية قرية بلدة شرق غرب "
    "شمال جنوب محافظة وقال ناشطون إن القوات التركية تقدمت نحو مواقع تنظيم الدولة بعد معارك استمرت أياما"
)
WORDS = WORDS_TEXT.split()


def _synthetic_events(n: int, seed: int = 11) -> list[Event]:
    """`n` mentions as a store of that size holds them: 300 places, four mentions an article, twenty
    outlets, five years; every sentence its own (the worst case for the snapshot's sentence table)."""
    import random

    rnd = random.Random(seed)
    places = [
        Place(f"syn:{k}", f"قرية {k} {rnd.choice(WORDS)}", f"Village {k}", "village",
              rnd.uniform(32.5, 37.0), rnd.uniform(36.0, 42.0), f"SY{rnd.randint(1, 14):02d}", "Gov")
        for k in range(300)
    ]  # fmt: skip
    kinds, actors = list(EVENT_TYPES), ["SDF", "Islamic State", "Syrian government", "Russia", "Turkey", ""]
    out = []
    for i in range(n):
        place, day = rnd.choice(places), date(2014, 1, 1) + timedelta(days=rnd.randrange(1800))
        before = " ".join(rnd.choices(WORDS, k=rnd.randint(8, 20)))
        quote = f"{before} في {place.name_ar} " + " ".join(rnd.choices(WORDS, k=rnd.randint(8, 20)))
        at = len(before) + 4
        etype, sub = EVENT_TYPES[rnd.choice(kinds)]
        out.append(
            Event(f"syn-e{i}", f"syn-a{i // 4}", etype, sub, rnd.choice(["happened"] * 5 + ["planned"]), day, 1,
                  rnd.choice(actors[:5]), rnd.choice(actors), place, 1, quote, 1000, 1000 + at,
                  1000 + at + len(place.name_ar), published=day + timedelta(days=1), source=f"outlet {i % 20}")
        )  # fmt: skip
    return out


def _payload_of(page: str) -> dict:
    import json

    return json.loads(re.search(r"\n  var pay = (\{.*?\});\n", page).group(1))


@pytest.fixture(scope="module")
def big_snapshot(outlines):
    events = _synthetic_events(SNAPSHOT_EVENTS)
    last = max(e.event_date for e in events)
    view = View(day=last, window="week", language="ar")
    cities = [("دمشق", "Damascus", 33.51, 36.29), ("حلب", "Aleppo", 36.2, 37.16)]
    control_days, area_days = mapview.bake_control(CONTROLS_EVENTS, last - timedelta(days=400), last)
    page = snapshot_html(events, CONTROLS, AREAS, outlines, view, "http://127.0.0.1:8501/article",
                         context=mapview.load_context(), cities=cities, control_days=control_days,
                         area_days=area_days)  # fmt: skip
    return events, page


CONTROLS_EVENTS = EVENTS  # control and areas baked per day: the small fixture's takings over 400 days


def test_snapshot_of_10k_events_fits_in_2_mb_with_every_incident(big_snapshot):
    events, page = big_snapshot
    size = len(page.encode("utf-8"))
    assert size <= SNAPSHOT_MAX_BYTES, f"{size / 1e6:.2f} MB for {len(events)} events"
    pay = _payload_of(page)
    incidents = group_incidents(events)
    inc = mapview.payload_columns(pay, "incidents")
    assert len(inc["place"]) == len(incidents) and sum(inc["reports"]) == len(events)
    names = pay["places"]["ar"]
    sent = sorted((names[p], d, n) for p, d, n in zip(inc["place"], inc["day"], inc["reports"], strict=True))
    want = sorted((i.place.name_ar, mapview._days(i.event_date), len(i.reports)) for i in incidents)
    assert sent == want


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js not installed")
def test_the_pages_decoder_gives_back_every_incident_with_its_reports(big_snapshot, tmp_path):
    """The page's own decoder (DECODE_JS), run under Node on the snapshot's payload."""
    import json

    events, page = big_snapshot
    script = tmp_path / "decode.js"
    script.write_text(
        mapview.DECODE_JS
        + "\nconst pay = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        + "process.stdout.write(JSON.stringify(geoDecode(pay).map(p => [p.place[0], p.place[3], p.place[4], p.day,"
        + " p.t, p.a, p.reps.map(r => [r.article, r.quote[1], r.source, r.published])])));\n",
        encoding="utf-8",
    )
    payload = re.search(r"\n  var pay = (\{.*?\});\n", page).group(1)
    res = subprocess.run(["node", str(script)], input=payload, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    decoded = json.loads(res.stdout)
    incidents = [i for i in group_incidents(events) if i.place]
    assert len(decoded) == len(incidents)
    by_key = {}
    for name, lat, lon, day, kind, actors, reps in decoded:
        by_key.setdefault((name, day, kind), []).append((lat, lon, sorted(actors), sorted(map(tuple, reps))))
    for i in incidents:
        kind = mapview.TYPE_OF_PAIR[(i.event_type, i.sub_event_type)]
        reps = sorted(
            (r.article_id, i.place.name_ar, r.source, mapview._days(r.published)) for r in i.reports
        )
        actors = sorted(a for a in (i.actor1, i.actor2) if a)
        got = (round(i.place.lat, 5), round(i.place.lon, 5), actors, reps)
        assert got in by_key[(i.place.name_ar, mapview._days(i.event_date), kind)]


# ---------------------------------------------------------------------------------- areas baked per day


def _areas_on(payload: dict, day: date) -> dict[str, object]:
    """The areas a snapshot draws on `day` (AreaFollower's reading of the payload, in Python)."""
    import bisect
    from itertools import accumulate

    import shapely
    from shapely.geometry import Polygon

    def ring(flat):
        xs, ys = list(accumulate(flat[0::2])), list(accumulate(flat[1::2]))
        return [(x / payload["grid"], y / payload["grid"]) for x, y in zip(xs, ys, strict=True)]

    starts = list(accumulate(payload["day"]))
    s = bisect.bisect_right(starts, mapview._days(day)) - 1
    if s < 0:
        return {}
    per: dict[str, list] = {}
    row = payload["row"][s]
    for cell, actor in zip(row[0::3], row[1::3], strict=True):
        polys = [Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in payload["cells"][cell]]
        per.setdefault(payload["actors"][actor], []).extend(polys)
    return {a: shapely.union_all(p) for a, p in per.items()}


TAKINGS = [
    event("t1", KHSHAM, date(2017, 9, 20), "gov_regains", actors=("Syrian government", "Islamic State")),
    event("t2", OMAR, date(2017, 10, 22), "nsa_overtakes"),
    event("t3", RAQQA, date(2017, 10, 17), "nsa_overtakes"),
]


def test_snapshot_areas_are_baked_on_the_days_they_change_and_match_the_live_maps():
    from geo import territory

    first, last = date(2017, 9, 1), date(2017, 11, 30)
    baked = mapview.area_timeline(TAKINGS, first, last)
    pay = baked.payload
    keys, day, changes = None, first, []
    while day <= last:
        key = mapview.shading_key(territory.control_as_of(TAKINGS, day), day)
        if key != keys:
            changes.append(mapview._days(day))
        keys, day = key, day + timedelta(days=1)
    starts = [sum(pay["day"][: i + 1]) for i in range(len(pay["day"]))]
    assert set(starts) <= set(changes) and 2 <= len(starts) < (last - first).days / 10
    for day in (
        date(2017, 9, 10),
        date(2017, 9, 25),
        date(2017, 10, 21),
        date(2017, 10, 22),
        date(2017, 11, 30),
    ):
        controls = territory.control_as_of(TAKINGS, day)
        live = mapview.control_shading_safe(controls, day)
        drawn = _areas_on(pay, day)
        assert set(drawn) == set(live.areas if live else {}), day
        for actor, geom in drawn.items():  # the same areas, up to the 1/1000° grid
            assert geom.symmetric_difference(live.areas[actor]).area < 0.01 * live.areas[actor].area, (
                day,
                actor,
            )
    assert "SDF" in _areas_on(pay, date(2017, 10, 22)) and "SDF" not in _areas_on(pay, date(2017, 10, 16))
    assert set(baked.held) == {"SDF", "Syrian government"}


def test_snapshot_draws_the_baked_areas_and_lists_every_holder_of_its_span(outlines):
    baked = mapview.area_timeline(TAKINGS, date(2017, 9, 1), date(2017, 10, 23))
    view = View(day=date(2017, 9, 25), language="en")  # the government alone holds a place that day
    page = snapshot_html(TAKINGS, territory_controls(view.day), {}, outlines, view, area_days=baked)
    assert "geoAreaFollower" in page
    import json

    markup = re.search(r'"geo-legend"\);\s*div\.dir = "\w+";\s*div\.innerHTML = ("(?:[^"\\]|\\.)*")', page)
    legend = json.loads(markup.group(1))
    assert "<summary>Legend" in legend
    assert "SDF" in legend and "Syrian government" in legend  # the SDF's areas come later on the slider


def territory_controls(day: date) -> list[Control]:
    from geo import territory

    return territory.control_as_of(TAKINGS, day)


def test_the_chart_spans_the_dense_days_and_counts_the_strays():
    """A few events of 2013 must not squeeze 2018's into hairlines: the chart spans the dense days
    (and always the window shown), the strays before and after counted."""
    dense = [date(2018, 1, 1) + timedelta(days=i % 200) for i in range(980)]
    strays = [date(2013, 1, 1) + timedelta(days=30 * i) for i in range(15)] + [date(2018, 10, 20)] * 5
    lo, hi, before, after = mapview.dense_span(dense + strays, (date(2018, 4, 1), date(2018, 4, 7)))
    assert date(2018, 1, 1) <= lo <= date(2018, 1, 10) and date(2018, 7, 1) <= hi <= date(2018, 7, 20)
    assert 15 <= before <= 15 + 25 and 5 <= after <= 5 + 25  # the strays, and the first/last dense days
    assert before + after + sum(lo <= d <= hi for d in dense + strays) == len(dense + strays)
    lo, hi, before, _ = mapview.dense_span(dense + strays, (date(2014, 1, 1), date(2014, 1, 7)))
    assert lo <= date(2014, 1, 1) and before < 15  # a window among the strays is drawn too
    assert mapview.dense_span([], (date(2018, 4, 1), date(2018, 4, 7)))[:2] == (
        date(2018, 4, 1),
        date(2018, 4, 7),
    )


def test_an_inferred_control_state_says_so_in_its_tooltip_in_both_languages(outlines):
    """A place held by inference (no report of that day tells it: geo.territory kinds "area", "prior") reads
    «مستنتج من الأماكن المجاورة» / "inferred from nearby places" under its holder; a told one says nothing."""
    controls = [
        replace(CONTROLS[0], kind="area"),
        replace(CONTROLS[1], kind="prior"),
        Control(RAQQA, "SDF", date(2017, 10, 20), "e3"),
        Control(ASTANA, "Syrian government", date(2017, 10, 20), "e4", kind="first_report"),
    ]
    for language, area, prior in (
        ("ar", "مستنتج من الأماكن المجاورة", "مستنتج من تقرير لاحق"),
        ("en", "inferred from nearby places", "inferred from a later report"),
    ):
        view = View(day=date(2017, 10, 23), language=language)
        (layer,) = _find(build_map([], controls, {}, outlines, view), mapview.ControlLayer)
        rows = {r[3]: r[10] for r in json.loads(layer.rows_json)}
        assert rows == {OMAR.name_en: "inferred_area", KHSHAM.name_en: "inferred_prior", RAQQA.name_en: "",
                        ASTANA.name_en: "inferred_first"}  # fmt: skip
        ui = json.loads(layer.meta_json)["ui"]
        assert (ui["inferred_area"], ui["inferred_prior"]) == (area, prior)
        assert "ui[r[10]]" in map_html(build_map([], controls, {}, outlines, view))  # the tooltip line


def test_a_baked_control_stretch_ends_where_its_state_turns_from_told_to_inferred():
    told, inferred = CONTROLS[0], replace(CONTROLS[0], kind="area")
    rows = mapview._ControlRows()
    rows.add_day(date(2017, 10, 22), [told])
    rows.add_day(date(2017, 10, 23), [inferred])
    assert [r[8] for r in rows.rows] == ["", "inferred_area"]


def test_every_inferred_kind_of_the_territory_stage_has_its_tooltip_label():
    from geo.territory import INFERRED_KINDS

    assert set(mapview.INFERRED) == INFERRED_KINDS
    assert all(key in mapview.UI["ar"] and key in mapview.UI["en"] for key in mapview.INFERRED.values())


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js not installed")
def test_an_incident_told_twice_by_one_article_is_one_report_on_the_map(tmp_path):
    """Its marker is sized and labelled by the articles that tell it (ACLED's sources): one article's two
    sentences about one clash are "1 report", a second article makes it 2; every mention stays listed."""
    one = event("a", KHSHAM, date(2017, 10, 20))
    twice = replace(one, event_id="b", article_id=one.article_id, quote_start=400)
    other = replace(one, event_id="c", article_id="art-other")
    view = View(day=date(2017, 10, 23), language="en")
    for events, articles in (([one, twice], 1), ([one, twice, other], 2)):
        (inc,) = group_incidents(events)
        page = snapshot_html(events, [], {}, None, view)
        script = tmp_path / "decode.js"
        script.write_text(
            mapview.DECODE_JS + "\nconst pay = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
            "process.stdout.write(JSON.stringify(geoDecode(pay).map(p => [p.arts, p.reps.length])));\n",
            encoding="utf-8",
        )
        payload = re.search(r"\n  var pay = (\{.*?\});\n", page).group(1)
        res = subprocess.run(["node", str(script)], input=payload, capture_output=True, text=True, timeout=60)
        assert json.loads(res.stdout) == [[articles, len(events)]], res.stderr
        assert mapview.drawn([inc], [], {}, False).sized is (articles > 1)
        assert "n = p.arts" in page and 'count(p.arts, "n_articles")' in page  # marker size and popup row


def test_png_and_snapshot_headers_count_the_points_and_the_governorate_level_apart():
    """QA11 N20: the page says «92 on the map · 25 governorate/region-level»; the PNG said 117."""
    import html as html_lib

    gov = Place("ocha:SY09", "دير الزور", "Deir-ez-Zor", "governorate", 35.3, 40.1, "SY09", "Deir-ez-Zor")
    day = date(2017, 10, 22)
    evs = [event("p1", OMAR, day, "nsa_overtakes"), event("p2", KHSHAM, day, "air_strike"),
           event("g1", gov, day, "shelling")]  # fmt: skip
    view = View(day=day, window="week", language="en")
    png = html_lib.unescape(mapview.png_html(group_incidents(evs), [], {}, None, view))
    assert "2 incidents on the map (3 reports) · 1 incident governorate/region-level" in png
    snap = mapview.snapshot_page(evs, [], {}, None, view)
    assert (snap.incidents, snap.region) == (2, 1)
    assert "2 incidents on the time slider (3 reports) · 1 incident governorate/region-level" in html_lib.unescape(
        snap.html
    )


# ------------------------------------------------------------------ a listed place's holding statement (review R8)
LISTED = "والمدن الرئيسية في غرب سوريا وهي دمشق وحلب وحماة وحمص تخضع بالكامل الآن لسيطرة الأسد."


@pytest.fixture(scope="module")
def listed_statements():
    """The holding statements of one sentence whose phrase governs a list of four cities (geo/statements.py)."""
    from geo import dates, gazetteer, statements
    from geo.doc import Doc
    from geo.model import Article
    from geo.pipeline import geoparse

    article = Article("list1", LISTED, date(2018, 3, 1), "test outlet")
    doc = Doc.of(article)
    spans = dates.find_time_spans(LISTED, article.published, doc)
    located = geoparse(article, gazetteer.load(), doc)
    return statements.control_statements(article, located, [], doc, spans)


def test_a_listed_towns_statement_marks_the_town_in_its_quote(listed_statements):
    marks = {ev.place.name_en: mapview._quote_parts(ev)[1] for ev in listed_statements}
    assert marks == {"Damascus": "دمشق", "Aleppo": "وحلب", "Hama": "وحماة", "Homs": "وحمص"}
    assert all(ev.place_start == -1 for ev in listed_statements)  # what territory reads is unchanged


def test_the_popup_quote_of_a_listed_town_marks_the_town(listed_statements):
    data = mapview.event_payload(listed_statements)
    rep = mapview.payload_columns(data, "reports")
    marks = {data["marks"][data["quotes"]["mark"][q]] for q in rep["quote"]}
    assert marks == {"دمشق", "وحلب", "وحماة", "وحمص"}
