// Browser check of the terminal page: open it at the URL given, type `echo hello` and Enter, and wait
// for a rendered row that reads `hello`. Usage: node test/browser.mjs <page URL>
// Prints one JSON line; exit code 0 on success, 1 on failure. Every wait has a deadline.
import { STEP_MS, report, rows, waitConnected, waitForRow } from './chromium.mjs';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node test/browser.mjs <page URL>');
  process.exit(2);
}

await report(async ({ page }) => {
  await page.goto(url, { timeout: STEP_MS });
  await waitConnected(page);
  await page.locator('.xterm').click();
  await page.keyboard.type('echo hello');
  await page.keyboard.press('Enter');
  await waitForRow(page, 'hello');
  return { url: page.url(), title: await page.title(), rows: await rows(page) };
});
