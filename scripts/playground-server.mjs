/**
 * A small static file server for the playground, on 127.0.0.1 only: it serves one folder,
 * never a path outside it, with `cache-control: no-store` and the extra headers that
 * `headersFor(pathname)` returns (a Content-Security-Policy, the cross-origin isolation pair).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** The two headers that make a page cross-origin isolated (SharedArrayBuffer, kernel threads). */
export const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/**
 * Serves `dir` on 127.0.0.1:`port` (0: any free port). `prefixes` maps a URL prefix such as
 * `/csp/` to extra headers; the prefix is stripped before the file is looked up. Resolves to
 * the listening server.
 */
export function serveFolder(dir, port, prefixes = { '/': {} }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const prefix = Object.keys(prefixes).filter((p) => url.pathname.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    const rest = prefix === undefined ? '' : decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = normalize(join(dir, rest));
    try {
      if (!rest || !file.startsWith(dir + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...prefixes[prefix] }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready(server));
  });
}
