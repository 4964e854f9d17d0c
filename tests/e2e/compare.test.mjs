// The compare view: theme sections (folded unless the link names the theme) with a column per
// source, shared wording marked and compared word by word ("Show what changed"), the facts and
// claims tables with their agreement, the picker in the link with Back, shared links, sources
// side by side in a swipe row on a phone, the print layout, and screenshots. The summary, the
// page's order and the numbers checked against the core are in compare-findings.test.mjs. Every
// test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, hasVersion, norm, parallax, screenshot, withoutVersion } from './harness.mjs';
import { shared } from './worst-shapes.mjs';

const h = new Harness();

/** What the compare view shows, read in the page. */
function snapshot() {
  const value = (sel) => document.querySelector(sel)?.value ?? null;
  return {
    hash: location.hash,
    title: document.title,
    sources: [1, 2, 3].map((n) => value(`#cmp-source-${n}`)),
    theme: value('#cmp-theme'),
    differ: document.querySelector('#only-differ')?.checked ?? null,
    rows: [...document.querySelectorAll('.cmp-row')].map((r) => ({
      theme: r.dataset.theme,
      differs: r.dataset.differs,
      open: r.open,
      columns: [...r.querySelectorAll('.cmp-col')].map((c) => `${c.dataset.doc}:${c.querySelectorAll('.cmp-passage').length}`),
    })),
    facts: [...document.querySelectorAll('table.cmp-facts tbody tr')].map((tr) => `${tr.dataset.key}=${tr.dataset.agreement}`),
  };
}

/** Waits until the view shows exactly these sources, in this order, in its rows. */
async function showsSources(page, docs) {
  await eventually(
    page,
    `the compare view never showed ${docs.join(', ')}`,
    (docs) => {
      // A folded theme names its sources in its counts ("Passages: 002: 9 · 004: 10"); its
      // columns are made when it is opened.
      const row = document.querySelector('.cmp-row');
      const counts = row?.querySelector('.cmp-row-counts')?.textContent.replace(/^Passages: /, '') ?? '';
      const named = counts ? counts.split(' · ').map((c) => c.split(':')[0]) : [];
      const cols = row?.open ? [...row.querySelectorAll('.cmp-col')].map((c) => c.dataset.doc) : named;
      return document.querySelector('.compare-view')?.dataset.docs === docs.join(', ') && cols.join(',') === docs.join(',');
    },
    docs,
    snapshot,
  );
}

