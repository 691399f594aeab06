"""Place mentions: clitics, articles, longest names, triggers, and ordinary words left alone."""

from __future__ import annotations

import pytest

from geo.model import Article, Place
from geo.text import normalize
from geo.toponyms import find_mentions


def mentions(text, gazetteer):
    found = find_mentions(Article("t", text), gazetteer)
    for m in found:
        assert text[m.start : m.end] == m.surface
    return found


def surfaces(text, gazetteer):
    return [m.surface for m in mentions(text, gazetteer)]


SMALL = [
    Place("t:raqqa", "الرقة", "Raqqa", "city", 35.95, 39.01, "SY11", population=531952, names_ar=("الرقة",)),
    Place("t:tadmur", "تدمر", "Palmyra", "city", 34.56, 38.28, "SY04", population=51015, names_ar=("تدمر",)),
    Place(
        "t:deir",
        "دير الزور",
        "Deir ez-Zor",
        "city",
        35.34,
        40.14,
        "SY09",
        population=242565,
        names_ar=("دير الزور",),
    ),
    Place(
        "t:hama", "حماة", "Hama", "city", 35.13, 36.76, "SY05", population=460602, names_ar=("حماة", "حماه")
    ),
    Place(
        "t:salamiyah",
        "السلمية",
        "Salamiyah",
        "city",
        35.01,
        37.05,
        "SY05",
        population=94887,
        names_ar=("السلمية",),
    ),
    Place("t:ramthan", "رمثان", "Ramthan", "village", 35.75, 38.24, "SY11", names_ar=("رمثان",)),
    Place("t:zour", "الزور", "az-Zour", "village", 35.0, 40.0, "SY09", names_ar=("الزور",)),
]

SMALL_BY_ID = {p.place_id: p for p in SMALL}


@pytest.mark.parametrize(
    "text, surface, place_id",
    [
        ("تقدمت القوات بالرقة أمس", "بالرقة", "t:raqqa"),
        ("وبالرقة اشتباكات", "وبالرقة", "t:raqqa"),
        ("مساعدات للرقة المدمرة", "للرقة", "t:raqqa"),
        ("في حلب والرقة معارك", "والرقة", "t:raqqa"),
        ("فالرقة محاصرة", "فالرقة", "t:raqqa"),
        ("مرت القوات وبتدمر", "وبتدمر", "t:tadmur"),
        ("الطريق لدير الزور مقطوع", "لدير الزور", "t:deir"),
        ("في حمص وحماة", "وحماة", "t:hama"),
    ],
)
def test_clitics_are_peeled_and_kept_in_the_surface(text, surface, place_id):
    (m,) = mentions(text, SMALL)
    assert (m.surface, m.candidates) == (surface, (place_id,))
    assert m.key == normalize(SMALL_BY_ID[place_id].name_ar)


def test_longest_name_wins_over_a_name_inside_it():
    found = mentions("وصلت القوات إلى مدينة دير الزور", SMALL)
    assert [m.candidates for m in found] == [("t:deir",)]


def test_names_match_with_and_without_the_article():
    assert surfaces("في ريف سلمية الشرقي", SMALL) == ["سلمية"]
    assert surfaces("سيطرت على قرية الرمثان", SMALL) == ["الرمثان"]


def test_trigger_words_are_kept():
    found = mentions("سيطرت على مدينة تدمر وريف الرقة الغربي", SMALL)
    assert [(m.surface, m.trigger) for m in found] == [("تدمر", "مدينة"), ("الرقة", "ريف")]


def test_a_small_village_needs_context():
    # «رمثان» alone is a bare village name; in a list or after «قرية» it is a place.
    assert mentions("قال رمثان إنه عاد", SMALL) == []
    assert surfaces("قرية رمثان", SMALL) == ["رمثان"]


def test_common_words_are_not_places(gaz):
    assert surfaces("لإعادة الحياة السلميّة في المدينة", gaz) == []
    assert surfaces("يبلغ العمر المتوقع سبعين عاما", gaz) == []
    assert surfaces("أرسل الطلب عبر البريد ثم زار وزير الصناعة المصنع", gaz) == []
    assert surfaces("قصف من قبل قوات عملية «غضب الفرات» على مناطق", gaz) == []
    assert surfaces("أنشد الطلاب حماة الديار عليكم سلام", gaz) == []
    assert surfaces("قالت مصادر عسكرية سورية إن", gaz) == []
    # a name whose article is part of it («القبو», «الرقة»), written bare, is the everyday word
    assert surfaces("اختبأ الأهالي في قبو المدرسة", gaz) == []
    assert surfaces("تملك الحكومة ورقة ضغط قوية وأرسلت فرقة من الجيش", gaz) == []


def test_the_same_words_are_places_in_context(gaz):
    assert surfaces("إلى جنوب طريق أثريا – السلمية", gaz) == ["أثريا", "السلمية"]
    found = mentions("سيطرتها بشكل كامل على حقل «العمر» النفطي", gaz)
    assert [(m.surface, m.trigger) for m in found] == [("العمر", "حقل")]
    assert gaz[found[0].candidates[0]].kind == "oil_field"
    assert surfaces("سيطرت على حقل العمر النفطي", gaz) == ["حقل العمر النفطي"]
    found = mentions("في أطراف حيي البريد وحي حطين بالقسم الغربي لمدينة الرقة", gaz)
    assert [m.surface for m in found] == ["البريد", "وحي حطين", "لمدينة الرقة"] or [
        m.surface for m in found
    ] == ["البريد", "وحي حطين", "الرقة"]
    assert found[0].trigger == "حي"
    assert surfaces("على خط حمص - حماة - الرقة", gaz) == ["حمص", "حماة", "الرقة"]


