"""Events from hand-built sentences (places and dates made here), then from the seeds through the pipeline."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from geo.actors import find_actors
from geo.eval.gold import load_gold, score
from geo.events import extract_events
from geo.model import ACTORS, EVENT_TYPES, STATUSES, Article, Located, Mention, Place, TimeSpan

GOLD = Path(__file__).resolve().parent / "gold" / "events_seeds.jsonl"
PUB = date(2017, 6, 18)

PLACES = {
    "الرقة": Place("t:raqqa", "الرقة", "Raqqa", "city", 35.95, 39.01, "SY11"),
    "مسكنة": Place("t:maskanah", "مسكنة", "Maskanah", "town", 36.01, 38.08, "SY02"),
    "تدمر": Place("t:palmyra", "تدمر", "Palmyra", "city", 34.56, 38.28, "SY04"),
    "بئر حفنة": Place("t:hafna", "بئر حفنة", "Bir Hafna", "well", 34.7, 38.6, "SY04"),
    "سد آرك": Place("t:arakdam", "سد آرك", "Arak Dam", "dam", 34.68, 38.55, "SY04"),
    "جبال التدمرية": Place("t:tadm", "جبل التدمرية", "Jabal Tadmuriyah", "mountains", 34.7, 38.5, "SY04"),
    "الرمثان": Place("t:ramthan", "الرمثان", "Ramthan", "village", 35.9, 38.7, "SY11"),
    "الهيب": Place("t:hayb", "الهيب", "al-Hayb", "village", 35.9, 38.68, "SY11"),
    "جب أحمد الخلف": Place("t:jubb", "جب أحمد الخلف", "Jubb Ahmad al-Khalaf", "village", 35.9, 38.66, "SY11"),
    "جنيف": Place("t:geneva", "جنيف", "Geneva", "city", 46.2, 6.14, "", "", "CH"),
    "أستانا": Place("t:astana", "أستانا", "Astana", "city", 51.16, 71.47, "", "", "KZ"),
    "التنف": Place("t:tanf", "التنف", "al-Tanf", "base", 33.5, 38.66, "SY03"),
    "الأردن": Place("t:jordan", "الأردن", "Jordan", "country", 31.0, 36.0, "", "", "JO"),
    "درعا": Place("t:daraa", "درعا", "Daraa", "city", 32.62, 36.1, "SY12"),
    "حي المشلب": Place("t:mishlab", "حي المشلب", "al-Mishlab", "neighbourhood", 35.95, 39.03, "SY11"),
    "خشام": Place("t:khsham", "خشام", "Khsham", "village", 35.3, 40.3, "SY09"),
    "القريتين": Place("t:qaryatayn", "القريتين", "al-Qaryatayn", "town", 34.23, 37.24, "SY04"),
    "دير الزور": Place("t:deir", "دير الزور", "Deir ez-Zor", "city", 35.33, 40.14, "SY09"),
    "إدلب": Place("t:idlib", "إدلب", "Idlib", "governorate", 35.8, 36.6, "SY07"),
    "القنيطرة": Place("t:quneitra", "القنيطرة", "Quneitra", "governorate", 33.1, 35.8, "SY14"),
    "دوما": Place("t:douma", "دوما", "Douma", "city", 33.57, 36.4, "SY03"),
    "دمشق": Place("t:damascus", "دمشق", "Damascus", "city", 33.51, 36.29, "SY01"),
    "بصرى الشام": Place("t:busra", "بصرى الشام", "Busra al-Sham", "town", 32.52, 36.48, "SY12"),
    "حماة": Place("t:hama", "حماة", "Hama", "governorate", 35.13, 36.75, "SY05"),
    "حلب": Place("t:aleppo", "حلب", "Aleppo", "governorate", 36.2, 37.15, "SY02"),
    "الغوطة الشرقية": Place("t:ghouta", "الغوطة الشرقية", "Eastern Ghouta", "region", 33.55, 36.45, "SY03"),
    "كفرنبودة": Place("t:kafr", "كفرنبودة", "Kafr Nabudah", "town", 35.44, 36.49, "SY05"),
    "اللطامنة": Place("t:latamina", "اللطامنة", "al-Latamina", "town", 35.32, 36.63, "SY05"),
    "مورك": Place("t:morek", "مورك", "Morek", "town", 35.38, 36.68, "SY05"),
    "كلس": Place("t:kilis", "كلس", "Kilis", "city", 36.72, 37.12, "", "", "TR"),
    "سنجار": Place("t:sinjar", "سنجار", "Sinjar", "town", 36.32, 41.88, "", "", "IQ"),
    "قاعدة رامون": Place("t:ramon", "قاعدة رامون", "Ramon Air Base", "base", 30.78, 34.67, "", "", "IL"),
    "مطار التيفور": Place("t:t4", "مطار التيفور", "Tiyas Air Base", "airport", 34.52, 37.63, "SY04"),
}


def _locate(text, names, triggers=None):
    """Located records for every occurrence of the given place names (longest first, no overlaps)."""
    out, taken = [], []
    for name in sorted(names, key=len, reverse=True):
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            if not any(a < j and i < b for a, b in taken):
                taken.append((i, j))
                trig = (triggers or {}).get(name, "")
                m = Mention("a", i, j, name, name, (PLACES[name].place_id,), trig)
                prec = 2 if trig == "ريف" else 1
                out.append(Located(m, PLACES[name], 0.9, prec))
            i = text.find(name, j)
    return sorted(out, key=lambda lc: lc.mention.start)


def _span(text, surface, first, last=None, precision=1):
    i = text.index(surface)
    return TimeSpan(i, i + len(surface), surface, first, last or first, precision)


def _events(text, names=(), spans=(), published=PUB, triggers=None):
    art = Article("a", text, published)
    return extract_events(art, _locate(text, names, triggers), list(spans))


def _of(evs, key):
    return [e for e in evs if e.extra["type_key"] == key]


def _one(evs, key):
    got = _of(evs, key)
    assert len(got) == 1, [(e.extra["type_key"], e.place.name_en) for e in evs]
    return got[0]


# ---------------------------------------------------------------- types


def test_government_takes_a_town_with_date_actor_and_loser():
    text = "تسعى قوات النظام منذ سيطرتها على بلدة مسكنة في 4 يونيو الجاري إلى التقدم."
    ev = _one(_events(text, ["مسكنة"], [_span(text, "4 يونيو الجاري", date(2017, 6, 4))]), "gov_regains")
    assert (ev.event_type, ev.sub_event_type) == EVENT_TYPES["gov_regains"]
    assert ev.actor1 == "Syrian government"
    assert ev.place.name_en == "Maskanah" and text[ev.place_start : ev.place_end] == "مسكنة"
    assert ev.event_date == date(2017, 6, 4) and ev.time_precision == 1
    assert ev.status == "happened"


def test_non_state_actor_takes_three_villages_listed_after_the_verb():
    text = "ذكرت مواقع أن قوات سوريا الديمقراطية سيطرت على قرى بريف الرقة الغربي، هي الرمثان والهيب وجب أحمد الخلف."
    evs = _events(text, ["الرقة", "الرمثان", "الهيب", "جب أحمد الخلف"], triggers={"الرقة": "ريف"})
    taken = _of(evs, "nsa_overtakes")
    assert [e.place.name_en for e in taken] == ["Ramthan", "al-Hayb", "Jubb Ahmad al-Khalaf"]
    assert {e.actor1 for e in taken} == {"SDF"}
    assert len({e.event_id for e in taken}) == 3


def test_three_places_taken_and_the_reference_town_left_out():
    text = "وقال إن القوات الحكومية تمكنت من السيطرة على بئر حفنة وسد آرك وسلسلة جبال التدمرية الشمالية شرق مدينة تدمر."
    evs = _events(text, ["بئر حفنة", "سد آرك", "جبال التدمرية", "تدمر"])
    assert [e.place.name_en for e in evs if e.extra["type_key"] == "gov_regains"] == [
        "Bir Hafna",
        "Arak Dam",
        "Jabal Tadmuriyah",
    ]


def test_place_given_relative_to_a_town_keeps_the_town_with_lower_precision():
    text = "سيطرت قوات النظام السوري أمس على مساحات جديدة شرق مدينة تدمر."
    ev = _one(
        _events(text, ["تدمر"], [_span(text, "أمس", date(2017, 6, 17))], triggers={"تدمر": "شرق"}),
        "gov_regains",
    )
    assert ev.place.name_en == "Palmyra" and ev.geo_precision == 2
    assert ev.event_date == date(2017, 6, 17)


def test_retaking_names_the_loser_after_min():
    text = "واستعاد الجيش السوري أمس، السيطرة على قرية خشام بريف دير الزور من تنظيم «داعش»."
    evs = _events(
        text, ["خشام", "دير الزور"], [_span(text, "أمس", date(2017, 10, 22))], triggers={"دير الزور": "ريف"}
    )
    ev = _one(evs, "gov_regains")  # «استعاد … السيطرة» is one event, and the governorate town is context
    assert (ev.actor1, ev.actor2, ev.place.name_en) == ("Syrian government", "Islamic State", "Khsham")


def test_armed_clash_between_two_sides_with_backing_left_out():
    text = (
        "ذكر نشطاء أن معارك عنيفة تدور منذ البارحة في حي المشلب، بين قوات سوريا الديمقراطية مدعومة "
        "من قوات التحالف من جهة وبين تنظيم «داعش» من جهة أخرى."
    )
    ev = _one(_events(text, ["حي المشلب"], [_span(text, "البارحة", date(2017, 6, 7))]), "armed_clash")
    assert (ev.actor1, ev.actor2) == ("SDF", "Islamic State")
    assert ev.place.name_en == "al-Mishlab" and ev.event_date == date(2017, 6, 7)


def test_air_strike_and_ground_advance_in_one_sentence():
    text = "اخترقت قوات سورية الديمقراطية (قسد)، أمس، سور المدينة في الرقة، بعد غارات للتحالف الدولي أدت إلى فتح ثغرتين فيه."
    evs = _events(text, ["الرقة"], [_span(text, "أمس", date(2017, 7, 4))])
    adv, air = _one(evs, "advance"), _one(evs, "air_strike")
    assert adv.actor1 == "SDF" and air.actor1 == "US-led coalition"
    assert adv.event_date == air.event_date == date(2017, 7, 4)
    assert air.place.name_en == "Raqqa"


def test_air_shelling_is_an_air_strike_and_plain_shelling_is_shelling():
    air = _events("نفذ الطيران قصفاً جوياً على مدينة الرقة أمس.", ["الرقة"])
    assert [e.extra["type_key"] for e in air] == ["air_strike"]
    ground = _events("وسط قصف من قبل قوات عملية «غضب الفرات» على مناطق في مدينة الرقة.", ["الرقة"])
    ev = _one(ground, "shelling")
    assert ev.actor1 == "SDF" and ev.sub_event_type == "Shelling/artillery/missile attack"


def test_rocket_launchers_moved_to_a_base_are_a_base_event_not_shelling():
    text = "قال مصدران إن القوات الأميركية نقلت منظومة راجمات صواريخ من الأردن إلى قاعدة أميركية في التنف."
    evs = _events(text, ["الأردن", "التنف"])
    assert [e.extra["type_key"] for e in evs] == ["base"]
    assert evs[0].actor1 == "United States" and evs[0].place.name_en == "al-Tanf"


def test_ceasefire_is_an_agreement_at_its_place():
    text = "أعلن الجيش السوري وقف العمليات القتالية لمدة 48 ساعة في مدينة درعا اعتباراً من أمس."
    ev = _one(_events(text, ["درعا"], [_span(text, "أمس", date(2017, 6, 17))]), "agreement")
    assert ev.actor1 == "Syrian government" and ev.place.name_en == "Daraa"
    assert ev.event_type == "Strategic developments"


def test_withdrawal_by_the_side_that_leaves():
    text = "انسحب تنظيم «داعش» من مدينة الرقة أمس."
    ev = _one(_events(text, ["الرقة"]), "withdrawal")
    assert ev.actor1 == "Islamic State"


# ---------------------------------------------------------------- talks and status


def test_planned_talks_at_their_venue():
    text = "أعلن دي ميستورا أمس أن الجولة السابعة من محادثات السلام التي تجري في جنيف ستبدأ في 10 يوليو."
    spans = [_span(text, "أمس", date(2017, 6, 17)), _span(text, "10 يوليو", date(2017, 7, 10))]
    ev = _one(_events(text, ["جنيف"], spans), "talks")
    assert (ev.status, ev.event_date, ev.place.name_en) == ("planned", date(2017, 7, 10), "Geneva")
    assert ev.actor1 == "United Nations" and ev.event_type == "Diplomacy"


def test_postponed_talks_take_the_venue_named_earlier_in_the_article():
    text = "إرجاء محادثات أستانا\n\nأعلن الناطق أن محادثات السلام المقررة في 12 و13 يونيو برعاية روسيا وإيران وتركيا، تأجلت."
    span = _span(text, "12 و13 يونيو", date(2017, 6, 12), date(2017, 6, 13), 2)
    evs = _events(text, ["أستانا"], [span], published=date(2017, 6, 8))
    dated = [e for e in evs if e.event_date == date(2017, 6, 12)]
    assert len(dated) == 1
    ev = dated[0]
    assert (ev.status, ev.place.name_en, ev.actor1, ev.date_last) == (
        "postponed",
        "Astana",
        "Russia",
        date(2017, 6, 13),
    )
    assert ev.place_start == -1  # the venue was not named in this sentence


def test_future_date_makes_an_event_planned_even_without_a_future_verb():
    text = "جولة محادثات في جنيف في 10 يوليو."
    ev = _one(_events(text, ["جنيف"], [_span(text, "10 يوليو", date(2017, 7, 10))]), "talks")
    assert ev.status == "planned"


def test_intentions_and_negations_are_not_events():
    assert _events("تحاول قوات النظام السيطرة على مدينة الرقة.", ["الرقة"]) == []
    assert _events("أطلقت قسد عملية لتحرير مدينة الرقة.", ["الرقة"]) == []
    assert _events("لم تتمكن قوات النظام من دخول مدينة الرقة دون غطاء.", ["الرقة"]) == []


def test_fire_control_and_held_areas_are_not_takings():
    evs = _events("أحكم الجيش السوري سيطرته النارية على مدينة الرقة.", ["الرقة"])
    assert not [e for e in evs if e.extra["type_key"] in ("gov_regains", "nsa_overtakes")]


# ---------------------------------------------------------------- dates


def test_date_carries_to_the_next_sentence_of_the_paragraph_and_bad_yawm_min_subtracts_a_day():
    text = (
        "واستعاد الجيش السوري أمس السيطرة على قرية خشام. ويأتي ذلك بعد يوم من إعلان الجيش السوري "
        "استعادته مدينة القريتين من قبضة مسلحي التنظيم."
    )
    evs = _events(text, ["خشام", "القريتين"], [_span(text, "أمس", date(2017, 10, 22))], date(2017, 10, 23))
    by_place = {e.place.name_en: e for e in evs}
    assert by_place["Khsham"].event_date == date(2017, 10, 22)
    assert by_place["al-Qaryatayn"].event_date == date(2017, 10, 21)
    assert by_place["al-Qaryatayn"].extra["date_basis"] == "previous_sentence"


def test_report_date_fallback_is_yesterday_to_today_and_does_not_cross_paragraphs():
    text = "سيطرت قسد أمس على قرية الرمثان.\n\nوتتواصل الاشتباكات في مدينة الرقة."
    evs = _events(text, ["الرمثان", "الرقة"], [_span(text, "أمس", date(2017, 6, 7))], date(2017, 6, 8))
    clash = _one(evs, "armed_clash")
    assert (clash.event_date, clash.date_last, clash.time_precision) == (
        date(2017, 6, 7),
        date(2017, 6, 8),
        2,
    )
    assert clash.extra["date_basis"] == "report"
    assert clash.actor1 == "SDF"  # the actor carries on, the date does not


# ---------------------------------------------------------------- control statements, ids, quotes


def test_stronghold_is_a_control_statement_for_the_territory_stage():
    text = "واصلت طائرات التحالف الدولي تحليقها في سماء مدينة الرقة، التي تعد معقل «داعش» في سورية."
    evs = _events(text, ["الرقة"])
    ctl = [e for e in evs if e.extra.get("control_statement")]
    assert len(ctl) == 1
    assert (ctl[0].actor1, ctl[0].place.name_en, ctl[0].status) == ("Islamic State", "Raqqa", "happened")
    assert (ctl[0].event_type, ctl[0].sub_event_type) == ("Strategic developments", "Other")


def test_no_control_statement_for_the_place_just_taken():
    text = "وسيطرت قوات النظام السوري الثلاثاء الماضي على مدينة تدمر، وهي آخر مدينة تحت سيطرة «داعش»."
    evs = _events(text, ["تدمر"])
    assert not [e for e in evs if e.extra.get("control_statement")]


def test_quote_offsets_and_stable_ids():
    text = "مقدمة.\nواستعاد الجيش السوري أمس السيطرة على قرية خشام."
    spans = [_span(text, "أمس", date(2017, 10, 22))]
    first = _events(text, ["خشام"], spans)
    again = _events(text, ["خشام"], spans)
    assert [e.event_id for e in first] == [e.event_id for e in again]
    ev = first[0]
    assert text[ev.quote_start : ev.quote_start + len(ev.quote)] == ev.quote
    assert ev.quote.startswith("واستعاد") and ev.event_id.startswith("a-")


def test_no_place_no_event():
    assert _events("تتواصل الاشتباكات بين الطرفين.", []) == []


def test_find_actors_covers_actor_names_used_by_events():
    # every actor an event carries comes from the canonical list
    text = "سيطرت قوات سوريا الديمقراطية على قرية الرمثان، وقصفت الطائرات الروسية مدينة الرقة."
    evs = _events(text, ["الرمثان", "الرقة"])
    assert {e.actor1 for e in evs} <= set(ACTORS)
    assert [k for *_, k in find_actors(text)] == ["SDF", "Russia"]


# ---------------------------------------------------------------- gold and the seeds through the pipeline


def test_gold_file_is_well_formed(seed_articles):
    gold = load_gold(GOLD)
    assert len(gold) >= 30
    for g in gold:
        assert g["type"] in EVENT_TYPES and g["status"] in STATUSES
        assert all(a in ACTORS for a in g["actor1"].split("|") if a)
        assert g["quote_contains"] in seed_articles[g["article"]].text
        date.fromisoformat(g["date"])


@pytest.fixture(scope="module")
def seed_events(seed_articles):
    from geo import gazetteer, pipeline

    try:
        gaz = gazetteer.load()
    except FileNotFoundError as exc:  # the gazetteer is built, not shipped
        pytest.skip(f"gazetteer not built: {exc}")
    return [ev for art in seed_articles.values() for ev in pipeline.analyse(art, gaz).events]


def test_seed_events_match_the_gold(seed_events):
    result = score(seed_events, load_gold(GOLD))
    missed = [(g["article"][:3], g["type"], g["place_en"], g["date"]) for g in result["missed"]]
    assert result["recall"] >= 0.9, missed
    assert result["status_agreement"] >= 0.9


def _find(events, article, key, place_en):
    return [
        e
        for e in events
        if e.article_id.startswith(article) and e.extra["type_key"] == key and e.place.name_en == place_en
    ]


def test_seed_004_deir_ez_zor_front(seed_events):
    omar = [
        e for e in seed_events if e.article_id.startswith("004") and e.extra["type_key"] == "nsa_overtakes"
    ]
    assert any(
        e.actor1 == "SDF" and e.event_date == date(2017, 10, 22) and "العمر" in e.place.name_ar for e in omar
    )
    gov = {
        e.place.name_ar: e
        for e in seed_events
        if e.article_id.startswith("004") and e.extra["type_key"] == "gov_regains"
    }
    assert gov["خشام"].event_date == date(2017, 10, 22)
    assert gov["القريتين"].event_date == date(2017, 10, 21)
    assert gov["ذيبان"].actor1 == "Syrian government"


def test_seed_003_palmyra_desert_list_and_daraa_halt(seed_events):
    taken = [
        e for e in seed_events if e.article_id.startswith("003") and e.extra["type_key"] == "gov_regains"
    ]
    listed = [e for e in taken if "من السيطرة على بئر حفنة" in e.quote]
    assert len(listed) == 3
    halt = [e for e in seed_events if e.article_id.startswith("003") and e.extra["type_key"] == "agreement"]
    assert halt and halt[0].event_date == date(2017, 6, 17)


def test_seed_control_statements_name_raqqa_as_is_stronghold(seed_events):
    ctl = [e for e in seed_events if e.extra.get("control_statement")]
    assert ctl and all(e.actor1 == "Islamic State" for e in ctl)
    assert any(e.place.name_ar == "الرقة" for e in ctl)


def test_currently_does_not_borrow_the_previous_clause_date():
    text = "أعلنت قوات سوريا الديمقراطية تحرير مدينة دير الزور في حزيران الماضي وتحرير مدينة الرقة حالياً."
    span = _span(text, "حزيران الماضي", date(2017, 6, 1), date(2017, 6, 30), 3)
    evs = _events(text, ["دير الزور", "الرقة"], [span], date(2017, 10, 23))
    by_place = {e.place.name_en: e for e in evs if e.extra["type_key"] == "nsa_overtakes"}
    assert by_place["Deir ez-Zor"].event_date == date(2017, 6, 1)
    assert (by_place["Raqqa"].event_date, by_place["Raqqa"].date_last) == (
        date(2017, 10, 22),
        date(2017, 10, 23),
    )


# ---------------------------------------------------------------- rules learnt on the dev articles


def test_evacuation_is_a_withdrawal_by_the_side_that_leaves_from_the_deal_area():
    text = (
        "توصلت روسيا والفصائل المعارضة إلى اتفاق في محافظة القنيطرة. "
        "وينص الاتفاق على خروج مقاتلي المعارضة إلى محافظة إدلب."
    )
    evs = _events(text, ["القنيطرة", "إدلب"], [], date(2018, 7, 19))
    out = _one(evs, "withdrawal")
    assert (out.actor1, out.place.name_en, out.status) == ("Syrian opposition", "Quneitra", "planned")


def test_evacuation_after_a_ceasefire_is_planned_and_takes_the_place_meant_by_this_area():
    text = (
        "دخل وقف إطلاق النار حيز التنفيذ في جنوب دمشق بين قوات النظام وتنظيم داعش. "
        "ويأتي ذلك تمهيدا لإخلاء مقاتلي داعش من هذه المنطقة."
    )
    out = _one(_events(text, ["دمشق"], [], date(2018, 5, 19)), "withdrawal")
    assert (out.actor1, out.place.name_en, out.status) == ("Islamic State", "Damascus", "planned")


def test_civilians_leaving_is_no_withdrawal():
    text = "قالت قوات النظام إنها فتحت ممرا لخروج المدنيين من الغوطة الشرقية."
    assert _of(_events(text, ["الغوطة الشرقية"]), "withdrawal") == []


def test_military_operation_is_a_clash_but_a_media_campaign_is_not():
    text = "قال الأسد إن العملية التي ينفذها الجيش السوري في الغوطة الشرقية ستستمر."
    clash = _one(_events(text, ["الغوطة الشرقية"]), "armed_clash")
    assert clash.actor1 == "Syrian government" and clash.place.name_en == "Eastern Ghouta"
    text = "وقال إن الحملة الإعلامية ضد سوريا تستهدف الجيش في الغوطة الشرقية."
    assert _of(_events(text, ["الغوطة الشرقية"]), "armed_clash") == []


def test_had_already_is_not_maybe_and_could_retake_is_a_taking():
    text = "وكانت قوات النظام قد بدأت الأحد هجوما على مواقع الفصائل في محافظة القنيطرة."
    clash = _one(_events(text, ["القنيطرة"], [_span(text, "الأحد", date(2018, 7, 15))]), "armed_clash")
    assert (clash.actor1, clash.event_date) == ("Syrian government", date(2018, 7, 15))
    text = "وتمكنت قوات النظام من استعادة بلدة مورك."
    assert _one(_events(text, ["مورك"]), "gov_regains").place.name_en == "Morek"


def test_side_met_with_is_the_second_actor():
    text = "وتخوض تركيا مواجهات مع الأكراد في مدينة الرقة."
    clash = _one(_events(text, ["الرقة"]), "armed_clash")
    assert (clash.actor1, clash.actor2) == ("Turkey", "SDF")


def test_since_a_weekday_runs_up_to_the_report():
    text = "تشهد المحافظة منذ مساء الأربعاء ضربات جوية على مواقع في محافظة القنيطرة."
    span = _span(text, "مساء الأربعاء", date(2018, 7, 18))
    air = _one(_events(text, ["القنيطرة"], [span], date(2018, 7, 19)), "air_strike")
    assert (air.event_date, air.date_last) == (date(2018, 7, 18), date(2018, 7, 19))


def test_reinforcements_arriving_are_no_advance():
    text = "وصلت تعزيزات عسكرية جديدة إلى قوات سوريا الديمقراطية قادمة من مدينة الرقة."
    assert _of(_events(text, ["الرقة"]), "advance") == []


def test_a_source_is_not_the_attacker():
    text = "وقالت مصادر في المعارضة إن قصفا مدفعيا استهدف بلدة اللطامنة."
    shell = _one(_events(text, ["اللطامنة"]), "shelling")
    assert shell.actor1 == ""


def test_the_backer_in_a_supported_by_strikes_phrase_does_not_carry_over():
    text = (
        "سيطرت قوات سوريا الديمقراطية المدعومة بغارات التحالف الدولي على قرية الهيب، وتقدمت نحو قرية الرمثان."
    )
    evs = _events(text, ["الهيب", "الرمثان"])
    assert _one(evs, "nsa_overtakes").actor1 == "SDF"
    assert _one(evs, "air_strike").actor1 == "US-led coalition"
    assert _one(evs, "advance").actor1 == "SDF"


def test_talks_at_a_town_inside_syria_go_to_that_town():
    text = "وعقدت جولة مفاوضات بين وفد روسي وممثلي فصائل المعارضة في مدينة بصرى الشام."
    talks = _one(_events(text, ["بصرى الشام"]), "talks")
    assert talks.place.name_en == "Busra al-Sham"


def test_one_shelling_per_town_in_a_list_and_both_countrysides_of_a_dual():
    text = "قصفت قوات النظام بلدات كفرنبودة واللطامنة ومورك."
    towns = {e.place.name_en for e in _events(text, ["كفرنبودة", "اللطامنة", "مورك"])}
    assert towns == {"Kafr Nabudah", "al-Latamina", "Morek"}
    text = "وشن الطيران الروسي غارات على ريفي حماة وحلب."
    evs = _events(text, ["حماة", "حلب"], triggers={"حماة": "ريف"})
    assert {e.place.name_en for e in evs if e.extra["type_key"] == "air_strike"} == {"Hama", "Aleppo"}


def test_background_without_a_date_is_not_a_current_event():
    text = "يذكر أن قوات النظام استعادت مدينة تدمر بعد معارك مع تنظيم داعش."
    assert _events(text, ["تدمر"]) == []


def test_a_quoted_aim_is_not_an_event():
    text = "وقال السيناتور ماكين إن على الولايات المتحدة أن تعمل مع قسد من أجل استعادة الرقة."
    assert [e for e in _events(text, ["الرقة"]) if e.extra["type_key"] != "control_statement"] == []
    text = "وقال ماكين إنه يجب استعادة مدينة الرقة من داعش."
    assert [e for e in _events(text, ["الرقة"]) if e.extra["type_key"] != "control_statement"] == []


def test_a_share_of_a_place_taken_is_not_the_whole_place():
    text = "واستعادت قوات النظام أكثر من 90 بالمئة من مدينة الرقة."
    gov = _one(_events(text, ["الرقة"]), "gov_regains")
    assert gov.place.name_en == "Raqqa" and gov.geo_precision >= 2
    text = "واستعادت قوات النظام مدينة الرقة."
    assert _one(_events(text, ["الرقة"]), "gov_regains").geo_precision == 1


def test_aircraft_targeting_sites_is_an_air_strike():
    text = "وتستهدف طائرات التحالف الدولي مواقع التنظيم في مدينة دير الزور."
    air = _one(_events(text, ["دير الزور"]), "air_strike")
    assert (air.actor1, air.place.name_en) == ("US-led coalition", "Deir ez-Zor")


def test_a_ground_and_air_campaign_is_a_clash_and_an_air_strike():
    text = "وشنت قوات النظام حملة عسكرية برية وجوية على مدينة الرقة."
    evs = _events(text, ["الرقة"])
    assert _one(evs, "armed_clash").actor1 == _one(evs, "air_strike").actor1 == "Syrian government"


def test_pluperfect_background_counts_only_with_a_date_of_its_own():
    text = "وكانت قوات النظام قد شنت حملة عسكرية برية وجوية على مدينة الرقة."
    assert _events(text, ["الرقة"]) == []
    text = "وكانت قوات النظام قد شنت حملة عسكرية على مدينة الرقة في 6 حزيران."
    evs = _events(text, ["الرقة"], [_span(text, "6 حزيران", date(2017, 6, 6))])
    assert _one(evs, "armed_clash").event_date == date(2017, 6, 6)


def test_the_target_of_targeting_is_not_the_attacker():
    text = "وقال المرصد إن تنظيم داعش استهدف تجمعا لقوات النظام السوري في مدينة تدمر."
    shell = _one(_events(text, ["تدمر"]), "shelling")
    assert (shell.actor1, shell.actor2) == ("Islamic State", "Syrian government")


def test_a_blast_or_a_call_to_leave_is_no_event():
    text = "وقال المرصد إن انفجارا استهدف سيارة عسكرية قرب مدينة الرقة."
    assert _events(text, ["الرقة"]) == []
    text = "ودعا مجلس الأمن الجماعات المسلحة إلى مغادرة المنطقة قرب درعا."
    assert _of(_events(text, ["درعا"]), "withdrawal") == []


def test_a_dated_chemical_attack_is_its_own_type_with_its_perpetrator():
    text = "وقتل العشرات في هجوم كيماوي شنته قوات النظام على مدينة دوما السبت الماضي."
    pub = date(2018, 4, 10)  # a Tuesday: «السبت الماضي» is 7 April
    evs = _events(text, ["دوما"], [_span(text, "السبت الماضي", date(2018, 4, 7))], published=pub)
    chem = _one(evs, "chemical_weapon")
    assert (chem.event_type, chem.sub_event_type) == ("Explosions/Remote violence", "Chemical weapon")
    assert (chem.place.name_en, chem.event_date, chem.actor1) == (
        "Douma",
        date(2018, 4, 7),
        "Syrian government",
    )
    assert not _of(evs, "armed_clash")


def test_a_chemical_attack_told_again_without_a_date_is_no_new_event():
    pub = date(2018, 4, 20)
    text = "وتوعد الرئيس الأمريكي برد قوي على الهجوم الكيماوي في دوما."
    assert _events(text, ["دوما"], published=pub) == []
    text = "وحذرت واشنطن من أي استخدام مستقبلي للأسلحة الكيميائية في دوما الأسبوع المقبل."
    span = _span(text, "الأسبوع المقبل", date(2018, 4, 23), date(2018, 4, 29), 2)
    assert _events(text, ["دوما"], [span], published=pub) == []


def test_accusers_are_not_taken_for_the_perpetrator():
    """«اتهمت الولايات المتحدة دمشق بالهجوم»: the accused (Damascus) is the claimed actor1, never the accuser."""
    text = "واتهمت الولايات المتحدة دمشق بالهجوم الكيميائي على مدينة دوما في 7 أبريل."
    pub = date(2018, 4, 12)
    evs = _events(text, ["دوما"], [_span(text, "7 أبريل", date(2018, 4, 7))], published=pub)
    ev = _one(evs, "chemical_weapon")
    assert (ev.actor1, ev.extra["actor1_basis"]) == ("Syrian government", "accused")


def test_an_alleged_chemical_attack_is_laid_at_the_side_the_sentence_accuses():
    """REVIEW #2: the accused of «اتهم X Y بـ…» is actor1 (Russia accuses the opposition: theirs, claimed);
    when Damascus itself condemns the attack, the government's default is not laid at it."""
    day = date(2018, 11, 24)
    text = "اتهمت روسيا فصائل المعارضة بتنفيذ الهجوم الكيماوي المزعوم على أحياء مدينة حلب يوم السبت."
    ev = _one(_events(text, ["حلب"], [_span(text, "يوم السبت", day)]), "chemical_weapon")
    assert (ev.actor1, ev.status) == ("Syrian opposition", "claimed")
    text = "نددت دمشق بالهجوم الكيماوي المزعوم الذي شنه المسلحون على مدينة حلب يوم السبت."
    ev = _one(_events(text, ["حلب"], [_span(text, "يوم السبت", day)]), "chemical_weapon")
    assert (ev.actor1, ev.status) == ("", "claimed")


