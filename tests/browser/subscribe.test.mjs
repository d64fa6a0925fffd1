// The 订阅 control of schedule and tag pages, and 加入日历 on an activity page (issue 25), opened from file://:
// reached and opened by keyboard, working without JavaScript, axe clean when open, and nothing requested from
// another host until a link is followed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITE, axeViolations, fileBase, launch } from './lib.mjs';

const PAGES = ['2023-quality-month/index.html', 'tags/lun-tan.html'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A page from disk that fails the test on a console error or any request that does not stay on disk.
async function open(path, { script = true } = {}) {
  const page = await browser.context.newPage();
  if (!script) {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  }
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });
  await page.goto(fileBase() + path);
  page.done = async () => { assert.deepEqual(problems, []); await page.close(); };
  return page;
}

describe('订阅', () => {
  for (const path of PAGES) {
    test(`${path}: Tab reaches 订阅, Enter opens it, its calendar exists on disk`, async () => {
      const page = await open(path);
      const body = page.locator('.subscribe-body');
      assert.equal(await body.isVisible(), false, 'closed at first');
      // Tab from the heading until the summary has the focus: it is in the tab order.
      await page.focus('h1', { timeout: 1000 }).catch(() => {});
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.matches('.subscribe > summary'));
      }
      assert.ok(reached, 'Tab reaches 订阅');
      await page.keyboard.press('Enter');
      assert.equal(await body.isVisible(), true, 'Enter opens it');
      for (const app of ['Apple 日历', 'Google 日历', 'Outlook']) assert.match(await body.textContent(), new RegExp(app));
      const href = await page.$eval('.subscribe-link', (a) => a.href);
      assert.match(href, /^file:.*\.ics$/);
      assert.ok(existsSync(fileURLToPath(href)), href);
      assert.ok(fileURLToPath(href).startsWith(join(SITE, '/')), href);
      assert.deepEqual(await axeViolations(page), []);
      await page.keyboard.press('Enter');
      assert.equal(await body.isVisible(), false, 'Enter closes it again');
      await page.done();
    });
  }

  test('without JavaScript it opens and shows the calendar', async () => {
    const page = await open(PAGES[1], { script: false });
    await page.click('.subscribe > summary');
    assert.equal(await page.locator('.subscribe-link').isVisible(), true);
    await page.done();
  });

  test('加入日历 on an activity: Google and Outlook links that load nothing until followed', async () => {
    const page = await open('2023-quality-month/13-central-soe-qc-contest.html');
    await page.waitForLoadState('load');
    const hrefs = await page.$$eval('.export-links a', (as) => as.map((a) => a.href));
    assert.ok(hrefs.some((h) => h.startsWith('https://calendar.google.com/calendar/render?action=TEMPLATE&')), hrefs.join('\n'));
    assert.ok(hrefs.some((h) => h.startsWith('https://outlook.live.com/calendar/0/deeplink/compose?')));
    await page.done();
  });
});