def test_a_facility_after_a_noun_and_its_nisba_is_still_found(gaz):
    """«صواريخ أمريكية قاعدة الشعيرات الجوية»: the nisba before the head belongs to «صواريخ»; the base's name,
    which ends in «الجوية», is no adjective of it (the strike used to land on Homs alone)."""
    text = "وضربت صواريخ أمريكية قاعدة الشعيرات الجوية قرب مدينة حمص"
    assert surfaces(text, gaz) == ["قاعدة الشعيرات الجوية", "مدينة حمص"]
    assert surfaces("وقصفت طائرات روسية قرية الشعيرات قرب حمص", gaz) == ["الشعيرات", "حمص"]
    assert surfaces("قالت مصادر عسكرية سورية إن", gaz) == []


def test_squares_of_the_capital_are_not_al_mayadin(gaz):
    """«ميادين» (squares, fields) before a definite genitive is the plural noun (geo/rules/place_construct_nouns.jsonl);
    the town with its article, after «مدينة» or a preposition, or before «بريف …», is still found."""
    assert surfaces("تجمع المتظاهرون في ميادين العاصمة", gaz) == []
    assert surfaces("عاد المقاتلون من ميادين القتال", gaz) == []
    assert surfaces("سيطرت القوات على مدينة الميادين", gaz) == ["الميادين"]
    assert surfaces("قصف الطيران في الميادين", gaz) == ["الميادين"]
    assert surfaces("الميادين بريف دير الزور", gaz) == ["الميادين", "دير الزور"]


def test_multi_word_names(gaz):
    text = "سيطرت على قرى بريف الرقة الغربي، هي الرمثان والهيب وجب أحمد الخلف."
    assert surfaces(text, gaz) == ["الرقة", "الرمثان", "والهيب", "وجب أحمد الخلف"]
    assert surfaces("في الجمهورية العربية السورية", gaz) == ["الجمهورية العربية السورية"]
    assert surfaces("عبورها نهر الفرات", gaz) == ["نهر الفرات"]
    assert surfaces("داخل حرم الفرقة 17 وفي محيطها", gaz) == ["الفرقة 17"]


def test_spelling_variants(gaz):
    for text in ("محادثات أستانا", "محادثات أستانة", "محادثات آستانة"):
        (m,) = mentions(text, gaz)
        assert gaz[m.candidates[0]].name_en == "Astana"
    for text in ("في سوريا", "في سورية"):
        (m,) = mentions(text, gaz)
        assert gaz[m.candidates[0]].kind == "country"


def test_countryside_phrases_name_the_governorate(gaz):
    (m,) = mentions("آخر معاقل «داعش» بريف حمص الشرقي", gaz)
    assert (m.surface, m.trigger, m.context_admin1) == ("حمص", "ريف", "SY04")
    found = mentions("سيطرتها على بلدة مسكنة في 4 يونيو، وإنهاء وجود «داعش» في الريف الشرقي لحلب", gaz)
    assert [(m.surface, m.trigger) for m in found] == [("مسكنة", "بلدة"), ("لحلب", "ريف")]
    assert found[0].context_admin1 == "SY02"
    found = mentions("سيطرت على مساحات جديدة شرق مدينة تدمر", gaz)
    assert found[0].trigger == "مدينة" and found[0].context_admin1 == ""


def test_the_desert_of_a_governorate_names_the_governorate_not_the_syrian_desert(gaz):
    """«بادية السويداء» is the desert part of Sweida, read like «ريف السويداء»; «البادية» alone is the desert."""
    (m,) = mentions("انسحب مقاتلو التنظيم إلى بادية السويداء الشرقية", gaz)
    assert (m.surface, m.trigger) == ("السويداء", "ريف")
    assert [m.surface for m in mentions("تقدمت القوات في عمق البادية أمس", gaz)] == ["البادية"]


def test_page_furniture_yields_no_place(gaz):
    text = "عناصر من قوات سورية الديمقراطية في محيط الرقة. أ.ب\n\nت + ت - الحجم الطبيعي\nتويتر\nEmail"
    assert surfaces(text, gaz) == ["الرقة"]


def test_every_seed_mention_points_into_the_text(gaz, seed_articles):
    for art in seed_articles.values():
        found = find_mentions(art, gaz)
        assert len(found) >= 10
        for m in found:
            assert art.text[m.start : m.end] == m.surface
            assert m.candidates and all(c in gaz for c in m.candidates)


def test_words_that_only_look_like_places(gaz):
    assert surfaces("أعلنت روسيا أنها بصدد إقامة نقاط مراقبة", gaz) == ["روسيا"]  # not «ب» + Sadad
    assert surfaces("ذكرت السفيرة الأميركية أن", gaz) == []  # the ambassador, not al-Safira
    assert surfaces("قاتل عناصر جبهة النصرة", gaz) == []
    assert surfaces("قال أمين عام حزب الله حسن نصر الله", gaz) == []
    assert surfaces("إذا اندلع قتال على جبهة عريضة", gaz) == []
    assert surfaces("وسيطر على قرى ومزارع في المنطقة", gaz) == []  # «and farms», not the village al-Mazari


