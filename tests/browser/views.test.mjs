// The views as a reader meets them, in headless Chromium at 390 px and 1280 px: the month page (bars across the
// week rows, every activity listed once, today), the timeline (a fitted axis, a scroll cue, bars that link,
// milestone names in view, each at its marker), rows with one date text, the agenda (each activity once), the table, the home page (what is on, not a second
// copy), the 404 page from any depth, one tag order, and a schedule of 3,333 activities that stays light and
// searchable from file://. Nothing may break inside a date or a month's name. Run by tests/browser.rs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, LARGE_SITE, SITE, fileBase, launch, serve } from './lib.mjs';

const SCHEDULE = '2023-quality-month/index.html';
const MONTH = 'months/2023-09.html';
const TQM = '04-tqm-knowledge-contest.html'; // 8月25日-11月30日: a multi-day activity across four months
// The schedule page at 390 px before this design (timeline, an agenda repeating each activity in every month
// it spans, and the table as cards): 15,590 px. It must be at most half of that.
const PHONE_HEIGHT_BEFORE = 15590;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A page that fails the test on a console error or an uncaught exception.
async function open(url, { width = 1280, height = 900 } = {}) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  const problems = [];
  page.on('console', (m) => {
    // A document served with status 404 is reported by the browser itself; that is the host's answer, not an error.
    if (/status of 404/.test(m.text()) || m.location().url?.endsWith('/favicon.ico')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(url);
  await page.waitForLoadState('load');
  page.done = async () => {
    assert.deepEqual(problems, [], 'console errors');
    await page.close();
  };
  return page;
}

/// Every visible element of `selector` whose text runs over more than one line, or that sticks out of the box
/// it sits in: a date broken in two ("9月18/日"), a month header broken character by character ("1/0/月").
function brokenPieces(page, selector) {
  return page.$$eval(selector, (els) => els.filter((el) => el.getClientRects().length && !el.closest('[hidden], .vh'))
    .map((el) => {
      // The lines its visible text is on (text for screen readers only is left out): boxes that overlap
      // vertically are on one line.
      const lines = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent.trim() || n.parentElement.closest('.vh')) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) {
          if (r.width <= 1) continue;
          const line = lines.find((l) => Math.min(l.bottom, r.bottom) - Math.max(l.top, r.top) > Math.min(l.bottom - l.top, r.height) / 2);
          if (line) { line.top = Math.min(line.top, r.top); line.bottom = Math.max(line.bottom, r.bottom); } else lines.push({ top: r.top, bottom: r.bottom });
        }
      }
      const tops = lines;
      const box = el.parentElement.closest('td, th, li, p, dd, div, a, h2, h3, section');
      const r = el.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      const out = getComputedStyle(box).overflowX === 'visible' && (r.right > b.right + 1 || r.left < b.left - 1);
      return tops.length > 1 || out ? `${el.className || el.tagName} "${el.textContent.trim()}"${out ? ' sticks out' : ''}` : null;
    })
    .filter(Boolean));
}

// Dates (each kept in a .nw span), badges and marks, month and year headers, table headers.
const UNBREAKABLE = '.nw, .tl-year, .tl-month, .badge, .st, .mode, .act-until, .cont-since, .today-flag, ' +
  'table.data thead th, .mcal-mark, .ci-time, .month-chips a, .mb-label, .approx, .precision-name, .ms-when';

describe('nothing breaks inside a date or a month header', () => {
  const pages = [
    [fileBase(), [SCHEDULE, MONTH, 'months/2023-11.html', 'index.html', '2023-quality-month/' + TQM, 'tags/lun-tan.html']],
  ];
  if (FIXTURES) {
    pages.push([fileBase(join(FIXTURES, 'valid-academic-year')), ['2024-25/index.html', 'months/2024-11.html', 'index.html']]);
    pages.push([fileBase(join(FIXTURES, 'valid-times')), ['2024-events/index.html', 'months/2024-10.html', 'months/2024-11.html']]);
  }
  for (const width of [390, 1280]) {
    for (const [base, paths] of pages) {
      for (const path of paths) {
        test(`${base.split('/').slice(-2)[0]}/${path} at ${width} px`, async () => {
          const page = await open(`${base}${path}?today=2024-11-13`, { width });
          assert.deepEqual(await brokenPieces(page, UNBREAKABLE), []);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
          await page.done();
        });
      }
    }
  }
});

