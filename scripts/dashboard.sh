#!/usr/bin/env bash
# Installs what the product needs (a local .venv) and opens the dashboard on the seeds.
# The store (data/geo.duckdb) is created and the seeds ingested on first start.
source "$(dirname "$0")/_venv.sh" requirements.txt
[ -f data/gazetteer.csv.gz ] || python -m geo build-gazetteer
# No file watcher and no rerun on save: an update of the code (a `git pull`) under a running dashboard
# takes effect on a restart, and until then the page says so in one line (geo/app/code_version.py).
exec streamlit run dashboard.py --server.headless true --browser.gatherUsageStats false \
  --server.fileWatcherType none --server.runOnSave false "$@"
