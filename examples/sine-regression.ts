/**
 * Sine regression: fit y = sin(x) from noisy samples with a small tanh network and the mean
 * squared error — regression rather than classification, the same training loop.
 *
 * Run: npx tsx examples/sine-regression.ts
 */
import { Adam, Dense, Sequential, setSeed, sine, tensor, toArray } from '../lib';

export async function main(epochs = 200): Promise<number> {
  setSeed(11);

  // x: [400, 1] in [-π, π]; y: [400, 1] = sin(x) + noise.
  const { x, y } = sine({ nSamples: 400, noise: 0.05, seed: 5 });

  const model = new Sequential([
    new Dense({ units: 32, activation: 'tanh', inputShape: [1] }),
    new Dense({ units: 32, activation: 'tanh' }),
    new Dense({ units: 1 }),
  ]);
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse' });

  const history = await model.fit(x, y, { epochs, batchSize: 32, validationSplit: 0.2, verbose: 0, seed: 6 });
  const last = epochs - 1;
  console.log(`after ${epochs} epochs: loss ${history.history.loss[last].toFixed(5)}, val_loss ${history.history.val_loss[last].toFixed(5)}`);

  // Compare the fit with the true curve at a few points.
  const probe = [-3, -1.5, 0, 1.5, 3];
  const predicted = toArray(model.predict(tensor(probe.map((v) => [v])))) as number[][];
  probe.forEach((v, i) => console.log(`sin(${v.toFixed(1).padStart(4)}) = ${Math.sin(v).toFixed(3).padStart(6)}   model: ${predicted[i][0].toFixed(3).padStart(6)}`));
  return history.history.val_loss[last];
}

if (require.main === module) void main();
