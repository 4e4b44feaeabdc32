/** The benchmark's command-line flags. */
import { DEFAULT_OPTIONS, QUICK_OPTIONS, parseBenchArgs } from '../../bench/options';

describe('parseBenchArgs', () => {
  it('gives the defaults without flags', () => {
    expect(parseBenchArgs([])).toEqual({ options: DEFAULT_OPTIONS, outDir: undefined, help: false });
  });

  it('starts from the quick sizes and applies each flag', () => {
    const { options, outDir } = parseBenchArgs([
      '--quick', '--peers', 'layerwise,tfjs-wasm', '--cases', 'train', '--reps', '5', '--warmup', '0',
      '--cap', 'brain.small=300,tfjs-cpu.big=0', '--no-numpy', '--out', '/tmp/x',
    ]);
    expect(options).toMatchObject({
      quick: true, peers: ['layerwise', 'tfjs-wasm'], cases: ['train'], reps: 5, warmupEpochs: 0, numpy: false,
      trainSamples: QUICK_OPTIONS.trainSamples,
    });
    expect(options.sampleCaps.brain).toEqual({ small: 300, big: QUICK_OPTIONS.sampleCaps.brain?.big });
    expect(options.sampleCaps['tfjs-cpu']).toEqual({ cnn: QUICK_OPTIONS.sampleCaps['tfjs-cpu']?.cnn });
    expect(outDir).toBe('/tmp/x');
  });

  it('names the flag and the bad value', () => {
    expect(() => parseBenchArgs(['--reps', '0'])).toThrow('--reps must be a positive integer, got 0');
    expect(() => parseBenchArgs(['--peers', 'keras'])).toThrow("--peers: unknown 'keras'; valid: layerwise");
    expect(() => parseBenchArgs(['--cap', 'torch.small=5'])).toThrow("--cap: expected peer.mlp=N");
    expect(() => parseBenchArgs(['--bogus'])).toThrow('bogus');
  });
});
