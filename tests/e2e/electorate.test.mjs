// End to end: a moderator gives a fair a voter roll from the desk; a voter not
// on it is told so, in each language, before any code is sent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { axeViolations, launchBrowser, newPage, startServer } from './harness.mjs';

const ON_ROLL = '000401100017';
const NOT_ON_ROLL = '990101300033';

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

/** Moves the fair to `phase` through the API. */
async function advance(token, fair, phase) {
  const response = await fetch(`${server.url}/api/v1/admin/fairs/${fair.id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': `"${fair.version}"` },
    body: JSON.stringify({ phase }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

const textsSent = () => {
  const outbox = join(server.dataDir, 'outbox.jsonl');
  return existsSync(outbox) ? readFileSync(outbox, 'utf8').trim().split('\n').filter(Boolean).length : 0;
};

test('a roll imported on the desk decides who may ask for a code', async () => {
  const token = await server.signIn('moderator@oral.example.kz', 'a long moderator passphrase');
  const created = await fetch(`${server.url}/api/v1/admin/fairs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: { kk: 'Орал қаласының жәрмеңкесі' }, description: { kk: '' } }),
  });
  assert.equal(created.status, 201);
  let fair = await created.json();
  assert.equal(fair.electorate, 'open');

  // The desk: the moderator chooses a roll, then imports one with a bad line, then a good one.
  const desk = await newPage(browser);
  await desk.goto(`${server.url}/moderation`);
  await desk.getByLabel('Электрондық пошта').fill('moderator@oral.example.kz');
  await desk.getByLabel('Құпиясөз').fill('a long moderator passphrase');
  await desk.getByRole('button', { name: 'Кіру' }).click();
  const card = desk.locator('.card', { hasText: 'Орал қаласының жәрмеңкесі' });
  await card.getByLabel('Тек осы жәрмеңкенің сайлаушылар тізіміндегі адамдар дауыс бере алады.').check();
  await card.getByRole('button', { name: 'Кім дауыс беретінін сақтау' }).click();
  const file = card.getByLabel('Сайлаушылар тізімін импорттау');
  await file.waitFor();
  assert.deepEqual(await axeViolations(desk), []);

  const bad = join(server.dataDir, 'bad.csv');
  writeFileSync(bad, `iin,district\n${ON_ROLL},oral\n000401100018\n`);
  await file.setInputFiles(bad);
  await card.locator('.roll-report', { hasText: 'Ештеңе импортталмады' }).waitFor();
  await card.locator('.roll-report', { hasText: 'Жол 3' }).waitFor();
  const good = join(server.dataDir, 'good.csv');
  writeFileSync(good, `${ON_ROLL},oral\n${ON_ROLL}\n`);
  await file.setInputFiles(good);
  await card.locator('.roll-report', { hasText: 'Өткізілген қайталанулар: 1' }).waitFor();
  await card.locator('p', { hasText: 'Сайлаушылар тізіміндегі ЖСН саны: 1' }).waitFor();

  // A draft is not public yet: the moderators' list has it.
  const all = await (await fetch(`${server.url}/api/v1/admin/fairs`, { headers: { Authorization: `Bearer ${token}` } })).json();
  fair = all.find((f) => f.id === fair.id);
  assert.equal(fair.electorate, 'roll');
  assert.equal(fair.roll_size, 1);
  fair = await advance(token, fair, 'submission');
  fair = await advance(token, fair, 'voting');

  const citizen = await newPage(browser);
  const words = [
    { lang: 'kk', iin: 'ЖСН', check: 'Тексеру', send: 'Код алу', who: 'Тек осы жәрмеңкенің сайлаушылар тізіміндегі', no: 'сайлаушылар тізімінде жоқ', yes: 'Иә' },
    { lang: 'ru', iin: 'ИИН', check: 'Проверить', send: 'Получить код', who: 'Голосовать могут только люди из списка', no: 'нет в списке избирателей', yes: 'Да' },
    { lang: 'en', iin: 'IIN', check: 'Check', send: 'Send me a code', who: "Only the people on this fair's voter list", no: "is not on this fair's voter list", yes: 'Yes' },
  ];
  for (const w of words) {
    await citizen.goto(`${server.url}/fair/${fair.id}?lang=${w.lang}`);
    await citizen.locator('.facts', { hasText: w.who }).waitFor();
    const check = citizen.locator('.can-i-vote');
    await check.getByLabel(w.iin).fill(NOT_ON_ROLL);
    await check.getByRole('button', { name: w.check }).click();
    await check.locator('[role=status]', { hasText: w.no }).waitFor();
    await check.getByLabel(w.iin).fill(ON_ROLL);
    await check.getByRole('button', { name: w.check }).click();
    await check.locator('[role=status]', { hasText: w.yes }).waitFor();
    if (w.lang === 'kk') assert.deepEqual(await axeViolations(citizen), []);

    await citizen.goto(`${server.url}/fair/${fair.id}/vote?lang=${w.lang}`);
    await citizen.getByLabel(w.iin).fill(NOT_ON_ROLL);
    await citizen.getByLabel(/Телефон|Phone/).fill('+7 705 000 11 22');
    await citizen.getByRole('button', { name: w.send }).click();
    await citizen.locator('.form-error', { hasText: w.no }).waitFor();
  }
  assert.equal(textsSent(), 0, 'no code was sent to a voter not on the roll');

  // A voter on the roll gets a code.
  await citizen.getByLabel('IIN').fill(ON_ROLL);
  await citizen.getByRole('button', { name: 'Send me a code' }).click();
  await citizen.getByLabel('Code from the SMS').waitFor();
  await server.lastCode('+77050001122');
});
