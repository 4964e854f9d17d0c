// Notes: written under a passage in the reader, listed in #/notes, kept across a reload, exported
// as JSON and Markdown and imported into a fresh browser (merging, never deleting); storage that is
// blocked, full or holds unreadable notes gives a notice and a way to export, and loses nothing;
// a note deleted from the keyboard leaves focus on the next note or what is left to use.
// Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, seedStorageOnce } from './harness.mjs';

const h = new Harness();

/** Writes a note under passage `pid` of the open reader and waits until it is listed there. */
async function addNote(page, pid, text) {
  const box = page.locator(`.passage-notes[data-passage="${pid}"]`);
  const details = box.locator('details.note-add');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await box.locator('textarea').fill(text);
  await box.getByRole('button', { name: 'Save note' }).click();
  await box.locator('.note-text', { hasText: text }).waitFor();
}

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).first().click()]);
  return file.path();
}

describe('notes', () => {
  h.install({ before, after, afterEach });

  it('a note written under a passage is listed in the notes view and survives a reload', async () => {
    const page = await h.open(await h.newPage(), '#/read/001');
    await addNote(page, 'p3', 'Compare with 004: <b>not</b> bold, just text.');
    await page.reload();
    await page.waitForSelector('.passage-notes[data-passage="p3"] .note-text');
    assert.equal(await page.locator('.passage-notes[data-passage="p3"] .note-text').textContent(), 'Compare with 004: <b>not</b> bold, just text.');
    await page.locator('.site-nav a', { hasText: 'Notes' }).click();
    const item = page.locator('.notes-list li.note[data-doc="001"][data-passage="p3"]');
    await item.waitFor();
    await item.locator('a').click();
    await page.waitForSelector('article.reader[data-doc="001"] p.passage--target[data-passage="p3"]');
    // Deleting it from the reader removes it everywhere.
    await page.locator('.passage-notes[data-passage="p3"]').getByRole('button', { name: /Delete/ }).click();
    await page.locator('.passage-notes[data-passage="p3"] .note').waitFor({ state: 'detached' });
  });

  it('deleting notes from the keyboard keeps focus on the next note, then on what is left to use', async () => {
    const page = await h.open(await h.newPage(), '#/read/001');
    await addNote(page, 'p3', 'First');
    await addNote(page, 'p3', 'Second');
    await addNote(page, 'p5', 'Third');
    await addNote(page, 'p5', 'Fourth');
    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      return a === document.body ? 'BODY' : `${a.tagName.toLowerCase()}:${(a.getAttribute('aria-label') || a.id || a.textContent).trim()}:${a.closest('li.note')?.querySelector('.note-text')?.textContent ?? ''}`;
    });
    const press = async (locator) => {
      await locator.focus();
      await page.keyboard.press('Enter');
    };
    const box = page.locator('.passage-notes[data-passage="p3"]');
    await press(box.locator('li.note', { hasText: 'First' }).getByRole('button', { name: /Delete/ }));
    await eventually(page, 'focus did not go to the other note of the passage', () => document.activeElement?.closest('li.note')?.textContent.includes('Second'), null, () => document.activeElement?.outerHTML.slice(0, 80));
    assert.equal(await focused(), 'button:Delete the note on passage 3:Second');
    await press(box.locator('li.note').getByRole('button', { name: /Delete/ }));
    await eventually(page, 'focus did not go to the passage\'s "Add a note"', () => document.activeElement?.matches('.passage-notes[data-passage="p3"] .note-add > summary'), null, () => document.activeElement?.outerHTML.slice(0, 80));
    // In the notes view: the note that takes the deleted one's place, then the import field.
    await h.open(page, '#/notes');
    await page.locator('.notes-list li.note').first().waitFor();
    assert.equal(await page.locator('.notes-list li.note').count(), 2);
    await press(page.locator('.notes-list li.note', { hasText: 'Third' }).getByRole('button', { name: /Delete/ }));
    await eventually(page, 'focus did not go to the next note in the list', () => document.activeElement?.closest('li.note')?.textContent.includes('Fourth'), null, () => document.activeElement?.outerHTML.slice(0, 80));
    await press(page.locator('.notes-list li.note').getByRole('button', { name: /Delete/ }));
    await eventually(page, 'focus did not go to the import field after the last note', () => document.activeElement?.id === 'notes-import', null, () => document.activeElement?.outerHTML.slice(0, 80));
    assert.equal(await page.locator('.notes-list li.note').count(), 0);
  });

  it('exports as JSON and Markdown, and a fresh browser imports both without losing or doubling a note', async () => {
    const page = await h.open(await h.newPage(), '#/read/002');
    await addNote(page, 'p2', 'First note, with a [link](javascript:alert(1)) that stays text.');
    await addNote(page, 'p4', 'Second note\non two lines.');
    await h.open(page, '#/notes');
    const json = await download(page, 'Export as JSON');
    const md = await download(page, 'Export as Markdown');
    const parsed = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(parsed.format, 1);
    assert.equal(parsed.notes.length, 2);
    const markdown = await readFile(md, 'utf8');
    assert.match(markdown, /parallax-notes format=1/);
    assert.match(markdown, /#\/read\/002\/p2/);

    const fresh = await h.open(await h.newPage(), '#/notes');
    await fresh.locator('.empty').waitFor();
    await fresh.setInputFiles('#notes-import', json);
    await fresh.locator('.notes-message', { hasText: '2 added, 0 updated, 0 already here' }).waitFor();
    await fresh.setInputFiles('#notes-import', md);
    await fresh.locator('.notes-message', { hasText: '0 added, 0 updated, 2 already here' }).waitFor();
    assert.equal(await fresh.locator('.notes-list li.note').count(), 2);
    // A file that is not notes is refused with its name, and nothing changes.
    await fresh.setInputFiles('#notes-import', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": 1, "notes": [') });
    await fresh.locator('.notes-message', { hasText: '“broken.json” was not imported' }).waitFor();
    assert.equal(await fresh.locator('.notes-list li.note').count(), 2);
    await fresh.reload();
    await fresh.waitForSelector('.notes-list li.note');
    assert.equal(await fresh.locator('.notes-list li.note').count(), 2);
  });

  const broken = [
    ['blocked', () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } }), /blocked/],
    ['full', () => { Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }, /full/],
  ];
  for (const [name, script, why] of broken) {
    it(`storage ${name}: a notice, the note kept for the visit, and an export that holds it`, async () => {
      const page = await h.newPage();
      await page.addInitScript(script);
      await h.open(page, '#/read/001');
      await addNote(page, 'p2', `Written while storage is ${name}.`);
      const notice = page.locator('.notes-problem[role="alert"]').first();
      await notice.waitFor();
      assert.match(await notice.textContent(), why);
      assert.match(await notice.textContent(), /not being saved/);
      const [file] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Export notes (JSON)' }).click()]);
      const saved = JSON.parse(await readFile(await file.path(), 'utf8'));
      assert.equal(saved.notes[0].text, `Written while storage is ${name}.`);
    });
  }

  it('unreadable stored notes are set aside, not overwritten, and can be downloaded', async () => {
    const page = await h.newPage();
    await seedStorageOnce(page, 'parallax-notes', '{"format": 1, "notes": [{"id": "n1", "doc": "001"');
    await h.open(page, '#/read/001');
    const notice = page.locator('.notes-problem[role="alert"]', { hasText: 'could not be read' });
    await notice.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the unreadable notes' }).click()]);
    assert.equal(await readFile(await file.path(), 'utf8'), '{"format": 1, "notes": [{"id": "n1", "doc": "001"');
    await addNote(page, 'p2', 'A new note after the damage.');
    const stored = await page.evaluate(() => [localStorage.getItem('parallax-notes-unreadable'), localStorage.getItem('parallax-notes')]);
    assert.equal(stored[0], '{"format": 1, "notes": [{"id": "n1", "doc": "001"');
    assert.equal(JSON.parse(stored[1]).notes[0].text, 'A new note after the damage.');
  });
});
