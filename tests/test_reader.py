import json
from datetime import date

import pytest

from geo.model import Article
from geo.reader import NO_DATE_RULE, ReadError, UnreadableText, decode_bytes, read_paths

ARABIC = "سيطرت قوات النظام على بلدة مسكنة في ريف حلب الشرقي."


def _read(paths, **kw):
    """What the reader gives, without the caveat of an undated article (tested on its own below)."""
    return [
        x for x in read_paths(paths, **kw) if not (isinstance(x, ReadError) and NO_DATE_RULE in x.message)
    ]


def test_seeds_folder_gives_five_articles_with_their_dates(seeds_dir):
    items = _read([seeds_dir])
    assert all(isinstance(a, Article) for a in items)
    by_id = {a.article_id: a for a in items}
    assert by_id["004_21178bc9de1c0135"].published == date(2017, 10, 23)
    assert by_id["000_8df6f48f5ac7b80d"].published == date(2017, 6, 15)
    assert "الرقة" in by_id["000_8df6f48f5ac7b80d"].text


def test_published_option_overrides(seeds_dir):
    items = _read([seeds_dir / "000_8df6f48f5ac7b80d.txt"], published=date(2020, 1, 2))
    assert items[0].published == date(2020, 1, 2)


def test_windows_1256_file_is_read(tmp_path):
    f = tmp_path / "legacy.txt"
    f.write_bytes(ARABIC.encode("cp1256"))
    (item,) = _read([f])
    assert isinstance(item, Article) and item.text == ARABIC


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 100, "binary"),
        (b"This is an English text about the weather in London.", "no Arabic"),
    ],
)
def test_bad_files_get_a_one_line_reason_and_the_others_still_read(tmp_path, payload, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(payload)
    good = tmp_path / "good.txt"
    good.write_text(ARABIC, encoding="utf-8")
    items = _read([bad, tmp_path / "missing.txt", good])
    assert isinstance(items[0], ReadError) and message in items[0].message
    assert "\n" not in str(items[0])
    assert isinstance(items[1], ReadError) and "no such file" in items[1].message
    assert isinstance(items[2], Article) and items[2].text == ARABIC


def test_huge_article_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50_000_000)
    (item,) = _read([big])
    assert isinstance(item, ReadError) and "too large" in item.message


# A saved news page: a script and a style holding Arabic, a site menu, a comment, entities, a link.
PAGE = """<!DOCTYPE html><html><head><title>خبر عاجل</title>
<script>var x = "قصفت طائرات روسية مدينة حلب"; document.write('<b>الرقة</b>');</script>
<style>.a{content:"دمشق"}</style></head>
<body><div class="main-nav">الرئيسية | سياسة | حمص | دمشق</div>
<p>قتل ثمانية مدنيين&nbsp;أمس في قصف مدفعي لقوات النظام على بلدة <a href="/tag/saraqib">سراقب</a>
في ريف إدلب.</p><!-- تعليق عن الرقة --><p>وأفاد الدفاع المدني &laquo;بإجلاء الجرحى&raquo;.<br>انتهى</p>
</body></html>"""
PAGE_TEXT = (
    "خبر عاجل\nقتل ثمانية مدنيين أمس في قصف مدفعي لقوات النظام على بلدة سراقب في ريف إدلب.\n"
    "وأفاد الدفاع المدني «بإجلاء الجرحى».\nانتهى"
)


def test_an_html_page_is_read_as_its_visible_text():
    assert decode_bytes(PAGE.encode()) == PAGE_TEXT
    assert decode_bytes(PAGE.encode("cp1256", errors="replace")).startswith("خبر عاجل\nقتل")
    # a fragment: tags go, entities are unescaped, and a «<» that is text stays
    assert (
        decode_bytes("<p>قصف على <b>إدلب</b> &amp; حماة: 3 < 5</p>".encode()) == "قصف على إدلب & حماة: 3 < 5"
    )
    # prose with a stray tag keeps its own paragraphs (no block tag lays it out)
    prose = "قصفت طائرات حربية مدينة دير الزور أمس <script>alert(1)</script>.\n\nواندلعت اشتباكات في الرقة."
    assert (
        decode_bytes(prose.encode()) == "قصفت طائرات حربية مدينة دير الزور أمس .\nواندلعت اشتباكات في الرقة."
    )
    # a menu or a form widget left open to the end keeps the text after it; an open script does not
    assert (
        decode_bytes("<nav>حلب<p>سيطرت قوات النظام على مسكنة</p>".encode())
        == "حلب\nسيطرت قوات النظام على مسكنة"
    )
    assert (
        decode_bytes("<p>سيطرت قوات النظام على مسكنة</p><script>قصف حلب".encode())
        == "سيطرت قوات النظام على مسكنة"
    )


