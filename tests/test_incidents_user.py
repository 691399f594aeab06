"""What a user of the map sees of incidents, from article text through the whole pipeline: one strike told by
two outlets is one incident with both reports behind it; a background line at «سوريا» joins no incident."""

from __future__ import annotations

from datetime import date

from geo import pipeline
from geo.incidents import article_count, group_incidents
from geo.model import Article

MONDAY = date(2018, 4, 30)
STRIKE_A = "تعرضت مواقع عسكرية في ريفي حماة وحلب لضربات صاروخية مساء الأحد، وفق ما أعلنت وكالة سانا."
STRIKE_B = "أكد ناشطون مقتل 40 عنصرا خلال تعرض مواقع عسكرية بريفي حماة وحلب لقصف صاروخي مساء الأحد."
BACKGROUND = "ونادرا ما تؤكد إسرائيل عملياتها العسكرية في سوريا، لكنها سبق أن نفذت ضربات استهدفت مواقع في سوريا."
T4 = "قصفت طائرات إسرائيلية مطار التيفور في ريف حمص الأحد."
COUNTRY = "شنت طائرات إسرائيلية غارات على سوريا مساء الأحد، بحسب مصادر إسرائيلية."


def _incidents(gaz, texts: dict[str, str]):
    events = []
    for n, (aid, text) in enumerate(texts.items()):
        art = Article(aid, text, MONDAY, f"Outlet {n}", url=f"https://example.org/{aid}")
        events.extend(pipeline.analyse(art, gaz).events)
    return events, group_incidents(events, urls={aid: f"https://example.org/{aid}" for aid in texts})


def _of(incidents, article_id: str, place_kind: str | None = None):
    return [
        i
        for i in incidents
        if any(r.article_id == article_id for r in i.reports) and (place_kind is None or i.place.kind == place_kind)
    ]


def test_two_outlets_reporting_one_strike_make_one_incident_with_both_reports(gaz):
    events, incidents = _incidents(gaz, {"u1": STRIKE_A, "u2": STRIKE_B})
    assert len(events) >= 2, "the event stage found no strike in these sentences"
    (inc,) = incidents  # the night's strikes on rural Hama and Aleppo, told by two outlets: one happening
    assert inc.family == "remote" and inc.event_date == date(2018, 4, 29)
    assert article_count(inc) == 2 and {r.url for r in inc.reports} == {
        "https://example.org/u1",
        "https://example.org/u2",
    }
    assert inc.fatalities == 40  # the one toll a report gives («مقتل 40 عنصرا»)


def test_a_background_line_at_syria_joins_neither_a_local_incident_nor_the_country_s(gaz):
    texts = {"u3": T4 + " " + BACKGROUND, "u4": COUNTRY, "u5": T4}
    events, incidents = _incidents(gaz, texts)
    # «سبق أن نفذت ضربات» with no date of its own tells what was done before: no event at all (f2a1b7f), so it can
    # join no incident
    assert not [e for e in events if e.article_id == "u3" and "سبق أن" in (e.quote or "")]
    # the strike on T4 told by two outlets stays one incident of two reports, the background line not in it
    (t4,) = [i for i in incidents if i.place.kind == "base"]
    assert article_count(t4) == 2 and all("سبق أن" not in r.quote for r in t4.reports)
    # the country-level line of that night stands for its own article only
    assert all(article_count(i) == 1 for i in _of(incidents, "u4"))
