/**
 * The thread-pool page: runs threads-check.js on this page's thread, then inside a dedicated
 * Web Worker (threads-worker.js), and shows how many threads computed the product and whether
 * the results matched one thread's bit for bit. On a cross-origin isolated page (served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`)
 * the product runs on two threads; elsewhere, or under a CSP that forbids Blob URL workers, on
 * one, and nothing fails.
 *
 * When it finishes, <body data-status> is "done" (or "error", set by report-errors.js) and
 * <body data-result> holds `{ page, worker }`, the two results as JSON: scripts/browser-smoke.mjs
 * reads them.
 */
import { checkThreads } from './threads-check.js';

const $ = (id) => document.getElementById(id);

/** The check inside a dedicated Web Worker; rejects with the worker's error. */
function checkInWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./threads-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => {
      worker.terminate();
      if (event.data.error) reject(new Error(`in the worker: ${event.data.error}`));
      else resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`the worker failed: ${event.message}`));
    };
  });
}

function addRow(where, result) {
  const row = document.createElement('tr');
  const cells = [where, result.one.used, result.two.used, result.auto.used, result.two.isIdentical && result.auto.isIdentical ? 'yes' : 'NO'];
  for (const text of cells) row.appendChild(document.createElement('td')).textContent = String(text);
  $('rows').appendChild(row);
}

async function main() {
  document.body.dataset.status = 'running';
  $('isolated').textContent = crossOriginIsolated ? 'it is' : 'it is not';
  $('cores').textContent = String(navigator.hardwareConcurrency);
  $('status').textContent = "on this page's thread…";
  const page = await checkThreads();
  addRow("this page's thread", page);
  $('status').textContent = 'in a dedicated Web Worker…';
  const worker = await checkInWorker();
  addRow('a dedicated Web Worker', worker);
  document.body.dataset.result = JSON.stringify({ page, worker });
  $('status').textContent = 'done';
  document.body.dataset.status = 'done';
}

main();
