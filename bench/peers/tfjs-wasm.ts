/**
 * TensorFlow.js 4.22 on its WebAssembly backend (XNNPACK, SIMD), loading the .wasm files from
 * node_modules by file path (no network).
 */
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Peer } from './peer';
import { createTfjsPeer } from './tfjs-common';

/** The tfjs peer on the 'wasm' backend; its note says whether the threaded build was usable. */
export async function createTfjsWasmPeer(): Promise<Peer> {
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  setWasmPaths(dist + path.sep);
  const peer = await createTfjsPeer('wasm', []);
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'multi-threaded' : 'one thread';
  return {
    ...peer,
    notes: [`tfjs-wasm: @tensorflow/tfjs-backend-wasm 4.22 (XNNPACK, ${simd}, ${threads} in Node), model.fit with metrics [accuracy]`],
  };
}
