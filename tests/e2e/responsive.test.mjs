// Responsive, keyboard and live-region behaviour across the views: no sideways scroll at 360 px
// and every control a target of at least 24 × 24 px; the explorer, the comparison and the theme
// editor used with the keyboard alone; result counts announced by one live region that stays in
// place while it changes. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, withoutVersion } from './harness.mjs';

const h = new Harness();

/** Every view, with what shows it is drawn. */
const VIEWS = [
  { name: 'library', hash: '#/', ready: 'ul.library' },
  { name: 'reader', hash: '#/read/004/p19', ready: '.passage--target' },
  { name: 'reader with removed text', hash: '#/read/001?removed=1', ready: 'aside.removed' },
  { name: 'explore', hash: '#/explore?q=sanctions', ready: 'li.result' },
  { name: 'explore in KWIC mode', hash: '#/explore?q=%22payment%20systems%22&mode=kwic', ready: 'table.kwic' },
  { name: 'explore with own theme', hash: '#/explore?custom=Grain:wheat|grain', ready: '.custom-themes[open]' },
  { name: 'map', hash: '#/map', ready: 'svg' },
  { name: 'compare', hash: '#/compare/002/004/003', ready: '.cmp-row' },
  { name: 'source profile', hash: '#/source/001', ready: '.signal' },
  { name: 'methods', hash: '#/methods', ready: '.theme-list' },
  { name: 'not found', hash: '#/nope', ready: '[data-testid="not-found"]' },
];

/**
 * In the page: how far the page scrolls sideways, and the visible controls smaller than 24 × 24
 * px. Controls are what a finger aims at on its own (buttons, form fields, summaries, the site's
 * navigation); links inside running text are excepted by WCAG 2.5.8 and left out.
 */
function layoutProblems() {
  const root = document.scrollingElement;
  const small = [];
  for (const el of document.querySelectorAll('button, input, select, textarea, summary, .site-nav a')) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('[hidden]')) continue;
    if (r.width < 24 || r.height < 24) {
      const what = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}.${el.className}`;
      small.push(`${what} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return { overflow: root.scrollWidth - root.clientWidth, small };
}

