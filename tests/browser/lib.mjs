// Shared by the browser tests and the screenshot command: Debian's Chromium driven by playwright-core (which
// never downloads a browser), and a tiny static server for the built site.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.ALMANAC_CHROMIUM || '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SITE = resolve(process.env.ALMANAC_SITE || join(REPO, 'output'));
// Other builds the tests read, when tests/browser.rs made them: a one-year schedule of 3,333 activities from the
// benchmark generator, and fixture sites by name (valid-academic-year, valid-times, valid-years).
export const LARGE_SITE = process.env.ALMANAC_LARGE_SITE ? resolve(process.env.ALMANAC_LARGE_SITE) : null;
export const FIXTURES = process.env.ALMANAC_FIXTURES ? resolve(process.env.ALMANAC_FIXTURES) : null;
export const ARTIFACTS = resolve(process.env.ALMANAC_ARTIFACTS || join(REPO, 'target/browser-artifacts'));

/// Chromium with a fresh profile and nothing that talks to the network on its own.
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'almanac-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png' };

/// Serves `root` on 127.0.0.1 at a free port; resolves to { url, close }. With `prefix` ('/sub/') the site is
/// served under that path, as on a host that gives it a sub-path; with `notFound`, a missing file is answered
/// with the site's 404.html and status 404, as static hosts do.
export function serve(root, { prefix = '/', notFound = false } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const inside = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length - 1) : null;
    const path = inside === null ? null : normalize(decodeURIComponent(inside)).replace(/^(\.\.[/\\])+/, '');
    let file = path === null ? null : join(root, path);
    try {
      if (file === null) throw new Error('outside the site');
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      if (notFound) {
        res.writeHead(404, { 'content-type': TYPES['.html'] });
        res.end(readFileSync(join(root, '404.html')));
      } else {
        res.writeHead(404).end('not found');
      }
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    ok({ url: `${origin}${prefix}`, origin, close: () => new Promise((c) => server.close(c)) });
  }));
}

export const fileBase = (site = SITE) => pathToFileURL(site).href + '/';

/// Opens `url` in `page` and watches for what must never happen there: uncaught errors, console errors (and
/// warnings, with `warnings`), and requests to another host (the site is `file:` or the test's own server on
/// 127.0.0.1). `page.done()` fails the test with what it saw, then closes the page.
export async function watch(page, url, { warnings = false } = {}) {
  const problems = [];
  page.on('console', (m) => {
    // Browsers ask a host for /favicon.ico on their own; the site has none.
    if (m.location().url?.endsWith('/favicon.ico')) return;
    if (m.type() === 'error' || (warnings && m.type() === 'warning')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'file:' && u.hostname !== '127.0.0.1') problems.push(`request to another host: ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForLoadState('load');
  page.done = async () => {
    assert.deepEqual(problems, [], 'console errors or requests');
    await page.close();
  };
  return page;
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/// What axe-core finds wrong with the page as it stands: a line per rule broken, with (up to three of) the
/// elements that break it; empty when the page is clean.
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => (await window.axe.run(document, { preload: false }))
    .violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
}
