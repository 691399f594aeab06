"""The gazetteer a user's map depends on: real coordinates, honest provenance, a reproducible build."""

from __future__ import annotations

import argparse
import csv
import gzip
import re

import pytest

from geo import gazetteer
from geo.commands import build_gazetteer
from geo.gazetteer import fold, load

SOURCES = gazetteer.DEFAULT_SOURCES


@pytest.fixture(scope="module")
def gaz():
    return load()


def named(gaz, name, kind=None, admin1=None):
    key = fold(name)
    return [
        p
        for p in gaz
        if key in {fold(n) for n in p.names_ar}
        and (kind is None or p.kind == kind)
        and (admin1 is None or p.admin1 == admin1)
    ]


def one(gaz, name, kind=None, admin1=None):
    found = named(gaz, name, kind, admin1)
    assert len(found) == 1, [(p.place_id, p.kind, p.admin1) for p in found]
    return found[0]


def near(place, lat, lon, tol=0.05):
    return abs(place.lat - lat) <= tol and abs(place.lon - lon) <= tol


def test_build_from_data_sources_reproduces_the_committed_file(tmp_path):
    out = tmp_path / "gaz.csv.gz"
    summary = gazetteer.build(SOURCES, out)
    committed = gzip.decompress(gazetteer.DEFAULT_PATH.read_bytes()).decode("utf-8")
    rebuilt = gzip.decompress(out.read_bytes()).decode("utf-8")
    assert summary["rows"] == len(load()) == len(load(out))
    assert rebuilt == committed, "data/gazetteer.csv.gz is stale: run `python -m geo build-gazetteer`"


