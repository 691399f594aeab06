"""Holding phrases → control statements (geo/statements.py), through the real pipeline and gazetteer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from geo import statements
from geo.doc import Doc
from geo.model import EVENT_TYPES, Article
from geo.territory import build_timeline, stated_holder
from geo.text import normalize

PUBLISHED = date(2018, 3, 1)


@pytest.fixture(scope="module")
def gaz():
    from geo import gazetteer

    return gazetteer.load()


@pytest.fixture(scope="module")
def analyse(gaz):
    """The pipeline's events of one article: the event stage's, then this stage's."""
    from geo import dates, events
    from geo.pipeline import geoparse

    def run(text: str, aid: str = "t1"):
        article = Article(aid, text, PUBLISHED, "test outlet")
        doc = Doc.of(article)
        located = geoparse(article, gaz, doc)
        spans = dates.find_time_spans(text, PUBLISHED, doc)
        evs = events.extract_events(article, located, spans, doc)
        return evs + statements.control_statements(article, located, evs, doc, spans)

    return run


@pytest.fixture(scope="module")
def stage_alone(gaz):
    """This stage's statements with no event-stage events (each rule row on its own), the sentence's dates read."""
    from geo import dates
    from geo.pipeline import geoparse

    def run(text: str):
        article = Article("t1", text, PUBLISHED, "test outlet")
        doc = Doc.of(article)
        spans = dates.find_time_spans(text, PUBLISHED, doc)
        return statements.control_statements(article, geoparse(article, gaz, doc), [], doc, spans)

    return run


def held(events, place_ar: str) -> list[str]:
    """Holders of the control statements at the place named `place_ar` (normalised comparison)."""
    name = normalize(place_ar)
    return [
        ev.actor1
        for ev in events
        if ev.extra.get("type_key") == "control_statement"
        and ev.place is not None
        and name in {normalize(n) for n in (ev.place.name_ar, *ev.place.names_ar)}
    ]


def test_a_located_town_described_as_held_gets_a_statement(analyse):
    # no event is told here: before this stage, Idlib had no evidence in this sentence
    evs = analyse("وصل النازحون إلى مدينة إدلب التي تسيطر عليها الفصائل منذ سنوات.")
    assert held(evs, "إدلب") == ["Syrian opposition"]


def test_held_areas_before_the_place_name_its_holder(analyse):
    evs = analyse("اعتقلت دورية عددا من الشبان في مناطق سيطرة النظام في نبل.")
    assert held(evs, "نبل") == ["Syrian government"]


def test_douma_held_by_the_opposition_once(analyse):
    text = "قصفت الطائرات الحربية أمس أحياء في مدينة دوما الخاضعة لسيطرة المعارضة في الغوطة الشرقية."
    assert held(analyse(text), "دوما") == ["Syrian opposition"]  # the event stage's or ours, not both


def test_a_past_holding_says_nothing(analyse):
    evs = analyse("عاد الأهالي إلى مدينة دوما التي كانت خاضعة لسيطرة المعارضة.")
    assert held(evs, "دوما") == []


def test_a_holding_told_of_a_past_day_is_no_statement_of_now(analyse):
    # published 1 March: the sentence tells of 7 February
    evs = analyse("ونفت روسيا وقوع هجوم في مدينة دوما التي تسيطر عليها المعارضة في السابع من فبراير.")
    assert held(evs, "دوما") == []


def test_how_long_a_holding_lasted_is_no_past_day(analyse):
    evs = analyse("وصل النازحون إلى مدينة إدلب التي تسيطر عليها الفصائل منذ 2015.")
    assert held(evs, "إدلب") == ["Syrian opposition"]


def test_a_town_taken_in_its_sentence_keeps_only_the_taking(analyse):
    evs = analyse("سيطرت قوات النظام اليوم على مدينة دوما التي تسيطر عليها المعارضة منذ سنوات.")
    assert "Syrian opposition" not in held(evs, "دوما")
    assert any((ev.event_type, ev.sub_event_type) == EVENT_TYPES["gov_regains"] for ev in evs)


def test_a_place_named_to_locate_another_is_not_described(analyse):
    evs = analyse("تتعرض بلدة في الريف جنوبي دمشق، تقع تحت سيطرة مقاتلي داعش، لقصف عنيف.")
    assert held(evs, "دمشق") == []


def test_a_country_is_never_stated_held(analyse):
    evs = analyse("توجهت الحافلات إلى مناطق في شمال سوريا خاضعة لسيطرة المعارضة.")
    assert held(evs, "سوريا") == []


