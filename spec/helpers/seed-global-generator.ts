/**
 * Runs before every spec file: seeds the global generator, which otherwise starts from the
 * clock, so that a spec drawing initial weights without its own `setSeed` is the same on every
 * run (a gradient check on clock-seeded weights could pass or fail from run to run).
 */
import { setSeed } from '../../lib/random';

setSeed(20261207);
