// The offline bundle: `parallax-pack` run on the release build writes parallax.html (the whole app
// in one file) and parallax.zip (the build for a static server). The single file is opened from
// file:// in a context that aborts and records every request that is not the file itself (data:
// and blob: URLs are inside the page), and must run the library, search and comparison with an
// empty console and no request at all. The zip must hold the build as it is.
//
// The packer runs as `cargo run -q --offline -p parallax-pack` (the debug build that `cargo test`
// already made), or as the binary named by PARALLAX_PACK.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ARTIFACTS, DIST, WAIT_MS, eventually, launchBrowser, manifestIds, screenshot, runPack } from './harness.mjs';
import { injectHostile } from './inject.mjs';

const here = dirname(fileURLToPath(import.meta.url));


/** The entries of a zip, read from its central directory: name, method, sizes and contents. */
function readZip(buf) {
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  assert.ok(end >= 0, 'the zip has no end-of-central-directory record');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const entries = [];
  for (let k = 0; k < count; k++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, `central directory entry ${k} has a bad signature`);
    const method = buf.readUInt16LE(p + 10);
    const [time, date] = [buf.readUInt16LE(p + 12), buf.readUInt16LE(p + 14)];
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + compressed);
    entries.push({ name, method, time, date, data: () => (method === 8 ? inflateRawSync(raw) : raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

describe('offline bundle (parallax-pack)', () => {
  let out;
  let stdout;
  let browser;
  const pages = [];

  before(async () => {
    await stat(join(DIST, 'index.html')).catch(() => {
      throw new Error(`${DIST}/index.html is missing: run \`trunk build --release --offline\` (or \`make build\`) first`);
    });
    out = await mkdtemp(join(tmpdir(), 'parallax-bundle-'));
    stdout = runPack(out);
    browser = await launchBrowser();
    await mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    for (const p of pages) await p.context.close();
    await browser?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  /**
   * Opens parallax.html from file:// (with `hash`) in a fresh context where every request but
   * the file itself is aborted and recorded; console messages and page errors are recorded too.
   */
  async function openFile(hash = '') {
    const file = pathToFileURL(join(out, 'parallax.html')).href;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(WAIT_MS);
    const log = { console: [], errors: [], requests: [], blocked: [] };
    const isFile = (url) => url.split('#')[0] === file;
    const inside = (url) => isFile(url) || url.startsWith('data:') || url.startsWith('blob:');
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isFile(url)) return route.continue();
      log.blocked.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (r) => {
      if (!inside(r.url())) log.requests.push(r.url());
    });
    const page = await context.newPage();
    page.on('console', (m) => log.console.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.stack || e.message || e}`));
    pages.push({ context });
    await page.goto(file + hash);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    page.log = log;
    page.quiet = () => {
      assert.deepEqual([...log.console, ...log.errors], [], 'the single file must log nothing');
      assert.deepEqual(
        [...new Set([...log.requests, ...log.blocked.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'))])],
        [],
        'the single file must request nothing',
      );
    };
    return page;
  }

  it('prints the size and SHA-256 of parallax.html and parallax.zip, and the page carries its payload checksum', async () => {
    const html = await readFile(join(out, 'parallax.html'));
    const zip = await readFile(join(out, 'parallax.zip'));
    const sha = (b) => createHash('sha256').update(b).digest('hex');
    assert.match(stdout, new RegExp(`parallax\\.html\\s+${html.length} bytes\\s+sha256 ${sha(html)}`));
    assert.match(stdout, new RegExp(`parallax\\.zip\\s+${zip.length} bytes\\s+sha256 ${sha(zip)}`));
    // The payload: the wasm, the wasm-bindgen JS, then every other script and stylesheet file in
    // the order index.html names them.
    const index = await readFile(join(DIST, 'index.html'), 'utf8');
    const js = index.match(/import\s+init\s*,\s*\*\s*as\s+bindings\s+from\s+'\/?([^']+)'/)[1];
    const wasm = index.match(/'\/?([^']+_bg\.wasm)'/)[1];
    // Each stylesheet link's href and script's src, in order, however the tag is written (the
    // release build's index.html is minified: attributes unquoted and in any order).
    const attrs = (tag) =>
      Object.fromEntries([...tag.matchAll(/\s([\w-]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)].map((m) => [m[1], (m[2] ?? '').replace(/^["']|["']$/g, '')]));
    const others = [...index.matchAll(/<(link|script)\b[^>]*>/g)]
      .map((m) => [m[1], attrs(m[0])])
      .map(([tag, a]) => (tag === 'link' ? (a.rel === 'stylesheet' ? a.href : null) : a.src))
      .filter(Boolean)
      .map((f) => f.replace(/^\//, ''));
    const payload = createHash('sha256');
    for (const f of [wasm, js, ...others]) payload.update(await readFile(join(DIST, f)));
    const text = html.toString('utf8');
    assert.match(text, new RegExp(`<meta name="parallax-bundle" content="${payload.digest('hex')}">`));
    // Nothing in the page refers to a file of the build any more (the comment beside the meta
    // names them, as what the checksum covers).
    const code = text.replace(/<!--[\s\S]*?-->/g, '');
    for (const f of [wasm, js, ...others]) assert.ok(!code.includes(f), `parallax.html still refers to ${f}`);
  });

  it('opened from file:// with every request blocked: the library, search with highlights and the comparison work, silently', async () => {
    const page = await openFile();
    const policy = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /connect-src 'none'/);
    const bundle = await page.$eval('meta[name="parallax-bundle"]', (m) => m.content);
    assert.match(bundle, /^[0-9a-f]{64}$/);

    await page.waitForSelector('ul.library > li.source-card');
    const cards = await page.$$eval('ul.library > li.source-card', (cs) => cs.map((c) => c.dataset.doc));
    assert.equal(cards.length, 5, `expected 5 sources, saw ${cards.length}`);
    assert.deepEqual(cards, await manifestIds());
    await screenshot(page, 'bundle-library');

    await page.evaluate(() => {
      location.hash = '#/explore?q=sanctions';
    });
    await eventually(
      page,
      'the search for "sanctions" never showed highlighted results',
      () => document.querySelectorAll('li.result').length > 0 && document.querySelectorAll('li.result mark').length > 0,
      null,
      () => ({ hash: location.hash, results: document.querySelectorAll('li.result').length, main: document.querySelector('main')?.innerText.slice(0, 300) }),
    );
    const marks = await page.$$eval('li.result mark', (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.every((m) => /^sanction/i.test(m)), `marks: ${marks}`);

    await page.evaluate(() => {
      location.hash = '#/compare/002/004';
    });
    await eventually(
      page,
      'the comparison of 002 and 004 never showed rows',
      () => document.querySelectorAll('.cmp-row').length > 0,
      null,
      () => ({ hash: location.hash, main: document.querySelector('main')?.innerText.slice(0, 300) }),
    );
    // A theme's passages are made when it is opened.
    await page.click('.cmp-row > summary');
    await eventually(page, 'the first theme never opened', () => document.querySelectorAll('.cmp-row .cmp-col').length > 0);
    const cols = await page.$eval('.cmp-row', (r) => [...r.querySelectorAll('.cmp-col')].map((c) => c.dataset.doc));
    assert.deepEqual(cols, ['002', '004']);
    await screenshot(page, 'bundle-compare');

    // Back returns to the search, still inside the one file.
    await page.goBack();
    await page.waitForSelector('li.result mark');
    page.quiet();
  });

  it('under its own policy an injected script does not run and no image from elsewhere is requested', async () => {
    const page = await openFile('#/read/002');
    await page.waitForSelector('article.reader p.passage');
    const result = await injectHostile(page);
    assert.equal(result.ran, false, 'the injected script must not run');
    assert.equal(result.image, 'error', 'the image is refused');
    // The policy stops the images before the network: the route that aborts everything else
    // never sees them (the browser still announces them, blocked, as requests).
    assert.deepEqual(page.log.blocked.filter((u) => u.includes('198.51.100.7')), [], 'no request leaves the file');
    const expected = (m) => /Content Security Policy/i.test(m);
    assert.ok(page.log.console.some(expected), 'the browser reports the refusal');
    page.log.console.splice(0, page.log.console.length, ...page.log.console.filter((m) => !expected(m)));
    page.log.requests.splice(0, page.log.requests.length, ...page.log.requests.filter((u) => !u.includes('198.51.100.7')));
    page.quiet();
  });

  it('a link into the single file (file://…/parallax.html#/read/001) opens that view directly', async () => {
    const page = await openFile('#/read/001');
    await page.waitForSelector('article.reader[data-doc="001"] p.passage');
    page.quiet();
  });

  it('the methods panel of the single file shows its bundle checksum, the one in its meta', async () => {
    const page = await openFile('#/methods');
    const meta = await page.$eval('meta[name="parallax-bundle"]', (m) => m.content);
    await page.waitForSelector('.bundle-checksum');
    assert.equal(await page.locator('.bundle-checksum').textContent(), meta);
    page.quiet();
  });

  it('a lesson link into the single file opens at its step, the methods step showing the same checksum', async () => {
    const page = await openFile('#/lesson?title=Offline&step=/map!Look&step=/methods!Check&at=2');
    await page.waitForSelector('.lesson-step .bundle-checksum');
    assert.equal(await page.locator('.lesson-count').textContent(), 'Step 2 of 2');
    assert.equal(await page.locator('.lesson-note').textContent(), 'Check');
    const meta = await page.$eval('meta[name="parallax-bundle"]', (m) => m.content);
    assert.equal(await page.locator('.bundle-checksum').textContent(), meta);
    page.quiet();
  });

  it('notes written in the single file survive a reload of it, with no request', async () => {
    const page = await openFile('#/read/001');
    const box = page.locator('.passage-notes[data-passage="p2"]');
    await box.locator('details.note-add summary').click();
    await box.locator('textarea').fill('Written offline, from file://.');
    await box.getByRole('button', { name: 'Save note' }).click();
    await box.locator('.note-text', { hasText: 'Written offline, from file://.' }).waitFor();
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.locator('.passage-notes[data-passage="p2"] .note-text', { hasText: 'Written offline, from file://.' }).waitFor();
    await page.evaluate(() => {
      location.hash = '#/notes';
    });
    await page.locator('.notes-list li.note[data-doc="001"][data-passage="p2"]').waitFor();
    page.quiet();
  });

  it('parallax.zip holds the build as it is: index.html, the wasm and every other file, deflated, sorted, dated 1980-01-01', async () => {
    const entries = readZip(await readFile(join(out, 'parallax.zip')));
    const names = entries.map((e) => e.name);
    assert.ok(names.includes('index.html'), `no index.html in ${names}`);
    assert.ok(names.some((n) => n.endsWith('_bg.wasm')), `no wasm in ${names}`);
    const files = (await readdir(DIST, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath ?? d.path, d.name).slice(DIST.length + 1).split('\\').join('/'))
      .filter((n) => !n.split('/').some((s) => s.startsWith('.')) && n !== 'parallax.html' && n !== 'parallax.zip')
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    assert.deepEqual(names, files);
    for (const e of entries) {
      assert.equal(e.method, 8, `${e.name} is not deflated`);
      assert.deepEqual([e.time, e.date], [0, 0x21], `${e.name} is not dated 1980-01-01 00:00`);
      assert.ok(e.data().equals(await readFile(join(DIST, e.name))), `${e.name} in the zip differs from the build`);
    }
  });
});
