/**
 * Lion, Lamb, Ftrl, Adafactor and Muon on the kernel path (lib/kernels/optimizer-steps-keras3.ts:
 * WebAssembly SIMD for float32 tensors in the kernel heap, TypeScript loops otherwise) against
 * their previous scalar `updateParam` bodies, kept below as reference subclasses verbatim: five
 * steps of seeded random gradients on a vector whose length is not a multiple of 4 (the SIMD
 * loops' scalar tail), a matrix, a tall matrix (Muon's transposed path) and a rank-3 tensor
 * (Adafactor's batched factoring). float64 agrees bit for bit (same arithmetic, same order);
 * float32 agrees within a few float32 ulps, on the SIMD path and on the `'js'` backend.
 */
import type { Param } from '../../layers/layer';
import { kernelZeros, matmul, setKernelBackend } from '../../lib/kernels';
import { heapKernels, heapPointer } from '../../lib/kernels/wasm/heap-kernels';
import { Random } from '../../lib/random';
import { dtypeOf, type DType, type Tensor } from '../../lib/tensor';
import { Adafactor, Ftrl, Lamb, Lion, Muon, type Optimizer } from '../../optimizers';
import type { AdafactorState } from '../../optimizers/adafactor';
import type { FtrlState } from '../../optimizers/ftrl';
import type { LambState } from '../../optimizers/lamb';
import type { MuonState } from '../../optimizers/muon';
import { LearningRateSchedule } from '../../optimizers/schedules';

const math = Math;

/** Lion's previous update. */
class ScalarLion extends Lion {
  protected override updateParam(param: Param, lr: number, m: Tensor): void {
    const w = param.value.data, g = (param.grad as Tensor).data, md = m.data;
    const wo = param.value.offset, go = (param.grad as Tensor).offset, mo = m.offset;
    const { beta1, beta2 } = this;
    for (let i = 0, n = param.value.size; i < n; i++) {
      const gi = g[go + i], mi = md[mo + i];
      w[wo + i] -= lr * math.sign(beta1 * mi + (1 - beta1) * gi);
      md[mo + i] = beta2 * mi + (1 - beta2) * gi;
    }
  }
}

/** Lamb's previous update (the direction kept in a Float64Array). */
class ScalarLamb extends Lamb {
  protected override updateParam(param: Param, lr: number, state: LambState): void {
    const t = this.updateIterations + 1;
    const { beta1, beta2, epsilon } = this;
    const c1 = 1 - math.pow(beta1, t), c2 = 1 - math.pow(beta2, t);
    const grad = param.grad as Tensor;
    const w = param.value.data, g = grad.data, m = state.m.data, v = state.v.data, u = new Float64Array(param.value.size);
    const wo = param.value.offset, go = grad.offset, mo = state.m.offset, vo = state.v.offset;
    let wSquares = 0, uSquares = 0;
    for (let i = 0, n = param.value.size; i < n; i++) {
      const gi = g[go + i];
      const mi = (m[mo + i] += (1 - beta1) * (gi - m[mo + i]));
      const vi = (v[vo + i] += (1 - beta2) * (gi * gi - v[vo + i]));
      const ui = mi / c1 / (math.sqrt(vi / c2) + epsilon);
      u[i] = ui;
      uSquares += ui * ui;
      wSquares += w[wo + i] * w[wo + i];
    }
    const ratio = wSquares > 0 && uSquares > 0 ? math.sqrt(wSquares) / math.sqrt(uSquares) : 1;
    for (let i = 0, n = param.value.size; i < n; i++) w[wo + i] -= ratio * lr * u[i];
  }
}

