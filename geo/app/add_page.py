"""The add page: paste or upload articles; each is stored and mapped, each bad input gets one line."""

from __future__ import annotations

import logging

import streamlit as st

from geo import labels, ui
from geo.app.common import lang, open_store, t
from geo.store import StoreError

log = logging.getLogger(__name__)

# An upload of this many articles takes a few seconds or more: show a bar. Below, it would flash.
ADD_PROGRESS_MIN = 5
# Articles written per step on the add page, so the bar moves every few articles (an upload is
# small, so the extra commits cost little; the CLI writes geo.store.WRITE_BATCH at a time).
ADD_PROGRESS_BATCH = 4
# What the upload box takes: text, and web pages saved from a browser (read as their visible text:
# geo/reader.py), as README promises (QA11 N19: .html was refused by the box).
UPLOAD_TYPES = ["txt", "html", "htm"]


def ingest_with_progress(store, arts: list) -> list:
    """Ingest the upload; from ADD_PROGRESS_MIN articles on, a progress bar moves as they land."""
    if len(arts) < ADD_PROGRESS_MIN:
        return store.ingest_many(arts) if arts else []
    bar, done = st.progress(0.0, text=f"0 / {len(arts)}"), []

    def tick(result) -> None:
        done.append(result)
        bar.progress(len(done) / len(arts), text=f"{len(done)} / {len(arts)}")

    results = store.ingest_many(arts, on_result=tick, batch_size=ADD_PROGRESS_BATCH)
    bar.empty()
    return results


def page() -> None:
    store, _path, _version = open_store()
    st.header(t("add"))
    with st.form("add", clear_on_submit=False):
        pasted = st.text_area(t("paste"), key="paste", height=200)
        files = st.file_uploader(t("upload"), type=UPLOAD_TYPES, accept_multiple_files=True, key="files")
        published = st.date_input(t("published"), value=None, key="published", format="YYYY-MM-DD")
        source = st.text_input(t("source"), key="source")
        submitted = st.form_submit_button(t("submit"))
    if not submitted:
        return
    uploads = [(f.name, f.getvalue()) for f in files or []]
    if not pasted.strip() and not uploads:
        st.warning(t("nothing"))
        return
    arts, problems = ui.articles_from_inputs(pasted, uploads, published, source)
    if published is None and arts:  # read as the command line reads an undated text: one warning line (QA11
        st.warning(t("need_date"))  # N19), and only when something is read (dashboard QA 15 #13)
    for p in problems:
        name = t("pasted_text") if p.name == "pasted text" else p.name
        show = st.error if p.fatal else st.warning
        show(f"{ui.plain_label(name)}: {ui.plain_label(labels.upload_problem(p.message, lang()))}")
    try:
        results = ingest_with_progress(store, arts)
    except StoreError:
        raise  # the dashboard's one line for a busy or damaged store
    except Exception:  # never a traceback on the page: one line, the details in the server's log
        log.exception("adding %d article(s) failed", len(arts))
        st.error(t("add_crashed"))
        return
    for r in results:
        show = {"added": st.success, "unchanged": st.info}.get(r.status, st.error)
        show(ui.plain_label(ui.result_line(r, lang())))


page()
