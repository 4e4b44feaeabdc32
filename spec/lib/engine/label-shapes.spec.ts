/**
 * Labels of the shapes newcomers pass (#12): `[N]` labels of a one-unit output train as `[N, 1]`
 * (Keras reads them so), and labels that do not fit the output fail before anything runs with a
 * message that quotes the data's shapes (not a one-sample probe's) and names the fix.
 */
import {
  Dense, Model, Sequential, ShapeError, input, oneHot, reshape, setSeed, tensor, toArray, zeros, type Tensor,
} from '../../../lib';

/** A seeded [n, 4] input. */
function features(n: number): Tensor {
  return tensor(Float32Array.from({ length: n * 4 }, (_, i) => Math.sin(i * 1.7)), [n, 4]);
}

/** A 4 → 8 → `units` classifier (softmax for several units, sigmoid for one). */
function classifier(units: number, loss: string, metrics: string[] = []): Sequential {
  setSeed(3);
  const model = new Sequential([
    new Dense({ units: 8, activation: 'relu', inputShape: [4] }),
    new Dense({ units, activation: units > 1 ? 'softmax' : 'sigmoid' }),
  ]);
  model.compile({ optimizer: 'sgd', loss: loss as never, metrics: metrics as never });
  return model;
}

/** The ShapeError message of a fit that must fail; the model must not have trained. */
async function fitError(model: Sequential | Model, x: Tensor, y: Tensor, options: object = {}): Promise<string> {
  const error = await model.fit(x, y, { verbose: 0, ...options }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ShapeError);
  return (error as Error).message;
}

describe('[N] labels of a one-unit output', () => {
  const x = features(40);
  const column = tensor(Float32Array.from({ length: 40 }, (_, i) => (Math.sin(i * 1.7) + Math.sin(i * 1.7 + 1.7) > 0 ? 1 : 0)), [40, 1]);
  const flat = reshape(column, [40]);

  it.each(['binaryCrossentropy', 'mse'])('train with %s exactly as [N, 1] labels do, validation split and evaluate included', async (loss) => {
    const a = classifier(1, loss, ['accuracy']);
    const b = classifier(1, loss, ['accuracy']);
    const options = { epochs: 3, batchSize: 8, verbose: 0 as const, seed: 9, validationSplit: 0.25 };
    const fromColumn = await a.fit(x, column, options);
    const fromFlat = await b.fit(x, flat, options);
    expect(fromFlat.history).toEqual(fromColumn.history);
    expect(fromFlat.history.val_loss).toHaveLength(3);
    expect(b.evaluate(x, flat)).toEqual(a.evaluate(x, column));
    expect(toArray(b.getWeights()[0])).toEqual(toArray(a.getWeights()[0]));
  });
});

