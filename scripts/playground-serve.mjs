/**
 * Builds the playground and serves it on http://127.0.0.1:$PORT/ (default 5173) until Ctrl-C,
 * cross-origin isolated (so the kernels may use worker threads); the static build in
 * dist/playground/ works without isolation too, on one kernel thread.
 *
 * Usage: npm run playground        PORT=8080 npm run playground
 */
import { resolve } from 'node:path';
import { buildPlayground, describePlayground } from './playground-build.mjs';
import { ISOLATION_HEADERS, serveFolder } from './playground-server.mjs';

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got '${process.env.PORT}'`);
const built = await buildPlayground();
console.log(`built ${describePlayground(built)}`);
await serveFolder(resolve(built.outdir), port, { '/': ISOLATION_HEADERS });
console.log(`layerwise playground: http://127.0.0.1:${port}/  (Ctrl-C to stop)`);
