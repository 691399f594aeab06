"""A pocket region taken whole hands over its member places (geo/rules/territory_pockets.jsonl), on hand-built events."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from geo import territory
from geo.model import EVENT_TYPES, Event, Place
from geo.territory import POCKETS_PATH, build_timeline

ROWS = [json.loads(line) for line in POCKETS_PATH.read_text(encoding="utf-8").splitlines() if line]
GHOUTA = Place("prj:eastern-ghouta", "الغوطة الشرقية", "Eastern Ghouta", "region", 33.55027, 36.39659,
               admin1="SY03", geo_precision=3)  # fmt: skip
HAMOURIYAH = Place("wof:1259402551", "حمورية", "Hammurah", "village", 33.5263, 36.3983, admin1="SY03")
DOUMA = Place("wof:890442375", "دوما", "Douma", "city", 33.5722, 36.4022, admin1="SY03")
MEMBERS = {GHOUTA.place_id: (HAMOURIYAH, DOUMA)}


def taking(eid, quote, region_ar, trigger, place=GHOUTA, day=date(2018, 4, 14), article="", kind="gov_regains",
           actor1="Syrian government"):  # fmt: skip
    """A taking whose sentence names the region (offsets as the pipeline sets them) after its trigger."""
    etype, sub = EVENT_TYPES[kind]
    at, i = quote.index(region_ar), quote.index(trigger)
    return Event(
        event_id=eid, article_id=article or f"art-{eid}", event_type=etype, sub_event_type=sub, status="happened",
        event_date=day, time_precision=1, actor1=actor1, actor2="", place=place, geo_precision=3, quote=quote,
        quote_start=0, place_start=at, place_end=at + len(region_ar), extra={"trigger": trigger, "trigger_start": i},
    )  # fmt: skip


def _timeline(events):
    found = territory._pocket_handovers(events, MEMBERS)
    by_place = {}
    for ev, e in found:
        by_place.setdefault(ev.place.place_id, []).append(e)
    return found, by_place


WHOLE = "وأعلن الجيش السوري السبت سيطرته بالكامل على الغوطة الشرقية بعد إجلاء آخر مقاتلي المعارضة من مدينة دوما"


def test_a_region_taken_whole_hands_its_members_to_the_taker_from_that_day():
    e = taking("w", WHOLE, "الغوطة الشرقية", "سيطرته")
    assert territory.taken_whole(e)
    found, by_place = _timeline([e])
    assert set(by_place) == {HAMOURIYAH.place_id, DOUMA.place_id}
    (_ev, got), *_ = found
    assert (got.controller, got.day, got.kind, got.loser) == ("Syrian government", date(2018, 4, 14), "taking", "")


def test_the_map_shows_a_member_held_after_the_region_is_taken_and_nothing_before():
    e = taking("w", WHOLE, "الغوطة الشرقية", "سيطرته")
    assert territory.evidence_of(e) is None  # the region itself is no place one holds
    tl = build_timeline([e], targets=())  # its members from the default gazetteer
    after = {c.place.place_id: c for c in tl.as_of(date(2018, 4, 20), inferred=False)}
    assert (after[HAMOURIYAH.place_id].controller, after[HAMOURIYAH.place_id].since) == (
        "Syrian government", date(2018, 4, 14))  # fmt: skip
    assert all(c.place.place_id != HAMOURIYAH.place_id for c in tl.as_of(date(2018, 4, 1), inferred=False))


def test_the_loser_two_articles_name_held_the_members_before_the_fall():
    quote = "استعادت قوات النظام السيطرة بالكامل على الغوطة الشرقية من فصائل المعارضة"
    falls = [dataclasses.replace(taking(f"f{i}", quote, "الغوطة الشرقية", "استعادت", article=f"a{i}"),
                                 actor2="Syrian opposition") for i in (1, 2)]  # fmt: skip
    tl = build_timeline(falls, targets=())
    before = {c.place.place_id: c for c in tl.as_of(date(2018, 3, 1), inferred=False)}
    assert (before[HAMOURIYAH.place_id].controller, before[HAMOURIYAH.place_id].kind) == ("Syrian opposition", "prior")
    one = build_timeline(falls[:1], targets=())  # one article naming the loser: no prior holder
    assert all(c.place.place_id != HAMOURIYAH.place_id for c in one.as_of(date(2018, 3, 1), inferred=False))


def test_a_plain_taking_of_the_region_takes_it_whole_and_a_part_of_it_does_not():
    quote = "استعاد الجيش السوري السيطرة على الغوطة الشرقية قرب دمشق الأربعاء"
    assert territory.taken_whole(taking("a", quote, "الغوطة الشرقية", "استعاد"))
    part = "استعاد الجيش السوري السيطرة على 70 في المئة من الغوطة الشرقية قرب دمشق الأربعاء"
    assert not territory.taken_whole(taking("b", part, "الغوطة الشرقية", "استعاد"))


def _own(place, day, who, article):
    return (Event(event_id=f"o-{article}", article_id=article, event_type="Strategic developments",
                  sub_event_type="Other", status="happened", event_date=day, time_precision=1, actor1=who, actor2="",
                  place=place, geo_precision=1, quote="…", quote_start=0),
            territory.Evidence(day, who, "statement", f"o-{article}", 0.8, day.toordinal(), article))  # fmt: skip


def test_a_member_its_own_reports_tell_takes_the_region_as_a_retelling_and_keeps_its_established_holder():
    """Douma: Jaysh al-Islam's, told so by its own reports, while the press called the rest of the Ghouta taken."""
    own = [_own(DOUMA, date(2018, 3, d), "Syrian opposition", f"s{d}") for d in (1, 10, 20)]
    regions = [taking("w", WHOLE, "الغوطة الشرقية", "سيطرته", article=f"a{i}", day=date(2018, 3, 31)) for i in (1, 2)]
    pairs = territory._pocket_handovers(regions, MEMBERS, own=own)
    assert {(ev.place.place_id, e.kind) for ev, e in pairs} == {(DOUMA.place_id, "retold"), (HAMOURIYAH.place_id, "taking")}
    items = tuple(sorted([e for ev, e in pairs if ev.place.place_id == DOUMA.place_id] + [e for _v, e in own],
                         key=lambda x: x.day))  # fmt: skip
    tl = territory.Timeline({DOUMA.place_id: items}, {DOUMA.place_id: DOUMA})
    assert tl.state(DOUMA, date(2018, 4, 5)).controller == "Syrian opposition"


