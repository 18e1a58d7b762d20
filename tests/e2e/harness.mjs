// Starts the real server (release build) on a free port with a fresh database and
// the built app, and a headless Chromium; collects console errors; runs axe-core.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** The server on a free port with a fresh data directory; resolves when it listens. */
export async function startServer(env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bastama-e2e-'));
  const child = spawn(join(root, 'target/release/bastama-server'), [], {
    env: {
      ...process.env,
      BASTAMA_ADDR: '127.0.0.1:0',
      BASTAMA_DATA_DIR: dataDir,
      BASTAMA_DIST_DIR: join(root, 'dist'),
      RUST_LOG: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) resolveUrl(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return {
    url,
    dataDir,
    /** Makes a moderator account with the server's own command. */
    createModerator(email, password) {
      execFileSync(join(root, 'target/release/bastama-server'), ['create-moderator', email], {
        env: { ...process.env, BASTAMA_DATA_DIR: dataDir, RUST_LOG: 'warn', ...env },
        input: `${password}\n`,
      });
    },
    /** The last code the SMS outbox holds for `phone` (+7...). */
    lastCode(phone) {
      const lines = readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const message = lines.reverse().find((m) => m.phone === phone);
      return message.text.slice(-6);
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
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

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
