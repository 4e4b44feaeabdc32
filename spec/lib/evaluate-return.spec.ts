/**
 * What `evaluate` returns, and how it is typed: the loss alone without metrics (one output),
 * `[loss, ...]` with them, `{ loss, … }` keyed as History with `returnDict: true`. The type
 * assertions below are checked when ts-jest compiles this file.
 */
import { ConfigError, Dense, Model, Sequential, input, tensor, type EvaluateLogs } from '../../lib';

/** Compiles only when `value`'s type is exactly `T` (not wider, not narrower). */
function expectType<T>(value: T): <U>(check: [T] extends [U] ? ([U] extends [T] ? true : never) : never) => void {
  void value;
  return () => {};
}

/** One unit, W = 1 and b = 0: its predictions equal its inputs. */
function identityModel(metrics?: string[]): Sequential {
  const model = new Sequential([new Dense({ units: 1, inputShape: [1], kernelInitializer: 'ones' })]);
  model.compile({ optimizer: 'sgd', loss: 'mse', metrics });
  return model;
}

// Predictions [1, 2] against [0, 4]: errors [1, −2], MSE = (1 + 4)/2 = 2.5, MAE = (1 + 2)/2 = 1.5.
const X = tensor([[1], [2]]);
const Y = tensor([[0], [4]]);

describe('evaluate return forms', () => {
  it('returns the loss alone without metrics, typed as the caller states', () => {
    const model = identityModel();
    const loss = model.evaluate<number>(X, Y);
    expectType<number>(loss)<number>(true);
    expect(loss).toBeCloseTo(2.5, 6);
    expectType<number | number[]>(model.evaluate(X, Y))<number | number[]>(true);
  });

  it('returns [loss, ...metrics] with metrics, destructured with evaluate<number[]>', () => {
    const model = identityModel(['meanAbsoluteError']);
    const [loss, mae] = model.evaluate<number[]>(X, Y);
    expectType<number>(loss)<number>(true);
    expect(loss).toBeCloseTo(2.5, 6);
    expect(mae).toBeCloseTo(1.5, 6);
    // A tuple names each position, so each is a number even under noUncheckedIndexedAccess.
    const pair = model.evaluate<[number, number]>(X, Y);
    expectType<[number, number]>(pair)<[number, number]>(true);
    expect(pair).toEqual([loss, mae]);
  });

  it('returns { loss, <metric> } with returnDict: true, typed without a type argument', () => {
    const model = identityModel(['meanAbsoluteError']);
    const logs = model.evaluate(X, Y, { returnDict: true, batchSize: 1 });
    expectType<EvaluateLogs>(logs)<EvaluateLogs>(true);
    const loss: number = logs.loss;
    expect(loss).toBeCloseTo(2.5, 6);
    expect(Object.keys(logs)).toEqual(['loss', 'meanAbsoluteError']);
    expect(logs.meanAbsoluteError).toBeCloseTo(1.5, 6);
    expect(identityModel().evaluate(X, Y, { returnDict: true })).toEqual({ loss: expect.closeTo(2.5, 6) });
    // The type parameter names the compiled keys: EvaluateLogs<'meanAbsoluteError'> has that key as a number.
    const named = model.evaluate<'meanAbsoluteError'>(X, Y, { returnDict: true });
    expectType<EvaluateLogs<'meanAbsoluteError'>>(named)<EvaluateLogs<'meanAbsoluteError'>>(true);
    const mae: { meanAbsoluteError: number } = named;
    expect(mae.meanAbsoluteError).toBeCloseTo(1.5, 6);
  });

  it('keys returnDict values as History does, for several outputs too', async () => {
    const a = input({ shape: [1], name: 'a' });
    const reg = new Dense({ units: 1, kernelInitializer: 'ones', name: 'reg' }).apply(a);
    const other = new Dense({ units: 1, kernelInitializer: 'ones', name: 'other' }).apply(a);
    const model = new Model({ inputs: a, outputs: [reg, other] });
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['meanAbsoluteError'] });
    const yOther = tensor([[1], [2]]); // equal to the predictions: loss and MAE 0
    const logs = model.evaluate(X, [Y, yOther], { returnDict: true });
    expect(logs).toEqual({
      loss: expect.closeTo(2.5, 6), reg_loss: expect.closeTo(2.5, 6), other_loss: expect.closeTo(0, 6),
      reg_meanAbsoluteError: expect.closeTo(1.5, 6), other_meanAbsoluteError: expect.closeTo(0, 6),
    });
    expect(model.evaluate<number[]>(X, [Y, yOther])).toEqual(Object.values(logs));
    const history = await model.fit(X, [Y, yOther], { epochs: 1, verbose: 0 });
    // History also records the learning rate per epoch, which evaluate has no value for.
    expect(Object.keys(history.history).filter((k) => k !== 'learning_rate').sort()).toEqual(Object.keys(logs).sort());
  });

  it('returnDict: false is the positional form; a non-boolean throws', () => {
    const model = identityModel(['meanAbsoluteError']);
    expect(model.evaluate(X, Y, { returnDict: false })).toEqual([expect.closeTo(2.5, 6), expect.closeTo(1.5, 6)]);
    expect(() => model.evaluate(X, Y, { returnDict: 'yes' } as never)).toThrow(ConfigError);
    expect(() => model.evaluate(X, Y, { returnDict: 'yes' } as never)).toThrow("evaluate: returnDict must be a boolean, got 'yes'");
  });

  it('types a returnDict known only at run time as any of the three forms', () => {
    const asDict = Math.random() < 2;
    const result = identityModel().evaluate(X, Y, { returnDict: asDict });
    expectType<number | number[] | EvaluateLogs>(result)<number | number[] | EvaluateLogs>(true);
    expect(result).toEqual({ loss: expect.closeTo(2.5, 6) });
  });
});