def test_cli_command_builds_and_prints_a_summary(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    build_gazetteer.add_parser(parser.add_subparsers())
    args = parser.parse_args(["build-gazetteer", "--out", str(tmp_path / "g.csv.gz")])
    assert args.func(args) == 0
    line = capsys.readouterr().out.strip()
    assert re.search(
        r"\d+ places \(airportsdata \d+, cited \d+, geonames \d+, iso3166 2\d\d, naturalearth \d+, opensyria 348, ourairports \d+, "
        r"overlay_cited \d+, overlay_project \d+, wof",
        line,
    )
    assert "with Arabic names" in line
    assert len(load(tmp_path / "g.csv.gz")) == len(load())


def test_missing_file_says_how_to_build_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m geo build-gazetteer"):
        load(tmp_path / "nowhere.csv.gz")


def test_cities_have_their_real_coordinates(gaz):
    assert near(one(gaz, "الرقة", kind="city"), 35.95, 39.01)
    assert near(one(gaz, "تدمر", kind="city"), 34.56, 38.28)
    assert near(one(gaz, "دير الزور", kind="city"), 35.34, 40.14)
    assert near(one(gaz, "حلب", kind="city"), 36.20, 37.16)
    assert one(gaz, "الرقة", kind="city").population > 100_000


def test_homonyms_all_exist_with_their_governorates(gaz):
    sukhnah_homs = one(gaz, "السخنة", admin1="SY04", kind="village")
    assert near(sukhnah_homs, 34.88, 38.87)
    assert one(gaz, "السخنة", admin1="SY02").lat > 36  # the Aleppo village of the same name
    maskanah = named(gaz, "مسكنة")
    settlements = [p for p in maskanah if p.kind in ("city", "town", "village")]
    assert len(settlements) >= 3
    assert any(p.admin1 == "SY02" for p in settlements)
    assert len({p.admin1 for p in settlements}) >= 3


def test_al_tanf_is_in_the_syrian_desert(gaz):
    tanf = named(gaz, "التنف")
    assert {p.kind for p in tanf} >= {"village", "base"}
    assert all(near(p, 33.5, 38.65, tol=0.1) for p in tanf)


def test_foreign_venues_and_countries(gaz):
    assert one(gaz, "جنيف").country == "CH"
    astana = one(gaz, "أستانا")
    assert (astana.country, astana.name_ar) == ("KZ", "أستانا")
    assert one(gaz, "نور سلطان") == astana
    syria = one(gaz, "سوريا", kind="country")
    assert syria.country == "SY" and one(gaz, "الجمهورية العربية السورية") == syria
    assert not named(gaz, "الشام", kind="country")
    countries = {p.country: p for p in gaz if p.kind == "country"}
    assert set(countries) >= {"SY", "JO", "IQ", "LB", "TR", "RU", "IR", "US", "FR", "DE", "KZ", "GB"}
    assert len(countries) > 200  # every ISO 3166 country with a capital, once each
    assert len([p for p in gaz if p.kind == "country"]) == len(countries)
    # Countries no bulk source has stand at their capital's point, flagged as region-only.
    russia = countries["RU"]
    moscow = gaz.get("gn:524901")
    assert (russia.lat, russia.lon) == (moscow.lat, moscow.lon)
    assert russia.geo_precision == 3 and russia.parent_id == "gn:524901" and russia.admin1 == ""
    assert countries["SY"].geo_precision == 1


def test_only_plausible_arabic_spellings(gaz):
    persian = re.compile("[پچژگکیۆێەڕڵہ]")
    assert not [n for p in gaz for n in p.names_ar if persian.search(n)]
    assert "پاریس" not in one(gaz, "باريس").names_ar
    assert not [n for p in gaz for n in p.names_ar if re.search("[A-Za-z]", n)]


def test_fourteen_governorates_with_ocha_pcodes(gaz):
    govs = gaz.governorates()
    assert [g.admin1 for g in govs] == [f"SY{i:02d}" for i in range(1, 15)]
    assert all(g.place_id == f"ocha:{g.admin1}" and g.source == "opensyria" for g in govs)
    assert gaz.governorate("SY11").name_ar == "الرقة"
    # WOF's region records are folded into the OCHA row, not a second governorate
    assert "محافظة حماه" in gaz.governorate("SY05").names_ar
    with pytest.raises(KeyError):
        gaz.governorate("SY99")
    # the city and the governorate of the same name are two rows
    assert {p.kind for p in named(gaz, "حلب")} >= {"city", "governorate"}


def test_every_row_says_where_it_comes_from(gaz):
    assert all(p.source and p.source_id for p in gaz)
    assert {p.source for p in gaz} == {
        "airportsdata",
        "cited",
        "wof",
        "geonames",
        "iso3166",
        "naturalearth",
        "opensyria",
        "ourairports",
        "overlay_cited",
        "overlay_project",
    }


def test_approximate_rows_borrow_their_parents_point(gaz):
    approx = [p for p in gaz if p.geo_precision == 2]
    assert approx
    for p in approx:
        parent = gaz[p.parent_id]
        assert (p.lat, p.lon) == (parent.lat, parent.lon)
        assert "approximate" in gaz.flags(p.place_id)
        # a project row says why it is approximate; a cited row (crossing, area) names the text it rests on
        assert (p.source == "overlay_project" and "approximate" in p.source_id) or (
            p.source == "cited" and p.source_id.startswith("http")
        )


def test_raqqa_quarters_sit_under_raqqa_city(gaz):
    raqqa = one(gaz, "الرقة", kind="city")
    mishlab = one(gaz, "حي المشلب")
    assert (mishlab.kind, mishlab.parent_id, mishlab.admin1) == ("neighbourhood", raqqa.place_id, "SY11")
    hittin = named(gaz, "حطين")
    assert {p.admin1 for p in hittin} == {"SY08", "SY11"}  # Hasakah village and Raqqa quarter
    field = one(gaz, "حقل آرك")
    assert (field.kind, (field.lat, field.lon)) == (
        "oil_field",
        (gaz[field.parent_id].lat, gaz[field.parent_id].lon),
    )
    assert "173072" in gaz[field.parent_id].source_id


def test_cited_overlay_keeps_published_coordinates(gaz):
    with open(SOURCES / "overlay_cited.csv", encoding="utf-8") as fp:
        rows = list(csv.DictReader(fp))
    for r in rows:
        hits = [p for p in named(gaz, r["name_ar"]) if (p.lat, p.lon) == (float(r["lat"]), float(r["lon"]))]
        assert hits, r["name_ar"]
    division = gaz["ovl:division-17"]
    assert division.source == "overlay_cited" and division.source_id.startswith("https://")


def test_abandoned_places_are_kept_but_marked(gaz):
    gone = [p for p in gaz if ";PPLQ" in p.source_id]
    assert len(gone) > 100
    assert all(gaz.is_abandoned(p.place_id) and p.population == 0 for p in gone)
    assert not gaz.is_abandoned(one(gaz, "الرقة", kind="city").place_id)


def test_search_ignores_case_and_diacritics(gaz):
    assert one(gaz, "حماة", kind="city") in gaz.search("حماه", limit=5)
    assert one(gaz, "دير الزور", kind="city") in gaz.search("دير الزّور", limit=5)
    assert one(gaz, "حلب", kind="city") in gaz.search("ALEPPO", limit=5)
    assert one(gaz, "الرقة", kind="city") in gaz.search("Ar Raqqah", limit=3)
    hits = gaz.search("الرقة", limit=10)
    assert hits[0].name_ar == "الرقة"
    assert gaz.search("zzzzqqq") == [] and gaz.search("  ") == []


def test_with_aliases_returns_a_new_gazetteer(gaz):
    raqqa = one(gaz, "الرقة", kind="city")
    extended = gaz.with_aliases([("رقة الرشيد", raqqa.place_id), ("لا شيء", "wof:does-not-exist")])
    assert "رقة الرشيد" in extended[raqqa.place_id].names_ar
    assert "رقة الرشيد" not in gaz[raqqa.place_id].names_ar
    assert len(extended) == len(gaz)
    assert extended.search("رقة الرشيد")[0].place_id == raqqa.place_id


def test_rows_use_the_shared_vocabulary(gaz):
    from geo.model import PLACE_KINDS

    pcodes = {f"SY{i:02d}" for i in range(1, 15)}
    assert all(p.kind in PLACE_KINDS for p in gaz)
    assert all(p.admin1 in pcodes or p.admin1 == "" for p in gaz)
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in gaz)
    syrian = [p for p in gaz if p.country == "SY" and p.kind in ("city", "town", "village")]
    assert sum(1 for p in syrian if p.admin1) / len(syrian) > 0.99


