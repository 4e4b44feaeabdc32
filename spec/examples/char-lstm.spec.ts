import { cleanText, main as charLstm } from '../../examples/char-lstm';

describe('examples/char-lstm', () => {
  let log: jest.SpyInstance;
  let printed: string;
  beforeEach(() => {
    printed = '';
    log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed += `${args.join(' ')}\n`; });
  });
  afterEach(() => log.mockRestore());

  it('reads Moby Dick from the npm package as lowercase text of its charset with single spaces', () => {
    const text = cleanText(5000);
    expect(text).toHaveLength(5000);
    expect(text.startsWith('call me ishmael. some years ago - never mind how long precisely')).toBe(true);
    expect(text).toMatch(/^[ a-z.,;:!?'-]+$/);
    expect(text).not.toMatch(/ {2}/);
  });

  it('trains on 20,000 characters: the loss falls each epoch, well below the unigram entropy, and it writes 120 characters of its charset', async () => {
    const result = await charLstm({ epochs: 5, chars: 20_000, window: 20, units: 48, length: 120, verbose: 0 });
    // Measured with seeds 1–4 and 7: final loss 2.44–2.50 nats (validation 2.42–2.45) against a
    // unigram entropy of 2.92, the loss of the best guess that ignores the preceding characters.
    expect(result.unigramEntropy).toBeCloseTo(2.922, 3);
    const { losses, valLosses } = result;
    expect(losses).toHaveLength(5);
    for (let e = 1; e < 5; e++) {
      expect(losses[e]).toBeLessThan(losses[e - 1]);
      expect(valLosses[e]).toBeLessThan(valLosses[e - 1]);
    }
    expect(losses[4]).toBeLessThan(result.unigramEntropy - 0.3);
    expect(valLosses[4]).toBeLessThan(result.unigramEntropy - 0.3);
    expect(result.sample).toHaveLength(120);
    expect([...result.sample].every((c) => result.vocabulary.includes(c))).toBe(true);
    // It has learnt that words are short (27–30 of them in every sample measured) and the commonest one.
    expect(result.sample.split(' ').length).toBeGreaterThan(15);
    expect(result.sample).toContain(' the ');
    expect(printed).toMatch(/epoch 5: loss \d\.\d{4} \(\d\.\d{3} bits\/char\), val_loss \d\.\d{4}/);
    expect(printed).toContain(result.seedText + result.sample);
  });

  it('reproduces: the same seed gives the same losses and sample, another seed another sample', async () => {
    const options = { epochs: 1, chars: 4000, window: 20, units: 16, length: 60, verbose: 0 as const };
    const first = await charLstm(options);
    const again = await charLstm(options);
    expect(again.losses).toEqual(first.losses);
    expect(again.sample).toBe(first.sample);
    expect((await charLstm({ ...options, seed: 8 })).sample).not.toBe(first.sample);
  });
});
