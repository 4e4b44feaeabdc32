/**
 * The kernel heap: one shared `WebAssembly.Memory` that the thread pool's GEMM instances run
 * on, and where long-lived float32 tensors (layer parameters, their gradients, layer output
 * buffers) can live, so that a product reads and writes them in place instead of copying them
 * in and out of WebAssembly memory on every call.
 *
 * Layout: `[module static data | blocks …]`, every block 16-byte aligned and handed out by a
 * bump pointer; the space above the last block (`heapTop()`) is scratch for the operands of
 * the product being computed. A tensor's block returns to a free list (by exact size) when it
 * is freed ({@link freeHeapFloat32}, which `dispose()` calls) or its `Float32Array` is
 * garbage-collected, and is reused, zeroed, by the next block of that size.
 * Memory is never shrunk. Growing a shared memory never detaches views: old views stay valid
 * and keep pointing at the same bytes, so every buffer the memory has had is recognised.
 *
 * Unavailable (every caller then copies as before) where `SharedArrayBuffer`, shared
 * WebAssembly memory or the shared build's features are missing.
 */
import { GEMM_SHARED_WASM_BASE64 } from './gemm-wasm-shared.generated';
import { GEMM_SHARED_RELAXED_WASM_BASE64 } from './gemm-wasm-shared-relaxed.generated';
import { align16, chooseBuild, engineAccepts, PAGE_BYTES, type KernelExports } from './gemm-module';

/** Largest heap, in pages (1 GiB). */
const MAX_PAGES = 16384;

/** The heap: the shared memory, the compiled shared build and this thread's instance of it. */
export interface KernelHeap {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly gemm: KernelExports;
}

let heap: KernelHeap | null = null;
let isUnavailable = false;
let view = new Float32Array(0);
let top = 0;
/** Every buffer the memory has had (one per growth), to recognise views taken before a growth. */
const buffers = new Set<ArrayBufferLike>();
/** Free blocks by size in bytes. */
const freeBlocks = new Map<number, number[]>();
/** The block of every live array {@link heapFloat32} handed out, until it is freed or collected. */
const liveBlocks = new WeakMap<Float32Array | Int32Array, readonly [number, number]>();

/** Puts a block back on the free list of its size. */
function freeBlock(at: number, bytes: number): void {
  const list = freeBlocks.get(bytes);
  if (list) list.push(at);
  else freeBlocks.set(bytes, [at]);
}

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<readonly [number, number]>(([at, bytes]) => freeBlock(at, bytes))
  : null;

/** The kernel heap, created on first use; null where shared WebAssembly memory is unavailable. */
export function kernelHeap(): KernelHeap | null {
  if (heap !== null || isUnavailable) return heap;
  isUnavailable = true;
  if (typeof SharedArrayBuffer !== 'function') return null;
  const bytes = chooseBuild(GEMM_SHARED_WASM_BASE64, GEMM_SHARED_RELAXED_WASM_BASE64);
  if (!engineAccepts(bytes)) return null;
  try {
    const module = new WebAssembly.Module(bytes);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
    heap = { module, memory, gemm };
    top = align16(gemm.heapBase());
    reserveHeap(top);
  } catch {
    heap = null;
    return null;
  }
  isUnavailable = false;
  return heap;
}

/** True once the heap exists (its module compiled and instantiated); never creates it. */
export function isKernelHeapReady(): boolean {
  return heap !== null;
}

/**
 * Grows the heap so that bytes `[0, end)` exist and returns the current float32 view of all of
 * it; null if it cannot grow (or there is no heap).
 */
export function reserveHeap(end: number): Float32Array | null {
  if (heap === null) return null;
  const memory = heap.memory;
  const have = memory.buffer.byteLength;
  if (end > have) {
    try {
      memory.grow(Math.ceil((end - have) / PAGE_BYTES));
    } catch {
      return null;
    }
  }
  if (view.byteLength !== memory.buffer.byteLength) {
    view = new Float32Array(memory.buffer);
    buffers.add(view.buffer);
  }
  return view;
}

/** The first byte above every block: where a product's scratch operands may start. */
export function heapTop(): number {
  return top;
}

/** A new block of `bytes` (rounded up to 16) above every other, for the whole process; its address, or -1. */
export function heapBlock(bytes: number): number {
  const at = top;
  if (kernelHeap() === null || reserveHeap(at + align16(bytes)) === null) return -1;
  top = at + align16(bytes);
  return at;
}

/**
 * `length` float32 zeros in the kernel heap, or null where there is no heap (or it cannot grow).
 * The block is reused once the returned array is garbage-collected: do not keep a `subarray`
 * of it longer than the array itself.
 */
export function heapFloat32(length: number): Float32Array | null {
  return heapArray(length, (buffer, at) => new Float32Array(buffer, at, length));
}

/**
 * `length` int32 zeros in the kernel heap (the arg-max indices of max pooling, which the
 * WebAssembly kernels write and read in place), or null as for {@link heapFloat32}, with the same
 * lifetime rule.
 */
export function heapInt32(length: number): Int32Array | null {
  return heapArray(length, (buffer, at) => new Int32Array(buffer, at, length));
}

/** A zeroed block of `length` 4-byte elements, viewed by `view`, freed when that view is collected; null as for {@link heapFloat32}. */
function heapArray<T extends Float32Array | Int32Array>(length: number, view: (buffer: ArrayBufferLike, at: number) => T): T | null {
  // Past the heap's size it cannot fit (and 32-bit `align16` would wrap): an ordinary array, or its error.
  if (registry === null || length * 4 > MAX_PAGES * PAGE_BYTES || kernelHeap() === null) return null;
  const bytes = align16(Math.max(length, 1) * 4);
  const reused = freeBlocks.get(bytes)?.pop();
  const at = reused ?? heapBlock(bytes);
  if (at < 0) return null;
  const all = reserveHeap(top) as Float32Array;
  const data = view(all.buffer, at);
  // A reused block holds its last owner's values, and a new one may lie where an earlier
  // product's scratch operands were (above the blocks of that time): both need zeroing.
  data.fill(0);
  const block = [at, bytes] as const;
  liveBlocks.set(data, block);
  registry.register(data, block, data);
  return data;
}

/**
 * Gives `data`'s block back at once (instead of when the array is garbage-collected), for the
 * next {@link heapFloat32} of that size to reuse: a model that is disposed leaves the heap as
 * it found it, however rarely the garbage collector runs. `data` must be an array
 * {@link heapFloat32} returned, not a `subarray` of it, and must never be used again: it still
 * views the block, which the next tensor of that size will own.
 *
 * @returns true when the block was freed; false when `data` is not a live heap array (an
 * ordinary array, a subarray, or one freed already), so a second free is harmless.
 */
export function freeHeapFloat32(data: Float32Array): boolean {
  const block = liveBlocks.get(data);
  if (block === undefined || registry === null) return false;
  liveBlocks.delete(data);
  registry.unregister(data);
  freeBlock(block[0], block[1]);
  return true;
}

/** The heap byte address of `data[0]`, or -1 when `data` is not a float32 (or int32) view of the kernel heap. */
export function heapAddress(data: ArrayBufferView): number {
  return (data instanceof Float32Array || data instanceof Int32Array) && buffers.has(data.buffer) ? data.byteOffset : -1;
}
