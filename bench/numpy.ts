/**
 * The physical-limit reference: numpy's float32 matrix multiply (sgemm from the BLAS numpy was
 * built with, OpenBLAS for the wheels on PyPI), timed like the peers' products, through `python3 -c`.
 */
import { spawnSync } from 'child_process';
import type { MatmulMeasurement, MatmulShape } from './tasks';

/** The measured products, or why there are none. */
export type NumpyResult =
  | { readonly available: true; readonly threads: number; readonly version: string; readonly blas: string; readonly products: readonly MatmulMeasurement[] }
  | { readonly available: false; readonly reason: string };

// Aᵀ·B passes `a.T` (a Fortran-ordered view): numpy hands BLAS a transpose flag, no copy.
const SCRIPT = `
import json, math, sys, time
import numpy as np
spec = json.loads(sys.argv[1])
try:
    from numpy.__config__ import CONFIG
    blas = CONFIG['Build Dependencies']['blas']['name'] + ' ' + str(CONFIG['Build Dependencies']['blas'].get('version', ''))
except Exception:
    blas = 'unknown BLAS'
rng = np.random.default_rng(spec['seed'])
products = []
for s in spec['shapes']:
    m, k, n = s['m'], s['k'], s['n']
    for transpose_a in (False, True):
        a = rng.uniform(-1, 1, (k, m) if transpose_a else (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (k, n)).astype(np.float32)
        left = a.T if transpose_a else a
        c = np.empty((m, n), np.float32)
        np.matmul(left, b, out=c)
        start = time.perf_counter(); np.matmul(left, b, out=c); once = time.perf_counter() - start
        iterations = max(1, math.ceil(spec['minSeconds'] / max(once, 1e-6)))
        gflops = []
        for _ in range(spec['reps']):
            start = time.perf_counter()
            for _ in range(iterations):
                np.matmul(left, b, out=c)
            gflops.append(2 * m * k * n * iterations / (time.perf_counter() - start) / 1e9)
        products.append(dict(m=m, k=k, n=n, transposeA=transpose_a, gflops=gflops))
print(json.dumps(dict(version=np.__version__, blas=blas.strip(), products=products)))
`;

/**
 * Times numpy's sgemm on `shapes` (plain and A transposed) with `threads` BLAS threads.
 * Never throws: without python3 or numpy, or on any failure, returns `{ available: false, reason }`.
 */
export function runNumpy(shapes: readonly MatmulShape[], reps: number, minSeconds: number, seed: number, threads: number): NumpyResult {
  const count = String(threads);
  const run = spawnSync('python3', ['-c', SCRIPT, JSON.stringify({ shapes, reps, minSeconds, seed })], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: count, OMP_NUM_THREADS: count, MKL_NUM_THREADS: count },
    timeout: 600_000,
  });
  if (run.error) return { available: false, reason: `python3 could not run (${run.error.message})` };
  if (run.status !== 0) {
    const text = run.stderr.trim();
    const reason = /No module named .?numpy/.test(text) ? 'python3 has no numpy' : `python3 failed: ${text.split('\n').slice(-1)[0]}`;
    return { available: false, reason };
  }
  try {
    const parsed = JSON.parse(run.stdout) as { version: string; blas: string; products: MatmulMeasurement[] };
    return { available: true, threads, ...parsed };
  } catch {
    return { available: false, reason: `unreadable output from python3: ${run.stdout.slice(0, 200)}` };
  }
}
