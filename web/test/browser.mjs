// Browser check of the terminal page: Debian's headless Chromium, driven by playwright-core, opens the
// page at the URL given, types `echo hello` and Enter, and waits for a rendered row that reads `hello`.
// Usage: node test/browser.mjs <page URL> [screenshot.png]
// Prints one JSON line; exit code 0 on success, 1 on failure. Every wait has a deadline.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_MS = 20000;
const [url, screenshot] = process.argv.slice(2);
if (!url) {
  console.error('usage: node test/browser.mjs <page URL> [screenshot.png]');
  process.exit(2);
}

const rowsText = () => [...document.querySelectorAll('.xterm-rows > div')].map((row) => row.textContent);

const profile = await mkdtemp(join(tmpdir(), 'hk-chromium-'));
const problems = [];
let context;
let page;
let result;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 600 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });

  await page.goto(url, { timeout: STEP_MS });
  await page.waitForFunction(() => document.body.dataset.connection === 'connected', null, { timeout: STEP_MS });
  await page.locator('.xterm').click();
  await page.keyboard.type('echo hello');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => [...document.querySelectorAll('.xterm-rows > div')].some((row) => row.textContent.trim() === 'hello'),
    null,
    { timeout: STEP_MS },
  );
  result = {
    ok: problems.length === 0,
    url: page.url(),
    title: await page.title(),
    rows: (await page.evaluate(rowsText)).filter((row) => row.trim().length > 0),
    problems,
  };
} catch (error) {
  result = {
    ok: false,
    error: String(error?.message ?? error).split('\n')[0],
    url: page?.url(),
    rows: page ? (await page.evaluate(rowsText).catch(() => [])).filter((row) => row.trim().length > 0) : [],
    problems,
  };
} finally {
  if (page && screenshot) await page.screenshot({ path: screenshot }).catch(() => undefined);
  await context?.close();
  await rm(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