@pytest.mark.parametrize(
    "text",
    [
        "قال المرصد إن عدد القتلى < 10 في بلدة مسكنة، و3<5، و<<عاجل>> «سيطرت» على ريف حلب.",
        "سيطرت قوات النظام على بلدة مسكنة\n\n  في ريف حلب <الشرقي> أمس.",
        "قتل 5 عناصر من قوات النظام <3 وسط مدينة حلب، حسب B&B للأنباء.",
    ],
)
def test_plain_text_holding_a_less_than_sign_is_left_alone(text):
    assert decode_bytes(text.encode()) == text


def test_an_html_page_file_or_record_warns_once_and_stores_the_clean_text(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    jl = tmp_path / "feed.jsonl"
    jl.write_text(json.dumps({"id": "f1", "text": PAGE, "published": "2018-03-14"}) + "\n", encoding="utf-8")
    items = _read([page, jl], published=date(2018, 3, 14))
    notes = [x for x in items if isinstance(x, ReadError)]
    assert [(n.fatal, "HTML page" in n.message) for n in notes] == [(False, True)] * 2
    assert [a.text for a in items if isinstance(a, Article)] == [PAGE_TEXT] * 2
    only_markup = tmp_path / "script.txt"
    only_markup.write_text("<html><script>قصفت طائرات روسية مدينة حلب</script></html>", encoding="utf-8")
    (err,) = _read([only_markup], published=date(2018, 3, 14))
    assert err.fatal and "no text outside the markup" in err.message


def test_a_script_in_an_html_article_gives_no_event_and_its_paragraph_does():
    from geo import gazetteer as gz
    from geo.pipeline import analyse

    article = Article("page", decode_bytes(PAGE.encode()), date(2018, 3, 14))
    result = analyse(article, gz.load())
    located = {x.place.name_en for x in result.located if x.place}
    assert "Aleppo" not in located and "Ar-Raqqah" not in located and "Homs" not in located
    assert [(e.place.name_en, e.fatalities) for e in result.events] == [("Saraqib", 8)]
    (ev,) = result.events
    assert "<" not in ev.quote and "&" not in ev.quote
    assert article.text[ev.quote_start : ev.quote_start + len(ev.quote)] == ev.quote
    assert article.text[ev.place_start : ev.place_end] == "سراقب"


def test_an_undated_article_gets_one_warning_that_says_the_date_rule(tmp_path):
    txt = tmp_path / "a3.txt"
    txt.write_text(ARABIC, encoding="utf-8")
    jl = tmp_path / "feed.jsonl"
    recs = [{"id": "r1", "text": ARABIC}, {"id": "r2", "text": ARABIC, "published": ""}]
    recs.append({"id": "r3", "text": ARABIC, "published": "2018-03-14"})
    jl.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    items = list(read_paths([txt, jl]))
    notes = [x for x in items if isinstance(x, ReadError)]
    assert len(notes) == 2 and not any(n.fatal for n in notes)
    assert notes[0].path == str(txt) and notes[0].message.startswith("no publication date")
    assert notes[1].path == str(jl) and notes[1].message.startswith("2 record(s) with no publication date")
    for n in notes:
        assert "\n" not in str(n) and "--published YYYY-MM-DD" in n.message and "day before" in n.message
    assert [a.published for a in items if isinstance(a, Article)] == [None, None, None, date(2018, 3, 14)]
    assert not [x for x in read_paths([txt, jl], published=date(2018, 3, 14)) if isinstance(x, ReadError)]


def test_decode_bytes_raises_readable_error():
    with pytest.raises(UnreadableText, match="binary"):
        decode_bytes(b"\x00" * 50)


def test_jsonl_records_bad_lines_and_bad_dates(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps({"id": "a1", "text": ARABIC, "published": "2018-03-01"}),
                "{not json",
                json.dumps({"id": "a3", "text": ARABIC, "published": "01/03/2018"}),
                '{"id": "a4", "text": ""}',
            ]
        ),
        encoding="utf-8",
    )
    items = _read([f])
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, ReadError)]
    assert [a.article_id for a in arts] == ["a1", "a3"]
    assert arts[0].published == date(2018, 3, 1) and arts[1].published is None
    assert any("malformed date" in e.message and not e.fatal for e in errs)
    assert sum(e.fatal for e in errs) == 2


