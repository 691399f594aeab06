"""The learned event filter: its model file, what it drops and keeps, and reproducible training."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from geo import eventfilter, pipeline
from geo.doc import Doc
from geo.model import Article

ROOT = Path(__file__).resolve().parents[1]
# A report of a taking (told twice, as the press does) and two sentences a reader would not sign as events:
# observers posted under an earlier deal (no new agreement), and strikes told as a habit (no dated strike).
LEAD = (
    "سيطرت قوات النظام السوري اليوم الثلاثاء على بلدة مورك في ريف حماة الشمالي بعد معارك عنيفة مع فصائل"
    " المعارضة. وقال مصدر عسكري إن وحدات الجيش سيطرت على مورك بعد قصف مكثف استمر يومين."
    " وأفاد ناشطون بأن عشرات العائلات نزحت من البلدة نحو المناطق المجاورة."
)
NO_AGREEMENT = "وأقيمت نقاط مراقبة روسية في درعا بموجب الاتفاق."
HABIT = "وتخشى إسرائيل من تنامي نفوذ طهران في سوريا وقصفت مواقع إيرانية قرب حمص مرات عدة."


def _scored(text: str):
    """(event, probability) of every event the rules extract from `text`, filter off."""
    art = Article("t1", text, date(2018, 4, 10))
    with eventfilter.off():
        res = pipeline.analyse(art)
    model = eventfilter.load()
    feats = eventfilter.article_features(res.events, Doc.of(art), res.located)
    return [(ev, model.probability(f)) for ev, f in zip(res.events, feats, strict=True)]


def _find(scored, type_key: str, place_en: str):
    hits = [(ev, p) for ev, p in scored if ev.extra["type_key"] == type_key and ev.place.name_en == place_en]
    assert len(hits) == 1, [(ev.extra["type_key"], ev.place and ev.place.name_en) for ev, _ in scored]
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "type_key", "place"), [(NO_AGREEMENT, "agreement", "Daraa"), (HABIT, "shelling", "Homs")]
)
def test_the_model_drops_a_clear_non_event_and_keeps_the_clear_event(sentence, type_key, place):
    threshold = eventfilter.load().threshold
    scored = _scored(f"{LEAD} {sentence}")
    _, p_taking = _find(scored, "gov_regains", "Murak")
    _, p_non_event = _find(scored, type_key, place)  # the rules do extract it
    assert p_taking >= threshold > p_non_event


def test_the_model_file_matches_its_header():
    data = json.loads(eventfilter.MODEL_PATH.read_text(encoding="utf-8"))
    header = data["header"]
    assert header["feature_version"] == eventfilter.FEATURE_VERSION
    assert len(data["features"]) == len(data["weights"]) > 100
    assert data["features"] == sorted(set(data["features"]))  # one weight per feature, a stable order
    assert 0.0 < data["threshold"] < 0.5  # drops only what it is more sure is wrong than right
    trained_on = header["trained_on"]
    for n in range(23, 27):  # the untouched eleventh draw never trained it
        assert f"heldout{n}," not in trained_on + "," and "incidents" not in trained_on
    assert header["rows"] >= header["positive"] > 0
    assert not any(f.startswith(("article", "a0", "a1")) for f in data["features"])  # no article ids


def test_a_model_of_other_features_is_refused(tmp_path):
    data = json.loads(eventfilter.MODEL_PATH.read_text(encoding="utf-8"))
    data["header"]["feature_version"] = eventfilter.FEATURE_VERSION + 1
    with pytest.raises(ValueError, match="features v"):
        eventfilter.Model(data)


def test_no_feature_is_a_place_name():
    art = Article("t1", f"{LEAD} {NO_AGREEMENT}", date(2018, 4, 10))
    with eventfilter.off():
        res = pipeline.analyse(art)
    feats = {f for fs in eventfilter.article_features(res.events, Doc.of(art), res.located) for f in fs}
    words = {f.split(":", 1)[1] for f in feats if f.startswith(("L:", "R:"))} | {
        f.split("=", 1)[1] for f in feats if f.startswith("trigger=")
    }
    assert words and not words & {"مورك", "درعا", "حماه", "حماة"}
    assert "R:قوات" in feats or "R:نظام" in feats  # the words around the trigger are there


def _tiny_rows():
    """A fixture of labelled rows: events of the seeds with a made-up label (air strikes wrong)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import train_event_filter as tr

    rows = []
    for k, text in enumerate([LEAD, f"{LEAD} {HABIT}", f"{LEAD} {NO_AGREEMENT}", HABIT, NO_AGREEMENT]):
        art = Article(f"t{k}", text, date(2018, 4, 10))
        with eventfilter.off():
            res = pipeline.analyse(art)
        for ev, fs in zip(
            res.events, eventfilter.article_features(res.events, Doc.of(art), res.located), strict=True
        ):
            label = int(ev.extra["type_key"] not in {"shelling", "agreement"})
            rows.append(tr.Row("fixture", art.article_id, ev, tuple(fs), label))
    return tr, rows


def test_training_is_reproducible():
    pytest.importorskip("sklearn", reason="training needs scikit-learn (requirements-test)")
    tr, rows = _tiny_rows()
    first, second = tr.fit(rows), tr.fit(list(rows))
    assert first == second and first["features"]
    model = tr.model_of(first, threshold=0.5, enabled=True)
    by_label = {r.label: model.probability(r.features) for r in rows}
    assert by_label[1] > 0.5 > by_label[0]  # it learned the fixture's labels


def test_control_statements_and_chemical_events_are_never_dropped():
    from geo.eventfilter import Model

    everything_wrong = Model(
        {
            "header": {"feature_version": eventfilter.FEATURE_VERSION},
            "features": [],
            "weights": [],
            "bias": -20.0,
            "threshold": 0.5,
            "enabled": True,
        }
    )
    text = f"{LEAD} وتقع بلدة اللطامنة تحت سيطرة المعارضة."
    art = Article("t1", text, date(2018, 4, 10))
    with eventfilter.off():
        res = pipeline.analyse(art)
    kept, dropped = eventfilter.filter_events(res.events, Doc.of(art), res.located, everything_wrong)
    assert {ev.extra["type_key"] for ev in kept} == {"control_statement"}
    assert len(kept) + len(dropped) == len(res.events) and dropped
    chemical = replace(dropped[0], extra={**dropped[0].extra, "type_key": "chemical_weapon"})
    assert eventfilter.filter_events([chemical], Doc.of(art), res.located, everything_wrong) == (
        [chemical],
        [],
    )


def test_a_text_shorter_than_any_training_article_is_left_unfiltered():
    text = f"{LEAD} {HABIT}"  # four sentences: the strike told as a habit is dropped
    art = Article("t1", text, date(2018, 4, 10))
    assert any(ev.extra["type_key"] == "shelling" for ev in pipeline.analyse(art).dropped)
    alone = Article("t2", HABIT, date(2018, 4, 10))  # one pasted sentence: nothing to read the article by
    with eventfilter.off():
        every = pipeline.analyse(alone).events
    assert every and pipeline.analyse(alone).events == every
