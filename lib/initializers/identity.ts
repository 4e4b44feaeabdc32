/** {@link IdentityInitializer}: the (scaled) identity matrix. */
import { ConfigError, ShapeError } from '../errors';
import { formatShape, type Tensor } from '../tensor';
import { Initializer, type InitializerConfig } from './initializer';
import { formatValue, optionsObject } from '../checks';

/** Options of {@link IdentityInitializer}. */
export interface IdentityInitializerOptions {
  /** The factor `g` on the diagonal; a finite number. @defaultValue 1 */
  gain?: number;
}

/**
 * `W[i, j] = g` when `i = j`, else 0 (Keras's `keras.initializers.Identity`, `gain · eye(rows, cols)`):
 * a square identity, or the rectangular one of a non-square shape. Registered and saved as
 * `'Identity'` (the TypeScript name keeps it apart from the `Identity` layer).
 *
 * Shapes: 2D only, `[rows, cols]`.
 *
 * @throws ConfigError when `gain` is not a finite number; ShapeError (at `init`) for a shape that is not 2D.
 * @example
 * ```ts
 * new Dense({ units: 4, kernelInitializer: new IdentityInitializer({ gain: 2 }) }); // with 4 inputs, the kernel 2·I
 * ```
 */
export class IdentityInitializer extends Initializer {
  static override readonly className: string = 'Identity';
  static override readonly optionKeys: readonly string[] = ['gain'];

  /** The diagonal factor `g`. */
  readonly gain: number;

  constructor(options: IdentityInitializerOptions = {}) {
    options = optionsObject(options, 'Identity', ['gain']);
    super();
    const { gain = 1 } = options;
    if (typeof gain !== 'number' || !Number.isFinite(gain)) {
      throw new ConfigError(`${this.className}: gain must be a finite number, got ${formatValue(gain)}`);
    }
    this.gain = gain;
  }

  override getConfig(): InitializerConfig {
    return { gain: this.gain };
  }

  protected override generate(out: Tensor): void {
    if (out.shape.length !== 2) {
      throw new ShapeError(`${this.className}: the identity initializer makes 2D matrices only: expected [rows, cols], got ${formatShape(out.shape)} of rank ${out.shape.length}`);
    }
    const [rows, cols] = out.shape;
    out.data.fill(0, out.offset, out.offset + out.size);
    for (let i = 0, n = Math.min(rows, cols); i < n; i++) out.data[out.offset + i * cols + i] = this.gain;
  }
}
