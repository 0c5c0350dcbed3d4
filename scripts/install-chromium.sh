#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (Playwright drives it; Playwright's own browser
# downloads are never used). Prints the browser's path; exits non-zero when it cannot be installed
# (the browser tests then skip, saying why). Needs root or sudo for apt-get.
set -euo pipefail
find_browser() {
  for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}
if path=$(find_browser); then echo "$path"; exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then echo "no apt-get: install Chromium yourself" >&2; exit 1; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else echo "not root and no sudo: cannot install Chromium" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || { echo "apt-get update failed" >&2; exit 1; }
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2 || {
  echo "apt-get install chromium failed" >&2; exit 1; }
find_browser
