// The served build's Content-Security-Policy (tools/csp.mjs): index.html carries it before any
// script; with it, the app starts and works with an empty console; a script injected into the page
// does not run, HTML strings cannot reach the DOM (Trusted Types), and an image from another origin
// is never requested. The single offline file's own policy is checked the same way in
// bundle.test.mjs. Every test also fails on any console message it did not expect.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness } from './harness.mjs';
import { injectHostile } from './inject.mjs';

const h = new Harness();

describe('Content-Security-Policy of the served build', () => {
  h.install({ before, after, afterEach });

  it('is in index.html before any script, strict, with Trusted Types', async () => {
    const page = await h.newPage();
    const html = await (await page.request.get(`${h.origin}/index.html`)).text();
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    assert.ok(meta, 'index.html has a Content-Security-Policy');
    assert.ok(html.indexOf(meta[0]) < html.indexOf('<script'), 'the policy comes before every script');
    const policy = Object.fromEntries(meta[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(policy['default-src'], ["'none'"]);
    assert.ok(policy['script-src'].includes("'self'") && policy['script-src'].includes("'wasm-unsafe-eval'"));
    assert.ok(policy['script-src'].every((s) => ["'self'", "'wasm-unsafe-eval'"].includes(s) || /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)), `${policy['script-src']}`);
    assert.deepEqual(policy['connect-src'], ["'self'"]);
    assert.deepEqual(policy['img-src'], ["'self'", 'data:']);
    assert.deepEqual(policy['object-src'], ["'none'"]);
    assert.deepEqual(policy['base-uri'], ["'none'"]);
    assert.deepEqual(policy['form-action'], ["'none'"]);
    assert.deepEqual(policy['require-trusted-types-for'], ["'script'"]);
    // The app runs under it: library, search, a comparison, the overview, with nothing logged.
    await h.open(page, '#/explore?q=sanctions');
    await page.waitForSelector('li.result mark');
    await page.evaluate(() => {
      location.hash = '#/overview';
    });
    await page.waitForSelector('.ov-profile');
    // The service worker registers through the Trusted Types policy.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  });

  it('an injected script does not run, HTML strings are refused and no image from elsewhere is requested', async () => {
    const page = await h.newPage();
    await h.open(page, '#/read/002');
    await page.waitForSelector('article.reader p.passage');
    // Requests that reach the network layer for the other origin (the policy should stop them
    // before: the browser still announces them, blocked, to the test's request log).
    const reached = [];
    await page.route('http://198.51.100.7/**', (route) => {
      reached.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const result = await injectHostile(page);
    assert.equal(result.ran, false, 'the injected script must not run');
    assert.equal(result.html, 'TypeError', 'Trusted Types refuses an HTML string');
    assert.equal(result.scriptText, 'TypeError', 'Trusted Types refuses script text');
    assert.equal(result.image, 'error', 'the image is refused');
    assert.deepEqual(reached, [], 'no request to the other origin leaves the page');
    const announced = page.log.requests.filter((u) => u.includes('198.51.100.7'));
    page.log.requests.splice(0, page.log.requests.length, ...page.log.requests.filter((u) => !announced.includes(u)));
    // The refusals are reported in the console; they are expected here, nothing else is.
    const expected = (m) => /Content Security Policy|TrustedScript|TrustedHTML|Trusted Type/i.test(m);
    assert.ok(page.log.console.some(expected), 'the browser reports the refusal');
    page.log.console.splice(0, page.log.console.length, ...page.log.console.filter((m) => !expected(m)));
    page.log.errors.splice(0, page.log.errors.length, ...page.log.errors.filter((m) => !expected(m)));
  });
});
