// End to end: the built app against the real server and database, in headless Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appStarted, axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens `path` in a fresh page and waits until `selector` shows. */
async function open(path, selector, options) {
  const page = await newPage(browser, options);
  await page.goto(server.url + path);
  await page.locator(selector).first().waitFor();
  await appStarted(page);
  return page;
}

async function expectClean(page) {
  assert.deepEqual(page.errors, [], 'no console errors');
  assert.deepEqual(await axeViolations(page), [], 'no accessibility violations');
}

describe('every route shows seeded data', () => {
  test('home shows the region figures from the API', async () => {
    const page = await open('/', '.figures li');
    const stats = await (await fetch(`${server.url}/api/v1/stats`)).json();
    const figures = await page.locator('.figure').allInnerTexts();
    assert.equal(figures[0].replace(/\s/g, ''), String(stats.ngos_registered));
    assert.match(await page.locator('.demo-notice').innerText(), /демо/i);
    assert.equal(await page.title(), 'Басты бет · Bastama');
    await expectClean(page);
  });

  test('initiatives list and its filters in the URL', async () => {
    const page = await open('/initiatives', '.cards .card');
    const total = Number((await page.locator('.count').innerText()).replace(/\D/g, ''));
    assert.ok(total >= 40, `total ${total}`);
    await page.locator('select').nth(1).selectOption('small_project');
    await page.waitForURL(/kind=small_project/);
    await page.locator('.count').filter({ hasNotText: String(total) }).waitFor();
    const kinds = await page.locator('.card .badge.kind-small_project').count();
    assert.equal(kinds, await page.locator('.card').count());
    await page.reload();
    await page.locator('.card').first().waitFor();
    assert.equal(await page.locator('select').nth(1).inputValue(), 'small_project');
    const shown = Number((await page.locator('.count').innerText()).replace(/\D/g, ''));
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    assert.match(csvHref, /kind=small_project/);
    const csv = await (await fetch(new URL(csvHref, server.url))).text();
    assert.equal(csv.trim().split('\n').length - 1, shown, 'the CSV holds what the list shows');
    await expectClean(page);
  });

  test('the fair list and a fair with its ideas', async () => {
    const page = await open('/fair', '.cards .card h2 a');
    await page.locator('.cards .card h2 a').first().click();
    await page.waitForURL(/\/fair\/\d+$/);
    await page.locator('.ideas .card').first().waitFor();
    assert.equal(await page.locator('.ideas .card').count(), 12);
    assert.match(await page.locator('.ideas').innerText(), /2\s000\s000\s₸/);
    await expectClean(page);
  });

  test('the NGO directory searches in Latin typing and keeps the query in the URL', async () => {
    const page = await open('/ngos', '.cards .card');
    await page.getByRole('searchbox').fill('zhastar');
    await page.waitForURL(/q=zhastar/);
    // The unfiltered page already holds a "жастар", so wait for the whole list
    // to be the search's answer, which the last page showed until it arrived.
    const onlyMatches = () => page.waitForFunction(() => {
      const titles = [...document.querySelectorAll('.card-title')].map((e) => e.innerText);
      return titles.length >= 1 && titles.every((t) => /жастар/i.test(t));
    });
    await onlyMatches();
    await page.reload();
    await onlyMatches();
    assert.equal(await page.getByRole('searchbox').inputValue(), 'zhastar');
    await expectClean(page);
  });

  test('the directory is in the page the server sends, and the app takes it over in place', async () => {
    const path = '/ngos?district=oral&lang=ru';
    const expected = await (await fetch(`${server.url}/api/v1/ngos?district=oral&per_page=20`)).json();
    const names = expected.items.map((n) => n.name.ru ?? n.name.kk);
    const titles = (page) => page.locator('.card-title').allInnerTexts();
    const thirdCard = (page) => page.locator('.cards .card').nth(2).evaluate((e) => e.getBoundingClientRect().y);

    // Without the app (its code blocked, as when it fails to load), the page
    // the server wrote in stands: the header, the filters, the same cards.
    const bare = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await bare.route(/\.wasm$/, (route) => route.abort());
    await bare.goto(server.url + path);
    assert.deepEqual(await titles(bare), names);
    assert.equal(await bare.locator('h1').innerText(), 'Некоммерческие организации');
    assert.equal(await bare.locator('select[name=district]').inputValue(), 'oral');
    assert.equal(await bare.title(), 'Некоммерческие организации · Bastama');
    assert.deepEqual(await axeViolations(bare), [], 'no accessibility violations before the app starts');
    const before = await thirdCard(bare);

    // With the app: it takes over with the same cards in the same place, and works.
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(server.url + path);
    await appStarted(page);
    await page.locator('.cards .card').first().waitFor();
    assert.equal(await page.locator('.site-header').count(), 1);
    assert.equal(await page.locator('h1').count(), 1);
    assert.deepEqual(await titles(page), names);
    assert.equal(await thirdCard(page), before, 'the cards stay where they were');
    await page.getByRole('searchbox').fill('zhastar');
    await page.waitForURL(/q=zhastar/);
    await page.waitForFunction(() => document.querySelectorAll('.card-title').length < 20);
    await expectClean(page);

    // The language chosen in the app is the one the server writes in next time.
    await page.getByRole('button', { name: 'Eng' }).click();
    // The choice is kept once the page has changed to it (the English words load first).
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const next = await page.context().newPage();
    await next.route(/\.wasm$/, (route) => route.abort());
    await next.goto(`${server.url}/ngos`);
    assert.equal(await next.locator('h1').innerText(), 'Non-governmental organisations');
    assert.equal(await next.evaluate(() => document.documentElement.lang), 'en');
  });

  test('directory filters and sort live in the URL, Back restores them, the last keystroke wins', async () => {
    const page = await open('/ngos', '.cards .card');
    const titles = () => page.locator('.card-title').allInnerTexts();
    const expectTitles = async (query) => {
      const expected = await (await fetch(`${server.url}/api/v1/ngos?${query}&per_page=20`)).json();
      const names = expected.items.map((n) => n.name.kk);
      await page.waitForFunction(
        (want) => [...document.querySelectorAll('.card-title')].map((e) => e.innerText).join('|') === want.join('|'),
        names,
      );
      return names;
    };
    await page.getByRole('combobox', { name: /Бағыт/ }).selectOption('youth');
    await page.waitForURL(/direction=youth/);
    await page.getByRole('checkbox', { name: 'Тек тексерілгендер' }).check();
    await page.waitForURL(/verified=true/);
    await page.getByRole('combobox', { name: /Сұрыптау/ }).selectOption('volunteers');
    await page.waitForURL(/sort=volunteers/);
    const filtered = await expectTitles('direction=youth&verified=true&sort=volunteers');
    assert.ok(filtered.length >= 1);

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('sort='));
    await expectTitles('direction=youth&verified=true');
    assert.equal(await page.getByRole('combobox', { name: /Бағыт/ }).inputValue(), 'youth');
    assert.ok(await page.getByRole('checkbox', { name: 'Тек тексерілгендер' }).isChecked());

    // Typed fast, each keystroke asks again; only the last answer is shown.
    await page.getByRole('checkbox', { name: 'Тек тексерілгендер' }).uncheck();
    await page.getByRole('searchbox').pressSequentially('zhasta', { delay: 5 });
    await page.waitForURL(/q=zhasta/);
    await expectTitles('q=zhasta&direction=youth');
    assert.ok((await titles()).every((t) => /жаста/i.test(t)));
    await expectClean(page);
  });

  test('an NGO profile loads on a deep link and on reload', async () => {
    const list = await (await fetch(`${server.url}/api/v1/ngos?per_page=5`)).json();
    const ngo = list.items[2];
    const page = await open(`/ngos/${ngo.id}`, '.profile h1');
    assert.equal(await page.locator('.profile h1').innerText(), ngo.name.kk);
    await page.reload();
    await page.locator('.profile h1').waitFor();
    assert.equal(await page.locator('.profile h1').innerText(), ngo.name.kk);
    assert.match(await page.locator('.profile').innerText(), /БСН/);
    await expectClean(page);
  });

  test('an unknown route shows the not-found page', async () => {
    const page = await open('/no/such/page', '.not-found h1');
    assert.equal(await page.locator('h1').innerText(), 'Бет табылмады');
    await expectClean(page);
  });

  test('an unknown NGO shows an error with a way back', async () => {
    const page = await open('/ngos/987654', '.error');
    assert.match(await page.locator('.error').innerText(), /табылмады/);
    await page.getByRole('button', { name: 'Қайталау' }).waitFor();
  });
});

