import { ConfigError } from '../../../lib/errors';
import { getKernelBackend, getKernelThreads, setKernelBackend, setKernelThreads, type KernelBackend, type KernelThreads } from '../../../lib/kernels/backend';

afterEach(() => {
  setKernelBackend('auto');
  setKernelThreads('auto');
});

describe('setKernelBackend / getKernelBackend', () => {
  test("defaults to 'auto'", () => {
    expect(getKernelBackend()).toBe('auto');
  });

  test.each(['js', 'wasm', 'auto'] as const)("selects '%s'", (backend) => {
    setKernelBackend(backend);
    expect(getKernelBackend()).toBe(backend);
  });

  test('rejects an unknown name, listing the valid ones, and keeps the selection', () => {
    setKernelBackend('js');
    expect(() => setKernelBackend('webgl' as KernelBackend)).toThrow(ConfigError);
    expect(() => setKernelBackend('webgl' as KernelBackend)).toThrow("setKernelBackend: backend must be one of 'auto', 'wasm', 'js', got 'webgl'");
    expect(getKernelBackend()).toBe('js');
  });
});

describe('setKernelThreads / getKernelThreads', () => {
  test("defaults to 'auto'", () => {
    expect(getKernelThreads()).toBe('auto');
  });

  test.each([1, 2, 3, 'auto'] as const)('selects %s', (threads) => {
    setKernelThreads(threads);
    expect(getKernelThreads()).toBe(threads);
  });

  test.each([
    [0, 'got 0'], [-1, 'got -1'], [1.5, 'got 1.5'], [Number.NaN, 'got NaN'], ['two', "got 'two'"],
  ] as const)('rejects %p, naming what is accepted, and keeps the selection', (threads, got) => {
    setKernelThreads(2);
    expect(() => setKernelThreads(threads as KernelThreads)).toThrow(ConfigError);
    expect(() => setKernelThreads(threads as KernelThreads)).toThrow(`setKernelThreads: threads must be a positive integer or 'auto', ${got}`);
    expect(getKernelThreads()).toBe(2);
  });
});
