"""A learned keep/drop filter for extracted events: a logistic regression over cheap, general features.

The rule-based event stage (geo/events.py) emits events a reader would not sign: fights told of another
country, retold background, a talk word that names no talks. This filter scores each extracted event with
the probability that it is one the gold annotators wrote (loose match: article, type, place), and the
pipeline drops it only when that probability is below the model's threshold.

- Features (`features`) are binary and general: the event's type, status, precisions, basis of its place,
  date and actor (extra fields), place kind and country level, actors present and their ACLED types,
  cue words of geo/rules/event_cues.jsonl in the sentence (reporting, negation, intention, future, …), the
  clitic-free stems (geo/doc.Token.stem) of the words just around the trigger, the sentence's position in
  the article, how many events the sentence holds and how many copies of the event the article has. No
  article id and no place name: words inside a place mention are left out, so the model cannot learn the
  gold's places.
- The model (data/event_filter.json) is trained at build time by bench/train_event_filter.py (scikit-learn)
  and applied here with plain Python: the sum of the weights of the features present plus the bias,
  through the logistic function. Its header says what it was trained on and how the threshold was chosen.
- Control statements and chemical-weapon events are never dropped (they are not annotated in all golds, so
  the model was not trained on them).
- `off()` switches the filter off for the code that makes its training data.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from geo import eventtypes, morph
from geo.doc import Doc
from geo.model import Event, Located

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "event_filter.json"
# The feature set's version: the model file must carry the same one (a model trained on other features
# would add up weights of features that no longer mean what they meant).
FEATURE_VERSION = 1
# Event types the filter never drops: control statements (no gold annotates them) and chemical attacks
# (the older golds have no such type), so there was nothing to learn them from.
NEVER_DROPPED = frozenset({"control_statement", "chemical_weapon"})
# Words of the sentence this many tokens either side of the trigger are features («L:»/«R:» their stems):
# the verb's subject, object and the word that negates or reports it stand within a few words of it.
WINDOW = 4
# Cue sets of geo/rules/event_cues.jsonl whose presence in the sentence (or just before the trigger) is a
# feature: what makes a trigger word a report, a plan, a denial, a judgement or background.
CUE_SETS = (
    "say", "negation", "not_now", "intent", "preparing", "planned", "postponed", "maybe", "potential",
    "background", "habitual", "earlier", "claim", "denial", "evaluated", "judged_after", "reported_before",
    "source", "that", "ongoing", "now", "still", "institutions", "topic", "response", "call", "headline_words",
)  # fmt: skip
# ACLED's actor types («State forces», «Rebel group», …) of the canonical actors, as the exports read them.
_ACTOR_TYPES = {
    r["actor"]: r["inter"]
    for r in eventtypes.read_jsonl(Path(__file__).parent / "rules" / "export_actor_types.jsonl")
}

# A text shorter than this many sentences is left unfiltered: every tuning article has at least four, so the
# article-level features (how often a place is named, copies of an event) were never seen on a pasted line
# or two, where every event is told once (measured: the shortest of the 256 tuning articles has 4).
MIN_SENTENCES = 4

_override: list[bool] = []  # `off()` pushes False here while it runs


@contextmanager
def off() -> Iterator[None]:
    """Within it, `filter_events` keeps every event (training data is the unfiltered output)."""
    _override.append(False)
    try:
        yield
    finally:
        _override.pop()


class Model:
    """A model file read: weights by feature name, bias, threshold, whether the pipeline uses it."""

    def __init__(self, data: dict) -> None:
        header = data["header"]
        if header["feature_version"] != FEATURE_VERSION:
            raise ValueError(
                f"event filter model has features v{header['feature_version']}, code v{FEATURE_VERSION}"
            )
        if len(data["features"]) != len(data["weights"]):
            raise ValueError("event filter model: features and weights differ in length")
        self.header = header
        self.weights = dict(zip(data["features"], data["weights"], strict=True))
        self.bias = float(data["bias"])
        self.threshold = float(data["threshold"])
        self.enabled = bool(data["enabled"])

    def probability(self, feats: Iterable[str]) -> float:
        """P(the event is one a reader would sign), by the logistic function of the summed weights."""
        w = self.weights
        z = self.bias + sum(map(w.__getitem__, filter(w.__contains__, set(feats))))  # (at C speed)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Model:
    return Model(json.loads(Path(path).read_text(encoding="utf-8")))


def filter_events(
    events: Sequence[Event], doc: Doc, located: Sequence[Located], model: Model | None = None
) -> tuple[list[Event], list[Event]]:
    """(kept, dropped): the events the model is confident a reader would not sign are dropped."""
    if (_override and not _override[-1]) or not events or len(doc.sentences) < MIN_SENTENCES:
        return list(events), []
    model = model or load()
    if not model.enabled:
        return list(events), []
    kept, dropped = [], []
    for ev, feats in zip(events, article_features(events, doc, located), strict=True):
        droppable = ev.extra.get("type_key", "") not in NEVER_DROPPED
        (dropped if droppable and model.probability(feats) < model.threshold else kept).append(ev)
    return kept, dropped


# ---------------------------------------------------------------- features


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    words = eventtypes.cue_words()
    return {name: words[name] for name in CUE_SETS if name in words}


def _actor_type(actor: str) -> str:
    return _ACTOR_TYPES.get(actor) or ("other" if actor else "none")


def article_features(events: Sequence[Event], doc: Doc, located: Sequence[Located]) -> list[list[str]]:
    """The features of every event of one article, in their order."""
    placed = _place_tokens(doc, located)
    keys = [_copy_key(ev) for ev in events]
    per_sentence = Counter(ev.quote_start for ev in events)
    read_at: dict[int, set[tuple[str, str]]] = {}  # sentence start → (type, place) of its events
    for ev, key in zip(events, keys, strict=True):
        read_at.setdefault(ev.quote_start, set()).add(key)
    named = Counter(loc.place.place_id for loc in located if loc.place is not None)
    copies = Counter(keys)
    same_day = Counter((*key, ev.event_date) for ev, key in zip(events, keys, strict=True))
    sentences: dict[int, _Sentence] = {}
    out = []
    for ev, (t, place) in zip(events, keys, strict=True):
        sent = sentences.get(ev.quote_start) or sentences.setdefault(ev.quote_start, _Sentence.of(ev, doc))
        rivals = sorted(k for k, p in read_at[ev.quote_start] if p == place and k != t)
        out.append(
            [
                *_event_features(ev, t),
                *_context_features(ev, t, doc, sent, placed),
                f"in_sentence={_bucket(per_sentence[ev.quote_start], 3)}",
                f"copies={_bucket(copies[(t, place)] - 1, 2)}",
                f"copies_same_day={_bucket(same_day[(t, place, ev.event_date)] - 1, 1)}",
                *[f"rival={t}|{r}" for r in rivals],
                *([f"rival_any={t}"] if rivals else []),
                f"place_named={_bucket(named[place] if place else 0, 4)}",
            ]
        )
    return out


class _Sentence(NamedTuple):
    """An event's sentence: its token range and the cue sets of its words (only the words that have one)."""

    first: int
    last: int
    cues: tuple[tuple[int, frozenset[str]], ...]

    @classmethod
    def of(cls, ev: Event, doc: Doc) -> _Sentence:
        s0, s1 = _tokens_in(doc, ev.quote_start, ev.quote_start + len(ev.quote))
        hits = zip(range(s0, s1), map(_TOKEN_CUES.__getitem__, doc.surfaces[s0:s1]), strict=True)
        return cls(s0, s1, tuple(filter(itemgetter(1), hits)))


