"""Incidents: the mentions that report one happening become one record, with their reports behind it."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from geo import incidents, pipeline
from geo.incidents import group_incidents, incident_of
from geo.model import ACTORS, EVENT_TYPES, Article, Event, Located, Mention, Place

DOUMA = Place("wof:douma", "دوما", "Douma", "city", 33.5711, 36.4019, "SY03", "Rural Damascus")
DOUMA_GN = Place("gn:douma", "دوما", "Douma", "city", 33.5790, 36.4100, "SY03", "Rural Damascus")  # ~1.1 km
HARASTA = Place(
    "wof:harasta", "حرستا", "Harasta", "city", 33.5586, 36.3650, "SY03", "Rural Damascus"
)  # ~3.7 km
RIF = Place("ocha:SY03", "ريف دمشق", "Rural Damascus", "governorate", 33.5, 36.6, "SY03", "Rural Damascus")
GHOUTA = Place("ovl:ghouta", "الغوطة الشرقية", "Eastern Ghouta", "region", 33.55, 36.45, "SY03")
SYRIA = Place("wof:sy", "سوريا", "Syria", "country", 35.0, 38.5)
DAMASCUS = Place("wof:dam", "دمشق", "Damascus", "city", 33.5158, 36.2815, "SY01", "Damascus")
OMAR = Place(
    "ovl:omar", "حقل العمر", "al-Omar oil field", "oil_field", 35.1517, 40.5758, "SY09", "Deir-ez-Zor"
)
QUARTER = Place(
    "ovl:q", "حي الجلاء", "al-Jalaa", "neighbourhood", 33.62, 36.45, "SY03", parent_id="wof:douma"
)


def ev(
    eid,
    kind="air_strike",
    place=DOUMA,
    day=date(2018, 4, 7),
    published=None,
    actors=("", ""),
    basis="clause",
    quote="غارات على دوما",
    last=None,
    article=None,
    precision=1,
    fatalities=None,
    geo_precision=1,
    status="happened",
    source="Outlet",
    actor_basis="before",
) -> Event:
    etype, sub = EVENT_TYPES[kind]
    published = published or day + timedelta(days=1)
    if basis == "report":
        day, last, precision = published - timedelta(days=1), published, 2
    e = Event(
        event_id=eid, article_id=article or eid.split("-")[0], event_type=etype, sub_event_type=sub,
        status=status, event_date=day, time_precision=precision, actor1=actors[0], actor2=actors[1],
        place=place, geo_precision=geo_precision, quote=quote, quote_start=0, published=published,
        source=source, date_last=last,
        extra={"type_key": kind, "date_basis": basis, "actor1_basis": actor_basis},
    )  # fmt: skip
    return e if fatalities is None else _Fat(e, fatalities)


class _Fat:
    """An Event with the `fatalities` field the event stage may add (read with getattr)."""

    def __init__(self, ev: Event, n: int) -> None:
        self._ev, self.fatalities = ev, n

    def __getattr__(self, name):
        return getattr(self._ev, name)


def one(events, **kw):
    (inc,) = group_incidents(events, **kw)
    return inc


# ------------------------------------------------------------------------------------- rules as data


def _rows(name: str) -> list[dict]:
    path = incidents.RULES / name
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.mark.parametrize("row", _rows("incident_families.jsonl"), ids=lambda r: r["family"])
def test_each_family_row_groups_its_example_and_keeps_other_families_apart(row):
    a, b = row["example"]["a"], row["example"]["b"]
    assert a["type"] in row["types"] and b["type"] in row["types"]
    ea = ev("x1-a", a["type"], OMAR, actors=(a["actor1"], a["actor2"]), quote=a["quote"])
    eb = ev("x2-b", b["type"], OMAR, actors=(b["actor1"], b["actor2"]), quote=b["quote"])
    inc = one([ea, eb])
    assert inc.family == row["family"] and len(inc.reports) == 2
    other = next(k for k in EVENT_TYPES if incidents.family_of(k).name != row["family"])
    assert len(group_incidents([ea, ev("x3-c", other, OMAR)])) == 2


@pytest.mark.parametrize("row", _rows("incident_retell_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_retelling_cue_lets_a_report_dated_strike_point_back(row):
    assert incidents.retells(row["example"])
    first = ev("a1-s", "shelling", day=date(2018, 4, 7), published=date(2018, 4, 7))
    retold = ev("a2-r", "shelling", published=date(2018, 4, 11), basis="report", quote=row["example"])
    fresh = ev("a3-f", "shelling", published=date(2018, 4, 11), basis="report", quote="قصف على دوما")
    assert len(one([first, retold]).reports) == 2
    assert len(group_incidents([first, fresh])) == 2  # a new day's shelling, told without a cue


@pytest.mark.parametrize("row", _rows("incident_share_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_share_cue_keeps_a_share_told_a_week_on_as_that_day_s_state(row):
    # «واستعادت قوات النظام أخيرا أكثر من 90 في المئة من محافظة درعا إثر عملية عسكرية» told on the 23rd
    # is the state that day (the seventh gold's H049), not the taking of the 15th that «إثر» would reach
    assert incidents.tells_share(row["example"], row["family"]) and incidents.retells(row["example"])
    assert not incidents.tells_share("واستعاد الجيش مواقع في محافظة درعا إثر عملية عسكرية", row["family"])
    kind = next(k for k in incidents.families() if incidents.family_of(k).name == row["family"] and k != "armed_clash")
    side = {"actors": ("Syrian government", "")}
    taken = ev("a1-t", kind, DARAA_GOV, day=date(2018, 7, 15), published=date(2018, 7, 15), **side)
    told = {"published": date(2018, 7, 22), "basis": "report", **side}
    share = ev("a2-s", kind, DARAA_GOV, quote=row["example"], **told)
    retold = ev("a3-r", kind, DARAA_GOV, quote="واستعاد الجيش مواقع في محافظة درعا إثر عملية عسكرية", **told)
    assert len(group_incidents([taken, share])) == 2
    assert len(one([taken, retold]).reports) == 2  # the cue alone still points back


MANBIJ = Place("wof:manbij", "منبج", "Manbij", "city", 36.5281, 37.9549, "SY02", "Aleppo")


@pytest.mark.parametrize("ids", [("a1-1", "a1-2", "a1-3"), ("a1-3", "a1-2", "a1-1")], ids=["month last", "month first"])
def test_a_deal_its_article_dates_to_this_month_holds_its_lines_retold_on_the_telling_day(ids):
    # the ninth gold's Manbij roadmap (H015): «واتفقت الولايات المتحدة وتركيا، الشهر الحالي، على خارطة طريق»
    # and, in the same article told on Tuesday the 19th, «بدأت أنقرة الاثنين تسيير دوريات في إطار الاتفاق»
    # and «نددت الخارجية السورية، الثلاثاء، بالاتفاق»: lines dated on their telling days, reaching back
    told, day = date(2018, 6, 19), {"kind": "agreement", "place": MANBIJ, "actors": ("Turkey", "")}
    monday = ev(ids[0], day=date(2018, 6, 18), published=told, quote="بدأت أنقرة الاثنين تسيير دوريات", **day)
    tuesday = ev(ids[1], day=told, published=told, quote="نددت الخارجية السورية، الثلاثاء، بالاتفاق", **day)
    month = ev(ids[2], day=date(2018, 6, 1), last=date(2018, 6, 30), precision=3, published=told,
               quote="واتفقت الولايات المتحدة وتركيا، الشهر الحالي، على خارطة طريق", **day)  # fmt: skip
    assert len(one([monday, tuesday, month]).reports) == 3
    # another article's month line says nothing of which deal of the month those lines retell
    other = replace(month, event_id="a2-3", article_id="a2")
    assert len(group_incidents([monday, tuesday, other])) == 2


def test_a_day_its_text_dates_joins_the_one_incident_dated_to_its_month_told_before_it():
    # the seventh gold's H014: «وفي أبريل نيسان 2017 تم إجلاء آلاف … في اتفاقية» (a0907, told 18 July 2018)
    # and, told the next day, «في 11 أبريل 2017، توصلت هيئة تحرير الشام … إلى اتفاق» (a0987): the month line
    # is filed first, and the day line now finds it as the month line would have found the day line
    month = ev("a1-m", "agreement", day=date(2017, 4, 1), last=date(2017, 4, 30), precision=3,
               published=date(2018, 7, 18), quote="وفي أبريل نيسان 2017 تم إجلاء الآلاف في اتفاقية")  # fmt: skip
    day = ev("a2-d", "agreement", day=date(2017, 4, 11), published=date(2018, 7, 19), quote="في 11 أبريل 2017، توصلوا إلى اتفاق")
    assert len(one([month, day]).reports) == 2
    assert len(one([day, replace(month, published=date(2018, 7, 20))]).reports) == 2  # the other order, as before
    may = replace(day, event_date=date(2017, 5, 11), quote="في 11 أيار 2017، توصلوا إلى اتفاق")
    assert len(group_incidents([month, may])) == 2  # a day outside its month
    elsewhere = replace(day, place=HARASTA)
    assert len(group_incidents([month, elsewhere])) == 2  # a month joins only at its very place


KAFRAYA = Place("gn:kafraya", "كفريا", "Kafraya", "village", 35.9939, 36.6989, "SY07", "Idlib")
FUA = Place("gn:fua", "الفوعة", "al-Fu'a", "village", 36.0099, 36.6933, "SY07", "Idlib")  # ~1.8 km


def test_twin_towns_named_as_a_pair_share_one_deal_but_not_one_battle():
    # the seventh gold's H035: «بدأت الحافلات الأربعاء في دخول بلدتي الفوعة وكفريا» (placed at Kafraya) and
    # another outlet's deal of the day placed at al-Fu'a are the one deal made for both towns
    day = {"day": date(2018, 7, 18), "published": date(2018, 7, 18)}
    pair = ev("a1-k", "agreement", KAFRAYA, quote="بدأت الحافلات الأربعاء في دخول بلدتي الفوعة وكفريا، وفق الاتفاق", **day)
    other = ev("a2-f", "agreement", FUA, quote="وأضافت أن المفاوضين توصلوا إلى اتفاق", **day)
    assert len(one([pair, other]).reports) == 2
    # with no report naming the two together, two villages of other names are two places (see _near)
    alone = replace(pair, quote="بدأت الحافلات الأربعاء في دخول بلدة كفريا وفق الاتفاق")
    assert len(group_incidents([alone, other])) == 2
    # a battle is fought for each village apart, however the sentence pairs them
    fights = [replace(e, extra={**e.extra, "type_key": "armed_clash"}) for e in (pair, other)]
    fights = [replace(e, event_type=EVENT_TYPES["armed_clash"][0], sub_event_type=EVENT_TYPES["armed_clash"][1]) for e in fights]
    assert len(group_incidents(fights)) == 2


@pytest.mark.parametrize("row", _rows("incident_news_cues.jsonl"), ids=lambda r: f"{r['verb']} {r['news']}")
def test_each_news_cue_keeps_a_deal_announced_that_day_off_last_week_s_deal(row):
    assert incidents.announces(row["example"])
    assert not incidents.announces(row["example"].replace(row["news"], "رفض"))  # the verb alone tells no deal
    parties = ("Russia", "Syrian opposition")
    week = {"kind": "agreement", "place": DARAA, "actors": parties}
    truce = ev("a1-d", day=date(2018, 6, 29), published=date(2018, 6, 29), **week)
    # told on its day a week on: without the cue a retelling of that truce, with it a new deal
    told = {"day": date(2018, 7, 6), "published": date(2018, 7, 6), **week}
    retold = ev("a2-d", quote="اتفاق بين الروس والفصائل في درعا", **told)
    announced = ev("a3-d", quote=row["example"], **told)
    assert len(one([truce, retold]).reports) == 2
    assert len(group_incidents([truce, announced])) == 2


@pytest.mark.parametrize("row", _rows("incident_sides.jsonl"), ids=lambda r: r["actor"])
def test_each_side_row_merges_its_allies_and_splits_its_enemies(row):
    assert row["actor"] in ACTORS and incidents.side(row["actor"]) == row["side"]
    ally = next((r["actor"] for r in _rows("incident_sides.jsonl") if r["side"] == row["side"]), row["actor"])
    enemy = next(r["actor"] for r in _rows("incident_sides.jsonl") if r["side"] != row["side"])
    mine = ev("s1-a", actors=(row["actor"], ""), quote=row["example"])
    assert len(group_incidents([mine, ev("s2-b", actors=(ally, ""))])) == 1
    assert len(group_incidents([mine, ev("s3-c", actors=(enemy, ""))])) == 2


# ------------------------------------------------------------------------------------- the happening


def test_the_douma_chemical_attack_retold_for_a_week_is_one_incident_on_its_day():
    told = [
        ev("a1-c", "chemical_weapon", day=date(2018, 4, 7), published=date(2018, 4, 8), actors=("Syrian government", "")),
        ev("a2-c", "chemical_weapon", published=date(2018, 4, 11), basis="report", quote="الهجوم الكيماوي على دوما"),
        ev("a3-c", "chemical_weapon", published=date(2018, 4, 15), basis="report", quote="الهجوم الكيماوي على دوما"),
        ev("a4-c", "chemical_weapon", place=DOUMA_GN, day=date(2018, 4, 7), published=date(2018, 4, 9)),
    ]  # fmt: skip
    inc = one(told)
    assert (inc.event_date, inc.date_last, inc.time_precision) == (date(2018, 4, 7), date(2018, 4, 7), 1)
    assert inc.place == DOUMA and inc.actor1 == "Syrian government" and inc.family == "chemical"
    assert [r.article_id for r in inc.reports] == ["a1", "a4", "a2", "a3"]  # by published
    assert inc.incident_id == "inc-a1-c"
    assert {r.date_basis for r in inc.reports} == {"clause", "report"}


def test_a_chemical_attack_retold_in_sentences_dated_by_their_telling_stays_one():
    gov = ("Syrian government", "")
    attack = ev("a1-c", "chemical_weapon", day=date(2018, 4, 7), published=date(2018, 4, 8), actors=gov)
    # «توعد ترامب، الاثنين، برد قوي على الهجوم الكيماوي» : the clause's date is the threat's
    monday = ev("a2-c", "chemical_weapon", day=date(2018, 4, 9), published=date(2018, 4, 10), actors=gov)
    weeks = ev("a3-c", "chemical_weapon", day=date(2018, 4, 19), published=date(2018, 4, 20))  # 12 days on
    region = ev("a4-c", "chemical_weapon", GHOUTA, day=date(2018, 4, 7), published=date(2018, 4, 8))
    inc = one([attack, monday, weeks, region])
    assert (inc.event_date, inc.place, len(inc.reports)) == (date(2018, 4, 7), DOUMA, 4)
    # a month on is another attack; so is one dated days before it, and «في سوريا» names no town
    later = ev("a5-c", "chemical_weapon", day=date(2018, 5, 7), published=date(2018, 5, 8))
    before = ev("a6-c", "chemical_weapon", day=date(2018, 4, 2), published=date(2018, 4, 10))
    syria = ev("a7-c", "chemical_weapon", SYRIA, day=date(2018, 4, 7), published=date(2018, 4, 8))
    assert len(group_incidents([attack, monday, later, before, syria])) == 4
    # strikes recur daily: a strike two days on is a new one, and a region's strikes are none of a town's
    assert len(group_incidents([ev("b1-s"), ev("b2-s", day=date(2018, 4, 9)), ev("b3-s", place=GHOUTA)])) == 3


def test_a_precise_date_beats_the_report_day_even_when_told_later():
    early = ev(
        "a1-t", "nsa_overtakes", OMAR, published=date(2017, 10, 22), basis="report", actors=("SDF", "")
    )
    later = ev("a2-t", "nsa_overtakes", OMAR, day=date(2017, 10, 21), published=date(2017, 10, 24), actors=("SDF", "Islamic State"))  # fmt: skip
    inc = one([later, early])
    assert inc.event_date == date(2017, 10, 21) and inc.time_precision == 1
    assert inc.incident_id == "inc-a1-t" and (inc.actor1, inc.actor2) == ("SDF", "Islamic State")


def test_recurring_strikes_on_different_days_stay_apart():
    days = [date(2018, 4, d) for d in (2, 5, 8)]
    assert len(group_incidents([ev(f"a{i}-s", day=d) for i, d in enumerate(days)])) == 3
    # one day later is the same strike told by an outlet in another time zone
    assert len(group_incidents([ev("a1-s", day=days[0]), ev("a2-s", day=days[0] + timedelta(days=1))])) == 1


SAQBA = Place("gn:saqba", "سقبا", "Saqba", "town", 33.5000, 36.3850, "SY03", "Rural Damascus")
KAFR_BATNA = Place("gn:kb", "كفر بطنا", "Kafr Batna", "town", 33.5090, 36.3740, "SY03")  # ~1.4 km off
AIRPORT = Place("ovl:douma-air", "مطار دوما", "Douma airfield", "airport", 33.5800, 36.4000, "SY03")


def test_places_near_inside_and_apart():
    near = [ev("a1-s"), ev("a2-s", place=DOUMA_GN)]  # two gazetteers' points for Douma
    assert len(group_incidents(near)) == 1
    assert len(group_incidents([ev("a1-s"), ev("a2-s", place=HARASTA)])) == 2  # 3.7 km off
    assert len(group_incidents([ev("a1-s"), ev("a2-s", place=QUARTER)])) == 1  # a quarter of Douma
    assert len(group_incidents([ev("a1-s"), ev("a2-s", place=AIRPORT)])) == 1  # the airfield by the town
    # two towns 1.4 km apart are two places to fight over, however close
    gov = ("Syrian government", "")
    took = [ev("a1-t", "gov_regains", SAQBA, actors=gov), ev("a2-t", "gov_regains", KAFR_BATNA, actors=gov)]
    assert len(group_incidents(took)) == 2


def test_a_region_line_stays_apart_from_its_towns_lines():
    # «strikes on the towns of the Ghouta» sums the town lines; it is given to none of them
    for region in (RIF, GHOUTA, SYRIA):
        out = group_incidents([ev("a1-s", place=region, published=date(2018, 4, 7)), ev("a2-s")])
        assert sorted(i.place.place_id for i in out) == sorted([region.place_id, DOUMA.place_id])
    told = [ev("a1-s", place=GHOUTA), ev("a2-s", place=GHOUTA, published=date(2018, 4, 9)), ev("a3-s")]
    assert sorted(len(i.reports) for i in group_incidents(told)) == [1, 2]  # the region's reports join


@pytest.mark.parametrize("row", _rows("incident_families.jsonl"), ids=lambda r: r["family"])
def test_a_region_s_line_joins_its_article_s_one_town_only_in_a_tied_type_or_regional_family(row):
    assert set(row.get("tied", ())) <= set(row["types"])
    for kind in row["types"]:
        region = ev("a1-r", kind, GHOUTA, day=date(2018, 2, 28), geo_precision=3)
        town = ev("a1-t", kind, SAQBA, day=date(2018, 2, 28))
        joined = kind in row.get("tied", ()) or any(row.get(k) for k in ("once", "area"))
        assert len(group_incidents([region, town])) == (1 if joined else 2), kind


def test_a_region_s_battle_line_is_the_one_town_its_article_fights_at_that_day():
    gov = ("Syrian government", "")
    region = ev("a1-r", "advance", GHOUTA, day=date(2018, 2, 28), actors=gov, geo_precision=3)
    town = ev("a1-t", "advance", SAQBA, published=date(2018, 2, 28), basis="report", actors=gov)
    inc = one([region, town])
    assert inc.place == SAQBA and len(inc.reports) == 2
    # another outlet's region line of that day is the same advance
    other = ev("a2-r", "advance", GHOUTA, day=date(2018, 2, 28), actors=gov, geo_precision=3)
    assert len(one([region, town, other]).reports) == 3
    # a region's week («خلال الأسبوع الماضي») sums its towns' fights: no one town's
    week = ev("a1-w", "advance", GHOUTA, day=date(2018, 2, 22), last=date(2018, 2, 28), actors=gov,
              geo_precision=3, published=date(2018, 3, 1))  # fmt: skip
    assert len(group_incidents([week, town])) == 2
    # two towns that day: the region's line sums them and stays apart
    second = ev("a1-u", "advance", DOUMA, published=date(2018, 2, 28), basis="report", actors=gov)
    assert sorted(len(i.reports) for i in group_incidents([region, town, second])) == [1, 1, 1]
    # a region's bombardment is not tied to one town's shelling (it sums its towns')
    strikes = [ev("a1-r", "shelling", GHOUTA, geo_precision=3), ev("a1-t", "shelling", SAQBA)]
    assert len(group_incidents(strikes)) == 2


DARAA = Place("wof:daraa", "درعا", "Daraa", "city", 32.6189, 36.1021, "SY12", "Dar'a", names_ar=("درعا",))
DARAA_GOV = Place(
    "ocha:SY12", "درعا", "Daraa", "governorate", 32.85, 36.22, "SY12", names_ar=("درعا", "محافظة درعا")
)
NAWA = Place("wof:nawa", "نوى", "Nawa", "city", 32.8881, 36.0431, "SY12")


def named(eid, kind, place, quote, name, **kw) -> Event:
    """An event whose place is the word `name` of its quote (offsets as the event stage gives them)."""
    start = quote.index(name)
    return replace(ev(eid, kind, place, quote=quote, **kw), place_start=start, place_end=start + len(name))


@pytest.mark.parametrize("row", _rows("incident_place_words.jsonl"), ids=lambda r: r["word"])
def test_each_place_word_says_what_the_name_after_it_names(row):
    assert row["names"] in ("settlement", "governorate", incidents.SEVERAL)
    words = row["example"].split()
    name = words[words.index(row["word"]) + 1]
    assert incidents.named_as(named("w1-a", "air_strike", DARAA, row["example"], name)) == row["names"]
    # with a one-letter proclitic («بمدينة», «لمحافظة», «وريف») the word says the same
    glued = row["example"].replace(row["word"], "ب" + row["word"], 1)
    assert incidents.named_as(named("w1-b", "air_strike", DARAA, glued, name)) == row["names"]


def test_a_bare_governorate_name_is_its_capital_or_the_province_but_told_apart_they_stay_apart():
    day = {"day": date(2018, 7, 5), "published": date(2018, 7, 5)}
    province = named("a1-s", "air_strike", DARAA_GOV, "غارات على بلدات في محافظة درعا", "محافظة درعا", **day)
    bare = named("a2-s", "air_strike", DARAA, "قصف جوي عنيف على درعا", "درعا", **day)
    city = named("a3-s", "air_strike", DARAA, "كما طالت بعض الضربات مدينة درعا", "درعا", **day)
    assert incidents.named_as(bare) == "" and incidents.named_as(city) == "settlement"
    assert len(one([province, bare]).reports) == 2  # «درعا» alone is either row: the geocoder guessed
    assert len(group_incidents([province, city])) == 2  # «مدينة درعا» is not «محافظة درعا»
    assert len(one([city, bare]).reports) == 2  # the same city row, as before
    # another town of the governorate stays apart, and a place carried from another sentence is no bare name
    assert (
        len(group_incidents([province, named("a4-s", "air_strike", NAWA, "قصف على نوى", "نوى", **day)])) == 2
    )
    unseen = ev("a5-s", "air_strike", DARAA, quote="وقتل مدنيون في الغارات", **day)
    assert incidents.named_as(unseen) == incidents.UNSEEN
    assert len(group_incidents([province, unseen])) == 2


def test_a_span_of_two_days_takes_no_slack_on_top():
    # «منذ ليل أمس» (the 4th and 5th) already holds the overnight: a strike told for the 6th is the next one
    night = ev("a1-s", day=date(2018, 7, 4), last=date(2018, 7, 5), published=date(2018, 7, 5))
    assert len(group_incidents([night, ev("a2-s", day=date(2018, 7, 6))])) == 2
    assert len(one([night, ev("a3-s", day=date(2018, 7, 5))]).reports) == 2


def test_a_deal_dated_on_its_telling_day_points_back_to_the_deal():
    parties = ("Russia", "Syrian opposition")
    deal = ev("a1-d", "agreement", DARAA, day=date(2018, 7, 6), published=date(2018, 7, 6), actors=parties)
    # «في صحف اليوم: اتفاق يلفه الغموض بين الروس والفصائل في درعا», dated the 9th by «اليوم»
    review = ev("a2-d", "agreement", DARAA, day=date(2018, 7, 9), published=date(2018, 7, 9), actors=parties)
    inc = one([deal, review])
    assert (inc.event_date, len(inc.reports)) == (date(2018, 7, 6), 2)
    # a deal more than a week on is another deal (no slack on top of the week); a strike told that day
    # is that day's strike (strikes recur daily)
    later = ev("a3-d", "agreement", DARAA, day=date(2018, 7, 14), published=date(2018, 7, 14), actors=parties)
    assert len(group_incidents([deal, later])) == 2
    strike = ev("a4-s", place=DARAA, day=date(2018, 7, 9), published=date(2018, 7, 9))
    assert len(group_incidents([ev("a5-s", place=DARAA, day=date(2018, 7, 6)), strike])) == 2


def test_an_article_s_report_dated_line_and_its_dated_line_are_one_telling():
    def told(eid, published, **kw):
        return ev(eid, place=DARAA_GOV, published=date(2018, 7, published), **kw)

    earlier = told("a1-s", 4, basis="report")  # 3–4 July
    lead = told("a2-s", 5, basis="report")  # «600 ضربة جوية» : 4–5 July, joins the 4th's
    body = told("a2-t", 5, day=date(2018, 7, 5))  # «مئات الضربات … اليوم» : the 5th
    other = told("a3-s", 5, day=date(2018, 7, 5))  # another outlet's 5th
    inc = one([earlier, lead, body, other])
    assert (len(inc.reports), inc.event_date) == (4, date(2018, 7, 5))
    # an article's two precise days are two days, and another article's line does not vouch for it
    assert len(group_incidents([earlier, told("a3-t", 5, day=date(2018, 7, 5))])) == 2
    assert len(group_incidents([lead, told("a2-u", 5, day=date(2018, 7, 3))])) == 2


def test_a_deal_for_a_region_is_the_deal_of_its_towns_but_a_governorate_s_is_not_one_town_s():
    arbin = Place("wof:arbin", "عربين", "Arbin", "town", 33.5394, 36.3636, "SY03")  # 8 km from GHOUTA's point
    parties = ("Syrian opposition", "Russia")
    town = ev("a1-d", "agreement", arbin, day=date(2018, 3, 23), actors=parties)
    # «اتفاق لوقف إطلاق النار في الغوطة الشرقية يبدأ سريانه منتصف ليل الجمعة»
    region = ev("a2-d", "agreement", GHOUTA, day=date(2018, 3, 23), actors=parties)
    assert one([town, region]).place == arbin
    assert len(group_incidents([ev("a3-s", place=arbin), ev("a4-s", place=GHOUTA)])) == 2  # strikes: apart
    gov = ev("a5-d", "agreement", DARAA_GOV, day=date(2018, 7, 6), actors=("Russia", "Syrian opposition"))
    reconciled = ev("a6-d", "agreement", NAWA, day=date(2018, 7, 6))
    assert len(group_incidents([reconciled, gov])) == 2


def test_a_retelling_dated_on_its_telling_day_points_back_to_what_its_article_told():
    afrin = Place("wof:afrin", "عفرين", "Afrin", "town", 36.5119, 36.8695, "SY02")
    march = {"place": afrin, "published": date(2018, 3, 19)}
    other = ev("a0-s", place=afrin, day=date(2018, 3, 18), published=date(2018, 3, 18))  # the day before
    dated = ev(
        "a1-s", "shelling", day=date(2018, 3, 15), quote="قتلت في 15 آذار في قصف تركي على عفرين", **march
    )
    # the article's lead, dated by the telling: «قتلت … إثر قصف تركي على جبهات مدينة عفرين، وفق ما أعلنت»
    lead = ev("a1-t", "shelling", day=date(2018, 3, 19), quote="قتلت إثر قصف تركي على جبهات عفرين", **march)
    incs = {i.incident_id: len(i.reports) for i in group_incidents([other, dated, lead])}
    assert incs == {"inc-a0-s": 1, "inc-a1-s": 2}  # its own article's strike, not the closer one
    # without a retelling cue a strike told for today is today's
    fresh = ev("a1-u", "shelling", day=date(2018, 3, 19), quote="قصف تركي على جبهات عفرين", **march)
    assert len(group_incidents([dated, fresh])) == 2


def test_actors_of_opposite_sides_are_two_happenings():
    took = ev("a1-t", "nsa_overtakes", OMAR, actors=("SDF", "Islamic State"))
    retook = ev("a2-t", "nsa_overtakes", OMAR, actors=("Islamic State", "SDF"))
    assert len(group_incidents([took, retook])) == 2
    # the fighting for the field that day is the same battle: its two sides are the winner and loser
    clash = ev("a3-c", "armed_clash", OMAR, actors=("Islamic State", "SDF"))
    inc = one([took, clash])
    assert inc.sub_event_type == EVENT_TYPES["nsa_overtakes"][1]
    assert (inc.actor1, inc.actor2) == ("SDF", "Islamic State")
    third = ev("a4-c", "armed_clash", OMAR, actors=("Syrian government", ""))
    assert len(group_incidents([took, clash, third])) == 2  # a third side is another fight
    # a withdrawal (a non-violent handover) is its own happening, as in ACLED
    left = ev("a5-w", "withdrawal", OMAR, actors=("Islamic State", ""))
    assert len(group_incidents([took, left])) == 2
    fight = [
        ev("a1-c", "armed_clash", actors=("SDF", "Islamic State")),
        ev("a2-c", "armed_clash", actors=("Islamic State", "SDF")),
        ev("a3-c", "armed_clash", actors=("Islamic State", "")),
    ]
    assert len(one(fight).reports) == 3
    assert len(group_incidents([*fight, ev("a4-c", "armed_clash", actors=("Syrian government", "SDF"))])) == 2


def test_only_the_named_doer_splits_reports():
    raid = ev("a1-s", actors=("Russia", "Syrian opposition"))
    # a target inferred from who holds the place does not split the raid…
    assert len(one([raid, ev("a2-s", actors=("Syrian government", "Syrian government"))]).reports) == 2
    # …nor an attacker the event stage carried over from an earlier sentence
    guessed = ev("a3-s", actors=("SDF", ""), actor_basis="previous")
    assert len(one([raid, guessed]).reports) == 2
    assert len(group_incidents([raid, ev("a4-s", actors=("SDF", ""))])) == 2  # a named other attacker does
    # Turkey and the factions it backs are one side («القوات التركية والفصائل الموالية لها»)
    afrin = [
        ev("a1-t", "nsa_overtakes", OMAR, actors=("Turkey", "SDF")),
        ev("a2-t", "nsa_overtakes", OMAR, actors=("Syrian opposition", "SDF")),
    ]
    assert len(one(afrin).reports) == 2


@pytest.mark.parametrize("row", _rows("incident_deal_scopes.jsonl"), ids=lambda r: r["cue"])
def test_each_deal_scope_cue_keeps_its_deal_apart_from_a_town_s_deal(row):
    assert incidents.deal_scope(row["example"]) == row["scope"] != incidents.LOCAL_SCOPE
    day = {"day": date(2018, 3, 7), "published": date(2018, 3, 7)}
    council = ev("c1-d", "agreement", GHOUTA, quote=row["example"], **day)
    # «زعماء بلدة حمورية يبحثون اتفاق إجلاء للبلدة», told the same day in the same region
    local = ev("c2-d", "agreement", GHOUTA, quote="يبحثون اتفاق إجلاء للبلدة في الغوطة الشرقية", **day)
    assert len(group_incidents([council, local])) == 2
    again = ev("c3-d", "agreement", GHOUTA, quote=row["example"], **day)  # the same resolution, retold
    assert len(group_incidents([council, again])) == 1


def test_a_statement_of_who_holds_a_place_is_not_retold_by_a_cue_in_its_sentence():
    held = ("Syrian opposition", "")
    first = ev("h1-h", "control_statement", DARAA, published=date(2018, 8, 30), basis="report", actors=held)
    # «إدلب آخر معقل للمعارضة … إثر فشل قمة طهران», said a week later: a second observation
    cue = "إدلب آخر معقل للمعارضة إثر فشل القمة"
    later = ev("h2-h", "control_statement", DARAA, published=date(2018, 9, 6), basis="report", actors=held,
               quote=cue)  # fmt: skip
    assert incidents.retells(cue) and len(group_incidents([first, later])) == 2
    strike = ev("h3-s", place=DARAA, day=date(2018, 8, 30), published=date(2018, 8, 30))
    retold = ev("h4-s", place=DARAA, published=date(2018, 9, 6), basis="report", quote="إثر القصف على درعا")
    assert len(group_incidents([strike, retold])) == 1  # a strike's retelling still reaches back


def test_days_of_a_bombardment_do_not_chain_through_the_anchor():
    sunday = ev("d1-s", day=date(2018, 2, 18))
    monday = [ev(f"d{n}-s", day=date(2018, 2, 19)) for n in (2, 3)]  # the most reported day: the anchor
    tuesday = ev("d4-s", day=date(2018, 2, 20))  # a day from the anchor, two from Sunday
    incs = group_incidents([sunday, *monday, tuesday])
    assert sorted(len(i.reports) for i in incs) == [1, 3]


def test_a_line_dated_over_weeks_vouches_for_no_report_dated_line_of_its_article():
    launch = ev("w1-s", place=GHOUTA, day=date(2018, 2, 18), published=date(2018, 2, 18))
    # «خلال الأيام الماضية» told on 1 March as a span from the 18th, and the article's «today» line
    since = ev("w2-s", place=GHOUTA, day=date(2018, 2, 18), last=date(2018, 3, 1), precision=2,
               published=date(2018, 3, 1))  # fmt: skip
    today = ev("w2-t", place=GHOUTA, published=date(2018, 3, 1), basis="report")
    incs = {i.incident_id: len(i.reports) for i in group_incidents([launch, since, today])}
    assert incs == {"inc-w1-s": 2, "inc-w2-t": 1}


def test_recent_days_are_no_anchor_for_a_new_day_s_report_and_do_not_chain_week_to_week():
    held = ("Syrian opposition", "")

    def said(eid, first, last, published):
        return ev(eid, "control_statement", DARAA, day=first, last=last, precision=2, published=published,
                  actors=held)  # fmt: skip

    recent = said("r1-h", date(2018, 8, 30), date(2018, 9, 5), date(2018, 9, 6))  # «في الأيام الأخيرة»
    report = ev("r2-h", "control_statement", DARAA, published=date(2018, 9, 6), basis="report", actors=held)
    assert len(group_incidents([recent, report])) == 2
    overlapping = said("r3-h", date(2018, 9, 3), date(2018, 9, 9), date(2018, 9, 10))
    assert len(group_incidents([recent, overlapping])) == 2
    inside = said("r4-h", date(2018, 9, 1), date(2018, 9, 4), date(2018, 9, 5))  # within the other's days
    assert len(group_incidents([recent, inside])) == 1
    day = ev(
        "r5-h", "control_statement", DARAA, day=date(2018, 9, 2), published=date(2018, 9, 2), actors=held
    )
    assert group_incidents([recent, day])[0].event_date == date(2018, 9, 2)  # a named day beats the span


def test_a_month_named_joins_no_incident_known_only_by_its_report_day():
    told = ev("m1-c", "armed_clash", OMAR, published=date(2018, 4, 23), basis="report")
    month = ev("m2-c", "armed_clash", OMAR, day=date(2018, 4, 1), last=date(2018, 4, 30), precision=3,
               published=date(2018, 5, 11))  # fmt: skip
    assert len(group_incidents([told, month])) == 2


def test_a_region_s_deal_and_a_town_s_deal_a_week_apart_are_two_deals():
    arbin = Place("wof:arbin", "عربين", "Arbin", "town", 33.5394, 36.3636, "SY03")
    region = ev("g1-d", "agreement", GHOUTA, day=date(2018, 3, 14), published=date(2018, 3, 14))
    town = ev("g2-d", "agreement", arbin, published=date(2018, 3, 22), basis="report")  # reaches a week back
    assert len(group_incidents([region, town])) == 2
    same_days = ev("g3-d", "agreement", arbin, published=date(2018, 3, 15), basis="report")
    assert len(group_incidents([region, same_days])) == 1


T4 = Place("wof:t4", "مطار التيفور", "Tiyas Air Base", "base", 34.5224, 37.6298, "SY04", "Homs")


@pytest.mark.parametrize("row", _rows("incident_attribution_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_attribution_cue_makes_a_doer_no_reason_to_split_one_strike(row):
    assert incidents.disputes_doer(row["example"])
    day = {"place": T4, "day": date(2018, 4, 9), "published": date(2018, 4, 9)}
    # one strike on T4: Syrian TV first blamed the United States, Russia and Syria then blamed Israel
    israel = ev(
        "t1-s", actors=("Israel", ""), quote="أعلنت سوريا وروسيا أن إسرائيل نفذت الغارات على المطار", **day
    )
    told = ev("t2-s", actors=("United States", ""), quote=row["example"], **day)
    assert len(group_incidents([israel, told])) == 1
    said = ev("t3-s", actors=("United States", ""), quote="قصفت الولايات المتحدة مطار التيفور", **day)
    assert len(group_incidents([israel, said])) == 2  # two named air forces, neither disputed: two strikes


def test_a_side_the_reports_accuse_of_a_strike_is_no_reason_to_split_it():
    # QA 8: T4, 9 April. A report's doer taken wrongly (Russia) opens the incident, a second report
    # accuses Israel; others tell «الغارة الإسرائيلية» outright: one strike, drawn once, Israel's
    day = {"place": T4, "day": date(2018, 4, 9), "published": date(2018, 4, 9)}
    speaker = ev("t1-s", actors=("Russia", ""), quote="غارة روسية على المطار", **day)
    accused = [
        ev(f"t{i}-s", actors=("Israel", ""), quote="اتهمت دمشق إسرائيل بقصف المطار", **day) for i in (2, 3)
    ]
    quote = "قتل عسكريون في الغارة الإسرائيلية على المطار"
    firm = [ev(f"t{i}-s", actors=("Israel", ""), quote=quote, **day) for i in (4, 5)]
    inc = one([speaker, *accused, *firm])
    assert len(inc.reports) == 5 and inc.actor1 == "Israel"
    # with no report accusing Israel of it, two air forces named as doers are two strikes
    assert len(group_incidents([speaker, *firm])) == 2
    # one article's accusation is not enough (the event stage may take «اتهم نتانياهو إيران»'s accuser)
    assert incidents.SUSPECT_ARTICLES == 2 and len(group_incidents([speaker, accused[0], *firm])) == 2
    # a side accused of another strike (another day) lets no doer in
    later = {"event_date": date(2018, 4, 20), "published": date(2018, 4, 20)}
    other = [replace(a, event_id=f"{a.event_id}x", **later) for a in accused]
    assert len(group_incidents([speaker, *other, *firm])) == 3


def test_actor1_is_the_side_reports_name_as_the_doer_not_the_one_they_deny_or_guess():
    day = {"place": T4, "day": date(2018, 4, 9), "published": date(2018, 4, 9)}
    denied = [
        ev(f"d{i}-s", actors=("United States", ""), quote="ونفت واشنطن شن الضربة", **day) for i in range(3)
    ]
    named = [
        ev(f"n{i}-s", actors=("Israel", ""), quote="الغارة الإسرائيلية على المطار", **day) for i in range(2)
    ]
    assert one(denied + named).actor1 == "Israel"
    assert one(denied).actor1 == "United States"  # with no doer named outright, the actor they give


def test_a_deal_in_syria_told_a_week_on_is_any_deal_in_the_country():
    vote = ev("s1-d", "agreement", SYRIA, day=date(2018, 2, 22), published=date(2018, 2, 22))
    # «اتفاق بين إيران وسوريا …» told on 1 March: a deal of the country, not the Council's of the 22nd
    later = ev("s2-d", "agreement", SYRIA, published=date(2018, 3, 1), basis="report")
    assert len(group_incidents([vote, later])) == 2
    same_day = ev("s3-d", "agreement", SYRIA, published=date(2018, 2, 23), basis="report")
    assert len(group_incidents([vote, same_day])) == 1
    town = ev("s4-d", "agreement", DARAA, day=date(2018, 7, 6), published=date(2018, 7, 6))
    retold = ev("s5-d", "agreement", DARAA, published=date(2018, 7, 10), basis="report")
    assert len(group_incidents([town, retold])) == 1  # a town's deal is still retold for a week


def test_a_retelling_reaches_back_to_a_dated_happening_not_to_another_day_s_report():
    # «وقال المجلس المحلي في دوما إن المدينة تواجه وضعا مأساويا …» told on 12 March, and on the 20th
    # «… البلدات الأخرى التي استعادتها القوات الحكومية» with a cue: two days' generic lines
    told = ev("b1-c", "advance", published=date(2018, 3, 12), basis="report")
    later = ev(
        "b2-c", "advance", published=date(2018, 3, 20), basis="report", quote="إثر تقدم القوات على دوما"
    )
    assert incidents.retells(later.quote) and len(group_incidents([told, later])) == 2
    dated = ev("b3-c", "advance", day=date(2018, 3, 13), published=date(2018, 3, 13))
    assert len(group_incidents([dated, later])) == 1  # a day the text names is what a retelling points to


def test_a_month_named_joins_the_one_happening_dated_inside_it():
    launch = ev("a1-c", "armed_clash", OMAR, day=date(2018, 1, 20), actors=("Turkey", "SDF"))
    month = ev("a2-c", "armed_clash", OMAR, day=date(2018, 1, 1), last=date(2018, 1, 31), precision=3,
               published=date(2018, 3, 1), actors=("Turkey", ""))  # fmt: skip
    assert len(one([launch, month]).reports) == 2
    other = ev("a3-c", "armed_clash", OMAR, day=date(2018, 1, 27), actors=("Turkey", "SDF"))
    assert len(group_incidents([launch, other, month])) == 3  # two fights that month: which one?
    fuzzy = ev("a4-c", "armed_clash", OMAR, day=date(2018, 1, 4), last=date(2018, 2, 3), precision=3,
               published=date(2018, 3, 1))  # fmt: skip
    assert len(group_incidents([launch, fuzzy])) == 2  # «about two months ago» names no month
    # «منذ 20 كانون الثاني» (a campaign since a named day) is its launch on that day
    since = ev("a5-c", "armed_clash", OMAR, day=date(2018, 1, 20), last=date(2018, 3, 12),
               published=date(2018, 3, 12))  # fmt: skip
    inc = one([launch, since])
    assert (inc.event_date, inc.date_last) == (date(2018, 1, 20), date(2018, 1, 20))


def test_one_article_s_two_named_days_are_two_happenings_though_a_day_apart():
    # «قصف … الجمعة» and «غارات جديدة السبت» in one text: the text tells two days apart
    friday = ev("a1-s", day=date(2018, 4, 6), published=date(2018, 4, 7))
    saturday = ev("a1-t", day=date(2018, 4, 7), published=date(2018, 4, 7))
    assert len(group_incidents([friday, saturday])) == 2
    # two outlets' days for one strike differ by one (time zones, «overnight»): still one
    assert len(one([friday, ev("a2-s", day=date(2018, 4, 7))]).reports) == 2
    night = ev("a1-n", day=date(2018, 4, 6), last=date(2018, 4, 7), published=date(2018, 4, 7))
    assert len(one([friday, night]).reports) == 2  # «ليل الجمعة - السبت» holds Friday


@pytest.mark.parametrize("row", _rows("incident_day_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_night_or_toll_cue_lets_one_article_s_next_day_line_tell_the_same_strike(row):
    glued = row["example"].replace(row["cue"], "و" + row["cue"], 1)
    assert incidents.day_cue(row["example"]) and incidents.day_cue(glued)
    assert not incidents.day_cue(row["example"].replace(row["cue"], "", 1))
    night = ev("a1-s", day=date(2018, 4, 6), published=date(2018, 4, 7), quote=row["example"])
    monday = ev("a1-t", day=date(2018, 4, 7), published=date(2018, 4, 7), quote="غارات على دوما")
    assert len(one([night, monday]).reports) == 2
    plain = replace(night, quote="غارات على دوما")
    assert len(group_incidents([plain, monday])) == 2


def _campaign(cue_row: dict | None = None, toll: bool = True, days: int = 10):
    """A launch dated by its text (18 February) and a report-dated line `days` on (28 February)."""
    kind = cue_row["kind"] if cue_row else ""
    launch_quote = cue_row["example"] if kind == "launch" else "بدأت القوات حملة على الغوطة"
    told_quote = cue_row["example"] if kind == "campaign" else "قتل 300 في حملة القصف على الغوطة"
    launch = ev("a1-s", "shelling", GHOUTA, day=date(2018, 2, 18), published=date(2018, 2, 20),
                quote=launch_quote, geo_precision=3)  # fmt: skip
    told = ev("a2-s", "shelling", GHOUTA, published=date(2018, 2, 18) + timedelta(days=days), basis="report", quote=told_quote,
              geo_precision=3, fatalities=300 if toll else None)  # fmt: skip
    return launch, told


@pytest.mark.parametrize("row", _rows("incident_campaign_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_campaign_cue_points_a_campaign_s_toll_back_to_its_launch(row):
    assert row["kind"] in ("launch", "campaign")
    assert incidents.campaign_cue(row["example"], row["kind"], 1)
    assert len(one(list(_campaign(row))).reports) == 2  # the toll ten days on is the campaign's
    launch, told = _campaign(row, toll=False)
    assert len(group_incidents([launch, told])) == (2 if row.get("toll") else 1)
    # without the cue, a report-dated line ten days on is that day's bombardment
    launch, told = _campaign(row)
    plain = "قصف على الغوطة الشرقية"
    if row["kind"] == "launch":
        launch = replace(launch, quote=plain)
    else:
        told = _Fat(replace(told._ev, quote=plain), told.fatalities)
    assert len(group_incidents([launch, told])) == 2


def test_a_campaign_reaches_its_launch_within_weeks_and_prefers_it_to_the_day_s_bombardment():
    launch, told = _campaign()
    # the day's bombardment is grouped before the toll (published that day, an earlier id) and is nearer
    # in days (0 against 10): the toll still goes to the campaign's launch
    day = ev("a0-s", "shelling", GHOUTA, day=date(2018, 2, 28), published=date(2018, 2, 28), geo_precision=3)
    assert [m.ev.event_id for m in sorted(map(incidents._mention, [told, day]), key=lambda m: m.order)] == [
        "a0-s",
        "a2-s",
    ]
    assert sorted(len(i.reports) for i in group_incidents([launch, day, told])) == [1, 2]
    assert incident_of(group_incidents([launch, day, told]))["a2-s"] == "inc-a1-s"
    assert len(one([day, told]).reports) == 2  # with no launch told, the toll is the day's bombardment's
    # «منذ الساعة التاسعة» told that day is the day's news, not a launch a toll points back to
    same_day = replace(launch, published=launch.event_date)
    assert len(group_incidents([same_day, told])) == 2
    # a month on, a toll is of another campaign's days
    assert len(group_incidents(list(_campaign(days=incidents.CAMPAIGN_DAYS + 2)))) == 2


def test_a_start_told_roughly_joins_the_one_start_inside_its_span():
    start = ev("a1-c", "armed_clash", OMAR, day=date(2018, 1, 20), actors=("Turkey", ""),
               published=date(2018, 2, 25), quote="بدأت تركيا هجوما في 20 يناير")  # fmt: skip
    # «المستمر منذ شهر ونصف»: the event stage's span around its estimate
    rough = ev("a2-c", "armed_clash", OMAR, day=date(2018, 1, 10), last=date(2018, 2, 9), precision=3,
               published=date(2018, 3, 3), quote="الهجوم المستمر منذ شهر ونصف")  # fmt: skip
    assert len(one([start, rough]).reports) == 2
    taking = replace(rough, event_id="a2-t", extra={**rough.extra, "type_key": "nsa_overtakes"},
                     event_type=EVENT_TYPES["nsa_overtakes"][0], sub_event_type=EVENT_TYPES["nsa_overtakes"][1])  # fmt: skip
    assert len(group_incidents([start, taking])) == 2  # a taking «في إطار عملية بدأت منذ شهرين» is no start
    # told the other way round: the rough retelling first, the dated start a day later
    retold = replace(start, event_id="a5-c", published=date(2018, 3, 4))
    assert len(one([rough, retold]).reports) == 2
    outside = replace(retold, event_id="a5-d", event_date=date(2018, 2, 20))
    assert len(group_incidents([rough, outside])) == 2  # a start outside the span is another's
    # «منذ منتصف نوفمبر» told in February runs up to its telling: its start is in November
    since = ev("a3-c", "armed_clash", OMAR, day=date(2017, 11, 11), last=date(2018, 2, 20), precision=2,
               published=date(2018, 2, 20), quote="تكثفت المعارك منذ منتصف نوفمبر")  # fmt: skip
    later = ev("a4-c", "armed_clash", OMAR, day=date(2018, 2, 18), published=date(2018, 2, 20),
               quote="بدأت القوات هجوما الأحد")  # fmt: skip
    assert len(group_incidents([later, since])) == 2
    early = replace(later, event_id="a4-d", event_date=date(2017, 11, 15), published=date(2018, 2, 19))
    assert len(one([early, since]).reports) == 2  # the start near its first day is the one it tells


def test_a_report_day_takes_no_slack_on_top_of_its_yesterday():
    told = ev("a1-s", day=date(2018, 3, 8), published=date(2018, 3, 8))
    later = ev("a2-s", published=date(2018, 3, 10), basis="report")  # 03-09..03-10: not the 8th
    assert len(group_incidents([told, later])) == 2
    assert len(group_incidents([told, ev("a3-s", published=date(2018, 3, 9), basis="report")])) == 1


def test_shares_of_ground_told_on_different_days_are_each_days_state():
    gov = ("Syrian government", "")
    says = [
        ev(f"a{i}-g", "gov_regains", GHOUTA, published=date(2018, 3, d), basis="report", actors=gov)
        for i, d in enumerate((18, 20, 22))
    ]
    assert len(group_incidents(says)) == 3


def test_an_article_telling_one_happening_twice_is_one_report_of_it():
    # QA 10: «N reports» counts articles (ACLED's sources); every mention stays behind the incident
    inc = one([ev("a1-s"), ev("a1-t", quote="وقتل مدنيون في الغارات على دوما"), ev("a2-s")])
    assert (incidents.article_count(inc), len(inc.reports)) == (2, 3)


def test_fatalities_take_the_lowest_credible_figure():
    inc = one([ev("a1-s", fatalities=70), ev("a2-s", fatalities=0), ev("a3-s", fatalities=42), ev("a4-s")])
    assert inc.fatalities == 42


def test_status_happened_wins_a_tie_and_month_dates_keep_to_themselves():
    inc = one([ev("a1-t", "talks", status="planned"), ev("a2-t", "talks")])
    assert inc.status == "happened"
    month = ev("a3-s", day=date(2018, 4, 1), last=date(2018, 4, 30), precision=3)
    assert len(group_incidents([ev("a1-s"), month])) == 2


def test_undated_or_unplaced_events_stand_alone():
    out = group_incidents([ev("a1-s", place=None), ev("a2-s", place=None), ev("a3-s")])
    assert len(out) == 3 and {len(i.reports) for i in out} == {1}


# ------------------------------------------------------------------------------------- stability


def _mixed(n: int, seed: int = 7) -> list[Event]:
    rnd = random.Random(seed)
    places = [DOUMA, DOUMA_GN, HARASTA, RIF, GHOUTA, OMAR, QUARTER]
    kinds = ["air_strike", "shelling", "armed_clash", "nsa_overtakes", "withdrawal", "chemical_weapon"]
    actors = ["", "SDF", "Islamic State", "Russia", "Syrian government"]
    out = []
    for i in range(n):
        day = date(2018, 4, 1) + timedelta(days=rnd.randrange(20))
        out.append(
            ev(
                f"a{i % 40:02d}-{i:04d}", rnd.choice(kinds), rnd.choice(places), day=day,
                published=day + timedelta(days=rnd.randrange(6)), actors=(rnd.choice(actors), ""),
                basis=rnd.choice(["clause", "report"]),
            )
        )  # fmt: skip
    return out


def test_same_events_in_any_order_give_the_same_incidents():
    events = _mixed(400)
    base = group_incidents(events)
    for seed in (1, 2):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert group_incidents(shuffled) == base
    assert len(base) < 400 and sum(len(i.reports) for i in base) == 400
    assert len(incident_of(base)) == 400


def test_a_later_article_adds_reports_and_moves_no_id():
    events = _mixed(300)
    before = group_incidents(events)
    last = max(e.published for e in events)
    extra = [
        ev("z1-1", "chemical_weapon", published=last + timedelta(days=1), basis="report", quote="الهجوم الكيماوي"),
        ev("z1-2", "air_strike", day=last, published=last + timedelta(days=1)),
    ]  # fmt: skip
    after = group_incidents(events + extra)
    old = incident_of(before)
    new = incident_of(after)
    assert all(new[e] == i for e, i in old.items())  # every earlier mention keeps its incident id


# ------------------------------------------------------------------------------------- through the store

OMAR_TEXT = "سيطرت قوات سوريا الديمقراطية على حقل العمر"


def toy_analyse(article, gazetteer=None):
    """One SDF taking of al-Omar per article naming it: the first article dates it, later ones retell it."""
    i = article.text.find("حقل العمر")
    if i < 0:
        return pipeline.Analysis(article, (), (), (), ())
    m = Mention(article.article_id, i, i + 9, "حقل العمر", "حقل العمر", (OMAR.place_id,))
    dated = "الأحد" in article.text
    e = ev(
        f"{article.article_id}-e1", "nsa_overtakes", OMAR, day=date(2017, 10, 22), published=article.published,
        actors=("SDF", ""), basis="clause" if dated else "report", quote=article.text, article=article.article_id,
        source=article.source,
    )  # fmt: skip
    return pipeline.Analysis(article, (m,), (Located(m, OMAR, 0.9),), (), (e,))


def test_reingest_is_idempotent_and_a_new_article_adds_a_report_not_an_incident(tmp_path, monkeypatch):
    from geo.store import Store

    monkeypatch.setattr(pipeline, "analyse", toy_analyse)
    store = Store(tmp_path / "x.duckdb")
    first = Article("b1", OMAR_TEXT + " يوم الأحد", date(2017, 10, 23), "Outlet A", url="https://a.example/1")
    store.ingest(first)
    before = group_incidents(store.events())
    assert store.ingest(first).status == "unchanged"
    assert group_incidents(store.events()) == before
    store.ingest(Article("b2", "بعد أن " + OMAR_TEXT, date(2017, 10, 25), "Outlet B"))
    urls = {a.article_id: a.url for a in store.articles()}
    (inc,) = group_incidents(store.events(), urls=urls)
    assert store.counts()["events"] == 2
    assert inc.incident_id == before[0].incident_id == "inc-b1-e1"
    assert [(r.article_id, r.source, r.url) for r in inc.reports] == [
        ("b1", "Outlet A", "https://a.example/1"),
        ("b2", "Outlet B", ""),
    ]
    assert inc.event_date == date(2017, 10, 22)


def test_one_hundred_thousand_events_are_grouped_through_the_index():
    rnd = random.Random(5)
    places = [
        Place(
            f"t:{i}",
            f"مكان {i}",
            f"P{i}",
            "village",
            32.5 + rnd.random() * 4.5,
            35.8 + rnd.random() * 6,
            "SY01",
        )
        for i in range(3000)
    ]
    events = []
    for i in range(100_000):
        day = date(2017, 1, 1) + timedelta(days=rnd.randrange(730))
        kind = rnd.choice(["air_strike", "armed_clash", "nsa_overtakes", "shelling"])
        basis = rnd.choice(["clause", "report"])
        events.append(ev(f"a{i // 5}-{i}", kind, rnd.choice(places), day=day, basis=basis))
    out = group_incidents(events)
    assert sum(len(i.reports) for i in out) == 100_000 and len(out) < 100_000


# ------------------------------------------------------------------------------------- the scorer


def _bench():
    import importlib.util

    path = incidents.RULES.parents[1] / "bench" / "incidents_eval.py"
    spec = importlib.util.spec_from_file_location("incidents_eval", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_b_cubed_and_pairwise_on_a_worked_example():
    bench = _bench()
    gold = {1: "A", 2: "A", 3: "A", 4: "B", 5: "B"}
    system = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y"}
    p, r = bench.b_cubed(gold, system)
    # precision: 1,2 → 1; 3 → 1/3; 4,5 → 2/3 each; recall: 1,2 → 2/3; 3 → 1/3; 4,5 → 1
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    pp, pr = bench.pairwise(gold, system)
    # system pairs: (1,2) (3,4) (3,5) (4,5); gold pairs: (1,2) (1,3) (2,3) (4,5)
    assert (pp, pr) == (0.5, 0.5)
    assert bench.b_cubed(gold, gold) == (1.0, 1.0) == bench.pairwise(gold, gold)
    assert bench.pairwise({1: "A", 2: "B"}, {1: "x", 2: "y"}) == (1.0, 1.0)  # no pairs either side


def test_scorer_matches_one_to_one_by_quote_family_and_place():
    bench = _bench()
    told = [
        ev("g1-a", "air_strike", quote="غارات روسية على مدينة دوما فجر اليوم", day=date(2018, 4, 7)),
        ev("g1-b", "shelling", quote="غارات روسية على مدينة دوما فجر اليوم", day=date(2018, 4, 7)),
        ev("g2-a", "chemical_weapon", quote="الهجوم الكيماوي على دوما", day=date(2018, 4, 7)),
        ev("g3-a", "chemical_weapon", quote="هجوم كيماوي على دوما السبت", day=date(2018, 4, 7)),
        ev("g3-b", "nsa_overtakes", OMAR, quote="سيطرت قسد على حقل العمر", day=date(2017, 10, 22)),
    ]
    incs = group_incidents(told)
    gold = [
        {"article": "g1", "type": "air_strike", "place_en": "Douma", "place_ar": "دوما",
         "quote_contains": "غارات روسية", "happening": "H1"},
        {"article": "g1", "type": "shelling", "place_en": "Douma", "place_ar": "",
         "quote_contains": "غارات روسية", "happening": "H1"},
        {"article": "g1", "type": "air_strike", "place_en": "Douma", "place_ar": "",
         "quote_contains": "غارات روسية", "happening": "H1"},  # a third mention of the sentence: no event left
        {"article": "g2", "type": "chemical_weapon", "place_en": "Harasta|Douma", "place_ar": "",
         "quote_contains": "الكيماوي", "happening": "H2"},
        {"article": "g3", "type": "chemical_weapon", "place_en": "Douma", "place_ar": "",
         "quote_contains": "هجوم كيماوي", "happening": "H2"},
        {"article": "g3", "type": "advance", "place_en": "", "place_ar": "حقل العمر",
         "quote_contains": "حقل العمر", "happening": "H3"},  # the gold's Battles family holds both
        {"article": "g3", "type": "air_strike", "place_en": "Douma", "place_ar": "",
         "quote_contains": "حقل العمر", "happening": "H4"},  # wrong family for that sentence
    ]  # fmt: skip
    res = bench.score(gold, told, incs)
    assert (res["gold_mentions"], res["matched"], res["happenings"]) == (7, 5, 4)
    assert sorted(g["happening"] for g in res["unmatched"]) == ["H1", "H4"]
    assert res["why_unmatched"] == [
        "its events went to other gold mentions (one to one)",
        "no event at that place in it: al-Omar oil field",
    ]
    assert bench.why_unmatched({**gold[0], "quote_contains": "لم يقل"}, told) == "no event in that sentence"
    assert bench.grouping_errors(res) == ({}, {})
    # the strikes are one incident, the chemical attack another, the taking a third: all right
    assert (res["b3_precision"], res["b3_recall"]) == (1.0, 1.0)
    assert (res["pairwise_precision"], res["pairwise_recall"]) == (1.0, 1.0)
    split = (
        [i for i in incs if i.family != "chemical"] + group_incidents([told[2]]) + group_incidents([told[3]])
    )
    worse = bench.score(gold, told, split)
    assert worse["b3_precision"] == 1.0 and worse["b3_recall"] < 1.0 and worse["pairwise_recall"] == 0.5
    assert bench.grouping_errors(worse) == ({"H2": {"inc-g2-a", "inc-g3-a"}}, {})


def test_scorer_families_are_the_golds_not_the_groupers():
    bench = _bench()
    took = ev("g1-a", "nsa_overtakes", OMAR, quote="سيطرت قسد على حقل العمر")
    gold = {"article": "g1", "place_ar": "حقل العمر", "quote_contains": "حقل العمر", "happening": "H1"}
    # a withdrawal is its own type in the gold (tests/gold/README.md) whatever the grouper's families say
    assert not bench.candidate(took, {**gold, "type": "withdrawal"})
    assert bench.candidate(took, {**gold, "type": "armed_clash"})  # all Battles types are one family
    assert not bench.candidate(ev("g1-b", "talks", OMAR, quote="حقل العمر"), {**gold, "type": "agreement"})


def test_scorer_scores_a_sentence_on_the_event_of_the_gold_type_and_date():
    bench = _bench()
    quote = "بعد أن قصفت الطائرات حقل العمر سيطرت قسد عليه"
    told = [
        ev("g1-a", "shelling", OMAR, quote=quote, day=date(2017, 10, 20)),
        ev("g1-b", "air_strike", OMAR, quote=quote, day=date(2017, 10, 22)),
        ev("g1-c", "air_strike", OMAR, quote=quote, day=date(2017, 10, 20)),
    ]
    gold = [{"article": "g1", "type": "air_strike", "place_ar": "حقل العمر", "date": "2017-10-20",
             "quote_contains": "قصفت الطائرات", "happening": "H1"}]  # fmt: skip
    assert bench.match(gold, told) == {0: "g1-c"}


def test_scorer_gives_a_sentence_s_one_event_to_the_mention_it_is_whatever_the_file_order():
    bench = _bench()
    quote = "بدأت القوات التركية عملياتها 20 يناير، كما أعلنت السيطرة على مركز مدينة عفرين الأحد الماضي"
    took = ev("g1-a", "nsa_overtakes", OMAR, quote=quote, day=date(2018, 3, 18))  # the start was missed
    start = {"article": "g1", "type": "armed_clash", "place_ar": "حقل العمر", "date": "2018-01-20",
             "quote_contains": "عملياتها 20 يناير", "happening": "H1"}  # fmt: skip
    taking = {**start, "type": "nsa_overtakes", "date": "2018-03-18", "happening": "H2"}
    assert bench.match([start, taking], [took]) == {1: "g1-a"}  # not to the start, listed first
    assert bench.match([taking, start], [took]) == {0: "g1-a"}
    # as many mentions are matched as before: a second event of the family seats the start too
    clash = ev("g1-b", "armed_clash", OMAR, quote=quote, day=date(2018, 1, 20))
    assert bench.match([start, taking], [took, clash]) == {0: "g1-b", 1: "g1-a"}


def test_scorer_names_a_missing_gold_split_in_one_line(tmp_path, capsys):
    bench = _bench()
    missing = tmp_path / "none.jsonl"
    assert bench.main(["--mentions", str(missing), "--articles", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"incidents_eval: no such file: {missing}"
    bad = tmp_path / "m.jsonl"
    bad.write_text('{"article": "a1", "type": "air_strike", "quote_contains": "x"}\n', encoding="utf-8")
    assert bench.main(["--mentions", str(bad), "--articles", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == "incidents_eval: m.jsonl: mention 1 lacks happening"
    assert set(bench.SPLITS) == {"incidents", "incidents2", "incidents3", "incidents4", "incidents5", "incidents6", "incidents7", "incidents8", "incidents9", "incidents10", "incidents11", "incidents12", "incidents13"}
    told = [
        {"article": "a1", "type": "air_strike", "quote_contains": "x", "happening": h} for h in ("H1", "H2")
    ]
    assert bench.stray_happenings(told, [{"happening": "H1"}]) == ["H2"]  # a note; the scoring goes on


def test_corpus_figures_count_what_the_map_would_show_twice():
    bench = _bench()
    told = [
        ev("c1-s", day=date(2018, 4, 10)),
        ev(
            "c2-s", day=date(2018, 4, 10), published=date(2018, 4, 12), actors=("SDF", "")
        ),  # another attacker
        ev("c3-s", day=date(2018, 4, 10), actors=("Russia", "")),
        ev("c4-c", "chemical_weapon", day=date(2018, 4, 7), published=date(2018, 4, 8)),
        ev("c5-c", "chemical_weapon", day=date(2018, 4, 11), published=date(2018, 4, 12)),  # retold
        ev("c6-s", place=GHOUTA, day=date(2018, 4, 12)),
    ]
    figures = bench.corpus_figures(told, group_incidents(told), date(2018, 4, 15))
    # the retelling of the 11th is a mention in the week; its incident, the attack, was on the 7th
    assert (figures["week_events"], figures["week_incidents"]) == (5, 3)
    assert figures["week_incidents_sharing_day_family_place"] == 2  # Douma's raids by two attackers
    assert figures["week_region_level_incidents"] == 1
    assert figures["week_largest_incidents"][0] == "2018-04-10 remote Douma (2 reports)"
    # the week's events per family and place, with the incidents they went to wherever those are dated
    assert figures["week_events_by_family_place_and_their_incidents"] == [
        "remote Douma: 3 events in 2 incidents",
        "chemical Douma: 1 events in 1 incidents",
        "remote Eastern Ghouta: 1 events in 1 incidents",
    ]


def test_an_incident_takes_its_sides_from_the_reports_of_its_own_type():
    """One sentence telling a coalition air strike and a shelling by its ground partner («واصلت طائرات التحالف
    … مع … قصف من قبل قوات غضب الفرات», seed 000) is one bombardment incident of the strikes' type: its actor1
    is the coalition, not the partner."""
    quote = "واصلت طائرات التحالف تحليقها في سماء دوما مع تنفيذ ضربات وقصف من قبل قوات غضب الفرات"
    shelling = ev("s-1", kind="shelling", actors=("SDF", "Islamic State"), quote=quote, actor_basis="agent")
    strike = ev("s-2", actors=("US-led coalition", "Islamic State"), quote=quote, actor_basis="before")
    inc = one([shelling, strike])
    assert inc.sub_event_type == EVENT_TYPES["air_strike"][1]
    assert (inc.actor1, inc.actor2) == ("US-led coalition", "Islamic State")


@pytest.mark.parametrize("row", _rows("incident_speaker_cues.jsonl"), ids=lambda r: f"{r['kind']} {r['cue']}")
def test_each_speaker_cue_says_whether_the_named_side_only_speaks_of_the_strike(row):
    # 14 April 2018: one Western strike on Damascus; Moscow condemning it is no second strike
    speaker = row["kind"] in ("verb", "impersonal")
    told = ev("s1-s", place=DAMASCUS, day=date(2018, 4, 14), actors=(row["actor"], ""), quote=row["example"])
    assert incidents.speaks(told) is speaker
    doer = "Israel" if incidents.side(row["actor"]) == incidents.side("United States") else "United States"
    strike = ev("s2-s", place=DAMASCUS, day=date(2018, 4, 14), actors=(doer, ""), quote="غارات على دمشق")
    inc = group_incidents([strike, told])
    assert len(inc) == (1 if speaker else 2)  # a speaker does not split it; a doer of another side does
    if speaker:
        assert inc[0].actor1 == doer  # the side that struck, not the one that spoke


def test_a_speaker_of_a_taking_is_its_doer_and_still_splits():
    # «أعلن الجيش السوري سيطرته …» is the army's own taking (family flag speakers_act): the opposition's
    # taking of the same town that day is another happening
    fam = incidents.families()["gov_regains"]
    assert fam.speakers_act and not incidents.families()["air_strike"].speakers_act
    army = ev("k1-t", "gov_regains", actors=("Syrian government", ""), quote="أعلن الجيش السوري سيطرته على دوما")
    rebels = ev("k2-t", "nsa_overtakes", actors=("Islamic State", ""), quote="سيطر تنظيم الدولة على دوما")
    assert len(group_incidents([army, rebels])) == 2
    said = ev("k3-s", actors=("Syrian government", ""), quote="أعلن الجيش السوري أن الغارات على دوما عدوان")
    struck = ev("k4-s", actors=("Israel", ""), quote="غارات إسرائيلية على دوما")
    assert len(group_incidents([said, struck])) == 1  # a strike: the army only spoke of it


def test_a_speaker_named_after_that_is_inside_what_is_said():
    quote = "قال المرصد إن طائرات روسية قصفت دمشق"
    assert not incidents.speaks(ev("w1-s", actors=("Russia", ""), quote=quote))
    # the name the event stage took: after the trigger when it says so, else the nearest before it
    quote = "دانت روسيا الغرب وقصفت طائرات روسية دمشق"
    after = ev("w2-s", actors=("Russia", ""), quote=quote, actor_basis="after")
    after = replace(after, extra={**after.extra, "trigger_start": quote.index("وقصفت")})
    assert not incidents.speaks(after)
    before = replace(after, extra={**after.extra, "actor1_basis": "before"})
    assert incidents.speaks(before)


def test_a_province_s_strike_line_is_its_article_s_one_town_s_strike_that_day():
    # «مقتل 15 مدنيا في قصف على ريف درعا الغربي» beside «قصف استهدف مساء الثلاثاء مدينة نوى» (one article)
    day = {"day": date(2018, 7, 17), "published": date(2018, 7, 18)}
    region = ev("n1-r", "shelling", DARAA_GOV, quote="مقتل 15 مدنيا في قصف على ريف درعا الغربي", **day)
    town = ev("n1-t", "air_strike", NAWA, quote="قصف جوي استهدف مدينة نوى", **day)
    inc = one([region, town])
    assert inc.place == NAWA and len(inc.reports) == 2 and not incidents.region_level(inc.place, inc.geo_precision)
    # another outlet's province line of that day may be another town's strike: it stays apart
    other = ev("n2-r", "shelling", DARAA_GOV, quote="قصف على ريف درعا", **day)
    assert sorted(len(i.reports) for i in group_incidents([region, town, other])) == [1, 2]
    # two towns struck in the article that day: the province's line sums them
    second = ev("n1-u", "air_strike", DARAA, quote="غارات على مدينة درعا", **day)
    assert sorted(len(i.reports) for i in group_incidents([region, town, second])) == [1, 1, 1]
    # a town of another province is not inside it
    elsewhere = ev("n1-t", "air_strike", DOUMA, quote="غارات على دوما", **day)
    assert len(group_incidents([region, elsewhere])) == 2
    # a province's battle line is not one town's (its fronts are many), nor is a country's strike line
    # (TIE_WIDE_KINDS: the event stage places strikes «ردا على الهجوم الكيميائي في دوما» at Douma)
    assert "country" not in incidents.TIE_WIDE_KINDS
    fight = [ev("n3-r", "advance", DARAA_GOV, **day), ev("n3-t", "advance", NAWA, **day)]
    assert len(group_incidents(fight)) == 2
    syria = [ev("n4-r", place=SYRIA, **day), ev("n4-t", place=DAMASCUS, **day)]
    assert len(group_incidents(syria)) == 2


def test_a_strike_on_a_base_or_airport_and_on_the_town_it_is_named_after_is_one():
    aleppo = Place("wof:aleppo", "حلب", "Aleppo", "city", 36.2021, 37.1343, "SY02")
    airport = Place("ovl:alp-air", "مطار حلب", "Aleppo International Airport", "airport", 36.1807, 37.2244,
                    "SY02", names_ar=("مطار حلب", "مطار حلب الدولي"))  # fmt: skip
    day = {"day": date(2018, 4, 29), "published": date(2018, 4, 30)}
    on_city = ev("p1-s", place=aleppo, quote="صواريخ على حلب", **day)
    on_airport = ev("p2-s", place=airport, quote="صواريخ على مطار حلب الدولي", **day)
    assert one([on_city, on_airport]).place in (aleppo, airport)  # ~8 km apart: its own name says whose
    # a base named after another town, and the town's namesake too far off, stay apart
    other = replace(airport, place_id="ovl:x", name_ar="مطار النيرب", names_ar=("مطار النيرب",))
    assert len(group_incidents([on_city, ev("p3-s", place=other, **day)])) == 2
    far = replace(airport, place_id="ovl:far", lat=36.2021 + incidents.SITE_KM / 100)
    assert len(group_incidents([on_city, ev("p4-s", place=far, **day)])) == 2


AFRIN = Place("wof:afrin", "عفرين", "Afrin", "town", 36.5119, 36.8694, "SY02")


def test_two_incidents_the_order_split_that_end_dated_to_one_day_at_one_place_are_one():
    # Afrin, Friday 16 March 2018: a report-dated line of the 15th opens one incident; the first line
    # dated «الجمعة» cannot join it and opens a second; a span up to the 16th and a later «الجمعة» then
    # date the first to the 16th as well: one battle drawn twice on the 16th, unless joined
    tk = ("Turkey", "")
    lines = [
        ev("a1-b", "advance", AFRIN, published=date(2018, 3, 15), basis="report", actors=tk),
        ev("a2-b", "armed_clash", AFRIN, day=date(2018, 3, 16), published=date(2018, 3, 16), actors=tk),
        ev("a3-b", "advance", AFRIN, day=date(2018, 3, 14), last=date(2018, 3, 16), published=date(2018, 3, 16),
           actors=tk),
        ev("a4-b", "advance", AFRIN, day=date(2018, 3, 16), published=date(2018, 3, 17), actors=tk),
    ]  # fmt: skip
    inc = one(lines)
    assert inc.incident_id == "inc-a1-b" and inc.event_date == date(2018, 3, 16) and len(inc.reports) == 4
    # the SDF's line of that day names another side as the winner: still its own happening
    sdf = replace(lines[1], event_id="a2-c", actor1="SDF", extra={**lines[1].extra, "type_key": "advance"},
                  event_type=EVENT_TYPES["advance"][0], sub_event_type=EVENT_TYPES["advance"][1])  # fmt: skip
    assert sorted(len(i.reports) for i in group_incidents([*lines[:1], sdf, *lines[2:]])) == [1, 3]


@pytest.mark.parametrize("row", _rows("incident_target_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_target_cue_makes_the_struck_side_no_second_strike(row):
    told = ev("t1-s", place=DAMASCUS, day=date(2018, 4, 14), actors=(row["actor"], ""), quote=row["example"])
    assert incidents.struck(told)
    doer = ev("t2-s", place=DAMASCUS, day=date(2018, 4, 14), actors=("United States", ""), quote="غارات على دمشق")
    inc = one([doer, told])
    assert inc.actor1 == "United States" and len(inc.reports) == 2
    # in a battle the side named after «ضد» is the other side of the clash: a doer, as before
    fight = [replace(e, extra={**e.extra, "type_key": "armed_clash"}, event_type=EVENT_TYPES["armed_clash"][0],
                     sub_event_type=EVENT_TYPES["armed_clash"][1]) for e in (doer, told)]  # fmt: skip
    three = ev("t3-s", "armed_clash", DAMASCUS, day=date(2018, 4, 14), actors=("Islamic State", ""), quote="قتال")
    assert len(group_incidents([*fight, three])) >= 2


def test_a_speaker_s_verb_may_follow_its_name_and_an_adjective():
    quote = "بيانا للقيادة العامة للجيش السوري قالت فيه إن 110 صواريخ أطلقت على دمشق"
    assert incidents.speaks(ev("v1-s", actors=("Syrian government", ""), quote=quote))
    assert incidents.SVO_REACH == 2 and not incidents.speaks(
        ev("v2-s", actors=("Syrian government", ""), quote="القوات السورية في المنطقة الجنوبية قالت إن الصواريخ أطلقت")
    )


@pytest.mark.parametrize("row", _rows("incident_target_between.jsonl"), ids=lambda r: r["word"])
def test_an_adjective_of_the_target_between_it_and_its_owner_still_names_the_side_struck(row):
    # «استهدف قصف صاروخي مواقع عسكرية للنظام السوري»: the government's sites were hit, it struck nothing
    told = ev("b1-s", place=DAMASCUS, day=date(2018, 4, 29), actors=(row["actor"], ""), quote=row["example"])
    assert row["word"] in row["example"] and incidents.struck(told)
    doer = ev("b2-s", place=DAMASCUS, day=date(2018, 4, 29), actors=("Israel", ""), quote="غارات إسرائيلية على دمشق")
    inc = one([doer, told])
    assert inc.actor1 == "Israel" and len(inc.reports) == 2


def test_a_word_not_listed_between_a_target_noun_and_a_side_leaves_the_side_a_doer():
    # «مواقع هاجمها النظام السوري»: the positions the government attacked; it is the doer
    told = ev("b3-s", place=DAMASCUS, day=date(2018, 4, 29), actors=("Syrian government", ""),
              quote="قصف على مواقع هاجمها النظام السوري قرب دمشق")  # fmt: skip
    assert not incidents.struck(told)
    two_words = ev("b4-s", place=DAMASCUS, day=date(2018, 4, 29), actors=("Syrian government", ""),
                   quote="استهدف قصف مواقع عسكرية عسكرية للنظام السوري قرب دمشق")  # fmt: skip
    assert incidents.TARGET_GAP == 1 and not incidents.struck(two_words)


def test_a_cue_inside_quotation_marks_is_still_a_cue():
    # «الهدف الذي "يفترض أن النظام يحتفظ فيه بأسلحة"»: the government is guessed at, not the doer
    quoted = 'أطلقت المقاتلات صواريخ على الهدف الذي "يفترض أن النظام يحتفظ فيه بأسلحة كيميائية" قرب حمص'
    assert incidents.disputes_doer(quoted) and incidents.disputes_doer(quoted.replace('"', "«"))
    assert not incidents.disputes_doer('أطلقت المقاتلات "صواريخ" على الهدف قرب حمص')
    assert incidents.retells('نزوح الأهالي ("إثر القصف") على حرستا')


# ------------------------------------------------------------------- lists of regions, quarters, background

HAMA_GOV = Place("ocha:SY05", "حماة", "Hama", "governorate", 35.13, 36.75, "SY05", "Hama")
ALEPPO_GOV = Place("ocha:SY02", "حلب", "Aleppo", "governorate", 36.2, 37.15, "SY02", "Aleppo")
SALHAB = Place("gn:salhab", "سلحب", "Salhab", "town", 35.4850, 36.3880, "SY05", "Hama")
LISTING = "تعرضت مواقع عسكرية في ريفي حماة وحلب لضربات صاروخية مساء الأحد"
SUNDAY = date(2018, 4, 29)


def _told_over(article: str, kind: str = "air_strike", quote: str = LISTING, **kw) -> list[Event]:
    """One sentence of an article listing Hama's and Aleppo's countryside: the event stage's two events."""
    return [
        ev(f"{article}-{n}", kind, place, day=SUNDAY, published=SUNDAY + timedelta(days=1), quote=quote, **kw)
        for n, place in (("h", HAMA_GOV), ("a", ALEPPO_GOV))
    ]


