"""The bars over the date slider (geo/app/map_page.py): each bar covers the days it counts."""
from __future__ import annotations

from datetime import date

import pandas as pd

from geo.app.map_page import day_counts

# Monday 2 April 2018 … Monday 16 April 2018: the week of the Douma attack and the week after.
DAYS = [date(2018, 4, 2), date(2018, 4, 8), date(2018, 4, 9), date(2018, 4, 11), date(2018, 4, 15), date(2018, 4, 16)]


def test_weekly_bars_span_monday_to_monday():
    bars = day_counts(DAYS, date(2018, 3, 30), date(2018, 4, 20), weekly=True)
    rows = [(r.day.date(), r.end.date(), r.n) for r in bars.itertuples()]
    assert rows == [
        (date(2018, 4, 2), date(2018, 4, 9), 2),  # Sunday the 8th belongs to the week it ends
        (date(2018, 4, 9), date(2018, 4, 16), 3),
        (date(2018, 4, 16), date(2018, 4, 23), 1),
    ]


def test_every_counted_day_lies_under_its_bar():
    for weekly in (True, False):
        bars = day_counts(DAYS, date(2018, 3, 30), date(2018, 4, 20), weekly=weekly)
        for day in DAYS:
            ts = pd.Timestamp(day)
            assert ((bars.day <= ts) & (ts < bars.end)).sum() == 1


def test_daily_bars_are_one_day_wide_and_empty_span_has_no_bar():
    bars = day_counts(DAYS, date(2018, 4, 9), date(2018, 4, 11), weekly=False)
    assert [(r.day.date(), r.end.date(), r.n) for r in bars.itertuples()] == [
        (date(2018, 4, 9), date(2018, 4, 10), 1),
        (date(2018, 4, 10), date(2018, 4, 11), 0),
        (date(2018, 4, 11), date(2018, 4, 12), 1),
    ]
    assert day_counts(DAYS, date(2019, 1, 1), date(2019, 2, 1), weekly=True).empty

