import json
from datetime import date

import pytest

from geo.model import Article
from geo.reader import ReadError, UnreadableText, decode_bytes, read_paths

ARABIC = "سيطرت قوات النظام على بلدة مسكنة في ريف حلب الشرقي."


def _read(paths, **kw):
    return list(read_paths(paths, **kw))


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


def test_html_laden_text_is_kept_as_data():
    text = "<p>قصف على <b>إدلب</b></p><script>alert(1)</script>"
    assert decode_bytes(text.encode()) == text


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
