"""Incidents a reader would sign: a retold strike keeps its own year, a base beats the town named for it,
and a line whose place is another happening's (the attack answered, the article's guess) is the wave's.

The week to 2018-04-15 on the corpus drew the US/UK/French strikes of 14 April at Douma, Tartus and
Eastern Ghouta, the Shayrat strike of April 2017 as a 2018 incident, and the T4 strike of 9 April at
Homs. Each rule row of geo/rules/incident_past_cues.jsonl, incident_site_words.jsonl,
incident_reason_cues.jsonl and incident_reason_targets.jsonl is checked on its example here.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from geo import incidents
from geo.incidents import group_incidents
from geo.model import EVENT_TYPES, Event, Place

SYRIA = Place("wof:sy", "سوريا", "Syria", "country", 35.0, 38.5)
DOUMA = Place("wof:douma", "دوما", "Douma", "city", 33.5711, 36.4019, "SY03", "Rural Damascus")
GHOUTA = Place("ovl:ghouta", "الغوطة الشرقية", "Eastern Ghouta", "region", 33.55, 36.45, "SY03")
TARTUS = Place("wof:tartus", "طرطوس", "Tartus", "city", 34.889, 35.887, "SY10", "Tartus")
DAMASCUS = Place("wof:dam", "دمشق", "Damascus", "city", 33.5158, 36.2815, "SY01", "Damascus")
ALEPPO = Place("wof:alep", "حلب", "Aleppo", "city", 36.2021, 37.1343, "SY02", "Aleppo")
HOMS = Place("wof:homs", "حمص", "Homs", "city", 34.7324, 36.7137, "SY04", "Homs")
HOMS_GOV = Place("ocha:SY04", "حمص", "Homs", "governorate", 34.6, 37.7, "SY04", "Homs")
BARZEH = Place("ovl:barzeh", "برزة", "Barzeh", "neighbourhood", 33.55, 36.32, "SY01", "Damascus")
TIYAS = Place("ovl:t4", "مطار التيفور", "Tiyas Air Base", "base", 34.5225, 37.6297, "SY04", "Homs")
HAMA_BASE = Place("ovl:hama-ab", "مطار حماة العسكري", "Hama military airport", "airport", 35.1183, 36.7111, "SY05")
SHAYRAT = Place("ovl:shayrat", "قاعدة الشعيرات", "Shayrat Air Base", "base", 34.4903, 36.9092, "SY04", "Homs")
PLACES = {p.name_ar: p for p in (DOUMA, GHOUTA, TARTUS, DAMASCUS, ALEPPO, BARZEH)}
TOLD = date(2018, 4, 14)


def _rows(name: str) -> list[dict]:
    path = incidents.RULES / name
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def line(eid, quote, place, *, day=TOLD, published=None, basis="clause", actor="United States",
         kind="air_strike", at=None, trigger=None, place_basis="clause", status="happened") -> Event:  # fmt: skip
    """One event of a sentence: its place marked at the word `at` (the place's name by default) and its
    trigger at the word `trigger`, as the event stage gives offsets (quote_start 0)."""
    etype, sub = EVENT_TYPES[kind]
    published = published or day
    last = day
    if basis == "report":
        day, last = published - timedelta(days=1), published
    name = at or place.name_ar
    start = quote.rfind(name) if name in quote else -1
    extra = {"type_key": kind, "date_basis": basis, "actor1_basis": "before", "place_basis": place_basis}
    if trigger:
        extra["trigger_start"] = quote.index(trigger)
    return Event(
        event_id=eid, article_id=eid.split("-")[0], event_type=etype, sub_event_type=sub, status=status,
        event_date=day, time_precision=1 if basis != "report" else 2, actor1=actor, actor2="", place=place,
        geo_precision=3 if place.kind == "country" else 1, quote=quote, quote_start=0, place_start=start,
        place_end=start + len(name) if start >= 0 else -1, published=published, date_last=last, extra=extra,
    )  # fmt: skip


def wave(n: int = 3, place: Place = SYRIA, day: date = TOLD, actor: str = "United States") -> list[Event]:
    """The country's strikes told by n outlets («شنت الولايات المتحدة ضربات على سوريا»)."""
    quote = f"شنت القوات ضربات على {place.name_ar} فجر السبت"
    return [line(f"w{i}-1", quote, place, day=day, actor=actor, trigger="ضربات") for i in range(n)]


def incident_of_line(incs, eid):
    return next(i for i in incs if any(r.event_id == eid for r in i.reports))


# ---------------------------------------------------------------------------------- a retold year


@pytest.mark.parametrize("row", [r for r in _rows("incident_past_cues.jsonl") if r["kind"] == "ago"], ids=lambda r: r["cue"])
def test_each_ago_cue_dates_a_retold_strike_back_to_its_own_year(row):
    told = date.fromisoformat(row["published"])
    retold = line("a1-r", row["example"], SHAYRAT, basis="report", published=told)
    assert incidents._past_span(retold) is not None
    inc = incident_of_line(group_incidents([retold]), "a1-r")
    ago = told - timedelta(days=row["days"])
    assert inc.event_date <= ago <= inc.date_last and inc.time_precision == incidents.PAST_PRECISION
    # the same base struck on the report's days, told without the cue, is another incident
    today = line("a2-t", "قصفت الطائرات قاعدة الشعيرات", SHAYRAT, basis="report", published=told)
    assert len(group_incidents([retold, today])) == 2


@pytest.mark.parametrize("row", [r for r in _rows("incident_past_cues.jsonl") if r["kind"] == "since"], ids=lambda r: r["cue"])
def test_each_since_cue_keeps_a_state_s_year_off_the_line_s_date(row):
    told = date.fromisoformat(row["published"])
    assert incidents.past_cues()["since"]
    stated = line("a1-s", row["example"], DOUMA, basis="report", published=told)
    assert incidents._past_span(stated) is None  # «منذ 2011», «حتى عام 2016»: how long, not when
    without = line("a1-s", row["example"].replace(row["cue"] + " ", "في "), DOUMA, basis="report", published=told)
    assert incidents._past_span(without) is not None  # the same year told as when it was is the line's


@pytest.mark.parametrize("row", [r for r in _rows("incident_past_cues.jsonl") if r["kind"] == "past"], ids=lambda r: r["cue"])
def test_each_past_word_lets_a_retold_strike_take_last_year(row):
    told = date.fromisoformat(row["published"])
    retold = line("a1-r", row["example"], SHAYRAT, basis="report", published=told)
    assert incidents._past_span(retold) == (date(told.year - 1, 1, 1), date(told.year - 1, 12, 31))
    bare = line("a1-r", row["example"].replace(" " + row["cue"], ""), SHAYRAT, basis="report", published=told)
    assert incidents._past_span(bare) is None  # «العام» alone is this year, not a past one


@pytest.mark.parametrize(
    ("quote", "first", "last"),
    [
        ("الضربة الأمريكية على الشعيرات في نيسان 2017 جاءت بعد الهجوم على خان شيخون", date(2017, 4, 1), date(2017, 4, 30)),
        ("وكانت واشنطن قصفت قاعدة الشعيرات العام الماضي بصواريخ توماهوك", date(2017, 1, 1), date(2017, 12, 31)),
    ],
    ids=["April 2017", "last year"],
)
def test_the_shayrat_strike_of_2017_retold_in_2018_is_not_drawn_on_2018_s_week(quote, first, last):
    told = date(2018, 4, 11)
    retold = line("a1-r", quote, SHAYRAT, basis="report", published=told)
    (inc,) = group_incidents([retold])
    assert (inc.event_date, inc.date_last, inc.time_precision) == (first, last, 3)


def test_a_dated_line_takes_a_past_year_only_right_by_its_trigger():
    # «وكان ترامب شن العام الماضي ضربات … وحذر السبت»: the event stage dated the strike by «السبت»
    quote = "وكان ترامب شن العام الماضي ضربات صاروخية ضد قاعدة الشعيرات وحذر السبت من أن النظام سيدفع ثمنا"
    strike = line("a1-s", quote, SHAYRAT, day=date(2018, 4, 7), published=date(2018, 4, 9), trigger="شن")
    assert incidents._past_span(strike) == (date(2017, 1, 1), date(2017, 12, 31))
    # «قال الأسد، الذي اجتمع به في دمشق يوم الأحد: كان أبنائي هنا العام الماضي»: the year is the quote's
    far = "وقال الأسد، الذي اجتمع بالوفد في دمشق يوم الأحد، إن أبناءه زاروا روسيا في العام الماضي"
    talk = line("a2-t", far, DAMASCUS, kind="talks", day=date(2018, 4, 15), published=date(2018, 4, 16), trigger="اجتمع")
    assert incidents._past_span(talk) is None


def test_a_planned_strike_is_not_redated_by_a_past_year_in_its_sentence():
    quote = "من المرجح أن تشن واشنطن ضربات جديدة بعد الاتفاق المبرم عام 2015"
    planned = line("a1-p", quote, SYRIA, basis="report", published=TOLD, status="planned")
    assert incidents._past_span(planned) is None


# ---------------------------------------------------------------------------------- a base, not its town


@pytest.mark.parametrize("row", _rows("incident_site_words.jsonl"), ids=lambda r: r["cue"])
def test_each_site_word_gives_a_town_s_strike_the_base_other_reports_name(row):
    # T4 on 9 April 2018: «قاعدة جوية عسكرية قرب مدينة حمص» beside dozens of reports naming the base
    assert incidents.names_site(row["example"])
    day, town, base = date(2018, 4, 9), HOMS, TIYAS
    named = [line(f"b{i}-1", f"استهدفت الضربة {base.name_ar} فجر الاثنين", base, day=day, actor="Israel") for i in range(3)]
    told = line("t1-1", row["example"], town, day=day, actor="Israel", at=row["place"].split()[-1].lstrip("#"))
    inc = incident_of_line(group_incidents([*named, told]), "t1-1")
    assert inc.place == base and len(inc.reports) == 4
    # a town's own strike, told with no site word, stays the town's
    own = line("t2-1", f"قصفت الطائرات أحياء {town.name_ar} فجر الاثنين", town, day=day, actor="Israel")
    assert incident_of_line(group_incidents([*named, own]), "t2-1").place == town


def test_a_province_named_for_its_base_is_the_base_s_strike_too():
    day = date(2018, 4, 9)
    named = [line(f"b{i}-1", "استهدفت الضربة مطار التيفور فجر الاثنين", TIYAS, day=day, actor="Israel") for i in range(3)]
    quote = "واتهمت دمشق إسرائيل بشن ضربة جوية استهدفت #مطار_التيفور العسكري في محافظة #حمص"
    told = line("t1-1", quote, HOMS_GOV, day=day, actor="Israel")
    assert incident_of_line(group_incidents([*named, told]), "t1-1").place == TIYAS


def test_a_base_in_another_province_does_not_take_the_town_s_strike():
    day = date(2018, 4, 9)
    named = [line(f"b{i}-1", "استهدفت الضربة مطار حماة العسكري", HAMA_BASE, day=day, actor="Israel") for i in range(3)]
    told = line("t1-1", "نفذت إسرائيل ضربات استهدفت قاعدة جوية قرب مدينة حمص", HOMS, day=day, actor="Israel")
    assert incident_of_line(group_incidents([*named, told]), "t1-1").place == HOMS


# ---------------------------------------------------------------------------------- another happening's place


def _reason_line(row: dict) -> Event:
    place = PLACES.get(row["place"].lstrip("#"), DOUMA)
    return line("r1-1", row["example"], place, at=row["place"].lstrip("#"), trigger=row["trigger"])


@pytest.mark.parametrize("row", _rows("incident_reason_cues.jsonl"), ids=lambda r: r["cue"])
def test_each_reason_cue_folds_the_strike_line_into_the_country_s_wave(row):
    # «ونفذت … ضربات … ردا على الهجوم في دوما»: the strikes of 14 April, drawn at Douma until now
    told = _reason_line(row)
    assert incidents.told_as_reason(told, "remote")
    incs = group_incidents([*wave(), told])
    inc = incident_of_line(incs, "r1-1")
    assert inc.place == SYRIA and len(inc.reports) == 4 and len(incs) == 1
    assert inc.geo_precision == incidents.REGION_PRECISION  # the country's point is not a town's


@pytest.mark.parametrize("row", [r for r in _rows("incident_reason_cues.jsonl") if r["kind"] == "other"], ids=lambda r: r["cue"])
def test_each_chemical_cue_leaves_the_chemical_attack_its_own_place(row):
    told = _reason_line(row)
    assert not incidents.told_as_reason(told, row["family"])


@pytest.mark.parametrize("row", _rows("incident_reason_targets.jsonl"), ids=lambda r: r["cue"])
def test_each_target_noun_keeps_a_strike_on_chemical_sites_at_its_place(row):
    # «استهدفت منشأة لتخزين الأسلحة الكيماوية غربي حمص»: the chemical words name what was struck
    place = PLACES.get(row["place"], HOMS)
    told = line("r1-1", row["example"], place, at=row["place"], trigger=row["trigger"])
    assert not incidents.told_as_reason(told, "remote")
    plain = line("r1-1", row["example"].replace(row["cue"], "قرب"), place, at=row["place"], trigger=row["trigger"])
    assert incidents.told_as_reason(plain, "remote")  # without the target noun, the cue tells another happening
    assert incident_of_line(group_incidents([*wave(), told]), "r1-1").place == place


def test_the_attack_answered_keeps_its_place_when_the_trigger_is_its_own():
    # «للرد على قصف دوما» with «قصف» as the trigger: the bombardment answered is Douma's
    quote = "ناقش الرئيس الأميركي خيارات للرد على قصف دوما"
    assert not incidents.told_as_reason(line("r1-1", quote, DOUMA, trigger="قصف"), "remote")


def test_the_article_s_place_guessed_for_a_placeless_line_is_the_wave_s():
    # «ونفذت بريطانيا وفرنسا والولايات المتحدة ضربات منسقة على أهداف تابعة للحكومة» in an article on Douma
    quote = "ونفذت بريطانيا وفرنسا والولايات المتحدة، فجر السبت، ضربات منسقة على أهداف تابعة للحكومة"
    guessed = line("g1-1", quote, DOUMA, place_basis="article", trigger="ضربات")
    assert incident_of_line(group_incidents([*wave(), guessed]), "g1-1").place == SYRIA
    named = line("g1-1", quote + " في دوما", DOUMA, trigger="ضربات")  # the sentence names the town
    assert incident_of_line(group_incidents([*wave(), named]), "g1-1").place == DOUMA


def test_a_line_of_weak_place_stays_where_the_wave_is_not_better_supported():
    quote = "ونفذت القوات ضربات منسقة على أهداف تابعة للحكومة"
    guessed = line("g1-1", quote, DOUMA, place_basis="article", trigger="ضربات")
    own = [line(f"d{i}-1", "قصفت الطائرات دوما فجر السبت", DOUMA, trigger="قصفت") for i in range(2)]
    incs = group_incidents([*wave(3), *own, guessed])  # 3 articles at Syria, 2 naming Douma: no outlier
    assert incident_of_line(incs, "g1-1").place == DOUMA


def test_a_weak_line_of_another_doer_or_day_is_not_the_wave_s():
    quote = "ونفذت الطائرات ضربات على أهداف ردا على الهجوم في دوما"
    other_side = line("g1-1", quote, DOUMA, actor="Russia", trigger="ضربات")
    assert incident_of_line(group_incidents([*wave(), other_side]), "g1-1").place == DOUMA
    later = TOLD + timedelta(days=incidents.RETELL_CUE_DAYS + 3)  # past what a retelling cue reaches back
    week_on = line("g2-1", quote, DOUMA, day=later, trigger="ضربات")
    assert incident_of_line(group_incidents([*wave(), week_on]), "g2-1").place == DOUMA


def test_battles_are_not_folded_into_a_country_s_line():
    quote = "ودارت اشتباكات عنيفة ردا على الهجوم في دوما"
    clash = line("c1-1", quote, DOUMA, kind="armed_clash", actor="Syrian government", trigger="اشتباكات")
    country = [line(f"k{i}-1", "اشتباكات في سوريا", SYRIA, kind="armed_clash", actor="Syrian government") for i in range(3)]
    assert incident_of_line(group_incidents([*country, clash]), "c1-1").place == DOUMA


def test_the_families_file_marks_only_strikes_as_folding():
    folding = {r["family"] for r in _rows("incident_families.jsonl") if r.get("folds")}
    assert folding == {"remote"} and all(r.get("folds_why") for r in _rows("incident_families.jsonl") if r.get("folds"))
