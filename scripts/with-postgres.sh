#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server: a new cluster in a temporary
# directory, listening on a free loopback port, stopped and removed afterwards.
# The command finds it in BASTAMA_TEST_DATABASE_URL (a superuser, trust auth).
# usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
    echo "PostgreSQL is not installed: run scripts/setup.sh --test" >&2
    exit 1
fi

dir=$(mktemp -d /tmp/bastama-pg.XXXXXX)
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')

# PostgreSQL refuses to run as root; run it as the postgres user then.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"

stop() {
    as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

as_pg "$pg_bin/initdb" -D "$dir/data" -U bastama --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null

export BASTAMA_TEST_DATABASE_URL="postgres://bastama@127.0.0.1:$port/postgres"
"$@"
