// End to end: a citizen verifies a phone and votes in the demo fair; the results follow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

const SHOTS = resolve(import.meta.dirname, '../../target/screenshots');
mkdirSync(SHOTS, { recursive: true });

let server;
let browser;
let fair;
// The receipt the first voter noted for the ballot that stands, and its ideas.
let noted;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  [fair] = await (await fetch(`${server.url}/api/v1/fairs`)).json();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const results = async () => (await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/results`)).json());

test('a voter verifies a phone, chooses ideas, saves, and the results count the ballot', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/fair/${fair.id}`);
  await page.getByRole('link', { name: 'Дауыс беру' }).click();
  await page.waitForURL(/\/vote$/);
  await page.getByLabel('ЖСН').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  // Bad input is refused at its field, in the browser, before any request.
  await page.getByLabel('ЖСН').fill('000401100018');
  await page.getByLabel('Телефон').fill('+7 901 123 45 67');
  await page.getByRole('button', { name: 'Код алу' }).click();
  await page.locator('#iin-error', { hasText: 'бақылау цифры' }).waitFor();
  await page.locator('#phone-error', { hasText: '+7 7XX' }).waitFor();
  assert.equal(await page.getByLabel('ЖСН').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('ЖСН').fill('000401100017');
  await page.getByLabel('Телефон').fill('8 701 555 44 33');
  await page.getByRole('button', { name: 'Код алу' }).click();
  await page.getByLabel('SMS-код').waitFor();
  await page.getByLabel('SMS-код').fill('12a');
  await page.getByRole('button', { name: 'Растау' }).click();
  await page.locator('#code-error').filter({ hasText: '6 цифр' }).waitFor();
  await page.getByLabel('SMS-код').fill(await server.lastCode('+77015554433'));
  await page.getByRole('button', { name: 'Растау' }).click();

  const boxes = page.getByRole('checkbox', { name: 'Таңдау' });
  await page.locator('.ballot-bar').waitFor();
  await boxes.nth(0).check();
  await boxes.nth(2).check();
  await boxes.nth(4).check();
  assert.match(await page.locator('.ballot-count').innerText(), /3 \/ 3 · 0/);
  assert.equal(await boxes.nth(1).isDisabled(), true, 'a fourth idea cannot be chosen');
  assert.match(await page.locator('.ballot-status').innerText(), /сақталмаған/);

  // Leaving with unsaved choices asks first; dismissing keeps the page.
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('link', { name: 'ҮЕҰ', exact: true }).click();
  assert.match(page.url(), /\/vote$/);

  await page.getByRole('button', { name: 'Дауысты сақтау' }).click();
  await page.locator('.ballot-status', { hasText: 'Дауысыңыз сақталды' }).waitFor();
  const counted = await results();
  assert.equal(counted.ballots, 1);
  assert.equal(counted.items.reduce((sum, r) => sum + r.votes, 0), 3);
  const firstIdeas = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/ideas`)).json();
  assert.equal(counted.items.find((i) => i.idea_id === firstIdeas.items[4].id).votes, 1);

  // After a reload the saved ballot is shown again, and can be changed.
  // The receipt is shown with the saved ballot, and checks as counted.
  const receipt = await page.locator('.ballot-bar .receipt-code').innerText();
  assert.match(receipt, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  await page.locator('#receipt').fill(receipt.toLowerCase());
  await page.getByRole('button', { name: 'Тексеру' }).click();
  await page.locator('.check-receipt [role=status]', { hasText: 'Есепке алынды' }).waitFor();

  await page.reload();
  await page.locator('.ballot-status', { hasText: 'Дауысыңыз сақталды' }).waitFor();
  assert.equal(await page.locator('.ballot-bar .receipt-code').innerText(), receipt);
  assert.equal(await boxes.nth(2).isChecked(), true);
  await boxes.nth(4).uncheck();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Дауысты сақтау' }).click();
  await page.locator('.ballot-status', { hasText: 'Дауысыңыз сақталды' }).waitFor();
  // A changed ballot gets a new receipt; the old one now says it was replaced.
  await page.locator('.ballot-bar .receipt-code').filter({ hasNotText: receipt }).waitFor();
  await page.locator('#receipt').fill(receipt);
  await page.getByRole('button', { name: 'Тексеру' }).click();
  await page.locator('.check-receipt [role=status]', { hasText: 'Ауыстырылды' }).waitFor();
  noted = {
    receipt: await page.locator('.ballot-bar .receipt-code').innerText(),
    titles: [0, 1, 2].map((n) => firstIdeas.items[n].title.kk),
  };
  const changed = await results();
  assert.equal(changed.ballots, 1);
  const votesOf = (r, id) => r.items.find((i) => i.idea_id === id).votes;
  const ideas = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/ideas`)).json();
  assert.equal(votesOf(changed, ideas.items[1].id), 1);
  assert.equal(votesOf(changed, ideas.items[4].id), 0);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);

  // The results page ranks the ideas with their votes, as a chart and a table.
  await page.goto(`${server.url}/fair/${fair.id}/results`);
  await page.locator('table.results tbody tr').first().waitFor();
  assert.equal(await page.locator('table.results tbody tr').count(), counted.items.length);
  assert.equal(await page.locator('svg g.bar[role=img] rect').count(), counted.items.length);
  // Each bar is named by its idea in full; the winners' bars stand out.
  const top = counted.items[0];
  assert.equal(await page.locator('svg g.bar').first().getAttribute('aria-label'),
    `#${top.rank} ${top.title.kk}: ${top.votes}${top.winner ? ' Жеңімпаз' : ''}`);
  assert.equal(await page.locator('svg g.bar.winner').count(), counted.items.filter((i) => i.winner).length);
  assert.match(await page.locator('.count').innerText(), /1/);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('main a', { hasText: '←' }).click();
  await page.waitForURL(new RegExp(`/fair/${fair.id}$`));
  await page.locator('.ideas .card').first().waitFor();
});

