/**
 * The child process that benchmarks one peer on one task, so that its peak resident memory is
 * its own and no other peer's JIT state or heap disturbs it. Started by the runner with
 * `[peerRef JSON, task JSON]` as arguments; answers with one {@link ChildMessage} over IPC.
 */
import seedrandom from 'seedrandom';
import { loadBenchData } from './data';
import { peakRssMiB } from './peak-memory';
import { runTask } from './harness';
import { loadPeer, type PeerRef } from './peers';
import type { ChildMessage, Task } from './tasks';

async function main(): Promise<ChildMessage> {
  const ref = JSON.parse(process.argv[2]) as PeerRef | null;
  const task = JSON.parse(process.argv[3]) as Task;
  // Peers that draw from Math.random (tfjs's shuffle, brain.js's and ConvNetJS's init) draw a seeded sequence.
  seedrandom(String('settings' in task ? task.settings.seed : 0), { global: true });
  const data = 'data' in task ? loadBenchData(task.data) : null;
  const peer = ref && task.kind !== 'baseline' ? await loadPeer(ref) : null;
  const result = await runTask(peer, task, data);
  return { ok: true, result, peakRssMiB: peakRssMiB(), notes: peer?.notes ?? [] };
}

main().then(
  (message) => process.send?.(message, () => process.exit(0)),
  (error: unknown) => {
    const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    const message: ChildMessage = { ok: false, error: text };
    process.send?.(message, () => process.exit(1));
  },
);
