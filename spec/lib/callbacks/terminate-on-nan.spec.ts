import { TerminateOnNaN } from '../../../lib/callbacks';
import { ConfigError } from '../../../lib/errors';
import { fakeModel, paramsWith } from './fake-model';

describe('TerminateOnNaN', () => {
  it('stops after the first batch whose loss is NaN or infinite, and says so', () => {
    let written = '';
    const cb = new TerminateOnNaN({ stream: { write: (text: string) => { written += text; } } });
    const model = fakeModel();
    cb.setModel(model, paramsWith(['loss']));
    cb.onTrainBegin();
    cb.onEpochBegin(2);
    cb.onBatchEnd(0, { loss: 0.5, size: 4 });
    expect(model.stopTraining).toBe(false);
    expect(cb.message).toBeNull();
    cb.onBatchEnd(1, { loss: NaN, size: 4 });
    expect(model.stopTraining).toBe(true);
    expect(cb.message).toBe('Batch 1 (epoch 2): invalid loss NaN, terminating training');
    expect(written).toBe(`${cb.message}\n`);
  });

  it('treats Infinity like NaN, and can stay silent', () => {
    const cb = new TerminateOnNaN({ stream: null });
    const model = fakeModel();
    cb.setModel(model, paramsWith(['loss']));
    cb.onBatchEnd(0, { loss: -Infinity });
    expect(model.stopTraining).toBe(true);
    expect(cb.message).toMatch(/invalid loss -Infinity/);
  });

  it('rejects a stream without write', () => {
    expect(() => new TerminateOnNaN({ stream: {} as never })).toThrow(ConfigError);
  });
});
