/**
 * Layers keep one buffer per key across batch sizes: a smaller batch (an epoch's short last
 * batch, a validation pass) uses the start of the block a larger one allocated, zeroed, instead
 * of a new block per size, and computes exactly what fresh buffers compute.
 */
import { Conv2D, Dense, Flatten, MaxPooling2D, SGD, Sequential, setSeed, tensor, toArray, type Tensor } from '../../lib';
import { heapTop, kernelHeap } from '../../lib/kernels/wasm/kernel-heap';
import { randomTensor } from '../helpers/random';

/** Conv2D → MaxPooling2D → Flatten → Dense on 8×8 grey images: every buffer kind (im2col patches, col2im, pooling positions). */
function convModel(): Sequential {
  const model = new Sequential([
    new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
    new MaxPooling2D({ poolSize: 2 }),
    new Flatten(),
    new Dense({ units: 3, activation: 'softmax' }),
  ]);
  // SGD has no state, so two models with the same weights take the same step.
  model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: 'categoricalCrossentropy' });
  return model;
}

const x8 = randomTensor([8, 8, 8, 1], 1, { low: 0, high: 1, dtype: 'float32' });
const y8 = randomTensor([8, 3], 2, { low: 0, high: 1, dtype: 'float32' });
/** The last 5 rows: a short batch. */
const x5 = x8.lo(3) as Tensor;
const y5 = y8.lo(3) as Tensor;

test('the kernel heap is there (the test below measures it)', () => {
  expect(kernelHeap()).not.toBeNull();
});

test('after a batch of 8, a batch of 5 takes no new heap block and trains exactly as fresh buffers do', () => {
  setSeed(1);
  const reused = convModel();
  const fresh = convModel();
  reused.trainOnBatch(x8, y8);
  fresh.setWeights(reused.getWeights());
  const top = heapTop();
  const lossReused = reused.trainOnBatch(x5, y5);
  // Without the reuse every layer allocated a block per buffer for the 5-row shapes here.
  expect(heapTop()).toBe(top);
  reused.trainOnBatch(x8, y8);
  reused.trainOnBatch(x5, y5);
  expect(heapTop()).toBe(top);

  // `fresh` has only ever seen 5 rows: its buffers are new blocks of exactly that size.
  setSeed(1);
  const again = convModel();
  again.trainOnBatch(x8, y8);
  fresh.setWeights(again.getWeights());
  const lossFresh = fresh.trainOnBatch(x5, y5);
  again.trainOnBatch(x5, y5);
  expect(lossReused).toBe(lossFresh);
  const weightsAgain = again.getWeights().map((w) => toArray(w));
  expect(fresh.getWeights().map((w) => toArray(w))).toEqual(weightsAgain);
  expect(toArray(fresh.predict(x5) as Tensor)).toEqual(toArray(again.predict(x5) as Tensor));
});

test('a short batch\'s output views only its own rows of the block (Dense, by hand)', () => {
  // W = [[1], [2]], b = [0]: Z = x1 + 2·x2 for each row.
  const dense = new Dense({ units: 1, inputShape: [2] });
  dense.build([null, 2]);
  dense.params()[0].value.data.set([1, 2]);
  const long = dense.forward(tensor([[1, 0], [0, 1], [1, 1], [2, 2], [0, 0], [1, 2], [3, 0], [0, 3]]), true);
  expect(toArray(long)).toEqual([[1], [2], [3], [6], [0], [5], [3], [6]]);
  const short = dense.forward(tensor([[1, 1], [0.5, -1]]), true);
  expect(short.data.length).toBe(2);
  expect(short.data.byteOffset).toBe(long.data.byteOffset);
  expect(toArray(short)).toEqual([[3], [-1.5]]);
});
