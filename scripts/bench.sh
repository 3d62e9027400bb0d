#!/usr/bin/env bash
# Access-engine benchmark: native (release) and WebAssembly in headless
# Chromium, the same workload (src/bench.rs), one after the other.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh all
export PATH="$PWD/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo run --release --locked --bin bench_access
trunk build --release=true --dist dist-bench bench/index.html >/dev/null
node tests/e2e/bench.mjs