/** Presses Tab until `selector` matches the focused element; fails after `limit` presses. */
async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${limit} presses of Tab did not reach ${selector}`);
}

describe('responsive, keyboard and live regions', () => {
  h.install({ before, after, afterEach });

  for (const v of VIEWS) {
    it(`${v.name}: no sideways scroll at 360 px and every control at least 24 × 24 px`, async () => {
      const page = await h.newPage({ width: 360, height: 740 });
      await h.open(page, v.hash);
      await page.waitForSelector(v.ready, { state: 'attached' });
      // Phones start with the explorer's filters folded: unfold them to check what they hold.
      const folded = page.locator('details.filters:not([open]) > summary');
      if (await folded.count()) await folded.click();
      await page.waitForSelector(v.ready);
      const p = await page.evaluate(layoutProblems);
      assert.equal(p.overflow, 0, `${v.name} scrolls ${p.overflow} px sideways at 360 px`);
      assert.deepEqual(p.small, [], `${v.name}: controls below 24 × 24 px`);
    });
  }

  it('one left edge: the h1 of every view starts where the header\'s name does, at 1280 px', async () => {
    const views = [
      ['library', '#/', 'ul.library'],
      ['reader', '#/read/002', 'article.reader p.passage'],
      ['explore', '#/explore?q=sanctions', 'li.result'],
      ['map', '#/map', 'svg.heatmap'],
      ['source profile', '#/source/001', '.signal'],
      ['notes', '#/notes', '.notes-view'],
      ['methods', '#/methods', '.theme-list'],
      ['not found', '#/nope', '[data-testid="not-found"]'],
    ];
    const page = await h.newPage({ width: 1280, height: 800 });
    const edges = {};
    for (const [name, hash, ready] of views) {
      await h.open(page, hash);
      await page.waitForSelector(ready);
      edges[name] = await page.evaluate(() => ({
        h1: Math.round(document.querySelector('main h1').getBoundingClientRect().left),
        name: Math.round(document.querySelector('.site-header .app-name').getBoundingClientRect().left),
      }));
    }
    const lefts = new Set(Object.values(edges).flatMap((e) => [e.h1, e.name]));
    assert.equal(lefts.size, 1, `left edges differ: ${JSON.stringify(edges)}`);
  });

  for (const width of [1024, 1280]) {
    it(`the header is one line at ${width} px: the name, every view and "Make a lesson"`, async () => {
      const page = await h.open(await h.newPage({ width, height: 800 }), '#/read/001');
      await page.waitForSelector('article.reader');
      const items = await page.evaluate(() =>
        [...document.querySelectorAll('.site-header .app-name, .site-nav li, #lesson-toggle')].map((el) => {
          const r = el.getBoundingClientRect();
          return { text: el.textContent.trim(), top: r.top, bottom: r.bottom };
        }),
      );
      assert.ok(items.length >= 8, `header items: ${JSON.stringify(items)}`);
      const name = items[0];
      const off = items.filter((i) => (i.top + i.bottom) / 2 < name.top || (i.top + i.bottom) / 2 > name.bottom);
      assert.deepEqual(off, [], `not on the name's line (${name.top}–${name.bottom})`);
    });
  }

  it('the explorer with the keyboard alone: search, a facet, a chip, and a result into the reader', async () => {
    const page = await h.open(await h.newPage(), '#/explore');
    await page.waitForSelector('li.result');
    await tabTo(page, '#q');
    await page.keyboard.type('drones');
    await eventually(page, 'typing did not search', () => location.hash.includes('q=drones'), null, () => location.hash);
    await tabTo(page, 'input[data-facet="themes"][data-value="military"]');
    await page.keyboard.press('Space');
    await eventually(page, 'Space did not select the facet', () => location.hash.includes('themes=military'), null, () => location.hash);
    assert.ok(await page.locator('input[data-facet="themes"][data-value="military"]').isChecked());
    // Focus stays on the facet after the view updates, so the next Tab goes on from there.
    assert.ok(await page.evaluate(() => document.activeElement?.matches('input[data-value="military"]')), 'focus was lost after the update');
    await tabTo(page, 'li.result details.chip summary');
    await page.keyboard.press('Enter');
    await page.waitForSelector('li.result details.chip[open] .evidence');
    await tabTo(page, 'li.result .result-source a');
    const target = await page.evaluate(() => document.activeElement.closest('li.result').dataset);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`article.reader[data-doc="${target.doc}"] p.passage--target[data-passage="${target.passage}"]`);
  });

  it('the comparison with the keyboard alone: a source, the theme, the switch and a word diff', async () => {
    const page = await h.open(await h.newPage(), '#/compare/002/004');
    await page.waitForSelector('.cmp-row');
    await tabTo(page, '#cmp-theme');
    await page.selectOption('#cmp-theme', 'trade');
    await eventually(page, 'the theme did not reach the link', () => location.hash.includes('theme=trade'), null, () => location.hash);
    await tabTo(page, '#only-differ');
    await page.keyboard.press('Space');
    await eventually(page, 'Space did not turn the switch on', () => location.hash.includes('differ=1'), null, () => location.hash);
    await page.keyboard.press('Space');
    await eventually(page, 'Space did not turn the switch off', () => !location.hash.includes('differ=1'), null, () => location.hash);
    await tabTo(page, 'button.cmp-diff-toggle');
    const region = await page.evaluate(() => document.activeElement.getAttribute('aria-controls'));
    assert.ok(region, 'the diff button names the region it opens');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#${region}:not([hidden]) .diff-text`);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');
  });

  it('a reader-defined theme made with the keyboard alone goes into the link and tags passages', async () => {
    const page = await h.open(await h.newPage(), '#/explore');
    await page.waitForSelector('li.result');
    await tabTo(page, 'details.custom-themes > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, '#custom-label');
    await page.keyboard.type('Corridors');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement?.id === 'custom-terms'), 'Tab from the label did not reach the terms');
    await page.keyboard.type('transport corridor, trade route');
    await tabTo(page, '.custom-themes button[type="submit"]');
    await page.keyboard.press('Enter');
    await eventually(page, 'the theme did not reach the link', () => location.hash.includes('custom=Corridors:'), null, () => location.hash);
    await page.waitForSelector('label[for="facet-themes-my1"]');
    const count = Number(await page.locator('label[for="facet-themes-my1"] .facet-count').textContent());
    assert.ok(count > 0, 'the new theme tags no passage');
  });

  it('result counts are announced by one polite live region that keeps its place as it changes', async () => {
    const page = await h.open(await h.newPage(), '#/explore');
    await page.waitForSelector('li.result');
    const status = await page.$('.result-count');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    const first = (await status.textContent()).trim();
    await page.fill('#q', 'Bushehr');
    await eventually(page, 'the count did not change', (was) => document.querySelector('.result-count')?.textContent.trim() !== was, first, () => document.querySelector('.result-count')?.textContent);
    // Announced only if the region was in the page before its text changed: the same node.
    assert.ok(await status.evaluate((n) => n.isConnected && n === document.querySelector('.result-count')), 'the live region was replaced, not updated');
    assert.match((await status.textContent()).trim(), /^\d+ passages?$/);
    await page.fill('#q', 'zzqxv');
    await page.waitForSelector('.empty');
    assert.ok(await status.evaluate((n) => n.isConnected), 'the live region went away with no results');
    assert.equal((await status.textContent()).trim(), '0 passages');
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), '#/explore?q=zzqxv');
  });
});
