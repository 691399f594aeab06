"""Candidate place mentions: every gazetteer spelling, matched at once, then vetted by context.

One Aho–Corasick automaton (pyahocorasick) over the normalised names of a gazetteer, built once
and cached. A hit counts when it sits on a word boundary after a clitic prefix (و ف ب ل ك, ال,
and the contracted لل), longest hit first. Because ~10k village names include ordinary words
(«العمر», «البريد», «الحياة»), a hit on a minor place must be corroborated by its context: a
trigger word («حي», «قرية», «بريف» …), a list of places it stands in, or the governorate named
around it. Which words are ordinary comes from the wordfreq package's Arabic frequency list.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import ahocorasick

from geo.doc import Doc
from geo.eventtypes import read_jsonl
from geo.gazetteer import quarter_id
from geo.model import Article, Mention, Place
from geo.text import NormText, furniture, normalize, sentences

# Words before a name that say what kind of place it is. Normalised spelling → label kept on the Mention.
_TRIGGERS = {
    "ريف": "ريف",
    "الريف": "ريف",
    "ريفي": "ريف",
    "باديه": "ريف",  # «بادية السويداء»: the desert part of a governorate, read as its countryside
    "التابعه": "التابعة",
    "تابعه": "التابعة",
    "حي": "حي",
    "حيي": "حي",
    "مدينه": "مدينة",
    "مدينتي": "مدينة",
    "بلده": "بلدة",
    "بلدات": "بلدة",
    "بلدتي": "بلدة",
    "قريه": "قرية",
    "قري": "قرية",
    "قريتي": "قرية",
    "قريتين": "قرية",  # «قريتين هما …»: the dual, not al-Qaryatayn without its article
    "بلدتين": "بلدة",
    "مدينتين": "مدينة",
    "محافظه": "محافظة",
    "محافظتي": "محافظة",
    "حقل": "حقل",
    "حقول": "حقل",
    "سد": "سد",
    "بئر": "بئر",
    "ابار": "بئر",
    "قاعده": "قاعدة",
    "قاعدتي": "قاعدة",  # «من قاعدتي رامون وحتسريم الجويتين»: the dual in construct, like «مدينتي», «بلدتي»
    "جبل": "جبل",
    "جبال": "جبل",
    "معبر": "معبر",
    "منفذ": "معبر",
    "مطار": "مطار",
    "نهر": "نهر",
    "منطقه": "منطقة",
    "ناحيه": "ناحية",
    "مخيم": "مخيم",
    "سلسله": "جبل",
    "جبهه": "جبهة",
    "محور": "جبهة",
    "وادي": "وادي",
    "حوض": "حوض",
    "مركز": "مركز",
}
_DIRECTIONS = {
    "شرق": "شرق",
    "غرب": "غرب",
    "شمال": "شمال",
    "جنوب": "جنوب",
    "شرقي": "شرق",
    "غربي": "غرب",
    "شمالي": "شمال",
    "جنوبي": "جنوب",
}
# «الريف الشرقي لحلب»: adjectives skipped when looking back for «الريف».
_ADJ_DIRECTIONS = {"الشرقي", "الغربي", "الشمالي", "الجنوبي", "الشرقيه", "الغربيه", "الشماليه", "الجنوبيه"}
# First words of Syrian compound place names (تل أبيض, عين العرب, جب أحمد الخلف …). A two-word village
# name without one («نصر الله», «عبد الله») is as likely a person, so it needs context like a one-word one.
_GENERIC_HEADS = {
    "تل", "تلول", "تله", "عين", "بئر", "جب", "دير", "كفر", "خربه", "بيت", "مزرعه", "مزارع", "قصر", "جسر", "راس",
    "سد", "مركز", "معره", "قلعه", "حصن", "ام", "جبل", "وادي", "مخيم", "حي", "قريه", "حقل", "تلعفر",
    "الفرقه", "اللواء", "مطار", "معبر", "سهل", "رسم", "ضهره", "نهر", "بير", "عيون", "قبر", "ظهر", "ضاحيه",
}  # fmt: skip
# «السفيرة الأميركية»: a word followed by a foreign nisba is a person or thing of that country.
# «السفيرة الأميركية» (the US ambassador), «مدينة صعدة اليمنية» (a town of Yemen): a word followed by a foreign
# nisba (geo/rules/place_nisbas.jsonl) is a person or place of that country, not a Syrian town; the rows that name a
# country (`iso2`) let a town so described after a settlement head stand in that country when the gazetteer has no
# town of the name there.
_NISBAS = {
    normalize(r["nisba"]): r.get("iso2", "")
    for r in read_jsonl(Path(__file__).resolve().parent / "rules" / "place_nisbas.jsonl")
}
_FOREIGN_NISBA = re.compile(
    r" (?:ال)?(" + "|".join(sorted(_NISBAS, key=len, reverse=True)) + r")(?:ه|ون|ين|ان)?(?!\w)"
)
_ABROAD_HEADS = ("مدينة", "بلدة", "قرية", "محافظة")


def nisba_countries(fragment: str) -> set[str]:
    """ISO codes of the countries whose nisba the (raw) fragment writes: «العملية العسكرية العراقية» → {"IQ"}."""
    return {
        code for m in _FOREIGN_NISBA.finditer(" " + normalize(fragment)) if (code := _NISBAS[m.group(1)])
    }
_SETTLEMENT_HEADS = frozenset({"مدينة", "بلدة", "قرية", "ناحية"})
# «قاعدة حميميم»: an air base is named by either head, whichever its gazetteer row was written with («مطار حميميم»)
_AIRFIELD_HEADS = frozenset({"مطار", "قاعدة"})
_FACILITY_TRIGGERS = {"جبهة", "حقل", "سد", "بئر", "قاعدة", "مطار", "معبر"}
# normalised; «معبر نصيب من الجانب السوري وجابر من الجانب الأردني»: a crossing has two sides, a share has none
_BORDER_WORDS = (" الحدودي", " الحدود", " مع تركيا", " مع الاردن", " مع لبنان", " مع العراق", " من الجانب ")
# «طريق محاذية للحدود الأردنية، وصولاً إلى معبر نصيب»: the border said just before the crossing vouches for it
# too; BORDER_WINDOW characters is about the clause before the name.
_BORDER_BEFORE = re.compile(r"(?<!\w)[وفب]?(?:ال|لل)?حدود(?:ي|يه)?(?!\w)")
BORDER_WINDOW = 60
# Triggers naming a natural feature: a settlement of the same name is not meant.
_NATURAL_FEATURES = {"وادي": ("region", "river"), "نهر": ("river",), "حوض": ("region", "river")}
# Prepositions that introduce a location: weaker evidence than a trigger, enough for a city.
_LOCATIVE = {
    "في",
    "من",
    "الي",
    "علي",
    "قرب",
    "نحو",
    "باتجاه",
    "داخل",
    "محيط",
    "اطراف",
    "حول",
    "عند",
    "مشارف",
    "بين",
    "ضواحي",  # «في ضواحي دوما»: the outskirts of a town
}
_LOCATIVE_CLITICS = ("ب", "ل")

RULES = Path(__file__).resolve().parent / "rules"


def _read_rows(name: str) -> list[dict]:
    return read_jsonl(RULES / name)


def spelled_every_way(phrase: str, variants: list[dict]) -> set[str]:
    """«قوات سوريا الديمقراطية» in every spelling the variant table allows («سورية», «الديموقراطية»)."""
    forms = {phrase}
    for v in variants:
        for a, b in ((v["a"], v["b"]), (v["b"], v["a"])):
            forms |= {f.replace(a, b) for f in forms if a in f}
    return forms


def not_place_phrases() -> set[str]:
    """Names of organisations, operations and media that contain a place name but are not places
    (geo/rules/not_places.jsonl), in every spelling of geo/rules/spelling_variants.jsonl."""
    variants = _read_rows("spelling_variants.jsonl")
    return {f for row in _read_rows("not_places.jsonl") for f in spelled_every_way(row["phrase"], variants)}


# «صحيفة نيويورك تايمز»: a city followed by one of these words is a newspaper's title
# (geo/rules/place_masthead_words.jsonl)
_MASTHEADS = frozenset(normalize(r["word"]) for r in _read_rows("place_masthead_words.jsonl"))
_WORK_NOUNS = frozenset(normalize(r["word"]) for r in _read_rows("place_title_nouns.jsonl"))


@functools.lru_cache(maxsize=1)
def adjective_homographs() -> dict[str, str]:
    """Country names spelt like a feminine nisba («سورية», Syrian f.), normalised, each with the country's
    other spelling («سوريا») (geo/rules/place_adjectives.jsonl)."""
    rows = _read_rows("place_adjectives.jsonl")
    return {
        normalize(r["adjective"]): normalize(r["country"])
        for r in rows
        if r.get("agrees") not in ("accusative", "definite", "indefinite")
    }


@functools.lru_cache(maxsize=1)
def definite_homographs() -> dict[str, frozenset[str]]:
    """Country names spelt like a definite feminine nisba («السعودية», Saudi f.), normalised, each with the words
    after which it stays the country («العربية» of «المملكة العربية السعودية») (geo/rules/place_adjectives.jsonl,
    rows that agree with a definite noun)."""
    rows = [r for r in _read_rows("place_adjectives.jsonl") if r.get("agrees") == "definite"]
    return {
        normalize(r["adjective"]): frozenset(
            normalize(w) for q in rows if q["adjective"] == r["adjective"] for w in q.get("not_after", ())
        )
        for r in rows
    }


@functools.lru_cache(maxsize=1)
def indefinite_homographs() -> frozenset[str]:
    """Country names spelt like an indefinite masculine nisba («مالي», Mali and financial), normalised
    (geo/rules/place_adjectives.jsonl, rows that agree with an indefinite noun)."""
    rows = _read_rows("place_adjectives.jsonl")
    return frozenset(normalize(r["adjective"]) for r in rows if r.get("agrees") == "indefinite")


@functools.lru_cache(maxsize=1)
def accusative_homographs() -> frozenset[str]:
    """Country names spelt like the masculine nisba in the accusative («روسيا» Russia, «روسياً» Russian),
    normalised (geo/rules/place_adjectives.jsonl, rows that agree in the accusative)."""
    rows = _read_rows("place_adjectives.jsonl")
    return frozenset(normalize(r["adjective"]) for r in rows if r.get("agrees") == "accusative")


@functools.lru_cache(maxsize=1)
def adjective_cue_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Words that make the homograph beside them an adjective (geo/rules/place_adjectives.jsonl), normalised:
    nouns of origin after it («سورية الجنسية», Syrian by nationality), participles of backing before it
    («المدعومة روسيا», Russian-backed) and the negation before it («جنسيات غير سورية»)."""
    rows = _read_rows("place_adjectives.jsonl")
    follows = frozenset(normalize(w) for r in rows for w in r.get("follows", ()))
    after = frozenset(normalize(w) for r in rows for w in r.get("after", ()))
    negated = frozenset(normalize(w) for r in rows for w in r.get("negated_by", ()))
    return follows, after, negated


# Words before a noun that are no indefinite noun the next word could describe: prepositions and
# particles («عن سورية», «مع سورية»), and nouns of quantity or place that take a genitive («كل سورية»).
_GENITIVE_GOVERNORS = _LOCATIVE | {
    "عن", "مع", "ان", "لدي", "ضد", "عبر", "خارج", "داخل", "تجاه", "حتي", "منذ", "بعد", "قبل", "دون", "كل",
    "بعض", "غير", "سوي", "لان", "لكن", "ولكن", "او", "ثم", "اما", "بشان", "حيال", "وسط", "انحاء",
}  # fmt: skip
_NEXT_WORD = re.compile(r" *(\w*)")


def _is_indefinite_noun(word: str) -> bool:
    return (
        len(word) > 2
        and not word.startswith(("ال", "وال", "فال", "بال", "لل"))
        and word not in _GENITIVE_GOVERNORS
        and word not in _TRIGGERS
        and word not in _DIRECTIONS
    )


def _is_indefinite_adjective(word: str) -> bool:
    """«رسمية», «معارضة», «موالية»: a feminine nisba or participle without the article."""
    return (
        not word.startswith("ال")
        and word.endswith("ه")
        and (word.endswith("يه") or (word[0] == "م" and len(word) >= 5))
    )


# Human plurals take a plural nisba («أطفال سوريون»): before «سورية» they are its construct state («أطفال سورية»).
_HUMAN_PLURALS = {"اطفال", "اعداء", "اصدقاء", "ابناء", "اهالي", "رجال", "نساء", "شباب"}
# Feminine nouns without «ة» and broken plurals of other shapes: «أرض سورية», «مدن سورية», «وأخرى سورية».
_FEMININE_UNMARKED = {"ارض", "اراض", "اراضي", "مدن", "قري", "نيران", "اخري"}


