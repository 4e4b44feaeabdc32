/** TensorFlow.js 4.22 on its pure-JavaScript 'cpu' backend. */
import type { Peer } from './peer';
import { createTfjsPeer } from './tfjs-common';

/** The tfjs peer on the 'cpu' backend. */
export function createTfjsCpuPeer(): Promise<Peer> {
  return createTfjsPeer('cpu', ['tfjs-cpu: @tensorflow/tfjs 4.22 pure-JavaScript backend, model.fit with metrics [accuracy]']);
}
