// End to end: the map of initiatives and its list share their filters (in the
// URL, through a reload); a marker opens its details; an NGO places an
// initiative, a moderator publishes it, it is on the map; with its tiles
// configured but unreachable the map still works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

const MODERATOR = ['moderator@oral.example.kz', 'a long moderator passphrase'];
let server;
let browser;

before(async () => {
  // Tiles configured on a port where nothing answers: the map must not depend on them.
  server = await startServer({
    BASTAMA_TILE_URL: 'http://127.0.0.1:59999/{z}/{x}/{y}.png',
    BASTAMA_TILE_ATTRIBUTION: 'Test tiles',
  });
  server.createModerator(...MODERATOR);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** How many initiatives the map shows: the clusters' counts and the single markers. */
function markersOnMap(page) {
  return page.evaluate(() => {
    const clustered = [...document.querySelectorAll('.marker-cluster span')]
      .reduce((sum, span) => sum + Number(span.textContent), 0);
    return clustered + document.querySelectorAll('.leaflet-marker-icon.pin').length;
  });
}

async function expectMarkers(page, count) {
  await page.waitForFunction((want) => {
    const clustered = [...document.querySelectorAll('.marker-cluster span')]
      .reduce((sum, span) => sum + Number(span.textContent), 0);
    return clustered + document.querySelectorAll('.leaflet-marker-icon.pin').length === want;
  }, count);
}

const geojson = async (query) => (await (await fetch(`${server.url}/api/v1/export/initiatives.geojson${query}`)).json());
const unexpected = (page) => page.errors.filter((e) => !/127\.0\.0\.1:59999|ERR_CONNECTION_REFUSED|status of 4\d\d/.test(e));

test('map and list show the same filtered initiatives, through a reload', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/map`);
  const all = await geojson('');
  await expectMarkers(page, all.features.length);
  // District names are drawn though the tiles never load.
  await page.locator('.map-label', { hasText: 'Орал' }).first().waitFor();
  // The map's controls speak the page's language.
  await page.getByRole('button', { name: 'Жақындату' }).waitFor();
  await page.getByRole('button', { name: 'Алыстату' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('combobox', { name: 'Түрі' }).selectOption('training');
  await page.waitForURL(/kind=training/);
  const trainings = await geojson('?kind=training');
  assert.ok(trainings.features.length > 0 && trainings.features.length < all.features.length);
  await expectMarkers(page, trainings.features.length);
  await page.locator('.count', { hasText: String(trainings.features.length) }).waitFor();

  await page.getByRole('combobox', { name: 'Аудан' }).selectOption('oral');
  await page.waitForURL(/district=oral/);
  const inOral = await geojson('?kind=training&district=oral');
  await expectMarkers(page, inOral.features.length);

  await page.reload();
  await expectMarkers(page, inOral.features.length);
  assert.equal(await page.getByRole('combobox', { name: 'Түрі' }).inputValue(), 'training');
  assert.equal(await markersOnMap(page), inOral.features.length);

  // The district view counts what the filters leave, and choosing one filters.
  await page.goto(`${server.url}/map?kind=training`);
  await expectMarkers(page, trainings.features.length);
  const byDistrict = page.locator('.district-counts');
  const oralButton = byDistrict.getByRole('button', { name: /^Орал/ });
  assert.match(await oralButton.innerText(), new RegExp(`${inOral.features.length}$`));
  await oralButton.click();
  await page.waitForURL(/district=oral/);
  await expectMarkers(page, inOral.features.length);
  assert.deepEqual(unexpected(page), []);
});

test('a marker opens its details, which lead to the initiative', async () => {
  const page = await newPage(browser);
  const one = (await geojson('')).features[0];
  const query = `?q=${encodeURIComponent(one.properties.title.kk)}`;
  const found = await geojson(query);
  await page.goto(`${server.url}/map${query}`);
  await expectMarkers(page, found.features.length);
  await page.locator('.leaflet-marker-icon.pin').first().click();
  const details = page.locator('aside.details');
  await details.getByRole('heading', { name: found.features[0].properties.title.kk }).waitFor();
  await details.getByRole('link', { name: 'Бастаманың беті' }).click();
  await page.waitForURL(new RegExp(`/initiatives/${found.features[0].id}$`));
  await page.getByRole('heading', { level: 1, name: found.features[0].properties.title.kk }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(unexpected(page), []);
});

test('the zoom buttons are named in the language chosen, after a switch too', async () => {
  const page = await newPage(browser);
  const zoomIn = page.locator('.leaflet-control-zoom-in');
  const named = async (name) => {
    await page.waitForFunction((want) => {
      const button = document.querySelector('.leaflet-control-zoom-in');
      return button?.title === want && button.getAttribute('aria-label') === want;
    }, name);
  };
  await page.goto(`${server.url}/map`);
  await zoomIn.waitFor();
  await named('Жақындату');
  await page.getByRole('button', { name: 'Eng' }).click();
  await named('Zoom in');
  assert.equal(await page.locator('.leaflet-control-zoom-out').getAttribute('title'), 'Zoom out');
  // The small map of an initiative's page, too.
  const one = (await geojson('')).features[0];
  await page.goto(`${server.url}/initiatives/${one.id}`);
  await zoomIn.waitFor();
  await named('Zoom in');
  await page.getByRole('button', { name: 'Рус' }).click();
  await named('Приблизить');
  assert.deepEqual(unexpected(page), []);
});

test('an NGO places an initiative, a moderator publishes it, it is on the map', async () => {
  // An approved NGO account, through the API.
  await server.approvedNgo(await server.signIn(...MODERATOR), {
    bin: '240400001022', name: { kk: 'Картаға арналған бірлестік' },
    registered_on: '2017-02-01', email: 'map@example.kz', password: 'Map of the region 2017',
  });

  const page = await newPage(browser);
  await page.goto(`${server.url}/map/new`);
  await page.getByLabel('Электрондық пошта').fill('map@example.kz');
  await page.getByLabel('Құпиясөз').fill('Map of the region 2017');
  await page.getByRole('button', { name: 'Кіру' }).click();
  await page.getByLabel('Атауы (қазақша)').fill('Ақжайық жағалауын тазалау');
  await page.getByLabel('Аудан').selectOption('oral');
  // A place outside the region is refused at its field.
  await page.getByLabel('Ендік').fill('43.24');
  await page.getByLabel('Бойлық').fill('76.95');
  await page.getByLabel('Басталу күні').fill('2027-05-10');
  await page.getByLabel('Аяқталу күні').fill('2027-05-09');
  await page.getByRole('button', { name: 'Сақтау' }).click();
  await page.locator('#lat-error', { hasText: 'облысының ішінде' }).waitFor();
  await page.locator('#ends-on-error', { hasText: 'бұрын' }).waitFor();
  // A click on the map picks the place; the end moves after the start.
  await page.locator('.map-picker').scrollIntoViewIfNeeded();
  const box = await page.locator('.map-picker').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => Number(document.querySelector('#lat').value) > 47);
  await page.getByLabel('Аяқталу күні').fill('2027-05-11');
  await page.getByRole('button', { name: 'Сақтау' }).click();
  await page.getByText('модератор тексергеннен кейін картада шығады').waitFor();
  assert.equal((await geojson('?q=akzhaiyq%20zhagalauyn')).features.length, 0, 'not public before moderation');

  const desk = await newPage(browser);
  await desk.goto(`${server.url}/moderation`);
  await desk.getByLabel('Электрондық пошта').fill(MODERATOR[0]);
  await desk.getByLabel('Құпиясөз').fill(MODERATOR[1]);
  await desk.getByRole('button', { name: 'Кіру' }).click();
  const card = desk.locator('.card', { hasText: 'Ақжайық жағалауын тазалау' });
  await card.getByRole('button', { name: 'Мақұлдау' }).click();
  await card.waitFor({ state: 'detached' });

  const map = await newPage(browser);
  await map.goto(`${server.url}/map?q=akzhaiyq%20zhagalauyn`);
  await expectMarkers(map, 1);
  await map.locator('.leaflet-marker-icon.pin').click();
  await map.locator('aside.details', { hasText: 'Ақжайық жағалауын тазалау' }).waitFor();
  for (const p of [page, desk, map]) assert.deepEqual(unexpected(p), []);
});
