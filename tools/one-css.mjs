// Trunk post-build hook (first, before the prerendered pages copy index.html's head): joins the
// build's stylesheets into one file, in the order index.html links them, so that the first paint
// waits for one request instead of eleven (a browser opens at most six connections to a host over
// HTTP/1.1: the others queued behind them; BENCHMARKS.md, "Start-up against a minimal Yew app").
// The source keeps a stylesheet per view (assets/*.css); the cascade is unchanged, since the rules
// keep their order. The joined file is named by its content's hash, as Trunk names its files, and
// linked with its SHA-384 integrity, as Trunk links them.
//
// Run by Trunk with TRUNK_STAGING_DIR set; `node tools/one-css.mjs DIR` joins DIR's.

import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('tools/one-css.mjs: no build folder (set TRUNK_STAGING_DIR or pass it)');
  process.exit(1);
}
const index = join(dir, 'index.html');
let html = await readFile(index, 'utf8');

// Trunk's stylesheet links, minified or not: `<link href=./style-….css integrity=… rel=stylesheet>`.
const LINK = /<link\b[^>]*\brel="?stylesheet"?[^>]*>\s*/gi;
const links = [...html.matchAll(LINK)];
const hrefs = links.map((m) => /\bhref="?\.?\/?([^"\s>]+\.css)"?/i.exec(m[0])?.[1]);
if (hrefs.some((h) => !h || h.includes('/'))) {
  console.error(`tools/one-css.mjs: a stylesheet link of ${index} names no file of the build: ${links.map((m) => m[0].trim()).join(' ')}`);
  process.exit(1);
}
if (hrefs.length < 2) {
  console.log(`one-css: ${hrefs.length} stylesheet, nothing to join`);
  process.exit(0);
}
const parts = await Promise.all(hrefs.map((h) => readFile(join(dir, h), 'utf8')));
const css = parts.map((p) => p.trimEnd()).join('\n');
const name = `style-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
await writeFile(join(dir, name), css);
for (const h of hrefs) if (h !== name) await rm(join(dir, h));
// The joined link where the first one stood; the others go.
let first = true;
html = html.replace(LINK, () => {
  if (!first) return '';
  first = false;
  return `<link href=./${name} integrity=${integrity} rel=stylesheet>\n`;
});
await writeFile(index, html);
console.log(`one-css: ${hrefs.length} stylesheets joined into ${name} (${css.length} bytes)`);
