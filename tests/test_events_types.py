"""Events whose type the press tells by a construction (issue 8 §4: the «wrong type» misses), through the pipeline."""

from datetime import date

import pytest

from geo.model import Article

PUB = date(2018, 8, 1)


@pytest.fixture(scope="module")
def pipeline():
    from geo import gazetteer
    from geo.pipeline import analyse

    gaz = gazetteer.load()
    return lambda text: analyse(Article("types", text, PUB), gaz).events


def _told(events) -> set[tuple[str, str, str]]:
    return {(e.extra["type_key"], e.actor1, e.place.name_ar if e.place else "") for e in events}


def test_fighters_moved_out_under_a_deal_withdraw_from_where_they_were(pipeline):
    """«بموجب اتفاق تسوية …، قام النظام السوري بنقل مسلحي داعش … من حوض اليرموك … باتجاه بادية السويداء»:
    the men moved withdraw (by their own side, not the one that moves them) from the basin, not from where
    they go; the deal the sentence opens with is the basin's."""
    text = (
        "بموجب اتفاق تسوية معلن بين الجانبين، قام النظام السوري بنقل مسلحي داعش وعائلاتهم من منطقة حوض"
        " اليرموك في محافظة درعا باتجاه بادية السويداء."
    )
    told = _told(pipeline(text))
    assert ("withdrawal", "Islamic State", "حوض اليرموك") in told
    assert not {t for t in told if t[0] == "withdrawal" and t[2] != "حوض اليرموك"}
    assert any(t[0] == "agreement" and t[2] == "حوض اليرموك" for t in told)


def test_news_passed_on_or_the_wounded_moved_are_no_withdrawal(pipeline):
    """«نقلت وسائل إعلام … أن القوات … ستبدأ دخول عفرين»: the reporting verb moves nobody, and the entry it
    reports is still an advance; «نقل الجرحى» moves no fighters."""
    evs = pipeline("وتحدث الزعيمان فيما نقلت وسائل إعلام سورية رسمية أن القوات الموالية للحكومة السورية ستبدأ دخول عفرين.")
    assert {e.extra["type_key"] for e in evs} == {"advance"}
    assert not [e for e in pipeline("وتم نقل الجرحى من مدينة دوما إلى المستشفيات.") if e.extra["type_key"] == "withdrawal"]


def test_a_shelling_by_barrel_bombs_is_the_governments_air_strike(pipeline):
    """«تعرضت البلدة لقصف سوري بأكثر من 20 برميلا متفجرا»: barrels are dropped from helicopters, an air strike by
    the government; shells and rockets with barrels beside them («بعشرات الصواريخ والبراميل») stay a shelling."""
    text = "وتعرضت مدينة دوما لقصف سوري بأكثر من 20 برميلا متفجرا خلال الساعات الأخيرة."
    assert _told(pipeline(text)) == {("air_strike", "Syrian government", "دوما")}
    text = "وقصفت قوات النظام السوري بعشرات الصواريخ والبراميل المتفجرة مدينة دوما."
    assert "shelling" in {t[0] for t in _told(pipeline(text))}


def test_forces_that_came_to_hold_a_place_took_it_though_a_day_and_a_source_stand_between(pipeline):
    """«وباتت قوات النظام الأحد، بحسب المرصد السوري، تسيطر على مدينة دوما»: «بات … يسيطر» is a taking, the
    day and the source told between the verb and its «يسيطر» notwithstanding."""
    text = "وباتت قوات النظام الأحد، بحسب المرصد السوري، تسيطر على مدينة دوما."
    assert ("gov_regains", "Syrian government", "دوما") in _told(pipeline(text))


def test_an_area_cut_into_pockets_is_an_advance_but_a_partition_talked_of_or_a_river_is_not(pipeline):
    """«وتمكنت القوات الحكومية من تقسيم الغوطة إلى 3 مناطق محاصرة»: the army's advance at the Ghouta (not a
    taking of it); «محاولات تقسيم سوريا إلى مناطق نفوذ» and «نهر الفرات الذي يقسم المحافظة إلى قسمين» are none."""
    text = "وتمكنت القوات الحكومية من تقسيم الغوطة إلى 3 مناطق محاصرة."
    assert _told(pipeline(text)) == {("advance", "Syrian government", "الغوطة الشرقية")}
    assert not pipeline("وحذر لافروف من محاولات تقسيم سوريا إلى مناطق نفوذ.")
    assert not pipeline("ويقع نهر الفرات الذي يقسم محافظة دير الزور إلى قسمين.")


def test_not_the_first_time_tells_earlier_times_and_no_event(pipeline):
    """«وليست هذه المرة الأولى التي تهاجم فيها طائرات … قاعدة حميميم»: earlier times, none dated, no event;
    «للمرة الأولى» tells one."""
    habit = "وليست هذه المرة الأولى التي تهاجم فيها طائرات بدون طيار قاعدة حميميم الجوية."
    assert _told(pipeline(habit)) == set()
    once = "وقصفت الطائرات الإسرائيلية للمرة الأولى مطار المزة في دمشق."
    assert {(t[0], t[1]) for t in _told(pipeline(once))} == {("air_strike", "Israel")}
