// Exports a teacher can use, from Explore, Compare (its summary and its figures, dates and
// claims), the map and a source profile: each download is captured and read as a spreadsheet
// reads it (the UTF-8 byte-order mark, RFC 4180 cells), and checked against what the page shows:
// labels as on screen, ids in their own columns, a reader's own theme by its label, a formula
// defused, and a file name that says what the file holds and when it was made. The text and
// Markdown files read as prose; a button works from the keyboard; screenshots of the controls at
// phone and desktop widths. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, norm, screenshot } from './harness.mjs';

const h = new Harness();

/** A reader's own theme whose label a spreadsheet would run as a formula. */
const MINE = '=Corridors';
const CUSTOM = 'custom=%3DCorridors:transport%20corridor|trade%20route';

/** Presses the export button of `format` in the group `group` and returns the file: its name and bytes. */
async function download(page, group, format, { keyboard = false } = {}) {
  const button = page.locator(`${group} button[data-format="${format}"]`);
  const press = keyboard ? button.focus().then(() => page.keyboard.press('Enter')) : button.click();
  const [file] = await Promise.all([page.waitForEvent('download'), press]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** The file as a spreadsheet program opens it: the byte-order mark read, then RFC 4180 rows. */
function spreadsheet({ bytes }) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no UTF-8 byte-order mark');
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
  const rows = [['']];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const row = rows[rows.length - 1];
    if (c === '"' && quoted && text[i + 1] === '"') {
      row[row.length - 1] += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      row.push('');
    } else if (c === '\r' && !quoted && text[i + 1] === '\n') {
      rows.push(['']);
      i++;
    } else {
      row[row.length - 1] += c;
    }
  }
  rows.pop();
  for (const r of rows) assert.equal(r.length, rows[0].length, `a ragged row: ${r}`);
  for (const cell of rows.flat()) {
    assert.ok(!/^[ \u00a0]*[=+\-@\t\r]/.test(cell), `a cell a spreadsheet would run: ${JSON.stringify(cell)}`);
  }
  return rows;
}

/** Text after the byte-order mark. */
function text({ bytes }) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no UTF-8 byte-order mark');
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
}

