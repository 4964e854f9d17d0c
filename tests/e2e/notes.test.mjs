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

  it('unreadable stored notes are set aside under a key of their own each time, listed with a download, never overwritten', async () => {
    const page = await h.newPage();
    const damaged = '{"format": 1, "notes": [{"id": "n1", "doc": "001"';
    await seedStorageOnce(page, 'parallax-notes', damaged);
    await h.open(page, '#/read/001');
    const notice = page.locator('.notes-problem[role="alert"]', { hasText: 'could not be read' });
    await notice.waitFor();
    const kept = page.locator('.notes-set-aside');
    const [file] = await Promise.all([page.waitForEvent('download'), kept.getByRole('button', { name: 'Download unreadable notes 1' }).click()]);
    assert.equal(await readFile(await file.path(), 'utf8'), damaged);
    await addNote(page, 'p2', 'A new note after the damage.');
    const keys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('parallax-notes-unreadable')).sort());
    const [first] = await keys();
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), first), damaged);
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('parallax-notes'))).notes[0].text, 'A new note after the damage.');
    // A second damaged notebook is set aside beside the first, which stays as it was.
    const second = '{"format": 1, "notes": "second damage"}';
    await page.evaluate((v) => localStorage.setItem('parallax-notes', v), second);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await kept.getByRole('button', { name: 'Download unreadable notes 2' }).waitFor();
    const both = await keys();
    assert.equal(both.length, 2);
    assert.deepEqual(await page.evaluate((ks) => ks.map((k) => localStorage.getItem(k)), both), [damaged, second]);
  });

  it('notes written by a newer Parallax are left in place, with a notice, and nothing is saved over them', async () => {
    const page = await h.newPage();
    const newer = '{"format": 99, "notes": []}';
    await seedStorageOnce(page, 'parallax-notes', newer);
    await h.open(page, '#/read/001');
    const notice = page.locator('.notes-problem[role="alert"]', { hasText: 'newer Parallax' });
    await notice.waitFor();
    await addNote(page, 'p2', 'Kept in this page only.');
    assert.equal(await page.evaluate(() => localStorage.getItem('parallax-notes')), newer);
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('unreadable')).length), 0);
  });

  it('two tabs: a note added in each is kept, and each tab shows the other\'s', async () => {
    const first = await h.newPage();
    await h.open(first, '#/read/001');
    // The second tab opens before the first writes anything.
    const second = await first.context().newPage();
    await h.open(second, '#/read/001');
    await addNote(first, 'p2', 'From the first tab.');
    await addNote(second, 'p3', 'From the second tab.');
    const stored = () => first.evaluate(() => JSON.parse(localStorage.getItem('parallax-notes')).notes.map((n) => n.text).sort());
    assert.deepEqual(await stored(), ['From the first tab.', 'From the second tab.']);
    // The first tab learns of the second's note without a reload.
    await first.locator('.passage-notes[data-passage="p3"] .note-text', { hasText: 'From the second tab.' }).waitFor();
    // A deletion in one tab is not undone by the other's next write.
    const box = first.locator('.passage-notes[data-passage="p2"]');
    await box.getByRole('button', { name: /Delete/ }).first().click();
    await eventually(second, 'the second tab drops the deleted note', () => !document.querySelector('.passage-notes[data-passage="p2"] .note-text'), null, () => document.querySelector('.passage-notes[data-passage="p2"]')?.textContent);
    await addNote(second, 'p4', 'Another from the second tab.');
    assert.deepEqual(await stored(), ['Another from the second tab.', 'From the second tab.']);
  });
});
