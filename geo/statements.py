"""Holding phrases → control statements: who a sentence says holds a located place.

The event stage makes a control statement where one of its triggers («معقل», «تحت سيطرة») has a
holder right after it. This stage, run after it (geo.pipeline.analyse), reads the place mentions
themselves: for every located place in Syria that its sentence describes with a holding phrase
(geo.territory.stated_holder and the rows of geo/rules/territory_statements.jsonl) it emits a control
statement, so that a stable town gets its evidence even where the sentence reports no event:

- «قصفت الطائرات مدينة دوما الخاضعة لسيطرة المعارضة» → Douma, held by the Syrian opposition;
  «إدلب التي تسيطر عليها الفصائل», «مناطق سيطرة النظام في نبل» alike.
- Only linking words may stand between the place and its phrase (territory's rule): «التي كانت
  خاضعة» is a past and says nothing; a holder that holds no Syrian ground (Israel) says nothing.
- The statement is the event stage's in shape: type ("Strategic developments", "Other"),
  extra["type_key"] "control_statement" and extra["control_statement"], actor1 the holder, status
  happened, dated by the report ([published − 1 day, published], time_precision 2, date_basis
  "report": the phrase tells the place as it stands when told), the sentence as its quote, the place
  mention's offsets, and the holding phrase as its trigger; its event_id hashes the article, the
  mention's offset and the place (no other stage's key).
- None where the event stage already has an event at the place in that sentence: territory reads the
  holding phrase of any event's sentence itself (a statement, or a strike «على دوما التي يسيطر عليها
  مسلحو المعارضة»), and of a taking it tells the state before the change. None either where the event
  stage has a statement of the same holder and day (its own de-duplication key); one per place, holder
  and day.
- None for a sentence dated RETOLD_AFTER_DAYS or more before its report («دوما التي تسيطر عليها المعارضة
  في السابع من إبريل» in a report of 18 April: the place as it was then), for a country, river, lake or
  range (the phrase describes a part: «شمال سوريا الخاضع لسيطرة المعارضة»), for a governorate or region
  unless the phrase follows it, for a place named to locate another («جنوبي دمشق، تقع تحت سيطرة داعش»,
  «على طريق دير الزور»), and where the side named is not the holder («قوات مناوئة للنظام», «ما وصفتها
  موسكو»); a holding told of the coalition is its own garrison («قاعدة التنف التي يسيطر عليها التحالف
  الدولي»: US-led coalition, territory_controllers.jsonl holds_own), not its partner's ground. The words
  are data: geo/rules/statement_words.jsonl, each row with an example tests/test_statements.py runs.

Cost: one Aho–Corasick pass over the article for the phrases' key words; the phrase regex (compiled
once) runs only on the windows around a mention that hold a key, and only a mention next to a phrase
is read by `stated_holder`.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from functools import lru_cache
from itertools import starmap
from operator import sub
from pathlib import Path

import ahocorasick

from geo import eventtypes, territory
from geo.actors import find_actors
from geo.doc import Doc
from geo.eventtypes import read_jsonl
from geo.model import EVENT_TYPES, Article, Event, Located, TimeSpan
from geo.text import normalize

CONTROL_TYPE = EVENT_TYPES["control_statement"]
# The event stage weighs its own control statements so (geo/events.py `_control_event`).
STATEMENT_CONFIDENCE = 0.6
LOCATION_CONFIDENCE_FLOOR = 0.3
# A country, governorate, region or river stated as held is placed as the event stage places it.
BROAD_KINDS = frozenset({"country", "governorate", "region", "river"})
BROAD_PRECISION = 3
# «شمال سوريا الخاضع لسيطرة المعارضة», «غرب الفرات، والتي يسيطر عليها الأكراد»: a holding phrase after a
# country, river, lake or range describes a part of it, or a place beside it.
NO_STATEMENT_KINDS = frozenset({"country", "river", "lake", "mountains"})
# «محافظة إدلب التي تسيطر عليها المعارضة» describes the whole; «مناطق سيطرة الفصائل في محافظة درعا» a part:
# of a governorate or region only a phrase after it speaks.
WHOLE_ONLY_KINDS = frozenset({"governorate", "region"})
# Which words before a mention make it a place named to locate another («جنوبي دمشق، تقع تحت سيطرة داعش»,
# «قرب دمشق التي تسيطر عليها المعارضة», «أجزاء من دوما»): the event stage's list (event_cues.jsonl
# "ref_before") with this stage's rows (statement_words.jsonl: "locates", "not_locator", "looked_past"),
# and the holders whose stated holding is not read ("own_ground").
WORDS_PATH = Path(__file__).resolve().parent / "rules" / "statement_words.jsonl"
LOCATOR_LOOKBACK = 3  # words before a mention searched for a locating word
_CLAUSE_END = re.compile(r"[،,.!?؟\n؛;:()]")  # the holder's clause ends there (as territory reads it)
_PROCLITICS = re.compile(r"^(?:و|ف)?(?:ب|ل)?(?:ال)?(?=..)")
# «دوما التي تسيطر عليها المعارضة في السابع من إبريل» in a report of 18 April: a sentence dated more than
# this many days before its report tells the place as it was then (the Douma chemical attack, retold a week
# after the town fell), not as it stands; «منذ 2012» says how long a holding has lasted, and counts not
# (statement_words.jsonl role "since").
RETOLD_AFTER_DAYS = 7


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern:
    """One regex for territory's holding phrases over `Doc.spaced`: a phrase after the place («الخاضعة
    لسيطرة») as words, with «ال», «و», «وال» before it; a held-areas phrase before the place («مناطق
    سيطرة», «مقر») anywhere in a word, as territory looks for it."""
    rules = territory.rules()
    after = "|".join(" +".join(map(re.escape, p.split())) for p, _unless in rules.holds)
    before = "|".join(" +".join(map(re.escape, p.split())) for p in rules.holds_before)
    return re.compile(rf"(?P<after>(?<!\w)(?:وال|ال|و)?(?:{after})(?!\w))|(?P<before>{before})")


@lru_cache(maxsize=1)
def _keys() -> ahocorasick.Automaton:
    """The longest word of each holding phrase, for one Aho–Corasick pass over the article: a window
    holding none of them holds no phrase, and the regex runs only on the windows that hold one."""
    rules = territory.rules()
    automaton = ahocorasick.Automaton()
    for p in (*(h for h, _u in rules.holds), *rules.holds_before):
        key = max(p.split(), key=len)
        automaton.add_word(key, len(key) - 1)  # a hit (end, len - 1): it starts at end - (len - 1)
    automaton.make_automaton()
    return automaton


def _key_starts(doc: Doc) -> list[int]:
    """Offsets in `Doc.spaced` (and `Doc.norm`) where a phrase key starts, in order (each hit's start
    computed at C speed: most hits are in windows that hold no phrase)."""
    return sorted(starmap(sub, _keys().iter(doc.spaced)))


def read_words(path: Path = WORDS_PATH) -> list[dict]:
    return read_jsonl(path)


# A side told as another's proxy is read as the plain opposition only when its backer went unread.
PLAIN_OPPOSITION = "Syrian opposition"


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(locating words, words looked past, holders not read, words that unmake the holder, proxy words),
    the words normalised."""
    rows = read_words()

    def words(role: str) -> set[str]:
        return {normalize(r["word"]) for r in rows if r["role"] == role}

    cues = eventtypes.cue_words()
    locating = (cues["ref_before"] | words("locates")) - words("not_locator")
    own = frozenset(r["actor"] for r in rows if r["role"] == "own_ground")
    past = cues["kind_words"] | words("looked_past")
    return frozenset(locating), past, own, frozenset(words("not_holder")), frozenset(words("proxy"))