def _copy_key(ev: Event) -> tuple[str, str]:
    return ev.extra.get("type_key", ""), ev.place.place_id if ev.place else ""


def _bucket(n: int, cap: int) -> str:
    """n itself up to `cap`, «>cap» past it."""
    return str(n) if n <= cap else f">{cap}"


def _event_features(ev: Event, t: str) -> list[str]:
    place = ev.place
    kind = place.kind if place else "none"
    country = "none" if place is None else ("SY" if place.country == "SY" else "abroad")
    out = [
        "bias_type=" + t,
        f"status={ev.status}",
        f"type_status={t}|{ev.status}",
        f"time_precision={ev.time_precision}",
        f"geo_precision={ev.geo_precision}",
        f"type_geo_precision={t}|{ev.geo_precision}",
        f"kind={kind}",
        f"type_kind={t}|{kind}",
        f"country={country}",
        f"type_country={t}|{country}",
        f"actor1={ev.actor1 or 'none'}",
        f"actor2={'yes' if ev.actor2 else 'none'}",
        f"actor1_type={_actor_type(ev.actor1)}",
        f"actor2_type={_actor_type(ev.actor2)}",
        f"type_actor1={t}|{'yes' if ev.actor1 else 'none'}",
        f"fatalities={'yes' if ev.fatalities else 'none'}",
        f"dated={'yes' if ev.event_date else 'none'}",
    ]
    for key in ("date_basis", "actor1_basis", "place_basis"):
        basis = ev.extra.get(key) or "none"
        out += [f"{key}={basis}", f"type_{key}={t}|{basis}"]
    return out


