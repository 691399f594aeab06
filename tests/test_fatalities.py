"""Death counts a user can add up (issue 8 §4, QA11 N10 and N7): ACLED codes a day's event with that day's
dead, so a campaign's or a period's toll goes on no event, a toll told of another happening goes not on
this one, and duals and listed person nouns count. Sentences from QA11 and the tuning corpus, through the
real pipeline (gazetteer, geoparser, dates, actors, events)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.fatalities import fatality_counts
from geo.model import Article
from geo.text import normalize

PUBLISHED = date(2018, 4, 15)


@pytest.fixture(scope="module")
def events():
    from geo import gazetteer
    from geo.pipeline import analyse

    gaz = gazetteer.load()
    return lambda text: analyse(Article("f", text, PUBLISHED), gaz).events


def _dead(text: str) -> list[int]:
    return [n for _, n in fatality_counts(normalize(text))]


# ---------------------------------------------------------------- N10: tolls over a period or a campaign


@pytest.mark.parametrize(
    "text",
    [
        "وكانت القوات السورية قد أعلنت السبت الماضي استعادة السيطرة بالكامل على الغوطة الشرقية قرب دمشق بعد"
        " عملية عسكرية استمرت نحو شهرين وأسفرت عن مقتل 1700 مدني بحسب المرصد.",
        "وتتهم جماعات حقوق الإنسان قوات الأسد الجوية باستهداف المدنيين والمستشفيات في الغوطة، في وقت أحصت فيه"
        " المعارضة 2000 قتيل خلال حوال شهرين من القتال.",
        "ومنذ بدء قوات النظام تصعيدها على الغوطة الشرقية في 18 فبراير الذي تسبب بمقتل 1160 مدنياً، لم تسلم"
        " المرافق الطبية ولا الطواقم من القصف.",
        "وتشن قوات النظام منذ 18 شباط/فبراير حملة عنيفة على مناطق سيطرة الفصائل المعارضة في الغوطة الشرقية،"
        " يتخللها قصف جوي وصاروخي ومدفعي كثيف، مما تسبب بمقتل أكثر من 860 مدنياً بينهم أكثر من 180 طفلاً،"
        " وفق آخر حصيلة أوردها المرصد.",
        "وقتل 568 شخصا على الأقل في الهجمات الجوية وهجمات المدفعية على الغوطة الشرقية في الأيام التسعة الماضية،"
        " حسبما قال المرصد السوري لحقوق الإنسان.",
        "وتسبب القتال الدائر في المنطقة في مقتل أكثر من 700 شخص في الأسابيع الأخيرة، العديد منهم أطفالا.",
        "وأدى القصف، الذي بدأ في 18 من فبراير/ شباط الماضي، إلى مقتل 1600 مدني وتدمير المنطقة.",
        "وقتل 86 مقاتلا من قوات النظام السوري، خلال أسبوع واحد، شهد هجمات مضادة لتنظيم داعش في جنوب دمشق.",
        "وخسر النظام السوري وحلفاؤه، 260 قتيلا، خلال 30 يوماً من المعارك في بادية البوكمال وجنوب العاصمة دمشق.",
    ],
)
def test_a_toll_over_a_period_or_a_campaign_is_no_event_s_count(text, events):
    """QA11 N10: 14 incidents held 18,113 of the 24,471 dead of the CSV; a campaign's toll is nobody's."""
    assert _dead(text) == []
    assert [e.fatalities for e in events(text) if e.fatalities] == []


def test_a_word_of_one_day_nearer_the_count_keeps_it():
    assert _dead("قتل 5 مدنيين منذ صباح اليوم في قصف على اللطامنة") == [5]
    text = "أعلنت مصادر طبية في دوما، السبت، مقتل 47 شخصا بهجوم شنه النظام، وسط تصعيد من دمشق."
    assert _dead(text) == [47]
    text = "وفي جنوب دمشق، قتل 22 مقاتلا مواليا للنظام، الخميس، في هجمات مفاجئة خلال سنوات النزاع."
    assert _dead(text) == [22]


def test_what_only_looks_like_a_period_keeps_the_count():
    """«قبل أيام» is a date, «طوال اليوم» one day, «الأعنف منذ» a comparison, «مقارنة بالأيام» too."""
    assert _dead("قتل 12 مدنياً في غارة على اللطامنة قبل أيام") == [12]
    text = "طائرات حربية تستهدف طوال اليوم الجيب في ريف درعا ما أسفر عن مقتل 26 مدنياً"
    assert _dead(text) == [26]
    text = "في هجمات متزامنة أسفرت عن مقتل أكثر من 260 شخصاً، في اعتداء هو الأكثر دموية يطال الأقلية منذ بداية النزاع"
    assert _dead(text) == [260]
    text = "كان القصف أقل كثافة الأحد، مقارنة بالأيام السابقة، لكن 14 شخصا قتلوا جراءه."
    assert _dead(text) == [14]
    text = (
        "وأعلنت الوحدات مقتل ثلاثة أجانب في صفوفها، هما الفرنسي أوليفييه (41 عاما) والإسباني سامويل (25 عاما)"
    )
    assert _dead(text) == [3]  # ages, not a period


def test_a_running_toll_takes_the_mark_not_the_day_s_count_before_it():
    text = (
        "وأسفر القصف الجوي والمعارك الجارية في منطقة طفس الواقعة في شمال غرب المحافظة عن سقوط عشرة قتلى في صفوف"
        " الفصائل المسلحة، مقابل سبعة في صفوف قوات النظام، حسب مدير المرصد ليرتفع بذلك إلى 117 عدد قتلى القوات"
        " الموالية للنظام منذ التاسع من الشهر"
    )
    assert _dead(text) == [10]


# ---------------------------------------------------------------- N10: a toll told of another happening


def test_the_douma_toll_is_not_the_western_strikes(events):
    text = (
        "وكانت الولايات المتحدة وفرنسا وبريطانيا قصفت في 14 أبريل ثلاثة مواقع سورية بينها مركز أبحاث في دمشق"
        " ردا على هجوم كيميائي مفترض في دوما أوقع أكثر من أربعين قتيلا."
    )
    strikes = [e for e in events(text) if e.extra["type_key"] == "air_strike"]
    assert strikes and all(e.fatalities == 0 for e in strikes)


def test_a_strike_only_expected_has_no_dead(events):
    text = (
        "وتتوقع أوساط قيام الولايات المتحدة بشن ضربات ضد مواقع في سوريا بعد هجوم كيماوي أدى إلى مقتل أكثر من"
        " 60 مدنيًا سوريًا في مدينة دوما."
    )
    assert not [e for e in events(text) if e.extra["type_key"] == "air_strike" and e.fatalities]


def test_a_count_told_of_the_event_itself_stays():
    """«ما أسفر عن», «أدى إلى» after the event's own clause refer back to it."""
    assert _dead("قصفت قوات النظام بلدة اللطامنة ما أسفر عن مقتل 18 مدنياً") == [18]


