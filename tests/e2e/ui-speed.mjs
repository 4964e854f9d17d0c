// UI speed of the release build in Debian's Chromium (playwright-core): navigation to
// data-ready, the explorer's first render, query and facet update latency, and the gzip size of
// the whole transfer. A benchmark, not a test: it prints figures with the run's conditions.
//
//   node tests/e2e/ui-speed.mjs [dist-folder] [--runs N] [--rounds N]
//
// dist-folder defaults to dist/ (built by `make build`). To measure a scaled corpus, build a dist
// with another bundle embedded (PARALLAX_BUNDLE, see README) and point this script at it; the
// report names the corpus it found (documents, passages).
//
// How an update is timed, in the page. Each update starts when the page is idle
// (requestIdleCallback, at most 500 ms), as when a person types: work that the app leaves for
// after the paint (writing the link and the title) is then not charged to the next update.
// * "input → DOM updated" (what the targets are about): from just before the input event (a
//   query) or the click (a facet) until the app has finished changing the DOM: the last
//   MutationObserver callback, which runs right after the microtask that made the changes,
//   among those up to a task after the input or click (the app renders both at once and writes
//   the link after the paint). An update that leaves the DOM as it was (another filter with the
//   same results and counts) ends when the app is done with it: at that task.
// * "+ style, layout, paint": that, plus the browser's work on the frame that shows it (from
//   its animation frame, requested when the DOM changed, to the task after its paint): what
//   the update costs in all, without the wait for the display's next refresh.
// * "input → next paint": until the task after that paint, wait included. The wait (up to a
//   frame, 16.7 ms at 60 Hz) depends only on when the input came, so this p95 is near a frame
//   even for an update that costs nothing.
// Earlier reports (before this split) stopped at the first animation frame that found the DOM
// changed, so they rounded up to frames; their facet figures stopped at the URL change, before
// the app had rendered anything. Reports up to the morning of 2026-12-03 charged an update that
// changed nothing in the DOM the wait for the next frame (about 19 ms), which set their facet p95.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { startServer, CHROMIUM, launchBrowser, pct, readyProbe } from './harness.mjs';

const argv = process.argv.slice(2);
function option(name, fallback) {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const [value] = argv.splice(i, 2).slice(1);
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive whole number`);
  return n;
}
const RUNS = option('--runs', 25);
const ROUNDS = option('--rounds', 4);
if (argv.some((a) => a.startsWith('--'))) throw new Error(`unknown option in ${argv.join(' ')}`);
const dist = resolve(argv[0] || 'dist');


async function transfer() {
  const rows = [];
  for (const name of await readdir(dist)) {
    // A precompressed copy is sent in place of its file, never beside it.
    if (/\.(gz|br)$/.test(name)) continue;
    const path = join(dist, name);
    if (!(await stat(path)).isFile()) continue;
    const bytes = await readFile(path);
    rows.push({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return rows;
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const loadStart = loadavg();
const server = await startServer(dist);
const browser = await launchBrowser();


// Navigation start → data-ready, with where the time went: the page's own requests (HTML, then
// JS and wasm fetched in parallel) and what runs after them (wasm compile and instantiation,
// decoding the bundle, the first render).
const ready = [];
let documents = null;
const phases = { html: [], scripts: [], after: [] };
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(readyProbe);
  await page.goto(`${server.origin}/#/`);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').filter((r) => /\.(js|wasm)$/.test(r.name));
    return { ready: window.__ready, html: nav.responseEnd, scripts: Math.max(...res.map((r) => r.responseEnd)) };
  });
  // A long library shows its first cards and a "Show all N sources" button.
  documents ??= await page.evaluate(() => {
    const all = /Show all (\d+) sources/.exec(document.querySelector('.library-view button.more')?.textContent ?? '');
    return all ? Number(all[1]) : document.querySelectorAll('li.source-card').length;
  });
  ready.push(t.ready);
  phases.html.push(t.html);
  phases.scripts.push(t.scripts);
  phases.after.push(t.ready - t.scripts);
  await context.close();
}

// The explorer's first render from a fresh page (builds the search index and tags: lazily, on
// the first visit to a view that needs them), and what the corpus holds.
const firstExplore = [];
let corpusSize = null;
for (let i = 0; i < Math.min(RUNS, 5); i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('li.result')) {
        window.__results = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.origin}/#/explore`);
  await page.waitForSelector('li.result', { timeout: 120_000 });
  firstExplore.push(await page.evaluate(() => window.__results));
  corpusSize ??= await page.evaluate((documents) => ({
    documents,
    passages: Number(document.querySelector('.result-count').textContent.split(' ')[0]),
  }), documents);
  await context.close();
}