describe('languages', () => {
  test('the language switch changes the page and is remembered', async () => {
    const page = await open('/', '.figures li');
    await page.getByRole('button', { name: 'Рус' }).click();
    await page.locator('h1', { hasText: 'Гражданское общество' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
    await page.reload();
    await page.locator('h1', { hasText: 'Гражданское общество' }).waitFor();
    await page.getByRole('button', { name: 'Eng' }).click();
    await page.locator('h1', { hasText: 'civil society' }).waitFor();
    await expectClean(page);
  });

  test('?lang= in the URL wins over the saved choice', async () => {
    const page = await open('/ngos?lang=en', '.cards .card');
    assert.equal(await page.locator('h1').innerText(), 'Non-governmental organisations');
  });
});

describe('phones', () => {
  test('no horizontal scrolling at 360 px on any route', async () => {
    const routes = [['/', '.figures li'], ['/initiatives', '.card'], ['/fair', '.card'], ['/ngos', '.card']];
    for (const [path, selector] of routes) {
      const page = await open(path, selector, { viewport: { width: 360, height: 740 } });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
      await page.context().close();
    }
  });
});

describe('one app', () => {
  test('every area opens from the menu without a page load, in the same JS realm', async () => {
    const page = await open('/', '.figures li', { viewport: { width: 1280, height: 900 } });
    let loads = 0;
    page.on('load', () => { loads += 1; });
    await page.evaluate(() => { window.bastamaRealm = 'the first page'; });
    // Each step: follow a link of the page, then wait for what the area shows.
    const steps = [
      ['nav.main-nav a[href$="/ngos"]', '.cards .card'],
      ['nav.main-nav a[href$="/fair"]', '.cards .card'],
      ['.cards .card a[href*="/fair/"]', 'a.button[href$="/vote"]'],
      ['a.button[href$="/vote"]', 'form, .verify'],
      ['nav.main-nav a[href$="/map"]', '.leaflet-container'],
      ['nav.main-nav a[href$="/stats"]', 'main table'],
      ['.site-footer a[href$="/account"]', 'input[type=email]'],
      ['nav.main-nav a[href$="/initiatives"]', '.cards .card'],
    ];
    for (const [link, shown] of steps) {
      await page.locator(link).first().click();
      await page.locator(shown).first().waitFor();
    }
    assert.equal(loads, 0, 'no page load');
    assert.equal(await page.evaluate(() => window.bastamaRealm), 'the first page');
    // Back walks the same history inside the app.
    await page.goBack();
    await page.locator('input[type=email]').waitFor();
    assert.equal(loads, 0);
    await expectClean(page);
  });

  test('an area whose chunk cannot be fetched says so and loads on retry', async () => {
    const page = await open('/', '.figures li');
    const chunk = /\/app-[0-9a-f]+\/pack_stats\.bin$/;
    await page.route(chunk, (route) => route.abort('internetdisconnected'));
    await page.locator('nav.main-nav a[href$="/stats"]').click();
    const alert = page.locator('main .error[role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /жүктелмеді/);
    await page.unroute(chunk);
    await alert.getByRole('button').click();
    await page.locator('main table').first().waitFor();
    assert.equal(await alert.count(), 0);
    // The failed fetch is the only error on the console.
    page.errors = page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|pack_stats|Failed to fetch/.test(e));
    await expectClean(page);
  });
});
