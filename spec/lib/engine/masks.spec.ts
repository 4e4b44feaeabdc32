/**
 * Masks through the graph (Keras's mask propagation): made by Masking, passed on by the
 * element-wise layers, combined by the merge layers, and weighting the loss per time step.
 */
import ndarray from 'ndarray';
import {
  Add, Concatenate, Dense, Dot, Flatten, Masking, MeanSquaredError, Model, Sequential, ShapeError, input, setSeed, tensor, toArray, type Mask, type Tensor,
} from '../../../lib';
import { andMasks, concatMasksInTime } from '../../../layers/mask';
import { trainStep } from '../../../lib/engine/train-step';
import { modelGradientErrors } from '../../helpers/gradcheck-model';

const mask = (rows: number[][]): Mask => ndarray(Uint8Array.from(rows.flat()), [rows.length, rows[0].length]);
const rowsOf = (m: Mask | null): number[][] | null => (m === null ? null : Array.from({ length: m.shape[0] }, (_, b) => Array.from({ length: m.shape[1] }, (_, t) => m.get(b, t))));
// Sample 0: steps 0 and 2 are data, step 1 padding; sample 1: step 2 padding.
const x3 = (): Tensor => tensor([[[1, 2], [0, 0], [3, -1]], [[0.5, 0], [-2, 1], [0, 0]]], undefined, 'float64');

describe('Masking', () => {
  test('zeroes no data, marks the steps whose features all equal maskValue, and passes the gradient at data steps only', () => {
    const layer = new Masking();
    const y = layer.forward(x3(), true);
    expect(toArray(y)).toEqual([[[1, 2], [0, 0], [3, -1]], [[0.5, 0], [-2, 1], [0, 0]]]);
    expect(rowsOf(layer.computeMask([x3()], [null]))).toEqual([[1, 0, 1], [1, 1, 0]]);
    const dOut = tensor([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]], undefined, 'float64');
    expect(toArray(layer.backward(dOut).dAPrev as Tensor)).toEqual([[[1, 2], [0, 0], [5, 6]], [[7, 8], [9, 10], [0, 0]]]);
  });

  test('zeroes the masked steps when maskValue is not 0', () => {
    const layer = new Masking({ maskValue: -1 });
    const y = layer.forward(tensor([[[-1, -1], [-1, 2]]], undefined, 'float64'));
    expect(toArray(y)).toEqual([[[0, 0], [-1, 2]]]);
    expect(rowsOf(layer.computeMask([], [null]))).toEqual([[0, 1]]);
    expect(new Masking({ maskValue: -1 }).getConfig()).toMatchObject({ maskValue: -1 });
  });

  test('rejects a non-sequence input and a bad maskValue with messages naming them', () => {
    expect(() => new Masking({ name: 'pad' }).computeOutputShape([null, 4])).toThrow(new ShapeError("Masking 'pad': input must be [batch, time, features]: expected rank 3, got [?, 4]"));
    expect(() => new Masking({ maskValue: 'x' as unknown as number })).toThrow('Masking: maskValue must be a number, got "x"');
  });
});

describe('the graph carries each value\'s mask', () => {
  beforeEach(() => setSeed(3));

  test('through element-wise layers (Dense on rank 3) to the output, and not through Flatten', () => {
    const model = new Sequential([new Masking({ inputShape: [3, 2] }), new Dense({ units: 2, activation: 'tanh' }), new Dense({ units: 1 })]);
    const graph = model.ensureBuilt([[2, 3, 2]]);
    graph.forward([x3()], false);
    expect(rowsOf(graph.outputMasks()[0])).toEqual([[1, 0, 1], [1, 1, 0]]);
    const flat = new Sequential([new Masking({ inputShape: [3, 2] }), new Flatten(), new Dense({ units: 1 })]);
    const flatGraph = flat.ensureBuilt([[2, 3, 2]]);
    flatGraph.forward([x3()], false);
    expect(flatGraph.outputMasks()).toEqual([null]);
  });

  test('merge layers combine masks as Keras: Add by logical and, Concatenate on time by joining, Dot drops them', () => {
    const a = input({ shape: [3, 2], dtype: 'float64' });
    const b = input({ shape: [3, 2], dtype: 'float64' });
    const ma = new Masking().apply(a);
    const mb = new Masking({ maskValue: 1 }).apply(b);
    const model = new Model({ inputs: [a, b], outputs: [new Add().apply([ma, mb]), new Concatenate({ axis: 1 }).apply([ma, b]), new Dot({ axes: 2 }).apply([ma, mb])] });
    const graph = model.ensureBuilt([[2, 3, 2], [2, 3, 2]]);
    const other = tensor([[[1, 1], [1, 1], [2, 1]], [[1, 1], [0, 0], [1, 1]]], undefined, 'float64');
    graph.forward([x3(), other], false);
    const [added, joined, dotted] = graph.outputMasks();
    // Masking(a): [[1,0,1],[1,1,0]]; Masking(b, 1): [[0,0,1],[0,1,0]].
    expect(rowsOf(added)).toEqual([[0, 0, 1], [0, 1, 0]]);
    expect(rowsOf(joined)).toEqual([[1, 0, 1, 1, 1, 1], [1, 1, 0, 1, 1, 1]]);
    expect(dotted).toBeNull();
  });

  test('andMasks returns null for none, the one mask itself, and names the layer on a shape mismatch', () => {
    const m = mask([[1, 0]]);
    expect(andMasks([null, null], 'Add')).toBeNull();
    expect(andMasks([null, m], 'Add')).toBe(m);
    expect(() => andMasks([m, mask([[1, 0, 1]])], 'Add (add_1)')).toThrow(new ShapeError("Add (add_1): the inputs' masks must have one shape: expected [1, 2], got [1, 3]"));
    expect(concatMasksInTime([null, null], [])).toBeNull();
  });
});

