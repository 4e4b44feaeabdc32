/**
 * Runs ONNX models in ONNX Runtime Web (wasm, one thread) in a child Node process (the worker
 * beside this file), since Jest's sandbox cannot load its wasm glue: {@link runOnnx} sends the
 * model bytes and float32 feeds and resolves with the outputs; {@link stopOnnxRuntime} ends the
 * child.
 */
import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';

/** One output: its values and dims. */
export interface OnnxOutput {
  data: Float32Array;
  dims: number[];
}

let child: ChildProcess | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (o: Record<string, OnnxOutput>) => void; reject: (e: Error) => void }>();

function worker(): ChildProcess {
  if (child) return child;
  const started = fork(path.join(__dirname, 'onnx-runtime-worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  started.on('message', (message: { id: number; outputs?: Record<string, { data: number[]; dims: number[] }>; error?: string }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error !== undefined) waiting.reject(new Error(`onnxruntime: ${message.error}`));
    else waiting.resolve(Object.fromEntries(Object.entries(message.outputs ?? {}).map(([name, o]) => [name, { data: Float32Array.from(o.data), dims: o.dims }])));
  });
  child = started;
  return started;
}

/** The outputs of `model` in ONNX Runtime for float32 `feeds` keyed by input name. */
export function runOnnx(model: Uint8Array, feeds: Record<string, { data: ArrayLike<number>; dims: readonly number[] }>): Promise<Record<string, OnnxOutput>> {
  const id = nextId++;
  const plain = Object.fromEntries(Object.entries(feeds).map(([name, f]) => [name, { data: Array.from(f.data), dims: f.dims.slice() }]));
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker().send({ id, model: Buffer.from(model).toString('base64'), feeds: plain });
  });
}

/** Ends the child process (call in `afterAll`). */
export function stopOnnxRuntime(): void {
  child?.kill();
  child = null;
}
