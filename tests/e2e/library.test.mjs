// The library view (`#/`), keyboard access to it, its layout on a narrow phone, the profile link
// and source number of every card (and of every reader) with removed counts that agree with the
// core's, and the static index.html itself: the loading page it shows before the app, the message
// when the app's program cannot load, and the app taking its place without a jump. Every test also
// fails if the page logs anything or asks another origin (the load-failure tests allow exactly
// the messages of the failure they cause).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Harness, eventually, hasVersion, manifestIds, norm, parallax, withoutVersion } from './harness.mjs';

const h = new Harness();
const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** The core's own numbers for the corpus: `parallax build` then `parallax inspect --json`. */
function inspectCorpus() {
  const out = join(mkdtempSync(join(tmpdir(), 'parallax-e2e-')), 'c.plxb');
  parallax('build', 'corpus/iran-russia', '--out', out);
  return JSON.parse(parallax('inspect', out, '--json'));
}

/** A count as the app writes it: thousands separated by commas, then the noun. */
function count(k, one, many) {
  return `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
}

/** What a card or reader says was removed, as the core counts it: page furniture only (author and
 * date lines and an import's page details are moved to the header, not removed). */
function removedText(doc) {
  const blocks = doc.removed.filter((r) => !['byline', 'dateline', 'page-details'].includes(r.kind)).length;
  const n = (k, one, many) => count(k, one, many);
  return blocks === 0 ? 'nothing removed' : `${n(doc.removed_words, 'word', 'words')} removed in ${n(blocks, 'block', 'blocks')}`;
}

/** Where the app's first heading is and what the page holds once: read in the page. */
function shellOrApp() {
  const h1 = document.querySelector('h1');
  const r = h1?.getBoundingClientRect();
  return {
    h1: h1 ? { text: h1.textContent.trim(), x: r.x, y: r.y } : null,
    shells: document.querySelectorAll('#app-shell').length,
    headers: document.querySelectorAll('header.site-header').length,
    mains: document.querySelectorAll('main').length,
    h1s: document.querySelectorAll('h1').length,
    text: document.body.innerText,
  };
}

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

  it('every card shows its source number and links to its profile; its word and removed counts are the core\'s, and the reader\'s says the same', async () => {
    const core = inspectCorpus();
    const page = await h.open(await h.newPage());
    await page.waitForSelector('ul.library > li.source-card');
    const cards = await page.$$eval('ul.library > li.source-card', (lis) =>
      lis.map((li) => ({
        doc: li.dataset.doc,
        number: li.querySelector('.source-number')?.textContent.trim() ?? null,
        profile: li.querySelector('.profile-link a')?.getAttribute('href') ?? null,
        profileText: li.querySelector('.profile-link a')?.textContent.trim() ?? null,
        removed: li.querySelector('.removed-count')?.textContent.trim() ?? null,
        words: li.querySelector('.word-count')?.textContent.trim() ?? null,
      })),
    );
    assert.deepEqual(cards.map((c) => c.doc), core.documents.map((d) => d.id), 'the cards are the core\'s documents, in order');
    for (const [i, c] of cards.entries()) {
      const d = core.documents[i];
      assert.equal(c.number, `Source ${d.id}`, `card ${d.id}: source number`);
      assert.equal(withoutVersion(c.profile), `#/source/${d.id}`, `card ${d.id}: profile link`);
      assert.ok(hasVersion(c.profile), `card ${d.id}: the profile link ${c.profile} has no corpus version`);
      assert.equal(c.profileText, 'About this source: signals, what was removed');
      assert.equal(c.removed, removedText(d), `card ${d.id}: removed count against the core's`);
      assert.equal(c.words, count(d.words, 'word', 'words'), `card ${d.id}: word count against the core's`);
    }
    // The articles are long enough that a thousands separator is part of what is compared.
    assert.ok(core.documents.some((d) => d.words >= 1000));
    // At least one source lost something, so the comparison is not of "nothing removed" alone.
    assert.ok(cards.some((c) => c.removed !== 'nothing removed'));

    for (const c of cards) {
      await h.open(page, `#/read/${c.doc}`);
      await page.waitForSelector(`article.reader[data-doc="${c.doc}"] .profile-link a`);
      const r = await page.evaluate(() => ({
        number: document.querySelector('.reader-header .source-number')?.textContent.trim(),
        profile: document.querySelector('.reader-header .profile-link a')?.getAttribute('href'),
        removed: document.querySelector('label[for="show-removed"] .removed-count')?.textContent.trim(),
      }));
      assert.equal(r.number, c.number, `reader ${c.doc}: source number`);
      assert.equal(withoutVersion(r.profile), `#/source/${c.doc}`, `reader ${c.doc}: profile link`);
      assert.equal(r.removed, c.removed, `reader ${c.doc}: the switch's count differs from the card's`);
      // The profile the link opens says the same again.
      await page.click('.reader-header .profile-link a');
      await page.waitForSelector(`article.source-view[data-doc="${c.doc}"]`);
      const onProfile = await page.evaluate(() => document.querySelector('.source-view .removed-count')?.textContent.trim() ?? 'nothing removed');
      assert.equal(onProfile, c.removed, `profile ${c.doc}: removed count`);
    }
  });

  it('index.html shows the app\'s name, the corpus title and "Loading the sources…" without any script', async () => {
    const html = await (await fetch(`${h.origin}/`)).text();
    const body = html.slice(html.search(/<body\b/i));
    const title = readFileSync(resolve(ROOT, 'corpus/iran-russia/corpus.toml'), 'utf8').match(/^title\s*=\s*"([^"]+)"/m)[1];
    const firstScript = body.search(/<script\b/i);
    const before = firstScript < 0 ? body : body.slice(0, firstScript);
    for (const text of ['Parallax', title, 'Loading the sources…']) {
      assert.ok(before.includes(text), `the body of index.html holds no "${text}" before its first script`);
    }
    // And a browser with scripts off paints it.
    const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${h.origin}/`);
      // The prerendered library (prerender.test.mjs), the loading message hidden under it.
      assert.equal(norm(await page.locator('h1:visible').textContent()), title);
      assert.equal(await page.locator('.shell-status').isVisible(), false);
      assert.ok(await page.locator('header.site-header .app-name', { hasText: 'Parallax' }).isVisible());
      assert.ok(await page.locator('noscript, .noscript').first().count());
    } finally {
      await context.close();
    }
  });

  for (const blocked of [{ what: 'the wasm', pattern: '**/*.wasm' }, { what: 'the wasm-bindgen JS', pattern: /\/parallax-app-[0-9a-f]+\.js$/ }]) {
    it(`when ${blocked.what} cannot load, the loading line gives way to a clear message`, async () => {
      const page = await h.newPage();
      await page.route(blocked.pattern, (route) => route.abort('failed'));
      await page.goto(`${h.origin}/`);
      await page.waitForSelector('html[data-start-failed="true"] .shell-failed', { state: 'visible' });
      const seen = await page.evaluate(() => ({
        message: document.querySelector('.shell-failed').innerText,
        loading: !!document.querySelector('.shell-status')?.checkVisibility(),
        ready: document.documentElement.getAttribute('data-ready'),
      }));
      assert.match(seen.message, /could not start/);
      assert.equal(seen.loading, false, '"Loading the sources…" still shows beside the failure');
      assert.equal(seen.ready, null);
      // The failure this test caused is logged by the browser: those messages, and only those.
      const expected = /Failed to load resource|net::ERR_FAILED|Failed to fetch|TypeError|error loading dynamically imported module|Failed to execute 'compile'|WebAssembly/i;
      const other = [...page.log.console, ...page.log.errors].filter((m) => !expected.test(m));
      assert.deepEqual(other, [], 'messages other than the blocked load');
      page.log.console.length = 0;
      page.log.errors.length = 0;
    });
  }

  it('the app replaces the loading page: one header, one main, one h1, in the same place, with no layout shift', async () => {
    for (const width of [1280, 390]) {
      // The loading page as it stays when the program never comes.
      const stuck = await h.newPage({ width, height: 800 });
      await stuck.route('**/*.wasm', (route) => route.abort('failed'));
      await stuck.goto(`${h.origin}/`);
      await stuck.waitForSelector('html[data-start-failed="true"]');
      const shell = await stuck.evaluate(shellOrApp);
      stuck.log.console.length = 0;
      stuck.log.errors.length = 0;

      const page = await h.newPage({ width, height: 800 });
      await page.addInitScript(() => {
        window.__shifts = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await h.open(page, '#/');
      await page.waitForSelector('ul.library > li.source-card');
      const app = await page.evaluate(shellOrApp);
      assert.deepEqual([app.shells, app.headers, app.mains, app.h1s], [0, 1, 1, 1], `at ${width} px: the shell and the app side by side`);
      assert.equal(app.text.split('Loading the sources…').length, 1, 'the loading line stayed');
      assert.equal(app.h1.text, shell.h1.text, 'the app\'s title differs from the loading page\'s');
      assert.ok(Math.abs(app.h1.x - shell.h1.x) < 1 && Math.abs(app.h1.y - shell.h1.y) < 1, `at ${width} px the title moves from ${JSON.stringify(shell.h1)} to ${JSON.stringify(app.h1)}`);
      const shifts = await page.evaluate(() => window.__shifts);
      assert.ok(shifts <= 0.01, `cumulative layout shift ${shifts} at ${width} px`);
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
    for (let i = 0; i < 30 && !reached; i++) {
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
    assert.ok(reached, `30 presses of Tab did not reach the first source link; focus went: ${stops.join(' → ')}`);
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