def test_project_overlay_fixes_foreign_spellings_and_drops_common_words(gaz):
    amman = one(gaz, "عمّان", kind="city")  # Oman, «عُمان», folds to the same letters
    assert (amman.country, amman.name_ar) == ("JO", "عمّان")
    assert "امان" not in amman.names_ar  # «أمان» (safety) once hamza is folded
    assert one(gaz, "طهران").country == "IR"


# --------------------------------------------------------------------------- foreign places (GeoNames + ISO 3166)


@pytest.mark.parametrize(
    "name, geonameid, lat, lon",
    [
        ("سوتشي", 491422, 43.60, 39.73),
        ("الرياض", 108410, 24.69, 46.72),
        ("فيينا", 2761369, 48.21, 16.37),
        ("كلس", 307864, 36.72, 37.12),
        ("غازي عنتاب", 314830, 37.06, 37.38),
        ("دبي", 292223, 25.08, 55.31),
    ],
)
def test_foreign_cities_stand_at_their_geonames_points(gaz, name, geonameid, lat, lon):
    city = one(gaz, name, kind="city")
    assert city.place_id == f"gn:{geonameid}" and city.source == "geonames"
    assert near(city, lat, lon) and city.country != "SY" and city.geo_precision == 1


@pytest.mark.parametrize(
    "names, iso2, capital",
    [
        (["إسرائيل", "دولة إسرائيل"], "IL", "gn:281184"),
        (["السعودية", "المملكة العربية السعودية"], "SA", "gn:108410"),
        (["الإمارات", "الإمارات العربية المتحدة"], "AE", "gn:292968"),
        (["مصر", "جمهورية مصر العربية"], "EG", "gn:360630"),
        (["قطر", "دولة قطر"], "QA", "gn:290030"),
    ],
)
def test_countries_stand_at_their_capitals_point(gaz, names, iso2, capital):
    country = one(gaz, names[0], kind="country")
    assert all(one(gaz, n, kind="country") == country for n in names[1:])
    assert (country.country, country.geo_precision, country.parent_id, country.admin1) == (
        iso2,
        3,
        capital,
        "",
    )
    assert (country.lat, country.lon) == (gaz[capital].lat, gaz[capital].lon)
    assert "approximate" in gaz.flags(country.place_id)


def test_one_row_per_foreign_city_and_country(gaz):
    # the 16 cities already in the Syria file and the cited London are merged, not repeated
    assert len(named(gaz, "موسكو", kind="city")) == 1
    (london,) = [p for p in named(gaz, "لندن", kind="city") if p.country == "GB"]  # and London, Ontario
    assert london.place_id == "ovl:london" and london.population > 1_000_000
    assert gaz["gn:2635167"].parent_id == "ovl:london"  # the United Kingdom stands at it
    assert len(named(gaz, "روسيا", kind="country")) == 1 and len(named(gaz, "تركيا", kind="country")) == 1


def test_foreign_towns_leave_syrian_names_to_syria(gaz):
    # Kenitra (Morocco) is «القنيطرة» in GeoNames; Sidon shares «صيدا» with villages of Daraa and Quneitra
    assert all(p.country == "SY" for p in named(gaz, "القنيطرة"))
    assert all(p.country == "SY" for p in named(gaz, "صيدا"))
    assert not named(gaz, "أرمينيا", kind="city")  # Armenia, Colombia: the name is the country's
    assert "المالديف" not in one(gaz, "جمهورية مولدوفا").names_ar  # a wrong iso-codes translation


def test_foreign_extracts_keep_only_plain_arabic(gaz):
    with open(SOURCES / "geonames_foreign_cities.csv", encoding="utf-8") as fp:
        cities = list(csv.DictReader(fp))
    names = [n for r in cities for n in r["names_ar"].split("|") if n]
    assert len(cities) > 1000 and names
    assert not [n for n in names if not gazetteer.is_arabic_name(n)]
    assert not [n for n in names if re.search("[\u064b-\u0652]", n)]  # harakat stripped
    near_min = [r for r in cities if r["countrycode"] in ("TR", "IQ", "LB", "JO", "IL", "PS")]
    assert min(int(r["population"]) for r in near_min if r["capital"] == "0") >= 15_000


