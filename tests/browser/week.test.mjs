// This week and dates in the search box, as a reader meets them at 390 and 1280 px, from file:// and under a
// sub-path: one tap from the home page and the schedule page to the week that holds today; the week shows every
// activity of the site that runs in it, each once, and never draws one known only by 旬, month or year on exact
// days; date searches find the activities whose dates meet the date typed, nearest to today first. What is
// expected is worked out here from the site's activities.json (the dates it publishes), not copied from the pages.
// Run by tests/browser.rs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITE, axeViolations, fileBase, launch, serve, watch } from './lib.mjs';

const SCHEDULE = '2023-quality-month/index.html';
const DATA = JSON.parse(readFileSync(join(SITE, 'activities.json'), 'utf8')).activities;
const active = (a) => a.status !== 'cancelled' && a.status !== 'postponed';
// A list of dates meets a range only on its dates.
const dates = (a) => (a.occurrences.length ? a.occurrences.map((o) => [o.start, o.end]) : [[a.start, a.end]]);
const meets = (a, from, to) => dates(a).some(([s, e]) => s <= to && e >= from);
const addDays = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 864e5).toISOString().slice(0, 10);
// An activity's address relative to its schedule's folder, however a page links it.
const rel = (href) => href.replace(/^(\.\.\/)+/, '').replace(/^2023-quality-month\//, '');
const mondayOf = (iso) => addDays(iso, -((new Date(iso + 'T00:00:00Z').getUTCDay() + 6) % 7));

// Three todays: the middle of the Quality Month (a 下旬 and month-level activities in the week), the week of
// National Day, and a day in August when one long activity starts.
const TODAYS = ['2023-09-20', '2023-10-04', '2023-08-25'];

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve(SITE, { prefix: '/sub/site/' });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url, width) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  return watch(page, url, { warnings: true });
}

async function checkScreen(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  assert.deepEqual(await axeViolations(page), []);
}

const bases = () => [['file://', fileBase()], ['a sub-path', server.url]];

