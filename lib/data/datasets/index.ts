/** Seeded toy datasets for examples and tests: XOR, spirals, moons, circles, blobs and a sine wave. */
export type { Dataset, DatasetOptions, ClassificationOptions } from './common';
export { xor, type XorOptions } from './xor';
export { spirals, type SpiralsOptions } from './spirals';
export { moons, type MoonsOptions } from './moons';
export { circles, type CirclesOptions } from './circles';
export { blobs, type BlobsOptions } from './blobs';
export { sine, type SineOptions } from './sine';