def test_places_after_except_are_not_taken():
    text = "وسيطرت الفصائل المعارضة على كامل محافظة إدلب باستثناء بلدتي الفوعة وكفريا في 6 حزيران."
    PLACES.setdefault("الفوعة", Place("t:fua", "الفوعة", "al-Fu'ah", "town", 35.98, 36.7, "SY07"))
    PLACES.setdefault("كفريا", Place("t:kafraya", "كفريا", "Kafraya", "town", 35.99, 36.69, "SY07"))
    evs = _events(text, ["إدلب", "الفوعة", "كفريا"], [_span(text, "6 حزيران", date(2017, 6, 6))])
    assert [e.place.name_en for e in evs if e.extra["type_key"] == "nsa_overtakes"] == ["Idlib"]


def test_a_withdrawal_is_from_each_listed_place_not_to_its_destination():
    text = "وبدأ عناصر المعارضة يغادرون الرقة ومسكنة إلى إدلب."
    evs = _of(_events(text, ["الرقة", "مسكنة", "إدلب"]), "withdrawal")
    assert sorted(e.place.name_en for e in evs) == ["Maskanah", "Raqqa"]
    assert {e.actor1 for e in evs} == {"Syrian opposition"}


def test_earlier_deals_told_as_background_are_no_new_agreement():
    text = "وكانت إدلب وجهة مقاتلين آخرين وفق اتفاقات سابقة."
    assert _of(_events(text, ["إدلب"]), "agreement") == []


def test_a_speaker_is_not_the_attacker_but_can_claim_its_own_taking():
    text = "وأعلنت الأمم المتحدة أن الهجوم الذي تشنه قوات النظام على مدينة درعا يهدد آلاف المدنيين."
    clash = _one(_events(text, ["درعا"]), "armed_clash")
    assert clash.actor1 == "Syrian government"
    text = "وأعلنت قوات سوريا الديمقراطية أن مقاتليها سيطروا على قرية الرمثان."
    taken = _one(_events(text, ["الرمثان"]), "nsa_overtakes")
    assert (taken.actor1, taken.place.name_en) == ("SDF", "Ramthan")


def test_fighting_going_on_as_the_report_is_written_takes_the_report_date():
    text = "وقالت مصادر إن الاشتباكات استمرت يوم الخميس في محيط الرقة. وتستعر معارك في ريف تدمر."
    spans = [_span(text, "يوم الخميس", date(2017, 6, 15))]
    evs = _of(_events(text, ["الرقة", "تدمر"], spans), "armed_clash")
    by_place = {e.place.name_en: (e.event_date, e.date_last) for e in evs}
    assert by_place["Raqqa"] == (date(2017, 6, 15), date(2017, 6, 15))
    assert by_place["Palmyra"] == (PUB - timedelta(days=1), PUB)


def test_strikes_on_named_targets_and_the_owner_of_the_targets():
    text = "وقال الجيش الإسرائيلي إنه ضرب عشرات الأهداف العسكرية الإيرانية في تدمر."
    air = _one(_events(text, ["تدمر"]), "air_strike")
    assert (air.actor1, air.place.name_en) == ("Israel", "Palmyra")
    text = (
        "وشنت إسرائيل غارتين على تدمر. وقتل عشرة في غارات استهدفت مواقع عسكرية تابعة للنظام السوري في الرقة."
    )
    evs = _of(_events(text, ["تدمر", "الرقة"]), "air_strike")
    assert {e.place.name_en: e.actor1 for e in evs} == {"Palmyra": "Israel", "Raqqa": "Israel"}


def test_an_evacuation_operation_and_a_corridor_are_withdrawals_of_the_named_faction():
    text = "وبدأت عملية الإجلاء من الرقة. وتم الاتفاق على ممر آمن لانسحاب مقاتلي جيش الإسلام من مسكنة."
    evs = _of(_events(text, ["الرقة", "مسكنة"]), "withdrawal")
    assert {e.place.name_en for e in evs} == {"Raqqa", "Maskanah"}
    assert {e.actor1 for e in evs if e.place.name_en == "Maskanah"} == {"Syrian opposition"}
    text = "وقالت وزارة الخارجية إنها قررت سحب السفير من دمشق."
    assert _of(_events(text, ["دمشق"]), "withdrawal") == []


def test_a_dateline_is_neither_the_actor_nor_the_place():
    text = "دمشق، سوريا (CNN)-- غادر مقاتلو المعارضة مدينة الرقة."
    evs = _events(text, ["دمشق", "الرقة"])
    assert {e.place.name_en for e in evs} <= {"Raqqa"}
    assert "Syrian government" not in {e.actor1 for e in evs}


def test_denials_are_denied_and_wars_of_words_and_owned_missiles_are_no_events():
    denied = _events("ونفى النظام السوري التوصل إلى اتفاق لوقف إطلاق النار في درعا.", ["درعا"])
    assert [(e.extra["type_key"], e.status) for e in denied] == [("agreement", "denied")]
    assert _events("واندلعت معركة كلامية بين المندوبين بشأن الرقة.", ["الرقة"]) == []
    assert _events("وتمتلك إيران صواريخ بعيدة المدى في تدمر.", ["تدمر"]) == []


def test_the_side_a_campaign_is_launched_against_is_not_its_actor():
    text = "وبدأت تركيا حملة عسكرية لطرد المقاتلين الأكراد من عفرين."
    PLACES.setdefault("عفرين", Place("t:afrin", "عفرين", "Afrin", "city", 36.51, 36.87, "SY02"))
    clash = _one(_events(text, ["عفرين"]), "armed_clash")
    assert (clash.actor1, clash.actor2) == ("Turkey", "SDF")


def test_questions_bodies_maybes_losses_and_habits_are_no_events():
    assert _events("ما هي الجماعات التي تقاتل في إدلب؟", ["إدلب"]) == []
    assert _events("وأعلن مركز المصالحة الروسي فتح ممر في درعا.", ["درعا"]) == []
    assert _events("وأكد أن الضربات قد تبدأ مساء الخميس على تدمر.", ["تدمر"]) == []
    assert _events("وخسر التنظيم السيطرة على مدينة الرقة.", ["الرقة"]) == []
    text = "وقصفت إسرائيل مواقع في تدمر مراراً منذ عام 2011."
    span = _span(text, "عام 2011", date(2011, 1, 1), date(2011, 12, 31), 3)
    assert _events(text, ["تدمر"], [span]) == []


def test_deployments_exchanges_and_understandings():
    text = "وأرسلت الحكومة السورية قواتها إلى مدينة الرقة."
    base = _one(_events(text, ["الرقة"]), "base")
    assert (base.actor1, base.place.name_en) == ("Syrian government", "Raqqa")
    text = "وجرت عملية تبادل للأسرى بين قوات سوريا الديمقراطية وتنظيم داعش في الرقة."
    assert _one(_events(text, ["الرقة"]), "agreement").place.name_en == "Raqqa"
    text = "وقال إن تركيا توصلت إلى تفاهم مع الولايات المتحدة بشأن الرقة."
    assert _one(_events(text, ["الرقة"]), "agreement").actor1 == "Turkey"


def test_those_who_left_listed_towns_and_what_a_backer_will_do():
    text = "وخرجت الدفعة الرابعة من مقاتلي فيلق الرحمن. وبلغ عدد من غادروا بلدات الرقة ومسكنة الآلاف."
    evs = _of(_events(text, ["الرقة", "مسكنة"]), "withdrawal")
    assert {e.place.name_en for e in evs} == {"Raqqa", "Maskanah"}
    assert {e.actor1 for e in evs} == {"Syrian opposition"}
    text = "وقال التحالف الدولي إنه سيدعم الهجوم بغارات جوية على الرقة."
    assert _one(_events(text, ["الرقة"]), "air_strike").status == "planned"


def test_a_strike_that_will_be_directed_made_or_struck_is_planned():
    """Dashboard QA 15 #1: «ستوجه ضربة» (Trump, 11 April 2018) was drawn as a strike on Douma that happened;
    the future of «وجه», «نفذ», «ضرب», «استهدف», «هاجم» makes it planned, as «ستشن غارات» was."""
    for verb in ("ستوجه ضربة إلى", "ستنفذ غارات على"):
        text = f"وقال ترامب إن إدارته {verb} الرقة."
        assert _one(_events(text, ["الرقة"]), "air_strike").status == "planned", verb
    evs = _events("وقال ترامب إن إدارته ستستهدف مواقع في الرقة.", ["الرقة"])
    assert evs and {e.status for e in evs} == {"planned"}


# ---------------------------------------------------------------- issue 8 §4: the press's arguments


def test_a_clause_listing_three_dates_gives_one_event_per_date_and_the_dead_once():
    text = "وأسفرت ثلاث ضربات إسرائيلية في 16 تشرين الثاني و28 كانون الأول 2017 و8 كانون الثاني 2018 عن مقتل 4 في القنيطرة."
    spans = [
        _span(text, "16 تشرين الثاني", date(2017, 11, 16)),
        _span(text, "28 كانون الأول 2017", date(2017, 12, 28)),
        _span(text, "8 كانون الثاني 2018", date(2018, 1, 8)),
    ]
    strikes = _of(_events(text, ["القنيطرة"], spans), "air_strike")
    assert [(e.event_date, e.actor1) for e in strikes] == [
        (date(2017, 11, 16), "Israel"),
        (date(2017, 12, 28), "Israel"),
        (date(2018, 1, 8), "Israel"),
    ]
    assert len({e.event_id for e in strikes}) == 3
    assert sum(e.fatalities for e in strikes) == 4  # the toll goes to one of them, never to each


def test_a_repelled_attack_is_failed_and_belongs_to_the_attacker():
    ev = _one(_events("وصدت فصائل المعارضة هجوماً لقوات النظام على مورك.", ["مورك"]), "armed_clash")
    assert (ev.status, ev.actor1, ev.actor2) == ("failed", "Syrian government", "Syrian opposition")
    ev = _one(_events("وفشلت محاولة قوات النظام التقدم نحو مورك.", ["مورك"]), "advance")
    assert (ev.status, ev.actor1) == ("failed", "Syrian government")


def test_claims_and_denials_keep_the_speaker_as_the_doer():
    ev = _one(_events("وزعم تنظيم الدولة أنه سيطر على بلدة خشام.", ["خشام"]), "nsa_overtakes")
    assert (ev.status, ev.actor1) == ("claimed", "Islamic State")
    ev = _one(_events("ونفت روسيا أن طائراتها قصفت مورك.", ["مورك"]), "air_strike")
    assert (ev.status, ev.actor1) == ("denied", "Russia")


def test_fatalities_follow_the_conservative_rule():
    def dead(text):
        return [e.fatalities for e in _events(text, ["مورك"])]

    assert dead("وقصفت قوات النظام مورك ما أسفر عن مقتل 18 مدنياً.") == [18]
    assert dead("ولقي 13 عنصراً من قوات النظام مصرعهم في اشتباكات مع الفصائل في مورك.") == [13]
    assert dead("وقصفت قوات النظام مورك ما أسفر عن مقتل بين 10 و15 شخصاً.") == [10]
    assert dead("وقصفت قوات النظام مورك ما أسفر عن مقتل عشرات المدنيين.") == [10]
    assert dead("وقصفت قوات النظام مورك ما أسفر عن سقوط 70 قتيلاً وجريحاً.") == [0]


@pytest.mark.parametrize(
    "count, n",
    [
        ("ثلاثة عشر", 13),
        ("خمسة عشر", 15),
        ("أحد عشر", 11),
        ("اثني عشر", 12),
        ("اثنا عشر", 12),
        ("ثلاث عشرة", 13),
        ("خمسة وعشرين", 25),
        ("خمسة", 5),
    ],
)
def test_compound_number_words_count_whole(count, n):
    """QA item 3: «ثلاثة عشر» is 13, not the unit 3; «خمسة وعشرين» is 25."""
    ev = _events(f"وقصفت قوات النظام مورك ما أسفر عن مقتل {count} مدنياً.", ["مورك"])
    assert [e.fatalities for e in ev] == [n]
    ev = _events(f"وقتل {count} مدنياً بقصف مدفعي لقوات النظام على مورك.", ["مورك"])
    assert [e.fatalities for e in ev] == [n]


def test_a_sentence_without_a_place_takes_the_paragraph_s_previous_place_at_precision_2():
    text = "وسيطرت قوات النظام على مورك. وقصفت الطائرات الحربية التابعة للنظام المنطقة بعنف."
    air = _one(_events(text, ["مورك"]), "air_strike")
    assert (air.place.name_en, air.geo_precision, air.extra["place_basis"]) == ("Morek", 2, "discourse")
    # a new paragraph starts afresh for fighting on the ground; a strike from afar goes on at the place of the
    # sentence just before (test_a_strike_told_with_no_place_goes_on_at_the_place_of_the_sentence_before…)
    assert _of(_events("وسيطرت قوات النظام على مورك.\nواندلعت اشتباكات عنيفة بين الطرفين.", ["مورك"]), "armed_clash") == []


def test_event_extra_is_frozen():
    ev = _one(_events("وسيطرت قوات النظام على مورك.", ["مورك"]), "gov_regains")
    with pytest.raises(TypeError):
        ev.extra["type_key"] = "talks"
    assert ev.extra["type_key"] == "gov_regains" and dict(ev.extra)["place_basis"] == "clause"


