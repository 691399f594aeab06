"""Streamlit dashboard: widgets wired to the geo library (store → select → map, exports, review).

Run with `streamlit run dashboard.py`. The store is $GEO_DB (default data/geo.duckdb); an empty
store is filled from seeds/ on first start so a fresh clone shows a map with no manual step.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import export, mapview, ui
from geo.app_data import (
    control_bundle,
    data_version,
    event_span,
    gazetteer,
    get_store,
    last_versions,
    load_events,
    load_incidents,
    outlines,
    store_path,
)
from geo.incidents import region_level
from geo.model import ACTORS, EVENT_TYPES, EXPORT_COLUMNS, STATUSES

PLAY_STEP = {"day": 1, "week": 3, "month": 7}
PLAY_DELAY_S = 1.0
# An upload of this many articles takes a few seconds or more: show a bar. Below, it would flash.
ADD_PROGRESS_MIN = 5
# Articles written per step on the add page, so the bar moves every few articles (an upload is
# small, so the extra commits cost little; the CLI writes geo.store.WRITE_BATCH at a time).
ADD_PROGRESS_BATCH = 4
TABLE_COLUMNS = [
    "event_date",
    "sub_event_type",
    "status",
    "actor1",
    "actor2",
    "location",
    "location_en",
    "admin1",
    "quote",
    "article_id",
    "event_id",
]

st.set_page_config(page_title="Syria events map · خريطة الأحداث", page_icon="🗺️", layout="wide")


def current_version(store, path: str, lang: str) -> tuple:
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
        st.warning(exc.message(lang))
        return last_versions()[path]
    last_versions()[path] = version
    return version


def store_notice(exc, lang: str) -> None:
    """One line for a store that is busy (a warning) or damaged (an error), in the user's language."""
    from geo.store import StoreBusy

    (st.warning if isinstance(exc, StoreBusy) else st.error)(exc.message(lang))


# "N incidents on the map · M region-level (listed) · K event mentions in the table"
INCIDENT_CAPTION = {
    "ar": "{region} على مستوى محافظة أو منطقة (في القائمة) · {mentions} ذكراً للأحداث في الجدول",
    "en": "{region} governorate/region-level (listed) · {mentions} event mentions in the table",
}


def base_url() -> str:
    try:
        url = st.context.url or ""
    except Exception:  # outside a browser session (tests)
        url = ""
    return url.split("?", 1)[0]


# ---------------------------------------------------------------------------------- state


def init_state(first: date, last: date) -> None:
    """On a session's first run, widgets start from the query string (a shared link)."""
    if st.session_state.get("_init"):
        return
    v = ui.view_from_params(st.query_params.to_dict(), first, last)
    st.session_state.update(
        _init=True,
        day=v.day,
        window=v.window,
        types=list(v.event_types),
        actors=list(v.actors),
        gov=list(v.admin1),
        status=list(v.statuses),
        abroad=v.hide_talks_abroad,
        q=v.query,
        centre=v.centre,
        zoom=v.zoom,
        playing=False,
    )


def current_view() -> mapview.View:
    s = st.session_state
    return mapview.View(
        day=s.day,
        window=s.window,
        event_types=tuple(s.types),
        actors=tuple(s.actors),
        admin1=tuple(s.gov),
        statuses=tuple(s.status),
        hide_talks_abroad=bool(s.abroad),
        query=s.q,
        centre=tuple(s.centre),
        zoom=int(s.zoom),
        language=s.lang,
    )


def page_css(lang: str) -> None:
    """Less padding above the map; right-to-left text blocks when the labels are Arabic."""
    rtl = """
        [data-testid="stMain"] [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
        [data-testid="stAlert"], [data-testid="stMain"] [data-testid="stWidgetLabel"],
        [data-testid="stExpander"] summary, h1, h2, h3 { direction: rtl; text-align: right; }"""
    st.html(
        "<style>[data-testid='stMainBlockContainer'] { padding-top: 2.2rem; }"
        " textarea, input[type='text'] { unicode-bidi: plaintext; text-align: start; }"
        + (rtl if lang == "ar" else "")
        + "</style>"
    )


