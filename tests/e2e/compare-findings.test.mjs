// The compare view leads with its findings: the summary and the claims table come first (within
// two screens at 1280×800 for three sources and every theme), the passages after them, folded;
// the summary's numbers, the "only where they differ" switch and the count of shared wording are
// checked against the core's own numbers (the `parallax compare` command on the same corpus);
// axe finds no violation; screenshots at a desktop and a phone size, each checked for what it
// must show. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { Harness, eventually, norm, parallax, screenshot } from './harness.mjs';

const h = new Harness();
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = ['002', '004', '003'];
const LINK = `#/compare/${DOCS.join('/')}`;

/** The core's comparison of DOCS: built from the corpus folder the app's bundle is built from. */
let core;
before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'parallax-compare-'));
  try {
    parallax('build', join(ROOT, 'corpus/iran-russia'), '--out', join(dir, 'c.plxb'));
    core = JSON.parse(parallax('compare', join(dir, 'c.plxb'), ...DOCS));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** The rows the app shows with every theme: those a compared source has a passage on. */
const spoken = () => core.rows.filter((r) => r.columns.some((c) => c.passages.length > 0));

/** The summary as the page shows it. */
function summary() {
  return {
    status: document.querySelector('.compare-view .result-count')?.textContent ?? '',
    rows: [...document.querySelectorAll('table.cmp-summary tbody tr')].map((tr) => ({
      theme: tr.dataset.theme,
      differs: tr.dataset.differs === 'true',
      counts: [...tr.querySelectorAll('td.cmp-num')].map((td) => `${td.dataset.doc}:${td.textContent.trim()}`),
      shared: [...tr.querySelectorAll('.cmp-shared-with')].map((li) => `${li.dataset.docs}:${li.dataset.places}`),
      disputes: [...tr.querySelectorAll('.cmp-dispute')].map((li) => li.textContent.replace(/^≠\s*/, '').trim()),
    })),
    total: [...document.querySelectorAll('table.cmp-summary tfoot .cmp-shared-with')].map((li) => `${li.dataset.docs}:${li.dataset.places}`),
    sections: [...document.querySelectorAll('.cmp-row')].map((d) => d.dataset.theme),
  };
}

async function openCompare(page, hash) {
  await h.open(page, hash);
  await page.locator('table.cmp-summary').waitFor();
  return page;
}

/** Page-top offsets (px) of what the order test checks. */
function offsets() {
  const top = (sel) => {
    const el = document.querySelector(sel);
    return el ? el.getBoundingClientRect().top + window.scrollY : null;
  };
  const s = document.querySelector('.cmp-summary-section').getBoundingClientRect();
  return {
    summaryTop: s.top + window.scrollY,
    summaryHeight: s.height,
    claims: top('table.cmp-facts'),
    facts: top('.cmp-facts-section'),
    themes: top('.cmp-themes'),
    open: document.querySelectorAll('.cmp-row[open]').length,
    rows: document.querySelectorAll('.cmp-row').length,
  };
}

describe('compare leads with its findings', () => {
  h.install({ before, after, afterEach });

  it('three sources, every theme, 1280×800: the summary fits one screen and the claims table starts within two', async () => {
    const page = await openCompare(await h.newPage(), LINK);
    const o = await page.evaluate(offsets);
    assert.ok(o.summaryTop < 800, `the summary starts on the first screen: ${JSON.stringify(o)}`);
    assert.ok(o.summaryHeight <= 800, `the summary is at most one screen: ${JSON.stringify(o)}`);
    assert.ok(o.claims !== null && o.claims < 1600, `the claims table's top is within two screens: ${JSON.stringify(o)}`);
    assert.ok(o.summaryTop < o.facts && o.facts < o.themes, `summary, then facts, then passages: ${JSON.stringify(o)}`);
    assert.equal(o.rows, spoken().length, 'a section per theme');
    assert.equal(o.open, 0, 'the passages are folded');
    const claimsCaption = norm(await page.locator('table.cmp-facts caption').first().textContent());
    assert.match(claimsCaption, /^Claims/);
  });

  it('the summary gives the core\'s passages per source, shared wording and on-theme disputes', async () => {
    const page = await openCompare(await h.newPage(), LINK);
    const s = await page.evaluate(summary);
    const expected = spoken().map((r) => ({
      theme: r.theme,
      differs: r.differs,
      counts: r.columns.map((c) => `${c.doc}:${c.passages.length}`),
      shared: r.shared.map((x) => `${x.docs.join(' ')}:${x.places}`),
      disputes: r.disputes.map((d) => d.label),
    }));
    assert.deepEqual(s.rows, expected);
    assert.deepEqual(s.sections, expected.map((r) => r.theme));
    // Shared wording counts each place once across themes, as the core does: fewer than the
    // per-theme sum whenever a place is on several themes.
    const perTheme = spoken().reduce((n, r) => n + r.reuse.length, 0);
    const total = s.total.reduce((n, x) => n + Number(x.split(':')[1]), 0);
    assert.equal(total, core.shared_places);
    assert.ok(core.shared_places > 0 && core.shared_places < perTheme, `${core.shared_places} places, ${perTheme} per theme`);
    const places = core.shared_places === 1 ? 'place' : 'places';
    assert.match(norm(s.status), new RegExp(`wording shared in ${core.shared_places} ${places}`));
    assert.doesNotMatch(norm(s.status), new RegExp(`\\b${perTheme} (places|spans)`));
  });

  it('"only where they differ" hides every theme without an on-theme difference, and says what counts', async () => {
    const page = await openCompare(await h.newPage(), LINK);
    const differ = spoken().filter((r) => r.differs).map((r) => r.theme);
    assert.ok(differ.length > 0 && differ.length < spoken().length, `the switch must both keep and hide: ${differ}`);
    await page.locator('#only-differ').check();
    await eventually(
      page,
      'the switch did not leave only the differing themes',
      (differ) => {
        const shown = [...document.querySelectorAll('table.cmp-summary tbody tr')].map((tr) => tr.dataset.theme);
        return location.hash.includes('differ=1') && shown.join() === differ.join();
      },
      differ,
      summary,
    );
    const s = await page.evaluate(summary);
    assert.deepEqual(s.sections, differ, 'the passages follow the summary');
    assert.ok(s.rows.every((r) => r.differs && r.disputes.length > 0), JSON.stringify(s.rows));
    assert.match(norm(s.status), new RegExp(`^${differ.length} of ${spoken().length} themes differ`));
    // What counts as a difference is said on screen: silence is not one.
    assert.match(norm(await page.locator('.cmp-differ-means').textContent()), /a source saying nothing on it is not counted as a difference/);
    const silent = spoken().filter((r) => !r.differs && r.columns.some((c) => c.passages.length === 0));
    for (const r of silent) assert.ok(!s.sections.includes(r.theme), `${r.theme} is shown only for a silent source`);
  });

  it('a theme in the summary links to that theme, its passages open, and the link restores it', async () => {
    const page = await openCompare(await h.newPage(), LINK);
    const theme = spoken().find((r) => r.reuse.length > 0);
    await page.locator(`table.cmp-summary tbody tr[data-theme="${theme.theme}"] th a`).click();
    await eventually(page, 'the summary link did not open its theme', (t) => location.hash.includes(`theme=${t}`) && document.querySelector(`.cmp-row[data-theme="${t}"]`)?.open === true, theme.theme, summary);
    const section = page.locator(`.cmp-row[data-theme="${theme.theme}"]`);
    const count = await section.locator('.cmp-passage').count();
    assert.equal(count, theme.columns.reduce((n, c) => n + c.passages.length, 0));
    assert.ok(await section.locator('.cmp-passage').first().isVisible());
    // Shared wording is seen at a glance: a tinted background and a solid rule, not a dotted line.
    const look = await section.locator('mark.cmp-shared-span').first().evaluate((m) => {
      const s = getComputedStyle(m);
      return { bg: s.backgroundColor, line: s.textDecorationLine, style: s.textDecorationStyle };
    });
    assert.ok(!/rgba\(0, 0, 0, 0\)|transparent/.test(look.bg), JSON.stringify(look));
    assert.deepEqual([look.line, look.style], ['underline', 'solid']);
    // Reloaded at that link, the same theme is open.
    const url = page.url();
    const fresh = await h.newPage();
    await fresh.goto(url);
    await fresh.locator(`.cmp-row[data-theme="${theme.theme}"][open] .cmp-passage`).first().waitFor();
  });

  it('passage by passage gives the core\'s matches: a count per source, each passage beside its best match or “Nothing like this”, and what only one source says', async () => {
    const page = await openCompare(await h.newPage(), LINK);
    const a = core.aligned;
    assert.deepEqual(a.docs, DOCS);
    const of = (doc) => a.passages.filter((p) => p.doc === doc);
    const only = (doc) => of(doc).filter((p) => p.matches.length === 0 && !p.crowded);
    const crowded = (doc) => of(doc).filter((p) => p.matches.length === 0 && p.crowded);
    // The counts, in words.
    const counts = await page.locator('.cmp-matched-counts li').evaluateAll((lis) => lis.map((li) => ({ doc: li.dataset.doc, text: li.textContent })));
    assert.deepEqual(counts.map((c) => c.doc), DOCS);
    for (const { doc, text } of counts) {
      const [n, c, total] = [only(doc).length, crowded(doc).length, of(doc).length];
      const matched = total - n - c;
      const want = `${matched} of ${total} ${total === 1 ? 'passage' : 'passages'} ${matched === 1 ? 'says' : 'say'} something another source also says`
        + (n > 0 ? `; ${n} ${n === 1 ? 'is' : 'are'} only in ${doc}` : '')
        + (c > 0 ? `; ${c} ${c === 1 ? 'has' : 'have'} only words that too many passages use to be compared` : '')
        + '.';
      assert.ok(norm(text).includes(want), `${doc}: “${norm(text)}” should say “${want}”`);
    }
    // The rows, made when opened: the first source's passages in reading order, each with the
    // core's best match in every other source, or the line that says there is none.
    assert.equal(await page.locator('.cmp-matched-row').count(), 0, 'folded until opened');
    await page.locator('.cmp-matched-all > summary').click();
    await page.locator('.cmp-matched-row').first().waitFor();
    const rows = await page.locator('.cmp-matched-row').evaluateAll((rs) => rs.map((r) => ({
      passage: r.dataset.passage,
      cells: [...r.querySelectorAll('.cmp-matched-cell')].slice(1).map((c) => {
        const q = c.querySelector('.cmp-quote');
        return q ? `${q.dataset.doc}/${q.dataset.passage} ${c.querySelector('.cmp-quote-why')?.textContent.trim() ?? ''}` : `${c.dataset.doc}: ${c.textContent.trim()}`;
      }),
    })));
    const expected = of(DOCS[0]).slice(0, 50).map((p) => ({
      passage: p.passage,
      cells: DOCS.slice(1).map((d) => {
        const m = p.matches.find((m) => m.doc === d);
        return m ? `${d}/${m.passage} · both speak of: ${m.words.join(', ')}` : `${d}: Nothing like this in ${d}.`;
      }),
    }));
    assert.deepEqual(rows, expected);
    const cells = expected.flatMap((r) => r.cells);
    assert.ok(cells.some((c) => c.includes('both speak of')) && cells.some((c) => c.includes('Nothing like')), `both kinds of cell: ${cells}`);
    // A source's own passages.
    const doc = DOCS.find((d) => only(d).length > 0);
    await page.locator(`.cmp-only[data-doc="${doc}"] > summary`).click();
    await page.locator(`.cmp-only[data-doc="${doc}"] .cmp-only-list li`).first().waitFor();
    const listed = await page.locator(`.cmp-only[data-doc="${doc}"] .cmp-quote`).evaluateAll((qs) => qs.map((q) => `${q.dataset.doc}/${q.dataset.passage}`));
    assert.deepEqual(listed, only(doc).slice(0, 50).map((p) => `${p.doc}/${p.passage}`));
    // A quote's link opens the reader at its passage.
    const first = rows.find((r) => r.cells.some((c) => c.includes('both speak of')));
    const [target] = first.cells.find((c) => c.includes('both speak of')).split(' ');
    const [tdoc, tpid] = target.split('/');
    await page.locator(`.cmp-matched-row[data-passage="${first.passage}"] .cmp-quote[data-doc="${tdoc}"] a`).click();
    await eventually(page, `the reader did not open at ${target}`, ([d, p]) => location.hash.startsWith(`#/read/${d}/${p}?`) || location.hash === `#/read/${d}/${p}`, [tdoc, tpid]);
    await page.locator(`#passage-${tpid}`).waitFor();
  });

  for (const scheme of ['light', 'dark']) {
    for (const [name, hash, act] of [
      ['every theme', LINK, null],
      ['a theme open, what changed shown', `${LINK}?theme=trade`, async (p) => {
        await p.getByRole('button', { name: /what changed/i }).first().click();
        await p.locator('.cmp-diff-body:not([hidden]) .diff-text').first().waitFor();
      }],
      ['only where they differ', `${LINK}?differ=1`, null],
      ['passage by passage open, and what only one source says', LINK, async (p) => {
        await p.locator('.cmp-matched-all > summary').click();
        await p.locator('.cmp-only > summary').first().click();
        await p.locator('.cmp-matched-row').first().waitFor();
        await p.locator('.cmp-only-list li').first().waitFor();
      }],
    ]) {
      it(`axe finds no violation: ${name} (${scheme})`, async () => {
        const page = await h.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await openCompare(page, hash);
        if (act) {
          await act(page);
        }
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
        assert.deepEqual(problems, []);
        assert.ok(result.passes.length > 10, 'axe ran its checks');
      });
    }
  }

  it('screenshot at 1280×800: the summary whole on the first screen', async () => {
    const page = await openCompare(await h.newPage({ width: 1280, height: 800 }), LINK);
    const box = await page.locator('.cmp-summary-section').boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 800, `the summary is whole on screen: ${JSON.stringify(box)}`);
    await screenshot(page, 'compare-findings');
    // Scrolled to the facts: the claims table is there.
    await page.locator('.cmp-facts-section').evaluate((s) => s.scrollIntoView({ block: 'start' }));
    await eventually(page, 'the claims table did not come into view', () => {
      const t = document.querySelector('table.cmp-facts').getBoundingClientRect();
      return t.top >= 0 && t.top < window.innerHeight;
    });
    await screenshot(page, 'compare-findings-facts');
  });

  it('screenshot at 390×844: the summary first, then a theme with its sources side by side', async () => {
    const page = await openCompare(await h.newPage({ width: 390, height: 844 }), LINK);
    const seen = await page.evaluate(() => {
      const s = document.querySelector('#cmp-summary-h').getBoundingClientRect();
      const first = document.querySelector('table.cmp-summary tbody tr').getBoundingClientRect();
      return { heading: s.top, firstRow: first.bottom, overflow: document.documentElement.scrollWidth - window.innerWidth };
    });
    assert.ok(seen.firstRow <= 844 && seen.heading >= 0, `the summary begins on the first screen: ${JSON.stringify(seen)}`);
    assert.ok(seen.overflow <= 0, `no sideways scroll: ${JSON.stringify(seen)}`);
    await page.locator('#cmp-summary-h').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await eventually(page, 'the summary did not scroll to the top', () => Math.abs(document.querySelector('#cmp-summary-h').getBoundingClientRect().top) < 2);
    await screenshot(page, 'compare-findings');

    const phone = await openCompare(await h.newPage({ width: 390, height: 844 }), `${LINK}?theme=trade`);
    const grid = phone.locator('.cmp-row[data-theme="trade"] .cmp-grid');
    await grid.evaluate((g) => g.scrollIntoView({ block: 'start' }));
    const cols = await grid.evaluate((g) => [...g.children].map((c) => {
      const r = c.getBoundingClientRect();
      return { left: Math.round(r.left), top: Math.round(r.top) };
    }));
    assert.equal(new Set(cols.map((c) => c.top)).size, 1, `columns level: ${JSON.stringify(cols)}`);
    assert.ok(cols[0].left >= 0 && cols[1].left < 390, `the next source peeks in: ${JSON.stringify(cols)}`);
    await screenshot(phone, 'compare-findings-theme');

    // Passage by passage on a phone: a row's cells stack, each under its source's id, and
    // nothing scrolls sideways.
    const rowsPage = await openCompare(await h.newPage({ width: 390, height: 844 }), LINK);
    await rowsPage.locator('.cmp-matched-all > summary').click();
    const row = rowsPage.locator('.cmp-matched-row').first();
    await row.evaluate((r) => r.scrollIntoView({ block: 'start' }));
    const stacked = await row.evaluate((r) => ({
      lefts: [...r.children].map((c) => Math.round(c.getBoundingClientRect().left)),
      tops: [...r.children].map((c) => Math.round(c.getBoundingClientRect().top)),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }));
    assert.equal(new Set(stacked.lefts).size, 1, `cells stacked: ${JSON.stringify(stacked)}`);
    assert.ok(stacked.tops.every((t, i) => i === 0 || t > stacked.tops[i - 1]), `one under another: ${JSON.stringify(stacked)}`);
    assert.ok(stacked.overflow <= 0, `no sideways scroll: ${JSON.stringify(stacked)}`);
    await screenshot(rowsPage, 'compare-matched');
  });
});
