// Mozilla Readability (with linkedom for the DOM) on saved web pages, for `make bench-extraction`
// (BENCHMARKS.md, "Article extraction"): writes each page's text, `article.title + "\n" +
// article.textContent`, to OUT/<file without .gz>.txt, the pages it refuses to OUT/refused.json
// and its name, version and time per page to OUT/meta.json, for `parallax-bench extraction DIR
// --texts OUT` to score with the same scorer as Parallax's. The time is taken around the bytes'
// decoding, the DOM's parse and `Readability.parse` only (not reading or gunzipping the file).
//
// Usage: node bench/readability.mjs --data DIR --out OUT
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || i + 1 >= args.length) throw new Error(`${name} DIR is required`);
  return args[i + 1];
};
const data = arg('--data');
const out = arg('--out');
mkdirSync(out, { recursive: true });

const here = dirname(fileURLToPath(import.meta.url));
const version = (pkg) =>
  JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;

// The page's encoding as a browser would guess it without HTTP headers: a byte-order mark, else
// the charset a <meta> names in the first 4 kB, else UTF-8 when the bytes are valid UTF-8, else
// windows-1252 (what browsers read "ISO-8859-1" as).
function decode(bytes) {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]*charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
  if (m) {
    try {
      return new TextDecoder(m[1].toLowerCase()).decode(bytes);
    } catch {
      // An unknown label: guess as if there were none.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const expectations = JSON.parse(readFileSync(join(data, 'expectations.json'), 'utf8'));
const refused = {};
let seconds = 0;
let pages = 0;
for (const { file } of Object.values(expectations)) {
  const bytes = gunzipSync(readFileSync(join(data, 'pages', file)));
  const name = `${file.replace(/\.gz$/, '')}.txt`;
  pages += 1;
  const t0 = process.hrtime.bigint();
  let article = null;
  let error = null;
  try {
    const { document } = parseHTML(decode(bytes));
    article = new Readability(document).parse();
  } catch (e) {
    error = `error: ${e?.name ?? 'unknown'}`;
  }
  seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  if (article) {
    writeFileSync(join(out, name), `${article.title ?? ''}\n${article.textContent ?? ''}`);
  } else {
    refused[name] = error ?? 'no article';
  }
}
writeFileSync(join(out, 'refused.json'), JSON.stringify(refused, null, 1));
writeFileSync(
  join(out, 'meta.json'),
  JSON.stringify({
    extractor: 'Readability.js',
    version: `${version('@mozilla/readability')} (linkedom ${version('linkedom')}, Node ${process.versions.node})`,
    ms_per_page: (seconds * 1e3) / pages,
  }),
);
console.error(`readability: ${pages} pages, ${Object.keys(refused).length} refused, ${((seconds * 1e3) / pages).toFixed(1)} ms per page`);
