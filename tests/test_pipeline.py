"""The stages in order: one article at a time (analyse) or many, stage by stage over a batch (analyse_many)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geo import pipeline


@pytest.fixture(scope="module")
def seeds(seed_articles, seed_dates):
    return [
        replace(art, published=art.published or seed_dates[aid]) for aid, art in sorted(seed_articles.items())
    ]


@pytest.mark.parametrize("batch", [1, 2, 64])
def test_batched_analysis_is_the_per_article_analysis(seeds, batch):
    alone = [pipeline.analyse(a) for a in seeds]
    together = list(pipeline.analyse_many(iter(seeds), batch=batch))
    assert [a for a, _ in together] == seeds  # every article, in its order
    assert [r for _, r in together] == alone
    assert sum(len(r.events) for r in alone) > 0 and sum(len(r.spans) for r in alone) > 0


def test_an_article_whose_analysis_fails_stops_no_other(seeds, monkeypatch):
    from geo import dates

    bad = seeds[1].article_id
    real = dates.find_time_spans

    def failing(text, published, doc=None):
        if text == seeds[1].text:
            raise ValueError("broken date")
        return real(text, published, doc)

    monkeypatch.setattr(dates, "find_time_spans", failing)
    got = dict((a.article_id, r) for a, r in pipeline.analyse_many(seeds, batch=3))
    assert isinstance(got[bad], ValueError)
    others = [a for a in seeds if a.article_id != bad]
    assert [got[a.article_id] for a in others] == [pipeline.analyse(a) for a in others]
    with pytest.raises(ValueError):
        pipeline.analyse(seeds[1])  # alone, the failure is raised to the caller


def test_an_empty_input_gives_nothing():
    assert list(pipeline.analyse_many([])) == []


def test_a_batch_ends_at_its_size_or_at_its_characters():
    from geo.model import Article
    from geo.pipeline import _batches

    short, long_ = Article("s", "قصفت الطائرات حلب."), Article("l", "قصفت الطائرات حلب. " * 300)
    sizes = [[w.article.article_id for w in b] for b in _batches([short] * 5 + [long_, short], 2, 1000)]
    assert sizes == [["s", "s"], ["s", "s"], ["s", "l"], ["s"]]
    assert [len(b) for b in _batches([short] * 7, 3, 10**6)] == [3, 3, 1]


# ---------------------------------------------------------------- the event filter's hook (geo/eventfilter.py)


@pytest.fixture
def strikes_dropped(monkeypatch):
    """A model that drops every air strike and keeps every other event."""
    from geo import eventfilter

    model = eventfilter.Model(
        {
            "header": {"feature_version": eventfilter.FEATURE_VERSION},
            "features": ["bias_type=air_strike"],
            "weights": [-10.0],
            "bias": 5.0,
            "threshold": 0.5,
            "enabled": True,
        }
    )
    monkeypatch.setattr(eventfilter, "load", lambda: model)
    return model


def test_the_events_the_filter_drops_are_kept_apart_not_lost(seeds, strikes_dropped):
    from geo import eventfilter

    for art in seeds:
        with eventfilter.off():
            every = pipeline.analyse(art)
        got = pipeline.analyse(art)
        assert not any(ev.extra["type_key"] == "air_strike" for ev in got.events)
        assert all(ev.extra["type_key"] == "air_strike" for ev in got.dropped)
        assert sorted(got.events + got.dropped, key=every.events.index) == list(every.events)
        assert every.dropped == ()
    assert sum(len(pipeline.analyse(a).dropped) for a in seeds) > 0  # the seeds do report air strikes


def test_batched_analysis_drops_the_same_events(seeds, strikes_dropped):
    together = [r for _, r in pipeline.analyse_many(iter(seeds), batch=2)]
    assert [r.dropped for r in together] == [pipeline.analyse(a).dropped for a in seeds]


def test_the_committed_model_leaves_the_seeds_events_it_keeps_in_order(seeds):
    from geo import eventfilter

    for art in seeds[:2]:
        with eventfilter.off():
            every = pipeline.analyse(art).events
        got = pipeline.analyse(art)
        assert [ev for ev in every if ev not in got.dropped] == list(got.events)