def test_a_sentence_listing_two_provinces_tells_one_strike_over_both():
    # two outlets tell the night's missile strikes «في ريفي حماة وحلب»: one incident, two articles behind it
    inc = one(_told_over("l1") + _told_over("l2", "shelling", "قصف صاروخي على مواقع بريفي حماة وحلب الأحد"))
    assert len(inc.reports) == 4 and incidents.article_count(inc) == 2
    # a province named alone by another article that day is the listed strike's too
    alone = ev("l3-h", place=HAMA_GOV, day=SUNDAY, published=SUNDAY, quote="ضربات صاروخية على ريف حماة")
    assert len(one(_told_over("l1") + [alone]).reports) == 3


def test_one_sentence_of_two_types_at_two_provinces_tells_two_happenings():
    # «بدأت هجوما في محافظة القنيطرة بعدما استعادت 90 في المئة من محافظة درعا»: an offensive and a state
    quote = "بدأت القوات الحكومية الأحد هجوما في محافظة حماة بعدما استعادت معظم محافظة حلب"
    clash = ev("l4-h", "armed_clash", HAMA_GOV, day=SUNDAY, quote=quote)
    taking = ev("l4-a", "gov_regains", ALEPPO_GOV, day=SUNDAY, quote=quote)
    assert len(group_incidents([clash, taking])) == 2