def test_war_regions_are_their_own_places_not_a_suburb(gaz):
    ghouta = one(gaz, "الغوطة الشرقية")
    assert (ghouta.name_en, ghouta.kind, ghouta.geo_precision) == ("Eastern Ghouta", "region", 3)
    assert (ghouta.lat, ghouta.lon) == (gaz[ghouta.parent_id].lat, gaz[ghouta.parent_id].lon)
    assert 33.5 < ghouta.lat < 33.6 and 36.35 < ghouta.lon < 36.45  # between Douma, Harasta and Kafr Batna
    assert "الغوطة الشرقية" not in gaz["ocha:SY030103"].names_ar  # Jaramana keeps only its own names
    qalamoun = one(gaz, "القلمون الشرقي")
    assert (qalamoun.name_en, qalamoun.admin1, qalamoun.parent_id) == (
        "Eastern Qalamoun",
        "SY03",
        "ocha:SY0303",
    )


def test_air_bases_from_airportsdata_carry_the_arabic_of_their_namesake(gaz):
    """Shayrat air base (ICAO OS65) is a row of its own, at the package's point, named as the press names it."""
    shayrat = gaz["icao:OS65"]
    assert shayrat.kind == "base" and shayrat.source == "airportsdata"
    assert (round(shayrat.lat, 2), round(shayrat.lon, 2)) == (34.49, 36.91)
    assert {"مطار الشعيرات", "قاعدة الشعيرات الجوية"} <= set(shayrat.names_ar)
    assert shayrat.admin1 == "SY04"  # Homs, the governorate of the village it is named after
    # Qamishli airport was already a WOF row: the package's spellings are folded into it, not a second point
    qamishli = [p for p in gaz if "مطار القامشلي" in p.names_ar]
    assert [p.source for p in qamishli] == ["wof"]


def test_golan_heights_and_lake_assad_stand_at_their_natural_earth_points(gaz):
    """Kinds no settlement source has: the plateau at Natural Earth's label point (Quneitra by OCHA's polygon),
    the lake at the representative point of its Natural Earth polygon, each row citing its ne_id."""
    golan = gaz["ne:1159320905"]
    assert golan.source == "naturalearth" and golan.source_id == "1159320905;Q83210"
    assert (golan.kind, golan.admin1, golan.country) == ("region", "SY14", "SY")
    assert near(golan, 32.9922, 35.7343, tol=0.001)
    assert {"هضبة الجولان", "مرتفعات الجولان", "الجولان"} <= set(golan.names_ar)  # place_heads.jsonl
    lake = one(gaz, "بحيرة الأسد")
    assert (lake.place_id, lake.kind, lake.admin1) == ("ne:1159125377", "lake", "SY02")
    assert near(lake, 36.057, 38.087, tol=0.01)  # on the lake behind the Tabqa dam, not at Tabqa town
    tigris = one(gaz, "نهر دجلة")  # where it borders Syria, not mid-Iraq
    assert tigris.kind == "river" and near(tigris, 37.31, 42.22, tol=0.05)
    hermon = one(gaz, "جبل الشيخ", kind="mountains")
    assert hermon.source == "naturalearth" and near(hermon, 33.41, 35.86, tol=0.01)


def test_neighbouring_provinces_come_with_their_natural_earth_names(gaz):
    hatay = one(gaz, "هاتاي")
    assert (hatay.kind, hatay.country, hatay.admin1) == ("region", "TR", "")
    assert "محافظة هاتاي" in hatay.names_ar
    assert not named(gaz, "محافظة الشمال")  # North Lebanon: «the northern province» is words, not a name
    anbar = one(gaz, "محافظة الأنبار")
    # the bare «الأنبار» is too common a word to stand alone
    assert anbar.country == "IQ" and "الأنبار" not in anbar.names_ar
    kilis = one(gaz, "محافظة كلس")
    assert "كلس" not in kilis.names_ar  # the bare name stays the city's
    assert one(gaz, "كلس", kind="city").country == "TR"


def test_ourairports_adds_the_bases_airportsdata_lacks(gaz):
    """Tiyas (T4), ICAO OS72, is in OurAirports only: a base at OurAirports' point, named after Tiyas village;
    Shayrat (OS65) is in both packages and stays one row."""
    tiyas = gaz["icao:OS72"]
    assert (tiyas.kind, tiyas.source, tiyas.admin1) == ("base", "ourairports", "SY04")
    assert near(tiyas, 34.5226, 37.6299, tol=0.001)
    assert {"مطار التياس", "مطار تياس العسكري", "قاعدة التياس الجوية"} <= set(tiyas.names_ar)
    assert [p.place_id for p in gaz if "مطار الشعيرات" in p.names_ar] == ["icao:OS65"]
    assert "ourairports:OS65" in gaz["icao:OS65"].source_id


