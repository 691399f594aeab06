"""One document per article: the text, its normalised view with one offset map, tokens, sentences, paragraphs.

`Doc.build(text)` (or `Doc.of(article)`) is made once per article by geo.pipeline.analyse and read by
actors and events; nothing downstream normalises or tokenises the text again. geo.text.NormText of the
same text is shared, not rebuilt, so the geoparser and the date finder reuse the same normalisation.

- `.text` the original; `.norm` the folded text (geo/text.normalize's folds, one char to one or none);
- `.orig_span(i, j)` a span of `.norm` back in `.text`; `.norm_offset(o)` an offset of `.text` in `.norm`
  (both read one integer array built with numpy from the runs of kept characters, no per-character loop);
- `.tokens` words of `.norm` (letters and digits), each a `Token` with its original offsets, its normalised
  surface, and geo.morph.analyse's proclitics / stem / pronoun suffix;
- `.sentences` / `.paragraphs`: `Span`s with original and normalised offsets and their token range;
  a sentence also knows its paragraph.

Everything is immutable (NamedTuples and tuples, numpy arrays marked read-only).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

import numpy as np

from geo import morph
from geo.text import NormText, sentences, trimmed

_PARAGRAPH_BREAK = re.compile(r"\n+")


class Token(NamedTuple):
    start: int  # original offsets
    end: int
    norm_start: int  # offsets in Doc.norm
    norm_end: int
    surface: str  # normalised, clitics included
    proclitics: str  # geo.morph.analyse's reading: «وبال»
    stem: str  # «سيطره»
    suffix: str  # pronoun suffix: «ها»


class Span(NamedTuple):
    start: int  # original offsets
    end: int
    norm_start: int
    norm_end: int
    first_token: int  # token range [first_token, last_token)
    last_token: int
    paragraph: int = -1  # index in Doc.paragraphs (sentences only)


class Doc:
    """See the module docstring. Attributes are set once in `build`; setting one later raises."""

    __slots__ = (
        "text", "norm", "surfaces", "starts", "ends", "sentences", "paragraphs", "_n2o", "_token_starts",
        "_token_ends", "_tokens", "_frozen",
    )  # fmt: skip

    def __setattr__(self, name, value):
        if getattr(self, "_frozen", False):
            raise AttributeError(f"Doc is immutable: cannot set {name}")
        object.__setattr__(self, name, value)

    @classmethod
    def of(cls, article) -> Doc:
        return cls.build(article.text)

    @classmethod
    def build(cls, text: str) -> Doc:
        nt = NormText(text)  # shared with the geoparser and the date finder (geo.text caches it)
        self = object.__new__(cls)
        self.text, self.norm = text, nt.norm
        self._n2o = _norm_to_orig(nt, len(text))
        self._tokens = None
        self._tokenise()
        self.paragraphs = tuple(self._spans(_paragraph_spans(text)))
        para_starts = [p.start for p in self.paragraphs]
        self.sentences = tuple(
            sp._replace(paragraph=max(0, bisect.bisect_right(para_starts, sp.start) - 1))
            for sp in self._spans(sentences(text))
        )
        self._frozen = True
        return self

    # ------------------------------------------------------------ offsets

    def orig(self, i: int) -> int:
        """Original offset of normalised character i (i == len(norm) maps past the last kept character)."""
        return int(self._n2o[i])

    def orig_span(self, i: int, j: int) -> tuple[int, int]:
        if j <= i:
            o = int(self._n2o[i])
            return o, o
        return int(self._n2o[i]), int(self._n2o[j - 1]) + 1

    def norm_offset(self, o: int) -> int:
        """The first normalised character at or after original offset o."""
        return int(np.searchsorted(self._n2o[: len(self.norm)], o, side="left"))

    def norm_offsets(self, offsets) -> np.ndarray:
        return np.searchsorted(self._n2o[: len(self.norm)], np.asarray(offsets, dtype=np.int64), side="left")

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens [a, b) lying in the original span [start, end)."""
        ns, ne = self.norm_offsets((start, end))
        a, b = np.searchsorted(self._token_starts, (ns, ne), side="left")
        return int(a), int(b)

    # ------------------------------------------------------------ building

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The words as `Token` records (built on first use; `.surfaces/.starts/.ends` are the columns)."""
        if self._tokens is None:
            ns, ne = self._token_starts.tolist(), self._token_ends.tolist()
            toks = tuple(
                Token(s, e, a, b, w, *morph.analyse(w))
                for w, s, e, a, b in zip(self.surfaces, self.starts, self.ends, ns, ne, strict=True)
            )
            object.__setattr__(self, "_tokens", toks)
        return self._tokens

    def _tokenise(self) -> None:
        """Token columns: normalised surfaces, original starts and ends. Word characters are found with one
        table lookup over the code points (numpy), not a per-character loop."""
        ns, ne = word_runs(self.norm)
        norm = self.norm
        self.surfaces = tuple(norm[a:b] for a, b in zip(ns.tolist(), ne.tolist(), strict=True))
        self.starts = tuple(self._n2o[ns].tolist())
        self.ends = tuple((self._n2o[ne - 1] + 1).tolist()) if len(ns) else ()
        for arr in (ns, ne):
            arr.flags.writeable = False
        self._token_starts, self._token_ends = ns, ne

    def _spans(self, spans: list[tuple[int, int]]):
        if not spans:
            return []
        flat = [o for s, e in spans for o in (s, e)]
        norm = self.norm_offsets(flat)
        toks = np.searchsorted(self._token_starts, norm, side="left").tolist()
        norm = norm.tolist()
        return [
            Span(s, e, norm[2 * k], norm[2 * k + 1], toks[2 * k], toks[2 * k + 1])
            for k, (s, e) in enumerate(spans)
        ]


# Word characters as the regex [^\W_] reads them (str.isalnum), for the Basic Multilingual Plane.
_BMP = 0x10000
_IS_WORD = np.fromiter((chr(cp).isalnum() for cp in range(_BMP)), dtype=bool, count=_BMP)


def word_runs(s: str) -> tuple[np.ndarray, np.ndarray]:
    r"""(starts, ends) of the maximal runs of letters and digits of `s`: the matches of [^\W_]+."""
    cps = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)  # lone surrogates too
    word = _IS_WORD[np.minimum(cps, _BMP - 1)]
    astral = np.flatnonzero(cps >= _BMP)
    if len(astral):  # rare (emoji, historic scripts): asked one by one
        word[astral] = [chr(int(c)).isalnum() for c in cps[astral]]
    edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
    return np.flatnonzero(edges == 1).astype(np.int64), np.flatnonzero(edges == -1).astype(np.int64)


def _norm_to_orig(nt: NormText, n_text: int) -> np.ndarray:
    """Original offset of every normalised character, plus one past the end: from NormText's kept runs."""
    n = len(nt.norm)
    starts = np.asarray(nt._norm_starts, dtype=np.int64)
    origs = np.asarray(nt._orig_starts, dtype=np.int64)
    idx = np.arange(n + 1, dtype=np.int64)
    run = np.searchsorted(starts, idx, side="right") - 1
    out = origs[run] + (idx - starts[run])
    out.flags.writeable = False
    return out


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Runs of text between line breaks, whitespace trimmed, empty ones dropped."""
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    starts = [0] + [e for _, e in breaks]
    ends = [s for s, _ in breaks] + [len(text)]
    return trimmed(text, zip(starts, ends, strict=True))
