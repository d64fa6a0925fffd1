// The built site in headless Chromium, opened from file:// and served over HTTP: filters, search, URL state,
// today marks, accessibility (axe-core), phone layout, print. Run by tests/browser.rs (cargo test) with
// ALMANAC_SITE set to a fresh build; by hand: `node --test tests/browser/` after `cargo run -- build`.
// The views themselves (month page, timeline, agenda, table, home, 404, a large schedule) are in views.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ARTIFACTS, SITE, axeViolations, fileBase, launch, serve } from './lib.mjs';
// (Page weight is measured in tests/site.rs, which needs no browser.)

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SCHEDULE = '2023-quality-month/index.html';
const MONTH = 'months/2023-09.html';
const ACTIVITY = '2023-quality-month/12-benchmarking-visit-yili.html';

let browser;
let server;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
  server = await serve(SITE);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/// A page that fails the test on a console error, an uncaught exception or a request to another host.
async function open(base, path, { width = 1280, height = 900 } = {}) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  const problems = [];
  page.on('console', (m) => {
    // Over HTTP the browser asks for /favicon.ico by itself; the site has none, and that is not the page's error.
    if (m.location().url?.endsWith('/favicon.ico')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push(`request to another host: ${r.url()}`); });
  await page.goto(base + path);
  page.done = async () => {
    assert.deepEqual(problems, [], 'console errors or foreign requests');
    await page.close();
  };
  return page;
}

/// The 序号 of the table rows left visible.
/// Prints the page to PDF as Chromium does (with the stylesheet's page sizes), keeps it among the artifacts, and
/// returns each sheet's orientation, read from its MediaBox.
async function printedSheets(page, name) {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(ARTIFACTS, name), pdf);
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
  assert.ok(boxes.length > 0, 'the PDF names its sheets');
  return boxes.map(([, w, h]) => (+w > +h ? 'landscape' : 'portrait'));
}

const visibleRows = (page) => page.$$eval('table.data tbody tr:not([hidden]) .num', (tds) => tds.map((td) => +td.textContent.replace(/\D/g, '')));

const ONLINE_TAG = [4, 5, 15, 18, 21];
// Overlapping September 2023: every activity whose range touches 1–30 Sep, the year-round one included.
const SEPTEMBER = [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24];

