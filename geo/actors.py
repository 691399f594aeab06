"""Who is who in the Arabic press: canonical actors (geo/model.ACTORS keys) and the names papers use.

Names are matched at once with one Aho–Corasick automaton (pyahocorasick) over the normalised text of
geo/text.NormText, on word boundaries after clitics (و ف ب ل ك and the contracted لل), longest name
first, so «الجيش السوري الحر» is the opposition and not the army, «النظام التركي» is Turkey.
Three kinds of name depend on the article, not on the words alone:
- «التنظيم», «الجهاديين» are the Islamic State only when IS is the one jihadist group the article names;
- bare «الجيش» is the Syrian army in a report on Syria when no other state's army is named near it (its
  paragraph and the next on either side) and the last army named before it is not another state's;
  bare «النظام», «قصفاً حكومياً» are the government in a report that names it or Syria;
- capitals (موسكو، واشنطن، دمشق …) are actors, except after «في/إلى/من» or a ب/ل clitic, where they are places.
"""

from __future__ import annotations

import functools
from operator import itemgetter
from pathlib import Path

import ahocorasick

from geo import morph
from geo.doc import Doc
from geo.eventtypes import read_jsonl
from geo.model import ACTORS
from geo.text import NormText, normalize

RULES_PATH = Path(__file__).resolve().parent / "rules" / "actors.jsonl"


def _rows(kind: str) -> list[dict]:
    return [r for r in read_jsonl(RULES_PATH) if r["kind"] == kind]


# Canonical key → press names (as printed; normalised at load), from geo/rules/actors.jsonl, one row per
# actor with an example sentence. Spelling variants the normaliser does not fold (سورية/سوريا,
# أميركية/أمريكية) are listed; leaders stand for their side (general knowledge): «أمر بوتين بهدنة».
NAMES: dict[str, tuple[str, ...]] = {r["actor"]: tuple(r["names"]) for r in _rows("name")}

# Capitals stand for their state when they act («حليفتا دمشق», «من قبل واشنطن»), not when they are places.
CAPITALS: dict[str, str] = {n: r["actor"] for r in _rows("capital") for n in r["names"]}

# Conditional names, resolved per article (see module docstring); each kind is one row of the rules file.
# «الجهاديين» in a report naming IS and no other jihadist group is IS's fighters (AFP style).
_IS_BACKREFS = tuple(n for r in _rows("backref") for n in r["names"])
_BARE_ARMY = next(n for r in _rows("army") for n in r["names"])
# Bare «النظام» (and «قصفاً حكومياً») is the Syrian government in a report that names it; «النظام
# الدولي», «منظمة غير حكومية» and the like are blocked by their longer names.
_BARE_REGIME = tuple(n for r in _rows("regime") for n in r["names"])
_NOT_ACTORS = tuple(n for r in _rows("not_actor") for n in r["names"])
# Other armies: a name here blocks its shorter substrings and makes bare «الجيش» ambiguous.
_OTHER_ARMIES = tuple(n for r in _rows("other_army") for n in r["names"])
_OTHER_ARMY_NAMES = frozenset(normalize(n) for n in _OTHER_ARMIES)  # some also name an actor (Israel's)
_OTHER_JIHADISTS = ("Hayat Tahrir al-Sham",)
# Sides that fight on one side (kind «partner», both ways): in a violent event neither is the other's actor2
# («اخترقت قسد سور المدينة بعد غارات للتحالف الدولي»: the coalition backs the SDF, it is not their enemy).
PARTNERS: dict[str, frozenset[str]] = {
    a: frozenset(
        {b for r in _rows("partner") if r["actor"] == a for b in r["names"]}
        | {r["actor"] for r in _rows("partner") if a in r["names"]}
    )
    for a in {r["actor"] for r in _rows("partner")} | {b for r in _rows("partner") for b in r["names"]}
}
# «جنوب دمشق», «ريف دمشق», «مدينة دمشق»: a capital after a word of direction, surroundings or kind is a
# place too (normalised like the text they are compared with: «مدينة» → «مدينه»).
_PLACE_PREPOSITIONS = frozenset(normalize(w) for w in (
    "في", "إلى", "من", "عن", "داخل", "حول", "جنوب", "شمال", "شرق", "غرب", "جنوبي", "شمالي", "شرقي",
    "غربي", "ريف", "قرب", "محيط", "أطراف", "وسط", "مدينة", "العاصمة",
))  # fmt: skip
_CLITICS = frozenset(morph.PROCLITICS)
_CLITICS_BEFORE_LL = {"", "و", "ف"}  # «للجيش» already carries its ل

assert set(NAMES) | set(CAPITALS.values()) | set(PARTNERS) <= set(ACTORS), (
    "actor keys must be geo/model.ACTORS keys"
)


def _is_letter(c: str) -> bool:
    return c.isalpha()