// Query and facet updates, in one page.
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(`${server.origin}/#/explore`);
await page.waitForSelector('li.result', { timeout: 120_000 });
await page.evaluate(() => {
  const idle = () => new Promise((done) => requestIdleCallback(() => done(), { timeout: 500 }));
  const task = () => new Promise((done) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => done();
    ch.port2.postMessage(0);
  });
  // The next frame: when its animation frame ran, and when the task after its paint ran.
  const frame = () => new Promise((done) => requestAnimationFrame(() => {
    const start = performance.now();
    task().then(() => done({ start, painted: performance.now() }));
  }));
  // Times `act` (which starts the update and resolves when the app has had its chance to render).
  window.__measure = async (act) => {
    const pane = () => document.querySelector('.results-pane')?.innerHTML;
    const before = pane();
    await idle();
    let last = null;
    let shown = null;
    const observer = new MutationObserver(() => {
      last = performance.now();
      shown ??= frame();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    await act();
    await task();
    // The app is done by now: it renders an input or click before this task runs.
    const done = performance.now();
    observer.disconnect();
    const f = await (shown ?? frame());
    const dom = (last ?? done) - t0;
    return { dom, work: dom + (f.painted - f.start), paint: f.painted - t0, changed: pane() !== before };
  };
});
const queries = ['drones', 'sanctions', 'payment systems', '"payment systems"', 'nuclear power', 'Israel -Syria', 'treaty OR pact', 'Pezes*', 'Iran Russia', 'oil gas', 'BRICS', 'multipolar world', 'Ukraine NATO', 'Caspian', 'trade tariffs'];
const query = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const q of queries) {
    query.push(await page.evaluate((q) => window.__measure(async () => {
      const input = document.querySelector('#q');
      input.value = q;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }), q));
  }
}
await page.fill('#q', 'sanctions');
await page.waitForFunction(() => location.hash.includes('q=sanctions'));
const facet = [];
for (let r = 0; r < ROUNDS * 10 / 4; r++) {
  for (const theme of ['trade', 'finance', 'energy', 'military']) {
    facet.push(await page.evaluate((theme) => {
      const box = document.querySelector(`.facet input[data-facet="themes"][data-value="${theme}"]`);
      if (!box) return null;
      // The app renders a click at once and writes the link after the paint (pushState, no
      // hashchange), as it does for a key.
      return window.__measure(async () => box.click());
    }, theme));
  }
}
await context.close();
await browser.close();
await server.close();

const missing = facet.filter((t) => t === null).length;
const facetDone = facet.filter((t) => t !== null);
const files = await transfer();
const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
const f1 = (x) => x.toFixed(1);
const big = corpusSize && corpusSize.documents > 5;
const corpusName = corpusSize ? `${corpusSize.documents.toLocaleString('en')} documents, ${corpusSize.passages.toLocaleString('en')} passages` : 'unknown corpus';
const target = big ? 'p95 ≤ 50' : 'p95 ≤ 16';
const row = (label, xs, goal) => console.log(`| ${label} | ${f1(pct(xs, 50))} | ${f1(pct(xs, 95))} | ${f1(Math.max(...xs))} | ${goal} |`);
console.log(`## UI speed (release build, ${dist}; ${corpusName})`);
console.log();
console.log(`Conditions: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, headless Chromium (${CHROMIUM}), served from 127.0.0.1; load average (1, 5, 15 min) ${loadStart} at start, ${loadavg()} at end. ${RUNS} page loads, ${firstExplore.length} first explorer renders, ${query.length} query updates, ${facetDone.length} facet clicks.`);
console.log();
console.log('| measure (ms) | median | p95 | max | target |');
console.log('|---|---|---|---|---|');
row('navigation start → data-ready', ready, big ? '–' : 'median ≤ 250');
row('… of which: HTML received', phases.html, '');
row('… of which: JS and wasm received (from navigation start)', phases.scripts, '');
row('… of which: after they arrived (compile, decode, first render)', phases.after, '');
row('navigation start → first explorer results (index and tags built)', firstExplore, '–');
row('query update: input → DOM updated', query.map((t) => t.dom), target);
row('query update: + style, layout, paint', query.map((t) => t.work), '–');
row('query update: input → next paint', query.map((t) => t.paint), '–');
row('facet update: input → DOM updated', facetDone.map((t) => t.dom), target);
row('facet update: + style, layout, paint', facetDone.map((t) => t.work), '–');
row('facet update: input → next paint', facetDone.map((t) => t.paint), '–');
// The same, only the updates that changed the results shown (the heavier ones).
const changed = (xs) => xs.filter((t) => t.changed).map((t) => t.dom);
if (changed(query).length) row('… query updates that changed the results: input → DOM updated', changed(query), '–');
if (changed(facetDone).length) row('… facet clicks that changed the results: input → DOM updated', changed(facetDone), '–');
const unchanged = [...query, ...facetDone].filter((t) => !t.changed).length;
if (unchanged) console.log(`\n${unchanged} updates left the results as they were (e.g. one empty result for another); they are counted.`);
if (missing) console.log(`\n${missing} facet clicks found no checkbox and are left out.`);
console.log();
console.log('| file | bytes | gzip -9 |');
console.log('|---|---|---|');
for (const f of files) console.log(`| ${f.name} | ${f.raw} | ${f.gzip} |`);
console.log(`| **whole transfer** | ${total.raw} | **${total.gzip}** (${f1(total.gzip / 1024)} KiB; target ≤ 350 KB) |`);
