/**
 * Float32 products on several threads: the shared-memory build of the WebAssembly GEMM, one
 * instance on this thread and one in each kernel worker, all on one shared memory.
 *
 * A product is copied into the shared heap once, by this thread; its output is cut into
 * contiguous row or column chunks (product-split.ts), a few per thread, listed in the job area;
 * this thread and the workers it wakes take chunks until none is left (gemm-worker-source.ts
 * gives the protocol); this thread then waits for the workers still computing and copies the
 * output out once. Every chunk runs the same GEMM over the whole depth, so the result is
 * bit-identical to one thread's whoever computes which chunk.
 *
 * Heap layout: `[control slots | job area | warm-up operands | workspaces | A | B | C]`, the
 * operands at the top, grown as products need. Growing a shared memory never detaches views,
 * but older views do not see the new bytes, so the heap view is re-taken after growth.
 *
 * The pool is created by the first product that asks for more than one thread. It is
 * unavailable, and every product runs on one thread, where `SharedArrayBuffer`, shared
 * WebAssembly memory or workers are missing (a browser page without cross-origin isolation, or
 * any browser until a Web Worker host is written: see worker-host.ts).
 */
import { isNode } from '../../node-only';
import type { Tensor } from '../../tensor';
import { GEMM_SHARED_WASM_BASE64 } from './gemm-wasm-shared.generated';
import { align16, decodeBase64, engineAccepts, PAGE_BYTES, WARM_UP_SIZE, warmUp, type GemmExports } from './gemm-module';
import {
  BUSY, CHUNK_ARGS, COUNT, EXITED, FAILED, IDLE, JOB_INTS, MAX_CHUNKS, NEXT, RUNNING, SEQ, SLOT_INTS, STARTING, STATE, TABLE, THREADS,
} from './gemm-worker-source';
import { copyOperandIn, copyResultOut } from './operand-copy';
import { splitProduct, type ProductBlock } from './product-split';
import { canSpawnKernelWorkers, spawnKernelWorker, type KernelWorker } from './worker-host';

/** Largest shared heap, in pages (1 GiB); bigger products run on one thread. */
const MAX_PAGES = 16384;
/** How long a worker spins for its next product before sleeping, in milliseconds. */
const SPIN_MS = 2;
/** How long an idle worker sleeps before ending, in milliseconds (it is restarted on demand). */
const IDLE_EXIT_MS = 5000;
/**
 * Chunks per thread: more let a thread that gets less CPU time (a machine shared with other
 * work) do less of the product, fewer repeat less packing (each chunk packs the whole of the
 * operand that is not cut).
 */
const CHUNKS_PER_THREAD = 2;
/**
 * After a product in which this thread waited for the workers longer than it computed itself
 * (a worker was descheduled mid-chunk: other processes hold the cores), {@link isContended}
 * says so for this long, in milliseconds, and `'auto'` runs products on one thread meanwhile.
 */
const BACKOFF_MS = 250;
const SLOT_BYTES = SLOT_INTS * 4;

/** A running pool: `threads − 1` workers and this thread. */
interface Pool {
  readonly threads: number;
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly gemm: GemmExports;
  readonly workers: (KernelWorker | null)[];
  /** Worker w's control slot. */
  readonly slots: Int32Array[];
  /** The job area: header and chunk table. */
  readonly job: Int32Array;
  /** Thread t's workspace (0 is this thread, w + 1 is worker w). */
  readonly work: number[];
  readonly warmA: number;
  readonly warmB: number;
  /** Thread t's warm-up output. */
  readonly warmC: number[];
  /** Where the operands start. */
  readonly operands: number;
  heap: Float32Array;
  seq: number;
}

let pool: Pool | null = null;
let isUnavailable = false;
let contendedUntil = 0;

/** Grows the shared heap so that bytes `[0, end)` exist, and re-takes the view. False if it cannot grow. */
function reserve(p: Pool, end: number): boolean {
  const have = p.memory.buffer.byteLength;
  if (end > have) {
    try {
      p.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
    } catch {
      return false;
    }
  }
  if (p.heap.byteLength !== p.memory.buffer.byteLength) p.heap = new Float32Array(p.memory.buffer);
  return true;
}

