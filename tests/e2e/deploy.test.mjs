// The build as a static host serves it: beside each text and wasm file, a gzip and a Brotli copy
// (tools/compress.mjs) that decompress to the file's own bytes, for hosts that send precompressed
// files; the service worker precaches the files, never a copy; and the site works in a folder of
// its own (`https://school.example/parallax/`), every request staying in that folder.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST, Harness } from './harness.mjs';

const TEXT = new Set(['.html', '.js', '.css', '.wasm', '.webmanifest']);

describe('deployment', () => {
  it('each text and wasm file has a smaller .gz and .br copy of the same bytes, and the service worker precaches none of them', async () => {
    const names = (await readdir(DIST)).sort();
    const files = names.filter((n) => TEXT.has(extname(n)) && n !== 'parallax.html');
    assert.ok(files.some((n) => n.endsWith('.wasm')) && files.includes('index.html'), `no build in ${DIST}: ${names}`);
    for (const name of files) {
      const bytes = await readFile(join(DIST, name));
      for (const [ext, decompress] of [['.gz', gunzipSync], ['.br', brotliDecompressSync]]) {
        // A copy is left out only when it would not be smaller (a tiny file).
        if (!names.includes(name + ext)) {
          assert.ok(bytes.length < 200, `${name} (${bytes.length} bytes) has no ${ext} copy`);
          continue;
        }
        const copy = await readFile(join(DIST, name + ext));
        assert.ok(copy.length < bytes.length, `${name}${ext} is not smaller than ${name}`);
        assert.ok(decompress(copy).equals(bytes), `${name}${ext} does not decompress to ${name}`);
      }
    }
    const wasm = files.find((n) => n.endsWith('.wasm'));
    const sizes = await Promise.all([wasm, `${wasm}.gz`, `${wasm}.br`].map(async (n) => (await readFile(join(DIST, n))).length));
    assert.ok(sizes[2] < sizes[1], `Brotli (${sizes[2]} bytes) is not smaller than gzip (${sizes[1]}) for the wasm`);
    const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
    assert.match(sw, /index\.html/);
    assert.doesNotMatch(sw, /\.(gz|br)["']/, 'the service worker precaches a compressed copy');
  });
});

describe('deployment in a folder of its own', () => {
  const h = new Harness({ base: '/parallax/' });
  h.install({ before, after, afterEach });

  it('the library, a reader page and a passage link work under /parallax/, asking nothing outside it', async () => {
    const page = await h.newPage();
    await h.open(page, '');
    await page.waitForSelector('.library-view .source-card');
    await page.click('.source-card[data-doc="002"] h2 a');
    await page.waitForSelector('article.reader[data-doc="002"]');
    await page.waitForURL((u) => u.pathname === '/parallax/read-002.html');
    // A copied reader link opens on its own page, from the same folder.
    const link = page.url().replace(/#.*/, '') + '#/read/002/p4';
    const other = await h.newPage();
    await other.goto(link);
    await other.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await other.waitForSelector('p.passage--target[data-passage="p4"]');
    const outside = h.server.requests.filter((r) => !r.split(' ')[1].startsWith('/parallax/'));
    const failed = h.server.requests.filter((r) => !r.endsWith(' 200'));
    assert.deepEqual(outside, [], 'requests outside the site\'s folder');
    assert.deepEqual(failed, [], 'requests that failed');
  });
});