# ---------------------------------------------------------------- N7: duals and listed person nouns


@pytest.mark.parametrize(
    "text, n",
    [
        ("قتل عنصران في غارة إسرائيلية قرب مصياف", 2),
        ("قصفت طائرات إسرائيلية موقعاً قرب مدينة مصياف، والغارات أدت إلى مقتل عنصرين", 2),
        ("قتل مدنيان في قصف على بلدة مسرابا", 2),
        ("قتل طفلان وامرأة في قصف على بلدة مسرابا", 3),
        ("أحبطت فصائل المعارضة محاولة تقدم لقوات النظام على محور مدينة حرستا وقتلت تسعة من عناصرها", 9),
        ("قتل جندي سوري واحد على الأقل في غارة للتحالف", 1),
        ("مصرع ضابطين من كبار قادة الجيش خلال اشتباكات", 2),
    ],
)
def test_duals_and_listed_person_nouns_count(text, n):
    assert _dead(text) == [n]


def test_an_ambiguous_sound_plural_gives_no_count_and_a_lone_ihda_after_the_verb_is_its_subject():
    assert _dead("قتل مدنيين في قصف على بلدة مسرابا") == []  # dual or plural: no number stated
    assert 1 not in _dead("وقتلت إحدى الغارات الجوية 30 شخصا على الأقل في مدينة زملكا")


def test_the_dual_reaches_the_event(events):
    text = "قتل مدنيان في قصف لقوات النظام على بلدة اللطامنة"
    assert [e.fatalities for e in events(text) if e.fatalities] == [2]


def test_a_count_in_the_event_named_again_by_a_pronoun():
    """«قتل فيها 14 عنصراً»: in it, the strike just told (the T4 base had 40 from the Douma toll)."""
    text = "وفي التاسع من أبريل استهدفت قاعدة تي فور العسكرية في محافظة حمص، قتل فيها 14 عنصرا من قوات النظام"
    assert _dead(text) == [14]


