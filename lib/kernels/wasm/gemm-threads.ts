/**
 * Float32 products on several threads: the shared-memory build of the WebAssembly GEMM, one
 * instance on this thread and one in each kernel worker, all on the kernel heap's shared memory
 * (kernel-heap.ts).
 *
 * Operands that live in the heap are read in place and an output that lives there is written
 * in place; any other operand is copied into the scratch above the heap's blocks once, by this
 * thread, and any other output copied out once at the end. The output is cut into contiguous
 * row or column chunks (product-split.ts), a few per thread, listed in the job area; this
 * thread and the workers it wakes take chunks until none is left (gemm-worker-source.ts gives
 * the protocol); this thread then waits for the workers still computing. Every chunk runs the
 * same GEMM over the whole depth, so the result is bit-identical to one thread's whoever
 * computes which chunk. A product on one thread whose operands or output live in the heap runs
 * here too, on this thread's instance, to skip the copies.
 *
 * The control slots, the job area, the workspaces and the warm-up operands are heap blocks.
 * The pool is created by the first product that asks for more than one thread. It is
 * unavailable, and every product runs on one thread, where `SharedArrayBuffer`, shared
 * WebAssembly memory or workers are missing (a browser page without cross-origin isolation:
 * see worker-host.ts).
 */
import type { Tensor } from '../../tensor';
import { align16, WARM_UP_SIZE, warmUp, type GemmExports } from './gemm-module';
import {
  BUSY, CHUNK_ARGS, COUNT, EXITED, FAILED, IDLE, JOB_INTS, MAX_CHUNKS, NEXT, RUNNING, SEQ, SLOT_INTS, STARTING, STATE, TABLE, THREADS,
} from './gemm-worker-source';
import { heapBlock, heapTop, kernelHeap, reserveHeap, type KernelHeap } from './kernel-heap';
import { copyOperandIn, copyResultOut, operandInPlace, resultInPlace, type PlacedMatrix } from './operand-copy';
import { splitProduct, type ProductBlock } from './product-split';
import { canBlockThisThread, canSpawnKernelWorkers, spawnKernelWorker, type KernelWorker } from './worker-host';

/**
 * How long a worker spins for its next product before sleeping, in milliseconds. A sleeping
 * worker wakes slowly (on a 2-core VM it sometimes joined a product milliseconds late, and this
 * thread then waited for its chunk); 20 ms covers the gaps of a training or inference loop
 * (measured with a garbage collection between `predict` calls: slow calls 4 in 15 at 2 ms, 1 in
 * 30 at 20 ms) at the cost of up to 20 ms of one core spinning after the last product of a burst,
 * as OpenMP runtimes spin by default.
 */
const SPIN_MS = 20;
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
 * (a worker was descheduled mid-chunk), {@link isContended} says so for a while and `'auto'`
 * runs products on one thread meanwhile. A stall after at least CLEAN_STREAK clean threaded
 * products backs off for FIRST_BACKOFF_MS; a stall sooner than that doubles the previous
 * back-off, up to MAX_BACKOFF_MS. Measured on a 2-core VM: a lone stall (V8's own background
 * threads take the core for 0.5-4 ms) comes about once per 300 products, and a fixed 250 ms
 * back-off after each cost the big-MLP benchmark a third of its speed; another process busy
 * on a core makes stalls come every few products, and the doubling then keeps products on one
 * thread most of the time.
 */
const FIRST_BACKOFF_MS = 4;
const MAX_BACKOFF_MS = 256;
const CLEAN_STREAK = 32;
/**
 * A wait shorter than this (milliseconds) is never a stall: when this thread itself is
 * descheduled right after waking the workers, they compute every chunk and it measures two
 * near-zero times.
 */
const STALL_MIN_MS = 0.2;
const SLOT_BYTES = SLOT_INTS * 4;

/** A running pool: `threads − 1` workers and this thread, on the kernel heap. */
interface Pool {
  readonly threads: number;
  readonly workers: (KernelWorker | null)[];
  /** Worker w's control slot. */
  readonly slots: Int32Array[];
  /** The job area: header and chunk table. */
  readonly job: Int32Array;
  /** Worker w's workspace. */
  readonly work: number[];
  /** Worker w's warm-up output. */
  readonly warmC: number[];
  seq: number;
}

