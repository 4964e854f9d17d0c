// Fragment routes: a passage link marks, scrolls to and focuses its passage and follows the hash
// and history; a link opened in another form is replaced by its canonical one; unknown routes of
// any shape show the not-found view with a way home, while a link naming only a missing detail
// opens its view with a notice. Every test also fails if the page logs anything or asks another
// origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, hasVersion, withoutVersion } from './harness.mjs';

const h = new Harness();

/**
 * The state of the passage mark for `pid`, computed in the page (self-contained: it is sent to the
 * browser as source). `ok` is the whole expectation: `pid` is the only `.passage--target` and the
 * only `aria-current="true"` passage, it is the focused element, and its top is in the viewport.
 */
function markState(pid) {
  const p = document.querySelector(`p.passage[data-passage="${pid}"]`);
  const targets = [...document.querySelectorAll('.passage--target')].map((e) => e.getAttribute('data-passage') ?? e.id);
  const current = [...document.querySelectorAll('[aria-current="true"]')].map((e) => e.getAttribute('data-passage') ?? e.tagName);
  const active = document.activeElement;
  const state = {
    exists: !!p,
    targets,
    current,
    active: active ? `${active.tagName.toLowerCase()}${active.id ? '#' + active.id : ''}` : null,
    hash: location.hash,
  };
  if (p) {
    const r = p.getBoundingClientRect();
    state.top = Math.round(r.top);
    state.viewportHeight = window.innerHeight;
    state.inViewport = r.top >= 0 && r.top < window.innerHeight && r.bottom > 0;
    state.focused = active === p;
  }
  const passageCurrent = current.filter((c) => /^p\d+$/.test(c));
  state.ok = !!p && p.classList.contains('passage--target') && p.getAttribute('aria-current') === 'true'
    && targets.length === 1 && passageCurrent.length === 1 && state.focused && state.inViewport;
  return state;
}

/** Waits until passage `pid` is the one marked passage: class, aria-current, focus and in view. */
async function expectMarked(page, pid) {
  // Functions, not strings: a string Playwright has to poll is evaluated with `eval`, which the
  // page's Content-Security-Policy forbids (the check then fails whenever it must wait).
  const marked = new Function('pid', `return (${markState.toString()})(pid).ok;`);
  const state = new Function('pid', `return (${markState.toString()})(pid);`);
  await eventually(
    page,
    `passage ${pid} should be the only .passage--target[aria-current="true"], focused, its top in the viewport`,
    marked,
    pid,
    state,
  );
}

/** 100 KB of deterministic garbage for a fragment: URL syntax, markup, odd Unicode, bad escapes. */
function garbage(size = 100 * 1024) {
  const alphabet = [
    ...'abcXYZ019/?#&=%;:.,-_~!$()*+@[]{}|^`\'"<> ',
    '%zz', '%E0%A4', '%00', '../', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
    'é', 'ß', 'İ', 'K', 'ẞ', '𝔘', '😀', '\u202e', '\u200b', '\ufffd', '日本',
  ];
  let seed = 0x2545f491;
  let out = '/read/%';
  while (out.length < size) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    out += alphabet[(seed >>> 8) % alphabet.length];
  }
  return out.slice(0, size);
}

