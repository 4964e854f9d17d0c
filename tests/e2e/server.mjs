// The small static server for a release build, with nothing to install (Node's own http): used by
// the end-to-end harness (harness.mjs re-exports it with the tests' build as the default root) and
// by the Lighthouse benchmark (bench/lighthouse.mjs), which imports this file directly because it
// has none of the tests' npm packages.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Whether an Accept-Encoding header takes gzip (any q but 0). */
function acceptsGzip(header = '') {
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/**
 * Serves `root` on 127.0.0.1 at a free port. Only files under `root` with a known type are served;
 * anything else is a 404, so a missing asset shows up as a failed request and a console error.
 * `requests` lists every request it got (`METHOD /path status`), for tests that read no browser
 * network events (the other engines' suite in tests/e2e-engines/).
 *
 * With `{ gzip: true }` it serves like a static host with precompressed files (nginx's
 * gzip_static): when the request accepts gzip and the build has a `.gz` copy beside the file
 * (tools/compress.mjs writes them), that copy is sent with `Content-Encoding: gzip` and the file's
 * own Content-Type. Without it (the tests' default) every file is sent as it is. `cacheControl`
 * is the Cache-Control header of every response (the tests' default: `no-store`). `base` is the
 * folder the build is served in (default `/`; `/parallax/` as a school's web space would), and
 * any request outside it is a 404.
 */
export async function startServer(root, { gzip = false, cacheControl = 'no-store', base = '/' } = {}) {
  root = resolve(root);
  const requests = [];
  const index = join(root, 'index.html');
  await stat(index).catch(() => {
    throw new Error(`${index} is missing: run \`trunk build --release --offline\` (or \`make test\`) first`);
  });
  const server = createServer(async (req, res) => {
    res.on('finish', () => requests.push(`${req.method} ${req.url} ${res.statusCode}`));
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      notFound();
      return;
    }
    // Served under `base` only, as a host serves a site in a folder of its own.
    if (!path.startsWith(base)) {
      notFound();
      return;
    }
    path = '/' + path.slice(base.length);
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, '.' + path);
    const type = CONTENT_TYPES[extname(file).toLowerCase()];
    if (!type || (file !== root && !file.startsWith(root + sep))) {
      notFound();
      return;
    }
    const headers = { 'content-type': type, 'cache-control': cacheControl };
    let body;
    if (gzip) {
      headers.vary = 'accept-encoding';
      if (acceptsGzip(req.headers['accept-encoding'])) {
        body = await readFile(file + '.gz').catch(() => undefined);
        if (body) headers['content-encoding'] = 'gzip';
      }
    }
    try {
      body ??= await readFile(file);
    } catch {
      notFound();
      return;
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
