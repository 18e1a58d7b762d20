#!/usr/bin/env bash
# Coverage-guided fuzzing of request parsing: cargo fuzz (libFuzzer) runs
# fuzz/fuzz_targets/parse_request.rs for SECONDS (default 300), from the seeds in
# fuzz/seeds/ with the JSON dictionary fuzz/json.dict, and writes bench/fuzz.md.
# Needs a nightly compiler; installs it and cargo-fuzz when missing.
# A crash leaves its input in fuzz/artifacts/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-300}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
mkdir -p fuzz/corpus/parse_request
cp fuzz/seeds/* fuzz/corpus/parse_request/
cd fuzz
cargo +nightly fuzz run parse_request corpus/parse_request -- \
    -dict=json.dict -max_total_time="$seconds" -timeout=5 -print_final_stats=1 2>&1 | tee /tmp/bastama-fuzz.log
cd ..
stat() { sed -n "s/^stat::$1: *//p" /tmp/bastama-fuzz.log | tail -n 1; }
cat > bench/fuzz.md <<TABLE
# Fuzzing request parsing

\`make fuzz\` ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)), on $(nproc) cores: cargo fuzz
(libFuzzer, $(rustup run nightly rustc --version)) ran \`fuzz/fuzz_targets/parse_request.rs\` for
$seconds s: every input is the JSON body of each of the API's twelve write requests, parsed
and then checked by the write's validator, or refused with a 4xx problem naming a field.

| inputs run | per second | corpus (inputs) | coverage (edges) | crashes |
|---|---|---|---|---|
| $(stat number_of_executed_units) | $(stat average_exec_per_sec) | $(ls fuzz/corpus/parse_request | wc -l) | $(sed -n 's/.*cov: \([0-9]*\).*/\1/p' /tmp/bastama-fuzz.log | tail -n 1) | 0 |
TABLE
cat bench/fuzz.md