def _takes_feminine_adjective(noun: str) -> bool:
    """A noun a feminine singular adjective agrees with, by its shape: a feminine singular («شبكة»), a
    sound feminine plural («غارات»), a tanween accusative («أهدافا»), or a non-human broken plural of the
    patterns مفاعل/فعائل/تفاعيل («مواقع», «وسائل», «تقارير») or أفعال («أهداف», «أنباء»). A masculine singular
    («وفد», «مستقبل») would take «سوري»: before «سورية» it is the construct state of the country."""
    return any(_feminine_shape(f) for f in _peel(noun))


def _feminine_shape(noun: str) -> bool:
    if noun in _HUMAN_PLURALS:
        return False
    if noun in _FEMININE_UNMARKED or noun.endswith(("ه", "ات", "ا")):
        return True
    if len(noun) >= 5 and noun[2] == "ا":
        return True
    return len(noun) == 5 and noun[0] == "ا" and noun[3] == "ا"


# «قتل 92 عسكريا روسيا»: a number whose last two digits make 11–99 takes its noun in the accusative singular
# («جنديا», «مدنيا»), and the homograph after that noun is its adjective (Russian, not Russia). Years are
# no counts; a count of years or days («بعد 15 عاما») is a time, and the word after it may be a subject.
_COUNTED_NOUN = re.compile(r"(?<!\S)(\d+) +(\w+ا) +\Z")
_COUNTED_WINDOW = 40  # characters before the hit: the number and its noun
# The units of time (geo/rules/place_time_units.jsonl); «قرنا» (centuries) needs no row, as a noun ending in «نا»
# is no counted noun anyway.
_TIME_UNITS = frozenset(normalize(r["word"]) for r in _read_rows("place_time_units.jsonl"))
_YEARS = range(1900, 2100)


def _counted_adjective(h: _Hit, norm: str) -> bool:
    if h.prefix or h.trigger or h.locative:
        return False
    m = _COUNTED_NOUN.search(norm, max(0, h.start - _COUNTED_WINDOW), h.start)
    if m is None or m.group(2) in _TIME_UNITS or m.group(2).endswith(("ها", "وا", "نا")):
        return False
    count = int(m.group(1))
    return 11 <= count % 100 <= 99 and count not in _YEARS


_TANWEEN_FATHA = "\u064b"  # «سورياً», «سوريًا»: a country's name never takes tanween; the nisba does


def _with_tanween(h: _Hit, nt: NormText | Doc) -> bool:
    o0, o1 = nt.orig_span(h.start, h.end)
    return _TANWEEN_FATHA in nt.text[o0 : o1 + 1]  # the mark may follow the last letter


def _mark_nisba_adjectives(hits: list[_Hit], nt: NormText | Doc) -> None:
    norm = nt.norm
    accusative = accusative_homographs()
    if any(f in norm for f in accusative):
        tanween = _TANWEEN_FATHA in nt.text
        for h in hits:
            if h.form in accusative and not h.attributive and not h.prefix:
                h.attributive = (
                    _counted_adjective(h, norm)
                    or (tanween and _with_tanween(h, nt))
                    or _accusative_adjective(h, norm, accusative)
                )
    homographs = adjective_homographs()
    if not any(f in norm for f in homographs):  # one C-level search per homograph spares the loop over hits
        return
    found = [h for h in hits if h.form in homographs and not h.attributive]
    if not found:
        return
    forms = {h.form for h in hits}
    for h in found:
        h.attributive = _nisba_adjective(h, norm, forms)


def _indefinite_accusative(word: str) -> bool:
    """«موقعا», «مهما»: a word with the accusative alif of tanween (written or not), without the article."""
    return (
        len(word) >= 3
        and word.endswith("ا")
        and not word.startswith("ال")
        and not word.endswith(("ها", "نا", "وا"))
        and word not in _GENITIVE_GOVERNORS
    )


_BACKING_PARTICIPLES = adjective_cue_words()[1]
# «تعتبرهما تركيا امتداداً»: a verb with an object pronoun ending in alif, then its subject
_OBJECT_PRONOUNS = ("هما", "كما")


def _accusative_adjective(h: _Hit, norm: str, homographs: frozenset[str]) -> bool:
    """«موقعا سوريا مهما» (an important Syrian site): the homograph between an indefinite accusative noun and an
    indefinite accusative adjective agrees with both; «المدعومة روسيا» (Russian-backed): after a participle of
    backing it is the accusative of specification. An adverb («أيضا روسيا») is a frequent word, no noun."""
    if h.trigger or h.locative:
        return False
    if h.prev in _BACKING_PARTICIPLES:
        return True
    if not _indefinite_accusative(h.prev) or h.prev.endswith(_OBJECT_PRONOUNS) or h.prev in homographs:
        return False
    if zipf(h.prev) >= FUNCTION_WORD_ZIPF:
        return False
    after = _NEXT_WORD.match(norm, h.end).group(1)
    if _indefinite_accusative(after) and after not in homographs:
        return True
    # «موقعا عسكريا سوريا قرب المطار», «قصفا جويا ومدفعيا تركيا»: an indefinite accusative nisba before it, itself
    # after an indefinite accusative, agrees with the same noun whatever follows (not so an adverb at a clause's end:
    # «وخصوصا سوريا», «ولا سيما سوريا» are the country)
    return h.prev.endswith("يا") and _indefinite_accusative(_before_prev(h, norm))


def _before_prev(h: _Hit, norm: str) -> str:
    """The word two before the hit."""
    _, start = _prev_word(norm, h.start)
    return _prev_word(norm, start)[0]


def _nisba_adjective(h: _Hit, norm: str, forms: set[str]) -> bool:
    """«مواقع سورية معارضة», «أهدافا سورية»: the country's homograph right after an indefinite noun is the
    adjective Syrian (f.) when an indefinite adjective follows it or the text spells the country the other way;
    also after a fellow nisba and «و» («طائرات روسية وسورية») and before a noun of origin («سورية الجنسية»)."""
    other = adjective_homographs().get(h.form)
    if other is None or h.trigger or h.locative or h.start == 0 or norm[h.start - 1] != " ":
        return False
    if h.prefix:
        return h.prefix == "و" and _is_indefinite_nisba(h.prev)
    if h.prev in adjective_cue_words()[2]:
        return _negated_adjective(h, norm)
    if not _is_indefinite_noun(h.prev):
        return False
    after = _NEXT_WORD.match(norm, h.end).group(1)
    if after in adjective_cue_words()[0]:
        return True
    if after.startswith("ال") and after.endswith("ه"):
        return False  # «سورية الجديدة»: a definite adjective agrees with the proper noun
    return _is_indefinite_adjective(after) or (
        other in forms and (_takes_feminine_adjective(h.prev) or _feminine_construct_head(h, norm))
    )


def _negated_adjective(h: _Hit, norm: str) -> bool:
    """«جنسيات غير سورية» (non-Syrian nationalities): after «غير» that follows an indefinite feminine noun the
    homograph is that noun's negated adjective; after a preposition («من غير سورية») it is the country."""
    _, start = _prev_word(norm, h.start)
    noun, _ = _prev_word(norm, start)
    return _is_indefinite_noun(noun) and _takes_feminine_adjective(noun)


def _is_indefinite_nisba(word: str) -> bool:
    """«روسية», «تركية»: a feminine nisba without the article."""
    return len(word) >= 5 and word.endswith("يه") and not word.startswith("ال")


def _feminine_construct_head(h: _Hit, norm: str) -> bool:
    """«محطة رادار سورية»: the noun before the homograph is the genitive of a feminine noun (ة), which the
    adjective agrees with."""
    _, start = _prev_word(norm, h.start)
    head, _ = _prev_word(norm, start)
    return head.endswith("ه") and _is_indefinite_noun(head)


# «عملية «غضب الفرات»»: a quoted name right after these words names an operation.
_OPERATION_WORDS = ("عمليه", "معركه", "عمليات", "حمله")

# Clitics a name may carry, ^(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)$ spelled out: tested for every in-word
# automaton hit, where a set lookup beats a regex.
_CLITIC_PREFIXES = frozenset(
    a + b + c
    for a in ("", "و", "ف")
    for b in ("", "ب", "ك", "ل")
    for c in ("", "ال", "ل")
    if c != "ل" or b == "ل"
) - {""}
_ARTICLE = re.compile(r"ال\w")
_NON_WORD = re.compile(r"[^\w ]")  # spaces are left alone: replacing them with themselves is slow
_DASHED = re.compile(r"\s[-–—]\s")  # «حمص - حماة» in WOF: a route label, not a settlement
_TOKEN_HEAD = re.compile(r"(\w*)\Z")  # the letters glued before a hit: its clitics

COMMON_ZIPF = 3.5  # Zipf ≥ 3.5: at least ~3 per million words of general Arabic text
# A name whose article is part of it («القبو», «الرقة») written without the article is a common noun when that
# bare form is an everyday word at all (Zipf ≥ 3.0, ~1 per million words): «في قبو» (a basement), «ورقة» (a
# sheet), «فرقة» (a division) — unless a trigger word says a place is meant.
DROPPED_ARTICLE_ZIPF = 3.0
CITY_COMMON_ZIPF = 4.5  # city names reach this on their own (حمص 4.5); above it the word is everyday Arabic
MIN_KEY_LETTERS = 3
TOWN_POPULATION = 5_000
# A misspelt town («منبيج» for «منبج», «جندايريس» for «جنديرس») is matched only right after
# «مدينة/بلدة/قرية/حي», only against Syrian cities and towns of TOWN_POPULATION or more, and only when
# the spelling is close: 85 of 100 on rapidfuzz's ratio is one letter added to a four-letter name or
# changed in a seven-letter one; the misspelt word has at least FUZZY_MIN_LETTERS letters; FUZZY_MARGIN
# keeps a tie between two towns out.
FUZZY_MIN_SCORE = 85
FUZZY_MARGIN = 5
FUZZY_MIN_LETTERS = 5
FUNCTION_WORD_ZIPF = 5.0  # the ~500 commonest Arabic words: prepositions, pronouns, everyday nouns
HAMLET_WORD_ZIPF = 4.5  # for a hamlet of no recorded population, ~30 per million words is too common
# Abroad, a town's name that is a word needs a locative or trigger like a Syrian city's; the name of a
# big city is frequent in news on its own (لندن 5.0), so the never-a-name ceiling rises with population.
# A metropolis (≥ 1M) or a capital (≥ 100k) is a venue in itself and matches freely. A frequent name is a
# word when general text also writes it with the article («طراز» → «الطراز»), never so for «جنيف».
FOREIGN_COMMON_ZIPF = 3.0
ARTICLE_ZIPF = 2.5
FOREIGN_WORD_ZIPF = ((1_000_000, 5.5), (300_000, 5.2), (0, 4.5))
METROPOLIS, CAPITAL_CITY = 1_000_000, 100_000
_SETTLEMENTS = ("village", "neighbourhood", "town", "city")
# Sources whose features (plateaus, lakes, mountains) are named only when meant: the project's overlay
# and Natural Earth («الجولان» alone is the Golan Heights)
_LANDMARK_SOURCES = ("overlay", "naturalearth")
_NEVER_NAMES = set(_TRIGGERS) | _ADJ_DIRECTIONS | _GENERIC_HEADS
_MINOR_KINDS = {"village", "town", "neighbourhood", "district", "subdistrict"}


# The `needs` of an everyday definite word that names a town only after a settlement head («بلدة الصور»)
_HEADED = "<settlement head>"


@dataclass
class _Entry:
    place_id: str
    key: str  # normalised full name
    bare: bool = False  # the name without its article («السلمية» → «سلميه»)
    needs: str = ""  # trigger the short form needs («حقل العمر» → «العمر» after «حقل»), or _HEADED


@dataclass
class _Index:
    automaton: ahocorasick.Automaton
    places: dict[str, Place]
    governorate_of: dict[str, str]  # place_id of a governorate → P-code
    blocked: ahocorasick.Automaton
    prominent: frozenset[str] = frozenset()  # foreign cities that match freely whatever their name
    towns: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)  # one-word names of Syrian towns
    countries: dict[str, str] = field(default_factory=dict)  # ISO alpha-2 → the country's place_id

    @functools.cached_property
    def syrian_cities(self) -> dict[str, Place]:
        """Syrian cities by their normalised names, the most populous of a name, built once per index."""
        out: dict[str, Place] = {}
        for p in sorted(self.places.values(), key=lambda p: p.population):
            if p.kind == "city" and p.country == "SY":
                for name in (p.name_ar, *p.names_ar):
                    out[normalize(name)] = p
        return out

    @functools.cached_property
    def settlements_by_latitude(self) -> tuple[list[float], list[Place]]:
        """The Syrian settlements sorted by latitude, with their latitudes, built once per index."""
        towns = sorted(
            (
                p
                for p in self.places.values()
                if p.country == "SY" and p.kind in _SETTLEMENTS and p.lat is not None
            ),
            key=lambda p: p.lat,
        )
        return [p.lat for p in towns], towns

    @functools.cached_property
    def country_names(self) -> dict[str, str]:
        """The countries' normalised names → their ISO code, built once per index."""
        return {normalize(n): c for c, pid in self.countries.items() for n in self.places[pid].names_ar if n}

    @functools.cached_property
    def skeletons(self) -> dict[str, str]:
        """The towns' skeletons (_skeleton) that one town alone has → its name, built once per index."""
        return _skeletons_of(sorted(self.towns))