def _locates_another(doc: Doc, loc: Located) -> bool:
    """True if the mention is named to locate another place or a part of it («جنوبي دمشق»)."""
    locating, past, *_ = _words()
    k = bisect.bisect_left(doc.starts, loc.mention.start)
    for w in reversed(doc.surfaces[max(0, k - LOCATOR_LOOKBACK) : k]):
        if w in locating or _PROCLITICS.sub("", w) in locating:
            return True
        if w not in past:
            return False
    return False


def _holder_misread(ev: Event, holder: str) -> bool:
    """True if the side the phrase names first is one whose stated holding is not read (own_ground rows), if
    a word before it makes it another than the holder («قوات مناوئة للنظام», «ما وصفتها موسكو»), or if
    the plain opposition was read off a proxy whose backer went unread («فصائل موالية لأنقرة»)."""
    _loc, _past, own, unmaking, proxy = _words()
    at = ev.extra["trigger_start"] + len(ev.extra["trigger"]) - ev.quote_start  # the holder follows it
    after = ev.quote[at : at + territory.HOLDER_REACH_CHARS * 2]
    found = find_actors(after)
    if found and found[0][2] in own:
        return True
    clause = _CLAUSE_END.split(after)[0]
    if _forms(clause[: territory.HOLDER_REACH_CHARS]) & unmaking:
        return True
    return holder == PLAIN_OPPOSITION and bool(_forms(clause) & proxy)


