import { ConfigError, ShapeError, StateError } from '../../lib/errors';
import { setSeed } from '../../lib/random';
import { Constant, GlorotUniform, HeNormal } from '../../lib/initializers';
import { clone, tensor, tensorAllocations, zeros, type Tensor } from '../../lib/tensor';
import { Dense, LeakyReLU, ReLU, Sigmoid, type DenseOptions } from '../../layers';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const exact = { rtol: 0, atol: 1e-15 };

/** A float64 Dense built for `inDim` inputs, with W (row-major [inDim, units]) and b set by hand. */
function denseWith(options: DenseOptions, inDim: number, W: number[], b?: number[]): Dense {
  const dense = new Dense(options);
  dense.build([null, inDim], 'float64');
  const [kernel, bias] = dense.params();
  kernel.value.data.set(W);
  if (b) bias.value.data.set(b);
  return dense;
}

describe('Dense: one forward and backward derived by hand', () => {
  // X = [[1, 2], [3, −1]], W = [[1, −1], [0.5, 2]], b = [0.5, −1], dOut = [[1, 0], [−1, 2]].
  const X = f64([[1, 2], [3, -1]]);
  const W = [1, -1, 0.5, 2];
  const b = [0.5, -1];
  const dOut = f64([[1, 0], [-1, 2]]);

  it('linear: Z = X·W + b, dW = Xᵀ·dOut, db = column sums, dAPrev = dOut·Wᵀ', () => {
    const dense = denseWith({ units: 2 }, 2, W, b);
    // Z row 0: [1·1 + 2·0.5, 1·(−1) + 2·2] + b = [2, 3] + [0.5, −1] = [2.5, 2]
    // Z row 1: [3·1 + (−1)·0.5, 3·(−1) + (−1)·2] + b = [2.5, −5] + [0.5, −1] = [3, −6]
    expectClose(dense.forward(X, true), [[2.5, 2], [3, -6]], exact);
    const { dAPrev, grads } = dense.backward(dOut);
    // dW = Xᵀ·dOut = [[1, 3], [2, −1]]·[[1, 0], [−1, 2]] = [[1 − 3, 0 + 6], [2 + 1, 0 − 2]] = [[−2, 6], [3, −2]]
    expectClose(grads.dW, [[-2, 6], [3, -2]], exact);
    // db = column sums of dOut = [1 − 1, 0 + 2] = [0, 2]
    expectClose(grads.db, [0, 2], exact);
    // dAPrev = dOut·Wᵀ = [[1, 0], [−1, 2]]·[[1, 0.5], [−1, 2]] = [[1, 0.5], [−1 − 2, −0.5 + 4]] = [[1, 0.5], [−3, 3.5]]
    expectClose(dAPrev as Tensor, [[1, 0.5], [-3, 3.5]], exact);
    // The grads are the Param.grad buffers themselves.
    expect(grads.dW).toBe(dense.params()[0].grad);
    expect(grads.db).toBe(dense.params()[1].grad);
  });

  it('relu: the activation masks dOut before the products', () => {
    const dense = denseWith({ units: 2, activation: 'relu' }, 2, W, b);
    // Z = [[2.5, 2], [3, −6]] as above, so Y = [[2.5, 2], [3, 0]] and dZ = dOut ⊙ (Z > 0) = [[1, 0], [−1, 0]].
    expectClose(dense.forward(X, true), [[2.5, 2], [3, 0]], exact);
    const { dAPrev, grads } = dense.backward(dOut);
    // dW = Xᵀ·dZ = [[1·1 + 3·(−1), 0], [2·1 + (−1)(−1), 0]] = [[−2, 0], [3, 0]]
    expectClose(grads.dW, [[-2, 0], [3, 0]], exact);
    // db = [1 − 1, 0] = [0, 0]
    expectClose(grads.db, [0, 0], exact);
    // dAPrev = dZ·Wᵀ = [[1·1, 1·0.5], [−1·1, −1·0.5]] = [[1, 0.5], [−1, −0.5]]
    expectClose(dAPrev as Tensor, [[1, 0.5], [-1, -0.5]], exact);
  });

  it('without bias: Z = X·W, params() is [W] and grads only dW', () => {
    const dense = denseWith({ units: 2, useBias: false }, 2, W);
    // Z = [[2, 3], [2.5, −5]] (the products above, no bias)
    expectClose(dense.forward(X, true), [[2, 3], [2.5, -5]], exact);
    expect(dense.params().map((p) => [p.name, p.weightName])).toEqual([['W', 'kernel']]);
    expect(Object.keys(dense.backward(dOut).grads)).toEqual(['dW']);
  });

  it('skips dAPrev when it is not needed but still fills dW and db', () => {
    const dense = denseWith({ units: 2 }, 2, W, b);
    dense.forward(X, true);
    const { dAPrev, grads } = dense.backward(dOut, false);
    expect(dAPrev).toBeNull();
    expectClose(grads.dW, [[-2, 6], [3, -2]], exact);
  });
});