@functools.lru_cache(maxsize=1)
def word_frequency() -> dict[str, float]:
    """Zipf frequency of normalised Arabic words, spellings folded together (wordfreq 'large' list)."""
    import wordfreq

    total: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("ar", wordlist="large").items():
        if freq < 1e-6:
            continue
        key = normalize(word)
        total[key] = total.get(key, 0.0) + freq
    return {k: math.log10(f * 1e9) for k, f in total.items()}


def zipf(word: str) -> float:
    return word_frequency().get(word, 0.0)


def _keys_of(place: Place) -> Iterable[_Entry]:
    seen = set()
    p_overlay = place.source.startswith("overlay")
    for name in (place.name_ar, *place.names_ar):
        key = normalize(name)
        if not key or key in seen or sum(c.isalpha() for c in key) < MIN_KEY_LETTERS:
            continue
        if re.search(r"[a-z]", key) or " في " in key or (_DASHED.search(name) and not p_overlay):
            continue  # transliterations; «X في Y» and «X - Y» are descriptions whose parts match on their own
        seen.add(key)
        yield _Entry(place.place_id, key)
        head, _, rest = key.partition(" ")
        if head in _TRIGGERS and len(rest) >= MIN_KEY_LETTERS:
            yield _Entry(place.place_id, key, needs=_TRIGGERS[head])
            if _ARTICLE.match(rest) and len(rest) >= 2 + MIN_KEY_LETTERS:
                yield _Entry(place.place_id, key, bare=True, needs=_TRIGGERS[head])
        if _ARTICLE.match(key) and len(key) >= 2 + MIN_KEY_LETTERS:
            yield _Entry(place.place_id, key, bare=True)


def _match_form(e: _Entry) -> str:
    form = e.key
    if e.needs and e.needs is not _HEADED:
        form = form.partition(" ")[2]
    return form[2:] if e.bare else form


_KEEP: dict[int, tuple[object, _Index]] = {}


def index(gazetteer: Iterable[Place]) -> _Index:
    """The compiled matcher for this gazetteer object (built on first use, then reused)."""
    gid = id(gazetteer)
    hit = _KEEP.get(gid)
    if hit is not None and hit[0] is gazetteer:
        return hit[1]
    places = {p.place_id: p for p in gazetteer}
    table: dict[str, list[_Entry]] = {}
    cities = _city_forms(places.values())
    for p in places.values():
        minor = p.country == "SY" and p.kind in _MINOR_KINDS and not p.source.startswith("overlay")
        limit = FUNCTION_WORD_ZIPF if p.population >= TOWN_POPULATION else HAMLET_WORD_ZIPF
        if p.country != "SY" and p.kind in _SETTLEMENTS:
            minor, limit = True, next(z for pop, z in FOREIGN_WORD_ZIPF if p.population >= pop)
        for e in _keys_of(p):
            form = _match_form(e)
            if (
                minor
                and not e.needs
                and " " not in form
                and (form not in cities or p.kind != "village")
                and max(zipf(form), zipf(e.key)) >= limit
            ):
                # «علي» (على), «تحت»: never read as a hamlet's name, not even after «قرية»; a definite word
                # («الصور», pictures) is the name of the town of recorded population a settlement head names
                # («بلدة الصور»), not of a hamlet («لمدينة الملك عبدالعزيز الطبية» is no village al-Mulk)
                if not _ARTICLE.match(form) or e.bare or p.population == 0:
                    continue
                e = replace(e, needs=_HEADED)
            if form in _NEVER_NAMES or "ال" + form in _NEVER_NAMES:
                continue  # «مدينة», «الشرقية», «تل»: context words, not names (also refused in find_mentions)
            table.setdefault(form, []).append(e)
    auto = ahocorasick.Automaton()
    for form, entries in table.items():
        if not _NON_WORD.search(form.replace(" ", "")):
            auto.add_word(form + " ", (form, tuple(entries)))  # the space: hits end on a word boundary
    auto.make_automaton()
    blocked = ahocorasick.Automaton()
    for phrase in not_place_phrases():
        blocked.add_word(normalize(phrase), len(normalize(phrase)))
    for word in _MASTHEADS:  # a negative length: the word before this one is blocked (_blocked_spans)
        blocked.add_word(" " + word, -len(word) - 1)
    blocked.make_automaton()
    gov = {p.place_id: p.admin1 for p in places.values() if p.kind == "governorate" and p.admin1}
    capitals = {p.parent_id for p in places.values() if p.kind == "country"}
    prominent = frozenset(
        pid
        for pid, p in places.items()
        if p.country != "SY"
        and p.kind in _SETTLEMENTS
        and (p.population >= METROPOLIS or (pid in capitals and p.population >= CAPITAL_CITY))
    )
    towns = {
        form: tuple(e for e in entries if not e.needs)
        for form, entries in table.items()
        if " " not in form
        and len(form) >= FUZZY_MIN_LETTERS - 1
        and any(_fuzzy_target(places[e.place_id]) for e in entries)
    }
    countries = {p.country: pid for pid, p in places.items() if p.kind == "country"}
    idx = _Index(auto, places, gov, blocked, prominent, towns, countries)
    if len(_KEEP) >= 4:
        _KEEP.pop(next(iter(_KEEP)))
    _KEEP[gid] = (gazetteer, idx)
    return idx


def _city_forms(places: Iterable[Place]) -> frozenset[str]:
    """The names of Syrian cities: a village's name that is one («دوما» of As-Sweida) is frequent because the city is,
    not because it is a word, so the village stays a candidate beside the city for the resolver to weigh (not a
    district or sub-district of the name: the city's own, at its spot)."""
    return frozenset(
        _match_form(e)
        for p in places
        if p.country == "SY" and p.kind == "city"
        for e in _keys_of(p)
        if not e.needs
    )


@dataclass(slots=True)
class _Hit:
    start: int  # normalised offsets, clitics included
    end: int
    name_start: int  # where the name proper begins (after clitics)
    form: str
    prefix: str
    entries: tuple[_Entry, ...]
    trigger: str = ""
    locative: bool = False
    common: bool = False
    prev: str = ""  # the word before the hit
    attributive: bool = False  # reads as an adjective; a place only inside a list of places
    admin1: str = ""
    border_before: bool = False  # a border word in the clause before a «معبر» hit
    accepted: list[_Entry] = field(default_factory=list)
    pending: list[_Entry] = field(default_factory=list)  # accepted only next to another place


def _prev_word(norm: str, pos: int) -> tuple[str, int]:
    """The word ending before `pos`, skipping spaces and quotes; returns it and its start."""
    i = pos
    while i > 0 and norm[i - 1] in _SKIPPED_BEFORE:
        i -= 1
    m = _TOKEN_HEAD.search(norm, max(0, i - _PREV_WINDOW), i)
    return m.group(1), m.start(1)


_SKIPPED_BEFORE = " «»\"'(“”\t#"  # «في مدينة #دوما»: a hashtag's mark stands between the head and the name


_PREV_WINDOW = 24  # _prev_word reads at most this many letters back


class _DocWords:
    """`_prev_word` read off a Doc's tokens (one bisection instead of a regex search per hit). The Doc's
    words are its runs of letters and digits; the regex's \\w also takes «_», so a text holding one is
    read by the regex."""

    __slots__ = ("starts", "ends")

    def __init__(self, doc: Doc):
        if doc._identity:  # the original offsets are the normalised ones
            self.starts, self.ends = doc.starts, doc.ends
        else:
            self.starts, self.ends = doc._token_starts.tolist(), doc._token_ends.tolist()

    def __call__(self, norm: str, pos: int) -> tuple[str, int]:
        i = pos
        while i > 0 and norm[i - 1] in _SKIPPED_BEFORE:
            i -= 1
        k = bisect.bisect_left(self.ends, i)  # the first token ending at or after i: does it hold i - 1?
        if k == len(self.ends) or self.starts[k] >= i:
            return "", i
        start = max(self.starts[k], i - _PREV_WINDOW)
        return norm[start:i], start


def _word_finder(nt: NormText | Doc):
    if isinstance(nt, Doc) and "_" not in nt.norm:
        return _DocWords(nt)
    return _prev_word


def _peel(word: str) -> list[str]:
    forms = [word]
    if len(word) > 3 and word[0] in "وف":
        forms.append(word[1:])
    for f in list(forms):
        if len(f) > 3 and f[0] in "بلك":
            forms.append(f[1:])
    return forms


@functools.lru_cache(maxsize=65536)
def _classify(word: str) -> tuple[str, bool]:
    """(trigger label, locative?) of the word before a name, clitics peeled."""
    locative = False
    for f in _peel(word):
        if f in _TRIGGERS:
            return _TRIGGERS[f], False
        if f in _DIRECTIONS:
            return _DIRECTIONS[f], True
        if f in _LOCATIVE:
            locative = True
    return "", locative


def _context(h: _Hit, norm: str, prev_word=_prev_word) -> None:
    """The word before the hit: is it a trigger, a locative, a direction? (`prev_word` reads it.)"""
    word, wstart = prev_word(norm, h.start)
    h.prev = word
    clitics = h.prefix[:-2] if h.prefix.endswith("ال") else h.prefix
    h.trigger, h.locative = _classify(word)
    if h.prefix[:1] in ("و", "ف"):
        h.trigger = ""  # «قرى ومزارع»: a noun joined to the trigger word, not a name it introduces
    elif word in _LIST_OPENERS:
        h.trigger = _listed_under(norm, wstart)
    if clitics.endswith(_LOCATIVE_CLITICS) or h.prefix.endswith("لل"):
        h.locative = True
    # «الريف الشرقي لحلب», «الريف الشمالي الشرقي لدير الزور»
    if not h.trigger and h.prefix.startswith(("ل", "ول")) and word in _ADJ_DIRECTIONS:
        w2, s2 = prev_word(norm, wstart)
        if w2 in _ADJ_DIRECTIONS:
            w2, s2 = prev_word(norm, s2)
        if any(f in ("ريف", "الريف") for f in _peel(w2)):
            h.trigger = "ريف"


# «سيطرت على أربع قرى شرق النهر، وهي X وY»: a name right after one of these words heads a list of the settlements
# the clause has just counted (geo/rules/place_list_openers.jsonl); the clause is read back LIST_WINDOW characters
_LIST_OPENERS = frozenset(normalize(r["word"]) for r in _read_rows("place_list_openers.jsonl"))
# The label a listed name takes: the head's plural, which the resolver reads as the head («قرى» as «قرية») but for a
# lone hamlet far from the story, which stays for review (the text counted villages; a namesake 300 km off is not one)
_LISTED_LABELS = {"قرية": "قرى", "بلدة": "بلدات", "مدينة": "مدن", "حي": "أحياء"}
LIST_WINDOW = 60  # about the ten words of a clause: «أربع قرى شرق نهر الفرات، وهي»


def _listed_under(norm: str, pos: int) -> str:
    """The listing label of the settlement head of the clause ending at `pos` («قرى» → «قرى»), or ""."""
    clause = norm[max(0, pos - LIST_WINDOW) : pos].rpartition(".")[2]
    for word in reversed(_NON_WORD.sub(" ", clause).split()):
        label = _LISTED_LABELS.get(_classify(word)[0])
        if label:
            return label
    return ""


def _definite(word: str) -> bool:
    """«المظاهرات», and behind clitics «للمظاهرات», «بالطريقة», «والكيميائية» (QA11 N12: «السلمية» after them)."""
    if word.startswith(("ال", "لل")):
        return True
    first = word[:1]
    if not first or first not in "وفبلك":
        return False
    return word.startswith(("ال", "لل"), 1) or (
        first in "وف" and word[1:2] in "بلك" and word.startswith("ال", 2)
    )


def _attributive(h: _Hit, norm: str, places: dict[str, Place]) -> bool:
    """An adjective, not a place: a definite name right after a definite noun («الحياة السلمية»), or
    a nisba-shaped name right after an indefinite feminine noun («مصادر عسكرية سورية»)."""
    if h.trigger or h.locative or (h.prefix not in ("", "ال")):
        return False
    i = h.start
    if i == 0 or norm[i - 1] != " ":
        return False
    word = h.prev
    if word in _TRIGGERS or word in _LOCATIVE or word in _DIRECTIONS:
        return False
    if not h.prefix and h.form in indefinite_homographs():
        return _is_indefinite_noun(word)  # «دعم مالي»: financial support
    if h.prefix == "ال" or h.form.startswith("ال"):
        if not h.prefix and h.form in definite_homographs():
            return _definite_feminine(word) and _article_form(word) not in definite_homographs()[h.form]
        if any(places[e.place_id].kind in ("country", "governorate") for e in h.entries):
            return False
        bare = (h.form[2:] if h.form.startswith("ال") else h.form).split(" ")[0]
        return _definite(word) and len(word) > 3 and word not in _ADJ_DIRECTIONS and _adjective_shaped(bare)
    # «صواريخ أمريكية قاعدة الشعيرات الجوية»: the word that would agree with the noun before is the name's first;
    # a head noun («قاعدة», «قرية») heads a name of its own whatever nisba ends it
    first = h.form.split(" ")[0]
    nisba_shaped = first.endswith("يه") and first not in _TRIGGERS
    return nisba_shaped and word.endswith("ه") and not word.startswith("ال") and len(word) > 3


