import { ConfigError } from '../../lib/errors';
import {
  computeFans, Constant, getInitializer, GlorotNormal, GlorotUniform, HeNormal, HeUniform, Initializer,
  initializers, LecunNormal, LecunUniform, Ones, RandomNormal, RandomUniform, serializeInitializer,
  VarianceScaling, Zeros,
} from '../../lib/initializers';
import { Random, setSeed } from '../../lib/random';
import { zeros, type Tensor } from '../../lib/tensor';

/** Mean, standard deviation, minimum and maximum of a tensor's values. */
function stats(t: Tensor): { mean: number; std: number; min: number; max: number } {
  let sum = 0, sq = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < t.size; i++) {
    const v = t.data[i];
    sum += v;
    sq += v * v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / t.size;
  return { mean, std: Math.sqrt(sq / t.size - mean * mean), min, max };
}

// A 200×200 kernel: fanIn = fanOut = 200, 40,000 samples. The standard error of the mean is
// σ/200 and that of the standard deviation about σ/283, so 5σ/200 and 2% are safe margins.
const N = 200;

describe('computeFans', () => {
  it('follows Keras: [in, out] for a kernel, n for a vector, 1 for a scalar, × receptive field beyond', () => {
    expect(computeFans([3, 4])).toEqual({ fanIn: 3, fanOut: 4 });
    expect(computeFans([5])).toEqual({ fanIn: 5, fanOut: 5 });
    expect(computeFans([])).toEqual({ fanIn: 1, fanOut: 1 });
    // A 2×3 convolution kernel from 4 to 5 channels: receptive field 6.
    expect(computeFans([2, 3, 4, 5])).toEqual({ fanIn: 24, fanOut: 30 });
  });
});

describe('variance-scaling initializers on a 200×200 kernel', () => {
  const uniform: [string, Initializer, number][] = [
    // limit = √(6 / (fanIn + fanOut)) = √(6/400)
    ['GlorotUniform', new GlorotUniform({ seed: 1 }), Math.sqrt(6 / (N + N))],
    // limit = √(6 / fanIn)
    ['HeUniform', new HeUniform({ seed: 2 }), Math.sqrt(6 / N)],
    // limit = √(3 / fanIn)
    ['LecunUniform', new LecunUniform({ seed: 3 }), Math.sqrt(3 / N)],
  ];
  it.each(uniform)('%s is uniform in [−limit, limit) with std limit/√3', (_name, init, limit) => {
    const s = stats(init.init([N, N], 'float64'));
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeLessThan(limit);
    expect(s.max).toBeGreaterThan(0.99 * limit);
    expect(s.min).toBeLessThan(-0.99 * limit);
    expect(Math.abs(s.mean)).toBeLessThan((5 * limit) / Math.sqrt(3) / N);
    expect(Math.abs(s.std / (limit / Math.sqrt(3)) - 1)).toBeLessThan(0.02);
  });

  const normal: [string, Initializer, number][] = [
    // std after truncation = √(2 / (fanIn + fanOut))
    ['GlorotNormal', new GlorotNormal({ seed: 4 }), Math.sqrt(2 / (N + N))],
    // std = √(2 / fanIn)
    ['HeNormal', new HeNormal({ seed: 5 }), Math.sqrt(2 / N)],
    // std = √(1 / fanIn)
    ['LecunNormal', new LecunNormal({ seed: 6 }), Math.sqrt(1 / N)],
  ];
  it.each(normal)('%s is a truncated normal with the target std, within 2 raw stddevs', (_name, init, target) => {
    const s = stats(init.init([N, N], 'float64'));
    // Before truncation the stddev is target / 0.87962566103423978; values beyond 2 of those are redrawn.
    const bound = (2 * target) / 0.87962566103423978;
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.min).toBeGreaterThanOrEqual(-bound);
    expect(s.max).toBeGreaterThan(0.98 * bound);
    expect(Math.abs(s.mean)).toBeLessThan((5 * target) / N);
    expect(Math.abs(s.std / target - 1)).toBeLessThan(0.02);
  });

  it('VarianceScaling picks the fan by mode and the distribution by name', () => {
    // [100, 400]: fanIn 100, fanOut 400, fanAvg 250; untruncated normal std = √(scale/fan).
    const fanOut = stats(new VarianceScaling({ scale: 2, mode: 'fanOut', distribution: 'untruncatedNormal', seed: 7 }).init([100, 400], 'float64'));
    expect(Math.abs(fanOut.std / Math.sqrt(2 / 400) - 1)).toBeLessThan(0.02);
    const fanIn = stats(new VarianceScaling({ scale: 2, mode: 'fanIn', distribution: 'untruncatedNormal', seed: 7 }).init([100, 400], 'float64'));
    expect(Math.abs(fanIn.std / Math.sqrt(2 / 100) - 1)).toBeLessThan(0.02);
    // Uniform with fanAvg: limit = √(3·scale/fanAvg) = √(3/250).
    const avg = stats(new VarianceScaling({ mode: 'fanAvg', distribution: 'uniform', seed: 8 }).init([100, 400], 'float64'));
    expect(avg.max).toBeLessThan(Math.sqrt(3 / 250));
    expect(avg.max).toBeGreaterThan(0.99 * Math.sqrt(3 / 250));
  });

  it('rejects a non-positive scale and unknown modes or distributions, naming the valid ones', () => {
    expect(() => new VarianceScaling({ scale: 0 })).toThrow(new ConfigError('VarianceScaling: scale must be a positive number, got 0'));
    expect(() => new VarianceScaling({ mode: 'fan_in' as never })).toThrow(/VarianceScaling: mode must be one of 'fanIn', 'fanOut', 'fanAvg', got "fan_in"/);
    expect(() => new VarianceScaling({ distribution: 'normal' as never })).toThrow(/distribution must be one of 'truncatedNormal', 'untruncatedNormal', 'uniform', got "normal"/);
  });
});

