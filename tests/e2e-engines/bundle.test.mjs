// The single offline file (parallax-pack's parallax.html) opened from file:// in Firefox ESR and
// WebKitGTK: the library, search with highlights and a comparison work, a note written there is
// kept across a reload of the file, and nothing is logged or requested (engines.mjs says how each
// is seen). The file is packed here, as bundle.test.mjs of the Chromium suite does, from the
// suite's copy of the release build (the build plus the test's recorder script, which the packer
// puts inside like every other script).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { DIST, manifestIds } from '../e2e/harness.mjs';
import { By, ENGINES, addNoteUnderP2, ROOT, openSession, prepareBuild, problemsOf, scratchDir, stopDisplay, startOtherOrigin } from './engines.mjs';

let root;
let out;
let file;
let other;

before(async () => {
  root = await prepareBuild(DIST);
  out = await scratchDir('parallax-engines-bundle-');
  const [cmd, args] = process.env.PARALLAX_PACK ? [process.env.PARALLAX_PACK, []] : ['cargo', ['run', '-q', '--offline', '-p', 'parallax-pack', '--']];
  const r = spawnSync(cmd, [...args, root, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.status, 0, `parallax-pack failed (${r.error ?? `exit ${r.status}`}):\n${r.stderr}`);
  file = pathToFileURL(join(out, 'parallax.html')).href;
  other = await startOtherOrigin();
});

after(async () => {
  await other?.close();
  for (const d of [root, out]) if (d) await rm(d, { recursive: true, force: true });
});

/** Only the file itself and what is inside it. */
const inside = (url) => url.split('#')[0] === file || /^(data|blob):/.test(url);

for (const engine of ENGINES) {
  describe(`${engine}: the single offline file from file://`, () => {
    let session = null;

    after(stopDisplay);
    afterEach(async () => {
      const s = session;
      session = null;
      if (!s) return;
      try {
        assert.deepEqual(await problemsOf(s, { allowed: inside, other }), [], `${engine}: the single file must log nothing and request nothing`);
      } finally {
        await s.quit();
      }
    });

    async function openFile(hash = '') {
      session = await openSession(engine, { proxy: other.hostPort });
      await session.open(file + hash);
      return session;
    }

    it('runs the library, search with highlights and a comparison', async () => {
      const s = await openFile();
      const policy = await s.run(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
      assert.match(policy, /default-src 'none'/);
      assert.match(policy, /connect-src 'none'/);
      assert.equal(await s.run(() => location.protocol), 'file:');
      await s.waitFor(() => document.querySelectorAll('ul.library > li.source-card').length === 5, 'the library never listed five sources');
      assert.deepEqual(await s.run(() => [...document.querySelectorAll('ul.library > li.source-card')].map((c) => c.dataset.doc)), await manifestIds());

      await s.run(() => {
        location.hash = '#/explore';
      });
      await s.waitFor(() => document.querySelector('#q') && document.querySelectorAll('li.result').length > 0, 'the explorer listed nothing');
      await s.driver.findElement(By.css('#q')).sendKeys('sanctions');
      await s.waitFor(
        () => /[#&?]q=sanctions(&|$)/.test(location.hash) && document.querySelectorAll('li.result mark').length > 0,
        'the search for "sanctions" never showed highlighted results',
        () => ({ hash: location.hash, results: document.querySelectorAll('li.result').length }),
      );
      const marks = await s.run(() => [...document.querySelectorAll('li.result mark')].map((m) => m.textContent));
      assert.ok(marks.every((m) => /^sanction/i.test(m)), `marks: ${marks}`);

      await s.run(() => {
        location.hash = '#/compare/002/004?theme=trade';
      });
      await s.waitFor(
        () => document.querySelectorAll('.cmp-row .cmp-col').length === 2 && document.querySelectorAll('.cmp-row mark.cmp-shared-span').length > 0,
        'the comparison of 002 and 004 never showed two columns with shared wording marked',
        () => ({ hash: location.hash, main: document.querySelector('main')?.innerText.slice(0, 300) }),
      );
      assert.deepEqual(await s.run(() => [...document.querySelector('.cmp-row').querySelectorAll('.cmp-col')].map((c) => c.dataset.doc)), ['002', '004']);
    });

    it('keeps a note written in it across a reload of the file', async () => {
      const s = await openFile('#/read/001');
      const text = `Written offline in ${engine}, from file://.`;
      const shown = await addNoteUnderP2(s, text);
      await s.reload();
      await s.waitFor(shown, 'the note is gone after a reload of the file', () => document.querySelector('main')?.innerText.slice(0, 300), text);
      await s.run(() => {
        location.hash = '#/notes';
      });
      await s.waitFor(
        (t) => [...document.querySelectorAll('.notes-list li.note[data-doc="001"][data-passage="p2"]')].some((li) => li.textContent.includes(t)),
        'the notes view does not list the note',
        null,
        text,
      );
    });
  });
}