def test_countries_answer_to_natural_earths_short_arabic_names(gaz):
    """ISO's translation is the official name («جمهورية كوريا الشعبية الديموقراطية»); the press writes the one
    Natural Earth gives. The name joins the existing country row, not a second one."""
    north = one(gaz, "كوريا الشمالية", kind="country")
    assert north.country == "KP" and "جمهورية كوريا الشعبية الديموقراطية" in north.names_ar
    assert "ne:" in north.source_id and north.source == "iso3166"
    assert one(gaz, "كوريا الجنوبية", kind="country").country == "KR"


def test_cited_arabic_names_reach_the_airfield_not_a_namesake_village(gaz):
    """«مطار المزة العسكري» is the Damascus airfield (OurAirports OS67's point), not Aleppo's village al-Mazzah;
    T4 answers to «التيفور», cited from Arabic Wikipedia, while «المزة» alone stays the village's."""
    mezzeh = one(gaz, "مطار المزة العسكري")
    assert (mezzeh.place_id, mezzeh.admin1) == ("icao:OS67", "SY01")
    assert near(mezzeh, 33.4775, 36.2234, tol=0.001)
    assert "cited:" in mezzeh.source_id
    assert "المزة" not in mezzeh.names_ar
    t4 = one(gaz, "التيفور")
    assert t4.place_id == "icao:OS72" and {"مطار التيفور", "قاعدة التيفور", "تيفور"} <= set(t4.names_ar)
    assert "T-4" in t4.names_en  # the cited article's English name


def test_border_crossings_stand_at_the_town_they_are_named_after(gaz):
    """No source here gives a crossing's own point: Nasib's borrows Nasib village's in Daraa (not the Hasakah
    namesake), region precision, and a reader can follow its source_url to the text that places it. «معبر نصيب»,
    the press's short form, is its own name (the matcher reads it only when the text says border)."""
    nasib = one(gaz, "معبر جابر نصيب")
    assert one(gaz, "معبر نصيب") == nasib and one(gaz, "معبر كسب").kind == "border_crossing"
    village = gaz[nasib.parent_id]
    assert (nasib.kind, nasib.geo_precision, nasib.source) == ("border_crossing", 2, "cited")
    assert village.name_ar == "نصيب" and village.admin1 == nasib.admin1 == "SY12"
    assert (nasib.lat, nasib.lon) == (village.lat, village.lon)
    assert nasib.source_id.startswith("https://")


def test_a_reader_finds_the_golan_and_lake_assad_on_the_map(gaz):
    """Geoparsed in a sentence, the new kinds land on their source points, not on a same-named village."""
    from datetime import date

    from geo.model import Article
    from geo.pipeline import geoparse

    text = "قصفت المدفعية مواقع في مرتفعات الجولان، وغرق قارب في بحيرة الأسد قرب الطبقة، وقصفت إسرائيل مطار التيفور."
    found = {
        loc.place.place_id: loc.place
        for loc in geoparse(Article("t", text, date(2018, 5, 10)), gaz)
        if loc.place
    }
    assert {"ne:1159320905", "ne:1159125377", "icao:OS72"} <= set(found)
    assert near(found["ne:1159125377"], 36.057, 38.087, tol=0.01)
    assert near(found["ne:1159320905"], 32.992, 35.734, tol=0.01)


def test_damascus_quarters_are_quarters_of_damascus_not_their_namesake_villages(gaz):
    """«المزة», «جوبر», «برزة», «القابون»: quarters of Damascus at their cited points, with the census figure the cited
    text gives, under Damascus city; the Aleppo, Homs and Idlib villages of the same names are kept."""
    damascus = one(gaz, "دمشق", kind="city")
    for name, lat, lon in (("المزة", 33.503, 36.258), ("جوبر", 33.517, 36.317), ("برزة", 33.557, 36.321)):
        quarter = one(gaz, name, kind="neighbourhood", admin1="SY01")
        assert (quarter.parent_id, quarter.source) == (damascus.place_id, "overlay_cited")
        assert near(quarter, lat, lon, tol=0.01) and quarter.population > 40_000
        assert [p for p in named(gaz, name) if p.admin1 != "SY01"], name  # the namesake villages stay
    assert one(gaz, "حي التضامن").parent_id == damascus.place_id
    qadam = one(gaz, "حي القدم")
    assert qadam.parent_id == damascus.place_id and qadam.population == 95_944
    assert not named(gaz, "القدم")  # «كرة القدم»: the quarter is only «حي/منطقة القدم»
    assert not named(gaz, "التضامن")  # the word «solidarity»: only «حي التضامن» names the quarter