# The endings and patterns of Arabic adjectives, on a normalised word without its article: the nisba («السوري»,
# «الشرقية», «الكبرى» → «الكبري»), sound plurals («العالقين»), فعلاء («البيضاء»), a participle («المحاصرة»,
# «المعارضة»), فاعل («الشامل», «البارد»), فعيل («العنيفة», «القصير»), أفعل («الأقصر»), and short words («الحر»).
# A definite name of none of these shapes («الغوطة», «البوكمال», «الرستن», «الطبقة») right after a definite word is
# no adjective of it: the object after a verb's definite subject («قصفت قوات النظام الغوطة الشرقية», QA14 Q1).
_ADJECTIVE_ENDINGS = ("ي", "يه", "ين", "ون", "يات")
_SHORT_ADJECTIVE = 3  # letters: «الحر», «الحي»; no such name is read after a definite word
_PATTERN_LETTERS = (4, 5)  # فاعل / فعيل / أفعل with or without the feminine ending


def _adjective_shaped(bare: str) -> bool:
    """«سوري», «عالقين», «بيضاء», «محاصره», «شامل», «عنيفه», «اقصر»: the shape an adjective may have."""
    if len(bare) <= _SHORT_ADJECTIVE or bare.endswith(_ADJECTIVE_ENDINGS):
        return True
    if bare.startswith("م") or (len(bare) == 5 and bare.endswith("اء")):
        return True
    stem = bare[:-1] if bare.endswith("ه") else bare
    if len(stem) != 4 or len(bare) not in _PATTERN_LETTERS:
        return False
    return stem[1] == "ا" or stem[2] == "ي" or stem[0] == "ا"


# Head nouns of a war report's subject (geo/rules/place_subject_heads.jsonl): «قوات», «الطائرات», «الجيش» …
_SUBJECT_HEADS = frozenset(normalize(r["word"]) for r in _read_rows("place_subject_heads.jsonl"))
_SUBJECT_WORDS = 2  # words of the subject after its head: «النظام», «الروسية», «سوريا الديمقراطية»
# Words that govern a noun: the subject head after one is its object or genitive, not a verb's subject
_NOUN_GOVERNORS = frozenset(
    normalize(w)
    for w in ("من", "في", "على", "إلى", "عن", "مع", "بين", "ضد", "عبر", "لدى", "أمام", "خلف", "حول", "نحو", "بعد", "قبل", "دون", "أن", "إن", "لأن")
)
_NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يات")


def _object_after_subject(h: _Hit, norm: str, prev_word=_prev_word) -> bool:
    """«دخلت قوات النظام الطبقة», «قصفت الطائرات الروسية دوما»: the name right after a verb's subject headed by a
    force noun is the place it acted on (QA14 Q1), unless a nisba there describes the subject («قوات النظام السوري»)."""
    if h.prefix not in ("", "ال") or h.trigger or h.locative:
        return False
    bare = (h.form[2:] if h.form.startswith("ال") else h.form).split(" ")[0]
    if bare.endswith(_NISBA_ENDINGS):
        return False
    word, start = prev_word(norm, h.start)
    for _ in range(_SUBJECT_WORDS + 1):
        if word in _SUBJECT_HEADS:
            verb, _ = prev_word(norm, start)
            return bool(verb) and not _definite(verb) and verb not in _NOUN_GOVERNORS and verb not in _TRIGGERS
        if not word or not (_definite(word) or word in ("سوريا", "سوريه")):
            return False
        word, start = prev_word(norm, start)
    return False


# Event nouns in construct with the place they happened at («هجوم دوما», «سقوط تدمر»; geo/rules/place_event_nouns.jsonl):
# a town named like a word («دوما», always; «تدمر», destroys) right after one is the town.
_EVENT_NOUNS = frozenset(normalize(r["word"]) for r in _read_rows("place_event_nouns.jsonl"))


def _after_event_noun(h: _Hit, norm: str, prev_word=_prev_word) -> bool:
    if h.prefix not in ("", "ال") or h.trigger or h.locative:
        return False
    word, _ = prev_word(norm, h.start)
    return any(f in _EVENT_NOUNS for f in _peel(word))


def _names_a_state(h: _Hit, places: dict[str, Place]) -> bool:
    """«قوات النظام المدعومة روسيا»: a country's name there is read by the accusative-adjective rules."""
    return any(places[e.place_id].kind in ("country", "governorate") for e in h.entries)


def _article_form(word: str) -> str:
    """«للمملكة» → «المملكة», «وبالعاصمة» → «العاصمة»: a definite word without its clitics."""
    if word[:1] in "وف" and len(word) > 3:
        word = word[1:]
    if word.startswith("لل"):
        return "ال" + word[2:]
    return word[1:] if word[:1] in "بكل" and word.startswith("ال", 1) else word


def _definite_feminine(word: str) -> bool:
    """«الخارجية», «بالعاصمة», «السلطات»: a definite feminine singular or sound feminine plural, clitics allowed."""
    return _definite(word) and len(word) > 4 and word.endswith(("ه", "ات"))


# Particles that govern a verb (geo/rules/place_verb_particles.jsonl): the word right after one is a verb
_VERB_PARTICLES = frozenset(normalize(r["word"]) for r in _read_rows("place_verb_particles.jsonl"))


def _operation_name(norm: str, pos: int) -> bool:
    """Inside «…» opened right after «عملية»/«معركة»: the name of an operation."""
    q = norm.rfind("«", max(0, pos - 40), pos)
    if q < 0 or "»" in norm[q:pos]:
        return False
    word, _ = _prev_word(norm, q)
    return any(f in _OPERATION_WORDS for f in _peel(word))


# «الغواصة "جورجيا"», «السفينة الحربية "مينسك"»: a quoted name a word or two after a vessel noun is the ship's.
_VESSELS = frozenset(normalize(r["word"]) for r in _read_rows("place_vessel_nouns.jsonl"))
_OPEN_QUOTES = '«"“'
_VESSEL_WORDS_BACK = 3  # the vessel noun and up to two adjectives («الغواصتين النوويتين»)
_VESSEL_CHARS_BACK = 60  # characters read back for those words: three long words with their spaces


def _vessel_name(norm: str, pos: int) -> bool:
    """The quote right before `pos` opens (it follows a space) a few words after a vessel noun."""
    q = pos - 1
    if q > 0 and not norm[q - 1].isspace():
        return False  # a closing quote glued to the word before it
    words = norm[max(0, q - _VESSEL_CHARS_BACK) : q].split()[-_VESSEL_WORDS_BACK:]
    return any(f in _VESSELS or f.removeprefix("ال") in _VESSELS for w in words for f in _peel(w))


# «وثائقي بعنوان "آخر رجال حلب"», «فيلم "ليلة في دمشق"»: a name inside a quote opened a few words after the noun of
# a work (geo/rules/place_title_nouns.jsonl, _WORK_NOUNS) is part of the work's title
_QUOTE_REACH = 40  # characters back from a name to the quote that may open a title or an operation's name
_TITLE_WORDS_BACK = 3  # the work noun, an adjective and «بعنوان» («وثائقي آخر بعنوان»)


def _work_title(norm: str, pos: int) -> bool:
    lo = max(0, pos - _QUOTE_REACH)
    q = max(norm.rfind(c, lo, pos) for c in _OPEN_QUOTES)
    if q < 0 or any(c in norm[q + 1 : pos] for c in '"»”'):
        return False
    if norm[q] == '"' and q > 0 and not norm[q - 1].isspace():
        return False  # a straight quote glued to the word before it closes a quote: the name is outside it
    words = norm[max(0, q - _VESSEL_CHARS_BACK) : q].split()[-_TITLE_WORDS_BACK:]
    return any(f in _WORK_NOUNS or f.removeprefix("ال") in _WORK_NOUNS for w in words for f in _peel(w))


_WORD_CLITICS = ("ب", "ل", "ك", "و", "ف")


def _is_word(token: str) -> bool:
    """A noun or adjective rather than a name: its form with (or without) the article is frequent too, or it is a
    clitic before an everyday word («بحركة»: «ب» + «حركة», a movement; not Baḥarkah of Iraq)."""
    if token.startswith("ال"):
        return zipf(token[2:]) >= FOREIGN_COMMON_ZIPF
    if token.startswith(_WORD_CLITICS) and zipf(token[1:]) >= FUNCTION_WORD_ZIPF:
        return True
    return zipf("ال" + token) >= ARTICLE_ZIPF


def _everyday_crossing(h: _Hit) -> bool:
    """«معبر نصيب» written out as one name whose second word is an everyday word («نصيب», a share)."""
    head, _, rest = h.form.partition(" ")
    return _TRIGGERS.get(head) == "معبر" and " " not in rest and zipf(rest) >= COMMON_ZIPF


# Heads after which a construct is the whole name of the quarter or settlement («حي باب توما», «قرية حوش الظواهرة»).
# «ناحية» and «منطقة» are left out: tried, «ناحية قرة خانة» (Kırıkhan, Turkey) lost its span match (a wrong one, the
# Raqqa village al-Qarah) and heldout15 fell below its recall floor in tests/test_gold.py.
_CONSTRUCT_HEADS = frozenset({"حي", "مدينة", "بلدة", "قرية"})


def _dropped_construct(h: _Hit, e: _Entry, norm_after: str) -> bool:
    """«حي باب توما»: the name's everyday word without its article heads a longer name (_construct_head)."""
    return (
        h.trigger in _CONSTRUCT_HEADS
        and e.bare
        and not h.prefix.endswith(("ال", "لل"))
        and zipf(h.form) >= DROPPED_ARTICLE_ZIPF
        and _construct_head(norm_after)
    )


# Everyday nouns spelt like a place («ميادين», squares; «ثورة», revolution; geo/rules/place_construct_nouns.jsonl):
# without the article or a settlement head, before a word of their own, they head a construct («ميادين العاصمة»)
_CONSTRUCT_NOUNS = frozenset(normalize(r["word"]) for r in _read_rows("place_construct_nouns.jsonl"))


def _everyday_construct(h: _Hit, norm_after: str) -> bool:
    """«ميادين العاصمة» (the capital's squares), not the town al-Mayadin; «مدينة الميادين», «في الميادين» stay."""
    return (
        h.form in _CONSTRUCT_NOUNS
        and not h.prefix.endswith(("ال", "لل"))
        and h.trigger not in _CONSTRUCT_HEADS
        and _definite_genitive(norm_after)
    )


def _definite_genitive(norm_after: str) -> bool:
    """«العاصمه», «القتال» right after the noun: a definite word that is no nisba adjective («الشرقيه»)."""
    nxt = _NEXT_WORD.match(norm_after).group(1)
    return nxt.startswith("ال") and len(nxt) > len("ال") + 1 and not nxt.endswith(("ي", "يه"))


def _construct_head(norm_after: str) -> bool:
    """«حي باب توما»: a noun without its article before a word of its own heads a construct, the longer name
    («باب توما», Bab Touma), not «الباب» (al-Bab); a conjunction, a preposition, punctuation or a definite nisba
    adjective after it («الشرقي») ends it."""
    nxt = _NEXT_WORD.match(norm_after).group(1)
    if not nxt or nxt.startswith("و") or zipf(nxt) >= FUNCTION_WORD_ZIPF:
        return False
    return not (
        nxt.startswith("ال") and nxt.endswith(("ي", "يه"))
    )  # «ريف سلمية الشرقي»: a definite adjective