# ---------------------------------------------------------------- the floor on the splits tuned on

# (strict found, loose found, loose precision) reached on the tuning splits with the rules of issue 8
# (bench/events_eval.py); a change that finds fewer gold events, or extracts more that match none,
# fails here. Each held-out draw was scored once untouched and then opened for tuning, so its splits are
# floors too; a split still untouched is never asserted (it is not listed here before its release).
DEV_FLOOR = {
    "seeds": (37, 37, 0.84),
    "dev": (18, 18, 0.88),
    "dev2": (22, 29, 0.83),
    "dev3": (21, 33, 0.81),
    "heldout4": (22, 29, 0.7),
    "heldout5": (26, 30, 0.88),
    "heldout6": (32, 41, 0.8),
    "heldout7": (36, 39, 0.85),
    "heldout8": (24, 24, 0.88),
    "heldout9": (20, 27, 0.78),
    "heldout10": (12, 16, 0.71),
    # tuning splits whose floors the events-3 rules raised («باتت … تسيطر», «إخلاء بلدات … من مقاتلي», «منها»)
    "heldout": (37, 40, 0.87),
    "heldout11": (17, 21, 0.66),
    "heldout12": (17, 23, 0.7),
    "heldout13": (25, 31, 0.71),
    "heldout14": (15, 17, 0.8),  # loose 18 -> 17 (e1307f8); strict 15, precision 0.81: round 3 (a1151)
    # the ninth draw, scored once untouched at this release, from then on tuning splits
    "heldout15": (18, 21, 0.7),
    "heldout16": (14, 22, 0.65),
    "heldout17": (21, 24, 0.65),
    "heldout18": (9, 12, 0.75),
    # the tenth draw, scored once untouched at this release (after), from then on tuning splits
    "heldout19": (18, 25, 0.73),
    "heldout20": (20, 20, 0.62),
    "heldout21": (12, 13, 0.62),
    "heldout22": (14, 18, 0.62),
    # the eleventh draw, scored once untouched at this release (after), from then on tuning splits
    "heldout23": (10, 10, 0.66),
    "heldout24": (25, 28, 0.56),
    "heldout25": (14, 20, 0.69),
    "heldout26": (12, 15, 0.55),
    # the twelfth draw, scored once untouched at this release (after), from then on tuning splits
    "heldout27": (39, 44, 0.62),
    "heldout28": (12, 15, 0.65),
    "heldout29": (16, 19, 0.62),
    "heldout30": (25, 34, 0.76),
    # the thirteenth draw, scored once untouched at this release (after), from then on tuning splits
    "heldout31": (18, 24, 0.78),
    "heldout32": (16, 21, 0.73),
    "heldout33": (21, 23, 0.72),
    "heldout34": (9, 15, 0.73),
    # the fourteenth draw, scored once untouched at stop 20 (after: 0af7f8e), from then on tuning splits; the figures of 183c2b8
    "heldout35": (21, 24, 0.75),  # round 3: strikes «على سوريا» at Syria, not the article's place
    "heldout36": (23, 32, 0.76),
    "heldout37": (17, 20, 0.6),
    "heldout38": (16, 23, 0.73),
    # the fifteenth draw, scored once untouched at stop 21 (before 7487ae6, after 9fa4114), from then on tuning splits
    "heldout39": (16, 17, 0.52),
    "heldout40": (15, 16, 0.6),
    "heldout41": (54, 57, 0.84),
    "heldout42": (16, 17, 0.51),
    # the sixteenth draw, scored once untouched at stop 24 (before a91267e, after f2a1b7f), from then on tuning splits
    "heldout43": (17, 22, 0.59),
    "heldout44": (10, 13, 0.46),
    "heldout45": (8, 9, 0.52),
    "heldout46": (23, 34, 0.77),
    # the seventeenth draw, scored once untouched at stop 25 (before da2dc10 and after d6e5c78 alike), then tuning
    "heldout47": (5, 13, 0.57),
    "heldout48": (27, 28, 0.75),  # 23, 24, .64 when scored; daa4c5d's chemical attacks past a list of towns
    "heldout49": (18, 25, 0.70),
    "heldout50": (11, 15, 0.62),
    # the eighteenth draw, scored once untouched at stop 26 (before f069a70 and after ab490b9 alike), then tuning
    "heldout51": (15, 19, 0.65),
    "heldout52": (9, 13, 0.57),
    "heldout53": (17, 22, 0.70),
    "heldout54": (15, 20, 0.82),
    # the nineteenth draw, scored once untouched at stop 27 (before ad31489 and after 6f3814d alike), then tuning
    "heldout55": (9, 15, 0.62),
    "heldout56": (12, 20, 0.75),
    "heldout57": (15, 22, 0.67),
    "heldout58": (22, 24, 0.78),
}  # events-13 raised the floors it improved (carried dates, «مؤخراً», barrels, «وفصائل», partitive «من» …), each to the
# lower of its figure alone and on HEAD with the other engineers' work; strict floors of heldout7, 11, 16, 23, 24, 26 raised by events-A (chemical attacks laid at the accused, «أغار»); heldout16 loose too («قد … مؤخرا»)
# events-14 raised the strict and loose floors of 19 splits to HEAD 5098aaf's figures (missiles fired, plural verbs,
# visits, a strike told with no place, «منذ» before the trigger, the side after «التي يشنها»); precision floors kept
# events-2b (issue 8 §4, round 2) raised every floor that stood below its figure on HEAD cc600f6 plus its own rules
# («قمة طهران», «على خلفية», «بعد الهجوم على», «عملية بدأت … ضد», «وزارة» saying): counts as measured, precision
# to two decimals, truncated


@pytest.fixture(scope="module")
def dev_results():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import events_eval as ee

    from geo import gazetteer

    gaz = gazetteer.load()
    out = {}
    for name in DEV_FLOOR:
        articles, gold = ee.load_split(name)
        unannotated = {ee.CONTROL} if name in ee.WITH_CHEMICAL else ee.UNANNOTATED
        out[name] = ee.evaluate(articles, gold, gaz, frozenset(unannotated))
    return out


@pytest.mark.parametrize("split", DEV_FLOOR)
def test_dev_split_scores_do_not_fall_below_the_floor(split, dev_results):
    r = dev_results[split]
    strict, loose, precision = DEV_FLOOR[split]
    assert r["strict"]["found"] >= strict, f"strict recall {r['strict']['found']}/{r['strict']['gold']}"
    assert r["loose_recall_n"][0] >= loose, f"loose recall {r['loose_recall_n']}"
    assert r["loose_precision"] >= precision, f"loose precision {r['loose_precision_n']}"


# ---------------------------------------------------------------- issue 8, second round (events-2)


def test_the_future_of_a_trigger_verb_is_planned():
    text = "وقال مفاوضون من المعارضة إن الشرطة العسكرية الروسية ستدخل دوما لتنفيذ الاتفاق."
    ev = _one(_events(text, ["دوما"]), "advance")
    assert (ev.actor1, ev.place.name_en, ev.status) == ("Russia", "Douma", "planned")
    text = "ودخلت الشرطة العسكرية الروسية دوما لتنفيذ الاتفاق."
    assert _one(_events(text, ["دوما"]), "advance").status == "happened"


def test_what_a_deal_gives_in_exchange_or_a_decision_sets_is_planned():
    text = "وتتضمن البنود تسليم السلاح الثقيل مقابل انسحاب قوات النظام من بلدة مورك."
    ev = _one(_events(text, ["مورك"]), "withdrawal")
    assert (ev.actor1, ev.place.name_en, ev.status) == ("Syrian government", "Morek", "planned")
    text = "وقررت الوحدات الكردية سحب عناصرها من مدينة الرقة."
    assert _one(_events(text, ["الرقة"]), "withdrawal").status == "planned"


@pytest.mark.parametrize(
    "text,place,holder",
    [
        (
            "استهدفت قوات النظام أحياء سيطرة الفصائل المعارضة في مدينة درعا بأكثر من 55 صاروخا.",
            "Daraa",
            "Syrian opposition",
        ),
        ("وهددت تركيا بالهجوم على مدينة الرقة الخاضعة لسيطرة قوات سوريا الديمقراطية.", "Raqqa", "SDF"),
    ],
)
def test_a_holding_description_is_a_control_statement_not_a_taking(text, place, holder):
    evs = _events(text, [n for n in PLACES if n in text])
    assert not _of(evs, "gov_regains") and not _of(evs, "nsa_overtakes")
    control = _one(evs, "control_statement")
    assert (control.place.name_en, control.actor1) == (place, holder)


def test_a_holding_pair_with_a_preposition_on_it_is_no_taking():
    text = "ويربط مدينة الرقة منفذ وحيد بمناطق سيطرة قوات النظام في بلدة مسكنة."
    evs = _events(text, ["الرقة", "مسكنة"])
    assert not _of(evs, "gov_regains") and not _of(evs, "nsa_overtakes")
    assert {e.actor1 for e in _of(evs, "control_statement")} == {"Syrian government"}


def test_the_side_named_after_the_masdar_of_driving_out_is_the_loser():
    text = "وتمكنت قوات سوريا الديمقراطية من طرد تنظيم داعش من مدينة الرقة."
    ev = _one(_events(text, ["الرقة"]), "nsa_overtakes")
    assert (ev.actor1, ev.actor2) == ("SDF", "Islamic State")
    text = "وعادت الحياة إلى مدينة الرقة بعد طرد تنظيم داعش منها."
    assert all(e.actor1 != "Islamic State" for e in _events(text, ["الرقة"]))
    text = "ثم طرد الجيش السوري التنظيم من مدينة الرقة."  # a bare form opening a clause is the verb
    assert _one(_events(text, ["الرقة"]), "gov_regains").actor1 == "Syrian government"


def test_an_aim_named_before_a_driving_out_is_no_taking():
    text = "وأطلقت تركيا عملية غصن الزيتون الرامية إلى طرد الوحدات الكردية من مدينة الرقة."
    evs = _events(text, ["الرقة"])
    assert not _of(evs, "nsa_overtakes") and not _of(evs, "gov_regains")


def test_an_aim_in_the_clause_before_kama_does_not_reach_the_taking_after_it():
    text = (
        "يتفاوض فيلق الرحمن مع وفد من الأمم المتحدة لوقف إطلاق النار، كما استولت قوات النظام على بلدة مورك."
    )
    ev = _one(_events(text, ["مورك"]), "gov_regains")
    assert (ev.actor1, ev.place.name_en, ev.status) == ("Syrian government", "Morek", "happened")
    text = "يتفاوض فيلق الرحمن مع وفد من الأمم المتحدة لوقف إطلاق النار في بلدة مورك."
    assert not _of(_events(text, ["مورك"]), "agreement")


def test_the_side_fought_against_is_no_taker_of_a_coordinated_taking():
    text = (
        "وشنت تركيا عملية برية ضد وحدات حماية الشعب الكردية في مدينة الرقة، واستولت على المدينة في 18 يونيو."
    )
    span = _span(text, "18 يونيو", date(2017, 6, 18))
    ev = _one(_events(text, ["الرقة"], [span]), "nsa_overtakes")
    assert (ev.actor1, ev.event_date) == ("Turkey", date(2017, 6, 18))


def test_counted_fighters_leaving_are_a_withdrawal_and_civilians_alone_are_not():
    text = "وأفاد التلفزيون بأن 27 مسلحا و182 مدنيا خرجوا من بلدة مورك، الخميس."
    assert _one(_events(text, ["مورك"]), "withdrawal").place.name_en == "Morek"
    text = "وأفاد التلفزيون بأن 182 مدنيا خرجوا من بلدة مورك، الخميس."
    assert not _of(_events(text, ["مورك"]), "withdrawal")


def test_a_launch_verb_reaches_its_attack_noun_past_a_date_and_a_backer():
    text = "وبدأت تركيا في 20 يونيو، بدعم من فصائل سورية موالية لها، هجوماً على مدينة الرقة."
    ev = _one(_events(text, ["الرقة"], [_span(text, "20 يونيو", date(2017, 6, 20))]), "armed_clash")
    assert (ev.actor1, ev.place.name_en, ev.event_date) == ("Turkey", "Raqqa", date(2017, 6, 20))
    text = "وقال المسؤول إن تركيا بدأت مشاورات، وحذر من هجوم على مدينة الرقة."
    assert not _of(_events(text, ["الرقة"]), "armed_clash")


def test_the_side_that_oversees_an_evacuation_is_not_the_side_that_leaves():
    text = "وبدأت عملية الإجلاء التي تشرف عليها روسيا من مدينة دوما."
    assert _one(_events(text, ["دوما"]), "withdrawal").actor1 != "Russia"
    text = "وبدأ إجلاء مقاتلي المعارضة من مدينة دوما."
    assert _one(_events(text, ["دوما"]), "withdrawal").actor1 == "Syrian opposition"


def test_the_holder_of_a_shelled_place_is_the_side_struck_not_the_striker():
    text = "وتعرضت مدينة دوما التي يسيطر عليها مسلحو المعارضة لقصف مدفعي عنيف."
    ev = _one(_events(text, ["دوما"]), "shelling")
    assert ev.actor1 != "Syrian opposition" and ev.actor2 == "Syrian opposition"
    text = "وقصف مسلحو المعارضة مدينة دوما بقذائف الهاون."
    assert _one(_events(text, ["دوما"]), "shelling").actor1 == "Syrian opposition"


def test_the_side_a_headline_opens_with_carries_into_a_text_with_no_actor():
    text = "وقتل عشرة مدنيين في غارات استهدفت مدينة الرقة."
    art = Article("a", text, PUB, title="روسيا تقصف الرقة")
    ev = _one(extract_events(art, _locate(text, ["الرقة"]), []), "air_strike")
    assert (ev.actor1, ev.extra["actor1_basis"]) == ("Russia", "previous")
    for title in (
        "إسرائيل تتهم روسيا بقصف الرقة",
        "الجيش السوري: غارات معادية على الرقة",
        "غارات على الرقة وروسيا تنفي",
    ):
        art = Article("a", text, PUB, title=title)
        assert _one(extract_events(art, _locate(text, ["الرقة"]), []), "air_strike").actor1 == ""


@pytest.mark.parametrize("published", [date.min, date(1, 1, 2), date.max])
def test_analysis_survives_the_calendar_edges_and_lone_surrogates(published):
    """Callers that skip the reader's checks (the library used directly) get events, not an OverflowError."""
    from geo.model import Article
    from geo.pipeline import analyse

    text = "قصفت الطائرات مدينة حلب \ud800 أمس. وبعد يومين من إعلان الهدنة قصفت الطائرات حمص."
    events = analyse(Article("edge", text, published)).events
    assert events and all(date.min <= e.event_date <= published for e in events if e.event_date)
    assert all(e.quote in text for e in events)


# ---------------------------------------------------------------- issue 8, third round (events-3)


def test_an_attack_falls_on_every_place_it_lists():
    text = "وقصفت قوات النظام دوما واللطامنة."
    evs = _of(_events(text, ["دوما", "اللطامنة"]), "shelling")
    assert {e.place.name_en for e in evs} == {"Douma", "al-Latamina"}
    text = "واستهدف مسلحون مدينة درعا من محورين، في قرى مورك واللطامنة وكفرنبودة."
    evs = _of(_events(text, ["درعا", "مورك", "اللطامنة", "كفرنبودة"]), "armed_clash")
    assert {e.place.name_en for e in evs} == {"Daraa", "Morek", "al-Latamina", "Kafr Nabudah"}
    text = "وقصفت قوات النظام دوما في حين زار الوفد اللطامنة."  # not coordinated with the target
    assert {e.place.name_en for e in _of(_events(text, ["دوما", "اللطامنة"]), "shelling")} == {"Douma"}


def test_a_place_told_as_near_another_is_stepped_over_in_a_list():
    text = "وقصفت الطائرات الروسية قرى مورك شمال مدينة حماة واللطامنة."
    evs = _of(_events(text, ["مورك", "حماة", "اللطامنة"], triggers={"حماة": "شمال"}), "air_strike")
    assert {e.place.name_en for e in evs} == {"Morek", "al-Latamina"}


def test_gunmen_who_target_a_town_fight_on_the_ground():
    text = "وقال شاهد إن مسلحين استهدفوا بلدة مورك فجر اليوم."
    assert _one(_events(text, ["مورك"]), "armed_clash").place.name_en == "Morek"
    text = "وقال شاهد إن مسلحين استهدفوا بلدة مورك بقذائف الهاون."
    assert _of(_events(text, ["مورك"]), "armed_clash") == []


def test_an_attack_a_place_suffered_or_a_side_repelled_is_an_event_not_a_purpose():
    text = "وتعرضت مواقع قوات النظام في بلدة مورك لهجوم بري عنيف."
    ev = _one(_events(text, ["مورك"]), "armed_clash")
    assert (ev.place.name_en, ev.status) == ("Morek", "happened")
    assert ev.actor1 != "Syrian government"  # the target, not the attacker
    text = "وتصدت فصائل المعارضة لهجوم على بلدة اللطامنة."
    ev = _one(_events(text, ["اللطامنة"]), "armed_clash")
    assert (ev.status, ev.actor1) == ("failed", "")
    text = "وتسعى قوات النظام لهجوم على بلدة اللطامنة."
    assert _of(_events(text, ["اللطامنة"]), "armed_clash") == []


def test_a_habit_of_strikes_is_no_event():
    text = "ومنذ بدء النزاع، قصفت إسرائيل مراراً مواقع عسكرية قرب دمشق."
    assert _events(text, ["دمشق"]) == []
    text = "وقصفت إسرائيل مواقع عسكرية قرب دمشق."
    assert _one(_events(text, ["دمشق"]), "air_strike").actor1 == "Israel"


def test_an_attack_launched_by_a_side_that_strikes_from_afar_is_an_air_strike():
    text = "وشنت الولايات المتحدة هجوما استهدف مواقع قرب مدينة دمشق."
    ev = _one(_events(text, ["دمشق"]), "air_strike")
    assert ev.actor1 == "United States"
    text = "وشنت فصائل المعارضة هجوما على مواقع قرب مدينة دمشق."
    assert _one(_events(text, ["دمشق"]), "armed_clash").actor1 == "Syrian opposition"


def test_a_side_that_claims_the_attacks_is_their_actor():
    text = (
        "وقال شاهد إن مسلحين استهدفوا بلدة مورك فجر اليوم. وأعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم."
    )
    ev = _one(_events(text, ["مورك"]), "armed_clash")
    assert (ev.actor1, ev.extra["actor1_basis"]) == ("Islamic State", "responsibility")
    text = "وقال شاهد إن مسلحين استهدفوا بلدة مورك فجر اليوم."
    assert _one(_events(text, ["مورك"]), "armed_clash").actor1 == ""


def test_what_a_source_had_said_is_news_not_background():
    text = "وكانت مصادر محلية قد قالت إن الطائرات الروسية قصفت بلدة مورك."
    assert _one(_events(text, ["مورك"]), "air_strike").actor1 == "Russia"
    text = "وكانت الطائرات الروسية قد قصفت بلدة مورك."
    assert _events(text, ["مورك"]) == []


def test_the_owner_of_struck_depots_is_the_target():
    text = "واستهدفت الطائرات الإسرائيلية مستودعات لقوات النظام قرب مدينة دمشق."
    ev = _one(_events(text, ["دمشق"]), "air_strike")
    assert (ev.actor1, ev.actor2) == ("Israel", "Syrian government")
    text = "وقصفت مدفعية ثقيلة مواقع لقوات النظام قرب مدينة دمشق."
    ev = _one(_events(text, ["دمشق"]), "shelling")
    assert (ev.actor1, ev.actor2) == ("", "Syrian government")


def test_strikes_told_on_without_a_side_are_the_last_air_force_s():
    text = "وشنت الطائرات الإسرائيلية غارات على مدينة دمشق. وقالت قوات النظام إنها ستصمد. واستهدفت الضربات مدينة درعا."
    ev = next(e for e in _events(text, ["دمشق", "درعا"]) if e.place.name_en == "Daraa")
    assert (ev.extra["type_key"], ev.actor1) == ("air_strike", "Israel")


def test_a_campaign_one_wages_is_fighting_and_a_shelling_campaign_is_a_shelling():
    text = "وتشن قوات النظام منذ أسبوع حملة عنيفة على بلدة اللطامنة."
    ev = _one(_events(text, ["اللطامنة"]), "armed_clash")
    assert (ev.actor1, ev.place.name_en) == ("Syrian government", "al-Latamina")
    text = "وبدأت أمس حملة تسجيل الراغبين في بلدة اللطامنة."
    assert _of(_events(text, ["اللطامنة"]), "armed_clash") == []
    text = "وتشن قوات النظام حملة قصف عنيفة على بلدة اللطامنة."
    evs = _events(text, ["اللطامنة"])
    assert _of(evs, "armed_clash") == [] and _one(evs, "shelling").actor1 == "Syrian government"


# «المدينة», «البلدة», «المطار» alone: the last place of that kind, one test per row of event_anaphora.jsonl
def _anaphora_rows():
    from geo import eventtypes
    from geo.events import ANAPHORA_PATH

    return eventtypes.read_jsonl(ANAPHORA_PATH)


@pytest.fixture(scope="module")
def pipeline():
    from geo import gazetteer
    from geo.pipeline import analyse

    gaz = gazetteer.load()
    return lambda text: analyse(Article("rule", text, PUB), gaz).events


@pytest.mark.parametrize("row", _anaphora_rows(), ids=lambda r: r["noun"])
def test_a_bare_kind_noun_points_back_at_the_last_place_of_its_kind(row, pipeline):
    events = pipeline(row["example"])
    second = row["example"].index(".") + 1  # the example tells the attack in its second sentence
    told = [e for e in events if e.quote_start >= second and e.extra["type_key"] == row["expect"]["type"]]
    assert [e.place.name_ar for e in told] == [row["expect"]["place"]]


def test_a_taking_is_not_placed_by_a_bare_kind_noun(pipeline):
    text = "وتقع بلدة مورك في ريف حماة. وسيطرت قوات النظام على البلدة فجر اليوم."
    assert not [
        e for e in pipeline(text) if e.extra["type_key"] == "gov_regains" and e.place.name_ar == "مورك"
    ]


def test_what_a_strike_answers_is_told_with_its_own_place_and_without_the_answering_side():
    text = "وقصفت الطائرات الإسرائيلية مواقع في مدينة درعا رداً على إطلاق صواريخ على مدينة القنيطرة."
    evs = _events(text, ["درعا", "القنيطرة"])
    strike = _one(evs, "air_strike")
    assert (strike.place.name_en, strike.actor1) == ("Daraa", "Israel")
    assert [e.actor1 for e in evs if e.place.name_en == "Quneitra"] == [""]


def test_a_threat_is_no_event():
    text = "وهددت تركيا بشن عملية عسكرية ضد المقاتلين الأكراد في مدينة دوما."
    assert _of(_events(text, ["دوما"]), "armed_clash") == []


