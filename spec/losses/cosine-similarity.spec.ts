import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { CosineSimilarity, EPSILON } from '../../losses';
import { ConfigError } from '../../lib/errors';
import { map } from '../../lib/kernels/elementwise';
import { tensor, zeros } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

describe('CosineSimilarity', () => {
  it('is 0 for orthogonal vectors, −1 for parallel ones and 1 for opposite ones', () => {
    // Rows: [1, 0]·[0, 1] = 0; [2, 2]/√8·[1, 1]/√2 = 1 → −1; [−1, 0]·[3, 0]/3 = −1 → 1. L = 0.
    const loss = new CosineSimilarity();
    expect(loss.forward(f64([[1, 0]]), f64([[0, 1]]))).toBeCloseTo(0, 15);
    expect(loss.forward(f64([[2, 2]]), f64([[1, 1]]))).toBeCloseTo(-1, 15);
    expect(loss.forward(f64([[-1, 0]]), f64([[3, 0]]))).toBeCloseTo(1, 15);
    expect(loss.forward(f64([[1, 0], [2, 2], [-1, 0]]), f64([[0, 1], [1, 1], [3, 0]]))).toBeCloseTo(0, 15);
  });

  it('has the known gradient: zero when parallel, −t̂/‖p‖ when orthogonal', () => {
    // Orthogonal p = [2, 0], t = [0, 1]: ℓ = 0, ∂ℓ/∂p = −(t̂ + 0·p̂)/‖p‖ = [0, −0.5].
    // Parallel p = [2, 2], t = [1, 1]: ℓ = −1, ∂ℓ/∂p = −(t̂ − p̂)/‖p‖ = 0. N = 2 halves both.
    const loss = new CosineSimilarity();
    loss.forward(f64([[2, 0], [2, 2]]), f64([[0, 1], [1, 1]]));
    expectClose(loss.backward(), [[0, -0.25], [0, 0]], { rtol: 0, atol: 1e-16 });
  });

  it('ignores the length of either vector', () => {
    const p = randomTensor([3, 4], 1);
    const t = randomTensor([3, 4], 2);
    const scaled = map(zeros([3, 4], 'float64'), p, (v) => 7.5 * v);
    expect(new CosineSimilarity().forward(scaled, t)).toBeCloseTo(new CosineSimilarity().forward(p, t), 14);
  });

  it('floors a zero vector norm at ε, as Keras: loss 0, gradient −t̂/ε', () => {
    const loss = new CosineSimilarity();
    expect(loss.forward(f64([[0, 0]]), f64([[3, 4]]))).toBeCloseTo(0, 15);
    expectClose(loss.backward(), [[-0.6 / EPSILON, -0.8 / EPSILON]], { rtol: 1e-12, atol: 0 });
  });

  it('has a correct gradient, with and without sample weights', () => {
    const p = randomTensor([4, 3], 3);
    const t = randomTensor([4, 3], 4);
    expectGradientsCorrect(new CosineSimilarity(), p, t);
    expectGradientsCorrect(withSampleWeight(new CosineSimilarity({ axis: 1 }), randomTensor([4], 5, { low: 0.1, high: 2 })), p, t);
  });

  it('keeps axis in getConfig and accepts only the features axis', () => {
    expect(new CosineSimilarity().getConfig()).toEqual({ axis: -1 });
    expect(CosineSimilarity.fromConfig({ axis: 1 }).getConfig()).toEqual({ axis: 1 });
    expect(() => new CosineSimilarity({ axis: 0 })).toThrow(ConfigError);
    expect(() => new CosineSimilarity({ axis: 0 })).toThrow(/CosineSimilarity: axis must be -1 or 1 .*got 0/);
  });
});
