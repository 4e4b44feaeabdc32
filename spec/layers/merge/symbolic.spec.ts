/** The merge and graph-utility layers called on symbolic tensors (`layer.apply`), as a functional model builds them. */
import { ConfigError, ShapeError } from '../../../lib/errors';
import { Add, Concatenate, Dot, input, Permute, RepeatVector } from '../../../layers';

describe('merge layers on symbolic tensors', () => {
  it('give the merged shape, one node per call', () => {
    const a = input({ shape: [2, 3] });
    const b = input({ shape: [4, 3] });
    const cat = new Concatenate({ axis: 1 });
    const joined = cat.apply([a, b]);
    expect(joined.shape).toEqual([null, 6, 3]);
    expect(cat.inboundNodes).toHaveLength(1);
    expect(new Dot({ axes: 2 }).apply([a, b]).shape).toEqual([null, 2, 4]);
    expect(new Add().apply([joined, new Permute({ dims: [1, 2] }).apply(joined)]).shape).toEqual([null, 6, 3]);
    expect(new RepeatVector({ n: 5 }).apply(input({ shape: [7] })).shape).toEqual([null, 5, 7]);
  });

  it('throw the layer\'s ShapeError for shapes that cannot merge, and a ConfigError for one input', () => {
    const a = input({ shape: [3] });
    const b = input({ shape: [4] });
    expect(() => new Add({ name: 'add_sym' }).apply([a, b])).toThrow(new ShapeError("Add 'add_sym': input 1 must have the shape of input 0: expected [?, 3], got [?, 4]"));
    expect(() => new Dot({ axes: 1, name: 'dot_sym' }).apply([a])).toThrow(new ConfigError("Dot 'dot_sym': takes 2 inputs, got 1"));
  });
});
