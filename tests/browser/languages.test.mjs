// The English and Traditional Chinese fixture sites as a reader sees them, the script's sentences included: on
// every kind of page, with a day that gives the script something to say, no text node or label is in the other
// language (no Chinese on the English site; on the Traditional one, none of the Simplified-only characters of the
// default catalogue); and axe finds nothing. tests/languages.rs checks the built files; this, what the script
// adds. Run by tests/browser.rs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, REPO, axeViolations, fileBase, launch, watch } from './lib.mjs';

const skip = FIXTURES ? false : 'needs ALMANAC_FIXTURES (run by tests/browser.rs)';
const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/g;

// The characters of a catalogue's values (a TOML file of `key = "value"` lines and lists of strings).
function catalogueChars(language) {
  const text = readFileSync(join(REPO, `themes/default/i18n/${language}.toml`), 'utf8');
  const chars = new Set();
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('#')) continue;
    for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"/g)) for (const c of m[1]) chars.add(c);
  }
  return chars;
}
const traditional = catalogueChars('zh-TW');
const simplifiedOnly = [...catalogueChars('zh-CN')].filter((c) => c.match(han) && !traditional.has(c));

// Every text node and every label a reader or a screen reader meets on the page.
const words = (page) => page.evaluate(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && !parent.closest('script, style') && walker.currentNode.textContent.trim()) out.push(walker.currentNode.textContent.trim());
  }
  for (const e of document.querySelectorAll('[title], [aria-label], [alt], [placeholder]')) {
    for (const a of ['title', 'aria-label', 'alt', 'placeholder']) if (e.hasAttribute(a)) out.push(e.getAttribute(a));
  }
  out.push(document.title);
  return out;
});

const PAGES = ['index.html', '2023-quality-month/index.html', '2023-quality-month/05-forum.html', 'months/2023-09.html',
  'weeks/2023-W38.html', 'weeks/index.html', 'tags/index.html', 'embed/index.html'];

for (const [name, lang, bad, label] of [
  ['valid-english', 'en', (t) => t.match(han) || [], 'Chinese'],
  ['valid-traditional', 'zh-TW', (t) => [...t].filter((c) => simplifiedOnly.includes(c)), 'Simplified-only'],
]) {
  describe(`${name}: every word in ${lang}`, { skip }, () => {
    let browser;
    before(async () => { browser = await launch(); });
    after(async () => { await browser?.close(); });
    for (const path of PAGES) {
      test(`${path}, with the script's sentences for 2023-09-20`, async () => {
        const site = join(FIXTURES, name);
        assert.ok(existsSync(join(site, path)), `${name} has no ${path}`);
        const page = await browser.context.newPage();
        await page.setViewportSize({ width: 390, height: 800 });
        await watch(page, `${fileBase(site)}${path}?today=2023-09-20`);
        assert.equal(await page.$eval('html', (h) => h.lang), lang);
        const found = (await words(page)).flatMap((w) => (bad(w).length ? [`${bad(w).join('')} in “${w.slice(0, 120)}”`] : []));
        assert.deepEqual(found, [], `${label} words on ${path}`);
        assert.deepEqual(await axeViolations(page), []);
        await page.done();
      });
    }
  });
}

// A bilingual site's English edition as a reader sees it, the script's sentences included: no Chinese but what an
// element marks as Chinese (`lang`), the original's words of an activity with no translation; the switch in the
// header leads to the same page in the other language and back; and axe finds nothing.
const unmarked = (page) => page.evaluate(() => {
  const out = [];
  const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
  const chinese = (e) => (e?.closest('[lang]')?.lang || '').startsWith('zh');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (parent && !parent.closest('script, style') && han.test(node.textContent) && !chinese(parent)) out.push(node.textContent.trim());
  }
  for (const e of document.querySelectorAll('[title], [aria-label], [alt], [placeholder]')) {
    for (const a of ['title', 'aria-label', 'alt', 'placeholder']) {
      if (han.test(e.getAttribute(a) || '') && !chinese(e)) out.push(`${a}=${e.getAttribute(a)}`);
    }
  }
  // A page that says its activity is untranslated names it, as the original does, in its title.
  if (han.test(document.title) && !document.querySelector('.untranslated')) out.push(`title=${document.title}`);
  return out;
});

describe('valid-bilingual: the English edition says nothing in Chinese unmarked', { skip }, () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });
  const pages = ['index.html', '2023-quality-month/index.html', '2023-quality-month/23-quality-professional-exam.html',
    '2023-quality-month/01-market-credit-rating.html', 'months/2023-09.html', 'weeks/2023-W38.html', 'tags/index.html',
    'embed/index.html'];
  for (const path of pages) {
    test(`en/${path}, with the script's sentences for 2023-09-20`, async () => {
      const site = join(FIXTURES, 'valid-bilingual');
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 390, height: 800 });
      await watch(page, `${fileBase(site)}en/${path}?today=2023-09-20`);
      assert.equal(await page.$eval('html', (h) => h.lang), 'en');
      assert.deepEqual(await unmarked(page), [], `Chinese not marked as such on en/${path}`);
      assert.deepEqual(await axeViolations(page), []);
      await page.done();
    });
  }
  test('the header leads to the same page in the other language, and back', async () => {
    const site = join(FIXTURES, 'valid-bilingual');
    const page = await browser.context.newPage();
    await watch(page, `${fileBase(site)}2023-quality-month/14-global-chinese-quality-summit.html`);
    await page.click('.site-langs a[hreflang="en"]');
    await page.waitForLoadState('load');
    assert.match(page.url(), /\/en\/2023-quality-month\/14-global-chinese-quality-summit\.html$/);
    assert.equal(await page.$eval('h1', (h) => h.textContent), '8th Global Chinese Quality Summit');
    await page.click('.site-langs a[hreflang="zh-CN"]');
    await page.waitForLoadState('load');
    assert.match(page.url(), /\/valid-bilingual\/2023-quality-month\/14-global-chinese-quality-summit\.html$/);
    assert.equal(await page.$eval('h1', (h) => h.textContent), '第八届全球华人品质峰会');
    await page.done();
  });
});
