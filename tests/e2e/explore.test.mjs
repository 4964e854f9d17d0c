// The explore view: live search, facets with counts, highlights, theme evidence, KWIC, opening a
// result in the reader, the empty state, links that restore the view, history, and notices for
// hostile links. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, hasVersion, withoutVersion } from './harness.mjs';

const h = new Harness();

/** What the explorer shows, read in the page. */
function snapshot() {
  const count = document.querySelector('.result-count')?.textContent?.trim() ?? null;
  return {
    hash: location.hash,
    query: document.querySelector('#q')?.value ?? null,
    count,
    results: [...document.querySelectorAll('li.result')].map((r) => `${r.dataset.doc}/${r.dataset.passage}`),
    checked: [...document.querySelectorAll('.facet input:checked')].map((i) => `${i.dataset.facet}:${i.dataset.value}`),
    marks: [...document.querySelectorAll('li.result mark')].map((m) => m.textContent),
    kwic: [...document.querySelectorAll('table.kwic tbody tr')].length,
  };
}

async function resultsSettled(page, count) {
  await eventually(page, `the explorer never showed ${count}`, (c) => document.querySelector('.result-count')?.textContent?.trim() === c, count, snapshot);
}

describe('explore', () => {
  h.install({ before, after, afterEach });

  it('typing searches live, highlights matches, and keeps the query in the link without new history entries', async () => {
    const page = await h.open(await h.newPage(), '#/explore');
    await page.waitForSelector('li.result');
    const all = await page.evaluate(snapshot);
    const historyBefore = await page.evaluate(() => history.length);
    await page.fill('#q', 'drones');
    await eventually(page, 'results did not narrow to "drones"', (n) => {
      const c = document.querySelectorAll('li.result').length;
      return c > 0 && c < n && location.hash.includes('q=drones');
    }, all.results.length, snapshot);
    const s = await page.evaluate(snapshot);
    assert.ok(s.marks.length > 0 && s.marks.every((m) => /^drones?$/i.test(m)), `marks: ${s.marks}`);
    assert.match(s.count, /^\d+ passages?$/);
    assert.equal(Number(s.count.split(' ')[0]), s.results.length);
    assert.ok(hasVersion(s.hash), s.hash);
    assert.equal(await page.evaluate(() => history.length), historyBefore, 'typing added history entries');
  });

  it('a facet narrows to exactly its count, goes into the link, and Back undoes it', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=sanctions');
    await page.waitForSelector('li.result');
    const before = await page.evaluate(snapshot);
    const box = page.locator('.facet input[data-facet="themes"][data-value="energy"]');
    const label = page.locator('label[for="facet-themes-energy"] .facet-count');
    const promised = Number(await label.textContent());
    assert.ok(promised > 0 && promised < before.results.length, `energy count ${promised} of ${before.results.length}`);
    await box.check();
    await resultsSettled(page, `${promised} passage${promised === 1 ? '' : 's'}`);
    const s = await page.evaluate(snapshot);
    assert.equal(withoutVersion(s.hash), '#/explore?q=sanctions&themes=energy');
    assert.deepEqual(s.checked, ['themes:energy']);
    await page.goBack();
    await resultsSettled(page, before.count);
    assert.deepEqual((await page.evaluate(snapshot)).checked, []);
  });

  it('a shared link restores the same view in a fresh page', async () => {
    const page = await h.open(await h.newPage(), '#/explore');
    await page.waitForSelector('li.result');
    await page.fill('#q', 'Iran Russia');
    await page.locator('.facet input[data-facet="sources"][data-value="004"]').check();
    await page.locator('.facet input[data-facet="languages"][data-value="fr"]').check();
    await eventually(page, 'filters did not apply', () => location.hash.includes('langs=fr') && location.hash.includes('sources=004'), null, snapshot);
    const built = await page.evaluate(snapshot);
    const url = page.url();
    const fresh = await h.newPage({ width: 390, height: 844 });
    await fresh.goto(url);
    await fresh.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await resultsSettled(fresh, built.count);
    const restored = await fresh.evaluate(snapshot);
    assert.deepEqual(
      { q: restored.query, checked: restored.checked, results: restored.results, hash: restored.hash },
      { q: built.query, checked: built.checked, results: built.results, hash: built.hash },
    );
    assert.ok(restored.results.length > 0 && restored.results.every((r) => r.startsWith('004/')));
  });

  it('a theme chip reveals the words that fired', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=Bushehr');
    const chip = page.locator('li.result details.chip[data-theme="energy"]').first();
    await chip.locator('summary').click();
    const evidence = await chip.locator('.evidence').textContent();
    assert.match(evidence, /Evidence: .*(nuclear|Bushehr|energy)/i);
  });

  it('KWIC lists each match in context, and a result opens the reader at its passage', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=%22payment%20systems%22&mode=kwic');
    await page.waitForSelector('table.kwic tbody tr');
    const rows = await page.$$eval('table.kwic tbody tr', (trs) => trs.map((tr) => tr.querySelector('.kwic-match').textContent));
    assert.ok(rows.length >= 3 && rows.every((m) => /^payment systems?$/i.test(m)), `${rows}`);
    await page.locator('#kwic').uncheck();
    const first = page.locator('li.result').first();
    await first.waitFor();
    const [doc, pid] = [await first.getAttribute('data-doc'), await first.getAttribute('data-passage')];
    await first.locator('.result-source a').click();
    await page.waitForSelector(`article.reader[data-doc="${doc}"] p.passage--target[data-passage="${pid}"]`);
  });

  it('no match gives a helpful empty state whose button clears everything', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=zzqxv&themes=military');
    await page.waitForSelector('.empty');
    assert.equal(await page.locator('.result-count').textContent(), '0 passages');
    await page.locator('.empty button').click();
    await page.waitForSelector('li.result');
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), '#/explore');
  });

  it('a hostile link opens the nearest sensible view and says what it changed', async () => {
    const hostile = '#/explore?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&themes=military,nope&langs=xx&v=ffffffffffff';
    const page = await h.open(await h.newPage(), hostile);
    await page.waitForSelector('.notices li');
    const notices = await page.$$eval('.notices li', (ls) => ls.map((l) => l.textContent));
    assert.ok(notices.some((n) => n.includes('“nope”')), `${notices}`);
    assert.ok(notices.some((n) => n.includes('another version')), `${notices}`);
    assert.equal(await page.inputValue('#q'), '<img src=x onerror=alert(1)>');
    assert.equal(await page.locator('img').count(), 0, 'query text became markup');
    assert.deepEqual((await page.evaluate(snapshot)).checked, ['themes:military']);
  });
});
