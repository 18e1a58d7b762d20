#!/usr/bin/env bash
# A voter roll of 100,000 lines imported through the API (scripts/bench-roll.mjs),
# on SQLite and on PostgreSQL. Writes bench/roll.md.
# Run it beside a PostgreSQL server: scripts/with-postgres.sh scripts/bench-roll.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BASTAMA_TEST_DATABASE_URL:?run under scripts/with-postgres.sh}"
cargo build --release --locked -p bastama-server --bin bastama-server >/dev/null
work=$(mktemp -d /tmp/bastama-roll.XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
password='a long benchmark passphrase'

rows=()
measure() { # LABEL DATABASE_URL
    local dir url token result
    dir=$(mktemp -d "$work/server.XXXX")
    export BASTAMA_DATA_DIR="$dir" BASTAMA_DATABASE_URL="$2" RUST_LOG=warn
    BASTAMA_ADDR=127.0.0.1:0 target/release/bastama-server >"$dir/stdout" &
    pid=$!
    for _ in $(seq 100); do
        grep -q 'listening on' "$dir/stdout" 2>/dev/null && break
        sleep 0.1
    done
    url=$(sed -n 's/.*listening on //p' "$dir/stdout")
    echo "$password" | target/release/bastama-server create-moderator bench@oral.example.kz >/dev/null
    token=$(curl -sf "$url/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"bench@oral.example.kz\",\"password\":\"$password\"}" |
        node -e 'process.stdin.on("data", (d) => console.log(JSON.parse(d).token))')
    result=$(node scripts/bench-roll.mjs "$url" "$token")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
    rows+=("| $1 | $(node -e 'const r = JSON.parse(process.argv[1]); console.log(`${r.lines} | ${(r.bytes / 1e6).toFixed(1)} | ${r.first_s.toFixed(1)} | ${r.again_s.toFixed(1)}`)' "$result") |")
}

measure SQLite "sqlite://$work/roll.db?mode=rwc"
psql "$BASTAMA_TEST_DATABASE_URL" -qc "CREATE DATABASE roll" >/dev/null
measure PostgreSQL "${BASTAMA_TEST_DATABASE_URL%/*}/roll"

{
    echo "# Voter rolls: a batch of 100,000 lines imported through the API"
    echo
    echo "\`make bench\` ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)), on $(nproc) cores,"
    echo "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -g | awk '/^Mem/ {print $2}') GiB."
    echo
    echo "One \`PUT /api/v1/admin/fairs/{id}/roll\` of 100,000 distinct valid IINs, each with a"
    echo "district, timed from the request to the answer: the body read and checked line by line,"
    echo "each IIN hashed with the server's key, the lines written (1,000 a statement) and the roll"
    echo "put in force in one transaction. Then the same file again, which replaces the roll"
    echo "whole. Budget: under 30 s. SQLite: WAL, \`synchronous = FULL\`; PostgreSQL 15 from Debian,"
    echo "default settings, on the same machine, which also runs the client."
    echo
    echo "| database | lines | MB | first import, s | re-import, s |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} | tee bench/roll.md