for (const [how, baseOf] of [['file://', () => fileBase()], ['http', () => server.url]]) {
  describe(`calendar over ${how}`, () => {
    test('filters and search give the right rows, in every part of the calendar', async () => {
      const base = baseOf();
      const page = await open(base, SCHEDULE);
      await page.waitForSelector('form.filter:not([hidden])');
      assert.equal((await visibleRows(page)).length, 24);

      await page.fill('input[name=q]', '伊利');
      assert.deepEqual(await visibleRows(page), [12]);
      assert.equal(await page.locator('.tl tbody tr:not([hidden])').count(), 1, 'timeline follows');
      assert.equal(await page.locator('.agenda li.act:not([hidden])').count(), 1, 'agenda follows');
      assert.match(await page.textContent('.filter-status'), /符合条件的 1 项/);

      // Title matches #13 and #22; #23's content names QC小组 too. Full-width and lower case find the same.
      for (const q of ['QC', 'qc', 'ＱＣ']) {
        await page.fill('input[name=q]', q);
        assert.deepEqual(await visibleRows(page), [13, 22, 23], q);
      }
      await page.fill('input[name=q]', 'QC 发表');
      assert.deepEqual(await visibleRows(page), [13], 'terms separated by spaces must all match');
      // Tags are searched too: #14 says 论坛 only in its tags.
      await page.fill('input[name=q]', '论坛');
      assert.deepEqual(await visibleRows(page), [9, 14, 18], 'a tag finds its activities');
      // A term that is a date is read as dates, not as text: 11月 finds what runs in November 2023 (not #20,
      // whose text names 11月 only for a later step), and 1月 is not found inside 11月: only the year-round #24
      // runs in January. (tests/browser/week.test.mjs searches more dates.)
      await page.fill('input[name=q]', '11月');
      assert.deepEqual(await visibleRows(page), [2, 3, 4, 9, 22, 24]);
      await page.fill('input[name=q]', '1月');
      assert.deepEqual(await visibleRows(page), [24], '1月 is January, not a part of 11月');
      await page.fill('input[name=q]', '');

      await page.selectOption('select[name=tag]', '在线');
      assert.deepEqual(await visibleRows(page), ONLINE_TAG);
      await page.selectOption('select[name=tag]', '');

      await page.selectOption('select[name=month]', '2023-09');
      assert.deepEqual(await visibleRows(page), SEPTEMBER);
      // Each activity is listed once, in the month it starts: September's are under July, August and September.
      const months = await page.$$eval('.agenda-month:not([hidden]) h3, .agenda-month:not([hidden]) h2', (hs) => hs.map((h) => h.id));
      assert.deepEqual(months, ['agenda-year-round', 'agenda-2023-07', 'agenda-2023-08', 'agenda-2023-09'], 'only months with September\'s activities remain');
      assert.equal(await page.locator('.agenda li.act:not([hidden])').count(), SEPTEMBER.length, 'each once in the agenda');
      assert.equal(await page.locator('.cont:not([hidden])').count(), 0, 'no 自…起 lines with a month chosen');
      await page.selectOption('select[name=month]', '');

      await page.selectOption('select[name=mode]', '待定');
      assert.deepEqual(await visibleRows(page), [2, 6, 8, 11, 13, 16, 20, 22, 23, 24]);
      await page.selectOption('select[name=mode]', '在线');
      assert.deepEqual(await visibleRows(page), [4, 5, 15, 18, 21]);
      await page.selectOption('select[name=mode]', '现场');
      assert.deepEqual(await visibleRows(page), [1, 3, 7, 9, 10, 12, 14, 17, 19]);

      await page.fill('input[name=q]', '不存在的活动');
      assert.match(await page.textContent('.filter-status'), /没有符合条件的活动/);
      await page.click('.filter-clear');
      await page.waitForFunction(() => !location.search);
      assert.equal((await visibleRows(page)).length, 24);
      await page.done();
    });

    test('filter state lives in the address and Back restores it', async () => {
      const base = baseOf();
      const page = await open(base, `${SCHEDULE}?tag=${encodeURIComponent('评价')}&month=2023-09`);
      await page.waitForSelector('form.filter:not([hidden])');
      assert.equal(await page.inputValue('select[name=tag]'), '评价');
      assert.equal(await page.inputValue('select[name=month]'), '2023-09');
      assert.deepEqual(await visibleRows(page), [1, 2, 7, 8, 22]);

      await page.selectOption('select[name=mode]', '现场');
      assert.equal(await page.evaluate(() => new URLSearchParams(location.search).get('mode')), '现场');
      assert.deepEqual(await visibleRows(page), [1, 7]);
      await page.goBack();
      await page.waitForFunction(() => !new URLSearchParams(location.search).has('mode'));
      assert.equal(await page.inputValue('select[name=mode]'), '');
      assert.deepEqual(await visibleRows(page), [1, 2, 7, 8, 22]);

      await page.fill('input[name=q]', 'Q');
      await page.fill('input[name=q]', 'QC');
      assert.equal(await page.evaluate(() => new URLSearchParams(location.search).get('q')), 'QC');
      await page.goBack();
      await page.waitForFunction(() => !new URLSearchParams(location.search).has('q'));
      assert.deepEqual(await visibleRows(page), [1, 2, 7, 8, 22], 'one Back undoes the whole typed query');
      await page.done();
    });

    test('today is marked in words and on the timeline', async () => {
      const base = baseOf();
      const page = await open(base, `${SCHEDULE}?today=2023-09-20`);
      await page.waitForSelector('.today-note');
      assert.match(await page.textContent('.today-note'), /^今天是2023年9月20日（北京时间）/);
      const mark = (n) => page.$eval(`table.data tbody tr:nth-child(${n}) .st`, (s) => s.textContent);
      for (const [n, want, why] of [
        [13, '进行中', '9月18日-22日, to the day'],
        [14, '未开始', '9月21日-22日'],
        [5, '已结束', '8月下旬'],
        [15, '未开始', '9月下旬 starts on the 21st'],
        [10, '可能进行中', '9月: only the month is known'],
        [24, '可能进行中', '全年'],
        [23, '未开始', '10月'],
      ]) {
        assert.equal(await mark(n), want, `#${n} ${why}`);
      }
      assert.equal(await page.locator('.tl-lane .today-line').count(), 24);
      // The line sits inside the September column of the timeline's header (the axis runs July to December).
      const x = await page.$eval('.today-flag', (f) => { const r = f.getBoundingClientRect(); return r.left + r.width / 2; });
      const sep = await page.$eval('.tl-months a:nth-child(3)', (a) => { const r = a.getBoundingClientRect(); return [r.left, r.right]; });
      assert.ok(x > sep[0] + (sep[1] - sep[0]) * 0.55 && x < sep[1] - (sep[1] - sep[0]) * 0.25, `today at ${x}, September ${sep}`);
      // A global set before the script runs fixes today too; outside the timeline there is no line.
      await page.addInitScript(() => { window.ALMANAC_TODAY = '2025-03-01'; });
      await page.goto(base + SCHEDULE);
      await page.waitForSelector('.today-note');
      assert.match(await page.textContent('.today-note'), /^今天是2025年3月1日/);
      assert.equal(await page.locator('.today-line').count(), 0);
      assert.equal(await page.locator('table.data .st--past').count(), 24);
      await page.done();
    });

    test('without a fixed day, today is the date in Asia/Shanghai', async () => {
      const page = await open(baseOf(), 'index.html');
      await page.waitForSelector('.today-note');
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(new Date()).reduce((o, p) => ({ ...o, [p.type]: p.value }), {});
      // en-CA pads the day and month ("03"); the page writes them as numbers (3日).
      assert.match(await page.textContent('.today-note'), new RegExp(`^今天是${+parts.year}年${+parts.month}月${+parts.day}日`));
      await page.done();
    });
  });
}

