#!/usr/bin/env bash
# Builds the static site into dist/ (release). Deploy by copying dist/ to any
# static web server; it makes no request outside its own origin.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
export PATH="$PWD/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release
ls -l dist
