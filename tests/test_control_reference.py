"""tests/gold/control_reference.csv (issue 9 §3) is well formed and says what the public record says.

The reference is what bench/control_eval.py scores the control timeline against, so a typo in a
controller or a date would silently become a disagreement there. The facts issue 9 names are checked on
the reference itself here; the timeline is checked against them elsewhere.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "gold" / "control_reference.csv"
# Other places at the same dates, written before the territory rules were tuned and scored only to
# report (bench/control_eval.py --reference heldout): it must never share a place with REFERENCE.
HELDOUT = ROOT / "tests" / "gold" / "control_reference_heldout.csv"
MIN_HELDOUT_PLACES = 30
# A third reference (tenth round): places of neither, at four other dates, written from the public record before
# any system output on them was seen (NOTES_control_reference3.md); `--reference heldout3`.
THIRD = ROOT / "tests" / "gold" / "control_reference3.csv"
MIN_THIRD_PLACES = 45  # issue 9 asks for at least 40 places at each date
# A fourth (thirteenth round): places of none of the three, at four more dates, written from the public record
# before any system output on them was seen (NOTES_control_reference4.md); `--reference heldout4`.
FOURTH = ROOT / "tests" / "gold" / "control_reference4.csv"
# A fifth (fourteenth round): places of none of the four, at four dates of the corpus's dense months, written from the
# public record before any system output on them was seen (NOTES_control_reference5.md); `--reference heldout5`.
FIFTH = ROOT / "tests" / "gold" / "control_reference5.csv"
# A sixth (fifteenth round): places of none of the five, at four dates of 2017–2018, written from the public record
# before any system output on them was seen (NOTES_control_reference6.md); `--reference heldout6`.
SIXTH = ROOT / "tests" / "gold" / "control_reference6.csv"
# A seventh and an eighth (session 24): places of none of the earlier ones, each at four dates, written from the
# public record before any system output on them was seen (NOTES_control_reference7.md, NOTES_control_reference8.md).
SEVENTH = ROOT / "tests" / "gold" / "control_reference7.csv"
EIGHTH = ROOT / "tests" / "gold" / "control_reference8.csv"
# A ninth (session 25), the same way (NOTES_control_reference9.md): scored once untouched at stop 26, then tuning.
NINTH = ROOT / "tests" / "gold" / "control_reference9.csv"
# A tenth (session 26), the same way (NOTES_control_reference10.md): scored once untouched at stop 27, then tuning.
TENTH = ROOT / "tests" / "gold" / "control_reference10.csv"
CONTROLLERS = {
    "Syrian government",
    "SDF",
    "Islamic State",
    "Syrian opposition",
    "Hayat Tahrir al-Sham",
    "Turkey-backed opposition",
    "US-led coalition",
    "contested",
}
CORE_DATES = ("2017-09-01", "2018-03-01", "2018-08-01")  # the three dates every place should have
MIN_PLACES_AT_EACH_CORE_DATE = 45  # the brief asks for at least 45 (issue 9 for at least 40)
FORMULA_STARTS = ("=", "+", "-", "@")


def _rows(path: Path = REFERENCE) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _controller(place: str, day: str) -> set[str]:
    return {
        c for r in _rows() if r["place_en"] == place and r["date"] == day for c in r["controller"].split("|")
    }


@pytest.mark.parametrize(
    "path", [REFERENCE, HELDOUT, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH, NINTH, TENTH],
    ids=["tuning", "heldout", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
         "heldout10"],
)
def test_every_row_is_well_formed_and_cited(path):
    rows = _rows(path)
    assert rows and list(rows[0]) == ["place_en", "place_ar", "date", "controller", "source", "note"]
    seen = set()
    for r in rows:
        date.fromisoformat(r["date"])
        assert set(r["controller"].split("|")) <= CONTROLLERS, r
        assert r["source"].startswith("Wikipedia: "), r
        assert r["place_en"] and any("\u0600" <= ch <= "\u06ff" for ch in r["place_ar"]), r
        assert not any(cell.startswith(FORMULA_STARTS) for cell in r.values()), r
        assert (r["place_en"], r["date"]) not in seen, r
        seen.add((r["place_en"], r["date"]))


def test_enough_places_at_each_core_date():
    by_date = defaultdict(set)
    for r in _rows():
        by_date[r["date"]].add(r["place_en"])
    for day in CORE_DATES:
        assert len(by_date[day]) >= MIN_PLACES_AT_EACH_CORE_DATE, day


def test_heldout_places_are_new_and_at_every_date_of_the_reference():
    tuning = _rows()
    heldout = _rows(HELDOUT)
    assert not {r["place_en"] for r in heldout} & {r["place_en"] for r in tuning}
    assert not {r["place_ar"] for r in heldout} & {r["place_ar"] for r in tuning}
    assert {r["date"] for r in heldout} == {r["date"] for r in tuning}
    for day in CORE_DATES:
        assert len({r["place_en"] for r in heldout if r["date"] == day}) >= MIN_HELDOUT_PLACES, day
    assert "Israel" not in {c for r in heldout for c in r["controller"].split("|")}


@pytest.mark.parametrize(
    "path", [REFERENCE, HELDOUT, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH, NINTH, TENTH],
    ids=["tuning", "heldout", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
         "heldout10"],
)
def test_hts_rows_also_accept_the_opposition(path):
    for r in _rows(path):
        if "Hayat Tahrir al-Sham" in r["controller"]:
            assert r["controller"] == "Hayat Tahrir al-Sham|Syrian opposition", r
            assert "alt: Syrian opposition" in r["note"], r


@pytest.mark.parametrize(
    ("path", "earlier", "days"),
    [
        (THIRD, (REFERENCE, HELDOUT), {"2017-07-15", "2018-01-15", "2018-05-15", "2018-09-15"}),
        (FOURTH, (REFERENCE, HELDOUT, THIRD), {"2017-08-15", "2018-02-01", "2018-06-01", "2018-10-15"}),
        (FIFTH, (REFERENCE, HELDOUT, THIRD, FOURTH), {"2018-03-01", "2018-04-20", "2018-07-25", "2018-09-15"}),
        (SIXTH, (REFERENCE, HELDOUT, THIRD, FOURTH, FIFTH), {"2017-10-01", "2018-01-15", "2018-05-15", "2018-08-20"}),
        (SEVENTH, (REFERENCE, HELDOUT, THIRD, FOURTH, FIFTH, SIXTH), {"2017-08-15", "2018-02-15", "2018-06-15", "2018-09-15"}),
        (EIGHTH, (REFERENCE, HELDOUT, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH),
         {"2017-11-15", "2018-03-25", "2018-07-25", "2018-10-15"}),
        (NINTH, (REFERENCE, HELDOUT, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH),
         {"2017-10-01", "2018-01-15", "2018-05-01", "2018-08-20"}),
        (TENTH, (REFERENCE, HELDOUT, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH, NINTH),
         {"2017-08-15", "2017-12-20", "2018-03-15", "2018-07-05"}),
    ],
    ids=["heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10"],
)
def test_a_later_reference_has_places_of_none_before_it_at_its_four_dates(path, earlier, days):
    rows, others = _rows(path), [r for e in earlier for r in _rows(e)]
    assert not {r["place_en"] for r in rows} & {r["place_en"] for r in others}
    assert not {r["place_ar"] for r in rows} & {r["place_ar"] for r in others}
    assert {r["date"] for r in rows} == days
    for day in days:
        assert len({r["place_en"] for r in rows if r["date"] == day}) >= MIN_THIRD_PLACES, day
    assert "Israel" not in {c for r in rows for c in r["controller"].split("|")}


def test_the_facts_issue_9_names():
    rows = _rows()
    for r in rows:
        day = r["date"]
        if r["place_en"] == "Raqqa" and day > "2017-10-20":
            assert r["controller"] == "SDF", r
        if r["place_en"] == "Afrin" and day > "2018-03-18":
            assert r["controller"] == "Turkey-backed opposition", r
        if r["place_en"] == "Douma" and day > "2018-04-14":
            assert r["controller"] == "Syrian government", r
        if r["place_en"] == "Daraa" and day > "2018-07-12":
            assert r["controller"] == "Syrian government", r
        if r["place_en"] == "Damascus":
            assert r["controller"] == "Syrian government", r
        assert "Israel" not in r["controller"], r
    assert {r["date"] for r in rows if r["place_en"] == "Damascus"} >= set(CORE_DATES)


def test_takings_fall_between_the_dates_the_record_gives():
    assert _controller("Raqqa", "2017-09-01") == {"contested"}
    assert _controller("Afrin", "2018-03-01") == {"SDF"}
    assert _controller("Douma", "2018-03-01") == {"Syrian opposition"}
    assert _controller("Mayadin", "2017-09-01") == {"Islamic State"}
    assert _controller("Mayadin", "2017-11-01") == {"Syrian government"}
    assert _controller("Hajin", "2018-10-15") == {"Islamic State"}
    assert _controller("al-Tanf", "2018-08-01") == {"US-led coalition"}
