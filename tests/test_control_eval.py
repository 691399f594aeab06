"""bench/control_eval.py counts what a user sees on the map: a place's marker, or the shaded cell it lies in."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from shapely.geometry import Point

from geo.model import Control, Place

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import control_eval as ce  # noqa: E402

TOWN = Place("gn:t", "تل", "Tal", "town", 35.0, 38.0, admin1="SY04")
VILLAGE = Place("gn:v", "قرية", "Qarya", "village", 35.0, 38.02, admin1="SY04")  # 1.8 km east of the town
FAR = Place("gn:f", "بعيدة", "Baida", "village", 35.3, 38.5, admin1="SY04")
GAZ = [TOWN, VILLAGE, FAR]


def _row(place, controller="Syrian government"):
    return {"place_en": place.name_en, "place_ar": place.name_ar, "date": "2018-05-01", "controller": controller}


def test_a_place_counts_by_its_marker_else_by_the_cell_it_lies_in_else_not_at_all():
    held = Control(TOWN, "Syrian government", date(2018, 4, 1), "e1", last_confirmed=date(2018, 4, 1), evidence=("e1",))
    cell = Point(TOWN.lon, TOWN.lat).buffer(0.05)  # the town's shaded cell reaches over the village, not to Baida
    view = ({TOWN.place_id: held}, [(held, cell)])
    by_ar, by_en = ce._index(GAZ)
    assert ce.map_state(_row(TOWN), view, by_ar, by_en) == (held, False)
    state, by_cell = ce.map_state(_row(VILLAGE), view, by_ar, by_en)
    assert (state.controller, by_cell) == ("Syrian government", True)
    assert ce.map_state(_row(FAR), view, by_ar, by_en) == (None, False)


def test_a_cell_of_another_place_counts_as_inferred_and_paler():
    held = Control(TOWN, "Syrian government", date(2018, 4, 1), "e1", last_confirmed=date(2018, 4, 28), evidence=("e1",))
    r = {"places": 1, "covered": 0, "agree": 0, "contested": 0, "area": 0, "area_agree": 0, "stale": 0, "wrong": []}
    ce._count(r, held, _row(VILLAGE, "Syrian opposition"), date(2018, 5, 1), inferred=True)
    assert (r["covered"], r["area"], r["stale"], r["agree"]) == (1, 1, 1, 0)
    (en, _ar, ref, state), = r["wrong"]
    assert (en, ref, state.kind) == ("Qarya", "Syrian opposition", "area")
