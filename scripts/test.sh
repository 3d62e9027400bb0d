#!/usr/bin/env bash
# Runs every test: formatting, the native planning core (unit, integration,
# doc tests), the release browser build, and the end-to-end tests in headless
# Chromium. Installs missing tools first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { printf '\n\033[1;32m== %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh all
export PATH="$PWD/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step "cargo fmt --check"
cargo fmt --all -- --check

step "native tests (planning core, CLI)"
cargo test --release --locked

step "HiGHS glue (node, against npm highs)"
node --test tests/highs/

step "clippy (native and wasm32)"
cargo clippy --release --locked --all-targets -- -D warnings
cargo clippy --profile wasm-release --locked --target wasm32-unknown-unknown --lib --bins -- -D warnings
# The portal's viewer is built without the importer's projections (index.html).
cargo clippy --profile wasm-release --locked --target wasm32-unknown-unknown --no-default-features --lib --bin portal -- -D warnings

step "release browser build (trunk)"
trunk build --release

step "end-to-end tests in headless Chromium"
cargo build --release --locked --bin healthreach --bin bench_solve
# The generated province (20,000 zones, 21,615 facilities) for the browser's solve at scale.
target/release/bench_solve province --write target/province.json
PROVINCE="$PWD/target/province.json" node tests/e2e/run.mjs

echo
echo "all tests passed in $(( $(date +%s) - start )) s"
