// The Lighthouse benchmark (`make bench-lighthouse`; BENCHMARKS.md, "Lighthouse"): serves a
// release build gzip-compressed like a static host, runs the Lighthouse CLI (bench/package-lock.json)
// in Debian's Chromium on five links of the bundled corpus, mobile and desktop presets, several
// runs each, and prints one Markdown table of the medians with the run's conditions and what
// Lighthouse's diagnostics say about each link. Raw reports (JSON) are kept in --raw.
//
//   node bench/lighthouse.mjs [--dist dist] [--runs 3] [--out target/bench/lighthouse.md]
//                             [--raw target/bench/lighthouse] [--reuse]
//
// `--reuse` runs nothing: it reads the reports of an earlier run from --raw and prints the table
// and diagnostics again (the load average is then not known).
//
// Nothing leaves 127.0.0.1: Lighthouse runs offline, Chromium is /usr/bin/chromium (CHROME_PATH),
// and the report lists any request the page made to another host.

import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const LIGHTHOUSE = createRequire(import.meta.url).resolve('lighthouse/cli/index.js');
const LIGHTHOUSE_VERSION = JSON.parse(await readFile(join(here, 'node_modules/lighthouse/package.json'), 'utf8')).version;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

// Links that show real content of the bundled corpus (sources 000–004); each report's
// `final-screenshot` audit shows what the page showed at the end (BENCHMARKS.md lists it).
// `path` follows the server's origin and `/`. The reader's passage, the explorer's query and the
// comparison are on the prerendered pages the app's links lead to; each also in today's form, which the app
// opens from index.html and then writes under the view's page.
const LINKS = [
  { name: 'library', path: '' },
  { name: 'reader passage', path: 'read-004.html#/read/004/p19' },
  { name: 'reader passage, today\'s form', path: '#/read/004/p19' },
  { name: 'explore query', path: 'explore.html#/explore?q=sanctions' },
  { name: 'explore query, today\'s form', path: '#/explore?q=sanctions' },
  { name: 'compare (3 sources)', path: 'compare.html#/compare/001/002/004' },
  { name: 'compare (3 sources), today\'s form', path: '#/compare/001/002/004' },
];
const PRESETS = ['mobile', 'desktop'];

// Issue 18's goals.
const GOALS = {
  mobilePerformance: 95,
  lcpSeconds: 2.0,
  lcpLinks: ['library', 'reader passage', 'reader passage, today\'s form'],
  otherCategories: 100,
  desktopPerformance: 100,
};

