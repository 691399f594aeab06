"""Arabic morphology: clitics read off, inflected forms generated from a lemma, the future."""

from __future__ import annotations

from geo import morph
from geo.text import normalize


def test_every_proclitic_reading_of_a_word():
    readings = dict(morph.splits(normalize("وللسيطرة")))
    assert readings[""] == normalize("وللسيطرة")
    assert readings["و"] == normalize("للسيطرة")
    assert morph.splits(normalize("للسيطرة"))[-1] == ("ل", normalize("السيطرة"))
    assert normalize("إنهاء") in morph.bare([normalize("بإنهاء")])


def test_analyse_peels_proclitics_and_a_pronoun_suffix_but_keeps_short_stems():
    assert morph.analyse(normalize("وبالسيطرة")) == ("وبال", normalize("سيطرة"), "")
    assert morph.analyse(normalize("سيطرتها")) == ("", "سيطرت", "ها")
    assert morph.analyse("وصل") == ("", "وصل", "")  # «arrived», not و + «صل»


def test_verb_forms_cover_person_number_tense_and_the_future():
    forms = morph.verb_forms("انسحب", "ينسحب")
    for w in ("انسحب", "انسحبت", "انسحبوا", "ينسحب", "تنسحب", "ينسحبون", "ستنسحب", "سينسحبون"):
        assert normalize(w) in forms
    assert "انسحبها" not in forms  # an intransitive verb takes no object suffix
    assert "استعادها" in morph.verb_forms("استعاد", transitive=True)
    assert "حررنا" not in morph.verb_forms("حرر")  # a speaker's «we freed» is no third-party report


def test_noun_forms_with_article_accusative_dual_and_suffixes_on_request():
    forms = morph.noun_forms(normalize("هجوم"))
    assert {"هجوم", "الهجوم", "هجوما"} <= forms and "الهجوما" not in forms and "هجومين" not in forms
    assert {"غارتين", "الغارتين", "غارتان"} <= morph.noun_forms(normalize("غارة"), dual=True)
    assert "سيطرتها" in morph.noun_forms(normalize("سيطرة"), suffixes=True)
    assert normalize("سيطرةا") not in morph.noun_forms(normalize("سيطرة"))  # no alif after ta marbuta


def test_the_future_needs_a_known_stem():
    stems = ("نسحب", "جري")
    assert morph.is_future("ستنسحب", stems) and morph.is_future("وسيجري", stems)
    assert not morph.is_future(normalize("سيارة"), stems)
    assert morph.is_future("ستنسحب") and not morph.is_future("سوريا")
