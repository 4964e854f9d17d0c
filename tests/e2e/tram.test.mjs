// The app built on another story: the tram one written for the tests
// (crates/core/tests/fixtures/tram: four local-news texts and a corpus.toml, no themes.toml,
// entities.toml or claims.toml), which `make test` builds into target/dist-tram
// (PARALLAX_E2E_TRAM_DIST overrides). What its corpus.toml says is true of it by construction is
// what the app must show: the overview finds b's copy of a's first paragraph and the four
// disagreements (the cost, the vote's tally, the day of the vote, the depot b says will be built
// and d says will not), each saying why its sentences
// were put together; the explorer's themes and names are those found in the texts; the compare view of the
// three news sources lists the same disagreements and matches their passages by what they say;
// a teacher's renamed, joined and hidden themes travel in her link to the explorer, map and
// compare a student opens.
// Every number is checked against the core on the same folder (`parallax overview`, `compare`
// and `themes`); axe in the overview and compare; a phone-width overview that fits its width.
// Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { Harness, eventually, norm, parallax, screenshot, withoutVersion } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TRAM = join(ROOT, 'crates/core/tests/fixtures/tram');
const DIST = resolve(process.env.PARALLAX_E2E_TRAM_DIST || join(ROOT, 'target/dist-tram'));
const h = new Harness({ root: DIST });

