"""Numbers killed in a sentence («مقتل 18», «لقي 13 … مصرعهم», number words, ranges) and which violent
event of the sentence each belongs to: ACLED's `fatalities` column.

Rules and word lists are data: geo/rules/event_fatalities.jsonl (each row with an example that
tests/test_rules.py checks). Cut from geo/events.py, which calls `_with_fatalities` on each sentence's
events and `_toll_told_after` on a sentence with no violent event of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from geo import eventtypes, morph
from geo.doc import Doc, Span
from geo.model import Event
from geo.text import normalize as _normalize

# geo.text.normalize, memoised: the rules call it on the same short words over and over.
normalize = lru_cache(maxsize=8192)(_normalize)


@lru_cache(maxsize=65536)
def _rests(word: str) -> frozenset[str]:
    """The word and its readings without a proclitic (geo.morph.splits), once per distinct word."""
    return frozenset(rest for _, rest in morph.splits(word))


def _any(words: list[str], cue: frozenset[str]) -> bool:
    """Some word, or a reading of it without a proclitic, is in `cue`."""
    return not morph.bare(words).isdisjoint(cue)


FATALITIES_PATH = eventtypes.RULES / "event_fatalities.jsonl"
_VIOLENT = {
    "armed_clash",
    "air_strike",
    "shelling",
    "chemical_weapon",
    "gov_regains",
    "nsa_overtakes",
    "advance",
}
# Words either side of a count that make it a toll of a war or a campaign, not of this event.
_CUMULATIVE_BEFORE, _CUMULATIVE_AFTER = 12, 10  # after: «850 مدنياً بينهم أكثر من 180 طفلاً، وفق آخر حصيلة»
# A mark of a period takes a count at most this many words away («ومنذ بدء قوات النظام تصعيدها على الغوطة
# الشرقية في 18 فبراير الذي تسبب بمقتل 1160»: 14), or any count when among the sentence's first _OPENING words.
_PERIOD_REACH, _OPENING = 15, 4
_PUNCT = "،؛,;:.!?؟\"'()«»"
# «هو الأكثر دموية يطال الأقلية الدرزية منذ بداية النزاع»: a superlative this many words before «منذ».
_SUPERLATIVE_REACH = 6
# «بعد أسبوع من هجوم», «ردا على الهجوم المفترض»: the noun of the other happening within this many words.
_OTHER_NOUN_WITHIN = 3


@lru_cache(maxsize=1)
def _fatality_rules() -> tuple[re.Pattern, dict[str, int], frozenset[str], tuple[str, ...]]:
    """(pattern with groups a/b/c/e for the number and d for listed person nouns, number words and person
    nouns → value, cumulative words, the words of killing one of which every match holds), from
    geo/rules/event_fatalities.jsonl."""
    rows = _fatality_rows()

    def alt(words) -> str:
        return "|".join(sorted({re.escape(normalize(w)) for w in words}, key=len, reverse=True))

    values = {normalize(k): v for kind in ("number", "vague") for k, v in rows[kind]["values"].items()}
    about = r"(?:(?:" + alt(rows["about"]["words"]) + r")\s+)?(?:بين\s+)?"
    plain = alt(values)  # «قتلت إحدى الغارات 30 شخصاً»: after a verb a lone «إحدى» is its subject, no count
    compound = _compound(rows, values, alt)
    num = r"(\d+|" + compound + "|" + alt(values) + r")(?!\w)"
    verb_num = r"(\d+|" + compound + "|" + plain + r")(?!\w)"
    persons = _person_values(rows["dual"])
    person = r"(?:" + alt(persons) + r")"
    joiner = alt(rows["coordinated"]["words"])
    listed = r"(?P<d>" + person + r"(?:\s+(?:" + joiner + r")" + person + r")*)(?!\w)"
    edge = r"(?<!\w)[وفب]?"
    killed = {normalize(w) for w in rows["killed_before"]["words"]}
    verbs = {w for past in rows["killed_verb"]["past"] for w in morph.verb_forms(normalize(past))} - killed
    verb = edge + r"(?:" + alt(verbs) + r")\s+" + about + verb_num.replace("(", "(?P<e>", 1)
    before = (
        edge
        + r"(?:"
        + alt(killed)
        + r")\s+(?:(?:"
        + alt(rows["killed_during"]["words"])
        + r")\s+(?!\d)\S+\s+|(?:"
        + alt(rows["killed_there"]["words"])
        + r")\s+)?(?:"
        + about
        + num.replace("(", "(?P<a>", 1)
        + "|"
        + listed
        + ")"
    )
    gap = r"(?:\s+(?!\d|(?:" + alt(values) + r")(?!\w))\S+){0,3}?"  # up to three words, no number among them
    after = edge + about + num.replace("(", "(?P<b>", 1) + gap + r"\s+[و]?(?:"
    after += alt(rows["killed_after"]["words"]) + r")(?!\w)(?!\s+و(?:" + alt(rows["wounded"]["words"]) + r"))"
    met = edge + r"(?:" + alt(rows["met_death"]["words"]) + r")\s+" + about + num.replace("(", "(?P<c>", 1)
    met += r"[^.،]{0,60}?(?:" + alt(rows["met_death"]["ends"]) + r")"
    pattern = re.compile("|".join(f"(?:{p})" for p in (before, verb, met, after)))
    values.update(persons)
    keys = (
        killed | verbs | {normalize(w) for kind in ("killed_after", "met_death") for w in rows[kind]["words"]}
    )
    keys = tuple(sorted(k for k in keys if not any(o != k and o in k for o in keys)))  # «قتل» covers «مقتل»
    return pattern, values, frozenset(normalize(w) for w in rows["cumulative"]["words"]), keys


@lru_cache(maxsize=1)
def _fatality_rows() -> dict[str, dict]:
    return {r["kind"]: r for r in eventtypes.read_jsonl(FATALITIES_PATH)}


def _person_values(row: dict) -> dict[str, int]:
    """Person nouns → how many dead they tell: the noun 1, its dual 2 (geo/morph.py's ـان/ـين); the ـين of
    a noun with a sound plural («مدنيين») is left out, being the plural too."""
    out: dict[str, int] = {}
    sound = {normalize(w) for w in row["sound_plural"]}
    for noun in map(normalize, row["persons"]):
        out[noun] = 1
        for form in morph.noun_forms(noun, article=False, dual=True) - morph.noun_forms(noun, article=False):
            if noun not in sound or form.endswith("ان"):
                out[form] = 2
    return out


def _compound(rows: dict, values: dict[str, int], alt) -> str:
    """The regex of a compound number word (adds its units to `values`): a unit then «عشر/عشرة»
    («ثلاثة عشر», «أحد عشر»), or a unit, «و», a tens word («خمسة وعشرين»)."""
    row = rows["compound"]
    units = [w for w, v in values.items() if 1 <= v <= 9] + list(row["units"])
    values.update({normalize(w): v for w, v in row["units"].items()})
    tens = [w for w, v in values.items() if 20 <= v <= 90 and v % 10 == 0]
    return r"(?:" + alt(units) + r")\s+(?:(?:" + alt(row["teen"]) + r")|و(?:" + alt(tens) + r"))"


def _number(word: str, values: dict[str, int]) -> int:
    """The value of a matched number: digits, one number word, or the sum of a compound's words or of
    listed person nouns («طفلان وامرأة» 2 + 1)."""
    if word.isdigit():
        return int(word)
    return sum(values[w if w in values else w.removeprefix("و")] for w in word.split())


@lru_cache(maxsize=4)
def _killing_words(keys: tuple[str, ...]) -> re.Pattern:
    """One regex finding any of `keys` in a text: `any(k in text for k in keys)` in one pass."""
    return re.compile("|".join(map(re.escape, keys)) or "(?!)")  # (no keys: nothing matches)


def fatality_counts(norm: str) -> list[tuple[int, int]]:
    """(offset in `norm`, number killed) for each count told in a normalised sentence: the stated figure,
    the lowest of a range, 10 for «عشرات», 2 for a dual; none for a cumulative toll («حصيلة», «ألف») or
    a toll over a period («منذ», «خلال شهرين») that no word of one day ties to the count."""
    return _all_counts(norm)[0]


def _all_counts(norm: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(the counts of `fatality_counts`, the tolls over a period it leaves out)."""
    pattern, values, cumulative, keys = _fatality_rules()
    if not _killing_words(keys).search(norm):
        return [], []  # no word of killing: the pattern cannot match (a cheap test before the long one)
    found = []
    for m in pattern.finditer(norm):
        key = next(g for g in ("a", "e", "c", "b", "d") if m.group(g) is not None)
        near = (
            norm[: m.start(key)].split()[-_CUMULATIVE_BEFORE:]
            + norm[m.end(key) :].split()[:_CUMULATIVE_AFTER]
        )
        if not morph.bare(near) & cumulative:
            found.append((m.start(key), _number(m.group(key), values)))
    if not found:
        return [], []
    over = _period_tolls(_period_marks(norm), [len(norm[:at].split()) for at, _ in found])
    return [c for k, c in enumerate(found) if k not in over], [c for k, c in enumerate(found) if k in over]


def _phrases(words) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(normalize(w).split()) for w in words)


