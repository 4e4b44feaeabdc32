import { ConfigError, ShapeError, StateError } from '../../lib/errors';
import { clone, tensor, tensorAllocations, toArray, zeros, type Tensor } from '../../lib/tensor';
import { LeakyReLU, Linear, ReLU, Sigmoid, Tanh } from '../../layers';
import type { Layer } from '../../layers';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomAwayFromZero, randomTensor } from '../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');

const elementwise: [string, () => Layer][] = [
  ['ReLU', () => new ReLU()],
  ['LeakyReLU', () => new LeakyReLU()],
  ['LeakyReLU alpha 0.1', () => new LeakyReLU({ alpha: 0.1 })],
  ['Sigmoid', () => new Sigmoid()],
  ['Tanh', () => new Tanh()],
  ['Linear', () => new Linear()],
];

describe('elementwise activations: known values', () => {
  // σ(ln 3) = 1/(1 + 1/3) = 3/4 and σ′ = y(1 − y) = 3/16; tanh(ln 2) = (2 − ½)/(2 + ½) = 3/5, tanh′ = 1 − 9/25 = 16/25.
  const ln2 = Math.log(2), ln3 = Math.log(3);
  const cases: [string, Layer, number[], number[], number[]][] = [
    // name, layer, x, f(x), f′(x)
    ['ReLU', new ReLU(), [-1, 0.5, 2], [0, 0.5, 2], [0, 1, 1]],
    ['LeakyReLU (α = 0.3, the tfjs default)', new LeakyReLU(), [-1, 0.5, 2], [-0.3, 0.5, 2], [0.3, 1, 1]],
    ['LeakyReLU α = 0.1', new LeakyReLU({ alpha: 0.1 }), [-2, 0.5, 2], [-0.2, 0.5, 2], [0.1, 1, 1]],
    ['Sigmoid', new Sigmoid(), [0, ln3, -ln3], [0.5, 0.75, 0.25], [0.25, 3 / 16, 3 / 16]],
    ['Tanh', new Tanh(), [0, ln2, -ln2], [0, 0.6, -0.6], [1, 16 / 25, 16 / 25]],
    ['Linear', new Linear(), [-1, 0.5, 2], [-1, 0.5, 2], [1, 1, 1]],
  ];
  it.each(cases)('%s: forward is f(x), backward is dOut ⊙ f′(x)', (_name, layer, x, y, dy) => {
    expectClose(layer.forward(f64([x]), true), [y], { rtol: 1e-12, atol: 1e-15 });
    // dOut = 2 everywhere but the middle entry, −3, so the product with dOut is visible.
    const dOut = [2, -3, 2];
    const { dAPrev, grads } = layer.backward(f64([dOut]));
    expectClose(dAPrev as Tensor, [dy.map((d, i) => d * dOut[i])], { rtol: 1e-12, atol: 1e-15 });
    expect(grads).toEqual({});
    expect(layer.params()).toEqual([]);
  });

  it('ReLU and LeakyReLU take the derivative at the kink 0 as 0 and α (as TensorFlow)', () => {
    const relu = new ReLU();
    relu.forward(f64([[0]]), true);
    expect(toArray(relu.backward(f64([[5]])).dAPrev as Tensor)).toEqual([[0]]);
    const leaky = new LeakyReLU({ alpha: 0.2 });
    leaky.forward(f64([[0]]), true);
    expect(toArray(leaky.backward(f64([[5]])).dAPrev as Tensor)).toEqual([[1]]);
  });

  it('Sigmoid and Tanh saturate without NaN; ReLU passes NaN through', () => {
    expect(toArray(new Sigmoid().forward(f64([[-1000, 1000]])))).toEqual([[0, 1]]);
    expect(toArray(new Tanh().forward(f64([[-1000, 1000]])))).toEqual([[-1, 1]]);
    expect(Number.isNaN((toArray(new ReLU().forward(f64([[NaN]]))) as number[][])[0][0])).toBe(true);
  });
});

