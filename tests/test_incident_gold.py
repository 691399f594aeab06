"""The incident gold (issue 9 §1) is well formed, so that a grouping score measures the grouping, not typos.

The scores themselves are the bench's business; here: the draw is the one the README states, the texts are
the corpus's, every quote is in its article once, every mention points at a happening and every happening
has a mention of its own family.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest

from geo.model import ACTORS, EVENT_TYPES, STATUSES

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "articles.jsonl"
DRAW_WORDS = [
    "عفرين",
    "الغوطة",
    "دوما",
    "حرستا",
    "حمورية",
    "كفربطنا",
    "سقبا",
    "جسرين",
    "عربين",
    "مسرابا",
    "مديرا",
]
DRAW_SEED = 318  # the seed the README gives for the 30-article draw
DRAW_SIZE = 30


def _jsonl(name: str) -> list[dict]:
    return [
        json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()
    ]


ARTICLES = {a["id"]: a for a in _jsonl("articles_incidents.jsonl")}
MENTIONS = _jsonl("incidents_mentions.jsonl")
HAPPENINGS = {h["happening"]: h for h in _jsonl("incidents_happenings.jsonl")}


def _family(event_type: str) -> str:
    """The merging families of the README: Battles, bombardment, and every other type on its own."""
    if event_type == "chemical_weapon":
        return event_type
    family = EVENT_TYPES[event_type][0]
    return family if family in ("Battles", "Explosions/Remote violence") else event_type


@pytest.mark.skipif(not CORPUS.is_file(), reason="shared corpus not present")
def test_the_articles_are_the_stated_draw_copied_verbatim():
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    eligible = sorted(
        (
            a
            for a in corpus
            if "2018-03-10" <= a["published"][:10] <= "2018-03-24"
            and any(w in a.get("title", "") + a["text"] for w in DRAW_WORDS)
        ),
        key=lambda a: a["id"],
    )
    assert len(eligible) == 189
    drawn = random.Random(DRAW_SEED).sample(eligible, DRAW_SIZE)
    assert set(ARTICLES) == {a["id"] for a in drawn}
    for a in drawn:
        assert ARTICLES[a["id"]] == {k: a[k] for k in ("id", "published", "outlet", "title", "text")}


def test_every_mention_is_well_formed_and_quotes_its_article_once():
    assert len(MENTIONS) >= 100
    for m in MENTIONS:
        assert set(m) == {
            "article",
            "type",
            "place_en",
            "place_ar",
            "date",
            "time_precision",
            "status",
            "quote_contains",
            "happening",
        }, m
        assert m["type"] in EVENT_TYPES and m["type"] != "control_statement", m
        assert m["status"] in STATUSES and m["time_precision"] in (1, 2, 3), m
        date.fromisoformat(m["date"])
        assert m["place_en"] and m["place_ar"], m
        assert ARTICLES[m["article"]]["text"].count(m["quote_contains"]) == 1, m
        assert m["happening"] in HAPPENINGS, m


def test_every_happening_has_mentions_of_its_own_family_and_known_actors():
    by_happening: dict[str, list[dict]] = {}
    for m in MENTIONS:
        by_happening.setdefault(m["happening"], []).append(m)
    assert set(by_happening) == set(HAPPENINGS)
    for hid, h in HAPPENINGS.items():
        assert h["type"] in EVENT_TYPES and h["description_en"], h
        date.fromisoformat(h["date"])
        assert all(actor in ACTORS for actor in h["actor1"].split("|")), h
        assert {_family(m["type"]) for m in by_happening[hid]} == {_family(h["type"])}, hid


def test_the_fall_of_afrin_is_one_happening_across_its_reports():
    """The README's example: Afrin city taken on 18 March, however many articles retell it."""
    fall = [
        h
        for h in HAPPENINGS.values()
        if h["type"] == "nsa_overtakes" and h["place_en"] == "Afrin" and h["date"] == "2018-03-18"
    ]
    assert len(fall) == 1
    reports = [m for m in MENTIONS if m["happening"] == fall[0]["happening"]]
    assert len({m["article"] for m in reports}) >= 5
    assert {m["date"] for m in reports} == {"2018-03-18"}