def test_a_departure_from_a_region_hands_over_nothing():
    quote = "وقال التلفزيون السوري إن عددا من المسلحين وأسرهم بدأوا يغادرون منطقة الغوطة الشرقية"
    e = taking("d", quote, "الغوطة الشرقية", "يغادرون", kind="withdrawal", actor1="Syrian opposition")
    assert not territory.taken_whole(e)


def test_a_governorate_taken_whole_hands_over_nothing():
    daraa = Place("ocha:SY12", "درعا", "Daraa", "governorate", 32.9, 36.2, admin1="SY12", geo_precision=3)
    e = taking("g", "سيطرت قوات النظام على كامل محافظة درعا", "درعا", "سيطرت", place=daraa)
    assert not territory.taken_whole(e)
    assert territory._pocket_handovers([e], {daraa.place_id: (HAMOURIYAH,)}) == []


@pytest.mark.parametrize("row", [r for r in ROWS if r["role"] != "pocket"], ids=lambda r: f"{r['role']}:{r['word']}")
def test_each_word_row_reads_its_example(row):
    region = GHOUTA if row["region_ar"] != "حوض اليرموك" else dataclasses.replace(GHOUTA, place_id="area:yarmouk-basin")
    e = taking("x", row["example"], row["region_ar"], row["trigger"], place=region)
    assert not territory.taken_whole(e), row["example"]


