/**
 * The kernel worker's program, as JavaScript source text, and the layout of the shared words
 * through which threads share out a product.
 *
 * The source is a string rather than a file so that the worker starts the same way from the
 * TypeScript sources (ts-node, Jest) and from the built package, in Node or a bundle, with no
 * path to resolve. It defines `runKernelWorker(init)`; the host appends the call that feeds it
 * `init` (see worker-host.ts).
 *
 * A product is cut into chunks (blocks of C's rows or columns, product-split.ts) listed in the
 * job area: a header (`NEXT`, `COUNT`, `FAILED`, `THREADS`) and one row of eleven `gemm`
 * arguments per chunk (assembly/gemm.ts; each thread adds its own workspace). Every thread
 * that takes part, the main one included, takes the next chunk with `Atomics.add(NEXT)` until
 * none is left, so a thread the system deschedules simply computes fewer chunks and nobody waits
 * for it to start.
 *
 * Each worker has a control slot of `SLOT_INTS` int32 (its own 128 bytes, so two workers never
 * share a cache line) holding its `STATE` and the product number `SEQ`:
 * - `STARTING` until the worker has instantiated and warmed up its module, then `IDLE` (or
 *   `BROKEN` if that failed).
 * - The main thread writes the job, claims idle workers (`IDLE → BUSY`, compare-exchange), and
 *   stores a new `SEQ` to wake them.
 * - A woken worker joins with `BUSY → RUNNING` and returns to `IDLE` when no chunk is left. When
 *   the main thread runs out of chunks it withdraws every worker still `BUSY` (`BUSY → IDLE`)
 *   and waits only for those `RUNNING`, each finishing at most the chunk in hand. A worker
 *   touches the job area only while `RUNNING`, and the job is written before any claim, so a
 *   late or early wake-up can never see a half-written job.
 * - A worker left idle for `idleExitMs` swaps `IDLE → EXITED` and ends, so no thread lingers
 *   after training; the compare-exchanges mean it is never claimed after leaving.
 * A worker spins on `SEQ` for `spinMs` after each product, because in training the next one
 * usually follows within microseconds and a sleep and wake-up costs more (10-50 µs in a
 * virtual machine), then sleeps in `Atomics.wait`.
 */
import { WARM_UP_SIZE } from './gemm-module';

/** Int32 words per worker control slot: 32 × 4 = 128 bytes, two cache lines. */
export const SLOT_INTS = 32;
/** Index of the worker's state in its slot. */
export const STATE = 0;
/** Index of the product number that wakes the worker. */
export const SEQ = 1;

/** `STATE` values. */
export const STARTING = 0;
export const IDLE = 1;
export const BUSY = 2;
export const RUNNING = 3;
export const EXITED = 4;
/** The worker could not instantiate or warm up its module: it is never used or restarted. */
export const BROKEN = 5;

/** Job-area header: the next chunk to take, the chunk count, 1 if a chunk trapped, the threads that computed a chunk. */
export const NEXT = 0;
export const COUNT = 1;
export const FAILED = 2;
export const THREADS = 3;
/** Index of the first chunk's arguments; chunk i's are `TABLE + i·CHUNK_ARGS …`. */
export const TABLE = 16;
/** `gemm` arguments per chunk: all but the workspace. */
export const CHUNK_ARGS = 11;
/** Most chunks a product is cut into. */
export const MAX_CHUNKS = 64;
/** Int32 words of the job area. */
export const JOB_INTS = TABLE + MAX_CHUNKS * CHUNK_ARGS;

/** What a worker is started with. Pointers are byte addresses into `memory`. */
export interface KernelWorkerInit {
  /** The compiled shared-memory GEMM module (assembly/, shared build). */
  readonly module: WebAssembly.Module;
  /** The shared memory that every thread's instance runs on. */
  readonly memory: WebAssembly.Memory;
  /** This worker's control slot. */
  readonly slot: number;
  /** The job area, shared by all threads. */
  readonly job: number;
  /** This worker's packing workspace. */
  readonly work: number;
  /** The warm-up operands (zeros, shared read-only) and this worker's own warm-up output. */
  readonly warmA: number;
  readonly warmB: number;
  readonly warmC: number;
  /** How long to spin for the next product before sleeping, in milliseconds. */
  readonly spinMs: number;
  /** How long to sleep without a product before ending, in milliseconds. */
  readonly idleExitMs: number;
}

/** The worker's program: defines `runKernelWorker(init: KernelWorkerInit)`. */
export const KERNEL_WORKER_SOURCE = `'use strict';
function runKernelWorker(init) {
  const STATE = ${STATE}, SEQ = ${SEQ};
  const IDLE = ${IDLE}, BUSY = ${BUSY}, RUNNING = ${RUNNING}, EXITED = ${EXITED}, BROKEN = ${BROKEN};
  const ctl = new Int32Array(init.memory.buffer, init.slot, ${SLOT_INTS});
  const job = new Int32Array(init.memory.buffer, init.job, ${JOB_INTS});
  let gemm;
  try {
    gemm = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports.gemm;
    const n = ${WARM_UP_SIZE};
    for (let form = 0; form < 3; form++) {
      gemm(form === 1 ? 1 : 0, form === 2 ? 1 : 0, n, n, n, init.warmA, n, init.warmB, n, init.warmC, n, init.work);
    }
  } catch {
    Atomics.store(ctl, STATE, BROKEN);
    Atomics.notify(ctl, STATE);
    return;
  }
  let seen = Atomics.load(ctl, SEQ);
  Atomics.store(ctl, STATE, IDLE);
  Atomics.notify(ctl, STATE);
  for (;;) {
    // Read the clock only every 1024 polls: performance.now() allocates, and a tight loop of
    // it kept this thread's garbage collector busy.
    const spinUntil = performance.now() + init.spinMs;
    let polls = 0;
    while (Atomics.load(ctl, SEQ) === seen && ((++polls & 1023) !== 0 || performance.now() < spinUntil));
    while (Atomics.load(ctl, SEQ) === seen) {
      if (Atomics.wait(ctl, SEQ, seen, init.idleExitMs) === 'timed-out' &&
          Atomics.compareExchange(ctl, STATE, IDLE, EXITED) === IDLE) return;
    }
    seen = Atomics.load(ctl, SEQ);
    if (Atomics.compareExchange(ctl, STATE, BUSY, RUNNING) !== BUSY) continue;
    runChunks(gemm, job, init.work);
    Atomics.store(ctl, STATE, IDLE);
    Atomics.notify(ctl, STATE);
  }
}
function runChunks(gemm, job, work) {
  const NEXT = ${NEXT}, COUNT = ${COUNT}, FAILED = ${FAILED}, THREADS = ${THREADS};
  let took = false;
  for (let i = Atomics.add(job, NEXT, 1); i < job[COUNT]; i = Atomics.add(job, NEXT, 1)) {
    if (!took) Atomics.add(job, THREADS, 1);
    took = true;
    const t = ${TABLE} + i * ${CHUNK_ARGS};
    try {
      gemm(job[t], job[t + 1], job[t + 2], job[t + 3], job[t + 4], job[t + 5], job[t + 6], job[t + 7], job[t + 8], job[t + 9], job[t + 10], work);
    } catch {
      Atomics.store(job, FAILED, 1);
    }
  }
}
`;
