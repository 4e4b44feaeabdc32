import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';
import { Dot, layers } from '../../../layers';
import { expectClose } from '../../helpers/expect-close';
import { expectInputGradientsCorrect } from '../../helpers/gradcheck-inputs';
import { randomTensor } from '../../helpers/random';

const f64 = (values: number[][] | number[][][]): Tensor => tensor(values, undefined, 'float64');

describe('Dot: known answers', () => {
  it('rank 2, axes 1: one dot product per sample, [batch, 1]; dA = dOut·B, dB = dOut·A', () => {
    const layer = new Dot({ axes: 1 });
    // [1, 2]·[5, 6] = 17, [3, 4]·[7, 8] = 53
    expect(toArray(layer.forwardInputs([f64([[1, 2], [3, 4]]), f64([[5, 6], [7, 8]])], true))).toEqual([[17], [53]]);
    const { dInputs } = layer.backwardInputs(f64([[2], [3]]), [true, true]);
    expect(dInputs.map((d) => toArray(d as Tensor))).toEqual([[[10, 12], [21, 24]], [[2, 4], [9, 12]]]);
  });

  it('normalize: the cosine similarity, [3, 4]·[4, 3] / 25 = 0.96, and its gradient', () => {
    const layer = new Dot({ axes: -1, normalize: true });
    expectClose(layer.forwardInputs([f64([[3, 4]]), f64([[4, 3]])], true), [[0.96]], { rtol: 1e-12, atol: 0 });
    // u = [0.6, 0.8], v = [0.8, 0.6]; dU = v, dU·u = 0.96, dA = (v − 0.96·u)/5 = [0.224, −0.168]/5.
    const { dInputs } = layer.backwardInputs(f64([[1]]), [true, true]);
    expectClose(dInputs[0] as Tensor, [[0.0448, -0.0336]], { rtol: 1e-12, atol: 1e-15 });
    expectClose(dInputs[1] as Tensor, [[-0.0336, 0.0448]], { rtol: 1e-12, atol: 1e-15 });
  });

  it('rank 3, axes 2: every vector of A against every vector of B, Y = A·Bᵀ per sample', () => {
    const y = new Dot({ axes: 2 }).forwardInputs([f64([[[1, 2], [3, 4]]]), f64([[[1, 0], [0, 1], [1, 1]]])]);
    expect(toArray(y)).toEqual([[[1, 2, 3], [3, 4, 7]]]);
  });

  it('rank 3, axes [2, 1]: the batched matrix product', () => {
    const y = new Dot({ axes: [2, 1] }).forwardInputs([f64([[[1, 2], [3, 4]]]), f64([[[5, 6], [7, 8]]])]);
    expect(toArray(y)).toEqual([[[19, 22], [43, 50]]]);
  });

  it('rank 3, axes 1: Y = Aᵀ·B per sample, [1, 2, 1]', () => {
    // Columns of A are [1, 3] and [2, 4]; B's only column is [5, 6]: 1·5 + 3·6 = 23, 2·5 + 4·6 = 34.
    const y = new Dot({ axes: 1 }).forwardInputs([f64([[[1, 2], [3, 4]]]), f64([[[5], [6]]])]);
    expect(toArray(y)).toEqual([[[23], [34]]]);
  });

  it('mixed ranks, [batch, 2] with [batch, 2, 3] on axes [1, 1]: a vector times a matrix, [batch, 3]', () => {
    const layer = new Dot({ axes: [1, 1] });
    expect(layer.computeOutputShapeOf([[null, 2], [null, 2, 3]])).toEqual([null, 3]);
    // [1, 2]·[[1, 2, 3], [4, 5, 6]] = [9, 12, 15]
    expect(toArray(layer.forwardInputs([f64([[1, 2]]), f64([[[1, 2, 3], [4, 5, 6]]])]))).toEqual([[9, 12, 15]]);
  });

  it('output shapes follow Keras: input 0 without its axis, then input 1 without batch and axis', () => {
    expect(new Dot({ axes: 1 }).computeOutputShapeOf([[null, 4], [null, 4]])).toEqual([null, 1]);
    expect(new Dot({ axes: 2 }).computeOutputShapeOf([[null, 5, 4], [null, 7, 4]])).toEqual([null, 5, 7]);
    expect(new Dot({ axes: [1, 2] }).computeOutputShapeOf([[null, 4, 5], [null, 7, 4]])).toEqual([null, 5, 7]);
    expect(new Dot({ axes: [2, 1] }).computeOutputShapeOf([[null, 5, 4], [null, 4]])).toEqual([null, 5]);
  });
});