def _place_tokens(doc: Doc, located: Sequence[Located]) -> frozenset[int]:
    """Indices of the tokens inside a place mention: never features (they would memorise the gold's places)."""
    out: set[int] = set()
    starts = doc.starts
    for loc in located:  # (_tokens_in, inlined: one call per mention cost more than the rest)
        m = loc.mention
        out.update(range(bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end)))
    return frozenset(out)


def _tokens_in(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Tokens [a, b) starting in the original span [start, end) (Doc.token_range's answer, read off the
    token starts with bisect: a numpy call per event costs more than the rest of its features)."""
    return bisect.bisect_left(doc.starts, start), bisect.bisect_left(doc.starts, end)


def _word(doc: Doc, k: int) -> str:
    """Token k without its clitics (geo.morph.analyse's stem), numbers as one word."""
    return _WORD[doc.surfaces[k]]


def _word_of(surface: str) -> str:
    stem = morph.analyse(surface)[1]
    return "<num>" if stem.isdigit() else stem


def _context_features(ev: Event, t: str, doc: Doc, sent: _Sentence, placed: frozenset[int]) -> list[str]:
    s0, s1 = sent.first, sent.last
    if s1 <= s0:
        return ["trigger=none"]
    trig = ev.extra.get("trigger_start", ev.quote_start)
    t0 = min(max(_tokens_in(doc, trig, trig + 1)[0], s0), s1 - 1)
    pre, _, suffix = morph.analyse(doc.surfaces[t0])
    out = [f"trigger={_word(doc, t0)}", f"trigger_form={pre}|{suffix}"]
    words, word = doc.surfaces, _WORD
    out += [f"L:{word[words[k]]}" for k in range(max(s0, t0 - WINDOW), t0) if k not in placed]
    out += [f"R:{word[words[k]]}" for k in range(t0 + 1, min(s1, t0 + 1 + WINDOW)) if k not in placed]
    before = {name for k, cues in sent.cues if k < t0 for name in cues}
    anywhere = before.union(*(cues for k, cues in sent.cues if k > t0))
    out += [f"cue_before:{name}" for name in sorted(before)]
    out += [f for name in sorted(anywhere) for f in (f"cue:{name}", f"type_cue={t}|{name}")]
    if any(morph.is_future(w) for w in doc.surfaces[max(s0, t0 - WINDOW) : min(s1, t0 + 2)]):
        out.append("future_near_trigger")
    if ev.place_start >= 0:
        p0 = _tokens_in(doc, ev.place_start, ev.place_start + 1)[0]
        out.append(f"place_after_trigger={_bucket(min(max(p0 - t0, -1), 9) // 3, 2)}")
    out.append(f"sentence_words={_bucket(min((s1 - s0) // 10, 5), 4)}")
    out.append(f"trigger_at={_bucket(min((t0 - s0) // 5, 4), 3)}")
    return out


@lru_cache(maxsize=65536)
def _token_cues(word: str) -> frozenset[str]:
    """The CUE_SETS a word belongs to, read with and without its proclitics (one lookup per reading in
    the cue words' index, not one per cue set)."""
    index = _cue_index()
    return frozenset().union(*(index.get(rest, ()) for _, rest in morph.splits(word)))


@lru_cache(maxsize=1)
def _cue_index() -> dict[str, frozenset[str]]:
    """Cue word → the CUE_SETS it is in."""
    out: dict[str, set[str]] = {}
    for name, words in _cues().items():
        for w in words:
            out.setdefault(w, set()).add(name)
    return {w: frozenset(names) for w, names in out.items()}


_PerWord = morph.PerWord  # a word-level memo (geo/morph.py)
_TOKEN_CUES = _PerWord(_token_cues)  # a word's CUE_SETS, as a dict lookup
_WORD = _PerWord(_word_of)  # a word's feature form (_word)