const argv = process.argv.slice(2);
function option(name, fallback) {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const value = argv[i + 1];
  if (value === undefined) throw new Error(`${name} needs a value`);
  argv.splice(i, 2);
  return value;
}
const DIST = resolve(option('--dist', 'dist'));
const RUNS = Number(option('--runs', '3'));
const OUT = resolve(option('--out', 'target/bench/lighthouse.md'));
const RAW = resolve(option('--raw', 'target/bench/lighthouse'));
const REUSE = argv.includes('--reuse');
if (REUSE) argv.splice(argv.indexOf('--reuse'), 1);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs needs a positive whole number');
if (argv.length) throw new Error(`unknown arguments: ${argv.join(' ')}`);

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function runLighthouse(url, preset, path) {
  const args = [
    LIGHTHOUSE,
    url,
    '--quiet',
    '--output=json',
    `--output-path=${path}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    '--chrome-flags=--headless=new --no-sandbox',
    '--no-enable-error-reporting',
  ];
  if (preset === 'desktop') args.push('--preset=desktop');
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: CHROMIUM },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`lighthouse exited ${code} on ${url} (${preset}):\n${stderr}`))));
  });
}

const score = (lhr, id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));
const metric = (lhr, id) => lhr.audits[id]?.numericValue ?? NaN;

const loadStart = REUSE ? 'not known (reports re-read)' : loadavg();
let started = new Date();
await mkdir(dirname(OUT), { recursive: true });
if (!REUSE) {
  await rm(RAW, { recursive: true, force: true });
  await mkdir(RAW, { recursive: true });
}
// Like a static host: the precompressed `.gz` copies, and every file revalidated on each visit
// (Netlify's default header; `no-store`, the tests' default, would also keep the page out of
// the back/forward cache, which Lighthouse reports).
const CACHE_CONTROL = 'public, max-age=0, must-revalidate';
const server = REUSE ? null : await startServer(DIST, { gzip: true, cacheControl: CACHE_CONTROL });

// Runs are interleaved (every link and preset once, then again) so that a change in the
// machine's load falls on all of them alike rather than on one link's runs.
const results = new Map(); // `${link}|${preset}` -> [lhr]
try {
  for (let run = 1; run <= RUNS; run++) {
    for (const link of LINKS) {
      for (const preset of PRESETS) {
        const slug = `${link.name.replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '')}-${preset}-${run}`;
        const path = join(RAW, `${slug}.json`);
        const t0 = Date.now();
        if (!REUSE) await runLighthouse(`${server.origin}/${link.path}`, preset, path);
        const lhr = JSON.parse(await readFile(path, 'utf8'));
        if (lhr.runtimeError) throw new Error(`${slug}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        if (REUSE && run === 1 && results.size === 0) started = new Date(lhr.fetchTime);
        const key = `${link.name}|${preset}`;
        results.set(key, [...(results.get(key) ?? []), lhr]);
        console.error(
          `lighthouse: run ${run}/${RUNS} ${link.name} ${preset}: performance ${score(lhr, 'performance')}, ` +
            `LCP ${(metric(lhr, 'largest-contentful-paint') / 1000).toFixed(2)} s (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
    }
  }
} finally {
  await server?.close();
}
const loadEnd = REUSE ? 'not known' : loadavg();

const fmtS = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'n/a');
const fmtMs = (ms) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : 'n/a');
const fmtCls = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const fmtScore = (x) => (Number.isFinite(x) ? String(Math.round(x)) : 'n/a');

const lines = [];
const out = (s = '') => lines.push(s);
out(`# Lighthouse ${LIGHTHOUSE_VERSION}: ${LINKS.length} links, mobile and desktop presets (${started.toISOString().slice(0, 10)})`);
out();
out(`Medians of ${RUNS} run${RUNS > 1 ? 's' : ''} each (every column its own median; the performance range is min–max).`);
out();
out('| link | preset | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | Speed Index |');
out('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const rows = [];
for (const link of LINKS) {
  for (const preset of PRESETS) {
    const lhrs = results.get(`${link.name}|${preset}`);
    const med = (f) => median(lhrs.map(f));
    const perf = lhrs.map((l) => score(l, 'performance'));
    const row = {
      link,
      preset,
      lhrs,
      performance: med((l) => score(l, 'performance')),
      accessibility: med((l) => score(l, 'accessibility')),
      bestPractices: med((l) => score(l, 'best-practices')),
      seo: med((l) => score(l, 'seo')),
      fcp: med((l) => metric(l, 'first-contentful-paint')),
      lcp: med((l) => metric(l, 'largest-contentful-paint')),
      tbt: med((l) => metric(l, 'total-blocking-time')),
      cls: med((l) => metric(l, 'cumulative-layout-shift')),
      si: med((l) => metric(l, 'speed-index')),
    };
    rows.push(row);
    const range = RUNS > 1 ? ` (${Math.min(...perf)}–${Math.max(...perf)})` : '';
    out(
      `| ${link.name} \`/${link.path}\` | ${preset} | ${fmtScore(row.performance)}${range} | ${fmtScore(row.accessibility)} | ` +
        `${fmtScore(row.bestPractices)} | ${fmtScore(row.seo)} | ${fmtS(row.fcp)} | ${fmtS(row.lcp)} | ${fmtMs(row.tbt)} | ` +
        `${fmtCls(row.cls)} | ${fmtS(row.si)} |`,
    );
  }
}

// Issue 18's goals, met or not, from the medians.
out();
out('Goals (issue 18), from the medians:');
const goal = (ok, text) => out(`- ${ok ? 'met' : '**not met**'}: ${text}`);
for (const r of rows.filter((r) => r.preset === 'mobile')) {
  goal(r.performance >= GOALS.mobilePerformance, `mobile performance ≥ ${GOALS.mobilePerformance} on ${r.link.name} (${fmtScore(r.performance)})`);
}
for (const r of rows.filter((r) => r.preset === 'mobile' && GOALS.lcpLinks.includes(r.link.name))) {
  goal(r.lcp <= GOALS.lcpSeconds * 1000, `mobile LCP ≤ ${GOALS.lcpSeconds.toFixed(1)} s on ${r.link.name} (${fmtS(r.lcp)})`);
}
const others = rows.filter((r) => [r.accessibility, r.bestPractices, r.seo].some((x) => x < GOALS.otherCategories));
goal(
  others.length === 0,
  `accessibility, best practices and SEO ${GOALS.otherCategories} everywhere` +
    (others.length ? ` (below on: ${others.map((r) => `${r.link.name} ${r.preset}`).join('; ')})` : ''),
);
for (const r of rows.filter((r) => r.preset === 'desktop')) {
  goal(r.performance >= GOALS.desktopPerformance, `desktop performance ${GOALS.desktopPerformance} on ${r.link.name} (${fmtScore(r.performance)})`);
}

// Conditions.
const chromiumVersion = (spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout || 'unknown').trim();
const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown';
const sample = rows[0].lhrs[0];
const mobileSettings = rows.find((r) => r.preset === 'mobile').lhrs[0].configSettings;
const desktopSettings = rows.find((r) => r.preset === 'desktop').lhrs[0].configSettings;
const throttle = (s) =>
  `${s.throttlingMethod}: RTT ${s.throttling.rttMs} ms, ${(s.throttling.throughputKbps / 1000).toFixed(1)} Mbit/s, CPU ×${s.throttling.cpuSlowdownMultiplier}, ` +
  `${s.screenEmulation.width}×${s.screenEmulation.height} at DPR ${s.screenEmulation.deviceScaleFactor}`;
out();
out('Conditions:');
out(`- date: ${started.toISOString().replace(/\.\d+Z$/, 'Z')}; ${RUNS} run${RUNS > 1 ? 's' : ''} per link and preset, interleaved`);
out(`- Lighthouse ${LIGHTHOUSE_VERSION} (npm, bench/package-lock.json), CLI, Node ${process.version}; ${chromiumVersion} (${CHROMIUM}), \`--headless=new --no-sandbox\``);
out(`- mobile preset (Lighthouse's default): ${throttle(mobileSettings)}`);
out(`- desktop preset (\`--preset=desktop\`): ${throttle(desktopSettings)}`);
out(`- Lighthouse's own CPU benchmark index (BenchmarkIndex): ${Math.round(median(rows.flatMap((r) => r.lhrs.map((l) => l.environment.benchmarkIndex))))} (median of all runs)`);
out(`- CPU: ${cpu}, ${os.cpus().length} cores; load average (1, 5, 15 min) at start ${loadStart}, at end ${loadEnd}`);
out(
  `- served: ${DIST} by tests/e2e/server.mjs on http://127.0.0.1 (HTTP/1.1, no TLS), each file's precompressed \`.gz\` ` +
    `sent with \`Content-Encoding: gzip\` (Chromium offers no Brotli over plain HTTP), \`Cache-Control: ${CACHE_CONTROL}\``,
);
out(`- raw reports (JSON, one per run): ${RAW}`);
out(`- user agent: ${sample.environment.networkUserAgent}`);

// What Lighthouse's diagnostics say, from each link's median-performance run.
out();
out('## Diagnostics (the run with the median performance score of each link and preset)');
const offHost = new Set();
for (const r of rows) {
  for (const l of r.lhrs) {
    for (const item of l.audits['network-requests']?.details?.items ?? []) {
      if (!/^(data:|blob:)/.test(item.url) && !item.url.startsWith(new URL(l.finalDisplayedUrl ?? l.finalUrl).origin)) offHost.add(item.url);
    }
  }
}
for (const r of rows) {
  const sorted = [...r.lhrs].sort((a, b) => score(a, 'performance') - score(b, 'performance'));
  const l = sorted[Math.floor((sorted.length - 1) / 2)];
  out();
  out(`### ${r.link.name}, ${r.preset} (performance ${score(l, 'performance')})`);
  const a = l.audits;
  const path = (url) => url.replace(/^https?:\/\/[^/]+/, '');
  const lcpItems = a['lcp-breakdown-insight']?.details?.items ?? [];
  const lcpNode = lcpItems.find((i) => i.type === 'node');
  if (lcpNode) out(`- LCP element: \`${lcpNode.selector}\` ("${lcpNode.nodeLabel?.slice(0, 70)}")`);
  out(
    `- FCP ${fmtS(metric(l, 'first-contentful-paint'))}, LCP ${fmtS(metric(l, 'largest-contentful-paint'))}, ` +
      `Time to Interactive ${fmtS(metric(l, 'interactive'))}, TBT ${fmtMs(metric(l, 'total-blocking-time'))}, ` +
      `max potential FID ${fmtMs(metric(l, 'max-potential-fid'))}`,
  );
  const weight = a['total-byte-weight'];
  if (weight) {
    const items = (weight.details?.items ?? []).slice(0, 3).map((i) => `${path(i.url)} ${Math.round(i.totalBytes / 1024)} KiB`);
    out(`- transferred: ${Math.round(weight.numericValue / 1024)} KiB in all; largest: ${items.join(', ')}`);
  }
  const blocking = a['render-blocking-insight'];
  if (blocking?.details?.items?.length) {
    const files = blocking.details.items.map((i) => path(i.url));
    const css = files.filter((f) => f.endsWith('.css')).length;
    out(
      `- render-blocking (\`render-blocking-insight\`, ${blocking.displayValue ?? 'no estimate'}): ${files.length} requests, ${css} stylesheets ` +
        `and ${files.length - css} scripts (${files.filter((f) => !f.endsWith('.css')).join(', ')})`,
    );
  }
  const longTasks = a['long-tasks']?.details?.items ?? [];
  if (longTasks.length) {
    out(`- long tasks (simulated start, duration): ${longTasks.slice(0, 4).map((t) => `${path(t.url) || t.url} at ${Math.round(t.startTime)} ms, ${Math.round(t.duration)} ms`).join('; ')}`);
  }
  const mainThread = a['mainthread-work-breakdown'];
  if (mainThread?.details?.items?.length) {
    out(
      `- main-thread work ${fmtS(mainThread.numericValue)}: ` +
        mainThread.details.items.slice(0, 4).map((i) => `${i.groupLabel ?? i.group} ${Math.round(i.duration)} ms`).join(', '),
    );
  }
  const bootup = a['bootup-time'];
  if (bootup?.details?.items?.length) {
    out(
      '- script time by file: ' +
        bootup.details.items.slice(0, 3).map((i) => `${path(i.url) || i.url} ${Math.round(i.total)} ms (evaluation ${Math.round(i.scripting)} ms)`).join('; '),
    );
  }
  // Every audit below full marks (performance: the opportunities, insights and diagnostics with
  // a score under 0.9, which do not count in the score themselves), by category, with its id.
  for (const cat of CATEGORIES) {
    const refs = l.categories[cat]?.auditRefs ?? [];
    const failing = refs
      .map((ref) => ({ ref, audit: a[ref.id] }))
      .filter(({ ref, audit }) => {
        if (!audit || audit.score === null || ['notApplicable', 'manual', 'informative'].includes(audit.scoreDisplayMode)) return false;
        if (cat === 'performance') return ref.weight === 0 && audit.score < 0.9;
        return audit.score < 1;
      });
    if (!failing.length) continue;
    out(
      `- ${cat} audits below full marks: ` +
        failing
          .map(({ ref, audit }) => {
            const notes = [];
            if (audit.displayValue) notes.push(audit.displayValue);
            if (cat !== 'performance' && ref.weight === 0) notes.push('not scored');
            const urls = (audit.details?.items ?? []).map((i) => i.url ?? i.scriptUrl).filter(Boolean).map(path);
            if (urls.length && urls.length <= 2) notes.push(urls.join(', '));
            const reasons = (audit.details?.items ?? []).map((i) => i.protocolReason).filter(Boolean);
            if (reasons.length) notes.push(reasons.join(', '));
            return `\`${audit.id}\`${notes.length ? ` (${notes.join('; ')})` : ''}`;
          })
          .join(', '),
    );
  }
  const warnings = l.runWarnings ?? [];
  if (warnings.length) out(`- Lighthouse warnings: ${warnings.join(' ')}`);
}
out();
out(
  offHost.size
    ? `Requests to another host than the server (${offHost.size}): ${[...offHost].slice(0, 10).join(', ')}`
    : 'Requests to another host than the server: none (every request in every report went to 127.0.0.1).',
);

// Issue 18, point 4: what a first view needs before it is readable (the page with its
// prerendered text, the stylesheets and the classic scripts in <head>, which block the first
// paint), and the whole of a first visit (with the wasm-bindgen JS and the wasm), in the gzip
// copies a static host sends (tools/compress.mjs).
const gz = async (name) => (await stat(join(DIST, `${name}.gz`)).catch(() => stat(join(DIST, name)))).size;
const pages = (await readdir(DIST)).filter((n) => /^(index|explore|compare|read-[^/]+)\.html$/.test(n)).sort();
const program = (await readdir(DIST)).filter((n) => /_bg\.wasm$/.test(n) || /^parallax-app-[0-9a-f]+\.js$/.test(n));
const firstViews = [];
for (const name of pages) {
  const html = await readFile(join(DIST, name), 'utf8');
  const local = (u) => u.replace(/^\.?\//, '');
  const blocking = [
    ...[...html.matchAll(/<link\b[^>]*\bhref="?([^"\s>]+\.css)"?[^>]*>/g)].map((m) => local(m[1])),
    ...[...html.matchAll(/<script\b(?![^>]*type="?module)[^>]*\bsrc="?([^"\s>]+)"?[^>]*>/g)].map((m) => local(m[1])),
  ];
  let first = await gz(name);
  for (const b of blocking) first += await gz(b);
  let whole = first;
  for (const w of program) whole += await gz(w);
  firstViews.push({ name, first, whole });
}
out();
out('What a first view needs before it is readable (the page, its stylesheets and head scripts, gzip), and the whole first visit (with the wasm):');
out();
out('| page | before the first paint | whole first visit |');
out('|---|---:|---:|');
for (const v of firstViews) out(`| \`${v.name}\` | ${(v.first / 1000).toFixed(1)} kB | ${(v.whole / 1000).toFixed(1)} kB |`);
const worst = Math.max(...firstViews.map((v) => v.first));
goal(worst <= 60_000, `a first view readable with at most 60 kB gzip (largest: ${(worst / 1000).toFixed(1)} kB)`);

const text = lines.join('\n') + '\n';
await writeFile(OUT, text);
process.stdout.write(text);
