// "自选活动" on the schedule page (issue 25), opened from file://: the calendar the browser makes of the picked
// activities is the build's calendar of them byte for byte (every activity: calendar.ics itself; a tag's: its
// tags/TAG.ics; one: its SLUG.ics, each but the lines that name a calendar and make it a subscription), reached
// by keyboard, axe clean, and nothing requested from another host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITE, axeViolations, fileBase, launch } from './lib.mjs';

const SCHEDULE = '2023-quality-month';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function open(query = '') {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => { if (!/^(file|blob):/.test(r.url())) problems.push(`request: ${r.url()}`); });
  await page.goto(`${fileBase()}${SCHEDULE}/index.html?today=2023-09-20${query}`);
  page.done = async () => { assert.deepEqual(problems, []); await page.close(); };
  return page;
}

/// Opens 自选活动 and waits until its data script is in.
async function openPick(page) {
  await page.click('details.pick > summary');
  await page.waitForFunction(() => !!window.almanacPick);
}

/// Presses the download button; the downloaded file's name and text.
async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.pick-download')]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

const built = (path) => readFileSync(join(SITE, path), 'utf8');

/// A calendar without the lines that name it and make it a subscription (before its first component), which
/// differ between the schedule's picked calendar and a tag's or an activity's own; events are kept whole.
function withoutHead(ics) {
  const at = ics.search(/BEGIN:(VTIMEZONE|VEVENT)/);
  const head = ics.slice(0, at).replace(/\r\n /g, '\u0000').split('\r\n')
    .filter((l) => !/^(NAME|X-WR-CALNAME|URL|REFRESH-INTERVAL|X-PUBLISHED-TTL|SOURCE)[:;]/.test(l))
    .join('\r\n').replace(/\u0000/g, '\r\n ');
  return head + ics.slice(at);
}

describe('自选活动', () => {
  test('every activity, taken from the unfiltered page, is calendar.ics byte for byte', async () => {
    const page = await open();
    // Reached from the keyboard: Tab until the summary has the focus, Enter opens it.
    let reached = false;
    for (let i = 0; i < 400 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('.pick > summary'));
    }
    assert.ok(reached, 'Tab reaches 自选活动');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !!window.almanacPick);
    assert.equal(await page.locator('.pick-download').isDisabled(), true, 'nothing picked yet');
    const boxes = await page.locator('.pick-list input[type=checkbox]').count();
    const rows = await page.locator('table.data tbody tr').count();
    assert.equal(boxes, rows, 'a box per activity');
    await page.click('.pick-shown');
    assert.match(await page.locator('.pick-download').textContent(), new RegExp(`${rows} 项`));
    const { name, text } = await download(page);
    assert.equal(name, `${SCHEDULE}-自选.ics`);
    assert.equal(text, built(`${SCHEDULE}/calendar.ics`));
    assert.deepEqual(await axeViolations(page), []);
    await page.done();
  });

  test("a tag's filter gives the tag's calendar, without its subscription lines", async () => {
    const page = await open('&tag=' + encodeURIComponent('论坛'));
    await openPick(page);
    await page.click('.pick-shown');
    const shown = await page.locator('table.data tbody tr:not([hidden])').count();
    assert.ok(shown > 1 && shown < await page.locator('table.data tbody tr').count(), `${shown} shown`);
    const { text } = await download(page);
    assert.doesNotMatch(text, /^(REFRESH-INTERVAL|X-PUBLISHED-TTL|SOURCE)[:;]/m, 'not a subscription');
    assert.equal(withoutHead(text), withoutHead(built('tags/lun-tan.ics')));
    await page.done();
  });

  test("one activity ticked gives that activity's calendar", async () => {
    const page = await open();
    await openPick(page);
    const box = page.locator('.pick-list input').nth(12);
    await box.check();
    const href = await box.inputValue();
    const { text } = await download(page);
    const slug = href.split('/').pop().replace(/\.html$/, '');
    assert.equal(withoutHead(text), withoutHead(built(`${SCHEDULE}/${slug}.ics`)));
    await page.click('.pick-clear');
    assert.equal(await page.locator('.pick-download').isDisabled(), true, 'none picked after 全部取消');
    await page.done();
  });
});
