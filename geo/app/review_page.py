"""The review page: doubtful names grouped by name, candidates on a small map, a correction that sticks.

A name is listed when a mention of it has no place or a confidence below the threshold, and no
correction the user saved covers it (a saved alias whose place the mention now resolves to).
Saving stores the alias, re-analyses the articles holding the name (their events move at once),
confirms, and the name leaves the list.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo import labels, ui
from geo.app.common import lang, open_store, t
from geo.app_data import gazetteer, gazetteer_keys
from geo.morph import splits
from geo.search import key as name_key

# Listed by default: below this, the resolver weighed rival readings of the name. A name with one
# clear reading gets 0.93 on the seeds; 0.8 lists the 8 mentions (of 214) that had rivals.
REVIEW_THRESHOLD = 0.8
SENTENCES_SHOWN = 4
CANDIDATES = 12
MAP_HEIGHT = 260
REVIEW_COLUMNS = (1, 1)  # the list of names, the chosen name's detail
FORMS_SHOWN = 3  # spellings named in a name's line; the others counted (the sentences show them all)
LIST_HEIGHT = 640  # px: the list scrolls inside; about 25 names in sight


def mention_id(r: dict) -> str:
    """A stable id of a mention (its article and offset): widget keys survive reruns and re-sorting."""
    return hashlib.sha1(f"{r['article_id']}:{r['start']}".encode()).hexdigest()[:12]


def _place_of(rows: list[dict]):
    """The place most of a name's mentions are read as (None: unresolved)."""
    return Counter(r.get("place_id") for r in rows).most_common(1)[0][0]


def bare_name(surface: str, names: frozenset[str], seen: set[str]) -> str:
    """The name a mention is written as, without its proclitics: «والزهراء» → «زهراء» when «زهراء» is
    a name (the gazetteer's `names` or one of the doubtful spellings `seen`) and «والزهراء» is not a
    gazetteer name; «برزة» stays (no «رزة»)."""
    whole = name_key(surface)
    if not whole or whole in names:
        return whole
    first, _, tail = surface.strip().partition(" ")
    readings = [name_key(f"{rest} {tail}") for c, rest in sorted(splits(first)[1:], key=lambda cr: -len(cr[0])) if c]
    # a gazetteer name first: «ولندن» is «و» + «لندن», not «ول» + «ندن» (the key of «للندن», seen)
    for known in (names, seen):
        found = next((k for k in readings if k and k in known), None)
        if found:
            return found
    return whole


