/**
 * The message formatters never throw, whatever the value, and print ordinary values exactly as
 * the messages always did (`String`, `JSON.stringify`, quoted strings), since spec files assert
 * many messages verbatim.
 */
import {
  formatJson, formatString, formatValue, isArray, isInstance, isReadableObject, isRevokedProxy, kindOf,
} from '../../lib/safe-format';

function revoked<T extends object>(target: T): T {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

function boom(): never {
  throw new Error('boom');
}

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;

/** Values whose naive formatting throws, by name. */
const HOSTILE: Record<string, unknown> = {
  symbol: Symbol('s'),
  bigint: 12n,
  nullPrototype: Object.create(null),
  throwingToString: { toString: boom },
  throwingValueOf: { valueOf: boom, toString: boom },
  throwingToPrimitive: { [Symbol.toPrimitive]: boom },
  throwingToJSON: { toJSON: boom },
  throwingGetter: { get x(): number { return boom(); } },
  cyclic,
  revokedObject: revoked({}),
  revokedArray: revoked([1]),
  revokedFunction: revoked(() => 1),
  functionWithThrowingToString: Object.assign(() => 1, { toString: boom }),
  bigintArray: [1n],
  liveProxyWithThrowingTraps: new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom }),
};

describe('safe-format: nothing throws', () => {
  it.each(Object.keys(HOSTILE))('%s', (name) => {
    const value = HOSTILE[name];
    for (const format of [kindOf, formatValue, formatString, formatJson]) {
      expect(typeof format(value)).toBe('string');
    }
    expect(typeof isArray(value)).toBe('boolean');
    expect(typeof isRevokedProxy(value)).toBe('boolean');
    expect(typeof isReadableObject(value)).toBe('boolean');
    expect(typeof isInstance(value, Date)).toBe('boolean');
  });
});

describe('safe-format: ordinary values print as before', () => {
  it('kindOf names the kind', () => {
    expect([null, undefined, [], 'x', 1, true, {}, () => 1, 1n, Symbol('s')].map(kindOf))
      .toEqual(['null', 'undefined', 'an array', 'a string', 'a number', 'a boolean', 'an object', 'a function', 'a bigint', 'a symbol']);
  });

  it('formatValue writes numbers and booleans, quotes strings, names the rest', () => {
    expect([0, -1.5, NaN, Infinity, true, 'abc', null, undefined, [1], {}].map(formatValue))
      .toEqual(['0', '-1.5', 'NaN', 'Infinity', 'true', "'abc'", 'null', 'undefined', 'an array', 'an object']);
  });

  it('formatString is String for anything String can print', () => {
    for (const value of [0, -1.5, NaN, 'abc', '', null, undefined, true, [1, 2], [[1], 'a'], {}, { toString: () => 'custom' }, new Date(0)]) {
      expect(formatString(value)).toBe(String(value));
    }
  });

  it('formatJson is JSON.stringify for anything JSON can print, and "undefined" for undefined', () => {
    for (const value of [0, -1.5, NaN, 'abc', null, true, [1, 'a', null], { a: [1, { b: 2 }] }, [undefined, () => 1], { f: () => 1 }, Object.create(null)]) {
      expect(formatJson(value)).toBe(JSON.stringify(value));
    }
    expect(formatJson(undefined)).toBe('undefined');
  });
});

describe('safe-format: hostile values print as something useful', () => {
  it('symbols and BigInts as written, conversions that throw by kind', () => {
    expect(formatValue(Symbol('units'))).toBe('Symbol(units)');
    expect(formatValue(12n)).toBe('12n');
    expect(formatString(12n)).toBe('12n');
    expect(formatString(Symbol('s'))).toBe('Symbol(s)');
    expect(formatString(Object.create(null))).toBe('an object');
    expect(formatString({ toString: boom })).toBe('an object');
    expect(formatString(HOSTILE.functionWithThrowingToString)).toBe('a function');
    expect(formatJson(12n)).toBe('12n');
    expect(formatJson(cyclic)).toBe('an object');
    expect(formatJson([1n])).toBe('an array');
    expect(formatJson({ toJSON: boom })).toBe('an object');
    expect(formatJson(Symbol('s'))).toBe('Symbol(s)');
    expect(formatJson(() => 1)).toBe('a function');
  });

  it('revoked proxies by name, and as neither arrays nor readable objects nor instances', () => {
    for (const value of [HOSTILE.revokedObject, HOSTILE.revokedArray, HOSTILE.revokedFunction]) {
      expect(isRevokedProxy(value)).toBe(true);
      expect(kindOf(value)).toBe('a revoked proxy');
      expect(formatValue(value)).toBe('a revoked proxy');
      expect(formatString(value)).toBe('a revoked proxy');
      expect(formatJson(value)).toBe('a revoked proxy');
      expect(isArray(value)).toBe(false);
      expect(isReadableObject(value)).toBe(false);
      expect(isInstance(value, Object)).toBe(false);
    }
  });

  it('tells live values apart as before', () => {
    expect(isRevokedProxy(new Proxy([], {}))).toBe(false);
    expect(isArray(new Proxy([], {}))).toBe(true);
    expect(isArray({ length: 0 })).toBe(false);
    expect(isReadableObject({})).toBe(true);
    expect(isReadableObject([])).toBe(true);
    expect(isReadableObject(null)).toBe(false);
    expect(isReadableObject(() => 1)).toBe(false);
    expect(isInstance(new Date(0), Date)).toBe(true);
    expect(isInstance({}, Date)).toBe(false);
    expect(isInstance(HOSTILE.liveProxyWithThrowingTraps, Date)).toBe(false);
  });
});
