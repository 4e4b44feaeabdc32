/**
 * The benchmarked libraries. Each loads lazily, so a child process imports only its own peer
 * (and a tfjs child never loads layerwise's model code, nor the other way round).
 */
import type { Peer } from './peer';

/** The peers, in the order tables list them. */
export const PEER_IDS = ['layerwise', 'tfjs-wasm', 'tfjs-cpu', 'convnetjs', 'brain'] as const;

/** A peer's id. */
export type PeerId = (typeof PEER_IDS)[number];

/** A peer and, for layerwise, the kernel backend to select (`undefined`: the library's default). */
export interface PeerRef {
  readonly id: PeerId;
  readonly backend?: string;
}

/** How tables name each peer, and whether it has a matrix product to benchmark. */
export const PEER_INFO: Readonly<Record<PeerId, { readonly label: string; readonly hasMatmul: boolean }>> = {
  layerwise: { label: 'layerwise', hasMatmul: true },
  'tfjs-wasm': { label: 'tfjs-wasm', hasMatmul: true },
  'tfjs-cpu': { label: 'tfjs-cpu', hasMatmul: true },
  convnetjs: { label: 'convnetjs', hasMatmul: false },
  brain: { label: 'brain.js', hasMatmul: false },
};

/** The table label of a peer reference, e.g. `layerwise` or `layerwise [js]`. */
export function peerLabel(ref: PeerRef): string {
  return ref.backend === undefined ? PEER_INFO[ref.id].label : `${PEER_INFO[ref.id].label} [${ref.backend}]`;
}

/** True when `name` is a peer id. */
export function isPeerId(name: string): name is PeerId {
  return (PEER_IDS as readonly string[]).includes(name);
}

/** Imports and initializes a peer (in the child process that benchmarks it). */
export async function loadPeer(ref: PeerRef): Promise<Peer> {
  switch (ref.id) {
    case 'layerwise':
      return (await import('./layerwise')).createLayerwisePeer(ref.backend);
    case 'tfjs-wasm':
      return (await import('./tfjs-wasm')).createTfjsWasmPeer();
    case 'tfjs-cpu':
      return (await import('./tfjs-cpu')).createTfjsCpuPeer();
    case 'convnetjs':
      return (await import('./convnetjs')).createConvnetjsPeer();
    case 'brain':
      return (await import('./brain')).createBrainPeer();
  }
}
