"""CPU cost of the event stage (geo.events.extract_events, the article's Doc given) over the corpus, against
the geoparser with the same Doc, in the same process.

The inputs of the event stage (Doc, located mentions, time spans) are built once beforehand and not timed;
then each side runs over every article, best of --repeat passes (CPU seconds, time.process_time), so that
other jobs on a shared machine slow both alike. Issue 8 §6 asks the whole pipeline for at most 2× the
geoparser alone; the events' share of that budget is printed as the ratio events / geoparser.

Usage: python bench/events_speed.py [--repeat K] [--exclude FILE]
  --exclude FILE  skip the article ids (a1234 …) found in FILE, e.g. a list of untouched held-out articles
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from _corpus import CORPUS, load_corpus


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--exclude", type=Path, help="a file whose article ids (a1234 …) are skipped")
    args = ap.parse_args(argv)
    if not CORPUS.is_file():
        print(f"skipped: the corpus is not at {CORPUS} (it lives in ../shared beside the checkout)")
        return 0

    from geo import dates, events, gazetteer
    from geo.doc import Doc
    from geo.pipeline import geoparse

    skip = set(re.findall(r"\ba\d+\b", args.exclude.read_text())) if args.exclude else set()
    arts = [a for a in load_corpus() if a.article_id not in skip]
    gaz = gazetteer.load()
    docs = [Doc.of(a) for a in arts]
    located = [geoparse(a, gaz, d) for a, d in zip(arts, docs, strict=True)]
    spans = [
        dates.find_time_spans(a.text, a.published, d) if a.published else []
        for a, d in zip(arts, docs, strict=True)
    ]
    work = list(zip(arts, located, spans, docs, strict=True))
    n_events = sum(len(events.extract_events(a, lc, sp, d)) for a, lc, sp, d in work)  # warm-up pass

    geo_cpu = _best(lambda: [geoparse(a, gaz, d) for a, d in zip(arts, docs, strict=True)], args.repeat)
    ev_cpu = _best(lambda: [events.extract_events(a, lc, sp, d) for a, lc, sp, d in work], args.repeat)
    print(f"corpus: {len(arts)} articles ({len(skip & {a.article_id for a in load_corpus()})} skipped)")
    print(f"geoparser (Doc given): {geo_cpu:.2f} CPU s")
    print(f"events (Doc given):    {ev_cpu:.2f} CPU s ({n_events} events)")
    print(f"events / geoparser:    {ev_cpu / geo_cpu:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
