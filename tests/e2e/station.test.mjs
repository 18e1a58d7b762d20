// End to end: a moderator opens a station and gives it a registrar on the
// /station desk; the registrar, on a 360 px screen and by keyboard alone,
// signs in, enters a paper ballot, is refused a second one for that IIN, and
// voids the first with a reason, which the moderator then sees.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

const MODERATOR = ['moderator@oral.example.kz', 'a long moderator passphrase'];
const REGISTRAR = ['registrar@oral.example.kz', 'Bokei orda station 7'];
const IIN = '000401100017';

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

/** Presses Tab until the element `id` has the focus (at most 80 times). */
async function tabTo(page, id) {
  for (let n = 0; n < 80; n += 1) {
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Presses Tab until the focus is on the button named `name`. */
async function tabToButton(page, name) {
  for (let n = 0; n < 80; n += 1) {
    const here = await page.evaluate(() => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim());
    if (here === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the button ${name}`);
}

test('a registrar enters and voids a paper ballot by keyboard on a phone', async () => {
  // The moderator's side of /station: a station, then its registrar.
  const desk = await newPage(browser);
  await desk.goto(`${server.url}/station`);
  await desk.getByLabel('Электрондық пошта').fill(MODERATOR[0]);
  await desk.getByLabel('Құпиясөз').fill(MODERATOR[1]);
  await desk.getByRole('button', { name: 'Кіру' }).click();
  await desk.getByLabel('Учаске атауы').fill('Бөкей ордасы аудандық әкімдігі');
  await desk.locator('#district').selectOption('bokei-orda');
  await desk.getByRole('button', { name: 'Учаскені қосу' }).click();
  await desk.locator('li', { hasText: 'Бөкей ордасы аудандық әкімдігі' }).waitFor();
  await desk.locator('#registrar-station option', { hasText: 'Бөкей ордасы аудандық әкімдігі' }).waitFor({ state: 'attached' });
  await desk.locator('#registrar-email').fill(REGISTRAR[0]);
  await desk.locator('#registrar-password').fill(REGISTRAR[1]);
  await desk.getByRole('button', { name: 'Есептік жазбаны жасау' }).click();
  await desk.getByText('Есептік жазба жасалды').waitFor();
  assert.deepEqual(await axeViolations(desk), []);

  // The registrar, at 360 px, with the keyboard only.
  const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(`${server.url}/station`);
  await page.locator('#email').waitFor();
  await tabTo(page, 'email');
  await page.keyboard.type(REGISTRAR[0]);
  await page.keyboard.press('Tab');
  await page.keyboard.type(REGISTRAR[1]);
  await page.keyboard.press('Enter');
  await page.getByText('Бөкей ордасы аудандық әкімдігі').waitFor();
  await page.locator('#station-iin').waitFor();
  await page.locator('.station-ballot input[type=checkbox]').first().waitFor();

  const enter = async () => {
    await tabTo(page, 'station-iin');
    await page.keyboard.type(IIN);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabToButton(page, 'Бюллетеньді енгізу');
    await page.keyboard.press('Enter');
  };
  await enter();
  await page.locator('.station-ballot [role=status]', { hasText: 'Бюллетень енгізілді.' }).waitFor();
  // The receipt the registrar writes down for the voter.
  assert.match(await page.locator('.station-ballot [role=status]').innerText(), /түбіртегі: [0-9A-Z]{5}-[0-9A-Z]{5}/);
  assert.equal(await page.locator('#station-iin').inputValue(), '');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'station-iin');
  await page.locator('.entries li').first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
  assert.deepEqual(await axeViolations(page), []);

  // The same IIN again: refused, saying how and when; what was typed stays.
  await enter();
  await page.locator('.station-ballot [role=status]', { hasText: 'қағаз бюллетеньмен дауыс берген' }).waitFor();
  assert.equal(await page.locator('#station-iin').inputValue(), IIN);

  // Voided with a reason, by keyboard: the entry goes, the void is kept.
  const reason = page.locator('.entries input[type=text]').first();
  await tabTo(page, await reason.getAttribute('id'));
  await page.keyboard.type('ЖСН қате терілді');
  await page.keyboard.press('Enter');
  await page.getByText('Бюллетень жойылды.').waitFor();
  await page.getByText('Әзірге бюллетень енгізілген жоқ.').waitFor();
  // The one error is the refusal asked for above, which the browser logs.
  assert.deepEqual(page.errors, ['Failed to load resource: the server responded with a status of 409 (Conflict)']);

  await desk.reload();
  await desk.locator('li', { hasText: 'ЖСН қате терілді' }).waitFor();
  await desk.locator('li', { hasText: REGISTRAR[0] }).waitFor();
  assert.deepEqual(desk.errors, []);
});
