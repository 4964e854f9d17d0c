// The other engines' harness: Firefox ESR through geckodriver and WebKitGTK's MiniBrowser through
// WebKitWebDriver (under an Xvfb of its own), both driven by selenium-webdriver over plain
// WebDriver. Every binary is named explicitly and started here, and the client only ever talks to
// a driver URL (`usingServer`), so selenium-manager never runs and nothing is downloaded.
//
// What a page says and asks for is recorded as follows:
// - console messages and errors: the pages run the release build with one addition, a plain
//   same-origin script (recorder.js, loaded before every other script, so allowed by the build's
//   Content-Security-Policy without changing it; it touches no Trusted Types sink) that records
//   every console call, uncaught error, failed resource, unhandled rejection and CSP violation
//   into sessionStorage, where it survives reloads and is read back through WebDriver. sw.js is
//   written again for that copy (tools/sw.mjs), so the service worker precaches it too, and the
//   single offline file is packed from it. WebKitWebDriver has neither a log API nor BiDi, and
//   MiniBrowser's console-to-stdout setting is ignored in its automation sessions (they are
//   ephemeral), so this recorder is what WebKit's check rests on. Firefox also reports its
//   console through WebDriver BiDi `log.entryAdded`, which is checked as well.
// - requests: every browser is configured (WebDriver `proxy` capability) to send whatever is not
//   the page's own origin through a local "other origin" server, which answers nothing and
//   records everything it is asked (so a request to any host, the browser's own background
//   traffic included, is seen and goes nowhere); the page's server records every request it
//   serves; the page's Resource Timing entries must all be its own; and Firefox's BiDi
//   `network.beforeRequestSent` events list every request URL as well.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const { Builder, By, Key } = require('selenium-webdriver');
const BiDi = require('selenium-webdriver/bidi');

// Belt and braces: were any code path of the client to look for a driver itself, it would fail
// here instead of downloading one.
process.env.SE_MANAGER_PATH = '/nonexistent/selenium-manager-is-not-used';
process.env.SE_OFFLINE = 'true';

export { By, Key };

/** Debian's packages and the crates.io build that `make test-setup` installs. */
export const FIREFOX = '/usr/bin/firefox-esr';
export const GECKODRIVER =
  process.env.GECKODRIVER ||
  [...(process.env.PATH ?? '').split(':').filter(Boolean), join(homedir(), '.cargo/bin')]
    .map((d) => join(d, 'geckodriver'))
    .find((f) => existsSync(f)) ||
  'geckodriver (not installed: make test-setup installs it with cargo)';
export const WEBKITWEBDRIVER = '/usr/bin/WebKitWebDriver';
export const XVFB = '/usr/bin/Xvfb';
export const ENGINES = (process.env.PARALLAX_ENGINES || 'firefox,webkit').split(',');

/** How long one wait for a condition may take before the test fails (the machine is shared). */
export const WAIT_MS = 30_000;
/** How long one WebDriver command may go unanswered (a page load included). */
const COMMAND_MS = 90_000;
/** How long a new session may take to start: a browser start, on a busy machine about 6 s for
 * Firefox and 2 s for MiniBrowser. */
const SESSION_MS = { firefox: 30_000, webkit: 10_000 };
/** Starts of a new session tried before a test fails. A start hangs (see openSession) about once
 * in 5 to 40 here, independently as far as seen, but three in a row failed one CI run: six in a
 * row would be under one run in 10,000 at the worst rate. */
const SESSION_TRIES = 6;

/** WebKitGTK's MiniBrowser, shipped in libwebkit2gtk-4.1-0 under the multiarch folder. */
async function miniBrowser() {
  for (const dir of await readdir('/usr/lib')) {
    const path = join('/usr/lib', dir, 'webkit2gtk-4.1/MiniBrowser');
    if (await stat(path).then((s) => s.isFile(), () => false)) return path;
  }
  throw new Error('WebKitGTK MiniBrowser not found under /usr/lib/*/webkit2gtk-4.1/ (apt-get install webkit2gtk-driver)');
}

