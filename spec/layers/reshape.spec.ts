import { ConfigError, ShapeError } from '../../lib/errors';
import { Sequential } from '../../lib/sequential';
import { tensor, toArray, type Tensor } from '../../lib/tensor';
import { Dense, Flatten, layers, Reshape } from '../../layers';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';

describe('Reshape', () => {
  it('reshapes each sample in row-major order, as a zero-copy view, and backward restores the input shape', () => {
    const x = tensor([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]], undefined, 'float64');
    const reshape = new Reshape({ targetShape: [3, 2] });
    const y = reshape.forward(x, true);
    expect(toArray(y)).toEqual([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
    expect(y.data).toBe(x.data);
    const dAPrev = reshape.backward(y).dAPrev as Tensor;
    expect(toArray(dAPrev)).toEqual(toArray(x));
  });

  it('infers one -1 axis from the input size', () => {
    expect(new Reshape({ targetShape: [-1, 2] }).computeOutputShape([null, 6])).toEqual([null, 3, 2]);
    expect(new Reshape({ targetShape: [4, -1] }).computeOutputShape([null, 2, 2, 3])).toEqual([null, 4, 3]);
    expect(new Reshape({ targetShape: [28, 28] }).forward(randomTensor([2, 784], 1)).shape).toEqual([2, 28, 28]);
  });

  it('passes a gradient check, and composes with Flatten and Dense in a model', () => {
    expectGradientsCorrect(new Reshape({ targetShape: [2, -1] }), randomTensor([3, 8], 2));
    const model = new Sequential([new Reshape({ targetShape: [2, 3], inputShape: [6] }), new Flatten(), new Dense({ units: 1 })]);
    expect(model.outputShape).toEqual([null, 1]);
  });

  it('names both shapes when the input does not fit targetShape', () => {
    const fixed = new Reshape({ targetShape: [4, 2], name: 'r' });
    expect(() => fixed.computeOutputShape([null, 2, 3])).toThrow(ShapeError);
    expect(() => fixed.computeOutputShape([null, 2, 3])).toThrow("Reshape 'r': cannot reshape input [?, 2, 3] (6 values per sample) to targetShape [?, 4, 2] (8 values)");
    expect(() => fixed.forward(randomTensor([1, 6], 3))).toThrow("Reshape 'r': cannot reshape input [?, 6] (6 values per sample) to targetShape [?, 4, 2] (8 values)");
    expect(() => new Reshape({ targetShape: [4, -1], name: 's' }).computeOutputShape([null, 6])).toThrow("Reshape 's': cannot reshape input [?, 6] (6 values per sample) to targetShape [?, 4, -1]: 6 is not a multiple of 4");
    expect(() => new Sequential([new Dense({ units: 6, inputShape: [2] }), new Reshape({ targetShape: [5] })])).toThrow(/cannot reshape input \[\?, 6\]/);
  });

  it('rejects a targetShape with two -1, a zero, or no axes', () => {
    for (const targetShape of [[-1, -1], [0, 3], [], [1.5], 'x' as never]) {
      expect(() => new Reshape({ targetShape })).toThrow(ConfigError);
    }
    expect(() => new Reshape({ targetShape: [-1, -1] })).toThrow('Reshape: targetShape must be a non-empty array of positive integers with at most one -1, got [-1,-1]');
  });

  it('round-trips its config through the layers registry', () => {
    const config = new Reshape({ targetShape: [-1, 4], name: 'r2' }).getConfig();
    expect(config).toEqual({ name: 'r2', trainable: true, targetShape: [-1, 4] });
    expect(layers.create('Reshape', config).getConfig()).toEqual(config);
  });
});
