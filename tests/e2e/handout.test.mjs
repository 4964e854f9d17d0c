// QR codes and the lesson handout: the header's "QR code" of any view and the drawer's codes of a
// lesson's student and teacher copies open full-screen in a modal dialog (focus on Close, Escape
// and Close close it, focus back on the button), big enough for a projector, and the code drawn
// on screen, photographed and read back by a QR decoder (jsQR), is exactly the link; a link too
// long for a code says so instead. The handout of a three-step lesson (a passage, a comparison, a
// search, a question with an answer) shows every step with its note, question, key content and a
// code of its view; a student copy's handout has no answer, a teacher copy's has it; printed
// (print media, PDF in A4 and Letter) it leaves out every control and puts each step on a page.
// The whole lesson downloads from the handout as a spreadsheet: a row a step with its name, the
// student copy's link to it, its texts and the passage to read; the answers only from a teacher
// copy.
// axe on the dialog and the handout. Every test also fails if the page logs anything or asks
// another origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { Harness, eventually, norm, screenshot } from './harness.mjs';

const h = new Harness();

const PASSAGE = '/read/002/p4';
const COMPARE = '/compare/002/004';
const SEARCH = '/explore?q=sanction*';
const QUESTION = 'Which figure differs between the two?';
const ANSWER = 'The second source gives a later date.';
const NOTES = ['Read this passage closely.', 'Compare the two accounts.', 'Skim what the search finds.'];
const enc = encodeURIComponent;
/** A teacher copy: three steps, the second with a question and its answer. */
const LESSON =
  `#/lesson?title=${enc('Two sides')}` +
  `&step=${PASSAGE}!${enc(NOTES[0])}` +
  `&step=${COMPARE}!${enc(NOTES[1])}&question=${enc(QUESTION)}&answer=${enc(ANSWER)}` +
  `&step=${SEARCH.replace('*', '%2A')}!${enc(NOTES[2])}`;

/** Reads the QR code in the element `selector` from a screenshot of it. */
async function readCode(page, selector) {
  const png = PNG.sync.read(await page.locator(selector).screenshot({ animations: 'disabled' }));
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(found, `no QR code could be read in ${selector}`);
  return found.data;
}

async function axe(page, include, what) {
  const result = await new AxeBuilder({ page })
    .include(include)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const problems = result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  assert.deepEqual(problems, [], `${what}: axe violations`);
}

/** What the page shows of the dialog. */
function dialog() {
  const d = document.querySelector('dialog.qr-dialog');
  const svg = d?.querySelector('svg.qr-code');
  const box = svg?.getBoundingClientRect();
  return {
    open: !!d?.open,
    modal: !!d?.matches(':modal'),
    focus: document.activeElement?.className ?? null,
    title: d?.querySelector('h2')?.textContent ?? null,
    link: d?.querySelector('.qr-link')?.textContent ?? null,
    tooLong: d?.querySelector('.qr-too-long')?.textContent ?? null,
    side: box ? Math.min(box.width, box.height) : 0,
    screen: Math.min(innerWidth, innerHeight),
    background: d ? getComputedStyle(d).backgroundColor : null,
  };
}

/** Opens the dialog with the button `button` and waits until it is shown and focused. */
async function openCode(page, button) {
  await page.click(button);
  await eventually(page, 'the QR dialog did not open with focus on Close', new Function(`const d = (${dialog})(); return d.open && d.modal && d.focus === 'qr-close';`), undefined, dialog);
  return page.evaluate(dialog);
}

