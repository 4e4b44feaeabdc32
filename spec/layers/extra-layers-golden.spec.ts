// Compares the activations beyond the core set, PReLU, BatchNormalization and LayerNormalization
// with TensorFlow.js values recorded by spec/golden/extra-layers.generate.mjs (tfjs 4.22, cpu
// backend, float32), rtol 1e-5 / atol 1e-6. Each case's reference call is in its `call` field.
import golden from '../golden/extra-layers.json';
import { tensor, type Tensor } from '../../lib/tensor';
import { BatchNormalization, GELU, getActivation, LayerNormalization, PReLU, type Layer } from '../../layers';
import { expectClose } from '../helpers/expect-close';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const tolerance = { rtol: 1e-5, atol: 1e-6 };
const { x, r } = golden;

describe('activations against TensorFlow.js', () => {
  // Reference: tf.layers.elu() (alpha 1, the only one tfjs supports) and tf.layers.activation({ activation }) ('gelu_new' is the tanh
  // form, our GELU({ approximate: true })); dInput = tf.variableGrads(() => sum(apply(x) * R), [x]).
  it.each(golden.activations.map((c) => [c.call, c] as const))('%s', (_call, c) => {
    const layer: Layer = c.activation === 'gelu' ? new GELU(c.config) : getActivation(c.activation);
    expectClose(layer.forward(f64(x), true), c.output, tolerance);
    expectClose(layer.backward(f64(r)).dAPrev as Tensor, c.dInput, tolerance);
  });
});

describe('layers with parameters against TensorFlow.js', () => {
  it(golden.prelu.call, () => {
    const prelu = new PReLU();
    prelu.build([null, 4], 'float64');
    prelu.params()[0].value.data.set(golden.alpha);
    expectClose(prelu.forward(f64(x), true), golden.prelu.output, tolerance);
    const { dAPrev, grads } = prelu.backward(f64(r));
    expectClose(dAPrev as Tensor, golden.prelu.dInput, tolerance);
    expectClose(grads.dalpha, golden.prelu.dAlpha, tolerance);
  });

  it(golden.batchNormalization.call, () => {
    const c = golden.batchNormalization;
    const make = (momentum?: number): BatchNormalization => {
      const bn = new BatchNormalization({ momentum });
      bn.build([null, 4], 'float64');
      const [gamma, beta] = bn.params();
      const [movingMean, movingVariance] = bn.nonTrainableWeights();
      gamma.value.data.set(golden.gamma);
      beta.value.data.set(golden.beta);
      movingMean.value.data.set(golden.movingMean);
      movingVariance.value.data.set(golden.movingVariance);
      return bn;
    };
    const bn = make(0.9);
    expectClose(bn.forward(f64(x), true), c.output, tolerance);
    const [movingMean, movingVariance] = bn.nonTrainableWeights();
    expectClose(movingMean.value, c.movingMean, tolerance);
    expectClose(movingVariance.value, c.movingVariance, tolerance);
    const { dAPrev, grads } = bn.backward(f64(r));
    expectClose(dAPrev as Tensor, c.dInput, tolerance);
    expectClose(grads.dgamma, c.dGamma, tolerance);
    expectClose(grads.dbeta, c.dBeta, tolerance);
    expectClose(make().forward(f64(x), false), c.inferenceOutput, tolerance);
  });

  it(golden.layerNormalization.call, () => {
    const c = golden.layerNormalization;
    const ln = new LayerNormalization();
    ln.build([null, 4], 'float64');
    const [gamma, beta] = ln.params();
    gamma.value.data.set(golden.gamma);
    beta.value.data.set(golden.beta);
    expectClose(ln.forward(f64(x), true), c.output, tolerance);
    const { dAPrev, grads } = ln.backward(f64(r));
    expectClose(dAPrev as Tensor, c.dInput, tolerance);
    expectClose(grads.dgamma, c.dGamma, tolerance);
    expectClose(grads.dbeta, c.dBeta, tolerance);
  });
});