def test_a_line_listing_two_provinces_is_no_one_town_s():
    # a province's line beside its article's one town that day would be the town's (TIE_WIDE_KINDS);
    # listed with another province it sums both, and the town's strike keeps its own incident
    town = ev("l5-s", place=SALHAB, day=SUNDAY, published=SUNDAY + timedelta(days=1), quote="صواريخ على سلحب")
    out = group_incidents(_told_over("l5") + [town])
    assert sorted(len(i.reports) for i in out) == [1, 2]
    assert next(i for i in out if len(i.reports) == 1).place == SALHAB
    single = ev("l6-h", place=HAMA_GOV, day=SUNDAY, published=SUNDAY + timedelta(days=1), quote="قصف على ريف حماة")
    lone_town = ev("l6-s", place=SALHAB, day=SUNDAY, published=SUNDAY + timedelta(days=1), quote="صواريخ على سلحب")
    assert one([single, lone_town]).place == SALHAB  # named alone, the province's line is its one town's


AL_QADAM = Place(
    "ovl:qadam", "القدم", "al-Qadam", "neighbourhood", 33.4746, 36.2938, "SY01", parent_id="wof:dam"
)
HAJAR = Place("gn:hajar", "الحجر الأسود", "al-Hajar al-Aswad", "village", 33.4678, 36.3058, "SY03")  # ~1.3 km


