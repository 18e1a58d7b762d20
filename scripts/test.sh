#!/usr/bin/env bash
# Every test layer, fastest first: format and lints, unit and API tests (on SQLite
# and on PostgreSQL), component tests in headless Chromium, the release build and
# its size, end-to-end tests (at the root, then under a path).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all --check

step "lints"
cargo clippy --locked -p bastama-model -p bastama-server --all-targets -- -D warnings
cargo clippy --locked -p bastama --target wasm32-unknown-unknown --all-targets -- -D warnings

step "unit tests (shared types, validators) and API tests (spawned server, fresh SQLite database)"
cargo test --locked -p bastama-model -p bastama-server

step "API tests again on PostgreSQL (a throwaway server, a fresh database each)"
scripts/with-postgres.sh cargo test --locked -p bastama-server --test api

step "component tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --locked --target wasm32-unknown-unknown -p bastama --test web

step "release build"
scripts/build-app.sh
cargo build --locked --release -p bastama-server

step "first-load size of every route"
node scripts/size-report.mjs dist

step "end-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/

step "end-to-end tests again with the app under a path, as a portal mounts it (/bastama)"
BASTAMA_E2E_BASE_PATH=/bastama node --test --test-concurrency=1 tests/e2e/