describe('an output mask weights the loss per time step (Keras\'s apply_mask)', () => {
  const yPred = (): Tensor => tensor([[[1], [2], [3]]], undefined, 'float64');
  const zeros = (): Tensor => tensor([[[0], [0], [0]]], undefined, 'float64');
  const m = mask([[1, 0, 1]]);
  const eps = 1e-7;

  test('the mean over the unmasked steps, Σ m·ℓ / (V + ε), and its gradient m·2y / (V + ε)', () => {
    const loss = new MeanSquaredError();
    // ℓ = 1, 4, 9 at steps 0, 1, 2; steps 0 and 2 are data: (1 + 9) / (2 + ε).
    expect(loss.forward(yPred(), zeros(), undefined, m)).toBeCloseTo(10 / (2 + eps), 12);
    expect((toArray(loss.backward()) as number[][][]).flat(2).map((g) => g * (2 + eps))).toEqual([2, 0, 6].map((v) => expect.closeTo(v, 12)));
    expect(loss.forward(yPred(), zeros())).toBeCloseTo(14 / 3, 12); // no mask: the mean over all steps
  });

  test('other reductions weight by the mask alone; sample weights multiply it', () => {
    expect(new MeanSquaredError({ reduction: 'sum' }).forward(yPred(), zeros(), undefined, m)).toBeCloseTo(10, 12);
    const w = tensor([2], undefined, 'float64');
    // Σ w·m·ℓ / Σ w·m = 2·10 / 4.
    expect(new MeanSquaredError({ reduction: 'mean_with_sample_weight' }).forward(yPred(), zeros(), w, m)).toBeCloseTo(5, 12);
    expect(new MeanSquaredError().forward(yPred(), zeros(), w, m)).toBeCloseTo(20 / (2 + eps), 12);
  });

  test('rejects a mask of another shape than the output\'s steps', () => {
    expect(() => new MeanSquaredError().forward(yPred(), zeros(), undefined, mask([[1, 0]]))).toThrow(
      new ShapeError("MeanSquaredError: the output's mask must have the shape of yPred without its last axis: expected [1, 3], got [1, 2]"),
    );
  });

  test('a model\'s training loss is the mean squared error over its unmasked steps, and masked steps get no gradient', () => {
    setSeed(5);
    const x = input({ shape: [3, 2], dtype: 'float64' });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 1 }).apply(new Masking().apply(x)) });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const labels = tensor([[[1], [7], [-1]], [[0.5], [2], [9]]], undefined, 'float64');
    const pred = toArray(model.predict(x3()) as Tensor) as number[][][];
    const data = [[0, 0], [0, 2], [1, 0], [1, 1]];
    const expected = data.reduce((s, [b, t]) => s + (pred[b][t][0] - (toArray(labels) as number[][][])[b][t][0]) ** 2, 0) / (4 + eps);
    const { loss, inputGradients } = trainStep(model, [x3()], [labels], null, { update: false, needInputGradients: true, observer: null });
    expect(loss).toBeCloseTo(expected, 12);
    const dx = toArray(inputGradients[0] as Tensor) as number[][][];
    expect([dx[0][1], dx[1][2]]).toEqual([[0, 0], [0, 0]]);
    // Parameters by central differences (inputs aside: moving a padding step off maskValue unmasks it).
    const errors = modelGradientErrors(model, [x3()], [labels]);
    delete errors['input 0'];
    expect(Object.values(errors).every((e) => e < 1e-6)).toBe(true);
    expect(Object.keys(errors).length).toBe(2);
  });
});