def _vet(
    h: _Hit,
    places: dict[str, Place],
    gov_in_sentence: set[str],
    norm_after: str = "",
    prominent: frozenset[str] = frozenset(),
    countries: dict[str, str] | None = None,
) -> None:
    """Sort each candidate into accepted, pending (needs a neighbouring place) or dropped."""
    has_article = h.prefix.endswith(("ال", "لل"))
    token = ("ال" if has_article else "") + h.form
    if has_article and h.form.startswith("ال"):
        return
    common = zipf(token) if " " not in token else 0.0
    strong = bool(h.trigger and h.trigger not in _DIRECTIONS.values())
    # «جبهة عريضة» (a wide front), «حقول نفطية» (oil fields): no hamlet after these words when it is a word
    strong_minor = strong and not (h.trigger in _FACILITY_TRIGGERS and common >= COMMON_ZIPF)
    # «بصدد» is a word, not «ب» + the village Sadad: a clitic reading of a frequent word is refused.
    glued = zipf(h.prefix + h.form) >= COMMON_ZIPF if h.prefix else False
    # «قاعدة حميميم الروسية»: after a facility head the nisba describes the facility, not a person
    nisba = _FOREIGN_NISBA.match(norm_after) if h.trigger not in _FACILITY_TRIGGERS else None
    foreign_adjective = nisba is not None
    border_said = h.border_before or norm_after.startswith(_BORDER_WORDS)
    everyday_crossing = _everyday_crossing(h)
    unsaid_border = h.trigger == "معبر" and common >= COMMON_ZIPF and not border_said
    for e in h.entries:
        p = places[e.place_id]
        if e.needs:
            if e.needs is _HEADED:
                if h.trigger in _SETTLEMENT_HEADS and h.prefix in ("", "و", "ف"):
                    h.accepted.append(e)
                continue
            # «كان لكل معبر نصيب»: a border crossing named by a word needs the border said; a front-line crossing
            # («معبر الوافدين») is named by «معبر» alone
            said = h.trigger == e.needs or (h.trigger in _AIRFIELD_HEADS and e.needs in _AIRFIELD_HEADS)
            if (
                said
                and not (unsaid_border and p.kind == "border_crossing")
                and not _dropped_construct(h, e, norm_after)
            ):
                h.accepted.append(e)
            continue
        if (
            everyday_crossing
            and p.kind == "border_crossing"
            and not border_said
            and not (p.admin1 and p.admin1 in gov_in_sentence)
        ):
            continue
        if h.trigger in _NATURAL_FEATURES and p.kind not in _NATURAL_FEATURES[h.trigger]:
            continue  # «وادي اليرموك» is a valley, not the Yarmouk camp
        added_article = has_article and not e.bare
        dropped_article = e.bare and not has_article
        if added_article and (p.kind == "country" or common >= COMMON_ZIPF):
            continue
        if dropped_article and zipf(h.form) >= DROPPED_ARTICLE_ZIPF and not strong:
            continue
        if dropped_article and strong and _dropped_construct(h, e, norm_after):
            continue
        in_context = bool(p.admin1 and p.admin1 in gov_in_sentence)
        if (foreign_adjective or glued) and p.country == "SY" and p.kind not in ("country", "governorate"):
            continue  # «السفيرة الأميركية» is the ambassador, not the town of al-Safira
        if glued and p.country != "SY" and p.kind in _SETTLEMENTS and p.place_id not in prominent:
            continue  # «كبيرا» (big) is not «ك» + Beira
        # «عشاق» (Uşak), «الطيبة»: a foreign town named like a word is read as one only where a place fits
        foreign_word = (
            p.country != "SY"
            and p.kind in _SETTLEMENTS
            and common >= FOREIGN_COMMON_ZIPF
            and p.place_id not in prominent
            and _is_word(token)
        )
        major = p.kind in ("country", "governorate") or (p.country != "SY" and not foreign_word)
        landmark = p.source.startswith(_LANDMARK_SOURCES) and p.kind not in _SETTLEMENTS
        compound = " " in h.form and (
            p.source.startswith("overlay")
            or p.kind not in _MINOR_KINDS
            or h.form.split(" ")[0] in _GENERIC_HEADS
        )
        if major or landmark or compound:
            h.accepted.append(e)
        elif p.kind == "city" or foreign_word:
            if (common < CITY_COMMON_ZIPF and not foreign_word) or strong or h.locative or in_context:
                h.accepted.append(e)
            else:
                h.pending.append(e)
        elif common >= COMMON_ZIPF:
            # «معبر نصيب الحدودي», «حقل التيم بريف دير الزور»: a facility head before an everyday word names a
            # place when the text says more — a border adjective, or the place's own governorate nearby
            vouched = strong and (
                in_context
                or (h.trigger == "معبر" and (h.border_before or norm_after.startswith(_BORDER_WORDS)))
            )
            (h.accepted if strong_minor or vouched else h.pending).append(e)
        elif strong or in_context or p.population >= TOWN_POPULATION or (p.population > 0 and h.locative):
            h.accepted.append(e)
        else:
            h.pending.append(e)
    if nisba and not (h.accepted or h.pending) and h.trigger in _ABROAD_HEADS and countries:
        # «مدينة صعدة اليمنية»: a town of Yemen, and no Syrian one
        country = countries.get(_NISBAS[nisba.group(1)])
        if country:
            h.accepted.append(_Entry(country, h.entries[0].key))
    h.common = common >= COMMON_ZIPF
    if h.attributive:
        h.pending += h.accepted
        h.accepted = []


def _word_view(nt: NormText | Doc) -> str:
    """The normalised text, same length, every character but letters, digits and «_» a space (a Doc has it)."""
    return nt.spaced if isinstance(nt, Doc) else _NON_WORD.sub(" ", nt.norm)


# «مبادئ إعلان جنيف1» (Geneva I), «جولة أستانا9»: a round's number glued to the venue ends the venue's name
_GLUED_NUMBER = re.compile(r"(?<=[\u0621-\u064a])[0-9\u0660-\u0669]")


def _raw_hits(nt: NormText | Doc, idx: _Index) -> list[_Hit]:
    norm = nt.norm
    bounded = _GLUED_NUMBER.sub(" ", _word_view(nt)) + " "  # hits end on a space: a word boundary
    hits = []
    for end, (form, entries) in idx.automaton.iter(bounded):
        start = end - len(form)
        if start == 0 or bounded[start - 1] == " ":
            hits.append(_Hit(start, end, start, form, "", entries))
            continue
        lo = max(0, start - 5)
        ts = max(bounded.rfind(" ", lo, start) + 1, lo)  # where the token holding the hit begins
        prefix = norm[ts:start]
        if prefix not in _CLITIC_PREFIXES:
            continue
        if prefix.endswith("ال") and idx.automaton.exists("ال" + form + " "):
            continue  # «بالرقة»: the full name «الرقة» is already a hit; its bare form adds nothing
        hits.append(_Hit(ts, end, start, form, prefix, entries))
    return hits


def _fuzzy_target(p: Place) -> bool:
    """Towns a misspelling may stand for: Syrian cities, and towns of TOWN_POPULATION or more."""
    return p.country == "SY" and (p.kind == "city" or (p.kind == "town" and p.population >= TOWN_POPULATION))


# A settlement head and the word after it, searched from the head (a regex starting at the clitics runs at
# every space of the text, 4× slower); the head's clitics and the space before them are checked after.
_HEAD_WORD = re.compile(r"(?:مدينه|بلده|قريه|حي)\s+(\w+)")
_HEAD_CLITICS = frozenset(a + b + c for a in ("", "و", "ف") for b in ("", "ب", "ل") for c in ("", "ال"))
_MAX_HEAD_CLITICS = max(map(len, _HEAD_CLITICS))


def _settlement_heads(norm: str, pattern: re.Pattern = _HEAD_WORD):
    """The words after «مدينة/بلدة/قرية/حي» that stand alone or behind their clitics («وبالمدينة»): the
    matches of (?:^|\\s)[وف]?[بل]?(?:ال)?(?:مدينه|بلده|قريه|حي)\\s+(\\w+), the word as group 1."""
    pos = 0
    while (m := pattern.search(norm, pos)) is not None:
        k = m.start()
        while k > 0 and m.start() - k < _MAX_HEAD_CLITICS and not norm[k - 1].isspace():
            k -= 1
        if (k == 0 or norm[k - 1].isspace()) and norm[k : m.start()] in _HEAD_CLITICS:
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _fuzzy_hits(norm: str, idx: _Index, hits: list[_Hit]) -> list[_Hit]:
    """Names after a settlement head that match no gazetteer spelling but are one letter off a town's."""
    from rapidfuzz import fuzz, process

    taken = _mask(((h.start, h.end) for h in hits), len(norm))
    out = []
    for m in _settlement_heads(norm):
        word, start = m.group(1), m.start(1)
        if taken.find(1, start, m.end(1)) >= 0:
            continue
        if len(word) < FUZZY_MIN_LETTERS or zipf(word) >= COMMON_ZIPF or word in _NEVER_NAMES:
            continue
        best = process.extract(
            word, idx.towns.keys(), scorer=fuzz.ratio, limit=2, score_cutoff=FUZZY_MIN_SCORE
        )
        if not best or (len(best) > 1 and best[1][1] > best[0][1] - FUZZY_MARGIN):
            form = idx.skeletons.get(_skeleton(word))
            if form is None:
                continue
        else:
            form = best[0][0]
        out.append(_Hit(start, m.end(1), start, form, "", idx.towns[form]))
    return out


def _fuzzy_repeats(norm: str, fuzzy: list[_Hit], hits: list[_Hit]) -> list[_Hit]:
    """«بلدة جندايريس … سيطرة القوات التركية على جندايريس»: a spelling the head vouched for as a town's (one letter
    off, _fuzzy_hits) is that town wherever else the article writes it, behind its clitics or not."""
    if not fuzzy:
        return []
    taken = _mask(((h.start, h.end) for h in hits + fuzzy), len(norm))
    out = []
    for f in fuzzy:
        word = norm[f.name_start : f.end]
        for m in re.finditer(r"(?<!\w)([وف]?[بلك]?)(" + re.escape(word) + r")(?!\w)", norm):
            if taken.find(1, m.start(), m.end()) < 0:
                out.append(_Hit(m.start(), m.end(), m.start(2), f.form, m.group(1), f.entries))
    return out


# A name written back from a Latin transliteration («حاجين» for «هجين», Hajin) keeps its consonants, but ح and ه
# fall together and the vowels come and go: its skeleton — ح read as ه, the letters ا ع و ي after the first
# left out — is the town's. Only a skeleton that one town alone has is read.
# The letters are rows of geo/rules/place_skeleton_letters.jsonl.
_SKELETON_LETTERS = {r["letter"]: r["becomes"] for r in _read_rows("place_skeleton_letters.jsonl")}
_SKELETON_DROPPED = str.maketrans(_SKELETON_LETTERS)
_SKELETON_FIRST = str.maketrans({a: b for a, b in _SKELETON_LETTERS.items() if b})  # the first letter is kept


def _skeleton(word: str) -> str:
    return word[:1].translate(_SKELETON_FIRST) + word[1:].translate(_SKELETON_DROPPED)


MIN_SKELETON_LETTERS = 3  # two consonants (a skeleton such as «دم») are shared by chance by many names


def _skeletons_of(forms: Iterable[str]) -> dict[str, str]:
    seen: dict[str, list[str]] = {}
    for form in forms:
        seen.setdefault(_skeleton(form), []).append(form)
    return {k: v[0] for k, v in seen.items() if len(v) == 1 and len(k) >= MIN_SKELETON_LETTERS}


def _mask(spans: Iterable[tuple[int, int]], length: int) -> bytearray:
    """One byte per character, 1 inside any of the spans: an overlap test is then one `find`, so the cost
    stays linear in the text however many spans and hits it has."""
    mask = bytearray(length + 1)
    for s, e in spans:
        mask[s:e] = b"\x01" * (e - s)
    return mask


