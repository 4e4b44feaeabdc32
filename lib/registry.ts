/**
 * Name registries: one per folder (layers, activations, losses, optimizers, initializers),
 * so string aliases like `'relu'` or `'sgd'` and saved `className`s resolve in one place.
 */
import { ConfigError } from './errors';
import { formatValue } from './safe-format';

/**
 * Maps class names and aliases to factories. Lookups ignore case and underscores, so
 * `'categorical_crossentropy'`, `'categoricalCrossentropy'` and `'CategoricalCrossentropy'` agree.
 */
export class Registry<T> {
  private readonly entries = new Map<string, { name: string; create: (config?: object) => T }>();
  private readonly registeredSpellings = new Set<string>();

  /** @param kind - what the registry holds, for error messages (`'loss'`, `'optimizer'`, …). */
  constructor(private readonly kind: string) {}

  /** Registers `create` under `name` and any `aliases`. A later registration of a name replaces the earlier one. */
  register(name: string, create: (config?: object) => T, aliases: readonly string[] = []): void {
    for (const key of [name, ...aliases]) {
      this.entries.set(normalize(key), { name, create });
      this.registeredSpellings.add(key);
    }
  }

  /** True when `name` (or an alias) is registered; false for anything that is not a string. */
  has(name: string): boolean {
    return typeof name === 'string' && this.entries.has(normalize(name));
  }

  /**
   * A new instance for `name`, built from `config`.
   * @throws ConfigError naming the valid choices when `name` is unknown or not a string.
   */
  create(name: string, config?: object): T {
    const entry = typeof name === 'string' ? this.entries.get(normalize(name)) : undefined;
    if (!entry) {
      const valid = this.spellings().map((n) => `'${n}'`).join(', ');
      throw new ConfigError(`unknown ${this.kind} ${formatValue(name)}. Valid ${this.kind} names: ${valid}`);
    }
    return entry.create(config);
  }

  /** Every name and alias as it was registered (`'mse'`, `'mean_squared_error'`, …), sorted. */
  spellings(): string[] {
    return [...this.registeredSpellings].sort();
  }

  /** The registered class names (not aliases), sorted. */
  names(): string[] {
    return [...new Set([...this.entries.values()].map((e) => e.name))].sort();
  }
}

/**
 * A string option that names a registry entry: one of the built-in spellings `Known` (which
 * editors offer as completions) or any other string, for names registered at run time. The
 * `string & {}` keeps the literals from collapsing into `string`, so autocomplete survives.
 * @example
 * ```ts
 * type OptimizerName = NameOr<'sgd' | 'adam'>;
 * const a: OptimizerName = 'adam';     // offered by the editor
 * const b: OptimizerName = 'myAdam';   // a custom registered name: accepted too
 * ```
 */
export type NameOr<Known extends string> = Known | (string & {});

function normalize(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}