def test_dams_valleys_plains_and_crossings_from_cited_sources(gaz):
    tabqa = one(gaz, "سد الفرات")
    assert tabqa.kind == "dam" and one(gaz, "سد الطبقة") == tabqa and near(tabqa, 35.872, 38.567, tol=0.01)
    assert one(gaz, "سد تشرين").admin1 == "SY02" and one(gaz, "سد البعث").admin1 == "SY11"
    assert one(gaz, "وادي بردى").admin1 == "SY03" and one(gaz, "جبل العرب").admin1 == "SY13"
    hawa = one(gaz, "معبر باب الهوى")
    assert (hawa.kind, hawa.admin1) == ("border_crossing", "SY07") and near(hawa, 36.231, 36.693, tol=0.01)
    ghab = one(gaz, "سهل الغاب")
    assert (ghab.kind, ghab.geo_precision, ghab.parent_id) == ("region", 3, "ocha:SY0502")
    assert not named(gaz, "الغاب")  # «the forest»
    assert one(gaz, "جبل قاسيون").kind == "mountains"
    assert not named(gaz, "قاسيون")  # also a news agency's name
    assert near(one(gaz, "تلول الصفا"), 33.036, 37.198, tol=0.01)


def test_the_wafideen_crossing_kilis_and_al_shabki_spelt_as_the_press_spells_them(gaz):
    camp = one(gaz, "مخيم الوافدين")
    crossing = one(gaz, "معبر الوافدين")
    assert (crossing.parent_id, crossing.geo_precision, crossing.admin1) == (camp.place_id, 2, "SY03")
    assert one(gaz, "كيليس") == one(gaz, "كلس", kind="city") and one(gaz, "كيليس").country == "TR"
    shabki = one(gaz, "الشبكي")  # GeoNames spells it «شبيكي»; the press «الشبكي»
    assert shabki == one(gaz, "شبيكي") and shabki.admin1 == "SY13"
    assert not named(gaz, "الشريحة")  # the word «segment», not al-Sharihi («شريحي»)


def test_a_cited_census_figure_lifts_a_town_the_source_left_at_zero(gaz):
    zamalka = one(gaz, "زملكا")
    assert zamalka.population == 44_660 and zamalka.source == "wof"
    # Wadi Barada's villages carry the 2004 census figures the valley's article lists
    assert one(gaz, "جمرايا").population == 1_156
    assert one(gaz, "السيدة زينب").population == 136_427
    assert one(gaz, "حمورية").population == 20_000
    busr = one(gaz, "بصر الحرير")  # the press's Busr al-Harir; GeoNames writes «بصرى الحريري»
    assert busr == one(gaz, "بصرى الحريري") and busr.population == 13_315


def test_a_reader_finds_damascus_quarters_dams_and_crossings_in_a_report(gaz):
    """Geoparsed in sentences, the new rows win over their namesakes: the Damascus quarter, not the Homs village."""
    from datetime import date

    from geo.model import Article
    from geo.pipeline import geoparse

    text = (
        "قصفت المدفعية جوبر والقابون وبرزة شرقي دمشق، وسيطرت قوات سوريا الديمقراطية على سد الفرات، "
        "ووصلت القافلة إلى معبر باب الهوى، واستهدفت الغارات منطقة سهل الغاب."
    )
    found = {
        loc.mention.surface: loc.place.place_id
        for loc in geoparse(Article("t", text, date(2018, 5, 10)), gaz)
        if loc.place
    }
    assert (
        found["جوبر"] == "ovl:jobar" and found["وبرزة"] == "ovl:barzeh" and found["والقابون"] == "ovl:qaboun"
    )
    assert found["سد الفرات"] == "ovl:tabqa-dam"
    assert (
        found["معبر باب الهوى"] == "ovl:bab-al-hawa-border-crossing"
        and found["منطقة سهل الغاب"] == "prj:ghab-plain"
    )


def test_hmeimim_is_the_russian_base_at_bassel_al_assad_airport(gaz):
    """«قاعدة حميميم الجوية», «مطار حميميم»: the cited press names of Bassel al-Assad airport (OSLK); «حميميم» alone
    stays the village next to it."""
    base = gaz["icao:OSLK"]
    assert base.name_ar == "مطار باسل الأسد الدولي"
    assert one(gaz, "قاعدة حميميم الجوية") == base and one(gaz, "مطار حميميم") == base
    assert one(gaz, "حميميم").kind == "village" and near(one(gaz, "حميميم"), base.lat, base.lon, tol=0.02)
    # Aleppo airport, not the Idlib village al-Nayrab
    assert one(gaz, "مطار النيرب العسكري") == gaz["icao:OSAP"]


def test_a_kafr_name_is_also_found_joined_as_the_press_writes_it(gaz):
    """«كفربطنا» is Kafr Batna («كفر بطنا»); only «كفر» is joined: «تلعفر» stays Iraq's Tal Afar, not a Syrian «تل عفر»."""
    assert {p.place_id for p in named(gaz, "كفربطنا")} == {p.place_id for p in named(gaz, "كفر بطنا")}
    assert all(p.country != "SY" for p in named(gaz, "تلعفر"))
    # WOF already gives the town of Kafr Nabl «كفرنبل»: the sub-district «كفر نبل» does not take it from the town
    assert [p.kind for p in named(gaz, "كفرنبل")] == ["town"]


