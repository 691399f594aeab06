"""The embedded store (one DuckDB file, data/geo.duckdb by default): articles, mentions, events, aliases.

Ingest is idempotent by content hash and atomic per article: an article's row, its mentions and
its events go in one transaction, so a failure leaves nothing of that article (and the previous
version of it, if any, intact) while the others go on.

Reading while writing. DuckDB lets one process hold the file read-write, and while it does no
other process may even read it. So nothing holds the file for long: every call opens it, does its
work and closes it (one Store object per session holds no connection), and an ingest opens it only
to check one batch's hashes and to write that batch — the analysis, which is nearly all of an
ingest's time, runs with the file closed. A reader that meets the lock retries for `lock_timeout`
seconds (batch writes take tens of ms), and only then raises StoreBusy. Readers thus see the data
they had, then each batch as it lands, and never a half-written article. (Rejected: ingesting into
a staging copy and swapping it in — a copy of the whole store per ingest, and two ingests at once
would lose one's work; readers on snapshot copies — the same copy cost on every change.)

Errors a caller should catch, each with a one-line message for the user in Arabic and English
(`exc.message("ar")`, `exc.message_en`; `str(exc)` is the English line):
- StoreBusy (alias StoreLocked): another process held the file for all of `lock_timeout`; keep
  showing what was read before and try again later.
- StoreCorrupt: the file is truncated, overwritten or damaged; the message says to move it aside
  and ingest again. Raised on opening or on any read or write that meets the damage.
Both derive from StoreError.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from geo.export import event_row
from geo.model import EXPORT_COLUMNS, Article, Event, Place

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "geo.duckdb"

# Articles per write batch: one content-hash query and one transaction each. Opening, committing
# and closing cost ~30 ms whatever the size, so small batches make the writer the bottleneck
# (64 a batch: 2.2 s of writing for the corpus; 256: 0.8 s, against ~10 CPU-s of analysis); and
# the file is held only while one batch is written (0.1 s in a 2k-article store, 0.2 s at 20k),
# well under the READER_LOCK_TIMEOUT a reader waits.
WRITE_BATCH = 256
# How long a call retries a file another process holds before raising StoreBusy. Readers (the
# dashboard, snapshot) give up soon and show what they had; an ingest waits for readers, whose
# calls are short, far longer — a minute of waiting means another ingest or a stuck process.
READER_LOCK_TIMEOUT = 3.0
WRITER_LOCK_TIMEOUT = 60.0
LOCK_RETRY_S = 0.05  # between attempts: a batch write takes tens of ms
DETAIL_CHARS = 160  # of DuckDB's own message, in StoreCorrupt's line

# Event fields stored as columns (place and extra go as JSON); listed, so a new model field
# cannot silently change the table.
_EVENT_FIELDS = [
    "event_id", "article_id", "event_type", "sub_event_type", "status", "event_date", "time_precision",
    "actor1", "actor2", "geo_precision", "quote", "quote_start", "place_start", "place_end", "published",
    "source", "confidence", "date_last", "fatalities",
]  # fmt: skip
# Every field of Event is stored: as a column above, or as place_json / extra_json.
assert {*_EVENT_FIELDS, "place", "extra"} == {f.name for f in dataclasses.fields(Event)}
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
    "analysis_version",
]
# The version of what an analysis stores: an article stored by an older one is analysed again when its
# text comes in again, instead of being "unchanged". 2: events keep their fatalities. 3: the event,
# place and grouping rules of the tenth held-out round (a store of version 2 draws the older events). 4: the
# eleventh round's event rules, the learned event filter, the fatalities of one day's event, the quarters. 5: the
# twelfth round's (the bare «الجيش», chemical attacks laid at the accused, a day after «بعدما», place lists).
# 6: the thirteenth round's (tolls across sentences, list holdings, date cues, feature takings, place lists).
ANALYSIS_VERSION = 6
_MENTION_COLUMNS = [
    "article_id", "start", "end", "surface", "place_id", "name_ar", "name_en",
    "lat", "lon", "confidence", "geo_precision", "reason",
]  # fmt: skip

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR, content_hash VARCHAR, text VARCHAR, published DATE,
    source VARCHAR, title VARCHAR, url VARCHAR, ingested_at TIMESTAMP, analysis_version INTEGER);
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
    latitude DOUBLE, longitude DOUBLE, fatalities INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS aliases (alias_ar VARCHAR, place_id VARCHAR, created_at TIMESTAMP);
"""
# Columns added since a store file could first be made, per table: a store written before gets them
# (ALTER TABLE … ADD COLUMN) when next opened for writing, its rows kept. An added column takes its
# DEFAULT on the old rows: fatalities 0, analysis_version 1, so the next ingest of those texts analyses
# them again and fills the count the old rows never held. Readers of an older file that was never
# opened for writing see the same defaults (Store.events).
_ADDED_COLUMNS = {
    "events": {"fatalities": "INTEGER DEFAULT 0"},
    "articles": {"analysis_version": "INTEGER DEFAULT 1"},
}