describe('month page', () => {
  test('bars run across the days of each week row, with the full title once per row and 起/续/止 before it', async () => {
    const page = await open(`${fileBase()}${MONTH}?today=2023-09-20`);
    // #13 runs 18–22 September: one bar over five days, no mark (the whole run is in the row).
    const qc = page.locator('.mcal-bar[href$="13-central-soe-qc-contest.html"]');
    assert.equal(await qc.count(), 1);
    const [bar, d18, d22] = await Promise.all([qc, page.locator('.mcal-day[data-date="2023-09-18"]'), page.locator('.mcal-day[data-date="2023-09-22"]')]
      .map((l) => l.boundingBox()));
    assert.ok(bar.x <= d18.x + 8 && bar.x + bar.width >= d22.x + d22.width - 8, 'the bar spans 18 to 22');
    assert.equal(await qc.locator('.mcal-mark').count(), 0);
    // #4 runs 8月25日–11月30日: in every week row of September, each time with its title, marked 续 (it goes on).
    const tqm = page.locator(`.mcal-bar[href$="${TQM}"]`);
    assert.equal(await tqm.count(), await page.locator('.mcal-week').count());
    for (const text of await tqm.allTextContents()) assert.match(text, /^续\s*4\s*全国企业员工全面质量管理知识竞赛活动$/);
    // The 旬-level ones keep 约 and their hatching, with 起 before the title where they start.
    const dekad = page.locator('.mcal-bar--dekad').first();
    assert.match(await dekad.textContent(), /^起\s*约/);
    assert.match(await dekad.evaluate((e) => getComputedStyle(e).backgroundImage), /repeating-linear-gradient/);
    // No title is cut: every bar shows all of its text.
    const cut = await page.$$eval('.mcal-bar', (bars) => bars.filter((b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1).map((b) => b.textContent));
    assert.deepEqual(cut, []);
    // Month- and year-level activities stay out of the grid.
    assert.equal(await page.locator('.mcal-bar[href$="10-performance-excellence-awards.html"], .mcal-bar[href$="24-education-expert-visits.html"]').count(), 0);
    await page.done();
  });

  test('every activity of the month is listed once below the grid, with its full title, reading and place', async () => {
    const page = await open(`${fileBase()}${SCHEDULE}`);
    // What the schedule says runs in September (the filter's own answer), with full titles.
    await page.waitForSelector('form.filter:not([hidden])');
    await page.selectOption('select[name=month]', '2023-09');
    const want = await page.$$eval('table.data tbody tr:not([hidden])', (trs) => trs.map((tr) => [tr.querySelector('th a').textContent, tr.querySelectorAll('.q')[1].textContent]));
    await page.goto(`${fileBase()}${MONTH}`);
    const listed = await page.$$eval('.month-list li.act', (lis) => lis.map((li) => [li.querySelector('.act-title').textContent.replace(/^\d+\s/, ''), li.querySelector('.act-published').textContent, li.querySelector('.act-dates').textContent]));
    assert.equal(listed.length, want.length);
    for (const [title, published] of want) {
      const found = listed.filter((l) => l[0] === title);
      assert.equal(found.length, 1, `${title} listed once`);
      assert.equal(found[0][1], published, `${title}: the published time and place`);
      assert.match(found[0][2], /^2023年/, `${title}: the reading`);
    }
    await page.done();
  });

  test('today is highlighted in the grid and in the list', async () => {
    const page = await open(`${fileBase()}${MONTH}?today=2023-09-20`);
    const cell = page.locator('.mcal-day.is-today');
    assert.equal(await cell.getAttribute('data-date'), '2023-09-20');
    assert.notEqual(await cell.evaluate((e) => getComputedStyle(e).boxShadow), 'none');
    assert.match(await page.textContent('.today-mark'), /今天是2023年9月20日/);
    // Every activity in the list says where it stands today.
    assert.equal(await page.locator('.month-list li.act .st').count(), await page.locator('.month-list li.act').count());
    await page.done();
  });

  test('on a phone the month is an agenda: a multi-day activity once, today marked, no grid', async () => {
    const page = await open(`${fileBase()}${MONTH}?today=2023-09-20`, { width: 390, height: 844 });
    assert.equal(await page.locator('.mcal').isVisible(), false);
    const tqm = page.locator(`.month-list li.act:has(a[href$="${TQM}"])`);
    assert.equal(await tqm.count(), 1);
    assert.ok(await tqm.isVisible());
    assert.match(await tqm.textContent(), /2023年8月25日–11月30日/);
    assert.ok(await page.locator('.today-mark').isVisible());
    // The header is one row.
    assert.ok((await page.locator('.site-header').boundingBox()).height <= 60);
    await page.done();
  });

  test('times and lists of dates: a bar on each date, with its time', async () => {
    if (!FIXTURES) return;
    const page = await open(`${fileBase(join(FIXTURES, 'valid-times'))}months/2024-10.html`);
    // 10月8日-12日 每天9:00-11:00: one bar over the five days, its daily time on it.
    assert.match(await page.textContent('.mcal-bar[href$="03-training.html"]'), /09:00/);
    await page.goto(`${fileBase(join(FIXTURES, 'valid-times'))}months/2024-11.html`);
    // 11月13日、11月27日、12月11日: a bar on the 13th and one on the 27th; listed once.
    assert.equal(await page.locator('.mcal-bar[href$="04-salon.html"]').count(), 2);
    assert.equal(await page.locator('.month-list a[href$="04-salon.html"]').count(), 1);
    await page.done();
  });
});

describe('schedule page', () => {
  test('at 390 px it is at most half as tall as before, and the home page is shorter still', async () => {
    const page = await open(`${fileBase()}${SCHEDULE}?today=2023-09-20`, { width: 390, height: 844 });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= PHONE_HEIGHT_BEFORE / 2, `the schedule page is ${height}px tall at 390 px`);
    await page.goto(`${fileBase()}index.html?today=2023-09-20`);
    const home = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(home < height / 2, `the home page is ${home}px tall`);
    console.log(`# schedule page at 390 px: ${height}px (before: ${PHONE_HEIGHT_BEFORE}px); home: ${home}px`);
    await page.done();
  });

  test('the agenda lists each activity once, in the month it starts, with 持续至 and 自…起 cues', async () => {
    const page = await open(`${fileBase()}${SCHEDULE}`);
    const hrefs = await page.$$eval('.agenda li.act .act-title', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(hrefs.length, 24);
    assert.equal(new Set(hrefs).size, 24, 'no activity twice');
    const tqm = page.locator(`#agenda-2023-08 ~ ul li.act:has(a[href$="${TQM}"])`);
    assert.equal(await tqm.count(), 1, 'listed in August, where it starts');
    assert.equal(await tqm.locator('.act-until').textContent(), '持续至11月');
    // October names it as still running since August; the link leads to its entry.
    const cont = page.locator('section:has(> #agenda-2023-10) .cont-group', { hasText: '自8月起' });
    const link = cont.locator('a[href="#a-04-tqm-knowledge-contest"]');
    assert.equal(await link.count(), 1);
    await link.click();
    assert.equal(await page.evaluate(() => location.hash), '#a-04-tqm-knowledge-contest');
    await page.done();
  });

  test('the timeline fits the dated activities, scrolls with a cue on a phone, and its bars lead to the activity', async () => {
    const page = await open(`${fileBase()}${SCHEDULE}?today=2023-09-20`, { width: 390, height: 844 });
    const months = await page.$$eval('.tl-months .tl-month', (ms) => ms.map((m) => m.textContent));
    assert.deepEqual(months, ['7月', '8月', '9月', '10月', '11月', '12月'], 'a 全年 activity does not stretch the axis');
    assert.equal(await page.locator('.bar--year.bar--open-start').count(), 1, 'the 全年 activity runs past the start');
    // Each month has room: its header in one line, at least 3.5rem wide.
    const widths = await page.$$eval('.tl-months a', (as) => as.map((a) => a.getBoundingClientRect().width));
    assert.ok(widths.every((w) => w >= 55), `month columns ${widths}`);
    assert.ok(await page.locator('.tl-hint').isVisible(), 'a visible cue that the box scrolls');
    assert.ok(await page.locator('.tl-scroll').evaluate((b) => b.scrollWidth > b.clientWidth));
    // Milestones are named in view, without hovering.
    const legend = page.locator('.tl tbody tr:first-child .ms-legend');
    assert.ok(await legend.isVisible());
    assert.match(await legend.textContent(), /开展市场质量信用等级评价.*8月.*公示评价结果.*9月/s);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator(`.tl .bar[href$="${TQM}"]`).click();
    await page.waitForURL(new RegExp(TQM));
    await page.done();
  });

  test('each milestone is named where it is drawn, on a line of its own', async () => {
    for (const width of [390, 1280]) {
      const page = await open(`${fileBase()}${SCHEDULE}?today=2023-09-20`, { width, height: 900 });
      const rows = await page.$$eval('.tl tbody tr:has(.ms-legend)', (trs) => trs.map((tr) => {
        const marks = [...tr.querySelectorAll('.ms')].map((m) => m.getBoundingClientRect());
        const names = [...tr.querySelectorAll('.ms-legend li')].map((li) => li.getBoundingClientRect());
        return { title: tr.querySelector('.tl-name a').textContent, marks: marks.map((r) => [r.left, r.right]), names: names.map((r) => [r.left, r.right, r.top, r.bottom]) };
      }));
      assert.ok(rows.length >= 4, `rows with milestones: ${rows.length}`);
      for (const { title, marks, names } of rows) {
        names.forEach(([left, right], i) => {
          const [ml, mr] = marks[i];
          // It starts at its marker's left edge, or ends at its right edge (a marker past the middle).
          assert.ok(Math.abs(left - ml) <= 2 || Math.abs(right - mr) <= 2, `${width}px ${title}, stage ${i + 1}: name ${left}–${right}, marker ${ml}–${mr}`);
        });
        for (let i = 1; i < names.length; i++) assert.ok(names[i][2] >= names[i - 1][3] - 1, `${width}px ${title}: names ${i} and ${i + 1} overlap`);
      }
      // 第十一届全国品牌故事大赛: its one stage is in November, and so is its name (not under July).
      const brand = rows.find((r) => r.title.includes('全国品牌故事大赛'));
      assert.ok(Math.abs(brand.names[0][1] - brand.marks[0][1]) <= 2, `${width}px: ${JSON.stringify(brand)}`);
      await page.done();
    }
  });

  test('a row shows one date text, the reading on hover and focus; the agenda names what still runs', async () => {
    const page = await open(`${fileBase()}${SCHEDULE}?today=2023-09-20`, { width: 390, height: 844 });
    const row = page.locator(`#agenda-2023-08 ~ ul li.act:has(a[href$="${TQM}"])`);
    assert.equal(await row.locator('.act-published').getAttribute('title'), '2023年8月25日–11月30日');
    assert.equal(await row.locator('.badge').count(), 0, 'no precision code');
    assert.equal(await row.locator('.swatch--p.bar--day').count(), 1, 'the precision as the bar style');
    const dates = row.locator('.act-dates');
    assert.ok(!(await dates.isVisible()) || (await dates.boundingBox()).width <= 1, 'one date text in view');
    assert.ok(await page.locator('.agenda .legend--rows').isVisible(), 'a legend where the style is used');
    await row.locator('.act-title').focus();
    assert.ok((await dates.boundingBox()).width > 20, 'the reading shows with the focus');
    // "自8月起 4": the link's name says which activity, whole.
    const link = page.locator('section:has(> #agenda-2023-10) .cont a[href="#a-04-tqm-knowledge-contest"]');
    assert.equal((await link.textContent()).trim(), '4 全国企业员工全面质量管理知识竞赛活动');
    await page.done();
  });

  test('a date search lists what is certainly on and what may be under separate headings', async () => {
    const page = await open(`${fileBase()}${SCHEDULE}?today=2023-09-20&q=${encodeURIComponent('9月20日')}`);
    const heads = await page.$$eval('.results .results-group', (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(heads, ['正在进行', '可能进行中']);
    const under = await page.$$eval('.results .results-group', (hs) => hs.map((h) => [...h.nextElementSibling.querySelectorAll('.st')].map((s) => s.textContent)));
    assert.ok(under[0].length === 2 && under[0].every((s) => s === '进行中'), `on now: ${under[0]}`);
    assert.ok(under[1].length === 17 && under[1].every((s) => s === '可能进行中'), `perhaps on: ${under[1]}`);
    await page.done();
  });

  test('the table gives 活动名称 and 时间地点 room, and prints as the published table', async () => {
    const page = await open(`${fileBase()}${SCHEDULE}`);
    const w = await page.$$eval('table.data thead th', (ths) => ths.map((th) => th.getBoundingClientRect().width));
    assert.ok(w[1] >= 200 && w[2] >= 170, `title ${w[1]}px, 时间地点 ${w[2]}px`);
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await brokenPieces(page, 'table.data .nw, table.data thead th'), []);
    const p = await page.$$eval('table.data thead th', (ths) => ths.filter((th) => th.offsetParent).map((th) => th.getBoundingClientRect().width));
    assert.ok(p[1] >= 150 && p[2] >= 120, `printed: title ${p[1]}px, 时间地点 ${p[2]}px`);
    await page.done();
  });
});

describe('home, 404 and the theme', () => {
  test('the home page says what is on and what comes next, and links the schedule instead of copying it', async () => {
    const page = await open(`${fileBase()}index.html?today=2023-09-20`);
    assert.ok(await page.locator('.now').isVisible());
    const running = await page.$$eval('.now-running li.act .act-title', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(running[0].endsWith(TQM) && running[1].endsWith('13-central-soe-qc-contest.html'), `exact ones first: ${running}`);
    const next = await page.$$eval('.now-next li.act .act-title', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(next[0].endsWith('14-global-chinese-quality-summit.html'), `the next to start first: ${next}`);
    assert.equal(await page.locator('table').count(), 0, 'no second copy of the table');
    const maybe = await page.$$eval('.now-maybe li.act', (lis) => lis.map((li) => li.querySelector('.st')?.textContent));
    assert.ok(maybe.length > 0 && maybe.every((st) => st === '可能进行中' || st === undefined), `possible ones apart: ${maybe}`);
    assert.ok(!(await page.$$eval('.now-running .st', (s) => s.map((x) => x.textContent))).includes('可能进行中'));
    await page.locator('.now-maybe .act--more a').click();
    await page.waitForURL(/2023-quality-month\/index\.html\?month=2023-09/);
    await page.done();
  });

  test('one tag order everywhere: the list of tags, the filter and an activity', async () => {
    const page = await open(`${fileBase()}tags/index.html`);
    const listed = await page.$$eval('.tag-cloud a', (as) => as.map((a) => a.firstChild.textContent.trim()));
    await page.goto(`${fileBase()}${SCHEDULE}`);
    const offered = await page.$$eval('select[name=tag] option', (os) => os.slice(1).map((o) => o.textContent));
    assert.deepEqual(offered, listed);
    await page.goto(`${fileBase()}2023-quality-month/${TQM}`);
    const own = await page.$$eval('.tag-list a', (as) => as.map((a) => a.textContent));
    assert.deepEqual(own, listed.filter((t) => own.includes(t)));
    // By pinyin: 标杆学习 (b) before 评价 (p) before 在线 (z).
    assert.ok(listed.indexOf('标杆学习') < listed.indexOf('评价') && listed.indexOf('评价') < listed.indexOf('在线'));
    await page.done();
  });

  test("today's state on activity and tag pages", async () => {
    const page = await open(`${fileBase()}2023-quality-month/${TQM}?today=2023-09-20`);
    assert.equal(await page.textContent('.facts .st'), '进行中');
    await page.goto(`${fileBase()}tags/lun-tan.html?today=2023-09-20`);
    assert.deepEqual(await page.$$eval('li.act .st', (s) => s.map((x) => x.textContent)), ['可能进行中', '未开始', '可能进行中']);
    await page.done();
  });

  for (const prefix of ['/', '/sub/site/']) {
    test(`the 404 page has the site's header and its links lead home from any depth (site at ${prefix}, no base_url)`, async () => {
      const server = await serve(SITE, { prefix, notFound: true });
      try {
        for (const missing of ['nothing.html', '2023-quality-month/gone/deeper/x.html', 'months/2099-01.html', 'tags/a/b/c/d.html']) {
          const page = await open(server.url + missing);
          assert.equal(await page.title(), '页面不存在 - 中国质量协会活动日历');
          assert.ok(await page.locator('.site-header .site-title').isVisible());
          const home = await page.$eval('a.home', (a) => a.href);
          if (!missing.includes('/') && prefix !== '/') {
            // A missing page at the top of a site under a sub-path names none of the site's folders: typed in, it
            // can only guess the host's root; followed from a page of the site, it goes by that page.
            assert.equal(home, `${server.origin}/index.html`);
            await page.goto(server.url + missing, { referer: `${server.url}index.html` });
            assert.equal(await page.$eval('a.home', (a) => a.href), `${server.url}index.html`);
          } else {
            assert.equal(home, `${server.url}index.html`, missing);
            await page.click('a.home');
            await page.waitForURL(`${server.url}index.html`);
            assert.equal(await page.title(), '中国质量协会活动日历');
            await page.goBack();
            assert.equal(await page.$eval('.site-nav a[href$="tags/index.html"]', (a) => a.href), `${server.url}tags/index.html`);
          }
          await page.done();
        }
      } finally {
        await server.close();
      }
    });
  }

  test('the 404 page from disk links home as written', async () => {
    const page = await open(`${fileBase()}404.html`);
    assert.equal(await page.$eval('a.home', (a) => a.href), `${fileBase()}index.html`);
    await page.done();
  });
});

describe('a year of 3,333 activities', () => {
  test('its schedule page stays under 2 MB, and the filter finds any activity from file://', async (t) => {
    if (!LARGE_SITE) return t.skip('ALMANAC_LARGE_SITE is not set');
    const path = '2016-quality/index.html';
    const bytes = statSync(join(LARGE_SITE, path)).size;
    assert.ok(bytes < 2_000_000, `the schedule page is ${bytes} bytes`);
    console.log(`# 3,333-activity schedule page: ${bytes} bytes`);
    const page = await open(`${fileBase(LARGE_SITE)}${path}?today=2016-06-15`);
    await page.waitForSelector('form.filter:not([hidden])');
    const index = await page.$eval('#almanac-index', (s) => JSON.parse(s.textContent));
    assert.equal(index.items.length, 3333);
    // Any activity by its title: the first, one in the middle, the last.
    for (const k of [0, 1666, 3332]) {
      const [slug, , title] = index.items[k];
      await page.fill('input[name=q]', title);
      const link = page.locator(`.results a[href="${slug}.html"]`);
      while (!(await link.count()) && await page.locator('.results-more').isVisible()) await page.click('.results-more');
      assert.ok(await link.isVisible(), `${title} found`);
    }
    // By tag: as many as the index has, a hundred shown at a time and the rest on request.
    await page.fill('input[name=q]', '');
    const tag = index.tags[0];
    const want = index.items.filter((r) => r[4].includes(0)).length;
    await page.selectOption('select[name=tag]', tag);
    assert.match(await page.textContent('.filter-status'), new RegExp(`符合条件的 ${want} 项`));
    assert.equal(await page.locator('.results li.act').count(), Math.min(100, want));
    if (want > 100) {
      await page.click('.results-more');
      assert.equal(await page.locator('.results li.act').count(), Math.min(200, want));
    }
    // Each result leads to its activity's page.
    await page.locator('.results li.act .act-title').first().click();
    await page.waitForURL(/2016-quality\/\d{4}-.*\.html$/);
    await page.done();
  });
});
