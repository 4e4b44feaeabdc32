import { Sequential } from '../../lib/sequential';
import { setSeed } from '../../lib/random';
import { tensor, tensorAllocations, toArray, type Tensor } from '../../lib/tensor';
import { xor, spirals, oneHot } from '../../lib/data';
import { Dense } from '../../layers';
import { SGD, Adam } from '../../optimizers';
import type { Callback } from '../../lib/callbacks';

async function trainXor(seed: number): Promise<{ model: Sequential; loss: number[] }> {
  setSeed(seed);
  const { x, y } = xor();
  const model = new Sequential([new Dense({ units: 8, activation: 'tanh', inputShape: [2] }), new Dense({ units: 1, activation: 'sigmoid' })]);
  model.compile({ optimizer: new SGD({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(x, y, { epochs: 400, batchSize: 4, verbose: 0, seed: 2 });
  return { model, loss: history.history.loss };
}

describe('fit', () => {
  it('learns XOR to 100% accuracy', async () => {
    const { model, loss } = await trainXor(7);
    const { x, y } = xor();
    const [finalLoss, accuracy] = model.evaluate(x, y) as number[];
    expect(accuracy).toBe(1);
    expect(finalLoss).toBeLessThan(0.05);
    expect(loss[loss.length - 1]).toBeLessThan(loss[0]);
  });

  it('reproduces weights and history bit for bit from a seed', async () => {
    const a = await trainXor(3);
    const b = await trainXor(3);
    expect(b.loss).toEqual(a.loss);
    expect(b.model.getWeights().map((t) => Array.from(t.data))).toEqual(a.model.getWeights().map((t) => Array.from(t.data)));
    const c = await trainXor(4);
    expect(c.loss).not.toEqual(a.loss);
  });

  it('separates three spirals above 95% with softmax and cross-entropy', async () => {
    setSeed(3);
    const { x, y } = spirals({ nSamples: 300, nClasses: 3, noise: 0.05, seed: 1 });
    const model = new Sequential([
      new Dense({ units: 64, activation: 'relu', inputShape: [2] }),
      new Dense({ units: 64, activation: 'relu' }),
      new Dense({ units: 3, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(x, oneHot(y, 3), { epochs: 150, batchSize: 32, verbose: 0, seed: 4 });
    const [, accuracy] = model.evaluate(x, oneHot(y, 3)) as number[];
    expect(accuracy).toBeGreaterThan(0.95);
  });

  it('returns a History keyed as Keras, with validation values', async () => {
    setSeed(1);
    const { x, y } = spirals({ nSamples: 100, nClasses: 2, seed: 1 });
    const model = new Sequential([new Dense({ units: 2, activation: 'softmax', inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(x, y, { epochs: 3, validationSplit: 0.2, verbose: 0 });
    expect(Object.keys(h.history).sort()).toEqual(['accuracy', 'learning_rate', 'loss', 'val_accuracy', 'val_loss']);
    expect(h.history.loss).toHaveLength(3);
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(h.params?.samples).toBe(80);
    expect(h.params?.steps).toBe(3);
  });

  it('uses validationData and reports the same loss evaluate gives', async () => {
    setSeed(2);
    const x = tensor([[0, 1], [1, 0], [1, 1], [0, 0]]);
    const y = tensor([[1], [1], [0], [0]]);
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: 'mse' });
    const h = await model.fit(x, y, { epochs: 2, verbose: 0, validationData: [x, y] });
    expect(h.history.val_loss[1]).toBeCloseTo(model.evaluate(x, y) as number, 6);
  });

  it('calls callbacks in order and stops when a callback sets stopTraining', async () => {
    setSeed(1);
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const events: string[] = [];
    const cb: Callback = {
      onTrainBegin: () => { events.push('trainBegin'); },
      onEpochBegin: (e) => { events.push(`epochBegin ${e}`); },
      onBatchEnd: (b, logs) => { events.push(`batchEnd ${b} size ${logs?.size}`); },
      onEpochEnd: (e, logs) => {
        events.push(`epochEnd ${e} ${typeof logs?.loss}`);
        if (e === 1) model.stopTraining = true;
      },
      onTrainEnd: () => { events.push('trainEnd'); },
    };
    const h = await model.fit([[0, 1], [1, 0], [1, 1]], [[1], [1], [0]], { epochs: 10, batchSize: 2, verbose: 0, shuffle: false, callbacks: [cb] });
    expect(events).toEqual([
      'trainBegin', 'epochBegin 0', 'batchEnd 0 size 2', 'batchEnd 1 size 1', 'epochEnd 0 number',
      'epochBegin 1', 'batchEnd 0 size 2', 'batchEnd 1 size 1', 'epochEnd 1 number', 'trainEnd',
    ]);
    expect(h.history.loss).toHaveLength(2);
  });

  it('allocates no tensors in a training step after the first batches', async () => {
    setSeed(1);
    const { x, y } = spirals({ nSamples: 256, nClasses: 2, seed: 1 });
    const model = new Sequential([new Dense({ units: 16, activation: 'relu', inputShape: [2] }), new Dense({ units: 2, activation: 'softmax' })]);
    model.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), loss: 'categoricalCrossentropy' });
    const counts: number[] = [];
    await model.fit(x, oneHot(y, 2), {
      epochs: 1, batchSize: 32, verbose: 0, callbacks: [{ onBatchEnd: () => { counts.push(tensorAllocations()); } }],
    });
    expect(counts).toHaveLength(8);
    expect(counts[7]).toBe(counts[2]);
  });

  it('writes one line per epoch with verbose 2 and when the stream is not a terminal', async () => {
    setSeed(1);
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    for (const verbose of [1, 2] as const) {
      let text = '';
      await model.fit([[0, 1], [1, 0]], [[1], [0]], { epochs: 2, verbose, progressStream: { write: (s: string) => (text += s), isTTY: false } });
      expect(text.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^Epoch 1\/2 - .*s - loss: \d\.\d{4}$/), expect.stringMatching(/^Epoch 2\/2 /)]);
    }
  });

  it('draws a progress bar in a terminal', async () => {
    setSeed(1);
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    let text = '';
    const stream = { write: (s: string) => { text += s; return true; }, isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stream, removeListener: () => stream };
    await model.fit([[0, 1], [1, 0]], [[1], [0]], { epochs: 1, batchSize: 1, verbose: 1, progressStream: stream });
    expect(text).toContain('Epoch 1/1 [');
    expect(text).toMatch(/2\/2 .*loss: \d\.\d{4}/);
  });
});

describe('predict and evaluate', () => {
  it('predicts the same rows whatever the batch size', () => {
    setSeed(5);
    const model = new Sequential([new Dense({ units: 3, activation: 'sigmoid', inputShape: [4] })]);
    const x: Tensor = tensor(Array.from({ length: 10 }, (_, i) => [i, -i, i / 2, 1]));
    const whole = toArray(model.predict(x, { batchSize: 10 }));
    const parts = toArray(model.predict(x, { batchSize: 3 }));
    expect(parts).toEqual(whole);
    expect((whole as number[][]).length).toBe(10);
  });

  it('runs big batches as equal zero-padded passes, bit for bit as one pass of every row', () => {
    setSeed(6);
    const model = new Sequential([
      new Dense({ units: 16, activation: 'relu', inputShape: [9] }),
      new Dense({ units: 4, activation: 'softmax' }),
    ]);
    // 1,100 rows at batch 2,000: 3 passes of 367 rows, the last holding 366 and one zero row.
    const rows = Array.from({ length: 1100 }, (_, i) => Array.from({ length: 9 }, (_, j) => Math.sin(i * 9 + j)));
    const x = tensor(rows, undefined, 'float32');
    const big = model.predict(x, { batchSize: 2000 });
    // The graph's own forward pass over all 1,100 rows at once, in inference mode.
    const onePass = model.ensureBuilt([x.shape]).forward([x], false)[0];
    expect(big.shape).toEqual([1100, 4]);
    expect(Array.from(big.data)).toEqual(Array.from(onePass.data.subarray(onePass.offset, onePass.offset + onePass.size)));
    // Once warm, a call makes the output tensor and nothing else: no pass reallocates a buffer.
    model.predict(x, { batchSize: 2000 });
    const before = tensorAllocations();
    model.predict(x, { batchSize: 2000 });
    expect(tensorAllocations()).toBe(before + 1);
  });

  it('names the first non-finite value even when it sits in a later pass', () => {
    setSeed(6);
    const model = new Sequential([new Dense({ units: 2, inputShape: [3] })]);
    const values = new Float32Array(700 * 3).fill(0.5);
    values[650 * 3 + 2] = Infinity;
    expect(() => model.predict({ data: values, shape: [700, 3] }, { batchSize: 1000 })).toThrow('predict: x contains Infinity at [650, 2]');
  });

  it('returns the loss alone without metrics', () => {
    const model = new Sequential([new Dense({ units: 1, inputShape: [1], kernelInitializer: 'ones' })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    // W = 1, b = 0: predictions equal inputs; MSE of [1, 2] against [0, 0] = (1 + 4)/2 = 2.5.
    expect(model.evaluate([[1], [2]], [[0], [0]])).toBeCloseTo(2.5, 6);
  });
});
