"""Place search as users type it (geo/search.py): both scripts, the article, quarters, small slips."""

from __future__ import annotations

import pytest

from geo.model import Place
from geo.search import FUZZY_MIN, PlaceSearch, key

RAQQA = Place("wof:421172833", "الرقة", "Ar Raqqah", "city", 35.95, 39.01, "SY11", "Ar-Raqqa",
              names_ar=("الرقة", "رقة"), names_en=("Ar Raqqah", "Raqqa", "Al-Raqqa"))  # fmt: skip
BAREED = Place("wof:1", "حي البريد", "al-Bareed quarter, Raqqa", "neighbourhood", 35.955, 39.02, "SY11",
               parent_id="wof:421172833")  # fmt: skip
BITANI = Place("ovl:al-bitani", "حي البتاني", "al-Bitani", "neighbourhood", 35.9557, 39.033, "SY11")
HOMS = Place("wof:2", "حمص", "Homs", "city", 34.73, 36.71, "SY04")
HAMA = Place("wof:3", "حماة", "Hama", "city", 35.13, 36.75, "SY05")
BAB = Place("wof:4", "الباب", "al-Bab", "city", 36.37, 37.52, "SY02")
DEIR = Place("wof:5", "دير الزور", "Deir ez-Zor", "city", 35.33, 40.14, "SY09")
FAR_QUARTER = Place("ovl:far", "حي بعيد", "Far quarter", "neighbourhood", 35.33, 40.15, "SY09")
SARAQIB = Place(
    "wof:6", "سراقب", "Saraqib", "town", 35.86, 36.80, "SY07", names_en=("Saraqib", "Saraqab")
)  # OCHA spells it Saraqab
RAQQAT = Place("wof:7", "رقة سمرة", "Raqqat Samrah", "village", 35.8, 38.9, "SY11")
DAM = Place("ovl:dam", "سد البعث", "Baath Dam", "dam", 35.88, 38.8, "SY11",
            names_en=("Baath Dam (Freedom Dam), on the Euphrates 22 km upstream of Raqqa",))  # fmt: skip
PLACES = [RAQQA, BAREED, BITANI, HOMS, HAMA, BAB, DEIR, FAR_QUARTER]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("الرقة", "رقه"),  # the article and ta marbuta folded
        ("Ar-Raqqah", "raqqah"),
        ("al-Bab", "bab"),
        ("والرقة", "رقه"),  # a conjunction before the article
        ("Deir ez-Zor", "deir ez zor"),  # "ez" is no article here: it is not word-initial "al/el/…"
    ],
)
def test_keys_drop_the_article_in_both_scripts(typed, expected):
    assert key(typed) == expected


@pytest.mark.parametrize(
    "typed", ["الرقة", "رقة", "الرقه", "Raqqa", "raqqa", "Ar Raqqah", "ar-raqqa", "raqa", "Raqqah"]
)
def test_every_spelling_of_raqqa_finds_the_city_and_its_quarters(typed):
    assert PlaceSearch(typed).ids(PLACES) == {RAQQA.place_id, BAREED.place_id, BITANI.place_id}


def test_a_quarter_without_a_parent_goes_under_the_nearest_city_of_its_governorate():
    # al-Bitani has no parent_id: it is 2 km from Raqqa's point, in the same governorate
    assert BITANI.place_id in PlaceSearch("Raqqa").ids(PLACES)
    assert FAR_QUARTER.place_id in PlaceSearch("دير الزور").ids(PLACES)
    assert FAR_QUARTER.place_id not in PlaceSearch("Raqqa").ids(PLACES)


def test_small_slips_match_but_other_cities_do_not():
    assert PlaceSearch("Homms").ids(PLACES) == {HOMS.place_id}
    assert PlaceSearch("deir ezzor").ids(PLACES) >= {DEIR.place_id}
    # Homs and Hama are one letter pair apart in Latin script, far below FUZZY_MIN
    assert HAMA.place_id not in PlaceSearch("Homs").ids(PLACES)
    assert HOMS.place_id not in PlaceSearch("Hama").ids(PLACES)
    assert FUZZY_MIN >= 80


def test_short_queries_are_literal_and_empty_finds_nothing():
    assert PlaceSearch("Bab").ids(PLACES) == {BAB.place_id}  # "Bab" is within one edit of nothing else
    assert not PlaceSearch("  ")
    assert PlaceSearch("").ids(PLACES) == set()
    assert PlaceSearch("Xyzzy").ids(PLACES) == set()