describe('this week', () => {
  for (const width of [390, 1280]) {
    for (const today of TODAYS) {
      for (const [where, base] of [['file://', null], ['a sub-path', null]]) {
        test(`${today} at ${width} px from ${where}: one tap from home to the week, with every activity of it`, async () => {
          const root = bases().find((b) => b[0] === where)[1];
          const page = await open(`${root}index.html?today=${today}`, width);
          // The way there is in the header on every page, and the keyboard reaches it.
          let focused = '';
          for (let i = 0; i < 12 && !focused.includes('nav-week'); i++) {
            await page.keyboard.press('Tab');
            focused = await page.evaluate(() => document.activeElement.className);
          }
          assert.ok(focused.includes('nav-week'), 'the 本周 link is reached by Tab');
          await page.keyboard.press('Enter');
          const monday = mondayOf(today), sunday = addDays(monday, 6);
          await page.waitForURL(/weeks\/\d{4}-W\d{2}\.html\?today=/);
          assert.equal(await page.getAttribute('.week-here', 'data-first'), monday, 'the week that holds today');
          assert.ok(await page.locator('.week-here').isVisible(), 'it says it is this week');

          const want = DATA.filter((a) => meets(a, monday, sunday));
          const listed = await page.$$eval('.week-list li.act:not(.act--more) .act-title',
            (as) => as.map((a) => a.getAttribute('href').replace(/^(\.\.\/)+/, '')));
          const more = await page.$$eval('.week-list li.act--more', (lis) => lis.reduce((n, li) => n + +/\d+/.exec(li.textContent)[0], 0));
          assert.equal(new Set(listed).size, listed.length, 'each activity listed once');
          for (const href of listed) assert.ok(want.some((a) => a.url === href), `${href} is not in this week`);
          assert.equal(listed.length + more, want.length, 'every activity of the week is listed or counted');
          // The exact and 旬 ones are all named; month and year ones are named or counted with a link.
          for (const a of want.filter((x) => x.precision !== 'month' && x.precision !== 'year')) {
            assert.ok(listed.includes(a.url), `${a.title} (${a.when}) is listed`);
          }

          if (width === 1280) {
            // In the grid nothing known only by 旬, month or year sits in a day's column, and 旬 bars say 约.
            const byUrl = Object.fromEntries(DATA.map((a) => [a.url, a]));
            const strip = await page.$$eval('.wcal-strip .wcal-chip:not(.wcal-chip--more)', (as) => as.map((a) => a.getAttribute('href').replace(/^(\.\.\/)+/, '')));
            const band = await page.$$eval('.wcal-band .mcal-bar', (as) => as.map((a) => [a.getAttribute('href').replace(/^(\.\.\/)+/, ''), !!a.querySelector('.approx')]));
            const timed = await page.$$eval('.wcal-ev', (as) => as.map((a) => a.getAttribute('href').replace(/^(\.\.\/)+/, '')));
            for (const u of strip) assert.ok(['month', 'year'].includes(byUrl[u].precision), `${u} in the strip`);
            for (const [u, approx] of band) {
              assert.ok(['day', 'time', 'dekad'].includes(byUrl[u].precision), `${u} in the band`);
              assert.equal(approx, byUrl[u].precision === 'dekad', `${u}: 约 on 旬 bars only`);
            }
            for (const u of timed) assert.ok(['day', 'time'].includes(byUrl[u].precision), `${u} at hours`);
            const coarse = want.filter((x) => x.precision === 'month' || x.precision === 'year');
            if (coarse.length) assert.ok(strip.length > 0, 'the month-level activities are in the strip');
            assert.equal(await page.locator(`.wcal-dayhead[data-date="${today}"].is-today`).count(), 1, 'today marked');
          } else {
            assert.ok(!(await page.locator('.wcal').isVisible()), 'a phone reads the week as a list');
          }
          await checkScreen(page);
          await page.done();
        });
      }
    }
  }

  test('the schedule page on a phone shows this week first, and the list of weeks opens this week', async () => {
    const page = await open(`${fileBase()}${SCHEDULE}?today=2023-09-20`, 390);
    const box = await page.locator('.this-week').boundingBox();
    assert.ok(box && box.y < 900, `this week starts ${box?.y}px down`);
    const shown = (await page.$$eval('.this-week-list .act-title', (as) => as.map((a) => a.getAttribute('href')))).map(rel);
    const exact = DATA.filter((a) => ['day', 'time'].includes(a.precision) && active(a) && meets(a, '2023-09-18', '2023-09-24'));
    assert.deepEqual(new Set(shown), new Set(exact.slice(0, 6).map((a) => a.url.replace(/^2023-quality-month\//, ''))));
    await page.goto(`${fileBase()}weeks/index.html?today=2023-09-20`);
    await page.waitForURL(/weeks\/2023-W38\.html/);
    await page.done();
  });
});

describe('dates in the search box', () => {
  const CASES = [
    // [typed, first day, last day]
    ['9月20日', '2023-09-20', '2023-09-20'],
    ['2023-09-20', '2023-09-20', '2023-09-20'],
    ['9月下旬', '2023-09-21', '2023-09-30'],
    ['本周', '2023-09-18', '2023-09-24'],
    ['下个月', '2023-10-01', '2023-10-31'],
    ['国庆', '2023-10-01', '2023-10-07'],
  ];
  for (const width of [390, 1280]) {
    for (const [q, from, to] of CASES) {
      test(`${q} at ${width} px finds the activities of ${from}–${to}, nearest to today first`, async () => {
        const page = await open(`${fileBase()}${SCHEDULE}?today=2023-09-20&q=${encodeURIComponent(q)}`, width);
        const found = (await page.$$eval('.results li.act .act-title', (as) => as.map((a) => a.getAttribute('href')))).map(rel);
        const want = DATA.filter((a) => meets(a, from, to)).map((a) => a.url.replace(/^2023-quality-month\//, ''));
        assert.deepEqual(new Set(found), new Set(want));
        assert.equal(found.length, want.length);
        // On now (certainly or perhaps), then to come, then over.
        const rank = { 进行中: 0, 可能进行中: 0, 未开始: 1, 已结束: 2 };
        const states = await page.$$eval('.results li.act', (lis) => lis.map((li) => li.querySelector('.st')?.textContent ?? ''));
        const ranks = states.map((s) => rank[s] ?? 3);
        assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `in order of nearness: ${states}`);
        // Those known by 旬 or month that only may fall on the dates say so: "可能在所查日期进行", or, when the
        // dates searched hold today, their mark for today, "可能进行中".
        const marks = Object.fromEntries((await page.$$eval('.results li.act', (lis) => lis.map((li) => [
          li.querySelector('.act-title').getAttribute('href'),
          !!li.querySelector('.maybe-in') || li.querySelector('.st')?.textContent === '可能进行中',
        ]))).map(([h, m]) => [rel(h), m]));
        for (const a of DATA.filter((x) => want.includes(rel(x.url)))) {
          const inside = from <= a.start && a.end <= to;
          const possible = !['day', 'time'].includes(a.precision) && !inside;
          assert.equal(marks[rel(a.url)], possible, `${a.title} (${a.when})`);
        }
        await checkScreen(page);
        await page.done();
      });
    }
  }
});

describe('the month grid shows everything in the month', () => {
  for (const width of [390, 1280]) {
    test(`September at ${width} px: a strip with every month- and year-level activity, rows of one height`, async () => {
      const page = await open(`${fileBase()}months/2023-09.html?today=2023-09-20`, width);
      const coarse = DATA.filter((a) => ['month', 'year'].includes(a.precision) && meets(a, '2023-09-01', '2023-09-30'));
      const strip = (await page.$$eval('.mstrip a.wcal-chip:not(.wcal-chip--more)', (as) => as.map((a) => a.getAttribute('href')))).map(rel);
      assert.deepEqual(new Set(strip), new Set(coarse.map((a) => rel(a.url))), 'the strip names each once');
      assert.equal(strip.length, coarse.length);
      assert.match(await page.textContent('.mstrip-head'), new RegExp(`${coarse.length} 项`));
      if (width === 1280) {
        // Folded when long, and the toggle opens the rest.
        const hidden = page.locator('.mstrip-more .wcal-chip').first();
        assert.ok(!(await hidden.isVisible()));
        await page.locator('.mstrip-more summary').click();
        assert.ok(await hidden.isVisible());
        const heights = await page.$$eval('.month-cal .mcal-week', (ws) => ws.map((w) => Math.round(w.getBoundingClientRect().height)));
        assert.ok(Math.max(...heights) - Math.min(...heights) <= 2, `rows of one height: ${heights}`);
        // Nothing known only by month or year is drawn on days.
        const byUrl = Object.fromEntries(DATA.map((a) => [rel(a.url), a]));
        const bars = (await page.$$eval('.mcal-bar', (as) => as.map((a) => a.getAttribute('href')))).map(rel);
        for (const u of bars) assert.ok(['day', 'time', 'dekad'].includes(byUrl[u].precision), u);
      } else {
        assert.ok(await page.locator('.mstrip').isHidden(), 'a phone reads the month as its list');
      }
      await checkScreen(page);
      await page.done();
    });
  }
});