def test_a_place_that_only_locates_another_is_not_where_the_event_is():
    text = "وتوصلت روسيا والفصائل في محافظة القنيطرة حيث تقع مدينة درعا إلى اتفاق."
    evs = _events(text, ["القنيطرة", "درعا"])
    assert {e.place.name_en for e in _of(evs, "agreement")} <= {"Quneitra"}
    text = "وقصفت قوات النظام بلدة مورك الواقعة قرب مدينة حماة."
    assert {e.place.name_en for e in _of(_events(text, ["مورك", "حماة"]), "shelling")} == {"Morek"}


def test_a_call_made_past_a_long_subject_or_in_the_first_person_is_no_event():
    text = "ودعا وزير الدفاع الإسرائيلي، أفيغدور ليبرمان، الجمعة، رئيس النظام، بشار الأسد، إلى طرد الإيرانيين من مدينة درعا."
    assert _events(text, ["درعا"]) == []
    text = "وقال ليبرمان: أدعو الأسد إلى طرد الإيرانيين من مدينة درعا."
    assert _events(text, ["درعا"]) == []


def test_a_strike_told_in_syria_stands_at_the_country_not_at_the_article_s_place(pipeline):
    text = (
        "وتقدمت قوات النظام في مدينة درعا. وقصفت قوات النظام مدينة درعا. وفرّ السكان من مدينة درعا."
        " وشنت إسرائيل غارات في سوريا أمس."
    )
    strike = next(e for e in pipeline(text) if e.extra["trigger"] == "غارات")
    assert (strike.actor1, strike.place.name_en, strike.geo_precision) == ("Israel", "Syria", 3)


def test_a_place_that_falls_into_a_side_s_hands_is_taken_by_it():
    text = "وأدى ذلك إلى سقوط مدينة دوما المحاصرة في أيدي القوات التركية."
    ev = _one(_events(text, ["دوما"]), "nsa_overtakes")
    assert (ev.actor1, ev.place.name_en) == ("Turkey", "Douma")
    text = "وسقط عشرات القتلى على يد قوات النظام في مدينة دوما."  # killed at the hands of: no taking
    assert _of(_events(text, ["دوما"]), "gov_regains") == []


def test_syrian_warplanes_named_as_subject_make_a_government_air_strike():
    text = "وقصفت مقاتلات حربية سورية مناطق متفرقة قرب بلدة مورك."
    ev = _one(_events(text, ["مورك"]), "air_strike")
    assert ev.actor1 == "Syrian government"
    text = "وقصفت قوات النظام بالمدفعية بلدة مورك."
    assert _one(_events(text, ["مورك"]), "shelling").actor1 == "Syrian government"


def test_an_arrival_for_talks_is_a_visit_held_at_the_city_reached(pipeline):
    text = "ووصل وزير الخارجية الإيراني محمد جواد ظريف صباح الاثنين إلى دمشق لإجراء محادثات مع الأسد."
    evs = pipeline(text)
    assert [(e.extra["type_key"], e.actor1, e.place.name_en) for e in evs] == [("talks", "Iran", "Damascus")]
    text = "ودخلت قوات النظام مدينة دوما صباح الاثنين."
    assert [e.extra["type_key"] for e in pipeline(text)] == ["advance"]


def test_missiles_shot_down_are_a_failed_strike_but_dropped_barrels_are_a_strike(pipeline):
    text = "وقالت الوكالة إنه تم إسقاط بعض الصواريخ الإسرائيلية إلى الجنوب من مدينة حمص."
    ev = next(e for e in pipeline(text) if e.extra["type_key"] == "air_strike")
    assert (ev.actor1, ev.place.name_en, ev.status) == ("Israel", "Homs", "failed")
    text = "وألقت المروحيات براميل متفجرة على بلدة اللطامنة."
    assert [e.status for e in pipeline(text) if e.extra["type_key"] == "air_strike"] == ["happened"]
    text = "وقصفت الطائرات الإسرائيلية مطار الشعيرات بالصواريخ، وأسقطت الدفاعات الجوية عددا من الصواريخ."
    assert [e.status for e in pipeline(text) if e.place.name_ar == "مطار الشعيرات"] == ["happened"]


def test_a_place_said_to_be_near_the_one_just_named_only_locates_it():
    text = "وقصفت قوات النظام الغوطة الشرقية المحاصرة قرب مدينة دمشق."
    assert {e.place.name_en for e in _events(text, ["الغوطة الشرقية", "دمشق"])} == {"Eastern Ghouta"}
    text = "وقصفت قوات النظام مواقع قرب مدينة دمشق."  # near nothing named before it: the place told
    assert {e.place.name_en for e in _events(text, ["دمشق"])} == {"Damascus"}


def test_a_capital_named_as_a_backer_is_no_place_of_the_event(pipeline):
    text = "وشهدت مدينة عفرين اقتتالا عنيفا بين فصائل موالية لأنقرة."
    assert {e.place.name_en for e in pipeline(text)} == {"Afrin"}


def test_a_present_negated_is_no_event_but_still_going_on_is():
    text = "وقالت الوزارة إنها لا تجري حالياً عمليات قصف جوي في مدينة دوما."
    assert _events(text, ["دوما"]) == []
    text = "ولا تزال الاشتباكات مستمرة في مدينة دوما."
    assert _one(_events(text, ["دوما"]), "armed_clash").place.name_en == "Douma"


# ---------------------------------------------------------------- generalisation on the tuning splits (events-3)


def test_having_come_to_hold_a_place_is_a_taking_dated_by_the_report():
    text = "وبدأت قوات النظام هجومها في 18 شباط. وباتت قوات النظام تسيطر على مدينة دوما."
    spans = [_span(text, "18 شباط", date(2017, 2, 18))]
    ev = _one(_events(text, ["دوما"], spans), "gov_regains")
    assert (ev.actor1, ev.place.name_en) == ("Syrian government", "Douma")
    assert (ev.event_date, ev.date_last) == (PUB - timedelta(days=1), PUB)  # not the campaign's start
    text = "وباتت المناطق التي تسيطر عليها الفصائل في مدينة دوما محاصرة."  # a description, no taking
    assert _of(_events(text, ["دوما"]), "nsa_overtakes") == []


def test_towns_emptied_of_the_side_that_leaves_are_its_withdrawals():
    text = "ومع إخلاء بلدتي مورك واللطامنة من مقاتلي فيلق الرحمن، دخلت قوات النظام البلدتين."
    evs = _of(_events(text, ["مورك", "اللطامنة"]), "withdrawal")
    assert {(e.place.name_en, e.actor1) for e in evs} == {
        ("Morek", "Syrian opposition"),
        ("al-Latamina", "Syrian opposition"),
    }
    text = "ويتضمن الاتفاق إجلاء ستة آلاف شخص من مقاتلين ومدنيين من مدينة دوما."  # «من» of a count
    assert _of(_events(text, ["دوما"]), "withdrawal") == []


def test_what_a_taking_would_bring_about_is_no_taking():
    text = "ومن شأن استعادة قوات النظام مدينة مورك أن تلحق خسارة كبيرة بالفصائل."
    assert _of(_events(text, ["مورك"]), "gov_regains") == []
    text = "وعقدت محادثات بشأن استعادة قوات النظام مدينة مورك."  # «بشأن» (about) is no «من شأن»
    assert _of(_events(text, ["مورك"]), "gov_regains") != []


def test_missiles_a_side_fires_at_targets_from_afar_are_its_air_strike():
    text = "وأطلقت المدمرات الأميركية ما بين 100 و120 صاروخا ضد أهداف في مدينة دمشق."
    ev = _one(_events(text, ["دمشق"]), "air_strike")  # «ضد أهداف»: fired; the United States strikes from afar
    assert (ev.actor1, ev.place.name_en) == ("United States", "Damascus")
    text = "وتمتلك إيران آلاف الصواريخ في مدينة دمشق."  # arms owned, none fired
    assert _events(text, ["دمشق"]) == []


def test_a_pledge_to_retake_is_no_taking():
    text = "وتعهد الرئيس السوري باستعادة مدينة مورك."
    assert _of(_events(text, ["مورك"]), "gov_regains") == []


def test_a_taking_masdar_listed_among_a_proposals_terms_is_planned_and_its_genitive_is_the_taker():
    text = (
        "ويتضمن الاقتراح الذي تعرضه روسيا على ممثلي المعارضة، وفق ناشطين معارضين، تسليم الفصائل سلاحها"
        " الثقيل، مع عودة المؤسسات الرسمية ورفع العلم السوري وسيطرة قوات النظام على مدينة درعا."
    )
    ev = _one(_events(text, ["درعا"]), "gov_regains")  # not the opposition named before it
    assert (ev.actor1, ev.status) == ("Syrian government", "planned")
    text = "وقصفت الطائرات مناطق سيطرة المعارضة في مدينة درعا."  # after «مناطق سيطرة»: the holder struck
    assert _one(_events(text, ["درعا"]), "air_strike").actor1 != "Syrian opposition"


def test_a_share_of_a_place_by_its_pronoun_is_taken_around_that_place():
    text = "ووصلت قوات النظام إلى الغوطة الشرقية، بعدما باتت تسيطر على أكثر من تسعين في المئة منها."
    ev = _one(_events(text, ["الغوطة الشرقية"]), "gov_regains")
    assert (ev.actor1, ev.place.name_en, ev.geo_precision) == ("Syrian government", "Eastern Ghouta", 3)


def test_talks_go_to_the_syrian_town_named_past_their_time_and_parties():
    text = "ولا تزال جلسة المحادثات مستمرة بعد ظهر الجمعة بين وفد الفصائل والجانب الروسي في مدينة بصرى الشام."
    assert _one(_events(text, ["بصرى الشام"]), "talks").place.name_en == "Busra al-Sham"


# ---------------------------------------------------------------- QA items (second events round)


@pytest.mark.parametrize("when", ["", "، أمس،"])
def test_a_repelled_attack_is_one_failed_clash_by_the_attacker_with_its_dead(when):
    """QA item 6: the subject of «صدت» may be long and a time adverb may stand before its object; the
    clashes told after it are the same attack, and «وقتل خلال الاشتباكات خمسة» counts 5."""
    text = (
        f"صدت فصائل المعارضة المسلحة{when} هجوماً لقوات النظام على بلدة اللطامنة في ريف حماة الشمالي، "
        "وقتل خلال الاشتباكات خمسة عناصر من القوات المهاجمة."
    )
    ev = _one(_events(text, ["اللطامنة", "حماة"]), "armed_clash")
    assert (ev.status, ev.actor1, ev.place.name_en, ev.fatalities) == (
        "failed",
        "Syrian government",
        "al-Latamina",
        5,
    )
    short = _one(
        _events(f"صدت فصائل المعارضة المسلحة{when} هجوماً لقوات النظام على بلدة اللطامنة.", ["اللطامنة"]),
        "armed_clash",
    )
    assert (short.status, short.actor1) == ("failed", "Syrian government")


def test_a_failed_infiltration_is_a_failed_clash_by_the_infiltrators_on_the_day_told():
    """QA item 7: «محاولة تسلل» is a ground attack; «لعناصر هيئة تحرير الشام» names the attacker after a
    ل on the fighters' noun; «عشرات» counts 10 (ACLED's lowest reading)."""
    text = (
        "فشلت محاولة تسلل لعناصر هيئة تحرير الشام باتجاه مواقع قوات النظام في بلدة مورك بريف حماة "
        "فجر اليوم، وقتل عشرات المهاجمين."
    )
    ev = _one(_events(text, ["مورك"]), "armed_clash")
    assert (ev.status, ev.actor1, ev.actor2) == ("failed", "Hayat Tahrir al-Sham", "Syrian government")
    assert (ev.place.name_en, ev.fatalities) == ("Morek", 10)  # the day: tests/test_cli_events.py
    text = "قتل عشرة عناصر من هيئة تحرير الشام في محاولة تسلل فاشلة إلى مواقع قوات النظام في مورك."
    ev = _one(_events(text, ["مورك"]), "armed_clash")  # «فاشلة» after it: failed, though «محاولة» before
    assert (ev.status, ev.actor1, ev.fatalities) == ("failed", "Hayat Tahrir al-Sham", 10)


def test_a_failed_attack_coordinated_after_an_aim_is_still_a_failed_event():
    """«تسعى … إلى التقدم … واقتحام فاشل»: the coordinated trigger would share the aim's mood, but «فاشل»
    after it says it was made and failed (the mood shortcut must decide as _hypothetical does)."""
    text = "تسعى قوات النظام إلى التقدم في مورك واقتحام فاشل لبلدة اللطامنة أمس."
    evs = [e for e in _events(text, ["مورك", "اللطامنة"], published=date(2018, 5, 1)) if e.status == "failed"]
    assert [e.place.name_ar for e in evs] == ["اللطامنة"]


def test_a_clash_between_two_sides_takes_them_in_order_and_the_next_sentence_s_toll():
    """QA item 8: «بين X و Y» after the clash word gives actor1 X, actor2 Y (not the striker of the clause
    before); «ولقي سبعة مقاتلين حتفهم في الاشتباكات» in the next sentence counts that clash's dead."""
    text = (
        "قصفت طائرات التحالف الدولي مواقع لتنظيم الدولة في الرقة، فيما اندلعت اشتباكات عنيفة في دير الزور "
        "بين قوات النظام وعناصر التنظيم. ولقي سبعة مقاتلين حتفهم في الاشتباكات وفقاً للمرصد."
    )
    evs = _events(text, ["الرقة", "دير الزور"])
    clash = _one(evs, "armed_clash")
    assert (clash.actor1, clash.actor2, clash.fatalities) == ("Syrian government", "Islamic State", 7)
    assert _one(evs, "air_strike").fatalities == 0
    # no fight named again: the toll of the next sentence stays its own
    evs = _events(
        "اندلعت اشتباكات عنيفة في دير الزور بين قوات النظام وتنظيم داعش. وقتل سبعة مدنيين.", ["دير الزور"]
    )
    assert _one(evs, "armed_clash").fatalities == 0


@pytest.mark.parametrize(
    "text",
    [
        "انفجرت سيارة مفخخة أمس في مدينة مورك، ما أدى إلى مقتل ثمانية أشخاص وإصابة آخرين.",
        "قتل ثمانية أشخاص أمس في انفجار سيارة مفخخة في مدينة مورك.",
    ],
)
def test_a_car_bomb_is_a_bombing_with_no_side_named_and_its_toll(text):
    """QA item 9: a car bomb is an event (ACLED's remote explosive, geo/rules/event_types.jsonl), with no
    actor carried from the sentence before; a device nobody set off is none."""
    ev = _one(_events("وقصفت قوات النظام الرقة. " + text, ["مورك", "الرقة"]), "remote_explosive")
    assert (ev.place.name_en, ev.actor1, ev.fatalities) == ("Morek", "", 8)
    assert _events("وحرمت القوات التنظيم استخدام ألغام زرعها وعبوات ناسفة في مورك.", ["مورك"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "قتل أحد عشر عنصراً من قوات النظام في كمين لتنظيم الدولة قرب بلدة مورك.",
        "نصب تنظيم الدولة كميناً لقوات النظام قرب بلدة مورك وقتل أحد عشر عنصراً.",
    ],
)
def test_an_ambush_is_a_clash_by_the_side_that_set_it(text):
    """QA item 9: «كمين لتنظيم الدولة» and «نصب تنظيم الدولة كميناً لقوات النظام»: IS set it, the army
    is its target, «أحد عشر» counts 11."""
    ev = _one(_events(text, ["مورك"]), "armed_clash")
    assert (ev.actor1, ev.actor2, ev.place.name_en, ev.fatalities) == (
        "Islamic State",
        "Syrian government",
        "Morek",
        11,
    )


def test_a_denial_of_what_had_been_done_and_a_prepared_attack():
    """QA item 9: «أن تكون طائراتها قد قصفت» («قد» after the subjunctive of «كان» is «had»): a denied
    air strike by the speaker; «تستعد قوات النظام لشن هجوم»: a planned clash, not nothing."""
    text = "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مستشفى في بلدة مورك."
    ev = _one(_events(text, ["مورك"]), "air_strike")
    assert (ev.status, ev.actor1, ev.place.name_en) == ("denied", "Russia", "Morek")
    ev = _one(_events("تستعد قوات النظام لشن هجوم على مدينة مورك.", ["مورك"]), "armed_clash")
    assert (ev.status, ev.actor1) == ("planned", "Syrian government")
    assert _of(_events("تحاول قوات النظام شن هجوم على مدينة مورك.", ["مورك"]), "armed_clash") == []


# ---------------------------------------------------------------- events-10: general classes


def test_evacuated_fighters_with_no_side_named_are_the_oppositions_withdrawal():
    """Buses leaving under a deal, nobody named: the opposition's evacuation (the gold guide's default);
    a side named after the word still wins, and civilians leaving are still no event."""
    ev = _one(_events("بدأت عملية الإجلاء من مدينة دوما فجر اليوم.", ["دوما"]), "withdrawal")
    assert (ev.actor1, ev.extra["actor1_basis"]) == ("Syrian opposition", "default")
    ev = _one(_events("بدأ خروج مقاتلي داعش من مدينة دوما.", ["دوما"]), "withdrawal")
    assert ev.actor1 == "Islamic State"
    assert _of(_events("فتح مجال لخروج المدنيين من مدينة دوما.", ["دوما"]), "withdrawal") == []


def test_a_suspended_evacuation_is_postponed_and_a_plan_stops_at_but():
    """«تعليق عمليات إخراج المقاتلين» is postponed; «كان يفترض …، لكن القصف …»: the shelling happened."""
    ev = _one(_events("ووقعت الغارات غداة تعليق عمليات إخراج المقاتلين من دوما.", ["دوما"]), "withdrawal")
    assert ev.status == "postponed"
    text = "وكان يفترض إدخال المساعدات أمس إلى دوما، لكن القصف على مدينة دوما حال دون ذلك."
    assert _one(_events(text, ["دوما"]), "shelling").status == "happened"


def test_shelling_and_air_strikes_coordinated_are_two_events_at_the_place_that_witnessed_them():
    """«القصف والغارات الجوية»: «الجوية» qualifies the raids, so the shelling stays a shelling beside the air
    strike; «تشهد الغوطة الشرقية قتالاً»: the region named before the fight, as its witness, is its place."""
    text = "تواصل القصف والغارات الجوية للقوات الحكومية على الغوطة الشرقية."
    evs = _events(text, ["الغوطة الشرقية"])
    assert {e.extra["type_key"] for e in evs} == {"shelling", "air_strike"}
    text = "تشهد الغوطة الشرقية قتالاً عنيفاً بين فصائل المعارضة وقوات الجيش السوري."
    ev = _one(_events(text, ["الغوطة الشرقية"]), "armed_clash")
    assert (ev.place.name_en, ev.actor1, ev.actor2) == (
        "Eastern Ghouta",
        "Syrian opposition",
        "Syrian government",
    )


def test_an_indefinite_nisba_names_the_attacker_and_avoiding_an_attack_is_none():
    """«لقصف إسرائيلي», «قصف تركي»: the masculine indefinite adjective names the side as the feminine one
    does (Israel flies: an air strike); «اتفاق لتجنب شن هجوم على إدلب»: the attack is what the deal averts."""
    ev = _one(_events("تعرضت مدينة دوما في سوريا لقصف إسرائيلي أمس.", ["دوما"]), "air_strike")
    assert ev.actor1 == "Israel"
    ev = _one(_events("تعرضت مدينة دوما في سوريا لقصف تركي أمس.", ["دوما"]), "shelling")
    assert ev.actor1 == "Turkey"
    text = "وقال الأسد إن الاتفاق الروسي التركي لتجنب شن هجوم عسكري على إدلب مؤقت."
    assert _of(_events(text, ["إدلب"]), "armed_clash") == []
    assert _of(_events("شنت قوات النظام هجوماً عسكرياً على إدلب.", ["إدلب"]), "armed_clash") != []


def test_an_event_after_since_dated_by_a_bare_earlier_year_is_background():
    """«منذ انسحاب القوات الحكومية منها في عام 2012»: when a state began, no withdrawal on the 2018 map;
    «منذ سيطرتها على بلدة مسكنة في 4 يونيو» (a day) is still a taking."""
    text = "وقد أدار الأكراد مدينة الرقة بشكل ذاتي منذ انسحاب القوات الحكومية السورية منها في عام 2012."
    span = _span(text, "عام 2012", date(2012, 1, 1), date(2012, 12, 31), 3)
    assert _of(_events(text, ["الرقة"], [span]), "withdrawal") == []
    text = "انسحبت القوات الحكومية السورية من مدينة الرقة في عام 2012."
    span = _span(text, "عام 2012", date(2012, 1, 1), date(2012, 12, 31), 3)
    assert _of(_events(text, ["الرقة"], [span]), "withdrawal") != []


def test_an_event_right_after_a_verb_of_evaluation_is_a_judgement_not_news():
    """«وتمثل سيطرة قوات النظام على الغوطة الشرقية انتصاراً»: the taking is judged, not told; told, it is one."""
    text = "وتمثل سيطرة قوات النظام على الغوطة الشرقية انتصاراً كبيراً للأسد."
    assert _of(_events(text, ["الغوطة الشرقية"]), "gov_regains") == []
    text = "وسيطرت قوات النظام على الغوطة الشرقية."
    assert _of(_events(text, ["الغوطة الشرقية"]), "gov_regains") != []


def test_a_meeting_told_by_its_verb_is_talks_where_a_side_and_a_venue_are_named():
    """«التقى لافروف في جنيف …»: talks at the venue, by the side named; a visit by nobody named is none."""
    ev = _one(_events("التقى لافروف في جنيف المبعوث الأممي أمس.", ["جنيف"]), "talks")
    assert (ev.place.name_en, ev.actor1) == ("Geneva", "Russia")
    assert _of(_events("زار وفد رسمي مدينة جنيف أمس.", ["جنيف"]), "talks") == []


def test_a_named_operation_waged_in_a_relative_clause_is_a_clash():
    """«عملية غصن الزيتون التي يشنها الجيش التركي في منطقة عفرين»: the verb that wages it stands past the
    operation's two-word name and «التي»; an operation with no military word near is still none."""
    text = "وتتواصل عملية غصن الزيتون التي تشنها قوات النظام في مدينة مورك."
    ev = _one(_events(text, ["مورك"]), "armed_clash")
    assert (ev.actor1, ev.place.name_en) == ("Syrian government", "Morek")
    assert _of(_events("وتتواصل عملية إعادة الإعمار في مدينة مورك.", ["مورك"]), "armed_clash") == []


def test_a_sentence_after_background_of_a_year_gone_is_news_of_the_report_and_its_noun_tells_the_strike():
    """A bare earlier year ending the sentence before («… عام 2013.») is not carried to the next one's
    news: that is of the report's days; «استهدفت غارات تركية مواقع لقوات النظام»: one Turkish air strike
    (the attack noun is the verb's subject), no shelling by the side that owned the targets."""
    text = "وكان المسلحون قد دخلوا المدينة عام 2013. واستهدفت غارات تركية مواقع لقوات النظام في مدينة مورك."
    span = _span(text, "عام 2013", date(2013, 1, 1), date(2013, 12, 31), 3)
    evs = _events(text, ["مورك"], [span])
    ev = _one(evs, "air_strike")
    assert (ev.actor1, ev.event_date, ev.extra["date_basis"]) == ("Turkey", PUB - timedelta(days=1), "report")
    assert _of(evs, "shelling") == []