@pytest.mark.parametrize("row", [r for r in ROWS if r["role"] == "pocket"], ids=lambda r: r["name_en"])
def test_each_pocket_takes_its_example_whole_and_hands_over_its_member(row):
    from geo import gazetteer as gz

    gaz = gz.load()
    region = next(p for p in gaz if p.place_id == row["region"])
    members = territory.pocket_members(territory.pocket_rules().pockets[row["region"]], region, gaz)
    assert len(members) >= len(row["members_ar"]) - 1  # each name found near the region (one may be missing)
    ex = row["example"]["sentence"]
    name = next(n for n in sorted({region.name_ar, *region.names_ar}, key=len, reverse=True) if n in ex)
    trigger = next(w for w in ex.split() if "سيطر" in w or "استعاد" in w)
    one = taking("p", ex, name, trigger, place=region, article="a1")
    two = dataclasses.replace(one, event_id="q", article_id="a2")
    assert territory.taken_whole(one)
    got = {ev.place.place_id for ev, _ in territory._pocket_handovers([one, two], {row["region"]: members})}
    from geo.text import normalize

    wanted = normalize(row["example"]["member"])
    assert any(wanted in {normalize(n) for n in (m.name_ar, *m.names_ar)} for m in members if m.place_id in got)



AFRIN = Place("wof:890436241", "عفرين", "Afrin", "town", 36.51194, 36.86954, admin1="SY02")


def test_a_district_named_after_its_town_is_taken_whole_only_when_told_as_the_district():
    region = taking("r", "وسيطرت تركيا، الأحد الماضي، على منطقة عفرين الكردية", "منطقة عفرين", "وسيطرت", place=AFRIN,
                    kind="nsa_overtakes", actor1="Turkey")  # fmt: skip
    assert territory.taken_whole(region)
    town = taking("t", "وسيطرت تركيا، الأحد الماضي، على مدينة عفرين الكردية", "عفرين", "وسيطرت", place=AFRIN,
                  kind="nsa_overtakes", actor1="Turkey")  # fmt: skip
    assert not territory.taken_whole(town)  # the town itself: its own evidence


def test_a_districts_loser_is_its_towns_holder_before_and_that_prior_lends_no_area():
    """The Afrin district fell to the Turkey-backed forces in March 2018; the YPG held the town before (its own
    reports). Its villages were the YPG's before, but a pocket's edge is a front: they lend no area (Azaz beside it
    was Turkey-backed)."""
    rajo = Place("wof:r", "راجو", "Rajo", "village", 36.69949, 36.67703, admin1="SY02")
    azaz = Place("wof:a", "أعزاز", "Azaz", "town", 36.586, 37.046, admin1="SY02")
    own = [_own(AFRIN, date(2018, 3, d), "SDF", f"y{d}") for d in (1, 10)]
    falls = [taking(f"f{i}", "وسيطرت تركيا، الأحد الماضي، على منطقة عفرين الكردية", "منطقة عفرين", "وسيطرت",
                    place=AFRIN, kind="nsa_overtakes", actor1="Turkey", article=f"a{i}", day=date(2018, 3, 18))
             for i in (1, 2)]  # fmt: skip
    pairs = territory._pocket_handovers(falls, {AFRIN.place_id: (rajo,)}, own=own)
    assert {(e.controller, e.loser) for _ev, e in pairs} == {("Turkey-backed opposition", "SDF")}
    items = tuple(sorted((e for _ev, e in pairs), key=lambda x: x.day))
    tl = territory.Timeline({rajo.place_id: items}, {rajo.place_id: rajo}, {azaz.place_id: azaz},
                            pocket_events=frozenset(e.event_id for _ev, e in pairs))  # fmt: skip
    before = tl.state(rajo, date(2017, 9, 1))
    assert (before.controller, before.kind) == ("SDF", "prior")
    assert all(c.place.place_id != azaz.place_id for c in tl.as_of(date(2017, 9, 1)))
