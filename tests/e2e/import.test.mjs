// Bringing your own documents: real files chosen in the library's file input (Playwright's
// setInputFiles) or dropped on its drop zone or anywhere on another view (with an overlay while
// dragging; text and links dragged onto the page do nothing), imported in the browser by the core
// pipeline, with the progress of each file of a batch painted before its import. Good
// .txt, .md and .html files appear in the library (marked "Your document"), the explorer and
// compare; each bad file gets its own message naming it while the others of the batch import;
// documents survive a reload and can be removed (links to them then show not-found); storage that
// is blocked, full or corrupted gives a notice and the documents still work for the visit. Every
// test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, norm, screenshot, withoutVersion } from './harness.mjs';
import { page as webPage } from './worst-shapes.mjs';

const h = new Harness();
const HERE = dirname(fileURLToPath(import.meta.url));
// The core's import fixtures, and the one file only this test needs (a second UTF-16 text without
// a byte-order mark, different from the core's, so that one batch can hold both).
const CORE_FIXTURES = join(HERE, '../../crates/core/tests/fixtures/import');
const OWN_FIXTURES = join(HERE, 'fixtures/import');
const KEY = 'parallax-documents';
const UNREADABLE_KEY = 'parallax-documents-unreadable';

/** Paths of committed fixtures. */
const fixture = (name) => (existsSync(join(OWN_FIXTURES, name)) ? join(OWN_FIXTURES, name) : join(CORE_FIXTURES, name));

/** A committed fixture as a buffer, for batches that mix fixtures with generated files (Playwright
 * takes either paths or buffers in one call). */
async function asBuffer(name) {
  return { name, mimeType: 'application/octet-stream', buffer: await readFile(fixture(name)) };
}

/** A 20 MB text file: refused from its size, before it is read. */
const big = () => ({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(20_000_000, 'a') });

/** A file that is one line of prose, of `bytes` bytes. */
function oneLine(name = 'line.txt', bytes = 150_000) {
  const sentences = [
    'Iran and Russia signed a treaty on trade and energy in January. ',
    'The corridor carries grain, timber and steel to the Caspian ports. ',
    'Payments are settled in rubles and rials, outside SWIFT. ',
    'Analysts doubt that the partnership is equal. ',
  ];
  let s = '';
  for (let k = 0; s.length < bytes; k++) s += sentences[k % 4];
  return { name, mimeType: 'text/plain', buffer: Buffer.from(s) };
}

/** What the import area and the library show, read in the page. */
function snapshot() {
  return {
    hash: location.hash,
    batch: document.querySelector('.import-status')?.dataset.batch ?? null,
    progress: document.querySelector('.import-progress')?.textContent ?? null,
    summary: document.querySelector('.import-summary')?.textContent ?? null,
    results: [...document.querySelectorAll('.import-results > li')].map((li) => ({
      ok: li.classList.contains('import-ok'),
      file: li.dataset.file,
      doc: li.dataset.doc ?? null,
      kind: li.dataset.kind ?? null,
      text: li.textContent.replace(/\s+/g, ' ').trim(),
      notes: [...li.querySelectorAll('.import-notes li')].map((n) => n.textContent),
    })),
    cards: [...document.querySelectorAll('ul.library > li.source-card')].map((li) => ({
      doc: li.dataset.doc,
      title: li.querySelector('h2 a')?.textContent ?? null,
      badge: li.querySelector('.own-badge')?.textContent ?? null,
      remove: li.querySelector('button.own-remove')?.getAttribute('aria-label') ?? null,
    })),
    notices: [...document.querySelectorAll('.own-notice')].map((p) => `${p.dataset.problem}: ${p.textContent}`),
  };
}

/** Chooses files in the library's input and waits until batch number `batch` has finished. */
async function importFiles(page, files, batch = 1) {
  await page.setInputFiles('#own-files', files);
  await eventually(
    page,
    `import batch ${batch} of ${files.length} files never finished`,
    ([batch, n]) => {
      const status = document.querySelector('.import-status');
      return (
        status?.dataset.batch === String(batch) &&
        !document.querySelector('.import-progress') &&
        document.querySelectorAll('.import-results > li').length === n
      );
    },
    [batch, files.length],
    snapshot,
  );
  return page.evaluate(snapshot);
}

/** Follows a link inside the app (a `hashchange`, as a click on a link does). */
async function follow(page, hash) {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, hash);
}

/** Waits until the library lists exactly these own documents (after the built-in sources). */
async function ownCards(page, docs) {
  await follow(page, '#/');
  await eventually(
    page,
    `the library never listed the own documents ${docs.join(', ')}`,
    (docs) => {
      const own = [...document.querySelectorAll('ul.library > li.source-card')].filter((li) => li.querySelector('.own-badge'));
      return own.map((li) => li.dataset.doc).join(',') === docs.join(',');
    },
    docs,
    snapshot,
  );
  return page.evaluate(snapshot);
}