/** What the core computes on the tram folder: the overview, the compare of a, b and d, the themes. */
function coreViews() {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-tram-'));
  try {
    const bundle = join(dir, 'tram.plxb');
    parallax('build', TRAM, '--out', bundle);
    return {
      overview: JSON.parse(parallax('overview', bundle)),
      compare: JSON.parse(parallax('compare', bundle, 'a', 'b', 'd')),
      themes: JSON.parse(parallax('themes', bundle)).themes,
      entities: JSON.parse(parallax('inspect', bundle, '--json')).corpus.entities,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function axe(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  assert.deepEqual(problems, []);
  assert.ok(result.passes.length > 10, 'axe ran its checks');
}

/** The overview's table of facts stated by two or more sources, as the page shows it. */
function factRows() {
  return [...document.querySelectorAll('table.ov-facts tbody tr')].map((tr) => ({
    key: tr.dataset.key,
    agreement: tr.dataset.agreement,
    values: [...tr.querySelectorAll('td[data-doc]')].map((td) => [td.dataset.doc, [...td.querySelectorAll('details.ov-value')].map((d) => d.dataset.value)]),
    why: tr.querySelector('.ov-why')?.textContent ?? null,
  }));
}

describe('the app built on a story of texts alone (the tram story)', () => {
  h.install({ before, after, afterEach });
  let core;
  before(() => {
    core = coreViews();
  });

  it('the overview shows the copied paragraph and the four disagreements, each saying why', async () => {
    const page = await h.newPage();
    await h.open(page, '#/overview');
    await page.waitForSelector('.overview-view table.ov-facts');

    // b copies a's first paragraph: the pair that shares most (c echoes a's line on the
    // northern estates, a shorter stretch).
    const pairs = await page.$$eval('li.ov-pair', (els) => els.map((e) => [e.dataset.a, e.dataset.b]));
    assert.deepEqual(pairs, core.overview.copies.map((p) => [p.a, p.b]));
    assert.deepEqual(pairs[0], ['a', 'b']);

    const rows = await page.evaluate(factRows);
    assert.deepEqual(
      rows,
      core.overview.disputes.map((r) => ({
        key: r.group.key,
        agreement: r.group.agreement,
        values: r.cells.map((c) => [c.doc, c.values.map((v) => v.value)]),
        why: r.group.why,
      })),
    );
    // What corpus.toml says of the story, by construction.
    const differ = Object.fromEntries(rows.filter((r) => r.agreement === 'differ').map((r) => [r.key, Object.fromEntries(r.values)]));
    assert.deepEqual(differ, {
      'figure:euro': { a: ['12000000'], b: ['15000000'], c: ['12000000'], d: ['12000000'] },
      'figure:tally': { a: ['9 to 4'], b: ['8 to 5'], c: [], d: ['9 to 4'] },
      'date:weekday': { a: ['Monday'], b: ['Monday'], c: [], d: ['Tuesday'] },
      // b: the depot "will be built"; d: it "will not be built".
      'statement:depot-plan-hafen-district-built': { a: [], b: ['says so'], c: [], d: ['says not'] },
    });
    // Every row was found automatically (the story has no list of claims), and says so.
    assert.equal(
      norm(await page.locator('[data-testid="disagreements-answer"]').textContent()),
      `${rows.length} facts are stated by two or more sources: they disagree on 4 and agree on ${rows.length - 4}. Open a cell to read the sentences behind it. ${rows.length} rows were found automatically, by reading the words around figures, dates and votes and by finding what one source says and another denies: read the sentences before you trust a difference.`,
    );
    for (const r of rows) assert.match(r.why, /^Found automatically: /, r.key);
    for (const r of rows.filter((r) => r.agreement === 'differ')) assert.match(r.why, /share the words “/, r.key);

    // A value opens the sentence that states it.
    const tally = page.locator('tr[data-key="figure:tally"] td[data-doc="b"] details.ov-value').first();
    await tally.locator('summary').click();
    assert.equal(norm(await tally.locator('q').first().textContent()), 'The vote was closer than expected: 8 councillors were in favour and 5 against.');
    await axe(page);
  });

  it('the explorer offers the themes and the names found in the texts', async () => {
    const page = await h.newPage();
    await h.open(page, '#/explore');
    await page.waitForSelector('.facet input[data-facet="themes"]', { state: 'attached' });
    const facets = await page.$$eval('.facet input[data-facet="themes"]', (inputs) =>
      inputs.map((i) => [i.dataset.value, document.querySelector(`label[for="${i.id}"]`)?.textContent ?? '']),
    );
    assert.deepEqual(facets.map(([id]) => id).sort(), core.themes.map((t) => t.id).sort());
    assert.ok(core.themes.length >= 3 && core.themes.every((t) => t.from === 'found in the texts'));
    for (const [id, label] of facets) {
      const theme = core.themes.find((t) => t.id === id);
      assert.ok(norm(label).startsWith(theme.label), `${id}: ${label}`);
    }
    // The people and places the story names, as its corpus.toml says.
    const names = await page.$$eval('.facet input[data-facet="entities"]', (inputs) => inputs.map((i) => i.dataset.value));
    assert.deepEqual(names.sort(), core.entities.map((e) => e.id).sort());
    assert.deepEqual(core.entities.map((e) => [e.name, e.kind]), [['Lindau', 'place'], ['Hafen', 'place'], ['Petra Olsen', 'person'], ['Jonas Berg', 'person']]);
    // A name narrows the passages to those that name it.
    await page.locator('.facet input[data-facet="entities"][data-value="petra-olsen"]').check();
    await eventually(
      page,
      'the three passages that name Petra Olsen (a, b and d), and only those',
      () => {
        const r = [...document.querySelectorAll('.result')];
        return decodeURIComponent(location.hash).includes('petra-olsen') && r.length === 3 && r.every((x) => /Petra Olsen/.test(x.textContent));
      },
      undefined,
      () => [...document.querySelectorAll('.result')].map((r) => r.textContent.slice(0, 80)),
    );
  });

  it('compare lists the same disagreements and matches passages by what they say', async () => {
    const page = await h.newPage();
    await h.open(page, '#/compare/a/b/d');
    await page.waitForSelector('table.cmp-facts');
    const rows = await page.$$eval('table.cmp-facts tbody tr', (trs) =>
      trs.map((tr) => ({ key: tr.dataset.key, agreement: tr.dataset.agreement, why: tr.querySelector('.cmp-why')?.textContent ?? null })),
    );
    assert.deepEqual(
      rows,
      core.compare.facts.map((g) => ({ key: g.key, agreement: g.agreement, why: g.mentions.length > 1 ? g.why : null })),
    );
    assert.deepEqual(rows.filter((r) => r.agreement === 'differ').map((r) => r.key), ['figure:euro', 'figure:tally', 'date:weekday', 'statement:depot-plan-hafen-district-built']);

    // Passage by passage: a's first paragraph beside b's copy of it.
    const first = core.compare.aligned.passages.find((p) => p.doc === 'a' && p.passage === 'p1');
    assert.equal(first.matches[0].doc, 'b');
    await page.locator('.cmp-matched-all > summary').click();
    const row = page.locator('.cmp-matched-row[data-passage="p1"]').first();
    await row.waitFor();
    const cells = await row.locator('.cmp-matched-cell').evaluateAll((els) => els.map((e) => e.dataset.doc));
    assert.deepEqual(cells, ['a', 'b', 'd']);
    assert.equal(await row.locator('.cmp-matched-cell[data-doc="b"] .cmp-quote[data-passage="p1"]').count(), 1);
    await axe(page);
  });

  it('a teacher renames, joins and hides the found themes, and her link shows a student the same themes', async () => {
    const page = await h.newPage();
    /** The passages (doc/passage) the explorer lists for one theme, under a link's changes. */
    const tagged = async (p, theme, changes = '') => {
      await h.open(p, `#/explore?themes=${theme}${changes}`);
      // Its filter on, every result shown ("Show more" adds ten at a time).
      await eventually(p, `the filter on ${theme}`, (theme) => document.querySelector(`.facet input[data-value="${theme}"]`)?.checked, theme);
      const count = Number((await p.locator('.result-count').textContent()).match(/\d+/)[0]);
      while ((await p.locator('.result').count()) < count) await p.locator('.results-pane button', { hasText: /^Show \d+ more/ }).click();
      return p.$$eval('.result', (els) => els.map((e) => `${e.dataset.doc}/${e.dataset.passage}`).sort());
    };
    const label = (id) => core.themes.find((t) => t.id === id).label;
    const [four, five] = [await tagged(page, 'found-4'), await tagged(page, 'found-5')];
    assert.ok(five.some((p) => !four.includes(p)), 'found-5 tags a passage found-4 does not');
    const facetLabels = () =>
      page.$$eval('.facet input[data-facet="themes"]', (inputs) =>
        Object.fromEntries(inputs.map((i) => [i.dataset.value, document.querySelector(`label[for="${i.id}"]`).firstChild.textContent.trim()])),
      );

    await h.open(page, '#/explore');
    await page.locator('details.theme-changes > summary').click();
    // Rename: the second theme, by its box (focus stays in its row for the next change).
    await page.locator('#theme-name-1').fill('Depot in Hafen');
    await page.locator('.theme-change-list > li:nth-child(2) .theme-rename button').click();
    await eventually(page, 'the link carries the new name', () => location.hash.includes('rename=found-2:Depot%20in%20Hafen'));
    assert.equal((await facetLabels())['found-2'], 'Depot in Hafen');
    await eventually(page, 'focus stays in the renamed theme’s row', () => document.activeElement?.closest('.theme-change-list > li:nth-child(2)') != null);
    // Join the fifth into the fourth; hide the third.
    await page.locator('#theme-join-4').selectOption('found-4');
    await page.locator('.theme-change-list > li:nth-child(5) .theme-join button').click();
    await eventually(page, 'the link carries the join', () => location.hash.includes('merge=found-5:found-4'));
    assert.equal(norm(await page.locator('.theme-change-list > li:nth-child(5) .theme-change-state').textContent()), `Joined with “${label('found-4')}”: its words now mark that theme.`);
    await page.getByRole('button', { name: `Hide “${label('found-3')}”` }).click();
    await eventually(page, 'the link carries the hidden theme', () => location.hash.includes('hide=found-3'));
    const facets = await facetLabels();
    assert.deepEqual(Object.keys(facets).sort(), core.themes.map((t) => t.id).filter((id) => id !== 'found-3' && id !== 'found-5').sort());
    await axe(page);
    const link = new URL(page.url()).hash;
    const changes = link.slice(link.indexOf('?') + 1).replace(/&v=[^&]*$/, '');
    assert.equal(changes, 'rename=found-2:Depot%20in%20Hafen&merge=found-5:found-4&hide=found-3');
    // Back undoes the last change.
    await page.goBack();
    await eventually(page, 'Back shows the third theme again', () => !location.hash.includes('hide=') && document.querySelector('.facet input[data-value="found-3"]') != null);

    // A student opens the link: the joined theme lists every passage either theme marked,
    // and the map and compare show the same themes under the same names.
    const student = await h.newPage();
    const union = [...new Set([...four, ...five])].sort();
    assert.deepEqual(await tagged(student, 'found-4', `&${changes}`), union);
    await h.open(student, `#/map?${changes}`);
    await student.waitForSelector('table tr[data-theme]', { state: 'attached' });
    const mapRows = await student.$$eval('table tr[data-theme]', (trs) => trs.map((tr) => [tr.dataset.theme, tr.querySelector('th').textContent]));
    assert.deepEqual(mapRows.map(([id]) => id), core.themes.map((t) => t.id).filter((id) => id !== 'found-3' && id !== 'found-5'));
    assert.match(mapRows.find(([id]) => id === 'found-2')[1], /^Depot in Hafen/);
    // The map says where the found themes are changed, by a link that keeps the changes.
    const editor = await student.locator('[data-testid="found-themes"] a').getAttribute('href');
    assert.equal(withoutVersion(editor), `#/explore?${changes}`);
    await h.open(student, `#/compare/a/b/d?${changes}`);
    const options = await student.$$eval('#cmp-theme option', (os) => os.map((o) => [o.value, o.textContent]));
    assert.ok(options.some(([v, t]) => v === 'found-2' && t.startsWith('Depot in Hafen')), JSON.stringify(options));
    assert.ok(!options.some(([v]) => v === 'found-3' || v === 'found-5'), JSON.stringify(options));
  });

  it('at phone width the overview fits the screen and leads with its answers', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await h.open(page, '#/overview');
    await page.waitForSelector('.overview-view table.ov-facts');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    assert.ok(await page.locator('[data-testid="copies-answer"]').isVisible());
    assert.ok(await page.locator('[data-testid="disagreements-answer"]').isVisible());
    await page.locator('table.ov-facts').scrollIntoViewIfNeeded();
    await screenshot(page, 'tram-overview-phone');
  });
});