def _forms(text: str) -> set[str]:
    """The normalised words of `text`, with and without their proclitics."""
    words = set(normalize(text).split())
    return words | {_PROCLITICS.sub("", w) for w in words}


def _windows(doc: Doc, cands: list[tuple[Located, object]]) -> list[tuple[int, int]]:
    """For each (mention, sentence), the span of `Doc.spaced` within territory's reach of the mention and
    inside its sentence (one vectorised offset lookup for the article)."""
    flat = []
    for loc, sent in cands:
        m = loc.mention
        flat += [max(sent.start, m.start - territory.HELD_AREAS_REACH_CHARS)]
        flat += [min(sent.end, m.end + territory.STATEMENT_REACH_CHARS)]
    norm = doc.norm_offsets(flat).tolist()
    return list(zip(norm[::2], norm[1::2], strict=True))


def _phrase_near(doc: Doc, loc: Located, window: tuple[int, int], keys: list[int]) -> tuple[int, int] | None:
    """The holding phrase in the mention's window (original offsets), or None: one search of the compiled
    phrases over that window of `Doc.spaced`, if a phrase key starts in it."""
    m = loc.mention
    ns, ne = window
    if bisect.bisect_left(keys, ns) == bisect.bisect_left(keys, ne):
        return None
    found = []
    for match in _phrases().finditer(doc.spaced, ns, ne):
        s, e = doc.orig_span(match.start(), match.end())
        after = match.lastgroup == "after"
        if (s >= m.end) if after else (e <= m.start):
            found.append((not after, abs(s - m.start), s, e))
    return min(found)[2:] if found else None  # a phrase after the place first (territory reads it first)


def _event_id(article: Article, loc: Located) -> str:
    key = f"{article.article_id}|holding statement|{loc.mention.start}|{loc.place.place_id}"
    return f"{article.article_id}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def _statement(article: Article, loc: Located, sent, phrase: tuple[int, int]) -> Event:
    """The control statement for `loc` in its sentence, with no holder yet (actor1 is set by the caller)."""
    pub = article.published
    first, last, prec, basis = (pub - timedelta(days=1), pub, 2, "report") if pub else (None, None, 3, "none")
    place = loc.place
    geo_prec = max(loc.geo_precision, BROAD_PRECISION if place.kind in BROAD_KINDS else 1)
    return Event(
        event_id=_event_id(article, loc), article_id=article.article_id,
        event_type=CONTROL_TYPE[0], sub_event_type=CONTROL_TYPE[1], status="happened",
        event_date=first, time_precision=prec, actor1="", actor2="", place=place, geo_precision=geo_prec,
        quote=article.text[sent.start : sent.end], quote_start=sent.start,
        place_start=loc.mention.start, place_end=loc.mention.end,
        published=pub, source=article.source,
        confidence=round(STATEMENT_CONFIDENCE * min(1.0, max(loc.confidence, LOCATION_CONFIDENCE_FLOOR)), 2),
        date_last=last,
        extra={
            "type_key": "control_statement", "trigger": article.text[phrase[0] : phrase[1]],
            "trigger_start": phrase[0], "date_basis": basis, "actor1_basis": "after", "control_statement": True,
        },
    )  # fmt: skip


def _holder(ev: Event) -> str | None:
    """Territory's reading of the holding phrase; of a governorate or region, only a phrase after it."""
    if ev.place.kind not in WHOLE_ONLY_KINDS:
        return territory.stated_holder(ev)
    cut = ev.place_start - ev.quote_start
    return territory.stated_holder(replace(ev, quote=ev.quote[cut:], quote_start=ev.place_start))


