"""The embedded store (one DuckDB file, data/geo.duckdb by default): articles, mentions, events, aliases.

Ingest is idempotent by content hash and atomic per article: an article's row, its mentions and
its events go in one transaction, so a failure leaves nothing of that article (and the previous
version of it, if any, intact) while the others go on.

Connections are short-lived: every call opens the file, does its work and closes it, so neither a
Streamlit rerun nor an idle dashboard holds the file between calls (one Store object per session
is fine; it holds no connection). DuckDB lets one process write at a time, and no other process
read meanwhile: a call that meets another process's lock retries for `lock_timeout` seconds, then
raises StoreLocked with a message saying so, instead of DuckDB's IO error.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from geo import pipeline
from geo.export import event_row
from geo.model import EXPORT_COLUMNS, Article, Event, Place

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "geo.duckdb"

# Event fields stored as columns (place and extra go as JSON); listed, so a new model field
# cannot silently change the table.
_EVENT_FIELDS = [
    "event_id", "article_id", "event_type", "sub_event_type", "status", "event_date", "time_precision",
    "actor1", "actor2", "geo_precision", "quote", "quote_start", "place_start", "place_end", "published",
    "source", "confidence", "date_last",
]  # fmt: skip
assert set(_EVENT_FIELDS) <= {f.name for f in dataclasses.fields(Event)}
_EXPORT_ONLY = [c for c in EXPORT_COLUMNS if c not in _EVENT_FIELDS and c != "place_id"]
_EVENT_COLUMNS = [*_EVENT_FIELDS, "place_id", "place_json", "extra_json", *_EXPORT_ONLY]
_ARTICLE_COLUMNS = [
    "article_id",
    "content_hash",
    "text",
    "published",
    "source",
    "title",
    "url",
    "ingested_at",
]
_MENTION_COLUMNS = [
    "article_id", "start", "end", "surface", "place_id", "name_ar", "name_en",
    "lat", "lon", "confidence", "geo_precision", "reason",
]  # fmt: skip

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR, content_hash VARCHAR, text VARCHAR, published DATE,
    source VARCHAR, title VARCHAR, url VARCHAR, ingested_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, start INTEGER, "end" INTEGER, surface VARCHAR, place_id VARCHAR,
    name_ar VARCHAR, name_en VARCHAR, lat DOUBLE, lon DOUBLE, confidence DOUBLE,
    geo_precision INTEGER, reason VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR, article_id VARCHAR, event_type VARCHAR, sub_event_type VARCHAR, status VARCHAR,
    event_date DATE, time_precision INTEGER, actor1 VARCHAR, actor2 VARCHAR, geo_precision INTEGER,
    quote VARCHAR, quote_start INTEGER, place_start INTEGER, place_end INTEGER, published DATE,
    source VARCHAR, confidence DOUBLE, date_last DATE, place_id VARCHAR, place_json VARCHAR,
    extra_json VARCHAR, location VARCHAR, location_en VARCHAR, admin1 VARCHAR, country VARCHAR,
    latitude DOUBLE, longitude DOUBLE);
CREATE TABLE IF NOT EXISTS aliases (alias_ar VARCHAR, place_id VARCHAR, created_at TIMESTAMP);
"""

# One article_id per article is kept by the code (delete, then insert, in one transaction; one
# writer at a time) rather than by a key, so a replaced article never trips a constraint check.


class StoreLocked(RuntimeError):
    """Another process is writing the store file."""


@dataclass(frozen=True, slots=True)
class IngestResult:
    article_id: str
    status: str  # "added" | "unchanged" | "failed"
    events: int = 0
    message: str = ""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _q(name: str) -> str:
    return f'"{name}"'


_PLACE_FIELDS = [f.name for f in dataclasses.fields(Place)]


def _place_from_json(text: str | None) -> Place | None:
    if not text:
        return None
    d = json.loads(text)
    d["names_ar"] = tuple(d.get("names_ar") or ())
    d["names_en"] = tuple(d.get("names_en") or ())
    return Place(**d)