def test_a_strike_in_response_to_a_use_of_chemicals_takes_not_its_toll(events):
    text = (
        "ويترقب العالم شن الغرب ضربة عسكرية في سوريا، ردا على استخدام النظام السوري الأسلحة الكيماوية في هجوم"
        " على مدينة دوما قتل فيه 150 شخصا."
    )
    assert not [e for e in events(text) if e.extra["type_key"] == "air_strike" and e.fatalities]


def test_a_campaign_toll_left_off_the_event_still_tells_the_grouping_it_is_a_campaign(events):
    """The incidents stage reads «قتل 400 … في القصف المتواصل» as a campaign by its toll so far."""
    evs = events("وقُتل 400 شخص على الأقل في القصف المتواصل للغوطة الشرقية، بحسب تقارير.")
    assert evs and all(e.fatalities == 0 and e.extra.get("period_toll") == 400 for e in evs)


# ---------------------------------------------------------------- QA13 Q7, Q13, Q14, Q18: tolls as a reader counts them


def _tolls(events, text: str) -> list[tuple[str, str, int]]:
    """(type, place, fatalities) of the violent events of a text, in the order told."""
    return [
        (e.extra["type_key"], e.place.name_en, e.fatalities)
        for e in events(text)
        if e.extra["type_key"] in {"air_strike", "shelling", "armed_clash", "chemical_weapon"}
    ]


@pytest.mark.parametrize(
    "text, n",
    [
        ("قتل ثلاثة أطفال وامرأتان في غارة جوية على مدينة دوما.", 5),  # a number, then a dual
        ("وكان المرصد أفاد بمقتل 15 طفلا وامرأتان في غارة جوية استهدفت مدرسة في بلدة عربين.", 17),
        ("قتل 20 شخصاً و4 أطفال في غارة جوية على مدينة دوما.", 24),
    ],
)
def test_listed_victims_add_up(text, n, events):
    """QA13 Q7: «ثلاثة أطفال وامرأتان» is 5, not the first figure 3."""
    assert [f for _, _, f in _tolls(events, text)] == [n]


def test_both_sides_dead_of_one_clash_add_up(events):
    """QA13 Q7: ACLED sums the dead of both sides of one clash (3 + 5), and «إضافة إلى» joins them too."""
    text = (
        "اندلعت اشتباكات بين قوات النظام وفصائل المعارضة في حرستا أسفرت عن مقتل 3 عناصر من قوات النظام"
        " و5 من مقاتلي المعارضة."
    )
    assert _tolls(events, text) == [("armed_clash", "Harasta", 8)]
    text = (
        "شن تنظيم الدولة الإسلامية هجوما على مدينة الميادين قتل خلاله على الأقل 26 مقاتلا من قوات النظام"
        " السوري إضافة إلى تسعة مقاتلين روس."
    )
    assert [f for _, _, f in _tolls(events, text)] == [35]


@pytest.mark.parametrize(
    "text, n",
    [
        ("قصفت قوات النظام مدينة دوما ما أسفر عن مقتل 5 مدنيين و10 جرحى.", 5),
        ("قصفت قوات النظام مدينة دوما ما أسفر عن مقتل 5 مدنيين وإصابة 10 آخرين بجروح.", 5),
        ("قصفت قوات النظام مدينة دوما ما أسفر عن مقتل 5 مدنيين و10 آخرين بجروح.", 5),
        ("قصفت قوات النظام مدينة دوما ما أسفر عن مقتل بين 10 و15 شخصاً.", 10),
        ("قصفت قوات النظام مدينة دوما ما أسفر عن مقتل 10 مدنيين بينهم 3 أطفال.", 10),
        ("قصفت قوات النظام مدينة دوما ما أسفر عن مقتل 12 مدنيا من عائلة واحدة.", 12),
    ],
)
def test_what_is_no_second_count_adds_nothing(text, n):
    """The wounded after «و», the upper figure of a range and the parts of a total («بينهم») are not added."""
    assert _dead(text) == [n]


