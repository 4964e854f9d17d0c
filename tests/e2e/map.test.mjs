// The theme × source map: an SVG heat map with one linked cell per theme and source, the same
// numbers in an accessible table folded under it (a <details>, closed at first), cells that open the explorer on exactly their passages (by mouse
// and by keyboard), no page-wide horizontal scroll on a 360 px phone, and screenshots. Every test
// also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, hasVersion, manifestIds, screenshot, withoutVersion } from './harness.mjs';

const h = new Harness();

/** The cells of the drawing and of the table, read in the page. */
function cells() {
  const read = (a, pct, n) => ({
    theme: a.dataset.theme,
    doc: a.dataset.doc,
    count: Number(a.dataset.count),
    total: Number(a.dataset.total),
    pct: a.querySelector(pct)?.textContent?.trim(),
    n: a.querySelector(n)?.textContent?.trim(),
    href: a.getAttribute('href'),
  });
  return {
    title: document.title,
    svg: [...document.querySelectorAll('svg.heatmap a.cell')].map((a) => read(a, '.cell-pct', '.cell-n')),
    table: [...document.querySelectorAll('table.map-table td a')].map((a) => read(a, '.share', '.count')),
    rows: [...document.querySelectorAll('table.map-table tbody th[scope="row"]')].length,
    cols: [...document.querySelectorAll('table.map-table thead th[scope="col"]')].length,
  };
}

async function openMap(page) {
  await h.open(page, '#/map');
  await page.waitForSelector('svg.heatmap a.cell');
  await page.waitForSelector('table.map-table td a', { state: 'attached' });
}

/** Opens the folded table. */
async function openTable(page) {
  await page.locator('details.map-table-details > summary').click();
  await page.waitForSelector('table.map-table td a');
}

/** Waits until the explorer shows exactly `n` passages. */
async function explorerShows(page, n) {
  const text = `${n} passage${n === 1 ? '' : 's'}`;
  await eventually(
    page,
    `the explorer never showed ${text}`,
    (t) => document.querySelector('.result-count')?.textContent?.trim() === t,
    text,
    () => ({ hash: location.hash, count: document.querySelector('.result-count')?.textContent }),
  );
}

