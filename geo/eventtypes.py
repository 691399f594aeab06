"""The one registry of event types and statuses (geo/rules/event_types.jsonl, event_statuses.jsonl).

Every stage reads it: extraction (ACLED event_type / sub_event_type), exports, the map and its legend
(Arabic and English labels, colour). A new type is one row there plus its example sentence, which
tests/test_rules.py runs through the pipeline. This module imports nothing of the project at import time,
so that geo/model.py can derive EVENT_TYPES and STATUSES from it.

A type may narrow another one (a row's `acts_as` and `narrows`): a suicide bombing is found as an attack
is (who, where, when: geo/events.py reads its trigger words as `acts_as`), and an attack whose trigger or
the words just after it (`window`; before it, `window_before`) hold a word of the narrower type («هجمات انتحارية», «قصفت … بغاز الكلور»,
«سيارة مفخخة») is of that type. The words of a type are the forms of its trigger rows and its «mark» rows
in geo/rules/event_triggers.jsonl; the first narrower type in the registry's order wins.
"""

from __future__ import annotations

import json
from functools import lru_cache
from itertools import compress
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
    acts_as: str = ""  # the kind geo/events.py reads this type's trigger words as ("" = itself)
    narrows: tuple[str, ...] = ()  # the kinds an event of which, with a word of this type, becomes this type
    window: int = 0  # how many words after the trigger such a word may stand
    window_before: int = 0  # and before it («فجر انتحاري حزامه الناسف»: the bomber, then the belt)
    violent: bool = False  # a violent event: its sentence's dead are its fatalities (geo/fatalities.py)
    claimed_only: bool = False  # its maker is named or claimed, or none: never carried over; a side hit is its target
    absorbs: tuple[str, ...] = ()  # types of one sentence and place told by the same happening as this one


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
    return tuple(_event_type(r) for r in read_jsonl(TYPES_PATH))


def _event_type(row: dict) -> EventType:
    out = EventType(**{f: row[f] for f in EventType._fields if f in row})
    return out._replace(narrows=tuple(out.narrows), absorbs=tuple(out.absorbs))


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


def violent() -> frozenset[str]:
    """Keys of the violent types: those whose sentence's dead are the event's (geo/fatalities.py)."""
    return frozenset(t.key for t in types() if t.violent)


@lru_cache(maxsize=1)
def claimed_only() -> frozenset[str]:
    """Keys of the types whose maker the text must name or a side claim (bombings): no actor carried from
    before, and a side whose car or post was hit («سيارة تابعة لقسد») is the target, not the maker."""
    return frozenset(t.key for t in types() if t.claimed_only)


def one_per_happening(events: list) -> list:
    """Events less those another of the same sentence and place absorbs (a row's `absorbs`): «اغتيال … بتفجير
    عبوة ناسفة» is one bombing, not an assassination beside it; «قصفت … بقذائف تحمل غاز الكلور» one chemical
    attack, not a shelling beside it. Bombings of one type, sentence and place are one (_one_bombing), and so
    are chemical attacks of one sentence and place («قصفت قوات النظام دوما بقذائف تحمل غاز الكلور»: the
    verb and the shells, both narrowed by the gas)."""
    events = _one_chemical(_one_bombing(events))
    absorbs = _absorbs()
    if not absorbs:
        return events
    told: dict[tuple, set[str]] = {}
    for ev in events:
        told.setdefault((ev.quote_start, ev.place.place_id if ev.place else ""), set()).add(ev.extra["type_key"])

    def absorbed(ev) -> bool:
        here = told[(ev.quote_start, ev.place.place_id if ev.place else "")]
        return any(ev.extra["type_key"] in absorbs.get(k, ()) for k in here)

    return [ev for ev in events if not absorbed(ev)]


@lru_cache(maxsize=1)
def _absorbs() -> dict[str, frozenset[str]]:
    """Type key → the types of one sentence and place it absorbs (the rows with an `absorbs`)."""
    return {t.key: frozenset(t.absorbs) for t in types() if t.absorbs}


def _one_chemical(events: list) -> list:
    """Of the chemical attacks told at one sentence and place, the one best dated: a date the text gives
    (extra «date_basis» other than «report»), then the finer precision, then the first."""
    best: dict[tuple, object] = {}
    for ev in events:
        if ev.extra["type_key"] == "chemical_weapon":
            key = (ev.quote_start, ev.place.place_id if ev.place else "")
            if key not in best or _date_rank(ev) < _date_rank(best[key]):
                best[key] = ev
    kept = {id(ev) for ev in best.values()}
    return [ev for ev in events if ev.extra["type_key"] != "chemical_weapon" or id(ev) in kept]


def _date_rank(ev) -> tuple[bool, int]:
    return ev.extra.get("date_basis") == "report", ev.time_precision


