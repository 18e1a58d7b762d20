#!/usr/bin/env bash
# Builds the web app's bundles into dist/: the browsing app (index.html), under
# dist/vote/ the voting app (vote.html), under dist/admin/ the moderators' desk
# (admin.html), under dist/account-app/ the NGO self-service (account.html),
# under dist/register-app/ NGOs' applications (register.html), under
# dist/stats-app/ the region's statistics (stats.html), under dist/propose-app/
# proposing an idea (propose.html), under dist/map-app/ the map with Leaflet
# (map.html), under dist/place-app/ NGOs placing initiatives (place.html), under
# dist/cards-app/ the NGO directory and cards as embed views (cards.html).
# Each page loads only its own bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release
trunk build vote.html --release --dist dist/vote --public-url /vote/
trunk build admin.html --release --dist dist/admin --public-url /admin/
trunk build account.html --release --dist dist/account-app --public-url /account-app/
trunk build register.html --release --dist dist/register-app --public-url /register-app/
trunk build stats.html --release --dist dist/stats-app --public-url /stats-app/
trunk build propose.html --release --dist dist/propose-app --public-url /propose-app/
trunk build map.html --release --dist dist/map-app --public-url /map-app/
trunk build place.html --release --dist dist/place-app --public-url /place-app/
trunk build cards.html --release --dist dist/cards-app --public-url /cards-app/