def _known(events: list[Event]) -> tuple[set, set]:
    """What the event stage already says: the (sentence, place) pairs of its events, and the (place,
    holder, day) of its statements (a day None: any day; report-dated ones match only on their day)."""
    said, held = set(), set()
    for ev in events:
        if ev.place is None:
            continue
        said.add((ev.quote_start, ev.place.place_id))
        if ev.extra.get("control_statement"):
            day = ev.event_date if ev.extra.get("date_basis") == "report" else None
            held.add((ev.place.place_id, territory.holder_of(ev.actor1), day))
    return said, held


def control_statements(
    article: Article,
    located: list[Located],
    events: list[Event],
    doc: Doc | None = None,
    spans: Sequence[TimeSpan] = (),
) -> list[Event]:
    """Control statements of one article from the holding phrases that describe its located places
    (see the module docstring), in text order; `events` are the event stage's for the same article,
    `spans` its time spans (geo.dates), which tell a sentence told of a past day."""
    doc = doc if doc is not None and doc.text is article.text else Doc.build(article.text)
    keys = _key_starts(doc)
    if not keys:
        return []
    said, held = _known(events)
    every = _candidates(doc, located)
    cands = [(loc, sent) for loc, sent in every if (sent.start, loc.place.place_id) not in said]
    out: list[Event] = []
    for (loc, sent), window in zip(cands, _windows(doc, cands) if cands else [], strict=True):
        phrase = _phrase_near(doc, loc, window, keys)
        key = (sent.start, loc.place.place_id)
        if phrase is None or key in said or _told_of_the_past(article, sent, spans):
            continue
        ev = _read(article, doc, loc, sent, phrase) or _read_for_head(article, doc, every, loc, sent, phrase)
        key = (sent.start, ev.place.place_id) if ev is not None else key
        if ev is None or {(key[1], ev.actor1, None), (key[1], ev.actor1, ev.event_date)} & held:
            continue
        held.add((key[1], ev.actor1, ev.event_date))
        said.add(key)
        out.append(ev)
    out += _list_statements(article, doc, every, held, spans)
    return sorted(out, key=_text_order)


def _text_order(ev: Event) -> tuple[int, int]:
    return ev.quote_start, ev.extra.get("list_member", (ev.place_start,))[0]


def _told_of_the_past(article: Article, sent, spans: Sequence[TimeSpan]) -> bool:
    """True if a date in the sentence (not a «منذ» one) ends RETOLD_AFTER_DAYS or more before the report."""
    if article.published is None:
        return False
    before = article.published - timedelta(days=RETOLD_AFTER_DAYS)
    return any(
        sent.start <= sp.start < sent.end and sp.last <= before and not _since(article.text, sent.start, sp)
        for sp in spans
    )


@lru_cache(maxsize=1)
def _since_words() -> frozenset[str]:
    """The words after which a date tells how long a holding has lasted («منذ»), normalised."""
    return frozenset(normalize(r["word"]) for r in read_words() if r["role"] == "since")


def _since(text: str, sent_start: int, sp: TimeSpan) -> bool:
    last = normalize(text[max(sent_start, sp.start - 8) : sp.start]).split()[-1:]
    return bool(last) and last[0] in _since_words()


def _candidates(doc: Doc, located: list[Located]) -> list[tuple[Located, object]]:
    """(mention, its sentence) for every located place one can state held, in text order."""
    sent_starts = [s.start for s in doc.sentences]
    out = []
    for loc in sorted(located, key=lambda lc: lc.mention.start):
        if loc.place is None or loc.place.country != "SY" or loc.place.kind in NO_STATEMENT_KINDS:
            continue
        k = bisect.bisect_right(sent_starts, loc.mention.start) - 1
        if k >= 0 and loc.mention.end <= doc.sentences[k].end:
            out.append((loc, doc.sentences[k]))
    return out


@lru_cache(maxsize=1)
def _chain_words() -> frozenset[str]:
    """The words that join a place to the places named to locate it («في»: statement_words.jsonl chain_link)."""
    return frozenset(normalize(r["word"]) for r in read_words() if r["role"] == "chain_link")