def _one_bombing(events: list) -> list:
    """«فجر انتحاري سيارته المفخخة عند حاجز»: the bomber and his car are one bombing, found by two words; of
    the events of a claimed_only type told at one sentence and place, the first naming a maker stays (else
    the first), with the first target any of them names that is not its maker."""
    from dataclasses import replace

    bombs = claimed_only()
    groups: dict[tuple, list] = {}
    for ev in events:
        if ev.extra["type_key"] in bombs:
            key = (ev.extra["type_key"], ev.quote_start, ev.place.place_id if ev.place else "")
            groups.setdefault(key, []).append(ev)
    merged = {}
    for group in groups.values():
        keep = next((ev for ev in group if ev.actor1), group[0])
        target = next((ev.actor2 for ev in group if ev.actor2 and ev.actor2 != keep.actor1), keep.actor2)
        merged[id(keep)] = replace(keep, actor2=target) if target != keep.actor2 else keep
    return [merged.get(id(ev), ev) for ev in events if ev.extra["type_key"] not in bombs or id(ev) in merged]


def machine_kind(key: str) -> str:
    """The kind geo/events.py reads a type's trigger words as: its `acts_as`, else the key itself."""
    row = next((t for t in types() if t.key == key), None)
    return row.acts_as if row is not None and row.acts_as else key


@lru_cache(maxsize=1)
def _narrowers() -> tuple[tuple[EventType, frozenset[str], frozenset[tuple[str, ...]]], ...]:
    """(type, its words, its phrases) for each type that narrows others, in the registry's order."""
    words: dict[str, set[str]] = {}
    for row in read_jsonl(TRIGGERS_PATH):
        if "lemma" in row:
            words.setdefault(row["type"], set()).update(trigger_lemma_forms(row))
        elif "mark" in row:
            words.setdefault(row["type"], set()).update(mark_forms(row))
    out = []
    for t in types():
        if t.narrows:
            marks = words.get(t.key, set())
            phrases = frozenset(tuple(m.split()) for m in marks if " " in m)
            out.append((t, frozenset(m for m in marks if " " not in m), phrases))
    return tuple(out)


def mark_forms(row: dict) -> frozenset[str]:
    """The words of a «mark» row (a word, or words in a row, that narrow an attack's type: no trigger)."""
    from geo.text import normalize

    return frozenset(" ".join(normalize(w).split()) for w in (row["mark"], *row.get("forms", ())))


def _has_phrase(words: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    """Some phrase stands in `words`, its first word perhaps with a proclitic («وفجر نفسه»)."""
    from geo import morph

    if not phrases:
        return False
    firsts = _first_words(phrases)
    for i, w in enumerate(words):
        readings = morph.bare([w])
        if readings.isdisjoint(firsts):
            continue  # (most words: one set test, no phrase tried)
        for p in phrases:
            if p[0] in readings and tuple(words[i + 1 : i + len(p)]) == p[1:]:
                return True
    return False


@lru_cache(maxsize=64)
def _first_words(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases)


def narrowed(kind: str, words: list[str], first: int, last: int) -> str:
    """The type of an event of `kind` whose trigger spans words[first..last] of a sentence:
    the first type narrowing `kind` with a word (or its reading without a proclitic: «بغاز», «بالكلور») in
    the trigger, the `window` words after it (up to a word of cue set «narrow_stops», which opens another
    happening: «قبل», «بعد») or the `window_before` words before it; else `kind`."""
    from geo import morph

    stop: int | None = None  # the first word after the trigger that opens another happening, found once
    for t, marks, phrases in _narrowers():
        if kind not in t.narrows:
            continue  # (the words are read only for the types that narrow this kind)
        if stop is None:  # one memo lookup a word (_opens_happening), at C speed
            opens = map(_opens_happening().__getitem__, words[last + 1 :])
            stop = next(compress(range(last + 1, len(words)), opens), len(words))
        near = words[max(0, first - t.window_before) : min(last + 1 + t.window, stop)]
        if not morph.bare(near).isdisjoint(marks) or _has_phrase(near, phrases):
            return t.key
    return kind


@lru_cache(maxsize=1)
def _opens_happening():
    """Word → whether it, or a reading of it without a proclitic, is in cue set «narrow_stops» (a memo of
    geo.morph.PerWord, filled as words are asked for)."""
    from geo import morph

    stops = cue_words()["narrow_stops"]
    return morph.PerWord(lambda w: not morph.bare([w]).isdisjoint(stops))


def status_labels() -> dict[str, tuple[str, str]]:
    return {s.key: (s.label_ar, s.label_en) for s in statuses()}


# ---------------------------------------------------------------- the extractor's words (geo/events.py)

TRIGGERS_PATH = RULES / "event_triggers.jsonl"
CUES_PATH = RULES / "event_cues.jsonl"


def trigger_rows(field: str) -> list[dict]:
    """Rows of geo/rules/event_triggers.jsonl of one shape: «lemma» (a word and its generated forms),
    «phrase» (words in a row), «pair» (two exact words), «head» (a head word with a companion near it).
    Their «type» is the kind the extractor reads them as (machine_kind: a narrower type's `acts_as`)."""
    return [dict(r, type=machine_kind(r["type"])) for r in read_jsonl(TRIGGERS_PATH) if field in r]


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
        out |= morph.verb_forms(  # `transitive`: its object suffixes too («الصواريخ التي أطلقتها»)
            normalize(v["past"]), normalize(v.get("present", "")), transitive=v.get("transitive", False)
        )
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
    for row in trigger_rows("lemma"):  # a narrower type's words are triggers of the kind it acts as
        out.setdefault(row["type"], set()).update(trigger_lemma_forms(row))
    return {k: frozenset(v) for k, v in out.items()}
