/**
 * optionsObject and requireTensor reject every kind of wrong argument with a LayerwiseError that
 * names the caller and the argument's kind, revoked proxies included.
 */
import { formatValue, kindOf, optionsObject, requireTensor } from '../../lib/checks';
import { ConfigError, DataError } from '../../lib/errors';
import { tensor } from '../../lib/tensor';

function revoked<T extends object>(target: T): T {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

describe('optionsObject', () => {
  it('returns an options object itself, and {} for undefined', () => {
    const options = { units: 2 };
    expect(optionsObject(options, 'Dense')).toBe(options);
    expect(optionsObject(undefined, 'Dense')).toEqual({});
    const bare = Object.create(null) as object;
    expect(optionsObject(bare, 'Dense')).toBe(bare);
  });

  it.each<[string, () => unknown]>([
    ['null', () => null], ['an array', () => []], ['a number', () => 1], ['a string', () => 'x'], ['a symbol', () => Symbol('s')],
    ['a bigint', () => 1n], ['a function', () => () => 1], ['an object', () => tensor([1])], ['a revoked proxy', () => revoked({})],
    ['a revoked proxy', () => revoked([])],
  ])('rejects %s', (kind, make) => {
    const value = make();
    expect(() => optionsObject(value as never, 'Dense')).toThrow(ConfigError);
    expect(() => optionsObject(value as never, 'Dense')).toThrow(`Dense: options must be an object, got ${kind}`);
  });
});

describe('requireTensor', () => {
  it('returns a tensor itself', () => {
    const t = tensor([[1, 2]]);
    expect(requireTensor(t, 'f: x')).toBe(t);
  });

  it.each<[string, string, () => unknown]>([
    ['a nested array', 'an array', () => [[1, 2]]], ['null', 'null', () => null], ['a revoked proxy', 'a revoked proxy', () => revoked({})],
    ['a symbol', 'a symbol', () => Symbol('s')],
    ['a forged tensor with a symbol axis', 'an object', () => ({ shape: [Symbol('d')], stride: [1], offset: 0, data: new Float32Array(1) })],
    ['an object whose shape getter throws', 'an object', () => ({ get shape(): number[] { throw new Error('getter'); } })],
  ])('rejects %s', (_what, kind, make) => {
    const value = make();
    expect(() => requireTensor(value, 'f: x')).toThrow(DataError);
    expect(() => requireTensor(value, 'f: x')).toThrow(`f: x must be a tensor (use tensor(values) to make one), got ${kind}`);
  });
});

describe('checks re-exports the formatters', () => {
  it('kindOf and formatValue', () => {
    expect(kindOf(revoked({}))).toBe('a revoked proxy');
    expect(formatValue('units')).toBe("'units'");
  });
});
