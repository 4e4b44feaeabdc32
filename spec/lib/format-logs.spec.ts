import { formatLogs } from '../../lib/progress';

describe('formatLogs', () => {
  it('prints four decimals, and four significant digits for tiny and huge values (a diverging loss)', () => {
    expect(formatLogs({ loss: 0.51194, accuracy: 1 })).toBe('loss: 0.5119 - accuracy: 1.0000');
    expect(formatLogs({ loss: 4.805218833465581e46 })).toBe('loss: 4.805e+46');
    expect(formatLogs({ loss: 1234567.8 })).toBe('loss: 1.235e+6');
    expect(formatLogs({ loss: 999999.5 })).toBe('loss: 999999.5000');
    expect(formatLogs({ loss: 0.00012346 })).toBe('loss: 1.235e-4');
    expect(formatLogs({ loss: 0, val_loss: NaN, x: Infinity })).toBe('loss: 0.0000 - val_loss: NaN - x: Infinity');
  });
});
