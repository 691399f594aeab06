"""Pieces of the dashboard that are not widgets: labels, the view ↔ query string, article markup,
uploads, the PNG of a view. Kept out of dashboard.py so they can be tested without Streamlit."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo import labels
from geo.mapview import SYRIA_CENTRE, WINDOWS, View
from geo.model import ACTORS, EVENT_TYPES, STATUSES, Article

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# A window of more days than this in a link is garbled (the corpus spans under 20 years).
MAX_WINDOW_DAYS = 7300


def t(key: str, lang: str) -> str:
    """A label of the one catalogue (geo/labels.py)."""
    return labels.t(key, lang)


# ---------------------------------------------------------------------------------- view ↔ query string

_LIST_KEYS = {"types": "event_types", "actors": "actors", "gov": "admin1", "status": "statuses"}
_VALID = {"types": set(EVENT_TYPES), "actors": set(ACTORS), "status": set(STATUSES)}
_PCODE = re.compile(r"^SY\d{2}$")


def view_to_params(view: View) -> dict[str, str]:
    """The query string of a view (only what differs from the defaults, so links stay short)."""
    out = {"date": view.day.isoformat(), "window": view.window}
    for qkey, attr in _LIST_KEYS.items():
        values = getattr(view, attr)
        if values:
            out[qkey] = ",".join(values)
    if view.hide_talks_abroad:
        out["abroad"] = "hide"
    if view.include_vague:
        out["vague"] = "draw"
    if view.query.strip():
        out["q"] = view.query.strip()
    if tuple(view.centre) != SYRIA_CENTRE or view.zoom != 7:
        out["center"] = f"{view.centre[0]:.4f},{view.centre[1]:.4f}"
        out["zoom"] = str(view.zoom)
    out["lang"] = view.language
    return out


def _one(params, key: str) -> str:
    value = params.get(key, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value).strip()


def view_from_params(params, first: date, last: date) -> View:
    """A view from a query string; bad or out-of-range values fall back to defaults, never raise."""
    try:
        day = date.fromisoformat(_one(params, "date"))
    except ValueError:
        day = last
    day = min(max(day, first), last)
    window = _one(params, "window")
    if window not in WINDOWS and not (window.isdigit() and 1 <= int(window) <= MAX_WINDOW_DAYS):
        window = "week"
    lists = {}
    for qkey, attr in _LIST_KEYS.items():
        items = [v.strip() for v in _one(params, qkey).split(",") if v.strip()]
        valid = _VALID.get(qkey)
        items = [v for v in items if (v in valid if valid else _PCODE.match(v))]
        lists[attr] = tuple(dict.fromkeys(items))
    centre, zoom = SYRIA_CENTRE, 7
    try:
        lat, lon = (float(x) for x in _one(params, "center").split(","))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            centre = (lat, lon)
    except ValueError:
        pass
    try:
        zoom = min(max(int(_one(params, "zoom") or 7), 4), 14)
    except ValueError:
        zoom = 7
    lang = "en" if _one(params, "lang") == "en" else "ar"
    return View(
        day=day,
        window=window,
        hide_talks_abroad=_one(params, "abroad") == "hide",
        include_vague=_one(params, "vague") == "draw",
        query=_one(params, "q")[:100],
        centre=centre,
        zoom=zoom,
        language=lang,
        **lists,
    )


def share_link(base_url: str, view: View) -> str:
    from urllib.parse import urlencode

    base = (base_url or "").split("?", 1)[0]
    return f"{base}?{urlencode(view_to_params(view))}"


# ---------------------------------------------------------------------------------- article page


def marked_article_html(text: str, mentions: list[dict]) -> str:
    """The article with each recognised place in <mark>; every piece of text escaped."""
    spans = sorted(
        (m for m in mentions if m.get("place_id") and 0 <= m["start"] < m["end"] <= len(text)),
        key=lambda m: (m["start"], -m["end"]),
    )
    out, pos = [], 0
    for m in spans:
        if m["start"] < pos:
            continue
        title = " · ".join(x for x in (m.get("name_ar") or "", m.get("name_en") or "", m["place_id"]) if x)
        out.append(html.escape(text[pos : m["start"]]))
        out.append(f'<mark title="{html.escape(title)}">{html.escape(text[m["start"] : m["end"]])}</mark>')
        pos = m["end"]
    out.append(html.escape(text[pos:]))
    return (
        '<div dir="rtl" lang="ar" style="direction:rtl;text-align:right;white-space:pre-wrap;'
        'line-height:1.9;font-size:1.05rem">' + "".join(out) + "</div>"
    )


def article_header_html(headline: str, meta: tuple[str, ...]) -> str:
    """Headline and metadata as escaped HTML (never Markdown: article text is data)."""
    parts = " · ".join(f'<bdi dir="ltr">{html.escape(x)}</bdi>' for x in meta if x)
    return (
        f'<div dir="rtl" style="direction:rtl;text-align:right">'
        f'<h3 style="margin:0.2rem 0">{html.escape(headline[:200])}</h3>'
        f'<div style="color:#666;font-size:0.85rem">{parts}</div></div>'
    )


def marked_sentence_html(sentence: str, start: int, end: int) -> str:
    """One sentence with [start, end) marked, escaped, right to left."""
    start, end = max(0, start), min(len(sentence), end)
    body = (
        html.escape(sentence[:start])
        + "<mark>"
        + html.escape(sentence[start:end])
        + "</mark>"
        + html.escape(sentence[end:])
    )
    return f'<div dir="rtl" lang="ar" style="direction:rtl;text-align:right">{body}</div>'


# ---------------------------------------------------------------------------------- uploads


@dataclass(frozen=True)
class UploadProblem:
    """An input refused (fatal), or read with a caveat the user should see (not fatal)."""

    name: str
    message: str
    fatal: bool = True


def _article_id(name: str, text: str) -> str:
    stem = re.sub(r"[^\w.-]+", "_", Path(name).stem, flags=re.UNICODE).strip("_")[:60]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{stem or 'article'}-{digest}"


def articles_from_inputs(
    pasted: str, files: list[tuple[str, bytes]], published: date | None, source: str
) -> tuple[list[Article], list[UploadProblem]]:
    """Articles from a pasted text and uploaded files; each bad input becomes a problem, not an
    exception, and each caveat of the reading (an HTML page, bad bytes replaced) a problem that is not fatal."""
    from geo.reader import UnreadableText, decode_with_notes

    arts, problems = [], []
    inputs = [("pasted text", pasted.encode("utf-8"))] if pasted.strip() else []
    for name, data in [*inputs, *files]:
        try:
            text, notes = decode_with_notes(data)
        except UnreadableText as exc:
            problems.append(UploadProblem(name, str(exc)))
            continue
        problems.extend(UploadProblem(name, note, fatal=False) for note in notes)
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:200]
        arts.append(
            Article(
                article_id=_article_id("paste" if name == "pasted text" else name, text),
                text=text,
                published=published,
                source=source.strip(),
                title=title,
            )
        )
    return arts, problems


def result_line(result, lang: str) -> str:
    """One stored input as the add page tells it: «id: أضيف · حدثان», the store's note in the
    user's language («موجود سابقاً · لا أحداث (النص نفسه في …)»)."""
    n = result.events
    found = labels.t("events_none", lang) if n == 0 else labels.counted(n, "n_events", lang)
    note = f" ({labels.upload_problem(result.message, lang)})" if result.message else ""
    return f"{result.article_id}: {labels.t(result.status, lang)} · {found}{note}"