describe('Dense: float64 gradient checks with a random upstream gradient', () => {
  // Seeded weights: the check does not depend on what drew from the global generator before.
  beforeEach(() => setSeed(3));
  const activations = ['linear', 'relu', 'leakyRelu', 'sigmoid', 'tanh', 'softmax'];
  const cases = activations.flatMap((activation) => [true, false].map((useBias) => [activation, useBias] as const));

  it.each(cases)('activation %s, useBias %s: dAPrev, dW and db', (activation, useBias) => {
    const options = { units: 3, activation, useBias, biasInitializer: new Constant({ value: 0.1 }) };
    expectGradientsCorrect(new Dense(options), randomTensor([4, 5], 1));
  });

  it.each(cases)('activation %s, useBias %s: on a transposed (non-contiguous) input view', (activation, useBias) => {
    const view = randomTensor([5, 4], 2).transpose(1, 0);
    expectGradientsCorrect(new Dense({ units: 3, activation, useBias }), view);
  });

  it('gives a view the same forward and backward as a contiguous copy', () => {
    const view = randomTensor([5, 4], 3).transpose(1, 0);
    const dOut = randomTensor([3, 4], 4).transpose(1, 0);
    const a = new Dense({ units: 3, activation: 'tanh', kernelInitializer: new GlorotUniform({ seed: 1 }) });
    const b = new Dense({ units: 3, activation: 'tanh', kernelInitializer: new GlorotUniform({ seed: 1 }) });
    expectClose(a.forward(view, true), b.forward(clone(view), true), { rtol: 0, atol: 0 });
    const ga = a.backward(dOut), gb = b.backward(clone(dOut));
    expectClose(ga.dAPrev as Tensor, gb.dAPrev as Tensor, { rtol: 0, atol: 0 });
    expectClose(ga.grads.dW, gb.grads.dW, { rtol: 0, atol: 0 });
    expectClose(ga.grads.db, gb.grads.db, { rtol: 0, atol: 0 });
  });

  it('accepts activation layer instances and checks them too', () => {
    expectGradientsCorrect(new Dense({ units: 3, activation: new LeakyReLU({ alpha: 0.1 }) }), randomTensor([4, 5], 5));
  });
});

