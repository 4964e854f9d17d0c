// A teacher's own documents reaching her class through a collection file (issue 16, 7b and the
// builder's warning of 7c). Teacher: imports two real files, builds a lesson with a step on one
// of them, is warned in the "Make a lesson" drawer that her class will not have it, and downloads
// the collection file (twice: the same bytes). Student: a fresh browser context that already has a
// document of her own opens that file from the library's file picker; the teacher's documents are
// added beside hers (renumbered), nothing of hers is lost, the lesson opens on the teacher's
// document, and everything survives a reload. Hostile collection files (bad checksum, newer
// format, over the size limit, cut short, duplicate ids) are each refused with their own message
// and nothing stored changes; script in titles and text is shown as text. axe on the new controls.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { Harness, eventually, norm, screenshot } from './harness.mjs';

const h = new Harness();
const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, '../../crates/core/tests/fixtures/import');
const KEY = 'parallax-documents';
/** collection::MAX_BYTES */
const MAX_BYTES = 12 * 1024 * 1024;

async function axe(page, what) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const problems = result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  assert.deepEqual(problems, [], `${what}: axe violations`);
}

/** What the import area shows: each outcome's kind and text, and the library's own cards. */
function snapshot() {
  return {
    batch: document.querySelector('.import-status')?.dataset.batch ?? null,
    results: [...document.querySelectorAll('.import-results > li')].map((li) => ({
      ok: li.classList.contains('import-ok'),
      kind: li.dataset.kind ?? null,
      text: li.textContent.replace(/\s+/g, ' ').trim(),
      docs: [...li.querySelectorAll('.collection-docs > li')].map((d) => `${d.dataset.outcome}:${d.dataset.doc ?? ''}`),
    })),
    own: [...document.querySelectorAll('ul.library > li.source-card')]
      .filter((li) => li.querySelector('.own-badge'))
      .map((li) => `${li.dataset.doc}:${li.querySelector('h2 a')?.textContent}`),
  };
}

/** Chooses files in the library's input and waits until batch `batch` has `n` outcomes. */
async function choose(page, files, batch) {
  await page.setInputFiles('#own-files', files);
  await eventually(
    page,
    `batch ${batch} never finished`,
    ([batch, n]) =>
      document.querySelector('.import-status')?.dataset.batch === String(batch) &&
      !document.querySelector('.import-progress') &&
      document.querySelectorAll('.import-results > li').length === n,
    [batch, Array.isArray(files) ? files.length : 1],
    snapshot,
  );
  return page.evaluate(snapshot);
}

/** Follows a link to the reader of `doc` and waits for it (with the title `title`, if given). */
async function read(page, doc, title) {
  await page.evaluate((doc) => (location.hash = `#/read/${doc}`), doc);
  await eventually(
    page,
    `the reader of ${doc} did not open`,
    ([doc, title]) => {
      const h1 = document.querySelector(`article.reader[data-doc="${doc}"] h1`)?.textContent;
      return h1 != null && (title == null || h1 === title);
    },
    [doc, title ?? null],
    () => ({ hash: location.hash, h1: document.querySelector('main h1')?.textContent }),
  );
}

/** Clicks a download button and returns the file's name and bytes, and a copy of it on disk
 * under its name (Playwright deletes its own when the context closes). */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const name = file.suggestedFilename();
  const bytes = await readFile(await file.path());
  const path = join(await mkdtemp(join(tmpdir(), 'parallax-collection-')), name);
  await writeFile(path, bytes);
  return { name, path, bytes };
}

/** A collection file of `content`, checksummed as the core writes it (serde_json writes what
 * JSON.stringify writes for these strings, keys in the order given). */
function collectionFile(content, { format = 1, sum } = {}) {
  const body = JSON.stringify(content);
  const sha256 = sum ?? createHash('sha256').update(body).digest('hex');
  return Buffer.from(`{"kind":"parallax-collection","format":${format},"sha256":"${sha256}","content":${body}}\n`);
}

const asFile = (name, buffer) => ({ name, mimeType: 'application/json', buffer });

