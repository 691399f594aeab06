"""The order of the stages, written once (text → mentions → places → dates → events)."""

from __future__ import annotations

from dataclasses import dataclass

from geo.doc import Doc
from geo.model import Article, Event, Located, Mention, TimeSpan


@dataclass(frozen=True, slots=True)
class Analysis:
    article: Article
    mentions: tuple[Mention, ...]
    located: tuple[Located, ...]
    spans: tuple[TimeSpan, ...]
    events: tuple[Event, ...]


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
    from geo import dates, events, statements
    from geo import gazetteer as gz

    gaz = gazetteer or gz.load()
    doc = Doc.of(
        article
    )  # one normalisation and tokenisation, read by the geoparser, dates, actors and events
    located = geoparse(article, gaz, doc)
    spans = dates.find_time_spans(article.text, article.published, doc) if article.published else []
    evs = events.extract_events(article, located, spans, doc)
    evs += statements.control_statements(article, located, evs, doc, spans)  # holding phrases at places
    return Analysis(
        article=article,
        mentions=tuple(loc.mention for loc in located),
        located=tuple(located),
        spans=tuple(spans),
        events=tuple(evs),
    )
