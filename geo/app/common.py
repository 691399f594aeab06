"""What every page shares: the language, the page's direction, the store and its version."""

from __future__ import annotations

import functools
import logging

import streamlit as st

from geo import labels
from geo.app_data import data_version, get_store, last_versions, load_events, store_path

LANG_KEY = "lang"


def lang() -> str:
    return st.session_state.get(LANG_KEY, "ar")


def t(key: str) -> str:
    return labels.t(key, lang())


# Widgets labelled in the interface's language are new widgets after a switch and would start from
# their defaults (the window back to a day, the filters emptied): their values are set again from
# the session as the language changes, so the view stays as it was.
KEPT_ACROSS_LANGUAGES = (
    "mode", "day", "range", "types", "actors", "gov", "status", "abroad", "q", "focus", "speed",
    "threshold", "paste", "published", "source", "vague", "undated",
)  # fmt: skip


def _keep_widgets() -> None:
    s = st.session_state
    for key in KEPT_ACROSS_LANGUAGES:
        if key in s:
            s[key] = s[key]


def language_picker() -> str:
    """The language radio (sidebar); its first value comes from the link's `lang`."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = "en" if st.query_params.get("lang") == "en" else "ar"
    st.sidebar.radio(
        "اللغة · Language",
        list(labels.LANGUAGES),
        key=LANG_KEY,
        horizontal=True,
        format_func=lambda x: labels.t("lang_name", x),
        on_change=_keep_widgets,
    )
    page_css(lang())
    return lang()


# The whole app, sidebar and widgets included, right to left in Arabic; typed text follows its own
# direction (unicode-bidi: plaintext), so an English name typed into an Arabic page reads as typed. A
# date box reads left to right (QA: «yyyy-mm-dd» showed as «dd-mm-yyyy», its parts reordered right to left).
RTL_CSS = """
[data-testid="stAppViewContainer"], [data-testid="stSidebar"], [data-testid="stHeader"] { direction: rtl; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
[data-testid="stAlert"], [data-testid="stWidgetLabel"], [data-testid="stSidebar"] *,
[data-testid="stExpander"] summary, h1, h2, h3 { text-align: right; }
[data-testid="stSidebarNav"] a { flex-direction: row-reverse; }
[data-testid="stSlider"], [data-testid="stDataFrame"], [data-testid="stCode"], iframe { direction: ltr; }
[data-testid="stDateInputField"] { direction: ltr; }
"""


def builtin_words_css(language: str) -> str:
    """Streamlit's own English words (the upload box) replaced by the catalogue's, via CSS content."""
    from geo.reader import MAX_BYTES

    limit = labels.t("upload_limit", language).format(n=f"{MAX_BYTES / 1e6:.0f}")
    button = labels.t("upload_button", language)
    box = '[data-testid="stFileUploaderDropzone"]'
    return (
        f'{box} button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}'
        f'{box} button [data-testid="stMarkdownContainer"] p::after {{ content: "{button}"; font-size: 0.9rem; }}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }'
        f'[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{limit}"; font-size: 0.8rem; }}'
    )


def page_css(language: str) -> None:
    st.html(
        "<style>[data-testid='stMainBlockContainer'] { padding-top: 2.2rem; }"
        " textarea, input[type='text'] { unicode-bidi: plaintext; text-align: start; }"
        + (RTL_CSS + builtin_words_css(language) if language == "ar" else "")
        + "</style>"
    )


def store_notice(exc) -> None:
    """One line for a store that is busy (a warning) or damaged (an error), in the user's language."""
    from geo.store import StoreBusy

    (st.warning if isinstance(exc, StoreBusy) else st.error)(exc.message(lang()))


def one_line_on_failure(fn):
    """`fn` (a page, a fragment) with its failures said in one line of the page's language: a busy or
    damaged store as store_notice says it, anything unexpected as «page_crashed», the details in the
    server's log; never a traceback on the page (QA 21, 46). Streamlit's own stop and rerun pass."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        from geo.store import StoreError

        try:
            return fn(*args, **kwargs)
        except StoreError as exc:  # an ingest took the file between two reads of the page
            store_notice(exc)
        except Exception:
            logging.getLogger("geo.dashboard").exception("%s failed", getattr(fn, "__name__", fn))
            st.error(t("page_crashed"))

    return run


def current_version(store, path: str) -> tuple:
    """The store's version; while an ingest holds the file, the last one read, with a notice.

    The events cached under that version are what the map keeps showing, so a dashboard open
    during an ingest shows the data it had, and the new data once a read gets in.
    """
    from geo.store import StoreBusy

    try:
        version = data_version(store)
        load_events(path, version)  # read now: a page must never meet a version it cannot read
    except StoreBusy as exc:
        if path not in last_versions():
            raise
        st.warning(exc.message(lang()))
        return last_versions()[path]
    last_versions()[path] = version
    return version


def open_store() -> tuple:
    """(store, path, version) or, for a busy or damaged store, one line and the page stops."""
    from geo.store import StoreError

    path = store_path()
    try:
        store = get_store(path)
        return store, path, current_version(store, path)
    except StoreError as exc:
        store_notice(exc)
        st.stop()


def base_url() -> str:
    """The app's address without the page's path or query (links to pages are built on it)."""
    try:
        url = st.context.url or ""
    except Exception:  # outside a browser session (tests)
        url = ""
    url = url.split("?", 1)[0].rstrip("/")
    for page in ("/map", "/add", "/review", "/article"):
        if url.endswith(page):
            return url[: -len(page)]
    return url
