from geo.actors import NAMES, find_actors
from geo.model import ACTORS


def _keys(text):
    return [(text[s:e], k) for s, e, k in find_actors(text)]


def test_every_lexicon_key_is_a_canonical_actor():
    assert set(NAMES) <= set(ACTORS)


def test_sdf_press_names_with_clitics_and_offsets():
    text = "وتقدمت «قسد» نحو الرقة، وقالت لـ»قوات سوريا الديمقراطية» إن قوات عملية «غضب الفرات» والفصائل الكردية والعربية تتقدم."
    found = find_actors(text)
    assert [k for _, _, k in found] == ["SDF"] * 4
    assert [text[s:e] for s, e, _ in found][:2] == ["قسد", "قوات سوريا الديمقراطية"]


def test_longest_name_wins_over_its_parts():
    assert _keys("قاتل الجيش السوري الحر") == [("الجيش السوري الحر", "Syrian opposition")]
    assert _keys("اتصل برئيس النظام التركي") == [("النظام التركي", "Turkey")]
    assert _keys("تقدمت قوات سورية الديمقراطية") == [("قوات سورية الديمقراطية", "SDF")]
    assert _keys("الطيران الحربي الروسي") == [("الطيران الحربي الروسي", "Russia")]


def test_tanzim_is_islamic_state_only_when_it_is_the_only_jihadist_group():
    text = "هاجم «داعش» البلدة، ثم انسحب التنظيم منها."
    assert _keys(text)[-1] == ("التنظيم", "Islamic State")
    both = "هاجم «داعش» و«هيئة تحرير الشام» البلدة، ثم انسحب التنظيم منها."
    assert "التنظيم" not in [s for s, _ in _keys(both)]
    assert _keys("انسحب التنظيم من البلدة") == []


def test_bare_army_is_the_syrian_army_only_when_no_other_army_is_named():
    text = "استعاد الجيش السوري البلدة، وقال إن الجيش سيتقدم. وأعلنت القيادة العامة للجيش"
    assert [k for _, k in _keys(text)] == ["Syrian government"] * 3
    iraq = "تقدم الجيش العراقي، وقالت قوات النظام إن الجيش سيتقدم"
    assert ("الجيش", "Syrian government") not in _keys(iraq)


def test_bare_army_in_a_report_on_syria_needs_no_government_name():
    # QA11 N1: «سيطر الجيش على مدينة الميادين» in a report on Syria is the Syrian army, named or not
    text = "سيطر الجيش على مدينة الميادين شرق سوريا، وتقدمت وحدات الجيش نحو البوكمال."
    assert [k for _, k in _keys(text)] == ["Syrian government"] * 2
    assert _keys("سيطر الجيش على مدينة الموصل") == []  # no word of Syria: whose army is unknown


def test_bare_army_after_another_states_army_is_not_the_syrian_one():
    israel = "قصف الجيش الإسرائيلي مواقع في سوريا.\nوقال الجيش إنه استهدف مواقع إيرانية."
    assert ("الجيش", "Syrian government") not in _keys(israel)
    # named one paragraph on, with «لل»: «موقعا للجيش في ولاية هاتاي» is Turkey's
    turkey = "استهدفت قسد موقعا للجيش في ولاية هاتاي شمال سوريا.\nواستهدفت مواقع تابعة للجيش التركي."
    assert "Syrian government" not in [k for _, k in _keys(turkey)]
    # further away, and after the Syrian army named again, the bare word is Syria's once more
    far = (
        "قصف الجيش التركي عفرين.\nوتواصلت المعارك.\nوقالت مصادر إن الأهالي نزحوا.\n"
        "وقالت القوات الحكومية السورية إن الجيش سيطر على مورك."
    )
    assert _keys(far)[-1] == ("الجيش", "Syrian government")


def test_capitals_act_but_not_as_places():
    assert _keys("اتفقت روسيا وإيران، حليفتا دمشق") == [
        ("روسيا", "Russia"),
        ("إيران", "Iran"),
        ("دمشق", "Syrian government"),
    ]
    assert _keys("عقد لقاء في موسكو، ثم زيارة لموسكو") == []
    assert _keys("لقد شككت موسكو في الرواية") == [("موسكو", "Russia")]


