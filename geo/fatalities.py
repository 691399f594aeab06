"""Numbers killed in a sentence («مقتل 18», «لقي 13 … مصرعهم», number words, ranges) and which violent
event of the sentence each belongs to: ACLED's `fatalities` column.

Rules and word lists are data: geo/rules/event_fatalities.jsonl (each row with an example that
tests/test_rules.py checks). Cut from geo/events.py, which calls `_with_fatalities` on each sentence's
events and `_toll_told_after` on a sentence with no violent event of its own (a toll told again paragraphs after its
event, or a lead toll kept for the next sentence's event: rows «retold» and «lead»).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

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


FATALITIES_PATH = eventtypes.RULES / "event_fatalities.jsonl"
_VIOLENT = eventtypes.violent()  # the types whose sentence's dead are theirs (event_types.jsonl «violent»)
# Words either side of a count that make it a toll of a war or a campaign, not of this event.
_CUMULATIVE_BEFORE, _CUMULATIVE_AFTER = 12, 10  # after: «850 مدنياً بينهم أكثر من 180 طفلاً، وفق آخر حصيلة»
# A mark of a period takes a count at most this many words away («ومنذ بدء قوات النظام تصعيدها على الغوطة
# الشرقية في 18 فبراير الذي تسبب بمقتل 1160»: 14; «حملة عسكرية ضارية في 18 فبراير الماضي، بدأت بقصف جوي
# ومدفعي كثيف للغاية، أدت إلى سقوط مئات القتلى»: 16), or any count when among the sentence's first _OPENING words.
_PERIOD_REACH, _OPENING = 16, 4
_PUNCT = "،؛,;:.!?؟\"'()«»"
# «هو الأكثر دموية يطال الأقلية الدرزية منذ بداية النزاع»: a superlative this many words before «منذ».
_SUPERLATIVE_REACH = 6
# «بعد أسبوع من هجوم», «ردا على الهجوم المفترض»: the noun of the other happening within this many words.
_OTHER_NOUN_WITHIN = 3


# «أدت لمقتل 11», «لمصرع»: a masdar of dying may carry «ل» too (not «لقتل», to kill: an aim).
_WORD_START = r"(?<!\w)"
_MASDAR_EDGE = r"(?<!\w)(?:[وفب]|[وف]?ل(?=م|است))?"
# «وقتل الخميس، أيضا وفق المرصد، 8 مدنيين»: an aside set off by commas (no digit, no clause end, this many
# characters at most) between the word of dying (or its day) and the number.
_ASIDE = r"[^،.؛:\d]{1,40}"
# «وقتلت الغارات الروسية 80 شخصا»: up to this many words of the verb's definite subject before the number.
_SUBJECT_REACH = 2
# «أودى بحسب مسعفين وأطباء بأكثر من 40 شخصاً»: up to this many words between the verb and its «ب».
_LIVES_REACH = 4

# After a count and «من», up to this many words of whose dead they are before the word of the dead
# («21 على الأقل من المقاتلين الموالين للحكومة السورية قتلوا»: 4; «ستة أشخاص من بينهم طفلة قتلوا»).
_OF_PHRASE_REACH = 5


class _Rules(NamedTuple):
    pattern: re.Pattern  # groups a/b/c/e/f/h for the number, d for listed person nouns, g for «مصرعه»
    raised: re.Pattern  # group r for the number of a raised toll, rb for the words before «إلى»
    values: dict[str, int]  # number words, person nouns and «مصرعه/مصرعهما» → value
    cumulative: frozenset[str]
    keys: tuple[str, ...]  # the words of killing (or of a raised toll) one of which every match holds


class _Count(NamedTuple):
    offset: int  # of the number in the normalised sentence
    n: int
    end: int  # of the number (and of the person nouns or numbers added to it)
    raised: bool = False  # a raised toll («ارتفعت الحصيلة إلى 25»): replaces a count told before it


@lru_cache(maxsize=1)
def _fatality_rules() -> _Rules:
    """The count pattern, its values and words, from geo/rules/event_fatalities.jsonl."""
    rows = _fatality_rows()
    values = {normalize(k): v for kind in ("number", "vague") for k, v in rows[kind]["values"].items()}
    about = r"(?:[\"“«]\s*)?(?:(?:" + _alt(rows["about"]["words"]) + r")\s+)?(?:(?:ما\s+)?بين\s+)?"
    plain = _alt(values)  # «قتلت إحدى الغارات 30 شخصاً»: after a verb a lone «إحدى» is its subject, no count
    compound = _compound(rows, values, _alt)
    num = r"(\d+|" + compound + "|" + _alt(values) + r")(?!\w)"
    verb_num = r"(\d+|" + compound + "|" + plain + r")(?!\w)"
    persons = _person_values(rows["dual"])
    person = r"(?:" + _alt(persons) + r")"
    joiner = _alt(rows["coordinated"]["words"])
    listed = r"(?P<d>" + person + r"(?:\s+(?:" + joiner + r")" + person + r")*)(?!\w)"
    small = _alt(rows["number"]["values"])
    noun_num = r"(?:" + _alt(_person_forms(rows["dual"])) + r")\s+(?P<f>" + small + r")(?!\w)"
    edge = r"(?<!\w)[وفب]?"
    killed = {normalize(w) for w in rows["killed_before"]["words"]}
    verbs = {w for past in rows["killed_verb"]["past"] for w in morph.verb_forms(normalize(past))} - killed
    first = _alt(rows["killed_verb"]["subject_first"])  # «وقتلت إحدى الغارات الجوية 30 شخصا»
    subject = r"(?:\s+(?:(?:" + first + r")\s+)?ال[^\s.،؛:\d]+){0," + str(_SUBJECT_REACH) + "}?"
    verb = edge + r"(?:" + _alt(verbs) + r")" + subject + r"\s+" + about + verb_num.replace("(", "(?P<e>", 1)
    before = (
        _MASDAR_EDGE
        + r"(?:"
        + _alt(killed)
        + r")(?:\s+(?:(?:"
        + _alt(rows["killed_during"]["words"])
        + r")\s+(?!\d)\S+\s+|(?:"
        + _alt(rows["killed_there"]["words"] + rows["killed_when"]["words"])
        + r")\s+)?|(?:\s+(?:"
        + _alt(rows["killed_when"]["words"])
        + r"))?\s*،"
        + _ASIDE
        + r"،\s*)(?:"
        + about
        + num.replace("(", "(?P<a>", 1)
        + "|"
        + noun_num
        + "|"
        + listed
        + ")"
    )
    no_number = r"(?!\d|(?:" + _alt(values) + r")(?!\w))"
    gap = r"(?:\s+" + no_number + r"\S+){0,3}?"  # up to three words, no number among them
    word = r"\s+" + no_number + r"(?!بين\s)[^\s.،؛]+"  # «خمسة أشخاص من النساء بين القتلى الـ24»: a part
    of_gap = r"(?:" + word + r"){0,2}?\s+من(?:" + word + r"){1," + str(_OF_PHRASE_REACH) + "}?"  # «21 … من …»
    aside = r"(?:(?<=،)" + _ASIDE + r"،)?"  # «14 مقاتلا على الأقل، بينهم إيرانيون، قتلوا»
    after = (
        edge
        + about
        + num.replace("(", "(?P<b>", 1)
        + r"(?:"
        + of_gap
        + "|"
        + gap
        + r")"
        + aside
        + r"\s+[و]?(?:"
    )
    after += (
        _alt(rows["killed_after"]["words"]) + r")(?!\w)(?!\s+و(?:" + _alt(rows["wounded"]["words"]) + r"))"
    )
    met_row = rows["met_death"]
    met = edge + r"(?:" + _alt(met_row["words"]) + r")\s+" + about + num.replace("(", "(?P<c>", 1)
    met += r"[^.،]{0,60}?(?:" + _alt(met_row["ends"]) + r")"
    met_one = edge + r"(?:" + _alt(met_row["words"]) + r")(?:\s+" + no_number + r"[^\s.،؛]+){0,6}?\s+"
    met_one += r"(?P<g>" + _alt(met_row["one"]) + r")(?!\w)"
    lives = rows["claimed_lives"]  # «أودى بأكثر من 40 شخصاً»
    lives = (
        edge
        + r"(?:"
        + _alt(lives["verbs"])
        + r")(?:\s+"
        + no_number
        + r"[^\s.،؛]+){0,"
        + str(_LIVES_REACH)
        + r"}?\s+"
        + _alt(lives["prep"])
        + r"\s?"  # «أودت بـ12»: the digit read apart from its «ب» (_GLUED)
        + about
        + num.replace("(", "(?P<l>", 1)
    )
    raised = _raised_pattern(rows["raised"], edge + about + num.replace("(", "(?P<r>", 1))
    noun_after = r"(?<!\w)(?:" + _alt(_person_forms(rows["dual"])) + r")\s+(?P<h>" + small + r")" + gap
    noun_after += r"\s+[و]?(?:" + _alt(rows["number_after"]["killed"]) + r")(?!\w)"  # «رجلا واحدا … قتل»
    own = _own_death_pattern(rows["own_death"])
    branches = (before, verb, met, met_one, noun_after, lives, own, after)
    # every branch opens with «(?<!\w)»: said once more before them all, a position inside a word fails one
    # test instead of eight (the same matches, a third less time)
    pattern = "|".join(f"(?:{p})" for p in branches)
    if all(p.startswith(_WORD_START) for p in branches):
        pattern = _WORD_START + "(?:" + pattern + ")"
    pattern = re.compile(pattern)
    values.update(persons)
    values.update({normalize(w): v for w, v in met_row["one"].items()})
    keys = (
        killed | verbs | {normalize(w) for kind in ("killed_after", "met_death") for w in rows[kind]["words"]}
    )
    keys |= {normalize(w) for kind in ("raised", "claimed_lives") for w in rows[kind]["verbs"]}
    keys |= {normalize(w) for w in rows["own_death"]["masdars"]}
    keys = tuple(sorted(k for k in keys if not any(o != k and o in k for o in keys)))  # «قتل» covers «مقتل»
    cumulative = frozenset(normalize(w) for w in rows["cumulative"]["words"])
    return _Rules(pattern, re.compile(raised), values, cumulative, keys)


def _alt(words) -> str:
    return "|".join(sorted({re.escape(normalize(w)) for w in words}, key=len, reverse=True))


def _own_death_pattern(row: dict) -> str:
    """«أدى إلى مقتله», «أسفر عن مقتلهما», «مصرعه مع سائقه»: a word of result, a masdar of dying with the
    pronoun of its victim (group o), perhaps one companion with his own pronoun after «مع/و» (group ow)."""
    results = (
        r"(?:" + "|".join(r"\s*".join(map(re.escape, normalize(w).split())) for w in row["results"]) + r")"
    )
    pronoun = r"(?P<o>" + _alt(row["pronouns"]) + r")"
    mate = (
        r"(?:\s+(?:" + _alt(row["with"]) + r")\s*(?P<ow>(?:" + _alt(row["companions"]) + r")(?:ه|ها))(?!\w))?"
    )
    return (
        r"(?<!\w)[وف]?(?:ما\s+)?"
        + results
        + r"\s*(?:"
        + _alt(row["masdars"])
        + r")"
        + pronoun
        + r"(?!\w)"
        + mate
    )


def _raised_pattern(row: dict, number: str) -> str:
    """«ارتفعت حصيلة القتلى … إلى 25»: a verb of raising, up to 80 characters with no digit nor full
    stop (group rb, where a word of the dead is looked for), «إلى», the number."""
    return (
        r"(?<!\w)[وفب]?(?:"
        + _alt(row["verbs"])
        + r")(?P<rb>[^.!?؟\d]{0,80}?)\s(?:"
        + _alt(row["to"])
        + r")\s+"
        + number
    )


def _person_forms(row: dict) -> set[str]:
    """Every form of the person nouns (singular, dual, sound plural «مدنيين/مدنيون»), for «مدنيين اثنين»."""
    out = set()
    sound = {normalize(w) for w in row["sound_plural"]}
    for noun in map(normalize, row["persons"]):
        out |= morph.noun_forms(noun, article=False, dual=True)
        if noun in sound:
            out |= {noun + "ين", noun + "ون"}
    return out


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
    the lowest of a range, 10 for «عشرات», 2 for a dual, the sum of coordinated counts («3 عناصر … و5»),
    the total of its parts («قتل 10 بينهم 3 أطفال» 10), a raised toll's new total; none for a cumulative
    toll («حصيلة», «ألف») or a toll over a period («منذ», «خلال شهرين») that no word of one day ties to
    the count."""
    return [(c.offset, c.n) for c in _all_counts(norm)[0]]


