// The reader view (`#/read/<id>`) of each source: its structure, the show-removed switch, and its
// layout on a narrow phone. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, hasVersion, manifestIds, norm, withoutVersion } from './harness.mjs';

const h = new Harness();
const ids = await manifestIds();
/** Source 000 has no headings of its own, so only its reader may lack `section h2`. */
const WITHOUT_HEADINGS = '000';

/** What the reader of `doc` shows, read in one go so a failure can print it. */
function readReader(page, doc) {
  return page.evaluate((doc) => {
    const article = document.querySelector(`article.reader[data-doc="${doc}"]`);
    if (!article) return null;
    const passages = [...article.querySelectorAll('p.passage')];
    return {
      h1: article.querySelector('h1')?.textContent ?? null,
      passages: passages.length,
      badIds: passages
        .filter((p) => !p.dataset.passage || p.id !== `passage-${p.dataset.passage}`)
        .map((p) => `${p.dataset.passage ?? '(no data-passage)'}#${p.id}`),
      sectionHeadings: article.querySelectorAll('section h2').length,
    };
  }, doc);
}

/** The removed blocks on the page: their kind and reason text. */
function readRemoved(page) {
  return page.$$eval('aside.removed', (asides) =>
    asides.map((a) => ({
      kind: a.getAttribute('data-kind'),
      reason: a.querySelector('.removed-reason')?.textContent ?? null,
      text: a.textContent,
    })),
  );
}

async function openReader(page, doc) {
  await h.open(page, `#/read/${doc}`);
  await page.waitForSelector(`article.reader[data-doc="${doc}"]`);
}

describe('reader', () => {
  h.install({ before, after, afterEach });

  for (const doc of ids) {
    it(`reader ${doc} opens from its library card: the same title in an h1, passages${doc === WITHOUT_HEADINGS ? '' : ' and section headings'}`, async () => {
      const page = await h.open(await h.newPage());
      const card = page.locator(`ul.library > li.source-card[data-doc="${doc}"] h2 a`);
      await card.waitFor();
      const title = await card.textContent();
      await card.click();
      await page.waitForSelector(`article.reader[data-doc="${doc}"]`);
      assert.equal(withoutVersion(new URL(page.url()).hash), `#/read/${doc}`);
      const r = await readReader(page, doc);
      const problems = [];
      if (norm(r.h1) !== norm(title)) problems.push(`h1 "${norm(r.h1)}" differs from the card title "${norm(title)}"`);
      if (r.passages < 3) problems.push(`${r.passages} p.passage (want ≥ 3)`);
      if (r.badIds.length) problems.push(`p.passage without id="passage-<data-passage>": ${r.badIds.slice(0, 5).join(', ')}`);
      if (doc !== WITHOUT_HEADINGS && r.sectionHeadings < 1) problems.push(`${r.sectionHeadings} "section h2" headings (want ≥ 1)`);
      assert.deepEqual(problems, [], `reader ${doc}`);
    });
  }

  for (const doc of ids) {
    it(`reader ${doc}: the show-removed switch shows removed blocks with reasons and hides them again`, async () => {
      const page = await h.newPage();
      await openReader(page, doc);
      const sw = page.locator('input#show-removed');
      assert.equal(await sw.count(), 1, 'no input#show-removed');
      assert.equal(await sw.getAttribute('role'), 'switch', '#show-removed must have role="switch"');
      const label = await sw.evaluate((el) =>
        [...(el.labels ?? [])].map((l) => l.textContent).join(' ') || el.getAttribute('aria-label') || '',
      );
      assert.ok(norm(label).length > 0, '#show-removed has no label');

      assert.equal(await sw.isChecked(), false, 'the switch starts off');
      assert.equal(await page.locator('aside.removed').count(), 0, 'removed blocks shown while the switch is off');

      await sw.click();
      assert.equal(await sw.isChecked(), true, 'the switch did not turn on');
      await page.waitForSelector('aside.removed', { state: 'attached' });
      const removed = await readRemoved(page);
      assert.ok(removed.length >= 1);
      for (const r of removed) {
        assert.ok(r.kind, `an aside.removed has no data-kind: ${JSON.stringify(r)}`);
        assert.ok(norm(r.reason).length > 0, `aside.removed[data-kind="${r.kind}"] has an empty or missing .removed-reason`);
      }
      if (doc === '001') {
        const profiles = removed.filter((r) => r.kind === 'author-profile');
        assert.ok(
          profiles.length >= 1,
          `reader 001 shows no aside.removed[data-kind="author-profile"]; kinds: ${removed.map((r) => r.kind).join(', ')}`,
        );
        // The profile card held the author's e-mail address: it must be withheld, not shown.
        for (const p of profiles) {
          assert.ok(!p.text.includes('@'), `an author-profile block shows an '@': "${norm(p.text).slice(0, 300)}"`);
        }
      }

      // Off again from the keyboard, as a keyboard user would: focus it and press Space.
      await sw.focus();
      await page.keyboard.press('Space');
      assert.equal(await sw.isChecked(), false, 'Space on the focused switch did not turn it off');
      await eventually(
        page,
        'removed blocks still shown after the switch went off',
        () => document.querySelectorAll('aside.removed').length === 0,
        null,
        () => document.querySelectorAll('aside.removed').length,
      );
    });
  }

  it('readers have no horizontal scroll at 360×740, with removed blocks hidden and shown', async () => {
    const wide = [];
    for (const doc of ids) {
      const page = await h.newPage({ width: 360, height: 740 });
      await openReader(page, doc);
      const off = await page.evaluate(() => document.documentElement.scrollWidth);
      if (off > 360) wide.push(`${doc} (removed hidden): scrollWidth ${off}`);
      await page.click('input#show-removed');
      await page.waitForSelector('aside.removed', { state: 'attached' });
      const on = await page.evaluate(() => document.documentElement.scrollWidth);
      if (on > 360) wide.push(`${doc} (removed shown): scrollWidth ${on}`);
    }
    assert.deepEqual(wide, []);
  });
});
