import { ConfigError, ShapeError, StateError } from '../../../lib/errors';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';
import { Add, Average, layers, Maximum, Minimum, Multiply, Subtract, type Layer } from '../../../layers';
import { expectInputGradientsCorrect } from '../../helpers/gradcheck-inputs';
import { randomAwayFromZero, randomTensor } from '../../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');

/** Forward on `xs` (training), then backward of `dOut`: the output and every input gradient as arrays. */
function run(layer: Layer, xs: Tensor[], dOut: number[][]): { y: unknown; dInputs: unknown[] } {
  const y = toArray(layer.forwardInputs(xs, true));
  const { dInputs } = layer.backwardInputs(f64(dOut), xs.map(() => true));
  return { y, dInputs: dInputs.map((d) => toArray(d as Tensor)) };
}

describe('element-wise merge layers: known answers', () => {
  const a = f64([[1, -2, 3]]);
  const b = f64([[4, 5, -6]]);
  const c = f64([[2, 2, 0.5]]);
  const g = [[1, 10, 100]];

  it('Add: y = a + b + c = [7, 5, -2.5]; every dX is dOut', () => {
    const { y, dInputs } = run(new Add(), [a, b, c], g);
    expect(y).toEqual([[7, 5, -2.5]]);
    expect(dInputs).toEqual([g, g, g]);
  });

  it('Subtract: y = a − b = [-3, -7, 9]; dA = dOut, dB = −dOut', () => {
    const { y, dInputs } = run(new Subtract(), [a, b], g);
    expect(y).toEqual([[-3, -7, 9]]);
    expect(dInputs).toEqual([g, [[-1, -10, -100]]]);
  });

  it('Multiply: y = a·b·c = [8, -20, -9]; dA = dOut·b·c = [8, 100, -300], dB = dOut·a·c = [2, -40, 150], dC = dOut·a·b = [4, -100, -1800]', () => {
    const { y, dInputs } = run(new Multiply(), [a, b, c], g);
    expect(y).toEqual([[8, -20, -9]]);
    expect(dInputs).toEqual([[[8, 100, -300]], [[2, -40, 150]], [[4, -100, -1800]]]);
  });

  it('Multiply: the gradient of an input is right where another input is 0 (no division by it)', () => {
    const { dInputs } = run(new Multiply(), [f64([[0, 3]]), f64([[5, 0]])], [[1, 1]]);
    expect(dInputs).toEqual([[[5, 0]], [[0, 3]]]);
  });

  it('Average: y = (a + b + c)/3 = [7/3, 5/3, -2.5/3]; every dX is dOut/3', () => {
    const { y, dInputs } = run(new Average(), [a, b, c], [[3, 6, 9]]);
    expect((y as number[][])[0].map((v) => v * 3)).toEqual([7, 5, -2.5].map((v) => expect.closeTo(v, 12)));
    expect(dInputs).toEqual([[[1, 2, 3]], [[1, 2, 3]], [[1, 2, 3]]]);
  });

  it('Maximum: y = max(a, b, c) = [4, 5, 3]; each element\'s gradient goes to its winner', () => {
    const { y, dInputs } = run(new Maximum(), [a, b, c], g);
    expect(y).toEqual([[4, 5, 3]]);
    expect(dInputs).toEqual([[[0, 0, 100]], [[1, 10, 0]], [[0, 0, 0]]]);
  });

  it('Minimum: y = min(a, b, c) = [1, -2, -6]; each element\'s gradient goes to its winner', () => {
    const { y, dInputs } = run(new Minimum(), [a, b, c], g);
    expect(y).toEqual([[1, -2, -6]]);
    expect(dInputs).toEqual([[[1, 10, 0]], [[0, 0, 100]], [[0, 0, 0]]]);
  });

  it('Maximum and Minimum send a tie to the first input holding it, as TensorFlow.js (maximum\'s gradient: a where a >= b)', () => {
    // Element 0 ties all three inputs, element 1 ties inputs 1 and 2 above input 0.
    const xs = [f64([[2, 1]]), f64([[2, 7]]), f64([[2, 7]])];
    const max = run(new Maximum(), xs, [[3, 4]]);
    expect(max.y).toEqual([[2, 7]]);
    expect(max.dInputs).toEqual([[[3, 0]], [[0, 4]], [[0, 0]]]);
    const min = run(new Minimum(), [f64([[2, 9]]), f64([[2, 1]]), f64([[2, 1]])], [[3, 4]]);
    expect(min.y).toEqual([[2, 1]]);
    expect(min.dInputs).toEqual([[[3, 0]], [[0, 4]], [[0, 0]]]);
  });

  it('Maximum and Minimum propagate NaN', () => {
    expect(toArray(new Maximum().forwardInputs([f64([[1, NaN]]), f64([[NaN, 2]])]))).toEqual([[NaN, NaN]]);
    expect(toArray(new Minimum().forwardInputs([f64([[1, NaN]]), f64([[NaN, 2]])]))).toEqual([[NaN, NaN]]);
  });

  it('skips the gradients that are not asked for', () => {
    const add = new Add();
    add.forwardInputs([a, b], true);
    const { dInputs } = add.backwardInputs(f64(g), [false, true]);
    expect(dInputs[0]).toBeNull();
    expect(toArray(dInputs[1] as Tensor)).toEqual(g);
  });
});