/** Ftrl's previous update. */
class ScalarFtrl extends Ftrl {
  protected override updateParam(param: Param, lr: number, state: FtrlState): void {
    const grad = param.grad as Tensor;
    const w = param.value.data, g = grad.data, a = state.accumulator.data, z = state.linear.data;
    const wo = param.value.offset, go = grad.offset, ao = state.accumulator.offset, zo = state.linear.offset;
    const power = -this.learningRatePower, l1 = this.l1RegularizationStrength;
    const l2 = this.l2RegularizationStrength + this.beta / (2 * lr);
    const shrink = 2 * this.l2ShrinkageRegularizationStrength;
    for (let i = 0, n = param.value.size; i < n; i++) {
      const gi = g[go + i], wi = w[wo + i], ai = a[ao + i];
      const next = ai + gi * gi;
      const sigma = (math.pow(next, power) - math.pow(ai, power)) / lr;
      const zi = (z[zo + i] += gi + shrink * wi - sigma * wi);
      const quadratic = math.pow(next, power) / lr + 2 * l2;
      const clipped = zi < -l1 ? -l1 : zi > l1 ? l1 : zi;
      w[wo + i] = (clipped - zi) / quadratic;
      a[ao + i] = next;
    }
  }
}

/** Adafactor's previous update. */
class ScalarAdafactor extends Adafactor {
  protected override updateParam(param: Param, lr: number, state: AdafactorState): void {
    const t = this.updateIterations + 1;
    const isSchedule = this.learningRate instanceof LearningRateSchedule;
    const rate = !isSchedule && this.relativeStep ? math.min(lr, 1 / math.sqrt(t)) : lr;
    const rho = math.min(rate, 1 / math.sqrt(t));
    const n = param.value.size, grad = param.grad as Tensor;
    const w = param.value.data, wo = param.value.offset, g = grad.data, go = grad.offset;
    const v = state.v.data, vo = state.v.offset;
    let wSquares = 0;
    for (let i = 0; i < n; i++) wSquares += w[wo + i] * w[wo + i];
    const alpha = math.max(this.epsilon2, math.sqrt(wSquares / n)) * rho;
    const beta2 = 1 - math.pow(t, this.beta2Decay), eps1 = this.epsilon1;
    if (state.r !== null && state.c !== null) {
      this.factored(param, state.r, state.c, state.v, beta2);
    } else {
      for (let i = 0; i < n; i++) v[vo + i] = beta2 * v[vo + i] + (1 - beta2) * (g[go + i] * g[go + i] + eps1);
    }
    const u = new Float64Array(n);
    let uSquares = 0;
    for (let i = 0; i < n; i++) {
      u[i] = g[go + i] / math.sqrt(v[vo + i]);
      uSquares += u[i] * u[i];
    }
    const scale = alpha / math.max(1, math.sqrt(uSquares / n) / this.clipThreshold);
    for (let i = 0; i < n; i++) w[wo + i] -= scale * u[i];
  }

  private factored(param: Param, rT: Tensor, cT: Tensor, vT: Tensor, beta2: number): void {
    const shape = param.value.shape, grad = param.grad as Tensor;
    const rows = shape[shape.length - 2], cols = shape[shape.length - 1], batches = param.value.size / (rows * cols);
    const g = grad.data, go = grad.offset, eps1 = this.epsilon1;
    const r = rT.data, ro = rT.offset, c = cT.data, co = cT.offset, v = vT.data, vo = vT.offset;
    const columnSums = new Float64Array(cols);
    for (let b = 0; b < batches; b++) {
      columnSums.fill(0);
      let rowMeanSum = 0;
      for (let i = 0; i < rows; i++) {
        let rowSum = 0;
        for (let j = 0; j < cols; j++) {
          const gi = g[go + (b * rows + i) * cols + j];
          const sq = gi * gi + eps1;
          rowSum += sq;
          columnSums[j] += sq;
        }
        const k = ro + b * rows + i;
        r[k] = beta2 * r[k] + (1 - beta2) * (rowSum / cols);
        rowMeanSum += r[k];
      }
      for (let j = 0; j < cols; j++) {
        const k = co + b * cols + j;
        c[k] = beta2 * c[k] + (1 - beta2) * (columnSums[j] / rows);
      }
      const rowMean = rowMeanSum / rows;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) v[vo + (b * rows + i) * cols + j] = (r[ro + b * rows + i] / rowMean) * c[co + b * cols + j];
      }
    }
  }
}

