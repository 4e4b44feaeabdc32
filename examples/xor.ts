/**
 * XOR: the smallest problem a straight line cannot solve. Four points, two classes, and a
 * network with one hidden layer of 8 tanh units learns to separate them.
 *
 * Run: npx tsx examples/xor.ts
 */
import { Dense, SGD, Sequential, setSeed, toArray, xor } from '../lib';

export async function main(epochs = 1000): Promise<number> {
  setSeed(7); // same seed, same initial weights, same result on every run

  // x: [4, 2] — the corners of the unit square; y: [4, 1] — 1 when exactly one input is 1.
  const { x, y } = xor();

  const model = new Sequential([
    new Dense({ units: 8, activation: 'tanh', inputShape: [2] }),
    new Dense({ units: 1, activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: new SGD({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  model.summary();

  // The whole dataset is one batch; every epoch is one step of gradient descent.
  const history = await model.fit(x, y, { epochs, batchSize: 4, verbose: 0, seed: 1 });
  const losses = history.history.loss;
  for (const e of [0, Math.floor(epochs / 4), Math.floor(epochs / 2), epochs - 1]) {
    console.log(`epoch ${String(e + 1).padStart(4)}: loss ${losses[e].toFixed(4)}`);
  }

  const [loss, accuracy] = model.evaluate(x, y) as number[];
  const p = toArray(model.predict(x)) as number[][];
  const inputs = toArray(x) as number[][];
  inputs.forEach(([a, b], i) => console.log(`${a} xor ${b} -> ${p[i][0].toFixed(3)}`));
  console.log(`final loss ${loss.toFixed(4)}, accuracy ${(accuracy * 100).toFixed(0)}%`);
  return accuracy;
}

if (require.main === module) void main();
