// Start-up against a minimal Yew app (issue 18, point 3): navigation start to `data-ready` on
// `<html>` for links of the release build and for the smallest Yew app that renders a page
// (bench/yew-minimal, built by `make bench-startup` with the same profile, Yew, wasm-bindgen,
// Trunk and wasm-opt level), loaded cold in turn in Debian's Chromium. A benchmark, not a test:
// it prints figures with the run's conditions (BENCHMARKS.md, "Start-up against a minimal Yew
// app").
//
//   node tests/e2e/startup.mjs --app DIST [--app DIST…] --minimal DIST [--runs N] [--cpu 1,4]
//
// Both builds are served as a static host serves them, precompressed (`.gz` beside each file,
// sent with Content-Encoding: gzip; the minimal app's copies are written by this script), from
// 127.0.0.1. Each load is a new browser context (an empty cache: the wasm is fetched and compiled
// again), and the loads alternate, minimal app first, then each link of the app, run after run,
// so that a change in the machine's load falls on all of them alike. `--cpu` gives Chromium's CPU
// slowdowns to measure at (DevTools' `Emulation.setCPUThrottlingRate`; 4 is Lighthouse's phone);
// the network is not slowed (the transfer is the Lighthouse benchmark's part).
//
// Each load is checked to show what it should before its time is kept: the minimal app's
// heading, the library's source cards, the reader's passage, the explorer's results, the
// comparison's table.

import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { CHROMIUM, launchBrowser, pct, readyProbe } from './harness.mjs';
import { startServer } from './server.mjs';

const argv = process.argv.slice(2);
function option(name, fallback) {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const [value] = argv.splice(i, 2).slice(1);
  if (value === undefined) throw new Error(`${name} needs a value`);
  return value;
}
// `--app` may be given more than once (two builds of the app, before and after a change): each
// is served and loaded in turn with the others, its rows named by its folder.
const APPS = [];
for (let a = option('--app', null); a !== null; a = option('--app', null)) APPS.push(resolve(a));
if (!APPS.length) APPS.push(resolve('dist'));
const MINIMAL = option('--minimal', null);
const RUNS = Number(option('--runs', '15'));
const CPUS = option('--cpu', '1,4').split(',').map(Number);
if (!MINIMAL) throw new Error('--minimal DIST (the minimal Yew app\'s build) is needed');
if (!Number.isInteger(RUNS) || RUNS <= 0) throw new Error('--runs needs a positive whole number');
if (CPUS.some((c) => !(c >= 1))) throw new Error('--cpu needs slowdowns of 1 or more, as 1,4');
if (argv.length) throw new Error(`unknown arguments: ${argv.join(' ')}`);

/** Writes a `.gz` copy beside each file of a build that has none (the minimal app's build;
 * the app's own build writes them in its Trunk hook). */
async function precompress(dist) {
  for (const name of await readdir(dist)) {
    if (!/\.(html|js|wasm|css)$/.test(name)) continue;
    const path = join(dist, name);
    const gz = `${path}.gz`;
    if (await stat(gz).catch(() => null)) continue;
    await writeFile(gz, gzipSync(await readFile(path), { level: 9 }));
  }
}

/** The gzip bytes of what a build's first page loads: its HTML, scripts, styles and wasm. */
async function transfer(dist) {
  let total = 0;
  for (const name of await readdir(dist)) {
    if (!/\.(html|js|wasm|css)$/.test(name) || (name.endsWith('.html') && name !== 'index.html') || name === 'sw.js' || name === 'import-worker.js') continue;
    total += gzipSync(await readFile(join(dist, name)), { level: 9 }).length;
  }
  return total;
}

await precompress(resolve(MINIMAL));
const SERVE = { gzip: true, cacheControl: 'public, max-age=0, must-revalidate' };
const minServer = await startServer(resolve(MINIMAL), SERVE);
const appServers = await Promise.all(APPS.map((dist) => startServer(dist, SERVE)));