# «الخميس22», «أوقعت13»: a digit glued to an Arabic letter is read as its own word.
_GLUED = re.compile(r"(?<=[\u0621-\u064a])(?=\d)|(?<=\d)(?=[\u0621-\u064a])")
# After a count, up to this many words of its noun («26 مقاتلا من قوات النظام السوري إضافة إلى تسعة»: 5)
# before the joiner of the next count.
_NOUN_PHRASE_REACH = 6
# A part word («بينهم») takes as its total a number at most this many words before it, in its clause («12 مدنيا
# على الأقل من عائلة واحدة بينهم 4 أطفال»: 7).
_TOTAL_REACH = 7
# A wounded word this many words after an added figure makes it a count of the wounded («و10 آخرين بجروح»).
_WOUNDED_REACH = 3
# A raised toll needs a word of the dead before «إلى» or this many words after its number («إلى 25 قتيلاً»).
_RAISED_DEAD_REACH = 2
# … or this many words before its verb («أن عدد القتلى ارتفع إلى 8»).
_RAISED_DEAD_BEFORE = 2
# A count this many words before the word of its own event («مقتل 17 مدنياً الجمعة بينهم سبعة أطفال في قصف»: 5).
_CAUSE_REACH = 6


def _all_counts(norm: str) -> tuple[list[_Count], list[_Count]]:
    """(the counts of `fatality_counts`, the tolls over a period it leaves out)."""
    rules = _fatality_rules()
    if not _killing_words(rules.keys).search(norm):
        return [], []  # no word of killing: the pattern cannot match (a cheap test before the long one)
    text, back = _unglued(norm)
    matches = [*rules.pattern.finditer(text), *rules.raised.finditer(text)]  # a raise matched apart: when
    counts = [c for m in matches if (c := _count(m, text, rules))]  # it is none, its words stay for the rest
    raised = {c.offset for c in counts if c.raised}
    counts = sorted((c for c in counts if c.raised or c.offset not in raised), key=lambda c: c.offset)
    found = _split_totals(text, _parts_to_totals(text, counts))
    if not found:
        return [], []
    over = _period_tolls(_period_marks(text), [len(text[: c.offset].split()) for c in found])
    found = [c._replace(offset=back(c.offset), end=back(c.end)) for c in found]
    return [c for k, c in enumerate(found) if k not in over], [c for k, c in enumerate(found) if k in over]


