"""`python -m geo ingest PATH... [--db FILE]`: add articles to the store, one line per article."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from geo.commands.common import InputReport, add_inputs, load_gazetteer_or_exit


def add_parser(sub) -> None:
    p = sub.add_parser("ingest", help="add articles (and their mentions and events) to the DuckDB store")
    add_inputs(p)
    p.add_argument("--db", type=Path, default=None, help="store file (default: $GEO_DB or data/geo.duckdb)")
    p.set_defaults(func=run)


def run(args) -> int:
    from geo.store import Store, StoreLocked

    report = InputReport()
    load_gazetteer_or_exit()
    counts: Counter[str] = Counter()
    n_events = 0

    def show(res) -> None:
        nonlocal n_events
        counts[res.status] += 1
        n_events += res.events
        detail = f" ({res.events} events)" if res.status == "added" else ""
        note = f": {res.message}" if res.message else ""
        print(f"{res.status} {res.article_id}{detail}{note}", flush=True)

    try:
        store = Store(args.db)
        store.ingest_many(report.articles(args.paths, args.published), on_result=show)
    except StoreLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"{counts['added']} added, {counts['unchanged']} unchanged, {counts['failed']} failed, "
        f"{report.failed} unreadable; {n_events} events added; store {store.path}"
    )
    if counts["failed"]:
        return 1
    return report.exit_code()
