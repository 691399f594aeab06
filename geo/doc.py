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

import re
from typing import NamedTuple

import numpy as np

from geo import morph
from geo.text import BMP, NormText, codepoints, from_codepoints, sentences

_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")


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
        "text", "norm", "spaced", "surfaces", "starts", "ends", "sentences", "_n2o_map", "_identity",
        "_token_starts", "_token_ends", "_tokens", "_paragraphs", "_para_spans", "_frozen",
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
        object.__setattr__(self, "_frozen", False)  # set first: the immutability check then finds it at once
        self.text, self.norm = text, nt.norm
        self._identity = len(nt._norm_starts) == 1  # no mark deleted: norm offset i is original offset i
        # The offset map is an array only when a mark was deleted; the identity is read as arithmetic.
        self._n2o_map = None if self._identity else _norm_to_orig(nt, len(text))
        self._tokens = self._paragraphs = None
        self._tokenise(nt.codes)
        self._para_spans = _paragraph_spans(text)
        spans = sentences(text)
        owner = np.searchsorted(
            np.fromiter((p for p, _ in self._para_spans), np.int64, len(self._para_spans)),
            np.fromiter((s for s, _ in spans), np.int64, len(spans)),
            side="right",
        )
        self.sentences = tuple(self._spans(spans, np.maximum(owner - 1, 0).tolist()))
        self._frozen = True
        return self

    # ------------------------------------------------------------ offsets

    @property
    def _n2o(self) -> np.ndarray:
        """Original offset of every normalised character, plus one past the end (read-only)."""
        if self._n2o_map is None:
            identity = np.arange(len(self.norm) + 1, dtype=np.int64)
            identity.flags.writeable = False
            return identity
        return self._n2o_map

    def orig(self, i: int) -> int:
        """Original offset of normalised character i (i == len(norm) maps past the last kept character)."""
        return i if self._identity else int(self._n2o_map[i])

    def orig_span(self, i: int, j: int) -> tuple[int, int]:
        if self._identity:
            return (i, j) if j > i else (i, i)
        if j <= i:
            o = int(self._n2o_map[i])
            return o, o
        return int(self._n2o_map[i]), int(self._n2o_map[j - 1]) + 1

    def norm_offset(self, o: int) -> int:
        """The first normalised character at or after original offset o."""
        return int(self.norm_offsets(o))

    def norm_offsets(self, offsets) -> np.ndarray:
        offsets = np.asarray(offsets, dtype=np.int64)
        if self._identity:  # the first of 0, 1, … len(norm) - 1 at or after o (len(norm) past them)
            return np.clip(offsets, 0, len(self.norm))
        return np.searchsorted(self._n2o_map[: len(self.norm)], offsets, side="left")

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens [a, b) lying in the original span [start, end)."""
        ns, ne = self.norm_offsets((start, end))
        a, b = np.searchsorted(self._token_starts, (ns, ne), side="left")
        return int(a), int(b)

    # ------------------------------------------------------------ building

    @property
    def paragraphs(self) -> tuple[Span, ...]:
        """The paragraphs as `Span`s (built on first use; a sentence's `.paragraph` is known from the start)."""
        if self._paragraphs is None:
            object.__setattr__(self, "_paragraphs", tuple(self._spans(self._para_spans)))
        return self._paragraphs

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

    def _tokenise(self, cps: np.ndarray) -> None:
        """Token columns: normalised surfaces, original starts and ends. Word characters are found with one
        table lookup over the code points of `.norm` (numpy), and the surfaces cut by one `str.split` of
        `.spaced`."""
        if len(cps) and cps.max() >= BMP:  # rare (emoji, historic scripts)
            word = _word_mask(cps)
            self.spaced = from_codepoints(np.where(word | (cps == _UNDERSCORE), cps, _SPACE))
        else:  # one lookup each: the word mask, and the text with every other character a space
            word = _IS_WORD.take(cps)  # take: 3× faster than indexing with a uint32 array
            self.spaced = from_codepoints(_SPACED_CODE.take(cps))
        spaced = self.spaced.replace("_", " ") if "_" in self.spaced else self.spaced
        self.surfaces = tuple(spaced.split())
        ns, ne = _runs(word)
        if self._identity:
            self.starts, self.ends = tuple(ns.tolist()), tuple(ne.tolist())
        else:
            self.starts = tuple(self._n2o[ns].tolist())
            self.ends = tuple((self._n2o[ne - 1] + 1).tolist()) if len(ns) else ()
        for arr in (ns, ne):
            arr.flags.writeable = False
        self._token_starts, self._token_ends = ns, ne

    def _spans(self, spans: list[tuple[int, int]], paragraphs: list[int] | None = None) -> list[Span]:
        if not spans:
            return []
        flat = np.asarray(spans, dtype=np.int64).ravel()
        norm = flat if self._identity else self.norm_offsets(flat)
        toks = np.searchsorted(self._token_starts, norm, side="left").tolist()
        flat, norm = flat.tolist(), norm.tolist()
        paras = paragraphs or [-1] * len(spans)
        ends = slice(1, None, 2)
        return list(map(Span, flat[::2], flat[ends], norm[::2], norm[ends], toks[::2], toks[ends], paras))


# Word characters as the regex [^\W_] reads them (str.isalnum), for the Basic Multilingual Plane.
_IS_WORD = np.fromiter((chr(cp).isalnum() for cp in range(BMP)), dtype=bool, count=BMP)
_UNDERSCORE, _SPACE = ord("_"), ord(" ")
# `.spaced` of a character of the plane: itself when a word character or «_», else a space.
_SPACED_CODE = np.where(_IS_WORD, np.arange(BMP, dtype=np.uint32), np.uint32(_SPACE)).astype(np.uint32)
_SPACED_CODE[_UNDERSCORE] = _UNDERSCORE


def _word_mask(cps: np.ndarray) -> np.ndarray:
    word = _IS_WORD[np.minimum(cps, BMP - 1)]
    astral = np.flatnonzero(cps >= BMP)
    if len(astral):  # rare (emoji, historic scripts): asked one by one
        word[astral] = [chr(int(c)).isalnum() for c in cps[astral]]
    return word


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the maximal runs of True: the changes of the mask padded with False on both sides
    alternate between a run's start and its end."""
    padded = np.zeros(len(mask) + 2, dtype=bool)
    padded[1:-1] = mask
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return edges[0::2], edges[1::2]


def word_runs(s: str) -> tuple[np.ndarray, np.ndarray]:
    r"""(starts, ends) of the maximal runs of letters and digits of `s`: the matches of [^\W_]+."""
    return _runs(_word_mask(codepoints(s)))


def _norm_to_orig(nt: NormText, n_text: int) -> np.ndarray:
    """Original offset of every normalised character, plus one past the end: from NormText's kept runs
    (run k, from norm offset starts[k] to the next run's, is shifted by origs[k] - starts[k])."""
    n = len(nt.norm)
    out = np.arange(n + 1, dtype=np.int64)
    if len(nt._norm_starts) > 1:  # most texts have no mark to delete: the identity
        starts = np.asarray(nt._norm_starts, dtype=np.int64)
        lengths = np.empty_like(starts)
        lengths[:-1] = starts[1:] - starts[:-1]
        lengths[-1] = n + 1 - starts[-1]
        out += np.repeat(np.asarray(nt._orig_starts, dtype=np.int64) - starts, lengths)
    out.flags.writeable = False
    return out


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Runs of text between line breaks, whitespace trimmed, empty ones dropped: from the first to the last
    non-space character of each line."""
    return [m.span() for m in _PARAGRAPH.finditer(text)]
