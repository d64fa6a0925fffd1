// Shared by the browser tests and the screenshot command: Debian's Chromium driven by playwright-core (which
// never downloads a browser), and a tiny static server for the built site.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.ALMANAC_CHROMIUM || '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SITE = resolve(process.env.ALMANAC_SITE || join(REPO, 'output'));
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

/// Serves `root` on 127.0.0.1 at a free port; resolves to { url, close }.
export function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    ok({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((c) => server.close(c)) });
  }));
}

export const fileBase = () => pathToFileURL(SITE).href + '/';