describe('labels that do not fit the output', () => {
  const x = features(1000);

  it('class indices for a softmax output: quotes [1000] and [?, 10], and names oneHot and the sparse loss', async () => {
    const model = classifier(10, 'categoricalCrossentropy');
    const before = toArray(model.getWeights()[0]);
    const y = tensor(Float32Array.from({ length: 1000 }, (_, i) => i % 10));
    const message = "labels [1000] do not fit the model's output [?, 10] " +
      '(CategoricalCrossentropy: yTrue must have the shape of yPred: expected [1000, 10], got [1000]); ' +
      "if y holds class indices 0 to 9, one-hot them with oneHot(y, 10), or compile with loss: 'sparseCategoricalCrossentropy', which takes class indices";
    expect(await fitError(model, x, y)).toBe(`fit: ${message}`);
    expect(() => model.evaluate(x, y)).toThrow(new ShapeError(`evaluate: ${message}`));
    expect(() => model.trainOnBatch(x, y)).toThrow(new ShapeError(`trainOnBatch: ${message}`));
    expect(toArray(model.getWeights()[0])).toEqual(before);
    // Both fixes the message names train.
    expect((await model.fit(x, oneHot(y, 10), { verbose: 0 })).history.loss).toHaveLength(1);
    const sparse = classifier(10, 'sparseCategoricalCrossentropy');
    expect((await sparse.fit(x, y, { verbose: 0 })).history.loss).toHaveLength(1);
  });

  it('quotes the labels passed when a validationSplit cuts them, and names validationData', async () => {
    const model = classifier(10, 'categoricalCrossentropy');
    expect(await fitError(model, x, zeros([1000]), { validationSplit: 0.2 })).toMatch(/^fit: labels \[1000\] do not fit the model's output \[\?, 10\] \(CategoricalCrossentropy: yTrue must have the shape of yPred: expected \[1000, 10\], got \[1000\]\)/);
    expect(await fitError(model, x, zeros([1000, 10]), { validationData: [features(50), zeros([50])] })).toBe(
      "fit: validationData: labels [50] do not fit the model's output [?, 10] " +
      '(CategoricalCrossentropy: yTrue must have the shape of yPred: expected [50, 10], got [50]); ' +
      "if y holds class indices 0 to 9, one-hot them with oneHot(y, 10), or compile with loss: 'sparseCategoricalCrossentropy', which takes class indices",
    );
  });

  it('class indices for another loss: names oneHot alone', async () => {
    expect(await fitError(classifier(10, 'mse'), x, zeros([1000, 1]))).toBe(
      "fit: labels [1000, 1] do not fit the model's output [?, 10] (MeanSquaredError: yTrue must have the shape of yPred: expected [1000, 10], got [1000, 1]); " +
      'if y holds class indices 0 to 9, one-hot them with oneHot(y, 10)',
    );
  });

  it('one-hot labels for the sparse loss: names argMax and categoricalCrossentropy', async () => {
    expect(await fitError(classifier(10, 'sparseCategoricalCrossentropy'), x, oneHot(zeros([1000]), 10))).toBe(
      "fit: labels [1000, 10] do not fit the model's output [?, 10] " +
      '(SparseCategoricalCrossentropy: yTrue must hold one class index per sample of yPred [1000, 10]: expected [1000] or [1000, 1], got [1000, 10]); ' +
      "the labels look one-hot: pass class indices instead (argMax(y)), or compile with loss: 'categoricalCrossentropy', which takes one-hot labels",
    );
    expect(await fitError(classifier(10, 'sparseCategoricalCrossentropy'), x, zeros([1000, 2]))).toMatch(
      /got \[1000, 2\]\); it takes one class index per sample: labels \[1000\] or \[1000, 1\]$/,
    );
  });

  it('the right values per sample in another shape: names reshape; otherwise the shape expected', async () => {
    expect(await fitError(classifier(10, 'mse'), x, zeros([1000, 2, 5]))).toBe(
      "fit: labels [1000, 2, 5] do not fit the model's output [?, 10] (MeanSquaredError: yTrue must have the shape of yPred: expected [1000, 10], got [1000, 2, 5]); " +
      "each sample has the output's 10 values in another shape: reshape them with reshape(y, [1000, 10])",
    );
    expect(await fitError(classifier(10, 'categoricalCrossentropy'), x, zeros([1000, 3]))).toBe(
      "fit: labels [1000, 3] do not fit the model's output [?, 10] (CategoricalCrossentropy: yTrue must have the shape of yPred: expected [1000, 10], got [1000, 3]); " +
      'labels for this output must be [1000, 10]',
    );
  });

  it('a metric that does not take the labels: the data\'s shapes, not the one-sample probe\'s, and the metric to use', async () => {
    const indices = classifier(10, 'sparseCategoricalCrossentropy', ['categoricalAccuracy']);
    const message = await fitError(indices, x, zeros([1000]));
    expect(message).toBe(
      "fit: labels [1000] do not fit the model's output [?, 10] (categoricalAccuracy: yTrue must have the shape of yPred: expected [1000, 10], got [1000]); " +
      "the labels are class indices: use metric 'sparseCategoricalAccuracy', or compile with metrics: ['accuracy'], which picks the accuracy that fits the loss and labels",
    );
    expect(message).not.toContain('[1, 10]');
    const oneHotLabels = classifier(10, 'categoricalCrossentropy', ['sparseCategoricalAccuracy']);
    expect(() => oneHotLabels.evaluate(x, zeros([1000, 10]))).toThrow(
      "evaluate: labels [1000, 10] do not fit the model's output [?, 10] (sparseCategoricalAccuracy: yPred must be [N, C] and yTrue [N] or [N, 1]: " +
      'expected [1000] or [1000, 1] for yPred [1000, 10], got [1000, 10]); ' +
      "the labels are one-hot: use metric 'categoricalAccuracy', or compile with metrics: ['accuracy']",
    );
  });

  it('names the output of a model with several, and suggests the sparse loss (not oneHot) for a sequence output', async () => {
    setSeed(2);
    const inp = input({ shape: [4] });
    const hidden = new Dense({ units: 3 }).apply(inp);
    const model = new Model({ inputs: inp, outputs: [new Dense({ units: 1, name: 'score' }).apply(hidden), new Dense({ units: 5, activation: 'softmax', name: 'kind' }).apply(hidden)] });
    model.compile({ optimizer: 'sgd', loss: ['mse', 'categoricalCrossentropy'] });
    expect(await fitError(model, x, { score: zeros([1000]), kind: zeros([1000]) } as never)).toMatch(
      /^fit: labels of output 'kind' \[1000\] do not fit the model's output \[\?, 5\] .*oneHot\(y, 5\)/,
    );

    setSeed(2);
    const sequence = new Sequential([new Dense({ units: 4, activation: 'softmax', inputShape: [6, 2] })]); // Dense acts on the last axis: [?, 6, 4]
    sequence.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    expect(await fitError(sequence, zeros([8, 6, 2]), zeros([8, 6]))).toBe(
      "fit: labels [8, 6] do not fit the model's output [?, 6, 4] (CategoricalCrossentropy: yTrue must have the shape of yPred: expected [8, 6, 4], got [8, 6]); " +
      "if y holds class indices 0 to 3, compile with loss: 'sparseCategoricalCrossentropy', which takes class indices",
    );
  });
});