describe('Dot: gradient checks (float64, random upstream gradient, both inputs)', () => {
  it.each([
    ['rank 2, axes 1', 1, [[3, 4], [3, 4]]],
    ['rank 3, axes 2', 2, [[2, 3, 4], [2, 2, 4]]],
    ['rank 3, axes 1', 1, [[2, 4, 3], [2, 4, 2]]],
    ['rank 3, axes [2, 1]', [2, 1], [[2, 3, 4], [2, 4, 2]]],
    ['rank 3, axes [1, 2]', [1, 2], [[2, 4, 3], [2, 2, 4]]],
    ['ranks 2 and 3, axes [1, 1]', [1, 1], [[2, 4], [2, 4, 3]]],
    ['ranks 3 and 2, axes [-1, -1]', [-1, -1], [[2, 3, 4], [2, 4]]],
  ] as const)('%s, with and without normalize', (_, axes, shapes) => {
    for (const normalize of [false, true]) {
      const xs = shapes.map((shape, k) => randomTensor(shape, 30 + k));
      expectInputGradientsCorrect(new Dot({ axes: axes as number | [number, number], normalize }), xs, { seed: normalize ? 1 : 2 });
    }
  });

  it('normalize below the floor (Σx² < 1e-7): the norm is the constant sqrt(1e-7)', () => {
    const tiny = f64([[1e-5, -2e-5, 1e-5]]);
    const layer = new Dot({ axes: 1, normalize: true });
    const other = f64([[0.5, 1, -1]]);
    // u = x / sqrt(1e-7), v = other / 1.5: y = (0.5e-5 − 2e-5 − 1e-5) / sqrt(1e-7) / 1.5
    expectClose(layer.forwardInputs([tiny, other]), [[-2.5e-5 / Math.sqrt(1e-7) / 1.5]], { rtol: 1e-12, atol: 0 });
    expectInputGradientsCorrect(layer, [tiny, other]);
  });

  it('on a transposed view', () => {
    expectInputGradientsCorrect(new Dot({ axes: 1, normalize: true }), [randomTensor([4, 3], 1).transpose(1, 0), randomTensor([3, 4], 2)]);
  });
});

describe('Dot: errors', () => {
  it('names the layer and both shapes when the dot axes differ in size', () => {
    const layer = new Dot({ axes: 1, name: 'dot' });
    expect(() => layer.forwardInputs([randomTensor([2, 3], 1), randomTensor([2, 4], 2)])).toThrow(ShapeError);
    expect(() => layer.computeOutputShapeOf([[null, 3], [null, 4]])).toThrow("Dot 'dot': the dot axes must have one size: input 0 axis 1 is 3, input 1 axis 1 is 4; got [?, 3] and [?, 4]");
  });

  it('supports ranks 2 and 3 only, and axes inside the inputs but not the batch', () => {
    expect(() => new Dot({ axes: 1, name: 'd4' }).computeOutputShapeOf([[null, 2, 2, 2], [null, 2]])).toThrow("Dot 'd4': input 0 must have rank 2 or 3: expected [?, d] or [?, n, d], got [?, 2, 2, 2]; inputs [?, 2, 2, 2] and [?, 2]");
    expect(() => new Dot({ axes: 2, name: 'd5' }).computeOutputShapeOf([[null, 2, 2], [null, 2]])).toThrow("Dot 'd5': axis 2 of input 1 must be a non-batch axis: expected an axis in 1..1 of [?, 2]; inputs [?, 2, 2] and [?, 2]");
    expect(() => new Dot({ axes: -2, name: 'd6' }).computeOutputShapeOf([[null, 2], [null, 2]])).toThrow("Dot 'd6': axis -2 of input 0 must be a non-batch axis");
    expect(() => new Dot({ axes: 1, name: 'd7' }).computeOutputShapeOf([[null, 2], [null, 2], [null, 2]])).toThrow(new ConfigError("Dot 'd7': takes 2 inputs, got 3"));
  });

  it('rejects axes that are not non-zero integers, and a non-boolean normalize', () => {
    for (const axes of [0, 1.5, [1], [1, 0], [1, 2, 3], '1', undefined]) {
      expect(() => new Dot({ axes } as never)).toThrow(ConfigError);
    }
    expect(() => new Dot({ axes: 0 })).toThrow('Dot: axes must be a non-zero integer or two of them [axisOfInput0, axisOfInput1] (0 is the batch axis), got 0');
    expect(() => new Dot({ axes: 1, normalize: 'yes' as never })).toThrow('Dot: normalize must be a boolean, got "yes"');
  });
});

describe('Dot: config', () => {
  it('getConfig → fromConfig → getConfig is the identity through the registry, for one axis and a pair', () => {
    const one = new Dot({ axes: -1, name: 'd' }).getConfig();
    expect(one).toEqual({ name: 'd', trainable: true, axes: -1, normalize: false });
    expect(layers.create('Dot', one).getConfig()).toEqual(one);
    const pair = new Dot({ axes: [2, 1], normalize: true, name: 'd2' }).getConfig();
    expect(pair).toEqual({ name: 'd2', trainable: true, axes: [2, 1], normalize: true });
    expect(layers.create('Dot', pair).getConfig()).toEqual(pair);
  });
});