def test_an_alleged_chemical_attack_with_nobody_named_is_laid_at_the_accused_side():
    """«الهجوم الكيماوي المزعوم على دوما»: claimed, actor1 the side such attacks are laid at (the gold
    guide: the accused side); told as a fact with nobody named, it is laid at the side the article laid its
    last chemical attack at, else at the same default side (events-A, issue 8 §4: 28 of the 32 chemical
    attacks of the tuning golds are the government's, none is anyone's the text left unnamed)."""
    day = date(2017, 6, 17)
    text = "ونددت فرنسا بالهجوم الكيماوي المزعوم على مدينة دوما يوم السبت."
    ev = _one(_events(text, ["دوما"], [_span(text, "يوم السبت", day)]), "chemical_weapon")
    assert (ev.status, ev.actor1, ev.extra["actor1_basis"]) == ("claimed", "Syrian government", "accused")
    text = "وقتل عشرات المدنيين في هجوم كيماوي على مدينة دوما يوم السبت."
    ev = _one(_events(text, ["دوما"], [_span(text, "يوم السبت", day)]), "chemical_weapon")
    assert (ev.status, ev.actor1, ev.extra["actor1_basis"]) == ("happened", "Syrian government", "accused")
    text = (
        "واتهمت روسيا فصائل المعارضة بشن هجوم كيماوي على مدينة حلب يوم السبت. "
        "وقتل عشرات المدنيين في هجوم كيماوي على مدينة دوما يوم الأحد."
    )
    spans = [_span(text, "يوم السبت", day), _span(text, "يوم الأحد", day + timedelta(days=1))]
    evs = _of(_events(text, ["حلب", "دوما"], spans), "chemical_weapon")
    assert [(e.place.name_ar, e.actor1) for e in evs] == [("حلب", "Syrian opposition"), ("دوما", "Syrian opposition")]


def test_a_chemical_attack_a_relative_clause_accuses_a_side_of_is_claimed_and_laid_at_it():
    text = "قرار بشأن رد عسكري على الهجوم الكيميائي الذي تتهم الحكومة السورية بشنه على بلدة دوما يوم السبت."
    ev = _one(_events(text, ["دوما"], [_span(text, "يوم السبت", date(2018, 4, 7))]), "chemical_weapon")
    assert (ev.status, ev.actor1) == ("claimed", "Syrian government")
    text = "وقصفت الطائرات دمشق لمعاقبة نظام الأسد على استخدامه المزعوم للأسلحة الكيماوية في دوما يوم السبت."
    ev = _one(_events(text, ["دمشق", "دوما"], [_span(text, "يوم السبت", date(2018, 4, 7))]), "chemical_weapon")
    assert (ev.status, ev.actor1) == ("claimed", "Syrian government")


def test_partners_are_not_each_other_s_other_side():
    """«اقتحمت قسد مورك بعد غارات للتحالف الدولي»: the coalition strikes for the SDF (geo/rules/actors.jsonl
    «partner»), so the SDF's advance is not against the coalition nor the coalition's strike against the SDF;
    Russian strikes before a government taking are not against the government."""
    text = "واقتحمت قوات سوريا الديمقراطية مدينة مورك بعد غارات للتحالف الدولي."
    evs = _events(text, ["مورك"])
    assert (_one(evs, "air_strike").actor1, _one(evs, "air_strike").actor2) == ("US-led coalition", "")
    assert all(e.actor2 != "US-led coalition" for e in evs if e.actor1 == "SDF")
    text = "وسيطرت قوات النظام على مدينة مورك بعد غارات روسية مكثفة."
    assert _one(_events(text, ["مورك"]), "air_strike").actor2 == ""


def test_an_alleged_chemical_attack_with_its_doer_named_is_still_claimed():
    """REVIEW #3 and #7: «المزعوم» makes the attack claimed even when the sentence names who launched it (no
    accused-side default decides it), and «ويفترض أنه وقع» after it is no planned event but a claimed one."""
    day = date(2018, 4, 7)
    text = "الهجوم الكيماوي المزعوم الذي شنته قوات النظام على دوما يوم السبت."
    ev = _one(_events(text, ["دوما"], [_span(text, "يوم السبت", day)]), "chemical_weapon")
    assert (ev.status, ev.actor1) == ("claimed", "Syrian government")
    text = (
        "وأدانت فرنسا الهجوم الكيماوي المزعوم الذي شنته قوات النظام ويفترض أنه وقع في مدينة دوما يوم السبت."
    )
    ev = _one(_events(text, ["دوما"], [_span(text, "يوم السبت", day)]), "chemical_weapon")
    assert (ev.status, ev.actor1) == ("claimed", "Syrian government")


def test_new_parts_of_a_town_told_before_are_a_taking_of_that_town():
    """REVIEW #9: «على مناطق جديدة من البلدة» is a share of the town told in the sentence before (the area
    adjective «جديدة» stands between the area noun and «من»), so the taking stays, at that town."""
    text = "وقصفت الطائرات بلدة مورك. وسيطرت قوات النظام على مناطق جديدة من البلدة."
    assert _one(_events(text, ["مورك"]), "gov_regains").place.name_en == "Morek"


def test_aircraft_named_after_a_ground_battle_are_not_its_side():
    """«استمرار الاشتباكات في مورك، مشيراً إلى أن المشاركة الفعالة للطيران الحربي الروسي …» (seed 003): the
    Russian air force backs the battle from the air, it is no side of the ground clash."""
    text = (
        "وتحدث القائد عن استمرار الاشتباكات في بلدة مورك، "
        "مشيراً إلى أن المشاركة الفعالة للطيران الحربي الروسي لها الدور الحاسم."
    )
    assert _one(_events(text, ["مورك"]), "armed_clash").actor1 != "Russia"


def test_the_side_that_fell_in_a_strike_is_its_target_not_its_striker():
    """«وسقط العشرات من قوات النظام بين قتيل وجريح في غارات»: the fallen are struck; «غارات إسرائيلية» names
    the striker; the side that shells is still the shelling's actor."""
    text = "وسقط العشرات من قوات النظام بين قتيل وجريح في غارات استهدفت مواقع في مدينة مورك."
    assert _one(_events(text, ["مورك"]), "air_strike").actor1 != "Syrian government"
    text = "وسقط العشرات من قوات النظام بين قتيل وجريح في غارات إسرائيلية على مدينة مورك."
    assert _one(_events(text, ["مورك"]), "air_strike").actor1 == "Israel"
    assert _one(_events("وقصفت قوات النظام مدينة مورك.", ["مورك"]), "shelling").actor1 == "Syrian government"


def test_aircraft_and_guns_that_target_a_town_make_an_air_strike_and_a_shelling():
    """«طائرات النظام السوري ومدفعيته استهدفت مورك»: the aircraft stand four words before the verb (past their
    side and the coordinated guns), so the targeting is an air strike, and the guns' shelling is one too."""
    evs = _events("وقالت إن طائرات النظام السوري ومدفعيته استهدفت مدينة مورك.", ["مورك"])
    assert sorted(e.extra["type_key"] for e in evs) == ["air_strike", "shelling"]
    assert {e.actor1 for e in evs} == {"Syrian government"}


def test_the_side_that_notified_another_of_a_strike_made_it():
    """«إسرائيل أبلغت روسيا بالغارة على مورك»: the notifier struck, not the side it told."""
    text = "وقالت موسكو إن إسرائيل أبلغت روسيا بالغارة على مدينة مورك قبل دقيقة واحدة."
    assert _one(_events(text, ["مورك"]), "air_strike").actor1 == "Israel"


def test_a_taking_of_unnamed_ground_borrows_no_place_but_a_share_of_a_named_one_is_taken():
    """«سيطرة قوات النظام على مساحات واسعة في البلاد»: the Damascus named before is not the ground taken;
    «على أجزاء واسعة من مدينة دمشق» is a share of the city."""
    text = "ووصل وفد كردي إلى مدينة مورك بعد سيطرة قوات النظام على مساحات واسعة في البلاد."
    assert _of(_events(text, ["مورك"]), "gov_regains") == []
    text = "وسيطرت قوات النظام على أجزاء واسعة من مدينة مورك."
    assert _of(_events(text, ["مورك"]), "gov_regains") != []


def test_a_bodys_name_with_a_clitic_is_no_event():
    """«وفقا لمركز المصالحة الروسي»: «لمركز» is the body «مركز» with «ل»; its «المصالحة» is no agreement."""
    text = "وغادر مسلحو المعارضة مدينة دوما، وذلك وفقا لمركز المصالحة الروسي."
    evs = _events(text, ["دوما"])
    assert _of(evs, "agreement") == [] and _of(evs, "withdrawal") != []


def test_a_strike_laid_at_a_side_by_others_is_that_sides():
    """«الغارة … ونسبتها دمشق وطهران وموسكو إلى إسرائيل»: Israel struck; those who say so did not."""
    text = "وقال إن الغارة الجوية التي استهدفت مطاراً قرب مورك ونسبتها دمشق وطهران وموسكو إلى إسرائيل خطيرة."
    assert _one(_events(text, ["مورك"]), "air_strike").actor1 == "Israel"


def test_todays_clash_is_no_copy_of_the_operation_begun_weeks_before():
    """«مقتل ثمانية من جنوده في اشتباكات بمدينة مورك» (today) beside «عملية … التي بدأتها قوات النظام في
    يناير»: two clashes; a report-dated copy goes only beside a dated one near the report."""
    pub = date(2018, 3, 2)
    text = (
        "أعلنت قوات النظام مقتل ثمانية من جنودها في اشتباكات بمدينة مورك. "
        "وأصيب آخرون خلال المواجهات، وهي في إطار عملية عسكرية بدأتها قوات النظام في يناير الماضي في مورك."
    )
    span = _span(text, "يناير الماضي", date(2018, 1, 1), date(2018, 1, 31), 3)
    clashes = _of(_events(text, ["مورك"], [span], published=pub), "armed_clash")
    assert {(e.event_date.month, e.extra["date_basis"]) for e in clashes} >= {(3, "report"), (1, "clause")}


def test_many_strikes_over_years_are_no_one_event():
    """«تعرض مطار مورك لعدة غارات وقصف في السنوات الأخيرة»: a tally over years, nothing to map."""
    text = "وتعرض مطار مدينة مورك لعدة غارات وقصف في السنوات الأخيرة."
    assert _of(_events(text, ["مورك"]), "air_strike") == []


def test_a_since_span_of_a_state_described_after_the_deed_does_not_date_it():
    """«استهدفت قوات النظام موقعاً في مورك، حيث تساند المقاتلين منذ نحو أسبوعين»: the «منذ» dates the support
    told after «حيث»; the strike is of the report's days. Told of the deed itself, «منذ» still dates it."""
    text = "واستهدفت قوات النظام موقعاً في مدينة مورك، حيث تساند المقاتلين منذ نحو أسبوعين في التصدي للهجوم."
    span = TimeSpan(
        text.index("منذ"),
        text.index("منذ") + len("منذ نحو أسبوعين"),
        "منذ نحو أسبوعين",
        PUB - timedelta(days=17),
        PUB - timedelta(days=11),
        2,
        "since",
    )
    ev = _one(_events(text, ["مورك"], [span]), "shelling")
    assert ev.extra["date_basis"] == "report"


def test_giving_support_is_no_advance():
    """«وتقدم له دعماً سياسياً» (gives it support): «تقدم» with «له/دعماً» after it is no advance."""
    text = "وروسيا من أبرز حلفاء النظام السوري وتقدم له دعما سياسيا وعسكريا في مدينة مورك."
    assert _of(_events(text, ["مورك"]), "advance") == []
    assert _of(_events("وتقدمت قوات النظام في مدينة مورك.", ["مورك"]), "advance") != []


def test_talks_about_a_syrian_town_with_no_venue_named_are_placed_at_the_town():
    """«المفاوضات مع جماعة جيش الإسلام بشأن استسلام مدينة دوما»: no venue abroad, so at the town they are
    about (geo_precision 2); a venue abroad still wins («محادثات في جنيف بشأن دوما»)."""
    text = "وقالت روسيا إن المفاوضات مع جماعة جيش الإسلام بشأن استسلام مدينة دوما ما زالت مستمرة."
    ev = _one(_events(text, ["دوما"]), "talks")
    assert (ev.place.name_en, ev.geo_precision) == ("Douma", 2)
    text = "وقالت روسيا إن المحادثات في جنيف بشأن مدينة دوما ما زالت مستمرة."
    assert _one(_events(text, ["دوما", "جنيف"]), "talks").place.name_en == "Geneva"


def test_a_taking_by_an_ally_of_the_government_is_the_governments_and_a_judged_taking_is_none():
    """ACLED's «Government regains territory» is the government's own: Russia's taking of Morek is coded to
    the Syrian government; «سيطرة قسد على مورك أصبحت لحظة حاسمة»: the taking is judged, not told."""
    ev = _one(_events("وسيطرت القوات الروسية على مدينة مورك.", ["مورك"]), "gov_regains")
    assert (ev.actor1, ev.actor2) == ("Syrian government", "")  # the ally is on its side, not the other
    ev = _one(_events("سيطر حزب الله على مدينة مورك.", ["مورك"]), "gov_regains")
    assert (ev.actor1, ev.actor2) == ("Syrian government", "")
    text = "وأكدت واشنطن أن سيطرة قسد على مورك أصبحت لحظة حاسمة في مكافحة داعش."
    assert _of(_events(text, ["مورك"]), "nsa_overtakes") == []


def test_barrel_bombs_let_loose_are_an_air_strike_and_missiles_fired_a_shelling():
    """«أطلقت المروحيات براميل متفجرة على مورك»: what falls is a bomb, so an air strike; «أطلقت قوات النظام
    صواريخ على مورك» stays a shelling."""
    text = "وأطلقت المروحيات براميل متفجرة على مدينة مورك."
    assert _of(_events(text, ["مورك"]), "air_strike") != []
    text = "وأطلقت قوات النظام صواريخ على مدينة مورك."
    assert [e.extra["type_key"] for e in _events(text, ["مورك"])] == ["shelling"]


def test_western_strikes_are_the_united_states_and_their_target_is_not_the_striker():
    """«الضربات الغربية فجر السبت ضد مواقع للنظام»: the West (led by the United States) struck the regime's
    sites; «قصفت قوات النظام الأحياء الغربية من مورك» is still the army's shelling."""
    text = "وأدت الضربات الغربية فجر السبت ضد مواقع للنظام السوري في مدينة مورك إلى تدمير مركز للأبحاث."
    assert _one(_events(text, ["مورك"]), "air_strike").actor1 == "United States"
    text = "وقصفت قوات النظام الأحياء الغربية من مدينة مورك."
    assert _one(_events(text, ["مورك"]), "shelling").actor1 == "Syrian government"


# ---------------------------------------------------------------- events-11: trigger lemmas filled out


def test_the_verb_of_an_attack_is_a_clash_and_of_an_air_force_a_strike_but_not_in_words():
    """«هاجم» (the verb of «هجوم», a new trigger row) tells an attack made, with no launch word; Israel's
    attack is from the air; a president's «هاجم» is criticism; «عندما هاجم …» with no date of its own only
    dates the main clause."""
    ev = _one(_events("وهاجم مقاتلو تنظيم الدولة مواقع قوات النظام في مدينة تدمر.", ["تدمر"]), "armed_clash")
    assert (ev.actor1, ev.place.name_en) == ("Islamic State", "Palmyra")
    text = "وقال الجيش الإسرائيلي إن إسرائيل هاجمت مواقع عسكرية في مدينة القنيطرة."
    ev = _one(_events(text, ["القنيطرة"]), "air_strike")
    assert ev.actor1 == "Israel"
    assert _events("وهاجم الرئيس التركي دعم واشنطن للأكراد في مدينة الرقة.", ["الرقة"]) == []
    assert _events("وصمتت واشنطن عندما هاجمت قوات النظام مدينة الرقة.", ["الرقة"]) == []


def test_the_masdar_of_targeting_is_a_strike_when_told_as_news_not_as_a_denied_object():
    """«استهداف» (the masdar now generated with «استهدف»): «أفادت مصادر باستهداف الطيران الروسي …» and
    «أنباء عن استهداف …» are strikes; «نفت روسيا استهداف المدنيين» is no strike told."""
    text = "وأفادت مصادر محلية باستهداف الطيران الروسي بلدة اللطامنة."
    assert _one(_events(text, ["اللطامنة"]), "air_strike").place.name_en == "al-Latamina"
    text = "وتحدثت مصادر عن استهداف الطائرات الحربية مواقع الفصائل في بلدة اللطامنة."
    assert _of(_events(text, ["اللطامنة"]), "air_strike") != []
    text = "ونفت روسيا استهداف المدنيين في بلدة اللطامنة."
    got = _events(text, ["اللطامنة"])
    assert _of(got, "air_strike") == _of(got, "shelling") == []


def test_inflected_forms_of_attack_and_exit_nouns_are_triggers():
    """The dual «هجومين», the plural «الحملات» and the possessive «خروجه» are generated from their rows."""
    text = "وشن تنظيم الدولة هجومين على مواقع قوات النظام في مدينة تدمر."
    assert _one(_events(text, ["تدمر"]), "armed_clash").actor1 == "Islamic State"
    text = "وتتواصل الحملات العسكرية التي تشنها قوات النظام على بلدة اللطامنة."
    assert _of(_events(text, ["اللطامنة"]), "armed_clash") != []
    text = "وأطلق جيش الإسلام قبل خروجه من مدينة دوما سراح عشرات المخطوفين."
    ev = _one(_events(text, ["دوما"]), "withdrawal")
    assert ev.place.name_en == "Douma"


def test_qad_before_a_past_verb_is_already_and_a_visit_to_listed_capitals_is_talks_at_each(pipeline):
    """«قد زار» (already) is told, «قد تشن» (may) is not; a visit «كلا من دمشق وأستانا وجنيف» is one talks
    event per listed city (issue 8 §4: one event per listed place)."""
    text = "وكان المبعوث الروسي قد زار قبل أسبوعين كلا من دمشق وأستانا وجنيف في إطار هذه الخطة."
    talks = _of(pipeline(text), "talks")
    assert sorted(e.place.name_en for e in talks) == ["Astana", "Damascus", "Geneva"]
    assert {e.actor1 for e in talks} == {"Russia"}
    text = "وقال مصدر دبلوماسي إن المبعوث الروسي قد زار جنيف أمس."
    assert [e.place.name_en for e in _of(pipeline(text), "talks")] == ["Geneva"]
    assert _events("وقالت مصادر إن قوات النظام قد تشن هجوماً على مدينة مورك.", ["مورك"]) == []


def test_evacuees_who_left_arriving_somewhere_are_no_advance():
    """«المقاتلون الذين غادروا دوما … قد وصلوا إلى إدلب»: the end of an evacuation, not troops advancing."""
    text = "وقال المرصد إن مقاتلي المعارضة الذين غادروا دوما وصلوا إلى إدلب."
    assert _of(_events(text, ["دوما", "إدلب"]), "advance") == []
    text = "وقال المرصد إن قوات النظام وصلت إلى مدينة مورك."
    assert _of(_events(text, ["مورك"]), "advance") != []


def test_missiles_fired_in_the_present_and_a_base_struck_with_nobody_named_are_strikes():
    """«تطلق صواريخ» fires them (every tense of «أطلق», event_cues «fired»); «استهدفت قاعدة …» with no side
    named is a strike on the base by the story's air force (event_cues «struck_facilities»)."""
    text = "وقالت مصادر إن قوات النظام تطلق صواريخ باتجاه بلدة اللطامنة."
    assert _one(_events(text, ["اللطامنة"]), "shelling").place.name_en == "al-Latamina"
    text = (
        "وقصفت الطائرات الإسرائيلية مواقع في مدينة القنيطرة. وفي الليلة ذاتها استهدفت قاعدة التنف العسكرية."
    )
    ev = _one([e for e in _events(text, ["القنيطرة", "التنف"]) if e.place.name_en == "al-Tanf"], "air_strike")
    assert ev.actor1 == "Israel"
    assert _events("وانفجار استهدف قاعدة التنف العسكرية.", ["التنف"]) == []  # a blast: no side fires


def test_a_strike_told_again_at_that_time_is_no_second_event():
    """«وأعلنت إسرائيل آنذاك عن ضرب أهداف إيرانية» after the strike: no place nor day of its own, the same
    strike (event_cues «then_retold»); «وتكرر الأمر في 12 منه وأعلنت وقتها …» has its own day."""
    text = (
        "وقصفت الطائرات الإسرائيلية مواقع في مدينة القنيطرة أمس. وأعلنت إسرائيل آنذاك عن ضرب أهداف إيرانية."
    )
    assert [e.extra["type_key"] for e in _events(text, ["القنيطرة"])] == ["air_strike"]


def test_places_listed_before_an_exit_or_a_strike_and_a_near_place_listed_with_a_target_are_each_struck():
    """One event per listed place (issue 8 §4): the towns emptied «بعد خروج» and the places that «تعرضت» to
    a strike, listed before the trigger; «ضد أهداف قرب دمشق ودوما»: both. A deal or a fight told after
    a list of towns stays one event."""
    text = "وأصبحت بلدات مورك واللطامنة وكفرنبودة خالية بعد خروج مقاتلي المعارضة."
    places = sorted(
        e.place.name_en for e in _of(_events(text, ["مورك", "اللطامنة", "كفرنبودة"]), "withdrawal")
    )
    assert places == ["Kafr Nabudah", "Morek", "al-Latamina"]
    text = "وقالت مصادر إن مواقع في ريفي حماة وحلب تعرضت لقصف بصواريخ معادية."
    rural = {"حماة": "ريف", "حلب": "ريف"}  # «ريفي حماة وحلب»: the countrysides of the two capitals
    struck = _of(_events(text, ["حماة", "حلب"], triggers=rural), "shelling")
    assert sorted(e.place.name_en for e in struck) == ["Aleppo", "Hama"]
    text = "وأطلقت الطائرات الأمريكية صواريخ ضد أهداف قرب دمشق ودوما."
    assert sorted(e.place.name_en for e in _of(_events(text, ["دمشق", "دوما"]), "air_strike")) == [
        "Damascus",
        "Douma",
    ]
    text = "ونزح آلاف من سكان مدينتي مورك واللطامنة بعد معارك عنيفة بين قوات النظام والفصائل."
    assert [e.place.name_en for e in _of(_events(text, ["مورك", "اللطامنة"]), "armed_clash")] == [
        "al-Latamina"
    ]