def _unglued(norm: str):
    """(the sentence with a space between a digit and a letter glued to it, the map of its offsets back)."""
    cuts = [m.start() for m in _GLUED.finditer(norm)]
    if not cuts:
        return norm, lambda i: i
    spaces = [c + k for k, c in enumerate(cuts)]  # where each inserted space stands in the new text
    return _GLUED.sub(" ", norm), lambda i: i - bisect.bisect_left(spaces, i)


def _count(m: re.Match, text: str, rules: _Rules) -> _Count | None:
    """The count of one match, with the counts coordinated after it; None for a cumulative toll or a raise
    of something other than the dead."""
    groups = m.groupdict()
    key = next(
        g for g in ("a", "e", "c", "b", "d", "f", "g", "h", "l", "o", "r") if groups.get(g) is not None
    )
    start, end = m.start(key), m.end(key)
    if key == "r" and not _raised_dead(m, text):
        return None
    near = text[:start].split()[-_CUMULATIVE_BEFORE:] + text[end:].split()[:_CUMULATIVE_AFTER]
    cumulative = rules.cumulative - _coordination()["not_cumulative"] if key == "r" else rules.cumulative
    if morph.bare(_toll_marks(near)) & cumulative:
        return None
    if key == "o":  # «ما أدى إلى مصرعه مع سائقه»: the pronoun's one (or two), and a companion
        pronouns = {normalize(k): v for k, v in _fatality_rows()["own_death"]["pronouns"].items()}
        return _Count(start, pronouns[m.group("o")] + (m.group("ow") is not None), end)
    n = _number(m.group(key), rules.values)
    if key != "g" and not _RANGE_START.search(text, 0, start):
        more, end = _coordinated(text, end)
        n += more
    return _Count(start, n, end, key == "r")


