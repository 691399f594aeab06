"""The order of the stages, written once (text → mentions → places → dates → events).

`analyse` takes one article through every stage; `analyse_many` takes many, each stage over a batch of
them in turn, with the same results and less CPU time: the same calls on the same Docs cost more when each
stage runs between the others than when it runs over many articles in a row (measured, not explained: most
likely the other stages' tables push its own out of the processor's caches; bench/pipeline_speed.py prints
both ways).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geo.doc import Doc
from geo.model import Article, Event, Located, Mention, TimeSpan

# Articles a stage runs over before the next stage starts (analyse_many). Measured over the corpus
# (bench/pipeline_speed.py, CPU time): 16 to 64 at a time cost 12–18% less than one at a time; past that
# nothing more is gained and the batch's Docs are held in memory together.
BATCH = 32
# …and a batch ends once its texts reach this many characters (about 50 corpus articles): a Doc takes some
# 50 bytes a character, so a batch of long texts would hold gigabytes; a text this long goes alone.
BATCH_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Analysis:
    article: Article
    mentions: tuple[Mention, ...]
    located: tuple[Located, ...]
    spans: tuple[TimeSpan, ...]
    events: tuple[Event, ...]
    dropped: tuple[Event, ...] = ()  # extracted, then dropped by the event filter (geo/eventfilter.py)


def geoparse(article: Article, gazetteer=None, doc: Doc | None = None) -> list[Located]:
    """Place mentions of one article, each resolved to one place (or None with a reason). `doc` is the
    article's Doc when the caller has built one; alone, the geoparser normalises the text itself."""
    from geo import gazetteer as gz
    from geo import resolve, toponyms

    gaz = gazetteer or gz.load()
    mentions = toponyms.find_mentions(article, gaz, doc)
    return resolve.resolve(article, mentions, gaz)


def analyse(article: Article, gazetteer=None) -> Analysis:
    """The whole flow for one article."""
    from geo import gazetteer as gz

    work = _Work(article)
    gaz = gazetteer or gz.load()
    for stage in _STAGES:
        stage(work, gaz)
    return work.analysis()


def analyse_many(
    articles: Iterable[Article], gazetteer=None, batch: int = BATCH
) -> Iterator[tuple[Article, Analysis | Exception]]:
    """`analyse` of every article, in their order, each stage over `batch` articles at a time: yields
    (article, its Analysis) or (article, the exception its analysis raised); one article's failure
    stops no other's stages."""
    from geo import gazetteer as gz

    gaz = gazetteer or gz.load()
    for chunk in _batches(articles, batch, BATCH_CHARS):
        for stage in _STAGES:
            for work in chunk:
                if work.failed is None:
                    try:
                        stage(work, gaz)
                    except Exception as exc:  # reported with its article, as analyse would raise it
                        work.failed = exc
        for work in chunk:
            yield work.article, work.failed if work.failed is not None else work.analysis()


def _batches(articles: Iterable[Article], batch: int, chars: int) -> Iterator[list[_Work]]:
    """The articles in order, `batch` at a time, a batch ending early once its texts reach `chars`."""
    chunk: list[_Work] = []
    size = 0
    for article in articles:
        chunk.append(_Work(article))
        size += len(article.text)
        if len(chunk) >= batch or size >= chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@dataclass(slots=True)
class _Work:
    """One article on its way through the stages."""

    article: Article
    doc: Doc | None = None
    located: list[Located] | None = None
    spans: list[TimeSpan] | None = None
    events: list[Event] | None = None
    dropped: list[Event] | None = None
    failed: Exception | None = None

    def analysis(self) -> Analysis:
        return Analysis(
            article=self.article,
            mentions=tuple(loc.mention for loc in self.located),
            located=tuple(self.located),
            spans=tuple(self.spans),
            events=tuple(self.events),
            dropped=tuple(self.dropped or ()),
        )


def _document(work: _Work, gaz) -> None:
    work.doc = Doc.of(work.article)  # one normalisation and tokenisation, read by every stage after it


def _places(work: _Work, gaz) -> None:
    work.located = geoparse(work.article, gaz, work.doc)


def _dates(work: _Work, gaz) -> None:
    from geo import dates

    a = work.article
    work.spans = dates.find_time_spans(a.text, a.published, work.doc) if a.published else []


def _events(work: _Work, gaz) -> None:
    from geo import events, statements

    a, doc = work.article, work.doc
    evs = events.extract_events(a, work.located, work.spans, doc)
    evs += statements.control_statements(a, work.located, evs, doc, work.spans)  # holding phrases at places
    work.events = evs


def _filter(work: _Work, gaz) -> None:
    """The events the learned filter is confident no reader would sign go to Analysis.dropped, not lost."""
    from geo import eventfilter

    work.events, work.dropped = eventfilter.filter_events(work.events, work.doc, work.located)
    work.doc = None  # the batch's finished Docs are not kept


_STAGES = (_document, _places, _dates, _events, _filter)