def _migrate(con) -> list[str]:
    """Add the columns an older store file lacks (see _ADDED_COLUMNS); the ones added, as table.column."""
    have = set(con.execute("SELECT table_name, column_name FROM duckdb_columns()").fetchall())
    added = []
    for table, columns in _ADDED_COLUMNS.items():
        for column, kind in columns.items():
            if (table, column) not in have:
                con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {_q(column)} {kind}")
                added.append(f"{table}.{column}")
    return added


# One article_id per article is kept by the code (delete, then insert, in one transaction; one
# writer at a time) rather than by a key, so a replaced article never trips a constraint check.


class StoreError(RuntimeError):
    """A store that cannot be read or written now, with a one-line message for the user.

    `str(exc)` is the English line; `exc.message(lang)` gives it in "ar" or "en" (`message_ar`,
    `message_en` hold both). Callers show that line instead of a traceback.
    """

    def __init__(self, path: Path, message_en: str, message_ar: str):
        super().__init__(message_en)
        self.path = path
        self.message_en = message_en
        self.message_ar = message_ar

    def message(self, lang: str = "en") -> str:
        return self.message_ar if lang == "ar" else self.message_en


class StoreBusy(StoreError):
    """Another process holds the store file (an ingest writing a batch, or a long reader).

    Raised after `lock_timeout` seconds of retrying. Readers should keep showing the data they had
    and try again later: an ingest holds the file only while it writes one batch.
    """

    def __init__(self, path: Path):
        super().__init__(
            path,
            f"the store {path} is in use by another process (e.g. a running `python -m geo ingest`); "
            "try again in a moment",
            f"قاعدة البيانات {path} مشغولة الآن بعملية أخرى (مثل إدخال مقالات جارٍ)؛ أعد المحاولة بعد قليل",
        )


StoreLocked = StoreBusy  # the earlier name, kept for callers that catch it


class StoreCorrupt(StoreError):
    """The file is not a readable DuckDB store (truncated, overwritten, damaged).

    Nothing can be recovered from it here: the message tells the user to move the file aside and
    ingest the articles again into a new store.
    """

    def __init__(self, path: Path, detail: str = ""):
        self.detail = detail
        super().__init__(
            path,
            f"the store {path} is damaged or not a DuckDB file ({detail}); move it aside "
            f"(e.g. mv {path} {path}.broken) and ingest the articles again",
            f"ملف قاعدة البيانات {path} تالف أو ليس ملف DuckDB؛ انقله جانباً "
            f"(مثلاً mv {path} {path}.broken) ثم أدخل المقالات من جديد",
        )


# DuckDB's words for a file it cannot read as a database (truncated, overwritten, bad checksum).
_CORRUPT_SIGNS = (
    "not a valid duckdb database file",
    "could not read enough bytes",
    "corrupt database file",
    "checksum",
    "invalid block",
    "database has been invalidated",
)


