import { ConfigError, StateError } from '../../lib/errors';
import { setSeed, type RandomState } from '../../lib/random';
import { Sequential } from '../../lib/sequential';
import { tensor, toArray, type Tensor } from '../../lib/tensor';
import { Dense, Dropout, layers } from '../../layers';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';

const ones = (rows: number, cols: number): Tensor => tensor(new Float64Array(rows * cols).fill(1), [rows, cols]);

/** A Dropout whose every training forward draws the same mask: the generator is rewound first. */
class FixedMaskDropout extends Dropout {
  private state: RandomState | null = null;

  override forward(x: Tensor, training = false): Tensor {
    if (!this.built) this.build([null, ...x.shape.slice(1)], 'float64');
    this.state ??= this.getRandomState();
    this.setRandomState(this.state);
    return super.forward(x, training);
  }
}

describe('Dropout', () => {
  it('scales kept units by 1/(1 − rate) and zeroes the others (rate 0.75 → 0 or 4)', () => {
    const dropout = new Dropout({ rate: 0.75, seed: 1 });
    const y = dropout.forward(ones(50, 40), true);
    const values = Array.from(y.data);
    expect(values.every((v) => v === 0 || v === 4)).toBe(true);
    // 2000 draws of keep-with-probability ¼: the kept fraction is ¼ within a few standard deviations (σ ≈ 0.01).
    const kept = values.filter((v) => v === 4).length / values.length;
    expect(Math.abs(kept - 0.25)).toBeLessThan(0.04);
    // Inverted dropout keeps the expected value: the mean output is about 1.
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length - 1)).toBeLessThan(0.16);
  });

  it('backward multiplies dOut by the same mask', () => {
    const dropout = new Dropout({ rate: 0.5, seed: 2 });
    const x = randomTensor([6, 5], 3);
    const y = dropout.forward(x, true);
    const mask = Array.from(y.data, (v, i) => v / x.data[i]);
    expect(mask.every((m) => Math.abs(m) < 1e-12 || Math.abs(m - 2) < 1e-12)).toBe(true);
    const dOut = randomTensor([6, 5], 4);
    const dAPrev = dropout.backward(dOut).dAPrev as Tensor;
    expect(Array.from(dAPrev.data)).toEqual(Array.from(dOut.data, (g, i) => g * Math.round(mask[i])));
  });

  it('is the identity at inference (the input itself) and for rate 0', () => {
    const x = randomTensor([3, 4], 5);
    expect(new Dropout({ rate: 0.5, seed: 1 }).forward(x, false)).toBe(x);
    const none = new Dropout({ rate: 0 });
    expect(none.forward(x, true)).toBe(x);
    const dOut = randomTensor([3, 4], 6);
    expect(none.backward(dOut).dAPrev).toBe(dOut);
  });

  it('passes a float64 gradient check with a fixed mask', () => {
    const dropout = new FixedMaskDropout({ rate: 0.4, seed: 7 });
    const x = randomTensor([5, 6], 8);
    // The mask really is fixed, and really drops something.
    const first = toArray(dropout.forward(x, true));
    expect(toArray(dropout.forward(x, true))).toEqual(first);
    expect((first as number[][]).flat().some((v) => v === 0)).toBe(true);
    expectGradientsCorrect(dropout, x);
    expectGradientsCorrect(new FixedMaskDropout({ rate: 0.4, seed: 9 }), randomTensor([2, 3, 4], 10));
  });

  it('is reproducible: the same seed gives the same masks, and the generator state replays them', () => {
    const x = ones(4, 8);
    const a = new Dropout({ rate: 0.5, seed: 42 }), b = new Dropout({ rate: 0.5, seed: 42 });
    const first = toArray(a.forward(x, true));
    expect(toArray(b.forward(x, true))).toEqual(first);
    const state = a.getRandomState();
    const second = toArray(a.forward(x, true));
    expect(second).not.toEqual(first);
    a.setRandomState(state);
    expect(toArray(a.forward(x, true))).toEqual(second);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('without a seed draws one from the global generator at build (setSeed makes it reproducible)', () => {
    const masks = [1, 2].map(() => {
      setSeed(123);
      return toArray(new Dropout({ rate: 0.5 }).forward(ones(3, 5), true));
    });
    expect(masks[1]).toEqual(masks[0]);
    expect(() => new Dropout({ rate: 0.5 }).getRandomState()).toThrow(StateError);
    expect(() => new Dropout({ rate: 0.5 }).getRandomState()).toThrow(/Dropout 'dropout_\d+': getRandomState needs the layer built/);
  });

  it('in a model: fit uses masks, predict does not', () => {
    const model = new Sequential({ layers: [new Dense({ units: 4, inputShape: [3], kernelInitializer: 'ones' }), new Dropout({ rate: 0.5, seed: 1 })], dtype: 'float64' });
    const x = [[1, 2, 3]];
    // Dense with W = ones, b = 0 gives 6 in every unit; inference passes it through unchanged.
    expectClose(model.predict(x), [[6, 6, 6, 6]], { rtol: 0, atol: 0 });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const trace = model.computeGradients(x, [[0, 0, 0, 0]]);
    expect(Array.from(trace.layers[1].output.data).every((v) => v === 0 || v === 12)).toBe(true);
  });

  it('round-trips its config (seed only when given) through the layers registry', () => {
    const seeded = new Dropout({ rate: 0.3, seed: 5, name: 'd' });
    expect(seeded.getConfig()).toEqual({ name: 'd', trainable: true, rate: 0.3, seed: 5 });
    expect((layers.create('Dropout', seeded.getConfig())).getConfig()).toEqual(seeded.getConfig());
    expect(new Dropout({ rate: 0.3, name: 'e' }).getConfig()).toEqual({ name: 'e', trainable: true, rate: 0.3 });
  });

  it('rejects a rate outside [0, 1) and a non-finite seed, naming the value', () => {
    expect(() => new Dropout({ rate: 1.5 })).toThrow(new ConfigError('Dropout: rate must be a number in [0, 1), got 1.5'));
    expect(() => new Dropout({ rate: 1 })).toThrow(ConfigError);
    expect(() => new Dropout({ rate: -0.1 })).toThrow(ConfigError);
    expect(() => new Dropout({} as never)).toThrow('Dropout: rate must be a number in [0, 1), got undefined');
    expect(() => new Dropout({ rate: 0.5, seed: NaN })).toThrow(new ConfigError('Dropout: seed must be a finite number, got NaN'));
  });
});
