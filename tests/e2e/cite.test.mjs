// Citations and Web Annotations: "Cite this source" on a profile downloads CSL-JSON, BibTeX and
// RIS whose every field is the page's (checked against values worked out by hand from the
// manifest and the raw page, with this server's link and today's date); "Cite all sources" in
// the library cites every source in manifest order and the reader's own documents after them; the
// notes view exports notes as W3C Web Annotations whose selectors resolve, counted in code
// points, in the reader's text of each passage's document. Screenshots of the controls at phone
// and desktop width. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { Harness, MANIFEST, eventually, screenshot } from './harness.mjs';

const h = new Harness();

/** Clicks `button` and returns the downloaded file's name and text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** The corpus version every in-app link carries. */
async function version(page) {
  const href = await page.locator('a[href*="v="]').first().getAttribute('href');
  return href.match(/v=([0-9a-f]{12})/)[1];
}

/** Today in the page's time zone, as [year, month, day]. */
function today(page) {
  return page.evaluate(() => {
    const d = new Date();
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  });
}

const pad = (n) => String(n).padStart(2, '0');

/** The titles of the manifest, in its order. */
async function manifestTitles() {
  const text = await readFile(MANIFEST, 'utf8');
  return [...text.matchAll(/^\s*title\s*=\s*"([^"]+)"/gm)].map((m) => m[1]).slice(1);
}

/** A Markdown page of the reader's own, with an emoji (one code point, two UTF-16 units). */
const OWN = {
  name: 'own-pact.md',
  mimeType: 'text/markdown',
  buffer: Buffer.from(
    '# Our Pact 😀 & Co\n\nBy Jane Doe\n\n12 April 2024\n\n' +
      'Emoji 😀 first: Iran and Russia signed a treaty on trade and energy in January, after long talks.\n\n' +
      'The corridor carries grain, timber and steel to the Caspian ports, and payments avoid SWIFT.\n',
  ),
};

/** Imports OWN in the library and returns its id. */
async function importOwn(page) {
  await page.setInputFiles('#own-files', [OWN]);
  await eventually(
    page,
    'the own document was never listed',
    () => [...document.querySelectorAll('ul.library > li.source-card')].some((li) => li.querySelector('.own-badge')),
    null,
    () => document.querySelector('.import-status')?.textContent,
  );
  return page.evaluate(() => [...document.querySelectorAll('ul.library > li.source-card')].find((li) => li.querySelector('.own-badge')).dataset.doc);
}

/** The texts of the passages the reader shows for the open document, in order. */
function readerTexts() {
  return [...document.querySelectorAll('article.reader p.passage')].map((p) => {
    const c = p.cloneNode(true);
    c.querySelector('.passage-link')?.remove();
    return c.textContent.replace(/ $/, '');
  });
}