_RANGE_START = re.compile(r"(?<!\w)بين\s+$")  # «بين 10 و15»: the lower figure of a range, no sum
# A thousand told of the wounded this many words after their word («فضلا عن إصابة أكثر من ألف») is no toll.
_WOUNDED_THOUSANDS_REACH = 3


def _toll_marks(words: list[str]) -> list[str]:
    """`words` less the words of row «cumulative» that mark no toll there: the thousands that count the
    wounded («أودى بحياة 150 شخصا فضلا عن إصابة أكثر من ألف»), and «حصيلة» told as the count's source or
    ranked («وفق حصيلة للمرصد», «في حصيلة أولية», «أعلى حصيلة»: a period it covers is still read by the row
    «period»)."""
    rules = _coordination()
    out = []
    for k, w in enumerate(words):
        readings = _rests(w.strip(_PUNCT))
        prev = [x.strip(_PUNCT) for x in words[max(0, k - _WOUNDED_THOUSANDS_REACH) : k]]
        nxt = [x.strip(_PUNCT) for x in words[k + 1 : k + 2]]  # «وأكثر من ألف مصاب»
        if readings & rules["thousands"] and morph.bare(prev + nxt) & rules["wounded"]:
            continue
        if readings & rules["toll"] and prev and _rests(prev[-1]) & rules["source"]:
            continue
        out.append(w)
    return out


def _raised_dead(m: re.Match, text: str) -> bool:
    dead = _coordination()["dead"]
    after = text[m.end("r") :].split()[:_RAISED_DEAD_REACH]
    before = text[: m.start()].split()[-_RAISED_DEAD_BEFORE:]  # «أن عدد القتلى ارتفع إلى 8 أشخاص»
    # «بارتفاع عدد القتلى، السبت، إلى 35»
    words = [w.strip(_PUNCT) for w in before + m.group("rb").split() + after]
    return bool(morph.bare(w for w in words if w) & dead)


@lru_cache(maxsize=1)
def _coordination() -> dict:
    """The words of the rows «coordinated_count», «parts», «raised», «cause» and «wounded», normalised."""
    rows = _fatality_rows()
    numbers = {normalize(k): v for k, v in rows["number"]["values"].items()}
    units = {
        normalize(k): v for k, v in rows["compound"]["units"].items()
    }  # «أحد», counted only before «عشر»

    def words(kind: str, field: str = "words") -> frozenset[str]:
        return frozenset(normalize(w) for w in rows[kind][field])

    return {
        "joiners": _phrases(w for w in rows["coordinated_count"]["joiners"] if " " in w),
        "stops": words("coordinated_count", "stops"),
        "numbers": numbers,
        "units": units,
        "teen": words("compound", "teen"),
        "persons": _person_values(rows["dual"]),
        "wounded": words("wounded"),
        "thousands": words("cumulative", "thousands"),
        "toll": words("cumulative", "toll"),
        "source": words("cumulative", "source"),
        "parts_before": words("parts", "before"),
        "parts_after": words("parts", "after"),
        "dead": words("raised", "dead"),
        "not_cumulative": words("raised", "not_cumulative"),
        "cause": words("cause"),
    }


def _coordinated(text: str, end: int) -> tuple[int, int]:
    """(the figures added to a count ending at `end` by counts joined to it, where the last one ends):
    «3 عناصر من قوات النظام و5 من مقاتلي المعارضة», «ثلاثة أطفال وامرأتان», «إضافة إلى تسعة»."""
    rules = _coordination()
    words = [(end + m.start(), end + m.end(), m.group()) for m in re.finditer(r"\S+", text[end:])]
    added, k, run = 0, 0, 0
    while k < len(words) and run <= _NOUN_PHRASE_REACH:
        item = _item([w for _, _, w in words], k, rules)
        if item is not None:
            value, last = item
            if (
                morph.bare(w.strip(_PUNCT) for _, _, w in words[last + 1 : last + 1 + _WOUNDED_REACH])
                & rules["wounded"]
            ):
                break  # «و10 جرحى»: the wounded
            added, end, run, k = added + value, words[last][1], 0, last + 1
            if words[last][2][-1] in _PUNCT:
                break
            continue
        w = words[k][2]
        bare = w.strip(_PUNCT)
        if (
            _rests(bare) & rules["stops"]
            or (bare[:1] == "ب" and len(bare) > 3)
            or _is_number(bare)
            or w[-1] in _PUNCT
        ):
            break
        run, k = run + 1, k + 1
    return added, end


