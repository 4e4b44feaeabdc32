import { LambdaCallback } from '../../../lib/callbacks';
import { ConfigError } from '../../../lib/errors';
import { Sequential } from '../../../lib/sequential';
import { Dense } from '../../../layers';
import { setSeed } from '../../../lib/random';

describe('LambdaCallback', () => {
  it('runs the given hooks during fit', async () => {
    setSeed(1);
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const events: string[] = [];
    const cb = new LambdaCallback({
      onTrainBegin: () => { events.push('begin'); },
      onEpochEnd: (epoch, logs) => { events.push(`epoch ${epoch} ${typeof logs?.loss}`); },
      onTrainEnd: () => { events.push('end'); },
    });
    await model.fit([[0, 1], [1, 0]], [[1], [0]], { epochs: 2, verbose: 0, callbacks: [cb] });
    expect(events).toEqual(['begin', 'epoch 0 number', 'epoch 1 number', 'end']);
  });

  it('rejects unknown hooks and non-functions', () => {
    expect(() => new LambdaCallback({ onEpochEnds: () => undefined } as never)).toThrow("LambdaCallback: unknown option 'onEpochEnds'; did you mean 'onEpochEnd'?");
    expect(() => new LambdaCallback({ onEpochEnd: 3 } as never)).toThrow(ConfigError);
  });
});
