/** gatherRows and its adjoint scatterAddRows: known answers and `⟨gather(E), R⟩ = ⟨E, scatterAdd(R)⟩`. */
import ndarray from 'ndarray';
import { gatherRows, scatterAddRows } from '../../../lib/kernels';
import { tensor, toArray, zeros } from '../../../lib/tensor';
import { randomTensor } from '../../helpers/random';

describe('gatherRows and scatterAddRows', () => {
  it('gather copies the indexed rows; scatter-add sums rows into repeated indices without clearing out', () => {
    const E = tensor([[0, 1], [10, 11], [20, 21]]);
    const indices = Int32Array.from([2, 0, 2]);
    expect(toArray(gatherRows(zeros([3, 2]), E, indices, 0))).toEqual([[20, 21], [0, 1], [20, 21]]);
    const out = tensor([[100, 100], [0, 0], [0, 0]]);
    scatterAddRows(out, tensor([[1, 2], [3, 4], [5, 6]]), indices);
    // Row 2 gets rows 0 and 2 of the input, row 0 gets row 1 on top of what it held.
    expect(toArray(out)).toEqual([[103, 104], [0, 0], [6, 8]]);
  });

  it('are adjoint, on tensors at an offset (views into a larger buffer)', () => {
    const big = randomTensor([9, 3], 1);
    const E = ndarray(big.data, [7, 3], [3, 1], 6);
    expect(E.offset).toBe(6);
    const indices = Int32Array.from([4, 4, 0, 6, 1]);
    const R = randomTensor([5, 3], 2);
    const gathered = gatherRows(zeros([5, 3], 'float64'), E, indices, 0);
    const scattered = scatterAddRows(zeros([7, 3], 'float64'), R, indices);
    let left = 0;
    let right = 0;
    for (let i = 0; i < R.size; i++) left += gathered.data[i] * R.data[i];
    for (let i = 0; i < E.size; i++) right += E.data[E.offset + i] * scattered.data[i];
    expect(left).toBeCloseTo(right, 12);
  });
});
