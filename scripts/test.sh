#!/usr/bin/env bash
# Installs what the tests need (a local .venv; Debian's Chromium for the browser tests) and runs
# the whole suite. Extra arguments go to pytest.
source "$(dirname "$0")/_venv.sh" requirements-test.txt
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null \
    || echo "warning: chromium could not be installed; browser tests will be skipped"
fi
ruff check .
exec python -m pytest "$@"
