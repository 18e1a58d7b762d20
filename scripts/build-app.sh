#!/usr/bin/env bash
# Builds the web app's bundles into dist/: the browsing app (index.html), under
# dist/vote/ the voting app (vote.html), under dist/admin/ the moderators' desk
# (admin.html). Each page loads only its own bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release
trunk build vote.html --release --dist dist/vote --public-url /vote/
trunk build admin.html --release --dist dist/admin --public-url /admin/
