// Prerendered pages (ARCHITECTURE.md, "Prerendered pages"): the library and each source's reader
// are in the HTML the server sends, so they are read at first paint and without JavaScript; the
// app then takes the page over with the same text in the same places, keeping the reader's scroll
// position and focus; a link to another view never shows the prerendered one first; a reader link
// in today's form (`#/read/002/p4`) goes to the reader's own page; an explorer link shows its
// search box with the query at first paint, and what the reader types before the app arrives is
// what the app searches; a compare link (`compare.html#/compare/001/002/004?theme=…&differ=1`)
// shows its sources, theme and switch chosen in compare's pickers at first paint, with the
// summary's heading and explanation where the app draws them, and what the reader chooses before
// the app arrives is what the app compares; any other compare link (an unknown or repeated
// source, the reader's theme changes, no sources) shows the loading message instead. The app's
// program (the wasm) is held back where a test looks at the page before the app runs. Every test
// also fails if the page logs anything or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, eventually, manifestIds, screenshot } from './harness.mjs';

const h = new Harness();

/** Holds back the app's wasm until `release()` is called, so the page shows only its HTML. */
async function holdApp(page) {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Records every layout shift from the first paint on (read with `shifts(page)`). */
async function watchShifts(page) {
  await page.addInitScript(() => {
    window.parallaxShifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.parallaxShifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const shifts = (page) => page.evaluate(() => window.parallaxShifts.reduce((a, b) => a + b, 0));

/** Records every largest paint the browser reports (read with `largestNow` and `largerAfter`). */
async function watchLargest(page) {
  await page.addInitScript(() => {
    window.parallaxLargest = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.parallaxLargest.push({ at: e.startTime, size: e.size, id: e.element?.id ?? '' });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
}

/** The page's clock now, and the largest paint reported so far. */
const largestNow = (page) => page.evaluate(() => ({ at: performance.now(), largest: window.parallaxLargest.at(-1) }));

/** The largest paints reported after `at`, read two frames on: any paint of the view drawn by then
 * has been reported. */
async function largerAfter(page, at) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate((t) => window.parallaxLargest.filter((e) => e.at > t), at);
}

/** The passages shown in `<main>`: id, text (without the "Link" after it) and place in the page. */
function passages() {
  return [...document.querySelectorAll('#main p.passage')].map((p) => {
    const r = p.getBoundingClientRect();
    const link = p.querySelector('.passage-link');
    const text = p.textContent.slice(0, p.textContent.length - (link ? link.textContent.length : 0)).trim();
    return { id: p.dataset.passage, text, top: Math.round(r.top + scrollY), left: Math.round(r.left), height: Math.round(r.height) };
  });
}

/** Cards of the library: source number, title and place. */
function cards() {
  return [...document.querySelectorAll('#main .source-card')].map((c) => {
    const r = c.getBoundingClientRect();
    return { doc: c.dataset.doc, title: c.querySelector('h2').textContent, counts: c.querySelector('.counts').textContent, top: Math.round(r.top + scrollY), height: Math.round(r.height) };
  });
}

/** The app's corpus version, as the prerendered links carry it. */
async function version() {
  const html = await (await fetch(`${h.origin}/read-002.html`)).text();
  const m = /#\/read\/002\/p1\?v=([0-9a-zA-Z]+)/.exec(html);
  assert.ok(m, 'read-002.html should link to its passages with the corpus version');
  return m[1];
}

/** Compare's pickers under `scope` (`.pre-view`, or `#main` once the app has it): each control by
 * its id, with its choice, whether it can be used, and a list's options (value, text, disabled). */
function pickers(scope) {
  const form = document.querySelector(`${scope} form.cmp-picker`);
  if (!form) return null;
  const shown = {};
  for (const s of form.querySelectorAll('select')) {
    shown[s.id] = { value: s.value, enabled: !s.disabled, options: [...s.options].map((o) => ({ value: o.value, text: o.textContent, disabled: o.disabled })) };
  }
  const differ = form.querySelector('#only-differ');
  shown['only-differ'] = { checked: differ.checked, enabled: !differ.disabled };
  return shown;
}

/** What `pickers` read, as the reader sees it chosen: each list's value, the switch's state. */
const chosen = (shown) => Object.fromEntries(Object.entries(shown).map(([id, c]) => [id, c.value ?? c.checked]));

/** The options of a list that name another column, as "002 (column 2)" (" disabled" after one
 * that cannot be chosen). */
const columns = (list) => list.options.filter((o) => / \(column \d\)$/.test(o.text)).map((o) => `${o.value} ${o.text.slice(-10)}${o.disabled ? ' disabled' : ''}`);

/** Records whether any frame drawn before the app is ready shows the prerendered view (read
 * `window.parallaxPreShown`). */
async function watchPreView(page) {
  await page.addInitScript(() => {
    window.parallaxPreShown = false;
    const frame = () => {
      if (document.documentElement.hasAttribute('data-ready')) return;
      if (document.querySelector('.pre-view')?.checkVisibility()) window.parallaxPreShown = true;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

describe('prerendered pages', () => {
  h.install({ before, after, afterEach });

  it('every source is read from the HTML itself, with JavaScript off, as the app shows it', async () => {
    const ids = await manifestIds();
    const off = await h.newPage({ javaScriptEnabled: false });
    await off.goto(`${h.origin}/`);
    const links = await off.$$eval('#main .source-card h2 a', (as) => as.map((a) => ({ href: a.href, title: a.textContent })));
    assert.deepEqual(links.map((l) => new URL(l.href).pathname), ids.map((id) => `/read-${id}.html`), 'a card per source, linking to its page');
    assert.equal(await off.isVisible('.shell-status'), false, 'no loading message without JavaScript');
    assert.match(await off.textContent('.pre-view .noscript'), /every source can be read here/);
    const app = await h.newPage();
    for (const [i, id] of ids.entries()) {
      // Fetched, before any script: the page is there in the HTML.
      const res = await fetch(`${h.origin}/read-${id}.html`);
      assert.equal(res.status, 200);
      const html = await res.text();
      await off.goto(links[i].href);
      const read = await off.evaluate(passages);
      assert.equal(await off.textContent('.pre-view h1'), links[i].title, `${id}: the page is the card's source`);
      await h.open(app, `#/read/${id}`);
      const shown = await app.evaluate(passages);
      assert.ok(shown.length > 0, `${id}: the app shows passages`);
      assert.deepEqual(read.map((p) => [p.id, p.text]), shown.map((p) => [p.id, p.text]), `${id}: the same passages with the same text as the app`);
      assert.equal(html.split('class="passage-block"').length - 1, shown.length, `${id}: each passage once in the HTML`);
    }
  });

  it('the app takes a reader page over: same text in the same places, scroll and focus kept, no shift', async () => {
    const page = await h.newPage({ width: 390, height: 800 });
    await watchShifts(page);
    const release = await holdApp(page);
    // The page's own address, with no link: it holds its reader.
    await page.goto(`${h.origin}/read-002.html`);
    await page.waitForSelector('.pre-view article.reader p.passage');
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-ready')), false, 'the app has not started');
    assert.equal(await page.isVisible('.shell-status'), false, 'no loading message over a prerendered reader');
    await screenshot(page, 'prerendered-reader--phone');
    const before = await page.evaluate(passages);
    // The reader moves on before the app arrives: focus on the fourth passage's link, then scrolls.
    await page.focus('.pre-view p.passage[data-passage="p4"] .passage-link');
    await page.evaluate(() => window.scrollTo(0, 900));
    const scrolled = await page.evaluate(() => scrollY);
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    assert.equal(await page.$('.pre-view'), null, 'the prerendered page is gone');
    assert.equal(await page.$$eval('#main article.reader', (a) => a.length), 1, 'one reader, not two');
    assert.match(await page.evaluate(() => location.hash), /^#\/read\/002\?v=/, 'the address names the reader');
    const afterwards = await page.evaluate(passages);
    assert.deepEqual(afterwards, before, 'every passage has the same text in the same place');
    assert.equal(await page.evaluate(() => scrollY), scrolled, 'the scroll position is kept');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('p.passage')?.dataset.passage + ' ' + document.activeElement?.className),
      'p4 passage-link',
      'focus stays on the link the reader had focused',
    );
    const cls = await shifts(page);
    assert.ok(cls <= 0.01, `cumulative layout shift ${cls} should be at most 0.01`);
  });

  for (const form of ['with the corpus version', 'without it']) {
  it(`a passage link (${form}) shows its passage marked at first paint, then the app marks the same one`, async () => {
    const v = await version();
    const page = await h.newPage({ width: 390, height: 800 });
    await watchShifts(page);
    const release = await holdApp(page);
    // Marked and in view in the first frame drawn with it: read before each frame until the
    // passage is in the page, after the page's own work for that frame (this frame callback is
    // asked for once the stylesheet link is read, after assets/prerendered.js asked for its own).
    await page.addInitScript(() => {
      const frame = () => {
        const p = document.querySelector('.pre-view p.passage[data-passage="p7"]');
        if (!p) return requestAnimationFrame(frame);
        const r = p.getBoundingClientRect();
        window.parallaxFirstFrame = { border: getComputedStyle(p).borderLeftStyle, inView: r.top >= 0 && r.top < innerHeight };
      };
      new MutationObserver((_, reading) => {
        if (!document.querySelector('link[rel="stylesheet"]')) return;
        reading.disconnect();
        requestAnimationFrame(frame);
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${h.origin}/read-002.html#/read/002/p7${form === 'without it' ? '' : `?v=${v}`}`);
    const passage = '.pre-view p.passage[data-passage="p7"]';
    await page.waitForSelector(passage);
    await page.waitForFunction(() => window.parallaxFirstFrame !== undefined);
    assert.deepEqual(await page.evaluate(() => window.parallaxFirstFrame), { border: 'double', inView: true }, 'the passage is marked and in view at the first frame, before the app runs');
    assert.equal(await page.evaluate(() => scrollY > 0), true, 'the page was scrolled to it');
    const top = await page.$eval(passage, (p) => Math.round(p.getBoundingClientRect().top + scrollY));
    const scrolled = await page.evaluate(() => scrollY);
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await eventually(page, 'the app marks and focuses passage p7', () => {
      const p = document.querySelector('p.passage--target');
      return p?.dataset.passage === 'p7' && document.activeElement === p;
    });
    assert.equal(await page.$eval('p.passage--target', (p) => Math.round(p.getBoundingClientRect().top + scrollY)), top, 'in the same place');
    assert.equal(await page.evaluate(() => scrollY), scrolled, 'the passage in view is not moved under the reader\'s eyes');
    const cls = await shifts(page);
    assert.ok(cls <= 0.01, `cumulative layout shift ${cls} should be at most 0.01`);
  });
  }

  for (const [device, width, height] of [['a phone', 412, 823], ['a desktop', 1350, 940]]) {
  it(`on ${device}, the app taking a passage link over paints nothing larger than the prerendered text`, async () => {
    // The largest paint is the prerendered text's, not a copy the app draws later: each passage
    // is the same text nodes in both (one per run of a language, `Passage::runs`). The app
    // once wrote a text node per sentence, and on a desktop the passage under the linked one
    // then measured a third of a pixel taller, a new largest paint when the program arrived.
    const v = await version();
    const page = await h.newPage({ width, height });
    await watchLargest(page);
    const release = await holdApp(page);
    await page.goto(`${h.origin}/read-004.html#/read/004/p19?v=${v}`);
    await page.waitForSelector('.pre-view p.passage[data-passage="p19"]');
    await page.waitForFunction(() => window.parallaxLargest.length > 0);
    const before = await largestNow(page);
    assert.match(before.largest.id, /^passage-p(19|20)$/, 'the largest paint before the app is a prerendered passage');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForSelector('main p.passage--target[data-passage="p19"]:not(.pre-view *)');
    assert.deepEqual(await largerAfter(page, before.at), [], 'no paint after the app started is larger than the prerendered text');
  });
  }

  it('a reader link in today\'s form opens without the library first, under the reader\'s own page', async () => {
    const v = await version();
    const page = await h.newPage();
    const release = await holdApp(page);
    await page.goto(`${h.origin}/#/read/003/p2?v=${v}`);
    await page.waitForSelector('.shell-status', { state: 'visible' });
    assert.equal(await page.isVisible('.pre-view'), false, 'the library is not shown for a reader link');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await eventually(page, 'the app shows passage p2 of source 003', () =>
      document.querySelector('p.passage--target')?.dataset.passage === 'p2' && document.querySelector('article.reader')?.dataset.doc === '003');
    // The address becomes the reader's own page, which a copy of it opens with its text.
    await page.waitForURL(`${h.origin}/read-003.html#/read/003/p2?v=${v}`);
  });

  it('an explorer link in today\'s form opens without the library first, under the explorer\'s page', async () => {
    const page = await h.newPage();
    const release = await holdApp(page);
    await page.goto(`${h.origin}/#/explore?q=Syria`);
    await page.waitForSelector('.shell-status', { state: 'visible' });
    assert.equal(await page.isVisible('.pre-view'), false, 'the library is not shown for a search link');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await eventually(page, 'the app shows the passages that mention Syria', () =>
      document.querySelector('#q')?.value === 'Syria' && document.querySelectorAll('.results > li').length > 0);
    await page.waitForURL((u) => u.pathname === '/explore.html' && /^#\/explore\?q=Syria&v=/.test(u.hash));
  });

  it('every link is written under the page that shows it: a reader\'s, the explorer\'s or compare\'s own page, else the library\'s', async () => {
    const page = await h.newPage();
    await h.open(page, '#/');
    await page.click('.source-card[data-doc="001"] h2 a');
    await page.waitForSelector('article.reader[data-doc="001"]');
    await page.waitForURL(/\/read-001\.html#\/read\/001\?v=/);
    await page.click('.reader .passage-link >> nth=2');
    await page.waitForURL(/\/read-001\.html#\/read\/001\/p3\?v=/);
    await page.click('nav[aria-label="Views"] a:text-is("Explore")');
    await page.waitForSelector('.explore-view');
    await page.waitForURL((u) => u.pathname === '/explore.html' && u.hash.startsWith('#/explore'));
    await page.click('nav[aria-label="Views"] a:text-is("Compare")');
    await page.waitForSelector('section.compare-view[data-docs]');
    await page.waitForURL((u) => u.pathname === '/compare.html' && /^#\/compare\/[^/?]+\/[^/?]+\?v=/.test(u.hash));
    const compared = page.url();
    await page.click('nav[aria-label="Views"] a:text-is("Map")');
    await page.waitForURL((u) => u.pathname === '/' && u.hash.startsWith('#/map'));
    await page.goBack();
    await page.waitForSelector('section.compare-view[data-docs]');
    assert.equal(page.url(), compared);
    await page.goBack();
    await page.waitForSelector('.explore-view');
    assert.equal(new URL(page.url()).pathname, '/explore.html');
    // Back and Forward move between the two pages of one document, and each view comes back.
    await page.goBack();
    await page.waitForSelector('p.passage--target[data-passage="p3"]');
    assert.equal(new URL(page.url()).pathname, '/read-001.html');
    await page.goBack();
    await page.waitForSelector('article.reader[data-doc="001"]');
    await page.goBack();
    await page.waitForSelector('.library-view');
    assert.equal(new URL(page.url()).pathname, '/');
  });

  it('a link to another view never shows the prerendered one first', async () => {
    for (const path of ['/#/explore?q=Syria', '/read-002.html#/map', '/read-002.html#/read/002?removed=1', '/explore.html#/compare/001/002', '/explore.html#/read/002', '/compare.html#/explore?q=Syria']) {
      const page = await h.newPage();
      const release = await holdApp(page);
      await page.goto(`${h.origin}${path}`);
      await page.waitForSelector('.shell-status', { state: 'visible' });
      assert.equal(await page.textContent('.shell-status'), 'Loading the sources…', path);
      assert.equal(await page.isVisible('.pre-view'), false, `${path}: the prerendered view stays hidden`);
      assert.equal(new URL(page.url()).pathname, path.split('#')[0], `${path}: no other page opened`);
      release();
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      assert.equal(await page.$('.pre-view'), null);
    }
  });

  for (const [device, width, height] of [['a phone', 412, 823], ['a desktop', 1350, 940]]) {
  it(`on ${device}, an explorer link shows its search box with the query at first paint, and the app its results under it`, async () => {
    const page = await h.newPage({ width, height });
    await watchShifts(page);
    await watchLargest(page);
    await page.addInitScript(() => {
      // What the first frame that shows the box shows in it (read as the passage link's test does).
      const frame = () => {
        const q = document.querySelector('.pre-view #q');
        if (!q) return requestAnimationFrame(frame);
        window.parallaxFirstFrame = { q: q.value, kwic: document.querySelector('.pre-view #kwic')?.checked };
      };
      new MutationObserver((_, reading) => {
        if (!document.querySelector('link[rel="stylesheet"]')) return;
        reading.disconnect();
        requestAnimationFrame(frame);
      }).observe(document, { childList: true, subtree: true });
    });
    const release = await holdApp(page);
    await page.goto(`${h.origin}/explore.html#/explore?q=%22payment%20systems%22%20OR%20sanctions&mode=kwic`);
    await page.waitForFunction(() => window.parallaxFirstFrame !== undefined);
    assert.deepEqual(await page.evaluate(() => window.parallaxFirstFrame), { q: '"payment systems" OR sanctions', kwic: true }, 'the query and the mode are in place at the first frame');
    assert.equal(await page.title(), '"payment systems" OR sanctions — Explore — Parallax', 'the title names the query, as the app\'s does');
    assert.equal(await page.isEnabled('.pre-view #q'), true, 'the box is usable before the app arrives');
    assert.equal(await page.isVisible('.pre-view .shell-status'), true, 'the results are said to be on their way');
    assert.equal(await page.isVisible('.shell-main'), false, 'no other loading message');
    assert.equal(await page.textContent('.site-header .shell-current'), 'Explore', 'the header marks the explorer');
    await screenshot(page, `prerendered-explore--${width}`);
    const place = () => ['h1', '#q', '#q-help', 'label[for=kwic]'].map((s) => {
      const r = document.querySelector(`.explore-view ${s}`).getBoundingClientRect();
      return [s, Math.round(r.top), Math.round(r.left), Math.round(r.width), Math.round(r.height)];
    });
    const before = await page.evaluate(place);
    // The same markup as the app's: every element of the box's row and the switch's line, with
    // its attributes (but the state the script sets, and the style the screenshot's hidden
    // caret leaves) and its own text.
    const markup = () => [...document.querySelectorAll('.explore-view :is(.search-row, .mode), .explore-view :is(.search-row, .mode) *')].map((el) => [
      el.tagName,
      [...el.attributes].filter((a) => !['value', 'checked', 'disabled', 'style'].includes(a.name)).map((a) => `${a.name}=${a.value}`).sort().join(' '),
      [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''),
    ]);
    const written = await page.evaluate(markup);
    const largest = await largestNow(page);
    assert.equal(largest.largest?.id, 'q-help', 'the largest paint before the app is the help under the box');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForSelector('table.kwic tbody tr');
    assert.equal(await page.$('.pre-view'), null, 'the prerendered page is gone');
    assert.equal(await page.$$eval('#main .explore-view', (v) => v.length), 1, 'one explorer, not two');
    assert.equal(await page.inputValue('#q'), '"payment systems" OR sanctions');
    assert.deepEqual(await page.evaluate(place), before, 'the title, box, help and switch stay in place');
    assert.deepEqual(await page.evaluate(markup), written, 'the app writes the same box, help and switch');
    assert.equal(await page.title(), '"payment systems" OR sanctions — Explore — Parallax');
    assert.equal(await page.textContent('nav[aria-label="Views"] a[aria-current="page"]'), 'Explore');
    const cls = await shifts(page);
    assert.ok(cls <= 0.01, `cumulative layout shift ${cls} should be at most 0.01`);
    if (device === 'a phone') {
      // On a phone nothing the app paints is larger than the help: the page is judged by what it
      // showed before the program arrived.
      assert.deepEqual(await largerAfter(page, largest.at), [], 'no larger paint after the app started');
    }
  });
  }

  it('what a reader types or switches in the explorer before the app arrives is what the app searches', async () => {
    const page = await h.newPage({ width: 390, height: 800 });
    const release = await holdApp(page);
    await page.goto(`${h.origin}/explore.html#/explore?q=sanctions`);
    await page.waitForFunction(() => document.querySelector('.pre-view #q')?.value === 'sanctions');
    await page.fill('.pre-view #q', 'drones');
    await page.check('.pre-view #kwic');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForURL((u) => u.pathname === '/explore.html' && /[?&]q=drones(&|$)/.test(u.hash) && /[?&]mode=kwic(&|$)/.test(u.hash));
    assert.equal(await page.inputValue('#q'), 'drones');
    assert.equal(await page.isChecked('#kwic'), true);
    await eventually(page, 'the app shows each match of drones', () =>
      [...document.querySelectorAll('table.kwic tbody tr')].some((r) => /drone/i.test(r.textContent)) &&
      document.querySelector('table.kwic caption')?.textContent.includes('drones'));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'kwic', 'focus stays on the switch the reader used last');
  });

  it('a search link is read as the app reads it: its first query, each escape on its own, nothing after an empty #', async () => {
    for (const [link, shown] of [
      ['#/explore?q&q=drones', ''],
      ['#/explore?&&q=100%25%20sure&q=x', '100% sure'],
      ['#/explore?q=a%ZZb%C3%A9', 'a%ZZbé'],
      ['#', ''],
    ]) {
      const page = await h.newPage();
      const release = await holdApp(page);
      await page.goto(`${h.origin}/explore.html${link}`);
      await page.waitForFunction(() => document.querySelector('.pre-view #q')?.disabled === false);
      assert.equal(await page.inputValue('.pre-view #q'), shown, `${link}: the prerendered box`);
      release();
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      await page.waitForSelector('.explore-view #q');
      assert.equal(await page.inputValue('#q'), shown, `${link}: the app's box`);
    }
  });

  it('without JavaScript, the explorer\'s page says what searching needs and leads to the sources', async () => {
    const off = await h.newPage({ javaScriptEnabled: false });
    await off.goto(`${h.origin}/explore.html#/explore?q=sanctions`);
    assert.match(await off.textContent('.pre-view .noscript'), /searching needs JavaScript/);
    assert.equal(await off.isDisabled('.pre-view #q'), true, 'a box that could do nothing is not offered');
    await off.click('.pre-view .noscript a');
    await off.waitForSelector('.pre-view .source-card');
    assert.equal(new URL(off.url()).pathname, '/index.html');
  });

  for (const [device, width, height] of [['a phone', 412, 823], ['a desktop', 1350, 940]]) {
  it(`on ${device}, a compare link shows its sources, theme and switch chosen at first paint, and the app its findings under them`, async () => {
    const page = await h.newPage({ width, height });
    await watchShifts(page);
    await watchLargest(page);
    await page.addInitScript(`window.parallaxPickers = ${pickers};`);
    await page.addInitScript(() => {
      // What the first frame that shows the pickers shows in them (read as the passage link's test does).
      const frame = () => {
        const view = document.querySelector('.pre-view .compare-view');
        if (!view?.querySelector('#only-differ')) return requestAnimationFrame(frame);
        window.parallaxFirstFrame = { shown: view.checkVisibility(), title: document.title, pickers: window.parallaxPickers('.pre-view') };
      };
      new MutationObserver((_, reading) => {
        if (!document.querySelector('link[rel="stylesheet"]')) return;
        reading.disconnect();
        requestAnimationFrame(frame);
      }).observe(document, { childList: true, subtree: true });
    });
    const release = await holdApp(page);
    await page.goto(`${h.origin}/compare.html#/compare/001/002/004?theme=military&differ=1`);
    await page.waitForFunction(() => window.parallaxFirstFrame !== undefined);
    const first = await page.evaluate(() => window.parallaxFirstFrame);
    assert.equal(first.shown, true, 'the pickers are shown at the first frame');
    assert.deepEqual(
      chosen(first.pickers),
      { 'cmp-source-1': '001', 'cmp-source-2': '002', 'cmp-source-3': '004', 'cmp-theme': 'military', 'only-differ': true },
      'the link\'s sources, theme and switch are chosen at the first frame',
    );
    assert.ok(Object.values(first.pickers).every((c) => c.enabled), `every control is usable before the app arrives: ${JSON.stringify(first.pickers)}`);
    assert.deepEqual(columns(first.pickers['cmp-source-1']), ['002 (column 2)', '004 (column 3)'], 'a source in another column says which');
    assert.deepEqual(columns(first.pickers['cmp-source-3']), ['001 (column 1)', '002 (column 2)']);
    assert.equal(first.title, 'Compare 001, 002, 004 — Parallax', 'the title names the sources at the first frame, as the app\'s does');
    assert.equal(await page.getAttribute('html', 'data-prerendered'), '', 'the page keeps its view');
    assert.equal(await page.isVisible('.pre-view .shell-status'), true, 'the findings are said to be on their way');
    assert.equal(await page.textContent('.pre-view .shell-status'), 'Comparing the sources…');
    assert.equal(await page.isVisible('.shell-main'), false, 'no other loading message');
    assert.equal(await page.textContent('.site-header .shell-current'), 'Compare', 'the header marks compare');
    await screenshot(page, `prerendered-compare--${width}`);
    // Above the count, everything stays where it was; the summary's explanation keeps its box,
    // moved down by whole lines of the count when the app's is longer than "Comparing…".
    const place = () => ['h1', 'form.cmp-picker', '#cmp-source-1', '#cmp-source-2', '#cmp-source-3', '#cmp-theme', 'label[for=only-differ]'].map((s) => {
      const r = document.querySelector(`#main .compare-view ${s}`).getBoundingClientRect();
      return [s, Math.round(r.top), Math.round(r.left), Math.round(r.width), Math.round(r.height)];
    });
    const summary = () => {
      const view = document.querySelector('#main .compare-view');
      const r = view.querySelector('#cmp-differ-means').getBoundingClientRect();
      return {
        texts: ['h1', '#cmp-summary-h', '#cmp-differ-means'].map((s) => view.querySelector(s).textContent),
        line: parseFloat(getComputedStyle(view.querySelector('.result-count')).lineHeight),
        box: { top: r.top + scrollY, left: r.left, width: r.width, height: r.height },
      };
    };
    const before = { place: await page.evaluate(place), summary: await page.evaluate(summary) };
    assert.deepEqual(before.summary.texts, [
      'Compare sources',
      'At a glance',
      'A theme differs where its own sentences disagree; a source saying nothing on it is not counted as a difference. Pick a theme to read it.',
    ]);
    const largest = await largestNow(page);
    assert.equal(largest.largest?.id, 'cmp-differ-means', 'the largest paint before the app is the summary\'s explanation');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForSelector('#main section.compare-view[data-docs="001, 002, 004"] .cmp-summary-section :is(table, .empty)');
    assert.equal(await page.$('.pre-view'), null, 'the prerendered page is gone');
    assert.equal(await page.$$eval('#main .compare-view', (v) => v.length), 1, 'one compare view, not two');
    await page.waitForURL((u) => u.pathname === '/compare.html' && /^#\/compare\/001\/002\/004\?theme=military&differ=1&v=/.test(u.hash));
    const shown = await page.evaluate(pickers, '#main');
    assert.deepEqual(chosen(shown), chosen(first.pickers), 'the app shows the same choices');
    assert.deepEqual(shown, first.pickers, 'the app\'s pickers offer the same sources and themes, and say the same columns');
    const afterwards = { place: await page.evaluate(place), summary: await page.evaluate(summary) };
    assert.deepEqual(afterwards.place, before.place, 'the title and pickers stay in place');
    assert.deepEqual(afterwards.summary.texts, before.summary.texts, 'the app writes the same title, heading and explanation');
    const { top, ...box } = afterwards.summary.box;
    const { top: was, ...had } = before.summary.box;
    assert.deepEqual(box, had, 'the explanation keeps its left, width and height');
    const lines = (top - was) / before.summary.line;
    assert.ok(lines >= 0 && Number.isInteger(lines), `the explanation moved ${top - was}px, not down by whole lines of the count (${before.summary.line}px each)`);
    assert.equal(await page.title(), 'Compare 001, 002, 004 — Parallax');
    assert.equal(await page.textContent('nav[aria-label="Views"] a[aria-current="page"]'), 'Compare');
    const cls = await shifts(page);
    assert.ok(cls <= 0.01, `cumulative layout shift ${cls} should be at most 0.01`);
    if (device === 'a phone') {
      // On a phone nothing the app paints is larger than the explanation: the page is judged by
      // what it showed before the program arrived.
      assert.deepEqual(await largerAfter(page, largest.at), [], 'no larger paint after the app started');
    }
  });
  }

  it('what a reader chooses in compare\'s pickers before the app arrives is what the app compares', async () => {
    const page = await h.newPage({ width: 390, height: 800 });
    const release = await holdApp(page);
    await page.goto(`${h.origin}/compare.html#/compare/001/002/004`);
    await page.waitForFunction(() => document.querySelector('.pre-view #cmp-theme')?.disabled === false);
    await page.selectOption('.pre-view #cmp-source-2', '003');
    await page.selectOption('.pre-view #cmp-theme', 'trade');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForURL((u) => u.pathname === '/compare.html' && /^#\/compare\/001\/003\/004\?/.test(u.hash) && /[?&]theme=trade(&|$)/.test(u.hash));
    await page.waitForSelector('#main section.compare-view[data-docs="001, 003, 004"]');
    assert.deepEqual(
      chosen(await page.evaluate(pickers, '#main')),
      { 'cmp-source-1': '001', 'cmp-source-2': '003', 'cmp-source-3': '004', 'cmp-theme': 'trade', 'only-differ': false },
    );
    await eventually(page, 'the app shows what 001, 003 and 004 state on trade', () =>
      document.querySelector('#main .cmp-facts-section .help')?.textContent.startsWith('What 001, 003, 004 state in “Trade and economic ties”'),
      null, () => document.querySelector('#main .cmp-facts-section .help')?.textContent);
    assert.equal(await page.title(), 'Compare 001, 003, 004 — Parallax');
  });

  it('any other compare link shows the loading message, never the pickers, and the app then the view it links to', async () => {
    for (const [link, docs, path, hash] of [
      // A source the page does not have: the app says so, as on the library's page.
      ['#/compare/001/999', null, '/compare.html', '#/compare/001/999'],
      // A source twice: the app compares each once.
      ['#/compare/001/001/002', '001, 002', '/compare.html', /^#\/compare\/001\/002\?v=/],
      // The reader's own change of the themes: the page lists the corpus's, the app's link is the library's.
      ['#/compare/001/002?hide=military', '001, 002', '/', /^#\/compare\/001\/002\?hide=military&v=/],
      // No sources, or no link at all: the app chooses two.
      ['#/compare', /^(\d{3}), (\d{3})$/, '/compare.html', null],
      ['', /^(\d{3}), (\d{3})$/, '/compare.html', null],
    ]) {
      const page = await h.newPage();
      await watchPreView(page);
      const release = await holdApp(page);
      await page.goto(`${h.origin}/compare.html${link}`);
      await page.waitForSelector('.shell-main .shell-status', { state: 'visible' });
      assert.equal(await page.getAttribute('html', 'data-prerendered'), 'other', link);
      assert.equal(await page.textContent('.shell-main .shell-status'), 'Loading the sources…', link);
      assert.equal(await page.isVisible('.pre-view'), false, `${link}: the prerendered view stays hidden`);
      release();
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      assert.equal(await page.evaluate(() => window.parallaxPreShown), false, `${link}: no frame showed the pickers`);
      assert.equal(await page.$('.pre-view'), null);
      let want = hash;
      if (docs === null) {
        await page.waitForSelector('[data-testid="not-found"]');
        assert.equal(await page.$('.compare-view'), null, `${link}: no comparison of one source`);
      } else {
        await page.waitForSelector('#main section.compare-view[data-docs]');
        const shown = await page.$eval('#main section.compare-view', (v) => v.dataset.docs);
        if (typeof docs === 'string') assert.equal(shown, docs, link);
        else assert.match(shown, docs, link);
        const ids = shown.split(', ');
        const picked = chosen(await page.evaluate(pickers, '#main'));
        assert.deepEqual([picked['cmp-source-1'], picked['cmp-source-2'], picked['cmp-source-3']], [ids[0], ids[1], ids[2] ?? ''], `${link}: the pickers show the sources compared`);
        assert.equal(await page.title(), `Compare ${shown} — Parallax`, link);
        want ??= new RegExp(`^#/compare/${ids.join('/')}\\?v=`);
      }
      await page.waitForURL((u) => u.pathname === path && (typeof want === 'string' ? u.hash === want : want.test(u.hash)));
    }
  });

  it('a compare link with a theme the page does not list keeps the pickers, on "All themes", as the app does', async () => {
    const page = await h.newPage();
    await watchShifts(page);
    const release = await holdApp(page);
    await page.goto(`${h.origin}/compare.html#/compare/001/002?theme=nope`);
    await page.waitForFunction(() => document.querySelector('.pre-view #cmp-theme')?.disabled === false);
    assert.equal(await page.getAttribute('html', 'data-prerendered'), '', 'the page keeps its view');
    assert.equal(await page.isVisible('.pre-view .compare-view'), true);
    assert.equal(await page.isVisible('.shell-main'), false, 'no loading message');
    const before = await page.evaluate(pickers, '.pre-view');
    assert.deepEqual(chosen(before), { 'cmp-source-1': '001', 'cmp-source-2': '002', 'cmp-source-3': '', 'cmp-theme': '', 'only-differ': false });
    assert.equal(await page.$eval('.pre-view #cmp-theme', (s) => s.selectedOptions[0]?.textContent), 'All themes');
    assert.deepEqual(columns(before['cmp-source-3']), ['001 (column 1) disabled', '002 (column 2) disabled'], 'the empty third column cannot take one of the first two');
    assert.deepEqual(columns(before['cmp-source-1']), ['002 (column 2)'], 'the first two can trade places');
    assert.equal(await page.title(), 'Compare 001, 002 — Parallax');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForSelector('#main section.compare-view[data-docs="001, 002"]');
    await page.waitForSelector('.notices li');
    assert.deepEqual(await page.$$eval('.notices li', (ls) => ls.map((l) => l.textContent)), ['There is no theme “nope”; it was left out.']);
    assert.deepEqual(await page.evaluate(pickers, '#main'), before, 'the app shows the same choices, options and columns');
    await page.waitForURL((u) => u.pathname === '/compare.html' && /^#\/compare\/001\/002\?v=/.test(u.hash));
    const cls = await shifts(page);
    assert.ok(cls <= 0.01, `cumulative layout shift ${cls} should be at most 0.01`);
  });

  it('a compare link in today\'s form opens without the library first, under compare\'s page', async () => {
    const page = await h.newPage();
    const release = await holdApp(page);
    await page.goto(`${h.origin}/#/compare/001/002/004`);
    await page.waitForSelector('.shell-status', { state: 'visible' });
    assert.equal(await page.isVisible('.pre-view'), false, 'the library is not shown for a compare link');
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    await page.waitForSelector('#main section.compare-view[data-docs="001, 002, 004"]');
    // The address becomes compare's own page, which a copy of it opens with its pickers.
    await page.waitForURL((u) => u.pathname === '/compare.html' && /^#\/compare\/001\/002\/004\?v=[0-9a-zA-Z]+$/.test(u.hash));
  });

  it('without JavaScript, compare\'s page says what comparing needs and leads to the sources', async () => {
    const off = await h.newPage({ javaScriptEnabled: false });
    await off.goto(`${h.origin}/compare.html#/compare/001/002/004`);
    assert.match(await off.textContent('.pre-view .noscript'), /comparing needs JavaScript/);
    assert.deepEqual(
      await off.$$eval('.pre-view .compare-view :is(select, input)', (cs) => cs.map((c) => `${c.id} ${c.disabled}`)),
      ['cmp-source-1 true', 'cmp-source-2 true', 'cmp-source-3 true', 'cmp-theme true', 'only-differ true'],
      'pickers that could do nothing are not offered',
    );
    assert.deepEqual(await off.$$eval('.shell-status', (ss) => ss.map((s) => s.checkVisibility())), [false, false], 'no loading message without JavaScript, nor "Comparing…"');
    await off.click('.pre-view .noscript a');
    await off.waitForSelector('.pre-view .source-card');
    assert.equal(new URL(off.url()).pathname, '/index.html');
  });

  it('the library is in the HTML and the app takes it over without moving a card', async () => {
    const ids = await manifestIds();
    const page = await h.newPage({ width: 390, height: 800 });
    await watchShifts(page);
    const release = await holdApp(page);
    await page.goto(`${h.origin}/`);
    await page.waitForSelector('.pre-view .source-card');
    assert.equal(await page.title(), `${await page.textContent('.pre-view h1')} — Parallax`);
    await screenshot(page, 'prerendered-library--phone');
    const before = await page.evaluate(cards);
    assert.deepEqual(before.map((c) => c.doc), ids);
    release();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    assert.equal(await page.$$eval('#main .library', (l) => l.length), 1, 'one list of sources, not two');
    assert.deepEqual(await page.evaluate(cards), before, 'the same cards, with the same counts, in the same places');
    const cls = await shifts(page);
    assert.ok(cls <= 0.01, `cumulative layout shift ${cls} should be at most 0.01`);
  });
});
