/** Initializers that fill with one value: {@link Zeros} (the bias default), {@link Ones}, {@link Constant}. */
import { ConfigError } from '../errors';
import type { Tensor } from '../tensor';
import { Initializer, type InitializerConfig } from './initializer';
import { formatJson, optionsObject } from '../checks';

/** Options of {@link Constant}. */
export interface ConstantOptions {
  /** The value every element gets; a finite number. @defaultValue 0 */
  value?: number;
}

/**
 * Every element `= value`.
 * @throws ConfigError when `value` is not a finite number.
 * @example
 * ```ts
 * new Dense({ units: 4, biasInitializer: new Constant({ value: 0.1 }) });
 * ```
 */
export class Constant extends Initializer {
  static override readonly className: string = 'Constant';

  /** The fill value. */
  readonly value: number;

  constructor(options: ConstantOptions = {}) {
    options = optionsObject(options, 'Constant', ['value']);
    super();
    const { value = 0 } = options;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ConfigError(`${this.className}: value must be a finite number, got ${formatJson(value)}`);
    }
    this.value = value;
  }

  override getConfig(): InitializerConfig {
    return { value: this.value };
  }

  protected override generate(out: Tensor): void {
    out.data.fill(this.value, out.offset, out.offset + out.size);
  }
}

/** Every element `= 0`: the Dense bias default. */
export class Zeros extends Initializer {
  static override readonly className: string = 'Zeros';

  override getConfig(): InitializerConfig {
    return {};
  }

  protected override generate(out: Tensor): void {
    out.data.fill(0, out.offset, out.offset + out.size);
  }
}

/** Every element `= 1`. */
export class Ones extends Initializer {
  static override readonly className: string = 'Ones';

  override getConfig(): InitializerConfig {
    return {};
  }

  protected override generate(out: Tensor): void {
    out.data.fill(1, out.offset, out.offset + out.size);
  }
}