/** A cell as the spreadsheet shows it: without the `'` that defuses a formula. */
const shown = (cell) => cell.replace(/^'/, '');

/** The reader's date in the page, as file names carry it. */
function today(page) {
  return page.evaluate(() => {
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  });
}

describe('exports', () => {
  h.install({ before, after, afterEach });

  it('Explore: a spreadsheet with the labels on screen, ids beside them, and a name that says the search', async () => {
    const page = await h.open(await h.newPage(), `#/explore?q=sanctions&${CUSTOM}`);
    await page.waitForSelector('li.result');
    const date = await today(page);
    const total = Number((await page.locator('.result-count').textContent()).split(' ')[0]);
    assert.equal((await page.locator('.export-label').textContent()).trim(), `Export these ${total} passages:`);
    // What the page shows of the first page of results: source, passage, theme chips.
    const results = await page.$$eval('li.result', (ls) =>
      ls.map((l) => ({
        doc: l.dataset.doc,
        passage: l.dataset.passage,
        where: l.querySelector('.result-source a').textContent,
        ids: [...l.querySelectorAll('details.chip')].map((d) => d.dataset.theme),
        labels: [...l.querySelectorAll('details.chip > summary')].map((s) => s.textContent.trim()),
      })),
    );
    const csv = await download(page, '.results-pane', 'csv');
    assert.equal(csv.name, `parallax-explore-sanctions-${date}.csv`);
    const rows = spreadsheet(csv);
    assert.deepEqual(rows[0], ['Source', 'Source id', 'Passage', 'Themes', 'Theme ids', 'Text', 'Link']);
    assert.equal(rows.length, total + 1);
    for (const [i, r] of results.entries()) {
      const row = rows[i + 1];
      assert.equal(`${row[0]}, passage ${row[2].slice(1)}`, r.where);
      assert.deepEqual([row[1], row[2]], [r.doc, r.passage]);
      assert.equal(shown(row[3]), r.labels.join('; '));
      assert.equal(row[4], r.ids.join('; '));
      assert.match(row[6], new RegExp(`/#/read/${r.doc}/${r.passage}\\?${CUSTOM.replace(/[|]/g, '\\|')}&v=[0-9a-f]{12}$`));
    }
    // The reader's own theme is there by its label, and its id in the ids column.
    const mine = rows.slice(1).filter((r) => r[4].split('; ').includes('my1'));
    assert.ok(mine.length > 0, 'no passage has the reader\'s theme');
    assert.ok(mine.every((r) => shown(r[3]).split('; ').includes(MINE)), 'the reader\'s theme by its id, not its label');

    // Plain text: no escaping, a bullet per passage, its text quoted.
    const txt = text(await download(page, '.results-pane', 'txt'));
    const lines = txt.split('\n');
    assert.equal(lines[0], 'Passages for “sanctions”');
    assert.equal(lines.filter((l) => l.startsWith('• ')).length, total);
    assert.ok(txt.includes('U.S. sanctions') && !txt.includes('\\'), 'escaping in plain text');
    assert.ok(lines.includes(`• ${results[0].where}`));
    // Markdown: ordinary prose as written.
    const md = await download(page, '.results-pane', 'md');
    assert.equal(md.name, `parallax-explore-sanctions-${date}.md`);
    const mdText = md.bytes.toString('utf8');
    assert.ok(mdText.startsWith('# Passages for “sanctions”\n'), mdText.slice(0, 80));
    assert.ok(mdText.includes('U.S. sanctions') && mdText.includes('North-South'), 'prose escaped in Markdown');
    assert.equal((mdText.match(/^> /gm) || []).length, total);
    // JSON: the ids under the keys they always had, the labels beside them.
    const json = JSON.parse((await download(page, '.results-pane', 'json')).bytes.toString('utf8'));
    assert.equal(json.length, total);
    assert.deepEqual(json[0].themes, results[0].ids);
    assert.deepEqual(json[0].theme_labels, results[0].labels);
  });

  it('Compare: its summary and its figures, dates and claims, as the tables show them', async () => {
    const page = await h.open(await h.newPage(), '#/compare/002/004');
    await page.waitForSelector('table.cmp-summary tbody tr');
    const date = await today(page);
    const summary = await page.$$eval('table.cmp-summary tr[data-theme]', (trs) =>
      trs.map((tr) => ({
        theme: tr.dataset.theme,
        label: tr.querySelector('th').textContent.trim(),
        counts: [...tr.querySelectorAll('td.cmp-num')].map((td) => td.textContent.trim()),
        shared: [...tr.querySelectorAll('.cmp-shared-with')].map((li) => li.textContent.replace('⇄', '').trim()),
        disputes: [...tr.querySelectorAll('.cmp-dispute')].map((li) => li.textContent.replace('≠', '').trim()),
      })),
    );
    const file = await download(page, '.cmp-summary-section', 'csv');
    assert.equal(file.name, `parallax-compare-002-004-summary-${date}.csv`);
    const rows = spreadsheet(file);
    assert.deepEqual(rows[0], ['Theme', 'Theme id', 'Passages in 002', 'Passages in 004', 'Same wording', 'They disagree about', 'Disputed fact ids']);
    assert.equal(rows.length, 1 + summary.length + 1, 'a row per theme and the total');
    for (const [i, s] of summary.entries()) {
      const r = rows[i + 1];
      assert.deepEqual(
        [r[0], r[1], r[2], r[3], r[4], r[5]],
        [s.label, s.theme, ...s.counts, s.shared.join('; '), s.disputes.join('; ')],
      );
      assert.equal(r[6].split('; ').filter(Boolean).length, s.disputes.length);
    }
    assert.equal(rows[rows.length - 1][0], 'All these themes (each passage counted once)');

    const facts = await page.$$eval('table.cmp-facts tbody tr', (trs) =>
      trs.map((tr) => ({ key: tr.dataset.key, kind: tr.dataset.kind, agreement: tr.dataset.agreement })),
    );
    const factsFile = await download(page, '.cmp-facts-section', 'csv');
    assert.equal(factsFile.name, `parallax-compare-002-004-facts-${date}.csv`);
    const factRows = spreadsheet(factsFile);
    assert.deepEqual(factRows[0], ['Kind', 'Fact', 'Fact id', '002', '004', 'Agreement']);
    assert.deepEqual(
      factRows.slice(1).map((r) => [r[2], r[0].toLowerCase(), r[5]]),
      facts.map((f) => [f.key, f.kind, { agree: 'agree', differ: 'differ', single: 'single source' }[f.agreement]]),
    );
    const txt = text(await download(page, '.cmp-facts-section', 'txt'));
    assert.ok(txt.startsWith('Compare 002 and 004: figures, dates and claims\n'), txt.slice(0, 80));
  });

  it('the map: its table of themes and sources, the reader\'s own theme defused and marked as theirs', async () => {
    const page = await h.open(await h.newPage(), `#/map?${CUSTOM}`);
    await page.waitForSelector('table.map-table td a', { state: 'attached' });
    const date = await today(page);
    const cells = await page.$$eval('table.map-table tbody tr', (trs) =>
      trs.map((tr) => ({
        theme: tr.dataset.theme,
        cells: [...tr.querySelectorAll('td a')].map((a) => [a.dataset.doc, a.dataset.count, a.dataset.total, a.querySelector('.share').textContent]),
      })),
    );
    const docs = cells[0].cells.map((c) => c[0]);
    const file = await download(page, '.map-view', 'csv');
    assert.equal(file.name, `parallax-map-themes-by-source-${date}.csv`);
    const rows = spreadsheet(file);
    assert.deepEqual(
      rows[0],
      ['Theme', 'Theme id', 'Your theme', ...cells[0].cells.flatMap(([d, , total]) => [`Passages in ${d} (of ${total})`, `Share of ${d} (%)`])],
    );
    assert.equal(rows.length, cells.length + 1);
    for (const [i, c] of cells.entries()) {
      const r = rows[i + 1];
      assert.equal(r[1], c.theme);
      assert.deepEqual(
        r.slice(3),
        c.cells.flatMap(([, count, , share]) => [count, share.replace('%', '')]),
        `${c.theme}: ${docs}`,
      );
    }
    const mine = rows[rows.length - 1];
    assert.deepEqual(mine.slice(0, 3), [`'${MINE}`, 'my1', 'yes']);
    const txt = text(await download(page, '.map-view', 'txt'));
    assert.ok(txt.includes(`\n• ${MINE} (your theme)\n`), txt);
    const md = (await download(page, '.map-view', 'md')).bytes.toString('utf8');
    assert.ok(md.includes(`| ${MINE} (your theme) |`), md);
  });

  it('a source profile: every section as the page shows it, from the keyboard too', async () => {
    const page = await h.open(await h.newPage(), '#/source/002');
    await page.waitForSelector('.themes-table tbody tr');
    const date = await today(page);
    const title = norm(await page.locator('.source-view h1').textContent());
    const themes = await page.$$eval('.themes-table tbody tr', (trs) =>
      trs.map((tr) => [tr.dataset.theme, tr.querySelector('th').textContent.trim(), tr.querySelector('[data-field="passages"]').textContent.trim()]),
    );
    const entities = await page.$$eval('.entities-table tbody tr', (trs) =>
      trs.map((tr) => [tr.dataset.entity, tr.querySelector('th').textContent.trim(), tr.querySelector('[data-field="mentions"]').textContent.trim()]),
    );
    const file = await download(page, '.source-view', 'csv', { keyboard: true });
    assert.equal(file.name, `parallax-source-002-unpacking-the-iran-russia-alliance-a-new-global-${date}.csv`);
    const rows = spreadsheet(file);
    assert.deepEqual(rows[0], ['Section', 'Item', 'Item id', 'Value', 'Number']);
    assert.deepEqual(rows[1].slice(0, 4), ['About this page', 'Title', 'title', title]);
    const section = (name) => rows.slice(1).filter((r) => r[0] === name).map((r) => [r[2], r[1], r[4]]);
    assert.deepEqual(section('Themes'), themes);
    assert.deepEqual(section('People, places and organisations'), entities);
    const txt = text(await download(page, '.source-view', 'txt'));
    assert.ok(txt.startsWith(`Source 002: ${title}\n`), txt.slice(0, 100));
    assert.ok(txt.includes(`\nAbout this page\n\n• Title: ${title}\n`), txt.slice(0, 600));
  });

  for (const [width, height] of [[390, 844], [1280, 800]]) {
    it(`screenshots of the export controls at ${width} px`, async () => {
      const page = await h.newPage({ width, height });
      for (const [name, hash, group] of [
        ['explore', '#/explore?q=sanctions', '.results-pane .export'],
        ['compare', '#/compare/002/004', '.cmp-summary-section .export'],
        ['map', '#/map', '.map-view .export'],
        ['source', '#/source/002', '.source-view .export'],
      ]) {
        await h.open(page, hash);
        const controls = page.locator(group);
        await controls.scrollIntoViewIfNeeded();
        // Each button is in view and not wider than the page.
        for (const b of await controls.locator('button').all()) {
          const box = await b.boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= width, `${name}: a button out of the page at ${width} px`);
        }
        await screenshot(page, `export-${name}`);
      }
    });
  }
});