def _chain_head(doc: Doc, before: list[tuple[Located, object]], loc: Located, sent) -> Located | None:
    """The place a locating chain ending at `loc` locates: «مدينة دوما في الغوطة الشرقية في ريف العاصمة السورية
    دمشق، التي …» → Douma. Walking back from `loc` through the sentence, only chain links, locating words, kind
    words and other mentions may stand between; the head is the nearest place a phrase not right after it can
    describe (no governorate or region, which only a phrase after it speaks of; no place itself a locator)."""
    locating, past, *_ = _words()
    joins = _chain_words() | locating | past
    end = loc.mention.start
    for prev, psent in reversed(before):
        if psent is not sent:
            return None
        gap = normalize(doc.text[prev.mention.end : end]).split()
        if any(w not in joins and _PROCLITICS.sub("", w) not in joins for w in gap):
            return None
        if prev.place.kind not in WHOLE_ONLY_KINDS and not _locates_another(doc, prev):
            return prev
        end = prev.mention.start
    return None


def _read_for_head(
    article: Article,
    doc: Doc,
    before: list[tuple[Located, object]],
    loc: Located,
    sent,
    phrase: tuple[int, int],
) -> Event | None:
    """A holding phrase after a place named only to locate another is the located place's (`_chain_head`): the
    statement of that place, the holder read after the locator, where the phrase follows the locator at once."""
    if not _locates_another(doc, loc):
        return None
    head = _chain_head(doc, [c for c in before if c[0].mention.end <= loc.mention.start], loc, sent)
    if head is None:
        return None
    ev = _statement(article, loc, sent, phrase)
    holder = territory.stated_holder(ev)
    if not holder or _holder_misread(ev, holder):
        return None
    at_head = _statement(article, head, sent, phrase)
    return replace(at_head, actor1=holder)


def _read(article: Article, doc: Doc, loc: Located, sent, phrase: tuple[int, int]) -> Event | None:
    """The control statement its sentence makes of the mention, or None."""
    if _locates_another(doc, loc):
        return None
    ev = _statement(article, loc, sent, phrase)
    holder = _holder(ev)
    return replace(ev, actor1=holder) if holder and not _holder_misread(ev, holder) else None


# --------------------------------------------------------------------------- lists of places
# «بلدتي نبل والزهراء، الخاضعتين لسيطرة النظام», «مدينتي البوكمال والميادين اللتين يسيطر عليهما تنظيم داعش»,
# «المدن الرئيسية وهي دمشق وحلب وحماة وحمص تخضع بالكامل الآن لسيطرة الأسد»: a holding phrase over a coordinated list
# tells each listed place's holder. The list must be marked as one the phrase governs: a plural or dual head
# before it («بلدات», «مدينتي»: statement_words.jsonl "list_head"), or a phrase in the dual or plural
# ("list_holds", "list_link": «عليهما», «اللتين»), which agrees with the list and not with a word before it (so a
# locating word before the head does not make the towns locators: «بمحيط بلدتي نبل والزهراء، الخاضعتين …»).
# Territory reads a holding phrase after the place it describes; a listed place has other names between, so its
# statement carries no mention offsets (place_start −1: territory takes actor1, the holder read here; the
# mention's offsets are in extra["list_member"]).
LIST_GAP_WORDS = 4  # unplaced names («والسوسة والشعفة») and head words between two listed places
# Words after the list searched for its phrase: linking words («و التي», «اللتين») and fillers stand between.
LIST_PHRASE_WORDS = 12
_LIST_BREAK = re.compile(r"[.!?؟\n؛;()]")  # a list runs within a clause: commas and colons may stand in it
# The place a holding phrase is read after (territory.stated_holder reads what follows it).
_PLACEHOLDER = "س "


@lru_cache(maxsize=1)
def _list_words() -> dict[str, frozenset[str]]:
    """Normalised words of the list rows, by role (the phrases as space-joined words)."""
    out: dict[str, set[str]] = {}
    for r in read_words():
        if r["role"].startswith("list_"):
            out.setdefault(r["role"], set()).add(normalize(r["word"]))
    return {role: frozenset(words) for role, words in out.items()}


