// Prints every file a page's first load takes (the page and what it references),
// raw / gzip -9 / brotli -11, and the total; fails when the gzip total is over budget.
// usage: node scripts/size-report.mjs [DIST] [PAGE] [--budget-kb 250] [--json FILE]
// PAGE is the page's file inside DIST, index.html by default; the URLs it
// references are resolved from DIST, the site's root.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const budgetKb = Number(option('--budget-kb', '250'));
const jsonOut = option('--json', null);
const dist = args[0] ?? 'dist';
const page = args[1] ?? 'index.html';

const html = readFileSync(join(dist, page), 'utf8');
const referenced = new Set([page]);
for (const [, url] of html.matchAll(/(?:href|src|from|module_or_path:)\s*=?\s*['"]\/([^'"?#]+)['"]/g)) {
  referenced.add(url);
}

const kb = (n) => (n / 1024).toFixed(1);
const rows = [...referenced].sort().map((file) => {
  const raw = readFileSync(join(dist, file));
  return {
    file,
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });

const width = Math.max(...rows.map((r) => r.file.length), 5);
const line = (name, r) =>
  `${name.padEnd(width)}  ${kb(r.raw).padStart(9)}  ${kb(r.gzip).padStart(9)}  ${kb(r.brotli).padStart(9)}`;
console.log(`${'file'.padEnd(width)}  ${'raw KB'.padStart(9)}  ${'gzip KB'.padStart(9)}  ${'brotli KB'.padStart(9)}`);
for (const r of rows) console.log(line(r.file, r));
console.log(line('total', total));
console.log(`budget: ${budgetKb} KB gzip for the first load — ${total.gzip <= budgetKb * 1024 ? 'within' : 'OVER'}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ files: rows, total, budget_kb: budgetKb }, null, 2));
if (total.gzip > budgetKb * 1024) process.exit(1);