describe('map', () => {
  h.install({ before, after, afterEach });

  it('draws 11 themes × 5 sources, and the table holds the same numbers', async () => {
    const page = await h.newPage();
    await openMap(page);
    const s = await page.evaluate(cells);
    const ids = await manifestIds();
    assert.equal(s.title, 'Themes in each source — Parallax');
    assert.equal(s.svg.length, 11 * ids.length, `svg cells: ${s.svg.length}`);
    assert.equal(new Set(s.svg.map((c) => c.theme)).size, 11);
    assert.deepEqual([...new Set(s.svg.map((c) => c.doc))], ids);
    assert.equal(s.rows, 11);
    assert.equal(s.cols, 1 + ids.length);
    // The same cells, numbers and links in both, and the written numbers agree with the data.
    assert.deepEqual(s.table, s.svg);
    for (const c of s.svg) {
      assert.ok(c.total > 0 && c.count <= c.total, JSON.stringify(c));
      assert.equal(c.pct, `${Math.round((c.count * 100) / c.total)}%`, JSON.stringify(c));
      assert.equal(c.n, `${c.count} of ${c.total}`);
      assert.ok(hasVersion(c.href), c.href);
    }
    assert.ok(s.svg.some((c) => c.count > 0) && s.svg.some((c) => c.count === 0), 'the map should show contrast');
    // The drawing is named for assistive technology, and each cell says what it holds in words.
    const label = await page.getAttribute('svg.heatmap', 'aria-label');
    assert.match(label, /11 themes by 5 sources/);
    const cellLabel = await page.locator('svg.heatmap a.cell desc').first().textContent();
    // The name starts with the visible text (WCAG label in name), then says what it means.
    assert.match(cellLabel, /^\d+% \d+ of \d+ passages: .+, source \d{3}$/);
  });

  it('a cell opens the explorer on its theme and source, with exactly its passage count', async () => {
    const page = await h.newPage();
    await openMap(page);
    const { svg } = await page.evaluate(cells);
    const cell = svg.find((c) => c.count > 1 && c.count < c.total);
    assert.ok(cell, 'no cell with some but not all passages');
    await page.locator(`svg.heatmap a.cell[data-theme="${cell.theme}"][data-doc="${cell.doc}"]`).click();
    await explorerShows(page, cell.count);
    const hash = await page.evaluate(() => location.hash);
    assert.equal(withoutVersion(hash), `#/explore?themes=${cell.theme}&sources=${cell.doc}`);
    const results = await page.$$eval('li.result', (ls) => ls.map((l) => l.dataset.doc));
    assert.ok(results.length > 0 && results.every((d) => d === cell.doc), `${results}`);
    assert.deepEqual(
      await page.$$eval('.facet input:checked', (is) => is.map((i) => `${i.dataset.facet}:${i.dataset.value}`)),
      [`themes:${cell.theme}`, `sources:${cell.doc}`],
    );
    // Back returns to the map.
    await page.goBack();
    await page.waitForSelector('svg.heatmap a.cell');
  });

  it('cells are reachable and followed with the keyboard, in the drawing and in the table', async () => {
    const page = await h.newPage();
    await openMap(page);
    // Tab from the last link before the drawing lands on its first cell.
    const first = await page.evaluate(() => {
      const a = document.querySelector('svg.heatmap a.cell');
      return { theme: a.dataset.theme, doc: a.dataset.doc, count: Number(a.dataset.count) };
    });
    await page.locator('.map-legend a').last().focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a.tagName.toLowerCase(), theme: a.dataset?.theme, doc: a.dataset?.doc, visible: getComputedStyle(a.querySelector('.cell-focus')).stroke };
    });
    assert.deepEqual({ tag: focused.tag, theme: focused.theme, doc: focused.doc }, { tag: 'a', theme: first.theme, doc: first.doc });
    assert.notEqual(focused.visible, 'none', 'the focused cell shows no focus ring');
    await page.keyboard.press('Enter');
    await explorerShows(page, first.count);
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), `#/explore?themes=${first.theme}&sources=${first.doc}`);

    // A table link works the same way.
    await page.goBack();
    await page.waitForSelector('table.map-table td a', { state: 'attached' });
    if (!(await page.locator('details.map-table-details[open]').count())) await openTable(page);
    const link = page.locator('table.map-table td a[data-count]:not([data-count="0"])').last();
    const [theme, doc, count] = [await link.getAttribute('data-theme'), await link.getAttribute('data-doc'), Number(await link.getAttribute('data-count'))];
    await link.focus();
    await page.keyboard.press('Enter');
    await explorerShows(page, count);
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), `#/explore?themes=${theme}&sources=${doc}`);
  });

  it('fits a 360 px screen: no horizontal page scroll, cells at least 24 px, the table scrolls in its own box', async () => {
    const page = await h.newPage({ width: 360, height: 740 });
    await openMap(page);
    await openTable(page);
    const m = await page.evaluate(() => {
      const rects = [...document.querySelectorAll('svg.heatmap a.cell rect.cell-bg')].map((r) => r.getBoundingClientRect());
      const box = document.querySelector('.map-scroll');
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        svgRight: document.querySelector('svg.heatmap').getBoundingClientRect().right,
        minW: Math.min(...rects.map((r) => r.width)),
        minH: Math.min(...rects.map((r) => r.height)),
        boxTab: box.getAttribute('tabindex'),
        boxLabel: box.getAttribute('aria-labelledby') && document.getElementById(box.getAttribute('aria-labelledby'))?.textContent,
        boxRight: box.getBoundingClientRect().right,
      };
    });
    assert.ok(m.scrollWidth <= m.clientWidth, `page scrolls sideways: ${m.scrollWidth} > ${m.clientWidth}`);
    assert.ok(m.svgRight <= m.clientWidth, `drawing overflows: ${m.svgRight}`);
    assert.ok(m.boxRight <= m.clientWidth, `table box overflows: ${m.boxRight}`);
    assert.ok(m.minW >= 24 && m.minH >= 24, `cells too small: ${m.minW}×${m.minH}`);
    assert.equal(m.boxTab, '0');
    assert.ok(m.boxLabel, 'the scrolling table box has no label');
  });

  it('the table is folded under the drawing at first, and opens to the same numbers', async () => {
    const page = await h.newPage();
    await openMap(page);
    const folded = await page.evaluate(() => {
      const details = document.querySelector('details.map-table-details');
      const svg = document.querySelector('svg.heatmap').getBoundingClientRect();
      return {
        open: details.open,
        holdsTable: !!details.querySelector('table.map-table'),
        tableVisible: document.querySelector('table.map-table').checkVisibility(),
        below: details.getBoundingClientRect().top >= svg.bottom,
        summary: details.querySelector('summary').textContent.trim(),
      };
    });
    assert.deepEqual(folded, { open: false, holdsTable: true, tableVisible: false, below: true, summary: 'The same numbers as a table' });
    await openTable(page);
    assert.ok(await page.locator('table.map-table').isVisible());
  });

  it('fits a 390 px phone with the table open: the drawing is whole, nothing is cut off', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await openMap(page);
    await openTable(page);
    const m = await page.evaluate(() => {
      const svg = document.querySelector('svg.heatmap').getBoundingClientRect();
      const box = document.querySelector('.map-scroll');
      return { left: svg.left, right: svg.right, client: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth, boxRight: box.getBoundingClientRect().right, boxScrolls: box.scrollWidth > box.clientWidth ? box.getAttribute('tabindex') : 'fits' };
    });
    assert.ok(m.left >= 0 && m.right <= m.client, `the drawing is cut: ${JSON.stringify(m)}`);
    assert.ok(m.scroll <= m.client && m.boxRight <= m.client, JSON.stringify(m));
    // A table wider than the phone scrolls in its own box, reachable by keyboard.
    assert.ok(m.boxScrolls === 'fits' || m.boxScrolls === '0', JSON.stringify(m));
  });

  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`screenshot at ${size.width}×${size.height}`, async () => {
      const page = await h.newPage(size);
      await openMap(page);
      await screenshot(page, 'map');
    });
  }
});
