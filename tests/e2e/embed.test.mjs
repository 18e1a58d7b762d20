// End to end: the embed views on a portal's pages, served from another origin
// (http://localhost:PORT against the app's http://127.0.0.1:PORT), with
// embed.js, as the regional portal shows them. There Chromium blocks
// third-party cookies and denies the frame its storage (reading localStorage
// throws), so the voter's token lives in memory.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { launchBrowser, newPage, startServer } from './harness.mjs';

let server;
let browser;
let portal;
let fair;
let ngo;
const hosts = [];

/** A site on http://localhost:PORT whose page at each path is `pages[path]()`; resolves to its origin. */
function site(pages) {
  const http = createServer((request, response) => {
    const page = pages[new URL(request.url, 'http://localhost').pathname];
    // The browser's request for /favicon.ico gets "no content", not a 404 to report.
    response.writeHead(page ? 200 : 204, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ? `<!doctype html><html lang="kk"><title>Portal</title><h1>Portal</h1>${page()}` : '');
  });
  hosts.push(http);
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(`http://localhost:${http.address().port}`)));
}

const script = () => `<script src="${server.url}/embed.js" async></script>`;
const pages = {
  '/fair': () => `<div data-bastama-embed="fair" data-id="${fair.id}"></div>${script()}`,
  '/map': () => `<div data-bastama-embed="map" data-district="oral" data-theme="dark" data-accent="7c3aed"></div>${script()}`,
  '/ngo': () => `<div data-bastama-embed="ngo" data-id="${ngo.id}" data-lang="ru"></div>${script()}`,
  '/ngos': () => `<div data-bastama-embed="ngos" data-district="oral"></div>${script()}`,
};

before(async () => {
  // The portal listens first: the server is told its origin.
  portal = await site(pages);
  server = await startServer({ BASTAMA_FRAME_ANCESTORS: portal });
  browser = await launchBrowser();
  [fair] = await (await fetch(`${server.url}/api/v1/fairs`)).json();
  [ngo] = (await (await fetch(`${server.url}/api/v1/ngos?district=oral&per_page=1`)).json()).items;
});

after(async () => {
  for (const host of hosts) host.close();
  await browser?.close();
  await server?.stop();
});

/** The embed view's frame inside the portal's page, once `ready` shows in it. */
async function framed(page, path, ready) {
  await page.goto(portal + path);
  await page.frameLocator('iframe[title=Bastama]').locator(ready).first().waitFor();
  return page.frames().find((f) => f.url().includes('/embed/'));
}

/** Waits until the iframe is as tall as the content of the page inside it; that height. */
async function fitsContent(page, inner) {
  let last;
  for (let i = 0; i < 50; i += 1) {
    const outer = await page.$eval('iframe[title=Bastama]', (f) => f.getBoundingClientRect().height);
    const content = await inner.evaluate(() => document.body.getBoundingClientRect().height);
    last = `iframe ${outer} px, content ${content} px`;
    if (Math.abs(outer - Math.ceil(content)) <= 1) return outer;
    await page.waitForTimeout(100);
  }
  throw new Error(`the iframe does not follow its content: ${last}`);
}

test('a citizen verifies and votes in the fair embedded with embed.js; the frame follows its content', async () => {
  const page = await newPage(browser);
  const inner = await framed(page, '/fair', '#iin');
  const frame = page.frameLocator('iframe[title=Bastama]');
  assert.equal(await inner.evaluate(() => { try { window.localStorage.length; return 'allowed'; } catch { return 'denied'; } }), 'denied');
  const before = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/results`)).json();
  const first = await fitsContent(page, inner);
  assert.notEqual(first, 600, 'the iframe kept the default height');

  await frame.getByLabel('ЖСН').fill('000401100017');
  await frame.getByLabel('Телефон').fill('+7 702 111 22 33');
  await frame.getByRole('button', { name: 'Код алу' }).click();
  await frame.getByLabel('SMS-код').waitFor();
  await frame.getByLabel('SMS-код').fill(await server.lastCode('+77021112233'));
  await frame.getByRole('button', { name: 'Растау' }).click();
  await frame.locator('.ballot-bar').waitFor();
  await frame.getByRole('checkbox', { name: 'Таңдау' }).nth(1).check();
  await frame.getByRole('button', { name: 'Дауысты сақтау' }).click();
  await frame.locator('.ballot-status', { hasText: 'Дауысыңыз сақталды' }).waitFor();
  const second = await fitsContent(page, inner);
  assert.notEqual(second, first, 'the content changed height but the iframe did not');

  const after = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/results`)).json();
  assert.equal(after.ballots, before.ballots + 1);
  // The results, inside the same frame, count the new ballot.
  await frame.getByRole('link', { name: 'Нәтижелер' }).click();
  await frame.locator('table.results').waitFor();
  assert.match(inner.url(), new RegExp(`/embed/fair/${fair.id}/results$`));
  const counted = await frame.locator('p.count').innerText();
  assert.equal(Number(counted.replace(/\D/g, '')), after.ballots);
  await fitsContent(page, inner);
  assert.deepEqual(page.errors, []);
});

