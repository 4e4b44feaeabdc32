import { labelledNames, main as sequences } from '../../examples/sequence-classification';

describe('examples/sequence-classification', () => {
  let log: jest.SpyInstance;
  let printed: string;
  beforeEach(() => {
    printed = '';
    log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed += `${args.join(' ')}\n`; });
  });
  afterEach(() => log.mockRestore());

  it('labels the names on exactly one of the two lists, lowercase', () => {
    const rows = labelledNames();
    expect(rows).toHaveLength(8003);
    expect(rows.filter((r) => r.female === 1)).toHaveLength(4525);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    expect(rows).toContainEqual({ name: 'emma', female: 1 });
    expect(rows).toContainEqual({ name: 'oliver', female: 0 });
    // On both lists, so dropped.
    expect(rows.some((r) => r.name === 'abbey')).toBe(false);
    expect(rows.every((r) => /^[a-z-]+$/.test(r.name))).toBe(true);
  });

  it('a bidirectional LSTM over masked letters beats the majority class on unseen names (1,500 names, 6 epochs)', async () => {
    const result = await sequences({ names: 1500, epochs: 6, units: 16, verbose: 0 });
    // Measured with seeds 1–6: accuracy 0.77–0.80 on the 300 test names, where the majority class gets 0.56.
    expect(result.testSize).toBe(300);
    expect(result.majorityAccuracy).toBeCloseTo(0.56, 2);
    expect(result.accuracy).toBeGreaterThan(0.7);
    const { losses } = result;
    for (let e = 1; e < losses.length; e++) expect(losses[e]).toBeLessThan(losses[e - 1]);
    // Common names (some in its training data), on the right side of 0.5 for every seed measured
    // (P(female) ≥ 0.73 for the female ones, ≤ 0.31 for the male ones; "noah" wavers around 0.5).
    const p = Object.fromEntries(result.examples.map((e) => [e.name, e.female]));
    for (const name of ['emma', 'sophia', 'isabella', 'layla']) expect(p[name]).toBeGreaterThan(0.6);
    for (const name of ['oliver', 'liam', 'arthur']) expect(p[name]).toBeLessThan(0.4);
    expect(printed).toMatch(/test: loss \d\.\d{4}, accuracy \d+\.\d% on 300 unseen names/);
    expect(printed).toMatch(/emma +P\(female\) = 0\.\d\d/);
  });
});