@functools.lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """Normalised name → (actor key or tag, needs-ل-contraction flag), both plain and «لل» forms."""
    entries: dict[str, tuple[str, bool]] = {}

    def add(name: str, tag: str) -> None:
        key = normalize(name)
        entries.setdefault(key, (tag, False))
        if key.startswith("ال"):
            entries.setdefault("لل" + key[2:], (tag, True))

    for actor, names in NAMES.items():
        for n in names:
            add(n, actor)
    for n, actor in CAPITALS.items():
        add(n, "capital:" + actor)
    for n in _IS_BACKREFS:
        add(n, "backref:Islamic State")
    add(_BARE_ARMY, "army:Syrian government")
    for n in _BARE_REGIME:
        add(n, "regime:Syrian government")
    for n in _NOT_ACTORS:
        add(n, "not_actor")
    for n in _OTHER_ARMIES:
        add(n, "other_army")
    auto = ahocorasick.Automaton()
    for key, (tag, contracted) in entries.items():
        auto.add_word(key, (len(key), tag, contracted))
    auto.make_automaton()
    return auto


def _word_start(norm: str, i: int) -> int:
    while i > 0 and _is_letter(norm[i - 1]):
        i -= 1
    return i


def _previous_word(norm: str, i: int) -> str:
    j = i
    while j > 0 and not _is_letter(norm[j - 1]):
        j -= 1
    return norm[_word_start(norm, j) : j]


# A nisba adjective between a place word and a capital («العاصمة الإيرانية طهران», «العاصمة الروسية موسكو»):
# normalised, the feminine nisba ends «ية» → «يه».
_NISBA_ENDING = "يه"
_CAPITAL_HEADS = frozenset(normalize(w) for w in ("العاصمة", "مدينة"))
_ON_FORMS = frozenset(normalize(w) for w in ("على", "وعلى"))
# «الضربات الغربية على دمشق»: the strike words after which «على» + a capital is the place struck
_STRUCK_BEFORE = frozenset(normalize(n) for r in _rows("struck_capital") for n in r["names"])
_IN_FORMS = frozenset(normalize(w) for w in ("في", "وفي"))
# «قمة طهران»: the summit words after which a capital is the summit's venue
_SUMMIT_BEFORE = frozenset(normalize(n) for r in _rows("summit_capital") for n in r["names"])


def _named_as_place(norm: str, i: int) -> bool:
    """The capital starting at norm index i is told as a place: a place word before it («في دمشق»), or «في», a
    head word and its nisba adjective («في العاصمة الإيرانية طهران»: the venue, not Iran's government)."""
    word = _previous_word(norm, i)
    if _after_place_word(word) or word in _SUMMIT_BEFORE:
        return True
    if word in _ON_FORMS:  # «الضربات الغربية على دمشق»: struck, one word (an adjective) between at most
        head, k = _word_before(norm, i, word)
        return head in _STRUCK_BEFORE or _word_before(norm, k + len(head), head)[0] in _STRUCK_BEFORE
    if not word.endswith(_NISBA_ENDING):
        return False
    head, k = _word_before(norm, i - 0, word)
    if head not in _CAPITAL_HEADS:
        return False
    return _previous_word(norm, k) in _IN_FORMS  # «بريف/قرب العاصمة السورية دمشق»: a locator, left alone


def _word_before(norm: str, i: int, word: str) -> tuple[str, int]:
    """The word before `word` (which ends at the letters before index i) and where that word starts."""
    j = i
    while j > 0 and not _is_letter(norm[j - 1]):
        j -= 1
    k = j - len(word)
    head = _previous_word(norm, k)
    while k > 0 and not _is_letter(norm[k - 1]):
        k -= 1
    return head, k - len(head)


def _after_place_word(word: str) -> bool:
    """«في دمشق», «والعاصمة دمشق», «وريف دمشق»: the word before a capital makes it a place (with its «و/ف»)."""
    return word in _PLACE_PREPOSITIONS or (word[:1] in ("و", "ف") and word[1:] in _PLACE_PREPOSITIONS)


_by_start_longest = itemgetter(0, 1)  # a hit's (word start, minus its length): the longest first at a start


def _raw_hits(nt: NormText | Doc) -> list[tuple[int, int, str, str]]:
    """Longest non-overlapping hits as (norm start, norm end, tag, clitic prefix)."""
    norm = nt.norm
    hits = []
    n = len(norm)
    for end, (length, tag, contracted) in _automaton().iter(norm):
        if end + 1 < n and norm[end + 1].isalpha():  # (_is_letter, inlined: tens of thousands of hits)
            continue
        start = ws = end - length + 1
        while ws > 0 and norm[ws - 1].isalpha():  # (_word_start, inlined)
            ws -= 1
        prefix = norm[ws:start]
        if prefix not in (_CLITICS_BEFORE_LL if contracted else _CLITICS):
            continue
        hits.append((ws, ws - end - 1, end + 1, tag, prefix, start))
    hits.sort(key=_by_start_longest)
    out: list[tuple[int, int, str, str]] = []
    last_end = -1
    for ws, _, e, tag, prefix, start in hits:
        if ws < last_end:
            continue
        out.append((start, e, tag, prefix))
        last_end = e
    return out


