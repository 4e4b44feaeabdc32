/**
 * Converters of the normalization layers over the last axis: BatchNormalization at inference
 * (the moving statistics folded into one scale and shift, `Mul` + `Add`) and
 * LayerNormalization (opset 17's `LayerNormalization` on axis −1).
 */
import { tensorValues } from './graph-builder';
import { requireWeight, weightOf, type LayerConverter } from './layer-converter';

/**
 * `Y = γ·(X − μ)/√(σ² + ε) + β = X·s + t` with `s = γ/√(σ² + ε)` and `t = β − μ·s` per feature
 * (the moving mean `μ` and variance `σ²`; `γ = 1` without `scale`, `β = 0` without `center`),
 * computed in float64 before rounding to float32.
 */
const batchNormalization: LayerConverter = (c) => {
  const { b, layer, hint } = c;
  const mean = tensorValues(requireWeight(layer, 'moving_mean'));
  const variance = tensorValues(requireWeight(layer, 'moving_variance'));
  const gammaT = weightOf(layer, 'gamma');
  const betaT = weightOf(layer, 'beta');
  const gamma = gammaT ? tensorValues(gammaT) : null;
  const beta = betaT ? tensorValues(betaT) : null;
  const epsilon = c.config.epsilon as number;
  const n = mean.length;
  const scale = new Float64Array(n);
  const shift = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    scale[j] = (gamma ? gamma[j] : 1) / Math.sqrt(variance[j] + epsilon);
    shift[j] = (beta ? beta[j] : 0) - mean[j] * scale[j];
  }
  const scaled = b.node('Mul', [c.inputs[0], b.floats(`${hint}/scale`, [n], scale)], `${hint}/scaled`);
  return b.node('Add', [scaled, b.floats(`${hint}/shift`, [n], shift)], hint);
};

/** `Y = γ·(X − mean)/√(var + ε) + β` over the last axis (γ of ones without `scale`). */
const layerNormalization: LayerConverter = (c) => {
  const { b, layer, hint } = c;
  const features = c.inputShapes[0][c.inputShapes[0].length - 1] as number;
  const gammaT = weightOf(layer, 'gamma');
  const betaT = weightOf(layer, 'beta');
  const gamma = gammaT ? b.weight(`${hint}/gamma`, gammaT) : b.floats(`${hint}/gamma`, [features], new Float64Array(features).fill(1));
  const inputs = betaT ? [c.inputs[0], gamma, b.weight(`${hint}/beta`, betaT)] : [c.inputs[0], gamma];
  return b.node('LayerNormalization', inputs, hint, { axis: { int: -1 }, epsilon: c.config.epsilon as number });
};

/** The normalization layers' converters by class name. */
export const NORMALIZATION_CONVERTERS: Record<string, LayerConverter> = {
  BatchNormalization: batchNormalization,
  LayerNormalization: layerNormalization,
};
