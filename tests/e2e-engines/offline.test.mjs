// The service worker's offline start in Firefox ESR and WebKitGTK, as offline.test.mjs checks it
// in Chromium: a first visit installs the worker and precaches the build; then the page's server
// is stopped, and a reload still starts the app, which searches and compares. Nothing is logged
// and nothing asked of another origin (engines.mjs says how each is seen).

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { DIST, startServer } from '../e2e/harness.mjs';
import { By, ENGINES, openSession, prepareBuild, problemsOf, stopDisplay, startOtherOrigin, until } from './engines.mjs';

let root;
let other;

before(async () => {
  root = await prepareBuild(DIST);
  other = await startOtherOrigin();
});

after(async () => {
  await other?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

for (const engine of ENGINES) {
  describe(`${engine}: offline start from the service worker`, () => {
    let session = null;
    let origin;

    after(stopDisplay);
    afterEach(async () => {
      const s = session;
      session = null;
      if (!s) return;
      try {
        const allowed = (u) => u.startsWith(origin + '/') || /^(data|blob):/.test(u);
        assert.deepEqual(await problemsOf(s, { allowed, other }), [], `${engine}: the page must log nothing and request only its own origin`);
      } finally {
        await s.quit();
      }
    });

    it('after one visit the app starts, searches and compares with its server stopped', async () => {
      const server = await startServer(root);
      origin = server.origin;
      let stopped = false;
      try {
        const s = (session = await openSession(engine, { proxy: other.hostPort }));
        await s.open(`${origin}/#/explore`);
        await s.waitFor(() => document.querySelectorAll('li.result').length > 0, 'the explorer listed nothing');
        assert.equal(await s.run(() => 'serviceWorker' in navigator), true, `${engine} has no service workers`);
        await s.waitFor(() => navigator.serviceWorker.controller !== null, 'no service worker took control of the page');
        // The whole build is in the worker's cache, the wasm among them.
        const cached = await s.run(async () => {
          const names = await caches.keys();
          const files = [];
          for (const n of names) for (const r of await (await caches.open(n)).keys()) files.push(new URL(r.url).pathname);
          return { names, files };
        });
        assert.equal(cached.names.length, 1, JSON.stringify(cached.names));
        assert.ok(cached.files.includes('/index.html') && cached.files.some((p) => p.endsWith('_bg.wasm')), cached.files.join(' '));

        await server.close();
        stopped = true;
        await assert.rejects(fetch(`${origin}/index.html`), 'the server still answers');
        await s.reload();
        await s.waitFor(() => document.querySelector('#q') !== null, 'the explorer did not come back offline');
        await s.driver.findElement(By.css('#q')).sendKeys('sanctions');
        await s.waitFor(
          () => /[#&?]q=sanctions(&|$)/.test(location.hash) && document.querySelectorAll('li.result mark').length > 0,
          'offline, the search for "sanctions" showed no highlighted results',
          () => ({ hash: location.hash, main: document.querySelector('main')?.innerText.slice(0, 300) }),
        );
        await s.run(() => {
          location.hash = '#/compare/002/004';
        });
        await s.waitFor(() => document.querySelectorAll('.cmp-row').length > 0, 'offline, the comparison showed no rows');
        // A view opened offline as a new document, not only a hash change.
        await s.driver.get('about:blank');
        await s.open(`${origin}/#/read/004/p19`);
        await s.waitFor(() => document.querySelector('.passage--target') !== null, 'offline, the passage link did not open its passage');
        await until(() => s.run(() => navigator.onLine !== undefined), 'page gone');
      } finally {
        if (!stopped) await server.close();
      }
    });
  });
}