def _item(words: list[str], k: int, rules: dict) -> tuple[int, int] | None:
    """(value, index of its last word) of a count joined at word k: «و5», «و 5», «وخمسة», «وامرأتان»,
    «إضافة إلى تسعة»; None if word k joins none."""
    w = words[k].strip(_PUNCT)
    for phrase in rules["joiners"]:
        if tuple(x.strip(_PUNCT) for x in words[k : k + len(phrase)]) == phrase and k + len(phrase) < len(
            words
        ):
            return _joined_number(words, k + len(phrase), words[k + len(phrase)].strip(_PUNCT), rules)
    if not w.startswith("و") or w in rules["numbers"] or w in rules["persons"]:
        return None  # «واحد» is no «و» + «أحد»
    if w == "و":
        return _joined_number(words, k + 1, words[k + 1].strip(_PUNCT), rules) if k + 1 < len(words) else None
    return _joined_number(words, k, w[1:], rules)


def _joined_number(words: list[str], k: int, w: str, rules: dict) -> tuple[int, int] | None:
    """The value of the number or person noun `w` (word k, perhaps without its «و»), a compound's second
    word included («خمسة عشر», «خمسة وعشرين»)."""
    if w.isdigit():
        return int(w), k
    if w in rules["persons"]:
        return rules["persons"][w], k
    nxt = words[k + 1].strip(_PUNCT) if k + 1 < len(words) else ""
    if nxt in rules["teen"] and (w in rules["numbers"] or w in rules["units"]):
        return {**rules["numbers"], **rules["units"]}[w] + 10, k + 1
    if w not in rules["numbers"]:
        return None
    tens = rules["numbers"].get(nxt.removeprefix("و"), 0) if nxt.startswith("و") else 0
    if tens >= 20 and tens % 10 == 0:
        return rules["numbers"][w] + tens, k + 1
    return rules["numbers"][w], k


def _is_total(word: str) -> bool:
    return _is_number(word) and _fatality_rules().values.get(word) != 1  # «عائلة واحدة بينهم»: no total


def _parts_to_totals(text: str, found: list[_Count]) -> list[_Count]:
    """A count told as part of a total («بينهم 4 أطفال … لقوا مصرعهم», «عشرة منهم») gives way to the
    total told just before the part word («13 مدنيا بينهم»); with none, it is dropped if a count came
    before it, else kept (the lowest figure the text gives)."""
    rules = _coordination()
    out: list[_Count] = []
    for c in found:
        before = [(m.start(), m.group().strip(_PUNCT)) for m in re.finditer(r"\S+", text[: c.offset])]
        at = next(
            (
                k
                for k in range(len(before) - 1, max(-1, len(before) - 4), -1)
                if _rests(before[k][1]) & rules["parts_before"]
            ),
            None,
        )
        following = text[c.end :].split()[:1]
        if at is None and not (following and following[0].strip(_PUNCT) in rules["parts_after"]):
            out.append(c)
            continue
        if at is None:  # «عشرة منهم»
            if not out:
                out.append(c)
            continue
        total = _total_before(text, before, at)
        if total is not None:
            offset = before[total][0]
            if all(o.offset != offset for o in out):
                out.append(c._replace(offset=offset, n=_number(before[total][1], _fatality_rules().values)))
        elif not out:
            out.append(c)
    return out


def _total_before(text: str, before: list[tuple[int, str]], at: int) -> int | None:
    """The index in `before` of the total of the part word at `at`: a number within _TOTAL_REACH words,
    none across the end of a clause («، وقتل 3 آخرون، بينهم»: the comma on the word before the part word
    aside, «12 مدنيا، بينهم»)."""
    for k in range(at - 1, max(-1, at - 1 - _TOTAL_REACH), -1):
        if k < at - 1 and text[before[k][0] :].split(maxsplit=1)[0][-1] in _CLAUSE_END:
            return None
        if _is_total(before[k][1]):
            return k
    return None


def _split_totals(text: str, found: list[_Count]) -> list[_Count]:
    """A total told then split by cause («مقتل 17 مدنيا بينهم ستة أطفال، عشرة منهم جراء غارات على ريف درعا،
    بينما قتل سبعة آخرون جراء غارات على الطيبة»): the first part with a word of cause after «منهم» is the
    count (of the event it names), the rest being told as counts of their own."""
    rules = _coordination()
    out = []
    for k, c in enumerate(found):
        stop = found[k + 1].offset if k + 1 < len(found) else len(text)
        words = [(m.start(), m.group().strip(_PUNCT)) for m in re.finditer(r"\S+", text[c.end : stop])]
        part = next(
            (
                (at, w)
                for (at, w), (_, of), (_, why) in zip(words, words[1:], words[2:], strict=False)
                if _is_total(w) and of in rules["parts_after"] and _rests(why) & rules["cause"]
            ),
            None,
        )
        if part is None:
            out.append(c)
            continue
        at, w = part
        n = _number(w, _fatality_rules().values)
        out.append(_Count(c.end + at, n, c.end + at + len(w)) if n < c.n else c)
    return out


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
    firsts = _phrase_firsts(phrases)
    for i, w in enumerate(words):
        readings = _rests(w)
        if readings.isdisjoint(firsts):
            continue  # (most words: one set test, no phrase tried)
        for ph in phrases:
            if ph[0] in readings and tuple(words[i + 1 : i + len(ph)]) == ph[1:]:
                out.append(i)
                break
    return out