test('the voting app reloads on its deep link and fails cleanly for an unknown fair', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/fair/${fair.id}/vote`);
  await page.getByLabel('ЖСН').waitFor();
  await page.goto(`${server.url}/fair/424242/vote`);
  await page.locator('.error', { hasText: 'табылмады' }).waitFor();
});

test('nothing can be chosen before the saved ballot is read, so its answer overwrites no choice', async () => {
  const page = await newPage(browser);
  // The saved ballot's answer is held back until the test lets it through.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/ballot', async (route) => {
    if (route.request().method() === 'GET') await held;
    await route.continue();
  });
  await page.goto(`${server.url}/fair/${fair.id}/vote`);
  await page.getByLabel('ЖСН').fill('850515300125');
  await page.getByLabel('Телефон').fill('+7 708 222 33 44');
  await page.getByRole('button', { name: 'Код алу' }).click();
  await page.getByLabel('SMS-код').waitFor();
  await page.getByLabel('SMS-код').fill(await server.lastCode('+77082223344'));
  await page.getByRole('button', { name: 'Растау' }).click();
  await page.getByLabel('SMS-код').waitFor({ state: 'detached' });

  const boxes = page.getByRole('checkbox', { name: 'Таңдау' });
  assert.equal(await boxes.nth(0).isDisabled(), true, 'an idea can be chosen before the saved ballot is known');
  assert.equal(await page.locator('.ballot-bar').count(), 0);
  release();
  await page.locator('.ballot-bar').waitFor();
  await boxes.nth(0).check();
  assert.match(await page.locator('.ballot-count').innerText(), /1 \/ 3/);
  assert.deepEqual(page.errors, []);
});

test('voting after the fair closes is refused in the page', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/fair/${fair.id}/vote`);
  await page.getByLabel('ЖСН').fill('100000001003');
  await page.getByLabel('Телефон').fill('+7 707 333 44 55');
  await page.getByRole('button', { name: 'Код алу' }).click();
  await page.getByLabel('SMS-код').waitFor();
  await page.getByLabel('SMS-код').fill(await server.lastCode('+77073334455'));
  await page.getByRole('button', { name: 'Растау' }).click();
  await page.locator('.ballot-bar').waitFor();
  const before = await results();

  // A moderator closes the fair while the voter is choosing.
  server.createModerator('closer@oral.example.kz', 'a long moderator passphrase');
  const token = await server.signIn('closer@oral.example.kz', 'a long moderator passphrase');
  const current = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}`)).json();
  const closed = await fetch(`${server.url}/api/v1/admin/fairs/${fair.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'if-match': `"${current.version}"` },
    body: JSON.stringify({ phase: 'closed' }),
  });
  assert.equal(closed.status, 200);

  await page.getByRole('checkbox', { name: 'Таңдау' }).nth(3).check();
  await page.getByRole('button', { name: 'Дауысты сақтау' }).click();
  await page.locator('.ballot-status', { hasText: 'Дауыс беру жабық' }).waitFor();
  assert.deepEqual(await results(), before);

  // Opened afresh, the page says voting is not open and offers no choices.
  await page.reload();
  await page.locator('.note', { hasText: 'Дауыс беру қазір ашық емес' }).waitFor();
  assert.equal(await page.getByRole('checkbox').count(), 0);
});

