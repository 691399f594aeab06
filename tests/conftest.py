"""Shared fixtures: where the repository, the seeds and the sibling ../shared corpus are."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "corpus" / "articles.jsonl"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_dates() -> dict[str, date]:
    with (SEEDS / "seeds.csv").open(encoding="utf-8") as fh:
        return {Path(r["file"]).stem: date.fromisoformat(r["published"]) for r in csv.DictReader(fh)}


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    if not CORPUS.is_file():
        pytest.skip(f"news corpus not found at {CORPUS} (it lives in ../shared beside the checkout)")
    return CORPUS


@pytest.fixture(scope="session")
def gaz():
    """The built gazetteer; the tests that need it skip where it has not been built."""
    from geo.gazetteer import load

    try:
        return load()
    except FileNotFoundError as exc:
        pytest.skip(f"gazetteer not built: {exc}")


@pytest.fixture(scope="session")
def seed_articles():
    from geo.model import Article
    from geo.reader import read_paths

    arts = [a for a in read_paths([SEEDS]) if isinstance(a, Article)]
    assert len(arts) == 5
    return {a.article_id: a for a in arts}
