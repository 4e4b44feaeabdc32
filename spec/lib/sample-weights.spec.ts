// sampleWeight and classWeight in fit and evaluate (lib/sample-weights.ts and the loops of lib/training.ts).
import { Sequential } from '../../lib/sequential';
import { setSeed } from '../../lib/random';
import { classWeightsToSampleWeights, toSampleWeights } from '../../lib/sample-weights';
import { ConfigError, DataError, ShapeError } from '../../lib/errors';
import { tensor, toArray, type Tensor } from '../../lib/tensor';
import { Dense } from '../../layers';
import { SGD } from '../../optimizers';
import { randomTensor } from '../helpers/random';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

/** A small float64 classifier with seeded initial weights (the same for the same seed). */
function classifier(seed: number, loss = 'categoricalCrossentropy'): Sequential {
  setSeed(seed);
  const model = new Sequential({ dtype: 'float64', layers: [
    new Dense({ units: 5, activation: 'tanh', inputShape: [3] }),
    new Dense({ units: 3, activation: 'softmax' }),
  ] });
  model.compile({ optimizer: new SGD({ learningRate: 0.3 }), loss });
  return model;
}

/** 8 samples of 3 features with one-hot labels of classes [0, 1, 2, 1, 0, 2, 2, 1]. */
const classes = [0, 1, 2, 1, 0, 2, 2, 1];
const x = randomTensor([8, 3], 1);
const y = f64(classes.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0))));
const rows = (t: Tensor, from: number, to: number): Tensor => t.lo(from).hi(to - from);
const weightsOf = (model: Sequential): number[][] => model.getWeights().map((w) => Array.from(w.data));

function expectSameWeights(a: Sequential, b: Sequential): void {
  const wa = weightsOf(a), wb = weightsOf(b);
  wa.forEach((w, i) => w.forEach((v, j) => expect(wb[i][j]).toBeCloseTo(v, 12)));
}

describe('fit with sampleWeight', () => {
  it('trains on the weighted half alone when the other half weighs 0', async () => {
    // Keras's mean divides by the batch size, not by the weight sum: weights 2 on half of a
    // batch of 8 give (1/8)·Σ 2·ℓ_i = the mean over those 4, so both runs take the same steps.
    const weighted = classifier(5);
    const half = classifier(5);
    const h1 = await weighted.fit(x, y, { epochs: 4, batchSize: 8, shuffle: false, verbose: 0, sampleWeight: [2, 0, 2, 0, 2, 0, 2, 0] });
    const kept = f64([0, 2, 4, 6].map((i) => [x.get(i, 0), x.get(i, 1), x.get(i, 2)]));
    const keptY = f64([0, 2, 4, 6].map((i) => [y.get(i, 0), y.get(i, 1), y.get(i, 2)]));
    const h2 = await half.fit(kept, keptY, { epochs: 4, batchSize: 4, shuffle: false, verbose: 0 });
    h1.history.loss.forEach((v, i) => expect(v).toBeCloseTo(h2.history.loss[i], 12));
    expectSameWeights(weighted, half);
  });

  it('with all weights 1 is the same as no weights, shuffled in the same seeded order', async () => {
    const a = classifier(6);
    const b = classifier(6);
    const ha = await a.fit(x, y, { epochs: 3, batchSize: 3, seed: 9, verbose: 0, sampleWeight: new Float64Array(8).fill(1) });
    const hb = await b.fit(x, y, { epochs: 3, batchSize: 3, seed: 9, verbose: 0 });
    expect(ha.history.loss).toEqual(hb.history.loss);
    expect(weightsOf(a)).toEqual(weightsOf(b));
  });

  it('gathers the weights of each shuffled batch with its rows', async () => {
    // Learning rate 0 freezes the model, and batches of 1 make each batch loss w_i·ℓ_i for the
    // sample i the shuffle picked. Weights shuffled apart from their rows would pair w_j with ℓ_i.
    const model = classifier(7);
    model.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'categoricalCrossentropy' });
    const w = [1, 2, 0.5, 3, 1, 0, 2, 1.5];
    const expected = w.map((wi, i) => wi * (model.evaluate(rows(x, i, i + 1), rows(y, i, i + 1)) as number)).sort((a, b) => a - b);
    const batchLosses: number[] = [];
    await model.fit(x, y, { epochs: 1, batchSize: 1, seed: 4, verbose: 0, sampleWeight: w,
      callbacks: [{ onBatchEnd: (_batch, logs) => { batchLosses.push(logs?.loss as number); } }] });
    const unshuffled = w.map((wi, i) => wi * (model.evaluate(rows(x, i, i + 1), rows(y, i, i + 1)) as number));
    expect(batchLosses).not.toEqual(unshuffled);
    batchLosses.sort((a, b) => a - b).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 13));
  });

  it('splits the weights with validationSplit', async () => {
    // The last quarter (samples 6 and 7) is held out with its weights [0, 0]: val_loss is 0.
    // The first 6 train with theirs, as a fit on those 6 rows alone would.
    const w = [1, 2, 0.5, 3, 1, 1, 0, 0];
    const split = classifier(8);
    const alone = classifier(8);
    const h = await split.fit(x, y, { epochs: 2, batchSize: 6, shuffle: false, verbose: 0, validationSplit: 0.25, sampleWeight: w });
    await alone.fit(rows(x, 0, 6), rows(y, 0, 6), { epochs: 2, batchSize: 6, shuffle: false, verbose: 0, sampleWeight: w.slice(0, 6) });
    expect(h.history.val_loss).toEqual([0, 0]);
    expectSameWeights(split, alone);
  });
});

