// The lesson draft holds no more than a lesson link can carry: a title, note, question or answer
// typed into the "Make a lesson" drawer is cleaned and cut as it enters the draft (no direction override, nothing
// past its length), with a short notice; a step past the limit is refused with the reason; a
// tampered draft in storage, however large, neither slows the start nor is lost (kept aside whole,
// or left in place when storage has no room for a copy). Every test also fails if the page logs
// anything or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, norm, seedStorageOnce } from './harness.mjs';

const h = new Harness();

const KEY = 'parallax-lesson-draft';
/** Direction overrides and isolates, and any other control character. */
const HIDDEN = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** The draft as stored, and every key set aside. */
function stored() {
  const aside = Object.keys(localStorage).filter((k) => k.startsWith('parallax-lesson-draft-unreadable'));
  return { draft: localStorage.getItem('parallax-lesson-draft'), aside: aside.map((k) => [k, localStorage.getItem(k)]) };
}

const status = (page) => page.locator('.lesson-status').textContent().then(norm);

async function openPanel(page, hash = '#/map') {
  await h.open(page, hash);
  await page.click('#lesson-toggle');
  await page.waitForSelector('#lesson-drawer:not([hidden]) #lesson-title');
}

/** A stored draft of `steps` (each `{link, note}`) under `title`, in the first format of drafts
 * (which this version still reads). */
const draftJson = (title, steps, note = '') => JSON.stringify({ format: 1, title, note, steps });

