// Offline hand-off (issue 16, points 8 and 7c): "Open a Parallax link" in the library and in the
// header takes a link made anywhere (an https lesson link wrapped as chat apps wrap it, the single
// file's file:// link, a bare #/ fragment) and opens that view in this copy, at the right step; a
// text that is no link gets a clear message and stays in the box. A teacher's lesson with a step on
// her own imported document opens in a fresh browser with a notice naming the document and saying
// how to get it, the step still showing its note. The single file opened from file:// (every
// request blocked) opens a pasted https lesson link, and the lesson link it gives has no file path
// in it. axe on the box, the header's panel and the notice. Every test also fails if the page logs
// anything or asks another origin.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { DIST, Harness, WAIT_MS, eventually, launchBrowser, norm, screenshot, runPack } from './harness.mjs';

const h = new Harness();
const here = dirname(fileURLToPath(import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A lesson link as a teacher would send it from the web: two steps, opened at the second. */
const LESSON =
  'https://example.org/parallax/#/lesson?title=Two%20views&step=/read/002/p4!Note%20the%20date&step=/compare/002/004?theme=military!Who%20says%20what&question=Which%20figure%3F&at=2';

/** What the page shows: the lesson bar, the view under it, the box and its message. */
function seen() {
  const text = (s) => document.querySelector(s)?.textContent.replace(/\s+/g, ' ').trim() ?? null;
  return {
    hash: location.hash,
    count: text('.lesson-count'),
    title: text('.lesson-title'),
    note: text('.lesson-note'),
    compare: document.querySelector('.compare-view')?.dataset.docs ?? null,
    reader: document.querySelector('article.reader')?.dataset.doc ?? null,
    notices: text('.notices ul'),
    missing: text('.missing-docs'),
    problem: text('#open-link-problem'),
    headerProblem: text('#open-link-header-problem'),
    main: document.querySelector('main')?.innerText.slice(0, 300),
  };
}

async function axe(page, selector) {
  const r = await new AxeBuilder({ page }).include(selector).withTags(TAGS).analyze();
  assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `axe on ${selector}`);
  assert.ok(r.passes.length > 3, `axe ran its checks on ${selector}`);
}

/** Types `text` into the box `id` and presses Enter. */
async function paste(page, id, text) {
  await page.fill(`#${id}`, text);
  await page.press(`#${id}`, 'Enter');
}

/** Waits for the lesson of LESSON at its second step. */
async function atStepTwo(page) {
  await eventually(
    page,
    'the pasted lesson link never opened at step 2 of 2',
    () =>
      document.querySelector('.lesson-count')?.textContent.trim() === 'Step 2 of 2' &&
      document.querySelector('.compare-view')?.dataset.docs === '002, 004' &&
      location.hash.startsWith('#/lesson?'),
    null,
    seen,
  );
  const s = await page.evaluate(seen);
  assert.equal(s.title, 'Two views');
  assert.match(s.note, /Who says what/);
  assert.match(s.hash, /at=2/);
  return s;
}

describe('open a Parallax link', () => {
  h.install({ before, after, afterEach });

  it('the library box opens an https lesson link, wrapped as chat apps wrap it, at its step; bad text says why and stays', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#open-link');
    await axe(page, 'section.open-link');
    const start = await page.evaluate(() => location.hash);

    // Not links: each says why, the text stays in the box, and nothing moves.
    for (const [text, why] of [
      ['https://example.org/page#section-2', /^This is not a Parallax link: it has no “#\/” in it\./],
      ['   ', /^Paste a Parallax link into the box first\.$/],
      ['https://example.org/parallax/#/nothing-here', /^This link is not one Parallax can open: it has no view called “nothing-here”\./],
    ]) {
      await paste(page, 'open-link', text);
      await eventually(
        page,
        `no message for ${JSON.stringify(text)}`,
        (why) => new RegExp(why).test(document.getElementById('open-link-problem')?.textContent.trim() ?? ''),
        why.source,
        seen,
      );
      const s = await page.evaluate(seen);
      assert.match(s.problem, why);
      assert.equal(await page.inputValue('#open-link'), text, 'the text typed is kept');
      assert.equal(await page.getAttribute('#open-link', 'aria-invalid'), 'true');
      assert.equal(s.hash, start, 'a refused text opens nothing');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'open-link');
    }
    // The message is tied to the box, and axe is content with the box showing it.
    assert.match(await page.getAttribute('#open-link', 'aria-describedby'), /open-link-problem/);
    await axe(page, 'section.open-link');
    await page.locator('#open-link-problem').scrollIntoViewIfNeeded();
    await screenshot(page, 'open-link-refused');
    // Typing again clears the message.
    await page.type('#open-link', 'x');
    await eventually(page, 'the message stayed after typing', () => !document.getElementById('open-link-problem')?.textContent);

    await paste(page, 'open-link', `  <${LESSON}>\n`);
    await atStepTwo(page);
    // A followed link: Back returns to the library.
    await page.goBack();
    await page.waitForSelector('#open-link');
  });

  it('the header box works at 390 px: file:// and bare #/ links open here, Escape closes it, nothing runs off the screen', async () => {
    const page = await h.open(await h.newPage({ width: 390, height: 844 }), '#/map');
    await page.click('#open-link-header-toggle');
    await eventually(page, 'the header box did not take focus', () => document.activeElement?.id === 'open-link-header');
    assert.equal(await page.getAttribute('#open-link-header-toggle', 'aria-expanded'), 'true');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'the open panel makes the page scroll sideways');
    await axe(page, 'header.site-header');
    await screenshot(page, 'open-link-header');

    // The library's box at this width too.
    await page.click('#open-link-header-toggle');
    await page.evaluate(() => {
      location.hash = '#/';
    });
    await page.waitForSelector('#open-link');
    await page.locator('#open-link').scrollIntoViewIfNeeded();
    await screenshot(page, 'open-link-library');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
    await page.click('#open-link-header-toggle');

    await paste(page, 'open-link-header', 'file:///home/ana/Downloads/parallax.html#/read/001');
    await eventually(page, 'the file:// link never opened the reader', () => document.querySelector('article.reader')?.dataset.doc === '001', null, seen);
    assert.equal(await page.isVisible('#open-link-header'), false, 'the panel closes once the link is open');

    await page.click('#open-link-header-toggle');
    await paste(page, 'open-link-header', '“#/compare/002/004”');
    await eventually(page, 'the bare fragment never opened the comparison', () => document.querySelector('.compare-view')?.dataset.docs === '002, 004', null, seen);

    await page.click('#open-link-header-toggle');
    await page.fill('#open-link-header', 'not a link');
    await page.keyboard.press('Escape');
    await eventually(page, 'Escape did not close the panel and return to its button', () => document.activeElement?.id === 'open-link-header-toggle' && document.getElementById('open-link-header-panel').hidden);
  });

  it("a lesson with a step on the teacher's own document opens in a fresh browser with a notice naming it and saying how to get it", async () => {
    // The teacher imports an article and makes a lesson of a built-in source and her article.
    const teacher = await h.open(await h.newPage());
    await teacher.setInputFiles('#own-files', [
      { name: 'my-article.txt', mimeType: 'text/plain', buffer: Buffer.from('My own article\n\nThe treaty was signed in January. It covers trade and energy.\n\nA second paragraph about the ports.\n') },
    ]);
    await eventually(teacher, 'the import never finished', () => !!document.querySelector('li.source-card[data-doc="own1"]'));
    await teacher.click('#lesson-toggle');
    await teacher.evaluate(() => {
      location.hash = '#/read/002';
    });
    await teacher.waitForSelector('article.reader[data-doc="002"]');
    await teacher.fill('#lesson-note', 'Start here.');
    await teacher.click('#lesson-add');
    await teacher.evaluate(() => {
      location.hash = '#/read/own1';
    });
    await teacher.waitForSelector('article.reader[data-doc="own1"]');
    await teacher.fill('#lesson-note', 'Now read my article.');
    await teacher.click('#lesson-add');
    await teacher.waitForSelector('#lesson-link');
    const link = await teacher.inputValue('#lesson-link');
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#\/lesson\?/, 'served over http, the link carries the page address');
    assert.match(link, /step=\/read\/own1!Now%20read%20my%20article\./);

    // A student's browser: none of the teacher's documents.
    const student = await h.newPage();
    await student.goto(link.replace('#/lesson?', '#/lesson?at=2&'));
    await student.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await eventually(student, 'the step on the missing document never opened with its notice', () => !!document.querySelector('.missing-docs') && !!document.querySelector('.notices ul'), null, seen);
    const s = await student.evaluate(seen);
    assert.equal(s.count, 'Step 2 of 2');
    assert.match(s.note, /Now read my article\./, 'the step keeps its note');
    assert.equal(
      s.notices,
      'Step 2 of this lesson uses a document this copy of Parallax does not have: “own1”. To get it, ask whoever sent you the link for the collection file or for the single file made with “Download as one file”, then open that file here. Until then, the step opens with its note only.',
    );
    assert.match(s.missing, /This step shows a document this copy of Parallax does not have: “own1”\. To get it, ask whoever sent you the link for the collection file/);
    assert.doesNotMatch(s.main, /There is no source/);
    await axe(student, 'main');
    await screenshot(student, 'open-link-missing-doc');
    // The lesson's other step opens as ever, and the link still holds the missing step.
    await student.click('.lesson-previous');
    await eventually(student, 'step 1 never opened', () => document.querySelector('article.reader')?.dataset.doc === '002', null, seen);
    assert.match(await student.evaluate(() => location.hash), /step=\/read\/own1!/);
    // The same link opened where the document is (the teacher's browser) shows the document.
    await teacher.goto(link.replace('#/lesson?', '#/lesson?at=2&'));
    await eventually(
      teacher,
      'the teacher does not see her own step',
      () => document.querySelector('.lesson-count')?.textContent.trim() === 'Step 2 of 2' && document.querySelector('.lesson-step article.reader')?.dataset.doc === 'own1',
      null,
      seen,
    );
    assert.equal(await teacher.$('.missing-docs'), null);
  });
});