/** Creates the shared memory and this thread's instance, lays out the heap and starts the workers; null if impossible here. */
function createPool(threads: number): Pool | null {
  if (typeof SharedArrayBuffer !== 'function' || !canSpawnKernelWorkers()) return null;
  const bytes = decodeBase64(GEMM_SHARED_WASM_BASE64);
  if (!engineAccepts(bytes)) return null;
  const warmBytes = WARM_UP_SIZE * WARM_UP_SIZE * 4;
  let created: Pool;
  try {
    const module = new WebAssembly.Module(bytes);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GemmExports;
    const workBytes = align16(gemm.workspaceBytes());
    const slotsAt = align16(gemm.heapBase());
    const jobAt = slotsAt + (threads - 1) * SLOT_BYTES;
    const warmA = align16(jobAt + JOB_INTS * 4);
    const warmB = warmA + warmBytes;
    const warmC = Array.from({ length: threads }, (_, t) => warmB + (t + 1) * warmBytes);
    const workAt = warmB + (threads + 1) * warmBytes;
    const work = Array.from({ length: threads }, (_, t) => workAt + t * workBytes);
    created = {
      threads, module, memory, gemm, warmA, warmB, warmC, work,
      workers: [],
      slots: Array.from({ length: threads - 1 }, (_, w) => new Int32Array(memory.buffer, slotsAt + w * SLOT_BYTES, SLOT_INTS)),
      job: new Int32Array(memory.buffer, jobAt, JOB_INTS),
      operands: workAt + threads * workBytes,
      heap: new Float32Array(memory.buffer),
      seq: 0,
    };
    if (!reserve(created, created.operands)) return null;
  } catch {
    return null;
  }
  warmUp(created.gemm, created.warmA, created.warmB, created.warmC[0], created.work[0]);
  for (let w = 0; w < threads - 1; w++) created.workers.push(startWorker(created, w));
  return created;
}

/**
 * Starts worker w on its slot without waiting for it: until it has instantiated and warmed up
 * its module (about 200 ms) it stays `STARTING`, is never claimed, and this thread computes
 * every chunk itself.
 */
function startWorker(p: Pool, w: number): KernelWorker | null {
  const slot = p.slots[w];
  Atomics.store(slot, STATE, STARTING);
  const worker = spawnKernelWorker({
    module: p.module, memory: p.memory, slot: slot.byteOffset, job: p.job.byteOffset, work: p.work[w + 1],
    warmA: p.warmA, warmB: p.warmB, warmC: p.warmC[w + 1], spinMs: SPIN_MS, idleExitMs: IDLE_EXIT_MS,
  });
  return worker;
}

/**
 * Claims up to `wanted` idle workers (`IDLE → BUSY`), restarting any that ended while idle.
 * Returns their indices.
 */
function claimWorkers(p: Pool, wanted: number): number[] {
  const claimed: number[] = [];
  for (let w = 0; w < p.slots.length && claimed.length < wanted; w++) {
    const slot = p.slots[w];
    if (Atomics.load(slot, STATE) === EXITED) p.workers[w] = startWorker(p, w);
    if (Atomics.compareExchange(slot, STATE, IDLE, BUSY) === IDLE) claimed.push(w);
  }
  return claimed;
}

/**
 * Withdraws worker `slot` if it has not joined yet (`BUSY → IDLE`), or waits until it has
 * finished its last chunk: spinning for SPIN_MS (it holds at most one chunk), then sleeping in
 * 1 ms naps where this thread may block (Node), or spinning on where it may not (a browser page).
 */
function release(slot: Int32Array): void {
  if (Atomics.compareExchange(slot, STATE, BUSY, IDLE) === BUSY) return;
  const spinUntil = performance.now() + SPIN_MS;
  while (Atomics.load(slot, STATE) === RUNNING) {
    if (performance.now() > spinUntil && isNode()) Atomics.wait(slot, STATE, RUNNING, 1);
  }
}

/** This thread's share: takes chunks from the job until none is left (as the workers' `runChunks` does). */
function runChunks(p: Pool): void {
  const job = p.job;
  let took = false;
  for (let i = Atomics.add(job, NEXT, 1); i < job[COUNT]; i = Atomics.add(job, NEXT, 1)) {
    if (!took) Atomics.add(job, THREADS, 1);
    took = true;
    const t = TABLE + i * CHUNK_ARGS;
    try {
      p.gemm.gemm(job[t], job[t + 1], job[t + 2], job[t + 3], job[t + 4], job[t + 5], job[t + 6], job[t + 7], job[t + 8], job[t + 9], job[t + 10], p.work[0]);
    } catch {
      Atomics.store(job, FAILED, 1);
    }
  }
}

