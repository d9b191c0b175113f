#!/usr/bin/env bash
# Idempotent setup for a fresh Debian/Ubuntu machine: the system packages Earmark's build and tests
# use, then the npm dependencies. Safe to run again; apt is only touched when something is missing.
#
#   CI=true or EARMARK_SKIP_ELECTRON=1   do not download the Electron binary (no display, or no internet)
#
# Playwright's own browser download is always skipped: the tests use Debian's /usr/bin/chromium.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PACKAGES=(
  chromium sox ffmpeg espeak-ng libsecret-1-dev gnome-keyring dbus dbus-x11 xvfb build-essential python3
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing system packages (${missing[*]}) and no apt-get here; install them by hand" >&2
    exit 1
  fi
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO=(sudo)
    else
      echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "setup: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: system packages already installed"
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ "${CI:-}" = "true" ] || [ "${EARMARK_SKIP_ELECTRON:-}" = "1" ]; then
  export ELECTRON_SKIP_BINARY_DOWNLOAD=1
  echo "setup: skipping the Electron binary download"
fi

if [ -f package-lock.json ]; then
  npm ci
else
  npm install
fi
echo "setup: done"
