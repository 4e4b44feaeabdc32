/**
 * Spirals: three interleaved arms of points in the plane, one class per arm. A linear model
 * manages about a third; a small ReLU network with a softmax output separates them.
 *
 * Run: npx tsx examples/spirals.ts
 */
import { Adam, Dense, Sequential, oneHot, setSeed, spirals, trainTestSplit } from '../lib';

export async function main(epochs = 300): Promise<number> {
  setSeed(3);

  // x: [600, 2] points; y: [600] class indices 0, 1, 2.
  const { x, y } = spirals({ nSamples: 600, nClasses: 3, noise: 0.1, seed: 1 });
  const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, oneHot(y, 3), { testSize: 0.2, seed: 2 });

  const model = new Sequential([
    new Dense({ units: 64, activation: 'relu', inputShape: [2] }),
    new Dense({ units: 64, activation: 'relu' }),
    new Dense({ units: 3, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

  const history = await model.fit(xTrain, yTrain, { epochs, batchSize: 32, verbose: 0, seed: 4 });
  const every = Math.max(1, Math.floor(epochs / 5));
  history.history.loss.forEach((loss, e) => {
    if (e % every === 0 || e === epochs - 1) {
      console.log(`epoch ${String(e + 1).padStart(3)}: loss ${loss.toFixed(4)}, accuracy ${(history.history.accuracy[e] * 100).toFixed(1)}%`);
    }
  });

  const [loss, accuracy] = model.evaluate(xTest, yTest) as number[];
  console.log(`held-out: loss ${loss.toFixed(4)}, accuracy ${(accuracy * 100).toFixed(1)}%`);
  return accuracy;
}

if (require.main === module) void main();
