"""Control: a province's holder lent back before the province was first told held is weaker than after."""

from __future__ import annotations

from datetime import date

from geo import territory
from geo.model import Place
from tests.test_territory import _placed, ev

IDLIB = Place("ocha:SY07", "إدلب", "Idlib", "governorate", 35.8, 36.6, admin1="SY07")
HELD = "قصفت الطائرات قرى في ريف محافظة إدلب التي تسيطر عليها فصائل المعارضة منذ سنوات"
VILLAGE = Place("t:v", "قرية ت", "Village T", "village", 35.62, 36.68, admin1="SY07")


def _told(eid: str, day: date):
    return _placed(
        eid, "shelling", day, IDLIB, HELD, "إدلب", article=f"art-{eid}", actor1="Syrian government"
    )


def test_a_prior_province_holder_is_weaker_than_the_same_holder_once_the_province_is_told_held():
    """Two articles tell Idlib held by the opposition in September; a village there with no report of its own is
    drawn opposition-held both in March (a prior holder, read back) and in September, but a reader weighing the map
    must see March's reading as the less sure one."""
    told = [_told("a", date(2018, 9, 1)), _told("b", date(2018, 9, 5))]
    struck = ev("s", "air_strike", date(2018, 9, 6), VILLAGE, actor1="Russia")
    tl = territory.build_timeline([*told, struck])
    before = {c.place.place_id: c for c in tl.as_of(date(2018, 3, 1))}["t:v"]
    after = {c.place.place_id: c for c in tl.as_of(date(2018, 9, 10))}["t:v"]
    assert before.controller == after.controller == "Syrian opposition"
    assert before.last_confirmed is None and after.last_confirmed == date(2018, 9, 5)
    assert 0 < before.confidence < after.confidence
