// End to end: the voting app inside an iframe of a page on another origin, as the
// regional portal shows it. There Chromium denies the frame its storage (reading
// localStorage throws), so the voter's token lives in memory.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, startServer } from './harness.mjs';

let server;
let browser;
let fair;
const hosts = [];

/** A page on http://localhost:PORT framing what `src()` names; resolves to its origin. */
function hostPage(src) {
  const http = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="kk"><title>Portal</title><h1>Portal</h1>
      <iframe title="Bastama" src="${src()}" width="400" height="900"></iframe>`);
  });
  hosts.push(http);
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(`http://localhost:${http.address().port}`)));
}

const voteUrl = () => `${server.url}/fair/${fair.id}/vote`;

before(async () => {
  // The portal listens first: the server is told its origin.
  const portal = await hostPage(voteUrl);
  server = await startServer({ BASTAMA_FRAME_ANCESTORS: portal });
  server.portal = portal;
  browser = await launchBrowser();
  [fair] = await (await fetch(`${server.url}/api/v1/fairs`)).json();
});

after(async () => {
  for (const host of hosts) host.close();
  await browser?.close();
  await server?.stop();
});

test('a citizen votes inside the portal iframe without storage', async () => {
  const page = await newPage(browser);
  await page.goto(server.portal);
  const frame = page.frameLocator('iframe[title=Bastama]');
  await frame.getByLabel('ЖСН').waitFor();
  const inner = page.frames().find((f) => f.url().includes('/vote'));
  assert.equal(await inner.evaluate(() => { try { window.localStorage.length; return 'allowed'; } catch { return 'denied'; } }), 'denied');

  await frame.getByLabel('ЖСН').fill('000401100017');
  await frame.getByLabel('Телефон').fill('+7 702 111 22 33');
  await frame.getByRole('button', { name: 'Код алу' }).click();
  await frame.getByLabel('SMS-код').waitFor();
  await frame.getByLabel('SMS-код').fill(server.lastCode('+77021112233'));
  await frame.getByRole('button', { name: 'Растау' }).click();
  await frame.locator('.ballot-bar').waitFor();
  await frame.getByRole('checkbox', { name: 'Таңдау' }).nth(1).check();
  await frame.getByRole('button', { name: 'Дауысты сақтау' }).click();
  await frame.locator('.ballot-status', { hasText: 'Дауысыңыз сақталды' }).waitFor();

  const results = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/results`)).json();
  assert.equal(results.ballots, 1);
  assert.deepEqual(page.errors, []);
});

test('a page from an origin not allowed cannot show the voting app', async () => {
  const other = await hostPage(voteUrl);
  const page = await newPage(browser);
  await page.goto(other);
  await page.waitForTimeout(1500);
  const inner = page.frames().find((f) => f !== page.mainFrame());
  const shown = await inner.evaluate(() => document.querySelector('#iin') !== null).catch(() => false);
  assert.equal(shown, false);
});

test('the browsing app is never framed', async () => {
  const response = await fetch(`${server.url}/ngos`);
  assert.match(response.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  const vote = await fetch(`${server.url}/fair/${fair.id}/vote`);
  assert.match(vote.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${server.portal}`));
});
