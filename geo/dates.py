"""Temporal expressions in Arabic news, resolved against the publication date.

dateparser (1.5) knows the Gregorian month names and a few relative words, but not the Levantine
or Maghrebi months, ordinal day words, «الماضي/المقبل/الجاري», ranges or vague spans. So: candidates
are found here with regexes over `geo.text.NormText` (folded hamza, diacritics, Arabic-Indic digits,
offsets kept), canonicalised (any month → its Gregorian name, ordinals → digits), and dateparser
resolves the day-level core it is right about: «D <month> YYYY» once the year is chosen (it rejects
«31 فبراير»), «امس/اليوم/غدا», «قبل N أيام/أسابيع/أشهر» and numeric d/m/y. Answers are cached on
(canonical string, base date). Modifiers, ranges and vague spans are decided here.

Speed: the patterns are not run over the whole text. One Aho–Corasick pass (pyahocorasick) finds the
words every match of a pattern must hold (a month name, «قبل», «19»/«20» …); each pattern then runs
only over the stretches between barrier characters («. ! ? ؟ ؛ :» and quotes, which no pattern can
read) that hold one of its words. The matches are exactly those of a whole-text scan
(tests/test_dates.py checks both the barriers against the parsed patterns and the matches themselves).

Choices (documented because the press is ambiguous):
- weekday alone («السبت», «يوم الأحد») → the latest such day on or before publication; with a future verb
  (سـ…، سوف، المقرر) within 60 characters before it, the first one on or after it; the day after publication
  also with a future cue anywhere in its clause (150 characters) rather than six days back. «الماضي» is strictly
  before publication, «قبل الماضي» a week earlier still, «المقبل» strictly after.
- a weekday named after «اليوم/أمس/أول من أمس» («اليوم الأربعاء» in a report of Thursday) is the day the
  story was told of: that weekday from 5 days before the word's own day to 1 day after it (publication
  times are GMT); more than 6 days before publication the name is ignored and noted. «فجر/مساء اليوم» is
  the publication day, «ليلة أمس» the day before (precision 1).
- day and month without year or qualifier → the latest such date on or before publication, unless the next
  one is within 60 days and nearer, or the clause before it (same sentence, 150 characters) carries a future
  cue and the next one is within 300 days. Bare month → the latest occurrence not after the publication
  month, unless a future cue and at most 6 months ahead. «الماضي» with a day → the latest date strictly before
  publication; without a day → the latest month strictly before the publication month. «الجاري/الحالي» →
  the publication year. «منه», «الشهر نفسه», «العام ذاته» → the month/year last named in the text.
- «الأسبوع الماضي» → the 7 days before publication; «هذا الأسبوع» → Monday–Sunday around it;
  «الأسبوع المقبل» → the 7 days after. Early/mid/late month → days 1–10 / 11–20 / 21–end (precision 2).
- «الأسبوع الثاني من شباط» → the k-th seven days of that month (8–14), «الأسبوع الأخير من» its last seven
  (precision 2): the ordinal numbers a week, not a day.
- «نهاية الأسبوع», «عطلة نهاية الأسبوع» with no qualifier → the weekend: Friday–Sunday (either convention) of
  the last one begun on or before publication, not past it; with a future cue, the first one from it on.
- a year → the whole year, precision 3, note "year"; «بين 2011 و2017» → one span over both.
- Hijri months (رمضان، محرم …) are not resolved.
"""

from __future__ import annotations

import bisect
import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import ahocorasick
import dateparser

from geo.doc import Doc
from geo.model import TimeSpan
from geo.text import NormText, normalize

__all__ = ["find_time_spans", "MAX_REACH_DAYS", "sane_bounds"]

# How far a relative or vague expression may reach from the publication date: ten years, the span of
# the war reports look back over («منذ 2011»). «خلال الـ 800000 يوم الماضية» or «الأسابيع الـ 7016
# المقبلة» is a typo or a figure of speech, not a date: its count is capped here, and any other relative
# span that would land farther away is dropped, so no arithmetic overflows and no span reaches 2151.
MAX_REACH_DAYS = 3653
# «اليوم الأربعاء» in a report published on Thursday tells of that Wednesday (wire copy is often
# published a day or more after it was written): a weekday named after «اليوم/أمس» is taken up to this many
# days before publication; farther («أول من أمس الأربعاء» on a Wednesday: a week back) the name is a slip
# and the word's own day is kept, with a note.
MAX_TOLD_LAG_DAYS = 6
# The named weekday may also be the day after the word's own day: publication times are kept in GMT
# (the corpus's published_raw «Sat, 07 Apr 2018 22:44:18 GMT»), and a story filed after 21:00 GMT is
# already the next day in Syria (UTC+3): «عصر أمس السبت» in that report of «Saturday» is Saturday itself.
_NAMED_DAYS_AHEAD = 1
# A bare weekday this many days before publication is the day after it: read so when its clause (150
# characters) holds a future cue even beyond the 60 of a weekday's own («على أن يبدأ تنفيذه الإثنين», «وسيعقد
# قادة الحلف قمة في بروكسل، الأربعاء» told on a Tuesday): a week back is then the unlikelier reading.
_DAY_AFTER_BACK = 6
# Dates the patterns can name outright: years 19xx and 20xx (see _YEAR and the numeric pattern).
_EARLIEST_NAMED, _LATEST_NAMED = date(1900, 1, 1), date(2099, 12, 31)

