"""The article page (`?article=<id>`): the text with each recognised place marked."""

from __future__ import annotations

import streamlit as st

from geo import ui
from geo.app.common import open_store, t


def page() -> None:
    store, _path, _version = open_store()
    article_id = st.query_params.get("article", "")
    if st.button(t("back"), key="back"):
        st.switch_page("geo/app/map_page.py")
    art = store.article(article_id) if article_id else None
    if art is None:
        st.error(t("article_missing"))
        return
    headline = art.title or next((ln.strip() for ln in art.text.splitlines() if ln.strip()), "")
    st.html(ui.article_header_html(headline, (art.article_id, str(art.published or ""), art.source, art.url)))
    # st.html, not st.markdown: a blank line would end the HTML block and let Markdown read the text.
    st.html(ui.marked_article_html(art.text, store.mentions(article_id)))


page()
