// The end-to-end harness: a tiny static server for the release build in `dist/` (server.mjs),
// Debian's Chromium driven by playwright-core, and pages that record everything the app says and
// asks for. It must never download a browser, never reach another origin, and never sleep: it
// waits for conditions.

import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer as serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The release build that `trunk build --release --offline` writes (PARALLAX_E2E_DIST overrides). */
export const DIST = resolve(process.env.PARALLAX_E2E_DIST || resolve(here, '../../dist'));

/** Runs the packer (`PARALLAX_PACK`, or `cargo run -p parallax-pack`) on the build into `out`,
 * making the single offline file; returns its standard output. */
export function runPack(out) {
  const [cmd, args] = process.env.PARALLAX_PACK
    ? [process.env.PARALLAX_PACK, []]
    : ['cargo', ['run', '-q', '--offline', '-p', 'parallax-pack', '--']];
  const r = spawnSync(cmd, [...args, DIST, '--out', out], { cwd: resolve(here, '../..'), encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.status, 0, `parallax-pack failed (${r.error ?? `exit ${r.status}`}):\n${r.stderr}`);
  return r.stdout;
}
/** Runs the `parallax` command (the core, natively, `cargo run -p parallax-cli`) from the
 * repository's root with `args`; returns its standard output. The tests check the app against it. */
export function parallax(...args) {
  return execFileSync('cargo', ['run', '-q', '--offline', '-p', 'parallax-cli', '--', ...args], {
    cwd: resolve(here, '../..'),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Screenshots land here (ignored by git). */
export const ARTIFACTS = resolve(here, 'artifacts');
/** Debian's Chromium; installed by `make test-setup`, never downloaded by a test tool. */
export const CHROMIUM = '/usr/bin/chromium';
/** The raw corpus manifest: the ground truth for which sources the library lists. */
export const MANIFEST = resolve(here, '../../corpus/iran-russia/corpus.toml');

/** How long any single wait for a condition may take before the test fails. */
export const WAIT_MS = 15_000;

/** Serves `root` (default: the build the tests are pointed at); server.mjs says how. */
export function startServer(root = DIST, options) {
  return serve(root, options);
}

/** For the benchmarks (`ui-speed.mjs`, `startup.mjs`), given to `page.addInitScript`: records when
 * `<html>` gets `data-ready` as `window.__ready`, in the page's clock (0 = navigation start). */
export const readyProbe = () => {
  new MutationObserver((_, obs) => {
    if (document.documentElement.dataset.ready) {
      window.__ready = performance.now();
      obs.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
};

/** The `p`th percentile of `xs` (nearest rank, rounded down), for the benchmarks' reports. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Launches Debian's Chromium headless with flags that keep it off the network. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * One test file's world: a server, a browser, and the pages opened by the current test. Call
 * `install()` inside a `describe` to get before/after hooks; `afterEach` checks that every page of
 * the test logged nothing (no console message of any type, no page error) and asked only the
 * server for anything.
 */
export class Harness {
  /** `root`: the build to serve (default: the one the tests are pointed at); `base`: the folder
   * it is served in (server.mjs), which `open` adds. */
  constructor({ root = DIST, base = '/' } = {}) {
    this.root = root;
    this.base = base;
    this.server = null;
    this.browser = null;
    this.pages = [];
  }

  get origin() {
    return this.server.origin;
  }

  /** Registers the hooks with node:test; pass its `before`, `after` and `afterEach`. */
  install({ before, after, afterEach }) {
    before(async () => {
      this.server = await startServer(this.root, { base: this.base });
      this.browser = await launchBrowser();
      await mkdir(ARTIFACTS, { recursive: true });
    });
    afterEach(async () => {
      const pages = this.pages;
      this.pages = [];
      const problems = [];
      for (const p of pages) {
        problems.push(...p.problems());
        await p.context.close();
      }
      assert.deepEqual(problems, [], 'the page must log nothing and request only its own origin');
    });
    after(async () => {
      await this.browser?.close();
      await this.server?.close();
    });
  }

  /**
   * A new page in a fresh context (its own storage). It records every console message, page
   * error and request URL; requests to any origin but the server's are aborted. The app's service
   * worker runs as it does for readers (it answers only same-origin requests, so the check above
   * still sees any request to another origin); `serviceWorkers: 'block'` turns it off, and
   * `javaScriptEnabled: false` opens pages as a reader without JavaScript would.
   */
  async newPage({ width = 1280, height = 800, serviceWorkers = 'allow', javaScriptEnabled = true } = {}) {
    const origin = this.origin;
    const context = await this.browser.newContext({ viewport: { width, height }, serviceWorkers, javaScriptEnabled });
    context.setDefaultTimeout(WAIT_MS);
    const allowed = (url) => url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:');
    await context.route('**/*', (route) => {
      const url = route.request().url();
      return allowed(url) ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const log = { console: [], errors: [], requests: [] };
    page.on('console', (m) => {
      const loc = m.location();
      log.console.push(`console.${m.type()}: ${m.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    });
    page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.stack || e.message || e}`));
    context.on('request', (r) => log.requests.push(r.url()));
    this.pages.push({
      context,
      problems: () => [
        ...log.console,
        ...log.errors,
        ...log.requests.filter((u) => !allowed(u)).map((u) => `request to another origin: ${u.slice(0, 200)}`),
      ],
    });
    page.log = log;
    return page;
  }

  /** Loads the app at `hash` (e.g. `#/read/001`) and waits until it says its first view is up. */
  async open(page, hash = '#/') {
    await page.goto(`${this.origin}${this.base}${hash}`);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    return page;
  }
}

/**
 * Stores `value` under `key` in the page's local storage before the app's first load, once: a
 * reload then shows what the app made of it, not the seed again.
 */
export function seedStorageOnce(page, key, value) {
  return page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(key, value);
    }
  }, [key, value]);
}

/**
 * Waits until `fn(arg)` is truthy in the page; on time-out fails with `message` and whatever
 * `describe(arg)` reports about the page's state then, so a failure says what was seen.
 */
export async function eventually(page, message, fn, arg, describe) {
  // A string would be evaluated with `eval` while polling, which the page's CSP forbids.
  assert.equal(typeof fn, 'function', `${message}: the condition must be a function, not a string`);
  try {
    await page.waitForFunction(fn, arg, { timeout: WAIT_MS });
  } catch (e) {
    if (!/Timeout/i.test(String(e && e.message))) throw e;
    const seen = describe ? await page.evaluate(describe, arg).catch((err) => `(could not describe: ${err.message})`) : '';
    assert.fail(`${message}${seen ? `\nseen: ${typeof seen === 'string' ? seen : JSON.stringify(seen)}` : ''}`);
  }
}

/** Collapses whitespace so visible text compares as a person reads it. */
export function norm(s) {
  return String(s ?? '').replace(/\s+/g, ' ').trim();
}

/** The source ids in manifest order, read from the corpus manifest (`id = "…"` under `[[source]]`). */
export async function manifestIds() {
  const text = await readFile(MANIFEST, 'utf8');
  return [...text.matchAll(/^\s*id\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
}

/** Saves a viewport screenshot into the artifacts folder. */
export async function screenshot(page, name) {
  const size = page.viewportSize();
  // Finished CSS transitions make the picture show the settled state, not a frame of the animation.
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`), animations: 'disabled' });
}

/** A link or hash without the corpus version that every in-app link carries (`?v=` or `&v=` at
 * the end): the part that names the view. */
export function withoutVersion(hash) {
  return (hash ?? '').replace(/[?&]v=[0-9a-f]{12}$/, '');
}

/** True when a link carries the corpus version as its last parameter. */
export function hasVersion(hash) {
  return /[?&]v=[0-9a-f]{12}$/.test(hash ?? '');
}