def test_one_name_one_sense_within_an_article(gaz):
    text = "تقدمت القوات باتجاه بلدة السخنة. ورأى القائد أن معارك السخنة ستكون فاصلة."
    assert surfaces(text, gaz) == ["السخنة", "السخنة"]
    text = "سيطرت على قرية «خشام» بريف دير الزور. وقال إن خشام آمنة"
    assert surfaces(text, gaz) == ["خشام", "دير الزور", "خشام"]


def test_a_trigger_inside_a_name_also_offers_the_settlement(gaz):
    (m,) = mentions("في منطقة الميادين بريف", gaz)
    kinds = {gaz[c].kind for c in m.candidates}
    assert m.trigger == "منطقة" and {"district", "city"} <= kinds
    (m,) = mentions("في منطقة وادي اليرموك", gaz) or [None]
    assert m is None or all(gaz[c].kind not in ("city", "town", "village") for c in m.candidates)


def test_a_city_whose_name_is_also_a_word():
    """«دوما» is also «always»: after a locative it is the city, and then it stays the city."""
    from geo import gazetteer

    gaz = gazetteer.load()
    text = "دخلت الحافلات إلى دوما صباحاً. وتسعى القوات إلى السيطرة على دوما قبل نهاية الشهر."
    found = mentions(text, gaz)
    assert [m.surface for m in found] == ["دوما", "دوما"]
    assert all("wof:890442375" in m.candidates for m in found)
    assert surfaces("وكان المبعوث يؤكد دوما أن الحل سياسي", gaz) == []


def test_a_definite_place_after_a_verbs_definite_subject_is_its_object():
    """QA14 Q1: «استعادت قوات النظام البوكمال» — a definite name of no adjective's shape right after the verb's
    definite subject is the place it acted on; a nisba or a participle there is still the subject's adjective."""
    from geo import gazetteer

    gaz = gazetteer.load()
    assert surfaces("استعادت قوات النظام البوكمال.", gaz) == ["البوكمال"]
    assert surfaces("قصفت الطائرات الروسية الرستن.", gaz) == ["الرستن"]
    assert surfaces("قصفت قوات النظام الغوطة الشرقية.", gaz) == ["الغوطة الشرقية"]
    assert surfaces("وقالت وزارة الدفاع التركية في بيان إن الهجوم انتهى.", gaz) == []
    assert surfaces("ونشرت الخوذ البيضاء صورا للقصف.", gaz) == []
    assert surfaces("قالت إن العنف في الوقت الحاضر أكبر.", gaz) == []
    # a name that is also a word, or a plural's shape, after a subject headed by a force noun (place_subject_heads)
    assert surfaces("دخلت قوات النظام الميادين.", gaz) == ["الميادين"]
    assert surfaces("اقتحمت قوات النظام القريتين.", gaz) == ["القريتين"]
    assert surfaces("دخلت قوات النظام دوما بعد خروج جيش الإسلام.", gaz) == ["دوما"]
    assert surfaces("وتقصف قوات النظام السوري المدنيين.", gaz) == []
    assert surfaces("وانسحب المقاتلون مع قوات النظام دوما.", gaz) == []


# --------------------------------------------------------------------------- foreign places

ABROAD = [
    # Uşak (Turkey) is «عشاق» in GeoNames, the everyday word for lovers and fans; Beira reads «ك» + «بيرا»
    Place(
        "t:usak", "عشاق", "Uşak", "city", 38.68, 29.41, country="TR", population=369433, names_ar=("عشاق",)
    ),
    Place(
        "t:beira", "بيرا", "Beira", "city", -19.84, 34.84, country="MZ", population=530604, names_ar=("بيرا",)
    ),
    Place(
        "t:dubai", "دبي", "Dubai", "city", 25.08, 55.31, country="AE", population=3790000, names_ar=("دبي",)
    ),
]


def test_a_foreign_town_named_like_a_word_needs_a_locative():
    assert surfaces("احتفل عشاق كرة القدم بالفوز في المباراة", ABROAD) == []
    assert [m.candidates for m in mentions("سافر الوفد إلى عشاق غربي تركيا", ABROAD)] == [("t:usak",)]
    assert surfaces("حقق الفريق نجاحا كبيرا هذا العام", ABROAD) == []
    # a metropolis is named freely, even though «دبي» is frequent in Arabic text
    assert [m.candidates for m in mentions("دبي تستضيف المعرض", ABROAD)] == [("t:dubai",)]


def test_foreign_venues_and_countries_are_found(gaz):
    found = {m.surface: m.candidates for m in mentions("انطلقت محادثات جنيف بعد قمة سوتشي وأستانا", gaz)}
    assert "gn:2660646" in found["جنيف"] and "gn:491422" in found["سوتشي"]
    found = {m.surface: m.candidates for m in mentions("وقالت إسرائيل والسعودية وقطر ومصر والإمارات", gaz)}
    assert {gaz[c].country for cs in found.values() for c in cs} >= {"IL", "SA", "QA", "EG", "AE"}
    assert all(gaz[cs[0]].kind == "country" for cs in found.values())