def _is_corrupt(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and any(sign in text for sign in _CORRUPT_SIGNS)


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line (a report is one line per article)."""
    return " ".join(str(exc).split())


def _first_line(exc: BaseException) -> str:
    line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return line[:DETAIL_CHARS]


def _is_lock(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


@dataclass(frozen=True, slots=True)
class IngestResult:
    article_id: str
    status: str  # "added" | "unchanged" | "failed"
    events: int = 0
    message: str = ""


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """One article's analysis as store rows: what a worker sends back (no store access needed).

    `error` is set (and the rows empty) when the analysis failed; a Parquet file of results holds
    the same fields (geo.columnar), so results made elsewhere land here unchanged.
    """

    article: Article
    mentions: tuple[tuple, ...] = ()
    events: tuple[tuple, ...] = ()
    error: str = ""


def article_rows(article: Article, gazetteer) -> ArticleRows:
    """Analyse one article and build its rows; an exception becomes an `error`, never escapes."""
    from geo import pipeline  # here, not at the top: a process that only writes never loads it

    try:
        analysis = pipeline.analyse(article, gazetteer)
    except Exception as exc:  # one article's failure must not stop the batch
        return ArticleRows(article, error=f"analysis failed: {type(exc).__name__}: {_one_line(exc)}")
    try:
        mentions = tuple(tuple(_mention_values(x)) for x in analysis.located)
        events = tuple(tuple(_event_values(e)) for e in analysis.events)
    except Exception as exc:
        return ArticleRows(article, error=f"could not store: {type(exc).__name__}: {_one_line(exc)}")
    return ArticleRows(article, mentions, events)


_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))
_ROWS_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleRows))


def input_kind(item) -> str:
    """What an input to ingest_many is: an "article", "rows" (ArticleRows) or "other" (a ReadError,
    anything else), by the fields it holds rather than its class: a dashboard that re-imported changed modules holds Articles
    of an older geo.model.Article class (QA 21), and they are articles all the same."""
    if isinstance(item, ArticleRows) or all(hasattr(item, f) for f in _ROWS_FIELDS):
        return "rows"
    if isinstance(item, Article) or all(hasattr(item, f) for f in _ARTICLE_FIELDS):
        return "article"
    return "other"


def _refused(item) -> IngestResult:
    """The "failed" result of an input that is no article: a ReadError's path and message, or, for
    anything else, its kind (never an AttributeError for a missing `.path`)."""
    name = getattr(item, "path", "") or getattr(item, "article_id", "") or type(item).__name__
    why = getattr(item, "message", "") or f"not an article ({type(item).__name__})"
    return IngestResult(str(name), "failed", 0, str(why))


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


def _insert(con, table: str, columns: list[str], rows: list) -> None:
    """Bulk insert through DuckDB's appender, inside the caller's transaction.

    executemany runs one statement a row; an Arrow table built from these Python rows costs the
    conversion and, the first time, pyarrow's import of pandas (~0.25 s of a writer's CPU). The
    appender takes the tuples as they are (a corpus batch of ~4,500 rows: ~25 ms).
    """
    if not rows:
        return
    with con.appender(table, columns=columns) as appender:
        appender.append_rows(rows)


@dataclass(slots=True)
class _Slot:
    """One input of a write batch: settled already (unreadable, unchanged) or waiting for its rows."""

    result: IngestResult | None
    article: Article | None = None
    digest: str = ""
    rows: ArticleRows | None = None
    replaced: bool = False
    same_as: str = ""  # an earlier article of this run with the same text: unchanged if that one lands
    outdated: bool = False  # stored with this text by an older analysis (ANALYSIS_VERSION): analysed again


@dataclass(slots=True)
class _Run:
    """What one ingest run has sent on so far: later batches are checked before earlier ones land."""

    ids: set[str] = dataclasses.field(default_factory=set)
    digests: dict[str, str] = dataclasses.field(default_factory=dict)  # text → first id sent on
    landed: dict[str, str] = dataclasses.field(default_factory=dict)  # text → id written
    exhausted: bool = False  # no batch left to check: a write need not keep its connection


def _todo(slots: list[_Slot]) -> list[Article]:
    return [s.article for s in slots if s.result is None and s.rows is None]


def _write_batch(con, ready: list[tuple[_Slot, list]]) -> None:
    """One transaction: the batch's articles replace any rows stored under their ids."""
    con.execute("BEGIN TRANSACTION")
    ids = [s.article.article_id for s, _ in ready]
    for table in ("events", "mentions", "articles"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids])
    _insert(con, "articles", _ARTICLE_COLUMNS, [row for _, row in ready])
    _insert(con, "mentions", _MENTION_COLUMNS, [m for s, _ in ready for m in s.rows.mentions])
    _insert(con, "events", _EVENT_COLUMNS, [e for s, _ in ready for e in s.rows.events])
    con.execute("COMMIT")


def _added(slot: _Slot, force: bool) -> IngestResult:
    note = ("reanalysed" if force else "replaced the previous text") if slot.replaced else ""
    if slot.outdated and not force:
        note = "reanalysed (stored by an older version of the analysis)"
    return IngestResult(slot.article.article_id, "added", len(slot.rows.events), note)


def in_process(gazetteer_of: Callable[[], object]) -> Callable[[Iterator[list[Article]]], Iterator[list]]:
    """The default analyser: this process, the gazetteer built on first need."""

    def run(chunks: Iterator[list[Article]]) -> Iterator[list[ArticleRows]]:
        gaz = None
        for chunk in chunks:
            if chunk and gaz is None:
                gaz = gazetteer_of()
            yield [article_rows(a, gaz) for a in chunk]

    return run