def test_the_statement_is_shaped_as_the_event_stages(stage_alone):
    text = "وصل النازحون إلى مدينة إدلب التي تسيطر عليها الفصائل منذ سنوات. ثم عاد بعضهم."
    [ev] = stage_alone(text)
    assert (ev.event_type, ev.sub_event_type) == EVENT_TYPES["control_statement"]
    assert ev.extra["type_key"] == "control_statement" and ev.extra["control_statement"] is True
    assert ev.status == "happened" and ev.actor1 == "Syrian opposition"
    assert (ev.event_date, ev.date_last, ev.time_precision) == (PUBLISHED - timedelta(days=1), PUBLISHED, 2)
    assert ev.extra["date_basis"] == "report"
    assert ev.quote == text[: text.index(".") + 1] and ev.quote_start == 0
    assert "إدلب" in text[ev.place_start : ev.place_end]
    assert ev.extra["trigger"] == "تسيطر عليها" and text[ev.extra["trigger_start"] :].startswith("تسيطر")
    assert stated_holder(ev) == ev.actor1  # territory reads the same phrase


def test_the_control_map_reads_the_statement(analyse):
    evs = analyse("وصل النازحون إلى مدينة إدلب التي تسيطر عليها الفصائل منذ سنوات.")
    tl = build_timeline(evs)
    idlib = next(ev.place for ev in evs if ev.extra.get("type_key") == "control_statement")
    assert tl.state(idlib, PUBLISHED).controller == "Syrian opposition"


def test_a_struck_town_keeps_its_holder_through_the_strike(analyse):
    # the event stage's shelling carries the sentence; territory reads the phrase there, no second row
    evs = analyse("وتعرضت مدينة دوما التي يسيطر عليها مسلحو المعارضة لقصف مدفعي عنيف.")
    assert held(evs, "دوما") == []
    douma = next(ev.place for ev in evs if ev.place is not None and ev.place.name_en == "Douma")
    assert build_timeline(evs).state(douma, PUBLISHED).controller == "Syrian opposition"


def test_one_statement_per_place_holder_and_day(stage_alone):
    text = (
        "وصل النازحون إلى مدينة إدلب التي تسيطر عليها الفصائل. "
        "وقال أحدهم إن مدينة إدلب التي تسيطر عليها الفصائل مكتظة."
    )
    assert [ev.actor1 for ev in stage_alone(text)] == ["Syrian opposition"]


def test_the_stage_is_deterministic_and_its_ids_its_own(analyse):
    text = (
        "قصفت الطائرات مدينة دوما الخاضعة لسيطرة المعارضة، ووصل النازحون إلى إدلب التي تسيطر عليها الفصائل."
    )
    first, second = analyse(text), analyse(text)
    assert first == second and [e.event_id for e in first] == [e.event_id for e in second]
    ids = [e.event_id for e in first]
    assert len(ids) == len(set(ids))
    assert analyse(text, aid="t2")[0].event_id.startswith("t2-")


def test_an_article_with_no_holding_phrase_gets_none(stage_alone):
    assert stage_alone("قصفت الطائرات الحربية مدينة دوما في الغوطة الشرقية.") == []


@pytest.mark.parametrize(
    "row", statements.read_words(), ids=lambda r: f"{r['role']}:{r.get('word') or r.get('actor')}"
)
def test_word_rows_do_what_they_say(row, stage_alone):
    assert held(stage_alone(row["example"]), row["place"]) == ([row["holder"]] if row["holder"] else [])


def test_a_proxy_whose_backer_is_read_is_the_side_its_backer_makes_it(stage_alone):
    text = "وصلت القافلة إلى مدينة جرابلس التي تسيطر عليها فصائل سورية موالية لأنقرة."
    assert held(stage_alone(text), "جرابلس") == ["Turkey-backed opposition"]


def test_the_governments_opponents_hold_the_town_not_the_government(stage_alone):
    text = "تواصل القصف على مدينة دوما الخاضعة لسيطرة معارضي النظام."
    assert held(stage_alone(text), "دوما") == ["Syrian opposition"]


def test_a_base_the_coalition_holds_is_its_own_garrison(stage_alone):
    text = "وقال مسؤولون إن المخاوف تتركز على قاعدة التنف التي يسيطر عليها التحالف الدولي ضد داعش."
    assert held(stage_alone(text), "التنف") == ["US-led coalition"]


def test_a_phrase_after_the_capital_that_locates_a_town_is_the_towns(analyse):
    # QA11 N16: «… في مدينة دوما في الغوطة الشرقية في ريف العاصمة السورية دمشق، التي تسيطر عليها المعارضة» made
    # Damascus opposition-held; the clause belongs to the town the chain locates
    text = (
        "وقصفت الطائرات مدينة زملكا في الغوطة الشرقية في ريف العاصمة السورية دمشق، التي تسيطر عليها المعارضة."
    )
    evs = analyse(text)
    assert held(evs, "دمشق") == []
    assert held(evs, "زملكا") == ["Syrian opposition"]


