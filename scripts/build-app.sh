#!/usr/bin/env bash
# Builds the web app's bundles into dist/, each page loading only its own bundle:
# the browsing app (index.html) into dist/, and each other bundle into its own
# directory. Their pages are index.html (map.html for the two with Leaflet) with
# their own binary, written beside it for trunk and removed after.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trap 'rm -f .bundle-*.html' EXIT

# bundle TEMPLATE BIN DIR: the binary BIN on TEMPLATE's page, into dist/DIR/.
bundle() {
    local page=".bundle-$2.html"
    sed -e "s/data-bin=\"[a-z]*\"/data-bin=\"$2\"/" -e "s|/map-app/|/$3/|g" "$1" > "$page"
    trunk build "$page" --release --dist "dist/$3" --public-url "/$3/"
}

node scripts/minify-css.mjs
# First: trunk empties dist/ when it builds there.
trunk build --release
bundle index.html vote vote                 # voting and results, the fair's embed views
bundle index.html admin admin               # the moderators' desk
bundle index.html account account-app       # NGO self-service
bundle index.html register register-app     # NGOs' applications
bundle index.html stats stats-app           # the region's statistics
bundle index.html propose propose-app       # proposing an idea
bundle index.html cards cards-app           # the NGO directory and cards as embed views
bundle map.html map map-app                 # the map, and its embed view
bundle map.html place place-app             # NGOs placing initiatives
