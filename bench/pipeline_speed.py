"""Whole pipeline (mentions → places → dates → events) against the geoparser alone, same run.

Times are CPU seconds of this process (time.process_time), best of --repeat, so that other jobs on a
shared machine slow both sides alike; wall-clock figures are printed beside them. Then the stages of
the pipeline on their own (the Doc, the dates, the events), the same stages as the pipeline runs them (one
Doc built, then read by the geoparser, the dates, the events and the control statements), the geoparser
reading Docs built beforehand (what it costs given a Doc, apart from running between the other stages: the
same calls cost more inside the pipeline than in a loop of their own, most likely as the other stages push
its tables out of the processor's caches), and the cost of one long text against one twice as long: the
events stage must be linear in text length (issue 12 §6).

The whole pipeline is timed twice: one article at a time (geo.pipeline.analyse) and stage by stage over
batches of articles (geo.pipeline.analyse_many, the same results). The "interleaved" line times the
geoparser alone and the whole pipeline (one article at a time) on the same chunks of articles in turn, each
chunk's best of three: the ratio to read on a shared machine, where the two whole-corpus timings, a minute
apart, see different loads.

Usage: python bench/pipeline_speed.py [--repeat K] [--no-scaling] [--exclude FILE]
  --exclude FILE  skip the article ids (a1234 …) found in FILE, e.g. a list of untouched held-out articles
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from _corpus import load_corpus

SCALING_MB = 0.67  # the smaller of the two long texts (issue 12 §6 used 0.67 MB and 1.34 MB)
INTERLEAVE_CHUNK = 40  # articles the geoparser alone and the whole pipeline take in turn (_interleaved)


def _best(fn, repeat: int):
    best_cpu = best_wall = float("inf")
    out = None
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        out = fn()
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu, best_wall, out


def _long_text(arts, mb: float):
    from geo.model import Article

    parts, size = [], 0
    while size < mb * 1e6:
        for a in arts:
            parts.append(a.text)
            size += len(a.text.encode("utf-8"))
            if size >= mb * 1e6:
                break
    return Article("long", "\n\n".join(parts), arts[0].published)


def _interleaved(arts, gaz, repeat: int, size: int = INTERLEAVE_CHUNK) -> tuple[float, float]:
    """CPU seconds of the geoparser alone and of the whole pipeline (geo.pipeline.analyse) over the same
    chunks of `size` articles, taken in turn, each chunk's best of `repeat` for each side: both sides run
    within the same second or two, so a load that comes and goes on a shared machine touches both alike
    (the two whole-corpus timings above run a minute apart, and their ratio moved between 2.9x and 4.4x
    over an hour of one unchanged checkout on a loaded machine)."""
    from geo.pipeline import analyse, geoparse

    geo_cpu = all_cpu = 0.0
    for i in range(0, len(arts), size):
        chunk = arts[i : i + size]
        best_geo = best_all = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            for a in chunk:
                geoparse(a, gaz)
            t1 = time.process_time()
            for a in chunk:
                analyse(a, gaz)
            t2 = time.process_time()
            best_geo, best_all = min(best_geo, t1 - t0), min(best_all, t2 - t1)
        geo_cpu += best_geo
        all_cpu += best_all
    return geo_cpu, all_cpu


def _shared_doc_stages(arts, gaz) -> dict[str, float]:
    """CPU seconds of each stage as geo.pipeline.analyse runs them: the Doc built once, then read by the
    geoparser, the dates, the events and the control statements (the stage lines above build their own
    normalisation)."""
    from geo import dates, events, statements
    from geo.doc import Doc
    from geo.pipeline import geoparse

    cost = dict.fromkeys(("Doc", "geoparser", "dates", "events", "statements"), 0.0)
    for a in arts:
        t0 = time.process_time()
        doc = Doc.of(a)
        t1 = time.process_time()
        loc = geoparse(a, gaz, doc)
        t2 = time.process_time()
        spans = dates.find_time_spans(a.text, a.published, doc) if a.published else []
        t3 = time.process_time()
        evs = events.extract_events(a, loc, spans, doc)
        t4 = time.process_time()
        statements.control_statements(a, loc, evs, doc, spans)
        t5 = time.process_time()
        for key, took in zip(cost, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            cost[key] += took
    return cost


def _geoparser_on_docs(arts, gaz) -> float:
    """CPU seconds of the geoparser alone over Docs built beforehand (their building not counted)."""
    from geo.doc import Doc
    from geo.pipeline import geoparse

    docs = [Doc.of(a) for a in arts]
    t0 = time.process_time()
    for a, doc in zip(arts, docs, strict=True):
        geoparse(a, gaz, doc)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-scaling", action="store_true")
    ap.add_argument("--exclude", type=Path, help="a file whose article ids (a1234 …) are skipped")
    args = ap.parse_args()

    from geo import dates, events, gazetteer
    from geo.doc import Doc
    from geo.pipeline import analyse, analyse_many, geoparse

    gaz = gazetteer.load()
    skip = set(re.findall(r"\ba\d+\b", args.exclude.read_text())) if args.exclude else set()
    arts = [a for a in load_corpus() if a.article_id not in skip]
    analyse(arts[0], gaz)  # warm-up: matcher, lexicons
    mb = sum(len(a.text.encode("utf-8")) for a in arts) / 1e6

    geo_cpu, geo_wall, n_loc = _best(lambda: sum(len(geoparse(a, gaz)) for a in arts), args.repeat)
    all_cpu, all_wall, n_ev = _best(lambda: sum(len(analyse(a, gaz).events) for a in arts), args.repeat)
    many_cpu, many_wall, n_many = _best(
        lambda: sum(len(r.events) for _, r in analyse_many(arts, gaz)), args.repeat
    )
    print(f"corpus: {len(arts)} articles, {mb:.2f} MB ({len(skip)} ids excluded)")
    print(f"geoparser alone: {len(arts) / geo_cpu:,.0f} articles/s CPU ({n_loc} located mentions)")
    print(f"whole pipeline:  {len(arts) / all_cpu:,.0f} articles/s CPU ({n_ev} events)")
    print(f"pipeline cost / geoparser cost: {all_cpu / geo_cpu:.2f}x CPU ({all_wall / geo_wall:.2f}x wall)")
    print(
        f"whole pipeline, stage by stage over batches (analyse_many): {len(arts) / many_cpu:,.0f} articles/s "
        f"CPU ({n_many} events), {many_cpu / geo_cpu:.2f}x the geoparser CPU ({many_wall / geo_wall:.2f}x wall)"
    )
    geo_il, all_il = _interleaved(arts, gaz, max(args.repeat, 3))
    print(
        f"interleaved ({INTERLEAVE_CHUNK} articles at a time, each side's best of {max(args.repeat, 3)} a chunk): "
        f"geoparser {len(arts) / geo_il:,.0f}, whole pipeline {len(arts) / all_il:,.0f} articles/s CPU, "
        f"{all_il / geo_il:.2f}x"
    )

    inputs = [(a, geoparse(a, gaz)) for a in arts]
    doc_cpu, _, _ = _best(lambda: [Doc.of(a) for a in arts], 1)
    date_cpu, _, spans = _best(
        lambda: [dates.find_time_spans(a.text, a.published) if a.published else [] for a in arts], 1
    )
    ev_cpu, _, _ = _best(
        lambda: [events.extract_events(a, loc, sp) for (a, loc), sp in zip(inputs, spans, strict=True)], 1
    )
    print(
        f"stages (CPU s): geoparser {geo_cpu:.2f}, dates {date_cpu:.2f}, events {ev_cpu:.2f} "
        f"(of which the Doc {doc_cpu:.2f})"
    )
    shared = _shared_doc_stages(arts, gaz)
    print("in the pipeline, one Doc shared (CPU s): " + ", ".join(f"{k} {v:.2f}" for k, v in shared.items()))
    print(f"geoparser alone on Docs built beforehand: {_geoparser_on_docs(arts, gaz):.2f} CPU s")
    if args.no_scaling:
        return
    small, large = _long_text(arts, SCALING_MB), _long_text(arts, 2 * SCALING_MB)
    costs = []
    for art in (small, large):
        loc = geoparse(art, gaz)
        sp = dates.find_time_spans(art.text, art.published)
        cpu, _, _ = _best(lambda art=art, loc=loc, sp=sp: events.extract_events(art, loc, sp), 1)
        costs.append(cpu)
    print(
        f"events on one long text: {SCALING_MB} MB {costs[0]:.2f} s, {2 * SCALING_MB} MB {costs[1]:.2f} s "
        f"(×{costs[1] / costs[0]:.2f} for ×2 text; linear is ×2)"
    )


if __name__ == "__main__":
    main()
