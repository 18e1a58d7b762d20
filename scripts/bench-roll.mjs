// Times a voter roll's import through the API: one batch of 100,000 new IINs,
// then the same roll again (a re-import, which replaces the roll whole).
// usage: node scripts/bench-roll.mjs SERVER_URL MODERATOR_TOKEN → one JSON line
const [url, token] = process.argv.slice(2);
const LINES = 100_000;

/** An IIN with its check digit: born 1980-2005, numbered `n`. */
function iin(n) {
  const year = 80 + (n % 26);
  const base = `${String(year % 100).padStart(2, '0')}0101${year < 100 ? 3 : 5}${String(n).padStart(4, '0').slice(-4)}`;
  const digits = [...base].map(Number);
  const weigh = (weights) => digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11;
  let check = weigh([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) check = weigh([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return check === 10 ? null : base + check;
}

const unique = new Set();
for (let n = 0; unique.size < LINES; n += 1) {
  // 26 birth years × 10,000 numbers: enough distinct IINs, in a spread order.
  const candidate = iin(n);
  if (candidate) unique.add(candidate);
}
const districts = ['oral', 'akzhaiyk', 'borli'];
const body = [...unique].map((line, i) => `${line},${districts[i % districts.length]}`).join('\n');

const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const fair = await (await fetch(`${url}/api/v1/admin/fairs`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ title: { kk: 'Бенчмарк' }, description: { kk: '' }, electorate: 'roll' }),
})).json();

async function put() {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/admin/fairs/${fair.id}/roll`, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'text/csv' },
    body,
  });
  const report = await response.json();
  if (response.status !== 200 || report.roll_size !== LINES) {
    throw new Error(`import answered ${response.status}: ${JSON.stringify(report).slice(0, 300)}`);
  }
  return (performance.now() - started) / 1000;
}

const first = await put();
const again = await put();
console.log(JSON.stringify({ lines: LINES, bytes: Buffer.byteLength(body), first_s: first, again_s: again }));
