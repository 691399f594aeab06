"""Loading the shared news corpus for the benchmarks (it stays in ../shared, not in the repo)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "articles.jsonl"
sys.path.insert(0, str(ROOT))


def load_corpus(path: Path = CORPUS):
    from geo.model import Article
    from geo.reader import parse_date

    if not path.is_file():
        raise SystemExit(f"corpus not found at {path}: it lives in ../shared beside the checkout")
    arts = []
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        arts.append(Article(rec["id"], rec["text"], parse_date(rec.get("published")), rec.get("outlet", "")))
    return arts
