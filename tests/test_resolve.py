"""One place per mention: homonyms, foreign venues, countryside phrases, and the seed articles end to end."""

from __future__ import annotations

import pytest

from geo.gazetteer import distance_km as km
from geo.model import Article, Mention, Place
from geo.resolve import resolve
from geo.toponyms import find_mentions


def geoparse(art, gaz):
    return resolve(art, find_mentions(art, gaz), gaz)


@pytest.fixture(scope="module")
def seeds(gaz, seed_articles):
    return {aid[:3]: (art, geoparse(art, gaz)) for aid, art in seed_articles.items()}


def located(seeds, seed, surface):
    art, locs = seeds[seed]
    hits = [loc for loc in locs if loc.mention.surface == surface]
    assert hits, f"«{surface}» not found in seed {seed}"
    return hits


# GeoNames / Who's On First points (wof_sy_places.csv, geonames_cities500_sy_plus_foreign.csv).
POINTS = {
    "Raqqa": (35.95283, 39.00788),
    "Palmyra": (34.56077, 38.28055),
    "Sukhnah (Homs)": (34.88533, 38.8711),
    "al-Tanf": (33.48834, 38.65697),
    "Deir ez-Zor": (35.33588, 40.14084),
    "Geneva": (46.20222, 6.14569),
    "Astana": (51.1801, 71.44598),
}


@pytest.mark.parametrize(
    "seed, surface, point",
    [
        ("000", "الرقة", "Raqqa"),
        ("003", "تدمر", "Palmyra"),
        ("003", "السخنة", "Sukhnah (Homs)"),
        ("000", "التنف", "al-Tanf"),
        ("003", "دير الزور", "Deir ez-Zor"),
        ("000", "جنيف", "Geneva"),
        ("001", "أستانا", "Astana"),
        ("000", "أستانة", "Astana"),
    ],
)
def test_seed_places_land_within_10_km(seeds, seed, surface, point):
    for loc in located(seeds, seed, surface):
        assert loc.place is not None
        assert km(loc.place.lat, loc.place.lon, *POINTS[point]) <= 10, loc.reason


def test_every_syrian_city_and_town_of_the_seeds_is_found(seeds, gaz):
    names = set()
    for _art, locs in seeds.values():
        names |= {loc.place.name_en for loc in locs if loc.place and loc.place.country == "SY"}
    expected = {
        "Ar Raqqah",
        "Daraa",
        "Palmyra",
        "Deir ez-Zor",
        "Homs",
        "Damascus",
        "Salamiyah",
        "Al-Qaryatayn",
        "Maskanah",
        "As Sukhnah",
    }
    assert expected <= names
    # «مثلث الحدود الإدارية - حمص - حماة - الرقة» is the tri-point, not three cities
    (tri,) = located(seeds, "000", "مثلث الحدود الإدارية - حمص - حماة - الرقة")
    assert tri.place.kind == "region" and km(tri.place.lat, tri.place.lon, 35.39661, 38.44254) < 1


def test_homonyms_in_the_seeds(seeds):
    (sukhnah,) = {loc.place.admin1 for loc in located(seeds, "003", "السخنة")}
    assert sukhnah == "SY04"  # the Homs town on the Palmyra road, not the Aleppo village
    (maskanah,) = located(seeds, "000", "مسكنة")
    assert maskanah.place.admin1 == "SY02"
    (hittin,) = located(seeds, "000", "وحي حطين")
    assert hittin.place.kind == "neighbourhood" and hittin.place.admin1 == "SY11"
    assert km(hittin.place.lat, hittin.place.lon, *POINTS["Raqqa"]) <= 10
    (wall,) = located(seeds, "002", "سور الرافقة")
    assert wall.place.admin1 == "SY11" and km(wall.place.lat, wall.place.lon, *POINTS["Raqqa"]) <= 5
    (omar,) = located(seeds, "004", "العمر")
    assert omar.place.kind == "oil_field"


