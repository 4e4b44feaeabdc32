/**
 * Reading `.keras` files in specs: the zip's three entries (with `fflate`) and the layout of
 * `model.weights.h5` (with `h5wasm`): every group and dataset by path, dataset shapes, and each
 * group's `name` attribute.
 */
import * as fs from 'fs';
import { unzipSync } from 'fflate';

/** The parts of h5wasm's API the specs read with (its types do not resolve under moduleResolution node). */
export declare namespace H5 {
  interface Attribute { value: unknown }
  interface Group { keys(): string[]; get(path: string): Group | Dataset | null; attrs: Record<string, Attribute | undefined> }
  interface Dataset { shape: number[] | null; value: unknown }
  type File = Group & { close(): void };
}
interface H5Wasm {
  ready: Promise<{ FS: { writeFile(path: string, data: Uint8Array): void; unlink(path: string): void } }>;
  File: new (path: string, mode: string) => H5.File;
  Group: new (...args: never[]) => H5.Group;
  Dataset: new (...args: never[]) => H5.Dataset;
}
// h5wasm is an ES module only; under Jest, require gets the CommonJS transform of jest.config.js.
const h5wasm = (require('h5wasm/node') as { default: H5Wasm }).default;

/** A group or dataset of an HDF5 file. */
export interface H5Entry { kind: 'group' | 'dataset'; shape?: number[]; name?: string }

let FS: Awaited<H5Wasm['ready']>['FS'] | null = null;

/** Waits for h5wasm's wasm to be ready; call it in `beforeAll` before {@link h5Layout}. */
export async function h5Ready(): Promise<void> {
  FS ??= (await h5wasm.ready).FS;
}

/**
 * Every group and dataset of an HDF5 file's bytes, by path, with dataset shapes and groups'
 * `name` attribute; `read` may read values before the file is closed.
 */
export function h5Layout(bytes: Uint8Array, read?: (file: H5.File) => void): Map<string, H5Entry> {
  if (!FS) throw new Error('h5Layout: await h5Ready() first (in beforeAll)');
  const fs5 = FS;
  const scratch = `/spec-${Math.random().toString(36).slice(2)}.h5`;
  fs5.writeFile(scratch, bytes);
  const file = new h5wasm.File(scratch, 'r');
  const out = new Map<string, H5Entry>();
  const walk = (group: H5.Group, prefix: string): void => {
    for (const key of group.keys()) {
      const item = group.get(key);
      if (item instanceof h5wasm.Group) {
        const attr = item.attrs.name;
        out.set(prefix + key, { kind: 'group', ...(attr ? { name: String(attr.value) } : {}) });
        walk(item, `${prefix}${key}/`);
      } else if (item instanceof h5wasm.Dataset) {
        out.set(prefix + key, { kind: 'dataset', shape: item.shape ?? [] });
      }
    }
  };
  try {
    walk(file, '');
    read?.(file);
  } finally {
    file.close();
    fs5.unlink(scratch);
  }
  return out;
}

/** The three entries of a `.keras` file, parsed, and the names of all its entries. */
export function unzipKeras(file: string): { metadata: Record<string, unknown>; config: Record<string, any>; h5: Uint8Array; names: string[] } {
  const entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
  const json = (name: string): any => JSON.parse(new TextDecoder().decode(entries[name]));
  return { metadata: json('metadata.json'), config: json('config.json'), h5: entries['model.weights.h5'], names: Object.keys(entries).sort() };
}
