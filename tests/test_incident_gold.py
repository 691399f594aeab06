"""The incident golds (issue 9 §1) are well formed, so that a grouping score measures the grouping, not typos.

The scores themselves are the bench's business; here: each draw is the one the README states, the texts are
the corpus's, every quote is in its article once, every mention points at a happening and every happening
has a mention of its own family. Two golds: `incidents` (2018-03-10..24, used for tuning) and `incidents2`
(2018-04-05..19, held out).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from geo.model import ACTORS, EVENT_TYPES, STATUSES

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "articles.jsonl"


@dataclass(frozen=True)
class Draw:
    """A draw as the README states it: window, words, the splits it avoided, seed, size, eligible count."""

    first: str
    last: str
    words: tuple[str, ...]
    avoided: tuple[str, ...]  # article splits that existed when the draw was made; their ids were not drawn
    seed: int
    size: int
    eligible: int | None  # None: the draw's script is lost; the texts are only checked against the corpus
    # the fewest mentions a gold of this size is expected to hold; the fifth draw's fortnight is thin (ten of
    # its 25 articles are CNN pages about other countries, see NOTES_incidents5.md): 48 mentions
    mentions_at_least: int = 100


# the tenth gold's words (the theatres of 2018), used again by the twelfth and thirteenth draws
TENTH_WORDS = ("درعا", "القنيطرة", "السويداء", "إدلب", "حماة", "دير الزور", "البوكمال", "منبج", "الرقة", "حمص",
               "حلب", "الحسكة", "دمشق", "عفرين", "اللاذقية")


def _splits_before(heldout: int, incidents: int) -> tuple[str, ...]:
    """The article splits that existed when a draw was made: dev–dev3, heldout–heldout<heldout>, incidents–
    incidents<incidents>."""
    names = ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, heldout + 1)),
             "incidents", *(f"incidents{i}" for i in range(2, incidents + 1))]  # fmt: skip
    return tuple(f"articles_{s}.jsonl" for s in names)


DRAWS = {
    "incidents": Draw(
        "2018-03-10",
        "2018-03-24",
        (
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
        ),
        (),
        318,
        30,
        189,
    ),
    "incidents2": Draw(
        "2018-04-05",
        "2018-04-19",
        (
            "دوما",
            "الغوطة",
            "حرستا",
            "عفرين",
            "تل رفعت",
            "منبج",
            "درعا",
            "إدلب",
            "حماة",
            "حمص",
            "دير الزور",
            "الرقة",
        ),
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 11)), "incidents"]
        ),
        407,
        25,
        360,
    ),
    "incidents3": Draw(
        "2018-06-28",
        "2018-07-12",
        ("درعا", "القنيطرة", "نصيب", "بصرى", "طفس", "نوى", "الحراك", "السويداء", "اليادودة", "الجولان"),
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 15)), "incidents", "incidents2"]
        ),
        712,
        25,
        65,
    ),
    "incidents4": Draw(
        "2018-02-18",
        "2018-03-04",
        ("الغوطة", "دوما", "حرستا", "عفرين", "جنديرس"),
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 19)), "incidents", "incidents2", "incidents3"]
        ),
        218,
        25,
        120,
    ),
    "incidents5": Draw(
        "2018-09-03",
        "2018-09-17",
        ("إدلب", "سوتشي", "حماة", "اللاذقية", "جسر الشغور", "منزوعة السلاح"),
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 23)), "incidents", "incidents2", "incidents3", "incidents4"]
        ),
        918,
        25,
        80,
        40,
    ),
    "incidents6": Draw(
        "2018-04-20",
        "2018-05-04",
        ("اليرموك", "الحجر الأسود", "القلمون", "الرستن", "تلبيسة", "حمص", "حماة", "الضمير", "القدم", "مخيم"),
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 27)),
                      "incidents", "incidents2", "incidents3", "incidents4", "incidents5"]
        ),
        1919,
        25,
        35,
    ),
    "incidents7": Draw(
        "2018-07-15",
        "2018-07-29",
        ("درعا", "القنيطرة", "اليرموك", "السويداء", "الفوعة", "كفريا", "نوى", "الجولان", "حوض"),
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 31)),
                      "incidents", "incidents2", "incidents3", "incidents4", "incidents5", "incidents6"]
        ),
        1920,
        25,
        50,
    ),
    "incidents8": Draw(
        "2018-05-05",
        "2018-05-19",
        ("حمص", "الرستن", "تلبيسة", "اليرموك", "الحجر الأسود", "الجولان", "القنيطرة", "إسرائيل", "إيران", "دمشق",
         "حماة", "درعا", "الكسوة"),
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 35)),
                      "incidents", "incidents2", "incidents3", "incidents4", "incidents5", "incidents6", "incidents7"]
        ),
        1921,
        25,
        77,
    ),
    # the whole window: 24 articles were eligible, all drawn (NOTES_incidents9.md); 98 mentions
    "incidents9": Draw(
        "2018-06-10",
        "2018-06-24",
        ("درعا", "القنيطرة", "السويداء", "إدلب", "حماة", "دير الزور", "البوكمال", "منبج", "الرقة", "حمص",
         "اليرموك", "الحسكة", "دمشق", "التنف"),
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 39)),
                      "incidents", "incidents2", "incidents3", "incidents4", "incidents5", "incidents6", "incidents7",
                      "incidents8"]
        ),
        1922,
        24,
        24,
        mentions_at_least=95,
    ),
    # nine of its 25 articles tell no event (NOTES_incidents10.md): 93 mentions
    "incidents10": Draw(
        "2018-08-01",
        "2018-08-15",
        TENTH_WORDS,
        tuple(
            f"articles_{s}.jsonl"
            for s in ["dev", "dev2", "dev3", "heldout", *(f"heldout{i}" for i in range(2, 43)),
                      "incidents", "incidents2", "incidents3", "incidents4", "incidents5", "incidents6", "incidents7",
                      "incidents8", "incidents9"]
        ),
        1923,
        25,
        38,
        mentions_at_least=90,
    ),
    # drawn with the sixteenth draw (a91267e) by a script that did not survive: its 25 of 54 are checked as copied
    # verbatim from the corpus inside the window, not redrawn; seven of them tell no event (NOTES_incidents11.md)
    "incidents11": Draw("2018-05-20", "2018-06-03", (), (), 1924, 25, None, mentions_at_least=70),
    # five of its 25 articles tell no event (NOTES_incidents12.md): 84 mentions
    "incidents12": Draw(
        "2018-10-03",
        "2018-10-17",
        TENTH_WORDS,
        _splits_before(50, 11),
        1925,
        25,
        33,
        mentions_at_least=80,
    ),
    # the eleven days between incidents and incidents2, the last of 2018 not yet drawn; two of its 25 articles tell
    # no event (NOTES_incidents13.md): 104 mentions
    "incidents13": Draw(
        "2018-03-25",
        "2018-04-04",
        TENTH_WORDS,
        _splits_before(54, 12),
        1926,
        25,
        58,
    ),
}


def _jsonl(name: str) -> list[dict]:
    return [
        json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _gold(name: str) -> tuple[dict, list[dict], dict]:
    """Articles by id, mentions, happenings by id of the gold `name`."""
    articles = {a["id"]: a for a in _jsonl(f"articles_{name}.jsonl")}
    happenings = {h["happening"]: h for h in _jsonl(f"{name}_happenings.jsonl")}
    return articles, _jsonl(f"{name}_mentions.jsonl"), happenings


ARTICLES, MENTIONS, HAPPENINGS = _gold("incidents")


def _family(event_type: str) -> str:
    """The merging families of the README: Battles, bombardment, and every other type on its own."""
    if event_type == "chemical_weapon":
        return event_type
    family = EVENT_TYPES[event_type][0]
    return family if family in ("Battles", "Explosions/Remote violence") else event_type


@pytest.mark.skipif(not CORPUS.is_file(), reason="shared corpus not present")
@pytest.mark.parametrize("name", sorted(DRAWS))
def test_the_articles_are_the_stated_draw_copied_verbatim(name):
    draw = DRAWS[name]
    articles = _gold(name)[0]
    if draw.eligible is None:
        corpus = {a["id"]: a for a in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines()) if a}
        assert len(articles) == draw.size
        for i, a in articles.items():
            assert draw.first <= a["published"][:10] <= draw.last, i
            assert a == {k: corpus[i][k] for k in ("id", "published", "outlet", "title", "text")}, i
        return
    avoided = {a["id"] for split in draw.avoided for a in _jsonl(split)}
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    eligible = sorted(
        (
            a
            for a in corpus
            if draw.first <= a["published"][:10] <= draw.last
            and a["id"] not in avoided
            and any(w in a.get("title", "") + a["text"] for w in draw.words)
        ),
        key=lambda a: a["id"],
    )
    assert len(eligible) == draw.eligible
    drawn = random.Random(draw.seed).sample(eligible, draw.size)
    assert set(articles) == {a["id"] for a in drawn}
    for a in drawn:
        assert articles[a["id"]] == {k: a[k] for k in ("id", "published", "outlet", "title", "text")}


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_every_mention_is_well_formed_and_quotes_its_article_once(name):
    articles, mentions, happenings = _gold(name)
    assert len(mentions) >= DRAWS[name].mentions_at_least
    for m in mentions:
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
        assert articles[m["article"]]["text"].count(m["quote_contains"]) == 1, m
        assert m["happening"] in happenings, m


@pytest.mark.parametrize("name", sorted(DRAWS))
def test_every_happening_has_mentions_of_its_own_family_and_known_actors(name):
    _, mentions, happenings = _gold(name)
    by_happening: dict[str, list[dict]] = {}
    for m in mentions:
        by_happening.setdefault(m["happening"], []).append(m)
    assert set(by_happening) == set(happenings)
    for hid, h in happenings.items():
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


def test_the_douma_chemical_attack_is_one_happening_across_its_retellings():
    """The held-out gold's largest happening: Douma, 7 April, retold for ten days by articles of four outlets."""
    articles, mentions, happenings = _gold("incidents2")
    attack = [
        h
        for h in happenings.values()
        if h["type"] == "chemical_weapon" and h["place_en"] == "Douma" and h["date"] == "2018-04-07"
    ]
    assert len(attack) == 1
    reports = [m for m in mentions if m["happening"] == attack[0]["happening"]]
    assert len({m["article"] for m in reports}) >= 15
    assert len({articles[m["article"]]["outlet"] for m in reports}) == 4
    assert {m["date"] for m in reports} == {"2018-04-07"}
    assert {articles[m["article"]]["published"][:10] for m in reports} > {"2018-04-08", "2018-04-17"}