/** Waits until `fn()` resolves truthy, trying again every `every` ms, or fails with `message`. */
export async function until(fn, message, { timeout = WAIT_MS, every = 50 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) assert.fail(`${typeof message === 'function' ? await message() : message}${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise((ok) => setTimeout(ok, every));
  }
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** The lines a child process writes, kept in order as they arrive. */
function lines(stream) {
  const all = [];
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    rest += chunk;
    const parts = rest.split('\n');
    rest = parts.pop();
    all.push(...parts);
  });
  return { all };
}

/**
 * A server for "another origin": every browser sends whatever is not the page's origin here (as
 * its HTTP and HTTPS proxy), and it answers 403 to everything and refuses every tunnel. Whatever
 * it receives is a request that left the page's origin.
 */
export async function startOtherOrigin() {
  const received = [];
  const server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('another origin: refused by the test\n');
  });
  server.on('connect', (req, socket) => {
    received.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    hostPort: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** An X server of its own for MiniBrowser (the display number Xvfb picks itself, -displayfd). */
let display = null;
function sharedDisplay() {
  display ??= startXvfb();
  return display;
}

/** Stops the X server the WebKit sessions of this file used (at the end of a test file). */
export async function stopDisplay() {
  const d = display;
  display = null;
  if (d) await (await d).close();
}

async function startXvfb() {
  const child = spawnGroup(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const display = await new Promise((ok, fail) => {
    let out = '';
    child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok(`:${out.trim()}`);
    });
    child.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it was ready: ${err}`)));
    child.once('error', fail);
  });
  return { display, close: () => stopChild(child) };
}

// Every driver and X server runs in a process group of its own (spawned detached), so that
// stopping it also stops the browser it started. Groups still alive when this process ends (a test
// that timed out, an interrupted run) are stopped on the way out.
const groups = new Set();
// Scratch folders (profiles, copies of the build), removed at the end even when a run is cut short.
const scratchDirs = new Set();
export async function scratchDir(prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  scratchDirs.add(dir);
  return dir;
}
process.once('exit', () => {
  stopGroups();
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});
const stopGroups = () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  groups.clear();
};
process.once('exit', stopGroups);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopGroups();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

function spawnGroup(cmd, args, options) {
  const child = spawn(cmd, args, { ...options, detached: true });
  groups.add(child.pid);
  child.once('exit', () => groups.delete(child.pid));
  return child;
}

function stopChild(child) {
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is gone.
    }
  };
  if (child.exitCode !== null || child.signalCode !== null) {
    kill('SIGKILL');
    return Promise.resolve();
  }
  return new Promise((ok) => {
    child.once('exit', () => {
      // The browser and its helpers, if the driver left any.
      kill('SIGKILL');
      ok();
    });
    kill('SIGTERM');
  });
}

/**
 * Starts the WebDriver server for `engine` on a free port (for WebKit, on the file's Xvfb) and
 * waits until it answers. Returns its URL, the lines it printed and a `close`.
 */
