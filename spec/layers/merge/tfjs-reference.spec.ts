/**
 * The merge and graph-utility layers against TensorFlow.js (cpu backend, float32), live: for
 * each case the reference is `tf.layers.<name>(options).apply(xs)` and, for the gradients,
 * `tf.grads((...xs) => tf.sum(tf.mul(layer.apply(xs), R)))(xs)` with a random upstream `R`.
 * Tolerance rtol 1e-5 / atol 1e-6 (the reference computes in float32).
 */
import * as tf from '@tensorflow/tfjs';
import { tensor, toArray, type NestedArray, type Tensor } from '../../../lib/tensor';
import {
  Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Permute, RepeatVector, Subtract, type Layer,
} from '../../../layers';
import { expectClose } from '../../helpers/expect-close';
import { randomTensor } from '../../helpers/random';
import { useCpuBackend } from '../../helpers/tfjs-files';

beforeAll(useCpuBackend);

/** Our output and input gradients against TensorFlow.js's for the same inputs and upstream gradient. */
function compare(ours: Layer, reference: tf.layers.Layer | ((ts: tf.Tensor[]) => tf.Tensor), xs: Tensor[], seed: number): void {
  const values = xs.map((x) => toArray(x));
  const y = ours.forwardInputs(xs, true);
  const R = randomTensor(y.shape, seed);
  const dInputs = ours.backwardInputs(R, xs.map(() => true)).dInputs as Tensor[];
  const inputs = values.map((v) => tf.tensor(v as number[]));
  const r = tf.tensor(toArray(R) as number[]);
  const apply = typeof reference === 'function' ? reference : (ts: tf.Tensor[]): tf.Tensor => reference.apply(ts.length === 1 ? ts[0] : ts) as tf.Tensor;
  const expectedY = apply(inputs).arraySync() as NestedArray;
  const expectedGrads = tf.grads((...ts: tf.Tensor[]) => tf.sum(tf.mul(apply(ts), r)))(inputs).map((g) => g.arraySync() as NestedArray);
  expectClose(y, expectedY);
  dInputs.forEach((d, k) => expectClose(d, expectedGrads[k]));
}

describe('merge layers against TensorFlow.js', () => {
  const three = (shape: number[]): Tensor[] => [0, 1, 2].map((k) => randomTensor(shape, 40 + k));

  it.each([
    ['add', () => new Add(), () => tf.layers.add({})],
    ['multiply', () => new Multiply(), () => tf.layers.multiply({})],
    ['average', () => new Average(), () => tf.layers.average({})],
    ['maximum', () => new Maximum(), () => tf.layers.maximum({})],
    ['minimum', () => new Minimum(), () => tf.layers.minimum({})],
  ] as const)('tf.layers.%s on three [3, 4] inputs', (_, ours, reference) => {
    compare(ours(), reference(), three([3, 4]), 1);
  });

  it('tf.sub on two [2, 3, 2] inputs (TensorFlow.js has no Subtract layer)', () => {
    compare(new Subtract(), ([a, b]) => tf.sub(a, b), three([2, 3, 2]).slice(0, 2), 2);
  });

  it('tf.layers.maximum and minimum with ties: the gradient goes to the first input holding the extremum', () => {
    const xs = [tensor([[1, 2, 3, 0]], undefined, 'float64'), tensor([[1, 3, 3, 0]], undefined, 'float64'), tensor([[0, 3, 3, 0]], undefined, 'float64')];
    compare(new Maximum(), tf.layers.maximum({}), xs, 3);
    compare(new Minimum(), tf.layers.minimum({}), xs, 4);
  });

  it.each([
    ['axis -1, rank 2', -1, [[2, 3], [2, 1]]],
    ['axis 1, rank 3', 1, [[2, 1, 3], [2, 2, 3]]],
    ['axis 2, rank 3', 2, [[2, 2, 1], [2, 2, 3]]],
  ] as const)('tf.layers.concatenate, %s', (_, axis, shapes) => {
    compare(new Concatenate({ axis }), tf.layers.concatenate({ axis }), shapes.map((s, k) => randomTensor(s, 50 + k)), 5);
  });

  it.each([
    ['rank 2, axes 1', 1, [[3, 4], [3, 4]]],
    ['rank 3, axes 2', 2, [[2, 3, 4], [2, 2, 4]]],
    ['rank 3, axes 1', 1, [[2, 4, 3], [2, 4, 2]]],
    ['rank 3, axes [2, 1]', [2, 1], [[2, 3, 4], [2, 4, 2]]],
    ['ranks 2 and 3, axes [1, 1]', [1, 1], [[2, 4], [2, 4, 3]]],
  ] as const)('tf.layers.dot, %s, with and without normalize', (_, axes, shapes) => {
    for (const normalize of [false, true]) {
      const tfAxes = (typeof axes === 'number' ? axes : [axes[0], axes[1]]) as number | [number, number];
      compare(new Dot({ axes: tfAxes, normalize }), tf.layers.dot({ axes: tfAxes, normalize }), shapes.map((s, k) => randomTensor(s, 60 + k)), 6);
    }
  });
});

describe('graph-utility layers against TensorFlow.js', () => {
  it('tf.layers.permute({ dims: [3, 1, 2] })', () => {
    compare(new Permute({ dims: [3, 1, 2] }), tf.layers.permute({ dims: [3, 1, 2] }), [randomTensor([2, 2, 3, 4], 7)], 7);
  });

  it('tf.layers.repeatVector({ n: 3 })', () => {
    compare(new RepeatVector({ n: 3 }), tf.layers.repeatVector({ n: 3 }), [randomTensor([2, 4], 8)], 8);
  });
});
