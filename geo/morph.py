"""Arabic morphology for the matchers: clitics off a word, and every inflected form of a lemma.

One module does it for every stage (events, actors, the document's tokens). All words are in the
normalised spelling of geo/text.normalize (ا for أ/إ/آ, ه for ة, ي for ى, no tashkeel).

Reading a word (`splits`, `analyse`):
- proclitics: a conjunction و/ف, then a preposition ب/ل/ك, then the article ال; «لل» is ل + ال;
- pronoun suffixes: ـه ـها ـهم ـهما ـهن ـنا ـكم (only in `analyse`; matchers list suffixed forms);
- the future: س + a present-tense prefix («ستنسحب»), or «سوف» before the verb.

Generating forms (`verb_forms`, `noun_forms`): a lemma row gives the past stem (3rd person masculine
singular, «سيطر»), optionally the present stem («يسيطر») and the masdar («سيطرة»); every person,
number and gender of both tenses, the future, the passive past where the row asks for it, the masdar with
the article, the accusative «ـاً», the dual and pronoun suffixes are generated here. Broken plurals and
other irregular forms are written in the row (`also`). The choice against PyPI's alyahmor and qalsadi is
measured in docs/ARCHITECTURE.md (§ Morphology).
"""

from __future__ import annotations

from functools import lru_cache

# Proclitic sequences read off a word before looking it up, in the order they are tried.
PROCLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ك", "وك")
CONJUNCTIONS = ("و", "ف")
# Pronoun suffixes, longest first so that «ـهما» is not read as «ـها».
PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
# A stem keeps at least this many letters when a clitic or a suffix is peeled («وصل» is a verb, not و+صل).
MIN_STEM = 3
_PRESENT_PREFIXES = ("ي", "ت", "ن")
FUTURE_PARTICLE = "سوف"


# The proclitics by their first letter, in PROCLITICS order: a word is tested only against those it can
# start with (most words start with none, and then are their only reading).
_BY_FIRST = {c[0]: tuple(p for p in PROCLITICS if p[:1] == c[0]) for c in PROCLITICS if c}


@lru_cache(maxsize=65536)
def splits(word: str) -> tuple[tuple[str, str], ...]:
    """Every (proclitic, rest) reading of a word, the bare word first; «للسيطرة» also reads ل + السيطرة."""
    first = _BY_FIRST.get(word[:1])
    if first is None:
        return (("", word),)
    out = [("", word), *((c, word[len(c) :]) for c in first if word.startswith(c))]
    if word.startswith("لل"):
        out.append(("ل", "ال" + word[2:]))
    return tuple(out)


def clitic_forms(cue) -> frozenset[str]:
    """Every word that is, or reads without a proclitic as, a word of `cue`: `splits` read backwards (each
    proclitic before each word, «لل» for «ال»), so that `not bare([w]).isdisjoint(cue)` is `w in
    clitic_forms(cue)`, one set lookup instead of one per reading."""
    out = {c + w for c in PROCLITICS for w in cue}
    out.update("لل" + w[2:] for w in cue if w.startswith("ال"))
    return frozenset(out)


def bare(words) -> set[str]:
    """The words and all their readings without a proclitic («بإنهاء» → «إنهاء»)."""
    return set().union(*map(_REST_OF.__getitem__, words))  # one memo lookup a word, at C speed


@lru_cache(maxsize=65536)
def _rests(word: str) -> frozenset[str]:
    """The word and its readings without a proclitic, once per distinct word."""
    return frozenset(rest for _, rest in splits(word))


def strip_conjunction(word: str) -> str:
    """«وقصفت» → «قصفت»: a leading و/ف off a word long enough to carry one."""
    return word[1:] if word[:1] in CONJUNCTIONS and len(word) > MIN_STEM else word


@lru_cache(maxsize=65536)
def analyse(word: str) -> tuple[str, str, str]:
    """(proclitics, stem, suffix): the longest proclitics and pronoun suffix that leave a stem of
    MIN_STEM letters («وبالسيطرة» → و+ب+ال, سيطرة). A guess for display and grouping; matchers look
    words up by `splits`, which keeps every reading."""
    pre, stem = "", word
    if word.startswith(("لل", "ولل", "فلل")) and len(word) - word.index("لل") - 2 >= MIN_STEM:
        k = word.index("لل") + 2
        return _with_suffix(word[:k], word[k:])  # ل + ال contracted
    for c, rest in splits(word):
        if len(rest) >= MIN_STEM and len(c) > len(pre):
            pre, stem = c, rest
    if stem.startswith("ال") and len(stem) - 2 >= MIN_STEM:
        pre, stem = pre + "ال", stem[2:]
    return _with_suffix(pre, stem)


