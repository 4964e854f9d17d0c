// The library view (`#/`), keyboard access to it, its layout on a narrow phone, and the static
// index.html itself. Every test also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, hasVersion, manifestIds, norm, withoutVersion } from './harness.mjs';

const h = new Harness();

/** The library's cards as the page shows them. */
function readCards(page) {
  return page.$$eval('ul.library > li.source-card', (cards) =>
    cards.map((li) => {
      const a = li.querySelector('h2 a');
      return {
        doc: li.getAttribute('data-doc'),
        href: a ? a.getAttribute('href') : null,
        title: a ? a.textContent : null,
        text: li.innerText,
      };
    }),
  );
}

describe('library', () => {
  h.install({ before, after, afterEach });

  it('lists exactly the 5 sources of the manifest, each with a title link, a word count and a removed amount', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('ul.library > li.source-card');
    const cards = await readCards(page);
    assert.equal(cards.length, 5, `expected 5 li.source-card, saw ${cards.length}`);
    assert.deepEqual(
      cards.map((c) => c.doc),
      await manifestIds(),
      'the cards carry the manifest ids (data-doc), in manifest order',
    );
    for (const c of cards) {
      assert.equal(withoutVersion(c.href), `#/read/${c.doc}`, `card ${c.doc}: h2 a must link to #/read/${c.doc}`);
      assert.ok(hasVersion(c.href), `card ${c.doc}: the link ${c.href} does not carry the corpus version`);
      assert.ok(norm(c.title).length > 0, `card ${c.doc}: the title link has no text`);
      const text = norm(c.text);
      assert.match(text, /\d[\d,.\u00a0\u202f]*\s*words?\b/i, `card ${c.doc}: no word count ("N words") in "${text}"`);
      assert.match(
        text,
        /\d[\d,.\u00a0\u202f%]*[^\d]{0,30}\bremoved\b|\bremoved\b[^\d]{0,30}\d/i,
        `card ${c.doc}: no removed amount (a number next to "removed") in "${text}"`,
      );
    }
  });

  it('the served index.html has a <noscript> fallback with text', async () => {
    const res = await fetch(`${h.origin}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const html = await res.text();
    const m = html.match(/<noscript\b[^>]*>([\s\S]*?)<\/noscript>/i);
    assert.ok(m, 'index.html has no <noscript> element');
    assert.ok(norm(m[1].replace(/<[^>]*>/g, ' ')).length > 0, 'the <noscript> element is empty');
  });

  it('Tab reaches the first source link with a visible focus ring, and Enter opens its reader', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('ul.library > li.source-card h2 a');
    const first = await page.$eval('ul.library > li.source-card', (li) => li.getAttribute('data-doc'));
    const stops = [];
    let reached = false;
    for (let i = 0; i < 15 && !reached; i++) {
      await page.keyboard.press('Tab');
      const now = await page.evaluate(() => {
        const el = document.activeElement;
        const target = document.querySelector('ul.library > li.source-card h2 a');
        return {
          reached: el === target,
          what: el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}[${el.getAttribute('href') ?? ''}] ${(el.textContent || '').trim().slice(0, 40)}` : 'none',
        };
      });
      stops.push(now.what);
      reached = now.reached;
    }
    assert.ok(reached, `15 presses of Tab did not reach the first source link; focus went: ${stops.join(' → ')}`);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused source link has no visible outline (outline-style: none)');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`article.reader[data-doc="${first}"]`);
    assert.equal(withoutVersion(new URL(page.url()).hash), `#/read/${first}`);
  });

  it('the first Tab stop is a skip link that moves focus into main#main without leaving the view', async () => {
    const page = await h.open(await h.newPage());
    await page.waitForSelector('ul.library');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName.toLowerCase(), text: (el?.textContent || '').trim() };
    });
    assert.equal(skip.tag, 'a', `the first Tab stop is not a link: ${JSON.stringify(skip)}`);
    assert.match(skip.text, /skip/i, `the first Tab stop is not a skip link: ${JSON.stringify(skip)}`);
    await page.keyboard.press('Enter');
    await eventually(
      page,
      'after Enter on the skip link, focus should be in main#main',
      () => !!document.activeElement?.closest('main#main'),
      null,
      () => ({ active: document.activeElement?.outerHTML.slice(0, 120), hash: location.hash }),
    );
    assert.equal(await page.locator('[data-testid="not-found"]').count(), 0, 'the skip link led to not-found');
    assert.equal(await page.locator('ul.library').count(), 1, 'the skip link left the library view');
  });

  it('has no horizontal scroll at 360×740', async () => {
    const page = await h.open(await h.newPage({ width: 360, height: 740 }));
    await page.waitForSelector('ul.library > li.source-card');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `library scrollWidth is ${width} > 360`);
  });
});
