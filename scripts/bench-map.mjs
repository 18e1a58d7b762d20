// The map at scale, against a running server with thousands of initiatives
// (scripts/bench-search.sh seeds 5,000 beside the demo data), in headless Chromium:
//  - data → clustered map: from the end of the GeoJSON response (Resource Timing)
//    to the frame in which the clusters on screen add up to every initiative;
//  - filter change: from choosing a kind to the clusters adding up to that kind's count;
//  - frames while panning (mouse drags) and zooming (wheel): requestAnimationFrame intervals.
// Usage: node scripts/bench-map.mjs BASE_URL OUTPUT.md
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const [base, output] = process.argv.slice(2);
const RUNS = 5;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const count = async (query) => (await (await fetch(`${base}/api/v1/export/initiatives.geojson${query}`)).json()).features.length;
const total = await count('');
const trainings = await count('?kind=training');

// Stamps, in the page, the first frame in which the map shows `want` initiatives.
const watch = (want) => {
  window.__shown = null;
  const tick = () => {
    const clustered = [...document.querySelectorAll('.marker-cluster span')]
      .reduce((sum, span) => sum + Number(span.textContent), 0);
    if (clustered + document.querySelectorAll('.leaflet-marker-icon.pin').length === want) {
      window.__shown = performance.now();
    } else {
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const toMap = [];
const toFilter = [];
const frames = [];
for (let run = 0; run < RUNS; run += 1) {
  const context = await browser.newContext({ locale: 'kk-KZ', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript((want) => {
    window.__want = want;
    document.addEventListener('DOMContentLoaded', () => {
      window.__shown = null;
      const tick = () => {
        const clustered = [...document.querySelectorAll('.marker-cluster span')]
          .reduce((sum, span) => sum + Number(span.textContent), 0);
        if (clustered + document.querySelectorAll('.leaflet-marker-icon.pin').length === window.__want) {
          window.__shown = performance.now();
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  }, total);
  await page.goto(`${base}/map`);
  await page.waitForFunction(() => window.__shown !== null, null, { timeout: 30_000 });
  toMap.push(await page.evaluate(() => {
    const data = performance.getEntriesByType('resource').find((e) => e.name.includes('initiatives.geojson'));
    return window.__shown - data.responseEnd;
  }));

  // A filter: from the choice to the map showing just that kind.
  await page.evaluate(watch, trainings);
  const chosen = await page.evaluate(() => performance.now());
  await page.getByRole('combobox', { name: 'Түрі' }).selectOption('training');
  await page.waitForFunction(() => window.__shown !== null, null, { timeout: 30_000 });
  toFilter.push((await page.evaluate(() => window.__shown)) - chosen);

  // Pan and zoom with the mouse while counting frames.
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    window.__stop = false;
    requestAnimationFrame(tick);
  });
  const box = await page.locator('.map').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of [[200, 0], [-200, 120], [0, -120]]) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let step = 1; step <= 20; step += 1) await page.mouse.move(cx + (dx * step) / 20, cy + (dy * step) / 20);
    await page.mouse.up();
  }
  for (const delta of [-300, -300, 300, 300]) {
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, delta);
    await page.waitForTimeout(400);
  }
  frames.push(...(await page.evaluate(() => { window.__stop = true; return window.__frames.slice(1); })));
  await context.close();
}
const version = browser.version();
await browser.close();

const ms = (v) => v.toFixed(1);
// At 60 Hz a frame comes every 16.7 ms; an interval over 20 ms means a frame was missed.
const over = frames.filter((f) => f > 20).length;
const table = `# The map at scale

Initiatives on the map: ${total} (\`seed --scale 10000\` adds 5,000 beside the demo data); trainings: ${trainings}.
Machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Chromium ${version}, headless, 1280×800, no throttling, no tiles.

| measure | samples | p50 ms | p95 ms | max ms | budget |
|---|---|---|---|---|---|
| data → clustered map on screen | ${toMap.length} | ${ms(percentile(toMap, 50))} | ${ms(percentile(toMap, 95))} | ${ms(Math.max(...toMap))} | 300 ms |
| filter change → map shows the filtered set (with its request) | ${toFilter.length} | ${ms(percentile(toFilter, 50))} | ${ms(percentile(toFilter, 95))} | ${ms(Math.max(...toFilter))} | — |
| frame interval while panning and zooming | ${frames.length} | ${ms(percentile(frames, 50))} | ${ms(percentile(frames, 95))} | ${ms(Math.max(...frames))} | 16.7 ms |

Intervals over 20 ms (a missed frame): ${over} of ${frames.length} (${((100 * over) / frames.length).toFixed(1)} %).

How: "data" is the \`responseEnd\` of the GeoJSON request in Resource Timing; "on screen" is the
first animation frame in which the clusters' counts and the single markers add up to the
expected number. The filter is chosen in the kind select. Panning is three mouse drags of
20 steps, zooming four wheel turns; frame intervals are requestAnimationFrame deltas.
Reproduce: \`make bench\` (or \`scripts/bench-search.sh\`, which runs this too).
`;
writeFileSync(output, table);
process.stdout.write(table);