def test_a_basin_and_city_quarters_stand_at_the_place_a_cited_text_puts_them_in(gaz):
    """data/sources/areas_cited.csv: the Yarmouk basin at the Ash-Shajara sub-district, Deir ez-Zor's quarters at the
    city; approximate, each with its cited source and its parent."""
    basin = one(gaz, "حوض اليرموك")
    assert (basin.kind, basin.parent_id, basin.admin1, basin.geo_precision) == (
        "region",
        "ocha:SY120003",
        "SY12",
        2,
    )
    assert one(gaz, "وادي اليرموك") == basin and "approximate" in gaz.flags(basin.place_id)
    assert basin.source == "cited" and basin.source_id.startswith("https://")
    deir = one(gaz, "دير الزور", kind="city")
    for name in ("حي الجورة", "حي الحويقة"):
        quarter = one(gaz, name)
        assert (quarter.kind, quarter.parent_id, (quarter.lat, quarter.lon)) == (
            "neighbourhood",
            deir.place_id,
            (deir.lat, deir.lon),
        )


def test_a_reader_finds_deir_ez_zor_quarters_and_the_yarmouk_basin_in_a_report(gaz):
    from geo.model import Article
    from geo.pipeline import geoparse

    text = (
        "دارت اشتباكات في حي الجورة وحي الحويقة بمدينة دير الزور، فيما قصفت الطائرات حوض اليرموك غربي درعا."
    )
    found = {loc.mention.surface: loc.place.name_en for loc in geoparse(Article("t", text), gaz) if loc.place}
    assert found["حي الجورة"] == "al-Joura quarter" and found["وحي الحويقة"] == "al-Huwayqa quarter"
    assert found["حوض اليرموك"] == "Yarmouk Basin"


def test_al_qalamoun_is_the_mountains_north_east_of_damascus_not_a_lattakia_village(gaz):
    """«القلمون» alone is the Qalamoun mountains (en.wikipedia's point), which the press names as a region; the
    Lattakia village «قلمون» is no longer read with an article it does not have."""
    from geo.model import Article
    from geo.pipeline import geoparse

    mountains = one(gaz, "جبال القلمون")
    assert (mountains.kind, mountains.admin1) == ("mountains", "SY03") and near(
        mountains, 34.0016, 36.8226, tol=0.001
    )
    assert one(gaz, "القلمون") == mountains
    text = "وهدد النظام الفصائل المسلحة الموجودة في القلمون بشن عملية عسكرية بعد الغوطة الشرقية."
    found = {
        loc.mention.surface: loc.place.place_id for loc in geoparse(Article("t", text), gaz) if loc.place
    }
    assert found["القلمون"] == mountains.place_id


def test_a_quarter_no_source_names_has_an_english_name_without_arabic():
    """«حي صلاح الدين في حلب», a quarter no source gives, reads «quarter of Aleppo» in English (was «صلاح الدين
    (Aleppo)», Arabic inside the English name); its Arabic name and its city's point stay."""
    from geo.gazetteer import quarter_id, quarter_of
    from geo.model import Place

    aleppo = Place("gn:170063", "حلب", "Aleppo", "city", 36.2, 37.16, admin1="SY02", admin1_en="Aleppo")
    quarter = quarter_of({aleppo.place_id: aleppo}, quarter_id(aleppo.place_id, "صلاح الدين"))
    assert quarter.name_en == "quarter of Aleppo"
    assert (quarter.name_ar, quarter.lat, quarter.lon, quarter.parent_id) == ("صلاح الدين", 36.2, 37.16, "gn:170063")


def test_qandil_makhmur_and_al_jiah_are_read_where_their_sources_put_them(gaz):
    """The Qandil mountains (en.wikipedia's point, Iraq) and Makhmur (GeoNames 93818, Iraq) are overlay_cited rows
    with their country; al-Ji'ah stands at Junaynah of Deir ez-Zor, the village the cited text names it with. A
    report of the Turkish threats reads all three abroad or on the Euphrates, and «ليلة قنديل رجب» is no mountain."""
    from geo.model import Article
    from geo.pipeline import geoparse

    qandil = one(gaz, "جبال قنديل")
    assert (qandil.kind, qandil.country) == ("mountains", "IQ") and near(qandil, 36.54111, 44.99611, tol=0.001)
    makhmur = one(gaz, "مخمور")
    assert (makhmur.country, makhmur.kind) == ("IQ", "town") and near(makhmur, 35.77622, 43.57974, tol=0.001)
    jiah = one(gaz, "الجيعة")
    assert (jiah.admin1, jiah.parent_id) == ("SY09", "wof:1277071215")
    text = "وقال أردوغان: سنضرب سنجار وسنضرب قنديل وسنضرب حتى مخمور. وسيطرت القوات على قرى الجنينة والجيعة بريف دير الزور."
    found = {loc.mention.surface: loc.place.place_id for loc in geoparse(Article("t", text), gaz) if loc.place}
    assert found["قنديل"] == qandil.place_id and found["مخمور"] == makhmur.place_id
    assert found["والجيعة"] == jiah.place_id
    lamp = "وتزامن الهجوم مع ليلة قنديل رجب."
    assert not [loc for loc in geoparse(Article("t", lamp), gaz) if loc.place]


