/**
 * Regularization: 60 noisy two-moons points and a network with 17,000 weights. Trained plainly
 * it learns the 60 points by heart (training loss near 0) while the loss on 400 unseen points
 * climbs: overfitting. Four remedies on the same data and seed: Dropout (random units silenced
 * in training), an L2 penalty `λ·Σw²` on every kernel, BatchNormalization (noisy batch statistics),
 * and EarlyStopping, which stops when the validation loss stops improving and puts back the
 * weights of its best epoch.
 *
 * Run: npx tsx examples/regularization.ts   (writes examples/output/regularization.svg)
 */
import { join } from 'path';
import {
  Adam, BatchNormalization, Dense, Dropout, EarlyStopping, L2, ReLU, Sequential, l2, moons, oneHot, plotHistory, setSeed,
  trainTestSplit, type Callback, type History, type Layer,
} from '../lib';

/** Per variant: the final loss and accuracy on both sets, the epochs run, and the lowest validation loss seen in training. */
export type RegularizationReport = Record<string, {
  trainLoss: number; trainAccuracy: number; valLoss: number; valAccuracy: number; epochs: number; bestValLoss: number;
}>;

export async function main(epochs = 200, outDir = join(__dirname, 'output')): Promise<RegularizationReport> {
  // x: [460, 2] points on two interleaved half circles with noise 0.3; y: [460, 2] one-hot.
  const { x, y } = moons({ nSamples: 460, noise: 0.3, seed: 1 });
  const { xTrain, yTrain, xTest: xVal, yTest: yVal } = trainTestSplit(x, oneHot(y, 2), { testSize: 400, seed: 2 });

  // Two hidden layers of 128 ReLU units; each variant changes only what it is named after.
  const dense = (options: { kernelRegularizer?: L2 } = {}): Dense[] => [
    new Dense({ units: 128, activation: 'relu', inputShape: [2], ...options }),
    new Dense({ units: 128, activation: 'relu', ...options }),
  ];
  const variants: Record<string, () => [Layer[], Callback[]]> = {
    'plain': () => [dense(), []],
    'dropout 0.5': () => [dense().flatMap((d, i) => [d, new Dropout({ rate: 0.5, seed: i })]), []],
    'L2 1e-3': () => [dense({ kernelRegularizer: l2(1e-3) }), []],
    'batch norm': () => [[
      new Dense({ units: 128, useBias: false, inputShape: [2] }), new BatchNormalization(), new ReLU(),
      new Dense({ units: 128, useBias: false }), new BatchNormalization(), new ReLU(),
    ], []],
    // The plain run (same seed), stopped 20 epochs after its best validation loss and rolled back to it.
    'early stop': () => [dense(), [new EarlyStopping({ patience: 20, restoreBestWeights: true })]],
  };

  const report: RegularizationReport = {};
  const histories: Record<string, History> = {};
  console.log(`${'variant'.padEnd(12)} epochs    train loss / acc    val loss / acc      gap loss / acc   best val loss (epoch)`);
  for (const [name, make] of Object.entries(variants)) {
    setSeed(1);
    const [layers, callbacks] = make();
    const model = new Sequential([...layers, new Dense({ units: 2, activation: 'softmax' })]);
    model.compile({ optimizer: new Adam({ learningRate: 0.003 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    histories[name] = await model.fit(xTrain, yTrain, { epochs, batchSize: 20, verbose: 0, seed: 3, validationData: [xVal, yVal], callbacks });

    // Evaluate both sets at inference (no dropout, moving batch-norm statistics); the loss includes the L2 penalty.
    const [trainLoss, trainAccuracy] = model.evaluate(xTrain, yTrain) as number[];
    const [valLoss, valAccuracy] = model.evaluate(xVal, yVal) as number[];
    const valLosses = histories[name].history.val_loss;
    const bestValLoss = Math.min(...valLosses);
    report[name] = { trainLoss, trainAccuracy, valLoss, valAccuracy, epochs: valLosses.length, bestValLoss };
    const pair = (loss: number, accuracy: number) => `${loss.toFixed(3).padStart(7)} / ${(accuracy * 100).toFixed(1).padStart(5)}%`;
    console.log(`${name.padEnd(12)} ${String(valLosses.length).padStart(6)}  ${pair(trainLoss, trainAccuracy)}  ${pair(valLoss, valAccuracy)}  ${pair(valLoss - trainLoss, trainAccuracy - valAccuracy)}  ${bestValLoss.toFixed(3).padStart(7)} (${valLosses.indexOf(bestValLoss) + 1})`);
  }

  const file = join(outDir, 'regularization.svg');
  await plotHistory(histories, file, { metrics: ['loss'], title: '60 training points: training (solid) and validation (dashed) loss' });
  console.log(`learning curves written to ${file}`);
  return report;
}

if (require.main === module) void main();
