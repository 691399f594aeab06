"""The shared document: one normalisation with offsets back to the original, tokens, sentences, paragraphs."""

from __future__ import annotations

import pytest

from geo.doc import Doc
from geo.text import NormText, sentences

TEXT = "قال مصدرٌ: سَيطرت قوات النظام على الرقّة.\n\nوقصفت الطائرات حلب!  ثم هدأت الجبهة"


def test_every_token_maps_back_to_its_original_characters():
    doc = Doc.build(TEXT)
    words = [TEXT[t.start : t.end] for t in doc.tokens]
    # a mark inside a word stays inside its span; a mark after the last letter is left out (as NormText)
    assert words[:4] == ["قال", "مصدر", "سَيطرت", "قوات"]
    assert "الرقّة" in words
    for t in doc.tokens:
        assert doc.norm[t.norm_start : t.norm_end] == t.surface
        assert doc.orig_span(t.norm_start, t.norm_end) == (t.start, t.end)


def test_offset_map_agrees_with_normtext_on_every_character():
    doc = Doc.build(TEXT)
    nt = NormText(TEXT)
    assert doc.norm == nt.norm
    for i in range(len(doc.norm)):
        assert doc.orig(i) == nt.orig(i)
        assert doc.norm_offset(doc.orig(i)) == i


def test_tokens_carry_proclitics_stem_and_suffix():
    doc = Doc.build("وبالسيطرة سيطرتها للجيش")
    parts = [(t.proclitics, t.stem, t.suffix) for t in doc.tokens]
    assert parts == [("وبال", "سيطره", ""), ("", "سيطرت", "ها"), ("لل", "جيش", "")]


def test_sentences_and_paragraphs_with_token_ranges():
    doc = Doc.build(TEXT)
    assert [(s.start, s.end) for s in doc.sentences] == sentences(TEXT)
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1]
    assert len(doc.paragraphs) == 2
    second = doc.sentences[1]
    assert [doc.surfaces[k] for k in range(second.first_token, second.last_token)] == [
        "وقصفت",
        "الطايرات",
        "حلب",
    ]


def test_doc_is_immutable_and_shares_the_normalisation():
    doc = Doc.build(TEXT)
    with pytest.raises(AttributeError):
        doc.norm = ""
    with pytest.raises(ValueError):
        doc._n2o[0] = 5  # the offset map is read-only
    assert NormText(TEXT) is NormText(TEXT)  # built once, reused by the geoparser and the dates


def test_empty_and_markless_texts():
    assert Doc.build("").tokens == ()
    assert Doc.build("   \n ").sentences == ()
    doc = Doc.build("ab 12")
    assert doc.surfaces == ("ab", "12") and doc.starts == (0, 3)


def test_word_view_paragraphs_and_offsets_match_their_plain_definitions(seed_articles):
    import re

    from geo.text import trimmed

    texts = [a.text for a in seed_articles.values()] + ["a_b «قسد»\u200f ١٢ 😀x\n\n  ز \r\n", "ـً"]
    for text in texts:
        doc = Doc.build(text)
        assert doc.spaced == re.sub(r"[^\w ]", " ", doc.norm)  # what the place matcher reads
        assert doc.surfaces == tuple(re.findall(r"[^\W_]+", doc.norm))
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        assert [(p.start, p.end) for p in doc.paragraphs] == trimmed(text, lines)
        nt = NormText(text)
        assert [doc.orig(i) for i in range(len(doc.norm) + 1)] == [
            nt.orig(i) for i in range(len(doc.norm) + 1)
        ]