test('after the fair closes, the voter finds the noted receipt in the published ballots, the recount agrees, and the protocol prints', async () => {
  assert.ok(noted, 'the first test noted a receipt');
  const page = await newPage(browser);
  // The fair's page shows the head the published file ends on.
  const published = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/ballots.json`)).json();
  assert.ok(published.ballots.some((b) => b.receipt === noted.receipt.replace('-', '')));
  await page.goto(`${server.url}/fair/${fair.id}`);
  await page.locator('.ballot-box .box-head', { hasText: published.head }).waitFor();

  await page.goto(`${server.url}/fair/${fair.id}/results`);
  await page.getByRole('button', { name: 'Жарияланған бюллетеньдер бойынша қайта санау' }).click();
  await page.locator('.recount-outcome.agrees', { hasText: 'Қайта санау сәйкес келді' }).waitFor();
  assert.match(await page.locator('.recount-outcome').innerText(), new RegExp(published.head));
  await page.getByLabel('Түбіртегіңізді жарияланған бюллетеньдерден табыңыз').fill(noted.receipt.toLowerCase());
  await page.getByRole('button', { name: 'Табу' }).click();
  const found = page.locator('.find-receipt [role=status]', { hasText: 'Табылды' });
  await found.waitFor();
  for (const title of noted.titles) assert.match(await found.innerText(), new RegExp(title.replace(/[«»()]/g, '.')));
  await page.getByLabel('Түбіртегіңізді жарияланған бюллетеньдерден табыңыз').fill('00000-00000');
  await page.getByRole('button', { name: 'Табу' }).click();
  await page.locator('.find-receipt [role=status]', { hasText: 'жоқ' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(page.errors, []);

  // A file tampered with on its way: the browser's recount says where.
  const tampered = await newPage(browser);
  await tampered.route('**/ballots.json', async (route) => {
    const body = await (await route.fetch()).json();
    body.ballots[0].ideas = body.ideas.map((i) => i.id).filter((id) => !body.ballots[0].ideas.includes(id)).slice(0, 1);
    await route.fulfill({ json: body });
  });
  await tampered.goto(`${server.url}/fair/${fair.id}/results`);
  await tampered.getByRole('button', { name: 'Жарияланған бюллетеньдер бойынша қайта санау' }).click();
  await tampered.locator('.recount-outcome.differs', { hasText: 'буын берген бюллетень емес' }).waitFor();

  // The protocol, in each language, on one or two A4 pages.
  const protocol = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/protocol`)).json();
  for (const [lang, heading] of [['kk', 'Нәтижелер хаттамасы'], ['ru', 'Протокол итогов'], ['en', 'Results protocol']]) {
    const print = await newPage(browser);
    await print.goto(`${server.url}/fair/${fair.id}/protocol?lang=${lang}`);
    await print.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await print.locator('.protocol code.hash', { hasText: protocol.file_sha256 }).waitFor();
    assert.deepEqual(await axeViolations(print), []);
    await print.emulateMedia({ media: 'print' });
    assert.equal(await print.locator('.site-header').isVisible(), false);
    await print.screenshot({ path: `${SHOTS}/protocol-${lang}-print.png`, fullPage: true });
    const pdf = (await print.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 2, `the protocol in ${lang} prints on ${pages} pages`);
    assert.deepEqual(print.errors, []);
    await print.context().close();
  }
});
