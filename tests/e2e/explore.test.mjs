// The explore view: live search, facets with counts, highlights, theme evidence, KWIC, opening a
// result in the reader, the empty state, links that restore the view, history, notices for
// hostile links, and results rendered a page at a time ("Show more") while counts and exports
// cover every match. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
    // Only a page of results is rendered: compare with the announced count of all of them.
    const all = Number(before.count.split(' ')[0]);
    assert.ok(promised > 0 && promised < all, `energy count ${promised} of ${all}`);
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

  it('a chip opened and closed from the keyboard keeps focus on its summary', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=Bushehr');
    const summary = page.locator('li.result details.chip[data-theme="energy"] summary').first();
    await summary.focus();
    await page.evaluate(() => { window.__summary = document.activeElement; });
    await page.keyboard.press('Enter');
    await page.locator('li.result details.chip[data-theme="energy"] .evidence').first().waitFor();
    const focus = () => ({
      same: document.activeElement === window.__summary,
      inPage: document.contains(window.__summary),
      active: document.activeElement?.outerHTML.slice(0, 60),
    });
    assert.deepEqual(await page.evaluate(focus), { same: true, inPage: true, active: await page.evaluate(() => window.__summary.outerHTML.slice(0, 60)) });
    await page.keyboard.press('Enter');
    await eventually(page, 'the chip did not close', () => !document.querySelector('li.result details.chip[data-theme="energy"] .evidence'), null, snapshot);
    assert.equal((await page.evaluate(focus)).same, true, 'closing the chip moved focus');
  });

  it('a filter that adds results keeps the result nodes already shown (and so focus and scroll)', async () => {
    // Four passages on energy and military; eleven on military alone, so a "Show more" button too.
    const page = await h.open(await h.newPage(), '#/explore?q=sanctions&themes=energy,military');
    await page.waitForSelector('li.result');
    const kept = await page.evaluate(() => {
      window.__kept = new Map([...document.querySelectorAll('li.result')].map((li) => [`${li.dataset.doc}/${li.dataset.passage}`, li]));
      window.__list = document.querySelector('ol.results');
      return [...window.__kept.keys()];
    });
    assert.ok(kept.length > 0 && !(await page.locator('.results-pane button.more').count()), `before: ${kept}`);
    await page.locator('.facet input[data-facet="themes"][data-value="energy"]').uncheck();
    await page.waitForSelector('.results-pane button.more');
    const after = await page.evaluate(() => ({
      sameList: document.querySelector('ol.results') === window.__list,
      results: [...document.querySelectorAll('li.result')].map((li) => `${li.dataset.doc}/${li.dataset.passage}`),
      // Of the results shown before and still among the first page, those now in another node.
      remade: [...window.__kept].filter(([key, li]) => {
        const [doc, passage] = key.split('/');
        const now = document.querySelector(`li.result[data-doc="${doc}"][data-passage="${passage}"]`);
        return now && now !== li;
      }).map(([key]) => key),
    }));
    const still = kept.filter((k) => after.results.includes(k));
    assert.ok(still.length >= 2 && after.results.length > kept.length, `before: ${kept}; after: ${after.results}`);
    assert.deepEqual({ sameList: after.sameList, remade: after.remade }, { sameList: true, remade: [] });
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

  it('facet values with no passage are hidden until "Show all" reveals them, and hidden again', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=Bushehr');
    await page.waitForSelector('li.result');
    const read = () =>
      page.$$eval('fieldset.facet', (sets) =>
        sets.map((f) => ({
          facet: f.dataset.facet,
          values: [...f.querySelectorAll('li')].map((li) => ({
            id: li.querySelector('input').dataset.value,
            count: Number(li.querySelector('.facet-count').textContent),
            visible: li.checkVisibility(),
          })),
          button: f.querySelector('button.facet-all')?.textContent.trim() ?? null,
        })),
      );
    const before = await read();
    const themes = before.find((f) => f.facet === 'themes');
    const zero = themes.values.filter((v) => v.count === 0);
    assert.ok(zero.length > 0 && zero.length < themes.values.length, `"Bushehr" should leave some themes empty: ${JSON.stringify(themes.values)}`);
    for (const f of before) {
      const wrong = f.values.filter((v) => v.visible !== v.count > 0);
      assert.deepEqual(wrong, [], `${f.facet}: shown with no passage, or hidden with some`);
      const empty = f.values.filter((v) => v.count === 0).length;
      assert.equal(f.button, empty ? `Show all ${f.values.length} ${f.facet === 'entities' ? 'people, places and organisations' : f.facet}` : null, `${f.facet}: the show-all button`);
    }
    await page.locator('fieldset.facet[data-facet="themes"] button.facet-all').click();
    const shown = (await read()).find((f) => f.facet === 'themes');
    assert.ok(shown.values.every((v) => v.visible), 'Show all left a theme hidden');
    assert.equal(shown.button, `Hide the ${zero.length} with no passages`);
    // A value revealed this way can be chosen, and then stays while chosen.
    await page.locator(`input[data-facet="themes"][data-value="${zero[0].id}"]`).check();
    await page.waitForSelector('.empty');
    await page.locator('fieldset.facet[data-facet="themes"] button.facet-all').click();
    const after = (await read()).find((f) => f.facet === 'themes');
    assert.ok(after.values.find((v) => v.id === zero[0].id).visible, 'a chosen value with no passage was hidden');
  });

  it('on a phone, KWIC lines wrap between words, never inside one', async () => {
    const page = await h.open(await h.newPage({ width: 390, height: 844 }), '#/explore?q=%22payment%20systems%22&mode=kwic');
    await page.waitForSelector('table.kwic tbody tr');
    const broken = await page.evaluate(() => {
      const out = [];
      let words = 0;
      for (const td of document.querySelectorAll('table.kwic td')) {
        const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of node.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            // A word broken across lines has a box on each line.
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            words++;
            if (lines.size > 1) out.push(m[0]);
          }
        }
      }
      return { words, out, scroll: document.documentElement.scrollWidth };
    });
    assert.ok(broken.words > 50, `only ${broken.words} words checked`);
    assert.deepEqual(broken.out, [], 'words broken across lines');
    assert.ok(broken.scroll <= 390, `the page scrolls sideways: ${broken.scroll}`);
  });

  it('no match gives a helpful empty state whose button clears everything', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=zzqxv&themes=military');
    await page.waitForSelector('.empty');
    assert.equal(await page.locator('.result-count').textContent(), '0 passages');
    await page.locator('.empty button').click();
    await page.waitForSelector('li.result');
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), '#/explore');
  });

  it('clearing the filters from the keyboard puts focus in the search box, not on the page', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=sanctions&themes=energy');
    const clear = page.locator('.facets button', { hasText: 'Clear search and filters' });
    await clear.focus();
    await page.keyboard.press('Enter');
    await eventually(page, 'focus did not go to the search box after clearing', () => document.activeElement?.id === 'q', null, () => ({ hash: location.hash, active: document.activeElement?.outerHTML.slice(0, 80) }));
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), '#/explore');
    assert.equal(await page.locator('.facets button', { hasText: 'Clear search and filters' }).count(), 0);
  });

  it('removing the reader\'s own themes from the keyboard keeps focus in their panel', async () => {
    const page = await h.open(await h.newPage(), '#/explore?custom=Corridors:transport%20corridor&custom=Grain:wheat|grain');
    const remove = (label) => page.getByRole('button', { name: `Remove the theme ${label}` });
    await remove('Corridors').focus();
    await page.keyboard.press('Enter');
    await eventually(page, 'focus did not go to the remaining theme\'s Remove', () => document.activeElement?.getAttribute('aria-label') === 'Remove the theme Grain', null, () => document.activeElement?.outerHTML.slice(0, 80));
    await page.keyboard.press('Enter');
    await eventually(page, 'focus did not go to the panel after the last theme', () => document.activeElement?.matches('details.custom-themes > summary'), null, () => document.activeElement?.outerHTML.slice(0, 80));
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), '#/explore');
  });

  it('renders a page of results; Show more adds the next from the keyboard, focuses it, and the announced count stays the full count', async () => {
    const page = await h.open(await h.newPage(), '#/explore');
    await page.waitForSelector('li.result');
    const status = page.locator('.result-count[role="status"][aria-live="polite"]');
    const full = (await status.textContent()).trim();
    const total = Number(full.split(' ')[0]);
    const rendered = () => page.locator('li.result').count();
    const pageSize = await rendered();
    assert.ok(pageSize > 0 && pageSize < total, `${pageSize} rendered of ${total}`);
    const more = page.locator('button.more');
    assert.match(await more.textContent(), new RegExp(`^Show ${pageSize} more \\(showing ${pageSize} of ${total}\\)$`));
    const ids = () => page.$$eval('li.result', (ls) => ls.map((l) => `${l.dataset.doc}/${l.dataset.passage}`));
    const firstPage = await ids();

    // Enter, then Space, on the focused button: each adds a page and moves focus to the first
    // result it added; the live region keeps announcing the whole count.
    for (const key of ['Enter', 'Space']) {
      const before = await rendered();
      if (before >= total) break;
      await more.focus();
      await page.keyboard.press(key);
      await eventually(page, `${key} on Show more added nothing`, (n) => document.querySelectorAll('li.result').length > n, before, snapshot);
      assert.equal(await rendered(), Math.min(total, before + pageSize));
      const focused = await page.evaluate(() => {
        const li = document.activeElement?.closest('li.result');
        return li && document.activeElement.matches('.result-source a') ? [...li.parentElement.children].indexOf(li) : -1;
      });
      assert.equal(focused, before, `focus is not on the first added result's link after ${key}`);
      assert.equal((await status.textContent()).trim(), full);
    }
    assert.deepEqual((await ids()).slice(0, pageSize), firstPage, 'Show more reordered the results already shown');

    // Until every result is there; then the button goes.
    while ((await rendered()) < total) {
      const before = await rendered();
      await more.click();
      await eventually(page, 'Show more added nothing', (n) => document.querySelectorAll('li.result').length > n, before, snapshot);
    }
    assert.equal(await rendered(), total);
    assert.equal(await more.count(), 0);
    assert.equal(new Set(await ids()).size, total, 'a result is shown twice');

    // A new query starts again at one page, and the page size is not in the link.
    await page.fill('#q', 'sanctions');
    await eventually(page, 'the query did not apply', () => location.hash.includes('q=sanctions'), null, snapshot);
    const sanctions = Number((await status.textContent()).trim().split(' ')[0]);
    await eventually(page, 'a new query did not start at one page', (n) => document.querySelectorAll('li.result').length === n, Math.min(sanctions, pageSize), snapshot);
    assert.equal(withoutVersion(await page.evaluate(() => location.hash)), '#/explore?q=sanctions');
  });

  it('exports the whole filtered view, not only the rendered page', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=sanctions');
    await page.waitForSelector('li.result');
    const shown = await page.$$eval('li.result', (ls) => ls.map((l) => `${l.dataset.doc}/${l.dataset.passage}`));
    const total = Number((await page.locator('.result-count').textContent()).split(' ')[0]);
    assert.ok(shown.length < total, `all ${total} results are rendered: the test needs a query with more than a page`);
    assert.equal((await page.locator('.export-label').textContent()).trim(), `Export these ${total} passages:`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.export button[data-format="json"]').click()]);
    const rows = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(rows.length, total);
    assert.deepEqual(rows.slice(0, shown.length).map((r) => `${r.source}/${r.passage}`), shown);
    assert.equal(new Set(rows.map((r) => `${r.source}/${r.passage}`)).size, total);
  });

  it('an exported link opens its passage in a fresh page and keeps the reader\'s own theme', async () => {
    const custom = 'custom=Corridors:transport%20corridor|trade%20route';
    const page = await h.open(await h.newPage(), `#/explore?themes=my1&${custom}`);
    await page.waitForSelector('li.result');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.export button[data-format="json"]').click()]);
    const rows = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.ok(rows.length > 0, 'nothing exported');
    assert.ok(rows.every((r) => r.themes.includes('my1')), 'a row lacks the reader\'s theme');
    const row = rows[rows.length - 1];
    assert.ok(row.link.startsWith(`${h.origin}/#/read/${row.source}/${row.passage}?${custom}&v=`), row.link);

    const fresh = await h.newPage({ width: 390, height: 844 });
    await fresh.goto(row.link);
    await fresh.waitForSelector(`article.reader[data-doc="${row.source}"] p.passage--target[data-passage="${row.passage}"]`);
    assert.equal(await fresh.locator('[data-testid="not-found"]').count(), 0);
    // The reader's theme came with the link: the explorer it leads to offers it as a facet.
    await fresh.locator('.site-nav a', { hasText: 'Explore' }).click();
    // At this phone size the filters start folded.
    await fresh.locator('details.filters:not([open]) > summary').click();
    await fresh.waitForSelector('label[for="facet-themes-my1"]');
    assert.match(await fresh.locator('label[for="facet-themes-my1"] .facet-label').textContent(), /Corridors/);
  });

  it('KWIC mode exports its lines, each with a link back that opens its passage', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=%22payment%20systems%22&mode=kwic');
    await page.waitForSelector('table.kwic tbody tr');
    const shown = await page.$$eval('table.kwic tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)));
    const count = Number((await page.locator('.result-count').textContent()).split(' ')[0]);
    assert.equal((await page.locator('.export-label').textContent()).trim(), `Export these ${count} lines:`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.export button[data-format="csv"]').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeff'), 'no byte-order mark');
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines[0], 'Source,Source id,Passage,Before,Match,After,Link');
    assert.equal(lines.length - 1, count);
    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('.export button[data-format="json"]').click()]);
    const rows = JSON.parse(await readFile(await json.path(), 'utf8'));
    assert.deepEqual(rows.slice(0, shown.length).map((r) => [r.left, r.match, r.right]), shown);
    const fresh = await h.newPage();
    await fresh.goto(rows[0].link);
    await fresh.waitForSelector(`article.reader[data-doc="${rows[0].source}"] p.passage--target[data-passage="${rows[0].passage}"]`);
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