def test_organisations_and_words_do_not_become_foreign_places(gaz):
    assert surfaces("قائد فيلق القدس في الحرس الثوري", gaz) == []
    assert surfaces("طائرة من طراز سوخوي", gaz) == []
    text = "عاد السكان إلى المدينة بعد انسحاب المسلحين"
    assert all(gaz[c].country == "SY" for m in mentions(text, gaz) for c in m.candidates)


def test_a_crossing_named_after_an_everyday_word_needs_the_border_said(gaz):
    """«نصيب» is also «a share»: after «معبر» it is the Daraa border town only when the text says border."""
    # the surface is «نصيب» after the trigger, or «معبر نصيب …» when the crossing's row carries that name
    found = mentions("سيطرت قوات النظام على معبر نصيب الحدودي مع الأردن", gaz)
    nasib = [m for m in found if m.surface.startswith(("نصيب", "معبر نصيب"))]
    assert nasib and nasib[0].trigger == "معبر"
    assert {gaz[c].admin1 for c in nasib[0].candidates} >= {"SY12"}
    assert surfaces("كان لكل معبر نصيب من الرسوم", gaz) == []
    said_before = mentions("انتشرت القوات على الطريق المحاذي للحدود الأردنية وصولا إلى معبر نصيب", gaz)
    crossing = [m for m in said_before if m.trigger == "معبر"]
    assert [m.surface for m in crossing] == ["معبر نصيب"]
    assert gaz[crossing[0].candidates[0]].kind == "border_crossing"  # the crossing, not the village, first


def test_a_crossing_vouched_for_once_is_the_crossing_wherever_else_the_article_names_it(gaz):
    """«معبر نصيب من الجانب السوري» says a border (a crossing has sides, a share has none), and then the same
    article's «يفتح معبر نصيب بسرعة», with no border word near it, is the crossing too; alone it is not."""
    alone = "وقال الوزير مازحا إنه يتمنى أن يفتح معبر نصيب بسرعة."
    assert not [m for m in mentions(alone, gaz) if "نصيب" in m.surface]
    text = "ولم يحدد أي تاريخ لإعادة فتح المعبر المعروف بمعبر نصيب من الجانب السوري. " + alone
    found = [m for m in mentions(text, gaz) if "نصيب" in m.surface]
    assert [m.surface for m in found] == ["بمعبر نصيب", "معبر نصيب"]
    assert all(gaz[m.candidates[0]].kind == "border_crossing" for m in found)
    assert surfaces("كان لكل معبر نصيب من الرسوم", gaz) == []


def test_a_region_written_with_its_country_is_the_region_and_the_country(gaz):
    """«إقليم كردستان العراق» is two names side by side (as «الغوطة الشرقية» + «لدمشق»): the Kurdistan Region,
    then Iraq, each a mention of its own; «نهر الأردن» (the river) keeps its whole name."""
    text = "انطلاقا من اقليم كردستان العراق ضد المناطق الحدودية. وعبروا نهر الأردن."
    found = {m.surface: gaz[m.candidates[0]] for m in mentions(text, gaz)}
    assert found["اقليم كردستان"].kind == "region" and found["العراق"].kind == "country"
    assert found["العراق"].country == "IQ"
    assert found["نهر الأردن"].kind == "river"


def test_a_crossing_row_named_with_an_everyday_word_still_needs_the_border_said(gaz):
    """A gazetteer row named «معبر نصيب» outright (its second word «a share») is vetted like «نصيب» after «معبر»."""
    import dataclasses

    from geo.gazetteer import Gazetteer

    def with_name(p):
        crossing = p.kind == "border_crossing" and "نصيب" in p.name_ar
        return dataclasses.replace(p, names_ar=(*p.names_ar, "معبر نصيب")) if crossing else p

    named = Gazetteer({p.place_id: with_name(p) for p in gaz})
    assert surfaces("كان لكل معبر نصيب من الرسوم", named) == []
    found = mentions("وصلت القوات إلى معبر نصيب الحدودي مع الأردن", named)
    assert [named.get(m.candidates[0]).kind for m in found if "نصيب" in m.surface] == ["border_crossing"]


def test_a_natural_earth_feature_is_found_by_its_bare_name(gaz):
    """«الجولان» alone is the Golan Heights (a Natural Earth row), as an overlay landmark would be."""
    for text in ("يقع الجولان السوري المحتل جنوب غربي البلاد", "على المثلث الأردني السوري والجولان السوري"):
        found = mentions(text, gaz)
        assert [gaz[m.candidates[0]].name_en for m in found] == ["Golan Heights"], text


def test_a_foreign_adjective_after_a_facility_describes_the_facility(gaz):
    """«قاعدة حميميم الروسية» is the Russian base at Hmeimim; «السفيرة الأميركية» is still the ambassador."""
    for text in ("وأعلنت قاعدة حميميم الروسية أن الهدنة بدأت", "هبطت الطائرة في مطار حميميم الروسي"):
        found = mentions(text, gaz)
        assert [m.surface for m in found] == ["حميميم"], text
        assert found[0].trigger in ("قاعدة", "مطار")
    assert surfaces("قالت السفيرة الأميركية إن الحل سياسي", gaz) == []


