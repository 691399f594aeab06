"""The event golds are well formed, so that bench/events_eval.py measures the extractor and not typos.

Accuracy is reported by the bench, not asserted here. A broken gold line (an actor spelled unlike
geo.model.ACTORS, a date that does not parse, a quote not in the text) would silently turn into a
"miss" there, which is why these checks exist.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.model import ACTORS, EVENT_TYPES, STATUSES
from geo.text import normalize

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
FIELDS = {
    "article": str,
    "type": str,
    "actor1": str,
    "actor2": str,
    "place_en": str,
    "place_ar": str,
    "date": str,
    "time_precision": int,
    "status": str,
    "quote_contains": str,
}
TYPES = set(EVENT_TYPES) | {"control"}
# keys the seventh-draw golds (heldout7–10) add: ACLED's fatalities, and the statuses of issue 8 §4
OPTIONAL = {"fatalities": int}
GOLD_STATUSES = set(STATUSES) | {"failed", "claimed", "denied"}


def _seed_articles() -> dict[str, tuple[str, date]]:
    import csv

    with (ROOT / "seeds" / "seeds.csv").open(encoding="utf-8") as fh:
        published = {Path(r["file"]).stem: date.fromisoformat(r["published"]) for r in csv.DictReader(fh)}
    return {
        stem: ((ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8"), day)
        for stem, day in published.items()
        if (ROOT / "seeds" / f"{stem}.txt").is_file()
    }


def _heldout_articles(name: str = "articles_heldout.jsonl") -> dict[str, tuple[str, date]]:
    out = {}
    for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            text = rec["text"] if "text" in rec else (ROOT / rec["path"]).read_text(encoding="utf-8")
            out[rec["id"]] = (text, date.fromisoformat(rec["published"]))
    return out


SPLITS = {
    "events_seeds.jsonl": _seed_articles,
    "events_heldout.jsonl": _heldout_articles,
    "events_heldout2.jsonl": lambda: _heldout_articles("articles_heldout2.jsonl"),
    "events_dev.jsonl": lambda: _heldout_articles("articles_dev.jsonl"),
    "events_dev2.jsonl": lambda: _heldout_articles("articles_dev2.jsonl"),
    "events_heldout3.jsonl": lambda: _heldout_articles("articles_heldout3.jsonl"),
    "events_dev3.jsonl": lambda: _heldout_articles("articles_dev3.jsonl"),
    "events_heldout4.jsonl": lambda: _heldout_articles("articles_heldout4.jsonl"),
    "events_heldout5.jsonl": lambda: _heldout_articles("articles_heldout5.jsonl"),
    "events_heldout6.jsonl": lambda: _heldout_articles("articles_heldout6.jsonl"),
    "events_heldout7.jsonl": lambda: _heldout_articles("articles_heldout7.jsonl"),
    "events_heldout8.jsonl": lambda: _heldout_articles("articles_heldout8.jsonl"),
    "events_heldout9.jsonl": lambda: _heldout_articles("articles_heldout9.jsonl"),
    "events_heldout10.jsonl": lambda: _heldout_articles("articles_heldout10.jsonl"),
    "events_heldout11.jsonl": lambda: _heldout_articles("articles_heldout11.jsonl"),
    "events_heldout12.jsonl": lambda: _heldout_articles("articles_heldout12.jsonl"),
    "events_heldout13.jsonl": lambda: _heldout_articles("articles_heldout13.jsonl"),
    "events_heldout14.jsonl": lambda: _heldout_articles("articles_heldout14.jsonl"),
    "events_heldout15.jsonl": lambda: _heldout_articles("articles_heldout15.jsonl"),
    "events_heldout16.jsonl": lambda: _heldout_articles("articles_heldout16.jsonl"),
    "events_heldout17.jsonl": lambda: _heldout_articles("articles_heldout17.jsonl"),
    "events_heldout18.jsonl": lambda: _heldout_articles("articles_heldout18.jsonl"),
    "events_heldout19.jsonl": lambda: _heldout_articles("articles_heldout19.jsonl"),
    "events_heldout20.jsonl": lambda: _heldout_articles("articles_heldout20.jsonl"),
    "events_heldout21.jsonl": lambda: _heldout_articles("articles_heldout21.jsonl"),
    "events_heldout22.jsonl": lambda: _heldout_articles("articles_heldout22.jsonl"),
    "events_heldout23.jsonl": lambda: _heldout_articles("articles_heldout23.jsonl"),
    "events_heldout24.jsonl": lambda: _heldout_articles("articles_heldout24.jsonl"),
    "events_heldout25.jsonl": lambda: _heldout_articles("articles_heldout25.jsonl"),
    "events_heldout26.jsonl": lambda: _heldout_articles("articles_heldout26.jsonl"),
    "events_heldout27.jsonl": lambda: _heldout_articles("articles_heldout27.jsonl"),
    "events_heldout28.jsonl": lambda: _heldout_articles("articles_heldout28.jsonl"),
    "events_heldout29.jsonl": lambda: _heldout_articles("articles_heldout29.jsonl"),
    "events_heldout30.jsonl": lambda: _heldout_articles("articles_heldout30.jsonl"),
    "events_heldout31.jsonl": lambda: _heldout_articles("articles_heldout31.jsonl"),
    "events_heldout32.jsonl": lambda: _heldout_articles("articles_heldout32.jsonl"),
    "events_heldout33.jsonl": lambda: _heldout_articles("articles_heldout33.jsonl"),
    "events_heldout34.jsonl": lambda: _heldout_articles("articles_heldout34.jsonl"),
    "events_heldout35.jsonl": lambda: _heldout_articles("articles_heldout35.jsonl"),
    "events_heldout36.jsonl": lambda: _heldout_articles("articles_heldout36.jsonl"),
    "events_heldout37.jsonl": lambda: _heldout_articles("articles_heldout37.jsonl"),
    "events_heldout38.jsonl": lambda: _heldout_articles("articles_heldout38.jsonl"),
    "events_heldout39.jsonl": lambda: _heldout_articles("articles_heldout39.jsonl"),
    "events_heldout40.jsonl": lambda: _heldout_articles("articles_heldout40.jsonl"),
    "events_heldout41.jsonl": lambda: _heldout_articles("articles_heldout41.jsonl"),
    "events_heldout42.jsonl": lambda: _heldout_articles("articles_heldout42.jsonl"),
    "events_heldout43.jsonl": lambda: _heldout_articles("articles_heldout43.jsonl"),
    "events_heldout44.jsonl": lambda: _heldout_articles("articles_heldout44.jsonl"),
    "events_heldout45.jsonl": lambda: _heldout_articles("articles_heldout45.jsonl"),
    "events_heldout46.jsonl": lambda: _heldout_articles("articles_heldout46.jsonl"),
    "events_heldout47.jsonl": lambda: _heldout_articles("articles_heldout47.jsonl"),
    "events_heldout48.jsonl": lambda: _heldout_articles("articles_heldout48.jsonl"),
    "events_heldout49.jsonl": lambda: _heldout_articles("articles_heldout49.jsonl"),
    "events_heldout50.jsonl": lambda: _heldout_articles("articles_heldout50.jsonl"),
    "events_heldout51.jsonl": lambda: _heldout_articles("articles_heldout51.jsonl"),
    "events_heldout52.jsonl": lambda: _heldout_articles("articles_heldout52.jsonl"),
    "events_heldout53.jsonl": lambda: _heldout_articles("articles_heldout53.jsonl"),
    "events_heldout54.jsonl": lambda: _heldout_articles("articles_heldout54.jsonl"),
    "events_heldout55.jsonl": lambda: _heldout_articles("articles_heldout55.jsonl"),
    "events_heldout56.jsonl": lambda: _heldout_articles("articles_heldout56.jsonl"),
    "events_heldout57.jsonl": lambda: _heldout_articles("articles_heldout57.jsonl"),
    "events_heldout58.jsonl": lambda: _heldout_articles("articles_heldout58.jsonl"),
    **{f"events_heldout{n}.jsonl": (lambda n=n: _heldout_articles(f"articles_heldout{n}.jsonl")) for n in range(59, 63)},
}


def _rows(name: str) -> list[dict]:
    path = GOLD / name
    assert path.is_file(), f"missing gold file {path}"
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            rec = json.loads(line)
            assert isinstance(rec, dict), f"{name}:{n} is not a JSON object"
            rec["_line"] = n
            rows.append(rec)
    return rows


def _alts(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|")]


@pytest.fixture(params=sorted(SPLITS), scope="module")
def split(request):
    return request.param, _rows(request.param), SPLITS[request.param]()


def test_gold_file_is_not_empty_and_fields_are_typed(split):
    name, rows, _ = split
    assert rows, f"{name} holds no events"
    for rec in rows:
        for key, kind in FIELDS.items():
            assert key in rec, f"{name}:{rec['_line']} lacks {key}"
            assert isinstance(rec[key], kind), (
                f"{name}:{rec['_line']} {key}={rec[key]!r} is not {kind.__name__}"
            )
        for key, kind in OPTIONAL.items():
            if key in rec:
                assert type(rec[key]) is kind and rec[key] >= 0, f"{name}:{rec['_line']} {key}={rec[key]!r}"
        extra = set(rec) - set(FIELDS) - set(OPTIONAL) - {"_line"}
        assert not extra, f"{name}:{rec['_line']} has unknown fields {extra}"


def test_every_article_exists(split):
    name, rows, articles = split
    missing = {rec["article"] for rec in rows} - set(articles)
    assert not missing, f"{name} names articles that are not in its text set: {sorted(missing)}"


def test_types_statuses_and_actors_are_known(split):
    name, rows, _ = split
    for rec in rows:
        where = f"{name}:{rec['_line']}"
        assert rec["type"] in TYPES, f"{where} unknown event type {rec['type']!r}"
        assert rec["status"] in GOLD_STATUSES, f"{where} unknown status {rec['status']!r}"
        for key in ("actor1", "actor2"):
            if rec[key]:
                for actor in _alts(rec[key]):
                    assert actor in ACTORS, f"{where} {key} {actor!r} is not a key of geo.model.ACTORS"


def test_dates_parse_and_fit_the_report(split):
    name, rows, articles = split
    for rec in rows:
        where = f"{name}:{rec['_line']}"
        day = date.fromisoformat(rec["date"])
        assert rec["time_precision"] in (1, 2, 3), f"{where} time_precision {rec['time_precision']}"
        if rec["time_precision"] == 3:
            assert day.day == 1, f"{where} a month-precise date is written as the 1st of its month"
        published = articles[rec["article"]][1]
        if rec["status"] == "happened":
            assert day <= published, f"{where} happened on {day}, after the report of {published}"


def test_quote_and_place_are_in_the_text(split):
    name, rows, articles = split
    for rec in rows:
        where = f"{name}:{rec['_line']}"
        text = articles[rec["article"]][0]
        assert rec["quote_contains"].strip(), f"{where} empty quote"
        assert rec["quote_contains"] in text, f"{where} quote not found verbatim in {rec['article']}"
        assert rec["place_en"].strip() and all(_alts(rec["place_en"])), f"{where} empty place_en alternative"
        names = [normalize(a) for a in _alts(rec["place_ar"])]
        assert all(names), f"{where} empty place_ar alternative"
        assert any(n in normalize(text) for n in names), (
            f"{where} no place_ar alternative is named in the text"
        )


def test_no_duplicate_events(split):
    name, rows, _ = split
    keys = [tuple(rec[k] for k in FIELDS) for rec in rows]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"{name} repeats events: {dupes}"


def test_heldout_is_disjoint_from_seeds():
    seeds = {rec["article"] for rec in _rows("events_seeds.jsonl")}
    heldout = {rec["article"] for rec in _rows("events_heldout.jsonl")}
    assert not seeds & heldout
    assert heldout <= set(_heldout_articles())


def test_every_split_draws_on_its_own_articles():
    """A held-out figure means something only if no article is in two splits."""
    seen: dict[str, str] = {}
    for path in sorted(GOLD.glob("articles_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                aid = json.loads(line)["id"]
                assert aid not in seen, f"{aid} is in both {seen[aid]} and {path.name}"
                seen[aid] = path.name