describe('collection file: a teacher shares her own documents', () => {
  h.install({ before, after, afterEach });
  /** The teacher's downloaded file, made once by the first test (each test also runs alone). */
  let made = null;

  async function teacher() {
    made ??= (async () => {
      const page = await h.newPage();
      await h.open(page, '#/');
      const r = await choose(page, [join(FIXTURES, 'article.md'), join(FIXTURES, 'page.html')], 1);
      assert.deepEqual(r.results.map((x) => x.ok), [true, true], JSON.stringify(r));
      const titles = r.own.map((o) => o.split(':').slice(1).join(':'));
      // A lesson: a step on her first document, then one on a built-in source.
      await read(page, 'own1', titles[0]);
      await page.click('#lesson-toggle');
      await page.waitForSelector('#lesson-drawer:not([hidden]) #lesson-title');
      await page.fill('#lesson-title', 'Grain and gas');
      await page.fill('#lesson-note', 'Read the opening.');
      await page.click('#lesson-add');
      await page.waitForSelector('.lesson-own-warning');
      const warning = norm(await page.locator('.lesson-own-warning p').first().textContent());
      assert.match(warning, /^Your class will not have this document: “.+”\. You added it to this browser yourself/);
      assert.ok(warning.includes(`“${titles[0]}”`), warning);
      await read(page, '002');
      await page.fill('#lesson-note', 'Now a source of the corpus.');
      await page.click('#lesson-add');
      await eventually(page, 'two steps', () => document.querySelectorAll('.lesson-draft > li').length === 2);
      await page.fill('#share-lesson-title', 'My sources on the partnership');
      await axe(page, 'the drawer with the warning and the collection controls');
      await screenshot(page, 'collection-drawer');
      const first = await download(page, '#share-lesson .collection-download');
      const again = await download(page, '#share-lesson .collection-download');
      assert.ok(first.bytes.equals(again.bytes), 'the same choices give the same bytes');
      assert.match(first.name, /^parallax-collection-my-sources-on-the-partnership-\d{4}-\d{2}-\d{2}\.json$/);
      assert.match(norm(await page.locator('#share-lesson .collection-status').textContent()), /^Downloaded “parallax-collection-.*\.json” \(2 documents, .+\)\.$/);
      const lessonLink = await page.locator('#lesson-link').inputValue();
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'collection-drawer');
      await page.context().close();
      return { ...first, titles, lessonLink };
    })();
    return made;
  }

  it('the teacher is warned in the drawer and downloads her documents with her lesson', async () => {
    const { bytes, titles } = await teacher();
    const file = JSON.parse(bytes.toString('utf8'));
    assert.equal(file.kind, 'parallax-collection');
    assert.equal(file.format, 1);
    assert.equal(file.sha256, createHash('sha256').update(JSON.stringify(file.content)).digest('hex'));
    assert.equal(file.content.title, 'My sources on the partnership');
    assert.deepEqual(file.content.documents.map((d) => [d.id, d.name]), [['own1', 'article.md'], ['own2', 'page.html']]);
    assert.match(file.content.lesson, /^\/lesson\?title=Grain%20and%20gas&step=\/read\/own1!Read%20the%20opening\.&step=\/read\/002!/);
    assert.ok(!file.content.lesson.includes('answer='));
    assert.equal(titles.length, 2);
  });

  it('a student with a document of her own opens the file: the documents join hers, nothing lost, the lesson opens on them, kept after a reload', async () => {
    const { path, titles } = await teacher();
    const page = await h.newPage();
    await h.open(page, '#/');
    const mine = await choose(page, [join(FIXTURES, 'article.txt')], 1);
    assert.equal(mine.own.length, 1);
    const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
    const r = await choose(page, [path], 2);
    const [opened] = r.results;
    assert.ok(opened.ok, JSON.stringify(r));
    assert.match(opened.text, /^Opened the collection “My sources on the partnership” from “parallax-collection-.*\.json”: 2 documents added\./);
    // Renumbered: her own1 stays hers.
    assert.deepEqual(opened.docs, ['added:own2', 'added:own3']);
    assert.deepEqual(r.own, [mine.own[0], `own2:${titles[0]}`, `own3:${titles[1]}`]);
    const now = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
    assert.deepEqual(now.documents[0], JSON.parse(stored).documents[0], 'her document is stored as it was');
    await axe(page, 'the library with an opened collection');
    await page.locator('.collection-opened').scrollIntoViewIfNeeded();
    await screenshot(page, 'collection-opened');

    // Opened again: nothing added twice.
    const twice = await choose(page, [path], 3);
    assert.deepEqual(twice.results[0].docs, ['here:own2', 'here:own3']);
    assert.equal(twice.own.length, 3);

    await page.click('.collection-lesson');
    await page.waitForSelector('.lesson-bar');
    assert.match(norm(await page.locator('.lesson-bar').textContent()), /Grain and gas/);
    assert.equal(norm(await page.locator('article.reader h1').textContent()), titles[0]);
    assert.match(await page.evaluate(() => location.hash), /step=\/read\/own2!/);

    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForSelector('.lesson-bar');
    assert.equal(norm(await page.locator('article.reader h1').textContent()), titles[0]);
  });

  it('hostile collection files are refused, each with its own message, and nothing stored changes', async () => {
    const { bytes } = await teacher();
    const good = JSON.parse(bytes.toString('utf8'));
    const page = await h.newPage();
    await h.open(page, '#/');
    await choose(page, [join(FIXTURES, 'article.txt')], 1);
    const before = await page.evaluate((k) => localStorage.getItem(k), KEY);
    const duplicate = structuredClone(good.content);
    duplicate.documents[1].id = 'own1';
    const cases = [
      ['checksum.json', Buffer.from(bytes.toString('utf8').replace('My sources', 'My sourced')), 'checksum', /changed or cut short after it was made/],
      ['newer.json', collectionFile(good.content, { format: 2 }), 'newer', /made by a newer version of Parallax \(format 2; this copy reads format 1\)/],
      ['big.json', Buffer.alloc(MAX_BYTES + 1, ' '), 'too-large', /too large: .* \(a collection holds at most/],
      ['cut.json', bytes.subarray(0, bytes.length >> 1), 'damaged', /damaged or cut short \(it ends too early\)/],
      ['duplicate.json', collectionFile(duplicate), 'duplicate-id', /has two documents named “own1”/],
      ['notes.json', Buffer.from('{"format":1,"notes":[]}'), 'not-a-collection', /not a Parallax collection file/],
    ];
    let batch = 1;
    for (const [name, buffer, kind, message] of cases) {
      const r = await choose(page, [asFile(name, buffer)], ++batch);
      const [out] = r.results;
      assert.equal(out.ok, false, `${name}: ${JSON.stringify(out)}`);
      assert.equal(out.kind, kind, name);
      assert.match(out.text, message, name);
      assert.match(out.text, /Nothing was added\.$/, name);
      assert.equal(r.own.length, 1, `${name}: her one document is still there`);
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), before, `${name}: storage unchanged`);
    }
    // A file at the limit is read (padded with spaces after the JSON) and adds its documents.
    const padded = Buffer.alloc(MAX_BYTES, ' ');
    bytes.copy(padded);
    const r = await choose(page, [asFile('at-limit.json', padded)], ++batch);
    assert.deepEqual(r.results[0].docs, ['added:own2', 'added:own3'], JSON.stringify(r.results[0]));
  });

  it('script in a title, a file name and a text is shown as text', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const text = `Pipeline deal ${payload}\n\nThe ministry said on Monday that ${payload} the sanctions would stay in force for another year, officials told reporters in Moscow.`;
    const file = collectionFile({ title: `Lesson ${payload}`, corpus: '', documents: [{ id: 'own1', name: `${payload}.html`, text }], themes: [] });
    const page = await h.newPage();
    await h.open(page, '#/');
    const r = await choose(page, [asFile('payload.json', file)], 1);
    assert.ok(r.results[0].ok, JSON.stringify(r));
    assert.ok(r.results[0].text.includes(`Opened the collection “Lesson ${payload}”`), r.results[0].text);
    await read(page, 'own1', `Pipeline deal ${payload}`);
    assert.equal(await page.locator('main script, main img[src="x"]').count(), 0, 'no element made of the text');
  });

  it('the library offers the collection file once she has documents of her own', async () => {
    const page = await h.newPage();
    await h.open(page, '#/');
    assert.equal(await page.locator('#share-library').count(), 0, 'nothing to share without documents of her own');
    await choose(page, [join(FIXTURES, 'article.md'), join(FIXTURES, 'page.html')], 1);
    await page.click('#share-library > summary');
    await page.uncheck('#share-library-doc-own2');
    const { bytes } = await download(page, '#share-library .collection-download');
    const content = JSON.parse(bytes.toString('utf8')).content;
    assert.deepEqual(content.documents.map((d) => d.id), ['own1']);
    assert.equal(content.lesson, undefined);
    await page.uncheck('#share-library-doc-own1');
    assert.equal(await page.locator('#share-library .collection-download').isDisabled(), true);
    await axe(page, 'the library with the collection controls open');
    await page.locator('#share-library').scrollIntoViewIfNeeded();
    await screenshot(page, 'collection-library');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#share-library .collection-download').scrollIntoViewIfNeeded();
    await screenshot(page, 'collection-library');
  });
});