def test_a_total_and_its_parts_are_not_counted_twice(events):
    """«قتل 10 بينهم 3 أطفال» is 10; «13 مدنيا بينهم 4 أطفال وامرأتان لقوا مصرعهم» is 13, not the part 4."""
    text = "قتل 10 مدنيين بينهم 3 أطفال في قصف لقوات النظام على مدينة دوما."
    assert [f for _, _, f in _tolls(events, text)] == [10]
    text = (
        "استهدفت غارات جوية مدينة حمورية، وقال الدفاع المدني إن 13 مدنيا بينهم 4 أطفال وامرأتان لقوا مصرعهم"
        " الأربعاء في المدينة."
    )
    assert [f for _, _, f in _tolls(events, text)] == [13]
    text = "قال المرصد إن معارك السبت في مورك أوقعت13 قتيلا، بينهم ثمانية قتلوا في انفجار سيارة مفخخة."
    assert _dead(text) == [13]  # a digit glued to the verb is read, and the part 8 goes on no event
    text = (
        "وقال مدير المرصد إن 64 مدنياً على الأقل بينهم 13 طفلاً قتلوا جراء غارات روسية استهدفت بلدة كفربطنا"
        " مضيفا ان 11 مدنياً قتلوا صباح الجمعة جراء الغارات في بلدة سقبا."
    )
    assert _dead(text) == [64, 11]


@pytest.mark.parametrize(
    "text, n",
    [
        ("لقي عنصران من قوات النظام مصرعهما في اشتباكات قرب حرستا.", 2),  # QA13 Q7
        ("لقي شاب مصرعه في قصف لقوات النظام على مدينة دوما.", 1),
        ("وذكرت الصحيفة أن الناشطة لقيت حتفها إثر غارة تركية على مدينة عفرين.", 1),
        ("شنت طائرات حربية روسية غارات على بلدة كفرنبل، ما أدى إلى مقتل مدنيين اثنين.", 2),  # QA13 Q18
        ("استهدفت غارات مشفى بلدة كفرنبل، ما أدى إلى مقتل ممرض.", 1),  # QA13 Q14
        ("قتل طبيب وممرضان في غارة على بلدة كفرنبل.", 3),
    ],
)
def test_a_dual_or_a_singular_victim_counts(text, n, events):
    """«مصرعهما» tells two dead and «مصرعه/حتفها» one; «مدنيين اثنين» is 2; «ممرض» is a victim noun."""
    assert [f for _, _, f in _tolls(events, text)] == [n]


def test_a_raised_toll_takes_the_new_total(events):
    """QA13 Q7, Q18: «ارتفعت حصيلة … إلى 25» of one dated strike is 25, and it replaces the first count."""
    text = "ارتفعت حصيلة القتلى جراء القصف على مدينة دوما أمس إلى 25 قتيلاً."
    assert _tolls(events, text) == [("shelling", "Douma", 25)]
    text = "ارتفعت حصيلة ضحايا القصف المدفعي الذي استهدف بلدة كفرنبل أمس الأحد إلى 9 قتلى."
    assert [f for _, _, f in _tolls(events, text)] == [9]
    text = "قصفت قوات النظام مدينة دوما ما أسفر عن مقتل 5 مدنيين، ثم ارتفعت حصيلة القتلى إلى 9 قتلى."
    assert [f for _, _, f in _tolls(events, text)] == [9]


@pytest.mark.parametrize(
    "text",
    [
        "ارتفع عدد النازحين من مدينة دوما إلى 5000 بعد قصف قوات النظام.",  # not the dead
        "ارتفعت حصيلة قتلى الحرب السورية إلى 350 ألف قتيل.",  # a war's toll
        "وارتفعت حصيلة القتلى منذ بدء الحملة على الغوطة الشرقية إلى 500 قتيل.",  # a campaign's
        "ارتفع عدد البريطانيين الذين قتلوا في عفرين وهم يقاتلون إلى جانب الأكراد إلى ثمانية.",
    ],
)
def test_a_raise_of_something_else_or_of_a_war_is_no_count(text):
    assert _dead(text) == []


def test_a_count_told_before_its_own_event_goes_to_it(events):
    """QA13 Q7: «بينما قتل 3 آخرون في غارة على حرستا» is the Harasta strike's, not lost on Douma's."""
    text = "قتل 12 مدنياً وأصيب العشرات في قصف على دوما، بينما قتل 3 آخرون في غارة على حرستا."
    assert _tolls(events, text) == [("shelling", "Douma", 12), ("air_strike", "Harasta", 3)]


def test_vague_counts_with_the_article_and_a_day_before_the_number():
    """QA13 Q13: «أودى بحياة المئات» is 100 (the documented lowest reading); «قتل الخميس22» is 22."""
    assert _dead("وتعرضت المدينة لهجوم كيميائي في آب 2013 أودى بحياة المئات.") == [100]
    assert _dead("أدى الهجوم إلى مقتل العشرات في مدينة دوما.") == [10]
    assert _dead("تحدث مسعفون عن سقوط عشرات القتلى ومئات الجرحى في هجوم على مدينة دوما.") == [10]
    assert _dead("وفي جنوب دمشق، قتل الخميس22 مقاتلا مواليا للنظام في هجمات شنها التنظيم.") == [22]