def test_countryside_gets_a_coarser_precision(seeds):
    (homs,) = [loc for loc in located(seeds, "003", "حمص") if loc.mention.trigger == "ريف"][:1]
    assert homs.place.kind == "governorate" and homs.geo_precision == 3  # «بريف حمص»: the governorate
    palmyra = [loc for loc in located(seeds, "003", "تدمر") if loc.mention.trigger == "ريف"]
    assert palmyra and all(loc.place.kind == "city" and loc.geo_precision == 2 for loc in palmyra)
    (gov,) = located(seeds, "000", "محافظة الرقة")
    assert gov.place.kind == "governorate" and gov.geo_precision == 3
    hayb = located(seeds, "001", "والهيب")[0]
    assert hayb.geo_precision == 3  # no source locates it: only "west of Raqqa" is known
    city = [loc for loc in located(seeds, "003", "تدمر") if loc.mention.trigger == "مدينة"][0]
    assert city.geo_precision == 1 and city.confidence >= 0.5


def test_every_mention_is_resolved_or_explained(seeds):
    for art, locs in seeds.values():
        for loc in locs:
            assert art.text[loc.mention.start : loc.mention.end] == loc.mention.surface
            assert 0.0 <= loc.confidence <= 1.0 and loc.reason


def test_syria_first_but_foreign_venues_stay_abroad():
    gaz = {
        "sy:v": Place("sy:v", "جنيف", "Jnif", "village", 35.0, 37.0, "SY05", names_ar=("جنيف",)),
        "ch:g": Place("ch:g", "جنيف", "Geneva", "city", 46.2, 6.1, "", "", "CH", 201741, names_ar=("جنيف",)),
        "sy:t": Place("sy:t", "تل حميس", "Tall Hamis", "village", 36.8, 41.4, "SY08", names_ar=("تل حميس",)),
        "lb:t": Place(
            "lb:t", "تل حميس", "Tall Hamis", "village", 33.9, 35.8, "", "", "LB", names_ar=("تل حميس",)
        ),
    }
    art = Article("t", "محادثات جنيف. وفي تل حميس اشتباكات")
    mentions = [
        Mention("t", 8, 12, "جنيف", "جنيف", ("sy:v", "ch:g")),
        Mention("t", 19, 26, "تل حميس", "تل حميس", ("lb:t", "sy:t")),
    ]
    geneva, hamis = resolve(art, mentions, gaz)
    assert geneva.place.country == "CH"
    assert hamis.place.country == "SY"


def test_context_governorate_and_neighbours_break_ties():
    gaz = {
        "a": Place("a", "مسكنة", "Maskanah", "village", 35.97, 38.04, "SY02", names_ar=("مسكنة",)),
        "b": Place("b", "مسكنة", "Maskanah", "village", 34.66, 36.74, "SY04", names_ar=("مسكنة",)),
    }
    art = Article("t", "x")
    m = Mention("t", 0, 5, "مسكنة", "مسكنه", ("a", "b"), trigger="بلدة", context_admin1="SY04")
    (loc,) = resolve(art, [m], gaz)
    assert loc.place.place_id == "b" and "SY04" in loc.reason
    m = Mention("t", 0, 5, "مسكنة", "مسكنه", ("a", "b"))
    (loc,) = resolve(art, [m], gaz)
    assert loc.confidence < 0.5  # a coin toss is flagged for review


def test_a_mention_without_a_known_place_is_kept_for_review():
    m = Mention("t", 0, 4, "خشام", "خشام", ("wof:gone",))
    (loc,) = resolve(Article("t", "خشام"), [m], {})
    assert loc.place is None and loc.confidence == 0 and "خشام" in loc.reason


def test_a_capital_abroad_beats_a_syrian_hamlet_of_its_name():
    gaz = {
        "sy:a": Place("sy:a", "أنقرة", "Anqarah", "village", 36.0, 40.9, "SY08", names_ar=("أنقرة",)),
        "tr:a": Place(
            "tr:a", "أنقرة", "Ankara", "city", 39.92, 32.85, "", "", "TR", 3517182, names_ar=("أنقرة",)
        ),
    }
    (loc,) = resolve(Article("t", "x"), [Mention("t", 0, 5, "أنقرة", "انقره", ("sy:a", "tr:a"))], gaz)
    assert loc.place.country == "TR"