describe('Dense: errors', () => {
  it('names the layer and both shapes for a wrong input width', () => {
    const dense = new Dense({ units: 2, inputShape: [3], name: 'dense_in' });
    expect(() => dense.forward(zeros([2, 5]))).toThrow(ShapeError);
    expect(() => dense.forward(zeros([2, 5]))).toThrow("Dense 'dense_in': input last axis must be 3: expected [?, 3], got [2, 5]");
    const lazy = new Dense({ units: 2 });
    lazy.forward(zeros([1, 3]));
    expect(() => lazy.forward(zeros([2, 5]))).toThrow(new RegExp(`^Dense '${lazy.name}': input last axis must be 3: expected \\[\\?, 3\\], got \\[2, 5\\]$`));
    expect(lazy.name).toMatch(/^dense_\d+$/);
  });

  it('acts on the last axis of rank-3 input as Keras does: row by row, with the rank fixed at build', () => {
    const dense = new Dense({ units: 2, name: 'd3' });
    const x = randomTensor([2, 3, 4], 31);
    const y = clone(dense.forward(x));
    expect(y.shape).toEqual([2, 3, 2]);
    expect(dense.computeOutputShape([null, 3, 4])).toEqual([null, 3, 2]);
    // Each [4]-row of x maps through the same W and b: y[i, t, j] = Σ_k x[i, t, k]·W[k, j] + b[j].
    const [W, b] = dense.params();
    for (let i = 0; i < 2; i++) for (let t = 0; t < 3; t++) for (let j = 0; j < 2; j++) {
      let z = b.value.get(j);
      for (let k = 0; k < 4; k++) z += x.get(i, t, k) * W.value.get(k, j);
      expect(y.get(i, t, j)).toBeCloseTo(z, 5);
    }
    expect(() => dense.forward(zeros([6, 4]))).toThrow("Dense 'd3': input must have rank 3: expected [?, ?, 4], got [6, 4]");
    expect(() => new Dense({ units: 2, name: 'd1' }).forward(zeros([4]))).toThrow("Dense 'd1': input must be [batch, …, features] with a known last axis: expected [?, …, ?], got [?]");
    const built = new Dense({ units: 2, name: 'd5' });
    built.forward(zeros([2, 4]));
    expect(() => built.forward(zeros([2, 3, 4]))).toThrow("Dense 'd5': input must have rank 2: expected [?, 4], got [2, 3, 4] (add Flatten before this layer?)");
  });

  it('throws StateError for backward before forward, or after a forward that was not training', () => {
    const dense = new Dense({ units: 2, name: 'early' });
    expect(() => dense.backward(zeros([1, 2]))).toThrow(new StateError("Dense 'early': backward called before forward(x, training=true)"));
    dense.forward(zeros([1, 3]), false);
    expect(() => dense.backward(zeros([1, 2]))).toThrow(StateError);
  });

  it('rejects dOut of the wrong shape', () => {
    const dense = new Dense({ units: 2, name: 'shape' });
    dense.forward(zeros([4, 3]), true);
    expect(() => dense.backward(zeros([4, 3]))).toThrow("Dense 'shape': dOut must have the output's shape: expected [4, 2], got [4, 3]");
  });

  it.each([[0, '0'], [-1, '-1'], [1.5, '1.5'], [NaN, 'NaN'], ['3', '"3"'], [undefined, 'undefined']])('rejects units %p with the value in the message', (units, shown) => {
    expect(() => new Dense({ units: units as number })).toThrow(new ConfigError(`Dense: units must be a positive integer, got ${shown}`));
  });

  it('lists the valid activation names for an unknown activation', () => {
    expect(() => new Dense({ units: 2, activation: 'relu7' })).toThrow(ConfigError);
    expect(() => new Dense({ units: 2, activation: 'relu7' })).toThrow(/^Dense: unknown activation 'relu7'\. Valid activation names: '/);
    let message = '';
    try {
      new Dense({ units: 2, activation: 'relu7' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['relu', 'leakyRelu', 'leaky_relu', 'sigmoid', 'tanh', 'softmax', 'linear']) expect(message).toContain(`'${name}'`);
    expect(() => new Dense({ units: 2, activation: new Dense({ units: 1 }) })).toThrow(/^Dense: Dense 'dense_\d+' is not an activation\. Valid activation names: .*'leakyRelu'/);
  });

  it('names the unknown initializer and the valid ones, and rejects a non-boolean useBias', () => {
    expect(() => new Dense({ units: 2, kernelInitializer: 'xavier' })).toThrow(/^Dense: unknown initializer 'xavier'\. Valid initializer names: .*'glorotUniform'/);
    expect(() => new Dense({ units: 2, useBias: 1 as never })).toThrow(new ConfigError('Dense: useBias must be a boolean, got 1'));
  });
});

describe('Dense: lifecycle and buffers', () => {
  it('builds lazily from the first input, or at once from inputShape, with the initializers', () => {
    const dense = new Dense({ units: 4, kernelInitializer: new HeNormal({ seed: 2 }), biasInitializer: 'ones' });
    expect(dense.params()).toEqual([]);
    expect(dense.countParams()).toBe(0);
    dense.forward(zeros([2, 3]));
    expect(dense.params().map((p) => [p.name, p.weightName, p.value.shape])).toEqual([['W', 'kernel', [3, 4]], ['b', 'bias', [4]]]);
    expect(Array.from(dense.params()[0].value.data)).toEqual(Array.from(new HeNormal({ seed: 2 }).init([3, 4]).data));
    expect(Array.from(dense.params()[1].value.data)).toEqual([1, 1, 1, 1]);
    expect(dense.countParams()).toBe(16);
    expect(dense.computeOutputShape([null, 3])).toEqual([null, 4]);
    expect(dense.computeOutputShape([7, 3])).toEqual([7, 4]);
  });

  it('computes in the dtype of its first input', () => {
    const dense = new Dense({ units: 2 });
    expect(dense.forward(zeros([1, 3], 'float64')).data).toBeInstanceOf(Float64Array);
    expect(dense.params()[0].value.data).toBeInstanceOf(Float64Array);
    expect(new Dense({ units: 2 }).forward(zeros([1, 3])).data).toBeInstanceOf(Float32Array);
  });

  it('allocates no tensor in a second forward+backward at the same batch size', () => {
    for (const activation of ['linear', 'relu', 'softmax']) {
      const dense = new Dense({ units: 3, activation });
      const x = randomTensor([8, 5], 1, { dtype: 'float32' });
      const dOut = randomTensor([8, 3], 2, { dtype: 'float32' });
      dense.forward(x, true);
      dense.backward(dOut);
      const before = tensorAllocations();
      dense.forward(x, true);
      dense.backward(dOut);
      expect(tensorAllocations()).toBe(before);
    }
  });

  it('works at another batch size after the buffers were sized for one', () => {
    const seeded = (): Dense => new Dense({ units: 3, activation: 'sigmoid', kernelInitializer: new GlorotUniform({ seed: 3 }) });
    const dense = seeded();
    dense.forward(randomTensor([8, 5], 1), true);
    dense.backward(randomTensor([8, 3], 2));
    const x = randomTensor([3, 5], 3), dOut = randomTensor([3, 3], 4);
    const fresh = seeded();
    const expectedY = clone(fresh.forward(x, true));
    const expected = fresh.backward(dOut);
    expectClose(dense.forward(x, true), expectedY, { rtol: 0, atol: 0 });
    const got = dense.backward(dOut);
    expectClose(got.dAPrev as Tensor, expected.dAPrev as Tensor, { rtol: 0, atol: 0 });
    expectClose(got.grads.dW, expected.grads.dW, { rtol: 0, atol: 0 });
  });

  it('composes its activation inside, never as another layer', () => {
    const dense = new Dense({ units: 2, activation: 'sigmoid', name: 'out' });
    expect(dense.activation).toBeInstanceOf(Sigmoid);
    expect(dense.activation.name).toBe('out_activation');
    const relu = new ReLU();
    expect(new Dense({ units: 2, activation: relu }).activation).toBe(relu);
  });
});