def _event_values(ev: Event) -> list:
    row = event_row(ev)
    values = [getattr(ev, f) for f in _EVENT_FIELDS]
    place = (
        json.dumps({f: getattr(ev.place, f) for f in _PLACE_FIELDS}, ensure_ascii=False) if ev.place else None
    )
    extra = json.dumps(ev.extra, ensure_ascii=False, default=str) if ev.extra else None
    return [*values, row["place_id"] or None, place, extra, *(row[c] for c in _EXPORT_ONLY)]


def _mention_values(loc) -> list:
    m, p = loc.mention, loc.place
    return [
        m.article_id, m.start, m.end, m.surface,
        p.place_id if p else None, p.name_ar if p else None, p.name_en if p else None,
        p.lat if p else None, p.lon if p else None,
        float(loc.confidence), loc.geo_precision if p else None, loc.reason,
    ]  # fmt: skip


def _insert(con, table: str, columns: list[str], rows: list[list]) -> None:
    """Bulk insert through an Arrow table: DuckDB runs executemany one row at a time."""
    if not rows:
        return
    data = pa.table({f"c{i}": [r[i] for r in rows] for i in range(len(columns))})
    con.register("_incoming", data)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(map(_q, columns))}) SELECT * FROM _incoming")
    finally:
        with suppress(duckdb.Error):  # fails in an aborted transaction; the rollback that follows clears it
            con.unregister("_incoming")


@dataclass(slots=True)
class _Prepared:
    """An analysed article with its rows, waiting for its batch's transaction."""

    index: int
    article: Article
    digest: str
    replaced: bool
    row: list
    mentions: list[list]
    events: list[list]
    note: str

    def result(self) -> IngestResult:
        return IngestResult(self.article.article_id, "added", len(self.events), self.note)


def _write_batch(con, batch: list[_Prepared]) -> None:
    con.execute("BEGIN TRANSACTION")
    old = [p.article.article_id for p in batch if p.replaced]
    if old:
        for table in ("events", "mentions", "articles"):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [old])
    _insert(con, "articles", _ARTICLE_COLUMNS, [p.row for p in batch])
    _insert(con, "mentions", _MENTION_COLUMNS, [r for p in batch for r in p.mentions])
    _insert(con, "events", _EVENT_COLUMNS, [r for p in batch for r in p.events])
    con.execute("COMMIT")