/** Muon's previous update (both paths). */
class ScalarMuon extends Muon {
  protected override updateParam(param: Param, lr: number, state: MuonState): void {
    if (state.v === null) this.oldMuon(param, lr, state);
    else this.oldAdam(param, lr * this.adamLrRatio, state.m, state.v);
  }

  private oldMuon(param: Param, lr: number, state: MuonState): void {
    const [rows, cols] = param.value.shape;
    const { x, a, b, next } = state.scratch as NonNullable<MuonState['scratch']>;
    const grad = param.grad as Tensor;
    const g = grad.data, go = grad.offset, m = state.m.data, mo = state.m.offset;
    const transposed = rows > cols, mu = this.momentum;
    let norm = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const k = i * cols + j;
        const mk = (m[mo + k] = mu * m[mo + k] + g[go + k]);
        const v = this.nesterov ? g[go + k] + mu * mk : mk;
        x.data[transposed ? j * rows + i : k] = v;
        norm += v * v;
      }
    }
    const scale = 1 / (math.sqrt(norm) + 1e-7);
    for (let k = 0; k < x.size; k++) x.data[k] *= scale;
    const xT = x.transpose(1, 0);
    for (let step = 0; step < this.nsSteps; step++) {
      matmul(a, x, xT);
      matmul(b, a, a);
      for (let k = 0; k < b.size; k++) b.data[k] = this.muonB * a.data[k] + this.muonC * b.data[k];
      matmul(next, b, x);
      for (let k = 0; k < x.size; k++) x.data[k] = this.muonA * x.data[k] + next.data[k];
    }
    const factor = lr * (this.rmsRate === null ? 1 : math.sqrt(math.max(rows, cols)) * this.rmsRate);
    const w = param.value.data, wo = param.value.offset;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) w[wo + i * cols + j] -= factor * x.data[transposed ? j * rows + i : i * cols + j];
    }
  }

  private oldAdam(param: Param, lr: number, mT: Tensor, vT: Tensor): void {
    const t = this.updateIterations + 1;
    const alpha = (lr * math.sqrt(1 - math.pow(this.adamBeta2, t))) / (1 - math.pow(this.adamBeta1, t));
    const grad = param.grad as Tensor;
    const w = param.value.data, g = grad.data, m = mT.data, v = vT.data;
    const wo = param.value.offset, go = grad.offset, mo = mT.offset, vo = vT.offset;
    for (let i = 0, n = param.value.size; i < n; i++) {
      const gi = g[go + i];
      const mi = (m[mo + i] += (1 - this.adamBeta1) * (gi - m[mo + i]));
      const vi = (v[vo + i] += (1 - this.adamBeta2) * (gi * gi - v[vo + i]));
      w[wo + i] -= (mi * alpha) / (math.sqrt(vi) + this.epsilon);
    }
  }
}

const SHAPES: readonly (readonly number[])[] = [[7], [5, 6], [6, 3], [2, 3, 5]];

/** Seeded params (kernel-heap tensors for float32 where the heap exists), one per shape. */
function makeParams(dtype: DType, seed: number): Param[] {
  const rng = new Random(seed);
  return SHAPES.map((shape, k) => {
    const value = kernelZeros(shape, dtype), grad = kernelZeros(shape, dtype);
    for (let i = 0; i < value.size; i++) value.data[i] = rng.uniformRange(-1, 1);
    return { name: `p${k}`, weightName: shape.length === 1 ? 'bias' : 'kernel', value, grad };
  });
}

