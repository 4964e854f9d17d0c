// Trunk post-build hook: writes sw.js, the service worker, into the build being staged. It
// precaches every file of the build under a cache named by the build's hash (the SHA-256 of the
// files' names and bytes), so a new build is a new cache, and it caches a file only when its bytes
// have the SHA-256 this build wrote down: a page is always served the files of one build, never a
// mix, even from a server caught half-way through a deployment. Run by Trunk with TRUNK_STAGING_DIR set; `node tools/sw.mjs DIR` also works.

import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('tools/sw.mjs: no build folder (set TRUNK_STAGING_DIR or pass it)');
  process.exit(1);
}
// Only the build itself: a packed single file or zip made later beside it is not precached.
const skip = new Set(['sw.js', 'parallax.html', 'parallax.zip']);
// Nor the precompressed copies (tools/compress.mjs): a host sends them in place of the file.
const names = (await readdir(dir, { withFileTypes: true }))
  .filter((e) => e.isFile() && !skip.has(e.name) && !/\.(gz|br)$/.test(e.name))
  .map((e) => e.name)
  .sort();
if (!names.includes('index.html')) {
  console.error(`tools/sw.mjs: ${dir} has no index.html`);
  process.exit(1);
}
const hash = createHash('sha256');
// Each file's own SHA-256: the worker caches a file only if the bytes it fetched are these.
const hashes = {};
for (const name of names) {
  const bytes = await readFile(join(dir, name));
  hash.update(name);
  hash.update('\0');
  hash.update(bytes);
  hash.update('\0');
  hashes[`./${name}`] = createHash('sha256').update(bytes).digest('hex');
}
hashes['./'] = hashes['./index.html'];
const build = hash.digest('hex').slice(0, 16);

const worker = `// Parallax service worker, written by tools/sw.mjs for build ${build}. Do not edit.
const CACHE = 'parallax-${build}';
const FILES = ${JSON.stringify(['./', ...names.map((n) => `./${n}`)])};

const HASHES = ${JSON.stringify(hashes)};

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

// A file of this build as the server has it now, refused unless its bytes are this build's: a
// deployment caught half-way (this sw.js beside another build's files, or the reverse) must not
// fill this build's cache with a mix.
async function fetchChecked(file) {
  const response = await fetch(new Request(file, { cache: 'reload' }));
  if (!response.ok) throw new Error('sw.js: ' + file + ': HTTP ' + response.status);
  const digest = hex(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
  if (digest !== HASHES[file]) throw new Error('sw.js: ' + file + ' is not the file of build ${build}');
  return [file, response];
}

// Install: fetch every file of this build, check each against its hash, and only then put them
// all into the build's own cache. Any mismatch fails the install, and the browser keeps the
// previous worker with its complete build. A new version waits until the reader accepts it
// ("reload to update"); it is never swapped in under an open page.
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const checked = await Promise.all(FILES.map(fetchChecked));
    const cache = await caches.open(CACHE);
    await Promise.all(checked.map(([file, response]) => cache.put(file, response)));
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'parallax:update') self.skipWaiting();
  if (event.data === 'parallax:build' && event.source) event.source.postMessage({ build: '${build}' });
});

// Activate: only now are other builds' caches deleted, when no page uses them any more.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('parallax-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Fetch: the app's own files from this build's cache (the fragment never reaches here; a query
// string is ignored), the network only for what the build does not hold.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: true })
        ?? (request.mode === 'navigate' ? await cache.match('./index.html') : undefined);
      return hit ?? fetch(request);
    }),
  );
});
`;
await writeFile(join(dir, 'sw.js'), worker);
console.log(`sw.js: build ${build}, ${names.length} files precached`);
