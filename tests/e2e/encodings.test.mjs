// Pages saved in the encodings a browser reads (windows-1252 with and without a declaration,
// ISO-8859-15, windows-1250, KOI8-R, windows-1251, Shift_JIS, GBK, EUC-KR, Big5, UTF-16LE with a
// byte-order mark): chosen together in the library's file input, each is decoded in the browser
// by its own TextDecoder and shows in the reader the title and passages the core's native test
// expects (both read crates/core/tests/fixtures/encodings/encodings.json), and the import names
// the encoding found. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually } from './harness.mjs';

const h = new Harness();
const HERE = dirname(fileURLToPath(import.meta.url));
const CORE = join(HERE, '../../crates/core/tests/fixtures');
const { pages } = JSON.parse(await readFile(join(CORE, 'encodings/encodings.json'), 'utf8'));

/** What the import area shows of each file. */
function results() {
  return [...document.querySelectorAll('.import-results > li')].map((li) => ({
    ok: li.classList.contains('import-ok'),
    file: li.dataset.file,
    doc: li.dataset.doc ?? null,
    text: li.querySelector('p')?.textContent.replace(/\s+/g, ' ').trim() ?? '',
    notes: [...li.querySelectorAll('.import-notes li')].map((n) => n.textContent),
  }));
}

/** The reader's title and passages, without the link each passage ends with. */
function reader(doc) {
  const article = document.querySelector(`article.reader[data-doc="${doc}"]`);
  if (!article) return null;
  return {
    title: article.querySelector('h1')?.textContent ?? null,
    passages: [...article.querySelectorAll('p.passage')].map((p) => {
      const copy = p.cloneNode(true);
      copy.querySelector('.passage-link')?.remove();
      return copy.textContent.trim();
    }),
  };
}

describe('encodings', () => {
  h.install({ before, after, afterEach });

  it('pages in legacy encodings, UTF-16 and undeclared windows-1252 read as the native import reads them', async () => {
    assert.ok(pages.length >= 8, 'at least eight encodings');
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    await page.setInputFiles('#own-files', pages.map((p) => join(CORE, 'import', p.file)));
    await eventually(
      page,
      `the import of ${pages.length} files never finished`,
      (n) => !document.querySelector('.import-progress') && document.querySelectorAll('.import-results > li').length === n,
      pages.length,
      results,
    );
    const byFile = Object.fromEntries((await page.evaluate(results)).map((r) => [r.file, r]));
    for (const p of pages) {
      const r = byFile[p.file];
      assert.ok(r?.ok, `${p.file} was not imported: ${r?.text}`);
      assert.ok(r.text.endsWith(`(HTML, ${p.encoding}).`), `${p.file}: ${r.text}`);
      assert.ok(r.notes.some((n) => n.startsWith(`Decoded from ${p.encoding}`)), `${p.file}: ${r.notes}`);

      await page.evaluate((doc) => {
        location.hash = `#/read/${doc}`;
      }, r.doc);
      await eventually(page, `the reader never showed ${p.file} (${r.doc})`, (doc) => !!document.querySelector(`article.reader[data-doc="${doc}"] p.passage`), r.doc);
      assert.deepEqual(await page.evaluate(reader, r.doc), { title: p.title, passages: p.passages }, p.file);
    }
  });
});
