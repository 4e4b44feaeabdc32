/** Every example runs end to end (briefly), and the flagship reaches its promised accuracy. */
import { main as xor } from '../../examples/xor';
import { main as spirals } from '../../examples/spirals';
import { main as sine } from '../../examples/sine-regression';
import { main as lookInside } from '../../examples/look-inside';
import { main as mnist } from '../../examples/mnist';

describe('examples', () => {
  let log: jest.SpyInstance;
  let printed: string;
  beforeEach(() => {
    printed = '';
    log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed += `${args.join(' ')}\n`; });
  });
  afterEach(() => log.mockRestore());

  it('xor solves XOR', async () => {
    expect(await xor(1000)).toBe(1);
    expect(printed).toContain('1 xor 0 ->');
  });

  it('spirals runs one epoch', async () => {
    const accuracy = await spirals(1);
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(printed).toContain('held-out');
  });

  it('sine-regression runs one epoch', async () => {
    expect(Number.isFinite(await sine(1))).toBe(true);
    expect(printed).toContain('sin(');
  });

  it('look-inside prints every gradient and lowers the loss with one step', () => {
    expect(Number.isFinite(lookInside())).toBe(true);
    for (const name of ['dW', 'db', 'dAPrev', 'dOut']) expect(printed).toContain(name);
    const [, before, after] = printed.match(/loss (\d+\.\d+) -> (\d+\.\d+)/) ?? [];
    expect(Number(after)).toBeLessThan(Number(before));
  });

  it('mnist (the flagship) trains 784-128-10 above 90% test accuracy on 2,000 unseen digits', async () => {
    const accuracy = await mnist(3, 0);
    expect(accuracy).toBeGreaterThan(0.9);
    expect(printed).toMatch(/test accuracy \d+\.\d+%/);
  });
});