describe('element-wise merge layers: gradient checks (float64, random upstream gradient, every input)', () => {
  const classes = [Add, Subtract, Multiply, Average, Maximum, Minimum];
  test.each(classes.map((Cls) => [Cls.className, Cls] as const))('%s on [3, 4] and [2, 2, 3] inputs', (name, Cls) => {
    const count = name === 'Subtract' ? 2 : 3;
    for (const shape of [[3, 4], [2, 2, 3]]) {
      // Distinct random values: Maximum and Minimum have no ties to straddle.
      const xs = Array.from({ length: count }, (_, k) => randomAwayFromZero(shape, 10 * k + shape.length));
      expectInputGradientsCorrect(new Cls(), xs, { seed: shape.length });
    }
  });

  test.each(classes.map((Cls) => [Cls.className, Cls] as const))('%s on a transposed (non-contiguous) view gives the same gradients', (_, Cls) => {
    const a = randomTensor([4, 3], 5);
    const b = randomTensor([3, 4], 6).transpose(1, 0);
    expectInputGradientsCorrect(new Cls(), [a, b]);
  });
});

describe('element-wise merge layers: errors', () => {
  it('names the layer, the input and both shapes when the shapes differ', () => {
    const add = new Add({ name: 'sum' });
    expect(() => add.forwardInputs([randomTensor([2, 3], 1), randomTensor([2, 4], 2)])).toThrow(ShapeError);
    expect(() => add.forwardInputs([randomTensor([2, 3], 1), randomTensor([2, 4], 2)])).toThrow("Add 'sum': input 1 must have the shape of input 0: expected [?, 3], got [?, 4]");
    expect(() => new Multiply({ name: 'm' }).computeOutputShapeOf([[null, 3], [null, 3], [null, 3, 1]])).toThrow("Multiply 'm': input 2 must have the shape of input 0: expected [?, 3], got [?, 3, 1]");
  });

  it('checks inputs against the shapes it was built for, and the batch sizes against each other', () => {
    const max = new Maximum({ name: 'mx' });
    max.forwardInputs([randomTensor([2, 3], 1), randomTensor([2, 3], 2)]);
    expect(() => max.forwardInputs([randomTensor([2, 3], 1), randomTensor([2, 5], 2)])).toThrow("Maximum 'mx': input 1 does not match the shape the layer was built for: expected [?, 3], got [2, 5]");
    expect(() => max.forwardInputs([randomTensor([2, 3], 1), randomTensor([4, 3], 2)])).toThrow("Maximum 'mx': inputs must have the same batch size, got [2, 3], [4, 3]");
  });

  it('Subtract takes exactly two inputs; the others at least two', () => {
    expect(() => new Subtract({ name: 's' }).computeOutputShapeOf([[null, 2], [null, 2], [null, 2]])).toThrow(new ConfigError("Subtract 's': takes 2 inputs, got 3"));
    expect(() => new Add({ name: 'a1' }).computeOutputShapeOf([[null, 2]])).toThrow(new ConfigError("Add 'a1': takes at least 2 inputs, got 1"));
  });

  it('backward before a training forward is a StateError; a dOut of the wrong shape names both shapes', () => {
    const avg = new Average({ name: 'avg' });
    expect(() => avg.backwardInputs(randomTensor([2, 3], 1), [true, true])).toThrow(StateError);
    avg.forwardInputs([randomTensor([2, 3], 1), randomTensor([2, 3], 2)], true);
    expect(() => avg.backwardInputs(randomTensor([2, 4], 1), [true, true])).toThrow("Average 'avg': dOut must have the output's shape: expected [2, 3], got [2, 4]");
  });
});

describe('element-wise merge layers: config', () => {
  test.each(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'])('%s: getConfig → fromConfig → getConfig is the identity through the registry', (name) => {
    const config = layers.create(name, { name: `${name.toLowerCase()}_x`, trainable: false }).getConfig();
    expect(config).toEqual({ name: `${name.toLowerCase()}_x`, trainable: false });
    expect(layers.create(name, config).getConfig()).toEqual(config);
  });

  it('output shapes follow the inputs, filling in known axes', () => {
    expect(new Add().computeOutputShapeOf([[null, null, 4], [null, 3, 4]])).toEqual([null, 3, 4]);
  });
});

describe('the input gradient check itself', () => {
  /** Add with a backward that forgets to multiply by dOut (what an all-ones upstream gradient would hide). */
  class ForgetfulAdd extends Add {
    protected override backpropMany(dOut: Tensor, needInputGradients: readonly boolean[]): (Tensor | null)[] {
      return needInputGradients.map((need, k) => {
        if (!need) return null;
        const dx = this.buffer(`dX${k}`, dOut.shape);
        dx.data.fill(1);
        return dx;
      });
    }
  }

  it('fails a backward that ignores dOut, naming the layer and the input', () => {
    expect(() => expectInputGradientsCorrect(new ForgetfulAdd({ name: 'bad' }), [randomTensor([2, 3], 1), randomTensor([2, 3], 2)])).toThrow(/^Add 'bad': input gradient check failed:\ninput 0: max rel error .*\ninput 1: max rel error/);
  });
});