_ARMY_WORDS = tuple(normalize(w) for w in ("الجيش", "قوات", "القوات"))  # a name of an army (its head word)
_SYRIAN = normalize("سوري")
_ARMY_STEM = normalize("جيش")


def _uncontracted(name: str) -> str:
    """«للجيش التركي» (a hit of a contracted «لل» form) as «الجيش التركي»."""
    return "ال" + name[2:] if name.startswith("لل") else name


def _foreign_army(norm: str, s: int, e: int, tag: str) -> bool:
    """A state's army other than Syria's: a blocking «other_army» name, or an actor's name on «الجيش …»
    («الجيش التركي», «الجيش الإسرائيلي»); the opposition's «الجيش الحر» is no state's army."""
    name = _uncontracted(norm[s:e])
    if tag == "other_army" or name in _OTHER_ARMY_NAMES:
        return True
    return name.startswith(_ARMY_WORDS[0] + " ") and tag in ACTORS and tag not in _SYRIAN_SIDES


_SYRIAN_SIDES = ("Syrian government", "Syrian opposition")
# Paragraphs on each side of a bare «الجيش» in which another state's army named makes it ambiguous: one, as
# a report names «موقعا للجيش في ولاية هاتاي» a paragraph before «الجيش التركي» (AFP style).
_ARMY_PARAGRAPHS = 1


def _bare_army_reader(norm: str, hits: list[tuple[int, int, str, str]], government_named: bool, on_syria: bool):
    """Whether a bare «الجيش» at a norm offset is the Syrian army: in a report on Syria (the government
    named, or «سوري» in it), when no other state's army is named in its paragraph and the last army named
    before it, if any, is not another state's («قال الجيش الإسرائيلي … » and, a paragraph on, «وأضاف الجيش»)."""
    if not (government_named or on_syria or _SYRIAN in norm):
        return lambda s: False
    armies = [
        (s, _foreign_army(norm, s, e, tag))
        for s, e, tag, _ in hits
        if tag == "other_army" or (tag in ACTORS and _uncontracted(norm[s:e]).startswith(_ARMY_WORDS))
    ]
    if not any(foreign for _, foreign in armies):
        return lambda s: True

    def ok(at: int) -> bool:
        lo, hi = at, at
        for _ in range(_ARMY_PARAGRAPHS + 1):  # the paragraph, then as many on each side
            lo = norm.rfind("\n", 0, max(0, lo - 1)) + 1
            hi = norm.find("\n", hi + 1)
            hi = len(norm) if hi < 0 else hi
        if any(foreign and lo <= s < hi for s, foreign in armies):
            return False
        before = [foreign for s, foreign in armies if s < at]
        return not (before and before[-1])

    return ok


def find_actors(text: str, doc: Doc | None = None, on_syria: bool = False) -> list[tuple[int, int, str]]:
    """Actor mentions as (start, end, actor key), offsets into `text` (clitics excluded from the span).
    `doc` is the text's geo.doc.Doc, when the caller has one. `on_syria`: the caller knows the text is a
    report on Syria (its places are Syrian) though it never writes «سوريا»: bare «النظام», «الجيش» are
    the government's (QA13 Q12: «قصف النظام بلدة خان شيخون»)."""
    nt = doc if doc is not None and doc.text is text else NormText(text)
    hits = _raw_hits(nt)
    named = {tag for _, _, tag, _ in hits if tag in ACTORS}
    backref_ok = "Islamic State" in named and not any(a in named for a in _OTHER_JIHADISTS)
    army_ok = (  # read only where «جيش» is written at all (one substring search)
        _bare_army_reader(nt.norm, hits, "Syrian government" in named, on_syria) if _ARMY_STEM in nt.norm else None
    )
    out = []
    for s, e, tag, prefix in hits:
        if tag.startswith("capital:"):
            if prefix.endswith(("ب", "ل")) or _named_as_place(nt.norm, s - len(prefix)):
                continue
            tag = tag.split(":", 1)[1]
        elif tag.startswith("backref:"):
            if not backref_ok:
                continue
            tag = tag.split(":", 1)[1]
        elif tag.startswith("army:"):
            if not army_ok(s):
                continue
            tag = tag.split(":", 1)[1]
        elif tag.startswith("regime:"):
            if not on_syria and "Syrian government" not in named and "سوري" not in nt.norm:
                continue  # a report on Syria: «الطائرات الحربية الحكومية» are the government's
            tag = tag.split(":", 1)[1]
        elif tag not in ACTORS:
            continue
        os_, oe = nt.orig_span(s, e)
        out.append((os_, oe, tag))
    return out