@lru_cache(maxsize=1)
def _list_phrases() -> tuple[tuple[tuple[str, ...], str, bool], ...]:
    """(phrase words, the phrase territory reads in its stead, agrees with a list), longest first: the list's
    own («تخضعان لسيطرة» → «خاضعة لسيطرة») and territory's, which agree with the last place as well."""
    own = [
        (tuple(normalize(r["word"]).split()), normalize(r["reads_as"]), True)
        for r in read_words()
        if r["role"] == "list_holds"
    ]
    theirs = [(tuple(p.split()), p, False) for p, _u in territory.rules().holds]
    return tuple(sorted(own + theirs, key=lambda x: -len(x[0])))


@lru_cache(maxsize=1)
def _list_phrases_by_first() -> dict[str | None, tuple[int, ...]]:
    """The indices in _list_phrases of the phrases by their first word (None: a phrase of no words)."""
    out: dict[str | None, list[int]] = {}
    for k, (parts, _reads_as, _agrees) in enumerate(_list_phrases()):
        out.setdefault(parts[0] if parts else None, []).append(k)
    return {w: tuple(ks) for w, ks in out.items()}


def _is(word: str, words: frozenset[str]) -> bool:
    """True if the word, or it with its «و»/«ف» or all its proclitics taken off, is one of `words`."""
    return word in words or word[:1] in "وف" and word[1:] in words or _PROCLITICS.sub("", word) in words


def _phrase_at(doc: Doc, i: int, end: int) -> tuple[int, str, bool] | None:
    """(index past the phrase, the phrase territory reads, agrees with a list) of a holding phrase starting at
    token i (filler words such as «بالكامل» looked past inside it), or None."""
    fillers = _list_words().get("list_filler", frozenset())
    words, at = [], []
    for j in range(i, min(end, i + 8)):
        if j > i and doc.surfaces[j] in fillers:
            continue
        words.append(doc.surfaces[j])
        at.append(j)
    if not words:
        return None
    said = tuple(words)
    bare = (_LIST_PHRASE_CLITIC.sub("", words[0]), *words[1:])  # «والخاضعة» read as «الخاضعة»/«خاضعة»
    phrases, by_first = _list_phrases(), _list_phrases_by_first()
    # only the phrases whose first word is the first word said or its bare reading can match, tried in
    # the order of _list_phrases (longest first) as before
    tried = {*by_first.get(said[0], ()), *by_first.get(bare[0], ()), *by_first.get(None, ())}
    for parts, reads_as, agrees in (phrases[k] for k in sorted(tried)):
        n = len(parts)
        if len(said) >= n and (said[:n] == tuple(parts) or bare[:n] == tuple(parts)):
            return at[n - 1] + 1, reads_as, agrees
    return None


_LIST_PHRASE_CLITIC = re.compile(r"^(?:وال|ال|و)(?=..)")


def _read_list_holder(article: Article, doc: Doc, loc: Located, sent, reads_as: str, past: int) -> str | None:
    """The holder a phrase names after token `past`, read by territory as after a place of its own."""
    end = doc.ends[past - 1]
    rest = article.text[end : sent.end]
    quote = f"{_PLACEHOLDER}{reads_as}{rest}"
    ev = _statement(article, loc, sent, (end, end))
    ev = replace(ev, quote=quote, quote_start=0, place_start=0, place_end=1,
                 extra={**ev.extra, "trigger": reads_as, "trigger_start": len(_PLACEHOLDER)})  # fmt: skip
    holder = territory.stated_holder(ev)
    return holder if holder and not _holder_misread(ev, holder) else None


def _tokens(doc: Doc, start: int, end: int) -> range:
    a = bisect.bisect_left(doc.starts, start)
    return range(a, bisect.bisect_left(doc.starts, end, lo=a))


def _joined(doc: Doc, prev: Located, loc: Located) -> bool:
    """True if only «و», commas, quotes, head words and a few unplaced names stand between two listed places."""
    if _LIST_BREAK.search(doc.text[prev.mention.end : loc.mention.start]):
        return False
    gap = [doc.surfaces[k] for k in _tokens(doc, prev.mention.end, loc.mention.start)]
    heads, stops = _list_words().get("list_head", frozenset()), _stop_words()
    if len(gap) > LIST_GAP_WORDS or any(_is(w, stops) for w in gap):
        return False
    return all(w == "و" or _is(w, heads) or w.startswith("و") or k > 0 and _is(gap[k - 1], heads)
               for k, w in enumerate(gap))  # fmt: skip


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Words that end a list: territory's links («التي»), the list's own links, and the phrases' first words."""
    lw = _list_words()
    firsts = {parts[0] for parts, _r, _a in _list_phrases()}
    return frozenset({*territory.rules().links, *lw.get("list_link", ()), *firsts, *_chain_words()})