def test_a_lone_hamlet_far_from_the_story_is_left_for_review():
    gaz = {
        "a": Place("a", "دوما", "Douma", "city", 33.57, 36.40, "SY03", population=111864),
        "b": Place("b", "حرستا", "Harasta", "town", 33.56, 36.37, "SY03", population=40000),
        "c": Place("c", "قلمون", "Qalmun", "village", 35.40, 35.95, "SY06"),
    }
    ms = [
        Mention("t", 0, 4, "دوما", "دوما", ("a",)),
        Mention("t", 5, 10, "حرستا", "حرستا", ("b",)),
        Mention("t", 11, 18, "القلمون", "القلمون", ("c",)),
    ]
    douma, harasta, qalmun = resolve(Article("t", "x"), ms, gaz)
    assert douma.place.place_id == "a" and harasta.place.place_id == "b"
    assert qalmun.place is None and qalmun.confidence == 0 and "km" in qalmun.reason
    ms[2] = Mention("t", 11, 18, "القلمون", "القلمون", ("c",), trigger="قرية")
    assert resolve(Article("t", "x"), ms, gaz)[2].place.place_id == "c"  # «قرية القلمون» is meant
    ms[2] = Mention("t", 11, 18, "القلمون", "القلمون", ("c",), trigger="قاعدة")
    assert resolve(Article("t", "x"), ms, gaz)[2].place.place_id == "c"  # a base by the village is meant
    ms[2] = Mention("t", 11, 18, "القلمون", "القلمون", ("c",), trigger="حقل")
    assert resolve(Article("t", "x"), ms, gaz)[2].place is None  # «حقول نفطية»: an adjective may follow «حقل»


def test_a_former_town_now_a_city_quarter_keeps_its_trigger():
    """«بلدات عربين وجوبر»: Jobar, a Damascus quarter the press still calls a town, is not outscored by a
    hamlet of the same name elsewhere that happens to lie near another place of the article."""
    gaz = {
        "q": Place(
            "q", "جوبر", "Jobar", "neighbourhood", 33.53, 36.33, "SY01", population=83000, names_ar=("جوبر",)
        ),
        "h": Place(
            "h", "دار الوكارة", "Jawbar", "village", 34.7, 36.6, "SY04", names_ar=("دار الوكارة", "جوبر")
        ),
        "n": Place(
            "n",
            "كفرعايا",
            "Kafr Aya",
            "village",
            34.72,
            36.65,
            "SY04",
            population=9000,
            names_ar=("كفرعايا",),
        ),
        "a": Place(
            "a", "عربين", "Arbin", "town", 33.54, 36.36, "SY03", population=50000, names_ar=("عربين",)
        ),
    }
    art = Article("t", "x")
    mentions = [
        Mention("t", 0, 4, "عربين", "عربين", ("a",), trigger="بلدة"),
        Mention("t", 5, 9, "جوبر", "جوبر", ("q", "h"), trigger="بلدة"),
        Mention("t", 10, 17, "كفرعايا", "كفرعايا", ("n",)),
    ]
    _, jobar, _ = resolve(art, mentions, gaz)
    assert jobar.place.place_id == "q"


def test_a_village_is_labelled_with_the_name_the_report_writes(gaz):
    """QA F6: GeoNames' preferred Arabic name of al-Zahraa (by Nubl) is «نغاولة», of Mamli «أم الشهرايا»; the map
    and the Review page show the name the report wrote. A spelling of the preferred name keeps the preferred one
    unless Arabic text writes the report's at least as often («الشبكي», as the press writes Shbeiki, QA11 N13)."""
    art = Article(
        "t",
        "قصفت قوات النظام بلدتي نبل والزهراء في ريف حلب الشمالي، وسيطرت القوات التركية على قرية ماملي. "
        "وهاجم التنظيم قرية الشبكي في ريف السويداء.",
    )
    places = {loc.mention.surface: loc.place for loc in geoparse(art, gaz)}
    assert places["والزهراء"].name_en == "Az Zahra'" and places["والزهراء"].name_ar == "الزهراء"
    assert places["ماملي"].name_ar == "ماملي"
    assert places["الشبكي"].name_ar == "الشبكي"
    assert places["والزهراء"].names_ar[0] == "الزهراء"  # the label leads the place's other names too


def _resolved(gaz, text):
    art = Article("t", text)
    return {loc.mention.surface: loc for loc in geoparse(art, gaz)}