def test_a_quarter_beside_a_town_of_another_name_is_another_place():
    day = date(2018, 4, 29)
    strikes = [ev("q1-s", place=AL_QADAM, day=day), ev("q2-s", place=HAJAR, day=day)]
    assert incidents.distance_km(AL_QADAM.lat, AL_QADAM.lon, HAJAR.lat, HAJAR.lon) < incidents.NEAR_KM
    assert len(group_incidents(strikes)) == 2
    own_town = ev("q3-s", place=DAMASCUS, day=day)  # the quarter's own city: one place
    assert len(one([ev("q1-s", place=AL_QADAM, day=day), own_town]).reports) == 2


def test_a_deal_reported_as_reached_is_the_day_s_deal_and_a_bare_deal_line_retells_last_week_s():
    parties = ("Russia", "Syrian opposition")
    truce = ev("n1-d", "agreement", DARAA, day=date(2018, 6, 29), published=date(2018, 6, 29), actors=parties)
    told = {"published": date(2018, 7, 6), "basis": "report", "actors": parties}
    reached = ev("n2-d", "agreement", DARAA, quote="وتوصلت دمشق الى اتفاق مع فصائل معارضة في درعا", **told)
    retold = ev("n3-d", "agreement", DARAA, quote="بموجب الاتفاق مع فصائل معارضة في درعا", **told)
    assert len(group_incidents([truce, reached])) == 2
    assert len(one([truce, retold]).reports) == 2