# ---------------------------------------------------------------------------------- seeds, PNG


def seed_store(store) -> list:
    """Ingest seeds/*.txt (dates from seeds/seeds.csv) into an empty store, so a fresh clone has a map."""
    from geo.reader import read_paths

    if store.counts()["articles"]:
        return []
    return store.ingest_many(read_paths([ROOT / "seeds"]))


def png_available() -> tuple[bool, str]:
    if CHROMIUM.is_file() or shutil.which("chromium"):
        return True, ""
    return False, "chromium not found"


# The PNG download once failed twice in a row in a fresh clone (no file after the old single 60 s try) and then
# rendered in ~1 s every time: a stuck headless Chromium is given up after this long and tried once more.
PNG_TRY_SECONDS = 40
PNG_TRIES = 2


def html_to_png(page: str, width: int = 1280, height: int = 860, timeout: float = PNG_TRY_SECONDS) -> bytes:
    """Screenshot of an HTML page by headless Chromium (tiles load if online; outlines draw anyway)."""
    for _ in range(PNG_TRIES - 1):
        try:
            return _screenshot(page, width, height, timeout)
        except subprocess.TimeoutExpired:
            continue  # a stuck Chromium: try once more
    try:
        return _screenshot(page, width, height, timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"chromium made no screenshot in {PNG_TRIES} tries of {timeout:.0f} s") from None


def _screenshot(page: str, width: int, height: int, timeout: float) -> bytes:
    exe = str(CHROMIUM) if CHROMIUM.is_file() else shutil.which("chromium")
    if not exe:
        raise RuntimeError("chromium not found")
    with tempfile.TemporaryDirectory(prefix="geo-png-") as tmp:
        src, out = Path(tmp) / "view.html", Path(tmp) / "view.png"
        src.write_text(page, encoding="utf-8")
        cmd = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp}/profile",
            f"--window-size={width},{height}",
            "--virtual-time-budget=4000",
            f"--screenshot={out}",
            src.as_uri(),
        ]
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        if not out.is_file():
            raise RuntimeError(f"chromium made no screenshot: {proc.stderr.decode(errors='replace')[-300:]}")
        return out.read_bytes()


_MARKDOWN = re.compile(r"([\\`*_\[\]$~<>|])")  # links, images, emphasis, maths, colour tags


def plain_label(text: str) -> str:
    """Widget labels and messages are Markdown: article or file text in them must not become links."""
    return _MARKDOWN.sub(r"\\\1", text)