/** Searches the explorer for `word` and returns the documents of the results. */
async function explore(page, word) {
  await follow(page, `#/explore?q=${word}`);
  await eventually(
    page,
    `the explorer never showed results for ${word}`,
    (word) => location.hash.includes(`q=${word}`) && document.querySelectorAll('li.result').length > 0,
    word,
    () => ({ hash: location.hash, count: document.querySelector('.result-count')?.textContent, notFound: !!document.querySelector('[data-testid="not-found"]') }),
  );
  return page.$$eval('li.result', (rs) => [...new Set(rs.map((r) => r.dataset.doc))]);
}

describe('import', () => {
  h.install({ before, after, afterEach });

  it('a good .txt, .md and .html import, are marked as the reader\'s own, and appear in the explorer, compare and the reader', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    // .json: a collection file (a teacher's documents) is opened from the same picker.
    assert.equal(await page.getAttribute('#own-files', 'accept'), '.txt,.md,.html,.htm,.json');
    assert.equal(await page.$eval('#own-files', (i) => i.multiple), true);
    const s = await importFiles(page, [fixture('article.txt'), fixture('article.md'), fixture('page.html')]);
    assert.equal(s.summary, '3 files imported.');
    assert.deepEqual(
      s.results.map((r) => `${r.file}=${r.doc}`),
      ['article.txt=own1', 'article.md=own2', 'page.html=own3'],
    );
    const md = s.results[1];
    assert.match(md.text, /What the import changed/);
    assert.ok(md.notes.some((n) => /front matter/i.test(n)), `notes of article.md: ${md.notes}`);
    const html = s.results[2];
    assert.ok(html.notes.some((n) => /script/i.test(n)), `notes of page.html: ${html.notes}`);

    const lib = await ownCards(page, ['own1', 'own2', 'own3']);
    assert.equal(lib.cards.length, 8, 'the 5 sources and the 3 own documents');
    for (const c of lib.cards.slice(5)) {
      assert.equal(c.badge, 'Your document');
      assert.equal(c.remove, `Remove “${c.title}” from your documents`);
    }
    assert.ok(lib.cards.slice(0, 5).every((c) => c.badge === null && c.remove === null), 'built-in sources are not marked');
    assert.equal(lib.cards[7].title, 'Drones, Deals and Doubts: Inside the Iran–Russia Arms Trade');
    assert.match(norm(await page.textContent('.library-view > .lede')), /^5 sources on one story, and 3 documents of your own\./);

    assert.deepEqual(await explore(page, 'Astara'), ['own1']);
    assert.deepEqual(await explore(page, 'Amirabad'), ['own2']);
    assert.deepEqual(await explore(page, 'Alabuga'), ['own3']);

    await follow(page, '#/compare/001/own1');
    await eventually(
      page,
      'compare never showed 001 beside own1',
      // A folded theme names its sources in its counts ("Passages: 001: 3 · own1: 2").
      () => document.querySelector('.compare-view')?.dataset.docs === '001, own1' && [...document.querySelectorAll('.cmp-row-counts')].some((c) => c.textContent.includes(' · own1: ')),
      null,
      () => ({ hash: location.hash, docs: document.querySelector('.compare-view')?.dataset.docs, notFound: !!document.querySelector('[data-testid="not-found"]') }),
    );

    // The HTML page is read as text: nothing of its markup reaches the page.
    await follow(page, '#/read/own3');
    await page.waitForSelector('article.reader[data-doc="own3"]');
    const reader = await page.evaluate(() => ({
      text: document.querySelector('article.reader').textContent,
      embedded: [...document.querySelectorAll('article.reader :is(script, style, iframe, noscript, template, svg.icon, input[name="email"])')].map((e) => e.outerHTML.slice(0, 80)),
    }));
    assert.deepEqual(reader.embedded, [], 'markup of the imported page reached the reader');
    assert.match(reader.text, /Alabuga/);
    assert.doesNotMatch(reader.text, /dataLayer|<p>|Buy now/);
  });

  it('a page\'s list, quotation, table and caption are shown as what they are, at phone and desktop width', async () => {
    for (const width of [1280, 390]) {
      const page = await h.open(await h.newPage({ width, height: 844 }));
      await page.waitForSelector('#own-files');
      const s = await importFiles(page, [fixture('structure.md')]);
      assert.deepEqual(s.results.map((r) => r.doc), ['own1']);
      await follow(page, '#/read/own1');
      await page.waitForSelector('article.reader[data-doc="own1"] .passage-table');
      const shown = await page.evaluate(() => {
        const r = document.querySelector('article.reader');
        const text = (e) => e?.textContent.replace(/\s+/g, ' ').trim() ?? null;
        return {
          kinds: [...r.querySelectorAll('.passage')].map((p) => p.dataset.kind),
          list: [...r.querySelectorAll('ul.passage-list > li .passage')].map((p) => text(p.firstChild)),
          quote: text(r.querySelector('blockquote.passage-quote .passage')?.firstChild),
          rows: [...r.querySelectorAll('.passage-table .passage--table-row')].map((p) => [...p.querySelectorAll('.cell')].map(text)),
          // Cells of a row sit side by side: each starts to the right of the one before.
          sideBySide: [...r.querySelectorAll('.passage--table-row')].every((p) => {
            const xs = [...p.querySelectorAll('.cell')].map((c) => c.getBoundingClientRect().left);
            return xs.every((x, i) => i === 0 || x > xs[i - 1]);
          }),
          caption: text(r.querySelector('.passage--caption')),
          overflow: document.documentElement.scrollWidth > window.innerWidth,
        };
      });
      assert.deepEqual(shown.kinds, ['paragraph', 'list-item', 'list-item', 'list-item', 'quote', 'table-row', 'table-row', 'table-row', 'table-row', 'caption', 'paragraph']);
      assert.deepEqual(shown.list, [
        'Boats leave the harbour every two hours from seven in the morning.',
        'The last boat back leaves the island at nine in the evening.',
        'Bicycles travel free; cars must be booked a day ahead.',
      ]);
      assert.match(shown.quote, /^We have waited long enough/);
      assert.deepEqual(shown.rows, [
        ['Day', 'First boat', 'Last boat'],
        ['Monday to Friday', '07:00', '21:00'],
        ['Saturday', '08:00', '21:00'],
        ['Sunday', '09:00', '19:00'],
      ]);
      assert.ok(shown.sideBySide, 'the cells of a row are not side by side');
      assert.match(shown.caption, /^Caption: The rebuilt landing stage, tested with a loaded lorry on Monday Link$/);
      assert.equal(shown.overflow, false, `the page scrolls sideways at ${width} px`);
      await page.locator('.passage-table').scrollIntoViewIfNeeded();
      await screenshot(page, 'reader-structure');
      await page.close();
    }
  });

  it('a web page\'s own details (authors, dates, site, language, address, summary) show on its card, in the reader and its profile, and after a reload', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    const s = await importFiles(page, [fixture('metadata.html')]);
    assert.deepEqual(s.results.map((r) => r.doc), ['own1']);
    const header = (root) =>
      page.$eval(root, (r) => ({
        byline: r.querySelector('.doc-meta .byline')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
        facts: r.querySelector('.doc-meta .doc-facts')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
        times: [...r.querySelectorAll('.doc-meta time')].map((t) => t.getAttribute('datetime')),
      }));
    const expected = {
      byline: 'By Ana Ruiz and Peter Holm',
      facts: '20 May 2025, 08:00 · updated 21 May 2025, 17:45 · The Harbour Gazette',
      times: ['2025-05-20T08:00', '2025-05-21T17:45'],
    };
    for (const reload of [false, true]) {
      if (reload) await page.reload();
      await ownCards(page, ['own1']);
      assert.deepEqual(await header('ul.library > li.source-card[data-doc="own1"]'), expected, `card${reload ? ' after a reload' : ''}`);
      await follow(page, '#/read/own1');
      await page.waitForSelector('article.reader[data-doc="own1"]');
      assert.deepEqual(await header('article.reader'), expected, 'reader');
      assert.equal(await page.textContent('article.reader h1'), 'Ferry Link to Reopen After Storm Repairs');
      // Shown with the removed text, the details read in words, in place at the top.
      await follow(page, '#/read/own1?removed=1');
      const details = await page.waitForSelector('aside.removed[data-kind="page-details"] .removed-text');
      const lines = (await details.textContent()).split('\n');
      assert.deepEqual(lines.slice(0, 2), ['Author: Ana Ruiz', 'Author: Peter Holm']);
      assert.ok(lines.includes('Language: en-GB') && !lines.includes('---'), lines.join(' / '));
      assert.deepEqual(
        await page.$$eval('aside.removed', (a) => a.map((x) => x.dataset.kind)),
        ['page-details', 'navigation', 'footer'],
      );
      await follow(page, '#/source/own1');
      await page.waitForSelector('.source-meta dd[data-field="url"]');
      const meta = await page.$$eval('.source-meta dd[data-field]', (dds) => Object.fromEntries(dds.map((d) => [d.dataset.field, d.textContent.replace(/\s+/g, ' ').trim()])));
      assert.equal(meta.byline, 'Ana Ruiz and Peter Holm (from the details the page gives about itself)');
      assert.equal(meta.modified, '21 May 2025, 17:45');
      assert.equal(meta.site, 'The Harbour Gazette');
      assert.equal(meta.url, 'https://gazette.example/news/ferry-link-reopens');
      assert.equal(meta.lang, 'English (en-GB)');
      assert.equal(meta.description, 'The island ferry resumes on 2 June after the pier was rebuilt.');
      if (!reload) await screenshot(page, 'profile-page-details');
    }
  });

  it('each bad file gets its own message naming it, the other files of the batch import, and nothing stored is lost', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    const first = await importFiles(page, [fixture('article.txt')]);
    assert.deepEqual(first.results.map((r) => r.doc), ['own1']);
    const copy = { name: 'article-copy.txt', mimeType: 'text/plain', buffer: await readFile(fixture('article.txt')) };
    const files = [];
    // More text than a document keeps (200 kB): refused with its words counted as the reader
    // counts them, and its size.
    const book = oneLine('book.txt', 1 << 20);
    const words = book.buffer.toString().split(/\s+/).filter(Boolean).length.toLocaleString('en-GB');
    for (const f of ['empty.txt', 'pixel.png', 'latin1.txt', 'utf16le-bom.txt', 'utf16le-nobom.txt', big(), oneLine(), book, 'scripts.html', 'invisible.txt', 'duplicate.txt', copy, 'article.md']) {
      files.push(typeof f === 'string' ? await asBuffer(f) : f);
    }
    const s = await importFiles(page, files, 2);
    const byFile = Object.fromEntries(s.results.map((r) => [r.file, r]));
    const refused = {
      'empty.txt': ['empty', /“empty\.txt” is empty \(0 bytes\)\./],
      'pixel.png': ['binary', /“pixel\.png” is not a text file: it is a PNG image\./],
      'big.txt': ['too-large', /“big\.txt” is too large to import: 20\.0 MB \(the limit is 5 MB\)\./],
      'book.txt': ['too-much-text', new RegExp(`“book\\.txt” holds too much text to import: ${words} words \\(1\\.0 MB\\)\\. Parallax reads documents of up to about 30,000 words \\(200 kB of text\\), so that every view stays quick; split it into parts and import each one\\.`)],
      'scripts.html': ['no-text', /“scripts\.html” has no readable text/],
      'duplicate.txt': ['duplicate', /“duplicate\.txt” has the same text as “.+” \(000\), already in the library\./],
      'article-copy.txt': ['duplicate', /“article-copy\.txt” has the same text as “Caspian Corridor: .+” \(own1\)/],
    };
    for (const [file, [kind, message]] of Object.entries(refused)) {
      const r = byFile[file];
      assert.ok(r, `no message for ${file}: ${JSON.stringify(s.results.map((r) => r.file))}`);
      assert.equal(r.ok, false, `${file} was imported`);
      assert.equal(r.kind, kind, `${file}: ${r.text}`);
      assert.match(r.text, /^Not imported: /);
      assert.match(r.text, message);
    }
    const imported = {
      // Not UTF-8 and no encoding named: read as windows-1252, as a browser reads it.
      'latin1.txt': /Decoded from windows-1252, as browsers read a file that is not UTF-8 and names no encoding: check that the text reads correctly\./,
      'utf16le-bom.txt': /Decoded from UTF-16LE with a byte-order mark\./,
      'utf16le-nobom.txt': /Decoded from UTF-16LE without a byte-order mark, recognised by its pattern of zero bytes/,
      'line.txt': /1 line longer than 32 kB split into [\d,]+ paragraphs at sentence ends\./,
      'invisible.txt': /right-to-left.*removed[\s\S]*zero-width characters removed/,
      'article.md': /Front matter/,
    };
    for (const [file, note] of Object.entries(imported)) {
      const r = byFile[file];
      assert.ok(r?.ok, `${file} was not imported: ${r?.text}`);
      assert.match(r.notes.join('\n'), note, `${file}: ${r.notes}`);
    }
    assert.equal(s.summary, '6 files imported, 7 not imported.');
    assert.deepEqual(
      s.results.filter((r) => r.ok).map((r) => r.doc),
      ['own2', 'own3', 'own4', 'own5', 'own6', 'own7'],
    );
    // What was stored before the batch is still there, and everything survives a reload.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    const lib = await ownCards(page, ['own1', 'own2', 'own3', 'own4', 'own5', 'own6', 'own7']);
    assert.equal(lib.cards[5].title, 'Caspian Corridor: How Rail and Sanctions Pull Tehran and Moscow Together');
    assert.deepEqual(lib.notices, []);
    // Words joined again once zero-width characters are out are found.
    const persian = await explore(page, 'Persian');
    assert.ok(persian.includes('own6'), `"Persian" found in ${persian}`);
  });

  it('documents survive a reload, Remove takes one out (its links then show not-found), and Put it back restores it', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    await importFiles(page, [fixture('article.txt'), fixture('page.html')]);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    const lib = await ownCards(page, ['own1', 'own2']);
    const title = lib.cards[5].title;

    await page.getByRole('button', { name: `Remove “${title}” from your documents` }).click();
    await ownCards(page, ['own2']);
    await eventually(
      page,
      'focus did not move to "Put it back" after Remove',
      () => document.activeElement?.matches('.own-removed button'),
      null,
      () => document.activeElement?.outerHTML.slice(0, 200),
    );
    assert.match(norm(await page.textContent('.own-removed')), new RegExp(`^“${title}” was removed from your documents\\.`));
    await page.keyboard.press('Enter');
    await ownCards(page, ['own1', 'own2']);

    await page.getByRole('button', { name: `Remove “${title}” from your documents` }).click();
    await ownCards(page, ['own2']);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await ownCards(page, ['own2']);
    await follow(page, '#/read/own1');
    await page.waitForSelector('[data-testid="not-found"]');
    // A new import does not take the removed document's id: an old link never opens another.
    await follow(page, '#/');
    await page.waitForSelector('#own-files');
    const again = await importFiles(page, [fixture('article.txt')]);
    assert.deepEqual(again.results.map((r) => r.doc), ['own3']);
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(stored.version, 1);
    assert.deepEqual(stored.documents.map((d) => `${d.id}:${d.name}`), ['own2:page.html', 'own3:article.txt']);
  });

  it('a stored document is read back as this build processed it, not cleaned again; another build\'s is cleaned once and stored again', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    const imported = await importFiles(page, [fixture('article.txt')]);
    const title = imported.cards.find((c) => c.doc === 'own1').title;
    const read = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
    const stored = await read();
    const [, build] = stored.documents[0].processed.match(/^PLXD\d+:([0-9a-f]{16}):/);
    // The text changed behind the app's back: a start that cleaned the text again would show it.
    const other = 'Another title of a page\n\nA different paragraph, long enough to be read as one by the cleaner.';
    stored.documents[0].text = other;
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(stored)]);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    assert.equal((await ownCards(page, ['own1'])).cards.find((c) => c.doc === 'own1').title, title);

    // Another build's processed form is not read: the document is made again from its text, and
    // stored again in this build's form.
    stored.documents[0].processed = stored.documents[0].processed.replace(`:${build}:`, ':0123456789abcdef:');
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(stored)]);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    assert.equal((await ownCards(page, ['own1'])).cards.find((c) => c.doc === 'own1').title, 'Another title of a page');
    const again = await read();
    assert.equal(again.documents[0].text, other);
    assert.match(again.documents[0].processed, new RegExp(`^PLXD\\d+:${build}:`));
  });

  it('files dropped on the drop zone import too', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('.drop-zone');
    const text = await readFile(fixture('article.md'), 'utf8');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.md', { type: 'text/markdown' }));
      const zone = document.querySelector('.drop-zone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await eventually(page, 'the dropped file was not imported', () => document.querySelector('.import-results li.import-ok')?.dataset.file === 'dropped.md', null, snapshot);
    await ownCards(page, ['own1']);
  });

  it('a batch with a 4 MB web page says which file of how many is importing, and each step is painted before its work', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    // Four megabytes of a saved web page: styles, scripts, navigation and layout markup around
    // an article of 150 kB of text.
    const big = { name: 'report.html', mimeType: 'text/html', buffer: Buffer.from(webPage(4_000_000, 150_000)) };
    // Each progress line is recorded when it appears, and marked painted when a frame starts
    // while it is still shown (the frame's callback runs just before that frame is painted).
    await page.evaluate(() => {
      window.seen = [];
      const status = document.querySelector('.import-status');
      new MutationObserver(() => {
        const text = document.querySelector('.import-progress')?.textContent;
        if (!text || window.seen.at(-1)?.text === text) return;
        const entry = { text, painted: false };
        window.seen.push(entry);
        requestAnimationFrame(() => {
          entry.painted = document.querySelector('.import-progress')?.textContent === text;
        });
      }).observe(status, { subtree: true, childList: true, characterData: true });
    });
    const s = await importFiles(page, [await asBuffer('article.txt'), big, await asBuffer('page.html')]);
    assert.deepEqual(s.results.map((r) => `${r.file}=${r.ok}`), ['article.txt=true', 'report.html=true', 'page.html=true']);
    const seen = await page.evaluate(() => window.seen);
    assert.deepEqual(
      seen.map((e) => e.text.replace(/\(\d+ kB\)/, '(… kB)')),
      ['Importing file 1 of 3: “article.txt” (… kB)…', 'Importing file 2 of 3: “report.html” (4.0 MB)…', 'Importing file 3 of 3: “page.html” (… kB)…'],
    );
    assert.deepEqual(seen.map((e) => e.painted), [true, true, true], 'a step was not painted before its import ran');
  });

  it('a large web page is read and cleaned in the import worker; where no worker can start, the page gives the same document', async () => {
    // Four megabytes of a saved web page around an article of 150 kB of text.
    const big = { name: 'report.html', mimeType: 'text/html', buffer: Buffer.from(webPage(4_000_000, 150_000)) };
    /** Imports the page and reads what the library stored: the document as processed. */
    const stored = async (page) => {
      const s = await importFiles(page, [big]);
      assert.deepEqual(s.results.map((r) => `${r.file}=${r.ok}`), ['report.html=true']);
      const entries = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)).documents, KEY);
      assert.equal(entries.length, 1);
      return { doc: s.results[0].doc, entry: entries[0], card: s.cards.find((c) => c.doc === s.results[0].doc) };
    };
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    const started = [];
    let ended;
    const closed = new Promise((resolve) => {
      ended = resolve;
    });
    page.on('worker', (w) => {
      started.push(new URL(w.url()).pathname);
      w.on('close', ended);
    });
    const viaWorker = await stored(page);
    assert.deepEqual(started, ['/import-worker.js'], 'one import worker for the batch');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.importRan), 'worker', 'the worker prepared the file');
    // Ended with the batch, giving back the memory the page made it take (a time-out, no sleep).
    let timer;
    await Promise.race([
      closed,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the import worker outlived its batch')), 15_000);
      }),
    ]).finally(() => clearTimeout(timer));
    // The app took the worker's document: the reader shows its passages.
    await follow(page, `#/read/${viaWorker.doc}`);
    await page.waitForSelector(`article.reader[data-doc="${viaWorker.doc}"] p.passage`);

    // A browser where no worker can start (as from file://): the page's own thread, the same
    // document, stored the same way.
    const alone = await h.newPage();
    await alone.addInitScript(() => {
      delete window.Worker;
    });
    await h.open(alone);
    await alone.waitForSelector('#own-files');
    const onPage = await stored(alone);
    assert.deepEqual(alone.workers().map((w) => w.url()), []);
    assert.equal(await alone.evaluate(() => document.documentElement.dataset.importRan), 'page');
    assert.equal(onPage.doc, viaWorker.doc);
    assert.deepEqual(onPage.card, viaWorker.card);
    assert.equal(onPage.entry.text, viaWorker.entry.text);
    assert.ok(viaWorker.entry.processed.length > 1000);
    assert.equal(onPage.entry.processed, viaWorker.entry.processed, 'the same processed document');
  });

  /** Drags the committed fixtures `names` over `selector` as the browser does for files from the
   * desktop (dragenter, dragover), waits for the overlay, then drops them there (or, without
   * `drop`, takes them away), and reports what the page did with each event. */
  async function dragFiles(page, selector, names, { drop = true } = {}) {
    // A name is a committed fixture; { name, text, times } a text file made in the page.
    const files = await Promise.all(names.map(async (name) => (typeof name === 'string' ? { name, bytes: [...(await readFile(fixture(name)))] } : name)));
    const fire = ([type, selector, files]) => {
      if (files) {
        const dt = new DataTransfer();
        for (const f of files) dt.items.add(new File(f.bytes ? [new Uint8Array(f.bytes)] : [f.text.repeat(f.times)], f.name));
        window.dragged = dt;
      }
      const target = document.querySelector(selector);
      return !target.dispatchEvent(new DragEvent(type, { dataTransfer: window.dragged, bubbles: true, cancelable: true }));
    };
    await page.evaluate(fire, ['dragenter', selector, files]);
    const accepted = await page.evaluate(fire, ['dragover', selector, null]);
    await page.waitForSelector('.page-drop');
    const overlay = await page.textContent('.page-drop');
    const dropped = await page.evaluate(fire, [drop ? 'drop' : 'dragleave', selector, null]);
    return { accepted, overlay, dropped: drop ? dropped : null };
  }

  it('files dropped anywhere on another view import there, with an overlay while dragging and a message for each file', async () => {
    const page = await h.open(await h.newPage(), '#/map');
    await page.waitForSelector('main svg');
    const hash = await page.evaluate(() => location.hash);
    // Dragged over and taken away again: the overlay comes and goes, nothing is imported.
    const away = await dragFiles(page, 'main svg', ['article.txt'], { drop: false });
    assert.deepEqual(away, { accepted: true, overlay: 'Drop .txt, .md or .html files to add them to your documents.', dropped: null });
    await eventually(page, 'the overlay stayed after the files were taken away', () => !document.querySelector('.page-drop'));
    // Dropped on the page header, far from the library's drop zone.
    await page.waitForSelector('.page-drop', { state: 'detached' });
    const done = await dragFiles(page, 'header .app-name', ['article.txt', 'photo.txt', 'page.html']);
    assert.deepEqual([done.accepted, done.dropped], [true, true], 'the drop was left to the browser, which opens the file instead of the app');
    await eventually(
      page,
      'the dropped files were not imported with a message each',
      () => !document.querySelector('.import-progress') && document.querySelectorAll('.dropped-files .import-results > li').length === 3,
      null,
      () => document.querySelector('.dropped-files')?.innerText,
    );
    assert.equal(await page.locator('.page-drop').count(), 0, 'the overlay stayed after the drop');
    const results = await page.$$eval('.dropped-files .import-results > li', (ls) => ls.map((l) => `${l.className}:${l.dataset.file}:${l.dataset.doc ?? l.dataset.kind}`));
    assert.deepEqual(results, ['import-ok:article.txt:own1', 'import-error:photo.txt:binary', 'import-ok:page.html:own2']);
    assert.match(norm(await page.textContent('.dropped-files .import-summary')), /^2 files imported, 1 not imported\.$/);
    assert.match(norm(await page.textContent('.dropped-files .import-error')), /^Not imported: .*“photo\.txt”/);
    // The reader stays where they were, and can close the messages.
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.equal(await page.locator('main svg').count() > 0, true);
    await page.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Enter');
    await eventually(page, 'the messages were not closed', () => !document.querySelector('.dropped-files-panel'));
    // The panel went with the button: focus is on the view, not lost on the page.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    const lib = await ownCards(page, ['own1', 'own2']);
    assert.deepEqual(lib.cards.slice(5).map((c) => c.badge), ['Your document', 'Your document']);
    // In the library itself the outcomes are in its own list, once.
    assert.equal(await page.locator('.dropped-files').count(), 0);
    const again = await dragFiles(page, 'ul.library', ['article.md']);
    assert.equal(again.dropped, true);
    await eventually(page, 'a drop on the library was not listed there', () => document.querySelector('.import-status')?.dataset.batch === '2' && !!document.querySelector('.import-results li.import-ok[data-file="article.md"]'), null, snapshot);
    await ownCards(page, ['own1', 'own2', 'own3']);
  });

  it('messages closed while a dropped batch imports stay closed', async () => {
    const page = await h.open(await h.newPage(), '#/map');
    await page.waitForSelector('main svg');
    // In the page, as a reader would: Close is pressed as soon as the second file of the batch
    // shows its progress (a page busy importing has few free moments for Playwright's own
    // clicks), and anything shown again after that is recorded.
    await page.evaluate(() => {
      window.closeSeen = null;
      window.reappeared = false;
      new MutationObserver(() => {
        const panel = document.querySelector('.dropped-files-panel');
        if (window.closeSeen === null && /file 2 of/.test(panel?.querySelector('.import-progress')?.textContent ?? '')) {
          window.closeSeen = { busy: document.querySelector('.dropped-files').getAttribute('data-busy') };
          panel.querySelector('.dropped-close').click();
        } else if (window.closeSeen !== null && panel) {
          window.reappeared = true;
        }
      }).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
    });
    // Three saved web pages of 4 MB each (layout markup around 165 kB of text): the batch runs on
    // after the second file.
    const layout = '<div class="layout-cell col-md-12" data-slot="1"><span class="icon"></span></div>\n'.repeat(33);
    const report = (name) => ({ name, text: `<p>Report ${name}: Iran and Russia signed a treaty on trade and energy in January. The corridor carries grain.</p>\n${layout}`, times: 1_500 });
    await dragFiles(page, 'header .app-name', [report('one.html'), report('two.html'), report('three.html')]);
    await page.waitForSelector('.dropped-files[data-busy="false"][data-batch="1"]', { state: 'attached', timeout: 60_000 });
    assert.deepEqual(await page.evaluate(() => window.closeSeen), { busy: 'true' }, 'Close was not pressed during the batch');
    assert.deepEqual(await page.evaluate(() => ({ reappeared: window.reappeared, panel: !!document.querySelector('.dropped-files-panel') })), { reappeared: false, panel: false });
    // The files imported all the same, and the library lists them.
    await ownCards(page, ['own1', 'own2', 'own3']);
  });

  it('files dropped on a lesson step that shows the library are listed once, in the library', async () => {
    const page = await h.open(await h.newPage(), '#/lesson?title=Yours&step=/!Add%20your%20own&step=/map!Then%20the%20map');
    await page.waitForSelector('.lesson-step ul.library');
    const done = await dragFiles(page, '.lesson-step ul.library', ['article.txt']);
    assert.equal(done.dropped, true);
    await eventually(page, 'the drop was not listed in the library of the step', () => !!document.querySelector('.lesson-step .import-results li.import-ok[data-file="article.txt"]'), null, () => document.querySelector('main')?.innerText);
    assert.deepEqual(
      await page.evaluate(() => ({ lists: document.querySelectorAll('.import-results').length, panel: document.querySelectorAll('.dropped-files-panel').length, lesson: location.hash.startsWith('#/lesson?') })),
      { lists: 1, panel: 0, lesson: true },
    );
  });

  it('text or a link dragged onto the page does nothing: no overlay, no import, no navigation; a field still takes dropped text', async () => {
    const page = await h.open(await h.newPage(), '#/read/001');
    await page.waitForSelector('article.reader p.passage');
    const hash = await page.evaluate(() => location.hash);
    // A link of the page dragged with the mouse onto a passage.
    await page.dragAndDrop('.site-nav a[href^="#/explore"]', 'article.reader p.passage');
    // A link and text from elsewhere, dropped on a passage and on the search box of the explorer.
    const fromOutside = (selector) =>
      page.evaluate((selector) => {
        const dt = new DataTransfer();
        dt.setData('text/uri-list', 'https://example.com/elsewhere');
        dt.setData('text/plain', 'https://example.com/elsewhere');
        const target = document.querySelector(selector);
        const fire = (type) => target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        fire('dragenter');
        const overPrevented = !fire('dragover');
        const overlay = !!document.querySelector('.page-drop');
        return { overPrevented, overlay, dropPrevented: !fire('drop') };
      }, selector);
    assert.deepEqual(await fromOutside('article.reader p.passage'), { overPrevented: true, overlay: false, dropPrevented: true });
    assert.equal(await page.evaluate(() => location.hash), hash);
    assert.equal(await page.locator('.dropped-files-panel, .page-drop').count(), 0);
    await follow(page, '#/explore');
    await page.waitForSelector('#q');
    assert.deepEqual(await fromOutside('#q'), { overPrevented: false, overlay: false, dropPrevented: false }, 'the search box no longer takes dropped text');
    // A checkbox takes no text: the drop is refused there as on the rest of the page.
    assert.deepEqual(await fromOutside('.facet input[data-facet="sources"]'), { overPrevented: true, overlay: false, dropPrevented: true });
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), '#/explore', 'the drop changed the view');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null, 'something was stored');
  });

  it('blocked storage: a notice says the documents are kept for this visit, and they work', async () => {
    const page = await h.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await h.open(page);
    await page.waitForSelector('.own-notice[data-problem="unavailable"]');
    assert.match(norm(await page.textContent('.own-notice')), /storage is blocked.*for this visit only/);
    const s = await importFiles(page, [fixture('article.txt')]);
    assert.deepEqual(s.results.map((r) => r.doc), ['own1']);
    await ownCards(page, ['own1']);
    assert.deepEqual(await explore(page, 'Astara'), ['own1']);
  });

  it('full storage: a notice after the import, and the documents work for the visit', async () => {
    const page = await h.newPage();
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await h.open(page);
    await page.waitForSelector('#own-files');
    assert.equal(await page.locator('.own-notice').count(), 0, 'no notice before anything is stored');
    await importFiles(page, [fixture('article.txt'), fixture('page.html')]);
    await page.waitForSelector('.own-notice[data-problem="full"]');
    assert.match(norm(await page.textContent('.own-notice[data-problem="full"]')), /could not be saved: the browser's storage for this page is full\. They all work for this visit/);
    await ownCards(page, ['own1', 'own2']);
    assert.deepEqual(await explore(page, 'Alabuga'), ['own2']);
    await follow(page, '#/compare/001/own2');
    await page.waitForSelector('.compare-view[data-docs="001, own2"]');
  });

  it('corrupted stored data: a notice, the data kept under another key, and the app works', async () => {
    const page = await h.open(await h.newPage());
    const raw = '{"version":1,"next":2,"documents":[{"id":"own1","name":"a.txt","te';
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, raw]);
    await page.reload();
    await page.waitForSelector('.own-notice[data-problem="unreadable"]');
    const notice = norm(await page.textContent('.own-notice'));
    assert.match(notice, /could not be read \(.+\)\. The stored data is kept unchanged under “parallax-documents-unreadable-\d+-[0-9a-f]{8}”/);
    const keptKeys = () => page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)), UNREADABLE_KEY);
    const [keptKey] = await keptKeys();
    assert.equal(await page.locator('.own-notice button', { hasText: 'Download the stored data' }).count(), 1);
    assert.equal(await page.locator('ul.library > li.source-card').count(), 5);
    const kept = await page.evaluate(([a, b]) => [localStorage.getItem(a), localStorage.getItem(b)], [KEY, keptKey]);
    assert.deepEqual(kept, [null, raw], 'a copy is kept under a key of its own before the key is emptied for new documents');
    await importFiles(page, [fixture('article.txt')]);
    await ownCards(page, ['own1']);
    const after = await page.evaluate(([a, b]) => [JSON.parse(localStorage.getItem(a)), localStorage.getItem(b)], [KEY, keptKey]);
    assert.deepEqual(after[0].documents.map((d) => d.id), ['own1']);
    assert.equal(after[1], raw, 'the unreadable copy stays');
    // A second damaged copy is kept beside the first, never over it.
    const second = '{"version":1,"documents":"damaged again"}';
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, second]);
    await page.reload();
    await page.waitForSelector('.own-notice[data-problem="unreadable"]');
    const both = await keptKeys();
    assert.equal(both.length, 2);
    assert.deepEqual((await page.evaluate((ks) => ks.map((k) => localStorage.getItem(k)), both)).sort(), [raw, second].sort());
  });

  it('two tabs: documents imported in each get different ids, both are kept, and each tab lists the other\'s', async () => {
    const first = await h.open(await h.newPage());
    // The second tab opens before the first imports anything.
    const second = await first.context().newPage();
    await h.open(second);
    await importFiles(first, [fixture('article.txt')]);
    await importFiles(second, [fixture('page.html')]);
    const stored = await first.evaluate((k) => JSON.parse(localStorage.getItem(k)).documents.map((d) => [d.id, d.name]), KEY);
    assert.deepEqual(stored, [['own1', 'article.txt'], ['own2', 'page.html']]);
    // The first tab shows the second's document without a reload, under the same id.
    await ownCards(first, ['own1', 'own2']);
    await ownCards(second, ['own1', 'own2']);
    // A removal in one tab is not undone by the other's next write.
    await first.locator('li.source-card[data-doc="own1"] button.own-remove').click();
    await ownCards(second, ['own2']);
    await follow(second, '#/');
    await importFiles(second, [fixture('article.md')], 2);
    const ids = await first.evaluate((k) => JSON.parse(localStorage.getItem(k)).documents.map((d) => d.id), KEY);
    assert.deepEqual(ids, ['own2', 'own3'], 'own1 stays removed and is not given again');
  });

  it('a stored next id at the largest number never overflows: two more imports get two free ids', async () => {
    const page = await h.open(await h.newPage());
    const max = '18446744073709551615';
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, `{"version":1,"next":${max},"documents":[]}`]);
    await page.reload();
    await page.waitForSelector('#own-files');
    await importFiles(page, [fixture('article.txt')]);
    await importFiles(page, [fixture('page.html')], 2);
    const ids = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).documents.map((d) => d.id), KEY);
    assert.deepEqual(ids, [`own${max}`, 'own1']);
  });

  it('data stored by a newer version is left alone, with a notice', async () => {
    const page = await h.open(await h.newPage());
    const raw = '{"version":2,"documents":[],"shelves":[]}';
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, raw]);
    await page.reload();
    await page.waitForSelector('.own-notice[data-problem="newer"]');
    await importFiles(page, [fixture('article.txt')]);
    await ownCards(page, ['own1']);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), raw);
  });
});