def _blocked_spans(norm: str, idx: _Index) -> list[tuple[int, int]]:
    """Spans of the phrases that are no places, and of the word before a masthead word (« تايمز»)."""
    spans = []
    for end, length in idx.blocked.iter(norm):
        if length > 0:
            spans.append((end + 1 - length, end + 1))
        elif end + 1 == len(norm) or not norm[end + 1].isalnum():  # the masthead word ends there
            space = end + 1 + length
            spans.append((norm.rfind(" ", 0, space) + 1, space))
    return spans


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Longest name first; a hit never overlaps a longer one."""
    chosen: list[_Hit] = []
    taken = bytearray(max((h.end for h in hits), default=0))
    for h in sorted(hits, key=lambda h: (-(h.end - h.name_start), h.start)):
        if taken.find(1, h.start, h.end) >= 0:
            continue
        chosen.append(h)
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    return sorted(chosen, key=lambda h: h.start)


def _adjacent(a: _Hit, b: _Hit, nt: NormText, strict: bool = False) -> bool:
    """Two names in one list: «حمص - حماة»، «الرمثان والهيب»، «منبج، مارع» (read in the original text,
    where the dashes still are)."""
    between = nt.text[nt.orig(a.end - 1) + 1 : nt.orig(b.start)].strip().replace("أو", "او")
    joiners = ("-", "–", "—", "و", "او") if strict else ("،", ",", "-", "–", "—", "/", "و", "او")
    if between in joiners:
        return True
    return between == "" and b.prefix.startswith("و")


def _hits_in_prose(nt: NormText | Doc, idx: _Index, prev_word=_prev_word) -> list[_Hit]:
    """Raw hits minus page furniture, organisation and operation names, and context words; with context."""
    norm = nt.norm
    furn = furniture(nt.text)
    blocked = _blocked_spans(norm, idx)
    works = None  # does the text name a work («فيلم», «كتاب»)? asked once, when a name first follows a quote
    furn_mask = _mask(furn, len(nt.text)) if furn else None
    blocked_mask = _mask(blocked, len(norm)) if blocked else None
    hits = []
    for h in _raw_hits(nt, idx):
        if blocked and blocked_mask.find(1, h.start, h.end) >= 0:
            continue
        if furn:
            o0, o1 = nt.orig_span(h.start, h.end)
            if furn_mask.find(1, o0, o1) >= 0:
                continue
        before = norm[max(0, h.start - _QUOTE_REACH) : h.start]
        if "«" in before and _operation_name(norm, h.start):
            continue
        if '"' in before or "«" in before or "“" in before:
            if works is None:
                works = any(w in norm for w in _WORK_NOUNS)
            if works and _work_title(norm, h.start):
                continue
        if h.start and norm[h.start - 1] in _OPEN_QUOTES and _vessel_name(norm, h.start):
            continue
        _context(h, norm, prev_word)
        if not h.prefix and h.prev in _VERB_PARTICLES:
            continue  # «لم تدمر القوات الجسر» (did not destroy), «لم تنف»: a verb, not Palmyra or al-Tanf
        if _everyday_construct(h, norm[h.end :]):
            continue
        token = "ال" + h.form if h.prefix.endswith(("ال", "لل")) else h.form
        if token in _ADJ_DIRECTIONS or token in _TRIGGERS or h.form in _TRIGGERS or h.form in _GENERIC_HEADS:
            continue
        h.attributive = _attributive(h, norm, idx.places)
        if (_object_after_subject(h, norm, prev_word) or _after_event_noun(h, norm, prev_word)) and not _names_a_state(
            h, idx.places
        ):
            h.locative, h.attributive = True, False
        hits.append(h)
    return hits


def find_mentions(article: Article, gazetteer: Iterable[Place], doc: Doc | None = None) -> list[Mention]:
    """Place mentions in reading order; offsets and surface are those of `article.text`. `doc` is the
    article's geo.doc.Doc when the caller has one (its normalisation, word view and sentences are read)."""
    idx = index(gazetteer)
    text = article.text
    if doc is not None and doc.text is not text:
        doc = None
    nt = doc if doc is not None else NormText(text)
    norm = nt.norm
    prev_word = _word_finder(nt)
    hits = _hits_in_prose(nt, idx, prev_word)
    _mark_nisba_adjectives(hits, nt)
    fuzzy = _fuzzy_hits(norm, idx, hits)
    for h in fuzzy + _fuzzy_repeats(norm, fuzzy, hits):
        _context(h, norm, prev_word)
        hits.append(h)
    # Sentences matter only when a governorate is named as «ريف X» / «محافظة X»; skip the split otherwise.
    if any(h.trigger in ("ريف", "محافظة") for h in hits):
        sent_of = _sentence_finder(doc.sentences if doc is not None else sentences(text), nt)
    else:
        sent_of = _same_sentence
    # Governorates named as «ريف X» / «محافظة X» in a sentence.
    gov_by_sentence: dict[int, set[str]] = {}
    for h in hits:
        if h.trigger in ("ريف", "محافظة"):
            for e in h.entries:
                code = idx.governorate_of.get(e.place_id)
                if code and not e.needs:
                    gov_by_sentence.setdefault(sent_of(h.start), set()).add(code)
                    h.admin1 = code
    for h in hits:
        if h.trigger == "معبر" or h.form.startswith("معبر "):
            h.border_before = bool(_BORDER_BEFORE.search(norm, max(0, h.start - BORDER_WINDOW), h.start))
        _vet(
            h,
            idx.places,
            gov_by_sentence.get(sent_of(h.start), set()),
            norm[h.end : h.end + 16],
            idx.prominent,
            idx.countries,
        )
    _one_crossing(hits, idx.places)
    rejected = [h for h in hits if not (h.accepted or h.pending) and h.prefix.startswith("و")]
    hits = _select([h for h in hits if h.accepted or h.pending])
    _inherit_triggers(hits, nt, idx, gov_by_sentence, sent_of)
    hits = _continue_lists(hits, rejected, nt, idx, gov_by_sentence, sent_of)
    _settle_lists(hits, nt)
    hits = _enumerations(hits, norm, idx)
    _one_sense(hits, idx.places)
    hits = _read_constructs([h for h in hits if h.accepted], norm, idx.places)
    for h in hits:  # a name taken as a place keeps all its homonyms for the resolver
        h.accepted += h.pending
        _split_trigger_name(h, idx)
    _context_admin1(hits, sent_of)
    hits = _country_named_after(hits, idx)
    if "حي " in norm or "حيي " in norm:
        hits = _city_quarters(hits, nt, idx)
    if "احياء " in norm:
        hits = _quarters_named_before(hits, nt, idx)

    out = []
    for h in hits:
        o0, o1 = nt.orig_span(h.start, h.end)
        ids = tuple(dict.fromkeys(e.place_id for e in h.accepted))
        out.append(
            Mention(
                article_id=article.article_id,
                start=o0,
                end=o1,
                surface=text[o0:o1],
                key=h.accepted[0].key,
                candidates=ids,
                trigger=h.trigger,
                context_admin1=h.admin1,
            )
        )
    return out


# Kinds of place whose name without its article may head a construct with the place it belongs to («غوطة دمشق»)
_CONSTRUCT_HEAD_KINDS = ("region",)


def _read_constructs(hits: list[_Hit], norm: str, places: dict[str, Place]) -> list[_Hit]:
    """A name whose article is part of it («السفيرة», «الغوطة»), written without it and followed by a place
    («سفيرة واشنطن», «غوطة دمشق»), stands in construct with that place: a region's name so written is the region
    and the place after it only says whose it is (the Ghouta of Damascus: no second mention for Damascus, and the
    region's span stays its own word, which the event stage reads); anything else is the common noun (Washington's
    ambassador)."""
    if {h.start for h in hits}.isdisjoint({h.end + 1 for h in hits}):
        return hits  # no two names side by side: the common case, decided without the loop below
    out: list[_Hit] = []
    for h in hits:
        head = out[-1] if out else None
        if head is None or h.prefix or h.start != head.end + 1 or norm[head.end] != " ":
            out.append(h)
            continue
        if not _bare_only(head, places):
            # «سفيرة واشنطن»: Washington's ambassador, not al-Safira (no Syrian town is «of Washington»)
            if _abroad(h, places) and _syrian_settlement(head, places):
                out[-1] = h
            else:
                out.append(h)
            continue
        regions = [e for e in head.accepted if places[e.place_id].kind in _CONSTRUCT_HEAD_KINDS]
        if regions:
            head.accepted, head.pending = regions, []
        else:
            out[-1] = h
    return out


def _bare_only(h: _Hit, places: dict[str, Place]) -> bool:
    """Every reading of the hit drops the article its name has: a bare form, or a one-word variant without the
    article of a settlement whose own name has it («سفيرة» of «السفيرة»; not «روسيا» of «الاتحاد الروسي»)."""
    return not h.prefix.endswith(("ال", "لل")) and all(
        e.bare or (_article_dropped(e.key, places[e.place_id]) and places[e.place_id].kind in _SETTLEMENTS)
        for e in h.accepted + h.pending
    )


def _abroad(h: _Hit, places: dict[str, Place]) -> bool:
    return all(places[e.place_id].country != "SY" for e in h.accepted)


def _syrian_settlement(h: _Hit, places: dict[str, Place]) -> bool:
    """A one-word name that only Syrian towns and villages bear (no country, governorate or place abroad)."""
    return " " not in h.form and all(
        places[e.place_id].country == "SY" and places[e.place_id].kind in _SETTLEMENTS
        for e in h.accepted + h.pending
    )


def _article_dropped(key: str, p: Place) -> bool:
    return " " not in key and not key.startswith("ال") and _preferred(p) == "ال" + key


def _preferred(p: Place) -> str:
    return _normalized_name(p.name_ar)


_normalized_name = functools.lru_cache(maxsize=65536)(normalize)


def _split_trigger_name(h: _Hit, idx: _Index) -> None:
    """«منطقة الميادين» names the district and may mean the town: the words after the trigger
    bring their own candidates, and the trigger is kept for the resolver to weigh."""
    head, _, rest = h.form.partition(" ")
    if head not in _TRIGGERS or not rest or _TRIGGERS[head] == "ريف":
        return  # «ريف دمشق» is a governorate's own name
    h.trigger = h.trigger or _TRIGGERS[head]
    found = idx.automaton.get(rest + " ", None)
    if found:
        # «حوض اليرموك» is the basin: the head of a natural feature brings no settlement (the Yarmouk camp)
        kinds = _NATURAL_FEATURES.get(_TRIGGERS[head])
        h.accepted += [
            e
            for e in found[1]
            if not e.needs and not e.bare and (kinds is None or idx.places[e.place_id].kind in kinds)
        ]


def _inherit_triggers(hits: list[_Hit], nt: NormText, idx: _Index, govs: dict, sent_of) -> None:
    """«في ريفي دير الزور والحسكة», «محافظتي حلب والرقة»: later names in a list share the first one's trigger."""
    for a, b in zip(hits, hits[1:], strict=False):
        if (
            a.trigger
            and not b.trigger
            and a.trigger not in _DIRECTIONS.values()
            and _adjacent(a, b, nt, True)
        ):
            b.trigger = a.trigger
            b.accepted, b.pending = [], []
            norm_after = nt.norm[b.end : b.end + 16]
            _vet(b, idx.places, govs.get(sent_of(b.start), set()), norm_after, idx.prominent, idx.countries)


# Settlement heads whose reading a list carries on across «و» (geo/rules/place_list_heads.jsonl); a plural head
# («أحياء») is no trigger of its first name (a camp or a town is a quarter only by the list) but heads the list
_LIST_HEADS = frozenset(r["head"] for r in _read_rows("place_list_heads.jsonl"))
_PLURAL_HEADS = {
    normalize(r["word"]): r["head"] for r in _read_rows("place_list_heads.jsonl") if r.get("plural")
}


def _list_head(hits: list[_Hit], k: int, nt: NormText) -> str:
    """The settlement head the list ending with hits[k] is read under: its own trigger, or the plural head word
    before the first of the names joined to it by «و», or ""."""
    while True:
        a = hits[k]
        if a.trigger:
            return a.trigger
        if not a.prefix.startswith("و"):
            return next((_PLURAL_HEADS[f] for f in _peel(a.prev) if f in _PLURAL_HEADS), "")
        if k == 0 or not _adjacent(hits[k - 1], a, nt, True):
            return ""
        k -= 1


def _continue_lists(
    hits: list[_Hit], rejected: list[_Hit], nt: NormText, idx: _Index, govs: dict, sent_of
) -> list[_Hit]:
    """«في حيي الحجر الأسود والقدم»: a name joined by «و» to one read under a settlement head
    is read under that head too, though alone it is no place (a quarter's bare name, an everyday word)."""
    starts = [h.start for h in hits]
    for r in sorted(rejected, key=lambda h: h.start):
        k = bisect.bisect_left(starts, r.start)
        if k == 0 or (k < len(hits) and hits[k].start < r.end) or hits[k - 1].end > r.start:
            continue
        a = hits[k - 1]
        if not _adjacent(a, r, nt, True) or (head := _list_head(hits, k - 1, nt)) not in _LIST_HEADS:
            continue
        r.trigger = head
        norm_after = nt.norm[r.end : r.end + 16]
        _vet(r, idx.places, govs.get(sent_of(r.start), set()), norm_after, idx.prominent, idx.countries)
        if r.accepted or r.pending:
            hits.insert(k, r)
            starts.insert(k, r.start)
    return hits


def _settle_lists(hits: list[_Hit], nt: NormText) -> None:
    """Pending candidates become accepted when the hit stands in a list beside an accepted place
    (an everyday word only when joined by «و» or a dash, not by a comma that may end a clause)."""
    changed = True
    while changed:
        changed = False
        for i, h in enumerate(hits):
            if h.accepted or not h.pending:
                continue
            near = [hits[j] for j in (i - 1, i + 1) if 0 <= j < len(hits) and hits[j].accepted]
            pairs = [sorted((h, o), key=lambda x: x.start) for o in near]
            if any(_adjacent(a, b, nt, strict=h.common or h.attributive) for a, b in pairs):
                h.accepted, h.pending = h.pending, []
                changed = True


