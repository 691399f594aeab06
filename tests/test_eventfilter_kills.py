"""The event filter as a user meets it through the pipeline: the model file's threshold and its `enabled`
switch decide what leaves the map, and the feature groups a model weighs (cue words such as a negation,
a rival reading of the same place in the sentence, an event told more than once) do reach the model."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from geo import eventfilter, eventtypes, pipeline
from geo.model import Article
from tests.test_eventfilter import HABIT, LEAD

# LEAD (a taking at Murak read with a clash at the same place in its first sentence), an air strike on
# al-Lataminah told on two days (two copies of one type at one place), and a shelling of Kafr Zita whose
# sentence holds a negation («ولم تسجل إصابات»).
ARTICLE = (
    f"{LEAD} وقصفت الطائرات الروسية بلدة اللطامنة في ريف حماة."
    " وكانت الطائرات الروسية قد قصفت بلدة اللطامنة أمس. وقصفت قوات النظام بلدة كفرزيتا ولم تسجل إصابات."
)


def _model(weights: dict[str, float], bias: float, threshold: float = 0.5, enabled: bool = True):
    return eventfilter.Model(
        {
            "header": {"feature_version": eventfilter.FEATURE_VERSION},
            "features": sorted(weights),
            "weights": [weights[f] for f in sorted(weights)],
            "bias": bias,
            "threshold": threshold,
            "enabled": enabled,
        }
    )


def _analysed(text: str, model, monkeypatch):
    """The pipeline's analysis of `text` with `model` as the filter's model file."""
    monkeypatch.setattr(eventfilter, "load", lambda *_: model)
    return pipeline.analyse(Article("k1", text, date(2018, 4, 10)))


def _seen(events) -> list[tuple[str, str]]:
    return sorted((ev.extra["type_key"], ev.place.name_en if ev.place else "") for ev in events)


def test_every_cue_set_the_filter_reads_is_a_row_of_the_cue_file():
    """A cue set renamed or removed in geo/rules/event_cues.jsonl would silently stop being a feature."""
    rows = eventtypes.read_jsonl(eventtypes.CUES_PATH)
    in_file = {r["set"] for r in rows}
    missing = [name for name in eventfilter.CUE_SETS if name not in in_file]
    assert missing == [], f"cue sets the filter reads but event_cues.jsonl lacks: {missing}"
    words = eventtypes.cue_words()
    assert all(words[name] for name in eventfilter.CUE_SETS)  # none is an empty set either


def test_a_model_file_switched_off_keeps_the_strike_told_as_a_habit(monkeypatch):
    """The shipped model drops «قصفت مواقع إيرانية قرب حمص مرات عدة»; the same file with `enabled: false`
    leaves it on the map and drops nothing."""
    data = json.loads(eventfilter.MODEL_PATH.read_text(encoding="utf-8"))
    text = f"{LEAD} {HABIT}"
    on = _analysed(text, eventfilter.Model(data), monkeypatch)
    assert ("shelling", "Homs") in _seen(on.dropped)
    off = _analysed(text, eventfilter.Model({**data, "enabled": False}), monkeypatch)
    assert list(off.dropped) == []
    assert ("shelling", "Homs") in _seen(off.events)
    assert len(off.events) == len(on.events) + len(on.dropped)


@pytest.mark.parametrize(("threshold", "all_dropped"), [(0.3, False), (0.45, True)])
def test_the_model_files_threshold_decides_what_is_dropped(threshold, all_dropped, monkeypatch):
    """Every event scored 0.4: a threshold of 0.3 keeps them all, one of 0.45 drops all but the control
    statements (never dropped)."""
    model = _model({}, bias=math.log(0.4 / 0.6), threshold=threshold)
    res = _analysed(ARTICLE, model, monkeypatch)
    assert len(res.events) + len(res.dropped) > 3
    if all_dropped:
        assert {ev.extra["type_key"] for ev in res.events} <= eventfilter.NEVER_DROPPED
        assert ("gov_regains", "Murak") in _seen(res.dropped)
    else:
        assert list(res.dropped) == [] and ("gov_regains", "Murak") in _seen(res.events)


@pytest.mark.parametrize(
    ("feature", "dropped"),
    [
        ("cue:negation", [("shelling", "Kafr Zita")]),
        ("rival_any=gov_regains", [("gov_regains", "Murak")]),
        ("copies=1", [("air_strike", "Al Lataminah"), ("air_strike", "Al Lataminah")]),
    ],
)
def test_a_model_that_weighs_one_feature_drops_exactly_the_events_that_have_it(feature, dropped, monkeypatch):
    """A model keeping everything except events with `feature` (weight -20): the negated shelling, the taking
    read with a rival clash at Murak, the al-Lataminah strike told twice are the ones taken off the map."""
    res = _analysed(ARTICLE, _model({feature: -20.0}, bias=5.0), monkeypatch)
    assert _seen(res.dropped) == dropped
    assert ("shelling", "Murak") in _seen(res.events)  # the second sentence's shelling has none of them
