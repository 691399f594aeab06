"""The types a bombing, a suicide attack, an assassination and a poison-gas attack are (geo/eventtypes.py, its
registry geo/rules/event_types.jsonl and the «mark» rows of geo/rules/event_triggers.jsonl), as a user reads
them: the type, who did it and who was hit, the ACLED columns of the export, the map's legend."""

from __future__ import annotations

from datetime import date

import pytest

from geo import eventtypes, export, mapview, morph
from geo.incidents import group_incidents
from geo.model import EVENT_TYPES, Article
from geo.text import normalize

STAMP = 1_700_000_000


@pytest.fixture(scope="module")
def analyse():
    from geo import gazetteer
    from geo.pipeline import analyse as run

    gaz = gazetteer.load()
    return lambda text: run(Article("types", text, date(2018, 5, 1)), gaz).events


def _one(events, key: str):
    (ev,) = [e for e in events if e.extra["type_key"] == key]
    return ev


@pytest.mark.parametrize(
    "row", [r for r in eventtypes.read_jsonl(eventtypes.TRIGGERS_PATH) if "mark" in r], ids=lambda r: r["mark"]
)
def test_mark_row(row, analyse):
    """A mark is no trigger of its own: it makes the attack its example tells of that type."""
    assert not eventtypes.mark_forms(row) & frozenset().union(*eventtypes.trigger_forms().values())
    words, forms = normalize(row["example"]).split(), eventtypes.mark_forms(row)
    phrases = frozenset(tuple(f.split()) for f in forms if " " in f)
    assert morph.bare(words) & forms or eventtypes._has_phrase(words, phrases)
    assert row["type"] in {e.extra["type_key"] for e in analyse(row["example"])}


def test_every_narrower_type_acts_as_a_kind_with_triggers_and_has_words_of_its_own():
    kinds = set(eventtypes.trigger_forms())
    for t, words, phrases in eventtypes._narrowers():
        assert eventtypes.machine_kind(t.key) in kinds | {t.key}
        assert set(t.narrows) <= set(EVENT_TYPES) and (words or phrases), t.key
        assert set(t.absorbs) <= set(EVENT_TYPES), t.key


def test_a_wave_of_suicide_attacks_is_a_suicide_bombing_with_its_maker_and_its_dead(analyse):
    ev = _one(
        analyse("قتل أكثر من 200 شخص في سلسلة هجمات انتحارية نفذها تنظيم الدولة في مدينة السويداء"),
        "suicide_bomb",
    )
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert (ev.place.name_en, ev.actor1, ev.fatalities) == ("As Suwaydah", "Islamic State", 200)


def test_a_car_bomb_driven_by_a_bomber_is_one_suicide_bombing(analyse):
    evs = analyse("انفجرت سيارة مفخخة يقودها انتحاري في مدينة اعزاز")
    assert [e.extra["type_key"] for e in evs] == ["suicide_bomb"]


def test_the_side_whose_car_a_bomb_hit_is_its_target_and_nobody_set_it_off(analyse):
    ev = _one(analyse("انفجرت عبوة ناسفة بسيارة تابعة لقسد في مدينة الرقة"), "remote_explosive")
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == ("Remote explosive/landmine/IED", "", "SDF")


def test_an_unclaimed_bomb_takes_no_maker_from_the_sentence_before(analyse):
    evs = analyse("وقصفت قوات النظام الرقة. انفجرت سيارة مفخخة أمس في مدينة مورك، ما أدى إلى مقتل ثمانية أشخاص.")
    ev = _one(evs, "remote_explosive")
    assert (ev.place.name_en, ev.actor1, ev.fatalities) == ("Murak", "", 8)
    assert _one(evs, "shelling").actor1 == "Syrian government"


def test_an_assassination_is_an_attack_on_civilians(analyse):
    ev = _one(analyse("اغتال مسلحون مجهولون رئيس بلدية مدينة درعا"), "civilian_attack")
    assert (ev.event_type, ev.sub_event_type, ev.actor1) == ("Violence against civilians", "Attack", "")


def test_an_assassination_by_a_bomb_is_one_bombing_laid_at_the_side_that_claims_it(analyse):
    text = (
        "اغتيل مدير مركز البحوث في مدينة مصياف بتفجير عبوة ناسفة استهدف سيارته. "
        "وأعلنت هيئة تحرير الشام مسؤوليتها عن الهجوم."
    )
    evs = analyse(text)
    assert [(e.extra["type_key"], e.actor1) for e in evs] == [("remote_explosive", "Hayat Tahrir al-Sham")]