/** Five steps of seeded random gradients in [−1, 1); returns the weights after each step. */
function run(optimizer: Optimizer, dtype: DType): number[][] {
  const params = makeParams(dtype, 11);
  const rng = new Random(23);
  const seen: number[][] = [];
  for (let step = 0; step < 5; step++) {
    for (const p of params) {
      const g = p.grad as Tensor;
      for (let i = 0; i < g.size; i++) g.data[i] = rng.uniformRange(-1, 1);
    }
    optimizer.step(params);
    seen.push(params.flatMap((p) => Array.from(p.value.data.subarray(p.value.offset, p.value.offset + p.value.size))));
  }
  return seen;
}

type Pair = [string, () => Optimizer, () => Optimizer];
const PAIRS: Pair[] = [
  ['Lion', () => new Lion({ learningRate: 0.01 }), () => new ScalarLion({ learningRate: 0.01 })],
  ['Lamb', () => new Lamb({ learningRate: 0.01 }), () => new ScalarLamb({ learningRate: 0.01 })],
  ['Ftrl (power −0.5, the SIMD square roots)', () => new Ftrl({ learningRate: 0.1, l1RegularizationStrength: 0.01, l2RegularizationStrength: 0.02, l2ShrinkageRegularizationStrength: 0.03, beta: 0.1 }),
    () => new ScalarFtrl({ learningRate: 0.1, l1RegularizationStrength: 0.01, l2RegularizationStrength: 0.02, l2ShrinkageRegularizationStrength: 0.03, beta: 0.1 })],
  ['Ftrl (power −0.3, the scalar pow)', () => new Ftrl({ learningRate: 0.1, learningRatePower: -0.3, l1RegularizationStrength: 0.01 }),
    () => new ScalarFtrl({ learningRate: 0.1, learningRatePower: -0.3, l1RegularizationStrength: 0.01 })],
  ['Adafactor', () => new Adafactor({ learningRate: 0.05 }), () => new ScalarAdafactor({ learningRate: 0.05 })],
  ['Muon (with Nesterov)', () => new Muon({ learningRate: 0.02 }), () => new ScalarMuon({ learningRate: 0.02 })],
  ['Muon (without Nesterov)', () => new Muon({ learningRate: 0.02, nesterov: false }), () => new ScalarMuon({ learningRate: 0.02, nesterov: false })],
];

/**
 * Largest `|a − b|` over the trajectory, in units of float32's epsilon (2^−23) at the weights'
 * scale (they stay within about ±1.1). Relative error would mislead for Ftrl, whose weights near
 * the L1 threshold are a small difference `clip(z) − z` of larger numbers.
 */
function worst(actual: number[][], expected: number[][]): number {
  let w = 0;
  actual.forEach((row, s) => row.forEach((a, i) => { w = math.max(w, math.abs(a - expected[s][i])); }));
  return w / 2 ** -23;
}

describe('the Keras 3 optimizers on the kernel path agree with their previous scalar updates', () => {
  it('float32 parameters live in the kernel heap, so the WebAssembly SIMD kernels run', () => {
    expect(heapKernels()).not.toBeNull();
    const [p] = makeParams('float32', 1);
    expect(heapPointer(p.value)).toBeGreaterThanOrEqual(0);
    expect(dtypeOf(p.value)).toBe('float32');
  });

  it.each(PAIRS)('%s: float64 bit for bit (the TypeScript loops)', (_, fresh, reference) => {
    expect(run(fresh(), 'float64')).toEqual(run(reference(), 'float64'));
  });

  it.each(PAIRS)('%s: float32 on the SIMD path within float32 rounding', (_, fresh, reference) => {
    expect(worst(run(fresh(), 'float32'), run(reference(), 'float32'))).toBeLessThan(4);
  });

  it.each(PAIRS)("%s: float32 on the 'js' backend within float32 rounding", (_, fresh, reference) => {
    setKernelBackend('js');
    try {
      const [p] = makeParams('float32', 1);
      expect(heapPointer(p.value)).toBe(-1);
      expect(worst(run(fresh(), 'float32'), run(reference(), 'float32'))).toBeLessThan(4);
    } finally {
      setKernelBackend('auto');
    }
  });
});
