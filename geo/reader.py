"""Reading articles from what users hand us: files, folders, JSON Lines, uploads.

Every input either becomes an Article or a ReadError with a one-line message; one bad input never
stops the others. Text is kept as decoded, because every offset downstream points into it — except
an HTML page (a saved web page, a copied feed item), whose markup is data to clean, never text:
its visible text becomes the article's text (`html_to_text`), so offsets point into what is stored.
"""

from __future__ import annotations

import codecs
import csv
import html
import json
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import from_bytes

from geo.model import Article

MAX_BYTES = 5_000_000  # a long feature is ~50 KB; 5 MB is a book, not an article
# Publication dates a news report can have: the press of this corpus starts in the 2010s, and every
# date rule resolves relative to this day, so a typo such as 0001-01-01 or 9999-12-31 is refused here,
# where the user can be told, rather than giving nonsense (or overflow) dates further on.
EARLIEST_PUBLISHED = date(1900, 1, 1)
LATEST_PUBLISHED = date(2100, 12, 31)
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# What is not Arabic / not a letter, in runs: deleting the runs and measuring what is left counts the
# Arabic characters and the letters twice as fast as listing every match (the reader's main cost).
_NOT_ARABIC = re.compile(r"[^\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_TEXT_SUFFIXES = {".txt", ".text", ".md"}
# The caveat of an article read with no publication date: what the dating then does (README, "Date of
# news with no date in the text") and what to do about it.
NO_DATE_RULE = (
    "undated news is dated by its publication day (that day or the day before), so events stay "
    "undated unless the text gives the full date; give --published YYYY-MM-DD"
)
HTML_CLEANED = "an HTML page: read its visible text (scripts, styles, comments and menus left out)"
# A UTF-8 file cut or damaged in a few places (a copy stopped mid-character) is still UTF-8: its bad
# bytes become U+FFFD, with a caveat. It is read as a legacy code page instead only when the bad bytes
# are more than this share of its characters and the code page's reading does not look like UTF-8 read
# as Windows-1256 (see MOJIBAKE_SHARE). A real Windows-1256 file is mostly bad UTF-8 (every Arabic byte).
UTF8_REPAIR_MAX_SHARE = 0.05
# UTF-8 Arabic read as Windows-1256 puts «ط» or «ظ» (the lead bytes 0xD8, 0xD9) before every other
# letter: half of its Arabic letters. In Arabic prose they are about 1–2% of the letters.
MOJIBAKE_SHARE = 0.3
_MOJIBAKE_LEADS = re.compile("[\u0637\u0638]")
UTF8_REPAIRED = "{n} byte(s) not valid UTF-8 (a damaged or truncated file?) read as U+FFFD"
# UTF-16 saved without a byte-order mark: in the bytes of one parity nearly all are 0x00 (ASCII: spaces,
# digits) or 0x06 (the Arabic block), and NULs are among them, while the other parity holds no NUL.
UTF16_HIGH_BYTES = frozenset({0x00, 0x06, 0x20, 0xFB, 0xFE})
UTF16_HIGH_SHARE = 0.9
UTF16_NUL_MIN_SHARE = 0.02
UTF16_NO_BOM = "UTF-16 with no byte-order mark: read as UTF-16 ({order}); UTF-8 is the safer way to save it"
_SKIP_NAMES = {"readme.md", "readme.txt"}


@dataclass(frozen=True, slots=True)
class ReadError:
    """One input that could not be read (fatal) or was read with a caveat (not fatal)."""

    path: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class UnreadableText(ValueError):
    """Raised by decode_bytes with a message fit to show a user."""


def parse_date(value: str | date | None) -> date | None:
    """ISO date or None; raises ValueError with the offending value for anything else, or for a day
    outside EARLIEST_PUBLISHED..LATEST_PUBLISHED."""
    if value is None:
        return None
    if isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError(f"malformed date {text[:40]!r} (expected YYYY-MM-DD)") from None
    if not EARLIEST_PUBLISHED <= day <= LATEST_PUBLISHED:
        raise ValueError(
            f"date {day.isoformat()} out of range "
            f"({EARLIEST_PUBLISHED.isoformat()} to {LATEST_PUBLISHED.isoformat()})"
        )
    return day


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _text_looks_binary(text: str) -> bool:
    """The same test on decoded text (UTF-16 bytes hold NULs by nature, so they are checked after decoding)."""
    if "\x00" in text:
        return True
    head = text[:8192]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\n\f\r")
    return controls > len(head) * 0.05


def _decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise UnreadableText(
            "malformed UTF-16 (truncated, an odd number of bytes, or a broken surrogate pair)"
        ) from None


def _arabic_share(text: str) -> float:
    letters = len(_NOT_LETTER.sub("", text))
    return len(_NOT_ARABIC.sub("", text)) / letters if letters else 0.0


# ---------------------------------------------------------------------------------- HTML pages

# What makes a text an HTML page rather than prose that holds a «<»: a tag of HTML's own vocabulary
# (opening or closing, attributes allowed), a comment, a doctype, or a character reference. «a < b»,
# «<3» or «<<» are none of these, so plain text is left as it is.
_HTML_TAG_NAMES = (
    "html|head|body|title|meta|link|base|script|style|noscript|template|p|div|span|br|hr|a|b|i|u|em|"
    "strong|small|sub|sup|font|img|figure|figcaption|picture|source|ul|ol|li|dl|dt|dd|table|thead|tbody|"
    "tr|td|th|caption|h[1-6]|nav|header|footer|main|section|article|aside|blockquote|pre|code|iframe|"
    "form|input|button|label|select|option|textarea|svg|time|abbr|cite|q|mark"
)
_HTML_MARK = re.compile(
    rf"</?(?:{_HTML_TAG_NAMES})(?:\s[^<>]*)?/?>|<!--|<!doctype\s+html|&(?:[a-z][a-z0-9]{{1,31}}|#\d{{1,7}}|#x[0-9a-f]{{1,6}});",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(rf"</?(?:{_HTML_TAG_NAMES})(?:\s[^<>]*)?/?>|<!--|<!doctype\s+html", re.IGNORECASE)
# Elements whose content is never article text. Scripts and styles (raw text to an HTML parser) always go;
# the others — objects, forms' widgets, menus — go when they close, and a page that leaves one open to
# its end keeps the text after it (a broken page must not lose its article).
_RAW_TAGS = frozenset({"script", "style"})
_HIDDEN_TAGS = frozenset(
    {"noscript", "template", "svg", "iframe", "object", "canvas", "select", "button", "textarea", "nav",
     "footer"}
)  # fmt: skip
# Class, id or role words of a site's menus (a <div class="nav">): their links are site sections, not news.
_MENU_WORDS = frozenset(
    {"nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "footer"}
)
# A line of a page that is only links (a menu's item, a row of section links, «الرئيسية · حلب · دمشق»)
# or only short items between bars («اتصل بنا | إدلب») is the site's, not the article's: dropped. A
# link-only line of more words than MENU_ITEM_WORDS is a headline (kept), unless it holds two links or more.
MENU_ITEM_WORDS = 3
_LINK_OPEN, _LINK_CLOSE = "\x01", "\x02"  # around link text while the page is read (no page text holds them)
_LINK_TEXT = re.compile(f"{_LINK_OPEN}[^{_LINK_CLOSE}]*{_LINK_CLOSE}?")
_MENU_BARS = re.compile(r"\s[|•·]\s")
_NO_WORD = re.compile(r"[\W_]*")
# Elements that end a line: a paragraph, a heading, a list item, a cell, a break.
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "br", "hr", "li", "dt", "dd", "tr", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5",
        "h6", "title", "header", "footer", "main", "section", "article", "aside", "blockquote", "pre",
        "figure", "figcaption", "ul", "ol", "dl", "table", "form", "address",
    }
)  # fmt: skip
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "base", "input", "source", "wbr", "area", "col"})
_BLOCK_MARK = re.compile(r"<(?:p|div|br|li|h[1-6]|tr|table|body|html)\b[^<>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r" *\n[\n ]*")


def looks_like_html(text: str) -> bool:
    """True when `text` carries HTML markup or character references (see _HTML_MARK)."""
    return _HTML_MARK.search(text) is not None


def html_to_text(text: str) -> str:
    """The visible text of an HTML page or fragment: hidden elements, menus and comments left out,
    blocks (paragraphs, headings, list items, breaks) on lines of their own, character references
    unescaped. Text with references but no tags is only unescaped: a «<» in it stays a «<». A text
    with no block tag (prose with a stray <script> or <b>) keeps its own line breaks as paragraphs;
    in a page laid out by blocks they are only the source's wrapping."""
    if _HTML_TAG.search(text) is None:
        return _tidy(html.unescape(text))
    parser = _VisibleText(keep_lines=_BLOCK_MARK.search(text) is None)
    parser.feed(_unmarked(text))
    parser.close()
    lines = "".join(parser.out).split("\n")
    return _tidy(_unmarked("\n".join(ln for ln in lines if not _is_menu_line(ln))))


def _is_menu_line(line: str) -> bool:
    """A line of links only, or of short items between bars (see MENU_ITEM_WORDS)."""
    links = _LINK_TEXT.findall(line)
    if links and _NO_WORD.fullmatch(_LINK_TEXT.sub("", line)):  # nothing but links and separators
        return len(links) > 1 or len(_unmarked(links[0]).split()) <= MENU_ITEM_WORDS
    items = _MENU_BARS.split(_unmarked(line))
    return len(items) > 1 and all(0 < len(i.split()) <= MENU_ITEM_WORDS for i in items)


def _unmarked(text: str) -> str:
    return text.replace(_LINK_OPEN, "").replace(_LINK_CLOSE, "")


def _tidy(text: str) -> str:
    """Runs of spaces as one space, lines trimmed, empty lines dropped (a no-break space is a space)."""
    return _BREAKS.sub("\n", _SPACES.sub(" ", text.replace("\xa0", " "))).strip()


def _is_hidden(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    if tag in _HIDDEN_TAGS:
        return True
    words = " ".join((v or "") for k, v in attrs if k in ("class", "id", "role")).lower()
    return not _MENU_WORDS.isdisjoint(re.split(r"[\s_-]+", words))


class _VisibleText(HTMLParser):
    """Collects the text a browser would show.

    The standard library's html.parser: the tolerant tokenizer (unclosed tags, stray «<», entities
    without «;») that BeautifulSoup's default "html.parser" builder also runs on. Visible text is all
    we need from it, so bs4 or lxml would add a dependency (and lxml a C build) and nothing else.
    """

    def __init__(self, keep_lines: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self._space = _SPACES if keep_lines else re.compile(r"\s+")
        self.out: list[str] = []
        self._open: list[str] = []  # the open elements, outermost first
        self._hidden: list[tuple[int, int]] = []  # open hidden elements: (depth in _open, len(out) at start)
        self._raw = ""  # the script or style being skipped
        self._pre = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _RAW_TAGS:
            self._raw = tag
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")
        if tag in _VOID_TAGS:
            return
        if _is_hidden(tag, attrs):
            self._hidden.append((len(self._open), len(self.out)))
        self._open.append(tag)
        self._pre += tag == "pre"
        if tag == "a":
            self.out.append(_LINK_OPEN)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = ""
            return
        if tag in _BLOCK_TAGS:
            self.out.append("\n")
        if tag not in self._open:  # a stray end tag
            return
        if tag == "a":
            self.out.append(_LINK_CLOSE)
        while (last := self._open.pop()) != tag:  # elements left open inside it close with it
            self._pre -= last == "pre"
        self._pre -= last == "pre"
        while self._hidden and self._hidden[-1][0] >= len(self._open):  # a hidden element closed: drop it
            del self.out[self._hidden.pop()[1] :]

    def handle_data(self, data: str) -> None:
        if not self._raw:
            self.out.append(data if self._pre else self._space.sub(" ", data))


def decode_bytes(data: bytes, name: str = "input", max_bytes: int = MAX_BYTES) -> str:
    """Bytes of one article → text (UTF-8, UTF-16, else Windows-1256; an HTML page's visible text),
    or UnreadableText saying why."""
    return decode_with_notes(data, max_bytes)[0]


def decode_with_notes(data: bytes, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """decode_bytes, and the caveats a user should read beside the article (an HTML page cleaned,
    bad UTF-8 bytes replaced, UTF-16 with no byte-order mark), one line each."""
    if len(data) > max_bytes:
        raise UnreadableText(f"too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    if not data.strip():
        raise UnreadableText("empty")
    text, notes = _decode(data)
    if "\x00" in text:  # past the 8 KB the binary check looks at: NULs never reach the store
        raise UnreadableText("binary data, not text (NUL characters)")
    text, was_html = _visible(text)
    if not text.strip():
        raise UnreadableText("empty (no text outside the markup)" if was_html else "empty")
    if _arabic_share(text) < 0.2:
        raise UnreadableText("no Arabic text found (this tool reads Arabic news reports)")
    return text, ([HTML_CLEANED] if was_html else []) + notes


def _visible(text: str) -> tuple[str, bool]:
    """The text a reader of the page sees, and whether it was HTML (plain text is left as it is)."""
    if not looks_like_html(text):
        return text, False
    return html_to_text(text), True


def _decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-16 (by its byte-order mark, or by its bytes' pattern), else UTF-8 (a few bad bytes
    replaced), else a legacy Arabic code page; with the caveats of the reading."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked_utf16(_decode_utf16(data)), []
    order = _utf16_order(data)
    if order:
        try:
            text = data.decode(f"utf-16-{order.lower()}")
        except UnicodeDecodeError:
            raise UnreadableText("malformed UTF-16 (no byte-order mark, truncated or broken)") from None
        return _checked_utf16(text), [UTF16_NO_BOM.format(order=order)]
    if _looks_binary(data):
        raise UnreadableText("binary data, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return _decode_damaged(data)


def _checked_utf16(text: str) -> str:
    if _text_looks_binary(text):
        raise UnreadableText("binary data, not text (UTF-16 holding NUL or control characters)")
    return text


def _utf16_order(data: bytes) -> str:
    """The byte order ("LE", "BE") of UTF-16 text with no byte-order mark in `data`, else ""."""
    head = data[:8192]
    if len(head) < 4 or len(data) % 2:
        return ""
    for order, high, low in (("LE", head[1::2], head[0::2]), ("BE", head[0::2], head[1::2])):
        if 0 in low or high.count(0) < UTF16_NUL_MIN_SHARE * len(high):
            continue
        if sum(b in UTF16_HIGH_BYTES for b in high) >= UTF16_HIGH_SHARE * len(high):
            return order
    return ""


def _decode_damaged(data: bytes) -> tuple[str, list[str]]:
    """Bytes that are not valid UTF-8: UTF-8 with its few bad bytes replaced, when that is what they
    are (see UTF8_REPAIR_MAX_SHARE, MOJIBAKE_SHARE); else a legacy code page."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    chars = len(text) - text.count(" ") or 1
    if bad <= UTF8_REPAIR_MAX_SHARE * chars or _mojibake_share(data) >= MOJIBAKE_SHARE:
        return text, [UTF8_REPAIRED.format(n=_bad_bytes(data, text, bad))]
    return _decode_legacy(data), []


def _bad_bytes(data: bytes, text: str, marks: int) -> int:
    """How many bytes of `data` its UTF-8 reading `text` replaced by its `marks` U+FFFD (one mark stands
    for a run of one to three bad bytes): the bytes the valid characters do not account for."""
    body = data.removeprefix(codecs.BOM_UTF8)
    return len(body) - len(text.encode("utf-8")) + marks * len("\ufffd".encode("utf-8"))


def _mojibake_share(data: bytes) -> float:
    """The share of «ط»/«ظ» among the Arabic letters of the Windows-1256 reading (see MOJIBAKE_SHARE)."""
    legacy = data.decode("cp1256", errors="replace")
    arabic = _NOT_ARABIC.sub("", _NOT_LETTER.sub("", legacy))
    return len(_MOJIBAKE_LEADS.findall(arabic)) / len(arabic) if arabic else 0.0


def _decode_legacy(data: bytes) -> str:
    """Windows-1256 is what Arabic Windows editors save; accept it only if it yields Arabic."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if text and _arabic_share(text) >= 0.5:
        return text
    best = from_bytes(data).best()
    if best is not None and _arabic_share(str(best)) >= 0.5:
        return str(best)
    raise UnreadableText("not UTF-8 or Windows-1256 text")


def _seed_dates(folder: Path) -> dict[str, date]:
    """`seeds.csv` beside articles gives their publication dates (file,published)."""
    table = folder / "seeds.csv"
    if not table.is_file():
        return {}
    out = {}
    try:
        with table.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                try:
                    day = parse_date(row.get("published"))
                except ValueError:
                    continue
                if day and row.get("file"):
                    out[row["file"]] = day
    except (OSError, csv.Error):  # an unreadable table leaves the articles undated, not unread
        return out
    return out


def _plain_text(value: str) -> str:
    """A name from the file system or a JSON record as valid Unicode: undecodable bytes of a file name
    (kept by Python as lone surrogates) and escaped lone surrogates become U+FFFD, one for one."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _not_regular(path: Path) -> str:
    """Why `path` must not be opened for reading (a pipe would block, a device never ends), or ""."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return ""
    kind = "named pipe" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    return f"not a regular file (a {kind}); save the articles to a file and give that"


def _read_limited(path: Path) -> bytes:
    """At most MAX_BYTES + 1 bytes, so a file that grows after its size was checked cannot flood memory."""
    with path.open("rb") as fh:
        return fh.read(MAX_BYTES + 1)


def read_file(path: Path, published: date | None = None, source: str = "") -> Article | ReadError:
    return _read_text_file(path, published, source)[0]


def _read_text_file(path: Path, published: date | None = None, source: str = ""):
    """The Article of one text file (or a fatal ReadError), and the caveats beside it."""
    try:
        why = _not_regular(path)
        if why:
            return ReadError(str(path), why), []
        size = path.stat().st_size
        if size > MAX_BYTES:
            return ReadError(
                str(path), f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)"
            ), []
        text, caveats = decode_with_notes(_read_limited(path))
    except UnreadableText as exc:
        return ReadError(str(path), str(exc)), []
    except OSError as exc:
        return ReadError(str(path), exc.strerror or str(exc)), []
    day = published or _seed_dates(path.parent).get(path.name)
    where = _plain_text(str(path))  # a caveat is printed: a file name's undecodable bytes as U+FFFD
    notes = [ReadError(where, c, fatal=False) for c in caveats]
    if day is None:
        notes.append(
            ReadError(where, f"no publication date (no --published, no seeds.csv row): {NO_DATE_RULE}", False)
        )
    article = Article(
        article_id=_plain_text(path.stem),
        text=text,
        published=day,
        source=_plain_text(source or path.parent.name),
    )
    return article, notes


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """(line number, text) of each line; text None for a line that is not UTF-8 (the others still count)."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield lineno, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield lineno, None


def _jsonl_record(line: str) -> dict:
    """One JSON object; ValueError saying why not (deep nesting counts as not JSON, not as a crash)."""
    try:
        rec = json.loads(line)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(rec, dict):
        raise ValueError("not an object")
    return rec


def _record_article(rec: dict, where: str, fallback_id: str, published: date | None):
    """The Article of one record, or ReadErrors: fatal ones refuse it, others are caveats beside it."""
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, [ReadError(where, "record has no text")]
    notes = []
    fields = {k: _plain_text(str(rec.get(k) or "")) for k in ("id", "source", "outlet", "title", "url")}
    clean = _plain_text(text)
    if clean != text or any(_LONE_SURROGATE.search(str(rec.get(k) or "")) for k in fields):
        notes.append(ReadError(where, "lone surrogate escapes (\\ud800…) replaced with U+FFFD", fatal=False))
    if "\x00" in clean:
        clean = clean.replace("\x00", " ")  # one for one: offsets into the text stay right
        notes.append(ReadError(where, "NUL characters in the text replaced with spaces", fatal=False))
    clean, was_html = _visible(clean)
    if was_html:
        notes.append(ReadError(where, HTML_CLEANED, fatal=False))
        if not clean.strip():
            return None, [*notes, ReadError(where, "record has no text outside the markup")]
    if len(clean.encode("utf-8")) > MAX_BYTES:
        return None, [ReadError(where, f"text too large (limit {MAX_BYTES / 1e6:.0f} MB)")]
    if _arabic_share(clean) < 0.2:
        return None, [ReadError(where, "no Arabic text found (this tool reads Arabic news reports)")]
    day = published
    if day is None:
        try:
            day = parse_date(_plain_text(str(rec.get("published") or "")))
        except ValueError as exc:
            notes.append(ReadError(where, f"{exc}; read without a publication date", fatal=False))
    article = Article(
        article_id=fields["id"] or fallback_id,
        text=clean,
        published=day,
        source=fields["source"] or fields["outlet"],
        title=fields["title"],
        url=fields["url"],
    )
    return article, notes


def read_jsonl(path: Path, published: date | None = None) -> Iterator[Article | ReadError]:
    try:
        why = _not_regular(path)
        if why:
            yield ReadError(str(path), why)
            return
        lines = list(_jsonl_lines(path))
    except OSError as exc:
        yield ReadError(str(path), f"cannot read JSON Lines: {exc.strerror or exc}")
        return
    stem = _plain_text(path.stem)
    undated = 0
    for lineno, line in lines:
        where = f"{path}:{lineno}"
        if line is None:
            yield ReadError(where, "not UTF-8 text")
            continue
        if not line.strip():
            continue
        try:
            rec = _jsonl_record(line)
        except ValueError as exc:
            yield ReadError(where, f"not a JSON object ({str(exc)[:120]})")
            continue
        article, notes = _record_article(rec, where, f"{stem}-{lineno}", published)
        yield from notes
        if article is not None:
            undated += article.published is None and not any("publication date" in n.message for n in notes)
            yield article
    if undated:  # one line for the file, not one per record
        why = f'{undated} record(s) with no publication date (no --published, no "published" field)'
        yield ReadError(_plain_text(str(path)), f"{why}: {NO_DATE_RULE}", fatal=False)


def read_paths(paths: Iterable[str | Path], published: date | None = None) -> Iterator[Article | ReadError]:
    """Articles from files, folders (their .txt and .jsonl files) and .jsonl files, in order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.name.lower() not in _SKIP_NAMES
                and (p.suffix.lower() in _TEXT_SUFFIXES - {".md"} or p.suffix.lower() == ".jsonl")
            )
            if not files:
                yield ReadError(str(path), "folder holds no .txt or .jsonl articles")
            for f in files:
                yield from _read_one(f, published)
        elif path.exists():
            yield from _read_one(path, published)
        elif path.is_symlink():
            yield ReadError(str(path), "a link to nothing (its target is missing)")
        else:
            yield ReadError(str(path), "no such file or folder")


def _read_one(path: Path, published: date | None) -> Iterator[Article | ReadError]:
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl(path, published)
    else:
        article, notes = _read_text_file(path, published)
        yield from notes
        yield article