let pool: Pool | null = null;
let isUnavailable = false;
let contendedUntil = 0;
/** The last back-off's length, in milliseconds. */
let backoffMs = 0;
/** Threaded products without a stall since the last stall. */
let cleanStreak = CLEAN_STREAK;
/** See {@link setDeterministicThreads}. */
let isDeterministic = false;
/** This thread's GEMM workspace and the two zero warm-up operands, once the heap exists. */
let own: { readonly work: number; readonly warmA: number; readonly warmB: number } | null = null;

/**
 * The kernel heap with this thread's workspace and warm-up operands laid out, its instance
 * warmed up (one product per form into scratch); null where there is no heap.
 */
function ownShare(): KernelHeap | null {
  const heap = kernelHeap();
  if (heap === null || own !== null) return heap;
  const warmBytes = WARM_UP_SIZE * WARM_UP_SIZE * 4;
  const work = heapBlock(heap.gemm.workspaceBytes());
  const warmA = heapBlock(warmBytes);
  const warmB = heapBlock(warmBytes);
  if (work < 0 || warmB < 0 || reserveHeap(heapTop() + warmBytes) === null) return null;
  own = { work, warmA, warmB };
  warmUp(heap.gemm, warmA, warmB, heapTop(), work);
  return heap;
}

/** Lays out the slots, job area and worker workspaces on the kernel heap and starts the workers; null if impossible here. */
function createPool(threads: number): Pool | null {
  if (!canSpawnKernelWorkers() || ownShare() === null) return null;
  const heap = kernelHeap() as KernelHeap;
  const slotsAt = heapBlock((threads - 1) * SLOT_BYTES);
  const jobAt = heapBlock(JOB_INTS * 4);
  const work = Array.from({ length: threads - 1 }, () => heapBlock(heap.gemm.workspaceBytes()));
  const warmC = Array.from({ length: threads - 1 }, () => heapBlock(WARM_UP_SIZE * WARM_UP_SIZE * 4));
  if (slotsAt < 0 || jobAt < 0 || work.some((at) => at < 0) || warmC.some((at) => at < 0)) return null;
  const buffer = heap.memory.buffer;
  const created: Pool = {
    threads, work, warmC,
    workers: [],
    slots: Array.from({ length: threads - 1 }, (_, w) => new Int32Array(buffer, slotsAt + w * SLOT_BYTES, SLOT_INTS)),
    job: new Int32Array(buffer, jobAt, JOB_INTS),
    seq: 0,
  };
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
  const { module, memory } = kernelHeap() as KernelHeap;
  const { warmA, warmB } = own as NonNullable<typeof own>;
  return spawnKernelWorker({
    module, memory, slot: slot.byteOffset, job: p.job.byteOffset, work: p.work[w],
    warmA, warmB, warmC: p.warmC[w], spinMs: SPIN_MS, idleExitMs: IDLE_EXIT_MS,
  });
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
    // Deterministic: a starting worker is waited for (it notifies when it becomes IDLE or BROKEN).
    while (isDeterministic && p.workers[w] !== null && Atomics.load(slot, STATE) === STARTING) pause(slot, STATE, STARTING);
    if (Atomics.compareExchange(slot, STATE, IDLE, BUSY) === IDLE) claimed.push(w);
  }
  return claimed;
}

/** Waits briefly while `array[index]` is `value`: a 1 ms nap where this thread may block, else returns at once (the caller spins). */
function pause(array: Int32Array, index: number, value: number): void {
  if (canBlockThisThread()) Atomics.wait(array, index, value, 1);
}

/**
 * Makes the use of threads deterministic, for tests and reproducible measurements: a product on
 * `n ≥ 2` threads that is cut into chunks waits for its workers to have started; this thread
 * reserves one chunk and waits for each worker to take one (or for every chunk to be taken)
 * before computing; and the back-off after contended products ({@link isContended}) is off.
 * However busy the machine, a product on 2 threads is then computed by both (on more, by this
 * thread and at least one worker), bit-identical as always; on a loaded machine it is slower,
 * since this thread waits for descheduled workers instead of computing their share.
 *
 * @param on - true to make thread use deterministic; false (the default) to share chunks as they come.
 * @example
 * ```ts
 * setDeterministicThreads(true);
 * setKernelThreads(2);
 * matmul(out, a, b); // threadsUsedByLastMatmul() is 2
 * ```
 */
export function setDeterministicThreads(on: boolean): void {
  isDeterministic = on;
}