describe('citations and Web Annotations', () => {
  h.install({ before, after, afterEach });

  it('"Cite this source" downloads what the page says of 000 in all three formats, from the keyboard too', async () => {
    const page = await h.newPage();
    await h.open(page, '#/source/000');
    const section = page.locator('section.cite');
    await section.getByRole('heading', { name: 'Cite this source' }).waitFor();
    const group = section.getByRole('group', { name: 'Download a citation of this source' });
    const buttons = await group.getByRole('button').allTextContents();
    assert.deepEqual(buttons, ['For Zotero or Mendeley (CSL-JSON)', 'For LaTeX or Overleaf (BibTeX)', 'For EndNote, RefWorks or Word (RIS)']);
    const v = await version(page);
    const [y, m, d] = await today(page);
    const url = `${h.origin}/#/read/000?v=${v}`;
    const title = 'The Tehran-Moscow Axis: A Strategic Alliance Reshaping Global Power Dynamics Against Western Hegemony';

    const json = await download(page, group.getByRole('button', { name: /CSL-JSON/ }));
    assert.equal(json.name, 'parallax-000.json');
    assert.deepEqual(JSON.parse(json.text), [
      {
        id: 'parallax-000',
        type: 'webpage',
        title,
        author: [{ literal: 'A.Yeganeh' }],
        issued: { 'date-parts': [[2025, 3, 3]] },
        accessed: { 'date-parts': [[y, m, d]] },
        URL: url,
      },
    ]);
    await section.locator('.cite-status', { hasText: 'Downloaded “parallax-000.json”.' }).waitFor();

    // From the keyboard: Tab to the BibTeX button, Enter.
    await group.getByRole('button', { name: /CSL-JSON/ }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.format), 'bibtex');
    const [bibFile] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(bibFile.suggestedFilename(), 'parallax-000.bib');
    assert.equal(
      await readFile(await bibFile.path(), 'utf8'),
      `@misc{parallax-000,\n  title = {{${title}}},\n  author = {{A.Yeganeh}},\n  year = {2025},\n  month = mar,\n  date = {2025-03-03},\n  url = {${url}},\n  urldate = {${y}-${pad(m)}-${pad(d)}},\n}\n`,
    );

    const ris = await download(page, group.getByRole('button', { name: /RIS/ }));
    assert.equal(ris.name, 'parallax-000.ris');
    assert.equal(
      ris.text,
      ['TY  - ELEC', `TI  - ${title}`, 'AU  - A.Yeganeh', 'PY  - 2025', 'DA  - 2025/03/03/', `Y2  - ${y}/${pad(m)}/${pad(d)}/`, `UR  - ${url}`, 'ER  - ', ''].join('\r\n'),
    );

    // 003: the manifest's site, no author (only an "About the Author" box names one), no date.
    await h.open(page, '#/source/003');
    const bib003 = await download(page, page.locator('section.cite button[data-format="bibtex"]'));
    assert.equal(
      bib003.text,
      `@misc{parallax-003,\n  title = {{Russia \\& Iran: Unequal Allies Shaping a New Global Order}},\n  howpublished = {Russland Iran Bündnis},\n  url = {${h.origin}/#/read/003?v=${v}},\n  urldate = {${y}-${pad(m)}-${pad(d)}},\n}\n`,
    );

    const axe = await new AxeBuilder({ page }).include('section.cite').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(axe.violations.map((x) => x.id), []);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'cite-profile');
    }
  });

  it('"Cite all sources" in the library cites every source in manifest order, then the reader\'s own', async () => {
    const page = await h.newPage();
    await h.open(page, '#/');
    const own = await importOwn(page);
    const v = await version(page);
    const [y, m, d] = await today(page);
    const section = page.locator('section.cite');
    await section.getByRole('heading', { name: 'Cite all sources' }).waitFor();
    assert.match(await section.locator('.help').textContent(), /^Download references to all 6 sources, your own documents included, in one file\./);
    const titles = await manifestTitles();
    assert.equal(titles.length, 5);

    const ris = await download(page, section.getByRole('button', { name: /RIS/ }));
    assert.equal(ris.name, 'parallax-sources.ris');
    const records = ris.text.split('\r\n\r\n');
    assert.equal(records.length, 6);
    assert.ok(!/[^\r]\n/.test(ris.text), 'every line ends with CRLF');
    const field = (rec, tag) => rec.split('\r\n').filter((l) => l.startsWith(`${tag}  - `)).map((l) => l.slice(6));
    assert.deepEqual(records.slice(0, 5).map((r) => field(r, 'TI')[0]), titles);
    assert.deepEqual(records.map((r) => field(r, 'UR')[0]), [...['000', '001', '002', '003', '004'], own].map((id) => `${h.origin}/#/read/${id}?v=${v}`));
    assert.deepEqual(records.map((r) => field(r, 'Y2')[0]), Array(6).fill(`${y}/${pad(m)}/${pad(d)}/`));
    assert.deepEqual(field(records[3], 'T2'), ['Russland Iran Bündnis']);
    // The own document: its title, "By" line and date line, read by the core in the browser.
    assert.deepEqual(field(records[5], 'TI'), ['Our Pact 😀 & Co']);
    assert.deepEqual(field(records[5], 'AU'), ['Jane Doe']);
    assert.deepEqual(field(records[5], 'DA'), ['2024/04/12/']);

    const json = await download(page, section.getByRole('button', { name: /CSL-JSON/ }));
    assert.equal(json.name, 'parallax-sources.json');
    const items = JSON.parse(json.text);
    assert.deepEqual(items.map((i) => i.id), ['parallax-000', 'parallax-001', 'parallax-002', 'parallax-003', 'parallax-004', `parallax-${own}`]);
    assert.deepEqual(items[5], {
      id: `parallax-${own}`,
      type: 'webpage',
      title: 'Our Pact 😀 & Co',
      author: [{ literal: 'Jane Doe' }],
      issued: { 'date-parts': [[2024, 4, 12]] },
      accessed: { 'date-parts': [[y, m, d]] },
      URL: `${h.origin}/#/read/${own}?v=${v}`,
    });

    const bib = await download(page, section.getByRole('button', { name: /BibTeX/ }));
    assert.equal(bib.name, 'parallax-sources.bib');
    assert.equal((bib.text.match(/^@misc\{parallax-/gm) || []).length, 6);
    assert.match(bib.text, /title = \{\{Our Pact 😀 \\& Co\}\}/);

    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'cite-library');
    }
  });

  it('notes export as Web Annotations whose selectors resolve in the reader\'s text, counted in code points', async () => {
    const page = await h.newPage();
    await h.open(page, '#/');
    const own = await importOwn(page);
    const notes = [
      ['003', 'p1', 'First passage: nothing before it.'],
      ['003', 'p2', 'Note on the “bündnis” passage,\nwith a second line and <b>tags</b> that stay text.'],
      ['000', 'p4', 'Lavrov’s trip — curly quotes and dashes.'],
      [own, 'p2', 'After an emoji: UTF-16 would count one more.'],
    ];
    for (const [doc, pid, text] of notes) {
      await h.open(page, `#/read/${doc}`);
      const box = page.locator(`.passage-notes[data-passage="${pid}"]`);
      await box.locator('details.note-add summary').click();
      await box.locator('textarea').fill(text);
      await box.getByRole('button', { name: 'Save note' }).click();
      await box.locator('.note-text').first().waitFor();
    }
    await h.open(page, '#/notes');
    const v = await version(page);
    const button = page.getByRole('button', { name: 'Export for annotation tools (Web Annotations)' });
    const file = await download(page, button);
    assert.equal(file.name, 'parallax-notes.jsonld');
    const annotations = JSON.parse(file.text);
    assert.equal(annotations.length, 4);
    // Sources in library order: 000, 003, then the own document.
    const order = annotations.map((a) => a.target.source.replace(`${h.origin}/#/read/`, ''));
    assert.deepEqual(order, [`000/p4?v=${v}`, `003/p1?v=${v}`, `003/p2?v=${v}`, `${own}/p2?v=${v}`]);
    const texts = {};
    for (const doc of ['000', '003', own]) {
      await h.open(page, `#/read/${doc}`);
      await page.locator('article.reader p.passage').first().waitFor();
      texts[doc] = await page.evaluate(readerTexts);
    }
    for (const a of annotations) {
      const [, doc, pid] = a.target.source.match(/#\/read\/([^/]+)\/(p\d+)\?v=/);
      const note = notes.find(([d, p]) => d === doc && p === pid);
      assert.equal(a['@context'], 'http://www.w3.org/ns/anno.jsonld');
      assert.equal(a.type, 'Annotation');
      assert.match(a.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.match(a.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.deepEqual(a.body, { type: 'TextualBody', value: note[2], format: 'text/plain', purpose: 'commenting' });
      const [quote, position] = a.target.selector;
      assert.equal(quote.type, 'TextQuoteSelector');
      assert.equal(position.type, 'TextPositionSelector');
      const passages = texts[doc];
      const i = Number(pid.slice(1)) - 1;
      assert.equal(quote.exact, passages[i], `${doc} ${pid}: exact is the passage the reader shows`);
      const cps = Array.from(passages.join('\n\n'));
      assert.equal(cps.slice(position.start, position.end).join(''), quote.exact, `${doc} ${pid}: the position range is the passage`);
      assert.equal(quote.prefix ?? '', cps.slice(Math.max(0, position.start - 32), position.start).join(''));
      assert.equal(quote.suffix ?? '', cps.slice(position.end, position.end + 32).join(''));
    }
    // The own document's second passage comes after an emoji: code points, not UTF-16 units.
    const ownNote = annotations[3];
    const joined = texts[own].join('\n\n');
    assert.equal(ownNote.target.selector[1].start, Array.from(texts[own][0]).length + 2);
    assert.notEqual(joined.slice(ownNote.target.selector[1].start, ownNote.target.selector[1].end), ownNote.target.selector[0].exact);
    assert.equal(annotations[1].target.selector[0].prefix, undefined, 'a first passage has no prefix');

    await h.open(page, '#/notes');
    await button.waitFor();
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await page.locator('.notes-tools').scrollIntoViewIfNeeded();
      await screenshot(page, 'notes-annotations');
    }
  });
});