def test_another_day_s_count_is_not_added():
    text = "وجاءت بعد غارات على أجزاء أخرى في المنطقة قتل فيها 24 من القوات الموالية للحكومة الخميس وأربعة آخرون الجمعة."
    assert _dead(text) == [24]


def test_the_csv_column_carries_the_sum(tmp_path, capsysbinary):
    """What the user opens: the `fatalities` column of `geo events --format csv`."""
    import io

    import pandas as pd

    from geo.cli import main

    path = tmp_path / "t.txt"
    path.write_text(
        "اندلعت اشتباكات بين قوات النظام وفصائل المعارضة في حرستا أسفرت عن مقتل 3 عناصر من قوات النظام"
        " و5 من مقاتلي المعارضة.",
        encoding="utf-8",
    )
    assert main(["events", "--published", "2018-03-08", str(path)]) == 0
    rows = pd.read_csv(io.BytesIO(capsysbinary.readouterr()[0]), encoding="utf-8-sig")
    assert rows[["location", "fatalities"]].values.tolist() == [["Harasta", 8]]


def test_a_victim_and_its_number_word_before_the_verb_count(events):
    """«إن رجلا واحدا على الأقل قتل وأصيب 6 مدنيين»: one dead (the 6 are the wounded)."""
    text = (
        "قال رئيس المكتب الإعلامي للدفاع المدني إن رجلا واحدا على الأقل قتل وأصيب 6 مدنيين في سلسلة من"
        " الغارات الجوية على مدينة إدلب، الخميس."
    )
    assert [f for _, _, f in _tolls(events, text)] == [1]
    assert _dead("وقال إن مدنيين اثنين قتلا في القصف على مدينة دوما") == [2]


# ---------------------------------------------------------------- tolls told in another sentence


def test_a_toll_told_again_paragraphs_later_goes_to_the_event_it_names(events):
    """«وكانت الهجمات قد أسفرت عن مقتل 246 شخصا»: the attack told in the lead, its toll three paragraphs on."""
    text = (
        "شن تنظيم داعش هجوما على مدينة السويداء في جنوب سوريا.\n\nوأعلن فصيل محلي النفير العام.\n\n"
        "وقالت مصادر إن التنظيم خطف عددا من النساء.\n\nوكانت الهجمات قد أسفرت عن مقتل 246 شخصا على الأقل."
    )
    assert _tolls(events, text) == [("armed_clash", "As Suwaydah", 246)]


def test_a_toll_told_again_of_a_gas_attack_is_never_a_strike_s(events):
    """«هذا الهجوم بالغازات الكيميائية … أدى إلى مقتل العشرات»: the weapon word names the gas attack; the
    Western strikes told before it killed none."""
    text = (
        "شنت الولايات المتحدة ضربات جوية على مواقع في دمشق.\n\nوتعهدت ماي بمنع تكرار مثل هذا الهجوم"
        " بالغازات الكيميائية على دوما والذي أدى إلى مقتل العشرات."
    )
    assert [f for _, _, f in _tolls(events, text)] == [0] * len(_tolls(events, text))
    gas = (
        "قال الرئيس الفرنسي إن الحكومة السورية نفذت الهجوم الكيميائي على بلدة دوما الأسبوع الماضي.\n\n"
        "وتوعدت الدول الغربية بالرد.\n\nوقيل إن أكثر من 40 شخصا قد لقوا حتفهم في الهجمات الكيماوية."
    )
    assert ("chemical_weapon", "Douma", 40) in _tolls(events, gas)


def test_a_campaign_told_over_days_takes_no_toll_told_later(events):
    """«قصفت الطائرات … في الأيام القليلة الماضية» then «وأدى القصف … إلى مقتل أكثر من مائة شخص في يوم
    واحد الاثنين الماضي»: one day's dead of a campaign are no toll of the whole campaign (ACLED's conservative
    rule); they are the toll of that one day's bombardment, if the day is told."""
    text = (
        "قصفت الطائرات الحربية السورية في الأيام القليلة الماضية الغوطة الشرقية خارج دمشق.\n\n"
        "وكانت الغوطة تحت الحصار.\n\nوأدى القصف إلى مقتل أكثر من مائة شخص في يوم واحد الاثنين الماضي."
    )
    told = events(text)
    campaign = [e for e in told if e.date_last != e.event_date]  # the days of the first sentence
    assert campaign and all(e.fatalities == 0 for e in campaign)
    counted = [e for e in told if e.fatalities]
    assert all(e.event_date == e.date_last and e.fatalities == 100 for e in counted)  # the one day's dead


