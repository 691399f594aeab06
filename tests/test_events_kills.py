"""Event rules a user sees in the table that no other test held: «قد» before a past ت-verb, and a base
struck with nobody named being an air strike."""

from __future__ import annotations

from tests.test_events import _events, _one


def test_qad_before_a_past_verb_starting_with_ta_is_an_incursion_that_happened():
    """«قد توغلت» is «have pushed in» (past, ending ت), while «قد تشن» is «may launch»: only the first is told."""
    ev = _one(_events("وقالت مصادر إن قوات النظام قد توغلت في مدينة مورك.", ["مورك"]), "advance")
    assert ev.place.name_en == "Morek" and ev.status == "happened"
    assert _events("وقالت مصادر إن قوات النظام قد تشن هجوماً على مدينة مورك.", ["مورك"]) == []


def test_a_base_struck_with_no_striker_named_is_an_air_strike_not_shelling():
    """«استهدفت قاعدة التنف العسكرية» with no air force in the story: a strike from the air on the base,
    whether or not an earlier ground side is carried over as its actor."""
    alone = _events("وفي الليلة ذاتها استهدفت قاعدة التنف العسكرية.", ["التنف"])
    assert [(e.extra["type_key"], e.place.name_en) for e in alone] == [("air_strike", "al-Tanf")]
    text = "وسيطرت قوات النظام على بلدة مورك. وفي الليلة ذاتها استهدفت قاعدة التنف العسكرية."
    told = [e for e in _events(text, ["مورك", "التنف"]) if e.place.name_en == "al-Tanf"]
    assert [e.extra["type_key"] for e in told] == ["air_strike"]
