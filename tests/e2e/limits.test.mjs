// Limits where text enters by hand: a typed or pasted query passes the same cleaning and length
// limit as a link (no direction overrides, nothing past the cap), the link written stays short, and
// the reader is told when her input was cut. Every test also fails if the page logs anything.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually } from './harness.mjs';

const h = new Harness();

describe('limits on typed input', () => {
  h.install({ before, after, afterEach });

  it('a pasted 100,000-character query is cut to the link limit, with a notice, and the title has no override', async () => {
    const page = await h.newPage();
    await h.open(page, '#/explore');
    await page.waitForSelector('#q');
    const pasted = `\u202Egnp.exe ${'sanctions '.repeat(10_000)}`;
    await page.fill('#q', pasted);
    await eventually(page, 'a notice says the input was cut', () => [...document.querySelectorAll('.notices li')].some((li) => /too long/.test(li.textContent)), null, () => document.querySelector('.notices')?.textContent ?? '(no notices)');
    // The link written after the paint carries a query of at most 256 characters.
    await eventually(page, 'the link is written', () => location.hash.includes('q='), null, () => location.hash.slice(0, 200));
    const { hash, title } = await page.evaluate(() => ({ hash: location.hash, title: document.title }));
    assert.ok(hash.length < 4_000, `link of ${hash.length} characters`);
    const q = new URLSearchParams(hash.slice(hash.indexOf('?'))).get('q');
    assert.ok(q.length <= 256 && q.startsWith('gnp.exe sanctions'), q.slice(0, 60));
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(title), 'no direction override in the tab title');
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(decodeURIComponent(hash)), 'no direction override in the link');
  });

  it('typing keeps the spaces between words (the cleaned state does not fight the search box)', async () => {
    const page = await h.newPage();
    await h.open(page, '#/explore');
    await page.locator('#q').pressSequentially('Russia sanctions');
    await eventually(page, 'the typed query is in the link', () => decodeURIComponent(location.hash).includes('q=Russia sanctions'), null, () => location.hash);
    assert.equal(await page.inputValue('#q'), 'Russia sanctions');
    await page.waitForSelector('li.result');
    // Keys that come faster than the view is drawn (a slow phone): two edits, the last ending in
    // a space, before the app draws again. The link's query is trimmed ("Iran"); the box must
    // keep the space, so that the next word does not run into the last.
    await page.$eval('#q', (q) => {
      for (const text of ['Iran', 'Iran ']) {
        q.value = text;
        q.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }
    });
    await page.locator('#q').press('End');
    await page.keyboard.type('drones');
    await eventually(page, 'the word after the space is a word of its own', () => decodeURIComponent(location.hash).includes('q=Iran drones'), null, () => location.hash);
    assert.equal(await page.inputValue('#q'), 'Iran drones');
  });
});