/**
 * Withdraws worker `slot` if it has not joined yet (`BUSY → IDLE`), or waits until it has
 * finished its last chunk: spinning for SPIN_MS (it holds at most one chunk), then sleeping in
 * 1 ms naps where this thread may block (Node, a dedicated Web Worker), or spinning on where it
 * may not (a page's main thread).
 */
function release(slot: Int32Array): void {
  if (Atomics.compareExchange(slot, STATE, BUSY, IDLE) === BUSY) return;
  const spinUntil = performance.now() + SPIN_MS;
  while (Atomics.load(slot, STATE) === RUNNING) {
    if (performance.now() > spinUntil && canBlockThisThread()) Atomics.wait(slot, STATE, RUNNING, 1);
  }
}

/**
 * This thread's share: chunk `reserved` if it took one beforehand (-1 if not), then chunks from
 * the job until none is left (as the workers' `runChunks` does).
 */
function runChunks(p: Pool, gemm: GemmExports, work: number, reserved: number): void {
  const job = p.job;
  let took = reserved >= 0;
  if (took) runChunk(job, reserved, gemm, work);
  for (let i = Atomics.add(job, NEXT, 1); i < job[COUNT]; i = Atomics.add(job, NEXT, 1)) {
    if (!took) Atomics.add(job, THREADS, 1);
    took = true;
    runChunk(job, i, gemm, work);
  }
}

/** Computes chunk `i` of the job; a failure is recorded in the job's FAILED word. */
function runChunk(job: Int32Array, i: number, gemm: GemmExports, work: number): void {
  const t = TABLE + i * CHUNK_ARGS;
  try {
    gemm.gemm(job[t], job[t + 1], job[t + 2], job[t + 3], job[t + 4], job[t + 5], job[t + 6], job[t + 7], job[t + 8], job[t + 9], job[t + 10], work);
  } catch {
    Atomics.store(job, FAILED, 1);
  }
}

/**
 * True during a back-off after a product whose workers fell behind because other threads held
 * the cores: waiting for a descheduled worker costs a scheduler time slice (milliseconds),
 * more than one thread would take for the whole product.
 */
export function isContended(): boolean {
  return !isDeterministic && performance.now() < contendedUntil;
}

/** Ends every worker and forgets the pool; the next product that wants threads starts a new one. */
export function stopKernelThreads(): void {
  if (pool === null) return;
  for (const worker of pool.workers) worker?.terminate();
  pool = null;
}

/** The first eleven `gemm` arguments of one chunk: pointers moved to its first row or column. */
function chunkArgs(rows: boolean, block: ProductBlock, M: number, N: number, K: number, a: PlacedMatrix, b: PlacedMatrix, c: PlacedMatrix): number[] {
  const s = block.start;
  if (rows) {
    const aAt = a.at + (a.trans ? s : s * a.ld) * 4;
    return [+a.trans, +b.trans, block.count, N, K, aAt, a.ld, b.at, b.ld, c.at + s * c.ld * 4, c.ld];
  }
  const bAt = b.at + (b.trans ? s * b.ld : s) * 4;
  return [+a.trans, +b.trans, M, block.count, K, a.at, a.ld, bAt, b.ld, c.at + s * 4, c.ld];
}

/**
 * Where the GEMM finds `t` in the kernel heap: in place (operand-copy.ts), or copied to scratch
 * at byte `scratch` (above every block; the caller has grown the heap to hold it).
 */
function place(t: Tensor, scratch: number, heap: Float32Array): PlacedMatrix {
  const inPlace = operandInPlace(t);
  if (inPlace !== null) return inPlace;
  const trans = copyOperandIn(heap, scratch >> 2, t);
  return { at: scratch, ld: trans ? t.shape[0] : t.shape[1], trans };
}

/**
 * `out = a · b` in float32 on the kernel heap, on up to `threads` threads (this one and
 * `threads − 1` workers): `a` is `[M, K]`, `b` is `[K, N]`, `out` is `[M, N]`, all over
 * `Float32Array`, any strides, as for the one-thread `matmulWasm`. Operands and output that live
 * in the heap in a layout the GEMM reads (kernelZeros tensors and their transposes) are used in
 * place; others are copied in, and the output out, as the one-thread path does.
 *
 * Returns how many threads computed it: 1 when this thread did it alone (the workers were all
 * busy elsewhere or slow to wake, the product is too small to cut, threads are unavailable here,
 * or a chunk failed: threads are then off for good and this thread recomputes the product). Returns
 * 0, leaving `out` untouched, when there is no heap, the product is empty or too big for the
 * heap, or `threads` is 1 and nothing lives in the heap (the one-thread module is as fast then);
 * the caller then runs it on one thread.
 */
