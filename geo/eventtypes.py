"""The one registry of event types and statuses (geo/rules/event_types.jsonl, event_statuses.jsonl).

Every stage reads it: extraction (ACLED event_type / sub_event_type), exports, the map and its legend
(Arabic and English labels, colour). A new type is one row there plus its example sentence, which
tests/test_rules.py runs through the pipeline. This module imports nothing of the project, so that
geo/model.py can derive EVENT_TYPES and STATUSES from it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

RULES = Path(__file__).resolve().parent / "rules"
TYPES_PATH = RULES / "event_types.jsonl"
STATUSES_PATH = RULES / "event_statuses.jsonl"


class EventType(NamedTuple):
    key: str
    event_type: str  # ACLED event_type
    sub_event_type: str  # ACLED sub_event_type
    label_ar: str
    label_en: str
    colour: str
    example: str


class Status(NamedTuple):
    key: str
    label_ar: str
    label_en: str
    example: str


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a rules file; a broken line is reported with its file and line number."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path.name}:{n}: not a JSON object ({err.msg})") from None
    return rows


@lru_cache(maxsize=1)
def types() -> tuple[EventType, ...]:
    return tuple(EventType(**{f: r[f] for f in EventType._fields}) for r in read_jsonl(TYPES_PATH))


@lru_cache(maxsize=1)
def statuses() -> tuple[Status, ...]:
    return tuple(Status(**{f: r[f] for f in Status._fields}) for r in read_jsonl(STATUSES_PATH))


def acled_pairs() -> dict[str, tuple[str, str]]:
    """key → (event_type, sub_event_type): geo.model.EVENT_TYPES."""
    return {t.key: (t.event_type, t.sub_event_type) for t in types()}


def labels() -> dict[str, tuple[str, str]]:
    """key → (Arabic label, English label), for the map, its legend and the exports."""
    return {t.key: (t.label_ar, t.label_en) for t in types()}


def colours() -> dict[str, str]:
    return {t.key: t.colour for t in types()}


def status_labels() -> dict[str, tuple[str, str]]:
    return {s.key: (s.label_ar, s.label_en) for s in statuses()}


# ---------------------------------------------------------------- the extractor's words (geo/events.py)

TRIGGERS_PATH = RULES / "event_triggers.jsonl"
CUES_PATH = RULES / "event_cues.jsonl"


def trigger_rows(field: str) -> list[dict]:
    """Rows of geo/rules/event_triggers.jsonl of one shape: «lemma» (a word and its generated forms),
    «phrase» (words in a row), «pair» (two exact words), «head» (a head word with a companion near it)."""
    return [r for r in read_jsonl(TRIGGERS_PATH) if field in r]


@lru_cache(maxsize=1)
def cue_words() -> dict[str, frozenset[str]]:
    """Cue set name → its words, normalised (geo/rules/event_cues.jsonl: one row per set, with its role),
    and all forms of the trigger lemmas the row names."""
    from geo.text import normalize

    by_lemma: dict[str, frozenset[str]] = {}
    for row in trigger_rows("lemma"):
        by_lemma[row["lemma"]] = by_lemma.get(row["lemma"], frozenset()) | trigger_lemma_forms(row)
    out = {}
    for r in read_jsonl(CUES_PATH):  # `lemmas`: every form of those trigger rows is in the set too
        words = {normalize(w) for w in r["words"]}
        words |= _generated(r.get("verbs", ()), r.get("nouns", ()))  # `verbs`, `nouns`: inflected here
        out[r["set"]] = frozenset(words.union(*(by_lemma[lemma] for lemma in r.get("lemmas", ()))))
    return out


def _generated(verbs, nouns) -> set[str]:
    from geo import morph
    from geo.text import normalize

    out: set[str] = set()
    for v in verbs:
        out |= morph.verb_forms(normalize(v["past"]), normalize(v.get("present", "")))
    for n in nouns:
        out |= morph.noun_forms(normalize(n))
    return out


def trigger_lemma_forms(row: dict) -> frozenset[str]:
    """Every form of one trigger row: generated from its past/present stems and its noun, plus `forms`."""
    from geo import morph
    from geo.text import normalize

    out = {normalize(w) for w in row.get("forms", ())}
    if row.get("past"):
        out |= morph.verb_forms(
            normalize(row["past"]), normalize(row.get("present", "")), transitive=row.get("transitive", False)
        )
    if row.get("noun"):
        out |= morph.noun_forms(
            normalize(row["noun"]), suffixes=row.get("suffixes", False), dual=row.get("dual", False)
        )
    return frozenset(out)


@lru_cache(maxsize=1)
def trigger_forms() -> dict[str, frozenset[str]]:
    """Trigger type («take» or an EVENT_TYPES key) → all its forms, in the order types first appear."""
    out: dict[str, set[str]] = {}
    for row in trigger_rows("lemma"):
        out.setdefault(row["type"], set()).update(trigger_lemma_forms(row))
    return {k: frozenset(v) for k, v in out.items()}
