#!/usr/bin/env bash
# Builds the web app into dist/: one app, split into chunks the browser fetches
# as their areas first show (see src/areas.rs).
#  1. cargo builds the app's WebAssembly with relocations (.cargo/config.toml);
#  2. wasm-split-cli cuts it at the split points into the main module, one
#     module per area and the chunks several areas share, with their loader;
#  3. wasm-bindgen writes the JS glue, keeping the exports the chunks import;
#  4. wasm-opt shrinks every module, and each area's modules go into one
#     file (scripts/pack-chunks.mjs);
#  5. trunk builds the page, its styles and public files from web/index.html;
#  6. the app goes into dist/app-<hash of its files>/, so that a page never
#     mixes files of two releases, and the page gets the loader for it;
#  7. every text and wasm file gets its .gz and .br beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

raw=target/wasm32-unknown-unknown/wasm-release/bastama.wasm
work=target/app
rm -rf "$work"
mkdir -p "$work/split" "$work/pkg"

cargo build --locked --target wasm32-unknown-unknown --profile wasm-release -p bastama --bin bastama --features split
wasm-split-cli "$raw" "$work/split" --out-name bastama 2> "$work/split.log" || status=$?
cat "$work/split.log" >&2
[ "${status:-0}" -eq 0 ] || exit "$status"
# A segment too long after the split stays whole in the main module: every
# area's data in the first load. SPLIT_ROOM in src/main.rs is there to prevent it.
if grep -q "Overlong segment" "$work/split.log"; then
    echo "wasm-split-cli kept a data segment whole in the main module: enlarge SPLIT_ROOM in src/main.rs" >&2
    exit 1
fi
wasm-bindgen "$work/split/bastama.wasm" --target web --keep-lld-exports --no-demangle \
    --out-dir "$work/pkg" --out-name bastama
rm "$work/split/bastama.wasm" "$work/pkg"/*.d.ts
mv "$work/split"/* "$work/pkg/"
# Two at a time, one per core.
find "$work/pkg" -name '*.wasm' -print0 | xargs -0 -P 2 -I{} \
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --low-memory-unused {} -o {}
node scripts/pack-chunks.mjs "$work/pkg"
node --input-type=module --check < "$work/pkg/__wasm_split.js"

node scripts/minify-css.mjs
trunk build --release

hash=$(cat "$work"/pkg/* | sha256sum | cut -c1-16)
app="app-$hash"
cp -r "$work/pkg" "dist/$app"
# Paths from the root: the server moves them below its base path.
loader="<link rel=\"modulepreload\" href=\"/$app/bastama.js\">
<link rel=\"modulepreload\" href=\"/$app/__wasm_split.js\">
<link rel=\"preload\" href=\"/$app/bastama_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\">
<script type=\"module\">import init from '/$app/bastama.js'; init({ module_or_path: '/$app/bastama_bg.wasm' });</script>
</head>"
node -e 'const fs = require("fs"); const [page, loader] = process.argv.slice(1);
  fs.writeFileSync(page, fs.readFileSync(page, "utf8").replace("</head>", loader));' dist/index.html "$loader"
node scripts/precompress.mjs dist
