/**
 * GlobalAveragePooling1D with a mask (after `Embedding({ maskZero })` or `Masking`) averages the
 * data steps only, as Keras 3's does: `Y[n, c] = Σ_s m[n, s]·X[n, s, c] / Σ_s m[n, s]`. Checked by
 * hand, by padding invariance through a model, and by a float64 gradient check.
 */
import ndarray from 'ndarray';
import { Dense, Embedding, GlobalAveragePooling1D, Sequential, setSeed, tensor, toArray, type Tensor } from '../../lib';
import type { Mask } from '../../layers/mask';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';

const mask = (rows: number[][]): Mask => ndarray(Uint8Array.from(rows.flat()), [rows.length, rows[0].length]);

it('averages only the data steps (by hand), and a sample with every step masked gives 0', () => {
  const pool = new GlobalAveragePooling1D();
  const x = tensor([[[1, 10], [3, 30], [100, 100]], [[5, 50], [100, 100], [100, 100]], [[7, 70], [8, 80], [9, 90]]], [3, 3, 2], 'float64');
  pool.setInputMasks([mask([[1, 1, 0], [1, 0, 0], [0, 0, 0]])]);
  // (1 + 3)/2 = 2 and (10 + 30)/2 = 20; the second sample's one data step; the third has none.
  expect(toArray(pool.forward(x))).toEqual([[2, 20], [5, 50], [0, 0]]);
  pool.setInputMasks([null]);
  expect(toArray(pool.forward(x))).toEqual([[104 / 3, 140 / 3], [205 / 3, 250 / 3], [8, 80]]);
});

it('after Embedding(maskZero), a zero-padded sequence predicts what the mean of its data steps\' embeddings gives', () => {
  setSeed(3);
  const model = new Sequential([new Embedding({ inputDim: 6, outputDim: 4, maskZero: true, inputShape: [5] }), new GlobalAveragePooling1D(), new Dense({ units: 2 })]);
  const [E, W, b] = model.layers.flatMap((l) => l.params().map((p) => toArray(p.value))) as [number[][], number[][], number[]];
  // Tokens 1, 4, 2 then two pads: the mean of rows 1, 4 and 2 of the table, then the Dense layer.
  const mean = E[1].map((_, j) => (E[1][j] + E[4][j] + E[2][j]) / 3);
  const expected = b.map((bias, k) => bias + mean.reduce((sum, m, j) => sum + m * W[j][k], 0));
  expectClose(model.predict(tensor([[1, 4, 2, 0, 0]])) as Tensor, [expected], { rtol: 1e-5, atol: 1e-6 });
});

it('its gradient, masked, matches central differences (random upstream gradient), 0 at masked steps', () => {
  const pool = new GlobalAveragePooling1D();
  pool.build([null, 4, 3], 'float64');
  pool.setInputMasks([mask([[1, 0, 1, 1], [0, 1, 0, 0]])]);
  const x = tensor(Float64Array.from({ length: 24 }, (_, i) => Math.sin(i + 1)), [2, 4, 3], 'float64');
  expectGradientsCorrect(pool, x);
  pool.forward(x, true);
  const dx = toArray(pool.backward(tensor([[1, 2, 3], [4, 5, 6]], [2, 3], 'float64')).dAPrev as Tensor) as number[][][];
  expect(dx[0][1]).toEqual([0, 0, 0]);
  expect(dx[0][0]).toEqual([1 / 3, 2 / 3, 1]);
  expect(dx[1][1]).toEqual([4, 5, 6]);
});