async function startDriver(engine) {
  const port = await freePort();
  let child;
  const scratch = await scratchDir(`parallax-${engine}-`);
  if (engine === 'firefox') {
    child = spawnGroup(GECKODRIVER, ['--host', '127.0.0.1', '--port', String(port), '--log', 'warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // A release build of Firefox takes its Remote Settings server from the preference below
      // only with this set; otherwise it polls Mozilla's at start.
      env: { ...process.env, TMPDIR: scratch, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    });
  } else {
    const xvfb = await sharedDisplay();
    child = spawnGroup(WEBKITWEBDRIVER, [`--port=${port}`, '--host=local'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DISPLAY: xvfb.display, TMPDIR: scratch },
    });
  }
  const out = lines(child.stdout);
  const err = lines(child.stderr);
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok(`${code ?? signal}`)));
  child.once('error', () => {});
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      const r = await Promise.race([fetch(`${url}/status`), exited.then((c) => Promise.reject(new Error(`driver exited: ${c}`)))]);
      return r.ok && (await r.json()).value?.ready !== undefined;
    },
    () => `${engine} WebDriver server never answered on ${url}: ${[...out.all, ...err.all].join('\n')}`,
  );
  return {
    engine,
    url,
    output: [out.all, err.all],
    scratch,
    close: async () => {
      await stopChild(child);
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * The WebDriver capabilities of one engine: a fresh profile, every request that is not to the
 * page's origin sent to `proxy` (the "other origin"), and for Firefox BiDi for logs and requests.
 */
async function capabilities(engine, proxy) {
  if (engine === 'firefox') {
    return {
      browserName: 'firefox',
      webSocketUrl: true,
      pageLoadStrategy: 'normal',
      // Firefox never sends 127.0.0.1 or localhost through a proxy, so the page's own server is
      // reached directly and everything else goes to the other origin.
      proxy: { proxyType: 'manual', httpProxy: proxy, sslProxy: proxy },
      'moz:firefoxOptions': {
        binary: FIREFOX,
        args: ['-headless'],
        prefs: {
          // Firefox's own background traffic, which the proxy would otherwise see (geckodriver
          // already turns most of it off).
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
          'browser.safebrowsing.update.enabled': false,
          'browser.safebrowsing.provider.mozilla.updateURL': '',
          'browser.safebrowsing.provider.google4.updateURL': '',
          'extensions.getAddons.cache.enabled': false,
          'services.settings.server': 'data:,#remote-settings-dummy/v1',
          'network.dns.disablePrefetch': true,
          'network.prefetch-next': false,
          'app.normandy.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
        },
      },
    };
  }
  return {
    browserName: 'MiniBrowser',
    pageLoadStrategy: 'normal',
    proxy: { proxyType: 'manual', httpProxy: proxy, sslProxy: proxy, noProxy: ['127.0.0.1', 'localhost'] },
    'webkitgtk:browserOptions': {
      binary: await miniBrowser(),
      args: ['--automation'],
    },
  };
}

let marks = 0;

/** `promise`, or a failure with `message` if it has not settled after `ms`. */
function withTimeout(promise, message, ms = COMMAND_MS) {
  let timer;
  const silence = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(message)), ms);
  });
  return Promise.race([promise, silence]).finally(() => clearTimeout(timer));
}

/**
 * A browser session of `engine`, on a WebDriver server of its own (WebKitWebDriver does not
 * reliably start a second session after the first quits: it can hang or show the old page),
 * sending every request for another origin to `proxy`, with everything it says recorded.
 * `session.driver` is the selenium WebDriver; `quit()` ends the session and its server.
 */
