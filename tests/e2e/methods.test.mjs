// The methods panel (served as a web build: no single-file checksum), reader-defined themes carried
// in the link, and export of the filtered view. Every test also fails if the page logs anything or
// asks another origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, withoutVersion } from './harness.mjs';

const h = new Harness();

describe('methods, own themes and export', () => {
  h.install({ before, after, afterEach });

  it('the methods panel shows the checksum that links carry, the rules, and the lexicons', async () => {
    const page = await h.open(await h.newPage(), '#/methods');
    const checksum = (await page.locator('code.checksum').textContent()).trim();
    assert.match(checksum, /^[0-9a-f]{64}$/);
    const version = (await page.locator('code.link-version').textContent()).trim();
    assert.equal(version, checksum.slice(0, 12));
    // Served as a web build: no single-file checksum, and a line that says so.
    assert.match(await page.locator('.bundle-checksum').textContent(), /^None: this copy is served as a web build/);
    const hrefs = await page.$$eval('header a[href^="#/"]', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.some((href) => href.endsWith(`v=${version}`)), `${hrefs}`);
    assert.equal(await page.locator('.theme-list > li').count(), 11);
    const profileRow = await page.$$eval('.removed-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())).find((r) => r[0] === 'author-profile'));
    assert.deepEqual(profileRow.slice(2), ['0', '1', '1', '0', '1']);
  });

  it('a reader-defined theme is tagged like the built-in ones, filters, and travels in the link', async () => {
    const page = await h.open(await h.newPage(), '#/explore');
    await page.locator('.custom-themes summary').click();
    await page.fill('#custom-label', 'Corridors');
    await page.fill('#custom-terms', 'transport corridor, trade route');
    await page.locator('.custom-themes button[type="submit"]').click();
    await eventually(page, 'the theme did not reach the link', () => location.hash.includes('custom=Corridors:'), null, () => location.hash);
    const box = page.locator('.facet input[data-facet="themes"][data-value="my1"]');
    const count = Number(await page.locator('label[for="facet-themes-my1"] .facet-count').textContent());
    assert.ok(count >= 1, `my1 count ${count}`);
    await box.check();
    await eventually(page, 'the filter did not apply', (c) => document.querySelectorAll('li.result').length === c, count, () => document.querySelector('.result-count')?.textContent);
    await page.locator('li.result details.chip[data-theme="my1"] summary').first().click();
    assert.match(await page.locator('li.result details.chip[data-theme="my1"] .evidence').first().textContent(), /corridor|trade route/i);
    const url = page.url();
    const fresh = await h.newPage();
    await fresh.goto(url);
    await fresh.waitForSelector('li.result');
    assert.equal(await fresh.locator('li.result').count(), count);
    assert.equal(await fresh.locator('.facet input[data-value="my1"]').isChecked(), true);
    // The methods panel lists it too.
    const methods = withoutVersion(new URL(url).hash).replace(/^#\/explore\?.*$/, '#/methods');
    await fresh.evaluate((m) => { location.hash = m; }, `${methods}?${new URL(url).hash.split('?')[1].split('&').filter((p) => p.startsWith('custom=')).join('&')}`);
    await fresh.waitForSelector('.theme-list li[data-theme="my1"]');
  });

  it('a theme without a label is refused with a message, keeping what was typed', async () => {
    const page = await h.open(await h.newPage(), '#/explore');
    await page.locator('.custom-themes summary').click();
    await page.fill('#custom-terms', 'wheat, grain');
    await page.locator('.custom-themes button[type="submit"]').click();
    await page.waitForSelector('.custom-themes .error[role="alert"]');
    assert.equal(await page.inputValue('#custom-terms'), 'wheat, grain');
    assert.ok(!page.url().includes('custom='));
  });

  it('exports exactly the filtered view as CSV, JSON and Markdown, with links back', async () => {
    const page = await h.open(await h.newPage(), '#/explore?q=sanctions&sources=002');
    await page.waitForSelector('li.result');
    const shown = await page.$$eval('li.result', (ls) => ls.map((l) => `${l.dataset.doc}/${l.dataset.passage}`));
    const total = Number((await page.locator('.result-count').textContent()).split(' ')[0]);
    const grab = async (format) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`.export button[data-format="${format}"]`).click()]);
      return readFile(await download.path(), 'utf8');
    };
    const json = JSON.parse(await grab('json'));
    assert.equal(json.length, total);
    assert.deepEqual(json.slice(0, shown.length).map((r) => `${r.source}/${r.passage}`), shown);
    for (const r of json) {
      assert.equal(r.source, '002');
      assert.match(r.link, /#\/read\/002\/p\d+\?v=[0-9a-f]{12}$/);
      assert.ok(Array.isArray(r.themes) && r.title.length > 0);
    }
    const csv = await grab('csv');
    assert.ok(csv.startsWith('\ufeff'), 'no byte-order mark');
    const lines = csv.slice(1).trim().split('\r\n');
    assert.equal(lines[0], 'Source,Source id,Passage,Themes,Theme ids,Text,Link');
    assert.equal(lines.length, total + 1);
    const md = await grab('md');
    assert.ok(md.startsWith('# Passages for “sanctions”\n'), md.slice(0, 80));
    assert.equal((md.match(/^> /gm) || []).length, total);
  });
});