@lru_cache(maxsize=1)
def _period_rules() -> dict[str, frozenset]:
    """The words of the rows «period», «same_day» and «other_event», normalised; a noun also with «ال»."""
    rows = _fatality_rows()
    period, other = rows["period"], rows["other_event"]

    def nouns(words) -> frozenset[str]:
        return frozenset(f for w in map(normalize, words) for f in (w, w if w.startswith("ال") else "ال" + w))

    return {
        "since": frozenset(map(normalize, period["since"])),
        "same_day_after_since": nouns(period["same_day_after_since"]),
        "spans": nouns(period["spans"]),
        "not_before_spans": frozenset(map(normalize, period["not_before_spans"])),
        "spans_one": nouns(period["spans_one"]),
        "spans_counted": frozenset(map(normalize, period["spans_counted"])),
        "before_spans_one": frozenset(map(normalize, period["before_spans_one"])),
        "campaign": _phrases(period["campaign"]),
        "superlative": frozenset(map(normalize, period["not_after_superlative"])),
        "same_day": _phrases(rows["same_day"]["words"]),
        "other_after": _phrases(other["after"]),
        "other_nouns": nouns(other["nouns"]),
    }


def _starts(words: list[str], phrases: frozenset[tuple[str, ...]]) -> list[int]:
    """Indices of the words where one of `phrases` begins (its first word may carry a proclitic)."""
    out = []
    for i, w in enumerate(words):
        readings = _rests(w)
        for ph in phrases:
            if ph[0] in readings and tuple(words[i + 1 : i + len(ph)]) == ph[1:]:
                out.append(i)
                break
    return out


