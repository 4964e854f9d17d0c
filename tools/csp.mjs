// Trunk post-build hook (after the prerendered pages are written, before sw.mjs, which hashes the
// result): writes the served build's Content-Security-Policy into each of its pages (index.html
// and the read-*.html, explore.html and compare.html beside it), as strict as the single offline file's. Scripts
// run only from the build's own origin or, inline, by the SHA-256 of their text (Trunk's start-up
// module, and assets/prerendered.js); styles only from files of the build (style attributes, which the source profile's bars
// use, are allowed); the wasm compiles under 'wasm-unsafe-eval'; requests go to the build's own
// origin only; no plugins, no <base>, no forms posting anywhere; and Trusted Types, so that no
// string can reach an HTML or script sink (the service worker's script URL goes through the
// `parallax` policy in assets/offline.js, the import worker's through `parallax-worker` in
// src/import_worker.rs).
//
// Release builds only: `trunk serve` adds an inline reload script of its own that a hash written
// here could not know. Run by Trunk with TRUNK_STAGING_DIR and TRUNK_PROFILE set; `node
// tools/csp.mjs DIR` writes it into DIR's pages.

import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('tools/csp.mjs: no build folder (set TRUNK_STAGING_DIR or pass it)');
  process.exit(1);
}
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') {
  console.log('csp: not a release build, no Content-Security-Policy written');
  process.exit(0);
}

// Every page of the build: index.html and the prerendered reader pages beside it (not the single
// file, which parallax-pack makes later with a policy of its own).
const pages = (await readdir(dir)).filter((n) => n.endsWith('.html') && n !== 'parallax.html').sort();
if (!pages.includes('index.html')) {
  console.error(`tools/csp.mjs: ${dir} has no index.html`);
  process.exit(1);
}
for (const name of pages) {
  const file = join(dir, name);
  let html = await readFile(file, 'utf8');
  if (/http-equiv="Content-Security-Policy"/i.test(html)) {
    console.error(`tools/csp.mjs: ${file} already has a Content-Security-Policy`);
    process.exit(1);
  }
  // Inline scripts: the text between the tags, exactly as the browser hashes it.
  const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  if (/<style\b/i.test(html)) {
    console.error(`tools/csp.mjs: ${file} has an inline <style>; the policy allows none`);
    process.exit(1);
  }
  const policy = [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')} 'wasm-unsafe-eval'`.replace(/ {2,}/g, ' '),
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types parallax parallax-worker',
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  // Right after <meta charset> (unquoted once minified): the policy must come before any script
  // or style it governs.
  const charset = /<meta charset="?utf-8"?>/i;
  if (!charset.test(html)) {
    console.error(`tools/csp.mjs: ${file} has no <meta charset="utf-8"> to put the policy after`);
    process.exit(1);
  }
  html = html.replace(charset, (m) => `${m}\n    ${meta}`);
  await writeFile(file, html);
  console.log(`csp: ${name}: ${hashes.length} inline script(s) allowed by hash`);
}
