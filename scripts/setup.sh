#!/usr/bin/env bash
# Installs what building and testing HealthReach needs, from the Rust package
# registry, Debian apt and npm only (no other downloads). Idempotent: a tool
# already present at the right version is left alone, so a second run takes
# seconds.
#
#   scripts/setup.sh          everything (build + browser tests)
#   scripts/setup.sh build    only what `trunk build` needs
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-all}"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "setup: cannot read wasm-bindgen's version from Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION from crates.io (about 9 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION from crates.io (about 2.5 minutes)"
  # Not --locked: its lock file pins a crate version the index no longer has.
  cargo install --force wasm-bindgen-cli --version "$WB_VERSION"
fi

if [ ! -x scripts/node_modules/.bin/wasm-opt ] || [ ! -d scripts/node_modules/playwright-core ] \
  || [ ! -f scripts/node_modules/highs/build/highs.wasm ] || [ ! -f scripts/node_modules/axe-core/axe.min.js ]; then
  log "installing npm packages (binaryen wasm-opt 132, playwright-core, highs 1.15.3, axe-core 4.14.1) into scripts/node_modules"
  (cd scripts && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error)
fi

if [ "$want" = all ]; then
  # cmake and libclang build HiGHS from source for the native CLI and tests
  # (the highs-sys crate); the browser uses npm `highs` instead.
  if ! dpkg -s cmake libclang-dev >/dev/null 2>&1; then
    log "installing cmake and libclang-dev from apt (to build HiGHS natively)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq cmake libclang-dev >/dev/null
  fi
  # Chromium for the end-to-end tests, and a CJK font so screenshots show
  # Chinese text (the page itself loads no fonts from anywhere).
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    log "installing chromium, chromium-driver and fonts-wqy-microhei from apt"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null
  fi
fi

# Trunk runs cargo with --offline: make sure the sources are here.
cargo fetch --quiet
log "ready: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WB_VERSION, wasm-opt $(scripts/node_modules/.bin/wasm-opt --version | awk '{print $3}')"