def test_a_basin_is_no_settlement_of_its_name(gaz):
    """«حوض اليرموك» (the Yarmouk basin, Daraa) is not the Yarmouk camp in Damascus; the camp stays the camp."""
    camp = {m.surface for m in mentions("قصفت الطائرات مخيم اليرموك جنوب دمشق", gaz)}
    assert "اليرموك" in camp or "مخيم اليرموك" in camp
    for text in (
        "ويتمركز مقاتلو التنظيم في حوض اليرموك غربي درعا",
        "وتقدمت القوات بالإضافة لحوض اليرموك الخاضع لسيطرة التنظيم",
    ):
        assert "اليرموك" not in surfaces(text, gaz), text
        basin = [m for m in mentions(text, gaz) if "حوض اليرموك" in m.surface]
        assert basin and {gaz[c].kind for c in basin[0].candidates} == {"region"}, text


def test_a_front_line_crossing_is_named_by_its_head_alone(gaz):
    """«معبر الوافدين» (Douma's front-line crossing) needs no border word, its second word «arrivals» though it is;
    a border crossing named by a word («لكل معبر نصيب») still does."""
    from geo.pipeline import geoparse

    text = "وقال التلفزيون الرسمي إن معبر الوافدين، الذي دخلت منه القافلة، تعرض للقصف"
    found = [loc.place.place_id for loc in geoparse(Article("t", text), gaz) if loc.place]
    assert found == ["prj:al-wafideen-crossing"]
    assert surfaces("كان لكل معبر نصيب من الرسوم", gaz) == []


@pytest.mark.parametrize(
    "text",
    [
        "وقال الناشط لمركز الغوطة الإعلامي إن القصف استهدف الأحياء السكنية في حرستا ليلة أمس",
        "ونشر مركز حلب الإعلامي صورا للدمار، فيما قالت الدفاع المدني إن الغارات استهدفت ريف حلب الغربي",
        'وبحسب شبكة "السويداء 24" المحلية فإن الطريق بين دمشق والسويداء مقطوع منذ الصباح',
    ],
)
def test_a_media_outlet_named_after_a_place_is_no_place_in_a_longer_sentence(gaz, text):
    """Outlets of geo/rules/not_places.jsonl inside a sentence, with clitics («لمركز»), quoted («"السويداء 24"»);
    the places the sentence does name are still found."""
    for outlet in ("مركز الغوطة الإعلامي", "مركز حلب الإعلامي", "السويداء 24"):
        if outlet in text:
            s = text.index(outlet)
            e = s + len(outlet)
    found = mentions(text, gaz)
    assert not [m.surface for m in found if m.start < e and s < m.end]
    assert found, "the sentence's own place is still found"


def test_a_town_misspelt_by_a_letter_is_found_after_a_settlement_head(gaz):
    """«جندايريس» (Jindayris, as one outlet spells it) and «منبيج» are one letter off the gazetteer's spellings."""
    for text, name_en in (
        ("سيطرت القوات على بلدة جندايريس في ريف عفرين", "Jindayris"),
        ("دخلت مدينة منبيج", "Manbij"),
    ):
        found = mentions(text, gaz)
        assert any(name_en.lower() in gaz[c].name_en.lower() for m in found for c in m.candidates), (
            text,
            found,
        )
    # without the head, or for an everyday word, nothing is guessed
    assert surfaces("قال منبيج إن", gaz) == []
    assert surfaces("في مدينة الكتابة والنشر", gaz) == []


def test_a_misspelling_the_head_vouched_for_is_the_town_wherever_else_the_article_writes_it(gaz):
    """«بعدما سيطرت على بلدة جندايريس … سيطرة القوات التركية على جندايريس»: the second, headless «جندايريس» is
    Jindayris too, as the first behind «بلدة» was; written only without a head, it is still no guess."""
    text = "سيطرت القوات على بلدة جندايريس غربي عفرين. ويرى مراقبون أن سيطرتها على جندايريس تعطيها دفعا."
    found = [m for m in mentions(text, gaz) if "جندايريس" in m.surface]
    assert len(found) == 2 and all("wof:1209604917" in m.candidates for m in found), found
    assert surfaces("ويرى مراقبون أن سيطرتها على جندايريس تعطيها دفعا.", gaz) == []


def test_a_list_closed_by_they_are_quarters_of_the_city_names_its_quarters(gaz):
    """«يشمل مناطق درعا البلد وطريق السد والمخيم وسجنة"، وهي أحياء في مدينة درعا»: after the first item, a place,
    each «و» item is a quarter of the city the closing clause names (at the city's point), everyday words
    («المخيم») included; the same words with no such clause are no places."""
    from geo.gazetteer import quarter_id

    daraa = next(p.place_id for p in gaz if p.name_en == "Daraa" and p.kind == "city")
    text = 'وقالت إن الاتفاق "يشمل مناطق درعا البلد وطريق السد والمخيم وسجنة"، وهي أحياء في مدينة درعا.'
    found = {m.surface: m.candidates for m in mentions(text, gaz)}
    for name in ("وطريق السد", "والمخيم", "وسجنة"):
        assert found[name] == (quarter_id(daraa, name[1:]),), found
    plain = 'وقالت إن الاتفاق "يشمل مناطق درعا البلد وطريق السد والمخيم وسجنة".'
    assert [m.surface for m in mentions(plain, gaz)] == ["درعا"]


