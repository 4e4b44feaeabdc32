/**
 * At inference a convolution over more than 128 samples unrolls and multiplies its patches 128
 * samples at a time: the output is the one-product output, and the patch buffer stays the size
 * a training batch of 128 gave it.
 */
import { Conv1D, Conv2D, toArray, type Tensor } from '../../lib';
import { heapTop } from '../../lib/kernels/wasm/kernel-heap';
import { expectClose } from '../helpers/expect-close';
import { randomTensor } from '../helpers/random';

describe('convolution inference in chunks of 128 samples', () => {
  it('Conv2D over 300 images (128 + 128 + 44) gives what one product over all of them gives', () => {
    const conv = new Conv2D({ filters: 5, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 7, 2], biasInitializer: 'glorotUniform' });
    const x = randomTensor([300, 6, 7, 2], 1, { dtype: 'float32' });
    // A training forward unrolls the whole batch at once.
    const whole = toArray(conv.forward(x, true));
    const chunked = conv.forward(x, false);
    expect(chunked.shape).toEqual([300, 6, 7, 5]);
    expectClose(chunked, whole, { rtol: 1e-6, atol: 1e-6 });
    // A view at an offset reads the right images.
    const tail = conv.forward(x.lo(150) as Tensor, false);
    expectClose(tail, (whole as number[][][][]).slice(150), { rtol: 1e-6, atol: 1e-6 });
  });

  it('Conv1D with strides over 129 sequences (128 + 1) gives what one product gives', () => {
    const conv = new Conv1D({ filters: 3, kernelSize: 2, strides: 2, inputShape: [9, 4], biasInitializer: 'glorotUniform' });
    const x = randomTensor([129, 9, 4], 2, { dtype: 'float32' });
    const whole = toArray(conv.forward(x, true));
    expectClose(conv.forward(x, false), whole, { rtol: 1e-6, atol: 1e-6 });
  });

  it('inference over 500 samples allocates patches for 128 of them only', () => {
    const conv = new Conv2D({ filters: 8, kernelSize: 3, inputShape: [12, 12, 1] });
    conv.build([null, 12, 12, 1]);
    const before = heapTop();
    conv.forward(randomTensor([500, 12, 12, 1], 6, { dtype: 'float32' }), false);
    // The output [500, 10, 10, 8] and one chunk's patches [128·10·10, 9], each block 16-byte aligned;
    // the patches of all 500 images would be another 372 · 100 · 9 floats (1.3 MB).
    const expected = [500 * 10 * 10 * 8, 128 * 100 * 9].reduce((sum, n) => sum + Math.ceil((n * 4) / 16) * 16, 0);
    expect(heapTop() - before).toBe(expected);
    // A training batch of 128 afterwards uses that patch block as it is.
    conv.forward(randomTensor([128, 12, 12, 1], 7, { dtype: 'float32' }), true);
    const after = heapTop();
    conv.forward(randomTensor([500, 12, 12, 1], 8, { dtype: 'float32' }), false);
    expect(heapTop()).toBe(after);
  });
});
