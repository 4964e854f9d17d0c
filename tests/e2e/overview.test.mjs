// The story overview (#/overview): who copies whom, where the sources disagree, how each frames
// the story and what was cleaned, checked against what the core computes (`parallax overview` on
// the same corpus), every evidence link opening the right view; "Start here" on the library and
// the header's Overview and Compare links; axe in both colour schemes; screenshots at phone and
// desktop width. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { Harness, eventually, norm, parallax, screenshot, withoutVersion } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const h = new Harness();

/** The core's overview of the bundled corpus, as the app computes it. */
function coreOverview() {
  const bundle = join(mkdtempSync(join(tmpdir(), 'parallax-overview-')), 'corpus.plxb');
  parallax('build', join(ROOT, 'corpus/iran-russia'), '--out', bundle);
  return JSON.parse(parallax('overview', bundle));
}

async function openOverview(page, hash = '#/overview') {
  await h.open(page, hash);
  await page.waitForSelector('.overview-view .ov-profile');
}

/** A passage as the app names it to readers: `p12` is "passage 12". */
const pname = (id) => id.replace(/^p(\d+)$/, 'passage $1');

const hashOf = (page) => withoutVersion(decodeURIComponent(new URL(page.url()).hash));

describe('story overview', () => {
  h.install({ before, after, afterEach });
  let core;
  before(() => {
    core = coreOverview();
  });

  it('lists every pair of sources that shares wording, with its stretches, and says the rest once', async () => {
    const page = await h.newPage();
    await openOverview(page);
    const pairs = await page.$$eval('li.ov-pair', (els) => els.map((e) => ({ a: e.dataset.a, b: e.dataset.b, spans: Number(e.dataset.spans), words: Number(e.dataset.words), items: e.querySelectorAll('details.ov-span').length })));
    assert.deepEqual(
      pairs,
      core.copies.map((p) => ({ a: p.a, b: p.b, spans: p.spans.length, words: p.words, items: p.spans.length })),
    );
    assert.ok(pairs.length >= 1, 'the corpus has copying');
    const answer = norm(await page.locator('[data-testid="copies-answer"]').textContent());
    const rest = core.pairs - core.copies.length;
    assert.equal(answer, `${core.copies.length} of the ${core.pairs} pairs of sources share wording word for word; the other ${rest} pairs share none.`);

    // A stretch opens what changed, and its links open the reader at both passages.
    const first = core.copies[0].spans[0];
    const stretch = page.locator('li.ov-pair').first().locator('details.ov-span').first();
    await stretch.locator('summary').click();
    await stretch.locator('.diff-text').waitFor();
    assert.match(norm(await stretch.locator('.diff-legend').textContent()), new RegExp(`only in source ${first.a.doc}, ${pname(first.a.passage)}`));
    await stretch.getByRole('link', { name: `Read it in source ${first.b.doc}, ${pname(first.b.passage)}` }).click();
    await page.waitForSelector(`#passage-${first.b.passage}.passage--target`);
    assert.equal(hashOf(page), `#/read/${first.b.doc}/${first.b.passage}`);
  });

  it('puts every fact stated by two or more sources in one table, conflicts first, self-contradictions marked', async () => {
    const page = await h.newPage();
    await openOverview(page);
    const rows = await page.$$eval('table.ov-facts tbody tr', (trs) =>
      trs.map((tr) => ({
        key: tr.dataset.key,
        agreement: tr.dataset.agreement,
        cells: [...tr.querySelectorAll('td[data-doc]')].map((td) => ({
          doc: td.dataset.doc,
          values: [...td.querySelectorAll('details.ov-value')].map((d) => d.dataset.value),
          self: td.dataset.selfContradiction === 'true',
        })),
      })),
    );
    assert.deepEqual(
      rows,
      core.disputes.map((r) => ({
        key: r.group.key,
        agreement: r.group.agreement,
        cells: r.cells.map((c) => ({ doc: c.doc, values: c.values.map((v) => v.value), self: c.contradicts_itself })),
      })),
    );
    const firstAgree = rows.findIndex((r) => r.agreement !== 'differ');
    assert.ok(firstAgree > 0 && rows.slice(firstAgree).every((r) => r.agreement !== 'differ'), 'conflicts first');
    assert.ok(rows.some((r) => r.cells.some((c) => c.self)), 'the corpus has a source that contradicts itself');
    assert.ok(await page.locator('td[data-self-contradiction="true"] .ov-self').first().isVisible());

    // A cell opens the sentence that states it, and the sentence's link opens that passage.
    const row = core.disputes[0];
    const cell = row.cells.find((c) => c.values.length > 0);
    const mention = row.group.mentions.find((m) => m.doc === cell.doc && m.value === cell.values[0].value);
    const value = page.locator(`tr[data-key="${row.group.key}"] td[data-doc="${cell.doc}"] details.ov-value`).first();
    await value.locator('summary').click();
    assert.equal(norm(await value.locator('q').first().textContent()), norm(mention.sentence));
    await value.getByRole('link', { name: pname(mention.passage) }).first().click();
    await page.waitForSelector('.passage--target');
    assert.equal(hashOf(page), `#/read/${mention.doc}/${mention.passage}`);
  });

  it('profiles how each source frames the story, with its evidence one click away', async () => {
    const page = await h.newPage();
    await openOverview(page);
    assert.match(norm(await page.locator('.ov-measures').textContent()), /not the same as taking a side|is not taking a side/);
    for (const p of core.profiles) {
      const card = page.locator(`article.ov-profile[data-doc="${p.doc}"]`);
      assert.deepEqual(await card.locator('.ov-key-words li').evaluateAll((li) => li.map((l) => l.dataset.word)), p.key_words.map((k) => k.word), `${p.doc} distinctive words`);
      assert.deepEqual(await card.locator('.ov-stresses li').evaluateAll((li) => li.map((l) => l.dataset.theme)), p.stresses.map((w) => w.theme));
      assert.deepEqual(await card.locator('.ov-leaves-out li').evaluateAll((li) => li.map((l) => l.dataset.theme)), p.leaves_out.map((w) => w.theme));
      assert.equal(await card.locator('.ov-caution').count(), p.short ? 1 : 0, `${p.doc} caution on a short source`);
      const judging = norm(await card.locator('.ov-words-use summary').first().textContent());
      assert.ok(judging.startsWith(`Strong or judging words: ${p.judging.count} `), judging);
      assert.equal(await card.locator('.ov-voices > li').count(), p.voices.length);
      assert.equal(await card.getByRole('link', { name: `About source ${p.doc}: warning signs, what was removed` }).count(), 1);
    }
    // The tone table beside the profiles holds the same rates.
    const tone = await page.$$eval('table.ov-tone tbody tr', (trs) => trs.map((tr) => [tr.dataset.doc, tr.cells[1].textContent, tr.cells[2].textContent]));
    assert.deepEqual(tone, core.profiles.map((p) => [p.doc, p.judging.per_1000.toFixed(1), p.hedging.per_1000.toFixed(1)]));

    // A judging word opens its passage; a distinctive word opens the explorer on that source.
    const source = core.profiles.find((p) => p.judging.spans.length > 0 && p.key_words.length > 0);
    const card = page.locator(`article.ov-profile[data-doc="${source.doc}"]`);
    const judgingWords = card.locator('details.ov-words-use').first();
    await judgingWords.locator('summary').click();
    assert.equal(await judgingWords.locator('mark.ov-word').count(), source.judging.spans.length);
    assert.equal(await judgingWords.locator('mark.ov-word').first().textContent(), source.judging.spans[0].text);
    const word = source.key_words[0].word;
    await card.locator(`.ov-key-words li[data-word="${word}"] a`).click();
    await page.waitForSelector('li.result');
    const hash = hashOf(page);
    assert.ok(hash.startsWith('#/explore?') && hash.includes(`q=${word}`) && hash.includes(`sources=${source.doc}`), hash);
    const results = await page.$$eval('li.result', (els) => els.length);
    assert.equal(results, source.key_words[0].passages.length, 'one result per passage that uses the word');
  });

  it('says per source what cleaning removed and opens it in place', async () => {
    const page = await h.newPage();
    await openOverview(page, '#/overview?part=cleaning');
    const items = await page.$$eval('ul.ov-cleaning > li', (lis) => lis.map((li) => ({ doc: li.dataset.doc, blocks: Number(li.dataset.blocks), words: Number(li.dataset.words) })));
    assert.deepEqual(items, core.cleaning.map((c) => ({ doc: c.doc, blocks: c.blocks, words: c.words })));
    const c = core.cleaning.find((x) => x.blocks > 1);
    const line = norm(await page.locator(`ul.ov-cleaning > li[data-doc="${c.doc}"]`).textContent());
    assert.ok(line.includes(`${c.words} words removed in ${c.blocks} blocks`), line);
    await page.locator(`ul.ov-cleaning > li[data-doc="${c.doc}"]`).getByRole('link', { name: 'See it in place' }).click();
    await page.waitForSelector('aside.removed');
    assert.equal(hashOf(page), `#/read/${c.doc}?removed=1`);
  });

  it('opens at the part a link names, and "Start here" links to each part', async () => {
    const page = await h.newPage();
    await h.open(page, '#/');
    const links = page.locator('nav.start-here ul a');
    assert.deepEqual(await links.allTextContents(), ['Who copied whom?', 'Where do the sources disagree?', 'How does each source frame the story?', 'What was cut out of each page, and why?']);
    await page.locator('nav.start-here a[data-part="disagreements"]').click();
    await eventually(page, 'the disagreements part is focused and on screen', () => {
      const el = document.getElementById('disagreements');
      const r = el?.getBoundingClientRect();
      // Within a pixel of the top: a scroll position is whole pixels, a section's place may not be.
      return el && document.activeElement === el && r.top > -1 && r.top < innerHeight;
    }, null, () => ({ active: document.activeElement?.id, hash: location.hash }));
    assert.equal(hashOf(page), '#/overview?part=disagreements');
    // Back to the library, and its overview link opens the whole page at its top.
    await page.goBack();
    await page.waitForSelector('nav.start-here');
    await page.getByRole('link', { name: 'All four answers on one page: the story overview' }).click();
    await page.waitForSelector('.overview-view h1');
    assert.equal(hashOf(page), '#/overview');
  });

  it("the header's Overview opens it, and its Compare opens the pair that shares the most wording", async () => {
    const page = await h.newPage({ width: 1024, height: 768 });
    await h.open(page, '#/read/000');
    await page.locator('header nav').getByRole('link', { name: 'Overview' }).click();
    await page.waitForSelector('.overview-view .ov-pair');
    assert.equal(await page.locator('header nav a[aria-current="page"]').textContent(), 'Overview');
    await page.locator('header nav').getByRole('link', { name: 'Compare' }).click();
    const [a, b] = [core.copies[0].a, core.copies[0].b];
    await eventually(page, 'the compare view of the pair sharing most', (want) => decodeURIComponent(location.hash).startsWith(want), `#/compare/${a}/${b}`, () => location.hash);
    await page.waitForSelector(`[data-docs="${a}, ${b}"], .compare-view`);
    // The header's link went through one history entry: Back returns to the overview.
    await page.goBack();
    await page.waitForSelector('.overview-view');
  });

  for (const scheme of ['light', 'dark']) {
    it(`has no axe violation with a stretch and a value open (${scheme})`, async () => {
      const page = await h.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await openOverview(page);
      await page.locator('details.ov-span summary').first().click();
      await page.locator('details.ov-value summary').first().click();
      await page.locator('details.ov-words-use summary').first().click();
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      assert.deepEqual(problems, []);
      assert.ok(result.passes.length > 10, 'axe ran its checks');
    });
  }

  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`reads at ${size.width}×${size.height} with no sideways scroll`, async () => {
      const page = await h.newPage(size);
      await openOverview(page);
      assert.ok(await page.locator('.overview-view h1').isVisible());
      assert.ok(await page.locator('nav.ov-nav').isVisible(), 'the four questions are on the first screen');
      const box = await page.locator('nav.ov-nav').boundingBox();
      assert.ok(box.y + box.height <= size.height, 'the questions fit the first screen');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(wide, 0, 'no page-wide horizontal scroll');
      await screenshot(page, 'overview');
      await page.locator('#framing').scrollIntoViewIfNeeded();
      await screenshot(page, 'overview-framing');
    });
  }
});