def test_the_pipeline_document_gives_the_same_mentions(gaz, seed_articles):
    """Given the article's Doc, the geoparser reads its normalisation, word view and sentences instead of
    building its own: the mentions are the same."""
    from geo.doc import Doc

    for art in seed_articles.values():
        alone = find_mentions(art, gaz)
        assert alone and find_mentions(art, gaz, Doc.of(art)) == alone


def test_the_word_before_a_name_reads_the_same_off_a_doc_and_off_the_text(seed_articles):
    """The geoparser reading a Doc takes the word before each hit from the Doc's tokens; at every offset
    it is the word the plain text's regex finds (marks deleted, quotes skipped, long words cut alike)."""
    from geo.doc import Doc
    from geo.toponyms import _prev_word, _word_finder

    texts = [a.text for a in seed_articles.values()]
    texts += ["قالَ «قسد» في  (الرقّة) " + "ب" * 30 + " حلب", "مدينة_حلب"]
    for text in texts:
        doc = Doc.build(text)
        read = _word_finder(doc)
        assert [read(doc.norm, i) for i in range(len(doc.norm) + 1)] == [
            _prev_word(doc.norm, i) for i in range(len(doc.norm) + 1)
        ]


def test_settlement_heads_are_the_plain_regex_matches():
    """The head-first search gives exactly the matches of the plain pattern (clitics, spaces, heads inside
    words, a head read as the word after another)."""
    import random
    import re

    from geo.toponyms import _settlement_heads

    plain = re.compile(r"(?:^|\s)(?:[وف]?[بل]?(?:ال)?)(?:مدينه|بلده|قريه|حي)\s+(\w+)")
    parts = ["مدينه", "حي", "قريه", "بلده", " ", "\n", "و", "ب", "ال", "x", "حلب", "ف", "ل"]
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 9)))
        assert [m.span(1) for m in _settlement_heads(text)] == [m.span(1) for m in plain.finditer(text)], text


def test_the_valley_of_a_river_is_the_river_not_a_settlement(gaz):
    """«وادي الفرات» is the Euphrates valley: the river's row, never a village of that name."""
    from geo.pipeline import geoparse

    art = Article("t", "تواصلت المعارك في وادي الفرات قرب الحدود العراقية", None)
    found = [(loc.mention.surface, loc.place.kind) for loc in geoparse(art, gaz) if loc.place]
    assert ("الفرات", "river") in found


def test_a_quoted_name_after_a_vessel_is_the_ship(gaz):
    """«الغواصة "جورجيا"» is a submarine; the same quotes after a verb still hold a place."""
    assert surfaces('رست الغواصة النووية "جورجيا" قرب السواحل', gaz) == []
    assert surfaces('وصلت السفينة الحربية "مينسك" إلى المضيق', gaz) == []
    assert surfaces('قصف الطيران "جورجيا" ليلاً', gaz) == ["جورجيا"]


def test_a_name_written_back_from_latin_finds_its_town_after_a_settlement_head(gaz):
    """«بلدة حاجين» (Hajin written back from the Latin) is the town «هجين»: same consonants, ح for ه, vowels
    added; without the head the word is left alone."""
    from geo.pipeline import geoparse

    found = geoparse(Article("t", "سيطرت القوات على بلدة حاجين شرق دير الزور", None), gaz)
    assert [loc.place.name_en for loc in found if loc.mention.surface == "حاجين"] == ["Hajin"]
    assert surfaces("قال حاجين إن الطريق مفتوح", gaz) == []


def test_a_name_without_its_article_before_a_place_is_in_construct_with_it(gaz):
    """«غوطة دمشق» (the Ghouta of Damascus) is the region, not the Ghouta and the capital side by side; «تنف»
    before «إسرائيل» is the verb (did not deny), not al-Tanf without its article."""
    found = mentions("قتل العشرات في مدينة دوما الخاضعة لسيطرة المعارضة في غوطة دمشق، بحسب الوكالة", gaz)
    assert [m.surface for m in found] == ["دوما", "غوطة"]
    assert {gaz[c].kind for c in found[1].candidates} == {"region"}
    assert "دمشق" in surfaces("وقصفت الطائرات الغوطة الشرقية قرب دمشق", gaz)
    assert surfaces("ولم تنف إسرائيل أو تؤكد شنها الضربات", gaz) == ["إسرائيل"]
    # «سفيرة واشنطن» is Washington's ambassador: no Syrian town stands in construct with a place abroad
    assert surfaces("وقالت سفيرة واشنطن لدى الأمم المتحدة إن الرد قادم", gaz) == ["واشنطن"]
    assert "السفيرة" in surfaces("وتقدمت القوات نحو السفيرة جنوب شرق حلب", gaz)


def test_a_suburb_is_a_compound_name_like_a_hill_or_a_spring(gaz):
    """«ضاحية الأسد» (Dahiyat al-Assad by Harasta) is a two-word name with a place word first, as «تل/عين …» are:
    found in a list of quoted targets, where no trigger or governorate vouches for it."""
    found = mentions('واستهدف القصف "المعبر وضاحية الأسد السكنية" قرب العاصمة', gaz)
    assert [m.surface for m in found] == ["وضاحية الأسد"]