describe('compare', () => {
  h.install({ before, after, afterEach });

  it('a theme in the link shows its section open with a column per source, shared wording marked, and what changed', async () => {
    const page = await h.open(await h.newPage(), '#/compare/002/004?theme=trade');
    await showsSources(page, ['002', '004']);
    const s = await page.evaluate(snapshot);
    assert.deepEqual(s.rows.map((r) => r.theme), ['trade'], 'only the chosen theme is shown');
    assert.equal(s.rows[0].open, true, 'the theme the link names is open');
    assert.equal(s.theme, 'trade');
    const titles = await page.$$eval('.cmp-row .cmp-col-title', (hs) => hs.map((x) => x.textContent));
    assert.equal(titles.length, 2);
    assert.ok(titles.every((t) => t.trim().length > 5), `${titles}`);
    assert.ok(s.rows[0].columns.every((c) => Number(c.split(':')[1]) > 0), `${s.rows[0].columns}`);

    // The tariff passage is marked shared in both columns, with the other side named.
    const tariff = (doc) => page.locator(`.cmp-passage[data-doc="${doc}"]`, { hasText: '90 percent of goods' });
    for (const [doc, other] of [['002', '004'], ['004', '002']]) {
      const p = tariff(doc);
      assert.equal(await p.count(), 1, `${doc} has one tariff passage`);
      assert.match(await p.getAttribute('class'), /cmp-passage--shared/);
      const badge = p.locator('.cmp-badge');
      assert.match(norm(await badge.first().textContent()), new RegExp(`Shared with ${other} p\\d+`));
    }

    // The badge moves focus to the other side without touching the link.
    const hash = await page.evaluate(() => location.hash);
    const target = await tariff('004').getAttribute('id');
    await tariff('002').locator('.cmp-badge').first().click();
    await eventually(page, 'the badge did not focus the other passage', (id) => document.activeElement?.id === id, target, () => document.activeElement?.id);
    assert.equal(await page.evaluate(() => location.hash), hash, 'the badge changed the link');

    // "Show what changed" shows what each source words differently around the shared words.
    const toggle = tariff('002').locator('.cmp-diff-toggle', { hasText: '90 percent' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.match(norm(await toggle.textContent()), /^Show what changed between “.*90 percent/);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const region = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    await region.locator('del').first().waitFor();
    const del = await region.locator('.diff-text del').allTextContents();
    const ins = await region.locator('.diff-text ins').allTextContents();
    assert.ok(del.some((w) => w.includes('cutting')), `del: ${del}`);
    assert.ok(ins.some((w) => w.includes('significantly reducing')), `ins: ${ins}`);
    const tags = await region.locator('.diff-text .diff-tag').allTextContents();
    assert.ok(tags.includes('−002') && tags.includes('+004'), `labels: ${tags}`);
    assert.match(norm(await region.locator('.diff-legend').textContent()), /only in source 002, passage \d+.*only in source 004, passage \d+/);
    await screenshot(page, 'compare-002-004-trade-diff');
    await page.evaluate(() => window.scrollTo(0, 0));
    await eventually(page, 'the page did not scroll to its top', () => window.scrollY === 0);
    await screenshot(page, 'compare-002-004-trade');
  });

  /** A facts row's verdict ("✓ agree"), without the line under it that says why. */
  const verdict = (td) => [...td.childNodes].filter((n) => !n.classList?.contains('cmp-why')).map((n) => n.textContent).join('');

  it('the facts table shows who states a figure and that the sources agree on it', async () => {
    const page = await h.open(await h.newPage(), '#/compare/002/004?theme=trade');
    const row = page.locator('table.cmp-facts tbody tr', { has: page.locator('th', { hasText: 'percent of goods' }) });
    await row.waitFor();
    assert.equal(await row.getAttribute('data-agreement'), 'agree');
    assert.match(norm(await row.locator('.cmp-agreement').evaluate(verdict)), /^✓ agree$/);
    // Under the verdict, why its sentences were put together, found automatically.
    assert.equal(
      norm(await row.locator('.cmp-agreement .cmp-why').textContent()),
      'Found automatically: the same measure (percent of goods), and their sentences share the words “tariffs”.',
    );
    for (const doc of ['002', '004']) {
      assert.equal(norm(await row.locator(`td[data-doc="${doc}"] .cmp-value`).textContent()), '90 percent of goods');
    }
    // The sentence that states it opens in place and links to the reader.
    const cell = row.locator('td[data-doc="002"] details');
    await cell.locator('summary').click();
    assert.match(norm(await cell.locator('q').textContent()), /90 percent of goods/);
    assert.match(await cell.locator('a').getAttribute('href'), /^#\/read\/002\/p\d+/);
  });

  it('"only where they differ" keeps differing rows and the disputed treaty claim', async () => {
    const page = await h.open(await h.newPage(), '#/compare/002/004?differ=1');
    await showsSources(page, ['002', '004']);
    const s = await page.evaluate(snapshot);
    assert.equal(s.differ, true);
    assert.ok(s.rows.length > 0 && s.rows.every((r) => r.differs === 'true'), JSON.stringify(s.rows));
    assert.ok(s.facts.every((f) => f.endsWith('=differ')), `${s.facts}`);
    const claim = page.locator('table.cmp-facts tbody tr[data-key="treaty-status"]');
    assert.equal(await claim.getAttribute('data-agreement'), 'differ');
    assert.match(norm(await claim.locator('th').textContent()), /Status of the Iran–Russia treaty/);
    assert.match(norm(await claim.locator('.cmp-agreement').evaluate(verdict)), /^≠ differ$/);
    assert.match(norm(await claim.locator('.cmp-why').textContent()), /^From the corpus's own list of claims: sentences on “Status of the Iran–Russia treaty”/);
    const stances = await claim.locator('.cmp-value').allTextContents();
    assert.ok(stances.includes('presented as signed'), `${stances}`);
    assert.ok(stances.some((x) => x !== 'presented as signed' && x.startsWith('presented as')), `${stances}`);
  });

  it('the picker changes the link, Back restores each step, and a shared link restores the view', async () => {
    const page = await h.open(await h.newPage(), '#/compare/002/004');
    await showsSources(page, ['002', '004']);
    const first = await page.evaluate(snapshot);
    assert.deepEqual(first.sources, ['002', '004', '']);

    await page.selectOption('#cmp-source-2', '003');
    await showsSources(page, ['002', '003']);
    await page.selectOption('#cmp-source-3', '000');
    await showsSources(page, ['002', '003', '000']);
    await page.selectOption('#cmp-theme', 'diplomacy');
    await eventually(page, 'the theme did not apply', () => location.hash.includes('theme=diplomacy'), null, snapshot);
    await page.locator('#only-differ').check();
    await eventually(page, 'the switch did not apply', () => location.hash.includes('differ=1'), null, snapshot);
    const built = await page.evaluate(snapshot);
    assert.equal(withoutVersion(built.hash), '#/compare/002/003/000?theme=diplomacy&differ=1');
    assert.ok(hasVersion(built.hash), built.hash);
    assert.deepEqual(built.sources, ['002', '003', '000']);
    // Among these three, diplomacy's own sentences dispute the treaty (`parallax compare … 002 003 000`).
    assert.deepEqual(built.rows.map((r) => [r.theme, r.differs, r.open]), [['diplomacy', 'true', true]], JSON.stringify(built.rows));

    // A fresh page (another size, its own storage) opened at the link shows the same view.
    const fresh = await h.newPage({ width: 390, height: 844 });
    await fresh.goto(page.url());
    await fresh.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await showsSources(fresh, ['002', '003', '000']);
    assert.deepEqual(await fresh.evaluate(snapshot), built);

    // Back undoes one step at a time, and the controls follow.
    await page.goBack();
    await eventually(page, 'Back did not undo the switch', () => !location.hash.includes('differ=1') && document.querySelector('#only-differ')?.checked === false, null, snapshot);
    await page.goBack();
    await eventually(page, 'Back did not undo the theme', () => !location.hash.includes('theme=') && document.querySelector('#cmp-theme')?.value === '', null, snapshot);
    await page.goBack();
    await showsSources(page, ['002', '003']);
    assert.deepEqual((await page.evaluate(snapshot)).sources, ['002', '003', '']);
    await page.goBack();
    await showsSources(page, ['002', '004']);
    assert.deepEqual(await page.evaluate(snapshot), first);

    // Picking a source already in another column trades places with it.
    await page.selectOption('#cmp-source-1', '004');
    await showsSources(page, ['004', '002']);
  });

  it('no sideways scroll at 360 px, the sources of a theme side by side in a swipe row, and the phone screenshot', async () => {
    const page = await h.open(await h.newPage({ width: 360, height: 740 }), '#/compare/002/004/003');
    await showsSources(page, ['002', '004', '003']);
    // Themes are folded; opening one by its summary shows its passages.
    const trade = page.locator('.cmp-row[data-theme="trade"]');
    assert.equal(await trade.evaluate((d) => d.open), false, 'themes start folded');
    await trade.locator('summary').click();
    await trade.locator('.cmp-diff-toggle').first().click();
    await page.locator('.cmp-diff-body:not([hidden]) .diff-text').first().waitFor();
    for (const d of await page.locator('table.cmp-facts details').all()) await d.locator('summary').click();
    // Each value's sentences are made when it opens.
    await eventually(page, 'an opened value did not show its sentences', () => [...document.querySelectorAll('table.cmp-facts details')].every((d) => d.querySelector('li')));
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.doc <= widths.view, `page is ${widths.doc}px wide in a ${widths.view}px viewport`);
    // The three columns sit level in one row that scrolls sideways inside the page.
    const row = await trade.locator('.cmp-grid').evaluate((g) => ({
      tops: [...g.querySelectorAll(':scope > .cmp-col')].map((c) => Math.round(c.getBoundingClientRect().top)),
      lefts: [...g.querySelectorAll(':scope > .cmp-col')].map((c) => Math.round(c.getBoundingClientRect().left)),
      scrolls: g.scrollWidth > g.clientWidth,
      overflow: getComputedStyle(g).overflowX,
      badges: [...g.querySelectorAll(':scope > .cmp-col .cmp-col-title .cmp-doc-id')].map((b) => b.textContent),
    }));
    assert.equal(new Set(row.tops).size, 1, `columns start level: ${row.tops}`);
    assert.ok(row.lefts[0] < row.lefts[1] && row.lefts[1] < row.lefts[2], `columns side by side: ${row.lefts}`);
    assert.ok(row.scrolls && row.overflow === 'auto', JSON.stringify(row));
    assert.deepEqual(row.badges, ['002', '004', '003'], 'each column under its source badge');

    const phone = await h.open(await h.newPage({ width: 390, height: 844 }), '#/compare/002/004?theme=trade');
    await showsSources(phone, ['002', '004']);
    await screenshot(phone, 'compare-002-004-trade');
  });

  it('wide screens put the columns side by side; print hides the controls and keeps the columns', async () => {
    const page = await h.open(await h.newPage(), '#/compare/002/004/003?theme=finance');
    await showsSources(page, ['002', '004', '003']);
    await page.locator('.cmp-row[open] .cmp-col').first().waitFor();
    const tops = await page.$$eval('.cmp-row .cmp-col', (cs) => cs.map((c) => Math.round(c.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `columns start level: ${tops}`);
    await page.setViewportSize({ width: 600, height: 800 });
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => ({
      picker: getComputedStyle(document.querySelector('.cmp-picker')).display,
      nav: getComputedStyle(document.querySelector('.site-header')).display,
      toggle: getComputedStyle(document.querySelector('.cmp-diff-toggle')).display,
      columns: getComputedStyle(document.querySelector('.cmp-grid')).gridTemplateColumns.split(' ').length,
    }));
    assert.deepEqual(print, { picker: 'none', nav: 'none', toggle: 'none', columns: 3 });
  });

  it('a hostile theme in a link gives a notice as text and the whole comparison', async () => {
    const page = await h.open(await h.newPage(), '#/compare/002/004?theme=%3Cb%3Ex%3C%2Fb%3E');
    await page.waitForSelector('.notices li');
    const notices = await page.$$eval('.notices li', (ls) => ls.map((l) => l.textContent));
    assert.ok(notices.some((n) => n.includes('“<b>x</b>”')), `${notices}`);
    await showsSources(page, ['002', '004']);
    const s = await page.evaluate(snapshot);
    assert.equal(s.theme, '', 'the unknown theme was dropped');
    assert.ok(s.rows.length > 1, JSON.stringify(s.rows));
    assert.equal(await page.locator('main b').count(), 0, 'link text became markup');
  });

  it('a story of her own, that no theme of the library speaks to, is compared passage by passage, first', async () => {
    // Two short local-news texts on a harbour festival, in no theme of the Iran–Russia library:
    // y copies x's first paragraph; each has a paragraph of its own.
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    const opening = 'The harbour festival opens on Friday with a parade of old sailing boats along the quay.';
    await page.setInputFiles('#own-files', [
      { name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from(`Harbour festival returns\n\n${opening}\n\nTickets for the evening concerts are on sale at the library.\n`) },
      { name: 'y.txt', mimeType: 'text/plain', buffer: Buffer.from(`Boats on parade\n\n${opening}\n\nThe bakery on the square will stay open late all weekend.\n`) },
    ]);
    await eventually(page, 'the two files were not imported', () => document.querySelectorAll('.import-results > li.import-ok').length === 2);
    await page.evaluate(() => {
      location.hash = '#/compare/own1/own2';
    });
    await page.locator('.cmp-themeless').waitFor();
    const seen = await page.evaluate(() => ({
      themeless: document.querySelector('.cmp-themeless').textContent,
      rows: document.querySelectorAll('.cmp-row').length,
      order: [...document.querySelectorAll('.cmp-themeless, .cmp-matched, .cmp-facts-section')].map((e) => e.className),
      counts: [...document.querySelectorAll('.cmp-matched-counts li')].map((li) => li.textContent),
    }));
    assert.equal(seen.rows, 0, 'no theme row');
    assert.match(norm(seen.themeless), /^No source here speaks to a theme, so own1 and own2 are compared passage by passage\.$/);
    // Passage by passage comes first, before the figures.
    assert.deepEqual(seen.order, ['cmp-themeless', 'cmp-matched', 'cmp-facts-section']);
    assert.equal(seen.counts.length, 2);
    assert.match(norm(seen.counts[0]), /1 of 2 passages says something another source also says; 1 is only in own1\.$/);
    await page.locator('.cmp-matched-all > summary').click();
    await page.locator('.cmp-matched-row').first().waitFor();
    const rows = await page.locator('.cmp-matched-row').evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('.cmp-matched-cell')].map((c) => ({
      doc: c.dataset.doc,
      passage: c.querySelector('.cmp-quote')?.dataset.passage ?? null,
      why: c.querySelector('.cmp-quote-why')?.textContent ?? '',
      text: c.textContent,
    }))));
    // x's opening beside its copy in y, with the words they share; x's tickets beside nothing.
    assert.deepEqual(rows.map((cells) => cells.map((c) => [c.doc, c.passage])), [[['own1', 'p1'], ['own2', 'p1']], [['own1', 'p2'], ['own2', null]]]);
    assert.match(rows[0][1].why, /both speak of: .*(harbour|festival|parade|sailing|boats|quay)/);
    assert.equal(norm(rows[1][1].text), 'Nothing like this in own2.');
    // What only y says: the bakery.
    await page.locator('.cmp-only[data-doc="own2"] > summary').click();
    await page.locator('.cmp-only[data-doc="own2"] .cmp-quote').first().waitFor();
    const own = await page.locator('.cmp-only[data-doc="own2"] .cmp-quote p').allTextContents();
    assert.deepEqual(own, ['The bakery on the square will stay open late all weekend.']);
  });

  it('her own articles on another story get themes found in them, beside the library’s, to compare by', async () => {
    // The tram story's four texts (crates/core/tests/fixtures/tram), imported as they are: the
    // themes found in them are those `parallax themes` finds in a corpus of those texts alone.
    const tram = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'crates/core/tests/fixtures/tram');
    const dir = mkdtempSync(join(tmpdir(), 'parallax-yours-'));
    let expected;
    try {
      parallax('build', tram, '--out', join(dir, 'tram.plxb'));
      expected = JSON.parse(parallax('themes', join(dir, 'tram.plxb'))).themes;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(expected.length >= 3);
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    await page.setInputFiles('#own-files', ['a', 'b', 'c', 'd'].map((id) => ({ name: `${id}.txt`, mimeType: 'text/plain', buffer: readFileSync(join(tram, `${id}.txt`)) })));
    await eventually(page, 'the four files were not imported', () => document.querySelectorAll('.import-results > li.import-ok').length === 4);
    await page.evaluate(() => {
      location.hash = '#/explore';
    });
    await page.waitForSelector('.facet input[data-value="yours-1"]', { state: 'attached' });
    const facets = await page.$$eval('.facet input[data-facet="themes"]', (inputs) =>
      inputs.map((i) => [i.dataset.value, document.querySelector(`label[for="${i.id}"] .facet-label`).textContent]),
    );
    const yours = facets.filter(([id]) => id.startsWith('yours-'));
    assert.deepEqual(yours, expected.map((t, i) => [`yours-${i + 1}`, t.label]));
    assert.equal(facets.length - yours.length, 11, 'the library’s eleven themes stay');
    // Compare of two of her articles has rows for her themes.
    await page.evaluate(() => {
      location.hash = '#/compare/own1/own2';
    });
    await page.locator('.cmp-row').first().waitFor();
    const rows = await page.$$eval('.cmp-row', (rs) => rs.map((r) => r.dataset.theme));
    assert.ok(rows.some((t) => t.startsWith('yours-')), JSON.stringify(rows));
  });

  it('a theme of a long document shows its passages a page at a time, and a badge opens the page of its other side', async () => {
    // Two imported documents on the treaty: "b" opens with 70 passages of its own, then both
    // share 80 passages word for word; so the twin of a's first passage is b's 71st, past the
    // first page of 50.
    const page = await h.open(await h.newPage());
    await page.waitForSelector('#own-files');
    const text = (title, sentences) => `${title}\n\n${sentences.join('\n\n')}\n`;
    const both = Array.from({ length: 80 }, (_, i) => shared(i));
    const own = Array.from({ length: 70 }, (_, i) => shared(1000 + i));
    await page.setInputFiles('#own-files', [
      { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from(text('The treaty, a', both)) },
      { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from(text('The treaty, b', [...own, ...both])) },
    ]);
    await eventually(page, 'the two files were not imported', () => document.querySelectorAll('.import-results > li.import-ok').length === 2);
    const theme = await page.evaluate(() => {
      location.hash = '#/compare/own1/own2';
    }).then(() => eventually(page, 'no theme row', () => !!document.querySelector('.cmp-row'))).then(() =>
      page.$$eval('.cmp-row', (rs) => rs.map((r) => [r.dataset.theme, r.querySelector('.cmp-row-counts').textContent]).find(([, c]) => c === 'Passages: own1: 80 · own2: 150')?.[0]));
    assert.ok(theme, 'a theme holds every passage of both documents');
    const row = page.locator(`.cmp-row[data-theme="${theme}"]`);
    await row.locator('summary').click();
    const shown = () => row.evaluate((r) => ({
      own1: r.querySelectorAll('.cmp-col[data-doc="own1"] .cmp-passage').length,
      own2: r.querySelectorAll('.cmp-col[data-doc="own2"] .cmp-passage').length,
      counts: [...r.querySelectorAll('.cmp-col-count')].map((c) => c.textContent),
      more: r.querySelector('.show-more button')?.textContent ?? null,
    }));
    await eventually(page, 'the theme did not open', () => document.querySelectorAll('.cmp-row[open] .cmp-passage').length > 0);
    assert.deepEqual(await shown(), {
      own1: 50,
      own2: 50,
      counts: ['80 passages (the first 50 shown)', '150 passages (the first 50 shown)'],
      more: 'Show 50 more passages of each source (100 not shown yet)',
    });
    // The badge of a's first passage goes to its twin, b's 71st passage, shown on the way.
    const badge = row.locator('.cmp-col[data-doc="own1"] .cmp-passage').first().locator('.cmp-badge');
    const target = await badge.getAttribute('data-passage');
    await badge.click();
    await eventually(page, 'the badge did not reveal its other side', (t) => document.activeElement?.dataset?.passage === t && document.activeElement.dataset.doc === 'own2', target);
    const after = await shown();
    assert.equal(after.own2, 100, JSON.stringify(after));
    assert.equal(after.more, 'Show 50 more passages of each source (50 not shown yet)');
    // "Show more" shows the rest, and then goes.
    await row.locator('.show-more button').click();
    await eventually(page, 'Show more did not show the rest', () => !document.querySelector('.cmp-row[open] .show-more'));
    assert.deepEqual(await shown(), { own1: 80, own2: 150, counts: ['80 passages', '150 passages'], more: null });
  });
});