def test_letters_around_a_name_block_it():
    # «التحالفات» is not «التحالف»; «داعشي» is not «داعش» (the name must end on a word boundary)
    assert _keys("التحالفات السياسية") == []
    assert _keys("عنصر داعشي") == []


def test_bare_regime_and_government_adjective_need_the_government_named():
    text = "وقالت قوات النظام إن قصفاً حكومياً طال دوما، مقابل انسحاب النظام من المسيفرة."
    assert [k for _, _, k in find_actors(text)] == ["Syrian government"] * 3
    assert find_actors("وطالب بانسحاب النظام من البلدة.") == []  # nobody named: no guess
    assert _keys("قالت قوات النظام إن منظمة غير حكومية تعمل وفق النظام الدولي.") == [
        ("قوات النظام", "Syrian government")
    ]


def test_rebels_are_the_opposition_and_a_capital_after_a_kind_word_is_a_place():
    assert _keys("وقصف المتمردون مواقع الجيش") == [("المتمردون", "Syrian opposition")]
    assert _keys("وقصفت الطائرات مدينة دمشق والعاصمة دمشق") == []
    assert _keys("وقصفت دمشق مواقع المعارضة") == [
        ("دمشق", "Syrian government"),
        ("المعارضة", "Syrian opposition"),
    ]


def test_a_capital_after_in_a_head_word_and_its_nisba_is_a_venue_not_a_government():
    """«في العاصمة الإيرانية طهران»: where a meeting is held (the nisba says whose capital), not Iran acting;
    «بريف/قرب العاصمة السورية دمشق» locates another place, and «أعلنت طهران» still acts."""
    assert ("طهران", "Iran") not in _keys("وعقد الاجتماع في العاصمة الإيرانية طهران أمس")
    assert ("موسكو", "Russia") not in _keys("وجرت المحادثات في العاصمة الروسية موسكو")
    assert ("دمشق", "Syrian government") in _keys("وتقع البلدة بريف العاصمة السورية دمشق")
    assert _keys("أعلنت طهران دعمها للاتفاق") == [("طهران", "Iran")]


def test_government_units_and_loyalists_are_the_syrian_government():
    """Press names of the army's units and loyal forces (general knowledge, geo/rules/actors.jsonl):
    «الفرقة الرابعة», «قوات النمر», «الحرس الجمهوري», «القوات الموالية لدمشق» (a capital after «ل» is
    otherwise a place), «الجيش النظامي»."""
    for name in ("الفرقة الرابعة", "قوات النمر", "الحرس الجمهوري", "القوات الموالية لدمشق", "الجيش النظامي"):
        text = f"وسيطرت {name} على بلدة مورك."
        assert [k for _, _, k in find_actors(text)] == ["Syrian government"], name


def test_a_border_named_by_its_state_is_no_side():
    """«قرب الحدود التركية», «الحدود مع الأردن» (QA13 Q17): a place, not Turkey or Jordan as a side of the
    shelling; «القوات التركية» in the same sentence still is Turkey (actors.jsonl «not_actor»)."""
    text = "قصفت القوات التركية بلدة تل رفعت قرب الحدود التركية، ونزح المئات نحو الحدود مع الأردن."
    assert [key for _, _, key in find_actors(text)] == ["Turkey"]


def test_bare_regime_and_army_are_the_government_where_the_caller_knows_the_report_is_on_syria():
    """«قصف النظام بلدة خان شيخون» (QA13 Q12): with no «سوريا» written, only a caller that knows the places
    are Syrian (on_syria) reads the bare words as the government."""
    text = "قصف النظام بلدة خان شيخون، وصد الجيش هجوماً على بلدة صوران."
    assert find_actors(text) == []
    assert [key for _, _, key in find_actors(text, on_syria=True)] == ["Syrian government"] * 2