# ---------------------------------------------------------------------------------- pages


def sidebar_filters(lang: str, gaz) -> None:
    sb = st.sidebar
    sb.selectbox(
        t("window", lang), list(mapview.WINDOWS), key="window", format_func=lambda w: _window_label(w, lang)
    )
    i = 0 if lang == "ar" else 1
    sb.multiselect(
        t("types", lang),
        list(EVENT_TYPES),
        key="types",
        placeholder=t("any", lang),
        format_func=lambda k: mapview.type_label(k, lang),
    )
    sb.multiselect(
        t("actors", lang),
        list(ACTORS),
        key="actors",
        placeholder=t("any", lang),
        format_func=lambda a: ACTORS[a] if i == 0 else a,
    )
    govs = {g.admin1: g for g in gaz.governorates()} if gaz else {}
    sb.multiselect(
        t("admin1", lang),
        sorted(govs),
        key="gov",
        placeholder=t("any", lang),
        format_func=lambda c: f"{govs[c].name_ar} · {govs[c].name_en}" if c in govs else c,
    )
    sb.multiselect(
        t("statuses", lang),
        list(STATUSES),
        key="status",
        placeholder=t("any", lang),
        format_func=lambda s: mapview.STATUS_LABELS[s][i],
    )
    sb.checkbox(t("abroad", lang), key="abroad")
    sb.text_input(t("query", lang), key="q")
    focus = {"": (mapview.SYRIA_CENTRE, 7)} | {c: ((g.lat, g.lon), 9) for c, g in govs.items()}

    def on_focus():
        centre, zoom = focus.get(st.session_state.focus, focus[""])
        st.session_state.centre, st.session_state.zoom = centre, zoom

    sb.selectbox(
        t("focus", lang),
        list(focus),
        key="focus",
        on_change=on_focus,
        format_func=lambda c: t("syria", lang) if not c else f"{govs[c].name_ar} · {govs[c].name_en}",
    )
    sb.slider(t("zoom", lang), 4, 14, key="zoom")


def _window_label(w: str, lang: str) -> str:
    return mapview.WINDOW_LABELS[w][0 if lang == "ar" else 1]


def t(key: str, lang: str) -> str:
    return ui.t(key, lang)


def map_page(store, path: str, version: tuple, lang: str) -> None:
    events = load_events(path, version)
    first, last = event_span(events)
    if first is None:
        st.info(t("empty_store", lang))
        return
    if first == last:
        last = first + timedelta(days=1)
    if "next_day" in st.session_state:  # set by the play loop before the slider exists
        st.session_state.day = st.session_state.pop("next_day")
    st.session_state.day = min(max(st.session_state.day, first), last)
    sidebar_filters(lang, gazetteer(path, version))

    col_day, col_play = st.columns([6, 1], vertical_alignment="bottom")
    col_day.slider(
        t("day", lang),
        min_value=first,
        max_value=last,
        key="day",
        step=timedelta(days=1),
        format="YYYY-MM-DD",
    )

    def toggle_play():
        st.session_state.playing = not st.session_state.playing

    col_play.button(
        t("pause" if st.session_state.playing else "play", lang), key="play", on_click=toggle_play
    )

    view = current_view()
    st.query_params.from_dict(ui.view_to_params(view))
    shown = mapview.select(events, view)
    incidents = mapview.select_incidents(load_incidents(path, version), view)
    controls, areas = control_bundle(path, version, view.day)
    m = mapview.build_map(shown, controls, areas, outlines(), view, link_base=base_url(), incidents=incidents)
    region = sum(region_level(i.place, i.geo_precision) for i in incidents)
    st.caption(
        f"{view.first_day.isoformat()} – {view.day.isoformat()} · {len(incidents) - region} {t('shown', lang)}"
        + " · "
        + INCIDENT_CAPTION[lang].format(region=region, mentions=len(shown))
        + ("" if shown else " · " + t("no_events", lang))
    )
    st_folium(m, returned_objects=[], height=600, use_container_width=True, key="map")

    st.markdown(f"**{t('share', lang)}**")
    st.code(ui.share_link(base_url(), view), language=None)

    frame = pd.DataFrame(export.event_rows(shown), columns=list(EXPORT_COLUMNS))
    downloads(events, shown, frame, controls, areas, view, lang, incidents)
    st.subheader(t("table", lang))
    # The table's own CSV download does not guard formulas, so the cells it shows are made safe.
    st.dataframe(frame.map(export.safe_cell), column_order=TABLE_COLUMNS, hide_index=True, width="stretch")

    if st.session_state.playing:
        time.sleep(PLAY_DELAY_S)
        nxt = view.day + timedelta(days=PLAY_STEP.get(view.window, 1))
        if nxt >= last:
            nxt, st.session_state.playing = last, False
        st.session_state.next_day = nxt
        st.rerun()


