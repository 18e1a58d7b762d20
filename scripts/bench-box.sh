#!/usr/bin/env bash
# The published ballot box at 10,000 ballots: cast through the API, then the
# fair closed; the time to chain the events (the first GET .../box), to
# publish (GET .../ballots.json, first request) and to recount the file with
# `bastama-server recount`; and whether the recount equals the results
# endpoint. On SQLite and on PostgreSQL. Writes bench/box.md.
# Run it beside a PostgreSQL server: scripts/with-postgres.sh scripts/bench-box.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BASTAMA_TEST_DATABASE_URL:?run under scripts/with-postgres.sh}"
BALLOTS=${BALLOTS:-10000}

cargo build --release --locked -p bastama-server --bin bastama-server --example bench_ballots >/dev/null
server=target/release/bastama-server
. scripts/bench-servers.sh

seconds() { # URL OUT: the time of one GET, its body kept in OUT
    curl -sf -o "$2" -w '%{time_total}' "$1"
}

# Closes the demo fair as a moderator would, through the API.
close_fair() { # DATABASE_URL
    local dir=$work/moderator token version
    mkdir -p "$dir"
    echo 'a long benchmark passphrase' | BASTAMA_DATA_DIR="$dir" BASTAMA_DATABASE_URL="$1" \
        BASTAMA_SECRET=$(printf 'b%.0s' {1..64}) RUST_LOG=warn \
        "$server" create-moderator bench@oral.example.kz >/dev/null
    token=$(curl -sf -H 'content-type: application/json' \
        -d '{"email":"bench@oral.example.kz","password":"a long benchmark passphrase"}' \
        "$url/api/v1/auth/login" | node -e "process.stdin.on('data', d => console.log(JSON.parse(d).token))")
    version=$(curl -sf "$url/api/v1/fairs/1" | node -e "process.stdin.on('data', d => console.log(JSON.parse(d).version))")
    curl -sf -o /dev/null -X PATCH -H "authorization: Bearer $token" -H "if-match: \"$version\"" \
        -H 'content-type: application/json' -d '{"phase":"closed"}' "$url/api/v1/admin/fairs/1"
}

ms() { node -e "console.log((Number(process.argv[1]) * 1000).toFixed(0))" "$1"; }

rows=()
measure() { # LABEL DATABASE_URL
    local label=$1 db=$2
    start_server "$db"
    target/release/examples/bench_ballots --db "$db" --server "$url" --voters "$BALLOTS" --concurrency 32 >/dev/null
    close_fair "$db"
    local chain publish recount started agrees size events
    chain=$(seconds "$url/api/v1/fairs/1/box" "$work/head.json")
    publish=$(seconds "$url/api/v1/fairs/1/ballots.json" "$work/ballots.json")
    curl -sf -o "$work/results.json" "$url/api/v1/fairs/1/results"
    started=$(date +%s.%N)
    "$server" recount "$work/ballots.json" >"$work/recount.txt"
    recount=$(node -e "console.log(Date.now() / 1000 - Number(process.argv[1]))" "$started")
    agrees=$(node -e "
        const fs = require('fs');
        const box = JSON.parse(fs.readFileSync(process.argv[1]));
        const results = JSON.parse(fs.readFileSync(process.argv[2]));
        const same = JSON.stringify(box.results) === JSON.stringify(results) && box.ballots.length === results.ballots;
        console.log(same && fs.readFileSync(process.argv[3], 'utf8').includes('the recount agrees') ? 'yes' : 'NO');
    " "$work/ballots.json" "$work/results.json" "$work/recount.txt")
    size=$(node -e "console.log((require('fs').statSync(process.argv[1]).size / 1024).toFixed(0))" "$work/ballots.json")
    events=$(node -e "console.log(JSON.parse(require('fs').readFileSync(process.argv[1])).events)" "$work/head.json")
    rows+=("| $label | $BALLOTS | $events | $(ms "$chain") | $(ms "$publish") | $size | $(ms "$recount") | $agrees |")
}

measure SQLite "sqlite://$work/box.db?mode=rwc"
psql "$BASTAMA_TEST_DATABASE_URL" -qc "CREATE DATABASE box" >/dev/null
measure PostgreSQL "${BASTAMA_TEST_DATABASE_URL%/*}/box"

{
    echo "# The ballot box: chained, published and recounted at $BALLOTS ballots"
    echo
    echo "\`make bench\` ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)), on $(nproc) cores,"
    echo "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -g | awk '/^Mem/ {print $2}') GiB."
    echo
    echo "$BALLOTS ballots of 3 ideas saved through the API (\`bench_ballots\`), the fair then closed by a"
    echo "moderator through the API. *Chain*: the first \`GET /api/v1/fairs/1/box\`, which chains every"
    echo "event not chained yet (here all of them: nobody asked for the head while voting). *Publish*:"
    echo "the first \`GET /api/v1/fairs/1/ballots.json\` (the chain is then up to date). *Recount*:"
    echo "\`bastama-server recount ballots.json\`, the whole process (reading, parsing, the chain and"
    echo "every ballot checked, the count, the comparison). *Agrees*: the recount says so, and the"
    echo "results in the file equal \`GET /api/v1/fairs/1/results\`."
    echo
    echo "Reproduce: \`scripts/with-postgres.sh scripts/bench-box.sh\` (part of \`make bench\`)."
    echo
    echo "| database | ballots | chain entries | chain, ms | publish, ms | file, KB | recount, ms | agrees |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} > bench/box.md
cat bench/box.md