class Store:
    """One DuckDB file. `path` defaults to $GEO_DB, else data/geo.duckdb in the checkout."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False, lock_timeout: float = 3.0):
        self.path = Path(path or os.environ.get("GEO_DB") or DEFAULT_PATH)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._gaz_cache: tuple[tuple, object] | None = None
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no store at {self.path}; ingest articles first (python -m geo ingest)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.execute(_SCHEMA)

    # ------------------------------------------------------------------ connections

    @contextmanager
    def _connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=self.read_only)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() >= deadline:  # another process's call is short; a batch ingest is not
                    raise StoreLocked(
                        f"the store {self.path} is in use by another process (DuckDB allows one writer); "
                        "wait for it to finish (e.g. a running `python -m geo ingest`) and try again"
                    ) from None
                time.sleep(0.1)
        try:
            yield con
        finally:
            con.close()

    def _rows(self, sql: str, params=()) -> list[dict]:
        with self._connect() as con:
            cur = con.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    # ------------------------------------------------------------------ gazetteer

    def gazetteer(self):
        """The gazetteer with the user's alias corrections applied (rebuilt when they change)."""
        from geo import gazetteer as gz

        pairs = tuple(self.aliases())
        if self._gaz_cache is None or self._gaz_cache[0] != pairs:
            base = gz.load()
            self._gaz_cache = (pairs, base.with_aliases(pairs) if pairs else base)
        return self._gaz_cache[1]

    # ------------------------------------------------------------------ writing

    def ingest(self, article: Article, gazetteer=None) -> IngestResult:
        return self.ingest_many([article], gazetteer)[0]

    def ingest_many(
        self,
        articles_or_errors: Iterable,
        gazetteer=None,
        force: bool = False,
        on_result: Callable[[IngestResult], None] | None = None,
        batch_size: int = 64,
    ) -> list[IngestResult]:
        """Ingest each Article; a fatal ReadError becomes a "failed" result, a warning is skipped.

        Analysed articles are written `batch_size` at a time in one transaction (a commit per
        article costs more than the analysis); if a batch fails it is rolled back and its articles
        are written one by one, so each article is still all in or all out. `on_result` sees the
        results in input order as they are settled; `force` re-runs unchanged texts (reanalyse).
        """
        gaz = gazetteer
        results: list[IngestResult | None] = []
        pending: list[_Prepared] = []
        shown = 0

        def settle() -> None:
            nonlocal shown
            if pending:
                for p, res in zip(pending, self._write(con, pending), strict=True):
                    results[p.index] = res
                pending.clear()
            while on_result and shown < len(results) and results[shown] is not None:
                on_result(results[shown])
                shown += 1

        with self._connect() as con:
            for item in articles_or_errors:
                if not isinstance(item, Article):
                    if getattr(item, "fatal", True):
                        results.append(IngestResult(str(item.path), "failed", 0, item.message))
                    continue
                if any(p.article.article_id == item.article_id for p in pending):
                    settle()
                if gaz is None:
                    gaz = self.gazetteer()
                found = self._prepare(con, item, gaz, force, pending, len(results))
                results.append(found if isinstance(found, IngestResult) else None)
                if isinstance(found, _Prepared):
                    pending.append(found)
                if len(pending) >= batch_size or not pending:
                    settle()
            settle()
        return results  # type: ignore[return-value]

    def _prepare(self, con, article: Article, gaz, force: bool, pending: list, index: int):
        """Analyse one article and build its rows, outside any transaction."""
        aid = article.article_id
        digest = content_hash(article.text)
        known = con.execute(
            "SELECT article_id, content_hash FROM articles WHERE content_hash = ? OR article_id = ?",
            [digest, aid],
        ).fetchall()
        if not force:
            same = sorted((a != aid, a) for a, h in known if h == digest)
            same += [(True, p.article.article_id) for p in pending if p.digest == digest]
            if same:
                other = min(same)[1]
                return IngestResult(aid, "unchanged", 0, "" if other == aid else f"same text as {other}")
        try:
            analysis = pipeline.analyse(article, gaz)
        except Exception as exc:  # one article's failure must not stop the batch
            return IngestResult(aid, "failed", 0, f"analysis failed: {type(exc).__name__}: {exc}")
        try:
            mentions = [_mention_values(x) for x in analysis.located]
            events = [_event_values(e) for e in analysis.events]
        except Exception as exc:
            return IngestResult(aid, "failed", 0, f"could not store: {type(exc).__name__}: {exc}")
        replaced = any(a == aid for a, _ in known)
        note = ("reanalysed" if force else "replaced the previous text") if replaced else ""
        row = [aid, digest, article.text, article.published, article.source, article.title, article.url,
               datetime.now(UTC).replace(tzinfo=None)]  # fmt: skip
        return _Prepared(index, article, digest, replaced, row, mentions, events, note)

    def _write(self, con, batch: list[_Prepared]) -> list[IngestResult]:
        """One transaction for the batch; if it fails, one per article to isolate the culprit."""
        try:
            _write_batch(con, batch)
            return [p.result() for p in batch]
        except Exception as exc:
            with suppress(duckdb.Error):
                con.execute("ROLLBACK")
            if len(batch) == 1:
                p = batch[0]
                return [
                    IngestResult(
                        p.article.article_id, "failed", 0, f"could not store: {type(exc).__name__}: {exc}"
                    )
                ]
        return [r for p in batch for r in self._write(con, [p])]

    def add_alias(self, alias_ar: str, place_id: str) -> None:
        """Remember that `alias_ar` names `place_id` (a later correction of the same name wins)."""
        alias_ar = alias_ar.strip()
        if not alias_ar or not place_id:
            raise ValueError("both an Arabic name and a place id are needed")
        with self._connect() as con:
            con.execute("BEGIN TRANSACTION")
            con.execute("DELETE FROM aliases WHERE alias_ar = ?", [alias_ar])
            con.execute(
                "INSERT INTO aliases VALUES (?, ?, ?)",
                [alias_ar, place_id, datetime.now(UTC).replace(tzinfo=None)],
            )
            con.execute("COMMIT")

    def reanalyse(self, article_ids: Iterable[str] | None = None) -> list[IngestResult]:
        """Re-run the analysis with the aliases applied, so corrected names move their events.

        Without ids, the articles whose text contains one of the aliases (compared folded).
        """
        from geo.gazetteer import fold

        if article_ids is None:
            keys = [fold(a) for a, _ in self.aliases()]
            keys = [k for k in keys if k]
            arts = [a for a in self.articles() if any(k in fold(a.text) for k in keys)] if keys else []
        else:
            wanted = set(article_ids)
            arts = [a for a in self.articles() if a.article_id in wanted]
        return self.ingest_many(arts, force=True)

    # ------------------------------------------------------------------ reading

    def aliases(self) -> list[tuple[str, str]]:
        with self._connect() as con:
            return [
                tuple(r)
                for r in con.execute("SELECT alias_ar, place_id FROM aliases ORDER BY created_at").fetchall()
            ]

    def articles(self) -> list[Article]:
        rows = self._rows(
            "SELECT article_id, text, published, source, title, url FROM articles ORDER BY published, article_id"
        )
        return [Article(**r) for r in rows]

    def article(self, article_id: str) -> Article | None:
        rows = self._rows(
            "SELECT article_id, text, published, source, title, url FROM articles WHERE article_id = ?",
            [article_id],
        )
        return Article(**rows[0]) if rows else None

    def mentions(self, article_id: str | None = None) -> list[dict]:
        where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
        return self._rows(f'SELECT * FROM mentions {where} ORDER BY article_id, start, "end"', params)

    def unresolved(self, threshold: float = 0.5) -> list[dict]:
        """Mentions with no place or a confidence below `threshold`, each with its sentence."""
        from geo.text import sentences

        rows = self._rows(
            """SELECT m.*, a.text AS _text, a.title, a.published FROM mentions m
               JOIN articles a USING (article_id)
               WHERE m.place_id IS NULL OR m.confidence < ? ORDER BY m.article_id, m.start""",
            [threshold],
        )
        bounds: dict[str, list[tuple[int, int]]] = {}
        for r in rows:
            text = r.pop("_text")
            spans = bounds.setdefault(r["article_id"], sentences(text))
            s, e = next(((s, e) for s, e in spans if s <= r["start"] < e), (r["start"], r["end"]))
            r["sentence"] = text[s:e].strip()
            r["sentence_start"] = s
        return rows

    def events(self, start: date | None = None, end: date | None = None) -> list[Event]:
        """Event records; with bounds, only dated events in [start, end]."""
        where, params = [], []
        if start:
            where.append("event_date >= ?")
            params.append(start)
        if end:
            where.append("event_date <= ?")
            params.append(end)
        sql = f"SELECT * FROM events {'WHERE ' + ' AND '.join(where) if where else ''}"
        sql += " ORDER BY event_date NULLS LAST, article_id, quote_start, event_id"
        out = []
        for r in self._rows(sql, params):
            fields = {f: r[f] for f in _EVENT_FIELDS}
            extra = json.loads(r["extra_json"]) if r["extra_json"] else {}
            out.append(Event(**fields, place=_place_from_json(r["place_json"]), extra=extra))
        return out

    def events_frame(self):
        """All events as a pandas DataFrame with exactly the export columns (one query)."""
        cols = ", ".join(map(_q, EXPORT_COLUMNS))
        with self._connect() as con:
            return con.execute(
                f"SELECT {cols} FROM events ORDER BY event_date NULLS LAST, article_id, quote_start, event_id"
            ).df()

    def counts(self) -> dict[str, int]:
        with self._connect() as con:
            return {
                t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "mentions", "events", "aliases")
            }