export async function openSession(engine, { proxy }) {
  const caps = await capabilities(engine, proxy);
  let driverServer;
  let driver;
  // WebKitWebDriver now and then never starts MiniBrowser for a new session (no browser process,
  // no output, no answer; one session in 5 to 40 here, and in one CI run three in a row): such a
  // start is abandoned after SESSION_MS and tried again with a new driver, up to SESSION_TRIES
  // times in all, saying so on standard error.
  for (let attempt = 1; ; attempt++) {
    driverServer = await startDriver(engine);
    try {
      const building = new Builder().disableEnvironmentOverrides().usingServer(driverServer.url).withCapabilities(caps).build();
      // An abandoned start still settles later (its driver gone): not an unhandled rejection.
      building.catch(() => {});
      driver = await withTimeout(building, `${engine}: no new session in ${SESSION_MS[engine] / 1000} s`, SESSION_MS[engine]);
      break;
    } catch (e) {
      const said = driverServer.output.flat().join('\n');
      await driverServer.close();
      if (said) e.message += `\n${engine}'s driver said:\n${said}`;
      if (attempt === SESSION_TRIES || !/no new session/.test(e.message)) throw e;
      process.stderr.write(`# ${e.message}; trying again with a new driver\n`);
    }
  }
  // A command the driver never answers fails the test with its name instead of hanging the run
  // (PARALLAX_ENGINES_TRACE=1 also prints every command and how long it took).
  const executor = driver.getExecutor();
  const execute = executor.execute.bind(executor);
  executor.execute = (command) => {
    const name = command.getName();
    const t0 = Date.now();
    const answer = execute(command).finally(() => {
      if (process.env.PARALLAX_ENGINES_TRACE) process.stderr.write(`[${engine}] ${name} ${Date.now() - t0} ms\n`);
    });
    return withTimeout(answer, `${engine}: the WebDriver command ${name} got no answer in ${COMMAND_MS / 1000} s`);
  };
  await driver.manage().setTimeouts({ script: WAIT_MS, pageLoad: 60_000, implicit: 0 });
  await driver.manage().window().setRect({ width: 1280, height: 900 });
  const bidiLog = { console: [], requests: [] };
  let bidi = null;
  if (engine === 'firefox') {
    const ws = (await driver.getCapabilities()).get('webSocketUrl');
    assert.ok(ws, 'geckodriver gave no BiDi webSocketUrl');
    bidi = new BiDi(ws.replace('localhost', '127.0.0.1'));
    bidi.on('log.entryAdded', (e) => bidiLog.console.push(`${e.type}.${e.level}: ${e.text}`));
    bidi.on('network.beforeRequestSent', (e) => bidiLog.requests.push(e.request.url));
    await bidi.send({ method: 'session.subscribe', params: { events: ['log.entryAdded', 'network.beforeRequestSent'] } });
  }
  const session = {
    engine,
    driver,
    bidiLog,
    /** Opens `url` and waits until the app says its first view is up. */
    async open(url) {
      await driver.get(url);
      await session.ready();
    },
    /**
     * Reloads the page as a reader does, from the page (`location.reload()`), and waits until the
     * new document's app is ready. (geckodriver's Refresh command reloads past the service
     * worker, as a forced reload does: offline it reaches Firefox's network error page.)
     */
    async reload() {
      await driver.executeScript("document.documentElement.dataset.enginesBeforeReload = '1'; setTimeout(() => location.reload())");
      await session.waitFor(() => document.documentElement.dataset.enginesBeforeReload === undefined, 'the page did not reload');
      await session.ready();
    },
    /** Waits until the current page's app has marked itself ready. */
    async ready() {
      await session.waitFor(() => document.documentElement.dataset.ready === 'true', 'html[data-ready="true"] never came', () => ({
        url: location.href,
        failed: document.documentElement.dataset.startFailed ?? null,
        main: document.querySelector('main')?.innerText.slice(0, 300) ?? null,
        // What the page logged (recorder.js): the error that stopped the start, if one did.
        logged: sessionStorage.getItem('parallax-engines-log'),
      }));
    },
    /** Runs `fn(...args)` in the page (as source, so it must be self-contained). */
    run(fn, ...args) {
      return driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args);
    },
    /**
     * Waits until `fn(arg)` is truthy in the page; on time-out fails with `message` and what
     * `describe(arg)` sees then.
     */
    async waitFor(fn, message, describe, arg) {
      await until(
        () => session.run(fn, arg),
        async () =>
          `${message} (${engine}, at ${await driver.getCurrentUrl().catch((e) => e.message)})${describe ? `\nseen: ${JSON.stringify(await session.run(describe, arg).catch((e) => e.message))}` : ''}`,
      );
    },
    /** What the recorder in the page (recorder.js) has logged since the tab opened. */
    async recorded() {
      const raw = await driver.executeScript("return sessionStorage.getItem('parallax-engines-log')");
      assert.ok(raw !== null, `the console recorder did not run in this page (${engine}): its log is missing`);
      return JSON.parse(raw);
    },
    /**
     * Everything the page logged: the recorder's entries and, for Firefox, the BiDi console
     * entries received up to a marker the test logs itself (so none is still on its way).
     */
    async consoleProblems() {
      const problems = (await session.recorded()).map((l) => `[recorder] ${l}`);
      if (bidi) {
        const marker = `parallax-engines-marker-${process.pid}-${++marks}`;
        await driver.executeScript(`console.info(${JSON.stringify(marker)})`);
        await until(() => bidiLog.console.some((l) => l.includes(marker)), `the BiDi console marker never arrived: ${bidiLog.console.join('\n')}`);
        problems.push(...bidiLog.console.filter((l) => !l.includes('parallax-engines-marker-')).map((l) => `[bidi] ${l}`));
      }
      return problems;
    },
    /** Resource Timing entries of the current page that are not `allowed(name)`. */
    async foreignResources(allowed) {
      const names = await driver.executeScript("return performance.getEntriesByType('resource').map((e) => e.name)");
      return names.filter((n) => !allowed(n));
    },
    async quit() {
      try {
        if (bidi) await bidi.close();
        await driver.quit();
      } finally {
        await driverServer.close();
      }
    },
  };
  return session;
}

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
export const RECORDER = 'engines-recorder.js';

