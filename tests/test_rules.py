"""Every row of the event rules (geo/rules/event_*.jsonl, actors.jsonl) does what it says on its own example.

One test per row, generated from the files: adding a trigger, a cue or an event type is one row, and its
example sentence is run here through the real pipeline (gazetteer, geoparser, dates, actors, events).
"""

from __future__ import annotations

from datetime import date

import pytest

from geo import eventtypes, morph
from geo.actors import PARTNERS, find_actors
from geo.actors import RULES_PATH as ACTORS_PATH
from geo.events import FATALITIES_PATH
from geo.model import EVENT_TYPES, STATUSES, Article
from geo.text import normalize

PUBLISHED = date(2018, 5, 1)
TAKE = {"gov_regains", "nsa_overtakes"}  # a «take» trigger becomes one or the other by its actor
DIPLOMATIC = {"talks", "agreement"}  # the parties to talks and deals may be partners


@pytest.fixture(scope="module")
def analyse():
    from geo import gazetteer
    from geo.pipeline import analyse as run

    gaz = gazetteer.load()
    return lambda text: run(Article("rule", text, PUBLISHED), gaz).events


def _rows(path, field=None):
    rows = eventtypes.read_jsonl(path)
    rows = [r for r in rows if field is None or field in r]
    return pytest.mark.parametrize("row", rows, ids=_row_id)


def _row_id(r: dict) -> str:
    name = next((r[k] for k in ("key", "lemma", "phrase", "pair", "head", "set") if k in r), None)
    if name is None and "fatalities" in r:
        return r["kind"]
    return f"{r.get('type', '')}:{name}" if name is not None else f"{r['kind']}:{r['actor']}"


def _types(events) -> set[str]:
    return {e.extra["type_key"] for e in events}


def _kinds(kind: str) -> set[str]:
    return TAKE if kind == "take" else {"control_statement"} if kind == "control" else {kind}


@_rows(eventtypes.TYPES_PATH)
def test_event_type_row(row, analyse):
    assert row["key"] in EVENT_TYPES and EVENT_TYPES[row["key"]] == (row["event_type"], row["sub_event_type"])
    assert row["colour"].startswith("#") and row["label_ar"] and row["label_en"]
    assert row["key"] in _types(analyse(row["example"]))


@_rows(eventtypes.STATUSES_PATH)
def test_status_row(row, analyse):
    assert row["key"] in STATUSES
    assert row["key"] in {e.status for e in analyse(row["example"])}


@_rows(eventtypes.TRIGGERS_PATH, "lemma")
def test_trigger_lemma_row(row, analyse):
    forms = eventtypes.trigger_lemma_forms(row)
    assert normalize(row["lemma"]) in forms or row.get("forms")
    events = [e for e in analyse(row["example"]) if e.extra["type_key"] in _kinds(row["type"])]
    said = {rest for e in events for _, rest in morph.splits(normalize(e.extra["trigger"]).split()[0])}
    assert said & forms, f"no {row['type']} event from a form of «{row['lemma']}»"


@_rows(eventtypes.TRIGGERS_PATH, "phrase")
def test_trigger_phrase_row(row, analyse):
    assert _types(analyse(row["example"])) & _kinds(row["type"])


@_rows(eventtypes.TRIGGERS_PATH, "pair")
def test_trigger_pair_row(row, analyse):
    assert _types(analyse(row["example"])) & _kinds(row["type"])


@_rows(eventtypes.TRIGGERS_PATH, "head")
def test_trigger_head_row(row, analyse):
    cues = eventtypes.cue_words()
    assert row["head"] in cues and row["companion"] in cues
    assert _types(analyse(row["example"])) & _kinds(row["type"])


@_rows(eventtypes.CUES_PATH)
def test_cue_row(row, analyse):
    words = eventtypes.cue_words()[row["set"]]
    example = normalize(row["example"]).split()
    if row.get("match") == "future_stem":  # stems read after the future س and a person prefix
        assert any(morph.is_future(w, tuple(words)) for w in example)
    else:
        assert morph.bare(example) & words, f"the example names none of the «{row['set']}» words"
    expect = row.get("expect")
    if not expect:
        return
    events = analyse(row["example"])
    if "event" in expect:
        assert expect["event"] in _types(events)
    if "no_event" in expect:
        assert expect["no_event"] not in _types(events)
    if "status" in expect:
        assert expect["status"] in {e.status for e in events if e.extra["type_key"] == expect["type"]}
    if "actor1" in expect:
        assert expect["actor1"] in {e.actor1 for e in events}
    if "no_actor1" in expect:
        assert expect["no_actor1"] not in {e.actor1 for e in events}
    if "dated" in expect:  # [type, day]: an event of that type whose days hold that day
        kind, day = expect["dated"][0], date.fromisoformat(expect["dated"][1])
        days = [(e.event_date, e.date_last) for e in events if e.extra["type_key"] == kind]
        assert any(a and a <= day <= (b or a) for a, b in days), days
    if "at" in expect:  # [type, place]: an event of that type at each place named
        told = {(e.extra["type_key"], normalize(e.place.name_ar)) for e in events if e.place}
        missing = [pair for pair in expect["at"] if (pair[0], normalize(pair[1])) not in told]
        assert not missing, f"no event {missing}; told {sorted(told)}"
    if "not_at" in expect:  # [type, place]: no event of that type at any place named
        told = {(e.extra["type_key"], normalize(e.place.name_ar)) for e in events if e.place}
        wrong = [pair for pair in expect["not_at"] if (pair[0], normalize(pair[1])) in told]
        assert not wrong, f"events {wrong}; told {sorted(told)}"


def test_every_cue_set_is_one_row():
    """A set named by two rows keeps only the last one's words (geo.eventtypes.cue_words): the first row's
    cue would stop working without a word of warning."""
    names = [r["set"] for r in eventtypes.read_jsonl(eventtypes.CUES_PATH)]
    assert sorted({n for n in names if names.count(n) > 1}) == []


@_rows(ACTORS_PATH)
def test_actor_row(row):
    found = {key for _, _, key in find_actors(row["example"])}
    if row["expect"]:
        assert row["expect"] in found
    else:  # a blocking row: none of its names is read as an actor
        assert not found


@pytest.mark.parametrize(
    "row", [r for r in eventtypes.read_jsonl(ACTORS_PATH) if r["kind"] == "partner"], ids=_row_id
)
def test_partner_row(row, analyse):
    """Partners fight on one side: the example tells a violent event by one of them, and no such event
    names a partner of its actor1 as the other side."""
    group = {row["actor"], *row["names"]}
    violent = [
        e for e in analyse(row["example"]) if e.actor1 in group and e.extra["type_key"] not in DIPLOMATIC
    ]
    assert violent, "the example tells of a violent event by one of the partners"
    assert all(e.actor2 not in PARTNERS[e.actor1] for e in violent), [(e.actor1, e.actor2) for e in violent]


@_rows(FATALITIES_PATH)
def test_fatalities_row(row, analyse):
    """ACLED's conservative count: the stated figure, the lowest of a range, 10 for «عشرات», none for a toll."""
    events = analyse(row["example"])
    assert events, "the example tells of an event"
    assert max(e.fatalities for e in events) == row["fatalities"]
