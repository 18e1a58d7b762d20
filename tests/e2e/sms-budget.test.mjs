// End to end: once the hour's SMS budget is spent, a voter is told to come
// back later and the moderators' desk shows the alert.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ BASTAMA_SMS_PER_HOUR: '1' });
  server.createModerator('moderator@oral.example.kz', 'a long moderator passphrase');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const askCode = (iin, phone) => fetch(`${server.url}/api/v1/voters/otp`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ iin, phone }),
});

test('a spent SMS budget refuses codes and alerts the desk', async () => {
  const desk = await newPage(browser);
  await desk.goto(`${server.url}/moderation`);
  await desk.getByLabel('Электрондық пошта').fill('moderator@oral.example.kz');
  await desk.getByLabel('Құпиясөз').fill('a long moderator passphrase');
  await desk.getByRole('button', { name: 'Кіру' }).click();
  await desk.getByRole('heading', { name: 'Тексеруді күтетін идеялар' }).waitFor();
  assert.equal(await desk.getByText('Осы сағаттың SMS лимиті таусылды').count(), 0);

  assert.equal((await askCode('000401100017', '+77010000001')).status, 202);
  await server.lastCode('+77010000001');
  const refused = await askCode('990101300033', '+77010000002');
  assert.equal(refused.status, 503);
  assert.equal((await refused.json()).type, '/problems/sms-unavailable');
  assert.ok(Number(refused.headers.get('retry-after')) > 0);

  await desk.reload();
  await desk.locator('[role=alert]', { hasText: 'Осы сағаттың SMS лимиті таусылды' }).waitFor();
  await desk.locator('[role=alert]', { hasText: '1' }).waitFor();
  assert.deepEqual(await axeViolations(desk), []);
  assert.deepEqual(desk.errors, []);
});