def _with_suffix(pre: str, stem: str) -> tuple[str, str, str]:
    suffix = next((x for x in PRONOUN_SUFFIXES if stem.endswith(x) and len(stem) - len(x) >= MIN_STEM), "")
    if suffix == "ه" and not stem.endswith("ته"):
        suffix = ""  # the normaliser writes ta marbuta as ه: «سيطرة» is no «سيطر» + ه; «سيطرته» is
    return pre, stem[: len(stem) - len(suffix)], suffix


def is_future(word: str, stems=None) -> bool:
    """«ستنسحب», «وسيجري»: the future س, a person prefix and (when `stems` is given) one of those present
    stems at the start of the rest («سيارة» is a car, not a future)."""
    w = word[1:] if word[:1] in CONJUNCTIONS else word
    if len(w) < 3 or w[0] != "س" or w[1] not in _PRESENT_PREFIXES:
        return False
    return stems is None or w[2:].startswith(tuple(stems))


# ---------------------------------------------------------------- generation

# Past-tense person endings on the 3rd-person-masculine-singular stem: he, she, they (m), they two (m, f),
# they (f). Reports tell of third parties; «حررنا» (we freed) is a speaker's own claim, left out.
_PAST_ENDINGS = ("", "ت", "وا", "ا", "تا", "ن")
# Present tense: prefix + stem + ending (he/she/we; they (m) -ون, they two -ان).
_PRESENT_ENDINGS = ("", "ون", "ان", "وا")
# Endings of a masdar or noun: bare and accusative; the dual (mostly «بعد اتفاقين»: deals retold) on request.
_NOUN_ENDINGS = ("", "ا")
_DUAL_ENDINGS = ("ان", "ين")


def _with_suffixes(form: str, objects: bool = True) -> list[str]:
    """A form and, when `objects`, that form with each pronoun suffix («سيطروا» → «سيطروها»)."""
    if not objects:
        return [form]
    base = form[:-1] + "ت" if form.endswith("ه") else form[:-1] if form.endswith("وا") else form
    return [form, *(base + s for s in PRONOUN_SUFFIXES)]


def verb_forms(past: str, present: str = "", passive: str = "", transitive: bool = False) -> frozenset[str]:
    """Every person/number/gender of a verb in the past, the present and the future; object suffixes on a
    transitive verb («استعادها»).

    `present` is the 3rd-person-masculine present («يسيطر»); `passive` a passive past («أرجئ»)."""
    out: set[str] = set()
    for end in _PAST_ENDINGS:
        out.update(_with_suffixes(past + end, transitive))
    if present:
        stem = present[1:] if present[:1] in _PRESENT_PREFIXES else present
        for pre in _PRESENT_PREFIXES:
            for end in _PRESENT_ENDINGS:
                form = pre + stem + end
                out.update(_with_suffixes(form, transitive))
                out.add("س" + form)
    if passive:
        out.update((passive, passive + "ت"))
    return frozenset(out)


def noun_forms(noun: str, article: bool = True, suffixes: bool = False, dual: bool = False) -> frozenset[str]:
    """A masdar or noun: with and without «ال», accusative; with `dual` the dual, with `suffixes` the
    possessive suffixes («سيطرتها»)."""
    out: set[str] = set()
    feminine = noun.endswith("ه")  # ta marbuta: «سيطرة» → «سيطرتها», «سيطرتين», no accusative alif
    base = noun[:-1] + "ت" if feminine else noun
    for end in _NOUN_ENDINGS + (_DUAL_ENDINGS if dual else ()):
        if feminine and end == "ا":
            continue
        form = base + end if end else noun
        out.add(form)
        if article and end != "ا":  # no tanween on a definite noun
            out.add("ال" + form)
    if suffixes:
        out.update(base + s for s in PRONOUN_SUFFIXES)
    return frozenset(out)


class PerWord(dict):
    """A memo of one function of a word, read by subscription or `map(memo.__getitem__, words)` (at C speed,
    twice as fast as lru_cache); past `PER_WORD_MAX` words it starts afresh. The event stage and the learned
    filter keep theirs."""

    __slots__ = ("_fn",)

    def __init__(self, fn) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, w: str):
        if len(self) > PER_WORD_MAX:
            self.clear()
        value = self[w] = self._fn(w)
        return value


PER_WORD_MAX = 200_000  # distinct words kept per memo (a few MB)

_REST_OF = PerWord(lambda w: frozenset(rest for _, rest in splits(w)))  # `_rests`, for `bare`
