/**
 * {@link Mask}: which time steps of a sequence batch are real and which are padding (Keras's
 * `mask`), made by `Embedding({ maskZero: true })` or `Masking` and read by the layers after them.
 */
import type ndarray from 'ndarray';

/**
 * A mask of shape `[batch, time]`: `1` where step `t` of sample `b` is data, `0` where it is
 * padding that recurrent layers skip and losses leave out.
 */
export type Mask = ndarray.NdArray<Uint8Array>;
