"""Incidents: a strike on a site and on the settlement its name carries past the site's first word are one."""

from __future__ import annotations

from datetime import date

from geo import incidents
from geo.gazetteer import distance_km
from geo.incidents import group_incidents
from geo.model import Place
from tests.test_incidents import ev

DEIR = Place("t:deir", "دير الزور", "Deir ez-Zor", "city", 35.3359, 40.1408, "SY09", "Deir-ez-Zor")
AIRPORT = Place(
    "t:deir-air", "مطار دير الزور العسكري", "Deir ez-Zor military airport", "base", 35.2159, 40.1408, "SY09",
    "Deir-ez-Zor", names_ar=("مطار دير الزور العسكري",),
)  # fmt: skip
DAY = {"published": date(2017, 1, 16), "basis": "report"}  # undated news: the day before its publishing


def test_a_strike_on_a_base_named_after_a_two_word_city_is_the_citys_strike_that_day():
    """«مطار دير الزور العسكري»: the city's two-word name stands in the site's second and third words; a report
    of shelling on the airport and one on the city, published the same day, are one incident on the map. The base is put 13 km
    south of the city here (the real one is nearer): beyond the index's neighbour cells, within SITE_KM, so only
    the site's name can bring the two together (report-dated lines: no same-day join does it)."""
    assert (
        2 * incidents.CELL_DEG * 111
        < distance_km(DEIR.lat, DEIR.lon, AIRPORT.lat, AIRPORT.lon)
        <= incidents.SITE_KM
    )
    on_city = ev("c1-s", kind="shelling", place=DEIR, quote="قصف على مدينة دير الزور", **DAY)
    on_base = ev("c2-s", kind="shelling", place=AIRPORT, quote="قصف على مطار دير الزور العسكري", **DAY)
    (inc,) = group_incidents([on_city, on_base])
    assert inc.place in (DEIR, AIRPORT)