def downloads(events, shown, frame, controls, areas, view, lang: str, incidents=None) -> None:
    st.markdown(f"**{t('downloads', lang)}**")
    stamp = view.day.isoformat()
    cols = st.columns(5)
    cols[0].download_button(
        t("csv_shown", lang),
        export.csv_bytes(frame),
        f"events-{stamp}.csv",
        "text/csv",
        key="dl_csv",
        on_click="ignore",
    )
    cols[1].download_button(
        t("csv_all", lang),
        lambda: export.csv_bytes(events),
        "events-all.csv",
        "text/csv",
        key="dl_all",
        on_click="ignore",
    )
    cols[2].download_button(
        t("geojson", lang),
        export.geojson_text(frame).encode("utf-8"),
        f"events-{stamp}.geojson",
        "application/geo+json",
        key="dl_geojson",
        on_click="ignore",
    )
    outline_data, link = outlines(), base_url()

    def snapshot() -> bytes:
        chosen = mapview.select(events, view, by_date=False)
        return mapview.snapshot_html(chosen, controls, areas, outline_data, view, link_base=link).encode(
            "utf-8"
        )

    cols[3].download_button(
        t("snapshot", lang), snapshot, f"snapshot-{stamp}.html", "text/html", key="dl_snap", on_click="ignore"
    )
    ok, _why = ui.png_available()

    def png() -> bytes:
        m = mapview.build_map(shown, controls, areas, outline_data, view, link_base=link, incidents=incidents)
        return ui.html_to_png(mapview.map_html(m))

    cols[4].download_button(
        t("png", lang) if ok else t("png_missing", lang),
        png if ok else b"",
        f"view-{stamp}.png",
        "image/png",
        key="dl_png",
        disabled=not ok,
        help=None if ok else t("png_missing", lang),
        on_click="ignore",
    )


def article_page(store, article_id: str, lang: str) -> None:
    art = store.article(article_id)
    if st.button(t("back", lang), key="back"):
        del st.query_params["article"]
        st.rerun()
    if art is None:
        st.error(t("article_missing", lang))
        return
    headline = art.title or next((ln.strip() for ln in art.text.splitlines() if ln.strip()), "")
    st.html(ui.article_header_html(headline, (art.article_id, str(art.published or ""), art.source, art.url)))
    # st.html, not st.markdown: a blank line would end the HTML block and let Markdown read the text.
    st.html(ui.marked_article_html(art.text, store.mentions(article_id)))


