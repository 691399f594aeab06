"""Arabic text as the matcher sees it: one normalised view, with every offset traceable to the original.

Matching runs on the normalised string; what reaches users (Mention.surface, start, end) must be the
original characters. `NormText` keeps both and maps spans across. The letter folds come from
pyarabic.araby (strip_tashkeel, strip_small, strip_tatweel, normalize_hamza "tasheel",
normalize_alef, normalize_teh), applied once per character to build a translation table; added here:
alef maqsura → yeh, Persian yeh/kaf, Quranic marks, Arabic-Indic/Persian digits, spaces and bidi marks.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata

import numpy as np
from pyarabic import araby

_DELETE = ""


def _fold_char(c: str) -> str:
    """One character through pyarabic's folds, plus the few it does not cover."""
    cat = unicodedata.category(c)
    if cat == "Cf":  # ZWNJ, ZWJ, LRM/RLM, bidi embeddings, BOM
        return _DELETE
    if cat == "Zs" or c in "\u2028\u2029":
        return " "
    if cat == "Nd":
        return str(unicodedata.digit(c))
    if cat == "Mn" and "\u0600" <= c <= "\u08ff":  # tashkeel, superscript alef, Quranic annotation marks
        return _DELETE
    if c in "ىی":  # alef maqsura and Persian yeh read as yeh (pyarabic's normalize_alef would make it alef)
        return "ي"
    out = araby.strip_tatweel(araby.strip_small(araby.strip_tashkeel(c)))
    out = araby.normalize_teh(araby.normalize_alef(araby.normalize_hamza(out, method="tasheel")))
    return out.replace("ک", "ك").replace("ٱ", "ا")


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x0600, 0x0700), (0x0750, 0x0780), (0x08A0, 0x0900), (0x06F0, 0x06FA)]
    ranges += [(0x2000, 0x2030), (0x00A0, 0x00A1), (0x202F, 0x2030), (0x205F, 0x2070), (0xFEFF, 0xFF00)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            c = chr(cp)
            f = _fold_char(c)
            if f != c and len(f) <= 1:
                table[cp] = f
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


_TABLE = _table()
_DELETED = "".join(chr(cp) for cp, v in _TABLE.items() if v == _DELETE)
# Also dropped: a dash set between spaces, with the space after it, so that «حمص - حماة» reads
# «حمص حماة» and a name written with or without the dashes matches either way.
_DELETED_RUN = re.compile(r"(?:[" + re.escape(_DELETED) + r"]|(?<=\s)[-–—]\s)+")
_DELETED_MARKS = re.compile("[" + re.escape(_DELETED) + "]+")  # the same without dashes: 4× faster
_FOLD = {chr(cp): v for cp, v in _TABLE.items()}
# Only a few characters in ten change, so substituting them is ~2× faster than str.translate over all.
_FOLDED_CHAR = re.compile("[" + re.escape("".join(_FOLD)) + "]")


def _fold(s: str) -> str:
    return _FOLDED_CHAR.sub(lambda m: _FOLD[m.group()], s)


# The same folds as lookup tables over the Basic Multilingual Plane (no fold touches a character above it),
# for whole texts: NormText folds an article with two array lookups instead of a regex callback per letter.
BMP = 0x10000
_FOLD_CODE = np.arange(BMP, dtype=np.uint32)
for _c, _v in _FOLD.items():
    if _v:
        _FOLD_CODE[ord(_c)] = ord(_v)
_IS_DELETED = np.zeros(BMP, dtype=bool)
_IS_DELETED[[ord(c) for c in _DELETED]] = True
# Both in one table, for a text of the Basic Multilingual Plane: a character's fold, or _GONE when it is
# deleted (one lookup gives the folded text and the marks to drop).
_GONE = np.uint32(0xFFFFFFFF)
_FOLD_OR_GONE = np.where(_IS_DELETED, _GONE, _FOLD_CODE).astype(np.uint32)
# The regex's \s (str.isspace) and the dashes of _DELETED_RUN, over the same plane.
_IS_SPACE = np.fromiter((chr(cp).isspace() for cp in range(BMP)), dtype=bool, count=BMP)
_IS_DASH = np.zeros(BMP, dtype=bool)
_IS_DASH[[ord(c) for c in "-–—"]] = True


def codepoints(s: str) -> np.ndarray:
    """The code points of `s` as a uint32 array (lone surrogates too)."""
    return np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def from_codepoints(cps: np.ndarray) -> str:
    return cps.astype(np.uint32, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def _bmp_index(cps: np.ndarray) -> np.ndarray:
    """Code points clipped into the tables (an astral character reads U+FFFF: no fold, not deleted)."""
    return np.minimum(cps, BMP - 1)


def _fold_codepoints(cps: np.ndarray) -> np.ndarray:
    folded = _FOLD_CODE[_bmp_index(cps)]
    return np.where(cps < BMP, folded, cps) if len(cps) and cps.max() >= BMP else folded


def normalize(s: str) -> str:
    """The matching key of a name: folded letters, single spaces, no edge spaces."""
    return " ".join(_fold(_DELETED_RUN.sub("", s)).split())


# The last few texts normalised (a pipeline run handles one article at a time; a few more cover a
# caller that interleaves two). Keyed by the string, checked for identity, so an equal copy is rebuilt.
_RECENT_SIZE = 4
_RECENT: dict[str, NormText] = {}
_RECENT_LOCK = threading.Lock()


class NormText:
    """`text` folded for matching; `.orig_span(i, j)` maps a span of `.norm` back to `text`.

    Folding is one character to one or to none, so the map is a list of kept runs
    (norm offset, original offset); deleted marks inside a span stay inside its original span.
    """

    __slots__ = ("text", "norm", "codes", "_norm_starts", "_orig_starts")

    def __new__(cls, text: str):
        """The same text is normalised once: the geoparser, the date finder and geo.doc.Doc share it."""
        hit = _RECENT.get(text)
        if hit is not None and hit.text is text:
            return hit
        self = super().__new__(cls)
        self._build(text)
        with _RECENT_LOCK:  # threads may share the module (geo/parallel.py)
            while _RECENT and len(_RECENT) >= _RECENT_SIZE:
                _RECENT.pop(next(iter(_RECENT)))
            _RECENT[text] = self
        return self

    def _build(self, text: str) -> None:
        self.text = text
        dashes = " - " in text or " – " in text or " — " in text  # only then the dash rule is read
        cps = codepoints(text)
        if len(cps) and cps.max() >= BMP:  # rare (emoji, historic scripts): the regex, the tables one by one
            codes = _fold_codepoints(self._drop_runs(text, _DELETED_RUN) if dashes else self._drop_marks(cps))
        else:
            codes = self._fold_and_drop(cps, dashes)
        self.codes = codes  # `.norm` as code points (geo.doc.Doc tokenises on them)
        self.codes.flags.writeable = False
        self.norm = from_codepoints(self.codes)

    def _drop_runs(self, text: str, pattern: re.Pattern) -> np.ndarray:
        """The text without the matches of `pattern`, as code points; records the kept runs."""
        self._norm_starts, self._orig_starts = [0], [0]
        kept = prev = 0
        pieces = []
        for m in pattern.finditer(text):
            pieces.append(text[prev : m.start()])
            kept += m.start() - prev
            prev = m.end()
            self._norm_starts.append(kept)
            self._orig_starts.append(m.end())
        pieces.append(text[prev:])
        return codepoints("".join(pieces))

    def _drop_marks(self, cps: np.ndarray) -> np.ndarray:
        """The code points without the deleted marks (the matches of _DELETED_MARKS, each run of marks one
        match), with the same kept runs `_drop_runs` records: found with array operations."""
        drop = _IS_DELETED[_bmp_index(cps)]
        if not drop.any():
            self._norm_starts, self._orig_starts = [0], [0]
            return cps
        self._record_drops(drop)
        return cps[~drop]

    def _fold_and_drop(self, cps: np.ndarray, dashes: bool = False) -> np.ndarray:
        """`_fold_codepoints(self._drop_marks(cps))` for code points all below BMP, with one table lookup;
        with `dashes`, what `_drop_runs(text, _DELETED_RUN)` drops: also a dash between whitespace and the
        whitespace after it, read off the original characters as the regex's lookbehind reads them."""
        folded = _FOLD_OR_GONE.take(cps)  # take: 3× faster than indexing with a uint32 array
        drop = folded == _GONE
        if dashes and len(cps) > 2:
            space = _IS_SPACE.take(cps)
            dash = _IS_DASH.take(cps[1:-1]) & space[:-2] & space[2:]  # dash[k]: a dash rule at k + 1
            drop[1:-1] |= dash
            drop[2:] |= dash
        if not drop.any():
            self._norm_starts, self._orig_starts = [0], [0]
            return folded
        self._record_drops(drop)
        return folded[~drop]

    def _record_drops(self, drop: np.ndarray) -> None:
        """The kept runs (norm offset, original offset) around the runs of True of `drop`."""
        padded = np.zeros(len(drop) + 2, dtype=bool)
        padded[1:-1] = drop
        edges = np.flatnonzero(padded[1:] != padded[:-1])  # a run's start, its end, the next start …
        starts, ends = edges[0::2], edges[1::2]
        dropped_before = np.cumsum(ends - starts) - (ends - starts)
        self._norm_starts = [0, *(starts - dropped_before).tolist()]
        self._orig_starts = [0, *ends.tolist()]

    def orig(self, i: int) -> int:
        """Original offset of normalised character i (i == len(norm) maps to the end of the last kept char)."""
        k = bisect.bisect_right(self._norm_starts, i) - 1
        return self._orig_starts[k] + (i - self._norm_starts[k])

    def orig_span(self, i: int, j: int) -> tuple[int, int]:
        if j <= i:
            o = self.orig(i)
            return o, o
        return self.orig(i), self.orig(j - 1) + 1


# A full stop between digits (1.5) or after a one-letter abbreviation (أ.ف.ب) does not end a sentence.
# Read: a run of newlines, or of «!?؟», or of dots — all of them unless a digit stands before and after,
# then all but the last (\n+|[!?؟]+|(?<!\d)\.+|\.+(?!\d), written to start with one character class, which
# the regex engine scans for in C: 25% faster over the corpus, the same matches, tests/test_text.py).
_SENT_END = re.compile(r"[\n!?؟.](?:(?<=\n)\n*|(?<=[!?؟])[!?؟]*|(?<=\.)(?:(?<!\d\.)\.*|\.*(?!\d)))")


def _abbreviation(text: str, dot: int) -> bool:
    """A dot right after a one-letter word and right before a letter: أ.ف.ب, د.ب.أ."""
    before = text[dot - 1] if dot > 0 else ""
    before2 = text[dot - 2] if dot > 1 else " "
    after = text[dot + 1] if dot + 1 < len(text) else ""
    return before.isalpha() and not before2.isalpha() and after.isalpha()


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, whitespace trimmed, empty ones dropped."""
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group() == "." and _abbreviation(text, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return trimmed(text, spans)


def trimmed(text: str, spans) -> list[tuple[int, int]]:
    """The spans with leading and trailing whitespace cut off, empty ones dropped."""
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


# Share buttons, font-size widgets, photo placeholders and agency credits: not prose, never places.
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:تويتر|فيسبوك|فيس بوك|واتساب|Email|E-mail|Twitter|Facebook|WhatsApp|طباعة|صورة|"
    r"ت \+ ت - الحجم الطبيعي|شارك|مشاركة|أرسل لصديق)[ \t]*$",
    re.MULTILINE,
)
_CREDIT = re.compile(
    r"(?:(?<=[\s.])|^)(?:أ\.ف\.ب|أ\. ف\. ب|أ\.ب|ا\.ب|رويترز|إ\.ب\.أ|إي\.بي\.إيه|د\.ب\.أ|أ ف ب|AFP|Reuters|AP|EPA)"
    r"[ \t.]*$",
    re.MULTILINE,
)
_CREDIT_TOKENS = ("ف.ب", "أ.ب", "ا.ب", "ب.أ", "بي.", "أ ف ب", "رويترز", "AFP", "Reuters", "AP", "EPA")
_TRAILING = ("تويتر", "Email", "فيسبوك")


def furniture(text: str) -> list[tuple[int, int]]:
    """Spans of page furniture (share buttons, credits), sorted, so matchers can skip them."""
    spans = [m.span() for m in _FURNITURE_LINE.finditer(text)]
    if any(tok in text for tok in _CREDIT_TOKENS):  # the full pattern is slow; most texts have no credit
        spans += [m.span() for m in _CREDIT.finditer(text)]
    tail = text.rstrip()
    for word in _TRAILING:
        if tail.endswith(word):
            spans.append((len(tail) - len(word), len(tail)))
    return sorted(set(spans))
