// The embeddable page (embed/index.html) as another site shows it: in an <iframe> at 320 and 600 px, from file://
// and under a sub-path, filtered by the address; links open in the parent page, the parent learns the height
// (with the snippet docs/embed.md gives), and without JavaScript it is the whole list. What it should show is
// worked out here from the site's activities.json, not copied from the page. Run by tests/browser.rs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, SITE, axeViolations, fileBase, launch, serve, watch } from './lib.mjs';

const DATA = JSON.parse(readFileSync(join(SITE, 'activities.json'), 'utf8')).activities;
const TODAY = '2023-09-20';
const active = (a) => a.status !== 'cancelled' && a.status !== 'postponed';
const dates = (a) => (a.occurrences.length ? a.occurrences.map((o) => [o.start, o.end]) : [[a.start, a.end]]);
// Not over yet on TODAY: some date of it ends today or later.
const ahead = (a) => dates(a).some(([, e]) => e >= TODAY);
const slugOf = (href) => href.split('/').pop();

let browser;
let server;
let hostDir;
before(async () => {
  browser = await launch();
  server = await serve(SITE, { prefix: '/sub/site/' });
  hostDir = mkdtempSync(join(tmpdir(), 'almanac-embed-host-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

async function open(url, width) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 700 });
  return watch(page, url);
}

const shown = (page) => page.$$eval('.embed-item:not([hidden]) .embed-title', (as) => as.map((a) => a.getAttribute('href')));

describe('embed', () => {
  for (const width of [320, 600]) {
    for (const [where, base] of [['file://', () => fileBase()], ['a sub-path', () => server.url]]) {
      test(`?tag=论坛&n=5 at ${width} px from ${where}: that tag's activities still ahead, on now first`, async () => {
        const page = await open(`${base()}embed/index.html?tag=${encodeURIComponent('论坛')}&n=5&today=${TODAY}`, width);
        const want = DATA.filter((a) => a.tags.includes('论坛') && active(a) && ahead(a)).map((a) => a.url.split('/').pop());
        const got = (await shown(page)).map(slugOf);
        assert.ok(want.length > 0, 'the site has 论坛 activities ahead of the day');
        assert.ok(got.length === Math.min(5, want.length) && got.every((s) => want.includes(s)), `shown: ${got}`);
        assert.equal(await page.$eval('.embed-what', (e) => e.textContent), '近期活动：论坛');
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll');
        assert.equal(await page.$eval('base', (b) => b.target), '_parent', 'links open in the parent page');
        assert.deepEqual(await axeViolations(page), []);
        await page.done();
      });
    }
  }

  test('by default: five, what is on now before what is next; ?view=month&n=50: every activity of the month', async () => {
    const page = await open(`${fileBase()}embed/index.html?today=${TODAY}`, 600);
    const states = await page.$$eval('.embed-item:not([hidden])', (lis) => lis.map((li) => li.querySelector('.st')?.className ?? ''));
    assert.equal(states.length, 5);
    const firstNext = states.findIndex((c) => c.includes('st--upcoming'));
    assert.ok(firstNext === -1 || states.slice(firstNext).every((c) => c.includes('st--upcoming')), `states: ${states}`);
    await page.goto(`${fileBase()}embed/index.html?view=month&n=50&today=${TODAY}`);
    const month = DATA.filter((a) => a.start <= '2023-09-30' && a.end >= '2023-09-01').map((a) => a.url.split('/').pop());
    assert.deepEqual((await shown(page)).map(slugOf).sort(), month.sort());
    assert.equal(await page.$eval('.embed-what', (e) => e.textContent), '本月活动');
    await page.goto(`${fileBase()}embed/index.html?schedule=no-such-schedule&today=${TODAY}`);
    assert.equal(await page.isVisible('.embed-empty'), true, 'an empty choice says so');
    await page.done();
  });

  test('in a parent page with the documented snippet: sized to fit, dark on request', async () => {
    const docs = readFileSync(join(REPO, 'docs/embed.md'), 'utf8');
    const snippet = docs.match(/```html\n([\s\S]*?)```/)[1]
      .replace('https://example.org/calendar/', fileBase())
      .replace('n=5', `n=5&theme=dark&today=${TODAY}`);
    const host = join(hostDir, 'host.html');
    writeFileSync(host, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>host</title></head><body>${snippet}</body></html>`);
    const page = await open(pathToFileURL(host).href, 600);
    const frame = page.frames().find((f) => f.url().includes('embed/index.html'));
    assert.ok(frame, 'the iframe loads the embed page');
    await page.waitForFunction(() => parseInt(document.querySelector('iframe').style.height, 10) > 100);
    const [height, need] = [
      await page.$eval('iframe', (f) => parseInt(f.style.height, 10)),
      await frame.evaluate(() => document.documentElement.scrollHeight),
    ];
    assert.equal(height, need, 'the iframe is as tall as its content');
    const bg = await frame.$eval('body', (b) => getComputedStyle(b).backgroundColor);
    assert.equal(bg, 'rgb(28, 31, 36)', 'theme=dark');
    await page.done();
  });

  test('without JavaScript: the whole list, by the day each starts', () => {
    const html = readFileSync(join(SITE, 'embed/index.html'), 'utf8');
    const items = [...html.matchAll(/<li class="embed-item"[^>]*>/g)].map((m) => m[0]);
    assert.equal(items.length, DATA.length);
    assert.ok(items.every((li) => !/\shidden/.test(li)), 'nothing is hidden in the page as built');
    const starts = items.map((li) => li.match(/data-start="([^"]+)"/)[1]);
    assert.deepEqual(starts, [...starts].sort());
  });
});
