import { ConfigError } from '../../../lib/errors';
import { getKernelBackend, setKernelBackend, type KernelBackend } from '../../../lib/kernels/backend';

afterEach(() => setKernelBackend('auto'));

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
