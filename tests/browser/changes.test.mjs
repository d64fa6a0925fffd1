// When the schedule changes: the fixture tests/fixtures/valid-changes (one activity moved twice, one cancelled, one
// postponed without a new date, one unchanged, one moved once) in headless Chromium, opened from file://. Run by
// tests/browser.rs with ALMANAC_CHANGES_SITE set to a fresh build of the fixture.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

const SITE = process.env.ALMANAC_CHANGES_SITE;
const skip = !SITE && 'ALMANAC_CHANGES_SITE is not set (tests/browser.rs sets it)';
const BASE = SITE ? pathToFileURL(resolve(SITE)).href + '/' : '';
const SCHEDULE = '2023-autumn/index.html';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser;
before(async () => { if (!skip) browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(path, { width = 1280, height = 900 } = {}) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(BASE + path);
  page.done = async () => {
    assert.deepEqual(problems, []);
    await page.close();
  };
  return page;
}

const visibleRows = (page) => page.$$eval('table.data tbody tr:not([hidden]) .num', (tds) => tds.map((td) => +td.textContent));
const visibleTimeline = (page) => page.$$eval('.tl tbody tr:not([hidden]) .act-num', (s) => s.map((x) => +x.textContent));
/// The badge a row of the timeline or the table shows, and whether its title is struck through.
const marks = (page, row) => page.$$eval(row, (trs) => trs.map((tr) => {
  const badge = tr.querySelector('.status');
  const title = tr.querySelector('th a');
  return [badge && badge.checkVisibility() ? badge.textContent : null, getComputedStyle(title).textDecorationLine];
}));

describe('changed activities in the browser', { skip }, () => {
  test('the timeline and the table mark them visibly; a cancelled one is struck through', async () => {
    const page = await open(SCHEDULE);
    const want = [['调整', 'underline'], ['已取消', 'line-through'], ['延期·待定', 'underline'], [null, 'underline'], ['调整', 'underline']];
    const table = await marks(page, 'table.data tbody tr');
    assert.deepEqual(table.map(([badge]) => badge), want.map(([badge]) => badge), 'table badges');
    assert.ok(table[1][1].includes('line-through') && !table[0][1].includes('line-through'), `table: ${table}`);
    const timeline = await marks(page, '.tl tbody tr');
    assert.deepEqual(timeline.map(([badge]) => badge), want.map(([badge]) => badge), 'timeline badges');
    assert.ok(timeline[1][1].includes('line-through') && !timeline[3][1].includes('line-through'), `timeline: ${timeline}`);
    // The moved activities show where they were, faintly, beside their bar; the cancelled bar fades.
    assert.equal(await page.locator('.tl tbody tr:nth-child(1) .bar-was').isVisible(), true);
    assert.equal(await page.locator('.tl tbody tr:nth-child(4) .bar-was').count(), 0);
    const left = (sel) => page.$eval(`.tl tbody tr:nth-child(1) ${sel}`, (e) => e.getBoundingClientRect().left);
    const [was, now] = [await left('.bar-was'), await left('.bar')];
    assert.ok(was < now, 'the old range is before the new one');
    assert.ok(+await page.$eval('.tl tbody tr:nth-child(2) .bar', (b) => getComputedStyle(b).opacity) < 1);
    // The 最近调整 list, newest first.
    const recent = await page.$$eval('.recent-changes time', (ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.deepEqual(recent, ['2023-10-20', '2023-09-10', '2023-09-05', '2023-09-01', '2023-08-20']);
    await page.done();
  });

  test('the filter shows only the changed or only the active activities, from file://', async () => {
    const page = await open(SCHEDULE);
    await page.waitForSelector('form.filter:not([hidden])');
    assert.deepEqual(await visibleRows(page), [1, 2, 3, 4, 5]);
    await page.selectOption('select[name=status]', 'changed');
    assert.deepEqual(await visibleRows(page), [1, 2, 3, 5]);
    assert.deepEqual(await visibleTimeline(page), [1, 2, 3, 5], 'the timeline follows');
    assert.equal(await page.evaluate(() => new URLSearchParams(location.search).get('status')), 'changed');
    assert.match(await page.textContent('.filter-status'), /符合条件的 4 项/);
    await page.selectOption('select[name=status]', 'active');
    assert.deepEqual(await visibleRows(page), [1, 4, 5], 'neither cancelled nor postponed');
    assert.equal(await page.locator('.agenda li.act:not([hidden])').count(), 3, 'the agenda follows');
    // With another condition, and from the address.
    await page.selectOption('select[name=tag]', '讲座');
    assert.deepEqual(await visibleRows(page), [5]);
    await page.goto(BASE + SCHEDULE + '?status=changed&mode=' + encodeURIComponent('现场'));
    await page.waitForSelector('form.filter:not([hidden])');
    assert.equal(await page.inputValue('select[name=status]'), 'changed');
    assert.deepEqual(await visibleRows(page), [1, 3]);
    await page.click('button[type=reset]');
    await page.waitForFunction(() => !location.search);
    assert.deepEqual(await visibleRows(page), [1, 2, 3, 4, 5]);
    await page.done();
  });

  test('today marks leave out what is cancelled or postponed', async () => {
    const page = await open(SCHEDULE + '?today=2023-09-27');
    await page.waitForSelector('.today-note');
    const st = await page.$$eval('table.data tbody tr', (trs) => trs.map((tr) => tr.querySelector('.st')?.textContent ?? null));
    assert.deepEqual(st, ['未开始', null, null, '未开始', '未开始']);
    await page.done();
  });

  for (const path of [SCHEDULE, '2023-autumn/01-forum.html', 'index.html']) {
    test(`${path} at 390 px: no sideways page scroll, tap targets of 44 px`, async () => {
      const page = await open(path, { width: 390, height: 844 });
      await page.waitForLoadState('load');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      const small = await page.$$eval('.recent-changes a, .changes a, table.data th a, .filter select',
        (els) => els.filter((el) => el.getClientRects().length && !el.closest('[hidden], .vh'))
          .map((el) => [el, el.getBoundingClientRect()])
          .filter(([, r]) => r.height < 44 || r.width < 44)
          .map(([el, r]) => `${el.tagName} "${el.textContent.trim().slice(0, 12)}" ${Math.round(r.width)}×${Math.round(r.height)}`));
      assert.deepEqual(small, []);
      await page.done();
    });
  }

  for (const scheme of ['light', 'dark']) {
    for (const path of [SCHEDULE, '2023-autumn/01-forum.html', '2023-autumn/02-contest.html', 'index.html', 'months/2023-09.html']) {
      test(`axe-core finds nothing on ${path} (${scheme})`, async () => {
        const page = await open(`${path}?today=2023-09-20`);
        await page.emulateMedia({ colorScheme: scheme });
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { preload: false });
          return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        assert.deepEqual(violations, []);
        await page.done();
      });
    }
  }
});
