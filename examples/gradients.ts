/**
 * Gradients: why deep sigmoid networks would not train. Backprop multiplies dAPrev by σ′(Z) ≤ 1/4
 * at every sigmoid layer, so with the default (Glorot) weights ‖dW‖ shrinks by a roughly constant
 * factor per layer on the way back and the first layers barely move. ReLU passes gradients through
 * (its derivative is 0 or 1) and He initialization (variance 2/fanIn) keeps their size from layer
 * to layer. A GradientMonitor on each network shows it in numbers, plotGradients as two pictures.
 *
 * Run: npx tsx examples/gradients.ts   (writes examples/output/gradients-*.svg)
 */
import { join } from 'path';
import { Dense, GradientMonitor, SGD, Sequential, oneHot, plotGradients, setSeed, spirals, type DenseOptions } from '../lib';

/** Per network: `‖dW‖₂` of each hidden layer in the first epoch, first to last, and the final loss. */
export type GradientReport = Record<'sigmoid' | 'relu', { dW: number[]; loss: number }>;

const DEPTH = 8;

export async function main(epochs = 30, outDir = join(__dirname, 'output')): Promise<GradientReport> {
  // x: [600, 2] points on two spiral arms; y: [600, 2] one-hot arm labels.
  const { x, y: labels } = spirals({ nSamples: 600, nClasses: 2, noise: 0.1, seed: 1 });
  const y = oneHot(labels, 2);

  const networks: Record<keyof GradientReport, Omit<DenseOptions, 'units'>> = {
    sigmoid: { activation: 'sigmoid' }, // with Dense's default kernelInitializer, glorotUniform
    relu: { activation: 'relu', kernelInitializer: 'heNormal' },
  };
  const report = {} as GradientReport;
  for (const [kind, hidden] of Object.entries(networks) as [keyof GradientReport, Omit<DenseOptions, 'units'>][]) {
    setSeed(9);
    // Eight hidden layers of 32 units, then a softmax over the two arms.
    const hiddenNames = Array.from({ length: DEPTH }, (_, i) => `hidden_${i + 1}`);
    const model = new Sequential([
      ...hiddenNames.map((name, i) => new Dense({ name, units: 32, ...(i === 0 ? { inputShape: [2] } : {}), ...hidden })),
      new Dense({ name: 'output', units: 2, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const monitor = new GradientMonitor(); // one record per epoch: the mean over its batches
    const history = await model.fit(x, y, { epochs, batchSize: 32, verbose: 0, seed: 2, callbacks: [monitor] });

    const dW = hiddenNames.map((name) => monitor.series(name, 'dW')[0]);
    const { loss, accuracy } = history.history;
    report[kind] = { dW, loss: loss[epochs - 1] };
    // A log-scale bar: two # per factor of 10 above 1e-6.
    const bar = (norm: number) => '#'.repeat(Math.max(0, Math.round(2 * (Math.log10(norm) + 6))));
    console.log(`\n${kind} network, ${DEPTH} hidden layers: ‖dW‖₂ in epoch 1, input side first`);
    dW.forEach((norm, i) => console.log(`  ${hiddenNames[i]}  ${norm.toExponential(2).padStart(9)}  ${bar(norm)}`));
    console.log(`  first / last hidden layer: ${(dW[0] / dW[DEPTH - 1]).toExponential(1)}`);
    console.log(`  after ${epochs} epochs: loss ${loss[epochs - 1].toFixed(4)}, accuracy ${(accuracy[epochs - 1] * 100).toFixed(1)}%`);

    const file = join(outDir, `gradients-${kind}.svg`);
    await plotGradients(monitor, file, { title: `${kind}: ‖dW‖₂ per layer (log scale)` });
    console.log(`  gradient norms over training written to ${file}`);
  }
  return report;
}

if (require.main === module) void main();