describe.each(elementwise)('%s', (_name, make) => {
  it('passes a float64 gradient check on [4, 5] and on a rank-3 [2, 3, 4] input', () => {
    expectGradientsCorrect(make(), randomAwayFromZero([4, 5], 1));
    expectGradientsCorrect(make(), randomAwayFromZero([2, 3, 4], 2));
  });

  it('passes on a transposed view, and a view gives the same forward and backward as a copy', () => {
    const view = randomAwayFromZero([5, 4], 3).transpose(1, 0);
    expectGradientsCorrect(make(), view);
    const onView = make(), onCopy = make();
    const dOutView = randomTensor([5, 4], 4).transpose(1, 0);
    expectClose(onView.forward(view, true), onCopy.forward(clone(view), true), { rtol: 0, atol: 0 });
    expectClose(onView.backward(dOutView).dAPrev as Tensor, onCopy.backward(clone(dOutView)).dAPrev as Tensor, { rtol: 0, atol: 0 });
  });

  it('keeps the input shape: computeOutputShape and forward agree', () => {
    const layer = make();
    expect(layer.computeOutputShape([null, 3, 7])).toEqual([null, 3, 7]);
    expect(layer.forward(zeros([2, 3, 7], 'float64')).shape).toEqual([2, 3, 7]);
  });

  it('throws StateError for backward before forward, and after a forward that was not training', () => {
    const layer = make();
    expect(() => layer.backward(f64([[1]]))).toThrow(StateError);
    layer.forward(f64([[1, 2]]), true);
    layer.forward(f64([[1, 2]]), false);
    expect(() => layer.backward(f64([[1, 2]]))).toThrow(/backward called before forward\(x, training=true\)/);
  });

  it('checks the input width after build, naming the layer and both shapes', () => {
    const layer = make();
    layer.forward(zeros([2, 3]));
    expect(() => layer.forward(zeros([2, 4]))).toThrow(ShapeError);
    expect(() => layer.forward(zeros([2, 4]))).toThrow(`${layer.describe()}: input last axis must be 3: expected [?, 3], got [2, 4]`);
  });

  it('reuses its output and gradient buffers at a fixed batch size, and handles a new one', () => {
    const layer = make();
    const x = randomAwayFromZero([3, 4], 5);
    const dOut = randomTensor([3, 4], 6);
    const y1 = layer.forward(x, true);
    const d1 = layer.backward(dOut).dAPrev;
    const before = tensorAllocations();
    expect(layer.forward(x, true)).toBe(y1);
    expect(layer.backward(dOut).dAPrev).toBe(d1);
    expect(tensorAllocations()).toBe(before);
    const expected = clone(make().forward(randomAwayFromZero([6, 4], 7)));
    expectClose(layer.forward(randomAwayFromZero([6, 4], 7), true), expected, { rtol: 0, atol: 0 });
    expect(layer.backward(randomTensor([6, 4], 8)).dAPrev?.shape).toEqual([6, 4]);
  });

  it('round-trips its config', () => {
    const layer = make();
    const config = layer.getConfig();
    const Cls = layer.constructor as new (c: object) => Layer;
    expect(new Cls(config).getConfig()).toEqual(config);
  });
});

describe('LeakyReLU options', () => {
  it('defaults alpha to 0.3 (tfjs and Keras 2) and puts it in the config', () => {
    expect(new LeakyReLU({ name: 'leaky' }).getConfig()).toEqual({ name: 'leaky', trainable: true, alpha: 0.3 });
    expect(LeakyReLU.fromConfig({ name: 'l', trainable: false, alpha: 0.1 }).alpha).toBe(0.1);
  });

  it('rejects a negative or non-finite alpha, naming the value', () => {
    expect(() => new LeakyReLU({ alpha: -0.1 })).toThrow(new ConfigError('LeakyReLU: alpha must be a non-negative number, got -0.1'));
    expect(() => new LeakyReLU({ alpha: Infinity })).toThrow(ConfigError);
  });
});