def _period_marks(norm: str) -> tuple[list[int], list[int], list[int]]:
    """(word indices of the marks of a period, of the words of one day, the clause of each word: «،» and
    «؛» end one) in a normalised sentence."""
    rules, raw = _period_rules(), norm.split()
    words = [w.strip(_PUNCT) or w for w in raw]
    bare = [_rests(w) for w in words]
    periods = _starts(words, rules["campaign"])
    days = set(_starts(words, rules["same_day"]))
    for i, readings in enumerate(bare):
        if _is_period(rules, words, bare, i):
            periods.append(i)
            if not readings.isdisjoint(rules["since"]):
                days.discard(i + 1)  # «منذ الأربعاء»: the day a period began
    clause, n = [], 0
    for w in raw:
        clause.append(n)
        n += w[-1] in "،؛,;:"
    return periods, sorted(days), clause


def _is_period(rules: dict, words: list[str], bare: list[frozenset[str]], i: int) -> bool:
    """Word i marks a period: «منذ» not of a part of today nor after a superlative, a plural or dual of
    days or weeks not after «قبل», a counted day or month after a number («30 يوماً»), one week or month
    after «خلال/طيلة/بعد»."""
    readings = bare[i]
    prev = bare[i - 1] if i else frozenset()
    if not readings.isdisjoint(rules["since"]):
        nxt = bare[i + 1] if i + 1 < len(bare) else frozenset()
        compared = any(
            not b.isdisjoint(rules["superlative"]) for b in bare[max(0, i - _SUPERLATIVE_REACH) : i]
        )
        return nxt.isdisjoint(rules["same_day_after_since"]) and not compared
    if not readings.isdisjoint(rules["spans"]):
        return prev.isdisjoint(rules["not_before_spans"])
    if not readings.isdisjoint(rules["spans_counted"]) and i and _is_number(words[i - 1]):
        return True
    return not readings.isdisjoint(rules["spans_one"]) and any(
        not b.isdisjoint(rules["before_spans_one"]) for b in bare[max(0, i - 2) : i]
    )


