#!/usr/bin/env bash
# What the browser tests need: the playwright Python package and Debian's Chromium (Playwright's own browser
# download does not work here). Without chromium the browser tests skip, so a failed apt-get only warns.
# Run it with the project's virtual environment active (as .ci/run does).
set -euo pipefail
if [ -z "${VIRTUAL_ENV:-}" ]; then
  echo "activate the project's virtual environment first (. .venv/bin/activate)" >&2
  exit 1
fi
python -m pip install -q "playwright>=1.40"
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; then
  echo "chromium: $(chromium --version 2>/dev/null)"
else
  echo "warning: could not install chromium; the browser tests will be skipped" >&2
fi
