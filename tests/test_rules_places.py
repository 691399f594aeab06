"""Every row of the geoparser's word lists (geo/rules/not_places.jsonl, spelling_variants.jsonl) does
what it says on its own example sentence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.model import Article
from geo.pipeline import geoparse
from geo.toponyms import not_place_phrases, spelled_every_way

RULES = Path(__file__).resolve().parents[1] / "geo" / "rules"


def _rows(name):
    return [
        json.loads(line) for line in (RULES / name).read_text(encoding="utf-8").splitlines() if line.strip()
    ]


NOT_PLACES = _rows("not_places.jsonl")
VARIANTS = _rows("spelling_variants.jsonl")
HEADS = _rows("place_heads.jsonl")
CONSTRUCT_NOUNS = _rows("place_construct_nouns.jsonl")


@pytest.fixture(scope="module")
def gaz():
    from geo import gazetteer

    return gazetteer.load()


def _mentions(text, gaz):
    return geoparse(Article("rule", text, date(2018, 3, 1)), gaz)


@pytest.mark.parametrize("row", NOT_PLACES, ids=[r["phrase"] for r in NOT_PLACES])
def test_a_named_organisation_is_no_place_in_its_example(row, gaz):
    text = row["example"]
    start = text.index(row["phrase"])
    end = start + len(row["phrase"])
    inside = [
        loc.mention.surface
        for loc in _mentions(text, gaz)
        if loc.mention.start < end and start < loc.mention.end
    ]
    assert inside == [], f"{row['phrase']!r} read as a place in {text!r}"


@pytest.mark.parametrize("row", VARIANTS, ids=[r["a"] for r in VARIANTS])
def test_every_spelling_of_an_organisation_is_no_place(row, gaz):
    """The example names the organisation in the variant spelling; it must not become a place."""
    phrase = row["example"].split(":")[0].strip()
    assert phrase in not_place_phrases()
    text = f"قال {phrase} إن المعارك تواصلت في ريف دير الزور."
    places = [loc.place.name_en for loc in _mentions(text, gaz) if loc.place]
    assert places == ["Deir ez-Zor"], places


def test_variants_spell_a_phrase_every_way():
    forms = spelled_every_way("قوات سوريا الديمقراطية", VARIANTS)
    assert {"قوات سورية الديموقراطية", "قوات سوريا الديموقراطية", "قوات سورية الديمقراطية"} <= forms


@pytest.mark.parametrize("row", HEADS, ids=[r["head"] for r in HEADS])
def test_every_head_of_a_feature_name_finds_the_feature(row, gaz):
    """«مرتفعات الجولان» names the row Natural Earth calls «هضبة الجولان»: each other head and, where the row
    says so, the bare name, find the feature in the row's example."""
    found = {loc.place.name_en for loc in _mentions(row["example"], gaz) if loc.place}
    assert row["place"] in found, found
    feature = next(p for p in gaz if p.name_en == row["place"])
    rest = feature.name_ar.partition(" ")[2]
    assert feature.name_ar.startswith(row["head"] + " ")
    assert {f"{a} {rest}" for a in row["also"]} <= set(feature.names_ar)
    assert (rest in feature.names_ar) == row["bare"]


ADJECTIVES = _rows("place_adjectives.jsonl")


@pytest.mark.parametrize("row", ADJECTIVES, ids=[f"{r['reads']}: {r['cue']}" for r in ADJECTIVES])
def test_a_country_spelt_like_its_adjective_is_read_as_the_row_says(row, gaz):
    """«مواقع سورية موالية» (Syrian sites) names no country; «إلى سورية» does. The row's example has the
    homograph once; the other spelling, when the example has it, stays the country."""
    text = row["example"]
    start = text.index(row["adjective"])
    located = _mentions(text, gaz)
    at = [loc.place for loc in located if loc.place and loc.mention.start <= start < loc.mention.end]
    if row["reads"] == "adjective":
        assert at == [], [p.name_en for p in at]
    else:
        assert [(p.kind, p.name_en) for p in at] == [("country", row["country_en"])], [p.name_en for p in at]
    if row["country"] in text and row["country"] != row["adjective"]:
        other = text.index(row["country"])
        assert any(loc.place and loc.mention.start <= other < loc.mention.end for loc in located)


def _no_place_there_but_one_elsewhere(text: str, start: int, name: str, gaz) -> None:
    """No place is read at `start` of `text`, yet `name` is one where a place is told («وصل الوفد إلى …»)."""
    inside = [loc.place.name_en for loc in _mentions(text, gaz) if loc.place and loc.mention.start == start]
    assert inside == [], inside
    assert [loc.mention.surface for loc in _mentions(f"وصل الوفد إلى {name}", gaz) if loc.place] == [name]


VESSELS = _rows("place_vessel_nouns.jsonl")


