#!/usr/bin/env bash
# Builds the web app's two bundles into dist/: the browsing app (index.html) and,
# under dist/vote/, the voting app (vote.html), which the browsing app's first
# load does not carry.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release
trunk build vote.html --release --dist dist/vote --public-url /vote/