describe('routes', () => {
  h.install({ before, after, afterEach });

  it('#/read/001 marks no passage', async () => {
    const page = await h.newPage();
    await h.open(page, '#/read/001');
    await page.waitForSelector('article.reader[data-doc="001"] p.passage');
    assert.equal(await page.locator('.passage--target').count(), 0);
    assert.equal(await page.locator('p.passage[aria-current]').count(), 0);
  });

  // At the phone size p5 starts far below the fold, so "in the viewport" needs a real scroll.
  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`#/read/001/p5 marks, shows and focuses p5; the hash and history move the mark (${size.width}×${size.height})`, async () => {
      const page = await h.newPage(size);
      await h.open(page, '#/read/001/p5');
      await page.waitForSelector('article.reader[data-doc="001"]');
      await expectMarked(page, 'p5');

      await page.evaluate(() => {
        location.hash = '#/read/001/p6';
      });
      await expectMarked(page, 'p6');

      await page.goBack();
      assert.equal(withoutVersion(new URL(page.url()).hash), '#/read/001/p5');
      await expectMarked(page, 'p5');

      await page.goForward();
      assert.equal(withoutVersion(new URL(page.url()).hash), '#/read/001/p6');
      await expectMarked(page, 'p6');
    });
  }

  it('a passage link points at its passage, and following it marks that passage', async () => {
    const page = await h.newPage();
    await h.open(page, '#/read/001');
    await page.waitForSelector('article.reader[data-doc="001"] p.passage');
    const links = await page.$$eval('article.reader a.passage-link', (as) => as.map((a) => a.getAttribute('href')));
    const passages = await page.$$eval('article.reader p.passage', (ps) => ps.map((p) => p.dataset.passage));
    assert.ok(links.length >= 1, 'reader 001 has no a.passage-link');
    for (const href of links) {
      const m = /^#\/read\/001\/(p\d+)$/.exec(withoutVersion(href));
      assert.ok(hasVersion(href), `a.passage-link href "${href}" does not carry the corpus version`);
      assert.ok(m, `a.passage-link href "${href}" is not #/read/001/p<n>`);
      assert.ok(passages.includes(m[1]), `a.passage-link ${href} points at no p.passage`);
    }
    const href = links[Math.min(2, links.length - 1)];
    const pid = withoutVersion(href).split('/').pop();
    await page.click(`article.reader a.passage-link[href="${href}"]`);
    assert.equal(new URL(page.url()).hash, href);
    await expectMarked(page, pid);
  });

  const unknown = [
    ['#/nope', '#/nope'],
    ['#/read/999', '#/read/999'],
    ['#/read/001/p9999', '#/read/001/p9999'],
    ['a 100 KB garbage fragment', `#${garbage()}`],
  ];
  for (const [name, hash] of unknown) {
    it(`${name} shows not-found with a link back to the library`, async () => {
      const page = await h.newPage();
      await h.open(page, hash);
      const nf = page.locator('[data-testid="not-found"]');
      await nf.waitFor({ state: 'visible' });
      assert.equal(await page.locator('article.reader').count(), 0, 'a reader is shown beside not-found');
      const home = nf.locator('a[href="#/"]');
      assert.ok((await home.count()) >= 1, 'not-found has no a[href="#/"]');
      await home.first().click();
      await page.waitForSelector('ul.library > li.source-card');
      assert.equal(await page.locator('[data-testid="not-found"]').count(), 0, 'not-found still shown on #/');
    });
  }

  it('a link in another form than its canonical one is replaced by it, without a new history entry', async () => {
    const page = await h.newPage();
    await h.open(page, '#/read/001');
    await page.waitForSelector('article.reader[data-doc="001"]');
    const entries = await page.evaluate(() => history.length);
    await page.evaluate(() => {
      location.hash = '#/explore?sources=004,001&themes=ukraine,military&q=drones';
    });
    await eventually(page, 'the link was not made canonical', () => location.hash.startsWith('#/explore?q=drones&themes=military,ukraine&sources=001,004&v='), null, () => location.hash);
    assert.ok(hasVersion(await page.evaluate(() => location.hash)));
    assert.equal(await page.evaluate(() => history.length), entries + 1, 'the canonical link took a history entry of its own');
    await page.waitForSelector('li.result');
    assert.deepEqual(await page.$$eval('.facet input:checked', (xs) => xs.map((x) => `${x.dataset.facet}=${x.dataset.value}`)).then((v) => v.sort()),
      ['sources=001', 'sources=004', 'themes=military', 'themes=ukraine']);
    await page.goBack();
    await page.waitForSelector('article.reader[data-doc="001"]');
  });

  it('a link followed right at start-up is kept: the first link\'s canonical form is not written over it', async () => {
    const page = await h.newPage();
    // The canonical form of the link opened is written after the first paint; this link is
    // followed before that paint, as soon as the app says it is ready.
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (!document.documentElement.dataset.ready) return;
        obs.disconnect();
        location.hash = '#/read/002';
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    });
    await h.open(page, '#/explore?sources=004,001&q=drones');
    await page.waitForSelector('article.reader[data-doc="002"]');
    await eventually(page, 'the followed link was not made canonical', () => /^#\/read\/002\?v=[0-9a-f]{12}$/.test(location.hash), null, () => location.hash);
    // Its entry still holds it, and the entry before holds the first link, now canonical.
    await page.goBack();
    await page.waitForSelector('li.result');
    await eventually(page, 'the first link was not made canonical', () => location.hash.startsWith('#/explore?q=drones&sources=001,004&v='), null, () => location.hash);
    await page.goForward();
    await page.waitForSelector('article.reader[data-doc="002"]');
    assert.match(await page.evaluate(() => location.hash), /^#\/read\/002\?v=/);
  });

  const partly = [
    ['an explore link with an unknown source', '#/explore?sources=004,001,999', 'li.result', '#/explore?sources=001,004'],
    ['a comparison with one unknown source of three', '#/compare/002/999/004', 'section.compare-view', '#/compare/002/004'],
  ];
  for (const [name, hash, ready, canonical] of partly) {
    it(`${name} opens the nearest view and says what was left out`, async () => {
      const page = await h.newPage();
      await h.open(page, hash);
      await page.waitForSelector(ready);
      assert.equal(await page.locator('[data-testid="not-found"]').count(), 0, 'not-found shown for a partly missing link');
      const notice = page.locator('.notices[role="status"] li');
      assert.equal(await notice.count(), 1);
      assert.equal(
        (await notice.textContent()).trim(),
        'This link names a document this copy of Parallax does not have: “999”. To get it, ask whoever sent you the link for the collection file or for the single file made with “Download as one file”, then open that file here.',
      );
      await eventually(page, 'the link was not made canonical', (want) => location.hash.replace(/[?&]v=[0-9a-f]{12}$/, '') === want, canonical, () => location.hash);
    });
  }
});