def test_fighters_taken_out_and_buses_carrying_them_are_withdrawals_and_a_joint_conference_is_talks(pipeline):
    """«أخرجوا من بلدات …» (the verb of «إخراج») and indefinite «حافلات تنقل المسلحين من …» tell an exit;
    a joint press conference at a venue is talks, one speaker's press conference is not."""
    text = "وقالت الوكالة إن المسلحين وعائلاتهم أخرجوا من بلدتي مورك واللطامنة إلى إدلب."
    left = _of(_events(text, ["مورك", "اللطامنة", "إدلب"]), "withdrawal")
    assert sorted(e.place.name_en for e in left) == ["Morek", "al-Latamina"]
    text = "وقالت الوكالة إن حافلات تنقل المسلحين وعائلاتهم تحركت من مدينة دوما."
    assert [e.place.name_en for e in _of(_events(text, ["دوما"]), "withdrawal")] == ["Douma"]
    text = "وقال الوزيران في مؤتمر صحفي مشترك في جنيف إن المحادثات مستمرة."
    assert "Geneva" in {e.place.name_en for e in _of(pipeline(text), "talks")}
    assert _of(pipeline("وقال الوزير الروسي في مؤتمر صحفي في جنيف إن الوضع صعب."), "talks") == []


def test_a_pull_back_whose_pronoun_names_the_fighters_before_it_is_a_withdrawal():
    """«سيتم سحبهم من مدينة درعا» after «مستشارين إيرانيين ومسلحين»: the pronoun is the pulled, named just
    before; «سحب الثقة من الحكومة» pulls nothing armed."""
    text = "وقال المرصد إن مسلحين من حزب الله سيتم سحبهم من مدينة درعا."
    ev = _one(_events(text, ["درعا"]), "withdrawal")
    assert (ev.place.name_en, ev.status) == ("Daraa", "planned")
    assert _of(_events("وقرر البرلمان سحب الثقة من الحكومة في مدينة درعا.", ["درعا"]), "withdrawal") == []


def test_an_operation_with_its_possessive_is_a_clash_dated_by_its_start():
    """«عمليتها العسكرية» (the عملية row with its possessives): the operation told, dated as its clause says."""
    text = "وبدأت القوات التركية عمليتها العسكرية في مدينة الرقة في 20 يناير الماضي."
    ev = _one(_events(text, ["الرقة"], [_span(text, "20 يناير الماضي", date(2018, 1, 20))]), "armed_clash")
    assert (ev.place.name_en, ev.event_date, ev.actor1) == ("Raqqa", date(2018, 1, 20), "Turkey")


def test_a_quarter_taken_in_a_named_city_does_not_hand_over_the_city(pipeline):
    # REVIEW11 #8: the city after «في مدينة» says where the quarter is; it did not change hands itself
    text = (
        "سيطرت فصائل المعارضة اليوم على حي صلاح الدين في مدينة حلب بعد اشتباكات عنيفة مع قوات النظام. "
        "وقال مصدر ميداني إن المعارك مستمرة في أطراف الحي."
    )
    takings = [e for e in pipeline(text) if e.extra["type_key"] == "nsa_overtakes"]
    assert [(e.place.name_ar, e.place.parent_id != "") for e in takings] == [("صلاح الدين", True)]
    assert takings[0].actor1 == "Syrian opposition"


# ---------------------------------------------------------------- issue 8 §4, twelfth round (events-A)


def test_the_bare_army_takes_a_town_in_a_report_on_syria(pipeline):
    # QA11 N1: no event came of «سيطر الجيش على مدينة الميادين» when the government had no name of its own
    text = "سيطر الجيش على مدينة الميادين في ريف دير الزور شرق سوريا."
    taken = [e for e in pipeline(text) if e.extra["type_key"] == "gov_regains"]
    assert [(e.place.name_ar, e.actor1) for e in taken] == [("الميادين", "Syrian government")]


def test_aircraft_that_raid_a_place_strike_it_from_the_air(pipeline):
    # «أغارت طائرات روسية على مستشفى المسيفرة»: «أغار على» (to raid) was no trigger; aircraft make it an air strike
    text = "وأغارت طائرات روسية على مستشفى بلدة المسيفرة في ريف درعا يوم السبت."
    evs = [e for e in pipeline(text) if e.extra["type_key"] in ("air_strike", "shelling")]
    assert [(e.extra["type_key"], e.actor1, e.place.name_ar) for e in evs] == [("air_strike", "Russia", "المسيفرة")]
    # «تغير» is «changes», not «raids»: no present form of the verb is a trigger
    assert not pipeline("وقال إن الحكومة تغير موقفها من أهالي بلدة المسيفرة في ريف درعا.")


def test_a_pluperfect_told_as_recent_is_news_not_background(pipeline):
    # «وكانت … قد …» opens background, unless the text says it was recent («مؤخرا»)
    recent = "وكانت ضربات جوية مكثفة على مدينة إدلب قد تسببت مؤخرا في مقتل 20 مدنيا."
    assert [e.place.name_ar for e in pipeline(recent) if e.extra["type_key"] == "air_strike"] == ["إدلب"]
    old = "وكانت ضربات جوية مكثفة على مدينة إدلب قد تسببت في مقتل 20 مدنيا."
    assert not [e for e in pipeline(old) if e.extra["type_key"] == "air_strike"]


def test_a_base_built_is_told_by_its_verb_as_by_its_masdar(pipeline):
    # base_verbs had «إنشاء», «إقامة», «بناء» only: «أنشأت بريطانيا قاعدة» gave no event
    text = "وأنشأت بريطانيا قاعدة عسكرية في التنف في مايو 2016."
    bases = [e for e in pipeline(text) if e.extra["type_key"] == "base"]
    assert [(e.place.name_ar, e.event_date.isoformat()) for e in bases] == [("التنف", "2016-05-01")]


# ---------------------------------------------------------------- twelfth round (events-B): the date of the trigger's clause


def _cue_row(name):
    from geo import eventtypes

    return next(r for r in eventtypes.read_jsonl(Path("geo/rules/event_cues.jsonl")) if r["set"] == name)


def test_a_day_told_after_bahdama_dates_that_verb_not_the_taking_told_before_it(pipeline):
    """«السيطرة الكاملة على مدينة عفرين، بعدما بدأ في 20 يناير الماضي حملة»: the taking is the Saturday's, the
    20 January is when the campaign began (cue set «other_verb»; the Afrin retellings a0039 and a0680)."""
    taking = _one(pipeline(_cue_row("other_verb")["example"]), "nsa_overtakes")
    assert taking.event_date.weekday() == 5 and timedelta(0) <= PUB - taking.event_date < timedelta(days=7)
    assert taking.event_date.month != 1


def test_a_day_told_before_the_conjunction_still_dates_the_taking(pipeline):
    text = "وأعلن الجيش التركي السيطرة الكاملة على مدينة عفرين في 18 آذار 2018، بعد أن بدأ حملة عسكرية."
    assert _one(pipeline(text), "nsa_overtakes").event_date == date(2018, 3, 18)


def test_a_stretch_of_days_after_the_conjunction_still_spans_the_fighting_beside_it(pipeline):
    """Only a day is the other verb's: «خلال الأيام الماضية» after «بعدما» bounds the ongoing clashes too."""
    text = "وفي ريف درعا الشرقي، تتواصل اشتباكات عنيفة بعدما تمكنت قوات النظام خلال الأيام الماضية من التقدم."
    clash = _of(pipeline(text), "armed_clash")
    assert clash and clash[0].extra["date_basis"] == "clause"  # the stretch, not the report's two days
    # «الأيام الماضية» reaches the report's day (geo.dates, as «الساعات الماضية» does; the gold's reading)
    assert clash[0].date_last == PUB and (clash[0].date_last - clash[0].event_date).days >= 6


# ---------------------------------------------------------------- thirteenth round (events-13)


def test_the_day_an_offensive_began_weeks_ago_is_not_carried_to_the_next_sentences_news(pipeline):
    """«وبدأت تركيا في 20 كانون الثاني … هجوماً» then a taking told with no date: the taking is the report's news
    (its two days), not of 20 January (events._CARRY_MAX_DAYS; a0873, a1388, a0332 of the tuning splits)."""
    text = (
        "وبدأت القوات التركية في 20 أيار هجوما على منطقة عفرين. "
        "وقال المرصد إن القوات التركية سيطرت على بلدة جنديرس في ريف عفرين."
    )
    taking = _one(pipeline(text), "nsa_overtakes")
    assert (taking.event_date, taking.date_last) == (PUB - timedelta(days=1), PUB)


def test_a_sentence_pointing_back_keeps_the_earlier_day(pipeline):
    """«وقصفت قوات النظام في تلك الأيام بلدة طفس» after a sentence dated 19 April: the shelling is of that day;
    without «تلك الأيام» it would be the report's news."""
    text = _cue_row("carry_back")["example"]
    shelling = _one(pipeline(text), "shelling")
    assert shelling.event_date == date(2017, 4, 19)
    plain = _one(pipeline(text.replace(" في تلك الأيام", "")), "shelling")
    assert plain.event_date == PUB - timedelta(days=1)


def test_a_fight_by_a_river_is_not_placed_on_the_river(pipeline):
    """«هجوماً عنيفاً عند ضفاف نهر الفرات»: a river runs hundreds of kilometres; it is no place of an event
    (events._NO_EVENT_KINDS: 7 of 7 such events of the tuning splits matched no gold event)."""
    events = pipeline("وشن مسلحو تنظيم داعش هجوما عنيفا عند ضفاف نهر الفرات.")
    assert not [ev for ev in events if ev.place is not None and ev.place.kind in ("river", "lake")]
    sentence = "وشن مسلحو تنظيم داعش هجوما عنيفا على مدينة الميادين."
    assert _one(pipeline(sentence), "armed_clash").place.kind != "river"  # a town still places it


def test_an_entry_with_no_armed_side_named_is_no_advance(pipeline):
    """«وصول المفتشين إلى دوما», «قافلة مساعدات تابعة للأمم المتحدة … دخول مدينة دوما»: nobody armed moved."""
    for text in (
        "وأكد سفير سوريا في الأمم المتحدة، بشار الجعفري، وصول المفتشين، الخميس إلى دوما.",
        "ولم تتمكن قافلة مساعدات إنسانية تابعة للأمم المتحدة من دخول مدينة دوما.",
    ):
        assert not _of(pipeline(text), "advance"), text
    assert _one(pipeline("ودخلت قوات النظام مدينة دوما الخميس."), "advance").actor1 == "Syrian government"


def test_recently_with_no_date_is_some_day_of_the_week_before_the_report(pipeline):
    """«مؤخراً», «منذ أيام» and no date in the clause: [report − 7 days, report] (events._LATELY_DAYS), which
    holds the gold guide's «two days before» for «قبل أيام»; without them the report's two days."""
    for text in (
        "وأدت ضربات جوية مكثفة على إدلب مؤخرا إلى مقتل عشرات الأشخاص.",
        "وتستهدف قوات النظام منذ أيام بقصف مدفعي مناطق في ريف إدلب.",
    ):
        ev = next(ev for ev in pipeline(text) if ev.extra["type_key"] in ("air_strike", "shelling"))
        assert (ev.event_date, ev.date_last) == (PUB - timedelta(days=7), PUB), text
    plain = _one(pipeline("وقصفت قوات النظام مناطق في ريف إدلب."), "shelling")
    assert (plain.event_date, plain.date_last) == (PUB - timedelta(days=1), PUB)


def test_a_strike_with_barrel_bombs_is_the_governments_whatever_air_force_was_named_before(pipeline):
    """Barrel bombs and helicopters are the Syrian government's (cue «regime_air_weapons»); barrels joined by «و»
    to strikes told of another air force («الغارات الجوية والبراميل») leave those strikes' maker alone."""
    text = "وشنت الطائرات الروسية غارات على مدينة درعا. وقصفت الطائرات مدينة خان شيخون بالبراميل المتفجرة."
    strike = next(ev for ev in pipeline(text) if ev.place is not None and ev.place.name_en == "Khan Shaykhun")
    assert strike.actor1 == "Syrian government"
    first = next(ev for ev in pipeline(text) if ev.place is not None and ev.place.name_en == "Daraa")
    assert first.actor1 == "Russia"


def test_air_and_artillery_shelling_is_two_events_and_artillery_alone_is_shelling(pipeline):
    """«قصف جوي ومدفعي» tells an air strike and a shelling (cue «ground_words», now with the indefinite
    «ومدفعي»); «قصف مدفعي» is the guns' even where the story's last striker flies."""
    both = pipeline("وبدأت قوات النظام بقصف جوي ومدفعي كثيف على الغوطة الشرقية.")
    assert {"air_strike", "shelling"} <= {ev.extra["type_key"] for ev in both}
    text = "وشنت الطائرات الروسية غارات على مدينة درعا. وتزامن ذلك مع قصف مدفعي على بلدة طفس."
    at_tafas = {ev.extra["type_key"] for ev in pipeline(text) if ev.place is not None and ev.place.name_en == "Tafas"}
    assert at_tafas == {"shelling"}


def test_an_attack_launched_by_a_side_and_its_allies_on_a_day_is_that_days_clash(pipeline):
    """«وشنت تركيا وفصائل موالية لها في 20 كانون الثاني هجوماً»: «وفصائل» joins a second side to the subject,
    it opens no new clause between the launching verb and its attack noun."""
    text = "وشنت تركيا وفصائل موالية لها في 20 أيار هجوما ضد منطقة عفرين."
    clash = _one(pipeline(text), "armed_clash")
    assert (clash.actor1, clash.event_date) == ("Turkey", date(2017, 5, 20))


def test_the_fighters_named_after_a_withdrawal_masdar_are_who_withdrew(pipeline):
    """«دخلت قوات النظام … بعد انسحاب مقاتلي فصيل من المعارضة»: the side of the fighters after «انسحاب» left,
    not the subject of the clause before (events._fighters_of)."""
    text = "ودخلت قوات النظام بلدة حمورية بعد انسحاب مقاتلي فصيل من المعارضة من بلدة حمورية."
    events = pipeline(text)
    assert _one(events, "withdrawal").actor1 == "Syrian opposition"
    assert _one(events, "advance").actor1 == "Syrian government"


def test_the_goal_of_an_operation_is_no_event(pipeline):
    """«هدف العملية هو تطهير مدينة عفرين»: what an operation aims at (cue «intent», now with «هدف») is not told
    as done; «أعلنت قوات النظام تطهير بلدة مورك» still is."""
    assert not pipeline("وقال إن هدف العملية هو تطهير مدينة عفرين من المسلحين.")
    done = _one(pipeline("وأعلنت قوات النظام تطهير بلدة مورك من المسلحين."), "gov_regains")
    assert done.place.name_en == "Murak"


def test_qad_before_the_launching_verb_is_already_not_maybe(pipeline):
    """«قد شنت غارة» is «has launched a strike»: «قد» before the past launching verb of the attack noun, as
    before a past trigger; «قد تشن هجوماً» (may launch) is still no event."""
    strike = _one(pipeline("وقال إن الولايات المتحدة قد شنت غارة على مدينة الرقة."), "air_strike")
    assert (strike.actor1, strike.status) == ("United States", "happened")
    assert not _of(pipeline("وقالت مصادر إن قوات النظام قد تشن هجوماً على مدينة مورك."), "armed_clash")
    text = "وكان الجيش التركي وحلفاء له من المعارضة السورية قد أطلقوا عملية عسكرية قبل شهرين في مدينة عفرين."
    assert _one(pipeline(text), "armed_clash").actor1 == "Turkey"  # «وكان» too far back to say «already»


def test_a_side_told_after_sources_say_that_is_the_subject_not_the_source(pipeline):
    """«وقالت مصادر إن قوات النظام توغلت»: the side after «إن» is who pushed in; «مصادر في المعارضة» is a source."""
    ev = _one(pipeline("وقالت مصادر إن قوات النظام توغلت في مدينة مورك."), "advance")
    assert ev.actor1 == "Syrian government"


def test_units_of_a_side_after_a_fighters_noun_and_min_are_that_side_taking(pipeline):
    """«وسيطرت وحدات من الجيش السوري على …»: «من» after a fighters' noun is partitive, not the side the ground
    was taken from; «مصدر من القوات الموالية لدمشق» is a source, not the striker."""
    taking = _one(pipeline("وسيطرت وحدات من الجيش السوري على بلدة مورك."), "gov_regains")
    assert taking.actor1 == "Syrian government"
    text = "وأوضح مصدر من القوات الموالية لدمشق أن بعض الصواريخ استهدف مواقع في ريف دمشق."
    assert "Syrian government" not in {ev.actor1 for ev in pipeline(text)}


def test_an_operation_launched_on_a_day_is_that_days_clash_and_a_civil_one_is_none(pipeline):
    """«وأطلقت أنقرة في 20 كانون الثاني عملية "غصن الزيتون"»: «أطلق» reaches the operation past the date (cue
    «wage»); «أطلقت الأمم المتحدة … عملية تسجيل اللاجئين» is no operation of war (cue «civil_work»)."""
    clash = _one(pipeline('وأطلقت أنقرة في 20 أيار عملية "غصن الزيتون" في منطقة عفرين.'), "armed_clash")
    assert (clash.actor1, clash.event_date) == ("Turkey", date(2017, 5, 20))
    civil = "وأطلقت الأمم المتحدة في دمشق الأسبوع الماضي عملية تسجيل اللاجئين في دوما."
    assert not _of(pipeline(civil), "armed_clash")


def test_an_attack_whose_toll_is_its_outcome_was_made_and_the_attack_retold_makes_none(pipeline):
    """«أسفر هجوم لتنظيم الدولة على قرية الشبكي عن مقتل 20 شخصا» named no launching verb and made no event (cue
    «resulted»); «وأدى الهجوم على دوما إلى مقتل …», definite, points back to an attack told before (the chemical
    one) and makes no clash."""
    (clash,) = _of(pipeline("أسفر هجوم لتنظيم الدولة على قرية الشبكي عن مقتل 20 شخصا."), "armed_clash")
    assert (clash.actor1, clash.fatalities, clash.status) == ("Islamic State", 20, "happened")
    assert not _of(pipeline("وأدى الهجوم على دوما إلى مقتل عشرات الأشخاص."), "armed_clash")


def test_a_town_a_relative_clause_describes_is_the_town_last_told_not_the_city_it_is_near(pipeline):
    """«… من المدينة التي تعد آخر جيب للمعارضة قرب دمشق» (QA: Douma's evacuation drawn at Damascus) and «أجزاء
    واسعة من البلدة، التي …» after «بلدة راجو»: the settlement told before (cue «described_settlement»); the areas
    a relative clause names («المناطق التي تسيطر عليها الفصائل في الغوطة») stay where the clause puts them."""
    text = "واندلعت اشتباكات في بلدة راجو. وفرضت القوات التركية سيطرتها على أجزاء واسعة من البلدة التي تقع قرب عفرين."
    assert {e.place.name_ar for e in _of(pipeline(text), "nsa_overtakes")} == {"راجو"}
    areas = "وتشن القوات الحكومية السورية هجمات عنيفة على المناطق التي تسيطر عليها الفصائل المسلحة في الغوطة الشرقية."
    assert "الغوطة الشرقية" in {e.place.name_ar for e in pipeline(areas) if e.place}


def test_an_evacuation_told_by_a_military_source_is_a_handover_and_no_clash(pipeline):
    """«قال مصدر عسكري إن عملية إجلاء المسلحين … من مدينة دوما لا تزال مستمرة»: «عسكري» (the source's) beside
    «عملية» made a military operation, an armed clash at Douma; the work named after «عملية» (cue «civil_work»:
    «إجلاء», «خروج», «تبادل» …) is a deal's, and the evacuation, still going on, happened."""
    events = pipeline("قال مصدر عسكري إن عملية إجلاء المسلحين وعائلاتهم من مدينة دوما لا تزال مستمرة.")
    assert not _of(events, "armed_clash")
    (left,) = _of(events, "withdrawal")
    assert left.place.name_en == "Douma" and left.status == "happened"


# ---------------------------------------------------------------- thirteenth round (events, second part): QA13's classes


def test_a_side_that_lost_a_place_is_never_its_taker(pipeline):
    """«فقدت قوات النظام السيطرة على السخنة لصالح تنظيم الدولة» (QA13 Q23): the side after «لصالح» took it from
    the government; «خسرت قوات النظام السيطرة على …» with no gainer named is no taking at all (cue «lost»)."""
    taking = _one(pipeline(_cue_row("in_favour")["example"] + "."), "nsa_overtakes")
    assert (taking.actor1, taking.actor2) == ("Islamic State", "Syrian government")
    lost = pipeline("خسرت قوات النظام السيطرة على بلدة مورك.")
    assert not _of(lost, "gov_regains") and not _of(lost, "nsa_overtakes")
    assert _one(pipeline("فقد تمكنت قوات النظام من السيطرة على بلدة مورك."), "gov_regains")  # «فقد»: so


def test_an_offensive_a_side_intends_is_planned_as_one_it_prepares(pipeline):
    """«تعتزم قوات النظام شن هجوم على …» (QA13 Q9): planned, as «تستعد … لشن هجوم» (cue «preparing»)."""
    clash = _one(pipeline("تعتزم قوات النظام شن هجوم على مدينة مورك."), "armed_clash")
    assert (clash.actor1, clash.status) == ("Syrian government", "planned")


def test_shelling_that_stopped_is_no_shelling(pipeline):
    """«توقف القصف على مدينة دوما» (QA13 Q20): a lull (cue «ceased»); a shelling told is still one."""
    assert not _of(pipeline(_cue_row("ceased")["example"] + "."), "shelling")
    assert _one(pipeline("وتواصل القصف على مدينة دوما منذ صباح اليوم."), "shelling")


def test_an_intervention_is_no_entering(pipeline):
    """«بعد تدخل تركي في منطقة عفرين» (QA13 Q8): the noun تدخّل, no advance; «تدخل قوات النظام مدينة مورك»
    (she enters) still is one (cue «intervention»)."""
    for text in (_cue_row("intervention")["example"], "وحذرت دمشق من تدخل عسكري في مدينة مورك"):
        assert not _of(pipeline(text + "."), "advance")
    assert _one(pipeline("تدخل قوات النظام مدينة مورك."), "advance").actor1 == "Syrian government"


def test_a_side_that_says_its_own_forces_struck_is_the_striker(pipeline):
    """«أكدت روسيا أن قواتها قصفت …», «قالت تركيا إن طائراتها قصفت …» (QA13 Q4, Q11): the speaker is actor1, not
    actor2 (cue «own_forces»), and «طائراتها» are aircraft: an air strike."""
    strike = _one(pipeline(_cue_row("own_forces")["example"] + "."), "air_strike")
    assert (strike.actor1, strike.actor2) == ("Russia", "")
    strike = _one(pipeline("قالت تركيا إن طائراتها قصفت مواقع في مدينة مورك."), "air_strike")
    assert strike.actor1 == "Turkey"


