"""The bars over the date slider (geo/app/map_page.py): each bar covers the days it counts."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from geo import mapview
from geo.app.map_page import MAP_HEIGHT, day_counts

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



# The narrowest map the wide layout gives on a 1280 px screen (sidebar open): about 900 px.
NARROW_MAP_PX = 900
DARAA = (32.6189, 36.1021)  # the city, Syria's south-western governorate seat


def _pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel of (lat, lon) at `zoom`, as Leaflet places it (256 px tiles)."""
    scale = 256 * 2**zoom
    x = (lon + 180) / 360 * scale
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * scale
    return x, y


def _outline_points():
    outlines = mapview.load_outlines()
    if outlines is None:
        pytest.skip("the OCHA governorate outlines are absent (data/sources/ and ../shared/)")
    for feature in outlines["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            for ring in polygon:
                yield from ((lat, lon) for lon, lat in ring)


def test_the_first_view_holds_all_of_syria_daraa_included():
    """QA #8: at the default camera every corner of the OCHA outline, Daraa with it, is inside the map."""
    view = mapview.View(day=date.min)
    cx, cy = _pixel(*view.centre, view.zoom)
    points = [*_outline_points(), DARAA]
    offsets = [(_pixel(lat, lon, view.zoom)[0] - cx, _pixel(lat, lon, view.zoom)[1] - cy) for lat, lon in points]
    assert max(abs(dy) for _dx, dy in offsets) <= MAP_HEIGHT / 2, "the south or north of Syria is cut off"
    assert max(abs(dx) for dx, _dy in offsets) <= NARROW_MAP_PX / 2, "the east or west of Syria is cut off"
