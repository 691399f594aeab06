"""Reading articles from what users hand us: files, folders, JSON Lines, uploads.

Every input either becomes an Article or a ReadError with a one-line message; one bad input never
stops the others. Text is kept exactly as decoded, because every offset downstream points into it.
"""

from __future__ import annotations

import csv
import json
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
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


def decode_bytes(data: bytes, name: str = "input", max_bytes: int = MAX_BYTES) -> str:
    """Bytes of one article → text (UTF-8, else Windows-1256), or UnreadableText saying why."""
    if len(data) > max_bytes:
        raise UnreadableText(f"too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    if not data.strip():
        raise UnreadableText("empty")
    text = _decode(data)
    if "\x00" in text:  # past the 8 KB the binary check looks at: NULs never reach the store
        raise UnreadableText("binary data, not text (NUL characters)")
    if not text.strip():
        raise UnreadableText("empty")
    if _arabic_share(text) < 0.2:
        raise UnreadableText("no Arabic text found (this tool reads Arabic news reports)")
    return text


def _decode(data: bytes) -> str:
    """UTF-16 (by its byte-order mark), else UTF-8, else a legacy Arabic code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_utf16(data)
        if _text_looks_binary(text):
            raise UnreadableText("binary data, not text (UTF-16 holding NUL or control characters)")
        return text
    if _looks_binary(data):
        raise UnreadableText("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_legacy(data)


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
    try:
        why = _not_regular(path)
        if why:
            return ReadError(str(path), why)
        size = path.stat().st_size
        if size > MAX_BYTES:
            return ReadError(
                str(path), f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)"
            )
        text = decode_bytes(_read_limited(path), path.name)
    except UnreadableText as exc:
        return ReadError(str(path), str(exc))
    except OSError as exc:
        return ReadError(str(path), exc.strerror or str(exc))
    day = published or _seed_dates(path.parent).get(path.name)
    return Article(
        article_id=_plain_text(path.stem),
        text=text,
        published=day,
        source=_plain_text(source or path.parent.name),
    )


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
            yield article


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
        yield read_file(path, published)