def test_a_name_listed_with_villages_of_one_governorate_is_that_governorates(gaz):
    """QA F11: a raid on As-Sweida's villages lists «دوما»; the gazetteer's Douma of As-Sweida is meant, not the
    city of Rural Damascus, and «ورامي», whose only namesake lies in Idlib, is left for review."""
    locs = _resolved(
        gaz,
        "هاجم التنظيم قرى الشبكي والشريحي والمتونة ورامي والسويمرة وتيما ودوما. "
        "وسيطر على دوما والشبكي والشريحي.",
    )
    assert locs["ودوما"].place.admin1_en == "As-Sweida"
    assert locs["دوما"].place.admin1_en == "As-Sweida"
    assert locs["ورامي"].place is None and "listed with places of SY13" in locs["ورامي"].reason
    ghouta = _resolved(gaz, "قصفت الطائرات دوما وحرستا وعربين في الغوطة الشرقية.")
    assert ghouta["دوما"].place.kind == "city" and ghouta["دوما"].place.admin1_en == "Rural Damascus"
    # a list across two governorates keeps each name's own: al-Foua of Idlib beside Madaya and Zabadani
    towns = _resolved(gaz, "أجلي المدنيون من بلدات الفوعة وكفريا ومضايا والزبداني.")
    assert towns["الفوعة"].place.admin1_en == "Idleb"


def test_a_base_head_before_a_village_names_the_air_base_there(gaz):
    """QA F38: «قاعدة حميميم» is the Russian air base at Bassel al-Assad airport (airfield_names_cited.csv), labelled
    by the name the press gives it; «قرية حميميم» is the village."""
    base = _resolved(gaz, "أسقط الجيش طائرة مسيرة أطلقها الإرهابيون باتجاه قاعدة حميميم.")["حميميم"].place
    assert base.kind == "airport" and base.name_en == "Bassel Al-Assad International Airport"
    assert base.name_ar == "مطار حميميم"
    assert _resolved(gaz, "قصفت الطائرات قرية حميميم.")["حميميم"].place.kind == "village"
    shayrat = _resolved(gaz, "استهدفت الصواريخ مطار الشعيرات.")["مطار الشعيرات"].place
    assert shayrat.kind == "base"  # the air base, not the village of al-Shayrat


def test_a_quarter_named_with_its_city_is_that_citys_quarter(gaz):
    """QA F16 / F38: «حي صلاح الدين في حلب» is a quarter of Aleppo (placed at the city's point, precision 2: no
    source gives the quarter's own), «الحمدانية» there is no Hama village, «حي الرشيد بمدينة الرقة» a Raqqa quarter;
    a quarter the gazetteer places keeps its own point; «حي سكني» and «الحي الحكومي» describe, they name nothing."""
    aleppo = next(p for p in gaz if p.kind == "city" and p.name_en == "Aleppo")
    locs = _resolved(gaz, "سقطت قذائف على حيي الحمدانية وصلاح الدين في مدينة حلب.")
    for surface in ("الحمدانية", "وصلاح الدين"):
        loc = locs[surface]
        assert loc.place.kind == "neighbourhood" and loc.place.parent_id == aleppo.place_id
        assert (loc.place.lat, loc.place.lon) == (aleppo.lat, aleppo.lon) and loc.geo_precision == 2
        assert gaz.get(loc.place.place_id) == loc.place  # the review page finds it again by its id
    assert locs["وصلاح الدين"].place.name_ar == "صلاح الدين"
    raqqa = _resolved(gaz, "أصيب خمسة أطفال بانفجار لغم في حي الرشيد بمدينة الرقة.")["الرشيد"].place
    assert raqqa.admin1_en == "Ar-Raqqa" and raqqa.kind == "neighbourhood"
    jobar = _resolved(gaz, "اشتباكات على أطراف حي جوبر في دمشق.")["حي جوبر"].place
    assert jobar.place_id == "ovl:jobar"
    assert list(_resolved(gaz, "وقع تفجير انتحاري في حي سكني في مدينة السويداء.")) == ["السويداء"]
    assert list(_resolved(gaz, "هددت بقصف الحي الحكومي في دمشق.")) == ["دمشق"]


def test_every_kind_of_place_is_labelled_as_arabic_writers_spell_it(gaz):
    """QA11 N13: GeoNames' preferred Arabic names «أورسالم» (Jerusalem), «مونخ» (Munich), «دبى» (Dubai) and
    «حمورة» (Hamouriyah) are nobody's; the label is the report's own spelling of the same place. Letters the
    normalised key folds keep the preferred name (one label for Hama whether a report writes «حماه» or «حماة»),
    and governorates keep theirs."""
    locs = _resolved(
        gaz, "تظاهر الآلاف في القدس، ثم سافر الوزير إلى ميونيخ ودبي. وقصفت قوات النظام بلدة حمورية."
    )
    assert locs["القدس"].place.name_en == "Jerusalem" and locs["القدس"].place.name_ar == "القدس"
    assert locs["ميونيخ"].place.name_en == "Munich" and locs["ميونيخ"].place.name_ar == "ميونيخ"
    assert locs["ودبي"].place.name_ar == "دبي"
    assert locs["حمورية"].place.admin1_en == "Rural Damascus" and locs["حمورية"].place.name_ar == "حمورية"
    hama = _resolved(gaz, "سقطت قذائف على مدينة حماه.")["حماه"].place
    assert hama.name_en == "Hama" and hama.name_ar == "حماة"