describe('a filter that finds nothing', () => {
  for (const width of [390, 1280]) {
    test(`says so once, with a button that clears it, and leaves no empty heading (${width} px)`, async () => {
      const page = await open(fileBase(), `${SCHEDULE}?today=2023-09-20`, { width, height: 844 });
      await page.waitForSelector('form.filter:not([hidden])');
      const headings = () => page.$$eval('main h2, main h3', (hs) => hs.filter((h) => h.getClientRects().length)
        .map((h) => h.textContent.trim()));
      const all = await headings();
      await page.fill('input[name=q]', '不存在的活动');
      const said = await page.evaluate(() => document.body.innerText.split('没有符合条件的活动').length - 1);
      assert.equal(said, 1, 'the message once');
      assert.ok(await page.locator('.filter-clear').isVisible());
      assert.equal(await page.locator('button[type=reset]:visible').count(), 1, 'one way back, beside the message');
      // Only headings with something under them: none of the timeline, the agenda or the table.
      const left = await headings();
      for (const gone of ['时间轴', '按月查看', '活动一览']) {
        assert.ok(all.some((h) => h.startsWith(gone)) && !left.some((h) => h.startsWith(gone)), `${gone}: ${left}`);
      }
      assert.equal(await page.locator('.agenda-month:visible, table.data:visible, table.tl:visible').count(), 0);
      assert.deepEqual(await axeViolations(page), []);
      await page.screenshot({ path: join(ARTIFACTS, `filter-none-${width}.png`), fullPage: true });
      // By keyboard: from the search box, Tab reaches the button; Enter clears and the search box keeps the focus.
      await page.focus('input[name=q]');
      for (let i = 0; i < 8 && !(await page.evaluate(() => document.activeElement.matches('.filter-clear'))); i++) {
        await page.keyboard.press('Tab');
      }
      assert.ok(await page.evaluate(() => document.activeElement.matches('.filter-clear')), 'reachable by Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !new URLSearchParams(location.search).get('q'));
      assert.equal(await page.inputValue('input[name=q]'), '');
      assert.equal((await visibleRows(page)).length, 24);
      assert.deepEqual(await headings(), all);
      assert.equal(await page.evaluate(() => document.activeElement.name), 'q');
      await page.done();
    });
  }
});

test('without JavaScript every activity and date is there, and no dead form', async () => {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.goto(fileBase() + SCHEDULE + '?q=' + encodeURIComponent('伊利'));
  assert.equal(await page.isVisible('form.filter'), false);
  assert.equal((await visibleRows(page)).length, 24);
  assert.equal(await page.locator('.tl tbody tr:visible').count(), 24);
  assert.equal(await page.locator('table.data tbody th a[href$=".html"]').count(), 24);
  assert.match(await page.textContent('table.data'), /9月18日-22日，地点待定/);
  await page.close();
});

describe('accessibility', () => {
  for (const scheme of ['light', 'dark']) {
    for (const path of ['index.html', SCHEDULE, MONTH, ACTIVITY, 'tags/index.html', 'tags/lun-tan.html', '404.html']) {
      test(`axe-core finds nothing on ${path} (${scheme})`, async () => {
        const page = await open(fileBase(), path.includes('?') ? path : `${path}?today=2023-09-20`);
        await page.emulateMedia({ colorScheme: scheme });
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          // No preload: axe would fetch the stylesheets itself, which file:// forbids (its error, not the page's).
          const r = await window.axe.run(document, { preload: false });
          return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        assert.deepEqual(violations, []);
        await page.done();
      });
    }
  }

  test('keyboard: the filter is reachable by Tab and shows its focus', async () => {
    const page = await open(fileBase(), SCHEDULE);
    await page.waitForSelector('form.filter:not([hidden])');
    await page.focus('input[name=q]');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'tag');
    const outline = await page.$eval('select[name=tag]', (el) => getComputedStyle(el).outlineStyle);
    assert.equal(outline, 'solid');
    await page.done();
  });
});