def _with_trigger(e: Event, word: str) -> Event:
    return replace(e, extra={**dict(e.extra), "trigger_start": e.quote_start + e.quote.index(word)})


@pytest.mark.parametrize("row", _rows("incident_background_cues.jsonl"), ids=lambda r: f"{r['where']} {r['cue']}")
def test_each_background_cue_keeps_its_line_off_the_day_s_happening(row):
    strike = ev("g1-s", place=SYRIA, published=SUNDAY, basis="report", actors=("Israel", ""),
                quote="شنت إسرائيل غارات على سوريا")  # fmt: skip

    def line(quote):
        told = ev("g2-s", place=SYRIA, published=SUNDAY, basis="report", actors=("Israel", ""), quote=quote)
        return _with_trigger(told, row["trigger"])

    assert row["cue"] in row["example"] and row["trigger"] in row["example"]
    without = " ".join(row["example"].replace(row["cue"], " ").split())
    if row["where"] == "relative":  # the pronoun makes the cue after it a noun's description
        without = " ".join(w for w in row["example"].split() if w not in (row["cue"], "و" + row["cue"]))
        assert not incidents.is_background(line(row["example"])) and incidents.is_background(line(without))
        return
    assert incidents.is_background(line(row["example"])) and not incidents.is_background(line(without))
    assert len(group_incidents([strike, line(row["example"])])) == 2
    assert len(one([strike, line(without)]).reports) == 2