@pytest.mark.parametrize("row", VESSELS, ids=[r["word"] for r in VESSELS])
def test_a_quoted_name_after_a_vessel_noun_is_the_ships(row, gaz):
    """«الغواصة "كراسنودار"» names a submarine: the quoted city name after the row's noun is no place,
    though the same name is one where a place is told («وصل الوفد إلى كراسنودار»)."""
    text, name = row["example"], row["name"]
    assert f'{row["word"]}' in text and f'"{name}"' in text
    _no_place_there_but_one_elsewhere(text, text.index(f'"{name}"') + 1, name, gaz)


TIME_UNITS = _rows("place_time_units.jsonl")


@pytest.mark.parametrize("row", TIME_UNITS, ids=[r["word"] for r in TIME_UNITS])
def test_after_a_count_of_time_the_homograph_is_the_country(row, gaz):
    """«بعد 15 عاماً روسيا …»: a count of years is a time, so «روسيا» after it is the country; after a counted
    noun («قتل 15 جندياً روسياً») it would be the adjective."""
    text = row["example"]
    assert row["word"] in text
    at = text.index(row["word"]) + len(row["word"]) + 1
    found = [(loc.place.kind, loc.place.name_en) for loc in _mentions(text, gaz) if loc.place and loc.mention.start == at]
    assert found == [("country", row["country_en"])], found


SKELETON_LETTERS = _rows("place_skeleton_letters.jsonl")


@pytest.mark.parametrize("row", SKELETON_LETTERS, ids=[r["letter"] for r in SKELETON_LETTERS])
def test_a_name_written_back_from_latin_has_the_towns_skeleton(row):
    """«حاجين» for «هجين» (Hajin), «مادان» for «معدان»: with the row's letter read as the row says, the name as
    written back from a Latin spelling and the town's name have one skeleton."""
    from geo.text import normalize
    from geo.toponyms import _skeleton

    written, town = normalize(row["example"]["written"]), normalize(row["example"]["town"])
    assert written != town and row["letter"] in written + town
    assert _skeleton(written) == _skeleton(town)


MASTHEADS = _rows("place_masthead_words.jsonl")


@pytest.mark.parametrize("row", MASTHEADS, ids=[r["word"] for r in MASTHEADS])
def test_a_city_before_a_masthead_word_is_a_newspapers_title(row, gaz):
    """«صحيفة نيويورك تايمز» names a newspaper: the city before the row's word is no place in the example, though
    the same name is one where a place is told («وصل الوفد إلى نيويورك»)."""
    text, name = row["example"], row["name"]
    assert f"{name} {row['word']}" in text
    _no_place_there_but_one_elsewhere(text, text.index(name), name, gaz)


LIST_OPENERS = _rows("place_list_openers.jsonl")


@pytest.mark.parametrize("row", LIST_OPENERS, ids=[r["word"] for r in LIST_OPENERS])
def test_villages_listed_after_a_counted_settlement_noun_are_found(row, gaz):
    """«ثلاث قرى …، وهي X وY»: the hamlets listed after the row's word are the villages the clause counted, found
    under that head's listing label; the same names told alone are no places (a hamlet needs context)."""
    found = {loc.mention.surface: loc.mention.trigger for loc in _mentions(row["example"], gaz) if loc.place}
    assert all(found.get(name) in ("قرى", "بلدات") for name in row["names"]), found
    alone = "وتواصلت الاشتباكات " + " ".join(row["names"]) + " منذ الصباح."
    assert not [loc for loc in _mentions(alone, gaz) if loc.place]


TITLE_NOUNS = _rows("place_title_nouns.jsonl")


@pytest.mark.parametrize("row", TITLE_NOUNS, ids=[r["word"] for r in TITLE_NOUNS])
def test_a_place_inside_the_title_of_a_work_is_no_place(row, gaz):
    """«وثائقي بعنوان "آخر أيام حلب"» names a documentary: the city inside the quoted title after the row's noun is
    no place in the example, though the same name is one where a place is told («وصل الوفد إلى حلب»)."""
    text, name = row["example"], row["name"]
    assert row["word"] in text and name in text
    start = text.index(name)
    inside = [loc.place.name_en for loc in _mentions(text, gaz) if loc.place and loc.mention.start <= start < loc.mention.end]
    assert inside == [], inside
    assert [loc.mention.surface for loc in _mentions(f"وصل الوفد إلى {name}", gaz) if loc.place] == [name]


NISBAS = _rows("place_nisbas.jsonl")


@pytest.mark.parametrize("row", NISBAS, ids=[r["nisba"] for r in NISBAS])
def test_a_name_before_a_foreign_nisba_is_not_a_syrian_town(row, gaz):
    """«السفيرة الروسية» is the Russian ambassador, not al-Safira; «مدينة صعدة اليمنية» is a town of Yemen, which
    stands at the country (iso2) when the gazetteer has no town of that name there, never at a Syrian namesake."""
    found = [(loc.mention.surface, loc.place) for loc in _mentions(row["example"], gaz) if loc.place]
    if row["town"]:
        at = [p for surface, p in found if surface == row["town"]]
        assert [(p.kind, p.country) for p in at] == [("country", row["iso2"])], found
    else:
        assert "السفيرة" not in [surface for surface, _ in found], found
        assert "Syria" in [p.name_en for _, p in found]  # «السعودية» is also the country's own name


