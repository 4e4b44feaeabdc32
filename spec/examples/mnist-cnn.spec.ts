import { main as mnistCnn } from '../../examples/mnist-cnn';

describe('examples/mnist-cnn', () => {
  let log: jest.SpyInstance;
  let printed: string;
  beforeEach(() => {
    printed = '';
    log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed += `${args.join(' ')}\n`; });
  });
  afterEach(() => log.mockRestore());

  it('trains the Keras MNIST convnet for one epoch on 1,500 digits, well above chance on 2,000 unseen ones', async () => {
    // Seeded: one epoch of 12 Adam steps on shifted digits, the rate decaying from 0.01 to 0, reaches about 81% (chance is 10%).
    const { accuracy } = await mnistCnn(1, 0, 1500);
    expect(accuracy).toBeGreaterThan(0.4);
    expect(printed).toMatch(/Total params: 34,826/);
    expect(printed).toMatch(/test accuracy \d+\.\d+% on 2000 unseen digits/);
  });
});