# ------------------------------------------------------------------ issue 12: hostile and broken input

UTF16 = ARABIC.encode("utf-16")  # with its byte-order mark


@pytest.mark.parametrize(
    "payload",
    [
        UTF16[:-1],
        b"\xff\xfe" + ARABIC.encode("utf-16-le")[:9],
        b"\xff\xfe\x00\xd8" + ARABIC.encode("utf-16-le"),
    ],
    ids=["odd-byte-count", "truncated-mid-character", "lone-high-surrogate"],
)
def test_broken_utf16_is_one_line_error_and_the_good_file_beside_it_is_read(tmp_path, payload):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(payload)
    good = tmp_path / "good.txt"
    good.write_text(ARABIC, encoding="utf-8")
    bad_item, good_item = _read([bad, good])
    assert isinstance(bad_item, ReadError) and "malformed UTF-16" in bad_item.message
    assert "\n" not in str(bad_item)
    assert isinstance(good_item, Article) and good_item.text == ARABIC


def test_good_utf16_is_read_and_utf16_with_nuls_is_refused():
    assert decode_bytes(UTF16) == ARABIC
    with pytest.raises(UnreadableText, match="binary"):
        decode_bytes(("\x00" + ARABIC + "\x00\x00").encode("utf-16"))


def test_a_nul_past_the_first_8_kb_never_gets_through():
    with pytest.raises(UnreadableText, match="NUL"):
        decode_bytes((ARABIC * 200 + "\x00").encode("utf-8"))


def test_lone_surrogate_in_jsonl_is_repaired_with_a_warning_and_the_seeds_still_read(tmp_path, seeds_dir):
    f = tmp_path / "bad.jsonl"
    f.write_text(
        '{"id": "s\\udc80", "text": "' + ARABIC + ' \\ud800", "published": "2017-06-01"}\n', encoding="utf-8"
    )
    items = _read([seeds_dir, f])
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 6
    repaired = arts[-1]
    assert repaired.text == ARABIC + " \ufffd" and repaired.article_id == "s\ufffd"
    repaired.text.encode("utf-8")  # valid Unicode: the store can take it
    (warning,) = [i for i in items if isinstance(i, ReadError)]
    assert not warning.fatal and "surrogate" in warning.message


def test_nul_in_a_jsonl_text_becomes_a_space_so_offsets_stay(tmp_path):
    f = tmp_path / "nul.jsonl"
    f.write_text(json.dumps({"id": "n", "text": ARABIC + "\x00" + ARABIC}) + "\n", encoding="utf-8")
    warning, art = _read([f])
    assert art.text == ARABIC + " " + ARABIC and "NUL" in warning.message


def test_jsonl_with_a_non_utf8_line_and_deep_nesting_keeps_the_good_lines(tmp_path):
    f = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "g", "text": ARABIC}, ensure_ascii=False).encode()
    f.write_bytes(b"\xff\xfe\xfa\n" + b"[" * 100_000 + b"\n" + good + b"\n")
    items = _read([f])
    assert [type(i).__name__ for i in items] == ["ReadError", "ReadError", "Article"]
    assert "not UTF-8" in items[0].message and "nested too deeply" in items[1].message


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_publication_date_out_of_range_is_refused_at_read_time(tmp_path, published):
    f = tmp_path / "old.jsonl"
    f.write_text(json.dumps({"id": "o", "text": ARABIC, "published": published}) + "\n", encoding="utf-8")
    warning, art = _read([f])
    assert art.published is None
    assert "out of range" in warning.message and "1900-01-01" in warning.message


def test_named_pipe_is_refused_without_being_opened(tmp_path):
    import os

    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)  # opening it for reading would block until a writer came: the test would hang
    jsonl_pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(jsonl_pipe)
    good = tmp_path / "good.txt"
    good.write_text(ARABIC, encoding="utf-8")
    a, b, c = _read([pipe, jsonl_pipe, good])
    assert "named pipe" in a.message and "named pipe" in b.message
    assert isinstance(c, Article)


def test_character_device_is_refused():
    (item,) = _read(["/dev/zero"])
    assert isinstance(item, ReadError) and "device" in item.message