def test_kurdistan_region_israeli_air_bases_and_the_two_shia_towns_of_idlib(gaz):
    """«إقليم كردستان» is the Kurdistan Region of Iraq (at Erbil, as en.wikipedia's infobox), «قاعدتي رامون وحتسريم»
    two Israeli air bases (ar.wikipedia / OurAirports points), and «كفريا والفوعة» the Idlib towns, whose 2004 census
    figures (en.wikipedia) let them stand without a governorate named around them."""
    from geo.model import Article
    from geo.pipeline import geoparse

    kurdistan = one(gaz, "إقليم كردستان")
    assert (kurdistan.kind, kurdistan.country) == ("region", "IQ") and near(kurdistan, 36.183, 44.0, tol=0.001)
    assert {one(gaz, "قاعدة رامون").country, one(gaz, "قاعدة حتسريم").country} == {"IL"}
    assert (gaz.get("wof:1310392609").population, gaz.get("wof:1343348707").population) == (10264, 4404)
    text = "سوريا: بعد إخلاء كفريا والفوعة إدلب بلا شيعة. ويقيم الأكراد على غرار إقليم كردستان في شمال العراق."
    found = {loc.mention.surface: loc.place for loc in geoparse(Article("t", text), gaz) if loc.place}
    assert found["كفريا"].admin1 == "SY07" and found["والفوعة"].admin1 == "SY07"
    assert found["إقليم كردستان"] == kurdistan


def test_jabal_al_akrad_and_t4_written_in_arabic_letters(gaz):
    """«جبل الأكراد» is the Latakia upland at en.wikipedia's point (not Afrin's Kurd Mountains), and «تي فور», the
    Arabic spelling of T4 Enab Baladi writes, is the Tiyas air base."""
    from geo.model import Article
    from geo.pipeline import geoparse

    akrad = one(gaz, "جبل الأكراد")
    assert (akrad.kind, akrad.admin1) == ("mountains", "SY06") and near(akrad, 35.65, 36.2, tol=0.001)
    text = "وجالت قوة تركية في منطقة جبل الأكراد، فيما تعرضت القاعدة الجوية نفسها (تي فور) لضربة جوية."
    found = {loc.mention.surface: loc.place for loc in geoparse(Article("t", text), gaz) if loc.place}
    assert found["جبل الأكراد"] == akrad
    assert found["تي فور"].place_id == "icao:OS72"


def test_the_islamic_republic_alone_is_iran(gaz):
    """«الجمهورية الإسلامية» alone is the press's short form of Iran's official name (an alias of
    overlay_project.csv); the full name stays one mention of Iran."""
    from geo.model import Article
    from geo.pipeline import geoparse

    for text, surface in (
        ("لمنع الجمهورية الإسلامية من حيازة السلاح النووي.", "الجمهورية الإسلامية"),
        ("تجدد دمشق تضامنها مع الجمهورية الإسلامية الإيرانية قيادة وشعبا.", "الجمهورية الإسلامية الإيرانية"),
    ):
        found = {loc.mention.surface: loc.place for loc in geoparse(Article("t", text), gaz) if loc.place}
        iran = [s for s, p in found.items() if p.place_id == "gn:130758"]
        assert iran == [surface], found


def test_brussels_nuremberg_and_bandar_abbas_in_the_spellings_of_the_press(gaz):
    """«بروكسيل», «نورمبرغ» / «نورنبرغ» and «بندر عباس» are the GeoNames cities Brussels, Nuremberg and Bandar Abbas
    (aliases of overlay_project.csv), which GeoNames spells «بروكسل», «نورنبيرغ», «بندرعباس»."""
    from geo.model import Article
    from geo.pipeline import geoparse

    text = "وعقد مؤتمر بروكسيل بعد محاكمات نورنبرغ، ورصدت الطائرات أهدافاً في بندر عباس."
    found = {loc.mention.surface: loc.place.place_id for loc in geoparse(Article("t", text), gaz) if loc.place}
    assert (found["بروكسيل"], found["نورنبرغ"], found["بندر عباس"]) == ("gn:2800866", "gn:2861650", "gn:141681")


def test_czechia_by_its_short_name(gaz):
    """«تشيكيا» (Czechia, the short name of 2016) is the ISO country row whose Arabic names are «التشيك»."""
    from geo.model import Article
    from geo.pipeline import geoparse

    found = [loc.place.place_id for loc in geoparse(Article("t", "وعاد اللاجئ إلى جمهورية تشيكيا."), gaz) if loc.place]
    assert found == ["gn:3077311"]