export function matmulThreaded(out: Tensor, a: Tensor, b: Tensor, threads: number): number {
  const M = a.shape[0];
  const K = a.shape[1];
  const N = b.shape[1];
  if (M === 0 || N === 0 || K === 0) return 0;
  const outInPlace = resultInPlace(out);
  if (threads < 2 && outInPlace === null && operandInPlace(a) === null && operandInPlace(b) === null) return 0;
  const heap = ownShare();
  if (heap === null) return 0;
  // The pool's blocks come first: they move the scratch up.
  const p = threads < 2 ? null : poolOf(threads);
  const aEnd = heapTop() + align16(M * K * 4);
  const bEnd = aEnd + align16(K * N * 4);
  const view = reserveHeap(bEnd + M * N * 4);
  if (view === null) return 0;
  const A = place(a, heapTop(), view);
  const B = place(b, aEnd, view);
  const C = outInPlace ?? { at: bEnd, ld: N, trans: false };
  const work = (own as NonNullable<typeof own>).work;
  const used = p === null ? 0 : runPool(p, M, N, K, A, B, C, heap.gemm, work);
  if (used === 0) heap.gemm.gemm(+A.trans, +B.trans, M, N, K, A.at, A.ld, B.at, B.ld, C.at, C.ld, work);
  if (outInPlace === null) copyResultOut(out, view, C.at >> 2);
  return Math.max(used, 1);
}

/** The pool of `threads` threads, created (or recreated for another count) if need be; null where threads are unavailable. */
function poolOf(threads: number): Pool | null {
  if (isUnavailable) return null;
  if (pool !== null && pool.threads !== threads) stopKernelThreads();
  if (pool === null) {
    pool = createPool(threads);
    isUnavailable = pool === null;
  }
  return pool;
}

/**
 * Computes the placed product on the pool's threads; how many took part, or 0 when the product
 * is too small to cut or a chunk failed (the pool is then off for good; the caller recomputes the
 * whole product on this thread).
 */
function runPool(p: Pool, M: number, N: number, K: number, A: PlacedMatrix, B: PlacedMatrix, C: PlacedMatrix, gemm: GemmExports, work: number): number {
  const split = splitProduct(M, N, Math.min(MAX_CHUNKS, p.threads * CHUNKS_PER_THREAD));
  if (split.blocks.length < 2) return 0;
  const job = p.job;
  split.blocks.forEach((block, i) => {
    job.set(chunkArgs(split.axis === 'rows', block, M, N, K, A, B, C), TABLE + i * CHUNK_ARGS);
  });
  job[COUNT] = split.blocks.length;
  job[FAILED] = 0;
  job[THREADS] = 0;
  Atomics.store(job, NEXT, 0);
  // The job is complete before any worker is claimed: a worker reads it only after BUSY → RUNNING.
  const workers = claimWorkers(p, Math.min(p.threads - 1, split.blocks.length - 1));
  // Deterministic: this thread reserves the first chunk, then lets each woken worker take one
  // (or every chunk be taken) before it computes, so that no thread can take every chunk.
  const reserved = isDeterministic && workers.length > 0 ? Atomics.add(job, NEXT, 1) : -1;
  if (reserved >= 0) Atomics.add(job, THREADS, 1);
  const seq = ++p.seq;
  for (const w of workers) {
    Atomics.store(p.slots[w], SEQ, seq);
    Atomics.notify(p.slots[w], SEQ);
  }
  while (reserved >= 0 && Atomics.load(job, THREADS) < workers.length + 1 && Atomics.load(job, NEXT) < job[COUNT]) {
    pause(job, THREADS, Atomics.load(job, THREADS));
  }
  const start = performance.now();
  runChunks(p, gemm, work, reserved);
  const ownEnd = performance.now();
  for (const w of workers) release(p.slots[w]);
  const end = performance.now();
  if (end - ownEnd > Math.max(ownEnd - start, STALL_MIN_MS)) {
    backoffMs = cleanStreak >= CLEAN_STREAK ? FIRST_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, 2 * backoffMs);
    contendedUntil = end + backoffMs;
    cleanStreak = 0;
  } else if (workers.length > 0) {
    cleanStreak++;
  }
  if (Atomics.load(job, FAILED) !== 0) {
    stopKernelThreads();
    isUnavailable = true;
    return 0;
  }
  return Atomics.load(job, THREADS);
}