describe('QR codes and the lesson handout', () => {
  h.install({ before, after, afterEach });

  it("the header's QR code of a view reads back as the page's link, fills the screen and closes with Escape", async () => {
    for (const [width, height] of [[1280, 800], [390, 844]]) {
      const page = await h.newPage({ width, height });
      await h.open(page, `#${PASSAGE}`);
      await eventually(page, 'the canonical link was not written', () => /[?&]v=[0-9a-f]{12}$/.test(location.hash));
      const d = await openCode(page, '#qr-page');
      const url = page.url();
      assert.equal(d.link, url);
      assert.equal(d.title, "QR code of this page's link");
      assert.equal(d.background, 'rgb(255, 255, 255)');
      assert.ok(d.side >= 0.75 * d.screen, `the code is ${d.side} px on a screen of ${d.screen}: too small for a projector`);
      assert.equal(await readCode(page, 'dialog.qr-dialog svg.qr-code'), url);
      await screenshot(page, 'qr-view');
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await axe(page, 'dialog.qr-dialog', `QR dialog (${scheme}) at ${width} px`);
        assert.equal(await readCode(page, 'dialog.qr-dialog svg.qr-code'), url, `black on white in the ${scheme} theme`);
      }
      await page.keyboard.press('Escape');
      await eventually(page, 'Escape did not close the dialog and give focus back', () => !document.querySelector('dialog.qr-dialog') && document.activeElement?.id === 'qr-page');
      // By keyboard alone: the button, Enter, then Close.
      await page.focus('#qr-page');
      await page.keyboard.press('Enter');
      await eventually(page, 'Enter did not open the dialog', () => document.activeElement?.className === 'qr-close');
      await page.keyboard.press('Enter');
      await eventually(page, 'Close did not close the dialog', () => !document.querySelector('dialog.qr-dialog') && document.activeElement?.id === 'qr-page');
    }
  });

  it('a link too long for a QR code gets a plain message instead of a code', async () => {
    const page = await h.newPage();
    // 200 emoji: 2,400 bytes once percent-encoded, within a query's 256 characters.
    await h.open(page, `#/explore?q=${enc('😀'.repeat(200))}`);
    await eventually(page, 'the canonical link was not written', () => /[?&]v=[0-9a-f]{12}$/.test(location.hash));
    assert.ok(page.url().length > 1273);
    const d = await openCode(page, '#qr-page');
    assert.equal(await page.locator('dialog.qr-dialog svg').count(), 0);
    assert.match(d.tooLong, /too long for a QR code/);
    assert.match(d.tooLong, new RegExp(`it has ${page.url().length.toLocaleString('en-US')} characters`));
    assert.match(d.tooLong, /at most 1,273/);
    assert.equal(d.link, page.url());
    await axe(page, 'dialog.qr-dialog', 'QR dialog with a link too long');
    await screenshot(page, 'qr-too-long');
  });

  it("the drawer's QR codes of the student and teacher copies read back as their links", async () => {
    const page = await h.newPage();
    await h.open(page, LESSON);
    await page.click('#lesson-toggle');
    await page.click('#lesson-load-0');
    await page.waitForSelector('#lesson-link-teacher');
    for (const id of ['lesson-link', 'lesson-link-teacher']) {
      const link = await page.inputValue(`#${id}`);
      assert.equal(link.includes('answer='), id === 'lesson-link-teacher');
      const d = await openCode(page, `#${id}-qr`);
      assert.equal(d.link, link);
      assert.equal(await readCode(page, 'dialog.qr-dialog svg.qr-code'), link);
      if (id === 'lesson-link') await screenshot(page, 'qr-lesson');
      await page.click('dialog.qr-dialog .qr-close');
      await eventually(page, 'Close did not give focus back to the button', (b) => !document.querySelector('dialog.qr-dialog') && document.activeElement?.id === b, `${id}-qr`);
    }
    await axe(page, '#lesson-drawer', 'the drawer with its QR buttons');
  });

  it('the handout of a three-step lesson: every step, answers only in the teacher copy, printed a step a page', async () => {
    const page = await h.newPage();
    await h.open(page, LESSON);
    // From the lesson bar: the handout of this (teacher) copy.
    await page.click('.lesson-bar .lesson-handout');
    await page.waitForSelector('.handout .handout-step');
    const handout = () => ({
      hash: location.hash,
      title: document.querySelector('.handout h1')?.textContent,
      copy: document.querySelector('.handout-copy')?.textContent,
      steps: [...document.querySelectorAll('.handout-step')].map((s) => ({
        name: s.querySelector('h2').textContent,
        note: s.querySelector('.handout-note')?.textContent ?? null,
        question: s.querySelector('.handout-question')?.textContent ?? null,
        answer: s.querySelector('.handout-answer')?.textContent ?? null,
        passage: s.querySelector('.handout-passage')?.textContent ?? null,
        rows: s.querySelectorAll('.handout-table tbody tr').length,
        results: s.querySelectorAll('.handout-results li').length,
        codes: s.querySelectorAll('svg.qr-code').length,
      })),
      codes: document.querySelectorAll('.handout svg.qr-code').length,
    });
    let seen = await page.evaluate(handout);
    assert.match(seen.hash, /^#\/handout\?title=Two%20sides&step=/);
    assert.equal(seen.title, 'Two sides');
    assert.match(seen.copy, /Teacher copy/);
    assert.equal(seen.steps.length, 3);
    assert.deepEqual(seen.steps.map((s) => s.note), NOTES);
    assert.match(seen.steps[0].name, /^Step 1: Read “.+”, passage 4$/);
    assert.ok(seen.steps[0].passage.length > 40, 'the passage is printed');
    assert.ok(seen.steps[1].rows > 0, "the comparison's table is printed");
    assert.equal(seen.steps[1].question, `Question: ${QUESTION}`);
    assert.equal(seen.steps[1].answer, `Answer: ${ANSWER}`);
    assert.ok(seen.steps[2].results >= 2 && seen.steps[2].results <= 5, 'the first results of the search');
    assert.deepEqual(seen.steps.map((s) => s.codes), [1, 1, 1]);
    assert.equal(seen.codes, 4);
    // The passage is the reader's, word for word.
    const passage = await (async () => {
      const p = await h.newPage();
      await h.open(p, `#${PASSAGE}`);
      return norm(await p.textContent('p[data-passage="p4"]'));
    })();
    assert.ok(passage.includes(norm(seen.steps[0].passage)), 'the printed passage is the source’s');
    // Each step's code opens its view; the lesson's code the student copy, also on this
    // teacher copy.
    assert.equal(await readCode(page, '.handout-step:nth-of-type(1) svg.qr-code'), `${h.origin}/#${PASSAGE}?v=${(await page.url()).match(/v=([0-9a-f]{12})$/)[1]}`);
    // (Drawn large for the reader: a whole lesson's code is dense.)
    const size = (rem) => page.evaluate((rem) => {
      const svg = document.querySelector('.handout-qr--lesson svg.qr-code');
      svg.style.width = svg.style.height = rem;
    }, rem);
    await size('45rem');
    const whole = await readCode(page, '.handout-qr--lesson svg.qr-code');
    await size('');
    assert.ok(whole.startsWith(`${h.origin}/#/lesson?title=Two%20sides&step=`), whole);
    assert.ok(!whole.includes('answer='), `the lesson's code is the student copy: ${whole}`);
    await axe(page, '.handout', 'the handout');
    await screenshot(page, 'handout');

    // Printed: no controls, every step's texts and codes, a page per step.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    const printed = await page.evaluate(() => {
      const shown = (s) => [...document.querySelectorAll(s)].filter((e) => e.checkVisibility());
      return {
        hidden: ['.site-header', '.lesson-maker', '.handout-actions', '.handout .export', '.qr-button', '.skip-link'].filter((s) => shown(s).length > 0),
        names: shown('.handout-step h2').length,
        notes: shown('.handout-note').length,
        questions: shown('.handout-question').length,
        answers: shown('.handout-answer').length,
        codes: shown('.handout svg.qr-code').filter((c) => c.getBoundingClientRect().width >= 100).length,
      };
    });
    assert.deepEqual(printed, { hidden: [], names: 3, notes: 3, questions: 1, answers: 1, codes: 4 });
    await page.screenshot({ path: `${(await import('./harness.mjs')).ARTIFACTS}/handout-print-a4.png`, fullPage: true });
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true });
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
      assert.ok(pages >= 3 && pages <= 9, `${format}: ${pages} pages for 3 steps`);
    }
    await page.emulateMedia({ media: 'screen' });

    // The student copy's handout, from the drawer: no answer anywhere.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${h.origin}/${LESSON}`);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.click('#lesson-toggle');
    await page.click('#lesson-load-0');
    await page.locator('.lesson-links .lesson-handout-link').first().click();
    await eventually(page, 'the student handout did not open', () => document.querySelectorAll('.handout-step').length === 3 && /Student copy/.test(document.querySelector('.handout-copy')?.textContent));
    seen = await page.evaluate(handout);
    assert.ok(!seen.hash.includes('answer='));
    assert.deepEqual(seen.steps.map((s) => s.answer), [null, null, null]);
    assert.equal(seen.steps[1].question, `Question: ${QUESTION}`);
    assert.ok(!(await page.textContent('body')).includes(ANSWER), 'the answer is nowhere on the page');
  });

  it('the whole lesson downloads from its handout as a spreadsheet, with the answers only from a teacher copy', async () => {
    const page = await h.newPage();
    await h.open(page, LESSON.replace('#/lesson?', '#/handout?'));
    await page.waitForSelector('.handout .handout-step .handout-passage');
    const group = page.getByRole('group', { name: 'Download the lesson' });
    assert.deepEqual(await group.locator('button').evaluateAll((bs) => bs.map((b) => b.dataset.format)), ['csv', 'txt', 'md']);
    const passage = norm(await page.textContent('.handout-step:nth-of-type(1) .handout-passage'));

    /** The lesson's CSV as downloaded: its name and its rows as a spreadsheet reads them. */
    const download = async () => {
      const [file] = await Promise.all([page.waitForEvent('download'), group.locator('button[data-format="csv"]').click()]);
      const bytes = await readFile(await file.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark');
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(text.endsWith('\r\n'));
      // RFC 4180: quoted cells hold commas, quotes and line breaks.
      const rows = [['']];
      let quoted = false;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        const row = rows[rows.length - 1];
        if (c === '"' && quoted && text[i + 1] === '"') { row[row.length - 1] += '"'; i++; }
        else if (c === '"') quoted = !quoted;
        else if (c === ',' && !quoted) row.push('');
        else if (c === '\r' && !quoted && text[i + 1] === '\n') { rows.push(['']); i++; }
        else row[row.length - 1] += c;
      }
      rows.pop();
      return { name: file.suggestedFilename(), rows };
    };

    // This link has an answer: a teacher copy, and its file has the answers.
    const teacher = await download();
    assert.match(teacher.name, /^parallax-lesson-two-sides-teacher-\d{4}-\d{2}-\d{2}\.csv$/);
    const [head, ...rows] = teacher.rows;
    assert.deepEqual(head, ['Step', 'Name', 'Link', 'Note', 'Question', 'Answer', 'Text to read']);
    assert.deepEqual(rows.map((r) => r[0]), ['1', '2', '3']);
    assert.match(rows[0][1], /^Read “.+”, passage 4$/);
    assert.match(rows[1][1], /^Compare “.+” and “.+”$/);
    assert.equal(rows[2][1], 'Explore “sanction*”');
    assert.deepEqual(rows.map((r) => r[3]), NOTES);
    assert.deepEqual(rows.map((r) => r[4]), ['', QUESTION, '']);
    assert.deepEqual(rows.map((r) => r[5]), ['', ANSWER, '']);
    // The passage to read is the handout's (cut at a word when long); nothing for the others.
    assert.ok(rows[0][6].length > 40);
    assert.ok(passage.startsWith(norm(rows[0][6]).replace(/…$/, '')), 'the passage in the file is the handout’s');
    assert.deepEqual(rows.slice(1).map((r) => r[6]), ['', '']);
    // Each link opens the student copy at its step.
    for (const row of rows) {
      assert.ok(row[2].startsWith(`${h.origin}/#/lesson?title=Two%20sides&step=`), row[2]);
      assert.ok(!row[2].includes('answer='), 'the links are the student copy');
    }
    const opened = await h.newPage();
    await h.open(opened, rows[1][2].slice(h.origin.length + 1));
    await eventually(opened, 'the link of step 2 did not open the lesson at step 2', () => document.querySelector('.lesson-bar .lesson-count')?.textContent === 'Step 2 of 3');

    // The student copy's handout: the same rows, with no answer column and no answer.
    await page.goto(`${h.origin}/${LESSON.replace('#/lesson?', '#/handout?').replace(`&answer=${enc(ANSWER)}`, '')}`);
    await eventually(page, 'the student handout did not open', () => /Student copy/.test(document.querySelector('.handout-copy')?.textContent ?? ''));
    const student = await download();
    assert.match(student.name, /^parallax-lesson-two-sides-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.deepEqual(student.rows[0], ['Step', 'Name', 'Link', 'Note', 'Question', 'Text to read']);
    assert.equal(student.rows.length, 4);
    assert.ok(!student.rows.flat().some((c) => c.includes(ANSWER)), 'no answer in the student copy');
  });

  it('the handout at 390 px', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await h.open(page, LESSON.replace('#/lesson?', '#/handout?'));
    await page.waitForSelector('.handout-step');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the page is ${wide} px wide at 390`);
    await screenshot(page, 'handout');
  });
});
