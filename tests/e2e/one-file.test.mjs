// "Download as one file" (issue 16, 7a): the single offline file (parallax-pack on the release
// build) opened from file:// writes a copy of itself with the teacher's documents and lesson in
// its collection block. Teacher: in the single file, imports a real file, builds a lesson with a
// step on it, downloads the one file twice (the same bytes). Student: a fresh context where every
// request but the file itself is aborted and recorded opens the downloaded file from file:// and
// sees the teacher's document and her lesson (the student copy), with nothing logged and nothing
// requested. A served copy with parallax.html beside it (as `make bundle` leaves dist/) makes the
// one file too, here with her document alone under her title, which the student's file shows as
// its whole library. A file whose block was tampered with says so and opens as the plain app.
//
// The packer runs as in bundle.test.mjs (`cargo run -q --offline -p parallax-pack`, or
// PARALLAX_PACK).

import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { DIST, WAIT_MS, eventually, launchBrowser, norm, screenshot, runPack, startServer } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../..');
const FIXTURES = join(ROOT, 'crates/core/tests/fixtures/import');


describe('Download as one file', () => {
  let out;
  let browser;
  const contexts = [];

  before(async () => {
    await stat(join(DIST, 'index.html'));
    out = await mkdtemp(join(tmpdir(), 'parallax-one-file-'));
    runPack(out);
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  /** Opens `path` from file:// in a fresh context where every other request is aborted and
   * recorded; `page.quiet()` checks that nothing was logged or requested. */
  async function openFile(path, { width = 1280, height = 800 } = {}) {
    const file = pathToFileURL(path).href;
    const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
    contexts.push(context);
    context.setDefaultTimeout(WAIT_MS);
    const log = { console: [], errors: [], asked: [] };
    const isFile = (url) => url.split('#')[0] === file;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isFile(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      log.asked.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (r) => {
      const url = r.url();
      if (!isFile(url) && !url.startsWith('data:') && !url.startsWith('blob:')) log.asked.push(url);
    });
    const page = await context.newPage();
    page.on('console', (m) => log.console.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.stack || e.message || e}`));
    await page.goto(file);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    page.quiet = () => {
      assert.deepEqual([...log.console, ...log.errors], [], 'the file must log nothing');
      assert.deepEqual([...new Set(log.asked)], [], 'the file must request nothing');
    };
    return page;
  }

  async function download(page, selector) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const name = file.suggestedFilename();
    const bytes = await readFile(await file.path());
    const path = join(await mkdtemp(join(tmpdir(), 'parallax-one-file-dl-')), name);
    await writeFile(path, bytes);
    return { name, path, bytes };
  }

  let made = null;
  function teacher() {
    made ??= (async () => {
      const page = await openFile(join(out, 'parallax.html'));
      await page.setInputFiles('#own-files', [join(FIXTURES, 'article.md')]);
      await eventually(page, 'the import never finished', () => document.querySelector('.import-results > li.import-ok'));
      const doc = await page.locator('.import-results > li.import-ok').getAttribute('data-doc');
      await page.evaluate((doc) => (location.hash = `#/read/${doc}`), doc);
      await page.waitForSelector(`article.reader[data-doc="${doc}"] h1`);
      const title = norm(await page.locator('article.reader h1').textContent());
      await page.click('#lesson-toggle');
      await page.waitForSelector('#lesson-drawer:not([hidden]) #lesson-title');
      await page.fill('#lesson-title', 'Grain and gas');
      await page.fill('#lesson-note', 'Read the opening.');
      await page.click('#lesson-add');
      // A question with the teacher's answer: the copy carries the student copy, without it.
      await page.click('.lesson-draft > li:first-child details.lesson-edit > summary');
      await page.fill('.lesson-draft > li:first-child textarea[id^="lesson-question-"]', 'What does Russia sell?');
      await page.fill('.lesson-draft > li:first-child textarea[id^="lesson-answer-"]', 'Wheat and timber, says the guide');
      await eventually(page, 'the answer was not kept', () => document.querySelector('.lesson-has-answer'));
      await page.waitForSelector('#share-lesson .collection-one-file');
      await page.fill('#share-lesson-title', 'Partnership');
      const result = await new AxeBuilder({ page }).include('#share-lesson').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      assert.deepEqual(result.violations.map((v) => v.id), [], 'axe on the one-file controls');
      await page.locator('#share-lesson .collection-one-file').scrollIntoViewIfNeeded();
      await screenshot(page, 'one-file-drawer');
      const first = await download(page, '#share-lesson .collection-one-file');
      const again = await download(page, '#share-lesson .collection-one-file');
      page.quiet();
      return { first, again, doc, title };
    })();
    return made;
  }

  it('the single file writes a copy of itself with her documents and lesson, the same bytes each time', async () => {
    const { first, again } = await teacher();
    assert.match(first.name, /^parallax-partnership-\d{4}-\d{2}-\d{2}\.html$/);
    assert.ok(first.bytes.equals(again.bytes), 'the same choices give the same bytes');
    const html = first.bytes.toString('utf8');
    const packed = await readFile(join(out, 'parallax.html'), 'utf8');
    // The same policy and scripts as the packed file; only the collection block differs.
    const csp = (s) => s.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
    assert.equal(csp(html), csp(packed));
    const block = html.match(/<script type="application\/json" id="parallax-collection">([^]*?)<\/script>/)[1];
    const file = JSON.parse(block);
    assert.equal(file.kind, 'parallax-collection');
    assert.equal(file.content.title, 'Partnership');
    assert.ok(!block.includes('<'), 'no < inside the block');
    assert.match(file.content.lesson, /question=What%20does%20Russia%20sell/);
    assert.ok(!file.content.lesson.includes('answer='), 'the student copy has no answer');
    assert.ok(!html.includes('Wheat and timber, says'), 'the answer is nowhere in the file');
  });

  it('a student opens the downloaded file from file:// with every request blocked: her documents and her lesson', async () => {
    const { first, title } = await teacher();
    const page = await openFile(first.path);
    await page.waitForSelector('.lesson-bar');
    assert.match(await page.evaluate(() => location.hash), /^#\/lesson\?title=Grain%20and%20gas&step=\/read\/own1!/);
    assert.match(norm(await page.locator('.lesson-bar').textContent()), /Grain and gas/);
    assert.equal(norm(await page.locator('article.reader h1').textContent()), title);
    assert.match(norm(await page.locator('.lesson-bar').textContent()), /What does Russia sell\?/);
    assert.ok(!norm(await page.locator('body').textContent()).includes('Wheat and timber, says'), 'no answer for the student');
    await screenshot(page, 'one-file-student');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'one-file-student');
    // Her library lists the document as her own; a reload adds nothing twice.
    await page.evaluate(() => (location.hash = '#/'));
    await page.waitForSelector('ul.library li.source-card[data-doc="own1"] .own-badge');
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForSelector('ul.library li.source-card[data-doc="own1"]');
    assert.equal(await page.locator('ul.library li.source-card .own-badge').count(), 1);
    page.quiet();
  });

  it('a served copy makes the one file from parallax.html beside it: her documents alone, under her title', async () => {
    // The build as a server holds it after `make bundle`: its files and parallax.html beside.
    const served = await mkdtemp(join(tmpdir(), 'parallax-one-file-served-'));
    await cp(DIST, served, { recursive: true });
    runPack(served);
    const server = await startServer(served);
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      contexts.push(context);
      context.setDefaultTimeout(WAIT_MS);
      const log = [];
      context.on('request', (r) => {
        if (!r.url().startsWith(server.origin) && !/^(data|blob):/.test(r.url())) log.push(`asked: ${r.url()}`);
      });
      const page = await context.newPage();
      page.on('console', (m) => log.push(`console.${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
      await page.goto(`${server.origin}/#/`);
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      await page.setInputFiles('#own-files', [join(FIXTURES, 'article.md')]);
      await eventually(page, 'the import never finished', () => document.querySelector('.import-results > li.import-ok'));
      const title = norm(await page.locator('ul.library li.source-card[data-doc="own1"] h2').textContent());
      await page.click('#share-library > summary');
      await page.fill('#share-library-title', 'Grain routes');
      await page.uncheck('#share-library-builtin');
      const result = await new AxeBuilder({ page }).include('#share-library').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      assert.deepEqual(result.violations.map((v) => v.id), [], 'axe on the share controls');
      const made = await download(page, '#share-library .collection-one-file');
      assert.match(made.name, /^parallax-grain-routes-\d{4}-\d{2}-\d{2}\.html$/);
      assert.match(norm(await page.locator('#share-library .collection-status').textContent()), /^Downloaded “parallax-grain-routes-.*” \(1 document, /);
      const block = JSON.parse(made.bytes.toString('utf8').match(/<script type="application\/json" id="parallax-collection">([^]*?)<\/script>/)[1]);
      assert.equal(block.content.only_own, true);
      assert.deepEqual(log, [], 'the served page logs nothing and asks no other origin');

      // The student's file: her document alone, as the library of a corpus with her title.
      const student = await openFile(made.path);
      await student.waitForSelector('ul.library li.source-card[data-doc="own1"]');
      assert.equal(norm(await student.locator('main h1').first().textContent()), 'Grain routes');
      assert.deepEqual(await student.$$eval('ul.library > li.source-card', (ls) => ls.map((l) => l.dataset.doc)), ['own1']);
      assert.equal(norm(await student.locator('ul.library li.source-card[data-doc="own1"] h2').textContent()), title);
      await screenshot(student, 'one-file-only-own');
      // Every corpus-wide view works on a corpus of her document alone.
      for (const view of ['#/overview', '#/map', '#/compare', '#/explore?q=grain']) {
        await student.evaluate((view) => (location.hash = view), view);
        await eventually(student, `${view} never showed`, (view) => location.hash.startsWith(view) && !!document.querySelector('main h1'), view);
        await screenshot(student, `one-file-only-own-${view.slice(2).replace(/\W.*/, '')}`);
      }
      await student.evaluate(() => (location.hash = '#/compare'));
      await student.waitForSelector('.compare-view .error');
      assert.match(norm(await student.locator('.compare-view .error').textContent()), /^Comparing needs two documents, and this library has 1\./);
      student.quiet();
    } finally {
      await server.close();
      await rm(served, { recursive: true, force: true });
    }
  });

  it('a copy whose block was altered says so and opens as the plain app', async () => {
    const { first } = await teacher();
    const html = first.bytes.toString('utf8').replace('"title":"Partnership"', '"title":"Partnersheep"');
    const path = join(await mkdtemp(join(tmpdir(), 'parallax-one-file-bad-')), 'altered.html');
    await writeFile(path, html);
    const page = await openFile(path);
    await page.waitForSelector('.own-notice[data-problem="embedded"]');
    assert.match(norm(await page.locator('.own-notice[data-problem="embedded"]').textContent()), /could not be opened: This collection file was changed or cut short/);
    assert.equal(await page.locator('ul.library li.source-card .own-badge').count(), 0);
    page.quiet();
  });
});