/**
 * A copy of the release build `dist` for these tests: recorder.js added as the first script of
 * each page (index.html and the read-*.html, explore.html and compare.html beside it), and sw.js written again for the copy (tools/sw.mjs) so that the service worker's
 * hashes match. Returns the copy's folder.
 */
export async function prepareBuild(dist) {
  await stat(join(dist, 'index.html')).catch(() => {
    throw new Error(`${dist}/index.html is missing: run \`trunk build --release --offline\` (or \`make build\`) first`);
  });
  const root = await scratchDir('parallax-engines-build-');
  await cp(dist, root, { recursive: true });
  for (const f of ['parallax.html', 'parallax.zip']) await rm(join(root, f), { force: true });
  await cp(join(here, 'recorder.js'), join(root, RECORDER));
  // Every page: index.html and the prerendered pages the app's links lead to.
  for (const name of (await readdir(root)).filter((n) => n.endsWith('.html'))) {
    const page = join(root, name);
    const html = await readFile(page, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/.exec(html);
    assert.ok(csp, `${name} has no Content-Security-Policy meta (not a release build?)`);
    const at = csp.index + csp[0].length;
    await writeFile(page, `${html.slice(0, at)}\n    <script src="./${RECORDER}"></script>${html.slice(at)}`);
  }
  await promisify(execFile)(process.execPath, [join(ROOT, 'tools/sw.mjs'), root]);
  return root;
}

/**
 * Everything that went wrong in a session: what its pages logged, Resource Timing entries and
 * (Firefox) requests that `allowed(url)` refuses, whatever the other origin received, and every
 * request the page's server (if any) did not answer with a file.
 */
export async function problemsOf(session, { allowed, other, server = null }) {
  return [
    ...(await session.consoleProblems()),
    ...(await session.foreignResources(allowed)).map((n) => `resource from another origin: ${n.slice(0, 200)}`),
    ...session.bidiLog.requests.filter((u) => !allowed(u)).map((u) => `request to another origin: ${u.slice(0, 200)}`),
    ...other.received.splice(0).map((r) => `another origin received: ${r}`),
    ...(server ? server.requests.filter((r) => !/ (200|304)$/.test(r)).map((r) => `the page's server answered: ${r}`) : []),
  ];
}

/** Where two texts first differ, with some context either side, for a failure message. */
export function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const cut = (s) => JSON.stringify(s.slice(Math.max(0, i - 80), i + 120));
  return `they differ at character ${i} of ${a.length} / ${b.length}:\n  here:     ${cut(a)}\n  Chromium: ${cut(b)}`;
}

/** Writes a note under passage p2 of the reader open in session `s`, as a reader does (open
 * "Add a note", type, "Save note"), and waits until it is shown there; returns the check that
 * it is shown, for after a reload. */
export async function addNoteUnderP2(s, text) {
  const notes = '.passage-notes[data-passage="p2"]';
  await s.waitFor((sel) => document.querySelector(`${sel} details.note-add summary`), 'passage p2 has no "Add a note"', null, notes);
  await s.driver.findElement(By.css(`${notes} details.note-add summary`)).click();
  // The form is made once "Add a note" opens.
  await s.waitFor((sel) => document.querySelector(`${sel} textarea`), 'opening "Add a note" made no form', null, notes);
  await s.driver.findElement(By.css(`${notes} textarea`)).sendKeys(text);
  await s.driver.findElement(By.xpath('//*[contains(@class, "passage-notes") and @data-passage="p2"]//button[normalize-space(.)="Save note"]')).click();
  const shown = (t) => [...document.querySelectorAll('.passage-notes[data-passage="p2"] .note-text')].some((n) => n.textContent === t);
  await s.waitFor(shown, 'the saved note is not shown under p2', () => document.querySelector('.passage-notes[data-passage="p2"]')?.innerText, text);
  return shown;
}
