#!/usr/bin/env bash
# Serves the HealthReach app with the embedded Weinan demo region on
# http://127.0.0.1:8080 (installs missing build tools first; see setup.sh).
#   scripts/serve.sh            release build (as deployed)
#   scripts/serve.sh --dev      debug build, faster to compile
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
export PATH="$PWD/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"
release="--release"
[ "${1:-}" = "--dev" ] && release=""
echo "HealthReach: building, then serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve $release
