// Directory search at scale, against a running server (scripts/bench-search.sh
// starts one with 10,000 synthetic NGOs beside the demo data):
//  - at the server: GET /api/v1/ngos?q=… for every prefix of a few typed terms,
//    one request at a time over loopback, 20 rounds; p50/p99 of the wall time;
//  - in headless Chromium: the same terms typed into /ngos a key at a time; for
//    each key, the time from its `input` event to the moment the list on screen
//    is the list the API gives for the new query (a MutationObserver watches).
// Usage: node scripts/bench-search.mjs BASE_URL OUTPUT.md
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const [base, output] = process.argv.slice(2);
const TERMS = ['синтетикалық ұйым 0042', 'synthetic 00', 'zhastar', 'орал'];
const ROUNDS = 20;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const prefixes = (term) => [...term].map((_, i) => [...term].slice(0, i + 1).join(''));
const list = async (q) => (await fetch(`${base}/api/v1/ngos?q=${encodeURIComponent(q)}&per_page=20`)).json();

const total = (await list('')).total;

// The server.
const server = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (const term of TERMS) {
    for (const q of prefixes(term)) {
      const start = performance.now();
      // A token makes the server compute the answer rather than serve the
      // second-old copy of its read cache (the token itself is not checked here).
      const response = await fetch(`${base}/api/v1/ngos?q=${encodeURIComponent(q)}&per_page=20`,
        { headers: { Authorization: 'Bearer bench' } });
      await response.arrayBuffer();
      server.push(performance.now() - start);
    }
  }
}

// The browser.
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ locale: 'kk-KZ' });
await page.goto(`${base}/ngos`);
await page.locator('.cards .card').first().waitFor();
const keystrokes = [];
for (const term of TERMS) {
  await page.getByRole('searchbox').fill('');
  await page.waitForFunction(() => !location.search.includes('q='));
  await page.locator('.cards .card').first().waitFor();
  for (const q of prefixes(term)) {
    const want = (await list(q)).items.map((n) => n.name.kk).join('|');
    await page.evaluate((want) => {
      window.__t0 = null;
      window.__t1 = null;
      const shown = () => {
        const titles = [...document.querySelectorAll('.card-title')].map((e) => e.textContent).join('|');
        const empty = document.querySelector('.empty') !== null;
        return want === '' ? empty : titles === want;
      };
      document.addEventListener('input', () => { window.__t0 = performance.now(); }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (window.__t0 !== null && shown()) {
          window.__t1 = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
    }, want);
    await page.getByRole('searchbox').pressSequentially(q.at(-1));
    await page.waitForFunction(() => window.__t1 !== null, null, { timeout: 10_000 });
    keystrokes.push(await page.evaluate(() => window.__t1 - window.__t0));
  }
}
const version = browser.version();
await browser.close();

const ms = (v) => v.toFixed(1);
const table = `# Directory search at scale

NGOs in the database: ${total} (\`seed --scale 10000\` beside the demo data), SQLite.
Machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Chromium ${version}, headless, no throttling.
Typed terms: ${TERMS.map((t) => `\`${t}\``).join(', ')} — every prefix of each.

| measure | samples | p50 ms | p99 ms | max ms | budget |
|---|---|---|---|---|---|
| server: \`GET /api/v1/ngos?q=…&per_page=20\`, one at a time, computed each time | ${server.length} | ${ms(percentile(server, 50))} | ${ms(percentile(server, 99))} | ${ms(Math.max(...server))} | — |
| browser: keystroke → results on screen | ${keystrokes.length} | ${ms(percentile(keystrokes, 50))} | ${ms(percentile(keystrokes, 99))} | ${ms(Math.max(...keystrokes))} | 50 ms |

How: the server figure is the wall time of each request from Node's \`fetch\` over loopback;
each request carries a token, which keeps the server's one-second read cache out of it.
The browser figure runs from the key's \`input\` event to the first DOM mutation after
which the cards on screen are exactly the API's first page for the new query.
Reproduce: \`make bench\` (or \`scripts/bench-search.sh\`).
`;
writeFileSync(output, table);
process.stdout.write(table);