def test_a_lead_toll_goes_to_the_event_of_the_next_sentence(events):
    """«أسفرت هجمات تفجيرية جنوبي سوريا عن مقتل 215 شخصا» (no place to map), then «مسلحين استهدفوا
    مدينة السويداء»: the toll is the attack's, once (not also the villages' told after it)."""
    text = (
        "أسفرت هجمات تفجيرية جنوبي سوريا عن مقتل 215 شخصا على الأقل، بحسب مسؤولين.\n\n"
        "وقال صحفي محلي إن مسلحين استهدفوا مدينة السويداء وقرى طربا والمتونة."
    )
    tolls = [t for t in _tolls(events, text) if t[2]]
    assert tolls == [("armed_clash", "As Suwaydah", 215)]


def test_a_lead_toll_goes_to_no_planned_event(events):
    """«… تستعد لشن هجوم»: a planned attack has killed no one yet."""
    text = (
        "أسفرت هجمات جنوبي سوريا عن مقتل 20 شخصا على الأقل.\n\n"
        "وقال مصدر عسكري إن قوات النظام تستعد لشن هجوم على مدينة درعا."
    )
    assert [f for _, _, f in _tolls(events, text) if f] == []


def test_a_part_s_total_may_stand_seven_words_back_in_its_clause(events):
    """«12 مدنيا على الأقل من عائلة واحدة بينهم 4 أطفال قتلوا»: 12, the total seven words back (the family's
    «واحدة» is no total), not the part 4."""
    text = (
        "وأورد المرصد السوري لحقوق الإنسان، السبت، أن 12 مدنيا على الأقل من عائلة واحدة بينهم 4 أطفال قتلوا في"
        " قصف جوي للتحالف الدولي استهدف قرية هداج في ريف الحسكة الجنوبي."
    )
    assert [f for _, _, f in _tolls(events, text)] == [12]
    assert _dead("قتل 13 مدنيا بينهم 4 أطفال في قصف على مدينة دوما") == [13]


def test_a_count_with_an_of_phrase_before_the_word_of_the_dead(events):
    """«إن 21 على الأقل من المقاتلين الموالين للحكومة السورية قتلوا، في كمين»: 21, the ambush's; not a
    part told «بين القتلى» («خمسة أشخاص من النساء والأطفال بين القتلى الـ 24»)."""
    text = (
        "وقال المرصد السوري لحقوق الإنسان إن 21 على الأقل من المقاتلين الموالين للحكومة السورية قتلوا،"
        " في كمين نصبه تنظيم الدولة في بلدة تلول الصفا، بمحافظة السويداء."
    )
    assert [f for _, _, f in _tolls(events, text)] == [21]
    assert _dead("وقال مسعفون إن ستة أشخاص من بينهم طفلة قتلوا في غارات جوية على مدينة دوما.") == [6]
    assert (
        _dead("ويقول متطوعو الدفاع المدني إن خمسة أشخاص من النساء والأطفال بين القتلى الـ 24 في بلدة المرج.")
        == []
    )


def test_a_raised_toll_with_commas_around_its_day(events):
    """«بارتفاع عدد القتلى، السبت، إلى 35 مدني … قتلوا بغارات جوية»: the word of the dead before a comma
    still tells a raised toll of the dead: 35."""
    text = (
        "أفادت مصادر طبية في الغوطة الشرقية بارتفاع عدد القتلى، السبت، إلى 35 مدني، بينهم نساء وأطفال،"
        " قتلوا بغارات جوية على مدينة دوما."
    )
    assert _dead(text) == [35]
    assert [f for _, _, f in _tolls(events, text)][:1] == [35]


def test_a_total_split_by_cause_gives_each_event_its_part(events):
    """«مقتل 17 مدنيا بينهم ستة أطفال، عشرة منهم جراء غارات على ريف درعا الشرقي، بينما قتل سبعة آخرون جراء
    غارات على بلدة الطيبة»: 10 to the Daraa strikes, 7 to al-Tayba's, never 17 to one of them."""
    text = (
        "ووثق المرصد الأربعاء مقتل 17 مدنيا بينهم ستة أطفال، عشرة منهم جراء غارات روسية وسورية على ريف درعا"
        " الشرقي، بينما قتل سبعة آخرون جراء غارات روسية على بلدة الطيبة الواقعة جنوب شرق مدينة درعا."
    )
    assert _dead(text) == [10, 7]
    tolls = [(place, f) for _, place, f in _tolls(events, text)]
    assert ("Daraa", 10) in tolls and all(f != 17 for _, f in tolls)


