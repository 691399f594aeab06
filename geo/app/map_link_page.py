"""An old `/map?…` link: the map is served at the app's root (Streamlit ignores a default page's
url_path), so this hidden page lands on the map with the link's query kept (dashboard QA 15 #11)."""

from __future__ import annotations

import streamlit as st

st.switch_page("geo/app/map_page.py", query_params=st.query_params.to_dict())