describe('fixed-value and fixed-distribution initializers', () => {
  it('Zeros, Ones and Constant fill with one value, in the requested dtype', () => {
    const z = new Zeros().init([2, 3], 'float64');
    expect(z.data).toBeInstanceOf(Float64Array);
    expect(Array.from(z.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(new Ones().init([2]).data)).toEqual([1, 1]);
    const c = new Constant({ value: 0.25 }).init([3]);
    expect(c.data).toBeInstanceOf(Float32Array);
    expect(Array.from(c.data)).toEqual([0.25, 0.25, 0.25]);
    expect(new Constant().getConfig()).toEqual({ value: 0 });
    expect(() => new Constant({ value: NaN })).toThrow(new ConfigError('Constant: value must be a finite number, got null'));
  });

  it('RandomNormal has the given mean and stddev (default 0 and 0.05)', () => {
    const d = stats(new RandomNormal({ seed: 9 }).init([N, N], 'float64'));
    expect(Math.abs(d.mean)).toBeLessThan((5 * 0.05) / N);
    expect(Math.abs(d.std / 0.05 - 1)).toBeLessThan(0.02);
    const s = stats(new RandomNormal({ mean: 1, stddev: 0.5, seed: 9 }).init([N, N], 'float64'));
    expect(Math.abs(s.mean - 1)).toBeLessThan((5 * 0.5) / N);
    expect(Math.abs(s.std / 0.5 - 1)).toBeLessThan(0.02);
    expect(() => new RandomNormal({ stddev: -1 })).toThrow(/RandomNormal: stddev must be a non-negative number, got -1/);
  });

  it('RandomUniform stays in [minval, maxval) (default ±0.05)', () => {
    const d = stats(new RandomUniform({ seed: 10 }).init([N, N], 'float64'));
    expect(d.min).toBeGreaterThanOrEqual(-0.05);
    expect(d.max).toBeLessThan(0.05);
    const s = stats(new RandomUniform({ minval: 2, maxval: 3, seed: 10 }).init([N, N], 'float64'));
    expect(s.min).toBeGreaterThanOrEqual(2);
    expect(s.max).toBeLessThan(3);
    expect(Math.abs(s.mean - 2.5)).toBeLessThan(0.01);
    expect(() => new RandomUniform({ minval: 1, maxval: 0 })).toThrow(/RandomUniform: minval and maxval must be finite numbers with minval <= maxval, got minval=1, maxval=0/);
  });

  it('fill overwrites an existing contiguous tensor, fans from its shape', () => {
    const t = zeros([4, 6], 'float64');
    expect(new Ones().fill(t)).toBe(t);
    expect(Array.from(t.data).every((v) => v === 1)).toBe(true);
    new GlorotUniform({ seed: 1 }).fill(t);
    expect(Array.from(t.data)).toEqual(Array.from(new GlorotUniform({ seed: 1 }).init([4, 6], 'float64').data));
  });
});

describe('seeding', () => {
  const values = (t: Tensor): number[] => Array.from(t.data);

  it('a seeded initializer gives the same values on every call, and another seed others', () => {
    const a = new GlorotUniform({ seed: 42 });
    expect(values(a.init([3, 4]))).toEqual(values(a.init([3, 4])));
    expect(values(new GlorotUniform({ seed: 42 }).init([3, 4]))).toEqual(values(a.init([3, 4])));
    expect(values(new GlorotUniform({ seed: 43 }).init([3, 4]))).not.toEqual(values(a.init([3, 4])));
  });

  it('its own seed wins over the global seed and over an rng argument', () => {
    const expected = values(new HeNormal({ seed: 3 }).init([5, 5]));
    setSeed(1);
    expect(values(new HeNormal({ seed: 3 }).init([5, 5]))).toEqual(expected);
    expect(values(new HeNormal({ seed: 3 }).init([5, 5], 'float32', new Random(99)))).toEqual(expected);
  });

  it('without a seed it draws from the rng argument, else from the global generator', () => {
    const init = new RandomNormal();
    expect(values(init.init([4], 'float32', new Random(7)))).toEqual(values(init.init([4], 'float32', new Random(7))));
    setSeed(11);
    const first = values(init.init([4]));
    const second = values(init.init([4]));
    expect(second).not.toEqual(first);
    setSeed(11);
    expect(values(init.init([4]))).toEqual(first);
    expect(values(init.init([4]))).toEqual(second);
  });

  it('rejects a seed that is not a finite number', () => {
    expect(() => new GlorotUniform({ seed: 'x' as never })).toThrow(new ConfigError('GlorotUniform: seed must be a finite number, got "x"'));
  });
});

describe('the initializers registry', () => {
  it('resolves the TensorFlow.js, Keras and class spellings', () => {
    expect(getInitializer('glorotUniform')).toBeInstanceOf(GlorotUniform);
    expect(getInitializer('glorot_uniform')).toBeInstanceOf(GlorotUniform);
    expect(getInitializer('GlorotUniform')).toBeInstanceOf(GlorotUniform);
    expect(getInitializer('he_normal')).toBeInstanceOf(HeNormal);
    expect(getInitializer('heUniform')).toBeInstanceOf(HeUniform);
    expect(getInitializer('lecun_normal')).toBeInstanceOf(LecunNormal);
    expect(getInitializer('zeros')).toBeInstanceOf(Zeros);
    expect(getInitializer('ones')).toBeInstanceOf(Ones);
    expect(initializers.names()).toEqual([
      'constant', 'glorotNormal', 'glorotUniform', 'heNormal', 'heUniform', 'identity', 'lecunNormal', 'lecunUniform',
      'ones', 'orthogonal', 'randomNormal', 'randomUniform', 'truncatedNormal', 'varianceScaling', 'zeros',
    ]);
  });

  it('returns an instance as is and builds { className, config }', () => {
    const init = new Constant({ value: 2 });
    expect(getInitializer(init)).toBe(init);
    const built = getInitializer({ className: 'RandomNormal', config: { mean: 1, stddev: 0.1, seed: 5 } });
    expect(built).toBeInstanceOf(RandomNormal);
    expect(built.getConfig()).toEqual({ mean: 1, stddev: 0.1, seed: 5 });
  });

  it('names the owner and lists the valid names for an unknown name', () => {
    expect(() => getInitializer('glorot', 'Dense')).toThrow(ConfigError);
    expect(() => getInitializer('glorot', 'Dense')).toThrow(/^Dense: unknown initializer 'glorot'\. Valid initializer names: .*'glorotUniform'.*'he_normal'.*'zeros'/);
    expect(() => getInitializer(42 as never)).toThrow(/getInitializer: an initializer must be a name, an Initializer or \{ className, config \}, got 42/);
  });

  it('serializes defaults as a name and anything else as { className, config }, and loads both back', () => {
    expect(serializeInitializer(new GlorotUniform())).toBe('glorotUniform');
    expect(serializeInitializer(new Zeros())).toBe('zeros');
    const seeded = serializeInitializer(new HeNormal({ seed: 3 }));
    expect(seeded).toEqual({ className: 'HeNormal', config: { seed: 3 } });
    expect(getInitializer(seeded).getConfig()).toEqual({ seed: 3 });
    const vs = new VarianceScaling({ scale: 2, mode: 'fanAvg', distribution: 'uniform' });
    expect(serializeInitializer(vs)).toEqual({ className: 'VarianceScaling', config: { scale: 2, mode: 'fanAvg', distribution: 'uniform' } });
    expect(getInitializer(serializeInitializer(vs)).getConfig()).toEqual(vs.getConfig());
  });
});
