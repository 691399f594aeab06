"""Scoring extracted events against hand-made gold (tests/gold/README.md): not part of the runtime.

Used by bench/events_eval.py and the tests. A gold event is found (strict) when an extracted event has its
article, type, place (any «|» alternative, Arabic or English), day and actor1.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from geo.model import Event
from geo.text import normalize


def load_gold(path) -> list[dict]:
    """Gold events, one JSON object a line (see tests/gold/events_seeds.jsonl)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _alts(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


def place_matches(ev: Event, gold: dict) -> bool:
    """A gold place (alternatives split on «|») names the event's place in Arabic or English."""
    if ev.place is None:
        return False
    names_ar = {normalize(n) for n in (ev.place.name_ar, *ev.place.names_ar) if n}
    names_en = {n.casefold() for n in (ev.place.name_en, *ev.place.names_en) if n}
    return any(normalize(a) in names_ar for a in _alts(gold.get("place_ar", ""))) or any(
        a.casefold() in names_en for a in _alts(gold.get("place_en", ""))
    )


def date_matches(ev: Event, gold: dict) -> bool:
    """The gold day lies in the event's [event_date, date_last]; a month-precise gold needs the month."""
    if ev.event_date is None:
        return False
    g = date.fromisoformat(gold["date"])
    if gold.get("time_precision") == 3:
        return (ev.event_date.year, ev.event_date.month) == (g.year, g.month)
    return ev.event_date <= g <= (ev.date_last or ev.event_date)


def gold_matches(ev: Event, gold: dict) -> bool:
    """Right article, type, place, day and actor1 (a gold actor1 of "" means the text names none)."""
    return (
        ev.article_id == gold["article"]
        and ev.extra.get("type_key") == gold["type"]
        and (not gold.get("actor1") or ev.actor1 in _alts(gold["actor1"]))
        and place_matches(ev, gold)
        and date_matches(ev, gold)
    )


def score(events: list[Event], gold: list[dict]) -> dict:
    """Share of gold events found (recall), status agreement among them, and what was missed."""
    found, missed, status_ok = [], [], 0
    for g in gold:
        hit = next((ev for ev in events if gold_matches(ev, g)), None)
        if hit is None:
            missed.append(g)
            continue
        found.append((g, hit))
        status_ok += hit.status == g.get("status", hit.status)
    n = len(gold)
    return {
        "gold": n,
        "found": len(found),
        "recall": len(found) / n if n else 0.0,
        "status_agreement": status_ok / len(found) if found else 0.0,
        "events": len(events),
        "missed": missed,
        "matched": found,
    }
