# Sourced by the benchmarks that start API servers: a scratch directory and
# `start_server DATABASE_URL`, which sets `url`; the servers and the directory
# go when the script exits.
work=$(mktemp -d /tmp/bastama-bench.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Starts the release API server on DATABASE_URL; sets `url` to its base URL. (Not
# run in a command substitution, whose subshell would lose the pid the cleanup needs.)
start_server() {
    local dir
    dir=$(mktemp -d "$work/server.XXXX")
    BASTAMA_ADDR=127.0.0.1:0 BASTAMA_DATA_DIR="$dir" BASTAMA_DATABASE_URL="$1" \
        BASTAMA_SECRET=$(printf 'b%.0s' {1..64}) RUST_LOG=warn \
        target/release/bastama-server >"$dir/stdout" 2>"$dir/stderr" &
    pids+=($!)
    for _ in $(seq 100); do
        grep -q 'listening on' "$dir/stdout" 2>/dev/null && break
        sleep 0.1
    done
    url=$(sed -n 's/.*listening on //p' "$dir/stdout")
}
