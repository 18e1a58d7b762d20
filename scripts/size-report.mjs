// Prints what each route's first load takes, raw / gzip -9 / brotli -11: the page
// and what it references (the app's main module, its loader, the styles), plus,
// for a route of a lazily loaded area, the area's pack (its module and the chunks
// it needs, see scripts/pack-chunks.mjs), and Leaflet for the map's areas.
// Fails when a route's gzip total is over its limit; shows the aim beside it.
// usage: node scripts/size-report.mjs [DIST] [--json FILE]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const jsonOut = option('--json', null);
const dist = args[0] ?? 'dist';

// KB gzip: [limit, aim]. The limits are what CI holds today; the aims are the
// budgets of the one app, not all met yet (see README, "Size").
const BUDGETS = { home: [250, 160], area: [300, 200], map: [335, 250] };
const LEAFLET = ['leaflet/leaflet.js', 'leaflet/leaflet.markercluster.js', 'leaflet/leaflet.css', 'leaflet/MarkerCluster.css'];
// The areas (src/areas.rs) and a route of each, for the table.
const AREAS = {
  browse: ['/ngos', 'area'],
  vote: ['/fair/1/vote', 'area'],
  propose: ['/fair/1/propose', 'area'],
  moderation: ['/moderation', 'area'],
  station: ['/station', 'area'],
  audit: ['/moderation/audit', 'area'],
  ballot_box: ['/fair/1/protocol', 'area'],
  account: ['/account', 'area'],
  stats: ['/stats', 'area'],
  map: ['/map', 'map'],
  place: ['/map/new', 'map'],
};

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const page = new Set(['index.html']);
for (const [, url] of html.matchAll(/(?:href|src|from|module_or_path:)\s*=?\s*['"]\/([^'"?#]+)['"]/g)) {
  page.add(url);
}
const app = readdirSync(dist).find((name) => name.startsWith('app-'));
// Each area's modules come in one file (scripts/pack-chunks.mjs).
const areaFiles = Object.fromEntries(readdirSync(join(dist, app))
  .map((name) => name.match(/^pack_(\w+)\.bin$/))
  .filter(Boolean)
  .map(([file, area]) => [area, [`${app}/${file}`]]));

const sizes = new Map();
const size = (file) => {
  if (!sizes.has(file)) {
    const raw = readFileSync(join(dist, file));
    sizes.set(file, {
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizes.get(file);
};
const sum = (files) => files.map(size).reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });

const kb = (n) => (n / 1024).toFixed(1);
const routes = [{ route: '/', area: null, files: [...page], budget: BUDGETS.home }];
for (const [area, [route, kind]] of Object.entries(AREAS)) {
  if (!areaFiles[area]) throw new Error(`no pack of the area ${area} in ${app}`);
  routes.push({ route, area, files: [...page, ...areaFiles[area], ...(kind === 'map' ? LEAFLET : [])], budget: BUDGETS[kind] });
}

console.log('The page and the main module, every route loads them:');
for (const file of [...page].sort()) {
  const r = size(file);
  console.log(`  ${file.padEnd(40)} ${kb(r.raw).padStart(8)} ${kb(r.gzip).padStart(8)} ${kb(r.brotli).padStart(8)}`);
}
console.log(`\n${'route'.padEnd(18)} ${'area'.padEnd(11)} ${'files'.padStart(5)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'brotli KB'.padStart(9)}  limit / aim (gzip)`);
let over = false;
const report = routes.map(({ route, area, files, budget: [limit, aim] }) => {
  const total = sum(files);
  const within = total.gzip <= limit * 1024;
  over ||= !within;
  console.log(`${route.padEnd(18)} ${(area ?? '—').padEnd(11)} ${String(files.length).padStart(5)} ${kb(total.raw).padStart(8)} ${kb(total.gzip).padStart(8)} ${kb(total.brotli).padStart(9)}  ${limit} / ${aim}${within ? '' : '  OVER'}${total.gzip <= aim * 1024 ? '  (aim met)' : ''}`);
  return { route, area, files: files.length, total, limit_kb: limit, aim_kb: aim };
});
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
if (over) {
  console.log('over the limit');
  process.exit(1);
}
