// UI speed of the release build in Debian's Chromium (playwright-core): navigation to
// data-ready, query and facet update latency on the real corpus, and the gzip size of the whole
// transfer. A benchmark, not a test: it prints figures with the run's conditions.
//
//   node tests/e2e/ui-speed.mjs [dist-folder]      (default: dist/, built by `make build`)

import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM } from './harness.mjs';

const dist = resolve(process.argv[2] || 'dist');
const RUNS = 25;

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function transfer() {
  const rows = [];
  for (const name of await readdir(dist)) {
    const path = join(dist, name);
    if (!(await stat(path)).isFile()) continue;
    const bytes = await readFile(path);
    rows.push({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return rows;
}

const server = await startServer(dist);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// Time from navigation start to data-ready, measured in the page.
const ready = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.documentElement.dataset.ready) {
        window.__ready = performance.now();
        obs.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });
  await page.goto(`${server.origin}/#/`);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  ready.push(await page.evaluate(() => window.__ready));
  await context.close();
}

// Query and facet updates: from the input event to the rendered result count, in the page.
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(`${server.origin}/#/explore`);
await page.waitForSelector('li.result');
const queries = ['drones', 'sanctions', 'payment systems', '"payment systems"', 'nuclear power', 'Israel -Syria', 'treaty OR pact', 'Pezes*', 'Iran Russia', 'oil gas', 'BRICS', 'multipolar world', 'Ukraine NATO', 'Caspian', 'trade tariffs'];
const measure = (fn, arg) => page.evaluate(fn, arg);
const queryTimes = [];
for (let r = 0; r < 4; r++) {
  for (const q of queries) {
    queryTimes.push(await measure(async (q) => {
      const input = document.querySelector('#q');
      const before = document.querySelector('.results-pane').innerHTML;
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      // Yew renders in a microtask after the event: wait until the pane changed or a frame passed.
      // Consecutive queries have different results, so the pane always changes; a bound keeps a
      // surprise from hanging the run (reported as a miss).
      const changed = await new Promise((done) => {
        const check = () => {
          if (document.querySelector('.results-pane').innerHTML !== before) done(true);
          else if (performance.now() - t0 > 2000) done(false);
          else requestAnimationFrame(check);
        };
        check();
      });
      return changed ? performance.now() - t0 : null;
    }, q));
  }
}
await page.fill('#q', 'sanctions');
await page.waitForFunction(() => location.hash.includes('q=sanctions'));
const facetTimes = [];
for (let r = 0; r < 10; r++) {
  for (const theme of ['trade', 'finance', 'energy', 'military']) {
    facetTimes.push(await measure(async (theme) => {
      const box = document.querySelector(`.facet input[data-facet="themes"][data-value="${theme}"]`);
      if (!box) return null;
      const before = document.querySelector('.result-count').textContent + location.hash;
      const t0 = performance.now();
      box.click();
      const changed = await new Promise((done) => {
        const check = () => {
          if (document.querySelector('.result-count').textContent + location.hash !== before) done(true);
          else if (performance.now() - t0 > 2000) done(false);
          else requestAnimationFrame(check);
        };
        check();
      });
      return changed ? performance.now() - t0 : null;
    }, theme));
  }
}
await context.close();
await browser.close();
await server.close();

const missed = [...queryTimes, ...facetTimes].filter((t) => t === null).length;
queryTimes.splice(0, queryTimes.length, ...queryTimes.filter((t) => t !== null));
facetTimes.splice(0, facetTimes.length, ...facetTimes.filter((t) => t !== null));
const files = await transfer();
const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
const f1 = (x) => x.toFixed(1);
console.log(`## UI speed (release build, ${dist})`);
console.log();
console.log(`Conditions: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, headless Chromium (${CHROMIUM}), served from 127.0.0.1, ${RUNS} page loads, ${queryTimes.length} query updates, ${facetTimes.length} facet clicks.`);
console.log();
console.log('| measure | median | p95 | target |');
console.log('|---|---|---|---|');
console.log(`| navigation start → data-ready (ms) | ${f1(pct(ready, 50))} | ${f1(pct(ready, 95))} | median ≤ 250 |`);
console.log(`| query update on the real corpus (ms) | ${f1(pct(queryTimes, 50))} | ${f1(pct(queryTimes, 95))} | p95 ≤ 16 |`);
console.log(`| facet update on the real corpus (ms) | ${f1(pct(facetTimes, 50))} | ${f1(pct(facetTimes, 95))} | p95 ≤ 16 |`);
if (missed) console.log(`\n${missed} updates showed no change within 2 s and are left out.`);
console.log();
console.log('| file | bytes | gzip -9 |');
console.log('|---|---|---|');
for (const f of files) console.log(`| ${f.name} | ${f.raw} | ${f.gzip} |`);
console.log(`| **whole transfer** | ${total.raw} | **${total.gzip}** (${f1(total.gzip / 1024)} KiB; target ≤ 350 KB) |`);