def add_page(store, lang: str) -> None:
    with st.form("add", clear_on_submit=False):
        pasted = st.text_area(t("paste", lang), key="paste", height=200)
        files = st.file_uploader(t("upload", lang), type=["txt"], accept_multiple_files=True, key="files")
        published = st.date_input(t("published", lang), value=None, key="published", format="YYYY-MM-DD")
        source = st.text_input(t("source", lang), key="source")
        submitted = st.form_submit_button(t("submit", lang))
    if not submitted:
        return
    uploads = [(f.name, f.getvalue()) for f in files or []]
    if not pasted.strip() and not uploads:
        st.warning(t("nothing", lang))
        return
    if published is None:
        st.error(t("need_date", lang))
        return
    arts, problems = ui.articles_from_inputs(pasted, uploads, published, source)
    for p in problems:
        st.error(f"{ui.plain_label(p.name)}: {p.message}")
    for r in ingest_with_progress(store, arts, lang):
        line = f"{r.article_id}: {t(r.status, lang)} · {r.events} {t('events_n', lang)}" + (
            f" ({r.message})" if r.message else ""
        )
        {"added": st.success, "unchanged": st.info}.get(r.status, st.error)(line)


def ingest_with_progress(store, arts: list, lang: str) -> list:
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


def review_page(store, path: str, version: tuple, lang: str) -> None:
    threshold = st.slider(t("threshold", lang), 0.0, 1.0, 0.5, 0.05, key="threshold")
    rows = store.unresolved(threshold)
    if not rows:
        st.info(t("no_review", lang))
        return
    gaz = gazetteer(path, version)
    for i, r in enumerate(rows[:40]):
        sentence, surface = r.get("sentence") or "", r.get("surface") or ""
        at = sentence.find(surface)
        now = f"{r.get('name_ar') or ''} {r.get('name_en') or ''}".strip() or t("unresolved", lang)
        label = f"{surface} · {now} · {r.get('confidence') or 0:.2f} · {r['article_id']}"
        with st.expander(ui.plain_label(label)):
            st.html(ui.marked_sentence_html(sentence, at, at + len(surface)))
            query = st.text_input(t("search_place", lang), value=surface, key=f"rq{i}")
            hits = gaz.search(query, limit=12) if query.strip() else []
            if not hits:
                continue
            pick = st.selectbox(
                t("pick", lang),
                [p.place_id for p in hits],
                key=f"rp{i}",
                format_func=lambda pid: _place_label(gaz.get(pid)),
            )
            alias = st.text_input(t("alias", lang), value=surface, key=f"ra{i}")
            if st.button(t("apply", lang), key=f"rb{i}"):
                store.add_alias(alias, pick)
                done = store.reanalyse()
                st.success(t("moved", lang).format(n=len(done)))


def _place_label(p) -> str:
    if p is None:
        return "?"
    return f"{p.name_ar} · {p.name_en} · {p.admin1_en or p.country} · {p.kind} · {p.place_id}"


def main() -> None:
    from geo.store import StoreError

    path = store_path()
    params = st.query_params
    if "lang" not in st.session_state:
        st.session_state.lang = "en" if params.get("lang") == "en" else "ar"
    try:
        store = get_store(path)
        version = current_version(store, path, st.session_state.lang)
    except StoreError as exc:  # busy before anything was read, or a damaged file: one line, no traceback
        store_notice(exc, st.session_state.lang)
        st.stop()
    try:
        show_page(store, path, version, params)
    except StoreError as exc:  # an ingest took the file between two reads of this page
        store_notice(exc, st.session_state.lang)


def show_page(store, path: str, version: tuple, params) -> None:
    lang = st.sidebar.radio(
        "اللغة · Language",
        ["ar", "en"],
        key="lang",
        horizontal=True,
        format_func=lambda x: "العربية" if x == "ar" else "English",
    )
    page_css(lang)
    st.header(t("title", lang))
    if params.get("article"):
        article_page(store, params["article"], lang)
        return
    page = st.sidebar.radio(
        t("page", lang),
        ["map", "add", "review"],
        key="page",
        format_func=lambda p: t(p, lang),
        horizontal=True,
    )
    if page == "add":
        add_page(store, lang)
    elif page == "review":
        review_page(store, path, version, lang)
    else:
        first, last = event_span(load_events(path, version))
        init_state(first or date.today(), last or date.today())
        map_page(store, path, version, lang)


main()
