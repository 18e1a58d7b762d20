// Time to first data on screen, cold, with the CPU slowed 4× (Chromium's
// Emulation.setCPUThrottlingRate), for /ngos and /map against the running app,
// beside static HTML pages of the same content served by a plain static server
// (the same stylesheet, the same cards; for the map the same Leaflet files and
// markers from a static GeoJSON file). Five cold runs each; the figure is the
// moment, from the navigation's start, that the first card (or cluster) is in
// the page, recorded by a MutationObserver installed before the page loads.
// Usage: node scripts/bench-first-data.mjs BASE_URL DIST OUTPUT.md
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const [base, dist, output] = process.argv.slice(2);
const RUNS = 5;
const dir = mkdtempSync(join(tmpdir(), 'bastama-static-'));
const css = readdirSync(dist).find((f) => /^main-.*\.css$/.test(f));
copyFileSync(join(dist, css), join(dir, 'main.css'));
for (const file of ['leaflet.js', 'leaflet.css', 'leaflet.markercluster.js', 'MarkerCluster.css']) {
  copyFileSync(join(dist, 'leaflet', file), join(dir, file));
}
const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// The directory's first page, as the app asks for it, written out as HTML.
const ngos = await (await fetch(`${base}/api/v1/ngos?page=1&per_page=20`)).json();
writeFileSync(join(dir, 'ngos.html'), `<!doctype html><html lang="kk"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/main.css">
<title>ҮЕҰ</title></head><body><main id="main"><h1>Үкіметтік емес ұйымдар</h1><ul class="cards">
${ngos.items.map((n) => `<li class="card"><h2 class="card-title"><a href="/ngos/${n.id}">${escape(n.name.kk)}</a></h2></li>`).join('\n')}
</ul></main></body></html>`);

// The map: the same GeoJSON as a file, drawn by a few lines of Leaflet.
writeFileSync(join(dir, 'places.geojson'), await (await fetch(`${base}/api/v1/export/initiatives.geojson`)).text());
writeFileSync(join(dir, 'map.js'), `
const map = L.map('map', { maxZoom: 18 }).fitBounds([[47.6, 46.5], [51.8, 55.5]]);
fetch('/places.geojson').then((r) => r.json()).then((data) => {
  const group = L.markerClusterGroup({ showCoverageOnHover: false });
  group.addLayers(data.features.map((f) => L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]],
    { icon: L.divIcon({ className: 'pin pin-' + f.properties.kind, iconSize: [18, 18] }), title: f.properties.title.kk })));
  map.addLayer(group);
});`);
writeFileSync(join(dir, 'map.html'), `<!doctype html><html lang="kk"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/leaflet.css">
<link rel="stylesheet" href="/MarkerCluster.css"><link rel="stylesheet" href="/main.css">
<script src="/leaflet.js"></script><script src="/leaflet.markercluster.js"></script><title>Карта</title></head>
<body><main id="main"><h1>Әлеуметтік бастамалар картасы</h1><div id="map" class="map"></div></main>
<script src="/map.js"></script></body></html>`);

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.geojson': 'application/geo+json' };
const server = createServer((request, response) => {
  try {
    const body = readFileSync(join(dir, new URL(request.url, 'http://x').pathname));
    response.writeHead(200, { 'Content-Type': types[extname(request.url)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const statics = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
async function firstData(url, selector) {
  const times = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ locale: 'kk-KZ', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript((wanted) => {
      window.__firstData = new Promise((resolve) => {
        new MutationObserver((_, observer) => {
          if (document.querySelector(wanted)) {
            resolve(performance.now());
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
    }, selector);
    // Nothing of Playwright's runs in the page while it loads (its selector
    // engine, injected by a waitFor, would hold the parser up): the time is
    // read once the document is parsed, from the observer's promise.
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    times.push(await page.evaluate(() => window.__firstData));
    await context.close();
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}
const rows = [];
for (const [route, app, stat, selector] of [
  ['/ngos', `${base}/ngos`, `${statics}/ngos.html`, '.cards .card'],
  ['/map', `${base}/map`, `${statics}/map.html`, '.marker-cluster'],
]) {
  const a = await firstData(app, selector);
  const s = await firstData(stat, selector);
  rows.push(`| \`${route}\` | ${a.toFixed(0)} | ${s.toFixed(0)} | ${(a / s).toFixed(2)} | 2.00 |`);
}
const version = browser.version();
await browser.close();
server.close();
rmSync(dir, { recursive: true, force: true });

const table = `# Time to first data on screen

Cold (a new browser context each run, nothing cached), CPU slowed 4× (Chromium's
Emulation.setCPUThrottlingRate), 1280×800, against the local server with the benchmark's data
(10,030 NGOs, 5,056 initiatives). Median of ${RUNS} runs, in ms from the start of the navigation
to the first card (\`/ngos\`) or cluster (\`/map\`) in the page, from a MutationObserver added
before the page's own scripts and read once the document is parsed (so that nothing of
Playwright's runs in the page while it loads). The directory's first cards are those the
server writes into its page; the app takes them over once it has started. The static page has the same
content — the same first page of cards with the same stylesheet; for the map the same Leaflet
files drawing the same GeoJSON — served as plain files by a static server on the same machine.
Machine: ${cpus().length} × ${cpus()[0].model}; Chromium ${version}, headless.

| route | app ms | static page ms | ratio | budget |
|---|---|---|---|---|
${rows.join('\n')}

Reproduce: \`make bench\` (or \`scripts/bench-search.sh\`, which runs this too).
`;
writeFileSync(output, table);
process.stdout.write(table);
