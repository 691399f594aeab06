"""Property-based tests (hypothesis) over the public calls: whatever the input, no exception, and the
promises of docs/RELIABILITY.md hold.

Profiles: "ci" (default, a few thousand examples in all, well under a minute on two cores) and "long"
(HYPOTHESIS_PROFILE=long, 25× as many, for a run on demand). The ci profile is derandomised so a CI
failure reproduces; a failure either profile finds is kept below as an @example, so it stays fixed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, target
from hypothesis import strategies as st

from geo import dates, export
from geo.model import Article
from geo.reader import (
    EARLIEST_PUBLISHED,
    LATEST_PUBLISHED,
    ReadError,
    UnreadableText,
    decode_bytes,
    read_paths,
)
from geo.text import NormText, normalize

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("long", print_blob=True, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
SCALE = 25 if PROFILE == "long" else 1


def examples(n: int):
    """`n` examples under the ci profile, 25× under long."""
    return settings(max_examples=n * SCALE)


# ------------------------------------------------------------------------------ Arabic-ish text

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةىـًٌٍَُِّْ"
DATE_WORDS = [name for names in dates._MONTH_NAMES.values() for name in names]
DATE_WORDS += ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "يوم", "أمس", "اليوم"]
DATE_WORDS += ["غدا", "بعد غد", "أول من أمس", "الماضي", "الماضية", "المقبل", "المقبلة", "الجاري", "نفسه"]
DATE_WORDS += ["قبل", "منذ", "خلال", "الـ", "يوما", "الأيام", "الأسابيع", "الساعات", "الأشهر", "ساعة"]
DATE_WORDS += ["اليومين", "الأسبوعين", "الشهرين", "الأخيرين", "المقبلين", "عام", "العام", "سنة", "الشهر"]
DATE_WORDS += ["مطلع", "منتصف", "أواخر", "نهاية", "الأسبوع", "هذا", "من", "إلى", "بين", "و", "منه", "نحو"]
DATE_WORDS += ["الرابع عشر", "الحادي والعشرين", "ثلاثة", "عشرة", "أيام", "أسابيع", "أشهر", "شهرين"]
EVENT_WORDS = ["سيطرت", "قوات", "النظام", "على", "بلدة", "مدينة", "قرية", "ريف", "قصف", "غارة", "غارات"]
EVENT_WORDS += ["الطيران", "الروسي", "مقتل", "قتلى", "اشتباكات", "فصائل", "المعارضة", "تنظيم", "داعش"]
EVENT_WORDS += ["قسد", "انسحب", "استعادت", "هجوم", "في", "جنوب", "شمال", "شرق", "غرب", "محافظة", "حي"]
PUNCT = ["،", ".", "؛", "؟", "!", ":", "«", "»", '"', "(", ")", "-", "–", "/", "\n", "\n\n", "…"]
MARKS = ["\u200f", "\u200e", "\u061c", "\ufeff", "\u200b", "\u200d", "\u202b", "\u202c", "\u2067", "\xa0"]
HTML = ["<p>", "</p>", "<b>", "<script>alert(1)</script>", "<a href='x'>", "&amp;", "<br/>", "<!--", "]]>"]


def _place_names() -> list[str]:
    from geo import gazetteer

    gaz = gazetteer.load()
    names = sorted({p.name_ar for p in gaz.places.values() if p.name_ar and p.country == "SY"})
    return names[:: max(1, len(names) // 400)]


PLACES = _place_names()
NUMBER = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(1900, 2100).map(str),
    st.integers(0, 10**15).map(str),
    st.integers(0, 9999).map(lambda n: str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))),
    st.tuples(st.integers(0, 40), st.integers(0, 15), st.integers(1890, 2110)).map(
        lambda t: f"{t[0]}/{t[1]}/{t[2]}"
    ),
)
WORD = st.one_of(
    st.sampled_from(DATE_WORDS),
    st.sampled_from(EVENT_WORDS),
    st.sampled_from(PLACES),
    st.sampled_from(PUNCT),
    st.sampled_from(MARKS),
    st.sampled_from(HTML),
    NUMBER,
    st.text(st.sampled_from(LETTERS), min_size=1, max_size=8),
    st.characters(),
)
SEP = st.sampled_from([" ", " ", " ", " ", "، ", ". ", "\n", "", " - ", "\u200f ", "  "])
ARABIC_ISH = st.lists(st.tuples(WORD, SEP), max_size=80).map(lambda ws: "".join(w + s for w, s in ws))
ANY_DATE = st.dates(min_value=date.min, max_value=date.max)
SANE_DATE = st.dates(min_value=EARLIEST_PUBLISHED, max_value=LATEST_PUBLISHED)


def _one_line_text(s: str) -> bool:
    return "\n" not in s and "\r" not in s


def _valid_unicode(s: str) -> bool:
    s.encode("utf-8")  # raises on a lone surrogate
    return "\x00" not in s


# ------------------------------------------------------------------------------ reading bytes

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "latin-1"]


@st.composite
def encoded_text(draw) -> bytes:
    """Arabic-ish text in some encoding, maybe cut short, maybe with stray bytes in it."""
    text = draw(ARABIC_ISH)
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=4)) + data[at:]
    return data


@examples(600)
@given(st.one_of(st.binary(max_size=600), encoded_text()))
@example(b"\xff\xfe" + "سيطرت".encode("utf-16-le")[:-1])  # issue 12 §1: an odd byte count
@example("سيطرت\x00 قوات".encode("utf-16"))  # issue 12 §9: NULs in UTF-16
@example(b"\xfe\xff\xd8\x00")  # a lone high surrogate, big-endian
def test_decode_bytes_gives_text_or_a_one_line_reason(data):
    try:
        text = decode_bytes(data)
    except UnreadableText as exc:
        assert _one_line_text(str(exc)) and str(exc)
        return
    assert _valid_unicode(text) and text.strip()


@st.composite
def jsonl_record(draw) -> str:
    rec: dict = {}
    if draw(st.booleans()):
        rec["id"] = draw(st.one_of(st.text(max_size=10), st.integers(), st.none()))
    rec["text"] = draw(st.one_of(ARABIC_ISH, st.text(), st.integers(), st.none()))
    if draw(st.booleans()) and isinstance(rec["text"], str):
        rec["text"] += draw(st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3))
    if draw(st.booleans()):
        rec["published"] = draw(st.one_of(ANY_DATE.map(date.isoformat), st.text(max_size=12), st.integers()))
    for key in ("title", "source", "url"):
        if draw(st.booleans()):
            rec[key] = draw(st.text(max_size=10))
    line = json.dumps(rec, ensure_ascii=draw(st.booleans()))  # not ASCII: surrogates reach the bytes
    return draw(st.sampled_from([line, line[: len(line) // 2], "[" * 50, "null", line]))


FILE = st.one_of(
    st.tuples(st.just(".txt"), st.one_of(encoded_text(), st.binary(max_size=300))),
    st.tuples(
        st.just(".jsonl"),
        st.lists(jsonl_record(), max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")),
    ),
    st.tuples(st.just(".jsonl"), encoded_text()),
)


@examples(150)
@given(st.lists(FILE, min_size=1, max_size=5))
def test_read_paths_reads_every_file_or_says_why_in_one_line(files):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (suffix, data) in enumerate(files):
            path = Path(tmp) / f"in{i}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        items = list(read_paths([*paths, tmp]))
    assert len(items) >= 2 * len(paths) or any(s == ".jsonl" for s, _ in files)
    for item in items:
        if isinstance(item, ReadError):
            assert _one_line_text(item.message) and item.message
            continue
        assert isinstance(item, Article)
        assert _valid_unicode(item.text) and item.text.strip()
        for field in (item.article_id, item.source, item.title, item.url):
            field.encode("utf-8")
        assert item.published is None or EARLIEST_PUBLISHED <= item.published <= LATEST_PUBLISHED


# ------------------------------------------------------------------------------ normalising


@examples(600)
@given(st.one_of(ARABIC_ISH, st.text()))
def test_normalised_offsets_map_back_to_the_same_letters(text):
    nt = NormText(text)
    prev = -1
    for i, ch in enumerate(nt.norm):
        o = nt.orig(i)
        assert prev < o < len(text)
        prev = o
        assert normalize(text[o]) == ch.strip() or (ch == " " and (text[o].isspace() or text[o] in "-–—"))
    for i in range(len(nt.norm) + 1):
        for j in (i, min(len(nt.norm), i + 3)):
            s, e = nt.orig_span(i, j)
            assert 0 <= s <= e <= len(text)


# ------------------------------------------------------------------------------ dates


@examples(800)
@given(ARABIC_ISH, ANY_DATE)
@example("خلال الـ 800000 يوما الماضية", date(2017, 6, 1))  # issue 12 §3
@example("الساعات الـ 99999999999 الماضية", date(2017, 6, 1))
@example("الأسابيع الـ 7016 المقبلة", date(2017, 6, 1))
@example("في 5 حزيران الماضي وأمس والعام المقبل", date.min)  # issue 12 §4
@example("غدا وبعد غد والشهر المقبل", date.max)
def test_time_spans_for_any_publication_date(text, published):
    spans = dates.find_time_spans(text, published)
    lo, hi = dates.sane_bounds(published)
    end = 0
    for s in spans:
        assert text[s.start : s.end] == s.surface and s.surface
        assert s.start >= end  # sorted, not overlapping
        end = s.end
        assert lo <= s.first <= s.last <= hi
        assert s.precision in (1, 2, 3)


# ------------------------------------------------------------------------------ the whole analysis


@examples(400)
@given(text=ARABIC_ISH, published=st.one_of(SANE_DATE, st.none()))
# Found by the long profile: a place carried from the previous sentence lies outside the quote.
@example(text="اشتباكات أم الرجيم. يناير اشتباكات ", published=date(2000, 1, 1))
def test_analyse_any_article(text, published):
    from geo.gazetteer import load
    from geo.pipeline import analyse

    gaz = load()  # cached by the module after the first call
    # Articles reach the analysis through the reader, which repairs lone surrogates (see
    # test_read_paths_reads_every_file_or_says_why_in_one_line); the analysis is not asked to.
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    article = Article(article_id="p", text=text, published=published, source="s")
    result = analyse(article, gaz)
    target(float(len(result.events)), label="events")  # steer toward texts that yield events
    spans = set()
    for m in result.mentions:
        assert text[m.start : m.end] == m.surface
        spans.add((m.start, m.end))
    for s in result.spans:
        assert text[s.start : s.end] == s.surface
    lo, hi = dates.sane_bounds(published) if published else (date.min, date.max)
    for ev in result.events:
        assert text[ev.quote_start : ev.quote_start + len(ev.quote)] == ev.quote
        if ev.place_start >= 0:  # a mention of the article (not always in the quote: a place may
            # carry over from the paragraph's previous event)
            assert (ev.place_start, ev.place_end) in spans
        if ev.event_date is not None:
            assert lo <= ev.event_date <= (ev.date_last or ev.event_date) <= hi


# ------------------------------------------------------------------------------ exports

# What a reader or spreadsheet might drop before it looks for a formula: written out here, apart from
# geo.export, so the test does not grade the code with its own ruler.
_SKIPPABLE = re.compile(r"^[\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff\"'`´‘’“”«»\x00-\x1f]+")
_DANGER = ("=", "+", "-", "@")


def _exposed(cell: str) -> bool:
    """True if the cell could start a formula: its first character is tab or CR, or what is left after
    skipping blanks, bidi marks, BOM and quotes (NFKC-folded) begins = + - @ — unless the cell itself
    begins with the apostrophe a spreadsheet reads as "text"."""
    if cell.startswith("'"):
        return False
    if cell.startswith(("\t", "\r")):
        return True
    return _SKIPPABLE.sub("", unicodedata.normalize("NFKC", cell)).startswith(_DANGER)


LEADS = st.sampled_from([" ", "\xa0", "\u200f", "\u200e", "\u061c", "\ufeff", "\n", '"', "'", "\u3000", "\t"])
HOSTILE = st.tuples(
    st.lists(LEADS, max_size=4).map("".join),
    st.sampled_from(["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "\r", ""]),
    st.sampled_from(['HYPERLINK("http://x")', "1+1", "cmd|' /C calc'!A0", "سيطرت", ""]),
).map("".join)


SURROGATES = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3)


@examples(800)
@given(st.one_of(HOSTILE, st.text(), ARABIC_ISH, st.tuples(HOSTILE, SURROGATES).map("".join)))
@example(" =1+1")  # issue 12 §8: each lead the issue names
@example("\xa0=1+1")
@example("\u200f=1+1")
@example("\ufeff=1+1")
@example("\n=1+1")
@example('"=1+1')
@example("＝1+1")
def test_no_cell_begins_a_formula(value):
    cell = export.safe_cell(value)
    assert not _exposed(cell)
    kept = re.sub("[\ud800-\udfff]", "\ufffd", value)  # a lone surrogate cannot be written as UTF-8
    assert cell in (kept, "'" + kept)  # the text itself is kept


NUMBERS = ("latitude", "longitude", "confidence", "time_precision", "geo_precision")


@examples(150)
@given(
    st.lists(
        st.fixed_dictionaries(
            {c: st.one_of(HOSTILE, ARABIC_ISH, SURROGATES, st.none()) for c in export.SCHEMA}
        ),
        max_size=4,
    )
)
# Found by the long profile: a lone surrogate in a cell made the CSV writer raise UnicodeEncodeError.
@example([{c: None for c in export.SCHEMA} | {"country": "\ud800", "admin1": "\u3000+HYPERLINK(1)"}])
def test_csv_export_cells_never_begin_a_formula(rows):
    for row in rows:  # the numeric columns hold numbers (negative ones must stay numbers)
        for c in NUMBERS:
            row[c] = (-1 if "precision" in c else -1.5) if row[c] else None
    data = export.csv_bytes(rows).decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(data, newline="")))
    assert parsed[0] == list(export.SCHEMA) and len(parsed) == len(rows) + 1
    numeric = {export.SCHEMA.index(c) for c in NUMBERS}
    for line in parsed[1:]:
        for i, cell in enumerate(line):
            assert i in numeric or not _exposed(cell), (export.SCHEMA[i], cell)
