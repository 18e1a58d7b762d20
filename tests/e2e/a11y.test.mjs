// End to end, for every route (the embed views too): axe-core in each language (Kazakh in both
// alphabets, Russian, English) with no violation; screenshots at 360×740 and
// 1280×800 kept in target/screenshots/, with no horizontal scrolling at 360 px;
// the statistics against the API; Kazakh in Latin letters; and voting and
// editing a profile with the keyboard alone.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appStarted, axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

const SHOTS = resolve(import.meta.dirname, '../../target/screenshots');
const LANGS = ['kk', 'kk-Latn', 'ru', 'en'];
const MODERATOR = ['moderator@oral.example.kz', 'a long moderator passphrase'];

let server;
let browser;
let routes;

before(async () => {
  server = await startServer();
  server.createModerator(...MODERATOR);
  browser = await launchBrowser();
  const ngos = await (await fetch(`${server.url}/api/v1/ngos?per_page=1`)).json();
  const fairs = await (await fetch(`${server.url}/api/v1/fairs`)).json();
  const fair = fairs[0].id;
  const initiatives = await (await fetch(`${server.url}/api/v1/initiatives?per_page=1`)).json();
  // Each route, and what shows once its data is on screen.
  routes = [
    ['/', '.figures li'],
    ['/initiatives', '.card'],
    ['/fair', '.card'],
    [`/fair/${fair}`, '.ideas .card'],
    [`/fair/${fair}/vote`, '#iin'],
    // The demo fair has no ballots yet: its results page says so.
    [`/fair/${fair}/results`, 'table.results, p.empty'],
    [`/fair/${fair}/propose`, 'h1'],
    // The demo fair is open: its protocol says it comes once voting closes.
    [`/fair/${fair}/protocol`, '.error'],
    ['/ngos', '.card'],
    [`/ngos/${ngos.items[0].id}`, '.profile h1'],
    ['/stats', 'section.stat table'],
    ['/map', '.marker-cluster'],
    [`/initiatives/${initiatives.items[0].id}`, '.profile h1'],
    ['/map/new', '#email'],
    ['/account', '#email'],
    ['/account/register', '#bin'],
    ['/moderation', '#email'],
    ['/moderation/audit', '#email'],
    ['/station', '#email'],
    ['/no/such/page', '.not-found h1'],
    // The embed views, also in the dark theme and with a portal's accent.
    ['/embed/ngos', '.card'],
    [`/embed/ngo/${ngos.items[0].id}?theme=dark`, '.profile h1'],
    [`/embed/fair/${fair}?accent=7c3aed`, '#iin'],
    [`/embed/fair/${fair}/results?theme=dark`, 'table.results, p.empty'],
    ['/embed/map?theme=dark&accent=f59e0b', '.marker-cluster'],
  ];
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const withLang = (path, lang) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
const shotName = (path, size) => `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${size}.png`;

describe('every route', () => {
  test('has no accessibility violation in any language', async () => {
    const found = [];
    for (const [path, ready] of routes) {
      for (const lang of LANGS) {
        const page = await newPage(browser);
        await page.goto(server.url + withLang(path, lang));
        await page.locator(ready).first().waitFor();
        await appStarted(page);
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        for (const violation of await axeViolations(page)) found.push(`${path} [${lang}] ${violation}`);
        await page.context().close();
      }
    }
    assert.deepEqual(found, []);
  });

  test('fits a phone and a laptop; screenshots are kept', async () => {
    for (const [width, height] of [[360, 740], [1280, 800]]) {
      for (const [path, ready] of routes) {
        const page = await newPage(browser, { viewport: { width, height } });
        await page.goto(server.url + path);
        await page.locator(ready).first().waitFor();
        await appStarted(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} at ${width} px overflows by ${overflow} px`);
        await page.screenshot({ path: join(SHOTS, shotName(path, `${width}x${height}`)), fullPage: true });
        await page.context().close();
      }
    }
  });
});

describe('statistics and scripts', () => {
  test('the statistics page shows what the API computes', async () => {
    const stats = await (await fetch(`${server.url}/api/v1/stats`)).json();
    const page = await newPage(browser, { locale: 'en-GB' });
    await page.goto(`${server.url}/stats`);
    await page.locator('section.stat table').first().waitFor();
    const byKind = page.locator('section', { has: page.getByRole('heading', { name: 'Initiatives by kind' }) });
    const cells = await byKind.locator('tbody td').allInnerTexts();
    assert.deepEqual(cells.map((c) => Number(c.replace(/\D/g, ''))), stats.initiatives_by_kind.map((k) => k.count));
    const social = page.locator('section', { has: page.getByRole('heading', { name: 'State social order by year' }) });
    const years = await social.locator('tbody th').allInnerTexts();
    assert.deepEqual(years, stats.state_social_order_by_year.map((y) => String(y.year)));
    const amounts = await social.locator('tbody tr td:first-of-type').allInnerTexts();
    assert.deepEqual(amounts.map((a) => Number(a.replace(/\D/g, ''))), stats.state_social_order_by_year.map((y) => y.amount_kzt));
    const figure = await page.locator('.figures li', { hasText: 'registered NGOs' }).locator('.figure').innerText();
    assert.equal(Number(figure.replace(/\D/g, '')), stats.ngos_registered);
    assert.equal(await page.locator('svg[role="img"]').count(), 4);
    assert.deepEqual(page.errors, []);
  });

  test('Kazakh in Latin letters: the interface and the records', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/ngos`);
    await appStarted(page);
    await page.getByRole('button', { name: 'Qaz' }).click();
    await page.getByRole('link', { name: 'Basty bet' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'kk-Latn');
    const first = await (await fetch(`${server.url}/api/v1/ngos?per_page=1`)).json();
    const title = await page.locator('.card-title').first().innerText();
    assert.doesNotMatch(title, /[а-яәғқңөұүһі]/i, title);
    assert.notEqual(title, first.items[0].name.kk);
    // The choice is remembered.
    await page.reload();
    await page.getByRole('link', { name: 'Basty bet' }).waitFor();
    assert.deepEqual(page.errors, []);
  });
});

/** Presses Tab until the focused element's accessible name matches `name`. */
async function tabTo(page, name) {
  for (let i = 0; i < 200; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const label = el.labels?.[0]?.innerText ?? el.getAttribute('aria-label') ?? el.innerText ?? '';
      return label.trim();
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('keyboard only', () => {
  test('focus stays put on the first page and moves to the content after a move', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/ngos`);
    await page.locator('.card').first().waitFor();
    await appStarted(page);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY');
    await page.locator('.card-title a').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.profile h1').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    assert.deepEqual(page.errors, []);
  });

  test('a citizen verifies and votes with the keyboard', async () => {
    const fairs = await (await fetch(`${server.url}/api/v1/fairs`)).json();
    const page = await newPage(browser);
    await page.goto(`${server.url}/fair/${fairs[0].id}/vote`);
    await page.locator('#iin').waitFor();
    // The skip link comes first and lands in the content.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Enter');
    await tabTo(page, 'ЖСН');
    await page.keyboard.type('000401100017');
    await tabTo(page, 'Телефон');
    await page.keyboard.type('+7 705 300 20 10');
    await tabTo(page, 'Код алу');
    await page.keyboard.press('Enter');
    await page.locator('#code').waitFor();
    await tabTo(page, 'SMS-код');
    await page.keyboard.type(await server.lastCode('+77053002010'));
    await page.keyboard.press('Enter');
    await page.locator('.ballot-bar').waitFor();
    await tabTo(page, /Таңдау/);
    await page.keyboard.press('Space');
    await tabTo(page, /Таңдау/);
    await page.keyboard.press('Space');
    await tabTo(page, 'Дауысты сақтау');
    await page.keyboard.press('Enter');
    await page.locator('.ballot-status', { hasText: 'Дауысыңыз сақталды' }).waitFor();
    const results = await (await fetch(`${server.url}/api/v1/fairs/${fairs[0].id}/results`)).json();
    assert.equal(results.items.reduce((sum, r) => sum + r.votes, 0), 2);
    assert.deepEqual(page.errors, []);
  });

  test('an NGO edits its profile with the keyboard', async () => {
    // An NGO account, applied for and approved through the API.
    const id = await server.approvedNgo(await server.signIn(...MODERATOR), {
      bin: '240400001022', name: { kk: 'Пернетақта қоғамдық бірлестігі' },
      registered_on: '2018-09-01', email: 'keys@example.kz', password: 'Keyboard only 2018',
    });

    const page = await newPage(browser);
    await page.goto(`${server.url}/account`);
    await page.locator('#email').waitFor();
    await tabTo(page, 'Электрондық пошта');
    await page.keyboard.type('keys@example.kz');
    await tabTo(page, 'Құпиясөз');
    await page.keyboard.type('Keyboard only 2018');
    await page.keyboard.press('Enter');
    await page.locator('#address').waitFor();
    await tabTo(page, 'Мекенжайы');
    await page.keyboard.type('Орал, Сырым Датұлы көшесі 5');
    await tabTo(page, /^Білім беру$|^Білім/);
    await page.keyboard.press('Space');
    await tabTo(page, 'Сақтау');
    await page.keyboard.press('Enter');
    await page.getByText('Профиль сақталды.').waitFor();
    const saved = await (await fetch(`${server.url}/api/v1/ngos/${id}`)).json();
    assert.equal(saved.address, 'Орал, Сырым Датұлы көшесі 5');
    assert.equal(saved.directions.length, 1);
    assert.deepEqual(page.errors, []);
  });
});
