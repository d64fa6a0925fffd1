// The home page features the schedule running on the day it is read, decided in the browser: the fixture
// valid-years has schedules for 2023 to 2026; on a day inside 2025 the home page shows 2025 and what is on in
// it, between schedules the next to start, after all of them the latest. From file://, at 390 and 1280 px,
// checked with axe-core. Without JavaScript the latest by year shows and every schedule is linked. The oldest
// (2023, past the three the navigation names) comes without its index: featured, it shows its summary and link.
// Run by tests/browser.rs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, FIXTURES, axeViolations, fileBase, launch } from './lib.mjs';

const skip = FIXTURES ? false : 'needs ALMANAC_FIXTURES (run by tests/browser.rs)';
const home = () => `${fileBase(join(FIXTURES, 'valid-years'))}index.html`;

let browser;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
});
after(async () => { await browser?.close(); });

async function open(url, width) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 844 });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(url);
  await page.waitForLoadState('load');
  page.done = async () => {
    assert.deepEqual(problems, [], 'console errors');
    await page.close();
  };
  return page;
}

/// The titles of the featured schedules the reader sees, and the activity titles of a list of the "now" box.
const featured = (page) => page.$$eval('section.current', (s) => s.filter((x) => x.getClientRects().length)
  .map((x) => x.querySelector('h2').textContent.trim()));
const titles = (page, list) => page.$$eval(`section.current:not([hidden]) .${list} li.act .act-title`,
  (as) => as.map((a) => a.textContent.replace(/^\d+\s*/, '').trim()));

const DAYS = [
  // [today, featured, 正在进行, 即将开始 (first)]
  ['2025-06-15', ['2025年质量周'], ['2025年质量论坛', '2025年夏季评审', '2025年六月宣传'], '2025年质量峰会'],
  ['2025-01-15', ['2025年质量周'], [], '2025年启动会'],
  ['2027-06-01', ['2026年质量周'], [], null],
];

describe('the home page features the schedule of the day it is read', { skip }, () => {
  for (const width of [390, 1280]) {
    for (const [today, want, running, next] of DAYS) {
      test(`today ${today} at ${width} px: ${want.join('、')}`, async () => {
        const page = await open(`${home()}?today=${today}`, width);
        assert.deepEqual(await featured(page), want);
        assert.ok(await page.locator('section.current:not([hidden]) .now').isVisible());
        // Certainly on, then perhaps on (under its own heading).
        assert.deepEqual([...await titles(page, 'now-running'), ...await titles(page, 'now-maybe')], running);
        const upcoming = await titles(page, 'now-next');
        assert.equal(upcoming[0] ?? null, next, `next: ${upcoming}`);
        assert.match(await page.textContent('section.current:not([hidden]) .today-note'),
          new RegExp(`今天是${+today.slice(0, 4)}年${+today.slice(5, 7)}月${+today.slice(8)}日`));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
        assert.deepEqual(await axeViolations(page), []);
        await page.screenshot({ path: join(ARTIFACTS, `home-years-${today}-${width}.png`), fullPage: true });
        await page.done();
      });
    }
  }

  test('before every schedule, the first to start, which is old enough to come without its index', async () => {
    for (const today of ['2022-06-01', '2023-10-10']) {
      const page = await open(`${home()}?today=${today}`, 1280);
      assert.deepEqual(await featured(page), ['2023年质量周'], today);
      assert.equal(await page.locator('section.current:not([hidden]) .now').count(), 0, 'no lists to fill');
      assert.ok(await page.locator('section.current:not([hidden]) .more-link a[href="2023-week/index.html"]').isVisible());
      await page.done();
    }
  });

  test('without JavaScript the latest by year shows, and every schedule is linked', async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(`${home()}?today=2025-06-15`);
    assert.deepEqual(await featured(page), ['2026年质量周']);
    const linked = await page.$$eval('.sched-list a', (as) => as.map((a) => a.textContent.trim()));
    assert.deepEqual(linked, ['2026年质量周', '2025年质量周', '2024年质量周', '2023年质量周']);
    await page.close();
  });
});
