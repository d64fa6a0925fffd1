// The README's screenshots, from the committed output/ and the same browser setup as the tests:
//   node tests/browser/screenshots.mjs
// writes docs/screenshots/*.png: the schedule page at 1280 px (light and dark) and 390 px, the month page at
// 1280 px and 390 px, the week of 2023-09-20 at 1280 px and 390 px, the home page at 390 px and 1280 px, the top of
// the schedule page on a phone (this week first), a date search (9月20日), and the schedule printed (A4 width, print styles). Today is fixed
// to 2023-09-20, in the middle of the Quality Month, so the pictures show today's marks and do not change from
// day to day.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, fileBase, launch } from './lib.mjs';

const SHOTS = [
  // [file, page, width, height, scroll to, colour scheme, media]
  ['calendar-desktop.png', '2023-quality-month/index.html', 1280, 900, null, 'light', 'screen'],
  ['calendar-phone.png', '2023-quality-month/index.html', 390, 844, '#tl-heading', 'light', 'screen'],
  ['calendar-dark.png', '2023-quality-month/index.html', 1280, 900, '#tl-heading', 'dark', 'screen'],
  ['agenda-phone.png', '2023-quality-month/index.html', 390, 844, '#agenda-2023-09', 'light', 'screen'],
  ['month-desktop.png', 'months/2023-09.html', 1280, 1000, '#grid-heading', 'light', 'screen'],
  ['month-phone.png', 'months/2023-09.html', 390, 844, '#d-2023-09-18', 'light', 'screen'],
  ['home-phone.png', 'index.html', 390, 844, null, 'light', 'screen'],
  ['home-desktop.png', 'index.html', 1280, 900, null, 'light', 'screen'],
  ['week-desktop.png', 'weeks/2023-W38.html', 1280, 1000, '#wgrid-heading', 'light', 'screen'],
  ['week-phone.png', 'weeks/2023-W38.html', 390, 844, '.week-list', 'light', 'screen'],
  ['schedule-week-phone.png', '2023-quality-month/index.html', 390, 844, null, 'light', 'screen'],
  ['search-date-desktop.png', '2023-quality-month/index.html?q=9%E6%9C%8820%E6%97%A5', 1280, 900, '#filter-heading', 'light', 'screen'],
  ['print.png', '2023-quality-month/index.html', 794, 1123, '#all-heading', 'light', 'print'],
];

const dir = join(REPO, 'docs/screenshots');
mkdirSync(dir, { recursive: true });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  for (const [name, path, width, height, scrollTo, colorScheme, media] of SHOTS) {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme, media });
    await page.goto(fileBase() + path + (path.includes('?') ? '&' : '?') + 'today=2023-09-20');
    await page.waitForLoadState('load');
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