def test_a_background_cue_far_from_the_trigger_is_another_clause_s():
    quote = "سبق أن زار الوزير المنطقة، وقال مسؤولون إن الطائرات الإسرائيلية شنت غارات على سوريا"
    told = _with_trigger(ev("g3-s", place=SYRIA, published=SUNDAY, basis="report", quote=quote), "غارات")
    assert incidents.BACKGROUND_REACH < 8 and not incidents.is_background(told)
    told_then = {"day": SUNDAY, "published": SUNDAY + timedelta(days=3)}  # «الأحد» told on Wednesday
    dated = _with_trigger(ev("g4-s", place=SYRIA, quote="وكانت إسرائيل سبق أن نفذت ضربات الأحد", **told_then), "ضربات")
    assert one([dated]).reports[0].date_basis != "report"
    assert not incidents._mention(dated).background  # dated by its own text: a retelling, not a habit


HOMS = Place("wof:homs", "حمص", "Homs", "city", 34.7324, 36.7137, "SY04", "Homs", names_ar=("حمص",))
HOMS_GOV = Place("ocha:SY04", "حمص", "Homs", "governorate", 34.6, 37.6, "SY04", "Homs", names_ar=("حمص",))


def test_a_city_s_line_does_not_make_a_strike_told_over_listed_provinces_the_city_s():
    # «مواقع عسكرية في ريفي حمص وحلب» (two provinces) and «قصف على جيب قرب حمص» the same day: the city's
    # bombardment is not the provinces' strike, whose point it would become on the map
    listing = "تعرض مواقع عسكرية في ريفي حمص وحلب لهجوم صاروخي"
    provinces = [
        named("h1-h", "shelling", HOMS_GOV, listing, "حمص", day=SUNDAY),
        named("h1-a", "shelling", ALEPPO_GOV, listing, "حلب", day=SUNDAY),
    ]
    pocket = "بدأت قوات النظام قصفا عنيفا على جيب قرب حمص"
    city = named("h2-s", "shelling", HOMS, pocket, "حمص", day=SUNDAY)
    out = group_incidents([*provinces, city])
    assert sorted(len(i.reports) for i in out) == [1, 2]
    assert {i.place.kind for i in out if len(i.reports) == 2} == {"governorate"}
    # a province named alone, bare, is still either the city or the province (the geocoder's pick is a guess)
    alone = named("h3-s", "shelling", HOMS_GOV, "قصف على حمص", "حمص", day=SUNDAY)
    assert len(one([alone, city]).reports) == 2
    assert len(one([city, replace(alone, event_id="h0-s", article_id="h0")]).reports) == 2