@pytest.mark.parametrize("typed", ["raqa", "Raqqa", "الرقة", "ar-raqqa"])
def test_a_short_query_finds_the_name_of_its_length_not_longer_names_holding_it(typed):
    """ "raqa" is inside Saraqib's spelling and near "Raqqat"; "Raqqa" is a word of a dam's note:
    the city (and its quarters) outrank them, and only the best tier is kept."""
    found = PlaceSearch(typed).ids([*PLACES, SARAQIB, RAQQAT, DAM])
    assert found == {RAQQA.place_id, BAREED.place_id, BITANI.place_id}
    assert PlaceSearch(typed).score(RAQQA) > PlaceSearch(typed).score(SARAQIB)


def test_the_longer_names_are_still_found_by_their_own_name():
    pool = [*PLACES, SARAQIB, RAQQAT, DAM]
    assert PlaceSearch("Saraqib").ids(pool) == {SARAQIB.place_id}
    assert PlaceSearch("سراقب").ids(pool) == {SARAQIB.place_id}
    assert PlaceSearch("Raqqat Samrah").ids(pool) == {RAQQAT.place_id}
    assert PlaceSearch("Baath Dam").ids(pool) == {DAM.place_id}


AIRPORT = Place("icao:OSAP", "مطار حلب الدولي", "Aleppo International Airport", "airport", 36.18, 37.22, "SY02")
ALEPPO = Place("wof:8", "حلب", "Aleppo", "city", 36.20, 37.16, "SY02")
FAR_BASE = Place("ovl:far-base", "مطار حلب البعيد", "Far Aleppo airfield", "airport", 36.60, 37.90, "SY02")


@pytest.mark.parametrize("typed", ["Aleppo", "حلب", "aleppo"])
def test_a_city_brings_the_facilities_named_after_it_nearby_not_far_ones(typed):
    """«مطار حلب الدولي» lies ~6 km from Aleppo's point and is named after it: searching the city finds its
    events; an airfield of that name 80 km off, or the Baath Dam 22 km "upstream of Raqqa", is not the city."""
    pool = [ALEPPO, AIRPORT, FAR_BASE, *PLACES]
    assert PlaceSearch(typed).ids(pool) == {ALEPPO.place_id, AIRPORT.place_id}
    assert DAM.place_id not in PlaceSearch("Raqqa").ids([*PLACES, DAM])
    assert PlaceSearch("raqa").ids([*PLACES, AIRPORT]) == PlaceSearch("raqa").ids(PLACES)


DOUMA = Place("wof:890442375", "دوما", "Douma", "city", 33.57, 36.40, "SY03", names_en=("Douma", "Duma"))
DUMA_VILLAGE = Place("wof:1327265527", "دوما", "Dūmā", "village", 32.9, 36.7, "SY14", names_en=("Dūmā", "Douma"))
DAMASCUS = Place("wof:421202165", "دمشق", "Damascus", "city", 33.51, 36.29, "SY01",
                 names_en=("Damascus", "Dimashq", "Domás"))  # fmt: skip
TIYAS = Place("icao:OS72", "مطار تياس", "Tiyas Air Base", "base", 34.52, 37.63, "SY04",
              names_en=("Tiyas Air Base", "T-4"))  # fmt: skip


def test_a_slip_finds_what_the_name_it_nearly_spells_finds():
    """Dashboard QA 15 #15: "Doma" is one letter from Douma and from "Domás", an exonym of Damascus among
    its 53 names: it found Damascus's incidents too. A slip is read as the place's own name it nearly spells."""
    pool = [DOUMA, DUMA_VILLAGE, DAMASCUS, *PLACES]
    assert PlaceSearch("Douma").ids(pool) == {DOUMA.place_id, DUMA_VILLAGE.place_id}
    assert PlaceSearch("Doma").ids(pool) == PlaceSearch("Douma").ids(pool)
    assert PlaceSearch("Damscus").ids(pool) == {DAMASCUS.place_id}


@pytest.mark.parametrize("typed", ["T4", "t4", "T-4", "T 4", "Tiyas"])
def test_t4_finds_tiyas_whichever_way_it_is_written(typed):
    """«قاعدة "T-4" الجوية»: the name most reports use for Tiyas, "T-4" among its names (from its airfield
    source row); typed "T4" it found nothing (QA 15 #15)."""
    assert PlaceSearch(typed).ids([TIYAS, *PLACES]) == {TIYAS.place_id}