def _runs(doc: Doc, every: list[tuple[Located, object]]) -> list[list[tuple[Located, object]]]:
    """Maximal runs of places joined as a list in one sentence (each run at least two long), in text order."""
    runs: list[list] = []
    for cand in every:
        last = runs[-1][-1] if runs else None
        if last is not None and last[1] is cand[1] and _joined(doc, last[0], cand[0]):
            runs[-1].append(cand)
        else:
            runs.append([cand])
    return runs


def _headed(doc: Doc, first: Located) -> bool:
    """True if a plural or dual head stands right before the list («بلدات», «مدينتي "البوكمال"»), or before
    an opener a few words back («المدن الرئيسية في غرب سوريا وهي دمشق …»)."""
    lw = _list_words()
    heads, openers = lw.get("list_head", frozenset()), lw.get("list_opener", frozenset())
    k = bisect.bisect_left(doc.starts, first.mention.start)
    before = doc.surfaces[max(0, k - LIST_GAP_WORDS - 2) : k]
    if before and _is(before[-1], heads):
        return True
    return bool(before) and before[-1] in openers and any(_is(w, heads) for w in before[:-1])


@lru_cache(maxsize=1)
def _list_skip_words() -> frozenset[str]:
    """The words a list's holding phrase may stand after: territory's links and the list rows' «list_link»."""
    return frozenset(territory.rules().links) | _list_words().get("list_link", frozenset())


def _phrase_after(doc: Doc, last: Located, sent) -> tuple[int, str, bool] | None:
    """The holding phrase after a list's last place, across linking words, or None."""
    skip_set = _list_skip_words()
    agrees = False
    span = _tokens(doc, last.mention.end, sent.end)
    for i in span[:LIST_PHRASE_WORDS]:  # (a range's slice: no list of the sentence's tokens made)
        found = _phrase_at(doc, i, span.stop)
        if found:
            return found[0], found[1], found[2] or agrees
        w = doc.surfaces[i]
        agrees = agrees or w in _list_words().get("list_link", frozenset())
        if not (_is(w, skip_set) or w == "و"):
            return None
    return None


def _list_statements(
    article: Article, doc: Doc, every: list[tuple[Located, object]], held: set, spans: Sequence[TimeSpan]
) -> list[Event]:
    """Statements of the places of each list a holding phrase governs (see above), one per place, holder and day."""
    out = []
    for members, holder, agrees in _governed_lists(article, doc, every):
        for loc, sent in members:
            if _told_of_the_past(article, sent, spans) or loc.place.kind in WHOLE_ONLY_KINDS:
                continue
            if not agrees and _locates_another(doc, loc):
                continue
            ev = _list_statement(article, loc, sent, holder)
            key = (ev.place.place_id, ev.actor1, ev.event_date)
            if key not in held and (ev.place.place_id, ev.actor1, None) not in held:
                held.add(key)
                out.append(ev)
    return out


def _governed_lists(article: Article, doc: Doc, every):
    """(listed places, holder, phrase agrees with the list) of the lists a holding phrase governs."""
    for run in _runs(doc, every):
        first, last = run[0][0], run[-1][0]
        found = _phrase_after(doc, last, run[-1][1])
        if found is None or not (found[2] or (_headed(doc, first) and len(run) > 1)):
            continue
        holder = _read_list_holder(article, doc, last, run[-1][1], found[1], found[0])
        if holder:
            yield run, holder, found[2]


def _list_statement(article: Article, loc: Located, sent, holder: str) -> Event:
    """A listed place's statement: the holder read for the list, no mention offsets (territory takes actor1)."""
    ev = _statement(article, loc, sent, (loc.mention.start, loc.mention.start))
    extra = {k: v for k, v in ev.extra.items() if k not in ("trigger", "trigger_start")}
    extra["list_member"] = (loc.mention.start, loc.mention.end)
    extra["actor1_basis"] = "list"
    return replace(ev, actor1=holder, place_start=-1, place_end=-1, extra=extra)