VERB_PARTICLES = _rows("place_verb_particles.jsonl")


@pytest.mark.parametrize("row", VERB_PARTICLES, ids=[r["word"] for r in VERB_PARTICLES])
def test_a_name_after_a_particle_that_governs_a_verb_is_the_verb(row, gaz):
    """«لم تدمر الطائرات الجسر» (did not destroy): the word after the row's particle is a verb, not Palmyra; the same
    word is the city where a place is told («وصل الوفد إلى تدمر»)."""
    text, verb = row["example"], row["verb"]
    assert f"{row['word']} {verb}" in text
    start = text.index(f"{row['word']} {verb}") + len(row["word"]) + 1
    _no_place_there_but_one_elsewhere(text, start, verb, gaz)


QUARTER_LINKS = _rows("place_quarter_links.jsonl")


@pytest.mark.parametrize("row", QUARTER_LINKS, ids=[r["word"] for r in QUARTER_LINKS])
def test_a_quarter_head_and_a_link_name_the_quarters_of_the_city(row, gaz):
    """«حي X في مدينة Y»: X is a quarter of the city Y, on the map at Y (its own point when the gazetteer has one)."""
    locs = _mentions(row["example"], gaz)
    for name in row["quarters"]:
        loc = next(loc for loc in locs if loc.mention.surface.endswith(name))  # «وصلاح الدين», «حي الصناعة»
        place = loc.place
        assert place is not None and place.kind == "neighbourhood", (name, loc.reason)
        city = gaz.get(place.parent_id) if place.parent_id else None
        in_city = (city.name_en if city else None) == row["city"]
        assert in_city or place.admin1_en == _admin1_of(gaz, row["city"])  # the quarter's own gazetteer point


def _admin1_of(gaz, city_en):
    return next(p.admin1_en for p in gaz if p.kind == "city" and p.name_en == city_en)


LIST_HEADS = _rows("place_list_heads.jsonl")


@pytest.mark.parametrize("row", LIST_HEADS, ids=[r["word"] for r in LIST_HEADS])
def test_a_list_after_a_settlement_head_is_read_under_it_to_the_last_name(row, gaz):
    """«حيي A وB»: every listed name is a place under the head, the last one too though alone it is no place (a
    quarter's bare name that is an everyday word); without the head that last name is none."""
    assert row["word"] in row["example"]
    found = {loc.mention.surface: loc.mention.trigger for loc in _mentions(row["example"], gaz) if loc.place}
    assert all(name in found for name in row["names"]) and found[row["names"][-1]] == row["head"], found
    bare = row["example"].replace(row["word"] + " ", "", 1)
    assert row["names"][-1] not in {loc.mention.surface for loc in _mentions(bare, gaz) if loc.place}


SUBJECT_HEADS = _rows("place_subject_heads.jsonl")


@pytest.mark.parametrize("row", SUBJECT_HEADS, ids=[r["word"] for r in SUBJECT_HEADS])
def test_a_city_after_a_verbs_subject_with_the_rows_head_is_the_object(row, gaz):
    """«دخلت قوات النظام الطبقة»: a city named like a word («الطبقة» class, «دوما» always) right after a verb's
    subject headed by the row's word is the place acted on; the same name after no such subject stays a word."""
    found = [loc.mention.surface for loc in _mentions(row["example"], gaz) if loc.place]
    assert found == [row["place"]], found
    alone = "وقال المتحدث إن " + row["place"] + " مهمة."
    assert not [loc for loc in _mentions(alone, gaz) if loc.place]


@pytest.mark.parametrize("row", CONSTRUCT_NOUNS, ids=[r["word"] for r in CONSTRUCT_NOUNS])
def test_an_everyday_noun_before_its_genitive_is_no_place(row, gaz):
    """«ميادين العاصمة» (the capital's squares) is not al-Mayadin; the row's second sentence, with the article or a
    settlement head («مدينة الميادين»), still finds the town."""
    assert row["place"] not in {loc.place.name_en for loc in _mentions(row["example"], gaz) if loc.place}
    assert row["place"] in {loc.place.name_en for loc in _mentions(row["kept"], gaz) if loc.place}


EVENT_NOUNS = _rows("place_event_nouns.jsonl")


@pytest.mark.parametrize("row", EVENT_NOUNS, ids=[r["word"] for r in EVENT_NOUNS])
def test_a_town_named_like_a_word_after_an_event_noun_is_the_town(row, gaz):
    """«هجوم دوما الكيماوي», «سقوط تدمر»: a town named like a word («دوما», always) in construct after the row's event
    noun is the place it happened at; the same name with no such noun before it stays a word."""
    assert row["word"] in row["example"]
    found = [loc.mention.surface for loc in _mentions(row["example"], gaz) if loc.place]
    assert any(s.endswith(row["place"]) for s in found), found
    alone = "وقال المتحدث إن " + row["place"] + " مهمة."
    assert not [loc for loc in _mentions(alone, gaz) if loc.place]
