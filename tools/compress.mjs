// Trunk post-build hook, the last: writes a gzip (`.gz`, level 9) and a Brotli (`.br`, quality
// 11) copy beside every text or wasm file of the build, for static hosts that serve precompressed
// files (nginx's gzip_static and brotli_static, Caddy's `precompressed`, …): the host then sends
// the smallest copy the browser accepts without compressing on each request. A copy is written
// only when it is smaller than the file. Node's own zlib: nothing to install. Run by Trunk with
// TRUNK_STAGING_DIR set; `node tools/compress.mjs DIR` also works (after `make bundle`, for
// parallax.html too).

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('tools/compress.mjs: no build folder (set TRUNK_STAGING_DIR or pass it)');
  process.exit(1);
}
// Images are compressed already; the zip is a download, not a page's file.
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);
let written = 0;
let before = 0;
let after = 0;
for (const entry of await readdir(dir, { withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.has(extname(entry.name))) continue;
  const path = join(dir, entry.name);
  const bytes = await readFile(path);
  const copies = [
    ['.gz', gzipSync(bytes, { level: 9 })],
    [
      '.br',
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          [constants.BROTLI_PARAM_MODE]: entry.name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
        },
      }),
    ],
  ];
  before += bytes.length;
  let smallest = bytes.length;
  for (const [ext, copy] of copies) {
    if (copy.length < bytes.length) {
      await writeFile(path + ext, copy);
      written += 1;
      smallest = Math.min(smallest, copy.length);
    }
  }
  after += smallest;
}
console.log(`compress.mjs: ${written} precompressed copies; ${before} bytes of text and wasm, ${after} bytes as the smallest copies`);
