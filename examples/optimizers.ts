/**
 * Optimizers: the same network, the same data and the very same initial weights, trained four
 * ways. Plain SGD (`W ← W − η·dW`) crawls; momentum keeps a running velocity and rolls through
 * flat stretches; Adam scales each weight's step by its own gradient history; AdamW is Adam with
 * decoupled weight decay (`W ← W − η·λ·W` on top), which keeps the weights small.
 *
 * Run: npx tsx examples/optimizers.ts   (writes examples/output/optimizers.svg)
 */
import { join } from 'path';
import { Adam, AdamW, Dense, SGD, Sequential, oneHot, plotHistory, setSeed, spirals, type History, type Optimizer } from '../lib';

/** Each run's final training loss, by optimizer. */
export type FinalLosses = Record<string, number>;

export async function main(epochs = 20, outDir = join(__dirname, 'output')): Promise<FinalLosses> {
  setSeed(5);

  // x: [600, 2] points on three spiral arms; y: [600, 3] one-hot arm labels.
  const { x, y: labels } = spirals({ nSamples: 600, nClasses: 3, noise: 0.1, seed: 1 });
  const y = oneHot(labels, 3);

  const build = () => new Sequential([
    new Dense({ units: 64, activation: 'relu', inputShape: [2] }),
    new Dense({ units: 64, activation: 'relu' }),
    new Dense({ units: 3, activation: 'softmax' }),
  ]);
  const initial = build().getWeights(); // one draw of weights, copied into every run

  const optimizers: Record<string, Optimizer> = {
    'SGD': new SGD({ learningRate: 0.05 }),
    'SGD+momentum': new SGD({ learningRate: 0.05, momentum: 0.9 }),
    'Adam': new Adam({ learningRate: 0.01 }),
    'AdamW': new AdamW({ learningRate: 0.01, weightDecay: 0.05 }),
  };
  const histories: Record<string, History> = {};
  const weightNorms: Record<string, number> = {};
  for (const [name, optimizer] of Object.entries(optimizers)) {
    const model = build();
    model.setWeights(initial);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    // The same shuffling seed too: the runs differ only by their optimizer.
    histories[name] = await model.fit(x, y, { epochs, batchSize: 32, verbose: 0, seed: 2 });
    let sumOfSquares = 0;
    for (const w of model.getWeights()) for (const v of w.data) sumOfSquares += v * v;
    weightNorms[name] = Math.sqrt(sumOfSquares);
  }

  const names = Object.keys(histories);
  console.log(`training loss per epoch (600 spiral points, batches of 32)\n${'epoch'.padStart(5)}  ${names.map((n) => n.padStart(14)).join('')}`);
  for (let e = 0; e < epochs; e++) {
    console.log(`${String(e + 1).padStart(5)}  ${names.map((n) => histories[n].history.loss[e].toFixed(4).padStart(14)).join('')}`);
  }
  const last = epochs - 1;
  for (const n of names) {
    const { loss, accuracy } = histories[n].history;
    console.log(`${n.padEnd(12)} final loss ${loss[last].toFixed(4)}, accuracy ${(accuracy[last] * 100).toFixed(1)}%, ‖weights‖₂ ${weightNorms[n].toFixed(2)}`);
  }

  const file = join(outDir, 'optimizers.svg');
  await plotHistory(histories, file, { metrics: ['loss'], title: 'Same seed, same start: training loss by optimizer' });
  console.log(`loss curves written to ${file}`);
  return Object.fromEntries(names.map((n) => [n, histories[n].history.loss[last]]));
}

if (require.main === module) void main();