@lru_cache(maxsize=16)
def _phrase_firsts(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(ph[0] for ph in phrases)


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
        counted = i > 1 and _is_number(words[i - 1])  # «قبل خمسة أيام»: the word before the number
        return (bare[i - 2] if counted else prev).isdisjoint(rules["not_before_spans"])
    if not readings.isdisjoint(rules["spans_counted"]) and i and _is_number(words[i - 1]):
        return True
    return not readings.isdisjoint(rules["spans_one"]) and any(
        not b.isdisjoint(rules["before_spans_one"]) for b in bare[max(0, i - 2) : i]
    )


def _is_number(word: str) -> bool:
    return word.isdigit() or word in _fatality_rules().values


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


@lru_cache(maxsize=1)
def _toll_ref_forms() -> frozenset[str]:
    """The words that are, or read without a proclitic as, a word of row «toll_refs»: one set test of a
    sentence's words finds one of them (geo.morph.clitic_forms)."""
    return morph.clitic_forms(_toll_refs())


def _toll_told_after(events: list[Event], before: int, doc: Doc, sent: Span) -> None:
    """«… اشتباكات في حي الحويقة. ولقي سبعة مقاتلين حتفهم في الاشتباكات»: a sentence with no violent event
    that counts the dead of the fight just told («في الاشتباكات», «جراء القصف») gives its count to the last
    violent event of the sentence before (events[before:]), when that one has none (in place); with none
    there, to the last one told a few paragraphs before whose type the word names («وكانت الهجمات قد أسفرت
    عن مقتل 246»: row «retold»). A lead toll no event took waits for the next sentence's (row «lead»)."""
    _PENDING.clear()
    norm = doc.norm[sent.norm_start : sent.norm_end]
    last = next(
        (k for k in range(len(events) - 1, before - 1, -1) if events[k].extra["type_key"] in _VIOLENT), None
    )
    if last is None and not _may_name_types(norm):
        return  # (most sentences) no word names an event type: none is retold, no lead toll is kept
    words = re.findall(r"\w+", norm)
    if last is None:
        last = _retold(events, doc, sent, words)
    if last is None:
        if not any(ev.extra["type_key"] in _VIOLENT for ev in events):
            _wait_for_next(doc, sent, norm, words)
        return
    if events[last].fatalities or _toll_ref_forms().isdisjoint(words):
        return
    if not _narrowed(words, frozenset([events[last].extra["type_key"]])):
        return  # «هذا الهجوم بالغازات»: the gas attack's toll, not the strike's told before
    if events[last].status in _NOT_TOLD:  # «تستعد لشن هجوم بري»: none dead yet; «نفت»: none told
        return
    for c in _all_counts(norm)[0]:
        if not _names_its_own(norm, c) and not _campaign_toll(norm, c):  # «أن26 مدنيا قتلوا إثر قصف جوي»:
            events[last] = replace(events[last], fatalities=c.n)  # a happening not told before
        return


def _may_name_types(norm: str) -> bool:
    """False only if no word of the sentence can name an event type (_named_types would find none): a key of
    row «retold»'s refs is a word of letters, so a text of words joined by spaces holds one only if the
    sentence does (one regex pass over the sentence, no words split out)."""
    finder, words_only = _ref_finders()[0], _refs_are_words()
    return not words_only or bool(finder.search(norm))


@lru_cache(maxsize=1)
def _refs_are_words() -> bool:
    """Every key the refs finder looks for is one run of word characters (no space, no punctuation)."""
    refs = _retold_refs()[0]
    return all(re.fullmatch(r"\w+", w[2:] if w.startswith("ال") else w) for w in refs)


def _campaign_toll(norm: str, c: _Count) -> bool:
    """A mark of a period within reach of the count («أكثر من 1500 مقاتل كردي لقوا حتفهم منذ بدء الهجوم
    التركي»), whatever day word stands nearer: told in a sentence of no event of its own, a toll the
    period rules keep for the day of the report is still a campaign's, never one event's told elsewhere."""
    periods, _, clause = _period_marks(norm)
    return bool(periods) and bool(_period_tolls((periods, [], clause), [len(norm[: c.offset].split())]))


# How many paragraphs back a toll told again («وكانت الهجمات قد أسفرت عن مقتل 246») may reach its event:
# the Suwayda attacks of July 2018 told in the lead, their toll three paragraphs on.
_RETOLD_PARAGRAPHS = 3


@lru_cache(maxsize=1)
def _retold_refs() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(the words of an event with «ال» → the types they name, the words of a weapon → the types they keep)."""
    row = _fatality_rows()["retold"]
    return tuple({normalize(w): frozenset(t) for w, t in row[f].items()} for f in ("refs", "narrow"))


def _retold(events: list[Event], doc: Doc, sent: Span, words: list[str]) -> int | None:
    """The index of the last violent event told before, within _RETOLD_PARAGRAPHS paragraphs, whose type
    a word of the sentence names with «ال» («الهجمات» a clash, a strike or a gas attack; «الغارات» a
    strike), when it has no count and no other violent event of those types came after it; else None."""
    types = _named_types(words, definite=True)
    if not types:
        return None
    for k in range(len(events) - 1, -1, -1):
        ev = events[k]
        if ev.extra["type_key"] not in _VIOLENT:
            continue
        para = _paragraph_at(doc, ev.extra["trigger_start"])
        if para is None or sent.paragraph - para > _RETOLD_PARAGRAPHS:
            return None
        if ev.extra["type_key"] in types:
            return None if ev.status in _NOT_TOLD or _over_a_period(doc, ev) else k
    return None


def _named_types(words: list[str], definite: bool) -> frozenset[str]:
    """The event types the words of the sentence name (row «retold»: «الهجمات», also «هجمات» unless
    `definite`), less those a word of the weapon rules out."""
    if not _ref_finders()[0].search(" ".join(words)):
        return frozenset()  # no word holds a key, so none reads as one (most sentences: one regex pass)
    of_word = _TYPES_OF_WORD[definite]
    types = frozenset().union(*map(of_word.__getitem__, words))
    return _narrowed(words, types) if types else types


def _types_of_word(definite: bool):
    """The event types one word names (row «retold»'s refs, through its readings without a proclitic)."""
    def types_of(w: str) -> frozenset[str]:
        refs = _refs_of(definite)
        return frozenset().union(*(refs[r] for r in _rests(w) if r in refs))

    return types_of


_TYPES_OF_WORD = {d: morph.PerWord(_types_of_word(d)) for d in (False, True)}  # looked up once per word


@lru_cache(maxsize=2)
def _refs_of(definite: bool) -> dict[str, frozenset[str]]:
    refs = _retold_refs()[0]
    return refs if definite else {**refs, **{w[2:]: t for w, t in refs.items() if w.startswith("ال")}}


@lru_cache(maxsize=1)
def _ref_finders() -> tuple[re.Pattern, re.Pattern]:
    """Regexes finding a key of row «retold»'s refs (without «ال») and of its narrow in a text: a word (or
    a reading of it without a proclitic, a part of it) can be a key only if it holds one."""
    refs, narrow = _retold_refs()
    stems = {w[2:] if w.startswith("ال") else w for w in refs}
    return _killing_words(tuple(sorted(stems))), _killing_words(tuple(sorted(narrow)))


def _over_a_period(doc: Doc, ev: Event) -> bool:
    """The event's own sentence marks a period («قصفت الطائرات … في الأيام القليلة الماضية»): a campaign,
    whose toll told again later may be one day's of it, so it takes none (ACLED's conservative rule)."""
    starts = _sentence_starts(doc)
    sent = doc.sentences[max(0, bisect.bisect_right(starts, ev.extra["trigger_start"]) - 1)]
    return bool(_period_marks(doc.norm[sent.norm_start : sent.norm_end])[0])


def _narrowed(words: list[str], types: frozenset[str]) -> frozenset[str]:
    """`types` less those a word of the weapon in the sentence rules out («بالغازات الكيميائية»: gas only)."""
    if not types or not _ref_finders()[1].search(" ".join(words)):
        return types
    narrow = _retold_refs()[1]
    for kept in (narrow[r] for w in words for r in _rests(w) if r in narrow):
        types &= kept
    return types


def _paragraph_at(doc: Doc, offset: int) -> int | None:
    starts = _sentence_starts(doc)
    i = bisect.bisect_right(starts, offset) - 1
    return doc.sentences[i].paragraph if i >= 0 else None


# A lead toll no event took («أسفرت هجمات تفجيرية جنوبي سوريا عن مقتل 215 شخصا»), kept for the next
# sentence of the same article: (doc, index of the next sentence, count, the types it may go to). Set by _toll_told_after, read by
# _with_fatalities of that next sentence (geo/events.py calls the two in text order, one article at a time).
_PENDING: list = []
_NOT_TOLD = {"planned", "postponed", "denied"}


# A lead toll is the article's first sentence or the one after it (a title told as a sentence).
_LEAD_SENTENCES = 2


def _wait_for_next(doc: Doc, sent: Span, norm: str, words: list[str]) -> None:
    """Keep the lead sentence's toll of a happening it names («هجمات», «الغارات») for the next sentence;
    not a running or a campaign's toll («حصيلة», «منذ»), nor one that names its own happening after it
    («قتلوا جراء تفجير سيارتين ملغومتين»: an event of its own)."""
    index = _sentence_index(doc, sent)
    if index >= _LEAD_SENTENCES:
        return
    types = _named_types(words, definite=False)
    if not types:
        return
    if morph.bare(words) & _fatality_rules().cumulative:
        return
    counts = [c for c in _all_counts(norm)[0] if not c.raised]
    if len(counts) == 1 and not _names_its_own(norm, counts[0]) and not _campaign_toll(norm, counts[0]):
        _PENDING[:] = [doc, index + 1, counts[0].n, types]


def _sentence_index(doc: Doc, sent: Span) -> int:
    return bisect.bisect_left(_sentence_starts(doc), sent.start)


def _sentence_starts(doc: Doc) -> list[int]:
    """The start offsets of the Doc's sentences, made once per Doc (asked for at every sentence: the list
    made each time cost time quadratic in the sentences of a text). The last Doc's list is kept."""
    if _STARTS_OF[0] is not doc:
        _STARTS_OF[:] = [doc, [s.start for s in doc.sentences]]
    return _STARTS_OF[1]


_STARTS_OF: list = [None, []]  # [the Doc, its sentences' starts]


def _lead_toll(events: list[Event], doc: Doc, sent: Span) -> list[Event]:
    """The events of the sentence after a lead toll: its first event of a type the toll names, told as
    happened, failed or claimed (not planned, postponed or denied), takes it."""
    if not _PENDING or _PENDING[0] is not doc or _PENDING[1] != _sentence_index(doc, sent):
        return events
    n, types = _PENDING[2:]
    _PENDING.clear()
    k = next(
        (k for k, ev in enumerate(events) if ev.extra["type_key"] in types and ev.status not in _NOT_TOLD),
        None,
    )
    if k is None or any(ev.fatalities for ev in events):
        return events
    return [replace(ev, fatalities=n) if i == k else ev for i, ev in enumerate(events)]


def _names_its_own(norm: str, c: _Count) -> bool:
    """After the count, within _CAUSE_REACH words, a word of cause then an event noun without «ال»
    («إثر قصف جوي», «جراء غارات»): the dead of a happening named there, not of the fight told before."""
    words = [w.strip(_PUNCT) for w in norm[c.end :].split()[: _CAUSE_REACH + 1]]
    cause, nouns = _coordination()["cause"], _indefinite_refs()
    return any(_rests(w) & cause and _rests(nxt) & nouns for w, nxt in zip(words, words[1:], strict=False))


@lru_cache(maxsize=1)
def _indefinite_refs() -> frozenset[str]:
    return frozenset(w[2:] for w in _toll_refs() if w.startswith("ال"))


def _with_fatalities(events: list[Event], doc: Doc, sent: Span) -> list[Event]:
    """Each count of the dead goes to one violent event of the sentence: the one whose word follows it
    after «في/جراء/إثر» («بينما قتل 3 آخرون في غارة على حرستا»), else the last one told before it with
    no other happening named between them («… ضربات بعد هجوم كيماوي أدى إلى مقتل 60»: not the strikes'),
    else, when none is told before, the first after it (never to two, so that a toll is not counted
    twice). A raised toll replaces the count given before it."""
    violent = [ev for ev in events if ev.extra["type_key"] in _VIOLENT]
    if not violent:
        return _lead_toll(events, doc, sent)
    given: dict[int, int] = {}
    others = None
    norm = doc.norm[sent.norm_start : sent.norm_end]
    counts, over = _all_counts(norm)
    if over:  # the grouping of incidents reads a campaign by its toll so far («قتل 400 في القصف المتواصل»)
        events = [replace(ev, extra={**ev.extra, "period_toll": over[0].n}) for ev in events]
        violent = [ev for ev in events if ev.extra["type_key"] in _VIOLENT]
    for c in counts:
        at = doc.orig(sent.norm_start + c.offset)
        others = others if others is not None else _other_happenings(doc, sent)
        before = [k for k, ev in enumerate(events) if ev in violent and ev.extra["trigger_start"] <= at]
        own = [k for k in before if not any(events[k].extra["trigger_start"] < o < at for o in others)]
        k = _own_event_after(c, events, violent, doc, sent, norm)
        if k is None and own:
            k = own[-1]
        elif k is None and not before:
            k = events.index(violent[0])
        if k is not None and (c.raised or k not in given):
            given[k] = c.n
    out = [replace(ev, fatalities=given[k]) if k in given else ev for k, ev in enumerate(events)]
    return _lead_toll(out, doc, sent)


def _own_event_after(c: _Count, events: list[Event], violent: list[Event], doc: Doc, sent: Span, norm: str):
    """The index of the violent event whose word follows the count within _CAUSE_REACH words of its
    clause, after a word of cause («في غارة», «جراء القصف») or with «ب» on it («بغارات»); else None."""
    after = sorted(
        (doc.norm_offset(ev.extra["trigger_start"]) - sent.norm_start, k)
        for k, ev in enumerate(events)
        if ev in violent and doc.norm_offset(ev.extra["trigger_start"]) - sent.norm_start >= c.end
    )
    if not after:
        return None
    t, k = after[0]
    between = norm[c.end : t].split()
    commas = [w for w in between if w[-1] in _CLAUSE_END]
    if len(between) > _CAUSE_REACH or commas and not (len(between) == 2 and commas == between[:1]):
        return None  # another clause; but «قتل 29 مدنيا، في قصف مدفعي»: a comma on the count's noun only
    if norm[t : t + 1] == "ب" or (between and _rests(between[-1]) & _coordination()["cause"]):
        return k
    return None


_CLAUSE_END = "،؛,;:.!?؟"