def test_a_side_owning_the_struck_sites_is_read_as_in_a_report_on_syria():
    # bare «النظام» names the government only in a report on Syria (geo/actors.py): one sentence read alone
    quote = "وكانت الضربات الصاروخية التي استهدفت مخازن أسلحة وقواعد عسكرية للنظام في ريف حماة من الشدة"
    told = ev("s1-s", place=HAMA_GOV, day=SUNDAY, actors=("Syrian government", ""), quote=quote)
    assert incidents.struck(told) and not incidents.struck(replace(told, quote=quote.replace("للنظام", "")))
    doer = ev("s2-s", place=HAMA_GOV, day=SUNDAY, actors=("Israel", ""), quote="غارات إسرائيلية على ريف حماة")
    assert one([doer, told]).actor1 == "Israel"


def test_a_report_naming_the_struck_side_as_the_doer_joins_the_strike_on_its_days():
    # the 14 April strikes: two outlets say the government's sites were hit; a third line, «اعتبرت إسرائيل أن
    # الضربات مبررة، قائلة إن النظام السوري يواصل …», gives the event stage the government as the doer
    day = date(2018, 4, 14)
    us = ev("w1-s", place=DAMASCUS, day=day, actors=("United States", ""), quote="ضربات أميركية على دمشق")
    hit = [
        ev(f"w{n}-s", place=DAMASCUS, day=day, actors=("Syrian government", ""),
           quote="استهدفت الضربات مواقع عسكرية للنظام السوري في دمشق")
        for n in (2, 3)
    ]  # fmt: skip
    misread = ev("w4-s", place=DAMASCUS, day=day, actors=("Syrian government", ""),
                 quote="اعتبرت إسرائيل أن الضربات على دمشق مبررة قائلة إن النظام السوري يواصل أعماله")  # fmt: skip
    inc = one([us, *hit, misread])
    assert len(inc.reports) == 4 and inc.actor1 == "United States"
    # one article naming the government struck is not enough, and a day on it may be the government's own
    assert len(group_incidents([us, hit[0], misread])) == 2
    later = replace(misread, event_date=day + timedelta(days=2), published=day + timedelta(days=3))
    assert len(group_incidents([us, *hit, later])) == 2


