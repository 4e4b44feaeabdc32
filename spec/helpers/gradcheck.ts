/** Test helper: runs the public gradCheck and fails with the per-tensor report when it does not pass. */
import { gradCheck, type GradCheckOptions, type GradCheckableModel } from '../../lib/grad-check';
import type { Layer } from '../../layers/layer';
import type { Loss } from '../../losses/loss';
import type { TensorLike } from '../../lib/tensor';

/** Asserts that every analytic gradient of `target` matches central differences (relative error < 1e-6). */
export function expectGradientsCorrect(target: Layer | Loss | GradCheckableModel, x: TensorLike, y?: TensorLike, options: GradCheckOptions = {}): void {
  const report = gradCheck(target, x, y, options);
  const lines = report.results.map((r) => `${r.name}: max rel error ${r.maxRelativeError.toExponential(2)} at ${r.worst.index} (analytic ${r.worst.analytic}, numeric ${r.worst.numeric})`);
  if (!report.passed) throw new Error(`gradient check failed:\n${lines.join('\n')}`);
  expect(report.results.length).toBeGreaterThan(0);
}