def test_the_fighters_a_car_bomb_killed_are_its_target_not_its_maker(analyse):
    ev = _one(analyse("قتل 12 مقاتلا من قوات النظام جراء انفجار سيارة مفخخة في مدينة درعا"), "remote_explosive")
    assert (ev.actor1, ev.actor2, ev.fatalities) == ("", "Syrian government", 12)


def test_who_blows_himself_up_is_a_suicide_bomber_but_not_at_the_same_time(analyse):
    evs = analyse("ثلاثة مسلحين فجروا أنفسهم بأحزمة ناسفة في مدينة السويداء")
    assert {e.extra["type_key"] for e in evs} == {"suicide_bomb"}
    evs = analyse("وفي الوقت نفسه انفجرت سيارة مفخخة في مدينة السويداء")
    assert {e.extra["type_key"] for e in evs} == {"remote_explosive"}


@pytest.mark.parametrize(
    "text",
    ["قصفت قوات النظام مدينة دوما بغاز الكلور", "قصفت طائرات النظام بلدة اللطامنة بغاز السارين"],
)
def test_a_shelling_with_poison_gas_is_a_chemical_attack_not_a_shelling(text, analyse):
    types = {e.extra["type_key"] for e in analyse(text)}
    assert "chemical_weapon" in types and "shelling" not in types and "air_strike" not in types


def test_plain_shelling_and_clashes_keep_their_types(analyse):
    assert {e.extra["type_key"] for e in analyse("قصفت قوات النظام مدينة دوما بقذائف المدفعية")} == {"shelling"}
    text = "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في مورك"
    assert {e.extra["type_key"] for e in analyse(text)} == {"armed_clash"}


def test_the_export_gives_acleds_pairs_disorder_and_inter_codes(analyse):
    bomb = analyse("انفجرت عبوة ناسفة بسيارة تابعة لقسد في مدينة الرقة")
    (row,) = export.export_rows(bomb, STAMP)
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED",
    )  # fmt: skip
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == ("", "", "SDF", "Rebel group")
    (row,) = export.export_rows(analyse("اغتال مسلحون مجهولون رئيس بلدية مدينة درعا"), STAMP)
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence", "Violence against civilians", "Attack",
    )  # fmt: skip
    assert (row["inter2"], row["civilian_targeting"]) == ("Civilians", "Civilian targeting")


def test_the_legend_shows_a_new_type_only_when_it_is_drawn(analyse):
    bomb = analyse("فجر انتحاري نفسه في سوق مدينة اعزاز")
    clash = analyse("اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في مورك")
    label_ar, label_en = eventtypes.labels()["suicide_bomb"]
    for events, shown in ((bomb + clash, True), (clash, False)):
        what = mapview.drawn(group_incidents(events), [], None, False)
        for language, label in (("ar", label_ar), ("en", label_en)):
            assert (label in mapview.legend_html(language, [], what.types, what)) is shown
    assert mapview.type_colour("suicide_bomb") == eventtypes.colours()["suicide_bomb"]


def test_a_suicide_attack_told_is_one_and_its_target_is_no_maker(analyse):
    ev = _one(analyse("قتل 14 مقاتلا من قوات النظام في هجوم انتحاري في مدينة درعا"), "suicide_bomb")
    assert (ev.actor1, ev.actor2, ev.fatalities) == ("", "Syrian government", 14)
    ev = _one(analyse("ضرب تفجير انتحاري يستهدف قوات النظام مدينة درعا"), "suicide_bomb")
    assert (ev.actor1, ev.actor2) == ("", "Syrian government")


def test_suicide_attacks_spoken_of_in_general_are_no_event(analyse):
    assert not analyse("ويعتمد التنظيم على الانتحاريين في معاركه في مدينة درعا")
    assert not analyse("وتتهيأ قوات النظام للرد على العمليات الانتحارية في مدينة درعا")


@pytest.mark.parametrize(
    ("text", "key", "target"),
    [
        ("استهدف هجوم انتحاري حاجزا لقوات النظام في درعا", "suicide_bomb", "Syrian government"),
        ("انفجرت عبوة ناسفة بدورية للجيش التركي في عفرين", "remote_explosive", "Turkey"),
    ],
)
def test_the_side_whose_post_or_patrol_a_bomb_hit_is_its_target_not_its_maker(text, key, target, analyse):
    ev = _one(analyse(text), key)
    assert (ev.actor1, ev.actor2) == ("", target)


