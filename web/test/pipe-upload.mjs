// Browser check of the pipe page: open it at the URL given, choose the file given, send it to the path given
// and wait until the page reports the transfer complete. Usage: node test/pipe-upload.mjs <page URL> <path> <file>
// Prints one JSON line; exit code 0 on success, 1 on failure. Every wait has a deadline.
import { STEP_MS, report } from './chromium.mjs';

const [url, path, file] = process.argv.slice(2);
if (!url || !path || !file) {
  console.error('usage: node test/pipe-upload.mjs <page URL> <path> <file>');
  process.exit(2);
}

await report(async ({ page }) => {
  await page.goto(url, { timeout: STEP_MS });
  await page.fill('#path', path);
  await page.setInputFiles('#file', file);
  await page.click('#send-button');
  await page.waitForFunction(() => ['sent', 'failed'].includes(document.body.dataset.state), null, { timeout: STEP_MS * 3 });
  return {
    state: await page.evaluate(() => document.body.dataset.state),
    log: await page.textContent('#log'),
    command: await page.textContent('#receive-command'),
  };
});