# «المدن والبلدات التي تمت استعادتها هي: حزرما، النشابية، …، مديرة، حمورية، سقبا»: a run of names parted by commas
# (or «و») in which ENUMERATION_MIN places are already vouched for is a list of places. Its other names are read as
# places though alone they are everyday words or hamlets that need context; an item of the run that matches no
# gazetteer spelling is read as a Syrian settlement within ENUMERATION_KM of the run's places whose name it misspells
# (MISSPELLING_EDITS, «الشيفونية» for WOF's «الشفونية»). An item is at most ENUMERATION_ITEM_WORDS
# words of letters («حوش الأشعري»); anything else between two names (a verb, a number, a full stop) ends the run.
ENUMERATION_MIN = 3
# a list of villages taken or shelled together lies within a district's reach of its names
ENUMERATION_KM = 10.0
ENUMERATION_ITEM_WORDS = 3
_ENUMERATION_ITEM = re.compile(rf"^\s*(و?)([^\W\d_]+(?: [^\W\d_]+){{0,{ENUMERATION_ITEM_WORDS - 1}}})\s*$")


def _enumeration_gap(a: _Hit, b: _Hit, norm: str) -> list[tuple[int, int, int]] | None:
    """The unnamed items (normalised start, name start, end) between two hits of one enumeration, or None when a
    and b are no neighbours in one."""
    between = norm[a.end : b.start]
    parts = re.split("[،,]", between)
    if len(parts) == 1:
        if (not between.strip() and b.prefix.startswith("و")) or between.strip() == "و":
            return []
        return _joined_words(between, a.end) if b.prefix.startswith("و") else None
    if parts[0].strip() or parts[-1].strip() not in ("", "و"):
        return None
    items, pos = [], a.end + len(parts[0]) + 1
    for part in parts[1:-1]:
        m = _ENUMERATION_ITEM.match(part)
        if m is None:
            return None
        items.append((pos + m.start(2), pos + m.start(2), pos + m.end(2)))
        pos += len(part) + 1
    return items


# «حزة والأشعري والأفتريس وأوتايا»: between two names of a list joined by «و», at most this many one-word items each
# with its own «و» are items of the list too (names the gazetteer lacks or spells otherwise); a longer run of such
# words is more likely a clause.
AND_ITEMS_MAX = 4
_AND_ITEM = re.compile(r"و([^\W\d_]{3,})")


def _joined_words(between: str, offset: int) -> list[tuple[int, int, int]] | None:
    """The «و»-joined one-word items between two names of an enumeration (normalised start with the «و», name
    start, end), or None (_and_items reads the many-word items of a list of quarters)."""
    words = list(re.finditer(r"\S+", between))
    if not 0 < len(words) <= AND_ITEMS_MAX or not all(_AND_ITEM.fullmatch(w.group()) for w in words):
        return None
    return [(offset + w.start(), offset + w.start() + 1, offset + w.end()) for w in words]


def _enumerations(hits: list[_Hit], norm: str, idx: _Index) -> list[_Hit]:
    """Read the pending names and the misspelt items of each enumeration of places (see ENUMERATION_MIN)."""
    if norm.count("،") + norm.count(",") < ENUMERATION_MIN:
        return hits
    if sum(1 for h in hits if h.accepted and _syrian_place(h, idx.places)) < ENUMERATION_MIN:
        return hits  # no run can hold ENUMERATION_MIN vouched places: the common case, decided in one pass
    runs, run, gaps = [], [], []
    for b in hits:
        gap = _enumeration_gap(run[-1], b, norm) if run else None
        if gap is not None:
            run.append(b)
            gaps += gap
        elif run and _item_tail(b, norm):
            continue  # «حوش الباروده»: a name inside an item of the run is no item; the item is read whole
        else:
            runs.append((run, gaps))
            run, gaps = [b], []
    runs.append((run, gaps))
    added = []
    for run, gaps in runs:
        vouched = [h for h in run if h.accepted and not h.attributive and _syrian_place(h, idx.places)]
        if len(vouched) < ENUMERATION_MIN:
            continue
        for k, h in enumerate(run):
            if not h.accepted and h.pending and not h.attributive and _ends_item(h, run[k + 1 : k + 2], norm):
                h.accepted, h.pending = h.pending, []
        added += _misspelt_items(gaps, norm, vouched, idx)
    if not added:
        return hits
    taken = _mask(((h.start, h.end) for h in added), len(norm))
    kept = [h for h in hits if taken.find(1, h.start, h.end) < 0]
    return sorted(kept + added, key=lambda h: h.start)


def _syrian_place(h: _Hit, places: dict[str, Place]) -> bool:
    return any(
        places[e.place_id].country == "SY" and places[e.place_id].kind in _SETTLEMENTS for e in h.accepted
    )


def _ends_item(h: _Hit, following: list[_Hit], norm: str) -> bool:
    """The hit is a whole item: a separator, the run's next name («وحزة») or the end of the sentence follows it,
    not more words («، لقطة معبرة»: a snapshot)."""
    if following and not norm[h.end : following[0].start].strip():
        return True
    return norm[h.end : h.end + 1] in ("", "،", ",", ".", ":", "؛") or norm[h.end : h.end + 2] in (" .", " ،")


def _item_tail(h: _Hit, norm: str) -> bool:
    """The hit ends an item of an enumeration that other words begin («، حوش الباروده،»)."""
    if norm[h.end : h.end + 1] not in ("،", ","):
        return False
    reach = max(0, h.start - _ITEM_CHARS)
    lo = max(norm.rfind(c, reach, h.start) for c in "،,:.")
    head = norm[lo + 1 : h.start] if lo >= 0 else ""
    return bool(head.strip()) and _ENUMERATION_ITEM.match(head + "x") is not None


_ITEM_CHARS = 40  # the words of an item before the name that ends it: ENUMERATION_ITEM_WORDS short words


def _misspelt_items(gaps: list[tuple[int, int, int]], norm: str, vouched: list[_Hit], idx: _Index) -> list[_Hit]:
    # the run's names that can only be one Syrian settlement (a «الصالحية» of many governorates anchors nothing)
    anchors = [p for h in vouched if (p := _one_spot(h, idx.places)) is not None]
    if not gaps or not anchors:
        return []
    near = _settlements_near(anchors, ENUMERATION_KM, idx)
    out = []
    for start, name_start, end in gaps:
        word = norm[name_start:end]
        if len(word) < FUZZY_MIN_LETTERS or zipf(word) >= COMMON_ZIPF:
            continue
        name = _closest_name(word, near)
        if name:
            entries = tuple(near[name])
            prefix = norm[start:name_start]
            out.append(_Hit(start, end, name_start, name, prefix, entries, accepted=list(entries)))
    return out


ONE_SPOT_KM = 10.0  # a city, its district and its sub-district are one spot («عفرين»)


def _one_spot(h: _Hit, places: dict[str, Place]) -> Place | None:
    """The Syrian settlement an accepted hit can only mean: its candidates all lie within ONE_SPOT_KM of its most
    populous settlement (a «الصالحية» of many governorates is no spot), or None."""
    cands = [places[e.place_id] for e in h.accepted]
    towns = [p for p in cands if p.country == "SY" and p.kind in _SETTLEMENTS]
    if not towns or any(p.country != "SY" for p in cands):
        return None
    best = max(towns, key=lambda p: p.population)
    return best if all(_km(best, p) <= ONE_SPOT_KM for p in cands) else None


_KM_PER_DEGREE = 111.2


@functools.lru_cache(maxsize=65536)  # about five times the Syrian settlements
def _names_of(p: Place) -> frozenset[str]:
    return frozenset(_normalized_name(n) for n in (p.name_ar, *p.names_ar) if n)


def _settlements_near(anchors: list[Place], km: float, idx: _Index) -> dict[str, list[_Entry]]:
    """The normalised names of the Syrian settlements within `km` of any anchor, each with its entries."""
    lats, towns = idx.settlements_by_latitude
    near: dict[str, list[_Entry]] = {}
    seen: set[str] = set()
    for a in anchors:
        lo = bisect.bisect_left(lats, a.lat - km / _KM_PER_DEGREE)
        hi = bisect.bisect_right(lats, a.lat + km / _KM_PER_DEGREE)
        for p in towns[lo:hi]:
            if p.place_id in seen or _km(p, a) > km:
                continue
            seen.add(p.place_id)
            for name in _names_of(p):
                near.setdefault(name, []).append(_Entry(p.place_id, name))
    return near


# A misspelt name read near its places is one edit off the place's name (a letter added, dropped or changed: «الشيفونية»
# for «الشفونية», «حوش البارودة» for «حوش البارودي»), on the words after a shared head (_name_core); two edits make
# another name as often as a misspelling («المأذنية» and «الزمانية»).
MISSPELLING_EDITS = 1
MIN_CORE_LETTERS = 4  # a three-letter core is one edit off too many names
PRESCREEN_RATIO = 60  # «الشيفونية» / «شفونية» (one edit on the cores, bare) score 80 as whole names