describe('open a Parallax link in the single offline file', () => {
  let out;
  let browser;
  const contexts = [];

  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'parallax-open-link-'));
    runPack(out);
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  /** The single file from file://, every request but the file itself blocked and recorded. */
  async function openFile(width = 1280) {
    const file = pathToFileURL(join(out, 'parallax.html')).href;
    const context = await browser.newContext({ viewport: { width, height: 800 }, acceptDownloads: true });
    contexts.push(context);
    context.setDefaultTimeout(WAIT_MS);
    const problems = [];
    const inside = (url) => url.split('#')[0] === file || url.startsWith('data:') || url.startsWith('blob:');
    await context.route('**/*', (route) => (route.request().url().split('#')[0] === file ? route.continue() : route.abort('blockedbyclient')));
    context.on('request', (r) => {
      if (!inside(r.url())) problems.push(`request: ${r.url()}`);
    });
    const page = await context.newPage();
    page.on('console', (m) => problems.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(file);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    page.quiet = () => assert.deepEqual(problems, [], 'the single file must log and request nothing');
    page.file = file;
    return page;
  }

  it('opens a pasted https lesson link at its step, and the lesson link it writes has no file path', async () => {
    const page = await openFile();
    await page.waitForSelector('#open-link');
    await paste(page, 'open-link', LESSON);
    await atStepTwo(page);
    assert.ok(page.url().startsWith(page.file), 'the link opened inside the file');

    // The teacher's side in the file: the lesson link is the bare fragment, with a note.
    await page.evaluate(() => {
      location.hash = '#/map';
    });
    await page.waitForSelector('.map-view, table.map, main h1');
    await page.click('#lesson-toggle');
    await page.fill('#lesson-note', 'Compare them.');
    await page.click('#lesson-add');
    await page.waitForSelector('#lesson-link');
    const link = await page.inputValue('#lesson-link');
    assert.match(link, /^#\/lesson\?step=\/map!Compare%20them\.&v=[0-9a-f]{12}$/);
    assert.ok(!link.includes('file:') && !link.includes(out), `the link names the file: ${link}`);
    assert.match(norm(await page.textContent('.lesson-fragment-note')), /paste.*“Open a link”/);
    await screenshot(page, 'open-link-file-lesson');

    // Citations made in the file link to the reader as bare fragments too.
    await page.click('.lesson-close');
    await page.evaluate(() => {
      location.hash = '#/';
    });
    const cite = page.locator('section.cite').getByRole('button', { name: /CSL-JSON/ });
    const [file] = await Promise.all([page.waitForEvent('download'), cite.click()]);
    const cited = await readFile(await file.path(), 'utf8');
    const urls = JSON.parse(cited).map((r) => r.URL);
    assert.equal(urls.length, 5);
    assert.ok(urls.every((u) => /^#\/read\/\d{3}\?v=[0-9a-f]{12}$/.test(u)), JSON.stringify(urls));
    assert.ok(!cited.includes('file:'), 'a citation names the file');

    // Pasted back into a copy (this one), it opens the lesson.
    await page.click('#open-link-header-toggle');
    await paste(page, 'open-link-header', link);
    await eventually(page, 'the bare lesson link never opened', () => document.querySelector('.lesson-count')?.textContent.trim() === 'Step 1 of 1', null, seen);
    page.quiet();
  });
});
