// Browser check of the side panel: the page at <right URL> shows the panel iframe to the right of the
// terminal at 400px, the terminal still works, dragging the handle widens the panel, the toolbar button
// hides it and gives the width back to the terminal; the page at <left URL> (panel-position=left,
// panel-width=30%) puts a 30 % panel on the left. Usage: node test/panel.mjs <right URL> <left URL>
import { STEP_MS, report, waitConnected, waitForRow } from './chromium.mjs';

const [rightUrl, leftUrl] = process.argv.slice(2);
if (!rightUrl || !leftUrl) {
  console.error('usage: node test/panel.mjs <right URL> <left URL>');
  process.exit(2);
}

const box = async (page, selector) => page.locator(selector).boundingBox();
const near = (actual, wanted, slack = 3) => Math.abs(actual - wanted) <= slack;

await report(async ({ page, newPage }) => {
  await page.goto(rightUrl, { timeout: STEP_MS });
  await waitConnected(page);
  await page.waitForFunction(() => document.getElementById('panel-frame')?.contentDocument?.readyState === 'complete', null, { timeout: STEP_MS });
  const frameSrc = await page.locator('#panel-frame').getAttribute('src');
  const panel = await box(page, '#panel');
  const terminal = await box(page, '#terminal');
  if (!near(panel.width, 400)) throw new Error(`panel is ${panel.width}px wide, not 400px`);
  if (panel.x < terminal.x + terminal.width) throw new Error('panel is not to the right of the terminal');

  await page.locator('.xterm').click();
  await page.keyboard.type('echo hello');
  await page.keyboard.press('Enter');
  await waitForRow(page, 'hello');

  const handle = await box(page, '#panel-handle');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 - 100, handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = await box(page, '#panel');
  if (!near(dragged.width, panel.width + 100, 8)) throw new Error(`dragging 100px left made the panel ${dragged.width}px wide`);

  const screenBefore = (await box(page, '.xterm-screen')).width;
  await page.locator('#toolbar-panel').click();
  await page.waitForFunction(() => document.getElementById('panel').hidden, null, { timeout: STEP_MS });
  const widened = await box(page, '#terminal');
  if (widened.width <= terminal.width + 100) throw new Error(`hiding the panel left the terminal ${widened.width}px wide`);
  await page.waitForFunction((before) => document.querySelector('.xterm-screen').getBoundingClientRect().width > before + 100,
    screenBefore, { timeout: STEP_MS });

  const left = await newPage();
  await left.goto(leftUrl, { timeout: STEP_MS });
  await waitConnected(left);
  const leftPanel = await box(left, '#panel');
  const leftTerminal = await box(left, '#terminal');
  const viewport = left.viewportSize().width;
  if (!near(leftPanel.width, viewport * 0.3)) throw new Error(`a 30% panel is ${leftPanel.width}px of ${viewport}px`);
  if (leftPanel.x + leftPanel.width > leftTerminal.x) throw new Error('panel-position=left did not put the panel left');
  return { frameSrc, panel, dragged, widened, leftPanel };
});
