#!/usr/bin/env bash
# Directory search at 10,000 NGOs and the map at 5,000 initiatives: a server on a
# fresh SQLite database with the demo data and `seed --scale 10000`, then
# scripts/bench-search.mjs, bench-map.mjs, bench-first-data.mjs and bench-reads.sh.
# Writes bench/search.md, map.md, first-data.md and reads.md. Needs the built app (make app) and the release server.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p bastama-server --bin bastama-server >/dev/null
work=$(mktemp -d /tmp/bastama-search.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export BASTAMA_DATA_DIR="$work" RUST_LOG=warn
# The server seeds the demo data on its empty database; the synthetic NGOs follow.
BASTAMA_ADDR=127.0.0.1:0 BASTAMA_DIST_DIR=dist target/release/bastama-server >"$work/stdout" &
pid=$!
for _ in $(seq 100); do
    grep -q 'listening on' "$work/stdout" 2>/dev/null && break
    sleep 0.1
done
target/release/bastama-server seed --scale 10000
url=$(sed -n 's/.*listening on //p' "$work/stdout")
node scripts/bench-search.mjs "$url" bench/search.md
node scripts/bench-map.mjs "$url" bench/map.md
node scripts/bench-first-data.mjs "$url" dist bench/first-data.md
scripts/bench-reads.sh "$url" dist bench/reads.md