def open_groups(store, threshold: float, names: frozenset[str] = frozenset()) -> list[tuple[str, list[dict]]]:
    """Doubtful mentions by name without clitics, most frequent first, without those a saved
    correction covers; names read as the same place are one entry (by_place). In a group the bare
    spelling's mentions come first (their spelling is the alias saved). `names`: the gazetteer's
    name keys, telling a clitic off from a name's own letter. Each row gets its name as "bare"."""
    rows = [r for r in store.unresolved(threshold) if name_key(r.get("surface") or "")]
    seen = {name_key(r["surface"]) for r in rows}
    fixed = {(name_key(a), pid) for a, pid in store.aliases()}
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        k = bare_name(r["surface"], names, seen)
        if (k, r.get("place_id")) not in fixed:
            groups[k].append({**r, "bare": k})
    joined = by_place(groups)
    for k, rs in joined.items():
        rs.sort(key=lambda r: (r["bare"] != k, name_key(r["surface"]) != r["bare"]))
    return sorted(joined.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def by_place(groups: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Names whose mentions are mostly read as one place joined under the most frequent of them
    (QA 34: «منطقة عفرين» with «عفرين»); a name read as no place stays alone."""
    joined: dict[str, list[dict]] = {}
    lead: dict[str, str] = {}  # place id -> the name it is listed under
    for k, rs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        place = _place_of(rs)
        if place is not None and place in lead:
            joined[lead[place]].extend(rs)
            continue
        joined[k] = list(rs)
        if place is not None:
            lead[place] = k
    return joined


def forms_seen(rows: list[dict]) -> list[str]:
    """The spellings of a group's mentions, most frequent first."""
    return [f for f, _n in Counter(r.get("surface") or "" for r in rows).most_common()]


def _place_label(p) -> str:
    if p is None:
        return "?"
    name_ar = labels.isolated_any(p.name_ar)
    return f"{name_ar} · {labels.place_name_en(p)} · {p.admin1_en or p.country} · {p.kind} · {labels.isolated(p.place_id)}"


def _group_label(name_rows: tuple[str, list[dict]], language: str) -> str:
    _k, rows = name_rows
    r = rows[0]
    reading = [labels.isolated_any(r[k]) if r.get(k) else "" for k in ("name_ar", "name_en")]
    now = " ".join(x for x in reading if x) or labels.t("unresolved", language)
    seen = forms_seen(rows)
    forms = " / ".join(labels.isolated_any(f) for f in seen[:FORMS_SHOWN])
    forms += f" (+{len(seen) - FORMS_SHOWN})" if len(seen) > FORMS_SHOWN else ""
    n = labels.counted(len(rows), "n_mentions", language)
    return f"{forms} · {n} · {now} · {r.get('confidence') or 0:.2f}"


def written_bare(surface: str, bare: str) -> str:
    """The surface without the clitic its name was listed without («وتل كروم» → «تل كروم»): what the
    gazetteer is searched for first."""
    first, _, tail = surface.strip().partition(" ")
    for clitic, rest in splits(first)[1:]:
        if clitic and name_key(f"{rest} {tail}") == bare:
            return f"{rest} {tail}".strip()
    return surface


def candidates(gaz, query: str, rows: list[dict]) -> list:
    """The places to pick from: those the name's mentions are read as, then the gazetteer's answers
    to the query, or, when it finds none, to the query without a clitic («وبيت سوا» → «بيت سوا»)."""
    read = [gaz.get(pid) for pid, _n in Counter(r.get("place_id") for r in rows).most_common() if pid]
    hits = gaz.search(query, limit=CANDIDATES) if query.strip() else []
    first, _, tail = query.strip().partition(" ")
    for clitic, rest in splits(first)[1:] if not hits else ():
        hits = gaz.search(f"{rest} {tail}".strip(), limit=CANDIDATES) if clitic and rest else []
        if hits:
            break
    return list({p.place_id: p for p in (*read, *hits) if p is not None}.values())


def candidates_map(hits, current) -> None:
    """The candidates (blue, numbered) and the current reading (red) on a small map."""
    pts = [(p.lat, p.lon) for p in hits] + ([(current["lat"], current["lon"])] if current.get("lat") else [])
    if not pts:
        return
    m = folium.Map(location=list(pts[0]), zoom_start=7, tiles=None, prefer_canvas=True)
    for n, p in enumerate(hits, 1):
        folium.CircleMarker(
            [p.lat, p.lon],
            radius=7,
            color="#1565c0",
            fill=True,
            fill_opacity=0.8,
            tooltip=f"{n}. {_place_label(p)}",
        ).add_to(m)
    if current.get("lat") is not None:
        folium.CircleMarker(
            [current["lat"], current["lon"]], radius=9, color="#c62828", weight=3, tooltip=t("resolved_as")
        ).add_to(m)
    m.fit_bounds([[min(a for a, _ in pts) - 0.2, min(b for _, b in pts) - 0.2],
                  [max(a for a, _ in pts) + 0.2, max(b for _, b in pts) + 0.2]])  # fmt: skip
    from geo import mapview

    outlines = mapview.load_outlines()
    if outlines:
        folium.GeoJson(
            outlines, style_function=lambda _f: {"color": "#546e7a", "weight": 1, "fillOpacity": 0.1}
        ).add_to(m)
    st_folium(
        mapview.inline_assets(m),
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        key="review_map",
    )


def save(store, alias: str, place, names: frozenset[str] = frozenset()) -> None:
    """Store the alias, re-analyse the articles holding it, and leave a confirmation for the next run."""
    store.add_alias(alias, place.place_id)
    n = len({r.article_id for r in store.reanalyse()})  # every article holding the alias
    done = t("moved").format(
        name=alias, place=_place_label(place), articles=labels.counted(n, "n_articles", lang())
    )
    # mentions the correction did not move (their sentence reads the name as a crossing, a region…)
    threshold = st.session_state.get("threshold", REVIEW_THRESHOLD)
    key = name_key(alias)
    left = [r for _k, rs in open_groups(store, threshold, names) for r in rs if key in (r["bare"], name_key(r["surface"]))]
    st.session_state["_review_done"] = done + (t("moved_left").format(n=len(left)) if left else "")


def group_detail(store, gaz, name_rows, names: frozenset[str] = frozenset()) -> None:
    _k, rows = name_rows
    mid = mention_id(rows[0])
    for r in rows[:SENTENCES_SHOWN]:
        sentence, surface = r.get("sentence") or "", r.get("surface") or ""
        at = sentence.find(surface)
        st.html(ui.marked_sentence_html(sentence, at, at + len(surface)))
        ids = [labels.isolated(x) for x in (r["article_id"], r.get("published")) if x]
        st.caption(ui.plain_label(" · ".join(ids)))
    if len(rows) > SENTENCES_SHOWN:
        st.caption(t("more_sentences").format(n=labels.counted(len(rows) - SENTENCES_SHOWN, "n_sentences", lang())))
    surface = rows[0].get("surface") or ""
    query = st.text_input(t("search_place"), value=written_bare(surface, rows[0].get("bare", "")), key=f"rq-{mid}")
    hits = candidates(gaz, query, rows) if gaz else []
    if not hits:
        st.info(t("no_candidates"))
        return
    ids = [p.place_id for p in hits]
    now = rows[0].get("place_id")
    pick = st.selectbox(
        t("pick"),
        ids,
        index=ids.index(now) if now in ids else 0,  # the current reading first: the user changes it
        key=f"rp-{mid}",
        format_func=lambda pid: f"{ids.index(pid) + 1}. {_place_label(gaz.get(pid))}",
    )
    candidates_map(hits, rows[0])
    alias = st.text_input(t("alias"), value=surface, key=f"ra-{mid}")
    st.button(t("apply"), key=f"rb-{mid}", on_click=save, args=(store, alias, gaz.get(pick), names))


def page() -> None:
    store, path, version = open_store()
    st.header(t("review"))
    done = st.session_state.pop("_review_done", None)
    if done:
        st.success(ui.plain_label(done))
    threshold = st.slider(t("threshold"), 0.0, 1.0, REVIEW_THRESHOLD, 0.05, key="threshold")
    names = gazetteer_keys(path, version)
    groups = open_groups(store, threshold, names)
    if not groups:
        st.info(t("no_review"))
        return
    n_names, n_rows = len(groups), sum(len(g[1]) for g in groups)
    st.caption(
        t("review_intro").format(
            names=labels.counted(n_names, "n_names", lang()),
            mentions=labels.counted(n_rows, "n_mentions", lang()),
        )
    )
    keys = [mention_id(rows[0]) for _k, rows in groups]
    by_key = dict(zip(keys, groups, strict=True))
    language = lang()
    # the names scroll in their own box beside the chosen one's sentences and correction, which stay
    # in sight however long the list is (QA 44: 122 names put the form a page below)
    names_column, detail_column = st.columns(REVIEW_COLUMNS, gap="large")
    with names_column, st.container(height=LIST_HEIGHT):
        chosen = st.radio(
            t("review"),
            keys,
            key="review_name",
            format_func=lambda k: ui.plain_label(_group_label(by_key[k], language)),
        )
    with detail_column:
        group_detail(store, gazetteer(path, version), by_key[chosen], names)


page()
