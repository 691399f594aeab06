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