# Month names as written in the press, by month number (Gregorian, Levantine, Maghrebi, Moroccan).
_MONTH_NAMES = {
    1: ["يناير", "كانون الثاني", "كانون ثاني", "جانفي"],
    2: ["فبراير", "شباط", "فيفري", "فبرایر"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "ابريل", "إبريل", "نيسان", "أفريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "يونيه", "يونية", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "يولية", "تموز", "جويلية", "يوليوز"],
    8: ["أغسطس", "اغسطس", "آب", "أوت", "غشت"],
    9: ["سبتمبر", "أيلول", "شتنبر"],
    10: ["أكتوبر", "تشرين الأول", "تشرين أول"],
    11: ["نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "كانون أول", "دجنبر"],
}
# Names that are also common words (a verb, "father", "Juan"): accepted alone only with a date context.
_AMBIGUOUS_MONTHS = {normalize(w) for w in ("مارس", "آب", "ماي", "جوان", "أوت")}
# The name dateparser knows for each month.
_CANON_MONTH = {m: names[0] for m, names in _MONTH_NAMES.items()}

_WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الثلثاء": 1, "الأربعاء": 2, "الخميس": 3}
_WEEKDAYS |= {"الجمعة": 4, "السبت": 5, "الأحد": 6}
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_UNITS = ["", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_ORDINALS = {w: i for i, w in enumerate(_UNITS) if i}
_ORDINALS |= {"العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12, "العشرين": 20, "الثلاثين": 30}
_ORDINALS |= {f"{w} عشر": 10 + i for i, w in enumerate(_UNITS) if i >= 3}
_ORDINALS |= {f"{w} والعشرين": 20 + i for i, w in enumerate(_UNITS) if i >= 2}
_ORDINALS |= {"الحادي والعشرين": 21, "الواحد والعشرين": 21, "الحادي والثلاثين": 31, "الواحد والثلاثين": 31}

_NUMBER_WORDS = {"واحد": 1, "اثنين": 2, "ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7}
_NUMBER_WORDS |= {"ثمانية": 8, "تسعة": 9, "عشرة": 10, "ثلاث": 3, "أربع": 4, "خمس": 5, "عشر": 10}

_PAST = ["الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق"]
_NEXT = ["المقبل", "المقبلة", "القادم", "القادمة"]
_CURRENT = ["الجاري", "الحالي", "الجارية", "الحالية"]
_SAME = ["نفسه", "ذاته", "عينه"]
_EARLY = ["مطلع", "بداية", "بدايات", "أوائل", "مستهل", "أول أيام"]
_MID = ["منتصف", "أواسط", "نصف"]
_LATE = ["أواخر", "نهاية", "نهايات", "آخر", "ختام", "أواخر أيام"]
_TIME_OF_DAY = [
    "فجر",
    "صباح",
    "صبيحة",
    "ظهر",
    "ظهيرة",
    "عصر",
    "مساء",
    "ليل",
    "ليلة",
    "منتصف ليل",
    "منتصف ليلة",
]
_YEAR_WORDS = ["عام", "العام", "سنة", "السنة", "لعام", "للعام"]
# Words after «اليوم» that make it "the day" of a story, not today.
_NOT_TODAY = ["التالي", "السابق", "الأول", "الثاني", "الثالث", "الرابع", "الأخير", "نفسه", "ذاته", "الذي"]
_NOT_TODAY += ["العالمي", "الوطني", "الدولي", "الواحد", "الموعود"]
# Words before a bare year that make it a count («نحو 2000 مقاتل») or a number («القرار 2254»).
_NOT_YEAR_BEFORE = {normalize(w) for w in ("نحو", "حوالي", "قرابة", "رقم", "القرار", "قرار", "من أصل")}
_YEAR_PREPS = {normalize(w) for w in ("في", "منذ", "حتى", "خلال", "بعد", "قبل", "بين", "إلى", "الى", "مطلع")}
# Lead words of a political name («قوى 14 آذار», «ثورة 25 يناير») rather than a date.
_NAME_LEADS = {
    normalize(w)
    for w in (
        "قوى",
        "تيار",
        "حركة",
        "ثورة",
        "انتفاضة",
        "فريق",
        "شارع",
        "ساحة",
        "جسر",
        "أحداث",
        "هجمات",
        "اعتداءات",
    )
}
# geo/rules/date_cues.jsonl: future verbs («ويفترض أن تنسحب … الاثنين»), the word «منذ» and the nouns of a
# beginning after it («منذ اندلاع الحرب … عام 2011»); each row with an example tests/test_dates.py reads.
RULES_PATH = Path(__file__).resolve().parent / "rules" / "date_cues.jsonl"


@lru_cache(maxsize=1)
def read_cues() -> tuple[dict, ...]:
    """The rows of date_cues.jsonl, read once (the module builds its patterns from them at import)."""
    with RULES_PATH.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def _cue_words(role: str) -> list[str]:
    return [r["word"] for r in read_cues() if r["role"] == role]


_FUTURE_WORDS = ["سوف", "المقبل", "المقبلة", "القادم", "القادمة", "المقرر", "المقررة", "مقرر", "مقررا"]
_FUTURE_WORDS += ["وسوف", "فسوف"]  # «وسوف يعقد الرئيسان قمة … الجمعة»: with its conjunction
_FUTURE_WORDS += ["المرتقب", "المرتقبة", "مرتقب", "يتوقع", "توقع", "المتوقع", "متوقع", "يأمل", "أمله"]
_FUTURE_WORDS += ["يعتزم", "تعتزم", "المنتظر", "ينتظر", "يمكن", "موعد"]


def _alt(words) -> str:
    """A regex for normalised words, prefix-factored as a trie (the regex engine tries alternatives in
    turn, and these lists run at every word start), longer matches first, spaces as \\s+."""
    trie: dict = {}
    for w in {normalize(w) for w in words}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _emit(child) for ch, child in sorted(node.items()) if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


_MONTH_OF = {normalize(n): m for m, names in _MONTH_NAMES.items() for n in names}
_WEEKDAY_OF = {normalize(w): d for w, d in _WEEKDAYS.items()}


def names_month(surface: str) -> bool:
    """The expression names a month by its name («ليل السادس والسابع من أبريل», «4 تموز»), not only a day
    counted from the report («أمس», «السبت»)."""
    return any(w in _MONTH_OF for w in re.findall(r"\w+", normalize(surface)))

_ORDINAL_OF = {normalize(w): n for w, n in _ORDINALS.items()}
_NUMBER_OF = {normalize(w): n for w, n in _NUMBER_WORDS.items()}
_QUAL = {
    normalize(w): q
    for ws, q in ((_PAST, "past"), (_NEXT, "next"), (_CURRENT, "cur"), (_SAME, "same"))
    for w in ws
}
_VAGUE = {normalize(w): v for ws, v in ((_EARLY, "early"), (_MID, "mid"), (_LATE, "late")) for w in ws}

_B = r"(?<!\w)"  # word start
_E = r"(?!\w)"  # word end
_CL = r"(?:[وفبل]|وب|ول|فب|فل|وك)?"  # clitic before a first word; kept out of the span
_MON = _alt(_MONTH_OF)
_MONTH = rf"(?P<m>{_MON})(?:\s*[(/\-]?\s*(?P<m2>{_MON})(?:\s*\))?)?{_E}"
_WD = _alt(_WEEKDAY_OF)
_ORD = _alt(_ORDINAL_OF)
_DAY_N = r"(?:ال\s*)?\d{1,2}(?!\d)"
_DAY = rf"(?:{_DAY_N}|{_ORD}(?=\s+من{_E}))"
_DAY1 = rf"(?:{_DAY_N}|{_ORD})"  # the first day of «السادس والسابع من أبريل»
_QP, _QN, _QC, _QS = _alt(_PAST), _alt(_NEXT), _alt(_CURRENT), _alt(_SAME)
_QUALS = rf"(?:{_QP}|{_QN}|{_QC})"
_VAG = _alt(_VAGUE)
_TOD = _alt(_TIME_OF_DAY)
_YW = _alt(_YEAR_WORDS)
_YEAR = r"(?:19\d\d|20[0-4]\d)(?!\d)"
_TAIL = (
    rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{_YW}\s+)?(?P<y>{_YEAR})"
    rf"|(?P<yr>\s+من\s+(?:هذا\s+)?(?:{_YW})(?:\s+(?P<yq>{_QUALS}|{_QS}))?{_E})"
    rf"|(?P<yr2>\s+(?:العام|السنه)\s+(?P<yq2>{_QUALS}|{_QS}){_E})"  # «أبريل العام الماضي»
    rf"|\s+(?P<q>{_QUALS}){_E})?"
)

_PATTERNS = {
    # «الأحد 4 يونيو»، «يوم 9 يوليو»، «12 و13 يونيو»، «الرابع عشر من تموز الماضي»، «12 حزيران/يونيو 2017»
    # (a day number glued to the word before it, «منذ19 حزيران», is a missing space: it still opens a date)
    "daymonth": (
        rf"(?:{_B}{_CL}|(?<=[^\W\d_])(?=\d))(?P<core>(?:(?:يوم\s+)?(?P<wd>{_WD})\s*[،,]?\s*(?:الموافق\s+|في\s+)?)?(?:يوم\s+)?"
        rf"(?:(?P<d1>{_DAY1})\s*(?:و|-|–|الي|حتي)\s*(?!العشرين|الثلاثين))?(?P<d>{_DAY})\s*/?\s*(?:من\s+)?(?:شهر\s+)?{_MONTH}{_TAIL})"
    ),
    # «مطلع يونيو الحالي»، «تموز»، «حزيران (يونيو) 2016»، «في نوفمبر»
    "month": rf"{_B}{_CL}(?P<core>(?:(?P<v>{_VAG})\s+)?(?:شهر\s+)?{_MONTH}{_TAIL})",
    # «العاشر منه»، «الـ6 من هذا الشهر»، «الخامس من الشهر الماضي»
    "dayof": (
        rf"{_B}{_CL}(?P<core>(?:يوم\s+)?(?P<d>{_DAY_N}|{_ORD})\s+(?:منه|من\s+(?P<this>هذا\s+)?الشهر"
        rf"(?:\s+(?P<q>{_QUALS}|{_QS}))?){_E})"
    ),
    # «الشهر الماضي»، «أواخر الشهر الحالي»، «هذا الأسبوع»، «العام الماضي»، «مطلع الشهر نفسه»
    "relunit": (
        rf"{_B}{_CL}(?P<core>(?:(?P<v>{_VAG})\s+)?(?:(?P<u>الشهر|الاسبوع|العام|السنه)\s+(?P<q>{_QUALS}|{_QS})"
        rf"|هذا\s+(?P<u2>الشهر|الاسبوع|العام)|هذه\s+(?P<u3>السنه)){_E})"
    ),
    # «عام 2014»، «منذ 2016»، «نهاية 2016»
    "year": rf"{_B}{_CL}(?P<core>(?:(?P<v>{_VAG})\s+)?(?:(?P<yw>{_YW})\s+)?(?P<y>{_YEAR}))",
    # «أمس»، «فجر أمس»، «أول من أمس»، «اليوم الاثنين»، «صباح أمس الأحد»
    "deictic": (
        rf"{_B}{_CL}(?P<core>(?:(?P<tod>{_TOD})\s+)?(?P<x>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|الامس|امس|البارحه"
        rf"|الليله\s+الماضيه|اليوم|يوم\s+غد|بعد\s+غد|غدا|غد){_E}(?:\s*[،,]?\s*\(?(?P<wd>{_WD})\)?)?)"
    ),
    # «الثلاثاء الماضي»، «يوم الأربعاء المقبل»، «ظهر السبت»
    "weekday": (
        rf"{_B}{_CL}(?P<core>(?:(?P<tod>{_TOD})\s+)?(?:(?:يوم|نهار)\s+)?(?P<wd>{_WD})"
        rf"(?:\s+(?P<before>قبل\s+)?(?P<q>{_QP}|{_QN}))?{_E})"
    ),
    # «ليل الثلاثاء الأربعاء»، «ليلة السبت - الأحد»، «ليل الخميس إلى الجمعة»: one night, two weekdays
    "night": (
        rf"{_B}{_CL}(?P<core>(?:منتصف\s+)?(?:ليل|ليله)\s+(?:يوم\s+)?(?P<wd>{_WD})"
        rf"(?:\s*[-–/]\s*|\s+(?:و|الي\s+|علي\s+)?)(?P<wd2>{_WD}){_E})"
    ),
    # «الأسبوع الثاني من شهر شباط/فبراير الحالي»، «الأسبوع الأخير من آذار»: a week of a month, not its day
    "weekof": (
        rf"{_B}{_CL}(?P<core>الاسبوع\s+(?P<k>{_ORD}|الاخير)\s+(?:من\s+)?(?:شهر\s+)?{_MONTH}{_TAIL})"
    ),
    # «خلال نهاية الأسبوع»، «في عطلة نهاية الأسبوع»: the weekend, with no qualifier (those are "relunit")
    "weekend": (
        rf"{_B}{_CL}(?P<core>(?:عطله\s+)?نهايه\s+الاسبوع(?!\w|\s+(?:{_QP}|{_QN}|{_QC}|{_QS}){_E}))"
    ),
    # «قبل 3 أيام»، «منذ يومين»، «قبل أسبوعين»، «قبل ثلاثة أشهر»، «قبل نحو شهر»
    "ago": (
        rf"{_B}{_CL}(?P<core>(?P<pre>قبل|منذ)\s+(?P<approx>(?:نحو|حوالي|قرابه|زهاء)\s+)?(?:(?P<n>\d{{1,3}}|{_alt(_NUMBER_OF)})\s+)?"
        r"(?P<u>ايام|يوما|يومين|اسبوع|اسبوعا|اسبوعين|اسابيع|شهر|شهرا|شهرين|اشهر|شهور)(?!\w|\s+من\s|\s+علي\s))"
    ),
    # «خلال الأيام المقبلة»، «الأيام الماضية»، «الـ24 ساعة الماضية»
    "vague": (
        rf"{_B}{_CL}(?P<core>(?:ال\s*\d+\s+)?(?P<u>الايام|الاسابيع|الساعات|الاشهر|الشهور|ساعه|يوما)\s+"
        rf"(?:القليله\s+|ال\s*(?P<n>\d+)\s+(?:او\s+\d+\s+)?|ال\w+(?:\s+وال\w+)?\s+)?(?P<q>{_QP}|{_QN}|الاخيره){_E})"
    ),
    # «خلال اليومين الأخيرين»، «الأسبوعين الماضيين»، «الشهرين المقبلين»
    "dual": (
        rf"{_B}{_CL}(?P<core>(?P<u>اليومين|الاسبوعين|الشهرين)\s+"
        rf"(?P<q>الاخيرين|الماضيين|المنصرمين|الفائتين|المقبلين|القادمين){_E})"
    ),
    # «15/6/2017»، «2017-06-15»
    "numeric": r"(?<![\d/.\-])(?P<core>\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d\d|(?:19|20)\d\d-\d{1,2}-\d{1,2})(?![\d/.\-]\d)",
}
_COMPILED = {k: re.compile(p) for k, p in _PATTERNS.items()}


def _future_not() -> str:
    """The tails after «س[يتن]» of the nouns that look like a «سـ» future verb (rows «future_not»: «سيدة»,
    «ستريت»); a row with «stem» also stops the words that begin with it («سيدات», «سيداتنا»)."""
    tails = []
    for row in read_cues():
        if row["role"] == "future_not":
            tail = re.escape(normalize(row["word"])[2:])
            tails.append(tail if row.get("stem") else tail + _E)
    return "|".join(tails)


_FUTURE_V = rf"[وف]?س[يتن](?!طر|اس|ار|ن|ول|ه|اف|يف|را|تار|ين|وك|تي|وات|وي|رغ|{_future_not()})\w{{2,}}"
# What a weekday right after these starts from or is due by is the next such day (geo/rules/date_cues.jsonl).
_DUE_FROM = re.compile(rf"{_B}(?:{_alt(_cue_words('due_from'))})\s+(?:يوم\s+)?$")
# «ويفترض أن تنسحب» is due; «الهجوم الذي يفترض أنه وقع في 7 أبريل» is only supposed, and past (rows
# «due_not_after»), as is «وكان يفترض إدخال المساعدات، الإثنين» (was to be: rows «due_not_before»).
_NOT_DUE_BEFORE = "".join(rf"(?<!{re.escape(normalize(w))}\s)" for w in _cue_words("due_not_before"))
_DUE = (
    rf"{_NOT_DUE_BEFORE}{_alt(_cue_words('future_verb'))}{_E}"
    rf"(?!\s+(?:{_alt(_cue_words('due_not_after'))}){_E})"
)
_FUTURE = re.compile(rf"{_B}(?:{_alt(_FUTURE_WORDS)}{_E}|{_DUE}|{_FUTURE_V})")
_FUTURE_VERB = re.compile(
    rf"{_B}(?:{_alt(['سوف', 'وسوف', 'فسوف', 'المقرر', 'مقرر', 'يتوقع', 'المتوقع', 'يؤمل'])}{_E}|{_DUE}|{_FUTURE_V})"
)
_UNIT_WORDS = re.compile(
    r"\s*(?:متر|م|كم|كلم|كيلو|شخص|مقاتل|عنصر|دولار|جندي|قتيل|غاره|طن|برميل|الف|مليون)(?!\w)"
)


@dataclass(slots=True)
class _Cand:
    kind: str
    start: int  # in the normalised text
    end: int
    g: dict


@lru_cache(maxsize=65536)
def _dp(canonical: str, base: date | None = None, order: str | None = None) -> date | None:
    """dateparser on a canonical string; `base` only for relative expressions, so absolute ones share a cache."""
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    if order:
        settings["DATE_ORDER"] = order
    got = dateparser.parse(canonical, languages=["ar"], settings=settings)
    return got.date() if got else None


# A relative count of days or weeks («امس», «قبل 3 أيام») lands the same number of days from any base: it is
# asked of dateparser once, against this day, and shifted to the publication date, so that a corpus of
# many publication dates does not ask dateparser again for each (about 1 ms a call). Months are not
# shifted: «قبل شهر» from 31 March is 28 or 29 February.
_REF_DAY = date(2000, 1, 1)


def _dp_relative(canonical: str, base: date) -> date | None:
    if canonical.endswith("أشهر"):
        return _dp(canonical, base)
    got = _dp(canonical, _REF_DAY)
    return None if got is None else base + (got - _REF_DAY)


# dateparser reads «d <month> y» as date(y, m, d), and no such day as None, for every day number 1–31 of
# every month of these years (all 82,212 asked once, issue 8 §6; tests/test_dates.py asks every day of
# the first, the last and a leap year again). Within them `date` makes the day itself: a cold run over the
# corpus asked dateparser ~300 such days, at about 1 ms each.
DATEPARSER_AGREES_YEARS = (1890, 2110)


def _day_date(y: int, m: int, d: int) -> date | None:
    """A calendar day as dateparser reads its canonical Gregorian form; impossible days give None."""
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return None
    if DATEPARSER_AGREES_YEARS[0] <= y <= DATEPARSER_AGREES_YEARS[1]:
        try:
            return date(y, m, d)
        except ValueError:  # 30 February, 31 April
            return None
    return _dp(f"{d} {_CANON_MONTH[m]} {y}")


def _month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _vague_month(y: int, m: int, v: str | None) -> tuple[date, date, int]:
    first, last = _month_range(y, m)
    if v == "early":
        return first, first.replace(day=10), 2
    if v == "mid":
        return first.replace(day=11), first.replace(day=20), 2
    if v == "late":
        return first.replace(day=21), last, 2
    return first, last, 3


def _vague_year(y: int, v: str | None) -> tuple[date, date]:
    spans = {"early": ((1, 1), (4, 30)), "mid": ((5, 1), (8, 31)), "late": ((9, 1), (12, 31))}
    (m1, d1), (m2, d2) = spans.get(v, ((1, 1), (12, 31)))
    return date(y, m1, d1), date(y, m2, d2)


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


_SPACES = re.compile(r"\s+")


def _one_space(s: str) -> str:
    """Each run of whitespace one space (re.sub(r"\\s+", " ", s)); a word of letters has none."""
    return s if s.isalnum() else _SPACES.sub(" ", s)


# The clause after the last of these characters (`_after_last`): a sentence's ends, with the comma, and
# with the colon for «منذ».
_STOPS, _STOPS_COMMA, _STOPS_SINCE = ".!?؟؛\n", ".!?؟؛\n،,", ".!?؟؛:\n،,"
_NOT_STOP = {
    stops: re.compile("[^" + re.escape(stops) + "]*") for stops in (_STOPS, _STOPS_COMMA, _STOPS_SINCE)
}


def _after_last(s: str, stops: str) -> str:
    """`s` after the last of `stops` in it (all of `s` when none): s[max(s.rfind(ch) for ch in stops) + 1 :],
    read as the run of other characters at the end of `s`, matched on `s` reversed."""
    return s[len(s) - _NOT_STOP[stops].match(s[::-1]).end() :]


def _day_number(s: str) -> int:
    s = _one_space(s)
    if s in _ORDINAL_OF:
        return _ORDINAL_OF[s]
    return int(re.sub(r"\D", "", s))


class _Resolver:
    """Resolves candidates in text order, remembering the last month named (for «منه», «الشهر نفسه»)."""

    def __init__(self, norm: str, published: date):
        self.norm = norm
        self.pub = published
        self.ctx: tuple[int, int] | None = None  # (year, month) last named

    def future_cue(self, pos: int, near: bool = False) -> bool:
        """A future marker in the clause before `pos`: same sentence, at most 150 characters back, or for
        a weekday (where the past is far likelier) a future verb within 60 characters."""
        lo = max(0, pos - (60 if near else 150))
        window = self.norm[lo:pos]
        if near and _DUE_FROM.search(window):  # «اعتبارا من الثلاثاء», «بحلول الاثنين»
            return True
        if near:  # «ومن المتوقع أن تجري، السبت، عملية»: a day set off by commas reads the clause before them
            head = window.rstrip()
            window = head[:-1] if head[-1:] in "،," else window
            window = _after_last(window, _STOPS_COMMA)
        window = _after_last(window, _STOPS)
        return (_FUTURE_VERB if near else _FUTURE).search(window) is not None

    def war_start(self, pos: int) -> bool:
        """The clause before `pos` (same sentence, 150 characters) retells the uprising's start («مهد الحركة
        الاحتجاجية التي اندلعت في منتصف آذار»), and is no anniversary of it («الذكرى السابعة للثورة»)."""
        window = self.norm[max(0, pos - 150) : pos]
        window = _after_last(window, _STOPS)
        return _WAR_START.search(window) is not None and _WAR_START_NOT.search(window) is None

    def year_for(self, m: int, g: dict, day: int | None, pos: int) -> tuple[int, str]:
        """The year of a month (with or without a day) from an explicit year, a qualifier or the rules above."""
        pub = self.pub
        if g.get("y"):
            return int(g["y"]), ""
        if g.get("yr") or g.get("yr2"):
            yq = _QUAL.get(g.get("yq") or g.get("yq2") or "")
            if yq == "same":  # «من العام ذاته»: the year last named
                return (self.ctx[0] if self.ctx else pub.year), ""
            return pub.year + {"past": -1, "next": 1}.get(yq, 0), ""
        q = _QUAL.get(g.get("q") or "")
        if q == "cur":
            note = "" if m == pub.month else "month differs from the publication month"
            return pub.year, note
        day = day or 1
        key = (m, day) if day else (m, 1)
        if q == "past":
            if day and g.get("has_day"):
                return (pub.year if key < (pub.month, pub.day) else pub.year - 1), ""
            return (pub.year if m < pub.month else pub.year - 1), ""
        if q == "next":
            if g.get("has_day"):
                return (pub.year if key > (pub.month, pub.day) else pub.year + 1), ""
            return (pub.year if m > pub.month else pub.year + 1), ""
        if self.war_start(pos):
            return WAR_START_YEAR, "the war's first year"
        future = self.future_cue(pos)
        if g.get("has_day"):
            y_next = pub.year if key > (pub.month, pub.day) else pub.year + 1
            ahead = (date(y_next, m, min(day, calendar.monthrange(y_next, m)[1])) - pub).days
            behind = (pub - date(y_next - 1, m, min(day, calendar.monthrange(y_next - 1, m)[1]))).days
            if (future and ahead <= 300) or (ahead <= 60 and ahead < behind):
                return y_next, ""
            return y_next - 1, ""
        if m == pub.month:
            return pub.year, ""
        if future and (m - pub.month) % 12 <= 6:
            return (pub.year if m > pub.month else pub.year + 1), ""
        return (pub.year if m < pub.month else pub.year - 1), ""

    def weekday_note(self, d: date, wd: str | None) -> str:
        if not wd:
            return ""
        said = _WEEKDAY_OF[_one_space(wd)]
        if said == d.weekday():
            return ""
        return f"weekday disagrees: text says {_WEEKDAY_EN[said]}, {d.isoformat()} is a {_WEEKDAY_EN[d.weekday()]}"

    def resolve(self, c: _Cand) -> tuple[date, date, int, str] | None:
        return getattr(self, "r_" + c.kind)(c)

    def _month(self, g: dict) -> int:
        return _MONTH_OF[_one_space(g["m"])]

    def r_daymonth(self, c: _Cand):
        g = c.g
        m = self._month(g)
        d = _day_number(g["d"])
        y, note = self.year_for(m, {**g, "has_day": True}, d, c.start)
        last = _day_date(y, m, d)
        if last is None:
            return None
        first, prec = last, 1
        if g.get("d1"):
            first = _day_date(y, m, _day_number(g["d1"]))
            if first is None or first > last:
                return None
            prec = 2
        if g.get("m2") and _MONTH_OF[_one_space(g["m2"])] != m:
            note = "paired month names disagree"
        self.ctx = (y, m)
        return first, last, prec, note or self.weekday_note(first, g.get("wd"))

    def r_month(self, c: _Cand):
        g = c.g
        m = self._month(g)
        y, note = self.year_for(m, {**g, "has_day": False}, None, c.start)
        first, last, prec = _vague_month(y, m, _VAGUE.get(_one_space(g["v"])) if g.get("v") else None)
        self.ctx = (y, m)
        return first, last, prec, note

    def r_dayof(self, c: _Cand):
        g = c.g
        q = _QUAL.get(g.get("q") or "")
        if g.get("this") or q == "cur":
            y, m = self.pub.year, self.pub.month
        elif q in ("past", "next"):
            y, m = _shift_month(self.pub.year, self.pub.month, -1 if q == "past" else 1)
        elif self.ctx:  # «منه», «من الشهر نفسه»
            y, m = self.ctx
        else:
            return None
        d = _day_date(y, m, _day_number(g["d"]))
        if d is None:
            return None
        self.ctx = (y, m)
        return d, d, 1, ""

    def r_relunit(self, c: _Cand):
        g, pub = c.g, self.pub
        unit = g.get("u") or g.get("u2") or g.get("u3")
        q = _QUAL.get(g.get("q") or "", "cur")
        v = _VAGUE.get(_one_space(g["v"])) if g.get("v") else None
        if unit == "الاسبوع":  # «مطلع الأسبوع الماضي» keeps the whole week
            if q == "past":
                return pub - timedelta(days=7), pub - timedelta(days=1), 2, "week"
            if q == "next":
                return pub + timedelta(days=1), pub + timedelta(days=7), 2, "week"
            monday = pub - timedelta(days=pub.weekday())
            return monday, monday + timedelta(days=6), 2, "week"
        if unit == "الشهر":
            if q == "same":
                if not self.ctx:
                    return None
                y, m = self.ctx
            else:
                y, m = _shift_month(pub.year, pub.month, {"past": -1, "next": 1}.get(q, 0))
            self.ctx = (y, m)
            first, last, prec = _vague_month(y, m, v)
            return first, last, prec, ""
        if q == "same":
            if not self.ctx:
                return None
            y = self.ctx[0]
        else:
            y = pub.year + {"past": -1, "next": 1}.get(q, 0)
        first, last = _vague_year(y, v)
        return first, last, 3, "year"

    def r_year(self, c: _Cand):
        g = c.g
        before = self.norm[max(0, c.start - 12) : c.start].split()
        prev = before[-1] if before else ""
        if prev in _NOT_YEAR_BEFORE or _UNIT_WORDS.match(self.norm, c.end):
            return None
        clitic = c.start > 0 and self.norm[c.start - 1] in "وبل" and c.g.get("core_clitic")
        if not (g.get("yw") or g.get("v") or prev in _YEAR_PREPS or clitic):
            return None
        first, last = _vague_year(int(g["y"]), _VAGUE.get(_one_space(g["v"])) if g.get("v") else None)
        return first, last, 3, "year"

    def r_deictic(self, c: _Cand):
        g, pub = c.g, self.pub
        x = _one_space(g["x"])
        if x == "اليوم":
            after = self.norm[c.end : c.end + 12].split()
            if not g.get("wd") and after and after[0] in _NOT_TODAY_N:
                return None
            before = self.norm[max(0, c.start - 8) : c.start].split()
            if not g.get("wd") and before and before[-1] in ("ذلك", "ذات", "هذا", "روسيا"):
                return None
        canonical = {"اول من امس": "قبل يومين", "اول امس": "قبل يومين", "امس الاول": "قبل يومين"}
        canonical |= {"البارحه": "امس", "الليله الماضيه": "امس", "الامس": "امس", "يوم غد": "غدا", "غد": "غدا"}
        if x == "بعد غد":
            d = _dp_relative("غدا", pub)
            d = d + timedelta(days=1) if d else None
        else:
            d = _dp_relative(canonical.get(x, x), pub)
        if d is None:
            return None
        if g.get("wd") and d <= pub:  # «اليوم الأربعاء», «أمس الثلاثاء»: the day the story was told of
            return self.named_weekday(d, g["wd"])
        return d, d, 1, self.weekday_note(d, g.get("wd"))

    def named_weekday(self, d: date, wd: str) -> tuple[date, date, int, str]:
        """The weekday named after «اليوم/أمس»: the such day from 5 days before the day the word gives to
        _NAMED_DAYS_AHEAD after it (wire copy told on Wednesday «اليوم الأربعاء» is often published on
        Thursday); more than MAX_TOLD_LAG_DAYS before publication the name is ignored, the word's day kept."""
        said = _WEEKDAY_OF[_one_space(wd)]
        ahead = (said - d.weekday()) % 7
        try:
            named = d + timedelta(days=ahead) if ahead <= _NAMED_DAYS_AHEAD else d - timedelta(days=7 - ahead)
        except OverflowError:  # a publication day at the calendar's edge: the word's own day stands
            return d, d, 1, self.weekday_note(d, wd)
        lag = (self.pub - named).days
        if named == d:
            return d, d, 1, ""
        if lag > MAX_TOLD_LAG_DAYS:
            return (
                d,
                d,
                1,
                f"{self.weekday_note(d, wd)}; the {_WEEKDAY_EN[said]} before is {lag} days off: ignored",
            )
        when = "the publication day" if lag == 0 else "1 day before publication" if lag == 1 else ""
        when = when or (
            f"{lag} days before publication" if lag > 0 else f"{-lag} day after publication (GMT)"
        )
        return named, named, 1, f"the {_WEEKDAY_EN[said]} named, {when}"

    def r_weekday(self, c: _Cand):
        g, pub = c.g, self.pub
        wd = _WEEKDAY_OF[g["wd"]]
        q = _QUAL.get(g.get("q") or "")
        back = (pub.weekday() - wd) % 7
        if q == "past":
            d = pub - timedelta(days=(back or 7) + (7 if g.get("before") else 0))  # «السبت قبل الماضي»
        elif q == "next":
            d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
        elif self.future_cue(c.start, near=True):
            d = pub + timedelta(days=(wd - pub.weekday()) % 7)
        elif back == _DAY_AFTER_BACK and self.future_cue(c.start):  # «وسيعقد القادة قمة في بروكسل، الأربعاء»
            d = pub + timedelta(days=1)
        else:
            d = pub - timedelta(days=back)
        return d, d, 1, ""

    def r_night(self, c: _Cand):
        """«ليل الاثنين الثلاثاء»: the night from Monday into Tuesday is dated to the day it ends on, Tuesday (as
        the gold guide dates it, and as «ليل الأربعاء» alone is the Wednesday), the first weekday read as
        «الاثنين» alone would be."""
        first, _, _, _ = self.r_weekday(c)
        day = first + timedelta(days=1)
        return day, day, 1, "night"

    def r_ago(self, c: _Cand):
        g = c.g
        u = g["u"]
        n = g.get("n")
        if u.endswith("ين"):  # dual: يومين، أسبوعين، شهرين
            if n:
                return None
            n, u = 2, {"يومين": "ايام", "اسبوعين": "اسابيع", "شهرين": "اشهر"}[u]
        elif n is None:
            few = {"ايام": (7, 1, 2), "اسابيع": (42, 7, 3), "اشهر": (180, 30, 3), "شهور": (180, 30, 3)}
            if u in few and g["pre"] == "قبل":  # «قبل أيام», «قبل أشهر»: a few, so a range
                far, near, prec = few[u]
                return self.pub - timedelta(days=far), self.pub - timedelta(days=near), prec, "approximate"
            if u not in ("اسبوع", "اسبوعا", "شهر", "شهرا"):
                return None
            n = 1
        else:
            n = int(n) if n.isdigit() else _NUMBER_OF[n]
        unit = "أيام" if u.startswith(("اي", "يو")) else "أسابيع" if u.startswith("اس") else "أشهر"
        d = _dp_relative(f"قبل {n} {unit}", self.pub)
        if d is None:
            return None
        prec = {"أيام": 1, "أسابيع": 2, "أشهر": 3}[unit]
        since = "since" if g["pre"] == "منذ" else ""  # «منذ» may open a period that runs to publication
        if prec == 1 and not g.get("approx"):
            return d, d, 1, since
        if prec == 1:  # «قبل نحو عشرة أيام»: about then
            return d - timedelta(days=1), min(d + timedelta(days=1), self.pub), 2, since or "approximate"
        half = 3 if prec == 2 else 15
        return d - timedelta(days=half), min(d + timedelta(days=half), self.pub), prec, since or "approximate"

    def r_vague(self, c: _Cand):
        g, pub = c.g, self.pub
        u = g["u"]
        ahead = _QUAL.get(g["q"]) == "next"
        days = {"الساعات": 1, "ساعه": 1, "الايام": 7, "يوما": 7, "الاسابيع": 28, "الاشهر": 90, "الشهور": 90}[
            u
        ]
        m = re.match(r"ال\s*(\d+)", g["core"])
        n = int(m.group(1)) if m else int(g["n"]) if g.get("n") else None
        if u in ("ساعه", "يوما") and not m:
            return None
        if n and u in ("يوما", "الايام"):
            days = n
        elif n and u in ("ساعه", "الساعات"):
            days = max(1, n // 24)
        elif n and u == "الاسابيع":
            days = 7 * n
        days = min(days, MAX_REACH_DAYS)
        prec = 2 if days <= 7 else 3
        if ahead:
            return pub + timedelta(days=1), pub + timedelta(days=days), prec, "vague"
        # «قتل 12 ألفا خلال الأيام الماضية»: the count runs up to the time of writing, the publication day
        # included (as «اليومين الأخيرين» and «الساعات الماضية» do)
        return pub - timedelta(days=days), pub, prec, "vague"

    def r_dual(self, c: _Cand):
        """«اليومين الأخيرين» … «الشهرين المقبلين»: the two units before (or after) publication."""
        days = {"اليومين": 2, "الاسبوعين": 14, "الشهرين": 61}[c.g["u"]]
        prec = 2 if days <= 14 else 3
        if c.g["q"] in ("المقبلين", "القادمين"):
            return self.pub + timedelta(days=1), self.pub + timedelta(days=days), prec, "vague"
        return self.pub - timedelta(days=days), self.pub, prec, "vague"

    def r_weekof(self, c: _Cand):
        """«الأسبوع الثاني من شباط»: days 8–14 of that month (the k-th seven days; «الأخير» the last seven)."""
        g = c.g
        m = self._month(g)
        y, note = self.year_for(m, {**g, "has_day": False}, None, c.start)
        month_first, month_last = _month_range(y, m)
        k = _ORDINAL_OF.get(g["k"])
        if k is None:  # «الأخير»
            first, last = month_last - timedelta(days=WEEK_DAYS - 1), month_last
        elif k > _WEEKS_IN_MONTH:
            return None
        else:
            first = month_first + timedelta(days=WEEK_DAYS * (k - 1))
            last = min(first + timedelta(days=WEEK_DAYS - 1), month_last)
        self.ctx = (y, m)
        return first, last, 2, note or "week"

    def r_weekend(self, c: _Cand):
        """«خلال نهاية الأسبوع»: the last weekend begun on or before publication, Friday to Sunday (the Arab
        weekend is Friday–Saturday, the Western one Saturday–Sunday; the press writes both), not past the
        report; with a future cue before it, the first one from publication on."""
        back = (self.pub.weekday() - _FRIDAY) % 7
        friday = self.pub + timedelta(days=(7 - back) % 7) if self.future_cue(c.start) else self.pub - timedelta(days=back)
        last = friday + timedelta(days=_WEEKEND_DAYS - 1)
        return friday, last if friday > self.pub else min(last, self.pub), 2, "week"

    def r_numeric(self, c: _Cand):
        s = c.g["core"]
        order = "YMD" if re.match(r"\d{4}", s) else "DMY"
        d = _dp(s.replace(".", "/"), None, order)
        if d is None:
            return None
        self.ctx = (d.year, d.month)
        return d, d, 1, ""


WEEK_DAYS = 7
_WEEKS_IN_MONTH = 5  # «الأسبوع الخامس من» is the 29th on; no month has a sixth
_FRIDAY = 4  # date.weekday()
_WEEKEND_DAYS = 3  # Friday, Saturday, Sunday: either convention's weekend


_NOT_TODAY_N = {normalize(w) for w in _NOT_TODAY}


_MONTH_WORDS = tuple({k.split()[0] for k in _MONTH_OF})
_WEEKDAY_WORDS = tuple(_WEEKDAY_OF)
# Words every match of a pattern holds: a pattern runs only in the stretches of text that hold one.
_NEEDS = {
    "daymonth": _MONTH_WORDS,
    "month": _MONTH_WORDS,
    "dayof": ("منه", "الشهر"),
    "relunit": ("الشهر", "الاسبوع", "العام", "السنه"),
    "deictic": ("امس", "اليوم", "غد", "البارحه", "الليله"),
    "weekday": _WEEKDAY_WORDS,
    "night": ("ليل",),
    "ago": ("قبل", "منذ"),
    "vague": ("الايام", "الاسابيع", "الساعات", "الاشهر", "الشهور", "ساعه", "يوما"),
    "dual": ("اليومين", "الاسبوعين", "الشهرين"),
    "weekof": ("الاسبوع",),
    "weekend": ("الاسبوع",),
}
# Every match of "year" and "numeric" holds «19» or «20» (both patterns name the year that way).
_NEEDS["year"] = _NEEDS["numeric"] = ("19", "20")
# Characters no element of any pattern but "numeric" can match (not a word character, not a space, not
# «، , / - – ( )»): no match crosses one and no lookaround reads past one, so a pattern scanned over the
# stretch between two of them (the one after included) finds exactly what it finds in the whole text.
# tests/test_dates.py checks this against the parsed patterns.
_BARRIERS = ".!?؟؛:;«»\"'"
_BARRIER = re.compile("[" + re.escape(_BARRIERS) + "]")
_NUMERIC_CHARS = "/.-"  # with the digits: all "numeric" matches and its lookarounds read
_WORD_CHAR = re.compile(r"\w")
# Month names end at a word end (after the name or after its paired name): a word that only contains
# one («الإرهاب») is no anchor.
_WORD_END_ONLY = frozenset(_MONTH_WORDS)
# …and in a match a month name starts a word, follows a clitic that does (_CL), a day number («5آب») or
# the month name it pairs with, which may stand glued before it (_MONTH's «m2»): «آب» ending «الإرهاب»,
# «الكتاب», «الشباب» (a third of all anchor words found in the corpus) starts no match.
_CLITIC_1, _CLITIC_2 = "وفبل", ("وب", "ول", "فب", "فل", "وك")  # _CL's clitics
_MONTH_LAST_WORDS = tuple({k.split()[-1] for k in _MONTH_OF})


def _month_may_start(norm: str, s: int) -> bool:
    """Whether a month name found at `s` can be part of a match (see above); a cheap test, no regex."""
    if s == 0 or _word_start(norm, s) or norm[s - 1].isdecimal():
        return True
    if norm[s - 1] in _CLITIC_1 and _word_start(norm, s - 1):
        return True
    if s >= 2 and norm[s - 2 : s] in _CLITIC_2 and _word_start(norm, s - 2):
        return True
    return norm.endswith(_MONTH_LAST_WORDS, 0, s)


def _word_start(norm: str, i: int) -> bool:
    """No word character (regex \\w: str.isalnum or «_») before offset i."""
    return i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] == "_")


def _anchor_automaton() -> ahocorasick.Automaton:
    """One pass over the text finds the words of every pattern (overlapping, each with its patterns)."""
    kinds: dict[str, list[str]] = {}
    for kind, words in _NEEDS.items():
        for w in words:
            kinds.setdefault(w, []).append(kind)
    auto = ahocorasick.Automaton()
    for w, ks in kinds.items():
        auto.add_word(w, (len(w), tuple(ks), w in _WORD_END_ONLY))
    auto.make_automaton()
    return auto


_AUTOMATON = _anchor_automaton()


def _stretches(norm: str) -> dict[str, list[tuple[int, int]]]:
    """For each pattern, the [pos, endpos) ranges of `norm`, in order, that hold every one of its matches:
    the stretches between barriers that hold one of its words ("numeric": the runs of digits and «/.-»)."""
    barriers = [m.start() for m in _BARRIER.finditer(norm)]
    pieces: dict[str, set[int]] = {}
    numeric: set[tuple[int, int]] = set()
    for end, (size, kinds, word_end) in _AUTOMATON.iter(norm):
        start = end - size + 1
        if word_end and (_WORD_CHAR.match(norm, end + 1) or not _month_may_start(norm, start)):
            continue
        piece = -1  # the stretch holding the word, found once for all its patterns
        for kind in kinds:
            if kind == "numeric":
                numeric.add(_numeric_run(norm, start, end + 1))
                continue
            if piece < 0:
                piece = bisect.bisect_left(barriers, start)
            pieces.setdefault(kind, set()).add(piece)
    n = len(norm)
    out = {kind: _merge_pieces(sorted(ix), barriers, n) for kind, ix in pieces.items()}
    out["numeric"] = sorted(numeric)
    return out


def _merge_pieces(ix: list[int], barriers: list[int], n: int) -> list[tuple[int, int]]:
    """Piece i runs from after barrier i-1 to barrier i included; neighbouring pieces join."""
    out: list[tuple[int, int]] = []
    for i in ix:
        lo = barriers[i - 1] + 1 if i else 0
        hi = barriers[i] + 1 if i < len(barriers) else n
        if out and out[-1][1] == lo:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _numeric_run(norm: str, start: int, end: int) -> tuple[int, int]:
    """The run of digits and «/.-» around [start, end), with the character after it (the lookahead's)."""
    while start > 0 and (norm[start - 1] in _NUMERIC_CHARS or norm[start - 1].isdecimal()):
        start -= 1
    while end < len(norm) and (norm[end] in _NUMERIC_CHARS or norm[end].isdecimal()):
        end += 1
    return start, min(end + 1, len(norm))


def _scan(norm: str):
    """(kind, match) for every pattern, kind by kind, each in text order: the matches `finditer` finds
    over the whole text, found by scanning only the stretches that can hold them."""
    stretches = _stretches(norm)
    for kind, rx in _COMPILED.items():
        for pos, endpos in stretches.get(kind, ()):
            for mt in rx.finditer(norm, pos, endpos):
                yield kind, mt


def _candidates(norm: str) -> list[_Cand]:
    out, names = [], []
    for kind, mt in _scan(norm):
        g = mt.groupdict()
        s, e = mt.span("core")
        g["core_clitic"] = s > mt.start()
        if kind == "month" and not _month_alone_ok(norm, s, g):
            continue
        if kind == "night" and (_WEEKDAY_OF[g["wd"]] + 1) % 7 != _WEEKDAY_OF[g["wd2"]]:
            continue  # «ليل السبت الاثنين» is no one night: its weekdays are read alone
        if kind == "daymonth" and _political_name(norm, s):
            names.append((s, e))  # «قوى 14 آذار»: nothing inside it is a date either
            continue
        out.append(_Cand(kind, s, e, g))
    blocked = _Spans()
    for s, e in names:  # political names never overlap one another: each is one daymonth match
        if not blocked.overlaps(s, e):
            blocked.add(s, e)
    return [c for c in out if not blocked.overlaps(c.start, c.end)]


def _month_alone_ok(norm: str, s: int, g: dict) -> bool:
    """«مارس» is also a verb, «آب» a father: alone they need a preposition, «شهر», a year or a qualifier."""
    if _one_space(g["m"]) not in _AMBIGUOUS_MONTHS or g.get("m2") or g.get("v"):
        return True
    if g.get("y") or g.get("q") or g.get("yq") or norm.startswith("شهر", s):
        return True
    before = norm[max(0, s - 8) : s].split()
    return bool(before) and before[-1] in ("في", "خلال", "منذ", "حتي", "مطلع", "منتصف", "اواخر", "نهايه")


def _political_name(norm: str, s: int) -> bool:
    before = norm[max(0, s - 10) : s].split()
    return bool(before) and before[-1] in _NAME_LEADS


class _Spans:
    """Non-overlapping [start, end) spans, sorted: an overlap test costs a bisection, not a scan
    (a long text has thousands of candidates; testing each against all taken was quadratic)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before `end`; the last one may reach in
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping, longest first (earlier start breaks ties), returned in text order."""
    taken: list[_Cand] = []
    spans = _Spans()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if not spans.overlaps(c.start, c.end):
            spans.add(c.start, c.end)
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def find_time_spans(text: str, published: date, doc: Doc | None = None) -> list[TimeSpan]:
    """Every temporal expression in `text` with the days it covers, sorted by start and non-overlapping.
    `doc` is the text's geo.doc.Doc when the caller has one (its normalisation is read)."""
    if not text or published is None:  # every resolution here leans on the publication date
        return []
    nt = doc if doc is not None and doc.text is text else NormText(text)
    resolver = _Resolver(nt.norm, published)
    found: list[tuple[int, int, date, date, int, str]] = []
    chosen = _select(_candidates(nt.norm))
    _share_years(nt.norm, chosen)
    lo, hi = sane_bounds(published)
    for c in chosen:
        got = _resolve_guarded(resolver, c)
        if got is not None and lo <= got[0] <= got[1] <= hi:
            found.append((c.start, c.end, *got))
    spans = []
    for start, end, first, last, prec, note in _merge_ranges(nt.norm, found):
        if _after_since(nt.norm, start) and "since" not in note:
            note = f"{note}; since" if note else "since"
        s, e = nt.orig_span(start, end)
        spans.append(TimeSpan(s, e, text[s:e], first, last, prec, note))
    return spans


# The year the Syrian uprising began (15 March 2011): a bare month or day in a clause retelling it is of then.
WAR_START_YEAR = 2011
_WAR_START = re.compile(rf"{_B}(?:{_alt(_cue_words('war_start'))}){_E}")
_WAR_START_NOT = re.compile(rf"{_B}(?:{_alt(_cue_words('war_start_not'))}){_E}")
_SINCE_WORDS = frozenset(map(normalize, _cue_words("since_word")))
_SINCE_OPENERS = frozenset(map(normalize, _cue_words("since_opener")))
# Words from «منذ» to the span it opens: «منذ اندلاع الحرب في سوريا عام 2011» has four between.
_SINCE_REACH = 6
_SINCE_LOOKBACK = 80  # characters of the clause read before a span


def _after_since(norm: str, start: int) -> bool:
    """A span that is the start of a duration: right after «منذ» («منذ 19 نيسان»), or after «منذ» and a noun of
    beginning in its clause («منذ اندلاع الحرب في سوريا عام 2011»). Its note gets "since": it dates when a state
    began, not the day of what the sentence tells (the event stage reads the note)."""
    clause = norm[max(0, start - _SINCE_LOOKBACK) : start]
    clause = _after_last(clause, _STOPS_SINCE)
    words = clause.split()
    if words and words[-1] in _SINCE_WORDS:
        return True
    lo = max(0, len(words) - _SINCE_REACH)
    return any(words[k] in _SINCE_WORDS and words[k + 1] in _SINCE_OPENERS for k in range(lo, len(words) - 1))


def sane_bounds(published: date) -> tuple[date, date]:
    """The days a span of an article published then may cover: what the text can name outright
    (1900–2099) and what lies within MAX_REACH_DAYS of publication (clipped to the calendar)."""
    reach = timedelta(days=MAX_REACH_DAYS)
    lo = date.min if published < date.min + reach else published - reach
    hi = date.max if published > date.max - reach else published + reach
    return min(lo, _EARLIEST_NAMED), max(hi, _LATEST_NAMED)


def _resolve_guarded(resolver: _Resolver, c: _Cand):
    """A candidate resolved, or None when its arithmetic leaves the calendar (publication dates near
    year 1 or 9999 reach here from callers that did not go through the reader's range check)."""
    try:
        return resolver.resolve(c)
    except (OverflowError, ValueError):  # date(10000, 1, 1), date.min - 1 day, dateparser's own overflow
        return None


def _share_years(norm: str, chosen: list[_Cand]) -> None:
    """«من 28 أيار إلى 12 آب 2013»: the year stated once at the end holds for the start too."""
    for a, b in zip(chosen, chosen[1:], strict=False):
        dated = {"daymonth", "month"}
        bare = not (a.g.get("y") or a.g.get("q") or a.g.get("yr"))
        linked = _RANGE_LINK.fullmatch(norm, a.end, b.start)
        if a.kind in dated and b.kind in dated and bare and b.g.get("y") and linked:
            later = _MONTH_OF[_one_space(a.g["m"])] > _MONTH_OF[_one_space(b.g["m"])]
            a.g["y"] = str(int(b.g["y"]) - later)


_RANGE_LINK = re.compile(r"\s*(?:(?:و\s*)?(?:الي|حتي)|و|-|–)\s*")
_RANGE_OPEN = re.compile(r"(?:من|بين|منذ|خلال\s+الفتره\s+(?:من|بين))\s*$")


def _merge_ranges(norm: str, found: list) -> list:
    """«من 28 حزيران إلى 3 تموز», «بين 2011 و2017»: two days (or two years) become one stated range."""
    out: list = []
    for item in found:
        if out:
            a = out[-1]
            kinds = {(1, ""), (3, ""), (3, "year")}  # days, months, years
            same = a[4] == item[4] and a[5] == item[5] and (a[4], a[5]) in kinds
            if (
                same
                and a[2] < item[3]
                and (item[3] - a[2]).days <= {1: 186, 3: 40 * 366}[a[4]]
                and _RANGE_LINK.fullmatch(norm, a[1], item[0])
                and _RANGE_OPEN.search(norm, max(0, a[0] - 20), a[0])
            ):
                note = "year" if a[5] == "year" else ""
                out[-1] = (a[0], item[1], a[2], item[3], max(2, a[4]), note)
                continue
        out.append(item)
    return out
