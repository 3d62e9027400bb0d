#!/usr/bin/env bash
# Benchmarks, native (release) and WebAssembly in headless Chromium, the same
# workloads (src/bench.rs): the access engine, then the solvers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh all
export PATH="$PWD/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo run --release --locked --bin bench_access
trunk build --release=true --dist dist-bench bench/index.html >/dev/null
node tests/e2e/bench.mjs access
cargo run --release --locked --bin bench_solve
trunk build --release=true --dist dist-bench-solve bench/solve.html >/dev/null
node tests/e2e/bench.mjs solve
