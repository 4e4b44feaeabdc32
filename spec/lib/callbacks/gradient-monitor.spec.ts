import { GradientMonitor, TerminateOnNaN } from '../../../lib/callbacks';
import { ConfigError } from '../../../lib/errors';
import { Sequential } from '../../../lib/sequential';
import { tensor, type Tensor } from '../../../lib/tensor';
import { Dense, ReLU } from '../../../layers';
import { SGD } from '../../../optimizers';
import { setSeed } from '../../../lib/random';

function norm(t: Tensor): number {
  let s = 0;
  for (let i = 0; i < t.size; i++) s += t.data[t.offset + i] ** 2;
  return Math.sqrt(s);
}

const x = tensor([[0.5, -1], [1, 2], [-1.5, 0.25], [2, -0.5]], undefined, 'float64');
const y = tensor([[1], [0], [-1], [0.5]], undefined, 'float64');

function smallModel(learningRate = 0.1): Sequential {
  setSeed(11);
  const model = new Sequential({
    dtype: 'float64',
    layers: [new Dense({ units: 3, activation: 'relu', inputShape: [2] }), new Dense({ units: 1 })],
  });
  model.compile({ optimizer: new SGD({ learningRate }), loss: 'mse' });
  return model;
}

describe('GradientMonitor', () => {
  it('records the norms computeGradients gives, and the SGD update ratio', async () => {
    const model = smallModel(0.1);
    const trace = model.computeGradients(x, y);
    const before = model.getWeights();
    const monitor = new GradientMonitor({ updateFreq: 1 });
    await model.fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0, callbacks: [monitor] });
    expect(monitor.records).toHaveLength(1);
    const [first, second] = monitor.records[0].layers;
    expect(first.grads.dW).toBeCloseTo(norm(trace.layers[0].grads.dW), 12);
    expect(first.grads.db).toBeCloseTo(norm(trace.layers[0].grads.db), 12);
    expect(first.dAPrev).toBeNull();
    expect(second.grads.dW).toBeCloseTo(norm(trace.layers[1].grads.dW), 12);
    expect(second.dAPrev).toBeCloseTo(norm(trace.layers[1].dAPrev as Tensor), 12);
    // SGD: ΔW = −η·dW, so ‖ΔW‖/‖W‖ = 0.1·‖dW‖/‖W_before‖.
    expect(first.updateRatios.W).toBeCloseTo((0.1 * norm(trace.layers[0].grads.dW)) / norm(before[0]), 12);
    expect(second.updateRatios.W).toBeCloseTo((0.1 * norm(trace.layers[1].grads.dW)) / norm(before[2]), 12);
    // The bias starts at 0: any move is an infinite ratio.
    expect(first.updateRatios.b).toBe(Infinity);
    expect(first.deadReluFraction).not.toBeNull();
    expect(second.deadReluFraction).toBeNull();
    expect(monitor.nonFinite).toBeNull();
    expect(model.trainObserver).toBeNull();
  });

  it('averages over the epoch by default, and samples every n-th step on request', async () => {
    const model = smallModel(0.05);
    const perEpoch = new GradientMonitor();
    await model.fit(x, y, { epochs: 3, batchSize: 1, shuffle: false, verbose: 0, callbacks: [perEpoch] });
    expect(perEpoch.records.map((r) => [r.epoch, r.batches, r.step])).toEqual([[0, 4, 3], [1, 4, 7], [2, 4, 11]]);
    expect(perEpoch.series(perEpoch.layerNames()[0], 'dW')).toHaveLength(3);
    const sampled = new GradientMonitor({ updateFreq: 3 });
    await model.fit(x, y, { epochs: 3, batchSize: 1, shuffle: false, verbose: 0, callbacks: [sampled] });
    // 12 steps, recorded after steps 2, 5, 8 and 11.
    expect(sampled.records.map((r) => [r.epoch, r.step, r.batches])).toEqual([[0, 2, 1], [1, 5, 1], [2, 8, 1], [2, 11, 1]]);
  });

  it('counts units that output 0 for the whole batch as dead', async () => {
    setSeed(1);
    const hidden = new Dense({ units: 3, activation: 'relu', inputShape: [1] });
    const pre = new Dense({ units: 2 });
    const relu = new ReLU();
    const model = new Sequential({ dtype: 'float64', layers: [hidden, pre, relu, new Dense({ units: 1 })] });
    model.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'mse' });
    // hidden: Z = x·[1, −1, 0.5] + [0, 0, −10]. For x = 1, 2: unit 0 gives 1, 2 (alive); unit 1
    // gives −1, −2 → 0 (dead); unit 2 gives −9.5, −9 → 0 (dead). Dead fraction 2/3.
    // pre: Z = h·W + b with W = [[1, −1], [0, 0], [0, 0]], b = 0: columns h0 and −h0; the ReLU
    // kills the second for every sample. Dead fraction 1/2.
    const [, , , , w3, b3] = model.getWeights();
    model.setWeights([
      tensor([[1, -1, 0.5]], undefined, 'float64'), tensor([0, 0, -10], undefined, 'float64'),
      tensor([[1, -1], [0, 0], [0, 0]], undefined, 'float64'), tensor([0, 0], undefined, 'float64'),
      w3, b3,
    ]);
    const monitor = new GradientMonitor();
    await model.fit([[1], [2]], [[0], [1]], { epochs: 1, batchSize: 1, verbose: 0, callbacks: [monitor] });
    const layers = monitor.records[0].layers;
    expect(layers.map((l) => l.deadReluFraction)).toEqual([2 / 3, null, 1 / 2, null]);
    expect(monitor.series(relu.name, 'deadReluFraction')).toEqual([0.5]);
    expect(monitor.series(relu.name, 'dW')).toEqual([NaN]);
    // lr 0: nothing moves.
    expect(layers[0].updateRatios).toEqual({ W: 0, b: 0 });
  });

  it('names the layer whose forward output first holds Infinity, and TerminateOnNaN quotes it', async () => {
    setSeed(2);
    const first = new Dense({ units: 2, inputShape: [2] });
    const blowUp = new Dense({ units: 2 });
    const model = new Sequential([first, blowUp, new Dense({ units: 1 })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    // first: 100·x, so outputs [100, 100]; blowUp: every weight 1e38, so 100·1e38 + 100·1e38 overflows float32 to Infinity.
    const weights = model.getWeights();
    model.setWeights([
      tensor([[100, 0], [0, 100]]), tensor([0, 0]),
      tensor([[1e38, 1e38], [1e38, 1e38]]), tensor([0, 0]),
      weights[4], weights[5],
    ]);
    const monitor = new GradientMonitor();
    const terminate = new TerminateOnNaN({ stream: null });
    const history = await model.fit([[1, 1], [1, 1]], [[0], [0]], { epochs: 5, batchSize: 1, verbose: 0, callbacks: [monitor, terminate] });
    const report = monitor.nonFinite;
    expect(report).toMatchObject({ phase: 'forward', layer: blowUp.name, layerIndex: 1, tensor: 'output', index: [0, 0], value: Infinity, epoch: 0, batch: 0 });
    expect(report?.message).toBe(`Dense '${blowUp.name}' (layer 1): forward output output [1, 2] holds Infinity at [0, 0] (epoch 0, batch 0, step 0)`);
    expect(terminate.message).toContain(`First non-finite value: Dense '${blowUp.name}' (layer 1): forward output`);
    // Training stopped after the first batch; that epoch still ended, with a non-finite loss.
    expect(history.history.loss).toHaveLength(1);
    expect(Number.isFinite(history.history.loss[0])).toBe(false);
  });

  it('orders its checks as the step computes: a NaN gradient is reported in the backward pass', () => {
    setSeed(3);
    const a = new Dense({ units: 2, inputShape: [2] });
    const b = new Dense({ units: 1 });
    const model = new Sequential([a, b]);
    const monitor = new GradientMonitor();
    monitor.setModel(model);
    monitor.onTrainBegin();
    monitor.onBatchBegin(0);
    monitor.afterForward(a, tensor([[1, 2]]));
    monitor.afterForward(b, tensor([[3]]));
    monitor.afterLoss(0.5, [tensor([[1]])]);
    const dW = tensor([[0.1], [NaN]]);
    monitor.afterBackward(b, tensor([[1]]), { dInputs: [tensor([[Infinity, 0]])], grads: { dW, db: tensor([1]) } });
    expect(monitor.nonFinite).toMatchObject({ phase: 'backward', layer: b.name, tensor: 'dW', index: [1, 0] });
    monitor.onTrainEnd();
    expect(model.trainObserver).toBeNull();
  });

  it('refuses a second observer and bad options', async () => {
    expect(() => new GradientMonitor({ updateFreq: 0 })).toThrow(ConfigError);
    const model = smallModel();
    model.trainObserver = new GradientMonitor();
    await expect(model.fit(x, y, { verbose: 0, callbacks: [new GradientMonitor()] })).rejects.toThrow(/already has a train-step observer/);
    model.trainObserver = null;
    const monitor = new GradientMonitor();
    await model.fit(x, y, { verbose: 0, callbacks: [monitor] });
    expect(() => monitor.series('nope', 'dW')).toThrow(/unknown layer 'nope'/);
  });
});
