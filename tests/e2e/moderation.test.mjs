// End to end: a moderator opens a fair for ideas, a citizen proposes one, the
// moderator approves it and opens voting; the idea is then on the fair's page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

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

test('from a new fair to an approved idea on the fair page', async () => {
  const desk = await newPage(browser);
  await desk.goto(`${server.url}/moderation`);
  await desk.getByLabel('Электрондық пошта').fill('moderator@oral.example.kz');
  await desk.getByLabel('Құпиясөз').fill('wrong passphrase!');
  await desk.getByRole('button', { name: 'Кіру' }).click();
  await desk.locator('.form-error', { hasText: 'қате' }).waitFor();
  await desk.getByLabel('Құпиясөз').fill('a long moderator passphrase');
  await desk.getByRole('button', { name: 'Кіру' }).click();
  await desk.getByRole('heading', { name: 'Тексеруді күтетін идеялар' }).waitFor();
  await desk.locator('.empty', { hasText: 'Тексеретін ештеңе жоқ' }).waitFor();
  assert.deepEqual(await axeViolations(desk), []);

  await desk.getByLabel('Атауы (қазақша)').fill('Жастар бастамалары жәрмеңкесі');
  await desk.getByRole('button', { name: 'Құру' }).click();
  const card = desk.locator('.card', { hasText: 'Жастар бастамалары жәрмеңкесі' });
  await card.getByRole('button', { name: /Идеялар қабылдануда/ }).click();
  await card.getByRole('button', { name: /Дауыс беру жүріп жатыр/ }).waitFor();
  const fairs = await (await fetch(`${server.url}/api/v1/fairs`)).json();
  const fair = fairs.find((f) => f.title.kk === 'Жастар бастамалары жәрмеңкесі');
  assert.equal(fair.phase, 'submission');

  // A citizen proposes an idea: verify the phone, then the form.
  const citizen = await newPage(browser);
  await citizen.goto(`${server.url}/fair/${fair.id}`);
  await citizen.getByRole('link', { name: 'Идея ұсыну' }).click();
  await citizen.getByLabel('ЖСН').fill('000401100017');
  await citizen.getByLabel('Телефон').fill('+7 705 000 11 22');
  await citizen.getByRole('button', { name: 'Код алу' }).click();
  await citizen.getByLabel('SMS-код').waitFor();
  await citizen.getByLabel('SMS-код').fill(await server.lastCode('+77050001122'));
  await citizen.getByRole('button', { name: 'Растау' }).click();
  await citizen.getByLabel('Атауы (қазақша)').fill('Ж');
  await citizen.getByRole('button', { name: 'Идеяны жіберу' }).click();
  await citizen.locator('.form-error li').first().waitFor();
  await citizen.getByLabel('Атауы (қазақша)').fill('Ауылдағы жастар коворкингі');
  await citizen.getByLabel('Қысқаша сипаттама (қазақша)').fill('Аудан орталығында жастарға арналған тегін жұмыс орны.');
  await citizen.getByLabel('Толық сипаттама (қазақша)').fill('Он екі жұмыс орны, жылдам интернет және апталық кездесулер.');
  await citizen.getByLabel('Жастар', { exact: true }).check();
  await citizen.getByLabel('Қажетті бюджет, теңге').fill('750000');
  await citizen.getByRole('button', { name: 'Идеяны жіберу' }).click();
  await citizen.locator('.note', { hasText: 'Идеяңыз жіберілді' }).waitFor();
  assert.deepEqual(await axeViolations(citizen), []);

  // What the fair publishes is chosen before voting opens: totals only.
  const publication = 'Дауыс беру аяқталғанда жәрмеңке не жариялайды';
  await card.getByLabel(publication).selectOption('totals');
  await card.getByRole('button', { name: 'Баптауларды сақтау' }).click();
  const shown = async () => (await (await fetch(`${server.url}/api/v1/fairs/${fair.id}`)).json()).publication;
  for (let tries = 0; tries < 50 && (await shown()) !== 'totals'; tries += 1) await desk.waitForTimeout(100);
  assert.equal(await shown(), 'totals');

  // The moderator approves it and opens voting.
  await desk.reload();
  const pending = desk.locator('.card', { hasText: 'Ауылдағы жастар коворкингі' });
  await pending.getByRole('button', { name: 'Мақұлдау' }).click();
  await desk.locator('.empty', { hasText: 'Тексеретін ештеңе жоқ' }).waitFor();
  await card.getByRole('button', { name: /Дауыс беру жүріп жатыр/ }).click();
  await card.getByRole('button', { name: /Аяқталды/ }).waitFor();
  // Once voting is open the choice is fixed, and voters are told it.
  assert.equal(await card.getByLabel(publication).isDisabled(), true);
  await citizen.goto(`${server.url}/fair/${fair.id}/vote`);
  await citizen.locator('.publication', { hasText: 'учаскелер бойынша қорытындыларды' }).waitFor();

  // Settings: a bad number is refused at its field, then two votes and five winners.
  await card.getByLabel('Жеңімпаздар саны').fill('500');
  await card.getByRole('button', { name: 'Баптауларды сақтау' }).click();
  await card.locator('.field', { has: desk.getByLabel('Жеңімпаздар саны') }).locator('.field-error').filter({ hasText: /.+/ }).waitFor();
  await card.getByLabel('Жеңімпаздар саны').fill('5');
  await card.getByLabel('Бір сайлаушының дауысы').fill('2');
  await card.getByLabel('Нәтижелер дауыс беру кезінде көрінеді').uncheck();
  await card.getByRole('button', { name: 'Баптауларды сақтау' }).click();
  let settings;
  for (let tries = 0; tries < 50; tries += 1) {
    settings = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}`)).json();
    if (settings.winners === 5) break;
    await desk.waitForTimeout(100);
  }
  assert.deepEqual([settings.winners, settings.votes_per_voter, settings.results_live], [5, 2, false]);

  // The idea found a sponsor: recorded on the desk, shown with the idea.
  const fresh = desk.locator('.card', { hasText: 'Жастар бастамалары жәрмеңкесі' });
  await fresh.getByText('Идеялар және олардың қаржыландыруы').click();
  const funding = fresh.locator('.funding-form', { hasText: 'Ауылдағы жастар коворкингі' });
  await funding.getByLabel('Демеуші').fill('«Ақжайық» ЖШС');
  await funding.getByLabel('Сомасы, ₸').fill('500000');
  await funding.getByLabel(/Меморандум/).check();
  await funding.getByRole('button', { name: 'Сақтау' }).click();
  await funding.getByText('Қаржыландыру сақталды.').waitFor();
  const ideas = await (await fetch(`${server.url}/api/v1/fairs/${fair.id}/ideas`)).json();
  assert.deepEqual(ideas.items[0].funding, { sponsor: '«Ақжайық» ЖШС', amount_kzt: 500000, memorandum_signed: true });
  assert.deepEqual(await axeViolations(desk), []);

  await citizen.goto(`${server.url}/fair/${fair.id}`);
  const approved = citizen.locator('.ideas .card', { hasText: 'Ауылдағы жастар коворкингі' });
  await approved.waitFor();
  await approved.getByText('Толығырақ').click();
  await approved.getByText('Он екі жұмыс орны').waitFor();
  await citizen.getByRole('link', { name: 'Дауыс беру' }).waitFor();
  assert.deepEqual(desk.errors.filter((e) => !e.includes('401')), []);
  assert.deepEqual(citizen.errors, []);
});
