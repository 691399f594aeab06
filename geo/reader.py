"""Reading articles from what users hand us: files, folders, JSON Lines, uploads.

Every input either becomes an Article or a ReadError with a one-line message; one bad input never
stops the others. Text is kept exactly as decoded, because every offset downstream points into it.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from geo.model import Article

MAX_BYTES = 5_000_000  # a long feature is ~50 KB; 5 MB is a book, not an article
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")
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
    """ISO date or None; raises ValueError with the offending value for anything else."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"malformed date {text!r} (expected YYYY-MM-DD)") from None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _arabic_share(text: str) -> float:
    letters = len(_LETTER.findall(text))
    return len(_ARABIC.findall(text)) / letters if letters else 0.0


def decode_bytes(data: bytes, name: str = "input", max_bytes: int = MAX_BYTES) -> str:
    """Bytes of one article → text (UTF-8, else Windows-1256), or UnreadableText saying why."""
    if len(data) > max_bytes:
        raise UnreadableText(f"too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    if not data.strip():
        raise UnreadableText("empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif _looks_binary(data):
        raise UnreadableText("binary data, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if not text.strip():
        raise UnreadableText("empty")
    if _arabic_share(text) < 0.2:
        raise UnreadableText("no Arabic text found (this tool reads Arabic news reports)")
    return text


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
    with table.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                day = parse_date(row.get("published"))
            except ValueError:
                continue
            if day and row.get("file"):
                out[row["file"]] = day
    return out


def read_file(path: Path, published: date | None = None, source: str = "") -> Article | ReadError:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return ReadError(
                str(path), f"too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)"
            )
        text = decode_bytes(path.read_bytes(), path.name)
    except UnreadableText as exc:
        return ReadError(str(path), str(exc))
    except OSError as exc:
        return ReadError(str(path), exc.strerror or str(exc))
    day = published or _seed_dates(path.parent).get(path.name)
    return Article(article_id=path.stem, text=text, published=day, source=source or path.parent.name)


def read_jsonl(path: Path, published: date | None = None) -> Iterator[Article | ReadError]:
    try:
        fh = path.open(encoding="utf-8-sig", errors="strict")
        lines = list(fh)
        fh.close()
    except (OSError, UnicodeDecodeError) as exc:
        yield ReadError(str(path), f"cannot read JSON Lines: {exc}")
        return
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            yield ReadError(where, f"not a JSON object ({exc})")
            continue
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            yield ReadError(where, "record has no text")
            continue
        if len(text.encode("utf-8")) > MAX_BYTES:
            yield ReadError(where, f"text too large (limit {MAX_BYTES / 1e6:.0f} MB)")
            continue
        if _arabic_share(text) < 0.2:
            yield ReadError(where, "no Arabic text found (this tool reads Arabic news reports)")
            continue
        day = published
        if day is None:
            try:
                day = parse_date(rec.get("published"))
            except ValueError as exc:
                yield ReadError(where, f"{exc}; read without a publication date", fatal=False)
        yield Article(
            article_id=str(rec.get("id") or f"{path.stem}-{lineno}"),
            text=text,
            published=day,
            source=str(rec.get("source") or rec.get("outlet") or ""),
            title=str(rec.get("title") or ""),
            url=str(rec.get("url") or ""),
        )


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
        else:
            yield ReadError(str(path), "no such file or folder")


def _read_one(path: Path, published: date | None) -> Iterator[Article | ReadError]:
    if path.suffix.lower() == ".jsonl":
        yield from read_jsonl(path, published)
    else:
        yield read_file(path, published)