def test_a_toll_told_later_goes_to_no_denied_event_nor_from_a_campaign(events):
    """«كما نفت قصف ممر إنساني» is no shelling that killed; «منذ بدء الهجوم التركي» a campaign's toll."""
    denied = (
        "ونفت جماعة جيش الإسلام قصف ممر إنساني في مدينة دوما.\n\nوأعلنت الأمم المتحدة هدنة.\n\n"
        "وقتل ما لا يقل عن 34 شخصا من جراء الغارات الجوية والقصف."
    )
    assert [f for _, _, f in _tolls(events, denied) if f] == []
    campaign = (
        "شنت القوات التركية هجوما على بلدة راجو في منطقة عفرين.\n\n"
        "وذكر المرصد الأحد أن أكثر من 1500 مقاتل كردي لقوا حتفهم منذ بدء الهجوم التركي على منطقة عفرين."
    )
    assert [f for _, _, f in _tolls(events, campaign) if f] == []


def test_a_lead_toll_goes_only_to_an_event_of_the_kind_it_names(events):
    """«ضحايا الهجمات … وأودت بحياة أكثر من 250 شخصا» then «بعد سيطرتها على درعا … صد هجوم في السويداء»:
    the attack's, not the taking of Daraa's; a lead count naming its own happening («قتلوا جراء تفجير
    سيارتين ملغومتين») waits for no other event."""
    text = (
        "أسفرت الهجمات التي تبناها تنظيم الدولة الإسلامية الأربعاء عن مقتل أكثر من 250 شخصا في جنوب سوريا.\n\n"
        "وسيطرت قوات النظام على مدينة درعا، بينما صدت قوات النظام هجوما للتنظيم على مدينة السويداء."
    )
    tolls = [t for t in _tolls(events, text) if t[2]]
    assert tolls == [("armed_clash", "As Suwaydah", 250)]
    assert all(e.fatalities == 0 for e in events(text) if e.extra["type_key"] == "gov_regains")
    own = (
        "قال المرصد إن 25 شخصا على الاقل قتلوا جراء تفجير سيارتين ملغومتين في جنوب سوريا اليوم الاحد.\n\n"
        "وتدور اشتباكات عنيفة بين قوات النظام والفصائل في مدينة حمص."
    )
    assert [f for _, _, f in _tolls(events, own) if f] == []


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("انفجرت عبوة ناسفة في بلدة اللطامنة وأدت لمقتل 11 شخصا", 11),
        ("قصفت الطائرات بلدة اللطامنة في هجوم أودى بـ12 مدنيا", 12),
        ("قصفت الطائرات بلدة اللطامنة في هجوم أودى بحسب مسعفين وأطباء بأكثر من 40 شخصاً", 40),
        ("قصفت الطائرات بلدة اللطامنة في هجوم أودى بالعشرات", 10),
        ("انفجرت سيارة مفخخة في بلدة اللطامنة، السبت، وراح ضحيته 12 شخصاً على الأقل", 12),
        ("قصفت الطائرات بلدة اللطامنة ما أسفر عن مقتل ثلاثمائة وخمسين شخصا", 350),
    ],
)
def test_more_ways_of_telling_the_dead(text, n, events):
    """«أدت لمقتل», «أودى بـ40», «راح ضحيته 12», the hundreds in words: each the event's count."""
    assert _dead(text) == [n]
    assert max(e.fatalities for e in events(text)) == n


def test_an_aim_to_kill_and_a_war_s_lives_are_no_count():
    assert _dead("أطلق المسلحون النار في محاولة لقتل 5 أشخاص") == []
    assert _dead("الحرب التي راح ضحيتها أكثر من 350 ألف شخص") == []
    assert _dead("الحرب التي أودت بأرواح نحو نصف مليون شخص") == []