def test_undecodable_file_name_gives_a_valid_unicode_id(tmp_path):
    import os

    name = os.fsdecode(b"\xff\xfe-report.txt")  # a lone surrogate stands for each undecodable byte
    (tmp_path / name).write_text(ARABIC, encoding="utf-8")
    (art,) = _read([tmp_path / name])
    art.article_id.encode("utf-8")
    assert art.article_id.endswith("-report")


def test_socket_is_refused(tmp_path):
    import socket

    path = tmp_path / "feed.txt"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(path))
        (item,) = _read([path])
    finally:
        sock.close()
    assert isinstance(item, ReadError) and "socket" in item.message


def test_preformatted_lines_of_a_page_stay_lines():
    from geo.reader import html_to_text

    page = "<div><p>قصف على حماة</p><pre>سطر أول\n   سطر ثان</pre></div>"
    assert html_to_text(page).splitlines() == ["قصف على حماة", "سطر أول", "سطر ثان"]


# ------------------------------------------------------------------ QA round 10: damaged and unmarked encodings

REPORT = (
    "صدت قوات النظام السوري فجر اليوم هجوماً شنه مقاتلو هيئة تحرير الشام على مواقعها في محيط بلدة "
    "أبو الظهور بريف إدلب الشرقي، وقتل في الاشتباكات اثنا عشر عنصراً من المهاجمين."
)


def test_a_utf8_file_cut_mid_character_is_read_as_utf8_with_a_warning(tmp_path):
    """QA 22: the last letter cut in half made the whole file Windows-1256 mojibake, silently."""
    from geo.reader import decode_with_notes

    cut = REPORT.encode("utf-8")[:-4]  # «ن.» gone and half of «ي»
    text, notes = decode_with_notes(cut)
    assert text.startswith("صدت قوات النظام") and text.endswith("المهاجم\ufffd")
    assert "ط" not in text.split()[0]  # not «طµط¯طھ»
    assert notes == ["1 byte(s) not valid UTF-8 (a damaged or truncated file?) read as U+FFFD"]
    f = tmp_path / "trunc.txt"
    f.write_bytes(cut)
    items = list(read_paths([f], published=date(2018, 1, 25)))
    (note,) = [i for i in items if isinstance(i, ReadError)]
    assert not note.fatal and "not valid UTF-8" in str(note) and "\n" not in str(note)
    (art,) = [i for i in items if isinstance(i, Article)]
    assert "هيئة تحرير الشام" in art.text


def test_a_damaged_byte_inside_a_utf8_file_is_replaced_and_the_rest_read():
    from geo.reader import decode_with_notes

    data = REPORT.encode("utf-8")
    broken = data[:40] + b"\xff" + data[41:]
    text, notes = decode_with_notes(broken)
    assert "هيئة تحرير الشام" in text and text.count("\ufffd") >= 1 and len(notes) == 1


def test_a_real_windows_1256_file_is_still_read_as_windows_1256_without_a_warning():
    from geo.reader import decode_with_notes

    text, notes = decode_with_notes(REPORT.encode("cp1256"))
    assert text == REPORT and notes == []
    # cut mid-file too: Windows-1256 has no multi-byte characters to break
    text, _ = decode_with_notes(REPORT.encode("cp1256")[:-5])
    assert text == REPORT[:-5]


@pytest.mark.parametrize("codec, order", [("utf-16-le", "LE"), ("utf-16-be", "BE")])
def test_utf16_without_a_byte_order_mark_is_read_with_a_hint(tmp_path, codec, order):
    """QA 26: UTF-16LE with no byte-order mark was refused as "binary data"."""
    from geo.reader import decode_with_notes

    text, notes = decode_with_notes(REPORT.encode(codec))
    assert text == REPORT
    (note,) = notes
    assert f"UTF-16 ({order})" in note and "UTF-8" in note
    f = tmp_path / "nobom.txt"
    f.write_bytes(REPORT.encode(codec))
    (art,) = [i for i in read_paths([f], published=date(2018, 1, 25)) if isinstance(i, Article)]
    assert art.text == REPORT
    # with its mark, as before: no caveat
    assert decode_with_notes(REPORT.encode("utf-16")) == (REPORT, [])


def test_binary_bytes_with_nuls_are_still_binary_not_utf16():
    with pytest.raises(UnreadableText, match="binary"):
        decode_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    with pytest.raises(UnreadableText, match="binary"):
        decode_bytes(bytes(range(256)) * 20)


