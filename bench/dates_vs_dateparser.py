"""Dates: the test table resolved by geo.dates and by dateparser alone, then throughput on the corpus.

"dateparser right" means its single date falls inside the expected [first, last]; a generous reading.
Throughput is measured twice: cold (dateparser's answers not yet cached) and warm, in CPU time of one core.
Usage: python bench/dates_vs_dateparser.py [--repeat K]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from _corpus import ROOT, load_corpus


def table_tally() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_dates import TABLE, _spans_at, dateparser_alone

    ours = alone = 0
    print(f"{'expression':34} {'expected':25} {'geo.dates':25} dateparser alone")
    for published, sentence, expr, first, last, prec, _ in TABLE:
        pub = date.fromisoformat(published)
        spans = _spans_at(sentence, expr, pub)
        got = f"{spans[0].first}..{spans[0].last} p{spans[0].precision}" if len(spans) == 1 else "—"
        want = f"{first}..{last} p{prec}"
        dp = dateparser_alone(expr, pub)
        ours += got == want
        alone += dp is not None and date.fromisoformat(first) <= dp <= date.fromisoformat(last)
        print(f"{expr[:34]:34} {want:25} {got:25} {dp or '—'}")
    print(f"\nresolved right: geo.dates {ours}/{len(TABLE)}, dateparser alone {alone}/{len(TABLE)}")


def throughput(repeat: int) -> None:
    from geo.dates import _dp, find_time_spans

    arts = [a for a in load_corpus() if a.published]
    kb = sum(len(a.text) for a in arts) / len(arts) / 1000
    for label in ["cold"] + ["warm"] * repeat:
        if label == "cold":
            _dp.cache_clear()
        t0 = time.process_time()
        n = sum(len(find_time_spans(a.text, a.published)) for a in arts)
        dt = time.process_time() - t0
        print(
            f"{label}: {len(arts)} articles ({kb:.1f} k chars on average), {n} spans, "
            f"{len(arts) / dt:.0f} articles/s, {1000 * dt / len(arts):.2f} ms/article"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    table_tally()
    print()
    throughput(args.repeat)


if __name__ == "__main__":
    main()