def test_a_thousand_wounded_leaves_the_dead_of_the_gas_attack(events):
    """«أودى بحياة 150 شخصا فضلا عن إصابة أكثر من ألف»: the thousand are the wounded, no war's toll."""
    text = "شنت قوات النظام هجوما بالغازات السامة على مدينة دوما، السبت، أودى بحياة 150 شخصا فضلا عن إصابة أكثر من ألف بحالات اختناق."
    assert _dead(text) == [150]
    assert max(e.fatalities for e in events(text)) == 150
    assert _dead("قتل أكثر من 350 ألف شخص في الحرب") == []


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("وقتل الخميس، أيضا وفق المرصد، 8 مدنيين بينهم 3 أطفال في قصف للتحالف الدولي على بلدة اللطامنة.", 8),
        ('قصفت الطائرات الإسرائيلية بلدة اللطامنة ما أسفر عن مقتل "23 مقاتلا" على الأقل.', 23),
        ("قصفت الطائرات بلدة اللطامنة ما أسفر عن مقتل ما بين 10 و15 شخصا.", 10),
        ("قصفت الطائرات بلدة اللطامنة، وذكر المرصد أن عدد القتلى ارتفع إلى 8 أشخاص على الأقل.", 8),
        ("هاجم تنظيم داعش بلدة اللطامنة الأربعاء ما أسفر، وفق حصيلة للمرصد السوري، عن مقتل 25 شخصا.", 25),
        ("قصفت الطائرات بلدة اللطامنة، وسجلت البلدة أعلى حصيلة إذ قتل فيها 20 مدنيا.", 20),
        ("هاجم التنظيم بلدة اللطامنة في هجوم شنه قبل خمسة أيام وأوقع أكثر من 25 قتيلا.", 25),
    ],
)
def test_a_count_behind_an_aside_a_quote_or_a_source_stays_the_event_s(text, n, events):
    """An aside between commas, quotes around the figure, «ما بين», the dead named before «ارتفع», «وفق حصيلة
    للمرصد» (the count's source, no running toll) and «قبل خمسة أيام» (a date, no period) keep the count."""
    assert _dead(text) == [n]
    assert max(e.fatalities for e in events(text)) == n


def test_a_running_toll_or_an_intervention_s_is_still_no_count():
    assert _dead("قصفت قوات النظام بلدة اللطامنة أمس، وبلغت حصيلة القتلى في البلدة 810 قتلى") == []
    assert _dead("وقتل 45 جنديا روسيا خلال التدخل العسكري في سوريا بحسب حصيلة رسمية.") == []
    assert _dead("قتل 500 مدني خلال خمسة أيام من القصف") == []


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("وقتلت الغارات الروسية 80 شخصا، من بينهم 14 طفلا الجمعة في بلدة اللطامنة.", 80),
        ("وقتلت إحدى الغارات الجوية 30 شخصا على الأقل في بلدة اللطامنة.", 30),
        (
            "أعلن المرصد أن 44 شخصا على الأقل سقطوا قتلى، خلال الليلة الماضية، في ضربات جوية على بلدة اللطامنة.",
            44,
        ),
        ("قال المرصد إن 14 مقاتلا على الأقل، بينهم إيرانيون، قتلوا في ضربة جوية استهدفت بلدة اللطامنة.", 14),
        ("هاجمت مجموعات مسلحة بلدة اللطامنة، وقتل على الفور اثنان من المستشارين الروس.", 2),
    ],
)
def test_a_subject_or_an_aside_before_the_count_keeps_it(text, n, events):
    """«وقتلت الغارات الروسية 80», «44 شخصا … سقطوا قتلى», «14 مقاتلا على الأقل، بينهم إيرانيون، قتلوا»,
    «قتل على الفور اثنان»: each the event's count."""
    assert _dead(text) == [n]
    assert max(e.fatalities for e in events(text)) == n


def test_a_thousand_wounded_after_the_dead_is_no_war_s_toll():
    assert _dead("وأكد الاتحاد أن الهجوم أسفر عن 60 قتيلا على الأقل، وأكثر من ألف مصاب.") == [60]
    assert _dead("قتل أكثر من 350 ألف قتيل وملايين الجرحى") == []


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("اغتيل القيادي في بلدة اللطامنة بتفجير عبوة ناسفة استهدف سيارته ما أدى إلى مصرعه مع سائقه.", 2),
        (
            "اغتيل القيادي في بلدة اللطامنة بتفجير عبوة ناسفة استهدف سيارته ما أدى إلى مقتله وإصابة 3 آخرين.",
            1,
        ),
    ],
)
def test_a_victim_s_death_told_by_its_pronoun_counts_him_and_his_companion(text, n):
    """«ما أدى إلى مصرعه مع سائقه» is 2 (ACLED counts the driver too), «مقتله وإصابة 3» 1."""
    assert _dead(text) == [n]


def test_a_death_told_by_its_pronoun_without_a_word_of_result_is_no_count():
    assert _dead("أبو بكر البغدادي الذي أُعلن مقتله مرات عدة") == []
    assert _dead("أحد أبرز القادة قبل مقتله في سوريا عام 2008") == []
    assert _dead("وأدى القصف إلى مقتلهم") == []
