/**
 * The exotic values of the hardening suite: values whose mere mention in an error message, or
 * whose comparison, arithmetic or `Array.isArray` check, throws a `TypeError` in naive code.
 */
import fc from 'fast-check';

function boom(): never {
  throw new Error('boom: a user-supplied conversion threw');
}

/**
 * Proxies to revoke before the next call under test. fast-check inspects every value it
 * generates (`cloneMethod in value`), which a revoked proxy cannot survive, so exotic proxies are
 * made live and revoked by the harness's `attempt` just before the call.
 */
const pendingRevocations: (() => void)[] = [];

/** A proxy of `target` that {@link revokePending} will revoke. */
export function revoked<T extends object>(target: T): T {
  const { proxy, revoke } = Proxy.revocable(target, {});
  pendingRevocations.push(revoke);
  return proxy;
}

/** Revokes every exotic proxy made so far; the harness's `attempt` calls it before each call under test. */
export function revokePending(): void {
  for (const revoke of pendingRevocations.splice(0)) revoke();
}

/**
 * Values that break naive messages and checks, by name (the name shows in counterexamples):
 * `${value}` or `String(value)` throws for a symbol, a null-prototype object or a throwing
 * `toString`/`valueOf`/`Symbol.toPrimitive`; `JSON.stringify` throws for a BigInt, a cycle or a
 * throwing `toJSON`; a comparison such as `value < 0` throws for a symbol or a null-prototype
 * object; arithmetic throws for a BigInt; every operation on a revoked proxy throws, even
 * `Array.isArray`. Each is made afresh, so no call can change the next one's input. Not
 * included: objects whose getters throw, whose error may propagate when an option is read.
 */
const EXOTIC: Readonly<Record<string, () => unknown>> = {
  symbol: () => Symbol('bad'),
  wellKnownSymbol: () => Symbol.iterator,
  bigint: () => 1n,
  bigintZero: () => 0n,
  bigintNegative: () => -3n,
  nullPrototype: () => Object.create(null),
  nullPrototypeWithKeys: () => Object.assign(Object.create(null), { units: 2, className: 'Dense', shape: [2], data: [1, 2] }),
  throwingToString: () => ({ toString: boom }),
  throwingValueOf: () => ({ valueOf: boom, toString: boom }),
  throwingToPrimitive: () => ({ [Symbol.toPrimitive]: boom }),
  throwingToJSON: () => ({ toJSON: boom }),
  functionWithThrowingToString: () => Object.assign(() => 1, { toString: boom }),
  cyclic: () => {
    const value: Record<string, unknown> = { units: 1 };
    value.self = value;
    return value;
  },
  revokedProxy: () => revoked({}),
  revokedArrayProxy: () => revoked([1, 2]),
  revokedFunctionProxy: () => revoked(() => 1),
  bigintArray: () => [1n, 2n],
  symbolArray: () => [Symbol('s'), 1],
  nullPrototypeInArray: () => [1, Object.create(null)],
  revokedProxyInArray: () => [revoked({})],
  bigInt64Array: () => new BigInt64Array(2),
};

/** The names of the {@link exotic} values. */
export const exoticNames = Object.keys(EXOTIC);

/** A fresh exotic value: see {@link EXOTIC}. */
export function makeExotic(name: string): unknown {
  return EXOTIC[name]();
}

/** One of the exotic values, made afresh for each run. */
export const exotic: fc.Arbitrary<unknown> = fc.constantFrom(...exoticNames).map(makeExotic);

/** The exotic values that are (or hold) revoked proxies. */
export const revokedNames: readonly string[] = ['revokedProxy', 'revokedArrayProxy', 'revokedFunctionProxy', 'revokedProxyInArray'];

