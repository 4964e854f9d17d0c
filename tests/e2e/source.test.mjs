// The source profile: metadata, quality signals with their evidence (passage links open the
// reader there), what cleaning removed and why, entity and theme counts that agree with the other
// views, links to read and explore the source, no page-wide horizontal scroll on a 360 px phone,
// and screenshots. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, hasVersion, norm, screenshot, withoutVersion } from './harness.mjs';

const h = new Harness();

async function openSource(page, doc) {
  await h.open(page, `#/source/${doc}`);
  await page.waitForSelector(`article.source-view[data-doc="${doc}"] li.signal`);
}

/** What the profile shows, read in the page. */
function profile() {
  const rows = (sel) => [...document.querySelectorAll(sel)];
  return {
    title: document.title,
    h1: document.querySelector('.source-view h1')?.textContent,
    meta: Object.fromEntries(rows('.source-meta dd[data-field]').map((d) => [d.dataset.field, d.textContent.replace(/\s+/g, ' ').trim()])),
    signals: rows('li.signal').map((s) => ({ kind: s.dataset.signal, label: s.querySelector('.signal-label').textContent })),
    removed: rows('table.removed-table tbody tr').map((r) => ({
      kind: r.dataset.kind,
      blocks: Number(r.querySelector('[data-field="blocks"]').textContent),
      words: Number(r.querySelector('[data-field="words"]').textContent),
    })),
    entities: rows('table.entities-table tbody tr').map((r) => ({
      id: r.dataset.entity,
      name: r.querySelector('th').textContent,
      mentions: Number(r.querySelector('[data-field="mentions"]').textContent),
      href: r.querySelector('th a').getAttribute('href'),
    })),
    themes: rows('table.themes-table tbody tr').map((r) => ({
      id: r.dataset.theme,
      passages: Number(r.querySelector('[data-field="passages"]').textContent),
    })),
  };
}