def test_the_side_that_repelled_an_attack_is_its_target_not_its_maker(pipeline):
    """«أحبطت قوات النظام هجوماً لمسلحين على حاجز …» (QA13 Q21): the attacker is unnamed (actor1 empty), the
    government is actor2 and the attack failed; with the attacker named it is actor1, the defender actor2."""
    clash = _one(pipeline(_cue_row("defending")["example"] + "."), "armed_clash")
    assert (clash.actor1, clash.actor2, clash.status) == ("", "Syrian government", "failed")
    clash = _one(pipeline("صدت قوات النظام هجوماً لهيئة تحرير الشام على مدينة مورك."), "armed_clash")
    assert (clash.actor1, clash.actor2) == ("Hayat Tahrir al-Sham", "Syrian government")


def test_aircraft_named_after_a_targeting_verb_make_it_an_air_strike(pipeline):
    """«استهدفت طائرات حربية بلدة …», «استهدفت مروحيات النظام … بالبراميل المتفجرة» (QA13 Q2): aircraft as the
    subject after the verb (VSO) make «استهدف» a strike, the barrel bombs the government's."""
    assert _one(pipeline("استهدفت طائرات حربية مدينة مورك."), "air_strike").place.name_ar == "مورك"
    strike = _one(pipeline("استهدفت مروحيات النظام مدينة مورك بالبراميل المتفجرة."), "air_strike")
    assert strike.actor1 == "Syrian government"


def test_a_short_wire_on_syrian_towns_reads_bare_regime_as_the_government(pipeline):
    """«قصفت طائرات النظام بلدة …», «حرر الجيش مدينة …» with no «سوريا» written (QA13 Q12): the towns are
    Syrian, so the regime and the army are the government's: actor1, and the taking is kept."""
    assert _one(pipeline("قصفت طائرات النظام مدينة مورك."), "air_strike").actor1 == "Syrian government"
    assert _one(pipeline("حرر الجيش مدينة مورك من إرهابيي داعش."), "gov_regains").actor2 == "Islamic State"


def test_coming_out_to_deny_is_no_withdrawal_and_a_person_arriving_is_no_advance(pipeline):
    """«في حين خرج فصيل جيش الإسلام لينفي الاتفاق» (came out to deny; cue «came_out_to») is no second
    withdrawal; «ووصل إلى اسرائيل في 21 مايو/أيار 1960» (a person arriving, a0533) is no Israeli advance."""
    evs = pipeline(_cue_row("came_out_to")["example"] + ".")
    assert len(_of(evs, "withdrawal")) == 1
    assert not _of(pipeline("ووصل إلى اسرائيل في 21 أيار 1960 بعد القبض عليه في مدينة مورك."), "advance")
    assert _one(pipeline("ووصلت قوات النظام إلى مدينة مورك."), "advance").actor1 == "Syrian government"


def test_a_threat_is_no_strike(pipeline):
    """«توعد الرئيس الأمريكي دونالد ترامب، الأربعاء، باستهداف سوريا بصواريخ …، ردا على الهجوم الكيماوي على
    مدينة دوما» (the incidents engineer's a0918): threatened, no US strike at Douma (cue «threat»); and
    «الصواريخ يجب أن تستهدف الإرهابيين» is what should be struck (cue «must_after»)."""
    evs = pipeline(_cue_row("threat")["example"] + ".")
    assert not _of(evs, "air_strike") and not _of(evs, "shelling")
    evs = pipeline(_cue_row("must_after")["example"] + ".")
    assert not _of(evs, "air_strike") and not _of(evs, "shelling")
    assert _one(pipeline("وقصفت القوات الأمريكية مدينة دوما بالصواريخ."), "air_strike").actor1 == "United States"


def test_deaths_in_an_attack_tell_the_attack(pipeline):
    """«قتل عنصران من قوات النظام في هجوم لفصائل المعارضة على حاجز …» (QA13 Q5): the attack was made (no
    launching verb needed; cue «died_in»), by the opposition, on the government, 2 dead; the dead's side
    alone is the target, never the attacker; «وحذر من مقتل المئات في هجوم» is feared (cue «warn»)."""
    clash = _one(pipeline(_cue_row("died_in")["example"] + "."), "armed_clash")
    assert (clash.actor1, clash.actor2, clash.fatalities) == ("Syrian opposition", "Syrian government", 2)
    clash = _one(pipeline("قتل عنصران من قوات النظام في هجوم على حاجز قرب مدينة مورك."), "armed_clash")
    assert (clash.actor1, clash.actor2) == ("", "Syrian government")
    assert not _of(pipeline(_cue_row("warn")["example"] + "."), "armed_clash")


def test_a_taking_told_on_after_the_strongholds_of_a_side_is_not_that_sides(pipeline):
    """«سيطرت القوات الحكومية على مدينة دوما، آخر معاقل المعارضة …، لتكون بذلك قد سيطرت على كامل منطقة الغوطة
    الشرقية» (a1124, the incidents engineer's): the opposition holds the strongholds (cue «opponent_nouns»
    «معاقل»), the second taking is the government's too, not an opposition taking of Eastern Ghouta."""
    text = (
        "أعلنت وكالات أنباء روسية أن القوات الحكومية السورية سيطرت بشكل كامل على مدينة دوما، آخر معاقل "
        "المعارضة السورية المسلحة قرب دمشق، لتكون بذلك قد سيطرت على كامل منطقة الغوطة الشرقية."
    )
    evs = pipeline(text)
    assert not _of(evs, "nsa_overtakes")
    assert {e.place.name_ar for e in _of(evs, "gov_regains")} == {"دوما", "الغوطة الشرقية"}


def test_an_offensive_postponed_is_told_postponed(pipeline):
    """«أرجأت قوات النظام هجومها المرتقب على إدلب» (QA13 Q9): the attack noun with no launching verb is an
    offensive all the same, postponed (cue «postponed» before it)."""
    clash = _one(pipeline("أرجأت قوات النظام هجومها المرتقب على مدينة مورك."), "armed_clash")
    assert (clash.actor1, clash.status) == ("Syrian government", "postponed")


def test_missiles_fired_are_shelling_whoever_fires_them_but_missile_strikes_stay_air_strikes():
    # the gold guide (heldout9/10): «هجوم صاروخي» and «صواريخ … قصفت» are ACLED's missile sub-event, shelling,
    # even from Israel's side, which strikes from the air otherwise
    text = "شن الجيش الإسرائيلي، مساء الأربعاء، هجوما صاروخيا استهدف مواقع قوات النظام قرب القنيطرة."
    evs = _events(text, ["القنيطرة"])
    assert (_one(evs, "shelling").actor1, _of(evs, "air_strike")) == ("Israel", [])
    text = "قالت وسائل الإعلام الرسمية الأحد إن صواريخ إسرائيلية قصفت موقعا عسكريا قرب مدينة حلب."
    evs = _events(text, ["حلب"])
    assert (_one(evs, "shelling").actor1, _of(evs, "air_strike")) == ("Israel", [])
    text = "ونفذت طائرات إسرائيلية غارات جوية وصاروخية على مواقع قرب القنيطرة."  # aircraft: an air strike
    assert _one(_events(text, ["القنيطرة"]), "air_strike").actor1 == "Israel"
    text = "شنت الولايات المتحدة ضربات صاروخية على مواقع للنظام في دمشق."  # the strike noun keeps its type
    assert _one(_events(text, ["دمشق"]), "air_strike").actor1 == "United States"


def test_a_verb_in_plural_agreement_takes_the_side_named_before_it_not_the_targets_owner_after_it():
    text = "وأكد المرصد أن مقاتلين من تنظيم داعش هاجموا الأربعاء رتلا لقوات النظام قرب مدينة دير الزور."
    ev = _one(_events(text, ["دير الزور"]), "armed_clash")
    assert ev.actor1 == "Islamic State"
    text = "وهاجمت قوات النظام الأربعاء مواقع لتنظيم داعش قرب مدينة دير الزور."  # verb first: the side after
    assert _one(_events(text, ["دير الزور"]), "armed_clash").actor1 == "Syrian government"


def test_an_operation_waged_since_a_day_named_before_its_noun_runs_from_that_day():
    text = "وتشن قوات النظام منذ 19 حزيران عملية عسكرية واسعة في محافظة درعا بدعم من روسيا التي أبرمت في الأيام الأخيرة اتفاقات."
    pub = date(2018, 7, 6)
    spans = [
        _span(text, "19 حزيران", date(2018, 6, 19)),
        _span(text, "الأيام الأخيرة", date(2018, 6, 29), date(2018, 7, 6), 2),
    ]
    ev = _one(_events(text, ["درعا"], spans, published=pub), "armed_clash")
    assert (ev.event_date, ev.date_last) == (date(2018, 6, 19), pub)


def test_a_visit_by_a_named_side_abroad_is_talks_but_not_a_visit_inside_syria_or_by_nobody_named():
    text = "بحث المبعوث الروسي خلال زيارة مفاجئة إلى جنيف الثلاثاء التهديدات الغربية."
    ev = _one(_events(text, ["جنيف"]), "talks")
    assert (ev.actor1, ev.place.name_en) == ("Russia", "Geneva")
    text = "وقالت وزارة الدفاع الروسية إن خبراءها زاروا مستشفيات في دوما."  # an inspection, no venue of talks
    assert _of(_events(text, ["دوما"]), "talks") == []
    text = "واهتمت الصحف كذلك بالزيارة التي يجريها ولي العهد إلى جنيف."  # the visitor is no side of the war
    assert _of(_events(text, ["جنيف"]), "talks") == []
    text = "ولفت المتحدث إلى زيارة المبعوث الروسي إلى جنيف."  # a visit referred to, not told as a time
    assert _of(_events(text, ["جنيف"]), "talks") == []


def test_the_side_after_a_verb_whose_pronoun_is_the_attack_made_it_not_the_side_named_before():
    text = "وخسر جيش الإسلام مواقع عدة في دوما خلال المعارك العنيفة التي يشنها الجيش السوري."
    assert _one(_events(text, ["دوما"]), "armed_clash").actor1 == "Syrian government"
    text = "وخسر جيش الإسلام مواقع عدة في دوما خلال المعارك العنيفة."  # nobody named after: the side before
    assert _one(_events(text, ["دوما"]), "armed_clash").actor1 == "Syrian opposition"


def test_a_strike_told_with_no_place_goes_on_at_the_place_of_the_sentence_before_across_a_paragraph():
    text = "وقصفت قوات النظام مدينة درعا يوم الاثنين.\n\nوفي غضون ذلك، أسفرت غارات النظام المكثفة عن مقتل 13 مدنيا."
    strikes = _of(_events(text, ["درعا"]), "air_strike")
    assert [(e.place.name_en, e.geo_precision, e.extra["place_basis"]) for e in strikes] == [
        ("Daraa", 2, "discourse")
    ]
    text = "وقصفت قوات النظام مدينة درعا يوم الاثنين.\n\nوقال المرصد إن الوضع صعب.\n\nوأسفرت غارات النظام عن مقتل 13."
    assert _of(_events(text, ["درعا"]), "air_strike") == []  # a sentence between: no place to go on at


def test_a_deal_dated_by_a_bare_year_long_before_the_report_is_background():
    text = "ولا تزال الهدنة قائمة بموجب اتفاق وقف إطلاق النار الموقع في مدينة دمشق عام 2011."
    spans = [_span(text, "عام 2011", date(2011, 1, 1), date(2011, 12, 31), 3)]
    assert _of(_events(text, ["دمشق"], spans), "agreement") == []
    text = "ووقعت الحكومة اتفاق وقف إطلاق النار في مدينة دمشق عام 2017."  # the report's year: news
    spans = [_span(text, "عام 2017", date(2017, 1, 1), date(2017, 12, 31), 3)]
    assert _of(_events(text, ["دمشق"], spans), "agreement") != []


def test_a_strike_abroad_is_mapped_only_when_fired_from_syria():
    """Violent events abroad are not Syria's war (the gold leaves them out): Turkey's raids on the PKK in Sinjar,
    the Israeli air base a raid took off from; shells fired from Syria onto a Turkish town are (event_cues
    «from_syria», «from_syria_side»)."""
    names = ["كلس", "سنجار", "قاعدة رامون", "مطار التيفور"]
    for name in ("from_syria", "from_syria_side"):
        row = _cue_row(name)
        ev = _one(_events(row["example"], names), row["expect"]["event"])
        assert ev.place.name_ar == row["expect"]["place"]
    assert _events("وسقطت قذائف صاروخية على مدينة كلس التركية.", names) == []
    assert _events("وشنت الطائرات التركية غارات على مواقع حزب العمال الكردستاني في سنجار.", names) == []
    text = "وشنت 8 طائرات إسرائيلية انطلقت من قاعدة رامون غارات على مطار التيفور."
    assert [e.place.name_en for e in _events(text, names)] == ["Tiyas Air Base"]


def test_the_source_after_according_to_is_not_the_side_attacked(pipeline):
    """«بحسب/وفق X» names who tells the toll (event_cues «source»), not the second side (QA14 Q14)."""
    for source in ("بحسب وحدات حماية الشعب الكردية", "وفق ما أعلنت وحدات حماية الشعب"):
        text = f"قصفت قوات النظام بلدة عين العرب ما أدى إلى مقتل خمسة مدنيين {source}."
        ev = _one(pipeline(text), "shelling")
        assert (ev.actor1, ev.actor2) == ("Syrian government", "")


def test_the_event_answered_is_not_the_answering_sides(pipeline):
    """«… رداً على إطلاق نحو عشرين صاروخاً» (event_cues «response», up to _ANSWERED_REACH words before the
    trigger): the rockets answered were fired by the side the answer struck, not by the one answering (QA14 Q13)."""
    text = (
        "أعلن الجيش الإسرائيلي أنه قصف عشرات الأهداف الإيرانية في سوريا فجر اليوم الخميس، "
        "رداً على إطلاق نحو عشرين صاروخاً على مواقعه في هضبة الجولان."
    )
    golan = _one([e for e in pipeline(text) if e.place.name_en == "Golan Heights"], "shelling")
    assert (golan.actor1, golan.actor2) == ("Iran", "Israel")


def test_a_denial_of_any_attack_is_a_denied_event(pipeline):
    """«نفت … شن أي غارات»: «أي» after a verb of denying is its emphasis, no intent (event_cues «denied_any»);
    a masdar of the deed («تعرض», «التوصل») carries the denial past a long speaker and a day (denied_masdars),
    and an attack told by the nisba of a side that strikes from afar is a strike («هجوم إسرائيلي»)."""
    ev = _one(pipeline("ونفت روسيا شن أي غارات على بلدة اللطامنة."), "air_strike")
    assert (ev.actor1, ev.status) == ("Russia", "denied")
    ev = _one(pipeline("ونفى الجيش التركي شن أي هجوم على مدينة عفرين."), "armed_clash")
    assert (ev.actor1, ev.status) == ("Turkey", "denied")
    ev = _one(pipeline("ونفى مصدر عسكري سوري التوصل لأي اتفاق في دوما."), "agreement")
    assert ev.status == "denied"
    text = "نفى مصدر بالجيش السوري، مساء السبت، تعرض مطار المزة العسكري إلى هجوم إسرائيلي."
    ev = _one(pipeline(text), "air_strike")
    assert (ev.actor1, ev.status) == ("Israel", "denied")
    assert not pipeline("لم تشن روسيا أي غارات على بلدة اللطامنة.")  # negated, not denied


def test_an_attack_repelled_by_army_units_is_failed(pipeline):
    """SANA's «تصدت/أحبطت وحدات من الجيش العربي السوري لهجوم …»: the verb of failure stands a five-word subject
    before the attack word (_FAILURE_WINDOW): the attack failed, the army is the defender (actor2)."""
    text = "وتصدت وحدات من الجيش العربي السوري لهجوم شنه إرهابيون على مدينة مورك."
    ev = _one(pipeline(text), "armed_clash")
    assert (ev.status, ev.actor2) == ("failed", "Syrian government")
    ev = _one(pipeline("وأحبطت وحدات من الجيش العربي السوري هجوما لتنظيم داعش على مدينة تدمر."), "armed_clash")
    assert (ev.actor1, ev.actor2, ev.status) == ("Islamic State", "Syrian government", "failed")


def test_the_deal_whose_terms_name_the_place(pipeline):
    """A deal whose terms follow it («اتفاق يقضي بخروج … من دوما»; event_cues «terms_verbs») is the deal of the
    place its terms name, beside the withdrawal it provides for (planned)."""
    text = "توصلت السلطات السورية إلى اتفاق يقضي بخروج عناصر جيش الإسلام من دوما."
    events = pipeline(text)
    assert _one(events, "agreement").place.name_en == "Douma"
    assert _one(events, "withdrawal").status == "planned"


def test_the_sites_of_a_group_named_by_its_group_noun_are_the_opponents(pipeline):
    """«قصف مواقع فصيل هيئة تحرير الشام»: a group noun («فصيل», «تنظيم»; event_cues «group_nouns») between a
    noun of whose sites and the side's name keeps the side the one struck, not the one firing."""
    text = "وقالت سانا إن الجيش السوري قصف مواقع فصيل هيئة تحرير الشام في بلدة الحراك."
    ev = _one(pipeline(text), "shelling")
    assert (ev.actor1, ev.actor2) == ("Syrian government", "Hayat Tahrir al-Sham")


def test_a_region_that_suffers_an_attack_is_its_place(pipeline):
    """«وتتعرض الغوطة الشرقية لقصف»: a region named as the subject of «تعرض» (event_cues «suffered») is where
    the attack falls, as a region that witnesses it («تشهد الغوطة الشرقية قتالاً») is."""
    ev = _one(pipeline("وتتعرض الغوطة الشرقية لقصف تنفذه قوات النظام السوري."), "shelling")
    assert (ev.place.name_en, ev.actor1) == ("Eastern Ghouta", "Syrian government")


def test_attack_words_joined_by_and_share_the_date_told_after_them(pipeline):
    """«لقصف وغارات كثيفة … منذ 18 شباط», «لغارات جوية وقصف مدفعي … منذ 18 شباط»: attack words joined by «و»
    (an adjective between at most, _PAIRED_GAP) are dated by the span after the last of them, both since that day."""
    for text in (
        "وتتعرض الغوطة الشرقية لقصف وغارات كثيفة تنفذها قوات النظام السوري منذ 18 شباط.",
        "وتتعرض الغوطة الشرقية لغارات جوية وقصف مدفعي تنفذه قوات النظام منذ 18 شباط.",
    ):
        events = pipeline(text)
        assert {e.extra["type_key"] for e in events} == {"shelling", "air_strike"}
        assert {e.event_date for e in events} == {date(PUB.year, 2, 18)}, text


def test_the_means_of_an_aim_is_aimed_at_too(pipeline):
    """«وتحاول قوات النظام التقدم … عبر السيطرة على بلدة …»: a trigger right after «عبر» (event_cues «means»)
    following an intended one shares its mood, up to _MEANS_REACH words on: no taking told."""
    text = "وتحاول قوات النظام التقدم على محور ثان في ريف درعا الشرقي عبر السيطرة على بلدة بصر الحرير."
    assert not _of(pipeline(text), "gov_regains")
    ev = _one(pipeline("وسيطرت قوات النظام على بلدة بصر الحرير عبر محورين."), "gov_regains")
    assert ev.actor1 == "Syrian government"


def test_the_short_name_of_hts_is_no_liberation(pipeline):
    """«مقاتلي "تحرير الشام"»: the short name of Hayat Tahrir al-Sham (geo/rules/actors.jsonl) is a side, not
    «تحرير» (a taking) of al-Sham: no taking, and the side struck is HTS."""
    text = 'شنت قوات النظام غارات على بلدات منها بنش، فضلا عن نقاط تمركز مقاتلي "تحرير الشام" عند خطوط التماس.'
    events = pipeline(text)
    assert not _of(events, "gov_regains") and not _of(events, "nsa_overtakes")
    assert _one(events, "air_strike").actor2 == "Hayat Tahrir al-Sham"


def test_an_amount_reached_is_no_advance(pipeline):
    """«وما يصل إلى 3 ملايين مدني في إدلب»: a figure right after «يصل إلى» (event_cues «amounts», or digits) is an
    amount, no one arriving; «وصلت قوات النظام إلى مدينة إدلب» still is an advance."""
    text = "وقال إن من المهم التمييز بين الإرهابيين ومقاتلي المعارضة، وما يصل إلى 3 ملايين مدني في إدلب."
    assert not _of(pipeline(text), "advance")
    assert _one(pipeline("وصلت قوات النظام إلى مدينة إدلب."), "advance").actor1 == "Syrian government"


def test_a_name_is_no_trigger_read_off_a_clitic(pipeline):
    """«فيصل» is a name (event_cues «names_not_triggers»), not «ف» + «يصل» (arrives): no advance of the side
    named after it; a real arrival in the same sentence stays."""
    assert not _of(pipeline("وتخضع هاتين المنطقتين لسيطرة فيصل فيلق الرحمن جنوبي الغوطة الشرقية."), "advance")
    ev = _one(pipeline("وقال فيصل المقداد إن قوات النظام وصلت إلى مدينة حلب."), "advance")
    assert ev.actor1 == "Syrian government"


def test_a_side_launching_its_own_operations_is_fighting(pipeline):
    """«وبدأ الجيش السوري عملياته في الغوطة الشرقية»: an operation word with its possessive, launched by the side
    named just before it, is a military one with no «عسكرية» after it; the UN's operations are not."""
    ev = _one(pipeline("وبدأ الجيش السوري عملياته في الغوطة الشرقية."), "armed_clash")
    assert ev.actor1 == "Syrian government" and ev.place.name_en == "Eastern Ghouta"
    assert not _of(pipeline("بدأت الأمم المتحدة عملياتها الإنسانية في الغوطة الشرقية."), "armed_clash")


def test_a_second_attack_told_as_going_with_the_first_is_at_all_its_places(pipeline):
    """«لغارات جوية روسية، ترافقت مع قصف مدفعي»: the shelling is at every town of the strikes' list, and by the
    government (Russia's ground partner), not only at the first town."""
    evs = pipeline("وتعرضت بلدات نوى وطفس والمسيفرة لغارات جوية روسية، ترافقت مع قصف مدفعي عنيف.")
    assert {e.place.name_ar for e in _of(evs, "air_strike")} == {e.place.name_ar for e in _of(evs, "shelling")}
    assert len(_of(evs, "shelling")) == 3
    assert {e.actor1 for e in _of(evs, "shelling")} == {"Syrian government"}
    assert {e.actor1 for e in _of(evs, "air_strike")} == {"Russia"}


def test_an_event_told_days_before_another_is_dated_so(pipeline):
    """«أعلنت عنه دمشق الأحد بعد يومين من القصف»: told on Sunday 18 June, the shelling is two days before that
    Sunday, and the deal keeps its own day."""
    evs = pipeline("وأعلنت دمشق الأحد اتفاقا حول مدينة دوما بعد يومين من القصف العنيف.")
    assert _one(evs, "shelling").event_date == date(2017, 6, 16)
    assert _one(evs, "agreement").event_date == date(2017, 6, 18)


