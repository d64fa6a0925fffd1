// The README's screenshots of the calendar, from the committed output/ and the same browser setup as the tests:
//   node tests/browser/screenshots.mjs
// writes docs/screenshots/calendar-desktop.png (1280 px) and calendar-phone.png (390 px). Today is fixed to
// 2023-09-20, in the middle of the Quality Month, so the pictures show the today line and marks and do not
// change from day to day.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, fileBase, launch } from './lib.mjs';

const dir = join(REPO, 'docs/screenshots');
mkdirSync(dir, { recursive: true });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  for (const [name, width, height, scrollTo] of [
    ['calendar-desktop.png', 1280, 800, null],
    ['calendar-phone.png', 390, 844, '#tl-heading'],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto(fileBase() + '2023-quality-month/index.html?today=2023-09-20');
    await page.waitForSelector('.today-note');
    if (scrollTo) await page.$eval(scrollTo, (el) => el.scrollIntoView());
    // Let the scrolled timeline finish painting its sticky column.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, name) });
    console.log(`wrote ${join('docs/screenshots', name)}`);
  }
} finally {
  await browser.close();
}
