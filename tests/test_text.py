"""Normalisation for matching, offsets back to the original, sentences and page furniture."""

from __future__ import annotations

import re

from geo.text import NormText, furniture, normalize, sentences


def test_normalize_folds_spellings_of_one_name():
    assert normalize("سُورِيّة") == normalize("سورية") == "سوريه"
    assert normalize("حماة") == normalize("حماه")
    assert normalize("أستانة") == normalize("آستانة") == normalize("استانه")
    assert normalize("إدلب") == normalize("ادلب")
    assert normalize("الرقّـــة") == normalize("الرقة")
    assert normalize("ٱلرحمٰن") == "الرحمن"  # wasla and superscript alef
    assert normalize("مستشفى") == "مستشفي"  # alef maqsura → yeh, not alef
    assert normalize("الفرقة ١٧") == normalize("الفرقة ۱۷") == normalize("الفرقة 17")
    assert normalize("دير\u00a0الزور") == "دير الزور"
    assert normalize("دير\u200f الزور ") == "دير الزور"


def test_spans_in_normalised_text_map_back_to_the_original(seed_articles):
    text = seed_articles["004_21178bc9de1c0135"].text  # vocalised: shadda, fatha, kasra
    nt = NormText(text)
    assert len(nt.norm) < len(text)
    found = 0
    for m in re.finditer("الرقه", nt.norm):
        s, e = nt.orig_span(m.start(), m.end())
        assert normalize(text[s:e]) == "الرقه"
        assert not text[s].isspace() and not text[e - 1].isspace()
        found += 1
    assert found >= 10
    i = nt.norm.index("الرقه،")
    s, e = nt.orig_span(i, i + 5)
    assert text[s:e] == "الرقّة"


def test_every_normalised_character_maps_to_the_same_letter_folded():
    text = "قالَ المُتَحدّثُ إنّ «قسد» دخلت بالرقّـة، و١٢٣ كم\u200f جنوب إدلب."
    nt = NormText(text)
    for i, ch in enumerate(nt.norm):
        o = nt.orig(i)
        assert normalize(text[o]) == ch.strip() or (ch == " " and text[o].isspace())


def test_sentences_split_on_stops_but_not_inside_numbers_or_credits():
    text = "تقدمت القوات 1.5 كم في الرقة. هل انتهت المعركة؟ لا!\nصورة أ.ف.ب وصلت"
    spans = sentences(text)
    got = [text[s:e] for s, e in spans]
    assert got == ["تقدمت القوات 1.5 كم في الرقة.", "هل انتهت المعركة؟", "لا!", "صورة أ.ف.ب وصلت"]


def test_page_furniture_is_found(seed_articles):
    for aid, art in seed_articles.items():
        spans = furniture(art.text)
        words = {art.text[s:e].strip(" .") for s, e in spans}
        if aid.startswith("001"):
            assert {"ت + ت - الحجم الطبيعي", "Email"} <= words
        if aid.startswith(("000", "002", "003")):
            assert "تويتر" in words
    text = "ارتفاع أعمدة الدخان من أحد أحياء درعا. أ.ف.ب\nنص"
    assert [text[s:e].strip() for s, e in furniture(text)] == ["أ.ف.ب"]


def test_marks_are_dropped_as_the_regex_drops_them(seed_articles):
    """NormText drops tashkeel and bidi marks with array operations: the same text and the same kept runs
    as a regex scan of the marks (the way a text with a dash between spaces is still read)."""
    from geo.text import _DELETED_MARKS, _fold, from_codepoints

    texts = [a.text for a in seed_articles.values()] + ["\u064bأ\u064cب\u200f\u200fج\u064b", "😀\u0651x", ""]
    texts = [t.replace(" - ", " ").replace(" – ", " ").replace(" — ", " ") for t in texts]
    assert any("\u0651" in t for t in texts[:-3])  # a vocalised article is among them
    for text in texts:
        nt = NormText(text)
        scanned = object.__new__(NormText)
        kept = scanned._drop_runs(text, _DELETED_MARKS)
        assert nt.norm == _fold(from_codepoints(kept))
        assert (nt._norm_starts, nt._orig_starts) == (scanned._norm_starts, scanned._orig_starts)


def test_the_sentence_end_pattern_matches_its_plain_reading():
    """_SENT_END is written for speed; it finds what the plain alternation finds, on any mix of stops."""
    import random

    from geo.text import _SENT_END

    plain = re.compile(r"\n+|[!?؟]+|(?<!\d)\.+|\.+(?!\d)")
    rng = random.Random(1)
    for _ in range(20000):
        text = "".join(rng.choice("ab1٣. .\n!?؟ا") for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _SENT_END.finditer(text)] == [m.span() for m in plain.finditer(text)], text
