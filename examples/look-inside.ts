/**
 * Look inside: one forward and one backward pass through a two-layer network, by hand,
 * printing every quantity of the chain rule. Nothing here is hidden: each layer's backward
 * takes dOut = ∂loss/∂output and returns dAPrev = ∂loss/∂input and its parameter gradients.
 *
 * Run: npx tsx examples/look-inside.ts
 */
import { Dense, MeanSquaredError, Sigmoid, Sequential, SGD, setSeed, tensor, toArray, type Tensor } from '../lib';

const show = (label: string, t: Tensor | null) =>
  console.log(`${label.padEnd(34)} ${t ? JSON.stringify(toArray(t), (_k, v) => (typeof v === 'number' ? Number(v.toFixed(4)) : v)) : '(not needed: first layer)'}`);

export function main(): number {
  setSeed(1);
  // Two samples with three features, and their regression targets.
  const X = tensor([[1, 2, 3], [0, -1, 1]], undefined, 'float64');
  const Y = tensor([[1], [0]], undefined, 'float64');

  const hidden = new Dense({ units: 2, inputShape: [3] });
  const act = new Sigmoid();
  const out = new Dense({ units: 1 });
  const model = new Sequential({ layers: [hidden, act, out], dtype: 'float64' });
  model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: new MeanSquaredError() });

  console.log('Forward: Z1 = X·W1 + b1, A1 = σ(Z1), Z2 = A1·W2 + b2, loss = mean((Z2 − Y)²)');
  show('X', X);
  show('W1', hidden.params()[0].value);
  show('W2', out.params()[0].value);

  // computeGradients runs forward and backward once and keeps a copy of everything.
  const trace = model.computeGradients(X, Y, { inputGradient: true });
  console.log(`loss = ${trace.loss.toFixed(6)}`);
  console.log('\nBackward, last layer first:');
  for (let i = trace.layers.length - 1; i >= 0; i--) {
    const step = trace.layers[i];
    console.log(`-- ${step.layer.describe()}`);
    show('  output', step.output);
    show('  dOut = ∂loss/∂output', step.dOut);
    for (const [name, g] of Object.entries(step.grads)) show(`  ${name}`, g);
    show('  dAPrev = ∂loss/∂input', step.dAPrev);
  }
  console.log('\nSigmoid backward: dZ1 = dA1 ⊙ A1 ⊙ (1 − A1); Dense backward: dW = Aᵀ·dZ, db = Σ_rows dZ, dAPrev = dZ·Wᵀ');

  // One SGD step: W ← W − lr·dW, then the loss again.
  const before = trace.loss;
  model.trainOnBatch(X, Y);
  const after = model.evaluate(X, Y) as number;
  console.log(`\nafter one SGD step (lr 0.1): loss ${before.toFixed(6)} -> ${after.toFixed(6)}`);
  return after;
}

if (require.main === module) main();
