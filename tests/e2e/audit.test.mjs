// End to end: a moderator approves an NGO, finds the decision in the audit log
// on the desk, filters the log by that record through the address, and the
// public sees the decision on the NGO's page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

const MODERATOR = ['moderator@oral.example.kz', 'a long moderator passphrase'];

let server;
let browser;

before(async () => {
  server = await startServer();
  server.createModerator(...MODERATOR);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a decision shows in the audit log and on the record\'s page', async () => {
  const id = await server.approvedNgo(await server.signIn(...MODERATOR), {
    bin: '240400001022', name: { kk: 'Ашық журнал бірлестігі' },
    registered_on: '2019-01-01', email: 'log@example.kz', password: 'An open log 2019',
  });

  const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(`${server.url}/moderation/audit`);
  await page.getByLabel('Электрондық пошта').fill(MODERATOR[0]);
  await page.getByLabel('Құпиясөз').fill(MODERATOR[1]);
  await page.getByRole('button', { name: 'Кіру' }).click();
  await page.getByText('Тізбек бүтін').waitFor();
  const approved = page.locator('table.audit tr', { hasText: `ҮЕҰ #${id}: мақұлданды` });
  await approved.waitFor();
  assert.match(await approved.innerText(), /модератор #\d+/);
  assert.match(await approved.innerText(), /status: pending → approved/);
  assert.deepEqual(await axeViolations(page), []);

  // A filter that is not a record is refused where it was typed.
  await page.locator('#audit-record').fill('ngo');
  await page.locator('#audit-record').press('Enter');
  await page.locator('#audit-record-error').filter({ hasText: /\S/ }).waitFor();

  // The record's entries only, and the filter in the address.
  await page.locator('#audit-record').fill(`ngo:${id}`);
  await page.locator('#audit-record').press('Enter');
  await page.waitForURL(/record=ngo(:|%3A)\d+/);
  await page.locator('table.audit tbody tr').nth(1).waitFor();
  const rows = await page.locator('table.audit tbody tr').allInnerTexts();
  assert.equal(rows.length, 2, rows.join('\n'));
  assert.match(rows[1], /тізімге өтінім берді/);
  // An applicant's e-mail is named, never shown.
  assert.doesNotMatch(rows.join('\n'), /log@example\.kz/);

  // The public sees the decision, not who made it.
  const visitor = await newPage(browser);
  await visitor.goto(`${server.url}/ngos/${id}`);
  const decisions = visitor.locator('section.decisions');
  await decisions.getByRole('heading', { name: 'Шешімдер' }).waitFor();
  assert.match(await decisions.innerText(), /мақұлданды/);
  assert.deepEqual(await axeViolations(visitor), []);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(visitor.errors, []);
});
