#!/usr/bin/env bash
# API reads against the ceiling: wrk (Debian) on `GET /api/v1/ngos?per_page=50`
# and on a static file of exactly the same bytes served by the same server, one
# after the other, 2 threads, 32 connections, 10 s each, no compression asked.
# Usage: scripts/bench-reads.sh BASE_URL DIST OUTPUT.md (the server serves DIST).
# The API side includes the server's one-second read cache.
set -euo pipefail
base=$1 dist=$2 out=$3
path='/api/v1/ngos?per_page=50'
curl -sf "$base$path" > "$dist/bench-reads.json"
trap 'rm -f "$dist/bench-reads.json"' EXIT
run() { wrk -t2 -c32 -d10s --latency "$@"; }
field() { # WRK_OUTPUT NAME: requests/s, or a latency percentile in ms
    case $2 in
    rps) sed -n 's/^Requests\/sec: *//p' <<<"$1" ;;
    *) awk -v p="$2%" '$1 == p { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
                                 else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
                                 printf "%.2f", v }' <<<"$1" ;;
    esac
}
api=$(run "$base$path")
# A request with a token is never served from the read cache: computed each time.
computed=$(run -H 'Authorization: Bearer bench' "$base$path")
static=$(run "$base/bench-reads.json")
bytes=$(wc -c < "$dist/bench-reads.json")
ratio=$(awk -v a="$(field "$api" rps)" -v s="$(field "$static" rps)" 'BEGIN { printf "%.2f", a / s }')
cat > "$out" <<TABLE
# API reads beside a static file of the same bytes

wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), 2 threads, 32 connections, 10 s each, on the same
$(nproc) cores as the server (SQLite, 10,030 NGOs). The API answer is ${bytes} bytes: the first
50 NGOs of the directory (a COUNT, a page of rows, their directions, a weak ETag), which the
server keeps for a second (its read cache), so under this load it is computed about once a
second. The static file is those bytes saved under the app's directory and served by the
same server.

| what | requests/s | p50 ms | p99 ms |
|---|---|---|---|
| \`GET $path\` | $(field "$api" rps) | $(field "$api" 50) | $(field "$api" 99) |
| the same, computed on each request (a token keeps the read cache out) | $(field "$computed" rps) | $(field "$computed" 50) | $(field "$computed" 99) |
| the same bytes as a static file | $(field "$static" rps) | $(field "$static" 50) | $(field "$static" 99) |

API ÷ static: **$ratio** (budget: at least 0.5); computed on each request ÷ static: **$(awk -v a="$(field "$computed" rps)" -v s="$(field "$static" rps)" 'BEGIN { printf "%.2f", a / s }')**.
Reproduce: \`make bench\` (or \`scripts/bench-search.sh\`, which runs this too).
TABLE
cat "$out"
