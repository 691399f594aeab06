"""Streamlit dashboard: wiring only — the language, the pages (geo/app/), the store's errors.

Run with `streamlit run dashboard.py`. The store is $GEO_DB (default data/geo.duckdb); an empty
store is filled from seeds/ on first start so a fresh clone shows a map with no manual step.
"""

from __future__ import annotations

import logging

import streamlit as st

from geo import labels
from geo.app import code_version
from geo.app.common import language_picker, one_line_on_failure, t

log = logging.getLogger("geo.dashboard")
st.set_page_config(page_title="Syria events map · خريطة الأحداث", page_icon="🗺️", layout="wide")

language_picker()
SCRIPTS = {page: f"geo/app/{page}_page.py" for page in ("map", "add", "review", "article", "map_link")}
PAGES = {
    # the default page is served at the root whatever its url_path: an old /map link is the hidden map_link
    # page, which lands on the root with its query kept (dashboard QA 15 #11)
    "map": st.Page(SCRIPTS["map"], title=t("map"), icon=":material/map:", url_path="home", default=True),
    "map_link": st.Page(SCRIPTS["map_link"], title=t("map"), url_path="map", visibility="hidden"),
    "add": st.Page(SCRIPTS["add"], title=t("add"), icon=":material/add:", url_path="add"),
    "review": st.Page(SCRIPTS["review"], title=t("review"), icon=":material/fact_check:", url_path="review"),
    "article": st.Page(
        SCRIPTS["article"], title=t("article"), icon=":material/article:", url_path="article", visibility="hidden"
    ),
}
page = st.navigation(list(PAGES.values()))
stale = code_version.changed_files(("dashboard.py", SCRIPTS.get(page.url_path or "map", SCRIPTS["map"])))
if stale:  # new scripts over the old modules would half-load: one line, restart (QA 21, 46)
    log.warning("code changed since the start, restart needed: %s", ", ".join(map(str, stale[:5])))
    st.error(t("code_updated").format(cmd=labels.isolated("./scripts/dashboard.sh")))
    st.stop()
if st.query_params.get("article") and page.url_path != "article":  # an old link: ?article=<id>
    st.switch_page(PAGES["article"], query_params={"article": st.query_params["article"]})
one_line_on_failure(page.run)()  # a busy store, or anything unexpected: one line, never a traceback