describe('fit with classWeight', () => {
  it('equals fit with the per-sample weights of each label class', async () => {
    const classWeight = { 0: 1, 1: 3, 2: 0.5 };
    const a = classifier(10);
    const b = classifier(10);
    const ha = await a.fit(x, y, { epochs: 3, batchSize: 3, seed: 2, verbose: 0, classWeight });
    const hb = await b.fit(x, y, { epochs: 3, batchSize: 3, seed: 2, verbose: 0, sampleWeight: classes.map((c) => classWeight[c as 0 | 1 | 2]) });
    expect(ha.history.loss).toEqual(hb.history.loss);
    expect(weightsOf(a)).toEqual(weightsOf(b));
  });

  it('reads the class of sparse labels and leaves validation data unweighted', async () => {
    // Class 2 weighs 0 in training; validation (the last two samples) is not class-weighted.
    const a = classifier(11, 'sparseCategoricalCrossentropy');
    const b = classifier(11, 'sparseCategoricalCrossentropy');
    const ha = await a.fit(x, classes, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0, validationSplit: 0.25, classWeight: { 2: 0 } });
    const hb = await b.fit(x, classes, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0, validationSplit: 0.25, sampleWeight: [1, 1, 0, 1, 1, 0, 1, 1] });
    expect(ha.history.loss).toEqual(hb.history.loss);
    expect(ha.history.val_loss).toEqual(hb.history.val_loss);
    expect(ha.history.val_loss[0]).toBeGreaterThan(0);
  });
});

describe('evaluate with sampleWeight', () => {
  it('gives Σ w_i·ℓ_i / N, across batches of any size', () => {
    const model = classifier(12);
    const w = [1, 2, 0.5, 3, 1, 0, 2, 1];
    let expected = 0;
    for (let i = 0; i < 8; i++) expected += w[i] * (model.evaluate(rows(x, i, i + 1), rows(y, i, i + 1)) as number);
    expected /= 8;
    expect(model.evaluate(x, y, { sampleWeight: w, batchSize: 3 }) as number).toBeCloseTo(expected, 13);
    expect(model.evaluate(x, y, { sampleWeight: f64(w.map((v) => [v])) }) as number).toBeCloseTo(expected, 13);
  });
});