/**
 * True for BACKOFF_MS after a product whose workers fell behind because other processes held
 * the cores: waiting for a descheduled worker costs a scheduler time slice (milliseconds),
 * more than one thread would take for the whole product.
 */
export function isContended(): boolean {
  return performance.now() < contendedUntil;
}

/** Ends every worker and forgets the pool; the next product that wants threads starts a new one. */
export function stopKernelThreads(): void {
  if (pool === null) return;
  for (const worker of pool.workers) worker?.terminate();
  pool = null;
}

/** The first eleven `gemm` arguments of one chunk: pointers moved to its first row or column. */
function chunkArgs(
  rows: boolean, block: ProductBlock, transA: boolean, transB: boolean, M: number, N: number, K: number,
  aPtr: number, lda: number, bPtr: number, ldb: number, cPtr: number,
): number[] {
  const s = block.start;
  if (rows) {
    const a = aPtr + (transA ? s : s * lda) * 4;
    return [+transA, +transB, block.count, N, K, a, lda, bPtr, ldb, cPtr + s * N * 4, N];
  }
  const b = bPtr + (transB ? s * ldb : s) * 4;
  return [+transA, +transB, M, block.count, K, aPtr, lda, b, ldb, cPtr + s * 4, N];
}

/**
 * `out = a · b` in float32 on up to `threads` threads (this one and `threads − 1` workers):
 * `a` is `[M, K]`, `b` is `[K, N]`, `out` is `[M, N]`, all over `Float32Array`, any strides, as
 * for the one-thread `matmulWasm`. Returns how many threads computed part of it (1 if the
 * workers were all busy elsewhere or slow to wake), or 0, leaving `out` untouched, when threads
 * are unavailable here, no worker is idle, the product is empty, too small to cut or too big
 * for the shared heap, or a chunk failed (threads are then off for good); the caller then runs
 * it on one thread.
 */
export function matmulThreaded(out: Tensor, a: Tensor, b: Tensor, threads: number): number {
  const M = a.shape[0];
  const K = a.shape[1];
  const N = b.shape[1];
  if (isUnavailable || M === 0 || N === 0 || K === 0) return 0;
  if (pool !== null && pool.threads !== threads) stopKernelThreads();
  if (pool === null) {
    pool = createPool(threads);
    if (pool === null) {
      isUnavailable = true;
      return 0;
    }
  }
  const p = pool;
  const split = splitProduct(M, N, Math.min(MAX_CHUNKS, threads * CHUNKS_PER_THREAD));
  if (split.blocks.length < 2) return 0;
  const aPtr = p.operands;
  const bPtr = aPtr + align16(M * K * 4);
  const cPtr = bPtr + align16(K * N * 4);
  if (!reserve(p, cPtr + M * N * 4)) return 0;
  const transA = copyOperandIn(p.heap, aPtr >> 2, a);
  const transB = copyOperandIn(p.heap, bPtr >> 2, b);
  const lda = transA ? M : K;
  const ldb = transB ? K : N;
  const job = p.job;
  split.blocks.forEach((block, i) => {
    job.set(chunkArgs(split.axis === 'rows', block, transA, transB, M, N, K, aPtr, lda, bPtr, ldb, cPtr), TABLE + i * CHUNK_ARGS);
  });
  job[COUNT] = split.blocks.length;
  job[FAILED] = 0;
  job[THREADS] = 0;
  Atomics.store(job, NEXT, 0);
  // The job is complete before any worker is claimed: a worker reads it only after BUSY → RUNNING.
  const workers = claimWorkers(p, Math.min(threads - 1, split.blocks.length - 1));
  const seq = ++p.seq;
  for (const w of workers) {
    Atomics.store(p.slots[w], SEQ, seq);
    Atomics.notify(p.slots[w], SEQ);
  }
  const start = performance.now();
  runChunks(p);
  const ownEnd = performance.now();
  for (const w of workers) release(p.slots[w]);
  const end = performance.now();
  if (end - ownEnd > ownEnd - start) contendedUntil = end + BACKOFF_MS;
  if (Atomics.load(job, FAILED) !== 0) {
    stopKernelThreads();
    isUnavailable = true;
    return 0;
  }
  copyResultOut(out, p.heap, cPtr >> 2);
  return Atomics.load(job, THREADS);
}