def test_quarters_listed_before_their_city_stay_in_that_city(gaz):
    """QA11 N2/N3: «حيي الميدان والسليمانية في مدينة حلب» are two Aleppo quarters, not Sulaymaniyah of Iraq (the
    first place after the head is no city the quarters lie in); «الحميدية» of Deir ez-Zor is no Hasakah village;
    «حي باب توما وبالقصاع في دمشق» names Bab Touma, not al-Bab of Aleppo, and al-Qassaa without its clitic."""
    aleppo = _resolved(
        gaz, "سقطت قذائف صاروخية على حيي الميدان والسليمانية في مدينة حلب، ما أدى إلى مقتل ثلاثة مدنيين."
    )
    for surface in ("الميدان", "والسليمانية"):
        assert aleppo[surface].place.country == "SY" and aleppo[surface].place.admin1_en == "Aleppo"
        assert aleppo[surface].place.kind == "neighbourhood"
    deir = _resolved(gaz, "تمكنت وحدات الجيش من السيطرة على حيي الرشدية والحميدية في مدينة دير الزور.")
    assert {deir[s].place.admin1_en for s in ("الرشدية", "والحميدية")} == {"Deir-ez-Zor"}
    damascus = _resolved(gaz, "سقطت قذائف هاون على حي باب توما وبالقصاع في دمشق.")
    assert damascus["باب توما"].place.admin1_en == "Damascus"
    assert damascus["وبالقصاع"].place.name_ar == "القصاع"
    assert "باب" not in damascus


def test_a_quarter_before_a_glued_city_is_that_citys(gaz):
    """QA11 N2 (t12): «حي الميدان بدمشق» is the Midan quarter of Damascus though «بدمشق» reads as the governorate
    alone; «حي الشعار بحلب» likewise in Aleppo."""
    midan = _resolved(gaz, "فجر انتحاري حزامه الناسف في حي الميدان بدمشق، ما أسفر عن مقتل ثمانية.")["الميدان"]
    assert midan.place.kind == "neighbourhood" and midan.place.admin1_en == "Damascus"
    shaar = _resolved(gaz, "قصفت الطائرات حي الشعار بحلب.")["الشعار"]
    assert shaar.place.kind == "neighbourhood" and shaar.place.admin1_en == "Aleppo"


def test_the_label_keeps_the_article_the_report_writes(gaz):
    """QA11 N13: GeoNames writes al-Fu'a «فوعة»; the report, like the press, «الفوعة»."""
    assert _resolved(gaz, "قصفت الطائرات بلدتي كفريا والفوعة.")["والفوعة"].place.name_ar == "الفوعة"


def test_sinjar_is_the_iraqi_town_unless_the_text_puts_it_in_a_syrian_governorate(gaz):
    """«سنجار شمال العراق» is Sinjar of Iraq (GeoNames 448149, whose Arabic name the build had left to Idlib's
    Sanjar sub-district); «بلدة سنجار في ريف إدلب» stays the Idlib namesake: a town abroad loses where the text
    names a Syrian governorate around the name."""
    iraq = _resolved(gaz, "أعلن الرئيس التركي بدء عمليات عسكرية في سنجار شمال العراق ضد حزب العمال الكردستاني.")
    assert (iraq["سنجار"].place.place_id, iraq["سنجار"].place.country) == ("gn:448149", "IQ")
    idlib = _resolved(gaz, "قصفت الطائرات بلدة سنجار في ريف إدلب الشرقي.")["سنجار"].place
    assert (idlib.country, idlib.admin1) == ("SY", "SY07")


