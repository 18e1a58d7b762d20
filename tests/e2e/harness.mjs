// Starts the real server (release build) on a free port with a fresh database and
// the built app, and a headless Chromium; collects console errors; runs axe-core.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * What the server's log must never hold: identity numbers, phone numbers, codes,
 * passwords, tokens. `secrets` are the exact values the tests used.
 */
function privacyLeaks(log, secrets) {
  const found = [...secrets].filter((s) => s && log.includes(s)).map((s) => `the value ${s.slice(0, 3)}…`);
  const patterns = [
    [/(?<![\d.])\d{12}(?![\d.])/, 'a 12-digit number (IIN or BIN)'],
    [/(?<![\d.])\+?[78]\d{10}(?![\d.])/, 'a phone number'],
    [/bearer\s/i, 'a bearer token'],
    [/[A-Za-z0-9_-]{40,}/, 'a long token-like string'],
    [/password|passphrase/i, 'a password'],
  ];
  for (const [pattern, what] of patterns) {
    const match = log.match(pattern);
    if (match) found.push(`${what} near ${JSON.stringify(log.slice(Math.max(0, match.index - 60), match.index))}`);
  }
  return found;
}

/** The server on a free port with a fresh data directory; resolves when it listens. */
export async function startServer(env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bastama-e2e-'));
  const child = spawn(join(root, 'target/release/bastama-server'), [], {
    env: {
      ...process.env,
      BASTAMA_ADDR: '127.0.0.1:0',
      BASTAMA_DATA_DIR: dataDir,
      BASTAMA_DIST_DIR: join(root, 'dist'),
      // Every request is logged, so that the privacy check below reads them all.
      RUST_LOG: 'info',
      // Set, the app is served under a path, as a portal mounts it (/bastama);
      // `url` below then ends with it.
      BASTAMA_BASE_PATH: process.env.BASTAMA_E2E_BASE_PATH ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const secrets = new Set();
  const codesSeen = new Map();
  const url = await new Promise((resolveUrl, reject) => {
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const match = log.match(/listening on (http:\/\/\S+)/);
      if (match) resolveUrl(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${log}`)));
  });
  return {
    url,
    dataDir,
    /** Makes a moderator account with the server's own command. */
    createModerator(email, password) {
      secrets.add(password);
      execFileSync(join(root, 'target/release/bastama-server'), ['create-moderator', email], {
        env: { ...process.env, BASTAMA_DATA_DIR: dataDir, RUST_LOG: 'warn', ...env },
        input: `${password}\n`,
      });
    },
    /** Signs an account in through the API: its token. */
    async signIn(email, password) {
      secrets.add(password);
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      return (await response.json()).token;
    },
    /** Registers an NGO with `application` and has the moderator of `token` approve it: its id. */
    async approvedNgo(token, application) {
      secrets.add(application.password);
      const response = await fetch(`${url}/api/v1/ngos/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ legal_form: 'Қоғамдық бірлестік', district: 'oral', ...application }),
      });
      const { ngo_id: id } = await response.json();
      await fetch(`${url}/api/v1/admin/ngos/${id}/approve`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      return id;
    },
    /**
     * The newest code sent to `phone` (+7...): waits, up to 10 s, for a text the
     * server's SMS sender has not delivered before (it sends from its outbox
     * after answering the request).
     */
    async lastCode(phone) {
      const outbox = join(dataDir, 'outbox.jsonl');
      const before = codesSeen.get(phone) ?? 0;
      for (let waited = 0; waited < 10_000; waited += 50) {
        const lines = existsSync(outbox) ? readFileSync(outbox, 'utf8').trim().split('\n') : [];
        const mine = lines.filter(Boolean).map((l) => JSON.parse(l)).filter((m) => m.phone === phone);
        if (mine.length > before) {
          codesSeen.set(phone, mine.length);
          const code = mine.at(-1).text.slice(-6);
          secrets.add(phone);
          secrets.add(code);
          return code;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('no new code reached the phone within 10 s');
    },
    /** Stops the server; fails if its log holds anything private. */
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      const leaks = privacyLeaks(log, secrets);
      if (leaks.length > 0) throw new Error(`the server's log holds ${leaks.join(', ')}`);
      if (!/status=\d{3}|\b(GET|POST|PUT|PATCH)\b/.test(log)) throw new Error('the server logged no request');
    },
  };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A page that records console errors and uncaught exceptions into `page.errors`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'kk-KZ', ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(message.text());
  });
  page.on('pageerror', (error) => page.errors.push(error.message));
  return page;
}

/**
 * Waits for the app to have taken over the page the server wrote in (the
 * directory's `#prerendered`); at once on pages without one.
 */
export function appStarted(page) {
  return page.waitForFunction(() => !document.getElementById('prerendered'));
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