def test_a_strike_on_syria_retold_with_a_cue_points_back_to_it_and_a_bare_country_line_does_not():
    # the Western strikes «على سوريا» of Saturday 14 April, retold on Monday as «الضربات الأخيرة على سوريا»
    day = date(2018, 4, 14)
    strike = ev("c1-s", place=SYRIA, day=day, actors=("United States", ""), quote="ضربات أميركية على سوريا فجر السبت")
    told = {"place": SYRIA, "published": day + timedelta(days=2), "basis": "report", "actors": ("United States", "")}
    retold = ev("c2-s", quote="وأضاف ماتيس أن الضربات الأميركية الأخيرة على سوريا كانت بدعم دولي", **told)
    bare = ev("c3-s", quote="ضربات أميركية على سوريا", **told)
    assert len(one([strike, retold]).reports) == 2
    assert len(group_incidents([strike, bare])) == 2  # a new day's strikes somewhere in the country


def test_a_dual_province_word_names_two_provinces_even_when_one_event_was_found():
    # «مواقع عسكرية للنظام في محافظتي حماة وحلب»: the event stage placed it at Hama only; it still sums two
    # provinces, so it is not its article's one town's strike (Salhab's), and it joins the listed strike
    quote = "استهدف قصف صاروخي مواقع عسكرية في محافظتي حماة وحلب"
    dual = named("d1-h", "shelling", HAMA_GOV, quote, "حماة", day=SUNDAY, published=SUNDAY + timedelta(days=1))
    town = ev("d1-s", "shelling", SALHAB, day=SUNDAY, published=SUNDAY + timedelta(days=1), quote="صواريخ على سلحب")
    assert incidents.named_as(dual) == incidents.SEVERAL
    out = group_incidents([*_told_over("d0"), dual, town])
    assert sorted(len(i.reports) for i in out) == [1, 3]
    single = named("d2-h", "shelling", HAMA_GOV, quote.replace("محافظتي حماة وحلب", "محافظة حماة"), "حماة",
                   day=SUNDAY, published=SUNDAY + timedelta(days=1))  # fmt: skip
    assert one([single, replace(town, event_id="d2-s", article_id="d2")]).place == SALHAB


def test_a_deal_its_text_dates_joins_the_retellings_of_its_article_filed_before_it():
    # one report of 15 July: «الاتفاق يشمل مناطق درعا البلد …» (dated by the report, filed first by its id)
    # and «وكان الإعلام السوري قد أفاد، الأربعاء الماضي، أنه تم التوصل إلى اتفاق» (the 11th): one deal
    told = {"place": DARAA, "published": date(2018, 7, 15), "article": "r1"}
    retold = ev("r1-a", "agreement", basis="report", **told)
    dated = ev("r1-b", "agreement", day=date(2018, 7, 11), **told)
    inc = one([retold, dated])
    assert (inc.event_date, len(inc.reports)) == (date(2018, 7, 11), 2)
    # strikes recur daily: a report-dated strike does not reach back to the strike of four days before
    strikes = [ev("r2-a", basis="report", **told), ev("r2-b", day=date(2018, 7, 11), **told)]
    assert len(group_incidents(strikes)) == 2


def test_a_month_named_joins_a_deal_of_that_month_only_at_its_very_place():
    day = {"day": date(2018, 7, 11), "published": date(2018, 7, 15)}
    deal = named("n1-d", "agreement", DARAA, "تم التوصل إلى اتفاق في درعا", "درعا", **day)
    month = {"day": date(2018, 7, 1), "last": date(2018, 7, 31), "precision": 3, "published": date(2018, 7, 19)}
    # «في يوليو 2018، أبرم اتفاق شمل مناطق بريف درعا الشرقي»: the province's countryside, not the city's deal
    quote = "في يوليو 2018، أبرم اتفاق شمل مناطق بريف درعا الشرقي"
    province = named("n2-d", "agreement", DARAA_GOV, quote, "درعا", **month)
    assert len(group_incidents([deal, province])) == 2
    city = named("n3-d", "agreement", DARAA, "في يوليو 2018 أبرم اتفاق في درعا", "درعا", **month)
    assert len(one([deal, city]).reports) == 2


def test_a_report_filed_before_what_lets_it_join_still_joins_its_strike():
    # T4, 9 April, every report dated by its report day, in the canonical order: a report taking the
    # speaker (Russia) for the doer opens the incident; «الغارة الإسرائيلية» comes next, before two
    # outlets accuse Israel of that strike, so it first opened an incident of its own; once the
    # accusations are in, it is that strike's report
    day = {"place": T4, "published": date(2018, 4, 9), "basis": "report"}
    speaker = ev("t1-s", actors=("Russia", ""), quote="غارة روسية على المطار", **day)
    firm = ev("t2-s", actors=("Israel", ""), quote="قتل عسكريون في الغارة الإسرائيلية على المطار", **day)
    accused = [
        ev(f"t{i}-s", actors=("Israel", ""), quote="اتهمت دمشق إسرائيل بقصف المطار", **day) for i in (3, 4)
    ]
    inc = one([speaker, firm, *accused])
    assert (inc.incident_id, len(inc.reports)) == ("inc-t1-s", 4)
    # with no report accusing Israel, the two named air forces stay two strikes, whatever the order
    assert len(group_incidents([speaker, firm])) == 2


def test_a_strike_wave_told_for_the_country_and_for_its_provinces_is_one():
    # 29–30 April: «تعرضت مواقع عسكرية في ريفي حماة وحلب لضربات صاروخية» and another outlet's «الضربة التي
    # استهدفت قواعد عسكرية إيرانية في سوريا، ليل الأحد الاثنين»: both sum the same sites
    told = {"day": SUNDAY, "published": SUNDAY + timedelta(days=1)}
    provinces = [ev(f"w1-{k}", place=p, quote=LISTING, **told) for k, p in (("h", HAMA_GOV), ("a", ALEPPO_GOV))]
    country = ev("w2-s", place=SYRIA, quote="الضربة التي استهدفت قواعد عسكرية إيرانية في سوريا", **told)
    assert len(one([*provinces, country]).reports) == 3
    # a named region is not the country's line (the Golan is where rockets from Syria fell), nor is a
    # country line two days on, nor a town's strike (the country line sums the sites, none of them)
    golan = Place("ne:golan", "الجولان", "Golan Heights", "region", 33.0, 35.8, "SY14")
    assert len(group_incidents([country, ev("w3-s", place=golan, **told)])) == 2
    later = ev("w4-s", place=SYRIA, day=SUNDAY + timedelta(days=2), published=SUNDAY + timedelta(days=2))
    assert len(group_incidents([*provinces, later])) == 2
    assert len(group_incidents([country, ev("w5-s", place=SALHAB, **told)])) == 2


@pytest.mark.parametrize("row", _rows("incident_renewal_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_renewal_cue_dates_a_resumed_bombardment_on_its_telling_not_on_the_pause(row):
    # Sunday 8 July: «ويأتي تجدد القصف … بعد توقفه منذ يوم الجمعة» is dated 6–8 July by «منذ يوم الجمعة»;
    # the strikes it tells are Sunday's, not Friday's before the pause
    friday, sunday = date(2018, 7, 6), date(2018, 7, 8)
    kind = "armed_clash" if row["trigger"] == "الاشتباكات" else "shelling"
    told = {"place": DARAA, "day": friday, "last": sunday, "published": sunday, "article": "u1"}

    def line(quote):
        return _with_trigger(ev("u1-a", kind, quote=quote, **told), row["trigger"])

    without = " ".join(row["example"].replace(row["cue"], " ").split())
    assert incidents.renews(line(row["example"])) and not incidents.renews(line(without))
    before = ev("u0-a", kind, DARAA, day=friday, published=friday)
    on_sunday = ev("u2-a", kind, DARAA, day=sunday, published=sunday)
    inc = next(i for i in group_incidents([before, line(row["example"]), on_sunday]) if len(i.reports) == 2)
    assert (inc.event_date, sorted(r.event_id for r in inc.reports)) == (sunday, ["u1-a", "u2-a"])


@pytest.mark.parametrize("row", _rows("incident_standing_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_standing_cue_keeps_a_deal_s_violation_off_the_day_s_deal(row):
    # «انتهاك وقف إطلاق النار في درعا» told on the day a new truce is agreed there: the standing deal
    # violated, not the day's deal; without the cue the line is the day's deal retold
    day = {"place": DARAA, "published": date(2018, 6, 29), "basis": "report"}
    deal = ev("s1-d", "agreement", quote="توصلت الفصائل مع الوفد الروسي إلى هدنة", **day)

    def line(quote):
        return _with_trigger(ev("s2-d", "agreement", quote=quote, **day), row["trigger"])

    without = " ".join(row["example"].replace(row["cue"], " ").split())
    assert incidents.stands(line(row["example"]), row["family"]) and not incidents.stands(line(without), row["family"])
    assert len(group_incidents([deal, line(row["example"])])) == 2
    assert len(one([deal, line(without)]).reports) == 2
    # a strike breaching a truce is the day's strike: the cue is a deal's
    quote = "خرق الطيران الهدنة بقصف البلدة"
    strikes = [ev("s3-s", **day), _with_trigger(ev("s4-s", quote=quote, **day), "بقصف")]
    assert len(one(strikes).reports) == 2


@pytest.mark.parametrize("row", _rows("incident_start_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_start_cue_keeps_a_start_told_that_day_off_an_older_incident(row):
    # Sunday 15 July, told on Sunday: «بدأت الأحد عملية إجلاء المقاتلين» is Sunday's evacuation; read as a
    # retelling it would reach back to Thursday's line at Daraa and draw Sunday's evacuation twice
    thursday, sunday = date(2018, 7, 12), date(2018, 7, 15)
    thursday_line = ev("s0-w", "withdrawal", DARAA, day=thursday, published=thursday + timedelta(days=2),
                       actors=("Syrian opposition", ""), quote="أعلن إجلاء المقاتلين من درعا الخميس")  # fmt: skip

    def line(quote):
        return _with_trigger(ev("s1-w", "withdrawal", DARAA, day=sunday, published=sunday, quote=quote,
                                actors=("Syrian opposition", "")), row["trigger"])  # fmt: skip

    without = " ".join(row["example"].replace(row["cue"], " ").split())
    assert incidents.starts(line(row["example"])) and not incidents.starts(line(without))
    later = ev("s2-w", "withdrawal", DARAA, day=sunday, published=sunday + timedelta(days=3),
               actors=("Syrian opposition", ""), quote="خرج مئات المقاتلين الأحد من درعا")  # fmt: skip
    out = group_incidents([thursday_line, line(row["example"]), later])
    assert sorted(sorted(r.event_id for r in i.reports) for i in out) == [["s0-w"], ["s1-w", "s2-w"]]
    retold = group_incidents([thursday_line, line(without), later])
    assert len(retold) == 2 and any(sorted(r.event_id for r in i.reports) == ["s0-w", "s1-w"] for i in retold)
