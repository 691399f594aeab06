"""Analysis results as Parquet: one row per article, its mentions and events nested beside it.

A file written here holds everything a store needs to take the articles in without analysing them
again (`python -m geo ingest results.parquet`): the article's fields and content hash, and
`mentions` and `events` as lists of structs whose fields are exactly the store's columns. One row
per article keeps an article whole (it lands in one transaction, all or nothing), and a folder of
such files is a set of partitions DuckDB, pandas or Dask read as one table, e.g.
`SELECT e.* FROM (SELECT unnest(events) AS e FROM 'parts/*.parquet')`.

The column types come from the store's own schema (geo.store._SCHEMA), so the two cannot drift.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from geo.model import Article
from geo.store import _EVENT_COLUMNS, _MENTION_COLUMNS, _SCHEMA, ArticleRows, content_hash

FORMAT = "geo-analysis/1"  # in the file's metadata; a file without it is not ours
# Articles per Parquet row group: each is written and read as one piece, so this bounds memory on
# both sides (~2,000 corpus articles with their rows are a few MB) while keeping groups large
# enough for columnar compression to pay.
ROW_GROUP_ARTICLES = 512
# Event columns a file written before they were added lacks (geo.store._ADDED_COLUMNS): their value then,
# as the store gives its own older rows.
_ADDED_DEFAULTS = {"fatalities": 0}

_DUCK_TO_ARROW = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
}
_ARTICLE_FIELDS = ["article_id", "content_hash", "text", "published", "source", "title", "url"]


class ColumnarError(ValueError):
    """A file that is not a readable Parquet file of analysis results (one-line message)."""


def _table_types(table: str) -> dict[str, pa.DataType]:
    body = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\);", _SCHEMA, re.S).group(1)
    pairs = (col.split()[:2] for col in body.replace("\n", " ").split(","))  # name, type (a DEFAULT after)
    return {name.strip('"'): _DUCK_TO_ARROW[kind] for name, kind in pairs}


def schema() -> pa.Schema:
    articles, mentions, events = (_table_types(t) for t in ("articles", "mentions", "events"))
    nested = [
        pa.field("mentions", pa.list_(pa.struct([(c, mentions[c]) for c in _MENTION_COLUMNS]))),
        pa.field("events", pa.list_(pa.struct([(c, events[c]) for c in _EVENT_COLUMNS]))),
    ]
    fields = [pa.field(c, articles[c]) for c in _ARTICLE_FIELDS] + nested
    return pa.schema(fields, metadata={"format": FORMAT})


def _record(r: ArticleRows) -> dict:
    a = r.article
    return {
        "article_id": a.article_id,
        "content_hash": content_hash(a.text),
        "text": a.text,
        "published": a.published,
        "source": a.source,
        "title": a.title,
        "url": a.url,
        "mentions": [dict(zip(_MENTION_COLUMNS, m, strict=True)) for m in r.mentions],
        "events": [dict(zip(_EVENT_COLUMNS, e, strict=True)) for e in r.events],
    }


def write(rows: Iterable[ArticleRows], path: str | Path) -> int:
    """Write the articles' rows (those without an error) to `path`; returns how many went in."""
    sch, n, group = schema(), 0, []
    with pq.ParquetWriter(str(path), sch) as writer:
        for r in rows:
            if r.error:
                continue
            group.append(_record(r))
            if len(group) >= ROW_GROUP_ARTICLES:
                writer.write_table(pa.Table.from_pylist(group, schema=sch))
                n, group = n + len(group), []
        if group or not n:
            writer.write_table(pa.Table.from_pylist(group, schema=sch))
            n += len(group)
    return n


def read(path: str | Path) -> Iterator[ArticleRows]:
    """The articles of a file written by `write`, one row group at a time; ColumnarError if not one."""
    try:
        f = pq.ParquetFile(str(path))
    except (OSError, pa.ArrowException) as exc:
        raise ColumnarError(f"{path}: not a readable Parquet file ({exc})") from None
    meta = f.schema_arrow.metadata or {}
    if meta.get(b"format") != FORMAT.encode() or not set(schema().names) <= set(f.schema_arrow.names):
        raise ColumnarError(f"{path}: a Parquet file, but not analysis results from `python -m geo events`")
    try:
        for batch in f.iter_batches(batch_size=ROW_GROUP_ARTICLES):
            for rec in batch.to_pylist():
                yield _rows(rec)
    except (OSError, pa.ArrowException) as exc:
        raise ColumnarError(f"{path}: the Parquet file is damaged ({exc})") from None


def _rows(rec: dict) -> ArticleRows:
    article = Article(*(rec[c] for c in ("article_id", "text", "published", "source", "title", "url")))
    mentions = tuple(tuple(m[c] for c in _MENTION_COLUMNS) for m in rec["mentions"])
    events = tuple(tuple(e.get(c, _ADDED_DEFAULTS.get(c)) for c in _EVENT_COLUMNS) for e in rec["events"])
    return ArticleRows(article, mentions, events)


def write_command(report, args) -> int:
    """`python -m geo events PATH... --format parquet --out FILE`: analyse and write the results."""
    import os
    import sys

    from geo.commands.common import load_gazetteer_or_exit
    from geo.store import article_rows

    if not args.out:
        print("error: --format parquet needs --out FILE (Parquet is a binary file)", file=sys.stderr)
        return 2
    gaz = load_gazetteer_or_exit()

    def rows() -> Iterator[ArticleRows]:
        for article in report.articles(args.paths, args.published):
            r = article_rows(article, gaz)
            if r.error:
                report.failed += 1
                print(f"error: {article.article_id}: {r.error}", file=sys.stderr)
            yield r

    out = Path(args.out)
    part = out.with_name(out.name + ".part")  # renamed when whole: a reader never sees half a file
    try:
        n = write(rows(), part)
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{n} articles written to {out}", file=sys.stderr)
    return report.exit_code()