def test_a_chain_broken_by_other_words_gives_the_town_nothing(stage_alone):
    text = "قصفت الطائرات مدينة زملكا وقال ناشطون إن القصف طال ريف العاصمة دمشق، التي تسيطر عليها المعارضة."
    assert held(stage_alone(text), "زملكا") == []


def controller_on_report_day(evs, place_en: str) -> str | None:
    """What the map shows at the place (by its English name) on the day of the report (None: nothing; a place no
    event names has no evidence)."""
    place = next((ev.place for ev in evs if ev.place is not None and ev.place.name_en == place_en), None)
    state = build_timeline(evs).state(place, PUBLISHED) if place is not None else None
    return state.controller if state else None


def test_a_holding_phrase_over_a_dual_head_reaches_both_towns(analyse):
    # «مدينتي البوكمال والميادين اللتين يسيطر عليهما تنظيم داعش»: the dual pronoun is both towns'
    text = "تمكن مئات المدنيين من الفرار من مدينتي البوكمال والميادين اللتين يسيطر عليهما تنظيم داعش."
    evs = analyse(text)
    assert controller_on_report_day(evs, "Abu Kamal") == "Islamic State"
    assert controller_on_report_day(evs, "Mayadin") == "Islamic State"


def test_a_list_the_holding_verb_follows_gives_each_city_its_holder(analyse):
    # a1152: «المدن الرئيسية … وهي دمشق وحلب وحماة وحمص تخضع بالكامل الآن لسيطرة الأسد»
    text = "والمدن الرئيسية في غرب سوريا وهي دمشق وحلب وحماة وحمص تخضع بالكامل الآن لسيطرة الأسد."
    evs = analyse(text)
    for city in ("Damascus", "Aleppo", "Hama", "Homs"):
        assert controller_on_report_day(evs, city) == "Syrian government", city


def test_a_dual_adjective_after_a_locating_word_still_describes_the_towns(analyse):
    # «بمحيط بلدتي نبل والزهراء، الخاضعتين …»: the dual agrees with the towns, not with «محيط»
    text = (
        "تمركزت القوات جنوب عفرين لتشكيل حزام أمني بمحيط بلدتي نبل والزهراء، الخاضعتين لسيطرة النظام السوري."
    )
    evs = analyse(text)
    assert controller_on_report_day(evs, "Nubl") == "Syrian government"
    assert controller_on_report_day(evs, "Az Zahra'") == "Syrian government"
    assert controller_on_report_day(evs, "Afrin") is None


def test_most_of_an_area_held_is_no_holding_of_the_town_in_it(analyse):
    # a1834: «القامشلي الواقعة في منطقة تخضع معظمها لسيطرة القوات الكردية»
    text = "وأضاف في تصريحات أدلى بها في مدينة القامشلي الواقعة في منطقة تخضع معظمها لسيطرة القوات الكردية السورية."
    assert held(analyse(text), "القامشلي") == []


def test_a_shared_holding_names_no_one_holder(analyse):
    # a0378: «مدينة القامشلي، التي يتقاسمان السيطرة عليها»: split between two sides
    text = "وذكر المصدر ذاته أن المواجهات بين قوات النظام والوحدات الكردية وقعت في مدينة القامشلي، التي يتقاسمان السيطرة عليها."
    assert held(analyse(text), "القامشلي") == []


def test_a_past_holding_over_a_list_says_nothing(analyse):
    text = "أفرج عن مئات يعيشون في بلدتي مضايا والزبداني اللتين كان مقاتلو المعارضة يسيطرون عليهما."
    evs = analyse(text)
    assert held(evs, "مضايا") == [] and held(evs, "الزبداني") == []


def test_a_list_with_no_head_and_a_singular_phrase_gives_only_the_last(stage_alone):
    # «حلب ودوما التي تسيطر عليها المعارضة»: the singular relative may be the last town's alone
    assert held(stage_alone("وصل النازحون إلى حلب ودوما التي تسيطر عليها المعارضة."), "حلب") == []


def test_a_list_across_a_clause_boundary_is_not_reached(stage_alone):
    text = "قصفت الطائرات بلدتي نبل والزهراء. وقال ناشطون إن المنطقة الخاضعة لسيطرة النظام هادئة."
    evs = stage_alone(text)
    assert held(evs, "نبل") == [] and held(evs, "الزهراء") == []


def test_a_listed_town_told_of_a_past_day_gets_nothing(stage_alone):
    text = "فر المدنيون من مدينتي البوكمال والميادين التي يسيطر عليهما تنظيم داعش في السابع من فبراير."
    evs = stage_alone(text)
    assert held(evs, "البوكمال") == [] and held(evs, "الميادين") == []
