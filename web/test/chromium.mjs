// Shared by the page's browser checks: Debian's Chromium through playwright-core (never a downloaded
// browser), on a fresh profile, with the flags this machine needs; and readers of xterm's rendered rows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const STEP_MS = 20000;

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A browser with one page open; problems collects page errors and console errors. */
export async function launch() {
  const profile = await mkdtemp(join(tmpdir(), 'hk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1000, height: 600 },
    args: FLAGS,
  });
  const problems = [];
  const watch = (page) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    return page;
  };
  return {
    problems,
    page: watch(context.pages()[0] ?? await context.newPage()),
    newPage: async () => watch(await context.newPage()),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The non-empty rows xterm rendered into the DOM. */
export async function rows(page) {
  const all = await page.evaluate(() => [...document.querySelectorAll('.xterm-rows > div')].map((row) => row.textContent));
  return all.filter((row) => row.trim().length > 0);
}

export async function waitConnected(page) {
  await page.waitForFunction(() => document.body.dataset.connection === 'connected', null, { timeout: STEP_MS });
}

/** Waits until a rendered row, trimmed, equals text. */
export async function waitForRow(page, text) {
  await page.waitForFunction(
    (wanted) => [...document.querySelectorAll('.xterm-rows > div')].some((row) => row.textContent.trim() === wanted),
    text,
    { timeout: STEP_MS },
  );
}

/** Runs a check and prints its one-line JSON result; exit code 0 when it passed with no page problems. */
export async function report(check) {
  const browser = await launch();
  let result;
  try {
    result = { ...(await check(browser)) };
    result.ok = browser.problems.length === 0;
  } catch (error) {
    result = { ok: false, error: String(error?.message ?? error).split('\n')[0], rows: await rows(browser.page).catch(() => []) };
  } finally {
    await browser.close();
  }
  result.problems = browser.problems;
  console.log(JSON.stringify(result));
  process.exit(result.ok ? 0 : 1);
}
