import fc from 'fast-check';
import { smallModel, dataLike, attemptAsync } from './harness';
it('stats', async () => {
  const tally = new Map<string, number>();
  const labels = fc.oneof(fc.integer({ min: 1, max: 5 }).map((n) => Array.from({ length: n }, (_, i) => [i % 2, (i + 1) % 2])), dataLike(2));
  const samples = fc.sample(fc.tuple(dataLike(3), labels), { seed: 401, numRuns: 300 });
  for (const [x, y] of samples) {
    const m = smallModel(); m.compile({ optimizer: 'sgd', loss: 'mse' });
    const out = await attemptAsync(() => m.fit(x as never, y as never, { verbose: 0 }));
    const key = out.ok ? 'OK' : out.error.name + ': ' + out.error.message.replace(/[-\d.e]+/g, '#').slice(0, 70);
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  console.log([...tally].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v} ${k}`).join('\n'));
});