def _is_number(word: str) -> bool:
    return word.isdigit() or word in _fatality_rules()[1]


def _period_tolls(marks: tuple[list[int], list[int], list[int]], counts: list[int]) -> set[int]:
    """Which counts (by word index) are tolls over a period: each mark of a period takes the counts within
    reach (a mark among the sentence's first words, «وتشن قوات النظام منذ 18 شباط … بمقتل», all), unless a
    word of one day is nearer that count than the mark (one in the count's own clause nearer than one in
    another)."""
    periods, days, clause = marks
    last = len(clause) - 1

    def dist(i: int, at: int) -> tuple[bool, int]:
        return clause[min(i, last)] != clause[min(at, last)], abs(i - at)

    out = set()
    for p in periods:
        for k, at in enumerate(counts):
            if abs(at - p) > _PERIOD_REACH and p >= _OPENING:
                continue
            if not days or min(dist(d, at) for d in days) >= dist(p, at):
                out.add(k)
    return out


def _other_happenings(doc: Doc, sent: Span) -> list[int]:
    """Offsets (in the text) of another happening named in the sentence: «بعد هجوم كيماوي», «ردا على
    الهجوم المفترض» (row «other_event»: a word of after or response, then within three words the noun)."""
    rules = _period_rules()
    norm = doc.norm[sent.norm_start : sent.norm_end]
    spans = [m.start() for m in re.finditer(r"\S+", norm)]
    words = [w.strip(_PUNCT) or w for w in norm.split()]
    out = []
    for i in _starts(words, rules["other_after"]):
        for j in range(i + 1, min(len(words), i + _OTHER_NOUN_WITHIN + 1)):
            if not _rests(words[j]).isdisjoint(rules["other_nouns"]):
                out.append(doc.orig(sent.norm_start + spans[j]))
                break
    return out


@lru_cache(maxsize=1)
def _toll_refs() -> frozenset[str]:
    rows = _fatality_rows()
    return frozenset(normalize(w) for w in rows["toll_refs"]["words"])


def _toll_told_after(events: list[Event], before: int, doc: Doc, sent: Span) -> None:
    """«… اشتباكات في حي الحويقة. ولقي سبعة مقاتلين حتفهم في الاشتباكات»: a sentence with no violent event
    that counts the dead of the fight just told («في الاشتباكات», «جراء القصف») gives its count to the last
    violent event of the sentence before (events[before:]), when that one has none (in place)."""
    norm = doc.norm[sent.norm_start : sent.norm_end]
    last = next(
        (k for k in range(len(events) - 1, before - 1, -1) if events[k].extra["type_key"] in _VIOLENT), None
    )
    if last is None or events[last].fatalities or not _any(re.findall(r"\w+", norm), _toll_refs()):
        return
    counts = fatality_counts(norm)
    if counts:
        events[last] = replace(events[last], fatalities=counts[0][1])


def _with_fatalities(events: list[Event], doc: Doc, sent: Span) -> list[Event]:
    """Each count of the dead goes to one violent event of the sentence: the last one told before it with
    no other happening named between them («… ضربات بعد هجوم كيماوي أدى إلى مقتل 60»: not the strikes'),
    else, when none is told before, the first after it (never to two, so that a toll is not counted
    twice)."""
    violent = [ev for ev in events if ev.extra["type_key"] in _VIOLENT]
    if not violent:
        return events
    given: dict[int, int] = {}
    others = None
    counts, over = _all_counts(doc.norm[sent.norm_start : sent.norm_end])
    if over:  # the grouping of incidents reads a campaign by its toll so far («قتل 400 في القصف المتواصل»)
        events = [replace(ev, extra={**ev.extra, "period_toll": over[0][1]}) for ev in events]
        violent = [ev for ev in events if ev.extra["type_key"] in _VIOLENT]
    for offset, n in counts:
        at = doc.orig(sent.norm_start + offset)
        others = others if others is not None else _other_happenings(doc, sent)
        before = [k for k, ev in enumerate(events) if ev in violent and ev.extra["trigger_start"] <= at]
        own = [k for k in before if not any(events[k].extra["trigger_start"] < o < at for o in others)]
        if own:
            given.setdefault(own[-1], n)
        elif not before:
            given.setdefault(events.index(violent[0]), n)
    return [replace(ev, fatalities=given[k]) if k in given else ev for k, ev in enumerate(events)]
