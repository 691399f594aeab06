#!/usr/bin/env bash
# Installs what the product needs (a local .venv) and opens the dashboard on the seeds.
# The store (data/geo.duckdb) is created and the seeds ingested on first start.
source "$(dirname "$0")/_venv.sh" requirements.txt
[ -f data/gazetteer.csv.gz ] || python -m geo build-gazetteer
exec streamlit run dashboard.py --server.headless true --browser.gatherUsageStats false "$@"
