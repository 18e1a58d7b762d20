#!/usr/bin/env bash
# Ballots through the API with durable commits: per second as fast as they go
# (CONCURRENCY in flight), and p50/p99 latency with ballots arriving RATE a
# second. One server on SQLite, one and two servers on PostgreSQL, each beside
# raw inserts of the same rows (the database's ceiling). Writes bench/ballots.md.
# Run it beside a PostgreSQL server: scripts/with-postgres.sh scripts/bench-ballots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BASTAMA_TEST_DATABASE_URL:?run under scripts/with-postgres.sh}"
VOTERS=${VOTERS:-2000}
CONCURRENCY=${CONCURRENCY:-32}
# 400 a second: the region's 470,000 adults voting within 20 minutes.
RATE=${RATE:-400}

cargo build --release --locked -p bastama-server --bin bastama-server --example bench_ballots >/dev/null
bench=target/release/examples/bench_ballots
. scripts/bench-servers.sh

field() { node -e "console.log(Number(JSON.parse(process.argv[1])['$2']).toFixed($3))" "$1"; }

rows=()
measure() { # LABEL SERVERS DATABASE_URL SERVER_URL...
    local label=$1 count=$2 db=$3
    shift 3
    local flags=()
    for server in "$@"; do flags+=(--server "$server"); done
    local api raw api_rate raw_rate
    raw=$("$bench" --db "$db" --raw --voters "$VOTERS" --concurrency "$CONCURRENCY")
    api=$("$bench" --db "$db" "${flags[@]}" --voters "$VOTERS" --concurrency "$CONCURRENCY")
    raw_rate=$("$bench" --db "$db" --raw --voters "$VOTERS" --rate "$RATE")
    api_rate=$("$bench" --db "$db" "${flags[@]}" --voters "$VOTERS" --rate "$RATE")
    local ratio
    ratio=$(node -e "const a=JSON.parse(process.argv[1]),r=JSON.parse(process.argv[2]);console.log((a.per_second/r.per_second).toFixed(2))" "$api" "$raw")
    rows+=("| $label | $count | $(field "$api" per_second 0) | $(field "$raw" per_second 0) | $ratio | $(field "$api" p99_ms 1) | $(field "$api_rate" p50_ms 1) | $(field "$api_rate" p99_ms 1) | $(field "$raw_rate" p99_ms 1) |")
}

sqlite_url="sqlite://$work/bench.db?mode=rwc"
start_server "$sqlite_url"
measure SQLite 1 "$sqlite_url" "$url"

psql "$BASTAMA_TEST_DATABASE_URL" -qc "CREATE DATABASE bench" >/dev/null
pg_url="${BASTAMA_TEST_DATABASE_URL%/*}/bench"
start_server "$pg_url"
a=$url
start_server "$pg_url"
b=$url
measure PostgreSQL 1 "$pg_url" "$a"
measure PostgreSQL 2 "$pg_url" "$a" "$b"

{
    echo "# Ballots: saved through the API with durable commits"
    echo
    echo "\`make bench\` ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)), on $(nproc) cores,"
    echo "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -g | awk '/^Mem/ {print $2}') GiB."
    echo
    echo "Each run: $VOTERS voters (sessions made in the database), one \`PUT /api/v1/fairs/{id}/ballot\`"
    echo "of 3 ideas each, requests spread over the API servers in turn. Throughput: as fast as they"
    echo "go, $CONCURRENCY in flight. Latency: ballots arriving $RATE a second whatever the answers do"
    echo "(the region's 470,000 adults voting within 20 minutes), each timed from when it was due."
    echo "Raw inserts: the same rows (the ballot, its 3 ideas, the phone's link, the receipt and the"
    echo "ballot's event for the box's chain, one transaction of five INSERTs, the ideas in one)"
    echo "written straight into the database, through the server's own write pool (on SQLite one"
    echo "connection that writers queue for). The API does more per ballot: HTTP, the session and the"
    echo "fair (read at once), the ideas checked, and the rows in one statement (PostgreSQL, a first"
    echo "ballot) or one transaction (SQLite, and every changed ballot)."
    echo "Before, the raw inserts wrote the ballot and its ideas alone (commit 4497f00): the ratios were"
    echo "0.72 (SQLite), 0.46 and 0.52 (PostgreSQL) against that lower bar, on a slower machine."
    echo "SQLite: WAL, \`synchronous = FULL\`; PostgreSQL 15 from Debian, default settings (fsync on,"
    echo "synchronous_commit on), on the same machine, which also runs the load."
    echo
    echo "| database | API servers | ballots/s | raw inserts/s | ballots ÷ raw | p99 ms, $CONCURRENCY in flight | p50 ms at $RATE/s | p99 ms at $RATE/s | raw p99 ms at $RATE/s |"
    echo "|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
} | tee bench/ballots.md