def test_a_town_named_like_an_everyday_word_is_found_after_a_settlement_head(gaz):
    """QA F12: «الصور» (pictures) is the town of Deir ez-Zor's Sur sub-district when «بلدة» names it; the word alone
    stays a word, and a hamlet named like a word is not read so («لمدينة الملك عبدالعزيز الطبية»)."""
    found = mentions("سيطرت قسد على بلدة الصور شمال دير الزور.", gaz)
    assert [m.surface for m in found] == ["الصور", "دير الزور"]
    assert gaz.get(found[0].candidates[0]).admin1_en == "Deir-ez-Zor"
    assert surfaces("نشرت الصور على مواقع التواصل.", gaz) == []
    assert "الملك" not in surfaces("تم نقله لمدينة الملك عبدالعزيز الطبية للعلاج.", gaz)


def test_a_town_named_like_a_word_is_found_after_a_hashtag_head_or_in_its_outskirts(gaz):
    """«دوما» is also «دوماً» (always): a head before the hashtag's mark («مدينة #دوما») or the outskirts («في ضواحي
    دوما») say the town is meant, as «في مدينة دوما» does."""
    assert "دوما" in surfaces("قالت جماعات إغاثة إن الهجوم قتل العشرات في مدينة #دوما.", gaz)
    assert "دوما" in surfaces("شنت الطائرات غارتين على منطقة في ضواحي دوما صباح اليوم.", gaz)
    assert "دوما" not in surfaces("كان يقول دوما إن الحرب ستنتهي.", gaz)


def test_the_first_word_of_a_longer_name_is_not_the_shorter_place(gaz):
    """QA11 N3: «حي باب توما», «حي باب عمرو» are quarters whose names begin with «باب» (a door), «قرية حوش الظواهرة» a
    village beginning with «حوش»: after a quarter or settlement head the noun without its article before a word of
    its own heads that longer name, so al-Bab (Aleppo) and al-Hawsh are not named. Written with its article, or
    before a preposition, al-Bab still is."""
    for text in (
        "سقطت قذائف على حي باب توما",
        "قصفت قوات النظام حي باب عمرو بالمدفعية",
        "سيطرت القوات على قرية حوش الظواهرة.",
    ):
        assert all(w not in s for s in surfaces(text, gaz) for w in ("باب", "حوش")), text
    assert surfaces("اشتباكات في ريف الباب وقباسين", gaz)[:1] == ["الباب"]


def test_a_clitic_before_an_everyday_word_is_no_foreign_town(gaz):
    """QA11 N12: «بحركة عبور الترانزيت» is «ب» + «حركة» (movement), not Baḥarkah of Iraq: a foreign town's name that
    reads as a clitic and a frequent word needs a place around it, like any foreign town named like a word."""
    assert surfaces("فيما يتعلق بحركة عبور الترانزيت بين البلدين", gaz) == []
    assert "بغداد" in surfaces("زار الوفد بغداد وأربيل", gaz)


def test_peaceful_is_no_salamiyah(gaz):
    """QA11 N12: «لأغراض سلمية» (for peaceful purposes) and «احتجاجات سلمية» use the adjective; Salamiyah is still
    found after a settlement word or a preposition of place."""
    assert surfaces("وتتعهد الدول باستخدام المواد لأغراض سلمية فقط.", gaz) == []
    assert surfaces("بدأ النزاع باحتجاجات سلمية عام 2011.", gaz) == []
    assert surfaces("قصفت الطائرات مدينة سلمية في ريف حماة", gaz)[:1] == ["سلمية"]
    assert surfaces("وصل إلى السلمية رتل عسكري", gaz) == ["السلمية"]
    # the definite adjective after a definite noun behind its clitics: «للمظاهرات السلمية», «بالطريقة السلمية»
    assert surfaces("بعد قمع النظام للمظاهرات السلمية تحولت الأزمة إلى نزاع.", gaz) == []
    assert surfaces("عبر الوزير عن فخره بالطريقة السلمية للاحتجاج.", gaz) == []
    assert surfaces("وقع الاعتداء على الطريق بين حمص والسلمية.", gaz) == ["حمص", "والسلمية"]


def test_an_enumeration_of_places_reads_its_everyday_words_and_misspellings(gaz):
    """«…، بيت نايم، المحمدية، حوش القبيات، …، مديرة، حمورية»: a comma list with three Syrian villages vouched for is
    a list of places, so its names that alone need context («مديرة», a director; «المحمدية») are places, and an item
    one letter off a village within ENUMERATION_KM («الشيفونية» for WOF «الشفونية», «حوش القبيات» for «حوش قبيبات»)
    is that village; the same words in prose, or a word after the list that does not end its item, are not."""
    text = (
        "وقال البيان إن البلدات التي استعادها الجيش هي: حزرما، حوش خرابو، بيت نايم، المحمدية، حوش القبيات، "
        "الشيفونية، بيت سوا، مديرة، حمورية، سقبا."
    )
    found = {m.surface: m.candidates for m in mentions(text, gaz)}
    assert {"المحمدية", "حوش القبيات", "الشيفونية", "مديرة"} <= set(found), found
    assert found["الشيفونية"] == ("wof:1226735243",) and found["حوش القبيات"] == ("wof:1343446405",)
    prose = "وقالت مديرة المدرسة إن الطلاب عادوا، بينما بقيت المحمدية مغلقة."
    assert surfaces(prose, gaz) == []
    after = "وجرت القمة بين إيران وروسيا وتركيا، لقطة معبرة عن التحالف."
    assert "لقطة" not in surfaces(after, gaz)