def test_a_deal_carried_out_is_at_the_place_it_is_carried_out(pipeline):
    """«دخلت حافلات إلى درعا … تنفيذا للاتفاق»: the «لـ» of the deal after «تنفيذا» is no purpose, and the deal is
    where the buses went; «وتتواصل عملية إجلاء المقاتلين منها بموجب اتفاق» is the deal of the town just told."""
    ev = _one(pipeline("دخلت حافلات عدة إلى مدينة درعا تنفيذا للاتفاق بين الحكومة السورية والفصائل."), "agreement")
    assert ev.place.name_en == "Daraa"
    text = "غادرت دفعة من المقاتلين مدينة دوما. وتتواصل عملية إجلاء المقاتلين منها، بموجب اتفاق أعلنت عنه دمشق."
    assert _one(pipeline(text), "agreement").place.name_en == "Douma"


def test_a_chemical_attack_dated_after_its_gas_and_place_is_dated(pipeline):
    """«باستخدام غاز السارين من مادة … على بلدة خان شيخون في شمال غرب سوريا في نيسان/أبريل 2017»: the date told
    past the gas's chemical name and the town struck is the attack's (April 2017), a year before the report."""
    text = (
        "كما يتهم النظام السوري باستخدام غاز السارين من مادة 'إيزوبروبانول' والذي تحظره منظمة حظر الأسلحة"
        " الكيميائية على بلدة خان شيخون في شمال غرب سوريا في نيسان/أبريل 2017، ما أوقع أكثر من 80 قتيلا."
    )
    ev = _one(pipeline(text), "chemical_weapon")
    assert ev.place.name_en == "Khan Shaykhun" and ev.event_date == date(2017, 4, 1) and ev.time_precision == 3


def test_the_side_weapons_were_handed_to_is_not_who_left(pipeline):
    """«سلم الفصيل أسلحته للقوات الروسية كما غادر قائده … دوما»: the side after «لـ» received the weapons; who
    left is the faction (the opposition, as no leaver is named), not Russia."""
    text = "وخرج مقاتلو المعارضة من الغوطة. وسلم الفصيل أسلحته الثقيلة للقوات الروسية كما غادر قائده الأربعاء مدينة دوما."
    evs = [e for e in _of(pipeline(text), "withdrawal") if e.place.name_en == "Douma"]
    assert evs and {e.actor1 for e in evs} == {"Syrian opposition"}


def test_a_summit_is_talks_at_its_venue_but_not_a_time_reference_or_a_blocs(pipeline):
    """«وانعقدت قمة بين رؤساء روسيا وتركيا وإيران في أنقرة»: a summit with a venue is talks there; «قبل ساعات من قمة
    حاسمة في طهران» only dates the strikes, and «قمة أوروبية في بروكسل» is a bloc's own."""
    ev = _one(pipeline("وانعقدت قمة بين رؤساء روسيا وتركيا وإيران في أنقرة يوم الأربعاء."), "talks")
    assert ev.place.name_en == "Ankara"
    assert not _of(pipeline("شنت الطائرات الروسية غارات على إدلب قبل ساعات من قمة حاسمة في طهران."), "talks")
    assert not _of(pipeline("وتنعقد قمة أوروبية في بروكسل الخميس لبحث الهجرة."), "talks")


# ---------------------------------------------------------------- issue 8 §4, round 2 (events-2b)


def test_a_summit_named_by_its_city_is_talks_there_not_that_states_deed(pipeline):
    """«بعد يوم من فشل "قمة طهران"»: the capital after the summit word is its venue and names its host (Iran), not
    Iran's government as a side in the sentence; the summit failed the day before."""
    text = 'وقتل خمسة مدنيين في غارات على إدلب السبت، بعد يوم من فشل "قمة طهران" التي جمعت رؤساء روسيا وإيران وتركيا.'
    ev = _one(pipeline(text), "talks")
    assert (ev.place.name_en, ev.status, ev.actor1) == ("Tehran", "failed", "Iran")
    assert find_actors("وانتهت قمة طهران دون اتفاق") == []


@pytest.mark.parametrize(
    "text",
    [
        "وشنت الولايات المتحدة وبريطانيا وفرنسا ضربات صاروخية على سوريا في أعقاب الهجوم الكيماوي على دوما.",
        "وشنت الولايات المتحدة ضربات على سوريا على خلفية الهجوم الكيميائي على مدينة دوما.",
        "وشنت الولايات المتحدة ضربات على سوريا بعد الهجوم الكيميائي على مدينة دوما.",
        "وشنت فرنسا غارات جوية على مواقع للحكومة في سوريا بعد اتهامات بشن هجوم كيمياوي على مدينة دوما.",
    ],
)
def test_the_attack_a_strike_answers_is_not_where_it_struck(text, pipeline):
    """The attack told after «في أعقاب», «على خلفية», «بعد الهجوم», «بعد اتهامات بشن هجوم» is the reason of the
    strikes, not their target: no air strike at Douma."""
    strikes = _of(pipeline(text), "air_strike")
    assert strikes and all(e.place.name_en != "Douma" for e in strikes)


def test_a_place_after_an_attack_told_for_itself_is_still_struck(pipeline):
    """«بعد الهجوم على مواقعها في حماة» after the place struck keeps that place; a strike at a base near a city is
    at the base."""
    ev = _one(pipeline("وقصفت قوات النظام بلدة مورك بعد الهجوم على مواقعها في حماة."), "shelling")
    assert ev.place.name_ar == "مورك"
    ev = _one(pipeline("وشنت إسرائيل غارات على مطار التيفور العسكري في ريف حمص الشرقي."), "air_strike")
    assert ev.place.kind in ("airport", "base") and ev.place.name_en != "Homs"


def test_an_operation_begun_against_a_side_is_fighting_dated_by_its_start(pipeline):
    """«في إطار عملية بدأت منذ نحو شهرين ضد وحدات حماية الشعب»: an operation of war, dated about two months
    before the report; «عملية بدأت أمس لتسجيل اللاجئين» is none."""
    text = "وسيطرت القوات التركية على مدينة عفرين في إطار عملية بدأت منذ نحو شهرين ضد وحدات حماية الشعب الكردية."
    ev = _one(pipeline(text), "armed_clash")
    assert (ev.actor1, ev.place.name_en) == ("Turkey", "Afrin")
    assert ev.event_date <= PUB - timedelta(days=60) <= ev.date_last
    assert not _of(pipeline("وقالت الأمم المتحدة إن عملية بدأت أمس لتسجيل اللاجئين في مدينة عفرين."), "armed_clash")


def test_a_ministry_that_says_is_the_speaker_not_the_striker(pipeline):
    """«وقالت وزارة الدفاع الروسية إن الصواريخ أطلقت من سفن أمريكية»: Russia tells, the United States fired
    («وزارة» is not «و» + «زارة»)."""
    text = "وقالت وزارة الدفاع الروسية إن الصواريخ أطلقت من سفن أمريكية على مدينة حمص."
    assert {e.actor1 for e in _of(pipeline(text), "air_strike")} == {"United States"}


def test_operations_stepped_up_are_fighting(pipeline):
    """«تصعد تركيا عملياتها في منطقة عفرين»: operations stepped up are fighting by the side that steps them up."""
    ev = _one(pipeline("تصعد تركيا عملياتها في منطقة عفرين ذات الغالبية الكردية في شمال سوريا."), "armed_clash")
    assert (ev.actor1, ev.place.name_en) == ("Turkey", "Afrin")


# ---------------------------------------------------------------- issue 8 §4 / issue 9 §1, round 3 (events-3)


@pytest.mark.parametrize(
    "text",
    [
        "وتزايدت المخاوف من مواجهة بين روسيا والولايات المتحدة في دوما.",
        "وتأتي هذه المعطيات لتنذر بمواجهة بين روسيا والولايات المتحدة في دوما.",
    ],
)
def test_a_feared_confrontation_is_planned_not_fought(text, pipeline):
    """«المخاوف من مواجهة», «تنذر بمواجهة»: a confrontation feared is no clash that happened (the gold codes
    the warned-of attack «planned»)."""
    assert {e.status for e in _of(pipeline(text), "armed_clash")} == {"planned"}


@pytest.mark.parametrize(
    "text",
    [
        "واتهم الكرملين واشنطن برفض مواجهة الواقع في دوما.",
        "ودخلت موسكو وواشنطن في معركة دبلوماسية في دوما.",
        "ووصف شامانوف الإخلاء بأنه إجراء عادي في ظل تهديدات الرئيس الأميركي بشن هجوم ضد قواعد الجيش السوري"
        " في حمص.",
    ],
)
def test_reality_faced_a_war_of_words_and_a_threat_are_no_clash(text, pipeline):
    assert not [e for e in _of(pipeline(text), "armed_clash") if e.status == "happened"]


def test_ships_leaving_a_port_give_no_ground(pipeline):
    """«سفنا عسكرية روسية غادرت ميناء طرطوس»: ships put to sea; fighters leaving still withdraw."""
    assert not _of(pipeline("وذكرت وسائل إعلام أن سفنا عسكرية روسية غادرت ميناء طرطوس."), "withdrawal")
    assert _of(pipeline("وذكرت وسائل إعلام أن مقاتلي المعارضة غادروا ميناء طرطوس."), "withdrawal")


def test_a_strike_talked_of_or_done_before_is_not_a_strike_that_happened(pipeline):
    text = "وقال ترامب إن قرارا وشيكا بشأن توجيه ضربة عسكرية لمطار المزة في دمشق سيصدر."
    assert {e.status for e in _of(pipeline(text), "air_strike")} == {"planned"}
    assert not _of(pipeline("وإسرائيل سبق أن قصفت مطار المزة في دمشق."), "air_strike")
    assert _of(pipeline("وإسرائيل قصفت مطار المزة في دمشق."), "air_strike")


def test_an_attack_made_by_missiles_is_one_missile_attack_by_its_maker_in_its_month(pipeline):
    """«شنت هجوما عسكريا ضد نظام الأسد بإطلاق 59 صاروخا … في أبريل/ نيسان عام 2017» (a1151): one shelling
    (missiles), by the United States (not the side after «ضد»), in April 2017 (not the report's days)."""
    text = (
        'وكانت الولايات المتحدة شنت هجوما عسكريا ضد نظام الأسد بإطلاق 59 صاروخا من طراز "توماهوك" على قاعدة'
        " الشعيرات الجوية السورية، في أبريل/ نيسان عام 2017، وذلك بعد 3 أيام من هجوم كيماوي."
    )
    evs = [e for e in pipeline(text) if e.extra["type_key"] != "chemical_weapon"]
    assert [(e.extra["type_key"], e.actor1, e.event_date, e.date_last) for e in evs] == [
        ("shelling", "United States", date(2017, 4, 1), date(2017, 4, 30))
    ]


def test_a_year_between_the_verb_and_the_strike_dates_it_not_a_later_day(pipeline):
    """«وكان ترامب شن العام الماضي ضربات … وحذر السبت» (a1224): the strikes of last year, not of Saturday."""
    text = (
        "وكان ترامب شن العام الماضي ضربات صاروخية ضد قاعدة الشعيرات التابعة للجيش السوري"
        " وحذر السبت من العواقب."
    )
    ev = _one(pipeline(text), "air_strike")
    assert (ev.event_date, ev.date_last) == (date(PUB.year - 1, 1, 1), date(PUB.year - 1, 12, 31))


def test_a_past_deed_on_a_yearless_day_after_the_report_is_of_the_year_before():
    """«وفي ليل السادس والسابع من أبريل، قصفت الولايات المتحدة …» in a report of 4 April 2018 (a0906): a deed
    told in the past cannot come after its report; it is 6–7 April 2017, still «happened»."""
    from geo import gazetteer
    from geo.pipeline import analyse

    text = "وفي ليل السادس والسابع من أبريل، قصفت الولايات المتحدة مطار الشعيرات العسكري في محافظة حمص."
    events = analyse(Article("a", text, date(2018, 4, 4)), gazetteer.load()).events
    ev = _one(events, "air_strike")
    assert (ev.status, ev.event_date, ev.date_last) == ("happened", date(2017, 4, 6), date(2017, 4, 7))


def test_the_attack_long_past_told_again_is_no_new_attack(pipeline):
    """Marie Colvin's death in Homs in 2012 (a0543): «الذي أصيب في القصف» later in the article is that
    attack, not a new one on the report's day; with no past attack told first it stays news."""
    said = " وقال المصور الذي أصيب في القصف إن الحكومة أمرت بقتل الصحفيين في كفرنبل."
    past = "وتعرضت بلدة كفرنبل للقصف في فبراير 2012." + said
    assert [e.event_date for e in pipeline(past) if e.extra["type_key"] == "shelling"] == [date(2012, 2, 1)]
    news = "وقصفت الطائرات بلدة كفرنبل." + said
    assert len(_of(pipeline(news), "shelling") + _of(pipeline(news), "air_strike")) == 2


def test_strikes_on_syria_stand_at_syria_and_a_borrowed_place_says_so(pipeline):
    """«الضربات على سوريا»: the country, told in the clause (precision 3); a strike told with no place of its
    own that takes the article's place records that basis (geo_precision 2)."""
    ev = _one(pipeline("وقالت واشنطن إن الضربات على سوريا كانت ناجحة."), "air_strike")
    assert (ev.place.kind, ev.place.country, ev.geo_precision) == ("country", "SY", 3)
    text = (
        "وقصفت قوات النظام مدينة دوما. وسقط قتلى في مدينة دوما. ونزح المدنيون من مدينة دوما."
        " وقال المرصد إن الغارات أوقعت عشرة قتلى."
    )
    borrowed = [e for e in _of(pipeline(text), "air_strike") if e.quote.startswith("وقال المرصد")]
    told = [(e.place.name_en, e.extra["place_basis"], e.geo_precision) for e in borrowed]
    assert told == [("Douma", "article", 2)]


def test_a_strike_awaited_is_planned_but_the_answer_to_a_strike_made_is_awaited(pipeline):
    """«يترقب العالم ضربة», «تجهز … لضربات»: planned; «وسط ترقب لرد إيراني على الغارة التي استهدفت»: the strike
    was made, the answer is what is awaited."""
    for text in (
        "ويترقب العالم ضربة أميركية على مطار المزة في دمشق.",
        "وتجهز قوى الغرب لضربات جوية على مطار المزة في دمشق.",
    ):
        assert {e.status for e in _of(pipeline(text), "air_strike")} == {"planned"}, text
    made = "ووسط ترقب لرد إيراني على الغارة التي استهدفت مطار التيفور العسكري."
    assert {e.status for e in _of(pipeline(made), "air_strike")} == {"happened"}


def test_a_strike_one_side_is_set_on_or_wavers_over_or_is_feared_is_planned(pipeline):
    """«مصممة على شن ضربات», «مترددين في توجيه ضربة», «استعدي للصواريخ», «تخوفا من ضربة»: spoken of in April 2018,
    before the strikes of the 14th, not struck; «تهديده بتوجيه ضربة»: a threat, no strike at all."""
    for text in (
        "الدول الغربية مصممة على شن ضربات عسكرية على مطار المزة في دمشق.",
        "ويبدو الغربيون مترددين في توجيه ضربة عسكرية لمطار المزة في دمشق.",
        "ترامب لروسيا: استعدي للصواريخ الذكية على مطار المزة في دمشق.",
        "وقرر طيران الشرق الأوسط تعديل مسار رحلاته تخوفا من ضربة أميركية على مطار المزة في دمشق.",
    ):
        assert {e.status for e in _of(pipeline(text), "air_strike")} == {"planned"}, text
    threat = "ويترقب العالم أن ينفذ ترامب تهديده بتوجيه ضربة عسكرية لمطار المزة في دمشق."
    assert _of(pipeline(threat), "air_strike") == []
    made = "وقصفت طائرات أميركية مطار المزة في دمشق بعد تهديدات دامت أسبوعاً."
    assert {e.status for e in _of(pipeline(made), "air_strike")} == {"happened"}


def test_raids_of_a_week_of_a_month_are_dated_over_that_week(pipeline):
    """«وقصفت الطائرات الحربية الغوطة الشرقية في الأسبوع الثاني من شهر حزيران الحالي»: the raids are of 8–14
    June (precision 2), not of 2 June («الثاني من شهر حزيران» read alone)."""
    text = "وقصفت الطائرات الحربية الغوطة الشرقية في الأسبوع الثاني من شهر حزيران الحالي."
    ev = _one(pipeline(text), "air_strike")
    assert ev.place.name_en == "Eastern Ghouta"
    assert (ev.event_date, ev.date_last, ev.time_precision) == (date(2017, 6, 8), date(2017, 6, 14), 2)


def test_a_day_before_however_does_not_date_the_deed_after_it(pipeline):
    """«اتخذ القرار في نهاية الأسبوع، إلا أن تركيا تقول إنه نظرا لأن قتال الإرهابيين معفي …»: the weekend dates
    the resolution; the fighting after «إلا أن» is of the report's days (heldout2's a0379)."""
    text = (
        "يذكر أن قرار مجلس الأمن الدولي اتخذ في نهاية الأسبوع، إلا أن تركيا تقول إنه نظرا لأن قتال الإرهابيين"
        " معفي من القرار، فإن أنقرة حرة في مواصلة هجومها ضد الإرهابيين الأكراد في عفرين."
    )
    ev = _one(pipeline(text), "armed_clash")
    assert ev.place.name_en == "Afrin" and ev.extra["date_basis"] == "report"
    assert (ev.event_date, ev.date_last) == (PUB - timedelta(days=1), PUB)


def test_a_year_in_a_relative_clause_after_the_deed_does_not_date_it(pipeline):
    """«دخلت مدينة درعا ورفعت العلم في المدينة التي شهدت مهد الاحتجاجات … عام 2011»: 2011 dates the relative
    clause on the city (heldout49's a0095), the entry is of the report's days; a deed told by a noun keeps the
    day of its own relative clause («الهجوم الذي شنته على منطقة عفرين في 20 كانون الثاني»)."""
    text = (
        "قال التلفزيون السوري إن القوات الحكومية دخلت مدينة درعا ورفعت العلم في المدينة التي شهدت مهد"
        " الاحتجاجات ضد الحكومة عام 2011."
    )
    entry = _one(pipeline(text), "advance")
    assert entry.place.name_en == "Daraa" and (entry.event_date, entry.date_last) == (PUB - timedelta(days=1), PUB)
    fight = _one(pipeline("وتواصل تركيا الهجوم الذي شنته على منطقة عفرين في 20 كانون الثاني."), "armed_clash")
    assert fight.event_date == date(2017, 1, 20)


def test_a_foreign_force_leaving_syria_is_a_withdrawal_at_the_country(pipeline):
    """«القوات الأمريكية ستغادر سوريا», «ستنسحب … من سوريا»: a withdrawal from the country itself, at Syria
    (precision 3), by the side that leaves; «انسحاب سوريا» from a union is Syria's own deed, no withdrawal."""
    for text in (
        "وقال الرئيس الأمريكي إن القوات الأمريكية ستغادر سوريا في القريب العاجل.",
        "وقال ماكين إن أمريكا ستنسحب بصورة سابقة لأوانها من سوريا.",
    ):
        ev = _one(pipeline(text), "withdrawal")
        assert (ev.place.kind, ev.place.country, ev.geo_precision) == ("country", "SY", 3), text
        assert ev.status == "planned", text
    leaver = _one(pipeline("وقال الرئيس الأمريكي إن القوات الأمريكية ستغادر سوريا قريبا."), "withdrawal")
    assert leaver.actor1 == "United States"
    demand = "وقال إنه لا يحق لأمريكا أن تقول على إيران وحزب الله أن يخرجوا من سوريا."
    assert not _of(pipeline(demand), "withdrawal")
    terms = "وتكشف الصحيفة عن مساع أمريكية جديدة تقضي بانسحاب إيراني كامل من سوريا."
    assert not _of(pipeline(terms), "withdrawal")
    quoted_we = "وقال إن رئيس الولايات المتحدة قال +سننسحب من سوريا قريبا جدا+ ثم قال آخرون +لا سنبقى+."
    assert not _of(pipeline(quoted_we), "withdrawal")
    union = "وفي أعقاب انسحاب سوريا وإعلان انهيار الوحدة مع مصر في سبتمبر 1961، عاد الحزب إلى العمل."
    assert not _of(pipeline(union), "withdrawal")


def test_a_withdrawal_from_it_is_at_the_towns_named_before_not_the_last_events(pipeline):
    """«… بلدات زملكا وعربين وعين ترما … بعد الانتهاء من إخراج الإرهابيين وعائلاتهم منها»: «منها» is the list of
    towns named just before, one withdrawal at each, not the place of the sentence's earlier evacuation."""
    text = (
        "وجاء إخراج المسلحين من مدينة دوما بعد إعلان الجيش بلدات زملكا وعربين وعين ترما خالية من المسلحين"
        " بعد الانتهاء من إخراج المسلحين وعائلاتهم منها إلى إدلب."
    )
    left = _of(pipeline(text), "withdrawal")
    second = {e.place.name_ar for e in left if e.extra["trigger_start"] > text.find("الانتهاء")}
    assert second == {"زملكا", "عربين", "عين ترما"}, second


def test_the_dead_of_a_region_tied_to_a_shelling_place_it_there(pipeline):
    """«ارتفعت حصيلة الضحايا في الغوطة الشرقية، جراء قصف», «الوضع في الغوطة الشرقية حيث قتل … في قصف»: the region
    whose dead the shelling made is its place; «حيث … يشن هجمات» with nobody dead places no attack there."""
    for text in (
        "ارتفعت حصيلة الضحايا في الغوطة الشرقية، جراء قصف قوات النظام السوري، إلى 36 قتيلاً.",
        "تابعت الصحف الوضع في الغوطة الشرقية قرب دمشق حيث قتل وجرح عشرات المدنيين في قصف لقوات النظام السوري.",
    ):
        ev = _one(pipeline(text), "shelling")
        assert (ev.place.name_ar, ev.actor1) == ("الغوطة الشرقية", "Syrian government"), text
    acts = "ويسيطر التنظيم على جيوب في محافظة دير الزور، حيث ظل يستخرج النفط ويبيعه، ويشن هجمات."
    assert not [e for e in pipeline(acts) if e.place and e.place.name_ar == "دير الزور" and e.extra["type_key"] == "armed_clash"]


def test_missiles_that_a_side_fired_are_fired_not_arms_owned(pipeline):
    """«موجات من الصواريخ التي أطلقتها الولايات المتحدة»: the firing verb with its object pronoun tells the missiles
    fired (a strike at the place that witnessed them); «تمتلك إيران صواريخ» stays arms owned."""
    text = "وفي صباح السبت، شهدت دمشق وحمص موجات من الصواريخ التي أطلقتها الولايات المتحدة وبريطانيا وفرنسا."
    told = {(e.extra["type_key"], e.place.name_ar, e.actor1) for e in pipeline(text) if e.place}
    assert ("air_strike", "حمص", "United States") in told, told
    assert not [e for e in pipeline("وتمتلك إيران صواريخ بعيدة المدى في سوريا.") if e.extra["type_key"] == "shelling"]
