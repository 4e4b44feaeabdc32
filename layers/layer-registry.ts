/**
 * The `layers` registry on its own, so that a layer which rebuilds other layers from their
 * saved form (TimeDistributed's `layer`) can use it without importing the folder's index,
 * which imports that layer.
 */
import { Registry } from '../lib/registry';
import type { Layer } from './layer';

/**
 * Layer classes by `className`, so a saved `{ className, config }` rebuilds its layer:
 * `layers.create('Dense', { units: 3, … })`. Register your own layer with
 * `layers.register(MyLayer.className, (config) => new MyLayer(config))`. The built-in layers
 * are registered by the layers index.
 */
export const layers = new Registry<Layer>('layer');