describe('every screen', () => {
  for (const path of ['index.html', SCHEDULE, MONTH, ACTIVITY, 'tags/index.html', 'tags/lun-tan.html', '404.html']) {
    test(`${path} at 390 px: no sideways page scroll, tap targets of 44 px`, async () => {
      const page = await open(fileBase(), path, { width: 390, height: 844 });
      await page.waitForLoadState('load');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
      const small = await page.$$eval(
        'nav a, li a, table.data th a, .filter input, .filter select, .filter button',
        (els) => els.filter((el) => el.getClientRects().length && !el.closest('[hidden], .vh'))
          .map((el) => [el, el.getBoundingClientRect()])
          .filter(([, r]) => r.height < 44 || r.width < 44)
          .map(([el, r]) => `${el.tagName} "${el.textContent.trim().slice(0, 12)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
      );
      assert.deepEqual(small, []);
      await page.done();
    });
  }

  test('the timeline scrolls in its own box on a phone, names stay put', async () => {
    const page = await open(fileBase(), `${SCHEDULE}?today=2023-09-20`, { width: 390, height: 844 });
    const box = page.locator('.tl-scroll');
    assert.ok(await box.evaluate((b) => b.scrollWidth > b.clientWidth), 'the timeline is wider than the phone');
    const before = await page.$eval('.tl tbody .tl-name', (th) => th.getBoundingClientRect().left);
    await box.evaluate((b) => { b.scrollLeft = 300; });
    const afterScroll = await page.$eval('.tl tbody .tl-name', (th) => th.getBoundingClientRect().left);
    assert.equal(afterScroll, before, 'the activity names are sticky');
    await page.screenshot({ path: join(ARTIFACTS, 'calendar-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'calendar-1280.png'), fullPage: true });
    await page.done();
  });

  test('print: 全年一览 on one landscape sheet, then the published table on portrait sheets; a month\'s grid on one sheet', async () => {
    const page = await open(fileBase(), SCHEDULE);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.agenda', 'form.filter', '.site-nav', '.this-week', 'table.data .reading', '.today-line']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
    }
    assert.ok(await page.locator('.timeline-section .tl tbody tr:nth-child(24)').isVisible(), 'the overview prints every row');
    const heads = await page.$$eval('table.data thead th', (ths) => ths.filter((th) => th.offsetParent).map((th) => th.textContent));
    assert.deepEqual(heads, ['序号', '活动名称', '时间地点', '主要内容']);
    assert.ok(await page.locator('table.data tbody tr:nth-child(12) .body').isVisible());
    // The sheets as Chromium prints them (the page sizes the stylesheet asks for): the overview is the one
    // landscape sheet, first; everything after it is portrait.
    const sheets = await printedSheets(page, 'schedule-print.pdf');
    assert.equal(sheets[0], 'landscape', `sheets: ${sheets}`);
    assert.ok(sheets.length >= 2 && sheets.slice(1).every((s) => s === 'portrait'), `sheets: ${sheets}`);
    await page.goto(fileBase() + MONTH + '?today=2023-09-20');
    const month = await printedSheets(page, 'month-print.pdf');
    assert.equal(month[0], 'landscape', `sheets: ${month}`);
    assert.ok(month.slice(1).every((s) => s === 'portrait'), `the grid is one sheet: ${month}`);
    await page.goto(fileBase() + ACTIVITY);
    for (const hidden of ['.site-nav', '.breadcrumb', '.pager', '.site-footer']) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
    }
    assert.ok(await page.locator('.prose').isVisible());
    await page.done();
  });

  test('print: no row of the published table is split across sheets, and its header is on every sheet', async (t) => {
    // The sheets' text, read back by poppler's pdftotext (Debian poppler-utils, which .ci/run installs).
    if (spawnSync('pdftotext', ['-v']).error) {
      assert.ok(!process.env.CI, 'pdftotext (Debian poppler-utils) is missing: .ci/run installs it');
      console.error('SKIPPED: the printed table rows are not checked: pdftotext (Debian poppler-utils) is not installed');
      t.skip('pdftotext is not installed');
      return;
    }
    const page = await open(fileBase(), SCHEDULE);
    await page.emulateMedia({ media: 'print' });
    // Each row's first cell starts, and its last printed cell (the body) ends, with a mark of its own.
    const rows = await page.$$eval('table.data tbody tr', (trs) => trs.map((tr, i) => {
      tr.cells[0].prepend(`ROW${i}START `);
      (tr.querySelector('td.body') || tr.cells[tr.cells.length - 1]).append(` ROW${i}END`);
      return i;
    }));
    const file = join(ARTIFACTS, 'schedule-rows.pdf');
    writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const read = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    assert.equal(read.status, 0, read.stderr);
    const sheets = read.stdout.split('\f');
    const sheet = (mark) => sheets.findIndex((s) => s.includes(mark));
    const split = rows.filter((i) => sheet(`ROW${i}START`) !== sheet(`ROW${i}END`))
      .map((i) => `row ${i + 1}: sheets ${sheet(`ROW${i}START`) + 1} and ${sheet(`ROW${i}END`) + 1}`);
    assert.deepEqual(split, [], 'rows split across sheets');
    const used = [...new Set(rows.map((i) => sheet(`ROW${i}START`)))];
    assert.ok(used.every((n) => n > 0), 'every row printed, after the overview');
    assert.ok(used.length >= 2, `the table runs over more than one sheet, so the test can see a split: ${used}`);
    for (const n of used) assert.match(sheets[n], /活动名称[\s\S]*时间地点[\s\S]*主要内容/, `the header repeats on sheet ${n + 1}`);
    await page.done();
  });
});
