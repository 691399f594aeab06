"""What the map shows at the villages no report names (pocket_states), near a front (PROVINCE_FRONT_KM), and that the
cells it keeps per set of points (control_cells' cache) are the cells it would compute afresh."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, timedelta

import pytest
from shapely.geometry import Point

from geo import mapview, territory
from geo.model import EVENT_TYPES, Event, Place

ANCHOR = (34.6, 38.4)  # the Homs desert: one governorate (SY04), no barrier near
DAY = date(2018, 5, 10)


def _place(pid, km_east, km_north, kind="village", admin1="SY04"):
    lat0, lon0 = ANCHOR
    lon = lon0 + km_east / (111.32 * math.cos(math.radians(lat0)))
    return Place(pid, f"قرية {pid}", f"Village {pid}", kind, lat0 + km_north / 111.32, lon, admin1=admin1)


def _taken(pid, km_east, km_north, actor="Syrian government", day=date(2018, 5, 1)):
    kind = "gov_regains" if actor == "Syrian government" else "nsa_overtakes"
    etype, sub = EVENT_TYPES[kind]
    return Event(
        event_id=pid, article_id=pid, event_type=etype, sub_event_type=sub, status="happened", event_date=day,
        time_precision=1, actor1=actor, actor2="", place=_place(pid, km_east, km_north), geo_precision=1, quote="…",
        quote_start=0,
    )  # fmt: skip


# Three government-held villages 20 km apart: a pocket (a triangle) of the government's.
POCKET = [_taken("g1", 0, -10), _taken("g2", 20, -10), _taken("g3", 10, 10)]
INSIDE = _place("deep", 10, 2)  # inside the triangle, far from any other side
OUTSIDE = _place("beyond", 40, 20)  # beside the pocket, outside its triangle


def _shown(events, villages, day=DAY):
    return {c.place.place_id: c for c in territory.build_timeline(events, targets=(), villages=villages).as_of(day)}


def test_a_village_inside_a_held_pocket_is_shown_as_its_holder_paler():
    shown = _shown(POCKET, [INSIDE, OUTSIDE])
    deep = shown["deep"]
    assert (deep.controller, deep.kind, deep.contested) == ("Syrian government", "area", False)
    assert territory.is_stale(deep, DAY)  # inferred: its marker and its ground shaded paler
    assert deep.event_id in {"g1", "g2", "g3"}  # its basis, the nearest place of the pocket
    assert deep.confidence < min(shown[g].confidence for g in ("g1", "g2", "g3"))
    assert "beyond" not in shown  # beside the pocket, not in it: a front may run there
    rows = mapview._ControlRows()  # the snapshot's marker rows: the village's is labelled inferred
    rows.add_day(DAY, list(shown.values()))
    assert [r[4:5] + r[8:9] for r in rows.rows if r[2] == INSIDE.name_ar] == [["Syrian government", "inferred_area"]]
    shading = territory.control_shading(list(shown.values()), DAY, sites=[*POCKET_PLACES, INSIDE, OUTSIDE])
    assert shading.stale["Syrian government"].contains(Point(INSIDE.lon, INSIDE.lat))  # its own ground, paler
    assert not shading.areas["Syrian government"].contains(Point(OUTSIDE.lon, OUTSIDE.lat))


POCKET_PLACES = [e.place for e in POCKET]


def test_a_village_within_pocket_width_of_the_front_stays_unknown():
    """An opposition-held village 6 km south of the pocket's southern edge: the line between the two sides' places
    runs some 4.7 km inside the triangle there, so a village 1.7 km beyond it is within POCKET_WIDTH_KM of the front
    (unknown), one 6.7 km beyond it is deep in the pocket (the government's)."""
    rebel = _taken("o", 10, -16, actor="Syrian opposition")
    near_front, deep = _place("near", 10, -3), _place("deep", 10, 2)
    shown = _shown([*POCKET, rebel], [near_front, deep])
    assert "near" not in shown
    assert shown["deep"].controller == "Syrian government"
    inside_the_rebels_pocket = _place("in", 10, -7)  # inside the triangle but nearer the rebel village
    assert "in" not in _shown([*POCKET, rebel], [inside_the_rebels_pocket])


def test_no_village_is_inferred_in_a_triangle_that_holds_another_sides_place_or_a_contested_one():
    rebel = _taken("o", 10, -4, actor="Syrian opposition")  # inside the triangle
    assert "deep" not in _shown([*POCKET, rebel], [INSIDE])


def test_a_village_takes_no_holder_from_places_told_long_ago_or_once():
    late = DAY + timedelta(days=territory.AREA_SOURCE_MAX_DAYS + 30)  # the pocket's states no longer lend
    assert "deep" not in _shown(POCKET, [INSIDE], late)
    assert "deep" not in _shown(POCKET[:2], [INSIDE])  # two places span no pocket


IDLIB = (35.62, 36.68)
IDLIB_TOLD = "نزح آلاف المدنيين هذا الأسبوع داخل محافظة إدلب التي تسيطر عليها فصائل المعارضة"
IDLIB_GOV = Place("ocha:SY07", "إدلب", "Idlib", "governorate", 35.8, 36.6, admin1="SY07")


def _province_told(eid, day):
    etype, sub = EVENT_TYPES["shelling"]
    at = IDLIB_TOLD.index("إدلب")
    return Event(
        event_id=eid, article_id=f"art-{eid}", event_type=etype, sub_event_type=sub, status="happened", event_date=day,
        time_precision=1, actor1="Syrian government", actor2="", place=IDLIB_GOV, geo_precision=IDLIB_GOV.geo_precision,
        quote=IDLIB_TOLD, quote_start=0, place_start=at, place_end=at + len("إدلب"),
    )  # fmt: skip


def _idlib_place(pid, km_north, kind="town"):
    return Place(pid, f"بلدة {pid}", f"Town {pid}", kind, IDLIB[0] + km_north / 111.32, IDLIB[1], admin1="SY07")


def test_a_town_near_a_front_is_not_lent_its_governorates_holder_one_farther_off_is():
    """Idlib told held by the opposition (two articles) and one government-held village in it: a town 7 km from that
    village is at a front (not shown); one 15 km off is shown the opposition's, paler (PROVINCE_FRONT_KM). A village
    no report names, in no pocket, takes no governorate's holder at all."""
    told = [_province_told("p1", date(2018, 9, 1)), _province_told("p2", date(2018, 9, 5))]
    day = date(2018, 9, 10)
    etype, sub = EVENT_TYPES["gov_regains"]
    gov = Event(
        event_id="g", article_id="g", event_type=etype, sub_event_type=sub, status="happened",
        event_date=date(2018, 8, 1), time_precision=1, actor1="Syrian government", actor2="",
        place=_idlib_place("g", 0, kind="village"), geo_precision=1, quote="…", quote_start=0,
    )  # fmt: skip
    near = _idlib_place("near", 7)  # a village or two beyond the government's: at the front
    far = _idlib_place("far", 15)  # behind it (by the old 30 km rule it was at a front: unknown)
    village = _idlib_place("village", 40, kind="village")
    tl = territory.build_timeline([*told, gov], targets=(near, far), villages=(village,))
    shown = {c.place.place_id: c for c in tl.as_of(day)}
    assert "near" not in shown
    assert (shown["far"].controller, shown["far"].kind) == ("Syrian opposition", "area")
    assert territory.is_stale(shown["far"], day)
    assert "village" not in shown


# --------------------------------------------------------------------------- the cells kept per set of points


def _controls():
    return territory.build_timeline(POCKET, targets=(), villages=(INSIDE,)).as_of(DAY)


def test_cached_cells_are_the_cells_computed_afresh():
    territory.clear_cells_cache()
    sites = [*POCKET_PLACES, INSIDE, OUTSIDE]
    fresh = territory.control_cells(_controls(), sites=sites, cache=False)
    first = territory.control_cells(_controls(), sites=sites)
    again = territory.control_cells(_controls(), sites=sites)
    assert fresh and len(fresh) == len(first) == len(again) == 4
    for (a, ga), (b, gb), (c, gc) in zip(fresh, first, again, strict=True):
        assert a.place.place_id == b.place.place_id == c.place.place_id
        assert ga.equals_exact(gb, 0) and gb.equals_exact(gc, 0)


def test_cached_cells_carry_todays_holder_not_the_one_they_were_computed_with():
    territory.clear_cells_cache()
    controls = _controls()
    territory.control_cells(controls, sites=POCKET_PLACES)
    changed = [dataclasses.replace(c, controller="SDF") if c.place.place_id == "g1" else c for c in controls]
    got = {c.place.place_id: c.controller for c, _cell in territory.control_cells(changed, sites=POCKET_PLACES)}
    assert got["g1"] == "SDF" and got["g2"] == "Syrian government"


def test_the_cells_cache_keeps_at_most_its_size(monkeypatch):
    territory.clear_cells_cache()
    monkeypatch.setattr(territory, "CELLS_CACHE_SIZE", 3)
    controls = _controls()
    for i in range(6):  # six different point sets
        moved = [dataclasses.replace(c, place=dataclasses.replace(c.place, lat=c.place.lat + i * 1e-3)) for c in controls]
        territory.control_cells(moved, sites=())
    assert len(territory._CELLS_CACHE) == 3


@pytest.mark.parametrize("size", [0, territory.CELLS_CACHE_SIZE])
def test_the_snapshot_areas_are_the_same_with_or_without_the_cells_cache(monkeypatch, size):
    """mapview.area_timeline (what the snapshot's slider draws) bakes the same payload whether control_cells keeps
    cells or computes every set afresh (a cache of size 0 keeps none)."""
    events = [*POCKET, _taken("o", 60, 0, actor="Syrian opposition", day=date(2018, 5, 5))]
    territory.clear_cells_cache()
    monkeypatch.setattr(territory, "CELLS_CACHE_SIZE", 0)
    uncached = mapview.area_timeline(events, date(2018, 4, 28), DAY).payload
    monkeypatch.setattr(territory, "CELLS_CACHE_SIZE", size)
    territory.clear_cells_cache()
    first = mapview.area_timeline(events, date(2018, 4, 28), DAY).payload
    again = mapview.area_timeline(events, date(2018, 4, 28), DAY).payload
    assert uncached == first == again
    assert uncached["cells"] and len(uncached["row"]) >= 2  # the areas change on the days the places are taken