# A saved page with its site's menu as a list of links, a footer and a row of section links.
SITE_PAGE = """<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>عاجل | سوريا</title></head>
<body><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">حلب</a></li><li><a href="/d">دير الزور</a></li></ul>
<article><h1>قتلى بقصف على دوما</h1><p>قتل تسعة مدنيين جراء قصف مدفعي استهدف مدينة
<a href="/tag/douma">دوما</a> في الغوطة الشرقية صباح اليوم.</p>
<h2><a href="/n/2">قوات النظام تستعيد السيطرة على بلدة مسكنة بريف حلب</a></h2>
<div><a href="/t/1">حمص</a> · <a href="/t/2">حماة</a></div></article>
<div>أقسام الموقع | اتصل بنا | إدلب</div>
<footer>جميع الحقوق محفوظة &copy; 2018 — اتصل بنا | إدلب</footer></body></html>"""


def test_an_html_pages_menus_footer_and_link_rows_are_not_read_as_text():
    """QA 25: the footer «اتصل بنا | إدلب» was read as a mention of Idlib."""
    text = decode_bytes(SITE_PAGE.encode())
    assert text.splitlines() == [
        "قتلى بقصف على دوما",
        "قتل تسعة مدنيين جراء قصف مدفعي استهدف مدينة دوما في الغوطة الشرقية صباح اليوم.",
        "قوات النظام تستعيد السيطرة على بلدة مسكنة بريف حلب",  # a linked headline is kept
    ]
    assert "إدلب" not in text and "حمص" not in text and "الرئيسية" not in text


# ------------------------------------------------------------------ REVIEW #12: each damaged-file rule pinned


def _read_one(tmp_path, data: bytes):
    """What a user gets from one dated file of `data`: the article's text and the caveat lines printed."""
    f = tmp_path / "article.txt"
    f.write_bytes(data)
    items = list(read_paths([f], published=date(2018, 1, 25)))
    (art,) = [i for i in items if isinstance(i, Article)]
    assert not any(i.fatal for i in items if isinstance(i, ReadError))
    return art.text, [i.message for i in items if isinstance(i, ReadError)]


def test_a_utf8_file_damaged_in_many_places_is_still_read_as_utf8_not_windows_1256(tmp_path):
    """More bad bytes than UTF8_REPAIR_MAX_SHARE (one byte in twenty lost): its Windows-1256 reading has
    «ط»/«ظ» before every other letter (the mojibake signature), so it stays UTF-8, with the warning."""
    data = bytes(b for i, b in enumerate(REPORT.encode("utf-8")) if i % 20 != 19)
    as_utf8 = data.decode("utf-8", errors="replace")
    bad = as_utf8.count("\ufffd")
    assert bad / len(as_utf8.replace(" ", "")) > 0.08  # the premise: far past the 5 % of a cut file
    text, notes = _read_one(tmp_path, data)
    assert text == as_utf8 and text.startswith("صدت قوات")  # not «طµط¯طھ ظ‚ظˆط§طھ»
    assert {"صدت", "قوات", "تحرير", "بريف", "عشر"} <= set(text.split())  # the words the losses spared
    bad_bytes = len(data) - len(as_utf8.replace("\ufffd", "").encode("utf-8"))  # one mark: 1-3 bytes
    assert notes == [f"{bad_bytes} byte(s) not valid UTF-8 (a damaged or truncated file?) read as U+FFFD"]


# «قصفت طائرات حربية مدينة دوما في الغوطة الشرقية بريف دمشق» in Arabic presentation forms (U+FE70-FEFF),
# as text copied out of a PDF comes: UTF-8 of three bytes each, none of them 0xD8/0xD9, so a Windows-1256
# reading of it has no «ط»/«ظ» mojibake signature and only the share of bad bytes says it is UTF-8.
PDF_LETTER_FORMS = (
    "\ufed7\ufebc\ufed4\ufe96 \ufec3\ufe8e\ufe8b\ufeae\ufe8d\ufe95 \ufea3\ufeae\ufe91\ufef4\ufe94 "
    "\ufee3\ufeaa\ufef3\ufee8\ufe94 \ufea9\ufeed\ufee3\ufe8e \ufed3\ufef2 \ufe8d\ufedf\ufed0\ufeee\ufec3\ufe94 "
    "\ufe8d\ufedf\ufeb8\ufeae\ufed7\ufef4\ufe94 \ufe91\ufeae\ufef3\ufed2 \ufea9\ufee3\ufeb8\ufed6"
)