def test_a_bomber_and_his_car_bomb_are_one_bombing_of_the_post_he_hit(analyse):
    events = analyse("فجر انتحاري سيارته المفخخة عند حاجز لقوات النظام في درعا")
    (ev,) = [e for e in events if e.extra["type_key"] in eventtypes.claimed_only()]
    assert (ev.extra["type_key"], ev.actor1, ev.actor2) == ("suicide_bomb", "", "Syrian government")


def test_one_bombing_told_by_two_words_keeps_the_maker_and_the_target_each_names():
    from dataclasses import replace

    from geo.model import Event

    base = [e for e in _seed_events() if e.extra["type_key"] == "suicide_bomb"][0]
    named = replace(base, actor1="Islamic State", actor2="")
    hit = replace(base, actor1="", actor2="Syrian government")
    (ev,) = eventtypes.one_per_happening([hit, named])
    assert isinstance(ev, Event) and (ev.actor1, ev.actor2) == ("Islamic State", "Syrian government")


def _seed_events():
    from geo import gazetteer
    from geo.pipeline import analyse as run

    text = "فجر انتحاري من تنظيم الدولة نفسه في مدينة درعا"
    return run(Article("seed", text, date(2018, 5, 1)), gazetteer.load()).events


def test_a_shelling_with_chlorine_told_far_after_the_verb_is_one_chemical_attack(analyse):
    events = analyse("قصفت قوات النظام دوما بقذائف تحمل غاز الكلور في 7 يونيو")
    assert [(e.extra["type_key"], e.actor1) for e in events] == [("chemical_weapon", "Syrian government")]


def test_a_nerve_gas_shelling_of_listed_towns_is_a_chemical_attack_at_each_and_a_later_gas_is_not_the_strikes(analyse):
    """«قصفت … بلدات المعضمية وزملكا وجوبر بغاز الأعصاب» (a mark row; the gas past a list of three towns, within the
    type's window): a chemical attack at each town, as a shelling would be; «قصفت سوريا قبل التأكد من استخدام غاز
    السارين»: the gas after «قبل» belongs to another happening (cue «narrow_stops»), the strike stays a strike."""
    events = analyse("وقصفت قوات النظام بلدات المعضمية وزملكا وجوبر بغاز الأعصاب في آب 2013.")
    assert {e.extra["type_key"] for e in events} == {"chemical_weapon"}
    assert len({e.place.place_id for e in events}) == 3
    strike = analyse("وقالت المصادر إن الطائرات الأمريكية قصفت مطار الشعيرات قبل التأكد من استخدام غاز السارين.")
    assert "chemical_weapon" not in {e.extra["type_key"] for e in strike}


@pytest.mark.parametrize(
    ("text", "key", "victims"),
    [
        ("اغتال مسلحون مجهولون قياديا في هيئة تحرير الشام في إدلب", "armed_clash", "Hayat Tahrir al-Sham"),
        ("اغتال مسلحون مجهولون عنصرا من قوات النظام في درعا", "armed_clash", "Syrian government"),
        ("اغتيل القيادي البارز في هيئة تحرير الشام بتفجير عبوة ناسفة في إدلب", "remote_explosive",
         "Hayat Tahrir al-Sham"),
    ],
)
def test_a_side_s_man_assassinated_is_no_attack_on_civilians_and_his_side_is_the_target(
    text, key, victims, analyse
):
    events = analyse(text)
    assert "civilian_attack" not in {e.extra["type_key"] for e in events}
    ev = _one(events, key)
    assert (ev.actor1, ev.actor2) == ("", victims)


def test_a_civilian_assassinated_is_still_an_attack_on_civilians(analyse):
    ev = _one(analyse("اغتال مسلحون مجهولون مدنيا في مدينة إدلب"), "civilian_attack")
    assert ev.event_type == "Violence against civilians"


def test_a_bombing_s_toll_told_paragraphs_later_is_its_own(analyse):
    text = (
        "انفجرت سيارة مفخخة في مدينة إعزاز في ريف حلب الشمالي. وقال المرصد السوري لحقوق الإنسان إن الانفجار"
        " وقع قرب سوق شعبي.\n\nوأعلنت السلطات المحلية الحداد.\n\nوكان التفجير قد أسفر عن مقتل 12 شخصا على الأقل."
    )
    assert _one(analyse(text), "remote_explosive").fatalities == 12


@pytest.mark.parametrize(("key", "family"), [("suicide_bomb", "remote"), ("remote_explosive", "remote"),
                                             ("civilian_attack", "civilian")])
def test_a_bombing_groups_with_strikes_and_an_attack_on_civilians_on_its_own(key, family):
    from geo import incidents

    assert incidents.family_of(key).name == family