test('the map embedded with a district, the dark theme and an accent', async () => {
  const page = await newPage(browser);
  const inner = await framed(page, '/map', '.marker-cluster, .pin');
  const frame = page.frameLocator('iframe[title=Bastama]');
  const expected = await (await fetch(`${server.url}/api/v1/initiatives?district=oral&per_page=1`)).json();
  await frame.locator('.count', { hasText: String(expected.total) }).waitFor();
  const theme = await inner.evaluate(() => ({
    dark: document.documentElement.dataset.theme,
    accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
  }));
  assert.deepEqual(theme, { dark: 'dark', accent: '#7c3aed' });
  assert.equal(await frame.locator('.site-header').count(), 0, 'an embed view has no site header');
  const out = frame.getByRole('link', { name: /Бастамада ашу/ });
  assert.match(await out.getAttribute('href'), /\/map\?.*district=oral/);
  assert.equal(await out.getAttribute('target'), '_blank');
  await fitsContent(page, inner);
  assert.deepEqual(page.errors, []);
});

test('an NGO card and the directory embedded with embed.js', async () => {
  const page = await newPage(browser);
  const inner = await framed(page, '/ngo', '.profile h1');
  const frame = page.frameLocator('iframe[title=Bastama]');
  assert.equal(await frame.locator('.profile h1').innerText(), ngo.name.ru || ngo.name.kk);
  assert.equal(await inner.evaluate(() => document.documentElement.lang), 'ru');
  const out = frame.getByRole('link', { name: /Открыть в Бастаме/ });
  assert.match(await out.getAttribute('href'), new RegExp(`/ngos/${ngo.id}\\?lang=ru$`));
  await fitsContent(page, inner);

  // The directory: its cards open the card inside the frame.
  const list = await newPage(browser);
  const directory = await framed(list, '/ngos', '.card');
  const cards = list.frameLocator('iframe[title=Bastama]');
  const total = (await (await fetch(`${server.url}/api/v1/ngos?district=oral`)).json()).total;
  await cards.locator('.count', { hasText: String(total) }).waitFor();
  await fitsContent(list, directory);
  await cards.locator('.card-title a').first().click();
  await cards.locator('.profile h1').waitFor();
  assert.match(directory.url(), /\/embed\/ngo\/\d+/);
  await fitsContent(list, directory);
  assert.deepEqual([...page.errors, ...list.errors], []);
});

test('a page from an origin not allowed cannot show the embeds', async () => {
  const other = await site(pages);
  for (const path of Object.keys(pages)) {
    const page = await newPage(browser);
    await page.goto(other + path);
    await page.locator('iframe[title=Bastama]').waitFor();
    await page.waitForTimeout(1000);
    const inner = page.frames().find((f) => f !== page.mainFrame());
    const shown = await inner.evaluate(() => document.querySelector('main') !== null).catch(() => false);
    assert.equal(shown, false, `${path} was shown on a page of another origin`);
    await page.context().close();
  }
});

/** Opens "Embed this"; resolves once its snippets are written. */
async function openEmbedThis(page) {
  await page.getByText('Embed this').click();
  await page.waitForFunction(() => document.querySelector('#embed-script')?.value);
}

test('"Embed this" gives both snippets, and the portal can paste either', async () => {
  const page = await newPage(browser, { locale: 'en-GB' });
  await page.goto(`${server.url}/ngos/${ngo.id}?lang=en`);
  await openEmbedThis(page);
  const script = await page.getByLabel(/With embed.js/).inputValue();
  const iframe = await page.getByLabel('Plain iframe').inputValue();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy' }).first().click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), script);
  assert.equal(script, `<div data-bastama-embed="ngo" data-id="${ngo.id}" data-lang="en"></div>\n<script src="${server.url}/embed.js" async></script>`);
  assert.match(iframe, new RegExp(`^<iframe src="${server.url}/embed/ngo/${ngo.id}\\?lang=en" title="Bastama"`));
  pages['/pasted-script'] = () => script;
  pages['/pasted-iframe'] = () => iframe;
  for (const path of ['/pasted-script', '/pasted-iframe']) {
    const host = await newPage(browser);
    await framed(host, path, '.profile h1');
    assert.equal(await host.frameLocator('iframe[title=Bastama]').locator('.profile h1').innerText(), ngo.name.en || ngo.name.kk);
    await host.context().close();
  }
  // On the map, the snippets carry the filters of the moment.
  await page.goto(`${server.url}/map?kind=training`);
  await openEmbedThis(page);
  assert.match(await page.getByLabel(/With embed.js/).inputValue(), /data-bastama-embed="map" data-kind="training"/);
  assert.deepEqual(page.errors, []);
});

test('only the embed views may be framed, and only by the portal', async () => {
  for (const path of ['/ngos', `/fair/${fair.id}/vote`, `/fair/${fair.id}/propose`, '/map', '/account']) {
    const response = await fetch(server.url + path);
    assert.match(response.headers.get('content-security-policy'), /frame-ancestors 'none'/, path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
  }
  for (const path of [`/embed/fair/${fair.id}`, '/embed/map', `/embed/ngo/${ngo.id}`, '/embed/ngos']) {
    const response = await fetch(server.url + path);
    assert.match(response.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${portal}$`), path);
    assert.equal(response.headers.get('x-frame-options'), null, path);
  }
});