def test_an_enumeration_joined_by_and_reads_the_items_between_its_names(gaz):
    """«… حزة والأشعري والأفتريس والشيفونية والنشابية»: one-word items joined by «و» between the list's names are its
    items too, so the misspelt ones are the villages nearby (WOF's «أفريس», «الشفونية»), with their «و»; a word
    the gazetteer cannot match stays unread, and more «و» words than AND_ITEMS_MAX are no list."""
    text = (
        "وقال المرصد، في بيان، إن القتلى سقطوا خلال القصف الجوي، والمدفعي، على بلدات دوما وحرستا وعربين وحزة "
        "والأشعري والأفتريس والشيفونية والنشابية."
    )
    found = {m.surface: m.candidates for m in mentions(text, gaz)}
    assert found.get("والأفتريس") == ("wof:1326827047",), found
    assert found.get("والشيفونية") == ("wof:1226735243",), found
    assert "والأشعري" not in found
    clause = text.replace("والأشعري والأفتريس", "والأهالي والأطفال والنساء والشيوخ والأفتريس")
    assert "والأفتريس" not in surfaces(clause, gaz)


def test_a_name_far_from_the_listed_places_is_no_misspelling_of_theirs(gaz):
    """The misspelt item is read only against villages near the list's unambiguous names: «حوش البارودة» among
    Eastern Ghouta villages is WOF's «حوش البارودي» there, never «بارودية» of Hama, whose letters are as close."""
    text = "واستعادت القوات حزرما، حوش خرابو، بيت نايم، حوش البارودة، سقبا."
    found = {m.surface: m.candidates for m in mentions(text, gaz)}
    assert found.get("حوش البارودة") == ("wof:1326515447",), found


def test_an_accusative_nisba_chain_is_adjectives_but_an_adverb_before_the_country_is_not(gaz):
    """«ضربت موقعا عسكريا سوريا قرب مطار النيرب»: «سوريا» is the noun's second adjective (Syrian), whatever
    follows; after an adverb («وخصوصا سوريا», «ولا سيما سوريا») it is the country."""
    assert "سوريا" not in surfaces("وقالت إن صواريخ إسرائيلية ضربت موقعا عسكريا سوريا قرب مطار النيرب.", gaz)
    for text in ("صار المهاجرون من الشرق الأوسط وخصوصا سوريا، يسلكون الطريق.", "تهم البلدين ولا سيما سوريا."):
        assert "سوريا" in surfaces(text, gaz), text


def test_a_rounds_number_glued_to_the_venue_ends_its_name(gaz):
    """«مبادئ إعلان جنيف1» (the Geneva I communiqué) names Geneva, the digit glued to it no part of the word;
    «شبكة "السويداء24"» is the Suwayda 24 news network (not_places.jsonl), not the city."""
    found = [m for m in mentions("وانتهاج الحل السلمي القائم على مبادئ إعلان جنيف1 وقرار مجلس الأمن.", gaz)]
    assert [m.surface for m in found] == ["جنيف"]
    assert surfaces('بحسب ما ذكر مدير شبكة "السويداء24" المحلية للأنباء.', gaz) == []


def _readings(text, gaz):
    return {m.surface: m.candidates for m in mentions(text, gaz)}


def test_a_quarter_of_a_populous_town_is_that_towns_quarter(gaz):
    """«حي الأشرفية في مدينة عفرين»: Afrin is a town in the sources (48,693 people), and its quarter is no
    namesake village of Homs; «حي التليل في سراقب» likewise."""
    found = _readings("سيطرت الفصائل على حي الأشرفية في مدينة عفرين.", gaz)
    assert found["الأشرفية"] == ("quarter:wof:890436241|الأشرفية",), found
    found = _readings("انبعث الكلور من الاسطوانات في حي التليل في سراقب.", gaz)
    assert found["التليل"] == ("quarter:wof:890449833|التليل",), found
    found = _readings('وقالت مواطنة إن قذائف أصابت سيارة في حي "محمودية" في عفرين.', gaz)  # a quoted name
    assert found["محمودية"] == ("quarter:wof:890436241|محمودية",), found


def test_quarters_named_after_the_city_they_lie_in(gaz):
    """«داخل مدينة عفرين … والسيطرة على حيي الأشرفية والجميلية.»: with no city after the names, they are quarters
    of the city named before in the sentence; a place read inside a longer name keeps its reading, and an
    indefinite word after the head («وسيطرتها عليها») is a deed, not a quarter."""
    text = "أعلنت الفصائل توغلها داخل مدينة عفرين من المحورين الشرقي والغربي والسيطرة على حيي الأشرفية والجميلية."
    assert _readings(text, gaz)["الأشرفية"] == ("quarter:wof:890436241|الأشرفية",)
    text = "وقصفت قوات النظام مدينة دمشق الجنوبية، وتحديدا مخيم اليرموك وحيي التضامن المحاذيين."
    assert not any(s.startswith("التضامن المحاذي") or s == "التضامن المحاذيين" for s in _readings(text, gaz))
    text = "تقدمت القوات في مدينة الرقة، في مبان واقعة في غرب حي البريد، من جهة حي الرومانية وسيطرتها عليها."
    assert not any("سيطرتها" in s for s in _readings(text, gaz))