def test_a_utf8_file_of_pdf_letter_forms_cut_mid_character_is_read_as_utf8(tmp_path):
    import unicodedata

    assert (
        unicodedata.normalize("NFKC", PDF_LETTER_FORMS)
        == "قصفت طائرات حربية مدينة دوما في الغوطة الشرقية بريف دمشق"
    )
    text, notes = _read_one(tmp_path, PDF_LETTER_FORMS.encode("utf-8")[:-1])  # the last letter cut
    assert text == PDF_LETTER_FORMS[:-1] + "\ufffd"  # not «ï»—ï؛¼ï»”ï؛–»
    # the cut letter's two bytes left of three, one mark: the warning counts the bytes
    assert notes == ["2 byte(s) not valid UTF-8 (a damaged or truncated file?) read as U+FFFD"]


CP1256_ARTICLE = (
    "إدلب - مراسلنا: دخلت وحدات من الجيش السوري صباح الأحد 14 كانون الثاني 2018 مطار أبو الظهور "
    "العسكري بعد معارك دامت أسابيع مع فصائل المعارضة.\r\n"
    "وأحصى ناشطون محليون 25 قتيلاً من الطرفين، فيما نزحت عشرات العائلات نحو الشمال.\r\n"
)


def test_a_windows_1256_article_file_is_read_as_windows_1256_with_no_warning(tmp_path):
    """Every Arabic byte of it is bad UTF-8 (far past UTF8_REPAIR_MAX_SHARE) and its Windows-1256 reading
    has «ط»/«ظ» at the rate of Arabic prose, not of mojibake: read as Windows-1256, no U+FFFD, no caveat."""
    text, notes = _read_one(tmp_path, CP1256_ARTICLE.encode("cp1256"))
    assert text.split() == CP1256_ARTICLE.split() and "\ufffd" not in text
    assert notes == []


@pytest.mark.parametrize(
    "data",
    [REPORT.encode("utf-32-le"), REPORT.encode("utf-32-be"), bytes(4096)],
    ids=["utf-32-le", "utf-32-be", "nul-filled"],
)
def test_a_file_with_nuls_in_both_byte_columns_is_not_taken_for_utf16(tmp_path, data):
    """UTF-16 text holds no NUL in its low bytes: UTF-32 (no mark) or a never-written file of NULs,
    whose every column holds NULs, is refused as binary and never described as UTF-16."""
    with pytest.raises(UnreadableText) as exc:
        decode_bytes(data)
    assert str(exc.value) == "binary data, not text"
    f = tmp_path / "wide.txt"
    f.write_bytes(data)
    (err,) = list(read_paths([f], published=date(2018, 1, 25)))
    assert err.fatal and err.message == "binary data, not text" and "UTF-16" not in str(err)


# A page whose menu holds items of one to three words, between bars and as links, beside a linked headline of
# four words and a line of two sentences between a bar: MENU_ITEM_WORDS (3) tells the site's lines from the news.
MENU_PAGE = """<html><body><ul><li><a href="/a">أخبار ريف دمشق</a></li><li><a href="/b">تقارير</a></li></ul>
<article><h2><a href="/n/1">قتلى بقصف على دوما</a></h2>
<p>قتل تسعة مدنيين جراء قصف مدفعي استهدف مدينة دوما في الغوطة الشرقية صباح اليوم.</p>
<p>المرصد السوري: مقتل خمسة مدنيين | فرق الإنقاذ تبحث عن ناجين</p></article>
<div>الرئيسية | ريف دمشق الغربي | اتصل بنا</div></body></html>"""


def test_menu_items_of_up_to_three_words_are_dropped_and_longer_lines_of_links_or_bars_kept():
    from geo.reader import decode_with_notes

    text, notes = decode_with_notes(MENU_PAGE.encode())
    assert text.splitlines() == [
        "قتلى بقصف على دوما",  # a linked headline of four words: news
        "قتل تسعة مدنيين جراء قصف مدفعي استهدف مدينة دوما في الغوطة الشرقية صباح اليوم.",
        "المرصد السوري: مقتل خمسة مدنيين | فرق الإنقاذ تبحث عن ناجين",  # a bar between sentences
    ]  # gone: the menu links «أخبار ريف دمشق» (three words), «تقارير», the bar row «الرئيسية | … | اتصل بنا»
    assert notes == ["an HTML page: read its visible text (scripts, styles, comments and menus left out)"]
