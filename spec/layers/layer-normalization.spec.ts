import { ConfigError } from '../../lib/errors';
import { tensor, type Tensor } from '../../lib/tensor';
import { LayerNormalization, layers, type LayerNormalizationOptions } from '../../layers';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const tight = { rtol: 1e-13, atol: 1e-15 };

function randomized(options: LayerNormalizationOptions, sample: number[], seed: number): LayerNormalization {
  const ln = new LayerNormalization(options);
  ln.build([null, ...sample], 'float64');
  for (const p of ln.params()) p.value.data.set(randomTensor(p.value.shape, seed++, { low: 0.5, high: 1.5 }).data);
  return ln;
}

describe('LayerNormalization', () => {
  it('normalizes each row by its own mean and biased variance, then scales and shifts each feature', () => {
    // Row [1, 3]: μ = 2, σ² = 1, x̂ = [−1, 1]/√(1 + ε); row [0, 0, …]: x̂ = 0, so y = β.
    // γ = [2, 1], β = [0, 0.5].
    const ln = new LayerNormalization();
    ln.build([null, 2], 'float64');
    const [gamma, beta] = ln.params();
    gamma.value.data.set([2, 1]);
    beta.value.data.set([0, 0.5]);
    const s = 1 / Math.sqrt(1.001);
    expectClose(ln.forward(f64([[1, 3], [5, 5]]), true), [[-2 * s, 0.5 + s], [0, 0.5]], tight);
    expect(ln.params().map((p) => p.weightName)).toEqual(['gamma', 'beta']);
  });

  it('does not depend on the batch: a row gives the same output alone or with others, in training or not', () => {
    const ln = randomized({}, [4], 1);
    const batch = randomTensor([3, 4], 2);
    const together = Array.from(ln.forward(batch, true).data).slice(4, 8);
    const alone = Array.from(ln.forward(tensor(batch.data.slice(4, 8), [1, 4], 'float64'), false).data);
    alone.forEach((v, i) => expect(v).toBeCloseTo(together[i], 14));
  });

  it('passes a float64 gradient check for the input, γ and β, on rank 2, rank 3 and a transposed view', () => {
    expectGradientsCorrect(randomized({}, [5], 3), randomTensor([4, 5], 4, { low: -2, high: 2 }));
    expectGradientsCorrect(randomized({}, [3, 4], 5), randomTensor([2, 3, 4], 6));
    expectGradientsCorrect(randomized({}, [4], 7), randomTensor([4, 6], 8).transpose(1, 0));
  });

  it('passes without center or scale', () => {
    expectGradientsCorrect(randomized({ center: false, scale: false }, [5], 9), randomTensor([3, 5], 10));
    expectGradientsCorrect(randomized({ scale: false }, [5], 11), randomTensor([3, 5], 12));
  });

  it('round-trips its config through the layers registry and rejects a bad epsilon', () => {
    const ln = new LayerNormalization({ name: 'ln', epsilon: 1e-6, scale: false });
    const config = ln.getConfig();
    expect(config).toEqual({ name: 'ln', trainable: true, epsilon: 1e-6, center: true, scale: false, betaInitializer: 'zeros', gammaInitializer: 'ones' });
    expect(layers.create('LayerNormalization', config).getConfig()).toEqual(config);
    expect(() => new LayerNormalization({ epsilon: -1 })).toThrow(new ConfigError('LayerNormalization: epsilon must be a positive number, got -1'));
  });
});