class Store:
    """One DuckDB file. `path` defaults to $GEO_DB, else data/geo.duckdb in the checkout."""

    def __init__(
        self,
        path: str | Path | None = None,
        read_only: bool = False,
        lock_timeout: float = READER_LOCK_TIMEOUT,
    ):
        self.path = Path(path or os.environ.get("GEO_DB") or DEFAULT_PATH)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._gaz_cache: tuple[tuple, object] | None = None
        self.migrated: list[str] = []  # columns this opening added to an older file (table.column)
        self._local = (
            threading.local()
        )  # a kept connection belongs to one thread (Streamlit sessions share a Store)
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no store at {self.path}; ingest articles first (python -m geo ingest)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.execute(_SCHEMA)
                self.migrated = _migrate(con)

    # ------------------------------------------------------------------ connections

    @contextmanager
    def _connect(self, keep: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one short call; StoreBusy after `lock_timeout`, StoreCorrupt if unreadable.

        `keep` leaves it open for the very next call (an ingest's write, then the next batch's
        check, with nothing slow between), which then closes it: opening costs ~30 ms.
        """
        con, self._local.kept = getattr(self._local, "kept", None), None
        if con is None:
            con = self._open()
        try:
            yield con
        except duckdb.Error as exc:
            with suppress(duckdb.Error):
                con.close()
            if _is_corrupt(exc):
                raise StoreCorrupt(self.path, _first_line(exc)) from None
            raise
        except BaseException:
            with suppress(duckdb.Error):
                con.close()
            raise
        if keep:
            self._local.kept = con
            return
        try:
            con.close()
        except duckdb.Error as exc:  # the checkpoint on close reads the file too
            if _is_corrupt(exc):
                raise StoreCorrupt(self.path, _first_line(exc)) from None
            raise

    def _release(self) -> None:
        con, self._local.kept = getattr(self._local, "kept", None), None
        if con is not None:
            with suppress(duckdb.Error):
                con.close()

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only)
            except duckdb.Error as exc:
                if _is_corrupt(exc):
                    raise StoreCorrupt(self.path, _first_line(exc)) from None
                if not _is_lock(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusy(self.path) from None
                time.sleep(LOCK_RETRY_S)

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
        items: Iterable,
        gazetteer=None,
        force: bool = False,
        on_result: Callable[[IngestResult], None] | None = None,
        batch_size: int = WRITE_BATCH,
        analyser: Callable[[Iterator[list[Article]]], Iterator[list[ArticleRows]]] | None = None,
    ) -> list[IngestResult]:
        """Ingest Articles (or ArticleRows analysed elsewhere); a fatal ReadError is a "failed" result.

        Inputs go in batches of `batch_size` articles: one content-hash query per batch skips the
        texts already stored (or already seen in this run) before any analysis, and one transaction
        per batch writes the rest. If a batch's transaction fails it is rolled back and its articles
        are written one by one, so each article is all in or all out. The file is opened only for
        those two short steps, never during the analysis, so readers get in between batches.

        `analyser` turns an iterator of article lists into lists of ArticleRows, same order and
        length (geo.parallel has process-pool and Dask ones); by default this process analyses.
        `on_result` sees the results in input order as they are settled; `force` re-runs unchanged
        texts (reanalyse).
        """
        analyse = analyser or in_process(lambda: gazetteer or self.gazetteer())
        run, planned, results = _Run(), deque(), []

        def chunks() -> Iterator[list[Article]]:
            for slots in self._batches(items, batch_size, force, run):
                planned.append(slots)
                yield _todo(slots)
            run.exhausted = True
            self._release()  # no check follows the last write: do not hold the file while the tail is analysed

        try:
            self._settle(analyse(chunks()), planned, force, run, results, on_result)
        finally:
            self._release()
        return results

    def _settle(self, analysed, planned: deque, force: bool, run: _Run, results: list, on_result) -> None:
        """Write each batch as its analysis comes back, in input order."""
        for rows in analysed:
            slots = planned.popleft()
            for slot, found in zip(
                (s for s in slots if s.result is None and s.rows is None), rows, strict=True
            ):
                slot.rows = found
            for res in self._write(slots, force, run):
                results.append(res)
                if on_result:
                    on_result(res)

    def _batches(self, items: Iterable, size: int, force: bool, run: _Run) -> Iterator[list[_Slot]]:
        """Inputs cut into batches of `size` articles, an id never twice in one batch, each checked."""
        slots: list[_Slot] = []
        ids: set[str] = set()
        for item in items:
            kind = input_kind(item)
            if kind == "other":
                if getattr(item, "fatal", True):
                    slots.append(_Slot(_refused(item)))
                continue
            article = item.article if kind == "rows" else item
            if article.article_id in ids:
                yield self._check(slots, force, run)
                slots, ids = [], set()
            ids.add(article.article_id)
            rows = item if kind == "rows" else None
            slots.append(_Slot(None, article, content_hash(article.text), rows))
            if len(ids) >= size:
                yield self._check(slots, force, run)
                slots, ids = [], set()
        if slots:
            yield self._check(slots, force, run)

    def _check(self, slots: list[_Slot], force: bool, run: _Run) -> list[_Slot]:
        """One query for the batch: which texts are stored already, which ids get replaced."""
        arts = [s for s in slots if s.article is not None]
        known: list[tuple[str, str]] = []
        if arts:
            with self._connect() as con:  # may be the connection the last write kept
                known = con.execute(
                    "SELECT article_id, content_hash, coalesce(analysis_version, 1) >= ? FROM articles"
                    " WHERE content_hash IN (SELECT unnest(?)) OR article_id IN (SELECT unnest(?))",
                    [ANALYSIS_VERSION, [s.digest for s in arts], [s.article.article_id for s in arts]],
                ).fetchall()
        by_digest: dict[str, list[str]] = {}
        for aid, digest, current in known:
            if current:  # a text stored by an older analysis is not "unchanged": it is analysed again
                by_digest.setdefault(digest, []).append(aid)
        known_ids = {aid for aid, _, _ in known}
        outdated = {(aid, digest) for aid, digest, current in known if not current}
        for s in arts:
            aid = s.article.article_id
            same = by_digest.get(s.digest)
            if same and not force:
                other = min((a != aid, a) for a in same)[1]
                s.result = IngestResult(aid, "unchanged", 0, "" if other == aid else f"same text as {other}")
                continue
            if not force:  # analysed all the same: the earlier one may yet fail
                s.same_as = run.digests.get(s.digest, "")
            s.replaced = aid in known_ids or aid in run.ids
            s.outdated = (aid, s.digest) in outdated
            run.ids.add(aid)
            run.digests.setdefault(s.digest, aid)
        return slots

    def _write(self, slots: list[_Slot], force: bool, run: _Run) -> list[IngestResult]:
        """Write the analysed articles of one batch; results for every slot, in order."""
        now = datetime.now(UTC).replace(tzinfo=None)
        ready, coming = [], {}
        for s in slots:
            if s.result is not None:
                continue
            a = s.article
            first = run.landed.get(s.digest) or coming.get(s.digest)
            if s.same_as and first:
                msg = "" if first == a.article_id else f"same text as {first}"
                s.result = IngestResult(a.article_id, "unchanged", 0, msg)
            elif s.rows.error:
                s.result = IngestResult(a.article_id, "failed", 0, s.rows.error)
            else:
                coming.setdefault(s.digest, a.article_id)
                ready.append(
                    (
                        s,
                        [
                            a.article_id,
                            s.digest,
                            a.text,
                            a.published,
                            a.source,
                            a.title,
                            a.url,
                            now,
                            ANALYSIS_VERSION,
                        ],
                    )
                )
        if ready:
            # analysers pull the next batch (its check) right after a write, until the input ends
            with self._connect(keep=not run.exhausted) as con:
                self._commit(con, ready, force)
        for s, _ in ready:
            if s.result.status == "added":
                run.landed.setdefault(s.digest, s.article.article_id)
        return [s.result for s in slots]

    def _commit(self, con, ready: list[tuple[_Slot, list]], force: bool) -> None:
        """One transaction for the batch; if it fails, one per article to isolate the culprit."""
        try:
            _write_batch(con, ready)
        except Exception as exc:
            if _is_corrupt(exc):
                raise
            with suppress(duckdb.Error):
                con.execute("ROLLBACK")
            if len(ready) == 1:
                slot = ready[0][0]
                slot.result = IngestResult(
                    slot.article.article_id,
                    "failed",
                    0,
                    f"could not store: {type(exc).__name__}: {_one_line(exc)}",
                )
                return
            for one in ready:
                self._commit(con, [one], force)
            return
        for slot, _ in ready:
            slot.result = _added(slot, force)

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
            fields = {f: r[f] for f in _EVENT_FIELDS if f in r}  # an older file lacks added columns
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