describe('sample weight errors', () => {
  const model = classifier(13);
  const fit = (options: object) => model.fit(x, y, { verbose: 0, ...options });

  it('rejects a weight count other than N, naming fit', async () => {
    await expect(fit({ sampleWeight: [1, 2, 3] })).rejects.toThrow(DataError);
    await expect(fit({ sampleWeight: [1, 2, 3] })).rejects.toThrow('fit: sampleWeight must have one weight per sample: expected 8 weights, got 3 [3]');
    expect(() => model.evaluate(x, y, { sampleWeight: [1] })).toThrow(/evaluate: sampleWeight must have one weight per sample: expected 8 weights, got 1/);
  });

  it('rejects negative, NaN and infinite weights', async () => {
    await expect(fit({ sampleWeight: [1, 1, 1, -2, 1, 1, 1, 1] })).rejects.toThrow('fit: sampleWeight[3] is -2; weights must be ≥ 0');
    await expect(fit({ sampleWeight: [1, NaN, 1, 1, 1, 1, 1, 1] })).rejects.toThrow(/fit: sampleWeight contains NaN at \[1\]/);
    await expect(fit({ sampleWeight: [1, 1, Infinity, 1, 1, 1, 1, 1] })).rejects.toThrow(DataError);
  });

  it('rejects weights that are not one per sample', async () => {
    await expect(fit({ sampleWeight: f64([[1, 2], [3, 4], [5, 6], [7, 8], [1, 2], [3, 4], [5, 6], [7, 8]]) })).rejects.toThrow(ShapeError);
    await expect(fit({ sampleWeight: f64([[1, 2], [3, 4], [5, 6], [7, 8], [1, 2], [3, 4], [5, 6], [7, 8]]) })).rejects.toThrow('expected [8] or [8, 1], got [8, 2]');
  });

  it('rejects sampleWeight with classWeight, and bad class weights', async () => {
    await expect(fit({ sampleWeight: new Array(8).fill(1), classWeight: { 0: 2 } })).rejects.toThrow(ConfigError);
    await expect(fit({ sampleWeight: new Array(8).fill(1), classWeight: { 0: 2 } })).rejects.toThrow('fit: pass sampleWeight or classWeight, not both');
    await expect(fit({ classWeight: { a: 2 } })).rejects.toThrow("fit: classWeight keys must be class indices (integers ≥ 0), got 'a'");
    await expect(fit({ classWeight: { 1: -1 } })).rejects.toThrow('fit: classWeight[1] must be a finite number ≥ 0, got -1');
    await expect(fit({ classWeight: [1, 2] })).rejects.toThrow(/fit: classWeight must be an object mapping class indices to weights.*got an array/);
  });
});

describe('classWeightsToSampleWeights', () => {
  const weights = { 0: 0.5, 1: 4 };

  it('takes the argmax of [N, C] rows, the rounded label of [N] and [N, 1], and 1 for unlisted classes', () => {
    expect(toArray(classWeightsToSampleWeights(f64([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0, 0, 1]]), weights, 'fit', 'float64'))).toEqual([4, 0.5, 1]);
    expect(toArray(classWeightsToSampleWeights(f64([1, 0, 2, 1]), weights, 'fit', 'float64'))).toEqual([4, 0.5, 1, 4]);
    expect(toArray(classWeightsToSampleWeights(f64([[0.9], [0.2]]), weights, 'fit', 'float64'))).toEqual([4, 0.5]);
  });

  it('rejects labels of rank 3', () => {
    const labels = tensor(new Float64Array(8), [2, 2, 2]);
    expect(() => classWeightsToSampleWeights(labels, weights, 'fit', 'float64')).toThrow(ShapeError);
    expect(() => classWeightsToSampleWeights(labels, weights, 'fit', 'float64')).toThrow('fit: classWeight needs labels [N], [N, 1] or [N, C] to find each sample\'s class, got [2, 2, 2]');
  });
});

describe('toSampleWeights', () => {
  it('flattens [N, 1] weights to [N] in the model dtype', () => {
    const w = toSampleWeights({ data: [1, 2, 3], shape: [3, 1] }, 3, 'fit', 'float32');
    expect(w.shape).toEqual([3]);
    expect(w.data).toBeInstanceOf(Float32Array);
    expect(toArray(w)).toEqual([1, 2, 3]);
  });
});
