/**
 * Element-wise float32 kernels with 128-bit SIMD: the passes of a training step around the
 * products (bias add and its column sum, ReLU and its derivative) and the finite-data check.
 * Four floats per instruction, then a scalar tail.
 *
 * All pointers are byte addresses of contiguous float32 arrays in this module's memory, at least
 * 4-byte aligned; `n`, `M` and `N` are element counts. Every kernel computes exactly what the
 * TypeScript fallback in lib/kernels computes, operation for operation in float32, so the two
 * paths agree bit for bit (tested).
 */

/** `y[i] = x[i] < 0 ? 0 : x[i]` (NaN and −0 pass through, as the TypeScript kernel). `y` may be `x`. */
export function relu(n: i32, x: usize, y: usize): void {
  const zero = f32x4.splat(0);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    v128.store(y + o, v128.andnot(v, f32x4.lt(v, zero)));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(y + o, v < 0 ? 0 : v);
  }
}

/** `dx[i] = y[i] > 0 ? dy[i] : 0`: the ReLU backward pass from its output `y`. `dx` may be `dy`. */
export function reluBackward(n: i32, dy: usize, y: usize, dx: usize): void {
  const zero = f32x4.splat(0);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    v128.store(dx + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(y + o), zero)));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dx + o, load<f32>(y + o) > 0 ? load<f32>(dy + o) : 0);
  }
}

/** `out[i, j] = z[i, j] + b[j]` for `[M, N]` z and out (out may be z) and `[N]` b. */
export function addBias(M: i32, N: i32, z: usize, b: usize, out: usize): void {
  const N4 = N & ~3;
  const rowBytes = <usize>N << 2;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N4; j += 4) {
      const o = <usize>j << 2;
      v128.store(out + o, f32x4.add(v128.load(z + o), v128.load(b + o)));
    }
    for (let j = N4; j < N; j++) {
      const o = <usize>j << 2;
      store<f32>(out + o, load<f32>(z + o) + load<f32>(b + o));
    }
    z += rowBytes;
    out += rowBytes;
  }
}

/**
 * `out[i, j] = max(0, z[i, j] + b[j])` (the `relu` of `addBias`, both in one pass: the sum
 * rounded to float32, then the same select, so the bits are those of the two kernels in turn).
 * `out` may be `z`.
 */
export function addBiasRelu(M: i32, N: i32, z: usize, b: usize, out: usize): void {
  const zero = f32x4.splat(0);
  const N4 = N & ~3;
  const rowBytes = <usize>N << 2;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N4; j += 4) {
      const o = <usize>j << 2;
      const v = f32x4.add(v128.load(z + o), v128.load(b + o));
      v128.store(out + o, v128.andnot(v, f32x4.lt(v, zero)));
    }
    for (let j = N4; j < N; j++) {
      const o = <usize>j << 2;
      const v = load<f32>(z + o) + load<f32>(b + o);
      store<f32>(out + o, v < 0 ? 0 : v);
    }
    z += rowBytes;
    out += rowBytes;
  }
}

/**
 * `out[j] = Σ_i a[i, j]` for `[M, N]` a, summed in row order i = 0, 1, … from 0 (the bias
 * gradient `db` from `dZ`).
 */
export function sumColumns(M: i32, N: i32, a: usize, out: usize): void {
  memory.fill(out, 0, <usize>N << 2);
  const N4 = N & ~3;
  const rowBytes = <usize>N << 2;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N4; j += 4) {
      const o = <usize>j << 2;
      v128.store(out + o, f32x4.add(v128.load(out + o), v128.load(a + o)));
    }
    for (let j = N4; j < N; j++) {
      const o = <usize>j << 2;
      store<f32>(out + o, load<f32>(out + o) + load<f32>(a + o));
    }
    a += rowBytes;
  }
}

/**
 * 1 when none of the `n` floats at `x` is NaN or ±Infinity, else 0: `x − x` is 0 for finite x
 * and NaN otherwise, and any NaN lane makes the running sum NaN for good.
 */
export function allFinite(n: i32, x: usize): i32 {
  let acc = f32x4.splat(0);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    acc = f32x4.add(acc, f32x4.sub(v, v));
  }
  let tail: f32 = 0;
  for (let i = n4; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    tail += v - v;
  }
  const sum = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3) + tail;
  return i32(sum == 0);
}