// What is loaded, and what it must show once it says it is ready.
const LINKS = [
  { name: 'library `/`', path: '/', shows: '.library-view li.source-card' },
  { name: 'reader passage `/read-004.html#/read/004/p19`', path: '/read-004.html#/read/004/p19', shows: '#passage-p19' },
  { name: 'explore query `/explore.html#/explore?q=sanctions`', path: '/explore.html#/explore?q=sanctions', shows: 'li.result' },
  { name: 'compare `/compare.html#/compare/001/002/004`', path: '/compare.html#/compare/001/002/004', shows: '.compare-view table' },
];
const TARGETS = [
  { name: 'minimal Yew app', url: `${minServer.origin}/`, shows: 'main h1' },
  ...appServers.flatMap((server, i) => LINKS.map((link) => ({
    name: APPS.length > 1 ? `${APPS[i].split('/').pop()}: ${link.name}` : link.name,
    url: `${server.origin}${link.path}`,
    shows: link.shows,
  }))),
];

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const loadStart = loadavg();
const browser = await launchBrowser();


/** One cold load: navigation start → data-ready, when the scripts and the wasm had arrived, and the
 * first contentful paint (the prerendered text, or the loading line, before the program). */
async function load(target, cpu) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (cpu > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  }
  await page.addInitScript(readyProbe);
  await page.goto(target.url);
  await page.waitForSelector('html[data-ready]', { state: 'attached', timeout: 120_000 });
  const ready = await page.evaluate(() => document.documentElement.dataset.ready);
  if (ready !== 'true') throw new Error(`${target.name}: data-ready is "${ready}"`);
  const shown = await page.locator(target.shows).count();
  if (!shown) throw new Error(`${target.name}: ready, but nothing matches ${target.shows}`);
  const t = await page.evaluate(() => {
    const res = performance.getEntriesByType('resource').filter((r) => /\.(js|wasm)$/.test(r.name));
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { ready: window.__ready, fetched: Math.max(0, ...res.map((r) => r.responseEnd)), painted: paint ? paint.startTime : NaN };
  });
  await context.close();
  return t;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const results = new Map(); // `${cpu} ${name}` → [{ready, fetched}]
// One load of each first, not kept: Chromium's own start (its first context, its caches of
// compiled code for its own scripts) is not charged to whichever target comes first.
for (const target of TARGETS) await load(target, 1);
for (let run = 0; run < RUNS; run++) {
  for (const cpu of CPUS) {
    for (const target of TARGETS) {
      const key = `${cpu} ${target.name}`;
      if (!results.has(key)) results.set(key, []);
      results.get(key).push(await load(target, cpu));
    }
  }
}
const version = browser.version();
await browser.close();
for (const server of [minServer, ...appServers]) await server.close();

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const f0 = (x) => Math.round(x).toString();
console.log('## Start-up against a minimal Yew app');
console.log();
console.log(`Conditions: ${new Date().toISOString()}, commit ${commit}; ${os.cpus().length} × ${os.cpus()[0].model}; Node ${process.version}; Chromium ${version} (${CHROMIUM}), headless, a new context for each load (empty cache), 412×823; both builds served precompressed (gzip) from 127.0.0.1, network not slowed; ${RUNS} loads of each link at each CPU slowdown, alternating; load average (1, 5, 15 min) ${loadStart} at start, ${loadavg()} at end.`);
console.log();
const sizes = [];
for (const dist of APPS) sizes.push(`${APPS.length > 1 ? dist.split('/').pop() : 'app'} ${(await transfer(dist)).toLocaleString('en')} bytes`);
console.log(`Whole first-page transfer (HTML, scripts, styles, wasm; gzip -9): ${sizes.join(', ')}, minimal Yew app ${(await transfer(resolve(MINIMAL))).toLocaleString('en')} bytes.`);
console.log();
console.log('| CPU | link | first contentful paint (median, ms) | navigation → data-ready, median (ms) | p90 | scripts and wasm received (median) | after they arrived (median) | ÷ minimal app (medians) |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const cpu of CPUS) {
  const base = median(results.get(`${cpu} ${TARGETS[0].name}`).map((t) => t.ready));
  for (const target of TARGETS) {
    const xs = results.get(`${cpu} ${target.name}`);
    const ready = xs.map((t) => t.ready);
    const m = median(ready);
    console.log(`| ×${cpu} | ${target.name} | ${f0(median(xs.map((t) => t.painted)))} | ${f0(m)} | ${f0(pct(ready, 90))} | ${f0(median(xs.map((t) => t.fetched)))} | ${f0(median(xs.map((t) => t.ready - t.fetched)))} | ${(m / base).toFixed(2)} |`);
  }
}