describe('source profile', () => {
  h.install({ before, after, afterEach });

  it('001 shows its metadata, the fabricated-author signal with evidence, the removals and entity counts', async () => {
    const page = await h.newPage();
    await openSource(page, '001');
    const p = await page.evaluate(profile);
    assert.equal(p.title, `${p.h1} — profile — Parallax`);
    assert.equal(p.h1, 'Decoding The Iran-Russia Axis: Geopolitical Implications');
    assert.equal(p.meta.kind, 'explainer');
    assert.equal(p.meta.byline, 'None named');
    assert.match(p.meta.words, /^[\d,]+ words in [\d,]+ passages$/);

    const fabricated = page.locator('li.signal[data-signal="fabricated-author"]');
    assert.match(await fabricated.locator('.signal-label').textContent(), /fabricated profile/);
    await fabricated.locator('summary').click();
    // The evidence is made when the disclosure opens.
    await fabricated.locator('.signal-evidence li').first().waitFor();
    const spans = await fabricated.locator('.signal-evidence li').allTextContents();
    assert.ok(spans.length >= 1 && spans.every((s) => s.startsWith('Removed text')), `${spans}`);
    assert.ok(spans.some((s) => s.includes('Detail Author')), `${spans}`);
    // Personal values stay withheld in the evidence, as in the bundle.
    assert.ok(spans.every((s) => !/@/.test(s)), 'an email address reached the page');

    const profileRow = p.removed.find((r) => r.kind === 'author-profile');
    assert.ok(profileRow && profileRow.blocks >= 1 && profileRow.words > 0, JSON.stringify(p.removed));
    const row = page.locator('table.removed-table tr[data-kind="author-profile"]');
    assert.match(await row.locator('.removal-label').textContent(), /Author profile with personal data/);
    // Internal kind ids stay in Methods, not on the profile.
    assert.equal(await page.locator('.source-view code.removal-id').count(), 0);
    await row.locator('summary').click();
    assert.match(norm(await row.locator('.removed-text').first().textContent()), /Detail Author/);

    assert.ok(p.entities.length >= 3, JSON.stringify(p.entities));
    assert.ok(p.entities.every((e) => e.mentions > 0 && hasVersion(e.href)), JSON.stringify(p.entities));
    const mentions = p.entities.map((e) => e.mentions);
    assert.deepEqual(mentions, [...mentions].sort((a, b) => b - a), 'entities are not most mentioned first');
    assert.equal(p.themes.length, 11);
  });

  it('003 shows the keyword-stuffing signal, and its evidence links open the reader at the passage', async () => {
    const page = await h.newPage();
    await openSource(page, '003');
    const p = await page.evaluate(profile);
    assert.equal(p.meta.site, 'Russland Iran Bündnis');
    assert.match(p.meta.byline, /Timothy Cline.*About the Author/);
    const stuffing = p.signals.filter((s) => s.kind === 'keyword-stuffing');
    assert.ok(stuffing.some((s) => s.label.includes('"russland iran bundnis"')), JSON.stringify(p.signals));

    const signal = page.locator('li.signal[data-signal="keyword-stuffing"]').first();
    await signal.locator('summary').click();
    await signal.locator('.signal-evidence li').first().waitFor();
    const texts = await signal.locator('.evidence-text').allTextContents();
    assert.ok(texts.length >= 5 && texts.every((t) => /russland iran bündnis/i.test(t)), `${texts}`);
    // Each span is shown in its sentence, with the repeated words marked.
    const marks = await signal.locator('.evidence-text mark').allTextContents();
    assert.equal(marks.length, texts.length);
    assert.ok(marks.every((m) => /^russland iran bündnis$/i.test(m)), `${marks}`);
    assert.ok(texts.some((t) => t.length > marks[0].length + 10), 'the evidence shows no context');
    const link = signal.locator('a.evidence-place').first();
    const pid = await link.getAttribute('data-passage');
    // The place says "Passage 12" for p12: no internal id on screen.
    assert.equal(await link.textContent(), `Passage ${pid.slice(1)}`);
    assert.equal(withoutVersion(await link.getAttribute('href')), `#/read/003/${pid}`);
    await link.click();
    await page.waitForSelector(`article.reader[data-doc="003"] p.passage--target[data-passage="${pid}"]`);
  });

  it('links read and explore the source, and its theme counts agree with the map', async () => {
    const page = await h.newPage();
    await openSource(page, '002');
    const p = await page.evaluate(profile);

    await page.locator('.source-actions a', { hasText: 'Explore its passages' }).click();
    await page.waitForSelector('li.result');
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), '#/explore?sources=002');
    await page.goBack();
    await page.waitForSelector('article.source-view[data-doc="002"]');
    await page.locator('.source-actions a', { hasText: 'Read this source' }).click();
    await page.waitForSelector('article.reader[data-doc="002"] p.passage');

    await h.open(page, '#/map');
    await page.waitForSelector('svg.heatmap a.cell');
    const onMap = await page.$$eval('svg.heatmap a.cell[data-doc="002"]', (as) => as.map((a) => ({ id: a.dataset.theme, passages: Number(a.dataset.count) })));
    assert.deepEqual(p.themes, onMap);
  });

  it('an entity link opens the explorer on that entity in this source', async () => {
    const page = await h.newPage();
    await openSource(page, '004');
    const first = page.locator('table.entities-table tbody tr').first();
    const id = await first.getAttribute('data-entity');
    await first.locator('th a').click();
    await eventually(page, 'the explorer did not open on the entity', (e) => location.hash.includes(`entities=${e}`), id, () => location.hash);
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), `#/explore?sources=004&entities=${id}`);
    await page.waitForSelector('li.result');
  });

  it('fits a 360 px screen without horizontal page scroll', async () => {
    const page = await h.newPage({ width: 360, height: 740 });
    await openSource(page, '001');
    // Open every disclosure: long evidence must wrap, not widen the page.
    await page.$$eval('.source-view details', (ds) => ds.forEach((d) => (d.open = true)));
    await eventually(page, 'the evidence of an opened signal was not shown', () => [...document.querySelectorAll('.signal-evidence')].every((d) => d.querySelector('li')));
    const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(m.scroll <= m.client, `page scrolls sideways: ${m.scroll} > ${m.client}`);
  });

  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`screenshots at ${size.width}×${size.height}`, async () => {
      const page = await h.newPage(size);
      await openSource(page, '001');
      await screenshot(page, 'source-001');
      await openSource(page, '003');
      const signal = page.locator('li.signal[data-signal="keyword-stuffing"]').first();
      await signal.locator('summary').click();
      await signal.locator('.signal-evidence li').first().waitFor();
      await page.locator('#signals-h').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById('signals-h').scrollIntoView({ block: 'start' }));
      await screenshot(page, 'source-003-signals');
    });
  }
});
