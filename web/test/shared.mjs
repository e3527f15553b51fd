// Browser check of two pages on one terminal: a read-only page shows what the other page types, and
// its own typing reaches nobody. Usage: node test/shared.mjs <page URL> (the read-only page adds
// `&readonly`). Prints one JSON line; exit code 0 on success, 1 on failure.
import { STEP_MS, report, rows, waitConnected, waitForRow } from './chromium.mjs';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node test/shared.mjs <page URL with terminal_id>');
  process.exit(2);
}

await report(async ({ page, newPage }) => {
  await page.goto(url, { timeout: STEP_MS });
  await waitConnected(page);
  const viewer = await newPage();
  await viewer.goto(url + '&readonly', { timeout: STEP_MS });
  await waitConnected(viewer);

  await viewer.locator('.xterm').click();
  await viewer.keyboard.type('echo viewer-typed');
  await viewer.keyboard.press('Enter');
  await page.locator('.xterm').click();
  await page.keyboard.type('echo shared-$((6*7))');
  await page.keyboard.press('Enter');
  await waitForRow(viewer, 'shared-42');
  const seen = await rows(viewer);
  if (seen.some((row) => row.includes('viewer-typed'))) throw new Error('the read-only page could type');
  return {
    readonlyBadge: await viewer.locator('#toolbar-readonly').isVisible(),
    rows: seen,
  };
});