def test_a_name_once_written_beside_its_country_is_that_countrys_throughout_the_article(gaz):
    """«بدء عمليات عسكرية في سنجار شمال العراق … انسحبوا من عفرين باتجاه سنجار»: the article writes Sinjar beside
    Iraq once, so its later «سنجار», after Afrin, is Iraq's too, not the Syrian village the Syrian places around
    would pull it to; with no country beside it, the same report keeps a Syrian reading («ريف إدلب»)."""
    text = (
        "أعلن أردوغان بدء عمليات عسكرية في سنجار شمال العراق ضد حزب العمال الكردستاني. "
        "وقال إن المسلحين انسحبوا من عفرين ومنبج باتجاه سنجار."
    )
    locs = [loc for loc in geoparse(Article("t", text), gaz) if loc.mention.surface == "سنجار"]
    assert [loc.place.place_id for loc in locs] == ["gn:448149", "gn:448149"]
    assert "IQ named beside it" in locs[1].reason
    syrian = _resolved(gaz, "قصفت الطائرات بلدة سنجار في ريف إدلب الشرقي، وقال مسؤول تركي إن أنقرة تتابع.")
    assert syrian["سنجار"].place.country == "SY"


def test_a_name_beside_a_place_of_one_country_or_its_nisba_is_that_countrys(gaz):
    """«يشمل مناطق سنجار، وجبل قنديل»: the Qandil mountains lie only in Iraq, so Sinjar beside them is Iraq's, as
    «العملية العسكرية العراقية في منطقة سنجار» (the Iraqi nisba) makes it; after Afrin alone, with neither, it is
    not pulled abroad, and «بلدة سنجار في ريف إدلب» stays Idlib's."""
    for text in (
        "وقال أردوغان إن الهجوم قد يشمل مناطق سنجار، وجبل قنديل، بعد السيطرة على عفرين.",
        "والتقى مسؤول عراقي لبحث العملية العسكرية العراقية في منطقة سنجار بعد السيطرة على عفرين.",
    ):
        sinjar = _resolved(gaz, text)["سنجار"]
        assert sinjar.place.place_id == "gn:448149" and "IQ named beside it" in sinjar.reason, text
    alone = _resolved(gaz, "وقال أردوغان إن المقاتلين هربوا من عفرين إلى سنجار.")["سنجار"]
    assert "named beside it" not in alone.reason
    idlib = _resolved(gaz, "قصفت الطائرات بلدة سنجار في ريف إدلب الشرقي بعد العملية العسكرية العراقية.")
    assert idlib["سنجار"].place.country == "SY"


def test_ras_al_ayn_beside_tell_abyad_is_the_hasakah_city(gaz):
    """«منبج وعين العرب وتل أبيض ورأس العين والقامشلي» names the border city Ras al-Ayn of al-Hasakah (29,347 in the
    2004 census, en.wikipedia; a population row), not the Aleppo hamlet of the name nearer to Tell Abyad."""
    found = _resolved(gaz, "سنخرجهم من منبج وعين العرب وتل أبيض ورأس العين والقامشلي.")
    assert found["ورأس العين"].place.place_id == "wof:1276457637"


def test_a_governorate_name_is_not_a_hamlet_of_another_governorate(gaz):
    """«القنيطرة» beside Idlib's towns is Quneitra, not the unpeopled Idlib hamlet of that name."""
    text = (
        "وصلت حافلات تقل مقاتلين من المعارضة إلى مدينة إدلب وبلدة معرة النعمان، بعد اتفاق يقضي بخروجهم "
        "من القنيطرة وتسليم مواقعهم للقوات الحكومية."
    )
    art = Article("t-quneitra", text, None)
    (loc,) = [loc for loc in geoparse(art, gaz) if loc.mention.surface == "القنيطرة"]
    assert loc.place.admin1 == "SY14"  # Quneitra governorate, 150 km from Idlib's hamlet
    assert km(loc.place.lat, loc.place.lon, 33.126, 35.825) < 20


def test_a_populous_town_anchors_the_article_as_a_city_does(gaz):
    """«عفرين» has an unpeopled namesake east of Aleppo, yet the town of 48,693 is what it means, so it draws the
    article's other names to it: «بلدة بلبل» 30 km from Afrin is Afrin's Bulbul, not Deir ez-Zor's."""
    text = (
        "وقال رجل في عفرين إن أسرته انتقلت إلى بلدة بلبل على بعد 30 كيلومترا، عندما شنت تركيا هجومها على منطقة "
        "عفرين."
    )
    (loc,) = [loc for loc in geoparse(Article("t-bulbul", text), gaz) if loc.mention.surface == "بلبل"]
    assert loc.place.admin1 == "SY02" and km(loc.place.lat, loc.place.lon, 36.51, 36.87) < 40