def _closest_name(word: str, near: dict[str, list[_Entry]]) -> str:
    """The name of `near` the word misspells (MISSPELLING_EDITS), when one place alone is that close; else ""."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    by_place: dict[frozenset[str], tuple[int, str]] = {}
    # names one edit off on their cores are alike as wholes too: a C-level ratio screen spares the per-name loop
    alike = process.extract(word, list(near), scorer=fuzz.ratio, score_cutoff=PRESCREEN_RATIO, limit=None)
    for name, _, _ in alike:
        edits = _edits(word, name, Levenshtein.distance)
        ids = frozenset(e.place_id for e in near[name])
        by_place[ids] = min(by_place.get(ids, (MISSPELLING_EDITS + 1, "")), (edits, name))
    best = sorted(by_place.values())[:2]
    if not best or best[0][0] > MISSPELLING_EDITS or (len(best) > 1 and best[1][0] == best[0][0]):
        return ""
    return best[0][1]


def _edits(word: str, name: str, distance) -> int:
    """Letters to add, drop or change between the two names' cores, with or without the article; past
    MISSPELLING_EDITS when a core is shorter than MIN_CORE_LETTERS."""
    out = MISSPELLING_EDITS + 1
    for bare in (0, 1):
        a, b = _name_core(word, name, bare), _name_core(name, word, bare)
        if min(len(a), len(b)) >= MIN_CORE_LETTERS and abs(len(a) - len(b)) <= MISSPELLING_EDITS:
            out = min(out, distance(a, b, score_cutoff=MISSPELLING_EDITS + 1))
    return out


# «حوش الظواهرة» / WOF «حوش الضواهرة»: ظ and ض fall together in speech and the two spellings of a village both occur
_SPOKEN_FOLD = str.maketrans("ظ", "ض")


def _name_core(name: str, other: str, bare: int) -> str:
    """What a misspelling is weighed on: the words after a first word the other name shares («حوش القبيات» and
    «حوش قبيبات» → «القبيات», «قبيبات»), with ظ read as ض, and when `bare` each word without its article
    («قبيات»); the shared head alone would make any two «حوش …» names close."""
    words, others = name.split(), other.split()
    if len(words) > 1 and len(others) > 1 and words[0] == others[0]:
        words = words[1:]
    if bare:
        words = [w.removeprefix("ال") for w in words]
    return " ".join(words).translate(_SPOKEN_FOLD)


def _one_sense(hits: list[_Hit], places: dict[str, Place]) -> None:
    """A rare name vouched for once in the article counts wherever else it stands («بلدة السخنة» … «معارك السخنة»)."""
    vouched = {e.key for h in hits for e in h.accepted}
    cities = {e.key for h in hits for e in h.accepted if places[e.place_id].kind == "city"}
    for h in hits:
        if h.pending and not h.accepted and not h.attributive:
            # a city once vouched for keeps its sense even when its name is also a word («دوما»)
            ok = cities if h.common else vouched
            h.accepted = [e for e in h.pending if e.key in ok]


_REGION_KINDS = ("region",)


def _country_named_after(hits: list[_Hit], idx: _Index) -> list[_Hit]:
    """«إقليم كردستان العراق»: a region's name written with the country it lies in is two names side by side, the
    region and the country (as «الغوطة الشرقية» + «لدمشق»); the country is a mention of its own."""
    out = []
    for h in hits:
        out.append(h)
        head, _, tail = h.form.rpartition(" ")
        code = idx.country_names.get(tail) if head else None
        if code is None or len({e.place_id for e in h.accepted}) != 1:
            continue
        p = idx.places[h.accepted[0].place_id]
        if p.kind not in _REGION_KINDS or p.country != code:
            continue
        split = h.end - len(tail)
        country = _Entry(idx.countries[code], tail)
        out[-1] = replace(h, end=split - 1, form=head)
        out.append(_Hit(split, h.end, split, tail, "", (country,), accepted=[country]))
    return out


def _one_crossing(hits: list[_Hit], places: dict[str, Place]) -> None:
    """«فتح معبر نصيب الحدودي … يفتح معبر نصيب بسرعة»: a border crossing the article once vouches for (a border
    word beside it) is that crossing wherever else «معبر» names it, though its name is an everyday word there."""
    vouched = {e.place_id for h in hits for e in h.accepted if places[e.place_id].kind == "border_crossing"}
    if not vouched:
        return
    for h in hits:
        if not h.accepted and (h.trigger == "معبر" or h.form.startswith("معبر ")):
            h.accepted = [e for e in h.entries if e.place_id in vouched]


# «حي صلاح الدين في حلب», «حيي الحمدانية وصلاح الدين في مدينة حلب», «حي الرشيد بمدينة الرقة»: the words after a
# quarter head, up to the city the clause puts them in, name quarters of that city. Between the names and the city
# stand only the words of geo/rules/place_quarter_links.jsonl (with their clitics) or a «ب» glued to the city. A
# quarter's gazetteer namesakes farther than QUARTER_KM from the city are other places («الحمدانية» of Hama); a name
# with none near is the quarter itself, placed at the city's point (geo.gazetteer.quarter_id, geo_precision 2).
_QUARTER_LINKS = frozenset(normalize(r["word"]) for r in _read_rows("place_quarter_links.jsonl"))
# «حي», «وحي», «بحي», «لحي», «فبحي»; not «الحي الحكومي»: after the article, an adjective
_QUARTER_CLITICS = frozenset(a + b for a in ("", "و", "ف") for b in ("", "ب", "ل"))
QUARTER_KM = 10.0  # about the radius of Aleppo, Syria's largest city
QUARTER_WORDS = 3  # «هشام بن عبد الملك»: at most this many words name one quarter
_QUARTER_REACH = 60  # characters from the head to the city: two names of QUARTER_WORDS and the links


def _city_quarters(hits: list[_Hit], nt: NormText | Doc, idx: _Index) -> list[_Hit]:
    norm = nt.norm
    added, parts = [], set()
    for head, head_end in _quarter_heads(norm):
        city, target, names = _quarters_city(hits, norm, head_end, idx)
        for start, end in names:
            own = next((h for h in hits if h.end == end and head <= h.start <= start), None)  # «حي الصناعة»
            named = _quarter_name_start(norm, start, head_end)
            o0, o1 = nt.orig_span(named, end)
            e = _Entry(quarter_id(target.place_id, nt.text[o0:o1]), norm[named:end])
            if own is not None:
                _keep_near(own, target, idx, e)
                continue
            # «حي باب توما»: a name that is one word of the quarter's («باب», al-Bab) is no place of its own
            inner = [id(h) for h in hits if start <= h.start and h.end < end and h is not city]
            if not any(h.start < end and start < h.end and id(h) not in inner for h in hits):
                parts.update(inner)
                added.append(_Hit(start, end, start, e.key, "", (e,), trigger="حي", accepted=[e]))
    if not added:
        return hits
    return sorted([h for h in hits if id(h) not in parts] + added, key=lambda h: h.start)


# «يشمل مناطق درعا البلد وطريق السد والمخيم وسجنة"، وهي أحياء في مدينة درعا»: a list closed by «وهي أحياء في مدينة X»
# (or «في المدينة», the city the clause before names) names quarters of that city; its first item is a place
# already read, each item after it opens with «و» and has at most QUARTER_WORDS words.
_QUARTERS_AFTER = re.compile(r"(?<!\w)(?:وهي|وهما|وكلها|وجميعها) احياء (?:في|ب) ?(?:مدينه +(\w+)|المدينه)(?!\w)")
_LIST_CLOSE = ' "»”،'  # what may stand between the list's last item and «وهي أحياء»
_LIST_REACH = 120  # characters back from «وهي أحياء» to the list's first item: about six short names


def _quarters_named_before(hits: list[_Hit], nt: NormText | Doc, idx: _Index) -> list[_Hit]:
    norm = nt.norm
    added = []
    for m in _QUARTERS_AFTER.finditer(norm):
        before = [h for h in hits if m.start() - _LIST_REACH <= h.start and h.end <= m.start()]
        named = [h for h in hits if m.group(1) and h.start == m.start(1)] or before
        target = next((c for h in reversed(named) if (c := _city_of(h, idx)) is not None), None)
        listed = (h for h in before if h.accepted and not _NON_WORD.search(norm[h.end : m.start()].rstrip(_LIST_CLOSE)))
        first = next(listed, None)
        if target is None or first is None:
            continue
        for start, end in _and_items(norm, first.end, m.start()):
            if any(h.start < end and start < h.end for h in hits):
                continue
            name = start + 1
            o0, o1 = nt.orig_span(name, end)
            e = _Entry(quarter_id(target.place_id, nt.text[o0:o1]), norm[name:end])
            added.append(_Hit(start, end, name, e.key, "و", (e,), trigger="حي", accepted=[e]))
    return sorted(hits + added, key=lambda h: h.start) if added else hits


def _and_items(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """The «و»-joined items between the list's first item and its end, or [] when the words are no such list."""
    words = [(w.start() + start, w.end() + start, w.group()) for w in re.finditer(r"\w+", norm[start:end])]
    items: list[list[tuple[int, int, str]]] = []
    for w in words:
        if w[2].startswith("و") and len(w[2]) > 2:
            items.append([w])
        elif items:
            items[-1].append(w)
        elif not w[2].startswith("ال"):
            return []  # «درعا البلد»: the first item's own words may follow its read part, nothing else
    if len(items) < 2 or any(len(n) > QUARTER_WORDS for n in items):
        return []
    return [(n[0][0], n[-1][1]) for n in items]


def _quarters_city(hits: list[_Hit], norm: str, head_end: int, idx: _Index):
    """The Syrian city a quarter head's clause ends at, and the quarter names before it: the first hit within
    _QUARTER_REACH that reads as a Syrian city with link words before it («حيي الميدان والسليمانية في مدينة حلب»:
    not «السليمانية» of Iraq, the first hit after the head)."""
    for h in hits:
        if head_end < h.start <= head_end + _QUARTER_REACH:
            target = _city_of(h, idx)
            names = _quarter_names(norm, head_end, h) if target is not None else []
            if names:
                return h, target, names
    return _quarters_of_city_before(hits, norm, head_end, idx)


# «توغلها داخل مدينة عفرين … والسيطرة على حيي الأشرفية والجميلية.»: a quarter head whose names end its clause (at
# punctuation) with no city after them names quarters of the city the sentence named last before the head, within
# _QUARTER_BEFORE_REACH characters and with no full stop between.
_QUARTER_BEFORE_REACH = 150
_CLAUSE_END = re.compile(r"[.،,؛:\"»”()!؟]")


def _quarters_of_city_before(hits: list[_Hit], norm: str, head_end: int, idx: _Index):
    head_start = norm.rfind(" ", 0, head_end - 1) + 1
    before = [h for h in hits if head_start - _QUARTER_BEFORE_REACH <= h.start and h.end <= head_start]
    city = next((h for h in reversed(before) if _city_of(h, idx) is not None), None)
    stop = _CLAUSE_END.search(norm, head_end, head_end + _QUARTER_REACH)
    if city is None or stop is None or any(c in ".؟!" for c in norm[city.end : head_start]):
        return None, None, []
    words = [(w.start() + head_end, w.end() + head_end, w.group()) for w in re.finditer(r"\w+", norm[head_end : stop.start()])]
    # a place read inside a longer "name" («والتضامن المحاذيين»: Tadamon, then an adjective) keeps its reading; with
    # no city after them to bound the names, only definite ones are read («حي الرومانية وسيطرتها عليها»: a deed)
    names = [
        n
        for n in _split_quarter_names(words)
        if norm[n[0] :].removeprefix("و").startswith("ال")
        and not any(h.start < n[1] and n[0] < h.end != n[1] for h in hits)
    ]
    if any(h.start < stop.start() and head_end < h.end and _city_of(h, idx) is not None for h in hits):
        return None, None, []  # a city after the head, with no link word: no quarter of the one before
    return (city, _city_of(city, idx), names) if names else (None, None, [])


def _quarter_name_start(norm: str, start: int, head_end: int) -> int:
    """Where a quarter's name begins after its clitics: «وصلاح الدين», «وبالقصاع» (and at the quarter al-Qassaa)."""
    named = start + 1 if start > head_end and norm[start] == "و" else start
    return named + 1 if norm.startswith(("بال", "فال", "كال"), named) else named


def _quarter_heads(norm: str):
    """(start, end) of each «حي »/«حيي » standing alone or behind its clitics («وبحي»): searched from the word, as a
    regex starting with optional clitics is tried at every character of the text."""
    pos = norm.find("حي", 0)
    while pos >= 0:
        end = pos + 3 if norm.startswith("حي ", pos) else pos + 4 if norm.startswith("حيي ", pos) else -1
        if end > 0:
            for k in range(pos, max(-1, pos - 3), -1):
                if norm[k:pos] in _QUARTER_CLITICS and (k == 0 or not norm[k - 1].isalnum()):
                    yield k, end
                    break
        pos = norm.find("حي", pos + 2)


def _city_of(h: _Hit, idx: _Index) -> Place | None:
    """The Syrian city among the hit's readings, the most populous one; a governorate read alone stands for the
    city of its name («حي الميدان بدمشق»: the hit keeps Damascus governorate only)."""
    cities = [idx.places[e.place_id] for e in h.accepted if e.place_id in idx.places]
    if cities and all(p.kind == "governorate" for p in cities) and h.form in idx.syrian_cities:
        return idx.syrian_cities[h.form]
    cities = [p for p in cities if p.country == "SY" and _has_quarters(p)]
    return max(cities, key=lambda p: p.population) if cities else None


# A town this populous has quarters the press names by their own names («حي الأشرفية» of Afrin, 48,693 people, which
# GeoNames and WOF list as a town): about the size of Syria's smallest governorate seats.
QUARTER_TOWN_POPULATION = 20_000


def _has_quarters(p: Place) -> bool:
    return p.kind == "city" or (p.kind == "town" and p.population >= QUARTER_TOWN_POPULATION)


_QUOTES = re.compile(r"[\"«»“”]")


def _quarter_names(norm: str, start: int, city: _Hit) -> list[tuple[int, int]]:
    """Spans of the quarter names between the head's end and the city (links stripped), or [] when something else
    stands there (punctuation, a number, a trigger, too many words)."""
    region = norm[start : city.start]
    if _NON_WORD.search(_QUOTES.sub(" ", region)):  # «حي "محمودية" في عفرين»: a quoted name is a name
        return []
    words = [(w.start() + start, w.end() + start, w.group()) for w in re.finditer(r"\w+", region)]
    while words and any(f in _QUARTER_LINKS for f in _peel(words[-1][2])):
        words.pop()
    if len(words) == len(region.split()) and not city.prefix.startswith(("ب", "وب")):
        return []  # no link word: «حي X حلب» is no «X in Aleppo»
    return _split_quarter_names(words)


def _split_quarter_names(words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The quarter names of the words after a head, parted by «و», or [] when they read as no such names."""
    names: list[list[tuple[int, int, str]]] = [[]]
    for w in words:
        if names[-1] and w[2].startswith("و") and len(w[2]) > 3:
            names.append([])  # «حيي الحمدانية وصلاح الدين»: «و» opens the second name
        names[-1].append(w)
    if not words or any(len(n) > QUARTER_WORDS for n in names):
        return []
    if any(w[2].isdigit() or _classify(w[2])[0] or w[2] in _LOCATIVE for n in names for w in n):
        return []
    if any(_described(n[-1][2], len(n)) for n in names):
        return []
    return [(n[0][0], n[-1][1]) for n in names]


def _described(last: str, words: int) -> bool:
    """«حي سكني» (a residential quarter), «حي الإدارات الحكومية»: a nisba adjective describes the quarter; the
    indefinite one alone, the definite one after a noun."""
    if last.startswith("ال"):
        return words > 1 and last.endswith(("يه", "ي"))
    return words == 1 and last.endswith("ي")


def _keep_near(h: _Hit, city: Place, idx: _Index, quarter: _Entry) -> None:
    """A quarter's readings within QUARTER_KM of its city; the quarter itself when none is."""
    near = [
        e for e in h.accepted if e.place_id in idx.places and _km(idx.places[e.place_id], city) <= QUARTER_KM
    ]
    h.accepted, h.trigger = near or [quarter], "حي"


def _km(p: Place, q: Place) -> float:
    k = math.cos(math.radians(p.lat))
    return 111.2 * math.hypot(p.lat - q.lat, (p.lon - q.lon) * k)


def _context_admin1(hits: list[_Hit], sent_of) -> None:
    """Each hit takes the governorate named as «ريف X»/«محافظة X» nearest to it in its sentence."""
    govs = [(sent_of(h.start), h.start, h.admin1) for h in hits if h.admin1]
    for h in hits:
        if h.admin1:
            continue
        s = sent_of(h.start)
        near = [(abs(pos - h.start), code) for si, pos, code in govs if si == s]
        if near:
            h.admin1 = min(near)[1]


def _same_sentence(norm_pos: int) -> int:
    return 0


def _sentence_finder(sents, nt: NormText | Doc):
    """Normalised offset → sentence number (by the original offset of the character); `sents` are
    (start, end) pairs or a Doc's sentence Spans."""
    starts = [s[0] for s in sents]

    def find(norm_pos: int) -> int:
        return bisect.bisect_right(starts, nt.orig(norm_pos)) - 1

    return find
