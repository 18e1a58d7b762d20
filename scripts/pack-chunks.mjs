// Packs each lazily loaded area of the app into one file: the area's module and
// every chunk it needs, end to end (pack_<area>.bin), and rewrites the
// splitter's loader (__wasm_split.js, from wasm-split-cli 0.2.3) to take each
// module from its area's pack. The splitter makes a chunk for every set of
// areas that share code (dozens of small files per area); compressed one by
// one they cost about 30 KB gzip more per area than compressed together.
// A chunk an area shares with another travels in both packs; it is
// instantiated once, by whichever area loads first.
// usage: node scripts/pack-chunks.mjs APP_DIR
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const loaderPath = join(dir, '__wasm_split.js');
let loader = readFileSync(loaderPath, 'utf8');

const areaPattern = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"[\s\S]*?, \[([^\]]*)\]\)\);/g;
const packs = {};
const used = new Set();
for (const [, area, file, deps] of loader.matchAll(areaPattern)) {
  const files = [file, ...deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => `${d.replace(/^__/, '')}.wasm`)];
  const index = {};
  let offset = 0;
  const bytes = files.map((f) => {
    const b = readFileSync(join(dir, f));
    index[f] = [offset, b.length];
    offset += b.length;
    used.add(f);
    return b;
  });
  writeFileSync(join(dir, `pack_${area}.bin`), Buffer.concat(bytes));
  packs[area] = { url: `./pack_${area}.bin`, files: index };
}
if (Object.keys(packs).length === 0) throw new Error(`no areas found in ${loaderPath}`);

// Each area's loading in its pack, and each module's bytes from that pack.
loader = loader.replace(areaPattern, (whole, area) =>
  whole.replace('wrapAsyncCb(makeLoad(', `wrapAsyncCb(inPack("${area}", makeLoad(`).replace(/\]\)\);$/, '])));'));
const fetches = loader.match(/const src = fetch\(new URL\("\.\/[\w.]+", import\.meta\.url\)\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g) ?? [];
if (fetches.length !== used.size) throw new Error(`expected ${used.size} module fetches in the loader, found ${fetches.length}`);
loader = loader.replace(
  /const src = fetch\(new URL\("\.\/([\w.]+)", import\.meta\.url\)\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g,
  'const src = packed("$1");\n    return async (imports) => (WebAssembly.instantiate(await src, imports));',
);

const runtime = `// Packed by scripts/pack-chunks.mjs: each area's modules come in one file.
const PACKS = ${JSON.stringify(packs)};
const packLoads = {};
let packing;
// While an area starts loading (synchronously, its chunks' fetchers included),
// its modules are taken from its pack.
function inPack(area, load) {
    return () => {
        const outer = packing;
        packing = area;
        try { return load(); } finally { packing = outer; }
    };
}
function packed(file) {
    const area = packing;
    const pack = PACKS[area];
    if (packLoads[area] === undefined) {
        const load = fetch(new URL(pack.url, import.meta.url)).then((response) => {
            if (!response.ok) throw new Error(\`\${pack.url}: \${response.status}\`);
            return response.arrayBuffer();
        });
        // A failed fetch is asked for again on the next try.
        load.catch(() => { if (packLoads[area] === load) packLoads[area] = undefined; });
        packLoads[area] = load;
    }
    const [offset, length] = pack.files[file];
    return packLoads[area].then((buffer) => new Uint8Array(buffer, offset, length));
}
`;
writeFileSync(loaderPath, runtime + loader);
for (const file of used) rmSync(join(dir, file));
