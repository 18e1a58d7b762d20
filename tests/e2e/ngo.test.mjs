// End to end: an NGO applies with its BIN, a moderator approves it, the NGO signs
// in and edits its profile (field errors, a draft that survives a reload, a
// conflict between two editors, a logo), and the public profile shows the change.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

const NGO_EMAIL = 'info@zhaiyq-youth.example.kz';
const NGO_PASSWORD = 'Zhaiyq river 2015';
// A valid BIN (check digit 2) and the same digits with a wrong check digit.
const BIN = '240400001022';
const BAD_BIN = '240400001023';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082',
  'hex',
);

let server;
let browser;

before(async () => {
  server = await startServer();
  server.createModerator('moderator@oral.example.kz', 'a long moderator passphrase');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, email, password) {
  await page.getByLabel('Электрондық пошта').fill(email);
  await page.getByLabel('Құпиясөз').fill(password);
  await page.getByRole('button', { name: 'Кіру' }).click();
}

/** The id of the NGO these tests register, found by typing its name in Latin letters. */
async function ngoId() {
  const ngos = await (await fetch(`${server.url}/api/v1/ngos?q=zhaiyq%20zhastary`)).json();
  const ours = ngos.items.filter((n) => n.name.kk.includes('«Жайық жастары»'));
  assert.equal(ours.length, 1, 'Latin typing finds the Kazakh name');
  return ours[0].id;
}

/** The page's console errors, but for the browser's note of a refusal the test caused. */
function unexpected(page, status) {
  return page.errors.filter((e) => !e.includes(`status of ${status}`));
}

/** The error shown next to the input labelled `label`. */
function fieldError(page, label) {
  return page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');
}

test('an NGO applies, is approved, edits its profile, and the public sees it', async () => {
  // The application: the BIN's check digit is checked as it is typed.
  const ngo = await newPage(browser);
  await ngo.goto(`${server.url}/account/register`);
  await ngo.getByLabel('БСН').fill(BAD_BIN);
  await fieldError(ngo, 'БСН').filter({ hasText: 'бақылау цифры' }).waitFor();
  assert.equal(await ngo.getByLabel('БСН').getAttribute('aria-invalid'), 'true');
  await ngo.getByLabel('БСН').fill(BIN);
  await ngo.locator('#bin:not([aria-invalid])').waitFor();
  await ngo.getByLabel('Атауы (қазақша)').fill('«Жайық жастары» қоғамдық бірлестігі');
  await ngo.getByLabel('Ұйымдық-құқықтық нысаны').fill('Қоғамдық бірлестік');
  await ngo.getByLabel('Тіркелген күні').fill('2016-04-12');
  await ngo.getByLabel('Аудан').selectOption('oral');
  await ngo.getByLabel('Электрондық пошта').fill(NGO_EMAIL);
  await ngo.getByLabel('Құпиясөз').fill('1234567890');
  await fieldError(ngo, 'Құпиясөз').filter({ hasText: 'оңай' }).waitFor();
  await ngo.getByLabel('Құпиясөз').fill(NGO_PASSWORD);
  assert.deepEqual(await axeViolations(ngo), []);
  await ngo.getByRole('button', { name: 'Өтінім жіберу' }).click();
  await ngo.getByText('Өтінім жіберілді').waitFor();

  // Pending: signing in says so.
  await ngo.goto(`${server.url}/account`);
  await signIn(ngo, NGO_EMAIL, NGO_PASSWORD);
  await ngo.locator('.form-error', { hasText: 'модератордың шешімін күтуде' }).waitFor();

  // A moderator approves the application on the desk.
  const desk = await newPage(browser);
  await desk.goto(`${server.url}/moderation`);
  await signIn(desk, 'moderator@oral.example.kz', 'a long moderator passphrase');
  const application = desk.locator('.card', { hasText: '«Жайық жастары»' });
  await application.getByText(BIN).waitFor();
  await application.getByRole('button', { name: 'Мақұлдау' }).click();
  await application.waitFor({ state: 'detached' });

  // The NGO signs in and edits its profile; bad fields are marked where they are.
  await ngo.getByRole('button', { name: 'Кіру' }).click();
  await ngo.getByRole('heading', { name: '«Жайық жастары» қоғамдық бірлестігі' }).waitFor();
  assert.deepEqual(await axeViolations(ngo), []);
  await ngo.getByLabel('Телефон').fill('12345');
  await fieldError(ngo, 'Телефон').filter({ hasText: /.+/ }).waitFor();
  await ngo.getByLabel('Сайт').fill('javascript:alert(1)');
  await ngo.getByRole('button', { name: 'Сақтау' }).click();
  await ngo.locator('.form-error', { hasText: 'Белгіленген өрістерді түзетіңіз' }).waitFor();
  await fieldError(ngo, 'Сайт').filter({ hasText: 'https://' }).waitFor();
  await ngo.getByLabel('Телефон').fill('+7 711 250 12 34');
  await ngo.getByLabel('Сайт').fill('https://zhaiyq-youth.example.kz');
  const payload = '<img src=x onerror="window.hacked=1"> Жастарға арналған курстар';
  await ngo.getByLabel('Толық сипаттама (қазақша)').fill(payload);

  // A reload mid-edit restores the draft.
  await ngo.reload();
  await ngo.getByText('Сақталмаған өзгерістеріңіз қалпына келтірілді').waitFor();
  assert.equal(await ngo.getByLabel('Толық сипаттама (қазақша)').inputValue(), payload);
  assert.equal(await ngo.getByLabel('Сайт').inputValue(), 'https://zhaiyq-youth.example.kz');

  await ngo.getByRole('button', { name: 'Сақтау' }).click();
  await ngo.getByText('Профиль сақталды.').waitFor();

  // A logo, judged by its bytes.
  await ngo.getByLabel(/Жаңа логотип/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await ngo.getByText('Логотип сақталды.').waitFor();

  // The public profile shows the change, the payload as text.
  const id = await ngoId();
  const visitor = await newPage(browser);
  await visitor.goto(`${server.url}/ngos/${id}`);
  await visitor.locator('.description', { hasText: payload }).waitFor();
  assert.equal(await visitor.locator('.description img').count(), 0);
  assert.equal(await visitor.evaluate(() => window.hacked), undefined);
  await visitor.getByRole('link', { name: '+7 711 250 12 34' }).waitFor();
  assert.equal(await visitor.getByRole('link', { name: '+7 711 250 12 34' }).getAttribute('href'), 'tel:+77112501234');
  await visitor.locator('img.logo').waitFor();
  assert.deepEqual(await axeViolations(visitor), []);

  for (const page of [ngo, desk, visitor]) assert.deepEqual(unexpected(page, 403), []);
});

test('two editors saving the same version: the second sees both and chooses', async () => {
  const first = await newPage(browser);
  const second = await newPage(browser);
  for (const page of [first, second]) {
    await page.goto(`${server.url}/account`);
    await signIn(page, NGO_EMAIL, NGO_PASSWORD);
    await page.getByLabel('Мекенжайы').waitFor();
  }
  await first.getByLabel('Мекенжайы').fill('Орал, Достық даңғылы 12');
  await first.getByRole('button', { name: 'Сақтау' }).click();
  await first.getByText('Профиль сақталды.').waitFor();

  await second.getByLabel('Мекенжайы').fill('Орал, Абай даңғылы 3');
  await second.getByRole('button', { name: 'Сақтау' }).click();
  const conflict = second.locator('.conflict');
  await conflict.getByRole('heading', { name: 'Профильді басқа біреу сақтап қойды' }).waitFor();
  const row = conflict.getByRole('row', { name: /Мекенжайы/ });
  await row.getByText('Орал, Абай даңғылы 3').waitFor();
  await row.getByText('Орал, Достық даңғылы 12').waitFor();
  assert.deepEqual(await axeViolations(second), []);
  // Nothing was overwritten behind the first editor's back.
  const id = await ngoId();
  let saved = await (await fetch(`${server.url}/api/v1/ngos/${id}`)).json();
  assert.equal(saved.address, 'Орал, Достық даңғылы 12');

  await conflict.getByRole('button', { name: 'Менің нұсқамды сақтау' }).click();
  await second.getByText('Профиль сақталды.').waitFor();
  saved = await (await fetch(`${server.url}/api/v1/ngos/${id}`)).json();
  assert.equal(saved.address, 'Орал, Абай даңғылы 3');
  for (const page of [first, second]) assert.deepEqual(unexpected(page, 412), []);
});

test('a signed-in NGO proposes an idea on its own behalf', async () => {
  // A moderator opens a fair for ideas through the API.
  const token = await server.signIn('moderator@oral.example.kz', 'a long moderator passphrase');
  const auth = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const created = await (await fetch(`${server.url}/api/v1/admin/fairs`, {
    method: 'POST', headers: auth, body: JSON.stringify({ title: { kk: 'Көктемгі идеялар жәрмеңкесі' } }),
  })).json();
  const opened = await fetch(`${server.url}/api/v1/admin/fairs/${created.id}`, {
    method: 'PATCH', headers: { ...auth, 'If-Match': `"${created.version}"` }, body: JSON.stringify({ phase: 'submission' }),
  });
  assert.equal(opened.status, 200);

  const page = await newPage(browser);
  await page.goto(`${server.url}/account`);
  await signIn(page, NGO_EMAIL, NGO_PASSWORD);
  await page.getByRole('link', { name: /идеялар жәрмеңкесіне идея ұсыну/ }).waitFor();
  await page.goto(`${server.url}/fair/${created.id}/propose`);
  await page.getByText('Сіз идеяны ұйымыңыздың атынан ұсынасыз.').waitFor();
  assert.equal(await page.getByLabel('ЖСН').count(), 0, 'no phone check for a signed-in NGO');
  await page.getByLabel('Атауы (қазақша)').fill('Жастарға арналған медиа-мектеп');
  await page.getByLabel('Қысқаша сипаттама (қазақша)').fill('Мектеп оқушыларына бейне және подкаст түсіруді үйрету.');
  await page.getByLabel('Қажетті бюджет, теңге').fill('1200000');
  await page.getByRole('button', { name: 'Идеяны жіберу' }).click();
  await page.locator('.note', { hasText: 'Идеяңыз жіберілді' }).waitFor();

  const queue = await (await fetch(`${server.url}/api/v1/admin/queue`, { headers: auth })).json();
  const idea = queue.ideas.find((i) => i.title.kk === 'Жастарға арналған медиа-мектеп');
  assert.ok(idea, 'the idea waits for a moderator');
  await fetch(`${server.url}/api/v1/admin/ideas/${idea.id}/approve`, { method: 'POST', headers: auth });
  const ideas = await (await fetch(`${server.url}/api/v1/fairs/${created.id}/ideas`)).json();
  assert.equal(ideas.items[0].ngo_name.kk, '«Жайық жастары» қоғамдық бірлестігі');
  assert.deepEqual(page.errors, []);
});
