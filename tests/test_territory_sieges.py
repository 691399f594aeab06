"""Sieges on the control timeline: a place told besieged by a side is held against it, and an evacuation that
empties it hands it to the besieger (geo/rules/territory_statements.jsonl rows "besieged" and "besieger"; the
rows' examples are read by tests/test_territory.py::test_each_statement_row_reads_its_example)."""

from __future__ import annotations

import dataclasses
from datetime import date

from geo import territory
from geo.model import EVENT_TYPES, Event, Place

FUAH = Place("wof:10", "الفوعة", "al-Fu'ah", "village", 35.98262, 36.70351, admin1="SY07", admin1_en="Idleb")
KAFRIYA = Place("wof:13", "كفريا", "Kafriya", "village", 35.99029, 36.67816, admin1="SY07", admin1_en="Idleb")
BINNISH = Place("wof:11", "بنش", "Binnish", "town", 35.95, 36.71, admin1="SY07", admin1_en="Idleb")
DEIR = Place("wof:12", "دير الزور", "Deir ez-Zor", "city", 35.33, 40.14, admin1="SY09", admin1_en="Deir-ez-Zor")
IDLIB = Place("ocha:SY07", "إدلب", "Idleb", "governorate", 35.8, 36.6, admin1="SY07", admin1_en="Idleb")


def _event(eid, kind, day, place, quote, name, actor1="", article="a1", **extra) -> Event:
    etype, sub = EVENT_TYPES[kind] if kind != "statement" else ("Strategic developments", "Other")
    at = quote.index(name)
    return Event(
        event_id=eid, article_id=article, event_type=etype, sub_event_type=sub, status="happened", event_date=day,
        time_precision=1, actor1=actor1, actor2="", place=place, geo_precision=place.geo_precision, quote=quote,
        quote_start=0, place_start=at, place_end=at + len(name),
        extra={**({"control_statement": True} if kind == "statement" else {}), **extra},
    )  # fmt: skip


def _besieged(day=date(2018, 7, 18), article="a1"):
    quote = "وصلت الحافلات إلى بلدة الفوعة المحاصرة من قبل فصائل المعارضة"
    return _event("s", "statement", day, FUAH, quote, "الفوعة", article=article)


def _evacuated(day=date(2018, 7, 19), article="a2", quote="وأشارت القناة إلى خروج كامل الحافلات من الفوعة"):
    """«خروج كامل الحافلات من كفريا والفوعة»: who left is not told; the event stage guesses the opposition."""
    trigger = "خروج"
    return _event("w", "withdrawal", day, FUAH, quote, "الفوعة", actor1="Syrian opposition", article=article,
                  actor1_basis="default", trigger=trigger, trigger_start=quote.index(trigger))  # fmt: skip


def test_a_place_told_besieged_by_the_opposition_is_the_governments():
    e = _besieged()
    assert territory.stated_holder(e) == "Syrian government"
    assert territory.besieger_of(e) == "Syrian opposition"


def test_a_place_besieged_by_the_government_tells_no_holder():
    """The government besieged the opposition's Eastern Ghouta and IS's Yarmouk camp alike: who holds is not told."""
    quote = "وصلت قافلة إلى بلدة الفوعة المحاصرة من قبل قوات النظام"
    assert territory.stated_holder(_event("s", "statement", date(2018, 3, 1), FUAH, quote, "الفوعة")) is None


def test_a_city_or_a_governorate_told_besieged_tells_no_holder():
    """Deir ez-Zor city was divided between the army and IS while IS besieged the army's quarters; «البلدتين الواقعتين
    في محافظة إدلب تحاصرهما هيئة تحرير الشام» is said of the two towns, not of the province."""
    city = "لا يعرف شيئا عن أصدقائه في مدينة دير الزور التي يحاصرها تنظيم داعش"
    assert territory.stated_holder(_event("c", "statement", date(2017, 5, 1), DEIR, city, "دير الزور")) is None
    towns = "وكانت البلدتين الواقعتين في محافظة إدلب تحاصرهما هيئة تحرير الشام وفصائل أخرى"
    province = _event("p", "statement", date(2018, 7, 19), IDLIB, towns, "محافظة إدلب")
    assert territory.province_holder(province) is None


def test_an_evacuation_of_a_besieged_place_hands_it_to_the_besieger():
    """Wikipedia, 'Siege of al-Fu'ah and Kafriya': the government's side left the two towns on 18–19 July 2018 and
    HTS entered them. An evacuation whose leavers the text does not name gave them to the government (a retelling
    that a second article would have made a taking); told besieged by the opposition, the besieged side left."""
    tl = territory.build_timeline([_besieged(), _evacuated()], targets=())
    after = tl.state(FUAH, date(2018, 8, 1))
    assert (after.controller, after.kind) == ("Syrian opposition", "event")
    before = tl.state(FUAH, date(2018, 3, 1))
    assert (before.controller, before.kind) == ("Syrian government", "prior")  # the siege's end tells who held it


def test_an_evacuation_far_from_the_siege_told_is_not_reread():
    later = date(2018, 12, 1)  # past CONTEST_WINDOW_DAYS after the siege was told
    tl = territory.build_timeline([_besieged(), _evacuated(day=later)], targets=())
    assert tl.state(FUAH, date(2018, 12, 2)).controller == "Syrian government"  # the guessed leaver, as before


def test_a_besieged_enclave_lends_no_area_to_the_towns_around_it():
    """al-Fu'ah's and Kafriya's government lent its holder to Binnish, 3 km off, an opposition town throughout."""
    quote = "وصلت الحافلات إلى الفوعة وكفريا المحاصرتين من فصائل المعارضة"
    kafriya = _event("k", "statement", date(2018, 7, 18), KAFRIYA, quote, "كفريا")
    evacuated = dataclasses.replace(_evacuated(), event_id="x", place=KAFRIYA)
    evacuated = dataclasses.replace(evacuated, place_start=evacuated.quote.index("الفوعة"))
    tl = territory.build_timeline([_besieged(), _evacuated(), kafriya, evacuated], targets=(BINNISH,))
    assert tl.state(KAFRIYA, date(2018, 3, 1)).controller == "Syrian government"
    for day in (date(2018, 3, 1), date(2018, 7, 18)):
        assert [c for c in tl.as_of(day) if c.place.place_id == BINNISH.place_id] == []
