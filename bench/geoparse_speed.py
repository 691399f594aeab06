"""Geoparser throughput on the 2,025-article corpus, beside a naive baseline in the same run.

The baseline is what one writes first: for every gazetteer spelling, `str.find` over the text.
It runs on a sample (it is slow) and its rate is scaled per article. Both run on one core.
Usage: python bench/geoparse_speed.py [--baseline-sample N] [--repeat K]
"""

from __future__ import annotations

import argparse
import time

from _corpus import load_corpus


def naive_find(text: str, names: list[str]) -> int:
    hits = 0
    for name in names:
        i = text.find(name)
        while i != -1:
            hits += 1
            i = text.find(name, i + 1)
    return hits


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline-sample", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from geo import gazetteer
    from geo.pipeline import geoparse

    t0 = time.perf_counter()
    gaz = gazetteer.load()
    t_load = time.perf_counter() - t0
    arts = load_corpus()
    mb = sum(len(a.text.encode("utf-8")) for a in arts) / 1e6

    t0 = time.perf_counter()
    geoparse(arts[0], gaz)  # builds the matcher once
    t_build = time.perf_counter() - t0

    best = float("inf")
    n_mentions = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_mentions = sum(len(geoparse(a, gaz)) for a in arts)
        best = min(best, time.perf_counter() - t0)

    names = sorted({n for p in gaz for n in p.names_ar if n})
    sample = arts[: args.baseline_sample]
    t0 = time.perf_counter()
    for a in sample:
        naive_find(a.text, names)
    t_naive = (time.perf_counter() - t0) / len(sample)

    rate = len(arts) / best
    print(
        f"gazetteer load: {t_load * 1000:.0f} ms ({len(gaz)} places); matcher build: {t_build * 1000:.0f} ms"
    )
    print(f"corpus: {len(arts)} articles, {mb:.2f} MB; {n_mentions} place mentions")
    print(f"geoparser (best of {args.repeat}): {best:.2f} s → {rate:,.0f} articles/s, {mb / best:.2f} MB/s")
    print(
        f"naive str.find over {len(names):,} spellings ({len(sample)}-article sample): "
        f"{1 / t_naive:,.1f} articles/s"
    )
    print(f"ratio geoparser / naive: {rate * t_naive:,.0f}x")


if __name__ == "__main__":
    main()