describe('limits of the lesson draft', () => {
  h.install({ before, after, afterEach });

  it('an over-long title with a U+202E typed into the builder enters the draft cut and cleaned, with a notice', async () => {
    const page = await h.newPage();
    await openPanel(page);
    const typed = `\u202E${'Sanctions and drones over time. '.repeat(12)}`;
    await page.fill('#lesson-title', typed);
    await eventually(page, 'no notice that the title was cut', () => /^Cut to 80 characters: a lesson link cannot carry more\.$/.test(document.querySelector('.lesson-status').textContent.trim()), null, () => document.querySelector('.lesson-status').textContent);
    const shown = await page.inputValue('#lesson-title');
    assert.equal([...shown].length, 80);
    assert.ok(!HIDDEN.test(shown), 'the field keeps a hidden character');
    // The draft stored holds the title as the link will carry it, nothing more.
    const { draft } = await page.evaluate(stored);
    const title = JSON.parse(draft).title;
    assert.equal(title, shown);
    assert.ok(!HIDDEN.test(title), `stored title with a hidden character: ${JSON.stringify(title)}`);
    assert.equal(title, typed.replace('\u202E', '').slice(0, 80));
    // Typing on at the limit adds nothing; the notice stays.
    await page.locator('#lesson-title').press('End');
    await page.locator('#lesson-title').pressSequentially('xyz');
    assert.equal(await page.inputValue('#lesson-title'), shown);
    assert.equal(await status(page), 'Cut to 80 characters: a lesson link cannot carry more.');

    // A note: cut at 600 characters as it is typed, the step added with it.
    await page.fill('#lesson-note', `Look at the map. ${'n'.repeat(700)}`);
    await eventually(page, 'no notice that the note was cut', () => document.querySelector('.lesson-status').textContent.includes('Cut to 600 characters'), null, () => [document.querySelector('.lesson-status').textContent, document.querySelector('#lesson-note').value.length]);
    assert.equal(norm(await page.locator('#lesson-note-count').textContent()), '600 of 600 characters');
    assert.match(await page.getAttribute('#lesson-note-count', 'class'), /lesson-chars--full/);
    await page.click('#lesson-add');
    await eventually(page, 'the step was not added', () => document.querySelectorAll('.lesson-draft > li').length === 1);
    const saved = JSON.parse((await page.evaluate(stored)).draft);
    assert.equal(saved.format, 2);
    assert.equal([...saved.steps[0].note].length, 600);
    assert.ok(saved.steps[0].note.startsWith('Look at the map. nnn'));
    // A note typed with a direction override loses it, and says so.
    await page.click('.lesson-edit > summary');
    const note = page.locator('.lesson-draft textarea[id^="lesson-note-"]');
    await note.fill('Read \u202Ethis\u202C first');
    await eventually(page, 'no notice that hidden characters were taken out', () => /taken out/.test(document.querySelector('.lesson-status').textContent));
    assert.equal(await note.inputValue(), 'Read this first');
    assert.equal(JSON.parse((await page.evaluate(stored)).draft).steps[0].note, 'Read this first');
    // A question and an answer: cut at 300 and 600 characters as typed, hidden characters out.
    const question = page.locator('.lesson-draft textarea[id^="lesson-question-"]');
    await question.fill(`\u2066Why?\u2069 ${'q'.repeat(400)}`);
    await eventually(page, 'no notice that the question was cut', () => document.querySelector('.lesson-status').textContent.includes('Cut to 300 characters'));
    assert.equal([...(await question.inputValue())].length, 300);
    assert.ok(!HIDDEN.test(await question.inputValue()));
    const answer = page.locator('.lesson-draft textarea[id^="lesson-answer-"]');
    await answer.fill('a'.repeat(650));
    await eventually(page, 'no notice that the answer was cut', () => document.querySelector('.lesson-status').textContent.includes('Cut to 600 characters'));
    const step = JSON.parse((await page.evaluate(stored)).draft).steps[0];
    assert.deepEqual([[...step.question].length, [...step.answer].length], [300, 600]);

    // The link carries the same title, with no notice of a cut, and the lesson's tab title has
    // no override.
    assert.equal(await page.locator('.lesson-notices').count(), 0);
    const link = await page.inputValue('#lesson-link');
    assert.equal(new URL(link).hash.match(/title=([^&]*)/)[1], encodeURIComponent(shown.trim()));
    await page.click('.lesson-open');
    await page.waitForSelector('.lesson-bar');
    await eventually(page, 'the tab does not name the lesson', () => document.title.includes('Sanctions and drones'), null, () => document.title);
    assert.ok(!HIDDEN.test(await page.title()), 'direction override in the tab title');
  });

  it('a step past the twentieth is refused with the reason, and the note typed stays', async () => {
    const page = await h.newPage();
    const steps = Array.from({ length: 20 }, (_, i) => ({ link: '/methods', note: `step ${i + 1}` }));
    await seedStorageOnce(page, KEY, draftJson('Full', steps));
    await openPanel(page);
    await page.waitForSelector('.lesson-draft > li');
    assert.equal(await page.locator('.lesson-draft > li').count(), 20);
    await page.fill('#lesson-note', 'One more');
    await page.click('#lesson-add');
    await eventually(page, 'the refusal was not said', () => /at most 20 steps: remove one to add another/.test(document.querySelector('.lesson-status').textContent), null, () => document.querySelector('.lesson-status').textContent);
    assert.equal(await page.locator('.lesson-draft > li').count(), 20);
    assert.equal(await page.inputValue('#lesson-note'), 'One more');
    assert.equal(JSON.parse((await page.evaluate(stored)).draft).steps.length, 20);
  });

  it('a tampered draft of 200 steps and a hidden title is read within the limits, and kept aside whole', async () => {
    const page = await h.newPage();
    const steps = Array.from({ length: 200 }, (_, i) => ({ link: i % 2 ? '/read/001/nope' : '/map', note: `${'x'.repeat(300)} ${i}` }));
    const raw = draftJson(`\u202E${'T'.repeat(200)}`, steps);
    await seedStorageOnce(page, KEY, raw);
    await openPanel(page);
    await page.waitForSelector('.lesson-restored li');
    const said = await page.$$eval('.lesson-restored li', (ls) => ls.map((l) => l.textContent.replace(/\s+/g, ' ').trim()));
    assert.match(said[0], /held more than a lesson link can carry.*kept aside in this browser's storage \(under “parallax-lesson-draft-unreadable-\d+-[0-9a-f]{8}”\)/);
    assert.ok(said.some((s) => /at most 20 steps/.test(s)), JSON.stringify(said));
    assert.ok(said.length <= 12, `${said.length} notices listed`);
    assert.equal(await page.locator('.lesson-draft > li').count(), 10, 'the odd steps open nothing here (a passage its source does not have)');
    assert.equal(await page.inputValue('#lesson-title'), 'T'.repeat(80));
    const { draft, aside } = await page.evaluate(stored);
    assert.deepEqual(aside.map(([, v]) => v), [raw], 'the draft as it was is kept aside');
    const now = JSON.parse(draft);
    assert.equal(now.title, 'T'.repeat(80));
    assert.equal(now.steps.length, 10);
    assert.ok(now.steps.every((s) => [...s.note].length <= 600));
    // A reload reads it as it is now: nothing more to cut, nothing set aside again.
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.click('#lesson-toggle');
    await page.waitForSelector('.lesson-draft > li');
    assert.equal(await page.locator('.lesson-restored').count(), 0);
    assert.equal((await page.evaluate(stored)).aside.length, 1);
  });

  it('a tampered 4 MB draft: the app starts, and the draft is left as it was with a notice, never lost', async () => {
    const page = await h.newPage();
    // 4 MB of the shape that cost most before: the most steps that open (a start took over a minute).
    const raw = draftJson('t', Array(180_000).fill({ link: '/', note: '' }));
    assert.ok(raw.length > 3_900_000);
    await seedStorageOnce(page, KEY, raw);
    // `open` waits for data-ready within the harness's wait: no clock is read here.
    await openPanel(page);
    assert.equal(await page.locator('.lesson-draft > li').count(), 0);
    // The browser has no room for a second copy of 4 MB: the draft stays where it is, unread,
    // and nothing is saved over it; a step added is kept for the visit, and the panel says so.
    await page.click('#lesson-add');
    await eventually(page, 'the step was not added for the visit', () => document.querySelectorAll('.lesson-draft > li').length === 1);
    const problem = page.locator('.lesson-panel .lesson-problem');
    await problem.waitFor();
    assert.match(norm(await problem.textContent()), /larger than a lesson draft can be \(\d+ bytes; a draft takes at most 262144\).*not saved over it/);
    const { draft, aside } = await page.evaluate(stored);
    assert.equal(draft.length, raw.length, 'the tampered draft was changed');
    assert.equal(aside.length, 0);
  });

  it('a tampered 1 MB draft: the app starts, and the draft is kept aside whole, a new one starting', async () => {
    const page = await h.newPage();
    const raw = draftJson('t', Array(45_000).fill({ link: '/', note: '' }));
    assert.ok(raw.length > 1_000_000);
    await seedStorageOnce(page, KEY, raw);
    await openPanel(page);
    const said = page.locator('.lesson-restored li');
    await said.waitFor();
    assert.match(norm(await said.first().textContent()), /could not be read: it is larger than a lesson draft can be.*kept aside.*a new draft starts here/);
    const { draft, aside } = await page.evaluate(stored);
    assert.equal(draft, null);
    assert.deepEqual(aside.map(([, v]) => v.length), [raw.length]);
    assert.equal(aside[0][1], raw);
  });
});
