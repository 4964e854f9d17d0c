// Installable and offline: the manifest and its icons are served; after one visit the service
// worker has precached the build, and with the network cut the app still loads, searches and
// compares; a new build is announced with "reload to update", never swapped in under the page,
// and after the reload only the new build's cache is left. Served from a copy of the build, which
// the update test changes. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DIST, Harness } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const root = await mkdtemp(join(tmpdir(), 'parallax-offline-'));
await cp(DIST, root, { recursive: true });
const h = new Harness({ root });
const SW = resolve(import.meta.dirname, '../../tools/sw.mjs');

/** Opens the app with service workers on and waits until one controls the page. */
async function firstVisit(hash = '#/') {
  const page = await h.newPage({ serviceWorkers: 'allow' });
  await h.open(page, hash);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
}

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).sort());

describe('offline and installable', () => {
  h.install({ before, after, afterEach });
  after(() => rm(root, { recursive: true, force: true }));

  it('links a manifest whose icons are served, and precaches the build under a cache named by its hash', async () => {
    const page = await firstVisit();
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="manifest"]').href;
      const m = await (await fetch(href)).json();
      const icons = await Promise.all(m.icons.map(async (i) => {
        const r = await fetch(new URL(i.src, href));
        return { sizes: i.sizes, ok: r.ok, type: r.headers.get('content-type') };
      }));
      return { name: m.name, start: m.start_url, display: m.display, icons };
    });
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((i) => i.sizes === '192x192') && manifest.icons.some((i) => i.sizes === '512x512'));
    assert.ok(manifest.icons.every((i) => i.ok && i.type === 'image/png'), JSON.stringify(manifest.icons));
    const sw = await readFile(join(root, 'sw.js'), 'utf8');
    const build = /const CACHE = 'parallax-([0-9a-f]{16})'/.exec(sw)?.[1];
    assert.ok(build, 'sw.js names no build');
    assert.deepEqual(await cacheNames(page), [`parallax-${build}`]);
    // Every file of the build is in the cache, the wasm among them.
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), `parallax-${build}`);
    assert.ok(cached.some((p) => p.endsWith('_bg.wasm')) && cached.includes('/index.html'), cached.join(' '));
  });

  it('works with the network cut after the first visit: loads, searches, compares, imports', async () => {
    const page = await firstVisit('#/explore');
    await page.waitForSelector('li.result');
    await page.context().setOffline(true);
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.fill('#q', 'sanctions');
    await page.waitForSelector('li.result mark');
    await page.evaluate(() => {
      location.hash = '#/compare/002/004';
    });
    await page.waitForSelector('.cmp-row');
    // A second tab opened offline, on another view.
    const other = await page.context().newPage();
    await other.goto(`${h.origin}/#/read/004/p19`);
    await other.waitForSelector('.passage--target');
    // An import, read and cleaned by the import worker, whose script comes from the cache too.
    await other.evaluate(() => {
      location.hash = '#/';
    });
    const workers = [];
    other.on('worker', (w) => workers.push(new URL(w.url()).pathname));
    await other.setInputFiles('#own-files', [join(HERE, '../../crates/core/tests/fixtures/import/article.md')]);
    await other.waitForSelector('.import-results > li.import-ok');
    assert.deepEqual(workers, ['/import-worker.js']);
    assert.equal(await other.evaluate(() => document.documentElement.dataset.importRan), 'worker');
    await page.context().setOffline(false);
  });

  it('announces a new build with "reload to update", and after the reload only the new build is left', async () => {
    const page = await firstVisit('#/read/001');
    await page.waitForSelector('article.reader');
    const [old] = await cacheNames(page);
    // A new build: the page shown changes (the reader's own page, read-001.html, under which the
    // app writes the reader's link), so its hash and the worker's cache name change.
    await page.waitForURL((u) => u.pathname === '/read-001.html');
    const index = join(root, 'read-001.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace('</head>', '<meta name="parallax-test-build" content="2">\n  </head>'));
    await promisify(execFile)(process.execPath, [SW, root]);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const prompt = page.locator('.update-prompt[role="status"]');
    await prompt.waitFor();
    assert.match(await prompt.textContent(), /A new version of Parallax is ready\./);
    // Not swapped in: the page still runs the old build, from the old cache, and both caches exist
    // until the reader says so.
    assert.equal(await page.locator('meta[name="parallax-test-build"]').count(), 0);
    assert.equal((await cacheNames(page)).length, 2);
    await page.locator('article.reader p.passage').first().waitFor();
    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload to update' }).click()]);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('meta[name="parallax-test-build"]').count(), 1, 'the reload did not bring the new build');
    await page.waitForFunction((old) => caches.keys().then((k) => k.length === 1 && k[0] !== old), old);
    assert.equal(await page.locator('.update-prompt').count(), 0);
    await page.waitForSelector('article.reader p.passage');
  });

  it('never mixes builds: a deployment caught half-way is refused, and the old build still starts offline', async () => {
    const page = await firstVisit('#/read/002');
    const [old] = await cacheNames(page);
    // The next build, made in a scratch copy: one stylesheet changed, so sw.js expects new bytes.
    const next = await mkdtemp(join(tmpdir(), 'parallax-next-'));
    await cp(root, next, { recursive: true });
    const css = (await readdir(next)).find((n) => /^style-.*\.css$/.test(n));
    assert.ok(css, 'the build has its stylesheet');
    await writeFile(join(next, css), `${await readFile(join(next, css), 'utf8')}\nbody { outline: 3px solid red; }\n`);
    await promisify(execFile)(process.execPath, [SW, next]);
    // Half-way through the upload: the new sw.js is up, the stylesheet is still the old one.
    await cp(join(next, 'sw.js'), join(root, 'sw.js'));
    const outcome = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const installing = new Promise((resolve) => registration.addEventListener('updatefound', () => resolve(registration.installing), { once: true }));
      await registration.update().catch(() => {});
      const worker = await installing;
      if (worker.state !== 'redundant' && worker.state !== 'installed') {
        await new Promise((resolve) => worker.addEventListener('statechange', () => ['redundant', 'installed'].includes(worker.state) && resolve()));
      }
      return { state: worker.state, waiting: registration.waiting !== null };
    });
    assert.deepEqual(outcome, { state: 'redundant', waiting: false }, 'the new worker must refuse the mixed files');
    assert.deepEqual(await cacheNames(page), [old], 'only the complete build is cached');
    assert.equal(await page.locator('.update-prompt').count(), 0, 'no update is offered');
    // Offline, the page starts as the old build, stylesheet and all.
    await page.context().setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForSelector('article.reader p.passage');
    const style = await page.evaluate(() => ({ outline: getComputedStyle(document.body).outlineStyle, main: getComputedStyle(document.querySelector('main')).maxWidth }));
    assert.equal(style.outline, 'none', 'the old stylesheet, not the half-uploaded new one');
    assert.notEqual(style.main, 'none', 'the stylesheet is applied');
    await page.context().setOffline(false);
    // The upload completes: now the new build installs and is offered.
    await cp(join(next, css), join(root, css));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.locator('.update-prompt[role="status"]').waitFor();
    await rm(next, { recursive: true, force: true });
  });
});
