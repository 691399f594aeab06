"""Places: quarter heads that name no quarter, and the list bonus's floor and share, on short sentences."""

from __future__ import annotations

from geo.model import Article
from geo.resolve import resolve
from geo.toponyms import find_mentions


def _placed(gaz, text):
    """Surface -> the place the map puts it at (None when left for review)."""
    art = Article("t", text)
    return {loc.mention.surface: loc.place for loc in resolve(art, find_mentions(art, gaz), gaz)}


def _quarters(places):
    return [s for s, p in places.items() if p is not None and p.kind == "neighbourhood"]


def test_a_quarter_head_then_a_city_with_no_link_word_between_puts_no_quarter_in_that_city(
    gaz,
):
    """Two news items run together without a full stop: «… على حي الميسر حمص تشهد …». Nothing says al-Maysar lies in
    Homs (no «في», no «بمدينة»): the reader must not see a quarter of Homs invented at the city's point."""
    places = _placed(gaz, "سقطت قذائف على حي الميسر حمص تشهد هدوءا حذرا منذ أيام.")
    assert _quarters(places) == []
    assert places["حمص"].name_en == "Homs"


def test_four_words_after_a_quarter_head_are_a_description_not_a_quarters_name(gaz):
    """«حي يقطنه آلاف النازحين السوريين في مدينة حلب» describes a quarter (who lives there); four words are more than
    one quarter's name, so no quarter called «يقطنه آلاف النازحين السوريين» appears on Aleppo's map."""
    places = _placed(gaz, "سقطت قذائف على حي يقطنه آلاف النازحين السوريين في مدينة حلب.")
    assert _quarters(places) == []
    assert list(places) == ["حلب"] and places["حلب"].name_en == "Aleppo"


def test_a_city_with_a_hamlet_namesake_still_pulls_its_list_into_its_governorate(gaz):
    """«دوما وحرستا والبريكة»: Douma is the Ghouta city though a hamlet of As-Sweida bears its name; with Harasta it
    makes the list Rural Damascus's, so al-Buraykah is the Rural Damascus village, not Daraa's."""
    places = _placed(gaz, "قصفت الطائرات دوما وحرستا والبريكة.")
    assert {p.admin1_en for p in places.values()} == {"Rural Damascus"}
    assert places["والبريكة"].kind == "village"


def test_a_pair_of_names_is_too_short_a_list_to_pull_a_known_town_elsewhere(gaz):
    """«بلدتي المالكية والزبداني»: one other name is too little to say the list is Rural Damascus's; al-Malikiyah
    stays the Hasakah town, not a Rural Damascus hamlet of its name."""
    places = _placed(gaz, "قصفت قوات النظام بلدتي المالكية والزبداني.")
    assert places["المالكية"].admin1_en == "Al-Hasakeh" and places["المالكية"].kind == "city"
    assert places["والزبداني"].admin1_en == "Rural Damascus"


def test_a_list_spread_over_several_governorates_lends_none_of_them_its_names(gaz):
    """Cities of three governorates in one list («حلب وحمص والزبداني ومضايا والمالكية»): two of Rural Damascus among
    four are no majority that makes al-Malikiyah a Rural Damascus village; it stays the Hasakah town."""
    places = _placed(gaz, "شهدت مدن حلب وحمص والزبداني ومضايا والمالكية مظاهرات.")
    assert places["والمالكية"].admin1_en == "Al-Hasakeh" and places["والمالكية"].kind == "city"
    assert places["ومضايا"].admin1_en == "Rural Damascus"
